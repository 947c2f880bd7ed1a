"""The rule layer: listed names, and names built on organisation and place head words.

The tagger learnt ANERcorp's conventions, where "الحكومة العراقية" or "وزارة الخارجية" are not
names. marsad's are broader (an institution qualified by its country designates one body), so
these rules add what the tagger was never taught:

- gazetteer names (strong entries only; weak ones are common words too);
- organisation names built on a head word ("وزارة" + complement, "الحكومة" + nisba):
  an indefinite head takes a genitive chain ("وزارة النفط العراقية", "مجلس النواب"); a definite
  head needs a nisba, a listed place or a ل-phrase ("القوات الأميركية", "المجلس الأعلى للدولة");
- place names built on a head word that belongs to the name ("ناحية العظيم", "جبال حمرين").
"""

from __future__ import annotations

from typing import Final

from marsad.extract.entities.candidates import Candidate
from marsad.extract.entities.forms import AND, ARTICLE, OF
from marsad.extract.entities.lexicon import Lexicon
from marsad.extract.entities.view import DocView, Word
from marsad.text.clitics import word_frequencies

# A phrase built on a head word takes at most this many words after the head.
MAX_COMPLEMENT: Final = 8
# A word seen at most this often in news text may be the name after a place head word.
RARE_WORD: Final = 3
GAZETTEER_CONFIDENCE: Final = 0.95
HEAD_CONFIDENCE: Final = 0.85
TYPES: Final = {"LOC": "LOC", "ORG": "ORG"}
COMMAS: Final = frozenset({"\u060c", ","})


def gazetteer_names(view: DocView, lex: Lexicon) -> list[Candidate]:
    """Strong gazetteer names, longest match first, within sentences.

    A name's first word is matched on its stem ("وبالعراق" → العراق), or whole when the whole
    word is listed ("بكين" is Beijing, not ب + كين); the others as written ("للدعم في ليبيا").
    """
    found: list[Candidate] = []
    words = view.words
    longest_of = lex.longest
    for first, last in view.sentences:
        i = first
        while i < last:
            if not (longest_of.get(words[i].lexical) or longest_of.get(words[i].norm)):
                i += 1  # most words begin no listed name
                continue
            step = 1
            for whole, head in ((False, words[i].lexical), (True, words[i].norm)):
                if whole and head == words[i].lexical:
                    continue
                longest = lex.longest.get(head, 0)
                for length in range(min(longest, last - i), 0, -1):
                    key = (head,) + tuple(w.norm for w in words[i + 1 : i + length])
                    places = [p for p in lex.places(key) if p.strong]
                    if places:
                        place = places[0]
                        found.append(
                            Candidate(i, i + length, TYPES[place.type], "gazetteer", GAZETTEER_CONFIDENCE, place.canonical, place.latin or None, whole)
                        )
                        step = length
                        break
                if step > 1 or (found and found[-1].start == i):
                    break
            i += step
    return found


def _is_nisba(word: Word, lex: Lexicon) -> bool:
    return word.lexical.startswith(ARTICLE) and word.bare in lex.nisba


def _is_place(word: Word, lex: Lexicon) -> bool:
    return any(p.type == "LOC" for p in lex.places((word.lexical,)))


def _stops(word: Word, lex: Lexicon) -> bool:
    return not word.arabic or word.bare in lex.phrase_stop or word.lexical in lex.breakers or word.norm in lex.breakers


def _definite(word: Word) -> bool:
    return word.lexical.startswith(ARTICLE)


def _suffixed(word: Word) -> bool:
    return any(part.role == "suffix" for part in word.token.segments)


