"""ACLED's own fields in the evidence panel (citemap.render.evidence_html), and nothing new for other events."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from citemap.acled.formats import interaction_words
from citemap.acled.importer import import_acled
from citemap.dataset import load
from citemap.index import DatasetIndex
from citemap.render import evidence_html

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nigeria(tmp_path_factory) -> DatasetIndex:
    output = tmp_path_factory.mktemp("acled-render") / "nigeria"
    sample = ROOT / "tests" / "acled" / "samples" / "nga_long_dates_crlf_bom.csv"
    assert import_acled([sample], output, out=io.StringIO(), err=io.StringIO()) == 0
    return DatasetIndex(load(output))


def plain(html: str) -> str:
    """The panel as a reader sees it: tags dropped, entities of the few characters used here read back."""
    text = re.sub(r"<br>|</p>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&#45;", "-").replace("&#40;", "(").replace("&#41;", ")").replace("&amp;", "&")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (16, "State forces-Protesters"),
        (60, "Protesters only"),
        (57, "Rioters-Civilians"),
        (18, "State forces-External/Other forces"),
        (99, "code 99"),
    ],
)
def test_interaction_codes_in_words(code, words):
    assert interaction_words(code) == words


def test_an_imported_event_shows_acled_id_disorder_interaction_source_scale_and_admin(nigeria):
    text = plain(evidence_html(nigeria, "NGA9101"))
    assert "ACLED: NGA9101" in text
    assert "Disorder type: Political violence" in text
    assert "Interaction: State forces-Protesters (16)" in text
    assert "Actor types: State forces (inter1 1); Protesters (inter2 6)" in text
    assert "Source scale: National-International" in text
    assert "Admin1 / admin2: Lagos / Eti-Osa" in text


def test_an_event_with_one_actor_says_only_and_names_no_second_type(nigeria):
    text = plain(evidence_html(nigeria, "NGA9102"))
    assert "Interaction: Protesters only (60)" in text
    assert "Actor types: Protesters (inter1 6)" in text
    assert "inter2" not in text
    assert "Admin1 / admin2: Federal Capital Territory / Abuja Municipal" in text


def test_events_acled_did_not_code_show_no_acled_lines():
    index = DatasetIndex(load())  # the bundled dataset: no acled_events rows
    assert index.dataset.acled_events.empty
    for event_id in index.events.index[:25]:
        html = evidence_html(index, event_id)
        assert "cm-acled" not in html and "Disorder type" not in html and "Source scale" not in html
