"""The bundled dataset meets the contract, and every quote is provably verbatim."""

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


def test_each_number_in_the_article_has_a_figure(dataset):
    # Every digit group in a body sentence is a figure or a year; names such as 24.kg are not numbers.
    body = dataset.sentences[dataset.sentences["kind"] == "body"]
    figure_texts = " ".join(dataset.figures["value_text"])
    for row in body.itertuples():
        for token in pd.Series([row.text]).str.findall(r"\b\d[\d,.]*\d\b(?!\.[a-z])|\b\d\b(?!\.[a-z])").iloc[0]:
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


def test_sites_without_verified_coordinates_do_not_claim_precision(dataset):
    places = dataset.places.set_index("place_id")
    for place_id in ("pl-gknb-hq", "pl-mayors-office"):
        assert places.at[place_id, "geo_precision"] == 3
        assert "No verified coordinates" in places.at[place_id, "coordinate_source"]


def test_conflicting_or_attributed_figures_keep_their_reporter(dataset):
    figures = dataset.figures.set_index("figure_id")
    assert figures.at["fig-killed", "reported_by"] == "act-government"
    assert figures.at["fig-killed", "value"] == 1
    assert figures.at["fig-wounded", "value"] == 590
