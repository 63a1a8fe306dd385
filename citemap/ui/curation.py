"""Streamlit parts of the Add source and Curate pages; the logic lives in citemap.curation (plain Python)."""

from __future__ import annotations

import getpass
from pathlib import Path

import streamlit as st

from .. import render
from ..contract import TABLES
from ..curation import review, store
from ..dataset import default_data_dir
from ..palette import HIGHLIGHT
from .page import load_validated, page
from .state import curate_base, curate_problems, set_curate_base, set_curate_result, take_curate_messages, widget_value

__all__ = ["curate_problems"]


def curation_page(title: str, caption: str):
    """The shared page frame with its sidebar when the dataset is valid; a plain frame otherwise (an empty dataset
    still takes its first source). Returns the data folder."""
    data_dir = default_data_dir()
    index, _ = load_validated(str(data_dir), store.stamp(data_dir))
    if index is not None:
        page(title, wide_caption=caption)
    else:
        st.set_page_config(page_title=f"{title} · Citemap", layout="wide")
        st.html(render.STYLE)
        st.title(title)
        st.caption(caption)
        st.info(
            "The dataset is empty or does not meet the contract yet: the other views open once it does. Adding a source and accepting its rows still works."
        )
    for kind, text in take_curate_messages():
        getattr(st, kind)(render.esc(text))
    return Path(data_dir)


def who() -> str:
    if widget_value("curate_who"):
        return widget_value("curate_who")
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def remember_version(data_dir: Path) -> None:
    set_curate_base(store.current_version(data_dir))


def seen_version(data_dir: Path) -> None:
    """Remember the version this reviewer sees, unless a version is remembered already."""
    if curate_base() is None:
        remember_version(data_dir)


def run_change(label: str, action, data_dir: Path) -> None:
    """Run a save; say what happened. Refusals are shown with validate's file/line/column messages, never a traceback."""
    base = curate_base() or store.current_version(data_dir)
    try:
        entry = action(base)
    except store.StaleVersion as err:
        set_curate_result([("error", str(err))], None)
    except store.SaveRefused as err:
        set_curate_result([("error", str(err))], [p.as_dict() for p in err.problems])
    else:
        set_curate_result([("success", f"{label}: saved as change {entry['change_id']}.")], None)
    remember_version(data_dir)


def marked_sentence(text: str, spans: list[dict]) -> str:
    """The sentence as HTML with its trigger words marked."""
    spans = sorted(spans, key=lambda s: s["start"])
    out, position = [], 0
    for span in spans:
        if span["start"] < position:
            continue
        out.append(render.esc_html(text[position : span["start"]]))
        out.append(f"<mark style='background:{HIGHLIGHT}'>{render.esc_html(text[span['start'] : span['end']])}</mark>")
        position = span["end"]
    out.append(render.esc_html(text[position:]))
    return "".join(out)


def context_html(proposal: dict) -> str:
    """Each sentence the proposal rests on, between its neighbours, with the trigger words marked."""
    sentences = proposal["_sentences"]
    order = list(sentences)
    blocks = []
    for sentence_id in proposal["sentence_ids"][:6]:
        if sentence_id not in sentences:
            continue
        at = order.index(sentence_id)
        before = sentences[order[at - 1]] if at > 0 else ""
        after = sentences[order[at + 1]] if at + 1 < len(order) else ""
        spans = [s for s in proposal.get("spans", []) if s["sentence_id"] == sentence_id]
        blocks.append(
            f"<div class='cm-quote'><span style='color:#666'>{render.esc_html(before)}</span> <b>{marked_sentence(sentences[sentence_id], spans)}</b> "
            f"<span style='color:#666'>{render.esc_html(after)}</span><span class='cm-cite'>{render.esc_html(sentence_id)}</span></div>"
        )
    return "".join(blocks)


def row_editor(proposal: dict, key: str) -> dict:
    """A field per contract column, with the contract's choices where it has them."""
    table = TABLES[proposal["kind"]]
    values = {}
    for column in table.fields:
        current = str(proposal["row"].get(column.name, "") or "")
        widget_key = f"{key}_{column.name}"
        label = column.name + (" *" if column.required else "")
        if column.enum:
            options = [str(o) for o in column.enum]
            if not column.required and "" not in options:
                options = [""] + options
            if current not in options:
                options = [current] + options
            values[column.name] = st.selectbox(
                label, options, index=options.index(current), key=widget_key, help=column.description
            )
        elif column.name == "sub_event_type":
            from ..contract import SUB_EVENT_TYPES

            options = sorted({s for subs in SUB_EVENT_TYPES.values() for s in subs} | {current})
            values[column.name] = st.selectbox(
                label, options, index=options.index(current), key=widget_key, help=column.description
            )
        else:
            values[column.name] = st.text_input(label, value=current, key=widget_key, help=column.description)
    return values


def queue(data_dir: Path) -> review.Queue:
    return review.load_queue(data_dir)
