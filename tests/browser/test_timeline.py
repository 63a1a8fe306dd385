"""Timeline page: a bar is found from the chart's own data, hovered, clicked, and its evidence shown."""

import re

import pytest

from .conftest import screenshot
from .support import (
    BAR_POSITION,
    click_mark,
    events,
    expect_quote_for,
    no_exception,
    open_page,
)

# A bar on the hour scale of the main days, and one on the background panel's scale of years.
BARS = ["ev-white-house-seized", "ev-atambayev-sentenced"]


def test_bars_are_where_the_chart_data_says_and_hover_names_the_event(server, page):
    """Not the bug's scenario: each bar is at its computed position, and plotly registers the click."""
    open_page(page, server, "Timeline")
    for event_id in BARS:
        click_mark(page, BAR_POSITION, "timeline_chart", event_id, events()[event_id]["summary"])
    no_exception(page)


@pytest.mark.parametrize("event_id", BARS)
def test_clicking_a_bar_shows_its_verbatim_quote(server, page, event_id):
    open_page(page, server, "Timeline")
    click_mark(page, BAR_POSITION, "timeline_chart", event_id, events()[event_id]["summary"])
    try:
        expect_quote_for(
            page, event_id, timeout=10_000
        )  # returns as soon as the quote shows; the margin is for loaded CI machines
    finally:
        screenshot(page, f"timeline-click-{event_id}", full_height=False)


# Each y label of the chart as drawn: its lines (one tspan each), its box, its font; and the labels' column,
# which is the plot's left offset less the gap before the bars (citemap/charts/timeline_layout.py GAP_PX).
DRAWN_LABELS = """(chartKey) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  const box = gd.getBoundingClientRect();
  const labels = [...gd.querySelectorAll('.yaxislayer-above text')].map(text => {
    const lines = [...text.querySelectorAll('tspan.line')].map(t => t.textContent);
    const r = text.getBoundingClientRect(), style = getComputedStyle(text);
    return {lines: lines.length ? lines : [text.textContent], left: r.left - box.left, right: r.right - box.left,
            font: `${style.fontSize} ${style.fontFamily}`};
  });
  return {labels, column: gd._fullLayout._size.l - 10};
}"""

# How many lines `text` takes when wrapped at spaces to `width` px in `font`, measured by the browser itself.
LINES_NEEDED = """([text, width, font]) => {
  const context = document.createElement('canvas').getContext('2d');
  context.font = font;
  let lines = 0, line = '';
  for (const word of text.split(/\\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || context.measureText(candidate).width <= width) { line = candidate; continue; }
    lines += 1; line = word;
  }
  return lines + (line ? 1 : 0);
}"""


@pytest.mark.parametrize("width", [1280])
def test_labels_are_whole_where_two_lines_hold_them_and_nothing_overflows(server, browser, width):
    """What a reader sees at the narrowest window: every label inside the chart, on at most two lines, cut with an
    ellipsis only where its whole text would need more than two lines of the labels' column; no sideways scroll."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        open_page(page, server, "Timeline")
        drawn = page.evaluate(DRAWN_LABELS, "timeline_chart")
        summaries = [" ".join(row["summary"].split()) for row in events().values()]
        assert len(drawn["labels"]) >= 30
        for label in drawn["labels"]:
            assert len(label["lines"]) <= 2, label
            assert label["left"] >= 0 and label["right"] <= drawn["column"] + 12, f"label outside its column: {label}"
            text = " ".join(label["lines"])
            suffix = re.search(r" ?\(\d+ sources\)$", text)
            body = text[: suffix.start()] if suffix else text
            if not body.endswith("…"):
                assert body in summaries, f"a label that is no summary: {text!r}"
                continue
            start = body.removesuffix("…")
            (summary,) = [s for s in summaries if s.startswith(start)]
            whole = summary + (suffix.group(0) if suffix else "")
            needed = page.evaluate(LINES_NEEDED, [whole, drawn["column"], label["font"]])
            assert needed > 2, f"cut although two lines hold it: {whole!r}"
        overflow = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth - m.clientWidth; }"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
        screenshot(page, f"timeline-labels-{width}")
    finally:
        context.close()
