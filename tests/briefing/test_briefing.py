"""The briefing: what the slide says, the files `python -m citemap brief` writes, and the Briefing page.

Expected quotes come from data/sentences.csv read with the csv module, not from
citemap's loader. The command is run as a user runs it, in a subprocess, and
its PNG, PDF and HTML are opened with PIL, poppler and a plain parser.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from citemap import briefing
from citemap.charts.map_views import MapView
from citemap.filters import Filters, apply
from citemap.palette import BASEMAP_FILL, colour

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
ATAMBAYEV = Filters(date_from=date(2020, 10, 5), date_to=date(2020, 10, 6), actors=("act-atambayev",))
ARGS = ["--from", "2020-10-05", "--to", "2020-10-06", "--actor", "act-atambayev"]


@cache
def sentences() -> dict[str, str]:
    with open(ROOT / "data" / "sentences.csv", newline="", encoding="utf-8") as handle:
        return {row["sentence_id"]: row["text"] for row in csv.DictReader(handle)}


def needs_chromium():
    if briefing.find_chromium() is None:
        pytest.fail("no Chromium on this machine: install Debian's chromium (tests/run does)")


# ------------------------------------------------------------------ what the slide says


def test_numbers_carry_markers_and_every_marker_quotes_its_sentence_verbatim(index, basemap):
    b = briefing.build(index, Filters(), basemap)
    assert [n.label for n in b.numbers[:2]] == ["Killed", "Wounded"]
    # Two numbers from one sentence share one footnote.
    assert b.numbers[0].marker == b.numbers[1].marker == 1
    notes = {f.marker: f for f in b.footnotes}
    assert sorted(notes) == list(range(1, len(notes) + 1))
    for number in b.numbers:
        assert notes[number.marker].sentence_id == number.sentence_id
    for footnote in b.footnotes:
        assert footnote.text == sentences()[footnote.sentence_id]
    assert {m for n in b.numbers for m in n.markers} == set(notes), "a footnote no number points to"
    assert (index.dataset.figures["event_id"] != "").sum() == 22  # the figures tied to an event
    # killed (one report leads), wounded (three reports), participants, participants at start (before ≥2 buildings)
    assert b.more_numbers == 22 - 6


def test_each_metric_leads_once_and_its_other_counts_are_left_for_the_dashboard(index, basemap):
    """Two crowd sizes of two different events are two quantities: the larger one leads, the other is counted as more."""
    b = briefing.build(index, Filters(), basemap)
    participants = [n for n in b.numbers if n.label == "Participants"]
    assert [n.value for n in participants] == [
        "≥5,000"
    ]  # Wikipedia's crowd of 5 October; the 2,000 who broke in are more
    assert len({n.label for n in b.numbers}) == len(b.numbers)


def test_a_contested_number_shows_its_range_with_a_footnote_for_every_report(tmp_path, basemap):
    from citemap.dataset import load
    from citemap.index import DatasetIndex

    from .. import multisource

    two = DatasetIndex(load(multisource.build(tmp_path / "data")))
    b = briefing.build(two, Filters(), basemap)
    wounded = next(n for n in b.numbers if n.label == "Wounded")
    assert wounded.value == "590 – ≥1,000"
    notes = {f.marker: f for f in b.footnotes}
    assert [notes[m].sentence_id for m in wounded.markers] == ["news-s002", "wiki-s002", "wiki-s003"]
    assert [notes[m].where for m in wounded.markers] == [
        "News, paragraph 1",
        "Wikipedia, paragraph 1",
        "Wikipedia, paragraph 1",
    ]
    assert wounded.attribution.startswith(
        "Sources disagree: 590 (Government of Kyrgyzstan, News); 590 (Wikipedia); ≥1,000 (Wikipedia)"
    )
    left = briefing.left_html(b)
    value_box = left[left.index('data-figure="fig-news-wounded"') :]
    value_box = value_box[: value_box.index("</div>")]
    assert [int(m) for m in re.findall(r'data-note="(\d+)"', value_box)] == list(wounded.markers)


def test_title_and_filter_sentence(index, basemap):
    b = briefing.build(index, ATAMBAYEV, basemap)
    assert b.title == "Kyrgyzstan, 6 October 2020, with background from earlier in 2020"  # freed; sentenced "this year"
    assert b.description == "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev"
    assert b.params == {"from": "2020-10-05", "to": "2020-10-06", "actor": "act-atambayev"}
    assert b.file_name("png") == "citemap-briefing-from-2020-10-05_to-2020-10-06_actor-act-atambayev.png"
    # Wikipedia runs to 15 October; the background events (the 2005 and 2010 revolutions) are included too.
    assert (
        briefing.build(index, Filters(), basemap).title == "Kyrgyzstan, 4–15 October 2020, with background since 2005"
    )


def test_the_title_dates_are_those_of_the_events_included(index, basemap):
    days = replace(Filters(), date_from=date(2020, 10, 4), date_to=date(2020, 10, 6))
    b = briefing.build(index, days, basemap)
    events = apply(index, days)
    oldest = events["event_date"].min()
    assert oldest.year == 2020 and oldest.month == 1  # 'this year': the sentence to Atambayev, over the filter's days
    assert b.title == "Kyrgyzstan, 4–6 October 2020, with background from earlier in 2020"


def test_a_low_floor_from_a_vague_word_gives_way_to_a_firmer_number(index, basemap):
    b = briefing.build(index, Filters(), basemap)
    values = [n.value for n in b.numbers]
    assert "≥2" not in values  # 'several more buildings' (≥2 seized) is not a headline while a firm count waits
    assert ("1,000", "Participants at start") in [(n.value, n.label) for n in b.numbers]


def test_key_actors_take_part_and_the_media_only_report(index, basemap):
    b = briefing.build(index, Filters(), basemap)
    names = [a.name for a in b.actors]
    assert names[0] == "Sooronbay Jeenbekov" and {"Protesters", "Opposition supporters and groups"} <= set(names[1:3])
    assert not {"AFP", "AP", "Local media", "24.kg", "Insider Paper", "BBC"} & set(names)
    assert [a.event_count for a in b.actors] == sorted((a.event_count for a in b.actors), reverse=True)


def test_without_numbers_the_slide_quotes_its_key_events(index, basemap):
    b = briefing.build(index, Filters(places=("pl-osh",)), basemap)
    assert not b.numbers
    assert [e.event_id for e in b.key_events] == ["ev-osh-rally"]
    assert b.footnotes[0].sentence_id == "kg-2020-10-06-s029"
    assert b.footnotes[0].text == sentences()["kg-2020-10-06-s029"]


def test_a_filter_that_matches_nothing_still_makes_a_slide(index, basemap):
    b = briefing.build(index, Filters(search="no such words anywhere"), basemap)
    assert b.event_count == 0 and not b.numbers and not b.footnotes and not b.actors
    page = briefing.to_html(b, images={})
    assert "No event matches this filter." in page and "Nothing to cite" in page


def map_pixel(view, lat: float, lon: float, width: int, height: int) -> tuple[float, float]:
    """Where (lat, lon) falls in a map of this size, in pixels from its top-left (web Mercator, 512 px tiles)."""
    import math

    scale = 512 * 2**view.zoom / (2 * math.pi)

    def project(la, lo):
        return scale * math.radians(lo), scale * math.log(math.tan(math.pi / 4 + math.radians(la) / 2))

    cx, cy = project(*view.center)
    x, y = project(lat, lon)
    return width / 2 + (x - cx), height / 2 - (y - cy)


@pytest.mark.parametrize(
    "filters", [Filters(), ATAMBAYEV, Filters(places=("pl-osh",))], ids=["all", "atambayev", "osh"]
)
def test_the_map_shows_the_whole_country_with_bishkek_and_osh_named(index, basemap, filters):
    b = briefing.build(index, filters, basemap)
    fig = b.map.figure
    layout = fig.layout
    plot_w = briefing.SLIDE.map_w
    plot_h = layout.height - layout.margin.t - layout.margin.b
    view = MapView("v", "v", (layout.map.center.lat, layout.map.center.lon), layout.map.zoom)
    west, south, east, north = basemap.bounds()
    for lat, lon in (
        (north, west),
        (south, east),
        (42.87472, 74.61222),
        (40.53, 72.8),
    ):  # the country's corners, Bishkek, Osh
        x, y = map_pixel(view, lat, lon, plot_w, plot_h)
        assert 0 <= x <= plot_w and 0 <= y <= plot_h, f"({lat}, {lon}) falls outside the map at ({x:.0f}, {y:.0f})"
    assert any(t.name == "labels" for t in fig.data), "the cities are not named"


def test_one_palette_and_projector_sized_type(index, basemap):
    b = briefing.build(index, Filters(), basemap)
    for fig in (b.map.figure, b.timeline.figure):
        for trace in fig.data:
            if trace.showlegend is not False and trace.legendgroup:
                marker_colour = trace.marker.color
                assert colour(trace.legendgroup) in str(marker_colour) or _rgba(colour(trace.legendgroup)) in str(
                    marker_colour
                )
        assert fig.layout.title.font.size >= 18
        assert fig.layout.legend.font.size >= 14
    for axis in b.timeline.figure.select_yaxes():
        assert axis.tickfont.size >= 14
    assert briefing.SLIDE.font_px >= 16
    slide = briefing.to_html(b, images={})
    for event_type in b.event_types:
        assert f"background:{colour(event_type)}" in slide


def _rgba(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},"


def test_the_html_is_self_contained(index, basemap):
    b = briefing.build(index, ATAMBAYEV, basemap)
    page = briefing.to_html(b, images={})
    # Nothing is fetched: no external script, stylesheet, font, frame or image.
    assert not re.search(r"<(script|img|iframe|link)[^>]+(src|href)=[\"']?(https?:)?//", page, re.I)
    assert "@import" not in page and "url(http" not in page and "<link" not in page
    assert page.count("<script") == 3 and "Plotly.newPlot" in page  # the fitting script, plotly.js, the charts
    assert "The map draws when this file is opened from a web server" in page  # written without Chromium: a live map
    assert "opened from a web server" not in briefing.to_html(b, images={"map": b"png"})
    for footnote in b.footnotes:
        assert f"{html.escape(footnote.text, quote=True)}</q>" in page


# ------------------------------------------------------------------ the command


def brief(tmp_path: Path, name: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citemap", "brief", *args, "-o", str(tmp_path / name)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def share(image: Image.Image, box: tuple[int, int, int, int], wanted: str, tolerance: int = 18) -> float:
    """The share of a box's pixels within `tolerance` of a colour."""
    x, y, w, h = box
    target = np.array([int(wanted[i : i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image.convert("RGB").crop((x, y, x + w, y + h)), dtype=int)
    return float((np.abs(pixels - target).max(axis=2) <= tolerance).mean())


def test_command_writes_a_full_size_png_with_map_and_timeline_drawn(tmp_path, index, basemap):
    needs_chromium()
    done = brief(tmp_path, "brief.png", *ARGS)
    assert done.returncode == 0, done.stderr
    assert "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev" in done.stdout
    image = Image.open(tmp_path / "brief.png")
    assert image.size == (1920, 1080)
    boxes = briefing.chart_boxes(briefing.build(index, ATAMBAYEV, basemap))
    green = colour("Strategic developments")  # both events of the filter are strategic developments
    assert share(image, boxes["map"], BASEMAP_FILL) > 0.10, "no country drawn in the map's box"
    assert share(image, boxes["map"], green) > 0.001, "no event marker in the map's box"
    assert share(image, boxes["timeline"], green) > 0.01, "no bar in the timeline's box"
    header = np.asarray(image.convert("L").crop((0, 0, 1920, 140)))
    assert header.min() < 80, "no title drawn"


def test_command_writes_a_one_page_pdf_with_the_quotes_as_text(tmp_path):
    needs_chromium()
    done = brief(tmp_path, "brief.pdf", *ARGS)
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "brief.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(tmp_path / "brief.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+1440 x 810 pts", info, re.M), info  # 1920 x 1080 CSS pixels
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "brief.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Early on Tuesday, around 2,000 protesters broke into the government" in text


def test_command_writes_an_html_file_with_the_map_as_a_picture(tmp_path):
    needs_chromium()
    done = brief(tmp_path, "brief.html", *ARGS)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert re.search(r'<figure class="cm-box-map"[^>]*><img alt="[^"]+" src="data:image/png;base64,', page)
    assert '<div class="cm-plot" id="cm-timeline">' in page
    assert "kg-2020-10-06-s006" in page and html.escape(sentences()["kg-2020-10-06-s006"]) in page


def test_command_explains_a_missing_chromium_and_writes_nothing(tmp_path):
    done = brief(tmp_path, "brief.png", *ARGS, env={"BROWSER_PATH": str(tmp_path / "no-chromium")})
    assert done.returncode == 2
    assert "Chromium" in done.stderr and "Traceback" not in done.stderr
    assert "brief.html" in done.stderr  # says what works without it
    assert not (tmp_path / "brief.png").exists()


def test_command_refuses_a_filter_value_it_would_ignore(tmp_path):
    done = brief(tmp_path, "brief.png", "--actor", "act-nobody")
    assert done.returncode == 2
    assert "act-nobody" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "brief.png").exists()


def test_command_refuses_an_unknown_format(tmp_path):
    done = brief(tmp_path, "brief.gif")
    assert done.returncode == 2 and ".png, .pdf or .html" in done.stderr


def test_png_at_scale_two_is_twice_the_size(index, basemap):
    needs_chromium()
    png = briefing.render(briefing.build(index, Filters(event_types=("Riots",)), basemap), "png", scale=2)
    assert Image.open(io.BytesIO(png)).size == (3840, 2160)


# ------------------------------------------------------------------ the page


def briefing_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/6_Briefing.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


FOOTNOTE = re.compile(r'<li data-sentence="([^"]+)"><sup data-note="(\d+)">\d+</sup><q class="cm-q">([^<]*)</q>')


def test_page_quotes_every_footnote_verbatim_and_offers_three_downloads():
    at = briefing_page(**{"from": "2020-10-05", "to": "2020-10-06"})
    body = "\n".join(element.proto.body for element in at.get("html"))
    found = FOOTNOTE.findall(body)
    assert len(found) >= 3
    for sentence_id, _, text in found:
        assert html.unescape(text) == sentences()[sentence_id]
    markers = set(re.findall(r'class="cm-value[^"]*">[^<]*<sup data-note="(\d+)">', body))
    assert markers and markers <= {marker for _, marker, _ in found}
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download PNG", "Download PDF", "Download HTML"]
    assert "<h1" not in body, "the page has its own h1; the slide's title must not be a second one"


def test_page_without_chromium_says_so_and_keeps_the_html_download(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    at = briefing_page()
    buttons = {button.proto.label: button.proto.disabled for button in at.get("download_button")}
    assert buttons == {"Download PNG": True, "Download PDF": True, "Download HTML": False}
    assert any("Chromium" in info.value for info in at.info)


def test_the_frame_constants_add_up():
    for frame in (briefing.SLIDE, briefing.PAGE):
        boxes = frame.boxes()
        assert boxes["footer"][1] + boxes["footer"][3] <= frame.height - frame.pad_y
        assert boxes["timeline"][0] + boxes["timeline"][2] == frame.width - frame.pad_x


def test_the_readme_shows_the_command_and_an_example_briefing():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Briefings")
    section = readme[start : readme.find("\n## ", start + 1) if "\n## " in readme[start + 1 :] else len(readme)]
    assert "python3 -m citemap brief --from 2020-10-05 --to 2020-10-06" in section
    assert "](docs/briefing.png)" in section
    assert Image.open(ROOT / "docs" / "briefing.png").size == (1920, 1080)
    for key in re.findall(r"--(\w+) ", section):
        assert key in briefing.FILTER_KEYS + ("scale", "actor"), (
            f"the README names an option the command lacks: --{key}"
        )


def test_command_says_when_it_cannot_write_the_file(tmp_path):
    done = brief(tmp_path, "no-such-folder/brief.html", env={"BROWSER_PATH": str(tmp_path / "no-chromium")})
    assert done.returncode == 2
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("available", [1200, 1300, 1556, 1900, 2200])
def test_the_page_frame_follows_the_width_the_page_has(available):
    frame = briefing.frame_for_width(available)
    assert frame.width == available  # the slide takes the page's width: no sideways scroll, no empty margin
    assert abs(frame.height - frame.width * 9 / 16) <= 1  # 16:9 kept
    used = frame.pad_y * 2 + frame.header_h + frame.body_h + frame.notes_h + frame.footer_h + frame.gap * 3
    assert used <= frame.height  # every box inside the slide
    assert frame.timeline_w > 0 and frame.font_px >= 10
    assert frame.boxes()["timeline"][0] + frame.timeline_w <= frame.width - frame.pad_x + 1


def test_a_page_narrower_than_the_slide_can_be_keeps_the_narrowest_readable_slide():
    assert briefing.frame_for_width(900).width == briefing.frame_for_width(1200).width == 1200
