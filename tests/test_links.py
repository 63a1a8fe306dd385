"""Integer positions (citemap/links.py) give the same answers as looking the ids up as text, whatever the file order."""

import numpy as np
import pandas as pd
import pytest

from citemap.actors import actor_cards, mentions
from citemap.dataset import load
from citemap.export import export_bundle
from citemap.filters import Filters, apply, describe
from citemap.index import DatasetIndex
from citemap.synth import synth
from citemap.tables import split_list


@pytest.fixture(scope="module", params=["bundled", "newest-first"])
def index(request, tmp_path_factory):
    """The bundled data (not in time order), and 2,000 synthetic events listed newest first, as ACLED's are."""
    if request.param == "bundled":
        from tests.conftest import DATA

        return DatasetIndex(load(DATA))
    return DatasetIndex(load(synth(2000, tmp_path_factory.mktemp("links") / "data", seed=7)))


def _filters(index: DatasetIndex) -> list[Filters]:
    actors = index.dataset.event_actors["actor_id"].astype("str").value_counts().index
    low, high = index.date_extent
    return [
        Filters(),
        Filters(event_types=("Protests",)),
        Filters(actors=(actors[0],)),
        Filters(actors=tuple(actors[1:3])),
        Filters(search="police"),
        Filters(date_from=(low + (high - low) / 2).date(), date_to=high.date()),
        Filters(search="no such words anywhere"),
    ]


def _text(values) -> set[str]:
    return set(pd.Series(values, dtype="object").astype(str))


def test_each_question_about_the_shown_events_has_the_answer_ids_give(index):
    d, links = index.dataset, index.links
    for filters in _filters(index):
        events = apply(index, filters)
        shown = set(events.index)
        assert np.array_equal(links.links_of(events), d.event_actors["event_id"].astype(str).isin(shown).to_numpy())
        assert _text(d.figures.loc[links.figures_of(events), "figure_id"]) == _text(
            d.figures.loc[d.figures["event_id"].isin(shown), "figure_id"]
        )
        cited = {s for cell in events["sentence_ids"] for s in split_list(cell)}
        assert _text(d.sentences["sentence_id"].iloc[links.cited_sentences(events)]) == cited
        by_sentence = dict(zip(d.sentences["sentence_id"].astype(str), d.sentences["source_id"].astype(str)))
        assert d.sources["source_id"].iloc[links.sources_of(events)].tolist() == [
            s for s in d.sources["source_id"] if s in {by_sentence[c] for c in cited}
        ]


