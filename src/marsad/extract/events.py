"""The ``events`` component: PLOVER events — who did what to whom, when and where.

The trigger lexicon (``data/ar/event_triggers.yaml``) and the clause analysis here propose;
models trained on the project's annotated articles decide (:mod:`marsad.extract.event_model`).

Candidates: every word the lexicon matches, verb or verbal noun, with its clitics (اتفقت،
وسيكتمل، وقاطعها، اجتماعا، مباحثات، بطلب). Each reading carries the conditions of its entry as
flags for the trigger model, met or not: a verb where a verb can stand (a clause start, after
a complementiser or a named subject), the object a form needs ("وقّع اتفاقية"، "أطلق عملية"),
a support verb governing a noun ("عقدت … مباحثات"، "بدأت بعملية الانسحاب"), its agent after
من ("بطلب من الحكومة العراقية"), a topic marker before it ("لمناقشة الانسحاب") …

Participants: the clause analysis proposes who may act — the subject after the verb (Arabic
is verb-first: "اتفقت بغداد وواشنطن"), a name before it ("المفوضية طلبت"), the antecedent of
a relative ("…، التي دعت"), the genitive or nisba after a verbal noun ("توقيع اللجنة"،
"الانسحاب الأميركي" → the United States), the subject of a support verb, the last participant
a subjectless verb agrees with, the speaker of the quotation the trigger is in — and the actor
model ranks them with every name of the sentence and *nobody*; a second model picks the
recipient. The location is a place after في/ب, the date the clause's date expression, else
the sentence's, else the publication day for a past speech act or meeting. Negation, denial,
conditionals, the future and reported speech set ``negated`` and ``modality``
(:func:`~marsad.extract.clauses.polarity`). Each event's confidence is the probability the
trigger model gave its type times the one the actor model gave its actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from marsad.document import Document, Event, Span
from marsad.extract.clauses import (
    QUOTE_MARKS,
    Lexicon,
    Variant,
    load_forms,
    modality_data,
    phrase_set,
    polarity,
    variants,
)
from marsad.extract.event_model import EventModels, decide, shipped_models
from marsad.extract.participants import (
    Country,
    Mention,
    Mentions,
    Salience,
    Who,
    adverb_at,
    agrees,
    antecedent,
    conjoined,
    country_by_name,
    document_subjects,
    entity_before,
    gender_of_entity,
    generic_before_name,
    is_complementiser,
    is_title_role,
    leading_clitics,
    looks_definite_but_is_not,
    looks_like_verb,
    nisba_country,
    noun_phrase,
    organisation_of,
    quotation_regions,
    role_of_countries,
    shared_view,
    subject_after,
)
from marsad.extract.quotes import cue_lexicon
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

# Which clitics a verb form and a verbal noun may carry when looked up.
VERB_CLITICS = frozenset({"conj", "future", "suffix"})
NOUN_CLITICS = frozenset({"conj", "prep", "article", "suffix"})

# How far back (in words) a support verb may govern a verbal noun.
GOVERNOR_REACH = 10
# Words other than names, dates and commas that may stand between a support verb and its noun
# ("وعقد وزراء الطاقة اجتماعا"، "وستعقد الوزارة جولة مباحثات").
GOVERNOR_PLAIN_WORDS = 2
# How far after its event noun a support verb with a pronoun may come ("هجوم بسيارة مفخخة
# وأسلحة رشاشة شنه مسلحون").
GOVERNOR_AFTER_REACH = 6
# ... or a subject of up to this many words more ("بدأت الوحدات العسكرية التابعة للطرفين الانسحاب")
SUBJECT_WORDS = 5
DEFAULT_WINDOW = 6
# Definite nouns of these types alone usually refer back to an event already told ("المباحثات
# مستمرة"، "ويأتي الاتفاق بعد"); violence and protest nouns name the event itself.
ANAPHORIC_TYPES = frozenset({"CONSULT", "AGREE", "PROTEST"})
# Verbal acts (PLOVER's verbal quads): a past-tense report of one with no date of its own
# happened on the publication day ("دعا الوزير"); material acts get no such default.
VERBAL_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "SANCTION",
        "THREATEN",
    }
)
# Nouns of these types take their agent as genitive ("إضراب المعلمين"، "احتجاجات السكان").
INTRANSITIVE_TYPES = frozenset({"PROTEST"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a lemma with its PLOVER type and the conditions for counting."""

    lemma: str
    type: str
    mode: str | None
    needs: Lexicon[str] | None
    window: int
    standalone: bool
    clause_initial: bool
    needs_actor: bool
    governed: bool
    with_actor: bool
    on_object: bool
    needs_target: bool = False
    with_prep: str | None = None
    modes: tuple[tuple[str, Lexicon[str]], ...] = ()


@dataclass(frozen=True)
class Form:
    trigger: Trigger
    agreement: str  # m, f, pl, du, participle:<g>, noun


@dataclass(frozen=True)
class _Lexicons:
    verbs: Lexicon[Form]
    nouns: Lexicon[Form]
    support: Lexicon[str]
    support_nouns: Lexicon[str]
    passive: Lexicon[str]
    verb_openers: frozenset[str]
    relatives: frozenset[str]
    delegations: frozenset[str]
    envoys: frozenset[str]  # delegations of people: "وفد تركي" is the delegation, not Turkey
    never_participants: frozenset[str]  # "أي"، "رفضا": words that open no participant
    object_nouns: frozenset[str]
    receive: Lexicon[str]
    affiliation: frozenset[str]
    guests: Lexicon[str]


@lru_cache(maxsize=1)
def trigger_lexicon() -> _Lexicons:
    """The event triggers of ``data/ar/event_triggers.yaml`` as clitic-aware lexicons."""
    data = read_yaml("data/ar/event_triggers.yaml")
    paradigm = data["paradigm"]
    verbs: Lexicon[Form] = Lexicon()
    nouns: Lexicon[Form] = Lexicon()
    for entry in data["triggers"]:
        needs = phrase_set(entry["needs"]) if entry.get("needs") else None
        trigger = Trigger(
            lemma=str(entry["lemma"]),
            type=str(entry["type"]),
            mode=entry.get("mode"),
            needs=needs,
            window=int(entry.get("window", DEFAULT_WINDOW)),
            standalone=bool(entry.get("standalone")),
            clause_initial=bool(entry.get("clause_initial")),
            needs_actor=bool(entry.get("needs_actor")),
            governed=bool(entry.get("governed", True)),
            with_actor=bool(entry.get("with_actor")),
            on_object=bool(entry.get("trigger_on_object")),
            with_prep=normalize(str(entry["with_prep"])) if entry.get("with_prep") else None,
            needs_target=bool(entry.get("needs_target")),
            modes=tuple(
                (str(mode), phrase_set(words)) for mode, words in (entry.get("modes") or {}).items()
            ),
        )
        forms = load_forms(entry)
        for form, agreement in forms + _regular_forms(forms, paradigm):
            verbs.add(form, Form(trigger, agreement))
        for form in entry.get("noun") or ():
            nouns.add(str(form), Form(trigger, "noun"))
    cues = read_yaml("data/ar/reporting_cues.yaml")
    openers = {normalize(w) for w in cues["complementisers"]} | {
        normalize(w) for w in cues["relatives"]
    }
    openers |= {normalize(w) for w in data.get("verb_openers", ())}
    return _Lexicons(
        verbs=verbs,
        nouns=nouns,
        support=phrase_set(
            _support_forms(data["support_verbs"], paradigm) + list(data["support_nouns"])
        ),
        support_nouns=phrase_set(data["support_nouns"]),
        passive=phrase_set(data["support_passive"]),
        verb_openers=frozenset(openers),
        relatives=frozenset(normalize(w) for w in cues["relatives"]),
        delegations=frozenset(normalize(w) for w in data.get("delegations", ())),
        envoys=frozenset(normalize(w) for w in data.get("envoys", ())),
        never_participants=frozenset(normalize(w) for w in data.get("never_participants", ())),
        object_nouns=frozenset(normalize(w) for w in data.get("object_nouns", ())),
        receive=phrase_set(data.get("receive_verbs", ())),
        affiliation=frozenset(normalize(w) for w in data.get("affiliation", ())),
        guests=phrase_set(data.get("guests", ())),
    )


