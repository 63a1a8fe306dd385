"""Rows by their id, and how ids are shown: what pickers, labels and the evidence panel ask for.

Made once per dataset (each on first use); nothing here changes the data.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .dataset import Dataset
from .names import name_variants
from .tables import row_of


@dataclass(frozen=True, eq=False)
class Lookups:
    dataset: Dataset

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
    def source_rows(self) -> dict[Hashable, dict]:
        """Each source's row as a dict, by source_id (a dict lookup, where .loc takes half a millisecond); empty if ids repeat."""
        return self.sources_by_id.to_dict("index") if self.sources_by_id.index.is_unique else {}

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

    def actor_label(self, actor_id: str) -> str:
        """Name, aliases and their plain-letter forms, so that typing any spelling in the picker finds the actor."""
        if actor_id in self._labels[0]:
            return self._labels[0][actor_id]
        if actor_id not in self.actors_by_id.index:
            return actor_id
        row = row_of(self.actors_by_id, actor_id)
        variants = name_variants(row["name"], row["aliases"].split(";") if row["aliases"] else [])
        return f"{variants[0]} ({', '.join(variants[1:])})" if len(variants) > 1 else variants[0]

    def place_label(self, place_id: str) -> str:
        if place_id in self._labels[1]:
            return self._labels[1][place_id]
        return str(self.places_by_id.at[place_id, "name"]) if place_id in self.places_by_id.index else place_id

    @cached_property
    def _labels(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every actor's and place's label, made once: the sidebar's pickers ask for all of them on every rerun.

        Ids that are not unique, or rows the label cannot be made from, are left to the lookups above.
        """
        actors, places = {}, {}
        if self.actors_by_id.index.is_unique:
            for actor_id, name, alias_cell in zip(
                self.actors_by_id.index, self.actors_by_id["name"].tolist(), self.actors_by_id["aliases"].tolist()
            ):
                try:
                    variants = name_variants(name, alias_cell.split(";") if alias_cell else [])
                    actors[actor_id] = (
                        f"{variants[0]} ({', '.join(variants[1:])})" if len(variants) > 1 else variants[0]
                    )
                except (AttributeError, TypeError, IndexError):
                    continue
        if self.places_by_id.index.is_unique:
            places = dict(zip(self.places_by_id.index, self.places_by_id["name"].tolist()))
        return actors, places
