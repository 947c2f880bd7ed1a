"""Page load times of the reading room on the 100,000-article bench store: p50/p95 per page.

The store is the store suite's 100,000-article bench store (``bench/corpus/store.db``: the
project's annotated articles recombined by ``suites._recombine``, with all their facts, written
through the store's writer), reused as the store suite left it, or built with the store suite's
own builder when it is missing (see :func:`_bench_store`). ``marsad serve`` runs as its own process on 127.0.0.1 and the pages are fetched over HTTP one
at a time, so each figure is the whole page as a browser receives it (the HTML, no assets):

- article: ``/article/ID`` for a random sample of articles;
- entity: ``/entity/ID`` for the busiest entities and a random sample of the others;
- search: ``/search?q=…`` for words and phrases drawn from the corpus, some with an entity or
  event-type filter.

Peers, measured in the same run on the same items: the page's own record built in this process
(``marsad.web.data.Data``: the store's read API plus :mod:`marsad.web.queries`, what the JSON
twin returns) — ``overhead`` is page time over record time, the cost of HTTP and the template —
and ``/static/marsad.css`` over the same connection, the floor of any request. For the entity
page the store's ``Store.timeline(entity_id=…)`` is timed too: the page does not use it (it
reads every related Document), and the figure says why. ``MARSAD_BENCH_WEB_ARTICLES`` picks a smaller
store for a quick look (the reported figures use the default).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from common import ROOT

NAME = "web"
ARTICLES = int(os.environ.get("MARSAD_BENCH_WEB_ARTICLES", "100000"))
SAMPLE = 200
SEED = 11


def _articles_in(db: Path) -> int:
    """Current articles of a store that this marsad can read (0 when missing or of another schema)."""
    import sqlite3

    from marsad.errors import MarsadError
    from marsad.store import Store

    if not db.exists():
        return 0
    try:
        with Store(db) as store:
            busiest = store.entities(limit=1)
            if busiest:
                store.entity(busiest[0].id)  # fails on a store written by an older schema
            return int(store.db.execute("SELECT count(*) FROM articles WHERE current = 1").fetchone()[0])
    except (MarsadError, sqlite3.Error):
        return 0


def _bench_store(articles: int) -> Path:
    """A bench store of at least ``articles`` articles, made by the store suite's generator.

    ``make bench`` runs the store suite first, which leaves its largest store in
    ``bench/corpus/store.db``: used as it is when it is large enough. Otherwise the web suite
    builds its own copy, ``bench/corpus/web-<n>.db``, with the store suite's builder
    (``suites.store.child_build``: the project's annotated articles recombined by
    ``suites._recombine``, written through the store's writer), resuming a partial one.
    """
    from suites import store as store_suite

    shared = store_suite.CORPUS / "store.db"
    if _articles_in(shared) >= articles:
        return shared
    own = store_suite.CORPUS / f"web-{articles}.db"
    have = _articles_in(own)
    if have == 0:
        for stale in store_suite.CORPUS.glob(f"web-{articles}*"):
            stale.unlink()
    if have < articles:
        store_suite.CORPUS.mkdir(parents=True, exist_ok=True)
        store_suite.child_build(str(own), str(own.with_name(f"web-{articles}-peer.db")), have, articles)
    return own


def _percentiles(times: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2), "n": len(ordered)}


def _timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _queries(store: object, rng: random.Random) -> list[dict[str, str]]:
    """Search requests drawn from the corpus: single words, two-word phrases, filtered searches."""
    from marsad.text.tokens import tokenise

    ids = [r[0] for r in store.db.execute("SELECT id FROM articles WHERE current = 1 AND duplicate_of IS NULL ORDER BY random() LIMIT 60")]  # type: ignore[attr-defined]
    words: list[str] = []
    for article_id in ids:
        doc = store.document(article_id)  # type: ignore[attr-defined]
        tokens = [t.text for t in tokenise(doc.text) if t.norm[:1].isalpha() and len(t.norm) >= 4]
        if len(tokens) >= 2:
            at = rng.randrange(len(tokens) - 1)
            words.append(tokens[at])
            words.append(f"{tokens[at]} {tokens[at + 1]}")
    busiest = [e.id for e in store.entities(limit=20)]  # type: ignore[attr-defined]
    requests: list[dict[str, str]] = []
    for index, word in enumerate(words):
        request = {"q": word}
        if index % 4 == 1 and busiest:
            request["entity"] = str(rng.choice(busiest))
        elif index % 4 == 3:
            request["type"] = rng.choice(["CONSULT", "AGREE", "RETREAT", "REQUEST", "ASSAULT"])
        requests.append(request)
    return (requests * (SAMPLE // max(len(requests), 1) + 1))[:SAMPLE]


def run() -> dict[str, object]:
    return measure(_bench_store(ARTICLES))


def measure(db: Path) -> dict[str, object]:
    """Page load times (and their peers) on the store ``db``."""
    import tempfile

    import httpx

    db = db.resolve()
    from marsad.store import Store

    store = Store(db)
    rng = random.Random(SEED)
    articles = [r[0] for r in store.db.execute(
        "SELECT id FROM articles WHERE current = 1 AND duplicate_of IS NULL ORDER BY random() LIMIT ?", (SAMPLE,))]
    busiest = [e.id for e in store.entities(limit=SAMPLE // 4)]
    others = [r[0] for r in store.db.execute(
        "SELECT id FROM entities WHERE merged_into IS NULL AND articles > 0 ORDER BY random() LIMIT ?", (SAMPLE - len(busiest),))]
    entities = busiest + others
    searches = _queries(store, rng)

    port = _free_port()
    env = {**os.environ, "MARSAD_TOKEN": ""}
    log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the server's whole life, closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/v1/health")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        log.seek(0)
                        raise RuntimeError(f"marsad serve did not start for the web bench: {log.read()[-2000:].decode()}") from None
                    time.sleep(0.2)

            def page(path: str, params: dict[str, str] | None = None) -> Callable[[], object]:
                def get() -> object:
                    response = client.get(path, params=params, headers={"accept": "text/html"})
                    if response.status_code != 200:
                        raise RuntimeError(f"{path} {params}: HTTP {response.status_code}")
                    return response.content

                return get

            # Warm: the first request of each kind opens connections and loads the pipeline.
            for warm in (page(f"/article/{articles[0]}"), page(f"/entity/{entities[0]}"), page("/search", searches[0]), page("/")):
                warm()
            count = store.db.execute("SELECT count(*) FROM articles WHERE current = 1").fetchone()[0]
            figures: dict[str, object] = {"store": db.name, "store_articles": count, "sample": SAMPLE}
            pages = {
                "article": _timed([page(f"/article/{i}") for i in articles]),
                "entity": _timed([page(f"/entity/{i}") for i in entities]),
                "search": _timed([page("/search", q) for q in searches]),
                "home": _timed([page("/") for _ in range(20)]),
                "static_css": _timed([page("/static/marsad.css") for _ in range(SAMPLE)]),
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    from marsad.web.data import Data

    data = Data(db)

    def record_search(q: dict[str, str]) -> Callable[[], object]:
        return lambda: data.search(q["q"], entity=q.get("entity"), type=q.get("type"), date_from=None, date_to=None, limit=20, offset=0)

    peers = {
        "article": _timed([lambda i=i: data.article(str(i)) for i in articles]),
        "entity": _timed([lambda i=i: data.entity(str(i)) for i in entities]),
        "search": _timed([record_search(q) for q in searches]),
    }
    for name, times in pages.items():
        figures[f"{name}_page"] = _percentiles(times)
    for name, times in peers.items():
        figures[f"{name}_record"] = _percentiles(times)
        page_p50 = figures[f"{name}_page"]["p50_ms"]  # type: ignore[index]
        figures[f"{name}_overhead_p50"] = round(page_p50 / max(_percentiles(times)["p50_ms"], 0.001), 2)
    figures["entity_store_timeline"] = _percentiles(_timed([lambda i=i: store.timeline(entity_id=i, limit=200) for i in entities[:50]]))
    return figures
