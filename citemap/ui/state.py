"""Session and URL state: the filter and the selection, kept under our own keys.

Widget state does not survive a page switch, so the canonical values live
under `cm.*` keys; widgets are re-seeded from them on every run, and every run
writes the view back to the URL so that any view is a shareable link.

The one module that reads or writes st.session_state: pages and the rest of
citemap/ui ask it through the functions below (a widget's value by its key too).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from ..filters import FILTERS, Filters
from ..index import DatasetIndex
from ..urlstate import Selection, ViewState, decode, encode

FILTERS_KEY = "cm.filters"
SELECTION = "cm.selection"
NOTICES = "cm.notices"
URL_WRITTEN = "cm.url"
BOXED = "cm.boxed"
GO_TO = "cm.goto"
MAP_VIEW = "cm.map_view"
WIDGET_KEYS = tuple(f.widget.key for f in FILTERS)


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _current_url_state() -> dict[str, str]:
    return {key: values[-1] for key, values in _query_params().items() if values}


def sync_from_url(index: DatasetIndex) -> None:
    """Adopt the URL when it says something new: a first visit, a shared link, a followed link.

    An empty URL after a page switch is not news: the session's state stands.
    """
    params = _query_params()
    first_run = FILTERS_KEY not in st.session_state
    changed = _current_url_state() != st.session_state.get(URL_WRITTEN)
    if first_run or (params and changed):
        state = decode(params, index)
        st.session_state[FILTERS_KEY] = state.filters
        st.session_state[SELECTION] = state.selection
        st.session_state[NOTICES] = state.notices
        st.session_state[MAP_VIEW] = state.map_view


def write_url(state: ViewState) -> None:
    wanted = encode(state)
    if _current_url_state() != wanted or any(len(v) > 1 for v in _query_params().values()):
        st.query_params.from_dict(wanted)
    st.session_state[URL_WRITTEN] = wanted


def current_filters() -> Filters:
    return st.session_state.get(FILTERS_KEY, Filters())


def current_selection() -> Selection:
    return st.session_state.get(SELECTION, Selection())


def current_map_view() -> str:
    """The Map page's view key ("" for its first view): kept across pages, written to the URL as `view`."""
    return st.session_state.get(MAP_VIEW, "")


def set_map_view(key: str) -> None:
    st.session_state[MAP_VIEW] = key


def notices() -> tuple[str, ...]:
    """What the user is told about the link that opened the view (values ignored) and selections let go."""
    return st.session_state.get(NOTICES, ())


def selection_within(shown: pd.Index) -> Selection:
    """The selection, with a selected event that the filter hides let go, and a notice saying so:
    the panel never shows what the view hides."""
    selection = current_selection()
    if selection.event and selection.event not in shown:
        st.session_state[NOTICES] = (
            *notices(),
            f"The selected event “{selection.event}” is hidden by the filter, so it was let go.",
        )
        selection = replace(selection, event=None)
        st.session_state[SELECTION] = selection
    return selection


def select_event(event_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), event=event_id)


def select_sentence(sentence_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), sentence=sentence_id)


def boxed_events() -> list[str]:
    """The events last picked on a chart (a click, a box or a lasso), in the order the chart gave them."""
    return st.session_state.get(BOXED, [])


def set_boxed_events(event_ids: list[str]) -> None:
    st.session_state[BOXED] = event_ids


def widget_value(key: str, default: Any = None) -> Any:
    """What the widget with this key holds (None before it is first drawn)."""
    return st.session_state.get(key, default)


def set_widget_value(key: str, value: Any) -> None:
    """Set a widget's value before it is drawn (a picker that shows the canonical selection, a page clamped to the pages there are)."""
    st.session_state[key] = value


def selected_rows(table_key: str) -> list[int]:
    """The rows chosen in the st.dataframe with this key (positions in the frame it shows)."""
    return (st.session_state.get(table_key) or {}).get("selection", {}).get("rows", [])


def go_to_later(event_id: str | None, sentence_id: str) -> None:
    """Callback: open this sentence in the source reader on the next run (a callback cannot switch pages)."""
    st.session_state[GO_TO] = {"event_id": event_id, "sentence_id": sentence_id}


def take_go_to() -> dict | None:
    """The sentence a callback asked to open, once: {"event_id", "sentence_id"}, or None."""
    return st.session_state.pop(GO_TO, None)


def filter_by_actor(actor_id: str) -> None:
    """Callback: make this actor the actor filter (runs before the widgets are drawn)."""
    st.session_state[FILTERS_KEY] = replace(current_filters(), actors=(actor_id,))
    st.session_state[NOTICES] = ()


def seed_widgets(filters: Filters, index: DatasetIndex) -> None:
    """Set every filter widget from the canonical filter, before the widgets are drawn.

    Widget state does not survive a page switch, so this runs on every run. A
    change the user makes reaches the canonical filter first (through the
    widget's on_change), so nothing the user did is overwritten; the one
    exception kept is a date range half picked (one day chosen of two): a filter
    whose seed is what the widget holds leaves the widget as it is.
    """
    for f in FILTERS:
        if not f.offered(index):
            continue
        shown = st.session_state.get(f.widget.key)
        value = f.seed(index, filters, shown)
        if value is not shown:
            st.session_state[f.widget.key] = value


def filters_from_widgets(index: DatasetIndex) -> Filters:
    """The filter the widgets hold; a filter the sidebar does not offer keeps its current value."""
    previous = current_filters()
    fields: dict[str, Any] = {}
    for f in FILTERS:
        if f.offered(index):
            fields |= f.from_widget(index, st.session_state.get(f.widget.key), previous)
        else:
            fields |= {field.name: getattr(previous, field.name) for field in f.fields}
    return Filters(**fields)


def on_filter_change(index: DatasetIndex) -> None:
    """Callback of every filter widget: the widgets' filter becomes the canonical one."""
    st.session_state[FILTERS_KEY] = filters_from_widgets(index)
    st.session_state[NOTICES] = ()  # notices were about the link that opened the view


def reset() -> None:
    """Callback of the Reset button: no filter, no selection, no notice, every widget as new."""
    st.session_state[FILTERS_KEY] = Filters()
    st.session_state[SELECTION] = Selection()
    st.session_state[NOTICES] = ()
    st.session_state[MAP_VIEW] = ""
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


# Curation (pages/8_Add_source.py, pages/9_Curate.py): the dataset version the reviewer saw when the page was drawn
# (a save against another is refused as stale), what to say after a save's rerun, and the problems of a refused save.
CURATE_BASE = "cm.curate_base"
CURATE_MESSAGES = "cm.curate_messages"
CURATE_PROBLEMS = "cm.curate_problems"


def curate_base():
    return st.session_state.get(CURATE_BASE)


def set_curate_base(version) -> None:
    st.session_state[CURATE_BASE] = version


def take_curate_messages() -> list[tuple[str, str]]:
    return st.session_state.pop(CURATE_MESSAGES, [])


def set_curate_result(messages: list[tuple[str, str]], problems: list[dict] | None) -> None:
    st.session_state[CURATE_MESSAGES] = messages
    st.session_state[CURATE_PROBLEMS] = problems


def curate_problems() -> list[dict] | None:
    return st.session_state.get(CURATE_PROBLEMS)
