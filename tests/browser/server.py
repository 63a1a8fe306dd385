"""`streamlit run` on a free port, polled until healthy and stopped in `finally` (as Datasette's tests do).

Shared by the browser tests and bench/run.py; nothing here needs pytest.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(
    script: Path, data_dir: Path | None = None, *, timeout: float = 60.0, log_path: Path | None = None
):
    """Serve `script` (from its own folder), optionally on another dataset; yield (base URL, server pid).

    The server's output goes to log_path, or to a temporary file; its end is in the error if the server dies.
    """
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_dir is not None:
        env["CITEMAP_DATA"] = str(data_dir)
    with open(log_path, "w+b") if log_path else tempfile.TemporaryFile() as log:  # closed once the server has stopped
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=Path(script).parent,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
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
                    log.seek(0)
                    raise RuntimeError(
                        f"streamlit exited with {process.returncode} before it was healthy: {log.read()[-2000:]!r}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit not healthy within {timeout:.0f} s")
                time.sleep(0.2)  # polling a server that is starting, not waiting on the page
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
