"""The view as URL query parameters, both ways, so that any view is a shareable link.

One table says how each key is written and read (TimeMap's urlState schema).
Reading never raises: a value that does not parse, an unknown id or an unknown
key is left out and named in a notice for the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .contract import EVENT_TYPES
from .filters import Filters
from .index import DatasetIndex
from .problems import visible

MAX_VALUE_LENGTH = 500
MAX_LIST_ITEMS = 50
# Exactly the form the notice names: date.fromisoformat alone also takes 20201006 and 2020-W41-1.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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


# key: (what it holds, how it is written)
URL_KEYS: dict[str, str] = {
    "from": "first day, ISO date YYYY-MM-DD",
    "to": "last day, ISO date YYYY-MM-DD",
    "actor": "actor ids, comma-separated",
    "type": "event types, comma-separated",
    "place": "place ids, comma-separated",
    "q": "search text",
    "event": "selected event id",
    "sentence": "selected sentence id",
}


def encode(state: ViewState) -> dict[str, str]:
    """Query parameters for a view; keys at their default are left out."""
    f, s = state.filters, state.selection
    params = {
        "from": f.date_from.isoformat() if f.date_from else "",
        "to": f.date_to.isoformat() if f.date_to else "",
        "actor": ",".join(f.actors),
        "type": ",".join(f.event_types),
        "place": ",".join(f.places),
        "q": f.search,
        "event": s.event or "",
        "sentence": s.sentence or "",
    }
    return {key: value for key, value in params.items() if value}


def _last(key: str, values, notices: list[str]) -> str:
    if isinstance(values, str):
        return values
    values = list(values)
    if len(values) > 1:
        notices.append(f"“{key}” was given {len(values)} times; the last value was used.")
    return str(values[-1]) if values else ""


def _date(key: str, text: str, notices: list[str]) -> date | None:
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass  # the right shape, but no such day (2020-02-30)
    notices.append(f"Ignored “{key}={_short(text)}”: not a date in the form YYYY-MM-DD.")
    return None


def _ids(key: str, text: str, known, what: str, notices: list[str]) -> tuple[str, ...]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        notices.append(f"Ignored “{key}” items after the first {MAX_LIST_ITEMS}.")
        items = items[:MAX_LIST_ITEMS]
    kept = []
    for item in items:
        if item in known:
            if item not in kept:
                kept.append(item)
        else:
            notices.append(f"Ignored {what} “{_short(item)}” in “{key}”: no such {what} in this dataset.")
    return tuple(kept)


def _short(text: str, limit: int = 60) -> str:
    """Text from the URL as a notice quotes it: invisible characters written out (\\n, \\x00), shortened."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode(params: Mapping[str, object], index: DatasetIndex) -> ViewState:
    """Read a view from query parameters (values may be strings or lists of strings)."""
    notices: list[str] = []
    values: dict[str, str] = {}
    for key, raw in params.items():
        if key not in URL_KEYS:
            notices.append(f"Ignored unknown parameter “{_short(str(key))}”.")
            continue
        value = _last(key, raw, notices)
        if len(value) > MAX_VALUE_LENGTH:
            notices.append(f"Ignored “{key}”: longer than {MAX_VALUE_LENGTH} characters.")
            continue
        if _CONTROL.search(value):
            notices.append(f"Ignored “{key}={_short(value)}”: it holds a control character, which no filter or selection can.")
            continue
        values[key] = value

    date_from = _date("from", values["from"], notices) if values.get("from") else None
    date_to = _date("to", values["to"], notices) if values.get("to") else None
    if date_from and date_to and date_from > date_to:
        notices.append("“from” is after “to”; the two dates were swapped.")
        date_from, date_to = date_to, date_from

    filters = Filters(
        date_from=date_from,
        date_to=date_to,
        actors=_ids("actor", values.get("actor", ""), index.actors_by_id.index, "actor", notices),
        event_types=_ids("type", values.get("type", ""), EVENT_TYPES, "event type", notices),
        places=_ids("place", values.get("place", ""), index.places_by_id.index, "place", notices),
        search=values.get("q", "").strip(),
    )
    event = values.get("event") or None
    if event is not None and event not in index.events.index:
        notices.append(f"Ignored event “{_short(event)}”: no such event in this dataset.")
        event = None
    sentence = values.get("sentence") or None
    if sentence is not None and sentence not in index.sentences_by_id.index:
        notices.append(f"Ignored sentence “{_short(sentence)}”: no such sentence in this dataset.")
        sentence = None
    return ViewState(filters, Selection(event, sentence), tuple(dict.fromkeys(notices)))  # each notice once
