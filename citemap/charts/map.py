"""The event map: an offline basemap, one marker per event, precision made visible.

- A place known exactly is a solid dot; a place known only to a larger area is
  a ring, drawn over a shaded disc of its uncertainty radius.
- Several events at one place are fanned out on a small circle around it, with
  a thin leg to the true point (as Leaflet's "spiderfy" does), so that each can
  be hovered and clicked.
- Where more than FAN_MOST events crowd one part of the screen (a square CROWD_PX
  wide at the view's zoom), fanning them out would bury the map: they are one
  disc, sized by their count with rings for their types (charts/discs.py), and
  a click on it lists them all in the evidence panel (as Leaflet's marker
  clusters do). A city view, zoomed in, spreads them out again.
- Events known only at country level, or with no place, are not drawn as dots
  (a dot would claim a location the source does not give); `unmapped` lists them.
- Past AGGREGATE_ABOVE mapped events, one marker per event would bury the map
  (and the browser): events are counted in a grid of squares about CELL_PX
  pixels wide at the view's zoom, one disc per square, and a note on the map says so.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from geopy.distance import distance as geo_distance

from ..basemap import Basemap
from ..contract import EVENT_TYPES
from ..palette import BASEMAP_FILL, BASEMAP_LINE, INK, colour
from ..tables import rows
from .discs import CELL_PX, count_cells, draw_discs, drawn_discs, grid_cells, square_keys
from .labels import TILE_SIZE, LabelSpace, add_names, degrees_per_px, text_width_px
from .text import hover_text, safe

MAPPABLE_KINDS = ("city", "site", "region")
AGGREGATE_ABOVE = 2500  # mapped events: past this the map counts events in grid squares
CROWD_PX = 60  # side of a square of the screen in which more than FAN_MOST events are one disc
FAN_MOST = 12
CORROBORATED_RING_PX = (
    11  # the ring of an event two or more sources report: a marker this much wider, dark, white, dark
)
CORROBORATED_LEGEND = "Double ring: reported by 2+ sources"


@dataclass(frozen=True)
class MapView:
    key: str
    label: str
    center: tuple[float, float]  # lat, lon
    zoom: float


def zoom_to_fit(
    west: float, south: float, east: float, north: float, width_px: int = 660, height_px: int = 520
) -> float:
    # The defaults fit the narrowest column a map is shown in (the main column at a 1366 px window).

    lon_span = max(east - west, 1e-4)
    y_north = math.log(math.tan(math.pi / 4 + math.radians(north) / 2))
    y_south = math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
    lat_span = max(math.degrees(y_north - y_south), 1e-4)
    zoom = min(math.log2(width_px * 360 / (TILE_SIZE * lon_span)), math.log2(height_px * 360 / (TILE_SIZE * lat_span)))
    return round(zoom - 0.15, 2)


REGION_VIEWS = 6  # the busiest first-level regions (ACLED's admin1) given a view of their own
CITY_VIEWS = 12  # past this many cities with events, only the busiest get a view (an ACLED export has thousands)


def views(events: pd.DataFrame, places: pd.DataFrame, basemap: Basemap) -> list[MapView]:
    """An overview fitting every mapped event (and the basemap's country, when it has one), then one view per
    region with events, busiest first (at most REGION_VIEWS, and only when two or more regions have events), then
    one zoomed view per city with events (the busiest CITY_VIEWS, busiest first, when there are more).

    Everything comes from the data: a dataset of another country with no boundaries opens on its own events.

    Pages ask for the views of all events on every rerun: the caller keeps the answer (the dashboard
    with its dataset, citemap/ui/page.py), as nothing here is kept between calls.
    """
    return _views(events, places, basemap)


def _views(events: pd.DataFrame, places: pd.DataFrame, basemap: Basemap) -> list[MapView]:
    placeable = mappable(events)
    # Only what a view needs, the place as a category code: no copy of a million place ids.
    mapped = pd.DataFrame({"place_id": pd.Categorical(events["place_id"].array)[placeable]})
    for name in ("latitude", "longitude", "uncertainty_km"):
        mapped[name] = events[name].to_numpy()[placeable]
    result = []
    if len(mapped):
        west, east = mapped["longitude"].min(), mapped["longitude"].max()
        south, north = mapped["latitude"].min(), mapped["latitude"].max()
        if country := basemap.bounds():
            west, south, east, north = (
                min(west, country[0]),
                min(south, country[1]),
                max(east, country[2]),
                max(north, country[3]),
            )
        pad_lon, pad_lat = max((east - west) * 0.04, 0.05), max((north - south) * 0.04, 0.05)
        bounds = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
        result.append(
            MapView(
                "overview",
                "All mapped events",
                ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2),
                zoom_to_fit(*bounds),
            )
        )
    by_id = places.set_index("place_id")
    result += _region_views(mapped, by_id)
    cities = by_id[by_id["kind"] == "city"]
    # A town's outskirts (a city inside a city) are drawn in the town's view, not in one of their own.
    cities = cities[~cities["parent_place_id"].isin(cities.index)]
    # The extent of the events at each city or at a place whose parent it is, in one pass over the events.
    extent = _extent_by_city(mapped, by_id, cities.index)
    if len(extent) > CITY_VIEWS:
        busiest = extent.sort_values("count", ascending=False, kind="stable").index[:CITY_VIEWS]
        cities = cities.loc[busiest]
    for label, city in cities.iterrows():
        place_id = str(label)
        if place_id not in extent.index or pd.isna(city["latitude"]):
            continue
        # Fit the sites and the discs of uncertainty around them (at least 2 km, at most 10 km), so that the
        # edge of "somewhere in the city" shows and the view is not one grey wash.
        west, south, east, north, radius_km = extent.loc[
            place_id, ["west", "south", "east", "north", "radius_km"]
        ].to_numpy(dtype=float)
        pad_km = min(max(2.0, 0.0 if pd.isna(radius_km) else float(radius_km) * 1.1), 10.0)
        pad_lat = pad_km / 111.0
        pad_lon = pad_lat / math.cos(math.radians(city["latitude"]))
        bounds = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
        center = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
        result.append(MapView(place_id, city["name"], center, zoom_to_fit(*bounds)))
    return result


def _region_of(by_id: pd.DataFrame) -> pd.Series:
    """Each place's region (kind "region": ACLED's admin1), itself or the nearest one up its parents; "" for none."""
    parent = by_id["parent_place_id"].fillna("").astype(str)
    kind = by_id["kind"].astype(str)
    region = pd.Series(np.where(kind == "region", by_id.index, ""), index=by_id.index, dtype=object)
    step = parent
    for _ in range(8):  # place trees are shallow (country, region, city, site); a cycle cannot loop forever
        missing = region.eq("") & step.ne("")
        if not missing.any():
            break
        found = step[missing].map(lambda p: p if p in kind.index and kind.get(p) == "region" else "")
        region[missing] = found
        step = step.map(lambda p: parent.get(p, "") if p else "")
    return region


def _region_views(mapped: pd.DataFrame, by_id: pd.DataFrame) -> list[MapView]:
    """One view per region with mapped events, busiest first, fitting them; none when one region (or none) has events."""
    if not len(mapped) or not by_id["kind"].eq("region").any():
        return []
    region = mapped["place_id"].astype(str).map(_region_of(by_id)).fillna("")
    inside = mapped[region.ne("").to_numpy()].assign(region=region[region.ne("")].to_numpy())
    extent = inside.groupby("region").agg(
        west=("longitude", "min"),
        south=("latitude", "min"),
        east=("longitude", "max"),
        north=("latitude", "max"),
        count=("latitude", "size"),
    )
    if len(extent) < 2:
        return []
    result = []
    for place_id, box in extent.sort_values("count", ascending=False, kind="stable").head(REGION_VIEWS).iterrows():
        pad_lon, pad_lat = max((box["east"] - box["west"]) * 0.08, 0.1), max((box["north"] - box["south"]) * 0.08, 0.1)
        bounds = (box["west"] - pad_lon, box["south"] - pad_lat, box["east"] + pad_lon, box["north"] + pad_lat)
        center = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
        name = str(by_id.at[place_id, "name"])
        result.append(MapView(str(place_id), f"{name} (region)", center, zoom_to_fit(*bounds)))
    return result


def _extent_by_city(mapped: pd.DataFrame, by_id: pd.DataFrame, cities: pd.Index) -> pd.DataFrame:
    """west, south, east, north and count of the mapped events at each city or at a place inside it (by parent)."""
    at_place = mapped.groupby("place_id", sort=False, observed=True).agg(
        west=("longitude", "min"),
        south=("latitude", "min"),
        east=("longitude", "max"),
        north=("latitude", "max"),
        radius_km=("uncertainty_km", "max"),
        count=("latitude", "size"),
    )
    at_place.index = at_place.index.astype(str)
    parent = at_place.index.to_series().map(by_id["parent_place_id"])
    own = at_place[at_place.index.isin(cities)]
    inside = at_place[parent.isin(cities).to_numpy()].set_axis(parent[parent.isin(cities)].to_numpy())
    both = pd.concat([own, inside])
    return both.groupby(level=0).agg(
        west=("west", "min"),
        south=("south", "min"),
        east=("east", "max"),
        north=("north", "max"),
        radius_km=("radius_km", "max"),
        count=("count", "sum"),
    )


def unmapped(events: pd.DataFrame) -> pd.DataFrame:
    """Events the map cannot place more precisely than a country, or not at all."""
    return events[~mappable(events)]


LABEL_PX = 14


def labels_for_view(placed: pd.DataFrame, view: MapView) -> list[tuple[str, float, float, int, bool]]:
    """(name, lat, lon, events there, exact) worth writing, west to east: cities on the overview; cities and exact
    sites when zoomed in. exact: the place is known to its site or town (not 'Outskirts of ...')."""
    wanted = (
        placed[placed["place_kind"] == "city"]
        if view.key == "overview"
        else placed[(placed["place_kind"] == "city") | (placed["geo_precision"] == 1)]
    )
    spots = wanted.drop_duplicates("place_id").sort_values("longitude")
    at_spot = placed.groupby(["latitude", "longitude"]).size()
    # The short name: 'White House (Ak Ui)' rather than 'White House (Ak Ui), Bishkek'.
    return [
        (
            row.place_name.split(",")[0],
            row.latitude,
            row.longitude,
            int(at_spot[(row.latitude, row.longitude)]),
            row.geo_precision == 1,
        )
        for row in rows(spots)
    ]


def written_labels(
    placed: pd.DataFrame,
    view: MapView,
    clearances: dict[tuple[float, float], float] | None = None,
    discs: pd.DataFrame | None = None,
) -> list[tuple[str, float, float, float]]:
    """The names to write, west to east, as (name, lat, lon, dx_px: where the name starts, east of the place).

    Beside their places, exact places first (a town's name before its outskirts', which lie a few pixels
    away) and busiest first, leaving out any name that would overlap one already written or a disc.
    clearances: for a place inside a crowded disc, by (lat, lon), how far east of it the name starts.
    discs: the crowded discs drawn (latitude, longitude, diameter).
    """
    spots = labels_for_view(placed, view)
    per_px = degrees_per_px(view.zoom)
    space = LabelSpace(view.zoom, LABEL_PX)
    for disc in rows(discs) if discs is not None else ():
        space.occupy(disc.latitude, disc.longitude, disc.diameter)
    offsets = {}
    for number, (name, lat, lon, events_here, _) in sorted(
        enumerate(spots), key=lambda item: (not item[1][4], -item[1][3])
    ):
        # Beside the fan of markers, to the east, unless another labelled place lies close to the east; on the
        # other side where that side is taken.
        clearance = (clearances or {}).get((lat, lon)) or (
            FAN_RADIUS_PX + 2.5 * events_here if events_here > 1 else 8
        ) + 10
        west = any(
            0 < (other_lon - lon) / per_px < 320 and abs(other_lat - lat) / per_px < 80
            for _, other_lat, other_lon, *_ in spots
        )
        for dx in (
            (-(clearance + text_width_px(name, LABEL_PX)), clearance)
            if west
            else (clearance, -(clearance + text_width_px(name, LABEL_PX)))
        ):
            if space.claim(name, lat, lon, dx):
                offsets[number] = dx
                break
    return [(name, lat, lon, offsets[number]) for number, (name, lat, lon, *_) in enumerate(spots) if number in offsets]


def _add_labels(
    fig: go.Figure,
    placed: pd.DataFrame,
    view: MapView,
    clearances: dict[tuple[float, float], float] | None = None,
    discs: pd.DataFrame | None = None,
) -> None:
    add_names(fig, written_labels(placed, view, clearances, discs), view.zoom, LABEL_PX)


FAN_RADIUS_PX = 15.0


def fan_out(events: pd.DataFrame, zoom: float, radius_px: float = FAN_RADIUS_PX) -> pd.DataFrame:
    """Marker positions: events sharing a place are spread on a circle around it."""
    placed = events.copy()
    placed["marker_lat"] = placed["latitude"]
    placed["marker_lon"] = placed["longitude"]
    per_px = degrees_per_px(zoom)
    # Grouped by position, not by place: a building known only to city level sits on the city's point.
    spot = placed["latitude"].round(5).astype(str) + "," + placed["longitude"].round(5).astype(str)
    for _, group in placed.groupby(spot, sort=False):
        if len(group) < 2:
            continue
        radius = per_px * (radius_px + 2.5 * len(group))
        angles = np.linspace(0, 2 * np.pi, len(group), endpoint=False) + np.pi / 2
        lat = group["latitude"].iloc[0]
        placed.loc[group.index, "marker_lat"] = lat + radius * np.sin(angles) * math.cos(math.radians(lat))
        placed.loc[group.index, "marker_lon"] = group["longitude"].iloc[0] + radius * np.cos(angles)
    return placed


@overload
def marker_size(size_value: pd.Series) -> pd.Series: ...
@overload
def marker_size(size_value: np.ndarray) -> np.ndarray: ...
def marker_size(size_value):
    """Diameter in pixels, growing with the largest count an event carries (log scale): a Series for a column, an
    array for an array."""
    return 13 + 5 * np.log10(1 + size_value.astype(float))


@functools.lru_cache(maxsize=1024)
def _circle(lat: float, lon: float, radius_km: float, points: int = 72) -> tuple[tuple[float, ...], tuple[float, ...]]:
    # Kept: 72 geodesic destinations cost ~10 ms, and the same few places are drawn on every rerun.
    lats, lons = [], []
    for bearing in np.linspace(0, 360, points):
        destination = geo_distance(kilometers=radius_km).destination((lat, lon), bearing)
        lats.append(destination.latitude)
        lons.append(destination.longitude)
    return tuple(lats), tuple(lons)


def _basemap_layers(basemap: Basemap) -> list[dict]:
    # All fills first, then all lines: a fill drawn later would hide the lines beneath it.
    layers = [
        {"sourcetype": "geojson", "source": geojson, "type": "fill", "color": BASEMAP_FILL, "below": "traces"}
        for role, geojson in basemap.compact_layers
        if role == "country"
    ]
    for role, geojson in basemap.compact_layers:
        width = {"regions": 0.8, "city": 1.4, "country": 2.2}[role]
        layers.append(
            {
                "sourcetype": "geojson",
                "source": geojson,
                "type": "line",
                "color": BASEMAP_LINE if role != "country" else INK,
                "line": {"width": width},
                "below": "traces",
            }
        )
    return layers


def _grid_markers(fig: go.Figure, mapped: pd.DataFrame, view: MapView, brief_note: bool = False) -> None:
    """Counted squares instead of one marker per event (charts/discs.py), with a note on the map that says so."""
    cells = grid_cells(mapped, view.zoom)
    diameter = draw_discs(fig, cells, "Filter or pick a city view to see single events", name="squares")
    _label_busiest_towns(fig, mapped, cells, diameter, view)
    per_px = degrees_per_px(view.zoom)
    km = CELL_PX * per_px * 111.32 * math.cos(math.radians(view.center[0]))
    text = (
        f"<b>{len(mapped):,} events, counted in squares about {km:,.0f} km wide</b><br>rings: the event types, the commonest outermost"
        if brief_note
        else f"<b>{len(mapped):,} events: too many to draw one by one.</b><br>Each disc counts the events in a square about {km:,.0f} km wide;<br>"
        "its rings are the event types, the commonest outermost.<br>Filter, or pick a city view, to see single events."
    )
    corner = (
        {"x": 0.99, "y": 0.01, "xanchor": "right", "yanchor": "bottom"}
        if brief_note
        else {"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top"}
    )
    fig.add_annotation(
        xref="paper",
        yref="paper",
        **corner,
        align="left",
        showarrow=False,
        text=text,
        font={"size": 12, "color": INK},
        bgcolor="rgba(255,255,255,0.88)",
        bordercolor="rgba(31,41,51,0.35)",
        borderwidth=1,
        borderpad=5,
    )


def _label_busiest_towns(
    fig: go.Figure, mapped: pd.DataFrame, cells: pd.DataFrame, diameter: np.ndarray, view: MapView, most: int = 10
) -> None:
    """Names of the towns with the most events, beside their discs, skipping any that would overlap one already written."""
    towns = mapped[(mapped["place_kind"] == "city") & (mapped["geo_precision"] == 1)]
    counts = towns["place_id"].value_counts()
    busiest = counts[counts > 0].head(most).index
    towns = towns.drop_duplicates("place_id").set_index("place_id").loc[busiest]
    # The disc at each town: the nearest square's.
    near = (
        np.argmin(
            (cells["latitude"].to_numpy()[None, :] - towns["latitude"].to_numpy()[:, None]) ** 2
            + (cells["longitude"].to_numpy()[None, :] - towns["longitude"].to_numpy()[:, None]) ** 2,
            axis=1,
        )
        if len(cells)
        else []
    )
    space = LabelSpace(view.zoom, LABEL_PX)
    names = []
    for (_, town), nearest in zip(towns.iterrows(), near):
        name = town["place_name"].split(",")[0]
        dx = float(diameter[nearest]) / 2 + 6
        if space.claim(name, town["latitude"], town["longitude"], dx):
            names.append((name, town["latitude"], town["longitude"], dx))
    add_names(fig, names, view.zoom, LABEL_PX)


DISCS = "crowded places"  # the name of the crowded discs' traces (charts/discs.py adds ' outline' to the rim's)


def crowded_discs(fig: go.Figure) -> pd.DataFrame:
    """The crowded discs a map of single events drew: latitude, longitude and diameter (pixels) of each."""
    return drawn_discs(fig, DISCS)


def clearance_from_disc(lat: float, lon: float, disc, zoom: float, east: bool = True) -> float:
    """How far from a place inside a disc its name keeps (east of it, or west): past the disc's rim on that side,
    wherever in the disc the place lies."""
    per_px = degrees_per_px(zoom)
    offset = (disc.longitude - lon) / per_px
    return max((offset if east else -offset) + disc.diameter / 2, 0.0) + 8


def mappable(events: pd.DataFrame) -> np.ndarray:
    """Per event, whether the map can place it: at a city, site or region with coordinates."""
    return (events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna()).to_numpy()


def mapped_count(events: pd.DataFrame) -> int:
    """How many of these events the map can place (see unmapped for the others)."""
    return int(mappable(events).sum())


def is_aggregated(events: pd.DataFrame) -> bool:
    """Whether the map counts these events in squares rather than drawing a marker each."""
    return mapped_count(events) > AGGREGATE_ABOVE


def event_map(
    events: pd.DataFrame,
    basemap: Basemap,
    view: MapView,
    *,
    title: str = "",
    height: int = 560,
    online_tiles: bool = False,
    brief_note: bool = False,
    place_names: bool = True,
) -> go.Figure:
    """The map of these events in this view; brief_note: a two-line note on counted squares, in the bottom right
    corner (where Kyrgyzstan's map leaves room), for a small map; place_names=False: a map of single events
    without the places' names (for a caller that writes its own)."""
    placeable = mappable(events)
    fig = go.Figure()
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
        _grid_markers(fig, light, view, brief_note)
    else:
        _event_markers(fig, events[placeable], view, place_names)
    return _layout(fig, basemap, view, title=title, height=height, online_tiles=online_tiles)


def _event_markers(fig: go.Figure, mapped: pd.DataFrame, view: MapView, place_names: bool = True) -> None:
    """One marker per event, fanned out where several share a place; a disc where they crowd (see the module's note)."""
    squares = square_keys(mapped, view.zoom, CROWD_PX)
    in_square = pd.Series(squares).groupby(squares).transform("size").to_numpy()
    crowded = in_square > FAN_MOST
    clearances, discs = {}, None
    if crowded.any():
        cells = count_cells(mapped[crowded], squares[crowded], with_ids=True)
        shown_types = set(mapped.loc[~crowded, "event_type"])  # their markers have legend entries of their own
        diameter = draw_discs(
            fig,
            cells,
            "Click to list them in the evidence panel",
            name=DISCS,
            legend_types=[t for t in EVENT_TYPES if t not in shown_types],
            numbered_at_zoom=view.zoom,
        )
        discs = cells[["latitude", "longitude"]].assign(diameter=diameter)
        by_key = dict(zip(cells["key"], discs.itertuples(index=False)))
        for lat, lon, key in zip(mapped.loc[crowded, "latitude"], mapped.loc[crowded, "longitude"], squares[crowded]):
            clearances[(lat, lon)] = clearance_from_disc(lat, lon, by_key[key], view.zoom)
    placed = fan_out(mapped[~crowded], view.zoom)

    # Uncertainty discs under imprecise places.
    for place_id, group in placed[placed["geo_precision"] > 1].groupby("place_id", sort=False):
        first = group.iloc[0]
        if pd.isna(first["uncertainty_km"]) or first["uncertainty_km"] <= 0:
            continue
        lats, lons = _circle(float(first["latitude"]), float(first["longitude"]), float(first["uncertainty_km"]))
        fig.add_trace(
            go.Scattermap(
                lat=lats,
                lon=lons,
                mode="lines",
                fill="toself",
                fillcolor="rgba(90,90,90,0.10)",
                line={"color": "rgba(60,60,60,0.55)", "width": 1.2},
                hoverinfo="skip",
                showlegend=False,
                name=f"uncertainty of {place_id}",
            )
        )

    # Legs from fanned markers to the true point, and the true point itself.
    moved = (placed["marker_lat"] != placed["latitude"]) | (placed["marker_lon"] != placed["longitude"])
    shared = placed[moved]
    if len(shared):
        leg_lat, leg_lon = [], []
        for row in shared.itertuples():
            leg_lat += [row.latitude, row.marker_lat, None]
            leg_lon += [row.longitude, row.marker_lon, None]
        fig.add_trace(
            go.Scattermap(
                lat=leg_lat,
                lon=leg_lon,
                mode="lines",
                line={"color": "rgba(40,40,40,0.6)", "width": 1},
                hoverinfo="skip",
                showlegend=False,
                name="legs",
            )
        )
        anchors = shared.drop_duplicates(["latitude", "longitude"])
        fig.add_trace(
            go.Scattermap(
                lat=anchors["latitude"],
                lon=anchors["longitude"],
                mode="markers",
                marker={"size": 5, "color": INK},
                hoverinfo="skip",
                showlegend=False,
                name="places",
            )
        )

    if place_names:
        _add_labels(fig, mapped, view, clearances, discs)

    sizes = marker_size(placed["size_value"]) if len(placed) else pd.Series(dtype=float)
    _corroboration_legend(fig, placed)
    for event_type in EVENT_TYPES:
        for exact in (True, False):
            group = placed[(placed["event_type"] == event_type) & ((placed["geo_precision"] == 1) == exact)]
            if group.empty:
                continue
            size = sizes[group.index]
            custom = np.stack([group["event_id"].to_numpy()], axis=-1)
            hover = [hover_text(row) for row in group.to_dict("records")]
            # A dark halo under every marker: mapbox circles have no outline of their own. An event that two or more
            # sources report wears a thick ring (dark, white, dark); one that a single source reports, a thin one.
            corroborated = (
                group["source_count"].to_numpy() > 1
                if "source_count" in group.columns
                else np.zeros(len(group), dtype=bool)
            )
            ring = np.where(corroborated, CORROBORATED_RING_PX, 4)
            fig.add_trace(
                go.Scattermap(
                    lat=group["marker_lat"],
                    lon=group["marker_lon"],
                    mode="markers",
                    marker={"size": size + ring, "color": INK},
                    customdata=custom,
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{event_type} outline",
                )
            )
            if corroborated.any():
                # A white gap, then a dark ring just outside the marker: the double ring.
                for colour_, width, part in (("white", ring - 4, "outline gap"), (INK, 4, "inner outline")):
                    fig.add_trace(
                        go.Scattermap(
                            lat=group["marker_lat"][corroborated],
                            lon=group["marker_lon"][corroborated],
                            mode="markers",
                            marker={"size": (size + width)[corroborated], "color": colour_},
                            customdata=custom[corroborated],
                            hoverinfo="skip",
                            showlegend=False,
                            name=f"{event_type} {part}",
                        )
                    )
            fig.add_trace(
                go.Scattermap(
                    lat=group["marker_lat"],
                    lon=group["marker_lon"],
                    mode="markers",
                    marker={"size": size, "color": colour(event_type), "opacity": 1.0},
                    customdata=custom,
                    hovertext=hover,
                    hoverinfo="text",
                    name=event_type,
                    legendgroup=event_type,
                    # One legend entry per type; the hollow centre and the caption say which places are approximate.
                    showlegend=exact
                    or not ((placed["event_type"] == event_type) & (placed["geo_precision"] == 1)).any(),
                )
            )
            if not exact:
                # The hollow centre says: this dot is not the site itself.
                fig.add_trace(
                    go.Scattermap(
                        lat=group["marker_lat"],
                        lon=group["marker_lon"],
                        mode="markers",
                        marker={"size": size * 0.5, "color": "white"},
                        customdata=custom,
                        hovertext=hover,
                        hoverinfo="text",
                        showlegend=False,
                        name=f"{event_type} approximate centre",
                    )
                )


def _corroboration_legend(fig: go.Figure, placed: pd.DataFrame) -> None:
    """A legend entry for the double ring, where the map shows both kinds (a single-source map needs no such key)."""
    if "source_count" not in placed.columns or not (placed["source_count"] > 1).any():
        return
    fig.add_trace(
        go.Scattermap(
            lat=[None],
            lon=[None],
            mode="markers",
            marker={"size": 13, "color": INK},
            name=CORROBORATED_LEGEND,
            showlegend=True,
            hoverinfo="skip",
        )
    )


def _layout(
    fig: go.Figure, basemap: Basemap, view: MapView, *, title: str, height: int, online_tiles: bool
) -> go.Figure:
    map_layout: dict[str, Any] = {
        "style": "white-bg",
        "center": {"lat": view.center[0], "lon": view.center[1]},
        "zoom": view.zoom,
        "layers": _basemap_layers(basemap),
    }
    if online_tiles:
        # Street tiles replace the plain fills; the boundary lines stay on top of them.
        tiles = {
            "sourcetype": "raster",
            "source": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
            "below": "traces",
            "sourceattribution": "© OpenStreetMap contributors",
        }
        map_layout["layers"] = [tiles] + [layer for layer in map_layout["layers"] if layer["type"] != "fill"]
    fig.update_layout(
        map=map_layout,
        height=height,
        margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": 0},
        title={"text": safe(title), "font": {"size": 15}} if title else None,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0.01,
            "xanchor": "left",
            "x": 0.01,
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 13},
        },
        hoverlabel={"align": "left"},
        uirevision=view.key,
        clickmode="event+select",
        dragmode="pan",
    )
    return fig
