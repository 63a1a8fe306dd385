"""Branded figures: the picture itself says what it shows, for which filter, how current, and from where.

Pure tests call citemap.branding on real charts of the bundled data; one test
draws a branded chart with kaleido and looks for the drawn text in the PNG;
the page tests read the figure and config each page hands to st.plotly_chart.
"""

from __future__ import annotations

import html
import io
import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from citemap.branding import EDGE_PX, attribution, brand, export_config, file_name, stamp_for, wrap_items
from citemap.charts.map import draw_map
from citemap.charts.map_layout import MapCanvas, map_layout
from citemap.charts.map_views import views
from citemap.charts.timeline import timeline
from citemap.filters import Filters, apply, describe
from citemap.urlstate import ViewState, encode

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
FILTER = Filters(date_from=date(2020, 10, 5), date_to=date(2020, 10, 6), actors=("act-atambayev",))
AS_OF = "2020-10-15"  # the article is of 6 October; Wikipedia, of unknown date, reports events to 15 October
# Both bundled sources: the Atambayev filter keeps his release, which the article and Wikipedia report.
SOURCE = "Sources: News article, 6 Oct 2020 (publisher unknown; published 2020-10-06, inferred); Wikipedia (encyclopedia; Wikipedia contributors; date unknown; CC BY-SA 4.0)"


def footer_text(fig) -> str:
    """The footer annotation as a reader sees it: lines joined, entities decoded."""
    footers = [a for a in fig.layout.annotations if a.name == "citemap-footer"]
    assert len(footers) == 1, "exactly one footer"
    return html.unescape(footers[0].text.replace("<br>", " "))


def branded_timeline(index, filters=FILTER, width_px=640, **kwargs):
    events = apply(index, filters)
    sentence = describe(index, filters, len(events))
    fig = timeline(events)
    return fig, brand(
        fig,
        title="Timeline of events",
        filter_sentence=sentence,
        as_of=index.dataset.as_of,
        attribution=attribution(index, events),
        view="timeline",
        params=encode(ViewState(filters)),
        width_px=width_px,
        **kwargs,
    )


def test_title_footer_and_meta_are_inside_the_figure(index):
    _, branded = branded_timeline(index)
    fig = branded.figure
    assert fig.layout.title.text == "<b>Timeline of events</b>"
    assert fig.layout.title.xref == "container" and fig.layout.title.yref == "container"
    text = footer_text(fig)
    assert "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev" in text
    assert f"Data as of {AS_OF}" in text
    assert SOURCE in text
    assert fig.layout.meta["citemap"] == {
        "title": "Timeline of events",
        "filter_sentence": "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev",
        "as_of": AS_OF,
        "attribution": SOURCE,
        "view": "timeline",
    }


def test_export_config_names_the_view_and_the_filter():
    config = export_config("map-overview", {"from": "2020-10-05", "to": "2020-10-06", "actor": "act-atambayev"})
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "scale": 2,
        "filename": "citemap-map-overview-from-2020-10-05_to-2020-10-06_actor-act-atambayev",
    }
    assert file_name("timeline", {}) == "citemap-timeline-all"
    assert config["displaylogo"] is False


def test_dataset_text_is_escaped_not_rendered(index):
    fig = timeline(apply(index, FILTER))
    branded = brand(
        fig,
        title="<img src=x onerror=alert(1)>",
        filter_sentence="<a href='javascript:x'>click</a>",
        as_of=AS_OF,
        attribution="<script>x</script>",
        view="timeline",
    )
    raw = branded.figure.layout.title.text + "".join(a.text for a in branded.figure.layout.annotations)
    assert "<img" not in raw and "<a " not in raw and "<script" not in raw
    assert "&lt;script&gt;" in raw


@pytest.mark.parametrize("width_px", [320, 420, 640, 1200])
def test_footer_lines_fit_the_narrowest_width(index, width_px):
    _, branded = branded_timeline(index, width_px=width_px)
    footer = next(a for a in branded.figure.layout.annotations if a.name == "citemap-footer")
    lines = [html.unescape(line) for line in footer.text.split("<br>")]
    limit = int((width_px - 2 * EDGE_PX) / (footer.font.size * 0.6))
    assert all(len(line) <= limit for line in lines), lines
    assert len(lines) >= (3 if width_px <= 420 else 2)


def test_wrap_keeps_items_whole_where_they_fit():
    assert wrap_items(["5 of 38 events", "Data as of 2020-10-06", "Citemap"], 1000, 13) == [
        "5 of 38 events · Data as of 2020-10-06 · Citemap"
    ]
    assert wrap_items(["5 of 38 events", "Data as of 2020-10-06"], 200, 13) == [
        "5 of 38 events",
        "Data as of 2020-10-06",
    ]
    long = wrap_items(["one two three four five six seven eight nine ten"], 150, 13)
    assert " ".join(long) == "one two three four five six seven eight nine ten" and len(long) > 1


def test_plot_area_keeps_its_height_unless_the_height_is_fixed(index):
    fig, branded = branded_timeline(index)
    before = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    after = branded.figure.layout
    assert after.height - after.margin.t - after.margin.b == before
    _, fixed = branded_timeline(index, height=700)
    assert fixed.figure.layout.height == 700


