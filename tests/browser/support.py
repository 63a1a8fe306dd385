"""Helpers for the browser scenarios: waiting on Streamlit, finding chart marks, reading the curated CSVs.

The expected texts come straight from data/*.csv with the csv module, not from
citemap's own loader, so that a bug in the loader cannot hide itself.
"""

from __future__ import annotations

import csv
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
TOTAL_EVENTS_TEXT = " of 38 events"

# The script has finished and every element has been drawn: Streamlit marks the app
# 'notRunning' before its lazily loaded elements (plotly, data grids) replace their
# skeletons, so both are checked. A rerun may follow a rerun (st.rerun, a callback), so the
# state must hold for a quiet 200 ms: polled as a condition, not slept.
SETTLED_NOW = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning' && !!document.querySelector('h1')
    && !document.querySelector('[data-testid=stSkeleton]') && !document.querySelector('[data-stale=true]');
}"""
SETTLED = f"""() => {{
  if (!({SETTLED_NOW})()) {{ window.__cmQuietSince = null; return false; }}
  if (!window.__cmQuietSince) window.__cmQuietSince = performance.now();
  return performance.now() - window.__cmQuietSince > 200;
}}"""


def settle(page: Page, timeout: float = 30_000) -> None:
    page.evaluate("() => { window.__cmQuietSince = null; }")
    page.wait_for_function(SETTLED, timeout=timeout)


# Record every script state Streamlit passes through from now on, so that a test can wait
# for "a rerun started and finished" instead of guessing how long a rerun takes.
WATCH_RERUN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__cmStates = [];
  window.__cmQuietSince = null;
  if (window.__cmObserver) window.__cmObserver.disconnect();
  window.__cmObserver = new MutationObserver(() => {
    window.__cmStates.push(app.getAttribute('data-test-script-state'));
    window.__cmQuietSince = null;  // any change of state restarts the quiet period
  });
  window.__cmObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RERUN_DONE = f"() => (window.__cmStates || []).includes('running') && ({SETTLED})()"


def count_server_messages(page: Page) -> None:
    """Count the reruns the server reports finished to this page; call before the page's first navigation.

    A rerun that is over within one batch of messages never shows 'running' in the page (React
    draws the final state only), so `rerun_done` also takes the server's 'script finished' message
    as the sign. Other messages (the end of an earlier run, a heartbeat) do not count.
    """
    page.cm_reruns_finished = 0

    def on_socket(socket) -> None:
        def on_message(payload) -> None:
            if isinstance(payload, bytes) and _is_script_finished(payload):
                page.cm_reruns_finished += 1

        socket.on("framereceived", on_message)

    page.on("websocket", on_socket)


def _is_script_finished(payload: bytes) -> bool:
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        return ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished"
    except DecodeError:
        return False


def watch_rerun(page: Page) -> None:
    """Call before the action that makes Streamlit rerun; then `rerun_done(page)`."""
    page.evaluate(WATCH_RERUN)
    page.cm_reruns_at_watch = getattr(page, "cm_reruns_finished", None)


def rerun_done(page: Page, timeout: float = 30_000) -> None:
    """A rerun started after `watch_rerun` (seen running, or reported finished by the server), and the page it sent is drawn."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate("() => (window.__cmStates || []).includes('running')"):
        before, now = getattr(page, "cm_reruns_at_watch", None), getattr(page, "cm_reruns_finished", None)
        if before is not None and now is not None and now > before:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"no rerun within {timeout:.0f} ms")
        page.wait_for_timeout(50)
    settle(page, timeout=max(1_000, (deadline - time.monotonic()) * 1000))


def open_page(page: Page, server: str, path: str = "") -> None:
    page.goto(f"{server}/{path.lstrip('/')}")
    settle(page)


@cache
def sentences() -> dict[str, str]:
    with open(DATA / "sentences.csv", newline="", encoding="utf-8") as handle:
        return {row["sentence_id"]: row["text"] for row in csv.DictReader(handle)}


@cache
def events() -> dict[str, dict[str, str]]:
    with open(DATA / "events.csv", newline="", encoding="utf-8") as handle:
        return {row["event_id"]: row for row in csv.DictReader(handle)}


def event_sentence_ids(event_id: str) -> list[str]:
    return [s for s in events()[event_id]["sentence_ids"].split(";") if s]


def short_id(sentence_id: str) -> str:
    return sentence_id.rsplit("-", 1)[-1]


# --- what the page shows -------------------------------------------------------------------


def description(page: Page) -> Locator:
    """The 'N of M events, ...' sentence above the view (in the main area, not the sidebar caption)."""
    return page.locator("[data-testid=stMain] [data-testid=stMarkdown]").filter(has_text=TOTAL_EVENTS_TEXT)


def evidence(page: Page) -> Locator:
    return page.locator(".st-key-evidence_panel")


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width characters a reader cannot see


def visible(text: str) -> str:
    return text.translate(INVISIBLE)


def expect_quote_for(page: Page, event_id: str, timeout: float = 5_000) -> None:
    """The evidence panel shows this event, and every sentence it cites, as the reader sees it.

    Compared as seen on screen (zero-width characters left out); test_source checks the
    characters themselves, which copy and paste and the browser's find see.
    """
    panel = evidence(page)
    expect(panel.locator(f".cm-evidence[data-event='{event_id}']")).to_be_visible(timeout=timeout)
    for sentence_id in event_sentence_ids(event_id):
        block = panel.locator(f"blockquote[id='quote-{sentence_id}']")
        expect(block).to_be_visible()
        # The quote is the sentence exactly, in curly quotes (or in its own, when it opens with one), before its
        # citation line.
        sentence = sentences()[sentence_id]
        expected = sentence if sentence.startswith(("“", '"')) else f"“{sentence}”"
        shown = visible(block.text_content() or "")
        assert expected in shown, f"{sentence_id}: expected the sentence verbatim, the panel shows {shown!r}"