def _support_forms(words: list[Any], paradigm: dict[str, Any]) -> list[str]:
    """Support verbs with their regular inflections ("قرر" → قررت، قرروا، يقررون …)."""
    listed = [(str(w), "m") for w in words if " " not in str(w)]
    return [str(w) for w in words] + [form for form, _ in _regular_forms(listed, paradigm)]


def _regular_forms(forms: list[tuple[str, str]], paradigm: dict[str, Any]) -> list[tuple[str, str]]:
    """The inflections a lexicon entry does not list, from its 3rd person masculine forms.

    Only sound verbs (a past ending in a consonant) are inflected this way, by the affixes of
    ``paradigm`` in the lexicon file (past +ت، +وا; present ي→ت، +ون، +ان، ن…); weak verbs
    (دعا، نفى، التقى) list their forms in full.
    """
    weak = tuple(normalize(str(w)) for w in paradigm["weak_endings"])
    listed = {normalize(f) for f, _ in forms}
    masculine = [normalize(f) for f, agreement in forms if agreement == "m"]
    past = [f for f in masculine if f[:1] not in "يتن"]
    present = [f for f in masculine if f[:1] == "ي"]
    out: list[tuple[str, str]] = []
    for stem in past:
        if stem.endswith(weak):
            continue
        for agreement, suffixes in paradigm["past_suffixes"].items():
            out += [(stem + normalize(str(x)), str(agreement)) for x in suffixes]
    for stem in present:
        if stem.endswith(weak):
            continue
        base = stem[1:]
        for agreement, (prefix, suffix) in (
            (a, tuple(p)) for a, p in paradigm["present_affixes"].items()
        ):
            out.append(
                (
                    normalize(str(prefix)) + base + normalize(str(suffix)),
                    str(agreement).split("_")[0],
                )
            )
    return [(form, agreement) for form, agreement in out if form not in listed]


@dataclass
class _Found:
    """One reading of a candidate trigger: its lexicon entry, clitics and what the clause
    analysis found around it (``extra``: governing support verb, object, agent after من …)."""

    index: int
    n: int
    form: Form
    reading: Variant
    future: bool = False
    past: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # the lexicon conditions this reading meets or fails, as names (features of the models)
    flags: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        return self.form.trigger.type


@dataclass
class Candidate:
    """A token the trigger lexicon proposes, with every reading the lexicon has for it."""

    index: int
    readings: list[_Found]

    @cached_property
    def types(self) -> tuple[str, ...]:
        """The event types its readings name, in lexicon order (asked for every feature)."""
        return tuple(dict.fromkeys(r.type for r in self.readings))

    def reading(self, event_type: str) -> _Found:
        """The first reading of ``event_type``."""
        return next(r for r in self.readings if r.type == event_type)


