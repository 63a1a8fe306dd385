"""Browser tests own their server: a free port, a health poll, a stop in `finally` (as Datasette does).

Chromium is Debian's /usr/bin/chromium driven by Playwright's Python API; Playwright's
own browser download is never used. Screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from .support import count_server_messages

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(data_dir: Path | None = None, timeout: float = 60.0):
    """Start `streamlit run app.py` on a free port (optionally on another dataset); yield its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_dir is not None:
        env["CITEMAP_DATA"] = str(data_dir)
    log = open(ROOT / "tests" / "artifacts" / f"server-{port}.log", "w") if (ROOT / "tests" / "artifacts").is_dir() else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode} before it was healthy")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit not healthy within {timeout:.0f} s")
            time.sleep(0.2)  # polling a server that is starting, not waiting on the page
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session", autouse=False)
def artifacts_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def server(artifacts_dir) -> str:
    """The dashboard on the bundled data, shared by the session's browser tests."""
    with running_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (tests/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context per test (no shared cookies or session), 1600x1000."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    count_server_messages(tab)
    tab.set_default_timeout(30_000)
    try:
        yield tab
    finally:
        context.close()


def screenshot(page, name: str, full_height: bool = True) -> Path:
    """Save a screenshot of the whole app (Streamlit scrolls inside its own container)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if full_height:
        height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main, body')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": page.viewport_size["width"], "height": min(max(int(height), 800), 6000)})
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_app(page) -> None:
    """The script has finished running: no 'running' indicator and a title drawn."""
    page.wait_for_selector("h1", state="visible")
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


