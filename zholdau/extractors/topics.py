"""Topics by lexicon evidence: every word that starts with a topic's stem (kk or ru) is one piece of
evidence (rule ``topic_lexicon``); topics are ranked by evidence weight, normalised by text length,
and kept when they pass a small threshold, so a passing word does not make a topic.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from zholdau.extractors.base import Match, per_knowledge
from zholdau.knowledge.loader import Knowledge, load_knowledge

MIN_HITS = 2  # a topic needs at least this many lexicon words
MIN_SHARE = 0.12  # ... and this share of all topic evidence in the article
MAX_TOPICS = 4


@dataclass(frozen=True)
class TopicIndex:
    pattern: re.Pattern[str]
    stem_topic: dict[str, tuple[str, ...]]


@per_knowledge
def topic_index(kb: Knowledge) -> TopicIndex:
    kb = kb or load_knowledge()
    stem_topic: dict[str, list[str]] = {}
    for t in kb.topics:
        for stem in (*t.stems_ru, *t.stems_kk):
            s = stem.lower().replace("ё", "е").strip()
            if s and t.code not in stem_topic.setdefault(s, []):
                stem_topic[s].append(t.code)
    stems = sorted(stem_topic, key=len, reverse=True)
    # one alternation, longest stems first; a stem must start a word (multi-word stems allowed)
    alternation = "|".join(r"\s+".join(re.escape(part) for part in s.split()) for s in stems)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})[\w-]*", re.IGNORECASE)
    return TopicIndex(pattern, {k: tuple(v) for k, v in stem_topic.items()})


def _stem_of(word: str, idx: TopicIndex) -> str | None:
    w = re.sub(r"\s+", " ", word.lower().replace("ё", "е"))
    for end in range(len(w), 0, -1):
        if w[:end] in idx.stem_topic:
            return w[:end]
    return None


def extract_topics(text: str, kb: Knowledge | None = None) -> list[Match]:
    """Matches whose value is a topic code; the list is ranked (best topic's evidence first)."""
    idx = topic_index(kb)
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in idx.pattern.finditer(text):
        stem = _stem_of(m.group(0), idx)
        if stem is None:
            continue
        for code in idx.stem_topic[stem]:
            hits.setdefault(code, []).append((m.start(), m.end()))
    total = sum(len(v) for v in hits.values())
    if not total:
        return []
    ranked = sorted(hits, key=lambda c: (-len(hits[c]), hits[c][0][0]))
    kept = [c for c in ranked if len(hits[c]) >= MIN_HITS and len(hits[c]) / total >= MIN_SHARE][:MAX_TOPICS]
    out: list[Match] = []
    for rank, code in enumerate(kept):
        score = len(hits[code]) / math.sqrt(total)
        for s, e in hits[code]:
            out.append(Match(code, s, e, "topic_lexicon", score - rank * 1e-6))
    return out
