"""The learnt half of event coding: which lexicon candidates are events, and who took part.

The trigger lexicon and the clause analysis (:mod:`marsad.extract.events`) propose; the models
trained on the project's annotated articles decide:

1. **Triggers.** Every token the lexicon matches is a candidate (verbs and verbal nouns, with
   any clitics, whatever the conditions of its entries). A multinomial logistic regression
   gives each candidate a PLOVER type among those its lexicon entries name, or ``NONE``, from
   features of the word (lemma, surface form, clitics, definiteness, verb or noun reading,
   agreement), of its entries' conditions (a needed object found, a support verb governing it,
   a topic marker before it, an agent after من), of its place (headline, start of clause,
   inside a quotation, negated, future, hypothetical), of its neighbours (words, names and
   their types, prepositions) and of the decisions already taken in the sentence (an event
   of the same type just before, a request whose content it may be). Candidates are decided in
   text order, so those last features see earlier decisions (the model was trained seeing the
   gold ones).
2. **Participants.** For each event, the candidates are every name of its sentence, the
   countries its nisba adjectives stand for, the participants the clause analysis proposes
   (subject after the verb, name before it, antecedent, agent after من, support verb's subject,
   last participant in agreement, speaker …) and *nobody*. A ranker (conditional logit) scores
   them from how they were proposed, their type, position and distance, the preposition before
   them, agreement with the verb, and whether they speak in the sentence; the best one is the
   actor (or nobody). A second ranker of the same form picks the recipient.

The models are :class:`~marsad.extract.linear.LinearModel` files in ``marsad/models``
(``events-*.npz``), trained by ``marsad train events`` (:mod:`marsad.extract.event_training`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from marsad.errors import DataFileError
from marsad.extract.clauses import QUOTE_MARKS
from marsad.extract.linear import BIAS, LinearModel
from marsad.extract.participants import (
    Who,
    adverb_at,
    gender_of_entity,
    inside,
    is_title_role,
    leading_clitics,
    nisba_country,
    organisation_of,
    phrase_case,
    subject_after,
)
from marsad.resources import data_path, read_yaml
from marsad.text.normalize import normalize

if TYPE_CHECKING:
    from marsad.document import Event
    from marsad.extract.events import Candidate, _Coder, _Found

NONE = "NONE"
TRIGGER_MODEL = "models/events-trigger.npz"
ACTOR_MODEL = "models/events-actor.npz"
TARGET_MODEL = "models/events-target.npz"
# A candidate is an event when the model gives its best type at least this probability.
DEFAULT_THRESHOLD = 0.5
# Decisions of the sentence that count as "just before" (in tokens).
NEAR = 6
# How far before its event noun a support verb may stand, adverbials between (in tokens).
FAR_SUPPORT = 24
CONTENT_REACH = 10
CONTENT_TYPES = frozenset({"REQUEST", "REJECT", "ACCUSE", "SUPPORT", "THREATEN", "AGREE"})
LEXICON_FILE = "data/ar/event_triggers.yaml"


@dataclass(frozen=True)
class EventModels:
    """The three trained models of event coding and the decision threshold."""

    trigger: LinearModel
    actor: LinearModel
    target: LinearModel
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def load(cls, trigger: Any, actor: Any, target: Any) -> EventModels:
        """Models from three ``.npz`` paths; the threshold is the trigger model's."""
        model = LinearModel.load(trigger)
        threshold = float(model.header.get("threshold", DEFAULT_THRESHOLD))
        return cls(model, LinearModel.load(actor), LinearModel.load(target), threshold)


@lru_cache(maxsize=1)
def shipped_models() -> EventModels:
    """The models packaged with marsad (loaded once)."""
    try:
        paths = [data_path(name) for name in (TRIGGER_MODEL, ACTOR_MODEL, TARGET_MODEL)]
    except DataFileError as error:
        raise DataFileError(
            f"{error.message}; the events component needs its trained models: "
            "run `marsad train events --gold tests/fixtures/dev`"
        ) from error
    return EventModels.load(*paths)


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """Prepositions that tell a participant's part, and words that open no name (normalised)."""
    data = read_yaml(LEXICON_FILE)
    return (
        frozenset(_preposition_classes()),
        frozenset(normalize(w) for w in data["not_name_openers"]),
    )


@lru_cache(maxsize=1)
def _preposition_classes() -> dict[str, str]:
    """Normalised preposition → the part it usually marks (recipient, partner, agent …)."""
    data = read_yaml(LEXICON_FILE)["participant_prepositions"]
    return {normalize(word): part for part, words in data.items() for word in words}


