"""Offline: nothing the dashboard does in the browser reaches past this machine.

Every request of the context (pages, scripts, fonts, map workers, websockets) is recorded
while each page is opened and clicked. Requests to anywhere else are aborted, so that
the test stays offline even when the app is not, and are counted as failures.
"""

import re

from playwright.sync_api import expect

from .conftest import screenshot
from .support import (
    BAR_POSITION,
    MARKER_POSITION,
    click_mark,
    count_server_messages,
    events,
    expect_quote_for,
    is_local,
    no_exception,
    open_page,
    settle,
)

EVENT = "ev-bishkek-rally"  # carries the government's killed and wounded counts
PAGES = ["Overview", "Map", "Timeline", "Actors", "Source", "Data", "Briefing"]


def record_requests(context) -> list[str]:
    """Every request the context makes from now on (pages add their websockets with page.on)."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    return seen


def outside(seen: list[str]) -> list[str]:
    return sorted({url for url in seen if not is_local(url)})


def test_no_request_leaves_the_machine_while_every_page_is_opened_and_clicked(server, browser):
    """A whole session: every page with an event's evidence open (saved as selected-<Page>.png), chart clicks, a quote followed."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    seen = record_requests(context)
    page = context.new_page()
    count_server_messages(
        page
    )  # click_mark knows a rerun by the server's messages too: a fast one never shows 'running'
    page.on("websocket", lambda socket: seen.append(socket.url))
    try:
        open_page(page, server, f"?event={EVENT}")
        sidebar = page.locator("[data-testid=stSidebar]")
        for label in PAGES:
            page.set_viewport_size({"width": 1600, "height": 1000})  # screenshot() leaves it at the last page's height
            sidebar.get_by_role("link", name=label, exact=True).click()
            expect(page.locator("h1")).to_have_text(label)
            settle(page)
            no_exception(page)
            if label not in ("Data", "Briefing"):  # tables and downloads; a slide: no evidence panel
                expect_quote_for(page, EVENT)
            screenshot(page, f"selected-{label}")
        page.set_viewport_size({"width": 1600, "height": 1000})
        for label, script, chart, event_id in (
            ("Map", MARKER_POSITION, "map_chart", "ev-osh-rally"),
            ("Timeline", BAR_POSITION, "timeline_chart", "ev-white-house-seized"),
        ):
            sidebar.get_by_role("link", name=label, exact=True).click()
            expect(page.locator("h1")).to_have_text(label)
            settle(page)
            click_mark(page, script, chart, event_id, events()[event_id]["summary"])
        page.get_by_role("button", name=re.compile(r"^Read s\d+ in .+$")).first.click()
        expect(page.locator("h1")).to_have_text("Source")
        settle(page)
        expect(page.locator(".cm-article .cm-selected")).to_have_count(1)
        assert len(seen) > 50, f"the recorder saw only {len(seen)} requests: is it recording at all?"
        assert any(url.startswith("ws") for url in seen), "the recorder missed Streamlit's websocket"
        assert outside(seen) == [], f"requests left the machine: {outside(seen)}"
    finally:
        context.close()


def test_the_recorder_catches_an_outside_request_the_opt_in_street_tiles(server, browser):
    """The check above can fail: switching on the opt-in street tiles makes the map ask OpenStreetMap for tiles."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    seen = record_requests(context)
    page = context.new_page()
    try:
        open_page(page, server, "Map")
        assert outside(seen) == []
        toggle = page.locator(".st-key-online_tiles")
        with context.expect_event("request", predicate=lambda request: "tile.openstreetmap.org" in request.url):
            toggle.get_by_text("Street tiles from the internet").click()
        expect(toggle.locator("input")).to_be_checked()
        assert any("tile.openstreetmap.org" in url for url in outside(seen)), outside(seen)
    finally:
        context.close()
