"""Validation never alters data, and hostile text stays text.

1. A dataset that passes is loaded exactly as written: every cell of every
   table and column, read again here with the csv module, equals what `load`
   returns (text identical; numbers and dates equal in value), on the file
   line it came from. Checked on the bundled data, on every accepted case of
   the broken corpus, on a dataset of cells a careless reader would alter
   ('NA', 'null', padding, newlines, 0012) and on the hostile dataset.
2. The hostile dataset (tests/broken/hostile.py) loads with warnings only,
   every page draws it through AppTest without an exception, the Data page
   shows its cells unchanged, and the HTML and chart text built from it carry
   no markup of the data's own. The browser proof is tests/browser/test_hostile.py.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from citemap import briefing, cache, render
from citemap.basemap import load_basemap
from citemap.branding import brand
from citemap.charts.map import draw_map
from citemap.charts.map_layout import map_layout
from citemap.charts.map_views import views
from citemap.charts.timeline import timeline
from citemap.contract import TABLE_ORDER, TABLES
from citemap.dataset import Dataset, load
from citemap.filters import Filters, apply, describe
from citemap.index import DatasetIndex

from .broken import CASES, DATA, hostile
from .helpers import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = [
    "pages/1_Map.py",
    "pages/2_Timeline.py",
    "pages/3_Actors.py",
    "pages/4_Source.py",
    "pages/5_Data.py",
    "pages/6_Briefing.py",
    "pages/7_Disagreements.py",
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    return hostile.build(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_dataset(hostile_dir) -> Dataset:
    return load(hostile_dir)


# ---------------------------------------------------------------- 1. loaded exactly as written


def csv_records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line the record starts on, cells) for every non-blank record, read with the csv module."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        records, start = [], reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((start, row))
            start = reader.line_num + 1
    return header, records


def same_cell(text: str, value, kind: str) -> bool:
    if kind in ("string", "list"):
        return value == text  # identical, character for character: an empty cell stays "", never NaN
    empty = value is None or value is pd.NA or pd.isna(value)
    if text == "":
        return empty
    if empty:
        return False
    if kind == "integer":
        return int(text) == int(value)
    if kind == "number":
        return float(text) == float(value)
    return value.date().isoformat() == text  # a date


def assert_loaded_as_written(data_dir: Path, dataset: Dataset) -> int:
    cells = 0
    for name in TABLE_ORDER:
        table, frame = TABLES[name], dataset.table(name)
        if table.optional and not (data_dir / table.file).exists():
            assert frame.empty and list(frame.columns) == table.columns, (
                f"{name}: a table left out reads as its header with no rows"
            )
            continue
        header, records = csv_records(data_dir / table.file)
        assert list(frame.index) == [line for line, _ in records], (
            f"{name}: rows are indexed by the line they were read from"
        )
        for column in header:
            kind = table.field(column).type if column in table.columns else "string"  # unknown columns are kept as text
            for (line, row), value in zip(records, frame[column]):
                cells += 1
                assert same_cell(row[header.index(column)], value, kind), (
                    name,
                    line,
                    column,
                    row[header.index(column)],
                    value,
                )
        assert set(header) <= set(frame.columns), f"{name}: a column of the file was dropped"
    texts = {
        row.source_id: (data_dir / "sources" / row.file).read_bytes().decode("utf-8")
        for row in dataset.sources.itertuples()
    }
    assert dataset.source_texts == texts
    return cells


def _accepted(name: str):
    return next(c for c in CASES if c.name == name)


ACCEPTED = [c.name for c in CASES if c.accepted]


@pytest.mark.parametrize("which", ["bundled", "tricky", "hostile", *ACCEPTED])
def test_a_dataset_that_passes_is_loaded_exactly_as_written(tmp_path, which):
    if which == "bundled":
        data_dir = DATA
    elif which == "tricky":
        data_dir = hostile.tricky(tmp_path / "data")
    elif which == "hostile":
        data_dir = hostile.build(tmp_path / "data")
    else:
        data_dir = tmp_path / "data"
        _accepted(which).build(data_dir)
    cells = assert_loaded_as_written(data_dir, load(data_dir))
    assert cells > 1000


@pytest.mark.parametrize("which", ["tricky", "hostile", "bom-and-crlf", "unknown-extra-column"])
def test_a_dataset_read_back_from_the_parquet_cache_is_still_as_written(tmp_path, monkeypatch, which):
    """The columnar cache (citemap/cache.py) alters nothing either: a second load, from Parquet, equals the files."""
    monkeypatch.delenv("CITEMAP_CACHE", raising=False)  # the default: a cache folder inside the data folder
    data_dir = tmp_path / "data"
    if which == "tricky":
        hostile.tricky(data_dir)
    elif which == "hostile":
        hostile.build(data_dir)
    else:
        _accepted(which).build(data_dir)
    # Big enough to be worth caching: one long note (the cache skips small datasets).
    header, rows = read_table(data_dir / "figures.csv")
    rows[-1]["notes"] = "A long note, line after line.\n" * (cache.MIN_BYTES // 30 + 1)
    write_table(data_dir / "figures.csv", header, rows)

    first = load(data_dir)
    slot = cache.entry(data_dir)
    assert slot is not None and slot.load() is not None, "the first load left a Parquet copy"
    second = load(data_dir)
    assert_loaded_as_written(data_dir, second)
    for name in TABLE_ORDER:
        pd.testing.assert_frame_equal(second.table(name), first.table(name), obj=name)
    assert second.warnings == first.warnings


def test_the_comparison_can_fail(tmp_path):
    # The check above is not vacuous: a loader that trimmed a cell would be caught.
    data_dir = hostile.tricky(tmp_path / "data")
    dataset = load(data_dir)
    trimmed = dataset.sentences.assign(uncited_reason=dataset.sentences["uncited_reason"].str.strip())
    with pytest.raises(AssertionError):
        assert_loaded_as_written(data_dir, Dataset(**{**dataset.__dict__, "sentences": trimmed}))


def test_tricky_cells_keep_their_words(tmp_path):
    dataset = load(hostile.tricky(tmp_path / "data"))
    actors = dataset.actors.set_index("actor_id")
    assert actors.at["act-atambayev", "title"] == "None" and actors.at["act-atambayev", "affiliation"] == "nan"
    assert actors.at["act-atambayev", "description"] == "#N/A\r\nsecond line"
    assert actors.at["act-jeenbekov", "title"] == "0012"
    assert dataset.sources.at[2, "title"] == "NA" and dataset.sources.at[2, "publisher"] == "null"
    assert dataset.places.set_index("place_id").at["pl-bishkek", "aliases"] == " Frunze ;; NA "


# ---------------------------------------------------------------- 2. hostile text stays text


def test_hostile_dataset_loads_with_warnings_only(hostile_dataset):
    assert hostile_dataset.warnings, "markup in cells is reported as warnings"
    assert {w.message for w in hostile_dataset.warnings} == {
        "cell holds markup or a link; it is kept and always shown as plain text"
    }


def test_every_payload_lands_in_every_kind_of_cell(hostile_dataset):
    """The hostile dataset is as hostile as it claims: each text column of each table holds payloads."""
    for name, columns in hostile.TEXT_COLUMNS.items():
        for column in columns:
            cells = hostile_dataset.table(name)[column]
            assert cells.map(lambda c: any(p in c for p in hostile.PAYLOADS)).all(), (name, column)
    assert hostile_dataset.sentences["text"].map(lambda t: any(t.endswith(p) for p in hostile.PAYLOADS)).all()
    assert hostile_dataset.figures["value_text"].isin(hostile.PAYLOADS).all()
    assert all(p in next(iter(hostile_dataset.source_texts.values())) for p in hostile.PAYLOADS)


# What the data's payloads would look like had they survived as markup or as a live link.
LIVE = re.compile(
    r"<\s*(script|img|svg|iframe|details|style|b class)|\]\(|javascript:|data:text|https?://evil|www\.evil",
    re.IGNORECASE,
)


def test_evidence_and_article_html_carry_no_markup_of_the_data(hostile_dataset):
    index = DatasetIndex(hostile_dataset)
    pieces = [render.evidence_html(index, e) for e in index.events.index]
    pieces += [
        render.article_html(index, s, sid, "Source", {})
        for s in hostile_dataset.sources["source_id"]
        for sid in (None, "kg-2020-10-06-s014")
    ]
    pieces += [render.sentence_html(index, s) for s in hostile_dataset.sentences["sentence_id"]]
    for piece in pieces:
        assert not LIVE.search(piece), LIVE.search(piece).group(0)
    # and the escaped payloads are there, to be read as text
    assert any("&lt;script&gt;window&#46;" in p or "&lt;script&gt;window." in p for p in pieces)


ALLOWED_PLOTLY_TAGS = re.compile(r"</?(b|i|br)>")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def test_chart_text_carries_no_markup_of_the_data(hostile_dataset):
    """Plotly renders a subset of HTML (links included) in labels and hovers: only our own <b>, <i>, <br> may appear."""
    index = DatasetIndex(hostile_dataset)
    basemap = load_basemap(hostile_dataset.data_dir / "geo")
    figures = [timeline(index.events), timeline(index.events, selected="ev-osh-rally")]
    figures += [
        draw_map(map_layout(index.events, hostile_dataset.places, basemap, view), basemap)
        for view in views(index.events, hostile_dataset.places, basemap)
    ]
    for fig in figures:
        for text in _texts(json.loads(pio.to_json(fig, validate=False))):
            assert "<" not in ALLOWED_PLOTLY_TAGS.sub("", text), text[:200]


# plotly.js (src/lib/svg_text_utils.js) decodes these entities in labels and hovers, and no others: &quot; shows as itself.
PLOTLY_ENTITIES = {
    "mu": "\u03bc",
    "amp": "&",
    "lt": "<",
    "gt": ">",
    "nbsp": "\xa0",
    "times": "\xd7",
    "plusmn": "\xb1",
    "deg": "\xb0",
}


def as_plotly_shows(text: str) -> str:
    """What plotly draws for a label or hover text: our own tags gone, its entities decoded, lines joined."""
    text = ALLOWED_PLOTLY_TAGS.sub(" ", text)

    def decode(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("#"):
            return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))
        return PLOTLY_ENTITIES.get(name, match.group(0))

    return " ".join(re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, text).split())


def _drawn_texts(fig) -> list[str]:
    """Every text of the figure's JSON but layout.meta, which carries the filter as data and is never drawn."""
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["layout"].pop("meta", None)
    return list(_texts(spec))


