"""Charts on a page: the figure from citemap.charts, branded, shown with selection wired to the evidence panel.

Every chart carries its title, the filter sentence, the data date and the
source inside the picture (citemap.branding), so that the camera button's PNG,
or a screenshot, still says what it shows and where it comes from.
"""

from __future__ import annotations

from typing import Literal

import plotly.graph_objects as go
import streamlit as st

from ..branding import Branded, brand, export_config, stamp_for
from ..charts.map import caption_footer, draw_map
from ..charts.map_layout import MapCanvas, MapLayout, map_layout
from ..charts.timeline import draw
from ..charts.timeline_layout import Canvas, timeline_layout
from .evidence import on_chart_select
from .page import PageContext

# The narrowest a chart is drawn (the Overview's half column on a 1366 px window): title and footer wrap to it.
NARROWEST_PX = 420
# The timeline's column (three fifths of the page beside the evidence panel) in a 1280 px window, the narrowest the
# pages are laid out for: its labels are wrapped to it, and a wider window gives the extra width to the time axis.
TIMELINE_PX = 460


def plotly_config(filename: str) -> dict:
    """The config of a chart whose camera button saves `filename`.png at twice screen resolution."""
    config = export_config("chart", {})
    config["toImageButtonOptions"]["filename"] = filename
    return config


def branded(
    ctx: PageContext,
    fig: go.Figure,
    *,
    title: str,
    view: str,
    basemap: bool = False,
    width_px: int = NARROWEST_PX,
    description: str | None = None,
) -> Branded:
    """The figure with the view's title at the top and, at the bottom, the filter (or `description`, which says it),
    the data date and the sources."""
    stamp = stamp_for(ctx.index, ctx.events, title, description or ctx.description, basemap=basemap)
    return brand(
        fig,
        title=stamp.title,
        filter_sentence=stamp.filter_sentence,
        as_of=stamp.as_of,
        attribution=stamp.attribution,
        view=view,
        params=ctx.url_params,
        width_px=width_px,
    )


def show_branded(
    item: Branded,
    *,
    key: str,
    on_select=None,
    selection_mode=("points", "box", "lasso"),
    theme: Literal["streamlit"] | None = "streamlit",
    width: Literal["stretch", "content"] | int = "stretch",
) -> None:
    """width: "stretch" (the column's), or pixels (a chart laid out for a box of that size, as on the Briefing's slide)."""
    kwargs = {"on_select": on_select, "selection_mode": selection_mode} if on_select is not None else {}
    st.plotly_chart(item.figure, key=key, config=item.config, width=width, theme=theme, **kwargs)


# The map's column on the Map page at a 1280 px window (460 px, measured) (the narrowest the page is laid out for): the view is fitted
# to it, and its height follows, so the country fills the frame from top to bottom; wider windows give room beside.
MAP_COLUMN_PX = 440


def show_map(
    ctx: PageContext,
    view_key: str,
    *,
    key: str,
    online_tiles: bool = False,
    width_px: int = MAP_COLUMN_PX,
) -> MapLayout | None:
    """The map of the shown events in the view with this key (the first view if there is none such); its layout,
    whose counts the page's words repeat; None where no event of the dataset can be placed.

    width_px: the narrowest the map's column is drawn at; the map's height follows from it."""
    available = {v.key: v for v in ctx.map_views}
    if not available:
        st.info("No event in this dataset has a place that can be drawn on a map.")
        return None
    view = available.get(view_key) or next(iter(available.values()))
    canvas = MapCanvas(width_px=width_px)
    layout = map_layout(ctx.events, ctx.dataset.places, ctx.basemap, view, canvas)
    fig = draw_map(layout, ctx.basemap, online_tiles=online_tiles)
    where = view.label
    item = branded(
        ctx,
        fig,
        title=f"Map of events: {where}",
        view=f"map-{view.key}",
        basemap=True,
        width_px=canvas.width_px,
        description=caption_footer(layout, ctx.description),
    )
    show_branded(item, key=key, on_select=lambda: on_chart_select(key))
    for problem in ctx.basemap.problems:
        st.warning(f"Basemap file skipped: {problem}")
    return layout


def show_timeline(ctx: PageContext, *, key: str, width_px: int = TIMELINE_PX) -> None:
    layout = timeline_layout(ctx.events, Canvas(width_px=width_px), selected=ctx.selection.event)
    item = branded(ctx, draw(layout), title="Timeline of events", view="timeline", width_px=width_px)
    show_branded(item, key=key, on_select=lambda: on_chart_select(key), selection_mode=("points", "box"))
