"""ACLED files as they come: bytes to records with their line numbers, in today's column names.

What differs between real exports, and how each is read:

1. Encoding: UTF-8 with or without a byte-order mark; otherwise Windows-1252 (Excel's "CSV" on Windows), and
   Latin-1 for the five bytes Windows-1252 leaves undefined. The file's encoding is stated in the summary.
2. Mojibake in notes (UTF-8 bytes once read as Windows-1252 and saved again: "donâ€™t") is repaired per cell
   when the repair is exact (the cell re-encodes to valid UTF-8), and the repair is recorded in the source's notes.
3. Line ends CRLF or LF; notes with line breaks inside quotes are one record (the csv module reads them); a
   record's line is the file line it starts on. A line break inside a cell is kept as LF.
4. Headers in any case, a leading unnamed index column (pandas' "Unnamed: 0" or an empty name) dropped, legacy
   names renamed (LEGACY_NAMES), legacy fields kept as their own columns (KEPT_LEGACY), derived or internal
   columns listed as not kept (NOT_KEPT).
5. Dates: 2020-10-05, "05 October 2020", "9-May-20" and "5/10/2020". The day-month order of slashed dates is
   told by the file as a whole (a first number above 12 means day first, a second above 12 month first), never
   guessed per row; a file where no value tells is refused unless the caller states the order.
6. inter1/inter2 as numbers (6) or ACLED's words ("Protesters"), interaction as numbers (60) or words
   ("Protesters only", "State forces-Protesters"): all held as ACLED's numeric codes.
7. A weekly aggregated file (week, events, fatalities per admin1) is refused whole: it is not event data.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from sys import intern

# ACLED's current export columns, in ACLED's order (what export-acled writes).
CURRENT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
LEGACY_NAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "geo_precis": "geo_precision"}
KEPT_LEGACY = ("gwno", "iso3")  # older files' country codes, kept in acled_events as given
NOT_KEPT = {
    "year": "derived from event_date",
    "data_id": "ACLED's internal row number",
    "event_id_no_cnty": "event_id_cnty without its country prefix",
}
REQUIRED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "actor1",
    "country",
    "location",
    "latitude",
    "longitude",
    "fatalities",
)
AGGREGATED_MARKERS = ("week", "events")  # ACLED's aggregated files count events per week and admin1

# ACLED's actor types: inter codes and the words its newer exports use for them.
INTER_CODES = {
    0: "No actor", 1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}  # fmt: skip
_INTER_WORDS = {words.lower(): code for code, words in INTER_CODES.items()} | {
    "state forces": 1, "rebel groups": 2, "political militias": 3, "identity militias": 4,
    "rioter": 5, "protester": 6, "civilian": 7, "external/other force": 8, "other forces": 8, "others": 8, "": 0,
}  # fmt: skip


def interaction_words(code: int) -> str:
    """ACLED's interaction code in its own words: 16 "State forces-Protesters", 60 "Protesters only"."""
    first, second = divmod(int(code), 10)
    if first not in INTER_CODES or second not in INTER_CODES:
        return f"code {code}"
    if second == 0:
        return f"{INTER_CODES[first]} only"
    return f"{INTER_CODES[first]}-{INTER_CODES[second]}"


class FileRefused(Exception):
    """The file as a whole cannot be read as ACLED event data (the message says why)."""


@dataclass
class Record:
    file: str
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Refusal:
    file: str
    line: int | None  # None: the whole file
    column: str
    reason: str
    outcome: str = "refused"  # "refused", or "conflict" for a repeat kept whose count differs


@dataclass
class FileRead:
    file: str
    encoding: str
    records: list[Record] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    rows_read: int = 0
    columns_not_kept: dict[str, str] = field(default_factory=dict)
    date_format: str = ""


# --- bytes to text -------------------------------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 with byte-order mark"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252, with its five undefined bytes read as Latin-1 (the same code point), so no byte is lost.
    return "".join(_cp1252_char(b) for b in raw) if _has_undefined_cp1252(raw) else raw.decode("cp1252"), "Windows-1252"


_UNDEFINED_CP1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _has_undefined_cp1252(raw: bytes) -> bool:
    return any(b in _UNDEFINED_CP1252 for b in raw)


def _cp1252_char(byte: int) -> str:
    return chr(byte) if byte in _UNDEFINED_CP1252 else bytes([byte]).decode("cp1252")


