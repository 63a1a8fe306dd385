"""HTML fragments for quotes, evidence, cards and the source reader.

Every piece of dataset text passes through `esc` (HTML and Markdown syntax
written as character references, newlines flattened): a `<script>`, an
`<img onerror>`, a Markdown link or a bare web address in a cell is shown as
the characters it is made of, in st.html and in Markdown alike (a web address
carries an invisible word joiner, so that Markdown does not make it a link).
Links are only ever built here, from validated ids, never taken from a cell.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from .acled.formats import INTER_CODES, interaction_words
from .actors import cited_numbers, sentences_near
from .columns import isin
from .contract import GEO_PRECISION, ROLE_WORDS
from .disagreement import Report
from .index import DatasetIndex
from .palette import HIGHLIGHT, INK, MUTED, colour
from .provenance import (
    Quote,
    attribution,
    citation,
    disagreements_in,
    event_source_ids,
    figure_phrase,
    paragraph_context,
    quotes,
    report_phrase,
    reported_by,
    source_name,
    when,
    where,
    words_source,
)
from .tables import row_of, rows
from .words import quoted, shorten

# Characters that HTML, or Markdown as Streamlit reads it (links, images, emphasis, code, math,
# colour directives, emoji shortcodes), would take as syntax. Written as character references, they
# show as themselves both in st.html and in st.markdown, captions and labels, and copy as themselves.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": " ", "\r": " "}
    | {c: f"&#{ord(c)};" for c in "'[]()!:@*_`$~\\#|"}
)
_LIST_MARKER = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)")  # '- x', '+ x', '1. x' at the start would be a list
# GFM autolinks (https://x, www.x, a@b.c) are found after Markdown is parsed, in the decoded text, so
# no character reference stops them; an invisible word joiner (U+2060) inside the address does.
# These are the patterns of mdast-util-gfm-autolink-literal, which Streamlit's Markdown uses.
_AUTOLINK = re.compile(
    r"(?i)(?<![a-z0-9])(https?)(?=://)|(?<![a-z0-9])(www)(?=\.)|(?<=[-.\w+])@(?=[-\w]+(?:\.[-\w]+)+)"
)


def esc_html(text) -> str:
    """Dataset text for HTML that Markdown never reads (st.html): shown, and copied, as the characters it is made of."""
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return _LIST_MARKER.sub(
        lambda m: m.group(1) + (f"&#{ord(m.group(2))};" if m.group(2) else f"{m.group(3)}&#46;"),
        text.translate(_ESCAPES),
    )


def esc(text) -> str:
    """Dataset text for Markdown (st.markdown, st.caption, st.write, labels), or HTML: shown as text, never as a link.

    Only a web or e-mail address gains an invisible word joiner, which stops Markdown's autolinks;
    fragments for st.html use `esc_html`, so that quotes there stay verbatim when copied.
    """
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return esc_html(_AUTOLINK.sub(lambda m: m.group(0) + "\u2060", text))


def link(page_path: str, params: dict[str, str], label: str, title: str = "") -> str:
    """An internal link (page path and query); the label is escaped here."""
    query = urlencode(params)
    href = f"{page_path}?{query}" if query else page_path
    return f'<a href="{esc_html(href)}" target="_self" title="{esc_html(title)}">{esc_html(label)}</a>'


STYLE = f"""
<style>
/* A long unbroken word (an address, a run of letters) breaks rather than spill out of its card or panel. */
.cm-quote, .cm-card, .cm-actor-card, .cm-evidence, .cm-article, .cm-citedby {{ overflow-wrap: anywhere; }}
.cm-quote {{ border-left: 4px solid {MUTED}; padding: 0.35rem 0.75rem; margin: 0.4rem 0; background: #f8f8f6; font-family: Georgia, 'DejaVu Serif', serif; font-size: 1.02rem; color: {INK}; }}
.cm-quote .cm-cite {{ display: block; font-family: sans-serif; font-size: 0.8rem; color: {MUTED}; margin-top: 0.2rem; }}
.cm-tag {{ display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; font-size: 0.8rem; color: white; margin-right: 0.3rem; }}
.cm-vague {{ color: #8a4b00; font-size: 0.86rem; }}
.cm-muted {{ color: {MUTED}; font-size: 0.86rem; }}
.cm-card {{ border: 1px solid #d9d9d4; border-radius: 0.5rem; padding: 0.7rem 0.9rem; margin-bottom: 0.7rem; background: white; }}
.cm-card h4 {{ margin: 0 0 0.2rem 0; font-size: 1.05rem; }}
.cm-article p {{ font-family: Georgia, 'DejaVu Serif', serif; font-size: 1.05rem; line-height: 1.65; margin: 0 0 0.9rem 0; color: {INK}; }}
.cm-article h3 {{ font-size: 1.15rem; margin: 1.2rem 0 0.5rem 0; }}
.cm-article .cm-caption {{ font-family: sans-serif; font-size: 0.9rem; color: {MUTED}; font-style: italic; border-left: 3px solid #d9d9d4; padding-left: 0.6rem; }}
.cm-article .cm-embed {{ font-family: sans-serif; font-size: 0.9rem; background: #f3f5f8; border: 1px solid #d9dee7; border-radius: 0.4rem; padding: 0.5rem 0.7rem; }}
.cm-s {{ scroll-margin-top: 6rem; }}
.cm-s.cm-selected {{ background: {HIGHLIGHT}; outline: 2px solid #e0b400; border-radius: 2px; }}
.cm-sid {{ font-family: sans-serif; font-size: 0.7rem; color: {MUTED}; vertical-align: super; margin-left: 0.15rem; }}
.cm-cites {{ font-family: sans-serif; font-size: 0.78rem; color: {MUTED}; }}
.cm-sid a {{ color: #0b5cad; text-decoration: none; }}
.cm-citedby a {{ color: #0b5cad; text-decoration: none; }}
.cm-citedby a:hover, .cm-sid a:hover {{ text-decoration: underline; }}
.cm-citedby {{ font-family: sans-serif; font-size: 0.9rem; background: #fffbe6; border: 1px solid #e0b400; border-radius: 0.4rem; padding: 0.4rem 0.8rem; margin: -0.4rem 0 1rem 0; }}
.cm-citedby ul {{ margin: 0.2rem 0 0 1rem; padding: 0; }}
.cm-contested {{ border: 1px solid #c2410c; background: #fff7ed; border-radius: 0.4rem; padding: 0.3rem 0.7rem; margin: 0.3rem 0; font-size: 0.92rem; }}
.cm-contested ul {{ margin: 0.2rem 0 0 1rem; padding: 0; }}
.cm-single {{ color: #8a4b00; }}
.cm-note {{ border: 1px dashed #b8b8b0; border-radius: 0.4rem; padding: 0.3rem 0.7rem; margin: 0.4rem 0; font-size: 0.9rem; background: #fafaf7; }}
/* A headline number may be a range ('590 – ≥1,000'): it wraps rather than being cut with an ellipsis. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
/* A button's label wraps at spaces rather than being cut mid-word with an ellipsis ('News article, 6 Oct …'). */
[data-testid="stButton"] button {{ height: auto; }}
[data-testid="stButton"] button * {{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
</style>
"""


def type_tag(event_type: str) -> str:
    return f'<span class="cm-tag" style="background:{colour(event_type)}">{esc_html(event_type)}</span>'


def quote_block(index: DatasetIndex, q: Quote) -> str:
    return (
        f'<blockquote class="cm-quote" id="quote-{esc_html(q.sentence_id)}">{esc_html(quoted(q.text))}'
        f'<span class="cm-cite" title="{esc_html(q.sentence_id)}">{esc_html(citation(index, q.sentence_id))}</span></blockquote>'
    )


def evidence_html(index: DatasetIndex, event_id: str, with_quotes: bool = True) -> str:
    """The evidence panel's body for one event: what, when, where, who, numbers, and the verbatim quotes."""
    event = row_of(index.events, event_id)
    links = index.dataset.event_actors[index.dataset.event_actors["event_id"] == event_id]
    actors = links.merge(index.dataset.actors[["actor_id", "name"]], on="actor_id")
    figures = index.dataset.figures[index.dataset.figures["event_id"] == event_id]
    vague_time = int(event["time_precision"]) > 1
    place_precision = event["geo_precision"]
    vague_place = pd.isna(place_precision) or int(place_precision) > 1
    parts = [
        f'<div class="cm-evidence" data-event="{esc_html(event_id)}">',
        f"{type_tag(event['event_type'])}<span class='cm-muted'>{esc_html(event['sub_event_type'])} · id {esc_html(event_id)}</span>",
        f"<p style='font-size:1.05rem;margin:0.4rem 0'><b>{esc_html(event['summary'])}</b></p>",
        f"<p style='margin:0.2rem 0'><b>When:</b> {esc_html(when(event))}"
        + (
            f"<br><span class='cm-vague'>{esc_html(_says(index, event['date_text'], event['sentence_ids']))}: {esc_html(quoted(event['date_text']))}</span>"
            if event["date_text"]
            else ""
        )
        + "</p>",
        f"<p style='margin:0.2rem 0'><b>Where:</b> <span class='{'cm-vague' if vague_place else ''}'>{esc_html(where(index, event['place_id']))}</span></p>",
    ]
    sources = event_source_ids(index, event_id)
    parts.append(
        f"<p class='cm-sources {'cm-single' if len(sources) == 1 else 'cm-corroborated'}' style='margin:0.2rem 0'><b>Sources:</b> "
        f"{esc_html(reported_by(index, event_id).removeprefix('Reported by '))}</p>"
    )
    contested = disagreements_in(index, index.events.loc[[event_id]])
    for disagreement in (d for d in contested if d.kind == "date"):
        items = "".join(
            f"<li>{esc_html(report_phrase(index, r))} <span class='cm-muted'>[{esc_html(r.sentence_id.rsplit('-', 1)[-1])}]</span></li>"
            for r in disagreement.reports
        )
        parts.append(f"<div class='cm-contested'><b>Sources disagree on the date:</b><ul>{items}</ul></div>")
    if vague_time:
        parts.append(
            "<p class='cm-vague' style='margin:0.2rem 0'>The day is not certain: the timeline shows the whole span.</p>"
        )
    if len(actors):
        who = "; ".join(
            f"{esc_html(r.name)} <span class='cm-muted'>({esc_html(ROLE_WORDS.get(r.role, r.role))})</span>"
            for r in rows(actors)
        )
        parts.append(f"<p style='margin:0.2rem 0'><b>Who:</b> {who}</p>")
    if len(figures):
        items = "".join(
            f"<li>{esc_html(figure_phrase(index, f))}, in {esc_html(source_name(index, str(index.sentences_by_id.at[f['sentence_id'], 'source_id'])))} "
            f"<span class='cm-muted'>[{esc_html(f['sentence_id'].rsplit('-', 1)[-1])}]</span></li>"
            for _, f in figures.iterrows()
        )
        parts.append(f"<p style='margin:0.2rem 0'><b>Numbers:</b></p><ul style='margin-top:0'>{items}</ul>")
        for disagreement in (d for d in contested if d.kind == "number"):
            reports = "".join(
                f"<li>{esc_html(report_phrase(index, r))} <span class='cm-muted'>[{esc_html(r.sentence_id.rsplit('-', 1)[-1])}]</span></li>"
                for r in disagreement.reports
            )
            parts.append(
                f"<div class='cm-contested'><b>Sources disagree on {esc_html(disagreement.what)}:</b> "
                f"{len(disagreement.reports)} reports, none chosen, none averaged.<ul>{reports}</ul></div>"
            )
    parts.append(acled_fields_html(index, event_id))
    if event.get("notes"):
        # The curator's reasoning, set apart from the source's words and labelled as a note: it is ours, not theirs.
        parts.append(
            "<div class='cm-note'><b>Curator’s note</b> <span class='cm-muted'>(how this row was coded; not the source’s words)</span>"
            f"<br>{esc_html(event['notes'])}</div>"
        )
    parts.append("<p style='margin:0.5rem 0 0.1rem 0'><b>The source’s words:</b></p>")
    if with_quotes:
        cited = quotes(index, event["sentence_ids"])
        parts += [quote_block(index, q) for q in cited]
        parts.append(credits_html(index, cited))
    parts.append("</div>")
    return "".join(parts)


def credits_html(index: DatasetIndex, quoted: list[Quote]) -> str:
    """The credit line of each source quoted, once, under its quotes: a source's attribution travels with its words
    (ACLED's: 'Armed Conflict Location & Event Data (ACLED), acleddata.com, event NGA9102; ACLED's source: ...')."""
    sources = dict.fromkeys(q.source_id for q in quoted)
    return "".join(
        f"<p class='cm-muted cm-credit' style='margin:0.2rem 0'>Credit: {esc_html(attribution(index, source_id))}</p>"
        for source_id in sources
    )


def acled_fields_html(index: DatasetIndex, event_id: str) -> str:
    """ACLED's own fields of an imported event, where an analyst looks for them: its id, disorder type,
    interaction (code and words), actor types, source scale, admin1/admin2. "" for an event ACLED did not code."""
    acled = index.dataset.acled_events
    found = acled[acled["event_id"] == event_id]
    if found.empty:
        return ""
    row = found.iloc[0]

    def given(value: Any) -> bool:
        return not pd.isna(value) and str(value).strip() != ""

    lines = [f"<b>ACLED:</b> {esc_html(row['event_id_cnty'])}"]
    if given(row["disorder_type"]):
        lines.append(f"<b>Disorder type:</b> {esc_html(row['disorder_type'])}")
    if given(row["interaction"]):
        lines.append(
            f"<b>Interaction:</b> {esc_html(interaction_words(int(row['interaction'])))} "
            f"<span class='cm-muted'>({int(row['interaction'])})</span>"
        )
    types = [
        f"{esc_html(INTER_CODES.get(int(row[column]), str(row[column])))} <span class='cm-muted'>(inter{n} {int(row[column])})</span>"
        for n, column in ((1, "inter1"), (2, "inter2"))
        if given(row[column]) and int(row[column]) != 0
    ]
    if types:
        lines.append("<b>Actor types:</b> " + "; ".join(types))
    if given(row["source_scale"]):
        lines.append(f"<b>Source scale:</b> {esc_html(row['source_scale'])}")
    admin = [esc_html(row[column]) for column in ("admin1", "admin2") if given(row[column])]
    if admin:
        lines.append("<b>Admin1 / admin2:</b> " + " / ".join(admin))
    return f"<p class='cm-acled' style='margin:0.2rem 0'>{'<br>'.join(lines)}</p>"


def actor_card_html(index: DatasetIndex, card: pd.Series) -> str:
    """An actor's card (a row of citemap.actors.actor_cards): name, kind, title and affiliation as the source
    states them, aliases, description, events with roles, and when the actor was first and last seen."""
    aliases = ", ".join(a.strip() for a in card["aliases"].split(";") if a.strip())
    seen = ""
    if card["event_count"]:
        first, last = (when(index.events.loc[card[k]]) for k in ("first_event", "last_event"))
        seen = f"<br><b>First seen:</b> {esc_html(first)}" + (
            f"<br><b>Last seen:</b> {esc_html(last)}" if last != first else ""
        )
    return (
        f"<div class='cm-actor-card'><h4 style='margin:0'>{esc_html(card['name'])}</h4>"
        f"<span class='cm-muted'>{esc_html(card['kind'])}"
        + (f" · {esc_html(card['title'])}" if card["title"] else "")
        + (f" · {esc_html(card['affiliation'])}" if card["affiliation"] else "")
        + "</span>"
        + (f"<br><span class='cm-muted'>Also called: {esc_html(aliases)}</span>" if aliases else "")
        + f"<p style='margin:0.4rem 0'>{cited_description(index, card)}</p>"
        + f"<b>Events:</b> {card['event_count']}"
        + (f" ({esc_html(card['roles'])})" if card["roles"] else "")
        + seen
        + "</div>"
    )


def cited_description(index: DatasetIndex, card: pd.Series) -> str:
    """An actor's description with each number linked to the sentence that holds it (citemap.actors.cited_numbers);
    a number no sentence holds is marked uncited, never shown as if it were sourced."""
    near = sentences_near(index, str(card["actor_id"]))
    texts = index.sentences_by_id["text"]
    if not any(ch.isdigit() for ch in str(card["description"])):
        return esc_html(card["description"])
    # Beyond the actor's own sentences, only its sources' others are searched (a heading such as '6 October').
    sources = index.sentences_by_id["source_id"]
    same_sources = sources.index[isin(sources, sources.reindex(near).dropna().unique())]
    pieces = cited_numbers(str(card["description"]), near, same_sources, texts)
    html = []
    for words, sentence_id in pieces:
        html.append(esc_html(words))
        if sentence_id:
            marker = link(
                "Source", {"sentence": sentence_id}, sentence_id.rsplit("-", 1)[-1], citation(index, sentence_id)
            )
            html.append(f"<sup class='cm-sid'>{marker}</sup>")
        elif sentence_id == "":
            html.append("<sup class='cm-sid' title='No cited sentence holds this number'>uncited</sup>")
    return "".join(html)


def _says(index: DatasetIndex, words: str, sentence_ids: str) -> str:
    """'News article, 6 Oct 2020 says' (or 'The source says' when the words cannot be placed)."""
    source_id = words_source(index, words, sentence_ids)
    return f"{source_name(index, source_id)} says" if source_id else "The source says"


def report_card(index: DatasetIndex, report: Report) -> str:
    """One source's word on a contested fact: its value, who says it, and the sentence with the words marked."""
    q = quotes(index, [report.sentence_id])
    text = q[0].text if q else ""
    at = text.find(report.words.strip()) if report.words else -1
    marked = (
        (
            esc_html(text[:at])
            + f"<mark style='background:{HIGHLIGHT}'>{esc_html(text[at : at + len(report.words.strip())])}</mark>"
            + esc_html(text[at + len(report.words.strip()) :])
        )
        if at >= 0
        else esc_html(text)
    )
    who = f"according to {esc_html(report.reporter)}" if report.reporter else "in the source’s own voice"
    return (
        f"<div class='cm-card cm-report' data-sentence='{esc_html(report.sentence_id)}'>"
        f"<h4>{esc_html(report.value)}</h4>"
        f"<div class='cm-muted'>{who}, in <b>{esc_html(source_name(index, report.source_id))}</b></div>"
        f"<blockquote class='cm-quote'>{marked if quoted(text) == text.strip() else f'“{marked}”'}<span class='cm-cite'>{esc_html(citation(index, report.sentence_id))}</span></blockquote>"
        "</div>"
    )


def sentence_html(index: DatasetIndex, sentence_id: str) -> str:
    before, sentence, after = paragraph_context(index, sentence_id)
    return (
        f"<div class='cm-quote'>{esc_html(before)}<mark style='background:{HIGHLIGHT}'>{esc_html(sentence)}</mark>{esc_html(after)}"
        f"<span class='cm-cite'>{esc_html(citation(index, sentence_id))} · id {esc_html(sentence_id)}</span></div>"
    )


def citing_links(index: DatasetIndex, sentence_id: str, page_path: str, base_params: dict[str, str]) -> list[str]:
    """Links to every row that cites a sentence: events and numbers open in the evidence panel, actors on their page."""
    citations = index.citations_of_sentence
    cites = citations[citations["sentence_id"] == sentence_id]
    figures = index.dataset.figures.set_index("figure_id")
    links = []
    for cite in rows(cites):
        if cite.table == "events":
            label = str(index.events.at[cite.row_id, "summary"]) if cite.row_id in index.events.index else cite.row_id
            links.append(
                link(
                    page_path,
                    {**base_params, "event": cite.row_id, "sentence": sentence_id},
                    f"Event: {shorten(label, 70)}",
                    cite.row_id,
                )
            )
        elif cite.table == "figures":
            figure = figures.loc[cite.row_id]
            params = {**base_params, "sentence": sentence_id} | (
                {"event": figure["event_id"]} if figure["event_id"] else {}
            )
            links.append(
                link(
                    page_path,
                    params,
                    f"Number: {figure['value_text']} ({figure['metric'].replace('_', ' ')})",
                    cite.row_id,
                )
            )
        elif cite.table == "actors":
            links.append(
                link(
                    "Actors",
                    {**base_params, "actor": cite.row_id},
                    f"Actor: {index.actors_by_id.at[cite.row_id, 'name']!s}",
                    cite.row_id,
                )
            )
        elif cite.table == "places":
            links.append(
                f"<span title='{esc_html(cite.row_id)}'>Place: {esc_html(index.place_label(cite.row_id))}</span>"
            )
    return links


def _count_words(cites: pd.DataFrame) -> str:
    names = {"events": "event", "figures": "number", "actors": "actor", "places": "place"}
    counts = cites["table"].value_counts()
    return ", ".join(f"{counts[t]} {names[t]}{'s' if counts[t] > 1 else ''}" for t in names if t in counts)


def article_html(
    index: DatasetIndex, source_id: str, selected: str | None, page_path: str, base_params: dict[str, str]
) -> str:
    """The article as it reads, each sentence addressable (its HTML id is the sentence id).

    Each sentence carries its short id, a link that selects it, and how many rows
    cite it; the selected sentence is highlighted and followed by links to every
    row that cites it.
    """
    sentences = index.dataset.sentences
    in_order = sentences[sentences["source_id"] == source_id].sort_values("start")
    citations = index.citations_of_sentence
    citations = citations[
        isin(citations["sentence_id"], in_order["sentence_id"])
    ]  # this source's only: scanned once, not once per sentence
    parts = ['<div class="cm-article">']
    for _, paragraph in in_order.groupby("paragraph", sort=True):
        kind = paragraph["kind"].iloc[0]
        spans, selected_here = [], None
        for row in rows(paragraph):
            is_selected = row.sentence_id == selected
            cites = citations[citations["sentence_id"] == row.sentence_id]
            cited_by = (
                f"cited by {_count_words(cites)}"
                if len(cites)
                else ("not cited: " + row.uncited_reason if row.uncited_reason else "not cited")
            )
            short = row.sentence_id.rsplit("-", 1)[-1]
            marker = link(
                page_path,
                {**base_params, "sentence": row.sentence_id},
                short,
                f"{row.sentence_id}, {cited_by}: select to see what cites it",
            )
            spans.append(
                f'<span class="{"cm-s cm-selected" if is_selected else "cm-s"}" id="{esc_html(row.sentence_id)}">{esc_html(row.text)}</span>'
                f'<sup class="cm-sid">{marker}</sup>'
            )
            if is_selected:
                selected_here = row.sentence_id
        body = " ".join(spans)
        if kind == "heading":
            parts.append(f"<h3>{body}</h3>")
        elif kind == "caption":
            parts.append(f'<p class="cm-caption">Photo caption: {body}</p>')
        elif kind == "embed":
            parts.append(f'<p class="cm-embed">Embedded post: {body}</p>')
        else:
            parts.append(f"<p>{body}</p>")
        if selected_here:
            items = "".join(f"<li>{item}</li>" for item in citing_links(index, selected_here, page_path, base_params))
            parts.append(
                f'<div class="cm-citedby" id="cited-by"><b>Cited by</b><ul>{items or "<li>nothing in the dataset</li>"}</ul></div>'
            )
    parts.append("</div>")
    return "".join(parts)


def precision_legend() -> str:
    return "; ".join(f"{code} = {esc(words)}" for code, words in GEO_PRECISION.items())
