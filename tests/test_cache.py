"""The Parquet cache: a hit skips parsing, the Dataset is identical either way, any change invalidates it."""

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from citemap import cache, tables
from citemap.contract import TABLE_ORDER
from citemap.dataset import validate
from citemap.synth import synth

from .helpers import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cached(monkeypatch):
    """Cache every dataset, however small, in its own folder."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv("CITEMAP_CACHE", raising=False)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return synth(400, tmp_path_factory.mktemp("cache") / "data", seed=11)


@pytest.fixture
def data(tmp_path, synthetic) -> Path:
    target = tmp_path / "data"
    shutil.copytree(synthetic, target)
    return target


class Parses:
    """Counts the CSV files read, to tell a cache hit (none) from a miss."""

    def __init__(self, monkeypatch):
        self.count = 0
        original = tables.read_csv_text

        def counting(path, table):
            self.count += 1
            return original(path, table)

        monkeypatch.setattr("citemap.dataset.read_csv_text", counting)


def assert_same_dataset(first, second) -> None:
    for name in TABLE_ORDER:
        a, b = first.table(name), second.table(name)
        pd.testing.assert_frame_equal(
            a, b, check_exact=True, check_dtype=True, check_index_type=True, check_column_type=True, check_names=True
        )
        assert list(a.dtypes) == list(b.dtypes), name
        assert (a.index.name, a.index.dtype) == (b.index.name, b.index.dtype), name
    assert first.source_texts == second.source_texts
    assert first.warnings == second.warnings
    assert first.data_dir == second.data_dir


def test_second_load_reads_the_cache_not_the_csv(cached, data, monkeypatch):
    parses = Parses(monkeypatch)
    first, problems = validate(data)
    assert first is not None and parses.count == len(TABLE_ORDER)
    assert len([p for p in (data / cache.FOLDER).iterdir() if not p.name.startswith(".")]) == 1
    second, again = validate(data)
    assert parses.count == len(TABLE_ORDER), "a hit parses no CSV"
    assert again == problems
    assert_same_dataset(first, second)


@pytest.mark.parametrize("which", ["synthetic", "bundled", "with-warnings"])
def test_loaded_dataset_is_identical_from_csv_and_from_cache(cached, data, tmp_path, monkeypatch, which):
    if which == "bundled":
        data = tmp_path / "bundled"
        shutil.copytree(ROOT / "data", data)
    if which == "with-warnings":  # an unknown column (kept) and an uncited sentence: warnings survive the cache
        header, rows = read_table(data / "places.csv")
        write_table(data / "places.csv", header + ["population"], [dict(r, population="1000") for r in rows])
    monkeypatch.setenv("CITEMAP_CACHE", "off")
    from_csv, csv_problems = validate(data)
    monkeypatch.delenv("CITEMAP_CACHE")
    validate(data)  # writes the cache
    parses = Parses(monkeypatch)
    from_cache, cache_problems = validate(data)
    assert parses.count == 0
    assert_same_dataset(from_csv, from_cache)
    assert cache_problems == csv_problems
    if which == "with-warnings":
        assert from_cache.warnings and "population" in list(from_cache.places.columns)


def test_a_changed_csv_is_read_again(cached, data, monkeypatch):
    validate(data)
    header, rows = read_table(data / "events.csv")
    rows[0]["summary"] = "A changed summary."
    write_table(data / "events.csv", header, rows)
    parses = Parses(monkeypatch)
    dataset, _ = validate(data)
    assert parses.count == len(TABLE_ORDER)
    assert dataset.events["summary"].iloc[0] == "A changed summary."


def test_a_change_that_keeps_size_and_time_still_invalidates(cached, data, monkeypatch):
    validate(data)
    path = data / "events.csv"
    before = path.stat()
    content = path.read_bytes()
    at = content.index(b"Rally by") if b"Rally by" in content else content.index(b",", 200) + 1
    path.write_bytes(content[:at] + content[at : at + 1].swapcase() + content[at + 1 :])  # one letter's case: same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    parses = Parses(monkeypatch)
    validate(data)
    assert parses.count == len(TABLE_ORDER)


def test_a_changed_source_text_is_read_again(cached, data, monkeypatch):
    validate(data)
    source = sorted((data / "sources").glob("*.txt"))[0]
    source.write_text(source.read_text(encoding="utf-8") + "\nA line added at the end.\n", encoding="utf-8")
    parses = Parses(monkeypatch)
    dataset, _ = validate(data)
    assert parses.count == len(TABLE_ORDER)
    assert dataset.source_texts[dataset.sources["source_id"].iloc[0]].endswith("A line added at the end.\n")


def test_touching_files_keeps_the_cache(cached, data, monkeypatch):
    validate(data)
    for path in data.glob("*.csv"):
        path.touch()
    parses = Parses(monkeypatch)
    validate(data)
    assert parses.count == 0, "same content, new times: the content hash finds the entry"


def test_broken_data_is_never_cached(cached, data, monkeypatch):
    header, rows = read_table(data / "events.csv")
    rows[0]["time_precision"] = "7"
    write_table(data / "events.csv", header, rows)
    dataset, problems = validate(data)
    assert dataset is None and problems
    assert not (data / cache.FOLDER).exists() or not [
        p for p in (data / cache.FOLDER).iterdir() if not p.name.startswith(".")
    ]


def test_a_damaged_entry_falls_back_to_the_csv(cached, data, monkeypatch):
    first, _ = validate(data)
    entry = next(p for p in (data / cache.FOLDER).iterdir() if not p.name.startswith("."))
    (entry / "events.parquet").unlink()
    parses = Parses(monkeypatch)
    second, _ = validate(data)
    assert parses.count == len(TABLE_ORDER)
    assert_same_dataset(first, second)


def test_cache_folder_from_the_environment_and_off_switch(cached, data, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("CITEMAP_CACHE", str(elsewhere))
    validate(data)
    assert len(list(elsewhere.iterdir())) == 1 and not (data / cache.FOLDER).exists()
    monkeypatch.setenv("CITEMAP_CACHE", "off")
    parses = Parses(monkeypatch)
    validate(data)
    assert parses.count == len(TABLE_ORDER)


def test_small_datasets_are_not_cached(data, monkeypatch):
    monkeypatch.delenv("CITEMAP_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 10**12)
    validate(data)
    assert not (data / cache.FOLDER).exists()


def test_old_entries_are_evicted(cached, data, monkeypatch):
    header, rows = read_table(data / "events.csv")
    for n in range(cache.KEEP + 2):
        rows[0]["summary"] = f"Version {n}."
        write_table(data / "events.csv", header, rows)
        validate(data)
    entries = [p for p in (data / cache.FOLDER).iterdir() if not p.name.startswith(".")]
    assert len(entries) == cache.KEEP


def test_a_large_miss_is_validated_in_a_child_process(data, monkeypatch):
    """The child fills the cache and this process only reads it: the same dataset, no CSV parsed here."""
    monkeypatch.delenv("CITEMAP_CACHE", raising=False)
    monkeypatch.setenv("CITEMAP_CACHE_MIN_BYTES", "0")  # for the child, which reads its own settings
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("CITEMAP_CACHE", "off")
    expected, expected_problems = validate(data)
    monkeypatch.delenv("CITEMAP_CACHE")
    monkeypatch.setattr(cache, "CHILD_BYTES", 0)
    parses = Parses(monkeypatch)
    dataset, problems = validate(data)
    assert parses.count == 0, "validated in the child, read here from the cache"
    assert_same_dataset(expected, dataset)
    assert problems == expected_problems


def test_a_large_broken_dataset_reports_its_problems_from_the_child(data, monkeypatch):
    header, rows = read_table(data / "events.csv")
    rows[0]["time_precision"] = "7"
    write_table(data / "events.csv", header, rows)
    monkeypatch.setenv("CITEMAP_CACHE", "off")
    expected = validate(data)
    monkeypatch.delenv("CITEMAP_CACHE")
    monkeypatch.setenv("CITEMAP_CACHE_MIN_BYTES", "0")
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "CHILD_BYTES", 0)
    parses = Parses(monkeypatch)
    assert validate(data) == expected
    assert parses.count == 0
