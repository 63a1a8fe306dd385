"""Downloads record the filter in their file name and inside the file."""

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from citemap.contract import TABLES
from citemap.export import export_bundle, filter_slug
from citemap.filters import Filters, apply, describe

ROOT = Path(__file__).resolve().parent.parent


def bundle_for(index, filters):
    events = apply(index, filters)
    return export_bundle(index, events, filters, describe(index, filters, len(events)))


@pytest.mark.parametrize(
    "params, slug",
    [
        ({}, "all"),
        ({"from": "2020-10-05", "to": "2020-10-06"}, "from-2020-10-05_to-2020-10-06"),
        ({"type": "Explosions/Remote violence", "q": "a b"}, "type-Explosions-Remote-violence_q-a-b"),
        ({"actor": "act-a", "event": "ev-x"}, "actor-act-a"),
    ],
)
def test_filter_slug(params, slug):
    assert filter_slug(params) == slug


def test_csv_carries_the_filter_and_reads_back(index):
    filters = Filters(date(2020, 10, 5), date(2020, 10, 6), actors=("act-atambayev",))
    bundle = bundle_for(index, filters)
    text = bundle.csv("events").decode("utf-8")
    assert text.startswith(
        "# Citemap export: 2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev\n# filter: from=2020-10-05&to=2020-10-06&actor=act-atambayev\n"
    )
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert (
        set(frame["event_id"]) == set(apply(index, filters).index) == {"ev-atambayev-freed", "ev-atambayev-sentenced"}
    )
    assert bundle.file_name("events", "csv") == "citemap-events-from-2020-10-05_to-2020-10-06_actor-act-atambayev.csv"


def test_related_tables_hold_only_what_the_events_need(index):
    bundle = bundle_for(index, Filters(places=("pl-osh",)))
    assert list(bundle.tables["events"]["event_id"]) == ["ev-osh-rally"]
    assert set(bundle.tables["actors"]["actor_id"]) == {
        "act-jeenbekov-supporters",
        "act-asylbek-jeenbekov",
        "act-local-media",
    }
    assert list(bundle.tables["sentences"]["sentence_id"]) == ["kg-2020-10-06-s029"]


def test_geojson_has_points_with_precision_and_the_filter(index):
    bundle = bundle_for(index, Filters(places=("pl-bishkek",)))
    collection = json.loads(bundle.geojson())
    assert collection["citemap"]["query"] == {"place": "pl-bishkek"}
    assert collection["citemap"]["filter"].startswith("8 of 38 events")
    freed = next(f for f in collection["features"] if f["id"] == "ev-atambayev-freed")
    assert freed["geometry"] == {"type": "Point", "coordinates": [74.61222, 42.87472]}
    assert freed["properties"]["geo_precision"] == 1 and freed["properties"]["uncertainty_km"] == 6.0


def test_geojson_gives_events_without_place_a_null_geometry(index):
    bundle = bundle_for(index, Filters(actors=("act-putin",)))
    (feature,) = json.loads(bundle.geojson())["features"]
    assert feature["geometry"] is None and feature["properties"]["place_id"] == ""


def test_every_text_reads_back_as_written_with_the_documented_reader(data_copy):
    """A '#' inside a cell is not a comment: read with comment='#', every text cell of every table comes back as written."""
    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    events.loc[0, "summary"] = "Rally #2 at the square, #hashtag"
    events.loc[1, "notes"] = "#"
    events.to_csv(data_copy / "events.csv", index=False)
    from citemap.dataset import load
    from citemap.index import DatasetIndex

    index = DatasetIndex(load(data_copy))
    bundle = bundle_for(index, Filters())
    for name, kept_rows in bundle.kept.items():
        read = pd.read_csv(io.StringIO(bundle.csv(name).decode("utf-8")), comment="#", dtype=str, keep_default_na=False)
        kept = kept_rows.rows()
        assert len(read) == len(kept) and (len(kept) > 0 or TABLES[name].optional), name
        for column in (
            kept.columns
        ):  # every column, typed ones as the CSV writes them (dates as YYYY-MM-DD, numbers as Python does)
            values = kept[column]
            if values.dtype.kind == "M":
                written = values.dt.strftime("%Y-%m-%d").fillna("")
            elif values.dtype.kind in "fiu" or str(values.dtype) == "Int64":
                written = values.astype(object).map(lambda v: "" if pd.isna(v) else str(v))
            else:
                written = values.astype(object).fillna("").astype(str)
            assert list(read[column]) == list(written), (name, column)
    assert "Rally #2 at the square, #hashtag" in set(
        pd.read_csv(io.StringIO(bundle.csv("events").decode("utf-8")), comment="#")["summary"]
    )


def test_a_newline_in_the_filter_stays_inside_its_header_line(index):
    filters = Filters(search="Osh\nevil,=HYPERLINK(1)\r\u2028")
    bundle = bundle_for(index, filters)
    lines = bundle.csv("events").decode("utf-8").split("\n")
    assert lines[0] == "# Citemap export: " + describe(index, filters, len(apply(index, filters))).replace(
        "\n", "\\n"
    ).replace("\r", "\\r").replace("\u2028", "\\u2028")
    assert lines[1] == "# filter: q=Osh\\nevil,=HYPERLINK(1)\\r\\u2028"
    assert lines[2].startswith("# data as of: ") and not lines[3].startswith("#")
    assert pd.read_csv(io.StringIO("\n".join(lines)), comment="#").shape[1] == len(index.dataset.events.columns)


def test_every_file_credits_the_sources_whose_words_it_holds(tmp_path):
    """Licences travel with text: each source quoted in the export is credited in every CSV and in the GeoJSON."""
    from citemap.dataset import load
    from citemap.index import DatasetIndex

    from . import multisource

    index = DatasetIndex(load(multisource.build(tmp_path / "data")))
    both = bundle_for(index, Filters())
    assert both.credits == ("Publisher unknown; quoted for analysis", "Wikipedia contributors, CC BY-SA 4.0")
    for name in both.kept:
        assert (
            "# quotes from: Wikipedia contributors, CC BY-SA 4.0" in both.csv(name).decode("utf-8").splitlines()[:6]
        ), name
    assert json.loads(both.geojson())["citemap"]["quotes_from"] == list(both.credits)
    assert set(both.tables["sources"]["source_id"]) == {"news", "wiki"}
    only_news = bundle_for(index, Filters(search="tear gas"))
    assert only_news.credits == ("Publisher unknown; quoted for analysis",)
    assert list(only_news.tables["sources"]["source_id"]) == ["news"]
