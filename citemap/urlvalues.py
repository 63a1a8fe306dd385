"""Reading one value of a URL query parameter: a date, a list of ids, a whole number.

Reading never raises: a value that does not parse, or an id the dataset does not
have, is left out and named in a notice for the user (appended to `notices`).
Plain Python: the filters (citemap/filters.py) read their own keys with these,
and citemap/urlstate.py reads the rest of a URL.
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date

from .problems import visible

MAX_LIST_ITEMS = 50
# Exactly the form the notice names: date.fromisoformat alone also takes 20201006 and 2020-W41-1.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# ASCII digits only: int() also reads "١٢" and " 12 " and "1_2", which no widget writes.
_WHOLE_NUMBER = re.compile(r"[0-9]+")


def short(text: str, limit: int = 60) -> str:
    """Text from the URL as a notice quotes it: invisible characters written out (\\n, \\x00), shortened."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_date(key: str, text: str, notices: list[str]) -> date | None:
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass  # the right shape, but no such day (2020-02-30)
    notices.append(f"Ignored “{key}={short(text)}”: not a date in the form YYYY-MM-DD.")
    return None


def read_ids(key: str, text: str, known: Container[str], what: str, notices: list[str]) -> tuple[str, ...]:
    """The comma-separated ids the dataset has, each once, in the order given."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        notices.append(f"Ignored “{key}” items after the first {MAX_LIST_ITEMS}.")
        items = items[:MAX_LIST_ITEMS]
    kept: list[str] = []
    for item in items:
        if item in known:
            if item not in kept:
                kept.append(item)
        else:
            notices.append(f"Ignored {what} “{short(item)}” in “{key}”: no such {what} in this dataset.")
    return tuple(kept)


def read_positive_whole_number(key: str, text: str, notices: list[str]) -> int | None:
    """A whole number of 1 or more, written in ASCII digits; None (and a notice) for anything else."""
    if _WHOLE_NUMBER.fullmatch(text) and int(text) >= 1:
        return int(text)
    notices.append(f"Ignored “{key}={short(text)}”: not a whole number of 1 or more.")
    return None
