import subprocess
import sys
from pathlib import Path

import pytest

from citemap.segment import paragraph_kind, segment

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "data" / "sources" / "kyrgyzstan-2020-10-06.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Kyrgyz White House on fire", "heading"),
        ("Police ordered ‘not to shed blood’", "heading"),
        ("People protest in Bishkek on October 5, 2020 (AFP)", "caption"),
        ("People protest in Bishkek, Kyrgyzstan on October 5, 2020. (AP)", "caption"),
        ("pic.twitter.com/abc — Insider Paper (@TheInsiderPaper) October 6, 2020", "embed"),
        ("Former President of #Kyrgyzstan released. – #Bishkek", "embed"),
        ("“They surrendered,” he added.", "body"),
        ("Governors resign", "heading"),
    ],
)
def test_paragraph_kinds(text, kind):
    assert paragraph_kind(text) == kind


def test_sentences_split_on_sentence_ends_only():
    text = "First one, with 24.kg inside. “Second,” he said. third stays joined.\n\nNew paragraph."
    parts = segment("x", text)
    assert [p.text for p in parts] == [
        "First one, with 24.kg inside.",
        "“Second,” he said. third stays joined.",
        "New paragraph.",
    ]
    assert [p.paragraph for p in parts] == [1, 1, 2]
    assert all(text[p.start : p.end] == p.text for p in parts)


def test_segmenting_the_article_is_deterministic_and_matches_the_committed_table():
    first, second = segment("kg-2020-10-06", ARTICLE), segment("kg-2020-10-06", ARTICLE)
    assert first == second
    committed = (ROOT / "data" / "sentences.csv").read_text(encoding="utf-8")
    for sentence in first:
        assert (
            f"{sentence.sentence_id},kg-2020-10-06,{sentence.paragraph},{sentence.start},{sentence.end},{sentence.kind},"
            in committed
        )


def test_segment_command_keeps_ids_and_reasons_when_rerun(data_copy):
    before = (data_copy / "sentences.csv").read_text(encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "citemap", "segment", "kg-2020-10-06", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "0 new or changed" in run.stdout
    assert (data_copy / "sentences.csv").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("source_id", ["kg-2020-10-06", "wikipedia-2020-kyrgyz-revolution"])
def test_segmenting_a_bundled_source_again_changes_no_byte(data_copy, source_id):
    """Ids stay stable: the command rebuilds exactly the rows the dataset cites, in place (a wiki's infobox and
    reference marks included)."""
    from citemap.segment_command import segment_source

    before = (data_copy / "sentences.csv").read_bytes()
    assert segment_source(data_copy, source_id).endswith(", 0 new or changed")
    assert (data_copy / "sentences.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "Infobox:\nDate: 5 October 2020\nNumber: Thousands",
            [("heading", "Infobox:"), ("body", "Date: 5 October 2020"), ("body", "Number: Thousands")],
        ),
        (
            "It began on 5 October.[7][8] The results were annulled.[9]",
            [("body", "It began on 5 October.[7][8]"), ("body", "The results were annulled.[9]")],
        ),
        (
            "6 October\nIn the early morning, they returned.",
            [("heading", "6 October"), ("body", "In the early morning, they returned.")],
        ),
    ],
)
def test_wiki_text_is_split_at_lines_and_after_reference_marks(text, units):
    assert [(s.kind, s.text) for s in segment("w", text)] == units
