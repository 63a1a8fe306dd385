"""Synthetic datasets that meet the contract, for scale tests and benchmarks.

`synthesize(n_events, seed)` invents a dataset of any size, from ten events to a
million, that `citemap.dataset.validate` accepts: every event cites sentences of
generated source texts ("digests" of reported unrest, about a hundred events
each), offsets are exact, every figure quotes its own sentence, and ids are
stable strings. The same seed gives the same files.

What it mixes, so that the dashboard meets the variety it will meet in real data
(events are listed newest first, as ACLED's exports list them):
- event types and sub-types from ACLED's taxonomy and Citemap's extensions, in
  proportions like ACLED's Central Asia data (protests first, then strategic
  developments, riots, violence against civilians, border clashes), with
  clusters of events around a few crisis weeks;
- places in Kyrgyzstan at every precision: the country (3), its regions (3),
  towns (1), the outskirts of a town (2) and sites inside towns (1, or 2 with a
  radius of uncertainty), all with coordinates inside the country;
- time precision 1 to 4 (a day, a week's span, a month, a year), parts of the
  day ("on the evening of ..."), in the source's own words (`date_text`);
- actors of every kind (people, organisations, groups, media) in every role;
- figures with every qualifier (exact, approx, at least, range), attributed or
  in the source's own voice, and conflicting reports of one crowd as two rows.

Names of people, parties and outlets are invented; places are real towns.
Everything is built column-wise with numpy and pandas, so a million events take
well under a minute.
"""

from __future__ import annotations

import json
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .contract import TABLE_ORDER, TABLES

MARKER = "SYNTHETIC.json"  # written last into every output folder: the folder is ours to replace
BUNDLED_GEO = Path(__file__).resolve().parent.parent / "data" / "geo"
SOURCE_SIZE = 100  # events per generated source text
VERSION = 3  # of what synthesize makes from a seed: raised whenever that changes (bench/run.py remakes its datasets)
FIRST_DAY = pd.Timestamp("2018-01-01")
LAST_DAY = pd.Timestamp("2024-12-31")

# Towns: name, region, latitude, longitude, weight (how much happens there).
CITIES: tuple[tuple[str, str, float, float, float], ...] = (
    ("Bishkek", "Bishkek", 42.87472, 74.61222, 30),
    ("Osh", "Osh", 40.53, 72.8, 12),
    ("Jalal-Abad", "Jalal-Abad", 40.9333, 73.0017, 5),
    ("Karakol", "Issyk-Kul", 42.4907, 78.3936, 4),
    ("Tokmok", "Chuy", 42.8419, 75.3015, 4),
    ("Naryn", "Naryn", 41.4287, 75.9911, 3),
    ("Talas", "Talas", 42.5228, 72.2427, 3),
    ("Batken", "Batken", 40.0625, 70.8194, 3),
    ("Kara-Balta", "Chuy", 42.8142, 73.8481, 3),
    ("Uzgen", "Osh", 40.7699, 73.3007, 2),
    ("Balykchy", "Issyk-Kul", 42.4603, 76.1871, 2),
    ("Kant", "Chuy", 42.8911, 74.8508, 2),
    ("Cholpon-Ata", "Issyk-Kul", 42.6494, 77.0825, 2),
    ("Kyzyl-Kiya", "Batken", 40.2567, 72.1278, 2),
    ("Kara-Suu", "Osh", 40.7036, 72.8659, 2),
    ("Kochkor", "Naryn", 42.2158, 75.7552, 1),
    ("Isfana", "Batken", 39.8389, 69.5269, 1),
    ("Toktogul", "Jalal-Abad", 41.8722, 72.9406, 1),
    ("Mailuu-Suu", "Jalal-Abad", 41.2667, 72.45, 1),
    ("Tash-Kumyr", "Jalal-Abad", 41.3472, 72.2172, 1),
    ("Kerben", "Jalal-Abad", 41.4931, 71.7556, 1),
    ("At-Bashy", "Naryn", 41.1702, 75.8106, 1),
    ("Bazar-Korgon", "Jalal-Abad", 41.0378, 72.7461, 1),
    ("Nookat", "Osh", 40.2656, 72.6189, 1),
    ("Aravan", "Osh", 40.5149, 72.5031, 1),
    ("Kemin", "Chuy", 42.7856, 75.6917, 1),
    ("Kadamjay", "Batken", 40.1303, 71.7231, 1),
    ("Kyzyl-Adyr", "Talas", 42.6208, 71.5903, 1),
)
# Regions (oblasts): name, latitude, longitude of a point inside, radius of uncertainty in km.
REGIONS: dict[str, tuple[float, float, float]] = {
    "Chuy": (42.55, 74.6, 110),
    "Issyk-Kul": (42.2, 78.0, 150),
    "Naryn": (41.3, 75.3, 160),
    "Talas": (42.35, 72.3, 80),
    "Jalal-Abad": (41.4, 72.6, 150),
    "Osh": (40.0, 73.2, 140),
    "Batken": (39.95, 71.0, 120),
}
BORDER_REGIONS = ("Batken", "Osh", "Jalal-Abad")
SITE_NAMES = (
    "central square",
    "regional administration building",
    "city hall",
    "police headquarters",
    "district court",
    "central bazaar",
    "state university",
    "main hospital",
    "bus station",
    "prosecutor's office",
    "city park",
    "drama theatre",
    "railway station",
    "television centre",
    "central mosque",
    "stadium",
    "election commission office",
    "customs post",
    "tax office",
    "school No. 5",
)
BISHKEK_SITES = (
    ("White House (Ak Ui)", 42.87731, 74.60014),
    ("Ala-Too Square", 42.87639, 74.60389),
    ("Old Square", 42.8795, 74.6040),
)

