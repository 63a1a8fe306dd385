"""Pictures that stand on their own: title, filter, data date and sources drawn inside the figure.

A screenshot or a camera-button PNG cut out of a page loses what made it
trustworthy. `brand` writes that context into the figure itself: the title at
the top, and a footer with the filter sentence, the date the data is current
to and where it comes from. `export_config` is the plotly config whose camera
button saves such a figure as a PNG at twice screen resolution, named after the
view and the filter.

Plain Python and plotly: no Streamlit, so that tests and the briefing call it too.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd
import plotly.graph_objects as go

from .charts.text import safe
from .export import filter_slug
from .index import DatasetIndex
from .palette import INK, MUTED
from .provenance import source_label

TITLE_PX = 20
FOOTER_PX = 13
LINE_HEIGHT = 1.3
CHAR_WIDTH = 0.6  # a generous average glyph width, in font sizes (Verdana and DejaVu Sans are the widest fallbacks)
EDGE_PX = 12  # the gap between the picture's edge and the title or footer
SEPARATOR = " · "
MIN_PLOT_PX = 60


@dataclass(frozen=True)
class Stamp:
    """What every exported picture says about itself."""

    title: str
    filter_sentence: str
    as_of: str
    attribution: str

    def footer_items(self) -> list[str]:
        return [self.filter_sentence, f"Data as of {self.as_of}", self.attribution, "Citemap"]


def text_width(text: str, font_px: float, char_width: float = CHAR_WIDTH) -> float:
    """An upper estimate of the drawn width of text, in pixels."""
    return len(text) * font_px * char_width


def wrap_items(items: list[str], width_px: float, font_px: float, char_width: float = CHAR_WIDTH) -> list[str]:
    """Lines no wider than width_px: items joined by ' · ' where they fit, long items broken at spaces."""
    limit = max(int(width_px / (font_px * char_width)), 12)
    lines: list[str] = []
    line = ""
    for item in (i for i in items if i):
        candidate = f"{line}{SEPARATOR}{item}" if line else item
        if len(candidate) <= limit:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for word in item.split():
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= limit or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
    if line:
        lines.append(line)
    return lines


def sources_of(index: DatasetIndex, events: pd.DataFrame) -> list[str]:
    """The source ids behind the shown events, in dataset order."""
    return index.dataset.sources["source_id"].to_numpy()[index.links.sources_of(events)].tolist()


def attribution(index: DatasetIndex, events: pd.DataFrame, *, basemap: bool = False, limit: int = 2) -> str:
    """'Source: kg-2020-10-06 (publisher unknown, published 2020-10-06, inferred)'; the map adds its boundaries."""
    ids = sources_of(index, events) or list(index.dataset.sources["source_id"])
    labels = [source_label(index, s) for s in ids[:limit]]
    text = ("Source: " if len(ids) == 1 else "Sources: ") + "; ".join(labels)
    if len(ids) > limit:
        text += f" and {len(ids) - limit} more"
    if basemap:
        text += "; boundaries: Natural Earth"
    return text


def stamp_for(
    index: DatasetIndex, events: pd.DataFrame, title: str, filter_sentence: str, *, basemap: bool = False
) -> Stamp:
    return Stamp(title, filter_sentence, index.dataset.as_of, attribution(index, events, basemap=basemap))


def file_name(view: str, params: dict[str, str]) -> str:
    """'citemap-map-overview-from-2020-10-05_to-2020-10-06' (no extension): the view, then the filter."""
    return f"citemap-{view}-{filter_slug(params)}"


def export_config(view: str, params: dict[str, str], *, scroll_zoom: bool = True) -> dict:
    """The plotly config: the camera button saves a PNG at twice screen resolution, named after view and filter."""
    return {
        "displaylogo": False,
        "scrollZoom": scroll_zoom,
        "toImageButtonOptions": {"format": "png", "filename": file_name(view, params), "scale": 2},
    }


@dataclass(frozen=True)
class Branded:
    figure: go.Figure
    config: dict


def _margin(fig: go.Figure) -> dict[str, int]:
    defaults = {"l": 80, "r": 80, "t": 100, "b": 80}  # plotly's own
    margin = fig.layout.margin
    return {
        side: int(getattr(margin, side)) if getattr(margin, side) is not None else default
        for side, default in defaults.items()
    }


def bands(
    stamp: Stamp, width_px: int, font_px: int = FOOTER_PX, title_px: int = TITLE_PX, char_width: float = CHAR_WIDTH
) -> tuple[list[str], int, list[str], int]:
    """Title lines and the height of the band they need at the top; footer lines and their band at the bottom."""
    title_lines = wrap_items([stamp.title], width_px - 2 * EDGE_PX, title_px, char_width)
    title_band = math.ceil(len(title_lines) * title_px * LINE_HEIGHT) + EDGE_PX + 8
    footer_lines = wrap_items(stamp.footer_items(), width_px - 2 * EDGE_PX, font_px, char_width)
    footer_band = math.ceil(len(footer_lines) * font_px * LINE_HEIGHT) + EDGE_PX + 6
    return title_lines, title_band, footer_lines, footer_band


def brand(
    fig: go.Figure,
    *,
    title: str,
    filter_sentence: str,
    as_of: str,
    attribution: str,
    view: str,
    params: dict[str, str] | None = None,
    width_px: int = 640,
    height: int | None = None,
    font_px: int = FOOTER_PX,
    title_px: int = TITLE_PX,
    font_family: str | None = None,
    char_width: float = CHAR_WIDTH,
) -> Branded:
    """The figure with its title at the top and a footer (filter, data date, attribution) at the bottom.

    width_px is the narrowest width the figure will be drawn at: title and
    footer are wrapped to it, so that nothing is cut off at the right edge
    (char_width: the average glyph width, in font sizes, of the font it is drawn in).
    Margins, legend and labels are the figure's own (a chart's layout sized them for its canvas):
    nothing in the figure is measured here.
    The plot area keeps its height and the figure grows, unless `height` fixes
    the figure's total height (the plot area then gives way).
    Dataset text is escaped: it shows as text, never as markup.
    """
    stamp = Stamp(title, filter_sentence, as_of, attribution)
    # A copy, so the caller's figure is left as it was; not validated again (it was when built), which
    # on a map with its basemap layers is most of the cost of branding.
    fig = go.Figure(fig.to_dict(), _validate=False)
    margin = _margin(fig)
    old_height = int(fig.layout.height or 450)
    old_plot = max(old_height - margin["t"] - margin["b"], MIN_PLOT_PX)  # a message-only figure still gets a plot area

    left = margin["l"]
    title_lines, title_band, footer_lines, footer_band = bands(stamp, width_px, font_px, title_px, char_width)

    top = margin["t"] + title_band
    bottom = margin["b"] + footer_band
    # A fixed height gives way to the plot's least height rather than fail: a long credit line from the data (many
    # sources, a hostile attribution) may take more room than the box has, and a taller picture beats an error.
    total = max(height or (old_plot + top + bottom), MIN_PLOT_PX + top + bottom)
    plot = total - top - bottom

    fig.update_layout(
        height=total,
        margin={"l": left, "r": margin["r"], "t": top, "b": bottom},
        title={
            "text": "<br>".join(f"<b>{safe(line)}</b>" for line in title_lines),
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"l": EDGE_PX, "t": EDGE_PX},
            "font": {"size": title_px, "color": INK},
        },
        meta={"citemap": {**asdict(stamp), "view": view}},
    )
    if font_family:
        fig.update_layout(font={"family": font_family})
    fig.add_annotation(
        text="<br>".join(safe(line) for line in footer_lines),
        xref="paper",
        x=0,
        xanchor="left",
        xshift=EDGE_PX - left,
        yref="paper",
        y=-(bottom - EDGE_PX / 2) / plot,
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": font_px, "color": MUTED},
        name="citemap-footer",
    )
    return Branded(fig, export_config(view, params or {}))
