"""The one error path: an exception that carries its HTTP status, and the one
writer of the error body every client error (and the rare 5xx) answers with::

    {"detail": message, "errors": [{"loc": [...], "msg": ..., "value": ...}]}

Routes raise :class:`HttpError` (or let a model error, a `scurve.ScurveError`,
rise: it becomes a 400, 413 for a body over its limit, 422 for a view over
the cost budget); the handlers
installed by :func:`install_error_handlers` write the answer, and the ASGI
middleware, which answers before any route runs, writes the same bytes with
:func:`error_bytes`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from scurve.cost import TooCostlyError
from scurve.errors import Loc, Problem, ScurveError, TooLargeError


class HttpError(Exception):
    """A request the app refuses, with its HTTP status, its problems and any headers."""

    def __init__(
        self,
        status: int,
        problems: Sequence[Problem] | Problem,
        *,
        detail: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.status = status
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        self.detail = detail or _detail(self.problems)
        self.headers = headers
        super().__init__(self.detail)

    @classmethod
    def one(
        cls, status: int, loc: Loc, msg: str, value: object = None, *, headers: dict[str, str] | None = None
    ) -> HttpError:
        """An error with one problem, its message the detail."""
        return cls(status, Problem(loc, msg, value), headers=headers)

    @classmethod
    def of(cls, exc: ScurveError) -> HttpError:
        """A model error: 413 for a body over its limit, 422 for a view over
        the cost budget, else 400."""
        if isinstance(exc, TooCostlyError):
            status = 422
        else:
            status = 413 if isinstance(exc, TooLargeError) and exc.problems[0].loc == ("body",) else 400
        return cls(status, exc.problems, detail=exc.message)

    def body(self) -> dict[str, object]:
        return error_body(self.detail, self.problems)

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def _detail(problems: Sequence[Problem]) -> str:
    if len(problems) == 1:
        return problems[0].msg
    return f"{len(problems)} problems: " + "; ".join(p.msg for p in problems)


def error_body(detail: str, problems: Sequence[Problem]) -> dict[str, object]:
    """The error JSON, the one place it is built."""
    return {"detail": detail, "errors": [p.as_dict() for p in problems]}


def error_bytes(status: int, loc: Loc, msg: str, value: object = None) -> bytes:
    """The error JSON of one problem, encoded, for a raw ASGI answer."""
    return json.dumps(HttpError.one(status, loc, msg, value).body()).encode()


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route takes at this request's path."""
    return [
        method
        for method in ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in app.router.routes)
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Every error a route raises, whoever raised it, answered in the one form."""

    @app.exception_handler(HttpError)
    async def http_error(_: Request, exc: HttpError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(ScurveError)
    async def model_error(_: Request, exc: ScurveError) -> JSONResponse:
        return HttpError.of(exc).response()

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            Problem(tuple(str(x) for x in e.get("loc", ())), str(e.get("msg", "")), None) for e in exc.errors()
        ]
        detail = "; ".join(".".join(map(str, p.loc)) + ": " + p.msg for p in problems) or "invalid request"
        return HttpError(400, problems or [Problem((), detail)], detail=detail).response()

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            # Starlette names only the first route that matched the path
            # (`Allow: GET` for /api/analyze, which also takes POST).
            headers = {k: v for k, v in headers.items() if k.lower() != "allow"}
            headers["Allow"] = ", ".join(allowed_methods(app, request))
        return HttpError.one(exc.status_code, (), str(exc.detail), headers=headers).response()
