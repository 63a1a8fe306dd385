"""The timeline drawn: one renderer that turns a TimelineLayout (citemap/charts/timeline_layout.py) into a plotly figure.

Every size, label and tick comes from the layout, worked out for a canvas; this
module only says how each thing is drawn (colours, hatching, outlines). The
Timeline page, the camera's PNG and the Briefing slide differ only in the
canvas their layout was made for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..contract import EVENT_TYPES
from ..palette import INK, MUTED, colour, with_alpha
from .text import safe
from .timeline_layout import DEFAULT_CANVAS, Canvas, Panel, TimelineLayout, timeline_layout, title_band

SELECTED_LINE = 3.0  # the selected bar's outline
CORROBORATED_LINE = 1.6  # a bar two or more sources report
SINGLE_LINE = 0.8
PANEL_TITLE_SHIFT = 6  # px between a panel title and what is under it


def _pattern(event_type: str, vague: bool) -> dict:
    return {
        "shape": "/" if vague else "",
        "fgcolor": colour(event_type) if event_type else INK,
        "size": 7,
        "solidity": 0.35,
    }


def _axis_names(number: int) -> tuple[str, str, str, str]:
    """('xaxis2', 'yaxis2', 'x2', 'y2') for the second panel; the first panel's have no number."""
    suffix = "" if number == 1 else str(number)
    return f"xaxis{suffix}", f"yaxis{suffix}", f"x{suffix}", f"y{suffix}"


def _bars(panel: Panel, x: str, y: str) -> list[go.Bar]:
    traces = []
    for event_type in EVENT_TYPES:
        for vague in (False, True):
            group = [s for s in panel.spans if s.event_type == event_type and s.vague == vague]
            if not group:
                continue
            widths = [
                SELECTED_LINE if s.selected else (CORROBORATED_LINE if s.sources > 1 else SINGLE_LINE) for s in group
            ]
            traces.append(
                go.Bar(
                    orientation="h",
                    base=[s.start for s in group],
                    x=[(s.end - s.start).total_seconds() * 1000 for s in group],
                    y=[s.event_id for s in group],
                    customdata=np.array([[s.event_id] for s in group], dtype=object),
                    hovertext=[s.hover for s in group],
                    hoverinfo="text",
                    marker={
                        "color": with_alpha(colour(event_type), 0.45 if vague else 1.0),
                        "line": {
                            "color": [INK if w > SINGLE_LINE else colour(event_type) for w in widths],
                            "width": widths,
                        },
                        "pattern": _pattern(event_type, vague),
                    },
                    name=event_type + (" (span of uncertainty)" if vague else ""),
                    legendgroup=event_type,
                    showlegend=False,  # the legend has entries of its own, so no bar's outline (the selection) shows in it
                    xaxis=x,
                    yaxis=y,
                )
            )
    return traces


def _counted_bars(panel: Panel, x: str, y: str) -> list[go.Bar]:
    traces = []
    for event_type in EVENT_TYPES:
        for vague in (False, True):
            group = [b for b in panel.bins if b.event_type == event_type and b.vague == vague]
            if not group:
                continue
            traces.append(
                go.Bar(
                    x=[b.start + (b.end - b.start) / 2 for b in group],
                    y=[b.count for b in group],
                    width=[(b.end - b.start).total_seconds() * 1000 * 0.9 for b in group],
                    hovertext=[b.hover for b in group],
                    hoverinfo="text",
                    marker={
                        "color": with_alpha(colour(event_type), 0.45 if vague else 1.0),
                        "line": {"color": colour(event_type), "width": 0.5},
                        "pattern": _pattern(event_type, vague),
                    },
                    name=event_type + (" (span longer than a bin)" if vague else ""),
                    legendgroup=event_type,
                    showlegend=False,
                    xaxis=x,
                    yaxis=y,
                )
            )
    return traces


def _legend_traces(layout: TimelineLayout) -> list[go.Bar]:
    """The legend's entries, drawn by no bar of their own: a swatch per type, and keys for hatching and outline."""
    traces = []
    for entry in layout.legend:
        if entry.outline:
            marker = {"color": "white", "line": {"color": INK, "width": CORROBORATED_LINE}}
        elif entry.vague and not entry.event_type:
            marker = {"color": "white", "line": {"color": MUTED, "width": SINGLE_LINE}, "pattern": _pattern("", True)}
        else:
            marker = {
                "color": colour(entry.event_type),
                "line": {"color": colour(entry.event_type), "width": SINGLE_LINE},
            }
        traces.append(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h" if not layout.counted else "v",
                name=safe(entry.name),
                legendgroup=entry.event_type or entry.name,
                marker=marker,
                showlegend=True,
                hoverinfo="skip",
            )
        )
    return traces


def _title_px(panel: Panel, font_px: int) -> int:
    """The band a panel's title takes above it, as the layout keeps it: a line, or two for a counted panel's."""
    return title_band(font_px) * (panel.title.count("<br>") + 1) if panel.title else 0


