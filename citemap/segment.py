"""Split a source text into addressable sentences with character offsets.

The segmenter is deterministic: the same text always yields the same
sentences, in the same order, with the same ids. Ids are the source id plus
the sentence's ordinal (``kg-2020-10-06-s007``), so re-running it on an
unchanged text keeps every citation valid.

Rules, in order, for each paragraph (paragraphs are separated by blank lines;
within a paragraph, each line is a block of its own: a wiki's heading sits on
the line above its text):

0. A paragraph whose first line is a short label ending in a colon (``Infobox:``)
   is a list: the label is a ``heading`` and every other line one ``body`` unit,
   kept whole ("Casualties: Death(s) 1 [3]; Injuries 1,000+ [4][5][6]").
1. A block holding a social-media link or a hashtag is an ``embed``.
2. A block ending in a parenthesised agency credit such as ``(AFP)`` is a
   photo ``caption``.
3. A short block (at most eight words) with no closing punctuation is a
   ``heading``.
4. Anything else is ``body`` text, split into sentences after ``.``, ``!`` or
   ``?`` (optionally followed by a closing quote and by reference marks such as
   ``[7][8]``) when the next word starts with a capital letter or an opening quote.

Blocks of kinds 1-3 are kept whole: a caption or an embedded post is one
unit of evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("body", "heading", "caption", "embed")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_EMBED = re.compile(r"pic\.twitter\.com/|(?:^|\s)#\w|\(@\w+\)")
_CAPTION_CREDIT = re.compile(r"\((?:AFP|AP|Reuters|EPA|Getty Images|[A-Z]{2,6})\)\s*$")
_CLOSING_PUNCTUATION = re.compile(r"[.!?:;][”\"’')]*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’]?(?:\[\d+\])*(?=\s+[A-Z“\"‘])")
_LIST_LABEL = re.compile(r"^\w[\w ]{0,30}:$")


@dataclass(frozen=True)
class Sentence:
    sentence_id: str
    source_id: str
    paragraph: int
    start: int
    end: int
    kind: str
    text: str


def paragraph_kind(text: str) -> str:
    if _EMBED.search(text):
        return "embed"
    if _CAPTION_CREDIT.search(text):
        return "caption"
    if len(text.split()) <= 8 and not _CLOSING_PUNCTUATION.search(text):
        return "heading"
    return "body"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    # str.strip() drops exactly the characters str.isspace() calls space; done in C, not a loop per character.
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return end, end
    start += len(piece) - len(piece.lstrip())
    return start, start + len(kept)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append(_strip_span(text, position, match.end()))
        position = match.end()
    spans.append(_strip_span(text, position, end))
    return [s for s in spans if s[1] > s[0]]


def sentence_id(source_id: str, ordinal: int) -> str:
    return f"{source_id}-s{ordinal:03d}"


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    for match in re.finditer(r"\n", text[start:end]):
        spans.append(_strip_span(text, position, start + match.start()))
        position = start + match.end()
    spans.append(_strip_span(text, position, end))
    return [s for s in spans if s[1] > s[0]]


def _units(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The paragraph's units of evidence: (start, end, kind), in reading order (the rules above)."""
    lines = _line_spans(text, start, end)
    if len(lines) > 1 and _LIST_LABEL.match(text[lines[0][0] : lines[0][1]]):
        return [(*lines[0], "heading")] + [(s, e, "body") for s, e in lines[1:]]
    units = []
    for line_start, line_end in lines:
        kind = paragraph_kind(text[line_start:line_end])
        spans = [(line_start, line_end)] if kind != "body" else _sentence_spans(text, line_start, line_end)
        units += [(s, e, kind) for s, e in spans]
    return units


def segment(source_id: str, text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph_number, (p_start, p_end) in enumerate(_paragraph_spans(text), start=1):
        for start, end, kind in _units(text, p_start, p_end):
            sentences.append(
                Sentence(
                    sentence_id=sentence_id(source_id, len(sentences) + 1),
                    source_id=source_id,
                    paragraph=paragraph_number,
                    start=start,
                    end=end,
                    kind=kind,
                    text=text[start:end],
                )
            )
    return sentences
