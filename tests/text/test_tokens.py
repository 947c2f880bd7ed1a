import pytest
from hypothesis import given

from marsad.text.tokens import is_word, stem, tokenise
from tests.text.strategies import any_text


@given(any_text)
def test_tokens_every_span_is_its_text(text: str) -> None:
    previous = 0
    for token in tokenise(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous
        previous = token.end
        for segment in token.segments:
            assert text[segment.start : segment.end] == segment.text
            assert token.start <= segment.start < segment.end <= token.end
        if token.segments:
            assert token.segments[0].start == token.start and token.segments[-1].end == token.end
            assert all(a.end == b.start for a, b in zip(token.segments, token.segments[1:]))


@given(any_text)
def test_tokens_cover_all_non_space_characters(text: str) -> None:
    covered = set()
    for token in tokenise(text):
        covered.update(range(token.start, token.end))
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اللواء يحيى_رسول", ["اللواء", "يحيى", "_", "رسول"]),
        ("نما بنسبة 2.5٪ و١٢٬٥٠٠ وحدة", ["نما", "بنسبة", "2.5", "٪", "و", "١٢٬٥٠٠", "وحدة"]),
        ("مع “ترامب”.", ["مع", "“", "ترامب", "”", "."]),
        ("كوفيد-19", ["كوفيد", "-", "19"]),
        ("راجع https://example.org/a/b.html.", ["راجع", "https://example.org/a/b.html", "."]),
        ("عقد بواقع 4 جولات..", ["عقد", "بواقع", "4", "جولات", ".."]),
        ("الـعـراق", ["الـعـراق"]),
    ],
)
def test_tokens_split_news_text(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenise(text)] == expected


def test_tokens_bil_iraq_is_b_plus_al_iraq_with_offsets() -> None:
    text = "مستشار الأمن القومي بالعراق، قاسم الأعرجي"
    (token,) = [t for t in tokenise(text) if t.text == "بالعراق"]
    assert [(s.role, s.text) for s in token.segments] == [("prefix", "ب"), ("stem", "العراق")]
    assert text[token.segments[1].start : token.segments[1].end] == "العراق"
    assert stem(token).text == "العراق"


def test_tokens_norm_is_matching_form() -> None:
    (token,) = tokenise("الأميرْكيّة")
    assert token.norm == "الاميركيه" and is_word(token)
    assert not is_word(tokenise("2021")[0])