def test_the_legend_sits_between_the_title_and_the_plot(index):
    """The timeline's legend is over its first panel (beside the chart it explains), in the band its layout keeps
    for it under the title: branding adds the title's band above and measures nothing in the figure."""
    fig, branded = branded_timeline(index, filters=Filters())
    layout = branded.figure.layout
    assert (layout.legend.yref, layout.legend.yanchor) == ("paper", "bottom") and layout.legend.y >= 1
    title_px = (layout.title.text.count("<br>") + 1) * layout.title.font.size
    assert layout.margin.t - fig.layout.margin.t >= title_px, "the title's band is added above the legend's"
    assert layout.margin.l == fig.layout.margin.l, "the labels' column is the layout's"


def test_map_attribution_names_the_boundaries(index, basemap):
    events = apply(index, Filters())
    assert attribution(index, events) == SOURCE
    assert attribution(index, events, basemap=True) == SOURCE + "; boundaries: Natural Earth"
    stamp = stamp_for(index, events, "Map", "38 of 38 events, no filter", basemap=True)
    assert stamp.as_of == AS_OF and stamp.footer_items()[0] == "38 of 38 events, no filter"


def dark_rows(image: Image.Image, top: int, bottom: int) -> int:
    """Rows of the band that hold text-dark pixels (the footer and title are drawn in ink and grey)."""
    gray = image.convert("L")
    width = gray.size[0]
    return sum(1 for y in range(top, bottom) if min(gray.getpixel((x, y)) for x in range(0, width, 2)) < 140)


def test_the_drawn_png_carries_title_and_footer(index, basemap):
    """Kaleido draws the branded map: the title band and the footer band hold text, the picture is 2x."""
    kaleido = pytest.importorskip("kaleido")
    from citemap.briefing import find_chromium

    if find_chromium() is None:
        pytest.skip("no Chromium on this machine")
    events = apply(index, FILTER)
    view = views(index.events, index.dataset.places, basemap)[0]
    fig = draw_map(
        map_layout(events, index.dataset.places, basemap, view, MapCanvas(width_px=600, height_px=360)), basemap
    )
    branded = brand(
        fig,
        title="Map of events",
        filter_sentence=describe(index, FILTER, len(events)),
        as_of=AS_OF,
        attribution=attribution(index, events, basemap=True),
        view="map-overview",
        width_px=600,
    ).figure
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    png = kaleido.calc_fig_sync(branded, opts={"format": "png", "width": 600, "scale": 2})
    image = Image.open(io.BytesIO(png))
    assert image.size == (1200, branded.layout.height * 2)
    top, bottom = branded.layout.margin.t * 2, branded.layout.margin.b * 2
    assert dark_rows(image, 0, top) >= 20, "no title drawn at the top"
    assert dark_rows(image, image.size[1] - bottom, image.size[1]) >= 3 * 20, "no footer lines drawn at the bottom"


# ------------------------------------------------------------------ what the pages hand to plotly


def charts_of(page: str, **query) -> list[tuple[dict, dict]]:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return [(json.loads(c.proto.spec), json.loads(c.proto.config)) for c in at.get("plotly_chart")]


@pytest.mark.parametrize(
    "page, count", [("app.py", 2), ("pages/1_Map.py", 1), ("pages/2_Timeline.py", 1), ("pages/6_Briefing.py", 3)]
)  # the Briefing prints a still copy of its map
def test_every_chart_a_page_shows_is_branded_and_exports_a_named_png(page, count):
    charts = charts_of(page, **{"from": "2020-10-05", "to": "2020-10-06", "actor": "act-atambayev"})
    assert len(charts) == count
    for spec, config in charts:
        stamp = spec["layout"]["meta"]["citemap"]
        # A map's footer first says how many of the shown events it draws (charts/map_layout.py's footer).
        filter_sentence = "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev"
        assert stamp["filter_sentence"] in (
            filter_sentence,
            f"1 of 2 events on the map; 1 known only to the country. Filter: {filter_sentence}",
        )
        assert stamp["as_of"] == AS_OF and stamp["attribution"].startswith(SOURCE)
        assert html.unescape(spec["layout"]["title"]["text"]) == f"<b>{stamp['title']}</b>"
        footer = next(a for a in spec["layout"]["annotations"] if a.get("name") == "citemap-footer")
        text = html.unescape(footer["text"].replace("<br>", " "))
        for part in (stamp["filter_sentence"], f"Data as of {AS_OF}", stamp["attribution"]):
            assert part in text
        options = config["toImageButtonOptions"]
        assert options["format"] == "png" and options["scale"] == 2
        assert options["filename"].startswith("citemap-") and options["filename"].endswith(
            "from-2020-10-05_to-2020-10-06_actor-act-atambayev"
        )


def test_a_figure_with_only_a_message_is_branded_too(index):
    """The timeline of a filter that matches nothing is a message; the Timeline page brands it all the same."""
    fig = timeline(apply(index, Filters(search="no such words anywhere")))
    branded = brand(
        fig,
        title="Timeline of events",
        filter_sentence="0 of 38 events",
        as_of=AS_OF,
        attribution=SOURCE,
        view="timeline",
    ).figure
    layout = branded.layout
    assert layout.height - layout.margin.t - layout.margin.b >= 60
    assert "No event matches the filter." in [a.text for a in layout.annotations]
