"""Read one contract table from CSV and check it column by column.

Cells are read as text first, so that a wrong value is reported with its file,
line and column instead of being coerced or dropped. Only a table with no
errors is converted to typed columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .contract import LIST_SEPARATOR, Field, Table
from .problems import Problem

# Each pattern must match the whole cell (see _full_match): [0-9], because \d also takes digits such as
# ５ or ٣, which the conversion to numbers then refuses with a traceback.
_TYPE_PATTERNS = {
    "integer": (r"-?[0-9]+", "an integer"),
    "number": (r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?", "a number"),
    "date": (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "an ISO date YYYY-MM-DD"),
}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!]|javascript:|\]\(", re.IGNORECASE)


# Tables a dataset cannot do without: a header with no rows is an error for these.
# (The others may be empty: a dataset may report no numbers, or name no places.)
NEEDS_ROWS = {"sources": "source", "sentences": "sentence", "events": "event"}
_INT64 = (-(2**63), 2**63 - 1)
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # a long cell is read, not refused


def read_csv_text(path: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return the table as strings indexed by file line number, and the problems found.

    The frame has the file's own columns: a contract column missing from the
    header is reported here and left out, so that it is not reported again
    for every row.
    """
    file = table.file
    if not path.exists():
        if table.optional:
            return pd.DataFrame(columns=table.columns, index=pd.Index([], name="line", dtype="int64"), dtype="str"), []
        return None, [Problem(file, None, None, None, f"file is missing: the contract needs {file} in the data folder")]
    raw = path.read_bytes()
    # A byte-order mark is accepted; bytes that are not UTF-8 are kept (as surrogates) so they can be located.
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    if not text.strip():
        return None, [
            Problem(file, None, None, None, "file is empty: it needs a header row: " + ",".join(table.columns))
        ]

    fast = _read_plain_csv(raw, text)
    if fast is not None:  # the same cells and lines as below, read by Arrow
        header, frame = fast
        return frame, _header_problems(file, table, header, len(frame))

    records, problem = _parse(text, file)
    if problem is not None:
        return None, [problem]
    (_, header), body = records[0], records[1:]
    problems = _undecodable_cells(file, header, records) if _has_surrogate(text) else []
    if problems:
        return None, problems
    lines, rows = [], []
    for line, row in body:
        if "".join(row).strip():  # some cell holds more than whitespace
            if len(row) < len(header):
                missing = ", ".join(header[len(row) :])
                problems.append(
                    Problem(
                        file,
                        line,
                        header[len(row)],
                        None,
                        f"row has {len(row)} cells, the header has {len(header)}: no cell for {missing}",
                    )
                )
            elif len(row) > len(header):
                extra = ", ".join(repr(cell) for cell in row[len(header) :])
                problems.append(
                    Problem(
                        file,
                        line,
                        None,
                        None,
                        f"row has {len(row)} cells, the header has {len(header)}: {extra} has no column",
                    )
                )
            lines.append(line)
            rows.append((row + [""] * len(header))[: len(header)])

    problems += _header_problems(file, table, header, len(rows))
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype="str")
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return frame, problems


def _header_problems(file: str, table: Table, header: list[str], rows: int) -> list[Problem]:
    problems = []
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
            problems.append(
                Problem(
                    file, 1, name, None, "unknown column: not part of the contract, it is kept but not used", "warning"
                )
            )
    if not rows and table.name in NEEDS_ROWS:
        problems.append(
            Problem(
                file,
                1,
                None,
                None,
                f"file has a header but no rows: a dataset needs at least one {NEEDS_ROWS[table.name]}",
            )
        )
    return problems


# Performance: Python's csv module costs seconds per million rows, so a file is read by Arrow's CSV
# reader instead whenever that provably gives the same cells and lines: every line is a complete,
# strictly quoted record (so no record spans lines and csv.reader would raise nothing), no carriage
# returns, no undecodable bytes, a header with distinct names, and every row as long as the header.
# Anything else (the broken files this module reports on) goes through csv.reader as before.
_FIELD = r'(?:[^,"\n][^,\n]*|"(?:[^"\n]|"")*"|)'
_PLAIN_LINE = f"^{_FIELD}(?:,{_FIELD})*$"
_PY_WHITESPACE = [c for c in map(chr, range(0x110000)) if c.isspace()]  # what str.strip() removes
_BLANK = "^[" + "".join(f"\\x{{{ord(c):x}}}" for c in _PY_WHITESPACE) + "]*$"


