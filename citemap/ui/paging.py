"""The page picker of a long table or list: one helper for every page that pages (citemap/paging.py decides the rows)."""

from __future__ import annotations

import streamlit as st

from ..paging import PAGE_ROWS, Page, page_of
from .state import set_widget_value, widget_value


def page_picker(total: int, *, key: str, label: str = "Page", rows: int = PAGE_ROWS) -> Page:
    """The page of `total` rows to show: when there is more than one, a picker "LABEL (of N)" and a caption saying which rows."""
    page = page_of(total, widget_value(key), rows=rows)
    if page.paged:
        set_widget_value(key, page.number)  # within the pages there are, after a filter change
        st.number_input(f"{label} (of {page.count:,})", min_value=1, max_value=page.count, step=1, key=key)
        st.caption(page.caption)
    return page
