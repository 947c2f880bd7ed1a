"""English names of organisations named by description: every word listed, or no translation."""

from __future__ import annotations

import pytest

from marsad.extract.entities.english import english_name
from marsad.pipeline import Pipeline, new_document


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("الجيش العراقي", "Iraqi Army"),
        ("القوات الأمنية العراقية", "Iraqi Security Forces"),  # adjectives read last first
        ("اللجنة الفنية العسكرية العراقية", "Iraqi Military Technical Committee"),
        ("وزارة الخارجية الأردنية", "Jordanian Ministry of Foreign Affairs"),  # a genitive
        ("وزارة النقل", "Ministry of Transport"),
    ],
)
def test_english_name_of_a_descriptive_organisation(name: str, english: str) -> None:
    assert english_name(name) == english


@pytest.mark.parametrize("name", ["الحكومة", "بنك الكويت المركزي", "قيادة العمليات المشتركة", "حزب الله"])
def test_english_name_none_unless_every_word_is_listed(name: str) -> None:
    assert english_name(name) is None


def test_english_name_is_the_latin_form_of_the_entity() -> None:
    doc = Pipeline(["clean", "sentences", "tokens", "entities"])(new_document("وأعلن الجيش العراقي انتشار وحداته على الحدود."))
    [army] = [e for e in doc.entities if e.canonical == "الجيش العراقي"]
    assert army.latin == "Iraqi Army"
