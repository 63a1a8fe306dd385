"""Checks that span tables: references, verbatim quotes, dates, distances.

Each check takes the typed tables (indexed by file line) and returns problems;
none of them changes the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from geopy.distance import geodesic

from .contract import CITING_TABLES, LIST_SEPARATOR, MAX_PARENT_DISTANCE_KM, SUB_EVENT_TYPES, TABLES
from .problems import Problem
from .tables import row_of, rows, split_list

# Performance: each check first finds, column-wise, the rows that cannot have a problem, and runs its
# row-by-row rules (which word every message) only on the others, so a million clean rows cost no Python loop.


def _isin(values: pd.Series, known: pd.Series) -> np.ndarray:
    """values.isin(known) for text columns, in Arrow (pandas' own isin loops in Python for Arrow strings)."""
    return pc.is_in(
        pa.array(values, type=pa.large_string()), value_set=pa.array(known, type=pa.large_string())
    ).to_numpy(zero_copy_only=False)


def _list_parts(cells: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """The items of ';' lists as written (unstripped), and the row position each comes from."""
    lists = pc.split_pattern(pa.array(cells, type=pa.large_string()), LIST_SEPARATOR)
    return pc.list_flatten(lists), pc.list_parent_indices(lists).to_numpy()


def _lists_of_known_ids(cells: pd.Series, known: pd.Series) -> np.ndarray:
    """True where a ';' list is one or more ids that exist, written exactly (such a row has nothing to report)."""
    parts, rows = _list_parts(cells)
    unknown = ~pc.is_in(parts, value_set=pa.array(known, type=pa.large_string())).to_numpy(zero_copy_only=False)
    ok = ~cells.isna().to_numpy()
    ok[rows[unknown]] = False
    return ok


def foreign_keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for table in TABLES.values():
        frame = tables[table.name]
        for key in table.foreign_keys:
            target = TABLES[key.table]
            known = tables[key.table][key.target or target.primary_key[0]]
            values = frame[key.column]
            dangling = values.ne("") & values.notna() & ~_isin(values, known)
            for line in frame.index[dangling]:
                problems.append(
                    Problem(
                        table.file,
                        int(line),
                        key.column,
                        values[line],
                        f"refers to {_a(key.table[:-1])} that does not exist in {target.file}",
                    )
                )
    known_sentences: set[str] = set()
    for name in CITING_TABLES:
        frame = tables[name]
        suspect = ~_lists_of_known_ids(frame["sentence_ids"], tables["sentences"]["sentence_id"])
        if suspect.any() and not known_sentences:
            known_sentences = set(tables["sentences"]["sentence_id"])
        cells = frame["sentence_ids"][suspect]
        for line, cell in zip(cells.index, cells):
            ids = split_list(cell)
            if not ids:
                problems.append(
                    Problem(f"{name}.csv", int(line), "sentence_ids", cell, "every row must cite at least one sentence")
                )
            for sentence in ids:
                if sentence not in known_sentences:
                    problems.append(
                        Problem(
                            f"{name}.csv",
                            int(line),
                            "sentence_ids",
                            sentence,
                            "refers to a sentence that does not exist in sentences.csv",
                        )
                    )
    return problems


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def verbatim_sentences(sentences: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    problems = []
    columns = (
        sentences.index.tolist(),
        sentences["source_id"].tolist(),
        sentences["start"].tolist(),
        sentences["end"].tolist(),
        sentences["text"].tolist(),
    )
    for line, source_id, start, end, sentence in zip(*columns):
        text = texts.get(source_id)
        if text is None:
            continue  # the missing source is reported once, by sources_exist
        start, end = int(start), int(end)
        if end <= start or end > len(text):
            problems.append(
                Problem(
                    "sentences.csv",
                    int(line),
                    "end",
                    str(end),
                    f"offsets {start}:{end} lie outside the source text (length {len(text)})",
                )
            )
        elif text[start:end] != sentence:
            found = text.find(sentence)
            hint = (
                f"; the text occurs at {found}:{found + len(sentence)}"
                if found >= 0
                else "; the text does not occur in the source at all"
            )
            problems.append(
                Problem(
                    "sentences.csv",
                    int(line),
                    "text",
                    sentence,
                    f"not verbatim: source text at {start}:{end} is {text[start:end]!r}{hint}",
                )
            )
    return problems


def figures_quote_their_sentence(figures: pd.DataFrame, sentences: pd.DataFrame) -> list[Problem]:
    quoted = sentences[_isin(sentences["sentence_id"], figures["sentence_id"])]  # only the sentences figures quote
    text_by_id = dict(zip(quoted["sentence_id"].tolist(), quoted["text"].tolist()))
    problems = []
    for line, sentence_id, value_text in zip(
        figures.index.tolist(), figures["sentence_id"].tolist(), figures["value_text"].tolist()
    ):
        sentence = text_by_id.get(sentence_id)
        if sentence is not None and value_text not in sentence:
            problems.append(
                Problem(
                    "figures.csv", int(line), "value_text", value_text, f"not found verbatim in sentence {sentence_id}"
                )
            )
    return problems


def figures_rest_on_their_event(figures: pd.DataFrame, events: pd.DataFrame, sentences: pd.DataFrame) -> list[Problem]:
    """A figure of an event quotes a sentence that event cites.

    The evidence panel shows an event's figures beside the event's sentences, and corroboration counts the sources
    of those sentences: a number from a sentence the event does not cite would stand with no source behind it.
    Each figure's sentence is compared with its own event's list, element by element in Arrow (no hash of every
    sentence id, no Python loop), so a million figures take a fraction of a second.
    """
    if not len(figures) or not len(events):
        return []
    found = pc.index_in(
        pa.array(figures["event_id"], type=pa.large_string()),
        value_set=pa.array(events["event_id"], type=pa.large_string()),
    )
    event_at = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    figure_sentence = pa.array(figures["sentence_id"], type=pa.large_string())
    tied = np.flatnonzero((event_at >= 0) & figures["sentence_id"].notna().to_numpy())
    if not len(tied):
        return []
    their_lists = pa.array(events["sentence_ids"], type=pa.large_string()).take(pa.array(event_at[tied]))
    parts, owner = _list_parts(their_lists.to_pandas())
    same = pc.equal(pc.utf8_trim_whitespace(parts), figure_sentence.take(pa.array(tied[owner])))
    cites = np.bincount(owner[same.fill_null(False).to_numpy(zero_copy_only=False)], minlength=len(tied)) > 0
    foreign = tied[~cites]
    # A sentence that does not exist is a dangling reference, reported once by foreign_keys.
    suspects = figures["sentence_id"].iloc[foreign]
    known = set(sentences["sentence_id"][_isin(sentences["sentence_id"], suspects)].tolist()) if len(foreign) else set()
    return [
        Problem(
            "figures.csv",
            int(line),
            "sentence_id",
            sentence_id,
            f"event {event_id} does not cite {sentence_id}: a figure of an event quotes a sentence its event cites",
        )
        for line, event_id, sentence_id in zip(
            figures.index[foreign].tolist(),
            figures["event_id"].iloc[foreign].tolist(),
            suspects.tolist(),
        )
        if sentence_id in known
    ]


def date_texts_quote_their_sentences(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A date_text is shown in quotation marks as what the source says: it must stand verbatim in one of the row's sentences."""
    sentences = tables["sentences"]
    problems = []
    for name in ("events", "event_dates"):
        frame = tables[name]
        worded = frame["date_text"].notna().to_numpy() & (frame["date_text"] != "").to_numpy()
        if not worded.any():
            continue
        frame = frame[worded]
        cited = _isin(
            sentences["sentence_id"],
            pc.list_flatten(pc.split_pattern(pa.array(frame["sentence_ids"], type=pa.large_string()), LIST_SEPARATOR)),
        )
        text_by_id = dict(zip(sentences["sentence_id"][cited].tolist(), sentences["text"][cited].tolist()))
        for line, date_text, cell in zip(
            frame.index.tolist(), frame["date_text"].tolist(), frame["sentence_ids"].tolist()
        ):
            ids = split_list(cell)
            texts = [text_by_id[i] for i in ids if i in text_by_id]
            if texts and not any(date_text.strip() in text for text in texts):  # spaces at the edges are not words
                problems.append(
                    Problem(
                        f"{name}.csv",
                        int(line),
                        "date_text",
                        date_text,
                        f"not found verbatim in its sentences ({', '.join(ids)}): only the source's own words may stand here; reasoning goes to notes",
                    )
                )
    return problems


def date_reports_within_their_events(
    event_dates: pd.DataFrame, events: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> list[Problem]:
    """Each date report lies inside its event's dates (the event spans every report) and cites a sentence its event cites."""
    if not len(event_dates):
        return []
    by_id = events.set_index("event_id")
    known = None if sentences is None else set(sentences["sentence_id"])
    problems = []
    for line, row in zip(event_dates.index, rows(event_dates, index=False)):
        if row.event_id not in by_id.index:
            continue  # reported once, as a dangling reference
        event = row_of(by_id, row.event_id)
        event_end = event["date_end"] if not pd.isna(event["date_end"]) else event["event_date"]
        report_end = row.date_end if not pd.isna(row.date_end) else row.event_date
        if row.event_date < event["event_date"]:
            problems.append(
                Problem(
                    "event_dates.csv",
                    int(line),
                    "event_date",
                    row.event_date.date().isoformat(),
                    f"before the first day of event {row.event_id} ({event['event_date'].date().isoformat()}): the event's dates must span every report",
                )
            )
        if report_end > event_end:
            problems.append(
                Problem(
                    "event_dates.csv",
                    int(line),
                    "date_end" if not pd.isna(row.date_end) else "event_date",
                    report_end.date().isoformat(),
                    f"after the last day of event {row.event_id} ({event_end.date().isoformat()}): the event's dates must span every report",
                )
            )
        # Every sentence of a report must be its event's: the event's sources are those that report it, and a date
        # from a source the event does not cite would be a disagreement with no corroboration behind it.
        cited = set(split_list(event["sentence_ids"]))
        # A sentence that does not exist is reported once, as a dangling reference.
        foreign = [s for s in split_list(row.sentence_ids) if s not in cited and (known is None or s in known)]
        if foreign:
            problems.append(
                Problem(
                    "event_dates.csv",
                    int(line),
                    "sentence_ids",
                    ";".join(foreign),
                    f"event {row.event_id} does not cite {', '.join(foreign)}: a date report rests on a sentence its event cites",
                )
            )
    return problems


def figure_rules(figures: pd.DataFrame) -> list[Problem]:
    problems = []
    ranged = figures["qualifier"] == "range"
    high = figures["value_high"]
    suspect = (
        ((figures["event_id"] == "") & (figures["actor_id"] == "") & (figures["place_id"] == ""))
        | (ranged & (high.isna() | (high < figures["value"])))
        | (~ranged & high.notna())
    )
    figures = figures[suspect]
    for line, row in zip(figures.index, rows(figures, index=False)):
        if not (row.event_id or row.actor_id or row.place_id):
            problems.append(
                Problem(
                    "figures.csv", int(line), "event_id", "", "a figure must describe an event, an actor or a place"
                )
            )
        if row.qualifier == "range":
            if pd.isna(row.value_high):
                problems.append(Problem("figures.csv", int(line), "value_high", "", "a range needs its upper bound"))
            elif row.value_high < row.value:
                problems.append(
                    Problem(
                        "figures.csv",
                        int(line),
                        "value_high",
                        f"{row.value_high:g}",
                        f"upper bound is below the value {row.value:g}",
                    )
                )
        elif not pd.isna(row.value_high):
            problems.append(
                Problem(
                    "figures.csv",
                    int(line),
                    "value_high",
                    f"{row.value_high:g}",
                    f"only a range has an upper bound, this qualifier is {row.qualifier}",
                )
            )
    return problems


def event_rules(events: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    problems = []
    pairs = [(event_type, sub) for event_type, subs in SUB_EVENT_TYPES.items() for sub in subs]
    known_pair = pd.MultiIndex.from_arrays([events["event_type"], events["sub_event_type"]]).isin(pairs)
    suspect = ~known_pair | (events["date_end"].notna() & (events["date_end"] < events["event_date"]))
    for line, row in zip(events.index[suspect], rows(events[suspect], index=False)):
        if row.sub_event_type not in SUB_EVENT_TYPES.get(row.event_type, ()):
            problems.append(
                Problem(
                    "events.csv",
                    int(line),
                    "sub_event_type",
                    row.sub_event_type,
                    f"not a sub-event type of {row.event_type!r}: expected one of {', '.join(SUB_EVENT_TYPES.get(row.event_type, ()))}",
                )
            )
        if not pd.isna(row.date_end) and row.date_end < row.event_date:
            problems.append(
                Problem(
                    "events.csv",
                    int(line),
                    "date_end",
                    row.date_end.date().isoformat(),
                    f"ends before it starts ({row.event_date.date().isoformat()})",
                )
            )
    problems += _dates_after_publication(events, sentences, sources)
    return problems


def _dates_after_publication(events: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A source cannot report what happens after it is published: neither the first nor the last possible day."""
    source_of_sentence = dict(zip(sentences["sentence_id"].tolist(), sentences["source_id"].tolist()))
    published = dict(zip(sources["source_id"].tolist(), sources["published"].tolist()))
    problems: list[Problem] = []
    # The latest publication date of the sources each event cites, column-wise; lists that are not
    # plain known ids (or ids that are not unique) go the row-by-row way below.
    if sentences["sentence_id"].is_unique and sources["source_id"].is_unique and len(events):
        parts, part_rows = _list_parts(events["sentence_ids"])
        sentence = pc.index_in(parts, value_set=pa.array(sentences["sentence_id"], type=pa.large_string())).to_numpy(
            zero_copy_only=False
        )
        plain = _lists_of_known_ids(events["sentence_ids"], sentences["sentence_id"])
        source = pc.index_in(
            pa.array(sentences["source_id"], type=pa.large_string()),
            value_set=pa.array(sources["source_id"], type=pa.large_string()),
        )
        source = source.to_numpy(zero_copy_only=False)
        known = ~np.isnan(sentence)
        source_of_part = np.full(len(sentence), np.nan)
        source_of_part[known] = source[sentence[known].astype(np.int64)]
        source_dates = np.asarray(sources["published"], dtype="datetime64[us]")
        has_source = ~np.isnan(source_of_part)
        part_dates = pd.Series(pd.NaT, index=range(len(part_rows)), dtype="datetime64[us]")
        part_dates[has_source] = source_dates[source_of_part[has_source].astype(np.int64)]
        latest_of_event = part_dates.groupby(part_rows).max().reindex(range(len(events))).to_numpy()
        latest_cited = pd.Series(latest_of_event, index=events.index, dtype="datetime64[us]")
        suspect = (
            ~plain
            | (events["event_date"] > latest_cited)
            | (events["date_end"].notna() & (events["date_end"] > latest_cited))
        )
        events = events[suspect]
    for line, row in zip(events.index, rows(events, index=False)):
        cited = {source_of_sentence.get(s) for s in split_list(row.sentence_ids)}
        dates = [published[s] for s in cited if s in published and not pd.isna(published[s])]
        if not dates:
            continue
        latest = max(dates)
        if row.event_date > latest:
            problems.append(
                Problem(
                    "events.csv",
                    int(line),
                    "event_date",
                    row.event_date.date().isoformat(),
                    f"is after its source was published ({latest.date().isoformat()})",
                )
            )
        elif not pd.isna(row.date_end) and row.date_end > latest:
            problems.append(
                Problem(
                    "events.csv",
                    int(line),
                    "date_end",
                    row.date_end.date().isoformat(),
                    f"is after its source was published ({latest.date().isoformat()}): a source cannot report a later day",
                )
            )
    return problems


def coordinates_in_pairs(places: pd.DataFrame) -> list[Problem]:
    """A latitude without a longitude (or the reverse) is no position at all."""
    problems = []
    for line, row in zip(places.index, rows(places, index=False)):
        if pd.isna(row.latitude) != pd.isna(row.longitude):
            missing, given = ("longitude", row.latitude) if pd.isna(row.longitude) else ("latitude", row.longitude)
            problems.append(
                Problem(
                    "places.csv",
                    int(line),
                    missing,
                    "",
                    f"a value is required here: the place has a {'latitude' if missing == 'longitude' else 'longitude'} ({given:g}), and a position needs both",
                )
            )
    return problems


def place_distances(places: pd.DataFrame) -> list[Problem]:
    """Coordinates come in pairs, and a place lies plausibly close to its parent."""
    by_id = places.set_index("place_id", drop=False)
    problems = coordinates_in_pairs(places)
    if places["place_id"].is_unique:
        # Great-circle distance first: the ellipsoid's differs by under 0.4%, so only places within 2% of their limit
        # (or their own parent, or of an unknown kind) need the geodesic below.
        parent = pd.Index(places["place_id"]).get_indexer(places["parent_place_id"])
        has_parent = parent >= 0
        lat, lon = (
            np.radians(places["latitude"].to_numpy(dtype=float)),
            np.radians(places["longitude"].to_numpy(dtype=float)),
        )
        plat, plon = np.where(has_parent, lat[parent], np.nan), np.where(has_parent, lon[parent], np.nan)
        with np.errstate(invalid="ignore"):
            km = (
                2
                * 6371.0088
                * np.arcsin(
                    np.sqrt(np.sin((plat - lat) / 2) ** 2 + np.cos(lat) * np.cos(plat) * np.sin((plon - lon) / 2) ** 2)
                )
            )
            limits = places["kind"].map(MAX_PARENT_DISTANCE_KM).to_numpy(dtype=float)
            near_limit = np.isnan(limits) | (km > 0.98 * limits)
        places = places[has_parent & ((places["parent_place_id"] == places["place_id"]).to_numpy() | near_limit)]
    for line, row in zip(places.index, rows(places, index=False)):
        if not row.parent_place_id or row.parent_place_id not in by_id.index:
            continue
        parent = by_id.loc[row.parent_place_id]
        if row.parent_place_id == row.place_id:
            problems.append(
                Problem(
                    "places.csv", int(line), "parent_place_id", row.parent_place_id, "a place cannot be its own parent"
                )
            )
            continue
        coordinates = (row.latitude, row.longitude, parent.latitude, parent.longitude)
        if any(pd.isna(c) for c in coordinates):
            continue
        km = geodesic((row.latitude, row.longitude), (parent.latitude, parent.longitude)).km
        limit = MAX_PARENT_DISTANCE_KM[row.kind]
        if km > limit:
            problems.append(
                Problem(
                    "places.csv",
                    int(line),
                    "latitude",
                    f"{row.latitude}, {row.longitude}",
                    f"lies {km:,.0f} km from its parent {row.parent_place_id}; a {row.kind} should lie within {limit:,.0f} km",
                )
            )
    return problems


def coverage_warnings(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    sentences = tables["sentences"]
    uncited = ~_isin(sentences["sentence_id"], _cited_ids(tables)) & (sentences["uncited_reason"] == "")
    return [
        Problem(
            "sentences.csv",
            int(line),
            "uncited_reason",
            "",
            f"sentence {sid} is cited by no row and has no recorded reason",
            "warning",
        )
        for line, sid in zip(sentences.index[uncited], sentences.loc[uncited, "sentence_id"])
    ]


_EDGE_SPACE = "^[{0}]|[{0}]$".format("".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x110000)) if c.isspace()))


def _cited_ids(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """cited_sentence_ids as a column: list items are stripped in Python only when they have spaces to strip."""
    parts = [pa.array(tables["figures"]["sentence_id"], type=pa.large_string())]
    for name in CITING_TABLES:
        cells = tables[name]["sentence_ids"]
        if cells.isna().any():
            return pd.Series(sorted(cited_sentence_ids(tables)), dtype="str")
        items = pc.unique(_list_parts(cells)[0])
        spaced = pc.match_substring_regex(items, _EDGE_SPACE)
        parts.append(pc.filter(items, pc.invert(spaced)))
        parts.append(pa.array([item.strip() for item in pc.filter(items, spaced).to_pylist()], type=pa.large_string()))
    cited = pc.unique(pa.chunked_array(parts).combine_chunks())
    return pd.Series(pc.filter(cited, pc.not_equal(cited, "")).to_pandas(), dtype="str")


def cited_sentence_ids(tables: dict[str, pd.DataFrame]) -> set[str]:
    cited = set(tables["figures"]["sentence_id"])
    for name in CITING_TABLES:
        cells = tables[name]["sentence_ids"]
        if cells.isna().any():
            for cell in cells:
                cited.update(split_list(cell))
            continue
        # Each distinct list item once, stripped as split_list strips it.
        for part in pc.unique(_list_parts(cells)[0]).to_pylist():
            part = part.strip()
            if part:
                cited.add(part)
    return cited
