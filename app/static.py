"""Static files, served from memory, pre-compressed, with content-hashed URLs.

`static_url("app.css")` gives `/static/app.css?h=<hash>`; a request carrying
the current hash is cached for a year.  Plotly.js is the copy bundled in the
`plotly` Python package, served at `/static/vendor/plotly-<version>.min.js`.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

import plotly
from fastapi import FastAPI, Request
from fastapi.responses import Response

STATIC_DIR = Path(__file__).resolve().parent / "static"
PLOTLY_FILE = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def _plotly_js_version() -> str:
    with PLOTLY_FILE.open("rb") as fh:
        head = fh.read(200).decode("ascii", "replace")
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    return match.group(1) if match else "unknown"


PLOTLY_JS_VERSION = _plotly_js_version()
PLOTLY_URL = f"/static/vendor/plotly-{PLOTLY_JS_VERSION}.min.js"


@dataclass(frozen=True)
class Asset:
    body: bytes
    gz: bytes | None
    media_type: str
    digest: str


class AssetStore:
    def __init__(self) -> None:
        self._assets: dict[str, Asset] = {}

    def load(self, url_path: str, file: Path) -> Asset:
        body = file.read_bytes()
        media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if media in ("application/javascript", "text/javascript"):
            media = "text/javascript; charset=utf-8"
        elif media.startswith("text/"):
            media += "; charset=utf-8"
        gz = gzip.compress(body, 6, mtime=0) if len(body) > 1024 else None
        asset = Asset(body, gz, media, hashlib.sha256(body).hexdigest()[:12])
        self._assets[url_path] = asset
        return asset

    def get(self, url_path: str) -> Asset | None:
        asset = self._assets.get(url_path)
        if asset is None:
            file = (STATIC_DIR / url_path).resolve()
            if STATIC_DIR in file.parents and file.is_file():
                asset = self.load(url_path, file)
        return asset

    def url(self, name: str) -> str:
        asset = self.get(name)
        return f"/static/{name}" + (f"?h={asset.digest}" if asset else "")

    def imports(self, name: str) -> list[str]:
        """The URLs of every module `name` imports, directly or not, as the
        browser will ask for them (``./x.js`` beside it): listed as
        ``modulepreload`` links, they are fetched at once instead of one
        level of imports after another.

        >>> store = AssetStore()
        >>> "/static/js/markers.js" in store.imports("js/main.js")  # main -> chart -> markers
        True
        """
        found: list[str] = []
        todo = [name]
        while todo:
            asset = self.get(todo.pop())
            if asset is None:
                continue
            for spec in _IMPORT.findall(asset.body.decode("utf-8", "replace")):
                dep = "js/" + spec.removeprefix("./")
                url = f"/static/{dep}"
                if url not in found:
                    found.append(url)
                    todo.append(dep)
        return found


_IMPORT = re.compile(r'^import\s[^"]*?from\s+"(\./[\w-]+\.js)";', re.MULTILINE)


def mount_static(app: FastAPI) -> None:
    store = AssetStore()
    store.load(PLOTLY_URL.removeprefix("/static/"), PLOTLY_FILE)
    app.state.assets = store

    @app.get("/static/{path:path}", include_in_schema=False)
    async def static(path: str, request: Request) -> Response:
        asset = store.get(path)
        if asset is None:
            return Response(b'{"detail":"no such file","errors":[]}', status_code=404, media_type="application/json")
        etag = f'"{asset.digest}"'
        versioned = request.query_params.get("h") == asset.digest or path.startswith("vendor/")
        headers = {
            "etag": etag,
            "cache-control": "public, max-age=31536000, immutable" if versioned else "no-cache",
            "vary": "accept-encoding",
        }
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if asset.gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(asset.gz, media_type=asset.media_type, headers=headers)
        return Response(asset.body, media_type=asset.media_type, headers=headers)
