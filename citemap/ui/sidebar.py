"""The sidebar: page links and the filter widgets, the same on every page."""

from __future__ import annotations

import streamlit as st

from ..filters import FILTERS
from ..index import DatasetIndex
from ..words import plural
from .state import current_filters, on_filter_change, reset, seed_widgets
from .widgets import draw_filter

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


def draw_sidebar(index: DatasetIndex) -> None:
    filters = current_filters()
    seed_widgets(filters, index)
    with st.sidebar:
        st.markdown("### Citemap")
        for path, label in PAGES:
            st.page_link(path, label=label)
        st.divider()
        st.markdown("**Filters**")
        for f in FILTERS:  # the registry's order (citemap/filters.py)
            if f.offered(index):
                draw_filter(f, index, filters, on_filter_change)
        st.button("Reset filters", key="reset", on_click=reset, width="stretch")
        st.divider()
        st.caption(
            f"Data as of {index.dataset.as_of} · {plural(len(index.events), 'event')} from {plural(len(index.dataset.sources), 'source')}."
        )
