"""Citemap benchmark: `python bench/run.py [--quick] [--sizes 10000 100000 1000000]`.

Measures, in one run on one machine, for the bundled data and synthetic datasets:
- load time, cold (CSV parsed and validated) and cached (the Parquet copy);
- the server-side rerun time of a filter change on each page, through Streamlit's AppTest;
- where /usr/bin/chromium exists, the browser time from navigation to the first chart drawn.
Every time is also given as a ratio to an empty Streamlit page measured in the same run (the
framework's floor), because the machines are shared and noisy: compare ratios, not seconds.
Prints a table and writes bench/results.json. Nothing here is a test: no figure is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["app.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Actors.py", "pages/4_Source.py", "pages/5_Data.py"]
CHROMIUM = "/usr/bin/chromium"
EMPTY_PAGE = 'import streamlit as st\nst.title("Empty")\nst.write("The framework\'s floor.")\n'


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(size: int, folder: Path) -> Path:
    target = folder / f"synth-{size}"
    if not (target / "events.csv").exists():
        subprocess.run([sys.executable, "-m", "citemap", "synth", "--events", str(size), "-o", str(target), "--seed", "1"], cwd=ROOT, check=True)
    return target


def load_times(data_dir: Path) -> dict:
    """Cold load in a fresh process with no cache; cached load in a fresh process after it."""
    probe = "import sys, time; sys.path.insert(0, %r); from citemap.dataset import load; t = time.perf_counter(); load(%r); print(time.perf_counter() - t)"
    for cache in (data_dir / ".citemap-cache",):
        shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "CITEMAP_DATA": str(data_dir)}
    cold = float(subprocess.run([sys.executable, "-c", probe % (str(ROOT), str(data_dir))], capture_output=True, text=True, env=env, check=True).stdout.split()[-1])
    cached = float(subprocess.run([sys.executable, "-c", probe % (str(ROOT), str(data_dir))], capture_output=True, text=True, env=env, check=True).stdout.split()[-1])
    return {"load_cold_s": cold, "load_cached_s": cached}


def rerun_times(data_dir: Path, repeat: int) -> dict:
    """Median rerun of a filter change (an event type toggled on and off) on each page."""
    from streamlit.testing.v1 import AppTest

    os.environ["CITEMAP_DATA"] = str(data_dir)
    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        options = app.multiselect(key="event_types").options
        choices = [[options[0]], []]
        results = {}
        for page in PAGES:
            if page != "app.py":
                app.switch_page(page).run()
            state = {"n": 0}

            def change():
                app.multiselect(key="event_types").set_value(choices[state["n"] % 2]).run()
                state["n"] += 1

            change()  # the first build of each figure is part of a page's first visit, not of a rerun
            results[page] = median_seconds(change, repeat)
        return results
    finally:
        os.environ.pop("CITEMAP_DATA", None)


def empty_rerun(repeat: int) -> float:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty.py"
        script.write_text(EMPTY_PAGE)
        app = AppTest.from_file(str(script)).run()
        return median_seconds(lambda: app.run(), repeat)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def browser_first_chart(script_dir: Path, script: str, data_dir: Path | None, selector: str, repeat: int) -> float | None:
    """Seconds from navigation to the first element matching `selector`, on a server started here."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, **({"CITEMAP_DATA": str(data_dir)} if data_dir else {})}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                              cwd=script_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"])
            try:
                def visit():
                    page = browser.new_page(viewport={"width": 1600, "height": 1000})
                    page.goto(base)
                    page.wait_for_selector(selector, timeout=600_000)
                    page.close()

                visit()  # the first visit loads and caches the dataset in the server
                return median_seconds(visit, repeat)
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="bundled data and 10k events only")
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="synthetic sizes (default 10000 100000 1000000)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    sizes = [10_000] if args.quick else (args.sizes if args.sizes is not None else [10_000, 100_000, 1_000_000])

    work = ROOT / ".cache" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    datasets = [("bundled", ROOT / "data")] + [(f"{size:,} events", synthetic(size, work)) for size in sizes]

    floor = empty_rerun(args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "empty.py").write_text(EMPTY_PAGE)
        browser_floor = None if args.no_browser else browser_first_chart(Path(folder), "empty.py", None, "h1", args.repeat)

    results = {
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(), "python": platform.python_version()},
        "empty_page": {"rerun_s": floor, "browser_first_paint_s": browser_floor},
        "datasets": {},
    }
    for name, data_dir in datasets:
        row = load_times(data_dir)
        row["rerun_s"] = rerun_times(data_dir, args.repeat)
        row["rerun_ratio"] = {page: seconds / floor for page, seconds in row["rerun_s"].items()}
        row["browser_first_chart_s"] = None if args.no_browser else browser_first_chart(ROOT, "app.py", data_dir, ".js-plotly-plot .main-svg", max(1, args.repeat // 2))
        if row["browser_first_chart_s"] and browser_floor:
            row["browser_ratio"] = row["browser_first_chart_s"] / browser_floor
        results["datasets"][name] = row

    print(f"Machine: {results['machine']}")
    print(f"Empty page: rerun {floor * 1000:.1f} ms" + (f", first paint in the browser {browser_floor:.2f} s" if browser_floor else ""))
    header = f"{'dataset':<18}{'load cold':>10}{'cached':>9}  " + "  ".join(f"{Path(p).stem:>14}" for p in PAGES) + f"{'browser':>16}"
    print(header)
    for name, row in results["datasets"].items():
        reruns = "  ".join(f"{row['rerun_s'][p] * 1000:7.0f}ms {row['rerun_ratio'][p]:4.0f}x" for p in PAGES)
        browser = f"{row['browser_first_chart_s']:.2f}s {row.get('browser_ratio', 0):.1f}x" if row["browser_first_chart_s"] else "n/a"
        print(f"{name:<18}{row['load_cold_s']:>9.2f}s{row['load_cached_s']:>8.2f}s  {reruns}{browser:>16}")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {ROOT / 'bench' / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
