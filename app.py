"""Overview: the headline numbers with their sources, a compact map and timeline, the events in order."""

import streamlit as st

from citemap import ui
from citemap.overview import headline_figures
from citemap.provenance import figure_phrase, quote
from citemap.render import esc

ctx = ui.page("Overview")

main, side = st.columns([3, 2], gap="large")
with main:
    figures = headline_figures(ctx.index, ctx.events)
    if len(figures):
        st.subheader("Headline numbers")
        columns = st.columns(min(4, len(figures)))
        for slot, (_, figure) in zip(columns * 10, figures.head(8).iterrows()):
            with slot:
                q = quote(ctx.index, figure["sentence_id"])
                st.metric(figure["metric"].replace("_", " ").capitalize(), figure["display_value"], help=figure_phrase(ctx.index, figure))
                st.caption(f"{esc(figure['attribution'])} · “{esc(figure['value_text'])}”")
                if st.button(f"Source: {q.short_id}", key=f"figure_{figure['figure_id']}"):
                    ui.select_event(figure["event_id"] or None)
                    ui.open_in_source(figure["sentence_id"])
    left, right = st.columns(2)
    with left:
        st.subheader("Where")
        ui.show_map(ctx, "overview", key="overview_map", height=380)
    with right:
        st.subheader("When")
        ui.show_timeline(ctx, key="overview_timeline")
    st.subheader("Events in time order")
    ui.event_table(ctx, key="overview_events")
with side:
    ui.evidence_panel(ctx)
    ui.about_data(ctx)