# -- trigger features ------------------------------------------------------------------------


@dataclass
class History:
    """The decisions taken so far in an article: ``(token index, type, sentence)``."""

    decided: list[tuple[int, str, int, bool]] = field(default_factory=list)  # …, is a verb

    def add(self, index: int, event_type: str, sentence: int, verb: bool) -> None:
        self.decided.append((index, event_type, sentence, verb))


def _bucket(distance: int) -> str:
    if distance <= 2:
        return str(distance)
    if distance <= 4:
        return "3-4"
    if distance <= 8:
        return "5-8"
    return "9+"


def _stem(coder: _Coder, index: int) -> str:
    token = coder.view.tokens[index]
    for part in token.segments:
        if part.role == "stem":
            return normalize(part.text)
    return token.norm


def _word(coder: _Coder, index: int) -> str:
    tokens = coder.view.tokens
    if index < 0:
        return "<s>"
    if index >= len(tokens):
        return "</s>"
    known = coder.words.get(index)
    if known is not None:
        return known  # neighbouring candidates ask for the same words
    norm = tokens[index].norm
    if norm in QUOTE_MARKS:
        word = "<q>"
    elif norm[:1].isdigit():
        word = "<num>"
    else:
        word = _stem(coder, index)
    coder.words[index] = word
    return word


def _headline(coder: _Coder, sentence: int) -> bool:
    """Whether a sentence is the article's headline: its first, a line of its own with no
    full stop (a sentence of body text on its own is not)."""
    if sentence != 0 or not coder.doc.sentences:
        return False
    first = coder.doc.sentences[0]
    text = coder.doc.text
    line_ends = first.end >= len(text.rstrip()) or text[first.end : first.end + 1] in ("\n", "\r")
    return line_ends and text[first.start : first.end].rstrip()[-1:] not in (
        ".",
        "!",
        "?",
        "؟",
        "…",
    )


