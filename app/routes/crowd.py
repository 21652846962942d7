"""The crowd's routes (SPEC section 10): add, read and withdraw a view; the crowd's figures."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.types import Message, Send

from scurve.cost import check_cost
from scurve.errors import Problem, StateError, TooLargeError
from scurve.limits import MAX_VIEW_BODY, size_text
from scurve.statejson import state_from_json

from ..crowd.schemas import CrowdOut, ViewAdded, ViewOut, error
from ..crowd.service import CrowdGate, send_timeout
from ..crowd.store import Crowd, RateLimited, canonical
from ..deps import EngineDep
from ..engine import dumps, loads
from ..errors import HttpError
from ..schemas import ERRORS
from .api import JSON, json_response, require_json

router = APIRouter(tags=["crowd"])
log = logging.getLogger("scurve.crowd")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOT_FOUND_VIEW = "no view with this id (or the token does not match it)"


async def get_crowd(request: Request) -> Crowd:
    """The crowd; a 503 naming the reason while its database is unavailable."""
    gate: CrowdGate = request.app.state.crowd_gate
    return gate.get()


CrowdDep = Annotated[Crowd, Depends(get_crowd)]


def _default_port(scheme: str) -> str:
    return {"http": "80", "https": "443"}.get(scheme, "")


def foreign_origin(request: Request) -> str | None:
    """The `Origin` header if it names a host other than the one asked; else None."""
    origin = request.headers.get("origin")
    if origin is None:
        return None
    parts = urlsplit(origin)
    scheme = parts.scheme.lower()
    host = request.headers.get("host", "").lower()
    netloc = parts.netloc.lower()
    port = _default_port(scheme)
    if port:
        netloc = netloc.removesuffix(":" + port)
        host = host.removesuffix(":" + port)
    return None if netloc and netloc == host else origin


async def read_limited(request: Request, limit: int) -> bytes:
    too_large = TooLargeError(
        Problem(("body",), f"the request body is over the limit of {limit} bytes ({size_text(limit)})", None)
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def parse_day(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise StateError(
            Problem(("query", name), f"`{name}` must be a date written YYYY-MM-DD, got {shown!r}", shown)
        ) from None


def window(since: str | None, until: str | None, *, form: bool = False) -> tuple[date | None, date | None]:
    """The date window; `until` before `since` is an empty window, not an
    error.  On the page's form an empty field means no bound."""
    if form:
        since, until = since or None, until or None
    return parse_day("since", since), parse_day("until", until)


VIEW_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {JSON: {"schema": {"$ref": "#/components/schemas/StateModel"}}}}
}
RATE_LIMITED = {
    "model": ERRORS[400]["model"],
    "description": "Too many views from this network in the last hour; `Retry-After` says how many seconds to wait.",
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
}


