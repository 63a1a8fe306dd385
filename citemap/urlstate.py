"""The view as URL query parameters, both ways, so that any view is a shareable link.

Each filter says how its own keys are written and read (citemap/filters.py,
FILTERS); the selection's two keys and the map's view are read here (a view
narrows no event, so it is no filter: no sidebar widget, no words in the
filter sentence). Reading never raises: a value
that does not parse, an unknown id or an unknown key is left out and named in a
notice for the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .filters import FILTERS, Filters, url_keys
from .index import DatasetIndex
from .urlvalues import MAX_LIST_ITEMS, short

__all__ = ["MAX_LIST_ITEMS", "MAX_VALUE_LENGTH", "URL_KEYS", "Selection", "ViewState", "decode", "encode"]

MAX_VALUE_LENGTH = 500
# No sidebar widget can hold these (a text box drops line breaks), so a value with one was not made by a user.
# A tab is not among them: pasted into the search box it stays there, and so in the link the view writes.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Selection:
    event: str | None = None
    sentence: str | None = None


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    selection: Selection = field(default_factory=Selection)
    notices: tuple[str, ...] = ()
    map_view: str = ""  # the Map page's view: "overview" or the id of the place it looks at; "" for the default


# The selection's keys; the filters' keys are theirs (citemap/filters.py).
SELECTION_KEYS: dict[str, str] = {
    "event": "selected event id",
    "sentence": "selected sentence id",
}
# The Map page's view (citemap/charts/map_views.py): which of the views it offers is open.
VIEW_KEYS: dict[str, str] = {"view": "the map's view: overview, or the id of the place (region or town) it looks at"}
# key: (what it holds, how it is written), in the order a URL is written
URL_KEYS: dict[str, str] = {**url_keys(), **SELECTION_KEYS, **VIEW_KEYS}


def encode(state: ViewState) -> dict[str, str]:
    """Query parameters for a view; keys at their default are left out."""
    params = {key: value for f in FILTERS for key, value in f.write(state.filters).items()}
    params |= {"event": state.selection.event or "", "sentence": state.selection.sentence or ""}
    params["view"] = state.map_view
    return {key: value for key, value in params.items() if value}


def _last(key: str, values, notices: list[str]) -> str:
    if isinstance(values, str):
        return values
    values = list(values)
    if len(values) > 1:
        notices.append(f"“{key}” was given {len(values)} times; the last value was used.")
    return str(values[-1]) if values else ""


def decode(params: Mapping[str, object], index: DatasetIndex) -> ViewState:
    """Read a view from query parameters (values may be strings or lists of strings)."""
    notices: list[str] = []
    values: dict[str, str] = {}
    for key, raw in params.items():
        if key not in URL_KEYS:
            notices.append(f"Ignored unknown parameter “{short(str(key))}”.")
            continue
        value = _last(key, raw, notices)
        if len(value) > MAX_VALUE_LENGTH:
            notices.append(f"Ignored “{key}”: longer than {MAX_VALUE_LENGTH} characters.")
            continue
        if _CONTROL.search(value):
            notices.append(
                f"Ignored “{key}={short(value)}”: it holds a control character, which no filter or selection can."
            )
            continue
        values[key] = value

    fields: dict[str, object] = {}
    for f in FILTERS:
        given = {key: values[key] for key in f.url_keys if values.get(key)}
        if given and not f.offered(index):
            # The sidebar does not show this filter for this dataset, so a link that set it would narrow the view
            # with nothing on screen to undo it: read as its default, and say so.
            notices.extend(
                f"Ignored “{key}={short(value)}”: {f.not_offered_because(index)}." for key, value in given.items()
            )
            continue
        fields |= f.read(values, index, notices)
    filters = Filters(**fields)
    event = values.get("event") or None
    if event is not None and event not in index.events.index:
        notices.append(f"Ignored event “{short(event)}”: no such event in this dataset.")
        event = None
    sentence = values.get("sentence") or None
    if sentence is not None and sentence not in index.sentences_by_id.index:
        notices.append(f"Ignored sentence “{short(sentence)}”: no such sentence in this dataset.")
        sentence = None
    map_view = values.get("view", "")
    if map_view and map_view != "overview" and map_view not in set(index.dataset.places["place_id"]):
        notices.append(f"Ignored view “{short(map_view)}”: no such place in this dataset.")
        map_view = ""
    return ViewState(filters, Selection(event, sentence), tuple(dict.fromkeys(notices)), map_view)  # each notice once