def _proper_word(word: Word, lex: Lexicon, rare: dict[str, int]) -> bool:
    """An indefinite word that can only be (part of) a proper name here: a listed given name or
    a word rare in news text, without clitics, not a title, head, stop word or nisba."""
    if not word.arabic or word.prefixes or _definite(word) or _stops(word, lex):
        return False
    if lex.is_title_word(word.bare) or word.bare in lex.org_heads or word.bare in lex.nisba or word.bare in lex.never_names:
        return False
    if adjective_shaped(word, lex, rare):
        return False  # "لجنة أمنية": an adjective, though أمنية is a given name too
    if word.lexical in lex.given:
        return True
    if word.lexical.endswith(lex.nisba_endings) or (len(word.lexical) >= 5 and word.lexical.startswith(lex.participle_prefix)):
        return False  # an adjective or participle: "قيادة مدنية", "مركز متكامل"
    if len(word.lexical) >= 4 and word.lexical.startswith(lex.verb_prefixes):
        return False  # an imperfect verb: "أمانة عمّان تطلق …"
    return rare.get(word.norm, 0) <= RARE_WORD


def _listed_org_length(view: DocView, i: int, last: int, lex: Lexicon) -> int:
    """Length of the longest strong gazetteer organisation starting at token ``i`` (0 if none)."""
    words = view.words
    longest = lex.longest.get(words[i].lexical, 0)
    for length in range(min(longest, last - i), 0, -1):
        key = (words[i].lexical,) + tuple(w.norm for w in words[i + 1 : i + length])
        if any(p.type == "ORG" and p.strong for p in lex.places(key)):
            return length
    return 0


