"""Precision and attribution in words, as the evidence panel and the overview say them."""

from pathlib import Path

import pytest

from citemap.overview import display_value, headline_figures
from citemap.provenance import citation, figure_phrase, paragraph_context, when, where

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "event_id, words",
    [
        ("ev-atambayev-freed", "6 October 2020, early morning (exact day)"),
        ("ev-bishkek-rally", "5 October 2020, evening (exact day)"),
        ("ev-monday-rallies", "night of 5–6 October 2020 (exact night)"),
        ("ev-opposition-plans", "between 5 October 2020 and 6 October 2020 (within a week)"),
        ("ev-armed-forces-deployed", "between 5 October 2020 and 15 October 2020 (within a month)"),
        ("ev-putin-mediation", "some time in 2019 (within a year)"),
        ("ev-tulip-revolution-2005", "some time in 2005 (within a year)"),
    ],
)
def test_when(index, event_id, words):
    assert when(index.events.loc[event_id]) == words


@pytest.mark.parametrize(
    "place_id, words",
    [
        ("pl-white-house", "White House (Ak Ui), Bishkek (the site or town is known, ±0.1 km)"),
        # A site of a known town is ACLED geo precision 1 even unlocated; its ring is the city's (docs/CODEBOOK.md, section 7).
        ("pl-gknb-hq", "State Committee on National Security headquarters, Bishkek (the site or town is known, ±6 km)"),
        ("", "place not stated in the source"),
    ],
)
def test_where(index, place_id, words):
    assert where(index, place_id) == words


@pytest.mark.parametrize(
    "figure_id, phrase, shown",
    [
        ("fig-killed", "1 killed, according to Government of Kyrgyzstan", "1"),
        (
            "fig-breakin-protesters",
            "about 2,000 participants (“around 2,000 protesters”), as the source states it",
            "≈2,000",
        ),
        (
            "fig-monday-protesters",
            "at least 2,000 participants (“thousands of people”), as the source states it",
            "≥2,000",
        ),
        ("fig-atambayev-sentence", "prison sentence: 11 years, as the source states it", "11 years"),
        ("fig-population", "population: about 6,500,000 people (“6.5 million”), as the source states it", "≈6,500,000"),
    ],
)
def test_figure_phrase_and_display(index, figure_id, phrase, shown):
    figure = index.dataset.figures.set_index("figure_id", drop=False).loc[figure_id]
    assert figure_phrase(index, figure) == phrase
    assert display_value(figure) == shown


def test_headline_figures_put_casualties_first_and_follow_the_filter(index):
    all_events = headline_figures(index, index.events)
    # Casualties first: every report of the killed (three sources agree on one), then every report of the wounded.
    assert list(all_events["metric"].drop_duplicates()[:2]) == ["killed", "wounded"]
    assert set(all_events["metric"][: (all_events["metric"] == "killed").sum()]) == {"killed"}
    only_osh = headline_figures(index, index.events.loc[["ev-osh-rally"]])
    assert only_osh.empty


def test_citation_and_context(index):
    assert (
        citation(index, "kg-2020-10-06-s014")
        == "News article, 6 Oct 2020 (publisher unknown; published 2020-10-06, inferred), paragraph 14, sentence s014"
    )
    assert "caption" in citation(index, "kg-2020-10-06-s004")
    before, sentence, after = paragraph_context(index, "kg-2020-10-06-s014")
    assert sentence == "One person has been killed and 590 wounded in the clashes, the government said."


def test_actor_cards_follow_the_filter_and_count_roles(index):
    from citemap.actors import actor_cards, mentions
    from citemap.filters import Filters, apply

    everyone = actor_cards(index, index.events, Filters())
    assert len(everyone) == len(index.dataset.actors)  # with no filter, even actors tied to no event
    assert everyone.loc["act-russia", "event_count"] == 0
    atambayev = everyone.loc["act-atambayev"]
    assert atambayev["event_count"] == 6
    assert atambayev["first_event"] == "ev-falling-out" and atambayev["last_event"] == "ev-atambayev-rearrested"
    assert "target ×3" in atambayev["roles"]
    ids, count = mentions(index, index.links.links_of(index.events), atambayev)
    assert "kg-2020-10-06-s024" in ids and count == len(ids) == len(set(ids)) and ids == sorted(ids)
    assert mentions(index, index.links.links_of(index.events), atambayev, limit=2) == (ids[:2], count)

    osh = Filters(places=("pl-osh",))
    shown = actor_cards(index, apply(index, osh), osh)
    assert set(shown.index) == {"act-jeenbekov-supporters", "act-asylbek-jeenbekov", "act-local-media"}


def test_a_span_of_dates_is_never_called_one_exact_day(index):
    """Every event and date report spanning two or more days is worded without '(exact day)'."""
    from citemap.disagreement import date_value

    spans = index.events[index.events["date_end"].notna() & (index.events["date_end"] != index.events["event_date"])]
    assert len(spans) > 5
    for _, event in spans.iterrows():
        assert "(exact day)" not in when(event), event.name
    reports = index.dataset.event_dates
    spanning = reports[reports["date_end"].notna() & (reports["date_end"] != reports["event_date"])]
    for _, report in spanning.iterrows():
        assert "(exact day)" not in date_value(report)


def test_the_source_words_stand_in_one_pair_of_quotation_marks(index):
    from citemap.provenance import quote
    from citemap.render import evidence_html, quote_block

    own_marks = quote(index, "kg-2020-10-06-s023")  # '“They surrendered,” he added.'
    block = quote_block(index, own_marks)
    assert "“They surrendered,” he added." in block
    assert block.count("“") == 1 and block.count("”") == 1
    plain = quote_block(index, quote(index, "kg-2020-10-06-s005"))
    assert plain.count("“") == 1 and plain.count("”") == 1
    html = evidence_html(index, "ev-monday-rallies")
    assert "says: “Monday night”" in html and "““" not in html


def test_the_curators_reasoning_is_a_labelled_note(index):
    from citemap.render import evidence_html

    html = evidence_html(index, "ev-monday-rallies")
    note_at = html.index("class='cm-note'")
    assert "Curator’s note" in html[note_at : note_at + 200]
    assert "not the source’s words" in html[note_at : note_at + 200]
    assert "the night of 5 to 6 October 2020" in html[note_at:]
