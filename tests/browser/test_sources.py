"""Several sources in the browser: a contested number shows every report, and each opens its sentence in its own source.

On the two-source dataset of tests/multisource.py, whose answers are known by construction: wounded 590 (the
government, in the news report), 590 and '1,000+' (in the encyclopedia).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .. import multisource
from .conftest import running_server, screenshot
from .support import no_exception, open_page, settle


@pytest.fixture(scope="module")
def two_source_server(tmp_path_factory, artifacts_dir):
    with running_server(multisource.build(tmp_path_factory.mktemp("two") / "data")) as base:
        yield base


@pytest.mark.parametrize("width", [1280, 1600, 1920])
def test_a_contested_number_shows_every_report_whole_at_every_width(two_source_server, page, width):
    page.set_viewport_size({"width": width, "height": 1000})
    open_page(page, two_source_server)
    wounded = page.locator("[data-testid=stMetric]").filter(has_text="Wounded")
    expect(wounded).to_contain_text("590 – ≥1,000")
    # The range is drawn whole (it wraps), not cut with an ellipsis.
    value = wounded.locator("[data-testid=stMetricValue]")
    assert value.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the headline range is cut"
    column = page.locator("[data-testid=stColumn]").filter(has=wounded).last
    expect(column).to_contain_text("Sources disagree")
    for words in ("590 wounded", "590 others were injured", "1,000+"):
        expect(column).to_contain_text(f"“{words}”")
    screenshot(page, f"sources-contested-headline-{width}", full_height=False)


def test_each_report_of_a_contested_number_opens_its_sentence_in_its_own_source(two_source_server, page):
    for button, sentence_id, source_label, credit in (
        ("Wikipedia, s003", "wiki-s003", "Wikipedia", "Wikipedia contributors, CC BY-SA 4.0"),
        ("News, s002", "news-s002", "News", "Publisher unknown; quoted for analysis"),
    ):
        open_page(page, two_source_server)
        page.locator("[data-testid=stColumn]").filter(
            has=page.locator("[data-testid=stMetric]").filter(has_text="Wounded")
        ).last.get_by_role("button", name=button, exact=True).click()
        expect(page).to_have_url(f"{two_source_server}/Source?event=ev-clash&sentence={sentence_id}")
        settle(page)
        highlighted = page.locator(".cm-article .cm-selected")
        expect(highlighted).to_have_count(1)
        expect(highlighted).to_have_attribute("id", sentence_id)
        # The reader shows that sentence's own source, named in the picker and credited.
        expect(page.get_by_role("combobox", name="Source", exact=True)).to_have_value(
            re.compile(f"^{source_label} \\(")
        )
        # The reader's own credit line (the evidence panel credits each source it quotes, with class cm-credit).
        expect(page.locator("p:not(.cm-credit)").filter(has_text="Credit:")).to_have_text(f"Credit: {credit}")
        no_exception(page)
    screenshot(page, "sources-reader", full_height=False)


def test_the_disagreements_page_sets_the_reports_side_by_side(two_source_server, page):
    open_page(page, two_source_server, "Disagreements")
    cards = page.locator(".cm-report")
    expect(cards).to_have_count(5)  # wounded: three reports; the rally's date: two
    expect(page.get_by_text("2 contested facts")).to_be_visible()
    marked = page.locator(".cm-report mark")
    expect(marked.first).to_have_text("590 wounded")
    # Side by side: the three wounded reports share one row of the page.
    tops = [round(box["y"]) for box in (cards.nth(i).bounding_box() for i in range(3))]
    assert len(set(tops)) == 1, tops
    no_exception(page)
    screenshot(page, "sources-disagreements")