def _org_phrase(view: DocView, i: int, last: int, lex: Lexicon, whole: bool = False, depth: int = 0) -> Candidate | None:
    """An organisation name headed by word ``i``, or None.

    The complement is read forward: definite nouns and adjectives, ل-phrases
    ("للانتخابات"), coordination between definites, listed places and bodies; a nisba closes
    the name unless a ل-phrase follows ("الكونفدرالية المغربية للفلاحة") or it is a nisba of
    a region ("المفوضية الوطنية العليا للانتخابات"). A head that needs a qualifier ends at the
    last qualifying word; one that needs a name takes a listed or rare word first.
    """
    words = view.words
    head = words[i]
    if whole:
        head = head.whole()
    listed = _listed_org_length(view, i, last, lex)
    if listed:
        # a listed name ("المجلس الأعلى للدولة") is taken as listed, with a nisba after it
        end = i + listed
        while end < last and _is_nisba(words[end], lex) and not words[end].prefixes:
            end += 1
        return Candidate(i, end, "ORG", "org-head", HEAD_CONFIDENCE) if end > i + listed else None
    definite = _definite(head)
    rare = word_frequencies()
    if head.bare in lex.org_needs_name and not definite:
        # "حركة المرور" is traffic; a definite head is judged by its adjectives below
        if i + 1 >= last:
            return None
        first = words[i + 1]
        if first.prefixes or not first.arabic or not (lex.places((first.lexical,)) or rare.get(first.norm, 0) <= RARE_WORD):
            return None
    qualified_end = 0  # end of the last word that qualifies the head (nisba, place, ل-phrase)
    adjectives = 0
    end = i + 1
    j = i + 1
    if not definite and head.bare not in lex.org_needs_qualifier:
        # a body named after a person or a brand: "مجموعة طلعت مصطفى", "وكالة فيتش"
        while j < last and j - i <= 3 and _proper_word(words[j], lex, rare):
            j += 1
        if j > i + 1:
            end = qualified_end = j
    while j < last and j - i <= MAX_COMPLEMENT:
        word = words[j]
        if _stops(word, lex) or lex.is_title_word(word.bare):
            break
        if word.prefixes and word.prefixes not in (OF, AND):
            break
        if _suffixed(word):
            break  # "وزارة خارجيتها": a pronoun suffix ends a description, never a name
        # coordination inside a name ("وزارة الفلاحة والصيد البحري"): only between definite words,
        # and never into another body ("وزارة الصحة والمنظمة الدولية")
        if word.prefixes == AND:
            compound = head.bare in lex.org_compound and j > i + 1 and word.bare not in lex.org_heads and not lex.is_title_word(word.bare)
            if compound and not _definite(word) and j + 1 < last and _definite(words[j + 1]) and not words[j + 1].prefixes:
                j += 1  # "وزارة الخارجية وشؤون المغتربين": a second field, a construct
                continue
            if not compound and (not (_definite(word) and _definite(words[j - 1]) and j > i + 1) or word.bare in lex.org_heads):
                break
        if word.prefixes == OF:
            nested = _nested_org(view, j, last, lex, depth) if definite else 0  # "لجنة لإدارة غزة": a purpose
            if nested:
                # "اللجنة المركزية لحركة فتح", "اللجنة التنفيذية لمنظمة التحرير": the body of
                # which this one is a part belongs to its name (the outermost name is tagged)
                end = qualified_end = nested
                break
            if not _definite(word):
                # "لولاية تيبازة": a ل-phrase naming a place by its head word
                if word.bare in lex.loc_heads and j + 1 < last and (lex.places((words[j + 1].lexical,)) or rare.get(words[j + 1].norm, 0) <= RARE_WORD):
                    end = qualified_end = j + 2
                    j += 2
                    continue
                field = _field_end(view, j, last, lex) if definite and j > i + 1 and head.bare in lex.org_field else 0
                if field:
                    # "النقابة الوطنية لعمال الموانئ", "الرابطة المحترفة لكرة القدم": the field
                    # a described body works in is part of its name
                    end = qualified_end = field
                    j = field
                    continue
                break
            if definite and adjectives == 0 and j == i + 1:
                break  # "التنظيم للتنقل": a definite head needs an adjective before its ل-phrase
            end = qualified_end = j + 1
            j += 1
            continue
        if _is_nisba(word, lex):
            end = qualified_end = j + 1
            nxt = words[j + 1] if j + 1 < last else None
            if nxt is not None and (
                _is_nisba(nxt, lex)
                or (nxt.prefixes == OF and _definite(nxt))
                or (nxt.prefixes == OF and definite and head.bare in lex.org_field and _field_end(view, j + 1, last, lex))
                or (nxt.bare in lex.org_trailing and _definite(nxt) and not nxt.prefixes)  # "اللجنة المالية النيابية"
                or (word.bare in lex.region_nisba and _definite(nxt) and not nxt.prefixes and not _stops(nxt, lex))
            ):
                adjectives += 1
                j += 1
                continue
            break
        span = _place_length(view, j, last, lex)
        if span:
            end = qualified_end = j + span  # "وزارة النفط العراقية", "سفارة الولايات المتحدة"
            j += span
            continue
        if _definite(word):
            if word.bare in lex.org_heads:
                qualified_end = j + 1  # "قوات التحالف": a body named by another institution word
            elif word.bare in lex.org_qualifiers or (j == i + 1 and head.bare in lex.org_numbered and word.bare in lex.ordinals):
                qualified_end = j + 1  # "النيابة العامة", "الفرقة الخامسة": one institution
            elif word.bare in lex.org_trailing and qualified_end == j and not word.prefixes:
                qualified_end = j + 1  # "شرطة عمان السلطانية": an adjective of the name just qualified
            adjectives += j > i + 1 or definite
            end = j + 1
            j += 1
            continue
        # An indefinite word continues a construct chain right after an indefinite word, or a
        # person's name after an honorific ("مستشفى الشيخ زايد"), if a definite word follows.
        after_honorific = words[j - 1].bare in lex.honorifics and rare.get(word.norm, 0) <= RARE_WORD
        verb = len(word.lexical) >= 4 and word.lexical.startswith(lex.verb_prefixes) and word.lexical not in lex.given
        if not verb and (after_honorific or (not definite and not _definite(words[j - 1]))) and j + 1 < last and (
            _definite(words[j + 1]) or lex.places((words[j + 1].lexical,))
        ) and not words[j + 1].prefixes:
            j += 1
            continue
        break
    if head.bare in lex.org_needs_qualifier:
        end = qualified_end
    if end - i - 1 < 1:
        return None
    if definite and not qualified_end and adjectives < 2:
        return None  # "المجلس الجديد": a definite head with one plain adjective is a description
    complement = words[i + 1 : end]
    if definite and head.bare not in lex.org_needs_qualifier and all(_is_nisba(w, lex) for w in complement):
        return None  # "الشركة الألمانية": a company described, not named
    inner = _listed_org_length(view, i + 1, last, lex)
    generic = head.bare in lex.org_units or head.bare in lex.org_needs_name or head.bare in lex.org_needs_qualifier
    if inner and generic and end == i + 1 + inner and not lex.places(tuple([head.lexical] + [w.norm for w in complement])):
        return None  # "تنظيم داعش", "قوات اليونيفيل": the listed name alone is the mention
    end = _within(view, i, _located(view, i, end, last, lex), last, lex, depth)
    return Candidate(i, end, "ORG", "org-head", HEAD_CONFIDENCE, whole_first=whole)


