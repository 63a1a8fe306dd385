"""ACLED in and out: formats of every era, every row accounted for, the round trip, merging (citemap.acled)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from citemap.__main__ import main
from citemap.acled.crowd import crowd_size, read_words
from citemap.acled.formats import (
    FileRefused,
    decode,
    inter_code,
    interaction_code,
    normalise_header,
    parse_date,
    repair_mojibake,
    slashed_order,
)
from citemap.acled.importer import import_acled
from citemap.acled.mapping import map_event_type
from citemap.csvwrite import read_rows
from citemap.datapackage import descriptor
from citemap.dataset import load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"
DATA = ROOT / "data"
GOOD_SAMPLES = ["kgz_current.csv", "nga_long_dates_crlf_bom.csv", "bgd_short_dates_cp1252.csv", "legacy_africa_2015.csv", "legacy_2018_iso_iso3.csv",
                "mojibake_notes.csv", "ken_repeated_ids.csv", "kgz_slashed_day_first.csv", "kgz_slashed_month_first.csv"]  # fmt: skip


def run_import(tmp_path: Path, *files: str | Path, **options) -> tuple[int, Path, str, str]:
    out, err = io.StringIO(), io.StringIO()
    output = tmp_path / options.pop("name", "imported")
    code = import_acled([f if isinstance(f, Path) else SAMPLES / f for f in files], output, out=out, err=err, **options)
    return code, output, out.getvalue(), err.getvalue()


def rows(folder: Path, table: str) -> list[dict]:
    return read_rows(folder / f"{table}.csv")


# --- dates -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, order, expected",
    [
        ("2020-10-05", None, date(2020, 10, 5)),
        ("05 October 2020", None, date(2020, 10, 5)),
        ("5 October 2020", None, date(2020, 10, 5)),
        ("9-May-20", None, date(2020, 5, 9)),
        ("09-May-97", None, date(1997, 5, 9)),
        ("5/10/2020", "day-first", date(2020, 10, 5)),
        ("5/10/2020", "month-first", date(2020, 5, 10)),
        ("13/10/20", "day-first", date(2020, 10, 13)),
        ("5/10/2020", None, None),  # never guessed
        ("2020-02-30", None, None),
        ("the fifth of January", None, None),
    ],
)
def test_each_date_format(text, order, expected):
    assert parse_date(text, order)[0] == expected


@pytest.mark.parametrize(
    "values, expected",
    [
        (["5/10/2020", "13/10/2020"], "day-first"),
        (["10/5/2020", "10/13/2020"], "month-first"),
        (["5/10/2020", "6/10/2020"], ""),  # nothing tells: the caller must say
        (["2020-10-05"], None),
    ],
)
def test_the_file_as_a_whole_tells_the_day_month_order(values, expected):
    assert slashed_order(values, "f.csv") == expected


def test_a_file_mixing_day_first_and_month_first_is_refused():
    with pytest.raises(FileRefused, match="mixes day-first and month-first"):
        slashed_order(["13/10/2020", "10/13/2020"], "f.csv")


@pytest.mark.parametrize(
    "sample, options, code, dates",
    [
        ("kgz_slashed_day_first.csv", {}, 0, {"KGZ9801": "2020-10-05", "KGZ9802": "2020-10-13"}),
        ("kgz_slashed_month_first.csv", {}, 0, {"KGZ9803": "2020-10-05", "KGZ9804": "2020-10-13"}),
        (
            "kgz_slashed_ambiguous.csv",
            {"date_order": "day-first"},
            0,
            {"KGZ9805": "2020-10-05", "KGZ9806": "2020-10-06"},
        ),
        (
            "kgz_slashed_ambiguous.csv",
            {"date_order": "month-first"},
            0,
            {"KGZ9805": "2020-05-10", "KGZ9806": "2020-06-10"},
        ),
        ("kgz_slashed_ambiguous.csv", {}, 1, None),
        ("kgz_slashed_day_first.csv", {"date_order": "month-first"}, 1, None),  # the file contradicts the option
    ],
)
def test_slashed_dates_in_files(tmp_path, sample, options, code, dates):
    result, output, _, err = run_import(tmp_path, sample, **options)
    assert result == code
    if dates is None:
        assert not output.exists()
        assert "day" in err and "month" in err
    else:
        assert {r["event_id"]: r["event_date"] for r in rows(output, "events")} == dates


# --- encodings, line ends, headers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, text, encoding",
    [
        ("mayor’s office".encode(), "mayor’s office", "UTF-8"),
        (b"\xef\xbb\xbf" + "mayor’s office".encode(), "mayor’s office", "UTF-8 with byte-order mark"),
        ("mayor’s café".encode("cp1252"), "mayor’s café", "Windows-1252"),
        (b"caf\xe9 \x81", "café \x81", "Windows-1252"),  # a byte Windows-1252 leaves undefined is kept, as Latin-1
    ],
)
def test_each_encoding_is_read(raw, text, encoding):
    assert decode(raw) == (text, encoding)


@pytest.mark.parametrize(
    "cell, repaired",
    [
        ("the mayorâ€™s office", "the mayor’s office"),
        ("CafÃ© in Osh", "Café in Osh"),
        ("the mayor’s office", None),  # already right
        ("Ã la carte, not UTF-8 underneath", None),  # looks odd but is no exact repair: left as written
    ],
)
def test_mojibake_is_repaired_only_when_exact(cell, repaired):
    assert repair_mojibake(cell) == repaired


@pytest.mark.parametrize(
    "header, columns, index_column",
    [
        (["event_id_cnty", "EVENT_DATE"], ["event_id_cnty", "event_date"], False),
        (["", "EVENT_ID_CNTY"], ["", "event_id_cnty"], True),
        (["Unnamed: 0", "event_id_cnty"], ["unnamed: 0", "event_id_cnty"], True),
        (
            ["\ufeffGWNO", "ALLY_ACTOR_1", "ALLY_ACTOR_2", "GEO_PRECIS"],
            ["gwno", "assoc_actor_1", "assoc_actor_2", "geo_precision"],
            False,
        ),
    ],
)
def test_headers_of_every_era(header, columns, index_column):
    assert normalise_header(header) == (columns, index_column)


@pytest.mark.parametrize(
    "sample, encoding, events, notes_sentence",
    [
        ("kgz_current.csv", "UTF-8", 4, "They demanded a new vote."),  # a line break inside the quoted notes
        (
            "nga_long_dates_crlf_bom.csv",
            "UTF-8 with byte-order mark",
            3,
            "On 20 October 2020, soldiers opened fire on #EndSARS protesters at the Lekki toll gate in Lagos.",
        ),
        (
            "bgd_short_dates_cp1252.csv",
            "Windows-1252",
            2,
            "On 12 May 2020, supporters of the Awami League and the BNP clashed with sticks and machetes in Feni; a café was damaged.",
        ),
        ("mojibake_notes.csv", "UTF-8", 1, "On 7 October 2020, protesters gathered outside the mayor’s office in Osh."),
    ],
)
def test_each_sample_file_imports_whole_with_acled_words_as_sentences(
    tmp_path, sample, encoding, events, notes_sentence
):
    code, output, out, _ = run_import(tmp_path, sample)
    assert code == 0
    assert f"{SAMPLES / sample}: {encoding}" in out
    assert len(rows(output, "events")) == events
    assert notes_sentence in {r["text"] for r in rows(output, "sentences")}
    assert "\r" not in (output / "sentences.csv").read_text(encoding="utf-8")
    load(output)  # meets the contract


@pytest.mark.parametrize(
    "sample, kept",
    [
        ("legacy_africa_2015.csv", {"gwno": "475", "assoc_actor_1": "", "iso3": ""}),
        (
            "legacy_2018_iso_iso3.csv",
            {
                "iso": "50",
                "iso3": "BGD",
                "assoc_actor_1": "BNP: Bangladesh Nationalist Party",
                "disorder_type": "",
                "civilian_targeting": "",
            },
        ),
        (
            "bgd_short_dates_cp1252.csv",
            {"iso": "50", "assoc_actor_1": "Labour Group (Bangladesh)", "disorder_type": "Demonstrations"},
        ),  # index column and upper-case names
    ],
)
def test_legacy_columns_are_kept_in_acled_events(tmp_path, sample, kept):
    code, output, _, _ = run_import(tmp_path, sample)
    assert code == 0
    first = rows(output, "acled_events")[0]
    assert {k: first[k] for k in kept} == kept


def test_legacy_geo_precis_becomes_the_places_geo_precision(tmp_path):
    _, output, _, _ = run_import(tmp_path, "legacy_africa_2015.csv")
    gwoza = next(p for p in rows(output, "places") if p["name"] == "Gwoza")
    assert (gwoza["geo_precision"], gwoza["latitude"], gwoza["longitude"]) == (
        "2",
        "11.0833",
        "13.6953",
    )  # coordinates as given


# --- event types, inter codes, crowd sizes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event_type, sub, inter1, notes, expected",
    [
        ("Protests", "Peaceful protest", 6, "", ("Protests", "Peaceful protest", "")),
        ("Riots/Protests", "", 6, "", ("Protests", "Peaceful protest", "Legacy")),
        ("Riots/Protests", "", 5, "", ("Riots", "Violent demonstration", "Legacy")),
        (
            "Remote violence",
            "",
            2,
            "An IED exploded at a market.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", "'ied'"),
        ),
        (
            "Remote violence",
            "",
            1,
            "A military air strike hit a camp.",
            ("Explosions/Remote violence", "Air/drone strike", "'air strike'"),
        ),
        (
            "Remote violence",
            "",
            2,
            "Insurgents attacked the town.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", "placeholder"),
        ),
        ("Battle-No change of territory", "", 1, "", ("Battles", "Armed clash", "Legacy")),
        ("Battle-Government regains territory", "", 1, "", ("Battles", "Government regains territory", "Legacy")),
        ("Violence against civilians", "", 3, "", ("Violence against civilians", "Attack", "Legacy")),
        ("Strategic development", "", 1, "", ("Strategic developments", "Other", "Legacy")),
        (
            "Headquarters or base established",
            "",
            2,
            "",
            ("Strategic developments", "Headquarters or base established", "Legacy"),
        ),
        ("Protests", "Armed clash", 6, "", ("", "", "sub_event_type")),
        ("Parade", "", 6, "", ("", "", "neither")),
    ],
)
def test_event_types_of_every_era(event_type, sub, inter1, notes, expected):
    new_type, new_sub, why = map_event_type(event_type, sub, inter1, notes)
    assert (new_type, new_sub) == expected[:2]
    assert expected[2] in why if expected[2] else why == ""


def test_the_legacy_mapping_is_recorded_in_the_events_notes(tmp_path):
    _, output, _, _ = run_import(tmp_path, "legacy_africa_2015.csv")
    events = {r["event_id"]: r for r in rows(output, "events")}
    assert (
        "Legacy ACLED event type 'Battle-No change of territory' mapped to Battles / Armed clash"
        in events["NIG9303"]["notes"]
    )
    assert {r["event_id"]: r["legacy_event_type"] for r in rows(output, "acled_events")}["NIG9302"] == "Remote violence"


@pytest.mark.parametrize(
    "value, code",
    [
        ("6", 6),
        ("6.0", 6),
        ("0", 0),
        ("Protesters", 6),
        ("State forces", 1),
        ("External/Other forces", 8),
        ("rioters", 5),
        ("", 0),
        ("9", None),
        ("Students", None),
    ],
)
def test_inter_codes_as_numbers_or_words(value, code):
    assert inter_code(value) == code


@pytest.mark.parametrize(
    "value, code",
    [("60", 60), ("16", 16), ("Protesters only", 60), ("State forces-Protesters", 16), ("Protesters-State forces", 16),
     ("External/Other forces-Civilians", 78), ("Sole Rioters", 50), ("Rioters-Aliens", None)],
)  # fmt: skip
def test_interaction_codes_as_numbers_or_words(value, code):
    assert interaction_code(value) == code


def test_inter_words_in_a_file_are_stored_as_codes(tmp_path):
    _, output, _, _ = run_import(tmp_path, "nga_long_dates_crlf_bom.csv")
    acled = {r["event_id"]: r for r in rows(output, "acled_events")}
    assert (acled["NGA9101"]["inter1"], acled["NGA9101"]["inter2"], acled["NGA9101"]["interaction"]) == ("1", "6", "16")
    assert acled["NGA9102"]["interaction"] == "60"


@pytest.mark.parametrize(
    "tags, notes, expected",
    [
        ("crowd size=thousands", "", ("thousands", 2000, None, "at_least")),
        ("crowd size=no report", "", ("no report", None, None, "")),
        ("crowd size=around 50", "", ("around 50", 50, None, "approx")),
        ("crowd size=several", "", ("several", 2, None, "at_least")),
        ("crowd size=hundreds; local administrators", "", ("hundreds", 200, None, "at_least")),
        ("crowd size=between 100 and 200", "", ("between 100 and 200", 100, 200, "range")),
        ("crowd size=more than 1,000", "", ("more than 1,000", 1000, None, "at_least")),
        ("crowd size=150", "", ("150", 150, None, "exact")),
        ("crowd size=large", "", ("large", None, None, "")),
        ("", "Youths marched in Kano. [size=around 50]", ("around 50", 50, None, "approx")),
        ("", "Youths blocked a road. [size=no report]", ("no report", None, None, "")),
    ],
)
def test_crowd_sizes_read_by_the_codebook(tags, notes, expected):
    crowd = crowd_size(tags, notes)
    assert (crowd.words, crowd.value, crowd.value_high, crowd.qualifier) == expected


def test_no_crowd_size_given_is_no_crowd_size():
    assert crowd_size("women targeted: candidates", "A rally.") is None
    assert read_words("no report").value is None


def test_crowd_and_fatality_figures_quote_their_sentences(tmp_path):
    _, output, _, _ = run_import(tmp_path, "legacy_africa_2015.csv", "kgz_current.csv")
    sentences = {r["sentence_id"]: r["text"] for r in rows(output, "sentences")}
    figures = {r["figure_id"]: r for r in rows(output, "figures")}
    assert sentences[figures["fig-NIG9301-participants"]["sentence_id"]].endswith("[size=around 50]")
    assert sentences[figures["fig-KGZ9001-participants"]["sentence_id"]] == "Tags: crowd size=thousands"
    assert sentences[figures["fig-NIG9302-killed"]["sentence_id"]] == "Fatalities: 3"
    assert "fig-NIG9304-participants" not in figures  # [size=no report]: no figure ...
    assert (
        "no crowd size" in {r["event_id"]: r["notes"] for r in rows(output, "events")}["NIG9304"]
    )  # ... and the notes say so


# --- actors, places, sources --------------------------------------------------------------------------------------


def test_actors_sources_and_places(tmp_path):
    _, output, _, _ = run_import(tmp_path, "kgz_current.csv")
    actors = {r["name"]: r for r in rows(output, "actors")}
    links = {
        (r["event_id"], actors_name, r["role"])
        for r in rows(output, "event_actors")
        for actors_name in [next(n for n, a in actors.items() if a["actor_id"] == r["actor_id"])]
    }
    assert [n for n in actors if n == "Police Forces of Kyrgyzstan (2017-)"] == [
        "Police Forces of Kyrgyzstan (2017-)"
    ]  # one actor for two events
    assert {("KGZ9002", "Rioters (Kyrgyzstan)", "actor1"), ("KGZ9002", "Police Forces of Kyrgyzstan (2017-)", "actor2"),
            ("KGZ9001", "Social Democrats of Kyrgyzstan", "associated"), ("KGZ9001", "AKIpress", "source"), ("KGZ9001", "24.kg", "source")} <= links  # fmt: skip
    assert actors["AKIpress"]["kind"] == "media"
    places = {r["place_id"]: r for r in rows(output, "places")}
    lebedinovka = places["pl-kyrgyzstan-chuy-lebedinovka"]
    assert (
        lebedinovka["parent_place_id"],
        places["pl-kyrgyzstan-chuy"]["kind"],
        places["pl-kyrgyzstan-chuy"]["parent_place_id"],
    ) == ("pl-kyrgyzstan-chuy", "region", "pl-kyrgyzstan")
    source = {r["source_id"]: r for r in rows(output, "sources")}["acled-KGZ9001"]
    assert (source["kind"], source["label"], source["licence"]) == (
        "dataset_notes",
        "ACLED KGZ9001",
        "ACLED terms of use; attribution required",
    )
    assert "ACLED" in source["attribution"] and "AKIpress; 24.kg" in source["attribution"]
    killed = {r["event_id"]: r for r in rows(output, "figures") if r["metric"] == "killed"}
    assert killed["KGZ9002"]["reported_by"] == actors["AKIpress"]["actor_id"]


# --- repeated ids -----------------------------------------------------------------------------------------------


def test_one_row_per_actor_exports_become_one_event(tmp_path):
    code, output, out, _ = run_import(tmp_path, "ken_repeated_ids.csv")
    assert code == 0  # every row imported: three were repeats
    assert "rows read 5; events written 2; rows merged as repeats 3; rows refused 0" in out
    links = [(r["event_id"], r["role"]) for r in rows(output, "event_actors") if r["event_id"] == "KEN9601"]
    assert (
        links.count(("KEN9601", "actor1")) == 2
        and links.count(("KEN9601", "actor2")) == 1
        and links.count(("KEN9601", "associated")) == 1
    )
    killed = [(r["event_id"], r["value"]) for r in rows(output, "figures") if r["metric"] == "killed"]
    assert killed.count(("KEN9601", "2")) == 1  # counted once, not three times
    assert sorted(v for e, v in killed if e == "KEN9602") == ["1", "2"]  # a conflict: two figures, never summed
    report = rows(output, "import-report")
    assert [(r["line"], r["column"], r["outcome"]) for r in report] == [("6", "fatalities", "conflict")]


# --- every row accounted for ------------------------------------------------------------------------------------


def test_the_refusal_report_names_line_column_and_reason(tmp_path):
    code, output, out, _ = run_import(tmp_path, "kaz_broken_rows.csv")
    assert code == 3
    assert "rows read 6; events written 2; rows merged as repeats 0; rows refused 4" in out
    report = [(r["line"], r["column"], r["reason"]) for r in rows(output, "import-report")]
    assert [(line, column) for line, column, _ in report] == [
        ("3", "event_id_cnty"),
        ("4", "event_date"),
        ("5", "event_date"),
        ("7", "fatalities"),
    ]
    reasons = [reason for _, _, reason in report]
    assert "no event id" in reasons[0] and "no date" in reasons[1] and "'the fifth of January'" in reasons[2]
    assert "cut off at the end of the file" in reasons[3]
    assert {r["event_id"] for r in rows(output, "events")} == {"KAZ9701", "KAZ9705"}


def test_an_aggregated_file_is_refused_whole_and_nothing_is_written(tmp_path):
    code, output, _, err = run_import(tmp_path, "kgz_aggregated_weekly.csv")
    assert code == 1 and not output.exists()
    assert "aggregated data" in err and "not event data" in err


def test_a_refused_file_beside_good_ones_is_reported_and_exit_is_3(tmp_path):
    code, output, _, _ = run_import(tmp_path, "kgz_current.csv", "kgz_aggregated_weekly.csv")
    assert code == 3
    report = rows(output, "import-report")
    assert (
        report[0]["file"].endswith("kgz_aggregated_weekly.csv")
        and report[0]["line"] == ""
        and "aggregated" in report[0]["reason"]
    )


@pytest.mark.parametrize(
    "content, column, reason",
    [
        ("KGZ1,2020-10-05,Protests,Peaceful protest,P,Kyrgyzstan,Osh,95,72,1,1,1,0\n", "latitude", "outside"),
        ("KGZ1,2020-10-05,Protests,Peaceful protest,P,Kyrgyzstan,Osh,40,72,1,1,1,some\n", "fatalities", "whole number"),
        (
            "KGZ1,2020-10-05,Protests,Peaceful protest,P,Kyrgyzstan,Osh,40,72,5,1,1,0\n",
            "time_precision",
            "not an ACLED time precision",
        ),
        ("KGZ1,2020-10-05,Parade,,P,Kyrgyzstan,Osh,40,72,1,1,1,0\n", "event_type", "neither"),
    ],
)
def test_a_row_that_cannot_be_an_event_is_refused_with_its_reason(tmp_path, content, column, reason):
    file = tmp_path / "one.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,time_precision,geo_precision,inter1,fatalities\n"
        + content,
        encoding="utf-8",
    )
    code, output, _, err = run_import(tmp_path, file)
    assert code == 1 and not output.exists()
    assert f"line 2, column {column}" in err and reason in err


def test_an_output_folder_that_is_not_an_import_is_never_touched(tmp_path):
    output = tmp_path / "mine"
    output.mkdir()
    (output / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, _, err = run_import(tmp_path, "kgz_current.csv", name="mine")
    assert code == 1 and "not an earlier ACLED import" in err
    assert [p.name for p in output.iterdir()] == ["notes.txt"]


def test_an_earlier_import_is_replaced_whole(tmp_path):
    assert run_import(tmp_path, "kgz_current.csv")[0] == 0
    code, output, out, _ = run_import(tmp_path, "nga_long_dates_crlf_bom.csv")
    assert code == 0 and "replacing" in out
    assert {r["event_id"] for r in rows(output, "events")} == {"NGA9101", "NGA9102", "NGA9103"}
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # nothing left aside


# --- out and back in --------------------------------------------------------------------------------------------


def _facts(folder: Path) -> dict:
    places = {r["place_id"]: r for r in rows(folder, "places")}
    return {
        "events": sorted(
            (r["event_id"], r["event_date"], r["time_precision"], r["event_type"], r["sub_event_type"], r["place_id"])
            for r in rows(folder, "events")
        ),
        "actors": sorted((r["actor_id"], r["name"], r["kind"]) for r in rows(folder, "actors")),
        "places": sorted(
            (
                p["place_id"],
                p["name"],
                p["kind"],
                p["latitude"],
                p["longitude"],
                p["geo_precision"],
                p["parent_place_id"],
            )
            for p in places.values()
        ),
        "links": sorted((r["event_id"], r["actor_id"], r["role"]) for r in rows(folder, "event_actors")),
        "fatalities": sorted(
            (r["event_id"], r["value"])
            for r in rows(folder, "figures")
            if r["metric"] == "killed" and r["figure_id"].endswith("-killed")
        ),
        "crowds": sorted(
            (r["event_id"], r["value"], r["qualifier"], r["value_text"])
            for r in rows(folder, "figures")
            if r["metric"] == "participants"
        ),
    }


def test_round_trip_import_export_import_keeps_events_actors_places_and_fatalities(tmp_path):
    code, first, _, _ = run_import(tmp_path, *GOOD_SAMPLES, name="first")
    assert code == 0
    exported = tmp_path / "exported.csv"
    assert main(["export-acled", str(first), "-o", str(exported)]) == 0
    with exported.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and "disorder_type" in header and "tags" in header
    code, second, _, _ = run_import(tmp_path, exported, name="second")
    assert code == 0
    assert _facts(second) == _facts(first)
    notes = [
        {r["source_id"]: r["text"] for r in rows(folder, "sentences") if r["sentence_id"].endswith("-s001")}
        for folder in (first, second)
    ]
    assert notes[0] == notes[1] and len(notes[0]) == 22  # ACLED's words unchanged


def test_a_curated_dataset_exports_with_its_sources_joined_and_its_first_sentence_as_notes(tmp_path):
    exported = tmp_path / "kg.csv"
    assert main(["export-acled", str(DATA), "-o", str(exported)]) == 0
    with exported.open(encoding="utf-8", newline="") as handle:
        by_id = {}
        for row in csv.DictReader(handle):
            by_id.setdefault(row["event_id_cnty"], row)
    freed = by_id["ev-atambayev-freed"]
    first_sentence = {r["sentence_id"]: r["text"] for r in rows(DATA, "sentences")}[
        rows_by(DATA, "events")["ev-atambayev-freed"]["sentence_ids"].split(";")[0]
    ]
    assert freed["notes"] == first_sentence
    assert (
        freed["source"] == "; ".join(cited_source_names(DATA, "ev-atambayev-freed"))
        and freed["location"]
        and freed["country"] == "Kyrgyzstan"
    )
    assert by_id["ev-bishkek-rally"]["fatalities"] == "1"


def cited_source_names(folder: Path, event_id: str) -> list[str]:
    """The publisher (else the label) of each source the event cites, in the order its sentences are cited."""
    sentence_source = {r["sentence_id"]: r["source_id"] for r in rows(folder, "sentences")}
    sources = {r["source_id"]: r for r in rows(folder, "sources")}
    cited = dict.fromkeys(sentence_source[s] for s in rows_by(folder, "events")[event_id]["sentence_ids"].split(";"))
    return [sources[s]["publisher"] or sources[s]["label"] for s in cited]


def rows_by(folder: Path, table: str) -> dict[str, dict]:
    key = {"events": "event_id"}[table]
    return {r[key]: r for r in rows(folder, table)}


# --- merging ----------------------------------------------------------------------------------------------------


def _digest(folder: Path) -> str:
    return hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".citemap-cache" not in p.parts)
    ).hexdigest()


def test_merge_into_the_bundled_articles_makes_one_event_with_both_citations(tmp_path):
    before = _digest(DATA)
    code, output, out, _ = run_import(tmp_path, "kgz_current.csv", "nga_long_dates_crlf_bom.csv", merge_into=DATA)
    assert code == 0
    assert "events merged into curated events 3" in out
    dataset = load(output)
    events = rows_by(output, "events")
    rally = events["ev-bishkek-rally"]  # the riot in Bishkek on 5 October
    cited_sources = {s.split("-s")[0] for s in rally["sentence_ids"].split(";")}
    assert {"kg-2020-10-06", "acled-KGZ9002"} <= cited_sources  # one event, both citations
    assert (
        "KGZ9002" not in events and "KGZ9003" in events and "NGA9101" in events
    )  # Osh looting and Nigeria stay their own
    assert {r["event_id"] for r in rows(output, "acled_events") if r["event_id_cnty"] == "KGZ9002"} == {
        "ev-bishkek-rally"
    }
    curated = len(rows(DATA, "events"))
    assert len(dataset.events) == curated + 7 - 3
    assert _digest(DATA) == before  # the dataset merged into is left unchanged
    exported = tmp_path / "merged.csv"
    assert main(["export-acled", str(output), "-o", str(exported)]) == 0
    with exported.open(encoding="utf-8", newline="") as handle:
        rally_rows = [r for r in csv.DictReader(handle) if r["event_id_cnty"] == "KGZ9002"]
    assert {r["source"] for r in rally_rows} == {
        "; ".join([*cited_source_names(DATA, "ev-bishkek-rally"), "AKIpress"])
    }  # every source joined
    assert {(r["location"], r["admin1"], r["fatalities"]) for r in rally_rows} == {
        ("Bishkek", "Bishkek", "1")
    }  # ACLED's place and count


def test_merging_the_same_acled_events_twice_is_refused(tmp_path):
    _, once, _, _ = run_import(tmp_path, "kgz_current.csv", merge_into=DATA, name="once")
    code, twice, _, err = run_import(tmp_path, "kgz_current.csv", merge_into=once, name="twice")
    assert code == 1 and not twice.exists() and "merged before" in err


def test_the_commands_are_registered(tmp_path):
    output = tmp_path / "cli"
    assert main(["import-acled", str(SAMPLES / "kgz_current.csv"), "-o", str(output)]) == 0
    assert (
        main(
            [
                "import-acled",
                str(SAMPLES / "kgz_slashed_ambiguous.csv"),
                "-o",
                str(tmp_path / "x"),
                "--date-order",
                "day-first",
            ]
        )
        == 0
    )
    assert main(["export-acled", str(output), "-o", str(tmp_path / "out.csv")]) == 0


def test_an_unbalanced_quote_is_refused_with_the_lines_it_runs_over(tmp_path):
    lines = (SAMPLES / "kgz_current.csv").read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace('killed.",1', "killed.,1")  # KGZ9002's notes lose their closing quote
    broken = tmp_path / "unbalanced.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    code, output, _, _ = run_import(tmp_path, broken)
    assert code == 3
    (refused,) = rows(output, "import-report")
    assert refused["line"] == "4" and "lines 4-5" in refused["reason"] and "unbalanced" in refused["reason"]


def _happening(event_id, event_type, start, end, *places):
    from citemap.acled.match import Happening

    return Happening(
        event_id,
        event_type,
        "Other" if event_type == "Strategic developments" else "",
        date.fromisoformat(start),
        date.fromisoformat(end),
        tuple(frozenset([p]) for p in places),
    )


@pytest.mark.parametrize(
    "acled, curated, matched",
    [
        (
            _happening("A", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            _happening("C", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            True,
        ),
        (
            _happening("A", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            _happening("C", "Protests", "2020-10-05", "2020-10-06", "kyrgyzstan"),
            True,
        ),  # one family, nested place
        (
            _happening("A", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            _happening("C", "Battles", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            False,
        ),
        (
            _happening("A", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            _happening("C", "Riots", "2020-10-07", "2020-10-07", "bishkek", "kyrgyzstan"),
            False,
        ),  # no overlap
        (
            _happening("A", "Riots", "2020-10-05", "2020-10-05", "osh", "kyrgyzstan"),
            _happening("C", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            False,
        ),  # sibling places
        (
            _happening("A", "Protests", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan"),
            _happening("C", "Protests", "2005-01-01", "2020-10-06", "kyrgyzstan"),
            False,
        ),  # a period, not a happening
    ],
)
def test_the_matcher_same_family_overlapping_dates_same_or_nested_place(acled, curated, matched):
    from citemap.acled.match import assign

    assert (assign([acled], [curated]) == {"A": "C"}) is matched


def test_the_matcher_pairs_the_best_ranked_first():
    from citemap.acled.match import assign

    protest = _happening("P", "Protests", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan")
    riot = _happening("R", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan")
    curated_riot = _happening("cr", "Riots", "2020-10-05", "2020-10-05", "bishkek", "kyrgyzstan")
    country_protests = _happening("cp", "Protests", "2020-10-05", "2020-10-06", "kyrgyzstan")
    assert assign([protest, riot], [curated_riot, country_protests]) == {
        "R": "cr",
        "P": "cp",
    }  # not first come, first served


def test_the_imports_datapackage_is_the_one_its_written_files_describe(tmp_path):
    """datapackage.json is written from the rows in memory (not read back), named for DIR (not for the folder it is
    written in before being renamed into place): the same descriptor as one made from the files afterwards."""
    out = tmp_path / "nga_import"
    assert import_acled([SAMPLES / "nga_long_dates_crlf_bom.csv"], out, out=io.StringIO()) == 0
    written = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(descriptor(out)))
    assert written["name"] == "citemap-nga-import"
    assert [s["path"] for s in written["sources"][:-1]] == [
        f"sources/{r['file']}" for r in read_rows(out / "sources.csv")
    ]
