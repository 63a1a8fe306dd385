"""One colour per event type, the same on every page, export and briefing.

Okabe-Ito colours: distinguishable with the common forms of colour blindness
(Okabe and Ito, 2008), and dark enough to read as text on white.
"""

from __future__ import annotations

from .contract import EVENT_TYPES

EVENT_TYPE_COLOURS: dict[str, str] = {
    "Protests": "#0072B2",  # blue
    "Riots": "#D55E00",  # vermillion
    "Strategic developments": "#009E73",  # bluish green
    "Violence against civilians": "#CC79A7",  # reddish purple
    "Battles": "#E69F00",  # orange
    "Explosions/Remote violence": "#56B4E9",  # sky blue
}
assert set(EVENT_TYPE_COLOURS) == set(EVENT_TYPES)

INK = "#1f2933"
MUTED = "#6b7280"
HIGHLIGHT = "#fff3b0"
BASEMAP_FILL = "#f3f1ea"
BASEMAP_LINE = "#9a9486"


def colour(event_type: str) -> str:
    return EVENT_TYPE_COLOURS.get(event_type, MUTED)


def with_alpha(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"
