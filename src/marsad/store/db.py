"""Opening the SQLite file: migrations, WAL, one writer, read-only readers.

- **Migrations** are the numbered plain-SQL files in ``store/migrations`` (``0001_initial.sql``,
  ``0002_….sql``), each applied once, in its own transaction, and recorded in
  ``schema_migrations``. A store written by a newer marsad (a migration this one does not have)
  is refused rather than misread.
- **WAL** journal mode: readers never block the writer nor see a half-written batch, and a
  process killed at any moment (``kill -9``) leaves every committed transaction intact and the
  uncommitted one rolled back on the next open. ``synchronous=NORMAL`` is durable against
  process crashes (only a power cut can lose the last commits).
- **One writer**: a writer holds an exclusive lock on ``<db>.lock`` (released by the operating
  system even when the process is killed), so two ``marsad ingest`` runs never interleave their
  entity resolution; a second one is told who holds the lock.
- **Readers** open the file with ``mode=ro``: a reader cannot write by mistake.

Every ``sqlite3`` error is translated into a :class:`StoreError` that names the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import zstandard

from marsad.errors import StoreError

_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
BUSY_TIMEOUT_MS = 10_000


def migrations() -> list[tuple[int, str, str]]:
    """The packaged migrations as ``(number, name, sql)``, in order."""
    folder = resources.files("marsad.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name[:-4], entry.read_text(encoding="utf-8")))
    return sorted(found)


def _pragmas(connection: sqlite3.Connection, *, readonly: bool) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = OFF")  # ids are checked by the writer; faster bulk writes
    connection.execute("PRAGMA cache_size = -32000")  # 32 MB page cache
    connection.execute("PRAGMA temp_store = MEMORY")
    if not readonly:
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"could not switch the store to WAL mode (got {mode}); is the file on a network share?")
        connection.execute("PRAGMA synchronous = NORMAL")


def applied(connection: sqlite3.Connection) -> set[int]:
    """Numbers of the migrations already applied to ``connection``'s database."""
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not exists:
        return set()
    return {row[0] for row in connection.execute("SELECT number FROM schema_migrations")}


def migrate(connection: sqlite3.Connection, path: str) -> list[str]:
    """Apply the migrations ``connection`` lacks; return their names."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    done = applied(connection)
    known = {number for number, _, _ in migrations()}
    newer = sorted(done - known)
    if newer:
        raise StoreError(
            f"{path}: the store has schema migration(s) {newer} that this marsad does not know; "
            "it was written by a newer marsad — upgrade marsad to read it"
        )
    names = []
    for number, name, sql in migrations():
        if number in done:
            continue
        try:
            connection.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                connection.execute(statement)
            connection.execute("INSERT INTO schema_migrations (number, name) VALUES (?, ?)", (number, name))
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            connection.execute("ROLLBACK")
            raise StoreError(f"{path}: migration {name} failed: {error}") from error
        names.append(name)
    return names


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (``sqlite3.complete_statement`` decides)."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def connect(path: str | Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection to the store at ``path``; a writer's connection is migrated first.

    Raises:
        StoreError: a reader asked for a store that does not exist, the file is not a marsad
            store (or not SQLite), or it needs a migration a reader cannot apply.
    """
    path = str(path)
    if readonly and not Path(path).exists():
        raise StoreError(f"{path}: no store here yet; create it with `marsad ingest SOURCE... --db {path}`")
    try:
        if readonly:
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        _pragmas(connection, readonly=readonly)
        if readonly:
            missing = {n for n, _, _ in migrations()} - applied(connection)
            if missing:
                raise StoreError(f"{path}: the store needs schema migration(s) {sorted(missing)}; run `marsad ingest` once to upgrade it")
        else:
            migrate(connection, path)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open the store ({error}); is it a marsad SQLite file?") from error
    connection.row_factory = sqlite3.Row
    return connection


@contextlib.contextmanager
def writer_lock(path: str | Path) -> Iterator[None]:
    """Hold the store's single-writer lock for the duration of the block.

    Raises:
        StoreError: another process is writing to the store.
    """
    lock_path = f"{path}.lock"
    Path(lock_path).parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:  # closing it releases the lock, as a killed process's exit does
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"{path}: another marsad process (pid {holder}) is writing to this store; wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


# Blobs are Zstandard frames: on stored Documents (about 36 KB of JSON an article) level 3 is
# three times as fast as zlib level 3 and 8% smaller. Stores written before hold zlib streams;
# the first bytes tell the two apart, so they are read as they are, never rewritten.
ZSTD_LEVEL = 3
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_codecs = threading.local()  # zstandard's contexts are not to be shared between threads


def pack(data: bytes) -> bytes:
    """Compress for storage (Documents, raw pages, search keys)."""
    compressor = getattr(_codecs, "compressor", None)
    if compressor is None:
        compressor = _codecs.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    return compressor.compress(data)


def unpack(data: bytes) -> bytes:
    """What :func:`pack` compressed (or, in older stores, zlib compressed).

    Raises:
        StoreError: the blob is neither (a damaged store).
    """
    try:
        if data[:4] == _ZSTD_MAGIC:
            decompressor = getattr(_codecs, "decompressor", None)
            if decompressor is None:
                decompressor = _codecs.decompressor = zstandard.ZstdDecompressor()
            return decompressor.decompress(data)
        return zlib.decompress(data)
    except (zstandard.ZstdError, zlib.error) as error:
        raise StoreError(f"a stored blob of {len(data)} bytes cannot be decompressed: {error}") from error
