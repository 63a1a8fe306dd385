"""Numbers read with their words, qualifier and metric (citemap/curation/numbers.py), per docs/CODEBOOK.md."""

import pytest

from citemap.curation.numbers import read_figures, spelled_value

CASES = [
    # sentence, value_text, value, value_high, qualifier, metric
    (
        "Early on Tuesday, around 2,000 protesters broke into the building.",
        "around 2,000 protesters",
        2000,
        None,
        "approx",
        "participants",
    ),
    ("Rallies began as thousands of people protested.", "thousands of people", 2000, None, "at_least", "participants"),
    (
        "Nearly 600 people were hospitalised.",
        "Nearly 600 people were hospitalised",
        600,
        None,
        "at_most",
        "hospitalised",
    ),
    (
        "One and a half hundred protesters gathered.",
        "One and a half hundred protesters",
        150,
        None,
        "approx",
        "participants",
    ),
    ("Police arrested 13 people in Osh.", "13 people", 13, None, "exact", "arrested"),
    (
        "One person has been killed and 590 wounded in the clashes.",
        "One person has been killed",
        1,
        None,
        "exact",
        "killed",
    ),
    ("Between 10 and 20 people were killed.", "Between 10 and 20 people were killed", 10, 20, "range", "killed"),
    ("5-7 people were detained.", "5-7 people were detained", 5, 7, "range", "detained"),
    ("More than 1,200 demonstrators marched.", "More than 1,200 demonstrators", 1200, None, "at_least", "participants"),
    ("Dozens of people were injured.", "Dozens of people were injured", 24, None, "at_least", "wounded"),
    (
        "Several provincial governors have resigned.",
        "Several provincial governors",
        2,
        None,
        "at_least",
        "officials_resigned",
    ),
    (
        "Opposition groups took over several more buildings.",
        "several more buildings",
        2,
        None,
        "at_least",
        "additional_buildings_seized",
    ),
    (
        "The Central Asian country of 6.5 million has a history of volatility.",
        "6.5 million",
        6_500_000,
        None,
        "approx",
        "population",
    ),
    ("He was serving an 11-year-sentence.", "11-year-sentence", 11, None, "exact", "prison_sentence"),
    ("The pair fell out after the 61-year-old won.", "the 61-year-old", 61, None, "exact", "age"),
]


@pytest.mark.parametrize("sentence, words, value, high, qualifier, metric", CASES)
def test_figures(sentence, words, value, high, qualifier, metric):
    readings = read_figures(sentence)
    reading = readings[0]
    assert reading.text == words and words in sentence  # value_text verbatim
    assert (reading.value, reading.value_high, reading.qualifier, reading.metric) == (value, high, qualifier, metric)


@pytest.mark.parametrize(
    "sentence",
    [
        "People protest in Bishkek on October 5, 2020 (AFP)",  # days and years are dates, not figures
        "Local news website 24.kg reported.",
        "A spokesman said the vote was fair.",
    ],
)
def test_no_figure(sentence):
    skip = [(sentence.index("October"), len(sentence))] if "October" in sentence else []
    assert read_figures(sentence, skip) == []


@pytest.mark.parametrize(
    "words, value",
    [
        ("13", 13),
        ("twenty-five", 25),
        ("two thousand", 2000),
        ("one and a half hundred", 150),
        ("2,000", 2000),
        ("a hundred", 100),
    ],
)
def test_spelled_values(words, value):
    assert spelled_value(words) == value
