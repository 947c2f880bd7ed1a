"""The FastAPI application factory: pages, the ``/api/v1`` JSON API, feeds and static files.

``create_app(WebConfig(db=...))`` builds one app over one store. Requests that read run in
FastAPI's thread pool, each thread with its own read-only SQLite connection; ingest goes
through the store's own ingest function. A pure-ASGI middleware caps request bodies (413
before anything is parsed) and adds the security headers every page needs when it shows
hostile text: a Content-Security-Policy that allows no script at all (the pages need none),
no framing, no sniffing and no referrer to outside sites.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marsad.web import errors
from marsad.web.responses import JSON

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = Path(__file__).with_name("static")

SECURITY_HEADERS = (
    (b"content-security-policy",
     (b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
      b"base-uri 'none'; frame-ancestors 'none'")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def _env_token() -> str | None:
    return os.environ.get("MARSAD_TOKEN") or None


@dataclass(frozen=True)
class WebConfig:
    """What one server serves and how.

    Attributes:
        db: the store's SQLite file; None serves only what needs no store (analyse, static).
        token: the bearer token that ingest and watch-list changes require; None (the default
            when ``$MARSAD_TOKEN`` is unset) refuses them entirely.
        watchlists: a TOML file of watch-lists (read-only for the server).
        max_body_bytes: largest request body accepted (413 above it).
        max_text_bytes: largest article text accepted, in UTF-8 bytes (413 above it).
    """

    db: Path | None = None
    token: str | None = field(default_factory=_env_token)
    watchlists: Path | None = None
    max_body_bytes: int = 12 * 1024 * 1024
    max_text_bytes: int = 5 * 1024 * 1024


class Guard:
    """Pure-ASGI middleware: request body cap and security headers on every response."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        if scope["method"] in ("POST", "PUT", "PATCH"):
            declared = dict(scope.get("headers", [])).get(b"content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await self._too_large(scope, receive, send_with_headers)
                return
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body_bytes:
                    await self._too_large(scope, receive, send_with_headers)
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

            async def receive_again() -> Message:
                return replay.pop() if replay else await receive()

            await self.app(scope, receive_again, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"request body is larger than {self.max_body_bytes} bytes; send a smaller article"
        response = JSON(errors.error_body(413, message), status_code=413)
        await response(scope, receive, send)


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The marsad web application for ``config`` (defaults: no store, token from the environment)."""
    from marsad.web import api, feeds, pages, state

    config = config or WebConfig()
    app = FastAPI(
        title="marsad",
        summary="Arabic news as verifiable, structured facts: every fact linked to its span in the article.",
        version="1",
        docs_url=None,  # the stock docs pages load scripts from a CDN; the machines are offline
        redoc_url=None,
        openapi_url="/openapi.json",
        default_response_class=JSON,
    )
    app.state.config = config
    app.state.services = state.Services(config)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(feeds.router)  # before pages: /watch/NAME.atom before /watch/NAME
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, max_body_bytes=config.max_body_bytes)
    api.install_openapi(app)
    return app
