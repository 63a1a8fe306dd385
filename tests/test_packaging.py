"""The package as a newcomer meets it: the command line's `serve`, the README's commands and code layout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser.server import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_serve_runs_the_dashboard_from_the_checkout_with_streamlit_options_passed_on(tmp_path):
    """`citemap serve` from any folder: streamlit runs app.py in the checkout (so .streamlit/config.toml applies),
    a relative $CITEMAP_DATA still names the same folder, and --server.* options reach streamlit."""
    (tmp_path / "mydata").mkdir()
    port = free_port()
    env = {**os.environ, "CITEMAP_DATA": "mydata", "PYTHONPATH": str(ROOT)}
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "citemap", "serve", "--server.port", str(port), "--server.address", "127.0.0.1"],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, f"serve exited with {process.returncode}: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "the dashboard was not healthy within 60 s"
            time.sleep(0.2)  # polling a server that is starting
        # serve replaces itself with streamlit (same pid): its folder and environment are the server's
        assert Path(f"/proc/{process.pid}/cwd").resolve() == ROOT
        environ = dict(item.split("=", 1) for item in Path(f"/proc/{process.pid}/environ").read_text().split("\0") if "=" in item)
        assert environ["CITEMAP_DATA"] == str(tmp_path / "mydata")
        assert "app.py" in Path(f"/proc/{process.pid}/cmdline").read_text().split("\0")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_other_commands_still_refuse_unknown_options():
    run = subprocess.run([sys.executable, "-m", "citemap", "validate", "--server.port", "1"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "unrecognized arguments: --server.port" in run.stderr