@router.post(
    "/api/views",
    status_code=201,
    response_model=ViewAdded,
    responses={
        200: {
            "model": ViewAdded,
            "description": "The same view from the same network in the last 24 h: nothing stored",
        },
        **ERRORS,
        403: error("The request's `Origin` names another host"),
        413: error(f"The body is over {size_text(MAX_VIEW_BODY)}"),
        415: error("The body is not JSON"),
        422: error("The view would take too long to compute; the message names what to reduce"),
        429: RATE_LIMITED,
    },
    openapi_extra=VIEW_BODY,
)
async def add_view(request: Request, crowd: CrowdDep) -> Response:
    """Add a view (a JSON state, as `POST /api/analyze`) to the crowd.

    Stored: a random id, the UTC time, the state's canonical link (without its
    comparison and title) and a daily keyed hash of the client's network.
    The answer's `delete_token` withdraws it (`DELETE /api/views/{id}`)."""
    origin = foreign_origin(request)
    if origin is not None:
        raise HttpError.one(403, ("header", "origin"), f"a view may only be added from this site, not from {origin[:80]!r}")
    require_json(request)
    body = await read_limited(request, MAX_VIEW_BODY)
    try:
        data = loads(body)
    except (ValueError, RecursionError) as exc:
        raise StateError(Problem(("body",), f"the body is not valid JSON: {exc}", None)) from None
    # The cost of the link the crowd would publish is checked here (a 422);
    # the duplicate and rate checks come next, before any analysis.
    state = canonical(state_from_json(data, crowd.model.catalog))
    check_cost(state)
    host = request.client.host if request.client else None
    try:
        added = await run_in_threadpool(crowd.add, state, host)
    except RateLimited as exc:
        raise HttpError.one(429, ("client",), str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
    return json_response(dumps(added.as_dict()), status=200 if added.duplicate else 201)


@router.get("/api/views/{view_id}", response_model=ViewOut, responses={404: error("No view with this id")})
def get_view(view_id: str, crowd: CrowdDep) -> Response:
    """A stored view: its id, when it was added and its link."""
    found = crowd.get(view_id)
    if found is None:
        raise HttpError.one(404, ("path", "view_id"), "no view with this id")
    return json_response(dumps(found))


@router.delete(
    "/api/views/{view_id}",
    status_code=204,
    response_class=Response,
    responses={404: error("No view with this id and token (the two cases are not told apart)")},
)
def delete_view(view_id: str, request: Request, crowd: CrowdDep) -> Response:
    """Withdraw a view: `Authorization: Bearer <delete_token>`."""
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    ok = scheme.lower() == "bearer" and crowd.delete(view_id, token.strip() or None)
    if not ok:
        raise HttpError.one(404, ("path", "view_id"), NOT_FOUND_VIEW)
    return Response(status_code=204)


DATE_SCHEMA = {"format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
Since = Annotated[
    str | None,
    Query(description="Only views added on or after this UTC date (YYYY-MM-DD)", json_schema_extra=DATE_SCHEMA),
]
Until = Annotated[
    str | None,
    Query(description="Only views added on or before this UTC date (YYYY-MM-DD)", json_schema_extra=DATE_SCHEMA),
]


@router.get("/api/crowd", response_model=CrowdOut, responses=ERRORS)
async def crowd_figures(crowd: CrowdDep, since: Since = None, until: Until = None) -> Response:
    """The crowd's medians and spreads per category and year, its years' mean
    slopes, its median view and the categories it suggests (at most 2 s stale)."""
    s, u = window(since, until)
    body = crowd.cached(s, u)
    if body is None:
        body = await run_in_threadpool(crowd.answer, s, u)
    return json_response(body)


@router.get(
    "/api/crowd/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The CSV"}, **ERRORS},
)
async def crowd_export(crowd: CrowdDep, since: Since = None, until: Until = None) -> Response:
    """Every stored position: `view_id,created_date,category_id,year,position` (built-in categories)."""
    s, u = window(since, until)
    last = await run_in_threadpool(crowd.export_last)  # a database error is a 503 before the first byte
    return TimedStreamingResponse(
        crowd.export_lines(s, u, last),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="scurve-crowd.csv"'},
    )


class TimedStreamingResponse(StreamingResponse):
    """A streamed answer that gives up on a client that stops reading: each
    send may wait SCURVE_SEND_TIMEOUT seconds for the client to make room,
    then the connection is dropped (and the export's memory freed)."""

    async def stream_response(self, send: Send) -> None:
        limit = send_timeout()

        async def timed(message: Message) -> None:
            with anyio.fail_after(limit):
                await send(message)

        try:
            await super().stream_response(timed)
        except TimeoutError:
            log.info("a client stopped reading an export for %.0f s; its connection is closed", limit)


@router.get("/crowd", response_class=HTMLResponse, include_in_schema=False)
async def crowd_page(
    request: Request, engine: EngineDep, crowd: CrowdDep, since: Since = None, until: Until = None
) -> HTMLResponse:
    """The crowd page: how many views, the distributions, the suggestions; filter by date."""
    from .crowd_page import render_crowd

    problem = None
    try:
        s, u = window(since, until, form=True)
    except StateError as exc:
        problem, s, u = exc.message, None, None
    return await run_in_threadpool(render_crowd, request, engine, crowd, s, u, problem)


@router.get("/crowd/withdraw", response_class=HTMLResponse, include_in_schema=False)
async def withdraw_page(request: Request, crowd: CrowdDep) -> HTMLResponse:
    from .crowd_page import render_withdraw

    return render_withdraw(request)


@router.post("/crowd/withdraw", response_class=HTMLResponse, include_in_schema=False)
async def withdraw_form(request: Request, crowd: CrowdDep) -> HTMLResponse:
    """The withdraw form without JavaScript: `id` and `token` as form fields."""
    from .crowd_page import render_withdraw

    if foreign_origin(request) is not None:
        return render_withdraw(request, "not_found", 403)
    try:
        form = await request.form(max_files=0, max_fields=4)
        view_id, token = str(form.get("id", "")).strip(), str(form.get("token", "")).strip()
    except Exception:  # a malformed form: treated as a wrong key
        view_id, token = "", ""
    ok = await run_in_threadpool(crowd.delete, view_id, token or None)
    return render_withdraw(request, "withdrawn" if ok else "not_found", 200 if ok else 404)
