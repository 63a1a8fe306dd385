import pytest

from citemap.selection import selected_event_ids


@pytest.mark.parametrize(
    "state, ids",
    [
        (None, []),
        ({}, []),
        ({"selection": {"points": []}}, []),
        ({"selection": {"points": [{"customdata": ["ev-a"]}]}}, ["ev-a"]),
        ({"selection": {"points": [{"customdata": "ev-a"}]}}, ["ev-a"]),
        # A box over a marker and its halo selects the event once, in the order first seen.
        (
            {"selection": {"points": [{"customdata": ["ev-b"]}, {"customdata": ["ev-a"]}, {"customdata": ["ev-b"]}]}},
            ["ev-b", "ev-a"],
        ),
        # Points without ids (basemap, legs) are ignored.
        (
            {"selection": {"points": [{"x": 1}, {"customdata": None}, {"customdata": [3]}, {"customdata": ["ev-c"]}]}},
            ["ev-c"],
        ),
    ],
)
def test_selected_event_ids(state, ids):
    assert selected_event_ids(state) == ids
