"""The filter a user sets, applied to a dataset and described in one plain sentence.

One registry, FILTERS, in the manner of Datasette's filter classes: each filter is
one object that knows everything about itself:

- its field (or fields) of `Filters`, with the default that does not restrict;
- its URL keys, what each holds, and how a value is written and read back
  (a value that does not parse is left out with a notice: citemap/urlvalues.py);
- its sidebar widget: which kind (drawn by citemap/ui/widgets.py, the only part
  that knows Streamlit), how it is seeded from the filter and read back into it;
- its rule, as `event_mask` applies it and as its numbered doc says it;
- how `describe` words it.

The URL state (citemap/urlstate.py), the sidebar, `python -m citemap brief`'s
options and `describe` are all built from FILTERS: adding a filter is adding one
object to it (and its tests).
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from .acled.formats import INTER_CODES
from .columns import isin
from .contract import EVENT_TYPES
from .index import DatasetIndex
from .provenance import source_name
from .urlvalues import read_date, read_ids, read_positive_whole_number


@dataclass(frozen=True)
class Field:
    """One field of `Filters`: its name, its type as written, and the value that does not restrict."""

    name: str
    annotation: str
    default: object


@dataclass(frozen=True)
class Widget:
    """How the sidebar shows a filter. Plain data: citemap/ui/widgets.py draws each kind with Streamlit.

    kind: "date_range" (a first and last day), "multiselect" (ids from `options`, shown by `label`),
    "text" (a line of text), "number" (a whole number between the filter's `bounds`).
    """

    kind: str
    key: str  # the widget's key in the session, unique among the sidebar's widgets
    label: str
    placeholder: str = ""
    help: str = ""


class Filter:
    """One criterion. Subclasses set the class attributes and override what they need."""

    fields: ClassVar[tuple[Field, ...]]
    url_keys: ClassVar[dict[str, str]]  # key -> what it holds, how it is written (the URL table and --help)
    widget: ClassVar[Widget]
    rule: ClassVar[str]  # the rule in words, numbered in event_mask's doc

    # ---- URL: a value of "" is left out of the URL
    def write(self, filters: Filters) -> dict[str, str]:
        raise NotImplementedError

    def read(self, values: Mapping[str, str], index: DatasetIndex, notices: list[str]) -> dict[str, Any]:
        """Field values from the URL's values (only the keys given, each already a single clean string)."""
        raise NotImplementedError

    # ---- the rule and its words
    def mask(self, index: DatasetIndex, filters: Filters) -> np.ndarray | pd.Series | None:
        """Which events (rows of index.events) pass this rule; None when the filter does not restrict."""
        raise NotImplementedError

    def words(self, index: DatasetIndex, filters: Filters) -> str:
        """The filter's part of `describe`'s sentence; "" when it does not restrict."""
        raise NotImplementedError

    # ---- the sidebar widget
    def offered(self, index: DatasetIndex) -> bool:
        """Whether the sidebar shows this filter for this dataset (a filter that cannot narrow anything is not shown)."""
        return True

    def not_offered_because(self, index: DatasetIndex) -> str:
        """Why `offered` is False for this dataset, as the end of a notice ("Ignored “key=value”: …")."""
        return "this dataset offers no such filter"

    def seed(self, index: DatasetIndex, filters: Filters, shown: Any) -> Any:
        """The widget's value for this filter; `shown` is what the widget holds now (None before it is drawn)."""
        (field,) = self.fields
        return getattr(filters, field.name)

    def from_widget(self, index: DatasetIndex, shown: Any, previous: Filters) -> dict[str, Any]:
        """Field values from what the widget holds."""
        (field,) = self.fields
        return {field.name: shown}

    def options(self, index: DatasetIndex) -> list[str]:
        """A multiselect's choices, in the order shown."""
        raise NotImplementedError

    def label(self, index: DatasetIndex) -> Callable[[str], str]:
        """How a multiselect shows each choice."""
        return str

    def bounds(self, index: DatasetIndex, filters: Filters) -> tuple[Any, Any]:
        """The lowest and highest value a date range or a number widget takes, the current filter included."""
        raise NotImplementedError


def _either(words: list[str]) -> str:
    """'A', 'A or B', 'A, B or C'."""
    if len(words) <= 2:
        return " or ".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


class IdList(Filter):
    """A choice of ids (of actors, places, sources...): an event passes when it has any of them.

    Subclasses name the field, the URL key and the widget, and say which ids exist, which events
    have them, and how an id is shown.
    """

    what: ClassVar[str]  # "actor": the word notices use for one id
    prefix: ClassVar[str]  # "involving": the words before the chosen ids in `describe`

    @property
    def field(self) -> str:
        return self.fields[0].name

    @property
    def key(self) -> str:
        return next(iter(self.url_keys))

    def known(self, index: DatasetIndex) -> Any:
        """Every id the dataset has (a container)."""
        raise NotImplementedError

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray | pd.Series:
        raise NotImplementedError

    def name(self, index: DatasetIndex, item: str) -> str:
        return item

    def write(self, filters: Filters) -> dict[str, str]:
        return {self.key: ",".join(getattr(filters, self.field))}

    def read(self, values: Mapping[str, str], index: DatasetIndex, notices: list[str]) -> dict[str, Any]:
        return {self.field: read_ids(self.key, values.get(self.key, ""), self.known(index), self.what, notices)}

    def mask(self, index: DatasetIndex, filters: Filters) -> np.ndarray | pd.Series | None:
        chosen = getattr(filters, self.field)
        return self.events_with(index, chosen) if chosen else None

    def words(self, index: DatasetIndex, filters: Filters) -> str:
        chosen = getattr(filters, self.field)
        return f"{self.prefix} " + _either([self.name(index, item) for item in chosen]) if chosen else ""

    def seed(self, index: DatasetIndex, filters: Filters, shown: Any) -> Any:
        return list(getattr(filters, self.field))

    def from_widget(self, index: DatasetIndex, shown: Any, previous: Filters) -> dict[str, Any]:
        return {self.field: tuple(shown or ())}


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


class Dates(Filter):
    fields = (Field("date_from", "date | None", None), Field("date_to", "date | None", None))
    url_keys = {"from": "first day, ISO date YYYY-MM-DD", "to": "last day, ISO date YYYY-MM-DD"}
    widget = Widget(
        "date_range",
        "date_range",
        "Dates",
        help="Events whose possible dates overlap this range. Vague events count when they could fall inside it.",
    )
    rule = (
        "Dates: an event passes when the span it may fall in overlaps the chosen range. A vague event "
        '("last year", "5 to 6 October") is kept whenever it could have happened in the range, never dropped for being vague.'
    )

    def write(self, filters: Filters) -> dict[str, str]:
        return {
            "from": filters.date_from.isoformat() if filters.date_from else "",
            "to": filters.date_to.isoformat() if filters.date_to else "",
        }

    def read(self, values: Mapping[str, str], index: DatasetIndex, notices: list[str]) -> dict[str, Any]:
        date_from = read_date("from", values["from"], notices) if values.get("from") else None
        date_to = read_date("to", values["to"], notices) if values.get("to") else None
        if date_from and date_to and date_from > date_to:
            notices.append("“from” is after “to”; the two dates were swapped.")
            date_from, date_to = date_to, date_from
        return {"date_from": date_from, "date_to": date_to}

    def mask(self, index: DatasetIndex, filters: Filters) -> np.ndarray | pd.Series | None:
        if filters.date_from is None and filters.date_to is None:
            return None
        events = index.events
        mask = pd.Series(True, index=events.index)
        if filters.date_from is not None:
            mask &= events["date_end"].fillna(events["event_date"]) >= pd.Timestamp(filters.date_from)
        if filters.date_to is not None:
            mask &= events["event_date"] <= pd.Timestamp(filters.date_to)
        return mask

    def words(self, index: DatasetIndex, filters: Filters) -> str:
        return describe_dates(filters.date_from, filters.date_to)

    def bounds(self, index: DatasetIndex, filters: Filters) -> tuple[date, date]:
        """The dataset's first and last day, widened to a chosen range that reaches beyond them."""
        first, last = index.date_extent
        low, high = first.date(), last.date()
        if filters.date_from:
            low = min(low, filters.date_from)
        if filters.date_to:
            high = max(high, filters.date_to)
        return low, high

    def seed(self, index: DatasetIndex, filters: Filters, shown: Any) -> Any:
        if isinstance(shown, (tuple, list)) and len(shown) == 1:
            return shown  # a range half picked (one day chosen of two) stays as the user left it
        low, high = self.bounds(index, filters)
        return (filters.date_from or low, filters.date_to or high)

    def from_widget(self, index: DatasetIndex, shown: Any, previous: Filters) -> dict[str, Any]:
        low, high = self.bounds(index, previous)
        chosen = shown or (low, high)
        if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
            # The untouched full range means no date filter; any other range is kept as the user chose it.
            whole = (chosen[0], chosen[1]) == (index.date_extent[0].date(), index.date_extent[1].date())
            return {"date_from": None, "date_to": None} if whole else {"date_from": chosen[0], "date_to": chosen[1]}
        return {
            "date_from": previous.date_from,
            "date_to": previous.date_to,
        }  # half-picked range: keep the last full one


class Actors(IdList):
    fields = (Field("actors", "tuple[str, ...]", ()),)  # actor ids
    url_keys = {"actor": "actor ids, comma-separated"}
    widget = Widget("multiselect", "actors", "Actors", placeholder="Any actor (type a name or alias)")
    rule = "Actors: the event involves at least one chosen actor, in any role."
    what, prefix = "actor", "involving"

    def known(self, index: DatasetIndex) -> Any:
        return index.actors_by_id.index

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray:
        chosen = np.flatnonzero(isin(index.dataset.actors["actor_id"], ids))
        return index.links.events_with_actors(chosen)[index.events["order"].to_numpy()]

    def name(self, index: DatasetIndex, item: str) -> str:
        return str(index.actors_by_id.at[item, "name"]) if item in index.actors_by_id.index else item

    def options(self, index: DatasetIndex) -> list[str]:
        return list(index.dataset.actors.sort_values("name")["actor_id"])

    def label(self, index: DatasetIndex) -> Callable[[str], str]:
        return index.actor_label


class EventTypes(IdList):
    fields = (Field("event_types", "tuple[str, ...]", ()),)
    url_keys = {"type": "event types, comma-separated"}
    widget = Widget("multiselect", "event_types", "Event types", placeholder="Any type")
    rule = "Event types: its ACLED event type is one of those chosen."
    what, prefix = "event type", "of type"

    def known(self, index: DatasetIndex) -> Any:
        return EVENT_TYPES

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> pd.Series:
        return index.events["event_type"].isin(ids)

    def options(self, index: DatasetIndex) -> list[str]:
        return sorted(index.dataset.events["event_type"].unique())


class Places(IdList):
    fields = (Field("places", "tuple[str, ...]", ()),)  # place ids
    url_keys = {"place": "place ids, comma-separated"}
    widget = Widget("multiselect", "places", "Places", placeholder="Anywhere (a city includes its sites)")
    rule = (
        "Places: it happened at a chosen place or inside one (choosing Bishkek keeps events at the White House). "
        "Events with no place fail this rule."
    )
    what, prefix = "place", "in"

    def known(self, index: DatasetIndex) -> Any:
        return index.places_by_id.index

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> pd.Series:
        inside = set().union(*(index.place_descendants.get(p, frozenset()) for p in ids))
        return index.events["place_id"].isin(inside)

    def name(self, index: DatasetIndex, item: str) -> str:
        return index.place_label(item)

    def options(self, index: DatasetIndex) -> list[str]:
        return list(index.dataset.places.sort_values(["kind", "name"])["place_id"])

    def label(self, index: DatasetIndex) -> Callable[[str], str]:
        return index.place_label


class Search(Filter):
    fields = (Field("search", "str", ""),)
    url_keys = {"q": "search text"}
    widget = Widget("text", "search", "Search summaries and quotes", placeholder="e.g. fire, Osh, 590")
    rule = (
        "Search: the words, ignoring case and diacritics, appear in its summary, in its date as the source words it, in a sentence "
        "it cites, or in the name or an alias of an actor taking part (any spelling or script the dataset records)."
    )

    def write(self, filters: Filters) -> dict[str, str]:
        return {"q": filters.search}

    def read(self, values: Mapping[str, str], index: DatasetIndex, notices: list[str]) -> dict[str, Any]:
        return {"search": values.get("q", "").strip()}

    def mask(self, index: DatasetIndex, filters: Filters) -> np.ndarray | None:
        return index.search(filters.search) if filters.search.strip() else None

    def words(self, index: DatasetIndex, filters: Filters) -> str:
        return f"mentioning “{filters.search.strip()}”" if filters.search.strip() else ""

    def from_widget(self, index: DatasetIndex, shown: Any, previous: Filters) -> dict[str, Any]:
        return {"search": (shown or "").strip()}


class Sources(IdList):
    fields = (Field("sources", "tuple[str, ...]", ()),)  # source ids
    url_keys = {"source": "source ids, comma-separated"}
    widget = Widget("multiselect", "sources", "Sources", placeholder="Any source")
    rule = "Sources: it cites a sentence of at least one chosen source."
    what, prefix = "source", "from"

    def known(self, index: DatasetIndex) -> Any:
        return index.sources_by_id.index

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray:
        chosen = np.flatnonzero(isin(index.dataset.sources["source_id"], ids))
        return index.event_sources.events_from(chosen)[index.events["order"].to_numpy()]

    def name(self, index: DatasetIndex, item: str) -> str:
        return source_name(index, item)

    def offered(self, index: DatasetIndex) -> bool:
        return len(index.dataset.sources) > 1  # one source: choosing it keeps every event

    def not_offered_because(self, index: DatasetIndex) -> str:
        return "this dataset has one source, so there is no source to choose"

    def options(self, index: DatasetIndex) -> list[str]:
        return list(index.dataset.sources["source_id"])

    def label(self, index: DatasetIndex) -> Callable[[str], str]:
        return partial(source_name, index)


class MinSources(Filter):
    fields = (Field("min_sources", "int", 1),)
    url_keys = {"min_sources": "least number of distinct sources that report an event, a whole number from 1"}
    widget = Widget(
        "number",
        "min_sources",
        "Reported by at least … sources",
        help="Keep events that cite sentences of at least this many different sources. 1 keeps every event.",
    )
    rule = "Corroboration: it cites sentences of at least the chosen number of distinct sources."

    def write(self, filters: Filters) -> dict[str, str]:
        return {"min_sources": str(filters.min_sources) if filters.min_sources > 1 else ""}

    def read(self, values: Mapping[str, str], index: DatasetIndex, notices: list[str]) -> dict[str, Any]:
        text = values.get("min_sources", "")
        return {"min_sources": (read_positive_whole_number("min_sources", text, notices) or 1) if text else 1}

    def mask(self, index: DatasetIndex, filters: Filters) -> np.ndarray | None:
        if filters.min_sources <= 1:
            return None
        return index.event_sources.count[index.events["order"].to_numpy()] >= filters.min_sources

    def words(self, index: DatasetIndex, filters: Filters) -> str:
        return f"reported by at least {filters.min_sources} sources" if filters.min_sources > 1 else ""

    def offered(self, index: DatasetIndex) -> bool:
        return len(index.dataset.sources) > 1

    def not_offered_because(self, index: DatasetIndex) -> str:
        return "this dataset has one source, so no event is reported by more"

    def bounds(self, index: DatasetIndex, filters: Filters) -> tuple[int, int]:
        return 1, max(len(index.dataset.sources), filters.min_sources)  # a link may ask for more than there are

    def from_widget(self, index: DatasetIndex, shown: Any, previous: Filters) -> dict[str, Any]:
        return {"min_sources": max(int(shown or 1), 1)}


# ---- ACLED's own fields (citemap.acled): offered only when the dataset has imported events (acled_events rows)


def _acled_column(index: DatasetIndex, column: str) -> pd.Series:
    """One column of acled_events as text, aligned to index.events ("" for an event ACLED did not code)."""
    acled = index.dataset.acled_events
    values = acled.drop_duplicates("event_id").set_index("event_id")[column]
    return values.reindex(index.events.index).astype("string").fillna("")


def _split(values: pd.Series) -> pd.Series:
    """Each event's values as a list: ACLED joins two disorder types with '; '."""
    return values.str.split(";").map(lambda items: [item.strip() for item in items if item.strip()])


class AcledValues(IdList):
    """A choice of values of one of ACLED's fields: an event passes when its value is one of them."""

    column: ClassVar[str]  # the column of acled_events (or of events) the values come from

    def values(self, index: DatasetIndex) -> pd.Series:
        return _acled_column(index, self.column)

    def known(self, index: DatasetIndex) -> Any:
        return set(self.options(index))

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray:
        return self.values(index).isin(ids).to_numpy()

    def offered(self, index: DatasetIndex) -> bool:
        return not index.dataset.acled_events.empty

    def not_offered_because(self, index: DatasetIndex) -> str:
        return "this dataset holds no events imported from ACLED"

    def options(self, index: DatasetIndex) -> list[str]:
        if index.dataset.acled_events.empty:
            return []
        return sorted(value for value in self.values(index).unique() if value)


class DisorderTypes(AcledValues):
    fields = (Field("disorder_types", "tuple[str, ...]", ()),)
    url_keys = {"disorder": "ACLED disorder types, comma-separated"}
    widget = Widget("multiselect", "disorder_types", "ACLED disorder type", placeholder="Any disorder type")
    rule = (
        "ACLED disorder type: ACLED coded it with one of the chosen disorder types (an event coded with two, "
        "'Political violence; Demonstrations', passes for either). Events ACLED did not code fail this rule."
    )
    what, prefix, column = "disorder type", "of disorder type", "disorder_type"

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray:
        chosen = set(ids)
        return np.array([bool(chosen.intersection(items)) for items in _split(self.values(index))], dtype=bool)

    def options(self, index: DatasetIndex) -> list[str]:
        if index.dataset.acled_events.empty:
            return []
        return sorted({item for items in _split(self.values(index)) for item in items})


class SubEventTypes(AcledValues):
    fields = (Field("sub_event_types", "tuple[str, ...]", ()),)
    url_keys = {"sub_type": "ACLED sub-event types, comma-separated"}
    widget = Widget("multiselect", "sub_event_types", "ACLED sub-event type", placeholder="Any sub-event type")
    rule = "Sub-event type: its sub-event type (ACLED's taxonomy) is one of those chosen."
    what, prefix, column = "sub-event type", "of sub-event type", "sub_event_type"

    def values(self, index: DatasetIndex) -> pd.Series:
        return index.events["sub_event_type"].astype("string").fillna("")


class Admin1(AcledValues):
    fields = (Field("admin1", "tuple[str, ...]", ()),)
    url_keys = {"admin1": "ACLED first-level regions (admin1), comma-separated"}
    widget = Widget("multiselect", "admin1", "Region (ACLED admin1)", placeholder="Any region")
    rule = "Region: ACLED placed it in one of the chosen first-level regions (admin1). Events ACLED did not code fail this rule."
    what, prefix, column = "admin1 region", "in region", "admin1"


class InterCodes(AcledValues):
    fields = (Field("inter_codes", "tuple[str, ...]", ()),)  # ACLED's actor-type codes, "1" to "8"
    url_keys = {"inter": "ACLED actor-type (inter) codes 1-8 of actor1 or actor2, comma-separated"}
    widget = Widget("multiselect", "inter_codes", "ACLED actor type (inter1/inter2)", placeholder="Any actor type")
    rule = (
        "Actor type: ACLED coded its actor1 or its actor2 with one of the chosen actor types (inter codes: "
        "1 State forces ... 8 External/Other forces). Events ACLED did not code fail this rule."
    )
    what, prefix = "actor type", "with actor type"

    def codes(self, index: DatasetIndex) -> tuple[pd.Series, pd.Series]:
        return _acled_column(index, "inter1"), _acled_column(index, "inter2")

    def events_with(self, index: DatasetIndex, ids: tuple[str, ...]) -> np.ndarray:
        first, second = self.codes(index)
        return (first.isin(ids) | second.isin(ids)).to_numpy()

    def name(self, index: DatasetIndex, item: str) -> str:
        return INTER_CODES.get(int(item), item) if item.isdigit() else item

    def options(self, index: DatasetIndex) -> list[str]:
        if index.dataset.acled_events.empty:
            return []
        first, second = self.codes(index)
        return sorted({code for code in (*first, *second) if code and code != "0"}, key=int)

    def label(self, index: DatasetIndex) -> Callable[[str], str]:
        return lambda item: f"{self.name(index, item)} ({item})"


# The registry: the order of Filters' fields, of the URL's keys, of the sidebar's widgets and of describe's words.
FILTERS: tuple[Filter, ...] = (
    Dates(),
    Actors(),
    EventTypes(),
    Places(),
    Search(),
    Sources(),
    MinSources(),
    DisorderTypes(),
    SubEventTypes(),
    Admin1(),
    InterCodes(),
)


class Filters:
    """The filter a user sets: the fields of every filter in FILTERS, in that order, each defaulting to no restriction.

    A frozen dataclass made from the registry (below), so that a new filter adds its field here by itself.
    """

    if TYPE_CHECKING:  # the fields come from FILTERS: a type checker takes any of them
        __dataclass_fields__: ClassVar[
            dict[str, dataclasses.Field[Any]]
        ]  # a dataclass (below), which replace() may copy

        def __init__(self, *values: Any, **fields: Any) -> None: ...

        def __getattr__(self, name: str) -> Any: ...

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, **fields: Any) -> Filters:
        return replace(self, **fields)


