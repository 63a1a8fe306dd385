"""The briefing: one 16:9 slide for a filter, with its evidence inside the picture.

`build` gathers what the slide says (headline numbers with footnote markers,
the map, the timeline, the key actors, and footnotes quoting the cited
sentences verbatim with their ids). The same `Briefing` is drawn three ways:

- `to_html`: one self-contained HTML file (plotly.js and CSS inline, no
  fonts or scripts from the network) with live, hoverable charts;
- `render_png` and `render_pdf`: the same slide, drawn by the machine's
  Chromium through kaleido: the charts become images (kaleido's figure
  export), the slide around them is printed or photographed in a tab of the
  same browser;
- the Briefing page lays the same pieces out with Streamlit (pages/6_Briefing.py).

No Streamlit here. Chromium is started once per process and reused.

In parts, one idea each: frame.py (the slide's geometry), content.py (what it says; build),
figures.py (its map and timeline), html.py (the slide as HTML), chromium.py (PNG and PDF),
command.py (python -m citemap brief). This module is their public face.
"""

from ..charts.map import MapView
from .chromium import CHROMIUM_HELP, BriefingError, ChromiumMissing, find_chromium, render, render_pdf, render_png, write
from .command import FILTER_KEYS, brief_command
from .content import Briefing, Footnote, KeyActor, KeyEvent, Number, build, key_actors
from .figures import LEGEND_TYPES, day_ticks, map_figure, timeline_figure
from .frame import MAX_ACTORS, MAX_KEY_EVENTS, MAX_NUMBERS, PAGE, SLIDE, Frame
from .html import actors_html, chart_boxes, css, footer_html, header_html, left_html, legend_html, notes_html, to_html

__all__ = [
    "CHROMIUM_HELP", "FILTER_KEYS", "LEGEND_TYPES", "MAX_ACTORS", "MAX_KEY_EVENTS", "MAX_NUMBERS", "PAGE", "SLIDE", "Briefing",
    "BriefingError", "ChromiumMissing", "Footnote", "Frame", "KeyActor", "KeyEvent", "MapView", "Number", "actors_html", "brief_command",
    "build", "chart_boxes", "css", "day_ticks", "find_chromium", "footer_html", "header_html", "key_actors", "left_html", "legend_html",
    "map_figure", "notes_html", "render", "render_pdf", "render_png", "timeline_figure", "to_html", "write",
]
