"""Timeline: the days of the unrest by the hour, background on a scale of its own."""

import streamlit as st

from citemap import ui

ctx = ui.page("Timeline")
main, side = st.columns([3, 2], gap="large")
with main:
    ui.show_timeline(ctx, key="timeline_chart")
    st.caption(
        "Each bar spans the time in which the event may have happened. Solid: the part of the day is stated "
        "(“Monday evening”). Hatched: the source gives only the day, a span of days or a year. "
        "Night hours are shaded. Click a bar for its evidence."
    )
with side:
    ui.evidence_panel(ctx)
