"""A columnar cache of validated datasets: restart without re-parsing and re-validating unchanged CSVs.

When `citemap.dataset.validate` accepts a dataset, the validated tables, the
source texts and the warnings are written as Parquet under a key that is a
hash of the content of every file the dataset is read from (each `*.csv` and
`sources/*.txt`) and of the code that validates it. The next `validate` of the
same content reads the Parquet copy instead, and returns the same Dataset,
dtypes and line numbers included. Any changed, added or removed file gives a
new key, so a stale copy is never used.

Hashing 700 MB of text takes a second or more, so each entry also records the
size, modification time, change time and inode of every file it was made from:
when none of them has changed since, the content hash is known without reading
the files again (the same shortcut as git's index).

Where: `$CITEMAP_CACHE` if set (a folder; `off` disables the cache), otherwise
`.citemap-cache/` inside the data folder (git-ignored). A data folder that
cannot be written to simply goes uncached. Small datasets (under MIN_BYTES)
validate faster than they load, so they are not cached.

Validating a large dataset takes about twice the memory of holding it, so a
cache miss on one (CHILD_BYTES or more) is validated in a child process that
writes the cache; the caller then reads the Parquet copy. The dashboard's
server thus never holds more than the loaded dataset, even on a cold start.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .contract import TABLE_ORDER
from .problems import Problem
from .texts import SourceTexts

FORMAT = 2  # 2: source texts stored compressed (citemap/texts.py)
MIN_BYTES = int(
    os.environ.get("CITEMAP_CACHE_MIN_BYTES", 1_000_000)
)  # below this, validating is as fast as reading a cache
CHILD_BYTES = 100_000_000  # from this size, a miss is validated in a child process
_CHILD_ENV = "CITEMAP_CACHE_CHILD"
KEEP = 3  # entries kept per cache folder, newest first
FOLDER = ".citemap-cache"
_CODE = ("contract.py", "tables.py", "checks.py", "dataset.py", "problems.py", "cache.py", "texts.py")


def _lean_allocator() -> None:
    """Arrow's memory from jemalloc rather than its default, mimalloc, unless ARROW_DEFAULT_MEMORY_POOL says otherwise,
    and freed memory handed back to the system at once.

    mimalloc keeps freed memory in per-thread heaps, and Streamlit runs every rerun in a thread of
    its own: a server holding a million events grew by some hundreds of MB (2.2 GB against 1.9 GB
    after the Overview). jemalloc by default keeps freed pages for a while for reuse: reading the
    million-event Parquet copy then left ~400 MB of the reader's scratch buffers resident (1.54 GB
    against 1.14 GB). Buffers allocated before the switch are still freed to their own pool.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow

    try:
        pyarrow.set_memory_pool(pyarrow.jemalloc_memory_pool())
        pyarrow.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pyarrow.ArrowNotImplementedError):
        pass  # a build without jemalloc: keep the default


_lean_allocator()


def cache_root(data_dir: Path) -> Path | None:
    setting = os.environ.get("CITEMAP_CACHE", "").strip()
    if setting.lower() in ("off", "0", "no", "false", "none"):
        return None
    return Path(setting) if setting else Path(data_dir) / FOLDER


