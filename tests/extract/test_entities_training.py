"""Reading annotated corpora and scoring a tagger entity by entity (CoNLL-style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.extract.entities.corpus import Sentence, read_gold_articles, read_iob, repair_iob, spans
from marsad.extract.entities.features import MEMORY_TAGS, Features, memory_flags
from marsad.extract.entities.training import (
    Report,
    evaluate,
    is_counted,
    memory_without,
    name_memory,
    surface_counts,
    without,
)
from marsad.text.normalize import normalize

ANERCORP_STYLE = "فرانكفورت B-LOC\n( O\nد O\nب O\nا O\n) O\nأعلن O\nاتحاد B-ORG\nصناعة I-ORG\nالسيارات I-ORG\n. O\n\nوقال O\nبرند B-PERS\nغوتشالك I-PERS\n. O"
WOJOOD_STYLE = "قال O\nرئيس B-OCC\nحكومة I-OCC B-ORG\nلبنان I-OCC I-ORG B-GPE\n$#$ O\nفي O\nبيروت B-GPE\n"
AQMAR_STYLE = "ولد O\nابن B-PER\nخلدون I-PER\nفي O\nتونس B-LOC\n. O\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_corpus_reads_anercorp_sentences(tmp_path: Path) -> None:
    sentences = read_iob(_write(tmp_path, "anercorp.txt", ANERCORP_STYLE))
    assert len(sentences) == 2
    assert list(spans(sentences[0].tags)) == [("LOC", 0, 1), ("ORG", 7, 10)]
    assert sentences[1].words == ("وقال", "برند", "غوتشالك", ".")


def test_corpus_maps_types_and_takes_the_outer_layer(tmp_path: Path) -> None:
    wojood = read_iob(_write(tmp_path, "wojood.txt", WOJOOD_STYLE))
    assert [w for s in wojood for w in s.words if w == "$#$"] == []
    assert list(spans(wojood[0].tags)) == [("LOC", 5, 6)]  # OCC is not mapped; GPE is a place
    aqmar = read_iob(_write(tmp_path, "aqmar.txt", AQMAR_STYLE))
    assert list(spans(aqmar[0].tags)) == [("PERS", 1, 3), ("LOC", 4, 5)]


@pytest.mark.parametrize(
    ("tags", "fixed"),
    [
        (["I-PERS", "I-PERS", "O"], ("B-PERS", "I-PERS", "O")),
        (["B-LOC", "I-ORG"], ("B-LOC", "B-ORG")),
        (["O", "B-ORG", "I-ORG"], ("O", "B-ORG", "I-ORG")),
    ],
)
def test_corpus_repairs_iob1_starts(tags: list[str], fixed: tuple[str, ...]) -> None:
    assert repair_iob(tags) == fixed


def test_corpus_bad_line_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad\.txt.*line 2"):
        read_iob(_write(tmp_path, "bad.txt", "قال O\nبغداد\n"))


def test_corpus_reads_gold_articles_through_marsad_tokens(tmp_path: Path) -> None:
    text = "وصل الوزير إلى بغداد، والتقى الكاظمي.\n"
    _write(tmp_path, "pol-900.txt", text)
    start = text.index("بغداد")
    person = text.index("الكاظمي")
    (tmp_path / "pol-900.json").write_text(
        '{"id": "pol-900", "split": "dev", "entities": ['
        f'{{"id": "e1", "type": "LOC", "canonical": "بغداد", "latin": "Baghdad", "mentions": [{{"start": {start}, "end": {start + 5}, "text": "بغداد"}}]}},'
        f'{{"id": "e2", "type": "PERSON", "canonical": "الكاظمي", "latin": "al-Kadhimi", "mentions": [{{"start": {person}, "end": {person + 7}, "text": "الكاظمي"}}]}}]}}',
        encoding="utf-8",
    )
    (sentence,) = read_gold_articles(tmp_path)
    assert dict(zip(sentence.words, sentence.tags))["بغداد"] == "B-LOC"
    assert dict(zip(sentence.words, sentence.tags))["الكاظمي"] == "B-PERS"


def test_training_report_counts_exact_entities_only() -> None:
    gold = [Sentence(("أ", "ب", "ج", "د"), ("B-PERS", "I-PERS", "O", "B-LOC"))]
    predictions = {("أ", "ب", "ج", "د"): ["B-PERS", "O", "O", "B-LOC"]}  # PERS boundary wrong
    report = evaluate(lambda words: predictions[tuple(words)], gold)
    assert (report.types["LOC"].tp, report.types["PERS"].tp, report.types["PERS"].fp, report.types["PERS"].fn) == (1, 0, 1, 1)
    assert report.micro.precision == pytest.approx(0.5)
    assert report.as_dict()["micro"]["f1"] == pytest.approx(50.0)


def test_training_report_ignores_misc() -> None:
    report = Report()
    report.add(["B-MISC", "O"], ["O", "B-MISC"])
    assert report.micro.tp + report.micro.fp + report.micro.fn == 0


NEWS = [
    Sentence(("وقال", "جوزيه", "إن", "الأهلي", "جاهز", "."), ("O", "B-PERS", "O", "B-ORG", "O", "O")),
    Sentence(("وفاز", "الأهلي", "على", "الترسانة", "."), ("O", "B-ORG", "O", "B-ORG", "O")),
]


def test_training_name_memory_counts_stems_without_clitics() -> None:
    memory = name_memory(NEWS, Features(frequencies={}))
    assert memory[normalize("الأهلي")][MEMORY_TAGS.index("B-ORG")] == 2
    assert memory[normalize("قال")][MEMORY_TAGS.index("O")] == 1  # "وقال" is و + قال
    rest = memory_without(memory, name_memory(NEWS[1:], Features(frequencies={})))
    assert rest[normalize("الأهلي")][MEMORY_TAGS.index("B-ORG")] == 1
    assert normalize("الترسانة") not in rest  # seen only in the part taken out: unseen, as on new text


@pytest.mark.parametrize(
    ("counts", "expected", "absent"),
    [
        (None, {"M=unseen"}, {"M=PERS"}),
        ((0, 3, 0, 0, 0, 0, 0, 0, 0), {"Mr=hi", "Mn=2", "M=PERS", "MB=PERS"}, {"M=ORG"}),
        ((9, 0, 0, 0, 0, 0, 1, 0, 0), {"Mr=lo", "Mn=3"}, {"M=ORG"}),
        ((1, 0, 0, 0, 0, 0, 2, 0, 0), {"Mr=mid", "M=ORG", "MI=ORG"}, {"MB=ORG"}),
    ],
)
def test_features_memory_flags_say_how_often_a_word_was_a_name(counts: tuple[int, ...] | None, expected: set[str], absent: set[str]) -> None:
    flags = set(memory_flags(counts))
    assert expected <= flags and not (absent & flags)


def test_training_frequencies_without_a_part_and_counted_sources() -> None:
    counts = surface_counts(NEWS)
    assert counts[normalize("الأهلي")] == 2 and "." not in counts
    assert without({normalize("الأهلي"): 5, normalize("الترسانة"): 1}, counts) == {normalize("الأهلي"): 3}
    assert is_counted(NEWS, {w: 10 for w in counts})
    assert not is_counted(NEWS, {"الاهلي": 10})
