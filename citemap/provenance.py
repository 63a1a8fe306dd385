"""Where each item comes from, said in words: quotes, citations, precision, attributions."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .contract import GEO_PRECISION, SOURCE_KIND_WORDS
from .corroboration import reported_by_words
from .disagreement import Disagreement, Report, build_disagreements, contested_keys, disagreements, sentence_holding
from .index import DatasetIndex
from .tables import row_of, split_list
from .words import TIME_OF_DAY_WORDS, number_words, precision_words


@dataclass(frozen=True)
class Quote:
    sentence_id: str
    source_id: str
    paragraph: int
    kind: str
    text: str

    @property
    def short_id(self) -> str:
        """'s014' for 'kg-2020-10-06-s014': the part a reader needs next to the source name."""
        return (
            self.sentence_id.rsplit("-", 1)[-1]
            if self.sentence_id.startswith(self.source_id + "-")
            else self.sentence_id
        )


def quote(index: DatasetIndex, sentence_id: str) -> Quote:
    by_id = index.sentences_by_id
    at = by_id.index.get_loc(sentence_id)
    if not isinstance(at, int):  # ids that repeat: the contract forbids them, but .loc still gives the first
        row = by_id.loc[sentence_id].iloc[0]
        return Quote(sentence_id, row["source_id"], int(row["paragraph"]), row["kind"], row["text"])
    # Cells by position rather than a row Series: a page of actor cards quotes hundreds of sentences a rerun.
    return Quote(
        sentence_id,
        by_id["source_id"].array[at],
        int(by_id["paragraph"].array[at]),
        by_id["kind"].array[at],
        by_id["text"].array[at],
    )


def quotes(index: DatasetIndex, sentence_ids: str | list[str]) -> list[Quote]:
    ids = split_list(sentence_ids) if isinstance(sentence_ids, str) else sentence_ids
    return [quote(index, s) for s in ids if s in index.sentences_by_id.index]


def source_label(index: DatasetIndex, source_id: str) -> str:
    """'Wikipedia (encyclopedia; Wikipedia contributors; date unknown; CC BY-SA 4.0)': the source as a citation names it."""
    row = index.source_rows.get(source_id)  # the same row as a dict: pickers ask for thousands of labels per rerun
    if row is None:
        row = row_of(index.sources_by_id, source_id).to_dict()
    name = row.get("label") or source_id
    kind = SOURCE_KIND_WORDS.get(row.get("kind") or "", "")
    kind = "" if kind.casefold() in str(name).casefold() else kind  # 'News article, 6 Oct 2020' says it already
    who = row.get("author") or row["publisher"] or "publisher unknown"
    if pd.isna(row["published"]):
        when = "date unknown"
    else:
        when = f"published {row['published'].date().isoformat()}" + (
            ", inferred" if row["published_basis"] == "inferred" else ""
        )
    licence = row.get("licence") or ""
    return f"{name} ({'; '.join(p for p in (kind, who, when, licence) if p)})"


def source_name(index: DatasetIndex, source_id: str) -> str:
    """The short name shown beside a quote: 'Wikipedia', 'News article, 6 Oct 2020' (the id when a dataset gives none)."""
    row = index.source_rows.get(source_id)
    if row is None:
        row = row_of(index.sources_by_id, source_id).to_dict()
    return row.get("label") or source_id


def attribution(index: DatasetIndex, source_id: str) -> str:
    """The credit line that travels with the source's words."""
    row = index.source_rows.get(source_id)
    if row is None:
        row = row_of(index.sources_by_id, source_id).to_dict()
    return row.get("attribution") or source_label(index, source_id)


def citation(index: DatasetIndex, sentence_id: str) -> str:
    q = quote(index, sentence_id)
    kind = "" if q.kind == "body" else f", {q.kind}"
    return f"{source_label(index, q.source_id)}, paragraph {q.paragraph}{kind}, sentence {q.short_id}"


def paragraph_context(index: DatasetIndex, sentence_id: str) -> tuple[str, str, str]:
    """The paragraph around a sentence, split as (before, sentence, after)."""
    q = quote(index, sentence_id)
    sentences = index.dataset.sentences
    same = sentences[(sentences["source_id"] == q.source_id) & (sentences["paragraph"] == q.paragraph)]
    text = index.dataset.source_texts[q.source_id]
    row = row_of(index.sentences_by_id, sentence_id)
    start, end = int(row["start"]), int(row["end"])
    para_start, para_end = int(same["start"].min()), int(same["end"].max())
    return text[para_start:start], text[start:end], text[end:para_end]


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%B %Y}"


def when(event: pd.Series | Mapping[Hashable, Any]) -> str:
    """The date in words, with its precision: '6 October 2020, early morning (exact day)'; a span is never one exact day."""
    start, end, precision = event["event_date"], event["date_end"], int(event["time_precision"])
    span = not pd.isna(end) and end != start
    if precision == 4 and span and start.year == end.year:
        text = f"some time in {start.year}"
    elif precision == 4 and span:
        text = f"some time between {start.year} and {end.year}"
    elif span:
        text = f"between {_day(start)} and {_day(end)}"
    else:
        text = _day(start)
    if event.get("time_of_day"):
        text += f", {TIME_OF_DAY_WORDS.get(event['time_of_day'], event['time_of_day'])}"
    night = precision == 1 and span and event.get("time_of_day") == "night"
    if night:
        text = f"night of {start.day}–{_day(end)}"
    return f"{text} {precision_words(precision, span, night)}"


