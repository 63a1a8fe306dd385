"""Shareable state: a URL reproduces the view in a fresh browser, filters survive page switches, bad URLs are told."""

from playwright.sync_api import expect

from .conftest import screenshot
from .support import (
    date_range_values,
    description,
    expect_quote_for,
    multiselect_values,
    no_exception,
    notices,
    open_page,
    picker_value,
    settle,
)

SHARED = "Map?from=2020-10-05&to=2020-10-06&actor=act-atambayev&event=ev-atambayev-freed"
DESCRIPTION = "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev"


def expect_shared_view(page) -> None:
    expect(description(page)).to_have_text(DESCRIPTION)
    assert date_range_values(page) == ["2020-10-05", "2020-10-06"]
    assert [label.split(" (")[0] for label in multiselect_values(page, "actors")] == ["Almazbek Atambayev"]
    assert multiselect_values(page, "event_types") == [] and multiselect_values(page, "places") == []
    expect(page.locator(".st-key-search input")).to_have_value("")


def test_a_shared_url_reproduces_the_view_in_a_fresh_browser(server, browser):
    # A context of its own: no cookie, no storage, no session from any other test.
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        open_page(page, server, SHARED)
        expect_shared_view(page)
        assert picker_value(page).startswith("2020-10-06 · Protesters break into the headquarters")
        expect_quote_for(page, "ev-atambayev-freed")
        assert notices(page) == []
        expect(page).to_have_url(f"{server}/{SHARED}")  # the app wrote back the same view
        no_exception(page)
        screenshot(page, "url-shared-view", full_height=False)
    finally:
        context.close()


def test_filters_and_selection_survive_page_switches_through_the_sidebar(server, page):
    open_page(page, server, SHARED)
    expect(description(page)).to_have_text(DESCRIPTION)
    sidebar = page.locator("[data-testid=stSidebar]")
    query = SHARED.split("?", 1)[1]
    for label, path in (("Timeline", "Timeline"), ("Actors", "Actors"), ("Overview", "")):
        sidebar.get_by_role("link", name=label, exact=True).click()
        expect(page).to_have_url(f"{server}/{path}?{query}")
        expect(page.locator("h1")).to_have_text(label)
        settle(page)
        expect_shared_view(page)
        expect_quote_for(page, "ev-atambayev-freed")
        no_exception(page)
    screenshot(page, "url-after-page-switches", full_height=False)


def test_a_malformed_url_shows_a_notice_and_no_exception(server, page):
    open_page(page, server, "Map?from=notadate&zzz=1")
    shown = notices(page)
    assert any("from=notadate" in n and "not a date" in n for n in shown), shown
    assert any("unknown parameter" in n and "zzz" in n for n in shown), shown
    # The bad values were ignored: the view is the unfiltered one, and the URL is cleaned.
    expect(description(page)).to_have_text("38 of 38 events, no filter")
    expect(page).to_have_url(f"{server}/Map")
    expect(page.locator("h1")).to_have_text("Map")
    no_exception(page)
    screenshot(page, "url-malformed", full_height=False)
