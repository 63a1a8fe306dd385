"""Scale: the fast CSV reader agrees with the careful one, big views aggregate and say so, tables page."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citemap import tables
from citemap.basemap import load_basemap
from citemap.charts import discs, labels, map_layout, map_markers, map_views
from citemap.charts import timeline as timelines
from citemap.charts import timeline_layout as timeline_layouts
from citemap.charts.map import draw_map
from citemap.contract import EVENT_TYPES, TABLES
from citemap.dataset import load
from citemap.filters import Filters, apply
from citemap.index import DatasetIndex
from citemap.paging import PAGE_ROWS, page_of
from citemap.palette import colour
from citemap.synth import synth

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the Arrow fast path of read_csv_text


def _read_both(tmp_path: Path, name: str, content: bytes, monkeypatch):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    table = TABLES[name]
    fast = tables.read_csv_text(path, table)
    with monkeypatch.context() as patch:
        patch.setattr(tables, "_read_plain_csv", lambda raw, text: None)
        careful = tables.read_csv_text(path, table)
    return fast, careful


def _same(fast, careful) -> None:
    (fast_frame, fast_problems), (careful_frame, careful_problems) = fast, careful
    assert fast_problems == careful_problems
    if careful_frame is None:
        assert fast_frame is None
        return
    pd.testing.assert_frame_equal(fast_frame, careful_frame, check_exact=True)
    assert fast_frame.index.dtype == careful_frame.index.dtype and fast_frame.index.name == careful_frame.index.name


CELL = st.lists(st.sampled_from(list('ab ,"\n\r\t;é\x1c\u00a0<:') + ["]("]), max_size=6).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=6),
    quote_all=st.booleans(),
    bom=st.booleans(),
    trailing=st.sampled_from(["", "\n", "\n\n"]),
)
def test_fast_reader_reads_what_the_csv_module_reads(tmp_path, monkeypatch, rows, quote_all, bom, trailing):
    """Random text, quoted or not, well-formed or not: both readers give the same frame and problems."""
    header = ["place_id", "name", "kind", "geo_precision"]

    def cell(value: str) -> str:
        if quote_all or any(c in value for c in ',"\n\r'):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [",".join(header)] + [",".join(cell(v) for v in row) for row in rows]
    text = "\n".join(lines) + trailing
    _same(*_read_both(tmp_path, "places", ("\ufeff" if bom else "").encode() + text.encode("utf-8"), monkeypatch))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(alphabet=st.sampled_from(list('ab,"\n \r')), max_size=40))
def test_fast_reader_agrees_on_raw_text(tmp_path, monkeypatch, raw):
    """Quotes in any place, bare carriage returns, ragged rows: the fast path steps aside or agrees."""
    _same(*_read_both(tmp_path, "places", ("place_id,name,kind\n" + raw).encode("utf-8"), monkeypatch))


@pytest.mark.parametrize("name", ["sentences", "events", "places", "figures"])
def test_fast_reader_on_the_bundled_tables(tmp_path, monkeypatch, name):
    _same(*_read_both(tmp_path, name, (ROOT / "data" / f"{name}.csv").read_bytes(), monkeypatch))


def test_cited_ids_column_is_the_cited_set():
    """The column-wise list of cited sentences equals the row-by-row set, spaces and odd whitespace included."""
    from citemap.checks import _cited_ids, cited_sentence_ids
    from citemap.contract import CITING_TABLES

    cells = [" s1 ; s2;;", "\x1cs3\u00a0", "", "s4", "s1;s5 ", "\u2003 ; s6"]
    tables_ = {name: pd.DataFrame({"sentence_ids": pd.Series(cells, dtype="str")}) for name in CITING_TABLES}
    tables_["figures"] = pd.DataFrame({"sentence_id": pd.Series(["s7", "s1"], dtype="str")})
    assert set(_cited_ids(tables_)) == cited_sentence_ids(tables_) == {"s1", "s2", "s3", "s4", "s5", "s6", "s7"}


# ---------------------------------------------------------------- big views aggregate, and say so


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """20,000 synthetic events: past every threshold."""
    data = synth(20_000, tmp_path_factory.mktemp("scale") / "data", seed=3)
    index = DatasetIndex(load(data))
    return index, apply(index, Filters()), load_basemap(data / "geo")


@pytest.fixture(scope="module")
def bundled():
    index = DatasetIndex(load(ROOT / "data"))
    return index, apply(index, Filters()), load_basemap(ROOT / "data" / "geo")


def _points(trace) -> int:
    return sum(1 for lat in trace.lat if lat is not None)


def test_big_map_counts_events_in_squares_and_says_so(big):
    index, events, basemap = big
    view = map_views.views(index.events, index.dataset.places, basemap)[0]
    fig = draw_map(map_layout.map_layout(events, index.dataset.places, basemap, view), basemap)
    names = [trace.name for trace in fig.data]
    mapped = map_views.mappable(events).sum()
    assert mapped > map_markers.AGGREGATE_ABOVE
    squares = [t for t in fig.data if t.name.startswith("squares, types ranked")]
    assert squares, names
    assert _points(squares[0]) < mapped / 20, "far fewer discs than events"
    assert not any(t.name.endswith("outline") and t.name != "squares outline" for t in fig.data), "no per-event markers"
    assert all(t.mode in ("markers", "lines") for t in fig.data), (
        "no text mode: map text needs glyphs an offline map has not got"
    )
    assert all(t.customdata is None for t in fig.data), "a square is no event: a click on it selects nothing"
    assert {t.name for t in fig.data if t.showlegend is not False} <= set(EVENT_TYPES)
    notes = [a.text for a in fig.layout.annotations]
    assert any(f"{mapped:,} events: too many to draw one by one" in n for n in notes), notes
    assert fig.layout.map.style == "white-bg" and fig.layout.map.layers, "offline basemap kept"


def test_grid_counts_every_mapped_event_once(big):
    _, events, _ = big
    mapped = events[map_views.mappable(events)]
    cells = discs.grid_cells(mapped, zoom=6.0)
    assert cells["count"].sum() == len(mapped)
    assert (cells[list(EVENT_TYPES)].sum(axis=1) == cells["count"]).all()
    assert cells["latitude"].between(39, 43.5).all() and cells["longitude"].between(69, 81).all()
    finer = discs.grid_cells(mapped, zoom=9.0)
    assert len(finer) > len(cells), "zoomed in, squares are smaller"


def test_small_map_draws_each_event(bundled):
    index, events, basemap = bundled
    view = map_views.views(index.events, index.dataset.places, basemap)[0]
    fig = draw_map(map_layout.map_layout(events, index.dataset.places, basemap, view), basemap)
    assert not any(t.name.startswith("squares") for t in fig.data)
    # A disc (Bishkek's events, which no fan keeps inside the border at the country's zoom) carries its ids ';'-joined.
    shown = {i for t in fig.data if t.customdata is not None for row in t.customdata for i in row[0].split(";")}
    assert shown == set(events[map_views.mappable(events)].index)
    assert not fig.layout.annotations


@pytest.mark.parametrize(
    "filters",
    [
        Filters(event_types=("Riots",)),
        Filters(event_types=("Protests",), date_from=date(2020, 1, 1), date_to=date(2020, 12, 31)),
    ],
    ids=["riots", "protests-2020"],
)
def test_a_crowded_map_draws_discs_and_every_event_stays_clickable_once(big, filters):
    """Hundreds of events, many in one town: where more than FAN_MOST crowd a part of the screen they are one disc
    that carries their ids (a click lists them); every other event has its own marker; each event is in exactly one."""
    from citemap.selection import selected_event_ids

    index, _, basemap = big
    events = apply(index, filters)
    mapped = events[map_views.mappable(events)]
    assert 2 * map_layout.FAN_MOST < len(mapped) <= map_markers.AGGREGATE_ABOVE
    view = map_views.views(index.events, index.dataset.places, basemap)[0]
    fig = draw_map(map_layout.map_layout(events, index.dataset.places, basemap, view), basemap)
    discs_ = [t for t in fig.data if t.name == "crowded places, types ranked 1"]
    markers = [
        t for t in fig.data if t.name in EVENT_TYPES and t.customdata is not None
    ]  # one event a point (not a legend entry)
    assert discs_, "nothing crowded at the country's zoom: the test would prove nothing"
    clicked = [
        selected_event_ids({"selection": {"points": [{"customdata": list(row)}]}})
        for t in discs_
        for row in t.customdata
    ]
    singles = [row[0] for t in markers for row in t.customdata]
    every = [i for ids in clicked for i in ids] + singles
    assert sorted(every) == sorted(mapped.index), "each mapped event once, in a disc or a marker of its own"
    # A disc is more than FAN_MOST events crowding a square, or a group no fan keeps inside the border.
    assert any(len(ids) > map_layout.FAN_MOST for ids in clicked) and all(len(ids) >= 2 for ids in clicked)
    numbers = [t for t in fig.data if t.name == "crowded places counts"]
    assert numbers and numbers[0].mode == "lines", (
        "each disc's count is written on it, as strokes (no map text offline)"
    )
    assert not fig.layout.annotations, "single events and discs of a few places: no note of counted squares"


def test_a_name_starts_past_the_rim_of_the_disc_its_place_is_in():
    """A disc 26 px wide: from its centre a name keeps 13 px (its radius) and 8 more off, east or west; from a place
    10 px west of the centre, 23 + 8 px east and 3 + 8 px west."""
    from types import SimpleNamespace

    zoom = 6.0
    per_px = labels.degrees_per_px(zoom)
    disc = SimpleNamespace(latitude=42.87, longitude=74.6, diameter_px=26.0)
    assert map_markers.clearance_from_disc(42.87, 74.6, disc, zoom) == pytest.approx(21)
    assert map_markers.clearance_from_disc(42.87, 74.6, disc, zoom, east=False) == pytest.approx(21)
    assert map_markers.clearance_from_disc(42.87, 74.6 - 10 * per_px, disc, zoom) == pytest.approx(31)
    assert map_markers.clearance_from_disc(42.87, 74.6 - 10 * per_px, disc, zoom, east=False) == pytest.approx(11)


def test_a_selection_of_points_and_discs_gives_each_event_once_in_order():
    from citemap.selection import selected_event_ids

    state = {
        "selection": {
            "points": [
                {"customdata": ["ev-a"]},
                {"customdata": ["ev-b;ev-c;ev-a"]},
                {"customdata": "ev-d"},
                {"customdata": None},
                {},
            ]
        }
    }
    assert selected_event_ids(state) == ["ev-a", "ev-b", "ev-c", "ev-d"]


def test_views_are_the_same_whichever_way_computed(bundled, big):
    for index, _, basemap in (bundled, big):
        views = map_views.views(index.events, index.dataset.places, basemap)
        mapped = index.events[map_views.mappable(index.events)]
        by_id = index.dataset.places.set_index("place_id")
        for view in views[1:]:
            inside = mapped["place_id"].eq(view.key) | mapped["place_id"].map(by_id["parent_place_id"]).eq(view.key)
            assert inside.any()
            lat, lon = mapped.loc[inside, "latitude"], mapped.loc[inside, "longitude"]
            assert (
                lat.min() - 0.03 < view.center[0] < lat.max() + 0.03
                and lon.min() - 0.05 < view.center[1] < lon.max() + 0.05
            )


def test_big_timeline_bins_stacked_counts_and_says_so(big):
    _, events, _ = big
    fig = timelines.timeline(events)
    assert fig.layout.barmode == "stack"
    bars = [t for t in fig.data if t.type == "bar" and t.showlegend is False]  # the legend's entries draw nothing
    assert bars and all(t.orientation in (None, "v") for t in bars), "counts, not one horizontal bar per event"
    assert sorted(t.name for t in fig.data if t.showlegend) == sorted(set(events["event_type"])), "a type each"
    assert all(t.customdata is None for t in bars)
    titles = " ".join(a.text for a in fig.layout.annotations)
    assert f"{len(events):,} events, too many for a bar each: counted per" in titles
    assert "Background" in titles
    # Every event is counted: whole events in the main panel, shares of events in the background.
    assert sum(sum(t.y) for t in bars) == pytest.approx(len(events))
    colours = {t.legendgroup: t.marker.pattern.fgcolor for t in bars}
    assert colours == {t: colour(t) for t in colours}, "the same palette"


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ("2020-10-05", "2020-10-07", "hour"),
        ("2020-10-01", "2020-11-30", "day"),
        ("2019-01-01", "2021-12-31", "week"),
        ("2000-01-01", "2024-12-31", "month"),
    ],
)
def test_bin_size_is_the_finest_that_fits(first, last, expected):
    assert timeline_layouts.bin_size(pd.Timestamp(first), pd.Timestamp(last)) == expected


def test_binned_counts_and_vagueness():
    events = pd.DataFrame(
        {
            "start": pd.to_datetime(
                ["2020-10-05 18:00", "2020-10-05 00:00", "2020-10-06 00:00", "2020-10-05 00:00"]
            ).astype("datetime64[us]"),
            "end": pd.to_datetime(
                ["2020-10-05 23:00", "2020-10-06 00:00", "2020-10-09 00:00", "2020-10-06 00:00"]
            ).astype("datetime64[us]"),
            "event_type": ["Protests", "Protests", "Riots", "Riots"],
        }
    )
    by_day = timeline_layouts.binned_counts(events, "day").set_index(["bin", "event_type", "vague"])["count"]
    assert by_day[(pd.Timestamp("2020-10-05"), "Protests", False)] == 2
    assert by_day[(pd.Timestamp("2020-10-05"), "Riots", False)] == 1
    assert by_day[(pd.Timestamp("2020-10-06"), "Riots", True)] == 1, "a three-day span counts where it begins, as vague"
    by_hour = timeline_layouts.binned_counts(events, "hour").set_index(["bin", "event_type", "vague"])["count"]
    assert by_hour[(pd.Timestamp("2020-10-05 18:00"), "Protests", True)] == 1, "an evening is longer than an hour"


def test_vague_background_is_spread_over_its_months():
    events = pd.DataFrame(
        {
            "start": pd.to_datetime(["2021-01-01", "2021-03-01"]).astype("datetime64[us]"),
            "end": pd.to_datetime(["2022-01-01", "2021-04-01"]).astype("datetime64[us]"),
            "event_type": ["Protests", "Riots"],
        }
    )
    spread = timeline_layouts.spread_by_month(events)
    assert spread["count"].sum() == pytest.approx(2)
    protests = spread[spread["event_type"] == "Protests"]
    assert len(protests) == 12 and protests["count"].round(6).eq(round(1 / 12, 6)).all()
    assert spread.loc[spread["event_type"] == "Riots", "bin"].tolist() == [pd.Timestamp("2021-03-01")]


def test_small_timeline_keeps_a_bar_per_event(bundled):
    _, events, _ = bundled
    fig = timelines.timeline(events)
    assert fig.layout.barmode == "overlay"
    shown = {row[0] for t in fig.data if t.customdata is not None for row in t.customdata}
    assert shown == set(events.index)


def test_a_filter_below_the_threshold_brings_back_single_events(big):
    index, _, basemap = big
    few = apply(index, Filters(date_from=date(2020, 10, 6), date_to=date(2020, 10, 6), event_types=("Riots",)))
    assert 0 < len(few) <= timeline_layouts.AGGREGATE_ABOVE
    assert timelines.timeline(few).layout.barmode == "overlay"
    view = map_views.views(index.events, index.dataset.places, basemap)[0]
    assert not any(
        t.name.startswith("squares")
        for t in draw_map(map_layout.map_layout(few, index.dataset.places, basemap, view), basemap).data
    )


# ---------------------------------------------------------------- paging


@pytest.mark.parametrize(
    "total, number, expected",
    [
        (0, 1, (1, 1, 0, 0)),
        (5, 1, (1, 1, 0, 5)),
        (PAGE_ROWS, 1, (1, 1, 0, PAGE_ROWS)),
        (PAGE_ROWS + 1, 2, (2, 2, PAGE_ROWS, PAGE_ROWS + 1)),
        (1_000_000, 3, (3, 5000, 2 * PAGE_ROWS, 3 * PAGE_ROWS)),
        (1_000_000, 99999, (5000, 5000, 999_800, 1_000_000)),  # past the end: the last page
        (1000, None, (1, 5, 0, PAGE_ROWS)),
        (1000, 0, (1, 5, 0, PAGE_ROWS)),
    ],
)
def test_page_bounds(total, number, expected):
    page = page_of(total, number)
    assert (page.number, page.count, page.start, page.stop) == expected
    assert page.paged == (page.count > 1)


def test_page_caption_says_the_download_is_whole():
    assert page_of(1_000_000, 2).caption == "Rows 201–400 of 1,000,000 (page 2 of 5,000); the download holds every row."


def test_overview_table_and_data_page_show_a_page_of_rows(big, monkeypatch):
    from streamlit.testing.v1 import AppTest

    index, events, _ = big
    monkeypatch.setenv("CITEMAP_DATA", str(index.dataset.data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "Event id" in d.value.columns)
    assert len(table) == PAGE_ROWS
    assert list(table["Event id"]) == list(events.index[:PAGE_ROWS])
    pager = at.number_input(key="overview_events_page")
    pager.set_value(3).run()
    table = next(d.value for d in at.dataframe if "Event id" in d.value.columns)
    assert list(table["Event id"]) == list(events.index[2 * PAGE_ROWS : 3 * PAGE_ROWS])
    assert any("Rows 401–600 of 20,000" in c.value for c in at.caption)

    at.switch_page("pages/5_Data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = {d.value.shape[0] for d in at.dataframe}
    assert max(shown) <= PAGE_ROWS
    assert at.number_input(key="page_events").proto.max == -(-len(events) // PAGE_ROWS)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download events as CSV" in labels and "Download events as GeoJSON" in labels


@pytest.mark.parametrize("dataset", ["bundled", "big"])
@pytest.mark.parametrize(
    "filters", [Filters(), Filters(event_types=("Riots",)), Filters(search="no such words anywhere")]
)
def test_actor_cards_count_roles_and_mentions_as_plain_pandas_would(dataset, filters, request):
    """The cards' roles (for all actors at once, in Arrow) and mentions (by integer positions) are what plain pandas gives, per actor."""
    from citemap.actors import actor_cards, mentions
    from citemap.contract import ROLE_WORDS
    from citemap.tables import split_list

    index = request.getfixturevalue(dataset)[0]
    events = apply(index, filters)
    cards = actor_cards(index, events, filters).set_index("actor_id", drop=False)
    if events.empty and not filters.is_empty:
        assert cards.empty
    else:
        assert len(cards)
    links = index.dataset.event_actors
    shown = links[links["event_id"].isin(events.index)]
    for actor_id, card in cards.iterrows():
        mine = shown[shown["actor_id"] == actor_id]
        roles = ", ".join(
            f"{ROLE_WORDS.get(role, role)} ×{count}"
            for role, count in mine["role"].astype("str").value_counts().items()
        )
        assert card["roles"] == roles, actor_id
        cited = {i for cell in [card["sentence_ids"], *mine["sentence_ids"]] for i in split_list(cell)}
        assert mentions(index, index.links.links_of(events), card) == (sorted(cited), len(cited)), actor_id


