"""Opening the store: migrations once, WAL, one writer at a time, read-only readers; blobs."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.store import Store
from marsad.store.db import connect, migrations, pack, unpack
from marsad.store.write import Writer


def test_db_migrations_apply_once_and_are_recorded(db: Path) -> None:
    Writer(db).close()
    Writer(db).close()
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT number, name FROM schema_migrations").fetchall()
    assert rows == [(n, name) for n, name, _ in migrations()]
    assert rows[0] == (1, "0001_initial")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_db_reader_cannot_write(db: Path) -> None:
    Writer(db).close()
    store = Store(db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db.execute("INSERT INTO ingest_errors (at, origin, kind, reason) VALUES ('x', 'x', 'x', 'x')")


def test_db_reader_of_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store here yet; create it with `marsad ingest"):
        Store(tmp_path / "none.db")


def test_db_one_writer_at_a_time(db: Path) -> None:
    with Writer(db), pytest.raises(StoreError, match=r"another marsad process \(pid \d+\) is writing"):
        Writer(db)
    Writer(db).close()  # released when the first writer closed


def test_db_store_from_a_newer_marsad_is_refused(db: Path) -> None:
    Writer(db).close()
    connection = sqlite3.connect(db)
    connection.execute("INSERT INTO schema_migrations (number, name) VALUES (999, '0999_future')")
    connection.commit()
    with pytest.raises(StoreError, match=r"\[999\].*newer marsad"):
        Writer(db)


def test_db_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("هذه ليست قاعدة بيانات" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="notes.db: cannot open the store"):
        connect(path, readonly=False)


ARTICLE = "قال المتحدث باسم القائد العام للقوات المسلحة إن الانسحاب سيكتمل نهاية العام. ".encode() * 40


def test_db_pack_round_trips_and_compresses() -> None:
    packed = pack(ARTICLE)
    assert unpack(packed) == ARTICLE
    assert len(packed) < len(ARTICLE) / 5


def test_db_blobs_of_older_stores_are_still_read() -> None:
    assert unpack(zlib.compress(ARTICLE, 3)) == ARTICLE  # what stores written with zlib hold


def test_db_empty_blob_round_trips() -> None:
    assert unpack(pack(b"")) == b""


def test_db_a_damaged_blob_is_a_store_error_not_a_crash() -> None:
    with pytest.raises(StoreError, match="cannot be decompressed"):
        unpack(pack(ARTICLE)[:-20])
    with pytest.raises(StoreError, match="cannot be decompressed"):
        unpack(b"not compressed at all")
