"""ACLED records -> contract rows: one event per event id, its notes a cited source, its numbers figures.

The text of each event's source (sources/acled-<event id>.txt), paragraph by paragraph:

1. the row's `notes`, verbatim (a line break inside the cell kept as LF; mojibake repaired, and said so);
   a repeated row whose notes differ adds its own paragraph;
2. `Tags: <tags>` when the row has tags (so a crowd size given as a tag is quoted in ACLED's words);
3. `Fatalities: <cell>`: the fatalities cell as written, so the killed figure cites a sentence holding its
   value_text verbatim. A repeated row with a different count adds its own `Fatalities:` line, and the two
   counts become two figures (a disagreement, never a sum).

Everything in that text is ACLED's own words or cells; the labels "Tags:" and "Fatalities:" are Citemap's.
The segmenter (citemap.segment) splits it into sentences; the event cites all of them. Every sentence is of kind
"body": a note with a hashtag is not an embedded post, nor is "Fatalities: 2" a heading, whatever the segmenter's
rules for articles would call them (those rules still decide where a sentence ends, so ids stay the segmenter's).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from ..contract import ACLED_SUB_EVENT_TYPES, ID_PATTERN, SUB_EVENT_TYPES, TABLES
from ..segment import segment
from .crowd import NOTE, TAG, crowd_size
from .formats import (
    INTER_CODES,
    FileRead,
    Record,
    Refusal,
    inter_code,
    interaction_code,
    repair_mojibake,
)

LICENCE = "ACLED terms of use; attribution required"
ACLED_NAME = "Armed Conflict Location & Event Data (ACLED), acleddata.com"

# Legacy event types (ACLED before 2019) and today's type and sub-type each maps to.
LEGACY_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", ""),  # sub-type read from the notes, below
    "riots/protests": ("", ""),  # Protests or Riots by the actor type, below
    "violence against civilians": ("Violence against civilians", "Attack"),
    "strategic development": ("Strategic developments", "Other"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
}
# Words in a legacy "Remote violence" note that tell today's sub-type; the first found wins.
REMOTE_VIOLENCE_WORDS = (
    ("suicide", "Suicide bomb"),
    ("chemical", "Chemical weapon"),
    ("drone", "Air/drone strike"),
    ("air strike", "Air/drone strike"),
    ("airstrike", "Air/drone strike"),
    ("grenade", "Grenade"),
    ("ied", "Remote explosive/landmine/IED"),
    ("landmine", "Remote explosive/landmine/IED"),
    ("explosive", "Remote explosive/landmine/IED"),
    ("bomb", "Remote explosive/landmine/IED"),
    ("shell", "Shelling/artillery/missile attack"),
    ("artillery", "Shelling/artillery/missile attack"),
    ("missile", "Shelling/artillery/missile attack"),
    ("rocket", "Shelling/artillery/missile attack"),
    ("mortar", "Shelling/artillery/missile attack"),
)
_ID = re.compile(ID_PATTERN)
# A table's rows: dicts, except the sentences table's, which are tuples in the contract's column order (a dict per
# row costs memory and time at 300,000 sentences); importer.write_rows writes both. Any, not dict | tuple: the code
# that reads rows by column name (merge) reads only the tables of dicts.
TableRows = list[Any]


def map_event_type(event_type: str, sub_event_type: str, inter1: int | None, notes: str) -> tuple[str, str, str]:
    """Today's (event_type, sub_event_type) and, for a legacy type, the mapping in words; ("", "", reason) when unknown."""
    if event_type in SUB_EVENT_TYPES and sub_event_type:
        if sub_event_type in SUB_EVENT_TYPES[event_type]:
            return event_type, sub_event_type, ""
        return (
            "",
            "",
            f"sub_event_type {sub_event_type!r} is not one of {event_type!r}: {', '.join(ACLED_SUB_EVENT_TYPES.get(event_type, ()))}",
        )
    legacy = event_type.lower()
    if legacy not in LEGACY_EVENT_TYPES:
        if event_type in SUB_EVENT_TYPES:
            return "", "", f"event type {event_type!r} needs a sub_event_type"
        return (
            "",
            "",
            f"event type {event_type!r} is neither one of ACLED's ({', '.join(ACLED_SUB_EVENT_TYPES)}) nor a legacy one ({', '.join(LEGACY_EVENT_TYPES)})",
        )
    new_type, new_sub = LEGACY_EVENT_TYPES[legacy]
    why = ""
    if legacy == "riots/protests":
        new_type, new_sub = ("Riots", "Violent demonstration") if inter1 == 5 else ("Protests", "Peaceful protest")
        why = (
            f" (inter1 {inter1 if inter1 is not None else 'not given'}: {'rioters' if inter1 == 5 else 'not rioters'})"
        )
    elif legacy == "remote violence":
        lowered = notes.lower()
        word = next(((w, sub) for w, sub in REMOTE_VIOLENCE_WORDS if re.search(rf"\b{re.escape(w)}", lowered)), None)
        new_sub = word[1] if word else "Shelling/artillery/missile attack"
        why = (
            f" (the notes say {word[0]!r})"
            if word
            else " (the notes name no weapon: the sub-type is a placeholder, not ACLED's)"
        )
    mapping = (
        f"Legacy ACLED event type {event_type!r}"
        + (f" / {sub_event_type!r}" if sub_event_type else "")
        + f" mapped to {new_type} / {new_sub}{why}."
    )
    return new_type, new_sub, mapping


