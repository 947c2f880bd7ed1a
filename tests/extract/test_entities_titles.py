"""Titles of persons: the fullest role or rank phrase, before the name or in apposition after it."""

from __future__ import annotations

import pytest

from marsad.pipeline import Pipeline, new_document

PIPELINE = Pipeline(["clean", "sentences", "tokens", "entities"])


def titles(text: str) -> dict[str, str | None]:
    doc = PIPELINE(new_document(text))
    return {e.canonical: e.title for e in doc.entities if e.type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        # before the name, with its complement
        ("واستقبل رئيس الحكومة العراقية مصطفى الكاظمي وفدا أمميا في بغداد.", "مصطفى الكاظمي", "رئيس الحكومة العراقية"),
        ("وانتقد الرئيس الأميركي السابق دونالد ترامب الاتفاق النووي مع إيران.", "دونالد ترامب", "الرئيس الأميركي السابق"),
        # separated by a comma, the comma left out
        ("وقال مستشار الأمن الوطني في لبنان، جورج شعبان، إن الاجتماع كان مثمرا.", "جورج شعبان", "مستشار الأمن الوطني في لبنان"),
        # a construct chain before a rank: the genitive is part of the title, never a name
        ("وترأس الوفد قائد قوات حرس الحدود في المنطقة الشمالية، اللواء سعد معن.", "سعد معن", "قائد قوات حرس الحدود في المنطقة الشمالية اللواء"),
        # an honorific, then a listed given name the segmenter could read as س + word, and a
        # family name that is also a common word ("العدوان"), closed by a comma
        ("وقال أمين عمّان، الدكتور سامر العدوان، إن الخط سيعمل غدا.", "سامر العدوان", "أمين عمّان الدكتور"),
        # a listed name the segmenter reads as the future prefix + a word, after a role phrase
        ("ورأى المحلل السياسي سامر الخطيب أن الحكومة تواجه تحديات.", "سامر الخطيب", "المحلل السياسي"),
        # a family name that is also a word of office ("الخطيب"), closed by the complementiser
        ("ورأى المحلل السياسي سامر الخطيب أن «الشارع لم يعد يعوّل على التعديلات».", "سامر الخطيب", "المحلل السياسي"),
        # the post one is named to, after the name
        ("وعين العاهل خالد الطراونة وزيرا للداخلية في الحكومة الجديدة.", "خالد الطراونة", "وزيرا للداخلية"),
        # "أمام" (before) folds onto "إمام" (imam) but is no title
        ("وأدى الوزراء اليمين أمام الملك عبدالله الثاني في عمّان.", "عبدالله الثاني", "الملك"),
        # a role phrase and a rank together
        ("وقال محافظ الجيزة اللواء مجدي عبد الفتاح إن الطريق أعيد فتحه.", "مجدي عبد الفتاح", "محافظ الجيزة اللواء"),
        # a construct chain of roles is one title
        ("وحضر معاون رئيس أركان الجيش العراقي الفريق عبد الأمير الشمري الاجتماع.", "عبد الأمير الشمري", "معاون رئيس أركان الجيش العراقي الفريق"),
        # apposition after the name
        ("وقال جوزيب بوريل، الممثل الأعلى للشؤون الخارجية في الاتحاد الأوروبي، إن الحل سياسي.", "جوزيب بوريل", "الممثل الأعلى للشؤون الخارجية في الاتحاد الأوروبي"),
    ],
)
def test_titles_attached_to_person(text: str, person: str, title: str) -> None:
    assert titles(text)[person] == title


def test_titles_stop_at_a_verb_of_saying() -> None:
    found = titles("وقال رئيس الوزراء إن وزير الخارجية فؤاد حسين سيزور طهران.")
    assert found["فؤاد حسين"] == "وزير الخارجية"


def test_titles_none_when_the_article_gives_none() -> None:
    assert titles("وكان نوري المالكي قد زار طهران مرارا.")["نوري المالكي"] is None


def test_titles_fullest_of_several_mentions() -> None:
    found = titles("وقال الوزير أيمن الصفدي إن الأردن يدعم الحل. وكان وزير الخارجية الأردني أيمن الصفدي قد زار دمشق.")
    assert found["أيمن الصفدي"] == "وزير الخارجية الأردني"
