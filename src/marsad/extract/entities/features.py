"""Features of the CRF tagger: what the model sees of each word and its neighbours.

Arabic has no capital letters, so a name shows itself by other means: its stem once clitics
are gone ("وبالعراق" → العراق), the article, affixes (the nisba ending ـي، the plural ـون),
rarity in news text, membership of the gazetteers, and the words around it (a title before a
person, a head word before an organisation, a nisba after it). Features are computed from the
word as written, so training (on corpus tokens) and tagging (on marsad tokens) see the same.

Two features are learnt from the training data itself and travel with the model: how often a
word occurs in news text, and its *name memory* — how often its stem was part of a person,
place, organisation or other name in the annotated corpora ("الأهلي" mostly an ORG, "جوزيه"
a PERS). Both are computed, for each training sentence, from the other tenths of the data only
(:mod:`.training`), so the tagger learns how far to trust them on words it has never seen, as at
run time.

Speed matters (the tagger must handle tens of thousands of tokens a second on one core), so
what a word contributes — to itself and to each neighbour — is computed once per distinct word
and cached; a token's features are then a few list concatenations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from marsad.extract.entities.forms import analyse_word, bare
from marsad.extract.entities.lexicon import Lexicon, lexicon
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

# Context offsets each token sees; the model file records the feature set's version.
OFFSETS = (-2, -1, 1, 2)
# What the pair features read before the first word and after the last.
BOS, EOS = "<s>", "</s>"
FEATURES_VERSION = "2"
# The tags a name memory counts, in the order of its count tuples.
MEMORY_TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MEMORY_TYPES = ("PERS", "LOC", "ORG", "MISC")
# A type is remembered for a word when at least this share of its occurrences carried it.
MEMORY_SHARE = 0.25
Memory = Mapping[str, tuple[int, ...]]
_CACHE_SIZE = 200_000
# Marks kept as themselves in features (others are "P"): commas, stops, quotes, brackets.
_PUNCT_KEEP = "\u060c,.:\u061b;«»“”\"()-–_/\u061f?!"


def _bucket(count: int) -> str:
    if count == 0:
        return "0"
    if count == 1:
        return "1"
    if count < 4:
        return "2"
    if count < 10:
        return "3"
    if count < 100:
        return "4"
    if count < 1000:
        return "5"
    return "6"


def memory_flags(counts: tuple[int, ...] | None) -> list[str]:
    """What the name memory says of a word: unseen, how often a name, and which types.

    ``counts`` follows :data:`MEMORY_TAGS`. "Mr" is the share of occurrences inside a name,
    "Mn" how often the word was seen, "M" each type it carried often, "MB"/"MI" whether it
    mostly began that name or continued it.
    """
    if not counts:
        return ["M=unseen"]
    total = sum(counts)
    share = (total - counts[0]) / total
    flags = [
        "Mr=" + ("0" if share == 0 else "lo" if share < 0.3 else "mid" if share < 0.7 else "hi"),
        "Mn=" + ("1" if total == 1 else "2" if total < 5 else "3"),
    ]
    for k, kind in enumerate(MEMORY_TYPES):
        begin, inside = counts[1 + 2 * k], counts[2 + 2 * k]
        if begin + inside and (begin + inside) / total >= MEMORY_SHARE:
            flags.append("M=" + kind)
            flags.append(("MB=" if begin >= inside else "MI=") + kind)
    return flags


def _shape(word: str) -> str:
    first = word[:1]
    if not first:
        return "empty"
    if "\u0600" <= first <= "\u06ff":
        return "ar"
    if first.isdigit():
        return "digit"
    if first.isalpha():
        return "LATIN" if first.isupper() else "latin"
    return "punct"


class Features:
    """Turns a sentence (words as written) into crfsuite feature lists."""

    def __init__(self, lex: Lexicon | None = None, frequencies: Mapping[str, int] | None = None, memory: Memory | None = None) -> None:
        self.lex = lex or lexicon()
        self.freq = frequencies if frequencies is not None else word_frequencies()
        self.memory: Memory = memory if memory is not None else {}
        self._word = lru_cache(maxsize=_CACHE_SIZE)(self._word_features)
        self.parts = lru_cache(maxsize=_CACHE_SIZE)(self._word_parts)

    def _flags(self, lexical: str, norm: str) -> list[str]:
        """Lexicon memberships of one word: the cues the CRF weighs against context."""
        lex = self.lex
        word = bare(lexical)
        flags = []
        if word in lex.roles:
            flags.append("role")
        if word in lex.ranks:
            flags.append("rank")
        if word in lex.honorifics:
            flags.append("hon")
        if word in lex.org_heads:
            flags.append("orghead")
        if word in lex.loc_heads:
            flags.append("lochead")
        if word in lex.loc_outside:
            flags.append("locout")
        if word in lex.nisba:
            flags.append("nisba")
        if lexical in lex.given or word in lex.given:
            flags.append("given")
        if word in lex.family:
            flags.append("family")
        if norm in lex.breakers or lexical in lex.breakers:
            flags.append("breaker")
        if word in lex.phrase_stop:
            flags.append("stop")
        for place in lex.places((lexical,)):
            flags.append(place.type + ("" if place.strong else "~"))
        if lex.longest.get(lexical, 0) > 1:
            flags.append("gazstart")
        if word != lexical and len(word) >= 4 and word.endswith(lex.nisba_endings):
            flags.append("nisbalike")  # الهولندي، الأرجنتينية: an adjective of origin
        return flags

    def _word_parts(self, word: str) -> tuple[list[str], list[str], list[str]]:
        """A word's own features, and what it shows its neighbours: ``far`` to those at every
        offset in OFFSETS, ``near`` only to those right beside it (names without the offset)."""
        norm = normalize(word)
        shape = _shape(norm)
        if shape == "punct":
            mark = norm if norm in _PUNCT_KEEP else "P"
            return ["w=" + mark, "shape=punct"], ["w=" + mark], []
        if shape == "digit":
            return ["shape=digit"], ["shape=digit"], []
        prefixes, lexical, _, _ = analyse_word(word) if shape == "ar" else ("", norm, 0, len(word))
        word_bare = bare(lexical)
        flags = self._flags(lexical, norm)
        freq = _bucket(self.freq.get(norm, 0))
        own = [
            "w=" + norm,
            "s=" + lexical,
            "b=" + word_bare,
            "p=" + prefixes,
            "shape=" + shape,
            "al" if word_bare != lexical else "noal",
            "x1=" + word_bare[-1:],
            "x2=" + word_bare[-2:],
            "x3=" + word_bare[-3:],
            "x4=" + word_bare[-4:],
            "a2=" + word_bare[:2],
            "a3=" + word_bare[:3],
            "a4=" + word_bare[:4],
            "len=" + str(min(len(word_bare), 9)),
            "fq=" + freq,
            "fqs=" + _bucket(self.freq.get(lexical, 0)),
        ]
        own += ["L=" + f for f in flags]
        remembered = memory_flags(self.memory.get(lexical)) if self.memory else []
        own += remembered
        far = ["s=" + lexical, "fq=" + freq] + ["L=" + f for f in flags]
        near = ["b=" + word_bare, "x2=" + word_bare[-2:], "p=" + prefixes] + [f for f in remembered if f.startswith(("M=", "Mr="))]
        return own, far, near

    def _word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        own, far, near = self.parts(word)
        context: dict[int, list[str]] = {}
        for o in OFFSETS:
            context[o] = [f"{o}{f}" for f in far] + ([f"{o}{f}" for f in near] if abs(o) == 1 else [])
        return own, context

    def _gazetteer_tags(self, lexicals: Sequence[str]) -> list[str | None]:
        """Longest multi-word gazetteer match over the sentence, as BIO tags per token."""
        lex = self.lex
        tags: list[str | None] = [None] * len(lexicals)
        i = 0
        longest = lex.longest
        while i < len(lexicals):
            span = longest.get(lexicals[i], 0)
            if span < 2:
                i += 1  # most words begin no multi-word name
                continue
            matched = 0
            for length in range(min(span, len(lexicals) - i), 1, -1):
                places = lex.places(tuple(lexicals[i : i + length]))
                if places:
                    kind = places[0].type + ("" if places[0].strong else "~")
                    tags[i] = "B-" + kind
                    for j in range(i + 1, i + length):
                        tags[j] = "I-" + kind
                    matched = length
                    break
            i += matched or 1
        return tags

    def lexicals(self, words: Sequence[str]) -> list[str]:
        """The normalised stem of each word (what pair and gazetteer features are made of)."""
        return [analyse_word(w)[1] if w[:1] >= "\u0600" else normalize(w) for w in words]

    @staticmethod
    def edges(i: int, n: int) -> list[str]:
        """Features of a position at the start or end of the sentence."""
        feats = []
        if i == 0:
            feats += ["BOS", "-1BOS"]
        if i == n - 1:
            feats += ["EOS", "1EOS"]
        return feats

    @staticmethod
    def pair_names(left: str, right: str) -> tuple[str, str]:
        """The features of two adjacent words (their stems): the left word's and the right one's."""
        return f"s|s+1={left}|{right}", f"s-1|s={left}|{right}"

    @staticmethod
    def pairs(lexicals: Sequence[str], gazetteer: Sequence[str | None], i: int) -> list[str]:
        """Word-pair features and the multi-word gazetteer tag of position ``i``."""
        left = lexicals[i - 1] if i else BOS
        right = lexicals[i + 1] if i + 1 < len(lexicals) else EOS
        feats = [Features.pair_names(left, lexicals[i])[1], Features.pair_names(lexicals[i], right)[0]]
        tag = gazetteer[i]
        if tag:
            feats.append("GZ=" + tag)
        return feats

    def word(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """Features of a word for itself, and for each neighbour offset (cached)."""
        return self._word(word)

    def gazetteer(self, lexicals: Sequence[str]) -> list[str | None]:
        """Multi-word gazetteer matches as BIO tags (the ``GZ=`` feature)."""
        return self._gazetteer_tags(lexicals)

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists for each word of one sentence (what crfsuite trains on)."""
        infos = [self._word(w) for w in words]
        lexicals = self.lexicals(words)
        gazetteer = self._gazetteer_tags(lexicals)
        n = len(words)
        result = []
        for i, (own, _) in enumerate(infos):
            feats = ["bias", *own, *self.edges(i, n)]
            for o in OFFSETS:
                j = i + o
                if 0 <= j < n:
                    feats += infos[j][1][o]
            feats += self.pairs(lexicals, gazetteer, i)
            result.append(feats)
        return result
