"""The offline basemap: boundary GeoJSON files from the dataset's geo/ folder, validated.

A GeoJSON with an empty or unclosed ring makes the whole plotly map draw
nothing, so every file is checked before it is used, and a bad one is reported
by name instead of breaking the map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

# A file's role comes from its name (*_adm1*, *_city*, *_adm0*); roles are drawn in this order, bottom to top.
ROLES = (("_adm1", "regions"), ("_city", "city"), ("_adm0", "country"))


def layer_role(file_name: str) -> str | None:
    return next((role for marker, role in ROLES if marker in file_name), None)


@dataclass(frozen=True)
class Basemap:
    layers: tuple[tuple[str, dict], ...]  # (role, GeoJSON)
    problems: tuple[str, ...]

    @cached_property
    def compact_layers(self) -> tuple[tuple[str, dict], ...]:
        """The layers with every ring as an (n, 2) numpy array; the same JSON once serialised.

        plotly deep-copies a layer's source each time a figure is built, copied or shown:
        a ring copies as one block instead of thousands of two-number lists.
        """
        return tuple((role, _compact(geojson)) for role, geojson in self.layers)

    def city_bounds(self, name: str) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of a named city polygon, if the basemap has one."""
        for role, geojson in self.layers:
            for feature in geojson["features"]:
                props = feature.get("properties") or {}
                if role == "city" and name in (props.get("name"), props.get("name_en")):
                    ring = [p for polygon in _polygons(feature["geometry"]) for p in polygon[0]]
                    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
                    return min(lons), min(lats), max(lons), max(lats)
        return None

    def bounds(self, roles: tuple[str, ...] = ("country", "regions")) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of all the layers of the given roles."""
        points = [
            p
            for role, geojson in self.layers
            if role in roles
            for feature in geojson["features"]
            for polygon in _polygons(feature["geometry"])
            for p in polygon[0]
        ]
        if not points:
            return None
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)


def _compact(geojson: dict) -> dict:
    def geometry(geom: dict) -> dict:
        if geom["type"] == "Polygon":
            return {**geom, "coordinates": [np.asarray(ring, dtype=float) for ring in geom["coordinates"]]}
        return {
            **geom,
            "coordinates": [[np.asarray(ring, dtype=float) for ring in polygon] for polygon in geom["coordinates"]],
        }

    return {
        **geojson,
        "features": [{**feature, "geometry": geometry(feature["geometry"])} for feature in geojson["features"]],
    }


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def geojson_problems(name: str, geojson: dict) -> list[str]:
    problems = []
    if geojson.get("type") != "FeatureCollection" or not isinstance(geojson.get("features"), list):
        return [f"{name}: not a GeoJSON FeatureCollection"]
    for number, feature in enumerate(geojson["features"], start=1):
        geometry = feature.get("geometry") or {}
        polygons = _polygons(geometry)
        if not polygons:
            problems.append(f"{name}: feature {number} has no Polygon or MultiPolygon geometry")
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4:
                    problems.append(f"{name}: feature {number} has a ring with {len(ring)} points (at least 4 needed)")
                elif ring[0] != ring[-1]:
                    problems.append(f"{name}: feature {number} has a ring that is not closed")
                elif any(not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90) for p in ring):
                    problems.append(f"{name}: feature {number} has coordinates outside longitude/latitude range")
    return problems


def load_basemap(geo_dir: Path) -> Basemap:
    layers: list[tuple[str, dict]] = []
    problems: list[str] = []
    files = sorted(Path(geo_dir).glob("*.geojson")) if Path(geo_dir).is_dir() else []
    order = [role for _, role in ROLES]
    with_roles = [(path, role) for path in files if (role := layer_role(path.name))]
    for path, role in sorted(with_roles, key=lambda item: order.index(item[1])):
        file = path.name
        try:
            geojson = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as err:
            problems.append(f"{file}: not readable as JSON ({err})")
            continue
        found = geojson_problems(file, geojson)
        if found:
            problems.extend(found)
        else:
            layers.append((role, geojson))
    return Basemap(tuple(layers), tuple(problems))
