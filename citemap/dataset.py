"""Load a Citemap dataset: read every table, validate it, return it frozen.

`load` either returns a `Dataset` whose tables are exactly what the files say,
or raises `DatasetError` carrying every problem found (not only the first),
each naming file, line, column, value and what was expected.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import cache, checks
from .contract import REPEATING, TABLE_ORDER, TABLES
from .problems import DatasetError, Problem
from .tables import check_text, invalid_dates, read_csv_text, rows, to_typed
from .texts import SourceTexts

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"


def default_data_dir() -> Path:
    return Path(os.environ.get("CITEMAP_DATA") or BUNDLED_DATA)


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    sources: pd.DataFrame
    sentences: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    event_actors: pd.DataFrame
    figures: pd.DataFrame
    event_dates: pd.DataFrame  # optional in the files: empty when the dataset has no separate date reports
    acled_events: pd.DataFrame  # optional: ACLED's own fields of imported events (citemap.acled)
    source_texts: SourceTexts  # source_id -> verbatim text, held compressed
    warnings: tuple[Problem, ...] = field(default_factory=tuple)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def counts(self) -> dict[str, int]:
        return {name: len(self.table(name)) for name in TABLE_ORDER}

    @property
    def as_of(self) -> str:
        """How current the data is: the latest publication date among the sources, or, where a source's date is
        unknown (a wiki's revision), the latest day any event reaches if that is later: a source reports what came before it."""
        dates = self.sources["published"].dropna()
        latest = dates.max() if len(dates) else None
        if len(dates) < len(self.sources) and len(self.events):
            reached = self.events["date_end"].fillna(self.events["event_date"]).max()
            latest = reached if latest is None or reached > latest else latest
        return latest.date().isoformat() if latest is not None else "unknown"


def read_source_texts(data_dir: Path, sources: pd.DataFrame) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    # os-level reads on string paths: an imported dataset has one text per event, and at 100,000 texts pathlib's
    # path objects and is_file() cost seconds of the import (bench/acled_import.py).
    folder = os.path.join(data_dir, "sources", "")
    for line, row in zip(sources.index, rows(sources, index=False)):
        raw = _read_bytes(folder + row.file)
        if raw is None:
            problems.append(
                Problem("sources.csv", int(line), "file", row.file, f"source text not found at sources/{row.file}")
            )
            continue
        try:
            texts[row.source_id] = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            problems.append(
                Problem(
                    f"sources/{row.file}",
                    line,
                    None,
                    repr(raw[err.start : err.start + 8]),
                    f"bytes at offset {err.start} are not UTF-8: save the file as UTF-8",
                )
            )
    return texts, problems


def _read_bytes(path: str) -> bytes | None:
    """The file's bytes; None when it is missing or is not a regular file (a folder of that name)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def validate(data_dir: str | os.PathLike) -> tuple[Dataset | None, list[Problem]]:
    """Return the dataset (None when it has errors) and every problem found."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), None, None, None, "data folder does not exist")]
    slot = cache.entry(data_dir)  # a Parquet copy of this very content, validated before (see citemap/cache.py)
    if slot is not None and (cached := slot.load() or slot.validate_in_child()) is not None:
        if cached.tables is None or cached.source_texts is None:  # stored together: both or neither
            return None, cached.problems
        warnings = tuple(p for p in cached.problems if p.severity == "warning")
        return Dataset(
            data_dir=data_dir, source_texts=cached.source_texts, warnings=warnings, **cached.tables
        ), cached.problems
    problems: list[Problem] = []
    text_tables: dict[str, pd.DataFrame] = {}
    for name in TABLE_ORDER:
        table = TABLES[name]
        frame, read_problems = read_csv_text(data_dir / table.file, table)
        problems += read_problems
        if frame is not None:
            problems += check_text(frame, table) + invalid_dates(frame, table)
            text_tables[name] = frame
    if _has_errors(problems) or len(text_tables) < len(TABLE_ORDER):
        return None, problems

    tables = {name: to_typed(frame, TABLES[name]) for name, frame in text_tables.items()}
    texts, source_problems = read_source_texts(data_dir, tables["sources"])
    problems += source_problems
    problems += checks.foreign_keys(tables)
    problems += checks.verbatim_sentences(tables["sentences"], texts)
    problems += checks.figures_quote_their_sentence(tables["figures"], tables["sentences"])
    problems += checks.figure_rules(tables["figures"])
    problems += checks.figures_rest_on_their_event(tables["figures"], tables["events"], tables["sentences"])
    problems += checks.event_rules(tables["events"], tables["sentences"], tables["sources"])
    problems += checks.date_texts_quote_their_sentences(tables)
    problems += checks.date_reports_within_their_events(tables["event_dates"], tables["events"], tables["sentences"])
    problems += checks.place_distances(tables["places"])
    problems += checks.coverage_warnings(tables)
    if _has_errors(problems):
        return None, problems
    warnings = tuple(p for p in problems if p.severity == "warning")
    tables = {name: _with_categories(frame, REPEATING.get(name, ())) for name, frame in tables.items()}
    dataset = Dataset(data_dir=data_dir, source_texts=SourceTexts.from_texts(texts), warnings=warnings, **tables)
    if slot is not None:
        slot.store(dataset, problems)
    return dataset, problems


def load(data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load and validate a dataset, or raise DatasetError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    dataset, problems = validate(data_dir)
    if dataset is None:
        raise DatasetError(str(data_dir), problems)
    return dataset


def _with_categories(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The frame with these text columns held as categories (see contract.REPEATING): the same values, less memory."""
    return frame.assign(**{name: pd.Categorical(frame[name].array) for name in columns if name in frame.columns})


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
