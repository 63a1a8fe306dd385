"""Which rows of the other tables belong to which events, as integer positions found once per dataset.

On every rerun the pages ask which actor links, numbers, cited sentences and sources
belong to the shown events. Asked with the shown events' ids as text, that is a hash
lookup of up to a million strings each time, several times a rerun: at a million events
those lookups took most of a rerun (the Overview's source line alone 0.5 s, the
Briefing over a minute). Here every row that points to an event carries that event's
position in the events table as DatasetIndex holds it (in time order, see
citemap.index.in_time_order; the `order` column of the index's events), found once at
load; a question about the shown events is then one boolean array over positions,
indexed by integers.

Every answer is a boolean mask or an array of row positions into the dataset's own
tables, in their own order: callers take rows from those tables, so nothing here copies
or changes the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

POSITION = np.int32  # a row position: tables of up to two billion rows, half the memory of int64
NO_ROWS = np.empty(0, dtype=np.int64)  # no rows (a shared default: read only)
NO_ROWS.flags.writeable = False


def positions(ids: pd.Series | pd.Index | pa.Array | pa.ChunkedArray, of: pd.Series | pd.Index) -> np.ndarray:
    """For each id, its row in `of` (the first, should ids repeat), or -1 where `of` has none; in Arrow.

    Ids held as categories are looked up once per category.
    """
    if isinstance(ids, (pa.Array, pa.ChunkedArray)):
        values = ids.cast(pa.large_string())
    elif isinstance(ids.dtype, pd.CategoricalDtype):
        found = np.append(positions(pd.Index(ids.array.categories), of), -1)  # code -1 (missing) finds nothing
        return found[np.asarray(ids.array.codes)].astype(POSITION)
    else:
        values = pa.array(ids.array if hasattr(ids, "array") else ids, type=pa.large_string(), from_pandas=True)
    lookup = pa.array(of.array, type=pa.large_string(), from_pandas=True)
    found = pc.index_in(values, value_set=lookup)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(POSITION)


def text_rank(values: pd.Series) -> np.ndarray:
    """Each value's position among all of them sorted as Python sorts text (UTF-8 byte order is code point order)."""
    ranks = np.empty(len(values), dtype=POSITION)
    ranks[pc.sort_indices(pa.array(values.array, type=pa.large_string(), from_pandas=True)).to_numpy()] = np.arange(
        len(values)
    )
    return ranks


@dataclass(frozen=True, eq=False)
class EventLinks:
    """Row positions, array for array with the tables they come from."""

    event_count: int
    actor_count: int
    link_event: np.ndarray  # per event_actors row: its event's position
    link_actor: np.ndarray  # per event_actors row: its actor's row in actors
    figure_event: np.ndarray  # per figures row: its event's position, -1 for a number tied to no event
    citation_event: (
        np.ndarray
    )  # per (event, cited sentence) pair, in index.event_sentences' order: the event's position
    citation_sentence: np.ndarray  # ... and the sentence's row in sentences
    sentence_source: np.ndarray  # per sentences row: its source's row in sources
    link_role: np.ndarray  # per event_actors row: its role, as a code into role_names (-1 for a missing role)
    role_names: tuple[str, ...]
    event_id_rank: np.ndarray  # per event position: where its id falls among all event ids sorted as text

    @classmethod
    def build(
        cls,
        events: pd.DataFrame,
        actors: pd.DataFrame,
        event_actors: pd.DataFrame,
        figures: pd.DataFrame,
        sentences: pd.DataFrame,
        sources: pd.DataFrame,
        event_sentences: pd.DataFrame,
    ) -> EventLinks:
        """From the index's dataset (its events in the order the index holds them: positions are rows of that frame)
        and the events' cited sentences, one row a pair. Only DatasetIndex.links builds it."""
        event_ids = events["event_id"]
        roles, role_names = pd.factorize(event_actors["role"], use_na_sentinel=True)
        return cls(
            event_count=len(events),
            actor_count=len(actors),
            link_event=positions(event_actors["event_id"], event_ids),
            link_actor=positions(event_actors["actor_id"], actors["actor_id"]),
            figure_event=positions(figures["event_id"], event_ids),
            citation_event=positions(event_sentences["event_id"], event_ids),
            citation_sentence=positions(event_sentences["sentence_id"], sentences["sentence_id"]),
            sentence_source=positions(sentences["source_id"], sources["source_id"]),
            link_role=roles.astype(POSITION),
            role_names=tuple(role_names),
            event_id_rank=text_rank(event_ids),
        )

    def shown(self, events: pd.DataFrame) -> np.ndarray:
        """A boolean per event position: True for the events in `events` (rows of the index's events)."""
        mask = np.zeros(self.event_count + 1, dtype=bool)  # one more slot, for position -1: a row tied to no event
        mask[events["order"].to_numpy()] = True
        mask[-1] = False
        return mask

    def links_of(self, events: pd.DataFrame) -> np.ndarray:
        """Which event_actors rows belong to the shown events."""
        return self.shown(events)[self.link_event]

    def figures_of(self, events: pd.DataFrame) -> np.ndarray:
        """Which figures rows belong to the shown events."""
        return self.shown(events)[self.figure_event]

    def citations_of(self, events: pd.DataFrame) -> np.ndarray:
        """Which (event, sentence) pairs of index.event_sentences belong to the shown events."""
        return self.shown(events)[self.citation_event]

    def cited_sentences(self, events: pd.DataFrame) -> np.ndarray:
        """Rows of sentences that the shown events cite, in the sentences' own order."""
        return _distinct(self.citation_sentence[self.citations_of(events)], len(self.sentence_source))

    def sources_of(self, events: pd.DataFrame) -> np.ndarray:
        """Rows of sources that stand behind the shown events (through the sentences they cite), in the sources' order."""
        return _distinct(
            self.sentence_source[self.cited_sentences(events)], int(self.sentence_source.max(initial=-1)) + 1
        )

    def events_citing(self, sentence_rows: np.ndarray) -> np.ndarray:
        """A boolean per event position: True for events that cite any of these sentence rows."""
        return _events_where(
            self.event_count, self.citation_event, self.citation_sentence, sentence_rows, len(self.sentence_source)
        )

    def events_with_actors(self, actor_rows: np.ndarray) -> np.ndarray:
        """A boolean per event position: True for events linked to any of these actor rows, in any role."""
        return _events_where(self.event_count, self.link_event, self.link_actor, actor_rows, self.actor_count)


