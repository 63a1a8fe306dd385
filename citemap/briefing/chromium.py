"""PNG and PDF of the slide, drawn by the machine's Chromium through kaleido: one browser per process."""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import os
import tempfile
import threading
from pathlib import Path

from .content import Briefing
from .frame import Frame
from .html import chart_boxes, to_html


class BriefingError(Exception):
    """A briefing could not be written; the message says why, for a person to read."""


class ChromiumMissing(BriefingError):
    """PNG and PDF need a Chromium on this machine."""


CHROMIUM_HELP = (
    "PNG and PDF briefings are drawn by Chromium, and none was found on this machine"
    "{where}. Install it (Debian/Ubuntu: apt-get install chromium) or point BROWSER_PATH at a Chrome or Chromium "
    "executable. The HTML briefing needs no browser: use -o brief.html, or the HTML download."
)


def find_chromium() -> str | None:
    """The Chromium kaleido will use: $BROWSER_PATH if set, else the first Chrome or Chromium found."""
    from choreographer.browsers.chromium import Chromium

    path = os.environ.get("BROWSER_PATH") or Chromium.find_browser(skip_local=False)
    return path if path and Path(path).is_file() else None


class _Chromium:
    """A kaleido browser kept open in a thread of its own, shared by every render in the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _start(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            path = find_chromium()
            if path is None:
                where = (
                    f" (BROWSER_PATH={os.environ['BROWSER_PATH']} does not exist)"
                    if os.environ.get("BROWSER_PATH")
                    else ""
                )
                raise ChromiumMissing(CHROMIUM_HELP.format(where=where))
            import kaleido
            from choreographer.errors import BrowserFailedError, ChromeNotFoundError

            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="citemap-chromium", daemon=True)
            thread.start()

            async def open_browser():
                browser = kaleido.Kaleido(n=1, mathjax=False, path=path)
                await browser.open()
                return browser

            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(timeout=120)
            except ChromeNotFoundError:
                loop.call_soon_threadsafe(loop.stop)
                raise ChromiumMissing(CHROMIUM_HELP.format(where=f" (tried {path})")) from None
            except (BrowserFailedError, TimeoutError, OSError) as err:
                loop.call_soon_threadsafe(loop.stop)
                raise BriefingError(f"Chromium at {path} did not start: {err}") from None
            self._loop = loop
            atexit.register(self.close)

    def run(self, make_coroutine, timeout: float = 180):
        self._start()
        assert self._loop is not None  # _start either set it or raised
        return asyncio.run_coroutine_threadsafe(make_coroutine(self._kaleido), self._loop).result(timeout=timeout)

    def close(self) -> None:
        with self._lock:
            if self._kaleido is None:
                return
            with contextlib.suppress(Exception):  # closing at exit: nothing left to tell anyone
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(timeout=30)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._kaleido, self._loop = None, None


_CHROMIUM = _Chromium()


async def _chart_images(
    browser, b: Briefing, scale: float, names: tuple[str, ...] = ("map", "timeline")
) -> dict[str, bytes]:
    boxes = chart_boxes(b)
    images = {}
    for name, branded in (("map", b.map), ("timeline", b.timeline)):
        if name not in names:
            continue
        _, _, w, h = boxes[name]
        images[name] = await browser.calc_fig(
            branded.figure, opts={"format": "png", "width": w - 2, "height": h - 2, "scale": scale}
        )
    return images


async def _print(browser, html: str, kind: str, frame: Frame, scale: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="citemap-brief-") as folder:
        page = Path(folder) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        tab = await browser.create_tab("")
        try:
            await tab.send_command("Page.enable")
            await tab.send_command(
                "Emulation.setDeviceMetricsOverride",
                params={"width": frame.width, "height": frame.height, "deviceScaleFactor": scale, "mobile": False},
            )
            loaded = tab.subscribe_once("Page.loadEventFired")
            await tab.send_command("Page.navigate", params={"url": page.as_uri()})
            await loaded
            if kind == "png":
                clip = {"x": 0, "y": 0, "width": frame.width, "height": frame.height, "scale": 1}
                response = await tab.send_command(
                    "Page.captureScreenshot", params={"format": "png", "clip": clip, "captureBeyondViewport": False}
                )
            else:
                response = await tab.send_command(
                    "Page.printToPDF",
                    params={
                        "printBackground": True,
                        "preferCSSPageSize": True,
                        "pageRanges": "1",
                        "marginTop": 0,
                        "marginBottom": 0,
                        "marginLeft": 0,
                        "marginRight": 0,
                    },
                )
        finally:
            await browser.close_tab(tab.target_id)
    if "error" in response:
        raise BriefingError(f"Chromium could not draw the briefing: {response['error'].get('message')}")
    return base64.b64decode(response["result"]["data"])


def render(b: Briefing, kind: str, *, scale: float = 1.0) -> bytes:
    """The briefing as 'png', 'pdf' or 'html' bytes. PNG is frame-sized times `scale`."""
    if kind == "html":
        # MapLibre, which draws plotly's maps, starts no worker in a page opened from disk (file://), so the
        # map goes in as a picture; the timeline stays live. Without Chromium, the live map is the fallback.
        try:
            images = _CHROMIUM.run(lambda browser: _chart_images(browser, b, scale=2, names=("map",)))
        except ChromiumMissing:
            images = {}
        return to_html(b, images=images).encode("utf-8")
    if kind not in ("png", "pdf"):
        raise BriefingError(f"unknown briefing format “{kind}”: use png, pdf or html")

    async def draw(browser):
        images = await _chart_images(browser, b, scale=2 if kind == "pdf" else scale)
        return await _print(browser, to_html(b, images=images), kind, b.frame, scale)

    return _CHROMIUM.run(draw)


FILE_KINDS = ("png", "pdf", "html", "htm")  # the file name extensions a briefing is written as


def write(b: Briefing, path: str | os.PathLike, *, scale: float = 1.0) -> Path:
    """Write the briefing in the format its file name says (.png, .pdf or .html)."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FILE_KINDS:
        raise BriefingError(f"{path.name}: the briefing is written as .png, .pdf or .html")
    data = render(b, "html" if kind == "htm" else kind, scale=scale)
    path.write_bytes(data)
    return path
