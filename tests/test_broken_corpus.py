"""Every broken dataset of the corpus (tests/broken) is refused, or accepted, with its exact problems.

For each case three readers must agree: `validate()`, the command line
(`python -m citemap validate DIR`, run through its main() in this process, and as a process of its
own for a few cases, which must say exactly the same) and the dashboard started on the folder
(`CITEMAP_DATA=DIR`). Each names the file, the line and the column of every
problem, and none of them shows a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from citemap.__main__ import main as citemap_main
from citemap.contract import TABLE_ORDER
from citemap.dataset import load, validate
from citemap.problems import visible
from citemap.words import plural

from .broken import CASES, DATA, Case, Expect

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
REFUSED = [c for c in CASES if not c.accepted]
ACCEPTED = [c for c in CASES if c.accepted]
WITH_WARNINGS = [c.name for c in ACCEPTED if c.name in ("unknown-extra-column", "html-in-cells")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, list[Expect]]]:
    """Every case built once for this module: name -> (folder, expected problems)."""
    base = tmp_path_factory.mktemp("broken")
    return {case.name: (base / case.name, case.build(base / case.name)) for case in CASES}


def where(problem) -> tuple:
    line = problem.line if problem.line is None or not pd.isna(problem.line) else None
    return (problem.severity, problem.file, None if line is None else int(line), problem.column or None)


def assert_matches(found: list, expected: list[Expect], shown=lambda value: value) -> None:
    """The problems found are exactly those expected: same places, messages that say what is wrong.

    shown: how the reader writes a value (the dashboard writes invisible characters out).
    """
    assert sorted(map(where, found), key=str) == sorted((e.where for e in expected), key=str), [str(p) for p in found]
    by_place = {where(p): p for p in found}
    for e in expected:
        problem = by_place[e.where]
        assert e.message in problem.message, (e.where, problem.message)
        if e.value is not None:
            assert problem.value == shown(e.value), (e.where, problem.value)


def test_the_corpus_covers_the_issue():
    names = {c.name for c in CASES}
    wanted = {
        "missing-file",
        "missing-column",
        "unknown-extra-column",
        "wrong-type-number",
        "empty-file",
        "header-only",
        "duplicate-id",
        "quote-not-verbatim",
        "start-off-by-one",
        "latitude-out-of-range",
        "longitude-out-of-range",
        "unknown-time-precision",
        "unknown-geo-precision",
        "unparseable-date",
        "date-after-publication",
        "not-utf8",
        "byte-order-mark",
        "crlf-line-endings",
        "html-in-cells",
    }
    assert wanted <= names
    from citemap.contract import CITING_TABLES, TABLES

    for table in TABLES.values():
        for key in table.foreign_keys:
            assert f"dangling-{table.name}-{key.column}" in names
    for name in CITING_TABLES:
        assert f"dangling-{name}-sentence_ids" in names


@pytest.mark.parametrize("case", CASES, ids=str)
def test_validate_reports_exactly_the_problems(corpus, case: Case):
    folder, expected = corpus[case.name]
    dataset, problems = validate(folder)
    assert (dataset is not None) == case.accepted, [str(p) for p in problems]
    assert_matches(problems, expected)


def command_line(folder: Path) -> subprocess.CompletedProcess:
    """`python -m citemap validate DIR` as its own process, as a user types it (a library's deprecation warning
    on stderr is not the command's output: pytest catches those in this process)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "citemap", "validate", str(folder)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def command_main(folder: Path) -> subprocess.CompletedProcess:
    """The same command through citemap.__main__.main in this process: what the process runs, without
    its two seconds of interpreter start and imports (67 cases would spend a minute of CI on them)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = citemap_main(["validate", str(folder)])
    return subprocess.CompletedProcess(["citemap", "validate", str(folder)], code, out.getvalue(), err.getvalue())


# A refused case, an accepted one with a warning, undecodable bytes, markup and a value printed with
# non-ASCII characters: each run as a real process too, to show that the process says exactly what
# main() says, through a real stdout's encoding.
AS_PROCESS = ["missing-file", "unknown-extra-column", "not-utf8", "html-in-cells", "non-ascii-digits-number"]


@pytest.mark.parametrize("name", AS_PROCESS)
def test_the_command_as_a_process_says_what_main_says(corpus, name: str):
    folder = corpus[name][0]
    process, in_process = command_line(folder), command_main(folder)
    assert "Traceback" not in process.stderr
    assert (process.returncode, process.stdout, process.stderr) == (
        in_process.returncode,
        in_process.stdout,
        in_process.stderr,
    )


@pytest.mark.parametrize("case", CASES, ids=str)
def test_validate_command_names_file_line_and_column(corpus, case: Case):
    folder, expected = corpus[case.name]
    run = command_main(folder)  # an exception would propagate and fail the test
    output = run.stdout + run.stderr
    lines = output.splitlines()
    for e in expected:
        said = [line for line in lines if line.startswith(e.cli_text() + ":")]
        assert len(said) == 1 and e.message in said[0], (e.cli_text(), output)
    errors = [e for e in expected if e.severity == "error"]
    if case.accepted:
        assert run.returncode == 0, output
        assert f"{folder}: valid" in run.stdout
        assert (f", {plural(len(expected), 'warning')}" in run.stdout) == bool(expected)
    else:
        assert run.returncode == 1, output
        assert f"{folder}: INVALID, {plural(len(errors), 'error')}" in run.stderr


@pytest.fixture
def app_on():
    """Run app.py through AppTest on a data folder; CITEMAP_DATA is restored afterwards."""
    saved = os.environ.get("CITEMAP_DATA")

    def run(folder: Path) -> AppTest:
        os.environ["CITEMAP_DATA"] = str(folder)
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        return at

    try:
        yield run
    finally:
        if saved is None:
            os.environ.pop("CITEMAP_DATA", None)
        else:
            os.environ["CITEMAP_DATA"] = saved


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_dashboard_lists_the_same_problems(corpus, app_on, case: Case):
    folder, expected = corpus[case.name]
    at = app_on(folder)
    assert not at.exception, [e.value for e in at.exception]
    errors = [e for e in expected if e.severity == "error"]
    assert len(at.error) == 1
    assert f"does not meet the contract: {plural(len(errors), 'problem')}" in at.error[0].value
    assert str(folder) in at.error[0].value
    assert len(at.dataframe) == 1  # the problems, and no other table
    shown = at.dataframe[0].value
    found = [row for row in shown.itertuples(index=False)]
    assert_matches(found, expected, shown=visible)
    assert not at.get("plotly_chart"), "nothing of a broken dataset is drawn"


@pytest.mark.parametrize(
    ("case", "shown"),
    [
        ("newline-after-date", "2020-10-06\\n"),
        ("newline-after-number", "590\\n"),
        ("non-ascii-digits-number", "\uff15\uff19\uff10"),
    ],
)
def test_dashboard_writes_out_invisible_characters_of_a_value(corpus, app_on, case: str, shown: str):
    folder, _ = corpus[case]
    at = app_on(folder)
    assert at.dataframe[0].value["value"].tolist() == [shown]


@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_dashboard_opens_an_accepted_dataset(corpus, app_on, case: Case):
    folder, _ = corpus[case.name]
    at = app_on(folder)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.title[0].value == "Overview"
    assert len(at.get("plotly_chart")) == 2  # the map and the timeline are drawn
    for page in ("pages/3_Actors.py", "pages/4_Source.py", "pages/5_Data.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, page


@pytest.mark.parametrize("case", WITH_WARNINGS)
def test_dashboard_lists_the_warnings_of_an_accepted_dataset(corpus, app_on, case: str):
    folder, expected = corpus[case]
    at = app_on(folder)
    assert not at.exception
    page_text = " ".join(str(e.value) for kind in ("warning", "caption", "markdown", "info") for e in at.get(kind))
    tables = [frame.value for frame in at.dataframe]
    for e in expected:
        in_text = f"line {e.line}" in page_text and e.file in page_text
        in_table = any(
            {"file", "line", "column"} <= set(t.columns)
            and ((t["file"] == e.file) & (t["line"] == e.line) & (t["column"] == e.column)).any()
            for t in tables
        )
        assert in_text or in_table, e


@pytest.mark.parametrize("case", [c for c in ACCEPTED if c.same_as_original], ids=str)
def test_accepted_encoding_loads_equal_to_the_original(corpus, case: Case):
    folder, _ = corpus[case.name]
    original, variant = load(DATA), load(folder)
    for name in TABLE_ORDER:
        pd.testing.assert_frame_equal(
            variant.table(name).reset_index(drop=True),
            original.table(name).reset_index(drop=True),
            obj=f"{case.name}: {name}",
        )
    assert variant.source_texts == original.source_texts
    assert variant.warnings == original.warnings == ()
