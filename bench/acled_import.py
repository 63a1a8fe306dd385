"""Benchmark of `python -m citemap import-acled`: 100,000 synthetic ACLED-format rows, timed, with peak memory.

    python bench/acled_import.py                 100,000 rows (the target: under 30 s and under 2 GB)
    python bench/acled_import.py --rows 10000

The rows are synthetic (random but plausible: ACLED's current columns, dates over two years, 40 countries with
10 admin1 regions and 50 locations each, 2,000 actors, sources from a list of outlets, notes of two to four
sentences, crowd-size tags on protests, one event in fifty repeated one row per actor); they are no one's data.
The import runs as its own process (`python -m citemap import-acled`), so the figures are the command's own:
wall time, and peak resident memory (ru_maxrss of the child). The import includes validating the written
dataset with citemap.dataset (as the command always does); its time is the larger part.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so the script runs from a clone where the package is not installed

from citemap.acled.formats import CURRENT_COLUMNS  # noqa: E402 (after the path is set)

TYPES = [
    ("Protests", "Peaceful protest", "Demonstrations", 6, 0),
    ("Protests", "Protest with intervention", "Demonstrations", 6, 1),
    ("Riots", "Violent demonstration", "Political violence; Demonstrations", 5, 1),
    ("Battles", "Armed clash", "Political violence", 1, 2),
    ("Violence against civilians", "Attack", "Political violence", 3, 7),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", 1, 2),
    ("Strategic developments", "Arrests", "Strategic developments", 1, 6),
]
OUTLETS = [
    "AKIpress",
    "24.kg",
    "Kloop",
    "Premium Times",
    "Punch (Nigeria)",
    "The Daily Star (Bangladesh)",
    "Prothom Alo",
    "Reuters",
    "AFP",
    "Nation (Kenya)",
]
CROWDS = ["thousands", "hundreds", "dozens", "around 50", "no report", "several", "between 100 and 200"]


def write_rows(path: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    countries = [f"Country{c:02d}" for c in range(40)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CURRENT_COLUMNS)
        written, number = 0, 0
        while written < count:
            number += 1
            country = rng.choice(countries)
            admin1 = f"{country} Region {rng.randrange(10)}"
            location = f"{admin1} Town {rng.randrange(50)}"
            event_type, sub, disorder, inter1, inter2 = rng.choice(TYPES)
            day = f"2021-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            actor1 = f"Actor {rng.randrange(2000)} ({country})"
            actor2 = f"Actor {rng.randrange(2000)} ({country})" if inter2 else ""
            sources = "; ".join(rng.sample(OUTLETS, rng.randrange(1, 3)))
            notes = " ".join(
                f"Sentence {k} of event {number}: something happened in {location} on {day}."
                for k in range(rng.randrange(2, 5))
            )
            tags = f"crowd size={rng.choice(CROWDS)}" if event_type == "Protests" else ""
            lat, lon = f"{rng.uniform(-40, 60):.4f}", f"{rng.uniform(-100, 140):.4f}"
            cells = {
                "event_id_cnty": f"SYN{number}", "event_date": day, "year": "2021", "time_precision": rng.choice("1112"),
                "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub, "actor1": actor1, "assoc_actor_1": "",
                "inter1": inter1, "actor2": actor2, "assoc_actor_2": "", "inter2": inter2, "interaction": f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter2 else f"{inter1}0",
                "civilian_targeting": "", "iso": "999", "region": "Synthetic", "country": country, "admin1": admin1, "admin2": "", "admin3": "",
                "location": location, "latitude": lat, "longitude": lon, "geo_precision": rng.choice("112"), "source": sources,
                "source_scale": "National", "notes": notes, "fatalities": rng.choice("0000123"), "tags": tags, "timestamp": "1650000000",
            }  # fmt: skip
            repeats = 2 if number % 50 == 0 else 1
            for r in range(min(repeats, count - written)):
                writer.writerow(
                    [
                        cells[c] if not (c == "actor1" and r) else f"Actor {rng.randrange(2000)} ({country})"
                        for c in CURRENT_COLUMNS
                    ]
                )
                written += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = folder / "acled.csv"
        started = time.perf_counter()
        write_rows(source, args.rows)
        print(
            f"generated {args.rows:,} rows ({source.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        result = subprocess.run(
            check=False,
            args=[sys.executable, "-m", "citemap", "import-acled", str(source), "-o", str(folder / "out")],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        lines = [line for line in result.stdout.splitlines() if line.startswith(("rows read", "time:"))]
        print("\n".join(lines) if lines else result.stderr[-2000:])
        print(
            f"import-acled: {args.rows:,} rows in {seconds:.1f} s wall ({cpu:.1f} s of CPU: the machine's load shows in the difference), peak memory {peak_mb:,.0f} MB, exit {result.returncode}"
            f" (target: under 30 s and 2,048 MB: {'met' if seconds < 30 and peak_mb < 2048 and result.returncode == 0 else 'NOT met'})"
        )
        return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
