"""Map page: a marker in the WebGL map is found at its own lat/lon, hovered, clicked, and its evidence shown."""

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .support import (
    CHART_EVENT_IDS,
    MARKER_POSITION,
    click_mark,
    events,
    evidence,
    expect_quote_for,
    no_exception,
    open_page,
    rerun_done,
    settle,
    watch_rerun,
)

# (view radio label, event): a marker alone in Osh on the country view (named from the data: the bundled data is Kyrgyzstan), and a hollow
# (place approximate) marker fanned out with seven others around its point in Bishkek.
MARKERS = [("Kyrgyzstan", "ev-osh-rally"), ("Bishkek", "ev-atambayev-freed")]


# Where the map looks, once it has loaded and stopped moving: "lat,lon,zoom", or null.
MAP_VIEW = """() => { const gd = document.querySelector('.st-key-map_chart:not([data-stale=true]) .js-plotly-plot');
  const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  if (!map || !map.loaded() || map.isMoving()) return null;
  const c = map.getCenter(); return [c.lat.toFixed(3), c.lng.toFixed(3), map.getZoom().toFixed(2)].join(','); }"""


def choose_view(page, label: str) -> None:
    """Pick a map view and wait until the map has been redrawn looking somewhere else."""
    view = page.locator(".st-key-map_view")
    before = page.wait_for_function(MAP_VIEW).json_value()
    if view.get_by_role("radio", name=label).is_checked():
        return
    view.get_by_text(label, exact=True).click()
    expect(view.get_by_role("radio", name=label)).to_be_checked()
    page.wait_for_function(f"() => {{ const now = ({MAP_VIEW})(); return now !== null && now !== {before!r}; }}")
    settle(page)


def test_each_map_view_draws_markers(server, page):
    """The country and Bishkek views each draw their markers (saved as map-view-*.png to look at); Osh, one dot at
    its city point, gets no view of its own."""
    open_page(page, server, "Map")
    expect(page.locator(".st-key-map_view").get_by_role("radio")).to_have_count(2)
    for label, name in (("Kyrgyzstan", "country"), ("Bishkek", "bishkek")):
        choose_view(page, label)
        assert page.evaluate(CHART_EVENT_IDS, "map_chart"), f"the {label} view draws no marker"
        screenshot(page, f"map-view-{name}", full_height=False)
    no_exception(page)


def test_markers_are_where_their_traces_say_and_hover_names_the_event(server, page):
    """Not the bug's scenario: each marker really is at its projected position, and plotly registers the click."""
    open_page(page, server, "Map")
    for view, event_id in MARKERS:
        choose_view(page, view)
        click_mark(page, MARKER_POSITION, "map_chart", event_id, events()[event_id]["summary"])
    no_exception(page)


@pytest.mark.parametrize("view,event_id", MARKERS, ids=[e for _, e in MARKERS])
def test_clicking_a_marker_shows_its_verbatim_quote(server, page, view, event_id):
    open_page(page, server, "Map")
    choose_view(page, view)
    click_mark(page, MARKER_POSITION, "map_chart", event_id, events()[event_id]["summary"])
    try:
        expect_quote_for(
            page, event_id, timeout=10_000
        )  # returns as soon as the quote shows; the margin is for loaded CI machines
        # A view other than the first is in the URL too, after the selection.
        expect(page).to_have_url(f"{server}/Map?event={event_id}" + ("&view=pl-bishkek" if view == "Bishkek" else ""))
    finally:
        screenshot(page, f"map-click-{event_id}", full_height=False)


# The biggest disc of crowded events on the map (the first point of the discs' outer rings: discs come most events
# first), where it is on the page and the ids it stands for; or null while the map is not ready.
DISC_POSITION = """(chartKey) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  if (!gd || !gd._fullLayout || !gd._fullLayout.map || !gd._fullLayout.map._subplot) return null;
  const map = gd._fullLayout.map._subplot.map;
  if (!map.loaded() || map.isMoving()) return null;
  const trace = gd._fullData.find(t => t.name === 'crowded places, types ranked 1');
  if (!trace) return null;
  const point = map.project([trace.lon[0], trace.lat[0]]), canvas = map.getCanvas().getBoundingClientRect();
  return {x: canvas.left + point.x, y: canvas.top + point.y, ids: trace.customdata[0][0]};
}"""


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory, artifacts_dir):
    """3,000 synthetic events: their riots crowd the towns at the country's zoom."""
    from citemap.synth import synth

    from .conftest import running_server

    with running_server(synth(3000, tmp_path_factory.mktemp("crowded") / "data", seed=5)) as base:
        yield base


def test_clicking_a_disc_of_crowded_events_lists_them_in_the_evidence_panel(crowded_server, page):
    """A disc's hover says how many events it counts; a click selects them all: the panel says how many, shows the
    first and puts it in the URL."""
    open_page(page, crowded_server, "Map?type=Riots")
    page.locator(".st-key-map_chart").scroll_into_view_if_needed()
    spot = page.wait_for_function(DISC_POSITION, arg="map_chart").json_value()
    ids = spot["ids"].split(";")
    page.mouse.move(spot["x"], spot["y"])
    expect(page.locator(".st-key-map_chart .hoverlayer .hovertext").first).to_contain_text(f"{len(ids)} events")
    watch_rerun(page)
    page.mouse.click(spot["x"], spot["y"])
    rerun_done(page)
    try:
        expect(evidence(page)).to_contain_text(f"{len(ids)} events selected on the chart; showing one at a time")
        expect(page).to_have_url(f"{crowded_server}/Map?type=Riots&event={ids[0]}")
        no_exception(page)
    finally:
        screenshot(page, "map-click-crowded-disc", full_height=False)


# The events the map draws (a disc's ids are ';'-joined), those inside the map's frame, and the footer's words.
DRAWN = """(chartKey) => {
  const gd = document.querySelector(`.st-key-${chartKey}:not([data-stale=true]) .js-plotly-plot`);
  const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  if (!map || !map.loaded() || map.isMoving()) return null;
  const all = new Set(), inside = new Set(), bounds = map.getBounds();
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.hoverinfo === 'skip') continue;
    trace.customdata.forEach((c, i) => c[0].split(';').forEach(id => {
      all.add(id);
      if (bounds.contains([trace.lon[i], trace.lat[i]])) inside.add(id);
    }));
  }
  const footer = gd.layout.annotations.find(a => a.name === 'citemap-footer');
  return {all: all.size, inside: inside.size, footer: footer.text.replace(/<br>/g, ' ')};
}"""


def test_the_footer_counts_the_markers_drawn_and_a_shared_view_opens_where_it_was(server, page):
    """A link with view=pl-bishkek opens the Bishkek view; its footer's count is the events drawn in its frame, and
    the country view's is every event drawn."""
    open_page(page, server, "Map?view=pl-bishkek")
    expect(page.locator(".st-key-map_view").get_by_role("radio", name="Bishkek")).to_be_checked()
    drawn = page.wait_for_function(DRAWN, arg="map_chart").json_value()
    assert drawn["footer"].startswith(
        f"{drawn['inside']} of 38 events in this view, {drawn['all'] - drawn['inside']} elsewhere"
    )
    screenshot(page, "map-shared-bishkek-view", full_height=False)
    choose_view(page, "Kyrgyzstan")
    expect(page).to_have_url(f"{server}/Map")
    drawn = page.wait_for_function(DRAWN, arg="map_chart").json_value()
    assert drawn["footer"].startswith(f"{drawn['all']} of 38 events on the map;")
    no_exception(page)
