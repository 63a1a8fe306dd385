"""Timeline page: a bar is found from the chart's own data, hovered, clicked, and its evidence shown."""

import pytest

from .conftest import screenshot
from .support import (
    BAR_POSITION,
    click_mark,
    events,
    expect_quote_for,
    no_exception,
    open_page,
)

# A bar on the hour scale of the main days, and one on the background panel's scale of years.
BARS = ["ev-white-house-seized", "ev-atambayev-sentenced"]


def test_bars_are_where_the_chart_data_says_and_hover_names_the_event(server, page):
    """Not the bug's scenario: each bar is at its computed position, and plotly registers the click."""
    open_page(page, server, "Timeline")
    for event_id in BARS:
        click_mark(page, BAR_POSITION, "timeline_chart", event_id, events()[event_id]["summary"])
    no_exception(page)


@pytest.mark.parametrize("event_id", BARS)
def test_clicking_a_bar_shows_its_verbatim_quote(server, page, event_id):
    open_page(page, server, "Timeline")
    click_mark(page, BAR_POSITION, "timeline_chart", event_id, events()[event_id]["summary"])
    try:
        expect_quote_for(
            page, event_id, timeout=10_000
        )  # returns as soon as the quote shows; the margin is for loaded CI machines
    finally:
        screenshot(page, f"timeline-click-{event_id}", full_height=False)