def _read_plain_csv(raw: bytes, text: str) -> tuple[list[str], pd.DataFrame] | None:
    """The header and the non-blank rows indexed by line, as read_csv_text reads them; None when unsure."""
    if "\r" in text or text.startswith("\n") or _has_surrogate(text):
        return None
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    first = text.find("\n")
    header = next(csv.reader([text if first < 0 else text[:first]], strict=True), [])
    if not header or len(set(header)) != len(header):
        return None
    whole = pyarrow.Array.from_buffers(
        pyarrow.large_string(),
        1,
        [None, pyarrow.py_buffer(np.array([0, len(body)], dtype=np.int64)), pyarrow.py_buffer(body)],
    )
    lines = pc.list_flatten(pc.split_pattern(whole, "\n"))
    if not pc.all(pc.match_substring_regex(lines, _PLAIN_LINE)).as_py():
        return None
    record_lines = np.flatnonzero(pc.binary_length(lines).to_numpy() > 0)[1:] + 1  # csv.reader skips empty lines
    del lines, whole
    try:
        read = pacsv.read_csv(
            pyarrow.BufferReader(pyarrow.py_buffer(body)),
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=True, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pyarrow.large_string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError):
        return None  # a row of another length, or a line longer than a block: csv.reader says what is wrong
    if read.num_rows != len(record_lines):
        return None
    # Rows whose cells hold only whitespace are skipped, as csv.reader's caller skips them.
    blank = pc.match_substring_regex(
        pc.binary_join_element_wise(*read.columns, pyarrow.scalar("", pyarrow.large_string())), _BLANK
    ).to_numpy(zero_copy_only=False)
    if blank.any():
        read, record_lines = read.filter(pyarrow.array(~blank)), record_lines[~blank]
    frame = read.to_pandas(types_mapper={pyarrow.large_string(): pd.StringDtype("pyarrow", na_value=np.nan)}.get)
    frame.index = pd.Index(
        record_lines.tolist(), name="line"
    )  # from a list, as below: an empty index stays an object one
    return header, frame


