"""A broken copy of the data yields a precise message: file, line, column, value, what is wrong."""

import subprocess
import sys

import pytest

from citemap.dataset import load, validate
from citemap.problems import DatasetError

from .helpers import read_table, set_cell, write_table


def errors_of(data_dir):
    dataset, problems = validate(data_dir)
    assert dataset is None, "a broken dataset must not load"
    return [p for p in problems if p.severity == "error"]


def only_error(data_dir):
    errors = errors_of(data_dir)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_quote_that_is_not_verbatim(data_copy):
    _, rows = read_table(data_copy / "sentences.csv")
    row = next(i for i, r in enumerate(rows) if r["sentence_id"] == "kg-2020-10-06-s014")
    line = set_cell(
        data_copy, "sentences", row, "text", "One person has been killed and 590 wounded in the clashes, the army said."
    )
    error = only_error(data_copy)
    assert (error.file, error.line, error.column) == ("sentences.csv", line, "text")
    assert "not verbatim" in error.message and "the government said" in error.message


def test_offsets_off_by_one(data_copy):
    _, rows = read_table(data_copy / "sentences.csv")
    line = set_cell(data_copy, "sentences", 4, "start", str(int(rows[4]["start"]) + 1))
    error = only_error(data_copy)
    assert (error.file, error.line, error.column) == ("sentences.csv", line, "text")
    assert f"occurs at {rows[4]['start']}:" in error.message


def test_dangling_place_id(data_copy):
    line = set_cell(data_copy, "events", 2, "place_id", "pl-atlantis")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value) == ("events.csv", line, "place_id", "pl-atlantis")
    assert "does not exist in places.csv" in error.message


def test_dangling_sentence_id_in_a_list(data_copy):
    line = set_cell(data_copy, "actors", 0, "sentence_ids", "kg-2020-10-06-s001;kg-2020-10-06-s999")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value) == (
        "actors.csv",
        line,
        "sentence_ids",
        "kg-2020-10-06-s999",
    )


def test_latitude_of_95(data_copy):
    line = set_cell(data_copy, "places", 1, "latitude", "95")
    errors = errors_of(data_copy)
    messages = [(e.file, e.line, e.column, e.value, e.message) for e in errors]
    assert ("places.csv", line, "latitude", "95", "expected a number between -90 and 90") in messages


def test_unknown_time_precision_code(data_copy):
    line = set_cell(data_copy, "events", 0, "time_precision", "7")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value) == ("events.csv", line, "time_precision", "7")
    assert error.message == "expected one of: 1, 2, 3, 4"


def test_unknown_geo_precision_code(data_copy):
    line = set_cell(data_copy, "places", 0, "geo_precision", "0")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value, error.message) == (
        "places.csv",
        line,
        "geo_precision",
        "0",
        "expected one of: 1, 2, 3",
    )


def test_every_problem_is_reported_not_only_the_first(data_copy):
    set_cell(data_copy, "events", 0, "time_precision", "7")
    set_cell(data_copy, "events", 1, "event_date", "5 Oct 2020")
    set_cell(data_copy, "places", 1, "latitude", "95")
    set_cell(data_copy, "figures", 0, "qualifier", "roughly")
    found = {(e.file, e.column) for e in errors_of(data_copy)}
    assert {
        ("events.csv", "time_precision"),
        ("events.csv", "event_date"),
        ("places.csv", "latitude"),
        ("figures.csv", "qualifier"),
    } <= found


def test_value_text_must_be_in_its_sentence(data_copy):
    line = set_cell(data_copy, "figures", 1, "value_text", "600 wounded")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value) == ("figures.csv", line, "value_text", "600 wounded")


def test_site_far_from_its_parent_city(data_copy):
    # The White House moved to Osh: 300 km from Bishkek.
    set_cell(data_copy, "places", 3, "latitude", "40.53")
    line = set_cell(data_copy, "places", 3, "longitude", "72.80")
    error = only_error(data_copy)
    assert (error.file, error.line) == ("places.csv", line)
    assert "km from its parent pl-bishkek" in error.message


def test_sub_event_type_must_belong_to_its_type(data_copy):
    line = set_cell(data_copy, "events", 0, "sub_event_type", "Peaceful protest")
    error = only_error(data_copy)
    assert (error.file, error.line, error.column) == ("events.csv", line, "sub_event_type")


def test_duplicate_id(data_copy):
    header, rows = read_table(data_copy / "actors.csv")
    rows.append(dict(rows[0]))
    write_table(data_copy / "actors.csv", header, rows)
    lines = {e.line for e in errors_of(data_copy) if e.column == "actor_id"}
    assert lines == {2, len(rows) + 1}


def test_load_raises_with_every_problem(data_copy):
    set_cell(data_copy, "places", 1, "latitude", "95")
    with pytest.raises(DatasetError) as raised:
        load(data_copy)
    assert "places.csv, line 3, column latitude: '95': expected a number between -90 and 90" in str(raised.value)


def test_validate_command_exit_codes_and_output(data_copy):
    good = subprocess.run([sys.executable, "-m", "citemap", "validate", str(data_copy)], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert "events" in good.stdout and "38" in good.stdout
    set_cell(data_copy, "places", 1, "latitude", "95")
    bad = subprocess.run([sys.executable, "-m", "citemap", "validate", str(data_copy)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "places.csv, line 3, column latitude: '95': expected a number between -90 and 90" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("table", "row", "column", "cell", "expected"),
    [
        ("figures", 1, "value", "\uff15\uff19\uff10", "expected a number"),  # full-width digits
        ("sentences", 2, "paragraph", "\u0663", "expected an integer"),  # Arabic-Indic digit
        ("places", 2, "latitude", "\u0664\u0660.53", "expected a number"),
        (
            "events",
            0,
            "event_date",
            "\uff12\uff10\uff12\uff10-10-06",
            "expected an ISO date YYYY-MM-DD",
        ),  # not "in the future"
        ("events", 0, "event_date", "2020-10-06\n", "expected an ISO date YYYY-MM-DD"),  # not read as 6 October
        ("figures", 1, "value", "590\n", "expected a number"),  # not read as 590
        ("sources", 0, "language", "en\n", "expected text matching ^[a-z]{2,3}(-[A-Za-z0-9]+)*$"),
    ],
)
def test_a_typed_cell_is_all_ascii_digits_and_nothing_after(data_copy, table, row, column, cell, expected):
    line = set_cell(data_copy, table, row, column, cell)
    error = only_error(data_copy)
    assert (error.file, error.line, error.column, error.value, error.message) == (
        f"{table}.csv",
        line,
        column,
        cell,
        expected,
    )
    run = subprocess.run([sys.executable, "-m", "citemap", "validate", str(data_copy)], capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{table}.csv, line {line}, column {column}: {cell!r}: {expected}" in run.stderr  # a line break shows as \\n
