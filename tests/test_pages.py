"""Page flows through Streamlit's AppTest: what a user does, checked on what the script draws."""

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = [
    "pages/1_Map.py",
    "pages/2_Timeline.py",
    "pages/3_Actors.py",
    "pages/4_Source.py",
    "pages/5_Data.py",
    "pages/6_Briefing.py",
    "pages/7_Disagreements.py",
]
FREED_QUOTE = "Protesters then broke into the headquarters of State Committee on National Security and freed former president Almazbek Atambayev"


def fresh(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def description(at: AppTest) -> str:
    return next(m.value for m in at.markdown if " events, " in m.value).strip("*")


def html_text(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", ["app.py", *PAGES])
def test_every_page_renders_without_exception(page):
    at = fresh()
    if page != "app.py":
        at.switch_page(page).run()
    no_exception(at)
    assert description(at) == "38 of 38 events, no filter"


@pytest.mark.parametrize("page", ["app.py", *PAGES])
def test_every_page_renders_a_filter_that_matches_nothing(page):
    at = fresh(q="no such words anywhere")
    if page != "app.py":
        at.switch_page(page).run()
    no_exception(at)
    assert description(at) == "0 of 38 events, mentioning “no such words anywhere”"


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("date_range", (date(2020, 10, 5), date(2020, 10, 6)), "19 of 38 events, 5–6 October 2020"),
        ("actors", ["act-atambayev"], "6 of 38 events, involving Almazbek Atambayev"),
        ("event_types", ["Riots"], "2 of 38 events, of type Riots"),
        ("places", ["pl-osh"], "1 of 38 events, in Osh"),
    ],
)
def test_each_filter_changes_the_counts(key, value, expected):
    at = fresh()
    widget = at.date_input(key=key) if key == "date_range" else at.multiselect(key=key)
    widget.set_value(value).run()
    no_exception(at)
    assert description(at) == expected


def test_search_filters_summaries_and_quotes():
    at = fresh()
    at.text_input(key="search").input("surrendered").run()
    assert description(at) == "1 of 38 events, mentioning “surrendered”"


def test_filters_survive_a_page_switch_and_reach_the_url():
    at = fresh()
    at.multiselect(key="actors").set_value(["act-atambayev"]).run()
    at.switch_page("pages/2_Timeline.py").run()
    no_exception(at)
    assert description(at) == "6 of 38 events, involving Almazbek Atambayev"
    assert at.multiselect(key="actors").value == ["act-atambayev"]
    assert at.query_params["actor"] == "act-atambayev"
    at.switch_page("pages/1_Map.py").run()
    assert description(at) == "6 of 38 events, involving Almazbek Atambayev"


def test_reset_clears_every_filter():
    at = fresh(actor="act-atambayev", q="fire")
    assert description(at).startswith("0 of 23") or "involving" in description(at)
    at.button(key="reset").click().run()
    assert description(at) == "38 of 38 events, no filter"
    assert at.multiselect(key="actors").value == []
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("page", ["app.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Actors.py"])
def test_url_with_event_shows_its_quote_and_the_selection_follows_page_switches(page):
    at = fresh(event="ev-atambayev-freed")
    if page != "app.py":
        at.switch_page(page).run()
    no_exception(at)
    assert FREED_QUOTE in html_text(at)


def test_shared_url_reproduces_the_filtered_view():
    at = fresh(**{"from": "2020-10-05", "to": "2020-10-06", "actor": "act-atambayev", "event": "ev-atambayev-freed"})
    assert description(at) == "2 of 38 events, 5–6 October 2020, involving Almazbek Atambayev"
    assert at.date_input(key="date_range").value == (date(2020, 10, 5), date(2020, 10, 6))
    assert FREED_QUOTE in html_text(at)


def test_malformed_url_shows_a_notice_not_an_exception():
    at = fresh(**{"from": "notadate", "actor": "act-nobody", "zzz": "1"})
    no_exception(at)
    notices = " ".join(w.value for w in at.warning)
    assert "not a date" in notices and "act-nobody" in notices and "zzz" in notices
    assert description(at) == "38 of 38 events, no filter"


def test_evidence_button_opens_the_source_reader_at_the_sentence():
    at = fresh(event="ev-bishkek-rally")
    at.button(key="evidence_open_kg-2020-10-06-s014").click().run()
    no_exception(at)
    assert at.title[0].value == "Source"
    body = html_text(at)
    assert 'class="cm-s cm-selected" id="kg-2020-10-06-s014"' in body
    assert at.query_params["sentence"] == "kg-2020-10-06-s014"


