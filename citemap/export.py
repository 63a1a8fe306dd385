"""The filtered tables as files: CSV and GeoJSON that say which filter made them."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .columns import isin
from .filters import Filters
from .index import DatasetIndex
from .problems import visible
from .tables import rows
from .urlstate import ViewState, encode


@dataclass(frozen=True, eq=False)
class KeptRows:
    """The rows of one table that the shown events need, taken from it only when asked for.

    The Data page shows one page of rows and makes a file only when its button is clicked:
    copying every kept row on each rerun cost some 250 MB at a million events (the cited
    sentences alone), for a table nobody downloaded.
    """

    table: pd.DataFrame
    keep: np.ndarray  # a boolean per row of table

    @cached_property
    def positions(self) -> np.ndarray:
        return np.flatnonzero(self.keep)

    def __len__(self) -> int:
        return len(self.positions)

    def rows(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        """The kept rows from start to stop, numbered from 0, in the table's own order (events: the index's, in time order)."""
        positions = self.positions[start:stop]
        if len(positions) == len(self.table):
            return self.table.reset_index(drop=True)  # every row: the table itself, not a copy (copy on write)
        return self.table.take(positions).reset_index(drop=True)


@dataclass(frozen=True)
class ExportBundle:
    kept: dict[str, KeptRows]
    description: str
    params: dict[str, str]
    as_of: str
    places: pd.DataFrame
    credits: tuple[
        str, ...
    ] = ()  # the attribution of every source whose words the export holds: licences travel with text

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table whole (each a copy of its kept rows): for a file or a test, not for a page."""
        return {name: rows.rows() for name, rows in self.kept.items()}

    def header_lines(self) -> list[str]:
        query = "&".join(f"{k}={v}" for k, v in self.params.items()) or "(none)"
        return [
            visible(f"# Citemap export: {self.description}"),
            visible(f"# filter: {query}"),
            f"# data as of: {self.as_of}",
        ] + [visible(f"# quotes from: {credit}") for credit in self.credits]

    def csv(self, name: str) -> bytes:
        """CSV with the filter in '#' comment lines first (read with pandas.read_csv(..., comment='#')).

        Text is quoted, so that a '#' in a cell is not read as the start of a comment (and the cell cut).
        """
        buffer = io.StringIO()
        buffer.write("\n".join(self.header_lines()) + "\n")
        self.kept[name].rows().to_csv(
            buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d", quoting=csv.QUOTE_NONNUMERIC
        )
        return buffer.getvalue().encode("utf-8")

    def file_name(self, name: str, extension: str) -> str:
        return f"citemap-{name}-{filter_slug(self.params)}.{extension}"

    def geojson(self) -> bytes:
        events = self.kept["events"].rows()
        features = []
        for row in rows(
            events.merge(
                self.places[["place_id", "name", "latitude", "longitude", "geo_precision", "uncertainty_km"]],
                on="place_id",
                how="left",
            )
        ):
            geometry = (
                None if pd.isna(row.latitude) else {"type": "Point", "coordinates": [row.longitude, row.latitude]}
            )
            features.append(
                {
                    "type": "Feature",
                    "id": row.event_id,
                    "geometry": geometry,
                    "properties": {
                        "event_id": row.event_id,
                        "event_date": row.event_date.date().isoformat(),
                        "date_end": None if pd.isna(row.date_end) else row.date_end.date().isoformat(),
                        "time_precision": int(row.time_precision),
                        "date_text": row.date_text,
                        "event_type": row.event_type,
                        "sub_event_type": row.sub_event_type,
                        "summary": row.summary,
                        "place_id": row.place_id,
                        "place_name": None if pd.isna(row.name) else row.name,
                        "geo_precision": None if pd.isna(row.geo_precision) else int(row.geo_precision),
                        "uncertainty_km": None if pd.isna(row.uncertainty_km) else float(row.uncertainty_km),
                        "sentence_ids": row.sentence_ids,
                    },
                }
            )
        collection = {
            "type": "FeatureCollection",
            "citemap": {
                "filter": self.description,
                "query": self.params,
                "as_of": self.as_of,
                "quotes_from": list(self.credits),
            },
            "features": features,
        }
        return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def filter_slug(params: dict[str, str]) -> str:
    """'from-2020-10-05_to-2020-10-06_actor-act-atambayev', or 'all' with no filter; safe in a file name."""
    parts = [f"{k}-{v}" for k, v in params.items() if k not in ("event", "sentence")]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", "_".join(parts)).strip("-")
    return slug[:120] or "all"


def export_bundle(index: DatasetIndex, events: pd.DataFrame, filters: Filters, description: str) -> ExportBundle:
    dataset = index.dataset
    shown = index.links.shown(events)[:-1]  # by event position in index.dataset.events: see citemap/links.py
    link_rows = index.links.links_of(events)
    figure_rows = index.links.figures_of(events)
    actor_rows = np.zeros(len(dataset.actors), dtype=bool)
    actor_rows[index.links.link_actor[link_rows]] = True
    sentence_rows = np.zeros(len(dataset.sentences), dtype=bool)
    sentence_rows[index.links.cited_sentences(events)] = True
    sentence_rows |= isin(dataset.sentences["sentence_id"], dataset.figures.loc[figure_rows, "sentence_id"])
    kept = {
        "events": KeptRows(dataset.events, shown),
        "event_actors": KeptRows(dataset.event_actors, link_rows),
        "actors": KeptRows(dataset.actors, actor_rows),
        "places": KeptRows(dataset.places, isin(dataset.places["place_id"], events["place_id"].unique())),
        "figures": KeptRows(dataset.figures, figure_rows),
        "sentences": KeptRows(dataset.sentences, sentence_rows),
    }
    source_rows = np.zeros(len(dataset.sources), dtype=bool)
    source_rows[np.unique(index.links.sentence_source[sentence_rows])] = True
    kept["sources"] = KeptRows(dataset.sources, source_rows)
    kept["event_dates"] = KeptRows(dataset.event_dates, isin(dataset.event_dates["event_id"], events.index))
    credits = tuple(dataset.sources["attribution"].to_numpy()[source_rows].tolist())  # a required column
    return ExportBundle(kept, description, encode(ViewState(filters)), dataset.as_of, dataset.places, credits)
