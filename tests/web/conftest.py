"""Fixtures for the web tests: stores built from the test articles, in-process clients, a live
server on 127.0.0.1 for the browser, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web.corpus import CORPUS, HOSTILE, WITHDRAWAL, build_store

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient

from marsad.web.app import WebConfig, create_app

TOKEN = "test-token-3f9a"
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class Built:
    """A store on disk and the store ids of its test articles by key."""

    path: Path
    ids: dict[str, str]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("corpus") / "marsad.db"
    return Built(path, build_store(path, CORPUS))


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("hostile") / "marsad.db"
    return Built(path, build_store(path, [WITHDRAWAL, HOSTILE]))


def make_client(db: Path | None, token: str | None = TOKEN, watchlists: Path | None = None, **config: int) -> TestClient:
    return TestClient(create_app(WebConfig(db=db, token=token, watchlists=watchlists, **config)), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(corpus_store: Built) -> TestClient:
    """A client of the corpus store (token set); shared, so tests here must not write."""
    return make_client(corpus_store.path)


@pytest.fixture(scope="session")
def hostile_client(hostile_store: Built) -> TestClient:
    return make_client(hostile_store.path)


@pytest.fixture
def writable(tmp_path: Path) -> Built:
    """A fresh corpus store of its own, for tests that ingest or change watch-lists."""
    path = tmp_path / "marsad.db"
    return Built(path, build_store(path, CORPUS[:1]))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(corpus_store: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``marsad serve`` in a thread on 127.0.0.1, stopped when the session ends."""
    import uvicorn

    watchlists = tmp_path_factory.mktemp("watch") / "watchlists.toml"
    watchlists.write_text('[watch.withdrawal]\ntitle = "الانسحاب"\nevent_types = ["RETREAT"]\n', encoding="utf-8")
    app = create_app(WebConfig(db=corpus_store.path, token=TOKEN, watchlists=watchlists))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless Debian chromium with a fresh profile and page scripts off, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="ar",
            java_script_enabled=False,  # the pages must work without JavaScript: prove it
        )
        try:
            yield context
        finally:
            context.close()
