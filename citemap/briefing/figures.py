"""The slide's two charts, the map and the timeline, sized for their boxes and legible on a projector."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..basemap import Basemap
from ..branding import Branded, attribution, bands, brand, stamp_for
from ..charts.labels import LabelSpace, add_names, degrees_per_px, text_width_px
from ..charts.map import (
    FAN_RADIUS_PX,
    MapView,
    clearance_from_disc,
    crowded_discs,
    event_map,
    is_aggregated,
    mappable,
    mapped_count,
    marker_size,
    zoom_to_fit,
)
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
from ..palette import INK
from ..tables import rows


def briefing_view(basemap: Basemap, events: pd.DataFrame, width: int, height: int) -> MapView:
    """The whole country (so Bishkek and Osh both show), fitted to the map's box."""
    bounds = basemap.bounds()
    if bounds is None:
        mapped = events.loc[mappable(events), ["latitude", "longitude"]]
        bounds = (
            (mapped["longitude"].min(), mapped["latitude"].min(), mapped["longitude"].max(), mapped["latitude"].max())
            if len(mapped)
            else (69.2, 39.1, 80.3, 43.3)
        )
    west, south, east, north = bounds
    pad_lon, pad_lat = (east - west) * 0.03, (north - south) * 0.03
    west, south, east, north = west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat
    return MapView(
        "overview",
        "Whole country",
        ((south + north) / 2, (west + east) / 2),
        zoom_to_fit(west, south, east, north, width, height),
    )


def _city_labels(
    fig: go.Figure, index: DatasetIndex, events: pd.DataFrame, view: MapView, label_px: float, most: int = 8
) -> None:
    """Name the towns, each with a dot where it has no event: those with the most events first, then the others
    (in the bundled data, Bishkek and Osh whatever the filter shows), up to `most`, leaving out a name that would
    overlap one already written or a disc of crowded events."""
    places = index.dataset.places
    cities = places[
        (places["kind"] == "city") & places["latitude"].notna() & places["geo_precision"].eq(1).fillna(False).to_numpy()
    ]
    mapped = mappable(events)
    # Positions and sizes only, as arrays: the events are compared with each city without copying their rows.
    lat, lon, size = (events[name].to_numpy(dtype=float)[mapped] for name in ("latitude", "longitude", "size_value"))
    discs = crowded_discs(fig)
    per_px = degrees_per_px(view.zoom)
    space = LabelSpace(view.zoom, label_px)
    for disc in rows(discs):
        space.occupy(disc.latitude, disc.longitude, disc.diameter)
    found = []
    for city in rows(cities):
        at_city = (np.abs(lat - city.latitude) < 1e-5) & (np.abs(lon - city.longitude) < 1e-5)
        here = int(at_city.sum())
        inside = discs[
            np.hypot((discs["longitude"] - city.longitude) / per_px, (discs["latitude"] - city.latitude) / per_px)
            <= discs["diameter"] / 2
        ]
        width = text_width_px(city.name, label_px)
        if len(inside):  # its events are one disc: the name starts past the disc's rim, east, else west
            disc = next(rows(inside))
            sides = (
                clearance_from_disc(city.latitude, city.longitude, disc, view.zoom),
                -(clearance_from_disc(city.latitude, city.longitude, disc, view.zoom, east=False) + width),
            )
        else:  # beside the fan of its markers
            radius = float(marker_size(size[at_city]).max()) / 2 + 2 if here else 4
            clearance = (FAN_RADIUS_PX + 2.5 * here if here > 1 else 0) + radius + 8
            sides = (clearance, -(clearance + width))
        found.append((city, here, sides))
    offsets = {}
    for i in sorted(range(len(found)), key=lambda i: (-found[i][1], found[i][0].name))[:most]:
        city, _, sides = found[i]
        offsets[i] = next((dx for dx in sides if space.claim(city.name, city.latitude, city.longitude, dx)), None)
    named = [
        (city, here, dx) for i, (city, here, _) in enumerate(found) if (dx := offsets.get(i)) is not None
    ]  # in file order
    dots = [city for city, here, _ in named if not here]
    if dots:
        fig.add_trace(
            go.Scattermap(
                lat=[c.latitude for c in dots],
                lon=[c.longitude for c in dots],
                mode="markers",
                marker={"size": 9, "color": INK},
                hoverinfo="skip",
                showlegend=False,
                name="cities",
            )
        )
    add_names(
        fig,
        [(city.name, city.latitude, city.longitude, dx) for city, _, dx in named],
        view.zoom,
        label_px,
        width=1.6,
        halo=5,
        trace="city labels",
    )


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


LEGEND_TYPES = 3  # event types a slide's map has room to name in its corner
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
    shown = mapped_count(events)  # a count, not a copy of the rows
    off_map = len(events) - shown
    if not len(events):
        title = "Where: no event matches the filter"
    elif off_map:
        title = f"Where: {shown:,} of {_plural(len(events), 'event')} have a place on the map"
    else:
        title = "Where: the event" if shown == 1 else f"Where: all {shown:,} events"
    # Fit the country to the plot area that title, footer and legend leave, so that Bishkek and Osh both show.
    stamp = stamp_for(index, events, title, description, basemap=True)
    _, title_band, _, footer_band = bands(stamp, width, max(font_px - 4, 12), font_px + 2, CHAR_WIDTH)
    plot_h = height - title_band - footer_band
    # A margin for the markers fanned out around a city near the border, and for the city names.
    view = briefing_view(basemap, events, width - 2 * MAP_MARGIN_PX, max(plot_h - MAP_MARGIN_PX, 100))
    # Counted squares keep the map's own names of the busiest towns, set beside their discs; on a map of single
    # events the slide names every town itself, larger.
    aggregated = is_aggregated(events)
    fig = event_map(events, basemap, view, height=height, brief_note=True, place_names=aggregated)
    if not aggregated:
        _city_labels(fig, index, events, view, label_px=font_px * 1.1)
    _one_entry_per_type(fig)
    # The legend goes where the country leaves the corner empty (the south-east, towards China), unless the note on
    # counted squares is there; past three types it would cover the country. The slide's key above names every type.
    legend = events["event_type"].nunique() <= LEGEND_TYPES and not aggregated
    fig.update_layout(
        legend={
            "font": {"size": font_px - 1},
            "itemsizing": "constant",
            "x": 0.99,
            "xanchor": "right",
            "y": 0.01,
            "yanchor": "bottom",
        },
        showlegend=None if legend else False,
        dragmode=False,
    )
    return _brand(fig, index, events, title, description, params, "briefing-map", width, height, font_px, basemap=True)


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
