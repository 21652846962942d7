"""The app as it runs when app/static/bundle no longer matches the page's
sources (a module edited since the last `bash scripts/build-assets.sh`): it
serves the modules and stylesheets one by one. For browser tests:
``LiveServer(factory="tests.unbundled_app:create_app")``."""

from __future__ import annotations

from fastapi import FastAPI

import app.static
from app.main import create_app as create_bundled_app


def create_app() -> FastAPI:
    app.static.bundled_entries = lambda manifest=app.static.BUNDLE_MANIFEST: {}
    return create_bundled_app()
