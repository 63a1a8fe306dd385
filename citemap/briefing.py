"""The briefing: one 16:9 slide for a filter, with its evidence inside the picture.

`build` gathers what the slide says (headline numbers with footnote markers,
the map, the timeline, the key actors, and footnotes quoting the cited
sentences verbatim with their ids). The same `Briefing` is drawn three ways:

- `to_html`: one self-contained HTML file (plotly.js and CSS inline, no
  fonts or scripts from the network) with live, hoverable charts;
- `render_png` and `render_pdf`: the same slide, drawn by the machine's
  Chromium through kaleido: the charts become images (kaleido's figure
  export), the slide around them is printed or photographed in a tab of the
  same browser;
- the Briefing page lays the same pieces out with Streamlit (pages/6_Briefing.py).

No Streamlit here. Chromium is started once per process and reused.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import math
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .basemap import Basemap
from .branding import Branded, attribution, bands, brand, stamp_for
from .charts.labels import TILE_SIZE, LabelSpace, add_label_traces, stroke_label, text_width_px
from .charts.map import (
    FAN_RADIUS_PX,
    MAPPABLE_KINDS,
    MapView,
    clearance_from_disc,
    crowded_discs,
    event_map,
    is_aggregated,
    marker_size,
    unmapped,
    zoom_to_fit,
)
from .charts.text import safe, shorten
from .charts.timeline import AGGREGATE_ABOVE, bin_size, is_background, split_background, timeline
from .contract import EVENT_TYPES
from .export import filter_slug
from .filters import Filters, apply, describe, describe_dates
from .index import DatasetIndex
from .overview import headline_figures
from .palette import INK, MUTED, colour
from .provenance import quote, when
from .render import esc
from .urlstate import ViewState, encode

# ---------------------------------------------------------------------------
# Geometry: the slide is 1920 x 1080 CSS pixels; every box has a fixed place.


@dataclass(frozen=True)
class Frame:
    """Sizes of a briefing's boxes, in CSS pixels, and the type size that goes with them."""

    width: int
    height: int
    pad_x: int
    pad_y: int
    header_h: int
    body_h: int
    notes_h: int
    footer_h: int
    gap: int
    left_w: int
    map_w: int
    map_h: int  # the key actors fill the rest of the middle column
    font_px: int  # body text; everything else scales from it

    @property
    def inner_w(self) -> int:
        return self.width - 2 * self.pad_x

    @property
    def timeline_w(self) -> int:
        return self.inner_w - self.left_w - self.map_w - 2 * self.gap

    @property
    def body_y(self) -> int:
        return self.pad_y + self.header_h + self.gap

    def boxes(self) -> dict[str, tuple[int, int, int, int]]:
        """(x, y, width, height) of each box on the slide."""
        x_left = self.pad_x
        x_map = x_left + self.left_w + self.gap
        x_timeline = x_map + self.map_w + self.gap
        notes_y = self.body_y + self.body_h + self.gap
        return {
            "header": (self.pad_x, self.pad_y, self.inner_w, self.header_h),
            "left": (x_left, self.body_y, self.left_w, self.body_h),
            "map": (x_map, self.body_y, self.map_w, self.map_h),
            "actors": (x_map, self.body_y + self.map_h + self.gap, self.map_w, self.body_h - self.map_h - self.gap),
            "timeline": (x_timeline, self.body_y, self.timeline_w, self.body_h),
            "notes": (self.pad_x, notes_y, self.inner_w, self.notes_h),
            "footer": (self.pad_x, notes_y + self.notes_h + self.gap, self.inner_w, self.footer_h),
        }


SLIDE = Frame(width=1920, height=1080, pad_x=40, pad_y=28, header_h=128, body_h=612, notes_h=206, footer_h=30, gap=16,
              left_w=420, map_w=640, map_h=410, font_px=17)
# The Briefing page at a 1920 x 1080 window: the slide's boxes at about four fifths of their size, beside the sidebar.
PAGE = Frame(width=1556, height=860, pad_x=16, pad_y=10, header_h=92, body_h=512, notes_h=160, footer_h=22, gap=14,
             left_w=340, map_w=520, map_h=330, font_px=14)
for _frame in (SLIDE, PAGE):
    assert sum((_frame.pad_y * 2, _frame.header_h, _frame.body_h, _frame.notes_h, _frame.footer_h, _frame.gap * 3)) <= _frame.height

MAX_NUMBERS = 8
MAX_ACTORS = 6
MAX_KEY_EVENTS = 4


# ---------------------------------------------------------------------------
# What the slide says.


@dataclass(frozen=True)
class Number:
    marker: int
    value: str
    label: str
    attribution: str
    figure_id: str
    sentence_id: str


@dataclass(frozen=True)
class KeyEvent:
    marker: int
    when: str
    summary: str
    event_type: str
    event_id: str
    sentence_id: str


@dataclass(frozen=True)
class KeyActor:
    actor_id: str
    name: str
    title: str
    event_count: int


@dataclass(frozen=True)
class Footnote:
    marker: int
    sentence_id: str
    text: str  # verbatim, as in sentences.csv
    where: str  # 'paragraph 5'


@dataclass(frozen=True)
class Briefing:
    filters: Filters
    params: dict[str, str]
    title: str
    description: str
    as_of: str
    attribution: str
    event_count: int
    numbers: tuple[Number, ...]
    more_numbers: int
    key_events: tuple[KeyEvent, ...]
    actors: tuple[KeyActor, ...]
    footnotes: tuple[Footnote, ...]
    map: Branded
    timeline: Branded
    frame: Frame = SLIDE
    event_types: tuple[str, ...] = ()

    def file_name(self, extension: str) -> str:
        return f"citemap-briefing-{filter_slug(self.params)}.{extension}"


