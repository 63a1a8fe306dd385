"""Source reader: the article as it reads, every sentence addressable, with what cites it."""

import json

import streamlit as st

from citemap import render, ui
from citemap.provenance import citing_rows, source_label

ctx = ui.page("Source")
sources = list(ctx.dataset.sources["source_id"])
selected = ctx.selection.sentence
default_source = ctx.index.sentences_by_id.at[selected, "source_id"] if selected else sources[0]

main, side = st.columns([3, 2], gap="large")
with main:
    source_id = st.selectbox("Source", sources, index=sources.index(default_source), format_func=lambda s: source_label(ctx.index, s), key="source_pick")
    if selected:
        cited = citing_rows(ctx.index, selected)
        st.info(f"Highlighted: sentence {selected}, cited by {len(cited)} row(s) of the dataset.")
    params = {k: v for k, v in ctx.url_params.items() if k not in ("event", "sentence")}
    st.html(render.article_html(ctx.index, source_id, selected, "Source", params))
    if selected:
        # Our own script, with an id that the contract's pattern allows: scroll the highlighted sentence into view.
        st.html(f"<script>const s = document.getElementById({json.dumps(selected)}); if (s) s.scrollIntoView({{block: 'center'}});</script>",
                unsafe_allow_javascript=True)
with side:
    ui.evidence_panel(ctx)
