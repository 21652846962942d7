"""create_app(): wiring only."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from .crowd.db import close_database, crowd_enabled, open_database
from .crowd.store import Crowd
from .docs import install_docs
from .engine import Engine
from .errors import install_error_handlers
from .middleware import LimitsMiddleware, SecurityHeadersMiddleware
from .routes import api, crowd, embed, pages
from .static import mount_static

APP_DIR = Path(__file__).resolve().parent


def open_crowd(engine: Engine) -> Crowd | None:
    """The crowd on its database, or None when `SCURVE_CROWD=off`; raises
    DatabaseBehind for a PostgreSQL database that needs `scurve db upgrade`."""
    if not crowd_enabled():
        return None
    raw = os.environ.get("SCURVE_RATE_LIMIT", "10").strip() or "10"
    if not raw.isdigit():
        raise ValueError(f"SCURVE_RATE_LIMIT must be a whole number of views an hour (0: no limit), got {raw!r}")
    return Crowd(open_database(), engine, rate_limit=int(raw), secret=os.environ.get("SCURVE_SECRET") or None)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    # A clean stop (SIGTERM) leaves the SQLite crowd as one file, not a file and its log.
    if getattr(app.state, "crowd", None) is not None:
        close_database(app.state.crowd.db)


def create_app(data_dir: Path | str | None = None) -> FastAPI:
    """Build the app; the data files are read and validated here, so a bad
    file stops start-up with a message naming the file, entry and field."""
    if data_dir is None and os.environ.get("SCURVE_DATA_DIR"):
        data_dir = os.environ["SCURVE_DATA_DIR"]
    engine = Engine.from_dir(Path(data_dir) if data_dir is not None else None)
    app = FastAPI(
        title="scurve",
        summary="Where does AI stand on the S-curves of AI self-improvement?",
        description="Analyse a state of estimates: per-point slopes and phases, year aggregates, "
        "trajectory fits and the forecast of the aggregate slope. Every route takes a view as the estimator's "
        "link writes it (the permalink query: its parameters are listed with each route below), and the "
        "method behind the numbers is on [the method page](/about).",
        version="1.0.0",
        # /docs is served by app.docs with local files; no /redoc (it loads from a CDN).
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.crowd = open_crowd(engine)

    install_error_handlers(app)
    app.include_router(api.router)
    if app.state.crowd is not None:
        app.include_router(crowd.router)
    app.include_router(pages.router)
    app.include_router(embed.router)
    mount_static(app)
    install_docs(app)
    # Level 6: a third less CPU than the default 9 for half a percent more
    # bytes. Inline up to 1 MiB: Starlette hands bodies from 128 KiB to a
    # thread, and under load that hop cost the estimator's page (136 KiB)
    # about 180 ms of median latency (bench/load.py) for a 2 ms compression.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6, thread_minimum_size=1 << 20)
    app.add_middleware(LimitsMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    # Everything loaded so far (numpy, scipy, FastAPI, the catalog: some
    # 100,000 objects) lives as long as the process; frozen, it is left out
    # of the collector's full passes, which otherwise stopped a request for
    # 50-70 ms every few hundred (and left a dragged page's panel without an
    # answer for as long).
    gc.freeze()
    return app
