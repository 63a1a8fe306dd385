"""An import added to an existing dataset (`import-acled ... --merge-into DATASET`); DATASET itself is not changed.

1. DATASET must meet the contract; its rows and texts are carried over unchanged (texts copied byte for byte).
2. An imported event, or source, whose id the dataset already holds is refused whole: merge a fresh import,
   not the same ACLED events twice.
3. Actors: an ACLED actor whose name is a curated actor's name or alias becomes that actor; an ACLED actor
   whose id is taken by a different actor gets "-acled" added to its id. ACLED's countries and admin1 regions
   (which carry no coordinates) likewise become the dataset's place of the same name and kind; ACLED's
   locations stay places of their own, so their coordinates stay ACLED's as given.
4. Events: an ACLED event that is the same happening as a curated event (citemap.acled.match) becomes that
   event: the curated event cites ACLED's sentences after its own, and ACLED's actors, figures and fields
   (acled_events) attach to it; both sources then report it. Its notes say which ACLED event it absorbed.
"""

from __future__ import annotations

from pathlib import Path

from ..contract import TABLE_ORDER
from ..csvwrite import read_rows
from .formats import FileRefused
from .mapping import Mapped, TableRows
from .match import assign, happening


def merge(dataset_dir: Path, mapped: Mapped) -> tuple[dict[str, TableRows], dict[str, str], dict[str, Path], int]:
    from ..dataset import validate

    dataset, problems = validate(dataset_dir)
    if dataset is None:
        first = next((p for p in problems if p.severity == "error"), None)
        raise FileRefused(
            f"--merge-into {dataset_dir} does not meet the contract (python -m citemap validate {dataset_dir} lists every problem; first: {first})"
        )
    existing = {name: read_rows(dataset_dir / f"{name}.csv") for name in TABLE_ORDER}
    imported = {
        name: [dict(row) if isinstance(row, dict) else row for row in rows] for name, rows in mapped.tables.items()
    }
    copies = {row["file"]: dataset_dir / "sources" / row["file"] for row in existing["sources"]}

    for name, key in (("events", "event_id"), ("sources", "source_id")):
        taken = {row[key] for row in existing[name]}
        clash = next((row[key] for row in imported[name] if row[key] in taken), None)
        if clash is not None:
            raise FileRefused(
                f"--merge-into {dataset_dir} already holds {name[:-1]} {clash}: these ACLED events were merged before; merge only new ones"
            )
    clash = next((file for file in mapped.texts if file in copies), None)
    if clash is not None:
        raise FileRefused(f"--merge-into {dataset_dir} already has a source text sources/{clash}")

    actor_ids = _reconcile(existing["actors"], imported["actors"], "actor_id", match_kind=False)
    place_ids = _reconcile(
        [p for p in existing["places"] if p["kind"] in ("country", "region")],
        imported["places"],
        "place_id",
        match_kind=True,
        taken={p["place_id"] for p in existing["places"]},
    )
    for row in imported["places"]:
        row["parent_place_id"] = place_ids.get(row["parent_place_id"], row["parent_place_id"])
    for row in imported["event_actors"]:
        row["actor_id"] = actor_ids.get(row["actor_id"], row["actor_id"])
    for row in imported["figures"]:
        row["reported_by"] = actor_ids.get(row["reported_by"], row["reported_by"])
    for row in imported["events"]:
        row["place_id"] = place_ids.get(row["place_id"], row["place_id"])

    places = {row["place_id"]: row for row in existing["places"] + imported["places"]}
    curated_events = {row["event_id"]: row for row in existing["events"]}
    acled_ids = {row["event_id"] for row in existing["acled_events"]}  # an earlier import's events are not curated
    candidates = [
        h
        for row in existing["events"]
        if row["event_id"] not in acled_ids and (h := happening(row, places, widen=False)) is not None
    ]
    imported_happenings = [h for row in imported["events"] if (h := happening(row, places, widen=True)) is not None]
    absorbed = assign(imported_happenings, candidates)  # ACLED event id -> curated event id
    cnty = {row["event_id"]: row["event_id_cnty"] for row in imported["acled_events"]}
    kept_events = []
    for row in imported["events"]:
        target = absorbed.get(row["event_id"])
        if target is None:
            kept_events.append(row)
            continue
        curated = curated_events[target]
        curated["sentence_ids"] = ";".join(
            dict.fromkeys(curated["sentence_ids"].split(";") + row["sentence_ids"].split(";"))
        )
        note = f"The same happening as ACLED event {cnty[row['event_id']]} ({row['event_date']}, {places[row['place_id']]['name']}): matched on import by citemap.acled.match, whose notes and figures it now cites."
        curated["notes"] = f"{curated['notes']} {note}".strip()
    imported["events"] = kept_events
    for name in ("event_actors", "figures", "acled_events"):
        for row in imported[name]:
            row["event_id"] = absorbed.get(row["event_id"], row["event_id"])
    existing_links = {(r["event_id"], r["actor_id"], r["role"]) for r in existing["event_actors"]}
    imported["event_actors"] = [
        r for r in imported["event_actors"] if (r["event_id"], r["actor_id"], r["role"]) not in existing_links
    ]

    tables = {name: existing[name] + imported.get(name, []) for name in TABLE_ORDER}
    return tables, dict(mapped.texts), copies, len(absorbed)


def _reconcile(
    existing: list[dict], imported: list[dict], key: str, match_kind: bool, taken: set[str] | None = None
) -> dict[str, str]:
    """Imported ids -> the ids they take in the merged table; imported rows that are existing ones are removed.

    An imported row is an existing one when its name is the existing row's name or alias (and, for places, the
    kind is the same: the city of Bishkek is not the region of Bishkek)."""
    by_name: dict[tuple[str, str], str] = {}
    for row in existing:
        for name in [row["name"], *row.get("aliases", "").split(";")]:
            if name.strip():
                by_name.setdefault((row["kind"] if match_kind else "", name.strip().lower()), row[key])
    taken = set(taken if taken is not None else (row[key] for row in existing))
    renamed, kept = {}, []
    for row in imported:
        same = by_name.get((row["kind"] if match_kind else "", row["name"].strip().lower()))
        if same is not None:
            renamed[row[key]] = same
            continue
        new_id = row[key]
        while new_id in taken:
            new_id += "-acled"
        if new_id != row[key]:
            renamed[row[key]] = new_id
            row[key] = new_id
        taken.add(new_id)
        kept.append(row)
    imported[:] = kept
    return renamed
