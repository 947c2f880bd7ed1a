"""Comparable forms of names, so one entity written many ways can be recognised across articles.

Outlets write one person as "رئيس الوزراء مصطفى الكاظمي", "مصطفى الكاظمي", "الكاظمي" and
"للكاظمي"; one place as "الولايات المتحدة" and "بالولايات المتحدة"; one adjective as "الأميركي"
and "الأمريكي". A :class:`Name` keeps the words that identify the entity, each folded the way
search keys are (normalised, article off, spelling variants folded — :func:`fold_variants`),
and for people without the titles and honorifics in front (``data/ar/entity_names.yaml``).

>>> name("رئيس الوزراء مصطفى الكاظمي", "PERSON").key
'مصطفي كاظمي'
>>> name("والكاظمي", "PERSON").key
'كاظمي'
>>> name("الولايات المتحدة الأميركية", "LOC").key == name("الولايات المتحدة الأمريكية", "LOC").key
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.resources import read_yaml
from marsad.text.normalize import normalize

ARTICLE = "ال"
_MIN_AFTER_ARTICLE = 3
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Variants:
    prefixes: tuple[tuple[str, str], ...]
    words: dict[str, str]


@lru_cache(maxsize=1)
def _variants() -> _Variants:
    data = read_yaml("data/ar/spelling_variants.yaml") or {}
    prefixes = sorted(((normalize(a), normalize(b)) for a, b in (data.get("prefixes") or {}).items()), key=lambda p: -len(p[0]))
    words = {normalize(a): normalize(b) for a, b in (data.get("words") or {}).items()}
    return _Variants(tuple(prefixes), words)


def strip_article(word: str) -> str:
    """``word`` (normalised) without a leading ال when at least three letters remain."""
    if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= _MIN_AFTER_ARTICLE:
        return word[len(ARTICLE) :]
    return word


@lru_cache(maxsize=65536)
def fold_variants(stem: str) -> str:
    """One spelling for words outlets spell differently (``stem`` normalised, without ال).

    >>> fold_variants("اميركيه")
    'امريكيه'
    """
    variants = _variants()
    if stem in variants.words:
        return variants.words[stem]
    for old, new in variants.prefixes:
        if stem.startswith(old):
            return new + stem[len(old) :]
    return stem


@dataclass(frozen=True)
class _NameData:
    honorifics: frozenset[str]  # honorifics and ranks, without ال
    roles: frozenset[str]  # heads of office titles, without ال
    title_links: frozenset[str]
    join_with_next: frozenset[str]


@lru_cache(maxsize=1)
def _name_data() -> _NameData:
    # Roles, ranks and honorifics are the entity component's knowledge (it finds titles in
    # text); read from its file rather than kept twice. Multi-word entries count by their first
    # word ("رئيس وزراء", "فريق أول"); the words after it run on as the title's complement.
    titles = read_yaml("data/ar/entities/titles.yaml")
    own = read_yaml("data/ar/entity_names.yaml")

    def first_words(entries: object) -> frozenset[str]:
        return frozenset(strip_article(normalize(str(e).split()[0])) for e in (entries or ()) if str(e).split())  # type: ignore[attr-defined]

    return _NameData(
        honorifics=first_words(titles.get("honorifics")) | first_words(titles.get("ranks")),
        roles=first_words(titles.get("roles")),
        title_links=frozenset(normalize(w) for w in own.get("title_links") or ()),
        join_with_next=frozenset(normalize(w) for w in own.get("join_with_next") or ()),
    )


def _strip_clitics(word: str) -> str:
    """A leading conjunction and preposition off a definite word: "وبالعراق" → "العراق".

    Only before ال, where the split is certain; "وليد" and "بلال" stay whole.
    """
    rest = word
    if rest[:1] in ("و", "ف") and len(rest) > 3:
        rest = rest[1:]
    if rest.startswith("لل") and len(rest) > 4:
        return "ا" + rest[1:]
    if rest[:1] in ("ب", "ل", "ك") and rest[1:].startswith(ARTICLE) and len(rest) > 4:
        return rest[1:]
    if rest.startswith(ARTICLE) and rest is not word:
        return rest
    return word


def _fold(word: str) -> str:
    return fold_variants(strip_article(word))


@dataclass(frozen=True)
class Name:
    """The identifying words of a name, folded, and the title found in front of it."""

    words: tuple[str, ...]
    title: str | None

    @property
    def key(self) -> str:
        return " ".join(self.words)

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def last(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def full(self) -> bool:
        """A given name and a family name (two words or more), not a lone surname."""
        return len(self.words) >= 2


def _title_length(words: list[str], data: _NameData) -> int:
    """How many leading words of a person's name are title, keeping at least one word.

    An honorific or rank, or a definite role ("الرئيس"), is a title; a bare role word only when
    a complement and a name follow it ("رئيس الوزراء الكاظمي"), since "أمين الجميل" is a name.
    """
    index = 0
    linked = False
    while index < len(words) - 1:
        word = words[index]
        bare = strip_article(word)
        if bare in data.honorifics or (bare in data.roles and (word != bare or len(words) - index >= 3 or index)):
            index += 1
        elif index and word.startswith(ARTICLE) and (strip_article(words[index - 1]) in data.roles or words[index - 1].startswith(ARTICLE) or linked):
            index += 1  # "رئيس الوزراء العراقي": definite words run on the title
        elif index and not linked and word in data.title_links and words[index + 1].startswith(ARTICLE):
            index += 1
            linked = True
        else:
            break
    return index


@lru_cache(maxsize=65536)
def name(text: str, type: str) -> Name:
    """The comparable form of an entity name of ``type`` (PERSON, ORG or LOC)."""
    raw = _WORD.findall(normalize(text))
    if raw:
        raw[0] = _strip_clitics(raw[0])
    data = _name_data()
    title = None
    if type == "PERSON":
        cut = _title_length(raw, data)
        if cut:
            title = " ".join(raw[:cut])
            raw = raw[cut:]
    joined: list[str] = []
    skip = False
    for index, word in enumerate(raw):
        if skip:
            skip = False
            continue
        if word in data.join_with_next and index + 1 < len(raw):
            joined.append(word + raw[index + 1])
            skip = True
        else:
            joined.append(word)
    return Name(tuple(_fold(word) for word in joined), title)


def title_key(title: str | None) -> str | None:
    """A title folded for comparison ("رئيس الوزراء العراقي" ~ "رئيس وزراء العراق")."""
    if not title:
        return None
    words = [_fold(w) for w in _WORD.findall(normalize(title))]
    return " ".join(words) or None
