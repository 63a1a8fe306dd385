"""The slide's two charts, the map and the timeline, sized for their boxes and legible on a projector."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from ..basemap import Basemap
from ..branding import Branded, attribution, bands, brand, stamp_for
from ..charts.map import caption_footer, draw_map
from ..charts.map_layout import MapCanvas, map_layout
from ..charts.map_markers import is_aggregated, mapped_count
from ..charts.map_views import overview
from ..charts.timeline import draw
from ..charts.timeline_layout import (
    AGGREGATE_ABOVE,
    Canvas,
    TimelineLayout,
    bin_size,
    is_background,
    split_background,
    timeline_layout,
)
from ..index import DatasetIndex


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

    Past AGGREGATE_ABOVE events the timeline counts events per bin (charts/timeline_layout.py): such a chart has no
    natural height, so it fills the box, and two counted panels would not fit one, so only the main days show.
    The layout is made for the box (its width, the height title and footer leave, the slide's type): the slide's
    key above names what hatching and outlines mean, so the legend names the types only.
    """
    long = int(is_background(events).sum())
    if all(n > AGGREGATE_ABOVE for n in (long, len(events) - long) if n):
        # Whatever part is drawn is counted, not drawn bar by bar: only what counting, the titles and the
        # source line need, not every column of every event.
        events = events[["start", "end", "event_type", "event_date", "order"]]
    main, background = split_background(events)
    canvas = Canvas(
        width_px=width,
        font_px=font_px - 3,
        min_label_font_px=font_px - 3,
        label_share=0.45,
        legend_keys=False,
        name_single_panel=False,
        font_family=FONT_FAMILY,
    )

    def counted(shown: pd.DataFrame) -> bool:
        return len(shown) > AGGREGATE_ABOVE

    def bars(shown: pd.DataFrame) -> str:
        """'by hour' when the days of the unrest span a month or less; 'by date' past it (an import of several years)."""
        plain = shown[~is_background(shown).to_numpy()] if len(shown) else shown
        return "by hour" if not len(plain) or plain["end"].max() - plain["start"].min() <= HOURLY_SPAN else "by date"

    def scale(shown: pd.DataFrame, bars: str) -> str:
        """How the chart of these events reads: 'by hour' for bars, 'counted per week' for a counted chart."""
        return f"per {bin_size(shown['start'].min(), shown['end'].max())}" if counted(shown) else bars

    def room(title: str) -> int:
        """The height the box leaves the chart once the title and footer bands are drawn."""
        stamp = stamp_for(index, events, title, description)
        _, title_band, _, footer_band = bands(stamp, width, max(font_px - 4, 12), font_px + 2, CHAR_WIDTH)
        return height - title_band - footer_band

    def layout(shown: pd.DataFrame, title: str, fit: bool) -> TimelineLayout:
        return timeline_layout(shown, replace(canvas, height_px=room(title) if fit else None))

    def branded(shown: TimelineLayout, title: str) -> Branded:
        return _brand(draw(shown), index, events, title, description, params, "briefing-timeline", width, None, font_px)

    if not len(events):
        title = "When: no event matches the filter"
        return branded(layout(events, title, False), title)
    if len(main) and len(background):
        if not counted(events):
            title = f"When: {_plural(len(main), 'event')} {bars(main)}, {len(background)} in the background"
            both = layout(events, title, False)
            if both.height_px <= room(title):
                return branded(both, title)
        first = background["event_date"].min().year
        title = (
            f"When: {_plural(len(main), 'event')} {scale(main, bars(main))}; {len(background):,} older not drawn"
            if counted(main)
            else f"When: {_plural(len(main), 'event')} {bars(main)}; {len(background)} older, since {first}, not drawn"
        )
        shown = main
    elif len(main):
        title, shown = f"When: {_plural(len(main), 'event')}, {scale(main, bars(main))}", main
    else:
        title, shown = (
            f"When: {_plural(len(background), 'event')}, {'spread over months' if counted(background) else 'by year'}",
            background,
        )
    if counted(shown):
        return branded(layout(shown, title, True), title)
    natural = layout(shown, title, False)
    return branded(natural if natural.height_px <= room(title) else layout(shown, title, True), title)


HOURLY_SPAN = pd.Timedelta(days=31)  # past a month of unrest, bars read by date, not by hour
