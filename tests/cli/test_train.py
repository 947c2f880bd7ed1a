"""`marsad train ner` and `marsad eval-ner` on small corpora made here (never the shared corpora)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()

TRAIN = [
    ("قال الرئيس عبد الفتاح السيسي إن مصر تدعم السودان .", "O O B-PERS I-PERS I-PERS O B-LOC O B-LOC O"),
    ("وصل وزير الخارجية أيمن الصفدي إلى بغداد أمس .", "O O O B-PERS I-PERS O B-LOC O O"),
    ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى اليمن .", "O B-ORG I-ORG O O O O B-LOC O"),
    ("التقى نجيب ميقاتي في بيروت وفدا من البنك الدولي .", "O B-PERS I-PERS O B-LOC O O B-ORG I-ORG O"),
]
TEST = [("وصل نجيب ميقاتي إلى بغداد .", "O B-PERS I-PERS O B-LOC O")]


def _corpus(path: Path, sentences: list[tuple[str, str]]) -> None:
    blocks = ["\n".join(f"{w} {t}" for w, t in zip(words.split(), tags.split())) for words, tags in sentences]
    path.write_text("\n\n".join(blocks), encoding="utf-8")


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "anercorp").mkdir(parents=True)
    _corpus(data / "anercorp" / "ANERCorp_CamelLab_train.txt", TRAIN * 3)
    _corpus(data / "anercorp" / "ANERCorp_CamelLab_test.txt", TEST)
    (data / "aqmar_zero_shot_split").mkdir()
    _corpus(data / "aqmar_zero_shot_split" / "ar.testb.iob2", [(w, t.replace("PERS", "PER")) for w, t in TEST])
    return data


def test_train_ner_writes_model_export_and_record(shared: Path, tmp_path: Path) -> None:
    output = tmp_path / "model" / "ner.crfsuite"
    result = runner.invoke(app, ["train", "ner", "--data", str(shared / "anercorp"), "--output", str(output), "--iterations", "20", "--no-neural"])
    assert result.exit_code == 0, result.output
    assert "ANERcorp test" in result.output and "micro" in result.output
    assert output.is_file() and output.with_suffix(".npz").is_file()
    record = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["sentences"] == len(TRAIN) * 3
    assert record["anercorp_test"]["micro"]["gold"] == 2
    assert record["command"].startswith("marsad train ner --data")


def test_train_ner_is_deterministic(shared: Path, tmp_path: Path) -> None:
    outputs = [tmp_path / f"m{i}.crfsuite" for i in range(2)]
    for output in outputs:
        result = runner.invoke(app, ["train", "ner", "--data", str(shared), "--output", str(output), "--iterations", "15", "--no-neural"])
        assert result.exit_code == 0, result.output
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


@pytest.mark.parametrize("name", ["NewsFANE_Gold_2014_170K.txt", "ANERCorp_CamelLab_test.txt", "wojood_sample"])
def test_train_ner_refuses_forbidden_extra_data(shared: Path, tmp_path: Path, name: str) -> None:
    extra = tmp_path / name
    if name.startswith("wojood"):
        extra.mkdir()
    else:
        _corpus(extra, TEST)
    result = runner.invoke(app, ["train", "ner", "--data", str(shared), "--extra", str(extra), "--output", str(tmp_path / "m.crfsuite"), "--no-neural"])
    assert result.exit_code != 0
    assert "not allowed as training data" in result.output


def test_eval_ner_scores_every_available_test_set(shared: Path, tmp_path: Path) -> None:
    model = tmp_path / "ner.crfsuite"
    assert runner.invoke(app, ["train", "ner", "--data", str(shared), "--output", str(model), "--iterations", "20", "--no-neural"]).exit_code == 0
    scores = tmp_path / "ner.json"
    result = runner.invoke(app, ["eval-ner", "--data", str(shared), "--model", str(model.with_suffix(".npz")), "-o", str(scores)])
    assert result.exit_code == 0, result.output
    found = json.loads(scores.read_text(encoding="utf-8"))
    assert {"anercorp_test", "anercorp_test_consistent", "anercorp_test_no_artifact", "aqmar_test"} <= set(found)
    assert "wojood_sample" not in found  # not in this folder
    for key in ("micro", "PERS", "LOC", "ORG"):
        assert {"precision", "recall", "f1"} <= set(found["anercorp_test"][key])


def test_eval_ner_without_shared_data_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval-ner", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "no anercorp/ folder" in result.output


def test_train_ner_without_torch_says_how_to_install_it(shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.cli.train.torch_available", lambda: False)
    result = runner.invoke(app, ["train", "ner", "--data", str(shared), "--output", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 2
    assert "pip install 'marsad[train]'" in result.output and "--no-neural" in result.output
    assert not (tmp_path / "m.crfsuite").exists()


def test_train_ner_trains_the_network_and_scores_both_models_together(shared: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    output = tmp_path / "ner-crf.crfsuite"
    result = runner.invoke(app, ["train", "ner", "--data", str(shared), "--output", str(output), "--iterations", "15", "--epochs", "2", "--neural-weight", "0.5"])
    assert result.exit_code == 0, result.output
    record = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert (tmp_path / "ner-nn.npz").is_file()
    assert record["neural"]["ensemble_weight"] == 0.5 and record["neural"]["settings"]["epochs"] == 2
    assert {"anercorp_test", "anercorp_test_with_network"} <= set(record)
    scores = tmp_path / "ner.json"
    evaluated = runner.invoke(app, ["eval-ner", "--data", str(shared), "--model", str(output.with_suffix(".npz")), "--neural", str(tmp_path / "ner-nn.npz"), "-o", str(scores)])
    assert evaluated.exit_code == 0, evaluated.output
    found = json.loads(scores.read_text(encoding="utf-8"))
    for key in ("anercorp_test", "anercorp_test_with_network"):
        assert found[key] == {**record[key], "description": found[key]["description"]}
    assert "aqmar_test_with_network" in found
