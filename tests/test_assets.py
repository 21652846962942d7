"""The browser's assets and how the app serves them.

Two directories are built by scripts/build-assets.sh from the npm packages
pinned in package.json and package-lock.json, and committed:
app/static/vendor/ (Plotly.js's basic bundle and its licence) and
app/static/bundle/ (the estimator's modules and stylesheets bundled by
esbuild). The app serves the bundle only while its manifest matches the
sources, and the modules one by one otherwise. Every URL a page names
carries its content's hash and is cached for good; bodies are gzipped.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import app.static
from app.main import create_app
from app.static import PLOTLY_FILE, PLOTLY_URL, STATIC_DIR, AssetStore, bundled_entries

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
MANIFEST = STATIC_DIR / "bundle" / "manifest.json"
BUILT_FROM = ("plotly.js-basic-dist-min", "esbuild")
IMMUTABLE = "public, max-age=31536000, immutable"
REBUILD = "out of date: run `bash scripts/build-assets.sh` and commit app/static/vendor and app/static/bundle"


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def pinned(name: str) -> str:
    return str(PACKAGE["devDependencies"][name])


@pytest.fixture(scope="module")
def unbundled(monkeypatch_module: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """An app that found no fresh bundle: it serves the modules one by one."""
    monkeypatch_module.setattr(app.static, "bundled_entries", lambda: {})
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as mp:
        yield mp


# -- the pinned packages -------------------------------------------------------


@pytest.mark.parametrize("name", BUILT_FROM)
def test_what_the_assets_are_built_from_is_pinned_to_one_version_in_the_lock(name: str) -> None:
    version = pinned(name)
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned to one version, got {version!r}"
    locked = LOCK["packages"][f"node_modules/{name}"]
    assert locked["version"] == version
    assert locked["integrity"].startswith("sha512-")
    assert LOCK["packages"][""]["devDependencies"][name] == version


def test_the_vendored_plotly_is_the_pinned_version_with_its_licence() -> None:
    version = pinned("plotly.js-basic-dist-min")
    assert STATIC_DIR / "vendor" / f"plotly-basic-{version}.min.js" == PLOTLY_FILE
    assert f"plotly.js (basic - minified) v{version}" in PLOTLY_FILE.read_text(encoding="utf-8")[:200]
    licence = (STATIC_DIR / "vendor" / "plotly.js-LICENSE.txt").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Plotly" in licence


def test_the_vendored_files_have_the_sums_the_build_wrote() -> None:
    vendor = STATIC_DIR / "vendor"
    sums = dict(reversed(line.split("  ", 1)) for line in (vendor / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == {PLOTLY_FILE.name, "plotly.js-LICENSE.txt"}
    for name, digest in sums.items():
        assert sha256(vendor / name) == digest, f"app/static/vendor/{name}: {REBUILD}"


# -- the bundle matches its sources --------------------------------------------


def test_the_bundle_was_built_from_the_sources_as_they_are() -> None:
    built = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert built["esbuild"] == pinned("esbuild")
    changed = [name for name, digest in built["sources"].items() if sha256(STATIC_DIR / name) != digest]
    assert changed == [], f"the bundle was built from other versions of {changed}: {REBUILD}"
    assert bundled_entries() == built["entries"]
    for output in built["entries"].values():
        assert (STATIC_DIR / output).is_file()


def test_the_bundle_holds_every_module_and_stylesheet_its_entries_import() -> None:
    sources = set(json.loads(MANIFEST.read_text(encoding="utf-8"))["sources"])
    store = AssetStore(bundle={})
    for entry in ("js/main.js", "js/share.js", "js/crowd.js"):
        assert entry in sources
        assert {url.removeprefix("/static/").split("?")[0] for url in store.imports(entry)} <= sources
    css = (STATIC_DIR / "estimator.css").read_text(encoding="utf-8")
    imported = re.findall(r'^@import "\./([\w-]+\.css)";', css, re.M)
    assert len(imported) >= 8 and set(imported) <= sources


def test_a_bundle_built_from_other_sources_is_not_served(tmp_path: Path) -> None:
    built = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert bundled_entries(MANIFEST) == built["entries"]
    built["sources"]["js/markers.js"] = "0" * 64  # as if markers.js had been edited since
    (tmp_path / "stale.json").write_text(json.dumps(built))
    assert bundled_entries(tmp_path / "stale.json") == {}
    built["sources"]["js/markers.js"] = sha256(STATIC_DIR / "js" / "markers.js")
    built["sources"]["js/gone.js"] = "0" * 64  # a source since deleted
    (tmp_path / "gone.json").write_text(json.dumps(built))
    assert bundled_entries(tmp_path / "gone.json") == {}
    (tmp_path / "broken.json").write_text("{")
    assert bundled_entries(tmp_path / "broken.json") == {}
    assert bundled_entries(tmp_path / "missing.json") == {}


# -- what the estimator asks for ------------------------------------------------


def head(html: str) -> tuple[list[str], list[str], list[str]]:
    """The page's module scripts, stylesheets and modulepreload links."""
    scripts = re.findall(r'<script type="module" src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)
    return scripts, styles, preloads


def imported_urls(client: TestClient, url: str) -> set[str]:
    """The URLs a module's own imports name, as served (pinned to their hashes)."""
    body = client.get(url).text
    base = url.rsplit("/", 1)[0]
    return {
        f"{base}/{spec.removeprefix('./')}"
        for spec in re.findall(r'^import\s(?:[^"]*?\sfrom\s*)?"([^"]+)";', body, re.M)
    }


def test_the_estimator_runs_the_bundle_and_preloads_its_chunks(client: TestClient) -> None:
    html = client.get("/").text
    scripts, styles, preloads = head(html)
    assert [s.split("?")[0] for s in scripts] == [
        "/static/bundle/main.js",
        "/static/bundle/share.js",
        "/static/bundle/crowd.js",
    ]
    assert [s.split("?")[0] for s in styles] == ["/static/bundle/estimator.css"]
    assert f'<meta name="plotly-src" content="{PLOTLY_URL}">' in html
    for url in preloads:
        assert re.fullmatch(r"/static/bundle/chunk-\w+\.js\?h=[0-9a-f]{12}", url), url
    # Every chunk main.js and share.js import, directly or through another chunk, is preloaded.
    todo, seen = [scripts[0], scripts[1]], set()
    while todo:
        for dep in imported_urls(client, todo.pop()) - seen:
            seen.add(dep)
            todo.append(dep)
    assert seen and seen == set(preloads)
    # esbuild makes one chunk per set of entries that share modules: with
    # three entries at most four (main+share, main+crowd, share+crowd, all).
    assert len(preloads) <= 4


def test_without_a_fresh_bundle_the_estimator_preloads_every_module(unbundled: TestClient) -> None:
    html = unbundled.get("/").text
    scripts, styles, preloads = head(html)
    assert [s.split("?")[0] for s in scripts] == ["/static/js/main.js", "/static/js/share.js", "/static/js/crowd.js"]
    assert [s.split("?")[0] for s in styles] == ["/static/estimator.css"]
    assert "/static/js/markers.js" in {u.split("?")[0] for u in preloads}
    for url in preloads:
        assert re.fullmatch(r"/static/js/[\w-]+\.js\?h=[0-9a-f]{12}", url), url
    pinned_imports = imported_urls(unbundled, scripts[0])
    assert pinned_imports and pinned_imports <= set(preloads)
    assert all("?h=" in u for u in pinned_imports)
    # The stylesheet then imports each of the estimator's own from beside it.
    css = unbundled.get(styles[0]).text
    assert '@import "./markers.css";' in css and unbundled.get("/static/markers.css").status_code == 200


def test_every_asset_a_first_visit_asks_for_is_immutable_and_gzipped(client: TestClient) -> None:
    scripts, styles, preloads = head(client.get("/").text)
    for url in [*scripts, *styles, *preloads, PLOTLY_URL]:
        r = client.get(url, headers={"accept-encoding": "gzip"})
        assert r.status_code == 200, url
        assert r.headers["cache-control"] == IMMUTABLE, url
        if len(r.content) > 1024:  # smaller bodies are sent as they are
            assert r.headers["content-encoding"] == "gzip", url
    store = client.app.state.assets  # type: ignore[attr-defined]
    plotly = store.get(PLOTLY_URL.removeprefix("/static/").split("?")[0])
    assert plotly.gz is not None and gzip.decompress(plotly.gz) == PLOTLY_FILE.read_bytes()
    assert len(plotly.gz) <= 450_000


def test_a_stale_hash_is_served_but_not_cached_for_good(client: TestClient) -> None:
    path = PLOTLY_URL.split("?")[0]
    r = client.get(path + "?h=000000000000")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
    assert client.get(path).headers["cache-control"] == "no-cache"