def key_actors(index: DatasetIndex, events: pd.DataFrame, limit: int = MAX_ACTORS) -> list[KeyActor]:
    """Who takes part in most of the shown events; the media that report them are sources, not actors."""
    links = index.dataset.event_actors
    links = links[index.links.links_of(events) & (links["role"] != "source").to_numpy()]
    actors = index.actors_by_id
    links = links[links["actor_id"].map(actors["kind"]).ne("media")]
    if links.empty:
        return []
    counts = links.groupby("actor_id")["event_id"].nunique()
    # Dicts: a lookup by label in a text index costs half a millisecond, and there may be thousands of actors.
    names, by_count = dict(zip(actors.index, actors["name"])), counts.to_dict()
    order = sorted(by_count, key=lambda a: (-by_count[a], names[a]))
    result = []
    for actor_id in order[:limit]:
        row = actors.loc[actor_id]
        title = row["title"] or row["affiliation"] or row["kind"]
        result.append(KeyActor(actor_id, row["name"], title, int(counts[actor_id])))
    return result


def _lines_needed(footnotes: list[Footnote], chars_per_line: int) -> int:
    return sum(math.ceil((len(f.text) + len(f.sentence_id) + len(f.where) + 12) / chars_per_line) for f in footnotes)


def _footnote(index: DatasetIndex, marker: int, sentence_id: str) -> Footnote:
    q = quote(index, sentence_id)
    return Footnote(marker, sentence_id, q.text, f"paragraph {q.paragraph}" + ("" if q.kind == "body" else f", {q.kind}"))


def _notes_capacity(frame: Frame) -> tuple[int, int]:
    """(characters per line, lines) that the footnote box holds: two columns of the notes' type size."""
    note_px = frame.font_px * 0.94
    column_w = (frame.inner_w - 3 * frame.gap) / 2
    chars = int(column_w / (note_px * 0.56))
    lines = int((frame.notes_h - 1.6 * frame.font_px) / (note_px * 1.34)) * 2
    return chars, lines - 2


def _numbers(index: DatasetIndex, events: pd.DataFrame, frame: Frame) -> tuple[list[Number], list[Footnote], int]:
    figures = headline_figures(index, events)
    chars, capacity = _notes_capacity(frame)
    numbers: list[Number] = []
    footnotes: list[Footnote] = []
    markers: dict[str, int] = {}
    for _, figure in figures.head(MAX_NUMBERS).iterrows():
        sentence_id = figure["sentence_id"]
        new = sentence_id not in markers
        if new:
            candidate = _footnote(index, len(markers) + 1, sentence_id)
            if _lines_needed(footnotes + [candidate], chars) + len(footnotes) // 2 > capacity:
                break  # no room to quote its source: the number is left for the dashboard
            markers[sentence_id] = candidate.marker
            footnotes.append(candidate)
        label = figure["metric"].replace("_", " ").capitalize()
        numbers.append(Number(markers[sentence_id], figure["display_value"], label, figure["attribution"], figure["figure_id"], sentence_id))
    return numbers, footnotes, len(figures) - len(numbers)


def _key_events(index: DatasetIndex, events: pd.DataFrame, frame: Frame) -> tuple[list[KeyEvent], list[Footnote]]:
    """When no number is reported: the first events of the unrest itself, each quoted."""
    main, background = split_background(events)
    chosen = (main if len(main) else background).head(MAX_KEY_EVENTS)
    chars, capacity = _notes_capacity(frame)
    result, footnotes = [], []
    for event_id, event in chosen.iterrows():
        sentence_id = event["sentence_ids"].split(";")[0].strip()
        candidate = _footnote(index, len(footnotes) + 1, sentence_id)
        if _lines_needed(footnotes + [candidate], chars) + len(footnotes) // 2 > capacity:
            break
        footnotes.append(candidate)
        result.append(KeyEvent(candidate.marker, when(event).split(" (")[0], event["summary"], event["event_type"], event_id, sentence_id))
    return result, footnotes


def _region(index: DatasetIndex) -> str:
    countries = index.dataset.places.loc[index.dataset.places["kind"] == "country", "name"]
    return countries.iloc[0] if len(countries) == 1 else ""


def _title(index: DatasetIndex, filters: Filters, events: pd.DataFrame) -> str:
    """'Kyrgyzstan, 5–6 October 2020': the place and the days the slide is about."""
    dates = describe_dates(filters.date_from, filters.date_to)
    if not dates and len(events):
        main, _ = split_background(events)
        span = main if len(main) else events
        first = span["event_date"].min().date()
        last = span["date_end"].fillna(span["event_date"]).max().date()
        dates = describe_dates(first, last)
    region = _region(index)
    return ", ".join(part for part in (region, dates) if part) or "Citemap briefing"


# ---------------------------------------------------------------------------
# The two charts, sized for their boxes and legible on a projector.


def _legible(fig: go.Figure, px: int) -> go.Figure:
    """Larger type for a projector: ticks, legend and panel titles."""
    fig.update_xaxes(tickfont={"size": px})
    fig.update_yaxes(tickfont={"size": px})
    fig.update_layout(legend={"font": {"size": px}}, font={"size": px})
    for annotation in fig.layout.annotations or ():
        annotation.font.size = px + 1
    return fig