@cache
def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]


def event_id_for(event_id_cnty: str) -> str:
    """ACLED's id itself when it is a valid contract id (KGZ1234), else a stable id derived from it."""
    return (
        event_id_cnty
        if _ID.match(event_id_cnty)
        else f"acled-{slug(event_id_cnty) or 'event'}-{short_hash(event_id_cnty)}"
    )


def split_names(cell: str) -> list[str]:
    seen = []
    for name in cell.split(";"):
        name = " ".join(name.split())
        if name and name not in seen:
            seen.append(name)
    return seen


@dataclass
class EventBuild:
    event_id: str
    first: Record
    repeats: list[Record] = field(default_factory=list)
    event_type: str = ""
    sub_event_type: str = ""
    notes: list[str] = field(default_factory=list)  # how the coding was read, for events.notes


@dataclass
class Mapped:
    tables: dict[str, TableRows] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # file name under sources/ -> text
    refusals: list[Refusal] = field(default_factory=list)
    rows_read: int = 0
    repeats_merged: int = 0


# Consistency of a repeated row with the first row of its event: these must agree.
_MUST_AGREE = ("event_date", "event_type", "sub_event_type", "country", "location", "latitude", "longitude")


def _row_problem(record: Record) -> tuple[str, str] | None:
    """(column, reason) when a row cannot become an event."""
    cells = record.cells
    for column, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        try:
            value = float(cells[column])
        except ValueError:
            return column, f"{cells[column]!r} is not a number"
        if not low <= value <= high:
            return column, f"{cells[column]} is outside {low} to {high}"
    for column, allowed in (("time_precision", "1234"), ("geo_precision", "123")):
        cell = cells.get(column, "")
        if cell not in tuple(allowed):
            return column, f"{cell!r} is not an ACLED {column.replace('_', ' ')} ({', '.join(allowed)})"
    if not re.fullmatch(r"[0-9]+", cells["fatalities"]):
        return "fatalities", f"{cells['fatalities']!r} is not a whole number of fatalities"
    for column in ("inter1", "inter2"):
        if cells.get(column, "") and inter_code(cells[column]) is None:
            return (
                column,
                f"{cells[column]!r} is neither an ACLED actor-type code (0-8) nor its words ({', '.join(INTER_CODES.values())})",
            )
    if cells.get("interaction", "") and interaction_code(cells["interaction"]) is None:
        return (
            "interaction",
            f"{cells['interaction']!r} is neither an ACLED interaction code (such as 16 or 60) nor its words (such as 'State forces-Protesters', 'Protesters only')",
        )
    return None


