"""Citemap's benchmark (issue 15): every figure against the plain page, from the bundled data to three million events.

    python bench/run.py                          bundled data and synthetic datasets of 10k, 100k, 1M and 3M events
    python bench/run.py --quick                  bundled data and 10k events only (a few minutes)
    python bench/run.py --sizes bundled,100k,1M  any of them (3M takes long to make; datasets are kept)

The reference is **the plain page** (bench/plain_page.py): the page an analyst writes in an afternoon, the same
dataset's events read with pandas.read_csv under st.cache_data, the same five filters as plain widgets (the
dashboard's widget keys), px.scatter_map of every placed event, px.timeline of every event, st.dataframe of the rows.
It is measured on the same dataset in the same run, and every figure of ours is also given as a ratio to it: the
machine is shared, so ratios are what to compare. The empty page (bench/empty_page.py, st.title only) is the
framework's floor, shown for information.

Per dataset:
- load: `validate()` and the index the dashboard builds once, cold (a fresh cache folder: parse and validate every
  CSV) and cached (the Parquet copy of citemap/cache.py); the plain page's is its pandas.read_csv of the CSVs;
- fresh search: the index's search for words never searched before in the process (the commonest words of the
  summaries), the first of them building what the search needs; the plain page's is a summary.str.contains;
- reruns, through streamlit.testing's AppTest, in a process of their own: on every page, its opening (switch_page
  and run), then fresh filter changes. Each sets ONE sidebar widget (event types, actors, places, dates, search) to a
  value never used before in that process, so that no cache kept per filter can answer it, and is followed by an
  unmeasured rerun that sets the widget back to no filter. The values come from the dataset, commonest first (see
  dataset_picks); `--repeat R` is the number of rounds of the five per page. The plain page gets the same changes;
- browser (where /usr/bin/chromium exists), on a real `streamlit run`: the first chart of a freshly started server
  (from the server answering its health check); one session that visits every page through the sidebar links,
  searches a fresh word and clears it, and reads the server's memory (RSS, and the peak VmHWM); then, per chart
  page, the time from navigation (a new session) to the first chart drawn. The plain page: the same first chart
  of a fresh server, navigation to its first chart, and its server's peak memory.

Synthetic datasets are made by `python -m citemap synth` into .cache/bench/ (git-ignored) and kept for the next
run. The table is printed and written to bench/results.json. This is a measurement, not a test: nothing here fails
on a slow machine; the targets of issue 15 are reported met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from itertools import combinations, islice, permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
RESULTS = ROOT / "bench" / "results.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    "app.py",
    "pages/1_Map.py",
    "pages/2_Timeline.py",
    "pages/3_Actors.py",
    "pages/4_Source.py",
    "pages/7_Disagreements.py",
    "pages/5_Data.py",
    "pages/6_Briefing.py",
    "pages/8_Add_source.py",
    "pages/9_Curate.py",
]
PAGE_NAMES = {"app.py": "Overview", **{p: p.split("_", 1)[1].removesuffix(".py").replace("_", " ") for p in PAGES[1:]}}
SIDEBAR_TITLES = {"Disagreements": "Where sources disagree"}  # a page's link text where it is not its name
BROWSER_PAGES = ["", "Map", "Timeline"]  # the pages that draw charts
SESSION_PAGES = PAGES[:8]  # the pages with the filters (the curation pages have none)
PLAIN = ROOT / "bench" / "plain_page.py"
EMPTY = ROOT / "bench" / "empty_page.py"
SIZES = {"bundled": 0, "10k": 10_000, "100k": 100_000, "1M": 1_000_000, "3M": 3_000_000}
GB = 1e9  # memory targets read strictly, in bytes

# Issue 15's targets: per measure and dataset, (kind, limit). "ratio": at most `limit` times the plain page;
# "s": at most `limit` seconds; "s+faster": at most `limit` seconds and faster than the plain page; "bytes".
TARGETS: dict[str, dict[str, tuple[str, float]]] = {
    "rerun_median": {"bundled": ("ratio", 1.5), "100k": ("ratio", 1.0), "1M": ("s+faster", 0.5), "3M": ("s", 1.5)},
    "rerun_worst": {"bundled": ("s", 0.3), "100k": ("s", 0.5), "1M": ("s", 1.0), "3M": ("s", 3.0)},
    "search": {"bundled": ("s", 0.1), "100k": ("s", 0.2), "1M": ("s", 0.3), "3M": ("s", 1.0)},
    "first_chart": {"bundled": ("ratio", 1.2), "100k": ("ratio", 1.2), "1M": ("ratio", 1.0), "3M": ("s", 8.0)},
    "fresh_server": {"1M": ("s", 5.0), "3M": ("s", 12.0)},
    "load_cold": {"1M": ("s", 10.0), "3M": ("s", 30.0)},
    "load_cached": {"1M": ("s", 1.0), "3M": ("s", 3.0)},
    "memory": {"1M": ("bytes", 1 * GB), "3M": ("bytes", 2.5 * GB)},
}


# ---------------------------------------------------------------- machine and datasets


def machine() -> dict:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    ram = (
        next(
            (
                int(line.split()[1]) * 1024
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        if Path("/proc/meminfo").exists()
        else 0
    )
    import pandas
    import streamlit

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(ram / 2**30, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "platform": platform.platform(),
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def synthetic(events: int) -> tuple[Path, float | None]:
    """The synthetic dataset of `events` events (seed 0), made once and kept in .cache/bench/."""
    target = CACHE / f"synth-{events}"
    marker = target / "SYNTHETIC.json"
    from citemap.synth import VERSION

    if marker.exists() and json.loads(marker.read_text()) | {"generator": None} == {
        "generator": None,
        "version": VERSION,
        "events": events,
    }:
        return target, None
    if target.exists():
        shutil.rmtree(target)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "citemap", "synth", "--events", str(events), "-o", str(target), "--seed", "0"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target, time.perf_counter() - started


def label(events: int) -> str:
    return f"{events // 1_000_000}M" if events >= 1_000_000 else f"{events // 1000}k"


# ---------------------------------------------------------------- child processes

# Loading and reruns are measured in processes of their own (fresh caches, honest peak memory): this
# file run as `python bench/run.py --child NAME ARGS...`, which prints one line of JSON.
CHILD = "--child"


def in_child(name: str, *args: str, cwd: Path = ROOT, env: dict | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), CHILD, name, *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(
            f"bench child {name} {' '.join(args)[:200]} exited with {out.returncode}:\n{out.stderr[-3000:]}"
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- load, and the values to filter by


def load_child(data_dir: str, changes: str) -> None:
    """validate() and the index, timed; then `changes` fresh values per filter widget, picked from the data."""
    t0 = time.perf_counter()
    from citemap.dataset import validate
    from citemap.index import DatasetIndex

    t1 = time.perf_counter()
    dataset, problems = validate(data_dir)
    t2 = time.perf_counter()
    index = DatasetIndex(dataset) if dataset is not None else None
    if index is not None:
        _ = index.events, index.links, index.place_descendants, index.citations_of_sentence
    t3 = time.perf_counter()
    peak = _peak_mb()  # before the picking, which is no part of loading
    picks = dataset_picks(index, int(changes)) if index is not None and int(changes) else {}
    # Fresh searches: words not searched before in this process (the first also builds what search needs).
    searches = [_timed(lambda w=word: index.search(w)) for word in picks.get("search", [])] if index else []
    print(
        json.dumps(
            {
                "ok": dataset is not None,
                "imports": t1 - t0,
                "validate": t2 - t1,
                "index": t3 - t2,
                "peak_mb": peak,
                "picks": picks,
                "search_s": searches,
            }
        )
    )


def plain_load_child(data_dir: str, words: str) -> None:
    """The plain page's load (its read(), without Streamlit's cache) and its search: summary.str.contains."""
    import pandas as pd

    started = time.perf_counter()
    events = pd.read_csv(f"{data_dir}/events.csv", parse_dates=["event_date", "date_end"])
    places = pd.read_csv(f"{data_dir}/places.csv")
    pd.read_csv(f"{data_dir}/actors.csv")
    pd.read_csv(f"{data_dir}/event_actors.csv")
    events = events.merge(places[["place_id", "name", "latitude", "longitude"]], on="place_id", how="left")
    load = time.perf_counter() - started
    searches = [
        _timed(lambda w=word: events["summary"].str.contains(w, case=False, regex=False, na=False))
        for word in json.loads(words)
    ]
    print(json.dumps({"load_s": load, "search_s": searches, "peak_mb": _peak_mb()}))


def load_times(data_dir: Path, changes: int) -> tuple[dict, dict]:
    """validate() and the index, cold (an empty cache folder) and cached (the folder the cold run filled);
    and, from the cached run, `changes` values per filter widget for the reruns (see dataset_picks)."""
    with tempfile.TemporaryDirectory(prefix="citemap-bench-cache-") as folder:
        runs = {
            kind: in_child("load", str(data_dir), str(count), env={"CITEMAP_CACHE": folder})
            for kind, count in (("cold", 0), ("cached", changes))
        }
        cached_entries = [p for p in Path(folder).iterdir() if not p.name.startswith(".")]
    if not runs["cached"]["ok"]:
        raise RuntimeError(f"{data_dir} does not validate: run python -m citemap validate {data_dir}")
    searches = runs["cached"]["search_s"]
    return {
        "search_median_s": statistics.median(searches) if searches else None,
        "search_max_s": max(searches) if searches else None,
        "cold_s": runs["cold"]["validate"] + runs["cold"]["index"],
        "cached_s": runs["cached"]["validate"] + runs["cached"]["index"],
        "validate_cold_s": runs["cold"]["validate"],
        "validate_cached_s": runs["cached"]["validate"],
        "index_s": runs["cached"]["index"],
        "cache_used": bool(cached_entries),
        "peak_mb_cold": runs["cold"]["peak_mb"],
        "peak_mb_cached": runs["cached"]["peak_mb"],
    }, runs["cached"]["picks"]


STOPWORDS = frozenset(
    "about after against also been before being between during from have into more over said says than that their them then "
    "there they this those through were what when where which while with would".split()
)


def dataset_picks(index, n: int) -> dict[str, list]:
    """n values for each filter widget, taken from the dataset, commonest first (so: large views, the slow case):

    event types: the k-th commonest type, then pairs and triples of types; actors: the k-th actor by events
    involved; places: the k-th place by events in it or inside it (a country first); dates: the k-th busiest
    month, then week, then day; search: the k-th commonest word of four letters or more in the summaries.
    """
    events = index.events
    per_place = events["place_id"].value_counts()
    inside = {p: int(per_place.reindex(list(d)).fillna(0).sum()) for p, d in index.place_descendants.items()}
    places = sorted(
        index.dataset.places["place_id"], key=lambda p: -inside.get(p, 0)
    )  # stable: file order among equals
    first, last = (moment.date() for moment in index.date_extent)
    return {
        "event_types": multiselect_values(_ranked(events["event_type"]), n),
        "actors": multiselect_values(
            _ranked(index.dataset.event_actors["actor_id"], also=index.dataset.actors["actor_id"]), n
        ),
        "places": multiselect_values(places, n),
        "date_range": date_windows(events["event_date"], first, last, n),
        "search": search_words(events["summary"], n),
    }


def _ranked(values, also=()) -> list[str]:
    """Distinct values, commonest first (ties by value), then those of `also` never seen."""
    counts = values.value_counts()
    ranked = [value for value, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    seen = set(ranked)
    return ranked + [value for value in also if value not in seen]


def _cycled(values: list, n: int) -> list:
    """The first n values, the list repeated if it is shorter (the rerun child marks a repeat as not fresh)."""
    return [values[i % len(values)] for i in range(n)] if values else []


def multiselect_values(ranked: list[str], n: int) -> list[list[str]]:
    """n choices for a multiselect: each option alone in the order given, then pairs and triples of the first
    twelve, then those pairs and triples in another order (another filter to the app, which keeps the order
    they were picked in: only with three or four options, as the bundled event types, are these needed)."""
    top = ranked[:12]

    def choices():
        yield from ([option] for option in ranked)
        for size in (2, 3):
            yield from (list(c) for c in combinations(top, size))
        for size in (2, 3):
            for c in combinations(top, size):
                yield from (list(p) for p in permutations(c) if p != c)

    return _cycled(list(islice(choices(), n)), n)


def date_windows(dates, low: date, high: date, n: int) -> list[list[str]]:
    """n (from, to) windows inside [low, high], ISO dates: the busiest months, then weeks, then days."""
    dates = dates.dropna()
    windows: list[tuple[date, date]] = []
    for freq in ("M", "W", "D"):
        counts = dates.dt.to_period(freq).value_counts()
        for period in sorted(counts.index, key=lambda p: (-counts[p], p.start_time)):
            window = (max(period.start_time.date(), low), min(period.end_time.date(), high))
            if window != (low, high) and window not in windows:  # the whole range is no filter at all
                windows.append(window)
            if len(windows) == n:
                break
        if len(windows) == n:
            break
    return _cycled([[a.isoformat(), b.isoformat()] for a, b in windows], n)


def search_words(texts, n: int) -> list[str]:
    """The n commonest words of four letters or more in (a sample of 20,000 of) the texts, stop words left out."""
    sample = texts.iloc[:: max(1, len(texts) // 20_000)]
    words = sample.str.casefold().str.findall(r"[^\W\d_]{4,}").explode().dropna()
    counts = words[~words.isin(STOPWORDS)].value_counts()
    return _cycled([word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:n], n)


# ---------------------------------------------------------------- reruns through AppTest

KINDS = ("event_types", "actors", "places", "date_range", "search")  # the sidebar's filter widgets, by key
KIND_NAMES = {
    "event_types": "event types",
    "actors": "actors",
    "places": "places",
    "date_range": "dates",
    "search": "search",
    "rerun": "rerun",
}
SHOWN = re.compile(r"^\*\*([\d,]+) of [\d,]+ events")


def _widget(at, kind: str):
    widgets = {
        "event_types": at.multiselect,
        "actors": at.multiselect,
        "places": at.multiselect,
        "date_range": at.date_input,
        "search": at.text_input,
    }[kind]
    try:
        return widgets(key=kind)
    except KeyError:
        return None


def _errors(at) -> list[str]:
    return [e.value for e in at.exception]


def _events_shown(at) -> int | None:
    """The 'N of M events' the page says it shows, where it says so (every dashboard page does)."""
    for markdown in at.markdown:
        if found := SHOWN.match(markdown.value):
            return int(found[1].replace(",", ""))
    return None


def rerun_child(script: str, pages: str, repeat: str, picks: str) -> None:
    """Per page: its opening (switch_page and run), then `repeat` rounds of one fresh change per filter widget.

    Each change sets one widget to the next of its `picks`, a value this process has not used before, so no
    cache kept per filter can answer it; the widget is then set back to no filter by an unmeasured rerun,
    so that changes do not pile up. A page without the widgets (the empty page) gets plain reruns instead.
    """
    from streamlit.testing.v1 import AppTest

    pages_, rounds, picks_ = json.loads(pages), int(repeat), json.loads(picks)
    queue = {kind: iter(picks_.get(kind, [])) for kind in KINDS}
    used: dict[str, set[str]] = {kind: set() for kind in KINDS}
    at = AppTest.from_file(
        str(Path(script).resolve()), default_timeout=3600
    )  # resolved: AppTest reads a relative path against its caller
    result = {"first_run_s": _timed(at.run), "errors": _errors(at)[:3], "pages": {}}
    for page in pages_:
        if page != pages_[0]:
            at.switch_page(page)
        opened = _timed(at.run)
        errors, changes, everything = _errors(at), [], _events_shown(at)
        for _ in range(rounds):
            for kind in KINDS:
                widget = _widget(at, kind)
                if widget is None:
                    changes.append({"kind": "rerun", "s": _timed(at.run)})
                    continue
                value = next(queue[kind], None)
                if value is None:
                    continue
                fresh = json.dumps(value) not in used[kind]
                used[kind].add(json.dumps(value))
                before = widget.value
                widget.set_value(tuple(date.fromisoformat(d) for d in value) if kind == "date_range" else value)
                seconds = _timed(at.run)
                changes.append({"kind": kind, "value": value, "fresh": fresh, "s": seconds, "shown": _events_shown(at)})
                errors += _errors(at)
                _widget(at, kind).set_value(before).run()  # back to no filter: not measured
                errors += _errors(at)
                if _events_shown(at) != everything:
                    errors.append(
                        f"setting {kind} back to {before!r} shows {_events_shown(at)} events, not {everything}"
                    )
        result["pages"][page] = {"open_s": opened, **change_summary(changes), "changes": changes, "errors": errors[:3]}
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def change_summary(changes: list[dict]) -> dict:
    times = [c["s"] for c in changes]
    if not times:
        return {
            "change_median_s": None,
            "change_max_s": None,
            "change_max_kind": None,
            "by_kind": {},
            "all_fresh": True,
        }
    slowest = max(changes, key=lambda c: c["s"])
    kinds = dict.fromkeys(c["kind"] for c in changes)
    by_kind = {kind: [c["s"] for c in changes if c["kind"] == kind] for kind in kinds}
    return {
        "change_median_s": statistics.median(times),
        "change_max_s": slowest["s"],
        "change_max_kind": slowest["kind"],
        "by_kind": {
            kind: {"median_s": statistics.median(ts), "max_s": max(ts), "n": len(ts)} for kind, ts in by_kind.items()
        },
        "all_fresh": all(c.get("fresh", True) for c in changes),
    }


def rerun_times(script: Path, data_dir: Path | None, pages: list[str], repeat: int, picks: dict | None = None) -> dict:
    env = {"CITEMAP_DATA": str(data_dir)} if data_dir is not None else {}
    return in_child(
        "reruns", str(script), json.dumps(pages), str(repeat), json.dumps(picks or {}), cwd=script.parent, env=env
    )


CHILDREN = {"load": load_child, "plain_load": plain_load_child, "reruns": rerun_child}


# ---------------------------------------------------------------- the browser

BROWSER_TIMEOUT_MS = 1_800_000  # a fresh Briefing at a million events takes minutes
PLAIN_BROWSER_LIMIT_S = 120  # the plain page's wait for its first chart; past it: "not drawn within 120 s"


def process_memory_mb(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
    return {"rss_mb": values.get("VmRSS", 0) / 1024, "peak_rss_mb": values.get("VmHWM", 0) / 1024}


FIRST_CHART = "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p.querySelector('.main-svg') && p.getBoundingClientRect().height > 50)"
# The page named `title` is up and Streamlit shows no running indicator (support.settle then adds: the script
# state is notRunning, nothing is a skeleton or stale, for a quiet 200 ms).
PAGE_UP = "(title) => !document.querySelector('[data-testid=stStatusWidget]') && [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === title)"
SHOWN_TEXT = "() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMarkdown]')].map(m => m.innerText).find(t => / of [\\d,]+ events/.test(t)) || null"


def browser_times(
    script: Path,
    data_dir: Path | None,
    pages: list[str],
    repeat: int = 2,
    session_words: list[str] | None = None,
    limit_ms: int = BROWSER_TIMEOUT_MS,
) -> dict:
    """On a freshly started server: its first chart (from the server's answering its health check), then, given
    search words, one session over every page; then navigation (a new session each) to the first chart, per page;
    and the server's memory (RSS, and its peak VmHWM) at the end."""
    from playwright.sync_api import sync_playwright

    from tests.browser.server import streamlit_server  # the browser tests' own server, polled until healthy

    result: dict = {"pages": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with streamlit_server(script, data_dir, timeout=600) as (base, pid):
                result["fresh_server_s"] = first_chart(browser, f"{base}/{pages[0]}", limit_ms)
                if session_words is not None:
                    result["session"] = browser_session(browser, base, pid, session_words)
                for path in pages:
                    if result["fresh_server_s"] < 0:  # not drawn within the limit once: not tried again
                        result["pages"][path or "Overview"] = {"first_chart_s": result["fresh_server_s"]}
                        continue
                    times = [first_chart(browser, f"{base}/{path}", limit_ms) for _ in range(repeat)]
                    result["pages"][path or "Overview"] = {
                        "first_chart_s": max(times) if min(times) < 0 else statistics.median(times)
                    }
                result["server_memory_end"] = process_memory_mb(pid)
        finally:
            browser.close()
    return result


def first_chart(browser, url: str, limit_ms: int = BROWSER_TIMEOUT_MS) -> float:
    """Seconds from navigation (a new context: a new session) to the first plotly chart drawn; past `limit_ms`,
    the limit itself, marked as not drawn by returning it negative (see drawn_within)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(limit_ms)
    try:
        started = time.perf_counter()
        try:
            page.goto(url)
            page.wait_for_function(FIRST_CHART, polling=50, timeout=limit_ms)
        except PlaywrightTimeout:
            return -limit_ms / 1000
        return time.perf_counter() - started
    finally:
        context.close()


def browser_session(browser, base: str, pid: int, words: list[str]) -> dict:
    """Every page in one session, as a user goes: the Overview first, then each page by its sidebar link.

    On each page: wait until its script has finished, type a fresh word (one not searched before on this
    server) into the sidebar's search box, wait again, clear the box (so the next page opens on every event,
    its heaviest), and read the server's memory: RSS now, and its peak so far (VmHWM).
    """
    from tests.browser.support import count_server_messages, rerun_done, settle, watch_rerun

    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    count_server_messages(page)

    def finished(title: str) -> None:
        page.wait_for_function(PAGE_UP, arg=title, timeout=BROWSER_TIMEOUT_MS)
        settle(page, timeout=BROWSER_TIMEOUT_MS)

    def search(title: str, text: str) -> float:
        box = page.locator(".st-key-search input")
        box.fill(text)
        watch_rerun(page)
        started = time.perf_counter()
        box.press("Enter")
        rerun_done(page, timeout=BROWSER_TIMEOUT_MS)
        finished(title)
        return time.perf_counter() - started

    steps = []
    try:
        for i, name in enumerate(PAGE_NAMES[p] for p in SESSION_PAGES):
            title = name
            started = time.perf_counter()
            if i == 0:
                page.goto(base)
            else:
                link = SIDEBAR_TITLES.get(name, name)
                page.locator("[data-testid=stSidebar]").get_by_role("link", name=link, exact=True).click()
            finished(title)
            step = {
                "page": name,
                "open_s": time.perf_counter() - started,
                "search": words[i] if i < len(words) else f"word{i}",
            }
            step["search_s"] = search(title, step["search"])
            step["shown"] = (
                page.evaluate(SHOWN_TEXT) or ""
            ).strip()  # the 'N of M events, mentioning ...' line: the search took
            search(title, "")
            steps.append(step | process_memory_mb(pid))
    finally:
        context.close()
    return {"pages": steps, "peak_rss_mb": max(s["peak_rss_mb"] for s in steps) if steps else None}


# ---------------------------------------------------------------- the run


def run(sizes: list[str], browser: bool, repeat: int) -> dict:
    CACHE.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "repeat": repeat, "datasets": {}}
    print("the empty page (the framework's floor, for information) ...", flush=True)
    empty = rerun_times(EMPTY, None, [EMPTY.name], repeat=max(repeat * 2, 10))
    results["empty_rerun_s"] = empty["pages"][EMPTY.name]["change_median_s"]
    for name in sizes:
        data_dir, made_s = (ROOT / "data", None) if name == "bundled" else synthetic(SIZES[name])
        print(f"{name}: load ...", flush=True)
        load, picks = load_times(data_dir, changes=len(PAGES) * repeat)
        entry: dict = {"data_dir": str(data_dir.relative_to(ROOT)), "synth_s": made_s, "load": load}
        print(f"{name}: the plain page: load, search, reruns ...", flush=True)
        plain: dict = {"load": in_child("plain_load", str(data_dir), json.dumps(picks["search"]))}
        plain["rerun"] = rerun_times(PLAIN, data_dir, [PLAIN.name], repeat, picks)
        print(
            f"{name}: reruns through AppTest ({len(PAGES)} pages, {repeat} fresh change(s) per filter each) ...",
            flush=True,
        )
        entry["rerun"] = rerun_times(ROOT / "app.py", data_dir, PAGES, repeat, picks)
        if browser:
            print(f"{name}: browser, the plain page ...", flush=True)
            # The plain page sends every event to the browser: at a million it may never draw. Capped, and said so.
            plain["browser"] = browser_times(PLAIN, data_dir, [""], limit_ms=PLAIN_BROWSER_LIMIT_S * 1000)
            print(f"{name}: browser, the dashboard ...", flush=True)
            entry["browser"] = browser_times(ROOT / "app.py", data_dir, BROWSER_PAGES, session_words=picks["search"])
        entry["plain"] = plain
        results["datasets"][name] = entry
        RESULTS.write_text(json.dumps(summarised(results), indent=1) + "\n")  # keep what is done if a later size fails
    results["load_average_at_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None  # shared machine
    return summarised(results)


def worst_s(page: dict) -> float:
    """The slowest a user waits on a page: its opening or its slowest fresh filter change."""
    return max(page["open_s"], page["change_max_s"] or 0.0)


MEASURES = {  # issue 15's table, in its order: key -> words
    "rerun_median": "server rerun of a filter change, median (AppTest; the slowest page's median)",
    "rerun_median_overview": "the same, on the Overview (map, timeline and rows, as the plain page)",
    "rerun_worst": "worst rerun of any page, any filter (opening or fresh change)",
    "search": "fresh search (the search itself, on the server; slowest fresh word)",
    "first_chart": "browser, navigation to first chart (slowest of Overview, Map, Timeline)",
    "fresh_server": "first page of a freshly started server, in the browser (health check to first chart)",
    "load_cold": "load: cold (parse, validate, index; plain: read_csv)",
    "load_cached": "load: cached (Parquet copy; plain: read_csv again, st.cache_data is per process)",
    "memory": "server peak memory over every page (VmHWM)",
}


def figures(entry: dict) -> dict[str, dict]:
    """Each measure of issue 15 for one dataset: ours, the plain page's, and where ours comes from."""
    pages, plain = entry["rerun"]["pages"], entry["plain"]
    plain_page = plain["rerun"]["pages"][PLAIN.name]
    out: dict[str, dict] = {}

    def put(key: str, ours, theirs, where: str = "") -> None:
        # A negative browser time is a limit reached without a chart drawn (see first_chart).
        if ours is not None:
            out[key] = {
                "ours": abs(ours),
                "plain": abs(theirs) if theirs is not None else None,
                "where": where + (", NOT drawn within the limit" if ours < 0 else ""),
                "plain_not_drawn": theirs is not None and theirs < 0,
            }

    slowest_median = max(pages, key=lambda p: pages[p]["change_median_s"] or 0.0)
    put(
        "rerun_median",
        pages[slowest_median]["change_median_s"],
        plain_page["change_median_s"],
        PAGE_NAMES[slowest_median],
    )
    put("rerun_median_overview", pages["app.py"]["change_median_s"], plain_page["change_median_s"])
    worst = max(pages, key=lambda p: worst_s(pages[p]))
    kind = (
        "open"
        if pages[worst]["open_s"] >= (pages[worst]["change_max_s"] or 0)
        else KIND_NAMES[pages[worst]["change_max_kind"]]
    )
    put("rerun_worst", worst_s(pages[worst]), worst_s(plain_page), f"{PAGE_NAMES[worst]}, {kind}")
    put("search", entry["load"]["search_max_s"], max(plain["load"]["search_s"], default=None))
    put("load_cold", entry["load"]["cold_s"], plain["load"]["load_s"])
    put(
        "load_cached",
        entry["load"]["cached_s"],
        plain["load"]["load_s"],
        "" if entry["load"]["cache_used"] else "not cached: small",
    )
    if "browser" in entry and "browser" in plain:
        ours_b, plain_b = entry["browser"], plain["browser"]
        slowest = max(ours_b["pages"], key=lambda p: ours_b["pages"][p]["first_chart_s"])
        put(
            "first_chart",
            ours_b["pages"][slowest]["first_chart_s"],
            plain_b["pages"]["Overview"]["first_chart_s"],
            slowest,
        )
        put("fresh_server", ours_b["fresh_server_s"], plain_b["fresh_server_s"])
        put(
            "memory",
            ours_b["server_memory_end"]["peak_rss_mb"] * 2**20,
            plain_b["server_memory_end"]["peak_rss_mb"] * 2**20,
        )
    return out


def target_met(key: str, name: str, figure: dict) -> bool | None:
    """Whether issue 15's target for this measure and dataset is met; None where it sets none."""
    kind, limit = TARGETS.get(key, {}).get(name, (None, 0.0))
    if kind is None:
        return None
    ours, plain = figure["ours"], figure["plain"]
    if kind in ("ratio", "s+faster") and figure["plain_not_drawn"] and ours > limit * plain:
        return None  # the plain page never drew within its limit: its time is unknown, only bounded below
    if kind == "ratio":
        return ours <= limit * plain
    if kind == "s+faster":
        return ours <= limit and ours < plain
    return ours <= limit


def summarised(results: dict) -> dict:
    for name, entry in results["datasets"].items():
        entry["figures"] = figures(entry)
        for key, figure in entry["figures"].items():
            figure["ratio"] = figure["ours"] / figure["plain"] if figure["plain"] else None
            figure["target_met"] = target_met(key, name, figure)
    return results


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 0.1 else f"{seconds:.2f} s"


def value_text(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value / 2**20:,.0f} MiB" if key == "memory" else seconds_text(value)


def target_text(key: str, name: str) -> str:
    kind, limit = TARGETS.get(key, {}).get(name, (None, 0.0))
    if kind is None:
        return ""
    if kind == "ratio":
        return f"<= {limit:g}x plain"
    if kind == "bytes":
        return f"<= {limit / GB:g} GB"
    return f"<= {limit:g} s" + (", faster than plain" if kind == "s+faster" else "")


def table(results: dict) -> str:
    datasets = results["datasets"]
    names = list(datasets)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key, words in MEASURES.items():
        cells = []
        for n in names:
            figure = datasets[n]["figures"].get(key)
            if figure is None:
                cells.append("–")
                continue
            ratio = f"{figure['ratio']:.2f}x" if figure["ratio"] is not None else "–"
            plain = value_text(key, figure["plain"])
            if figure["plain_not_drawn"]:
                ratio, plain = f"< {ratio}", f"not drawn within {plain}"
            cell = f"{value_text(key, figure['ours'])} = {ratio} plain ({plain})"
            if figure["where"]:
                cell += f", {figure['where']}"
            if figure["target_met"] is not None:
                cell += f"; target {target_text(key, n)}: **{'met' if figure['target_met'] else 'NOT met'}**"
            cells.append(cell)
        lines.append(f"| {words} | " + " | ".join(cells) + " |")
    out = "\n".join(lines)
    # Per page: where the time goes (opening, median and slowest fresh change), the plain page first.
    lines = ["| page: open / fresh change median / max | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]

    def page_cell(page: dict) -> str:
        kind = KIND_NAMES.get(page["change_max_kind"], "") if page["change_max_kind"] else ""
        return " / ".join(seconds_text(page[k]) for k in ("open_s", "change_median_s", "change_max_s")) + (
            f" ({kind})" if kind else ""
        )

    lines.append(
        "| the plain page | "
        + " | ".join(page_cell(datasets[n]["plain"]["rerun"]["pages"][PLAIN.name]) for n in names)
        + " |"
    )
    for page in PAGES:
        lines.append(
            f"| {PAGE_NAMES[page]} | "
            + " | ".join(page_cell(datasets[n]["rerun"]["pages"][page]) for n in names)
            + " |"
        )
    out += "\n\n" + "\n".join(lines)
    notes = [
        f"The empty page (Streamlit's floor, for information): a rerun's median {seconds_text(results['empty_rerun_s'])}.",
        f"A fresh change sets one sidebar filter (event types, actors, places, dates or search) to a value not used before in "
        f"its process; {results['repeat']} per filter and page, the same values on the plain page.",
    ]
    for n in names:
        entry = datasets[n]
        if not all(p["all_fresh"] for p in entry["rerun"]["pages"].values()):
            notes.append(f"{n}: NOT every change fresh (values ran out and were repeated)")
        errors = {PAGE_NAMES[p]: v["errors"] for p, v in entry["rerun"]["pages"].items() if v["errors"]}
        plain_errors = entry["plain"]["rerun"]["pages"][PLAIN.name]["errors"]
        if plain_errors:
            errors["plain"] = plain_errors
        if errors:
            notes.append(f"{n}: EXCEPTIONS in AppTest: {errors}")
        session = entry.get("browser", {}).get("session")
        if session:
            slow_open = max(session["pages"], key=lambda s: s["open_s"])
            slow_search = max(session["pages"], key=lambda s: s["search_s"])
            notes.append(
                f"{n}, one browser session over every page: slowest opening {seconds_text(slow_open['open_s'])} ({slow_open['page']}), "
                f"slowest fresh search redrawn {seconds_text(slow_search['search_s'])} ({slow_search['page']}); server RSS "
                + ", ".join(f"{s['page']} {s['rss_mb']:.0f}" for s in session["pages"])
                + " MiB"
            )
    return out + "\n\n" + "\n".join(notes)


def main() -> int:
    if sys.argv[1:2] == [CHILD]:
        CHILDREN[sys.argv[2]](*sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="bundled data and 10k events only")
    parser.add_argument(
        "--sizes", default="", help=f"datasets, comma-separated, of {', '.join(SIZES)} (default: all of them)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument(
        "--repeat", type=int, default=2, help="rounds of fresh filter changes per page, one change per filter in each"
    )
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()] or (
        ["bundled", "10k"] if args.quick else list(SIZES)
    )
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}: choose from {', '.join(SIZES)}")
    browser = not args.no_browser and Path(CHROMIUM).exists()
    if not browser and not args.no_browser:
        print(f"{CHROMIUM} not found: browser times are skipped", flush=True)
    results = run(sizes, browser, max(1, args.repeat))
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    m = results["machine"]
    load = (
        f"; load average {m['load_average_at_start'][0]:.1f} at the start, {results['load_average_at_end'][0]:.1f} at the end"
        if m["load_average_at_start"] and results["load_average_at_end"]
        else ""
    )
    print(
        f"\nMachine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM; Python {m['python']}, Streamlit "
        f"{m['streamlit']}, pandas {m['pandas']}{load}; {results['started']}\n"
    )
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
