"""Saving that never loses anything: validated, atomic, refused when stale, logged, undoable (citemap/curation/store.py)."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citemap.__main__ import main
from citemap.csvwrite import read_rows
from citemap.curation import store
from citemap.dataset import validate

ROOT = Path(__file__).resolve().parents[2]

ACTOR = {
    "actor_id": "act-new",
    "name": "New Actor",
    "aliases": "",
    "kind": "person",
    "title": "",
    "affiliation": "",
    "description": "",
    "sentence_ids": "kg-2020-10-06-s001",
}


def _insert(data_dir, row=ACTOR, base=None, who="ana"):
    return store.save(
        data_dir,
        [{"table": "actors", "before": None, "after": row}],
        base=base or store.current_version(data_dir),
        who=who,
        action="accept",
        why="test",
    )


def test_a_save_is_validated_logged_and_swapped_in_whole(data_copy):
    before = store.current_version(data_copy)
    entry = _insert(data_copy)
    after = store.current_version(data_copy)
    assert after.token != before.token and entry["version_after"] == after.token
    assert any(r["actor_id"] == "act-new" for r in read_rows(data_copy / "actors.csv"))
    assert validate(data_copy)[0] is not None
    assert [e["who"] for e in store.read_log(data_copy)] == ["ana"]
    assert not list(data_copy.parent.glob(".data.citemap-new-*"))  # nothing left aside


def test_a_save_that_breaks_the_contract_is_refused_with_validates_messages(data_copy):
    before = store.current_version(data_copy)
    bad = ACTOR | {"kind": "wizard"}
    with pytest.raises(store.SaveRefused) as refused:
        _insert(data_copy, bad)
    problem = next(p for p in refused.value.problems if p.column == "kind")
    assert (problem.file, problem.line) == ("actors.csv", len(read_rows(data_copy / "actors.csv")) + 2)
    assert "actors.csv, line" in str(refused.value) and "column kind" in str(refused.value)
    assert store.current_version(data_copy) == before and store.read_log(data_copy) == []


def test_a_stale_save_is_refused_with_what_changed(data_copy):
    base = store.current_version(data_copy)
    _insert(data_copy, who="ana")
    with pytest.raises(store.StaleVersion) as stale:
        _insert(data_copy, ACTOR | {"actor_id": "act-other"}, base=base, who="ben")
    assert stale.value.changed_files == ["actors.csv"]
    assert [c["who"] for c in stale.value.changes_since] == ["ana"]
    assert "ana" in str(stale.value) and "Nothing was saved" in str(stale.value)
    assert not any(r["actor_id"] == "act-other" for r in read_rows(data_copy / "actors.csv"))


def test_undo_restores_the_rows_and_is_logged(data_copy, capsys):
    original = read_rows(data_copy / "actors.csv")
    entry = _insert(data_copy)
    store.undo(data_copy, entry["change_id"], base=store.current_version(data_copy), who="ana")
    assert read_rows(data_copy / "actors.csv") == original
    with pytest.raises(store.SaveRefused, match="already undone"):
        store.undo(data_copy, entry["change_id"], base=store.current_version(data_copy), who="ana")
    assert main(["history", str(data_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("#1 ") and "ana: accept" in out[0]
    assert out[1].startswith("#2 ") and "undo of change 1" in out[1]


def test_undo_is_refused_when_the_row_changed_since(data_copy):
    first = _insert(data_copy)
    changed = ACTOR | {"title": "Mayor"}
    store.save(
        data_copy,
        [{"table": "actors", "before": ACTOR, "after": changed}],
        base=store.current_version(data_copy),
        who="ben",
        action="edit",
    )
    with pytest.raises(store.SaveRefused, match="has changed since"):
        store.undo(data_copy, first["change_id"], base=store.current_version(data_copy), who="ana")


SLOW_SAVE = """
import sys
from pathlib import Path
from citemap.curation import store
data = Path(sys.argv[1])
rows = [{"actor_id": f"act-{n}", "name": f"Actor {n}", "aliases": "", "kind": "person", "title": "", "affiliation": "", "description": "",
         "sentence_ids": "kg-2020-10-06-s001"} for n in range(100_000)]
store.save(data, [{"table": "actors", "before": None, "after": row} for row in rows], base=store.current_version(data), who="killed", action="accept")
"""


def test_a_save_killed_half_way_leaves_the_old_version_whole(data_copy):
    before = store.current_version(data_copy)
    child = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(data_copy)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not list(data_copy.parent.glob(".data.citemap-new-*")):  # the new version is being built aside
            assert child.poll() is None, "the save ended before it was seen half-way"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert store.current_version(data_copy) == before  # not one byte of the tables or texts changed
    assert validate(data_copy)[0] is not None and store.read_log(data_copy) == []
    _insert(data_copy)  # the next save clears what the killed one left aside
    assert not list(data_copy.parent.glob(".data.citemap-new-*"))
