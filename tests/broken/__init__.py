"""Broken datasets, made on demand from a copy of data/ by named mutations.

Each `Case` edits a fresh copy of the bundled dataset and returns the problems
that `citemap.dataset.validate` must report for it: file, line, column,
severity and words of the message. Lines are file lines (1 is the header),
worked out from the copy itself, so they stay right when the data changes.

`python -m tests.broken OUT_DIR` writes every case as a folder under OUT_DIR,
to try one by hand (`python -m citemap validate OUT_DIR/missing-column`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from citemap.contract import CITING_TABLES, TABLES

from ..helpers import read_table, write_table

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SOURCE_TEXT = "sources/kyrgyzstan-2020-10-06.txt"


@dataclass(frozen=True)
class Expect:
    """One problem the validator must report."""

    file: str
    line: int | None
    column: str | None
    message: str  # words the message must contain
    severity: str = "error"
    value: str | None = None  # when given, the reported value must equal it

    @property
    def where(self) -> tuple:
        return (self.severity, self.file, self.line, self.column)

    def cli_text(self) -> str:
        """How `python -m citemap validate` starts the line for this problem (see Problem.__str__)."""
        text = ("warning: " if self.severity == "warning" else "") + self.file
        if self.line is not None:
            text += f", line {self.line}"
        if self.column:
            text += f", column {self.column}"
        return text


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], list[Expect]]
    accepted: bool = False  # the dataset still loads (problems, if any, are warnings)
    same_as_original: bool = False  # and its tables equal the bundled data's
    tags: tuple[str, ...] = field(default_factory=tuple)

    def build(self, target: Path) -> list[Expect]:
        """Copy data/ to target, break the copy, return what validation must report."""
        shutil.copytree(DATA, target)
        return self.mutate(target)

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------- editing helpers


def rows_of(data_dir: Path, table: str) -> tuple[list[str], list[dict]]:
    return read_table(data_dir / f"{table}.csv")


def line_of(rows: list[dict], key: str, value: str) -> int:
    """File line of the row whose key column holds value (no cell in data/ spans lines)."""
    return next(i for i, row in enumerate(rows) if row[key] == value) + 2


def set_cell(data_dir: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row with this primary key; return its file line."""
    header, rows = rows_of(data_dir, table)
    key = TABLES[table].primary_key[0]
    line = line_of(rows, key, row_id)
    rows[line - 2][column] = value
    write_table(data_dir / f"{table}.csv", header, rows)
    return line


def first_with(data_dir: Path, table: str, column: str) -> tuple[int, dict]:
    """The first row with a value in column, and its line."""
    _, rows = rows_of(data_dir, table)
    index = next(i for i, row in enumerate(rows) if row[column])
    return index + 2, rows[index]


def ensure_row(data_dir: Path, table: str, **row: str) -> int:
    """The line of the first row of an optional table, adding this one (valid for the bundled data) when it has none."""
    header, rows = rows_of(data_dir, table)
    if not rows:
        rows.append(dict(dict.fromkeys(header, ""), **row))
        write_table(data_dir / f"{table}.csv", header, rows)
    return 2


def ensure_date_report(data_dir: Path) -> int:
    """The line of a date report: the Osh rally's, as its event states it, when the file has none."""
    return ensure_row(
        data_dir,
        "event_dates",
        date_id="date-osh-rally",
        event_id="ev-osh-rally",
        event_date="2020-10-06",
        time_precision="1",
        date_text="on Tuesday",
        sentence_ids="kg-2020-10-06-s029",
    )


def ensure_acled_fields(data_dir: Path) -> int:
    """The line of a row of ACLED's fields: the Osh rally's, when the file has none."""
    return ensure_row(
        data_dir,
        "acled_events",
        event_id="ev-osh-rally",
        event_id_cnty="ev-osh-rally",
        country="Kyrgyzstan",
        location="Osh",
    )


def set_line(data_dir: Path, table: str, line: int, column: str, value: str) -> None:
    header, rows = rows_of(data_dir, table)
    rows[line - 2][column] = value
    write_table(data_dir / f"{table}.csv", header, rows)


def edit_bytes(path: Path, edit: Callable[[bytes], bytes]) -> None:
    path.write_bytes(edit(path.read_bytes()))


def csv_files(data_dir: Path) -> list[Path]:
    return [data_dir / table.file for table in TABLES.values()]


# ---------------------------------------------------------------- the cases

CASES: list[Case] = []


def case(name: str, **options):
    def register(mutate):
        CASES.append(Case(name, mutate, **options))
        return mutate

    return register


