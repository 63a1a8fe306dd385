"""The event map: an offline basemap, one marker per event, precision made visible.

- A place known exactly is a solid dot; a place known only to a larger area is
  a ring, drawn over a shaded disc of its uncertainty radius.
- Several events at one place are fanned out on a small circle around it, with
  a thin leg to the true point (as Leaflet's "spiderfy" does), so that each can
  be hovered and clicked.
- Events known only at country level, or with no place, are not drawn as dots
  (a dot would claim a location the source does not give); `unmapped` lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from geopy.distance import distance as geo_distance

from ..basemap import Basemap
from ..contract import EVENT_TYPES
from ..palette import BASEMAP_FILL, BASEMAP_LINE, INK, colour
from .labels import stroke_label, text_width_px
from .text import hover_text, safe

MAPPABLE_KINDS = ("city", "site", "region")
TILE_SIZE = 512  # MapLibre's tile size in pixels


@dataclass(frozen=True)
class MapView:
    key: str
    label: str
    center: tuple[float, float]  # lat, lon
    zoom: float


def zoom_to_fit(west: float, south: float, east: float, north: float, width_px: int = 660, height_px: int = 520) -> float:
    # The defaults fit the narrowest column a map is shown in (the main column at a 1366 px window).

    lon_span = max(east - west, 1e-4)
    y_north = math.log(math.tan(math.pi / 4 + math.radians(north) / 2))
    y_south = math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
    lat_span = max(math.degrees(y_north - y_south), 1e-4)
    zoom = min(math.log2(width_px * 360 / (TILE_SIZE * lon_span)), math.log2(height_px * 360 / (TILE_SIZE * lat_span)))
    return round(zoom - 0.15, 2)


def views(events: pd.DataFrame, places: pd.DataFrame, basemap: Basemap) -> list[MapView]:
    """An overview fitting every mapped event, then one zoomed view per city that has events."""
    mapped = events[events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna()]
    result = []
    if len(mapped):
        west, east = mapped["longitude"].min(), mapped["longitude"].max()
        south, north = mapped["latitude"].min(), mapped["latitude"].max()
        if country := basemap.bounds():
            west, south, east, north = min(west, country[0]), min(south, country[1]), max(east, country[2]), max(north, country[3])
        pad_lon, pad_lat = max((east - west) * 0.04, 0.05), max((north - south) * 0.04, 0.05)
        bounds = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
        result.append(MapView("overview", "All mapped events", ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2), zoom_to_fit(*bounds)))
    by_id = places.set_index("place_id")
    cities = by_id[by_id["kind"] == "city"]
    for place_id, city in cities.iterrows():
        inside = mapped["place_id"].eq(place_id) | mapped["place_id"].map(by_id["parent_place_id"]).eq(place_id)
        if not inside.any() or pd.isna(city["latitude"]):
            continue
        # Fit the sites, with a margin of about 2 km, so that neighbouring sites do not merge.
        sites = mapped[inside]
        pad_lat, pad_lon = 0.02, 0.02 / math.cos(math.radians(city["latitude"]))
        bounds = (sites["longitude"].min() - pad_lon, sites["latitude"].min() - pad_lat, sites["longitude"].max() + pad_lon, sites["latitude"].max() + pad_lat)
        center = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
        result.append(MapView(place_id, city["name"], center, zoom_to_fit(*bounds)))
    return result


def unmapped(events: pd.DataFrame) -> pd.DataFrame:
    """Events the map cannot place more precisely than a country, or not at all."""
    return events[~events["place_kind"].isin(MAPPABLE_KINDS) | events["latitude"].isna()]


LABEL_PX = 14


def labels_for_view(placed: pd.DataFrame, view: MapView) -> list[tuple[str, float, float, int]]:
    """(name, lat, lon, events there) worth writing: cities on the overview; cities and exact sites when zoomed in."""
    wanted = placed[placed["place_kind"] == "city"] if view.key == "overview" else placed[(placed["place_kind"] == "city") | (placed["geo_precision"] == 1)]
    spots = wanted.drop_duplicates("place_id").sort_values("longitude")
    at_spot = placed.groupby(["latitude", "longitude"]).size()
    # The short name: 'White House (Ak Ui)' rather than 'White House (Ak Ui), Bishkek'.
    return [(row.place_name.split(",")[0], row.latitude, row.longitude, int(at_spot[(row.latitude, row.longitude)])) for row in spots.itertuples()]


def _add_labels(fig: go.Figure, placed: pd.DataFrame, view: MapView) -> None:
    lats, lons = [], []
    spots = labels_for_view(placed, view)
    degrees_per_px = 360.0 / (TILE_SIZE * 2**view.zoom)
    for name, lat, lon, events_here in spots:
        # Beside the fan of markers, to the east, unless another labelled place lies close to the east.
        clearance = (FAN_RADIUS_PX + 2.5 * events_here if events_here > 1 else 8) + 10
        west = any(0 < (other_lon - lon) / degrees_per_px < 320 and abs(other_lat - lat) / degrees_per_px < 80 for _, other_lat, other_lon, _ in spots)
        dx = -(clearance + text_width_px(name, LABEL_PX)) if west else clearance
        label_lats, label_lons = stroke_label(name, lat, lon, view.zoom, height_px=LABEL_PX, dx_px=dx, dy_px=-LABEL_PX / 2)
        lats += label_lats
        lons += label_lons
    if not lats:
        return
    for colour_, width in (("white", 4.5), (INK, 1.4)):  # a white halo keeps the name readable over lines
        fig.add_trace(go.Scattermap(lat=lats, lon=lons, mode="lines", line={"color": colour_, "width": width}, hoverinfo="skip", showlegend=False, name="labels"))


FAN_RADIUS_PX = 15.0


def fan_out(events: pd.DataFrame, zoom: float, radius_px: float = FAN_RADIUS_PX) -> pd.DataFrame:
    """Marker positions: events sharing a place are spread on a circle around it."""
    placed = events.copy()
    placed["marker_lat"] = placed["latitude"]
    placed["marker_lon"] = placed["longitude"]
    degrees_per_px = 360.0 / (TILE_SIZE * 2**zoom)
    # Grouped by position, not by place: a building known only to city level sits on the city's point.
    spot = placed["latitude"].round(5).astype(str) + "," + placed["longitude"].round(5).astype(str)
    for _, group in placed.groupby(spot, sort=False):
        if len(group) < 2:
            continue
        radius = degrees_per_px * (radius_px + 2.5 * len(group))
        angles = np.linspace(0, 2 * np.pi, len(group), endpoint=False) + np.pi / 2
        lat = group["latitude"].iloc[0]
        placed.loc[group.index, "marker_lat"] = lat + radius * np.sin(angles) * math.cos(math.radians(lat))
        placed.loc[group.index, "marker_lon"] = group["longitude"].iloc[0] + radius * np.cos(angles)
    return placed


def marker_size(size_value: pd.Series) -> pd.Series:
    """Diameter in pixels, growing with the largest count an event carries (log scale)."""
    return 13 + 5 * np.log10(1 + size_value.astype(float))


def _circle(lat: float, lon: float, radius_km: float, points: int = 72) -> tuple[list[float], list[float]]:
    lats, lons = [], []
    for bearing in np.linspace(0, 360, points):
        destination = geo_distance(kilometers=radius_km).destination((lat, lon), bearing)
        lats.append(destination.latitude)
        lons.append(destination.longitude)
    return lats, lons


def _basemap_layers(basemap: Basemap) -> list[dict]:
    # All fills first, then all lines: a fill drawn later would hide the lines beneath it.
    layers = [
        {"sourcetype": "geojson", "source": geojson, "type": "fill", "color": BASEMAP_FILL, "below": "traces"}
        for role, geojson in basemap.layers
        if role == "country"
    ]
    for role, geojson in basemap.layers:
        width = {"regions": 0.8, "city": 1.4, "country": 2.2}[role]
        layers.append({"sourcetype": "geojson", "source": geojson, "type": "line", "color": BASEMAP_LINE if role != "country" else INK, "line": {"width": width}, "below": "traces"})
    return layers


def event_map(events: pd.DataFrame, basemap: Basemap, view: MapView, *, title: str = "", height: int = 560, online_tiles: bool = False) -> go.Figure:
    mapped = events[events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna()]
    placed = fan_out(mapped, view.zoom)
    fig = go.Figure()

    # Uncertainty discs under imprecise places.
    for place_id, group in placed[placed["geo_precision"] > 1].groupby("place_id", sort=False):
        first = group.iloc[0]
        if pd.isna(first["uncertainty_km"]) or first["uncertainty_km"] <= 0:
            continue
        lats, lons = _circle(first["latitude"], first["longitude"], float(first["uncertainty_km"]))
        fig.add_trace(go.Scattermap(
            lat=lats, lon=lons, mode="lines", fill="toself", fillcolor="rgba(90,90,90,0.10)",
            line={"color": "rgba(60,60,60,0.55)", "width": 1.2}, hoverinfo="skip", showlegend=False,
            name=f"uncertainty of {place_id}",
        ))

    # Legs from fanned markers to the true point, and the true point itself.
    moved = (placed["marker_lat"] != placed["latitude"]) | (placed["marker_lon"] != placed["longitude"])
    shared = placed[moved]
    if len(shared):
        leg_lat, leg_lon = [], []
        for row in shared.itertuples():
            leg_lat += [row.latitude, row.marker_lat, None]
            leg_lon += [row.longitude, row.marker_lon, None]
        fig.add_trace(go.Scattermap(lat=leg_lat, lon=leg_lon, mode="lines", line={"color": "rgba(40,40,40,0.6)", "width": 1}, hoverinfo="skip", showlegend=False, name="legs"))
        anchors = shared.drop_duplicates(["latitude", "longitude"])
        fig.add_trace(go.Scattermap(lat=anchors["latitude"], lon=anchors["longitude"], mode="markers", marker={"size": 5, "color": INK}, hoverinfo="skip", showlegend=False, name="places"))

    _add_labels(fig, placed, view)

    sizes = marker_size(placed["size_value"]) if len(placed) else pd.Series(dtype=float)
    for event_type in EVENT_TYPES:
        for exact in (True, False):
            group = placed[(placed["event_type"] == event_type) & ((placed["geo_precision"] == 1) == exact)]
            if group.empty:
                continue
            size = sizes[group.index] if len(group) else []
            custom = np.stack([group["event_id"].to_numpy()], axis=-1)
            hover = [hover_text(row) for _, row in group.iterrows()]
            # A dark halo under every marker: mapbox circles have no outline of their own.
            fig.add_trace(go.Scattermap(
                lat=group["marker_lat"], lon=group["marker_lon"], mode="markers",
                marker={"size": size + 4, "color": INK}, customdata=custom, hoverinfo="skip", showlegend=False,
                name=f"{event_type} outline",
            ))
            fig.add_trace(go.Scattermap(
                lat=group["marker_lat"], lon=group["marker_lon"], mode="markers",
                marker={"size": size, "color": colour(event_type), "opacity": 1.0},
                customdata=custom, hovertext=hover, hoverinfo="text",
                name=f"{event_type}" + ("" if exact else " (place approximate)"), legendgroup=event_type,
            ))
            if not exact:
                # The hollow centre says: this dot is not the site itself.
                fig.add_trace(go.Scattermap(
                    lat=group["marker_lat"], lon=group["marker_lon"], mode="markers",
                    marker={"size": size * 0.5, "color": "white"}, customdata=custom, hovertext=hover, hoverinfo="text",
                    showlegend=False, name=f"{event_type} approximate centre",
                ))

    map_layout = {"style": "white-bg", "center": {"lat": view.center[0], "lon": view.center[1]}, "zoom": view.zoom, "layers": _basemap_layers(basemap)}
    if online_tiles:
        # Street tiles replace the plain fills; the boundary lines stay on top of them.
        tiles = {"sourcetype": "raster", "source": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"], "below": "traces", "sourceattribution": "© OpenStreetMap contributors"}
        map_layout["layers"] = [tiles] + [layer for layer in map_layout["layers"] if layer["type"] != "fill"]
    fig.update_layout(
        map=map_layout,
        height=height,
        margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": 0},
        title={"text": safe(title), "font": {"size": 15}} if title else None,
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "xanchor": "left", "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 13}},
        hoverlabel={"align": "left"},
        uirevision=view.key,
        clickmode="event+select",
        dragmode="pan",
    )
    return fig
