"""Words, clauses and modality for the quotes, events and commitments components.

Those components work on the Document's tokens: they look words up in lexicons written as
Arabic is spelt (reporting verbs, event triggers), find the clause a word stands in, and ask
whether it is negated ("لم يتوصل"), hypothetical ("في حال قاطع"), denied ("نفى أن تكون …
رفضت") or future ("سيكتمل"، "من المقرر أن"). Arabic writes the conjunctions و ف, the
prepositions ب ل ك, the article ال, the future marker س and object pronouns as part of the
word, so a lookup tries the word with those clitics removed (:func:`variants`) and reports
which ones it removed — the future marker matters for modality, the article tells a noun.

>>> [v.word for v in variants("وسيكتمل")][:3]
['وسيكتمل', 'سيكتمل', 'يكتمل']
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from marsad.document import DateExpr, Document, Token
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

T = TypeVar("T")

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_FUTURE = "س"
_IMPERFECT = "يتنا"
_ARTICLE = "ال"
_SUFFIXES = ("هما", "هم", "ها", "ه", "كم", "نا", "ا")
_PUNCT_BREAKS = frozenset("،,؛;:()[]")
_SENTENCE_ENDS = frozenset(".!?؟…")
_TRAILING_MARKS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0640"
ALL_CLITICS = ("conj", "prep", "article", "future", "suffix")
# Distinct words whose lexicon readings each Lexicon remembers (news vocabulary is ~10^5).
READINGS_CACHE_SIZE = 200_000
QUOTE_MARKS = frozenset('«»“”"„‹›')


@dataclass(frozen=True, slots=True)
class Variant:
    """One reading of a written word: ``word`` after removing the clitics named."""

    word: str
    conjunction: bool = False
    preposition: str = ""
    article: bool = False
    future: bool = False
    suffix: str = ""


@lru_cache(maxsize=65536)
def variants(norm: str) -> tuple[Variant, ...]:
    """Readings of a normalised word, least stripped first (the word itself comes first)."""
    out: list[Variant] = [Variant(norm)]
    firsts = [Variant(norm)]
    if len(norm) > 2 and norm[0] in _CONJUNCTIONS:
        firsts.append(Variant(norm[1:], conjunction=True))
    for base in firsts:
        word = base.word
        if base is not firsts[0]:
            out.append(base)
        # future marker on an imperfect verb: سيكتمل → يكتمل
        if len(word) > 3 and word[0] == _FUTURE and word[1] in _IMPERFECT:
            out.append(Variant(word[1:], conjunction=base.conjunction, future=True))
        # prepositions: بالعراق → العراق, للقوات → القوات, لمناقشة → مناقشة
        if len(word) > 3 and word[0] in _PREPOSITIONS:
            rest = word[1:]
            if word[0] == "ل" and rest.startswith("ل") and len(rest) > 3:
                out.append(
                    Variant(
                        _ARTICLE + rest[1:],
                        conjunction=base.conjunction,
                        preposition="ل",
                        article=False,
                    )
                )
            out.append(Variant(rest, conjunction=base.conjunction, preposition=word[0]))
    for reading in list(out):
        if reading.word.startswith(_ARTICLE) and len(reading.word) > 4:
            out.append(
                Variant(
                    reading.word[2:], reading.conjunction, reading.preposition, True, reading.future
                )
            )
    for reading in list(out):
        for suffix in _SUFFIXES:
            if reading.word.endswith(suffix) and len(reading.word) - len(suffix) >= 2:
                out.append(
                    Variant(
                        reading.word[: -len(suffix)],
                        reading.conjunction,
                        reading.preposition,
                        reading.article,
                        reading.future,
                        suffix,
                    )
                )
    seen: set[Variant] = set()
    unique = []
    for reading in out:
        if reading not in seen:
            seen.add(reading)
            unique.append(reading)
    return tuple(unique)


# Bits of the clitics a reading removed, and of the clitics a lookup allows removing.
_CLITIC_BITS = {"conj": 1, "prep": 2, "article": 4, "future": 8, "suffix": 16}
# A reading that removed a final ه: refused on a word written with ة (its ة is no pronoun).
_HA_SUFFIX = 32


def _removed(reading: Variant) -> int:
    """Bits of the clitics ``reading`` removed (see :data:`_CLITIC_BITS`)."""
    bits = (
        (_CLITIC_BITS["conj"] if reading.conjunction else 0)
        | (_CLITIC_BITS["prep"] if reading.preposition else 0)
        | (_CLITIC_BITS["article"] if reading.article else 0)
        | (_CLITIC_BITS["future"] if reading.future else 0)
        | (_CLITIC_BITS["suffix"] if reading.suffix else 0)
    )
    return bits | (_HA_SUFFIX if reading.suffix == "ه" else 0)


_ALLOWED: dict[Iterable[str], int] = {}


def _allowed(allow: Iterable[str]) -> int:
    """Bits of the clitics ``allow`` names; lookups pass a few constant tuples, so remember them."""
    try:
        return _ALLOWED[allow]
    except (KeyError, TypeError):  # not seen yet, or a set (unhashable)
        bits = 0
        for name in allow:
            bits |= _CLITIC_BITS.get(name, 0)
        if isinstance(allow, (tuple, frozenset)):
            _ALLOWED[allow] = bits
        return bits


# One way a word may begin a phrase: the reading, the phrase's words, its entry, and the bits of
# the clitics the reading removed.
_Candidate = tuple[Variant, tuple[str, ...], T, int]


class Lexicon(Generic[T]):
    """Words and phrases (as normalised word tuples) mapped to entries, looked up clitic-aware.

    A phrase's first word may carry clitics; its other words must match as written
    (normalised). Longer phrases win over shorter ones at the same position.
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        # normalised word → its readings that begin a phrase here (most words have none)
        self._readings: dict[str, tuple[_Candidate[T], ...]] = {}
        self._last_hits: tuple[Sequence[Token], list[int]] | None = None

    def add(self, phrase: str, entry: T) -> None:
        words = tuple(normalize(phrase).split())
        if not words:
            return
        bucket = self._by_first.setdefault(words[0], [])
        bucket.append((words, entry))
        bucket.sort(key=lambda item: -len(item[0]))
        self._readings.clear()
        self._last_hits = None

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match(
        self, tokens: Sequence[Token], index: int, *, allow: Iterable[str] = ALL_CLITICS
    ) -> tuple[T, Variant, int] | None:
        """The entry for the phrase starting at ``tokens[index]``: ``(entry, reading, n_tokens)``.

        ``allow`` limits which clitics may be removed from the first word.
        """
        candidates = self._readings.get(tokens[index].norm)
        if candidates is None:
            candidates = self._candidates(tokens[index].norm)
        if not candidates:
            return None  # most words begin no phrase: answer before looking at ``allow``
        found = self._matches(tokens, index, candidates, _allowed(allow), first=True)
        return found[0] if found else None

    def _candidates(self, norm: str) -> tuple[_Candidate[T], ...]:
        found = self._readings.get(norm)
        if found is None:
            if len(self._readings) >= READINGS_CACHE_SIZE:
                self._readings.clear()  # a bounded cache over millions of articles
            found = tuple(
                (reading, words, entry, _removed(reading))
                for reading in variants(norm)
                for words, entry in self._by_first.get(reading.word, ())
            )
            self._readings[norm] = found
        return found

    def hits(self, tokens: Sequence[Token]) -> list[int]:
        """Indices of the tokens where a phrase of this lexicon may begin (one fast pass)."""
        readings = self._readings
        found = []
        norms = norms_of(tokens)
        for index in range(len(norms)):
            norm = norms[index]
            candidates = readings.get(norm)
            if candidates is None:
                candidates = self._candidates(norm)
            if candidates:
                found.append(index)
        return found

    def hits_in(self, tokens: Sequence[Token]) -> list[int]:
        """:meth:`hits` of ``tokens``, remembered for the last token sequence asked about (the
        components scan one article's tokens many times)."""
        last = self._last_hits
        if last is not None and last[0] is tokens:
            return last[1]
        found = self.hits(tokens)
        self._last_hits = (tokens, found)  # one assignment: a thread sees a consistent pair
        return found

    def match_all(
        self, tokens: Sequence[Token], index: int, *, allow: Iterable[str] = ALL_CLITICS
    ) -> Iterator[tuple[T, Variant, int]]:
        """Every entry for a phrase starting at ``tokens[index]``, best reading first."""
        candidates = self._candidates(tokens[index].norm)
        if candidates:
            yield from self._matches(tokens, index, candidates, _allowed(allow))

    @staticmethod
    def _matches(
        tokens: Sequence[Token], index: int, candidates: tuple[_Candidate[T], ...], allowed: int, first: bool = False
    ) -> list[tuple[T, Variant, int]]:
        """The ``candidates`` of ``tokens[index]`` whose removed clitics are ``allowed`` and whose
        further words follow it (only the first when ``first``): a list from a plain loop, as
        a generator object per look-up costs more than the look-up."""
        found: list[tuple[T, Variant, int]] = []
        refused = ~allowed & 31  # clitics that may not be removed
        ta_marbuta: bool | None = None
        for reading, words, entry, removed in candidates:
            if removed & refused:
                continue
            if removed & _HA_SUFFIX:
                if ta_marbuta is None:
                    ta_marbuta = tokens[index].text.rstrip(_TRAILING_MARKS).endswith("\u0629")
                if ta_marbuta:
                    continue
            n = len(words)
            if n > 1 and not (index + n <= len(tokens) and all(tokens[index + k].norm == words[k] for k in range(1, n))):
                continue
            found.append((entry, reading, n))
            if first:
                break
        return found