def group_events(reads: list[FileRead], mapped: Mapped) -> dict[str, EventBuild]:
    events: dict[str, EventBuild] = {}
    for read in reads:
        mapped.rows_read += read.rows_read
        mapped.refusals += read.refusals
        for record in read.records:
            cells = record.cells
            problem = _row_problem(record)
            if problem is None:
                new_type, new_sub, why = map_event_type(
                    cells["event_type"],
                    cells.get("sub_event_type", ""),
                    inter_code(cells.get("inter1", "")),
                    cells.get("notes", ""),
                )
                if not new_type:
                    problem = ("sub_event_type" if why.startswith("sub_event_type") else "event_type", why)
            if problem is not None:
                mapped.refusals.append(Refusal(record.file, record.line, *problem))
                continue
            event_id = event_id_for(cells["event_id_cnty"])
            build = events.get(event_id)
            if build is None:
                events[event_id] = EventBuild(
                    event_id, record, event_type=new_type, sub_event_type=new_sub, notes=[why] if why else []
                )
                continue
            differs = [c for c in _MUST_AGREE if cells.get(c, "") != build.first.cells.get(c, "")]
            if differs:
                column = differs[0]
                mapped.refusals.append(
                    Refusal(
                        record.file,
                        record.line,
                        column,
                        f"repeats event {cells['event_id_cnty']} of {build.first.file} line {build.first.line} with a different {column} ({cells[column]!r}, not {build.first.cells.get(column, '')!r})",
                    )
                )
                continue
            build.repeats.append(record)
            mapped.repeats_merged += 1
            if cells["fatalities"] != build.first.cells["fatalities"]:
                mapped.refusals.append(
                    Refusal(
                        record.file,
                        record.line,
                        "fatalities",
                        f"repeats event {cells['event_id_cnty']} (line {build.first.line}) with {cells['fatalities']} fatalities, not {build.first.cells['fatalities']}: both counts kept as two figures, not summed",
                        "conflict",
                    )
                )
    return events


@lru_cache(maxsize=4096)
def _published(timestamp: str, event_date: str) -> tuple[str, str, str]:
    """(published, basis, note) from ACLED's timestamp (Unix seconds: when the record was last uploaded)."""
    if not re.fullmatch(r"[0-9]{9,11}", timestamp):
        return "", "unknown", "ACLED's timestamp is absent or not Unix seconds, so the record's date is unknown."
    day = datetime.fromtimestamp(int(timestamp), tz=UTC).date().isoformat()
    if day < event_date:
        return "", "unknown", f"ACLED's timestamp ({day}) is before the event date; the record's date is left unknown."
    return day, "stated", "Published is the date of ACLED's timestamp: when this record was last uploaded."


class _Registry:
    """Actors or places, de-duplicated by key; ids assigned at the end so a collision of slugs is resolved stably."""

    def __init__(self) -> None:
        self.rows: dict[tuple, dict] = {}

    def __contains__(self, key: tuple) -> bool:
        return key in self.rows

    def add(self, key: tuple, base_id: str, row: dict, sentence: str) -> None:
        if key not in self.rows:
            self.rows[key] = row | {"_base": base_id, "sentence_ids": sentence}

    def assign_ids(self, id_column: str) -> dict[tuple, str]:
        by_base: dict[str, list[tuple]] = {}
        for key, row in self.rows.items():
            by_base.setdefault(row["_base"], []).append(key)
        ids = {}
        for base, keys in by_base.items():
            for key in keys:
                ids[key] = base if len(keys) == 1 else f"{base}-{short_hash(*map(str, key))}"
        for key, row in self.rows.items():
            row[id_column] = ids[key]
        return ids


