"""The bundled dataset meets the contract, and every quote is provably verbatim."""

import re
from pathlib import Path

import pandas as pd
import pytest

from citemap.contract import TABLE_ORDER, TABLES
from citemap.dataset import load
from citemap.tables import split_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dataset():
    return load(ROOT / "data")


def test_bundled_data_loads_with_no_warnings(dataset):
    assert dataset.warnings == ()
    assert all(count > 0 for name, count in dataset.counts().items() if not TABLES[name].optional)


def test_every_sentence_is_verbatim_at_its_offsets(dataset):
    # Independent of the loader's own check: read the file again here.
    for row in dataset.sentences.itertuples():
        source = dataset.sources.set_index("source_id").loc[row.source_id]
        text = (ROOT / "data" / "sources" / source.file).read_text(encoding="utf-8")
        assert text[row.start : row.end] == row.text, row.sentence_id


def test_every_figure_quotes_its_own_sentence(dataset):
    sentences = dataset.sentences.set_index("sentence_id")["text"]
    for row in dataset.figures.itertuples():
        assert row.value_text in sentences[row.sentence_id], row.figure_id


@pytest.mark.parametrize("name", ["places", "actors", "events", "event_actors"])
def test_every_row_cites_a_sentence_that_exists(dataset, name):
    known = set(dataset.sentences["sentence_id"])
    for cell in dataset.table(name)["sentence_ids"]:
        ids = split_list(cell)
        assert ids and set(ids) <= known


def test_ids_are_unique_strings_not_row_numbers(dataset):
    for name in TABLE_ORDER:
        key = TABLES[name].primary_key
        frame = dataset.table(name)
        assert not frame.duplicated(list(key)).any(), name
        if len(key) == 1:
            assert not frame[key[0]].str.fullmatch(r"\d+").any(), name


# What is a number in a sentence but not a count: a reference mark ("[7]"), a date ("2020-10-05", "5 October"),
# the length of a date span ("1 week and 3 days"), all carried by event dates or by nothing at all.
NOT_COUNTS = re.compile(
    r"\[\d+\]|\d{4}-\d{2}-\d{2}|\d+ weeks? and \d+ days?"
    r"|\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def test_each_number_in_every_source_has_a_figure(dataset):
    # Every digit group in a body sentence is a figure or a year; names such as 24.kg are not numbers.
    body = dataset.sentences[dataset.sentences["kind"] == "body"]
    figure_texts = " ".join(dataset.figures["value_text"])
    for row in body.itertuples():
        text = NOT_COUNTS.sub(" ", row.text)
        for token in pd.Series([text]).str.findall(r"\b\d[\d,.]*\d\b(?!\.[a-z])|\b\d\b(?!\.[a-z])").iloc[0]:
            if len(token) == 4 and token.startswith(("19", "20")):
                continue  # a year, carried by event dates
            assert token in figure_texts, (row.sentence_id, token)


def test_vague_dates_are_marked_vague(dataset):
    events = dataset.events
    spans = events[events["date_end"].notna() & (events["date_end"] > events["event_date"])]
    # Spanning more than a night means the day is not known: precision must not claim a day.
    long_spans = spans[(spans["date_end"] - spans["event_date"]).dt.days > 1]
    assert (long_spans["time_precision"] > 1).all()
    assert (events.loc[events["time_precision"] == 4, "date_text"] != "").all()


def test_sites_without_verified_coordinates_keep_the_town_and_show_its_uncertainty(dataset):
    # ACLED geo precision 1 means the town is known, also for a site in it that is not located (docs/CODEBOOK.md,
    # section 7): such a site stands on its town's point with at least the town's uncertainty, and says so.
    places = dataset.places.set_index("place_id")
    unlocated = places[places["coordinate_source"].str.startswith("No verified coordinates")]
    assert set(unlocated.index) == {"pl-gknb-hq", "pl-mayors-office", "pl-supreme-council"}
    for place_id, site in unlocated.iterrows():
        town = places.loc[site["parent_place_id"]]
        assert site["geo_precision"] == 1 and town["kind"] == "city", place_id
        assert (site["latitude"], site["longitude"]) == (town["latitude"], town["longitude"]), place_id
        assert site["uncertainty_km"] >= town["uncertainty_km"], place_id


def test_conflicting_or_attributed_figures_keep_their_reporter(dataset):
    figures = dataset.figures.set_index("figure_id")
    assert figures.at["fig-killed", "reported_by"] == "act-government"
    assert figures.at["fig-killed", "value"] == 1
    assert figures.at["fig-wounded", "value"] == 590


def test_disagreeing_reports_of_the_wounded_are_kept_side_by_side(dataset):
    """590 by the government (the article) and in Wikipedia's text, 1,000+ in its infobox: three rows, one event."""
    source_of = dict(zip(dataset.sentences["sentence_id"], dataset.sentences["source_id"]))
    wounded = dataset.figures[
        (dataset.figures["metric"] == "wounded")
        & (dataset.figures["event_id"] == "ev-bishkek-rally")
        & (dataset.figures["actor_id"] == "")
    ]
    reports = {(source_of[row.sentence_id], row.value, row.qualifier, row.reported_by) for row in wounded.itertuples()}
    assert reports == {
        ("kg-2020-10-06", 590, "exact", "act-government"),
        ("wikipedia-2020-kyrgyz-revolution", 590, "exact", ""),
        ("wikipedia-2020-kyrgyz-revolution", 1000, "at_least", ""),
    }


@pytest.mark.parametrize(
    "event_id",
    [
        "ev-bishkek-rally",
        "ev-white-house-seized",
        "ev-atambayev-freed",
        "ev-election-annulled",
        "ev-governors-resign",
        "ev-parliamentary-election",
    ],
)
def test_a_happening_both_sources_report_is_one_event_citing_both(dataset, event_id):
    source_of = dict(zip(dataset.sentences["sentence_id"], dataset.sentences["source_id"]))
    event = dataset.events.set_index("event_id").loc[event_id]
    assert {source_of[s] for s in split_list(event["sentence_ids"])} == {
        "kg-2020-10-06",
        "wikipedia-2020-kyrgyz-revolution",
    }


def test_each_date_report_of_the_white_house_seizure_is_its_source_own(dataset):
    source_of = dict(zip(dataset.sentences["sentence_id"], dataset.sentences["source_id"]))
    reports = dataset.event_dates[dataset.event_dates["event_id"] == "ev-white-house-seized"]
    by_source = {source_of[split_list(row.sentence_ids)[0]]: row.date_text for row in reports.itertuples()}
    assert by_source == {
        "kg-2020-10-06": "Early on Tuesday",
        "wikipedia-2020-kyrgyz-revolution": "In the early morning of 6 October 2020",
    }


def test_background_is_not_news(dataset):
    # "In the past 15 years, two presidents were toppled" must not show as a regime change of October 2020.
    changes = dataset.events[dataset.events["sub_event_type"] == "Regime change"]
    assert set(changes["event_id"]) == {"ev-tulip-revolution-2005", "ev-revolution-2010"}
    assert (changes["date_end"].dt.year == changes["event_date"].dt.year).all()


def test_photo_agencies_are_neither_actors_nor_reporters(dataset):
    names = set(dataset.actors["name"]) | {alias for cell in dataset.actors["aliases"] for alias in split_list(cell)}
    assert not names & {"AFP", "AP"}