def trigger_features(
    coder: _Coder, candidates: Sequence[Candidate], k: int, history: History
) -> list[list[str]]:
    """The features of each answer for candidate ``k``: ``NONE`` first, then one per type its
    readings name (:attr:`Candidate.types` order), given the decisions in ``history``.

    The decision is a choice among those answers (a conditional logit): what tells an event
    from a non-event (the word, its neighbours, its place) is carried by the ``NONE`` answer;
    what tells one type from another (the conditions of that type's readings: "أطلق" with
    "عملية" after it is an assault, with "سراح" a release) by each type's answer, in the same
    words for every type, so what is learnt of one type helps the others.
    """
    view, tokens = coder.view, coder.view.tokens
    candidate = candidates[k]
    i = candidate.index
    token = tokens[i]
    sentence = view.sentence_of_token(i)
    s_lo, s_hi = view.sentence_tokens(sentence)
    lo, hi = view.clause(i)
    types = candidate.types
    # the features of the NONE answer, written with their "~" prefix at once
    context = [BIAS, "NONE", "~w=" + token.norm, "~stem=" + _stem(coder, i)]
    if len(types) > 1:
        context.append("~ambiguous")
    p1 = _word(coder, i - 1)
    n1 = _word(coder, i + 1)
    context.append("~p1=" + p1)
    context.append("~p2=" + _word(coder, i - 2))
    context.append("~n1=" + n1)
    context.append("~n2=" + _word(coder, i + 2))
    context.append("~p1n1=" + p1 + "|" + n1)
    if i - 1 >= s_lo and view.is_break(i - 1):
        context.append("~after_break")
    context.append("~clause_pos=" + _bucket(i - lo))
    context.append("~sentence_pos=" + _bucket(i - s_lo))
    memo = coder.memo
    headline_key = ("headline", sentence)
    if headline_key in memo:
        headline: bool = memo[headline_key]
    else:
        headline = memo[headline_key] = _headline(coder, sentence)
    if headline:
        context.append("~headline")
    if inside(coder.quoted, token.start):
        context.append("~in_quote")
    elif coder.reported_at(token.start):
        context.append("~in_reported")
    future = False
    for r in candidate.readings:
        if r.future:
            future = True
            break
    negated, modality = coder.polarity(i, future)
    if negated:
        context.append("~negated")
    context.append("~modality=" + modality)
    if view.dates_between(tokens[lo].start, tokens[hi - 1].end):
        context.append("~clause_date")
    # names and nisbas around it
    mentions = coder.mentions
    for k2 in range(i + 1, min(i + 4, s_hi)):
        token2 = tokens[k2]
        found = mentions.starting_in(token2.start, token2.end)
        if found:
            context.append(f"~name_after={found[0].entity.type}@{k2 - i}")
            break
        if view.is_break(k2):
            break
    for k2 in range(i - 1, max(i - 4, s_lo - 1), -1):
        token2 = tokens[k2]
        found_before = mentions.covering(token2.start, token2.end)
        if found_before is not None:
            context.append(f"~name_before={found_before.entity.type}@{i - k2}")
            break
        if view.is_break(k2):
            break
    nxt = tokens[i + 1].norm if i + 1 < s_hi else ""
    if i + 1 < s_hi and nisba_country(nxt) is not None:
        context.append("~nisba_next")
    if nxt in _words()[0]:
        context.append("~next_prep=" + nxt)
    if (
        coder.lex.support.match(tokens, i, allow=("conj", "future", "prep", "article", "suffix"))
        is not None
    ):
        context.append("~is_support_word")
    for other in candidates[k + 1 : k + 2]:
        if other.index == i + 1:
            # "بعملية الانسحاب"، "جولة مباحثات": a noun before another trigger word
            context.append(
                "~next_is_candidate" + ("_same_type" if set(other.types) & set(types) else "")
            )
    if any(r.form.agreement != "noun" for r in candidate.readings):
        context.append("~has_verb_reading")
    else:
        context.append("~nouns_only")
    hist_sentence = [d for d in history.decided if d[2] == sentence]
    if hist_sentence:
        context.append("~hist_sentence_event")
        index, event_type, _, was_verb = hist_sentence[-1]
        if was_verb and event_type in CONTENT_TYPES and i - index <= CONTENT_REACH:
            if _nothing_between(coder, index, i):
                context.append("~hist_content_head")
                context.append("~hist_content_head=" + event_type)
            else:
                context.append("~hist_content_head_beyond")  # another clause or verb between
    answers = [context]
    for event_type in types:
        readings = [r for r in candidate.readings if r.type == event_type]
        f = ["EVENT", "type=" + event_type]
        for reading in readings:
            trigger = reading.form.trigger
            f.append("lemma=" + trigger.lemma)
            for flag in reading.flags:
                f.append("r:" + flag)
            for flag in reading.flags:
                if flag.startswith(("needs=", "with_prep=", "governed", "agent_min", "standalone")):
                    f.append(f"{event_type}:{flag}")
        if len(types) > 1:
            f.append("first_type" if event_type == types[0] else "later_type")
        # the neighbouring candidates of the same type (no decision needed)
        for other in candidates[max(0, k - NEAR) : k + NEAR + 1]:
            j = other.index
            if j == i or not lo <= j < hi or abs(j - i) > NEAR or event_type not in other.types:
                continue
            side = "next" if j > i else "prev"
            nouns = all(r.form.agreement == "noun" for r in other.readings if r.type == event_type)
            f.append(f"{side}_same_type_{'noun' if nouns else 'verb'}")
        for index, decided_type, _, _ in reversed(hist_sentence):
            if decided_type == event_type:
                f.append("hist_same_type@" + _bucket(i - index))
                break
        if any(d[1] == event_type for d in history.decided if d[2] < sentence):
            f.append("hist_same_type_earlier")
            if any("definite" in r.flags for r in readings):
                f.append("hist_same_type_earlier_definite")
        if headline:
            f.append(f"{event_type}&headline")
        f.append(f"{event_type}&modality={modality}")
        answers.append(f)
    return answers


def trigger_decisions(
    coder: _Coder,
    model: LinearModel,
    threshold: float,
    candidates: Sequence[Candidate] | None = None,
) -> list[tuple[_Found, float]]:
    """The candidates the trigger model takes for events, with their chosen reading and
    probability, in text order."""
    found = coder.candidates() if candidates is None else candidates
    history = History()
    chosen: list[tuple[_Found, float]] = []
    for k, candidate in enumerate(found):
        best, probability = model.best(trigger_features(coder, found, k, history), first=1)
        if probability < threshold:
            continue
        event_type = candidate.types[best - 1]
        reading = candidate.reading(event_type)
        if reading.form.agreement == "noun" and _content_of_last(coder, history, candidate.index):
            continue
        history.add(
            candidate.index,
            event_type,
            coder.view.sentence_of_token(candidate.index),
            reading.form.agreement != "noun",
        )
        chosen.append((reading, probability))
    return chosen


# The acts whose content is no second event ("طالب بالإفراج عن …": one REQUEST; "هدد بقطع …").
CONTENT_HEADS = frozenset({"REQUEST", "THREATEN", "REJECT"})


