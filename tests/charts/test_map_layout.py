"""A map worked out as plain data for a canvas: counts, names clear of markers and of each other, the frame filled."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from citemap.charts.labels import LabelSpace
from citemap.charts.map_layout import CORROBORATED_RING_PX, MapCanvas, MapLayout, map_layout
from citemap.charts.map_markers import Border
from citemap.charts.map_views import height_for, mappable, views
from citemap.filters import Filters, apply

FILTERS = {
    "all": Filters(),
    "6-october": Filters(date_from=date(2020, 10, 6), date_to=date(2020, 10, 6)),
    "osh": Filters(places=("pl-osh",)),
    "riots": Filters(event_types=("Riots",)),
    "nothing": Filters(search="no such words anywhere"),
}
WIDTHS = [420, 560, 900]


def _layouts(index, basemap, name: str, width: int) -> list[MapLayout]:
    events = apply(index, FILTERS[name])
    return [
        map_layout(events, index.dataset.places, basemap, view, MapCanvas(width_px=width))
        for view in views(index.events, index.dataset.places, basemap)
    ]


def _boxes(layout: MapLayout):
    space = LabelSpace(layout.zoom, layout.label_px)
    names = [space.box(lb.text, lb.latitude, lb.longitude, lb.dx_px, lb.dy_px) for lb in layout.labels]
    for marker in layout.markers:
        space.occupy(
            marker.latitude, marker.longitude, marker.size_px + (CORROBORATED_RING_PX if marker.corroborated else 4)
        )
    return names, space.discs


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_every_shown_event_is_drawn_once_or_counted_as_not_drawn(index, basemap, name, width):
    events = apply(index, FILTERS[name])
    for layout in _layouts(index, basemap, name, width):
        assert layout.events == len(events)
        assert layout.drawn + sum(n for _, n in layout.not_drawn) == len(events)
        drawn_ids = [m.event_id for m in layout.markers] + [i for d in layout.discs for i in d.event_ids]
        assert sorted(drawn_ids) == sorted(events.index[mappable(events)])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_names_never_overlap_each_other_or_a_marker(index, basemap, name, width):
    for layout in _layouts(index, basemap, name, width):
        names, markers = _boxes(layout)
        assert all(not _overlaps(a, b) for i, a in enumerate(names) for b in names[i + 1 :]), layout.view.key
        assert all(not _overlaps(a, m) for a in names for m in markers), layout.view.key
        frame = LabelSpace(layout.zoom, layout.label_px).frame_of(layout.center, layout.width_px, layout.height_px)
        assert all(frame[0] <= a[0] and a[2] <= frame[2] and frame[1] <= a[1] and a[3] <= frame[3] for a in names), (
            "a name cut off at the picture's edge"
        )
        for note in layout.notes:  # the note in the top left corner covers no marker
            box = (
                frame[0],
                frame[1],
                frame[0] + 10 + 6.6 * max(map(len, note.lines)),
                frame[1] + 14 + 15.6 * len(note.lines),
            )
            assert not any(_overlaps(box, m) for m in markers), layout.view.key


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_towns_are_named_on_the_country_view_whatever_the_filter(index, basemap, name):
    overview = _layouts(index, basemap, name, 560)[0]
    assert {"Bishkek", "Osh"} <= {label.text for label in overview.labels}
    events = apply(index, FILTERS[name])
    with_events = set(events.loc[mappable(events), "place_name"].astype(str))
    # A town with no event shown gets a dot of its own, so that its name still points somewhere.
    assert len(overview.town_dots) == sum(town not in with_events for town in ("Bishkek", "Osh"))


@pytest.mark.parametrize("name", ["all", "6-october", "riots"])
def test_markers_stay_inside_the_country(index, basemap, name):
    border = Border.of(basemap)
    for width in WIDTHS:
        overview = _layouts(index, basemap, name, width)[0]
        lat = np.array([m.latitude for m in overview.markers])
        lon = np.array([m.longitude for m in overview.markers])
        assert border.inside(lat, lon).all()


@pytest.mark.parametrize(
    ("canvas", "expected_height"),
    [
        (MapCanvas(width_px=560), None),  # the height at which the country fills the frame
        (MapCanvas(width_px=1800), 700),  # kept under max_height_px
        (MapCanvas(width_px=300), 240),  # kept over min_height_px
        (MapCanvas(width_px=900, height_px=500), 500),  # a fixed box (the slide's)
    ],
)
def test_the_canvas_sets_the_size(index, basemap, canvas, expected_height):
    overview = views(index.events, index.dataset.places, basemap)[0]
    layout = map_layout(apply(index, Filters()), index.dataset.places, basemap, overview, canvas)
    assert layout.width_px == canvas.width_px
    want = expected_height or round(height_for(overview.bounds, canvas.width_px))
    assert layout.height_px == want


@pytest.mark.parametrize(
    ("name", "footer"),
    [
        ("all", "9 of 38 events on the map; 28 known only to the country, 1 with no place stated"),
        ("osh", "The event is on the map"),
        ("nothing", "No event matches the filter"),
    ],
)
def test_the_footer_counts_what_is_drawn(index, basemap, name, footer):
    assert _layouts(index, basemap, name, 560)[0].footer == footer


def test_the_bishkek_view_says_in_words_where_a_building_known_only_to_the_city_is(index, basemap):
    bishkek = _layouts(index, basemap, "all", 560)[1]
    assert bishkek.view.key == "pl-bishkek"
    words = " ".join(line for note in bishkek.notes for line in note.lines)
    assert "State Committee on National Security headquarters" in words and "6 km" in words
    assert bishkek.uncertainty == (), "no disc of several km drowning the sites"
    assert {"Bishkek", "White House (Ak Ui)"} <= {label.text for label in bishkek.labels}
    overview = _layouts(index, basemap, "all", 560)[0]
    assert overview.notes == ()


def test_a_town_view_counts_what_is_in_its_frame(index, basemap):
    bishkek = _layouts(index, basemap, "all", 560)[1]
    assert bishkek.footer == (
        "8 of 38 events in this view, 1 elsewhere on the map; 28 known only to the country, 1 with no place stated"
    )
