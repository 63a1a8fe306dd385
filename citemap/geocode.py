"""Fill in missing place coordinates while curating, never while the dashboard runs.

The offline `GazetteerGeocoder` answers from `geo/gazetteer.csv`, our own list
of verified points. Only what it cannot answer goes to Nominatim, rate-limited,
with answers cached in `geocode_cache.json` so a run is never repeated online.
Offline, Nominatim fails fast and the place is reported as unresolved.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geopy.exc import GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .csvwrite import read_rows, write_table
from .tables import split_list
from .words import plural

GAZETTEER = Path("geo") / "gazetteer.csv"
CACHE = "geocode_cache.json"


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(folded.replace("’", "'").split())


class GazetteerGeocoder(Geocoder):
    """A geopy geocoder over a CSV of verified points: name, aliases, latitude, longitude, kind, source."""

    def __init__(self, path: Path):
        super().__init__()
        self.entries: dict[str, dict] = {}
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for name in [row["name"], *split_list(row["aliases"])]:
                    self.entries.setdefault(_key(name), row)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        row = self.entries.get(_key(query))
        if row is None:
            return None
        location = Location(row["name"], (float(row["latitude"]), float(row["longitude"])), dict(row))
        return location if exactly_one else [location]


@dataclass
class GeocodeResult:
    resolved: list[tuple[str, str]] = field(default_factory=list)  # place_id, how
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # place_id, why

    def text(self) -> str:
        lines = [f"{plural(len(self.resolved), 'place')} geocoded, {len(self.unresolved)} unresolved."]
        lines += [f"  resolved {pid}: {how}" for pid, how in self.resolved]
        lines += [f"  unresolved {pid}: {why}" for pid, why in self.unresolved]
        return "\n".join(lines)


def _queries(row: dict) -> list[str]:
    return [row["name"], *split_list(row.get("aliases", ""))]


def geocode_places(
    data_dir: Path, *, online: bool = True, user_agent: str = "citemap-curation", nominatim=None
) -> GeocodeResult:
    data_dir = Path(data_dir)
    places_path = data_dir / "places.csv"
    rows = read_rows(places_path)
    gazetteer = GazetteerGeocoder(data_dir / GAZETTEER) if (data_dir / GAZETTEER).exists() else None
    cache_path = data_dir / CACHE
    cache: dict = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.exists() else {}
    lookup = None
    if online:
        service = nominatim or Nominatim(user_agent=user_agent, timeout=10)
        lookup = RateLimiter(service.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False)

    result = GeocodeResult()
    network_down = None
    for row in rows:
        if row.get("latitude") and row.get("longitude"):
            continue
        found = None
        for query in _queries(row):
            if gazetteer and (hit := gazetteer.geocode(query)):
                found = (hit.latitude, hit.longitude, f"gazetteer: {hit.raw['source']}")
                break
            if query in cache:
                hit = cache[query]
                found = (hit["latitude"], hit["longitude"], hit["source"])
                break
        if found is None and lookup is not None and network_down is None:
            for query in _queries(row):
                try:
                    hit = lookup(query)
                except GeocoderServiceError as err:
                    network_down = f"Nominatim unreachable ({type(err).__name__})"
                    break
                if hit is not None:
                    source = f"Nominatim (OpenStreetMap), query {query!r}, {date.today().isoformat()}: {hit.address}"
                    cache[query] = {"latitude": hit.latitude, "longitude": hit.longitude, "source": source}
                    found = (hit.latitude, hit.longitude, source)
                    break
        if found is None:
            why = network_down or ("not in the gazetteer" + ("" if online else "; offline, Nominatim not asked"))
            result.unresolved.append((row["place_id"], why))
            continue
        row["latitude"], row["longitude"], row["coordinate_source"] = str(found[0]), str(found[1]), found[2]
        result.resolved.append((row["place_id"], found[2]))

    if result.resolved:
        write_table(places_path, "places", rows)
    if cache:
        cache_path.write_text(json.dumps(cache, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return result
