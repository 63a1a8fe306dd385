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
    assert [p.text for p in parts] == ["First one, with 24.kg inside.", "“Second,” he said. third stays joined.", "New paragraph."]
    assert [p.paragraph for p in parts] == [1, 1, 2]
    assert all(text[p.start : p.end] == p.text for p in parts)


def test_segmenting_the_article_is_deterministic_and_matches_the_committed_table():
    first, second = segment("kg-2020-10-06", ARTICLE), segment("kg-2020-10-06", ARTICLE)
    assert first == second
    committed = (ROOT / "data" / "sentences.csv").read_text(encoding="utf-8")
    for sentence in first:
        assert f"{sentence.sentence_id},kg-2020-10-06,{sentence.paragraph},{sentence.start},{sentence.end},{sentence.kind}," in committed


def test_segment_command_keeps_ids_and_reasons_when_rerun(data_copy):
    before = (data_copy / "sentences.csv").read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "citemap", "segment", "kg-2020-10-06", str(data_copy)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "0 new or changed" in run.stdout
    assert (data_copy / "sentences.csv").read_text(encoding="utf-8") == before
