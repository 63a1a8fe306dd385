"""A long unbroken word (300 letters, no space) stays inside its card or panel.

The dashboard runs on a copy of data/ where one actor's name, aliases, title,
affiliation and description, one event's summary, date words and notes, a
place's name and one sentence of the source (offsets moved on to match) hold
such a word. On the Actors page (the cards), the Overview (the evidence panel)
the Source page (the reader, with that sentence selected) and the Briefing (key
actors, footnotes), no line of that word may reach past the right edge of the
column it is in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.broken import DATA
from tests.helpers import read_table, write_table

from .conftest import running_server, screenshot
from .support import open_page

WORD = "W" + "x" * 299
EVENT = "ev-atambayev-freed"
SENTENCE = "kg-2020-10-06-s014"


def _edit(data_dir: Path, table: str, key: str, row_id: str, changes: dict[str, str]) -> None:
    header, rows = read_table(data_dir / f"{table}.csv")
    next(row for row in rows if row[key] == row_id).update(changes)
    write_table(data_dir / f"{table}.csv", header, rows)


def build(target: Path) -> Path:
    shutil.copytree(DATA, target)
    _edit(
        target,
        "actors",
        "actor_id",
        "act-atambayev",
        {
            "name": f"Almazbek {WORD}",
            "aliases": WORD,
            "title": WORD,
            "affiliation": WORD,
            "description": f"Said {WORD}",
        },
    )
    # Its date words must stand in one of its sentences: the event cites s014 too, which ends in the word (below).
    header, events = read_table(target / "events.csv")
    cited = next(row for row in events if row["event_id"] == EVENT)["sentence_ids"]
    _edit(
        target,
        "events",
        "event_id",
        EVENT,
        {"summary": f"Freed {WORD}", "date_text": WORD, "notes": WORD, "sentence_ids": f"{cited};{SENTENCE}"},
    )
    _edit(target, "places", "place_id", "pl-bishkek", {"name": f"Bishkek{WORD}"})
    # The word ends sentence s014 in the source text too; every later sentence moves on by its length.
    header, sentences = read_table(target / "sentences.csv")
    _, sources = read_table(target / "sources.csv")
    source = target / "sources" / next(row["file"] for row in sources if SENTENCE.startswith(row["source_id"] + "-"))
    text = source.read_text(encoding="utf-8")
    chosen = next(s for s in sentences if s["sentence_id"] == SENTENCE)
    end, extra = int(chosen["end"]), " " + WORD
    for sentence in sentences:
        if sentence["source_id"] == chosen["source_id"] and int(sentence["start"]) >= end:
            sentence["start"], sentence["end"] = (
                str(int(sentence["start"]) + len(extra)),
                str(int(sentence["end"]) + len(extra)),
            )
    chosen["end"], chosen["text"] = str(end + len(extra)), chosen["text"] + extra
    source.write_text(text[:end] + extra + text[end:], encoding="utf-8")
    write_table(target / "sentences.csv", header, sentences)
    return target


# Every text node holding the word, whose last line ends right of its column (or of the main area); and how many
# such nodes there are (each a field of the data that the page shows).
SPILLS = """(word) => {
  const spills = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.includes(word)) continue;
    const element = node.parentElement;
    const column = element.closest('[data-testid=stColumn]') || element.closest('[data-testid=stMain]');
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    if (!column || !rects.length) continue;
    checked += 1;
    const right = Math.max(...rects.map(r => r.right)), limit = column.getBoundingClientRect().right;
    if (right > limit + 1) spills.push(`${element.tagName.toLowerCase()}.${element.className}: ends at ${Math.round(right)} px, its column at ${Math.round(limit)} px`);
  }
  return {spills, checked};
}"""


@pytest.fixture(scope="module")
def long_text_server(tmp_path_factory, artifacts_dir):
    with running_server(build(tmp_path_factory.mktemp("long") / "data")) as base:
        yield base


@pytest.mark.parametrize(
    "name, path, fields",
    [
        (
            "actor-cards",
            f"Actors?event={EVENT}",
            5,
        ),  # his name, aliases, title, affiliation and description on his card
        ("evidence-panel", f"?event={EVENT}", 3),  # the event's summary, its date words, its place
        ("source-reader", f"Source?event={EVENT}&sentence={SENTENCE}", 1),  # the sentence
        ("briefing", "Briefing", 1),  # the key actors name him (the footnotes quote other sentences first)
    ],
)
def test_a_long_word_stays_inside_its_column(long_text_server, page, name, path, fields):
    open_page(page, long_text_server, path)
    found = page.evaluate(SPILLS, WORD[:40])
    screenshot(page, f"long-word-{name}", full_height=False)
    assert found["checked"] >= fields, f"{found['checked']} fields hold the word on the page, {fields} expected"
    assert not found["spills"], found["spills"]
    if name != "briefing":  # the slide is wider than a laptop's window by design; other pages never scroll sideways
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1")
