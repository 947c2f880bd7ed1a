"""A light view of tokens for the date and number readers, and phrase tables over it.

Date and number words often carry clitics ("وأمس", "بنحو", "لثلاث", "للعام"); a :class:`Word`
lists the forms of its token with those stripped, each with the offset where it starts, so a
reader can match the bare word and still report a span without the clitic. :class:`Phrases`
matches lexicon entries of several words ("كانون الثاني", "أكثر من", "في المائة").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar, overload

from marsad.document import Document, Token
from marsad.resources import read_yaml
from marsad.text.normalize import normalize, shadow
from marsad.text.tokens import tokenise

_DIGITS = re.compile(r"^[0-9]+(?:[.,][0-9]+)*$")

T = TypeVar("T")


class Word(NamedTuple):
    """A token seen by the date and number readers.

    ``forms`` are the matching forms of the token: its normalised form, then the same without a
    conjunction (و ف), then without a preposition (ب ل ك) as well, each with the offset in the
    text where that form starts (``relative_forms`` holds them relative to the token).
    ``number`` is the value of a token written in digits; ``bare`` is the form without a
    leading conjunction, and ``has_conjunction`` says whether the token has one.
    """

    start: int
    end: int
    text: str
    norm: str
    relative_forms: tuple[tuple[str, int], ...]
    number: float | None
    is_word: bool
    bare: str
    has_conjunction: bool

    @property
    def forms(self) -> tuple[tuple[str, int], ...]:
        start = self.start
        return tuple((form, start + offset) for form, offset in self.relative_forms)


@dataclass(frozen=True, slots=True)
class Clitics:
    """The clitic letters of ``data/ar/clitics.yaml``, normalised, as the readers need them."""

    conjunctions: str  # و ف
    prepositions: str  # ب ل ك
    article: str  # ال
    future: str  # س
    future_next: str  # the imperfect prefixes that follow the future س

    @property
    def swallowed_article(self) -> str:
        """The preposition ل + the article whose alef it has swallowed (للعام): "لل"."""
        lam = self.article[-1]
        return lam + self.article[1:] if lam in self.prepositions else ""


@lru_cache(maxsize=1)
def clitics() -> Clitics:
    """The clitic letters, loaded once from the same file the tokeniser's segmenter reads."""
    data = read_yaml("data/ar/clitics.yaml")
    return Clitics(
        conjunctions="".join(normalize(c) for c in data["conjunctions"]),
        prepositions="".join(normalize(c) for c in data["prepositions"]),
        article=normalize(data["article"]),
        future=normalize(data["future"]),
        future_next="".join(normalize(c) for c in data["future_next"]),
    )


@lru_cache(maxsize=65536)
def _forms(text: str, norm: str) -> tuple[tuple[str, int], ...]:
    """Matching forms of a word with clitics stripped, as offsets relative to the word."""
    forms: list[tuple[str, int]] = [(norm, 0)]
    if len(norm) < 3 or not ("\u0621" <= norm[0] <= "\u064a"):
        return tuple(forms)
    mapped = shadow(text).offsets if norm != text else None

    def offset(index: int) -> int:
        if mapped is None:
            return index
        return mapped[index] if index < len(mapped) else len(text)

    letters = clitics()
    bases = [(norm, 0)]
    if norm[0] in letters.conjunctions and len(norm) > 2:
        forms.append((norm[1:], offset(1)))
        bases.append((norm[1:], 1))
    for base, skipped in bases:
        if len(base) > 2 and base[0] in letters.prepositions:
            if base.startswith(letters.swallowed_article) and len(base) > 3:
                # ل has swallowed the article's alef (للعام): the word keeps both letters.
                forms.append((letters.article + base[2:], offset(skipped)))
            else:
                forms.append((base[1:], offset(skipped + 1)))
    return tuple(forms)


def parse_digits(written: str, norm: str | None = None) -> float | None:
    """The value of a number written in digits with its separators, or None.

    Decimal comma (Maghreb, "31,9") and thousands comma ("12,500") are told apart by the group
    lengths; the Arabic separators (٫ decimal, ٬ thousands) are unambiguous.
    """
    norm = norm if norm is not None else normalize(written)
    if not _DIGITS.match(norm):
        return None
    if "\u066c" in written:  # Arabic thousands separator
        return float(norm.replace(",", ""))
    if "\u066b" in written:  # Arabic decimal separator
        return float(norm.replace(",", ""))
    if "," in norm and "." in norm:
        if norm.rfind(",") > norm.rfind("."):  # 1.234,5
            return float(norm.replace(".", "").replace(",", "."))
        return float(norm.replace(",", ""))
    if "," in norm:
        groups = norm.split(",")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and groups[0] != "0":
            return float("".join(groups))
        if len(groups) == 2:
            return float(norm.replace(",", "."))
        return None
    if norm.count(".") > 1:
        groups = norm.split(".")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return float("".join(groups))
        return None
    return float(norm)


