"""Search keys: the form in which words are indexed and queried.

An analyst who types "الانسحاب الأمريكي" wants the article that wrote "والانسحاب الأميركي". So
both the text and the query go through the same steps, word by word:

1. normalisation (:func:`marsad.text.normalize.normalize`): diacritics, tatweel, alef, ya and
   ta-marbuta forms, digits;
2. clitics off (:mod:`marsad.text.clitics`, the same segmentation the pipeline uses):
   "والانسحاب" → "الانسحاب";
3. the article ال off, when at least three letters remain ("الانسحاب" → "انسحاب", but "إلى"
   and "الذي" stay whole);
4. spelling variants folded (``data/ar/spelling_variants.yaml``, :func:`marsad.link.names.fold_variants`):
   "اميركي" → "امريكي".

The index holds one key per word, in order, so phrases still work.

>>> keys_of_text("والانسحاب الأميركي")
['انسحاب', 'امريكي']
>>> keys_of_text("الانسحاب الأمريكي")
['انسحاب', 'امريكي']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from marsad.document import Token
from marsad.link.names import fold_variants, strip_article
from marsad.text.clitics import segment
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenise

_MIN_AFTER_ARTICLE = 3


@lru_cache(maxsize=131072)
def key_of_stem(stem: str) -> str:
    """The key of a word's stem as written (clitics already off)."""
    return fold_variants(strip_article(normalize(stem)))


@lru_cache(maxsize=262144)
def key_of_word(word: str) -> str | None:
    """The search key of a word as written (None for punctuation).

    Clitics come off with :func:`marsad.text.clitics.segment`, the segmentation the ``tokens``
    component gives every token, so a word has one key wherever it was tokenised.
    """
    if not normalize(word)[:1].isalnum():
        return None
    previous = None
    for role, start, end in segment(word):
        if role == "stem":
            stem = normalize(word[start:end])
            if previous == "ل" and stem.startswith("ل") and len(stem) > _MIN_AFTER_ARTICLE:
                stem = "ا" + stem  # للعراق: ل + (ا)لعراق, the article's alef dropped after ل
            return key_of_stem(stem)
        previous = normalize(word[start:end])
    return key_of_stem(word)


def key_of_token(token: Token) -> str | None:
    """The search key of a token, or None for punctuation."""
    return key_of_word(token.text)


# Token text → key ("" for punctuation), for the writer's pass over every token of every
# article: a plain dict look-up costs a fifth of a call through lru_cache. Bounded like it.
_KEY_OF_TEXT: dict[str, str] = {}
_KEY_OF_TEXT_SIZE = 262144


def keys_of_tokens(tokens: Iterable[Token]) -> list[str]:
    """Keys of the words among ``tokens``, in order."""
    known = _KEY_OF_TEXT
    keys = []
    for token in tokens:
        text = token.text
        key = known.get(text)
        if key is None:
            if len(known) >= _KEY_OF_TEXT_SIZE:
                known.clear()
            key = known[text] = key_of_word(text) or ""
        if key:
            keys.append(key)
    return keys


def keys_of_text(text: str) -> list[str]:
    """Keys of the words of ``text`` (tokenised as the pipeline does)."""
    return keys_of_tokens(tokenise(text))
