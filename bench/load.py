"""Citemap under a team's load (issue 15): concurrent sessions on one real server, and two servers behind nginx.

    python bench/load.py                       1, 5, 10 and 20 sessions on one server, on the 100k dataset
    python bench/load.py --levels 1,5          other levels
    python bench/load.py --nginx               also two servers behind nginx (sticky, see below), 40 sessions
    python bench/load.py --nginx-only          only that

Each session is a headless Chromium context (one browser, /usr/bin/chromium through Playwright) on the Timeline page,
acting like a person: it waits a few seconds (seeded, jittered), then changes one filter, alternately picking an
event type (typed into the multiselect, Enter) or typing a word into the search box (Enter), and clearing it the next
time. The time measured runs from the key press to the chart updated: the page says "N of M events" with N the
count this session's own filter gives (computed beforehand from the dataset with citemap's index), the script has
finished, and a plotly chart is drawn. Seeing any other count means the session was shown another's filters (or a
wrong answer): it is reported as a leak. Every session does a bounded number of changes, under a time limit.

Reported per level: the median and 95th percentile of change -> chart updated, errors (timeouts, exceptions on
the page, leaks), and the server's memory (RSS before the sessions, after, and the growth per session).

Everything is on loopback. The browsers share the machine with the server, so on a small machine part of the time
is the browsers' own drawing; the single session's time is the reference the targets compare with.

nginx mode: two `streamlit run` servers on loopback behind Debian's nginx (`apt-get install -y nginx`), sticky by a
hash of a cookie each browser context gets (`hash $cookie_citemap_client consistent`: every Chromium context is on
127.0.0.1, so ip_hash would send them all to one server), websockets proxied (Upgrade/Connection headers, long read
timeout). 40 sessions; reported the same way, with how many sessions each server held.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import CHROMIUM, CHROMIUM_ARGS, machine, process_memory_mb, synthetic  # noqa: E402

from tests.browser.server import free_port, streamlit_server  # noqa: E402

RESULTS = ROOT / "bench" / "load_results.json"
PAGE = "Timeline"
SHOWN_TEXT = (
    "() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMarkdown]')]"
    ".map(m => m.innerText).find(t => / of [\\d,]+ events/.test(t)) || ''"
)
# The script has finished, nothing is stale or a skeleton, and a chart is drawn.
DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton]') && !document.querySelector('[data-stale=true]')
    && [...document.querySelectorAll('.js-plotly-plot')].some(p => p.querySelector('.main-svg'));
}"""


def counts_for(data_dir: Path, n_words: int) -> dict:
    """Per event type and per search word, the events it shows alone, by citemap's own index (as the page counts)."""
    from run import search_words

    from citemap.dataset import validate
    from citemap.index import DatasetIndex

    dataset, problems = validate(data_dir)
    if dataset is None:
        raise SystemExit(f"{data_dir} does not validate: {problems[:3]}")
    index = DatasetIndex(dataset)
    total = len(index.events)
    types = index.events["event_type"].value_counts()
    words = search_words(index.events["summary"], n_words)
    return {
        "total": total,
        "event_types": {str(k): int(v) for k, v in types.items() if v},
        "search": {w: int(index.search(w).sum()) for w in dict.fromkeys(words)},
    }


