"""Every page opens in a real browser, draws, and shows no error."""

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .support import description, no_exception, open_page

PAGES = ["", "Map", "Timeline", "Actors", "Source", "Data", "Briefing"]


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_without_error(server, page, path):
    # open_page waits until the script has finished AND every element has replaced its
    # loading skeleton: conftest.wait_for_app returns while they are still grey boxes.
    open_page(page, server, path)
    no_exception(page)
    expect(description(page)).to_have_text("38 of 38 events, no filter")
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    screenshot(page, f"page-{path or 'Overview'}")
