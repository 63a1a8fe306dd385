"""Numbers in a sentence, with their words, qualifier and what they count.

`read_figures(sentence)` returns a `FigureReading` for every number the sentence reports: the value (and
upper bound for a range), the qualifier, the verbatim words (value_text), the metric in snake_case and
its unit. The vague words follow docs/CODEBOOK.md, read at their weakest:
"several" / "a few" at least 2, "dozens" at least 24, "hundreds" at least 200, "thousands" at least 2,000,
"tens of thousands" at least 20,000; "around/about/some/roughly 2,000" approx; "nearly/almost 600" at most 600;
"more than/over/at least" at least; "up to/fewer than" at most; "between 10 and 20", "10 to 20", "10-20" a range;
"6.5 million" approx (a rounded figure); a plain "13" or "one person" exact.
Numbers that are part of a date (days, years) are not figures; callers pass the date spans to skip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague quantity words: (lower bound, how the codebook reads them).
VAGUE = {
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "thousands": 2_000,
    "hundreds": 200,
    "dozens": 24,
    "scores": 40,
    "several": 2,
    "a few": 2,
    "a number of": 2,
    "many": 2,
    "multiple": 2,
}
APPROX = (
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "up to about",
    "nearly about",
)
AT_MOST = ("nearly", "almost", "up to", "fewer than", "less than", "at most", "no more than", "under", "just under")
AT_LEAST = ("more than", "over", "at least", "no fewer than", "upwards of", "in excess of", "at least some")

_WORD_NUMBER = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_SPELLED = rf"(?:(?:{_WORD_NUMBER})(?:[\s-]+(?:and\s+)?(?:a\s+half\s+)?(?:{_WORD_NUMBER}))*)"
_DIGITS = r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?=[\s,;:)%-]|$|\.(?:\s|$))"
_QUALIFIER = "|".join(re.escape(q) for q in sorted({*APPROX, *AT_MOST, *AT_LEAST}, key=len, reverse=True))
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_NUMBER = rf"(?:{_DIGITS}|\b{_SPELLED}\b)(?:\s+(?:million|billion|thousand|hundred)\b)?"
_RANGE = re.compile(rf"\b(?:between\s+)?({_NUMBER})\s*(?:and|to|-|–)\s*({_NUMBER})", re.IGNORECASE)
_QUANTITY = re.compile(rf"(?:\b({_QUALIFIER})\s+)?(?:({_NUMBER})|\b({_VAGUE})\b)", re.IGNORECASE)

# Words after a number that say what it counts: (pattern, metric, unit); first match wins.
_CASUALTY = [
    (r"(?:killed|dead|died|deaths?|lost their lives|fatalities)", "killed"),
    (r"(?:wounded|injured|hurt|injuries)", "wounded"),
    (r"(?:hospitali[sz]ed|in hospital)", "hospitalised"),
    (r"(?:arrested|arrests)", "arrested"),
    (r"(?:detained|detentions)", "detained"),
    (r"(?:missing)", "missing"),
]
_NOUNS = [
    (
        r"(?:protesters|protestors|demonstrators|people|supporters|participants|marchers|persons?|residents|activists|men|women)",
        "participants",
    ),
    (r"(?:(?:provincial\s+)?(?:cities|towns|centres|centers|villages|regions|provinces))", "cities"),
    (r"(?:(?:government\s+|public\s+)?buildings)", "buildings"),
    (r"(?:(?:provincial\s+)?(?:governors|officials|ministers|mayors))", "officials"),
    (r"(?:presidents)", "presidents"),
]
_SEIZE = re.compile(r"\b(?:seized|seize|took over|take over|taken over|captured|stormed|occupied)\b", re.IGNORECASE)
_RESIGN = re.compile(r"\b(?:resigned|resign|stepped down|quit)\b", re.IGNORECASE)
_TOPPLE = re.compile(r"\b(?:toppled|ousted|overthrown|removed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FigureReading:
    start: int
    end: int
    text: str  # value_text, verbatim
    value: float
    value_high: float | None
    qualifier: str
    metric: str
    unit: str = ""
    note: str = ""
    number_start: int = 0  # where the number itself starts (for the subject: "Atambayev, 64")


def spelled_value(words: str) -> float | None:
    """'one and a half hundred' -> 150, 'twenty-five' -> 25, 'two thousand' -> 2000, '13' -> 13."""
    words = re.sub(r"\ban?\s+half\b", "half", words.lower().replace(",", "").strip())
    try:
        return float(words)
    except ValueError:
        pass
    total, current, half = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", words):
        if token == "and":
            continue
        if token == "half":
            half = True
            continue
        if token in ("a", "an") and half:
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in SCALES:
            current = (current or 1) + (0.5 if half else 0)
            half = False
            current *= SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0.0
        else:
            try:
                current += float(token)
            except ValueError:
                return None
    value = total + current + (0.5 if half else 0)
    return value


def number_value(text: str) -> float | None:
    text = text.strip()
    match = re.match(r"^([\d,.]+)\s+(million|billion|thousand|hundred)$", text, re.IGNORECASE)
    if match:
        return float(match.group(1).replace(",", "")) * SCALES[match.group(2).lower()]
    return spelled_value(text)


def _metric(sentence: str, after: str, start: int) -> tuple[str, str, int]:
    """(metric, unit, length of the words after the number that say it); metric '' when nothing does."""
    for pattern, metric in _CASUALTY:  # "590 wounded", "one person has been killed", "13 people were arrested"
        match = re.match(
            rf"(?:\s+(?:of\s+)?(?:people|persons?|protesters|civilians|police(?:men)?|officers))?(?:\s+(?:have|has|had|were|was)(?:\s+been)?)?\s+{pattern}\b",
            after,
            re.IGNORECASE,
        )
        if match:
            return metric, "", match.end()
    for pattern, metric in _NOUNS:
        match = re.match(
            rf"(?:\s+of)?(?:\s+(?:its|their|his|her|the|more))?(?:\s+\w+)?\s+{pattern}\b", after, re.IGNORECASE
        )
        if not match or re.match(r"\s+(?:of\s+)?(?:its|their|his|her|the)?\s*\w+\s+(?:killed|wounded)", after):
            continue
        words = match.group(0).lower()
        if metric == "buildings" and _SEIZE.search(sentence):
            metric = "buildings_seized"
        if metric == "officials" and _RESIGN.search(sentence):
            metric = "officials_resigned"
        if metric == "presidents" and _TOPPLE.search(sentence):
            metric = "presidents_toppled"
        if re.search(r"\bmore\b", words) and metric != "participants":
            metric = "additional_" + metric
        return metric, "", match.end()
    return "", "", 0


def _qualifier_of(word: str | None) -> str:
    if not word:
        return "exact"
    word = word.lower()
    if word in APPROX:
        return "approx"
    if word in AT_MOST:
        return "at_most"
    return "at_least"


def read_figures(sentence: str, skip: Sequence[tuple[int, int]] = ()) -> list[FigureReading]:
    """Every reported number in the sentence; `skip` holds spans (dates) whose digits are not figures."""
    found: list[FigureReading] = []
    taken: list[tuple[int, int]] = list(skip)

    def free(start: int, end: int) -> bool:
        return not any(start < t_end and t_start < end for t_start, t_end in taken)

    def add(reading: FigureReading) -> None:
        found.append(reading)
        taken.append((reading.start, reading.end))

    # Forms whose words say the metric themselves.
    for match in re.finditer(r"\b(?:the\s+)?(\d{1,3})-year-old\b", sentence):
        if free(*match.span()):
            add(
                FigureReading(
                    match.start(),
                    match.end(),
                    match.group(0),
                    float(match.group(1)),
                    None,
                    "exact",
                    "age",
                    "years",
                    number_start=match.start(1),
                )
            )
    for match in re.finditer(r"\b[A-Z][\w’'-]+,\s+(\d{1,3}),", sentence):  # "Atambayev, 64,"
        if free(match.start(1), match.end(1)) and 10 <= int(match.group(1)) <= 110:
            add(
                FigureReading(
                    match.start(),
                    match.end() - 1,
                    match.group(0)[:-1],
                    float(match.group(1)),
                    None,
                    "exact",
                    "age",
                    "years",
                    number_start=match.start(1),
                )
            )
    for match in re.finditer(
        rf"\b({_NUMBER})[\s-]year[\s-](?:prison\s+)?(?:sentence|term|jail term|prison term)\b", sentence, re.IGNORECASE
    ):
        if free(*match.span()) and (value := number_value(match.group(1))) is not None:
            add(
                FigureReading(
                    match.start(),
                    match.end(),
                    match.group(0),
                    value,
                    None,
                    "exact",
                    "prison_sentence",
                    "years",
                    number_start=match.start(),
                )
            )
    for match in re.finditer(
        rf"\b(?:in|over|during)\s+the\s+(?:past|last)\s+({_NUMBER})\s+(years|months|weeks|days)\b",
        sentence,
        re.IGNORECASE,
    ):
        if (value := number_value(match.group(1))) is not None:
            add(
                FigureReading(
                    match.start(),
                    match.end(),
                    match.group(0),
                    value,
                    None,
                    "exact",
                    "period",
                    match.group(2).lower(),
                    number_start=match.start(1),
                )
            )
    for match in re.finditer(
        r"\b(?:country|nation|city|town|region|population)\s+of\s+(?:some\s+|about\s+|around\s+)?(\d+(?:\.\d+)?\s+(?:million|billion|thousand)|\d{1,3}(?:,\d{3})+)",
        sentence,
        re.IGNORECASE,
    ):
        if free(match.start(1), match.end(1)) and (value := number_value(match.group(1))) is not None:
            rounded = bool(re.search(r"million|billion|thousand", match.group(1), re.IGNORECASE))
            add(
                FigureReading(
                    match.start(1),
                    match.end(1),
                    match.group(1),
                    value,
                    None,
                    "approx" if rounded else "exact",
                    "population",
                    "people",
                    number_start=match.start(1),
                )
            )

    for match in _RANGE.finditer(sentence):
        low, high = number_value(match.group(1)), number_value(match.group(2))
        if low is None or high is None or not low < high or not free(*match.span()):
            continue
        metric, unit, length = _metric(sentence, sentence[match.end() :], match.end())
        if not metric:
            continue
        add(
            FigureReading(
                match.start(),
                match.end() + length,
                sentence[match.start() : match.end() + length],
                low,
                high,
                "range",
                metric,
                unit,
                number_start=match.start(),
            )
        )

    for match in _QUANTITY.finditer(sentence):
        number_span = match.span(2) if match.group(2) else match.span(3)
        start = (
            match.start() if match.group(2) else number_span[0]
        )  # "took over several": a qualifier only before a number
        if match.group(1) and re.search(
            r"\b(?:took|take|takes|taken|taking|took\s+\w+)\s*$", sentence[: match.start()], re.IGNORECASE
        ):
            start = match.start(1) + len(match.group(1)) + 1
        if not free(*number_span) or not free(start, match.end()):
            continue
        words = match.group(2) or match.group(3)
        if words.lower() in ("a", "an", "one") and not re.match(
            r"\s+(?:person|people|man|woman|protester|officer|civilian)\b", sentence[match.end() :], re.IGNORECASE
        ):
            continue  # "a", "an", "one" count something only when a person noun follows
        metric, unit, length = _metric(sentence, sentence[match.end() :], match.end())
        verb = re.search(
            r"\b(arrested|detained|killed|injured|wounded|hospitali[sz]ed)\s+$", sentence[:start], re.IGNORECASE
        )
        if verb and metric in ("participants", ""):  # "police arrested 13 people"
            metric = next(m for p, m in _CASUALTY if re.fullmatch(p, verb.group(1), re.IGNORECASE))
            length = length or 0
        if not metric:
            continue
        if match.group(3):
            value, qualifier, note = (
                float(VAGUE[match.group(3).lower()]),
                "at_least",
                f"'{match.group(3)}' read at its weakest: at least {VAGUE[match.group(3).lower()]:,} (docs/CODEBOOK.md).",
            )
        else:
            value = number_value(words)
            if value is None:
                continue
            qualifier = _qualifier_of(match.group(1) if start == match.start() else None)
            if qualifier == "exact" and re.search(r"million|billion|\bhalf\b", words, re.IGNORECASE):
                qualifier = "approx"  # a rounded figure
            note = "" if qualifier == "exact" else f"'{match.group(1) or words}' read as {qualifier.replace('_', ' ')}."
        end = match.end() + length
        add(
            FigureReading(
                start, end, sentence[start:end], value, None, qualifier, metric, unit, note, number_start=number_span[0]
            )
        )
    return sorted(found, key=lambda f: f.start)
