"""Bring your own reporting, in the browser: add a short article, accept its event, see it on the map with its sentence."""

import shutil

from playwright.sync_api import expect

from .conftest import ROOT, running_server, screenshot
from .support import events, evidence, no_exception, open_page, settle

ARTICLE = "Police arrested 13 people in Osh on Monday, the interior ministry said."


def test_add_an_article_accept_its_event_and_see_it_on_the_map(tmp_path, page, artifacts_dir):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".citemap-cache"))
    with running_server(data) as server:
        open_page(page, server, "Add_source")
        page.locator(".st-key-add_text textarea").fill(ARTICLE)
        page.locator(".st-key-add_publisher input").fill("Test News")
        date_field = page.locator(".st-key-add_published input")
        date_field.fill("2020-10-13")
        date_field.press("Enter")
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Add source", exact=True).click()
        expect(page.get_by_text("Added test-news-2020-10-13")).to_be_visible(timeout=30_000)
        no_exception(page)
        screenshot(page, "curation-added", full_height=False)

        open_page(page, server, "Curate")
        expect(page.get_by_text("0 of", exact=False).first).to_be_visible()
        page.locator(".st-key-curate_pick").click()
        page.get_by_role("option", name="events · arrested").click()
        settle(page)
        expect(
            page.locator("mark").filter(has_text="arrested").first
        ).to_be_visible()  # the trigger words, marked in the sentence
        page.locator(".st-key-curate_accept button").click()
        expect(page.get_by_text("saved as change", exact=False)).to_be_visible(timeout=30_000)
        no_exception(page)
        screenshot(page, "curation-accepted", full_height=False)

        event_id = f"ev-test-news-2020-10-13-s001-{ARTICLE.index('arrested')}"
        open_page(page, server, f"Map?event={event_id}")  # the new version, without a restart
        expect(evidence(page)).to_contain_text(ARTICLE)
        total = len(events()) + 1  # the bundled events and the new one
        expect(page.get_by_text(f"{total} of {total} events", exact=False).first).to_be_visible()
        no_exception(page)
        screenshot(page, "curation-on-the-map", full_height=False)
