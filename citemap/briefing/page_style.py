"""The Briefing page's layout, as CSS for Streamlit's page: room for the slide, the slide at its designed size, and print.

Plain text, no Streamlit: pages/6_Briefing.py puts it on the page. The selectors are the keys of the
page's containers (.st-key-briefing_*) and Streamlit's own test ids.
"""

from __future__ import annotations

from .frame import Frame
from .html import css


def page_style(frame: Frame) -> str:
    """The <style> element of the Briefing page for a slide laid out in `frame`."""
    return (
        "<style>"
        # Room for the slide: less padding around the page than elsewhere.
        "[data-testid=stMainBlockContainer] { padding: 1.25rem 2rem 0.5rem 2rem; max-width: none; overflow-x: auto; }"
        "[data-testid=stMainBlockContainer] h1 { padding: 0.25rem 0 0 0; font-size: 2rem; }"
        # A 16:9 slide whatever the filter shows; the sources keep to its foot.
        # Laid out for the width the page has (the frame comes from frame_for_width, the browser reporting the width),
        # charts drawn at that frame's sizes: not scaled by CSS zoom or a transform, under which plotly and MapLibre
        # measured their boxes already scaled and drew them smaller again. Below the frame's MIN_WIDTH the page
        # scrolls sideways, as it did at every width below 1920 before.
        f".st-key-briefing_slide {{ background: white; border: 1px solid #d9d9d4; border-radius: 6px; padding: {frame.pad_y}px {frame.pad_x}px;"
        f" gap: {frame.gap}px; aspect-ratio: 16 / 9; width: {frame.width}px; max-width: none; flex: 0 0 auto; }}"
        ".st-key-briefing_slide > div:has(> .st-key-briefing_foot), .st-key-briefing_slide > .st-key-briefing_foot { margin-top: auto; }"
        ".st-key-briefing_head { position: relative; }"
        ".st-key-briefing_downloads { gap: 0.5rem; align-items: center; }"
        + css(frame, scope=".st-key-briefing_slide")
        # Printing: the slide alone, on one landscape page.
        + f".st-key-briefing_map_print {{ flex: 0 0 0px !important; height: 0 !important; overflow: hidden !important; visibility: hidden; margin-top: -{frame.gap}px !important; }}"
        + "@media print {"
        f"  @page {{ size: {frame.width + 40}px {round((frame.width + 40) * 9 / 16)}px; margin: 0; }}"
        "  [data-testid=stSidebar], [data-testid=stHeader] { display: none !important; }"
        "  body * { visibility: hidden; }"
        "  .st-key-briefing_slide, .st-key-briefing_slide * { visibility: visible; }"
        "  .st-key-briefing_slide { position: fixed; left: 20px; top: 20px; width: %dpx !important; border: none; }"
        % frame.width
        + "  .st-key-briefing_slide [data-testid=stHorizontalBlock] { display: flex !important; flex-direction: row !important; flex-wrap: nowrap !important; }"
        "  .st-key-briefing_slide [data-testid=stColumn] { min-width: 0 !important; }"
        "  .st-key-briefing_map { display: none !important; }"
        "  .st-key-briefing_map_print { flex: 0 0 auto !important; height: auto !important; overflow: visible !important; margin-top: 0 !important; }"
        "}"
        "</style>"
    )