def _within(view: DocView, i: int, end: int, last: int, lex: Lexicon, depth: int) -> int:
    """The end of a ministry's name with the government it belongs to ("وزارة الصحة في حكومة
    إقليم كردستان"): one body, whose name runs on through في."""
    words = view.words
    if words[i].bare not in lex.org_compound or end + 1 >= last or words[end].norm not in lex.located_prepositions:
        return end
    body = words[end + 1]
    if body.prefixes or _definite(body) or body.bare not in lex.org_within:
        return end
    nested = _listed_org_length(view, end + 1, last, lex)
    if nested:
        return end + 1 + nested
    if depth >= 2:
        return end
    inner = _org_phrase(view, end + 1, last, lex, depth=depth + 1)
    return inner.end if inner is not None else end


def _field_end(view: DocView, j: int, last: int, lex: Lexicon) -> int:
    """End of a ل-phrase naming a body's field, starting at token ``j`` ("لكرة القدم",
    "لإدارة الحالات الطارئة", "لدول غرب إفريقيا"), or 0: an indefinite noun behind ل, then
    at most one more indefinite noun or compass word, closed by a definite word or a listed
    place (a construct chain; "لجنة لإدارة غزة" after an indefinite head is a purpose, and
    the caller asks only after a definite head and its adjective)."""
    words = view.words
    first = words[j]
    if not first.arabic or _stops(first, lex) or lex.is_title_word(first.bare):
        return 0
    if first.lexical.endswith(lex.nisba_endings):
        return 0  # an adjective behind ل is no field
    k = j + 1
    while k < last and k - j <= 2:
        word = words[k]
        if not word.arabic or word.prefixes:
            return 0
        if _definite(word) and not _stops(word, lex):
            return k + 1
        place = _place_length(view, k, last, lex)
        if place:
            return k + place
        if word.bare in lex.compass or not _stops(word, lex):
            k += 1
            continue
        return 0
    return 0


def _place_length(view: DocView, j: int, last: int, lex: Lexicon) -> int:
    """Length of the longest listed place starting at token ``j`` (0 if none); a weak entry
    with the article is a common word first ("الجديدة"), and none."""
    first = view.words[j].lexical
    for length in range(min(lex.longest.get(first, 0), last - j), 1, -1):
        if any(p.type == "LOC" for p in lex.places((first,) + tuple(w.norm for w in view.words[j + 1 : j + length]))):
            return length
    return 1 if any(p.strong or not _definite(view.words[j]) for p in lex.places((first,))) else 0


def _nested_org(view: DocView, j: int, last: int, lex: Lexicon, depth: int) -> int:
    """End of an organisation's name that starts at token ``j`` behind the ل of a ل-phrase
    ("لحركة فتح", "لمنظمة التحرير الفلسطينية"), or 0."""
    if depth >= 2:
        return 0
    listed = _listed_org_length(view, j, last, lex)
    if listed:
        return j + listed
    word = view.words[j]
    if word.bare in lex.org_heads and not _definite(word):
        nested = _org_phrase(view, j, last, lex, depth=depth + 1)
        if nested is not None:
            return nested.end
    return 0


def _located(view: DocView, i: int, end: int, last: int, lex: Lexicon) -> int:
    """The end of a branch's name with its place ("السفارة الأميركية في طرابلس", "جمعية
    المصارف في لبنان", "المحكمة الابتدائية بتونس"): heads that exist once per place take it."""
    if view.words[i].bare not in lex.org_located or end >= last:
        return end
    word = view.words[end]
    k = end
    if word.norm in lex.located_prepositions and end + 1 < last:
        k = end + 1
    elif word.prefixes != lex.located_clitic:
        return end
    place = view.words[k]
    if place.prefixes and k > end:
        return end
    length = max((n for n in range(1, min(lex.longest.get(place.lexical, 0), last - k) + 1) if any(p.type == "LOC" and p.strong for p in lex.places((place.lexical,) + tuple(w.norm for w in view.words[k + 1 : k + n])))), default=0)
    return k + length if length else end