def build_tables(events: dict[str, EventBuild], mapped: Mapped) -> None:
    actors, places = _Registry(), _Registry()
    rows: dict[str, TableRows] = {
        name: [] for name in ("sources", "sentences", "events", "event_actors", "figures", "acled_events")
    }
    links: list[tuple[str, tuple, str, str]] = []  # event, actor key, role, sentence
    figure_reporters: list[tuple[dict, tuple | None]] = []
    event_places: list[tuple[dict, tuple]] = []
    for build in events.values():
        first, records = build.first, [build.first, *build.repeats]
        cells = first.cells
        event_id, source_id = build.event_id, f"acled-{build.event_id}"
        notes_paragraphs, tags_seen, fatalities_seen, repairs = [], [], [], []
        for record in records:
            note = record.cells.get("notes", "")
            repaired = repair_mojibake(note)
            if repaired is not None:
                repairs.append(f"line {record.line}")
                note = repaired
            if note and note not in notes_paragraphs:
                notes_paragraphs.append(note)
            tags = record.cells.get("tags", "")
            if tags and tags not in tags_seen:
                tags_seen.append(tags)
            if record.cells["fatalities"] not in fatalities_seen:
                fatalities_seen.append(record.cells["fatalities"])
        paragraphs = (
            notes_paragraphs + [f"Tags: {t}" for t in tags_seen] + [f"Fatalities: {f}" for f in fatalities_seen]
        )
        text = "\n\n".join(paragraphs) + "\n"
        file = f"{source_id}.txt"
        mapped.texts[file] = text
        sentences = segment(source_id, text)
        first_sentence = sentences[0].sentence_id
        for s in sentences:
            rows["sentences"].append(
                (s.sentence_id, source_id, s.paragraph, s.start, s.end, "body", s.text, "")
            )  # contract order: a tuple, not a dict, at 300,000 sentences

        reporters = []
        for record in records:
            for name in split_names(record.cells.get("source", "")):
                if name not in reporters:
                    reporters.append(name)
        published, basis, published_note = _published(cells.get("timestamp", ""), cells["event_date"])
        lines = ", ".join(str(r.line) for r in records)
        source_notes = f"The notes, tags and fatalities ACLED coded for event {cells['event_id_cnty']} ({first.file}, line{'s' if len(records) > 1 else ''} {lines}), one paragraph each. {published_note}"
        if repairs:
            source_notes += f" The notes cell held mojibake (UTF-8 read as Windows-1252) at {', '.join(repairs)}; repaired to the characters ACLED wrote."
        rows["sources"].append({
            "source_id": source_id, "label": f"ACLED {cells['event_id_cnty']}", "kind": "dataset_notes",
            "title": f"ACLED event {cells['event_id_cnty']}: notes", "publisher": "ACLED", "author": "",
            "published": published, "published_basis": basis, "url": "", "file": file, "language": "en", "licence": LICENCE,
            "attribution": f"{ACLED_NAME}, event {cells['event_id_cnty']}" + (f"; ACLED's source: {'; '.join(reporters)}" if reporters else "") + f"; {LICENCE}",
            "notes": source_notes,
        })  # fmt: skip

        place_key = _place_chain(cells, places, first_sentence)
        crowd = crowd_size(cells.get("tags", ""), cells.get("notes", ""))
        if crowd is not None and crowd.value is None:
            build.notes.append(crowd.reading + ".")
        if build.repeats:
            build.notes.append(
                f"Repeated in the export at line{'s' if len(build.repeats) > 1 else ''} {', '.join(str(r.line) for r in build.repeats)} (one row per actor): one event, its actors merged, fatalities counted once."
            )
        actor1s, actor2s, assoc1, assoc2 = (
            [n for r in records for n in split_names(r.cells.get(c, ""))]
            for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        )
        actor1s, actor2s, assoc1, assoc2 = (list(dict.fromkeys(names)) for names in (actor1s, actor2s, assoc1, assoc2))
        summary = (
            f"{build.sub_event_type} in {cells['location']}, {cells['country']}"
            + (f": {' and '.join(actor1s)}" if actor1s else "")
            + (
                f" against {' and '.join(actor2s)}"
                if actor2s and build.event_type not in ("Protests", "Riots")
                else (f" with {' and '.join(actor2s)}" if actor2s else "")
            )
            + "."
        )
        event = {
            "event_id": event_id, "event_date": cells["event_date"], "date_end": "", "time_precision": cells.get("time_precision") or "1",
            "date_text": "", "time_of_day": "", "event_type": build.event_type, "sub_event_type": build.sub_event_type,
            "place_id": "", "summary": summary, "sentence_ids": ";".join(s.sentence_id for s in sentences),
            "notes": " ".join([f"Imported from ACLED ({first.file}, line {first.line})."] + build.notes),
        }  # fmt: skip
        rows["events"].append(event)
        event_places.append((event, place_key))

        for names, role, inter_column in (
            (actor1s, "actor1", "inter1"),
            (actor2s, "actor2", "inter2"),
            (assoc1, "associated", "inter1"),
            (assoc2, "associated", "inter2"),
        ):
            for name in names:
                links.append((event_id, ("actor", name), role, first_sentence))
                if ("actor", name) in actors:
                    continue
                code = inter_code(cells.get(inter_column, "")) if role != "associated" else None
                kind = "organization" if code in (1, 8) else "group"
                described = (
                    f"ACLED actor; actor type {INTER_CODES[code]} (inter {code})."
                    if code is not None
                    else "ACLED actor (associated actor: no actor type of its own)."
                )
                actors.add(
                    ("actor", name),
                    f"act-{slug(name) or 'actor'}",
                    {
                        "name": name,
                        "aliases": "",
                        "kind": kind,
                        "title": "",
                        "affiliation": "",
                        "description": described,
                    },
                    first_sentence,
                )
        for name in reporters:
            if ("media", name) not in actors:
                actors.add(
                    ("media", name),
                    f"act-media-{slug(name) or 'source'}",
                    {
                        "name": name,
                        "aliases": "",
                        "kind": "media",
                        "title": "",
                        "affiliation": "",
                        "description": "Named by ACLED as a source of its events.",
                    },
                    first_sentence,
                )
            links.append((event_id, ("media", name), "source", first_sentence))

        reporter_key = ("media", reporters[0]) if len(reporters) == 1 else None
        by_text = {s.text: s.sentence_id for s in sentences}
        for number, value in enumerate(fatalities_seen, start=1):
            note = f"ACLED's fatalities cell{'' if reporter_key else (' (its count from ' + '; '.join(reporters) + ')' if reporters else '')}."
            if len(fatalities_seen) > 1:
                note += f" The export repeats this event with {len(fatalities_seen)} different counts ({', '.join(fatalities_seen)}): each is one figure, none summed."
            figure = {
                "figure_id": f"fig-{event_id}-killed" + (f"-{number}" if number > 1 else ""),
                "event_id": event_id,
                "actor_id": "",
                "place_id": "",
                "metric": "killed",
                "value": value,
                "value_high": "",
                "qualifier": "exact",
                "value_text": value,
                "unit": "",
                "reported_by": "",
                "sentence_id": by_text[f"Fatalities: {value}"],
                "notes": note,
            }
            rows["figures"].append(figure)
            figure_reporters.append((figure, reporter_key))
        if crowd is not None and crowd.value is not None:
            # the tag or note that crowd_size read (so found here), quoted whole to find the sentence that states it
            quoted = TAG.search(cells.get("tags", "")) or NOTE.search(cells.get("notes", ""))
            sentence = next((s.sentence_id for s in sentences if quoted and quoted[0] in s.text), None)
            if sentence is not None:
                figure = {
                    "figure_id": f"fig-{event_id}-participants",
                    "event_id": event_id,
                    "actor_id": "",
                    "place_id": "",
                    "metric": "participants",
                    "value": _number_cell(crowd.value),
                    "value_high": _number_cell(crowd.value_high),
                    "qualifier": crowd.qualifier,
                    "value_text": crowd.words,
                    "unit": "",
                    "reported_by": "",
                    "sentence_id": sentence,
                    "notes": f"ACLED's crowd size: {crowd.reading}.",
                }
                rows["figures"].append(figure)
                figure_reporters.append((figure, reporter_key))

        acled: dict[str, str | int] = {column: cells.get(column, "") for column in ACLED_EVENT_COLUMNS}
        acled |= {
            "event_id": event_id, "actor1": "; ".join(actor1s), "actor2": "; ".join(actor2s),
            "assoc_actor_1": "; ".join(assoc1), "assoc_actor_2": "; ".join(assoc2), "source": "; ".join(reporters),
            "inter1": _code(inter_code, cells.get("inter1", "")), "inter2": _code(inter_code, cells.get("inter2", "")),
            "interaction": _code(interaction_code, cells.get("interaction", "")),
            "legacy_event_type": cells["event_type"] if (cells["event_type"], cells.get("sub_event_type", "")) != (build.event_type, build.sub_event_type) else "",
            "acled_file": first.file, "acled_line": first.line,
        }  # fmt: skip
        rows["acled_events"].append(acled)

    actor_ids = actors.assign_ids("actor_id")
    place_ids = places.assign_ids("place_id")
    for event, key in event_places:
        event["place_id"] = place_ids[key]
    for figure, reporter in figure_reporters:
        figure["reported_by"] = actor_ids[reporter] if reporter else ""
    seen_links = set()
    for event_id, key, role, sentence in links:
        link = (event_id, actor_ids[key], role)
        if link not in seen_links:
            seen_links.add(link)
            rows["event_actors"].append(
                {"event_id": event_id, "actor_id": actor_ids[key], "role": role, "sentence_ids": sentence}
            )
    rows["actors"] = [_public(row) for row in actors.rows.values()]
    rows["places"] = [_public(row) for row in places.rows.values()]
    for row in rows["places"]:
        parent = row.pop("_parent")
        row["parent_place_id"] = place_ids[parent] if parent else ""
    mapped.tables = rows


