"""Actor cards: who appears in the shown events, how, when, and in which sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .contract import ROLE_WORDS
from .filters import Filters
from .index import DatasetIndex
from .links import positions
from .tables import split_list


def actor_cards(index: DatasetIndex, events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """One row per actor to show, most involved first.

    With no filter every actor has a card, even one the source names without
    tying to an event; with a filter, only actors in the shown events.

    Counted on integer positions (citemap/links.py) rather than on ids as text: at a million events
    the cards' grouping, sorting and de-duplicating of 1.8 million links took 1.5 s a rerun.
    """
    links, actors = index.links, index.dataset.actors
    rows = np.flatnonzero(links.links_of(events) & (links.link_actor >= 0))
    actor, event = links.link_actor[rows], links.link_event[rows]
    at = np.empty(links.event_count, dtype=np.int64)
    at[events["order"].to_numpy()] = np.arange(len(events))
    start = events["start"].to_numpy()[at[event]]
    # The links by actor, then by when their event starts, then by event id: each actor's first and last event
    # are the ends of its run (last by start, too: a vague span, "this year", ends late but is not the latest news).
    order = np.lexsort((links.event_id_rank[event], start, actor))
    actor, event = actor[order], event[order]
    new_actor = np.r_[True, actor[1:] != actor[:-1]][: len(actor)]
    new_event = new_actor | np.r_[True, event[1:] != event[:-1]][: len(actor)]
    run_starts = np.flatnonzero(new_actor)
    run_ends = np.r_[run_starts[1:], len(actor)][: len(run_starts)] - 1
    event_ids = index.dataset.events["event_id"]

    present = actor[run_starts]
    cards = actors.set_index("actor_id", drop=False)[
        ["actor_id", "name", "aliases", "kind", "title", "affiliation", "description", "sentence_ids"]
    ]
    count = np.zeros(len(actors), dtype=np.int64)
    if len(run_starts):
        count[present] = np.add.reduceat(new_event.astype(np.int64), run_starts)
    first, last = np.full(len(actors), "", dtype=object), np.full(len(actors), "", dtype=object)
    first[present] = event_ids.iloc[event[run_starts]].to_numpy()
    last[present] = event_ids.iloc[event[run_ends]].to_numpy()
    cards["event_count"] = count
    cards["roles"] = pd.array(_roles(index, rows, len(actors)), dtype="str")
    cards["first_event"] = pd.array(first, dtype="str")
    cards["last_event"] = pd.array(last, dtype="str")
    if not filters.is_empty:
        cards = cards.iloc[np.unique(present)]
    return cards.sort_values(["event_count", "name"], ascending=[False, True])


def _roles(index: DatasetIndex, rows: np.ndarray, actor_count: int) -> list[str]:
    """By actor: 'protester ×3, organiser ×1', most frequent first, ties in order of first appearance; "" for none."""
    links = index.links
    actor, role = links.link_actor[rows], links.link_role[rows]
    kinds = len(links.role_names) + 1  # the last code stands for a missing role
    pair = actor * kinds + np.where(role >= 0, role, kinds - 1)
    pairs, first_seen, counts = np.unique(pair, return_index=True, return_counts=True)
    words: list[list[str]] = [[] for _ in range(actor_count)]
    for position in np.lexsort((first_seen, -counts)):
        code = pairs[position] % kinds
        name = links.role_names[code] if code < kinds - 1 else ""
        words[pairs[position] // kinds].append(f"{ROLE_WORDS.get(name, name)} ×{counts[position]}")
    return [", ".join(w) for w in words]


def mentions(
    index: DatasetIndex, shown_links: np.ndarray, card: pd.Series, limit: int | None = None
) -> tuple[list[str], int]:
    """The sentences that mention the actor: its own citations and those of its links to the shown events.

    Returns the first `limit` ids in id order, and how many there are in all. shown_links is
    index.links.links_of(events): a boolean per event_actors row, found once for a page of cards.
    """
    actor_row = _rows_of(index.actors_by_id.index, [card["actor_id"]])[0]
    own = _rows_of(index.sentences_by_id.index, split_list(card["sentence_ids"]))
    rows = index.link_citations.sentences_of(shown_links & (index.links.link_actor == actor_row), also=own)
    return index.dataset.sentences["sentence_id"].iloc[rows[:limit]].tolist(), len(rows)


def _rows_of(ids: pd.Index, wanted: list[str]) -> np.ndarray:
    """The row of each wanted id in a table indexed by its ids (-1 where none): the index's own hash table, built once."""
    return ids.get_indexer(pd.Index(wanted)) if ids.is_unique else positions(pd.Index(wanted), ids)


# '61', '2,000', '12 October', '12 October 2020': a date is one number, cited once.
_NUMBER = re.compile(r"(?<![\w,.])\d(?:[\d,]*\d)?(?:\s+[A-Z][a-z]+(?:\s+\d{4}\b)?)?")


def cited_numbers(
    description: str, near: Iterable[str], anywhere: Iterable[str], texts: Mapping[str, str] | pd.Series
) -> list[tuple[str, str | None]]:
    """The description in pieces, each number ('61', '12 October') paired with the sentence that holds it.

    A number is looked for first in the sentences `near` the actor (its own citations and those of its events),
    then `anywhere` (for '6 October', a source's heading); a number no sentence holds is paired with None, so that
    the card can say it is uncited rather than show it as if sourced. Text between numbers is paired with None too.
    """
    near, anywhere = list(near), list(anywhere)
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in _NUMBER.finditer(description):
        words = match.group(0)
        digits = re.match(r"\d[\d,]*", words).group(0)  # type: ignore[union-attr]
        holds = re.compile(r"(?<![\d,.])" + re.escape(digits) + r"(?![\d])")
        phrase = re.compile(r"(?<![\d,.])" + re.escape(words) + r"\b")
        found = next((s for s in near if s in texts and phrase.search(texts[s])), None)
        if words == digits:  # a bare number ('61' in 'the 61-year-old'); a date must stand whole in its sentence
            found = found or next((s for s in near if s in texts and holds.search(texts[s])), None)
        found = found or next((s for s in anywhere if s in texts and phrase.search(texts[s])), None)
        if match.start() > at:
            pieces.append((description[at : match.start()], None))
        pieces.append((words, found or ""))
        at = match.end()
    if at < len(description):
        pieces.append((description[at:], None))
    return pieces


def sentences_near(index: DatasetIndex, actor_id: str) -> list[str]:
    """The actor's own sentences, then those its events cite: where a number in its description should come from."""
    own = split_list(str(index.actors_by_id.at[actor_id, "sentence_ids"]))
    links = index.dataset.event_actors
    events = links.loc[links["actor_id"] == actor_id, "event_id"]
    cited = [s for e in events if e in index.events.index for s in split_list(str(index.events.at[e, "sentence_ids"]))]
    return list(dict.fromkeys(own + cited))
