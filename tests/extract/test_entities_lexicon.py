"""The entity lexicon: data files load, forms are normalised, lists hold what the rules need."""

from __future__ import annotations

import pytest

from marsad.extract.entities.forms import analyse_word, bare
from marsad.extract.entities.lexicon import lexicon, nisba_forms
from marsad.text.normalize import normalize


@pytest.mark.parametrize(
    ("word", "prefixes", "lexical", "mention"),
    [
        ("بالعراق", "ب", "العراق", "العراق"),
        ("وواشنطن", "و", "واشنطن", "واشنطن"),
        ("للعراق", "ل", "العراق", "للعراق"),  # ل swallowed the article's alef: the mention keeps it
        ("لبغداد", "ل", "بغداد", "بغداد"),
        ("بغداد", "", "بغداد", "بغداد"),
    ],
)
def test_lexicon_word_forms(word: str, prefixes: str, lexical: str, mention: str) -> None:
    found_prefixes, found_lexical, start, end = analyse_word(word)
    assert (found_prefixes, found_lexical, word[start:end]) == (prefixes, normalize(lexical), mention)


@pytest.mark.parametrize(("word", "expected"), [("الرئيس", "رءيس"), ("الله", "الله"), ("رئيس", "رءيس")])
def test_lexicon_bare_drops_the_article_only(word: str, expected: str) -> None:
    assert bare(normalize(word)) == expected


def test_lexicon_nisba_forms_cover_feminine_and_plural() -> None:
    forms = nisba_forms("أميركي")
    assert {"اميركي", "اميركيه", "اميركيون", "اميركيين"} <= set(forms)
    lex = lexicon()
    assert lex.nisba["عراقيه"] == "العراق"
    assert lex.nisba["اميركي"] == "الولايات المتحدة"


def test_lexicon_titles_ranks_and_heads_are_bare_words() -> None:
    lex = lexicon()
    assert {"رءيس", "وزير", "ناطق"} <= lex.roles
    assert {"لواء", "عميد", "فريق"} <= lex.ranks
    assert {"وزاره", "قياده", "هيءه"} <= lex.org_heads
    assert not any(w.startswith("ال") and w not in ("الله",) for w in lex.roles | lex.ranks | lex.org_heads)


def test_lexicon_gazetteer_has_places_organisations_and_names() -> None:
    lex = lexicon()
    (baghdad,) = [p for p in lex.places(("بغداد",)) if p.type == "LOC"]
    assert baghdad.latin == "Baghdad" and baghdad.strong
    (coalition,) = lex.places(("التحالف", "الدولي"))
    assert coalition.type == "ORG"
    assert lex.places(("الناتو",))[0].canonical == "حلف شمال الأطلسي"  # alias → one referent
    assert "محمد" in lex.given
    assert not any(p.strong for p in lex.places(("الصعيد",)))  # "على الصعيد": a common word first