def _code(read, cell: str) -> int | str:
    """ACLED's numeric code for a cell given as a number or words; empty when the cell is."""
    return read(cell) if cell else ""


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "_base"}


def _number_cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}" if value != int(value) else str(int(value))


def _place_chain(cells: dict, places: _Registry, sentence: str) -> tuple:
    """The location's key, after adding it with its admin1 region and its country (each once)."""
    country, admin1 = cells["country"], cells.get("admin1", "")
    country_key = ("country", country)
    key = (
        "location",
        country,
        admin1,
        cells.get("admin2", ""),
        cells.get("admin3", ""),
        cells["location"],
        cells["latitude"],
        cells["longitude"],
        cells.get("geo_precision", ""),
    )
    if key in places:
        return key
    places.add(
        country_key,
        f"pl-{slug(country) or 'country'}",
        {
            "name": country,
            "aliases": "",
            "kind": "country",
            "latitude": "",
            "longitude": "",
            "geo_precision": 3,
            "uncertainty_km": "",
            "_parent": None,
            "coordinate_source": "ACLED gives no coordinates for a country",
        },
        sentence,
    )
    parent: tuple[str, ...] = country_key
    if admin1:
        parent = ("region", country, admin1)
        places.add(
            parent,
            f"pl-{slug(country) or 'country'}-{slug(admin1) or 'admin1'}",
            {
                "name": admin1,
                "aliases": "",
                "kind": "region",
                "latitude": "",
                "longitude": "",
                "geo_precision": 3,
                "uncertainty_km": "",
                "_parent": country_key,
                "coordinate_source": "ACLED's admin1; ACLED gives no coordinates for it",
            },
            sentence,
        )
    names = [n for n in (cells.get("admin3", ""), cells.get("admin2", "")) if n and n != cells["location"]]
    places.add(key, f"pl-{slug(country) or 'country'}-{slug(admin1) or 'admin1'}-{slug(cells['location']) or 'location'}", {
        "name": cells["location"], "aliases": "", "kind": "city", "latitude": cells["latitude"], "longitude": cells["longitude"],
        "geo_precision": cells.get("geo_precision", ""), "uncertainty_km": "", "_parent": parent,
        "coordinate_source": f"ACLED's coordinates, as given ({cells['event_id_cnty']})" + (f"; ACLED's admin2/admin3: {', '.join(names)}" if names else ""),
    }, sentence)  # fmt: skip
    return key


# acled_events.csv: ACLED's own fields, one row per event (documented in contract.TABLES["acled_events"]).
ACLED_EVENT_COLUMNS = tuple(TABLES["acled_events"].columns)


def map_reads(reads: list[FileRead]) -> Mapped:
    mapped = Mapped()
    events = group_events(reads, mapped)
    build_tables(events, mapped)
    return mapped
