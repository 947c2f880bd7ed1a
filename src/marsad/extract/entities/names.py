"""Completing the names the tagger cuts short, and dropping what only looks like a name.

ANERcorp taught the tagger news names, not every spelling marsad meets: it may stop before a
family name that looks like an adjective ("محمد شياع" + "السوداني"… is not extended: a
country's nisba is ambiguous; "مصطفى" + "الكاظمي" is), leave out a given name the clitic
segmenter doubted ("وليد"), or take an adverb in the accusative ("نائبا", "مكلفا") for a name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from marsad.extract.entities.candidates import Candidate
from marsad.extract.entities.forms import ARTICLE
from marsad.extract.entities.lexicon import Lexicon
from marsad.extract.entities.view import DocView, Word
from marsad.text.clitics import word_frequencies

# A word this frequent in news text is a common word when it stands alone as a "name".
COMMON_WORD: Final = 20
# A word at most this frequent may complete a one-word given name ("جوزاف" + "عون").
RARE_WORD: Final = 3
# A person's name the tagger found is completed up to this many words.
MAX_NAME_WORDS: Final = 5
# A word at most this frequent in news text may complete a name set off by commas.
APPOSITION_RARE: Final = 20
COMMAS: Final = frozenset({"\u060c", ","})
CLOSERS: Final = COMMAS | {".", ":", "\u061b", ";"}


def _definite(word: Word) -> bool:
    return word.lexical.startswith(ARTICLE)


def _family_like(word: Word, lex: Lexicon) -> bool:
    """A definite word shaped like a family name ("الكاظمي", "الساعدي"), not a country's nisba."""
    return (
        _definite(word)
        and not word.prefixes
        and word.bare.endswith(lex.nisba_endings[0])
        and len(word.bare) >= 3
        and word.bare not in lex.nisba
        and word.bare not in lex.phrase_stop
        and not lex.is_title_word(word.bare)
        and not lex.places((word.lexical,))
    )


