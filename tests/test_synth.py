"""Synthetic datasets: valid against the contract, varied like real data, the same for the same seed."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from citemap.dataset import load, validate
from citemap.synth import synth, synthesize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    out = synth(1000, tmp_path_factory.mktemp("synth") / "data", seed=7)
    return load(out)


@pytest.mark.parametrize("events", [10, 1000])
def test_synthetic_data_meets_the_contract_with_no_warning(tmp_path, events):
    dataset, problems = validate(synth(events, tmp_path / "data", seed=1))
    assert dataset is not None, [str(p) for p in problems[:10]]
    assert not problems, [str(p) for p in problems[:10]]
    assert len(dataset.events) == events


def test_command_line_writes_a_valid_dataset_with_a_basemap(tmp_path):
    out = tmp_path / "data"
    made = subprocess.run(
        [sys.executable, "-m", "citemap", "synth", "--events", "25", "-o", str(out), "--seed", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "citemap", "validate", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert checked.returncode == 0, checked.stderr
    assert sorted(p.name for p in (out / "geo").glob("*.geojson")) == sorted(
        p.name for p in (ROOT / "data" / "geo").glob("*.geojson")
    )


def test_same_seed_same_files_other_seed_other_files():
    first, again, other = synthesize(200, seed=5), synthesize(200, seed=5), synthesize(200, seed=6)
    for name, frame in first.tables.items():
        assert frame.equals(again.tables[name]), name
    assert first.texts == again.texts
    assert not first.tables["events"].equals(other.tables["events"])


def test_event_types_and_sub_types_are_mixed(thousand):
    events = thousand.events
    shares = events["event_type"].value_counts(normalize=True)
    assert len(shares) == 6
    assert shares.index[0] == "Protests" and 0.3 < shares["Protests"] < 0.6
    assert events["sub_event_type"].nunique() >= 15


def test_every_precision_of_time_and_place_occurs(thousand):
    events = thousand.events
    assert set(events["time_precision"]) == {1, 2, 3, 4}
    assert {"", "morning", "evening", "night"} <= set(events["time_of_day"])
    spans = events["date_end"].notna()
    assert spans.any() and (events.loc[spans, "date_end"] > events.loc[spans, "event_date"]).all()
    assert (events["date_text"] != "").all()
    used = thousand.places[thousand.places["place_id"].isin(events["place_id"])]
    assert set(used["geo_precision"]) == {1, 2, 3}
    assert set(thousand.places["kind"]) == {"country", "region", "city", "site"}
    vague = thousand.places[thousand.places["geo_precision"] > 1]
    assert (vague["uncertainty_km"] > 0).all()
    assert (events["place_id"] == "").any(), "some events name no place"


def test_actors_roles_and_figures_are_mixed(thousand):
    assert set(thousand.actors["kind"]) == {"person", "organization", "group", "media"}
    assert {"actor1", "actor2", "target", "speaker", "source", "associated"} <= set(thousand.event_actors["role"])
    figures = thousand.figures
    assert {"exact", "approx", "at_least", "range"} <= set(figures["qualifier"])
    assert {"participants", "arrested", "wounded", "killed"} <= set(figures["metric"])
    assert (figures["reported_by"] != "").any() and (figures["reported_by"] == "").any()
    ranges = figures[figures["qualifier"] == "range"]
    assert (ranges["value_high"] > ranges["value"]).all()
    # Conflicting reports of one crowd: two rows for one event and metric, from one sentence.
    pairs = figures[figures["metric"] == "participants"].groupby(["event_id", "sentence_id"]).size()
    assert (pairs == 2).any()


def test_sources_are_real_sentences_and_every_event_cites_them(thousand):
    sentences = thousand.sentences
    assert {"body", "heading"} <= set(sentences["kind"])
    body = sentences[sentences["kind"] == "body"]
    assert body["text"].str.match(r"^[A-Z].*[.]$").all()
    assert (body["text"].str.split().str.len() >= 6).all()
    assert thousand.events["sentence_ids"].str.len().gt(0).all()
    for row in sentences.sample(50, random_state=0).itertuples():
        assert thousand.source_texts[row.source_id][row.start : row.end] == row.text


def _inside(lon: np.ndarray, lat: np.ndarray, ring: list) -> np.ndarray:
    """Ray casting: which points lie inside a closed ring of [lon, lat] pairs."""
    xs, ys = np.array([p[0] for p in ring]), np.array([p[1] for p in ring])
    inside = np.zeros(len(lon), dtype=bool)
    for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:]):
        crosses = (y0 > lat) != (y1 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (lon < x_at)
    return inside


def test_every_coordinate_lies_inside_kyrgyzstan(thousand):
    outline = json.loads((ROOT / "data" / "geo" / "kgz_adm0_naturalearth.geojson").read_text())
    places = thousand.places
    lon, lat = places["longitude"].to_numpy(), places["latitude"].to_numpy()
    inside = np.zeros(len(places), dtype=bool)
    for feature in outline["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for outer, *holes in polygons:
            here = _inside(lon, lat, outer)
            for hole in holes:
                here &= ~_inside(lon, lat, hole)
            inside |= here
    assert inside.all(), list(places.loc[~inside, "name"])


def run_synth(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citemap", "synth", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("events", ["0", "-5", "9", "1000001", "ten", "10.5"])
def test_command_refuses_an_event_count_outside_10_to_a_million(tmp_path, events):
    out = tmp_path / "data"
    made = run_synth("--events", events, "-o", str(out))
    assert made.returncode == 2
    assert "Traceback" not in made.stderr
    assert "argument --events: expected" in made.stderr and "from 10 to 1,000,000" in made.stderr, made.stderr
    assert not out.exists()


def test_command_refuses_a_folder_holding_other_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    made = run_synth("--events", "10", "-o", str(out))
    assert made.returncode == 2 and "Traceback" not in made.stderr
    assert f"nothing written: {out} is not empty and holds no SYNTHETIC.json" in made.stderr, made.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"] and (out / "notes.txt").read_text() == "my notes"


def test_command_refuses_a_file_as_its_folder(tmp_path):
    out = tmp_path / "data.csv"
    out.write_text("a,b\n")
    made = run_synth("--events", "10", "-o", str(out))
    assert made.returncode == 2 and f"{out} is a file, not a folder" in made.stderr, made.stderr
    assert out.read_text() == "a,b\n"


def test_command_replaces_an_earlier_synthetic_dataset_whole(tmp_path):
    out = tmp_path / "data"
    assert run_synth("--events", "10", "-o", str(out)).returncode == 0
    (out / "left-over.csv").write_text("stale\n")  # a file the new dataset does not have
    again = run_synth("--events", "12", "-o", str(out), "--seed", "2")
    assert again.returncode == 0, again.stderr
    assert "replacing the synthetic dataset that was there" in again.stdout
    assert not (out / "left-over.csv").exists()
    assert json.loads((out / "SYNTHETIC.json").read_text())["events"] == 12
    dataset, problems = validate(out)
    assert dataset is not None and len(dataset.events) == 12, [str(p) for p in problems[:5]]


def test_command_writes_into_an_empty_folder(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    made = run_synth("--events", "10", "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert "replacing" not in made.stdout
    assert json.loads((out / "SYNTHETIC.json").read_text())["events"] == 10
