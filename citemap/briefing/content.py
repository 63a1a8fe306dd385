"""What the slide says for a filter: headline numbers with footnote markers, key events, key actors, footnotes; `build`."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..basemap import Basemap
from ..branding import Branded, attribution
from ..charts.timeline_layout import is_background
from ..contract import EVENT_TYPES
from ..countries import countries_in_title, countries_of, dataset_countries
from ..export import filter_slug
from ..filters import Filters, apply, describe, describe_dates
from ..index import DatasetIndex
from ..overview import headline_order, headline_value, headlines, quoted_reports, slight, worded_figures
from ..provenance import quote, source_name, when
from ..urlstate import ViewState, encode
from .figures import map_figure, timeline_figure
from .frame import MAX_ACTORS, MAX_KEY_EVENTS, MAX_NUMBERS, SLIDE, Frame

MAX_REPORTS = 3  # reports of one contested number quoted on the slide; the dashboard lists every one


@dataclass(frozen=True)
class Number:
    marker: int
    value: str
    label: str
    attribution: str
    figure_id: str
    sentence_id: str
    markers: tuple[int, ...] = ()  # one footnote per report quoted; a contested number has several


@dataclass(frozen=True)
class KeyEvent:
    marker: int
    when: str
    summary: str
    event_type: str
    event_id: str
    sentence_id: str


@dataclass(frozen=True)
class KeyActor:
    actor_id: str
    name: str
    title: str
    event_count: int


@dataclass(frozen=True)
class Footnote:
    marker: int
    sentence_id: str
    text: str  # verbatim, as in sentences.csv
    where: str  # 'paragraph 5'


@dataclass(frozen=True)
class Briefing:
    params: dict[str, str]
    title: str
    description: str
    as_of: str
    attribution: str
    event_count: int
    numbers: tuple[Number, ...]
    more_numbers: int
    key_events: tuple[KeyEvent, ...]
    actors: tuple[KeyActor, ...]
    footnotes: tuple[Footnote, ...]
    map: Branded
    timeline: Branded
    frame: Frame = SLIDE
    event_types: tuple[str, ...] = ()

    def file_name(self, extension: str) -> str:
        return f"citemap-briefing-{filter_slug(self.params)}.{extension}"


def key_actors(index: DatasetIndex, events: pd.DataFrame, limit: int = MAX_ACTORS) -> list[KeyActor]:
    """Who takes part in most of the shown events; the media that report them are sources, not actors.

    Counted on integer positions (citemap/links.py), as the Actors page's cards are: grouping a million
    events' links by their ids as text took half a second a rerun.
    """
    links, actors = index.links, index.dataset.actors
    source_role = links.role_names.index("source") if "source" in links.role_names else -2
    media = (actors["kind"] == "media").to_numpy()
    kept = links.links_of(events) & (links.link_role != source_role) & (links.link_actor >= 0)
    kept[kept] = ~media[links.link_actor[kept]]
    if not kept.any():
        return []
    # Each (actor, event) pair once: an actor's count is its distinct events.
    pairs = np.unique(links.link_actor[kept].astype(np.int64) * links.event_count + links.link_event[kept])
    counts = np.bincount(pairs // links.event_count, minlength=len(actors))
    present = np.flatnonzero(counts)
    names = actors["name"].to_numpy()
    order = sorted(present, key=lambda row: (-counts[row], names[row]))
    result = []
    for row in order[:limit]:
        actor = actors.iloc[row]
        title = actor["title"] or actor["affiliation"] or actor["kind"]
        result.append(KeyActor(actor["actor_id"], actor["name"], title, int(counts[row])))
    return result


def _lines_needed(footnotes: list[Footnote], chars_per_line: int) -> int:
    return sum(math.ceil((len(f.text) + len(f.sentence_id) + len(f.where) + 12) / chars_per_line) for f in footnotes)


def _footnote(index: DatasetIndex, marker: int, sentence_id: str) -> Footnote:
    q = quote(index, sentence_id)
    return Footnote(
        marker,
        sentence_id,
        q.text,
        f"{source_name(index, q.source_id)}, paragraph {q.paragraph}" + ("" if q.kind == "body" else f", {q.kind}"),
    )


def _notes_capacity(frame: Frame) -> tuple[int, int]:
    """(characters per line, lines) that the footnote box holds: two columns of the notes' type size."""
    note_px = frame.font_px * 0.94
    column_w = (frame.inner_w - 3 * frame.gap) / 2
    chars = int(column_w / (note_px * 0.56))
    lines = int((frame.notes_h - 1.6 * frame.font_px) / (note_px * 1.34)) * 2
    return chars, lines - 2


def _numbers(index: DatasetIndex, events: pd.DataFrame, frame: Frame) -> tuple[list[Number], list[Footnote], int]:
    """The headline quantities (citemap.overview.headlines), each with a footnote per report quoted.

    A contested quantity shows its range, and every report's source is footnoted: the slide never picks one.
    """
    order = headline_order(index, events)
    chars, capacity = _notes_capacity(frame)
    numbers: list[Number] = []
    footnotes: list[Footnote] = []
    markers: dict[str, int] = {}
    shown = 0
    # Firm numbers first: a low floor read from a vague word ('≥2 buildings seized') gives way to a firmer one.
    for headline in sorted(headlines(index, events, MAX_NUMBERS), key=lambda h: slight(index, h)):
        reports = worded_figures(index, quoted_reports(headline, MAX_REPORTS if headline.contested else 1))
        candidates = [
            _footnote(index, len(markers) + 1 + n, s)
            for n, s in enumerate(dict.fromkeys(s for s in reports["sentence_id"] if s not in markers))
        ]
        if _lines_needed(footnotes + candidates, chars) + len(footnotes + candidates) // 2 > capacity:
            break  # no room to quote its sources: the number is left for the dashboard
        for candidate in candidates:
            markers[candidate.sentence_id] = candidate.marker
            footnotes.append(candidate)
        first = reports.iloc[0]
        if headline.contested:
            by = "; ".join(f"{r['display_value']} {_source_words(index, r)}" for _, r in reports.iterrows())
            by = f"Sources disagree: {by}"
        else:
            by = f"{first['attribution']}, {_source_of(index, first['sentence_id'])}"
        label = first["metric"].replace("_", " ").capitalize()
        numbers.append(
            Number(
                markers[first["sentence_id"]],
                headline_value(index, headline),
                label,
                by,
                first["figure_id"],
                first["sentence_id"],
                tuple(dict.fromkeys(markers[s] for s in reports["sentence_id"])),
            )
        )
        shown += len(reports)
    return numbers, footnotes, len(order) - shown