def complete_person(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """A person name extended over a given name before it and a family name after it."""
    first, last = view.sentence_range(candidate.start)
    start, end = candidate.start, candidate.end
    frequencies = word_frequencies()
    before = view.words[start - 1] if start > first else None
    if before is not None and not before.prefixes and before.lexical in lex.given and not lex.is_title_word(before.bare):
        start -= 1
    while end < last and end - start < MAX_NAME_WORDS and (
        _family_like(view.words[end], lex) or (view.words[end].lexical in lex.given and not view.words[end].prefixes and view.words[end].text not in lex.never_name_end)
    ):
        end += 1  # "عبد الله" + "خليفة" + "المري"
    if end - start == 1 and view.words[start].lexical in lex.given and end < last:
        nxt = view.words[end]
        if (
            nxt.arabic
            and not nxt.prefixes
            and not _definite(nxt)
            and frequencies.get(nxt.norm, 0) <= RARE_WORD
            and not lex.places((nxt.lexical,))
            and nxt.norm not in lex.breakers
            and not lex.is_title_word(nxt.bare)
            and not _runs_on(view, end, lex, frequencies)
        ):
            end += 1
    start, end = _apposition(view, start, end, first, last, lex)
    return candidate if (start, end) == (candidate.start, candidate.end) else replace(candidate, start=start, end=end)


def _plain_name(view: DocView, index: int, lex: Lexicon, frequencies: dict[str, int], whole: bool) -> bool:
    """Whether word ``index`` can only be part of a name here: rare in news text (or a listed
    name), and no title, head, stop word, place or country nisba; read ``whole`` (clitics and
    all: "بالنور", "لمقدم" are family names) or only without clitics."""
    word = view.words[index]
    if not word.arabic or word.norm in lex.breakers or word.lexical in lex.breakers:
        return False
    if word.prefixes and not whole:
        return word.norm in lex.given
    form = word.norm_bare if whole else word.bare
    if lex.is_title_word(form) or form in lex.org_heads or form in lex.loc_heads or form in lex.phrase_stop or form in lex.nisba:
        return False
    if any(p.strong for p in lex.places((word.norm if whole else word.lexical,))) or _verb_like(word, lex) or _runs_on(view, index, lex, frequencies):
        return False
    return word.norm in lex.given or form in lex.family or frequencies.get(word.norm, 0) <= APPOSITION_RARE


def _apposition(view: DocView, start: int, end: int, first: int, last: int, lex: Lexicon) -> tuple[int, int]:
    """A person's name widened to the whole of a name set off by commas or a title.

    "النائب فادي حمدان،", "، آزاد محمود كريم،", "، جمال بالنور،": the tagger often finds part
    of such a name. Rare words before it are taken when a comma, a title or the sentence start
    precedes them; rare words after it when a comma or stop follows; words that look like
    clitic + word ("بالنور") only when the name is set off on both sides.
    """
    frequencies = word_frequencies()
    words = view.words
    begin = start
    while begin - 1 >= first and end - begin < MAX_NAME_WORDS and _plain_name(view, begin - 1, lex, frequencies, whole=False) and not _definite(words[begin - 1]):
        begin -= 1
    titled = begin > first and _is_title(words[begin - 1], lex)
    opened = titled or (begin > first and words[begin - 1].text in COMMAS)
    stop = end
    while stop < last and stop - begin < MAX_NAME_WORDS and _plain_name(view, stop, lex, frequencies, whole=False) and not _definite(words[stop]):
        stop += 1
    closed = stop == last or words[stop].text in CLOSERS
    # after a comma only a name closed by one too ("، آزاد محمود كريم،"): "من جهته، أشاد
    # الكواري بما" starts with a verb
    if begin < start and (titled or (opened and (closed or (end < last and words[end].text in CLOSERS)))):
        start = begin
    if stop > end and closed:
        return start, stop
    if opened and stop == end and end + 1 <= last and (end + 1 == last or words[end + 1].text in CLOSERS):
        word = words[end]
        if _plain_name(view, end, lex, frequencies, whole=True) and frequencies.get(word.norm, 0) <= RARE_WORD:
            return start, end + 1  # "، جمال بالنور،"
    return start, end


def _is_title(word: Word, lex: Lexicon) -> bool:
    return word.arabic and not word.prefixes and lex.is_title_word(word.bare)


def complete_place(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """A country or region with the direction that belongs to it ("الإمارات الشمالية"); a
    city's adjective agrees with the noun before it ("موانئ البصرة الجنوبية")."""
    _, last = view.sentence_range(candidate.start)
    end = candidate.end
    places = lex.places(view.lexicals(candidate.start, end)[:1] + tuple(w.norm for w in view.words[candidate.start + 1 : end]))
    if not any(p.kind in lex.regional_kinds for p in places):
        return candidate
    if end < last:
        word = view.words[end]
        if _definite(word) and not word.prefixes and word.bare in lex.loc_directions:
            return replace(candidate, end=end + 1)
    return candidate


def complete_organisation(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """An organisation name with the adjectives that follow its definite words ("الهلال الأحمر
    المصري", "قوات الشرطة الخاصة") and a "+" glued to it ("أوبك+")."""
    end = candidate.end
    _, last = view.sentence_range(candidate.start)
    if _definite(view.words[end - 1]):
        while end < last and _trailing_adjective(view.words[end], lex):
            end += 1
    if end < len(view.words):
        mark = view.words[end].token
        if mark.text == "+" and mark.start == view.words[end - 1].token.end:
            end += 1
    return candidate if end == candidate.end else replace(candidate, end=end)


def _trailing_adjective(word: Word, lex: Lexicon) -> bool:
    if not word.arabic or word.prefixes or not _definite(word) or word.bare in lex.org_not_trailing:
        return False
    # listed words only: many nouns have a nisba's shape ("العملية", "القضية")
    return word.bare in lex.org_trailing or word.bare in lex.org_qualifiers or word.bare in lex.nisba


def _verb_like(word: Word, lex: Lexicon) -> bool:
    """An imperfect plural verb ("يبدأون", "سيتوجهون"): a person is never named so."""
    stem = word.lexical
    return len(stem) >= 5 and stem.startswith(lex.verb_prefixes) and stem.endswith(lex.verb_plural_endings)


def common_word_ok(words: list[Word], lex: Lexicon) -> bool:
    """Whether words may be a person's name: no accusative adverb ("نائبا", "مكلفا") or plural
    verb among them, and not one frequent definite word alone ("المحافظات")."""
    frequencies = word_frequencies()
    if len(words) == 1 and _definite(words[0]) and frequencies.get(words[0].norm, 0) >= COMMON_WORD:
        return False
    if any(_verb_like(w, lex) for w in words):
        return False
    ending = lex.accusative_ending
    return not ending or not any(w.norm.endswith(ending) and frequencies.get(w.norm[: -len(ending)], 0) >= RARE_WORD * 3 for w in words)


def named_after(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate | None:
    """A place or body named after a person ("قصر سعد آباد", "مستشفى الشيخ زايد التخصصي",
    "شارع جمال عبد الناصر"): the head word before the name (an honorific may stand between)
    makes the whole a LOC or an ORG; None when no such head precedes the person's name."""
    first, last = view.sentence_range(candidate.start)
    k = candidate.start - 1
    while k >= first and view.words[k].arabic and view.words[k].bare in lex.honorifics and not view.words[k].prefixes:
        k -= 1
    if k < first:
        return None
    head = view.words[k]
    if not head.arabic or _definite(head) or head.text in COMMAS:
        return None
    kind = "LOC" if head.bare in lex.loc_heads else "ORG" if head.bare in lex.org_heads and head.bare not in lex.org_needs_qualifier else None
    if kind is None:
        return None
    end = candidate.end
    if end < last and _definite(view.words[end]) and not view.words[end].prefixes and view.words[end].bare.endswith(lex.nisba_endings) and view.words[end].bare not in lex.nisba:
        end += 1  # "مستشفى الشيخ زايد التخصصي": an adjective of kind closes the name
    return replace(candidate, start=k, end=end, type=kind, source="org-head" if kind == "ORG" else "loc-head", whole_first=False)


def _runs_on(view: DocView, index: int, lex: Lexicon, frequencies: dict[str, int]) -> bool:
    """Whether word ``index`` is one a name never ends with: a verb of a headline ("يرفض"), an
    accusative object ("مرسوما": مرسوم + ا), a preposition spelt like a name ("على"). Before
    a comma a word is taken as a name ("النائب رامي صليبا،", "أحمد يلدز،")."""
    word = view.words[index]
    if word.text in lex.never_name_end:
        return True
    if index + 1 < len(view.words) and view.words[index + 1].text in COMMAS:
        return False
    if word.lexical in lex.given or word.bare in lex.family or word.prefixes:
        return False
    ending = lex.accusative_ending
    stem = word.norm[: -len(ending)] if ending and word.norm.endswith(ending) else None
    if stem is not None and frequencies.get(stem, 0) > frequencies.get(word.norm, 0):
        return True
    return bool(lex.headline_verb_prefix) and len(word.norm) >= 4 and word.norm.startswith(lex.headline_verb_prefix)


def trim_trailing(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """A person's name cut before the words a tagger runs on into after it ("الدبيبة يرفض",
    "تبون يصدر عفوا", "عباس مرسوما", "الغزواني على")."""
    frequencies = word_frequencies()
    for end in range(candidate.start + 1, candidate.end):
        if _runs_on(view, end, lex, frequencies):
            return replace(candidate, end=end)
    return candidate


def without_generic_head(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """An organisation mentioned by its own name, without a generic head before it ("حركة
    حماس" → حماس, "حزب بوديموس" → بوديموس): the rest must be one word, a listed organisation
    or rare in news text ("حزب الله", "تيار المستقبل", "منظمة العفو الدولية" stay whole)."""
    if candidate.type != "ORG" or candidate.length < 2:
        return candidate
    head = view.words[candidate.start]
    rest = view.words[candidate.start + 1 : candidate.end]
    if (head.bare in lex.org_needs_qualifier or head.bare in lex.org_units) and not rest[0].prefixes:
        # "قوات عمليات العزم الصلب", "قوات اليونيفيل": a listed body named with its forces
        whole = (head.lexical,) + tuple(w.norm for w in rest)
        if any(p.type == "ORG" for p in lex.places((rest[0].lexical,) + tuple(w.norm for w in rest[1:]))) and not lex.places(whole):
            return replace(candidate, start=candidate.start + 1, whole_first=False, article=False)
    if head.bare not in lex.org_generic and head.norm_bare not in lex.org_generic:
        return candidate
    one = len(rest) == 1 and rest[0].arabic and not rest[0].prefixes
    single = one and not _definite(rest[0])
    # a listed body, "جماعة الحوثي" → الحوثي too; but not "منظمة" + "العفو الدولية"
    listed = one and any(p.type == "ORG" for p in lex.places((rest[0].norm,)))
    rare = single and word_frequencies().get(rest[0].norm, 0) <= RARE_WORD and not lex.places((rest[0].lexical,))
    if not (listed or rare) or rest[0].prefixes:
        return candidate
    if not single and lex.places((head.lexical,) + tuple(w.norm for w in rest)):
        return candidate  # "تنظيم القاعدة" is listed whole; "جماعة الحوثي" is not
    return replace(candidate, start=candidate.start + 1, whole_first=True, article=False)