async def session(browser, base: str, number: int, counts: dict, changes: int, pace: float, deadline: float) -> dict:
    """One person: open the page, then `changes` filter changes a few seconds apart; each timed to the chart."""
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    await context.add_cookies([{"name": "citemap_client", "value": f"s{number}", "url": base}])
    page = await context.new_page()
    page.set_default_timeout(60_000)
    out: dict = {"session": number, "times": [], "errors": [], "leaks": []}
    types = sorted(counts["event_types"])
    words = sorted(counts["search"])
    total = counts["total"]

    async def shown() -> int | None:
        text = await page.evaluate(SHOWN_TEXT)
        head = text.split(" of ", 1)[0].strip().replace(",", "").lstrip("*")
        return int(head) if head.isdigit() else None

    finished = [0]  # the reruns the server reported finished to this page (its 'script_finished' messages)

    def on_socket(socket) -> None:
        def on_frame(payload) -> None:
            if isinstance(payload, bytes) and script_finished(payload):
                finished[0] += 1

        socket.on("framereceived", on_frame)

    page.on("websocket", on_socket)

    async def wait_for(expected: int, started: float, since: int, what: str) -> None:
        """Until the server has finished a rerun since the change and the page draws this session's own count.

        After a finished rerun the page may show another count for a moment (a rerun that a callback follows by
        another); a count still not its own 5 s after a finished rerun is reported as a leak."""
        seen_other_at: float | None = None
        while True:
            now = time.perf_counter()
            if now - started > 60:
                out["errors"].append(f"{what}: no chart with {expected:,} events within 60 s (shows {await shown()})")
                return
            if finished[0] > since and await page.evaluate(DRAWN):
                count = await shown()
                if count == expected:
                    out["times"].append(now - started)
                    return
                seen_other_at = seen_other_at or now
                if now - seen_other_at > 5:
                    out["leaks"].append(f"{what}: shows {count:,} events, its own filter gives {expected:,}")
                    return
            if await page.locator("[data-testid=stException]").count():
                out["errors"].append(f"{what}: an exception on the page")
                return
            await page.wait_for_timeout(50)

    try:
        await page.goto(f"{base}/{PAGE}")
        await wait_for(total, time.perf_counter(), -1, "opening")
        out["times"].clear()  # the opening is not a change
        active: str | None = None  # the filter this session has on: 'type' or 'search', or none
        for step in range(changes):
            if time.monotonic() > deadline:
                break
            await page.wait_for_timeout(int(1000 * pace * rng.uniform(0.6, 1.4)))
            if active == "type":
                field = page.locator(".st-key-event_types input")
                await field.click()
                since, started = finished[0], time.perf_counter()
                await field.press("Backspace")  # removes the one chosen type
                await page.keyboard.press("Escape")
                await wait_for(total, started, since, "clearing the event type")
                active = None
            elif active == "search":
                box = page.locator(".st-key-search input")
                await box.fill("")
                since, started = finished[0], time.perf_counter()
                await box.press("Enter")
                await wait_for(total, started, since, "clearing the search")
                active = None
            elif step % 4 == 0:
                kind = rng.choice(types)
                field = page.locator(".st-key-event_types input")
                await field.click()
                await field.fill(kind)
                option = page.get_by_role("option", name=kind, exact=True)
                since, started = finished[0], time.perf_counter()
                await option.click()
                await page.keyboard.press("Escape")
                await wait_for(counts["event_types"][kind], started, since, f"event type {kind!r}")
                active = "type"
            else:
                word = rng.choice(words)
                box = page.locator(".st-key-search input")
                await box.fill(word)
                since, started = finished[0], time.perf_counter()
                await box.press("Enter")
                await wait_for(counts["search"][word], started, since, f"search {word!r}")
                active = "search"
    except Exception as error:  # a session's failure is a measured error, not the end of the run
        out["errors"].append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
    finally:
        await context.close()
    return out


async def level(base: str, sessions: int, counts: dict, changes: int, pace: float, limit_s: float) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            deadline = time.monotonic() + limit_s

            # People do not all arrive in the same instant: starts spread over one pace.
            async def start(i: int) -> dict:
                await asyncio.sleep(pace * i / max(1, sessions))
                return await session(browser, base, i, counts, changes, pace, deadline)

            return await asyncio.gather(*(start(i) for i in range(sessions)))
        finally:
            await browser.close()


