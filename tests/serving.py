"""What every test that starts a real server needs: a free loopback port,
and a wait until the server answers /healthz."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float, stop: Callable[[], None]) -> None:
    """Poll `url`/healthz until it answers 200. If the process ends first or
    `seconds` pass, stop it and raise with what it wrote to stderr."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                stop()
                raise RuntimeError(f"server did not start: {err}") from None
            time.sleep(0.1)
