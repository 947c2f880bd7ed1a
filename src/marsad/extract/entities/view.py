"""A document as the entity component reads it: tokens with their matching forms, by sentence."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from marsad.document import Document, Token
from marsad.extract.entities.forms import analyse_word, bare
from marsad.text.normalize import normalize

_ARABIC_FIRST = "\u0600"


class Word(NamedTuple):
    """One token with what matching needs: normalised stem, bare form, where a name in it starts.

    A named tuple rather than a frozen dataclass: a document builds one per token, and a tuple
    is built several times faster.
    """

    position: int  # the token's number in the document (not ``index``: a tuple method)
    token: Token
    norm: str
    prefixes: str
    lexical: str  # normalised stem, article restored after لل
    bare: str  # lexical without the article
    name_start: int  # document offset where a mention of a name in this token starts
    arabic: bool
    letter: bool  # an Arabic or Latin word (not a number or a mark)

    @property
    def text(self) -> str:
        return self.token.text

    def whole(self) -> Word:
        """The word read whole, with no clitic split off ("بشر" is a name, not ب + شر)."""
        return self._replace(lexical=self.norm, bare=bare(self.norm), prefixes="")


@lru_cache(maxsize=131072)
def _forms(text: str, norm: str) -> tuple[str, str, str, int, bool, bool]:
    """What a word's matching needs, computed once per distinct word."""
    arabic = text[:1] >= _ARABIC_FIRST and norm[:1].isalpha()
    if arabic:
        prefixes, lexical, start, _ = analyse_word(text)
    else:
        prefixes, lexical, start = "", normalize(text), 0
    return prefixes, lexical, bare(lexical), start, arabic, norm[:1].isalpha()


def _word(index: int, token: Token) -> Word:
    prefixes, lexical, bare_form, start, arabic, letter = _forms(token.text, token.norm)
    return Word(index, token, token.norm, prefixes, lexical, bare_form, token.start + start, arabic, letter)


class DocView:
    """The words of a Document and the token range of each sentence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.words = [_word(i, t) for i, t in enumerate(doc.tokens)]
        starts = [t.start for t in doc.tokens]
        ranges = []
        for sentence in doc.sentences or ():
            first = bisect_left(starts, sentence.start)
            last = bisect_left(starts, sentence.end)
            if last > first:
                ranges.append((first, last))
        if not ranges and self.words:
            ranges = [(0, len(self.words))]
        self.sentences: list[tuple[int, int]] = ranges
        self._sentence_of = [0] * len(self.words)
        for number, (first, last) in enumerate(ranges):
            for i in range(first, last):
                self._sentence_of[i] = number

    def sentence_range(self, index: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``index``."""
        return self.sentences[self._sentence_of[index]] if self.sentences else (0, len(self.words))

    def lexicals(self, start: int, end: int) -> tuple[str, ...]:
        """Matching forms of tokens ``[start, end)`` (gazetteer keys are made of these)."""
        return tuple(w.lexical for w in self.words[start:end])

    def bounds(self, start: int, end: int, whole_first: bool = False, article: bool = False) -> tuple[int, int]:
        """Document offsets a mention of tokens ``[start, end)`` covers.

        The first token's clitics are left out unless ``whole_first`` (a listed name that
        only looks like clitic + stem: "بكين"); with ``article`` the ل that swallowed the
        article's alef stays ("للجنة المشتركة", as "للعراق").
        """
        first = self.words[start]
        begin = first.token.start if whole_first else first.name_start
        if article and begin > first.token.start:
            begin -= 1
        return begin, self.words[end - 1].token.end

    def text(self, start: int, end: int, whole_first: bool = False, article: bool = False) -> str:
        """The text a mention of tokens ``[start, end)`` covers (see :meth:`bounds`)."""
        s, e = self.bounds(start, end, whole_first, article)
        return self.doc.text[s:e]
