"""The map worked out as plain data, for a canvas: the one thing the page, the camera's PNG and the slide share.

`map_layout(events, places, basemap, view, canvas)` decides everything a map shows: the zoom and centre that fit
the view to the canvas (the country filling its frame), each marker's position (fanned out round its group,
inside the border), the legs to the true points, the discs where events crowd or are counted in squares, the
discs of uncertainty, the names and where each is written, what is not drawn and why, the legend's entries and
the count the footer gives. citemap/charts/map.py draws a layout with plotly and decides nothing; nothing
reads a drawn figure back.

- A place known exactly is a solid dot; a place known only to a larger area is a ring, drawn over a shaded
  disc of its uncertainty radius, unless that disc would drown the view (then the view says so in words).
- Where more than FAN_MOST events crowd one part of the screen (a square CROWD_PX wide at the view's zoom),
  fanning them out would bury the map: they are one disc, sized by their count with rings for their types
  (charts/discs.py), and a click on it lists them all in the evidence panel. A city view spreads them out again.
- Past AGGREGATE_ABOVE mapped events, one marker per event would bury the map (and the browser): events are
  counted in a grid of squares about CELL_PX pixels wide at the view's zoom, one disc per square, and a note
  on the map says so.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..basemap import Basemap
from ..contract import EVENT_TYPES
from ..tables import rows
from ..words import plural
from .discs import CELL_PX, NUMBERED_PX, cell_hover, cell_size, count_cells, grid_cells, square_keys
from .labels import LabelSpace, degrees_per_px, mercator_y
from .map_labels import Candidate, PlacedLabel, place_labels
from .map_markers import (
    AGGREGATE_ABOVE,
    Border,
    clearance_from_disc,
    fan_out,
    marker_size,
    not_drawn,
)
from .map_views import VAGUE_KM, MapView, fit, height_for, mappable
from .text import hover_text

CROWD_PX = 60  # side of a square of the screen in which more than FAN_MOST events are one disc
FAN_MOST = 12
CORROBORATED_RING_PX = 11  # the ring of an event two or more sources report: a marker this much wider
CORROBORATED_LEGEND = "Double ring: reported by 2+ sources"
DISC_SHARE = 0.35  # an uncertainty disc wider than this share of the frame would drown the view: told in words


@dataclass(frozen=True)
class MapCanvas:
    """What a map is drawn for: the page's column, the camera's PNG (the same picture) or the slide's box.

    width_px: the plot's width (the narrowest it is shown at: the view is fitted to it).
    height_px: the plot's height; None: the height at which the view fills the frame at width_px (the country
    with no empty band above and below), kept between min_height_px and max_height_px.
    label_px: the height of the names; towns_named: how many towns are named at most (busiest first).
    legend: "below" (under the map, a band of its own), "bottom right" (inside, where Kyrgyzstan leaves room), "none".
    note: how the note on counted squares reads: "full" (top left) or "short" (two lines, bottom right).
    """

    width_px: int = 660
    height_px: int | None = None
    min_height_px: int = 240
    max_height_px: int = 700
    label_px: float = 14
    towns_named: int = 10
    legend: str = "below"
    legend_px: int = 13
    note: str = "full"


@dataclass(frozen=True)
class Marker:
    event_id: str
    event_type: str
    latitude: float  # where the marker is drawn (fanned out from the true point)
    longitude: float
    size_px: float
    exact: bool  # the place is known to its site or town; otherwise a hollow ring
    corroborated: bool  # two or more sources report it: a double ring
    hover: str


@dataclass(frozen=True)
class Leg:
    """A thin line from a fanned marker to its event's true point."""

    from_lat: float
    from_lon: float
    to_lat: float
    to_lon: float


