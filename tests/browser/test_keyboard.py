"""Keyboard only: Tab from the page start reaches the filters and the evidence picker; the picker works from the keys."""

from playwright.sync_api import expect

from .conftest import screenshot
from .support import (
    CHART_EVENT_IDS,
    FOCUSED_KEY,
    description,
    expect_quote_for,
    no_exception,
    open_page,
    rerun_done,
    watch_rerun,
)

FILTER_KEYS = ["date_range", "actors", "event_types", "places", "search"]
MAX_TABS = 80


def tab_until(page, key: str) -> list[str]:
    """Press Tab from where the focus is until an element inside `key` has it; the keys passed on the way."""
    seen: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_KEY)["key"]
        if focused and (not seen or seen[-1] != focused):
            seen.append(focused)
        if focused == key:
            return seen
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {key}; passed {seen}")


def test_tab_reaches_filters_then_evidence_and_the_keyboard_picks_an_event(server, page):
    open_page(page, server, "Timeline")
    page.locator("body").focus()
    passed = tab_until(page, "evidence_picker")
    missing = [key for key in FILTER_KEYS if key not in passed]
    assert not missing, f"Tab skipped the filters {missing}; passed {passed}"
    assert passed.index("search") < passed.index("evidence_picker")

    # Choosing with the keys alone: type part of the summary, Enter picks the match.
    expect(page.locator(".st-key-evidence_picker input")).to_be_focused()
    page.keyboard.type("supporters gather in Osh")
    expect(page.get_by_role("option")).to_have_count(1)
    watch_rerun(page)
    page.keyboard.press("Enter")
    rerun_done(page)
    expect_quote_for(page, "ev-osh-rally")
    expect(page).to_have_url(f"{server}/Timeline?event=ev-osh-rally")
    screenshot(page, "keyboard-picked-event", full_height=False)
    no_exception(page)


def test_a_filter_can_be_set_from_the_keyboard(server, page):
    open_page(page, server, "Timeline")
    page.locator("body").focus()
    tab_until(page, "search")
    page.keyboard.type("Osh")
    watch_rerun(page)
    page.keyboard.press("Enter")
    rerun_done(page)
    # "Osh" is in the summary of the Osh rally and in the quote of the provincial rallies (s029).
    expect(description(page)).to_have_text("2 of 38 events, mentioning “Osh”")
    expect(page).to_have_url(f"{server}/Timeline?q=Osh")
    bars = page.evaluate(CHART_EVENT_IDS, "timeline_chart")
    assert sorted(bars) == ["ev-osh-rally", "ev-provincial-rallies"]
    no_exception(page)


def test_a_typed_date_applies_on_enter_and_travels_with_a_page_link(server, page):
    open_page(page, server, "")
    field = page.locator("[data-testid=stSidebar] [data-testid=stDateInput]")
    field.locator("[data-range-field=start] [data-type=year]").click()
    watch_rerun(page)
    page.keyboard.type("20201005")  # year, month, day: the field moves on by itself
    page.keyboard.press("Enter")
    rerun_done(page)
    expect(description(page)).to_have_text("28 of 38 events, 5–15 October 2020")
    # A date still being typed when a page link is clicked is applied, and the link is followed.
    field.locator("[data-range-field=end] [data-type=day]").click()
    page.keyboard.type("07")
    page.locator("[data-testid=stSidebar] a[data-testid=stPageLink-NavLink]", has_text="Data").click()
    expect(page).to_have_url(f"{server}/Data?from=2020-10-05&to=2020-10-07", timeout=15_000)
    expect(description(page)).to_have_text("23 of 38 events, 5–7 October 2020")
    no_exception(page)
