"""What a map looks at: views chosen from the data, and fitted to any canvas so the country fills its frame."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from citemap.basemap import Basemap
from citemap.charts.labels import TILE_SIZE, mercator_y
from citemap.charts.map_views import CITY_VIEWS, MapView, fit, height_for, views


def _span_px(bounds, zoom):
    """The bounds' width and height on screen at this zoom (web Mercator, 512 px tiles)."""
    west, south, east, north = bounds
    per_px = 360 / (TILE_SIZE * 2**zoom)
    return (east - west) / per_px, float(mercator_y(north) - mercator_y(south)) / per_px


@pytest.mark.parametrize("width", [420, 560, 900, 1800])
def test_a_view_fitted_at_its_own_height_fills_the_frame_both_ways(index, basemap, width):
    """At the height height_for gives, the country spans the whole width and the whole height: no empty band."""
    overview = views(index.events, index.dataset.places, basemap)[0]
    height = height_for(overview.bounds, width)
    _, zoom = fit(overview, width, height)
    span_w, span_h = _span_px(overview.bounds, zoom)
    assert span_w == pytest.approx(width, rel=0.01) and span_h == pytest.approx(height, rel=0.01)


@pytest.mark.parametrize(("width", "height"), [(560, 200), (560, 600), (1600, 900), (300, 300)])
def test_a_view_fitted_to_any_box_shows_all_of_it_and_touches_two_sides(index, basemap, width, height):
    overview = views(index.events, index.dataset.places, basemap)[0]
    center, zoom = fit(overview, width, height)
    span_w, span_h = _span_px(overview.bounds, zoom)
    assert span_w <= width * 1.001 and span_h <= height * 1.001
    assert max(span_w / width, span_h / height) == pytest.approx(1, rel=0.01)
    west, south, east, north = overview.bounds
    assert center[1] == pytest.approx((west + east) / 2)
    middle = (float(mercator_y(north)) + float(mercator_y(south))) / 2
    assert float(mercator_y(center[0])) == pytest.approx(middle)  # the middle on screen, not in degrees


def test_the_bundled_views_are_the_country_and_bishkek_only(index, basemap):
    """Osh has one event at the city's point: zoomed in it shows one dot, so it gets no view. Bishkek's view fits its
    sites (the White House, the city point), not the 6 km of a building known only to the city."""
    found = views(index.events, index.dataset.places, basemap)
    assert [v.key for v in found] == ["overview", "pl-bishkek"]
    west, south, east, north = found[1].bounds
    width_km = (east - west) * 111.32 * math.cos(math.radians(42.87))
    assert 1 < width_km < 4, width_km
    assert west < 74.60014 and east > 74.61222  # the White House and the city point inside


def _towns(spots_per_town: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Places and events: town i has i+1 events at spots_per_town[i] distinct points a few hundred metres apart."""
    places, events = [], []
    for number, spots in enumerate(spots_per_town):
        town = f"pl-town-{number}"
        lat, lon = 40 + number * 0.1, 70 + number * 0.1
        places.append(
            {
                "place_id": town,
                "name": f"Town {number}",
                "kind": "city",
                "latitude": lat,
                "longitude": lon,
                "parent_place_id": None,
            }
        )
        for event in range(number + 1):
            events.append(
                {
                    "place_id": town,
                    "place_kind": "city",
                    "latitude": lat + 0.004 * (event % spots),
                    "longitude": lon,
                    "uncertainty_km": 1.0,
                }
            )
    return pd.DataFrame(places), pd.DataFrame(events)


@pytest.mark.parametrize(
    ("spots", "expected"),
    [
        ([1, 1, 1], []),  # every town one point: no town view
        ([1, 2, 2], ["pl-town-2", "pl-town-1"]),  # busiest first
        ([2] * (CITY_VIEWS + 3), [f"pl-town-{n}" for n in range(CITY_VIEWS + 2, 2, -1)]),  # the busiest CITY_VIEWS
    ],
    ids=["one-point-towns", "two-spots", "cut"],
)
def test_a_town_gets_a_view_when_its_events_sit_at_two_or_more_spots(spots, expected):
    places, events = _towns(spots)
    found = views(events, places, Basemap((), ()))
    assert [v.key for v in found[1:]] == expected
    assert found[0].key == "overview"


def test_a_view_without_bounds_keeps_its_own_centre_and_zoom():
    view = MapView("v", "v", (41.0, 75.0), 6.0)
    assert fit(view, 500, 300) == ((41.0, 75.0), 6.0)