# The norms of the last token sequence asked about: the lexicons scan one article's tokens
# several times (events: verbs, nouns, clause breaks, denial, hypothetical, future).
_last_norms: tuple[Sequence[Token], list[str]] | None = None


def norms_of(tokens: Sequence[Token]) -> list[str]:
    """``[t.norm for t in tokens]``, remembered for the last ``tokens`` asked about."""
    global _last_norms
    last = _last_norms
    if last is not None and last[0] is tokens:
        return last[1]
    norms = [t.norm for t in tokens]
    if isinstance(tokens, tuple):  # a Document's tokens: never changed in place
        _last_norms = (tokens, norms)  # one assignment: a thread sees a consistent pair
    return norms


def phrase_set(phrases: Iterable[str]) -> Lexicon[str]:
    """A :class:`Lexicon` whose entries are the phrases themselves (normalised)."""
    lexicon: Lexicon[str] = Lexicon()
    for phrase in phrases:
        lexicon.add(phrase, normalize(phrase))
    return lexicon


@dataclass(frozen=True)
class Modality:
    negation: Lexicon[str]
    negation_reach: int
    denial: Lexicon[str]
    hypothetical: Lexicon[str]
    possibility: frozenset[str]
    future: Lexicon[str]
    commitment: Lexicon[str]
    topic_markers: Lexicon[str]
    clause_breaks: Lexicon[str]
    after_event: Lexicon[str]


