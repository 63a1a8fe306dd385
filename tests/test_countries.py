"""The countries of the events shown, as the map's overview and the Briefing's title name them (citemap.countries),
on imported ACLED samples of one country and of several, and on the bundled Kyrgyz data; and the Briefing timeline's scale for them."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from citemap.acled.importer import import_acled
from citemap.basemap import load_basemap
from citemap.briefing.content import build
from citemap.countries import NAMED_IN_TITLE, countries_in_title, countries_of, dataset_countries, overview_label
from citemap.dataset import load
from citemap.filters import Filters
from citemap.index import DatasetIndex

SAMPLES = Path(__file__).resolve().parent / "acled" / "samples"
MULTI = ("nga_long_dates_crlf_bom.csv", "bgd_short_dates_cp1252.csv", "ken_repeated_ids.csv")


def sample_countries(*files: str) -> Counter:
    """Events per country as the sample files say (one event per distinct event id)."""
    events: dict[str, str] = {}
    for name in files:
        text = (SAMPLES / name).read_bytes().decode("utf-8-sig", errors="replace")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            cells = {key.lower(): value for key, value in row.items()}  # some samples have upper-case headers
            events.setdefault(cells["event_id_cnty"], cells["country"])
    return Counter(events.values())


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, DatasetIndex]:
    folder = tmp_path_factory.mktemp("countries")
    result = {}
    for key, files in (("nigeria", MULTI[:1]), ("three", MULTI)):
        out = folder / key
        assert import_acled([SAMPLES / f for f in files], out, out=io.StringIO()) == 0
        result[key] = DatasetIndex(load(out))
    return result


def test_one_country_is_named_by_its_name(imported):
    index = imported["nigeria"]
    expected = sample_countries(MULTI[0])
    assert countries_of(index, index.events) == sorted(expected.items())
    assert overview_label(dataset_countries(index)) == next(iter(expected))


def test_several_countries_are_counted_on_the_map_and_named_in_the_title(imported):
    index = imported["three"]
    expected = sample_countries(*MULTI)
    found = countries_of(index, index.events)
    assert dict(found) == dict(expected)
    assert [n for _, n in found] == sorted((n for n in expected.values()), reverse=True)  # most events first
    assert overview_label(dataset_countries(index)) == f"All countries ({len(expected)})"
    title = build(index, Filters(), load_basemap(index.dataset.data_dir / "geo")).title
    for country in expected:
        assert country in title, title
    # The title's dates are those of the events included: the first and last day's years appear.
    first, last = index.events["event_date"].min(), index.events["event_date"].max()
    assert str(first.year) in title and str(last.year) in title and str(last.day) in title


def test_the_title_names_only_the_countries_of_the_events_shown(imported):
    """A filter that leaves one country's events: only that country is named (by ACLED's own country field)."""
    index = imported["three"]
    acled = index.dataset.acled_events.set_index("event_id")
    for country in sorted(set(acled["country"])):
        shown = index.events[index.events.index.map(acled["country"]).to_numpy() == country]
        assert len(shown)
        assert countries_in_title([name for name, _ in countries_of(index, shown)]) == country


def test_many_countries_are_counted_not_listed():
    names = [f"Country {i}" for i in range(NAMED_IN_TITLE + 2)]
    assert countries_in_title(names) == f"{len(names)} countries"
    assert countries_in_title(names[:2]) == "Country 0 and Country 1"
    assert countries_in_title(names[:3]) == "Country 0, Country 1 and Country 2"
    assert overview_label([]) == "All mapped events"


def test_the_bundled_data_is_one_country():
    index = DatasetIndex(load())
    names = dataset_countries(index)
    country_places = index.dataset.places[index.dataset.places["kind"] == "country"]["name"].tolist()
    assert names == country_places
    assert overview_label(names) == country_places[0]


def test_the_briefing_timeline_of_years_is_not_drawn_by_hour(imported):
    """An import spanning years: its Briefing timeline keeps a date axis with the years written, not day names
    and hours (whose ticks would repeat 'Mon 4 Oct' without a year); a few days are still drawn by hour."""
    for key in ("three", "nigeria"):
        index = imported[key]
        briefing = build(index, Filters(), load_basemap(index.dataset.data_dir / "geo"))
        figure = briefing.timeline.figure
        title = figure.layout.meta["citemap"]["title"]
        span = index.events["event_date"].max() - index.events["event_date"].min()
        if span.days > 31:
            assert "by hour" not in title and "by date" in title, title
            assert figure.layout.xaxis.tickmode != "array" and "%Y" in figure.layout.xaxis.tickformat
        else:
            assert "by hour" in title, title
            assert any(str(text).startswith("<b>") for text in figure.layout.xaxis.ticktext), "day names expected"
