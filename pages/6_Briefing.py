"""Briefing: the current filter as one 16:9 slide, with its evidence, and as PNG, PDF and HTML files.

At a 1920 x 1080 window the slide fits without scrolling, so that one screenshot
is the slide; printing the page gives the slide alone. The files are drawn on
the server (citemap.briefing) and are the same briefing at 1920 x 1080.
"""

import streamlit as st

from citemap import briefing, ui
from citemap.briefing.page_style import page_style
from citemap.render import esc
from citemap.ui.charts import show_branded

ctx = ui.page("Briefing")
# The slide is laid out for the width the page has (reported by the browser), charts and type included: 16:9 at
# any window from 1280 to 2560 px, nothing cut, no sideways scroll. Until the width is known, PAGE's own.
available = ui.page_width(key="briefing_width")
frame = briefing.frame_for_width(available) if available else briefing.PAGE
boxes = frame.boxes()

st.html(page_style(frame))


@st.cache_resource(max_entries=16, show_spinner="Composing the briefing…")
def page_briefing(_index, _basemap, filters, data_dir: str, width: int) -> briefing.Briefing:
    return briefing.build(_index, filters, _basemap, frame=briefing.frame_for_width(width) if width else briefing.PAGE)


@st.cache_resource(max_entries=8, show_spinner=False)
def slide_briefing(_index, _basemap, filters, data_dir: str) -> briefing.Briefing:
    return briefing.build(_index, filters, _basemap, frame=briefing.SLIDE)


@st.cache_data(max_entries=8, show_spinner=False)
def slide_file(_index, _basemap, filters, data_dir: str, kind: str) -> bytes:
    """The 1920 x 1080 briefing as a file, drawn by Chromium on the server (once per filter and format)."""
    return briefing.render(slide_briefing(_index, _basemap, filters, data_dir), kind)


data_dir = str(ctx.dataset.data_dir)
b = page_briefing(ctx.index, ctx.basemap, ctx.filters, data_dir, available)
chromium = briefing.find_chromium()

with st.container(horizontal=True, key="briefing_downloads"):
    for kind, label, mime in (
        ("png", "PNG", "image/png"),
        ("pdf", "PDF", "application/pdf"),
        ("html", "HTML", "text/html"),
    ):
        needs_browser = kind != "html"
        st.download_button(
            f"Download {label}",
            data=lambda kind=kind: slide_file(ctx.index, ctx.basemap, ctx.filters, data_dir, kind),
            file_name=b.file_name(kind),
            mime=mime,
            key=f"briefing_download_{kind}",
            icon=":material/download:",
            disabled=needs_browser and chromium is None,
            on_click="ignore",
            help=f"The slide at 1920 × 1080 as {label}, drawn on the server"
            + (" by Chromium" if needs_browser else "; opens offline"),
        )
    st.caption(
        "Or print this page: the slide alone, on one landscape page. The slide is laid out for this window's width; "
        "the files are the same slide at 1920 × 1080."
    )
if chromium is None:
    with st.container(key="briefing_note"):
        st.info(
            briefing.CHROMIUM_HELP.format(where="") + " (On this server the PNG and PDF buttons are off.)", icon="ℹ️"
        )

with st.container(key="briefing_slide"):
    with st.container(key="briefing_head"):
        st.html(f'<div class="cm-brief">{briefing.header_html(b, title_tag="div")}</div>')
    left, middle, right = st.columns([boxes["left"][2], boxes["map"][2], boxes["timeline"][2]], gap="small")
    with left:
        st.html(f'<div class="cm-brief">{briefing.left_html(b)}</div>')
    with middle:
        show_branded(b.map, key="briefing_map", theme=None, width=boxes["map"][2])
        # Browsers print a live WebGL map blank; this still copy of it (plotly keeps a static map's pixels) is what prints.
        st.plotly_chart(
            b.map.figure,
            key="briefing_map_print",
            config={**b.map.config, "staticPlot": True},
            theme=None,
            width=boxes["map"][2],
        )
        st.html(f'<div class="cm-brief">{briefing.actors_html(b)}</div>')
    with right:
        show_branded(b.timeline, key="briefing_timeline", theme=None, width=boxes["timeline"][2])
    with st.container(key="briefing_foot", gap="small"):
        st.html(f'<div class="cm-brief cm-notes">{briefing.notes_html(b)}</div>')
        st.html(f'<div class="cm-brief cm-footer">{esc(b.attribution)} · {briefing.footer_html(b)}</div>')
