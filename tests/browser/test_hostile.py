"""Hostile text in headless Chromium: on every page nothing from the data runs or becomes a live link.

The dashboard runs on tests/broken/hostile.py's dataset, where every free-text
cell and the source text itself carry <script>, <img onerror>, <svg onload>,
<iframe srcdoc>, Markdown links and images, javascript: and data: addresses,
bare web addresses and math. Each page is opened with an event (and on the
Source page a sentence) selected, every expander opened, every help tooltip
and a few timeline bars hovered. Then, for what must NOT happen:

- no script ran: `window.__pwned`, which every payload sets, is unset in every
  frame; no dialog opened; no request went to evil.example or a javascript:
  or data: address; no window popped up;
- no element of the data's own was made: nothing with an id or class "pwn...";
- no link came from the data: every <a> is one of our own (an internal page
  link built from ids, a heading anchor, the skip link).

And what must happen: the timeline's bar labels and hover texts show the
summaries exactly as written, quotes included (no "&quot;").
"""

from __future__ import annotations

import csv
import re
from functools import cache
from urllib.parse import urlparse

import pytest

from tests.broken import hostile

from .conftest import running_server, screenshot

SETTLED = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning' && !!document.querySelector('h1')
    && !document.querySelector('[data-testid=stSkeleton]') && !document.querySelector('[data-stale=true]');
}"""

PAGES = ("", "Map", "Timeline", "Actors", "Source", "Disagreements", "Data", "Briefing", "Add_source", "Curate")

# Everything on the page (and in same-origin frames) that a payload could have made.
PROBE = """(pages) => {
  const result = {flags: [], injected: [], links: [], images: [], text: ''};
  const docs = [document];
  for (const frame of document.querySelectorAll('iframe')) {
    try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch (e) { /* another origin: not ours to read */ }
  }
  for (const doc of docs) {
    const win = doc.defaultView;
    if (win && win.__pwned !== undefined) result.flags.push(String(win.__pwned));
    for (const el of doc.querySelectorAll('[id^=pwn], [class^=pwn], [class*=" pwn"]')) result.injected.push(el.outerHTML.slice(0, 160));
    for (const img of doc.querySelectorAll('img, image')) {
      const src = img.getAttribute('src') || img.getAttribute('href') || img.getAttribute('xlink:href') || '';
      if (src === 'x' || src.includes('evil.example')) result.images.push(src);
    }
    for (const a of doc.querySelectorAll('a')) {
      const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? '';
      const text = (a.textContent || '').trim();
      let ours = false;
      if (raw.startsWith('#')) {
        ours = raw === '#stMain' || text === '';  // the skip link; a heading's own anchor
      } else {
        const url = new URL(raw, location.href);
        ours = url.origin === location.origin && pages.includes(url.pathname.replace(/^\\//, ''));
      }
      if (!ours) {
        const owners = [];
        for (let e = a; e && owners.length < 3; e = e.parentElement) if (e.dataset && e.dataset.testid) owners.push(e.dataset.testid);
        result.links.push(`${raw} «${text.slice(0, 50)}» in ${owners.join(' < ')}`);
      }
    }
    result.text += ' ' + (doc.body ? doc.body.innerText : '');
  }
  return result;
}"""


# The element is what the mouse would reach at its centre.
ON_TOP = """(el) => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return !!hit && (el === hit || el.contains(hit));
}"""


class Visit:
    """One page opened, explored and probed; what it found."""

    def __init__(self, browser, base: str, path: str, name: str):
        self.dialogs, self.requests, self.popups = [], [], []
        self.flags, self.injected, self.links, self.images = set(), set(), set(), set()
        self.tooltips = 0
        self.hover_texts: list[str] = []
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("popup", lambda popup: self.popups.append(popup.url))
        page.on("request", lambda request: self._request(request.url))
        try:
            page.goto(f"{base}/{path}")
            page.wait_for_function(SETTLED, timeout=60_000)
            self.exceptions = page.locator("[data-testid=stException]").count()
            self.title = page.locator("h1").first.inner_text()
            self._open_expanders(page)
            self._probe(page)
            self._hover_tooltips(page)
            self.tick_labels = page.locator(".js-plotly-plot g.ytick text").all_text_contents()
            self._hover_bars(page)
            screenshot(page, f"hostile-{name}")
            for frame in page.frames:  # srcdoc and component frames too
                flag = frame.evaluate("() => window.__pwned")
                if flag is not None:
                    self.flags.add(str(flag))
        finally:
            context.close()

    def _request(self, url: str) -> None:
        if (urlparse(url).hostname or "").endswith("evil.example") or url.startswith(("javascript:", "data:text/html")):
            self.requests.append(url)

    def _probe(self, page) -> None:
        found = page.evaluate(PROBE, list(PAGES))
        self.flags.update(found["flags"])
        self.injected.update(found["injected"])
        self.links.update(found["links"])
        self.images.update(found["images"])
        self.text = getattr(self, "text", "") + found["text"]

    def _open_expanders(self, page) -> None:
        closed = page.locator("[data-testid=stExpander] details:not([open]) > summary")
        for _ in range(closed.count()):
            summary = closed.nth(0)  # the list shrinks as each one opens
            summary.scroll_into_view_if_needed()
            summary.click()
        page.wait_for_function("() => !document.querySelector('[data-testid=stExpander] details:not([open])')")
        page.wait_for_function(SETTLED)

    def _hover_tooltips(self, page) -> None:
        targets = page.locator("[data-testid=stTooltipHoverTarget]")
        tip = page.locator("[data-testid=stTooltipContent]")
        for index in range(targets.count()):
            target = targets.nth(index)
            if not target.is_visible():
                continue
            target.scroll_into_view_if_needed()
            if not target.evaluate(ON_TOP):
                continue  # under another element (a data grid's own header tooltips): a user cannot hover it either
            target.hover()
            tip.first.wait_for(state="visible")
            self._probe(page)
            self.tooltips += 1
            page.mouse.move(1, 1)
            tip.first.wait_for(state="hidden")

    def _hover_bars(self, page) -> None:
        bars = page.locator(".js-plotly-plot .barlayer .point path")
        hover = page.locator(".js-plotly-plot .hoverlayer .hovertext")
        for index in range(min(bars.count(), 6)):
            page.mouse.move(1, 1)
            hover.first.wait_for(state="detached")  # so that the text read next is this bar's
            bars.nth(index).hover(force=True)
            hover.first.wait_for(state="attached")
            self.hover_texts.append(hover.first.text_content())
            self._probe(page)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return hostile.build(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_server(hostile_data, artifacts_dir):
    with running_server(hostile_data) as base:
        yield base


VIEWS = {
    "Overview": "?event=ev-bishkek-rally",
    "Map": "Map?event=ev-osh-rally",
    "Timeline": "Timeline?event=ev-atambayev-freed",
    "Actors": "Actors?event=ev-bishkek-rally",
    "Source": "Source?event=ev-bishkek-rally&sentence=kg-2020-10-06-s014",
    "Data": "Data",
    "Briefing": "Briefing",
}


@pytest.fixture(scope="module")
def tour(browser, hostile_server):
    """Each view visited once for the module's tests."""
    return cache(lambda name: Visit(browser, hostile_server, VIEWS[name], name))


@pytest.mark.parametrize("name", VIEWS)
def test_nothing_from_the_data_runs(tour, name):
    visit = tour(name)
    assert visit.exceptions == 0
    assert visit.title == ("Overview" if name == "Overview" else name)
    assert not visit.flags, f"a payload ran: window.__pwned = {visit.flags}"
    assert not visit.dialogs, visit.dialogs
    assert not visit.popups, visit.popups
    assert not visit.requests, f"the page fetched what the data named: {visit.requests}"
    assert not visit.injected, f"elements of the data's own: {sorted(visit.injected)}"
    assert not visit.images, visit.images


@pytest.mark.parametrize("name", VIEWS)
def test_no_text_of_the_data_becomes_a_live_link(tour, name):
    visit = tour(name)
    assert not visit.links, f"links made from the data: {sorted(visit.links)}"


@pytest.mark.parametrize("name", ["Overview", "Map", "Actors", "Source"])
def test_the_payloads_are_on_the_page_as_text(tour, name):
    """The checks above are not vacuous: the hostile text is there, shown as the characters it is made of."""
    text = tour(name).text
    assert "window.__pwned" in text
    assert any(
        marker in text
        for marker in (
            "<script>",
            "<img src=x",
            "<svg id=pwn",
            "[click me](javascript:",
            "<iframe id=pwn",
            "<details open",
        )
    )


def test_timeline_labels_and_hovers_show_the_summaries_as_written(tour, hostile_data):
    """Plotly draws text through its own HTML subset: what it draws must be the written text, character for character."""
    with (hostile_data / "events.csv").open(encoding="utf-8", newline="") as handle:
        summaries = [row["summary"] for row in csv.DictReader(handle)]
    visit = tour("Timeline")
    labels = set(visit.tick_labels)
    assert len(labels) >= 5, visit.tick_labels
    # A label is the summary, whole or cut at a word with an ellipsis, on up to two lines (one SVG tspan each,
    # so compared without the whitespace); an event that several sources report says how many after it.
    compact = ["".join(summary.split()) for summary in summaries]
    for label in labels:
        body = re.sub(r"\(\d+sources\)$", "", "".join(label.split())).removesuffix("…")
        assert body and any(summary.startswith(body) for summary in compact), label
    assert any('"' in label for label in labels)  # the check above covers quotes
    assert len(visit.hover_texts) >= 3
    for text in visit.hover_texts:
        assert any(summary in "".join(text.split()) for summary in compact), text
    assert any('"' in text for text in visit.hover_texts)


def test_tooltips_and_hovers_were_explored(tour):
    assert tour("Overview").tooltips >= 4  # the metric help and the source buttons, among others


# A link someone pastes into a chat: every value hostile, one key too.
HOSTILE_QUERY = (
    "?q=%3Cimg%20src%3Dx%20id%3Dpwn-q%20onerror%3Dwindow.__pwned%3D20%3E"
    "&actor=%5Ba%5D(javascript%3Awindow.__pwned%3D21)"
    "&event=%3Cscript%3Ewindow.__pwned%3D22%3C%2Fscript%3E"
    "&from=https%3A%2F%2Fevil.example%2Ffrom"
    "&%5Bkey%5D(https%3A%2F%2Fevil.example%2Fkey)=1"
)


@pytest.fixture(scope="module")
def url_visit(browser, hostile_server):
    return Visit(browser, hostile_server, HOSTILE_QUERY, "url")


def test_hostile_url_parameters_run_nothing_and_are_named(url_visit):
    visit = url_visit
    assert visit.exceptions == 0 and visit.title == "Overview"
    assert not visit.flags and not visit.dialogs and not visit.popups and not visit.requests
    assert not visit.injected and not visit.images
    # Each ignored value is named on the page, as the characters it is made of.
    assert "Ignored unknown parameter" in visit.text
    assert "not a date" in visit.text
    assert "no such actor" in visit.text and "no such event" in visit.text


def test_hostile_url_parameters_make_no_link(url_visit):
    assert not url_visit.links, sorted(url_visit.links)
