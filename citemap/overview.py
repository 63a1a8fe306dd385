"""What the overview puts first: the numbers, in the order a briefer asks for them."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .disagreement import FIGURE_SCOPE, FIGURE_VALUE
from .index import DatasetIndex
from .provenance import number_words
from .words import shorten

METRIC_ORDER = ("killed", "wounded", "participants", "arrested", "buildings_seized", "officials_resigned")
SYMBOLS = {"approx": "≈", "at_least": "≥", "at_most": "≤", "exact": "", "range": ""}


def display_value(figure: pd.Series | Mapping[Hashable, Any]) -> str:
    """'590', '≈2,000', '≥2'; a unit follows the number: '11 years'."""
    text = number_words(figure).removeprefix("about ").removeprefix("at least ").removeprefix("at most ")
    unit = f" {figure['unit']}" if figure.get("unit") and figure["unit"] != "people" else ""
    return SYMBOLS[figure["qualifier"]] + text + unit


def attribution(index: DatasetIndex, figure: pd.Series) -> str:
    reporter = figure["reported_by"]
    if reporter and reporter in index.actors_by_id.index:
        return f"according to {index.actors_by_id.at[reporter, 'name']!s}"
    return "as the source states it"


def headline_order(index: DatasetIndex, events: pd.DataFrame) -> np.ndarray:
    """Rows of the figures table for the shown events, in headline order; two reports of one quantity stay two rows.

    In the order of rank (METRIC_ORDER, then any other metric), metric, then the largest value first;
    ties in file order. The order is found on the three keys alone: a million events carry some
    400,000 figures, and sorting whole rows took most of a second.
    """
    figures = index.dataset.figures
    rows = np.flatnonzero(index.links.figures_of(events))
    if not len(rows):
        return rows
    codes, metrics = pd.factorize(
        figures["metric"].to_numpy()[rows], sort=True
    )  # sorted: a code's order is the metric's
    rank = {metric: position for position, metric in enumerate(METRIC_ORDER)}
    metric_rank = np.array([rank.get(m, len(rank)) for m in metrics])[codes]
    value = figures["value"].to_numpy(dtype=float, na_value=np.nan)[rows]
    return rows[np.lexsort((-value, codes, metric_rank))]  # lexsort is stable: ties keep file order


def worded_figures(index: DatasetIndex, rows: np.ndarray) -> pd.DataFrame:
    """These rows of the figures table, with how the dashboard writes each number and who reported it.

    Called for the rows shown (the first few, a page of the table): wording all of a million events'
    figures took half a second a rerun.
    """
    shown = index.dataset.figures.take(rows)
    if not len(rows):
        return shown.assign(display_value=pd.Series(dtype="str"), attribution=pd.Series(dtype="str"))
    # Each distinct number and reporter is worded once.
    worded = ["value", "value_high", "qualifier", "unit"]
    distinct = shown[worded].drop_duplicates()
    distinct["display_value"] = pd.Series(
        [display_value(f) for f in distinct.to_dict("records")], index=distinct.index, dtype="str"
    )
    shown["display_value"] = shown[worded].merge(distinct, on=worded, how="left")["display_value"].to_numpy()
    reporter_codes, reporters = pd.factorize(shown["reported_by"].to_numpy())
    words = np.array(
        [attribution(index, pd.Series({"reported_by": r})) for r in reporters]
        + [attribution(index, pd.Series({"reported_by": ""}))],
        dtype=object,
    )
    shown["attribution"] = pd.array(words[reporter_codes], dtype="str")  # code -1 (no reporter) takes the last word
    return shown


def headline_figures(index: DatasetIndex, events: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The shown events' figures in headline order (see headline_order), the first `limit` of them, worded."""
    return worded_figures(index, headline_order(index, events)[:limit])


@dataclass(frozen=True)
class Headline:
    """One headline quantity (a metric of one event, actor or place) and every report of it; never averaged."""

    metric: str
    reports: np.ndarray  # rows of the figures table that report this quantity, in headline order
    others: np.ndarray  # rows that report the same metric of other events (another scope: a clash, the whole episode)
    contested: bool  # the reports give different values


