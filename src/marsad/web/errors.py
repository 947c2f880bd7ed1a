"""One error shape for every route: ``{"ok": false, "error": "…", "status": N}``.

Every failure a request can meet ends here: marsad's own errors (each carries an HTTP
``status``), HTTP errors raised by the routing layer (unknown path, wrong method), request
validation errors (rewritten as one readable sentence naming the field) and anything
unexpected (500, logged with its traceback, never shown to the client). API, feed and chart
routes always answer in JSON; pages answer a browser (``Accept: text/html``) with an HTML page
that says the same thing, and any other client with the JSON shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from marsad.errors import MarsadError, WebError

log = logging.getLogger(__name__)

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["ok", "error", "status"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string", "description": "What was wrong and what to do, in one sentence."},
        "status": {"type": "integer", "description": "The HTTP status, repeated for clients that lose it."},
    },
}

REASONS = {
    400: "bad request",
    401: "a token is needed",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    415: "unsupported media type",
    422: "invalid input",
    500: "internal error",
    503: "unavailable",
}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The one error shape."""
    return {"ok": False, "error": message, "status": status}


def wants_html(request: Request) -> bool:
    """Whether to answer with an HTML page: a page route asked for by a browser."""
    path = request.url.path
    if path.startswith(("/api/", "/static/", "/openapi.json")) or path.endswith((".atom", ".svg", ".json")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def validation_message(errors: Sequence[Any]) -> str:
    """Request validation errors as one sentence: ``body.text: Field required; query.limit: …``."""
    parts = []
    for error in errors:
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            return f"request body is not valid JSON{': ' + str(reason) if reason else ''}"
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid value')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "invalid request: " + "; ".join(parts) + more


def respond(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The error as JSON, or as an HTML page for a browser on a page route."""
    from marsad.web.responses import JSON

    if wants_html(request):
        from marsad.web.render import render_page

        return render_page(request, "error.html", {"status": status, "message": message,
                                                    "reason": REASONS.get(status, "")}, status=status, headers=headers)
    return JSON(error_body(status, message), status_code=status, headers=dict(headers or {}))


def install(app: FastAPI) -> None:
    """Register the one handler for every kind of failure on ``app``."""

    async def marsad_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MarsadError)
        status = exc.status
        if status == 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc.message, exc_info=exc)
        headers = exc.headers if isinstance(exc, WebError) else None
        return respond(request, status, exc.message, headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else REASONS.get(exc.status_code, "error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no page or endpoint at {request.url.path}"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            detail = f"{request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, detail, getattr(exc, "headers", None))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, 422, validation_message(exc.errors()))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed unexpectedly", request.method, request.url.path, exc_info=exc)
        return respond(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    app.add_exception_handler(MarsadError, marsad_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)