def _content_of_last(coder: _Coder, history: History, i: int) -> bool:
    """Whether the verbal noun at token ``i`` is what the verb of the sentence's last event
    asks for, threatens or refuses: that verb is a request, threat or refusal a few words
    before it, with no break and no other verb between (the fixtures' rule: "the content of a
    request, threat or refusal is not a second event")."""
    sentence = coder.view.sentence_of_token(i)
    last = history.decided[-1] if history.decided else None
    if last is None or last[2] != sentence or not last[3] or last[1] not in CONTENT_HEADS:
        return False
    head = last[0]
    return 0 < i - head <= CONTENT_REACH and _nothing_between(coder, head, i)


def _nothing_between(coder: _Coder, head: int, i: int) -> bool:
    """Whether no break and no other verb stand between tokens ``head`` and ``i``."""
    view = coder.view
    for k in range(head + 1, i):
        if view.is_break(k) or coder.verb_at(k):
            return False
    return True


# -- participants --------------------------------------------------------------------------


@dataclass
class Participant:
    """One answer to "who?": a participant (``who``) or nobody (``None``), with how it was
    proposed."""

    who: Who | None
    sources: set[str]
    # participant_key(who), asked for every feature look-up: given when known (a merged
    # proposal keeps its key: only proposals of the same key are merged)
    key: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.key:
            self.key = participant_key(self.who)


def participant_key(who: Who | None) -> str:
    """Identity of a participant across proposals: its entity id, else its words."""
    if who is None:
        return "<none>"
    if who.id is not None:
        return "id:" + who.id
    return "text:" + " ".join(normalize(who.text).split())


def participants(coder: _Coder, found: _Found, role: str) -> list[Participant]:
    """Every candidate ``role`` ("actor" or "target") of the event ``found``, nobody first.

    Both roles choose among the same candidates (what the clause analysis proposes for either,
    the names of the sentence, the countries of its nisbas), except that a name after إلى،
    على، ضد is never the actor. Proposals of the same participant are merged; its position is
    the mention nearest the trigger in the trigger's sentence (features read the preposition
    and distance there)."""
    memo = coder.memo
    memo_key = ("participants", found.index)
    if memo_key in memo:
        everyone: list[Participant] = memo[memo_key]
    else:
        everyone = memo[memo_key] = _all_participants(coder, found)
    if role != "actor":
        return everyone
    view, tokens = coder.view, coder.view.tokens
    s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(found.index))
    lo = tokens[s_lo].start if s_hi > s_lo else 0
    hi = tokens[s_hi - 1].end if s_hi > s_lo else 0
    here = tokens[found.index].start
    barred = _never_actor_after()
    no_places = found.form.trigger.type in _actors_never_places()
    return [
        p
        for p in everyone
        if p.who is None
        or (
            (not (lo <= p.who.start < hi and p.who.start > here) or _preposition_before(coder, p.who) not in barred)
            and not (no_places and _is_place(coder, p.who))
        )
    ]


def _is_place(coder: _Coder, who: Who) -> bool:
    entity = coder.doc.entity(who.id) if who.id else None
    return entity is not None and entity.type == "LOC"


@lru_cache(maxsize=1)
def _actors_never_places() -> frozenset[str]:
    return frozenset(read_yaml(LEXICON_FILE)["actors_never_places"])


def _all_participants(coder: _Coder, found: _Found) -> list[Participant]:
    view, tokens = coder.view, coder.view.tokens
    s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(found.index))
    lo = tokens[s_lo].start if s_hi > s_lo else 0
    hi = tokens[s_hi - 1].end if s_hi > s_lo else 0
    here = tokens[found.index].start
    by_key: dict[str, Participant] = {"<none>": Participant(None, {"none"}, "<none>")}

    def rank(who: Who) -> tuple[int, int]:
        return (0 if lo <= who.start < hi else 1, abs(who.start - here))

    def add(source: str, who: Who) -> None:
        key = participant_key(who)
        if key not in by_key:
            by_key[key] = Participant(who, {source}, key)
            return
        known = by_key[key]
        known.sources.add(source)
        if known.who is not None and rank(who) < rank(known.who):
            text = known.who.text if len(known.who.text) > len(who.text) else who.text
            partners = known.who.partners or who.partners
            known.who = replace(who, text=text, partners=partners)

    proposals = coder.actor_proposals(found) + _context_proposals(coder, found)
    proposals += coder.target_proposals(found)
    for source, who in proposals:
        add(source, who)
    for source, who in _sentence_people(coder, view.sentence_of_token(found.index)):
        add(source, who)
    return list(by_key.values())


