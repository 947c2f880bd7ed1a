"""The forms of a word that entity matching compares: normalised stem, with and without ال.

A name is matched on its stem ("وبالعراق" → العراق), a title or head word on its bare stem
(article removed: "الرئيس" → رئيس). Where ل has swallowed the article's alef ("للعراق",
"للأمم") the stem the segmenter gives is "لعراق"; :func:`lexical` restores "العراق".
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from marsad.resources import read_yaml
from marsad.text.clitics import segment, word_frequencies
from marsad.text.normalize import normalize

ARTICLE: Final = normalize(str(read_yaml("data/ar/clitics.yaml")["article"]))
ALEF: Final = ARTICLE[:1]  # the article's first letter, dropped after ل ("للعراق")
_CLITICS: Final = read_yaml("data/ar/entities/heads.yaml")
AND: Final = normalize(str(_CLITICS["and_clitic"]))  # coordination inside names and lists
FUTURE: Final = normalize(str(read_yaml("data/ar/clitics.yaml")["future"]))  # only ever on verbs
OF: Final = normalize(str(_CLITICS["of_clitic"]))  # the preposition of a ل-phrase
_MIN_BARE: Final = 2


@lru_cache(maxsize=1)
def _not_article() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_yaml("data/ar/entities/heads.yaml").get("article_exceptions", []))


@lru_cache(maxsize=65536)
def bare(norm: str) -> str:
    """A normalised word without the article (``"الرئيس"`` → ``"رئيس"``; "الله" stays whole)."""
    if norm.startswith(ARTICLE) and len(norm) - 2 >= _MIN_BARE and norm not in _not_article():
        return norm[2:]
    return norm


@lru_cache(maxsize=131072)
def analyse_word(word: str) -> tuple[str, str, int, int]:
    """``(prefixes, lexical form, name start, name end)`` of a word as written.

    ``prefixes`` are the normalised clitic letters before the stem ("وب"); the lexical form is
    the normalised stem, with the article restored after لل. The offsets index ``word`` and
    give what a mention of a name in this word covers: the stem, or after لل the ل too (the
    mention of "وللعراق" is "للعراق", following the annotation rules).
    """
    parts = segment(word)
    prefixes = ""
    start, end = 0, len(word)
    last_prefix_start = 0
    for role, s, e in parts:
        if role == "prefix":
            prefixes += normalize(word[s:e])
            last_prefix_start = s
        elif role == "stem":
            start, end = s, e
    stem = normalize(word[start:end])
    if prefixes.endswith(OF) and stem.startswith(ARTICLE[1:]) and not stem.startswith(ARTICLE) and len(stem) >= 3:
        # للعراق: the ل clitic and the article's lam share a letter; the alef was dropped. But
        # للجان is ل + لجان: restore the article only when that makes the commoner word.
        frequencies = word_frequencies()
        if frequencies.get(ALEF + stem, 0) >= frequencies.get(stem, 0):
            stem = ALEF + stem
            start = last_prefix_start
    return prefixes, stem, start, end


def lexical(word: str) -> str:
    """The normalised stem of ``word`` with the article restored after لل."""
    return analyse_word(word)[1]
