"""The ``entities`` analysis: tagger, rules, titles, grouping, Latin names.

For each sentence the CRF proposes names; the rule layer adds listed names and names built on
head words; persons announced by a rank are added where the tagger missed them. Overlaps are
resolved (the outermost, best-supported name wins), titles are moved out of person names and
attached to them, names found once are found everywhere in the document, and mentions are
grouped into one entity per referent with a canonical name, a title and a Latin form.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from marsad.document import Document, Entity, Span
from marsad.extract.entities.candidates import RULES, Candidate, resolve
from marsad.extract.entities.corpus import spans
from marsad.extract.entities.english import english_name
from marsad.extract.entities.forms import ALEF, AND, ARTICLE, FUTURE, OF
from marsad.extract.entities.grouping import Group, group, propagate
from marsad.extract.entities.lexicon import Lexicon, lexicon
from marsad.extract.entities.names import (
    common_word_ok,
    complete_organisation,
    complete_person,
    complete_place,
    named_after,
    trim_trailing,
    without_generic_head,
)
from marsad.extract.entities.romanise import romanise
from marsad.extract.entities.rules import (
    acronyms,
    adjective_shaped,
    gazetteer_names,
    head_phrases,
    media_names,
)
from marsad.extract.entities.tagger import AnyTagger
from marsad.extract.entities.titles import (
    JOINERS,
    cue_persons,
    extend_over_joiners,
    strip_leading,
    title_before,
    title_of,
)
from marsad.extract.entities.view import DocView
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

TAGGER_TYPES: Final = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC"}
COMMAS: Final = frozenset({"\u060c", ","})


def tagged(view: DocView, tagger: AnyTagger) -> list[Candidate]:
    """The tagger's names in every sentence, with the mean marginal as confidence."""
    result = tagger.tag_document([[w.text for w in view.words[first:last]] for first, last in view.sentences])
    names: list[tuple[int, int, int, str]] = []  # sentence, start, end, type
    for number, labels in enumerate(result.labels):
        for kind, start, end in spans(labels):
            entity_type = TAGGER_TYPES.get(kind)
            if entity_type is not None:
                names.append((number, start, end, entity_type))
    # all at once: the marginals are then computed only as far as these names need
    confidences = result.confidences([(number, start, end) for number, start, end, _ in names])
    found: list[Candidate] = []
    for (number, start, end, entity_type), confidence in zip(names, confidences):
        first = view.sentences[number][0]
        found.append(Candidate(first + start, first + end, entity_type, "tagger", round(confidence, 3)))
    return found


def _trim(view: DocView, candidate: Candidate, lex: Lexicon) -> Candidate | None:
    """A candidate without marks at its edges, and never a lone nisba or title word."""
    start, end = candidate.start, candidate.end
    while start < end and (not view.words[start].letter):
        start += 1
    while end > start and (not view.words[end - 1].letter) and not (candidate.source in RULES and view.words[end - 1].token.norm[:1].isdigit()):
        end -= 1  # marks, but not the number a rule read as part of the name ("الطريق الوطني رقم 11")
    if start >= end:
        return None
    if (start, end) != (candidate.start, candidate.end):
        candidate = replace(candidate, start=start, end=end)
    if candidate.type == "PERSON":
        facility = named_after(view, candidate, lex)
        if facility is not None:
            return facility
        stripped = strip_leading(view, candidate, lex)
        if stripped is None:
            return None
        lone = view.words[stripped.start]
        if stripped.length == 1 and lone.lexical.startswith(ARTICLE) and lone.bare in lex.nisba and not lone.prefixes:
            return None  # "التركي" alone: never completed into "التركي رجب طيب أردوغان"
        candidate = complete_person(view, extend_over_joiners(view, trim_trailing(view, stripped, lex), lex), lex)
        first = view.words[candidate.start]
        after = view.words[candidate.start - 1] if candidate.start > 0 else None
        set_off = after is not None and (
            after.text in COMMAS or (after.arabic and lex.is_title_word(after.bare)) or title_before(view, candidate.start, lex, ()) is not None
        )
        if first.prefixes and (first.norm in lex.given or FUTURE in first.prefixes or (set_off and AND not in first.prefixes)):
            # "فيصل" is a name, not ف + يصل; "سامر" is not the future marker + أمر; after a
            # comma or a title a name does not start with a preposition: "، برونو روتايو",
            # "رئيس الوزراء الأردني بشر الخصاونة"
            candidate = replace(candidate, whole_first=True)
        names = [w for w in view.words[candidate.start : candidate.end] if w.text not in JOINERS]
        if stripped is not None and stripped.start > start and len(names) == 1 and lex.places((names[0].lexical,)):
            return None  # "أمين عمّان": a title and a place, not a person
    elif candidate.type == "LOC":
        candidate = complete_place(view, candidate, lex)
    elif candidate.type == "ORG":
        candidate = without_generic_head(view, complete_organisation(view, candidate, lex), lex)
    if candidate.type != "PERSON" and candidate.length > 1:
        first, second = view.words[candidate.start], view.words[candidate.start + 1]
        if first.prefixes.endswith(OF) and not first.lexical.startswith(ARTICLE) and first.lexical.startswith(ARTICLE[1:]) and second.lexical.startswith(ARTICLE):
            # "للجنة المشتركة": a definite adjective shows the noun was definite (ل + اللجنة)
            candidate = replace(candidate, article=True)
    words = view.words[candidate.start : candidate.end]
    if all(w.bare in lex.never_names or not w.letter for w in words):
        return None  # "ريال", "درهم": currencies the tagger takes for names
    if len(words) == 1:
        word = words[0]
        if word.lexical.startswith(ARTICLE) and word.bare in lex.nisba and candidate.source not in ("gazetteer", "media"):
            return None  # الأميركي، العراقية: an adjective, not a name (but صحيفة “السوداني”)
        if lex.is_title_word(word.bare) or word.norm in lex.breakers:
            return None
        heads = (lex.loc_heads, lex.loc_outside, lex.loc_outside_plural, lex.org_heads)
        if candidate.source == "tagger" and not word.lexical.startswith(ARTICLE) and any(word.bare in h for h in heads):
            return None  # "ريف" of "ريف حماة", "محافظة": a head word alone names nothing
        if candidate.source == "tagger" and candidate.type != "PERSON" and not word.lexical.startswith(ARTICLE) and not lex.places((word.lexical,)) and adjective_shaped(word, lex, word_frequencies()):
            return None  # "12 ولاية ساحلية": an indefinite adjective names nothing
        if candidate.source == "tagger" and word.lexical in lex.months:
            return None  # "في جويلية": a month, not a place
    if candidate.type == "PERSON" and candidate.source != "propagated" and not common_word_ok(words, lex):
        return None
    return candidate


