"""The API's documentation: the OpenAPI document as the app really answers,
and /docs, Swagger UI served by the app itself.

FastAPI's own /docs loads Swagger UI from a CDN and starts it with an inline
script; both break the Content-Security-Policy (scripts from 'self' only, no
inline code) and the rule that a page loads nothing from another host.  So
the Swagger UI files come from the `swagger-ui-bundle-v2` package (Swagger UI
5, which reads OpenAPI 3.1), are served from memory like the other static
files, and the page starts them with `static/swagger-init.js`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from scurve.limits import MAX_BODY, MAX_QUERY, size_text

SWAGGER_DIR = Path(str(swagger_ui_path))
SWAGGER_VERSION = SWAGGER_DIR.name.removeprefix("swagger-ui-")
SWAGGER_JS = f"vendor/swagger-ui-{SWAGGER_VERSION}/swagger-ui-bundle.js"
SWAGGER_CSS = f"vendor/swagger-ui-{SWAGGER_VERSION}/swagger-ui.css"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def _truthful(schema: dict[str, Any]) -> dict[str, Any]:
    """Make the generated document say what the app answers.

    FastAPI declares a 422 that this app never sends (its validation errors
    are 400 with `{"detail", "errors"}`, like every client error); the limits
    middleware answers any route with 414 for a query over 8 KiB and any
    request with a body with 413 over 1 MiB.
    """
    for item in schema.get("paths", {}).values():
        for method, op in item.items():
            if method not in METHODS:
                continue
            responses = op.setdefault("responses", {})
            responses.pop("422", None)
            responses.setdefault("414", _error(f"The query string is over {size_text(MAX_QUERY)}."))
            if "requestBody" in op:
                responses.setdefault("413", _error(f"The body is over {size_text(MAX_BODY)}."))
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema


def install_docs(app: FastAPI) -> None:
    """Serve /openapi.json and /docs; call after the routes and static files are in place."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _truthful(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    assets = app.state.assets
    assets.load(SWAGGER_JS, SWAGGER_DIR / "swagger-ui-bundle.js")
    assets.load(SWAGGER_CSS, SWAGGER_DIR / "swagger-ui.css")

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        url = request.app.state.assets.url
        page = DOCS_PAGE.format(
            title=escape(f"{app.title} API"),
            css=escape(url(SWAGGER_CSS)),
            js=escape(url(SWAGGER_JS)),
            init=escape(url("swagger-init.js")),
            favicon=escape(url("favicon.svg")),
            docs_css=escape(url("docs.css")),
            openapi=escape(app.openapi_url or "/openapi.json"),
        )
        return HTMLResponse(page)


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{favicon}" type="image/svg+xml">
<link rel="stylesheet" href="{css}">
<link rel="stylesheet" href="{docs_css}">
</head>
<body>
<header class="docs-bar">
<a class="docs-home" href="/">&larr; scurve: back to the estimator</a>
<nav aria-label="Site"><a href="/claims">Evidence</a> <a href="/about">Method</a></nav>
</header>
<main id="swagger-ui" data-openapi-url="{openapi}"></main>
<script src="{js}"></script>
<script src="{init}"></script>
</body>
</html>
"""