def _parse(text: str, file: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Every record with the line it starts on; strict quoting, so that nothing is merged or dropped silently."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, start = [], 1
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error:
        header = records[0][1] if records else []
        line, cell, end_line = _bad_quote(text, start)
        column = header[cell] if cell is not None and cell < len(header) else None
        if end_line is None:
            message = "a quoted cell is never closed: every line after it would be read into this one cell"
        elif end_line > line:
            message = f"a quoted cell opened here runs on to line {end_line}: is its closing quote missing?"
        else:
            message = 'text follows the closing quote of this cell: a quote inside a quoted cell must be doubled ("")'
        return [], Problem(file, line, column, None, message)
    return records, None


def _bad_quote(text: str, start_line: int) -> tuple[int, int | None, int | None]:
    """Where the record starting on start_line breaks CSV quoting.

    Returns the line and cell index where the offending quoted cell opens, and
    the line where reading it fails (None when it runs to the end of the file).
    """
    lines = text.splitlines(keepends=True)
    record = "".join(lines[start_line - 1 :])
    line, cell, quoted, opened, i = start_line, 0, False, (start_line, 0), 0
    at_cell_start = True
    while i < len(record):
        char = record[i]
        if quoted:
            if char == '"':
                if record[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    quoted = False
                    if record[i + 1 : i + 2] not in (",", "\r", "\n", ""):
                        return opened[0], opened[1], line
            elif char == "\n":
                line += 1
        elif char == '"' and at_cell_start:
            quoted, opened = True, (line, cell)
        elif char == ",":
            cell += 1
            at_cell_start = True
            i += 1
            continue
        elif char == "\n":
            break  # the record ended without a quoting problem
        at_cell_start = False
        i += 1
    if quoted:
        return opened[0], opened[1], None
    return start_line, None, line


def _undecodable_cells(file: str, header: list[str], records: list[tuple[int, list[str]]]) -> list[Problem]:
    """Every cell holding bytes that are not UTF-8, with the bytes shown as \\xNN."""
    problems = []
    for line, row in records:
        for position, cell in enumerate(row):
            if _has_surrogate(cell):
                column = header[position] if line > 1 and position < len(header) else None
                shown = cell.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                where = "the header" if line == 1 else "this cell"
                problems.append(
                    Problem(
                        file, line, column, shown, f"{where} holds bytes that are not UTF-8: save the file as UTF-8"
                    )
                )
    return problems


_SURROGATE = re.compile("[\udc80-\udcff]")


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _full_match(pattern: str, error: str) -> pa.Check:
    """A check that the whole cell matches: with re.match, a final $ also matches before a trailing
    line break, so a quoted cell "2020-10-06\\n" would pass and then be read as another value."""
    return pa.Check(lambda column: column.str.fullmatch(pattern, na=False), error=error)


def _column_schema(field: Field, unique: bool) -> pa.Column:
    checks = []
    if field.type in _TYPE_PATTERNS:
        pattern, expected = _TYPE_PATTERNS[field.type]
        checks.append(_full_match(pattern, f"expected {expected}"))
    if field.pattern:
        checks.append(_full_match(field.pattern, f"expected text matching {field.pattern}"))
    if field.enum is not None:
        allowed = [str(v) for v in field.enum]
        shown = ", ".join(repr(v) if v == "" else v for v in allowed)
        checks.append(pa.Check.isin(allowed, error=f"expected one of: {shown}"))
    return pa.Column("str", checks=checks, nullable=not field.required, unique=unique, required=False)


def text_schema(table: Table, columns=None) -> pa.DataFrameSchema:
    """The per-column checks over text cells, for the contract columns present in the file."""
    present = [f for f in table.fields if columns is None or f.name in columns]
    single_key = table.primary_key[0] if len(table.primary_key) == 1 else None
    schema = {f.name: _column_schema(f, unique=f.name == single_key) for f in present}
    compound = list(table.primary_key) if single_key is None and all(k in schema for k in table.primary_key) else None
    return pa.DataFrameSchema(schema, unique=compound, strict=False, report_duplicates="all")


def check_text(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Type, pattern, enum, required and key checks over the text cells.

    A cell is reported once, with the first check it fails (its type, then its
    pattern, then the allowed values); a column missing from the header is
    reported by read_csv_text, not once per row here.
    """
    columns = [name for name in table.columns if name in frame.columns]
    checked = frame[columns].replace("", None)
    key_problems: list[Problem] = []
    value_problems: list[Problem] = []
    try:
        text_schema(table, columns).validate(checked, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples(index=False):
            problem = _problem_from_failure(table, case, frame)
            keyed = str(case.check) in ("not_nullable", "field_uniqueness", "multiple_fields_uniqueness")
            if problem not in key_problems:  # a duplicate combination is found once per key column: report it once
                (key_problems if keyed else value_problems).append(problem)
    value_problems += _blank_required(frame, table) + _number_limits(frame, table) + _range_problems(frame, table)
    first_per_cell: dict[tuple, Problem] = {}
    for problem in value_problems:
        first_per_cell.setdefault((problem.line, problem.column), problem)
    return key_problems + list(first_per_cell.values()) + _markup_warnings(frame, table)


def _blank_required(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """A required cell that holds only spaces is as empty as an empty one."""
    problems = []
    for field in table.fields:
        if field.required and field.name in frame.columns:
            column = frame[field.name]
            blank = (column != "") & (column.str.strip() == "")
            for line in frame.index[blank]:
                problems.append(
                    Problem(
                        table.file,
                        int(line),
                        field.name,
                        column[line],
                        "a value is required here: the cell holds only spaces",
                    )
                )
    return problems


def _number_limits(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Numbers that have the right shape but cannot be stored: 1e999, or an integer past 64 bits."""
    problems = []
    for field in table.fields:
        if field.type not in ("integer", "number") or field.name not in frame.columns:
            continue
        pattern = _TYPE_PATTERNS[field.type][0]
        column = frame[field.name]
        # Only a long cell can overflow: an integer of 18 digits fits in 64 bits, a float needs an exponent or 300 digits.
        long = (
            column.str.len() >= 19
            if field.type == "integer"
            else (column.str.len() >= 300) | column.str.contains("e", case=False, regex=False)
        )
        for line in frame.index[long & column.str.fullmatch(pattern)]:
            cell = column[line]
            if field.type == "integer" and not _INT64[0] <= int(cell) <= _INT64[1]:
                problems.append(
                    Problem(table.file, int(line), field.name, cell, "expected an integer that fits in 64 bits")
                )
            elif field.type == "number" and not math.isfinite(float(cell)):
                problems.append(
                    Problem(
                        table.file,
                        int(line),
                        field.name,
                        cell,
                        "expected a finite number: this one is too large to store",
                    )
                )
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
        combination = ", ".join(str(frame.at[line, k]) for k in table.primary_key)
        return Problem(table.file, line, key, combination, f"duplicate row: the combination ({key}) must be unique")
    return Problem(table.file, line, column, value, check)


def _range_problems(frame: pd.DataFrame, table: Table) -> list[Problem]:
    problems = []
    for field in table.fields:
        if (field.minimum is None and field.maximum is None) or field.name not in frame.columns:
            continue
        numbers = pd.to_numeric(frame[field.name].where(frame[field.name] != ""), errors="coerce")
        low = -float("inf") if field.minimum is None else field.minimum
        high = float("inf") if field.maximum is None else field.maximum
        bad = numbers.notna() & ((numbers < low) | (numbers > high))
        for line in frame.index[bad]:
            span = (
                f"between {field.minimum:g} and {field.maximum:g}"
                if field.maximum is not None
                else f"at least {field.minimum:g}"
            )
            problems.append(
                Problem(table.file, int(line), field.name, str(frame.at[line, field.name]), f"expected a number {span}")
            )
    return problems


def _markup_warnings(frame: pd.DataFrame, table: Table) -> list[Problem]:
    problems = []
    for field in table.fields:
        if field.type not in ("string", "list") or field.name not in frame.columns:
            continue
        column = frame[field.name]
        # Every match holds '<', ':' or '](': test the regex only on those cells.
        maybe = column.str.contains(r"<|:|\]\(", regex=True)
        hits = maybe.copy()
        if maybe.any():
            hits[maybe] = column[maybe].str.contains(_MARKUP, regex=True)
        for line in frame.index[hits]:
            problems.append(
                Problem(
                    table.file,
                    int(line),
                    field.name,
                    str(frame.at[line, field.name]),
                    "cell holds markup or a link; it is kept and always shown as plain text",
                    "warning",
                )
            )
    return problems


def to_typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Convert checked text cells to typed columns; lists stay as text here."""
    typed = frame.copy()
    for name in table.columns:
        if name not in typed.columns:
            typed[name] = ""
    for field in table.fields:
        column = typed[field.name]
        if field.type == "integer":
            typed[field.name] = pd.to_numeric(column.where(column != ""), errors="raise").astype("Int64")
        elif field.type == "number":
            typed[field.name] = pd.to_numeric(column.where(column != ""), errors="raise").astype("float64")
        elif field.type == "date":
            typed[field.name] = pd.to_datetime(column.where(column != ""), format="%Y-%m-%d", errors="coerce").astype(
                "datetime64[us]"
            )
    return typed


def invalid_dates(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Dates that have the right shape but do not exist (2020-02-30), or lie in the future.

    A dataset records what has happened and been published: a later date is a
    typo (2202 for 2022), and a day such as 9999-12-31 would run past the last
    date a timeline can draw.
    """
    problems = []
    today = date.today().isoformat()
    for field in table.fields:
        if field.type != "date" or field.name not in frame.columns:
            continue
        column = frame[field.name]
        shaped = column.str.fullmatch(_TYPE_PATTERNS["date"][0])
        parsed = pd.to_datetime(column.where(shaped), format="%Y-%m-%d", errors="coerce")
        for line in frame.index[shaped & parsed.isna()]:
            problems.append(
                Problem(table.file, int(line), field.name, column[line], "expected a real calendar date YYYY-MM-DD")
            )
        for line in frame.index[shaped & parsed.notna() & (column > today)]:
            problems.append(
                Problem(
                    table.file,
                    int(line),
                    field.name,
                    column[line],
                    f"is in the future (today is {today}): a dataset records what has happened",
                )
            )
    return problems


def rows(frame: pd.DataFrame, index: bool = True) -> Iterator[Any]:
    """frame.itertuples(index=index): each row as a named tuple, its fields by column name.

    Typed Any on purpose: a field has the type the contract gives its column (text, a number, a date),
    which no annotation of a DataFrame's rows can say (pandas-stubs makes each field any scalar at all).
    """
    return frame.itertuples(index=index)


def row_of(frame: pd.DataFrame, label: str) -> pd.Series:
    """frame.loc[label] for an index of ids: the row, as a Series (the first, where ids repeat against the contract)."""
    row = frame.loc[label]
    return row if isinstance(row, pd.Series) else row.iloc[0]


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()] if cell else []
