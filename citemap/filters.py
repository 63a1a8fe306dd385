"""The filter a user sets, applied to a dataset and described in one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from .index import DatasetIndex, isin, release_memory


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()  # actor ids
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place ids
    search: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, **fields) -> Filters:
        return replace(self, **fields)


def event_mask(index: DatasetIndex, filters: Filters) -> pd.Series:
    """Which events pass the filter. The rules, all of which must hold:

    1. Dates: an event passes when the span it may fall in overlaps the chosen
       range. A vague event ("last year", "5 to 6 October") is kept whenever it
       could have happened in the range, never dropped for being vague.
    2. Actors: the event involves at least one chosen actor, in any role.
    3. Event types: its ACLED event type is one of those chosen.
    4. Places: it happened at a chosen place or inside one (choosing Bishkek
       keeps events at the White House). Events with no place fail this rule.
    5. Search: the words, ignoring case, appear in its summary, in its date as
       the source words it, or in a sentence it cites.

    An empty criterion does not restrict.
    """
    events = index.events
    mask = pd.Series(True, index=events.index)
    if filters.date_from is not None:
        mask &= events["date_end"].fillna(events["event_date"]) >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= events["event_date"] <= pd.Timestamp(filters.date_to)
    if filters.actors:
        chosen = np.flatnonzero(isin(index.dataset.actors["actor_id"], filters.actors))
        mask &= index.links.events_with_actors(chosen)[events["order"].to_numpy()]
    if filters.event_types:
        mask &= events["event_type"].isin(filters.event_types)
    if filters.places:
        inside = set().union(*(index.place_descendants.get(p, frozenset()) for p in filters.places))
        mask &= events["place_id"].isin(inside)
    if filters.search.strip():
        mask &= index.search(filters.search)
    return mask


def apply(index: DatasetIndex, filters: Filters) -> pd.DataFrame:
    """The events that pass the filter, in time order (start, then file order).

    index.events is held in that order, so the passing rows are taken as they are (one copy, not a
    copy and a sorted copy), and with no restriction the view shares the index's data (copy on write).
    """
    release_memory()  # hand back what the last rerun freed: at a million events, some hundreds of MB
    mask = event_mask(index, filters).to_numpy()
    if mask.all():
        view = index.events.copy(deep=False)
        view.index = index.events.index  # the same Index object: its lookup table is built once, not on every rerun
        return view
    return index.events[mask]


def _either(words: list[str]) -> str:
    """'A', 'A or B', 'A, B or C'."""
    if len(words) <= 2:
        return " or ".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def describe_dates(date_from: date | None, date_to: date | None) -> str:
    """'5-6 October 2020', '30 September - 6 October 2020', 'from 5 October 2020'."""
    if date_from is None:
        return f"up to {date_to.day} {date_to:%B %Y}" if date_to is not None else ""
    if date_to is None:
        return f"from {date_from.day} {date_from:%B %Y}"
    if date_from == date_to:
        return f"{date_from.day} {date_from:%B %Y}"
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day}–{date_to.day} {date_to:%B %Y}"
    if date_from.year == date_to.year:
        return f"{date_from.day} {date_from:%B} – {date_to.day} {date_to:%B %Y}"
    return f"{date_from.day} {date_from:%B %Y} – {date_to.day} {date_to:%B %Y}"


def describe(index: DatasetIndex, filters: Filters, shown: int) -> str:
    """One plain sentence: '8 of 23 events, 5–6 October 2020, involving Almazbek Atambayev'."""
    total = len(index.events)
    parts = [f"{shown:,} of {total:,} events"]
    dates = describe_dates(filters.date_from, filters.date_to)
    if dates:
        parts.append(dates)
    if filters.actors:
        names = [str(index.actors_by_id.at[a, "name"]) if a in index.actors_by_id.index else a for a in filters.actors]
        parts.append("involving " + _either(names))
    if filters.event_types:
        parts.append("of type " + _either(list(filters.event_types)))
    if filters.places:
        parts.append("in " + _either([index.place_label(p) for p in filters.places]))
    if filters.search.strip():
        parts.append(f"mentioning “{filters.search.strip()}”")
    if len(parts) == 1:
        parts.append("no filter")
    return ", ".join(parts)
