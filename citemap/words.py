"""How Citemap words dates and numbers: plain functions shared by provenance, disagreement and the charts."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from .contract import TIME_PRECISION

TIME_OF_DAY_WORDS = {
    "early_morning": "early morning",
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
}

QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "at most ", "range": ""}


def _number(value: float) -> str:
    """'1,500,000', '2.5': grouped, never in scientific notation ('1.5e+06' is no way to write a count)."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.15g}" if abs(value) < 1e15 else f"{value:,.2f}"


def number_words(figure: pd.Series | Mapping[Hashable, Any]) -> str:
    text = _number(figure["value"])
    if figure["qualifier"] == "range":
        return f"{text}–{_number(figure['value_high'])}"
    return QUALIFIER_WORDS[figure["qualifier"]] + text


def shorten(text: object, limit: int) -> str:
    """The text cut to at most `limit` characters with an ellipsis, for a label; whole when it fits.

    The cut falls between words ('the State Committ…' reads as a typing slip); only a word longer than
    the last third of the room is cut inside.
    """
    text = str(text)
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    space = room.rfind(" ")
    if space >= (limit - 1) * 2 // 3:
        room = room[:space]
    return room.rstrip(" ,;:-–") + "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 source', '2 sources', '1,204 events'."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def precision_words(precision: int, span: bool, night: bool = False) -> str:
    """How sure the date is, in words: '(exact day)' for one day only.

    A span of days at precision 1 is not one exact day: a night across two dates is '(exact night)',
    other spans say that the days are known ('(these days)') rather than claim one day.
    """
    if precision == 1 and span:
        return "(exact night)" if night else "(over these days)"
    return f"({TIME_PRECISION[precision]})"


def quoted(text: object) -> str:
    """The source's words in one pair of quotation marks: '“Monday night”'.

    Words that open with their own quotation mark ('“They surrendered,” he added.') are shown as they
    are: a second pair around them would read as doubled marks (““They…) and is not the source's. Marks
    inside the words (freed “without force”) keep the outer pair: there they double nothing.
    """
    words = str(text).strip()
    return words if words.startswith(("“", '"', "„")) else f"“{words}”"