def test_chart_text_shows_quotes_and_ampersands_as_written(tmp_path):
    summary = 'Chants of "Go" & <b>more</b>'
    place = 'Osh "South" & <b>Bazaar</b>'
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    header, rows = read_table(data / "events.csv")
    next(r for r in rows if r["event_id"] == "ev-osh-rally")["summary"] = summary
    write_table(data / "events.csv", header, rows)
    header, rows = read_table(data / "places.csv")
    next(r for r in rows if r["place_id"] == "pl-osh")["name"] = place
    write_table(data / "places.csv", header, rows)
    index = DatasetIndex(load(data))
    basemap = load_basemap(data / "geo")
    filters = Filters(places=("pl-osh",))
    events = apply(index, filters)
    assert "ev-osh-rally" in events.index

    line = timeline(events)
    branded = brand(
        line,
        title=f"Events at {place}",
        filter_sentence=describe(index, filters, len(events)),
        as_of=index.dataset.as_of,
        attribution="Source",
        view="timeline",
    )
    slide = briefing.build(index, filters, basemap)
    maps = [
        draw_map(map_layout(events, index.dataset.places, basemap, view), basemap)
        for view in views(events, index.dataset.places, basemap)
    ]
    hovers = [
        text
        for fig in [line, *maps]
        for trace in fig.data
        for text in (trace.hovertext if isinstance(trace.hovertext, tuple) else ())
    ]
    labels = [
        text for fig in (line, slide.timeline.figure) for axis in fig.select_yaxes() for text in axis.ticktext or ()
    ]
    band = [branded.figure.layout.title.text] + [
        a.text for a in branded.figure.layout.annotations if a.name == "citemap-footer"
    ]

    written = [as_plotly_shows(t) for t in hovers]
    assert any(summary in t and place in t for t in written), "the hover shows summary and place as written"
    assert summary in [as_plotly_shows(t) for t in labels]  # the bar label on the Timeline page
    assert any(place in as_plotly_shows(t) for t in band[:1]) and any(place in as_plotly_shows(t) for t in band[1:]), (
        band
    )
    everything = [
        t for fig in [line, branded.figure, slide.map.figure, slide.timeline.figure, *maps] for t in _drawn_texts(fig)
    ]
    mentions = [t for t in everything if "Go" in t or "South" in t]
    assert mentions and not [t for t in mentions if "&quot;" in t or "&#34;" in t]  # a quote is written as a quote
    assert all("<b>more" not in t and "<b>Bazaar" not in t for t in mentions), [
        t for t in mentions if "<b>more" in t or "<b>Bazaar" in t
    ]  # the data's own tags stay escaped
    assert any("&lt;b&gt;more&lt;/b&gt;" in t for t in mentions) and any(
        "&lt;b&gt;Bazaar&lt;/b&gt;" in t for t in mentions
    )