def notices(page: Page) -> list[str]:
    return [
        text.replace("⚠️", "").strip()
        for text in page.locator("[data-testid=stMain] [data-testid=stAlert]").all_inner_texts()
    ]


def date_range_values(page: Page) -> list[str]:
    """The sidebar date range as shown, e.g. ['2020-10-05', '2020-10-06']."""
    groups = page.locator(".st-key-date_range [role=group][aria-label^='Dates']")
    return ["".join(text.split()) for text in groups.all_inner_texts()]


def multiselect_values(page: Page, key: str) -> list[str]:
    return [tag.get_attribute("aria-label") or "" for tag in page.locator(f".st-key-{key} [data-tag]").all()]


def picker_value(page: Page) -> str:
    return page.locator(".st-key-evidence_picker input").input_value()


def no_exception(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "Traceback" not in page.content()


# --- chart marks ---------------------------------------------------------------------------

# The pixel position of an event's marker: the trace's own (fanned) lat/lon, projected by
# the MapLibre map that plotly draws, offset by the canvas on the page.
MARKER_POSITION = """([chartKey, eventId]) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  if (!gd || !gd._fullLayout || !gd._fullLayout.map || !gd._fullLayout.map._subplot) return null;
  const map = gd._fullLayout.map._subplot.map;
  if (!map.loaded() || map.isMoving()) return null;
  const canvas = map.getCanvas().getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (trace.hoverinfo === 'skip' || !trace.customdata) continue;
    const i = trace.customdata.findIndex(c => c[0] === eventId);
    if (i < 0) continue;
    const point = map.project([trace.lon[i], trace.lat[i]]);
    return {x: canvas.left + point.x, y: canvas.top + point.y, trace: trace.name,
            inside: point.x > 0 && point.y > 0 && point.x < canvas.width && point.y < canvas.height};
  }
  return null;
}"""

# The pixel position of the middle of an event's bar (of the part inside the axis range).
BAR_POSITION = """([chartKey, eventId]) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  if (!gd || !gd._fullData) return null;
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (trace.type !== 'bar' || !trace.customdata) continue;
    const i = trace.customdata.findIndex(c => c[0] === eventId);
    if (i < 0) continue;
    const xa = layout[trace.xaxis.replace('x', 'xaxis')], ya = layout[trace.yaxis.replace('y', 'yaxis')];
    const start = new Date(trace.base[i]).getTime(), end = start + Number(trace.x[i]);
    const [low, high] = xa.range.map(xa.r2l);
    const from = Math.max(start, low), to = Math.min(end, high);
    return {x: box.left + xa._offset + xa.l2p((from + to) / 2), y: box.top + ya._offset + ya.d2p(trace.y[i]), trace: trace.name};
  }
  return null;
}"""

# Plotly's own click and selection events, recorded on the graph div: proof that the click
# reached the chart, whatever the server then does with it.
RECORD_PLOTLY_EVENTS = """(chartKey) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  window.__cmClicks = [];
  gd.on('plotly_click', data => window.__cmClicks.push(...data.points.map(p => p.customdata && p.customdata[0])));
}"""


SCROLL_CHART_BY = """([chartKey, dy]) => {
  let box = document.querySelector(`.st-key-${chartKey}:not([data-stale=true])`);
  while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  (box || document.scrollingElement).scrollBy(0, dy);
}"""


# Every event id a chart draws (bars, or markers with hover), as the browser holds them.
CHART_EVENT_IDS = """(chartKey) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  const ids = new Set();
  for (const trace of gd._fullData) if (trace.customdata && trace.hoverinfo !== 'skip') trace.customdata.forEach(c => ids.add(c[0]));
  return [...ids];
}"""


def mark_position(page: Page, script: str, chart_key: str, event_id: str) -> dict:
    """Where to point the mouse for an event's mark, scrolled into the viewport first."""
    settle(page)
    page.locator(f".st-key-{chart_key}").first.scroll_into_view_if_needed()
    spot = page.wait_for_function(script, arg=[chart_key, event_id]).json_value()
    height = page.viewport_size["height"]
    if not 100 < spot["y"] < height - 100:
        page.evaluate(SCROLL_CHART_BY, [chart_key, spot["y"] - height / 2])
        spot = page.wait_for_function(script, arg=[chart_key, event_id]).json_value()
    assert 0 < spot["y"] < height, f"{event_id}'s mark is off screen at {spot}"
    return spot


def click_mark(page: Page, script: str, chart_key: str, event_id: str, summary: str) -> None:
    """Hover the mark until plotly's hover label names the event, then click it."""
    page.evaluate(RECORD_PLOTLY_EVENTS, chart_key)
    spot = mark_position(page, script, chart_key, event_id)
    page.mouse.move(spot["x"], spot["y"])
    expect(page.locator(f".st-key-{chart_key}:not([data-stale=true]) .hoverlayer .hovertext").first).to_contain_text(
        summary[:40]
    )
    watch_rerun(page)
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("(id) => (window.__cmClicks || []).includes(id)", arg=event_id)
    rerun_done(page)  # the selection went to the server and the page it sent back is drawn


# --- focus and requests --------------------------------------------------------------------

FOCUSED_KEY = """() => {
  const element = document.activeElement;
  const keyed = element && element.closest('[class*="st-key-"]');
  const key = keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : null;
  return {key, tag: element ? element.tagName : null, label: element ? (element.getAttribute('aria-label') || element.textContent.trim().slice(0, 40)) : null};
}"""

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS
