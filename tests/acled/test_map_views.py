"""The map of an imported country with no boundaries in its geo/ folder: views chosen from the data alone
(citemap.charts.map_views.views): the whole extent of the events, the busiest admin1 regions, no town of one point."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from citemap.acled.importer import import_acled
from citemap.basemap import Basemap, load_basemap
from citemap.charts.map_views import REGION_VIEWS, views
from citemap.dataset import load
from citemap.index import DatasetIndex

from .samples.make_samples import CURRENT

ROOT = Path(__file__).resolve().parents[2]

# An invented export of a made-up spread of Ghanaian towns: (admin1, town, latitude, longitude, events there).
TOWNS = [
    ("Greater Accra", "Accra", 5.556, -0.197, 9),
    ("Greater Accra", "Tema", 5.667, -0.017, 4),
    ("Greater Accra", "Madina", 5.668, -0.166, 2),
    ("Ashanti", "Kumasi", 6.688, -1.624, 7),
    ("Ashanti", "Obuasi", 6.206, -1.668, 1),
    ("Ashanti", "Ejisu", 6.724, -1.474, 1),
    ("Northern", "Tamale", 9.401, -0.839, 5),
    ("Northern", "Yendi", 9.443, -0.010, 3),
    ("Northern", "Bimbilla", 8.855, 0.058, 2),
    ("Volta", "Ho", 6.601, 0.470, 1),
    ("Volta", "Hohoe", 7.152, 0.473, 1),
    ("Central", "Cape Coast", 5.106, -1.247, 2),
    ("Central", "Winneba", 5.351, -0.623, 1),
    ("Western", "Takoradi", 4.898, -1.760, 3),
    ("Western", "Tarkwa", 5.300, -1.995, 1),
    ("Bono", "Sunyani", 7.339, -2.327, 1),
    ("Upper East", "Bolgatanga", 10.786, -0.851, 2),
    ("Upper East", "Bawku", 11.061, -0.242, 4),
    ("Upper West", "Wa", 10.060, -2.501, 1),
    ("Eastern", "Koforidua", 6.094, -0.259, 1),
]


@pytest.fixture(scope="module")
def ghana(tmp_path_factory) -> DatasetIndex:
    folder = tmp_path_factory.mktemp("acled-views")
    export = folder / "gha.csv"
    with export.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, CURRENT)
        writer.writeheader()
        number = 0
        for admin1, town, lat, lon, count in TOWNS:
            for day in range(count):
                number += 1
                writer.writerow(
                    {column: "" for column in CURRENT}
                    | {
                        "event_id_cnty": f"GHA{number}",
                        "event_date": f"2023-03-{day + 1:02d}",
                        "year": 2023,
                        "time_precision": 1,
                        "disorder_type": "Demonstrations",
                        "event_type": "Protests",
                        "sub_event_type": "Peaceful protest",
                        "actor1": "Protesters (Ghana)",
                        "inter1": 6,
                        "inter2": 0,
                        "interaction": 60,
                        "iso": 288,
                        "region": "Western Africa",
                        "country": "Ghana",
                        "admin1": admin1,
                        "location": town,
                        "latitude": lat,
                        "longitude": lon,
                        "geo_precision": 1,
                        "source": "Citi FM",
                        "source_scale": "National",
                        "notes": f"On {day + 1} March 2023, people protested in {town}.",
                        "fatalities": 0,
                        "timestamp": 1680000000,
                    }
                )
    output = folder / "ghana"
    assert import_acled([export], output, out=io.StringIO(), err=io.StringIO()) == 0
    return DatasetIndex(load(output))


@pytest.fixture(scope="module")
def ghana_views(ghana) -> list:
    """The views from the data alone: no boundaries at all (a country Natural Earth's file would not have)."""
    return views(ghana.events, ghana.dataset.places, Basemap((), ()))


def test_the_import_writes_the_country_outline_and_the_overview_fits_it(ghana):
    geo = Path(ghana.dataset.data_dir) / "geo"
    assert sorted(p.name for p in geo.glob("*.geojson")) == ["gha_adm0_naturalearth.geojson"]
    assert "Natural Earth" in (geo / "SOURCES.md").read_text(encoding="utf-8")
    basemap = load_basemap(geo)
    assert basemap.problems == ()
    feature = basemap.layers[0][1]["features"][0]
    assert (basemap.layers[0][0], feature["properties"]["name"], feature["properties"]["iso_n3"]) == (
        "country",
        "Ghana",
        "288",
    )
    west, south, east, north = basemap.bounds()
    assert -3.5 < west < -2.8 and 4.5 < south < 5 and 1 < east < 1.4 and 11 < north < 11.3  # Ghana, as an atlas has it
    overview = views(ghana.events, ghana.dataset.places, basemap)[0]
    assert south < overview.center[0] < north and west < overview.center[1] < east


def test_the_overview_fits_the_events_not_kyrgyzstan(ghana_views):
    overview = ghana_views[0]
    assert overview.key == "overview"
    lats, lons = [t[2] for t in TOWNS], [t[3] for t in TOWNS]
    assert min(lats) < overview.center[0] < max(lats) and min(lons) < overview.center[1] < max(lons)
    assert 5 < overview.zoom < 8  # a country some 700 km tall, not a city nor the world


def test_the_busiest_regions_get_views_busiest_first(ghana, ghana_views):
    per_region = Counter()
    for admin1, _, _, _, count in TOWNS:
        per_region[admin1] += count
    ranked = sorted(per_region.items(), key=lambda item: -item[1])
    assert ranked[REGION_VIEWS - 1][1] > ranked[REGION_VIEWS][1], "the table must not tie at the cut"
    expected = [name for name, _ in ranked][:REGION_VIEWS]
    regions = [v for v in ghana_views if v.label.endswith(" (region)")]
    assert [v.label.removesuffix(" (region)") for v in regions] == expected
    places = ghana.dataset.places.set_index("place_id")
    for view in regions:
        assert places.at[view.key, "kind"] == "region"
        towns = [t for t in TOWNS if t[0] == places.at[view.key, "name"]]
        assert min(t[2] for t in towns) - 0.2 < view.center[0] < max(t[2] for t in towns) + 0.2
        assert min(t[3] for t in towns) - 0.2 < view.center[1] < max(t[3] for t in towns) + 0.2
        assert view.zoom > ghana_views[0].zoom


def test_a_town_whose_events_all_sit_at_its_point_gets_no_view(ghana_views):
    """ACLED places each event at its town's point: zoomed in, a town view would show one dot, so none is offered
    (which towns get one, and the cut at CITY_VIEWS, are tested in tests/charts/test_map_views.py)."""
    assert [v.label for v in ghana_views[1:] if not v.label.endswith(" (region)")] == []


def test_merging_keeps_the_datasets_own_boundaries_and_adds_the_new_countries(tmp_path):
    from citemap.acled.geo import write_outlines

    bundled = ROOT / "data"
    rows = [
        {"iso": "566", "country": "Nigeria"},
        {"iso": "417", "country": "Kyrgyzstan"},
        {"iso": "", "country": "Atlantis"},
    ]
    said = write_outlines(tmp_path, rows, merge_into=bundled)
    names = sorted(p.name for p in (tmp_path / "geo").glob("*.geojson"))
    assert names == sorted([p.name for p in (bundled / "geo").glob("*.geojson")] + ["nga_adm0_naturalearth.geojson"])
    kgz = (tmp_path / "geo" / "kgz_adm0_naturalearth.geojson").read_bytes()
    assert kgz == (bundled / "geo" / "kgz_adm0_naturalearth.geojson").read_bytes()  # the curated outline, not replaced
    assert "no country outline for atlantis in Natural Earth's admin-0" in said
    assert load_basemap(tmp_path / "geo").problems == ()
