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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import pycountry
from rapidfuzz import fuzz, process

from marsad.document import Document, Entity
from marsad.extract.clauses import QUOTE_MARKS, Lexicon, View, phrase_set, variants
from marsad.resources import read_text, read_yaml
from marsad.text.normalize import normalize
from marsad.text.sentences import quoted_regions

T = TypeVar("T")

# How far after a verb its subject may start (in words), and how long a subject may be.
SUBJECT_START_WINDOW = 4
SUBJECT_MAX_WORDS = 14


@dataclass(frozen=True, slots=True)
class Who:
    """A participant as the text gives it: an entity id when one was found, its text always."""

    id: str | None
    text: str
    start: int
    end: int
    gender: str | None = None  # "m" or "f"
    number: str | None = None  # "sg" or "pl"; None when unknown


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
        self._covering: dict[tuple[int, int], Mention | None] = {}

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start inside ``[start, end)``, in order."""
        lo = bisect.bisect_left(self.starts, start)
        found = []
        for mention in self.items[lo:]:
            if mention.start >= end:
                break
            found.append(mention)
        return found

    def covering(self, start: int, end: int) -> Mention | None:
        """The mention that contains ``[start, end)``, if any."""
        key = (start, end)
        if key in self._covering:
            return self._covering[key]
        found = self._cover(start, end)
        self._covering[key] = found
        return found

    def _cover(self, start: int, end: int) -> Mention | None:
        lo = bisect.bisect_right(self.starts, start) - 1
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


@lru_cache(maxsize=1)
def _agreement() -> _Agreement:
    data = read_yaml("data/ar/agreement.yaml")
    return _Agreement(
        feminine_heads=frozenset(normalize(w) for w in data["feminine_heads"]),
        masculine_places=frozenset(normalize(w) for w in data["masculine_places"]),
        feminine_title_words=frozenset(normalize(w) for w in data["feminine_title_words"]),
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
    data = _agreement()
    if entity.type == "PERSON":
        if entity.title:
            words = normalize(entity.title).split()
            if words and (
                words[0].endswith("ه") or any(w in data.feminine_title_words for w in words)
            ):
                return "f"
        return "m"
    canonical = normalize(entity.canonical)
    if entity.type == "LOC":
        return "m" if canonical in data.masculine_places else "f"
    words = canonical.split()
    return "f" if words and _head_is_feminine(words[0]) else "m"


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


def nisba_country(norm: str) -> Country | None:
    """The country a nisba adjective stands for ("الأميركية" → the United States), or None."""
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
    )


def channel_at(view: View, index: int) -> bool:
    """Whether token ``index`` is a channel-of-speech noun ("بيان"، "تصريح"، "تقديرات")."""
    return (
        _subject_stops().channels.match(
            view.tokens, index, allow=("conj", "prep", "article", "suffix")
        )
        is not None
    )


def adverb_at(view: View, index: int) -> int:
    """Number of tokens of an adverb at ``index`` ("لاحقا"، "أمس الأول"), or 0."""
    hit = _subject_stops().adverbs.match(view.tokens, index, allow=("conj",))
    return hit[2] if hit else 0


def is_complementiser(view: View, index: int) -> bool:
    complementisers = _subject_stops().complementisers
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
    _s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(index))
    hi_limit = min(s_hi, limit if limit is not None else s_hi)
    stops = _subject_stops()
    i = index + 1
    skipped = 0
    # skip adverbials and commas right after the verb
    while i < hi_limit and skipped <= 6:
        if view.in_date(i) or tokens[i].norm in {"،", ","}:
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
    norm = tokens[first].norm
    if (
        is_complementiser(view, first)
        or norm in stops.prepositions
        or norm in {":", "في"}
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
        norm = token.norm
        inside_name = mentions.covering(token.start, token.end) is not None
        if j > first and not inside_name and norm in stops.stops and norm not in stops.prepositions:
            # "رئيس لجنة الأسرى لدى الحوثيين، عبد الرحمن الشامي": a circumstance inside a title
            resume = _apposition_after(view, mentions, j, hi_limit)
            if resume is not None:
                j = resume
                continue
        if norm == "من" and j > first and tokens[j - 1].norm in stops.quantifiers:
            last = j  # "أكثر من 40 نائبا": من after a quantifier
            j += 1
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
    found: list[Who] = []
    for lo, hi in view.sentence_ranges:
        k = lo
        while k < hi:
            if k == lo or (tokens[k - 1].norm in {"،", ","}):
                start = tokens[k].start
                opener = tokens[k]
                named_soon = any(
                    mentions.starting_in(tokens[j].start, tokens[j].end)
                    for j in range(k + 1, min(k + 1 + SUBJECT_START_WINDOW + 2, hi))
                )
                if (
                    named_soon
                    and not any(a <= start < b for a, b in skip)
                    and not view.is_break(k)
                    and not view.in_date(k)
                    and opener.norm[:1].isalpha()
                    and mentions.covering(opener.start, opener.end) is None
                ):
                    who = subject_after(view, mentions, k, limit=hi)
                    if who is not None and who.id is not None and who.start - tokens[k].end < 40:
                        found.append(Who(who.id, who.text, start, who.end, who.gender, "sg"))
            k += 1
    return found


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
    if chosen is None and inside and inside[0].start < first_token.end:
        chosen = inside[0]
    if chosen is not None:
        phrase = text[start : chosen.end].strip(" ،,")
        return Who(
            id=chosen.entity.id,
            text=phrase,
            start=chosen.start,
            end=chosen.end,
            gender=gender_of_entity(chosen.entity),
        )
    phrase = text[start:end].strip(" ،,")
    # the clitic و/ف on the subject's first word is not part of it
    return Who(id=None, text=phrase, start=start, end=end, gender=gender_of_text(phrase))


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
    return Who(
        mention.entity.id,
        view.doc.text[mention.start : mention.end],
        mention.start,
        mention.end,
        gender_of_entity(mention.entity),
    )


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
    mention = mentions.covering(tokens[k].start, tokens[k].end)
    if mention is None or mention.end < tokens[k].end:
        return None
    return Who(
        mention.entity.id,
        view.doc.text[mention.start : mention.end],
        mention.start,
        mention.end,
        gender_of_entity(mention.entity),
    )


def _definite(norm: str) -> bool:
    return norm.startswith("ال") or (norm[:1] in "وفبلك" and norm[1:3] == "ال")


def _adjective(norm: str) -> bool:
    """A word that reads as an adjective after a noun: a nisba (…ي، …ية، …يين) or a participle (الم…)."""
    bare = norm.removeprefix("ال")
    return (len(bare) >= 4 and bare.endswith(("ي", "يه", "يين", "يون", "يات", "ين"))) or (
        norm.startswith("ال") and bare.startswith("م")
    )


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
    head_seen = definite = adjectives = head_definite = False
    for j in range(k, min(end_index + 1, len(tokens))):
        norm = tokens[j].norm
        if j > k and norm == "في":
            break
        if not head_seen and (norm in {"اكثر", "اقل", "نحو", "حوالي", "من"} or norm[:1].isdigit()):
            last = j
            continue
        if not head_seen:
            head_seen, definite = True, _definite(norm)
            head_definite = definite
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
        elif _definite(norm):
            definite = True
        elif _adjective(norm):
            adjectives = True
        elif adjectives:
            break
        last = j
    start, end = tokens[k].start, tokens[last].end
    text = view.doc.text[start:end]
    return Who(None, text, start, end, gender_of_text(text), who.number)