_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str | None:
    """The text UTF-8 bytes were before being read as Windows-1252, or None when the text is not such mojibake."""
    if not _MOJIBAKE.search(text):
        return None
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return repaired if repaired != text else None


# --- text to records -----------------------------------------------------------------------------------------


def normalise_header(header: list[str]) -> tuple[list[str], bool]:
    """Lower-case names, legacy names renamed; whether the first column is an unnamed index (to drop)."""
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    index_column = bool(names) and (names[0] == "" or names[0].startswith("unnamed:"))
    return [LEGACY_NAMES.get(name, name) for name in names], index_column


def read_file(path: Path, date_order: str | None = None) -> FileRead:
    """Every record of one file, or FileRefused; rows that cannot be events are refused with line and reason.

    Records are read one at a time (a 100,000-row file is never held twice: once as raw cells, once as rows)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise FileRefused(f"{name}: cannot be read: {err.strerror}") from None
    text, encoding = decode(raw)
    del raw
    result = FileRead(file=name, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: list[str] | None = None
    index_column = False
    pending: tuple[int, int, list[str]] | None = (
        None  # the previous record: whether it is the last is known one record later
    )
    start, last_line = 1, 0
    try:
        for cells in reader:
            end = reader.line_num
            if cells and any(c.strip() for c in cells):
                if columns is None:
                    columns, index_column = _header(name, cells)
                    result.columns_not_kept = {
                        c: NOT_KEPT.get(c, "not an ACLED column Citemap knows")
                        for c in columns
                        if c not in CURRENT_COLUMNS and c not in KEPT_LEGACY
                    }
                else:
                    if pending is not None:
                        _record(result, columns, index_column, *pending, last=False)
                    pending = (start, end, cells)
            last_line = end
            start = end + 1
    except csv.Error as err:
        raise FileRefused(f"{name}, line {start}: not readable as CSV: {err}") from None
    if columns is None:
        raise FileRefused(
            f"{name}: the file is empty: an ACLED export starts with a header row (event_id_cnty, event_date, ...)"
        )
    if pending is not None:
        _record(result, columns, index_column, *pending, last=True, file_end=last_line)
    _parse_dates(result, date_order)
    return result


def _header(name: str, header: list[str]) -> tuple[list[str], bool]:
    columns, index_column = normalise_header(header)
    if index_column:
        columns = columns[1:]
    if all(marker in columns for marker in AGGREGATED_MARKERS) and "event_id_cnty" not in columns:
        raise FileRefused(
            f"{name}: this is ACLED's aggregated data (counts of events per week and region: columns "
            f"{', '.join(c for c in columns if c)}), not event data; import the event-level export instead"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise FileRefused(
            f"{name}, line 1: not an ACLED event export: the header lacks {', '.join(missing)} (it has: {', '.join(columns)})"
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise FileRefused(f"{name}, line 1: column {', '.join(duplicated)} appears twice in the header")
    return columns, index_column


def _record(
    result: FileRead,
    columns: list[str],
    index_column: bool,
    line: int,
    end: int,
    cells: list[str],
    last: bool,
    file_end: int = 0,
) -> None:
    name = result.file
    result.rows_read += 1
    if index_column:
        cells = cells[1:]
    if len(cells) != len(columns):
        if len(cells) < len(columns) and last:
            reason = (
                f"record cut off at the end of the file: {len(cells)} of {len(columns)} cells (the file ends inside it)"
            )
            if file_end > line:  # an open quote ran on to the end: say which lines it swallowed
                reason += f"; a quote opened on line {line} is never closed, so lines {line}-{file_end} are all inside this one record"
        else:
            reason = f"row has {len(cells)} cells, the header has {len(columns)}"
            if end > line:
                reason += f"; it runs over lines {line}-{end}: a quote inside a cell may be unbalanced"
        column = columns[len(cells)] if len(cells) < len(columns) else ""
        result.refusals.append(Refusal(name, line, column, reason))
        return
    # Cells other than notes repeat over many rows (countries, types, actors, outlets): interned, 100,000 rows
    # hold each once instead of 100,000 copies.
    record = Record(
        name,
        line,
        {c: v.replace("\r\n", "\n").strip() if c == "notes" else intern(v.strip()) for c, v in zip(columns, cells)},
    )
    for column, what in (("event_id_cnty", "no event id"), ("event_date", "no date")):
        if not record.cells[column]:
            result.refusals.append(Refusal(name, line, column, f"{what}: an ACLED event needs its {column}"))
            return
    result.records.append(record)


# --- dates ---------------------------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LONG = re.compile(r"^\d{1,2} [A-Za-z]+ \d{4}$")  # 05 October 2020
_SHORT = re.compile(r"^\d{1,2}-[A-Za-z]{3}-\d{2}$")  # 9-May-20
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")  # 5/10/2020
DATE_ORDERS = ("day-first", "month-first")


def slashed_order(values: list[str], file: str) -> str | None:
    """day-first or month-first, as the file's slashed dates tell it; None when it has none; FileRefused when they cannot tell."""
    firsts, seconds = [], []
    for value in values:
        match = _SLASHED.match(value)
        if match:
            firsts.append(int(match[1]))
            seconds.append(int(match[2]))
    if not firsts:
        return None
    day_first, month_first = max(firsts) > 12, max(seconds) > 12
    if day_first and month_first:
        raise FileRefused(
            f"{file}: slashed dates disagree on their order (some have a first number above 12, others a second): the file mixes day-first and month-first dates"
        )
    if day_first:
        return "day-first"
    if month_first:
        return "month-first"
    return ""  # no value tells


