"""The page picker of a long table or list: one helper for every page that pages (citemap/paging.py decides the rows)."""

from __future__ import annotations

import pandas as pd
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


# A row this tall lets Streamlit's grid wrap a cell's text (it wraps only above 4rem); three lines show.
WRAPPED_ROW_HEIGHT = 72
LONG_TEXT = 40  # characters: a column holding longer text is drawn wide and wrapped


def readable_table(frame: pd.DataFrame, *, key: str, column_config: dict | None = None, **options) -> object:
    """st.dataframe as a reader needs it: an empty cell shows empty (not "None"), and long text wraps in a wide
    column instead of being cut at the cell's edge."""
    long = [c for c in frame.columns if frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype)]
    long = (
        [c for c in long if int(frame[c].astype("string").str.len().fillna(0).max()) > LONG_TEXT] if len(frame) else []
    )
    config = {c: st.column_config.TextColumn(width="large") for c in long} | (column_config or {})
    return st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config=config,
        placeholder="",
        row_height=WRAPPED_ROW_HEIGHT if long else None,
        **options,
    )
