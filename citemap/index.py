"""Lookups derived once per dataset, so that filters and views stay cheap per rerun.

Nothing here changes the data: every frame is a join or a projection of the
validated tables, keyed by their stable ids.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .contract import TIME_OF_DAY_HOURS
from .dataset import Dataset
from .corroboration import EventSources
from .links import EventLinks, LinkCitations
from .palette import colour

# Performance (a million events): lists are split and texts joined in Arrow, not row by row in Python;
# every result is the same frame, dtypes included, as the plain pandas it replaces.
_PY_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x110000)) if c.isspace())
_EDGE_SPACE = f"^[{_PY_SPACE}]|[{_PY_SPACE}]$"


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values, type=pa.large_string())


def isin(values: pd.Series | pd.Index, lookup) -> np.ndarray:
    """values.isin(lookup) as a boolean array, in Arrow for text.

    pandas builds one Arrow scalar per looked-up value, which takes seconds for a million ids;
    Arrow's is_in takes milliseconds. The same answer (missing values match missing values);
    anything that is not text goes through pandas.
    """
    try:
        lookup = lookup.array if isinstance(lookup, (pd.Series, pd.Index)) else list(lookup)
        found = pc.is_in(pa.array(values.array, type=pa.large_string(), from_pandas=True),
                         value_set=pa.array(lookup, type=pa.large_string(), from_pandas=True))
        return found.to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return np.asarray(values.isin(lookup if not isinstance(lookup, pd.api.extensions.ExtensionArray) else list(lookup)))


def _strip(parts: pa.Array) -> pa.Array:
    """str.strip() of each item: Python's own for the few items with spaces at an end."""
    spaced = pc.match_substring_regex(parts, _EDGE_SPACE).to_numpy(zero_copy_only=False)
    if not spaced.any():
        return parts
    values = parts.to_numpy(zero_copy_only=False).copy()
    values[spaced] = [v.strip() for v in values[spaced]]
    return pa.array(values, type=pa.large_string())


def contains(values: pd.Series, needle: str) -> np.ndarray:
    """Whether each text holds `needle` (already case-folded), ignoring case as str.casefold() does; missing text never does.

    In Arrow, without a case-folded copy: its case-insensitive match is the same as casefold() for
    text that is all ASCII, and the few other texts are folded by Python.
    """
    arrow = pa.array(values.array, type=pa.large_string(), from_pandas=True)
    found = pc.fill_null(pc.match_substring(arrow, needle, ignore_case=True), False).to_numpy(zero_copy_only=False)
    other = ~pc.fill_null(pc.string_is_ascii(arrow), True).to_numpy(zero_copy_only=False)
    if other.any():
        texts = values.to_numpy()[other]
        found[other] = [isinstance(t, str) and needle in t.casefold() for t in texts]
    return found


def release_memory() -> None:
    """Give the memory freed by building large frames back to the system (Arrow's pool and glibc's heap)."""
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to trim


def _map_ids(ids: pd.Series, lookup: pd.Series) -> pd.Series:
    """ids.map(lookup) for a lookup with unique ids, found in Arrow rather than through a million Python strings."""
    if not len(lookup) or not lookup.index.is_unique or ids.isna().any():
        return ids.map(lookup)
    found = pc.index_in(_arrow(ids), value_set=_arrow(pd.Series(lookup.index))).to_numpy(zero_copy_only=False)
    hit = ~np.isnan(found)
    positions = np.where(hit, found, 0).astype(np.int64)
    values = lookup.array.take(positions)
    result = pd.Series(values, index=ids.index, name=ids.name)
    return result.where(hit) if not hit.all() else result


def split_ids(cells: pd.Series) -> tuple[np.ndarray, pa.Array] | None:
    """The ids of a ';'-separated id list column, in Arrow: (row of each id, the ids), stripped, empty ones left out.

    None where a cell is missing (the plain pandas path of explode_ids handles those).
    """
    if not len(cells) or not cells.notna().all():
        return None
    lists = pc.split_pattern(_arrow(cells), ";")
    parts = _strip(pc.list_flatten(lists))
    keep = pc.not_equal(parts, "")
    return pc.list_parent_indices(lists).to_numpy()[keep.to_numpy(zero_copy_only=False)], parts.filter(keep)