def _make_fields(cls: type) -> None:
    fields = [field for f in FILTERS for field in f.fields]
    names = [field.name for field in fields]
    if len(set(names)) != len(names):
        raise TypeError(f"two filters claim the same field of Filters: {names}")
    cls.__annotations__ = {field.name: field.annotation for field in fields}
    for field in fields:
        setattr(cls, field.name, field.default)
    dataclass(frozen=True)(cls)


_make_fields(Filters)


def _numbered_rules(head: str, tail: str) -> str:
    rules = "\n".join(
        textwrap.fill(f"{n}. {f.rule}", width=104, initial_indent="    ", subsequent_indent="       ")
        for n, f in enumerate(FILTERS, 1)
    )
    return f"{head}\n\n{rules}\n\n    {tail}\n    "


def event_mask(index: DatasetIndex, filters: Filters) -> pd.Series:
    # The doc, the numbered rules of FILTERS, is set below.
    events = index.events
    mask = np.ones(len(events), dtype=bool)
    for f in FILTERS:
        passed = f.mask(index, filters)
        if passed is not None:
            mask &= np.asarray(passed, dtype=bool)
    return pd.Series(mask, index=events.index)


event_mask.__doc__ = _numbered_rules(
    "Which events pass the filter. The rules, all of which must hold:", "An empty criterion does not restrict."
)