def _parse_dates(result: FileRead, date_order: str | None) -> None:
    order = slashed_order([r.cells["event_date"] for r in result.records], result.file)
    if order == "":
        if date_order is None:
            raise FileRefused(
                f"{result.file}: its slashed dates (such as {next(r.cells['event_date'] for r in result.records if '/' in r.cells['event_date'])!r}) "
                "never have a number above 12, so the file does not tell whether the day or the month comes first; "
                "state it with --date-order day-first or --date-order month-first"
            )
        order = date_order
    elif order and date_order and order != date_order:
        raise FileRefused(f"{result.file}: --date-order {date_order} was given, but the file's own dates are {order}")
    formats = set()
    kept = []
    for record in result.records:
        value = record.cells["event_date"]
        parsed, form = parse_date(value, order)
        if parsed is None:
            result.refusals.append(
                Refusal(
                    result.file,
                    record.line,
                    "event_date",
                    f"{value!r} is not a date in a form ACLED writes (2020-10-05, 05 October 2020, 9-May-20, 5/10/2020)",
                )
            )
            continue
        formats.add(form)
        record.cells["event_date"] = parsed.isoformat()
        kept.append(record)
    result.records = kept
    result.date_format = ", ".join(sorted(formats))


def parse_date(value: str, order: str | None = None) -> tuple[date | None, str]:
    value = value.strip()
    try:
        if _ISO.match(value):
            return date.fromisoformat(value), "YYYY-MM-DD"
        if _LONG.match(value):
            return datetime.strptime(value, "%d %B %Y").date(), "DD Month YYYY"
        if _SHORT.match(value):
            return datetime.strptime(value, "%d-%b-%y").date(), "D-Mon-YY"
        match = _SLASHED.match(value)
        if match and order:
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            year = year if year >= 100 else datetime.strptime(f"{year:02d}", "%y").year
            day, month = (first, second) if order == "day-first" else (second, first)
            return date(year, month, day), f"slashed, {order}"
    except ValueError:
        return None, ""
    return None, ""


# --- inter codes ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def inter_code(value: str) -> int | None:
    """ACLED's actor-type code from a number ("6", "6.0") or its words ("Protesters"); None when neither."""
    value = value.strip()
    if re.fullmatch(r"[0-8](\.0)?", value):
        return int(float(value))
    return _INTER_WORDS.get(value.lower())


@lru_cache(maxsize=1024)
def interaction_code(value: str) -> int | None:
    """ACLED's interaction code from a number ("16", "60") or words ("State forces-Protesters", "Protesters only")."""
    value = value.strip()
    if re.fullmatch(r"[0-8]{1,2}(\.0)?", value):
        return int(float(value))
    lowered = value.lower()
    for suffix in (" only",):
        if lowered.endswith(suffix):
            code = inter_code(lowered[: -len(suffix)])
            return None if code is None else code * 10
    if lowered.startswith("sole "):
        code = inter_code(lowered[5:])
        return None if code is None else code * 10
    if "-" in lowered:
        # "External/Other forces-Civilians": split where both halves are known actor types
        for at in [i for i, ch in enumerate(lowered) if ch == "-"]:
            first, second = inter_code(lowered[:at]), inter_code(lowered[at + 1 :])
            if first is not None and second is not None:
                low, high = sorted((first, second))
                return low * 10 + high
    return None