def _starts_org(view: DocView, i: int, last: int, lex: Lexicon) -> bool:
    """Whether token ``i`` begins an organisation's name (listed, or on a head word)."""
    if i >= last:
        return False
    word = view.words[i]
    if word.bare in lex.org_heads and not word.prefixes:
        return True
    longest = lex.longest.get(word.lexical, 0)
    return any(
        p.type == "ORG" for length in range(1, min(longest, last - i) + 1) for p in lex.places(view.lexicals(i, i + length))
    )


def _kind_adjective(word: Word, lex: Lexicon) -> bool:
    """A definite adjective of kind that may close a place name ("النفطي", "الدولي")."""
    if not _definite(word) or word.prefixes or _stops(word, lex):
        return False
    if word.bare in lex.loc_suffixes:
        return True
    if word.bare in lex.loc_not_suffixes:
        return False
    return word.bare.endswith(lex.nisba_endings) and len(word.bare) >= 4 and word.bare not in lex.nisba


def _name_word(word: Word, lex: Lexicon, rare: dict[str, int]) -> bool:
    """A word that can be (the start of) a place's name after a head word."""
    if not word.arabic or _stops(word, lex) or lex.is_title_word(word.bare) or word.bare in lex.nisba:
        return False
    if lex.longest.get(word.lexical, 0) or lex.places((word.lexical,)):
        return True
    if not _definite(word) and adjective_shaped(word, lex, rare):
        return False  # an indefinite adjective ("بلدات حدودية", "ولاية ساحلية")
    return rare.get(word.norm, 0) <= RARE_WORD


def adjective_shaped(word: Word, lex: Lexicon, rare: dict[str, int]) -> bool:
    """Whether a word with a nisba's ending is an adjective: a word of news text, or built on
    one ("حدودية" on حدود). An unknown word on an unknown base is a name that merely ends so
    ("ولاية هيرشبيلي")."""
    if not word.lexical.endswith(lex.nisba_endings):
        return False
    if rare.get(word.norm, 0) > RARE_WORD:
        return True
    ending = next(e for e in reversed(lex.nisba_endings) if word.lexical.endswith(e))
    # built on a known word, or a known word behind an unsplit clitic ("لتصفية")
    return rare.get(word.lexical[: -len(ending)], 0) > 0 or rare.get(word.norm[1:], 0) > RARE_WORD


def _names_after(view: DocView, i: int, last: int, lex: Lexicon, rare: dict[str, int]) -> list[Candidate]:
    """Places named after a head that is not part of the name: "منطقة عين زارة" → عين زارة;
    after a plural head, each of a list: "بلديات فوكة وبواسماعيل والقليعة"."""
    found: list[Candidate] = []
    plural = view.words[i].bare in lex.loc_outside_plural
    j = i + 1
    while j < last:
        word = view.words[j]
        whole = False
        if j > i + 1:
            if word.text in COMMAS and j + 1 < last:
                j += 1
                word = view.words[j]
                if word.prefixes and word.prefixes != AND:
                    break  # "قضاءي سيدكان وبنجوين، بالتنسيق": the list has ended
            elif word.prefixes != AND:
                break
        elif word.prefixes:
            # no clitic comes between a head and its name: "قرية كاني" is not ك + اني
            word = word.whole()
            whole = True
        if not _name_word(word, lex, rare):
            break
        end = j + 1
        listed = lex.longest.get(word.lexical, 0)
        for length in range(min(listed, last - j), 1, -1):
            if lex.places(view.lexicals(j, j + length)):
                end = j + length
                break
        else:
            following = view.words[end] if end < last else None
            if following is not None and not _definite(word) and not following.prefixes and following.arabic and _name_word(following, lex, rare) and not lex.places((following.lexical,)):
                end += 1  # two-word names: "عين زارة", "علما الشعب" (not "الطالبية" + "وقفة")
        found.append(Candidate(j, end, "LOC", "loc-head", HEAD_CONFIDENCE, whole_first=whole))
        if not plural:
            break
        j = end
    return found


