"""Completing the names the tagger cuts short, and dropping what only looks like a name.

ANERcorp taught the tagger news names, not every spelling marsad meets: it may stop before a
family name that looks like an adjective ("محمد شياع" + "السوداني"… is not extended: a
country's nisba is ambiguous; "مصطفى" + "الكاظمي" is), leave out a given name the clitic
segmenter doubted ("وليد"), or take an adverb in the accusative ("نائبا", "مكلفا") for a name.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.extract.entities.candidates import Candidate
from marsad.extract.entities.forms import ARTICLE
from marsad.extract.entities.lexicon import Lexicon
from marsad.extract.entities.view import DocView, Word
from marsad.text.clitics import word_frequencies

# A word this frequent in news text is a common word when it stands alone as a "name".
COMMON_WORD = 20
# A word at most this frequent may complete a one-word given name ("جوزاف" + "عون").
RARE_WORD = 3
# A person's name the tagger found is completed up to this many words.
MAX_NAME_WORDS = 5


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
        _family_like(view.words[end], lex) or (view.words[end].lexical in lex.given and not view.words[end].prefixes)
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
        ):
            end += 1
    return candidate if (start, end) == (candidate.start, candidate.end) else replace(candidate, start=start, end=end)


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


def complete_organisation(view: DocView, candidate: Candidate) -> Candidate:
    """An organisation name with a "+" glued to it ("أوبك+")."""
    end = candidate.end
    if end < len(view.words):
        mark = view.words[end].token
        if mark.text == "+" and mark.start == view.words[end - 1].token.end:
            return replace(candidate, end=end + 1)
    return candidate


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
