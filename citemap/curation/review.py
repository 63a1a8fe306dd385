"""Review: accept, edit, merge or reject a proposal; every decision is one logged, validated change (store.save).

A proposal's key is "<source_id>/<proposal_id>". Accepting one accepts the proposals it `needs` (a figure's
new event, an event's new place) in the same change. A proposal that `match`es an existing row updates it:
its sentence ids and aliases are added, an event's dates widened to cover the new report. Merging a new
actor or place into an existing row does the same, and later proposals that referred to the new id refer to
the row it was merged into. Rejecting needs a reason; it changes no table. Undo (store.undo) makes a
proposal pending again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..contract import TABLES
from ..csvwrite import read_rows
from ..tables import split_list
from ..words import plural
from . import store

LIST_COLUMNS = ("sentence_ids", "aliases")
DECISIONS = ("accept", "edit", "merge", "reject")
REFERENCES = {
    "event_dates": ("event_id", "reported_by"),
    "events": ("place_id",),
    "figures": ("event_id", "actor_id", "place_id", "reported_by"),
    "event_actors": ("event_id", "actor_id"),
    "places": ("parent_place_id",),
}


@dataclass
class Queue:
    proposals: list[dict]  # each with "key" and "source_id" added
    status: dict[str, str]  # key -> pending | accept | edit | merge | reject

    @property
    def reviewed(self) -> int:
        return sum(1 for p in self.proposals if self.status.get(p["key"], "pending") != "pending")

    def progress(self) -> str:
        return f"{self.reviewed} of {len(self.proposals)} reviewed"

    def pending(self) -> list[dict]:
        return [p for p in self.proposals if self.status.get(p["key"], "pending") == "pending"]

    def get(self, key: str) -> dict:
        return next(p for p in self.proposals if p["key"] == key)


def load_queue(data_dir: Path) -> Queue:
    data_dir = Path(data_dir)
    proposals = []
    for path in sorted((data_dir / "proposals").glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        sentences = {s["sentence_id"]: s["text"] for s in content.get("sentences", [])}
        for proposal in content["proposals"]:
            proposals.append(
                {
                    **proposal,
                    "source_id": content["source_id"],
                    "key": f"{content['source_id']}/{proposal['proposal_id']}",
                    "_sentences": sentences,
                }
            )
    return Queue(proposals, decisions(data_dir))


def decisions(data_dir: Path) -> dict[str, str]:
    log = store.read_log(data_dir)
    undone = {e["undoes"] for e in log if e.get("action") == "undo"}
    status: dict[str, str] = {}
    for entry in log:
        if entry["action"] in DECISIONS and entry["change_id"] not in undone:
            for key in entry.get("proposals", []):
                status[key] = entry["action"]
    return status


def redirects(data_dir: Path) -> dict[str, str]:
    """Ids of new rows that were merged into existing rows: new id -> existing id."""
    log = store.read_log(data_dir)
    undone = {e["undoes"] for e in log if e.get("action") == "undo"}
    return {
        e["merged_id"]: e["into"]
        for e in log
        if e["action"] == "merge" and e["change_id"] not in undone and e.get("merged_id")
    }


def _primary(kind: str, row: dict) -> tuple:
    return tuple(row.get(c, "") for c in TABLES[kind].primary_key)


def _combine(current: dict, proposed: dict, kind: str) -> dict:
    """The current row with what the proposal adds: list columns united, empty cells filled, an event's dates widened."""
    after = dict(current)
    for column, value in proposed.items():
        if column in LIST_COLUMNS and column in after:
            after[column] = ";".join(dict.fromkeys([*split_list(after.get(column, "")), *split_list(value)]))
        elif not after.get(column) and value:
            after[column] = value
    if kind == "events":
        first = min(current["event_date"], proposed.get("event_date") or current["event_date"])
        last = max(
            current.get("date_end") or current["event_date"],
            proposed.get("date_end") or proposed.get("event_date") or current["event_date"],
        )
        after["event_date"], after["date_end"] = first, ("" if last == first else last)
    return after


