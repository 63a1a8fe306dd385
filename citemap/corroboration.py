"""Who reports each event: the distinct sources of the sentences an event cites.

Corroboration is derived, never stored: an event cited by sentences of two sources is reported by two
sources. Held as integer positions (events in links order, sources in file order), so that counting,
filtering and wording stay cheap at a million events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .links import EventLinks


@dataclass(frozen=True)
class EventSources:
    pair_event: np.ndarray  # per distinct (event, source) pair: the event's position, ascending
    pair_source: np.ndarray  # the source's row in sources.csv
    count: np.ndarray  # per event position: how many distinct sources report it

    @classmethod
    def build(cls, links: EventLinks) -> EventSources:
        sources = int(links.sentence_source.max(initial=-1)) + 1
        pair_source = links.sentence_source[links.citation_sentence]
        # One integer per pair, so that one sort finds the distinct pairs: sorted, then each compared with the one
        # before it. (np.unique, numpy 2.4, took 5 s for the 3 million pairs of a million events; this 0.1 s.)
        keys = np.sort(links.citation_event.astype(np.int64) * max(sources, 1) + pair_source)
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
        pair_event, pair_source = keys // max(sources, 1), keys % max(sources, 1)
        return cls(pair_event, pair_source, np.bincount(pair_event, minlength=links.event_count))

    def of_event(self, position: int) -> np.ndarray:
        """The rows in sources.csv of the sources that report the event at this position, in file order."""
        low, high = np.searchsorted(self.pair_event, [position, position + 1])
        return self.pair_source[low:high]

    def events_from(self, source_rows: np.ndarray) -> np.ndarray:
        """Per event position: whether any of these sources reports it."""
        chosen = np.zeros(self.count.shape, dtype=bool)
        chosen[self.pair_event[np.isin(self.pair_source, source_rows)]] = True
        return chosen


def reported_by_words(labels: list[str]) -> str:
    """'Reported by 2 sources: News article, 6 Oct 2020; Wikipedia' or 'Reported by 1 source only: Wikipedia'."""
    if not labels:
        return "Reported by no source"  # cannot happen in a valid dataset: every event cites a sentence
    if len(labels) == 1:
        return f"Reported by 1 source only: {labels[0]}"
    return f"Reported by {len(labels):,} sources: " + "; ".join(labels)
