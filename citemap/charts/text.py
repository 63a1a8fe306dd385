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
