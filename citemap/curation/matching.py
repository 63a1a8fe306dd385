"""Matching: a name to known actors and places, and an event to the events already in a dataset.

Reusable by any importer (the ACLED importer can call `match_event` the same way):

    from citemap.curation.matching import Known, match_name, match_event, EventFacts

    match_name("Zhaparov", [Known("act-japarov", ("Sadyr Japarov", "Japarov"))])   # -> [NameMatch(id='act-japarov', score=100.0, ...)]
    match_event(EventFacts(...), [EventFacts(...), ...], ancestors={"pl-white-house": {"pl-bishkek", "pl-kyrgyzstan"}})

Names are compared after `fold`: any script transliterated to Latin (anyascii: Жээнбеков -> Zheenbekov),
case and punctuation dropped, and the spelling variants of Central Asian and Russian names in English made
one (zh/dzh -> j, a y between vowels dropped, doubled letters single, a final -ay/-ai the same), so that
Jeenbekov, Jeyenbekov and Жээнбеков, or Japarov and Zhaparov, fold alike. rapidfuzz then scores what is
left (a typo such as Aatambayev still scores above the cutoff); a single surname matches a full name whose
last word it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

NAME_CUTOFF = 85.0  # below this a name is proposed as new, not matched
EVENT_CUTOFF = 70.0


@lru_cache(maxsize=200_000)  # a dataset's names are folded once, not once per comparison
def fold(name: str) -> str:
    """A name reduced to what spellings and scripts share (see the module doc)."""
    text = anyascii(name).lower().replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"\bthe\b", " ", text)
    text = text.replace("dzh", "j").replace("zh", "j").replace("kh", "h")
    text = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", text)  # Jeyenbekov -> Jeenbekov, Atambayev -> Atambaev
    text = re.sub(r"(?<=[aeiou])[yi]\b", "i", text)  # Sooronbay / Sooronbai
    text = re.sub(r"(.)\1+", r"\1", text)  # Jeenbekov -> Jenbekov, Aatambayev -> Atambayev
    return " ".join(text.split())


@dataclass(frozen=True)
class Known:
    """Something with a name: an actor or place row of the dataset, or an entry of a gazetteer."""

    id: str
    names: tuple[str, ...]  # the name first, then every alias
    in_dataset: bool = True
    row: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class NameMatch:
    id: str
    score: float  # 0-100
    matched_name: str  # which of the known names it matched
    known: Known = field(compare=False, hash=False)


def name_score(query: str, known_name: str) -> float:
    a, b = fold(query), fold(known_name)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b)
    a_words, b_words = a.split(), b.split()
    if len(a_words) == 1 and len(b_words) > 1:  # a surname against a full name: its last word
        score = max(score, fuzz.ratio(a, b_words[-1]) - 5)
    elif len(b_words) == 1 and len(a_words) > 1:
        score = max(score, fuzz.ratio(b, a_words[-1]) - 5)
    elif len(a_words) > 1 and len(b_words) > 1:
        score = max(score, fuzz.token_sort_ratio(a, b))
    return float(score)


def match_name(query: str, known: list[Known], cutoff: float = NAME_CUTOFF) -> list[NameMatch]:
    """Every known thing whose name or alias scores at least `cutoff` against the query, best first."""
    matches = []
    for entry in known:
        best = max(((name_score(query, name), name) for name in entry.names if name), default=(0.0, ""))
        if best[0] >= cutoff:
            matches.append(NameMatch(entry.id, best[0], best[1], entry))
    # An exact full name beats a surname; a dataset row beats a gazetteer entry of the same score.
    return sorted(matches, key=lambda m: (-m.score, not m.known.in_dataset, m.id))


@dataclass(frozen=True)
class EventFacts:
    """What event matching compares: the kind of happening, when, where, who."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: date
    date_end: date | None
    place_id: str = ""
    actor_ids: frozenset[str] = frozenset()

    @property
    def last_day(self) -> date:
        return self.date_end or self.event_date


@dataclass(frozen=True)
class EventMatch:
    event_id: str
    score: float
    reasons: tuple[str, ...]


def _place_relation(a: str, b: str, ancestors: dict[str, set[str]]) -> str:
    if not a or not b:
        return "unknown"
    if a == b:
        return "same"
    if b in ancestors.get(a, set()) or a in ancestors.get(b, set()):
        return "nested"
    return "different"


def event_score(candidate: EventFacts, existing: EventFacts, ancestors: dict[str, set[str]]) -> EventMatch | None:
    """How well a candidate matches an existing event, or None when it cannot be the same event.

    Rules: the same event_type (the kind of happening); dates that overlap; places that are the same,
    nested (a site in its city) or not stated; and then either the same sub-type or a shared actor.
    """
    if candidate.event_type != existing.event_type:
        return None
    if candidate.event_date > existing.last_day or existing.event_date > candidate.last_day:
        return None
    place = _place_relation(candidate.place_id, existing.place_id, ancestors)
    if place == "different":
        return None
    shared = candidate.actor_ids & existing.actor_ids
    same_sub = candidate.sub_event_type == existing.sub_event_type
    if not same_sub and not shared:
        return None
    score = 40.0
    reasons = [f"same type ({existing.event_type})"]
    if same_sub:
        score += 20
        reasons.append(f"same sub-type ({existing.sub_event_type})")
    same_day = candidate.event_date == existing.event_date and candidate.last_day == existing.last_day
    score += 15 if same_day else 8
    reasons.append("same dates" if same_day else "overlapping dates")
    score += {"same": 15, "nested": 10, "unknown": 3}[place]
    reasons.append(
        {"same": "same place", "nested": "one place inside the other", "unknown": "a place not stated"}[place]
    )
    if shared:
        score += min(10.0, 5.0 * len(shared))
        reasons.append("shared actors: " + ", ".join(sorted(shared)))
    return EventMatch(existing.event_id, min(score, 100.0), tuple(reasons))


def match_event(
    candidate: EventFacts,
    existing: list[EventFacts],
    ancestors: dict[str, set[str]] | None = None,
    cutoff: float = EVENT_CUTOFF,
) -> EventMatch | None:
    """The existing event the candidate most likely reports again, or None (a new event)."""
    ancestors = ancestors or {}
    scored = [m for e in existing if (m := event_score(candidate, e, ancestors)) is not None and m.score >= cutoff]
    return max(scored, key=lambda m: (m.score, m.event_id), default=None)


def place_ancestors(places: list[dict]) -> dict[str, set[str]]:
    """place_id -> every place that contains it, following parent_place_id (cycles stop)."""
    parent = {row["place_id"]: row.get("parent_place_id") or "" for row in places}
    result = {}
    for place_id in parent:
        seen, current = set(), parent[place_id]
        while current and current not in seen:
            seen.add(current)
            current = parent.get(current, "")
        result[place_id] = seen
    return result
