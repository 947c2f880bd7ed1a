"""Titles, roles and ranks of persons, and the persons a title announces.

A title stands before the name ("رئيس الحكومة العراقية مصطفى الكاظمي"), possibly split from
it by a comma and a rank ("الناطق باسم القائد العام للقوات المسلحة العراقية، اللواء يحيى
رسول"), or in apposition after it ("…، وزير الخارجية،"). Ranks and honorifics are title, never
name. Read back from the name, a role phrase runs to the furthest role word that is still
connected to it: "معاون رئيس أركان الجيش" is one title, but in "الرئيس العراقي وزير الخارجية
X" the title of X starts at وزير (a finished noun phrase precedes it). Reading stops at
punctuation (other than the comma before the name), at words that cannot be inside a title
(verbs of saying, أن، الذي…) and at another person.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from typing import Final

from marsad.extract.entities.candidates import Candidate
from marsad.extract.entities.forms import AND, ARTICLE, FUTURE, OF, bare
from marsad.extract.entities.lexicon import Lexicon
from marsad.extract.entities.view import DocView, Word
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

# How far back from a name a title phrase may start, and how long one after it may run.
MAX_BEFORE: Final = 14
MAX_AFTER: Final = 14
COMMAS: Final = frozenset({"\u060c", ","})  # the Arabic and the Latin comma
JOINERS: Final = frozenset({"_", "-"})
# A word seen at most this often in news text can be part of a name a title announces.
NAME_MAX_FREQUENCY: Final = 20
CUE_CONFIDENCE: Final = 0.75
# After a role phrase, a name must begin with a given name or a word at most this frequent.
RARE_NAME_FREQUENCY: Final = 5
MAX_CUE_NAME: Final = 4


def _title_word(word: Word, lex: Lexicon) -> bool:
    # whole word too: the segmenter may read "والي" (governor) as و + الي; and the future
    # marker never comes on a noun: "سامر" is a name, not س + آمر
    if FUTURE in word.prefixes:
        return lex.is_title_word(word.norm_bare)
    if word.text in lex.not_titles:
        return False
    return word.arabic and (lex.is_title_word(word.bare) or (bool(word.prefixes) and lex.is_title_word(word.norm_bare)))


def _rank_like(word: Word, lex: Lexicon) -> bool:
    return word.arabic and (word.bare in lex.ranks or word.bare in lex.honorifics) and word.text not in lex.not_titles


def _breaks(word: Word, lex: Lexicon) -> bool:
    if not word.letter:
        return not word.token.norm[:1].isdigit()  # "قائد اللواء 444 قتال": numbers may name units
    return word.norm in lex.breakers or word.lexical in lex.breakers


def strip_leading(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate | None:
    """A person candidate without title words the tagger took into the name ("اللواء X")."""
    start = candidate.start
    while start < candidate.end - 1 and (_title_word(view.words[start], lex) or view.words[start].bare in lex.rank_modifiers and start > candidate.start):
        start += 1
    while start < candidate.end - 2 and start > 0 and _country_adjective(view.words[start], lex) and _title_word(view.words[start - 1], lex):
        start += 1  # "الرئيس" + "التركي رجب طيب أردوغان": the nisba belongs to the title
    if start == candidate.start:
        return candidate
    if _title_word(view.words[start], lex):
        return None
    return replace(candidate, start=start)


def _accusative(word: Word, lex: Lexicon) -> bool:
    """An indefinite common noun in the accusative ("مرسوما" of "أصدر الرئيس مرسوما بتعيين
    السفير X"): the object of a verb, never inside a construct title."""
    ending = lex.accusative_ending
    if not ending or not word.arabic or word.prefixes or _definite(word) or not word.norm.endswith(ending) or lex.places((word.lexical,)):
        return False
    frequencies = word_frequencies()
    stem = frequencies.get(word.norm[: -len(ending)], 0)
    return stem > 0 and stem >= frequencies.get(word.norm, 0)


def _country_adjective(word: Word, lex: Lexicon) -> bool:
    return not word.prefixes and _definite(word) and word.bare in lex.nisba


def _block_start(view: DocView, end: int, first: int, lex: Lexicon) -> int:
    """Start of the ranks and honorifics right before token ``end`` ("العميد الركن")."""
    k = end
    while k - 1 >= first:
        word = view.words[k - 1]
        if _rank_like(word, lex) or word.bare in lex.rank_modifiers and k - 2 >= first and _rank_like(view.words[k - 2], lex):
            k -= 1
        else:
            break
    return k


def _ranked(word: Word, lex: Lexicon) -> bool:
    """A word that grades a role ("الأول", "الأولى", "العام"), as in "النائب الأول لرئيس"."""
    return not word.prefixes and (word.bare in lex.ordinals or word.bare in lex.title_modifiers)


def _role_owns(view: DocView, k: int, first: int, lex: Lexicon) -> bool:
    """Whether the role word ``k``, behind ل, is the complement of a role before it, graded
    words between ("النائبة الأولى للمدير العام", "النائب الأول لرئيس المجلس")."""
    j = k - 1
    while j >= first and _ranked(view.words[j], lex):
        j -= 1
    return j >= first and j < k - 1 and view.words[j].prefixes in ("", AND) and _title_word(view.words[j], lex)


def _connected(view: DocView, left: int, right: int, lex: Lexicon) -> bool:
    """Whether role word ``left`` heads a phrase that runs on to role word ``right``.

    Only through a construct chain: the words between are indefinite ("مدير مكتب رئيس",
    "الناطق باسم القائد"), or graded words before a ل-phrase ("النائب الأول لرئيس");
    "الرئيس وزير" or "الرئيس العراقي وزير" are two phrases.
    """
    between = view.words[left + 1 : right]
    if view.words[right].prefixes == OF and between and all(_ranked(w, lex) for w in between):
        return True
    if not between:
        return not (_definite(view.words[left]) and not _definite(view.words[right]))
    return not any(_definite(w) for w in between)


def _definite(word: Word) -> bool:
    return word.lexical.startswith(ARTICLE)


def _role_start(view: DocView, end: int, first: int, lex: Lexicon, persons: Container[int]) -> int | None:
    """Start of the role phrase that ends at token ``end`` (exclusive), or None."""
    heads = []
    k = end - 1
    while k >= max(first, end - MAX_BEFORE):
        word = view.words[k]
        if k in persons or _breaks(word, lex) or _accusative(word, lex):
            break
        if _title_word(word, lex) and (_definite(word) or not word.bare.endswith(lex.nisba_endings[0])):
            # an indefinite nisba-shaped role is an adjective: "مؤتمر صحفي", "مصدر قيادي"
            heads.append(k)
            if word.prefixes and word.prefixes != AND and not (word.prefixes == OF and _role_owns(view, k, first, lex)):
                break  # "بوزير الخارجية": the preposition opens the phrase
        k -= 1
    if not heads:
        return None
    start = heads[0]
    for left in heads[1:]:
        if not _connected(view, left, start, lex):
            break
        start = left
    return start


def _text(view: DocView, start: int, end: int, lex: Lexicon | None = None) -> str:
    """Title text of tokens ``[start, end)``, the first word's clitics left out (unless the
    word is a title only whole, as "والي")."""
    first = view.words[start]
    whole = lex is not None and not lex.is_title_word(first.bare) and lex.is_title_word(first.norm_bare)
    text = view.doc.text[first.token.start if whole else first.name_start : view.words[end - 1].token.end]
    if not whole and first.prefixes.endswith(OF) and first.lexical.startswith(ARTICLE) and not normalize(text).startswith(ARTICLE):
        text = ARTICLE[:1] + text[1:]  # "للنائب" → "النائب": a title is written without the ل
    return text


def title_before(view: DocView, start: int, lex: Lexicon, persons: Container[int]) -> str | None:
    """The title standing before a name that starts at token ``start``."""
    first, _ = view.sentence_range(start)
    block = _block_start(view, start, first, lex)
    k = block
    comma = k - 1 >= first and view.words[k - 1].text in COMMAS
    if comma:
        k -= 1
    role = _role_start(view, k, first, lex, persons)
    parts = []
    if role is not None and role < k:
        parts.append(_text(view, role, k, lex))
    elif comma and block == start:
        return None
    if block < start:
        parts.append(_text(view, block, start, lex))
    return " ".join(parts) or None


def title_after(view: DocView, end: int, lex: Lexicon, persons: Container[int]) -> str | None:
    """The title in apposition after a name ending at token ``end``: "X، وزير الخارجية،"."""
    _, last = view.sentence_range(max(end - 1, 0))
    if end + 1 >= last or view.words[end].text not in COMMAS:
        return None
    head = view.words[end + 1]
    # a role ("وزير الخارجية") or a definite description ("المكلف بالإعلام في …")
    described = _definite(head) and bool(lex.participle_prefix) and head.bare.startswith(lex.participle_prefix) and len(head.bare) >= 4 and head.bare not in lex.phrase_stop
    if head.prefixes or not (_title_word(head, lex) or described):
        return None
    k = end + 2
    while k < min(last, end + 1 + MAX_AFTER):
        word = view.words[k]
        if word.text in COMMAS or k in persons:
            break
        if _breaks(word, lex):
            return None
        k += 1
    else:
        if k < last:
            return None
    if k < last and view.words[k].text not in COMMAS:
        return None
    return _text(view, end + 1, k, lex)


def title_appointed(view: DocView, end: int, lex: Lexicon) -> str | None:
    """The post a person is named to, right after the name: "خالد الطراونة وزيرا للداخلية"، "ربى
    الحياري وزيرة للسياحة" (an indefinite role word, accusative or feminine, then ل + a definite
    word), up to the next comma or the end of the sentence."""
    _, last = view.sentence_range(max(end - 1, 0))
    if end + 1 >= last:
        return None
    head, field = view.words[end], view.words[end + 1]
    if head.prefixes or _definite(head):
        return None
    accusative = head.bare.endswith("ا") and lex.is_title_word(head.bare[:-1])
    if not (accusative or (head.bare.endswith("ه") and lex.is_title_word(head.bare))):
        return None
    if field.prefixes != "ل" or not _definite(field):
        return None
    k = end + 2
    while k < min(last, end + MAX_AFTER) and _definite(view.words[k]) and not view.words[k].prefixes:
        k += 1  # "وزيرا للشؤون الخارجية"
    return _text(view, end, k, lex)


def title_of(view: DocView, candidate: Candidate, lex: Lexicon, persons: Container[int]) -> str | None:
    """The fullest title attached to one person mention, or None.

    A title before the name and an apposition after it are one title ("الملازم الأول نسيم
    برناوي، المكلف بالإعلام في …" → "الملازم الأول المكلف بالإعلام في …").
    """
    before = title_before(view, candidate.start, lex, persons)
    after = title_after(view, candidate.end, lex, persons)
    if after is None:
        # the post one is named to, when the article gives no title held now; a lone title
        # word right after a verb is the appointer's ("وعين العاهل خالد الطراونة وزيرا
        # للداخلية"), but after a verbal noun it is the appointee's own ("بتعيين السفير …")
        appointed = title_appointed(view, candidate.end, lex)
        if appointed is not None and (before is None or _appointer(view, candidate.start, before)):
            return appointed
    parts = [t for t in (before, after) if t]
    return " ".join(parts) if parts else None


def _appointer(view: DocView, start: int, title: str) -> bool:
    """Whether the one-word title before the name at ``start`` follows a verb (no preposition
    on the word before it), so it names who appoints, not who is appointed."""
    if " " in title.strip() or start < 2:
        return False
    before = view.words[start - 2]
    return before.letter and before.prefixes in ("", AND) and not _definite(before)


def _name_like(word: Word, lex: Lexicon, frequencies: dict[str, int], first: bool, common_ok: bool = False) -> bool:
    if not word.arabic or (word.prefixes and first) or _breaks(word, lex):
        return False
    if any(part.role == "suffix" for part in word.token.segments):
        return False  # a pronoun suffix ("حينها") marks a common word
    if lex.is_title_word(word.bare) or word.bare in lex.org_heads or word.bare in lex.loc_heads or word.bare in lex.phrase_stop:
        return False
    if word.bare in lex.nisba and _definite(word):
        return False
    if any(p.strong for p in lex.places((word.lexical,))):
        return False
    if word.lexical in lex.given or word.bare in lex.family or common_ok:
        return True
    return frequencies.get(word.norm, 0) <= NAME_MAX_FREQUENCY


def _name_end(view: DocView, start: int, last: int, lex: Lexicon, frequencies: dict[str, int], occupied: Container[int]) -> int:
    """End of a name starting at ``start``: name-like words, "_" joins and connectors (بن، عبد)."""
    end = start + 1
    while end < last and end - start < MAX_CUE_NAME and end not in occupied:
        nxt = view.words[end]
        if nxt.text in JOINERS and glued(view, end) and end + 1 < last and _name_like(view.words[end + 1], lex, frequencies, False) or nxt.norm in lex.name_connectors and end + 1 < last and view.words[end + 1].arabic:
            end += 2
        elif _name_like(nxt, lex, frequencies, False) and not nxt.prefixes:
            end += 1
        elif end == start + 1 and _family_closes(view, start, end, last, lex, frequencies):
            end += 1  # "الدكتور سامر العدوان،": a given name, then a family name that is also a word
            break
        elif not nxt.prefixes and lex.is_title_word(nxt.bare) and end + 1 < last and view.words[end + 1].text in COMMAS:
            end += 1  # a family name that is also a word of office: "معتصم الأمين،", "رولا أمين،"
            break
        else:
            break
    return end


def _family_closes(view: DocView, start: int, end: int, last: int, lex: Lexicon, frequencies: dict[str, int]) -> bool:
    """Whether the definite word at ``end``, after the listed given name at ``start``, is a family
    name: it is set off by a comma, a complementiser or the sentence's end, so it cannot be the
    given name's genitive."""
    given, family = view.words[start], view.words[end]
    if not (given.lexical in lex.given or given.norm in lex.given) or family.prefixes or not _definite(family):
        return False
    closed = end + 1 >= last or view.words[end + 1].text in COMMAS or view.words[end + 1].text in lex.name_closers
    if not closed or not family.arabic or _breaks(family, lex):
        return False
    # a family name may be a word of office too ("الخطيب", "الأمين"), never a body, a place or a
    # nisba ("سامر العراقي" is an adjective)
    heads = (lex.org_heads, lex.loc_heads, lex.phrase_stop, lex.nisba)
    return not any(family.bare in words for words in heads) and not any(p.strong for p in lex.places((family.lexical,)))


def _closes_phrase(word: Word, lex: Lexicon) -> bool:
    """Whether a title phrase can end at ``word``: a definite word, a comma, or a listed name
    ("رئيس الوزراء الأردني" + name; not "قائد قوات" + name)."""
    return word.text in COMMAS or _definite(word) or bool(lex.places((word.lexical,)))


def glued(view: DocView, index: int) -> bool:
    """Whether token ``index`` touches both neighbours (no space): "يحيى_رسول"."""
    if index == 0 or index + 1 >= len(view.words):
        return False
    token = view.words[index].token
    return view.words[index - 1].token.end == token.start and view.words[index + 1].token.start == token.end


def cue_persons(view: DocView, lex: Lexicon, occupied: Container[int], persons: Container[int]) -> list[Candidate]:
    """Persons announced by a title that the tagger missed ("اللواء يحيى_رسول").

    A name follows a rank or honorific directly; after a role phrase ("الرئيس الأميركي السابق
    دونالد ترامب") it must begin with a listed given name or a word rare in news text. Name
    words are listed given or family names or rare words, joined by "_" or connectors.
    """
    frequencies = word_frequencies()
    found: list[Candidate] = []
    for first, last in view.sentences:
        i = first
        while i < last:
            word = view.words[i]
            if i in occupied or i == first or not word.arabic or _definite(word):
                i += 1
                continue
            before = view.words[i - 1]
            if not before.letter and before.text not in COMMAS:
                i += 1
                continue  # "اللواء 444 قتال": after a number or a mark, no title announces a name
            after_rank = _block_start(view, i, first, lex) < i  # "اللواء X", "العميد الركن X"
            given = word.lexical in lex.given or word.norm in lex.given
            if not (after_rank or given or _closes_phrase(before, lex)):
                i += 1
                continue  # "قائد قوات عمليات العزم": after an indefinite noun comes its genitive, not a name
            nxt = view.words[i + 1] if i + 1 < last else None
            # "بشر الخصاونة": a common word followed by a rare family name is a name too
            family_follows = (
                nxt is not None
                and _definite(nxt)
                and not nxt.prefixes
                and frequencies.get(nxt.norm, 0) <= RARE_NAME_FREQUENCY
                and _name_like(nxt, lex, frequencies, False)
            )
            whole = False
            if word.prefixes:
                # the segmenter may read a name as clitic + word ("بشر" as ب + شر)
                # ("باسم" is a given name, but "الناطق باسم" is a title); right after a rank or
                # honorific a listed given name is read whole: "الدكتور سامر العدوان"; and a
                # noun never takes the future prefix, so a listed name read as س + word is a
                # name after any title: "المحلل السياسي سامر الخطيب" (but "الوزير سيزور")
                listed = word.norm in lex.given
                if not (family_follows or (listed and (after_rank or FUTURE in word.prefixes))):
                    i += 1
                    continue
                word = word.whole()
                whole = True
            if not _name_like(word, lex, frequencies, True, common_ok=family_follows):
                i += 1
                continue
            given = word.lexical in lex.given
            if not given and not after_rank and not _closes_phrase(before, lex):
                i += 1
                continue
            rare = given or family_follows or frequencies.get(word.norm, 0) <= RARE_NAME_FREQUENCY
            if not after_rank:
                title = title_before(view, i, lex, persons) if rare else None
                # a lone indefinite role word is an adjective ("تصريح صحفي"), not a title; and a
                # rank only announces the name right after it ("المقدم للقطاع الخاص نما")
                if (
                    not title
                    or (" " not in title and not normalize(title).startswith(ARTICLE))
                    or bare(normalize(title.split()[0])) not in lex.roles
                ):
                    i += 1
                    continue
            end = _name_end(view, i, last, lex, frequencies, occupied)
            if after_rank and end - i < 2:
                i += 1
                continue  # "المقدم للقطاع الخاص نما": after a word that is also a rank, one word is no name
            if not after_rank and view.words[i - 1].text in COMMAS and not (end < last and view.words[end].text in COMMAS | {"."}):
                i += 1
                continue  # "TITLE، NAME،": a name between commas closes with one
            if end == i + 1 and not given and end < last and _definite(view.words[end]) and not _name_like(view.words[end], lex, frequencies, False):
                i += 1
                continue  # "رئيس أركان الجيش": a construct, not a name
            found.append(Candidate(i, end, "PERSON", "title-cue", CUE_CONFIDENCE, whole_first=whole))
            i = end
    return found


def extend_over_joiners(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate:
    """A name the tagger cut at an underscore, taken whole ("يحيى" + "_رسول")."""
    end = candidate.end
    while end + 1 < len(view.words) and view.words[end].text in JOINERS and glued(view, end) and view.words[end + 1].arabic:
        end += 2
    if end == candidate.end:
        return candidate
    return replace(candidate, end=end)
