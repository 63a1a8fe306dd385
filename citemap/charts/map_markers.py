"""Which events a map can draw, and where each marker goes.

- Events known only at country level, or with no place, are not drawn as dots (a dot would claim a
  location the source does not give): `not_drawn` counts them by reason, `unmapped` lists them.
- Events a few pixels apart at the view's zoom (a town and a building in it, on the country view) are
  one group, fanned out on a small circle around the group's busiest point, with a thin leg from each
  marker to its own true point (as Leaflet's "spiderfy" does), so that each can be hovered and clicked.
- Where the country's outline is known, a fan that would put markers across the border (Bishkek lies
  a few kilometres from Kazakhstan) opens as a half circle on the side inside the country instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np
import pandas as pd

from ..basemap import Basemap, _polygons
from .labels import degrees_per_px, mercator_y
from .map_views import mappable

AGGREGATE_ABOVE = 2500  # mapped events: past this the map counts events in grid squares
FAN_RADIUS_PX = 15.0
GROUP_PX = 12.0  # events closer than this on screen are one group, fanned out together
FAN_MOST_PX = 60.0  # a fan wider than this round its point would cover the map: the group is one disc instead


def mapped_count(events: pd.DataFrame) -> int:
    """How many of these events the map can place (see unmapped for the others)."""
    return int(mappable(events).sum())


def is_aggregated(events: pd.DataFrame) -> bool:
    """Whether the map counts these events in squares rather than drawing a marker each."""
    return mapped_count(events) > AGGREGATE_ABOVE


def unmapped(events: pd.DataFrame) -> pd.DataFrame:
    """Events the map cannot place more precisely than a country, or not at all."""
    return events[~mappable(events)]


def not_drawn(events: pd.DataFrame) -> tuple[tuple[str, int], ...]:
    """Why events are not on the map, with how many each: ('known only to the country', 14), ('with no place stated', 1)."""
    rest = ~mappable(events)
    kind = events["place_kind"].to_numpy()[rest]
    no_place = pd.isna(kind) | (events["place_id"].fillna("").to_numpy()[rest] == "")
    reasons = np.where(no_place, "with no place stated", np.where(kind == "country", "known only to the country", ""))
    reasons = np.where(reasons == "", "with no coordinates", reasons)
    counts = pd.Series(reasons).value_counts()
    order = ("known only to the country", "with no place stated", "with no coordinates")
    return tuple((reason, int(counts[reason])) for reason in order if reason in counts.index)


@overload
def marker_size(size_value: pd.Series) -> pd.Series: ...
@overload
def marker_size(size_value: np.ndarray) -> np.ndarray: ...
def marker_size(size_value):
    """Diameter in pixels, growing with the largest count an event carries (log scale): a Series for a column, an
    array for an array."""
    return 13 + 5 * np.log10(1 + size_value.astype(float))


@dataclass(frozen=True)
class Border:
    """The country's outline, to keep fanned markers inside it: rings of (lon, lat) points, even-odd rule."""

    rings: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, basemap: Basemap) -> Border | None:
        rings = tuple(
            np.asarray(ring, dtype=float)[:, :2]
            for role, geojson in basemap.layers
            if role == "country"
            for feature in geojson["features"]
            for polygon in _polygons(feature["geometry"])
            for ring in polygon
            if len(ring) >= 4
        )
        return cls(rings) if rings else None

    def inside(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Per point, whether it lies inside the outline."""
        lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
        result = np.zeros(lat.shape, dtype=bool)
        for ring in self.rings:
            x0, y0 = ring[:-1, 0][:, None], ring[:-1, 1][:, None]
            x1, y1 = ring[1:, 0][:, None], ring[1:, 1][:, None]
            crosses = (y0 > lat) != (y1 > lat)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
            result ^= (crosses & (lon < x_at)).sum(axis=0) % 2 == 1
        return result


def _screen(lat: np.ndarray, lon: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Screen pixels (x east, y south), up to a shift that is the same for every point."""
    per_px = degrees_per_px(zoom)
    return np.asarray(lon, dtype=float) / per_px, -np.asarray(mercator_y(np.asarray(lat, dtype=float))) / per_px


def _from_screen(x: np.ndarray, y: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    per_px = degrees_per_px(zoom)
    merc = -np.asarray(y) * per_px
    return np.degrees(2 * np.arctan(np.exp(np.radians(merc))) - np.pi / 2), np.asarray(x) * per_px


# Ways to lay a group's markers out, tried in turn until every marker falls inside the border: a full circle,
# then half circles opening towards the south, the south-east, ... (angles in screen degrees, y down).
_ARCS = (None, 90.0, 45.0, 135.0, 0.0, 180.0, 270.0, 315.0, 225.0)


def fan_out(
    events: pd.DataFrame,
    zoom: float,
    border: Border | None = None,
    radius_px: float = FAN_RADIUS_PX,
    diameters: np.ndarray | None = None,
) -> pd.DataFrame:
    """Marker positions (marker_lat, marker_lon) and each event's group (group: an integer, -1 for one on its own,
    drawn at its own point; anchor_lat, anchor_lon: the point the group is fanned around; fits: False for a group
    that no fan FAN_MOST_PX wide at most keeps inside the border, at a zoom too far out for its markers: better
    drawn as one disc).
    diameters: each marker's width in pixels, rings included, so that the fanned markers do not overlap."""
    placed = events.copy()
    lat, lon = placed["latitude"].to_numpy(dtype=float), placed["longitude"].to_numpy(dtype=float)
    x, y = _screen(lat, lon, zoom)
    marker_x, marker_y = x.copy(), y.copy()
    group = np.full(len(placed), -1)
    fits = np.ones(len(placed), dtype=bool)
    anchor_x, anchor_y = x.copy(), y.copy()
    # Spots: positions drawn on the same pixel; busiest first, each the seed of a group of those close to it.
    spot = np.round(x).astype(np.int64) * 1_000_003 + np.round(y).astype(np.int64)
    spots = pd.Series(np.arange(len(placed))).groupby(spot, sort=False).agg(list)
    order = sorted(spots.index, key=lambda s: -len(spots[s]))
    firsts = np.array([spots[s][0] for s in order], dtype=np.int64)
    free = np.ones(len(order), dtype=bool)
    number = 0
    for seed_at in range(len(order)):
        if not free[seed_at]:
            continue
        first = firsts[seed_at]
        close = free & (np.hypot(x[firsts] - x[first], y[firsts] - y[first]) <= GROUP_PX)
        free &= ~close
        members = [i for at in np.flatnonzero(close) for i in spots[order[at]]]
        if len(members) < 2:
            continue
        members.sort()  # file (time) order round the circle
        n = len(members)
        step = (float(np.max(diameters[members])) if diameters is not None else 17.0) + 3  # centre to centre
        radius = max(radius_px + 2.5 * n, n * step / (2 * math.pi), step)
        cx, cy = x[first], y[first]
        for arc in _ARCS:
            if arc is None:
                angles = np.radians(np.linspace(0, 360, n, endpoint=False) - 90)  # the first at the top
                r = radius
            else:
                angles = np.radians(arc + np.linspace(-80, 80, n)) if n > 1 else np.radians([arc])
                r = max(radius, (n - 1) * step / math.radians(160))  # markers a step apart along the arc
            mx, my = cx + r * np.cos(angles), cy + r * np.sin(angles)
            if r <= FAN_MOST_PX and (border is None or border.inside(*_from_screen(mx, my, zoom)).all()):
                break
        else:
            # No fan of a sensible size round the point stays inside: the caller draws the group as one disc.
            fits[members] = False
        marker_x[members], marker_y[members] = mx, my
        anchor_x[members], anchor_y[members] = cx, cy
        group[members] = number
        number += 1
    placed["marker_lat"], placed["marker_lon"] = _from_screen(marker_x, marker_y, zoom)
    # Markers left where they are keep their exact coordinates (no round trip through the screen).
    alone = group < 0
    placed.loc[alone, "marker_lat"], placed.loc[alone, "marker_lon"] = lat[alone], lon[alone]
    placed["anchor_lat"], placed["anchor_lon"] = _from_screen(anchor_x, anchor_y, zoom)
    placed["group"] = group
    placed["fits"] = fits
    return placed


def clearance_from_disc(lat: float, lon: float, disc, zoom: float, east: bool = True) -> float:
    """How far from a place inside a disc (its longitude, diameter_px) its name keeps (east of it, or west): past the
    disc's rim on that side, wherever in the disc the place lies."""
    per_px = degrees_per_px(zoom)
    offset = (disc.longitude - lon) / per_px
    return max((offset if east else -offset) + disc.diameter_px / 2, 0.0) + 8
