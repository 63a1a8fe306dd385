"""What the overview puts first: the numbers, in the order a briefer asks for them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .index import DatasetIndex
from .provenance import number_words

METRIC_ORDER = ("killed", "wounded", "participants", "arrested", "buildings_seized", "officials_resigned")
SYMBOLS = {"approx": "≈", "at_least": "≥", "at_most": "≤", "exact": "", "range": ""}


def display_value(figure: pd.Series) -> str:
    """'590', '≈2,000', '≥2'; a unit follows the number: '11 years'."""
    text = number_words(figure).removeprefix("about ").removeprefix("at least ").removeprefix("at most ")
    unit = f" {figure['unit']}" if figure.get("unit") and figure["unit"] != "people" else ""
    return SYMBOLS[figure["qualifier"]] + text + unit


def attribution(index: DatasetIndex, figure: pd.Series) -> str:
    reporter = figure["reported_by"]
    if reporter and reporter in index.actors_by_id.index:
        return f"according to {index.actors_by_id.at[reporter, 'name']}"
    return "as the source states it"


def headline_figures(index: DatasetIndex, events: pd.DataFrame) -> pd.DataFrame:
    """Figures of the shown events, casualties first; two reports of one quantity stay two rows.

    In the order of rank (METRIC_ORDER, then any other metric), metric, then the largest value first;
    ties in file order. The order is found on the three keys alone and the rows taken once: a million
    events carry some 400,000 figures, and sorting whole rows took most of a second.
    """
    figures = index.dataset.figures
    rows = np.flatnonzero(index.links.figures_of(events))
    if not len(rows):
        return figures.iloc[:0].assign(display_value=pd.Series(dtype="str"), attribution=pd.Series(dtype="str"))
    codes, metrics = pd.factorize(figures["metric"].to_numpy()[rows], sort=True)  # sorted: a code's order is the metric's
    rank = {metric: position for position, metric in enumerate(METRIC_ORDER)}
    metric_rank = np.array([rank.get(m, len(rank)) for m in metrics])[codes]
    value = figures["value"].to_numpy(dtype=float, na_value=np.nan)[rows]
    shown = figures.take(rows[np.lexsort((-value, codes, metric_rank))])  # lexsort is stable: ties keep file order
    # Each distinct number and reporter is worded once (a million events carry a few thousand distinct ones).
    worded = ["value", "value_high", "qualifier", "unit"]
    distinct = shown[worded].drop_duplicates()
    distinct["display_value"] = [display_value(f) for f in distinct.to_dict("records")]
    shown["display_value"] = shown[worded].merge(distinct, on=worded, how="left")["display_value"].to_numpy()
    reporter_codes, reporters = pd.factorize(shown["reported_by"].to_numpy())
    words = np.array([attribution(index, pd.Series({"reported_by": r})) for r in reporters] + [attribution(index, pd.Series({"reported_by": ""}))], dtype=object)
    shown["attribution"] = pd.array(words[reporter_codes], dtype="str")  # code -1 (no reporter) takes the last word
    return shown
