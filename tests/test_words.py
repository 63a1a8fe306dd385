"""How counts, labels and quotations are worded."""

import pytest

from citemap.words import plural, quoted, shorten


@pytest.mark.parametrize(
    "text, limit, short",
    [
        (
            "Protesters break into the headquarters of the State Committee",
            40,
            "Protesters break into the headquarters…",
        ),
        ("Fits whole", 40, "Fits whole"),
        ("A, b; c: the list, goes on and on and on", 14, "A, b; c: the…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),  # one long word: cut inside, nothing else to do
    ],
)
def test_shorten_cuts_between_words(text, limit, short):
    assert shorten(text, limit) == short
    assert len(shorten(text, limit)) <= limit


def test_plural_and_quoted():
    assert plural(1, "source") == "1 source" and plural(2, "source") == "2 sources"
    assert quoted(" Monday night ") == "“Monday night”"
    assert quoted("“They surrendered,” he added.") == "“They surrendered,” he added."
    assert quoted("freed “without force”, he said") == "“freed “without force”, he said”"  # inner marks double nothing
