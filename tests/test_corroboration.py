"""Who reports each event, and where reports disagree: on the bundled data and on a two-source dataset built for it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from citemap.dataset import load
from citemap.disagreement import contested_figure_rows
from citemap.index import DatasetIndex
from citemap.overview import headline_value, headlines
from citemap.provenance import disagreements_in, event_source_ids, reported_by
from citemap.tables import split_list

from . import multisource
from .conftest import DATA


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> DatasetIndex:
    return DatasetIndex(load(multisource.build(tmp_path_factory.mktemp("two") / "data")))


@pytest.fixture(scope="module", params=["bundled", "two-sources"])
def any_index(request, two_sources) -> DatasetIndex:
    return DatasetIndex(load(DATA)) if request.param == "bundled" else two_sources


def test_a_dataset_with_two_sources_meets_the_contract(two_sources):
    assert two_sources.dataset.warnings == ()
    assert list(two_sources.dataset.sources["source_id"]) == ["news", "wiki"]
    assert len(two_sources.dataset.event_dates) == 2


def test_each_events_sources_are_those_of_the_sentences_it_cites(any_index):
    """The vectorised count against the plain reading of the tables, event by event."""
    sentence_source = dict(
        zip(any_index.dataset.sentences["sentence_id"], any_index.dataset.sentences["source_id"].astype(str))
    )
    order = list(any_index.dataset.sources["source_id"])
    for event_id, event in any_index.events.iterrows():
        expected = sorted({sentence_source[s] for s in split_list(event["sentence_ids"])}, key=order.index)
        assert event_source_ids(any_index, event_id) == expected, event_id
        assert any_index.event_sources.count[int(event["order"])] == len(expected)


@pytest.mark.parametrize(
    ("event_id", "words"),
    [
        ("ev-rally", "Reported by 2 sources: News; Wikipedia"),
        ("ev-clash", "Reported by 2 sources: News; Wikipedia"),
        ("ev-tear-gas", "Reported by 1 source only: News"),
    ],
)
def test_corroboration_in_words(two_sources, event_id, words):
    assert reported_by(two_sources, event_id) == words


def test_a_number_two_sources_give_differently_is_contested_with_every_report(two_sources):
    found = disagreements_in(two_sources, two_sources.events)
    numbers = [d for d in found if d.kind == "number"]
    assert [(d.what, d.event_id) for d in numbers] == [("wounded", "ev-clash")]  # killed: 1 and 1 agree
    reports = numbers[0].reports
    assert [(r.value, r.words, r.reporter, r.source_id) for r in reports] == [
        ("590", "590 wounded", "Government of Kyrgyzstan", "news"),
        ("590", "590 others were injured", "", "wiki"),
        ("at least 1,000", "1,000+", "", "wiki"),
    ]


def test_an_event_two_sources_date_differently_is_contested(two_sources):
    dates = [d for d in disagreements_in(two_sources, two_sources.events) if d.kind == "date"]
    assert [d.event_id for d in dates] == ["ev-rally"]
    assert [(r.words, r.source_id, r.sentence_id) for r in dates[0].reports] == [
        ("Monday evening", "news", "news-s001"),
        ("4 October 2020", "wiki", "wiki-s001"),
    ]
    assert dates[0].reports[0].value == "5 October 2020, evening (exact day)"


def test_a_filter_that_hides_the_event_hides_its_disagreements(two_sources):
    shown = two_sources.events.loc[["ev-tear-gas"]]
    assert disagreements_in(two_sources, shown) == []


@pytest.mark.parametrize(
    ("values", "contested"),
    [
        ([(590, None, "exact"), (590, None, "exact")], False),
        ([(590, None, "exact"), (1000, None, "at_least")], True),
        ([(1000, None, "at_least"), (1000, None, "exact")], True),  # the same number, read differently
        ([(5, 10, "range"), (5, None, "at_least")], True),
    ],
)
def test_reports_of_one_quantity_are_contested_when_any_part_differs(two_sources, values, contested):
    figures = two_sources.dataset.figures.iloc[: len(values)].copy()
    figures["metric"] = "wounded"
    figures["event_id"] = "ev-clash"
    figures["value"] = [float(v) for v, _, _ in values]
    figures["value_high"] = [np.nan if h is None else float(h) for _, h, _ in values]
    figures["qualifier"] = [q for _, _, q in values]
    rows = contested_figure_rows(figures)
    assert (len(rows) == len(values)) is contested and (len(rows) == 0) is (not contested)


def test_reports_of_different_events_are_not_compared(two_sources):
    figures = two_sources.dataset.figures.iloc[:2].copy()
    figures["metric"] = "wounded"
    figures["event_id"] = ["ev-clash", "ev-rally"]
    assert contested_figure_rows(figures).empty


def test_a_contested_headline_shows_the_range_and_keeps_every_report(two_sources):
    found = {h.metric: h for h in headlines(two_sources, two_sources.events, 4)}
    assert set(found) == {"killed", "wounded"}
    assert not found["killed"].contested and len(found["killed"].reports) == 2
    assert found["wounded"].contested and len(found["wounded"].reports) == 3
    assert headline_value(two_sources, found["wounded"]) == "590 – ≥1,000"
    assert headline_value(two_sources, found["killed"]) == "1"


def test_the_disagreements_page_words_one_page_of_a_large_datasets_facts(tmp_path, monkeypatch):
    """A synthetic dataset carries many contested counts, some with two reports in one sentence: the page counts
    them all (checked against a plain group-by of the figures), words one page of 20, and draws every button."""
    import math

    from streamlit.testing.v1 import AppTest

    from citemap.synth import synth

    from .conftest import ROOT

    data = synth(1000, tmp_path / "data", seed=0)
    figures = load(data).figures.astype("object").fillna("")
    readings = figures.groupby(["metric", "event_id", "actor_id", "place_id"])[
        ["value", "value_high", "qualifier"]
    ].apply(lambda group: len(set(map(tuple, group.to_numpy()))))
    contested = int((readings > 1).sum())
    assert contested > 20, "the synthetic data should hold more contested facts than one page"
    monkeypatch.setenv("CITEMAP_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/7_Disagreements.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(m.value.startswith(f"**{contested:,} contested facts**") for m in at.markdown)
    assert any(n.label == f"Page of contested facts (of {math.ceil(contested / 20)})" for n in at.number_input)
    headings = [m for m in at.markdown if m.value.startswith("#### ") and m.value != "#### Evidence"]
    assert len(headings) == 20
    assert sum(1 for b in at.button if b.label.startswith("Read ")) >= 2 * 20  # every report of every fact shown


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(590, "exact"), (590, "approx")], "590 / ≈590"),  # one number read two ways: both written, not "590 – 590"
        ([(1000, "at_least"), (1000, "exact")], "≥1,000 / 1,000"),  # in the reports' order
        ([(590, "exact"), (1000, "at_least"), (700, "approx")], "590 – ≥1,000"),
    ],
)
def test_a_contested_headline_writes_every_reading(two_sources, values, expected):
    from citemap.overview import Headline

    figures = two_sources.dataset.figures
    rows = np.flatnonzero((figures["metric"] == "wounded").to_numpy())[: len(values)]
    edited = figures.assign(qualifier=figures["qualifier"].astype(str))
    for row, (value, qualifier) in zip(rows, values):
        edited.iloc[row, edited.columns.get_loc("value")] = float(value)
        edited.iloc[row, edited.columns.get_loc("qualifier")] = qualifier
    index = DatasetIndex(dataclasses.replace(two_sources.dataset, figures=edited))
    ordered = rows[np.argsort([v for v, _ in values], kind="stable")]
    assert headline_value(index, Headline("wounded", ordered, np.array([], dtype=int), True)) == expected


def test_a_slot_quotes_the_two_ends_of_a_range_first():
    from citemap.overview import Headline, quoted_reports

    headline = Headline("wounded", np.array([10, 11, 12, 13, 14]), np.array([], dtype=int), True)
    assert quoted_reports(headline, 3).tolist() == [10, 11, 14]  # the lowest, the next, and the highest
    assert quoted_reports(headline, 1).tolist() == [10]
    assert quoted_reports(headline, 9).tolist() == [10, 11, 12, 13, 14]


@pytest.mark.parametrize(
    ("figure", "words"),
    [
        ({"value": 1_000_000, "value_high": 1_500_000, "qualifier": "range"}, "1,000,000–1,500,000"),
        ({"value": 1234567.5, "value_high": None, "qualifier": "approx"}, "about 1,234,567.5"),
        ({"value": 2.5, "value_high": None, "qualifier": "exact"}, "2.5"),
    ],
)
def test_numbers_are_never_written_in_scientific_notation(figure, words):
    from citemap.words import number_words

    assert number_words(figure) == words


def test_a_part_of_day_one_source_leaves_out_is_no_disagreement(two_sources):
    """'Monday evening' and '5 October' agree: one gives more detail. The fixture's rally is contested by its day."""
    from citemap.disagreement import contested_dates

    dates = two_sources.dataset.event_dates.copy()
    dates["event_date"] = dates["event_date"].max()  # both on the 5th: the news report says evening, the other no part
    assert contested_dates(dates, ["ev-rally"]).empty
    dates.loc[dates.index[1], "time_of_day"] = "morning"  # now both say a part of the day, and they differ
    assert len(contested_dates(dates, ["ev-rally"])) == 2


