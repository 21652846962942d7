"""A real `scurve serve` (any number of workers) for the crowd's durability
and privacy tests, and a small HTTP client for it."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any

from tests.serving import free_port, wait_healthy

SERVE = [sys.executable, "-m", "app.cli", "serve", "--log-level", "warning"]


class Server:
    """`db_url` None: no SCURVE_DATABASE_URL, so the default file in `cwd`.
    What the server has logged so far is `log()`."""

    def __init__(
        self,
        db_url: str | None,
        *,
        workers: int = 1,
        allow: str = "127.0.0.1",
        cwd: str | None = None,
        args: tuple[str, ...] = (),
        **env: str,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Everything the server logs, to read back (`log()`): a file, so it never fills a pipe.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the Server
        base = {k: v for k, v in os.environ.items() if k != "SCURVE_DATABASE_URL"}
        if db_url is not None:
            base["SCURVE_DATABASE_URL"] = db_url
        self.proc = subprocess.Popen(
            [*SERVE, "--port", str(self.port), "--workers", str(workers), "--forwarded-allow-ips", allow, *args],
            env={**base, "SCURVE_RATE_LIMIT": "0", **env},
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers are stopped with it
        )
        try:
            wait_healthy(self.url, self.proc, 60, self.stop)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}{self.log()}") from None
        # Each worker answers on its own; give both time to start.
        time.sleep(0.5 if workers > 1 else 0)

    def post(self, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
        return request(self.port, "POST", "/api/views", body, headers)

    def get(self, path: str) -> tuple[int, Any, dict[str, str]]:
        return request(self.port, "GET", path)

    def kill(self) -> None:
        """SIGKILL the server and its workers at once."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._close()

    def log(self) -> str:
        """What the server has written to its standard output and error so far."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def _close(self) -> None:
        pass

    def __del__(self) -> None:
        self._log.close()


def request(
    port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        data = None if body is None else json.dumps(body).encode()
        hdrs = {"content-type": "application/json", **(headers or {})}
        conn.request(method, path, body=data, headers=hdrs)
        r = conn.getresponse()
        raw = r.read()
        ctype = r.getheader("content-type") or ""
        parsed = json.loads(raw) if raw and ctype.startswith("application/json") else raw
        return r.status, parsed, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()