@lru_cache(maxsize=1)
def modality_data() -> Modality:
    """The negation, modality and future markers of ``data/ar/modality.yaml``."""
    data = read_yaml("data/ar/modality.yaml")
    return Modality(
        negation=phrase_set(data["negation"]),
        negation_reach=int(data.get("negation_reach", 3)),
        denial=phrase_set(data["denial"]),
        hypothetical=phrase_set(data["hypothetical"]),
        possibility=frozenset(normalize(w) for w in data["possibility"]),
        future=phrase_set(data["future"]),
        commitment=phrase_set(data["commitment"]),
        topic_markers=phrase_set(data["topic_markers"]),
        clause_breaks=phrase_set(data["clause_breaks"]),
        after_event=phrase_set(data.get("after_event", ())),
    )


def bisect_left_int(a: list[int], x: int, lo: int) -> int:
    """``bisect.bisect_left`` on a list of ints (compiled, a loop on machine ints beats the
    call into the bisect module on these short lists)."""
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right_int(a: list[int], x: int) -> int:
    """``bisect.bisect_right`` on a list of ints (see :func:`bisect_left_int`)."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


class View:
    """The tokens of a Document with sentence and clause lookups, built once per component."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.tokens: tuple[Token, ...] = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        self.sentence_ranges: list[tuple[int, int]] = []
        for sentence in doc.sentences:
            lo = bisect.bisect_left(self.starts, sentence.start)
            hi = bisect.bisect_left(self.starts, sentence.end)
            self.sentence_ranges.append((lo, hi))
        self._token_sentence = [0] * len(self.tokens)
        for number, (lo, hi) in enumerate(self.sentence_ranges):
            for i in range(lo, hi):
                self._token_sentence[i] = number
        self._clause_lo: list[int] | None = None
        self._breaks: list[bool] | None = None  # is_break of every token, once asked
        self._clause_hi: list[int] | None = None
        self.dates: tuple[DateExpr, ...] = tuple(sorted(doc.dates, key=lambda d: d.start))
        self._date_starts = [d.start for d in self.dates]
        self._in_date = [False] * len(self.tokens)
        for date in self.dates:
            lo = bisect.bisect_left(self.ends, date.start + 1)
            for i in range(lo, len(self.tokens)):
                if self.tokens[i].start >= date.end:
                    break
                self._in_date[i] = True

    def token_at(self, offset: int) -> int:
        """Index of the token holding ``offset`` (or the first after it)."""
        return bisect_right_int(self.ends, offset)

    def sentence_of_token(self, index: int) -> int:
        return self._token_sentence[index] if self.tokens else 0

    def sentence_tokens(self, number: int) -> tuple[int, int]:
        return self.sentence_ranges[number]

    def in_date(self, index: int) -> bool:
        return self._in_date[index]

    def text(self, first: int, last: int) -> str:
        """The text from token ``first`` to token ``last`` inclusive."""
        return self.doc.text[self.tokens[first].start : self.tokens[last].end]

    def is_break(self, index: int) -> bool:
        """Whether token ``index`` ends a clause: punctuation, a quotation mark."""
        breaks = self._breaks
        if breaks is None:
            breaks = self._breaks = [_is_break_word(t.norm) for t in self.tokens]
        return breaks[index]

    def clause(self, index: int) -> tuple[int, int]:
        """Token range ``[lo, hi)`` of the clause holding token ``index``.

        A clause ends at a comma, semicolon, colon or quotation mark, at a sentence end, or
        before a word that opens a new clause (فيما، بينما، في حين، حيث …).
        """
        if self._clause_lo is None:
            self._clauses()
        assert self._clause_lo is not None and self._clause_hi is not None
        if not self.tokens:
            return 0, 0
        return self._clause_lo[index], self._clause_hi[index]

    def _clauses(self) -> None:
        """Every token's clause, in one pass over each sentence."""
        breaks = modality_data().clause_breaks
        n = len(self.tokens)
        lo_of, hi_of = [0] * n, [0] * n
        ranges = self.sentence_ranges or [(0, n)]
        covered = [False] * n
        openers = set(breaks.hits(self.tokens))  # one fast pass; match only where one may begin
        for s_lo, s_hi in ranges:
            starts = [s_lo]
            for k in range(s_lo, s_hi):
                covered[k] = True
                if self.is_break(k):
                    starts.append(k)  # the mark is a clause of its own
                    starts.append(k + 1)
                elif (
                    k > s_lo
                    and k in openers
                    and breaks.match(self.tokens, k, allow=("conj",)) is not None
                ):
                    starts.append(k)
            starts.append(s_hi)
            bounds = sorted(set(starts))
            for a, b in itertools.pairwise(bounds):
                for k in range(a, b):
                    lo_of[k], hi_of[k] = a, b
        for k in range(n):
            if not covered[k]:
                lo_of[k], hi_of[k] = k, k + 1
        self._clause_lo, self._clause_hi = lo_of, hi_of

    def dates_between(self, start: int, end: int) -> list[DateExpr]:
        """Date expressions lying inside ``[start, end)`` (character offsets)."""
        lo = bisect.bisect_left(self._date_starts, start)
        found = []
        for date in self.dates[lo:]:
            if date.start >= end:
                break
            if date.end <= end:
                found.append(date)
        return found