def test_a_date_report_is_quoted_from_the_sentence_that_holds_its_words(index_bundled):
    """The bundled rally's Wikipedia report cites the heading '5 October' first; its words stand in the next sentence."""
    from citemap.disagreement import build_disagreements
    from citemap.provenance import _Lookup

    dates = index_bundled.dataset.event_dates
    report = dates[dates["date_text"] == "5 October 2020"].iloc[0]
    assert report["sentence_ids"].split(";")[0] != _first_holding(index_bundled, report)
    found = build_disagreements(
        index_bundled.dataset.figures,
        dates,
        [("date", str(report["event_id"]))],
        _Lookup(index_bundled.sentences_by_id, "source_id"),
        _Lookup(index_bundled.actors_by_id, "name"),
        _Lookup(index_bundled.sentences_by_id, "text"),
    )
    quoted = next(r for r in found[0].reports if r.words == "5 October 2020")
    assert quoted.sentence_id == _first_holding(index_bundled, report)


def _first_holding(index, report) -> str:
    return next(s for s in report["sentence_ids"].split(";") if "5 October 2020" in index.sentences_by_id.at[s, "text"])


@pytest.fixture(scope="module")
def index_bundled() -> DatasetIndex:
    return DatasetIndex(load(DATA))


@pytest.mark.parametrize(
    ("words", "source"), [("Monday evening", "news"), ("4 October 2020", "wiki"), ("Tuesday", None), ("", None)]
)
def test_the_panel_names_the_source_whose_sentence_holds_the_date_words(two_sources, words, source):
    from citemap.provenance import words_source

    assert words_source(two_sources, words, "news-s001;wiki-s001") == source
