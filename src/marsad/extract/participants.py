"""Who takes part: the entity at a position, the subject after a verb, the last speaker.

Quotes, events and commitments all ask the same questions of a clause: which named entity
(from ``doc.entities``, the entities component's result) stands at this position; what is the
subject of this verb — Arabic news puts it after the verb ("وذكرت قيادة العمليات المشتركة
أن"، "اتفقت بغداد وواشنطن"), often behind a title ("الناطق باسم …، اللواء يحيى رسول"); and,
for a verb with no subject of its own ("وأضافت في بيان أن"، "وأردف أن"، "مؤكدة"), who was
the last participant it agrees with. Agreement is gender and number: a participant takes the
gender its verb showed when it was introduced (وذكرت قيادة → feminine), else the gender of
its name (ة-final heads and titles are feminine; places are feminine, with listed exceptions).
"""

from __future__ import annotations

import bisect
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, TypeVar

import pycountry
from rapidfuzz import fuzz, process

from marsad.document import Document, Entity, Token
from marsad.extract.clauses import (
    QUOTE_MARKS,
    Lexicon,
    View,
    bisect_left_int,
    bisect_right_int,
    norms_of,
    phrase_set,
    variants,
)
from marsad.extract.entities.lexicon import lexicon
from marsad.resources import read_text, read_yaml
from marsad.text.normalize import normalize
from marsad.text.sentences import quoted_regions

T = TypeVar("T")

# How far after a verb its subject may start (in words), and how long a subject may be.
SUBJECT_START_WINDOW = 4
SUBJECT_MAX_WORDS = 14
_CONJ: Final = ("conj",)


@dataclass(frozen=True, slots=True)
class Who:
    """A participant as the text gives it: an entity id when one was found, its text always."""

    id: str | None
    text: str
    start: int
    end: int
    gender: str | None = None  # "m" or "f"
    number: str | None = None  # "sg" or "pl"; None when unknown
    # Entity ids of the other conjuncts of a compound participant ("بغداد وواشنطن"): they act
    # together, so none of them is the recipient of the act.
    partners: tuple[str, ...] = ()
    entity_type: str | None = None


def of_mention(mention: Mention) -> Who:
    """The participant a name stands for, written as the entity's canonical name (no title,
    no short form: the name an analyst searches for)."""
    return Who(
        mention.entity.id,
        mention.entity.canonical,
        mention.start,
        mention.end,
        gender_of_entity(mention.entity),
        entity_type=mention.entity.type,
    )


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entity: Entity


