"""`python -m citemap export-acled DIR -o FILE.csv`: any dataset's events as ACLED's current columns.

Cells are read as text from the (validated) files, so coordinates and codes go out as they were written. Rules:

1. One row per event; an event with several actor1 or actor2 names is written one row per actor, the same
   event_id_cnty repeated (as ACLED's one-row-per-actor exports do), and import-acled merges them back.
2. ACLED's own fields come from acled_events.csv when the event was imported; a curated event leaves empty what
   it does not know (disorder_type, inter codes, interaction, iso, region, source_scale, timestamp): never guessed.
3. Actors by role: actor1 and speaker -> actor1; actor2 and target -> actor2; associated -> assoc_actor_1, or
   assoc_actor_2 when ACLED had it on actor2's side.
4. Place: ACLED's admin1..3, location and country when imported (and still at ACLED's place); otherwise the place's name as location, its
   nearest region ancestor as admin1 and its country ancestor as country; coordinates and geo_precision the place's.
5. source: ACLED's source field for ACLED's own notes; for any other source its publisher (else its label);
   several sources of one event joined by "; ".
6. notes: ACLED's notes (the paragraphs of its dataset-notes text before "Tags:" and "Fatalities:"); for a
   curated event, the text of its first sentence.
7. fatalities: the first killed figure that quotes ACLED's notes, else the event's first killed figure (its
   lower bound), else 0 (ACLED's code when no fatalities are reported). Never a sum of disagreeing counts.
8. tags: ACLED's tags; for a curated event with a participants figure, "crowd size=<its words>".
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ..csvwrite import read_rows
from .formats import CURRENT_COLUMNS
from .mapping import split_names

FIGURE_LINE, TAGS_LINE = "Fatalities: ", "Tags: "


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def acled_notes(text: str) -> str:
    """ACLED's notes back out of an imported dataset-notes text: the paragraphs before Tags:/Fatalities:."""
    paragraphs = text.rstrip("\n").split("\n\n")
    notes = []
    for paragraph in paragraphs:
        if paragraph.startswith((FIGURE_LINE, TAGS_LINE)):
            break
        notes.append(paragraph)
    return "\n\n".join(notes)


def export_rows(data_dir: Path) -> list[dict]:
    data_dir = Path(data_dir)
    table = {
        name: read_rows(data_dir / f"{name}.csv")
        for name in ("sources", "sentences", "places", "actors", "events", "event_actors", "figures", "acled_events")
    }
    sources = {row["source_id"]: row for row in table["sources"]}
    sentences = {row["sentence_id"]: row for row in table["sentences"]}
    places = {row["place_id"]: row for row in table["places"]}
    actors = {row["actor_id"]: row for row in table["actors"]}
    acled = {row["event_id"]: row for row in table["acled_events"]}
    links = _by(table["event_actors"], "event_id")
    figures = _by(table["figures"], "event_id")
    rows = []
    for event in table["events"]:
        event_id = event["event_id"]
        given = acled.get(event_id, {})
        cited = [sentences[s] for s in (p.strip() for p in event["sentence_ids"].split(";")) if s in sentences]
        cited_sources = list(dict.fromkeys(s["source_id"] for s in cited))
        roles: dict[str, list[str]] = {"actor1": [], "actor2": [], "assoc_actor_1": [], "assoc_actor_2": []}
        side_two = set(split_names(given.get("assoc_actor_2", "")))
        for link in links.get(event_id, []):
            name = actors[link["actor_id"]]["name"]
            column = {"actor1": "actor1", "speaker": "actor1", "actor2": "actor2", "target": "actor2"}.get(link["role"])
            if link["role"] == "associated":
                column = "assoc_actor_2" if name in side_two else "assoc_actor_1"
            if column and name not in roles[column]:
                roles[column].append(name)
        place = places.get(event["place_id"], {})
        chain = _ancestors(place, places)
        row = {column: given.get(column, "") for column in CURRENT_COLUMNS}
        if given and place.get("name") != given.get("location"):
            # ACLED's event merged into a curated one at another place: the place and its coordinates are the
            # curated event's, so ACLED's admin names would contradict them.
            row |= {"admin1": "", "admin2": "", "admin3": "", "location": "", "country": ""}
            given = {k: v for k, v in given.items() if k not in ("admin1", "admin2", "admin3", "location", "country")}
        row |= {
            "event_id_cnty": given.get("event_id_cnty") or event_id,
            "event_date": event["event_date"], "year": event["event_date"][:4], "time_precision": event["time_precision"],
            "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
            "assoc_actor_1": "; ".join(roles["assoc_actor_1"]), "assoc_actor_2": "; ".join(roles["assoc_actor_2"]),
            "country": given.get("country") or next((p["name"] for p in chain if p["kind"] == "country"), ""),
            "admin1": given.get("admin1") or next((p["name"] for p in chain[1:] if p["kind"] == "region"), ""),
            "location": given.get("location") or place.get("name", ""),
            "latitude": place.get("latitude", ""), "longitude": place.get("longitude", ""), "geo_precision": place.get("geo_precision", ""),
            "source": _source_names(cited_sources, sources, given),
            "notes": _notes(cited, sources, data_dir),
            "fatalities": _fatalities(figures.get(event_id, []), sentences, sources),
            "tags": given.get("tags") or _crowd_tag(figures.get(event_id, [])),
        }  # fmt: skip
        for actor1, actor2 in _pairs(roles["actor1"], roles["actor2"]):
            rows.append(row | {"actor1": actor1, "actor2": actor2})
    return rows


