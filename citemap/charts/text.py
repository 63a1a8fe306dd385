"""Dataset text inside plotly figures: always escaped, so it shows as text and never as markup."""

from __future__ import annotations

import html

import pandas as pd

from ..provenance import when
from ..words import shorten  # noqa: F401 (the charts' labels import it from here)


def safe(text: str) -> str:
    """Escape text for plotly, which renders a subset of HTML (links included) in labels and hovers.

    Quotes stay as they are: plotly decodes only a few entities (&amp; &lt; &gt; and numeric ones, not
    &quot;), so an escaped quote would show as "&quot;"; and with < escaped no tag, hence no attribute, can form.
    """
    return html.escape(str(text), quote=False).replace("\n", " ")


def wrap(text: str, width: int = 60) -> str:
    """Break escaped text into lines for a hover label."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(safe(part) for part in lines)


def hover_text(event: pd.Series | dict) -> str:
    place = event["place_name"] if isinstance(event["place_name"], str) else "place not stated"
    return (
        f"<b>{safe(when(event))}</b><br>{wrap(event['summary'])}<br>"
        f"<i>{safe(place)}</i> · {safe(event['event_type'])} · click for the source"
    )


# Advance widths of Arial (and of Liberation Sans, made to match it), in font sizes, for the printable ASCII
# characters from the space on: the timeline is drawn in that font, so its labels can be measured before drawing.
_ARIAL = dict(
    zip(
        (chr(code) for code in range(32, 127)),
        (
            0.278,
            0.278,
            0.355,
            0.556,
            0.556,
            0.889,
            0.667,
            0.191,
            0.333,
            0.333,
            0.389,
            0.584,
            0.278,
            0.333,
            0.278,
            0.278,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.556,
            0.278,
            0.278,
            0.584,
            0.584,
            0.584,
            0.556,
            1.015,
            0.667,
            0.667,
            0.722,
            0.722,
            0.667,
            0.611,
            0.778,
            0.722,
            0.278,
            0.5,
            0.667,
            0.556,
            0.833,
            0.722,
            0.778,
            0.667,
            0.778,
            0.722,
            0.667,
            0.611,
            0.722,
            0.667,
            0.944,
            0.667,
            0.667,
            0.611,
            0.278,
            0.278,
            0.278,
            0.469,
            0.556,
            0.333,
            0.556,
            0.556,
            0.5,
            0.556,
            0.556,
            0.278,
            0.556,
            0.556,
            0.222,
            0.222,
            0.5,
            0.222,
            0.833,
            0.556,
            0.556,
            0.556,
            0.556,
            0.333,
            0.5,
            0.278,
            0.556,
            0.5,
            0.722,
            0.5,
            0.5,
            0.5,
            0.334,
            0.26,
            0.334,
            0.584,
        ),  # fmt: skip
    )
)
_ARIAL.update({"…": 1.0, "“": 0.333, "”": 0.333, "’": 0.222, "‘": 0.222, "–": 0.556, "—": 1.0})
_OTHER = 0.65  # a letter outside the table (Cyrillic, accented): about a capital's width, to be safe
_WIDE = 1.0  # CJK and other full-width characters


def text_width(text: str, font_px: float) -> float:
    """The drawn width of text in Arial (or Liberation Sans) at font_px, in pixels: no wider than measured."""
    return font_px * sum(_ARIAL.get(c, _WIDE if ord(c) >= 0x2E80 else _OTHER) for c in text)