def script_finished(payload: bytes) -> bool:
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        return ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished"
    except DecodeError:
        return False


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class RssSampler:
    """The most resident memory each process held while the block ran, and the most TCP connections, read every 0.5 s."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.most, self.connections = pids, [0.0] * len(pids), [0] * len(pids)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(0.5):
            for i, pid in enumerate(self.pids):
                self.most[i] = max(self.most[i], process_memory_mb(pid)["rss_mb"])
                self.connections[i] = max(self.connections[i], session_count(pid) or 0)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._done.set()
        self._thread.join()


def summary(outs: list[dict], sessions: int, memory_before: dict, memory_after: dict, most_mb: float) -> dict:
    times = [t for o in outs for t in o["times"]]
    return {
        "sessions": sessions,
        "changes": len(times),
        "median_s": statistics.median(times) if times else None,
        "p95_s": p95(times),
        "errors": [e for o in outs for e in o["errors"]],
        "leaks": [e for o in outs for e in o["leaks"]],
        "rss_before_mb": memory_before["rss_mb"],
        "rss_during_max_mb": most_mb,
        "rss_after_mb": memory_after["rss_mb"],
        "peak_rss_mb": memory_after["peak_rss_mb"],
        "growth_per_session_mb": (most_mb - memory_before["rss_mb"]) / sessions,
    }


def one_server(data_dir: Path, levels: list[int], counts: dict, changes: int, pace: float, limit_s: float) -> list:
    rows = []
    with streamlit_server(ROOT / "app.py", data_dir, timeout=600) as (base, pid):
        open_once(base)
        for sessions in levels:
            print(f"{sessions} session(s) ...", flush=True)
            before = process_memory_mb(pid)
            with RssSampler([pid]) as sampler:  # the sessions' memory while they are open, not after they close
                outs = asyncio.run(level(base, sessions, counts, changes, pace, limit_s))
            rows.append(summary(outs, sessions, before, process_memory_mb(pid), sampler.most[0]))
            print(json.dumps(rows[-1] | {"errors": rows[-1]["errors"][:3], "leaks": rows[-1]["leaks"][:3]}), flush=True)
    return rows


def open_once(base: str) -> None:
    """Load the dataset into the server (the first visit does) before anything is measured."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/{PAGE}", timeout=600_000)
            page.wait_for_function(DRAWN, timeout=600_000, polling=100)
        finally:
            browser.close()


