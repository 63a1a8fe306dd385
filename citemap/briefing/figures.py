"""The slide's two charts, the map and the timeline, sized for their boxes and legible on a projector."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..basemap import Basemap
from ..branding import Branded, attribution, bands, brand, stamp_for
from ..charts.map import caption_footer, draw_map
from ..charts.map_layout import MapCanvas, map_layout
from ..charts.map_markers import is_aggregated, mapped_count
from ..charts.map_views import overview
from ..charts.text import safe, shorten
from ..charts.timeline import (
    AGGREGATE_ABOVE,
    PANEL_TITLES,
    ROW_PX,
    bin_size,
    is_background,
    split_background,
    timeline,
)
from ..index import DatasetIndex


def _legible(fig: go.Figure, px: int) -> go.Figure:
    """Larger type for a projector: ticks, legend and panel titles."""
    fig.update_xaxes(tickfont={"size": px})
    fig.update_yaxes(tickfont={"size": px})
    fig.update_layout(legend={"font": {"size": px}}, font={"size": px})
    for annotation in fig.layout.annotations or ():
        annotation.font.size = px + 1
    return fig


SLIDE_LABEL_CHARS = 36


def _short_labels(fig: go.Figure, events: pd.DataFrame, limit: int) -> None:
    """Shorter bar labels than the Timeline page's, so the bars keep their room on a slide."""
    for axis in fig.select_yaxes():
        if axis.tickvals:
            axis.ticktext = [
                safe(shorten(events.at[e, "summary"], limit)) if e in events.index else t
                for e, t in zip(axis.tickvals, axis.ticktext)
            ]


def _one_entry_per_type(fig: go.Figure) -> go.Figure:
    """A legend of event types only: the slide's key says what hatching and rings mean."""
    seen = set()
    for trace in fig.data:
        if trace.showlegend is False or not trace.legendgroup:
            continue
        if trace.legendgroup in seen:
            trace.showlegend = False
        else:
            seen.add(trace.legendgroup)
            trace.name = trace.legendgroup
    return fig


LEGEND_TYPES = 2  # event types a slide's map has room to name in its corner (three in one row cover the south-east tip)
FONT_FAMILY = '"Liberation Sans", Arial, Helvetica, sans-serif'  # Arial's widths, on every system that has one of them
CHAR_WIDTH = 0.54
MAP_MARGIN_PX = 28


def _brand(
    fig: go.Figure,
    index: DatasetIndex,
    events: pd.DataFrame,
    title: str,
    description: str,
    params: dict[str, str],
    view: str,
    width: int,
    height: int | None,
    font_px: int,
    basemap: bool = False,
) -> Branded:
    return brand(
        fig,
        title=title,
        filter_sentence=description,
        as_of=index.dataset.as_of,
        attribution=attribution(index, events, basemap=basemap),
        view=view,
        params=params,
        width_px=width,
        height=height,
        font_px=max(font_px - 4, 12),
        title_px=font_px + 2,
        font_family=FONT_FAMILY,
        char_width=CHAR_WIDTH,
        label_char_width=0.52,
    )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def map_figure(
    index: DatasetIndex,
    events: pd.DataFrame,
    basemap: Basemap,
    description: str,
    params: dict[str, str],
    width: int,
    height: int,
    font_px: int,
) -> Branded:
    """The whole country (so Bishkek and Osh both show), laid out for the slide's box: the same layout as the Map
    page's, on a canvas of the box's plot area, with larger names, the legend in the corner Kyrgyzstan leaves empty
    (the south-east, towards China) and the note on counted squares short."""
    shown = mapped_count(events)  # a count, not a copy of the rows
    if not len(events):
        title = "Where: no event matches the filter"
    elif shown < len(events):
        title = f"Where: {shown:,} of {_plural(len(events), 'event')} have a place on the map"
    else:
        title = "Where: the event" if shown == 1 else f"Where: all {shown:,} events"
    # Fit the country to the plot area that title and footer leave, so that Bishkek and Osh both show.
    stamp = stamp_for(index, events, title, description, basemap=True)
    _, title_band, _, footer_band = bands(stamp, width, max(font_px - 4, 12), font_px + 2, CHAR_WIDTH)
    # Past LEGEND_TYPES types a legend would cover the country (the slide's key above names every type); counted squares
    # have their note in that corner.
    legend = "none" if events["event_type"].nunique() > LEGEND_TYPES or is_aggregated(events) else "bottom right"
    canvas = MapCanvas(
        width_px=width - 2 * MAP_MARGIN_PX,  # room for markers fanned round a town near the border, and for names
        height_px=max(height - title_band - footer_band - MAP_MARGIN_PX, 100),
        label_px=font_px * 1.1,
        towns_named=8,
        legend=legend,
        legend_px=font_px - 1,
        note="short",
    )
    layout = map_layout(events, index.dataset.places, basemap, overview(events, basemap), canvas)
    fig = draw_map(layout, basemap)
    fig.update_layout(height=height, dragmode=False)
    return _brand(
        fig,
        index,
        events,
        title,
        caption_footer(layout, description),
        params,
        "briefing-map",
        width,
        height,
        font_px,
        basemap=True,
    )


PANEL_GAP_PX = 64


