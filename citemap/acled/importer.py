"""`python -m citemap import-acled FILE [FILE...] -o DIR [--merge-into DATASET]`.

Reads every file (citemap.acled.formats), maps the rows to the contract (mapping), optionally merges them into
an existing dataset (merge), writes the result into a folder beside DIR, validates it with the same code the
dashboard loads with, and only then renames it into place. Exit codes:

- 0: every row imported (as an event, or merged into one as a repeat);
- 3: the dataset was written, but some rows or files were refused (see import-report.csv in DIR);
- 1: nothing could be written (no row became an event, the output folder is not ours to replace, or the
  result did not validate); then nothing is written at all.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import sys
import time
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path

from ..contract import TABLES
from ..datapackage import write_datapackage
from .formats import FileRefused, Refusal, read_file
from .geo import write_outlines
from .mapping import Mapped, TableRows, map_reads
from .report import REPORT_FILE, Summary, write_report

OK, SOME_REFUSED, NOTHING_WRITTEN = 0, 3, 1
TABLE_NAMES = ("sources", "sentences", "places", "actors", "events", "event_actors", "figures", "acled_events")


class OutputRefused(Exception):
    pass


def check_output(output: Path) -> bool:
    """Whether DIR holds an earlier import (replaced whole); OutputRefused when it holds anything else."""
    if not output.exists():
        return False
    if not output.is_dir():
        raise OutputRefused(f"{output} exists and is not a folder")
    entries = [p.name for p in output.iterdir()]
    if not entries:
        return False
    if REPORT_FILE in entries and "acled_events.csv" in entries:
        return True
    raise OutputRefused(
        f"{output} is not empty and is not an earlier ACLED import: choose a new folder (nothing was written)"
    )


def write_dataset(
    folder: Path, tables: dict[str, TableRows], texts: dict[str, str], copies: dict[str, Path] | None = None
) -> None:
    """All tables and texts into a new folder; copies: file name under sources/ -> an existing text to copy."""
    (folder / "sources").mkdir(parents=True)
    for name, rows in tables.items():
        write_rows(folder / f"{name}.csv", TABLES[name].columns, rows)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for file, text in texts.items():  # os-level: at 100,000 texts, pathlib's overhead is seconds
        handle = os.open(folder / "sources" / file, flags, 0o644)
        try:
            os.write(handle, text.encode("utf-8"))
        finally:
            os.close(handle)
    for file, origin in (copies or {}).items():
        shutil.copyfile(origin, folder / "sources" / file)


def write_rows(path: Path, columns: list[str], rows: Sequence[dict | tuple]) -> None:
    """A table in the contract's column order, columns outside the contract kept after them (as csvwrite does).

    A row is a dict, or a tuple already in the contract's order. Dicts are written through operator.itemgetter,
    in C: at 100,000 events, a Python loop per cell costs seconds."""
    known = set(columns)
    extra = list(dict.fromkeys(c for row in rows if isinstance(row, dict) for c in row if c not in known))
    every = list(columns) + extra
    pick = itemgetter(*every)
    pad = ("",) * len(extra)

    def cells(row):
        if not isinstance(row, dict):
            return tuple(row) + pad
        if len(row) == len(every):
            try:
                return pick(row)
            except KeyError:
                pass
        return tuple(row.get(c, "") for c in every)

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(every)
        writer.writerows(map(cells, rows))


def import_acled(
    files: list[Path],
    output: Path,
    merge_into: Path | None = None,
    date_order: str | None = None,
    validate: bool = True,
    out=sys.stdout,
    err=sys.stderr,
) -> int:
    summary = Summary()
    clock = _Clock(summary)
    try:
        replacing = check_output(output)
    except OutputRefused as refused:
        print(f"citemap import-acled: nothing written: {refused}", file=err)
        return NOTHING_WRITTEN
    reads = []
    for file in files:
        try:
            read = read_file(Path(file), date_order)
        except FileRefused as refused:
            summary.files_refused.append(Refusal(str(file), None, "", str(refused)))
            continue
        reads.append(read)
        summary.files.append((read.file, read.encoding, read.date_format))
        summary.columns_not_kept |= read.columns_not_kept
    clock.lap("read")
    mapped: Mapped = map_reads(reads)
    del reads  # the records are rows now: free them before writing and validating
    clock.lap("map")
    summary.rows_read, summary.repeats_merged = mapped.rows_read, mapped.repeats_merged
    summary.refusals = sorted(mapped.refusals, key=lambda r: (r.file, r.line or 0))
    tables, texts = mapped.tables, mapped.texts
    copies: dict[str, Path] = {}
    if not tables.get("events"):
        print(summary.text(), file=err)
        print("citemap import-acled: nothing written: no row could become an event", file=err)
        return NOTHING_WRITTEN
    summary.events_written = len(tables["events"])
    if merge_into is not None:
        from .merge import merge

        try:
            tables, texts, copies, matched = merge(Path(merge_into), mapped)
        except FileRefused as refused:
            print(f"citemap import-acled: nothing written: {refused}", file=err)
            return NOTHING_WRITTEN
        summary.matched = matched
        summary.events_written -= matched
        clock.lap("merge")
    assert summary.accounted(), "every row is an event, a repeat or a refusal"

    aside = output.parent / f".{output.name}.importing-{os.getpid()}"
    shutil.rmtree(aside, ignore_errors=True)
    try:
        write_dataset(aside, tables, texts, copies)
        # The map opens on the import's countries: their outlines from the shipped Natural Earth file.
        summary.geo = write_outlines(aside, mapped.tables["acled_events"], merge_into)
        write_report(aside / REPORT_FILE, summary)
        # The rows just written, not read back (seconds at 100,000); named for DIR, not for the folder beside it.
        write_datapackage(aside, tables["sources"], folder_name=output.resolve().name)
        del mapped, tables, texts  # free the rows (the bulk of the memory) before validating
        clock.lap("write")
        if validate:
            from ..dataset import validate as validate_dataset

            dataset, problems = _validate_uncached(validate_dataset, aside)
            if dataset is None:
                for problem in problems:
                    if problem.severity == "error":
                        print(problem, file=err)
                print(
                    "citemap import-acled: nothing written: the result does not meet the contract (a fault in the importer: please report it)",
                    file=err,
                )
                return NOTHING_WRITTEN
            del dataset
            clock.lap("validate")
        _swap_in(aside, output, replacing)
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    print(summary.text(), file=out)
    print(
        f"wrote {output}"
        + (" (replacing the earlier import there)" if replacing else "")
        + (
            f"; {REPORT_FILE} lists the rows refused and the repeats whose counts conflict"
            if summary.refusals or summary.files_refused
            else ""
        ),
        file=out,
    )
    return SOME_REFUSED if summary.rows_refused or summary.files_refused else OK


class _Clock:
    """Seconds per phase, for the summary (and the benchmark)."""

    def __init__(self, summary: Summary) -> None:
        self.summary, self.last = summary, time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
        self.summary.timings.append((phase, now - self.last, peak_mb))
        self.last = now


def _validate_uncached(validate_dataset, folder: Path):
    """Validate without writing the Parquet cache (citemap/cache.py): the folder is about to be renamed."""
    saved = os.environ.get("CITEMAP_CACHE")
    os.environ["CITEMAP_CACHE"] = "off"
    try:
        return validate_dataset(folder)
    finally:
        if saved is None:
            os.environ.pop("CITEMAP_CACHE", None)
        else:
            os.environ["CITEMAP_CACHE"] = saved


def _swap_in(aside: Path, output: Path, replacing: bool) -> None:
    if output.exists() and not replacing:
        output.rmdir()  # empty (check_output said so)
    if replacing:
        old = output.parent / f".{output.name}.replaced-{os.getpid()}"
        output.rename(old)
        aside.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    else:
        aside.rename(output)