def _distinct(rows: np.ndarray, count: int) -> np.ndarray:
    """The distinct rows >= 0, sorted: a mark per row, where np.unique sorts or hashes millions of repeats."""
    seen = np.zeros(count + 1, dtype=bool)  # the extra last slot takes -1 (none)
    seen[rows] = True
    return np.flatnonzero(seen[:-1])


def _events_where(
    event_count: int, pair_event: np.ndarray, pair_other: np.ndarray, chosen_rows: np.ndarray, other_count: int
) -> np.ndarray:
    """Events that a pair table links to any chosen row of the other table; a position of -1 (none) matches nothing."""
    chosen = np.zeros(other_count + 1, dtype=bool)  # the extra last slot stands for -1
    chosen_rows = np.asarray(chosen_rows, dtype=np.int64)
    chosen[chosen_rows[chosen_rows >= 0]] = True
    hit = pair_event[chosen[pair_other]]
    mask = np.zeros(event_count, dtype=bool)
    mask[hit[hit >= 0]] = True
    return mask


@dataclass(frozen=True, eq=False)
class LinkCitations:
    """The sentences each actor-event link cites, and where each sentence id falls in id order, as integers.

    An actor's card quotes the sentences that mention it, first by id: at a million events a leading
    actor's links cite a hundred thousand sentences, which as text took a second a page of cards.
    """

    pair_link: np.ndarray  # per (link, cited sentence) pair: the link's row in event_actors
    pair_sentence: np.ndarray  # ... and the sentence's row in sentences, -1 where no sentence has the id
    sentence_rank: np.ndarray  # per sentences row: its position among all sentence ids sorted as text

    @classmethod
    def build(
        cls, link_rows: np.ndarray, sentence_ids: pd.Series | pa.Array | pa.ChunkedArray, sentences: pd.DataFrame
    ) -> LinkCitations:
        """From (link row, sentence id) pairs, as citemap.index.split_ids gives them."""
        return cls(
            np.asarray(link_rows, dtype=POSITION),
            positions(sentence_ids, sentences["sentence_id"]),
            text_rank(sentences["sentence_id"]),
        )

    def sentences_of(self, links: np.ndarray, also: np.ndarray = NO_ROWS) -> np.ndarray:
        """Rows of the sentences that these event_actors rows (a boolean per row) cite, with `also`, distinct, in id order."""
        cited = self.pair_sentence[links[self.pair_link]]
        rows = _distinct(np.concatenate([cited, np.asarray(also, dtype=np.int64)]), len(self.sentence_rank))
        return rows[np.argsort(self.sentence_rank[rows], kind="stable")]
