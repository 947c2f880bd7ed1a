"""What a source yields: an article's text and metadata before analysis, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.document import Boilerplate
from marsad.errors import InputError


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before analysis.

    ``origin`` names where it came from (a path, ``path:line``, a URL, a WARC record) so that
    every error and every stored article can be traced back to its input. ``raw`` keeps the
    bytes as received (the HTML of a page) so the store never loses the input; ``boilerplate``
    holds furniture already removed while reading (HTML pages are cleaned with the knowledge of
    which lines are links), in the coordinates of the text before that cleaning. ``etag`` and
    ``last_modified`` are the HTTP validators of a fetched page, kept for the next fetch.
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
    boilerplate: tuple[Boilerplate, ...] = ()
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Unchanged:
    """A URL whose server says it has not changed since marsad last fetched it (HTTP 304),
    or a feed entry already stored: nothing to read again."""

    origin: str
    url: str


ReadResult = Article | InputError
