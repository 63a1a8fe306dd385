"""The index of a dataset: its events in time order as every view shows them, and what is derived once from it.

Nothing here changes the data: every frame is a join or a projection of the
validated tables, keyed by their stable ids. The derived parts are small modules of
their own, each made on first use and kept for the life of the index:

- `lookups` (citemap/lookups.py): rows by id, labels, places inside places;
- `citations` (citemap/citations.py): which rows cite which sentences and belong to which
  events, as frames and as integer positions (citemap/links.py);
- `search` (citemap/search.py): which events mention some words.

DatasetIndex also answers for its parts (index.actors_by_id is index.lookups.actors_by_id):
a thin facade kept because some sixty call sites and the tests ask the index, and
moving each to the part it uses would change much and say nothing new.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from .citations import Citations
from .columns import contains, explode_ids, isin, map_ids, release_memory, split_ids
from .contract import TIME_OF_DAY_HOURS
from .corroboration import EventSources
from .dataset import Dataset
from .links import EventLinks, LinkCitations
from .lookups import Lookups
from .palette import colour
from .search import EventSearch

__all__ = [
    "CATEGORICAL",
    "DatasetIndex",
    "contains",
    "event_spans",
    "explode_ids",
    "in_time_order",
    "isin",
    "release_memory",
    "split_ids",
]

# Text columns the events view adds, with few distinct values, held as categories as the events' own
# repeating columns are (contract.REPEATING): a filtered view copies one small integer per row instead
# of the text, and grouping and counting work on the codes. Values read back unchanged.
CATEGORICAL = ("place_name", "place_kind", "colour")


def event_spans(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """When each event may have happened, as start and end timestamps.

    A part of the day ("evening") narrows the span to its hours; otherwise the
    span covers the whole of every day the event may fall on.
    """
    start = events["event_date"].astype("datetime64[us]")
    last_day = events["date_end"].fillna(events["event_date"]).astype("datetime64[us]")
    end = last_day + pd.Timedelta(days=1)
    hours = events["time_of_day"].map(TIME_OF_DAY_HOURS)
    has_hours = hours.notna()
    if has_hours.any():
        first_hour = (
            events.loc[has_hours, "time_of_day"].map({k: h[0] for k, h in TIME_OF_DAY_HOURS.items()}).astype("int64")
        )
        last_hour = (
            events.loc[has_hours, "time_of_day"].map({k: h[1] for k, h in TIME_OF_DAY_HOURS.items()}).astype("int64")
        )
        start = start.copy()
        end = end.copy()
        start[has_hours] = start[has_hours] + pd.to_timedelta(first_hour, unit="h")
        end[has_hours] = events.loc[has_hours, "event_date"].astype("datetime64[us]") + pd.to_timedelta(
            last_hour, unit="h"
        )
    return start, end


def in_time_order(dataset: Dataset) -> Dataset:
    """The dataset with its events held in the order every view shows them: by when their span starts, then
    by line (file order). Each row keeps its line number (the index); nothing changes but the order of rows.

    Held in file order, the events view (a time-ordered copy with places and spans added) copied every
    column of every event: at a million events in newest-first order, as ACLED's exports come, 250 MB.
    """
    events = dataset.events
    start, _ = event_spans(events)
    order = np.lexsort((np.arange(len(events)), start.to_numpy()))
    if (order == np.arange(len(events))).all():
        return dataset
    return replace(dataset, events=events.take(order))


def event_view(dataset: Dataset, source_count: np.ndarray) -> pd.DataFrame:
    """Events with their place, span, colour, size figure and count of sources (`source_count`, per event in the
    dataset's order: see citemap/corroboration.py); indexed by event_id, in time order.

    Rows are in the order every view shows them (start, then file order), the dataset's own (see
    in_time_order): each keeps its row position in `order`, and an unfiltered view is this frame
    itself rather than a sorted copy of it. The columns in CATEGORICAL are categories; every value
    reads as written.
    """
    events = dataset.events.reset_index(drop=True)
    places = dataset.places[
        ["place_id", "name", "kind", "latitude", "longitude", "geo_precision", "uncertainty_km"]
    ].rename(columns={"name": "place_name", "kind": "place_kind"})
    if places["place_id"].is_unique:  # the left join, without copying the events' own columns
        view = events.copy(deep=False)
        found = places.set_index("place_id").reindex(events["place_id"])
        for name in found.columns:
            view[name] = found[name].to_numpy() if found[name].dtype == object else found[name].array
    else:
        view = events.merge(places, on="place_id", how="left")
    view["start"], view["end"] = event_spans(view)
    view["colour"] = view["event_type"].map({t: colour(t) for t in view["event_type"].unique()})
    view["order"] = np.arange(len(view))
    view["source_count"] = np.asarray(source_count).astype(np.int32)  # per position: the dataset's order, as the view's

    size = dataset.figures[dataset.figures["metric"].isin(["participants", "killed", "wounded"])]
    view["size_value"] = map_ids(view["event_id"], size.groupby("event_id")["value"].max()).fillna(0.0)
    view["figure_count"] = (
        map_ids(view["event_id"], dataset.figures.groupby("event_id").size()).fillna(0).astype("int64")
    )
    for name in CATEGORICAL:
        view[name] = pd.Categorical(view[name].array)
    view = view.set_index("event_id", drop=False)
    release_memory()
    return view


@dataclass(frozen=True, eq=False)
class DatasetIndex:
    """Lookups over one dataset, which the index holds with its events in time order (see in_time_order)."""

    dataset: Dataset

    def __post_init__(self) -> None:
        object.__setattr__(self, "dataset", in_time_order(self.dataset))

    @cached_property
    def events(self) -> pd.DataFrame:
        """Events with their place, span, colour, size figure and count of sources; indexed by event_id, in time order (see event_view)."""
        return event_view(self.dataset, self.event_sources.count)

    @cached_property
    def date_extent(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        events = self.dataset.events
        return events["event_date"].min(), events["date_end"].fillna(events["event_date"]).max()

    @cached_property
    def lookups(self) -> Lookups:
        return Lookups(self.dataset)

    @cached_property
    def citations(self) -> Citations:
        return Citations(self.dataset)

    @cached_property
    def search(self) -> EventSearch:
        """index.search(words): which events mention the words, row for row with `events` (see citemap/search.py)."""
        return EventSearch(self.events, self.dataset.sentences, self.links, self.dataset.actors)

    # ---- the facade: each part's answers, asked of the index

    @property
    def sentences_by_id(self) -> pd.DataFrame:
        return self.lookups.sentences_by_id

    @property
    def actors_by_id(self) -> pd.DataFrame:
        return self.lookups.actors_by_id

    @property
    def places_by_id(self) -> pd.DataFrame:
        return self.lookups.places_by_id

    @property
    def sources_by_id(self) -> pd.DataFrame:
        return self.lookups.sources_by_id

    @property
    def source_rows(self) -> dict[Hashable, dict]:
        return self.lookups.source_rows

    @property
    def place_descendants(self) -> dict[str, frozenset[str]]:
        return self.lookups.place_descendants

    def actor_label(self, actor_id: str) -> str:
        return self.lookups.actor_label(actor_id)

    def place_label(self, place_id: str) -> str:
        return self.lookups.place_label(place_id)

    @property
    def event_sentences(self) -> pd.DataFrame:
        return self.citations.event_sentences

    @property
    def actor_sentences(self) -> pd.DataFrame:
        return self.citations.actor_sentences

    @property
    def place_sentences(self) -> pd.DataFrame:
        return self.citations.place_sentences

    @property
    def citations_of_sentence(self) -> pd.DataFrame:
        return self.citations.citations_of_sentence

    @property
    def links(self) -> EventLinks:
        return self.citations.links

    @property
    def event_sources(self) -> EventSources:
        return self.citations.event_sources

    @property
    def link_citations(self) -> LinkCitations:
        return self.citations.link_citations