def explode_ids(frame: pd.DataFrame, key: str, column: str = "sentence_ids", into: str = "sentence_id") -> pd.DataFrame:
    """One row per (key, id) from a ';'-separated id list column."""
    split = split_ids(frame[column])
    if split is not None:
        rows, ids = split
        pairs = pd.DataFrame({key: frame[key].to_numpy()[rows], into: ids.to_numpy(zero_copy_only=False)})
        return pairs.astype({key: frame[key].dtype, into: "str"})
    pairs = frame[[key, column]].copy()
    pairs[into] = pairs[column].str.split(";")
    pairs = pairs.explode(into)
    pairs[into] = pairs[into].str.strip()
    return pairs.loc[pairs[into].notna() & (pairs[into] != ""), [key, into]].reset_index(drop=True)


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
        first_hour = events.loc[has_hours, "time_of_day"].map({k: h[0] for k, h in TIME_OF_DAY_HOURS.items()}).astype("int64")
        last_hour = events.loc[has_hours, "time_of_day"].map({k: h[1] for k, h in TIME_OF_DAY_HOURS.items()}).astype("int64")
        start = start.copy()
        end = end.copy()
        start[has_hours] = start[has_hours] + pd.to_timedelta(first_hour, unit="h")
        end[has_hours] = events.loc[has_hours, "event_date"].astype("datetime64[us]") + pd.to_timedelta(last_hour, unit="h")
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