class _Coder:
    """The clause analysis of one article for event coding: candidate triggers with their
    readings, who may take part, and the date, place, mode and modality of an event."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.view = shared_view(doc)
        self.mentions = Mentions(doc.entities)
        self.lex = trigger_lexicon()
        regions = quotation_regions(doc)
        self.quoted = regions
        self.reported = regions + [(q.start, q.end) for q in doc.quotes if not q.direct]
        self.subjects = document_subjects(doc, self.view, self.mentions)
        speakers = [
            Who(q.speaker, q.speaker_text or "", q.start, q.start, None, None)
            for q in doc.quotes
            if q.speaker
        ]
        self.salience = Salience(self.subjects + speakers)
        self.last_actor: dict[int, tuple[Who | None, str]] = {}
        self.found: list[_Found] = []
        # what the models' features ask of a sentence more than once (its names, its speakers)
        self.memo: dict[Any, Any] = {}
        # token index → the word the trigger features name it by (stem, <q>, <num>)
        self.words: dict[int, str] = {}
        # (token index, future) → polarity there (asked by the trigger features, then coding)
        self.polarities: dict[tuple[int, bool], tuple[bool, str]] = {}
        # country → the id of the article's place entity that names it (or None)
        self.country_ids: dict[Country, str | None] = {}
        # token index → whether it is a verb (verb_at); → the support verb after a noun there
        self.verbs_at: dict[int, bool] = {}
        self.governors_after: dict[int, int | None] = {}

    # -- candidate triggers ----------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        """Every token the trigger lexicon matches, verb or noun reading, whatever the
        conditions of its entries (they become flags the trigger model weighs)."""
        tokens = self.view.tokens
        found: list[Candidate] = []
        for i in sorted(set(self.lex.verbs.hits(tokens)) | set(self.lex.nouns.hits(tokens))):
            if self.in_name(i):
                continue
            readings = self.verb_readings(i) + self.noun_readings(i)
            if readings:
                found.append(Candidate(i, readings))
        return found

    def verb_readings(self, i: int) -> list[_Found]:
        tokens = self.view.tokens
        out: list[_Found] = []
        position: bool | None = None
        initial: bool | None = None
        for form, reading, n in self.lex.verbs.match_all(tokens, i, allow=VERB_CLITICS):
            trigger = form.trigger
            norm = reading.word
            participle = form.agreement.startswith("participle")
            lemma = normalize(trigger.lemma)
            # inflected forms are verbs wherever they stand; the bare 3rd person masculine past
            # is also the verbal noun (نشر، قصف، طلب) and needs a verb's position
            prefixed = norm[:1] in "يتن" and not lemma.startswith(norm[:1])
            unmistakable = (
                (form.agreement in ("f", "pl", "du") and not reading.suffix)
                or reading.future
                or prefixed
                or (reading.conjunction and bool(reading.suffix))
            )
            flags = ["verb", "participle" if participle else "finite", "agr=" + form.agreement]
            if reading.suffix == "ا":
                flags.append("tanween")  # a verb takes no tanween: "طلبا" is a noun
            elif reading.suffix:
                flags.append("object_pronoun")
            if unmistakable:
                flags.append("inflected")
            if prefixed:
                flags.append("imperfect")
            if reading.future:
                flags.append("future_prefix")
            if reading.conjunction:
                flags.append("conj")
            if participle or trigger.clause_initial:
                if initial is None:
                    initial = self.clause_initial(i)
                if initial:
                    flags.append("clause_initial")
            if not participle:
                if position is None:
                    position = self.verb_position(i)
                if position:
                    flags.append("verb_position")
            if trigger.clause_initial:
                flags.append("entry_clause_initial")
            if trigger.on_object:
                flags.append("entry_on_object")  # "شن غارة"، "ألقى القبض": the noun is the trigger
            if trigger.needs_actor:
                flags.append("entry_needs_actor")
            if trigger.needs_target:
                flags.append("entry_needs_target")
                if self.guest_after(i + n):
                    flags.append("guest_after")
            object_at = self.needs_at(trigger, i + n)
            flags.append(
                "needs="
                + ("none" if trigger.needs is None else "missing" if object_at is None else "found")
            )
            if (
                "dawn" not in trigger.lemma
                and lemma.startswith("فجر")
                and i + n < len(tokens)
                and self.view.in_date(i + n)
            ):
                flags.append("dawn")  # "فجر الاثنين": dawn, not "blew up"
            found = _Found(
                i,
                n,
                form,
                reading,
                future=reading.future,
                past=not prefixed and not participle,
                flags=tuple(flags),
            )
            if object_at is not None and object_at >= 0:
                found.extra["object_at"] = object_at
                if trigger.on_object:
                    flags.append("object_is_the_trigger")
                    # "وافق على قرض"، "قافلة مساعدات": the noun ending the needed phrase
                    found.extra["trigger_at"] = object_at + self.needs_width(trigger, object_at) - 1
            if self.mode_word(found) is not None:
                flags.append(
                    "mode_word"
                )  # "اتصالا هاتفيا"، "اجتماعا رباعيا": the kind of act is named
            found.flags = tuple(flags)
            out.append(found)
        return out

    def in_name(self, i: int) -> bool:
        token = self.view.tokens[i]
        return self.mentions.covering(token.start, token.end) is not None

    def noun_readings(self, i: int) -> list[_Found]:
        tokens = self.view.tokens
        out: list[_Found] = []
        shared: dict[str, Any] = {}
        for form, reading, n in self.lex.nouns.match_all(tokens, i, allow=NOUN_CLITICS):
            if not shared:
                shared = self.noun_context(i, n)
            trigger = form.trigger
            flags = ["noun"] + list(shared["flags"])
            if reading.article:
                flags.append("definite")
            if reading.preposition:
                flags.append("prep=" + reading.preposition)
            if reading.conjunction:
                flags.append("conj")
            if reading.suffix:
                flags.append("suffix=" + reading.suffix)
                if reading.suffix not in ("ا", "ه", "ها", "هم"):
                    flags.append("odd_suffix")
            if trigger.with_prep is not None:
                flags.append(
                    "with_prep=" + ("ok" if reading.preposition == trigger.with_prep else "missing")
                )
            if (
                reading.preposition == "ل"
                and self.genitive(i + n) is None
                and self.nisba_in(i + n, i + n + 1) is None
            ):
                # "لمناقشة"، "تحسبا لغارات": a purpose or a fear ("لدعوة لجان المقاومة" with
                # its agent is an event)
                flags.append("purpose_li")
            nxt = tokens[i + n].norm if i + n < len(tokens) else ""
            if (
                reading.suffix == "ا"
                and not reading.article
                and (nxt in ("علي", "مع") or (nxt[:1] == "ل" and len(nxt) > 2))
            ):
                flags.append("purpose_accusative")  # "احتجاجا على"، "رفضا للقرار"
            if (
                reading.article
                and i > 0
                and modality_data().after_event.match(tokens, i - 1, allow=("conj", "prep"))
                is not None
            ):
                flags.append("after_event")  # "عقب الجلسة"، "في ختام المباحثات"
            found = _Found(i, n, form, reading)
            k = i + n
            if (
                reading.preposition == "ب"
                and k + 1 < len(tokens)
                and tokens[k].norm == "من"
                and self.mentions.starting_in(tokens[k + 1].start, tokens[k + 1].end)
            ):
                # "بطلب من الحكومة"، "بتمويل من البنك الدولي": the agent follows من
                found.extra["agent_at"] = k + 1
                flags.append("agent_min")
            object_at = self.needs_at(trigger, k)
            flags.append(
                "needs="
                + ("none" if trigger.needs is None else "missing" if object_at is None else "found")
            )
            if object_at is not None and object_at >= 0:
                found.extra["object_at"] = object_at
            if not trigger.governed:
                flags.append("entry_ungoverned")
            governor = shared["governor"]
            if governor is not None:
                found.extra["governor"] = governor
                found.future = self.governed_future(found)
            elif shared["governor_after"] is not None:
                found.extra["governor_after"] = shared["governor_after"]
            if reading.article and reading.word.endswith("ات"):
                flags.append("plural_definite")  # "الهجمات"، "التفجيرات"
            if trigger.standalone:
                flags.append("standalone")
            if trigger.type in ANAPHORIC_TYPES:
                flags.append("anaphoric_type")
            if trigger.with_actor:
                flags.append("entry_with_actor")
            if self.mode_word(found) is not None:
                flags.append("mode_word")
            found.flags = tuple(flags)
            out.append(found)
        return out

    def noun_context(self, i: int, n: int) -> dict[str, Any]:
        """What a noun's readings share: its support verb, an actor after it, a topic marker."""
        tokens = self.view.tokens
        k = i + n
        flags: list[str] = []
        governor = self.governor(i)
        passive = False
        if governor is not None:
            flags.append("governed")
            stem_word = tokens[governor].norm
            hit = self.lex.support.match(
                tokens, governor, allow=("conj", "future", "prep", "article", "suffix")
            )
            if hit is not None:
                stem_word = hit[1].word
            flags.append("support=" + stem_word)
            passive = self.lex.passive.match(tokens, governor, allow=("conj", "future")) is not None
            if passive:
                flags.append("governor_passive")
            if self.lex.receive.match(tokens, governor, allow=("conj", "future")) is not None:
                flags.append("governor_receive")
        after = None if governor is not None else self.governor_after(k)
        if after is not None:
            flags.append("governor_after")
        if self.genitive(k) is not None:
            flags.append("genitive_name")
        elif self.nisba_in(k, k + 2) is not None:
            flags.append("nisba_after")
        if self.topic(i):
            flags.append("topic")
        return {"flags": flags, "governor": governor, "passive": passive, "governor_after": after}

    def between(self, k: int) -> tuple[Who, Who] | None:
        """ "اتفاق … بين اللواء 444 وجهاز الردع": the two parties after بين."""
        view, tokens = self.view, self.view.tokens
        _lo, hi = view.clause(max(k - 1, 0))
        for j in range(k, min(hi, k + 4)):
            if tokens[j].norm == "بين" and j + 1 < len(tokens):
                first = self.mentions.starting_in(tokens[j + 1].start, tokens[j + 1].end)
                if not first:
                    return None
                after = view.token_at(first[0].end)
                if after < hi and tokens[after].norm[:1] == "و":
                    second = self.mentions.starting_in(tokens[after].start, tokens[after].end)
                    if second:
                        return self.who(first[0]), self.who(second[0])
                return None
        return None

    def genitive(self, k: int) -> Mention | None:
        """The name right after a verbal noun (its genitive), without a clitic before it."""
        tokens = self.view.tokens
        if k >= len(tokens):
            return None
        found = self.mentions.starting_in(tokens[k].start, tokens[k].end)
        if found and found[0].start == tokens[k].start:
            return found[0]
        return None

    def verb_position(self, i: int) -> bool:
        """Whether a verb can stand at token ``i``: a clause start, after a complementiser,
        negation, relative pronoun, قد/كان, or right after its named subject."""
        view, tokens = self.view, self.view.tokens
        k = i - 1
        while k >= 0 and (view.in_date(k) or adverb_at(view, k)):
            k -= 1
        if k < 0 or view.is_break(k) or tokens[k].norm in QUOTE_MARKS:
            return True
        if view.sentence_of_token(k) != view.sentence_of_token(i):
            return True
        norm = tokens[k].norm
        bare = norm[1:] if norm[:1] in "وف" and len(norm) > 2 else norm
        if (
            norm in self.lex.verb_openers
            or bare in self.lex.verb_openers
            or is_complementiser(view, k)
        ):
            return True
        data = modality_data()
        for lexicon in (
            data.negation,
            data.future,
            data.commitment,
            data.clause_breaks,
            data.hypothetical,
        ):
            if lexicon.match(tokens, k, allow=("conj",)) is not None:
                return True
            two_words = lexicon.match(tokens, k - 1, allow=("conj",)) if k >= 1 else None
            if two_words is not None and two_words[2] == 2:
                return True  # a two-word marker ending right before the verb ("في حال قاطع")
        mention = self.mentions.covering(tokens[k].start, tokens[k].end)
        if mention is not None:
            # "المفوضية طلبت": a subject before its verb, not the object of a preposition
            first = view.token_at(mention.start)
            if tokens[first].start < mention.start:
                return False
            return first == 0 or tokens[first - 1].norm not in {
                "من",
                "الي",
                "علي",
                "مع",
                "في",
                "عن",
            }
        return False

    def clause_initial(self, i: int) -> bool:
        view = self.view
        lo, _ = view.clause(i)
        k = lo
        while k < i and (view.in_date(k) or adverb_at(view, k)):
            k += 1
        return k == i

    def needs_at(self, trigger: Trigger, start: int) -> int | None:
        """Token index of the object a trigger needs (-1 when it needs none), or None."""
        if trigger.needs is None:
            return -1
        view, tokens = self.view, self.view.tokens
        _, s_hi = view.sentence_tokens(view.sentence_of_token(max(0, start - 1)))
        k = start
        words = 0
        while k < s_hi and words <= trigger.window + 8:
            if trigger.needs.match(
                tokens, k, allow=("conj", "prep", "article", "suffix")
            ) is not None or self.clitic_needed(trigger, k):
                return k if words <= trigger.window or self.only_subject_between(start, k) else None
            norm = tokens[k].norm
            if norm in QUOTE_MARKS or norm in {":", "؛", ";"} or is_complementiser(view, k):
                return None
            if (
                not view.in_date(k)
                and norm not in {"،", ","}
                and self.mentions.covering(tokens[k].start, tokens[k].end) is None
            ):
                words += 1
            k += 1
        return None

    def needs_width(self, trigger: Trigger, k: int) -> int:
        """Number of words of the needed phrase at token ``k``."""
        assert trigger.needs is not None
        hit = trigger.needs.match(self.view.tokens, k, allow=("conj", "prep", "article", "suffix"))
        return hit[2] if hit is not None else 1

    def clitic_needed(self, trigger: Trigger, k: int) -> bool:
        """Whether token ``k`` opens with a one-letter preposition the trigger needs ("لوّح
        بتعليق": the ب written on the next word)."""
        assert trigger.needs is not None
        token = self.view.tokens[k]
        prefixes = [normalize(p.text) for p in token.segments if p.role == "prefix"]
        for letter in prefixes[:2]:
            if len(letter) == 1 and letter in trigger.needs and letter not in "وف":
                return True
        return False

    def only_subject_between(self, start: int, k: int) -> bool:
        """Whether the words between a verb and its object are its subject with a title."""
        view = self.view
        subject = subject_after(view, self.mentions, start - 1)
        return subject is not None and subject.id is not None and view.token_at(subject.end) <= k

    def topic(self, i: int) -> bool:
        """Whether the verbal noun at ``i`` is the subject of something else ("بشأن الانسحاب")."""
        markers = modality_data().topic_markers
        tokens = self.view.tokens
        if any(k >= 0 and tokens[k].norm in ("وقف", "لوقف", "ووقف") for k in (i - 2, i - 3)):
            return True  # "وقف فوري لإطلاق النار": a ceasefire, not a shooting
        for k in (i - 1, i - 2):
            if k < 0 or self.view.is_break(k):
                break
            if markers.match(tokens, k, allow=("conj", "prep", "article")) is not None:
                if k == i - 2 and not tokens[i - 1].norm.startswith("ال"):
                    continue
                return True
        return False

    def governor(self, i: int) -> int | None:
        """A support word before the verbal noun at ``i``: only its subject (a name), dates,
        commas, a place ("في العراق") and ``GOVERNOR_PLAIN_WORDS`` more words may stand between."""
        view, tokens = self.view, self.view.tokens
        s_lo, _ = view.sentence_tokens(view.sentence_of_token(i))
        plain = 0
        for k in range(i - 1, max(s_lo, i - GOVERNOR_REACH) - 1, -1):
            norm = tokens[k].norm
            if norm in QUOTE_MARKS or norm in {":", "؛", ";"}:
                return None
            if (
                self.lex.support.match(
                    tokens, k, allow=("conj", "future", "prep", "article", "suffix")
                )
                is not None
            ):
                if plain <= GOVERNOR_PLAIN_WORDS:
                    return k
                # "بدأت الوحدات العسكرية التابعة للطرفين الانسحاب": the support verb's subject
                subject = subject_after(view, self.mentions, k)
                if subject is not None and view.token_at(subject.end - 1) >= i - 1:
                    return k
                return None
            if view.in_date(k) or norm in {"،", ","} or adverb_at(view, k) or self.in_name(k):
                continue
            if self.lex.verbs.match(tokens, k, allow=("conj", "future")) or self.lex.nouns.match(
                tokens, k, allow=("conj", "prep", "article")
            ):
                return None  # another trigger stands between
            plain += 1
            if plain > GOVERNOR_PLAIN_WORDS + SUBJECT_WORDS:
                return None
        return None

    def governor_after(self, k: int) -> int | None:
        """ "مباحثات أجراها وفد"، "هجوم بسيارة مفخخة شنه مسلحون": a support verb with a pronoun
        after the noun, its modifiers between (no break, no other verb)."""
        if k in self.governors_after:
            return self.governors_after[k]
        view, tokens = self.view, self.view.tokens
        found: int | None = None
        if k < len(tokens):
            _lo, hi = view.clause(k)
            for j in range(k, min(k + GOVERNOR_AFTER_REACH, hi, len(tokens))):
                hit = self.lex.support.match(tokens, j, allow=("suffix",))
                if hit is not None and variants_suffix(tokens[j].norm):
                    found = j
                    break
                if (
                    view.is_break(j)
                    or tokens[j].norm in QUOTE_MARKS
                    or self.lex.verbs.match(tokens, j, allow=VERB_CLITICS) is not None
                ):
                    break
        self.governors_after[k] = found
        return found

    # -- coding ----------------------------------------------------------------------------
    def remember(self, found: _Found, actor: Who | None) -> None:
        """Record an event's actor as the latest participant (for the verbs after it)."""
        tokens = self.view.tokens
        self.found.append(found)
        if actor is None:
            return
        self.salience.add(
            Who(
                actor.id,
                actor.text,
                tokens[found.index].start,
                actor.end,
                actor.gender,
                "sg" if actor.id else None,
            )
        )
        self.last_actor[self.view.sentence_of_token(found.index)] = (actor, "noun")

    def polarity(self, index: int, future: bool = False) -> tuple[bool, str]:
        """:func:`~marsad.extract.clauses.polarity` at token ``index``, once per article."""
        key = (index, future)
        known = self.polarities.get(key)
        if known is None:
            known = self.polarities[key] = polarity(self.view, index, future=future)
        return known

    def reported_at(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.reported)

    def code(
        self, found: _Found, actor: Who | None, target: Who | None, confidence: float
    ) -> Event:
        """The Event of a decided trigger with its chosen participants."""
        view, tokens = self.view, self.view.tokens
        i = found.index
        location = self.location(found)
        negated, modality = self.polarity(i, found.future)
        governor = found.extra.get("governor")
        if governor is not None:
            # "من دون أن يتوصل الجانبان إلى اتفاق": the noun shares its support verb's polarity
            governor_negated, governor_modality = self.polarity(governor)
            negated = negated or governor_negated
            if modality == "asserted":
                modality = governor_modality
        if modality == "asserted" and self.reported_at(tokens[i].start):
            modality = "reported"
        trigger_span = Span(start=tokens[i].start, end=tokens[i].end, text=tokens[i].text)
        return Event(
            type=found.type,  # type: ignore[arg-type]
            mode=self.mode(found),
            trigger=trigger_span,
            sentence=view.sentence_of_token(i),
            actor=actor.id if actor else None,
            actor_text=actor.text if actor else None,
            target=target.id if target else None,
            target_text=target.text if target else None,
            location=location.id if location else None,
            location_text=location.text if location else None,
            date=self.date(found),
            negated=negated,
            modality=modality,  # type: ignore[arg-type]
            confidence=round(max(0.01, min(1.0, confidence)), 2),
        )

    def future_clause(self, index: int) -> bool:
        """Whether the clause of token ``index`` speaks of the future ("وسيكتمل …، نهاية هذا العام")."""
        view, tokens = self.view, self.view.tokens
        lo, hi = view.clause(index)
        lo = max(view.sentence_tokens(view.sentence_of_token(index))[0], lo - 8)
        return any(_future_word(tokens[k].norm) and tokens[k].segments for k in range(lo, hi))

    def mode(self, found: _Found) -> str | None:
        """The PLOVER mode: one named by a word right after the trigger or its object, else the entry's."""
        return self.mode_word(found) or found.form.trigger.mode

    def mode_word(self, found: _Found) -> str | None:
        """A mode named by a word right after the trigger or its object ("اجتماعا رباعيا"،
        "مساعدات عسكرية"), by the modes of its entry or of the support verb's entry of the same
        type ("قدمت الحكومة مساعدات عسكرية")."""
        tokens = self.view.tokens
        start = found.index + found.n
        object_at = found.extra.get("object_at")
        spots = range(start, min(start + 3, len(tokens)))
        if object_at is not None:
            spots = range(start, min(max(start + 3, object_at + 3), len(tokens)))
        entries = [found.form.trigger]
        governor = found.extra.get("governor")
        if governor is not None:
            entries += [
                form.trigger
                for form, _, _ in self.lex.verbs.match_all(tokens, governor, allow=VERB_CLITICS)
                if form.trigger.type == found.type
            ]
        for entry in entries:
            for mode, words in entry.modes:
                if any(words.match(tokens, k, allow=("conj", "prep")) is not None for k in spots):
                    return mode
        return None

    def governed_future(self, found: _Found) -> bool:
        governor = found.extra.get("governor")
        if governor is None:
            return False
        hit = self.lex.support.match(
            self.view.tokens, governor, allow=("conj", "future", "prep", "article", "suffix")
        )
        return bool(hit and hit[1].future)

    def actor_proposals(self, found: _Found) -> list[tuple[str, Who]]:
        """Who the clause analysis says may be the actor, each with how it was found: the
        subject after the verb, a name before it, the antecedent of a relative, the agent or
        nisba after a verbal noun, the subject of its support verb, the last participant that
        agrees, the speaker … (the actor model weighs them)."""
        view, tokens = self.view, self.view.tokens
        i, n = found.index, found.n
        out: list[tuple[str, Who]] = []

        def add(source: str, who: Who | None) -> None:
            if who is None or not who.text:
                return
            out.append((source, who))
            if who.id is None and not is_title_role(normalize(who.text.split()[0])):
                # (an office holder's body is not the one that acts: "رئيس مجلس الوزراء")
                # "نواب الحزب الديمقراطي الكردستاني"، "قوات الأمن الموريتانية": a name inside an
                # unnamed participant may be the one that acts
                for mention in self.mentions.starting_in(who.start, who.end):
                    if mention.end <= who.end and mention.entity.type != "LOC":
                        out.append((source + "_inner", self.who(mention)))
                        break

        agreement = found.form.agreement
        sentence = view.sentence_of_token(i)
        s_lo, _ = view.sentence_tokens(sentence)
        previous = self.last_actor.get(sentence)
        if previous is not None:
            add("last_actor", previous[0])
        add("first_person", self.first_person_speaker(found))
        if agreement == "noun":
            self.noun_proposals(found, add)
            return out
        if agreement.startswith("participle"):
            # "اعتصموا …، مطالبين بـ"، "أعلنت …، داعية": the subject of the sentence's verb
            ending = agreement.split(":")[1]
            gender = ending if ending in ("m", "f") else None
            add("speaker_before", self.speaker_before(i, gender))
            add(
                "salience_sentence",
                self.salience.latest(tokens[i].start, gender, after=tokens[s_lo].start),
            )
            add(
                "salience",
                self.salience.latest(tokens[i].start, gender, "pl" if ending == "pl" else None),
            )
            return out
        if not found.reading.suffix:
            add("antecedent", antecedent(view, self.mentions, i))
        add("qad", self.subject_before_qad(i))
        plural = agreement in ("pl", "du")
        subject = subject_after(view, self.mentions, i + n - 1)
        if subject is not None:
            tag = "subject_after"
            if not agrees(subject, agreement):
                tag += (
                    "_disagrees"  # "واتهمت الجيش": the object of a verb whose subject was dropped
                )
            if plural:
                tag += "_plural_verb"  # after a plural verb comes its object ("طالبوا بحل القوة")
            object_at = found.extra.get("object_at")
            if object_at is not None and not adverb_at(view, object_at):
                if subject.start >= tokens[object_at].start:
                    tag += "_beyond_object"  # "سيصرف منه الشطر": the object the trigger needs
                elif subject.start < tokens[object_at].start < subject.end:
                    first = view.token_at(subject.start)
                    subject = (
                        self.phrase_participant(first, object_at - 1)
                        if object_at - 1 >= first
                        else None
                    )
            if subject is not None and subject.id is not None:
                add(tag, subject)
            elif subject is not None:
                first, last = view.token_at(subject.start), view.token_at(subject.end - 1)
                if self.looks_like_subject(subject, i):
                    add(tag + "_nisba", self.nisba_in(first, last + 1))
                    add(tag + "_phrase", self.phrase_participant(first, last))
                else:
                    add(tag + "_object_like", self.phrase_participant(first, last))
        add("complement_subject", self.subject_of_complement(i, agreement))
        add("fronted", self.fronted_subject(i, singular=agreement in ("m", "f")))
        if found.reading.conjunction and previous is not None:
            add("conj_previous", previous[0])  # "يرفض …، ويطالب": the subject of the verb before
        before = entity_before(view, self.mentions, i)
        if before is not None:
            add("entity_before" if self.verb_position(i) else "entity_before_np", before)
        gender = agreement if agreement in ("m", "f") else None
        add("salience", self.salience.latest(tokens[i].start, gender, "pl" if plural else None))
        return out

    def first_person_speaker(self, found: _Found) -> Who | None:
        """ "«ألقينا القبض …»"، "«سنرفض …»": a first-person verb in a quotation is its speaker's act."""
        norm = found.reading.word
        lemma = normalize(found.form.trigger.lemma)
        first_person = (
            (norm[:1] == "ن" and not lemma.startswith("ن"))
            or found.reading.suffix == "نا"
            or self.view.tokens[found.index].norm.endswith("نا")
        )
        if not first_person:
            return None
        return self.speaker_body(self.view.tokens[found.index].start)

    def subject_before_qad(self, i: int) -> Who | None:
        """ "وكان وزراء الطاقة … قد عقدوا"، "أن تكون رئاسة المجلس قد رفضت": the subject stands
        between كان and قد."""
        view, tokens = self.view, self.view.tokens
        k = i - 1
        if k < 1 or tokens[k].norm not in {"قد", "لقد"}:
            return None
        lo, _ = view.clause(i)
        for j in range(k - 1, max(lo, k - 12) - 1, -1):
            if variants_kana(tokens[j].norm):
                if j + 1 >= k:
                    return None
                # "أن تكون قواته قد بدأت": a possessed subject acts for its owner
                return self.owner(j + 1, k - 1) or self.phrase_participant(j + 1, k - 1)
        return None

    def fronted_subject(self, i: int, *, singular: bool = False) -> Who | None:
        """ "أن القطعات ستطلق"، "«الموقعين اتفقوا": a subject between a complementiser (or an
        opening quotation mark) and its verb. Before a singular verb a noun with the
        conjunction و opens a clause of its own ("البلدية تغلق … ومباحث الإقامة تضبط"): a
        compound subject before its verb would make it plural."""
        view, tokens = self.view, self.view.tokens
        lo, _ = view.clause(i)
        end = i - 1
        if end >= 0 and tokens[end].norm in QUOTE_MARKS:
            end -= 1  # "أن الطرفين «وافقا": a quotation opening right before the verb
            lo = view.clause(max(end, 0))[0]
        for j in range(end, max(lo - 1, end - 5) - 1, -1):
            if singular and j >= 0 and j > lo and self.conjoined_noun(j):
                return self.owner(j, end) or self.phrase_participant(j, end)
            if (
                j < 0
                or is_complementiser(view, j)
                or tokens[j].norm in QUOTE_MARKS
                or (j == lo - 1 and j < end)
            ):
                begin = j + 1
                # "فيما حشدت"، "لكنها طالبت": the clause opener is no subject
                opener = modality_data().clause_breaks.match(tokens, begin, allow=("conj",))
                if opener is not None:
                    begin += opener[2]
                # "أن تكون طائراتها قصفت": the subject of كان is the verb's
                if begin <= end and variants_kana(tokens[begin].norm):
                    begin += 1
                if begin > end:
                    return None
                first = tokens[begin]
                bare = (
                    first.norm[1:] if first.norm[:1] in "وف" and len(first.norm) > 3 else first.norm
                )
                if (
                    view.in_date(begin)
                    or adverb_at(view, begin)
                    or first.norm in {"في", "من", "الي", "علي", "عن", "مع", "بعد", "قبل", "ما"}
                    or first.norm in self.lex.verb_openers
                    or bare in self.lex.relatives
                    or len(first.norm) <= 2
                ):
                    return None
                if self.saying_verb_at(begin):
                    # "أعلنت إدارة الميناء استجابتها": a verb of saying opens the clause, and
                    # the subject is the one after it
                    said = subject_after(view, self.mentions, begin, limit=i)
                    return said if said is not None and said.end <= tokens[i].start else None
                return self.owner(begin, end) or self.phrase_participant(begin, end)
            if (
                view.is_break(j)
                or self.lex.verbs.match(tokens, j, allow=("conj", "future")) is not None
            ):
                return None
            if j < 0:
                return None
            if variants_kana(tokens[j].norm) and j > 0 and is_complementiser(view, j - 1):
                continue
            if (
                variants_kana(tokens[j].norm)
                or tokens[j].norm in {"قد", "لقد"}
                or tokens[j].norm[:1].isdigit()
            ):
                return None
            if tokens[j].norm in {"في", "من", "الي", "علي", "عن", "مع"} or self.modal_at(j):
                return None
        return None

    def conjoined_noun(self, k: int) -> bool:
        """Whether token ``k`` is a definite noun or a name with the conjunction و on it."""
        token = self.view.tokens[k]
        segments = token.segments
        if len(segments) < 2 or leading_clitics(token)[:1] != ["و"]:
            return False
        stem = normalize(segments[1].text)
        if stem.startswith("ال") and not looks_definite_but_is_not(stem):
            return True
        return bool(self.mentions.starting_in(token.start, token.end))

    def saying_verb_at(self, k: int) -> bool:
        """Whether token ``k`` is a verb of saying or a support verb ("أعلنت"، "أجرت"), not a
        support noun ("جولة")."""
        tokens = self.view.tokens
        cue = cue_lexicon().lexicon.match(tokens, k, allow=("conj", "future"))
        if (
            cue is not None
            and cue[0].kind == "verb"
            and not cue[0].participle
            and not cue[0].ambiguous
        ):
            return True  # (an ambiguous form is as often a noun: "مدينة"، "بين")
        return (
            self.lex.support.match(tokens, k, allow=("conj", "future")) is not None
            and self.lex.support_nouns.match(tokens, k, allow=NOUN_CLITICS) is None
        )

    def speaker_before(self, i: int, gender: str | None) -> Who | None:
        """The speaker of the last quotation that ends before token ``i`` in its sentence: a
        participle after reported words goes with their speaker ("وأضافت أن …، مطالبة")."""
        view, tokens = self.view, self.view.tokens
        s_lo, _ = view.sentence_tokens(view.sentence_of_token(i))
        start, here = tokens[s_lo].start, tokens[i].start
        best = None
        for quote in self.doc.quotes:
            if start <= quote.start and quote.end <= here and quote.speaker_text:
                best = quote
        if best is None:
            return None
        entity = self.doc.entity(best.speaker)
        who_gender = gender_of_entity(entity) if entity is not None else None
        if (
            gender
            and who_gender
            and entity is not None
            and entity.type != "PERSON"
            and who_gender != gender
        ):
            return None
        return Who(best.speaker, best.speaker_text or "", best.start, best.start, who_gender, None)

    def subject_of_complement(self, i: int, agreement: str) -> Who | None:
        """ "نفت قوات الدعم السريع أن تكون قصفت"، "وأكد أنه سيزور": a verb right after أن (or
        أن تكون) with no subject of its own has the subject of the verb that governs أن."""
        view, tokens = self.view, self.view.tokens
        k = i - 1
        if k >= 0 and variants_kana(tokens[k].norm):
            k -= 1
        if k < 0 or not is_complementiser(view, k):
            return None
        norm = tokens[k].norm
        gender = agreement if agreement in ("m", "f") else None
        if norm.endswith("ها"):
            gender = "f"
        elif norm.endswith("ه"):
            gender = "m"
        s_lo, _ = view.sentence_tokens(view.sentence_of_token(i))
        return self.salience.latest(tokens[k].start, gender, after=tokens[s_lo].start)

    def owner(self, first: int, last: int) -> Who | None:
        """ "قواته نصبت"، "طائراتها قصفت"، "فرقنا نفذت": a possessed subject acts for its owner,
        the participant its pronoun refers to (for "our" in a quotation, the speaker's body)."""
        tokens = self.view.tokens
        if last - first > 1:
            return None
        suffix = next((normalize(p.text) for p in tokens[first].segments if p.role == "suffix"), "")
        if not suffix and tokens[first].norm.endswith("نا") and len(tokens[first].norm) > 4:
            suffix = "نا"
        if suffix == "نا":
            return self.speaker_body(tokens[first].start)
        if suffix not in ("ه", "ها", "هم"):
            return None
        gender = {"ه": "m", "ها": "f", "هم": None}[suffix]
        return self.salience.latest(tokens[first].start, gender, "pl" if suffix == "هم" else None)

    def speaker_body(self, offset: int) -> Who | None:
        """Who "we" is in the direct quotation holding ``offset``: the speaker's organisation
        when the speaker is a person who speaks for one, else the speaker."""
        for quote in self.doc.quotes:
            if quote.start <= offset < quote.end and quote.direct:
                if quote.speaker is None:
                    if not quote.speaker_text:
                        return None
                    return Who(None, quote.speaker_text, quote.start, quote.start, None, None)
                entity = self.doc.entity(quote.speaker)
                if entity is None:
                    return None
                body = organisation_of(self.view, self.mentions, entity)
                if body is not None:
                    return body
                return Who(
                    entity.id,
                    entity.canonical,
                    quote.start,
                    quote.start,
                    gender_of_entity(entity),
                    None,
                )
        return None

    def modal_at(self, j: int) -> bool:
        data = modality_data()
        tokens = self.view.tokens
        return any(
            lexicon.match(tokens, j, allow=("conj",)) is not None
            for lexicon in (data.hypothetical, data.negation, data.future)
        )

    def phrase_participant(self, first: int, last: int) -> Who | None:
        """The participant named by tokens ``first..last``: a person in it, a name opening it,
        else the phrase itself (cut to its noun phrase)."""
        tokens = self.view.tokens
        start, end = tokens[first].start, tokens[last].end
        inside = self.mentions.starting_in(start, end)
        persons = [m for m in inside if m.entity.type == "PERSON"]
        if persons:
            return self.who(persons[0])
        if inside and (
            inside[0].start < tokens[first].end or generic_before_name(self.view, first, inside[0])
        ):
            return self.who(inside[0])
        countries = role_of_countries(self.view, self.mentions, first, last)
        if countries is not None:
            return countries
        delegation = self.delegation(first, last)
        if delegation is not None:
            return delegation
        head_norm = tokens[first].norm
        if last - first <= 2 and head_norm not in self.lex.envoys:
            # "المدفعية الإيرانية"، "الجانب التركي": a nisba stands for its country
            country = self.nisba_in(first + 1, last + 1)
            if country is not None:
                return country
        head = tokens[first].norm
        if head in self.lex.object_nouns or (
            head[:1] in "وف" and head[1:] in self.lex.object_nouns
        ):
            return None  # "أبرمت الصفقة": the object, the subject is elsewhere
        if (
            self.lex.nouns.match(tokens, first, allow=NOUN_CLITICS) is not None
            or head in self.lex.never_participants
            or looks_like_verb(head)
        ):
            return None  # "علقنا الإضراب"، "أي اتفاق"، "رفضا للأحكام": an act, "any", a purpose
        for k in range(first + 1, last + 1):
            if self.verb_at(k):
                # "لجنة إقليمية ستحصي الأضرار"، "سكان رددوا …": the phrase ends at a verb
                last = k - 1
                end = tokens[last].end
                break
        return noun_phrase(
            self.view, Who(None, self.doc.text[start:end], start, end, None, None), self.mentions
        )

    def verb_at(self, k: int) -> bool:
        """Whether token ``k`` is a verb the lexicons know: an event's, a support or a saying
        verb, or has a plural verb's shape (remembered per article: asked again and again)."""
        known = self.verbs_at.get(k)
        if known is None:
            tokens = self.view.tokens
            known = self.verbs_at[k] = (
                self.lex.verbs.match(tokens, k, allow=("conj", "future")) is not None
                or self.saying_verb_at(k)
                or looks_like_verb(tokens[k].norm)
            )
        return known

    def delegation(self, first: int, last: int) -> Who | None:
        """ "وفد فني من صندوق النقد"، "مفارز الاستخبارات العسكرية"، "قوة تابعة لوزارة الدفاع":
        a delegation or a unit acts for the body named after it."""
        tokens = self.view.tokens
        head = tokens[first].norm
        if head not in self.lex.delegations and not (
            head[:1] in "وف" and head[1:] in self.lex.delegations
        ):
            return None
        k = first + 1
        adjectives = 0
        while k < len(tokens) and k <= last + 3:
            norm = tokens[k].norm
            found = self.mentions.starting_in(tokens[k].start, tokens[k].end)
            if found and found[0].entity.type in ("ORG", "LOC"):
                if found[0].entity.type == "LOC" and self.place_phrase(k, found[0].start):
                    return None
                return self.who(found[0])
            if norm == "من" or norm in self.lex.affiliation:
                k += 1
                continue
            if self.view.is_break(k) or norm.startswith("ال") or adjectives >= 2:
                return None
            adjectives += 1  # "وفد فني"، "قوة محايدة"
            k += 1
        return None

    def looks_like_subject(self, subject: Who, i: int) -> bool:
        """An unnamed phrase after a verb is its subject only if it is not a verbal noun (the
        object of a pro-drop verb: "وأعلن تخصيص …")."""
        tokens = self.view.tokens
        k = self.view.token_at(subject.start)
        if k >= len(tokens):
            return False
        if self.lex.nouns.match(tokens, k, allow=("conj", "prep", "article", "suffix")) is not None:
            return False
        if self.lex.support.match(tokens, k, allow=("conj", "prep", "article")) is not None:
            return False
        norm = tokens[k].norm
        prefixes = [p.text for p in tokens[k].segments if p.role == "prefix"]
        if (norm[:1] in "بل" and (norm[1:3] == "ال" or norm[:2] == "لل")) or any(
            normalize(p) in ("ب", "ل") for p in prefixes
        ):
            return False  # "بالقرار"، "بإقالة": a complement, not a subject
        return not norm[:1].isdigit()

    def noun_proposals(self, found: _Found, add: Any) -> None:
        """Actor proposals for a verbal noun (see :meth:`actor_proposals`)."""
        view, tokens = self.view, self.view.tokens
        i, n = found.index, found.n
        end = i + n
        agent_at = found.extra.get("agent_at")
        if agent_at is not None and agent_at < len(tokens):
            for mention in self.mentions.starting_in(
                tokens[agent_at].start, tokens[min(agent_at + 2, len(tokens) - 1)].end
            ):
                add("agent_min", self.who(mention))
                break
            add("agent_nisba", self.nisba_in(agent_at, agent_at + 3))
        governor = found.extra.get("governor")
        if (
            governor is not None
            and self.lex.receive.match(tokens, governor, allow=("conj", "future")) is not None
        ):
            # "تلقى اتصالا هاتفيا من أمير قطر": the caller acts
            for k in range(end, min(end + 3, len(tokens) - 1)):
                if tokens[k].norm == "من":
                    callers = self.mentions.starting_in(tokens[k + 1].start, tokens[k + 1].end)
                    if callers:
                        add("caller", self.who(callers[0]))
                    break
        if end < len(tokens):
            # genitive agent or nisba right after the noun: "توقيع اللجنة"، "الانسحاب الأميركي"
            genitive_name = self.genitive(end)
            if genitive_name is not None:
                add("genitive", self.who(genitive_name))
            add("nisba_after", self.nisba_in(end, end + 2))
        suffix = found.reading.suffix
        if suffix in ("ه", "ها", "هم"):
            if governor is not None:
                # "أن تعقد اللجنة أول اجتماعاتها": the owner is the support verb's subject
                add("possessor_governor", self.governor_actor(governor)[0])
            gender = {"ه": "m", "ها": "f", "هم": None}[suffix]
            s_lo, _ = view.sentence_tokens(view.sentence_of_token(i))
            for mention in reversed(self.mentions.starting_in(tokens[s_lo].start, tokens[i].start)):
                k = view.token_at(mention.start)
                if self.place_phrase(k, mention.start, origin=True):
                    continue
                owner = self.who(mention)
                if gender is None or owner.gender in (None, gender):
                    add("possessor", owner)
                break
            add(
                "possessor_salience",
                self.salience.latest(tokens[i].start, gender, "pl" if suffix == "هم" else None),
            )
        after = found.extra.get("governor_after")
        if after is not None:
            subject = subject_after(view, self.mentions, after)
            if subject is not None:
                add(
                    "governor_after",
                    subject
                    if subject.id
                    else self.phrase_participant(
                        view.token_at(subject.start), view.token_at(subject.end - 1)
                    ),
                )
        between = self.between(end)
        if between is not None:
            found.extra["partner"] = between[1]
            add("between", between[0])
        if (
            found.form.trigger.type in INTRANSITIVE_TYPES
            and end < len(tokens)
            and not view.is_break(end)
        ):
            _lo, hi = view.clause(end)
            if (
                tokens[end].norm.startswith("ال")
                and self.lex.nouns.match(tokens, end, allow=("conj", "prep", "article")) is None
                and hi > end
            ):
                last = min(hi - 1, end + 2)
                add(
                    "genitive_phrase",
                    noun_phrase(
                        view,
                        Who(
                            None,
                            view.text(end, last),
                            tokens[end].start,
                            tokens[last].end,
                            None,
                            None,
                        ),
                    ),
                )
        if governor is not None:
            who, how = self.governor_actor(governor)
            add("governor" if how == "noun_named" else "governor_phrase", who)
        if i > 0 and (tokens[i - 1].norm[:1] == "ن" or tokens[i - 1].norm.endswith("نا")):
            # "«نعمل بالتنسيق مع …»": the act of "we", the speaker's body
            add("first_person", self.speaker_body(tokens[i].start))
        if found.reading.preposition == "ب" and i > 0:
            # "لترد إسرائيل بقصف": the subject just before a ب-noun acts by it
            named = self.mentions.covering(tokens[i - 1].start, tokens[i - 1].end)
            if named is not None and not self.place_phrase(view.token_at(named.start), named.start):
                add("named_before_b", self.who(named))
            s_lo, _ = view.sentence_tokens(view.sentence_of_token(i))
            add(
                "salience_sentence",
                self.salience.latest(tokens[i].start, None, after=tokens[s_lo].start),
            )

    def governor_actor(self, governor: int) -> tuple[Who | None, str]:
        """The actor of a support word: its subject, or for a support noun the name after it."""
        view, tokens = self.view, self.view.tokens
        if self.lex.passive.match(tokens, governor, allow=("conj", "future")) is not None:
            return None, "noun"  # "سيتم صرف التعويضات": the passive names no actor
        verb_like = (
            self.lex.support_nouns.match(tokens, governor, allow=("conj", "prep", "article"))
            is None
        )
        if not verb_like:
            after = governor + 1
            if after < len(tokens):
                mention = self.mentions.starting_in(tokens[after].start, tokens[after].end)
                if mention:
                    return self.who(mention[0]), "noun_named"
            outer = self.governor(governor)
            if outer is not None and outer != governor:
                return self.governor_actor(outer)
            return None, "noun"
        who = antecedent(view, self.mentions, governor) or self.subject_before_qad(governor)
        if who is not None:
            return who, "noun_named" if who.id else "noun"
        subject = subject_after(view, self.mentions, governor)
        if subject is not None and subject.id is not None:
            return subject, "noun_named"
        before = entity_before(view, self.mentions, governor)
        if before is not None:
            return before, "noun_named"
        lo = max(view.clause(governor)[0], governor - 4)
        country = self.nisba_in(lo, governor)
        if country is not None:
            return country, "noun_named"
        if subject is not None and self.looks_like_subject(subject, governor):
            return self.phrase_participant(
                view.token_at(subject.start), view.token_at(subject.end - 1)
            ), "noun"
        return None, "noun"

    def nisba_in(self, lo: int, hi: int) -> Who | None:
        """A country a nisba adjective in tokens ``[lo, hi)`` stands for, as a participant."""
        tokens = self.view.tokens
        for k in range(lo, min(hi, len(tokens))):
            country = self.nisba_at(k)
            if country is None:
                continue
            # "غارات أميركية بريطانية"، "مقاتلات أميركية وبريطانية": the countries act together
            names, partners, end = [country.name], [], k + 1
            while end < len(tokens):
                other = self.nisba_at(end)
                if other is None or other.name in names:
                    break
                names.append(other.name)
                other_id = self.country_id(other)
                if other_id is not None:
                    partners.append(other_id)
                end += 1
            return Who(
                self.country_id(country),
                " و".join(names),
                tokens[k].start,
                tokens[end - 1].end,
                "f",
                "pl" if len(names) > 1 else None,
                tuple(partners),
            )
        return None

    def nisba_at(self, k: int) -> Country | None:
        """The country the nisba adjective at token ``k`` stands for, unless it is in a name."""
        token = self.view.tokens[k]
        if self.mentions.covering(token.start, token.end) is not None:
            return None
        return nisba_country(token.norm)

    def country_id(self, country: Country) -> str | None:
        """The id of the article's entity for ``country``, if it names it (remembered)."""
        if country in self.country_ids:
            return self.country_ids[country]
        entity_id = None
        for entity in self.doc.entities:
            if entity.type == "LOC" and country_by_name(entity.canonical) == country:
                entity_id = entity.id
                break
        self.country_ids[country] = entity_id
        return entity_id

    def who(self, mention: Any) -> Who:
        """The participant a mention names, with its conjuncts (asked again and again of the
        same mentions: remembered per article)."""
        key = ("who", mention.start, mention.end, mention.entity.id)
        found: Who | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = conjoined(self.view, self.mentions, mention)
        return found

    def target_proposals(self, found: _Found) -> list[tuple[str, Who]]:
        """Who the clause analysis says may be the recipient: the second party after بين,
        the first name after the trigger in its clause that is no place phrase."""
        view, tokens = self.view, self.view.tokens
        out: list[tuple[str, Who]] = []
        if "partner" in found.extra:
            out.append(("partner", found.extra["partner"]))
        _lo, hi = view.clause(found.index)
        start = tokens[found.index + found.n - 1].end
        end = tokens[hi - 1].end if hi > 0 else start
        for mention in self.mentions.starting_in(start, end):
            k = view.token_at(mention.start)
            if self.place_phrase(k, mention.start):
                continue
            out.append(("first_after", self.who(mention)))
            break
        object_at = found.extra.get("object_at")
        if object_at is not None and object_at < len(tokens):
            for mention in self.mentions.starting_in(
                tokens[object_at].start, tokens[min(object_at + 2, len(tokens) - 1)].end
            ):
                out.append(("object", self.who(mention)))
                break
        return out

    def guest_after(self, k: int) -> bool:
        """Whether a guest noun follows within a few words ("استقبل رئيس المجلس الموفد
        الفرنسي": a meeting, though the guest is no named entity)."""
        tokens = self.view.tokens
        if k >= len(tokens):
            return False
        _lo, hi = self.view.clause(k)
        return any(
            self.lex.guests.match(tokens, j, allow=("conj", "article")) is not None
            for j in range(k, min(hi, k + 6))
        )

    def place_phrase(self, k: int, start: int, *, origin: bool = False) -> bool:
        """Whether the mention at ``start`` (token ``k``) is where something happened: في X، بX
        (and, with ``origin``, من X: where a withdrawal leaves from)."""
        tokens = self.view.tokens
        token = tokens[k]
        if token.start < start and normalize(self.doc.text[token.start : start])[-1:] == "ب":
            return True
        return k > 0 and (tokens[k - 1].norm == "في" or (origin and tokens[k - 1].norm == "من"))

    def location(self, found: _Found) -> Who | None:
        view, tokens = self.view, self.view.tokens
        s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(found.index))
        lo, hi = view.clause(found.index)
        for start, end in (
            (tokens[lo].start, tokens[hi - 1].end),
            (tokens[s_lo].start, tokens[s_hi - 1].end),
        ):
            for mention in self.mentions.starting_in(start, end):
                if mention.entity.type != "LOC":
                    continue
                k = view.token_at(mention.start)
                if self.place_phrase(k, mention.start, origin=True):
                    return self.who(mention)
        return None

    def date(self, found: _Found) -> str | None:
        view, tokens = self.view, self.view.tokens
        lo, hi = view.clause(found.index)
        # a duration or a frequency is not when something happened ("وقفة … خلال أسبوعين")
        clause_dates = [
            d
            for d in view.dates_between(tokens[lo].start, tokens[hi - 1].end)
            if d.kind not in ("duration", "set")
        ]
        if clause_dates:
            return clause_dates[0].value
        s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(found.index))
        sentence_dates = [
            d
            for d in view.dates_between(tokens[s_lo].start, tokens[s_hi - 1].end)
            if d.kind not in ("duration", "set")
            and (found.future or not self.future_clause(view.token_at(d.start)))
        ]
        if sentence_dates:
            return sentence_dates[0].value
        if found.past and not found.future and found.form.trigger.type in VERBAL_TYPES:
            return self.doc.published
        return None


def _future_word(norm: str) -> bool:
    return any(r.future for r in variants(norm)[:3])


def variants_kana(norm: str) -> bool:
    """Whether a word is a form of كان ("وكان"، "تكون"، "كانت")."""
    bare = norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm
    return bare in {"كان", "كانت", "كانوا", "يكون", "تكون", "يكونوا", "تكونا", "يكونان"}


def variants_suffix(norm: str) -> bool:
    """Whether a word ends in an object pronoun (أجراها، نفذه)."""
    return norm.endswith(("ها", "ه", "هم", "هما"))


def find_events(doc: Document, models: EventModels | None = None) -> list[Event]:
    """Every PLOVER event of ``doc``, in text order (needs sentences, tokens, entities, dates).

    ``models``: the trained trigger, actor and recipient models (default: the shipped ones).
    """
    if not doc.tokens or not doc.sentences:
        return []
    return decide(_Coder(doc), models or shipped_models())
