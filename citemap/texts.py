"""The sources' verbatim texts, held compressed and given back whole, one source at a time.

The dashboard reads a source's text only to show it (the Source reader, a quote's
paragraph): one source per rerun. Held as Python strings, the ten thousand sources of
a million-event dataset kept 170 MB resident for the life of the server, next to the
sentences table that already holds every sentence's text; compressed, they take a
fraction of that, and giving one back costs some microseconds. The text returned is
exactly the text read, byte for byte (zlib is lossless).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping

LEVEL = 1  # the fastest: compressing at load or at cache time must not slow a cold start noticeably


class SourceTexts(Mapping[str, str]):
    """source_id -> text, as a read-only mapping."""

    __slots__ = ("_packed",)

    def __init__(self, packed: Mapping[str, bytes]) -> None:
        self._packed = dict(packed)

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> SourceTexts:
        return cls({source_id: zlib.compress(text.encode("utf-8"), LEVEL) for source_id, text in texts.items()})

    def packed(self) -> dict[str, bytes]:
        """The compressed UTF-8 of each text, as the columnar cache stores it."""
        return dict(self._packed)

    def __getitem__(self, source_id: str) -> str:
        return zlib.decompress(self._packed[source_id]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"SourceTexts({len(self)} sources)"
