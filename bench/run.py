"""Citemap's benchmark: load, rerun and browser times, and memory, from the bundled data to a million events.

    python bench/run.py            bundled data and synthetic datasets of 10k, 100k and 1M events
    python bench/run.py --quick    bundled data and 10k events only

Everything is measured in one run on one machine, and each time is also given as a ratio to
the same measure of an empty Streamlit page (the framework's floor):

- load: `validate()` and the index lookups the dashboard builds once, cold (a fresh cache
  folder: parse and validate every CSV) and cached (the Parquet copy of citemap/cache.py);
- rerun: the server-side time of a filter change (the event type set to Riots, then cleared
  again) on every page, through streamlit.testing's AppTest, in a process of its own whose
  peak memory is reported as well;
- browser (where /usr/bin/chromium exists): from navigation to the first chart drawn, on a
  real `streamlit run app.py`, with the server process's memory (current and peak) once the
  Overview has been drawn.

Synthetic datasets are made by `python -m citemap synth` into .cache/bench/ (git-ignored) and
kept for the next run. The table is printed and written to bench/results.json. This is a
measurement, not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
RESULTS = ROOT / "bench" / "results.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["app.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Actors.py", "pages/4_Source.py", "pages/5_Data.py", "pages/6_Briefing.py"]
PAGE_NAMES = {"app.py": "Overview", **{p: p.split("_", 1)[1].removesuffix(".py") for p in PAGES[1:]}}
BROWSER_PAGES = ["", "Map", "Timeline"]  # the pages that draw charts
TARGETS = {"bundled": ("rerun within 2x of the empty page", lambda r: r <= 2), "100k": ("rerun within 5x of the empty page", lambda r: r <= 5)}

EMPTY_APP = 'import streamlit as st\n\nst.title("Empty")\n'
CHART_APP = textwrap.dedent("""\
    import plotly.graph_objects as go
    import streamlit as st

    st.title("Empty")
    st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), key="chart")