def briefing_view(basemap: Basemap, events: pd.DataFrame, width: int, height: int) -> MapView:
    """The whole country (so Bishkek and Osh both show), fitted to the map's box."""
    bounds = basemap.bounds()
    if bounds is None:
        mapped = events.loc[events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna(), ["latitude", "longitude"]]
        bounds = (mapped["longitude"].min(), mapped["latitude"].min(), mapped["longitude"].max(), mapped["latitude"].max()) if len(mapped) else (69.2, 39.1, 80.3, 43.3)
    west, south, east, north = bounds
    pad_lon, pad_lat = (east - west) * 0.03, (north - south) * 0.03
    west, south, east, north = west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat
    return MapView("overview", "Whole country", ((south + north) / 2, (west + east) / 2), zoom_to_fit(west, south, east, north, width, height))


def _city_labels(fig: go.Figure, index: DatasetIndex, events: pd.DataFrame, view: MapView, label_px: float, most: int = 8) -> None:
    """Name the towns, each with a dot where it has no event: those with the most events first, then the others
    (in the bundled data, Bishkek and Osh whatever the filter shows), up to `most`, leaving out a name that would
    overlap one already written or a disc of crowded events."""
    places = index.dataset.places
    cities = places[(places["kind"] == "city") & places["latitude"].notna() & places["geo_precision"].eq(1).fillna(False).to_numpy()]
    mapped = (events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna()).to_numpy()
    # Positions and sizes only, as arrays: the events are compared with each city without copying their rows.
    lat, lon, size = (events[name].to_numpy(dtype=float)[mapped] for name in ("latitude", "longitude", "size_value"))
    discs = crowded_discs(fig)
    degrees_per_px = 360.0 / (TILE_SIZE * 2**view.zoom)
    space = LabelSpace(view.zoom, label_px)
    for disc in discs.itertuples():
        space.occupy(disc.latitude, disc.longitude, disc.diameter)
    found = []
    for city in cities.itertuples():
        at_city = (np.abs(lat - city.latitude) < 1e-5) & (np.abs(lon - city.longitude) < 1e-5)
        here = int(at_city.sum())
        inside = discs[np.hypot((discs["longitude"] - city.longitude) / degrees_per_px, (discs["latitude"] - city.latitude) / degrees_per_px)
                       <= discs["diameter"] / 2]
        width = text_width_px(city.name, label_px)
        if len(inside):  # its events are one disc: the name starts past the disc's rim, east, else west
            disc = next(inside.itertuples())
            sides = (clearance_from_disc(city.latitude, city.longitude, disc, view.zoom),
                     -(clearance_from_disc(city.latitude, city.longitude, disc, view.zoom, east=False) + width))
        else:  # beside the fan of its markers
            radius = float(marker_size(size[at_city]).max()) / 2 + 2 if here else 4
            clearance = (FAN_RADIUS_PX + 2.5 * here if here > 1 else 0) + radius + 8
            sides = (clearance, -(clearance + width))
        found.append((city, here, sides))
    offsets = {}
    for i in sorted(range(len(found)), key=lambda i: (-found[i][1], found[i][0].name))[:most]:
        city, _, sides = found[i]
        offsets[i] = next((dx for dx in sides if space.claim(city.name, city.latitude, city.longitude, dx)), None)
    lats, lons, dot_lat, dot_lon = [], [], [], []
    for i, (city, here, _) in enumerate(found):  # in file order
        if offsets.get(i) is None:
            continue
        label_lats, label_lons = stroke_label(city.name, city.latitude, city.longitude, view.zoom, height_px=label_px, dx_px=offsets[i], dy_px=-label_px / 2)
        lats += label_lats
        lons += label_lons
        if not here:
            dot_lat.append(city.latitude)
            dot_lon.append(city.longitude)
    if dot_lat:
        fig.add_trace(go.Scattermap(lat=dot_lat, lon=dot_lon, mode="markers", marker={"size": 9, "color": INK}, hoverinfo="skip", showlegend=False, name="cities"))
    add_label_traces(fig, lats, lons, width=1.6, halo=5, name="city labels")


SLIDE_LABEL_CHARS = 36


def _short_labels(fig: go.Figure, events: pd.DataFrame, limit: int) -> None:
    """Shorter bar labels than the Timeline page's, so the bars keep their room on a slide."""
    for axis in fig.select_yaxes():
        if axis.tickvals:
            axis.ticktext = [safe(shorten(events.at[e, "summary"], limit)) if e in events.index else t for e, t in zip(axis.tickvals, axis.ticktext)]


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


def _without_event_labels(fig: go.Figure) -> go.Figure:
    """The map's own place labels go: the briefing names every city itself, larger."""
    fig.data = tuple(t for t in fig.data if t.name != "labels")
    return fig


LEGEND_TYPES = 3  # event types a slide's map has room to name in its corner
FONT_FAMILY = '"Liberation Sans", Arial, Helvetica, sans-serif'  # Arial's widths, on every system that has one of them
CHAR_WIDTH = 0.54
MAP_MARGIN_PX = 28


