"""`marsad batch`: run as a user runs it, exit codes, and what happens without Ray."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.scale import read_documents, read_errors
from tests.conftest import ROOT

ARTICLES = (
    "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد مطلع الشهر المقبل.",
    "قالت مصادر أمنية إن انفجارا وقع قرب معبر طريبيل الحدودي دون أن يسفر عن إصابات.",
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def archive(path: Path, *extra: str) -> Path:
    lines = [json.dumps({"text": t, "published": "2023-03-14"}, ensure_ascii=False) for t in ARTICLES]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def test_batch_writes_parquet_and_resumes(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl")
    result = run("batch", str(source), "--output", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "2 documents, 0 errors" in result.stderr
    assert len(list(read_documents(str(tmp_path / "out")))) == 2
    again = run("batch", str(source), "--output", str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert again.returncode == 0 and "1 already finished" in again.stderr


def test_batch_exits_1_when_articles_failed(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl", '{"text": "قال الوزير', json.dumps({"text": "خبر", "published": "أمس"}, ensure_ascii=False))
    result = run("batch", str(source), "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "2 documents, 2 errors" in result.stderr
    assert [(e.stage, e.error) for e in read_errors(str(tmp_path / "out"))] == [("read", "InputError"), ("analyse", "InputError")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "missing.jsonl: no such file or folder"),
        (["in.jsonl", "--address", "auto"], "--address is for --engine ray"),
        (["in.jsonl", "--batch-size", "0"], "--batch-size must be at least 1"),
    ],
)
def test_batch_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    archive(tmp_path / "in.jsonl")
    given = [str(tmp_path / args[0]), *args[1:]]
    result = CliRunner().invoke(app, ["batch", *given, "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.output


def test_batch_without_ray_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    monkeypatch.delitem(sys.modules, "marsad.scale.ray", raising=False)
    result = CliRunner().invoke(app, ["batch", str(archive(tmp_path / "in.jsonl")), "--output", str(tmp_path / "out"), "--engine", "ray"])
    assert result.exit_code == 2
    assert "pip install 'marsad[ray]'" in result.output
    assert not (tmp_path / "out").exists()
