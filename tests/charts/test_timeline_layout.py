"""The timeline's layout checked as plain data: labels fit their column, rows and panels do not overlap, ticks
do not collide, heights follow the rows, and the selection marks one bar, for the page's and the slide's canvases."""

from __future__ import annotations

import pandas as pd
import pytest

from citemap.charts.text import text_width
from citemap.charts.timeline import SELECTED_LINE, draw
from citemap.charts.timeline_layout import Canvas, timeline_layout, wrap_label
from citemap.filters import Filters, apply

PAGE = Canvas(width_px=460)
SLIDE = Canvas(width_px=748, font_px=14, min_label_font_px=14, label_share=0.45, legend_keys=False)
CANVASES = {
    "page": PAGE,
    "wide page": Canvas(width_px=900),
    "slide": SLIDE,
    "660 px high": Canvas(width_px=748, height_px=660, font_px=14, label_share=0.45, legend_keys=False),
}


@pytest.mark.parametrize(
    ("text", "width", "lines", "suffix", "expect_lines", "expect_cut"),
    [
        ("Mass looting in Bishkek.", 300, 2, "", 1, False),
        ("Protesters break into and take control of the White House", 200, 2, "", 2, False),
        ("Protesters break into and take control of the White House", 200, 1, "", 1, True),
        ("Protesters break into and take control of the White House", 120, 2, "(2 sources)", 2, True),
        ("one two three four five six seven eight nine ten eleven twelve", 90, 2, "", 2, True),
        # A word wider than a line is broken across lines, never cut mid-label: what is drawn is the text's beginning.
        ("Supercalifragilisticexpialidociouslylongwordwithoutspaces", 80, 2, "", 2, True),
        ("[data](data:text/html;base64,PHNjcmlwdD5wd24oKTwvc2NyaXB0Pg==) Protesters break in", 150, 2, "", 2, True),
        ("[data](data:text/html;base64,PHNjcmlwdD5wd24oKTwvc2NyaXB0Pg==) Protesters", 150, 2, "(2 sources)", 2, True),
    ],
)
def test_wrapped_labels_fit_their_width_whole_words_and_suffix_kept(
    text, width, lines, suffix, expect_lines, expect_cut
):
    wrapped, cut = wrap_label(text, width, 12, lines, suffix)
    assert (len(wrapped), cut) == (expect_lines, expect_cut), wrapped
    assert all(text_width(line, 12) <= width for line in wrapped), wrapped
    if suffix and " " in text:
        assert wrapped[-1].endswith(suffix)
    joined = " ".join(wrapped).removesuffix(suffix).strip()
    assert text.replace(" ", "").startswith(joined.removesuffix("…").replace(" ", "")), "the text's beginning, in order"
    if cut and " " in text and len(text.split()[0]) * 12 < width:
        assert joined.endswith("…")
        kept = joined.removesuffix("…").split()
        assert kept == text.split()[: len(kept)], "whole words, in order"
    elif not cut:
        assert joined == text


@pytest.mark.parametrize("name", CANVASES)
def test_labels_fit_their_column_in_the_canvas_lines_and_are_cut_only_when_the_whole_would_not(index, name):
    canvas = CANVASES[name]
    layout = timeline_layout(apply(index, Filters()), canvas)
    assert layout.label_px <= canvas.width_px * canvas.label_share
    for panel in layout.panels:
        for label in panel.labels:
            assert 1 <= len(label.lines) <= canvas.label_lines
            assert all(text_width(line, layout.label_font_px) <= layout.label_px for line in label.lines), label
            whole, _ = wrap_label(label.full, layout.label_px, layout.label_font_px, lines=99)
            lines_allowed = max(len(p.lines) for p in panel.labels)
            assert label.cut == (len(whole) > lines_allowed) or (label.cut and len(whole) > len(label.lines)), label


@pytest.mark.parametrize("name", CANVASES)
def test_rows_hold_their_lines_and_panels_do_not_overlap(index, name):
    canvas = CANVASES[name]
    layout = timeline_layout(apply(index, Filters()), canvas)
    for panel in layout.panels:
        lines = max(len(label.lines) for label in panel.labels)
        assert panel.row_px >= lines * layout.label_font_px * 1.05, "a row holds its label's lines"
        assert panel.height_px >= len(panel.labels) * panel.row_px
    for upper, lower in zip(layout.panels, layout.panels[1:]):
        assert upper.top_px + upper.height_px < lower.top_px, "panels apart, with room for ticks and a title"
    assert layout.plot_px >= sum(p.height_px for p in layout.panels)
    if canvas.height_px is not None:
        assert layout.height_px <= canvas.height_px + 1
        assert layout.label_font_px >= canvas.min_label_font_px


@pytest.mark.parametrize("name", CANVASES)
def test_day_ticks_do_not_collide_at_the_plot_width(index, name):
    canvas = CANVASES[name]
    layout = timeline_layout(apply(index, Filters()), canvas)
    hours = layout.panels[0]
    assert hours.kind == "hours" and hours.ticks
    first, last = hours.x_range
    plot_w = canvas.width_px - layout.margin["l"] - layout.margin["r"]
    px = [(t.at - first) / (last - first) * plot_w for t in hours.ticks]
    for (a, tick_a), (b, tick_b) in zip(zip(px, hours.ticks), zip(px[1:], hours.ticks[1:])):
        room = (text_width(tick_a.text, layout.font_px) * 1.1 + text_width(tick_b.text, layout.font_px) * 1.1) / 2
        assert b - a >= room, (tick_a.text, tick_b.text)


@pytest.mark.parametrize("rows", [1, 2, 5, 12])
def test_natural_height_grows_with_the_rows(index, rows):
    events = apply(index, Filters())
    main = events[(events["end"] - events["start"]) <= pd.Timedelta(days=7)].sort_values("start")
    layout = timeline_layout(main.iloc[:rows], PAGE)
    more = timeline_layout(main.iloc[: rows + 1], PAGE)
    (panel,) = layout.panels
    assert panel.height_px == max(rows, 2) * panel.row_px + 12
    assert layout.height_px == layout.margin["t"] + panel.height_px + layout.margin["b"]
    assert more.height_px >= layout.height_px


def test_the_legend_names_the_types_and_keys_and_the_selection_outlines_one_bar_only(index):
    events = apply(index, Filters())
    layout = timeline_layout(events, PAGE, selected="ev-white-house-seized")
    selected = [span.event_id for panel in layout.panels for span in panel.spans if span.selected]
    assert selected == ["ev-white-house-seized"]
    names = [entry.name for entry in layout.legend]
    assert set(events["event_type"]) <= set(names)
    assert any("uncertainty" in name for name in names) and any("sources" in name for name in names)
    fig = draw(layout)
    for trace in fig.data:
        widths = trace.marker.line.width
        widths = list(widths) if isinstance(widths, tuple) else [widths]
        if trace.showlegend:
            assert SELECTED_LINE not in widths, f"the legend swatch {trace.name!r} wears the selection's outline"
    outlined = [
        trace.customdata[i][0]
        for trace in fig.data
        if trace.customdata is not None
        for i, width in enumerate(trace.marker.line.width)
        if width == SELECTED_LINE
    ]
    assert outlined == ["ev-white-house-seized"]
    assert timeline_layout(events, SLIDE).legend == tuple(
        entry for entry in timeline_layout(events, SLIDE).legend if entry.event_type
    ), "the slide's legend names types only"


def test_nothing_to_draw_is_a_message(index):
    layout = timeline_layout(apply(index, Filters(search="no such words anywhere")), PAGE)
    assert layout.message and not layout.panels