def _brand(fig: go.Figure, index: DatasetIndex, events: pd.DataFrame, title: str, description: str, params: dict[str, str], view: str,
           width: int, height: int | None, font_px: int, basemap: bool = False) -> Branded:
    return brand(fig, title=title, filter_sentence=description, as_of=index.dataset.as_of, attribution=attribution(index, events, basemap=basemap),
                 view=view, params=params, width_px=width, height=height, font_px=max(font_px - 4, 12), title_px=font_px + 2,
                 font_family=FONT_FAMILY, char_width=CHAR_WIDTH, label_char_width=0.52)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def map_figure(index: DatasetIndex, events: pd.DataFrame, basemap: Basemap, description: str, params: dict[str, str],
               width: int, height: int, font_px: int) -> Branded:
    shown = len(events) - len(unmapped(events))
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
    fig = event_map(events, basemap, view, height=height, brief_note=True)
    if not is_aggregated(events):  # counted squares keep the map's own names of the busiest towns, set beside their discs
        fig = _without_event_labels(fig)
        _city_labels(fig, index, events, view, label_px=font_px * 1.1)
    _one_entry_per_type(fig)
    # The legend goes where the country leaves the corner empty (the south-east, towards China), unless the note on
    # counted squares is there; past three types it would cover the country. The slide's key above names every type.
    legend = events["event_type"].nunique() <= LEGEND_TYPES and not is_aggregated(events)
    fig.update_layout(legend={"font": {"size": font_px - 1}, "itemsizing": "constant", "x": 0.99, "xanchor": "right", "y": 0.01, "yanchor": "bottom"},
                      showlegend=None if legend else False, dragmode=False)
    return _brand(fig, index, events, title, description, params, "briefing-map", width, height, font_px, basemap=True)


ROW_PX = 30
PANEL_GAP_PX = 64
PANEL_TITLES = ("The days of the unrest, by hour", "Background, by year")


def timeline_figure(index: DatasetIndex, events: pd.DataFrame, description: str, params: dict[str, str], width: int, height: int, font_px: int) -> Branded:
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
            branded.figure.update_xaxes(**day_ticks(first, last, width - margin.l - margin.r, font_px - 3), selector={"anchor": "y"})
        return branded

    if not len(events):
        return draw(events, "When: no event matches the filter", None)
    if len(main) and len(background):
        if not counted(events):
            both = draw(events, f"When: {_plural(len(main), 'event')} by hour, {len(background)} in the background", None)
            if both.figure.layout.height <= height:
                return both
        first = background["event_date"].min().year
        title = (f"When: {_plural(len(main), 'event')} {scale(main, 'by hour')}; {len(background):,} older not drawn" if counted(main) else
                 f"When: {_plural(len(main), 'event')} by hour; {len(background)} older, since {first}, not drawn")
        shown = main
    elif len(main):
        title, shown = f"When: {_plural(len(main), 'event')}, {scale(main, 'by hour')}", main
    else:
        title, shown = f"When: {_plural(len(background), 'event')}, {'spread over months' if counted(background) else 'by year'}", background
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


def build(index: DatasetIndex, filters: Filters, basemap: Basemap, *, frame: Frame = SLIDE,
          map_size: tuple[int, int] | None = None, timeline_size: tuple[int, int] | None = None) -> Briefing:
    """Everything the slide shows for this filter, its charts sized for the frame's boxes.

    What the slide says (which numbers, actors and quotes) is chosen for the
    1920 x 1080 slide whatever the frame, so the page and the files agree.
    """
    events = apply(index, filters)
    description = describe(index, filters, len(events))
    params = encode(ViewState(filters))
    numbers, footnotes, more = _numbers(index, events, SLIDE)
    key_events: list[KeyEvent] = []
    if not numbers and len(events):
        key_events, footnotes = _key_events(index, events, SLIDE)
    present_types = set(events["event_type"].unique())
    map_w, map_h = map_size or (frame.map_w, frame.map_h)
    timeline_w, timeline_h = timeline_size or (frame.timeline_w, frame.body_h)
    return Briefing(
        filters=filters,
        params=params,
        title=_title(index, filters, events),
        description=description,
        as_of=index.dataset.as_of,
        attribution=attribution(index, events),
        event_count=len(events),
        numbers=tuple(numbers),
        more_numbers=more,
        key_events=tuple(key_events),
        actors=tuple(key_actors(index, events)),
        footnotes=tuple(footnotes),
        map=map_figure(index, events, basemap, description, params, map_w, map_h, frame.font_px),
        timeline=timeline_figure(index, events, description, params, timeline_w, timeline_h, frame.font_px),
        frame=frame,
        event_types=tuple(t for t in EVENT_TYPES if t in present_types),
    )


# ---------------------------------------------------------------------------
# HTML: fragments shared by the slide file and the page, and the slide itself.


