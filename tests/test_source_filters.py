"""The two filters by source: `source` (events citing a chosen source) and `min_sources` (events reported by at least N).

On the two-source dataset of tests/multisource.py, whose answers are known by construction.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from citemap.corroboration import EventSources
from citemap.dataset import load
from citemap.filters import Filters, apply, describe
from citemap.index import DatasetIndex
from citemap.urlstate import ViewState, decode, encode

from . import multisource

ROOT = Path(__file__).resolve().parent.parent
FIRST = "news"
BOTH = {"ev-rally", "ev-clash"}  # cite both sources
WIKI_ONLY = "ev-annulled"  # cites the second source alone


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Path:
    return multisource.build(tmp_path_factory.mktemp("two") / "data")


@pytest.fixture(scope="module")
def index2(two_sources) -> DatasetIndex:
    return DatasetIndex(load(two_sources))


def wiki_name(index: DatasetIndex) -> str:
    return "Wikipedia" if "label" in index.dataset.sources.columns else "wiki"


def test_the_sources_of_each_event_are_derived_from_its_sentences(index2):
    events = index2.events
    sources = index2.event_sources
    # The same answer, worked out plainly from the ids: each event's cited sentences, their sources, counted.
    source_of = dict(zip(index2.dataset.sentences["sentence_id"], index2.dataset.sentences["source_id"]))
    expected = [len({source_of[s] for s in cell.split(";")}) for cell in events["sentence_ids"]]
    assert sources.count[events["order"].to_numpy()].tolist() == expected
    assert sources.count.tolist().count(2) == len(BOTH)


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(sources=("wiki",)), BOTH | {WIKI_ONLY}),
        (Filters(min_sources=2), BOTH),
        (Filters(min_sources=3), set()),
        (Filters(sources=(FIRST,), min_sources=2), BOTH),
        (Filters(sources=("wiki",), places=("pl-bishkek",)), BOTH),
    ],
)
def test_filters_by_source(index2, filters, expected):
    assert set(apply(index2, filters).index) == expected


def test_choosing_the_first_source_keeps_all_but_the_event_only_the_second_reports(index2):
    shown = set(apply(index2, Filters(sources=(FIRST,))).index)
    assert shown == set(index2.events.index) - {WIKI_ONLY}
    assert set(apply(index2, Filters(sources=(FIRST, "wiki"))).index) == set(index2.events.index)


def test_describe_says_which_sources(index2):
    n = len(index2.events)
    assert describe(index2, Filters(sources=("wiki",)), 3) == f"3 of {n} events, from {wiki_name(index2)}"
    assert describe(index2, Filters(min_sources=2), 2) == f"2 of {n} events, reported by at least 2 sources"
    assert describe(index2, Filters(min_sources=1), n) == f"{n} of {n} events, no filter"


@pytest.mark.parametrize(
    "state, params",
    [
        (ViewState(Filters(sources=("wiki", FIRST))), {"source": f"wiki,{FIRST}"}),
        (ViewState(Filters(min_sources=2)), {"min_sources": "2"}),
        (ViewState(Filters(min_sources=1)), {}),  # at its default: left out
    ],
)
def test_url_both_ways(index2, state, params):
    assert encode(state) == params
    back = decode(params, index2)
    assert (back.filters, back.notices) == (state.filters, ())


@pytest.mark.parametrize(
    "params, notice, kept",
    [
        (
            {"source": "wiki,nowhere"},
            "Ignored source “nowhere” in “source”: no such source in this dataset.",
            {"source": "wiki"},
        ),
        ({"min_sources": "0"}, "Ignored “min_sources=0”: not a whole number of 1 or more.", {}),
        ({"min_sources": "-2"}, "Ignored “min_sources=-2”: not a whole number of 1 or more.", {}),
        ({"min_sources": "1.5"}, "Ignored “min_sources=1.5”: not a whole number of 1 or more.", {}),
        ({"min_sources": "two"}, "Ignored “min_sources=two”: not a whole number of 1 or more.", {}),
        (
            {"min_sources": "\u0662"},
            "Ignored “min_sources=\u0662”: not a whole number of 1 or more.",
            {},
        ),  # an Arabic-Indic 2
        ({"min_sources": " 2"}, "Ignored “min_sources= 2”: not a whole number of 1 or more.", {}),
    ],
)
def test_url_values_that_do_not_parse_are_named(index2, params, notice, kept):
    state = decode(params, index2)
    assert state.notices == (notice,)
    assert encode(state) == kept


def test_more_sources_than_the_dataset_has_matches_nothing_but_is_kept(index2):
    state = decode({"min_sources": "12"}, index2)
    assert state.notices == () and state.filters.min_sources == 12
    assert apply(index2, state.filters).empty


def test_event_sources_at_scale_are_vectorized():
    """A million events citing three sentences each, from 5,000 sources: built in array operations, well under a second."""
    import time

    from citemap.links import EventLinks

    rng = np.random.default_rng(0)
    events, sentences, sources = 1_000_000, 2_000_000, 5_000
    citation_event = np.repeat(np.arange(events, dtype=np.int32), 3)
    citation_sentence = rng.integers(0, sentences, len(citation_event)).astype(np.int32)
    sentence_source = rng.integers(0, sources, sentences).astype(np.int32)
    empty = np.empty(0, dtype=np.int32)
    links = EventLinks(
        events, 0, empty, empty, empty, citation_event, citation_sentence, sentence_source, empty, (), empty
    )
    began = time.perf_counter()
    built = EventSources.build(links)
    assert time.perf_counter() - began < 5  # about 0.3 s; generous for a shared machine
    # Checked against the plain answer for a sample of events.
    for event in rng.integers(0, events, 200):
        expected = {int(sentence_source[s]) for s in citation_sentence[3 * event : 3 * event + 3]}
        assert built.count[event] == len(expected)
    chosen = np.array([7, 11])
    picked = built.events_from(chosen)
    has = np.isin(sentence_source[citation_sentence], chosen)
    assert np.array_equal(picked, np.bincount(citation_event[has], minlength=events) > 0)


def test_the_sidebar_offers_the_sources_and_the_url_follows(two_sources, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CITEMAP_DATA", str(two_sources))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    at.multiselect(key="sources").set_value(["wiki"]).run()
    assert not at.exception, [e.value for e in at.exception]
    said = next(m.value for m in at.markdown if " events, " in m.value).strip("*")
    name = "Wikipedia" if "label" in load(two_sources).sources.columns else "wiki"
    assert said == f"3 of 4 events, from {name}"
    assert at.query_params["source"] == "wiki"
    at.number_input(key="min_sources").set_value(2).run()
    said = next(m.value for m in at.markdown if " events, " in m.value).strip("*")
    assert said == f"2 of 4 events, from {name}, reported by at least 2 sources"
    assert at.query_params["min_sources"] == "2"


def test_the_bundled_data_offers_its_two_sources_by_label():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    sources = next(w for w in at.multiselect if w.key == "sources")
    assert list(sources.options) == ["News article, 6 Oct 2020", "Wikipedia"]


@pytest.mark.parametrize("key, value", [("disorder", "Political violence"), ("admin1", "Chuy"), ("inter", "1")])
def test_a_filter_the_sidebar_does_not_offer_is_ignored_from_a_link_with_a_notice(index, key, value):
    """The bundled data has no ACLED events, so ACLED's filters are not in the sidebar: a link setting one would
    hide events with nothing on screen to undo it."""
    state = decode({key: value}, index)
    assert state.notices == (f"Ignored “{key}={value}”: this dataset holds no events imported from ACLED.",)
    assert encode(state) == {}
    assert len(apply(index, state.filters)) == len(index.events)
