"""Dates in a sentence, resolved against the source's publication date.

`read_dates(sentence, published)` returns every date phrase in the sentence as a `DateReading`: the
verbatim words (`text`, for date_text), the first and last day they may mean, ACLED's time_precision
and the part of the day when the words give one.

Rules (each tested in tests/curation/test_dates.py):
1. A weekday ("on Monday", "Monday night", "early on Tuesday", "Sunday's poll") is the last such day
   on or before publication: news speaks of the week just past. "night" runs into the next day.
2. "yesterday" and "last night" are the day before publication; "today", "this morning", "tonight" the day itself.
3. "last year" is the whole previous calendar year; "this year" runs from 1 January to publication
   (time_precision 4). "last month"/"this month" likewise at precision 3, "last week"/"this week" at 2.
4. "in the past 15 years" runs from that many years before publication to publication (precision 4).
5. A year after "in", "since" or "during" ("in 2017") is that calendar year; "since" runs to publication.
6. An explicit date ("October 5, 2020", "5 October", "Oct. 5") is read by dateparser; with no year it is the
   last such day on or before publication (dateparser's PREFER_DATES_FROM='past', from the publication date).
   A month alone ("in October", "October 2019") is that month (precision 3).
7. An hour ("at 10 pm", "22:30") gives only the part of the day; it is attached to the day named in the same
   sentence, and alone it dates nothing.
Weekday resolution is our own code (dateparser reads "Monday" relative to today's clock, and both it and
the rule above must agree with the codebook, which only our tests pin down).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import dateparser

from .numbers import TENS, UNITS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PARTS = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night"}
# Counts written as words ("two days ago", "a hundred years"): the number reader's words, less those that are no count of days.
NUMBER_WORDS = {word: value for word, value in (UNITS | TENS).items() if word not in ("a", "an", "zero")} | {
    "a hundred": 100
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_NUMBER = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"

# (pattern, reader name); matched case-insensitively, longest non-overlapping matches win.
_PATTERNS = [
    (rf"\b(?:on\s+)?{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?\b", "explicit"),
    (rf"\b(?:on\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b", "explicit"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "explicit"),
    (rf"\b(?:in\s+)?{_MONTH}(?:\s+(?:of\s+)?\d{{4}})?\b", "month"),
    (rf"\b(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:early|late)\s+)?{_WEEKDAY}(?:\s+{_PART})?\b", "weekday"),
    (rf"\b(?:(?:early|late)\s+)?(?:on\s+)?(?:the\s+)?{_PART}\s+of\s+{_WEEKDAY}\b", "weekday"),
    (
        r"\b(?:yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+" + _PART + r")?\b",
        "relative_day",
    ),
    (r"\b(?:last|this|past)\s+(?:year|month|week)\b", "relative_period"),
    (rf"\b(?:in|over|during)\s+the\s+(?:past|last)\s+{_NUMBER}\s+(?:years|months|weeks|days)\b", "past_span"),
    (r"\b(?:in|since|during)\s+(?:19|20)\d{2}\b", "year"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), kind) for p, kind in _PATTERNS]
_HOUR = re.compile(
    r"\b(?:at\s+|around\s+|about\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(?:at\s+)?([01]?\d|2[0-3]):([0-5]\d)\b",
    re.IGNORECASE,
)
# Month-name words that are also ordinary English words: only a date with a day makes them a date.
_AMBIGUOUS_MONTHS = {"may", "march", "jun", "mar", "dec", "jan"}


@dataclass(frozen=True)
class DateReading:
    start: int  # offsets in the sentence
    end: int
    text: str  # the verbatim words, for date_text
    event_date: date | None  # None: an hour with no day
    date_end: date | None
    time_precision: int
    time_of_day: str = ""
    note: str = ""


def last_weekday_on_or_before(weekday: int, published: date) -> date:
    """The last day with this weekday (0 = Monday) on or before the publication date."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def part_of_day(hour: int) -> str:
    if hour < 6:
        return "early_morning"
    if hour < 12:
        return "morning"
    if hour < 17:
        return "afternoon"
    if hour < 21:
        return "evening"
    return "night"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _part(words: str) -> str:
    lowered = words.lower()
    if re.search(r"\bearly\b", lowered):
        return "early_morning"
    for word, part in PARTS.items():
        if re.search(rf"\b{word}\b", lowered):
            return part
    if re.search(r"\blate\b", lowered):
        return "evening"
    return ""


def _day_reading(start: int, end: int, text: str, day: date, part: str, note: str) -> DateReading:
    # A night runs into the next morning (contract.TIME_OF_DAY_HOURS: night 19-30 h).
    return DateReading(start, end, text, day, day + timedelta(days=1) if part == "night" else None, 1, part, note)


def _weekday(start, end, text, published) -> DateReading | None:
    found = re.search(_WEEKDAY, text, re.IGNORECASE)
    if found is None:  # never: the pattern that sent these words here holds a weekday
        return None
    name = found.group(0).lower()
    day = last_weekday_on_or_before(WEEKDAYS.index(name), published)
    part = _part(text)
    return _day_reading(
        start,
        end,
        text,
        day,
        part,
        f"'{text}' read as the last {name.capitalize()} on or before publication ({published.isoformat()}): {day.isoformat()}.",
    )


def _relative_day(start, end, text, published) -> DateReading | None:
    lowered = text.lower()
    if lowered.startswith("yesterday") or lowered.startswith("last night"):
        day = published - timedelta(days=1)
    else:
        day = published
    part = "night" if ("night" in lowered or lowered == "tonight") else _part(lowered)
    return _day_reading(
        start, end, text, day, part, f"'{text}' resolved against publication ({published.isoformat()})."
    )


