"""Every row accounted for: rows read = rows that became events + repeats merged into them + rows refused.

import-report.csv lists each refused row (file, line, column, reason; outcome "refused") and each repeat kept
whose fatality count differs from its event's first row (outcome "conflict": kept, both counts figures).
A file refused as a whole has an empty line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .formats import Refusal

REPORT_FILE = "import-report.csv"
REPORT_COLUMNS = ("file", "line", "column", "outcome", "reason")


@dataclass
class Summary:
    files: list[tuple[str, str, str]] = field(default_factory=list)  # file, encoding, date format
    files_refused: list[Refusal] = field(default_factory=list)
    rows_read: int = 0
    events_written: int = 0
    repeats_merged: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    columns_not_kept: dict[str, str] = field(default_factory=dict)
    matched: int = 0  # events merged into a curated event (--merge-into)
    timings: list[tuple[str, float, float]] = field(default_factory=list)  # (phase, seconds, peak MB so far)
    geo: list[str] = field(default_factory=list)  # the country outlines written to geo/ (citemap.acled.geo)

    @property
    def rows_refused(self) -> int:
        return sum(1 for r in self.refusals if r.outcome == "refused")

    @property
    def conflicts(self) -> int:
        return sum(1 for r in self.refusals if r.outcome == "conflict")

    def accounted(self) -> bool:
        return self.rows_read == self.events_written + self.matched + self.repeats_merged + self.rows_refused

    def text(self) -> str:
        lines = []
        for file, encoding, date_format in self.files:
            lines.append(f"{file}: {encoding}; dates {date_format or 'none read'}")
        for refusal in self.files_refused:
            lines.append(f"{refusal.file}: REFUSED WHOLE: {refusal.reason}")
        lines.append(
            f"rows read {self.rows_read:,}; events written {self.events_written:,}"
            + (f"; events merged into curated events {self.matched:,}" if self.matched else "")
            + f"; rows merged as repeats {self.repeats_merged:,}; rows refused {self.rows_refused:,}"
            + (f"; repeats with a conflicting fatality count {self.conflicts:,}" if self.conflicts else "")
        )
        if self.timings:
            lines.append(
                "time: "
                + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds, _ in self.timings)
                + "; peak memory after each: "
                + ", ".join(f"{phase} {peak:,.0f} MB" for phase, _, peak in self.timings)
            )
        lines += self.geo
        if self.columns_not_kept:
            lines.append("columns not kept: " + "; ".join(f"{c} ({why})" for c, why in self.columns_not_kept.items()))
        shown = [r for r in self.refusals if r.outcome == "refused"][:20]
        for r in shown:
            lines.append(f"  refused: {r.file}, line {r.line}, column {r.column}: {r.reason}")
        if self.rows_refused > len(shown):
            lines.append(f"  ... and {self.rows_refused - len(shown):,} more: see {REPORT_FILE}")
        return "\n".join(lines)


def write_report(path: Path, summary: Summary) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REPORT_COLUMNS)
        for r in summary.files_refused + summary.refusals:
            writer.writerow((r.file, "" if r.line is None else r.line, r.column, r.outcome, r.reason))