@lru_cache(maxsize=131072)
def _template(text: str, norm: str) -> tuple[tuple[tuple[str, int], ...], float | None, bool, str, bool]:
    """What a word view holds apart from its offsets, computed once per spelling."""
    forms = _forms(text, norm)
    first = norm[:1]
    number = parse_digits(text, norm) if first.isdigit() else None
    conjunction = len(norm) > 2 and norm[0] in clitics().conjunctions and len(forms) > 1 and forms[1][0] == norm[1:]
    bare = forms[1][0] if conjunction else norm
    return forms, number, first.isalpha(), bare, conjunction


_new_tuple = tuple.__new__


def word_of(text: str, token: Token) -> Word:
    """The :class:`Word` view of one token of ``text``."""
    # Built with tuple.__new__: the NamedTuple constructor costs twice as much, once per token.
    return _new_tuple(Word, (token.start, token.end, token.text, token.norm, *_template(token.text, token.norm)))


class WordList(Sequence[Word]):
    """The :class:`Word` views of a document's tokens, each built the first time it is needed.

    Readers look at every token's ``norms`` entry but build views only in sentences that may
    hold a date or a number (:meth:`materialize`), then index the plain list ``views``, which
    keeps them fast on long articles.
    """

    __slots__ = ("norms", "text", "tokens", "views")

    def __init__(self, text: str, tokens: Sequence[Token]):
        self.text = text
        self.tokens = tokens
        self.norms = [token.norm for token in tokens]
        self.views: list[Word | None] = [None] * len(tokens)

    def materialize(self, lo: int, hi: int) -> None:
        """Build the views of ``tokens[lo:hi]`` that do not exist yet."""
        views, tokens = self.views, self.tokens
        lo, hi = max(lo, 0), min(hi, len(views))
        if None not in views[lo:hi]:
            return
        template, new, word = _template, _new_tuple, Word
        for index in range(lo, hi):
            if views[index] is None:
                token = tokens[index]
                views[index] = new(word, (token.start, token.end, token.text, token.norm, *template(token.text, token.norm)))

    def __len__(self) -> int:
        return len(self.tokens)

    @overload
    def __getitem__(self, index: int) -> Word: ...

    @overload
    def __getitem__(self, index: slice) -> list[Word]: ...

    def __getitem__(self, index: int | slice) -> Word | list[Word]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        view = self.views[index]
        if view is None:
            view = self.views[index] = word_of(self.text, self.tokens[index])
        return view


_LAST: list[tuple[Sequence[Token], str, WordList]] = []


def words_of(text: str, tokens: Sequence[Token] | None = None) -> WordList:
    """:class:`Word` views of ``tokens`` (default: a fresh tokenisation of ``text``).

    The views of the last document are kept, so the dates and quantities components, which
    run one after the other on the same tokens, share them.
    """
    if tokens is None:
        tokens = tokenise(text)
    elif _LAST and _LAST[0][0] is tokens and _LAST[0][1] is text:
        return _LAST[0][2]
    words = WordList(text, tokens)
    _LAST[:] = [(tokens, text, words)]
    return words


def document_words(doc: Document) -> tuple[Sequence[Token], WordList]:
    """A Document's tokens (a fresh tokenisation when it has none) and their :func:`words_of`."""
    tokens: Sequence[Token] = doc.tokens if doc.tokens else tokenise(doc.text)
    return tokens, words_of(doc.text, tokens)


class Match(Generic[T]):
    """A phrase found at ``words[index]``: its payload, the index after it, where it starts.

    A plain class (a generic dataclass cannot be compiled with mypyc); read-only by convention.
    """

    __slots__ = ("end", "next", "payload", "start")

    def __init__(self, payload: T, next: int, start: int, end: int) -> None:
        self.payload = payload
        self.next = next
        self.start = start
        self.end = end


class Phrases(Generic[T]):
    """Phrases of one or more words, each with a payload, matched against :class:`Word` lists.

    The first word may carry clitics ("وأمس", "بنهاية"); the following words must match exactly.
    The longest phrase wins.
    """

    def __init__(self, entries: Iterable[tuple[str, T]]):
        table: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, payload in entries:
            parts = tuple(normalize(phrase).split())
            if not parts:
                continue
            table.setdefault(parts[0], []).append((parts[1:], payload))
        for options in table.values():
            options.sort(key=lambda option: -len(option[0]))
        self._table = table

    def __contains__(self, form: object) -> bool:
        return form in self._table

    def first_words(self) -> frozenset[str]:
        return frozenset(self._table)

    def match(
        self, words: Sequence[Word], index: int, *, clitics: bool = True, stop: int | None = None
    ) -> Match[T] | None:
        """The longest phrase starting at ``words[index]``, or None."""
        stop = len(words) if stop is None else stop
        if index >= stop:
            return None
        word = words[index]
        forms = word.relative_forms if clitics else word.relative_forms[:1]
        for form, offset in forms:
            start = word.start + offset
            options = self._table.get(form)
            if not options:
                continue
            for rest, payload in options:
                end = index + 1 + len(rest)
                if end <= stop and all(words[index + 1 + k].norm == part for k, part in enumerate(rest)):
                    return Match(payload=payload, next=end, start=start, end=words[end - 1].end)
        return None