def _memo(coder: _Coder, key: Any, make: Any) -> Any:
    """``make()`` once per article and ``key``."""
    if key not in coder.memo:
        coder.memo[key] = make()
    return coder.memo[key]


def _sentence_people(coder: _Coder, sentence: int) -> list[tuple[str, Who]]:
    """The names of a sentence (with their conjuncts) and the countries its nisbas stand for
    (once per article and sentence)."""
    key = ("people", sentence)
    if key in coder.memo:
        known: list[tuple[str, Who]] = coder.memo[key]
        return known
    result = coder.memo[key] = _make_sentence_people(coder, sentence)
    return result


def _make_sentence_people(coder: _Coder, sentence: int) -> list[tuple[str, Who]]:
    tokens = coder.view.tokens
    s_lo, s_hi = coder.view.sentence_tokens(sentence)
    if s_hi <= s_lo:
        return []
    out = [
        ("mention", coder.who(m))
        for m in coder.mentions.starting_in(tokens[s_lo].start, tokens[s_hi - 1].end)
    ]
    for k in range(s_lo, s_hi):
        norm = tokens[k].norm
        if len(norm) < 4 or nisba_country(norm) is None:
            continue
        country = coder.nisba_in(k, k + 1)
        if country is not None:
            out.append(("nisba", country))
    return out


@lru_cache(maxsize=1)
def _counted_groups() -> frozenset[str]:
    """Words that count a group ("مئات من أنصار …"), without the article (normalised)."""
    return frozenset(normalize(w) for w in read_yaml(LEXICON_FILE)["counted_groups"])


@lru_cache(maxsize=1)
def _never_actor_after() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_yaml(LEXICON_FILE)["never_actor_after"])


def _context_proposals(coder: _Coder, found: _Found) -> list[tuple[str, Who]]:
    """Actors beyond the clause: the names of the sentence before (a verb with a dropped
    subject continues it: "أغلقت فرق البلدية … وصادرت"), the subject of the verb before a
    verbal noun ("ألقت الأجهزة الأمنية القبض"), and the body a quoted spokesman speaks for."""
    view, tokens = coder.view, coder.view.tokens
    i = found.index
    out: list[tuple[str, Who]] = []
    sentence = view.sentence_of_token(i)
    if sentence > 0:
        previous_key = ("previous", sentence)
        if previous_key in coder.memo:
            previous: list[tuple[str, Who]] = coder.memo[previous_key]
        else:
            previous = coder.memo[previous_key] = _previous_names(coder, sentence - 1)
        out += previous
    lo, _ = view.clause(i)
    for k in range(i - 1, max(lo, i - NEAR) - 1, -1):
        if (
            coder.lex.verbs.match(tokens, k, allow=("conj", "future")) is not None
            or coder.lex.support.match(tokens, k, allow=("conj", "future")) is not None
        ):
            if coder.lex.support_nouns.match(tokens, k, allow=("conj", "prep", "article")) is not None:
                break  # "جولة جديدة من المحادثات": a noun has no subject after it
            subject = _before_trigger(coder, subject_after(view, coder.mentions, k), i)
            if subject is not None:
                out.append(("prev_verb_subject", subject))
            break
    else:
        if found.form.agreement == "noun":
            # "نظم العشرات من متضرري الزلزال، صباح اليوم، وقفة احتجاجية"، "دخل عمال الميناء،
            # اليوم، في إضراب": the support verb and its subject, adverbials between them and
            # the noun, farther than a clause
            s_lo, _ = view.sentence_tokens(sentence)
            for k in range(max(lo, i - NEAR) - 1, max(s_lo, i - FAR_SUPPORT) - 1, -1):
                if coder.lex.support.match(tokens, k, allow=("conj",)) is not None:
                    said = subject_after(view, coder.mentions, k)
                    if said is not None and _only_adverbials(coder, said, i):
                        subject = _before_trigger(coder, said, i)
                        if subject is not None:
                            out.append(("support_subject_far", subject))
                    break
    for quote in coder.doc.quotes:
        if quote.start <= tokens[i].start < quote.end and quote.speaker:
            entity = coder.doc.entity(quote.speaker)
            if entity is not None:
                body = _memo(
                    coder,
                    ("body", entity.id),
                    lambda entity=entity: organisation_of(view, coder.mentions, entity),
                )
                if body is not None:
                    out.append(("speaker_organisation", body))
                # where the speaker is named: its last mention before the quotation
                named = [m for m in entity.mentions if m.end <= quote.start] or list(
                    entity.mentions
                )
                where = named[-1] if named else None
                start = where.start if where is not None else quote.start
                end = where.end if where is not None else quote.start
                out.append(
                    (
                        "quote_speaker",
                        Who(
                            entity.id,
                            entity.canonical,
                            start,
                            end,
                            gender_of_entity(entity),
                            None,
                            entity_type=entity.type,
                        ),
                    )
                )
            break
    return out