@case("missing-file")
def _(d: Path):
    (d / "figures.csv").unlink()
    return [Expect("figures.csv", None, None, "file is missing")]


@case("missing-source-text")
def _(d: Path):
    (d / SOURCE_TEXT).unlink()
    line, _ = first_with(d, "sources", "file")
    return [Expect("sources.csv", line, "file", "source text not found at sources/kyrgyzstan-2020-10-06.txt")]


@case("missing-column")
def _(d: Path):
    header, rows = rows_of(d, "events")
    header.remove("summary")
    for row in rows:
        del row["summary"]
    write_table(d / "events.csv", header, rows)
    return [Expect("events.csv", 1, "summary", "required column is missing from the header")]


@case("unknown-extra-column", accepted=True)
def _(d: Path):
    header, rows = rows_of(d, "actors")
    header.append("twitter_handle")
    for row in rows:
        row["twitter_handle"] = "@someone"
    write_table(d / "actors.csv", header, rows)
    return [Expect("actors.csv", 1, "twitter_handle", "unknown column", "warning")]


@case("column-twice")
def _(d: Path):
    def add_summary_again(b: bytes) -> bytes:
        lines = b.rstrip(b"\n").split(b"\n")
        return b"\n".join([lines[0] + b",summary"] + [line + b",said twice" for line in lines[1:]]) + b"\n"

    edit_bytes(d / "events.csv", add_summary_again)
    return [Expect("events.csv", 1, "summary", "column appears twice in the header")]


# Cases that set one cell and expect one error naming it, with the value as written:
# (name, table, row id, column, value, words of the message).
ONE_CELL = [
    ("wrong-type-number", "figures", "fig-wounded", "value", "many", "expected a number"),
    ("wrong-type-integer", "sentences", "kg-2020-10-06-s003", "paragraph", "third", "expected an integer"),
    # Python's \d takes any Unicode digit: these once passed the type check and then crashed the conversion.
    (
        "non-ascii-digits-number",
        "figures",
        "fig-wounded",
        "value",
        "\uff15\uff19\uff10",
        "expected a number",
    ),  # full-width 590
    (
        "non-ascii-digits-integer",
        "sentences",
        "kg-2020-10-06-s003",
        "paragraph",
        "\u0663",
        "expected an integer",
    ),  # Arabic-Indic 3
    (
        "non-ascii-digits-latitude",
        "places",
        "pl-osh",
        "latitude",
        "\u0664\u0660.53",
        "expected a number",
    ),  # Arabic-Indic 40.53
    (
        "non-ascii-digits-date",
        "events",
        "ev-osh-rally",
        "event_date",
        "\uff12\uff10\uff12\uff10-10-06",
        "expected an ISO date YYYY-MM-DD",
    ),  # full-width 2020
    # A quoted cell may end in a line break, which Python's $ lets through: the value would be read as another one.
    ("newline-after-date", "events", "ev-osh-rally", "event_date", "2020-10-06\n", "expected an ISO date YYYY-MM-DD"),
    ("newline-after-number", "figures", "fig-wounded", "value", "590\n", "expected a number"),
    ("newline-after-pattern", "sources", "kg-2020-10-06", "language", "en\n", "expected text matching"),
    ("number-too-large", "places", "pl-osh", "uncertainty_km", "1e999", "expected a finite number"),
    ("required-cell-empty", "events", "ev-osh-rally", "summary", "", "a value is required here"),
    (
        "value-text-not-in-sentence",
        "figures",
        "fig-wounded",
        "value_text",
        "600 wounded",
        "not found verbatim in sentence kg-2020-10-06-s014",
    ),
    ("latitude-out-of-range", "places", "pl-bishkek", "latitude", "95", "expected a number between -90 and 90"),
    ("longitude-out-of-range", "places", "pl-osh", "longitude", "-181.5", "expected a number between -180 and 180"),
    ("unknown-time-precision", "events", "ev-osh-rally", "time_precision", "7", "expected one of: 1, 2, 3, 4"),
    ("unknown-geo-precision", "places", "pl-osh", "geo_precision", "0", "expected one of: 1, 2, 3"),
    ("unparseable-date", "events", "ev-osh-rally", "event_date", "6 Oct 2020", "expected an ISO date YYYY-MM-DD"),
    (
        "date-that-does-not-exist",
        "sources",
        "kg-2020-10-06",
        "published",
        "2020-02-30",
        "expected a real calendar date",
    ),
    ("published-in-the-future", "sources", "kg-2020-10-06", "published", "2202-10-06", "is in the future"),
    (
        "date-after-publication",
        "events",
        "ev-osh-rally",
        "event_date",
        "2020-10-09",
        "is after its source was published (2020-10-06)",
    ),
    (
        "date-end-after-publication",
        "events",
        "ev-atambayev-sentenced",
        "date_end",
        "2021-01-01",
        "is after its source was published (2020-10-06)",
    ),
    # date_text is shown in quotation marks as the source's words: the curator's reading belongs in notes.
    (
        "date-text-not-in-sentence",
        "events",
        "ev-osh-rally",
        "date_text",
        "the day after Monday night",
        "not found verbatim in its sentences",
    ),
    ("unknown-source-kind", "sources", "kg-2020-10-06", "kind", "blog", "expected one of"),
    ("attribution-empty", "sources", "kg-2020-10-06", "attribution", "", "a value is required here"),
]


