"""A dataset full of hostile text: every text cell the contract allows holds markup, script or a link.

`build(target)` copies data/ and rewrites it so that
- the source text itself carries a payload after every sentence, with the
  sentences' offsets recomputed, so that every quote is still verbatim;
- every free-text cell (names, aliases, titles, summaries, notes, date_text,
  value_text, unit, descriptions, the source's title, publisher and url...)
  holds a payload beside its original words;
- each figure's value_text is the payload its sentence carries, so that it is
  still found verbatim in that sentence.

Every script payload sets `window.__pwned`; every element a payload would
inject carries an id or class starting with "pwn"; every link a payload would
make points at javascript:, data: or evil.example. A page is safe when none of
the three is ever seen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from citemap.contract import TABLES

from ..helpers import read_table, write_table
from . import DATA

FLAG = "__pwned"
EVIL_HOST = "evil.example"

PAYLOADS = (
    f"<script>window.{FLAG}=1</script>",
    f'<img src=x id=pwn-img onerror="window.{FLAG}=2">',
    f"[click me](javascript:window.{FLAG}=3)",
    f'<a id=pwn-a href="javascript:window.{FLAG}=4">open</a>',
    f"<svg id=pwn-svg onload=window.{FLAG}=5></svg>",
    f"[a link](https://{EVIL_HOST}/markdown)",
    f"javascript:window.{FLAG}=6",
    f"![pixel](https://{EVIL_HOST}/pixel.png)",
    f'<iframe id=pwn-iframe srcdoc="<script>parent.{FLAG}=7</script>"></iframe>',
    f"https://{EVIL_HOST}/bare-address",
    "<b class=pwn-b>bold</b><style id=pwn-style>body{display:none}</style>",
    "[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD04PC9zY3JpcHQ+)",
    f"$\\href{{javascript:window.{FLAG}=9}}{{math}}$",
    f"<details open id=pwn-details ontoggle=window.{FLAG}=10>x</details>",
    "**bold** _italic_ `code` :red[red] ~~struck~~",
)

# Free-text columns: strings with no pattern, no allowed values, not a reference.
REFERENCES = {key.column for table in TABLES.values() for key in table.foreign_keys}
SKIP = {"sub_event_type", "file", "language", "url", "value_text", "date_text", "sentence_ids", "uncited_reason"}
TEXT_COLUMNS = {
    table.name: [
        f.name
        for f in table.fields
        if f.type in ("string", "list")
        and f.pattern is None
        and f.enum is None
        and f.name not in REFERENCES | SKIP
        and f.name != "text"
    ]
    for table in TABLES.values()
}
HOSTILE_URL = f'https://{EVIL_HOST}/"><img/src=x/id=pwn-url/onerror=window.{FLAG}=11>'


def payload(n: int) -> str:
    return PAYLOADS[n % len(PAYLOADS)]


def build(target: Path) -> Path:
    shutil.copytree(DATA, target)
    counter = iter(range(10_000))

    # The source text: a payload after every sentence; offsets recomputed.
    source_header, sources = read_table(target / "sources.csv")
    sentence_header, sentences = read_table(target / "sentences.csv")
    for source in sources:
        path = target / "sources" / source["file"]
        old = path.read_text(encoding="utf-8")
        new, cursor = [], 0
        mine = sorted((s for s in sentences if s["source_id"] == source["source_id"]), key=lambda s: int(s["start"]))
        length = 0
        for sentence in mine:
            start, end = int(sentence["start"]), int(sentence["end"])
            gap = old[cursor:start]
            text = old[start:end] + " " + payload(next(counter))
            new += [gap, text]
            sentence["start"] = str(length + len(gap))
            sentence["end"] = str(length + len(gap) + len(text))
            sentence["text"] = text
            length += len(gap) + len(text)
            cursor = end
        new.append(old[cursor:])
        path.write_text("".join(new), encoding="utf-8")
        source["url"] = HOSTILE_URL
    for sentence in sentences:
        if sentence["uncited_reason"]:
            sentence["uncited_reason"] += " " + payload(next(counter))
    write_table(target / "sentences.csv", sentence_header, sentences)

    # Every free-text cell of every table.
    appended_to = {s["sentence_id"]: s["text"] for s in sentences}
    for name, columns in TEXT_COLUMNS.items():
        header, rows = (source_header, sources) if name == "sources" else read_table(target / f"{name}.csv")
        for row in rows:
            for column in columns:
                row[column] = f"{payload(next(counter))} {row[column]}".strip()
            if name == "figures":
                row["value_text"] = _payload_of(appended_to[row["sentence_id"]])
            if row.get("date_text"):  # must stand verbatim in a sentence, as a value_text must
                row["date_text"] = _payload_of(appended_to[row["sentence_ids"].split(";")[0]])
        write_table(target / f"{name}.csv", header, rows)
    return target


def _payload_of(sentence_text: str) -> str:
    """The payload a sentence ends with (each was appended after a space)."""
    return next(p for p in PAYLOADS if sentence_text.endswith(" " + p))


def tricky(target: Path) -> Path:
    """A valid dataset whose cells a careless reader would alter: 'NA', 'null', padding, newlines, 0012, 41.50."""
    shutil.copytree(DATA, target)

    def edit(table: str, key: str, changes: dict[str, str]) -> None:
        header, rows = read_table(target / f"{table}.csv")
        row = next(r for r in rows if r[TABLES[table].primary_key[0]] == key)
        row.update(changes)
        write_table(target / f"{table}.csv", header, rows)

    edit(
        "sources",
        "kg-2020-10-06",
        {"title": "NA", "publisher": "null", "notes": 'Line one,\nline two;\ttabbed "quoted" — ünïcödé 🔥'},
    )
    edit("sentences", "kg-2020-10-06-s001", {"paragraph": "01", "start": "000"})
    edit("sentences", "kg-2020-10-06-s002", {"uncited_reason": "  padded  "})
    edit("places", "pl-bishkek", {"latitude": "42.874720", "uncertainty_km": "6.0", "aliases": " Frunze ;; NA "})
    edit("places", "pl-white-house", {"uncertainty_km": ".1", "coordinate_source": "=1+1"})
    edit("actors", "act-atambayev", {"title": "None", "affiliation": "nan", "description": "#N/A\r\nsecond line"})
    edit("actors", "act-jeenbekov", {"title": "0012", "affiliation": "'single'"})
    edit("events", "ev-osh-rally", {"notes": "N/A", "date_text": "  on Tuesday  "})
    edit("events", "ev-tulip-revolution-2005", {"summary": "TRUE"})
    edit("figures", "fig-population", {"value": "6.5e6", "unit": "FALSE"})
    edit("figures", "fig-killed", {"value": "1.0", "notes": "-"})
    return target