def _relative_period(start, end, text, published) -> DateReading | None:
    which, unit = text.lower().split()
    past = which in ("last", "past")
    if unit == "year":
        year = published.year - 1 if past else published.year
        first, last = date(year, 1, 1), (date(year, 12, 31) if past else published)
        precision = 4
    elif unit == "month":
        first_of_this = published.replace(day=1)
        first = (first_of_this - timedelta(days=1)).replace(day=1) if past else first_of_this
        last = first_of_this - timedelta(days=1) if past else published
        precision = 3
    else:
        this_monday = published - timedelta(days=published.weekday())
        first = this_monday - timedelta(days=7) if past else this_monday
        last = this_monday - timedelta(days=1) if past else published
        precision = 2
    return DateReading(
        start,
        end,
        text,
        first,
        last,
        precision,
        "",
        f"'{text}' resolved against publication ({published.isoformat()}).",
    )


def _past_span(start, end, text, published) -> DateReading | None:
    match = re.search(rf"(?:past|last)\s+({_NUMBER})\s+(years|months|weeks|days)", text, re.IGNORECASE)
    if match is None:  # never: the pattern that sent these words here holds this span
        return None
    raw, unit = match.group(1).lower(), match.group(2).lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    if unit == "years":
        first, precision = _years_before(published, count), 4
    elif unit == "months":
        first, precision = published - timedelta(days=30 * count), 3
    else:
        first, precision = (
            published - timedelta(days=(7 if unit == "weeks" else 1) * count),
            2 if unit == "weeks" else 1,
        )
    return DateReading(
        start,
        end,
        text,
        first,
        published,
        precision,
        "",
        f"'{text}' counted back from publication ({published.isoformat()}).",
    )


def _year(start, end, text, published) -> DateReading | None:
    year = int(text[-4:])
    if year > published.year:
        return None
    last = published if text.lower().startswith("since") or year == published.year else date(year, 12, 31)
    return DateReading(
        start,
        end,
        text,
        date(year, 1, 1),
        last,
        4,
        "",
        "Only the year is given." if year != published.year else "The publication year, up to publication.",
    )


def _explicit(start, end, text, published) -> DateReading | None:
    words = re.sub(r"^(?:on\s+)?(?:the\s+)?", "", text, flags=re.IGNORECASE)
    words = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", words)
    base = datetime.combine(published, datetime.min.time())
    parsed = dateparser.parse(
        words,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]},
    )
    if parsed is None:
        return None
    has_year = bool(re.search(r"\d{4}", words))
    note = (
        ""
        if has_year
        else f"No year given: the last {parsed.strftime('%d %B')} on or before publication ({published.isoformat()})."
    )
    return DateReading(start, end, text, parsed.date(), None, 1, "", note)


def _month(start, end, text, published) -> DateReading | None:
    words = re.sub(r"^in\s+", "", text, flags=re.IGNORECASE)
    year_match = re.search(r"\d{4}", words)
    name = re.sub(r"\s+(?:of\s+)?\d{4}$", "", words).rstrip(".").lower()
    if name in _AMBIGUOUS_MONTHS and not year_match and not text.lower().startswith("in "):
        return None
    if name in _AMBIGUOUS_MONTHS and not year_match and name in ("may", "march"):
        return None  # "in May" is a month, but "may" alone is a verb: only "in May 2020" is safe
    number = next((i for i, full in enumerate(calendar.month_name) if full and full.lower().startswith(name[:3])), None)
    if number is None:
        return None
    if year_match:
        year = int(year_match.group(0))
    else:
        year = published.year if number <= published.month else published.year - 1
    first = date(year, number, 1)
    last = (
        min(_month_end(year, number), published)
        if (year, number) == (published.year, published.month)
        else _month_end(year, number)
    )
    if first > published:
        return None
    return DateReading(start, end, text, first, last, 3, "", "Only the month is given.")


_READERS = {
    "explicit": _explicit,
    "month": _month,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "relative_period": _relative_period,
    "past_span": _past_span,
    "year": _year,
}


def _hours(sentence: str) -> list[tuple[int, int, str, str]]:
    found = []
    for match in _HOUR.finditer(sentence):
        if match.group(1):
            hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
            if int(match.group(1)) > 12:
                continue
        else:
            hour = int(match.group(4))
        found.append((match.start(), match.end(), match.group(0).strip(), part_of_day(hour)))
    return found


def read_dates(sentence: str, published: date) -> list[DateReading]:
    """Every date phrase in the sentence, in reading order, resolved against the publication date."""
    candidates = []
    for pattern, kind in _COMPILED:
        for match in pattern.finditer(sentence):
            candidates.append((match.start(), match.end(), kind))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    readings: list[DateReading] = []
    for start, end, kind in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        reading = _READERS[kind](start, end, sentence[start:end], published)
        if reading is not None:
            taken.append((start, end))
            readings.append(reading)
    readings.sort(key=lambda r: r.start)
    for start, end, text, part in _hours(sentence):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        days = [r for r in readings if r.time_precision == 1 and r.event_date is not None and not r.time_of_day]
        if days:  # the nearest day in the sentence takes the hour's part of the day
            nearest = min(days, key=lambda r: abs(r.start - start))
            readings[readings.index(nearest)] = replace(
                nearest, time_of_day=part, note=(nearest.note + f" '{text}': {part.replace('_', ' ')}.").strip()
            )
        else:
            readings.append(
                DateReading(start, end, text, None, None, 1, part, "An hour with no day: it dates nothing by itself.")
            )
    return sorted(readings, key=lambda r: r.start)
