"""The ``commitments`` component: what someone will do, and by when.

A commitment is a future marker — the prefix س on a verb ("وسيكتمل"، "ستبدأ"), or a word or
phrase from ``commitment`` in ``data/ar/modality.yaml`` ("من المقرر أن"، "سوف"، "يعتزم"،
"تعهد"، "سيتم") — with a due date in its sentence (a date expression from ``doc.dates``, the
dates component's result). No due date, no commitment: "سيكتمل الانسحاب الأميركي من
العراق، نهاية هذا العام" is one (due ``2021``, mod ``END``); "ستبقى عبئا" is not. Negated
("لن") and conditional ("في حال") statements are not commitments.

``what`` is the clause from the marker to the end of the action, before the due date phrase;
``who`` is the subject (its entity id when named), or the actor of the event the clause states
("الانسحاب الأميركي" → the United States, read from ``doc.events``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Commitment, DateExpr, Document, Span
from marsad.extract.clauses import QUOTE_MARKS, modality_data, polarity, variants
from marsad.extract.participants import (
    Mentions,
    Salience,
    Who,
    antecedent,
    document_subjects,
    is_complementiser,
    noun_phrase,
    shared_view,
    subject_after,
)
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

# A due date may stand this many words after the end of the marker's clause.
DUE_REACH = 25
_FUTURE_PREFIX = "س"
_IMPERFECT = "يتن"


@lru_cache(maxsize=1)
def _date_prepositions() -> frozenset[str]:
    """Words that introduce a due date and are not part of what will be done."""
    data = read_yaml("data/ar/modality.yaml")
    return frozenset(normalize(w) for w in data["due_prepositions"])


@dataclass(frozen=True)
class _Marker:
    first: int
    last: int
    verb: int  # the token whose subject is the one committed


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.view = shared_view(doc)
        self.mentions = Mentions(doc.entities)
        self.markers = modality_data().commitment
        self._salience: Salience | None = None
        self.verb_forms = _verb_forms()

    @property
    def salience(self) -> Salience:
        """Built on first use: most commitments name who is committed."""
        if self._salience is None:
            self._salience = Salience(document_subjects(self.doc, self.view, self.mentions))
        return self._salience

    def run(self) -> list[Commitment]:
        tokens = self.view.tokens
        found: list[Commitment] = []
        taken: list[tuple[int, int]] = []
        after = 0
        futures = [i for i, t in enumerate(tokens) if "س" in t.norm[:2]]  # سيكتمل، وسيكتمل
        for i in sorted(set(self.markers.hits(tokens)) | set(futures)):
            if i < after:
                continue
            marker = self.marker_at(i)
            if marker is None:
                continue
            commitment = self.commitment(marker)
            if commitment is not None and not any(
                a < commitment.what.end and commitment.what.start < b for a, b in taken
            ):
                found.append(commitment)
                taken.append((commitment.what.start, commitment.what.end))
            after = marker.last + 1
        return found

    def marker_at(self, i: int) -> _Marker | None:
        tokens = self.view.tokens
        token = tokens[i]
        hit = self.markers.match(tokens, i, allow=("conj",))
        if hit is not None:
            last = i + hit[2] - 1
            verb = last + 1
            # "من المقرر أن تنظم المفوضية": the committed subject is that of the verb after أن
            if verb < len(tokens) and is_complementiser(self.view, verb):
                verb += 1
            if hit[2] == 1 and tokens[i].norm.lstrip("وف")[:1] not in ("س",):
                verb = i  # "تعهد الموقعون"، "يعتزم": the marker is the verb itself
            return _Marker(i, last, min(verb, len(tokens) - 1))
        if self.future_verb(token):
            return _Marker(i, i, i)
        return None

    def future_verb(self, token: object) -> bool:
        """Whether a token is an imperfect verb with the future prefix س ("وسيكتمل")."""
        segments = getattr(token, "segments", ())
        norm: str = getattr(token, "norm", "")
        for index, part in enumerate(segments):
            if part.role == "prefix" and normalize(part.text) == _FUTURE_PREFIX:
                stem = segments[index + 1] if index + 1 < len(segments) else None
                return stem is not None and normalize(stem.text)[:1] in _IMPERFECT
        bare = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm
        return (
            len(bare) > 3
            and bare[0] == _FUTURE_PREFIX
            and bare[1] in _IMPERFECT
            and bare[1:] in self.verb_forms
        )

    def commitment(self, marker: _Marker) -> Commitment | None:
        view, tokens = self.view, self.view.tokens
        number = view.sentence_of_token(marker.first)
        _s_lo, s_hi = view.sentence_tokens(number)
        negated, modality = polarity(view, marker.verb, future=True)
        if negated or modality == "hypothetical" or self.forecast(marker):
            return None
        due = self.due(marker, s_hi)
        if due is None:
            return None
        who = self.who(marker)
        what_end = self.what_end(marker, due, s_hi, who)
        start = tokens[marker.first].start
        if what_end <= start:
            return None
        return Commitment(
            who=who.id if who else None,
            who_text=who.text if who else None,
            what=self.doc.span(start, what_end),
            due=due.value,
            due_mod=due.mod,
            trigger=Span(
                start=start, end=tokens[marker.last].end, text=view.text(marker.first, marker.last)
            ),
        )

    def forecast(self, marker: _Marker) -> bool:
        """Whether the future verb is one of change or state: a forecast, nobody's commitment."""
        token = self.view.tokens[marker.verb]
        return any(r.word in _forecast_verbs() for r in variants(token.norm)[:4])

    def due(self, marker: _Marker, s_hi: int) -> DateExpr | None:
        """The first date after the marker in its sentence, unless another marker claims it."""
        view, tokens = self.view, self.view.tokens
        end = tokens[s_hi - 1].end
        limit = min(s_hi, marker.last + 1 + DUE_REACH)
        for date in view.dates_between(tokens[marker.first].start, end):
            if date.kind == "set":
                continue
            k = view.token_at(date.start)
            if k >= limit:
                return None
            if any(self.marker_at(j) is not None for j in range(marker.last + 1, k)):
                return None
            if k > 0 and tokens[k - 1].norm in {"منذ", "ومنذ"}:
                continue  # "منذ 2014": since, not by
            if date.kind == "duration" and not self.within(k):
                continue  # "سيختصر زمن الرحلة إلى 35 دقيقة": how long, not by when
            return date
        return None

    def within(self, k: int) -> bool:
        """Whether the duration at token ``k`` is a time limit: "خلال أسبوعين"، "في غضون 48 ساعة"."""
        tokens = self.view.tokens
        before = [tokens[j].norm for j in range(max(0, k - 2), k)]
        return bool(before) and (before[-1] in _due_within() or " ".join(before[-2:]) in _due_within())

    def what_end(self, marker: _Marker, due: DateExpr, s_hi: int, who: Who | None) -> int:
        """End offset of what will be done: before the due date and its preposition, or at the
        end of the marker's clause (a subject in apposition, "تعهد المحافظ، فلان، ب…", is
        inside it)."""
        view, tokens = self.view, self.view.tokens
        k = view.token_at(due.start)
        while k - 1 > marker.last and (
            tokens[k - 1].norm in _date_prepositions() or tokens[k - 1].norm in {"،", ","}
        ):
            k -= 1
        anchor = marker.last
        if who is not None and tokens[marker.last].end <= who.start and who.end <= due.start:
            # the clause that goes on after the subject and its apposition commas
            anchor = view.token_at(who.end)
            while anchor < s_hi - 1 and tokens[anchor].norm in {"،", ","}:
                anchor += 1
        _, clause_hi = view.clause(min(anchor, s_hi - 1))
        if marker.last + 1 < clause_hi < k:
            k = clause_hi
        k = max(k, marker.last + 1)
        last = k - 1
        while last > marker.last and (view.is_break(last) or tokens[last].norm in QUOTE_MARKS):
            last -= 1
        return tokens[last].end

    def who(self, marker: _Marker) -> Who | None:
        view, tokens = self.view, self.view.tokens
        verb = marker.verb
        who = antecedent(view, self.mentions, marker.first)
        if who is not None:
            return who
        # a subject before the verb: "المفوضية ستبدأ"، "أن القطعات ستطلق"
        k = marker.first - 1
        if k >= 0:
            mention = self.mentions.covering(tokens[k].start, tokens[k].end)
            if mention is not None:
                return Who(
                    mention.entity.id,
                    self.doc.text[mention.start : mention.end],
                    mention.start,
                    mention.end,
                )
            j = k
            while (
                j >= 0
                and not (
                    is_complementiser(view, j) or tokens[j].norm in QUOTE_MARKS or view.is_break(j)
                )
                and k - j < 5
            ):
                j -= 1
            if j >= 0 and j < k and (is_complementiser(view, j) or tokens[j].norm in QUOTE_MARKS):
                text = view.text(j + 1, k)
                return Who(None, text, tokens[j + 1].start, tokens[k].end)
        subject = subject_after(view, self.mentions, verb)
        if subject is not None and (subject.start < tokens[marker.last].end or self.adverbial(subject)):
            subject = None
        if subject is not None and subject.id is not None:
            return subject
        if subject is not None:
            subject = noun_phrase(view, subject)
        event_actor = self.event_actor(marker)
        if event_actor is not None:
            return event_actor
        if subject is not None:
            return subject
        return self.salience.latest(tokens[marker.first].start, None)

    def adverbial(self, subject: Who) -> bool:
        """Whether an unnamed "subject" is a preposition or a date ("ستنجز قبل نهاية العام"):
        the verb's subject is then not written after it."""
        if subject.id is not None:
            return False
        first = self.view.tokens[self.view.token_at(subject.start)]
        return first.norm in _date_prepositions() or any(d.start <= subject.start < d.end for d in self.doc.dates)

    def event_actor(self, marker: _Marker) -> Who | None:
        """The actor of the event stated right after the marker ("وسيكتمل الانسحاب الأميركي")."""
        tokens = self.view.tokens
        start, end = tokens[marker.first].start, tokens[min(marker.last + 4, len(tokens) - 1)].end
        for event in self.doc.events:
            if start <= event.trigger.start < end and event.actor_text:
                return Who(event.actor, event.actor_text, event.trigger.start, event.trigger.end)
        return None