def css(frame: Frame, scope: str = ".cm-brief") -> str:
    """The slide's type and boxes, sized from the frame's body type size."""
    u = frame.font_px
    return f"""
{scope} {{ font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; color: {INK}; font-size: {u}px; line-height: 1.3; }}
{scope} * {{ box-sizing: border-box; }}
{scope} .cm-actor, {scope} .cm-role, {scope} .cm-notes li, {scope} .cm-event, {scope} .cm-title, {scope} .cm-filter {{ overflow-wrap: anywhere; }}
{scope} .cm-actor, {scope} .cm-role {{ display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }}
{scope} .cm-numbers {{ container-type: inline-size; }}
{scope} .cm-kicker {{ font-size: {u * 0.9:.1f}px; letter-spacing: 0.08em; text-transform: uppercase; color: {MUTED}; margin: 0; }}
{scope} .cm-kicker b {{ color: {INK}; }}
{scope} .cm-title {{ font-size: {u * 2.5:.1f}px; line-height: 1.1; margin: {u * 0.2:.1f}px 0 {u * 0.25:.1f}px 0; padding: 0; font-weight: 700; color: {INK}; }}
{scope} .cm-filter {{ font-size: {u * 1.35:.1f}px; margin: 0; color: {INK}; }}
{scope} h2.cm-h {{ font-size: {u * 0.9:.1f}px; letter-spacing: 0.08em; text-transform: uppercase; color: {MUTED}; margin: 0 0 {u * 0.4:.1f}px 0; padding: 0; font-weight: 700; }}
{scope} .cm-numbers {{ display: grid; grid-template-columns: 1fr 1fr; gap: {u * 1.1:.1f}px {u * 0.8:.1f}px; }}
{scope} .cm-number {{ border-left: {max(u // 4, 3)}px solid {INK}; padding: 0 0 0 {u * 0.55:.1f}px; }}
{scope} .cm-value {{ font-size: min({u * 2.9:.1f}px, 13cqw); font-weight: 700; line-height: 1.05; white-space: nowrap; }}
{scope} .cm-value.cm-long {{ font-size: min({u * 1.9:.1f}px, 8.5cqw); }}
{scope} .cm-value sup, {scope} .cm-event sup, {scope} .cm-notes sup {{ font-size: {u * 0.8:.1f}px; font-weight: 700; color: #0b5cad; margin-left: 2px; vertical-align: super; line-height: 0; }}
{scope} .cm-label {{ font-size: {u * 1.15:.1f}px; font-weight: 700; margin-top: {u * 0.15:.1f}px; }}
{scope} .cm-by {{ font-size: {u * 0.88:.1f}px; color: {MUTED}; }}
{scope} .cm-more {{ font-size: {u * 0.82:.1f}px; color: {MUTED}; grid-column: 1 / -1; }}
{scope} .cm-event {{ margin: 0 0 {u * 0.5:.1f}px 0; font-size: {u * 0.95:.1f}px; }}
{scope} .cm-event .cm-when {{ font-weight: 700; }}
{scope} .cm-swatch {{ display: inline-block; width: {u * 0.7:.1f}px; height: {u * 0.7:.1f}px; border-radius: 2px; margin-right: {u * 0.3:.1f}px; vertical-align: baseline; }}
{scope} ul.cm-actors {{ list-style: none; margin: 0; padding: 0; column-count: 2; column-gap: {frame.gap * 2}px; }}
{scope} ul.cm-actors li {{ margin: 0 0 {u * 0.45:.1f}px 0; break-inside: avoid; }}
{scope} .cm-actor {{ font-size: {u * 1.05:.1f}px; font-weight: 700; }}
{scope} .cm-role {{ font-size: {u * 0.82:.1f}px; color: {MUTED}; }}
{scope} .cm-notes ol {{ column-count: 2; column-gap: {frame.gap * 3}px; margin: 0; padding: 0; list-style: none; }}
{scope} .cm-notes li {{ break-inside: avoid; font-size: {u * 0.94:.1f}px; line-height: 1.34; margin: 0 0 {u * 0.35:.1f}px 0; padding-left: {u * 1.3:.1f}px; text-indent: -{u * 1.3:.1f}px; }}
{scope} .cm-notes li sup {{ display: inline-block; width: {u * 1.3:.1f}px; text-indent: 0; text-align: left; margin: 0; }}
{scope} .cm-notes q.cm-q {{ font-family: Georgia, "DejaVu Serif", serif; quotes: "“" "”"; }}
{scope} .cm-cite {{ color: {MUTED}; font-size: {u * 0.8:.1f}px; white-space: nowrap; }}
{scope} .cm-footer {{ font-size: {u * 0.78:.1f}px; color: {MUTED}; border-top: 1px solid #d9d9d4; padding-top: {u * 0.3:.1f}px; }}
{scope} .cm-legend {{ position: absolute; right: 0; top: 0; max-width: 38%; text-align: right; font-size: {u * 0.9:.1f}px; line-height: 1.6; }}
{scope} .cm-key {{ display: inline-block; margin-left: {u:.1f}px; white-space: nowrap; }}
{scope} .cm-hatched {{ background: repeating-linear-gradient(135deg, {MUTED} 0 2px, white 2px 5px); border: 1px solid {MUTED}; }}
{scope} .cm-ring {{ border-radius: 50%; border: {max(u // 5, 3)}px solid {MUTED}; background: white; }}
{scope} .cm-empty {{ color: {MUTED}; font-size: {u:.1f}px; }}
"""


def legend_html(b: Briefing) -> str:
    """One key for both charts: the colour of each event type shown, and what a hatched bar and a ring mean."""
    items = [f'<span class="cm-key"><span class="cm-swatch" style="background:{colour(t)}"></span>{esc(t)}</span>' for t in b.event_types]
    items.append('<span class="cm-key"><span class="cm-swatch cm-hatched"></span>hatched bar: the hour is not stated</span>')
    items.append('<span class="cm-key"><span class="cm-swatch cm-ring"></span>ring: the place is approximate</span>')
    return f'<div class="cm-legend">{"".join(items)}</div>'


def header_html(b: Briefing, title_tag: str = "h1") -> str:
    """Kicker, title, filter sentence and the key. On a page that has its own h1, the title is a div."""
    return (
        legend_html(b)
        + f'<p class="cm-kicker"><b>Citemap briefing</b> · data as of {esc(b.as_of)}</p>'
        f'<{title_tag} class="cm-title">{esc(b.title)}</{title_tag}>'
        f'<p class="cm-filter">{esc(b.description)}</p>'
    )