def where(index: DatasetIndex, place_id: str) -> str:
    """The place in words, with its precision: 'Mayor's office, Bishkek: location known only to the larger area (±6 km)'."""
    if not place_id or place_id not in index.places_by_id.index:
        return "place not stated in the source"
    place = row_of(index.places_by_id, place_id)
    precision = int(place["geo_precision"])
    radius = "" if pd.isna(place["uncertainty_km"]) else f", ±{place['uncertainty_km']:g} km"
    if precision == 1:
        return f"{place['name']} ({GEO_PRECISION[1]}{radius})"
    return f"{place['name']}: {GEO_PRECISION[precision]}{radius}"


def figure_phrase(index: DatasetIndex, figure: pd.Series) -> str:
    """'1 killed, according to Government of Kyrgyzstan' or 'at least 2,000 participants (“thousands of people”)'."""
    metric = figure["metric"].replace("_", " ")
    unit = f" {figure['unit']}" if figure.get("unit") else ""
    words = f"{number_words(figure)}{unit} {metric}" if not unit else f"{metric}: {number_words(figure)}{unit}"
    if figure["qualifier"] != "exact":
        words += f" (“{figure['value_text']}”)"
    reporter = figure["reported_by"]
    if reporter and reporter in index.actors_by_id.index:
        words += f", according to {index.actors_by_id.at[reporter, 'name']!s}"
    else:
        words += ", as the source states it"
    return words


def figures_of_event(index: DatasetIndex, event_id: str) -> pd.DataFrame:
    figures = index.dataset.figures
    return figures[figures["event_id"] == event_id]


def actors_of_event(index: DatasetIndex, event_id: str) -> pd.DataFrame:
    links = index.dataset.event_actors
    return links[links["event_id"] == event_id].merge(
        index.dataset.actors[["actor_id", "name", "kind", "title"]], on="actor_id"
    )


def citing_rows(index: DatasetIndex, sentence_id: str) -> pd.DataFrame:
    citations = index.citations_of_sentence
    return citations[citations["sentence_id"] == sentence_id]


def event_source_ids(index: DatasetIndex, event_id: str) -> list[str]:
    """The sources that report this event, in the order of sources.csv."""
    position = int(index.events["order"].loc[event_id])
    return index.dataset.sources["source_id"].to_numpy()[index.event_sources.of_event(position)].tolist()


def reported_by(index: DatasetIndex, event_id: str) -> str:
    """'Reported by 2 sources: News article, 6 Oct 2020; Wikipedia'."""
    return reported_by_words([source_name(index, s) for s in event_source_ids(index, event_id)])


def disagreements_in(index: DatasetIndex, events: pd.DataFrame) -> list[Disagreement]:
    """Every contested number and date among these events, reports side by side (citemap/disagreement.py)."""
    figures = index.dataset.figures
    rows = np.flatnonzero(index.links.figures_of(events))
    # Looked up per report, not built for every sentence: the panel asks this for one event on every rerun.
    sentence_source = _Lookup(index.sentences_by_id, "source_id")
    actor_names = _Lookup(index.actors_by_id, "name")
    sentence_text = _Lookup(index.sentences_by_id, "text")
    return disagreements(
        figures, index.dataset.event_dates, rows, events.index, sentence_source, actor_names, sentence_text
    )


def contested_facts(index: DatasetIndex, events: pd.DataFrame) -> list[tuple[str, Any]]:
    """Every contested fact among these events, cheaply (citemap/disagreement.py contested_keys): to count and page them."""
    rows = np.flatnonzero(index.links.figures_of(events))
    return contested_keys(index.dataset.figures, index.dataset.event_dates, rows, events.index)


def worded_disagreements(index: DatasetIndex, keys: list[tuple[str, Any]]) -> list[Disagreement]:
    """These contested facts with every report in words: only those a page shows."""
    return build_disagreements(
        index.dataset.figures,
        index.dataset.event_dates,
        keys,
        _Lookup(index.sentences_by_id, "source_id"),
        _Lookup(index.actors_by_id, "name"),
        _Lookup(index.sentences_by_id, "text"),
    )


def report_phrase(index: DatasetIndex, report: Report) -> str:
    """'590 (“590 wounded”), according to Government of Kyrgyzstan, in News article, 6 Oct 2020'."""
    words = f" (“{report.words}”)" if report.words and report.words != report.value else ""
    who = f", according to {report.reporter}" if report.reporter else ""
    return f"{report.value}{words}{who}, in {source_name(index, report.source_id)}"


def words_source(index: DatasetIndex, words: str, sentence_ids: str) -> str | None:
    """The source whose sentence (among these) holds these words verbatim: who says 'Early on Tuesday'."""
    texts = _Lookup(index.sentences_by_id, "text")
    sentence_id = sentence_holding(words, sentence_ids, texts)
    if not (words or "").strip() or sentence_id not in texts or words.strip() not in texts[sentence_id]:
        return None
    return _Lookup(index.sentences_by_id, "source_id")[sentence_id]


class _Lookup(Mapping[str, str]):
    """One column of a table indexed by id, read as a mapping, one cell at a time."""

    def __init__(self, by_id: pd.DataFrame, column: str) -> None:
        self._by_id, self._column = by_id, column

    def __getitem__(self, key: str) -> str:
        if not key or key not in self._by_id.index:
            raise KeyError(key)
        value = self._by_id.at[key, self._column]
        return str(value.iloc[0] if isinstance(value, pd.Series) else value)

    def __iter__(self):
        return iter(self._by_id.index)

    def __len__(self) -> int:
        return len(self._by_id)
