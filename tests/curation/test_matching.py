"""Names matched across spellings and scripts, and events matched to the events a dataset already has."""

from datetime import date

import pytest

from citemap.curation.matching import EventFacts, Known, fold, match_event, match_name, place_ancestors

KNOWN = [
    Known("act-jeenbekov", ("Sooronbay Jeenbekov", "Jeenbekov", "President Sooronbay Jeenbekov")),
    Known("act-asylbek", ("Asylbek Jeenbekov",)),
    Known("act-japarov", ("Sadyr Japarov", "Japarov")),
    Known("act-atambayev", ("Almazbek Atambayev", "Atambayev")),
    Known("act-putin", ("Vladimir Putin", "Putin")),
]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Jeenbekov", "act-jeenbekov"),
        ("Jeyenbekov", "act-jeenbekov"),
        ("Sooronbai Jeenbekov", "act-jeenbekov"),
        ("Жээнбеков", "act-jeenbekov"),
        ("Сооронбай Жээнбеков", "act-jeenbekov"),
        ("Japarov", "act-japarov"),
        ("Zhaparov", "act-japarov"),
        ("Жапаров", "act-japarov"),
        ("Aatambayev", "act-atambayev"),
        ("Atambaev", "act-atambayev"),
        ("Атамбаев", "act-atambayev"),
        ("Atambayeb", "act-atambayev"),  # a typo folding does not fix: rapidfuzz's score does
        ("Asylbek Jeenbekov", "act-asylbek"),
        ("Путин", "act-putin"),
    ],
)
def test_names_match_across_spellings_and_scripts(query, expected):
    matches = match_name(query, KNOWN)
    assert matches and matches[0].id == expected
    assert matches[0].score >= 85


@pytest.mark.parametrize("query", ["Turdukuov", "Asanov", "Osh", "Medvedev"])
def test_unknown_names_do_not_match(query):
    assert match_name(query, KNOWN) == []


def test_fold_is_spelling_blind():
    assert fold("Jeyenbekov") == fold("Jeenbekov") == fold("Жээнбеков")
    assert fold("Zhaparov") == fold("Japarov")


PLACES = [
    {"place_id": "pl-kg", "parent_place_id": ""},
    {"place_id": "pl-bishkek", "parent_place_id": "pl-kg"},
    {"place_id": "pl-white-house", "parent_place_id": "pl-bishkek"},
    {"place_id": "pl-osh", "parent_place_id": "pl-kg"},
]
ANCESTORS = place_ancestors(PLACES)
D = date.fromisoformat
EXISTING = [
    EventFacts(
        "ev-seized",
        "Riots",
        "Violent demonstration",
        D("2020-10-06"),
        None,
        "pl-white-house",
        frozenset({"act-protesters"}),
    ),
    EventFacts(
        "ev-osh-rally", "Protests", "Peaceful protest", D("2020-10-06"), None, "pl-osh", frozenset({"act-supporters"})
    ),
    EventFacts("ev-election", "Strategic developments", "Election", D("2020-10-04"), None, "pl-kg", frozenset()),
]


@pytest.mark.parametrize(
    "candidate, expected",
    [
        # same kind, same day, a city containing the site, shared actors: a second report
        (
            EventFacts(
                "new",
                "Riots",
                "Violent demonstration",
                D("2020-10-06"),
                None,
                "pl-bishkek",
                frozenset({"act-protesters"}),
            ),
            "ev-seized",
        ),
        # a vaguer date that covers the day, the place unsaid
        (
            EventFacts("new", "Riots", "Violent demonstration", D("2020-10-05"), D("2020-10-06"), "", frozenset()),
            "ev-seized",
        ),
        (
            EventFacts("new", "Strategic developments", "Election", D("2020-10-04"), None, "pl-kg", frozenset()),
            "ev-election",
        ),
        # another kind of happening
        (
            EventFacts(
                "new",
                "Protests",
                "Peaceful protest",
                D("2020-10-06"),
                None,
                "pl-white-house",
                frozenset({"act-protesters"}),
            ),
            None,
        ),
        # another day
        (
            EventFacts(
                "new",
                "Riots",
                "Violent demonstration",
                D("2020-10-08"),
                None,
                "pl-white-house",
                frozenset({"act-protesters"}),
            ),
            None,
        ),
        # another city
        (
            EventFacts(
                "new",
                "Protests",
                "Peaceful protest",
                D("2020-10-06"),
                None,
                "pl-bishkek",
                frozenset({"act-supporters"}),
            ),
            None,
        ),
    ],
)
def test_event_matching(candidate, expected):
    match = match_event(candidate, EXISTING, ANCESTORS)
    assert (match.event_id if match else None) == expected