def _loc_phrase(view: DocView, i: int, last: int, lex: Lexicon, rare: dict[str, int]) -> Candidate | None:
    """A place name whose head word ``i`` is part of it ("جبال حمرين"), or None."""
    words = view.words
    if i + 1 >= last or _definite(words[i]):
        return None
    name = words[i + 1]
    if name.bare in lex.compass and not name.prefixes and i + 2 < last and not _definite(words[i + 2]):
        # "ولاية شمال دارفور", "محافظة جنوب سيناء": a compass word begins the name
        after = _place_length(view, i + 2, last, lex) or (1 if _name_word(words[i + 2], lex, rare) and not words[i + 2].prefixes else 0)
        if after:
            return Candidate(i, i + 2 + after, "LOC", "loc-head", HEAD_CONFIDENCE)
    if not name.arabic or name.prefixes or _stops(name, lex) or lex.is_title_word(name.bare):
        return None
    listed = lex.longest.get(name.lexical, 0)
    end = i + 2
    for length in range(min(listed, last - i - 1), 0, -1):
        if lex.places(view.lexicals(i + 1, i + 1 + length)):
            end = i + 1 + length
            break
    else:
        plain_definite = _definite(name) and not _stops(name, lex) and name.bare not in lex.nisba
        if not plain_definite and not _name_word(name, lex, rare):
            return None
    if end < last and _kind_adjective(words[end], lex):
        end += 1
    return Candidate(i, end, "LOC", "loc-head", HEAD_CONFIDENCE)


def _ministry(view: DocView, i: int, first: int, last: int, lex: Lexicon) -> Candidate | None:
    """A ministry named by its field and its country's feminine nisba, وزارة left out ("أعلنت
    الخارجية الفرنسية", "التعليم السعودية:"); not when the field is itself the genitive or the
    adjective of a word before it ("السياسة الخارجية الأميركية", "وزيرة الخارجية الفرنسية")."""
    words = view.words
    word = words[i]
    if i + 1 >= last or not _definite(word) or word.prefixes not in ("", AND):
        return None
    if word.bare not in lex.ministry_fields and not (word.bare in lex.ministry_sectors and i == first):
        return None
    nisba = words[i + 1]
    if nisba.prefixes or not _is_nisba(nisba, lex) or not nisba.bare.endswith(lex.nisba_endings[1]):
        return None
    if i > first:
        before = words[i - 1]
        if before.arabic and not word.prefixes and (_definite(before) or lex.is_title_word(before.bare) or before.bare in lex.org_heads or before.bare in lex.org_units):
            return None
    return Candidate(i, i + 2, "ORG", "org-head", HEAD_CONFIDENCE)


def _numbered_road(view: DocView, i: int, last: int, lex: Lexicon) -> Candidate | None:
    """A road named by its number: "الطريق الوطني رقم 11" (head, adjectives, number word, figure)."""
    words = view.words
    if words[i].bare not in lex.numbered_roads or not lex.road_number:
        return None
    k = i + 1
    while k < last and k - i <= 2 and _definite(words[k]) and not words[k].prefixes:
        k += 1
    if k + 1 < last and words[k].norm == lex.road_number and words[k + 1].token.norm[:1].isdigit():
        return Candidate(i, k + 2, "LOC", "loc-head", HEAD_CONFIDENCE)
    return None


def _district(view: DocView, i: int, last: int, lex: Lexicon, rare: dict[str, int]) -> Candidate | None:
    """A district named with its head ("مديرية حصوين", "مديرية المحفد"): one word that is a
    listed place or rare in news text, and no genitive after it that would make the head an
    office ("مديرية صحة البصرة")."""
    words = view.words
    if words[i].bare not in lex.district_or_office or _definite(words[i]) or words[i].prefixes or i + 1 >= last:
        return None
    name = words[i + 1]
    if not name.arabic or name.prefixes or _stops(name, lex) or name.bare in lex.org_heads or name.bare in lex.nisba:
        return None
    # a definite name must be unknown to news text: "مديرية المحفد", not "مديرية التوجيه"
    ceiling = 0 if _definite(name) else RARE_WORD
    if not (any(p.type == "LOC" for p in lex.places((name.lexical,))) or rare.get(name.norm, 0) <= ceiling):
        return None
    following = words[i + 2] if i + 2 < last else None
    if following is not None and following.arabic and not following.prefixes and (_definite(following) or lex.places((following.lexical,))):
        return None
    return Candidate(i, i + 2, "LOC", "loc-head", HEAD_CONFIDENCE)