def _set_one_cell(table: str, row_id: str, column: str, value: str, message: str) -> Callable[[Path], list[Expect]]:
    def mutate(d: Path) -> list[Expect]:
        line = set_cell(d, table, row_id, column, value)
        return [Expect(f"{table}.csv", line, column, message, value=value)]

    return mutate


for _name, *_cell in ONE_CELL:
    case(_name)(_set_one_cell(*_cell))
del _name, _cell


@case("wrong-type-decimal-code")
def _(d: Path):
    # Reported once, as not an integer, rather than also as a code outside 1-4.
    line = set_cell(d, "events", "ev-osh-rally", "time_precision", "1.0")
    return [Expect("events.csv", line, "time_precision", "expected an integer", value="1.0")]


@case("integer-too-large")
def _(d: Path):
    line = set_cell(d, "sentences", "kg-2020-10-06-s003", "end", "99999999999999999999")
    return [Expect("sentences.csv", line, "end", "expected an integer that fits in 64 bits")]


@case("empty-file")
def _(d: Path):
    (d / "events.csv").write_bytes(b"")
    return [Expect("events.csv", None, None, "file is empty")]


@case("header-only")
def _(d: Path):
    header, _ = rows_of(d, "events")
    write_table(d / "events.csv", header, [])
    return [Expect("events.csv", 1, None, "file has a header but no rows: a dataset needs at least one event")]


@case("header-only-figures", accepted=True)
def _(d: Path):
    # A dataset may report no numbers at all: it loads, and every page copes.
    header, _ = rows_of(d, "figures")
    write_table(d / "figures.csv", header, [])
    return []


@case("required-cell-blank")
def _(d: Path):
    line = set_cell(d, "actors", "act-atambayev", "name", "   ")
    return [Expect("actors.csv", line, "name", "the cell holds only spaces")]


@case("duplicate-id")
def _(d: Path):
    header, rows = rows_of(d, "actors")
    rows.append(dict(rows[3]))
    write_table(d / "actors.csv", header, rows)
    actor = rows[3]["actor_id"]
    return [Expect("actors.csv", line, "actor_id", "duplicate id", value=actor) for line in (5, len(rows) + 1)]


@case("duplicate-compound-key")
def _(d: Path):
    header, rows = rows_of(d, "event_actors")
    rows.append(dict(rows[0]))
    write_table(d / "event_actors.csv", header, rows)
    key = "event_id, actor_id, role"
    return [Expect("event_actors.csv", line, key, "duplicate row: the combination") for line in (2, len(rows) + 1)]


@case("row-too-short")
def _(d: Path):
    def drop_last_cell(b: bytes) -> bytes:
        lines = b.split(b"\n")
        lines[4] = lines[4][: lines[4].rindex(b",")]  # line 5 loses its notes cell
        return b"\n".join(lines)

    edit_bytes(d / "events.csv", drop_last_cell)
    return [Expect("events.csv", 5, "notes", "row has 11 cells, the header has 12: no cell for notes")]


@case("row-too-long")
def _(d: Path):
    edit_bytes(d / "actors.csv", lambda b: b.replace(b"\n", b",surplus\n", 3).replace(b",surplus\n", b"\n", 2))
    return [Expect("actors.csv", 3, None, "row has 9 cells, the header has 8: 'surplus' has no column")]


@case("quote-never-closed")
def _(d: Path):
    # Without strict quoting, every row after this one would vanish into one notes cell.
    line = set_cell(d, "figures", "fig-killed", "notes", "QUOTE")
    edit_bytes(d / "figures.csv", lambda b: b.replace(b"QUOTE", b'"as the army said', 1))
    return [Expect("figures.csv", line, "notes", "a quoted cell opened here runs on to line")]