class Mentions:
    """Every entity mention of a Document, ordered, with lookups by offset."""

    def __init__(self, entities: tuple[Entity, ...]):
        items = sorted(
            (Mention(m.start, m.end, e) for e in entities for m in e.mentions),
            key=lambda m: (m.start, -m.end),
        )
        self.items = items
        self.starts = [m.start for m in items]
        self._covering: dict[int, Mention | None] = {}
        # id(mention) → (mention, of_mention(mention)): the same names are asked again and again
        self._whos: dict[int, tuple[Mention, Who]] = {}

    def who(self, mention: Mention) -> Who:
        """:func:`of_mention`, remembered per mention (the mention is kept: its id stays its)."""
        known = self._whos.get(id(mention))
        if known is not None and known[0] is mention:
            return known[1]
        who = of_mention(mention)
        self._whos[id(mention)] = (mention, who)
        return who

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start inside ``[start, end)``, in order."""
        starts = self.starts
        lo = bisect_left_int(starts, start, 0)
        return self.items[lo : bisect_left_int(starts, end, lo)]

    def covering(self, start: int, end: int) -> Mention | None:
        """The mention that contains ``[start, end)``, if any."""
        # one int for the pair (offsets are far below 2**32): no tuple per look-up
        key = (start << 32) | end if 0 <= end < 4294967296 and start >= 0 else -1
        cache = self._covering
        if key >= 0 and key in cache:
            return cache[key]
        found = self._cover(start, end)
        if key >= 0:
            cache[key] = found
        return found

    def _cover(self, start: int, end: int) -> Mention | None:
        lo = bisect_right_int(self.starts, start) - 1
        for k in range(max(0, lo - 3), min(len(self.items), lo + 2)):
            mention = self.items[k]
            if mention.start <= start and end <= mention.end:
                return mention
        return None


@dataclass(frozen=True)
class _Agreement:
    feminine_heads: frozenset[str]
    masculine_places: frozenset[str]
    feminine_title_words: frozenset[str]
    role_plurals: frozenset[str]


@lru_cache(maxsize=1)
def _agreement() -> _Agreement:
    data = read_yaml("data/ar/agreement.yaml")
    return _Agreement(
        feminine_heads=frozenset(normalize(w) for w in data["feminine_heads"]),
        masculine_places=frozenset(normalize(w) for w in data["masculine_places"]),
        feminine_title_words=frozenset(normalize(w) for w in data["feminine_title_words"]),
        role_plurals=frozenset(normalize(w) for w in data["role_plurals"]),
    )


def _head_is_feminine(word: str) -> bool:
    data = _agreement()
    bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
    return (
        word.endswith("ه")
        or bare.endswith("ات")
        or word in data.feminine_heads
        or bare in data.feminine_heads
    )


def gender_of_entity(entity: Entity) -> str:
    """Grammatical gender an Arabic verb shows for ``entity`` ("m" or "f")."""
    return _gender_of_name(entity.type, entity.title, entity.canonical)


@lru_cache(maxsize=65536)
def _gender_of_name(entity_type: str, title: str | None, canonical: str) -> str:
    """:func:`gender_of_entity` from what it reads of an entity (asked for every mention of it,
    remembered per name)."""
    data = _agreement()
    if entity_type == "PERSON":
        if title:
            words = normalize(title).split()
            if words and (
                words[0].endswith("ه") or any(w in data.feminine_title_words for w in words)
            ):
                return "f"
        return "m"
    canonical = normalize(canonical)
    if entity_type == "LOC":
        return "m" if canonical in data.masculine_places else "f"
    words = canonical.split()
    return "f" if words and _head_is_feminine(words[0]) else "m"


def agrees(who: Who, verb_gender: str | None) -> bool:
    """Whether ``who`` can be the subject that follows a verb of ``verb_gender``.

    A verb before its subject agrees with it in gender: "واتهمت الجيش" has a dropped feminine
    subject and الجيش is its object; "وطالبت مجلس الأمن" likewise. Only a feminine verb with a
    masculine singular name or definite noun is told apart (indefinite broken plurals of things
    take either gender).
    """
    if verb_gender != "f" or who.gender != "m" or who.number == "pl" or who.partners:
        return True
    if who.id is not None:
        # a person's gender is not written in the name (فاطمة بوزيد، آنا ماريا): only bodies
        # and places are told apart
        return who.entity_type == "PERSON"
    words = normalize(who.text).split()
    head = words[0] if words else ""
    if head[:1] in "وف" and head[1:3] == "ال":
        head = head[1:]
    return not (head.startswith("ال") and not head.endswith(("ون", "ين")))


def gender_of_text(text: str) -> str:
    """Gender of an unnamed participant from its head word ("الأطراف المجتمعة" → f)."""
    words = normalize(text).split()
    return "f" if words and _head_is_feminine(words[0]) else "m"


@dataclass(frozen=True)
class Country:
    """A country a nisba adjective stands for: its Arabic name as the gazetteer spells it, its
    English name and ISO 3166-1 alpha-3 code (PLOVER's actor code for states) when known."""

    name: str
    latin: str | None
    code: str | None


# The nisba lexicon is the entities component's data file (one file for both components);
# country names in English come from its gazetteer, and ISO codes from pycountry.
NISBA_FILE = "data/ar/entities/nisba.yaml"
GAZETTEER_FILE = "data/ar/entities/gazetteer.tsv"
# How close (0–100) an English country name must be to ISO's to take its code.
ISO_NAME_SIMILARITY = 75


@lru_cache(maxsize=1)
def _latin_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in read_text(GAZETTEER_FILE).splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 5 and fields[1] == "LOC":
            key = normalize(fields[3])
            # a country row wins over a city of the same name (عمان: Oman, not Amman)
            if key not in names or fields[2].startswith("countr"):
                names[key] = fields[4]
    return names


@lru_cache(maxsize=1)
def _ascii_country_names() -> dict[str, str]:
    def fold(text: str) -> str:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()

    return {fold(c.name): str(c.alpha_3) for c in pycountry.countries}


def _iso3(latin: str | None) -> str | None:
    if not latin:
        return None
    try:
        return str(pycountry.countries.lookup(latin).alpha_3)
    except LookupError:
        pass
    try:
        return str(pycountry.countries.search_fuzzy(latin)[0].alpha_3)
    except LookupError:
        pass
    # names ISO spells differently ("Turkey" / "Türkiye")
    names = _ascii_country_names()
    best = process.extractOne(
        latin, list(names), scorer=fuzz.ratio, score_cutoff=ISO_NAME_SIMILARITY
    )
    return names[best[0]] if best else None


@lru_cache(maxsize=1)
def _nisba_table() -> dict[str, Country]:
    data = read_yaml(NISBA_FILE)
    latin = _latin_names()
    table: dict[str, Country] = {}
    for name, adjectives in (data.get("countries") or {}).items():
        english = latin.get(normalize(str(name)))
        country = Country(name=str(name), latin=english, code=_iso3(english))
        table[normalize(str(name))] = country
        for adjective in adjectives or ():
            table.setdefault(normalize(str(adjective)), country)
    return table


@lru_cache(maxsize=4096)
def country_by_name(name: str) -> Country | None:
    """The country called ``name`` (as the gazetteer spells it), or None."""
    return _nisba_table().get(normalize(name))


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def nisba_country(norm: str) -> Country | None:
    """The country a nisba adjective stands for ("الأميركية" → the United States), or None.

    Asked of most words of an article, several times: remembered per word."""
    if norm in _NISBA_OF:
        return _NISBA_OF[norm]
    if len(_NISBA_OF) > _NISBA_MEMO_SIZE:
        _NISBA_OF.clear()  # a long run meets an open vocabulary: start again, bounded
    found = _NISBA_OF[norm] = _read_nisba(norm)
    return found


# word → the country its nisba names (None: none); cleared when it grows past the bound
_NISBA_OF: Final[dict[str, Country | None]] = {}
_NISBA_MEMO_SIZE: Final = 200_000


def _read_nisba(norm: str) -> Country | None:
    table = _nisba_table()
    for reading in variants(norm):
        word = reading.word
        if reading.suffix:
            continue
        if not reading.article and not word.endswith(("ي", "يه", "يون", "يين", "يات")):
            continue
        for ending in ("يين", "يون", "يات", "يه", "ي"):
            if word.endswith(ending):
                base = word[: -len(ending)] + "ي"
                if base in table and normalize(table[base].name) != base:
                    return table[base]
    return None


_MEMO = threading.local()  # one per thread: the web API analyses articles in threads


def memo(doc: Document, name: str, make: Callable[[], T]) -> T:
    """``make()`` once per document for the components that share it (quotes, events and
    commitments all need the quotations' regions and the clause subjects).

    Components return a new Document with the same text, tokens and entities objects, so
    those objects' identities tell that it is still the same article (they are kept alive
    here, so their ids cannot be reused by another article meanwhile).
    """
    key = (id(doc.text), id(doc.tokens), id(doc.entities))
    if getattr(_MEMO, "key", None) != key:
        _MEMO.key = key
        _MEMO.values = {"_keep": (doc.text, doc.tokens, doc.entities)}
    values: dict[str, Any] = _MEMO.values
    if name not in values:
        values[name] = make()
    result: T = values[name]
    return result


def shared_view(doc: Document) -> View:
    """One :class:`View` (tokens, sentences, clauses, dates) per article for the components
    that read it; built once, as the text, tokens and dates do not change between them."""
    view = memo(doc, "view", lambda: View(doc))
    if view.doc.dates is not doc.dates:  # a Document with another date layer
        return View(doc)
    return view


def quotation_regions(doc: Document) -> list[tuple[int, int]]:
    """Spans of the quotations in marks of ``doc`` (computed once per article)."""
    return memo(doc, "regions", lambda: quoted_regions(doc.text))


def document_subjects(doc: Document, view: View, mentions: Mentions) -> list[Who]:
    """:func:`clause_subjects` of ``doc`` outside its quotations (computed once per article)."""
    return memo(doc, "subjects", lambda: clause_subjects(view, mentions, quotation_regions(doc)))


class Salience:
    """Participants in the order the text introduced them, for resolving verbs with no subject."""

    def __init__(self, items: list[Who] | None = None) -> None:
        self.items: list[Who] = sorted(items or (), key=lambda w: w.start)

    def add(self, who: Who) -> None:
        bisect.insort(self.items, who, key=lambda w: w.start)

    def latest(
        self, before: int, gender: str | None, number: str | None = None, *, after: int = -1
    ) -> Who | None:
        """The last participant introduced before offset ``before`` that agrees in gender/number."""
        for who in reversed(self.items):
            if who.start >= before or who.start < after:
                continue
            if gender and who.gender and who.gender != gender:
                continue
            if number == "pl" and who.number == "sg":
                continue
            if number == "sg" and who.number == "pl":
                continue
            return who
        return None


@dataclass(frozen=True)
class _Stops:
    complementisers: frozenset[str]
    prepositions: frozenset[str]
    stops: frozenset[str]
    channels: Lexicon[str]
    adverbs: Lexicon[str]
    relatives: frozenset[str]
    quantifiers: frozenset[str]
    anonymous_sources: frozenset[str]
    same_one: frozenset[str]
    own_country: frozenset[str]
    article_lookalikes: frozenset[str]


@lru_cache(maxsize=1)
def _subject_stops() -> _Stops:
    cues = read_yaml("data/ar/reporting_cues.yaml")
    prepositions = frozenset(
        normalize(w) for w in cues["cue_prepositions"] if len(normalize(w)) > 1
    ) | {"مع", "ضد"}
    return _Stops(
        complementisers=frozenset(normalize(w) for w in cues["complementisers"]),
        prepositions=prepositions,
        stops=prepositions | frozenset(normalize(w) for w in cues["subject_stops"]),
        channels=phrase_set(cues["channels"]),
        adverbs=phrase_set(cues["adverbs"]),
        relatives=frozenset(normalize(w) for w in cues["relatives"]),
        quantifiers=frozenset(normalize(w) for w in cues["quantifiers"]),
        anonymous_sources=frozenset(normalize(w) for w in cues["anonymous_sources"]),
        same_one=frozenset(normalize(w) for w in cues["same_one"]),
        own_country=frozenset(normalize(w) for w in cues["own_country"]),
        article_lookalikes=frozenset(normalize(w) for w in cues["article_lookalikes"]),
    )


# _subject_stops() once loaded, for the helpers asked for every token (no lru call each time).
_STOPS: Final[list[_Stops]] = []


def _stops() -> _Stops:
    if _STOPS:
        return _STOPS[0]
    stops = _subject_stops()
    _STOPS.append(stops)
    return stops


def channel_at(view: View, index: int) -> bool:
    """Whether token ``index`` is a channel-of-speech noun ("بيان"، "تصريح"، "تقديرات")."""
    return (
        _stops().channels.match(view.tokens, index, allow=("conj", "prep", "article", "suffix"))
        is not None
    )


def adverb_at(view: View, index: int) -> int:
    """Number of tokens of an adverb at ``index`` ("لاحقا"، "أمس الأول"), or 0."""
    hit = _stops().adverbs.match(view.tokens, index, allow=("conj",))
    return hit[2] if hit else 0


def is_complementiser(view: View, index: int) -> bool:
    complementisers = _stops().complementisers
    norm = view.tokens[index].norm
    return norm in complementisers or (norm[:1] in "وف" and norm[1:] in complementisers)


def subject_after(
    view: View, mentions: Mentions, index: int, *, limit: int | None = None, source: bool = False
) -> Who | None:
    """The subject that follows the verb (or source word) at token ``index``, or None.

    Adverbials between the verb and its subject are skipped (dates, "اليوم"). The subject runs
    to a complementiser, a preposition that opens an object (إلى، على، مع، من، عن), a channel of
    speech ("في بيان"), a colon or quotation mark, or a comma that is not followed by a name
    in apposition. Inside it the first person named is the subject ("رئيس اللجنة، ريبوار
    هادي"), else a name that opens it ("قيادة العمليات المشتركة"); with no name the subject is
    the phrase itself ("الأطراف المجتمعة"). ``source``: the phrase after بحسب/وفق, whose
    leading channel noun is skipped ("بحسب بيانات الجهاز" → الجهاز).
    """
    tokens = view.tokens
    norms = norms_of(tokens)
    _s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(index))
    hi_limit = min(s_hi, limit if limit is not None else s_hi)
    stops = _stops()
    i = index + 1
    skipped = 0
    # skip adverbials and commas right after the verb
    while i < hi_limit and skipped <= 6:
        if view.in_date(i) or norms[i] in {"،", ","}:
            i += 1
            skipped += 1
            continue
        width = adverb_at(view, i)
        if not width:
            break
        i += width
        skipped += width
    if i >= hi_limit or skipped > 6:
        return None
    first = i
    norm = norms[first]
    if (
        is_complementiser(view, first)
        or norm in stops.stops  # "وجرى خلال اللقاء توقيع": a circumstance, no subject
        or norm in {":", "في", "ب", "ل", "بـ", "لـ"}
        or norm in QUOTE_MARKS
        or view.is_break(first)
    ):
        return None
    if source:
        while (
            first < hi_limit and channel_at(view, first) and first - index <= SUBJECT_START_WINDOW
        ):
            first += 1
        if first >= hi_limit:
            return None
    # find the end of the subject phrase
    last = first
    j = first
    while j < hi_limit and j - first < SUBJECT_MAX_WORDS:
        token = tokens[j]
        norm = norms[j]
        inside_name = mentions.covering(token.start, token.end) is not None
        if j > first and not inside_name and norm in stops.stops and norm not in stops.prepositions:
            # "رئيس لجنة الأسرى لدى الحوثيين، عبد الرحمن الشامي": a circumstance inside a title
            resume = _apposition_after(view, mentions, j, hi_limit)
            if resume is not None:
                j = resume
                continue
        if norm == "من" and j > first and norms[j - 1].removeprefix("ال") in stops.quantifiers:
            last = j  # "أكثر من 40 نائبا": من after a quantifier
            j += 1
            continue
        if (
            j > first
            and not inside_name
            and norm in _TITLE_PREPOSITIONS
            and _person_soon(view, mentions, j + 1, hi_limit)
        ):
            j += 1  # "النائب عن كركوك خليل إبراهيم البياتي": a title's complement, then the name
            continue
        if j > first and not inside_name and (is_complementiser(view, j) or norm in stops.stops):
            if norm == "الي" and j + 1 < hi_limit:
                # "المبعوث الخاص … إلى ليبيا": a title's destination, then the subject ends
                after = mentions.starting_in(tokens[j + 1].start, tokens[j + 1].end)
                if (
                    after
                    and after[0].entity.type == "LOC"
                    and not _names_in(mentions, tokens[first].start, tokens[first].end)
                ):
                    last = view.token_at(after[0].end - 1)
                    j = last + 1
                    if j < hi_limit and norms[j] in {"،", ","}:
                        continue  # "المبعوث الأممي إلى اليمن، هانس غروندبرغ": the name follows
                break
            break
        if norm in QUOTE_MARKS or norm in {":", "؛", ";", ".", "(", ")"}:
            break
        if norm == "في" and j + 1 < hi_limit and channel_at(view, j + 1):
            break
        if norm in {"،", ","}:
            nxt = j + 1
            if nxt < hi_limit and _apposition(view, mentions, nxt):
                j += 1
                continue
            break
        if j > first and view.in_date(j):
            break
        last = j
        j += 1
    start, end = tokens[first].start, tokens[last].end
    if end <= start:
        return None
    return _choose(view, mentions, start, end, first)


