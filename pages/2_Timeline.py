"""Timeline: the days of the unrest by the hour, background on a scale of its own."""

import streamlit as st

from citemap import ui

# The chart's column at a 1280 px window (two thirds of the page beside the evidence panel): labels wrap to it.
TIMELINE_PAGE_PX = 510

ctx = ui.page("Timeline")
main, side = st.columns([2, 1], gap="large")  # the chart takes two thirds: its time axis needs the width
with main:
    ui.show_timeline(ctx, key="timeline_chart", width_px=TIMELINE_PAGE_PX)
    st.caption(
        "Each bar spans the time in which the event may have happened. Solid: the part of the day is stated "
        "(“Monday evening”). Hatched: the source gives only the day, a span of days or a year. "
        "Night hours are shaded. Click a bar for its evidence."
    )
with side:
    ui.evidence_panel(ctx)
