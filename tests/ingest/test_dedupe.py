"""Exact and near duplicates: wire copies found, different stories kept apart."""

from __future__ import annotations

import pytest

from marsad.ingest.dedupe import (
    NearDuplicateIndex,
    content_hash,
    group,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)

from .pages import PARAGRAPHS

STORY = "\n\n".join(PARAGRAPHS)
OTHER = (
    "أقر مجلس الوزراء اللبناني، الاثنين، خطة للتعافي المالي تتضمن إعادة هيكلة المصارف وتوحيد سعر الصرف، "
    "وسط اعتراضات من جمعية المصارف التي وصفت الخطة بأنها تحمل المودعين الخسائر. وقال وزير المالية إن الحكومة "
    "ستعرض الخطة على البرلمان خلال أسبوعين، مؤكدا أن صندوق النقد الدولي اشترط إقرار قانون السرية المصرفية أولا."
)


@pytest.mark.parametrize(
    "copy",
    [
        STORY.replace("الأسد", "الأسَد"),  # diacritics
        "  " + STORY.replace("\n\n", "\n") + " ",  # spacing
        STORY.replace("،", ",").replace("«", '"').replace("»", '"'),  # punctuation
        STORY.replace("2014", "٢٠١٤"),  # digits
    ],
)
def test_dedupe_content_hash_ignores_form(copy: str) -> None:
    assert content_hash(copy) == content_hash(STORY)


def test_dedupe_content_hash_sees_a_changed_word() -> None:
    assert content_hash(STORY.replace("الثلاثاء", "الأربعاء")) != content_hash(STORY)


@pytest.mark.parametrize(
    "copy",
    [
        "بغداد (وكالات) - " + STORY,  # an agency dateline
        "\n\n".join(PARAGRAPHS[:3]) + "\n\nتابعونا على تويتر",  # a paragraph cut, furniture added
        STORY.replace("الثلاثاء", "أمس").replace("العميد سالم الجبوري", "الجبوري"),  # an outlet's edits
    ],
)
def test_dedupe_finds_wire_copies(copy: str) -> None:
    index = NearDuplicateIndex()
    index.add("original", STORY)
    assert [key for key, _ in index.add("copy", copy)] == ["original"]


def test_dedupe_keeps_different_stories_apart() -> None:
    index = NearDuplicateIndex()
    index.add("iraq", STORY)
    assert index.add("lebanon", OTHER) == []
    assert similarity(signature(STORY), signature(OTHER)) < 0.1


def test_dedupe_signature_survives_storage() -> None:
    sig = signature(STORY)
    assert similarity(sig, signature_from_bytes(signature_bytes(sig))) == 1.0
    assert len(signature_bytes(sig)) == 128 * 4


def test_dedupe_group_clusters_transitively() -> None:
    copy = "بغداد (وكالات) - " + STORY
    copy_of_copy = copy.replace("الثلاثاء", "أمس")
    assert group([("a", STORY), ("b", OTHER), ("c", copy), ("d", copy_of_copy)]) == [["a", "c", "d"], ["b"]]
