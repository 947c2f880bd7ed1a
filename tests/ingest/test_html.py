"""HTML pages: main text, furniture removed and kept, publication day from metadata."""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.ingest.html import declared_charset, extract_html, fragment_text, published_from_html

from .pages import PARAGRAPHS, RELATED, TITLE, article_page


def test_html_extracts_the_article_body_and_title() -> None:
    article = extract_html(article_page(), origin="page.html")
    assert article.title == TITLE
    assert article.text.split("\n\n") == list(PARAGRAPHS)
    assert article.content_type == "text/html"
    assert article.raw is not None and b"<nav>" in article.raw


@pytest.mark.parametrize("furniture", ["اشترك في نشرتنا", "جميع الحقوق", "فيسبوك", "الرئيسية", *RELATED])
def test_html_leaves_furniture_out(furniture: str) -> None:
    assert furniture not in extract_html(article_page(), origin="page.html").text


def test_html_inline_related_link_is_removed_and_kept() -> None:
    article = extract_html(article_page(related=False, inline_related=True), origin="page.html")
    assert RELATED[0] not in article.text
    kept = [b for b in article.boilerplate if RELATED[0] in b.text]
    assert kept and kept[0].kind == "related_links"
    # Kept blocks put back where they stood give the extracted text again.
    restored = article.text
    for block in sorted(article.boilerplate, key=lambda b: b.start):
        restored = restored[: block.start] + block.text + restored[block.start :]
    assert PARAGRAPHS[1] in restored and RELATED[0] in restored


@pytest.mark.parametrize(
    ("kwargs", "day"),
    [
        ({"published_meta": "2021-11-09T01:30:00+03:00"}, "2021-11-09"),  # the local day, not UTC's
        ({"published_meta": None, "json_ld": "2021-10-26T18:00:00Z"}, "2021-10-26"),
        ({"published_meta": None, "time_tag": "2021-07-26"}, "2021-07-26"),
        ({"published_meta": "Tue, 09 Nov 2021 10:20:00 +0300"}, "2021-11-09"),
    ],
)
def test_html_published_from_metadata(kwargs: dict[str, str | None], day: str) -> None:
    assert published_from_html(article_page(**kwargs)) == day  # type: ignore[arg-type]


def test_html_declared_charset_is_found_in_the_head() -> None:
    assert declared_charset(article_page(charset="windows-1256").encode("cp1256")) == "windows-1256"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


@pytest.mark.parametrize("html", ["<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>", "<html></html>"])
def test_html_without_article_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError, match="empty.html"):
        extract_html(html, origin="empty.html")


def test_html_fragment_text_keeps_paragraphs() -> None:
    fragment = f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}<br>سطر</p><script>x()</script>"
    assert fragment_text(fragment).split("\n\n") == [PARAGRAPHS[0], PARAGRAPHS[1], "سطر"]
