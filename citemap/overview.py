"""What the overview puts first: the numbers, in the order a briefer asks for them."""

from __future__ import annotations

import pandas as pd

from .index import DatasetIndex, isin
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
    """Figures of the shown events, casualties first; two reports of one quantity stay two rows."""
    figures = index.dataset.figures
    shown = figures[isin(figures["event_id"], events.index)].copy()
    if shown.empty:
        return shown.assign(display_value=pd.Series(dtype="str"), attribution=pd.Series(dtype="str"))
    rank = {metric: position for position, metric in enumerate(METRIC_ORDER)}
    shown["rank"] = shown["metric"].map(rank).fillna(len(rank))
    # Each distinct number and reporter is worded once (a million events carry a few thousand distinct ones).
    worded = ["value", "value_high", "qualifier", "unit"]
    distinct = shown[worded].drop_duplicates()
    distinct["display_value"] = [display_value(f) for f in distinct.to_dict("records")]
    shown["display_value"] = shown[worded].merge(distinct, on=worded, how="left")["display_value"].to_numpy()
    reporters = {r: attribution(index, pd.Series({"reported_by": r})) for r in shown["reported_by"].unique()}
    shown["attribution"] = shown["reported_by"].map(reporters)
    return shown.sort_values(["rank", "metric", "value"], ascending=[True, True, False]).drop(columns="rank")
