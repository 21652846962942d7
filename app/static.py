"""Static files, served from memory, pre-compressed, with content-hashed URLs.

`static_url("app.css")` gives `/static/app.css?h=<hash>`; a request carrying
the current hash is cached for a year.  The modules of the page's scripts are
served with their imports pinned the same way (``from "./x.js?h=<hash>"``),
so a repeat visit asks for none of them again.

Two directories are built by scripts/build-assets.sh from the npm packages
pinned in package-lock.json and committed: ``static/vendor/`` holds
Plotly.js's basic bundle (``PLOTLY_URL``), ``static/bundle/`` the page's
modules bundled by esbuild, one file per page script and the chunks they
share.  `static_url("js/main.js")` names the bundled main.js while every
source module still has the hash the bundle's manifest records, and the
module itself otherwise (so an edited module is served at once, unbundled,
until the bundle is rebuilt).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response

from .errors import HttpError

STATIC_DIR = Path(__file__).resolve().parent / "static"
BUNDLE_MANIFEST = STATIC_DIR / "bundle" / "manifest.json"
log = logging.getLogger(__name__)


def digest(body: bytes) -> str:
    """The hash an asset's URL carries (``?h=``): its content's, so a URL names one version."""
    return hashlib.sha256(body).hexdigest()[:12]


def _plotly_file() -> Path:
    found = sorted((STATIC_DIR / "vendor").glob("plotly-*.min.js"))
    if len(found) != 1:
        raise RuntimeError(
            f"app/static/vendor/ must hold one Plotly bundle, found {[f.name for f in found]}: run bash scripts/build-assets.sh"
        )
    return found[0]


PLOTLY_FILE = _plotly_file()
PLOTLY_URL = f"/static/vendor/{PLOTLY_FILE.name}?h={digest(PLOTLY_FILE.read_bytes())}"


@dataclass(frozen=True)
class Asset:
    body: bytes
    gz: bytes | None
    media_type: str
    digest: str


def bundled_entries(manifest: Path = BUNDLE_MANIFEST) -> dict[str, str]:
    """``{"js/main.js": "bundle/main.js", ...}`` if the bundle was built from
    the modules as they are now (each source's SHA-256 as its manifest
    records), else ``{}``: the modules are then served one by one.

    >>> bundled_entries()["js/main.js"]
    'bundle/main.js'
    """
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))
        sources, entries = built["sources"], built["entries"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no usable JS bundle (%s): serving the page's modules one by one", exc)
        return {}
    changed = [name for name, sha in sources.items() if _sha256(STATIC_DIR / name) != sha]
    if changed:
        log.warning(
            "the JS bundle was built from other versions of %s: serving the page's modules one by one "
            "until `bash scripts/build-assets.sh` rebuilds it",
            ", ".join(changed),
        )
        return {}
    return dict(entries)


def _sha256(file: Path) -> str | None:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return None


class AssetStore:
    def __init__(self, bundle: dict[str, str] | None = None) -> None:
        self._assets: dict[str, Asset] = {}
        self._loading: set[str] = set()
        self._imports: dict[str, list[str]] = {}
        self._bundle = bundled_entries() if bundle is None else bundle

    def load(self, url_path: str, file: Path) -> Asset:
        body = file.read_bytes()
        if url_path.startswith(("js/", "bundle/")) and url_path.endswith(".js"):
            body = self._pin_imports(url_path, body)
        media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if media in ("application/javascript", "text/javascript"):
            media = "text/javascript; charset=utf-8"
        elif media.startswith("text/"):
            media += "; charset=utf-8"
        gz = gzip.compress(body, 6, mtime=0) if len(body) > 1024 else None
        asset = Asset(body, gz, media, digest(body))
        self._assets[url_path] = asset
        return asset

    def _pin_imports(self, url_path: str, body: bytes) -> bytes:
        """Each ``from "./x.js"`` of a module, with x.js's hash added (its own
        imports pinned first, so a change anywhere changes every hash above
        it). An import cycle, which these modules do not have, stays unpinned."""
        self._loading.add(url_path)
        try:

            def pin(match: re.Match[str]) -> str:
                dep = _beside(url_path, match.group(2))
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
        """The URL of `name` with its hash; a page script's is its bundle's while that is fresh."""
        return self._hashed(self._bundle.get(name, name))

    def _hashed(self, path: str) -> str:
        asset = self.get(path)
        return f"/static/{path}" + (f"?h={asset.digest}" if asset else "")

    def imports(self, name: str) -> list[str]:
        """The URLs of every module `name` imports, directly or not, as the
        browser will ask for them (``./x.js?h=<hash>`` beside it): listed as
        ``modulepreload`` links, they are fetched at once instead of one
        level of imports after another.

        >>> store = AssetStore(bundle={})
        >>> store.url("js/markers.js") in store.imports("js/main.js")  # main -> chart -> markers
        True
        """
        name = self._bundle.get(name, name)
        if name in self._imports:
            return self._imports[name]
        found: list[str] = []
        todo = [name]
        while todo:
            path = todo.pop()
            asset = self.get(path)
            if asset is None:
                continue
            for _, spec in _IMPORT.findall(asset.body.decode("utf-8", "replace")):
                dep = _beside(path, spec)
                url = self._hashed(dep)
                if url not in found:
                    found.append(url)
                    todo.append(dep)
        self._imports[name] = found
        return found


# An import of a module beside it: `import {...} from "./x.js";` or, as the
# bundle's chunks do, `import "./x.js";` (pinned or not).
_IMPORT = re.compile(r'^(import\s(?:[^"]*?\sfrom\s*)?)"(\./[\w-]+\.js(?:\?h=[0-9a-f]+)?)";', re.MULTILINE)


def _beside(module: str, spec: str) -> str:
    """The path of the module an import names: ``("bundle/main.js", "./chunk-A.js?h=1")`` -> ``bundle/chunk-A.js``."""
    return posixpath.join(posixpath.dirname(module), spec.removeprefix("./").split("?")[0])


def mount_static(app: FastAPI) -> None:
    store = AssetStore()
    store.load(f"vendor/{PLOTLY_FILE.name}", PLOTLY_FILE)  # compressed now, not on the first visit
    app.state.assets = store

    @app.get("/static/{path:path}", include_in_schema=False)
    async def static(path: str, request: Request) -> Response:
        asset = store.get(path)
        if asset is None:
            raise HttpError.one(404, ("path",), "no such file", path)
        etag = f'"{asset.digest}"'
        versioned = request.query_params.get("h") == asset.digest
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