# Prepositions inside a title before the person's name ("النائب عن كركوك"، "مسؤول في الوزارة").
_TITLE_PREPOSITIONS = frozenset({"عن", "في", "من"})


def _person_soon(view: View, mentions: Mentions, index: int, hi: int) -> bool:
    """Whether a person's name begins within a few words at ``index``, with no break before it.

    The title's complement may itself be a name ("النائب عن كركوك خليل إبراهيم البياتي"): a
    place or body right at ``index`` is stepped over."""
    k = index
    while k < min(index + 4, hi):
        if view.is_break(k) or is_complementiser(view, k):
            return False
        found = mentions.starting_in(view.tokens[k].start, view.tokens[k].end)
        if found:
            if found[0].entity.type == "PERSON":
                return True
            if k != index:
                return False
            k = view.token_at(found[0].end - 1) + 1
            continue
        k += 1
    return False


def _apposition_after(view: View, mentions: Mentions, index: int, hi: int) -> int | None:
    """Index of the comma before a person's name within a few words after ``index``, or None."""
    for k in range(index + 1, min(index + 5, hi - 1)):
        norm = view.tokens[k].norm
        if norm in {"،", ","}:
            return k if _apposition(view, mentions, k + 1) else None
        if view.is_break(k) or is_complementiser(view, k):
            return None
    return None


