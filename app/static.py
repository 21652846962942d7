"""Static files, served from memory, pre-compressed, with content-hashed URLs.

`static_url("app.css")` gives `/static/app.css?h=<hash>`; a request carrying
the current hash is cached for a year.  The modules of the page's scripts are
served with their imports pinned the same way (``from "./x.js?h=<hash>"``),
so a repeat visit asks for none of them again.  Plotly.js is the copy bundled in the
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

from .errors import HttpError

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
        self._loading: set[str] = set()
        self._imports: dict[str, list[str]] = {}

    def load(self, url_path: str, file: Path) -> Asset:
        body = file.read_bytes()
        if url_path.startswith("js/") and url_path.endswith(".js"):
            body = self._pin_imports(url_path, body)
        media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if media in ("application/javascript", "text/javascript"):
            media = "text/javascript; charset=utf-8"
        elif media.startswith("text/"):
            media += "; charset=utf-8"
        gz = gzip.compress(body, 6, mtime=0) if len(body) > 1024 else None
        asset = Asset(body, gz, media, hashlib.sha256(body).hexdigest()[:12])
        self._assets[url_path] = asset
        return asset

    def _pin_imports(self, url_path: str, body: bytes) -> bytes:
        """Each ``from "./x.js"`` of a module, with x.js's hash added (its own
        imports pinned first, so a change anywhere changes every hash above
        it). An import cycle, which these modules do not have, stays unpinned."""
        self._loading.add(url_path)
        try:

            def pin(match: re.Match[str]) -> str:
                dep = "js/" + match.group(2).removeprefix("./")
                asset = None if dep in self._loading else self.get(dep)
                spec = match.group(2) + (f"?h={asset.digest}" if asset else "")
                return f'{match.group(1)}"{spec}";'

            return _IMPORT.sub(pin, body.decode("utf-8")).encode("utf-8")
        finally:
            self._loading.discard(url_path)

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
        browser will ask for them (``./x.js?h=<hash>`` beside it): listed as
        ``modulepreload`` links, they are fetched at once instead of one
        level of imports after another.

        >>> store = AssetStore()
        >>> store.url("js/markers.js") in store.imports("js/main.js")  # main -> chart -> markers
        True
        """
        if name in self._imports:
            return self._imports[name]
        found: list[str] = []
        todo = [name]
        while todo:
            asset = self.get(todo.pop())
            if asset is None:
                continue
            for _, spec in _IMPORT.findall(asset.body.decode("utf-8", "replace")):
                dep = "js/" + spec.removeprefix("./").split("?")[0]
                url = self.url(dep)
                if url not in found:
                    found.append(url)
                    todo.append(dep)
        self._imports[name] = found
        return found


# An import of a module beside it: `import {...} from "./x.js";` (pinned or not).
_IMPORT = re.compile(r'^(import\s[^"]*?from\s+)"(\./[\w-]+\.js(?:\?h=[0-9a-f]+)?)";', re.MULTILINE)


def mount_static(app: FastAPI) -> None:
    store = AssetStore()
    store.load(PLOTLY_URL.removeprefix("/static/"), PLOTLY_FILE)
    app.state.assets = store

    @app.get("/static/{path:path}", include_in_schema=False)
    async def static(path: str, request: Request) -> Response:
        asset = store.get(path)
        if asset is None:
            raise HttpError.one(404, ("path",), "no such file", path)
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