def test_actor_card_sets_the_actor_filter():
    at = fresh()
    at.switch_page("pages/3_Actors.py").run()
    # A card on the first page of 24 (the cards run from the most events down).
    at.button(key="card_filter_act-turdukuov").click().run()
    no_exception(at)
    assert description(at) == "1 of 38 events, involving Adil Turdukuov"
    assert at.multiselect(key="actors").value == ["act-turdukuov"]
    # The filter holds this actor alone: the button would change nothing, so it is gone.
    assert not [b for b in at.button if b.key == "card_filter_act-turdukuov"]


def test_actor_cards_offer_the_filter_only_for_actors_in_the_shown_events_and_cite_their_numbers():
    at = fresh()
    at.switch_page("pages/3_Actors.py").run()
    at.number_input(key="actor_page").set_value(2).run()  # the actors in no event come last, on the second page
    no_exception(at)
    with open(Path(APP).parent / "data" / "event_actors.csv", newline="", encoding="utf-8") as f:
        in_events = {row["actor_id"] for row in csv.DictReader(f)}
    offered = {b.key.removeprefix("card_filter_") for b in at.button if b.key and b.key.startswith("card_filter_")}
    body = html_text(at)
    assert "Babanov" in body  # a card of an actor in no event is drawn ...
    assert offered and offered <= in_events  # ... without the button, which would show nothing
    assert "act-babanov" not in offered
    at.number_input(key="actor_page").set_value(1).run()
    body = html_text(at)
    # '61 years old' in Jeenbekov's description links to the sentence that says 'the 61-year-old'.
    assert "61<sup class='cm-sid'><a href=\"Source?sentence=kg-2020-10-06-s034\"" in body
    assert ">uncited<" not in body


def test_choosing_an_event_in_the_panel_shows_its_evidence():
    at = fresh()
    at.selectbox(key="evidence_picker").select("ev-atambayev-freed").run()
    no_exception(at)
    assert FREED_QUOTE in html_text(at)
    assert at.query_params["event"] == "ev-atambayev-freed"


def test_data_tables_show_empty_cells_empty_and_wrap_long_text():
    at = fresh()
    at.switch_page("pages/5_Data.py").run()
    no_exception(at)
    events = next(d for d in at.dataframe if "date_text" in d.value.columns)
    assert (events.value["time_of_day"].astype("string").fillna("") == "").any()  # empty cells ...
    assert events.proto.HasField("placeholder") and events.proto.placeholder == ""  # ... drawn empty, not "None"
    assert events.proto.row_height > 64  # Streamlit's grid wraps a cell's text only in a row taller than 4rem
    summary = json.loads(events.proto.columns)["summary"]
    assert summary["width"] == "large"


def test_overview_says_how_another_count_of_a_headline_metric_differs():
    at = fresh()
    no_exception(at)
    captions = [c.value for c in at.caption if c.value.startswith("Not the same count")]
    # The police's two wounded (Wikipedia) beside the government's 590: whose count, who says it, in which words.
    assert any(
        "2 wounded of Police only" in c and "in Wikipedia" in c and "“injured two of them”" in c for c in captions
    ), captions
    assert any("in another event" in c and "“around 2,000 protesters”" in c for c in captions), captions


def test_the_map_view_is_in_the_url_and_survives_a_page_switch():
    at = fresh(view="pl-bishkek")
    at.switch_page("pages/1_Map.py").run()
    no_exception(at)
    assert at.radio(key="map_view").value == "pl-bishkek"
    assert at.query_params["view"] == "pl-bishkek"
    at.switch_page("pages/2_Timeline.py").run()
    at.switch_page("pages/1_Map.py").run()
    assert at.radio(key="map_view").value == "pl-bishkek"
    at.radio(key="map_view").set_value("overview").run()
    assert "view" not in at.query_params, "the first view is the default: left out of the URL"
    expander = next(e for e in at.expander if "not on the map" in e.label)
    assert expander.label.startswith("29 events not on the map (28 known only to the country; 1 with no place stated)")


def test_a_link_to_a_view_the_map_does_not_offer_says_so():
    at = fresh(view="pl-osh")
    at.switch_page("pages/1_Map.py").run()
    no_exception(at)
    assert at.radio(key="map_view").value == "overview"
    assert any("no view of “pl-osh”" in w.value for w in at.warning)
