"""The package as a newcomer meets it: the command line's `serve`, the README's commands and code layout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser.server import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_serve_runs_the_dashboard_from_the_checkout_with_streamlit_options_passed_on(tmp_path):
    """`citemap serve` from any folder: streamlit runs app.py in the checkout (so .streamlit/config.toml applies),
    a relative $CITEMAP_DATA still names the same folder, and --server.* options reach streamlit."""
    (tmp_path / "mydata").mkdir()
    port = free_port()
    env = {**os.environ, "CITEMAP_DATA": "mydata", "PYTHONPATH": str(ROOT)}
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "citemap", "serve", "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, f"serve exited with {process.returncode}: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "the dashboard was not healthy within 60 s"
            time.sleep(0.2)  # polling a server that is starting
        # serve replaces itself with streamlit (same pid): its folder and environment are the server's
        assert Path(f"/proc/{process.pid}/cwd").resolve() == ROOT
        environ = dict(
            item.split("=", 1) for item in Path(f"/proc/{process.pid}/environ").read_text().split("\0") if "=" in item
        )
        assert environ["CITEMAP_DATA"] == str(tmp_path / "mydata")
        assert "app.py" in Path(f"/proc/{process.pid}/cmdline").read_text().split("\0")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_other_commands_still_refuse_unknown_options():
    run = subprocess.run(
        [sys.executable, "-m", "citemap", "validate", "--server.port", "1"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 2
    assert "unrecognized arguments: --server.port" in run.stderr


def _readme_block(heading: str) -> list[str]:
    """The lines of the first code block under `heading` in README.md."""
    text = "\n" + (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split(f"\n{heading}\n", 1)[1]
    return after.split("```", 2)[1].split("\n")[1:-1]


def _layout_names() -> tuple[set[str], dict[str, str]]:
    """The README's code layout: the paths in its first column, and what each line says.

    A module has a line of its own (citemap/dataset.py), or is named in its package's line after the colon,
    as "name (what it is)" separated by commas: `citemap/charts/   plotly figures: map (offline basemap), timeline`.
    A line that starts with spaces goes on with the line above.
    """
    lines: dict[str, str] = {}
    path = ""
    for line in _readme_block("## Code layout"):
        if line.startswith(" "):
            lines[path] += " " + line.strip()
        else:
            path, _, description = line.partition("  ")
            lines[path] = description.strip()
    named: set[str] = set()
    for path, description in lines.items():
        if path.startswith("citemap/") and path.endswith("/"):
            listed = re.sub(r"\([^)]*\)", "", description.split(":", 1)[1])  # the names, without what each is
            words = [word.strip() for word in listed.split(",")]
            named.update(f"{path}{name}.py" for name in words)
        elif path.startswith("citemap/"):
            named.add(path)
    return named, lines


def test_readme_code_layout_names_every_module_and_only_modules_that_exist():
    named, lines = _layout_names()
    modules = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "citemap").rglob("*.py") if path.name != "__init__.py"
    }
    assert sorted(modules - named) == [], (
        "modules the README's code layout does not name: add a line (or a name in the package's line)"
    )
    assert sorted(named - modules) == [], "the README's code layout names modules that do not exist"
    assert all(lines.values()), "every line of the code layout says what the module is"
    for path in (p.strip() for line in lines for p in line.split(",")):
        assert (ROOT / path).exists(), f"the README's code layout names {path}, which does not exist"


def test_ci_runs_exactly_the_readme_test_command():
    readme_commands = [line.split("#", 1)[0].strip() for line in _readme_block("# Citemap")]
    ci_commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert readme_commands[1] == "bash tests/run"
    assert ci_commands[-1] == f"exec {readme_commands[1]}"


def _ranges(path: Path) -> list:
    from packaging.requirements import Requirement

    return [
        Requirement(line.split("#", 1)[0]) for line in path.read_text().splitlines() if line.split("#", 1)[0].strip()
    ]


def test_the_lock_pins_every_range_with_a_version_the_range_allows():
    """requirements.lock against requirements.txt and tests/requirements.txt: refresh it with bash tests/lock."""
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith(("#", " ")):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    for requirement in _ranges(ROOT / "requirements.txt") + _ranges(ROOT / "tests" / "requirements.txt"):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: run bash tests/lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement}: run bash tests/lock"
        )


# tests/ folders that are not a subpackage's tests: the browser scenarios (a marked group that drives the whole app
# through Chromium), the broken-data corpus (tests.broken), and what the browser tests write (gitignored).
TEST_FOLDERS_OF_THEIR_OWN = {"browser", "broken", "artifacts"}
# Data folders inside a subpackage's test folder: files the tests read (tests/acled/samples/), not tests.
TEST_DATA_FOLDERS = {"samples"}


def test_tests_mirror_the_package():
    """tests/ is laid out like citemap/: a subpackage's tests are in tests/<subpackage>/, and nowhere else;
    a top-level tests/test_<name>.py tests the top-level module citemap/<name>.py (or the app as a whole)."""
    tests = ROOT / "tests"
    subpackages = sorted(path.parent.name for path in (ROOT / "citemap").glob("*/__init__.py"))
    top_modules = {path.stem for path in (ROOT / "citemap").glob("*.py")}
    subpackage_modules = {
        path.stem: path.parent.name for path in (ROOT / "citemap").glob("*/*.py") if path.stem != "__init__"
    }
    folders = sorted(path.name for path in tests.iterdir() if path.is_dir() and not path.name.startswith((".", "__")))

    for path in sorted(tests.glob("test_*.py")):
        name = path.stem.removeprefix("test_")
        subpackage = next((sub for sub in subpackages if name == sub or name.startswith(f"{sub}_")), None)
        if subpackage is None and name not in top_modules:
            subpackage = subpackage_modules.get(name)
        assert subpackage is None, (
            f"tests/{path.name} is named after citemap/{subpackage}/: move it into tests/{subpackage}/ (git mv)"
        )

    strays = [name for name in folders if name not in subpackages and name not in TEST_FOLDERS_OF_THEIR_OWN]
    assert strays == [], (
        f"tests/ folders that name no citemap subpackage: {strays} (name the folder after the subpackage it tests)"
    )
    for name in set(folders) & set(subpackages):
        folder = tests / name
        assert (folder / "__init__.py").exists(), (
            f"tests/{name}/ has no __init__.py: the tests are a package (from ..helpers import ...)"
        )
        assert sorted(folder.glob("test_*.py")), f"tests/{name}/ holds no test_*.py"
        inner = sorted(
            path.name
            for path in folder.iterdir()
            if path.is_dir() and not path.name.startswith((".", "__")) and path.name not in TEST_DATA_FOLDERS
        )
        assert inner == [], f"tests/{name}/ has folders {inner}: citemap/{name}/ has no subpackages for them to mirror"


def test_no_text_counts_with_a_bracketed_plural():
    """'1 source(s)', '3 row(s)': a count is worded with citemap.words.plural. Only a source's own words keep the form."""
    import ast
    import re

    verbatim = "Death(s)"  # quoted from a source's infobox (citemap/segment.py)
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for path in [*sorted((ROOT / "citemap").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search(r"[A-Za-z]\(s\)", node.value.replace(verbatim, ""))
    ]
    assert found == []