def test_basemap_rings_as_arrays_are_the_same_geojson_once_serialised(bundled):
    """The map draws the basemap with its rings as numpy arrays (cheap for plotly to copy): the JSON it sends is the file's."""
    import json

    from plotly.io.json import to_json_plotly

    basemap = bundled[2]
    assert [role for role, _ in basemap.compact_layers] == [role for role, _ in basemap.layers]
    for (_, original), (_, compact) in zip(basemap.layers, basemap.compact_layers):
        assert json.loads(to_json_plotly(compact)) == original


# ---------------------------------------------------------------- the briefing at scale


def test_a_name_that_would_overlap_one_written_is_left_out():
    """Kant lies 20 km east of Bishkek: at the whole country's zoom its name would run into Bishkek's; Osh's would not."""
    space = labels.LabelSpace(zoom=5.6, label_px=14)
    assert space.claim("Bishkek", 42.87472, 74.61222, dx_px=10)
    assert not space.claim("Kant", 42.8911, 74.8508, dx_px=10)
    assert space.claim("Osh", 40.53, 72.8, dx_px=10)
    assert not space.claim("Bishkek", 42.87472, 74.61222, dx_px=10)  # the same name twice overlaps itself


def test_two_names_end_to_end_are_kept_a_space_apart():
    """A name that would start where another ends reads as one word ('AravanOsh'): it must keep a gap."""
    space = labels.LabelSpace(zoom=5.6, label_px=14)
    width = labels.text_width_px("Aravan", 14)
    assert space.claim("Aravan", 40.53, 72.8, dx_px=0)
    assert not space.claim("Osh", 40.53, 72.8, dx_px=width + 1)  # touching, less than a space apart
    assert space.claim("Osh", 40.53, 72.8, dx_px=width + 14)  # a space and more