@case("quote-never-closed-at-the-end")
def _(d: Path):
    _, rows = rows_of(d, "figures")
    line = set_cell(d, "figures", rows[-1]["figure_id"], "notes", "QUOTE")
    edit_bytes(d / "figures.csv", lambda b: b.replace(b"QUOTE", b'"unfinished', 1))
    return [Expect("figures.csv", line, "notes", "a quoted cell is never closed")]


@case("stray-quote")
def _(d: Path):
    # 'x"y' inside quotes: a lenient reader would drop the quote and read "xy".
    line = set_cell(d, "actors", "act-jeenbekov", "title", "QUOTE")
    edit_bytes(d / "actors.csv", lambda b: b.replace(b"QUOTE", b'"President" of Kyrgyzstan', 1))
    return [
        Expect(
            "actors.csv",
            line,
            "title",
            "text follows the closing quote of this cell: a quote inside a quoted cell must be doubled",
        )
    ]


def _dangling(table: str, column: str):
    def mutate(d: Path):
        if table == "event_dates":
            ensure_date_report(d)
        if table == "acled_events":
            ensure_acled_fields(d)
        line, _ = first_with(d, table, column) if _any_value(d, table, column) else (2, None)
        set_line(d, table, line, column, f"no-such-{column.replace('_', '-')}")
        target = next(k.table for k in TABLES[table].foreign_keys if k.column == column)
        return [
            Expect(
                f"{table}.csv",
                line,
                column,
                f"that does not exist in {target}.csv",
                value=f"no-such-{column.replace('_', '-')}",
            )
        ]

    return mutate


def _any_value(d: Path, table: str, column: str) -> bool:
    return any(row[column] for row in rows_of(d, table)[1])


for _table in TABLES.values():
    for _key in _table.foreign_keys:
        CASES.append(
            Case(f"dangling-{_table.name}-{_key.column}", _dangling(_table.name, _key.column), tags=("foreign-key",))
        )


def _dangling_sentence(table: str):
    def mutate(d: Path):
        if table == "event_dates":
            ensure_date_report(d)
        line, row = first_with(d, table, "sentence_ids")
        set_line(d, table, line, "sentence_ids", row["sentence_ids"] + ";kg-2020-10-06-s999")
        return [
            Expect(
                f"{table}.csv",
                line,
                "sentence_ids",
                "refers to a sentence that does not exist in sentences.csv",
                value="kg-2020-10-06-s999",
            )
        ]

    return mutate


for _table_name in CITING_TABLES:
    CASES.append(Case(f"dangling-{_table_name}-sentence_ids", _dangling_sentence(_table_name), tags=("foreign-key",)))


@case("quote-not-verbatim")
def _(d: Path):
    line = set_cell(
        d,
        "sentences",
        "kg-2020-10-06-s014",
        "text",
        "One person has been killed and 590 wounded in the clashes, the army said.",
    )
    return [Expect("sentences.csv", line, "text", "not verbatim: source text at")]


@case("start-off-by-one")
def _(d: Path):
    _, rows = rows_of(d, "sentences")
    row = rows[4]
    line = set_cell(d, "sentences", row["sentence_id"], "start", str(int(row["start"]) + 1))
    return [Expect("sentences.csv", line, "text", f"the text occurs at {row['start']}:{row['end']}")]


@case("end-off-by-one")
def _(d: Path):
    _, rows = rows_of(d, "sentences")
    row = rows[6]
    line = set_cell(d, "sentences", row["sentence_id"], "end", str(int(row["end"]) - 1))
    return [Expect("sentences.csv", line, "text", f"the text occurs at {row['start']}:{row['end']}")]


@case("end-past-the-text")
def _(d: Path):
    _, rows = rows_of(d, "sentences")
    line = set_cell(d, "sentences", rows[-1]["sentence_id"], "end", "999999")
    return [Expect("sentences.csv", line, "end", "lie outside the source text")]


@case("latitude-without-longitude")
def _(d: Path):
    line = set_cell(d, "places", "pl-osh", "longitude", "")
    return [Expect("places.csv", line, "longitude", "a position needs both")]


@case("date-in-the-future")
def _(d: Path):
    # With the publication date unknown, nothing else bounds it; 9999-12-31 once broke the timeline.
    set_cell(d, "sources", "kg-2020-10-06", "published", "")
    set_cell(d, "sources", "kg-2020-10-06", "published_basis", "unknown")
    line = set_cell(d, "events", "ev-osh-rally", "event_date", "9999-12-31")
    return [Expect("events.csv", line, "event_date", "is in the future (today is", value="9999-12-31")]


