"""Offline: nothing the dashboard does in the browser reaches past this machine.

Every request of the context (pages, scripts, fonts, map workers, websockets) is recorded
while each page is opened and clicked. Requests to anywhere else are aborted, so that
the test stays offline even when the app is not, and are counted as failures.
"""

from playwright.sync_api import expect

from .support import (
    BAR_POSITION,
    MARKER_POSITION,
    click_mark,
    events,
    expect_quote_for,
    is_local,
    no_exception,
    open_page,
    settle,
)

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
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    seen = record_requests(context)
    page = context.new_page()
    page.on("websocket", lambda socket: seen.append(socket.url))
    try:
        open_page(page, server, "")
        sidebar = page.locator("[data-testid=stSidebar]")
        for label in PAGES:
            sidebar.get_by_role("link", name=label, exact=True).click()
            expect(page.locator("h1")).to_have_text(label)
            settle(page)
            no_exception(page)
            if label == "Map":
                click_mark(page, MARKER_POSITION, "map_chart", "ev-osh-rally", events()["ev-osh-rally"]["summary"])
            if label == "Timeline":
                click_mark(page, BAR_POSITION, "timeline_chart", "ev-white-house-seized", events()["ev-white-house-seized"]["summary"])
        open_page(page, server, "Map?event=ev-white-house-seized")
        expect_quote_for(page, "ev-white-house-seized")
        page.get_by_role("button", name="Read s011 in the article", exact=True).click()
        expect(page.locator("h1")).to_have_text("Source")
        settle(page)
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
