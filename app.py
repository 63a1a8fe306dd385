"""Overview: the headline numbers with their sources, the map and timeline, the events in order."""

import pandas as pd
import streamlit as st

from citemap import ui
from citemap.overview import (
    headline_order,
    headline_value,
    headlines,
    quoted_reports,
    scope_words,
    worded_figures,
)
from citemap.provenance import figure_phrase, quote, source_name
from citemap.render import esc
from citemap.words import plural

HEADLINE_COUNT = 4
REPORTS_SHOWN = 3  # reports listed under a headline number; the table below lists every one


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
        shown_headlines = headlines(ctx.index, ctx.events, HEADLINE_COUNT)
        for slot, headline in zip(st.columns(HEADLINE_COUNT), shown_headlines):
            with slot:
                reports = worded_figures(ctx.index, quoted_reports(headline, REPORTS_SHOWN))
                first = reports.iloc[0]
                event_summary = (
                    ctx.events.at[first["event_id"], "summary"] if first["event_id"] in ctx.events.index else ""
                )
                st.metric(
                    esc(first["metric"].replace("_", " ").capitalize()),
                    esc(headline_value(ctx.index, headline)),
                    help=esc(f"{figure_phrase(ctx.index, first)}. Event: {event_summary}"),
                )
                if headline.contested:
                    st.caption(
                        f"**Sources disagree:** {plural(len(headline.reports), 'report')}, side by side; none chosen, none averaged."
                    )
                elif len(headline.reports) > 1:
                    st.caption(f"{plural(len(headline.reports), 'report')} agree.")
                for _, figure in reports.iterrows():
                    q = quote(ctx.index, figure["sentence_id"])
                    name = source_name(ctx.index, q.source_id)
                    st.caption(
                        f"{esc(figure['display_value'])}, {esc(figure['attribution'])}, in {esc(name)}: “{esc(figure['value_text'])}”"
                    )
                    if st.button(f"{name}, {q.short_id}", key=f"figure_{figure['figure_id']}", help=esc(q.text)):
                        ui.select_event(figure["event_id"] or None)
                        ui.open_in_source(figure["sentence_id"])
                if len(headline.reports) > REPORTS_SHOWN:
                    st.caption(
                        f"and {plural(len(headline.reports) - REPORTS_SHOWN, 'more report')} in the table of all numbers below"
                    )
                if len(headline.others):
                    # A count of the same metric for another event says who gave it and in which words, and which
                    # event it counts, so that it cannot be read as a rival to the headline number.
                    other = worded_figures(ctx.index, headline.others[:1]).iloc[0]
                    other_source = source_name(ctx.index, quote(ctx.index, other["sentence_id"]).source_id)
                    more = len(headline.others) - 1
                    st.caption(
                        f"Not the same count: {esc(other['display_value'])} {esc(headline.metric.replace('_', ' '))} "
                        f"{esc(scope_words(ctx.index, other, first))}, {esc(other['attribution'])}, in {esc(other_source)}: "
                        f"“{esc(other['value_text'])}”"
                        + (f"; and {plural(more, 'more count')} in the table below" if more else "")
                    )
        unlisted = len(order) - sum(min(len(h.reports), REPORTS_SHOWN) for h in shown_headlines)
        if unlisted > 0:  # every number not quoted above is in this table, with its source
            with st.expander(f"All {len(order)} numbers in the events shown"):
                page = ui.page_picker(len(order), key="all_figures_page")  # a large dataset's numbers a page at a time
                shown = worded_figures(ctx.index, order[page.start : page.stop])
                table = pd.DataFrame(
                    {
                        "Number": shown["display_value"].to_numpy(),
                        "What": shown["metric"].str.replace("_", " ").to_numpy(),
                        "Source's words": shown["value_text"].to_numpy(),
                        "Reported": shown["attribution"].to_numpy(),
                        "Source": [
                            source_name(ctx.index, ctx.index.sentences_by_id.at[s, "source_id"])
                            for s in shown["sentence_id"]
                        ],
                        "Sentence": shown["sentence_id"].to_numpy(),
                    }
                )
                st.dataframe(
                    table,
                    hide_index=True,
                    width="stretch",
                    key="all_figures",
                    on_select=lambda: go_to_figure(shown),
                    selection_mode="single-row",
                )
                st.caption("Choose a row to read its sentence in its source.")
    st.subheader("Where")
    ui.show_map(ctx, "overview", key="overview_map", width_px=ui.NARROWEST_PX)
    st.subheader("When")
    ui.show_timeline(ctx, key="overview_timeline")
    st.subheader("Events in time order")
    ui.event_table(ctx, key="overview_events")
with side:
    ui.evidence_panel(ctx)
    ui.about_data(ctx)
