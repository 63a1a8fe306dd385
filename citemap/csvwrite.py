"""Write contract tables back to CSV in the contract's column order."""

from __future__ import annotations

import csv
from pathlib import Path

from .contract import TABLES


def write_table(path: Path, name: str, rows: list[dict]) -> None:
    # Columns outside the contract are kept, after the contract's own: nothing is dropped.
    columns = list(TABLES[name].columns)
    for row in rows:
        columns += [column for column in row if column not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: _cell(row.get(column, "")) for column in columns})


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
