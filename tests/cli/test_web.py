"""``marsad serve`` and ``marsad digest`` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from tests.web.conftest import Built, free_port
from tests.web.corpus import CORPUS, build_store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("cli-web") / "marsad.db"
    return Built(path, build_store(path, CORPUS))


def test_web_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "marsad ingest" in result.output


def test_web_digest_needs_to_with_smtp(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["digest", "x", "--smtp", "127.0.0.1:25", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "--to" in result.output


def test_web_digest_prints_the_mail_without_smtp(corpus_store: Built, tmp_path: Path) -> None:
    lists = tmp_path / "lists.toml"
    lists.write_text('[watch.rates]\nwords = ["التضخم"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["digest", "rates", "--since", "2d", "--db", str(corpus_store.path), "--watchlists", str(lists)])
    assert result.exit_code == 0, result.output
    assert "Content-Type: multipart/alternative" in result.output


def test_web_digest_sends_nothing_when_nothing_is_new(corpus_store: Built, tmp_path: Path) -> None:
    lists = tmp_path / "lists.toml"
    lists.write_text('[watch.sanctions]\nevent_types = ["SANCTION"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["digest", "sanctions", "--db", str(corpus_store.path), "--watchlists", str(lists)])
    assert result.exit_code == 0 and "nothing new" in result.output


@pytest.mark.slow
def test_web_serve_serves_the_store(corpus_store: Built) -> None:
    port = free_port()
    env = {**os.environ, "MARSAD_TOKEN": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(corpus_store.path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode() if process.stderr else "server did not start") from None
                time.sleep(0.2)
        assert response.status_code == 200 and 'dir="rtl"' in response.text
        refused = httpx.post(f"http://127.0.0.1:{port}/api/v1/articles", json={"text": "نص"}, timeout=5)
        assert refused.status_code == 403  # MARSAD_TOKEN unset: ingest refused entirely
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert b"ingest disabled" in (process.stderr.read() if process.stderr else b"")