def _pairs(first: list[str], second: list[str]) -> list[tuple[str, str]]:
    count = max(len(first), len(second), 1)
    return [
        (first[min(i, len(first) - 1)] if first else "", second[min(i, len(second) - 1)] if second else "")
        for i in range(count)
    ]


def _ancestors(place: dict, places: dict) -> list[dict]:
    chain, seen = [], set()
    while place and place.get("place_id") not in seen:
        seen.add(place.get("place_id"))
        chain.append(place)
        place = places.get(place.get("parent_place_id", ""), {})
    return chain


def _source_names(cited: list[str], sources: dict, given: dict) -> str:
    names = []
    for source_id in cited:
        source = sources[source_id]
        found = split_names(given.get("source", "")) if source.get("kind") == "dataset_notes" and given else []
        found = found or [source.get("publisher") or source.get("label") or source_id]
        names += [n for n in found if n not in names]
    return "; ".join(names)


def _notes(cited: list[dict], sources: dict, data_dir: Path) -> str:
    if not cited:
        return ""
    first = cited[0]
    source = sources[first["source_id"]]
    if source.get("kind") == "dataset_notes":
        notes = acled_notes((data_dir / "sources" / source["file"]).read_text(encoding="utf-8"))
        if notes:
            return notes
    return first["text"]


def _fatalities(figures: list[dict], sentences: dict, sources: dict) -> str:
    killed = [f for f in figures if f["metric"] == "killed"]
    acled_own = [
        f
        for f in killed
        if sources.get(sentences.get(f["sentence_id"], {}).get("source_id", ""), {}).get("kind") == "dataset_notes"
    ]
    if not killed:
        return "0"
    chosen = (acled_own or killed)[0]
    value = float(chosen["value"])
    return str(int(value)) if value.is_integer() else chosen["value"]


def _crowd_tag(figures: list[dict]) -> str:
    crowd = next((f for f in figures if f["metric"] == "participants"), None)
    return f"crowd size={crowd['value_text']}" if crowd else ""


def export_command(data_dir: Path, output: Path, out=sys.stdout, err=sys.stderr) -> int:
    from ..dataset import validate

    dataset, problems = validate(data_dir)
    if dataset is None:
        for problem in problems:
            if problem.severity == "error":
                print(problem, file=err)
        print(f"citemap export-acled: nothing written: {data_dir} does not meet the contract", file=err)
        return 1
    rows = export_rows(Path(data_dir))
    aside = output.with_name(f".{output.name}.writing")
    with aside.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CURRENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    aside.replace(output)
    events = len({r["event_id_cnty"] for r in rows})
    print(
        f"wrote {output}: {events:,} events in {len(rows):,} rows (ACLED's columns; an event with several actors is one row per actor)",
        file=out,
    )
    return 0
