"""Source reader: any source as it reads, every sentence addressable, with what cites it; an event in every source side by side."""

import json

import streamlit as st

from citemap import render, ui
from citemap.provenance import attribution, citing_rows, event_source_ids, quotes, source_label, source_name

ctx = ui.page("Source")
sources = list(ctx.dataset.sources["source_id"])
selected = ctx.selection.sentence
filtered = [s for s in ctx.filters.sources if s in sources]
# The reader shows the selected sentence's source; else the first source the filter keeps; else the first source.
shown_source = ctx.index.sentences_by_id.at[selected, "source_id"] if selected else (filtered or sources)[0]


def _read_other_source() -> None:
    """A source picked here opens at its first sentence, so that the address names the source being read."""
    source_id = ui.widget_value("source_pick")
    sentences = ctx.dataset.sentences
    first = sentences[sentences["source_id"] == source_id].sort_values("start")["sentence_id"]
    ui.select_sentence(first.iloc[0] if len(first) else None)


main, side = st.columns([3, 2], gap="large")
with main:
    ui.set_widget_value("source_pick", shown_source)
    source_id = st.selectbox(
        "Source",
        sources,
        format_func=lambda s: source_label(ctx.index, s),
        key="source_pick",
        on_change=_read_other_source,
    )
    st.caption(render.esc(f"Credit: {attribution(ctx.index, source_id)}"))
    event_id = ctx.selection.event
    if event_id and event_id in ctx.index.events.index and len(reporting := event_source_ids(ctx.index, event_id)) > 1:
        with st.expander(f"This event in each of its {len(reporting)} sources, side by side", expanded=True):
            st.caption(render.esc(ctx.index.events.at[event_id, "summary"]))
            cited = quotes(ctx.index, ctx.index.events.at[event_id, "sentence_ids"])
            for column, reporter in zip(st.columns(len(reporting)), reporting):
                with column:
                    st.markdown(f"**{render.esc(source_name(ctx.index, reporter))}**")
                    for q in (q for q in cited if q.source_id == reporter):
                        st.html(render.quote_block(ctx.index, q))
                        if st.button(
                            f"Read {q.short_id} here",
                            key=f"side_{q.sentence_id}",
                            type="tertiary",
                            icon=":material/article:",
                        ):
                            ui.select_sentence(q.sentence_id)
                            st.rerun()
    if selected:
        cited = citing_rows(ctx.index, selected)
        st.info(
            f"Highlighted: sentence {selected}, cited by {len(cited)} {'row' if len(cited) == 1 else 'rows'} of the dataset."
        )
    params = {k: v for k, v in ctx.url_params.items() if k not in ("event", "sentence")}
    st.html(render.article_html(ctx.index, source_id, selected, "Source", params))
    if selected:
        # Our own script, with an id that the contract's pattern allows: scroll the highlighted sentence into view.
        st.html(
            f"<script>const s = document.getElementById({json.dumps(selected)}); if (s) s.scrollIntoView({{block: 'center'}});</script>",
            unsafe_allow_javascript=True,
        )
with side:
    ui.evidence_panel(ctx)
