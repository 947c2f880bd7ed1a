"""Turning what an analyst types into an FTS5 query, and showing why an article matched.

The query goes through the same keys as the text (:mod:`marsad.store.keys`), so spelling,
clitics and the article do not matter. Then:

- words are all required (AND); ``OR`` between two words accepts either; a word starting
  with ``-`` must not appear;
- a word of four letters or more also matches longer words it begins ("الأمريكي" finds
  "الأمريكية", "الأمريكيين"), because Arabic adds gender and number at the end;
- ``"…"`` in double quotes is a phrase: its words in that order, each matched the same way.

>>> to_match('الانسحاب الأمريكي')
'"انسحاب"* AND "امريكي"*'
>>> to_match('"القوات الأميركية" OR الجيش -روسيا')
'("قوات"* + "امريكيه"*) OR "جيش" NOT "روسيا"*'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.store.keys import key_of_token, keys_of_text
from marsad.store.records import Snippet
from marsad.text.tokens import tokenise

PREFIX_MIN = 4
_PART = re.compile(r'"([^"]*)"|(\S+)')
SNIPPET_WORDS = 40


@dataclass(frozen=True)
class Term:
    key: str
    prefix: bool

    def fts(self) -> str:
        return f'"{self.key}"' + ("*" if self.prefix else "")

    def matches(self, key: str) -> bool:
        return key.startswith(self.key) if self.prefix else key == self.key


def _terms(text: str) -> list[Term]:
    return [Term(key, len(key) >= PREFIX_MIN) for key in keys_of_text(text)]


def parse(query: str) -> tuple[str | None, list[Term]]:
    """The FTS5 expression for ``query`` and the terms to highlight (None: nothing to match)."""
    clauses: list[str] = []
    highlight: list[Term] = []
    pending_or = False
    for phrase, word in _PART.findall(query):
        if word == "OR":
            pending_or = bool(clauses)
            continue
        negate = False
        if word.startswith("-") and len(word) > 1:
            negate, word = True, word[1:]
        terms = _terms(phrase if phrase else word)
        if not terms:
            continue
        clause = terms[0].fts() if len(terms) == 1 else "(" + " + ".join(t.fts() for t in terms) + ")"
        if negate:
            if clauses:
                clauses.append("NOT " + clause)
            continue
        highlight += terms
        if pending_or and clauses:
            clauses[-1] = f"{clauses[-1]} OR {clause}"
        else:
            clauses.append(clause)
        pending_or = False
    if not clauses:
        return None, []
    expression = clauses[0]
    for clause in clauses[1:]:
        expression += (" " if clause.startswith("NOT ") else " AND ") + clause
    return expression, highlight


def to_match(query: str) -> str | None:
    """The FTS5 expression ``query`` becomes."""
    return parse(query)[0]


def snippet(text: str, terms: list[Term], words: int = SNIPPET_WORDS) -> Snippet:
    """The stretch of ``text`` (an article's) with the most matched words, and where they are."""
    tokens = tokenise(text)
    hits = []
    for index, token in enumerate(tokens):
        key = key_of_token(token)
        if key and any(term.matches(key) for term in terms):
            hits.append(index)
    if not tokens:
        return Snippet(text="", start=0, highlights=[])
    best_start = 0
    if hits:
        best_count = -1
        for first in hits:
            count = sum(1 for h in hits if first <= h < first + words)
            if count > best_count:
                best_start, best_count = max(0, first - 5), count
    last = min(len(tokens), best_start + words) - 1
    start, end = tokens[best_start].start, tokens[last].end
    body = text
    text = body[start:end]
    highlights = [(tokens[h].start - start, tokens[h].end - start) for h in hits if best_start <= h <= last]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    shift = len(prefix)
    return Snippet(
        text=prefix + " ".join(text.split("\n")) + suffix,
        start=start - shift,
        highlights=[(a + shift, b + shift) for a, b in highlights],
    )
