"""English names of organisations named by description, not by a proper name.

"الجيش العراقي" is the Iraqi Army, "وزارة الخارجية الأردنية" the Jordanian Ministry of Foreign
Affairs: a reader of the Latin column wants the name an English-language wire would print, and a
letter-by-letter romanisation ("Al-Jish al-Araqi") helps nobody. A name is translated only when
every word of it is in ``data/ar/entities/english.yaml`` (a head, an optional definite genitive,
then adjectives); anything else is left to :mod:`marsad.extract.entities.romanise`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.entities.forms import ARTICLE, bare
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

_FEMININE = "ه"  # ta marbuta, as normalised


@dataclass(frozen=True)
class _Table:
    heads: dict[str, str]
    genitives: dict[str, str]
    adjectives: dict[str, str]


def _keys(entries: dict[str, str], feminine: bool = False) -> dict[str, str]:
    table: dict[str, str] = {}
    for arabic, english in entries.items():
        key = bare(normalize(arabic))
        table[key] = str(english)
        if feminine and not key.endswith(_FEMININE):
            table.setdefault(key + _FEMININE, str(english))  # عراقي → عراقيه
    return table


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = read_yaml("data/ar/entities/english.yaml")
    adjectives = _keys(data["adjectives"], feminine=True)
    adjectives.update(_keys(data["demonyms"], feminine=True))
    return _Table(heads=_keys(data["heads"]), genitives=_keys(data["genitives"]), adjectives=adjectives)


@lru_cache(maxsize=65536)
def english_name(name: str) -> str | None:
    """The English name of a descriptive organisation name, or None when a word is not listed."""
    table = _table()
    words = [normalize(w) for w in name.split()]
    if len(words) < 2:
        return None  # a head alone ("الحكومة") does not say whose
    head = table.heads.get(bare(words[0]))
    if head is None:
        return None
    rest = words[1:]
    genitive = None
    if rest[0].startswith(ARTICLE) and bare(rest[0]) in table.genitives and bare(rest[0]) not in table.adjectives:
        genitive = table.genitives[bare(rest[0])]
        rest = rest[1:]
    adjectives = []
    for word in rest:
        english = table.adjectives.get(bare(word))
        if english is None:
            return None
        adjectives.append(english)
    parts = [*reversed(adjectives), head] + ([f"of {genitive}"] if genitive else [])
    return " ".join(parts)
