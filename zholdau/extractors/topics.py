"""Topics by lexicon evidence: every word that starts with a topic's stem (kk or ru) is one piece of
evidence (rule ``topic_lexicon``); topics are ranked by evidence weight, normalised by text length,
and kept when they pass a small threshold, so a passing word does not make a topic.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources

import yaml

from zholdau.errors import KnowledgeError
from zholdau.extractors.base import Match, per_knowledge
from zholdau.extractors.phrases import StemMatcher, TokenKeys
from zholdau.knowledge.loader import Knowledge, load_knowledge

MIN_HITS = 2  # a topic needs at least this many lexicon words
MIN_SHARE = 0.12  # ... and this share of all topic evidence in the article
MAX_TOPICS = 4


@dataclass(frozen=True)
class TopicIndex:
    stems: StemMatcher  # payload: (topic codes, weight of one match)


@per_knowledge
def topic_index(kb: Knowledge) -> TopicIndex:
    kb = kb or load_knowledge()
    stem_topic: dict[str, list[str]] = {}
    for t in kb.topics:
        for stem in (*t.stems_ru, *t.stems_kk):
            s = stem.lower().replace("ё", "е").strip()
            if s and t.code not in stem_topic.setdefault(s, []):
                stem_topic[s].append(t.code)
    weak, weight = _weak_stems()
    return TopicIndex(
        StemMatcher((k, (tuple(v), weight if k in weak else 1.0)) for k, v in stem_topic.items())
    )


@functools.cache
def _weak_stems() -> tuple[frozenset[str], float]:
    raw = yaml.safe_load(
        resources.files("zholdau.knowledge").joinpath("topic_weights.yaml").read_text("utf-8")
    )
    try:
        weight = float(raw["weight"])
        stems = frozenset(s.lower() for lang in ("ru", "kk") for s in raw["weak_stems"][lang])
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"topic_weights.yaml: missing or invalid entry {exc}") from exc
    if not 0 <= weight <= 1:
        raise KnowledgeError(f"topic_weights.yaml: weight must be between 0 and 1, not {weight}")
    return stems, weight


def extract_topics(text: str, kb: Knowledge | None = None) -> list[Match]:
    """Matches whose value is a topic code; the list is ranked (best topic's evidence first)."""
    idx = topic_index(kb)
    hits: dict[str, list[tuple[int, int]]] = {}
    weights: dict[str, float] = {}
    taken: set[int] = set()
    for h in idx.stems.find(TokenKeys.of(text)):  # longest stem first at each position
        if h.first_token in taken:
            continue
        taken.update(range(h.first_token, h.last_token + 1))
        codes, weight = h.payload
        for code in codes:
            hits.setdefault(code, []).append((h.start, h.end))
            weights[code] = weights.get(code, 0.0) + weight
    total = sum(weights.values())
    if not total:
        return []
    ranked = sorted(hits, key=lambda c: (-weights[c], hits[c][0][0]))
    kept = [c for c in ranked if weights[c] >= MIN_HITS and weights[c] / total >= MIN_SHARE][:MAX_TOPICS]
    out: list[Match] = []
    for rank, code in enumerate(kept):
        score = weights[code] / math.sqrt(total)
        for s, e in hits[code]:
            out.append(Match(code, s, e, "topic_lexicon", score - rank * 1e-6))
    return out