@dataclass(frozen=True, eq=False)
class DatasetIndex:
    """Lookups over one dataset, which the index holds with its events in time order (see in_time_order)."""

    dataset: Dataset

    def __post_init__(self) -> None:
        object.__setattr__(self, "dataset", in_time_order(self.dataset))

    @cached_property
    def event_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.events, "event_id")

    @cached_property
    def links(self) -> EventLinks:
        """Every row that points to an event (links, numbers, citations), by the event's position: see citemap/links.py."""
        d = self.dataset
        return EventLinks.build(d.events, d.actors, d.event_actors, d.figures, d.sentences, d.sources, self.event_sentences)

    @cached_property
    def event_sources(self) -> EventSources:
        """Which sources report each event, by the event's position: see citemap/corroboration.py."""
        return EventSources.build(self.links)

    @cached_property
    def link_citations(self) -> LinkCitations:
        """The sentences each actor-event link cites, by row: see citemap/links.py."""
        cells = self.dataset.event_actors["sentence_ids"]
        split = split_ids(cells)
        if split is None:  # a missing cell: the plain path
            pairs = explode_ids(pd.DataFrame({"link": np.arange(len(cells)), "sentence_ids": cells}), "link")
            split = pairs["link"].to_numpy(), pairs["sentence_id"]
        return LinkCitations.build(*split, self.dataset.sentences)

    @cached_property
    def actor_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.actors, "actor_id")

    @cached_property
    def place_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.places, "place_id")

    @cached_property
    def sentences_by_id(self) -> pd.DataFrame:
        return self.dataset.sentences.set_index("sentence_id", drop=False)

    @cached_property
    def actors_by_id(self) -> pd.DataFrame:
        return self.dataset.actors.set_index("actor_id", drop=False)

    @cached_property
    def places_by_id(self) -> pd.DataFrame:
        return self.dataset.places.set_index("place_id", drop=False)

    @cached_property
    def sources_by_id(self) -> pd.DataFrame:
        return self.dataset.sources.set_index("source_id", drop=False)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Events with their place, span, colour and size figure; indexed by event_id, in time order.

        Rows are in the order every view shows them (start, then file order), the dataset's own (see
        in_time_order): each keeps its row position in `order`, and an unfiltered view is this frame
        itself rather than a sorted copy of it. The columns in CATEGORICAL are categories; every value
        reads as written.
        """
        events = self.dataset.events.reset_index(drop=True)
        places = self.dataset.places[["place_id", "name", "kind", "latitude", "longitude", "geo_precision", "uncertainty_km"]].rename(
            columns={"name": "place_name", "kind": "place_kind"}
        )
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
        view["source_count"] = self.event_sources.count.astype(np.int32)  # links are in this same order: the dataset's, in time order

        size = self.dataset.figures[self.dataset.figures["metric"].isin(["participants", "killed", "wounded"])]
        view["size_value"] = _map_ids(view["event_id"], size.groupby("event_id")["value"].max()).fillna(0.0)
        view["figure_count"] = _map_ids(view["event_id"], self.dataset.figures.groupby("event_id").size()).fillna(0).astype("int64")
        for name in CATEGORICAL:
            view[name] = pd.Categorical(view[name].array)
        view = view.set_index("event_id", drop=False)
        release_memory()
        return view

    def search(self, words: str) -> np.ndarray:
        """Which events mention `words`, ignoring case, row for row with `events` (a boolean array).

        An event matches when the words are in its summary, in its date as the source words it, or
        in a sentence it cites. Nothing is precomputed: a case-folded copy of all that text would hold
        some 200 MB at a million events for as long as the server runs. Asking costs a scan instead
        (a few hundred milliseconds at a million events), and the last few answers are kept.
        """
        needle = words.strip().casefold()
        lock, memo = self._search_memo
        with lock:  # every session's script thread shares this index
            found = memo.get(needle)
        if found is None:
            found = self._search(needle)
            found.flags.writeable = False  # shared by every caller that asks the same
            with lock:
                if len(memo) >= 8:
                    memo.pop(next(iter(memo)))
                memo[needle] = found
        return found

    @cached_property
    def _search_memo(self) -> tuple[threading.Lock, dict[str, np.ndarray]]:
        return threading.Lock(), {}

    def _search(self, needle: str) -> np.ndarray:
        events = self.events
        found = contains(events["summary"], needle) | contains(events["date_text"], needle)
        sentences = self.dataset.sentences
        quoted = np.flatnonzero(contains(sentences["text"], needle))
        if len(quoted):
            found |= self.links.events_citing(quoted)[events["order"].to_numpy()]
        return found

    @cached_property
    def place_descendants(self) -> dict[str, frozenset[str]]:
        """Each place with every place inside it: choosing Bishkek includes its sites."""
        children: dict[str, list[str]] = {}
        for place_id, parent in zip(self.dataset.places["place_id"], self.dataset.places["parent_place_id"]):
            if parent:
                children.setdefault(parent, []).append(place_id)
        result = {}
        for place_id in self.dataset.places["place_id"]:
            seen, stack = set(), [place_id]
            while stack:
                current = stack.pop()
                if current not in seen:
                    seen.add(current)
                    stack.extend(children.get(current, []))
            result[place_id] = frozenset(seen)
        return result

    @cached_property
    def date_extent(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        events = self.dataset.events
        return events["event_date"].min(), events["date_end"].fillna(events["event_date"]).max()

    def actor_label(self, actor_id: str) -> str:
        """Name and aliases, so that typing an alias in the picker finds the actor."""
        if actor_id in self._labels[0]:
            return self._labels[0][actor_id]
        if actor_id not in self.actors_by_id.index:
            return actor_id
        row = self.actors_by_id.loc[actor_id]
        aliases = [a for a in row["aliases"].split(";") if a.strip() and a.strip() != row["name"]] if row["aliases"] else []
        return f"{row['name']} ({', '.join(a.strip() for a in aliases)})" if aliases else row["name"]

    def place_label(self, place_id: str) -> str:
        if place_id in self._labels[1]:
            return self._labels[1][place_id]
        return self.places_by_id.at[place_id, "name"] if place_id in self.places_by_id.index else place_id

    @cached_property
    def source_rows(self) -> dict[str, dict]:
        """Each source's row as a dict, by source_id (a dict lookup, where .loc takes half a millisecond); empty if ids repeat."""
        return self.sources_by_id.to_dict("index") if self.sources_by_id.index.is_unique else {}

    @cached_property
    def _labels(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every actor's and place's label, made once: the sidebar's pickers ask for all of them on every rerun.

        Ids that are not unique, or rows the label cannot be made from, are left to the lookups above.
        """
        actors, places = {}, {}
        if self.actors_by_id.index.is_unique:
            for actor_id, name, alias_cell in zip(self.actors_by_id.index, self.actors_by_id["name"].tolist(), self.actors_by_id["aliases"].tolist()):
                try:
                    aliases = [a for a in alias_cell.split(";") if a.strip() and a.strip() != name] if alias_cell else []
                    actors[actor_id] = f"{name} ({', '.join(a.strip() for a in aliases)})" if aliases else name
                except (AttributeError, TypeError):
                    continue
        if self.places_by_id.index.is_unique:
            places = dict(zip(self.places_by_id.index, self.places_by_id["name"].tolist()))
        return actors, places

    @cached_property
    def citations_of_sentence(self) -> pd.DataFrame:
        """Every row that cites a sentence: columns sentence_id, table, row_id."""
        parts = [
            self.event_sentences.rename(columns={"event_id": "row_id"}).assign(table="events"),
            self.actor_sentences.rename(columns={"actor_id": "row_id"}).assign(table="actors"),
            self.place_sentences.rename(columns={"place_id": "row_id"}).assign(table="places"),
            self.dataset.figures[["figure_id", "sentence_id"]].rename(columns={"figure_id": "row_id"}).assign(table="figures"),
        ]
        return pd.concat(parts, ignore_index=True)[["sentence_id", "table", "row_id"]]
