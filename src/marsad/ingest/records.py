"""What a source yields: an article's text and metadata before analysis, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.errors import InputError


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before analysis.

    ``origin`` names where it came from (a path, ``path:line``, a URL, a WARC record) so that
    every error and every stored article can be traced back to its input.
    """

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    id: str | None = None
    raw: bytes | None = None
    content_type: str = "text/plain"


ReadResult = Article | InputError
