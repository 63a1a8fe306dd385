"""Where sources disagree: every contested number and date among the events shown, the reports side by side."""

import streamlit as st

from citemap import render, ui
from citemap.provenance import contested_facts, where, worded_disagreements
from citemap.words import plural

FACTS_PER_PAGE = 20  # each a row of cards: a large dataset holds tens of thousands

ctx = ui.page(
    "Disagreements",
    wide_caption=(
        "Where sources disagree. A fact is contested when two reports of the same count (the same metric of the same event) give different numbers, "
        "or when the sources date one event differently. Every report stays, with its words, who gave it and its sentence: "
        "Citemap never averages them or picks one."
    ),
)

facts = contested_facts(ctx.index, ctx.events)  # cheap: only a page of them is worded
main, side = st.columns([3, 2], gap="large")
with main:
    if not facts:
        st.info(
            f"No contested number or date among the {plural(len(ctx.events), 'event')} shown: "
            "where two sources report the same fact, they agree, or only one source reports it."
        )
    else:
        numbers = sum(kind == "number" for kind, _ in facts)
        st.markdown(
            f"**{plural(len(facts), 'contested fact')}**: {plural(numbers, 'number')}, {plural(len(facts) - numbers, 'date')}."
        )
    page = ui.page_picker(len(facts), key="disagreements_page", label="Page of contested facts", rows=FACTS_PER_PAGE)
    found = worded_disagreements(ctx.index, facts[page.start : page.stop])
    for n, disagreement in enumerate(found):
        event = ctx.events.loc[disagreement.event_id] if disagreement.event_id in ctx.events.index else None
        with st.container(border=True, key=f"disagreement_{n}"):
            title = "When it happened" if disagreement.kind == "date" else disagreement.what.capitalize()
            st.markdown(f"#### {render.esc(title)}")
            if event is not None:
                st.caption(render.esc(f"{event['summary']} · {where(ctx.index, event['place_id'])}"))
            for i, (column, report) in enumerate(zip(st.columns(len(disagreement.reports)), disagreement.reports)):
                with column:
                    st.html(render.report_card(ctx.index, report))
                    if st.button(
                        f"Read {report.sentence_id.rsplit('-', 1)[-1]} in its source",
                        key=f"disagreement_{n}_{i}",  # two reports may share a sentence
                        type="tertiary",
                        icon=":material/article:",
                    ):
                        ui.select_event(disagreement.event_id or None)
                        ui.open_in_source(report.sentence_id)
            if event is not None and st.button(
                "Show this event's evidence", key=f"disagreement_{n}_event", type="tertiary"
            ):
                ui.select_event(disagreement.event_id)
                st.rerun()
with side:
    ui.evidence_panel(ctx)
