"""One entity per real-world referent: mentions grouped, names made consistent in the document.

- Consistency: a name found once is a name everywhere in the document ("بغداد" tagged in one
  sentence is tagged in all), and a person's family name alone ("رسول" after "اللواء يحيى
  رسول") is a mention of that person when it is not a common word.
- Grouping: mentions with the same name (or the same listed referent: "اليونيفيل" and
  "قوات الأمم المتحدة المؤقتة في لبنان") are one entity; a short form joins the longer name it
  unambiguously shortens: a person's family name, an organisation's name without its nisba
  ("قيادة العمليات المشتركة" … "العراقية"), a place without its head word ("البصرة" …
  "محافظة البصرة").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from marsad.extract.entities.candidates import RULES, Candidate
from marsad.extract.entities.forms import ARTICLE
from marsad.extract.entities.lexicon import Lexicon
from marsad.extract.entities.titles import JOINERS
from marsad.extract.entities.view import DocView
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

# A family name more common than this in news text is not taken alone as a mention.
FAMILY_NAME_MAX_FREQUENCY: Final = 30
PROPAGATED_CONFIDENCE: Final = 0.7


def key_of(view: DocView, candidate: Candidate) -> tuple[str, ...]:
    """The matching form of a mention: the lexical forms of its words, joiners left out."""
    return tuple(w.lexical for w in view.words[candidate.start : candidate.end] if w.text not in JOINERS)


@dataclass
class Group:
    """Mentions of one referent, in document order."""

    type: str
    mentions: list[Candidate] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)
    canonical_hint: str | None = None
    latin_hint: str | None = None

    @property
    def longest(self) -> tuple[str, ...]:
        """The longest name form among the mentions (what short forms are compared with)."""
        return max(self.keys, key=len)

    @property
    def first(self) -> int:
        """Token index of the first mention: entities are numbered in this order."""
        return min(m.start for m in self.mentions)


def propagate(view: DocView, chosen: Sequence[Candidate], lex: Lexicon) -> list[Candidate]:
    """Other occurrences in the document of the names already found, as new mentions."""
    occupied = {i for c in chosen for i in range(c.start, c.end)}
    frequencies = word_frequencies()
    known: dict[tuple[str, ...], Candidate] = {}
    for candidate in sorted(chosen, key=lambda c: -c.confidence):
        known.setdefault(key_of(view, candidate), candidate)
        words = view.words[candidate.start : candidate.end]
        names = [w for w in words if w.text not in JOINERS]
        if candidate.type == "PERSON" and len(names) > 1:
            family = names[-1]
            common = frequencies.get(family.norm, 0) > FAMILY_NAME_MAX_FREQUENCY
            if not common and not lex.is_title_word(family.bare):
                known.setdefault((family.lexical,), Candidate(0, 0, "PERSON", "propagated", PROPAGATED_CONFIDENCE))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in known:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    added: list[Candidate] = []
    n = len(view.words)
    i = 0
    while i < n:
        word = view.words[i]
        step = 1
        if i not in occupied and word.letter:
            for key in by_first.get(word.lexical, ()):
                end = i
                matched = 0
                while end < n and matched < len(key):
                    token = view.words[end]
                    if token.text in JOINERS and matched:
                        end += 1
                        continue
                    if token.lexical != key[matched] or end in occupied or (matched and token.prefixes):
                        break
                    matched += 1
                    end += 1
                if matched == len(key):
                    source = known[key]
                    added.append(Candidate(i, end, source.type, "propagated", min(source.confidence, PROPAGATED_CONFIDENCE), source.canonical, source.latin, source.whole_first))
                    occupied.update(range(i, end))
                    step = end - i
                    break
        i += step
    return added


def _extends(short: tuple[str, ...], long: tuple[str, ...], kind: str, lex: Lexicon) -> bool:
    """Whether name ``short`` is a short form of name ``long`` of an entity of type ``kind``."""
    if len(short) > len(long) or (len(short) == len(long) and (kind != "ORG" or sorted(short) != sorted(long))):
        return False
    if len(short) == len(long):
        return short != long  # the same words in another order ("العمليات العراقية المشتركة")
    if kind == "PERSON":
        return long[-len(short) :] == short
    if kind == "ORG":
        # the name without its trailing nisba or qualifier ("قيادة العمليات المشتركة")
        return len(short) >= 2 and long[: len(short)] == short
    # LOC: the name without the head word that belongs to it ("محافظة البصرة" → "البصرة")
    return long[1:] == short and long[0].removeprefix(ARTICLE) in lex.loc_heads


def group(view: DocView, mentions: Sequence[Candidate], lex: Lexicon) -> list[Group]:
    """Mentions grouped into referents, ordered by first mention."""
    groups: list[Group] = []
    by_key: dict[tuple[str, tuple[str, ...]], Group] = {}
    by_canonical: dict[tuple[str, str], Group] = {}
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        key = key_of(view, mention)
        listed = (mention.type, normalize(mention.canonical)) if mention.canonical else None
        found = by_key.get((mention.type, key)) or (by_canonical.get(listed) if listed else None)
        if found is None:
            found = Group(mention.type)
            groups.append(found)
        found.mentions.append(mention)
        found.keys.add(key)
        by_key[(mention.type, key)] = found
        if listed:
            by_canonical.setdefault(listed, found)
            found.canonical_hint = found.canonical_hint or mention.canonical
            found.latin_hint = found.latin_hint or mention.latin
    # Short forms join the one longer name they shorten; a family name may have been tagged
    # with another type by the tagger, and then takes the person's (not a place a head word or
    # the gazetteer named: "مدينة كيدال" stays a place whatever the tagger made of "تراب كيدال").
    merged: set[int] = set()
    for short in sorted(groups, key=lambda g: len(g.longest)):
        if id(short) in merged or len(short.keys) != 1:
            continue
        key = short.longest
        size = len(key)
        # (a name no longer than the short form is never extended by it: checked first, cheaply)
        targets = [
            g
            for g in groups
            if g is not short
            and id(g) not in merged
            and (g.type == short.type or (g.type == "PERSON" and size == 1 and not any(m.source in RULES for m in short.mentions)))
            and any(len(k) >= size and _extends(key, k, g.type, lex) for k in g.keys)
        ]
        if len(targets) == 1:
            target = targets[0]
            target.mentions += short.mentions
            target.keys |= short.keys
            merged.add(id(short))
    kept = [g for g in groups if id(g) not in merged]
    for g in kept:
        g.mentions.sort(key=lambda m: m.start)
    return sorted(kept, key=lambda g: g.first)
