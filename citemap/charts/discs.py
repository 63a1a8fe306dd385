"""Events counted in discs, where a marker per event would bury the map.

A disc stands for the events in one square of the screen (CELL_PX wide for a whole map
counted in squares, CROWD_PX for a crowded part of a map of single events), at their
mean position, sized by their number. It is drawn as rings, one per event type present,
the commonest outermost: each ring's area is its type's share of the disc's events (a
pie unrolled from the rim inwards), so the mix stays visible wherever the discs are.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..contract import EVENT_TYPES
from ..palette import INK, colour
from .labels import add_names, degrees_per_px, mercator_y, text_width_px
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


def draw_discs(
    fig: go.Figure,
    cells: pd.DataFrame,
    hint: str,
    *,
    name: str,
    legend_types: Iterable[str] = EVENT_TYPES,
    numbered_at_zoom: float | None = None,
) -> np.ndarray:
    """The cells as discs of rings (see the module's note); returns each disc's diameter in pixels.

    With an event_ids column, each disc carries its events' ids (customdata), so that a click selects them.
    legend_types: the types to give a legend entry (an empty trace of its colour) where the disc has them.
    numbered_at_zoom: write each disc's count on it, in the stroke font at this zoom (a few discs among single
    markers: the number tells a disc of 14 events from one event's dot).
    """
    diameter = cell_size(cells["count"]).to_numpy()
    if numbered_at_zoom is not None:
        diameter = np.maximum(diameter, NUMBERED_PX)  # room for the number
    counts = cells[list(EVENT_TYPES)].to_numpy()
    hover = np.array([cell_hover(cell, hint) for _, cell in cells.iterrows()], dtype=object)
    ids = np.stack([cells["event_ids"].to_numpy()], axis=-1) if "event_ids" in cells else None
    ranked = np.argsort(-counts, axis=1, kind="stable")  # per disc: its types, commonest first
    sorted_counts = np.take_along_axis(counts, ranked, axis=1)
    remaining = np.cumsum(sorted_counts[:, ::-1], axis=1)[:, ::-1]  # events of this rank and rarer
    palette = np.array([colour(t) for t in EVENT_TYPES], dtype=object)
    for rank in range(len(EVENT_TYPES)):
        present = sorted_counts[:, rank] > 0
        if not present.any():
            break
        size = diameter[present] * np.sqrt(remaining[present, rank] / cells["count"].to_numpy()[present])
        lat, lon = cells["latitude"].to_numpy()[present], cells["longitude"].to_numpy()[present]
        custom = {} if ids is None else {"customdata": ids[present]}
        if rank == 0:  # a dark rim around the whole disc: map circles have no outline of their own
            fig.add_trace(
                go.Scattermap(
                    lat=lat,
                    lon=lon,
                    mode="markers",
                    marker={"size": size + RIM_PX, "color": INK},
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{name} outline",
                    **custom,
                )
            )
        fig.add_trace(
            go.Scattermap(
                lat=lat,
                lon=lon,
                mode="markers",
                marker={"size": size, "color": palette[ranked[present, rank]], "opacity": 1.0},
                hovertext=hover[present],
                hoverinfo="text",
                showlegend=False,
                name=f"{name}, types ranked {rank + 1}",
                **custom,
            )
        )
    if numbered_at_zoom is not None:
        numbers = [
            (f"{count:,}", lat, lon, -text_width_px(f"{count:,}", NUMBER_PX) / 2)  # centred on the disc
            for count, lat, lon in zip(cells["count"], cells["latitude"], cells["longitude"])
        ]
        add_names(fig, numbers, numbered_at_zoom, NUMBER_PX, width=1.5, halo=3.5, trace=f"{name} counts")
    for event_type in legend_types:
        if cells[event_type].any():
            fig.add_trace(
                go.Scattermap(
                    lat=[None],
                    lon=[None],
                    mode="markers",
                    marker={"size": 12, "color": colour(event_type)},
                    name=event_type,
                    hoverinfo="skip",
                )
            )
    return diameter


def drawn_discs(fig: go.Figure, name: str) -> pd.DataFrame:
    """The discs draw_discs drew under `name`: latitude, longitude and diameter (pixels, without the rim) of each."""
    rims = [t for t in fig.data if t.name == f"{name} outline"]  # the outermost ring of every disc
    if not rims:
        return pd.DataFrame({"latitude": [], "longitude": [], "diameter": []})
    return pd.DataFrame(
        {"latitude": rims[0].lat, "longitude": rims[0].lon, "diameter": np.asarray(rims[0].marker.size) - RIM_PX}
    )
