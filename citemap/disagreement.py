"""Where sources disagree: two reports of one number or one date that differ, kept side by side.

Nothing here averages or chooses. A group of reports is contested when the same quantity (the same
metric of the same event, actor or place) is given different values, or when one event is dated
differently; each report keeps its words, its reporter, its source and its sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .columns import isin
from .tables import split_list
from .words import TIME_OF_DAY_WORDS, number_words, precision_words

FIGURE_SCOPE = ["metric", "event_id", "actor_id", "place_id"]  # what is counted
FIGURE_VALUE = ["value", "value_high", "qualifier"]  # what the report says it is
DATE_VALUE = ["event_date", "date_end", "time_of_day"]


@dataclass(frozen=True)
class Report:
    """One source's word on a contested fact."""

    value: str  # in Citemap's words: 'at least 1,000', '6 October 2020, early morning'
    words: str  # the source's own words (value_text, date_text), verbatim; may be empty for a date
    reporter: str  # whom the source attributes it to; empty when it speaks in its own voice
    source_id: str
    sentence_id: str


@dataclass(frozen=True)
class Disagreement:
    kind: str  # 'number' or 'date'
    what: str  # 'wounded', 'date'
    event_id: str  # empty for a number about an actor or a place
    reports: tuple[Report, ...]


