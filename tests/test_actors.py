"""Numbers in an actor's description, each paired with the sentence that holds it."""

import pytest

from citemap.actors import cited_numbers

TEXTS = {
    "s1": "Atambayev was close with his successor Jeenbekov, the 61-year-old who won the election in 2017.",
    "s2": "On 12 October 2020, President Jeenbekov announced a state of emergency.",
    "h6": "6 October",
}


@pytest.mark.parametrize(
    "description, cited",
    [
        ("Won the 2017 election; 61 years old.", [("2017", "s1"), ("61", "s1")]),
        ("Declared an emergency on 12 October 2020.", [("12 October 2020", "s2")]),
        ("Seized on 6 October.", [("6 October", "h6")]),  # found beyond the actor's own sentences: a heading
        ("Protested the 4 October 2020 vote.", [("4 October 2020", "")]),  # no sentence holds it: uncited
        ("Resigned on 16 October.", [("16 October", "")]),  # '6 October' inside '16 October' is not it
        ("No numbers here.", []),
    ],
)
def test_cited_numbers(description, cited):
    pieces = cited_numbers(description, ["s1", "s2"], ["h6"], TEXTS)
    assert "".join(words for words, _ in pieces) == description  # nothing lost or added
    assert [(words, sentence) for words, sentence in pieces if sentence is not None] == cited
