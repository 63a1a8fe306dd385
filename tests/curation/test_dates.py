"""Date phrases resolved against the publication date (citemap/curation/dates.py), across a week, a month and a year boundary."""

from datetime import date

import pytest

from citemap.curation.dates import last_weekday_on_or_before, read_dates

D = date.fromisoformat
TUE_6_OCT_2020 = D("2020-10-06")  # a Tuesday
MON_2_NOV_2020 = D("2020-11-02")  # a Monday, the week straddling October/November
FRI_1_JAN_2021 = D("2021-01-01")  # a Friday, the week straddling the new year

CASES = [
    # phrase in a sentence, publication date, expected verbatim words, first day, last day, time_precision, time_of_day
    ("Rallies started on Monday night.", TUE_6_OCT_2020, "on Monday night", "2020-10-05", "2020-10-06", 1, "night"),
    ("Rallies started on Monday night.", MON_2_NOV_2020, "on Monday night", "2020-11-02", "2020-11-03", 1, "night"),
    ("Rallies started on Monday night.", FRI_1_JAN_2021, "on Monday night", "2020-12-28", "2020-12-29", 1, "night"),
    (
        "Early on Tuesday, protesters broke in.",
        TUE_6_OCT_2020,
        "Early on Tuesday",
        "2020-10-06",
        None,
        1,
        "early_morning",
    ),
    (
        "Early on Tuesday, protesters broke in.",
        MON_2_NOV_2020,
        "Early on Tuesday",
        "2020-10-27",
        None,
        1,
        "early_morning",
    ),
    (
        "Early on Tuesday, protesters broke in.",
        FRI_1_JAN_2021,
        "Early on Tuesday",
        "2020-12-29",
        None,
        1,
        "early_morning",
    ),
    ("The minister spoke on Friday.", MON_2_NOV_2020, "on Friday", "2020-10-30", None, 1, ""),
    ("The minister spoke on Friday.", FRI_1_JAN_2021, "on Friday", "2021-01-01", None, 1, ""),
    ("They marched Monday evening.", TUE_6_OCT_2020, "Monday evening", "2020-10-05", None, 1, "evening"),
    ("A re-run of Sunday’s poll.", TUE_6_OCT_2020, "Sunday", "2020-10-04", None, 1, ""),
    ("It happened yesterday.", TUE_6_OCT_2020, "yesterday", "2020-10-05", None, 1, ""),
    ("It happened yesterday.", MON_2_NOV_2020, "yesterday", "2020-11-01", None, 1, ""),
    ("It happened yesterday.", FRI_1_JAN_2021, "yesterday", "2020-12-31", None, 1, ""),
    ("Putin tried to broker a peace last year.", TUE_6_OCT_2020, "last year", "2019-01-01", "2019-12-31", 4, ""),
    ("Putin tried to broker a peace last year.", FRI_1_JAN_2021, "last year", "2020-01-01", "2020-12-31", 4, ""),
    ("He was sentenced this year.", TUE_6_OCT_2020, "this year", "2020-01-01", "2020-10-06", 4, ""),
    ("He was sentenced this year.", FRI_1_JAN_2021, "this year", "2021-01-01", "2021-01-01", 4, ""),
    ("Prices rose last month.", MON_2_NOV_2020, "last month", "2020-10-01", "2020-10-31", 3, ""),
    ("Prices rose last month.", FRI_1_JAN_2021, "last month", "2020-12-01", "2020-12-31", 3, ""),
    ("Photo taken in Bishkek on October 5, 2020 (AP)", TUE_6_OCT_2020, "on October 5, 2020", "2020-10-05", None, 1, ""),
    ("Photo taken on 5 October.", TUE_6_OCT_2020, "on 5 October", "2020-10-05", None, 1, ""),
    ("The vote on December 30 was annulled.", FRI_1_JAN_2021, "on December 30", "2020-12-30", None, 1, ""),
    ("The vote on December 30 was annulled.", TUE_6_OCT_2020, "on December 30", "2019-12-30", None, 1, ""),
    ("He won the election in 2017.", TUE_6_OCT_2020, "in 2017", "2017-01-01", "2017-12-31", 4, ""),
    (
        "In the past 15 years, two presidents fell.",
        TUE_6_OCT_2020,
        "In the past 15 years",
        "2005-10-06",
        "2020-10-06",
        4,
        "",
    ),
    ("Shots were heard at 10 pm on Monday.", TUE_6_OCT_2020, "on Monday", "2020-10-05", None, 1, "night"),
    ("Crowds gathered at 7:30 yesterday.", FRI_1_JAN_2021, "yesterday", "2020-12-31", None, 1, "morning"),
]


@pytest.mark.parametrize("sentence, published, words, first, last, precision, part", CASES)
def test_date_phrases(sentence, published, words, first, last, precision, part):
    readings = [r for r in read_dates(sentence, published) if r.event_date is not None]
    assert len(readings) == 1, readings
    reading = readings[0]
    assert reading.text == words and words in sentence  # date_text verbatim
    assert reading.event_date == D(first)
    assert reading.date_end == (D(last) if last else None)
    assert (reading.time_precision, reading.time_of_day) == (precision, part)


@pytest.mark.parametrize(
    "weekday, published, expected",
    [
        (0, TUE_6_OCT_2020, "2020-10-05"),
        (1, TUE_6_OCT_2020, "2020-10-06"),
        (2, TUE_6_OCT_2020, "2020-09-30"),
        (6, MON_2_NOV_2020, "2020-11-01"),
        (5, FRI_1_JAN_2021, "2020-12-26"),
        (4, FRI_1_JAN_2021, "2021-01-01"),
    ],
)
def test_last_weekday_on_or_before(weekday, published, expected):
    assert last_weekday_on_or_before(weekday, published) == D(expected)


@pytest.mark.parametrize(
    "sentence", ["They may meet soon.", "The march was peaceful.", "Around 2,000 protesters.", "An hour at most."]
)
def test_no_date_where_there_is_none(sentence):
    assert [r for r in read_dates(sentence, TUE_6_OCT_2020) if r.event_date is not None] == []


def test_an_hour_alone_dates_nothing():
    readings = read_dates("Shots rang out at 22:30.", TUE_6_OCT_2020)
    assert [(r.event_date, r.time_of_day) for r in readings] == [(None, "night")]
