"""Where names go: never over one another or a marker; the best ranked first; a town named whatever happens."""

from __future__ import annotations

import pytest

from citemap.charts.labels import LabelSpace
from citemap.charts.map_labels import Candidate, place_labels


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("count", [2, 5, 12])
def test_names_of_places_close_together_never_overlap(count):
    """Places a few pixels apart each get their own room, or are left out (optional names only)."""
    space = LabelSpace(zoom=8.0, label_px=14)
    candidates = [Candidate(f"Place {n}", 42.0 + n * 0.004, 74.0, 10.0, (n,)) for n in range(count)]
    placed = place_labels(candidates, space, 14)
    boxes = [space.box(p.text, p.latitude, p.longitude, p.dx_px, p.dy_px) for p in placed]
    assert all(not _overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert placed, "at least the first is named"


def test_a_name_keeps_off_markers():
    space = LabelSpace(zoom=8.0, label_px=14)
    space.occupy(42.0, 74.0 + 20 * 360 / (512 * 2**8), 20)  # a marker 20 px east of the place
    (label,) = place_labels([Candidate("Osh", 42.0, 74.0, 30.0, (0,))], space, 14)
    box = space.box(label.text, label.latitude, label.longitude, label.dx_px, label.dy_px)
    assert not any(_overlaps(box, disc) for disc in space.discs)
    assert label.dx_px < 0, "east is taken by the marker: the name goes west"


def test_the_best_ranked_takes_east_and_most_limits_optional_names():
    space = LabelSpace(zoom=5.6, label_px=14)
    candidates = [
        Candidate("Outskirts", 42.88, 74.61222, 5.0, (1,)),
        Candidate("Bishkek", 42.87472, 74.61222, 5.0, (0,)),
        Candidate("Other", 41.0, 72.0, 5.0, (2,)),
    ]
    placed = {p.text: p for p in place_labels(candidates, space, 14, most=2)}
    assert placed["Bishkek"].dx_px > 0 and placed["Outskirts"].dx_px < 0
    assert "Other" not in placed


def test_a_town_is_named_even_where_every_side_is_taken_by_names():
    space = LabelSpace(zoom=5.6, label_px=14)
    for dx, dy in ((-200, 0), (-100, -30), (-100, 30)):
        space.claim("XXXXXXXXXXXXXXXXXXXXXXXX", 41.0, 74.0, dx, dy)
    space.claim("XXXXXXXXXXXXXXXXXXXXXXXX", 41.0, 74.0, 5, 0)
    placed = place_labels([Candidate("Bishkek", 41.0, 74.0, 5.0, (0,), must=True)], space, 14)
    assert [p.text for p in placed] == ["Bishkek"]