def draw(layout: TimelineLayout) -> go.Figure:
    """The figure of a layout: panels stacked as the layout places them, in pixels."""
    fig = go.Figure()
    if layout.message:
        fig.add_annotation(text=safe(layout.message), showarrow=False, font={"size": 16, "color": MUTED})
        fig.update_layout(
            height=layout.height_px,
            margin=layout.margin,
            xaxis={"visible": False},
            yaxis={"visible": False},
        )
        return fig
    plot = layout.plot_px
    axes: dict = {}
    traces: list[go.Bar] = []
    shapes: list[dict] = []
    annotations: list[dict] = []
    tick_font = {"size": layout.font_px, "color": INK, "family": layout.font_family}
    for number, panel in enumerate(layout.panels, start=1):
        xaxis, yaxis, x, y = _axis_names(number)
        top = 1 - panel.top_px / plot
        bottom = 1 - (panel.top_px + panel.height_px) / plot
        x_axis: dict = {
            "type": "date",
            "anchor": y,
            "showgrid": True,
            "gridcolor": "rgba(0,0,0,0.08)",
            "tickfont": tick_font,
            "automargin": False,
        }
        if panel.x_range is not None:
            x_axis["range"] = list(panel.x_range)
        if panel.ticks:
            x_axis |= {
                "tickmode": "array",
                "tickvals": [t.at for t in panel.ticks],
                "ticktext": [f"<b>{safe(t.text)}</b>" if t.bold else safe(t.text) for t in panel.ticks],
                "tickangle": 0,
            }
        else:
            x_axis["tickformat"] = panel.tick_format
            if panel.tick_dtick:
                x_axis["dtick"] = panel.tick_dtick
        if number > 1:
            x_axis["matches"] = None
        y_axis: dict = {"domain": [max(bottom, 0), min(top, 1)], "anchor": x, "automargin": False}
        if panel.kind == "counted":
            y_axis |= {
                "rangemode": "tozero",
                "title": {"text": panel.y_title, "font": tick_font},
                "tickfont": tick_font,
            }
            traces += _counted_bars(panel, x, y)
        else:
            ids = [label.event_id for label in panel.labels]
            y_axis |= {
                "type": "category",  # never numeric, whatever else the panel holds (the legend's entries have no rows)
                "categoryorder": "array",
                "categoryarray": ids[::-1],  # the first label at the top
                "tickmode": "array",
                "tickvals": ids,
                "ticktext": ["<br>".join(safe(line) for line in label.lines) for label in panel.labels],
                "tickfont": {**tick_font, "size": layout.label_font_px},
                "range": [-0.5, len(ids) - 0.5] if len(ids) > 1 else [-1, 1],
            }
            traces += _bars(panel, x, y)
        axes[xaxis], axes[yaxis] = x_axis, y_axis
        if panel.title:
            annotations.append(
                {
                    "text": panel.title,
                    "xref": "paper",
                    "yref": "paper",
                    # From the figure's left edge: a narrow plot would cut a title centred over it.
                    "x": 0,
                    "xshift": 8 - layout.margin["l"],
                    "y": min(top, 1),
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "yshift": PANEL_TITLE_SHIFT,
                    "showarrow": False,
                    "font": {"size": layout.font_px + 1, "color": INK, "family": layout.font_family},
                }
            )
        xref, yref = x, f"{y} domain"
        for start, end in panel.nights:
            shapes.append(
                {
                    "type": "rect",
                    "xref": xref,
                    "yref": yref,
                    "x0": start,
                    "x1": end,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": "rgba(30,40,80,0.06)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        for midnight in panel.midnights:
            shapes.append(
                {
                    "type": "line",
                    "xref": xref,
                    "yref": yref,
                    "x0": midnight,
                    "x1": midnight,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": MUTED, "width": 1, "dash": "dot"},
                }
            )
    fig.add_traces(traces + _legend_traces(layout))
    fig.update_layout(
        **axes,
        height=layout.height_px,
        margin=layout.margin,
        shapes=shapes,
        annotations=annotations,
        font={"family": layout.font_family, "color": INK, "size": layout.font_px},
        legend={
            "orientation": "h",
            # Over the first panel and its title: beside the chart it explains, not under the last panel. It grows
            # upwards from there, so a wider drawing (fewer rows) leaves a gap under the chart's title, not in it.
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "paper",
            "y": 1 + _title_px(layout.panels[0], layout.font_px) / plot,
            "yanchor": "bottom",
            "font": {"size": layout.font_px, "color": INK},
            "itemclick": "toggle",
            "itemdoubleclick": "toggleothers",
        },
        showlegend=bool(layout.legend),
        hoverlabel={"align": "left"},
        barmode="stack" if layout.counted else "overlay",
        bargap=0 if layout.counted else 0.25,
        clickmode="event" if layout.counted else "event+select",
    )
    return fig


def timeline(events: pd.DataFrame, *, selected: str | None = None, canvas: Canvas = DEFAULT_CANVAS) -> go.Figure:
    """The timeline of these events drawn for a canvas (by default, a chart 640 px wide)."""
    return draw(timeline_layout(events, canvas, selected=selected))
