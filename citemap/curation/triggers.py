"""Words that suggest an event, with the ACLED type and sub-type they suggest (docs/CODEBOOK.md's rules).

Each trigger is a regular expression matched case-insensitively; its match is the proposal's span, so the
reviewer sees exactly which words suggested the code. A few rules keep the obvious misreadings out:
- a protest that turns violent is a riot: a sentence with a riot trigger gets no peaceful-protest proposal;
- "said", "told", "added" make a statement only when nothing else happened in the sentence (a source that
  reports an event is attributing it, not making a statement);
- "the seized building" describes, it does not report a seizure; "demand the resignation" is not a resignation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RIOT = ("Riots", "Violent demonstration")
PROTEST = ("Protests", "Peaceful protest")
STATEMENT = ("Strategic developments", "Statement")

TRIGGERS: tuple[tuple[str, tuple[str, str]], ...] = (
    (
        r"broke into|broken into|break into|stormed|storm|force (?:their|its|his) way|ransacked|set fire to|set on fire|on fire|caught fire|torched|looted|clash(?:es|ed)?|took control of|burning",
        RIOT,
    ),
    (
        r"protest(?:s|ed)?|protesting|rall(?:y|ies|ied)|demonstrations?|marched|hit the streets|took to the streets|gathered|gather|picketed",
        PROTEST,
    ),
    (
        r"(?:seized|seize|took over|taken over|take over|occupied|captured)(?=[^.;]{0,40}\bbuildings?\b)",
        ("Strategic developments", "Seizure of buildings"),
    ),
    (
        r"freed|free|released|release|left jail|set free|getting released",
        ("Strategic developments", "Release from detention"),
    ),
    (r"sentenced|serving an?(?=[^.]{0,20}sentence)|convicted", ("Strategic developments", "Sentencing")),
    (r"arrested|arrest|detained", ("Strategic developments", "Arrests")),
    (r"resigned|resign|resignation|stepped down", ("Strategic developments", "Resignation")),
    (r"appointed|taken over as|took over as|named as|sworn in|proclaimed", ("Strategic developments", "Appointment")),
    (r"toppled|ousted|overthrown|coup", ("Strategic developments", "Regime change")),
    (r"broker a peace|brokered|mediat(?:e|ed|ion)", ("Strategic developments", "Mediation attempt")),
    (r"fell out|falling out|split with|broke with", ("Strategic developments", "Change to group/activity")),
    (
        r"won the [^.,;]{0,40}election|election was held|elections? held|voted|poll(?!ing station)|went to the polls",
        ("Strategic developments", "Election"),
    ),
    (r"announced|described|called for|demanded|declared|warned|vowed|urged", STATEMENT),
)
WEAK_STATEMENT = r"said|says|told|added"
_COMPILED = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), code) for pattern, code in TRIGGERS]
_WEAK = re.compile(rf"\b(?:{WEAK_STATEMENT})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str


def find_triggers(sentence: str) -> list[Trigger]:
    found: list[Trigger] = []
    for pattern, (event_type, sub_event_type) in _COMPILED:
        for match in pattern.finditer(sentence):
            before = sentence[max(0, match.start() - 25) : match.start()].lower()
            if re.search(r"\b(?:the|a)\s*$", before) and sub_event_type in ("Seizure of buildings",):
                continue  # "the seized building" describes
            if sub_event_type == "Resignation" and re.search(r"\bdemand(?:ed|ing|s)?\s+(?:the\s+)?$", before):
                continue
            if sub_event_type == "Release from detention" and re.search(r"\bwho\s+witnessed\s+the\s*$", before):
                continue  # a witness of the release, not the release again
            found.append(Trigger(match.start(), match.end(), match.group(0), event_type, sub_event_type))
    codes = {(t.event_type, t.sub_event_type) for t in found}
    if RIOT in codes:
        found = [t for t in found if (t.event_type, t.sub_event_type) != PROTEST]
    if not found and not sentence.lstrip().startswith(
        ("“", '"', "‘")
    ):  # "“They surrendered,” he added." only attributes a quote
        found = [Trigger(m.start(), m.end(), m.group(0), *STATEMENT) for m in _WEAK.finditer(sentence)][:1]
    found.sort(key=lambda t: t.start)
    # One proposal per code and clause: "rallies ... protested" in one clause is one protest.
    kept: list[Trigger] = []
    for trigger in found:
        if any(
            (k.event_type, k.sub_event_type) == (trigger.event_type, trigger.sub_event_type)
            and same_clause(sentence, k.start, trigger.start)
            for k in kept
        ):
            continue
        kept.append(trigger)
    return kept


_CLAUSE_BREAK = re.compile(r",\s+(?:who|which|where|while|but)\b|;|\s+while\s+|\s+but\s+|,\s+after\b")


def clause_of(sentence: str, position: int) -> tuple[int, int]:
    """The clause around a position: between breaks such as ', who', '; ', ' while ', ' but '."""
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def same_clause(sentence: str, a: int, b: int) -> bool:
    return clause_of(sentence, a) == clause_of(sentence, b)
