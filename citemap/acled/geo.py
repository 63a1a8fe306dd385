"""The basemap of an import: the outline of each country it covers, from the shipped world file.

data/geo/world_countries_naturalearth.geojson (Natural Earth admin-0, public domain; data/geo/SOURCES.md says
how it was made) holds every country. An import's geo/ folder gets one <iso3>_adm0_naturalearth.geojson per
country its events are in, picked by ACLED's numeric `iso` (or, in older files, by the country's name), so the
map opens on that country drawn in outline. With --merge-into, the dataset's own geo/ files come along first,
and a country that already has an outline there keeps it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

WORLD = Path(__file__).resolve().parents[2] / "data" / "geo" / "world_countries_naturalearth.geojson"
SOURCES_NOTE = (
    "# Boundaries\n\n"
    "Each <iso3>_adm0_naturalearth.geojson here is one country of Natural Earth's 1:10m admin-0 countries "
    "(version 5.1.1, simplified; public domain), taken by `python -m citemap import-acled` from Citemap's "
    "data/geo/world_countries_naturalearth.geojson (its provenance: data/geo/SOURCES.md).\n"
)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def write_outlines(
    folder: Path, acled_rows: Iterable[dict], merge_into: Path | None = None, world: Path = WORLD
) -> list[str]:
    """Write folder/geo/: the merged dataset's geo files, then an outline per country of the import not yet
    there. Returns what it wrote or could not write, in words (for the summary)."""
    geo = folder / "geo"
    geo.mkdir(exist_ok=True)
    if merge_into is not None and (Path(merge_into) / "geo").is_dir():
        shutil.copytree(Path(merge_into) / "geo", geo, dirs_exist_ok=True)
    wanted: dict[tuple[str, str], int] = {}
    for row in acled_rows:
        key = (str(row.get("iso") or "").strip().lstrip("0"), _key(str(row.get("country") or "")))
        wanted[key] = wanted.get(key, 0) + 1
    if not wanted:
        return []
    if not world.is_file():
        return [f"no country outline written: {world} is missing"]
    features = json.loads(world.read_text(encoding="utf-8"))["features"]
    by_number = {f["properties"]["iso_n3"].lstrip("0"): f for f in features if f["properties"]["iso_n3"]}
    by_name = {_key(f["properties"][n]): f for f in features for n in ("name", "admin")}
    said, written = [], set()
    for number, name in sorted(wanted):
        found = by_number.get(number) if number else None
        found = found or by_name.get(name)
        if found is None:
            said.append(f"no country outline for {name or number or 'an unnamed country'} in Natural Earth's admin-0")
            continue
        iso3 = found["properties"]["iso_a3"].lower()
        path = geo / f"{iso3}_adm0_naturalearth.geojson"
        if iso3 in written or path.exists():
            continue
        collection = {"type": "FeatureCollection", "features": [found]}
        path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        written.add(iso3)
        said.append(f"country outline: geo/{path.name} ({found['properties']['name']}, Natural Earth, public domain)")
    if written:
        notes = geo / "SOURCES.md"
        existing = notes.read_text(encoding="utf-8") if notes.exists() else ""
        if SOURCES_NOTE not in existing:
            notes.write_text(existing + ("\n" if existing else "") + SOURCES_NOTE, encoding="utf-8")
    return said
