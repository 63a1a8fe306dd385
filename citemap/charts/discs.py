"""Events counted in discs, where a marker per event would bury the map.

A disc stands for the events in one square of the screen (CELL_PX wide for a whole map
counted in squares, CROWD_PX for a crowded part of a map of single events), at their
mean position, sized by their number. It is drawn as rings, one per event type present,
the commonest outermost: each ring's area is its type's share of the disc's events (a
pie unrolled from the rim inwards), so the mix stays visible wherever the discs are.

This module counts; citemap/charts/map.py draws the discs a layout holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..contract import EVENT_TYPES
from .labels import degrees_per_px, mercator_y
from .text import safe

CELL_PX = 20  # side of a square of a map counted in squares, in screen pixels at the view's zoom
NUMBER_PX = 11  # height of the count written on a disc
NUMBERED_PX = 26  # the smallest diameter of a disc with its count written on it
RIM_PX = 3  # the dark rim's width, both sides together


def square_keys(mapped: pd.DataFrame, zoom: float, cell_px: float) -> np.ndarray:
    """For each event, the square about cell_px wide on screen at this zoom that it falls in, as one integer."""
    side = cell_px * degrees_per_px(zoom)
    lat, lon = mapped["latitude"].to_numpy(dtype=float), mapped["longitude"].to_numpy(dtype=float)
    return np.floor(lon / side).astype(np.int64) * 1_000_003 + np.floor(mercator_y(lat) / side).astype(np.int64)


def count_cells(mapped: pd.DataFrame, keys: np.ndarray, *, with_ids: bool = False) -> pd.DataFrame:
    """The events counted by key (a square): one row per key, most events first (ties in order of first appearance).

    Columns: key, latitude and longitude (the mean position of its events, so a disc sits on the town it
    counts), count, dominant (the most frequent event type; ties go to the first in EVENT_TYPES),
    one count column per event type, approximate (events whose place is known only roughly), place
    (the most frequent place name) and, with_ids, event_ids (its events' ids, ';'-separated, in the
    events' order: what a click on the disc selects).
    """
    frame = pd.DataFrame(
        {
            "cell": keys,
            "latitude": mapped["latitude"].to_numpy(dtype=float),
            "longitude": mapped["longitude"].to_numpy(dtype=float),
            "event_type": pd.Categorical(
                mapped["event_type"].array, categories=EVENT_TYPES
            ),  # codes, not a million Python strings
            "approximate": (mapped["geo_precision"] > 1).to_numpy(dtype=bool),
            "place": _without_missing(pd.Categorical(mapped["place_name"].array)),
        }
    )
    grouped = frame.groupby("cell", sort=False)
    cells = grouped.agg(
        latitude=("latitude", "mean"),
        longitude=("longitude", "mean"),
        count=("latitude", "size"),
        approximate=("approximate", "sum"),
    )
    by_type = (
        frame.groupby(["cell", "event_type"], observed=False, sort=False)
        .size()
        .unstack("event_type", fill_value=0)[list(EVENT_TYPES)]
    )
    cells = cells.join(by_type)
    cells["dominant"] = np.array(EVENT_TYPES, dtype=object)[np.argmax(cells[list(EVENT_TYPES)].to_numpy(), axis=1)]
    places = (
        frame.groupby(["cell", "place"], sort=False, observed=True).size().sort_values(ascending=False, kind="stable")
    )
    cells["place"] = (
        places.reset_index()
        .drop_duplicates("cell")
        .set_index("cell")["place"]
        .astype(str)
        .reindex(cells.index)
        .fillna("")
    )
    if with_ids:
        cells["event_ids"] = (
            pd.Series(mapped["event_id"].to_numpy(), index=keys)
            .groupby(level=0, sort=False)
            .agg(";".join)
            .reindex(cells.index)
        )
    return cells.sort_values("count", ascending=False, kind="stable").rename_axis("key").reset_index()


def _without_missing(names: pd.Categorical) -> pd.Categorical:
    """Place names with "" for none (a mapped event always has a place; fillna on categories would need "" among them)."""
    if not names.isna().any():
        return names
    return (names if "" in names.categories else names.add_categories([""])).fillna("")


def grid_cells(mapped: pd.DataFrame, zoom: float, cell_px: float = CELL_PX) -> pd.DataFrame:
    """The events counted in squares about cell_px wide on screen at this zoom: one row per non-empty square (see count_cells)."""
    return count_cells(mapped, square_keys(mapped, zoom, cell_px))


def cell_size(count: pd.Series) -> pd.Series:
    """Disc diameter in pixels: 8 for one event, 26 for a thousand, 38 for a hundred thousand."""
    return 8 + 6 * pd.Series(np.log10(count.to_numpy(dtype=float)), index=count.index, name=count.name)


def cell_hover(cell: pd.Series, hint: str) -> str:
    types = [f"{int(cell[t]):,} {safe(t)}" for t in EVENT_TYPES if cell[t]]
    where = f" around {safe(cell['place'].split(',')[0])}" if cell["place"] else ""
    rough = f"<br><i>{int(cell['approximate']):,} with the place known only roughly</i>" if cell["approximate"] else ""
    return f"<b>{int(cell['count']):,} events</b>{where}<br>" + "<br>".join(types) + rough + f"<br>{hint}"
