"""What one app holds between requests: its configuration, its store reader, its watch-lists."""

from __future__ import annotations

import hmac
import threading
from typing import TYPE_CHECKING

from fastapi import Request

from marsad.errors import WebError
from marsad.web.watch import Registry, api_file_for

if TYPE_CHECKING:
    from marsad.web.app import WebConfig
    from marsad.web.data import Data


class Services:
    """The store reader (opened on first use) and the watch-list registry of one app."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.watchlists = Registry(file=config.watchlists, api_file=api_file_for(config.db) if config.db else None)
        self._data: Data | None = None
        self._lock = threading.Lock()

    @property
    def has_store(self) -> bool:
        return self.config.db is not None

    @property
    def data(self) -> Data:
        """The store's read side; 503 when the server was started without a store."""
        if self.config.db is None:
            raise WebError(503, "this server has no store; start it with `marsad serve --db PATH`")
        if self._data is None:
            with self._lock:
                if self._data is None:
                    from marsad.web.data import Data

                    self._data = Data(self.config.db)
        return self._data

    def authorise(self, request: Request, action: str) -> None:
        """Let ``action`` through only with the server's bearer token (401/403 otherwise)."""
        token = self.config.token
        if not token:
            raise WebError(403, f"{action} is disabled on this server: start it with MARSAD_TOKEN set to enable it")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not value:
            raise WebError(401, f"{action} needs the server's token: send 'Authorization: Bearer $MARSAD_TOKEN'",
                           headers={"WWW-Authenticate": 'Bearer realm="marsad"'})
        if not hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8")):
            raise WebError(401, f"{action}: the token does not match this server's MARSAD_TOKEN",
                           headers={"WWW-Authenticate": 'Bearer realm="marsad", error="invalid_token"'})


def services(request: Request) -> Services:
    """The Services of the app serving ``request``."""
    found: Services = request.app.state.services
    return found
