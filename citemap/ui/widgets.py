"""The sidebar's filter widgets, drawn from the registry of filters (citemap/filters.py).

Each filter names its widget's kind; this is the one place that knows how a kind is
drawn with Streamlit. The widget's value is set beforehand from the canonical filter
(citemap/ui/state.py, seed_widgets) and read back into it on change.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ..filters import Filter, Filters
from ..index import DatasetIndex

OnChange = Callable[[DatasetIndex], None]


def _date_range(f: Filter, index: DatasetIndex, filters: Filters, on_change: OnChange) -> None:
    low, high = f.bounds(index, filters)
    st.date_input(
        f.widget.label,
        min_value=low,
        max_value=high,
        key=f.widget.key,
        on_change=on_change,
        args=(index,),
        format="YYYY-MM-DD",
        help=f.widget.help or None,
    )


def _multiselect(f: Filter, index: DatasetIndex, filters: Filters, on_change: OnChange) -> None:
    st.multiselect(
        f.widget.label,
        options=f.options(index),
        format_func=f.label(index),
        key=f.widget.key,
        on_change=on_change,
        args=(index,),
        placeholder=f.widget.placeholder or None,
        help=f.widget.help or None,
    )


def _text(f: Filter, index: DatasetIndex, filters: Filters, on_change: OnChange) -> None:
    st.text_input(
        f.widget.label,
        key=f.widget.key,
        on_change=on_change,
        args=(index,),
        placeholder=f.widget.placeholder or None,
        help=f.widget.help or None,
    )


def _number(f: Filter, index: DatasetIndex, filters: Filters, on_change: OnChange) -> None:
    low, high = f.bounds(index, filters)
    st.number_input(
        f.widget.label,
        min_value=low,
        max_value=high,
        step=1,
        key=f.widget.key,
        on_change=on_change,
        args=(index,),
        help=f.widget.help or None,
    )


DRAW: dict[str, Callable[[Filter, DatasetIndex, Filters, OnChange], None]] = {
    "date_range": _date_range,
    "multiselect": _multiselect,
    "text": _text,
    "number": _number,
}


def draw_filter(f: Filter, index: DatasetIndex, filters: Filters, on_change: OnChange) -> None:
    DRAW[f.widget.kind](f, index, filters, on_change)
