"""Free-text search over events: their summaries, their dates as the sources word them, the sentences they cite, and
the names and aliases of their actors, ignoring case and diacritics ('omurbek' finds Ömürbek Babanov)."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd

from .columns import contains
from .links import EventLinks
from .names import fold

MEMO_SIZE = 8  # answers kept


class EventSearch:
    """Which events mention some words. Shared by every session's script thread (the memo is locked)."""

    def __init__(
        self, events: pd.DataFrame, sentences: pd.DataFrame, links: EventLinks, actors: pd.DataFrame | None = None
    ) -> None:
        self._events, self._sentences, self._links = events, sentences, links
        # Every actor's name and aliases, folded once: a few thousand short strings at most.
        self._actor_names = (
            []
            if actors is None
            else [
                fold(f"{name};{aliases if isinstance(aliases, str) else ''}")
                for name, aliases in zip(actors["name"].tolist(), actors["aliases"].tolist())
            ]
        )
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}

    def __call__(self, words: str) -> np.ndarray:
        """Which events mention `words`, ignoring case, row for row with `events` (a boolean array).

        An event matches when the words are in its summary, in its date as the source words it, in
        a sentence it cites, or in the name or an alias of an actor taking part. Nothing is precomputed: a case-folded copy of all that text would hold
        some 200 MB at a million events for as long as the server runs. Asking costs a scan instead
        (a few hundred milliseconds at a million events), and the last few answers are kept.
        """
        needle = fold(words.strip())
        with self._lock:
            found = self._memo.get(needle)
        if found is None:
            found = self._scan(needle)
            found.flags.writeable = False  # shared by every caller that asks the same
            with self._lock:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.pop(next(iter(self._memo)))
                self._memo[needle] = found
        return found

    def _scan(self, needle: str) -> np.ndarray:
        events = self._events
        found = contains(events["summary"], needle) | contains(events["date_text"], needle)
        quoted = np.flatnonzero(contains(self._sentences["text"], needle))
        if len(quoted):
            found |= self._links.events_citing(quoted)[events["order"].to_numpy()]
        named = [row for row, names in enumerate(self._actor_names) if needle in names]
        if named:
            found |= self._links.events_with_actors(np.asarray(named))[events["order"].to_numpy()]
        return found
