"""Curation benchmark: re-add the bundled article to an empty dataset and score the proposals against data/.

    python bench/curation.py [--data data]

The empty dataset has the contract's tables with no rows, and as its gazetteers the curated places
(geo/gazetteer.csv, with their ids, parents and coordinates) and actors (geo/actors_gazetteer.csv), so
names can be recognised but nothing is already coded. `add-source` then segments the article and makes
the proposals; they are scored against the curated tables:

- actors, places: a curated row is recalled when a proposal's row has its id; precision = such proposals / all.
- events: a proposal and a curated event match when they share a sentence and have the same event_type and
  sub_event_type; one-to-one, most shared sentences first. Recall = matched curated events / curated events.
- dates: of the matched events, the share whose proposed event_date is the day this source gives: its own
  event_dates row when the curated data has one, else the event's event_date; where the source gives no day
  (no date_text, no event_dates row of its own), a proposed window that holds the curated day counts (and is counted).
- figures: a proposal matches a curated figure with the same sentence, value, value_high and qualifier
  (the metric's name is reported separately: it is a naming choice).
- reviewer rejects: proposals of every kind (event_actors included, matched on event, actor and role) that
  match nothing curated, as a share of all proposals: what a reviewer would reject.
- time: from the start of add-source to proposals saved, and the article's word count.
Targets (issue 13): figures, actors, places >= 95 % recall; dates >= 90 %; events >= 80 %; rejects < 25 %; 1,000 words < 5 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citemap.contract import TABLE_ORDER  # noqa: E402
from citemap.csvwrite import read_rows, write_table  # noqa: E402
from citemap.tables import split_list  # noqa: E402

ARTICLE = "kyrgyzstan-2020-10-06.txt"
PUBLISHED = "2020-10-06"


def empty_dataset(curated: Path, out: Path) -> None:
    (out / "geo").mkdir(parents=True)
    for name in TABLE_ORDER:
        write_table(out / f"{name}.csv", name, [])
    for extra in (
        "kgz_adm0_naturalearth.geojson",
        "kgz_adm1_naturalearth.geojson",
        "bishkek_city_naturalearth.geojson",
    ):
        if (curated / "geo" / extra).exists():
            shutil.copy(curated / "geo" / extra, out / "geo" / extra)
    columns = [
        "place_id",
        "name",
        "aliases",
        "latitude",
        "longitude",
        "kind",
        "geo_precision",
        "uncertainty_km",
        "parent_place_id",
        "source",
    ]
    with (out / "geo" / "gazetteer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for row in read_rows(curated / "places.csv"):
            writer.writerow({c: row.get(c, "") for c in columns} | {"source": row["coordinate_source"]})
    columns = ["actor_id", "name", "aliases", "kind", "title", "affiliation", "description"]
    with (out / "geo" / "actors_gazetteer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for row in read_rows(curated / "actors.csv"):
            writer.writerow({c: row.get(c, "") for c in columns})


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def score(proposals: list[dict], curated: Path, source_id: str) -> dict:
    rows = {
        name: read_rows(curated / f"{name}.csv")
        for name in ("actors", "places", "events", "figures", "event_actors", "sentences")
    }
    ours = {s["sentence_id"] for s in rows["sentences"] if s["source_id"] == source_id}
    by_kind = {
        k: [p for p in proposals if p["kind"] == k] for k in ("actors", "places", "events", "figures", "event_actors")
    }
    result: dict[str, object] = {}  # per kind a dict of counts and ratios; then the two reject ratios
    matched_ids: set[str] = set()
    for kind, key in (("actors", "actor_id"), ("places", "place_id")):
        truth = {r[key] for r in rows[kind] if set(split_list(r["sentence_ids"])) & ours}
        got = {p["row"][key]: p["proposal_id"] for p in by_kind[kind]}
        hits = truth & set(got)
        matched_ids |= {got[h] for h in hits}
        result[kind] = {
            "curated": len(truth),
            "proposed": len(got),
            "recall": _ratio(len(hits), len(truth)),
            "precision": _ratio(len(hits), len(got)),
            "missed": sorted(truth - set(got)),
        }
    # events: one-to-one on shared sentences and the same code
    truth_events = [e for e in rows["events"] if set(split_list(e["sentence_ids"])) & ours]
    pairs = []
    for proposal in by_kind["events"]:
        for event in truth_events:
            shared = set(proposal["sentence_ids"]) & set(split_list(event["sentence_ids"]))
            if shared and (proposal["row"]["event_type"], proposal["row"]["sub_event_type"]) == (
                event["event_type"],
                event["sub_event_type"],
            ):
                pairs.append((len(shared), proposal["proposal_id"], event["event_id"], proposal, event))
    # The day this source gives: its own event_dates row when the curated data has one (a multi-source event's
    # own dates may come from another source), else the event's.
    reports = {}
    for report in read_rows(curated / "event_dates.csv"):
        if set(split_list(report["sentence_ids"])) & ours:
            reports[report["event_id"]] = report
    used_p, used_e, event_map, date_hits, window_hits = set(), set(), {}, 0, 0
    for _, pid, eid, proposal, event in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if pid in used_p or eid in used_e:
            continue
        used_p.add(pid)
        used_e.add(eid)
        event_map[proposal["row"]["event_id"]] = eid
        truth_day = reports.get(eid, event)["event_date"]
        row = proposal["row"]
        if row["event_date"] == truth_day:
            date_hits += 1
        elif (
            not row["date_text"]
            and row["event_date"] <= truth_day <= (row["date_end"] or row["event_date"])
            and eid not in reports
        ):
            date_hits += 1  # the source gives no day: its undated window holds the day the curator took from elsewhere
            window_hits += 1
    matched_ids |= used_p
    result["events"] = {
        "curated": len(truth_events),
        "proposed": len(by_kind["events"]),
        "recall": _ratio(len(used_e), len(truth_events)),
        "precision": _ratio(len(used_p), len(by_kind["events"])),
        "missed": sorted({e["event_id"] for e in truth_events} - used_e),
    }
    result["dates"] = {
        "curated": len(used_e),
        "proposed": len(used_p),
        "recall": _ratio(date_hits, len(used_e)),
        "precision": _ratio(date_hits, len(used_p)),
        "missed": [],
        "window_hits": window_hits,
    }
    truth_figures = [f for f in rows["figures"] if f["sentence_id"] in ours]
    used_f, metric_agrees, fig_hits = set(), 0, set()
    for proposal in by_kind["figures"]:
        r = proposal["row"]
        for figure in truth_figures:
            if figure["figure_id"] in used_f:
                continue
            if (r["sentence_id"], float(r["value"]), r["value_high"] or "", r["qualifier"]) == (
                figure["sentence_id"],
                float(figure["value"]),
                figure["value_high"] or "",
                figure["qualifier"],
            ):
                used_f.add(figure["figure_id"])
                fig_hits.add(proposal["proposal_id"])
                metric_agrees += r["metric"] == figure["metric"]
                break
    matched_ids |= fig_hits
    result["figures"] = {
        "curated": len(truth_figures),
        "proposed": len(by_kind["figures"]),
        "recall": _ratio(len(used_f), len(truth_figures)),
        "precision": _ratio(len(fig_hits), len(by_kind["figures"])),
        "missed": sorted({f["figure_id"] for f in truth_figures} - used_f),
        "metric_agrees": metric_agrees,
    }
    truth_links = {(link["event_id"], link["actor_id"], link["role"]) for link in rows["event_actors"]}
    link_hits = {
        p["proposal_id"]
        for p in by_kind["event_actors"]
        if (event_map.get(p["row"]["event_id"]), p["row"]["actor_id"], p["row"]["role"]) in truth_links
    }
    matched_ids |= link_hits
    result["event_actors"] = {
        "curated": len(truth_links),
        "proposed": len(by_kind["event_actors"]),
        "recall": _ratio(len(link_hits), len(truth_links)),
        "precision": _ratio(len(link_hits), len(by_kind["event_actors"])),
        "missed": [],
    }
    result["rejects"] = 1 - _ratio(len(matched_ids), len(proposals))
    result["rejects_without_links"] = 1 - _ratio(
        len(matched_ids - link_hits), len([p for p in proposals if p["kind"] != "event_actors"])
    )
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    args = parser.parse_args(argv)
    from citemap.curation.add_source import SourceMeta, add_source

    with tempfile.TemporaryDirectory() as tmp:
        dataset = Path(tmp) / "empty"
        empty_dataset(args.data, dataset)
        text_path = args.data / "sources" / ARTICLE
        source_id = next(r["source_id"] for r in read_rows(args.data / "sources.csv") if r["file"] == ARTICLE)
        started = time.perf_counter()
        added = add_source(
            dataset,
            text_path.read_bytes(),
            SourceMeta(published=PUBLISHED, source_id=source_id, file_name=ARTICLE),
            who="bench",
        )
        seconds = time.perf_counter() - started
        proposals = json.loads(added.proposals_path.read_text(encoding="utf-8"))["proposals"]
    words = len(text_path.read_text(encoding="utf-8").split())
    result = score(proposals, args.data, source_id)
    targets = {"figures": 0.95, "actors": 0.95, "places": 0.95, "dates": 0.90, "events": 0.80}
    print(f"Curation benchmark: {ARTICLE} ({words} words) re-added to an empty dataset; scored against {args.data}")
    print(f"{'kind':<14}{'curated':>8}{'proposed':>9}{'recall':>8}{'precision':>10}  target  missed")
    for kind in ("figures", "actors", "places", "dates", "events", "event_actors"):
        r = result[kind]
        target = f">= {targets[kind]:.0%}" if kind in targets else "  -"
        ok = "" if kind not in targets else (" ok" if r["recall"] >= targets[kind] else " BELOW")
        print(
            f"{kind:<14}{r['curated']:>8}{r['proposed']:>9}{r['recall']:>8.0%}{r['precision']:>10.0%}  {target:<7}{ok}  {', '.join(r['missed'][:6])}"
        )
    print(
        f"dates counted right because the source gives no day and the proposal's undated window holds the curated day: {result['dates']['window_hits']}"
    )
    print(
        f"figures with the curated metric name: {result['figures']['metric_agrees']} of {result['figures']['curated']}"
    )
    print(
        f"reviewer rejects (proposals matching nothing curated): {result['rejects']:.0%} of {len(proposals)} (target < 25%); without event_actors: {result['rejects_without_links']:.0%}"
    )
    per_1000 = seconds * 1000 / words
    print(
        f"add-source to proposals: {seconds:.2f} s for {words} words ({per_1000:.2f} s per 1,000 words; target < 5 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
