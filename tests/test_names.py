"""Names across spellings and scripts: search and the actor picker find an actor by any alias, ignoring case and diacritics."""

from __future__ import annotations

import pytest

from citemap.charts.labels import text_width_px
from citemap.dataset import load
from citemap.index import DatasetIndex
from citemap.names import ascii_name, fold, name_variants

from . import multisource


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ömürbek Babanov", "omurbek babanov"),
        ("OMURBEK", "omurbek"),
        ("Жээнбеков", "жээнбеков"),  # the script is kept: a Cyrillic query finds Cyrillic names
        ("Ala-Too Square", "ala-too square"),
    ],
)
def test_fold_ignores_case_and_diacritics(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        ("Жээнбеков", "Zheenbekov"),
        ("Ысык-Көл", "Ysyk-Kol"),
        ("Ysyk-Köl", "Ysyk-Kol"),
        ("Bishkek", "Bishkek"),
    ],
)
def test_what_the_stroke_font_cannot_draw_is_transliterated_never_dropped(text, drawn):
    assert ascii_name(text) == drawn
    assert text_width_px(text, 13) == pytest.approx(text_width_px(drawn, 13))
    assert text_width_px(text, 13) > 0


def test_name_variants_hold_every_spelling_once():
    assert name_variants("Ömürbek Babanov", ["Omurbek Babanov", "Бабанов", " babanov "]) == [
        "Ömürbek Babanov",
        "Omurbek Babanov",
        "Бабанов",
        "Babanov",
    ]


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> DatasetIndex:
    return DatasetIndex(load(multisource.build(tmp_path_factory.mktemp("names") / "data")))


@pytest.mark.parametrize(
    ("query", "events"),
    [
        ("демонстранты", {"ev-rally"}),  # an alias in another script
        ("ДЕМОНСТРАНТЫ", {"ev-rally"}),
        ("oppositión", {"ev-rally"}),  # diacritics ignored both ways
        ("OPPOSITION", {"ev-rally"}),
        ("protestors", {"ev-rally"}),  # an alias: no sentence holds this plural
        ("tear gas", {"ev-tear-gas"}),  # plain text still found
        ("no such words", set()),
    ],
)
def test_search_finds_an_actor_by_any_alias(two_sources, query, events):
    found = two_sources.search(query)
    assert set(two_sources.events.index[found]) == events


def test_the_actor_picker_label_holds_every_spelling(two_sources):
    assert (
        two_sources.actor_label("act-protesters")
        == "Protesters (Protestors, Демонстранты, Demonstranty, Öppositión, Opposition)"
    )