def _names_in(mentions: Mentions, start: int, end: int) -> bool:
    return bool(mentions.starting_in(start, end))


def clause_subjects(view: View, mentions: Mentions, skip: list[tuple[int, int]] = ()) -> list[Who]:  # type: ignore[assignment]
    """Named subjects of clause-initial verbs ("وانتقل محافظ الجيزة، اللواء …"، "في المقابل، رفض الوزير").

    Arabic news opens most sentences and many clauses with a verb; a name right after it is its
    subject, and becomes the referent of the verbs and cues that follow without a subject of
    their own (", مؤكدا أن"). Clauses inside quotations (``skip``) are not the narrator's.
    """
    tokens = view.tokens
    norms = norms_of(tokens)
    found: list[Who] = []
    openers = _openers()
    for lo, hi in view.sentence_ranges:
        k = lo
        while k < hi:
            if k == lo or (norms[k - 1] in {"،", ","}):
                start = tokens[k].start
                skip_opener = openers.match(tokens, k, allow=_CONJ)
                if skip_opener is not None and k + skip_opener[2] < hi:
                    k += skip_opener[2]
                opener = tokens[k]
                # the cheap conditions first; a name soon after (several look-ups) last
                if (
                    not view.is_break(k)
                    and not view.in_date(k)
                    and norms[k][:1].isalpha()
                    and not inside(skip, start)
                    and mentions.covering(opener.start, opener.end) is None
                    and _name_soon(
                        tokens, mentions, k + 1, min(k + 1 + SUBJECT_START_WINDOW + 2, hi)
                    )
                ):
                    who = subject_after(view, mentions, k, limit=hi)
                    if who is not None and who.id is not None and who.start - tokens[k].end < 40:
                        found.append(Who(who.id, who.text, start, who.end, who.gender, "sg"))
            k += 1
    return found


def inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is inside one of ``spans`` (a plain loop: no generator per clause)."""
    for a, b in spans:
        if a <= offset < b:
            return True
    return False


def _name_soon(tokens: Sequence[Token], mentions: Mentions, lo: int, hi: int) -> bool:
    """Whether a mention starts inside one of ``tokens[lo:hi]`` (no list per token)."""
    starts = mentions.starts
    n = len(starts)
    for j in range(lo, hi):
        token = tokens[j]
        index = bisect_left_int(starts, token.start, 0)
        if index < n and starts[index] < token.end:
            return True
    return False


@lru_cache(maxsize=1)
def _openers() -> Lexicon[str]:
    from marsad.extract.clauses import modality_data

    return modality_data().clause_breaks


def _apposition(view: View, mentions: Mentions, index: int) -> bool:
    """Whether the words at ``index`` continue a subject after a comma: a person's name, with or without a rank."""
    tokens = view.tokens
    for k in range(index, min(index + 4, len(tokens))):
        if view.is_break(k):
            return False
        found = mentions.starting_in(tokens[k].start, tokens[k].end)
        if found:
            return found[0].entity.type == "PERSON"
    return False


def _choose(view: View, mentions: Mentions, start: int, end: int, first: int) -> Who:
    text = view.doc.text
    inside = [m for m in mentions.starting_in(start, end) if m.end <= end + 1]
    persons = [m for m in inside if m.entity.type == "PERSON"]
    first_token = view.tokens[first]
    chosen = persons[0] if persons else None
    if (
        chosen is None
        and inside
        and (inside[0].start < first_token.end or generic_before_name(view, first, inside[0]))
    ):
        chosen = inside[0]
    if chosen is not None:
        return conjoined(view, mentions, chosen, end)
    countries = role_of_countries(view, mentions, first, view.token_at(max(start, end - 1)))
    if countries is not None:
        return countries
    end = _complement_end(view, mentions, view.token_at(end - 1) + 1, end)
    phrase = text[start:end].strip(" ،,")
    # the clitic و/ف on the subject's first word is not part of it
    who = Who(id=None, text=phrase, start=start, end=end, gender=gender_of_text(phrase))
    return resolve_unnamed(view, mentions, who)


def _without_conjunction(norm: str) -> str:
    """A word without a leading و or ف, when what is left is still a word of four letters."""
    return norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm


def leading_clitics(token: Token) -> list[str]:
    """The clitics the tokenizer split off the front of a word, normalised ("وبالحكومة" → و، ب)."""
    clitics = []
    for segment in token.segments:
        if segment.role != "prefix":
            break
        clitics.append(normalize(segment.text))
    return clitics


def looks_like_verb(norm: str) -> bool:
    """Whether a word has the shape only a plural verb has: a past ending in وا ("رددوا"،
    "قطعوا") or a present with ي… ون ("يتظاهرون"), no article; conjunctions removed."""
    norm = _without_conjunction(norm)
    if norm.startswith("ال") or len(norm) < 4:
        return False
    return norm.endswith("وا") or (norm.startswith("ي") and norm.endswith("ون") and len(norm) >= 5)


def phrase_case(text: str) -> str | None:
    """The case an unnamed phrase's head shows by its plural or dual ending: "oblique" (…ين:
    "ودعا الطرفين"، "اتهم المحتجين": an object) or "nominative" (…ون، …ان of a dual or plural
    after the article: "اتفق الطرفان"، "قال المحتجون"); None when the head shows none."""
    words = normalize(text).split()
    if not words:
        return None
    head = words[0]
    if head[:1] in "وف" and head[1:3] == "ال":
        head = head[1:]
    bare = head.removeprefix("ال")
    if len(bare) < 4:
        return None
    if bare.endswith("ين"):
        return "oblique"
    if bare.endswith("ون") or (head.startswith("ال") and bare.endswith("ان") and len(bare) > 4):
        return "nominative"
    return None


def generic_before_name(view: View, first: int, mention: Mention) -> bool:
    """ "منظمة هيومن رايتس ووتش"، "حزب بوديموس": a generic noun of bodies before the name, which
    the name stands for alone."""
    if first + 1 >= len(view.tokens) or view.tokens[first + 1].start != mention.start:
        return False
    return _without_conjunction(view.tokens[first].norm).removeprefix("ال") in lexicon().org_generic


def _complement_end(view: View, mentions: Mentions, k: int, end: int) -> int:
    """End of an unnamed participant with the place or body it belongs to ("عشرات التجار من
    مدينة بن قردان"، "أهالي في حي الصاخور"، "نواب عن الإقليم"): a preposition (في، من، عن)
    and a name or a definite noun; a channel ("في بيان") or a date is not part of it."""
    tokens = view.tokens
    if k + 1 >= len(tokens) or tokens[k].norm not in _TITLE_PREPOSITIONS:
        return end
    nxt = k + 1
    if view.in_date(nxt) or channel_at(view, nxt) or view.is_break(nxt):
        return end
    found = mentions.starting_in(tokens[nxt].start, tokens[nxt].end)
    if not found and nxt + 1 < len(tokens) and not tokens[nxt].norm.startswith("ال"):
        # "من مدينة بن قردان"، "في حي الصاخور": a place noun before the name
        found = mentions.starting_in(tokens[nxt + 1].start, tokens[nxt + 1].end)
        if found and found[0].entity.type != "LOC":
            found = []
    if (
        found
        and found[0].start <= tokens[nxt + (0 if found[0].start < tokens[nxt].end else 1)].start + 1
    ):
        stop = found[0].end
        k2 = view.token_at(stop - 1) + 1
        return _complement_end(view, mentions, k2, stop) if k2 < len(tokens) else stop
    if not tokens[nxt].norm.startswith("ال") or _subject_stops().channels.match(
        tokens, nxt, allow=("article",)
    ):
        return end
    last = nxt
    # the noun and its definite adjectives ("الأحياء الشرقية")
    while (
        last + 1 < len(tokens)
        and tokens[last + 1].norm.startswith("ال")
        and _adjective(tokens[last + 1].norm)
    ):
        last += 1
    return tokens[last].end


