"""The ``quotes`` component: who said what, direct and reported.

A quote is found from its reporting cue (``data/ar/reporting_cues.yaml``): a verb of saying
(قال، أضاف، أكد، أردف … in all their forms, clitics allowed), an adverbial participle
(قائلا، مؤكدة، مضيفين) or a source phrase (بحسب، وفق، نقلا عن). After the cue come its
subject, an optional channel ("في بيان"، "في تصريح صحفي") and the complement: a quotation in
«…» “…” "…", the words after "أن:" / "إن:" / ":", or — reported speech — the clause after
أن/إن to the end of its sentence (or to the next cue). A quotation before its cue ("«…»، قالت
العبادي") and a quotation resumed after an attribution ("«…»، قالت العبادي، «…»") are
attributed the same way.

The speaker is the cue's subject (an entity id when the entities component found the name,
the text always); a cue with no subject ("وأضافت في بيان أن"، "وأردف أن"، "مؤكدة:") goes to the
last speaker whose gender and number agree with it (:class:`~marsad.extract.participants.Salience`).
Quotations that no cue introduces (a quoted name, “ترامب”, «أوبك+») are not quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import msgspec

from marsad.document import Document, Quote
from marsad.extract.clauses import QUOTE_MARKS, Lexicon, Variant, load_forms, norms_of
from marsad.extract.participants import (
    Mentions,
    Salience,
    Who,
    adverb_at,
    agrees,
    antecedent,
    channel_at,
    document_subjects,
    gender_of_entity,
    is_complementiser,
    quotation_regions,
    shared_view,
    subject_after,
)
from marsad.extract.quote_model import (
    QuoteModels,
    decide_regions,
    rerank_speakers,
    shipped_quote_models,
)
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

# How many words may stand between a cue (or its subject) and its complement.
COMPLEMENT_WINDOW = 20
# A quotation of fewer words is a quoted name or term («أوبك+»، “ترامب”), not speech.
MIN_SPEECH_WORDS = 2
# Confidence by how the speaker was found.
CONFIDENCE_NAMED = 0.9
CONFIDENCE_RESOLVED = 0.75
CONFIDENCE_UNNAMED = 0.65
INDIRECT_PENALTY = 0.1


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting word: its lemma, agreement ("m", "f", "pl", "du", "participle:f" …), kind."""

    lemma: str
    agreement: str
    kind: str  # "verb" or "source"
    ambiguous: bool = False
    source_after: str | None = None

    @property
    def participle(self) -> bool:
        return self.agreement.startswith("participle")

    @property
    def gender(self) -> str | None:
        value = self.agreement.split(":")[-1]
        return value if value in ("m", "f") else None

    @property
    def number(self) -> str | None:
        value = self.agreement.split(":")[-1]
        return "pl" if value in ("pl", "du") else None


@dataclass(frozen=True)
class _CueData:
    lexicon: Lexicon[Cue]
    prepositions: frozenset[str]
    issued_by: frozenset[str]  # "تقرير صادر عن X"


@lru_cache(maxsize=1)
def cue_lexicon() -> _CueData:
    """The reporting cues of ``data/ar/reporting_cues.yaml`` as a clitic-aware lexicon."""
    data = read_yaml("data/ar/reporting_cues.yaml")
    lexicon: Lexicon[Cue] = Lexicon()
    for lemma, entry in data["verbs"].items():
        ambiguous = bool(entry.get("ambiguous"))
        source_after = normalize(str(entry["source_after"])) if entry.get("source_after") else None
        for form, agreement in load_forms(entry):
            lexicon.add(
                form,
                Cue(
                    lemma=str(lemma),
                    agreement=agreement,
                    kind="verb",
                    ambiguous=ambiguous,
                    source_after=source_after,
                ),
            )
    for phrase in data["sources"]:
        words = str(phrase).split()
        if len(words) > 1 and len(normalize(words[-1])) == 1:
            words = words[:-1]  # "وفقا ل": the ل is written on the next word
        lexicon.add(" ".join(words), Cue(lemma=" ".join(words), agreement="", kind="source"))
    prepositions = frozenset(normalize(p) for p in data["cue_prepositions"])
    issued_by = frozenset(normalize(w) for w in data["issued_by"])
    return _CueData(lexicon=lexicon, prepositions=prepositions, issued_by=issued_by)


