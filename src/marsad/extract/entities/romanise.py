"""Readable Latin forms of Arabic names: "يحيى رسول" → "Yahya Rasul", "بغداد" → "Baghdad".

Well-known forms come first (latin.yaml: people and name parts; the gazetteer: English names
of places and organisations); other words are romanised letter by letter from
romanisation.yaml, guessing the unwritten short vowels: a vowel goes between two written
consonants, و and ي are vowels between consonants and consonants next to a vowel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.entities.forms import ARTICLE
from marsad.extract.entities.lexicon import lexicon
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_SEPARATORS = re.compile(r"[\s_]+")
_DOUBLE_VOWEL = re.compile(r"([aiu])\1+")
_LONGEST_PART = 4  # words in the longest listed name looked up inside a longer one


@dataclass(frozen=True)
class _Table:
    consonants: dict[str, str]
    vowels: dict[str, str]
    semivowels: dict[str, str]
    endings: dict[str, str]
    short_vowel: str
    construct_endings: dict[str, str]
    article: str
    drop_article_after: frozenset[str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = read_yaml("data/ar/entities/romanisation.yaml")
    return _Table(
        consonants={k: str(v or "") for k, v in data["consonants"].items()},
        vowels={k: str(v) for k, v in data["vowels"].items()},
        semivowels={k: str(v) for k, v in data["semivowels"].items()},
        endings={k: str(v) for k, v in data["endings"].items()},
        short_vowel=str(data["short_vowel"]),
        construct_endings={k: str(v) for k, v in (data.get("construct_endings") or {}).items()},
        article=str(data["article"]),
        drop_article_after=frozenset(normalize(w) for w in data["drop_article_after"]),
    )


def _letters(word: str, table: _Table, construct: bool = False) -> str:
    """Letter-by-letter romanisation of one word without its article.

    A short vowel is guessed between two written consonants when the first of them opens a
    syllable (it does not follow a vowel: "رسول" → Rasul, "تحسين" → Tahsin) and before a
    word's last letter ("قاسم" → Qasim's "Qasam", "أيمن" → Ayman).
    """
    out: list[tuple[str, str]] = []  # (kind, latin): "c" consonant, "v" vowel
    last = len(word) - 1
    for i, char in enumerate(word):
        before = out[-1][0] if out else None
        if i == last and char in table.endings:
            out.append(("v", table.endings[char]))
            if construct and char in table.construct_endings:
                out.append(("c", table.construct_endings[char]))  # "وزارة النقل" → Wazarat
        elif char in table.semivowels:
            after = word[i + 1] if i < last else ""
            after_is_vowel = (after in table.vowels and after not in table.semivowels) or (
                i + 1 == last and (after in table.endings or after in table.semivowels)
            )  # "الموسوي" → al-Musawi: و before a final ي is a consonant
            if i == last - 1 and before == "c" and char in table.vowels and word[last] in table.endings and word[last] not in table.semivowels:
                out.append(("v", table.vowels[char]))  # "العسكرية" → al-Askariya: the nisba ending
                out.append(("c", table.semivowels[char]))
            elif before is None or before == "v" or after_is_vowel:
                out.append(("c", table.semivowels[char]))
            else:
                out.append(("v", table.vowels[char]))
        elif char in table.vowels:
            out.append(("v", table.vowels[char]))
        elif char in table.consonants:
            out.append(("c", table.consonants[char] or "'"))
        elif char.isalpha() and char.isascii():
            out.append(("c", char))
    text: list[str] = []
    vowel_before = False  # whether the consonant being written follows a vowel
    for i, (kind, latin) in enumerate(out):
        text.append(latin)
        if kind == "v":
            vowel_before = True
            continue
        following = out[i + 1] if i + 1 < len(out) else None
        if following is not None and following[0] == "c" and (not vowel_before or i + 1 == len(out) - 1):
            text.append(table.short_vowel)
            vowel_before = True
        else:
            vowel_before = False
    # ayn and hamza are silent but keep two vowels apart ("سعد" → Saad)
    return _DOUBLE_VOWEL.sub(r"\1", "".join(text)).replace("'", "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def romanise_word(word: str, *, after: str | None = None, construct: bool = False) -> str:
    """One word as a reader of English news would spell it; ``construct``: an indefinite
    word followed by its genitive ("وزارة" in "وزارة النقل": Wazarat)."""
    lex, table = lexicon(), _table()
    norm = normalize(word)
    if norm in lex.latin_words:
        return lex.latin_words[norm]
    places = [p for p in lex.places((norm,)) if p.latin and p.strong]
    if places:
        return places[0].latin
    plain = _MARKS.sub("", word)
    article = ""
    if norm.startswith(ARTICLE) and len(norm) > 3:
        rest_norm = norm[2:]
        plain = plain[2:]
        if rest_norm in lex.latin_words:
            return (table.article if after not in table.drop_article_after else "") + lex.latin_words[rest_norm]
        article = "" if after in table.drop_article_after else table.article
    core = _letters(plain, table, construct and not article)
    return article + _capital(core) if core else article.rstrip("-")


@lru_cache(maxsize=65536)
def romanise(name: str, *, person: bool = False) -> str:
    """A readable Latin form of a whole name: exceptions first, then word by word.

    ``person``: the name of a person, whose words are never in construct ("هالة الزعبي" is
    Hala al-Zabi, where "وزارة النقل" is Wazarat al-Naqal).
    """
    lex = lexicon()
    clean = " ".join(_SEPARATORS.split(_MARKS.sub("", name).strip()))
    key = normalize(clean)
    if key in lex.latin_names:
        return lex.latin_names[key]
    places = [p for p in lex.places(tuple(key.split())) if p.latin]
    if places:
        return places[0].latin
    words = clean.split()
    keys = [normalize(w) for w in words]
    parts = []
    previous: str | None = None
    i = 0
    while i < len(words):
        # the longest listed part first: "عين الأسد" → Ain al-Asad, "عبد الله" → Abdullah
        for length in range(min(_LONGEST_PART, len(words) - i), 1, -1):
            span = tuple(keys[i : i + length])
            known = lex.latin_words.get(" ".join(span)) or next((p.latin for p in lex.places(span) if p.latin and p.strong), None)
            if known:
                parts.append(known)
                previous = " ".join(span)
                i += length
                break
        else:
            parts.append(romanise_word(words[i], after=previous, construct=not person and i + 1 < len(words)))
            previous = keys[i]
            i += 1
    latin = " ".join(p for p in parts if p)
    return _capital(latin) if latin else name
