"""Local files and folders of every kind, and one error per bad input without stopping the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.errors import DecodeError, InputError
from marsad.ingest.files import expand, read_path, read_paths, suffix_of
from marsad.ingest.records import Article

from .pages import PARAGRAPHS, article_page, feed, full_text_html
from .test_warc import write_warc

TEXT = "\n\n".join(PARAGRAPHS)


def articles(results: list[Article | InputError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_bytes(TEXT.encode("cp1256"))
    (tmp_path / "b.html").write_bytes(article_page(charset="windows-1256").encode("cp1256"))
    records = [
        {"text": PARAGRAPHS[0], "title": "عنوان", "url": "https://rafidain.example/j/1", "published": "2021-11-10T09:00:00+03:00"},
        {"text": PARAGRAPHS[1], "id": "wire-42"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"title": "بلا نص"}, ensure_ascii=False))
    lines.append(json.dumps({"text": PARAGRAPHS[2], "published": "الأسبوع الماضي"}, ensure_ascii=False))
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sub = tmp_path / "feeds"
    sub.mkdir()
    (sub / "d.rss").write_text(feed([{"title": "خبر", "link": "https://rafidain.example/f/1", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300",
                                      "content": full_text_html()}]), encoding="utf-8")
    write_warc(sub / "e.warc.gz", gzip=True)
    (tmp_path / "notes.md").write_text("ليست مقالة", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    return tmp_path


def test_files_folder_yields_every_kind(folder: Path) -> None:
    results = list(read_paths([str(folder)]))
    found = articles(results)
    by_origin = {Path(a.origin.split("#")[0].split(":")[0]).name: a for a in found}
    assert set(by_origin) == {"a.txt", "b.html", "c.jsonl", "d.rss", "e.warc.gz"}
    assert by_origin["a.txt"].text == TEXT  # windows-1256 detected
    assert by_origin["b.html"].text.split("\n\n") == list(PARAGRAPHS)
    assert by_origin["d.rss"].published == "2021-11-09"
    jsonl = [a for a in found if a.origin.startswith(str(folder / "c.jsonl"))]
    assert [(a.url, a.published, a.id) for a in jsonl] == [("https://rafidain.example/j/1", "2021-11-10", None), (None, None, "wire-42")]
    reasons = sorted(e.message for e in errors(results))
    assert any(r.startswith(f"{folder / 'c.jsonl'}:2: not valid JSON") for r in reasons)
    assert any(r.startswith(f"{folder / 'c.jsonl'}:4: a JSONL record must be an object") for r in reasons)
    assert any(r.startswith(f"{folder / 'c.jsonl'}:5: published") for r in reasons)


def test_files_expand_skips_hidden_and_unsupported(folder: Path) -> None:
    paths = [Path(p) for p in expand([str(folder)])]
    names = [p.name for p in paths]
    assert ".hidden.txt" not in names and "notes.md" not in names
    assert paths == sorted(paths)  # the same order on every run


@pytest.mark.parametrize(("name", "suffix"), [("x.warc.gz", ".warc.gz"), ("X.HTML", ".html"), ("feed.atom", ".atom"), ("noext", "")])
def test_files_suffix_of(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix


@pytest.mark.parametrize(
    ("content", "error", "reason"),
    [
        (b"", InputError, "no text"),
        (b"   \n\n  ", InputError, "no text"),
        (b"\x00\x01PK\x03\x04" * 100, DecodeError, "binary data"),
    ],
)
def test_files_bad_file_is_one_error_naming_it(tmp_path: Path, content: bytes, error: type, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [result] = list(read_paths([str(path)]))
    assert isinstance(result, error) and reason in result.message and str(path) in result.message


def test_files_missing_and_oversized(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PARAGRAPHS[0] * 50, encoding="utf-8")
    results = list(read_paths([str(tmp_path / "missing.txt"), str(big)], max_bytes=1000))
    assert [type(r) for r in results] == [InputError, InputError]
    assert "no such file" in results[0].message and "too large" in results[1].message


def test_files_feed_without_full_text_explains_itself(tmp_path: Path) -> None:
    path = tmp_path / "teasers.xml"
    path.write_text(feed([{"title": "خبر", "link": "https://rafidain.example/f/2", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300",
                           "description": "ملخص من سطر واحد."}]), encoding="utf-8")
    [result] = list(read_paths([str(path)]))
    assert isinstance(result, InputError) and "summary" in result.message and "marsad ingest" in result.message


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("مصر والسودان تتفقان على مضاعفة قدرة الربط الكهربائي\n\nاتفقت مصر والسودان أمس على رفع القدرة.", "مصر والسودان تتفقان على مضاعفة قدرة الربط الكهربائي"),
        ("  عنوان قصير للخبر هنا  \r\n\r\nوالنص يأتي بعده.", "عنوان قصير للخبر هنا"),
        ("وقال الوزير إن الأمر انتهى.\n\nوأضاف أن العمل مستمر.", None),  # a sentence, not a headline
        ("أعلنت الوزارة اليوم خطة جديدة\nتشمل المدن كلها.", None),  # the next line follows: a paragraph
        ("شارك الخبر: فيسبوك | إكس\n\nأعلنت الوزارة خطة جديدة.", None),  # page furniture
        ("خبر عاجل", None),  # one line only
    ],
)
def test_files_plain_text_headline_is_the_title(tmp_path: Path, text: str, title: str | None) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.title == title
    assert title is None or article.text.lstrip().startswith(title)  # the headline stays in the text
