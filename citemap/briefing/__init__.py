"""The briefing: one 16:9 slide for a filter, with its evidence inside the picture.

`build` gathers what the slide says (headline numbers with footnote markers,
the map, the timeline, the key actors, and footnotes quoting the cited
sentences verbatim with their ids). The same `Briefing` is drawn three ways:

- `to_html`: one self-contained HTML file (plotly.js and CSS inline, no
  fonts or scripts from the network) with live, hoverable charts;
- `render(b, "png" | "pdf")`: the same slide, drawn by the machine's
  Chromium through kaleido: the charts become images (kaleido's figure
  export), the slide around them is printed or photographed in a tab of the
  same browser;
- the Briefing page lays the same pieces out with Streamlit (pages/6_Briefing.py).

No Streamlit here. Chromium is started once per process and reused.

In parts, one idea each: frame.py (the slide's geometry), content.py (what it says; build),
figures.py (its map and timeline), html.py (the slide as HTML), chromium.py (PNG and PDF),
command.py (python -m citemap brief). This module is their public face.
"""

from .chromium import CHROMIUM_HELP, find_chromium, render, write
from .command import FILTER_KEYS, brief_command
from .content import Briefing, build
from .frame import PAGE, SLIDE, frame_for_width
from .html import actors_html, chart_boxes, css, footer_html, header_html, left_html, notes_html, to_html

# What the dashboard, the command line and the tests use; the rest stays in its module.
__all__ = [
    "CHROMIUM_HELP",
    "FILTER_KEYS",
    "PAGE",
    "frame_for_width",
    "SLIDE",
    "Briefing",
    "actors_html",
    "brief_command",
    "build",
    "chart_boxes",
    "css",
    "find_chromium",
    "footer_html",
    "header_html",
    "left_html",
    "notes_html",
    "render",
    "to_html",
    "write",
]