def _ops_for(
    data_dir: Path, proposal: dict, row: dict, tables: dict[str, list[dict]], redirect: dict[str, str]
) -> list[dict]:
    kind = proposal["kind"]
    row = {k: ("" if v is None else str(v)) for k, v in row.items()}
    for column in REFERENCES.get(kind, ()):
        if row.get(column) in redirect:
            row[column] = redirect[row[column]]
    if kind not in ("events", "actors", "places", "figures", "event_actors", "event_dates"):
        return []
    rows = tables.setdefault(kind, read_rows(Path(data_dir) / f"{kind}.csv"))
    key = _primary(kind, row) if not proposal.get("match") else None
    existing_id = proposal.get("match")
    current = None
    if existing_id:
        pk = TABLES[kind].primary_key[0]
        current = next((r for r in rows if r.get(pk) == existing_id), None)
    elif key is not None:
        current = next((r for r in rows if _primary(kind, r) == key), None)
    if current is None:
        rows.append(row)
        return [{"table": kind, "before": None, "after": row}]
    after = _combine(current, row, kind)
    if existing_id:  # the row keeps its own id
        pk = TABLES[kind].primary_key[0]
        after[pk] = current[pk]
    rows[rows.index(current)] = after
    return [] if after == current else [{"table": kind, "before": dict(current), "after": after}]


def _with_needs(queue: Queue, key: str) -> list[dict]:
    ordered, seen = [], set()

    def visit(k: str) -> None:
        if k in seen:
            return
        seen.add(k)
        proposal = queue.get(k)
        for need in proposal.get("needs", []):
            need_key = f"{proposal['source_id']}/{need}"
            if queue.status.get(need_key, "pending") == "pending":
                visit(need_key)
        ordered.append(proposal)

    visit(key)
    return ordered


def accept(data_dir: Path, key: str, *, base: store.Version, who: str, why: str = "", row: dict | None = None) -> dict:
    """Accept a proposal (with its pending needs), or with `row` an edited version of it."""
    queue = load_queue(data_dir)
    if queue.status.get(key, "pending") != "pending":
        raise store.SaveRefused([], f"Proposal {key} was already reviewed ({queue.status[key]}): undo that first.")
    redirect = redirects(data_dir)
    tables: dict[str, list[dict]] = {}  # table -> its rows with the ops so far
    ops: list[dict] = []
    keys: list[str] = []
    for proposal in _with_needs(queue, key):
        values = row if (row is not None and proposal["key"] == key) else proposal["row"]
        ops += _ops_for(data_dir, proposal, values, tables, redirect)
        keys.append(proposal["key"])
    action = "edit" if row is not None else "accept"
    summary = f"{queue.get(key)['kind']} {key}" + (
        f" with {plural(len(keys) - 1, 'proposal')} it needs" if len(keys) > 1 else ""
    )
    return store.save(
        data_dir, ops, base=base, who=who, action=action, why=why, extra={"proposals": keys, "summary": summary}
    )


def merge(data_dir: Path, key: str, into: str, *, base: store.Version, who: str, why: str = "") -> dict:
    """Merge a proposed actor, place or event into the existing row `into`: its sentences (and name, as an alias) go to that row."""
    queue = load_queue(data_dir)
    proposal = queue.get(key)
    kind = proposal["kind"]
    if kind not in ("actors", "places", "events"):
        raise store.SaveRefused([], f"Only actors, places and events can be merged into an existing row, not {kind}.")
    pk = TABLES[kind].primary_key[0]
    rows = read_rows(Path(data_dir) / f"{kind}.csv")
    current = next((r for r in rows if r.get(pk) == into), None)
    if current is None:
        raise store.SaveRefused([], f"{kind}.csv has no row {into!r} to merge into.")
    adds = {"sentence_ids": proposal["row"].get("sentence_ids", "")}
    if kind in ("actors", "places") and proposal["row"].get("name") and proposal["row"]["name"] != current.get("name"):
        adds["aliases"] = proposal["row"]["name"]
    after = _combine(current, adds, "merge")
    ops = [{"table": kind, "before": dict(current), "after": after}] if after != current else []
    return store.save(
        data_dir,
        ops,
        base=base,
        who=who,
        action="merge",
        why=why,
        extra={
            "proposals": [key],
            "merged_id": proposal["row"].get(pk),
            "into": into,
            "summary": f"{kind} {key} into {into}",
        },
    )


def reject(data_dir: Path, key: str, *, base: store.Version, who: str, why: str) -> dict:
    if not why.strip():
        raise store.SaveRefused([], "A rejection needs a reason (for the change log).")
    return store.save(
        data_dir, [], base=base, who=who, action="reject", why=why, extra={"proposals": [key], "summary": key}
    )
