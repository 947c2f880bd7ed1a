"""Candidate entity spans from the tagger and the rules, and choosing among overlapping ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

# Where a candidate comes from, and how much it is trusted when candidates overlap: a listed
# multi-word name beats a tagger guess inside it ("قوات الأمم المتحدة المؤقتة في لبنان" over
# "الأمم المتحدة" + "لبنان"), a head-word phrase is the outermost name ("جامعة بغداد").
PRIORITY: Final = {
    "acronym": 5,
    "gazetteer": 4,
    "media": 3,
    "org-head": 3,
    "loc-head": 3,
    "tagger": 2,
    "title-cue": 1,
    "propagated": 0,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """Tokens ``[start, end)`` of one mention, with its type and evidence."""

    start: int
    end: int
    type: str  # PERSON, ORG or LOC
    source: str
    confidence: float
    canonical: str | None = None  # from the gazetteer: the listed name of the referent
    latin: str | None = None
    whole_first: bool = False  # the name takes the first token whole ("بكين" is not ب + كين)
    article: bool = False  # ل swallowed the first word's article ("للجنة المشتركة")

    @property
    def length(self) -> int:
        """Number of tokens."""
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        """Whether the two share a token (then only one of them can be a mention)."""
        return self.start < other.end and other.start < self.end


RULES: Final = ("gazetteer", "org-head", "loc-head", "media", "acronym")


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longer first, then the more trusted source, then confidence.

    A tagger span that covers two or more names the rules found ("الحشد الشعبي وطيران التحالف
    الدولي"), or starts where a rule's name starts, gives way to them.
    """
    pool = list(candidates)
    rules = [c for c in pool if c.source in RULES]
    starts = {r.start for r in rules}
    pool = [
        c
        for c in pool
        if c.source in RULES
        or (
            sum(1 for r in rules if c.start <= r.start and r.end <= c.end and r.length < c.length) < 2
            and c.start not in starts  # the rules know where a name they begin ends
        )
    ]
    chosen: list[Candidate] = []
    ranked = sorted(pool, key=lambda c: (-c.length, -PRIORITY[c.source], -c.confidence, c.start))
    for candidate in ranked:
        if not any(candidate.overlaps(kept) for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