def _sup(marker: int) -> str:
    return f'<sup data-note="{marker}">{marker}</sup>'


def left_html(b: Briefing) -> str:
    parts = []
    if b.numbers:
        parts.append('<h2 class="cm-h">Headline numbers</h2><div class="cm-numbers">')
        for n in b.numbers:
            long = " cm-long" if len(n.value) > 6 else ""
            parts.append(
                f'<div class="cm-number" data-figure="{esc(n.figure_id)}"><div class="cm-value{long}">{esc(n.value)}{_sup(n.marker)}</div>'
                f'<div class="cm-label">{esc(n.label)}</div><div class="cm-by">{esc(n.attribution)}</div></div>'
            )
        if b.more_numbers:
            parts.append(f'<div class="cm-more">{b.more_numbers} more number{"s" if b.more_numbers != 1 else ""} in the dashboard</div>')
        parts.append("</div>")
    elif b.key_events:
        parts.append('<h2 class="cm-h">Key events</h2><div class="cm-events">')
        for e in b.key_events:
            parts.append(
                f'<p class="cm-event" data-event="{esc(e.event_id)}"><span class="cm-swatch" style="background:{colour(e.event_type)}"></span>'
                f'<span class="cm-when">{esc(e.when)}:</span> {esc(shorten(e.summary, 110))}{_sup(e.marker)}</p>'
            )
        parts.append("</div>")
    else:
        parts.append('<p class="cm-empty">No event matches this filter.</p>')
    return "".join(parts)


def actors_html(b: Briefing) -> str:
    parts = []
    if b.actors:
        parts.append('<h2 class="cm-h">Key actors</h2><ul class="cm-actors">')
        for a in b.actors:
            events = f"{a.event_count} event{'s' if a.event_count != 1 else ''}"
            parts.append(
                f'<li data-actor="{esc(a.actor_id)}"><span class="cm-actor" title="{esc(a.name)}">{esc(a.name)}</span>'
                f'<span class="cm-role">{esc(a.title)} · {events}</span></li>'
            )
        parts.append("</ul>")
    return "".join(parts)


def notes_html(b: Briefing) -> str:
    if not b.footnotes:
        return '<h2 class="cm-h">Sources</h2><p class="cm-empty">Nothing to cite: no event matches this filter.</p>'
    items = "".join(
        f'<li data-sentence="{esc(f.sentence_id)}">{_sup(f.marker)}<q class="cm-q">{esc(f.text)}</q> '
        f'<span class="cm-cite">{esc(f.sentence_id)}, {esc(f.where)}</span></li>'
        for f in b.footnotes
    )
    return f'<h2 class="cm-h">Sources, quoted verbatim</h2><ol>{items}</ol>'


def footer_html(b: Briefing) -> str:
    keys = " · ".join(f"{k}={v}" for k, v in b.params.items()) or "none"
    return (
        f"Filter keys (the dashboard's URL and <code>python -m citemap brief</code>): {esc(keys)} · "
        "Every number, dot and bar comes from a sentence of the source; the dashboard links each one back to it. Made with Citemap."
    )


# Should a box's text still not fit (an unusually long name or quote), it is drawn smaller rather than cut off.
FIT_SCRIPT = (
    "document.querySelectorAll('.cm-fit').forEach(function(box){var inner=box.firstElementChild,zoom=1;"
    "while(inner.getBoundingClientRect().height>box.clientHeight+1&&zoom>0.6){zoom-=0.04;inner.style.zoom=zoom;}"
    "box.dataset.zoom=zoom.toFixed(2);});"
)

PRINT_CSS = """
@page { size: 1920px 1080px; margin: 0; }
@media print { html, body { background: white; } .cm-slide { box-shadow: none; margin: 0; } }
"""


def _slide_css(frame: Frame) -> str:
    boxes = frame.boxes()
    rules = [
        "html, body { margin: 0; padding: 0; background: #e9e9e4; }",
        f".cm-slide {{ position: relative; width: {frame.width}px; height: {frame.height}px; background: white; overflow: hidden; margin: 0 auto; }}",
    ]
    for name, (x, y, w, h) in boxes.items():
        rules.append(f".cm-box-{name} {{ position: absolute; left: {x}px; top: {y}px; width: {w}px; height: {h}px; }}")
    rules.append(".cm-box-map, .cm-box-timeline { border: 1px solid #e3e3de; }")
    rules.append(".cm-fit { overflow: hidden; }")
    rules.append(f".cm-map-note {{ position: absolute; left: 12px; right: 12px; top: {frame.font_px * 3}px; margin: 0; padding: 4px 6px;"
                 f" background: rgba(255,255,255,0.9); font-size: {frame.font_px * 0.85:.0f}px; color: {INK}; }}")
    rules.append(".cm-box-map img, .cm-box-timeline img, .cm-box-map .cm-plot, .cm-box-timeline .cm-plot { display: block; width: 100%; height: 100%; }")
    return "\n".join(rules) + css(frame) + PRINT_CSS


def chart_boxes(b: Briefing) -> dict[str, tuple[int, int, int, int]]:
    """(x, y, width, height) of the two charts on the slide: a timeline shorter than its box leaves the rest blank."""
    boxes = b.frame.boxes()
    x, y, w, h = boxes["timeline"]
    return {"map": boxes["map"], "timeline": (x, y, w, min(h, int(b.timeline.figure.layout.height) + 2))}


