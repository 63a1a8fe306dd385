"""Browser tests own their server: a free port, a health poll, a stop in `finally` (as Datasette does).

Chromium is Debian's /usr/bin/chromium driven by Playwright's Python API; Playwright's
own browser download is never used. Screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from .server import streamlit_server
from .support import count_server_messages

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@contextmanager
def running_server(data_dir: Path | None = None, timeout: float = 60.0):
    """The dashboard on a free port (optionally on another dataset); yield its base URL. Its log is kept with the artifacts."""
    artifacts = ROOT / "tests" / "artifacts"
    log = artifacts / f"server-{time.time_ns()}.log" if artifacts.is_dir() else None
    with streamlit_server(ROOT / "app.py", data_dir, timeout=timeout, log_path=log) as (base, _pid):
        yield base


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
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main, body')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": page.viewport_size["width"], "height": min(max(int(height), 800), 6000)})
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_app(page) -> None:
    """The script has finished running: no 'running' indicator and a title drawn."""
    page.wait_for_selector("h1", state="visible")
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
