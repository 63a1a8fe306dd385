"""Session and URL state: the filter and the selection, kept under our own keys.

Widget state does not survive a page switch, so the canonical values live
under `cm.*` keys; widgets are re-seeded from them on every run, and every run
writes the view back to the URL so that any view is a shareable link.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from ..filters import Filters
from ..index import DatasetIndex
from ..urlstate import Selection, ViewState, decode, encode

FILTERS = "cm.filters"
SELECTION = "cm.selection"
NOTICES = "cm.notices"
URL_WRITTEN = "cm.url"
BOXED = "cm.boxed"
WIDGET_KEYS = ("date_range", "actors", "event_types", "places", "search")


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _current_url_state() -> dict[str, str]:
    return {key: values[-1] for key, values in _query_params().items() if values}


def sync_from_url(index: DatasetIndex) -> None:
    """Adopt the URL when it says something new: a first visit, a shared link, a followed link.

    An empty URL after a page switch is not news: the session's state stands.
    """
    params = _query_params()
    first_run = FILTERS not in st.session_state
    changed = _current_url_state() != st.session_state.get(URL_WRITTEN)
    if first_run or (params and changed):
        state = decode(params, index)
        st.session_state[FILTERS] = state.filters
        st.session_state[SELECTION] = state.selection
        st.session_state[NOTICES] = state.notices


def write_url(state: ViewState) -> None:
    wanted = encode(state)
    if _current_url_state() != wanted or any(len(v) > 1 for v in _query_params().values()):
        st.query_params.from_dict(wanted)
    st.session_state[URL_WRITTEN] = wanted


def current_filters() -> Filters:
    return st.session_state.get(FILTERS, Filters())


def current_selection() -> Selection:
    return st.session_state.get(SELECTION, Selection())


def select_event(event_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), event=event_id)


def select_sentence(sentence_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), sentence=sentence_id)


def filter_by_actor(actor_id: str) -> None:
    """Callback: make this actor the actor filter (runs before the widgets are drawn)."""
    st.session_state[FILTERS] = replace(current_filters(), actors=(actor_id,))
    st.session_state[NOTICES] = ()


def date_bounds(index: DatasetIndex, filters: Filters) -> tuple[date, date]:
    first, last = index.date_extent
    low, high = first.date(), last.date()
    if filters.date_from:
        low = min(low, filters.date_from)
    if filters.date_to:
        high = max(high, filters.date_to)
    return low, high


def seed_widgets(filters: Filters, index: DatasetIndex) -> None:
    """Set every filter widget from the canonical filter, before the widgets are drawn.

    Widget state does not survive a page switch, so this runs on every run. A
    change the user makes reaches the canonical filter first (through the
    widget's on_change), so nothing the user did is overwritten; the one
    exception kept is a date range half picked (one day chosen of two).
    """
    low, high = date_bounds(index, filters)
    values = {
        "date_range": (filters.date_from or low, filters.date_to or high),
        "actors": list(filters.actors),
        "event_types": list(filters.event_types),
        "places": list(filters.places),
        "search": filters.search,
    }
    half_picked = isinstance(st.session_state.get("date_range"), (tuple, list)) and len(st.session_state["date_range"]) == 1
    for key, value in values.items():
        if not (key == "date_range" and half_picked):
            st.session_state[key] = value