FIRST_NAMES_M = (
    "Almaz",
    "Bakyt",
    "Nurlan",
    "Ulan",
    "Azamat",
    "Kanybek",
    "Erkin",
    "Talant",
    "Mirlan",
    "Askar",
    "Dastan",
    "Tilek",
    "Ruslan",
    "Marat",
    "Bolot",
    "Emil",
    "Nurbek",
    "Kubat",
    "Daniyar",
    "Adilet",
    "Timur",
    "Bektur",
    "Aibek",
    "Zhoomart",
)
FIRST_NAMES_F = (
    "Aida",
    "Zhyldyz",
    "Aigul",
    "Cholpon",
    "Ainura",
    "Gulnara",
    "Meerim",
    "Nazira",
    "Asel",
    "Begaiym",
    "Kanykei",
    "Elmira",
)
SURNAME_ROOTS = (
    "Abdyldaev",
    "Toktogulov",
    "Mamytov",
    "Usenov",
    "Sadykov",
    "Osmonov",
    "Bekov",
    "Asanaliev",
    "Kadyrov",
    "Turdubaev",
    "Zhumabaev",
    "Imanaliev",
    "Satybaldiev",
    "Omurbekov",
    "Akmatov",
    "Sultanov",
    "Beishenov",
    "Nurmatov",
    "Kasymov",
    "Sarybaev",
    "Temirov",
    "Abdrakhmanov",
    "Moldokanov",
    "Dzhumaliev",
    "Esenkulov",
    "Karimov",
    "Orozbaev",
    "Shamshiev",
)
PERSON_TITLES = (
    "opposition politician",
    "member of parliament",
    "civic activist",
    "journalist",
    "lawyer",
    "trade union leader",
    "former minister",
    "local council deputy",
    "human rights defender",
    "businessman",
    "blogger",
    "party leader",
)
PARTIES = (
    "Zhany Bagyt",
    "Ordo",
    "Yntymak Zholu",
    "Ak Tilek",
    "Emgek",
    "Baatyr Kenesh",
    "Zhashyl Kelechek",
    "Uluttuk Birimdik",
    "Erkin Kyrgyzstan",
    "Kut Bereket",
    "Meken Sheiti",
    "Adilettik",
)
MEDIA = (
    "Tien Shan Herald",
    "Ala-Too Daily",
    "Kabar Weekly",
    "Southern Courier",
    "Issyk-Kul Pravda",
    "Radio Manas",
    "Bishkek Evening News",
    "Osh Chronicle",
    "Naryn Voice",
    "Steppe Wire",
)
DEMANDS = (
    "the annulment of the election results",
    "the resignation of the government",
    "lower utility prices",
    "the release of detained activists",
    "an end to corruption in the customs service",
    "fair pay for teachers",
    "the closure of a gold mine",
    "a recount of the vote",
    "justice for the victims of the border clashes",
    "the return of seized land",
    "the dismissal of the regional governor",
    "better roads and water supply",
)
GRIEVANCES = (
    "rising fuel prices",
    "the new constitution",
    "the arrest of an opposition leader",
    "a mining licence",
    "the sale of a local market",
    "the election results",
    "power cuts",
    "a proposed media law",
)
CHARGES = (
    "organising mass unrest",
    "corruption",
    "abuse of office",
    "calling for the seizure of power",
    "fraud",
    "illegal possession of weapons",
    "money laundering",
    "hooliganism",
)
CLAIMS = (
    "the vote had been rigged",
    "the protests would continue until the government resigned",
    "no one would be prosecuted",
    "the situation in the region was under control",
    "talks with the opposition would begin next week",
    "the border dispute must be settled by negotiation",
    "the arrests were politically motivated",
    "a state of emergency was not needed",
)
OFFICES = (
    "acting prime minister",
    "interior minister",
    "governor of the region",
    "mayor",
    "prosecutor general",
    "head of the security service",
    "speaker of parliament",
    "deputy prime minister",
)
BUILDINGS = (
    "the regional administration building",
    "the city hall",
    "the mayor's office",
    "the local police station",
    "the district prosecutor's office",
    "the offices of the state broadcaster",
)
TOPICS = (
    "the demarcation of the border",
    "water sharing",
    "the release of detainees",
    "a ceasefire",
    "early elections",
)

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
MONTHS = np.array(
    [
        "",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    dtype=object,
)


@dataclass(frozen=True)
class SynthDataset:
    tables: dict[str, pd.DataFrame]  # every contract table, as text cells in contract column order
    texts: dict[str, str]  # file name -> source text


# ---------------------------------------------------------------- helpers


def _fill(template: str, frame: pd.DataFrame) -> pd.Series:
    """str.format over whole columns: '{a1} met {a2}.' -> a Series of sentences."""
    out = pd.Series("", index=frame.index, dtype="str")
    for literal, field, _, _ in string.Formatter().parse(template):
        if literal:
            out = out + literal
        if field:
            out = out + frame[field].astype("str")
    return out


def _fields(*templates: str) -> list[str]:
    return sorted({field for template in templates for _, field, _, _ in string.Formatter().parse(template) if field})


def _day_words(dates: pd.Series) -> pd.Series:
    """'12 March 2021' for each date."""
    return (
        dates.dt.day.astype("str")
        + " "
        + pd.Series(MONTHS[dates.dt.month.to_numpy()], index=dates.index, dtype="str")
        + " "
        + dates.dt.year.astype("str")
    )


def _thousands(values: np.ndarray) -> pd.Series:
    """'1,234' for 1234, column-wise."""
    values = np.asarray(values, dtype=np.int64)
    group = values % 1000
    rest = values // 1000
    text = pd.Series(group.astype(str), dtype="str")
    text = text.where(rest == 0, text.str.zfill(3))
    while (rest > 0).any():
        more = rest > 0
        group, rest = rest % 1000, rest // 1000
        head = pd.Series(group.astype(str), dtype="str")
        head = head.where(rest == 0, head.str.zfill(3))
        text = text.where(~more, head + "," + text)
    return text


def _zipf_choice(rng: np.random.Generator, pool: np.ndarray, size: int, skew: float = 0.9) -> np.ndarray:
    """Pick from a pool with a long tail: a few actors appear often, most rarely."""
    if size == 0 or len(pool) == 0:
        return np.zeros(0, dtype=np.int64)
    weights = 1.0 / np.arange(1, len(pool) + 1) ** skew
    return pool[rng.choice(len(pool), size=size, p=weights / weights.sum())]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


def _offset(lat: np.ndarray, lon: np.ndarray, km: np.ndarray, bearing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    dlat = km * np.cos(bearing) / 111.2
    dlon = km * np.sin(bearing) / (111.2 * np.cos(np.radians(lat)))
    return lat + dlat, lon + dlon


# ---------------------------------------------------------------- places


def _places(rng: np.random.Generator, n_events: int) -> pd.DataFrame:
    n_cities = int(np.clip(n_events // 8, 2, len(CITIES)))
    cities = CITIES[:n_cities]
    n_sites = int(np.clip(n_events // 150, 2, 2400))
    rows = [
        dict(
            place_id="pl-kyrgyzstan",
            name="Kyrgyzstan",
            aliases="Kyrgyz Republic",
            kind="country",
            latitude=41.0,
            longitude=75.0,
            geo_precision=3,
            uncertainty_km=350.0,
            parent_place_id="",
            city="",
            region="",
            weight=0.0,
            cls="country",
        )
    ]
    used_regions = sorted({region for _, region, *_ in cities if region in REGIONS}, key=list(REGIONS).index)
    for region in used_regions:
        lat, lon, radius = REGIONS[region]
        rows.append(
            dict(
                place_id=f"pl-reg-{_slug(region)}",
                name=f"{region} Region",
                aliases=f"{region} oblast",
                kind="region",
                latitude=lat,
                longitude=lon,
                geo_precision=3,
                uncertainty_km=float(radius),
                parent_place_id="pl-kyrgyzstan",
                city="",
                region=region,
                weight=sum(w for _, r, _, _, w in cities if r == region),
                cls="region",
            )
        )
    for name, region, lat, lon, weight in cities:
        parent = f"pl-reg-{_slug(region)}" if region in REGIONS else "pl-kyrgyzstan"
        rows.append(
            dict(
                place_id=f"pl-{_slug(name)}",
                name=name,
                aliases="",
                kind="city",
                latitude=lat,
                longitude=lon,
                geo_precision=1,
                uncertainty_km=float(rng.integers(3, 9)),
                parent_place_id=parent,
                city=name,
                region=region,
                weight=weight,
                cls="city",
            )
        )
    for name, region, lat, lon, weight in cities[:8]:
        bearing, km = rng.uniform(0, 2 * np.pi), rng.uniform(5, 8)
        olat, olon = _offset(np.array(lat), np.array(lon), np.array(km), np.array(bearing))
        rows.append(
            dict(
                place_id=f"pl-{_slug(name)}-outskirts",
                name=f"Outskirts of {name}",
                aliases="",
                kind="city",
                latitude=round(float(olat), 5),
                longitude=round(float(olon), 5),
                geo_precision=2,
                uncertainty_km=float(rng.integers(8, 16)),
                parent_place_id=f"pl-{_slug(name)}",
                city=name,
                region=region,
                weight=weight,
                cls="outskirts",
            )
        )
    # Sites: shared out among the towns by weight; the first of each kind named, the rest numbered.
    weights = np.array([w for *_, w in cities], dtype=float)
    per_city = np.maximum(1, np.floor(n_sites * weights / weights.sum()).astype(int))
    for (name, region, lat, lon, weight), count in zip(cities, per_city):
        extra = list(BISHKEK_SITES) if name == "Bishkek" else []
        for k in range(count):
            if k < len(extra):
                site, slat, slon = extra[k]
                precision, radius = 1, 0.2
            else:
                kind = SITE_NAMES[k % len(SITE_NAMES)]
                round_ = k // len(SITE_NAMES)
                site = kind[0].upper() + kind[1:] + (f" ({round_ + 1})" if round_ else "")
                spread = 7.0 if name == "Bishkek" else 3.5
                offset_lat, offset_lon = _offset(
                    np.array(lat),
                    np.array(lon),
                    np.array(rng.uniform(0.3, spread)),
                    np.array(rng.uniform(0, 2 * np.pi)),
                )
                slat, slon = round(float(offset_lat), 5), round(float(offset_lon), 5)
                near = rng.random() < 0.22
                precision, radius = (
                    (2, float(rng.integers(1, 4))) if near else (1, round(float(rng.uniform(0.1, 0.5)), 1))
                )
            rows.append(
                dict(
                    place_id=f"pl-{_slug(name)}-s{k + 1:04d}",
                    name=f"{site}, {name}",
                    aliases="",
                    kind="site",
                    latitude=slat,
                    longitude=slon,
                    geo_precision=precision,
                    uncertainty_km=radius,
                    parent_place_id=f"pl-{_slug(name)}",
                    city=name,
                    region=region,
                    weight=weight / count,
                    cls="site",
                    site=site,
                )
            )
    places = pd.DataFrame(rows)
    places["site"] = places["site"].fillna("")
    _move_inside(places)
    return places


def _outline() -> list[list]:
    """The outer rings and holes of Kyrgyzstan's outline, from the bundled basemap."""
    path = BUNDLED_GEO / "kgz_adm0_naturalearth.geojson"
    if not path.exists():
        return []
    polygons: list[list] = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return polygons


def inside_kyrgyzstan(lat: np.ndarray, lon: np.ndarray, polygons: list[list] | None = None) -> np.ndarray:
    """Which points lie inside the country's outline (ray casting; holes are the enclaves)."""
    polygons = _outline() if polygons is None else polygons
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    if not polygons:
        return np.ones(len(lat), dtype=bool)

    def in_ring(ring) -> np.ndarray:
        xs, ys = np.array([p[0] for p in ring]), np.array([p[1] for p in ring])
        inside = np.zeros(len(lat), dtype=bool)
        for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:]):
            if y0 == y1:
                continue
            crosses = (y0 > lat) != (y1 > lat)
            inside ^= crosses & (lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
        return inside

    result = np.zeros(len(lat), dtype=bool)
    for outer, *holes in polygons:
        here = in_ring(outer)
        for hole in holes:
            here &= ~in_ring(hole)
        result |= here
    return result


def _move_inside(places: pd.DataFrame, toward: tuple[float, float] = (41.4, 74.9)) -> None:
    """Nudge points that a coarse outline puts across the border (Kara-Suu) inland, 500 m at a time."""
    polygons = _outline()
    for _ in range(100):
        outside = ~inside_kyrgyzstan(places["latitude"].to_numpy(), places["longitude"].to_numpy(), polygons)
        if not outside.any():
            return
        lat, lon = places.loc[outside, "latitude"].to_numpy(), places.loc[outside, "longitude"].to_numpy()
        bearing = np.arctan2((toward[1] - lon) * np.cos(np.radians(lat)), toward[0] - lat)
        new_lat, new_lon = _offset(lat, lon, np.full(len(lat), 0.5), bearing)
        places.loc[outside, "latitude"], places.loc[outside, "longitude"] = np.round(new_lat, 5), np.round(new_lon, 5)


def _place_phrases(places: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """How a sentence says where (' at the central bazaar in Osh'), and the short form for summaries."""
    town = (
        places["city"]
        .where(places["city"].isin(["Bishkek", "Osh"]), places["city"] + ", " + places["region"] + " Region")
        .astype("str")
    )
    site = places["site"].str.slice(0, 1).str.lower() + places["site"].str.slice(1)
    site = site.where(~places["site"].isin([s for s, *_ in BISHKEK_SITES]), places["site"])
    near = pd.Series(np.where(places["geo_precision"] == 2, " near the ", " at the "), index=places.index, dtype="str")
    phrase = np.select(
        [
            places["cls"] == "site",
            places["cls"] == "city",
            places["cls"] == "outskirts",
            places["cls"] == "region",
            places["cls"] == "country",
        ],
        [
            near + site + " in " + town,
            " in " + town,
            " on the outskirts of " + places["city"],
            " in " + places["name"],
            " in Kyrgyzstan",
        ],
        "",
    )
    short = np.select(
        [places["cls"] == "region", places["cls"] == "country"],
        [" in " + places["name"], " across Kyrgyzstan"],
        " in " + places["city"],
    )
    return pd.Series(phrase, index=places.index, dtype="str"), pd.Series(short, index=places.index, dtype="str")


# ---------------------------------------------------------------- actors


def _actors(rng: np.random.Generator, n_events: int, places: pd.DataFrame) -> pd.DataFrame:
    rows = []

    def add(actor_id, name, kind, pool, aliases="", title="", affiliation="", description=""):
        rows.append(
            dict(
                actor_id=actor_id,
                name=name,
                aliases=aliases,
                kind=kind,
                title=title,
                affiliation=affiliation,
                description=description,
                pool=pool,
            )
        )

    add(
        "act-mvd",
        "Ministry of Internal Affairs",
        "organization",
        "security",
        "MVD;interior ministry",
        "",
        "Government of Kyrgyzstan",
        "The national police authority.",
    )
    add(
        "act-gknb",
        "State Committee for National Security",
        "organization",
        "security",
        "GKNB;security service",
        "",
        "Government of Kyrgyzstan",
        "The security service.",
    )
    add(
        "act-cec",
        "Central Election Commission",
        "organization",
        "election",
        "CEC",
        "",
        "Government of Kyrgyzstan",
        "Runs elections and declares their results.",
    )
    add(
        "act-government",
        "Government of Kyrgyzstan",
        "organization",
        "government",
        "the government;cabinet",
        "",
        "",
        "The cabinet of ministers.",
    )
    add(
        "act-health",
        "Ministry of Health",
        "organization",
        "health",
        "health ministry",
        "",
        "Government of Kyrgyzstan",
        "Reports the number of injured.",
    )
    add(
        "act-border",
        "Border Service of Kyrgyzstan",
        "organization",
        "border",
        "Kyrgyz border guards",
        "",
        "Government of Kyrgyzstan",
        "Guards the state border.",
    )
    add(
        "act-tj-border",
        "Tajik border troops",
        "organization",
        "border_foe",
        "Tajik border guards",
        "",
        "Tajikistan",
        "Border forces across the Tajik frontier.",
    )
    add(
        "act-prosecutor",
        "Prosecutor General's Office",
        "organization",
        "security",
        "prosecutors",
        "",
        "Government of Kyrgyzstan",
        "Brings criminal cases.",
    )
    add(
        "act-attackers",
        "Unidentified attackers",
        "group",
        "attackers",
        "unknown assailants",
        "",
        "",
        "People the source does not identify.",
    )
    add(
        "act-opposition",
        "Opposition supporters",
        "group",
        "protesters",
        "protesters",
        "",
        "Opposition",
        "Supporters of several opposition parties.",
    )
    for city in places.loc[places["cls"] == "city", "city"]:
        add(
            f"act-police-{_slug(city)}",
            f"{city} city police",
            "organization",
            "security",
            f"{city} police",
            "",
            "Ministry of Internal Affairs",
            f"The police department of {city}.",
        )
        add(
            f"act-court-{_slug(city)}",
            f"{city} district court",
            "organization",
            "court",
            "",
            "",
            "Judiciary",
            f"The district court sitting in {city}.",
        )
        add(
            f"act-residents-{_slug(city)}",
            f"Residents of {city}",
            "group",
            "protesters",
            f"{city} residents",
            "",
            "",
            f"People living in {city}.",
        )
        add(
            f"act-traders-{_slug(city)}",
            f"Market traders in {city}",
            "group",
            "protesters",
            "",
            "",
            "",
            f"Traders at the bazaars of {city}.",
        )
    for number, party in enumerate(PARTIES):
        add(
            f"act-party-{number + 1:02d}",
            f"{party} party",
            "organization",
            "party",
            party,
            "",
            "",
            "A political party (invented for this synthetic dataset).",
        )
    for number, outlet in enumerate(MEDIA):
        add(
            f"act-media-{number + 1:02d}",
            outlet,
            "media",
            "media",
            "",
            "",
            "",
            "A news outlet (invented for this synthetic dataset).",
        )

    n_persons = int(np.clip(n_events // 60, 8, 3000))
    male = rng.random(n_persons) < 0.72
    first = np.where(
        male,
        np.array(FIRST_NAMES_M)[rng.integers(0, len(FIRST_NAMES_M), n_persons)],
        np.array(FIRST_NAMES_F)[rng.integers(0, len(FIRST_NAMES_F), n_persons)],
    )
    root = np.array(SURNAME_ROOTS)[rng.integers(0, len(SURNAME_ROOTS), n_persons)]
    surname = np.where(male, root, np.char.add(root.astype(str), "a"))
    father = np.array(FIRST_NAMES_M)[rng.integers(0, len(FIRST_NAMES_M), n_persons)]
    seen: set[str] = set()
    titles = np.array(PERSON_TITLES)[rng.integers(0, len(PERSON_TITLES), n_persons)]
    parties = np.array(PARTIES)[rng.integers(0, len(PARTIES), n_persons)]
    persons = []
    for k in range(n_persons):
        name = f"{first[k]} {surname[k]}"
        if name in seen:  # namesakes are told apart by the patronymic, as reports do
            name = f"{first[k]} {father[k]} {'uulu' if male[k] else 'kyzy'} {surname[k]}"
        number = 2
        while name in seen:
            name = f"{first[k]} {surname[k]} ({number})"
            number += 1
        seen.add(name)
        persons.append(name)
        affiliation = (
            f"{parties[k]} party"
            if titles[k] in ("opposition politician", "member of parliament", "party leader")
            else ""
        )
        add(
            f"act-p{k + 1:05d}",
            name,
            "person",
            "person",
            str(surname[k]),
            str(titles[k]),
            affiliation,
            f"{str(titles[k]).capitalize()} (invented for this synthetic dataset).",
        )
    for k, name in enumerate(persons[: min(n_persons // 4, 600)]):
        add(
            f"act-supporters-p{k + 1:05d}",
            f"Supporters of {name}",
            "group",
            "protesters",
            "",
            "",
            name,
            "People rallying behind a politician.",
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- events

# (event type, sub-event type, share)
MIX: tuple[tuple[str, str, float], ...] = (
    ("Protests", "Peaceful protest", 0.34),
    ("Protests", "Protest with intervention", 0.07),
    ("Protests", "Excessive force against protesters", 0.02),
    ("Riots", "Violent demonstration", 0.06),
    ("Riots", "Mob violence", 0.04),
    ("Strategic developments", "Arrests", 0.09),
    ("Strategic developments", "Statement", 0.10),
    ("Strategic developments", "Appointment", 0.025),
    ("Strategic developments", "Resignation", 0.015),
    ("Strategic developments", "Sentencing", 0.02),
    ("Strategic developments", "Release from detention", 0.015),
    ("Strategic developments", "Election", 0.01),
    ("Strategic developments", "Seizure of buildings", 0.01),
    ("Strategic developments", "Looting/property destruction", 0.015),
    ("Strategic developments", "Agreement", 0.01),
    ("Strategic developments", "Mediation attempt", 0.01),
    ("Strategic developments", "Change to group/activity", 0.01),
    ("Violence against civilians", "Attack", 0.06),
    ("Violence against civilians", "Abduction/forced disappearance", 0.015),
    ("Battles", "Armed clash", 0.04),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.012),
    ("Explosions/Remote violence", "Air/drone strike", 0.005),
    ("Explosions/Remote violence", "Grenade", 0.003),
)
BORDER_TYPES = ("Battles", "Explosions/Remote violence")

# Sub-event type: (actor1 pool, actor2 pool or "", actor2 role, main sentence, summary)
TEMPLATES: dict[str, tuple[str, str, str, str, str]] = {
    "Peaceful protest": (
        "protesters",
        "",
        "",
        "{a1} held a rally{where} {when}, demanding {demand}.",
        "Rally by {a1}{short}.",
    ),
    "Protest with intervention": (
        "protesters",
        "security",
        "actor2",
        "{a1} protested{where} {when} against {grievance} until {a2} dispersed the crowd.",
        "Protest{short} dispersed by {a2}.",
    ),
    "Excessive force against protesters": (
        "protesters",
        "security",
        "actor2",
        "{a2} used tear gas and stun grenades against {a1}{where} {when}.",
        "Force used against protesters{short} by {a2}.",
    ),
    "Violent demonstration": (
        "protesters",
        "security",
        "actor2",
        "{a1} clashed with {a2}{where} {when}, throwing stones and setting cars on fire.",
        "Clashes between {a1} and police{short}.",
    ),
    "Mob violence": (
        "protesters",
        "",
        "",
        "A crowd of {a1} attacked a gold mining camp{where} {when}.",
        "Crowd attacks a mining camp{short}.",
    ),
    "Arrests": (
        "security",
        "person",
        "target",
        "{a1} detained {a2}{where} {when} on charges of {charge}.",
        "{a2} detained{short}.",
    ),
    "Statement": ("person", "", "", "{a1} said{where} {when} that {claim}.", "Statement by {a1}."),
    "Appointment": (
        "person",
        "government",
        "associated",
        "{a1} was appointed {office} {when}, {a2} announced.",
        "{a1} appointed {office}.",
    ),
    "Resignation": ("person", "", "", "{a1} resigned as {office} {when}.", "{a1} resigns as {office}."),
    "Sentencing": (
        "court",
        "person",
        "target",
        "{a1} sentenced {a2} to {sentence} in prison {when} for {charge}.",
        "{a2} sentenced{short}.",
    ),
    "Release from detention": (
        "person",
        "",
        "",
        "{a1} was released from detention{where} {when}.",
        "{a1} released{short}.",
    ),
    "Election": (
        "election",
        "",
        "",
        "{a1} said {when} that turnout in the local council elections{where} was {turnout}.",
        "Local council elections{short}.",
    ),
    "Seizure of buildings": (
        "protesters",
        "",
        "",
        "{a1} took over {building}{where} {when}.",
        "Public building seized{short} by {a1}.",
    ),
    "Looting/property destruction": (
        "protesters",
        "",
        "",
        "Shops were looted and windows smashed{where} {when} after a rally by {a1}.",
        "Looting after a rally{short}.",
    ),
    "Agreement": (
        "government",
        "party",
        "actor2",
        "{a1} and {a2} signed an agreement {when} on {topic}.",
        "Agreement on {topic}.",
    ),
    "Mediation attempt": (
        "person",
        "party",
        "associated",
        "{a1} offered {when} to mediate between {a2} and the government.",
        "{a1} offers mediation.",
    ),
    "Change to group/activity": (
        "party",
        "",
        "",
        "{a1} announced {when} that it would boycott the next elections.",
        "{a1} announces a boycott.",
    ),
    "Attack": ("attackers", "person", "target", "{a1} beat {a2}{where} {when}.", "Attack on {a2}{short}."),
    "Abduction/forced disappearance": (
        "attackers",
        "person",
        "target",
        "{a2} was abducted{where} {when} by {a1}, relatives said.",
        "{a2} abducted{short}.",
    ),
    "Armed clash": (
        "border",
        "border_foe",
        "actor2",
        "{a1} and {a2} exchanged fire{where} {when}.",
        "Border clash{short}.",
    ),
    "Shelling/artillery/missile attack": (
        "border_foe",
        "",
        "",
        "{a1} shelled border villages{where} {when}.",
        "Shelling of border villages{short}.",
    ),
    "Air/drone strike": (
        "border_foe",
        "",
        "",
        "A drone operated by {a1} struck a fuel depot{where} {when}.",
        "Drone strike{short}.",
    ),
    "Grenade": ("attackers", "", "", "A grenade thrown by {a1} exploded{where} {when}.", "Grenade explosion{short}."),
}
# Second sentences: sub-event type -> (template, figure columns it quotes, role and pool of the actor it names).
FOLLOW_UPS: dict[str, tuple[str, float]] = {
    "Peaceful protest": ("Organisers said {n_part} took part, while {reporter} put the number at {n_part2}.", 0.12),
    "Protest with intervention": ("{a2} said {n_arrest} {v_arrest} detained.", 0.7),
    "Excessive force against protesters": ("{reporter} said {n_wound} {v_wound} injured.", 0.8),
    "Violent demonstration": ("{reporter} said {n_wound} {v_wound} injured, among them police officers.", 0.6),
    "Armed clash": ("{a1} said {n_kill} {v_kill} killed and {n_wound} wounded.", 0.75),
    "Shelling/artillery/missile attack": ("{reporter} said {n_wound} {v_wound} wounded.", 0.6),
    "Attack": ("{a2} was taken to hospital with head injuries, police said.", 0.5),
    "Arrests": ("{a2} denied the charges through a lawyer.", 0.3),
}


def _dates(rng: np.random.Generator, types: np.ndarray) -> pd.DataFrame:
    n = len(types)
    days = (LAST_DAY - FIRST_DAY).days + 1
    # A mild upward trend over the years, plus crisis weeks.
    offset = np.floor(days * np.sqrt(rng.random(n)) * 0.35 + days * rng.random(n) * 0.65).astype(int)
    political = (pd.Timestamp("2020-10-05"), 12), (pd.Timestamp("2021-01-08"), 5), (pd.Timestamp("2022-11-02"), 4)
    border = (pd.Timestamp("2021-04-28"), 4), (pd.Timestamp("2022-09-14"), 7), (pd.Timestamp("2022-01-27"), 2)
    is_border = np.isin(types, BORDER_TYPES)
    for windows, chosen in (
        (border, is_border & (rng.random(n) < 0.7)),
        (political, ~is_border & (rng.random(n) < 0.15)),
    ):
        pick = rng.integers(0, len(windows), n)
        for k, (first, length) in enumerate(windows):
            rows = chosen & (pick == k)
            offset[rows] = (first - FIRST_DAY).days + rng.integers(0, length, rows.sum())
    anchor = pd.Series(FIRST_DAY + pd.to_timedelta(offset, unit="D"), dtype="datetime64[us]")

    precision = rng.choice([1, 2, 3, 4], size=n, p=[0.72, 0.14, 0.09, 0.05])
    start, end = anchor.copy(), pd.Series(pd.NaT, index=anchor.index, dtype="datetime64[us]")
    week = precision == 2
    span = rng.integers(1, 7, n)
    start[week] = anchor[week] - pd.to_timedelta(span[week], unit="D")
    end[week] = anchor[week]
    month = precision == 3
    start[month] = anchor[month].dt.to_period("M").dt.start_time.astype("datetime64[us]")
    end[month] = anchor[month].dt.to_period("M").dt.end_time.dt.normalize().astype("datetime64[us]")
    year = precision == 4
    start[year] = anchor[year].dt.to_period("Y").dt.start_time.astype("datetime64[us]")
    end[year] = anchor[year].dt.to_period("Y").dt.end_time.dt.normalize().astype("datetime64[us]")

    time_of_day = np.where(
        (precision == 1) & (rng.random(n) < 0.35),
        np.array(["early_morning", "morning", "afternoon", "evening", "night"])[rng.integers(0, 5, n)],
        "",
    )
    day = _day_words(start)
    prefix = pd.Series(time_of_day, dtype="str").map(
        {
            "": "on ",
            "early_morning": "early on ",
            "morning": "on the morning of ",
            "afternoon": "on the afternoon of ",
            "evening": "on the evening of ",
            "night": "on the night of ",
        }
    )
    text = prefix + day
    same_month = (start.dt.month == end.dt.month) & (start.dt.year == end.dt.year)
    end_words = _day_words(end.fillna(start))
    week_text = pd.Series(
        np.where(
            same_month,
            "between " + start.dt.day.astype("str") + " and " + end_words,
            "between " + day + " and " + end_words,
        ),
        dtype="str",
    )
    text = text.where(~week, week_text)
    month_text = "in " + pd.Series(MONTHS[start.dt.month.to_numpy()], dtype="str") + " " + start.dt.year.astype("str")
    text = text.where(~month, month_text)
    text = text.where(~year, "in " + start.dt.year.astype("str"))
    notes = np.select(
        [week, month, year],
        ["The source gives only a span of days.", "Only the month is given.", "Only the year is given."],
        "",
    )
    return pd.DataFrame(
        {
            "event_date": start,
            "date_end": end,
            "anchor": end.fillna(start),
            "time_precision": precision,
            "time_of_day": time_of_day,
            "date_text": text,
            "notes": notes,
        }
    )


def _counts(
    rng: np.random.Generator, n: int, median: float, noun: str, spread: float = 1.0, words: bool = False
) -> pd.DataFrame:
    """Numbers as a source words them: value, value_high, qualifier and the verbatim text."""
    raw = np.maximum(1, np.round(np.exp(np.log(median) + spread * rng.standard_normal(n)))).astype(np.int64)
    qualifier = rng.choice(np.array(["exact", "approx", "at_least", "range"]), size=n, p=[0.3, 0.4, 0.15, 0.15])
    big = raw >= 40
    rounded = np.where(raw >= 1000, np.round(raw, -2), np.where(big, np.round(raw, -1), raw))
    value = np.where(qualifier == "exact", raw, np.maximum(rounded, 1))
    high = np.where(
        qualifier == "range", value + np.maximum(1, np.round(value * rng.uniform(0.2, 1.0, n))).astype(np.int64), 0
    )
    number = _thousands(value)
    if words:
        small = pd.Series(value).map(NUMBER_WORDS)
        number = number.where(small.isna() | (qualifier == "range"), small)
    approx_word = pd.Series(np.array(["about ", "around ", "some "])[rng.integers(0, 3, n)], dtype="str")
    number_text = np.select(
        [qualifier == "approx", qualifier == "at_least", qualifier == "range"],
        [approx_word + number, "at least " + number, "between " + number + " and " + _thousands(high)],
        number,
    )
    singular = (value == 1) & (qualifier == "exact")
    text = pd.Series(number_text, dtype="str") + np.where(singular, " " + noun.replace("people", "person"), " " + noun)
    return pd.DataFrame({"text": text, "verb": np.where(singular, "was", "were")})


def synthesize(n_events: int, seed: int = 0) -> SynthDataset:
    if n_events < 1:
        raise ValueError("a dataset needs at least one event")
    rng = np.random.default_rng(seed)
    places = _places(rng, n_events)
    phrase, short = _place_phrases(places)
    actors = _actors(rng, n_events, places)

    # What happened.
    shares = np.array([s for *_, s in MIX])
    kind = rng.choice(len(MIX), size=n_events, p=shares / shares.sum())
    event_type = np.array([t for t, _, _ in MIX], dtype=object)[kind]
    sub_type = np.array([s for _, s, _ in MIX], dtype=object)[kind]
    ev = _dates(rng, event_type)
    ev["event_type"], ev["sub_event_type"] = event_type, sub_type

    # Where: mostly towns and sites, some regions, the country or no place; border clashes in the south-west.
    cls_share = {"site": 0.45, "city": 0.30, "outskirts": 0.05, "region": 0.12, "country": 0.05}
    cls = places["cls"].to_numpy()
    weight = np.where(cls == "country", 1.0, places["weight"].to_numpy(dtype=float))
    general = np.zeros(len(places))
    for name, share in cls_share.items():
        inside = cls == name
        if inside.any():
            general[inside] = share * weight[inside] / weight[inside].sum()
    border = general * places["region"].isin(BORDER_REGIONS).to_numpy()
    if border.sum() == 0:
        border = general
    place_row = np.empty(n_events, dtype=np.int64)
    in_border = np.isin(event_type, BORDER_TYPES)
    place_row[~in_border] = rng.choice(len(places), size=(~in_border).sum(), p=general / general.sum())
    place_row[in_border] = rng.choice(len(places), size=in_border.sum(), p=border / border.sum())
    no_place = (rng.random(n_events) < 0.03) & np.isin(
        sub_type,
        ["Statement", "Appointment", "Resignation", "Agreement", "Mediation attempt", "Change to group/activity"],
    )
    ev["place_row"] = place_row
    ev["place_id"] = np.where(no_place, "", places["place_id"].to_numpy()[place_row])
    ev["where"] = np.where(no_place, "", phrase.to_numpy()[place_row])
    ev["short"] = np.where(no_place, "", short.to_numpy()[place_row])
    ev["when"] = ev["date_text"]

    # Who: actor1 and actor2 from the pools each sub-type draws on.
    ev["a1_row"], ev["a2_row"], ev["a2_role"] = -1, -1, ""
    pools = {pool: np.flatnonzero(actors["pool"].to_numpy() == pool) for pool in actors["pool"].unique()}
    # Local actors act where they are named for: a town's police, court, residents and traders.
    city_of_actor = actors["actor_id"].str.extract(r"^act-(?:police|court|residents|traders)-(.*)$")[0]
    for sub, (pool1, pool2, role2, _, _) in TEMPLATES.items():
        rows = np.flatnonzero(sub_type == sub)
        if not len(rows):
            continue
        ev.loc[rows, "a1_row"] = _zipf_choice(rng, pools[pool1], len(rows))
        if pool2:
            ev.loc[rows, "a2_row"] = _zipf_choice(rng, pools[pool2], len(rows))
            ev.loc[rows, "a2_role"] = role2
    _localise(rng, ev, actors, places, city_of_actor)
    clash = (ev["a1_row"] == ev["a2_row"]) & (ev["a2_row"] >= 0)
    ev.loc[clash, "a2_row"] = -1
    ev.loc[clash, "a2_role"] = ""
    names = actors["name"].to_numpy()
    ev["a1"] = names[ev["a1_row"].to_numpy()]
    ev["a2"] = np.where(ev["a2_row"] >= 0, names[ev["a2_row"].clip(lower=0).to_numpy()], "someone")
    for column, values in (
        ("demand", DEMANDS),
        ("grievance", GRIEVANCES),
        ("charge", CHARGES),
        ("claim", CLAIMS),
        ("office", OFFICES),
        ("building", BUILDINGS),
        ("topic", TOPICS),
    ):
        ev[column] = np.array(values, dtype=object)[rng.integers(0, len(values), n_events)]
    ev["sentence"] = pd.Series((rng.integers(2, 13, n_events)).astype(str), dtype="str") + " years"
    turnout = np.round(rng.uniform(22, 68, n_events), 1)
    ev["turnout"] = pd.Series(turnout.astype(str), dtype="str") + " percent"

    # Numbers for the sentences that quote them, drawn only for the sub-types whose sentences quote them.
    n = n_events
    count_specs = {
        "part": (("Peaceful protest",), 150, 1.1, False),
        "part2": (("Peaceful protest",), 80, 1.0, False),
        "arrest": (("Protest with intervention",), 12, 1.0, True),
        "wound": (
            (
                "Excessive force against protesters",
                "Violent demonstration",
                "Armed clash",
                "Shelling/artillery/missile attack",
            ),
            9,
            1.0,
            True,
        ),
        "kill": (("Armed clash",), 2, 0.7, True),
    }
    for column, (subs, median, spread, words) in count_specs.items():
        rows = np.flatnonzero(np.isin(sub_type, subs))
        counts = _counts(rng, len(rows), median, "people", spread, words=words)
        text, verb = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
        text[rows], verb[rows] = counts["text"].to_numpy(), counts["verb"].to_numpy()
        ev[f"n_{column}"], ev[f"v_{column}"] = text, verb
    reporter = np.select(
        [
            np.isin(sub_type, ["Excessive force against protesters", "Violent demonstration"]),
            np.isin(event_type, BORDER_TYPES),
        ],
        [actors.index[actors["actor_id"] == "act-health"][0], actors.index[actors["actor_id"] == "act-border"][0]],
        -1,
    )
    police = actors.index[actors["actor_id"] == "act-mvd"][0]
    reporter = np.where(sub_type == "Peaceful protest", police, reporter)
    ev["reporter_row"] = reporter
    ev["reporter"] = np.where(reporter >= 0, names[np.clip(reporter, 0, None)], "")

    # Main sentence, summary, and an optional second sentence, all by template.
    s1, summaries, s2 = (np.full(n, "", dtype=object) for _ in range(3))
    for sub, (_, _, _, template, summary) in TEMPLATES.items():
        rows = np.flatnonzero(sub_type == sub)
        if not len(rows):
            continue
        part_of = ev[_fields(template, summary, FOLLOW_UPS.get(sub, ("", 0))[0])].iloc[rows]
        s1[rows] = _fill(template, part_of).to_numpy()
        summaries[rows] = _fill(summary, part_of).to_numpy()
        if sub in FOLLOW_UPS:
            follow, share = FOLLOW_UPS[sub]
            chosen = rng.random(len(rows)) < share
            if chosen.any():
                s2[rows[chosen]] = _fill(follow, part_of.iloc[np.flatnonzero(chosen)]).to_numpy()
    ev["s1"], ev["summary"], ev["s2"] = (
        pd.Series(s1, dtype="str"),
        pd.Series(summaries, dtype="str"),
        pd.Series(s2, dtype="str"),
    )
    # Participants quoted in the main sentence of some rallies ('... a rally of about 300 people ...').
    rally = (sub_type == "Peaceful protest") & (ev["s2"] == "").to_numpy() & (rng.random(n) < 0.45)
    ev.loc[rally, "s1"] = ev.loc[rally, "s1"].str.slice(0, -1) + "; " + ev.loc[rally, "n_part"] + " took part."
    # Summaries start with a capital, as sentences do.
    ev["summary"] = ev["summary"].str.slice(0, 1).str.upper() + ev["summary"].str.slice(1)
    # A quarter of events are credited to an outlet: '..., the Osh Chronicle reported.'
    media_rows = pools["media"]
    credited = rng.random(n) < 0.25
    ev["media_row"] = np.where(credited, _zipf_choice(rng, media_rows, n), -1)
    ev.loc[credited, "s1"] = (
        ev.loc[credited, "s1"].str.slice(0, -1)
        + ", "
        + pd.Series(names[ev.loc[credited, "media_row"].to_numpy()], index=ev.index[credited], dtype="str")
        + " reported."
    )
    ev["s1"] = ev["s1"].str.slice(0, 1).str.upper() + ev["s1"].str.slice(1)

    ev = ev.sort_values(["anchor", "event_date"], kind="stable").reset_index(
        drop=True
    )  # the order sources report them in
    return _assemble(rng, ev, places, actors, seed)


def _localise(rng, ev: pd.DataFrame, actors: pd.DataFrame, places: pd.DataFrame, city_of_actor: pd.Series) -> None:
    """A town's police arrest, its court sentences and its residents rally in that town."""
    city_slug = places["city"].map(lambda c: _slug(c) if c else "").to_numpy()[ev["place_row"].to_numpy()]
    local = {
        kind: dict(
            zip(
                city_of_actor[actors["actor_id"].str.startswith(f"act-{kind}-")],
                actors.index[actors["actor_id"].str.startswith(f"act-{kind}-")],
            )
        )
        for kind in ("police", "court", "residents", "traders")
    }
    for column in ("a1_row", "a2_row"):
        chosen = ev[column].to_numpy().copy()
        ids = np.where(chosen >= 0, actors["actor_id"].to_numpy()[np.clip(chosen, 0, None)], "")
        for kind, by_city in local.items():
            is_kind = (
                np.char.startswith(ids.astype(str), f"act-{kind}-")
                & (city_slug != "")
                & (ev["place_id"].to_numpy() != "")
            )
            if not is_kind.any():
                continue
            replacement = pd.Series(city_slug[is_kind]).map(by_city).to_numpy()
            keep = pd.isna(replacement)
            values = chosen[is_kind]
            values[~keep] = replacement[~keep].astype(np.int64)
            chosen[is_kind] = values
        ev[column] = chosen


def _assemble(rng, ev: pd.DataFrame, places: pd.DataFrame, actors: pd.DataFrame, seed: int) -> SynthDataset:
    n = len(ev)
    # Sources: about SOURCE_SIZE events each, in date order.
    size = SOURCE_SIZE if n >= 4 * SOURCE_SIZE else max(5, n // 4) if n >= 20 else n
    ev["source_no"] = np.arange(n) // size
    n_sources = int(ev["source_no"].max()) + 1
    width = max(5, len(str(n_sources)))
    source_ids = np.array([f"syn-{k + 1:0{width}d}" for k in range(n_sources)], dtype=object)
    first_day = ev.groupby("source_no")["anchor"].min()
    last_anchor = ev.groupby("source_no")["anchor"].max()
    published = last_anchor + pd.to_timedelta(rng.integers(0, 3, n_sources), unit="D")
    publisher = np.array(MEDIA, dtype=object)[rng.integers(0, len(MEDIA), n_sources)]
    headings = (
        "Unrest in Kyrgyzstan, digest "
        + pd.Series(np.arange(1, n_sources + 1).astype(str), dtype="str")
        + ": reports from "
        + _day_words(first_day.reset_index(drop=True))
        + " to "
        + _day_words(published.reset_index(drop=True))
        + "."
    )

    # Sentences: a heading per source, then per event a paragraph of one or two sentences, and now and then a photo caption.
    caption = rng.random(n) < 0.03
    pieces = [
        pd.DataFrame(
            {
                "source_no": np.arange(n_sources),
                "order": -1,
                "slot": 0,
                "text": headings.to_numpy(),
                "kind": "heading",
                "event_row": -1,
            }
        ),
        pd.DataFrame(
            {
                "source_no": ev["source_no"],
                "order": np.arange(n),
                "slot": 1,
                "text": ev["s1"],
                "kind": "body",
                "event_row": np.arange(n),
            }
        ),
    ]
    has_s2 = (ev["s2"] != "").to_numpy()
    pieces.append(
        pd.DataFrame(
            {
                "source_no": ev["source_no"][has_s2],
                "order": np.flatnonzero(has_s2),
                "slot": 2,
                "text": ev["s2"][has_s2],
                "kind": "body",
                "event_row": np.flatnonzero(has_s2),
            }
        )
    )
    cap_rows = np.flatnonzero(caption)
    cap_text = (
        "Scene"
        + ev["where"].iloc[cap_rows]
        + " "
        + ev["when"].iloc[cap_rows]
        + ". Photo: "
        + pd.Series(
            np.array(MEDIA, dtype=object)[rng.integers(0, len(MEDIA), len(cap_rows))],
            index=ev.index[cap_rows],
            dtype="str",
        )
        + "."
    )
    pieces.append(
        pd.DataFrame(
            {
                "source_no": ev["source_no"].iloc[cap_rows],
                "order": cap_rows,
                "slot": 3,
                "text": cap_text,
                "kind": "caption",
                "event_row": -1,
            }
        )
    )
    sentences = pd.concat(pieces, ignore_index=True)
    sentences["text"] = sentences["text"].astype("str")
    sentences = sentences.sort_values(["source_no", "order", "slot"], kind="stable").reset_index(drop=True)
    # Paragraphs: the heading, each event's sentences, each caption.
    new_paragraph = (sentences["slot"] != 2).to_numpy()
    sentences["paragraph"] = pd.Series(new_paragraph.astype(np.int64)).groupby(sentences["source_no"]).cumsum()
    first_in_source = (sentences["source_no"].diff().fillna(1) != 0).to_numpy()
    separator = np.where(first_in_source, 0, np.where(new_paragraph, 2, 1))
    length = sentences["text"].str.len().to_numpy()
    ends = pd.Series(separator + length).groupby(sentences["source_no"]).cumsum().to_numpy()
    sentences["end"] = ends
    sentences["start"] = ends - length
    sentences["number"] = sentences.groupby("source_no").cumcount() + 1
    number_width = max(3, len(str(int(sentences["number"].max()))))
    sentences["source_id"] = source_ids[sentences["source_no"].to_numpy()]
    sentences["sentence_id"] = sentences["source_id"] + "-s" + sentences["number"].astype("str").str.zfill(number_width)
    sentences["uncited_reason"] = np.select(
        [sentences["kind"] == "heading", sentences["kind"] == "caption"],
        ["heading of the digest", "photo caption: describes a picture, not an event"],
        "",
    )
    sep_text = np.array(["", "\n\n", " "], dtype=object)[np.where(first_in_source, 0, np.where(new_paragraph, 1, 2))]
    joined = pd.Series(sep_text, dtype="str") + sentences["text"]
    texts_by_source = joined.groupby(sentences["source_no"], sort=True).agg("".join)
    files = np.array([f"{sid}.txt" for sid in source_ids], dtype=object)
    texts = {files[k]: text + "\n" for k, text in zip(texts_by_source.index, texts_by_source)}

    # Which sentences each event cites.
    body = sentences[sentences["event_row"] >= 0]
    s1_id = pd.Series(
        body.loc[body["slot"] == 1, "sentence_id"].to_numpy(), index=body.loc[body["slot"] == 1, "event_row"].to_numpy()
    ).sort_index()
    s2_id = pd.Series(
        body.loc[body["slot"] == 2, "sentence_id"].to_numpy(), index=body.loc[body["slot"] == 2, "event_row"].to_numpy()
    )
    ev["s1_id"] = s1_id.to_numpy()
    ev["s2_id"] = s2_id.reindex(np.arange(n)).fillna("").to_numpy()
    ev["sentence_ids"] = np.where(ev["s2_id"] != "", ev["s1_id"] + ";" + ev["s2_id"], ev["s1_id"])

    # The events table in time order, as exports of event data usually are: by first day, then hour of day.
    first_hour = (
        pd.Series(ev["time_of_day"])
        .map({"early_morning": 0, "morning": 6, "afternoon": 12, "evening": 17, "night": 19})
        .fillna(0)
        .to_numpy()
    )
    ev = ev.iloc[np.lexsort((np.arange(n), first_hour, ev["event_date"].to_numpy()))].reset_index(drop=True)
    ev["event_id"] = (
        [f"ev-{k:07d}" for k in range(1, n + 1)] if n >= 1_000_000 else [f"ev-{k:06d}" for k in range(1, n + 1)]
    )

    # Who took part, and the sentence that names them.
    ids = actors["actor_id"].to_numpy()
    links = [
        pd.DataFrame(
            {
                "event_id": ev["event_id"],
                "actor_row": ev["a1_row"],
                "role": np.where(ev["sub_event_type"] == "Statement", "speaker", "actor1"),
                "sentence_ids": ev["s1_id"],
            }
        ),
        pd.DataFrame(
            {"event_id": ev["event_id"], "actor_row": ev["a2_row"], "role": ev["a2_role"], "sentence_ids": ev["s1_id"]}
        ),
        pd.DataFrame(
            {"event_id": ev["event_id"], "actor_row": ev["media_row"], "role": "source", "sentence_ids": ev["s1_id"]}
        ),
    ]
    reported = (
        (ev["s2_id"] != "")
        & (ev["reporter_row"] >= 0)
        & ev["sub_event_type"].isin(
            [
                "Peaceful protest",
                "Excessive force against protesters",
                "Violent demonstration",
                "Shelling/artillery/missile attack",
            ]
        )
    )
    links.append(
        pd.DataFrame(
            {
                "event_id": ev["event_id"][reported],
                "actor_row": ev["reporter_row"][reported],
                "role": "source",
                "sentence_ids": ev["s2_id"][reported],
            }
        )
    )
    event_actors = pd.concat(links, ignore_index=True)
    event_actors = event_actors[event_actors["actor_row"] >= 0]
    event_actors = event_actors.drop_duplicates(["event_id", "actor_row", "role"])
    event_actors["actor_id"] = ids[event_actors["actor_row"].to_numpy()]

    # Figures, each quoting its sentence.
    figures = _figures(ev, ids)

    # Keep only the actors and places the events use (and the places that contain them); each cites a sentence that names it.
    first_mention = event_actors.drop_duplicates("actor_row").set_index("actor_row")["sentence_ids"]
    used_actors = actors.loc[actors.index.isin(first_mention.index)].copy()
    used_actors["sentence_ids"] = first_mention.reindex(used_actors.index).to_numpy()

    place_index = places.set_index("place_id")
    at_place = ev[ev["place_id"] != ""].drop_duplicates("place_id").set_index("place_id")["s1_id"]
    cited_by = dict(at_place)
    # Walk up: a region or town with no event of its own cites one from inside it.
    for place_id, sentence in list(at_place.items()):
        parent = place_index.at[place_id, "parent_place_id"]
        while parent and parent not in cited_by:
            cited_by[parent] = sentence
            parent = place_index.at[parent, "parent_place_id"]
    cited_by["pl-kyrgyzstan"] = sentences.loc[0, "sentence_id"]  # the first heading names the country
    sentences.loc[0, "uncited_reason"] = ""
    used_places = places[places["place_id"].isin(cited_by)].copy()
    used_places["sentence_ids"] = used_places["place_id"].map(cited_by)
    used_places["coordinate_source"] = np.select(
        [used_places["cls"] == "site", used_places["cls"] == "outskirts"],
        [
            "Synthetic: a random point near the town centre (citemap synth)",
            "Synthetic: a point a few km from the town centre (citemap synth)",
        ],
        "Approximate centre, rounded (citemap synth)",
    )

    sources = pd.DataFrame(
        {
            "source_id": source_ids,
            "label": pd.Series(publisher).str.cat(published.dt.strftime("%-d %b %Y").to_numpy(), sep=", ").to_numpy(),
            "kind": "news_article",
            "title": headings.str.slice(0, -1).to_numpy(),
            "publisher": publisher,
            "author": "",
            "published": published.dt.strftime("%Y-%m-%d").to_numpy(),
            "published_basis": "stated",
            "url": "",
            "file": files,
            "language": "en",
            "licence": "",
            "attribution": pd.Series(publisher)
            .str.cat(np.full(n_sources, "synthetic digest, invented by citemap synth"), sep="; ")
            .to_numpy(),
            "notes": f"Synthetic text made by `python -m citemap synth --seed {seed}`: the people, parties, outlets, events and numbers are invented; the towns are real.",
        }
    )
    events = ev.assign(
        event_date=ev["event_date"].dt.strftime("%Y-%m-%d"),
        date_end=ev["date_end"].dt.strftime("%Y-%m-%d").fillna(""),
        time_precision=ev["time_precision"].astype(str),
    )
    tables = {
        "sources": sources,
        "sentences": sentences.assign(
            paragraph=sentences["paragraph"].astype(str),
            start=sentences["start"].astype(str),
            end=sentences["end"].astype(str),
        ),
        "places": used_places.assign(
            latitude=used_places["latitude"].map("{:.5f}".format),
            longitude=used_places["longitude"].map("{:.5f}".format),
            geo_precision=used_places["geo_precision"].astype(str),
            uncertainty_km=used_places["uncertainty_km"].map("{:g}".format),
        ),
        "actors": used_actors,
        "events": events,
        "event_actors": event_actors,
        "figures": figures,
        "event_dates": pd.DataFrame(
            columns=TABLES["event_dates"].columns, dtype="str"
        ),  # one report per event: the event's own
        "acled_events": pd.DataFrame(
            columns=TABLES["acled_events"].columns, dtype="str"
        ),  # no ACLED fields: not imported from ACLED
    }
    tables = {name: frame[TABLES[name].columns].reset_index(drop=True) for name, frame in tables.items()}
    # Newest first, as ACLED's exports list events: a dashboard must not count on a file in time order.
    tables["events"] = tables["events"].iloc[::-1].reset_index(drop=True)
    return SynthDataset(tables, texts)


def _parse_counts(text: pd.Series) -> pd.DataFrame:
    """Value, upper bound and qualifier back from the words ('between 200 and 300 people')."""
    words = {w: str(k) for k, w in NUMBER_WORDS.items()}
    parts = text.str.extract(
        r"^(?P<q>about |around |some |at least |between )?(?P<v>[\d,]+|[a-z]+)(?: and (?P<h>[\d,]+))?"
    )
    value = parts["v"].replace(words).str.replace(",", "", regex=False)
    qualifier = (
        parts["q"]
        .fillna("")
        .map(
            {
                "": "exact",
                "about ": "approx",
                "around ": "approx",
                "some ": "approx",
                "at least ": "at_least",
                "between ": "range",
            }
        )
    )
    high = parts["h"].fillna("").str.replace(",", "", regex=False)
    return pd.DataFrame({"value": value, "value_high": high, "qualifier": qualifier})


def _figures(ev: pd.DataFrame, actor_ids: np.ndarray) -> pd.DataFrame:
    specs: list[
        tuple[pd.Series, str, str, str, str | None, str, str]
    ] = []  # (rows, text column, metric, sentence column, reporter rows or None, unit, note)
    sub = ev["sub_event_type"]
    has_s2 = ev["s2_id"] != ""
    rally_in_s1 = (sub == "Peaceful protest") & ev["s1"].str.contains(" took part.", regex=False)
    specs.append((rally_in_s1, "n_part", "participants", "s1_id", None, "", ""))
    conflicting = (sub == "Peaceful protest") & has_s2
    specs.append(
        (
            conflicting,
            "n_part",
            "participants",
            "s2_id",
            None,
            "",
            "The organisers' count; the police gave a lower one.",
        )
    )
    specs.append(
        (
            conflicting,
            "n_part2",
            "participants",
            "s2_id",
            "reporter_row",
            "",
            "The police count; the organisers gave a higher one.",
        )
    )
    specs.append(((sub == "Protest with intervention") & has_s2, "n_arrest", "arrested", "s2_id", "a2_row", "", ""))
    specs.append(
        (
            sub.isin(
                ["Excessive force against protesters", "Violent demonstration", "Shelling/artillery/missile attack"]
            )
            & has_s2,
            "n_wound",
            "wounded",
            "s2_id",
            "reporter_row",
            "",
            "",
        )
    )
    specs.append(((sub == "Armed clash") & has_s2, "n_kill", "killed", "s2_id", "a1_row", "", ""))
    specs.append(((sub == "Armed clash") & has_s2, "n_wound", "wounded", "s2_id", "a1_row", "", ""))
    specs.append(((sub == "Sentencing"), "sentence", "prison_sentence", "s1_id", None, "years", ""))
    specs.append(((sub == "Election"), "turnout", "turnout", "s1_id", "a1_row", "percent", ""))
    frames: list[pd.DataFrame] = []
    for rows, column, metric, sentence_column, reporter, unit, note in specs:
        part = ev.loc[rows]
        if part.empty:
            continue
        if metric in ("prison_sentence", "turnout"):
            numbers = pd.DataFrame(
                {"value": part[column].str.split(" ").str[0], "value_high": "", "qualifier": "exact"}, index=part.index
            )
        else:
            numbers = _parse_counts(part[column]).set_axis(part.index)
        frames.append(
            pd.DataFrame(
                {
                    "order": part.index.to_numpy() * 10 + len(frames) % 10,
                    "event_id": part["event_id"],
                    "actor_id": "",
                    "place_id": "",
                    "metric": metric,
                    "value": numbers["value"],
                    "value_high": numbers["value_high"],
                    "qualifier": numbers["qualifier"],
                    "value_text": part[column],
                    "unit": unit,
                    "reported_by": np.where(
                        part[reporter].to_numpy() >= 0, actor_ids[part[reporter].clip(lower=0).to_numpy()], ""
                    )
                    if reporter
                    else "",
                    "sentence_id": part[sentence_column],
                    "notes": note,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["order", "figure_id", *TABLES["figures"].columns[1:]], dtype="str")
    figures = pd.concat(frames, ignore_index=True).sort_values("order", kind="stable").reset_index(drop=True)
    width = max(6, len(str(len(figures))))
    figures["figure_id"] = [f"fig-{k + 1:0{width}d}" for k in range(len(figures))]
    return figures


# ---------------------------------------------------------------- writing


def write(dataset: SynthDataset, out_dir: Path, geo_dir: Path = BUNDLED_GEO) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources_dir = out_dir / "sources"
    if sources_dir.exists():
        shutil.rmtree(sources_dir)
    sources_dir.mkdir()
    for name in TABLE_ORDER:
        dataset.tables[name].to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n")
    for file, text in dataset.texts.items():
        (sources_dir / file).write_text(text, encoding="utf-8")
    if geo_dir.is_dir():
        shutil.copytree(geo_dir, out_dir / "geo", dirs_exist_ok=True)
    (out_dir / MARKER).write_text(
        json.dumps(
            {"generator": "python -m citemap synth", "version": VERSION, "events": len(dataset.tables["events"])},
            indent=1,
        )
        + "\n"
    )
    return out_dir


class OutputFolderError(Exception):
    """The output folder holds something else: nothing was written."""


def check_output_folder(out_dir: Path) -> bool:
    """Whether out_dir holds an earlier synthetic dataset (to be replaced); raise if it holds anything else."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"{out_dir} is a file, not a folder")
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return False
    if (out_dir / MARKER).is_file():
        return True
    raise OutputFolderError(
        f"{out_dir} is not empty and holds no {MARKER} (the mark of an earlier synthetic dataset): "
        "choose a new or empty folder, so that no file of yours is overwritten or mixed with generated ones"
    )


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def synth(n_events: int, out_dir: str | Path, seed: int = 0) -> Path:
    """Write a synthetic dataset into out_dir: a new or empty folder, or one holding an earlier synthetic
    dataset, which is replaced whole (its stale files and cache would otherwise sit beside the new ones)."""
    out_dir = Path(out_dir)
    earlier = check_output_folder(out_dir)  # before the minutes a million events take, not after
    dataset = synthesize(n_events, seed)
    if earlier:
        _empty(out_dir)
    return write(dataset, out_dir)