def apply(index: DatasetIndex, filters: Filters) -> pd.DataFrame:
    """The events that pass the filter, in time order (start, then file order).

    index.events is held in that order, so the passing rows are taken as they are (one copy, not a
    copy and a sorted copy), and with no restriction the view shares the index's data (copy on write).
    """
    mask = event_mask(index, filters).to_numpy()
    if mask.all():
        view = index.events.copy(deep=False)
        view.index = index.events.index  # the same Index object: its lookup table is built once, not on every rerun
        return view
    return index.events[mask]


def describe(index: DatasetIndex, filters: Filters, shown: int) -> str:
    """One plain sentence: '8 of 23 events, 5–6 October 2020, involving Almazbek Atambayev'."""
    total = len(index.events)
    parts = [f"{shown:,} of {total:,} events"]
    parts += [words for f in FILTERS if (words := f.words(index, filters))]
    if len(parts) == 1:
        parts.append("no filter")
    return ", ".join(parts)


# ---- the command line: `python -m citemap brief` takes the filter as the URL's keys, one option each


def url_keys() -> dict[str, str]:
    """Every filter's URL keys, in registry order, with what each holds."""
    return {key: what for f in FILTERS for key, what in f.url_keys.items()}


def add_arguments(parser: Any) -> None:
    """An option --KEY per URL key on an argparse parser, read by `arguments_as_url`."""
    for key, what in url_keys().items():
        parser.add_argument(f"--{key}", dest=f"url_{key}", metavar=key.upper(), help=what)


def arguments_as_url(args: Any) -> dict[str, str]:
    """The options given, as the URL's query parameters (decode them with citemap.urlstate.decode)."""
    return {key: value for key in url_keys() if (value := getattr(args, f"url_{key}", None)) is not None}
