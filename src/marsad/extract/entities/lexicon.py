"""The entity component's language data, loaded once and normalised for matching.

Everything comes from files under ``data/ar/entities/`` (see ``data/README.md``): titles and
ranks, organisation and place head words, nisba adjectives, the generated gazetteer, Latin
exceptions and the romanisation table. Lists are written as Arabic is spelt and normalised
here, so a lexicon entry matches every spelling variant of a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.errors import DataFileError
from marsad.extract.entities.forms import bare
from marsad.resources import read_text, read_yaml
from marsad.text.normalize import normalize

DATA = "data/ar/entities/"
GAZETTEER = DATA + "gazetteer.tsv"
GAZETTEER_COLUMNS = ("name", "type", "kind", "canonical", "latin", "strength")
# Types of gazetteer rows that are names of entities (the others are name parts).
ENTITY_TYPES = ("LOC", "ORG")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a place or organisation name and how to report it."""

    name: str
    type: str
    kind: str
    canonical: str
    latin: str
    strong: bool


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Normalised word sets and phrase tables; words are bare (no clitics, no article)."""

    roles: frozenset[str]
    ranks: frozenset[str]
    rank_modifiers: frozenset[str]
    honorifics: frozenset[str]
    title_phrases: dict[Phrase, str]  # multi-word titles → "role" / "rank" / "honorific"
    title_modifiers: frozenset[str]
    breakers: frozenset[str]
    name_connectors: frozenset[str]
    not_titles: frozenset[str]  # as written: "أمام" is no "إمام"
    name_closers: frozenset[str]  # as written: what ends a name after its family name
    participle_prefix: str
    org_heads: frozenset[str]
    org_needs_qualifier: frozenset[str]
    org_units: frozenset[str]
    org_needs_name: frozenset[str]
    org_generic: frozenset[str]  # "حركة" of "حركة حماس": the name is mentioned alone
    org_qualifiers: frozenset[str]  # adjectives naming one institution ("العامة", "العليا")
    org_numbered: frozenset[str]  # military units numbered by an ordinal ("الفرقة الخامسة")
    ordinals: frozenset[str]
    org_located: frozenset[str]  # "سفارة": a branch named with its place ("… في طرابلس")
    located_prepositions: frozenset[str]
    located_clitic: str
    media_heads: frozenset[str]  # "قناة", "صحيفة": an outlet's name follows
    media_preposition: str
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    acronym_brackets: tuple[str, str]
    loc_heads: frozenset[str]
    loc_outside: frozenset[str]
    loc_outside_plural: frozenset[str]
    loc_suffixes: frozenset[str]
    loc_directions: frozenset[str]
    ministry_fields: frozenset[str]  # "الخارجية" of "الخارجية الفرنسية": a ministry, وزارة left out
    ministry_sectors: frozenset[str]  # "التجارة": a ministry so only at the head of a sentence
    org_field: frozenset[str]  # "نقابة": a described body takes its field ("… لعمال الموانئ")
    loc_not_suffixes: frozenset[str]  # "الحدودي": never closes a place's name
    months: frozenset[str]  # one-word Gregorian month names ("جويلية"): never a name alone
    org_compound: frozenset[str]  # "وزارة": fields joined with و, and a government after في
    org_within: frozenset[str]  # "حكومة" of "وزارة الصحة في حكومة إقليم كردستان"
    numbered_roads: frozenset[str]  # "الطريق" of "الطريق الوطني رقم 11"
    road_number: str  # "رقم"
    district_or_office: frozenset[str]  # "مديرية": a district before a place's name
    compass: frozenset[str]  # "شمال" of "ولاية شمال دارفور"
    never_names: frozenset[str]
    regional_kinds: frozenset[str]
    verb_prefixes: tuple[str, ...]
    verb_plural_endings: tuple[str, ...]
    accusative_ending: str
    headline_verb_prefix: str
    never_name_end: frozenset[str]
    nisba_endings: tuple[str, str]
    org_trailing: frozenset[str]  # adjectives continuing a body's name ("المشتركة")
    org_not_trailing: frozenset[str]  # nisba-shaped words that never do ("الحالي")
    phrase_stop: frozenset[str]
    nisba: dict[str, str]  # a nisba form (bare, normalised) → the place it stands for
    region_nisba: frozenset[str]  # forms of nisbas of regions and bodies (دولي، وطني)
    nisba_phrases: dict[Phrase, str]
    gazetteer: dict[Phrase, tuple[Place, ...]]  # normalised name words → entries
    longest: dict[str, int]  # first word → longest gazetteer phrase starting with it
    given: frozenset[str]
    family: frozenset[str]
    latin_names: dict[str, str]
    latin_words: dict[str, str]

    def is_title_word(self, word: str) -> bool:
        """Whether a bare normalised word is a role, rank or honorific."""
        return word in self.roles or word in self.ranks or word in self.honorifics

    def places(self, words: Phrase) -> tuple[Place, ...]:
        """Gazetteer entries named exactly by ``words`` (normalised, article kept)."""
        return self.gazetteer.get(words, ())


def _words(entry: Any, source: str) -> Phrase:
    if not isinstance(entry, str) or not entry.strip():
        raise DataFileError(f"{source}: entry {entry!r} is not a non-empty word or phrase")
    return tuple(bare(normalize(w)) for w in entry.split())


def _single(entries: Iterable[Any], source: str) -> frozenset[str]:
    return frozenset(p[0] for p in (_words(e, source) for e in entries) if len(p) == 1)


def _phrases(entries: Iterable[Any], source: str, kind: str) -> dict[Phrase, str]:
    return {p: kind for p in (_words(e, source) for e in entries) if len(p) > 1}


def _section(data: Any, key: str, source: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise DataFileError(f"{source}: expected a list under {key!r}; reinstall marsad or fix the file")
    return list(data[key])


@dataclass(frozen=True)
class NisbaMorphology:
    """How a nisba is built: masculine ending, feminine suffix, plural suffixes (normalised)."""

    masculine: str
    feminine: str
    plurals: tuple[str, ...]

    @property
    def endings(self) -> tuple[str, str]:
        """The endings a nisba-shaped word has: masculine, and masculine + feminine."""
        return self.masculine, self.masculine + self.feminine


@lru_cache(maxsize=1)
def nisba_morphology() -> NisbaMorphology:
    """How nisbas are built, from nisba.yaml (used for words the lists do not hold)."""
    source = DATA + "nisba.yaml"
    data = read_yaml(source).get("morphology")
    if not isinstance(data, dict):
        raise DataFileError(f"{source}: expected a 'morphology' mapping")
    return NisbaMorphology(
        normalize(str(data["masculine_ending"])),
        normalize(str(data["feminine_suffix"])),
        tuple(normalize(str(p)) for p in data["plural_suffixes"]),
    )


def nisba_forms(masculine: str) -> list[str]:
    """Normalised bare forms of a nisba given its masculine singular (عراقي → عراقيه, عراقيون…)."""
    word = normalize(masculine)
    morphology = nisba_morphology()
    forms = [word]
    if word.endswith(morphology.masculine):
        forms.append(word + morphology.feminine)
        forms += [word + suffix for suffix in morphology.plurals]
    return forms


def _region_nisba(source: str) -> frozenset[str]:
    regions = read_yaml(source).get("regions") or {}
    return frozenset(form for adjective in regions for form in nisba_forms(str(adjective)))


def _nisba(source: str) -> tuple[dict[str, str], dict[Phrase, str]]:
    data = read_yaml(source)
    single: dict[str, str] = {}
    phrases: dict[Phrase, str] = {}
    countries = data.get("countries") if isinstance(data, dict) else None
    regions = data.get("regions") if isinstance(data, dict) else None
    if not isinstance(countries, dict) or not isinstance(regions, dict):
        raise DataFileError(f"{source}: expected mappings under 'countries' and 'regions'")
    pairs = [(str(adj), str(place)) for place, adjs in countries.items() for adj in adjs]
    pairs += [(str(adj), str(place)) for adj, place in regions.items()]
    for adjective, place in pairs:
        words = adjective.split()
        if len(words) == 1:
            for form in nisba_forms(words[0]):
                single.setdefault(form, place)
        else:
            feminine = tuple(nisba_forms(w)[1] if len(nisba_forms(w)) > 1 else normalize(w) for w in words)
            phrases.setdefault(tuple(normalize(w) for w in words), place)
            phrases.setdefault(feminine, place)
    return single, phrases


def _gazetteer() -> tuple[dict[Phrase, tuple[Place, ...]], frozenset[str], frozenset[str]]:
    table: dict[Phrase, list[Place]] = {}
    given: set[str] = set()
    family: set[str] = set()
    header_seen = False
    for number, line in enumerate(read_text(GAZETTEER).splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if tuple(cols) != GAZETTEER_COLUMNS:
                raise DataFileError(f"{GAZETTEER}: header is {cols}, expected {list(GAZETTEER_COLUMNS)}; rerun scripts/build_gazetteers.py")
            header_seen = True
            continue
        if len(cols) != len(GAZETTEER_COLUMNS):
            raise DataFileError(f"{GAZETTEER}:{number}: expected {len(GAZETTEER_COLUMNS)} tab-separated columns, got {len(cols)}")
        name, type_, kind, canonical, latin, strength = cols
        words = tuple(normalize(w) for w in name.split())
        if type_ == "GIVEN":
            given.update(words[:1] if len(words) == 1 else ())
        elif type_ == "FAMILY":
            family.update(bare(w) for w in words[:1] if len(words) == 1)
        elif type_ in ENTITY_TYPES:
            table.setdefault(words, []).append(Place(name, type_, kind, canonical, latin, strength == "strong"))
        else:
            raise DataFileError(f"{GAZETTEER}:{number}: unknown type {type_!r}")
    return {k: tuple(v) for k, v in table.items()}, frozenset(given), frozenset(family)


def _latin(source: str) -> tuple[dict[str, str], dict[str, str]]:
    data = read_yaml(source)
    if not isinstance(data, dict):
        raise DataFileError(f"{source}: expected mappings 'names' and 'words'")
    names = {" ".join(normalize(k).split()): str(v) for k, v in (data.get("names") or {}).items()}
    words = {" ".join(normalize(k).split()): str(v) for k, v in (data.get("words") or {}).items()}
    return names, words


def _brackets(pair: list[Any], source: str) -> tuple[str, str]:
    if len(pair) != 2:
        raise DataFileError(f"{source}: 'acronym_brackets' must be two marks, opening and closing")
    return str(pair[0]), str(pair[1])


def _months() -> frozenset[str]:
    """One-word Gregorian month names of every usage area (data/ar/months.yaml), without those
    that are also common words or given names (its ``ambiguous`` list)."""
    source = "data/ar/months.yaml"
    data = read_yaml(source)
    months = data.get("gregorian") if isinstance(data, dict) else None
    if not isinstance(months, dict):
        raise DataFileError(f"{source}: expected a mapping under 'gregorian'")
    ambiguous = {normalize(str(w)) for w in data.get("ambiguous") or []}
    names = {normalize(str(n)) for areas in months.values() for spellings in areas.values() for n in spellings if " " not in str(n)}
    return frozenset(names - ambiguous)


def _ordinals() -> frozenset[str]:
    source = "data/ar/numbers.yaml"
    data = read_yaml(source).get("ordinals")
    if not isinstance(data, dict):
        raise DataFileError(f"{source}: expected a mapping under 'ordinals'")
    return frozenset(bare(normalize(str(w))) for words in data.values() for w in words)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The entity lexicon, loaded from the packaged data files once per process."""
    titles_file, heads_file = DATA + "titles.yaml", DATA + "heads.yaml"
    titles, heads = read_yaml(titles_file), read_yaml(heads_file)
    roles = _section(titles, "roles", titles_file)
    ranks = _section(titles, "ranks", titles_file)
    honorifics = _section(titles, "honorifics", titles_file)
    title_phrases = _phrases(roles, titles_file, "role") | _phrases(ranks, titles_file, "rank") | _phrases(honorifics, titles_file, "honorific")
    nisba, nisba_phrases = _nisba(DATA + "nisba.yaml")
    gazetteer, given, family = _gazetteer()
    longest: dict[str, int] = {}
    for words in gazetteer:
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    latin_names, latin_words = _latin(DATA + "latin.yaml")
    return Lexicon(
        roles=_single(roles, titles_file),
        ranks=_single(ranks, titles_file),
        rank_modifiers=_single(_section(titles, "rank_modifiers", titles_file), titles_file),
        honorifics=_single(honorifics, titles_file),
        title_phrases=title_phrases,
        title_modifiers=_single(_section(titles, "modifiers", titles_file), titles_file),
        breakers=frozenset(normalize(w) for w in _section(titles, "breakers", titles_file)),
        name_connectors=frozenset(normalize(w) for w in _section(titles, "name_connectors", titles_file)),
        not_titles=frozenset(str(w) for w in _section(titles, "not_titles", titles_file)),
        name_closers=frozenset(str(w) for w in _section(titles, "name_closers", titles_file)),
        participle_prefix=normalize(str(titles.get("participle_prefix", ""))),
        org_heads=_single(_section(heads, "org", heads_file), heads_file),
        org_needs_qualifier=_single(_section(heads, "org_needs_qualifier", heads_file), heads_file),
        org_units=_single(_section(heads, "org_units", heads_file), heads_file),
        org_needs_name=_single(_section(heads, "org_needs_name", heads_file), heads_file),
        org_generic=_single(_section(heads, "org_generic", heads_file), heads_file),
        org_qualifiers=frozenset(f for w in _section(heads, "org_qualifiers", heads_file) for f in nisba_forms(bare(normalize(str(w))))),
        org_numbered=_single(_section(heads, "org_numbered", heads_file), heads_file),
        org_trailing=_single(_section(heads, "org_trailing", heads_file), heads_file),
        org_not_trailing=_single(_section(heads, "org_not_trailing", heads_file), heads_file),
        ordinals=_ordinals(),
        org_located=_single(_section(heads, "org_located", heads_file), heads_file),
        located_prepositions=frozenset(normalize(str(w)) for w in _section(heads, "located_prepositions", heads_file)),
        located_clitic=normalize(str(heads.get("located_clitic", ""))),
        media_heads=_single(_section(heads, "media_heads", heads_file), heads_file),
        media_preposition=normalize(str(heads.get("media_preposition", ""))),
        quote_open=frozenset(str(q) for q in _section(heads, "quote_open", heads_file)),
        quote_close=frozenset(str(q) for q in _section(heads, "quote_close", heads_file)),
        acronym_brackets=_brackets(_section(heads, "acronym_brackets", heads_file), heads_file),
        loc_heads=_single(_section(heads, "loc", heads_file), heads_file),
        loc_outside=_single(_section(heads, "loc_outside", heads_file), heads_file),
        loc_outside_plural=_single(_section(heads, "loc_outside_plural", heads_file), heads_file),
        loc_suffixes=_single(_section(heads, "loc_suffixes", heads_file), heads_file),
        loc_directions=frozenset(f for w in _section(heads, "loc_directions", heads_file) for f in nisba_forms(str(w))),
        ministry_fields=_single(_section(heads, "ministry_fields", heads_file), heads_file),
        ministry_sectors=_single(_section(heads, "ministry_sectors", heads_file), heads_file),
        org_field=_single(_section(heads, "org_field", heads_file), heads_file),
        loc_not_suffixes=_single(_section(heads, "loc_not_suffixes", heads_file), heads_file),
        months=_months(),
        org_compound=_single(_section(heads, "org_compound", heads_file), heads_file),
        org_within=_single(_section(heads, "org_within", heads_file), heads_file),
        numbered_roads=_single(_section(heads, "numbered_roads", heads_file), heads_file),
        road_number=normalize(str(heads.get("road_number", ""))),
        district_or_office=_single(_section(heads, "district_or_office", heads_file), heads_file),
        compass=_single(_section(heads, "compass", heads_file), heads_file),
        never_names=_single(_section(heads, "never_names", heads_file), heads_file),
        regional_kinds=frozenset(str(k) for k in _section(heads, "regional_kinds", heads_file)),
        verb_prefixes=tuple(normalize(str(p)) for p in _section(heads, "verb_prefixes", heads_file)),
        verb_plural_endings=tuple(normalize(str(p)) for p in _section(heads, "verb_plural_endings", heads_file)),
        accusative_ending=normalize(str(heads.get("accusative_ending", ""))),
        headline_verb_prefix=normalize(str(heads.get("headline_verb_prefix", ""))),
        never_name_end=frozenset(str(w) for w in _section(heads, "never_name_end", heads_file)),
        nisba_endings=nisba_morphology().endings,
        phrase_stop=_single(_section(heads, "stop", heads_file), heads_file),
        nisba=nisba,
        region_nisba=_region_nisba(DATA + "nisba.yaml"),
        nisba_phrases=nisba_phrases,
        gazetteer=gazetteer,
        longest=longest,
        given=given,
        family=family,
        latin_names=latin_names,
        latin_words=latin_words,
    )