def _is_break_word(norm: str) -> bool:
    return norm in _PUNCT_BREAKS or norm in _SENTENCE_ENDS or norm in QUOTE_MARKS or norm == ".."


def first_match(lexicon: Lexicon[str], tokens: Sequence[Token], lo: int, hi: int) -> int | None:
    """Index of the first token in ``[lo, hi)`` where a phrase of ``lexicon`` starts."""
    hits = lexicon.hits_in(tokens)  # only where a phrase may begin
    for k in range(bisect.bisect_left(hits, lo), len(hits)):
        i = hits[k]
        if i >= hi:
            break
        if lexicon.match(tokens, i, allow=("conj", "prep")):
            return i
    return None


def polarity(view: View, index: int, *, future: bool = False) -> tuple[bool, str]:
    """``(negated, modality)`` of the event word at token ``index``.

    Negated: a negation particle within ``negation_reach`` words before it in its clause, or a
    denial verb earlier in its sentence ("نفى … أن تكون … رفضت"). Modality: ``hypothetical``
    after a conditional shortly before it in its sentence; ``future`` when ``future`` is set
    (the caller saw the marker س on the word or on the verb governing it) or a future phrase
    opens its clause ("من المقرر أن"); else ``asserted``.
    """
    data = modality_data()
    tokens = view.tokens
    lo, _ = view.clause(index)
    s_lo, _ = view.sentence_tokens(view.sentence_of_token(index))
    negated = False
    for i in range(max(lo, index - data.negation_reach), index):
        if data.negation.match(tokens, i, allow=("conj",)):
            negated = True
    if not negated and first_match(data.denial, tokens, s_lo, index) is not None:
        negated = True
    if first_match(data.hypothetical, tokens, max(s_lo, index - 8), index) is not None:
        return negated, "hypothetical"
    for i in range(max(lo, index - 4), index):
        if (
            tokens[i].norm in data.possibility
            and i + 1 < len(tokens)
            and tokens[i + 1].norm[:1] in "ين"
        ):
            return negated, "hypothetical"  # "قد يتعين إجراء مشاورات"
    if future or first_match(data.future, tokens, max(s_lo, lo - 2, index - 6), index) is not None:
        return negated, "future"
    return negated, "asserted"


def gender_of_form(norm: str) -> str:
    """Agreement read from a participle's ending: ة feminine, ين/ات/ون plural, else masculine."""
    if norm.endswith(("ين", "ات", "ون")):
        return "pl"
    if norm.endswith("ه"):
        return "f"
    return "m"


def load_forms(
    entry: Mapping[str, object], keys: Sequence[str] = ("m", "f", "pl", "du")
) -> list[tuple[str, str]]:
    """``(form, agreement)`` pairs of a lexicon entry's verb lists (participles get theirs from their ending)."""
    forms: list[tuple[str, str]] = []
    for key in keys:
        for form in entry.get(key, None) or ():  # type: ignore[attr-defined]
            forms.append((str(form), key))
    for form in entry.get("participle", None) or ():  # type: ignore[attr-defined]
        forms.append((str(form), "participle:" + gender_of_form(normalize(str(form)))))
    return forms
