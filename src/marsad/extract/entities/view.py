"""A document as the entity component reads it: tokens with their matching forms, by sentence."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Final

from marsad.document import Document, Token
from marsad.extract.entities.forms import analyse_word, bare
from marsad.text.normalize import normalize

_ARABIC_FIRST: Final = "\u0600"


class Word:
    """One token with what matching needs: normalised stem, bare form, where a name in it starts.

    A plain class, which mypyc compiles to a native one: a document builds one per token and the
    rules read their attributes many times over, and a native attribute read is a struct field
    (a named tuple's goes through Python's attribute lookup).
    """

    def __init__(
        self,
        position: int,
        token: Token,
        norm: str,
        prefixes: str,
        lexical: str,
        bare: str,
        name_start: int,
        arabic: bool,
        letter: bool,
        norm_bare: str,
    ) -> None:
        self.position = position  # the token's number in the document
        self.token = token
        self.text = token.text
        self.norm = norm
        self.prefixes = prefixes
        self.lexical = lexical  # normalised stem, article restored after لل
        self.bare = bare  # lexical without the article
        self.name_start = name_start  # document offset where a mention of a name in this token starts
        self.arabic = arabic
        self.letter = letter  # an Arabic or Latin word (not a number or a mark)
        self.norm_bare = norm_bare  # bare(norm): the word read whole, without the article

    def whole(self) -> Word:
        """The word read whole, with no clitic split off ("بشر" is a name, not ب + شر)."""
        return Word(self.position, self.token, self.norm, "", self.norm, self.norm_bare, self.name_start, self.arabic, self.letter, self.norm_bare)


@lru_cache(maxsize=131072)
def _forms(text: str, norm: str) -> tuple[str, str, str, int, bool, bool, str]:
    """What a word's matching needs, computed once per distinct word."""
    arabic = text[:1] >= _ARABIC_FIRST and norm[:1].isalpha()
    if arabic:
        prefixes, lexical, start, _ = analyse_word(text)
    else:
        prefixes, lexical, start = "", normalize(text), 0
    return prefixes, lexical, bare(lexical), start, arabic, norm[:1].isalpha(), bare(norm)


def _word(index: int, token: Token) -> Word:
    prefixes, lexical, bare_form, start, arabic, letter, norm_bare = _forms(token.text, token.norm)
    return Word(index, token, token.norm, prefixes, lexical, bare_form, token.start + start, arabic, letter, norm_bare)


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
