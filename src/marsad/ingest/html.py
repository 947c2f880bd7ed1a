"""Main text and metadata of an HTML news page.

Uses trafilatura, a maintained extractor built for exactly this, in precision mode (an analyst
prefers a missed paragraph to a menu read as news). Paragraphs come back separated by a blank
line, as in plain-text articles, and a first line repeating the headline is dropped (the
headline is kept in ``title``). What the extractor keeps of the page furniture (a "اقرأ أيضا"
list inside the article body, a share line) is removed with the same rules as plain text, told
which lines are links (:func:`marsad.clean.remove_furniture`), and kept in
``Article.boilerplate``.

The publication day comes from the page's metadata: ``article:published_time`` and similar
meta tags, JSON-LD ``datePublished``, then ``<time datetime>``; then a day the caller knows (a
feed entry's); trafilatura's own guess last, and never a bare year.
"""

from __future__ import annotations

import json
import re
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from marsad.clean import link_key, remove_furniture
from marsad.errors import InputError
from marsad.ingest.published import publication_day
from marsad.ingest.records import Article

_META_DATE_KEYS = frozenset(
    k.lower()
    for k in (
        "article:published_time", "datePublished", "og:published_time", "pubdate", "publishdate",
        "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
        "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    )
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_BLOCKS = frozenset(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section", "article", "ul", "ol", "figcaption"])


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first bytes (``<meta charset>``), if any."""
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _parse(html: str) -> Any:
    try:
        return lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return None


def _json_ld_dates(tree: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null"))
        except ValueError:
            continue
    return found


def published_from_html(html: str, tree: Any = None) -> str | None:
    """The publication day from page metadata: meta tags, JSON-LD, then ``<time datetime>``."""
    tree = tree if tree is not None else _parse(html)
    if tree is None:
        return None
    candidates: list[str] = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS:
            candidates.append(meta.get("content", ""))
    candidates += _json_ld_dates(tree)
    candidates += [t.get("datetime", "") for t in tree.xpath("//time[@datetime]")]
    for candidate in candidates:
        day = publication_day(candidate)
        if day:
            return day
    return None


def link_texts(tree: Any) -> list[str]:
    """The text of every link on the page: what tells a related-link title from a paragraph."""
    if tree is None:
        return []
    texts = []
    for anchor in tree.iter("a"):
        text = " ".join(anchor.text_content().split())
        if text:
            texts.append(text)
    return texts


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one block per paragraph."""
    if "<" not in fragment:
        return "\n\n".join(line.strip() for line in fragment.split("\n") if line.strip())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.ParserError):
        return fragment
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    return "\n\n".join(line for line in lines if line)


def _guessed_day(result: Any) -> str | None:
    """trafilatura's date guess, unless it is a bare year (a copyright line's "© 2021" comes
    back as 1 January: a wrong anchor is worse than none)."""
    day = publication_day(getattr(result, "date", None))
    return None if day is None or day.endswith("-01-01") else day


def extract_html(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    source: str | None = None,
    raw: bytes | None = None,
    published: str | None = None,
) -> Article:
    """The article in an HTML page, furniture removed and kept.

    Args:
        html: the decoded page.
        origin: where the page came from (path, URL, WARC record), for errors and provenance.
        url: the page's address, when known (else the page's canonical link, if it has one).
        source: the outlet; defaults to the site name in the page's metadata.
        raw: the page's bytes as received (default: ``html`` encoded as UTF-8).
        published: the day to use when the page's metadata has none (a feed entry's date),
            before trafilatura's guess from the page text.

    Raises:
        InputError: the page has no article text that the extractor can find.
    """
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError("no article text found in the HTML page", source=origin)
    title = getattr(result, "title", None) or None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    if not lines:
        raise InputError("the HTML page has a headline but no article text", source=origin)
    tree = _parse(html)
    links = link_texts(tree)
    known = {link_key(link) for link in links}
    if all(link_key(line) in known for line in lines):
        raise InputError("the HTML page holds only links (a section or home page?), no article text", source=origin)
    body, removed = remove_furniture("\n\n".join(lines), link_lines=links)
    if not body.strip():
        raise InputError("the HTML page holds only page furniture (links, share and sign-up lines), no article", source=origin)
    return Article(
        text=body,
        origin=origin,
        title=title,
        url=url or getattr(result, "url", None),
        published=published_from_html(html, tree) or published or _guessed_day(result),
        source=source or getattr(result, "sitename", None),
        raw=raw if raw is not None else html.encode("utf-8"),
        content_type="text/html",
        boilerplate=removed,
    )