@pytest.mark.parametrize(
    ("filters", "legend"), [(Filters(), False), (Filters(event_types=("Riots",)), True)], ids=["all", "riots"]
)
def test_briefing_at_scale_counts_over_time_and_keeps_the_map_clear(big, filters, legend):
    """20,000 events (a few hundred of them riots): the counted timeline says what it counts by and keeps its own
    dated axis (not day names without years), and the map's legend leaves the country clear: none for every type
    counted in squares, and for the riots alone a small one in the corner Kyrgyzstan leaves empty."""
    from citemap import briefing

    index, _, basemap = big
    b = briefing.build(index, filters, basemap)
    fig = b.map.figure
    assert any(t.name in ("labels", "city labels") for t in fig.data), "no town is named"
    assert (fig.layout.showlegend is not False) == legend
    if legend:
        place = fig.layout.legend
        assert (place.x, place.xanchor, place.y, place.yanchor) == (0.99, "right", 0.01, "bottom")
    title = b.timeline.figure.layout.title.text
    assert "by hour" not in title and " per " in title, title
    ticks = [axis.ticktext for axis in b.timeline.figure.select_xaxes() if axis.ticktext]
    assert not ticks, f"day-name ticks on a chart of years: {ticks[:1]}"
    assert all(axis.type == "date" for axis in b.timeline.figure.select_xaxes())
