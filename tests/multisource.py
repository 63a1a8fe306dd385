"""A small dataset written from scratch with two sources that corroborate and contradict each other.

Independent of the bundled data's ids, so that the rules of corroboration and disagreement are tested on
cases whose answer is known by construction:
- ev-rally: both sources report it; they date it differently (Monday evening, the 5th / 4 October 2020).
- ev-clash: both report it; one person killed in each (agreement), wounded 590 in both and "1,000+" in the second.
- ev-tear-gas: only the first source reports it; ev-annulled: only the second.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from citemap.contract import TABLES
from citemap.segment import segment

from .helpers import write_table

TEXTS = {
    "news": "Protesters gathered in Bishkek on Monday evening. One person was killed and 590 wounded, the government said. Police used tear gas.\n",
    "wiki": "Protests began on 4 October 2020 in Bishkek. A protestor died and 590 others were injured. Injuries 1,000+. "
    "The results were annulled on 6 October 2020.\n",
}


def _rows(table: str, *rows: dict) -> list[dict]:
    columns = TABLES[table].columns
    return [dict.fromkeys(columns, "") | row for row in rows]


def build(target: Path) -> Path:
    target.mkdir(parents=True)
    (target / "sources").mkdir()
    sentences = []
    for source_id, text in TEXTS.items():
        (target / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        sentences += [asdict(s) | {"uncited_reason": ""} for s in segment(source_id, text)]
    tables = {
        "sources": _rows(
            "sources",
            {
                "source_id": "news",
                "label": "News",
                "kind": "news_article",
                "published": "2020-10-06",
                "published_basis": "inferred",
                "file": "news.txt",
                "language": "en",
                "attribution": "Publisher unknown; quoted for analysis",
            },
            {
                "source_id": "wiki",
                "label": "Wikipedia",
                "kind": "encyclopedia",
                "author": "Wikipedia contributors",
                "published_basis": "unknown",
                "file": "wiki.txt",
                "language": "en",
                "licence": "CC BY-SA 4.0",
                "attribution": "Wikipedia contributors, CC BY-SA 4.0",
            },
        ),
        "sentences": sentences,
        "places": _rows(
            "places",
            {
                "place_id": "pl-kg",
                "name": "Kyrgyzstan",
                "kind": "country",
                "latitude": "41",
                "longitude": "75",
                "geo_precision": "3",
                "coordinate_source": "country centre",
                "sentence_ids": "news-s001",
            },
            {
                "place_id": "pl-bishkek",
                "name": "Bishkek",
                "kind": "city",
                "latitude": "42.87472",
                "longitude": "74.61222",
                "geo_precision": "1",
                "parent_place_id": "pl-kg",
                "coordinate_source": "city reference point",
                "sentence_ids": "news-s001;wiki-s001",
            },
        ),
        "actors": _rows(
            "actors",
            {
                "actor_id": "act-gov",
                "name": "Government of Kyrgyzstan",
                "kind": "organization",
                "sentence_ids": "news-s002",
            },
            {
                "actor_id": "act-protesters",
                "name": "Protesters",
                "aliases": "Protestors;Демонстранты;Öppositión",
                "kind": "group",
                "sentence_ids": "news-s001;wiki-s001",
            },
        ),
        "events": _rows(
            "events",
            {
                "event_id": "ev-rally",
                "event_date": "2020-10-04",
                "date_end": "2020-10-05",
                "time_precision": "1",
                "date_text": "Monday evening",
                "time_of_day": "evening",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "place_id": "pl-bishkek",
                "summary": "Protesters gather in Bishkek.",
                "sentence_ids": "news-s001;wiki-s001",
            },
            {
                "event_id": "ev-clash",
                "event_date": "2020-10-05",
                "date_end": "2020-10-06",
                "time_precision": "1",
                "event_type": "Riots",
                "sub_event_type": "Violent demonstration",
                "place_id": "pl-bishkek",
                "summary": "Clashes with casualties.",
                "sentence_ids": "news-s002;wiki-s002;wiki-s003",
            },
            {
                "event_id": "ev-tear-gas",
                "event_date": "2020-10-05",
                "date_end": "2020-10-06",
                "time_precision": "1",
                "event_type": "Protests",
                "sub_event_type": "Excessive force against protesters",
                "place_id": "pl-bishkek",
                "summary": "Police use tear gas.",
                "sentence_ids": "news-s003",
            },
            {
                "event_id": "ev-annulled",
                "event_date": "2020-10-06",
                "time_precision": "1",
                "date_text": "on 6 October 2020",
                "event_type": "Strategic developments",
                "sub_event_type": "Other",
                "place_id": "pl-kg",
                "summary": "The election results are annulled.",
                "sentence_ids": "wiki-s004",
            },
        ),
        "event_actors": _rows(
            "event_actors",
            {
                "event_id": "ev-rally",
                "actor_id": "act-protesters",
                "role": "actor1",
                "sentence_ids": "news-s001;wiki-s001",
            },
        ),
        "figures": _rows(
            "figures",
            {
                "figure_id": "fig-news-killed",
                "event_id": "ev-clash",
                "metric": "killed",
                "value": "1",
                "qualifier": "exact",
                "value_text": "One person was killed",
                "reported_by": "act-gov",
                "sentence_id": "news-s002",
            },
            {
                "figure_id": "fig-news-wounded",
                "event_id": "ev-clash",
                "metric": "wounded",
                "value": "590",
                "qualifier": "exact",
                "value_text": "590 wounded",
                "reported_by": "act-gov",
                "sentence_id": "news-s002",
            },
            {
                "figure_id": "fig-wiki-killed",
                "event_id": "ev-clash",
                "metric": "killed",
                "value": "1",
                "qualifier": "exact",
                "value_text": "A protestor died",
                "sentence_id": "wiki-s002",
            },
            {
                "figure_id": "fig-wiki-wounded",
                "event_id": "ev-clash",
                "metric": "wounded",
                "value": "590",
                "qualifier": "exact",
                "value_text": "590 others were injured",
                "sentence_id": "wiki-s002",
            },
            {
                "figure_id": "fig-wiki-injuries",
                "event_id": "ev-clash",
                "metric": "wounded",
                "value": "1000",
                "qualifier": "at_least",
                "value_text": "1,000+",
                "sentence_id": "wiki-s003",
                "notes": "'1,000+' read as at least 1,000.",
            },
        ),
        "event_dates": _rows(
            "event_dates",
            {
                "date_id": "date-rally-news",
                "event_id": "ev-rally",
                "event_date": "2020-10-05",
                "time_precision": "1",
                "date_text": "Monday evening",
                "time_of_day": "evening",
                "sentence_ids": "news-s001",
            },
            {
                "date_id": "date-rally-wiki",
                "event_id": "ev-rally",
                "event_date": "2020-10-04",
                "time_precision": "1",
                "date_text": "4 October 2020",
                "sentence_ids": "wiki-s001",
            },
        ),
    }
    for name, rows in tables.items():
        write_table(target / f"{name}.csv", TABLES[name].columns, [{k: str(v) for k, v in row.items()} for row in rows])
    return target
