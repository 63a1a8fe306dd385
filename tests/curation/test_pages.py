"""The Curate and Add source pages through AppTest: accept a proposal and the count moves; bad input is refused on the page."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from citemap.csvwrite import read_rows
from citemap.curation import review
from citemap.curation.add_source import SourceMeta, add_source

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SHORT = (
    b"Police arrested 13 people in Osh on Monday, the interior ministry said.\n\n"
    b"Around 200 protesters rallied in Bishkek on Sunday evening.\n"
)


@pytest.fixture
def curated(data_copy, monkeypatch):
    monkeypatch.setenv("CITEMAP_DATA", str(data_copy))
    add_source(data_copy, SHORT, SourceMeta(published="2020-10-13", publisher="Test News"), who="ana")
    return data_copy


def _progress(at) -> str:
    return next(p.proto.text for p in at.get("progress"))


def test_accepting_a_proposal_moves_the_count_and_saves_the_row(curated):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/9_Curate.py").run()
    assert not at.exception, [e.value for e in at.exception]
    total = len(review.load_queue(curated).proposals)
    assert _progress(at) == f"0 of {total} reviewed"
    events = [k for k in at.selectbox(key="curate_pick").options if "events" in k]
    at.selectbox(key="curate_pick").set_value(
        next(k for k in review.load_queue(curated).pending() if k["kind"] == "events")["key"]
    ).run()
    at.button(key="curate_accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    reviewed = review.load_queue(curated).reviewed
    assert reviewed >= 1 and _progress(at) == f"{reviewed} of {total} reviewed"
    assert any(s.value.startswith("Accepted") and "saved as change" in s.value for s in at.success)
    assert any(r["event_id"].startswith("ev-test-news-2020-10-13-s001") for r in read_rows(curated / "events.csv"))
    assert events


def test_the_add_source_page_refuses_a_future_text_and_adds_a_good_one(data_copy, monkeypatch):
    monkeypatch.setenv("CITEMAP_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/8_Add_source.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="add_text").set_value("")
    at.date_input(key="add_published").set_value("2020-10-13")
    at.button(key="FormSubmitter:add_source_form-Add source").click().run()
    assert any("empty" in e.value for e in at.error)
    at.text_area(key="add_text").set_value(SHORT.decode())
    at.text_input(key="add_publisher").set_value("Test News")
    at.button(key="FormSubmitter:add_source_form-Add source").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Added test-news-2020-10-13" in s.value for s in at.success)
    assert any(r["source_id"] == "test-news-2020-10-13" for r in read_rows(data_copy / "sources.csv"))
