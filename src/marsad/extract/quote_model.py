"""The learnt half of quote finding: quotations in marks that no reporting cue introduces.

The rules of :mod:`marsad.extract.quotes` attribute a quotation when a known cue introduces it
("وذكرت القيادة أن: «…»"، "«…»، قالت العبادي"). News also quotes after verbs that are no cue
("وصف الوزير الفيتو بأنه «عار»"، "هنأ الرئيس الجيش على «النصر التاريخي»"، "للمطالبة
بـ«المساواة في الأجور»") and in chains the rules stop short of ("«…»، مضيفة: «…»"). For every
quotation in marks the rules left alone, two models trained on the annotated articles decide:

1. **Is it speech?** A logistic regression over the quotation's length, the words before and
   after its marks, whether a name or a cue stands near it, a preposition glued to its mark
   (بـ«, لـ« — "لـ«الشرق الأوسط»" is the outlet spoken to), a colon before it …
2. **Who speaks?** A ranker over the subject of the verb before it, the subject of a cue after
   it, the names of its sentence and of the one before, the last speaker, and nobody.

Trained by ``marsad train quotes`` (:mod:`marsad.extract.quote_training`); the models are
``marsad/models/quotes-*.npz``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from marsad.errors import DataFileError
from marsad.extract.clauses import QUOTE_MARKS
from marsad.extract.linear import BIAS, LinearModel
from marsad.extract.participants import Who, gender_of_entity, phrase_case, subject_after
from marsad.resources import data_path
from marsad.text.normalize import normalize

if TYPE_CHECKING:
    from marsad.document import Quote
    from marsad.extract.quotes import _Finder, _Region

REGION_MODEL = "models/quotes-region.npz"
SPEAKER_MODEL = "models/quotes-speaker.npz"
DEFAULT_THRESHOLD = 0.5
# How far before a quotation (in words, within its sentence) its verb may stand.
VERB_REACH = 12
_CONJ: Final = ("conj",)
_CONJ_FUTURE: Final = ("conj", "future")


@dataclass(frozen=True)
class QuoteModels:
    """The region and speaker models and the decision threshold."""

    region: LinearModel
    speaker: LinearModel
    threshold: float = DEFAULT_THRESHOLD


@lru_cache(maxsize=1)
def shipped_quote_models() -> QuoteModels:
    """The models packaged with marsad (loaded once)."""
    try:
        region = LinearModel.load(data_path(REGION_MODEL))
        speaker = LinearModel.load(data_path(SPEAKER_MODEL))
    except DataFileError as error:
        raise DataFileError(
            f"{error.message}; the quotes component needs its trained models: "
            "run `marsad train quotes --gold tests/fixtures/dev`"
        ) from error
    return QuoteModels(region, speaker, float(region.header.get("threshold", DEFAULT_THRESHOLD)))


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


def _stem(finder: _Finder, k: int) -> str:
    tokens = finder.view.tokens
    if k < 0:
        return "<s>"
    if k >= len(tokens):
        return "</s>"
    token = tokens[k]
    if token.norm in QUOTE_MARKS:
        return "<q>"
    if token.norm[:1].isdigit():
        return "<num>"
    for part in token.segments:
        if part.role == "stem":
            return normalize(part.text)
    return token.norm


def _open_token(finder: _Finder, region: _Region) -> int:
    return finder.view.token_at(region.open)


def _close_token(finder: _Finder, region: _Region) -> int:
    return finder.view.token_at(max(region.open, region.close - 1))


def region_features(finder: _Finder, region: _Region) -> list[str]:
    """Features of one quotation in marks (is it somebody's speech?)."""
    view, tokens, text = finder.view, finder.view.tokens, finder.doc.text
    first, last = _open_token(finder, region), _close_token(finder, region)
    inner = text[region.inner_start : region.inner_end]
    words = len(inner.split())
    f = [BIAS, "words=" + _bucket(words)]
    if finder.mentions_cover(region.inner_start, region.inner_end):
        f.append("a_name")
    before = text[max(0, region.open - 3) : region.open].rstrip().rstrip("\u0640")
    if before[-1:] in ("ب", "ل") and (len(before) < 2 or not before[-2].isalpha()):
        f.append("glued_" + normalize(before[-1]))  # بـ«…»، لـ«…»
    f += [
        "p1=" + _stem(finder, first - 1),
        "p2=" + _stem(finder, first - 2),
        "n1=" + _stem(finder, last + 1),
    ]
    if first > 0 and tokens[first - 1].norm == ":":
        f.append("after_colon")
    sentence = view.sentence_of_token(min(first, len(tokens) - 1))
    s_lo, _ = view.sentence_tokens(sentence)
    if first == s_lo:
        f.append("opens_sentence")
    cue_before = any(
        finder.cues.lexicon.match(tokens, k, allow=("conj",)) is not None
        for k in range(max(s_lo, first - VERB_REACH), first)
    )
    if cue_before:
        f.append("cue_before")
    k = last + 1
    while k < len(tokens) and tokens[k].norm in {"،", ","}:
        k += 1
    if k < len(tokens) and finder.cues.lexicon.match(tokens, k, allow=("conj",)) is not None:
        f.append("cue_after")
    if any(c in inner for c in ".؟?!"):
        f.append("holds_a_sentence_end")
    if any(c in inner for c in "،,"):
        f.append("holds_a_comma")
    inner_tokens = [t for t in tokens[first + 1 : last] if t.norm not in QUOTE_MARKS]
    if any(t.norm.endswith("نا") or t.norm[:1] == "ن" and len(t.norm) > 3 for t in inner_tokens):
        f.append("first_person")
    if _verb_before(finder, first) is not None:
        f.append("verb_before")
    if region.close > region.inner_end and text[region.close - 1 : region.close] not in QUOTE_MARKS:
        f.append("left_open")
    return f


def _verb_before(finder: _Finder, first: int) -> int | None:
    """The nearest word before token ``first`` in its sentence that the lexicons know as a verb
    (a reporting cue or an event trigger); remembered per article (the speaker features ask it
    again for every candidate)."""
    return _remembered(finder.verbs_before, finder, first, _find_verb_before)


def _find_verb_before(finder: _Finder, first: int) -> int | None:
    from marsad.extract.events import trigger_lexicon

    view, tokens = finder.view, finder.view.tokens
    if first >= len(tokens):
        return None
    s_lo, _ = view.sentence_tokens(view.sentence_of_token(first))
    verbs = trigger_lexicon().verbs
    cues = finder.cues.lexicon
    norms = finder.norms
    for k in range(first - 1, max(s_lo, first - VERB_REACH) - 1, -1):
        if norms[k] in QUOTE_MARKS:
            return None
        if cues.match(tokens, k, allow=_CONJ) is not None:
            return k
        if verbs.match(tokens, k, allow=_CONJ_FUTURE) is not None:
            return k
    return None


def _main_verb(finder: _Finder, k: int) -> int | None:
    """For an adverbial participle cue ("…، داعيا"، "مؤكدة أن"), the finite verb of its
    sentence before it (a cue or a trigger), over any quotation between: the participle's
    subject is that verb's ("واتهم محمد تكالة رئاسة المجلس بـ«…»، داعيا")."""
    return _remembered(finder.main_verbs, finder, k, _find_main_verb)


def _remembered(
    table: dict[int, int], finder: _Finder, k: int, find: Callable[[_Finder, int], int | None]
) -> int | None:
    """``find(finder, k)`` once per article (``table`` keeps -1 for "none"; no closure per call)."""
    known = table.get(k)
    if known is None:
        found = find(finder, k)
        known = table[k] = -1 if found is None else found
    return None if known < 0 else known


def _find_main_verb(finder: _Finder, k: int) -> int | None:
    from marsad.extract.events import trigger_lexicon

    view, tokens = finder.view, finder.view.tokens
    cue = finder.cues.lexicon.match(tokens, k, allow=_CONJ)
    if cue is None or not cue[0].participle:
        return None
    s_lo, _ = view.sentence_tokens(view.sentence_of_token(k))
    verbs = trigger_lexicon().verbs
    for j in range(k - 1, s_lo - 1, -1):
        hit = finder.cues.lexicon.match(tokens, j, allow=_CONJ)
        if hit is not None:
            if hit[0].participle:
                continue
            return j if hit[0].kind == "verb" else None
        found = verbs.match(tokens, j, allow=_CONJ_FUTURE)
        if found is not None and not found[0].agreement.startswith("participle"):
            return j
    return None


@dataclass
class SpeakerCandidate:
    who: Who | None
    sources: set[str]


def _key(who: Who | None) -> str:
    if who is None:
        return "<none>"
    return "id:" + who.id if who.id else "text:" + " ".join(normalize(who.text).split())


def _add(by_key: dict[str, SpeakerCandidate], source: str, who: Who | None) -> None:
    if who is None or not who.text:
        return
    key = _key(who)
    if key in by_key:
        by_key[key].sources.add(source)
    else:
        by_key[key] = SpeakerCandidate(who, {source})


def speaker_candidates(
    finder: _Finder, region: _Region, rule: Quote | None = None
) -> list[SpeakerCandidate]:
    """Who may be speaking a quotation: nobody first. ``rule``: the quote the cue rules made of
    it, whose speaker is one more candidate."""
    view, tokens = finder.view, finder.view.tokens
    first, last = _open_token(finder, region), _close_token(finder, region)
    by_key: dict[str, SpeakerCandidate] = {"<none>": SpeakerCandidate(None, {"none"})}

    if rule is not None:
        if rule.speaker_text:
            entity = finder.doc.entity(rule.speaker)
            _add(
                by_key,
                "cue_rules",
                Who(
                    rule.speaker,
                    rule.speaker_text,
                    rule.start,
                    rule.start,
                    gender_of_entity(entity) if entity is not None else None,
                    entity_type=entity.type if entity is not None else None,
                ),
            )
        else:
            by_key["<none>"].sources.add("cue_rules")
    verb = _verb_before(finder, first)
    if verb is not None:
        _add(by_key, "verb_subject", subject_after(view, finder.mentions, verb))
        main = _main_verb(finder, verb)
        if main is not None:
            _add(by_key, "main_verb_subject", subject_after(view, finder.mentions, main))
    k = last + 1
    while k < len(tokens) and tokens[k].norm in {"،", ","}:
        k += 1
    if k < len(tokens) and finder.cues.lexicon.match(tokens, k, allow=("conj",)) is not None:
        _add(by_key, "cue_after_subject", subject_after(view, finder.mentions, k))
    start = region.open
    _add(by_key, "last_speaker", finder.salience.latest(start, None))
    s_lo, _ = view.sentence_tokens(view.sentence_of_token(min(first, len(tokens) - 1)))
    gender = _cue_gender(finder, verb)
    _add(by_key, "sentence_subject", finder.salience.latest(start, gender, after=tokens[s_lo].start))
    if gender is not None:
        _add(by_key, "last_speaker_agreeing", finder.salience.latest(start, gender))
    previous = [q for q in finder.quotes if q.end <= start and q.speaker_text]
    if previous:
        q = previous[-1]
        _add(by_key, "previous_quote", Who(q.speaker, q.speaker_text or "", q.start, q.start))
    sentence = view.sentence_of_token(min(first, len(tokens) - 1))
    for number, source in ((sentence, "mention"), (sentence - 1, "previous_sentence")):
        if number < 0:
            continue
        lo, hi = view.sentence_tokens(number)
        if hi <= lo:
            continue
        end = min(tokens[hi - 1].end, region.open) if number == sentence else tokens[hi - 1].end
        for mention in finder.mentions.starting_in(tokens[lo].start, end):
            if mention.entity.type != "LOC":
                # the participant of_mention makes, remembered per mention
                _add(by_key, source, finder.mentions.who(mention))
    return list(by_key.values())


def _region_verb(finder: _Finder, region: _Region) -> tuple[int | None, str | None]:
    """The verb before a quotation and the gender it shows, remembered per quotation (the
    speaker features ask for every candidate)."""
    known = finder.region_verbs.get(region.open)
    if known is None:
        verb = _verb_before(finder, _open_token(finder, region))
        known = (verb, _cue_gender(finder, verb))
        finder.region_verbs[region.open] = known
    return known


def _cue_gender(finder: _Finder, k: int | None) -> str | None:
    """The gender a verb or participle before a quotation shows ("مطالبة" f, "مضيفا" m)."""
    if k is None:
        return None
    hit = finder.cues.lexicon.match(finder.view.tokens, k, allow=("conj",))
    if hit is not None:
        return hit[0].gender
    return None


def speaker_features(finder: _Finder, region: _Region, candidate: SpeakerCandidate) -> list[str]:
    """Features of one candidate speaker of a quotation."""
    if candidate.who is None:
        f = [BIAS, "none"] + ["none&" + source for source in sorted(candidate.sources - {"none"})]
        if _region_verb(finder, region)[0] is None:
            f.append("none&no_verb")
        return f
    who = candidate.who
    f = [BIAS, "some"]
    for source in sorted(candidate.sources):
        f.append("src=" + source)
    f.append("n_sources=" + _bucket(len(candidate.sources)))
    f.append("type=" + (who.entity_type or ("phrase" if who.id is None else "entity")))
    if who.id is None:
        case = phrase_case(who.text)
        if case is not None:
            f.append("phrase_case=" + case)  # "ودعا الطرفين": the object, not the speaker
    gender = _region_verb(finder, region)[1]
    if gender is not None and who.gender is not None:
        f.append("agrees" if gender == who.gender else "disagrees")
    distance = len(finder.doc.text[who.end : region.open].split()) if who.end <= region.open else -1
    f.append("distance=" + ("after" if distance < 0 else _bucket(distance)))
    return f


def decide_regions(finder: _Finder, models: QuoteModels) -> None:
    """Attribute the quotations in marks the rules left, where the region model takes them
    for speech and the speaker model names who speaks (adds them to ``finder``)."""
    for region in finder.regions:
        if region.used or not region.speech:
            continue
        if finder.claimed_at(region.inner_start):
            continue
        label, probability = models.region.classify(
            region_features(finder, region), ("no", "quote")
        )
        if label != "quote" or probability < models.threshold:
            continue
        candidates = speaker_candidates(finder, region)
        best, p_speaker = models.speaker.best([speaker_features(finder, region, c) for c in candidates])
        speaker = candidates[best].who
        if speaker is None:
            continue  # words in marks nobody is said to speak: a title, a name, a slogan
        verb = _verb_before(finder, _open_token(finder, region))
        cue = finder.view.tokens[verb].text if verb is not None else None
        finder.add_learnt(region, speaker, cue, probability * p_speaker)


def rule_quote(finder: _Finder, region: _Region) -> Quote | None:
    """The quote the cue rules made of a quotation in marks, if any."""
    for quote in finder.quotes:
        if quote.start == region.inner_start and quote.end == region.inner_end:
            return quote
    return None


def rerank_speakers(finder: _Finder, models: QuoteModels) -> None:
    """Choose again, with the speaker model, the speaker of every quotation in marks the cue
    rules attributed (their choice is one of the candidates)."""
    for region in finder.regions:
        quote = rule_quote(finder, region)
        if quote is None:
            continue
        candidates = speaker_candidates(finder, region, quote)
        best, p_speaker = models.speaker.best([speaker_features(finder, region, c) for c in candidates])
        finder.replace_speaker(quote, candidates[best].who, p_speaker)