def _canonical(view: DocView, mention: Candidate) -> str:
    """A mention's text as a name: no clitics, quotes, underscores or tatweel; ال after لل."""
    first = view.words[mention.start]
    text = view.text(mention.start, mention.end, mention.whole_first, mention.article)
    if mention.article:
        text = ARTICLE + text[1:]  # "للجنة المشتركة" = ل + اللجنة (its lam doubled) → "اللجنة المشتركة"
    elif first.lexical.startswith(ARTICLE) and not normalize(text).startswith(ARTICLE):
        text = ALEF + text[1:]  # "للأمم المتحدة" → "الأمم المتحدة"
    for joiner in JOINERS - {"-"}:
        text = text.replace(joiner, " ")
    return " ".join(text.replace("\u0640", "").split())


def _entity(view: DocView, number: int, grouped: Group, lex: Lexicon, persons: set[int]) -> Entity:
    mentions = grouped.mentions
    fullest = max(mentions, key=lambda m: (len([w for w in view.words[m.start : m.end] if w.text not in JOINERS]), m.end - m.start, -m.start))
    canonical = _canonical(view, fullest)
    title = None
    if grouped.type == "PERSON":
        titles = [t for t in (title_of(view, m, lex, persons) for m in mentions) if t]
        title = max(titles, key=len) if titles else None
    return Entity(
        id=f"e{number}",
        type=grouped.type,  # type: ignore[arg-type]
        canonical=canonical,
        latin=grouped.latin_hint
        or (english_name(canonical) if grouped.type == "ORG" else None)
        or romanise(canonical, person=grouped.type == "PERSON"),
        title=title,
        mentions=tuple(Span(start=s, end=e, text=view.doc.text[s:e]) for s, e in _spans(view, mentions)),
        confidence=round(max(m.confidence for m in mentions), 3),
    )


def _spans(view: DocView, mentions: list[Candidate]) -> list[tuple[int, int]]:
    return [view.bounds(m.start, m.end, m.whole_first, m.article) for m in mentions]


def _title_stops(view: DocView, chosen: list[Candidate], lex: Lexicon) -> set[int]:
    """Tokens a title is never read across: persons' names, and title words inside another
    name ("الملك" of "مركز الملك سلمان" announces no one)."""
    stops = {i for c in chosen if c.type == "PERSON" for i in range(c.start, c.end)}
    stops |= {i for c in chosen if c.type != "PERSON" for i in range(c.start + 1, c.end) if lex.is_title_word(view.words[i].bare)}
    return stops


def _with_acronyms(view: DocView, chosen: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """The names found, with the acronyms bracketed after organisations' names: both mentions
    carry the long name as canonical form, so they group into one entity."""
    shorts = [c for c in (_trim(view, a, lex) for a in acronyms(view, chosen, lex)) if c is not None]
    if not shorts:
        return chosen
    named = {a.start - 2: a.canonical for a in shorts}  # the bracket follows the name directly
    taken = {a.start for a in shorts}
    kept = [replace(c, canonical=named[c.end - 1]) if c.end - 1 in named and c.type == "ORG" and c.canonical is None else c for c in chosen if c.start not in taken]
    return resolve(kept + shorts)


def extract(doc: Document, tagger: AnyTagger, lex: Lexicon | None = None) -> tuple[Entity, ...]:
    """The entities of a Document that has sentences and tokens."""
    lex = lex or lexicon()
    view = DocView(doc)
    if not view.words:
        return ()
    candidates = tagged(view, tagger) + gazetteer_names(view, lex) + head_phrases(view, lex) + media_names(view, lex)
    trimmed = [c for c in (_trim(view, c, lex) for c in candidates) if c is not None]
    chosen = _with_acronyms(view, resolve(trimmed), lex)
    occupied = {i for c in chosen for i in range(c.start, c.end)}
    persons = _title_stops(view, chosen, lex)
    chosen = resolve(chosen + [c for c in (_trim(view, c, lex) for c in cue_persons(view, lex, occupied, persons)) if c])
    chosen = chosen + [c for c in (_trim(view, c, lex) for c in propagate(view, chosen, lex)) if c]
    persons = _title_stops(view, chosen, lex)
    groups = group(view, chosen, lex)
    return tuple(_entity(view, number, g, lex, persons) for number, g in enumerate(groups, 1))
