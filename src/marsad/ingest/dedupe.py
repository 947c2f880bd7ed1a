"""Exact and near-duplicate articles: one wire story, many outlets, counted once.

Two articles are *exact* duplicates when their bodies are the same after normalisation
(:func:`content_hash`: letter variants, diacritics, digits, punctuation and spacing do not
count). They are *near* duplicates when most of their word 5-grams are shared — the same agency
story with a different opening line, a cut paragraph, another outlet's furniture — measured by
MinHash (datasketch) and found among many by locality-sensitive hashing: the signature is cut
into ``bands`` and two articles become candidates when any band is identical, with the band
count chosen by datasketch's :class:`~datasketch.MinHashLSH` for the similarity threshold. The
candidates are then confirmed with the estimated Jaccard similarity itself.

:class:`NearDuplicateIndex` keeps the bands in memory; the store keeps them in a table
(:mod:`marsad.store`), so the index survives between runs and never has to be rebuilt.

>>> a = "قال وزير الخارجية إن المباحثات مع الجانب الأميركي ستستمر الأسبوع المقبل في بغداد لبحث الانسحاب"
>>> content_hash(a) == content_hash("  " + a.replace("الأميركي", "الأمِيركي") + " .")
True
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.document import Token
from marsad.text.tokens import tokenise

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.6
_SEED = 7
# datasketch's 32-bit scheme: half the storage of 64-bit values, ample for article-sized sets.
_SCHEME = "affine32"
_DTYPE = np.uint32


def words(text: str, tokens: Sequence[Token] | None = None) -> list[str]:
    """The normalised words and numbers of ``text`` (its tokens' ``norm``, punctuation left out).

    Pass the Document's ``tokens`` when there are some: they are the same, already computed.
    """
    return [t.norm for t in (tokens if tokens else tokenise(text)) if t.norm[:1].isalnum()]


def content_hash(text: str, tokens: Sequence[Token] | None = None) -> str:
    """A hash of the normalised words of ``text``: equal for exact duplicates."""
    return hashlib.sha256(" ".join(words(text, tokens)).encode("utf-8")).hexdigest()[:32]


def shingles(text: str, size: int = SHINGLE_WORDS, tokens: Sequence[Token] | None = None) -> set[bytes]:
    """The distinct word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    norms = words(text, tokens)
    if len(norms) <= size:
        return {" ".join(norms).encode("utf-8")} if norms else set()
    return {" ".join(norms[i : i + size]).encode("utf-8") for i in range(len(norms) - size + 1)}


def _hash32(data: bytes) -> int:
    """The input hash of a shingle: CRC-32, stable across runs and fast; datasketch's affine32
    scheme mixes it with the MurmurHash3 finaliser before permuting."""
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _permutations() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_hash32)


def signature(text: str, tokens: Sequence[Token] | None = None) -> MinHash:
    """The MinHash of the text's shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations().permutations, scheme=_SCHEME, hashfunc=_hash32)
    grams = list(shingles(text, tokens=tokens))
    if grams:
        minhash.update_batch(grams)
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    """The signature as bytes, for storing."""
    return np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """A MinHash back from :func:`signature_bytes`."""
    return MinHash(
        num_perm=NUM_PERM,
        seed=_SEED,
        hashvalues=np.frombuffer(data, dtype=_DTYPE).copy(),
        permutations=_permutations().permutations,
        scheme=_SCHEME,
        hashfunc=_hash32,
    )


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(a.jaccard(b))


@lru_cache(maxsize=4)
def band_layout(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's LSH chooses for ``threshold`` (balanced errors)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(minhash: MinHash, threshold: float = THRESHOLD) -> list[int]:
    """One 63-bit key per band: articles sharing any key are near-duplicate candidates."""
    bands, rows = band_layout(threshold, len(minhash.hashvalues))
    values = np.asarray(minhash.hashvalues, dtype=_DTYPE)
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(struct.pack(">H", band) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)  # fits SQLite's signed INTEGER
    return keys


@dataclass
class NearDuplicateIndex:
    """An in-memory near-duplicate finder (the store has a persistent one).

    >>> index = NearDuplicateIndex()
    >>> story = "أعلنت وزارة الدفاع العراقية اليوم انتهاء المرحلة الأولى من انسحاب قوات التحالف الدولي من قاعدة عين الأسد غرب البلاد بعد مباحثات استمرت أسابيع"
    >>> index.add("a", story)
    []
    >>> [key for key, score in index.add("b", "بغداد - " + story)]
    ['a']
    """

    threshold: float = THRESHOLD

    def __post_init__(self) -> None:
        self._bands: dict[int, list[str]] = {}
        self._signatures: dict[str, MinHash] = {}

    def candidates(self, minhash: MinHash) -> list[tuple[str, float]]:
        """Known items whose similarity to ``minhash`` reaches the threshold, best first."""
        seen: set[str] = set()
        for key in band_keys(minhash, self.threshold):
            seen.update(self._bands.get(key, ()))
        scored = [(item, similarity(minhash, self._signatures[item])) for item in seen]
        return sorted(((i, s) for i, s in scored if s >= self.threshold), key=lambda pair: -pair[1])

    def add(self, key: str, text: str) -> list[tuple[str, float]]:
        """Index ``text`` under ``key`` and return its near duplicates already indexed."""
        minhash = signature(text)
        found = self.candidates(minhash)
        self._signatures[key] = minhash
        for band in band_keys(minhash, self.threshold):
            self._bands.setdefault(band, []).append(key)
        return found


def group(items: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> list[list[str]]:
    """Keys of ``(key, text)`` pairs grouped into near-duplicate clusters, in input order."""
    index = NearDuplicateIndex(threshold)
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    order = []
    for key, text in items:
        parent[key] = key
        order.append(key)
        for other, _ in index.add(key, text):
            parent[root(key)] = root(other)
    clusters: dict[str, list[str]] = {}
    for key in order:
        clusters.setdefault(root(key), []).append(key)
    return list(clusters.values())