@case("not-utf8")
def _(d: Path):
    line = set_cell(d, "actors", "act-atambayev", "description", "Ex-president, caf\u00e9 owner")
    edit_bytes(
        d / "actors.csv", lambda b: b.replace("caf\u00e9".encode(), b"caf\xe9", 1)
    )  # Latin-1, as a spreadsheet may save it
    return [Expect("actors.csv", line, "description", "bytes that are not UTF-8", value="Ex-president, caf\\xe9 owner")]


@case("source-text-not-utf8")
def _(d: Path):
    path = d / SOURCE_TEXT
    text = path.read_bytes()
    at = text.index(b"Bishkek")
    path.write_bytes(text[:at] + b"Bi\xa7kek" + text[at + len(b"Bishkek") :])  # same length: the offsets still hold
    line = text[:at].count(b"\n") + 1
    return [Expect(SOURCE_TEXT, line, None, f"bytes at offset {at + 2} are not UTF-8")]


@case("byte-order-mark", accepted=True, same_as_original=True)
def _(d: Path):
    for path in csv_files(d):
        edit_bytes(path, lambda b: b"\xef\xbb\xbf" + b)
    return []


@case("crlf-line-endings", accepted=True, same_as_original=True)
def _(d: Path):
    for path in csv_files(d):
        edit_bytes(path, lambda b: b.replace(b"\n", b"\r\n"))
    return []


@case("bom-and-crlf", accepted=True, same_as_original=True)
def _(d: Path):
    for path in csv_files(d):
        edit_bytes(path, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    return []


@case("html-in-cells", accepted=True)
def _(d: Path):
    summary = set_cell(
        d, "events", "ev-osh-rally", "summary", "<script>window.__pwned = 1</script>Supporters gather in Osh."
    )
    name = set_cell(d, "actors", "act-atambayev", "name", 'Almazbek <img src=x onerror="window.__pwned = 1">Atambayev')
    notes = set_cell(d, "figures", "fig-killed", "notes", "See [the count](javascript:window.__pwned=1).")
    return [
        Expect("events.csv", summary, "summary", "cell holds markup or a link", "warning"),
        Expect("actors.csv", name, "name", "cell holds markup or a link", "warning"),
        Expect("figures.csv", notes, "notes", "cell holds markup or a link", "warning"),
    ]


@case("long-cell", accepted=True)
def _(d: Path):
    # Longer than the csv module's default field limit (131,072 characters): read, not refused.
    set_cell(d, "events", "ev-osh-rally", "notes", "A very long note. " * 10_000)
    return []


@case("blank-lines-between-rows", accepted=True, same_as_original=True)
def _(d: Path):
    edit_bytes(d / "events.csv", lambda b: b.replace(b"\n", b"\n\n", 3))
    return []


@case("event-dates-file-left-out", accepted=True)
def _(d: Path):
    # event_dates.csv is optional: without it each event has one date report, its own.
    (d / "event_dates.csv").unlink()
    return []


@case("date-report-outside-its-event")
def _(d: Path):
    line = ensure_date_report(d)
    set_line(d, "event_dates", line, "event_date", "2020-10-01")
    return [
        Expect("event_dates.csv", line, "event_date", "the event's dates must span every report", value="2020-10-01")
    ]


@case("date-report-on-another-events-sentence")
def _(d: Path):
    line = ensure_date_report(d)
    set_line(d, "event_dates", line, "sentence_ids", "kg-2020-10-06-s001")
    set_line(d, "event_dates", line, "date_text", "")
    return [
        Expect(
            "event_dates.csv",
            line,
            "sentence_ids",
            "a date report rests on a sentence its event cites",
            value="kg-2020-10-06-s001",
        )
    ]


@case("date-report-text-not-in-sentence")
def _(d: Path):
    line = ensure_date_report(d)
    set_line(d, "event_dates", line, "date_text", "on Wednesday")
    return [Expect("event_dates.csv", line, "date_text", "not found verbatim in its sentences", value="on Wednesday")]


@case("figure-from-a-sentence-its-event-does-not-cite")
def _(d: Path):
    line = set_cell(d, "figures", "fig-killed", "event_id", "ev-osh-rally")
    return [
        Expect(
            "figures.csv",
            line,
            "sentence_id",
            "a figure of an event quotes a sentence its event cites",
            value="kg-2020-10-06-s014",
        )
    ]


CASES_BY_NAME = {c.name: c for c in CASES}
assert len(CASES_BY_NAME) == len(CASES), "case names must be unique"
