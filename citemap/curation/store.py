"""Saving that never loses anything.

`save(data_dir, ops, base=version, ...)` writes a whole new version of the dataset, or nothing:
1. under a lock (a file beside the data folder), the current version is compared with `base`, the version the
   change was made against: a different one is refused with `StaleVersion`, naming the files that changed
   and the logged changes made since (never overwriting another reviewer's work);
2. each op's `before` is compared with the row as it is now (an insert's key must be free);
3. the new version is built aside, in a sibling folder: unchanged files are hard links (no copy), changed tables
   and files are written fresh (never through a link), and the change is appended to `changes.jsonl`;
4. the new version is validated by `citemap.dataset.validate`; any error refuses the save with `SaveRefused`
   carrying the same file/line/column problems `validate` prints (a dataset with no events yet is allowed);
5. the folders are swapped in one step (Linux renameat2 RENAME_EXCHANGE), and the old version removed.
A crash or a full disk before step 5 leaves the old version as it was; step 5 is atomic.

The version token is a content hash of the tables and source texts (`cache.source_files`): the same bytes,
the same token. `changes.jsonl` is append-only: who, when, action, why, every op with its row before and
after, and the version before and after. `undo(change_id)` applies a change's ops backwards, as a new change.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..cache import source_files
from ..contract import TABLES
from ..csvwrite import read_rows, write_table
from ..problems import Problem
from ..words import plural

LOG = "changes.jsonl"
_EMPTY_OK = "file has a header but no rows"  # a dataset being curated may have no events yet
_RENAME_EXCHANGE = 2


class StaleVersion(Exception):
    def __init__(self, changed_files: list[str], changes_since: list[dict]):
        self.changed_files = changed_files
        self.changes_since = changes_since
        what = ", ".join(changed_files) or "the tables"
        since = "; ".join(
            f"change {c['change_id']} by {c['who']} at {c['when']}: {c['action']} {c.get('summary', '')}".strip()
            for c in changes_since
        )
        super().__init__(
            f"The dataset changed since you loaded it ({what})"
            + (f": {since}" if since else "")
            + ". Nothing was saved: reload and review again."
        )


class SaveRefused(Exception):
    def __init__(self, problems: list[Problem], message: str = ""):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            message
            or (
                f"Nothing was saved: the change would break the contract ({plural(len(errors), 'problem')}):\n"
                + "\n".join(str(p) for p in errors[:20])
            )
        )


@dataclass(frozen=True)
class Version:
    token: str
    files: dict  # relative path -> content hash

    def short(self) -> str:
        return self.token[:12]


def current_version(data_dir: Path) -> Version:
    data_dir = Path(data_dir)
    files = {}
    for path in source_files(data_dir):
        files[path.relative_to(data_dir).as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    token = hashlib.blake2b(json.dumps(files, sort_keys=True).encode(), digest_size=16).hexdigest()
    return Version(token, files)


def stamp(data_dir: Path) -> tuple:
    """A cheap key that changes whenever a save swaps a new version in (the folder's inode, each file's stat):
    what the dashboard keys its loaded dataset by, so a new version is picked up without a restart."""
    data_dir = Path(data_dir)
    try:
        stats: list[int | tuple[str, int, int, int]] = [data_dir.stat().st_ino]
        for path in source_files(data_dir):
            s = path.stat()
            stats.append((path.name, s.st_size, s.st_mtime_ns, s.st_ino))
    except OSError:
        return ()
    return tuple(stats)


def read_log(data_dir: Path) -> list[dict]:
    path = Path(data_dir) / LOG
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                entries.append(json.loads(line))
            except ValueError as err:
                raise SaveRefused(
                    [Problem(LOG, number, None, line[:60], f"not a JSON line ({err}): the change log is damaged")]
                ) from None
    return entries


@contextmanager
def _locked(data_dir: Path):
    lock_path = data_dir.parent / f".{data_dir.name}.citemap-lock"
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _key(table: str, row: dict) -> tuple:
    return tuple(row.get(column, "") for column in TABLES[table].primary_key)


def _clean(row: dict | None) -> dict | None:
    return None if row is None else {k: ("" if v is None else str(v)) for k, v in row.items()}


def apply_ops(tables: dict[str, list[dict]], ops: list[dict]) -> None:
    """Apply insert/update/delete ops in place; refuse an op whose `before` is not the row as it is now."""
    positions: dict[str, dict[tuple, int]] = {}
    deleted: dict[str, set[int]] = {}  # table -> positions of its deleted rows, dropped at the end
    for op in ops:
        if op["table"] == "file":
            continue
        name = op["table"]
        rows = tables[name]
        if name not in positions:
            positions[name] = {_key(name, row): i for i, row in enumerate(rows)}
        where = positions[name]
        before, after = _clean(op.get("before")), _clean(op.get("after"))
        named = before or after
        if named is None:
            raise SaveRefused(
                [], f"Nothing was saved: a change to {name}.csv has neither a row before nor a row after."
            )
        key = _key(name, named)
        index = where.get(key)
        if before is None:  # an insert: `named` is the row after
            if index is not None:
                raise SaveRefused([], f"Nothing was saved: {name}.csv already has a row {'/'.join(key)}.")
            where[key] = len(rows)
            rows.append(named)
            continue
        if index is None:
            raise SaveRefused([], f"Nothing was saved: {name}.csv has no row {'/'.join(key)} any more.")
        current = {k: rows[index].get(k, "") for k in before}
        if current != before:
            changed = [k for k in before if current.get(k) != before.get(k)]
            raise SaveRefused(
                [], f"Nothing was saved: {name}.csv row {'/'.join(key)} has changed since ({', '.join(changed)})."
            )
        if after is None:
            deleted.setdefault(name, set()).add(index)
            del where[key]
        else:
            rows[index] = after
            where.pop(key)
            where[_key(name, after)] = index
    for name, gone in deleted.items():
        tables[name][:] = [row for i, row in enumerate(tables[name]) if i not in gone]


def _link_tree(source: Path, target: Path) -> None:
    target.mkdir()
    for entry in os.scandir(source):
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            _link_tree(path, target / entry.name)
        else:
            try:
                os.link(path, target / entry.name, follow_symlinks=False)
            except OSError:
                shutil.copy2(path, target / entry.name, follow_symlinks=False)


def _write_fresh(path: Path, content: bytes) -> None:
    """Write a new file (never through a hard link shared with the old version)."""
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _exchange(a: Path, b: Path) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(-100, os.fsencode(a), -100, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    # No atomic exchange on this system: two renames, the old version kept until the new one is in place.
    aside = b.with_name(b.name + ".citemap-old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _validate(staging: Path) -> list[Problem]:
    from ..dataset import validate

    _, problems = validate(staging)
    return [p for p in problems if p.severity == "error" and not p.message.startswith(_EMPTY_OK)]


def save(
    data_dir: Path,
    ops: list[dict],
    *,
    base: Version,
    who: str,
    action: str,
    why: str = "",
    files: dict[str, bytes] | None = None,
    extra: dict | None = None,
) -> dict:
    """Write one change as a new version (see the module doc); return its log entry."""
    data_dir = Path(data_dir).resolve()
    files = files or {}
    with _locked(data_dir):
        now = current_version(data_dir)
        if now.token != base.token:
            changed = sorted(
                name for name in set(now.files) | set(base.files) if now.files.get(name) != base.files.get(name)
            )
            log = read_log(data_dir)
            since = [e for e in log if e.get("version_before") and _after_base(e, log, base.token)]
            raise StaleVersion(changed, since)
        touched = sorted({op["table"] for op in ops if op["table"] != "file"})
        tables = {name: read_rows(data_dir / f"{name}.csv") for name in touched}
        apply_ops(tables, ops)
        log = read_log(data_dir)
        entry = {
            "change_id": max((e["change_id"] for e in log), default=0) + 1,
            "who": who or "unknown",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "action": action,
            "why": why,
            **(extra or {}),
            "ops": ops,
            "version_before": base.token,
        }
        _remove_abandoned(data_dir)
        staging = data_dir.parent / f".{data_dir.name}.citemap-new-{os.getpid()}-{time.monotonic_ns()}"
        try:
            _link_tree(data_dir, staging)
            for name, rows in tables.items():
                path = staging / f"{name}.csv"
                if path.exists():
                    path.unlink()
                write_table(path, name, rows)
            for relative, content in files.items():
                _write_fresh(staging / relative, content)
            for op in ops:
                if op["table"] == "file" and op.get("after") is None and (staging / op["path"]).exists():
                    (staging / op["path"]).unlink()
            errors = _validate(staging)
            if errors:
                raise SaveRefused(errors)
            entry["version_after"] = current_version(staging).token
            old_log = (data_dir / LOG).read_bytes() if (data_dir / LOG).exists() else b""
            _write_fresh(staging / LOG, old_log + (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
            _exchange(staging, data_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the new version if refused, else the old one
    return entry


def _remove_abandoned(data_dir: Path) -> None:
    """Versions a killed save left half-built beside the data folder (their process is gone): never swapped in, so removed."""
    for path in data_dir.parent.glob(f".{data_dir.name}.citemap-new-*"):
        pid = path.name.rsplit("-", 2)[-2]
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (ValueError, PermissionError):
            continue


def _after_base(entry: dict, log: list[dict], base_token: str) -> bool:
    tokens = [e.get("version_after") for e in log]
    if base_token not in tokens:
        return True
    return log.index(entry) > tokens.index(base_token)


def inverse(entry: dict) -> list[dict]:
    return [{**op, "before": op.get("after"), "after": op.get("before")} for op in reversed(entry["ops"])]


def undo(data_dir: Path, change_id: int, *, base: Version, who: str, why: str = "") -> dict:
    """Undo one logged change, as a new logged change; refused when its rows have changed since."""
    log = read_log(data_dir)
    entry = next((e for e in log if e["change_id"] == change_id), None)
    if entry is None:
        raise SaveRefused([], f"There is no change {change_id} in {LOG}.")
    if any(e.get("undoes") == change_id for e in log):
        raise SaveRefused([], f"Change {change_id} is already undone.")
    ops = inverse(entry)
    summary = f"undo of change {change_id} ({entry['action']})"
    return save(
        data_dir,
        ops,
        base=base,
        who=who,
        action="undo",
        why=why or summary,
        extra={"undoes": change_id, "summary": summary, "proposals": entry.get("proposals", [])},
    )


def history_lines(data_dir: Path) -> list[str]:
    lines = []
    for e in read_log(data_dir):
        tables = sorted({op["table"] for op in e["ops"] if op["table"] != "file"})
        what = f"{plural(len(e['ops']), 'row')} in {', '.join(tables)}" if tables else "no table rows"
        why = f" — {e['why']}" if e.get("why") else ""
        lines.append(
            f"#{e['change_id']} {e['when']} {e['who']}: {e['action']} {e.get('summary', '')} ({what}){why}".replace(
                "  ", " "
            )
        )
    return lines
