"""From the evidence panel to the article: the quoted sentence is highlighted and scrolled into view."""

from playwright.sync_api import expect

from .conftest import screenshot
from .support import (
    description,
    event_sentence_ids,
    expect_quote_for,
    no_exception,
    open_page,
    sentences,
    settle,
    short_id,
)

IN_VIEWPORT = """(id) => {
  const element = document.getElementById(id);
  if (!element) return false;
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
}"""


def test_read_in_the_article_highlights_the_sentence_on_the_source_page(server, page):
    event_id = "ev-atambayev-freed"
    # A sentence well down the article, so that landing on it takes a scroll.
    sentence_id = [s for s in event_sentence_ids(event_id) if s.startswith("kg-2020-10-06-")][
        -2
    ]  # the article's; Wikipedia's come last
    assert short_id(sentence_id) == "s025"
    open_page(page, server, f"Map?actor=act-atambayev&event={event_id}")
    expect_quote_for(page, event_id)
    summary = description(page).inner_text()

    page.get_by_role("button", name=f"Read {short_id(sentence_id)} in News article, 6 Oct 2020", exact=True).click()
    expect(page).to_have_url(f"{server}/Source?actor=act-atambayev&event={event_id}&sentence={sentence_id}")
    settle(page)
    expect(page.locator("h1")).to_have_text("Source")

    highlighted = page.locator(".cm-article .cm-selected")
    expect(highlighted).to_have_count(1)  # that sentence alone, not the event's other quotes
    expect(highlighted).to_have_attribute("id", sentence_id)
    expect(highlighted).to_contain_text(sentences()[sentence_id])
    page.wait_for_function(IN_VIEWPORT, arg=sentence_id)
    expect(page.get_by_text(f"Highlighted: sentence {sentence_id}")).to_be_visible()
    # The filter and the selected event travelled along.
    expect(description(page)).to_have_text(summary)
    expect_quote_for(page, event_id)
    no_exception(page)
    screenshot(page, "source-highlighted", full_height=False)


def test_quotes_are_verbatim_character_for_character_in_the_panel_and_the_article(server, page):
    """What a reader copies into a briefing is the sentence itself: no added character, visible or not.

    Commit 5bbd2c5 once put an invisible word joiner after the '@' of s026 ('(@\u2060TheInsiderPaper)').
    """
    event_id = "ev-atambayev-freed"  # its quotes include the embedded post s026, '... (@TheInsiderPaper) ...'
    open_page(page, server, f"Source?event={event_id}&sentence=kg-2020-10-06-s026")
    expect_quote_for(page, event_id)
    wrong = {}
    for sentence_id in event_sentence_ids(event_id):
        quoted = page.locator(f".st-key-evidence_panel blockquote[id='quote-{sentence_id}']").text_content()
        expected = sentences()[sentence_id]
        # The reader shows the selected sentence's source, the article: another source's sentences are checked in the panel.
        in_article = (
            page.locator(f".cm-article [id='{sentence_id}']").text_content()
            if sentence_id.startswith("kg-2020-10-06-")
            else expected
        )
        # In curly quotes, or in its own when it opens with one (a second pair would double the marks).
        marked = expected if expected.startswith(("“", '"')) else f"“{expected}”"
        if marked not in quoted or in_article not in (expected, expected + short_id(sentence_id)):
            wrong[sentence_id] = (quoted, in_article)
    assert not wrong, f"not verbatim: {wrong}"
