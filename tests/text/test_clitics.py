import pytest

from marsad.text.clitics import segment, stem_of


def parts(word: str) -> list[str]:
    return [word[s:e] for _, s, e in segment(word)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("بالعراق", ["ب", "العراق"]),
        ("وبالعراق", ["و", "ب", "العراق"]),
        ("وواشنطن", ["و", "واشنطن"]),
        ("وأردف", ["و", "أردف"]),
        ("وسيكتمل", ["و", "س", "يكتمل"]),
        ("سيتواجدون", ["س", "يتواجدون"]),
        ("للقوات", ["ل", "لقوات"]),
        ("عملياتهم", ["عمليات", "هم"]),
        ("التزامها", ["التزام", "ها"]),
        ("وَبِالعِرَاقِ", ["وَ", "بِ", "العِرَاقِ"]),
    ],
)
def test_clitics_split_attached_words(word: str, expected: list[str]) -> None:
    assert parts(word) == expected


@pytest.mark.parametrize("word", ["وزير", "كما", "بغداد", "بيروت", "لبنان", "مستمرة", "الأميركي", "فيما", "العراقي", "كتاب"])
def test_clitics_leave_whole_words_whole(word: str) -> None:
    assert parts(word) == [word]


def test_clitics_stem_of() -> None:
    assert stem_of("ولبغداد") == "بغداد"
