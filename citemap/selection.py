"""Plotly selections turned into event ids: a pure function that tests can call."""

from __future__ import annotations


def selected_event_ids(chart_state) -> list[str]:
    """Event ids from a plotly selection (clicked or boxed points), first seen first.

    A point stands for one event or, a disc of crowded events on the map, for several: its ids
    ';'-separated (the contract's list separator, which no id contains).
    """
    try:
        points = chart_state["selection"]["points"]
    except (KeyError, TypeError):
        return []
    ids: dict[str, None] = {}
    for point in points:
        custom = point.get("customdata")
        value = custom[0] if isinstance(custom, (list, tuple)) and custom else custom
        if isinstance(value, str):
            ids.update(dict.fromkeys(part for part in value.split(";") if part))
    return list(ids)
