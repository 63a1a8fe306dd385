"""Lookups derived once per dataset, so that filters and views stay cheap per rerun.

Nothing here changes the data: every frame is a join or a projection of the
validated tables, keyed by their stable ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .contract import TIME_OF_DAY_HOURS
from .dataset import Dataset
from .palette import colour


def explode_ids(frame: pd.DataFrame, key: str, column: str = "sentence_ids", into: str = "sentence_id") -> pd.DataFrame:
    """One row per (key, id) from a ';'-separated id list column."""
    pairs = frame[[key, column]].copy()
    pairs[into] = pairs[column].str.split(";")
    pairs = pairs.explode(into)
    pairs[into] = pairs[into].str.strip()
    return pairs.loc[pairs[into].notna() & (pairs[into] != ""), [key, into]].reset_index(drop=True)


def event_spans(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """When each event may have happened, as start and end timestamps.

    A part of the day ("evening") narrows the span to its hours; otherwise the
    span covers the whole of every day the event may fall on.
    """
    start = events["event_date"].astype("datetime64[us]")
    last_day = events["date_end"].fillna(events["event_date"]).astype("datetime64[us]")
    end = last_day + pd.Timedelta(days=1)
    hours = events["time_of_day"].map(TIME_OF_DAY_HOURS)
    has_hours = hours.notna()
    if has_hours.any():
        first_hour = hours[has_hours].map(lambda h: h[0]).astype("int64")
        last_hour = hours[has_hours].map(lambda h: h[1]).astype("int64")
        start = start.copy()
        end = end.copy()
        start[has_hours] = start[has_hours] + pd.to_timedelta(first_hour, unit="h")
        end[has_hours] = events.loc[has_hours, "event_date"].astype("datetime64[us]") + pd.to_timedelta(last_hour, unit="h")
    return start, end


@dataclass(frozen=True, eq=False)
class DatasetIndex:
    dataset: Dataset

    @cached_property
    def event_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.events, "event_id")

    @cached_property
    def actor_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.actors, "actor_id")

    @cached_property
    def place_sentences(self) -> pd.DataFrame:
        return explode_ids(self.dataset.places, "place_id")

    @cached_property
    def sentences_by_id(self) -> pd.DataFrame:
        return self.dataset.sentences.set_index("sentence_id", drop=False)

    @cached_property
    def actors_by_id(self) -> pd.DataFrame:
        return self.dataset.actors.set_index("actor_id", drop=False)

    @cached_property
    def places_by_id(self) -> pd.DataFrame:
        return self.dataset.places.set_index("place_id", drop=False)

    @cached_property
    def sources_by_id(self) -> pd.DataFrame:
        return self.dataset.sources.set_index("source_id", drop=False)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Events with their place, span, colour, size figure and search text; indexed by event_id."""
        events = self.dataset.events.reset_index(drop=True)
        places = self.dataset.places[["place_id", "name", "kind", "latitude", "longitude", "geo_precision", "uncertainty_km"]].rename(
            columns={"name": "place_name", "kind": "place_kind"}
        )
        view = events.merge(places, on="place_id", how="left")
        view["start"], view["end"] = event_spans(view)
        view["colour"] = view["event_type"].map(colour)
        view["order"] = np.arange(len(view))

        quotes = self.event_sentences.merge(self.dataset.sentences[["sentence_id", "text"]], on="sentence_id", how="left")
        quote_text = quotes.groupby("event_id", sort=False)["text"].agg(" ".join)
        view["quote_text"] = view["event_id"].map(quote_text).fillna("")
        view["search_text"] = (view["summary"] + " " + view["quote_text"] + " " + view["date_text"]).str.casefold()

        size = self.dataset.figures[self.dataset.figures["metric"].isin(["participants", "killed", "wounded"])]
        view["size_value"] = view["event_id"].map(size.groupby("event_id")["value"].max()).fillna(0.0)
        view["figure_count"] = view["event_id"].map(self.dataset.figures.groupby("event_id").size()).fillna(0).astype("int64")
        view["actor_names"] = view["event_id"].map(self.actor_names_by_event).fillna("")
        return view.set_index("event_id", drop=False)

    @cached_property
    def actor_names_by_event(self) -> pd.Series:
        links = self.dataset.event_actors.merge(self.dataset.actors[["actor_id", "name"]], on="actor_id")
        return links.drop_duplicates(["event_id", "actor_id"]).groupby("event_id", sort=False)["name"].agg(", ".join)

    @cached_property
    def place_descendants(self) -> dict[str, frozenset[str]]:
        """Each place with every place inside it: choosing Bishkek includes its sites."""
        children: dict[str, list[str]] = {}
        for place_id, parent in zip(self.dataset.places["place_id"], self.dataset.places["parent_place_id"]):
            if parent:
                children.setdefault(parent, []).append(place_id)
        result = {}
        for place_id in self.dataset.places["place_id"]:
            seen, stack = set(), [place_id]
            while stack:
                current = stack.pop()
                if current not in seen:
                    seen.add(current)
                    stack.extend(children.get(current, []))
            result[place_id] = frozenset(seen)
        return result

    @cached_property
    def date_extent(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        events = self.dataset.events
        return events["event_date"].min(), events["date_end"].fillna(events["event_date"]).max()

    def actor_label(self, actor_id: str) -> str:
        """Name and aliases, so that typing an alias in the picker finds the actor."""
        if actor_id not in self.actors_by_id.index:
            return actor_id
        row = self.actors_by_id.loc[actor_id]
        aliases = [a for a in row["aliases"].split(";") if a.strip() and a.strip() != row["name"]] if row["aliases"] else []
        return f"{row['name']} ({', '.join(a.strip() for a in aliases)})" if aliases else row["name"]

    def place_label(self, place_id: str) -> str:
        return self.places_by_id.at[place_id, "name"] if place_id in self.places_by_id.index else place_id

    @cached_property
    def citations_of_sentence(self) -> pd.DataFrame:
        """Every row that cites a sentence: columns sentence_id, table, row_id."""
        parts = [
            self.event_sentences.rename(columns={"event_id": "row_id"}).assign(table="events"),
            self.actor_sentences.rename(columns={"actor_id": "row_id"}).assign(table="actors"),
            self.place_sentences.rename(columns={"place_id": "row_id"}).assign(table="places"),
            self.dataset.figures[["figure_id", "sentence_id"]].rename(columns={"figure_id": "row_id"}).assign(table="figures"),
        ]
        return pd.concat(parts, ignore_index=True)[["sentence_id", "table", "row_id"]]
