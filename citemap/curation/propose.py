"""Proposals: the rows a new source suggests, each tied to its sentence and the exact words that triggered it.

`propose(text, source_id, published, data_dir)` reads the text sentence by sentence and returns a
`ProposalSet`: every proposal has a `kind` (the contract table its row would go to: events, figures,
actors, places, event_actors), the `sentence_ids` it rests on, the verbatim `span` that triggered it (and
`spans`: every mention, with offsets in its sentence, for highlighting), the proposed `row` under the
contract's column names, `match` (the id of the existing row it cites again, or None for a new row) and a
`score` (0-100, how sure the match or the reading is). `needs` lists the proposals whose new rows it refers
to, so that accepting a figure accepts its event too. Nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from ..csvwrite import read_rows
from ..segment import Sentence, segment
from ..tables import split_list
from ..words import shorten
from .dates import DateReading, read_dates
from .gazetteer import KnownNames, country_code, known_names, online_lookup, slug, world_lookup
from .matching import EventFacts, Known, event_score, fold, match_event, match_name, place_ancestors
from .numbers import read_figures
from .triggers import PROTEST, RIOT, clause_of, find_triggers

LIST = ";"
NO_DATE_NOTE = "No date in the sentence: coded as the day before publication to publication; check."
PLACE_ORDER = {"site": 0, "city": 1, "region": 2, "country": 3}
_ORG_WORDS = re.compile(
    r"\b(?:Ministry|Commission|Committee|Council|Party|Police|Army|Forces|Service|Agency|Office|Court|Parliament|Government|Union|Movement|Front|Bank|News|Media|Press|Radio|TV)\b"
)
_TITLES = {
    "president",
    "former",
    "prime",
    "minister",
    "mr",
    "mrs",
    "ms",
    "dr",
    "general",
    "acting",
    "leader",
    "ex",
    "the",
    "opposition",
    "russian",
}
_STOP = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "i",
    "we",
    "they",
    "he",
    "she",
    "it",
    "both",
    "people",
    "protesters",
}
_CAPITALISED = re.compile(
    r"(?<![\w@#])[A-ZА-ЯЁ][\w’'.-]*(?:\s+(?:of|on|for|and|de|al)\s+[A-ZА-ЯЁ][\w’'.-]*|\s+[A-ZА-ЯЁ][\w’'.-]*)*"
)
_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|at|near|from|to|across|outside|around|city of|town of|village of|region of|province of)\s+(?:the\s+)?(?:\w+\s+)?$)",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(
    r"\s+(?:and\s+\w+\s+)?(?:headquarters|building|buildings|offices?|papers|premises|compound)\b", re.IGNORECASE
)
_REPORTER = [
    re.compile(r"according to (?P<who>[^,.;“”\"]{2,60})", re.IGNORECASE),
    re.compile(r"(?P<who>(?:[\w.’'-]+\s+){0,3}[\w.’'-]+)\s+(?:said|says|reported|told)\b", re.IGNORECASE),
    # "Adil Turdukuov, an activist and ally of Atambayev who witnessed the release said ...": the name that opens
    # the sentence, then its description, then "said"
    re.compile(r"^(?P<who>[^,]{2,60}),[^,]{0,80}?\s(?:said|says|told)\b", re.IGNORECASE),
]


@dataclass
class EventState:
    """What the reading knows about an event proposal while it merges reports of one event: not part of the
    proposal (not in its JSON, its repr or its equality)."""

    actor_ids: set[str]  # actors named in its sentences
    stated: bool  # a sentence says where, if only vaguely ("in several provincial centres")
    bare: bool  # no date and no place: it may go on telling the previous sentence's event
    ordinal: int  # the number of its first sentence in the text
    ordinals: set[int] = field(default_factory=set)  # the numbers of every sentence merged into it
    reported_row: dict | None = None  # for an event already in the dataset: the row as this source reads it


@dataclass
class Proposal:
    proposal_id: str
    kind: str
    sentence_ids: list[str]
    span: str
    row: dict
    match: str | None = None
    score: float | None = None
    spans: list[dict] = field(default_factory=list)  # {sentence_id, start, end, text}, offsets in the sentence
    needs: list[str] = field(default_factory=list)
    note: str = ""
    event_state: EventState | None = field(default=None, repr=False, compare=False)  # events only, while proposing

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["event_state"]
        return data

    @property
    def state(self) -> EventState:
        """The event state of an event proposal made by this module (which always sets it)."""
        if self.event_state is None:
            raise ValueError(f"proposal {self.proposal_id or self.span!r} ({self.kind}) carries no event state")
        return self.event_state


@dataclass
class ProposalSet:
    source_id: str
    published: str
    sentences: list[Sentence]
    proposals: list[Proposal]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "source_id": self.source_id,
            "published": self.published,
            "sentences": [{"sentence_id": s.sentence_id, "text": s.text, "kind": s.kind} for s in self.sentences],
            "proposals": [p.as_dict() for p in self.proposals],
            "warnings": self.warnings,
        }


@dataclass
class Mention:
    kind: str  # actors or places
    id: str
    start: int
    end: int
    text: str
    score: float
    known: Known | None  # None: a new name
    new_row: dict | None = None


def _name_pattern(names: list[str]) -> re.Pattern | None:
    names = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    if not names:
        return None
    parts = ["".join("['’]" if c in "'’" else r"\s+" if c.isspace() else re.escape(c) for c in n) for n in names]
    return re.compile(r"(?<![\w@#])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


class _Scanner:
    """Finds known names (any alias, any case; acronyms in capitals only) in a sentence, longest first."""

    def __init__(self, known: list[Known]):
        self.by_fold: dict[str, list[Known]] = {}
        self.exact_case: set[str] = set()
        names = []
        for entry in known:
            for name in entry.names:
                if not name:
                    continue
                names.append(name)
                self.by_fold.setdefault(fold(name), []).append(entry)
                if name.isupper() and len(name) <= 5:
                    self.exact_case.add(name)
        self.pattern = _name_pattern(names)

    def scan(self, text: str) -> list[tuple[int, int, str, Known]]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            words = match.group(0)
            entries = self.by_fold.get(fold(words), [])
            if not entries:
                continue
            if fold(words).upper() in {fold(e).upper() for e in self.exact_case} and not any(
                words == n for n in self.exact_case
            ):
                continue  # "ap" is not AP
            entry = sorted(entries, key=lambda e: (not e.in_dataset, not any(n == words for n in e.names), e.id))[0]
            found.append((match.start(), match.end(), words, entry))
        return found


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _strip_titles(words: str, start: int) -> tuple[str, int]:
    """'President Sooronbai Jeenbekov' -> 'Sooronbai Jeenbekov', with its offset."""
    while (match := re.match(r"(\S+)\s+", words)) and match.group(1).lower().strip(".") in _TITLES:
        words, start = words[match.end() :], start + match.end()
    return words, start


class Proposer:
    def __init__(self, data_dir: Path, source_id: str, published: date, *, allow_online: bool = False):
        self.data_dir = Path(data_dir)
        self.source_id = source_id
        self.published = published
        self.allow_online = allow_online
        self.known: KnownNames = known_names(self.data_dir)
        self.actor_scanner = _Scanner(self.known.actors)
        self.place_scanner = _Scanner(self.known.places)
        self.places_rows = read_rows(self.data_dir / "places.csv")
        self.events_rows = read_rows(self.data_dir / "events.csv")
        self.event_actor_rows = read_rows(self.data_dir / "event_actors.csv")
        self.figure_rows = read_rows(self.data_dir / "figures.csv")
        gazetteer_places = [k.row for k in self.known.places if not k.in_dataset and k.row.get("place_id")]
        self.ancestors = place_ancestors(
            self.places_rows
            + [r for r in gazetteer_places if r["place_id"] not in {p["place_id"] for p in self.places_rows}]
        )
        self.place_kind = {k.id: (k.row.get("kind") or "city") for k in self.known.places}
        self.countries = [k for k in self.known.places if (k.row.get("kind") or "") == "country"]
        self.new_places: dict[str, Known] = {}
        self.people = {k.id for k in self.known.actors if (k.row.get("kind") or "") == "person"}
        self.country_ids = frozenset(k.id for k in self.countries)
        self.new_actors: dict[str, Known] = {}

    # ---- mentions -----------------------------------------------------------------------------
    def mentions(self, sentence: Sentence) -> list[Mention]:
        text = sentence.text
        found: list[Mention] = []
        for kind, scanner in (("actors", self.actor_scanner), ("places", self.place_scanner)):
            taken: list[tuple[int, int]] = []
            for start, end, words, entry in sorted(scanner.scan(text), key=lambda m: -(m[1] - m[0])):
                if _overlaps(start, end, taken):
                    continue
                if kind == "actors" and _ATTRIBUTE.match(text, end):
                    continue  # "the government and security headquarters": a building's name, not the actor
                taken.append((start, end))
                found.append(Mention(kind, entry.id, start, end, words, 100.0, entry))
        spans = [(m.start, m.end) for m in found]
        for match in _CAPITALISED.finditer(text):
            words, start = match.group(0).rstrip(".’'"), match.start()
            if _overlaps(start, start + len(words), spans):
                # keep the part after a known name ("Kyrgyzstan’s Bishkek" is two known names already)
                continue
            words, start = _strip_titles(words, start)
            if not words or words.lower() in _STOP or len(words) < 3:
                continue
            end = start + len(words)
            at_sentence_start = not text[:start].strip(" “\"‘'")
            mention = self._fuzzy(words, start, end) or self._new_place(text, words, start, end)
            if (
                mention is None
                and len(words.split()) >= 2
                and not at_sentence_start
                and not self._adjective(text, words, end)
            ):
                mention = self._new_actor(words, start, end)
            if mention is not None:
                found.append(mention)
                spans.append((start, end))
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _adjective(text: str, words: str, end: int) -> bool:
        last = words.split()[-1]
        return bool(re.match(r"\s+[a-z]", text[end:])) and bool(re.search(r"(?:an|ian|ese|ish|ic|i)$", last))

    def _fuzzy(self, words: str, start: int, end: int) -> Mention | None:
        for kind, known in (("actors", self.known.actors), ("places", self.known.places)):
            matches = [m for m in match_name(words, known) if not _demonym(words, m.matched_name)]
            if matches:
                best = matches[0]
                return Mention(kind, best.id, start, end, words, best.score, best.known)
        return None

    def _new_place(self, text: str, words: str, start: int, end: int) -> Mention | None:
        if not _PLACE_CONTEXT.search(text[:start]) and not re.match(
            r"\s+(?:city|region|province|district|oblast)\b", text[end:], re.IGNORECASE
        ):
            return None
        place_id = f"pl-{slug(words)}"
        if place_id in self.new_places:
            return Mention("places", place_id, start, end, words, 100.0, None, self.new_places[place_id].row)
        prefer = country_code(self.countries[0].names[0]) if self.countries else ""
        hit = world_lookup(words, prefer)
        row = {
            "place_id": place_id,
            "name": words,
            "aliases": "",
            "kind": "city",
            "latitude": "",
            "longitude": "",
            "geo_precision": "1",
            "uncertainty_km": "",
            "parent_place_id": "",
            "coordinate_source": "",
            "sentence_ids": "",
        }
        if hit is not None:
            row.update(
                kind=hit.kind,
                latitude=_num(hit.latitude),
                longitude=_num(hit.longitude),
                coordinate_source=hit.source,
                geo_precision="3" if hit.kind == "country" else "1",
                uncertainty_km="" if hit.kind == "country" else "5",
            )
            if hit.kind == "city":
                parent = next((k.id for k in self.countries if country_code(k.names[0]) == hit.country_code), "")
                row["parent_place_id"] = parent
            if hit.kind == "country":
                row["coordinate_source"] = hit.source + "; no coordinates offline: add them"
        elif self.allow_online and (online := online_lookup(words)) is not None:
            row.update(latitude=_num(online[0]), longitude=_num(online[1]), coordinate_source=online[2])
        else:
            return None if not _PLACE_CONTEXT.search(text[:start]) else self._flagged(words, start, end, row)
        known = Known(place_id, (words,), False, row)
        self.new_places[place_id] = known
        return Mention("places", place_id, start, end, words, 100.0, None, row)

    def _flagged(self, words, start, end, row) -> Mention | None:
        if len(words.split()) > 3:
            return None
        row["coordinate_source"] = "Needs coordinates: not in the dataset's gazetteer nor the offline world list" + (
            "" if self.allow_online else "; Nominatim not asked (offline)"
        )
        known = Known(row["place_id"], (words,), False, row)
        self.new_places[row["place_id"]] = known
        return Mention("places", row["place_id"], start, end, words, 50.0, None, row)

    def _new_actor(self, words: str, start: int, end: int) -> Mention:
        actor_id = f"act-{slug(words)}"
        kind = "organization" if _ORG_WORDS.search(words) else "person"
        row = {
            "actor_id": actor_id,
            "name": words,
            "aliases": "",
            "kind": kind,
            "title": "",
            "affiliation": "",
            "description": "",
            "sentence_ids": "",
        }
        self.new_actors.setdefault(actor_id, Known(actor_id, (words,), False, row))
        if kind == "person":
            self.people.add(actor_id)
        return Mention("actors", actor_id, start, end, words, 60.0, None, row)

    # ---- the whole text -----------------------------------------------------------------------
    def run(self, text: str) -> ProposalSet:
        sentences = segment(self.source_id, text)
        proposals: list[Proposal] = []
        mention_index: dict[tuple[str, str], list[tuple[Sentence, Mention]]] = {}
        per_sentence = []
        for sentence in sentences:
            mentions = self.mentions(sentence)
            for m in mentions:
                mention_index.setdefault((m.kind, m.id), []).append((sentence, m))
            per_sentence.append((sentence, mentions))

        entity_proposals = self._entity_proposals(mention_index)
        proposals += entity_proposals.values()
        default_place = self._default_place(mention_index)

        candidates = []  # event proposals before merging
        for sentence, mentions in per_sentence:
            if sentence.kind == "heading":
                continue
            dates = [d for d in read_dates(sentence.text, self.published) if d.event_date is not None]
            for trigger in find_triggers(sentence.text):
                candidate = self._event_candidate(sentence, trigger, dates, mentions, default_place, entity_proposals)
                if candidate is not None:
                    candidates.append(candidate)
        events = self._merge_events(candidates)
        proposals += events
        proposals += self._date_reports(events)

        proposals += self._figures(per_sentence, events, entity_proposals)
        proposals += self._event_actors(events, per_sentence, entity_proposals)
        return ProposalSet(self.source_id, self.published.isoformat(), sentences, proposals)

    def _entity_proposals(self, index) -> dict[tuple[str, str], Proposal]:
        result = {}
        for number, ((kind, entity_id), hits) in enumerate(
            sorted(index.items(), key=lambda kv: (kv[1][0][0].start, kv[1][0][1].start)), start=1
        ):
            sentence_ids = list(dict.fromkeys(s.sentence_id for s, _ in hits))
            first_sentence, first = hits[0]
            spans = [{"sentence_id": s.sentence_id, "start": m.start, "end": m.end, "text": m.text} for s, m in hits]
            known = first.known
            if known is not None and known.in_dataset:
                row = dict(known.row)
                row["sentence_ids"] = LIST.join(
                    dict.fromkeys([*split_list(row.get("sentence_ids", "")), *sentence_ids])
                )
                new_aliases = [
                    m.text for _, m in hits if fold(m.text) not in {fold(n) for n in known.names} and m.score < 100
                ]
                if new_aliases:
                    row["aliases"] = LIST.join(dict.fromkeys([*split_list(row.get("aliases", "")), *new_aliases]))
                match, note = (
                    entity_id,
                    f"Cites the existing {kind[:-1]} “{known.names[0]}” again"
                    + (
                        f"; new {'spelling' if len(new_aliases) == 1 else 'spellings'} kept as aliases: {', '.join(new_aliases)}"
                        if new_aliases
                        else ""
                    ),
                )
            else:
                row = self._new_entity_row(kind, entity_id, known, first)
                row["sentence_ids"] = LIST.join(sentence_ids)
                match = None
                note = (
                    f"New {kind[:-1]}, known to the gazetteer as “{known.names[0]}”"
                    if known is not None
                    else f"New {kind[:-1]}: a name not known before"
                )
                if kind == "places" and not row.get("latitude"):
                    note += "; flagged: needs coordinates (never guessed)"
            score = min(m.score for _, m in hits)
            result[(kind, entity_id)] = Proposal(
                f"{'a' if kind == 'actors' else 'p'}{number:03d}",
                kind,
                sentence_ids,
                first.text,
                row,
                match,
                score,
                spans,
                [],
                note,
            )
        # A new place inside a new place needs it first.
        for proposal in result.values():
            parent = proposal.row.get("parent_place_id")
            if (
                proposal.kind == "places"
                and parent
                and (dep := result.get(("places", parent))) is not None
                and dep.match is None
            ):
                proposal.needs.append(dep.proposal_id)
        return result

    def _new_entity_row(self, kind: str, entity_id: str, known: Known | None, first: Mention) -> dict:
        if kind == "actors":
            source = dict(known.row) if known is not None else dict(first.new_row or {})
            row = {
                c: source.get(c, "")
                for c in ("actor_id", "name", "aliases", "kind", "title", "affiliation", "description", "sentence_ids")
            }
            row["actor_id"] = entity_id
            row["kind"] = row["kind"] or "person"
            return row
        source = dict(known.row) if known is not None else dict(first.new_row or {})
        row = {
            c: source.get(c, "")
            for c in (
                "place_id",
                "name",
                "aliases",
                "kind",
                "latitude",
                "longitude",
                "geo_precision",
                "uncertainty_km",
                "parent_place_id",
                "coordinate_source",
                "sentence_ids",
            )
        }
        row["place_id"] = entity_id
        row["kind"] = row["kind"] or "city"
        row["geo_precision"] = row["geo_precision"] or ("3" if row["kind"] == "country" else "1")
        if known is not None and not known.in_dataset and source.get("source") and not row["coordinate_source"]:
            row["coordinate_source"] = f"gazetteer: {source['source']}"
        if not row["coordinate_source"]:
            row["coordinate_source"] = "Needs coordinates: not found offline"
        return row

    def _default_place(self, index) -> str:
        """Where an event whose sentence names no place happened: the country the article is about, if one."""
        countries = [
            (len(hits), pid)
            for (kind, pid), hits in index.items()
            if kind == "places"
            and self.place_kind.get(pid, hits[0][1].new_row and hits[0][1].new_row.get("kind")) == "country"
        ]
        return max(countries)[1] if countries else ""

    def _event_candidate(
        self,
        sentence: Sentence,
        trigger,
        dates: list[DateReading],
        mentions: list[Mention],
        default_place: str,
        entities,
    ) -> Proposal | None:
        text = sentence.text
        clause = clause_of(text, trigger.start)
        in_clause = [d for d in dates if clause[0] <= d.start < clause[1]]
        days = [d for d in dates if d.time_precision == 1]
        pool = in_clause or days or dates  # the clause's own date; else a day the sentence names; else any date in it
        if re.search(r"\bafter\s+$", text[: trigger.start], re.IGNORECASE):
            # "sentenced ... this year ... after falling out with Jeenbekov": the falling-out came before, so the
            # words that date the sentence's main event do not date it; only words after it in its clause do.
            pool = [d for d in in_clause if d.start >= trigger.end]
        reading = min(pool, key=lambda d: abs(d.start - trigger.start)) if pool else None
        places = [m for m in mentions if m.kind == "places"]
        after = [m for m in places if trigger.end <= m.start < clause[1]]
        before = [m for m in places if clause[0] <= m.start < trigger.start]
        place_mention: Mention | None
        if after:  # "in Kyrgyzstan’s Bishkek": the most specific of the places that follow, then the nearest
            place_mention = min(after, key=lambda m: (PLACE_ORDER.get(self._kind_of(m), 3), m.start))
        else:
            place_mention = max(before, key=lambda m: m.start) if before else None
        place_id = place_mention.id if place_mention else default_place
        notes = []
        if reading is not None and reading.event_date is not None:  # always a day: run() passes no hour-only readings
            if reading.date_end and (reading.date_end - reading.event_date).days > 366:
                return None  # "in the past 15 years": background, not an event (docs/CODEBOOK.md: dated in its own time, or kept out)
            event_date, date_end, precision, date_text, time_of_day = (
                reading.event_date,
                reading.date_end,
                reading.time_precision,
                reading.text,
                reading.time_of_day,
            )
            if reading.note:
                notes.append(reading.note)
        else:
            event_date, date_end, precision, date_text, time_of_day = (
                self.published - timedelta(days=1),
                self.published,
                2,
                "",
                "",
            )
            notes.append(NO_DATE_NOTE)
        if place_mention is None:
            notes.append("The place is not stated: " + ("country level." if place_id else "no place."))
        spans = [
            {"sentence_id": sentence.sentence_id, "start": trigger.start, "end": trigger.end, "text": trigger.text}
        ]
        if reading is not None:
            spans.append(
                {"sentence_id": sentence.sentence_id, "start": reading.start, "end": reading.end, "text": reading.text}
            )
        summary = f"{trigger.sub_event_type}: “{shorten(text[clause[0] : clause[1]].strip(' ,;'), 160)}”"
        row = {
            "event_id": f"ev-{sentence.sentence_id}-{trigger.start}",
            "event_date": event_date.isoformat(),
            "date_end": date_end.isoformat() if date_end and date_end != event_date else "",
            "time_precision": str(precision),
            "date_text": date_text,
            "time_of_day": time_of_day,
            "event_type": trigger.event_type,
            "sub_event_type": trigger.sub_event_type,
            "place_id": place_id,
            "summary": summary,
            "sentence_ids": sentence.sentence_id,
            "notes": " ".join(notes),
        }
        needs = [
            p.proposal_id
            for (kind, pid), p in entities.items()
            if kind == "places" and pid == place_id and p.match is None
        ]
        actor_ids = frozenset(m.id for m in mentions if m.kind == "actors")
        # "in several provincial centres": the sentence says where, only vaguely; the event stays at country level
        vague = re.search(
            r"\b(?:in|across)\s+(?:several|many|some|various|a number of)\s+\w+",
            text[clause[0] : clause[1]],
            re.IGNORECASE,
        )
        event_state = EventState(
            actor_ids=set(actor_ids),
            stated=place_mention is not None or vague is not None,
            bare=reading is None and place_mention is None and vague is None,
            ordinal=int(sentence.sentence_id.rsplit("-s", 1)[1]),
        )
        return Proposal(
            "", "events", [sentence.sentence_id], trigger.text, row, None, 70.0, spans, needs, "", event_state
        )

    def _kind_of(self, mention: Mention) -> str:
        if mention.known is not None:
            return mention.known.row.get("kind") or "city"
        return (mention.new_row or {}).get("kind", "city")

    def _facts(self, proposal: Proposal) -> EventFacts:
        row = proposal.row
        return EventFacts(
            row["event_id"],
            row["event_type"],
            row["sub_event_type"],
            date.fromisoformat(row["event_date"]),
            date.fromisoformat(row["date_end"]) if row["date_end"] else None,
            row["place_id"],
            frozenset(proposal.state.actor_ids),
        )

    def _merge_events(self, candidates: list[Proposal]) -> list[Proposal]:
        """Reports of one event in several sentences become one proposal; one matching a dataset event cites it."""
        merged: list[Proposal] = []
        for candidate in candidates:
            target = None
            for existing in merged:
                code = (existing.row["event_type"], existing.row["sub_event_type"]) == (
                    candidate.row["event_type"],
                    candidate.row["sub_event_type"],
                )
                if (
                    code
                    and existing.match is None
                    and candidate.state.bare
                    and candidate.state.ordinal - 1 in existing.state.ordinals
                ):
                    target = existing  # no date, no place: it goes on telling the previous sentence's event ("ransacked parts of it")
                    break
                if set(existing.sentence_ids) & set(candidate.sentence_ids):
                    if code and (not existing.state.stated or not candidate.state.stated):
                        target = existing  # one sentence, one kind of happening, one of them unplaced: the same event
                        break
                    if existing.row["place_id"] != candidate.row["place_id"]:
                        continue  # two triggers of one sentence at two places are two events
                if existing.match is None and _same_report(
                    *self._comparable(candidate, existing),
                    self.ancestors,
                    candidate.state.stated,
                    existing.state.stated,
                    self.people,
                    candidate.row["time_precision"] == "1",
                    existing.row["time_precision"] == "1",
                    self.country_ids,
                ):
                    target = existing
                    break
            if target is None:
                candidate.state.ordinals = {candidate.state.ordinal}
                merged.append(candidate)
                continue
            _absorb(target, candidate, self.ancestors)
            target.state.ordinals.add(candidate.state.ordinal)
        merged = self._fold_protests_into_riots(merged)
        merged = self._fold_bare_continuations(merged)
        existing_facts = [self._existing_facts(row) for row in self.events_rows]
        result = []
        for number, proposal in enumerate(merged, start=1):
            proposal.proposal_id = f"e{number:03d}"
            hit = match_event(self._facts(proposal), existing_facts, self.ancestors) if existing_facts else None
            if hit is not None:
                existing_row = next(r for r in self.events_rows if r["event_id"] == hit.event_id)
                row = dict(existing_row)
                row["sentence_ids"] = LIST.join(
                    dict.fromkeys([*split_list(existing_row["sentence_ids"]), *proposal.sentence_ids])
                )
                new_first, new_last = proposal.row["event_date"], proposal.row["date_end"] or proposal.row["event_date"]
                old_last = existing_row["date_end"] or existing_row["event_date"]
                if new_first < existing_row["event_date"] or new_last > old_last:  # the envelope covers every report
                    row["event_date"], row["date_end"] = (
                        min(new_first, existing_row["event_date"]),
                        max(new_last, old_last),
                    )
                    if row["date_end"] == row["event_date"]:
                        row["date_end"] = ""
                proposal.note = (
                    f"Reports the existing event {hit.event_id} again ({'; '.join(hit.reasons)}): accepting cites this source's sentences for it. This source's own reading of the date: {proposal.row['event_date']}"
                    + (f" to {proposal.row['date_end']}" if proposal.row["date_end"] else "")
                    + (f" (“{proposal.row['date_text']}”)." if proposal.row["date_text"] else ".")
                )
                proposal.state.reported_row = proposal.row
                proposal.row, proposal.match, proposal.score = row, hit.event_id, hit.score
                proposal.needs = []
            result.append(proposal)
        return result

    def _town(self, place_id: str) -> str:
        """The town a place is in (a site's city; a city itself): events are placed at town level, as ACLED."""
        if self.place_kind.get(place_id) != "site":
            return place_id
        towns = [a for a in self.ancestors.get(place_id, set()) if self.place_kind.get(a) == "city"]
        return towns[0] if len(towns) == 1 else place_id

    def _comparable(self, a: Proposal, b: Proposal) -> tuple[EventFacts, EventFacts]:
        """Two reports' facts as `_same_report` compares them: each place at town level (two buildings of one
        city on one day are one ACLED event), and a report with no date words of its own takes the other's dates
        (its default window is a placeholder, not the source's reading, so it neither joins nor parts them)."""
        facts_a, facts_b = self._facts(a), self._facts(b)
        facts_a = replace(facts_a, place_id=self._town(facts_a.place_id))
        facts_b = replace(facts_b, place_id=self._town(facts_b.place_id))
        if not a.row["date_text"] and b.row["date_text"]:
            facts_a = replace(facts_a, event_date=facts_b.event_date, date_end=facts_b.date_end)
        elif not b.row["date_text"] and a.row["date_text"]:
            facts_b = replace(facts_b, event_date=facts_a.event_date, date_end=facts_a.date_end)
        return facts_a, facts_b

    def _fold_protests_into_riots(self, events: list[Proposal]) -> list[Proposal]:
        """A rally and the violence at it are one event, coded as the riot (docs/CODEBOOK.md section 2): a peaceful
        protest this source dates to the same day as one of its riots, in the same town (a site and its city, or
        two sites of the city; never a whole country), is folded into that riot."""
        riots = [e for e in events if (e.row["event_type"], e.row["sub_event_type"]) == RIOT]
        result = []
        for event in events:
            if (event.row["event_type"], event.row["sub_event_type"]) == PROTEST and event.row["time_precision"] == "1":
                town = self._town(event.row["place_id"])
                riot = next(
                    (
                        r
                        for r in riots
                        if r.row["time_precision"] == "1"
                        and r.row["event_date"] == event.row["event_date"]
                        and town
                        and town not in self.country_ids
                        and self._town(r.row["place_id"]) == town
                    ),
                    None,
                )
                if riot is not None:
                    place = riot.row["place_id"]
                    _absorb(riot, event, self.ancestors)
                    riot.row["place_id"] = place  # the riot's own place: the protest's is the town around it
                    riot.state.ordinals |= event.state.ordinals
                    continue
            result.append(event)
        return result

    def _fold_bare_continuations(self, events: list[Proposal]) -> list[Proposal]:
        """A report with no date and no place goes on telling the previous sentence's event of the same code (the
        merge's own rule), checked again once protests are folded into riots: "... hit the streets of the capital
        Bishkek Monday evening ..." then "One person has been killed and 590 wounded in the clashes"."""
        folded: set[int] = set()  # id() of the events absorbed into another
        for event in events:
            code = (event.row["event_type"], event.row["sub_event_type"])
            before = event.state.ordinal - 1
            if not event.state.bare or event.row["date_text"] or event.match is not None:
                continue
            target = next(
                (
                    e
                    for e in events
                    if e is not event
                    and id(e) not in folded
                    and e.match is None
                    and before in e.state.ordinals
                    and (e.row["event_type"], e.row["sub_event_type"]) == code
                ),
                None,
            )
            if target is not None:
                _absorb(target, event, self.ancestors)
                target.state.ordinals |= event.state.ordinals
                folded.add(id(event))
        return [e for e in events if id(e) not in folded]

    def _date_reports(self, events: list[Proposal]) -> list[Proposal]:
        """For an event already in the dataset, this source's own date for it: an event_dates row (the contract's
        table of date reports; two sources that date one event differently are a date disagreement)."""
        result: list[Proposal] = []
        for event in events:
            reported = event.state.reported_row
            if not event.match or reported is None:
                continue
            row = {
                "date_id": f"date-{self.source_id}-{event.match}",
                "event_id": event.match,
                "event_date": reported["event_date"],
                "date_end": reported["date_end"],
                "time_precision": reported["time_precision"],
                "date_text": reported["date_text"],
                "time_of_day": reported["time_of_day"],
                "sentence_ids": reported["sentence_ids"],
                "reported_by": "",
                "notes": reported["notes"],
            }
            spans = [s for s in event.spans if s["text"] == reported["date_text"]] or event.spans[:1]
            result.append(
                Proposal(
                    f"d{len(result) + 1:03d}",
                    "event_dates",
                    list(event.sentence_ids),
                    reported["date_text"] or event.span,
                    row,
                    None,
                    event.score,
                    spans,
                    [event.proposal_id],
                    f"This source's date for {event.match}.",
                )
            )
        return result

    def _existing_facts(self, row: dict) -> EventFacts:
        actors = frozenset(r["actor_id"] for r in self.event_actor_rows if r["event_id"] == row["event_id"])
        return EventFacts(
            row["event_id"],
            row["event_type"],
            row["sub_event_type"],
            date.fromisoformat(row["event_date"]),
            date.fromisoformat(row["date_end"]) if row.get("date_end") else None,
            row.get("place_id", ""),
            actors,
        )

    def _figures(self, per_sentence, events: list[Proposal], entities) -> list[Proposal]:
        result = []
        by_sentence: dict[str, list[Proposal]] = {}
        for event in events:
            for sid in event.sentence_ids:
                by_sentence.setdefault(sid, []).append(event)
        number = 0
        for sentence, mentions in per_sentence:
            text = sentence.text
            dates = read_dates(text, self.published)
            skip = [
                (d.start, d.end)
                for d in dates
                if not re.search(r"\b(?:past|last)\s+\S+\s+(?:years|months|weeks|days)", d.text, re.IGNORECASE)
            ]
            reporter = self._reporter(text, mentions)
            for reading in read_figures(text, skip):
                number += 1
                row = {
                    "figure_id": f"fig-{sentence.sentence_id}-{number}",
                    "event_id": "",
                    "actor_id": "",
                    "place_id": "",
                    "metric": reading.metric,
                    "value": _num(reading.value),
                    "value_high": _num(reading.value_high) if reading.value_high is not None else "",
                    "qualifier": reading.qualifier,
                    "value_text": reading.text,
                    "unit": reading.unit,
                    "reported_by": "",
                    "sentence_id": sentence.sentence_id,
                    "notes": reading.note,
                }
                needs = []
                if reading.metric == "age":
                    people = [
                        m
                        for m in mentions
                        if m.kind == "actors"
                        and (
                            m.end <= reading.number_start + 1
                            or _overlaps(m.start, m.end, [(reading.start, reading.end)])
                        )
                    ]
                    if people:
                        row["actor_id"] = max(people, key=lambda m: m.start).id
                elif reading.metric == "population":
                    row["place_id"] = self._default_place_from(mentions) or ""
                else:
                    candidates = by_sentence.get(sentence.sentence_id, [])
                    if candidates:
                        event = min(candidates, key=lambda e: abs(_trigger_in(e, sentence.sentence_id) - reading.start))
                        row["event_id"] = event.row["event_id"]
                        needs.append(event.proposal_id)
                        if event.match:
                            self._note_disagreement(row, event.match)
                if reporter is not None and not _overlaps(reporter.start, reporter.end, [(reading.start, reading.end)]):
                    row["reported_by"] = reporter.id
                for column in ("actor_id", "place_id", "reported_by"):
                    key = ("actors" if column != "place_id" else "places", row[column])
                    if row[column] and key in entities and entities[key].match is None:
                        needs.append(entities[key].proposal_id)
                if not (row["event_id"] or row["actor_id"] or row["place_id"]):
                    row["place_id"] = self._default_place_from(
                        mentions
                    )  # context, not an event: a figure of the place (docs/CODEBOOK.md)
                    row["notes"] = (
                        row["notes"]
                        + (
                            " No event in the sentence: kept as a figure of the place."
                            if row["place_id"]
                            else " Not tied to an event, actor or place: link it before accepting."
                        )
                    ).strip()
                spans = [
                    {
                        "sentence_id": sentence.sentence_id,
                        "start": reading.start,
                        "end": reading.end,
                        "text": reading.text,
                    }
                ]
                result.append(
                    Proposal(
                        f"f{number:03d}",
                        "figures",
                        [sentence.sentence_id],
                        reading.text,
                        row,
                        None,
                        80.0 if reading.qualifier == "exact" else 70.0,
                        spans,
                        needs,
                        reading.note,
                    )
                )
                # "around 2,000 protesters broke into ... to free ...": the crowd that did each thing is counted on each
                # (docs/CODEBOOK.md: a number that describes each of several events is repeated on each).
                if reading.metric == "participants" and row["event_id"]:
                    clause = clause_of(text, reading.start)
                    others = [
                        e
                        for e in by_sentence.get(sentence.sentence_id, [])
                        if e.row["event_id"] != row["event_id"]
                        and reading.end <= _trigger_in(e, sentence.sentence_id) < clause[1]
                        and (
                            e.row["event_type"] != "Strategic developments"
                            or e.row["sub_event_type"] == "Release from detention"
                        )
                    ]  # what a crowd does
                    for other in others:
                        number += 1
                        copy = dict(
                            row,
                            figure_id=f"fig-{sentence.sentence_id}-{number}",
                            event_id=other.row["event_id"],
                            notes=(
                                row["notes"]
                                + f" The same crowd is counted on {row['event_id']}: the sentence's number describes each event."
                            ).strip(),
                        )
                        copy_needs = [other.proposal_id] + [n for n in needs if n.startswith(("a", "p"))]
                        result.append(
                            Proposal(
                                f"f{number:03d}",
                                "figures",
                                [sentence.sentence_id],
                                reading.text,
                                copy,
                                None,
                                60.0,
                                spans,
                                copy_needs,
                                copy["notes"],
                            )
                        )
        return result

    def _note_disagreement(self, row: dict, event_id: str) -> None:
        same = [f for f in self.figure_rows if f["event_id"] == event_id and f["metric"] == row["metric"]]
        for other in same:
            if (other["value"], other.get("value_high", ""), other["qualifier"]) != (
                row["value"],
                row["value_high"],
                row["qualifier"],
            ):
                row["notes"] = (
                    row["notes"]
                    + f" A second report of this figure: {other['figure_id']} says {other['value_text']!r}; both rows are kept."
                ).strip()
                return
            row["notes"] = (row["notes"] + f" Agrees with {other['figure_id']}: corroborates it.").strip()
            return

    def _default_place_from(self, mentions) -> str:
        countries = [m.id for m in mentions if m.kind == "places" and self._kind_of(m) == "country"]
        if countries:
            return countries[0]
        return self.countries[0].id if self.countries else ""

    def _reporter(self, text: str, mentions: list[Mention]) -> Mention | None:
        actors = [m for m in mentions if m.kind == "actors"]
        for pattern in _REPORTER:
            # The last attribution is the outermost: "... the Commission said ..., local news website 24.kg reported."
            for match in reversed(list(pattern.finditer(text))):
                start, end = match.span("who")
                inside = [m for m in actors if start <= m.start and m.end <= end]
                if inside:
                    return max(inside, key=lambda m: m.start)
        return None

    @staticmethod
    def _role(
        event: Proposal,
        text: str,
        trigger_at: int,
        clause: tuple[int, int],
        mention: Mention,
        mentions: list[Mention],
        reporter: Mention | None,
        spoken: bool,
    ) -> str | None:
        """An actor's part in an event, by a rule the words state, or None (no link) when they do not:
        - who reports it ("the government said", "according to local media") is its source; who says a "said"
          statement is its speaker;
        - "Atambayev's arrest": the one it happened to (target);
        - a passive or intransitive trigger ("was freed", "getting released", "left jail", "who was sentenced"):
          the one named right before it, or the name a "who" clause hangs on, is who it happened to (associated
          for a release, target for an arrest or sentence); "by protestors" after it is who did it (actor1);
        - otherwise the clause's subject (its first actor before the trigger; "protesters attempting to force
          their way": the one right before "attempting to") did it: actor1, or the speaker of a statement; in a
          "who" clause with no actor before the trigger, the name the clause hangs on. Not for a trigger used as
          a noun ("as public rallies started", "the clashes"): the name before it did something else;
        - after the trigger only: the one arrested or sentenced right after it ("arrested Atambayev", target);
          the one freed right after it (associated); "clashes with/against/towards the police" (actor2);
          "fell out with Jeenbekov" (actor2); the one a statement is about (associated), unless it speaks itself;
        - any other actor in the clause gets no link: its part would be a guess.
        """
        if reporter is not None and mention.id == reporter.id:
            return "speaker" if spoken else "source"  # "Jeenbekov said": he speaks; "the government said": it reports
        sub = event.row["sub_event_type"]
        actors = [m for m in mentions if m.kind == "actors" and (reporter is None or m.id != reporter.id)]
        trigger_words = event_trigger_words(event, text, trigger_at)
        if re.match(r"['’]s\s*$", text[mention.end : trigger_at]):
            return "target"  # "Atambayev’s arrest"
        # the appointee is an appointment's actor1 ("Asanov has taken over as", "Japarov was appointed")
        happened_to = {"Release from detention": "associated", "Appointment": "actor1"}.get(sub, "target")
        passive = (
            re.search(r"\b(?:was|were|been|being|is|are|get|got|getting)\s+$", text[:trigger_at], re.IGNORECASE)
            or re.match(r"left jail|getting released", trigger_words, re.IGNORECASE)
            or re.match(r"\s+from\b", text[trigger_at + len(trigger_words) :])  # "Atambayev freed from jail"
        )
        antecedent = _antecedent(text, clause, actors)
        # The subject is looked for after an opening phrase ("Following the resignation of Prime Minister Boronov,
        # former lawmaker Japarov was appointed") and after the last ", and" that starts a new subject ("...,
        # and several provincial governors reportedly resigned").
        subject_from = clause[0]
        opening = re.match(r"\s*(?:Following|After|Before|Despite|Amid|During|In|On)\b[^,]*,", text[clause[0] :])
        if opening and clause[0] + opening.end() <= trigger_at:
            subject_from = clause[0] + opening.end()
        for joint in re.finditer(r",\s+and\s+", text[subject_from:trigger_at]):
            subject_from = max(subject_from, subject_from + joint.end())
        before = [m for m in actors if subject_from <= m.start < trigger_at]
        if passive and sub in ("Release from detention", "Arrests", "Sentencing", "Appointment"):
            subject = max(before, key=lambda m: m.start) if before else antecedent
            if mention is subject:
                return happened_to
            if mention.start >= trigger_at and re.search(
                r"\bby\s+(?:the\s+)?$", text[max(0, mention.start - 8) : mention.start]
            ):
                return "actor1"  # "getting released by protestors"
            return None
        if mention.start < trigger_at:
            if not before and mention is antecedent:
                return "speaker" if sub == "Statement" else "actor1"  # "Atambayev, who ... after falling out with"
            if re.search(r"\b(?:the|a|an|public|mass|street|several|many)\s+$", text[:trigger_at], re.IGNORECASE):
                return None  # a noun: "as public rallies started" names no doer
            doer = next(
                (
                    m
                    for m in before
                    if re.match(r"\s+(?:attempting|trying|try|tried|attempted)\s+to\s+$", text[m.end : trigger_at])
                ),
                min(before, key=lambda m: m.start) if before else None,
            )
            if mention is not doer:
                return None
            return "speaker" if sub == "Statement" else "actor1"
        if antecedent is not None and mention is antecedent:
            return "speaker" if sub == "Statement" else "actor1"
        near = mention.start - (trigger_at + len(trigger_words)) <= 40
        first_after = min((m for m in actors if m.start >= trigger_at), key=lambda m: m.start, default=None)
        against = re.search(
            r"\b(?:against|towards|toward|on|at)\s+(?:the\s+)?(?:riot\s+)?$",
            text[max(0, mention.start - 20) : mention.start],
            re.IGNORECASE,
        )
        if sub in ("Arrests", "Sentencing") and near and mention is first_after:
            return "target"  # "arrested Atambayev": the one named right after
        if sub == "Release from detention" and near and mention is first_after:
            return "associated"  # "freed former president Almazbek Atambayev": the one freed
        if event.row["event_type"] in ("Riots", "Battles") and against:
            return "actor2"
        if sub == "Change to group/activity" and re.search(
            r"\bwith\s+(?:his\s+|her\s+|the\s+)?$", text[max(0, mention.start - 12) : mention.start]
        ):
            return "actor2"  # "falling out with Jeenbekov"
        if sub == "Statement" and not re.match(r"\s+(?:said|says|told|reported)\b", text[mention.end :]):
            return "associated"  # the one a statement is about ("ordered security forces not to use firearms")
        return None

    def _event_actors(self, events: list[Proposal], per_sentence, entities) -> list[Proposal]:
        mentions_of = {s.sentence_id: (s, ms) for s, ms in per_sentence}
        result: dict[tuple[str, str, str], Proposal] = {}
        for event in events:
            event_id = event.row["event_id"]
            for sid in event.sentence_ids:
                sentence, mentions = mentions_of[sid]
                trigger_at = _trigger_in(event, sid)
                reporter = self._reporter(sentence.text, mentions)
                clause = clause_of(sentence.text, trigger_at)
                if event.row["sub_event_type"] == "Election" and not re.match(r"won|voted", event.span, re.IGNORECASE):
                    continue  # "a re-run of Sunday's poll" names who wants a re-run, not who took part in the vote
                for mention in mentions:
                    if mention.kind != "actors":
                        continue
                    if (
                        not (clause[0] <= mention.start < clause[1])
                        and (reporter is None or mention.id != reporter.id)
                        and mention is not _antecedent(sentence.text, clause, mentions)
                    ):
                        continue  # only who is named in the trigger's clause (or the name a "who" clause hangs on), and who reports it
                    if sentence.kind == "caption" and re.search(
                        r"\(\s*" + re.escape(mention.text) + r"\s*\)\s*$", sentence.text
                    ):
                        continue  # a photo credit: photo agencies are not reporters (docs/CODEBOOK.md)
                    spoken = re.fullmatch(
                        r"said|says|told|added",
                        sentence.text[trigger_at : trigger_at + 6].split(" ")[0].strip(",."),
                        re.IGNORECASE,
                    )
                    role = self._role(
                        event, sentence.text, trigger_at, clause, mention, mentions, reporter, bool(spoken)
                    )
                    if role is None:
                        continue  # the words do not say its part: no link rather than a guess
                    key = (event_id, mention.id, role)
                    if key in result:
                        result[key].sentence_ids = list(dict.fromkeys([*result[key].sentence_ids, sid]))
                        result[key].row["sentence_ids"] = LIST.join(result[key].sentence_ids)
                        continue
                    if any(
                        r["event_id"] == event_id and r["actor_id"] == mention.id and r["role"] == role
                        for r in self.event_actor_rows
                    ):
                        continue  # already linked
                    needs = [event.proposal_id] if event.match is None else []
                    entity = entities.get(("actors", mention.id))
                    if entity is not None and entity.match is None:
                        needs.append(entity.proposal_id)
                    row = {"event_id": event_id, "actor_id": mention.id, "role": role, "sentence_ids": sid}
                    spans = [{"sentence_id": sid, "start": mention.start, "end": mention.end, "text": mention.text}]
                    result[key] = Proposal(
                        f"l{len(result) + 1:03d}",
                        "event_actors",
                        [sid],
                        mention.text,
                        row,
                        None,
                        60.0,
                        spans,
                        needs,
                        f"Role read from the word order around “{event.span}”.",
                    )
        return list(result.values())


def _demonym(words: str, name: str) -> bool:
    """'Russian' is not 'Russia', 'Kyrgyz' not 'Kyrgyzstan': a name plus an adjective's ending is not the name."""
    a, b = fold(words), fold(name)
    return a != b and (
        a.startswith(b)
        and re.fullmatch(r"n|an|ian|ese|ish|i|ic", a[len(b) :]) is not None
        or b.startswith(a)
        and b[len(a) :] in ("stan", "ia")
    )


def _antecedent(text: str, clause: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """The actor a "who" clause hangs on: "freed former president Almazbek Atambayev, who was sentenced ..."."""
    if not re.search(r",\s+(?:who|which)$", text[: clause[0]]):
        return None
    comma = text.rfind(",", 0, clause[0])
    return next((m for m in mentions if m.kind == "actors" and m.end == comma), None)


def event_trigger_words(event: Proposal, text: str, trigger_at: int) -> str:
    """The trigger words of an event at a position of one of its sentences."""
    for span in event.spans:
        if span["start"] == trigger_at and text[span["start"] : span["end"]] == span["text"]:
            return span["text"]
    return ""


def _trigger_in(event: Proposal, sentence_id: str) -> int:
    for span in event.spans:
        if span["sentence_id"] == sentence_id:
            return span["start"]
    return 0


def _same_report(
    a: EventFacts,
    b: EventFacts,
    ancestors,
    a_stated: bool,
    b_stated: bool,
    people: set[str],
    a_day: bool,
    b_day: bool,
    countries: frozenset = frozenset(),
) -> bool:
    """Within one article, two sentences report one event when: the same sub-type; the same day when both give a
    day, overlapping dates otherwise; and either the same place, stated in both sentences, or a person named in
    both (not for statements: one person makes many)."""
    if a.sub_event_type != b.sub_event_type or event_score(a, b, ancestors) is None:
        return False
    if a_day and b_day and a.event_date != b.event_date:
        return False
    if a_stated and b_stated and a.place_id == b.place_id:
        return True
    if a_stated and b_stated and a_day and b_day and not (countries & {a.place_id, b.place_id}):
        return True  # one day, a site and the town around it (a country holds too much to say so)
    return a.sub_event_type != "Statement" and bool(a.actor_ids & b.actor_ids & people)


def _absorb(target: Proposal, other: Proposal, ancestors: dict[str, set[str]]) -> None:
    target.sentence_ids = list(dict.fromkeys([*target.sentence_ids, *other.sentence_ids]))
    target.spans += other.spans
    target.row["sentence_ids"] = LIST.join(target.sentence_ids)
    target.needs = list(dict.fromkeys([*target.needs, *other.needs]))
    target.state.actor_ids |= other.state.actor_ids
    target.state.stated = target.state.stated or other.state.stated
    # The more precise date and place win; the other reading goes to the notes.
    if not other.row["date_text"]:
        pass  # a default date (no words in the sentence) never replaces a date read from words
    elif (
        not target.row["date_text"]
        or int(other.row["time_precision"]) < int(target.row["time_precision"])
        or (
            other.row["time_precision"] == target.row["time_precision"]
            and other.row["time_of_day"]
            and not target.row["time_of_day"]
        )
    ):
        if not target.row["date_text"]:  # the default window gives way to the date read from words
            target.row["notes"] = target.row["notes"].replace(NO_DATE_NOTE, "").strip()
        for column in ("event_date", "date_end", "time_precision", "date_text", "time_of_day"):
            target.row[column] = other.row[column]
    elif (
        other.row["date_text"]
        and other.row["date_text"] not in target.row["date_text"]
        and other.row["event_date"] == target.row["event_date"]
    ):
        pass  # date_text must stay verbatim from one sentence: keep the first
    inside = target.row["place_id"] in ancestors.get(
        other.row["place_id"], set()
    )  # the other names a place inside this one
    if other.row["place_id"] and (not target.row["place_id"] or inside):
        target.row["place_id"] = other.row["place_id"]


def _num(value) -> str:
    if value is None or value == "":
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def propose(text: str, source_id: str, published: date, data_dir: Path, *, allow_online: bool = False) -> ProposalSet:
    return Proposer(data_dir, source_id, published, allow_online=allow_online).run(text)
