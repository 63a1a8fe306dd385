"""Plotly selections turned into event ids: a pure function that tests can call."""

from __future__ import annotations


def selected_event_ids(chart_state) -> list[str]:
    """Event ids from a plotly selection (clicked or boxed points), first seen first."""
    try:
        points = chart_state["selection"]["points"]
    except (KeyError, TypeError):
        return []
    ids = []
    for point in points:
        custom = point.get("customdata")
        value = custom[0] if isinstance(custom, (list, tuple)) and custom else custom
        if isinstance(value, str) and value not in ids:
            ids.append(value)
    return ids
