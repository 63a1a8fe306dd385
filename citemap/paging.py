"""Tables too long to send whole: which rows a page shows, and the words that say so.

Plain Python, no Streamlit: the page scripts draw the page picker, this decides
what it picks. Downloads are never paged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PAGE_ROWS = 200


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    count: int  # pages in all
    start: int  # first row, from 0
    stop: int  # one past the last row
    total: int  # rows in all

    @property
    def paged(self) -> bool:
        return self.count > 1

    @property
    def caption(self) -> str:
        if not self.total:
            return "No rows."
        return f"Rows {self.start + 1:,}–{self.stop:,} of {self.total:,} (page {self.number:,} of {self.count:,}); the download holds every row."


def page_of(total: int, number: int | None = 1, rows: int = PAGE_ROWS) -> Page:
    """Page `number` (clamped to the pages there are) of a table of `total` rows."""
    count = max(1, math.ceil(total / rows))
    number = min(max(int(number or 1), 1), count)
    start = (number - 1) * rows
    return Page(number, count, start, min(start + rows, total), total)
