"""Where a map looks: the views a user picks from, and the zoom and centre that fit a view to a canvas.

A view is a box of the earth (west, south, east, north): the whole country with its events, a region,
a town. Fitting it to a canvas is done for that canvas's size (citemap/charts/map_layout.py), so that the
country fills the frame of the page, of the camera's PNG and of the slide alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..basemap import Basemap
from .labels import TILE_SIZE, mercator_y

MAPPABLE_KINDS = ("city", "site", "region")
REGION_VIEWS = 6  # the busiest first-level regions (ACLED's admin1) given a view of their own
CITY_VIEWS = 12  # past this many cities with events, only the busiest get a view (an ACLED export has thousands)
VAGUE_KM = (
    1.0  # a site placed no closer than this (a building at its town's reference point) does not shape a town's view
)
SPOT_DEGREES = 0.0005  # about 50 m: positions closer than this are one spot (a town view of one spot shows one dot)
Bounds = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class MapView:
    key: str
    label: str
    center: tuple[float, float]  # lat, lon, for the default canvas (zoom_to_fit's)
    zoom: float
    bounds: Bounds | None = None  # what the view must show: a canvas fits it (fit)


def zoom_to_fit(
    west: float, south: float, east: float, north: float, width_px: int = 660, height_px: int = 520
) -> float:
    # The defaults fit the narrowest column a map is shown in (the main column at a 1366 px window).
    return round(_exact_zoom((west, south, east, north), width_px, height_px) - 0.15, 2)


def _exact_zoom(bounds: Bounds, width_px: float, height_px: float) -> float:
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-4)
    lat_span = max(float(mercator_y(north) - mercator_y(south)), 1e-4)
    return min(math.log2(width_px * 360 / (TILE_SIZE * lon_span)), math.log2(height_px * 360 / (TILE_SIZE * lat_span)))


def height_for(bounds: Bounds, width_px: float) -> float:
    """The height in pixels at which these bounds, fitted to width_px, fill the frame from top to bottom."""
    west, south, east, north = bounds
    return width_px * float(mercator_y(north) - mercator_y(south)) / max(east - west, 1e-4)


def fit(
    view: MapView, width_px: float, height_px: float, pad: tuple[float, float, float, float] = (0, 0, 0, 0)
) -> tuple[tuple[float, float], float]:
    """(centre, zoom) that show the view's bounds whole in a frame of this size, as large as they fit inside the
    frame less `pad` (pixels kept free at the left, top, right and bottom: for fans, names and notes)."""
    if view.bounds is None:
        return view.center, view.zoom
    left, top, right, bottom = pad
    zoom = _exact_zoom(view.bounds, max(width_px - left - right, 40), max(height_px - top - bottom, 40))
    west, south, east, north = view.bounds
    per_px = 360.0 / (TILE_SIZE * 2**zoom)
    # The bounds' middle sits in the middle of the padded area: the frame's centre is shifted from it.
    middle_y = (float(mercator_y(north)) + float(mercator_y(south))) / 2 + (top - bottom) / 2 * per_px
    middle_x = (west + east) / 2 - (left - right) / 2 * per_px
    center_lat = math.degrees(2 * math.atan(math.exp(math.radians(middle_y))) - math.pi / 2)
    return (center_lat, middle_x), round(zoom, 3)


def _view(key: str, label: str, bounds: Bounds) -> MapView:
    center = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
    return MapView(key, label, center, zoom_to_fit(*bounds), bounds)


def mappable(events: pd.DataFrame) -> np.ndarray:
    """Per event, whether the map can place it: at a city, site or region with coordinates."""
    return (events["place_kind"].isin(MAPPABLE_KINDS) & events["latitude"].notna()).to_numpy()


def overview(events: pd.DataFrame, basemap: Basemap, pad: float = 0.03) -> MapView:
    """The whole country (its outline, when the basemap has one) and every mappable event, a little margin round it."""
    placeable = mappable(events)
    lat, lon = events["latitude"].to_numpy(dtype=float)[placeable], events["longitude"].to_numpy(dtype=float)[placeable]
    boxes = [basemap.bounds()] + ([(lon.min(), lat.min(), lon.max(), lat.max())] if len(lat) else [])
    boxes = [b for b in boxes if b is not None] or [(69.2, 39.1, 80.3, 43.3)]  # no outline, no event: Kyrgyzstan's box
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_lon, pad_lat = max((east - west) * pad, 0.05), max((north - south) * pad, 0.05)
    return _view("overview", "All mapped events", (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat))


def views(events: pd.DataFrame, places: pd.DataFrame, basemap: Basemap) -> list[MapView]:
    """An overview fitting every mapped event (and the basemap's country, when it has one), then one view per
    region with events, busiest first (at most REGION_VIEWS, and only when two or more regions have events), then
    one zoomed view per city whose events sit at two or more spots (a town view of one dot shows nothing the
    overview does not), busiest first, at most CITY_VIEWS.

    Everything comes from the data: a dataset of another country with no boundaries opens on its own events.

    Pages ask for the views of all events on every rerun: the caller keeps the answer (the dashboard
    with its dataset, citemap/ui/page.py), as nothing here is kept between calls.
    """
    placeable = mappable(events)
    # Only what a view needs, the place as a category code: no copy of a million place ids.
    mapped = pd.DataFrame({"place_id": pd.Categorical(events["place_id"].array)[placeable]})
    for name in ("latitude", "longitude", "uncertainty_km"):
        mapped[name] = events[name].to_numpy()[placeable]
    mapped["place_kind"] = events["place_kind"].to_numpy()[placeable]
    result = [overview(events, basemap)] if len(mapped) else []
    by_id = places.set_index("place_id")
    result += _region_views(mapped, by_id)
    cities = by_id[by_id["kind"] == "city"]
    # A town's outskirts (a city inside a city) are drawn in the town's view, not in one of their own.
    cities = cities[~cities["parent_place_id"].isin(cities.index)]
    # A building known only to its town (placed at the town's reference point, km of uncertainty) neither
    # shapes the view nor makes it worth offering: the view says where it is in words.
    vague = (mapped["place_kind"].to_numpy() == "site") & (mapped["uncertainty_km"].fillna(0).to_numpy() > VAGUE_KM)
    extent = _extent_by_city(mapped[~vague], by_id, cities.index)
    extent = extent[extent["spots"] >= 2]
    extent = extent[extent.index.isin(cities.index)].sort_values("count", ascending=False, kind="stable")
    for label in extent.index[:CITY_VIEWS]:
        place_id, city = str(label), cities.loc[label]
        if pd.isna(city["latitude"]):
            continue
        west, south, east, north = extent.loc[place_id, ["west", "south", "east", "north"]].to_numpy(dtype=float)
        # A margin of a fifth of the spread, at least 300 m: the sites apart, the markers fanned round them inside.
        pad_lat = max((north - south) * 0.2, (east - west) * 0.2 * math.cos(math.radians(city["latitude"])), 0.3 / 111)
        pad_lon = pad_lat / math.cos(math.radians(city["latitude"]))
        result.append(_view(place_id, city["name"], (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)))
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
        name = str(by_id.at[place_id, "name"])
        result.append(_view(str(place_id), f"{name} (region)", bounds))
    return result


def _extent_by_city(mapped: pd.DataFrame, by_id: pd.DataFrame, cities: pd.Index) -> pd.DataFrame:
    """west, south, east, north, count and spots (distinct positions) of the mapped events at each city or at a
    place inside it (by parent)."""
    frame = mapped.assign(
        spot=(mapped["latitude"] / SPOT_DEGREES).round().astype("int64") * 10_000_019
        + (mapped["longitude"] / SPOT_DEGREES).round().astype("int64")
    )
    frame["place_id"] = frame["place_id"].astype(str)
    parent = frame["place_id"].map(by_id["parent_place_id"])
    city = frame["place_id"].where(frame["place_id"].isin(cities), parent.where(parent.isin(cities)))
    frame = frame.assign(city=city.to_numpy())[city.notna().to_numpy()]
    return frame.groupby("city").agg(
        west=("longitude", "min"),
        south=("latitude", "min"),
        east=("longitude", "max"),
        north=("latitude", "max"),
        count=("latitude", "size"),
        spots=("spot", "nunique"),
    )
