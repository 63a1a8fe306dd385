"""Charts on a page: the figure from citemap.charts, shown with selection wired to the evidence panel."""

from __future__ import annotations

import streamlit as st

from ..charts.map import event_map, views
from ..charts.timeline import timeline
from .evidence import on_chart_select
from .page import PageContext


def plotly_config(filename: str) -> dict:
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}, "scrollZoom": True}


def show_map(ctx: PageContext, view_key: str, *, key: str, height: int = 560, online_tiles: bool = False) -> None:
    available = {v.key: v for v in views(ctx.index.events, ctx.dataset.places, ctx.basemap)}
    if not available:
        st.info("No event in this dataset has a place that can be drawn on a map.")
        return
    view = available.get(view_key) or next(iter(available.values()))
    fig = event_map(ctx.events, ctx.basemap, view, title="", height=height, online_tiles=online_tiles)
    st.plotly_chart(fig, key=key, on_select=lambda: on_chart_select(key), selection_mode=("points", "box", "lasso"),
                    config=plotly_config(f"citemap-map-{view.key}"), width="stretch")
    for problem in ctx.basemap.problems:
        st.warning(f"Basemap file skipped: {problem}")


def show_timeline(ctx: PageContext, *, key: str) -> None:
    fig = timeline(ctx.events, selected=ctx.selection.event)
    st.plotly_chart(fig, key=key, on_select=lambda: on_chart_select(key), selection_mode=("points", "box"),
                    config=plotly_config("citemap-timeline"), width="stretch")