def headlines(index: DatasetIndex, events: pd.DataFrame, limit: int) -> list[Headline]:
    """The first `limit` metrics in headline order, each with its leading quantity and all reports of it.

    Reports of one quantity are grouped (see citemap/disagreement.py), so that two sources' numbers for the same
    count stand side by side in one slot rather than as two unrelated numbers.
    """
    order = headline_order(index, events)
    if not len(order):
        return []
    all_figures = index.dataset.figures
    # Performance: a million events carry some 400,000 figures; only the few leading quantities are compared,
    # cell by cell against the lead's, rather than grouping every row.
    scope = [_cells(all_figures[column])[order] for column in FIGURE_SCOPE]
    _, first = np.unique(scope[0], return_index=True)
    found = []
    for at in np.sort(first)[:limit]:
        lead = order[at]
        same_metric = scope[0] == scope[0][at]
        mine = same_metric.copy()
        for cells in scope[1:]:
            mine &= cells == cells[at]
        reports = order[mine]
        shown = all_figures.take(reports)
        contested = len(shown[FIGURE_VALUE].astype("object").fillna("").drop_duplicates()) > 1
        if contested:  # from the lowest report to the highest, as the range reads; ties in file order
            low = shown["value"].to_numpy(dtype=float, na_value=np.nan)
            reports = reports[np.argsort(low, kind="stable")]
        found.append(Headline(str(all_figures["metric"].iat[lead]), reports, order[same_metric & ~mine], contested))
    return found


def _cells(column: pd.Series) -> np.ndarray:
    """The column as an array whose items compare equal where the cells do: a category's codes (cheap), else the
    values with a missing cell written as ''."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    return column.fillna("").to_numpy(dtype=object)


def headline_value(index: DatasetIndex, headline: Headline) -> str:
    """'590' when the reports agree; '590 – ≥1,000' from the lowest to the highest report when they differ.

    Reports that differ only in how they read one number ('590' and '≈590') are both written: a range of one
    value would hide that they differ.
    """
    shown = worded_figures(index, headline.reports)
    if not headline.contested:
        return str(shown["display_value"].iat[0])
    words = list(dict.fromkeys(shown["display_value"].tolist()))  # the reports are in order, lowest first
    high = shown["value_high"].fillna(shown["value"]).to_numpy(dtype=float)
    low_word, high_word = str(shown["display_value"].iat[0]), str(shown["display_value"].iat[int(np.argmax(high))])
    return f"{low_word} – {high_word}" if low_word != high_word else " / ".join(words)


def quoted_reports(headline: Headline, most: int) -> np.ndarray:
    """The reports a slot has room to quote: the lowest and the highest always (the range's two ends), then the
    others in order."""
    reports = headline.reports
    if len(reports) <= most or most < 2:  # one report to quote: the lead (the reports agree, or it is the lowest)
        return reports[:most]
    return np.concatenate([reports[: most - 1], reports[-1:]])


def scope_words(index: DatasetIndex, other: pd.Series, lead: pd.Series) -> str:
    """How another count of a headline's metric differs in what it counts from the headline's own:
    'of Police only', 'in another event (Protesters break into…)', 'at Bishkek'. Two counts of one metric
    side by side must say this, or a reader takes them for rivals."""
    parts = []
    if other["actor_id"] and other["actor_id"] != lead["actor_id"]:
        name = str(
            index.actors_by_id.at[other["actor_id"], "name"]
            if other["actor_id"] in index.actors_by_id.index
            else other["actor_id"]
        )
        parts.append(f"of {name} only")
    if other["place_id"] and other["place_id"] != lead["place_id"]:
        parts.append(f"at {index.place_label(other['place_id'])}")
    if other["event_id"] != lead["event_id"]:
        summary = index.events.at[other["event_id"], "summary"] if other["event_id"] in index.events.index else ""
        parts.append(f"in another event ({shorten(summary, 70)})" if summary else "in no one event")
    return ", ".join(parts) or "another count"


SLIGHT_FLOOR = 3  # '≥2' read from 'several', '≥3' from 'a few': a floor this low says little as a headline


def slight(index: DatasetIndex, headline: Headline) -> bool:
    """A headline of little weight: every report of it is only a low floor read from a vague word ('several more
    buildings' as ≥2). It gives way to a firmer number where room is short (the briefing's slide)."""
    reports = index.dataset.figures.take(headline.reports)
    floors = reports["qualifier"].astype(str).isin(["at_least", "approx"])
    low = reports["value"].to_numpy(dtype=float, na_value=np.nan) <= SLIGHT_FLOOR
    return bool(len(reports)) and bool((floors.to_numpy() & low).all())
