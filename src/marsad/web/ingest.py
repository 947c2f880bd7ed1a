"""``POST /api/v1/articles``: one article in, analysed and written like ``marsad ingest`` does.

The article goes through the same steps as a record of a JSONL source in
:func:`marsad.store.ingest.ingest`: its identity (URL, given id, or content hash) and input hash
decide whether it is new, a new revision or already stored; the configured pipeline analyses
it; the store's single writer (:class:`marsad.store.write.Writer`) writes it in one transaction
with entity resolution, stories and the search index. While another process holds the writer
lock (a ``marsad ingest`` run), the API answers 503 and says so rather than waiting.
"""

from __future__ import annotations

from pathlib import Path

from marsad.errors import MarsadError, StoreError, WebError
from marsad.ingest.records import Article
from marsad.pipeline import default_pipeline
from marsad.store.write import Pending, Writer, article_key, input_hash
from marsad.web.models import ArticleIn
from marsad.web.views import Ingested


def ingest_one(db: Path, body: ArticleIn) -> Ingested:
    """Analyse and store ``body``; what the store did with it.

    Raises:
        InputError: the publication day is not a date (422).
        WebError: the store is being written by another process (503).
    """
    article = Article(
        text=body.text, origin=body.url or f"api:{body.id or 'article'}", title=body.title, url=body.url,
        published=body.published, source=body.source, id=body.id,
    )
    doc = default_pipeline()(article.document())
    hash_ = input_hash(article)
    key = article_key(article, hash_)
    try:
        with Writer(db) as writer:
            if writer.stored(key, hash_):
                outcome = "unchanged"
            else:
                outcome = writer.write([Pending(article=article, doc=doc, key=key, input_hash=hash_)])[0]
            row = writer.db.execute("SELECT id FROM articles WHERE key = ? AND current = 1", (key,)).fetchone()
    except StoreError as error:
        if "another marsad process" in error.message:
            raise WebError(503, f"the store is busy: {error.message}", headers={"Retry-After": "30"}) from error
        raise
    except MarsadError:
        raise
    article_id = str(row[0]) if row else None
    status = {"added": "stored", "revised": "stored", "duplicate": "duplicate", "unchanged": "unchanged"}.get(outcome, outcome)
    reason = {
        "duplicate": "the same text is already stored under another address; kept as a copy",
        "unchanged": "this exact article is already stored",
    }.get(outcome)
    return Ingested(ok=True, id=article_id, status=status if outcome != "revised" else "revised", reason=reason,
                    url=f"/article/{article_id}" if article_id else None)
