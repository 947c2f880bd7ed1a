"""The forms of a word that entity matching compares: normalised stem, with and without ال.

A name is matched on its stem ("وبالعراق" → العراق), a title or head word on its bare stem
(article removed: "الرئيس" → رئيس). Where ل has swallowed the article's alef ("للعراق",
"للأمم") the stem the segmenter gives is "لعراق"; :func:`lexical` restores "العراق".
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from marsad.resources import read_text, read_yaml
from marsad.text.clitics import segment, word_frequencies
from marsad.text.normalize import normalize

ARTICLE: Final = normalize(str(read_yaml("data/ar/clitics.yaml")["article"]))
ALEF: Final = ARTICLE[:1]  # the article's first letter, dropped after ل ("للعراق")
_CLITICS: Final = read_yaml("data/ar/entities/heads.yaml")
AND: Final = normalize(str(_CLITICS["and_clitic"]))  # coordination inside names and lists
FUTURE: Final = normalize(str(read_yaml("data/ar/clitics.yaml")["future"]))  # only ever on verbs
OF: Final = normalize(str(_CLITICS["of_clitic"]))  # the preposition of a ل-phrase
_MIN_BARE: Final = 2
# A listed name is split from clitic letters before it only if it has this many letters.
_MIN_LISTED: Final = 3
_GAZETTEER: Final = "data/ar/entities/gazetteer.tsv"


@lru_cache(maxsize=1)
def _not_article() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_yaml("data/ar/entities/heads.yaml").get("article_exceptions", []))


@lru_cache(maxsize=65536)
def bare(norm: str) -> str:
    """A normalised word without the article (``"الرئيس"`` → ``"رئيس"``; "الله" stays whole)."""
    if norm.startswith(ARTICLE) and len(norm) - 2 >= _MIN_BARE and norm not in _not_article():
        return norm[2:]
    return norm


@lru_cache(maxsize=1)
def _clitic_runs() -> tuple[str, ...]:
    """The clitic letters a name can carry, longest runs first: a conjunction, a preposition,
    or both ("وب", "فل", "و", "ل")."""
    data = read_yaml("data/ar/clitics.yaml")
    conjunctions = [normalize(str(c)) for c in data["conjunctions"]]
    prepositions = [normalize(str(p)) for p in data["prepositions"]]
    return tuple([c + p for c in conjunctions for p in prepositions] + conjunctions + prepositions)


@lru_cache(maxsize=1)
def _listed_names() -> frozenset[str]:
    """First words of the gazetteer's places and bodies (normalised): the segmenter splits
    clitics by word frequency, and a name new to news text ("داعش", "قسد") has none."""
    names = set()
    for line in read_text(_GAZETTEER).splitlines():
        cols = line.split("\t")
        if len(cols) > 5 and cols[1] in ("LOC", "ORG") and cols[5] == "strong":
            names.add(normalize(cols[0].split()[0]))
    return frozenset(names)


def _listed_after_clitics(word: str) -> int:
    """Length of the clitics before a listed name in an unknown word ("لداعش", "وقسد"), or 0."""
    norm = normalize(word)
    if len(norm) != len(word) or word_frequencies().get(norm, 0) or norm in _listed_names():
        return 0
    for run in _clitic_runs():
        rest = norm[len(run) :]
        if norm.startswith(run) and len(rest) >= _MIN_LISTED and rest in _listed_names():
            return len(run)
    return 0


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
    if not prefixes and start == 0:
        split = _listed_after_clitics(word)
        if split:
            prefixes, start = normalize(word[:split]), split
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
