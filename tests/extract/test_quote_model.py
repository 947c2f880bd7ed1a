"""Quotations in marks that no reporting cue introduces, and the shipped quote models."""

from __future__ import annotations

import pytest

from marsad.extract.quote_model import region_features, shipped_quote_models
from marsad.extract.quotes import _Finder, find_quotes
from tests.extract.docs_by_hand import make_doc

LAMMY = ("PERSON", "ديفيد لامي", "وزير الخارجية البريطاني", ["ديفيد لامي"])
SALEM = ("PERSON", "أحمد سالم", "رئيس المجلس", ["أحمد سالم"])
FATIMA = ("PERSON", "فاطمة أيت علي", None, ["فاطمة أيت علي"])


@pytest.mark.parametrize(
    ("text", "entities", "cue", "words"),
    [
        # a verb that is no reporting cue: "وصف … بأنه «…»"
        (
            "ووصف وزير الخارجية البريطاني، ديفيد لامي، الفيتو الروسي بأنه «عار على المجلس كله».",
            [LAMMY],
            "ووصف",
            "عار على المجلس كله",
        ),
        # congratulating on words in marks
        (
            "وهنأ رئيس المجلس، أحمد سالم، الجيش على «النصر التاريخي في المعركة الأخيرة».",
            [SALEM],
            "وهنأ",
            "النصر التاريخي في المعركة الأخيرة",
        ),
    ],
)
def test_quote_model_attributes_quotations_after_verbs_that_are_no_cue(
    text: str,
    entities: list,
    cue: str,
    words: str,  # type: ignore[type-arg]
) -> None:
    [quote] = find_quotes(make_doc(text, entities))
    assert (quote.text, quote.speaker, quote.cue, quote.direct) == (words, "e1", cue, True)


def test_quote_model_finds_what_the_cue_rules_miss() -> None:
    doc = make_doc(
        "وهنأ رئيس المجلس، أحمد سالم، الجيش على «النصر التاريخي في المعركة الأخيرة».", [SALEM]
    )
    assert find_quotes(doc, learnt=False) == []
    assert [q.speaker for q in find_quotes(doc)] == ["e1"]


def test_quote_model_keeps_the_chain_of_a_speaker() -> None:
    doc = make_doc(
        "وقالت فاطمة أيت علي إن «الدفعات توقفت منذ شهرين»، مضيفة: «لم نر أحدا من اللجنة المحلية».",
        [FATIMA],
    )
    assert [(q.speaker, q.direct) for q in find_quotes(doc)] == [("e1", True), ("e1", True)]


@pytest.mark.parametrize(
    "text",
    [
        "وتعرض المتحف لوحات من مجموعة «روائع الفن الإسلامي القديم» حتى نهاية الشهر.",  # a title
        "وقال الوزير لـ«الشرق الأوسط» إن المفاوضات مستمرة.",  # the outlet spoken to
    ],
)
def test_quote_model_leaves_titles_and_outlets(text: str) -> None:
    assert all(
        not q.direct
        for q in find_quotes(make_doc(text, [("ORG", "الشرق الأوسط", None, ["الشرق الأوسط"])]))
    )


def test_quote_model_region_features_read_the_marks_and_their_neighbours() -> None:
    doc = make_doc("ودعت الوزارة المواطنين إلى التسجيل عبر تطبيق «بلاغ تجاري» الجديد.")
    finder = _Finder(doc)
    finder.run()
    [region] = finder.regions
    features = region_features(finder, region)
    assert "words=2" in features and "p1=تطبيق" in features and "n1=الجديد" in features


def test_quote_model_shipped_models_load() -> None:
    models = shipped_quote_models()
    assert models.region.labels == ("no", "quote") and models.speaker.labels == ("score",)
    assert models.region.header["command"].startswith("marsad train quotes")