@dataclass(frozen=True)
class Disc:
    """Events drawn as one disc of rings (charts/discs.py): crowded in a square, or counted in a grid square."""

    latitude: float
    longitude: float
    diameter_px: float
    counts: tuple[int, ...]  # per event type, in EVENT_TYPES' order
    hover: str
    event_ids: tuple[str, ...]  # what a click selects; () for a counted square (no event is selected by it)
    numbered: bool  # the count is written on it


@dataclass(frozen=True)
class UncertaintyDisc:
    place_id: str
    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class Note:
    """Words written on the map in a box: plain text (the renderer escapes it), the first line in bold."""

    corner: str  # "top left" or "bottom right"
    lines: tuple[str, ...]


@dataclass(frozen=True)
class LegendEntry:
    name: str
    event_type: str | None  # its colour; None for the double ring's key


@dataclass(frozen=True)
class MapLayout:
    view: MapView
    center: tuple[float, float]
    zoom: float
    width_px: int
    height_px: int
    events: int  # shown by the filter
    drawn: int  # of them on the map (a marker each, or in a disc)
    not_drawn: tuple[tuple[str, int], ...]  # (why, how many)
    markers: tuple[Marker, ...] = ()
    legs: tuple[Leg, ...] = ()
    anchors: tuple[tuple[float, float], ...] = ()  # the true points markers are fanned round
    discs: tuple[Disc, ...] = ()
    counted: bool = False  # the discs are a grid of counted squares, not crowded places
    uncertainty: tuple[UncertaintyDisc, ...] = ()
    labels: tuple[PlacedLabel, ...] = ()
    label_px: float = 14
    town_dots: tuple[tuple[float, float], ...] = ()  # towns named that have no event shown
    notes: tuple[Note, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    legend_corner: str = "below"
    legend_px: int = 13
    outside: int = (
        0  # drawn events whose marker or disc lies outside the frame (a town's view: the rest of the country)
    )

    @property
    def footer(self) -> str:
        """'9 of 23 events on the map; 14 known only to the country': what the picture's footer says it draws."""
        if not self.events:
            return "No event matches the filter"
        if self.outside:
            head = (
                f"{self.drawn - self.outside:,} of {plural(self.events, 'event')} in this view, "
                f"{self.outside:,} elsewhere on the map"
            )
        elif self.drawn < self.events:
            head = f"{self.drawn:,} of {plural(self.events, 'event')} on the map"
        else:
            head = "The event is on the map" if self.events == 1 else f"All {self.events:,} events on the map"
        if self.counted:
            head += ", counted in squares"
        rest = ", ".join(f"{count:,} {why}" for why, count in self.not_drawn)
        return f"{head}; {rest}" if rest else head


def map_layout(
    events: pd.DataFrame, places: pd.DataFrame, basemap: Basemap, view: MapView, canvas: MapCanvas = MapCanvas()
) -> MapLayout:
    """The map of these (filtered) events in this view, worked out for this canvas."""
    bounds = view.bounds
    height = canvas.height_px or int(
        round(min(max(height_for(bounds, canvas.width_px), canvas.min_height_px), canvas.max_height_px))
        if bounds
        else canvas.max_height_px
    )
    # In a view of a town or region: room round the sites for the fans and names, and above them for the note
    # that says in words where the places known only roughly are.
    vague = _vague_lines(events[mappable(events)], places, view, canvas.width_px)
    note_px = 12 * 1.3 * len(vague) + 14 if vague else 0
    pad = (0.0, 0.0, 0.0, 0.0) if view.key == "overview" else (60.0, 40.0 + note_px, 60.0, 40.0)
    if not canvas.height_px and bounds and view.key != "overview":
        inner = height_for(bounds, canvas.width_px - pad[0] - pad[2]) + pad[1] + pad[3]
        height = int(round(min(max(inner, canvas.min_height_px), canvas.max_height_px)))
    center, zoom = fit(view, canvas.width_px, height, pad)
    placeable = mappable(events)
    common: dict[str, Any] = {
        "view": view,
        "center": center,
        "zoom": zoom,
        "width_px": canvas.width_px,
        "height_px": height,
        "events": len(events),
        "drawn": int(placeable.sum()),
        "not_drawn": not_drawn(events),
        "label_px": canvas.label_px,
        "legend_corner": canvas.legend,
        "legend_px": canvas.legend_px,
    }
    if placeable.sum() > AGGREGATE_ABOVE:
        # Only what counting needs, text as category codes: no copy of a million rows of every column.
        light = pd.DataFrame(
            {
                name: pd.Categorical(events[name].array)[placeable]
                for name in ("place_id", "place_name", "place_kind", "event_type")
            }
        )
        for name in ("latitude", "longitude", "geo_precision"):
            light[name] = events[name].to_numpy()[placeable]
        return MapLayout(**common, **_counted(light, places, zoom, center, canvas))
    drawing = _single(events[placeable], places, basemap, view, center, zoom, height, canvas)
    points = [(m.latitude, m.longitude, 1) for m in drawing["markers"]]
    points += [(d.latitude, d.longitude, len(d.event_ids)) for d in drawing["discs"]]
    outside = sum(n for lat, lon, n in points if not _in_frame(lat, lon, center, zoom, canvas.width_px, height))
    return MapLayout(**common, **drawing, outside=outside)


def _in_frame(lat: float, lon: float, center: tuple[float, float], zoom: float, width: float, height: float) -> bool:
    per_px = degrees_per_px(zoom)
    dx = (lon - center[1]) / per_px
    dy = (float(mercator_y(lat)) - float(mercator_y(center[0]))) / per_px
    return abs(dx) <= width / 2 and abs(dy) <= height / 2


def _legend(types: set[str], corroboration: bool) -> tuple[LegendEntry, ...]:
    entries = [LegendEntry(t, t) for t in EVENT_TYPES if t in types]
    if corroboration:
        entries.insert(0, LegendEntry(CORROBORATED_LEGEND, None))
    return tuple(entries)


def _discs(cells: pd.DataFrame, diameter: np.ndarray, hint: str, numbered: bool) -> tuple[Disc, ...]:
    ids = cells["event_ids"].to_numpy() if "event_ids" in cells else None
    counts = cells[list(EVENT_TYPES)].to_numpy()
    return tuple(
        Disc(
            float(cell["latitude"]),
            float(cell["longitude"]),
            float(diameter[i]),
            tuple(int(n) for n in counts[i]),
            cell_hover(cell, hint),
            tuple(ids[i].split(";")) if ids is not None else (),
            numbered,
        )
        for i, (_, cell) in enumerate(cells.iterrows())
    )


def _counted(mapped: pd.DataFrame, places: pd.DataFrame, zoom: float, center, canvas: MapCanvas) -> dict[str, Any]:
    """Counted squares instead of one marker per event (charts/discs.py), with a note on the map that says so."""
    cells = grid_cells(mapped, zoom)
    diameter = cell_size(cells["count"]).to_numpy()
    discs = _discs(cells, diameter, "Filter or pick a city view to see single events", numbered=False)
    space = LabelSpace(zoom, canvas.label_px)
    for disc in discs:
        space.occupy(disc.latitude, disc.longitude, disc.diameter_px)
    # The towns with the most events, beside their discs: the disc at each town is the nearest square's.
    towns = mapped[(mapped["place_kind"] == "city") & (mapped["geo_precision"] == 1)]
    counts = towns["place_id"].value_counts()
    busiest = counts[counts > 0].head(canvas.towns_named).index
    towns = towns.drop_duplicates("place_id").set_index("place_id").loc[busiest]
    candidates = []
    for rank, town in enumerate(rows(towns)):
        nearest = int(
            np.argmin(
                (cells["latitude"].to_numpy() - town.latitude) ** 2
                + (cells["longitude"].to_numpy() - town.longitude) ** 2
            )
        )
        reach = clearance_from_disc(town.latitude, town.longitude, discs[nearest], zoom) - 8 if discs else 4
        candidates.append(
            Candidate(str(town.place_name).split(",")[0], town.latitude, town.longitude, max(reach, 0), (rank,))
        )
    km = CELL_PX * degrees_per_px(zoom) * 111.32 * math.cos(math.radians(center[0]))
    if canvas.note == "short":
        note = Note(
            "bottom right",
            (
                f"{len(mapped):,} events, counted in squares about {km:,.0f} km wide",
                "rings: the event types, the commonest outermost",
            ),
        )
    else:
        note = Note(
            "top left",
            (
                f"{len(mapped):,} events: too many to draw one by one.",
                f"Each disc counts the events in a square about {km:,.0f} km wide;",
                "its rings are the event types, the commonest outermost.",
                "Filter, or pick a city view, to see single events.",
            ),
        )
    types = {t for t in EVENT_TYPES if cells[t].any()}
    return {
        "discs": discs,
        "counted": True,
        "labels": tuple(place_labels(candidates, space, canvas.label_px)),
        "notes": (note,),
        "legend": _legend(types, False),
    }


def _single(
    mapped: pd.DataFrame,
    places: pd.DataFrame,
    basemap: Basemap,
    view: MapView,
    center: tuple[float, float],
    zoom: float,
    height: int,
    canvas: MapCanvas,
) -> dict[str, Any]:
    """One marker per event, fanned out where several are close; a disc where they crowd (see the module's note)."""
    squares = square_keys(mapped, zoom, CROWD_PX)
    in_square = pd.Series(squares).groupby(squares).transform("size").to_numpy()
    crowded = in_square > FAN_MOST
    single = mapped[~crowded]
    rings = (
        np.where(single["source_count"].to_numpy() > 1, CORROBORATED_RING_PX, 4)
        if "source_count" in single.columns
        else np.full(len(single), 4)
    )
    placed = fan_out(single, zoom, Border.of(basemap), diameters=marker_size(single["size_value"]).to_numpy() + rings)
    # A group that no fan keeps inside the country (a border town, zoomed far out) is one disc too.
    unfit = ~placed["fits"].to_numpy()
    if unfit.any():
        groups = np.iinfo(np.int64).min + placed["group"].to_numpy()[unfit]  # keys no square has
        keys = np.concatenate([squares[crowded], groups])
        together = pd.concat([mapped[crowded], placed[unfit][mapped.columns]])
        placed = placed[~unfit]
    else:
        keys, together = squares[crowded], mapped[crowded]
    discs: tuple[Disc, ...] = ()
    if len(together):
        cells = count_cells(together, keys, with_ids=True)
        diameter = np.maximum(cell_size(cells["count"]).to_numpy(), NUMBERED_PX)  # room for the number
        discs = _discs(cells, diameter, "Click to list them in the evidence panel", numbered=True)
    sizes = marker_size(placed["size_value"]).to_numpy() if len(placed) else np.array([])
    corroborated = (
        placed["source_count"].to_numpy() > 1 if "source_count" in placed.columns else np.zeros(len(placed), bool)
    )
    exact = (placed["geo_precision"] == 1).to_numpy(dtype=bool)
    markers = tuple(
        Marker(
            str(event_id),
            str(row["event_type"]),
            float(row["marker_lat"]),
            float(row["marker_lon"]),
            float(size),
            bool(is_exact),
            bool(double),
            hover_text(row),
        )
        for (event_id, row), size, is_exact, double in zip(placed.iterrows(), sizes, exact, corroborated)
    )
    fanned = placed[placed["group"] >= 0]
    legs = tuple(
        Leg(float(lat), float(lon), float(mlat), float(mlon))
        for lat, lon, mlat, mlon in zip(
            fanned["latitude"], fanned["longitude"], fanned["marker_lat"], fanned["marker_lon"]
        )
    )
    anchors = tuple(dict.fromkeys((float(a), float(b)) for a, b in zip(fanned["latitude"], fanned["longitude"])))

    # Discs of uncertainty under places known only to an area, and, in words, those too wide to draw.
    per_px = degrees_per_px(zoom)
    frame_px = min(canvas.width_px, height)
    uncertainty, too_wide = [], []
    for place_id, group in placed[placed["geo_precision"] > 1].groupby("place_id", sort=False, observed=True):
        first = group.iloc[0]
        radius = float(first["uncertainty_km"]) if pd.notna(first["uncertainty_km"]) else 0.0
        if radius <= 0:
            continue
        radius_px = radius / (111.32 * math.cos(math.radians(first["latitude"]))) / per_px
        if 2 * radius_px > DISC_SHARE * frame_px and view.key != "overview":
            too_wide.append((str(first["place_name"]).split(",")[0], radius))
        else:
            uncertainty.append(
                UncertaintyDisc(str(place_id), float(first["latitude"]), float(first["longitude"]), radius)
            )
    notes = _notes(_vague_lines(mapped, places, view, canvas.width_px), too_wide)

    # Names: every marker, disc and anchor is taken first, so that no name covers one.
    space = LabelSpace(zoom, canvas.label_px)
    space.frame = space.frame_of(center, canvas.width_px, height)
    for disc in discs:
        space.occupy(disc.latitude, disc.longitude, disc.diameter_px)
    for marker in markers:
        space.occupy(
            marker.latitude, marker.longitude, marker.size_px + (CORROBORATED_RING_PX if marker.corroborated else 4)
        )
    for lat, lon in anchors:
        space.occupy(lat, lon, 6)
    candidates, dots = _candidates(mapped, placed, places, view, discs, zoom, canvas)
    labels = place_labels(candidates, space, canvas.label_px)
    named = {(label.latitude, label.longitude) for label in labels}
    types = set(placed["event_type"].astype(str)) | {t for d in discs for t, n in zip(EVENT_TYPES, d.counts) if n}
    return {
        "markers": markers,
        "legs": legs,
        "anchors": anchors,
        "discs": discs,
        "uncertainty": tuple(uncertainty),
        "labels": tuple(labels),
        "town_dots": tuple(d for d in dots if d in named),
        "notes": notes,
        "legend": _legend(types, bool(corroborated.any() and not corroborated.all())),
    }


def _candidates(
    mapped: pd.DataFrame,
    placed: pd.DataFrame,
    places: pd.DataFrame,
    view: MapView,
    discs: tuple[Disc, ...],
    zoom: float,
    canvas: MapCanvas,
) -> tuple[list[Candidate], list[tuple[float, float]]]:
    """The places to name: towns always (the busiest `towns_named`, whatever the filter shows), and in a view of a
    town or region the exact sites with events; with the dots of the towns that have no event shown."""
    per_px = degrees_per_px(zoom)
    reach: dict[tuple[float, float], float] = {}
    for row in rows(placed):
        # How far the markers round this point reach: its group's fan, or its own marker.
        key = (row.latitude, row.longitude)
        extent = math.hypot((row.marker_lon - row.longitude) / per_px, (row.marker_lat - row.latitude) / per_px)
        reach[key] = max(reach.get(key, 0.0), extent + float(marker_size(np.array([row.size_value]))[0]) / 2 + 3)
    for group in placed[placed["group"] >= 0].groupby("group"):
        members = group[1]
        extent = (
            max(
                math.hypot((r.marker_lon - r.anchor_lon) / per_px, (r.marker_lat - r.anchor_lat) / per_px)
                for r in rows(members)
            )
            + 12
        )
        for row in rows(members):
            reach[(row.latitude, row.longitude)] = max(reach.get((row.latitude, row.longitude), 0.0), extent)
    for disc in discs:
        for row in rows(mapped[mapped.index.isin(disc.event_ids)].drop_duplicates("place_id")):
            reach[(row.latitude, row.longitude)] = clearance_from_disc(row.latitude, row.longitude, disc, zoom) - 8
    shown = mapped.groupby(["latitude", "longitude"]).size() if len(mapped) else pd.Series(dtype=int)
    in_fans = placed[placed["group"] >= 0]
    fanned = set(zip(in_fans["latitude"].astype(float), in_fans["longitude"].astype(float)))

    towns = places[(places["kind"] == "city") & places["latitude"].notna()]
    towns = towns[towns["geo_precision"].eq(1).fillna(False).to_numpy()]
    west, south, east, north = view.bounds or (-180, -90, 180, 90)
    towns = towns[towns["latitude"].between(south, north) & towns["longitude"].between(west, east)]
    found = []
    for town in rows(towns):
        here = int(shown.get((town.latitude, town.longitude), 0)) if len(shown) else 0
        found.append((-here, str(town.name), town))
    found.sort(key=lambda item: (item[0], item[1]))
    candidates, dots = [], []
    for rank, (minus_here, name, town) in enumerate(found[: canvas.towns_named]):
        key = (float(town.latitude), float(town.longitude))
        candidates.append(
            Candidate(name, key[0], key[1], reach.get(key, 5.0), (0, rank), must=True, fanned=key in fanned)
        )
        if not minus_here:
            dots.append(key)
    if view.key != "overview":
        sites = mapped[(mapped["place_kind"] != "city") & (mapped["geo_precision"] == 1)]
        sites = sites[sites["uncertainty_km"].fillna(0).to_numpy() <= VAGUE_KM]
        counts = sites["place_id"].value_counts()
        for rank, row in enumerate(rows(sites.drop_duplicates("place_id"))):
            key = (float(row.latitude), float(row.longitude))
            name = str(row.place_name).split(",")[0]
            candidates.append(
                Candidate(
                    name, key[0], key[1], reach.get(key, 5.0), (1, -counts[row.place_id], rank), fanned=key in fanned
                )
            )
    return candidates, dots


NOTE_CHAR_PX = 6.6  # the note's 12 px type: an average glyph's width, to wrap it to the map


def _vague_lines(mapped: pd.DataFrame, places: pd.DataFrame, view: MapView, width_px: int) -> tuple[str, ...]:
    """In a view of a town: where the buildings known only to the town are (drawn at its reference point), in words,
    since a disc of several km would drown the sites; wrapped to most of the map's width, the first line a heading."""
    if view.key == "overview":
        return ()
    vague = mapped[(mapped["place_kind"] == "site") & (mapped["uncertainty_km"].fillna(0) > VAGUE_KM)]
    if not len(vague):
        return ()
    chars = max(int(width_px * 0.8 / NOTE_CHAR_PX), 30)
    by_id = places.set_index("place_id")
    lines: list[str] = []
    for (parent, radius), group in vague.groupby(
        [vague["place_id"].astype(str).map(by_id["parent_place_id"]).fillna(""), "uncertainty_km"], sort=False
    ):
        town = str(by_id.at[parent, "name"]) if parent in by_id.index else "its town"
        names = sorted(dict.fromkeys(str(n).split(",")[0] for n in group["place_name"]))
        text = f"{'; '.join(names)}: drawn at {town}'s reference point; may lie anywhere within {radius:g} km of it."
        lines += [f"Not located within {town}:", *textwrap.wrap(text, chars)]
    return tuple(lines)


def _notes(vague: tuple[str, ...], too_wide: list) -> tuple[Note, ...]:
    """The note on places known only roughly, and the areas too wide to shade here."""
    lines = list(vague) + [
        f"{name}: only the area is known, within {radius:g} km of the ring drawn; too wide to shade here."
        for name, radius in too_wide
    ]
    return (Note("top left", tuple(lines)),) if lines else ()
