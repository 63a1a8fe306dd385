"""The evidence panel, the event table and the data note: the same on every page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import render
from ..provenance import attribution, quotes, source_label, source_name, when, where
from ..selection import selected_event_ids
from ..tables import rows
from ..words import plural
from .page import PageContext
from .paging import page_picker, readable_table
from .state import (
    boxed_events,
    select_event,
    select_sentence,
    selected_rows,
    set_boxed_events,
    set_widget_value,
    widget_value,
)


def on_chart_select(chart_key: str) -> None:
    """Callback for st.plotly_chart: a click or box selection picks the events it touched."""
    ids = selected_event_ids(widget_value(chart_key))
    set_boxed_events(ids)
    if ids:
        select_event(ids[0])


def evidence_panel(ctx: PageContext, key: str = "evidence") -> None:
    """The same panel on every page: the selected event, its numbers and its verbatim quotes."""
    with st.container(border=True, key=f"{key}_panel"):
        st.markdown("#### Evidence")
        events = ctx.events
        if events.empty:
            st.info("No event matches the filter.")
            return
        options = list(
            events.index[:PICKER_EVENTS]
        )  # a picker of a million options would take longer to send than to read
        current = ctx.selection.event if ctx.selection.event in events.index else None
        boxed = [e for e in boxed_events() if e in events.index]
        if len(boxed) > 1:
            st.caption(f"{len(boxed)} events selected on the chart; showing one at a time.")
        extra = [e for e in boxed + [current] if e is not None and e not in options]
        options = (boxed + [e for e in options if e not in boxed]) if len(boxed) > 1 else options
        options = list(dict.fromkeys(extra + options))
        if len(events) > PICKER_EVENTS:
            st.caption(
                f"The list holds the first {PICKER_EVENTS:,} of {len(events):,} events in time order: filter, or click the map or timeline, for others."
            )
        picker = f"{key}_picker"
        # The picker shows the canonical selection, whoever set it (a chart click, a table row, a link);
        # a choice made in the picker itself reaches the selection through on_change first.
        set_widget_value(picker, current)
        # The options' labels in one pass over their rows: a lookup per option took a tenth of a second a rerun.
        rows = events.loc[options, ["event_date", "summary"]]
        labels = dict(
            zip(
                options,
                (
                    f"{day} · {summary[:80]}"
                    for day, summary in zip(rows["event_date"].dt.strftime("%Y-%m-%d"), rows["summary"])
                ),
            )
        )
        choice = st.selectbox(
            "Event",
            options=options,
            key=picker,
            on_change=_on_pick,
            args=(picker,),
            format_func=labels.__getitem__,
            placeholder="Click a marker or bar, or choose an event here",
        )
        if choice is None:
            st.caption("Every dot, bar and number links back to the sentence it came from.")
            return
        st.html(render.evidence_html(ctx.index, choice, with_quotes=False))
        quoted = quotes(ctx.index, str(ctx.index.events.at[choice, "sentence_ids"]))
        for q in quoted:
            st.html(render.quote_block(ctx.index, q))
            if st.button(
                f"Read {q.short_id} in {source_name(ctx.index, q.source_id)}",
                key=f"{key}_open_{q.sentence_id}",
                type="tertiary",
                icon=":material/article:",
            ):
                open_in_source(q.sentence_id)
        st.html(render.credits_html(ctx.index, quoted))


PICKER_EVENTS = 1000
SOURCES_LISTED = 5


def _on_pick(picker: str) -> None:
    select_event(widget_value(picker))


def open_in_source(sentence_id: str) -> None:
    """Go to the source reader with this sentence highlighted; filters and selection travel along."""
    select_sentence(sentence_id)
    st.switch_page("pages/4_Source.py")


def event_table(ctx: PageContext, *, key: str) -> None:
    """The filtered events as a table; choosing a row opens it in the evidence panel (keyboard-friendly).

    A long table shows one page of rows at a time (citemap.paging), with a page picker.
    """
    page = page_picker(len(ctx.events), key=f"{key}_page")
    events = ctx.events.iloc[page.start : page.stop]
    # Where beside What, both wrapped, so that the first screen holds the place and the whole sentence.
    table = pd.DataFrame(
        {
            "When": [when(e) for _, e in events.iterrows()],
            "What": events["summary"].to_numpy(),
            "Where": [where(ctx.index, p) for p in events["place_id"]],
            "Type": events["event_type"].to_numpy(),
            "Sources": events["source_count"].to_numpy(),
            "Event id": events.index.to_numpy(),
        }
    )
    readable_table(
        table,
        key=key,
        on_select=lambda: _on_table_select(key, list(events.index)),
        selection_mode="single-row",
        column_config={
            "When": st.column_config.TextColumn(width="medium"),
            "What": st.column_config.TextColumn(width="large"),
            "Where": st.column_config.TextColumn(width="medium"),
            "Sources": st.column_config.NumberColumn(
                help="How many sources report the event (see the evidence panel for which)"
            ),
        },
    )


def _on_table_select(key: str, event_ids: list[str]) -> None:
    """A row chosen in the table selects its event. A callback runs only when the choice changes,
    so a row left ticked does not undo a later click on a chart."""
    rows = selected_rows(key)
    if rows:
        select_event(event_ids[rows[0]])


def about_data(ctx: PageContext) -> None:
    with st.container(border=True, key="about_data"):
        st.markdown("#### About this data")
        counts = ctx.dataset.counts()
        st.markdown(
            f"{plural(counts['events'], 'event')}, {plural(counts['actors'], 'actor')}, {plural(counts['places'], 'place')} and "
            f"{plural(counts['figures'], 'number')}, curated from {plural(counts['sources'], 'source')} split into {plural(counts['sentences'], 'sentence')}. "
            "Every row cites the sentences it comes from, verbatim; dates and places carry ACLED's precision codes."
        )
        sources = ctx.dataset.sources
        for row in rows(sources.head(SOURCES_LISTED)):  # a large dataset has thousands: the Source page lists them all
            st.caption(
                render.esc(f"{source_label(ctx.index, row.source_id)}. Credit: {attribution(ctx.index, row.source_id)}")
            )
        if len(sources) > SOURCES_LISTED:
            st.caption(f"and {plural(len(sources) - SOURCES_LISTED, 'more source')} (the Source page lists them all)")
        noted = sources[sources["notes"].fillna("") != ""].head(SOURCES_LISTED)
        if len(noted):
            with st.expander("What is not known about the sources"):
                for row in rows(noted):
                    st.markdown(f"**{render.esc(source_name(ctx.index, row.source_id))}**: {render.esc(row.notes)}")
