"""Every error marsad raises on purpose, in one tree.

::

    MarsadError                     anything marsad reports on purpose
    ├── ConfigError                 a setting, a pipeline or a component list is wrong
    ├── DataFileError               a language-data or model file is missing or malformed
    ├── InputError                  one input (file, URL, record, text) cannot be read or used
    │   └── DecodeError             its bytes are not text in any encoding we recognise
    ├── ComponentError              a pipeline component failed on one document
    ├── StoreError                  the SQLite store could not be opened, migrated or written
    │   └── NotFoundError           a requested article, entity or story does not exist
    ├── FetchError                  a URL could not be fetched (network, robots.txt, size cap)
    ├── WebError                    an HTTP request was refused (token, size limit, method)
    └── DeliveryError               an e-mail digest could not be handed to the SMTP server

Messages say what was wrong, what was expected and what to do. Errors from libraries
(sqlite3, parsers, HTTP clients, Ray) are translated at the boundary with ``raise … from``.
Each error carries an HTTP ``status`` so the web layer renders them with one handler.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""

    status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(MarsadError):
    """A setting, pipeline definition or component list is invalid."""

    status = 500


class DataFileError(MarsadError):
    """A packaged language-data or model file is missing or malformed."""

    status = 500


class InputError(MarsadError):
    """One input cannot be read or used; ``source`` names it (a path, URL or record)."""

    status = 422

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source
        self.reason = message


class DecodeError(InputError):
    """The bytes of an input are not text in any encoding marsad recognises."""


class ComponentError(MarsadError):
    """A pipeline component raised or returned something other than a Document."""

    def __init__(self, message: str, *, component: str, doc_id: str | None = None) -> None:
        where = f"component {component!r}" + (f" on document {doc_id}" if doc_id else "")
        super().__init__(f"{where}: {message}")
        self.component = component
        self.doc_id = doc_id


class StoreError(MarsadError):
    """The store could not be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """A requested article, entity, story or watch-list does not exist."""

    status = 404


class WebError(MarsadError):
    """An HTTP request refused with its status: authentication, size limits, bad requests."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})


class DeliveryError(MarsadError):
    """The SMTP server could not be reached or refused the digest."""

    status = 502


class FetchError(InputError):
    """A URL could not be fetched: network failure, HTTP error, robots.txt or size cap."""

    status = 502