""")


# ---------------------------------------------------------------- machine and datasets

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    ram = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0) \
        if Path("/proc/meminfo").exists() else 0
    import pandas
    import streamlit

    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(ram / 2**30, 1), "python": platform.python_version(),
            "streamlit": streamlit.__version__, "pandas": pandas.__version__, "platform": platform.platform(),
            "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def synthetic(events: int) -> tuple[Path, float | None]:
    """The synthetic dataset of `events` events (seed 0), made once and kept in .cache/bench/."""
    target = CACHE / f"synth-{events}"
    marker = target / "SYNTHETIC.json"
    from citemap.synth import VERSION

    if marker.exists() and json.loads(marker.read_text()) | {"generator": None} == {"generator": None, "version": VERSION, "events": events}:
        return target, None
    if target.exists():
        shutil.rmtree(target)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "citemap", "synth", "--events", str(events), "-o", str(target), "--seed", "0"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return target, time.perf_counter() - started


def label(events: int) -> str:
    return f"{events // 1_000_000}M" if events >= 1_000_000 else f"{events // 1000}k"


# ---------------------------------------------------------------- load

LOAD_CHILD = textwrap.dedent("""\
    import json, resource, sys, time
    t0 = time.perf_counter()
    from citemap.dataset import validate
    from citemap.index import DatasetIndex
    t1 = time.perf_counter()
    dataset, problems = validate(sys.argv[1])
    t2 = time.perf_counter()
    index = DatasetIndex(dataset)
    _ = index.events, index.place_descendants, index.citations_of_sentence, index.time_order
    t3 = time.perf_counter()
    print(json.dumps({"ok": dataset is not None, "imports": t1 - t0, "validate": t2 - t1, "index": t3 - t2,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def load_times(data_dir: Path) -> dict:
    """validate() and the index, cold (an empty cache folder) and cached (the folder the cold run filled)."""
    with tempfile.TemporaryDirectory(prefix="citemap-bench-cache-") as folder:
        env = {**os.environ, "CITEMAP_CACHE": folder}
        runs = {}
        for kind in ("cold", "cached"):
            out = subprocess.run([sys.executable, "-c", LOAD_CHILD, str(data_dir)], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
            runs[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        cached_entries = [p for p in Path(folder).iterdir() if not p.name.startswith(".")]
    return {
        "cold_s": runs["cold"]["validate"] + runs["cold"]["index"],
        "cached_s": runs["cached"]["validate"] + runs["cached"]["index"],
        "validate_cold_s": runs["cold"]["validate"], "validate_cached_s": runs["cached"]["validate"], "index_s": runs["cached"]["index"],
        "cache_used": bool(cached_entries), "peak_mb_cold": runs["cold"]["peak_mb"], "peak_mb_cached": runs["cached"]["peak_mb"],
    }


# ---------------------------------------------------------------- reruns through AppTest

RERUN_CHILD = textwrap.dedent("""\
    import json, os, resource, statistics, sys, time
    from streamlit.testing.v1 import AppTest
    script, pages, repeat = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
    at = AppTest.from_file(script, default_timeout=900)
    t = time.perf_counter(); at.run(); first = time.perf_counter() - t
    result = {"first_run_s": first, "pages": {}, "errors": [e.value for e in at.exception][:3]}
    for page in pages:
        if page != os.path.basename(script) and page != "app.py":
            at.switch_page(page)
        t = time.perf_counter(); at.run(); opened = time.perf_counter() - t
        changes = []
        for _ in range(repeat):
            if pages == ["app.py"] and not at.multiselect:  # the empty page: a plain rerun
                t = time.perf_counter(); at.run(); changes.append(time.perf_counter() - t)
                continue
            for value in (["Riots"], []):
                widget = at.multiselect(key="event_types")
                t = time.perf_counter(); widget.set_value(value).run(); changes.append(time.perf_counter() - t)
        result["pages"][page] = {"open_s": opened, "filter_change_s": statistics.median(changes), "filter_change_max_s": max(changes),
                                 "errors": [e.value for e in at.exception][:3]}
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
""")


def rerun_times(script: Path, data_dir: Path | None, pages: list[str], repeat: int) -> dict:
    env = {**os.environ}
    if data_dir is not None:
        env["CITEMAP_DATA"] = str(data_dir)
    out = subprocess.run([sys.executable, "-c", RERUN_CHILD, str(script), json.dumps(pages), str(repeat)], cwd=script.parent, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the browser

@contextmanager
def server(script: Path, data_dir: Path | None, timeout: float = 600):
    from tests.browser.server import streamlit_server  # the browser tests' own server, polled until healthy

    with streamlit_server(script, data_dir, timeout=timeout) as running:
        yield running


def process_memory_mb(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
    return {"rss_mb": values.get("VmRSS", 0) / 1024, "peak_rss_mb": values.get("VmHWM", 0) / 1024}


FIRST_CHART = "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.querySelector('.main-svg') && p.getBoundingClientRect().height > 50)"
MAP_DRAWN = "() => [...document.querySelectorAll('.js-plotly-plot canvas')].length > 0"


def browser_times(script: Path, data_dir: Path | None, pages: list[str], repeat: int = 2) -> dict:
    """Navigation to the first chart drawn, per page, on a warm server; and the server's memory after the Overview."""
    from playwright.sync_api import sync_playwright

    result = {"pages": {}}
    with server(script, data_dir) as (base, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            def visit(path: str) -> float:
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(900_000)
                try:
                    started = time.perf_counter()
                    page.goto(f"{base}/{path}")
                    page.wait_for_function(FIRST_CHART, polling=50, timeout=900_000)
                    return time.perf_counter() - started
                finally:
                    context.close()

            result["warmup_s"] = visit(pages[0])  # the first visit loads the dataset into the server
            result["server_memory_after_overview"] = process_memory_mb(pid)
            for path in pages:
                times = [visit(path) for _ in range(repeat)]
                result["pages"][path or "Overview"] = {"first_chart_s": statistics.median(times)}
            result["server_memory_end"] = process_memory_mb(pid)
        finally:
            browser.close()
    return result


# ---------------------------------------------------------------- the run

def run(sizes: list[int], browser: bool, repeat: int) -> dict:
    CACHE.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "datasets": {}}
    floor_dir = Path(tempfile.mkdtemp(prefix="citemap-bench-floor-"))
    try:
        (floor_dir / "empty.py").write_text(EMPTY_APP)
        (floor_dir / "chart.py").write_text(CHART_APP)
        print("the empty page (the framework's floor) ...", flush=True)
        floor = {"rerun": rerun_times(floor_dir / "empty.py", None, ["app.py"], repeat=max(repeat * 4, 8))}
        floor["rerun_s"] = floor["rerun"]["pages"]["app.py"]["filter_change_s"]
        if browser:
            floor["browser"] = browser_times(floor_dir / "chart.py", None, [""], repeat=max(repeat, 3))
            floor["first_chart_s"] = floor["browser"]["pages"]["Overview"]["first_chart_s"]
        results["floor"] = floor
    finally:
        shutil.rmtree(floor_dir, ignore_errors=True)

    datasets = [("bundled", ROOT / "data", None)] + [(label(n), *synthetic(n)) for n in sizes]
    for name, data_dir, made_s in datasets:
        print(f"{name}: load ...", flush=True)
        entry = {"data_dir": str(data_dir.relative_to(ROOT)), "synth_s": made_s, "load": load_times(data_dir)}
        print(f"{name}: reruns through AppTest ...", flush=True)
        entry["rerun"] = rerun_times(ROOT / "app.py", data_dir, PAGES, repeat)
        if browser:
            print(f"{name}: browser ...", flush=True)
            entry["browser"] = browser_times(ROOT / "app.py", data_dir, BROWSER_PAGES)
        results["datasets"][name] = entry
        RESULTS.write_text(json.dumps(_with_ratios(results), indent=1) + "\n")  # keep what is done if a later size fails
    return _with_ratios(results)


def _with_ratios(results: dict) -> dict:
    floor = results.get("floor", {})
    for name, entry in results["datasets"].items():
        pages = entry["rerun"]["pages"]
        worst = max(p["filter_change_s"] for p in pages.values())
        entry["rerun_worst_s"] = worst
        entry["ratios"] = {
            "load_cold": entry["load"]["cold_s"] / floor["rerun_s"] if floor.get("rerun_s") else None,
            "load_cached": entry["load"]["cached_s"] / floor["rerun_s"] if floor.get("rerun_s") else None,
            "rerun": {p: v["filter_change_s"] / floor["rerun_s"] for p, v in pages.items()},
            "rerun_worst": worst / floor["rerun_s"],
        }
        if "browser" in entry and floor.get("first_chart_s"):
            entry["ratios"]["first_chart"] = {p: v["first_chart_s"] / floor["first_chart_s"] for p, v in entry["browser"]["pages"].items()}
        checks = {}
        if name in TARGETS:
            words, ok = TARGETS[name]
            checks[words] = ok(entry["ratios"]["rerun_worst"])
        if name == "1M":
            checks["rerun under 3 s on every page"] = worst < 3
            memory = entry.get("browser", {}).get("server_memory_end") or {}
            if memory:
                checks["server under 2 GB"] = memory["peak_rss_mb"] < 2048
        entry["targets"] = checks
    return results


def table(results: dict) -> str:
    floor = results["floor"]
    names = list(results["datasets"])
    lines = []

    def row(label_: str, values: list[str]) -> None:
        lines.append(f"| {label_} | " + " | ".join(values) + " |")

    header = ["measure", "empty page", *names]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))

    def cell(seconds: float | None, floor_s: float | None) -> str:
        if seconds is None:
            return "–"
        text = f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds:.2f} s"
        if floor_s:
            ratio = seconds / floor_s
            text += f" ({ratio:.1f}x)" if ratio < 10 else f" ({ratio:,.0f}x)"
        return text

    datasets = results["datasets"]
    row("load, cold (validate + index)", ["–", *[cell(datasets[n]["load"]["cold_s"], None) for n in names]])
    row("load, cached", ["–", *[cell(datasets[n]["load"]["cached_s"], None) + ("" if datasets[n]["load"]["cache_used"] else " (not cached: small)") for n in names]])
    for page in PAGES:
        row(f"rerun on filter change: {PAGE_NAMES[page]}", [cell(floor["rerun_s"], None) if page == "app.py" else "", *[
            cell(datasets[n]["rerun"]["pages"][page]["filter_change_s"], floor["rerun_s"]) for n in names]])
    row("AppTest process peak memory", [f"{floor['rerun']['peak_mb']:.0f} MB", *[f"{datasets[n]['rerun']['peak_mb']:.0f} MB" for n in names]])
    if "first_chart_s" in floor:
        for page in ["Overview", *BROWSER_PAGES[1:]]:
            row(f"browser: navigation to first chart, {page}", [cell(floor["first_chart_s"], None) if page == "Overview" else "", *[
                cell(datasets[n]["browser"]["pages"][page]["first_chart_s"], floor["first_chart_s"]) if "browser" in datasets[n] else "–" for n in names]])
        row("server memory after the Overview (peak)", ["–", *[
            f"{datasets[n]['browser']['server_memory_end']['rss_mb']:.0f} MB ({datasets[n]['browser']['server_memory_end']['peak_rss_mb']:.0f} MB)"
            if "browser" in datasets[n] else "–" for n in names]])
    targets = [f"{n}: {t} {'met' if ok else 'NOT met'}" for n in names for t, ok in datasets[n]["targets"].items()]
    return "\n".join(lines) + ("\n\nTargets: " + "; ".join(targets) if targets else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="bundled data and 10k events only")
    parser.add_argument("--sizes", default="", help="synthetic sizes, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument("--repeat", type=int, default=2, help="filter changes per page (each sets and clears the filter)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or ([10_000] if args.quick else [10_000, 100_000, 1_000_000])
    browser = not args.no_browser and Path(CHROMIUM).exists()
    if not browser and not args.no_browser:
        print(f"{CHROMIUM} not found: browser times are skipped", flush=True)
    results = run(sizes, browser, args.repeat)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    m = results["machine"]
    print(f"\nMachine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM; Python {m['python']}, Streamlit {m['streamlit']}, pandas {m['pandas']}\n")
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
