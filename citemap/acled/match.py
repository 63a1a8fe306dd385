"""When an ACLED event and a curated event are the same happening: a small matcher, on purpose.

It stands alone so the curation matcher (being built elsewhere) can replace it: `best_match` is the only call
the merge makes. Two events are the same happening when all three hold:

1. the same ACLED event-type family: Protests and Riots are one family (demonstrations: a crowd that turns
   violent is one happening coded either way); Strategic developments count only with the same sub-event type
   (an arrest is not an appointment); every other event type is its own family;
2. their dates overlap: a curated event spans event_date..date_end; an ACLED event its event_date, widened by
   its time precision (2, within a week: 6 days either side; 3, within a month: 30 days; 4: 365 days); a
   curated event spanning more than MAX_SPAN_DAYS is a period ("in the past 15 years"), not a happening, and
   matches nothing;
3. the same or a nested place: one event's place, by name or alias (case-insensitive), is the other's place or
   one of its ancestors (a site in Bishkek matches the city of Bishkek; a country-level event matches any place
   in that country). Events with no place never match.

Pairs are ranked: the same place first, then nested fewest levels apart, a place inside ACLED's before one around
it (a site of the city before the country), then the same event type (Riots with Riots before Riots with
Protests), then the nearest in time, then by ids. The best-ranked pair of all is matched first, and so on: each
event on either side takes part in at most one match (`assign`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

FAMILY = {"Protests": "demonstrations", "Riots": "demonstrations"}
WIDEN_DAYS = {1: 0, 2: 6, 3: 30, 4: 365}
MAX_SPAN_DAYS = 31


@dataclass(frozen=True)
class Happening:
    event_id: str
    event_type: str
    sub_event_type: str
    start: date
    end: date
    places: tuple[frozenset[str], ...]  # names of the place, then of each ancestor (lower-case, with aliases)


def family(event_type: str, sub_event_type: str) -> str:
    if event_type == "Strategic developments":
        return f"{event_type}/{sub_event_type}"
    return FAMILY.get(event_type, event_type)


def happening(event: dict, places: dict[str, dict], widen: bool) -> Happening | None:
    if not event.get("place_id") or event["place_id"] not in places:
        return None
    start = date.fromisoformat(event["event_date"])
    end = date.fromisoformat(event["date_end"]) if event.get("date_end") else start
    if widen:
        days = timedelta(days=WIDEN_DAYS.get(int(event.get("time_precision") or 1), 0))
        start, end = start - days, end + days
    chain: list[frozenset[str]] = []
    seen: set[str] = set()
    place: dict | None = places[event["place_id"]]  # then each parent, None past the top
    while place and place["place_id"] not in seen:
        seen.add(place["place_id"])
        names = {place["name"].strip().lower()} | {
            a.strip().lower() for a in place.get("aliases", "").split(";") if a.strip()
        }
        chain.append(frozenset(names))
        place = places.get(place.get("parent_place_id", ""))
    return Happening(event["event_id"], event["event_type"], event["sub_event_type"], start, end, tuple(chain))


def place_relation(acled: Happening, curated: Happening) -> tuple[int, int] | None:
    """(levels apart, 0 when the curated place lies inside ACLED's else 1); (0, 0) for the same place; None when unrelated."""
    if acled.places[0] & curated.places[0]:
        return (0, 0)
    inside = [(i, 0) for i, names in enumerate(curated.places) if acled.places[0] & names]
    around = [(i, 1) for i, names in enumerate(acled.places) if curated.places[0] & names]
    return min(inside + around) if inside or around else None


def score(acled: Happening, curated: Happening) -> tuple | None:
    """Lower is better; None when they are not the same happening."""
    if family(acled.event_type, acled.sub_event_type) != family(curated.event_type, curated.sub_event_type):
        return None
    if (curated.end - curated.start).days > MAX_SPAN_DAYS:
        return None
    if acled.start > curated.end or curated.start > acled.end:
        return None
    relation = place_relation(acled, curated)
    if relation is None:
        return None
    gap = abs(
        (acled.start + (acled.end - acled.start) / 2) - (curated.start + (curated.end - curated.start) / 2)
    ).total_seconds()
    return (*relation, 0 if acled.event_type == curated.event_type else 1, gap)


def assign(acled_events: list[Happening], curated_events: list[Happening]) -> dict[str, str]:
    """ACLED event id -> curated event id, best-ranked pairs first, each event in at most one pair."""
    pairs = sorted(
        (s, a.event_id, c.event_id) for a in acled_events for c in curated_events if (s := score(a, c)) is not None
    )
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, acled_id, curated_id in pairs:
        if acled_id not in matched and curated_id not in taken:
            matched[acled_id] = curated_id
            taken.add(curated_id)
    return matched
