"""The briefing in headless Chromium: the page is one screen at 1920 x 1080, its quotes are verbatim,
its downloads and its printout are the slide, and the HTML file opens offline.

What must NOT happen, one check each: scrolling or clipping at 1920 x 1080; a quote that differs
from data/sentences.csv by a character; a request leaving the machine from the HTML file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from citemap.palette import BASEMAP_FILL

from .conftest import ROOT, screenshot
from .support import is_local, no_exception, open_page, sentences, settle

FILTERED = "Briefing?from=2020-10-05&to=2020-10-06&actor=act-atambayev"

# Everything that could scroll, and every part of the slide that lies outside the slide or the window.
OVERFLOW = """() => {
  const scrolling = [];
  for (const el of [document.scrollingElement, ...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]) {
    if (el && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1))
      scrolling.push(`${el.getAttribute('data-testid') || el.tagName}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
  }
  const slide = document.querySelector('.st-key-briefing_slide').getBoundingClientRect();
  const outside = [];
  if (slide.right > innerWidth || slide.bottom > innerHeight) outside.push(`slide ends at ${slide.right}x${slide.bottom}`);
  for (const el of document.querySelectorAll('.st-key-briefing_slide *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.left < slide.left - 1 || r.right > slide.right + 1 || r.top < slide.top - 1 || r.bottom > slide.bottom + 1)
      outside.push(`${el.tagName}.${el.className} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
    if (el.closest('.cm-brief') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      outside.push(`${el.tagName}.${el.className} cut off: ${el.scrollWidth} wide in ${el.clientWidth}`);
  }
  return {scrolling, outside: outside.slice(0, 10), slide: [slide.width, slide.height]};
}"""


@pytest.fixture
def full_hd(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        yield tab
    finally:
        context.close()


def charts_drawn(page) -> None:
    """Both charts of the slide are drawn: the map's canvas and the timeline's bars."""
    expect(page.locator(".st-key-briefing_map .js-plotly-plot .main-svg").first).to_be_attached()
    expect(page.locator(".st-key-briefing_timeline .js-plotly-plot .barlayer .point").first).to_be_attached()
    # Both copies of the map: the live one and the still one that prints, whose canvas is painted on its own schedule.
    page.wait_for_function("""() => {
      const mapOf = gd => gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
      const ready = map => !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
      const live = mapOf(document.querySelector('.st-key-briefing_map .js-plotly-plot'));
      const still = mapOf(document.querySelector('.st-key-briefing_map_print .js-plotly-plot'));
      if (!ready(live) || !ready(still)) return false;
      // Loaded is not painted: a busy machine paints a frame later. The still copy keeps its pixels (the live one
      // does not, so only this one can be read back): the country's fill must be on its canvas.
      const probe = document.createElement('canvas');
      probe.width = 64; probe.height = 36;
      const ctx = probe.getContext('2d');
      ctx.drawImage(still.getCanvas(), 0, 0, 64, 36);
      const px = ctx.getImageData(0, 0, 64, 36).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true;
      return false;
    }""")


@pytest.mark.parametrize("path, name", [("Briefing", "all"), (FILTERED, "atambayev")])
def test_the_slide_fits_a_full_hd_window_without_scrolling_or_clipping(server, full_hd, path, name):
    open_page(full_hd, server, path)
    charts_drawn(full_hd)
    settle(full_hd)
    no_exception(full_hd)
    found = full_hd.evaluate(OVERFLOW)
    assert not found["scrolling"], found["scrolling"]
    assert not found["outside"], found["outside"]
    width, height = found["slide"]
    assert width > 1400 and 1.6 < width / height < 1.9, f"the slide is {width} x {height}"
    screenshot(full_hd, f"briefing-page-{name}", full_height=False)


# Every part of the slide that lies outside it (nothing may be clipped or spill, whatever the window), and each chart's
# drawn width beside the width of its column.
LAID_OUT = """() => {
  const slide = document.querySelector('.st-key-briefing_slide').getBoundingClientRect();
  const outside = [];
  for (const el of document.querySelectorAll('.st-key-briefing_slide *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > slide.right + 1 || r.bottom > slide.bottom + 1 || r.left < slide.left - 1 || r.top < slide.top - 1) outside.push(`${el.tagName}.${el.className}`);
  }
  const charts = [...document.querySelectorAll('.st-key-briefing_map .main-svg, .st-key-briefing_timeline .main-svg')].map(svg => svg.getBoundingClientRect().width);
  return {slide: [slide.width, slide.height], outside: outside.slice(0, 10), charts};
}"""


@pytest.mark.parametrize("window", [1600, 2560])
def test_the_slide_takes_the_windows_width_without_sideways_scroll(server, browser, window):
    """The slide is laid out for the width the page has (charts included, not scaled by CSS): 16:9, every box
    inside it, the charts at their boxes' width, and no sideways scroll. (Below MIN_WIDTH of room, at 1280 px
    with the sidebar open, the page still scrolls sideways to a slide of MIN_WIDTH.)"""
    from citemap.briefing import frame_for_width

    context = browser.new_context(viewport={"width": window, "height": round(window * 10 / 16)})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, server, "Briefing")
        main = page.locator("[data-testid=stMainBlockContainer]")
        room = main.evaluate(
            "m => m.clientWidth - parseFloat(getComputedStyle(m).paddingLeft) - parseFloat(getComputedStyle(m).paddingRight)"
        )
        frame = frame_for_width(int(room // 20 * 20))
        expect(page.locator(".st-key-briefing_slide")).to_have_css("width", f"{frame.width}px")
        charts_drawn(page)
        settle(page)
        found = page.evaluate(LAID_OUT)
        width, height = found["slide"]
        assert round(width) == frame.width and abs(height - frame.width * 9 / 16) < 1, found["slide"]
        assert not found["outside"], found["outside"]
        boxes = frame.boxes()
        map_w, timeline_w = found["charts"][0], found["charts"][-1]
        assert abs(map_w - boxes["map"][2]) < 4 and abs(timeline_w - boxes["timeline"][2]) < 4, (found["charts"], boxes)
        assert main.evaluate("m => m.scrollWidth <= m.clientWidth"), (
            "the slide is wider than the page: it scrolls sideways"
        )
        screenshot(page, f"briefing-page-{window}", full_height=False)
    finally:
        context.close()


def test_every_footnote_on_the_page_quotes_its_sentence_verbatim(server, full_hd):
    open_page(full_hd, server, "Briefing")
    notes = full_hd.locator(".st-key-briefing_slide li[data-sentence]")
    expect(notes.first).to_be_visible()
    assert notes.count() >= 3
    for i in range(notes.count()):
        note = notes.nth(i)
        sentence_id = note.get_attribute("data-sentence")
        assert note.locator("q").text_content() == sentences()[sentence_id]
        expect(note.locator(".cm-cite")).to_contain_text(sentence_id)
    # Every marker on a number leads to a footnote.
    cited = set(full_hd.locator(".st-key-briefing_slide li[data-sentence] sup").all_text_contents())
    markers = set(full_hd.locator(".st-key-briefing_slide .cm-value sup").all_text_contents())
    assert markers and markers <= cited


def test_the_downloads_are_the_slide_drawn_on_the_server(server, full_hd, tmp_path):
    open_page(full_hd, server, FILTERED)
    with full_hd.expect_download(timeout=120_000) as download:
        full_hd.get_by_role("button", name="Download PNG").click()
    png = tmp_path / download.value.suggested_filename
    download.value.save_as(png)
    assert png.name == "citemap-briefing-from-2020-10-05_to-2020-10-06_actor-act-atambayev.png"
    assert Image.open(png).size == (1920, 1080)
    with full_hd.expect_download(timeout=120_000) as download:
        full_hd.get_by_role("button", name="Download PDF").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    no_exception(full_hd)


def test_printing_the_page_gives_the_slide_on_one_page(server, full_hd, tmp_path):
    open_page(full_hd, server, FILTERED)
    charts_drawn(full_hd)
    pdf = tmp_path / "printed.pdf"
    full_hd.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    # The title gives the days of the events shown (Atambayev's on 6 October), not the filter's own dates.
    assert "Kyrgyzstan, 6 October 2020" in text
    assert "Download PNG" not in text and "Reset filters" not in text, "the page's controls are printed"
    # A live WebGL map prints blank; the printout must show the country.
    subprocess.run(["pdftoppm", "-png", "-r", "48", "-singlefile", str(pdf), str(tmp_path / "printed")], check=True)
    pixels = np.asarray(Image.open(tmp_path / "printed.png").convert("RGB"), dtype=int)
    fill = np.array([int(BASEMAP_FILL[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - fill).max(axis=2) <= 6).mean() > 0.01, "the map is blank in the printout"


def test_the_html_file_opens_offline_with_no_request_leaving_the_machine(browser, tmp_path):
    target = tmp_path / "brief.html"
    done = subprocess.run(
        [sys.executable, "-m", "citemap", "brief", "--from", "2020-10-05", "--to", "2020-10-06", "-o", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    # Anything not on this machine is refused, and counted: the file must not need it.
    context.route(lambda url: not (url.startswith("file:") or is_local(url)), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(target.as_uri())
        page.wait_for_function("() => window.citemapReady !== undefined")
        assert page.evaluate("() => window.citemapReady.then(() => 'drawn')") == "drawn"
        expect(page.locator("#cm-timeline .barlayer .point").first).to_be_attached()
        assert page.evaluate("() => document.querySelector('.cm-box-map img').naturalWidth") > 600
        for note in page.locator("li[data-sentence]").all():
            assert note.locator("q").text_content() == sentences()[note.get_attribute("data-sentence")]
        page.screenshot(path=str(Path(ROOT / "tests" / "artifacts" / "screenshots" / "briefing-html.png")))
    finally:
        context.close()
    assert not errors, errors
    assert seen and seen[0].startswith("file:")
    leaving = sorted({url for url in seen if not (url.startswith("file:") or is_local(url))})
    assert not leaving, f"the HTML briefing fetched {leaving}"
