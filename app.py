"""Overview: the headline numbers with their sources, the map and timeline, the events in order."""

import pandas as pd
import streamlit as st

from citemap import ui
from citemap.overview import headline_order, worded_figures
from citemap.provenance import figure_phrase, quote
from citemap.render import esc

HEADLINE_COUNT = 4

ctx = ui.page("Overview")


def go_to_figure(figures: pd.DataFrame) -> None:
    rows = ui.selected_rows("all_figures")
    if rows:
        ui.go_to_later(figures["event_id"].iloc[rows[0]], figures["sentence_id"].iloc[rows[0]])


if goto := ui.take_go_to():
    ui.select_event(goto["event_id"] or None)
    ui.open_in_source(goto["sentence_id"])

main, side = st.columns([3, 2], gap="large")
with main:
    order = headline_order(ctx.index, ctx.events)  # worded only where shown: a million events carry 400,000 numbers
    if len(order):
        st.subheader("Headline numbers")
        for slot, (_, figure) in zip(st.columns(HEADLINE_COUNT), worded_figures(ctx.index, order[:HEADLINE_COUNT]).iterrows()):
            with slot:
                q = quote(ctx.index, figure["sentence_id"])
                event_summary = ctx.events.at[figure["event_id"], "summary"] if figure["event_id"] in ctx.events.index else ""
                st.metric(esc(figure["metric"].replace("_", " ").capitalize()), esc(figure["display_value"]), help=esc(f"{figure_phrase(ctx.index, figure)}. Event: {event_summary}"))
                st.caption(f"{esc(figure['attribution'])}: “{esc(figure['value_text'])}”")
                if st.button(f"Source {q.short_id}", key=f"figure_{figure['figure_id']}", help=esc(q.text)):
                    ui.select_event(figure["event_id"] or None)
                    ui.open_in_source(figure["sentence_id"])
        if len(order) > HEADLINE_COUNT:
            with st.expander(f"All {len(order)} numbers in the events shown"):
                page = ui.page_picker(len(order), key="all_figures_page")  # a large dataset's numbers a page at a time
                shown = worded_figures(ctx.index, order[page.start:page.stop])
                table = pd.DataFrame({
                    "Number": shown["display_value"].to_numpy(),
                    "What": shown["metric"].str.replace("_", " ").to_numpy(),
                    "Source's words": shown["value_text"].to_numpy(),
                    "Reported": shown["attribution"].to_numpy(),
                    "Sentence": shown["sentence_id"].to_numpy(),
                })
                st.dataframe(table, hide_index=True, width="stretch", key="all_figures", on_select=lambda: go_to_figure(shown), selection_mode="single-row")
                st.caption("Choose a row to read its sentence in the article.")
    st.subheader("Where")
    ui.show_map(ctx, "overview", key="overview_map", height=430)
    st.subheader("When")
    ui.show_timeline(ctx, key="overview_timeline")
    st.subheader("Events in time order")
    ui.event_table(ctx, key="overview_events")
with side:
    ui.evidence_panel(ctx)
    ui.about_data(ctx)