def role_of_countries(view: View, mentions: Mentions, first: int, last: int) -> Who | None:
    """ "قادة العراق والأردن ومصر"، "وزراء الطاقة في لبنان والأردن": a plural of office holders
    whose complement names countries stands for those countries (the first one is the
    participant; the text is the whole phrase)."""
    tokens = view.tokens
    if first >= len(tokens):
        return None
    head = tokens[first].norm
    clitic = head[:1] in "وف" and head[1:] in _agreement().role_plurals
    if clitic:
        head = head[1:]
    if head not in _agreement().role_plurals:
        return None
    places: list[Mention] = []
    k = first + 1
    while k <= last and k < len(tokens):
        found = [m for m in mentions.starting_in(tokens[k].start, tokens[k].end)]
        if found and found[0].entity.type == "LOC":
            places.append(found[0])
            k = view.token_at(found[0].end - 1) + 1
            continue
        if places and not tokens[k].norm.startswith("و"):
            break
        if not places and (view.is_break(k) or k > first + 3):
            return None
        k += 1
    if not places:
        return None
    start, end = tokens[first].start + (1 if clitic else 0), places[-1].end
    text = view.doc.text[start:end]
    entity = places[0].entity
    return Who(entity.id, text, start, end, "m", "pl")


def conjoined(view: View, mentions: Mentions, mention: Mention, limit: int | None = None) -> Who:
    """The participant named by ``mention`` with the names joined to it by و ("بغداد
    وواشنطن"، "حداد والعبادي"): the first conjunct is the participant, the text names them all."""
    text = view.doc.text
    who = mentions.who(mention)
    names = [mention.entity.canonical]
    partners: list[str] = []
    end = mention.end
    while True:
        k = view.token_at(end)
        if k >= len(view.tokens) or (limit is not None and view.tokens[k].start >= limit):
            break
        token = view.tokens[k]
        if text[end : token.start].strip() or not token.norm.startswith("و") or len(token.norm) < 3:
            break
        following = [
            m for m in mentions.starting_in(token.start, token.end) if m.start > token.start
        ]
        if not following or following[0].entity.type != mention.entity.type:
            break
        other = following[0]
        if other.entity.id != mention.entity.id and other.entity.id not in partners:
            names.append(other.entity.canonical)
            partners.append(other.entity.id)
        end = other.end
    if not partners:
        return who
    return Who(
        who.id, " و".join(names), who.start, end, who.gender, "pl", tuple(partners), who.entity_type
    )


def _bare(norm: str) -> str:
    """A normalised word without its article ("الوزارة" → "وزاره")."""
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm


def refer_back(mentions: Mentions, who: Who) -> Who:
    """An unnamed definite participant that refers back to a named one by its head noun.

    News names a body or an office once in full and then by its head alone: "الوزارة" after
    "وزارة التعليم السعودية", "اللجنة النيابية" after "لجنة الصحة والغذاء النيابية",
    "الوالي" after "والي وهران، عبد القادر بلعيد". The most recent entity mentioned before the
    phrase whose name (for a person: whose title) opens with that noun, and holds the phrase's
    other words, is the participant.
    """
    if who.id is not None:
        return who
    words = normalize(who.text).split()
    if words and words[0][:1] in "وف" and words[0][1:3] == "ال":
        words[0] = words[0][1:]
    if not words or len(words) > 3 or not all(w.startswith("ال") for w in words):
        return who
    bare = [_bare(w) for w in words]
    for mention in reversed(mentions.items):
        if mention.start >= who.start:
            continue
        entity = mention.entity
        if _opens_with(entity.title if entity.type == "PERSON" else entity.canonical, bare):
            return _standing_for(entity, who, who.number)
    return who


def _opens_with(name: str | None, words: list[str]) -> bool:
    """Whether ``name`` opens with the first of ``words`` and holds the others (bare words)."""
    name_words = [_bare(w) for w in normalize(name or "").split()]
    return bool(name_words) and name_words[0] == words[0] and all(w in name_words for w in words[1:])


def _standing_for(entity: Entity, who: Who, number: str | None, entity_type: str | None = None) -> Who:
    """The entity an unnamed participant stands for, at the participant's place."""
    return Who(
        entity.id,
        entity.canonical,
        who.start,
        who.end,
        gender_of_entity(entity),
        number,
        entity_type=entity_type,
    )


def organisation_of(view: View, mentions: Mentions, entity: Entity) -> Who | None:
    """The body a person speaks for ("المتحدث باسم وزارة النفط، حيدر الموسوي" → the ministry):
    "we" and "our" in the person's quotations are that body's acts."""
    if entity.type != "PERSON":
        return None
    tokens = view.tokens
    for span in entity.mentions:
        k = view.token_at(span.start)
        s_lo, _ = view.sentence_tokens(view.sentence_of_token(min(k, len(tokens) - 1)))
        for j in range(k - 1, max(s_lo, k - 10) - 1, -1):
            if tokens[j].norm in QUOTE_MARKS or tokens[j].norm in {".", ":", "؛"}:
                break
            found = mentions.covering(tokens[j].start, tokens[j].end)
            if found is not None and found.entity.type == "ORG":
                return of_mention(found)
    if entity.title:
        words = entity.title.split()
        for k in range(len(words)):
            phrase = " ".join(words[k : k + 1])
            if normalize(phrase).startswith("ال"):
                start = entity.mentions[0].start if entity.mentions else 0
                who = refer_back(mentions, Who(None, phrase, start, start))
                if who.id is not None and who.id != entity.id:
                    return who
    return None


