"""The sidebar: page links and the filter widgets, the same on every page."""

from __future__ import annotations

import streamlit as st

from ..corroboration import plural
from ..filters import Filters
from ..index import DatasetIndex
from ..urlstate import Selection
from .state import FILTERS, NOTICES, SELECTION, WIDGET_KEYS, current_filters, date_bounds, seed_widgets

PAGES = (
    ("app.py", "Overview"),
    ("pages/1_Map.py", "Map"),
    ("pages/2_Timeline.py", "Timeline"),
    ("pages/3_Actors.py", "Actors"),
    ("pages/4_Source.py", "Source"),
    ("pages/7_Disagreements.py", "Where sources disagree"),
    ("pages/5_Data.py", "Data"),
    ("pages/6_Briefing.py", "Briefing"),
    ("pages/8_Add_source.py", "Add source"),
    ("pages/9_Curate.py", "Curate"),
)


def _filters_from_widgets(index: DatasetIndex) -> Filters:
    previous = current_filters()
    low, high = date_bounds(index, previous)
    chosen = st.session_state.get("date_range") or (low, high)
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        # The untouched full range means no date filter; any other range is kept as the user chose it.
        whole = (chosen[0], chosen[1]) == (index.date_extent[0].date(), index.date_extent[1].date())
        date_from, date_to = (None, None) if whole else (chosen[0], chosen[1])
    else:
        date_from, date_to = previous.date_from, previous.date_to  # half-picked range: keep the last full one
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(st.session_state.get("actors", ())),
        event_types=tuple(st.session_state.get("event_types", ())),
        places=tuple(st.session_state.get("places", ())),
        search=(st.session_state.get("search") or "").strip(),
    )


def _on_filter_change(index: DatasetIndex) -> None:
    st.session_state[FILTERS] = _filters_from_widgets(index)
    st.session_state[NOTICES] = ()  # notices were about the link that opened the view


def _reset() -> None:
    st.session_state[FILTERS] = Filters()
    st.session_state[SELECTION] = Selection()
    st.session_state[NOTICES] = ()
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


def draw_sidebar(index: DatasetIndex) -> None:
    filters = current_filters()
    seed_widgets(filters, index)
    low, high = date_bounds(index, filters)
    actors = index.dataset.actors.sort_values("name")
    places = index.dataset.places.sort_values(["kind", "name"])
    types = sorted(index.dataset.events["event_type"].unique())
    with st.sidebar:
        st.markdown("### Citemap")
        for path, label in PAGES:
            st.page_link(path, label=label)
        st.divider()
        st.markdown("**Filters**")
        st.date_input("Dates", min_value=low, max_value=high, key="date_range", on_change=_on_filter_change, args=(index,), format="YYYY-MM-DD",
                      help="Events whose possible dates overlap this range. Vague events count when they could fall inside it.")
        st.multiselect("Actors", options=list(actors["actor_id"]), format_func=index.actor_label, key="actors", on_change=_on_filter_change, args=(index,),
                       placeholder="Any actor (type a name or alias)")
        st.multiselect("Event types", options=types, key="event_types", on_change=_on_filter_change, args=(index,), placeholder="Any type")
        st.multiselect("Places", options=list(places["place_id"]), format_func=index.place_label, key="places", on_change=_on_filter_change, args=(index,),
                       placeholder="Anywhere (a city includes its sites)")
        st.text_input("Search summaries and quotes", key="search", on_change=_on_filter_change, args=(index,), placeholder="e.g. fire, Osh, 590")
        st.button("Reset filters", key="reset", on_click=_reset, width="stretch")
        st.divider()
        st.caption(f"Data as of {index.dataset.as_of} · {plural(len(index.events), 'event')} from {plural(len(index.dataset.sources), 'source')}.")
