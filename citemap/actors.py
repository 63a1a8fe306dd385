"""Actor cards: who appears in the shown events, how, when, and in which sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .contract import ROLE_WORDS
from .filters import Filters
from .index import DatasetIndex, isin, join_by


def actor_cards(index: DatasetIndex, events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """One row per actor to show, most involved first.

    With no filter every actor has a card, even one the source names without
    tying to an event; with a filter, only actors in the shown events.
    """
    rows = index.links.links_of(events)
    shown_links = index.dataset.event_actors[rows].reset_index(drop=True)
    # Each link's event span, by the event's position (every shown link's event is shown): no join on a million ids.
    at = np.empty(index.links.event_count, dtype=np.int64)
    at[events["order"].to_numpy()] = np.arange(len(events))
    event_rows = at[index.links.link_event[rows]]
    for name in ("start", "end"):
        shown_links[name] = events[name].to_numpy()[event_rows]
    actors = index.dataset.actors.set_index("actor_id", drop=False)
    if not filters.is_empty:
        actors = actors[isin(actors.index, shown_links["actor_id"])]
    grouped = shown_links.groupby("actor_id")
    cards = actors[["actor_id", "name", "aliases", "kind", "title", "affiliation", "description", "sentence_ids"]].copy()
    cards["event_count"] = grouped["event_id"].nunique().reindex(cards.index).fillna(0).astype("int64")
    cards["roles"] = _roles(shown_links).reindex(cards.index).fillna("")
    # The events themselves, not bare dates, so that the card can say how precise "first seen" is.
    by_start = shown_links.sort_values(["start", "event_id"])
    cards["first_event"] = by_start.drop_duplicates("actor_id", keep="first").set_index("actor_id")["event_id"].reindex(cards.index).fillna("")
    # Last seen by start, too: a vague span ("this year") ends late but is not the latest news.
    cards["last_event"] = by_start.drop_duplicates("actor_id", keep="last").set_index("actor_id")["event_id"].reindex(cards.index).fillna("")
    link_ids = shown_links["sentence_ids"]
    by_actor = join_by(shown_links["actor_id"], link_ids, ";") if len(link_ids) and link_ids.notna().all() else grouped["sentence_ids"].agg(";".join)
    cards["link_sentence_ids"] = by_actor.reindex(cards.index).fillna("")
    return cards.sort_values(["event_count", "name"], ascending=[False, True])


def _roles(links: pd.DataFrame) -> pd.Series:
    """By actor: 'protester ×3, organiser ×1', most frequent first, ties in order of first appearance.

    Counted for all actors at once: a Python function per actor took most of the Actors page's
    rerun at 100,000 events (0.7 s).
    """
    counted = links.groupby(["actor_id", "role"], sort=False).size().reset_index(name="count")
    counted = counted.sort_values("count", ascending=False, kind="stable")
    words = counted["role"].map(lambda role: ROLE_WORDS.get(role, role)).astype("str") + " ×" + counted["count"].astype("str")
    return join_by(counted["actor_id"], words, ", ") if len(counted) else pd.Series(dtype="str")


def mention_ids(card: pd.Series) -> list[str]:
    """The sentences that mention the actor: its own citations, then those of its event links."""
    ids: dict[str, None] = {}  # a dict keeps each id once in constant time: an actor in 100,000 events has as many ids
    for cell in (card["sentence_ids"], card["link_sentence_ids"]):
        for sentence_id in str(cell).split(";"):
            sentence_id = sentence_id.strip()
            if sentence_id:
                ids.setdefault(sentence_id)
    return sorted(ids)
