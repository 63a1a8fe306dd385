"""Add source: paste or upload a text with what is known about it; Citemap keeps it verbatim and proposes its rows."""

from datetime import date

import streamlit as st

from citemap.contract import SOURCE_KINDS
from citemap.curation.add_source import IntakeError, SourceMeta, add_source
from citemap.curation.store import SaveRefused, StaleVersion
from citemap.render import esc
from citemap.ui import curation as cu

data_dir = cu.curation_page(
    "Add source",
    "Paste or upload a text. It is kept verbatim, split into sentences with stable ids, and read for proposals "
    "(events, dates, numbers, actors, places), each tied to its words, for you to review on the Curate page. "
    "The tables change only when you accept a proposal.",
)

with st.form("add_source_form"):
    pasted = st.text_area(
        "Text (paste it here)", height=240, key="add_text", help="The article's words exactly as published; UTF-8."
    )
    uploaded = st.file_uploader("…or upload a .txt file", type=["txt"], key="add_file")
    left, right = st.columns(2)
    with left:
        published = st.date_input(
            "Date published *", value=None, max_value=date.today(), key="add_published", format="YYYY-MM-DD"
        )
        publisher = st.text_input("Publisher", key="add_publisher", help="Empty when unknown: never guessed.")
        title = st.text_input("Title", key="add_title")
        author = st.text_input("Author", key="add_author", help="Empty when unknown.")
    with right:
        url = st.text_input("Web address", key="add_url", placeholder="https://…")
        language = st.text_input("Language", value="en", key="add_language", help="BCP 47 tag: en, ru, ky…")
        licence = st.text_input("Licence", key="add_licence", placeholder="e.g. CC BY 4.0; empty when unknown")
        kind = st.selectbox("Kind", SOURCE_KINDS, key="add_kind")
    online = st.toggle(
        "Look up unknown places online (Nominatim)",
        value=False,
        key="add_online",
        help="Off: places are located offline only, or flagged for coordinates.",
    )
    st.text_input("Your name, for the change log", key="curate_who")
    submitted = st.form_submit_button("Add source", type="primary")

if submitted:
    raw = uploaded.getvalue() if uploaded is not None else pasted.encode("utf-8")
    name = uploaded.name if uploaded is not None else "the pasted text"
    if published is None:
        st.error("Give the date the text was published.")
    else:
        meta = SourceMeta(
            published=published.isoformat(),
            title=title,
            publisher=publisher,
            author=author,
            url=url.strip(),
            language=language.strip() or "en",
            licence=licence,
            kind=kind,
            file_name=name,
        )
        try:
            added = add_source(data_dir, raw, meta, who=cu.who(), allow_online=online)
        except (IntakeError, SaveRefused, StaleVersion) as err:
            st.error(f"Nothing was added. {esc(err)}")
        else:
            for warning in added.warnings:
                st.warning(esc(warning))
            st.success(
                esc(f"Added {added.source_id}: {added.sentences} sentences, {added.proposals} proposals to review.")
            )
            st.page_link("pages/9_Curate.py", label="Review its proposals on the Curate page →")
