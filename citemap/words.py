"""How Citemap words dates and numbers: plain functions shared by provenance, disagreement and the charts."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

TIME_OF_DAY_WORDS = {
    "early_morning": "early morning",
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
}

QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "at most ", "range": ""}


def number_words(figure: pd.Series | Mapping[Hashable, Any]) -> str:
    value = figure["value"]
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    if figure["qualifier"] == "range":
        return f"{text}–{figure['value_high']:,g}"
    return QUALIFIER_WORDS[figure["qualifier"]] + text
