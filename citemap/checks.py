"""Checks that span tables: references, verbatim quotes, dates, distances.

Each check takes the typed tables (indexed by file line) and returns problems;
none of them changes the data.
"""

from __future__ import annotations

import pandas as pd
from geopy.distance import geodesic

from .contract import CITING_TABLES, MAX_PARENT_DISTANCE_KM, SUB_EVENT_TYPES, TABLES
from .problems import Problem
from .tables import split_list


def foreign_keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for table in TABLES.values():
        frame = tables[table.name]
        for key in table.foreign_keys:
            target = TABLES[key.table]
            known = set(tables[key.table][key.target or target.primary_key[0]])
            values = frame[key.column]
            dangling = values.ne("") & values.notna() & ~values.isin(known)
            for line in frame.index[dangling]:
                problems.append(Problem(table.file, int(line), key.column, values[line], f"refers to {_a(key.table[:-1])} that does not exist in {target.file}"))
    known_sentences = set(tables["sentences"]["sentence_id"])
    for name in CITING_TABLES:
        frame = tables[name]
        for line, cell in frame["sentence_ids"].items():
            ids = split_list(cell)
            if not ids:
                problems.append(Problem(f"{name}.csv", int(line), "sentence_ids", cell, "every row must cite at least one sentence"))
            for sentence in ids:
                if sentence not in known_sentences:
                    problems.append(Problem(f"{name}.csv", int(line), "sentence_ids", sentence, "refers to a sentence that does not exist in sentences.csv"))
    return problems


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def verbatim_sentences(sentences: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    problems = []
    for line, row in zip(sentences.index, sentences.itertuples(index=False)):
        text = texts.get(row.source_id)
        if text is None:
            continue  # the missing source is reported once, by sources_exist
        start, end = int(row.start), int(row.end)
        if end <= start or end > len(text):
            problems.append(Problem("sentences.csv", int(line), "end", str(end), f"offsets {start}:{end} lie outside the source text (length {len(text)})"))
        elif text[start:end] != row.text:
            found = text.find(row.text)
            hint = f"; the text occurs at {found}:{found + len(row.text)}" if found >= 0 else "; the text does not occur in the source at all"
            problems.append(Problem("sentences.csv", int(line), "text", row.text, f"not verbatim: source text at {start}:{end} is {text[start:end]!r}{hint}"))
    return problems


def figures_quote_their_sentence(figures: pd.DataFrame, sentences: pd.DataFrame) -> list[Problem]:
    text_by_id = dict(zip(sentences["sentence_id"], sentences["text"]))
    problems = []
    for line, row in zip(figures.index, figures.itertuples(index=False)):
        sentence = text_by_id.get(row.sentence_id)
        if sentence is not None and row.value_text not in sentence:
            problems.append(Problem("figures.csv", int(line), "value_text", row.value_text, f"not found verbatim in sentence {row.sentence_id}"))
    return problems


def figure_rules(figures: pd.DataFrame) -> list[Problem]:
    problems = []
    for line, row in zip(figures.index, figures.itertuples(index=False)):
        if not (row.event_id or row.actor_id or row.place_id):
            problems.append(Problem("figures.csv", int(line), "event_id", "", "a figure must describe an event, an actor or a place"))
        if row.qualifier == "range":
            if pd.isna(row.value_high):
                problems.append(Problem("figures.csv", int(line), "value_high", "", "a range needs its upper bound"))
            elif row.value_high < row.value:
                problems.append(Problem("figures.csv", int(line), "value_high", f"{row.value_high:g}", f"upper bound is below the value {row.value:g}"))
        elif not pd.isna(row.value_high):
            problems.append(Problem("figures.csv", int(line), "value_high", f"{row.value_high:g}", f"only a range has an upper bound, this qualifier is {row.qualifier}"))
    return problems


def event_rules(events: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    problems = []
    for line, row in zip(events.index, events.itertuples(index=False)):
        if row.sub_event_type not in SUB_EVENT_TYPES.get(row.event_type, ()):
            problems.append(Problem("events.csv", int(line), "sub_event_type", row.sub_event_type, f"not a sub-event type of {row.event_type!r}: expected one of {', '.join(SUB_EVENT_TYPES.get(row.event_type, ()))}"))
        if not pd.isna(row.date_end) and row.date_end < row.event_date:
            problems.append(Problem("events.csv", int(line), "date_end", row.date_end.date().isoformat(), f"ends before it starts ({row.event_date.date().isoformat()})"))
    problems += _dates_after_publication(events, sentences, sources)
    return problems


def _dates_after_publication(events: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A source cannot report what happens after it is published: neither the first nor the last possible day."""
    source_of_sentence = dict(zip(sentences["sentence_id"], sentences["source_id"]))
    published = dict(zip(sources["source_id"], sources["published"]))
    problems = []
    for line, row in zip(events.index, events.itertuples(index=False)):
        cited = {source_of_sentence.get(s) for s in split_list(row.sentence_ids)}
        dates = [published[s] for s in cited if s in published and not pd.isna(published[s])]
        if not dates:
            continue
        latest = max(dates)
        if row.event_date > latest:
            problems.append(Problem("events.csv", int(line), "event_date", row.event_date.date().isoformat(), f"is after its source was published ({latest.date().isoformat()})"))
        elif not pd.isna(row.date_end) and row.date_end > latest:
            problems.append(Problem("events.csv", int(line), "date_end", row.date_end.date().isoformat(), f"is after its source was published ({latest.date().isoformat()}): a source cannot report a later day"))
    return problems


def coordinates_in_pairs(places: pd.DataFrame) -> list[Problem]:
    """A latitude without a longitude (or the reverse) is no position at all."""
    problems = []
    for line, row in zip(places.index, places.itertuples(index=False)):
        if pd.isna(row.latitude) != pd.isna(row.longitude):
            missing, given = ("longitude", row.latitude) if pd.isna(row.longitude) else ("latitude", row.longitude)
            problems.append(Problem("places.csv", int(line), missing, "", f"a value is required here: the place has a {'latitude' if missing == 'longitude' else 'longitude'} ({given:g}), and a position needs both"))
    return problems


def place_distances(places: pd.DataFrame) -> list[Problem]:
    """Coordinates come in pairs, and a place lies plausibly close to its parent."""
    by_id = places.set_index("place_id", drop=False)
    problems = coordinates_in_pairs(places)
    for line, row in zip(places.index, places.itertuples(index=False)):
        if not row.parent_place_id or row.parent_place_id not in by_id.index:
            continue
        parent = by_id.loc[row.parent_place_id]
        if row.parent_place_id == row.place_id:
            problems.append(Problem("places.csv", int(line), "parent_place_id", row.parent_place_id, "a place cannot be its own parent"))
            continue
        coordinates = (row.latitude, row.longitude, parent.latitude, parent.longitude)
        if any(pd.isna(c) for c in coordinates):
            continue
        km = geodesic((row.latitude, row.longitude), (parent.latitude, parent.longitude)).km
        limit = MAX_PARENT_DISTANCE_KM[row.kind]
        if km > limit:
            problems.append(Problem("places.csv", int(line), "latitude", f"{row.latitude}, {row.longitude}", f"lies {km:,.0f} km from its parent {row.parent_place_id}; a {row.kind} should lie within {limit:,.0f} km"))
    return problems


def coverage_warnings(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    cited = cited_sentence_ids(tables)
    sentences = tables["sentences"]
    uncited = ~sentences["sentence_id"].isin(cited) & (sentences["uncited_reason"] == "")
    return [
        Problem("sentences.csv", int(line), "uncited_reason", "", f"sentence {sid} is cited by no row and has no recorded reason", "warning")
        for line, sid in sentences.loc[uncited, "sentence_id"].items()
    ]


def cited_sentence_ids(tables: dict[str, pd.DataFrame]) -> set[str]:
    cited = set(tables["figures"]["sentence_id"])
    for name in CITING_TABLES:
        for cell in tables[name]["sentence_ids"]:
            cited.update(split_list(cell))
    return cited
