"""Split a source text into addressable sentences with character offsets.

The segmenter is deterministic: the same text always yields the same
sentences, in the same order, with the same ids. Ids are the source id plus
the sentence's ordinal (``kg-2020-10-06-s007``), so re-running it on an
unchanged text keeps every citation valid.

Rules, in order, for each paragraph (paragraphs are separated by blank lines):

1. A paragraph holding a social-media link or a hashtag is an ``embed``.
2. A paragraph ending in a parenthesised agency credit such as ``(AFP)`` is a
   photo ``caption``.
3. A short paragraph (at most eight words) with no closing punctuation is a
   ``heading``.
4. Anything else is ``body`` text, split into sentences after ``.``, ``!`` or
   ``?`` (optionally followed by a closing quote) when the next word starts
   with a capital letter or an opening quote.

Paragraphs of kinds 1-3 are kept whole: a caption or an embedded post is one
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
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’]?(?=\s+[A-Z“\"‘])")


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
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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


def segment(source_id: str, text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph_number, (p_start, p_end) in enumerate(_paragraph_spans(text), start=1):
        kind = paragraph_kind(text[p_start:p_end])
        spans = [(p_start, p_end)] if kind != "body" else _sentence_spans(text, p_start, p_end)
        for start, end in spans:
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