def test_actor_and_sentence_rules_match_the_ids(index):
    d, links, events = index.dataset, index.links, index.events
    for actor_id in d.event_actors["actor_id"].astype(str).value_counts().index[:5]:
        row = np.flatnonzero(d.actors["actor_id"].to_numpy() == actor_id)
        with_actor = links.events_with_actors(row)[events["order"].to_numpy()]
        expected = set(d.event_actors.loc[d.event_actors["actor_id"].astype(str) == actor_id, "event_id"].astype(str))
        assert set(events.index[with_actor]) == expected
    for sentence_id in d.sentences["sentence_id"].iloc[:: max(1, len(d.sentences) // 7)]:
        row = np.flatnonzero(d.sentences["sentence_id"].to_numpy() == sentence_id)
        citing = links.events_citing(row)[events["order"].to_numpy()]
        assert set(events.index[citing]) == {
            e for e, cell in zip(events.index, events["sentence_ids"]) if sentence_id in split_list(cell)
        }


def test_exports_and_cards_hold_the_rows_ids_name(index):
    d = index.dataset
    for filters in _filters(index):
        events = apply(index, filters)
        tables = export_bundle(index, events, filters, describe(index, filters, len(events))).tables
        assert set(tables["events"]["event_id"]) == set(events.index)
        assert len(tables["event_actors"]) == int(d.event_actors["event_id"].isin(set(events.index)).sum())
        cards = actor_cards(index, events, filters)
        involved = d.event_actors[d.event_actors["event_id"].isin(set(events.index))]
        counts = involved.assign(actor_id=involved["actor_id"].astype(str)).groupby("actor_id")["event_id"].nunique()
        assert {a: int(n) for a, n in cards["event_count"].items() if n} == {a: int(n) for a, n in counts.items()}


def test_an_actor_card_quotes_the_sentences_its_ids_cite(index):
    """mentions() on positions: the actor's own sentences and its shown links', as the ids in the cells say."""
    d = index.dataset
    for filters in _filters(index)[:4]:
        events = apply(index, filters)
        shown_links = index.links.links_of(events)
        cards = actor_cards(index, events, filters)
        for _, card in cards.head(6).iterrows():
            links = d.event_actors[
                (d.event_actors["actor_id"].astype(str) == card["actor_id"])
                & d.event_actors["event_id"].isin(set(events.index))
            ]
            cited = set(split_list(card["sentence_ids"])) | {
                s for cell in links["sentence_ids"] for s in split_list(cell)
            }
            first, count = mentions(index, shown_links, card, limit=5)
            assert (first, count) == (sorted(cited)[:5], len(cited)), card["actor_id"]


def test_link_citations_are_the_ids_each_link_cites_also_past_a_missing_cell():
    """The Arrow path (every cell present) and the pandas one (a missing cell) give the pairs the cells list."""
    from dataclasses import replace

    from tests.conftest import DATA

    dataset = load(DATA)
    holed = dataset.event_actors.copy()
    holed["sentence_ids"] = holed["sentence_ids"].astype(object)
    holed.iloc[1, holed.columns.get_loc("sentence_ids")] = None
    for event_actors in (dataset.event_actors, holed):
        index = DatasetIndex(replace(dataset, event_actors=event_actors))
        cites = index.link_citations
        ids = index.dataset.sentences["sentence_id"].to_numpy()
        found = sorted(zip(cites.pair_link.tolist(), ids[cites.pair_sentence].tolist()))
        cells = index.dataset.event_actors["sentence_ids"].tolist()
        assert found == sorted(
            (row, s) for row, cell in enumerate(cells) if isinstance(cell, str) for s in split_list(cell)
        )
        assert (1 in cites.pair_link) == (event_actors is dataset.event_actors)


def test_the_briefings_key_actors_are_those_in_most_shown_events_as_the_ids_say(index):
    """key_actors on positions: the non-media actors of the shown events' links (sources left out), by distinct events."""
    from citemap.briefing.content import key_actors

    d = index.dataset
    kinds = dict(zip(d.actors["actor_id"].astype(str), d.actors["kind"].astype(str)))
    names = dict(zip(d.actors["actor_id"].astype(str), d.actors["name"].astype(str)))
    for filters in _filters(index):
        events = apply(index, filters)
        links = d.event_actors.assign(
            actor_id=d.event_actors["actor_id"].astype(str), role=d.event_actors["role"].astype(str)
        )
        links = links[
            links["event_id"].isin(set(events.index))
            & (links["role"] != "source")
            & (links["actor_id"].map(kinds) != "media")
        ]
        counts = links.groupby("actor_id")["event_id"].nunique()
        expected = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))[:6]
        assert [(a.actor_id, a.event_count) for a in key_actors(index, events, limit=6)] == [
            (a, int(n)) for a, n in expected
        ]


def test_the_index_holds_events_in_time_order_and_each_keeps_its_line(index):
    events, held = index.events, index.dataset.events
    starts = events["start"].to_numpy()
    assert (starts[:-1] <= starts[1:]).all()
    assert list(events["order"]) == list(range(len(events)))
    assert list(held["event_id"]) == list(events.index)
    assert held.index.is_unique and held.index.min() >= 2  # the line numbers of the file, header on line 1


def test_a_date_filter_keeps_vague_events_that_may_fall_inside(index):
    """Under a one-day filter the positions keep exactly the events whose span covers the day, the vague ones too."""
    events = index.events
    starts, ends = events["event_date"].dt.date, events["date_end"].fillna(events["event_date"]).dt.date
    spanning = (starts < ends).to_numpy()
    middle = (
        starts.iloc[np.flatnonzero(spanning)[len(np.flatnonzero(spanning)) // 2]]
        if spanning.any()
        else starts.iloc[len(events) // 2]
    )
    shown = apply(index, Filters(date_from=middle, date_to=middle))
    inside = (starts <= middle) & (ends >= middle)
    assert list(shown.index) == list(events.index[inside.to_numpy()])
    assert (inside & (starts < middle)).any(), (
        "no vague event spans the day before it: the test would not show they are kept"
    )