def head_phrases(view: DocView, lex: Lexicon) -> list[Candidate]:
    """Organisation and place names built on head words."""
    found: list[Candidate] = []
    rare = word_frequencies()
    for first, last in view.sentences:
        for i in range(first, last):
            word = view.words[i]
            if not word.arabic:
                continue
            special = _ministry(view, i, first, last, lex) or _numbered_road(view, i, last, lex) or _district(view, i, last, lex, rare)
            if special is not None:
                found.append(special)
                continue
            if word.prefixes and word.bare not in lex.org_heads and word.norm_bare in lex.org_heads:
                # the segmenter read a head word as clitic + stem ("لجان" as ل + جان)
                candidate = _org_phrase(view, i, last, lex, whole=True)
                if candidate is not None:
                    found.append(candidate)
                continue
            if word.bare in lex.org_units and _starts_org(view, i + 1, last, lex):
                continue  # "مكتب البنك الدولي": the bank is the name, found from its own head
            if (word.bare in lex.loc_outside or word.bare in lex.loc_outside_plural) and not _definite(word):
                found += _names_after(view, i, last, lex, rare)
                continue
            if word.bare in lex.org_heads:
                candidate = _org_phrase(view, i, last, lex)
                if candidate is not None:
                    found.append(candidate)
                    continue
            if word.bare in lex.loc_heads:
                candidate = _loc_phrase(view, i, last, lex, rare)
                if candidate is not None:
                    found.append(candidate)
    return found


MEDIA_CONFIDENCE: Final = 0.8
MAX_MEDIA_WORDS: Final = 4


def media_names(view: DocView, lex: Lexicon) -> list[Candidate]:
    """Outlets named as a source: a quoted name after a media head or a lone ل ("لـ«المرصد»",
    "صحيفة “السوداني”"), or a word rare in news text after a media head ("وكالة رويترز")."""
    found: list[Candidate] = []
    rare = word_frequencies()
    for first, last in view.sentences:
        for i in range(first, last - 1):
            word = view.words[i]
            cue = word.arabic and (word.bare in lex.media_heads or word.norm_bare in lex.media_heads)
            if not (cue or word.norm == lex.media_preposition):
                continue
            nxt = view.words[i + 1]
            if nxt.text in lex.quote_open:
                close = next((k for k in range(i + 2, min(last, i + 3 + MAX_MEDIA_WORDS)) if view.words[k].text in lex.quote_close), None)
                if close is not None and close > i + 2 and all(w.letter for w in view.words[i + 2 : close]):
                    found.append(Candidate(i + 2, close, "ORG", "media", MEDIA_CONFIDENCE, whole_first=True))
            elif cue and _proper_word(nxt, lex, rare) and nxt.lexical not in lex.given and not lex.places((nxt.lexical,)):
                found.append(Candidate(i + 1, i + 2, "ORG", "media", MEDIA_CONFIDENCE))
    return found


def acronyms(view: DocView, names: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """One word in brackets right after an organisation's name is its acronym ("… (كومادير)"),
    a mention of the same organisation (it takes the name's canonical form)."""
    opening, closing = lex.acronym_brackets
    found = []
    for name in names:
        end = name.end
        if name.type != "ORG" or end + 2 >= len(view.words):
            continue
        inside = view.words[end + 1]
        if view.words[end].text == opening and view.words[end + 2].text == closing and inside.letter and not inside.norm[:1].isdigit():
            canonical = name.canonical or view.text(name.start, name.end, name.whole_first, name.article)
            found.append(Candidate(end + 1, end + 2, "ORG", "acronym", name.confidence, canonical=canonical, whole_first=True))
    return found