@lru_cache(maxsize=1)
def _due_within() -> frozenset[str]:
    """Words before a duration that make it a time limit (``due_within`` in modality.yaml)."""
    return frozenset(normalize(w) for w in read_yaml("data/ar/modality.yaml")["due_within"])


@lru_cache(maxsize=1)
def _forecast_verbs() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_yaml("data/ar/modality.yaml")["forecast_verbs"])


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Imperfect verb forms known to the lexicons, for spotting س on words the splitter kept whole."""
    forms: set[str] = set()
    for name, key in (
        ("data/ar/event_triggers.yaml", "triggers"),
        ("data/ar/reporting_cues.yaml", "verbs"),
    ):
        data = read_yaml(name)
        entries = data[key].values() if isinstance(data[key], dict) else data[key]
        for entry in entries:
            for agreement in ("m", "f", "pl", "du"):
                for form in entry.get(agreement) or ():
                    norm = normalize(str(form))
                    if norm[:1] in _IMPERFECT:
                        forms.add(norm)
    return frozenset(forms)


def find_commitments(doc: Document) -> list[Commitment]:
    """Every commitment of ``doc`` (needs sentences, tokens, entities, dates; reads events)."""
    if not doc.tokens or not doc.sentences or not doc.dates:
        return []
    return _Finder(doc).run()
