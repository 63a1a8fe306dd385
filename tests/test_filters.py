"""Filtering and describing a filter: tables of input and expected output (Datasette's style)."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citemap.filters import Filters, apply, describe, describe_dates
from citemap.index import contains
from citemap.names import fold

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "filters, expected_in, expected_out",
    [
        (Filters(), {"ev-osh-rally", "ev-tulip-revolution-2005"}, set()),
        # Rule 1: a range keeps exact events inside it and vague events that could fall in it.
        (
            Filters(date(2020, 10, 6), date(2020, 10, 6)),
            {"ev-atambayev-freed", "ev-monday-rallies", "ev-atambayev-sentenced"},
            {"ev-bishkek-rally", "ev-parliamentary-election", "ev-putin-mediation"},
        ),
        (
            Filters(date_to=date(2019, 12, 31)),
            {"ev-putin-mediation", "ev-tulip-revolution-2005"},
            {"ev-atambayev-sentenced", "ev-osh-rally"},
        ),
        # Rule 2: any role counts.
        (Filters(actors=("act-turdukuov",)), {"ev-atambayev-freed"}, {"ev-osh-rally"}),
        (
            Filters(actors=("act-putin", "act-asylbek-jeenbekov")),
            {"ev-putin-mediation", "ev-osh-rally"},
            {"ev-atambayev-freed"},
        ),
        # Rule 3. The rally of 5 October and the violence at it are one violent demonstration (docs/CODEBOOK.md, section 2).
        (Filters(event_types=("Riots",)), {"ev-white-house-seized", "ev-bishkek-rally"}, {"ev-monday-rallies"}),
        # Rule 4: a city includes its sites; no place never matches.
        (
            Filters(places=("pl-bishkek",)),
            {"ev-white-house-seized", "ev-atambayev-freed", "ev-bishkek-rally"},
            {"ev-osh-rally", "ev-putin-mediation"},
        ),
        (Filters(places=("pl-white-house",)), {"ev-white-house-seized"}, {"ev-bishkek-rally"}),
        # Rule 5: summaries, date words and quotes, ignoring case.
        (Filters(search="BONFIRE"), {"ev-white-house-seized"}, {"ev-osh-rally"}),
        (Filters(search="they surrendered"), {"ev-atambayev-freed"}, {"ev-white-house-seized"}),
        (Filters(search="last year"), {"ev-putin-mediation", "ev-atambayev-arrest"}, {"ev-osh-rally"}),
        # Criteria combine with AND.
        (
            Filters(event_types=("Protests",), places=("pl-osh",)),
            {"ev-osh-rally"},
            {"ev-bishkek-rally", "ev-provincial-rallies"},
        ),
        (Filters(search="zzz-not-there"), set(), {"ev-osh-rally"}),
    ],
)
def test_apply(index, filters, expected_in, expected_out):
    shown = set(apply(index, filters).index)
    assert expected_in <= shown
    assert not (expected_out & shown)


def test_apply_returns_events_in_time_order(index):
    shown = apply(index, Filters())
    assert list(shown["start"]) == sorted(shown["start"])


@pytest.mark.parametrize(
    "date_from, date_to, words",
    [
        (None, None, ""),
        (date(2020, 10, 5), date(2020, 10, 6), "5–6 October 2020"),
        (date(2020, 10, 6), date(2020, 10, 6), "6 October 2020"),
        (date(2020, 9, 30), date(2020, 10, 6), "30 September – 6 October 2020"),
        (date(2019, 12, 30), date(2020, 1, 2), "30 December 2019 – 2 January 2020"),
        (date(2020, 10, 5), None, "from 5 October 2020"),
        (None, date(2020, 10, 5), "up to 5 October 2020"),
    ],
)
def test_describe_dates(date_from, date_to, words):
    assert describe_dates(date_from, date_to) == words


@pytest.mark.parametrize(
    "filters, sentence",
    [
        (Filters(), "38 of 38 events, no filter"),
        (
            Filters(date(2020, 10, 5), date(2020, 10, 6), actors=("act-atambayev",)),
            "{n} of 38 events, 5–6 October 2020, involving Almazbek Atambayev",
        ),
        (
            Filters(actors=("act-putin", "act-atambayev", "act-turdukuov")),
            "{n} of 38 events, involving Vladimir Putin, Almazbek Atambayev or Adil Turdukuov",
        ),
        (
            Filters(event_types=("Protests", "Riots"), places=("pl-osh",)),
            "{n} of 38 events, of type Protests or Riots, in Osh",
        ),
        (Filters(search=" fire "), "{n} of 38 events, mentioning “fire”"),
    ],
)
def test_describe(index, filters, sentence):
    shown = len(apply(index, filters))
    assert describe(index, filters, shown) == sentence.format(n=shown)


# Search scans the text in Arrow rather than keeping a folded copy (at a million events, ~200 MB):
# it must answer exactly as `fold(needle) in fold(text)` does (case and diacritics ignored), for any text.
_TEXT = st.text(
    alphabet=st.sampled_from(
        list("aAbBkKsSiIeE .()[]*?\\$^|+")
        + ["ß", "ẞ", "K", "ſ", "İ", "ı", "é", "É", "Ω", "ω", "Я", "я", "ﬁ", "Σ", "ς", "σ"]
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), _TEXT), min_size=1, max_size=8), needle=_TEXT.filter(lambda t: t.strip()))
def test_search_matches_as_casefold_does(texts, needle):
    folded = fold(needle.strip())
    values = pd.Series(texts, dtype="str")
    expected = [isinstance(t, str) and folded in fold(t) for t in texts]
    assert contains(values, folded).tolist() == expected


def test_search_looks_in_each_field_not_across_them(index):
    """The words must be inside one summary, one date text or one cited sentence."""
    event = index.events.loc["ev-osh-rally"]
    across = f"{event['summary'].split()[-1]} {event['date_text'].split()[0]}"
    assert across.casefold() not in event["summary"].casefold()
    assert "ev-osh-rally" not in set(apply(index, Filters(search=across)).index)
    assert "ev-osh-rally" in set(apply(index, Filters(search=event["summary"][-12:])).index)


@pytest.mark.parametrize(
    "words",
    ["“WITHOUT WEAPONS”", "They surrendered,”", "Jeenbekov’s", "BONFIRE", "last year", "  osh  ", "no such words"],
)
def test_search_finds_what_a_plain_scan_of_summaries_dates_and_quotes_finds(index, words):
    """Search through `apply`, against a plain Python scan: summary, date words, or any sentence the event cites."""
    needle = words.strip().casefold()
    quotes = dict(zip(index.dataset.sentences["sentence_id"], index.dataset.sentences["text"]))
    expected = {
        event["event_id"]
        for event in index.dataset.events.to_dict("records")
        if needle in event["summary"].casefold()
        or needle in str(event["date_text"]).casefold()
        or any(needle in quotes[s.strip()].casefold() for s in event["sentence_ids"].split(";") if s.strip())
    }
    assert set(apply(index, Filters(search=words)).index) == expected
    assert set(apply(index, Filters(search=words)).index) == expected  # asked again: the kept answer is the same


# ---------------------------------------------------------------- the registry: every part built from FILTERS


def test_every_part_of_a_filter_comes_from_the_registry():
    import argparse
    import dataclasses

    from citemap.filters import FILTERS, add_arguments, event_mask
    from citemap.urlstate import URL_KEYS

    fields = [field.name for f in FILTERS for field in f.fields]
    assert [field.name for field in dataclasses.fields(Filters)] == fields
    keys = [key for f in FILTERS for key in f.url_keys]
    assert len(set(keys)) == len(keys) and list(URL_KEYS)[: len(keys)] == keys
    widgets = [f.widget.key for f in FILTERS]
    assert len(set(widgets)) == len(widgets)
    for number, f in enumerate(FILTERS, 1):
        assert f"{number}. {f.rule.split()[0]}" in event_mask.__doc__
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert sorted(action.dest for action in parser._actions if action.dest != "help") == sorted(
        f"url_{key}" for key in keys
    )


def test_a_filter_at_its_default_does_not_restrict_or_speak(index):
    from citemap.filters import FILTERS

    for f in FILTERS:
        assert f.mask(index, Filters()) is None, type(f).__name__
        assert f.words(index, Filters()) == "", type(f).__name__
        assert not any(f.write(Filters()).values()), type(f).__name__
