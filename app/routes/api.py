"""JSON and CSV routes: each parses, calls one function of the engine, returns."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from scurve.catalog import CATEGORY_IDS
from scurve.errors import Problem, ScurveError, StateError
from scurve.statejson import state_from_json

from ..deps import EngineDep, QueryDep
from ..engine import dumps, loads
from ..errors import HttpError
from ..schemas import (
    ERRORS,
    AnalysisOut,
    CategoriesOut,
    ClaimOut,
    CurveSamplesOut,
    Health,
    ImportOut,
    StateModel,
)
from .query_doc import PERMALINK_PARAMS

router = APIRouter()
JSON = "application/json"
TOO_COSTLY = {
    "model": ERRORS[400]["model"],
    "description": "The view would take too long to compute; the message names what to reduce",
}


def content_type(request: Request) -> str:
    """The media type of the body, without parameters, lower-case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def require_json(request: Request) -> None:
    """A body that is not JSON (by its Content-Type) is a 415 naming the type."""
    ctype = content_type(request)
    if ctype != JSON and not ctype.endswith("+json"):
        raise HttpError.one(
            415, ("header", "content-type"), f"the body must be application/json, got {ctype or 'no content type'!r}", ctype
        )


def json_response(body: bytes, status: int = 200) -> Response:
    return Response(content=body, status_code=status, media_type=JSON)


@router.get("/healthz", response_model=Health, tags=["meta"])
async def healthz() -> Response:
    return json_response(b'{"status":"ok"}')


@router.get("/api/categories", response_model=CategoriesOut, tags=["model"])
async def categories(engine: EngineDep) -> Response:
    return json_response(engine.categories_json)


@router.get(
    "/api/analyze",
    response_model=AnalysisOut,
    responses={**ERRORS, 414: ERRORS[400], 422: TOO_COSTLY},
    tags=["model"],
    openapi_extra={"parameters": PERMALINK_PARAMS},
)
async def analyze_get(engine: EngineDep, query: QueryDep) -> Response:
    """Analyse the state in a permalink query (the same query as `/`)."""
    return json_response((await engine.analyze_query_async(query))[1])


STATE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/StateModel"}}},
    }
}


@router.post(
    "/api/analyze",
    response_model=AnalysisOut,
    responses={**ERRORS, 413: ERRORS[400], 415: ERRORS[400], 422: TOO_COSTLY},
    tags=["model"],
    openapi_extra=STATE_BODY,
)
async def analyze_post(
    engine: EngineDep,
    request: Request,
    preview: Annotated[
        bool,
        Query(
            description="`1`: leave out the Monte Carlo draws (`uncertainty` is null) for a live preview; "
            "the page sends it while a marker or handle is dragged"
        ),
    ] = False,
) -> Response:
    """Analyse a state sent as JSON (SPEC section 4)."""
    require_json(request)
    body = await request.body()
    try:
        data = loads(body)
    except (ValueError, RecursionError) as exc:
        raise StateError(Problem(("body",), f"the body is not valid JSON: {exc}", None)) from None
    state = state_from_json(data, engine.catalog)
    return json_response(await engine.analyze_state_async(state, preview=preview))


@router.get(
    "/export.csv",
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The CSV"},
        **ERRORS,
        414: ERRORS[400],
        422: TOO_COSTLY,
    },
    response_class=Response,
    tags=["model"],
    openapi_extra={"parameters": PERMALINK_PARAMS},
)
def export_csv(engine: EngineDep, query: QueryDep) -> Response:
    """The analysis of a permalink query as CSV (SPEC section 5)."""
    # A plain `def`: FastAPI runs it in a worker thread, off the event loop.
    return Response(
        content=engine.csv_of_query(query).encode(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="scurve-estimates.csv"'},
    )


IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


@router.post(
    "/api/import",
    response_model=ImportOut,
    responses={**ERRORS, 413: ERRORS[400], 415: ERRORS[400]},
    tags=["model"],
    openapi_extra=IMPORT_BODY,
)
async def import_csv(engine: EngineDep, request: Request) -> Response:
    """Read a CSV in the export form (a `text/csv` body or a multipart field `file`) into a state."""
    ctype = content_type(request)
    if ctype == "text/csv":
        data = await request.body()
    elif ctype == "multipart/form-data":
        data = await _multipart_file(request)
    else:
        raise HttpError.one(
            415,
            ("header", "content-type"),
            f"send the CSV as text/csv or as a multipart field `file`, got {ctype or 'no content type'!r}",
            ctype,
        )
    return json_response(dumps(engine.import_csv(data)))


async def _multipart_file(request: Request) -> bytes:
    from starlette.datastructures import UploadFile

    try:
        form = await request.form(max_files=1, max_fields=10)
    except ScurveError:
        raise  # the body limit (413), raised while the body is read
    except Exception as exc:  # starlette raises several types for a malformed form
        raise StateError(Problem(("body",), f"the multipart body could not be read: {exc}", None)) from None
    try:
        upload = form.get("file")
        if upload is None:
            raise StateError(Problem(("body", "file"), "the multipart body has no field `file`", None))
        if isinstance(upload, UploadFile):
            data: bytes = await upload.read()
            return data
        return upload.encode()
    finally:
        await form.close()  # uploads are spooled to temporary files


@router.get("/api/curve", response_model=CurveSamplesOut, responses=ERRORS, tags=["model"])
async def curve(
    engine: EngineDep,
    request: Request,
    midpoint: Annotated[float, Query(ge=0.05, le=0.95, allow_inf_nan=False)] = 0.5,
    steepness: Annotated[float, Query(ge=1, le=40, allow_inf_nan=False)] = 10,
    ceiling: Annotated[float, Query(ge=0.05, le=1, allow_inf_nan=False)] = 1,
) -> Response:
    """A curve sampled at 201 even positions (uplift and slope), for drawing it."""
    for name in ("midpoint", "steepness", "ceiling"):
        if len(request.query_params.getlist(name)) > 1:
            raise StateError([Problem(("query", name), f"`{name}` is given more than once")])
    return json_response(engine.curve_samples(midpoint, steepness, ceiling))


@router.get("/api/claims", response_model=list[ClaimOut], responses=ERRORS, tags=["evidence"])
async def claims(
    engine: EngineDep,
    category: Annotated[
        str | None,
        # Documented as an enum; the check (and its message) is scurve's.
        Query(
            description="Only the claims bearing on this category id", json_schema_extra={"enum": list(CATEGORY_IDS)}
        ),
    ] = None,
) -> Response:
    """The essay's appendix statements, newest first."""
    return json_response(dumps(engine.claims_json(category)))


__all__ = ["StateModel", "router"]
