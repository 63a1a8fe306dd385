"""Every page opens in a real browser, draws, and shows no error."""

import pytest

from .conftest import screenshot, wait_for_app

PAGES = ["", "Map", "Timeline", "Actors", "Source", "Data", "Briefing"]


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_without_error(server, page, path):
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Traceback" not in page.content()
    assert page.get_by_text("23 of 23 events, no filter").first.is_visible()
    screenshot(page, f"page-{path or 'Overview'}")
