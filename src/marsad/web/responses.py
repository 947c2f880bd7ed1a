"""JSON responses encoded with msgspec, the library the Document itself is built on."""

from __future__ import annotations

from typing import Any

import msgspec
from starlette.responses import Response

_ENCODER = msgspec.json.Encoder()


class JSON(Response):
    """``application/json`` from any msgspec-encodable value (Structs, Documents, dicts)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return _ENCODER.encode(content)
