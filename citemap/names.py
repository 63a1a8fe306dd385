"""Names across spellings and scripts: folding for search, transliteration where only ASCII can be drawn."""

from __future__ import annotations

import unicodedata

from anyascii import anyascii


def fold(text: str) -> str:
    """Text as search compares it: case and diacritics ignored ('Ömürbek' and 'OMURBEK' are 'omurbek'); scripts kept."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def ascii_name(text: str) -> str:
    """A transliteration for what can draw ASCII only: 'Жээнбеков' is 'Zheenbekov', 'Ysyk-Köl' is 'Ysyk-Kol', never missing letters."""
    text = str(text)
    return text if text.isascii() else anyascii(text)


def name_variants(name: str, aliases: list[str]) -> list[str]:
    """The name, its aliases, and the plain-letter form of each where it differs, once each: what a picker lets a user type."""
    seen, variants = set(), []
    for text in [name, *aliases]:
        for variant in (text.strip(), ascii_name(text.strip())):
            # Kept apart where the letters differ ('Ömürbek', 'Omurbek'): a picker may match letters as typed.
            if variant and variant.casefold() not in seen:
                seen.add(variant.casefold())
                variants.append(variant)
    return variants
