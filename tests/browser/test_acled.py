"""An imported ACLED export of another continent in the browser: a small Nigerian sample (tests/acled/samples)
imported into a temporary folder, the dashboard started on it. The map opens on Nigeria (its view named from the
data, its outline drawn, looking at the country), a dot opens ACLED's notes quoted as the source's own words with
ACLED's attribution; the Map and the Overview are saved at three widths to look at."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from citemap.acled.importer import import_acled

from .conftest import ROOT, running_server, screenshot
from .support import MARKER_POSITION, click_mark, evidence, no_exception, open_page, settle, visible

SAMPLE = ROOT / "tests" / "acled" / "samples" / "nga_long_dates_crlf_bom.csv"
EVENT = "NGA9102"  # the Abuja protest: alone at its town, so its dot is not fanned out with others

# The map's centre once it has loaded and stopped moving, and the extent [west, south, east, north] of the
# outlines it draws (its geojson layers).
MAP_STATE = """() => { const gd = document.querySelector('.st-key-map_chart:not([data-stale=true]) .js-plotly-plot');
  const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  if (!map || !map.loaded() || map.isMoving()) return null;
  const points = [];
  const walk = a => { if (typeof a[0] === 'number') points.push(a); else a.forEach(walk); };
  const geometries = s => !s ? [] : s.type === 'FeatureCollection' ? s.features.map(f => f.geometry)
    : s.type === 'Feature' ? [s.geometry] : [s];
  for (const layer of gd._fullLayout.map.layers || [])
    for (const g of geometries(layer.source)) if (g && g.coordinates) walk(g.coordinates);
  const lons = points.map(p => p[0]), lats = points.map(p => p[1]);
  const c = map.getCenter();
  return {lat: c.lat, lon: c.lng, outline: points.length ? [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] : null}; }"""


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def nigeria(tmp_path_factory, artifacts_dir) -> tuple[str, Path]:
    data = tmp_path_factory.mktemp("acled-nga") / "data"
    assert import_acled([SAMPLE], data, out=io.StringIO()) == 0
    with running_server(data) as base:
        yield base, data


def test_an_imported_nigerian_export_opens_on_nigeria_and_quotes_acleds_notes(nigeria, page):
    base, data = nigeria
    open_page(page, base, "Map")
    view = page.locator(".st-key-map_view")
    expect(view.get_by_role("radio", name="Nigeria")).to_be_checked()  # the overview, named from the data
    state = page.wait_for_function(MAP_STATE).json_value()
    # Looking at Nigeria (about 4-14 N, 3-15 E), with the country's outline among the map's layers.
    assert 4 < state["lat"] < 14 and 2.5 < state["lon"] < 15, state
    west, south, east, north = state["outline"] or (0, 0, 0, 0)
    assert 2 < west < 3.5 and 3.5 < south < 5 and 14 < east < 15.5 and 13 < north < 14.5, f"outline drawn: {state}"

    event = next(e for e in rows(data / "events.csv") if e["event_id"] == EVENT)
    click_mark(page, MARKER_POSITION, "map_chart", EVENT, event["summary"])
    panel = evidence(page)
    expect(panel.locator(f".cm-evidence[data-event='{EVENT}']")).to_be_visible()
    sentences = {s["sentence_id"]: s["text"] for s in rows(data / "sentences.csv")}
    notes = next(r for r in _sample_rows() if r["event_id_cnty"] == EVENT)
    for sentence_id in event["sentence_ids"].split(";"):
        block = panel.locator(f"blockquote[id='quote-{sentence_id}']")
        expect(block).to_be_visible()
        assert f"“{sentences[sentence_id]}”" in visible(block.text_content() or "")
    # The first quote is ACLED's own notes, word for word as the export gives them.
    first = event["sentence_ids"].split(";")[0]
    assert sentences[first] in notes["notes"]
    source = next(s for s in rows(data / "sources.csv") if s["source_id"] == f"acled-{EVENT}")
    # ACLED's credit line (its name and address, the event, the outlets it coded it from) travels with its words.
    expect(panel.locator(".cm-credit")).to_contain_text(f"Credit: {source['attribution']}")
    no_exception(page)

    # The Map and the Overview at the narrowest and widest widths, saved to look at (tests/artifacts/screenshots/acled-nga-*.png);
    # 1600 px was looked at once and left out to keep CI under its time.
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 1000})
        for name, path in (("map", "Map"), ("overview", "")):
            open_page(page, base, path)
            page.wait_for_selector("h1", state="visible")
            settle(page)
            no_exception(page)
            screenshot(page, f"acled-nga-{name}-{width}", full_height=False)


def _sample_rows() -> list[dict[str, str]]:
    """The sample's rows as ACLED wrote them (UTF-8 with a byte-order mark, CRLF)."""
    text = SAMPLE.read_bytes().decode("utf-8-sig")
    return [{k.lower(): v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text, newline=""))]
