"""create_app(): wiring only."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import make_url
from starlette.middleware.gzip import GZipMiddleware

from .crowd.db import close_database, crowd_enabled, database_url, open_database
from .crowd.service import CrowdGate, Unavailable, send_timeout, unavailable
from .crowd.store import Crowd
from .docs import install_docs
from .engine import Engine
from .errors import HttpError, install_error_handlers
from .logs import AccessLog
from .middleware import LimitsMiddleware, SecurityHeadersMiddleware, error_page
from .routes import api, crowd, embed, pages
from .routes.public import configured_public_url
from .static import mount_static

APP_DIR = Path(__file__).resolve().parent


def unavailable_response(request: Request, exc: Unavailable) -> Response:
    """503 with Retry-After: a page for the crowd's pages, JSON for the API."""
    headers = {"Retry-After": str(exc.retry_after)}
    if request.url.path.startswith("/crowd"):
        page = error_page("The crowd is unavailable", exc.message, "The estimator works as usual.")
        return HTMLResponse(page, status_code=503, headers=headers)
    return HttpError.one(503, (), exc.message, headers=headers).response()


def install_unavailable_handlers(app: FastAPI) -> None:
    """The crowd's database failing is a 503 with its reason, never a 500."""

    @app.exception_handler(Unavailable)
    async def crowd_unavailable(request: Request, exc: Unavailable) -> Response:
        return unavailable_response(request, exc)

    @app.exception_handler(sa.exc.SQLAlchemyError)
    async def database_error(request: Request, exc: sa.exc.SQLAlchemyError) -> Response:
        answer = unavailable(exc)
        if answer is None:
            raise exc
        return unavailable_response(request, answer)


def open_crowd(engine: Engine) -> CrowdGate | None:
    """The crowd on its database (or the reason it is unavailable), or None
    when `SCURVE_CROWD=off`; raises DatabaseBehind for a PostgreSQL database
    that needs `scurve db upgrade`, and ValueError for a bad setting."""
    if not crowd_enabled():
        return None
    raw = os.environ.get("SCURVE_RATE_LIMIT", "10").strip() or "10"
    if not raw.isdigit():
        raise ValueError(f"SCURVE_RATE_LIMIT must be a whole number of views an hour (0: no limit), got {raw!r}")
    send_timeout()  # a bad SCURVE_SEND_TIMEOUT stops start-up with its message

    def opener() -> Crowd:
        db = open_database()
        try:
            crowd = Crowd(db, engine, rate_limit=int(raw))
            crowd.check_secret()
        except BaseException:
            db.dispose()
            raise
        return crowd

    return CrowdGate(opener, make_url(database_url()).render_as_string(hide_password=True))


log = logging.getLogger("scurve")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Say at start-up, loudly, what an operator must know about links; at a
    clean stop (SIGTERM) leave the SQLite crowd as one file, not a file and its log."""
    public = configured_public_url()
    if public is None:
        log.warning(
            "SCURVE_PUBLIC_URL is not set: link previews, oEmbed answers and embed snippets point at the "
            "address this server listens on (never at a request's Host header, which any client can forge); "
            "behind a proxy or on a public host, set SCURVE_PUBLIC_URL=https://your.site so they work for readers"
        )
    else:
        log.info("absolute links point at SCURVE_PUBLIC_URL=%s", public)
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
    configured_public_url()  # a malformed SCURVE_PUBLIC_URL stops start-up with its message
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
    gate = open_crowd(engine)
    app.state.crowd_gate = gate
    # What the pages read: the crowd when it is open (its tools are hidden otherwise).
    app.state.crowd = gate.crowd if gate is not None else None
    if gate is not None:
        gate.on_open = lambda crowd: setattr(app.state, "crowd", crowd)

    install_error_handlers(app)
    install_unavailable_handlers(app)
    app.include_router(api.router)
    if gate is not None:
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
    app.add_middleware(AccessLog)
    # Everything loaded so far (numpy, scipy, FastAPI, the catalog: some
    # 100,000 objects) lives as long as the process; frozen, it is left out
    # of the collector's full passes, which otherwise stopped a request for
    # 50-70 ms every few hundred (and left a dragged page's panel without an
    # answer for as long).
    gc.freeze()
    return app
