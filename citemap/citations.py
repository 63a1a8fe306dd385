"""Which rows cite which sentences, and which rows belong to which events: made once per dataset.

The pairs as frames (event_sentences, actor_sentences, place_sentences,
citations_of_sentence) for the source reader and exports, and as integer positions
(links, event_sources, link_citations: see citemap/links.py) for questions asked on
every rerun. The dataset's events must be in the order the index holds them (time
order, citemap.index.in_time_order): positions are rows of that frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .columns import explode_ids, split_ids
from .corroboration import EventSources
from .dataset import Dataset
from .links import EventLinks, LinkCitations


@dataclass(frozen=True, eq=False)
class Citations:
    dataset: Dataset  # its events in time order

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
    def links(self) -> EventLinks:
        """Every row that points to an event (links, numbers, citations), by the event's position."""
        d = self.dataset
        return EventLinks.build(
            d.events, d.actors, d.event_actors, d.figures, d.sentences, d.sources, self.event_sentences
        )

    @cached_property
    def event_sources(self) -> EventSources:
        """The distinct sources of each event, by position: see citemap/corroboration.py."""
        return EventSources.build(self.links)

    @cached_property
    def link_citations(self) -> LinkCitations:
        """The sentences each actor-event link cites, by row."""
        cells = self.dataset.event_actors["sentence_ids"]
        split = split_ids(cells)
        if split is None:  # a missing cell: the plain path
            pairs = explode_ids(pd.DataFrame({"link": np.arange(len(cells)), "sentence_ids": cells}), "link")
            return LinkCitations.build(pairs["link"].to_numpy(), pairs["sentence_id"], self.dataset.sentences)
        return LinkCitations.build(*split, self.dataset.sentences)

    @cached_property
    def citations_of_sentence(self) -> pd.DataFrame:
        """Every row that cites a sentence: columns sentence_id, table, row_id."""
        parts = [
            self.event_sentences.rename(columns={"event_id": "row_id"}).assign(table="events"),
            self.actor_sentences.rename(columns={"actor_id": "row_id"}).assign(table="actors"),
            self.place_sentences.rename(columns={"place_id": "row_id"}).assign(table="places"),
            self.dataset.figures[["figure_id", "sentence_id"]]
            .rename(columns={"figure_id": "row_id"})
            .assign(table="figures"),
        ]
        return pd.concat(parts, ignore_index=True)[["sentence_id", "table", "row_id"]]