def _before_trigger(coder: _Coder, subject: Who | None, i: int) -> Who | None:
    """A verb's subject when it starts before the trigger at ``i``, an unnamed one cut there."""
    view, tokens = coder.view, coder.view.tokens
    if subject is None or subject.start >= tokens[i].start:
        return None
    if subject.id is None:
        return coder.phrase_participant(
            view.token_at(subject.start), min(view.token_at(subject.end - 1), i - 1)
        )
    return subject


def _only_adverbials(coder: _Coder, subject: Who, i: int) -> bool:
    """Whether only commas, dates, adverbs and في stand between a subject and token ``i``."""
    view, tokens = coder.view, coder.view.tokens
    k = view.token_at(max(subject.start, subject.end - 1)) + 1
    while k < i:
        if tokens[k].norm in {"،", ",", "في"} or view.in_date(k):
            k += 1
            continue
        width = adverb_at(view, k)
        if not width:
            return False
        k += width
    return True


def _previous_names(coder: _Coder, sentence: int) -> list[tuple[str, Who]]:
    """The names of a sentence that are no place phrase, as "prev_sentence" proposals."""
    view, tokens = coder.view, coder.view.tokens
    p_lo, p_hi = view.sentence_tokens(sentence)
    if p_hi <= p_lo:
        return []
    return [
        ("prev_sentence", coder.who(mention))
        for mention in coder.mentions.starting_in(tokens[p_lo].start, tokens[p_hi - 1].end)
        if mention.entity.type != "LOC"
        or not coder.place_phrase(view.token_at(mention.start), mention.start)
    ]


def _gender(who: Who, coder: _Coder) -> str | None:
    if who.gender is not None:
        return who.gender
    if who.id is not None:
        entity = coder.doc.entity(who.id)
        if entity is not None:
            return gender_of_entity(entity)
    return None


def _preposition_before(coder: _Coder, who: Who) -> str | None:
    """The preposition right before a participant: a clitic on its word (بالعراق، لإسرائيل)
    or the word before it (مع، على، ضد …)."""
    view, tokens = coder.view, coder.view.tokens
    k = view.token_at(who.start)
    if k >= len(tokens):
        return None
    token = tokens[k]
    if token.start < who.start:
        clitic = normalize(coder.doc.text[token.start : who.start])
        for letter in ("ب", "ل"):
            if clitic.endswith(letter):
                return letter
        return None
    if token.norm.startswith("لل") and normalize(who.text).startswith("ال"):
        return "ل"  # "للعراق": the preposition has swallowed the article's alef
    if k > 0 and who.id is None and token.start == who.start and nisba_country(token.norm):
        # a country read from a nisba takes the preposition of the noun it qualifies
        # ("اتصالا هاتفيا بنظيره الليبي": ب، "رسالة إلى نظيره المصري": إلى)
        for letter in leading_clitics(tokens[k - 1]):
            if letter in ("ب", "ل"):
                return letter
        k -= 1
    if k > 0:
        norm = tokens[k - 1].norm
        bare = norm[1:] if norm[:1] in "وف" and len(norm) > 2 else norm
        if bare in _words()[0]:
            return bare
    return None


def _first_name(coder: _Coder, s_lo: int, s_hi: int) -> str | None:
    tokens = coder.view.tokens
    found = coder.mentions.starting_in(tokens[s_lo].start, tokens[s_hi - 1].end)
    return found[0].entity.id if found else None


def _speaker_ids(coder: _Coder, start: int, end: int) -> set[str]:
    return {q.speaker for q in coder.doc.quotes if q.speaker and q.end > start and q.start < end}


def participant_features(
    coder: _Coder, found: _Found, candidate: Participant, role: str, actor: Who | None = None
) -> list[str]:
    """Features of one candidate participant of the event ``found`` for ``role``."""
    memo = coder.memo
    memo_key = ("features", found.index, candidate.key)
    if memo_key in memo:
        base: list[str] = memo[memo_key]
    else:
        base = memo[memo_key] = _participant_features(coder, found, candidate)
    if role != "target":
        return base
    extra = []
    if candidate.who is None:
        if actor is None:
            extra.append("none&no_actor")
    elif actor is not None:
        if _actor_key(actor) == candidate.key:
            extra.append("is_actor")
        if candidate.who.id is not None and candidate.who.id in actor.partners:
            extra.append("actor_partner")
    return base + extra