def antecedent(view: View, mentions: Mentions, index: int) -> Who | None:
    """The name a relative pronoun right before token ``index`` refers to ("لجان المقاومة، التي اعتبرت")."""
    tokens = view.tokens
    k = index - 1
    if k < 1 or tokens[k].norm not in _subject_stops().relatives:
        return None
    k -= 1
    while k > 0 and (tokens[k].norm in {"،", ","} or tokens[k].norm in QUOTE_MARKS):
        k -= 1
    mention = mentions.covering(tokens[k].start, tokens[k].end)
    if mention is None or mention.end < tokens[k].end:
        return None
    return of_mention(mention)


def entity_before(view: View, mentions: Mentions, index: int, reach: int = 2) -> Who | None:
    """A named subject right before the verb at ``index`` ("المفوضية طلبت"، "الأردن سيبدأ"،
    "قاسم الأعرجي، استضاف"); a comma may stand between them."""
    tokens = view.tokens
    s_lo, _ = view.sentence_tokens(view.sentence_of_token(index))
    k = index - 1
    if k >= s_lo and tokens[k].norm in {"،", ","}:
        k -= 1
    if k < s_lo:
        return None
    # the name may carry a clitic ("وأربيل"): it ends with the word
    mention = mentions.covering(tokens[k].end - 1, tokens[k].end)
    if mention is None or mention.end < tokens[k].end:
        return None
    # a compound subject before its verb: "مصر والسودان تطالبان"
    while True:
        k0 = view.token_at(mention.start)
        token = view.tokens[k0]
        if k0 - 1 < s_lo or not (token.start < mention.start and token.norm.startswith("و")):
            break
        found = mentions.covering(view.tokens[k0 - 1].start, view.tokens[k0 - 1].end)
        if found is None or found.end != view.tokens[k0 - 1].end:
            break
        mention = found
    return conjoined(view, mentions, mention, tokens[index].start)


def _definite(norm: str) -> bool:
    """A definite word that can continue a noun phrase: with the article, and at most و ف or
    the genitive ل before it ("للأمين العام"); "بالخطوة" begins a complement instead."""
    return norm.startswith(("ال", "لل")) or (norm[:1] in "وفل" and norm[1:3] == "ال")


def _adjective(norm: str) -> bool:
    """A word that reads as an adjective after a noun: a nisba (…ي، …ية، …يين) or a participle (الم…)."""
    bare = norm.removeprefix("ال")
    return (len(bare) >= 4 and bare.endswith(("ي", "يه", "يين", "يون", "يات", "ين"))) or (
        norm.startswith("ال") and bare.startswith("م")
    )


def _name_adjective(norm: str) -> bool:
    """Adjectives of bodies that are neither nisbas nor participles ("العامة", "العليا", "المشتركة")."""
    lex = lexicon()
    word = norm.removeprefix("ال")
    return word in lex.org_qualifiers or word in lex.org_trailing


def looks_definite_but_is_not(norm: str) -> bool:
    """إلى، على، إلا: function words spelt with the letters of the article."""
    return norm in _stops().article_lookalikes


def is_title_role(norm: str) -> bool:
    """Whether a word is a role that heads a title ("المبعوث"، "رئيس")."""
    if not _ROLES:
        _ROLES.append(lexicon().roles)
    return norm.removeprefix("ال") in _ROLES[0]


# lexicon().roles once loaded (asked for many words of every article: no lru call each time)
_ROLES: Final[list[frozenset[str]]] = []


def _preposition_clitic(token: Token) -> bool:
    """Whether a word carries the preposition ب or ك ("بولاية"، "كشريك")."""
    return any(clitic in ("ب", "ك") for clitic in leading_clitics(token))