def source_files(data_dir: Path) -> list[Path]:
    """Every file a dataset is read from: the CSV tables and the source texts, in a fixed order."""
    data_dir = Path(data_dir)
    sources = data_dir / "sources"
    return sorted(p for p in data_dir.glob("*.csv") if p.is_file()) + (
        sorted(p for p in sources.glob("*.txt") if p.is_file()) if sources.is_dir() else []
    )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The validating code and the libraries that shape the tables: a new version is a new key."""
    import pyarrow

    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    digest.update(f"{FORMAT}|{pd.__version__}|{pyarrow.__version__}|{sys.version_info[:2]}".encode())
    return digest.hexdigest()


def _stats(data_dir: Path, files: list[Path]) -> dict[str, list[int]]:
    result = {}
    for path in files:
        stat = path.stat()
        result[path.relative_to(data_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
    return result


def content_key(data_dir: Path, files: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(code_fingerprint().encode())
    for path in files:
        content = path.read_bytes()
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.hexdigest()


@dataclass(frozen=True)
class Cached:
    """What the cache knows of a dataset's content: its validated tables and texts, or (tables None) that it has errors.

    Plain tables, not a Dataset: citemap/dataset.py makes the Dataset, so that this module need not import it back.
    """

    tables: dict[str, pd.DataFrame] | None
    source_texts: SourceTexts | None
    problems: list[Problem]


@dataclass
class Entry:
    """The cache slot of one dataset's content."""

    root: Path
    key: str
    data_dir: Path
    stats: dict[str, list[int]]

    @property
    def path(self) -> Path:
        return self.root / self.key

    def load(self) -> Cached | None:
        """The validated tables, texts and problems from the cache, or None when there is no usable copy."""
        try:
            meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                return None
            tables = {name: pd.read_parquet(self.path / f"{name}.parquet") for name in TABLE_ORDER}
            texts = pd.read_parquet(self.path / "source_texts.parquet")
        except (OSError, ValueError, KeyError):
            return None  # missing, half-written by another process, or unreadable: validate instead
        problems = [Problem(**p) for p in meta["problems"]]
        if meta.get("stats") != self.stats:
            self._write_meta(meta | {"stats": self.stats})  # touched but unchanged: remember the new times
        os.utime(self.path)  # most recently used
        source_texts = SourceTexts(dict(zip(texts["source_id"].tolist(), texts["packed"].tolist())))
        return Cached(tables, source_texts, problems)

    def validate_in_child(self) -> Cached | None:
        """On a miss for a large dataset: validate in a child process that fills the cache, then read the cache.

        Returns what the cache holds, or a Cached without tables when the data has errors; None when this
        is not worth it (a small dataset), not possible (already in the child) or did not work,
        so that the caller validates in its own process as usual.
        """
        if os.environ.get(_CHILD_ENV) or sum(s[0] for s in self.stats.values()) < CHILD_BYTES:
            return None
        code = (
            "import pickle, sys; sys.path.insert(0, sys.argv[2]); from citemap.dataset import validate; "
            "dataset, problems = validate(sys.argv[1]); pickle.dump((dataset is not None, problems), sys.stdout.buffer)"
        )
        try:
            child = subprocess.run(
                [sys.executable, "-c", code, str(self.data_dir), str(Path(__file__).resolve().parent.parent)],
                env={**os.environ, _CHILD_ENV: "1"},
                capture_output=True,
                check=True,
            )
            valid, problems = pickle.loads(child.stdout)
        except (OSError, subprocess.CalledProcessError, pickle.UnpicklingError, EOFError, ValueError):
            return None  # killed, out of memory, or no Python to run: validate here instead
        if not valid:
            return Cached(None, None, problems)
        return self.load()  # None if the child could not write the cache: the caller validates here

    def store(self, dataset, problems: list[Problem]) -> None:  # a citemap.dataset.Dataset
        """Write the validated dataset; any failure (a read-only folder, a full disk) leaves it uncached."""
        staging = self.root / f".tmp-{self.key}-{os.getpid()}-{time.monotonic_ns()}"
        try:
            staging.mkdir(parents=True)
            for name in TABLE_ORDER:
                dataset.table(name).to_parquet(staging / f"{name}.parquet")
            packed = dataset.source_texts.packed()
            pd.DataFrame(
                {"source_id": pd.array(list(packed), dtype="str"), "packed": list(packed.values())}
            ).to_parquet(staging / "source_texts.parquet")
            meta = {
                "format": FORMAT,
                "code": code_fingerprint(),
                "data_dir": str(self.data_dir.resolve()),
                "stats": self.stats,
                "problems": [p.as_dict() for p in problems],
                "events": len(dataset.events),
            }
            (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            staging.rename(self.path)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # another process won the race, or the folder is read-only
            return
        self._evict()

    def _write_meta(self, meta: dict) -> None:
        temporary = self.path / f".meta-{os.getpid()}.json"
        try:
            temporary.write_text(json.dumps(meta), encoding="utf-8")
            temporary.replace(self.path / "meta.json")
        except OSError:
            pass

    def _evict(self) -> None:
        entries = sorted(
            (p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)


def entry(data_dir: Path) -> Entry | None:
    """The cache slot for the dataset's current content, or None when caching is off or not worth it."""
    data_dir = Path(data_dir)
    root = cache_root(data_dir)
    if root is None:
        return None
    try:
        files = source_files(data_dir)
        stats = _stats(data_dir, files)
    except OSError:
        return None
    if sum(s[0] for s in stats.values()) < MIN_BYTES:
        return None
    return Entry(root, _known_key(root, data_dir, stats) or content_key(data_dir, files), data_dir, stats)


def _known_key(root: Path, data_dir: Path, stats: dict) -> str | None:
    """The key of an entry made from exactly these files, untouched since (no need to hash them again)."""
    if not root.is_dir():
        return None
    where = str(data_dir.resolve())
    for path in root.iterdir():
        if path.name.startswith("."):
            continue
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if meta.get("data_dir") == where and meta.get("stats") == stats and meta.get("code") == code_fingerprint():
            return path.name
    return None
