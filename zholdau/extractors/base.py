"""What every extractor is made of: named rules that return matches with their evidence span.

Extractors are pure: text (and the knowledge base) in, :class:`Match` objects out. They never touch
the store or the network. A pipeline stage turns matches into :class:`~zholdau.model.Fact` objects
on the article (spans mapped back to the original text for transliterated Kazakh).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from zholdau.model import Article, Evidence, Fact

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match:
    """One value found by one rule, with the span of ``text`` it came from."""

    value: Any
    start: int
    end: int
    rule: str
    score: float = 1.0


def freeze(value: Any) -> Any:
    """A hashable form of a value (dicts and lists become tuples) to merge equal values."""
    if isinstance(value, dict):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def to_facts(article: Article, matches: Iterable[Match], merge: bool = True) -> list[Fact]:
    """Facts in order of first appearance; equal values are merged and keep every piece of evidence."""
    facts: list[Fact] = []
    index: dict[Any, Fact] = {}
    for m in sorted(matches, key=lambda m: (m.start, m.end)):
        if m.start < 0:
            ev = Evidence(
                m.rule, -1, -1, str(m.value), "meta"
            )  # evidence outside the text (dateline, outlet)
        else:
            ev = article.evidence(m.rule, m.start, m.end)
        key = freeze(m.value) if merge else object()
        if key in index:
            index[key].evidence.append(ev)
        else:
            fact = Fact(m.value, [ev])
            index[key] = fact
            facts.append(fact)
    return facts


def per_knowledge(build: Callable[[Any], T]) -> Callable[..., T]:
    """Cache an index built from a knowledge base, keyed by the knowledge object's identity
    (``Knowledge`` holds mappings, so it is not hashable; it is loaded once and lives on)."""
    cache: dict[int, tuple[Any, T]] = {}

    @functools.wraps(build)
    def wrapper(kb: Any = None) -> T:
        if kb is None:
            from zholdau.knowledge.loader import load_knowledge

            kb = load_knowledge()
        hit = cache.get(id(kb))
        if hit is None or hit[0] is not kb:
            hit = (kb, build(kb))
            cache[id(kb)] = hit
        return hit[1]

    return wrapper
