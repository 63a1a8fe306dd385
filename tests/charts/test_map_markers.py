"""What a map draws and where each marker goes: counts of what is not drawn, fans kept inside the border."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from citemap.charts.labels import degrees_per_px, mercator_y
from citemap.charts.map_markers import Border, fan_out, not_drawn, unmapped
from citemap.charts.map_views import mappable
from citemap.filters import Filters, apply


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["city", "country", "country", None], (("known only to the country", 2), ("with no place stated", 1))),
        (["site", "city"], ()),
        ([None], (("with no place stated", 1),)),
    ],
)
def test_not_drawn_counts_each_reason(kinds, expected):
    events = pd.DataFrame(
        {
            "place_id": [f"pl-{n}" if k else None for n, k in enumerate(kinds)],
            "place_kind": kinds,
            "latitude": [41.0 if k else np.nan for k in kinds],
        }
    )
    assert not_drawn(events) == expected
    assert sum(n for _, n in not_drawn(events)) == len(unmapped(events))


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [(42.87, 74.61, True), (40.53, 72.8, True), (43.3, 74.6, False), (41.0, 69.0, False), (39.5, 72.0, True)],
    ids=["bishkek", "osh", "kazakhstan", "uzbekistan", "south"],
)
def test_the_border_knows_which_side_a_point_is(basemap, lat, lon, inside):
    assert Border.of(basemap).inside(np.array([lat]), np.array([lon]))[0] == inside


@pytest.mark.parametrize(("zoom", "fits"), [(4.7, False), (5.6, False), (9.0, True), (12.0, True)])
def test_a_group_near_the_border_is_fanned_inside_it_or_left_to_a_disc(index, basemap, zoom, fits):
    """Bishkek lies a few km from Kazakhstan: zoomed in, its events are fanned out apart and inside Kyrgyzstan;
    at the country's zoom no fan of a sensible size stays inside, so the group is marked for one disc. The White
    House, a pixel from the city point at the country's zoom, is in the same group (not drawn over it)."""
    events = apply(index, Filters())
    mapped = events[mappable(events)]
    placed = fan_out(mapped, zoom, Border.of(basemap), diameters=np.full(len(mapped), 24.0))
    bishkek = placed[placed["place_id"].astype(str).isin(["pl-bishkek", "pl-gknb-hq"])]
    assert bishkek["group"].nunique() == 1 and (bishkek["group"] >= 0).all()
    assert bishkek["fits"].all() == fits
    if zoom < 6:
        assert (
            placed.loc[placed["place_id"].astype(str) == "pl-white-house", "group"].eq(bishkek["group"].iloc[0]).all()
        )
    if fits:
        assert Border.of(basemap).inside(bishkek["marker_lat"].to_numpy(), bishkek["marker_lon"].to_numpy()).all()
        per_px = degrees_per_px(zoom)
        x, y = bishkek["marker_lon"].to_numpy() / per_px, mercator_y(bishkek["marker_lat"].to_numpy()) / per_px
        gaps = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) + np.eye(len(x)) * 1e9
        assert gaps.min() >= 24 * 0.95, "markers of one group are apart, not on top of each other"
    alone = placed[placed["place_id"].astype(str) == "pl-osh"]
    assert (alone["group"] < 0).all() and (alone["marker_lat"] == alone["latitude"]).all()