def _figure_json(branded: Branded, width: int, height: int) -> str:
    fig = go.Figure(branded.figure)
    fig.update_layout(width=width - 2, height=height - 2, autosize=False)
    return fig.to_json().replace("</", "<\\/")


def _config_json(branded: Branded) -> str:
    import json

    return json.dumps({**branded.config, "responsive": False}).replace("</", "<\\/")


def to_html(b: Briefing, images: dict[str, bytes] | None = None) -> str:
    """The slide as one self-contained HTML file.

    A chart in `images` (PNG bytes by 'map' or 'timeline') is a picture; with
    both, the file has no plotly.js: that is what Chromium prints. The others
    are live plotly charts, with plotly.js inlined from the installed plotly
    package, so that the file opens offline.
    """
    frame = b.frame
    boxes = chart_boxes(b)
    charts = {}
    scripts = []
    for name, branded in (("map", b.map), ("timeline", b.timeline)):
        _, _, w, h = boxes[name]
        if images and name in images:
            data = base64.b64encode(images[name]).decode("ascii")
            alt = esc(branded.figure.layout.meta["citemap"]["title"])
            charts[name] = f'<img alt="{alt}" src="data:image/png;base64,{data}">'
        else:
            note = ""
            if name == "map":
                # Written without Chromium: a live map, which browsers draw only when the file comes from a web server.
                note = ('<p class="cm-map-note">The map draws when this file is opened from a web server: browsers do not start '
                        "plotly's map engine in a file opened from disk. The PNG and PDF briefings carry the map.</p>")
            charts[name] = f'<div class="cm-plot" id="cm-{name}"></div>{note}'
            # Once a live map has drawn, its note goes.
            drawn = ".then(function(gd){var n=document.querySelector('.cm-map-note');if(n)n.remove();return gd;})" if name == "map" else ""
            scripts.append(
                f"(function(){{var f={_figure_json(branded, w, h)};"
                f"window.citemapCharts.push(Plotly.newPlot('cm-{name}', f.data, f.layout, {_config_json(branded)}){drawn});}})();"
            )
    body = (
        f'<main class="cm-slide cm-brief" data-frame="{frame.width}x{frame.height}">'
        f'<header class="cm-box-header">{header_html(b)}</header>'
        f'<section class="cm-box-left cm-fit"><div class="cm-fit-inner">{left_html(b)}</div></section>'
        f'<section class="cm-box-actors cm-fit"><div class="cm-fit-inner">{actors_html(b)}</div></section>'
        f'<figure class="cm-box-map" style="margin:0">{charts["map"]}</figure>'
        f'<figure class="cm-box-timeline" style="margin:0;height:{boxes["timeline"][3]}px">{charts["timeline"]}</figure>'
        f'<section class="cm-box-notes cm-notes cm-fit"><div class="cm-fit-inner">{notes_html(b)}</div></section>'
        f'<footer class="cm-box-footer cm-footer">{footer_html(b)}</footer>'
        "</main>"
    )
    script = f"<script>{FIT_SCRIPT}</script>"
    if scripts:
        from plotly.offline import get_plotlyjs

        script = (
            script + f"<script>{get_plotlyjs()}</script>\n"
            "<script>window.citemapCharts=[];" + "".join(scripts) + "window.citemapReady=Promise.all(window.citemapCharts);</script>"
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(b.title)} · Citemap briefing</title>'
        f'<meta name="description" content="{esc(b.description)}">'
        f"<style>{_slide_css(frame)}</style></head>"
        f"<body>{body}\n{script}</body></html>\n"
    )


# ---------------------------------------------------------------------------
# Chromium: one browser per process, driven through kaleido.


class BriefingError(Exception):
    """A briefing could not be written; the message says why, for a person to read."""


class ChromiumMissing(BriefingError):
    """PNG and PDF need a Chromium on this machine."""


CHROMIUM_HELP = (
    "PNG and PDF briefings are drawn by Chromium, and none was found on this machine"
    "{where}. Install it (Debian/Ubuntu: apt-get install chromium) or point BROWSER_PATH at a Chrome or Chromium "
    "executable. The HTML briefing needs no browser: use -o brief.html, or the HTML download."
)


def find_chromium() -> str | None:
    """The Chromium kaleido will use: $BROWSER_PATH if set, else the first Chrome or Chromium found."""
    from choreographer.browsers.chromium import Chromium

    path = os.environ.get("BROWSER_PATH") or Chromium.find_browser(skip_local=False)
    return path if path and Path(path).is_file() else None


