"""Which countries a set of events lies in, and how a view or a title names them.

A dataset may cover one country (the bundled Kyrgyz data), or several (an ACLED export of a region): the map's
overview and the Briefing's title name what is shown from the data, never a fixed "whole country".
"""

from __future__ import annotations

import pandas as pd

from .index import DatasetIndex
from .words import plural

# A title names this many countries at most; more are counted ("12 countries").
NAMED_IN_TITLE = 3


def countries_of(index: DatasetIndex, events: pd.DataFrame) -> list[tuple[str, int]]:
    """(country name, events in it) for each country place holding some of these events, most events first
    (then by name); an event whose place lies in no country place is in none."""
    places = index.dataset.places
    countries = places[places["kind"].astype(str) == "country"]
    if not len(countries) or not len(events):
        return []
    # Each place's country in one dict, then one lookup per event: an import has 100,000 events and 40 countries.
    country_of = {
        place: str(name)
        for place_id, name in zip(countries["place_id"], countries["name"])
        for place in index.place_descendants.get(place_id, frozenset({place_id}))
    }
    counts = pd.Series(events["place_id"].astype(object).map(country_of)).dropna().value_counts()
    return sorted(((str(name), int(count)) for name, count in counts.items()), key=lambda pair: (-pair[1], pair[0]))


def dataset_countries(index: DatasetIndex) -> list[str]:
    """The names of the countries of every event of the dataset, most events first."""
    return [name for name, _ in countries_of(index, index.events)]


def overview_label(countries: list[str]) -> str:
    """The map's view of everything: the country's name, "All countries (N)", or "All mapped events" when the
    data names no country."""
    if len(countries) == 1:
        return countries[0]
    if countries:
        return f"All countries ({len(countries)})"
    return "All mapped events"


def countries_in_title(countries: list[str]) -> str:
    """'Nigeria', 'Nigeria and Niger', 'Nigeria, Niger and Chad', or '12 countries' past NAMED_IN_TITLE."""
    if len(countries) > NAMED_IN_TITLE:
        return plural(len(countries), "country", "countries")
    if len(countries) > 1:
        return f"{', '.join(countries[:-1])} and {countries[-1]}"
    return countries[0] if countries else ""
