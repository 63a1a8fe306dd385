"""`python -m citemap segment SOURCE_ID`: rebuild one source's rows of sentences.csv."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from .csvwrite import read_rows, write_table
from .segment import segment


def segment_source(data_dir: Path, source_id: str) -> str:
    sources = {row["source_id"]: row for row in read_rows(data_dir / "sources.csv")}
    if source_id not in sources:
        raise SystemExit(f"sources.csv has no source {source_id!r} (known: {', '.join(sources) or 'none'})")
    text = (data_dir / "sources" / sources[source_id]["file"]).read_bytes().decode("utf-8")
    path = data_dir / "sentences.csv"
    existing = read_rows(path)
    reasons = {row["sentence_id"]: row.get("uncited_reason", "") for row in existing}
    before = {row["sentence_id"]: row for row in existing if row["source_id"] == source_id}
    fresh = [asdict(s) | {"uncited_reason": reasons.get(s.sentence_id, "")} for s in segment(source_id, text)]
    # The source's rows go where they stood (or at the end for a new source): the other sources' rows do not move.
    at = next((n for n, row in enumerate(existing) if row["source_id"] == source_id), len(existing))
    others = [row for row in existing if row["source_id"] != source_id]
    kept_before = sum(1 for row in existing[:at] if row["source_id"] != source_id)
    write_table(path, "sentences", others[:kept_before] + fresh + others[kept_before:])
    changed = sum(1 for row in fresh if {k: str(v) for k, v in row.items()} != before.get(row["sentence_id"]))
    return f"{len(fresh)} sentences for {source_id}, {changed} new or changed"
