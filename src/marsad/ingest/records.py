"""What a source yields: an article's text and metadata before analysis, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.document import Boilerplate, Document
from marsad.errors import InputError
from marsad.pipeline import new_document


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

    def document(self, published: str | None = None) -> Document:
        """The Document this article starts as, before analysis: its metadata, and the
        furniture already removed while reading. ``published``: the day to use when the
        article carries none. An article known by its URL is not given its file as source.

        Raises:
            InputError: the publication day is not a valid date.
        """
        return new_document(
            self.text,
            published=self.published or published,
            title=self.title,
            url=self.url,
            source=self.source or (None if self.url else self.origin),
            id=self.id,
        ).replace(boilerplate=self.boilerplate)


@dataclass(frozen=True)
class Unchanged:
    """A URL whose server says it has not changed since marsad last fetched it (HTTP 304),
    or a feed entry already stored: nothing to read again."""

    origin: str
    url: str


ReadResult = Article | InputError