NGINX_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream citemap {{
        # Sticky: one browser's page and its websocket must reach the same server, which holds its session.
        # Behind one address (every browser here is 127.0.0.1) ip_hash would pick one server for all; a cookie
        # hash spreads them. In production with real client addresses, `ip_hash;` works as well.
        hash $cookie_citemap_client consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://citemap;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 86400;
            proxy_buffering off;
        }}
    }}
}}
"""


def behind_nginx(data_dir: Path, sessions: int, counts: dict, changes: int, pace: float, limit_s: float) -> dict:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx not found: apt-get install -y nginx (Debian), then run again")
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="citemap-nginx-") as folder:
        servers = [stack.enter_context(streamlit_server(ROOT / "app.py", data_dir, timeout=600)) for _ in range(2)]
        for base, _ in servers:
            open_once(base)
        port = free_port()
        conf = Path(folder) / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                folder=folder,
                port=port,
                servers="\n".join(f"        server {base.removeprefix('http://')};" for base, _ in servers),
            )
        )
        subprocess.run([nginx, "-t", "-c", str(conf), "-p", folder], check=True, capture_output=True)
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", folder, "-g", "daemon off;"])
        try:
            time.sleep(1)
            base = f"http://127.0.0.1:{port}"
            before = [process_memory_mb(pid) for _, pid in servers]
            print(f"{sessions} sessions through nginx on {base} ...", flush=True)
            with RssSampler([pid for _, pid in servers]) as sampler:
                outs = asyncio.run(level(base, sessions, counts, changes, pace, limit_s))
            after = [process_memory_mb(pid) for _, pid in servers]
        finally:
            process.terminate()
            process.wait(10)
    times = [t for o in outs for t in o["times"]]
    return {
        "sessions": sessions,
        "changes": len(times),
        "median_s": statistics.median(times) if times else None,
        "p95_s": p95(times),
        "errors": [e for o in outs for e in o["errors"]],
        "leaks": [e for o in outs for e in o["leaks"]],
        "servers": [
            {
                "rss_before_mb": b["rss_mb"],
                "rss_during_max_mb": most,
                "rss_after_mb": a["rss_mb"],
                "peak_rss_mb": a["peak_rss_mb"],
                "connections": held,
            }
            for b, a, most, held in zip(before, after, sampler.most, sampler.connections)
        ],
    }


def session_count(pid: int) -> int | None:
    """Established TCP connections the server holds (each session's websocket is one), from ss; None without it."""
    ss = shutil.which("ss")
    if not ss:
        return None
    out = subprocess.run([ss, "-Htnp", "state", "established"], capture_output=True, text=True).stdout
    return sum(f"pid={pid}," in line for line in out.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic dataset size (default 100,000)")
    parser.add_argument("--levels", default="1,5,10,20", help="concurrent sessions per level (default 1,5,10,20)")
    parser.add_argument("--changes", type=int, default=6, help="filter changes per session (default 6)")
    parser.add_argument("--pace", type=float, default=3.0, help="seconds between a person's changes, on average")
    parser.add_argument("--limit", type=float, default=180.0, help="seconds a level may take at most")
    parser.add_argument("--nginx", action="store_true", help="also two servers behind nginx holding --nginx-sessions")
    parser.add_argument("--nginx-only", action="store_true", help="only the nginx mode")
    parser.add_argument("--nginx-sessions", type=int, default=40)
    args = parser.parse_args()
    data_dir, _ = synthetic(args.events)
    print(f"expected counts on {data_dir.relative_to(ROOT)} ...", flush=True)
    counts = counts_for(data_dir, 12)
    results: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "events": args.events}
    settings = {"changes": args.changes, "pace_s": args.pace, "limit_s": args.limit}
    results["settings"] = settings
    if not args.nginx_only:
        levels = [int(n) for n in args.levels.split(",") if n]
        results["levels"] = one_server(data_dir, levels, counts, args.changes, args.pace, args.limit)
    if args.nginx or args.nginx_only:
        results["nginx"] = behind_nginx(data_dir, args.nginx_sessions, counts, args.changes, args.pace, args.limit)
    results["load_average_at_end"] = list(os.getloadavg())
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print()
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


def table(results: dict) -> str:
    def s(v: float | None) -> str:
        return "–" if v is None else f"{v:.2f} s"

    lines = [
        "| sessions | changes | change -> chart, median | p95 | p95 / one session's | errors | leaks | server RSS before -> most while open (per session) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = results.get("levels", [])
    single = next((r["p95_s"] for r in rows if r["sessions"] == 1), None)
    for r in rows:
        ratio = f"{r['p95_s'] / single:.1f}x" if single and r["p95_s"] else "–"
        lines.append(
            f"| {r['sessions']} | {r['changes']} | {s(r['median_s'])} | {s(r['p95_s'])} | {ratio} | {len(r['errors'])} | "
            f"{len(r['leaks'])} | {r['rss_before_mb']:.0f} -> {r['rss_during_max_mb']:.0f} MiB ({r['growth_per_session_mb']:+.1f} MiB) |"
        )
    if "nginx" in results:
        r = results["nginx"]
        ratio = f"{r['p95_s'] / single:.1f}x" if single and r["p95_s"] else "–"
        memory = "; ".join(
            f"server {i + 1}: {v['rss_before_mb']:.0f} -> {v['rss_during_max_mb']:.0f} MiB, at most {v['connections']} TCP connections at once"
            for i, v in enumerate(r["servers"])
        )
        lines.append(
            f"| {r['sessions']}, two servers behind nginx | {r['changes']} | {s(r['median_s'])} | {s(r['p95_s'])} | {ratio} | "
            f"{len(r['errors'])} | {len(r['leaks'])} | {memory} |"
        )
    notes = []
    for r in rows + ([results["nginx"]] if "nginx" in results else []):
        for e in (r["errors"] + r["leaks"])[:3]:
            notes.append(f"- {r['sessions']} sessions: {e}")
    return "\n".join(lines) + ("\n\n" + "\n".join(notes) if notes else "")


if __name__ == "__main__":
    sys.exit(main())