@pytest.fixture
def app_on_hostile(hostile_dir):
    saved = os.environ.get("CITEMAP_DATA")
    os.environ["CITEMAP_DATA"] = str(hostile_dir)
    try:
        yield lambda: AppTest.from_file(APP, default_timeout=60)
    finally:
        if saved is None:
            os.environ.pop("CITEMAP_DATA", None)
        else:
            os.environ["CITEMAP_DATA"] = saved


@pytest.mark.parametrize("page", ["app.py", *PAGES])
def test_every_page_draws_the_hostile_dataset(app_on_hostile, page):
    at = app_on_hostile()
    at.query_params["event"] = "ev-bishkek-rally"
    at.query_params["sentence"] = "kg-2020-10-06-s014"
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.title[0].value == ("Overview" if page == "app.py" else page.split("_", 1)[1].removesuffix(".py"))


def test_data_page_shows_the_cells_as_written(app_on_hostile, hostile_dir):
    at = app_on_hostile().run()
    at.switch_page("pages/5_Data.py").run()
    assert not at.exception
    _, records = csv_records(hostile_dir / "events.csv")
    header = csv_records(hostile_dir / "events.csv")[0]
    written = {row[header.index("event_id")]: row for _, row in records}
    shown = next(
        d.value
        for d in at.dataframe
        if "summary" in d.value.columns and "event_id" in d.value.columns and len(d.value) == len(written)
    )
    for row in shown.itertuples(index=False):
        source = written[row.event_id]
        for column in ("summary", "date_text", "notes", "sentence_ids"):
            assert getattr(row, column) == source[header.index(column)], (row.event_id, column)