# The last actor asked about and its key: the target's candidates all compare with it.
_last_actor: tuple[Who, str] | None = None


def _actor_key(actor: Who) -> str:
    """``participant_key(actor)``, remembered for the last actor (kept, so ``is`` is safe)."""
    global _last_actor
    last = _last_actor
    if last is not None and last[0] is actor:
        return last[1]
    key = participant_key(actor)
    _last_actor = (actor, key)  # one assignment: a thread sees a consistent pair
    return key


def _participant_features(coder: _Coder, found: _Found, candidate: Participant) -> list[str]:
    view, tokens = coder.view, coder.view.tokens
    i = found.index
    event_type = found.type
    agreement = found.form.agreement
    kind = (
        "noun"
        if agreement == "noun"
        else "participle"
        if agreement.startswith("participle")
        else "verb"
    )
    if candidate.who is None:
        f = [BIAS, "none", "none&" + event_type, "none&" + kind]
        for flag in found.flags:
            if flag in _NONE_FLAGS:
                f.append("none&" + flag)
        if inside(coder.quoted, tokens[i].start):
            f.append("none&in_quote")
        return f
    who = candidate.who
    f = [BIAS, "some"]
    for source in sorted(candidate.sources):
        f.append("src=" + source)
        f.append(f"src={source}&{kind}")
        f.append(f"src={source}&{event_type}")
    f.append("n_sources=" + _bucket(len(candidate.sources)))
    if candidate.sources <= _NO_ROLE_SOURCES:
        f.append("no_clause_role")
    etype = who.entity_type or ("phrase" if who.id is None else "entity")
    if "nisba" in candidate.sources and (who.id is None or who.entity_type is None):
        etype = "nisba"
        k = view.token_at(who.start)
        if k > 0 and _stem(coder, k - 1).removeprefix("ال") in coder.lex.delegations:
            f.append(
                "nisba_of_a_delegation"
            )  # "الموفد القطري"، "وفد تركي": the envoy, not the state
    f.append("type=" + etype)
    f.append(f"type={etype}&{event_type}")
    f.append(f"type={etype}&{kind}")
    if who.id is None:
        words = normalize(who.text).split()
        f.append("phrase_words=" + _bucket(len(words)))
        if words:
            head = words[0][1:] if words[0][:1] in "وف" and len(words[0]) > 3 else words[0]
            f.append(
                "phrase_head="
                + (
                    "definite"
                    if head.startswith("ال")
                    else "digit"
                    if head[:1].isdigit()
                    else "indefinite"
                )
            )
            if head in _words()[0] or head in _words()[1]:
                f.append("phrase_starts_with_particle")
            case = phrase_case(who.text)
            if case is not None:
                f.append("phrase_case=" + case)
                f.append(f"phrase_case={case}&{kind}")
            if len(words) > 1 and is_title_role(head):
                f.append("phrase_head_title")  # "رئيس مجلس الوزراء": an office holder
            if len(words) > 2 and head.removeprefix("ال") in _counted_groups():
                f.append("phrase_counted_group")  # "مئات من أنصار الحزب": the crowd acts
            if (
                coder.lex.verbs.match(tokens, view.token_at(who.start), allow=("conj", "future"))
                is not None
            ):
                f.append("phrase_starts_with_verb")
    else:
        k = view.token_at(who.start)
        if k > 0 and tokens[k].start == who.start and is_title_role(tokens[k - 1].norm):
            # "رئيس مجلس الوزراء": the body whose office holder acts, not the actor itself
            f.append("body_of_a_title")
    trigger_start = tokens[i].start
    sentence = view.sentence_of_token(i)
    s_lo, s_hi = view.sentence_tokens(sentence)
    in_sentence = tokens[s_lo].start <= who.start < tokens[s_hi - 1].end
    if in_sentence:
        position = "before" if who.start < trigger_start else "after"
        k = view.token_at(who.start)
        distance = abs(k - i) - (found.n - 1 if position == "after" else 0)
        f.append("pos=" + position)
        f.append(f"pos={position}@{_bucket(distance)}")
        f.append(f"pos={position}&{kind}")
        f.append(f"pos={position}&{kind}&{event_type}")
        f.append(f"{etype}&{position}&{event_type}")
        f.append(f"{etype}&{position}&{kind}")
        if position == "after" and distance <= 2:
            f.append(f"{etype}&right_after&{kind}")
        lo, hi = view.clause(i)
        if lo <= k < hi:
            f.append("same_clause")
        if position == "after" and k == i + found.n:
            f.append("adjacent_after")
        between = range(i + found.n, k) if position == "after" else range(k + 1, i)
        if any(view.is_break(j) for j in between):
            f.append(f"break_between&{position}")
        elif (
            position == "after"
            and who.id is not None
            and (
                k <= i + found.n
                or not coder.mentions.starting_in(tokens[i + found.n].start, tokens[k].start)
            )
        ):
            # the first name after the trigger with no break: its subject slot ("ودعا المبعوث
            # الأممي إلى اليمن، هانس غروندبرغ": the title runs into the name)
            f.append(f"first_name_after&{etype}&{kind}")
        first_key = ("first", sentence)
        if first_key in coder.memo:
            first_id: str | None = coder.memo[first_key]
        else:
            first_id = coder.memo[first_key] = _first_name(coder, s_lo, s_hi)
        if who.id is not None and first_id == who.id:
            f.append("first_name_of_sentence")
    else:
        position = "outside"
        f.append("pos=outside")
        f.append(f"pos=outside&{kind}")
    preposition = _preposition_before(coder, who) if in_sentence else None
    if preposition is not None:
        part = _preposition_classes().get(preposition, "other")
        f += [
            "prep=" + preposition,
            f"prep={preposition}&{position}",
            f"prep={preposition}&{event_type}",
            f"prep_part={part}",
            f"prep_part={part}&{kind}",
            f"prep_part={part}&{position}&{event_type}",
        ]
    elif in_sentence:
        f.append(f"no_prep&{position}")
    if kind == "verb" and agreement in ("m", "f"):
        gender = _gender(who, coder)
        if gender is not None:
            f.append("agrees" if gender == agreement else "disagrees")
            f.append(("agrees" if gender == agreement else "disagrees") + "&" + position)
    if kind == "verb" and agreement in ("pl", "du") and who.partners:
        f.append("plural_verb_compound")
    if who.partners:
        f.append("compound")
    if who.id is not None:
        memo = coder.memo
        here_key = ("spoken", i)
        if here_key in memo:
            here: set[str] = memo[here_key]
        else:
            here = memo[here_key] = _speaker_ids(coder, tokens[i].start, tokens[i].end + 1)
        if who.id in here:
            f.append("speaker_of_its_quote")
        there_key = ("speakers", sentence)
        if there_key in memo:
            there: set[str] = memo[there_key]
        else:
            there = memo[there_key] = _speaker_ids(
                coder, tokens[s_lo].start, tokens[s_hi - 1].end
            )
        if who.id in there:
            f.append("speaker_in_sentence")
        if "subject_ids" in memo:
            subject_ids: set[str | None] = memo["subject_ids"]
        else:
            subject_ids = memo["subject_ids"] = {s.id for s in coder.subjects}
        if who.id in subject_ids:
            f.append("clause_subject_somewhere")
    if in_sentence and inside(coder.quoted, who.start):
        f.append("inside_quote")
    if in_sentence and preposition == "في" and etype == "LOC":
        f.append("place_phrase")
    return f