class _Chromium:
    """A kaleido browser kept open in a thread of its own, shared by every render in the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _start(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            path = find_chromium()
            if path is None:
                where = f" (BROWSER_PATH={os.environ['BROWSER_PATH']} does not exist)" if os.environ.get("BROWSER_PATH") else ""
                raise ChromiumMissing(CHROMIUM_HELP.format(where=where))
            import kaleido
            from choreographer.errors import BrowserFailedError, ChromeNotFoundError

            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="citemap-chromium", daemon=True)
            thread.start()

            async def open_browser():
                browser = kaleido.Kaleido(n=1, mathjax=False, path=path)
                await browser.open()
                return browser

            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(timeout=120)
            except ChromeNotFoundError:
                loop.call_soon_threadsafe(loop.stop)
                raise ChromiumMissing(CHROMIUM_HELP.format(where=f" (tried {path})")) from None
            except (BrowserFailedError, TimeoutError, OSError) as err:
                loop.call_soon_threadsafe(loop.stop)
                raise BriefingError(f"Chromium at {path} did not start: {err}") from None
            self._loop = loop
            atexit.register(self.close)

    def run(self, make_coroutine, timeout: float = 180):
        self._start()
        return asyncio.run_coroutine_threadsafe(make_coroutine(self._kaleido), self._loop).result(timeout=timeout)

    def close(self) -> None:
        with self._lock:
            if self._kaleido is None:
                return
            with contextlib.suppress(Exception):  # closing at exit: nothing left to tell anyone
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(timeout=30)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._kaleido, self._loop = None, None


_CHROMIUM = _Chromium()


async def _chart_images(browser, b: Briefing, scale: float, names: tuple[str, ...] = ("map", "timeline")) -> dict[str, bytes]:
    boxes = chart_boxes(b)
    images = {}
    for name, branded in (("map", b.map), ("timeline", b.timeline)):
        if name not in names:
            continue
        _, _, w, h = boxes[name]
        images[name] = await browser.calc_fig(branded.figure, opts={"format": "png", "width": w - 2, "height": h - 2, "scale": scale})
    return images


async def _print(browser, html: str, kind: str, frame: Frame, scale: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="citemap-brief-") as folder:
        page = Path(folder) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        tab = await browser.create_tab("")
        try:
            await tab.send_command("Page.enable")
            await tab.send_command("Emulation.setDeviceMetricsOverride",
                                   params={"width": frame.width, "height": frame.height, "deviceScaleFactor": scale, "mobile": False})
            loaded = tab.subscribe_once("Page.loadEventFired")
            await tab.send_command("Page.navigate", params={"url": page.as_uri()})
            await loaded
            if kind == "png":
                clip = {"x": 0, "y": 0, "width": frame.width, "height": frame.height, "scale": 1}
                response = await tab.send_command("Page.captureScreenshot", params={"format": "png", "clip": clip, "captureBeyondViewport": False})
            else:
                response = await tab.send_command("Page.printToPDF", params={
                    "printBackground": True, "preferCSSPageSize": True, "pageRanges": "1",
                    "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
                })
        finally:
            await browser.close_tab(tab.target_id)
    if "error" in response:
        raise BriefingError(f"Chromium could not draw the briefing: {response['error'].get('message')}")
    return base64.b64decode(response["result"]["data"])


def render(b: Briefing, kind: str, *, scale: float = 1.0) -> bytes:
    """The briefing as 'png', 'pdf' or 'html' bytes. PNG is frame-sized times `scale`."""
    if kind == "html":
        # MapLibre, which draws plotly's maps, starts no worker in a page opened from disk (file://), so the
        # map goes in as a picture; the timeline stays live. Without Chromium, the live map is the fallback.
        try:
            images = _CHROMIUM.run(lambda browser: _chart_images(browser, b, scale=2, names=("map",)))
        except ChromiumMissing:
            images = {}
        return to_html(b, images=images).encode("utf-8")
    if kind not in ("png", "pdf"):
        raise BriefingError(f"unknown briefing format “{kind}”: use png, pdf or html")

    async def draw(browser):
        images = await _chart_images(browser, b, scale=2 if kind == "pdf" else scale)
        return await _print(browser, to_html(b, images=images), kind, b.frame, scale)

    return _CHROMIUM.run(draw)


def render_png(b: Briefing, scale: float = 1.0) -> bytes:
    return render(b, "png", scale=scale)


def render_pdf(b: Briefing) -> bytes:
    return render(b, "pdf")


def write(b: Briefing, path: str | os.PathLike, *, scale: float = 1.0) -> Path:
    """Write the briefing in the format its file name says (.png, .pdf or .html)."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "pdf", "html", "htm"):
        raise BriefingError(f"{path.name}: the briefing is written as .png, .pdf or .html")
    data = render(b, "html" if kind == "htm" else kind, scale=scale)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------
# The command: python -m citemap brief --from ... -o brief.png


FILTER_KEYS = ("from", "to", "actor", "type", "place", "q")  # the dashboard's URL keys for the filter


def brief_command(args) -> int:
    """Write the briefing for the filter given with the URL's keys; 0 when written, 2 when it could not be."""
    import sys

    from .basemap import load_basemap
    from .dataset import load
    from .urlstate import decode

    output = Path(args.output)
    if output.suffix.lower() not in (".png", ".pdf", ".html", ".htm"):
        print(f"citemap brief: {output.name}: write .png, .pdf or .html", file=sys.stderr)
        return 2
    dataset = load(args.data_dir)
    index = DatasetIndex(dataset)
    params = {key: value for key in FILTER_KEYS if (value := getattr(args, f"url_{key}", None)) is not None}
    state = decode(params, index)
    if state.notices:
        # The dashboard shows a link's bad values and goes on; a script would brief on the wrong filter unnoticed.
        for notice in state.notices:
            print(f"citemap brief: {notice}", file=sys.stderr)
        print("citemap brief: nothing written; fix the values above.", file=sys.stderr)
        return 2
    b = build(index, state.filters, load_basemap(Path(dataset.data_dir) / "geo"))
    try:
        path = write(b, output, scale=args.scale)
    except BriefingError as err:
        print(f"citemap brief: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"citemap brief: cannot write {output}: {err.strerror or err}", file=sys.stderr)
        return 2
    print(f"wrote {path}: {b.description}")
    return 0