def _source_of(index: DatasetIndex, sentence_id: str) -> str:
    return source_name(index, str(index.sentences_by_id.at[sentence_id, "source_id"]))


def _source_words(index: DatasetIndex, figure: pd.Series) -> str:
    """'(Government of Kyrgyzstan, News article, 6 Oct 2020)' or '(Wikipedia)' for a source in its own voice."""
    reporter = figure["reported_by"]
    name = str(index.actors_by_id.at[reporter, "name"]) if reporter and reporter in index.actors_by_id.index else ""
    return f"({', '.join(p for p in (name, _source_of(index, figure['sentence_id'])) if p)})"


def _key_events(index: DatasetIndex, events: pd.DataFrame, frame: Frame) -> tuple[list[KeyEvent], list[Footnote]]:
    """When no number is reported: the first events of the unrest itself, each quoted."""
    long = is_background(events).to_numpy()
    rows = np.flatnonzero(~long) if (~long).any() else np.flatnonzero(long)  # the unrest itself, else the background
    chosen = events.iloc[rows[:MAX_KEY_EVENTS]]
    chars, capacity = _notes_capacity(frame)
    result: list[KeyEvent] = []
    footnotes: list[Footnote] = []
    for label, event in chosen.iterrows():
        event_id = str(label)
        sentence_id = event["sentence_ids"].split(";")[0].strip()
        candidate = _footnote(index, len(footnotes) + 1, sentence_id)
        if _lines_needed(footnotes + [candidate], chars) + len(footnotes) // 2 > capacity:
            break
        footnotes.append(candidate)
        result.append(
            KeyEvent(
                candidate.marker,
                when(event).split(" (")[0],
                event["summary"],
                event["event_type"],
                event_id,
                sentence_id,
            )
        )
    return result, footnotes


def _region(index: DatasetIndex, events: pd.DataFrame) -> str:
    """The countries of the events shown ('Nigeria', 'Nigeria, Kenya and Bangladesh', '12 countries'); with none
    shown, those of the whole dataset."""
    shown = [name for name, _ in countries_of(index, events)] or dataset_countries(index)
    return countries_in_title(shown)


def _title(index: DatasetIndex, filters: Filters, events: pd.DataFrame) -> str:
    """'Kyrgyzstan, 4–15 October 2020, with background since 2005': the place and the days of the events the
    slide includes; the filter's own dates are not the events' (a year-long background event reaches far past them)."""
    if not len(events):
        dates = describe_dates(filters.date_from, filters.date_to)
    else:
        long = is_background(events).to_numpy()
        in_span = ~long if (~long).any() else np.ones(len(events), dtype=bool)  # a mask, not a copy of every column
        starts = events["event_date"].to_numpy()
        ends = events["date_end"].fillna(events["event_date"]).to_numpy()
        first, last = pd.Timestamp(starts[in_span].min()).date(), pd.Timestamp(ends[in_span].max()).date()
        dates = describe_dates(first, last)
        if not in_span.all():  # background events are included too: the title says how far back they go
            since = pd.Timestamp(starts[~in_span].min())
            if since.date() < first:
                dates += (
                    f", with background from earlier in {since.year}"
                    if since.year == first.year
                    else f", with background since {since.year}"
                )
    region = _region(index, events)
    return ", ".join(part for part in (region, dates) if part) or "Citemap briefing"


def build(index: DatasetIndex, filters: Filters, basemap: Basemap, *, frame: Frame = SLIDE) -> Briefing:
    """Everything the slide shows for this filter, its charts sized for the frame's boxes.

    What the slide says (which numbers, actors and quotes) is chosen for the
    1920 x 1080 slide whatever the frame, so the page and the files agree.
    """
    events = apply(index, filters)
    description = describe(index, filters, len(events))
    params = encode(ViewState(filters))
    numbers, footnotes, more = _numbers(index, events, SLIDE)
    key_events: list[KeyEvent] = []
    if not numbers and len(events):
        key_events, footnotes = _key_events(index, events, SLIDE)
    present_types = set(events["event_type"].unique())
    return Briefing(
        params=params,
        title=_title(index, filters, events),
        description=description,
        as_of=index.dataset.as_of,
        attribution=attribution(index, events),
        event_count=len(events),
        numbers=tuple(numbers),
        more_numbers=more,
        key_events=tuple(key_events),
        actors=tuple(key_actors(index, events)),
        footnotes=tuple(footnotes),
        map=map_figure(index, events, basemap, description, params, frame.map_w, frame.map_h, frame.font_px),
        timeline=timeline_figure(index, events, description, params, frame.timeline_w, frame.body_h, frame.font_px),
        frame=frame,
        event_types=tuple(t for t in EVENT_TYPES if t in present_types),
    )
