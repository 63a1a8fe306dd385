"""Read one contract table from CSV and check it column by column.

Cells are read as text first, so that a wrong value is reported with its file,
line and column instead of being coerced or dropped. Only a table with no
errors is converted to typed columns.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .contract import LIST_SEPARATOR, Field, Table
from .problems import Problem

_TYPE_PATTERNS = {
    "integer": (r"^-?\d+$", "an integer"),
    "number": (r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", "a number"),
    "date": (r"^\d{4}-\d{2}-\d{2}$", "an ISO date YYYY-MM-DD"),
}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!]|javascript:|\]\(", re.IGNORECASE)


def read_csv_text(path: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return the table as strings indexed by file line number, and the problems found."""
    file = table.file
    if not path.exists():
        return None, [Problem(file, None, None, None, f"file is missing: the contract needs {file} in the data folder")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is accepted
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(file, line, None, repr(raw[err.start : err.start + 8]), f"bytes at offset {err.start} are not UTF-8: save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(file, None, None, None, "file is empty: it needs a header row: " + ",".join(table.columns))]

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    problems: list[Problem] = []
    lines, rows = [], []
    record_start = reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            if len(row) != len(header):
                problems.append(Problem(file, record_start, None, None, f"row has {len(row)} cells, the header has {len(header)}"))
                row = (row + [""] * len(header))[: len(header)]
            lines.append(record_start)
            rows.append(row)
        record_start = reader.line_num + 1

    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, 1, name, None, "column appears twice in the header"))
        seen.add(name)
    for name in table.columns:
        if name not in header:
            problems.append(Problem(file, 1, name, None, "required column is missing from the header"))
    for name in header:
        if name not in table.columns:
            problems.append(Problem(file, 1, name, None, "unknown column: not part of the contract, it is kept but not used", "warning"))

    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype="str")
    frame = frame.loc[:, ~frame.columns.duplicated()]
    for name in table.columns:
        if name not in frame.columns:
            frame[name] = ""
    return frame, problems


def _column_schema(field: Field, unique: bool) -> pa.Column:
    checks = []
    if field.type in _TYPE_PATTERNS:
        pattern, expected = _TYPE_PATTERNS[field.type]
        checks.append(pa.Check.str_matches(pattern, error=f"expected {expected}"))
    if field.pattern:
        checks.append(pa.Check.str_matches(field.pattern, error=f"expected text matching {field.pattern}"))
    if field.enum is not None:
        allowed = [str(v) for v in field.enum]
        shown = ", ".join(repr(v) if v == "" else v for v in allowed)
        checks.append(pa.Check.isin(allowed, error=f"expected one of: {shown}"))
    return pa.Column("str", checks=checks, nullable=not field.required, unique=unique, required=False)


def text_schema(table: Table) -> pa.DataFrameSchema:
    single_key = table.primary_key[0] if len(table.primary_key) == 1 else None
    columns = {f.name: _column_schema(f, unique=f.name == single_key) for f in table.fields}
    compound = list(table.primary_key) if single_key is None else None
    return pa.DataFrameSchema(columns, unique=compound, strict=False, report_duplicates="all")


def check_text(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Type, pattern, enum, required and key checks over the text cells."""
    checked = frame[table.columns].replace("", None)
    problems: list[Problem] = []
    try:
        text_schema(table).validate(checked, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples(index=False):
            problems.append(_problem_from_failure(table, case, frame))
    problems += _range_problems(frame, table)
    problems += _markup_warnings(frame, table)
    return problems


def _problem_from_failure(table: Table, case, frame: pd.DataFrame) -> Problem:
    check = str(case.check)
    column = None if pd.isna(case.column) else str(case.column)
    line = None if pd.isna(case.index) else int(case.index)
    value = None if pd.isna(case.failure_case) else str(case.failure_case)
    if check == "not_nullable":
        return Problem(table.file, line, column, "", "a value is required here")
    if check == "field_uniqueness":
        return Problem(table.file, line, column, value, "duplicate id: each value must be unique in this column")
    if check == "multiple_fields_uniqueness":
        key = ", ".join(table.primary_key)
        return Problem(table.file, line, key, value, f"duplicate row: the combination ({key}) must be unique")
    return Problem(table.file, line, column, value, check)


def _range_problems(frame: pd.DataFrame, table: Table) -> list[Problem]:
    problems = []
    for field in table.fields:
        if field.minimum is None and field.maximum is None:
            continue
        numbers = pd.to_numeric(frame[field.name].where(frame[field.name] != ""), errors="coerce")
        low = -float("inf") if field.minimum is None else field.minimum
        high = float("inf") if field.maximum is None else field.maximum
        bad = numbers.notna() & ((numbers < low) | (numbers > high))
        for line in frame.index[bad]:
            span = f"between {field.minimum:g} and {field.maximum:g}" if field.maximum is not None else f"at least {field.minimum:g}"
            problems.append(Problem(table.file, int(line), field.name, frame.at[line, field.name], f"expected a number {span}"))
    return problems


def _markup_warnings(frame: pd.DataFrame, table: Table) -> list[Problem]:
    problems = []
    for field in table.fields:
        if field.type not in ("string", "list"):
            continue
        hits = frame[field.name].str.contains(_MARKUP, regex=True)
        for line in frame.index[hits]:
            problems.append(
                Problem(table.file, int(line), field.name, frame.at[line, field.name], "cell holds markup or a link; it is kept and always shown as plain text", "warning")
            )
    return problems


def to_typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Convert checked text cells to typed columns; lists stay as text here."""
    typed = frame.copy()
    for field in table.fields:
        column = typed[field.name]
        if field.type == "integer":
            typed[field.name] = pd.to_numeric(column.where(column != ""), errors="raise").astype("Int64")
        elif field.type == "number":
            typed[field.name] = pd.to_numeric(column.where(column != ""), errors="raise").astype("float64")
        elif field.type == "date":
            typed[field.name] = pd.to_datetime(column.where(column != ""), format="%Y-%m-%d", errors="coerce")
    return typed


def invalid_dates(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Dates that have the right shape but do not exist (2020-02-30)."""
    problems = []
    for field in table.fields:
        if field.type != "date":
            continue
        column = frame[field.name]
        shaped = column.str.fullmatch(_TYPE_PATTERNS["date"][0])
        parsed = pd.to_datetime(column.where(shaped), format="%Y-%m-%d", errors="coerce")
        for line in frame.index[shaped & parsed.isna()]:
            problems.append(Problem(table.file, int(line), field.name, column[line], "expected a real calendar date YYYY-MM-DD"))
    return problems


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()] if cell else []