@dataclass
class _Region:
    """A quotation in marks: ``inner`` is its text without the marks."""

    open: int
    close: int
    inner_start: int
    inner_end: int
    speech: bool
    used: bool = False


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.view = shared_view(doc)
        self.norms = norms_of(self.view.tokens)
        self.mentions = Mentions(doc.entities)
        self.cues = cue_lexicon()
        self.quotes: list[Quote] = []
        self.regions = [self._region(a, b) for a, b in quotation_regions(doc)]
        self.region_by_open = {r.open: r for r in self.regions}
        self.claimed: list[tuple[int, int]] = []
        self.salience = Salience(document_subjects(doc, self.view, self.mentions))
        # token index → the verb before it (quote_model._verb_before), -1 for none
        self.verbs_before: dict[int, int] = {}
        # participle cue → the finite verb of its sentence before it (-1: none), per article
        self.main_verbs: dict[int, int] = {}
        # quotation's opening offset → (the verb before it, the gender that verb shows)
        self.region_verbs: dict[int, tuple[int | None, str | None]] = {}

    # -- regions ---------------------------------------------------------------------------
    def _region(self, start: int, end: int) -> _Region:
        text = self.doc.text
        inner_start = start + 1
        inner_end = end - 1 if end - 1 > start and text[end - 1] in '»”"›' else end
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        closed = inner_end < end
        while inner_end > inner_start and (
            text[inner_end - 1].isspace() or (not closed and text[inner_end - 1] in '»”".،')
        ):
            # a quotation resumed across paragraphs («…¶«…») closes with its inner mark
            inner_end -= 1
        words = len(text[inner_start:inner_end].split())
        covered = self.mentions_cover(inner_start, inner_end)
        before = text[max(0, start - 3) : start].rstrip().rstrip("\u0640")
        addressee = before.endswith("ل") and (len(before) < 2 or not before[-2].isalpha())
        # "قال لـ«الشرق الأوسط»": the outlet spoken to, not speech
        return _Region(
            start,
            end,
            inner_start,
            inner_end,
            speech=words >= MIN_SPEECH_WORDS and not covered and not addressee,
        )

    def mentions_cover(self, start: int, end: int) -> bool:
        return self.mentions.covering(start, end) is not None

    def speech_at(self, index: int) -> bool:
        """Whether a quotation of speech opens at token ``index``."""
        region = self.region_at_token(index)
        return region is not None and region.speech

    def region_at_token(self, index: int) -> _Region | None:
        if self.norms[index] not in QUOTE_MARKS:
            return None
        return self.region_by_open.get(self.view.tokens[index].start)

    def inside_region(self, offset: int) -> bool:
        for r in self.regions:
            if r.open < offset < r.close:
                return True
        return False

    def claimed_at(self, offset: int) -> bool:
        for a, b in self.claimed:
            if a <= offset < b:
                return True
        return False

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        tokens = self.view.tokens
        after = 0
        for i in self.cues.lexicon.hits(tokens):
            if i < after:
                continue
            hit = self.cues.lexicon.match(tokens, i, allow=("conj",))
            if (
                hit is None
                or self.inside_region(tokens[i].start)
                or self.claimed_at(tokens[i].start)
            ):
                continue
            cue, reading, n = hit
            self.handle(i, n, cue, reading)
            after = i + n
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def handle(self, index: int, n: int, cue: Cue, reading: Variant) -> None:
        view, tokens = self.view, self.view.tokens
        last = index + n - 1
        cue_text = view.text(index, last)
        if cue.kind == "source":
            self.handle_source(index, last, cue_text)
            return
        speaker: Who | None = None
        resolved = False
        if not cue.participle:
            speaker = antecedent(view, self.mentions, index) or subject_after(
                view, self.mentions, last
            )
            if (
                speaker is not None
                and speaker.id is None
                and self.cues.lexicon.match(tokens, view.token_at(speaker.start), allow=("conj",))
            ):
                speaker = None  # "واعترف قائلا": another cue, not a speaker
            if speaker is not None and not agrees(speaker, cue.gender):
                speaker = None  # "واتهمت الجيش بـ«…»": the object; the subject was dropped
        after = max(view.token_at(speaker.end) if speaker is not None else last + 1, last + 1)
        found = self.complement(after, cue, index)
        before = self.region_before(index)
        if before is not None and reading.conjunction and found is not None:
            before = None  # "«…»، وطالبت بـ«…»": a joined cue has its own words; the first are not

        if speaker is not None and speaker.id is None and not found and before is None:
            # "وأعلن تخصيص غلاف مالي": what follows the verb is its object, not a speaker
            speaker = None
            after = last + 1
            found = self.complement(after, cue, index)
        if speaker is None:
            speaker = self.resolve(tokens[index].start, cue)
            resolved = True
        reported = self.reported_source(after, found, cue)
        if reported is not None:
            speaker, resolved = reported, False
        if speaker is not None and (found or before is not None or not cue.ambiguous):
            gender = cue.gender or speaker.gender
            self.salience.add(
                Who(speaker.id, speaker.text, tokens[index].start, speaker.end, gender, cue.number)
            )
        if speaker is None:
            confidence = CONFIDENCE_UNNAMED - 0.1
        elif resolved:
            confidence = CONFIDENCE_RESOLVED
        else:
            confidence = CONFIDENCE_NAMED if speaker.id else CONFIDENCE_UNNAMED
        if before is not None:
            # a quotation just before a cue placed after it: «…»، قالت العبادي
            self.add_region(before, speaker, cue_text, confidence)
            if found is None or found[0] == "region":
                self.resumed(after, speaker, cue_text, confidence)
                return
        if not found:
            return
        kind, position = found
        if kind == "region":
            region = self.region_at_token(position)
            assert region is not None
            self.add_region(region, speaker, cue_text, confidence)
            self.resumed(view.token_at(region.close), speaker, cue_text, confidence)
        elif kind == "colon":
            self.unmarked(position, speaker, cue_text, confidence, direct=True)
        else:
            self.unmarked(position, speaker, cue_text, confidence - INDIRECT_PENALTY, direct=False)

    def reported_source(
        self, start: int, found: tuple[str, int] | None, cue: Cue | None = None
    ) -> Who | None:
        """ "وأفادت صحيفة …، نقلا عن مصدر في الوزارة، بأن": the source quoted is the speaker."""
        if found is None:
            return None
        tokens = self.view.tokens
        for k in range(start, found[1]):
            if cue is not None and cue.source_after and tokens[k].norm == cue.source_after:
                return subject_after(self.view, self.mentions, k, source=True)
            hit = self.cues.lexicon.match(tokens, k, allow=("conj",))
            if hit is not None and hit[0].kind == "source":
                return subject_after(self.view, self.mentions, k + hit[2] - 1, source=True)
        return None

    def source_behind(self, phrase: Who) -> Who:
        """Who a source phrase names: "ما أوردته وكالة الأنباء" and "حصيلة أعلنتها وزارة الصحة"
        (a verb carrying a pronoun that refers back) and "تقرير صادر عن أوبك" all stand for
        the body named after the verb; the phrase itself when it names no one behind it."""
        view, tokens = self.view, self.view.tokens
        first = view.token_at(phrase.start)
        last = view.token_at(max(phrase.start, phrase.end - 1))
        for k in range(first, min(first + 3, last + 1)):
            token = tokens[k]
            if k > first and any(part.role == "suffix" for part in token.segments):
                behind = subject_after(view, self.mentions, k)
            elif token.norm in self.cues.issued_by and k < last and tokens[k + 1].norm == "عن":
                behind = subject_after(view, self.mentions, k + 1, source=True)
            else:
                continue
            return behind if behind is not None else phrase
        return phrase

    def impersonal(self, last: int, cue_text: str, named: Who | None) -> None:
        view, tokens = self.view, self.view.tokens
        k = last + 1
        if k >= len(tokens) or not channel_at(view, k):
            return
        speaker = (
            named
            if named is not None and named.id is not None
            else self.salience.latest(tokens[last].start, None)
        )
        found = self.complement(k + 1, Cue(lemma="", agreement="", kind="verb"), last)
        if found is None:
            return
        confidence = CONFIDENCE_RESOLVED if speaker is not None else CONFIDENCE_UNNAMED - 0.1
        kind, position = found
        if kind == "region":
            region = self.region_at_token(position)
            if region is not None:
                self.add_region(region, speaker, cue_text, confidence)
        else:
            self.unmarked(
                position,
                speaker,
                cue_text,
                confidence - (INDIRECT_PENALTY if kind == "clause" else 0),
                direct=kind == "colon",
            )

    def handle_source(self, index: int, last: int, cue_text: str) -> None:
        """بحسب X، فإن … (the clause after the comma) or …، بحسب X. (the clause before it)."""
        view, tokens = self.view, self.view.tokens
        speaker = subject_after(view, self.mentions, last, source=True)
        if speaker is not None and tokens[view.token_at(speaker.start)].norm == "ما":
            # "وفق ما أعلن قصر بكينغهام": the subject of the verb after ما
            verb = view.token_at(speaker.start) + 1
            if (
                verb < len(tokens)
                and self.cues.lexicon.match(tokens, verb, allow=("conj",)) is not None
            ):
                speaker = subject_after(view, self.mentions, verb)
        if speaker is not None and speaker.id is None:
            speaker = self.source_behind(speaker)
        if normalize(cue_text).split()[-1] == "في":
            # "وجاء في البيان أن": whose statement it is, named after it or the last speaker
            self.impersonal(last, cue_text, speaker)
            return
        if speaker is None:
            return
        confidence = (CONFIDENCE_NAMED if speaker.id else CONFIDENCE_UNNAMED) - INDIRECT_PENALTY
        s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(index))
        k = index - 1
        tail = view.token_at(speaker.end)
        ends_sentence = tail >= s_hi or tokens[tail].norm in {".", "..", "…", "؟", "!"}
        if k >= s_lo and tokens[k].norm in {"،", ","} and ends_sentence:
            # post-posed: the words of the sentence before the comma, back to a clause opener
            end_token = k - 1
            start_token = s_lo
            while start_token < end_token and (
                view.in_date(start_token) or tokens[start_token].norm in {"،", ","}
            ):
                start_token += 1
            if end_token > start_token and not self.claimed_at(tokens[start_token].start):
                self.emit(
                    tokens[start_token].start,
                    tokens[end_token].end,
                    speaker,
                    cue_text,
                    False,
                    confidence,
                )
            return
        if k >= s_lo and tokens[k].norm in {"،", ","}:
            return  # "X، نقلا عن Y، أن": the source of another cue, handled there
        after = view.token_at(speaker.end)
        if after < s_hi and tokens[after].norm in {"،", ","}:
            k = after + 1
            if k < s_hi and is_complementiser(view, k):
                k += 1
            if k < s_hi:
                self.unmarked(k, speaker, cue_text, confidence, direct=False)

    def resolve(self, before: int, cue: Cue) -> Who | None:
        """The last speaker (or named participant) agreeing with a cue that has no subject."""
        who = self.salience.latest(before, cue.gender, cue.number)
        if who is not None:
            return who
        # nobody spoke yet: the last named participant of that gender (a feminine cue usually
        # points to an organisation, a masculine one to a person)
        for mention in reversed(self.mentions.items):
            if mention.start >= before:
                continue
            gender = gender_of_entity(mention.entity)
            if cue.gender and gender != cue.gender:
                continue
            if mention.entity.type == "LOC":
                continue
            return Who(
                mention.entity.id,
                self.doc.text[mention.start : mention.end],
                mention.start,
                mention.end,
                gender,
            )
        return None

    # -- complements -----------------------------------------------------------------------
    def complement(self, start: int, cue: Cue, cue_index: int) -> tuple[str, int] | None:
        """Where the cue's complement starts: ("region", token of «), ("colon", token after :),
        or ("clause", first token of the reported clause)."""
        view, tokens = self.view, self.view.tokens
        _s_lo, s_hi = view.sentence_tokens(view.sentence_of_token(cue_index))
        i = start
        limit = min(s_hi, start + COMPLEMENT_WINDOW)
        norms = self.norms
        while i < limit:
            norm = norms[i]
            if norm in QUOTE_MARKS:
                region = self.region_at_token(i)
                if (
                    region is not None
                    and region.speech
                    and not region.used
                    and not self.followed_by_complementiser(region)
                ):
                    return "region", i
                if region is not None:
                    i = view.token_at(region.close)
                    continue
            if norm == ":":
                nxt = i + 1
                if nxt < s_hi and self.speech_at(nxt):
                    return "region", nxt
                if nxt >= s_hi:
                    # "… في تصريح للصحفيين:" and the quotation opens the next paragraph
                    if nxt < len(tokens) and self.speech_at(nxt):
                        return "region", nxt
                    return None
                return "colon", nxt
            if is_complementiser(view, i):
                nxt = i + 1
                while nxt < s_hi and tokens[nxt].norm == ":":
                    nxt += 1
                if nxt < s_hi and self.speech_at(nxt):
                    return "region", nxt
                if nxt < s_hi and tokens[i + 1].norm == ":":
                    return "colon", nxt
                if (
                    cue.ambiguous
                    and i > start
                    and not self.channel_between(start, i)
                    and self.reported_source(start, ("clause", i), cue) is None
                ):
                    return None  # "تراوحت بين 4,5 و8 بالمئة، على أن": بين is no cue here
                return ("clause", nxt) if nxt < s_hi else None
            if (
                i > start
                and self.cues.lexicon.match(tokens, i, allow=("conj",)) is not None
                and not view.is_break(i)
            ):
                hit = self.cues.lexicon.match(tokens, i, allow=("conj",))
                if hit is not None and hit[0].kind == "verb":
                    return None  # another cue begins: this one had no complement
            if norm in {".", "؟", "!"}:
                return None
            if (
                norm in {"،", ","}
                and i + 1 < limit
                and tokens[i + 1].norm[:1] == "و"
                and not self.mentions.starting_in(tokens[i + 1].start, tokens[i + 1].end)
            ):
                return None  # "، ومن المقرر أن …": a new clause, not this cue's complement
            i += 1
        return None

    def channel_between(self, start: int, end: int) -> bool:
        """Whether tokens ``[start, end)`` hold only commas, adverbs and a channel ("في بيان")."""
        view, tokens = self.view, self.view.tokens
        for k in range(start, end):
            norm = tokens[k].norm
            if (
                norm in {"،", ",", "في"}
                or adverb_at(view, k)
                or channel_at(view, k)
                or view.in_date(k)
            ):
                continue
            # the words of the channel phrase after its noun ("في تصريح صحفي"، "في بيان أصدرته")
            if k > start and channel_at(view, k - 1) or (k > start + 1 and channel_at(view, k - 2)):
                continue
            return False
        return True

    def followed_by_complementiser(self, region: _Region) -> bool:
        """«الشرق الأوسط» إن …: a quoted name before the real complement."""
        view = self.view
        k = view.token_at(region.close)
        while k < len(view.tokens) and view.tokens[k].norm in {"،", ","}:
            k += 1
        return (
            k < len(view.tokens)
            and is_complementiser(view, k)
            and region.inner_end - region.inner_start < 40
        )

    def region_before(self, cue_index: int) -> _Region | None:
        """A quotation that ends right before the cue (only a comma between)."""
        tokens = self.view.tokens
        k = cue_index - 1
        while k >= 0 and (tokens[k].norm in {"،", ","} or adverb_at(self.view, k)):
            k -= 1  # "«…»، هكذا قال"
        if k < 0 or tokens[k].norm not in QUOTE_MARKS:
            return None
        end = tokens[k].end
        for region in self.regions:
            if region.close == end and region.speech and not region.used:
                return region
        return None

    def resumed(self, start: int, speaker: Who | None, cue: str, confidence: float) -> None:
        """«…»، قالت العبادي، «…»: a second quotation right after the attribution."""
        view, tokens = self.view, self.view.tokens
        if start >= len(tokens):
            return
        _, s_hi = view.sentence_tokens(view.sentence_of_token(start - 1))
        k = start
        commas = 0
        norms = self.norms
        while k < s_hi and k - start < COMPLEMENT_WINDOW:
            norm = norms[k]
            if norm in QUOTE_MARKS:
                region = self.region_at_token(k)
                if region is not None and region.speech and not region.used and commas:
                    self.add_region(region, speaker, cue, confidence)
                return
            if norm in {"،", ","}:
                commas += 1
            elif (
                view.is_break(k)
                or is_complementiser(view, k)
                or self.cues.lexicon.match(tokens, k, allow=("conj",))
            ):
                return
            k += 1

    # -- emitting --------------------------------------------------------------------------
    def add_region(self, region: _Region, speaker: Who | None, cue: str, confidence: float) -> None:
        region.used = True
        self.emit(region.inner_start, region.inner_end, speaker, cue, True, confidence)

    def unmarked(
        self, index: int, speaker: Who | None, cue: str, confidence: float, *, direct: bool
    ) -> None:
        """The words from token ``index`` to the end of the sentence, or to the next cue.

        A quotation inside reported speech ("أن المشروع «خطوة إيجابية»") is the quote itself.
        """
        view, tokens = self.view, self.view.tokens
        _, s_hi = view.sentence_tokens(view.sentence_of_token(index))
        end_index = s_hi
        k = index
        inner: list[_Region] = []
        norms = self.norms
        while k < s_hi:
            norm = norms[k]
            if norm in QUOTE_MARKS:
                region = self.region_at_token(k)
                if region is not None:
                    if region.speech and not region.used:
                        inner.append(region)
                    k = view.token_at(region.close)
                    continue
            if norm in {"،", ","} and k + 1 < s_hi:
                hit = self.cues.lexicon.match(tokens, k + 1, allow=("conj",))
                if (
                    hit is not None
                    and hit[0].kind == "verb"
                    and not hit[0].ambiguous
                    and (hit[0].participle or tokens[k + 1].norm[:1] in "وف")
                ):
                    end_index = k
                    break
                if (
                    hit is None
                    and k + 2 < s_hi
                    and tokens[k + 1].norm in {"لكنه", "لكنها", "ولكنه", "ولكنها"}
                ) and self.cues.lexicon.match(tokens, k + 2, allow=("conj",)) is not None:
                    end_index = k
                    break
            k += 1
        if inner:
            for region in inner:
                self.add_region(region, speaker, cue, confidence + INDIRECT_PENALTY)
            return
        last = end_index - 1
        while last >= index and (
            tokens[last].norm in {".", "،", ",", "؛", ";", ":", "..", "…"}
            or tokens[last].norm in QUOTE_MARKS
        ):
            last -= 1
        if last < index:
            return
        start, end = tokens[index].start, tokens[last].end
        self.emit(start, end, speaker, cue, direct, confidence)

    def replace_speaker(self, quote: Quote, speaker: Who | None, probability: float) -> None:
        """Give ``quote`` the speaker the speaker model chose (:mod:`marsad.extract.quote_model`)."""
        index = self.quotes.index(quote)
        self.quotes[index] = msgspec.structs.replace(
            quote,
            speaker=speaker.id if speaker else None,
            speaker_text=speaker.text if speaker else None,
            confidence=round(max(0.05, min(1.0, probability)), 2),
        )

    def add_learnt(
        self, region: _Region, speaker: Who | None, cue: str | None, confidence: float
    ) -> None:
        """A quotation the region model attributed (:mod:`marsad.extract.quote_model`)."""
        region.used = True
        if speaker is not None:
            self.salience.add(
                Who(speaker.id, speaker.text, region.open, speaker.end, speaker.gender, None)
            )
        self.emit(region.inner_start, region.inner_end, speaker, cue, True, confidence)

    def emit(
        self,
        start: int,
        end: int,
        speaker: Who | None,
        cue: str | None,
        direct: bool,
        confidence: float,
    ) -> None:
        if end <= start or any(a < end and start < b for a, b in self.claimed):
            return
        self.claimed.append((start, end))
        self.quotes.append(
            Quote(
                start=start,
                end=end,
                text=self.doc.text[start:end],
                speaker=speaker.id if speaker else None,
                speaker_text=speaker.text if speaker else None,
                cue=cue,
                direct=direct,
                confidence=round(max(0.05, min(1.0, confidence)), 2),
            )
        )


def find_quotes(
    doc: Document, models: QuoteModels | None = None, *, learnt: bool = True
) -> list[Quote]:
    """Every quotation of ``doc``, in text order (needs sentences, tokens, entities).

    ``models``: the region and speaker models for quotations no cue introduces (default: the
    shipped ones); ``learnt=False`` keeps to the cue rules alone.
    """
    if not doc.tokens:
        return []
    finder = _Finder(doc)
    finder.run()
    if learnt:
        chosen = models or shipped_quote_models()
        rerank_speakers(finder, chosen)
        decide_regions(finder, chosen)
    finder.quotes.sort(key=lambda q: q.start)
    return finder.quotes