def noun_phrase(view: View, who: Who, mentions: Mentions | None = None) -> Who:
    """An unnamed participant cut to its noun phrase ("سكان حي الشعايبية السلطات المحلية" →
    "سكان حي الشعايبية"; "المؤسسة مذكرة تفاهم" → "المؤسسة").

    A definite head takes definite adjectives and genitives ("المبعوث الخاص للأمين العام"); an
    indefinite construct runs through indefinite words to the first definite one, after which
    only nisba adjectives follow; a number may open the phrase ("أكثر من 40 نائبا مستقلا"). A
    place phrase ("في السودان") ends it.
    """
    if who.id is not None:
        return who
    tokens = view.tokens
    k = view.token_at(who.start)
    end_index = view.token_at(max(who.start, who.end - 1))
    last = k
    head_seen = definite = adjectives = head_definite = head_singular = False
    complement = None
    for j in range(k, min(end_index + 1, len(tokens))):
        norm = tokens[j].norm
        if (
            j > k
            and norm == "من"
            and tokens[j - 1].norm.removeprefix("ال") in _stops().quantifiers
        ):
            # "عشرات من سكان الحي", "عدد من أصحاب المطاعم": the counted group is the participant
            head_seen = definite = adjectives = head_definite = head_singular = False
            last = j
            continue
        if j > k and norm in _TITLE_PREPOSITIONS:
            if mentions is not None and not head_definite:
                complement = _complement_end(view, mentions, j, tokens[last].end)
            break
        if j > k and (looks_definite_but_is_not(norm) or norm in _stops().relatives):
            # إلى، على، التي read like definite words but end the phrase; an envoy's
            # destination stays in it ("المبعوث الخاص … إلى ليبيا")
            if (
                norm == "الي"
                and mentions is not None
                and any(is_title_role(tokens[m].norm) for m in range(k, j))
            ):
                place = (
                    mentions.starting_in(tokens[j + 1].start, tokens[j + 1].end)
                    if j + 1 < len(tokens)
                    else []
                )
                if place and place[0].entity.type == "LOC" and place[0].end <= who.end:
                    last = view.token_at(place[0].end - 1)
            break
        if not head_seen and (norm in {"اكثر", "اقل", "نحو", "حوالي", "من"} or norm[:1].isdigit()):
            last = j
            continue
        if not head_seen:
            head_seen, definite = True, _definite(norm)
            head_definite = definite
            head_singular = definite and norm.endswith("ه")
        elif (
            definite
            and norm[:1] == "و"
            and (
                _definite(norm[1:])
                or (mentions is not None and mentions.covering(tokens[j].start, tokens[j].end))
            )
        ):
            pass  # coordinated names: "قادة العراق والأردن ومصر"
        elif adjectives and _definite(norm):
            break  # "مبادرات مجتمعية المعلمين": the object after an adjective
        elif definite:
            if not _definite(norm) or (not head_definite and not _adjective(norm)):
                break
            if head_singular and norm.endswith(("ين", "ون")):
                break  # "الوزارة المستهلكين": a plural after a singular head is the object
            if (
                head_definite
                and j == k + 1
                and not norm.startswith("لل")
                and not _adjective(norm)
                and not _name_adjective(norm)
            ):
                break  # "الأمانة السكان": a definite head takes no definite genitive; it is the object
        elif _definite(norm):
            definite = True
        elif _adjective(norm):
            adjectives = True
        elif adjectives or _preposition_clitic(tokens[j]):
            break  # "سكان حي بلقايد بولاية وهران": a place complement begins
        last = j
    start, end = tokens[k].start, tokens[last].end
    if leading_clitics(tokens[k])[:1] in (["و"], ["ف"]):
        # "والحكومة تتهمهم": the conjunction is not the participant's
        start += len(tokens[k].segments[0].text)
    if complement is not None and complement <= who.end + 1:
        end = max(end, complement)
    text = view.doc.text[start:end]
    found = Who(None, text, start, end, gender_of_text(text), who.number)
    if mentions is None:
        return found
    return resolve_unnamed(view, mentions, found)


def resolve_unnamed(view: View, mentions: Mentions, who: Who) -> Who:
    """An unnamed participant given the name it stands for, where the article gives one: the
    entity its head refers back to, the person who holds its title, the country of "بلاده",
    else its full form elsewhere in the article."""
    named = refer_back(mentions, who)
    if named.id is not None:
        return named
    holder = title_holder(mentions, named)
    if holder is not None:
        return holder
    country = own_country(mentions, named)
    if country is not None:
        return country
    return refer_back_to_phrase(view, mentions, named)


def title_holder(mentions: Mentions, who: Who) -> Who | None:
    """ "رئيس مجلس النواب" for نبيه بري when the article names him with that title: the
    nearest person (earlier ones first) whose title holds every word of the phrase, which opens
    with a role."""
    words = [_bare(w) for w in normalize(who.text).split()]
    if len(words) < 2 or not is_title_role(words[0]):
        return None
    before = [m for m in mentions.items if m.start < who.start]
    after = [m for m in mentions.items if m.start >= who.end]
    for mention in (*reversed(before), *after):
        entity = mention.entity
        if entity.type == "PERSON" and entity.title and _opens_with(entity.title, words):
            return _standing_for(entity, who, "sg", entity.type)
    return None


def own_country(mentions: Mentions, who: Who) -> Who | None:
    """ "بلاده"، "بلادها": the country of the person last named before it, read from the nisba
    of their title ("وزير الداخلية الموريتاني" → موريتانيا)."""
    if normalize(who.text) not in _stops().own_country:
        return None
    for mention in reversed([m for m in mentions.items if m.start < who.start]):
        entity = mention.entity
        if entity.type != "PERSON":
            continue
        for word in normalize(entity.title or "").split():
            country = nisba_country(word)
            if country is not None:
                return Who(None, country.name, who.start, who.end, "f", None)
        return None
    return None


def refer_back_to_phrase(view: View, mentions: Mentions, who: Who) -> Who:
    """A short unnamed office or body written in full elsewhere: "الإدارة" for "إدارة الميناء",
    "رئيس الوزراء" for "رئيس مجلس الوزراء". The nearest construct (earlier ones first) that
    opens with the same noun, without its article, and holds the phrase's other words gives
    the text; the span stays the short one's."""
    same = _stops().same_one  # "المصدر ذاته": the same one as before
    words = [_bare(w) for w in normalize(who.text).split() if w not in same]
    if not words or len(words) > 2:
        return who
    lex = lexicon()
    if (
        words[0] not in lex.org_heads
        and words[0] not in lex.roles
        and words[0] not in _stops().anonymous_sources
    ):
        return who  # only offices, bodies and sources go by their head ("القادة"، "سكان" do not)
    tokens = view.tokens
    here = view.token_at(who.start)
    # earlier text first, then later (a quotation may come before its speaker's full name)
    for k in (*range(here - 1, -1, -1), *range(here + len(words), len(tokens))):
        if tokens[k].norm != words[0] or k + 1 >= len(tokens):
            continue
        if mentions.covering(tokens[k].start, tokens[k].end) is not None:
            continue
        stop = min(view.sentence_tokens(view.sentence_of_token(k))[1], k + 6)
        full = noun_phrase(view, Who(None, "", tokens[k].start, tokens[stop - 1].end), None)
        full_words = [_bare(w) for w in normalize(full.text).split()]
        if len(full_words) > len(words) and all(w in full_words for w in words[1:]):
            return Who(None, full.text, who.start, who.end, who.gender, who.number)
    return who