# Proposals that say nothing of a participant's role in the clause.
_NO_ROLE_SOURCES = frozenset({"mention", "nisba", "prev_sentence"})
# The flags of a trigger that tell whether an actor can be named (for the "nobody" answer).
_NONE_FLAGS = frozenset(
    {
        "governor_passive",
        "imperfect",
        "participle",
        "noun",
        "definite",
        "agent_min",
        "genitive_name",
        "nisba_after",
        "standalone",
    }
)


def choose(
    coder: _Coder, found: _Found, model: LinearModel, role: str, actor: Who | None = None
) -> tuple[Who | None, float]:
    """The best candidate of ``role`` by ``model`` (nobody included) and its probability."""
    candidates = participants(coder, found, role)
    features = [participant_features(coder, found, c, role, actor) for c in candidates]
    best, probability = model.best(features)
    return candidates[best].who, probability


def decide(coder: _Coder, models: EventModels) -> list[Event]:
    """The events of one article: trigger decisions, then actor and recipient, in text order."""
    events = []
    for found, probability in trigger_decisions(coder, models.trigger, models.threshold):
        actor, p_actor = choose(coder, found, models.actor, "actor")
        coder.remember(found, actor)
        target, _ = choose(coder, found, models.target, "target", actor)
        if (
            target is not None
            and actor is not None
            and participant_key(target) == participant_key(actor)
        ):
            target = None
        events.append(coder.code(found, actor, target, probability * p_actor))
    return events