def timeline_figure(
    index: DatasetIndex,
    events: pd.DataFrame,
    description: str,
    params: dict[str, str],
    width: int,
    height: int,
    font_px: int,
) -> Branded:
    """The timeline at its natural height where it fits the box; where it does not, the days of the unrest only.

    Past AGGREGATE_ABOVE events the timeline counts events per bin (charts/timeline.py): such a chart has no
    natural height, so it fills the box, and two counted panels would not fit one, so only the main days show.
    """
    long = int(is_background(events).sum())
    if all(n > AGGREGATE_ABOVE for n in (long, len(events) - long) if n):
        # Whatever part is drawn is counted, not drawn bar by bar: only what counting, the titles and the
        # source line need, not every column of every event.
        events = events[["start", "end", "event_type", "event_date", "order"]]
    main, background = split_background(events)

    def counted(shown: pd.DataFrame) -> bool:
        return len(shown) > AGGREGATE_ABOVE

    def scale(shown: pd.DataFrame, bars: str) -> str:
        """How the chart of these events reads: 'by hour' for bars, 'counted per week' for a counted chart."""
        return f"per {bin_size(shown['start'].min(), shown['end'].max())}" if counted(shown) else bars

    def draw(shown: pd.DataFrame, title: str, fixed: int | None) -> Branded:
        fig = timeline(shown)
        _one_entry_per_type(fig)
        _short_labels(fig, shown, SLIDE_LABEL_CHARS)
        _legible(fig, font_px - 3)
        panels = [a for a in (fig.layout.annotations or ()) if a.text in PANEL_TITLES]
        if len(panels) == 1:
            # One panel only: its name is in the title.
            fig.layout.annotations = [a for a in fig.layout.annotations if a.text not in PANEL_TITLES]
            fig.update_layout(margin={"t": 8})
        for axis in fig.select_xaxes():
            if axis.tickformat == "%Y":
                axis.dtick = "M12"  # one tick a year, also when the background spans a single year
        long = is_background(shown).to_numpy()
        if not counted(shown):
            # Rows of a steady height: a single event is a bar, not a wall.
            rows = [n for n in (int((~long).sum()), int(long.sum())) if n]
            panel_h = [n * ROW_PX + 34 for n in rows]
            plot_h = sum(panel_h) + PANEL_GAP_PX * (len(rows) - 1)
            margin = fig.layout.margin
            if rows:
                fig.update_layout(height=plot_h + margin.t + margin.b)
            if len(rows) == 2:
                # Panel heights in pixels, with room between them for the upper panel's ticks and the lower one's name.
                split = panel_h[1] / plot_h
                fig.update_layout(yaxis={"domain": [split + PANEL_GAP_PX / plot_h, 1]}, yaxis2={"domain": [0, split]})
                for annotation in fig.layout.annotations:
                    if annotation.text == PANEL_TITLES[1]:
                        annotation.y = split
        branded = _brand(fig, index, events, title, description, params, "briefing-timeline", width, fixed, font_px)
        if (~long).any() and not counted(shown):  # hours between the day names; a counted chart keeps its own date axis
            margin = branded.figure.layout.margin
            first, last = shown["start"][~long].min().normalize(), shown["end"][~long].max().ceil("D")
            branded.figure.update_xaxes(
                **day_ticks(first, last, width - margin.l - margin.r, font_px - 3), selector={"anchor": "y"}
            )
        return branded

    if not len(events):
        return draw(events, "When: no event matches the filter", None)
    if len(main) and len(background):
        if not counted(events):
            both = draw(
                events, f"When: {_plural(len(main), 'event')} by hour, {len(background)} in the background", None
            )
            if both.figure.layout.height <= height:
                return both
        first = background["event_date"].min().year
        title = (
            f"When: {_plural(len(main), 'event')} {scale(main, 'by hour')}; {len(background):,} older not drawn"
            if counted(main)
            else f"When: {_plural(len(main), 'event')} by hour; {len(background)} older, since {first}, not drawn"
        )
        shown = main
    elif len(main):
        title, shown = f"When: {_plural(len(main), 'event')}, {scale(main, 'by hour')}", main
    else:
        title, shown = (
            f"When: {_plural(len(background), 'event')}, {'spread over months' if counted(background) else 'by year'}",
            background,
        )
    if counted(shown):
        return draw(shown, title, height)
    natural = draw(shown, title, None)
    return natural if natural.figure.layout.height <= height else draw(shown, title, height)


def day_ticks(first: pd.Timestamp, last: pd.Timestamp, plot_px: float, font_px: float) -> dict:
    """Ticks that do not collide at this width: day names at midnight, hours between only where they fit."""
    hours = max((last - first) / pd.Timedelta(hours=1), 1)
    per_hour = plot_px / hours
    day_label = font_px * 0.6 * len("Sun 4 Oct")
    hour_label = font_px * 0.6 * len("12:00")
    step = next((s for s in (3, 6, 12) if s * per_hour >= (day_label + hour_label) / 2 + 10), 24)
    if 24 * per_hour < day_label + 12:
        step = 24 * math.ceil((day_label + 12) / (24 * per_hour))
    ticks = pd.date_range(first, last, freq=f"{step}h")
    text = [f"<b>{t:%a} {t.day} {t:%b}</b>" if t.hour == 0 else f"{t:%H}:00" for t in ticks]
    return {"tickmode": "array", "tickvals": list(ticks), "ticktext": text, "tickangle": 0}
