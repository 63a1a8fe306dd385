"""Small helpers for tests that edit a copy of the dataset."""

import csv
from pathlib import Path


def read_table(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(data_dir: Path, table: str, row_index: int, column: str, value: str) -> int:
    """Set one cell; return the file line of that row (the header is line 1)."""
    path = data_dir / f"{table}.csv"
    header, rows = read_table(path)
    rows[row_index][column] = value
    write_table(path, header, rows)
    return row_index + 2
