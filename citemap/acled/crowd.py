"""The crowd size ACLED gives, read into a number by the codebook's rules, or into nothing.

ACLED writes a demonstration's size as a tag today ("crowd size=thousands") and wrote it at the end of the
notes before 2020 ("[size=around 50]"). The words are kept verbatim (value_text); the number is read thus:

| ACLED's words              | qualifier | value            |
|----------------------------|-----------|------------------|
| no report, unknown         | no figure | (the event's notes say so) |
| 50, 1,000                  | exact     | the number       |
| around / about / approximately N | approx | N          |
| more than / over / at least N | at_least | N (the bound) |
| less than / under / fewer than / up to / at most N | at_most | N |
| between A and B, A-B       | range     | A to B           |
| several, a few             | at_least  | 2                |
| several / a few hundred (thousand) | at_least | 200 (2,000) |
| dozens                     | at_least  | 24               |
| hundreds                   | at_least  | 200              |
| thousands                  | at_least  | 2,000            |
| tens of thousands          | at_least  | 20,000           |
| hundreds of thousands      | at_least  | 200,000          |
| anything else ("large")    | no figure | (the words kept in the event's notes) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAG = re.compile(r"crowd size\s*=\s*([^;\]\n]+)", re.IGNORECASE)
NOTE = re.compile(r"\[size\s*=\s*([^\]\n]+)\]", re.IGNORECASE)
NO_REPORT = ("no report", "unknown", "not reported", "no size reported")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
_WORDS = {
    "several": 2, "a few": 2, "few": 2, "dozens": 24, "hundreds": 200, "thousands": 2_000,
    "tens of thousands": 20_000, "hundreds of thousands": 200_000,
    "several hundred": 200, "a few hundred": 200, "several thousand": 2_000, "a few thousand": 2_000,
}  # fmt: skip
_BOUNDS = (
    (re.compile(rf"^(?:around|about|approximately|approx\.?|roughly|some|nearly|almost)\s+{_NUMBER}$"), "approx"),
    (re.compile(rf"^(?:more than|over|at least|above|\+)\s*{_NUMBER}$"), "at_least"),
    (re.compile(rf"^{_NUMBER}\s*\+$"), "at_least"),
    (re.compile(rf"^(?:less than|under|fewer than|up to|at most|below)\s+{_NUMBER}$"), "at_most"),
    (re.compile(rf"^{_NUMBER}$"), "exact"),
)
_RANGE = re.compile(rf"^(?:between\s+)?{_NUMBER}\s*(?:and|to|-|–)\s*{_NUMBER}$")


@dataclass(frozen=True)
class CrowdSize:
    words: str  # verbatim, as ACLED wrote them: value_text
    value: float | None  # None: no figure (no report, or words that are no number)
    value_high: float | None = None
    qualifier: str = ""
    reading: str = ""  # how the words were read, for the figure's or the event's notes


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def read_words(words: str) -> CrowdSize:
    spoken = words.strip()
    lowered = " ".join(spoken.lower().split())
    if lowered in NO_REPORT:
        return CrowdSize(spoken, None, reading=f"ACLED reports no crowd size ({spoken!r}): no figure")
    if lowered in _WORDS:
        value = _WORDS[lowered]
        return CrowdSize(
            spoken, value, qualifier="at_least", reading=f"{spoken!r} read as at least {value:,} (Citemap's codebook)"
        )
    match = _RANGE.match(lowered)
    if match:
        low, high = sorted((_number(match[1]), _number(match[2])))
        return CrowdSize(spoken, low, high, "range", f"{spoken!r} read as {low:,.0f} to {high:,.0f}")
    for pattern, qualifier in _BOUNDS:
        match = pattern.match(lowered)
        if match:
            bound = _number(match[1])
            return CrowdSize(
                spoken,
                bound,
                qualifier=qualifier,
                reading=f"{spoken!r} read as {qualifier.replace('_', ' ')} {bound:,.0f}",
            )
    return CrowdSize(
        spoken,
        None,
        reading=f"ACLED's crowd size {spoken!r} is not a number Citemap can read: no figure, the words kept here",
    )


def crowd_size(tags: str, notes: str) -> CrowdSize | None:
    """The crowd size of a row: its tag first, else an older note's [size=...]; None when neither gives one."""
    match = TAG.search(tags) or NOTE.search(notes)
    return read_words(match[1]) if match else None