def row_ids(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per row, equal where the rows agree on all these columns (a missing cell is a value of its own)."""
    if not len(frame):
        return np.zeros(0, dtype=np.int64)
    codes = np.column_stack([pd.factorize(frame[c].to_numpy(), use_na_sentinel=True)[0] for c in columns])
    return np.unique(codes, axis=0, return_inverse=True)[1].reshape(-1)


def contested_figure_rows(figures: pd.DataFrame, rows: np.ndarray | None = None) -> pd.DataFrame:
    """Positions (column `row`) of the figures, among `rows`, that sit in a contested group, with the group's number (0, 1, ...).

    Integer codes rather than rows of text: a million events carry some 400,000 figures.
    """
    rows = np.arange(len(figures)) if rows is None else np.asarray(rows, dtype=np.int64)
    shown = figures.take(rows)
    scope, value = row_ids(shown, FIGURE_SCOPE), row_ids(shown, FIGURE_VALUE)
    pairs = np.unique(np.column_stack([scope, value]), axis=0) if len(rows) else np.zeros((0, 2), dtype=np.int64)
    values_per_scope = np.bincount(pairs[:, 0], minlength=int(scope.max(initial=-1)) + 1)
    contested = values_per_scope[scope] > 1
    group = pd.factorize(scope[contested])[0]  # numbered in the order the groups first appear
    return pd.DataFrame({"row": rows[contested], "group": group})


def contested_dates(event_dates: pd.DataFrame, event_ids) -> pd.DataFrame:
    """The date reports of the given events whose event the sources date differently: another first or last day, or
    another part of the day where both say one (a report that names no part of the day gives less, not otherwise)."""
    if event_dates.empty:
        return event_dates
    reports = event_dates[isin(event_dates["event_id"], pd.Index(event_ids).astype(str))]
    if reports.empty:
        return reports
    event = row_ids(reports, ["event_id"])
    day = row_ids(reports, ["event_date", "date_end"])
    part = reports["time_of_day"].astype("object").fillna("").to_numpy()
    stated = part != ""
    part_id = row_ids(reports.assign(time_of_day=part), ["time_of_day"])
    days = _distinct_per(event, day)
    parts = _distinct_per(event[stated], part_id[stated], minlength=len(days))
    return reports[(days[event] > 1) | (parts[event] > 1)]


def _distinct_per(group: np.ndarray, value: np.ndarray, minlength: int = 0) -> np.ndarray:
    """How many distinct values each group holds, by group number."""
    if not len(group):
        return np.zeros(minlength, dtype=np.int64)
    pairs = np.unique(np.column_stack([group, value]), axis=0)
    return np.bincount(pairs[:, 0], minlength=max(minlength, int(group.max()) + 1))


def date_value(report: pd.Series) -> str:
    """'6 October 2020, early morning' or 'between 5 and 6 October 2020, night (exact night)'."""
    start, end = report["event_date"], report["date_end"]
    day = f"{start.day} {start:%B %Y}"
    if not pd.isna(end) and end != start:
        day = f"between {start.day} {start:%B %Y} and {end.day} {end:%B %Y}"
    if report.get("time_of_day"):
        day += f", {TIME_OF_DAY_WORDS.get(report['time_of_day'], report['time_of_day'])}"
    span = not pd.isna(end) and end != start
    return f"{day} {precision_words(int(report['time_precision']), span, report.get('time_of_day') == 'night')}"


def contested_keys(
    figures: pd.DataFrame, event_dates: pd.DataFrame, figure_rows: np.ndarray, event_ids
) -> list[tuple[str, Any]]:
    """Every contested fact, cheaply, in order: ('number', the rows of figures that report it) and ('date', event id).

    Reports are worded only for the facts shown (build_disagreements): a million events hold tens of thousands.
    """
    contested = contested_figure_rows(figures, figure_rows)
    order = np.argsort(contested["group"].to_numpy(), kind="stable")
    rows, groups = contested["row"].to_numpy()[order], contested["group"].to_numpy()[order]
    keys: list[tuple[str, Any]] = (
        [("number", part) for part in np.split(rows, np.flatnonzero(np.diff(groups)) + 1)] if len(rows) else []
    )
    dates = contested_dates(event_dates, event_ids)
    return keys + [("date", str(event_id)) for event_id in pd.unique(dates["event_id"].astype(str))]


def build_disagreements(
    figures: pd.DataFrame,
    event_dates: pd.DataFrame,
    keys: list[tuple[str, Any]],
    sentence_source: Mapping[str, str],
    actor_names: Mapping[str, str],
    sentence_text: Mapping[str, str] | None = None,
) -> list[Disagreement]:
    """These contested facts (from contested_keys) with their reports in words, in file order."""
    found = []
    for kind, key in keys:
        if kind == "number":
            rows = figures.take(key)
            first = rows.iloc[0]
            reports = tuple(
                Report(
                    number_words(f) + (f" {f['unit']}" if f.get("unit") else ""),
                    f["value_text"],
                    actor_names.get(f["reported_by"], ""),
                    sentence_source.get(f["sentence_id"], ""),
                    f["sentence_id"],
                )
                for _, f in rows.iterrows()
            )
            found.append(
                Disagreement("number", str(first["metric"]).replace("_", " "), str(first["event_id"] or ""), reports)
            )
        else:
            rows = event_dates[event_dates["event_id"].astype(str) == key]
            reports = tuple(
                Report(
                    date_value(d),
                    d["date_text"] or "",
                    actor_names.get(d["reported_by"], ""),
                    sentence_source.get(sentence_holding(d["date_text"], d["sentence_ids"], sentence_text), ""),
                    sentence_holding(d["date_text"], d["sentence_ids"], sentence_text),
                )
                for _, d in rows.iterrows()
            )
            found.append(Disagreement("date", "date", key, reports))
    return found


def disagreements(
    figures: pd.DataFrame,
    event_dates: pd.DataFrame,
    figure_rows: np.ndarray,
    event_ids,
    sentence_source: Mapping[str, str],
    actor_names: Mapping[str, str],
    sentence_text: Mapping[str, str] | None = None,
) -> list[Disagreement]:
    """Every contested number among `figure_rows` and every contested date among the events `event_ids`, reports in file order."""
    keys = contested_keys(figures, event_dates, figure_rows, event_ids)
    return build_disagreements(figures, event_dates, keys, sentence_source, actor_names, sentence_text)


def sentence_holding(words: str, sentence_ids: str, sentence_text: Mapping[str, str] | None) -> str:
    """The first of these sentences (a ';' list) that holds the words verbatim: a date's words may stand in the
    second sentence a row cites, after a heading such as '5 October'. The first sentence when none does."""
    ids = split_list(sentence_ids)
    words = (words or "").strip()
    if words and sentence_text is not None:
        for sentence_id in ids:
            if words in sentence_text.get(sentence_id, ""):
                return sentence_id
    return ids[0] if ids else ""
