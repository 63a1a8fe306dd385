"""The dashboard on an ACLED import from another continent (Nigeria, synthetic sample): its events, ACLED's notes as quotes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from citemap.acled.importer import import_acled
from citemap.render import esc_html

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LEKKI_NOTES = "On 20 October 2020, soldiers opened fire on #EndSARS protesters at the Lekki toll gate in Lagos."


@pytest.fixture(scope="module")
def nigeria(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("acled") / "nigeria"
    assert (
        import_acled(
            [ROOT / "tests" / "acled" / "samples" / "nga_long_dates_crlf_bom.csv"],
            output,
            out=io.StringIO(),
            err=io.StringIO(),
        )
        == 0
    )
    return output


@pytest.fixture
def app_on(nigeria):
    saved = os.environ.get("CITEMAP_DATA")
    os.environ["CITEMAP_DATA"] = str(nigeria)

    def run(**query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    try:
        yield run
    finally:
        if saved is None:
            os.environ.pop("CITEMAP_DATA", None)
        else:
            os.environ["CITEMAP_DATA"] = saved


def test_an_acled_import_opens_with_its_events_and_acled_notes_as_the_quote(app_on):
    at = app_on(event="NGA9101")
    assert not at.exception, [e.value for e in at.exception]
    shown = next(m.value for m in at.markdown if " events, " in m.value).strip("*")
    assert shown.startswith("3 of 3 events")
    evidence = "\n".join(element.proto.body for element in at.get("html"))
    assert 'data-event="NGA9101"' in evidence
    assert f"“{esc_html(LEKKI_NOTES)}”" in evidence  # ACLED's words, verbatim, are the event's quote
    at.switch_page("pages/1_Map.py").run()  # the map of a country the bundled basemap does not cover
    assert not at.exception, [e.value for e in at.exception]
    assert f"“{esc_html(LEKKI_NOTES)}”" in "\n".join(element.proto.body for element in at.get("html"))


def test_the_evidence_panel_shows_acled_fields_of_an_imported_event(app_on):
    at = app_on(event="NGA9101")
    assert not at.exception, [e.value for e in at.exception]
    evidence = next(element.proto.body for element in at.get("html") if 'data-event="NGA9101"' in element.proto.body)
    for shown in ("NGA9101", "Political violence", "State forces-Protesters", "National-International", "Eti-Osa"):
        assert esc_html(shown) in evidence, shown
    assert "cm-acled" in evidence


def test_the_sidebar_offers_acled_filters_and_a_link_applies_them(app_on):
    at = app_on(admin1="Lagos", inter="7")
    assert not at.exception, [e.value for e in at.exception]
    labels = [m.label for m in at.multiselect]
    for label in (
        "ACLED disorder type",
        "ACLED sub-event type",
        "Region (ACLED admin1)",
        "ACLED actor type (inter1/inter2)",
    ):
        assert label in labels, labels
    assert at.multiselect(key="admin1").value == ["Lagos"]
    shown = next(m.value for m in at.markdown if " events, " in m.value).strip("*")
    assert shown.startswith("1 of 3 events") and "in region Lagos" in shown and "with actor type Civilians" in shown
