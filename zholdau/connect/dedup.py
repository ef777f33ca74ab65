"""Syndicated copies: MinHash signatures of word 5-gram shingles, indexed by LSH bands.

A copy on another site keeps the body of the press release and changes the chrome, the headline,
the byline and a word here and there. The cleaned text is normalised (case, ё/е, punctuation and
spacing dropped) and cut into overlapping word 5-grams; two copies share most of them, two reports of
one meeting written separately share few (a quoted title or a sentence of boilerplate).

The MinHash signature (datasketch, 128 permutations) estimates the Jaccard similarity of two shingle
sets; its 128 values are cut into :data:`BANDS` bands of :data:`ROWS` rows, and each band is hashed to
one 64-bit key. Two articles that agree on a whole band are *candidates*; the store keeps the keys of
every article (table ``connect_lsh``), so checking a new article costs one index look-up per band,
whatever the size of the store (O(1) expected), and a copy ingested months later still finds its
original. A candidate is a copy when the estimated Jaccard is at least :data:`JACCARD` or, for a copy
cut short, the estimated containment of the shorter text is at least :data:`CONTAINMENT`.

Bands and rows come from datasketch's optimiser for a 0.4 threshold (recall first: the signature
check that follows removes the false candidates).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 30
MAX_DAYS_APART = 30  # a syndicated copy follows its original within days; a yearly template is not a copy
SEED = 1

_TOKEN = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"ё": "е", "й": "и"})


@functools.cache
def lsh_params() -> tuple[int, int]:
    """(bands, rows per band) for our threshold, from datasketch's false-positive/negative optimiser."""
    from datasketch.lsh import _optimal_param

    b, r = _optimal_param(0.4, NUM_PERM, 0.5, 0.5)
    return int(b), int(r)


def normalise(text: str) -> list[str]:
    """The words of a text as compared for copies: case-folded, ё→е, й→и, punctuation dropped."""
    return _TOKEN.findall(text.casefold().translate(_FOLD))


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The word k-grams of the normalised text (the whole text as one shingle when it is shorter)."""
    ws = normalise(text)
    if not ws:
        return set()
    if len(ws) <= k:
        return {" ".join(ws).encode("utf-8")}
    return {" ".join(ws[i : i + k]).encode("utf-8") for i in range(len(ws) - k + 1)}


@functools.cache
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED)  # SHA-1 of each shingle, datasketch's default


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature and the number of shingles it summarises."""

    values: np.ndarray  # uint32[NUM_PERM]
    size: int

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), int(size))


def signature(text: str) -> Signature:
    """The MinHash signature of a text (datasketch, :data:`NUM_PERM` permutations)."""
    sh = shingles(text)
    m = _template().copy()
    if sh:
        m.update_batch(sh)
    return Signature(np.asarray(m.hashvalues, dtype=np.uint64).astype(np.uint32), len(sh))


_MULT = np.uint64(0x9E3779B97F4A7C15)


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band (the band's index is mixed in, so bands never collide)."""
    b, r = lsh_params()
    if sig.size == 0:
        return []
    rows = sig.values[: b * r].astype(np.uint64).reshape(b, r)
    acc = np.arange(1, b + 1, dtype=np.uint64) * _MULT
    with np.errstate(over="ignore"):
        for j in range(r):
            acc = (acc ^ rows[:, j]) * _MULT
            acc ^= acc >> np.uint64(29)
    return [int(x) for x in acc.view(np.int64)]


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def containment(a: Signature, b: Signature, j: float | None = None) -> float:
    """Estimated share of the smaller shingle set found in the larger one."""
    j = jaccard(a, b) if j is None else j
    small = min(a.size, b.size)
    if small == 0:
        return 0.0
    inter = j * (a.size + b.size) / (1.0 + j)
    return min(1.0, inter / small)


@dataclass(frozen=True, slots=True)
class CopyVerdict:
    is_copy: bool
    jaccard: float
    containment: float
    rule: str


def verdict(
    a: Signature, b: Signature, a_day: date | None = None, b_day: date | None = None, same_lang: bool = True
) -> CopyVerdict:
    """Whether two articles are copies of one text (named rule: why or why not)."""
    j = jaccard(a, b)
    c = containment(a, b, j)
    if not same_lang:
        return CopyVerdict(False, j, c, "different_language")
    if a_day and b_day and abs((a_day - b_day).days) > MAX_DAYS_APART:
        return CopyVerdict(False, j, c, "too_far_apart")
    if j >= JACCARD:
        return CopyVerdict(True, j, c, "minhash_jaccard")
    if c >= CONTAINMENT and min(a.size, b.size) >= MIN_SHINGLES_FOR_CONTAINMENT:
        return CopyVerdict(True, j, c, "minhash_containment")
    return CopyVerdict(False, j, c, "below_threshold")


def copy_text(rec: Mapping[str, Any]) -> str:
    """The text compared for copies: the cleaned text (its transliteration for Latin/Arabic script)."""
    return str(rec.get("text_cyrillic") or rec.get("text") or "")
