"""add-source refuses bad input and writes nothing; propose prints JSON and writes nothing; review accepts and rejects."""

import json
from pathlib import Path

import pytest

from citemap.__main__ import main
from citemap.csvwrite import read_rows
from citemap.curation import review, store
from citemap.curation.add_source import IntakeError, SourceMeta, add_source
from citemap.dataset import validate

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "data" / "sources" / "kyrgyzstan-2020-10-06.txt"
SHORT = (
    b"Police arrested 13 people in Osh on Monday, the interior ministry said.\n\n"
    b"Around 200 protesters rallied in Bishkek on Sunday evening against Jeyenbekov.\n"
)
RUSSIAN = "Оппозиция захватила здание правительства в Бишкеке во вторник, сообщили местные СМИ. Около двух тысяч человек вышли на митинг.".encode()

REFUSALS = [
    # bytes, published, language, words the message must hold
    (b"", "2020-10-13", "en", "empty"),
    (b"   \n\n ", "2020-10-13", "en", "empty"),
    (b"Police\x00arrested\x00people" * 10, "2020-10-13", "en", "binary"),
    (b"%PDF-1.7 binary stuff", "2020-10-13", "en", "PDF"),
    (
        "Оппозиция захватила здание правительства в Бишкеке во вторник, сообщили местные СМИ.".encode("cp1251"),
        "2020-10-13",
        "ru",
        "not UTF-8",
    ),
    (b"Protesters gathered in Bishkek. " * (5_000_000 // 32), "2020-10-13", "en", "MB"),
    (RUSSIAN, "2020-10-13", "en", "Russian"),
    (SHORT, "2999-01-01", "en", "in the future"),
    (SHORT, "13 Oct 2020", "en", "not a date"),
    (ARTICLE.read_bytes(), "2020-10-06", "en", "already in the dataset as source kg-2020-10-06"),
    (
        ARTICLE.read_bytes().replace(b"\n", b"\r\n"),
        "2020-10-06",
        "en",
        "already in the dataset",
    ),  # same text, other line endings
]


@pytest.mark.parametrize("raw, published, language, words", REFUSALS)
def test_bad_input_is_refused_and_nothing_is_written(data_copy, raw, published, language, words):
    before = store.current_version(data_copy)
    with pytest.raises(IntakeError, match=words):
        add_source(data_copy, raw, SourceMeta(published=published, language=language, file_name="new.txt"), who="ana")
    assert store.current_version(data_copy) == before
    assert not (data_copy / "proposals").exists() and store.read_log(data_copy) == []


def test_the_encoding_a_file_looks_like_is_named(data_copy):
    raw = ("Оппозиция захватила здание правительства в Бишкеке во вторник, сообщили местные СМИ. " * 3).encode("cp1251")
    with pytest.raises(IntakeError) as refused:
        add_source(data_copy, raw, SourceMeta(published="2020-10-13", language="ru", file_name="ru.txt"))
    assert "1251" in str(refused.value) and "line 1" in str(refused.value)


def test_a_text_in_another_language_is_added_when_said_so_and_proposes_what_it_can(data_copy):
    added = add_source(data_copy, RUSSIAN, SourceMeta(published="2020-10-13", language="ru"), who="ana")
    assert any("Russian" in w for w in added.warnings)
    content = json.loads(added.proposals_path.read_text(encoding="utf-8"))
    assert {p["row"].get("place_id") for p in content["proposals"] if p["kind"] == "places"} == {
        "pl-bishkek"
    }  # Бишкеке, across scripts


def test_add_source_keeps_the_text_verbatim_and_changes_only_sources_and_sentences(data_copy):
    tables = {
        name: read_rows(data_copy / f"{name}.csv") for name in ("events", "figures", "actors", "places", "event_actors")
    }
    added = add_source(
        data_copy, SHORT, SourceMeta(published="2020-10-13", publisher="Test News", licence="CC BY 4.0"), who="ana"
    )
    assert added.source_id == "test-news-2020-10-13"
    assert (data_copy / "sources" / "test-news-2020-10-13.txt").read_bytes() == SHORT
    row = next(r for r in read_rows(data_copy / "sources.csv") if r["source_id"] == added.source_id)
    assert (row["label"], row["kind"], row["licence"]) == ("News article, 13 Oct 2020", "news_article", "CC BY 4.0")
    assert "Test News" in row["attribution"]
    assert [r["sentence_id"] for r in read_rows(data_copy / "sentences.csv") if r["source_id"] == added.source_id] == [
        "test-news-2020-10-13-s001",
        "test-news-2020-10-13-s002",
    ]
    assert {
        name: read_rows(data_copy / f"{name}.csv") for name in tables
    } == tables  # only accepted proposals change these
    assert validate(data_copy)[0] is not None
    with pytest.raises(IntakeError, match="already in the dataset"):  # re-adding the same text changes nothing
        add_source(data_copy, SHORT, SourceMeta(published="2020-10-13", publisher="Test News"), who="ana")


def test_propose_prints_json_tied_to_sentences_and_writes_nothing(data_copy, tmp_path, capsys):
    source = tmp_path / "short.txt"
    source.write_bytes(SHORT)
    before = store.current_version(data_copy)
    assert main(["propose", str(source), "--published", "2020-10-13", "--data", str(data_copy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert store.current_version(data_copy) == before
    sentences = {s["sentence_id"]: s["text"] for s in out["sentences"]}
    for proposal in out["proposals"]:
        assert set(proposal) >= {"proposal_id", "kind", "sentence_ids", "span", "row", "match", "score"}
        assert any(
            proposal["span"] in sentences[sid] for sid in proposal["sentence_ids"]
        )  # the trigger words, verbatim
    kinds = {(p["kind"], p["span"]): p for p in out["proposals"]}
    assert (
        kinds[("actors", "Jeyenbekov")]["match"] == "act-jeenbekov"
    )  # a spelling not in the data, matched with its score
    assert kinds[("actors", "Jeyenbekov")]["score"] >= 85
    arrests = kinds[("events", "arrested")]["row"]
    assert (arrests["sub_event_type"], arrests["event_date"], arrests["place_id"]) == (
        "Arrests",
        "2020-10-12",
        "pl-osh",
    )
    figure = kinds[("figures", "13 people")]["row"]
    assert (figure["metric"], figure["value"], figure["qualifier"], figure["reported_by"]) == (
        "arrested",
        "13",
        "exact",
        "act-interior-ministry",
    )


def test_a_second_report_of_an_event_is_a_citation_and_its_differing_number_a_second_figure(data_copy):
    text = b"Early on Tuesday, nearly 3,000 protesters broke into the White House in Bishkek, the government said.\n"
    added = add_source(data_copy, text, SourceMeta(published="2020-10-07", publisher="Other Paper"), who="ana")
    proposals = json.loads(added.proposals_path.read_text(encoding="utf-8"))["proposals"]
    event = next(p for p in proposals if p["kind"] == "events")
    assert event["match"] == "ev-white-house-seized"  # same kind, same day, same site: corroborates
    queue = review.load_queue(data_copy)
    figure = next(p for p in queue.proposals if p["kind"] == "figures")
    review.accept(data_copy, figure["key"], base=store.current_version(data_copy), who="ana")
    events = {r["event_id"]: r for r in read_rows(data_copy / "events.csv")}
    assert (
        f"{added.source_id}-s001" in events["ev-white-house-seized"]["sentence_ids"]
    )  # accepted with the figure that needs it
    assert any(
        r["sentence_id"] == f"{added.source_id}-s001" and r["value"] == "3000"
        for r in read_rows(data_copy / "figures.csv")
    )
    assert review.load_queue(data_copy).status[figure["key"]] == "accept"
    report = next(p for p in queue.proposals if p["kind"] == "event_dates")  # this source's own date for the event
    assert (report["row"]["event_id"], report["row"]["event_date"], report["row"]["date_text"]) == (
        "ev-white-house-seized",
        "2020-10-06",
        "Early on Tuesday",
    )
    review.accept(data_copy, report["key"], base=store.current_version(data_copy), who="ana")
    assert [
        r["event_id"]
        for r in read_rows(data_copy / "event_dates.csv")
        if f"{added.source_id}-s001" in r["sentence_ids"]
    ] == ["ev-white-house-seized"]
    assert validate(data_copy)[0] is not None


def test_review_reject_needs_a_reason_and_undo_makes_it_pending(data_copy):
    add_source(data_copy, SHORT, SourceMeta(published="2020-10-13", publisher="Test News"), who="ana")
    queue = review.load_queue(data_copy)
    key = queue.pending()[0]["key"]
    with pytest.raises(store.SaveRefused, match="reason"):
        review.reject(data_copy, key, base=store.current_version(data_copy), who="ana", why=" ")
    entry = review.reject(data_copy, key, base=store.current_version(data_copy), who="ana", why="not an actor")
    assert review.load_queue(data_copy).reviewed == queue.reviewed + 1
    store.undo(data_copy, entry["change_id"], base=store.current_version(data_copy), who="ana")
    assert review.load_queue(data_copy).status.get(key, "pending") == "pending"
