"""`marsad analyze` end to end, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ARTICLE, ROOT

SCHEMA = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300)


def jsonl(result: subprocess.CompletedProcess[bytes]) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_analyze_jsonl_is_valid_against_schema(article_file: Path) -> None:
    result = run("analyze", str(article_file), "--format", "jsonl", "--published", "2024-03-14")
    assert result.returncode == 0, result.stderr
    (doc,) = jsonl(result)
    jsonschema.validate(doc, SCHEMA)
    assert doc["published"] == "2024-03-14"
    for sentence in doc["sentences"]:
        assert doc["text"][sentence["start"] : sentence["end"]].strip()
    assert [b["kind"] for b in doc["boilerplate"]] == ["related_links", "copyright"]


def test_analyze_reads_stdin_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("قال الوزير إن الاجتماع انتهى.", encoding="utf-8")
    (tmp_path / "a" / "two.jsonl").write_text(
        json.dumps({"text": "وصل الوفد إلى عمّان.", "title": "وصول", "published": "2023-01-02"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "a" / "ignored.pdf").write_bytes(b"%PDF")
    result = run("analyze", str(tmp_path / "a"), "-", "--format", "jsonl", stdin="خبر من المدخل القياسي.".encode())
    assert result.returncode == 0, result.stderr
    docs = jsonl(result)
    assert [d["text"] for d in docs] == ["قال الوزير إن الاجتماع انتهى.", "وصل الوفد إلى عمّان.", "خبر من المدخل القياسي."]
    assert docs[1]["title"] == "وصول" and docs[1]["published"] == "2023-01-02"


def test_analyze_json_format_and_output_file(article_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("analyze", str(article_file), "--format", "json", "--output", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["text"].startswith("أعلنت وزارة الخارجية")


def test_analyze_pretty_to_file_is_logical_order_without_ansi(article_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "pretty.txt"
    result = run("analyze", str(article_file), "--output", str(out))
    assert result.returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "أعلنت وزارة الخارجية الأردنية" in text  # logical order, never reversed
    assert "related_links" in text


def test_analyze_reads_html_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n\n")[:3])
    page.write_text(
        '<html><head><meta charset="utf-8"><title>زيارة</title>'
        '<meta property="article:published_time" content="2024-03-14T09:00:00Z"></head>'
        f"<body><nav>الرئيسية | سياسة | اقتصاد | رياضة</nav><article><h1>زيارة</h1>{body}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    result = run("analyze", str(page), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    (doc,) = jsonl(result)
    assert doc["published"] == "2024-03-14"
    assert doc["text"].startswith("أعلنت وزارة الخارجية") and "الرئيسية" not in doc["text"]


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6", "utf-16", "utf-8-sig"])
def test_analyze_decodes_arabic_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    # ISO-8859-6 has neither « » nor © nor the shadda: write what each encoding can hold.
    text = ARTICLE.replace("©", "").replace("عمّان", "عمان").replace("«", '"').replace("»", '"')
    path.write_bytes(text.encode(encoding))
    result = run("analyze", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert jsonl(result)[0]["text"].startswith("أعلنت وزارة الخارجية الأردنية، الأحد")


def test_analyze_bad_inputs_get_one_line_errors_and_others_complete(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("قال الوزير إن الاجتماع انتهى.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n ", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    huge = tmp_path / "huge.txt"
    huge.write_text("كلمة " * 4_200_000, encoding="utf-8")  # about 20 MB
    lines = tmp_path / "records.jsonl"
    lines.write_text('{"text": "خبر أول."}\nnot json\n{"title": "بلا نص"}\n{"text": "خبر ثان."}\n', encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run("analyze", str(empty), str(blank), str(binary), str(huge), str(good), str(lines), str(missing), "--format", "jsonl")
    assert result.returncode == 1
    errors = result.stderr.decode("utf-8").strip().splitlines()
    assert "Traceback" not in result.stderr.decode("utf-8")
    expected = [
        (empty, "no text"),
        (blank, "no text"),
        (binary, "binary data"),
        (huge, "too large for one article"),
        (f"{lines}:2", "not valid JSON"),
        (f"{lines}:3", '"text" string'),
        (missing, "no such file"),
    ]
    assert len(errors) == len(expected)
    for line, (source, problem) in zip(errors, expected):
        assert line.startswith(f"marsad: error: {source}:") and problem in line, line
    assert [d["text"] for d in jsonl(result)] == ["قال الوزير إن الاجتماع انتهى.", "خبر أول.", "خبر ثان."]


def test_analyze_invalid_published_is_a_usage_error(article_file: Path) -> None:
    result = run("analyze", str(article_file), "--published", "2021-02-30")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "marsad: error: --published: published date '2021-02-30' is not a date in YYYY-MM-DD form"


def test_analyze_unknown_option_is_usage_error(article_file: Path) -> None:
    assert run("analyze", str(article_file), "--colour").returncode == 2


def test_analyze_bad_configuration_is_a_usage_error(article_file: Path, tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('[pipeline]\ncomponents = ["clean", "nope"]\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "marsad", "analyze", str(article_file)],
        capture_output=True, cwd=ROOT, timeout=300, env={**os.environ, "MARSAD_CONFIG": str(config)},
    )
    assert result.returncode == 2
    [line] = result.stderr.decode().strip().splitlines()  # one line, no traceback
    assert line.startswith("marsad: error: Unknown component 'nope'")
