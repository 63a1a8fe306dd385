"""Screenshots for people to look at: each map view, and every page with an event's evidence open.

The smoke test saves every page with no filter (page-*.png); these add the states a reader
reaches by clicking. Each shot also checks that what it shows is drawn.
"""

from playwright.sync_api import expect

from .conftest import screenshot
from .support import CHART_EVENT_IDS, expect_quote_for, no_exception, open_page, settle
from .test_map import choose_view

EVENT = "ev-white-house-gates"  # carries the government's killed and wounded counts
PAGES = ["Overview", "Map", "Timeline", "Actors", "Source", "Data", "Briefing"]


def test_map_views(server, page):
    open_page(page, server, "Map")
    for label, name in (("Whole country", "country"), ("Bishkek", "bishkek"), ("Osh", "osh")):
        choose_view(page, label)
        assert page.evaluate(CHART_EVENT_IDS, "map_chart"), f"the {label} view draws no marker"
        screenshot(page, f"map-view-{name}", full_height=False)
    no_exception(page)


def test_every_page_with_an_event_selected(server, page):
    open_page(page, server, f"?event={EVENT}")
    sidebar = page.locator("[data-testid=stSidebar]")
    for label in PAGES:
        sidebar.get_by_role("link", name=label, exact=True).click()
        expect(page.locator("h1")).to_have_text(label)
        settle(page)
        if label not in ("Data", "Briefing"):  # tables and downloads; a slide: no evidence panel
            expect_quote_for(page, EVENT)
        no_exception(page)
        screenshot(page, f"selected-{label}")
