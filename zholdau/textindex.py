"""Search keys shared by every store: one key per word, the same for documents and queries.

A key is the word case-folded, with ё→е and й→и folded (so spelling variants meet), then stemmed:
Russian words by the Snowball stemmer (PyStemmer), Kazakh words by our own suffix rules
(:mod:`zholdau.morph.kazakh`). A query word of unknown language is looked up under both stems, so
"Баталов" finds "Баталовым" (ru) and "Баталовтың" (kk), "жолдау" finds "Жолдауын", "послание"
finds "Послания". Snippets are cut from the original text around the words whose keys match.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zholdau.morph import kazakh, russian

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_KK_ONLY = frozenset("әғқңөұүһі")
_FOLD = str.maketrans({"ё": "е", "й": "и"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


@functools.lru_cache(maxsize=200_000)
def key(word: str, lang: str | None) -> str:
    """The index key of one word in a text of language ``lang`` (kk, ru or anything else)."""
    w = fold(word)
    if w.isdigit():
        return w
    if lang == "kk" or any(ch in _KK_ONLY for ch in w):
        return kazakh.stem(w).translate(_FOLD)
    return fold(russian.stem(w))


@functools.lru_cache(maxsize=50_000)
def query_keys(word: str) -> frozenset[str]:
    """Every key a query word may have in a document (its language is unknown)."""
    w = fold(word)
    if w.isdigit():
        return frozenset({w})
    if any(ch in _KK_ONLY for ch in w):
        return frozenset({key(word, "kk")})
    return frozenset({key(word, "ru"), key(word, "kk")})


def _lang_at(paragraphs: Sequence[dict[str, object]], pos: int, default: str | None) -> str | None:
    for p in paragraphs:
        if int(p["start"]) <= pos <= int(p["end"]):  # type: ignore[call-overload]
            lang = p.get("lang")
            return str(lang) if lang in {"kk", "ru"} else default
    return default


def index_keys(text: str, lang: str | None, paragraphs: Sequence[dict[str, object]] = ()) -> str:
    """The text as a space-separated string of keys (each paragraph stemmed in its own language)."""
    out = []
    for t in tokens(text):
        lg = _lang_at(paragraphs, t.start, lang) if paragraphs and lang == "mixed" else lang
        out.append(key(t.text, lg))
    return " ".join(out)


def query_words(query: str) -> list[str]:
    return [t.text for t in tokens(query)]


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every query word must match one of its keys."""
    parts = []
    for w in query_words(query):
        keys = sorted(query_keys(w))
        alts = " OR ".join('"' + k.replace('"', '""') + '"' for k in keys if k)
        if alts:
            parts.append(f"({alts})")
    return " AND ".join(parts) if parts else None


def matching_spans(text: str, lang: str | None, query: str) -> list[tuple[int, int]]:
    """Where the words whose keys match the query's are in ``text`` (start, end), in order.

    Each distinct word of the text is keyed once; only the matching ones are then looked for (an article
    repeats its words, and most of them do not match)."""
    wanted: set[str] = set()
    for w in query_words(query):
        wanted |= query_keys(w)
    doc_lang = lang if lang in {"kk", "ru"} else None

    words = set(WORD.findall(text))
    if doc_lang:
        found = {w for w in words if key(w, doc_lang) in wanted}
    else:
        found = {w for w in words if not wanted.isdisjoint((key(w, None), key(w, "kk"), key(w, "ru")))}
    if not found:
        return []
    return [m.span() for m in WORD.finditer(text) if m.group() in found]


def snippet(
    text: str,
    lang: str | None,
    query: str | None,
    width: int = 220,
    mark: tuple[str, str] = ("<mark>", "</mark>"),
    escape: bool = False,
) -> str:
    """A window of the text around the densest cluster of query matches, matches wrapped in ``mark``."""
    spans = matching_spans(text, lang, query) if query else []
    if not spans:
        cut = text[:width]
        return (html.escape(cut) if escape else cut) + ("…" if len(text) > width else "")
    best_start, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, _ in spans if s <= a < s + width)
        if count > best_count:
            best_start, best_count = s, count
    start = max(0, best_start - width // 4)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    return _decorate(text, start, end, spans, mark, escape)


def _decorate(
    text: str, start: int, end: int, spans: Iterable[tuple[int, int]], mark: tuple[str, str], escape: bool
) -> str:
    out = ["…" if start > 0 else ""]
    pos = start
    esc = html.escape if escape else (lambda s: s)
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(esc(text[pos:s]))
        out.append(mark[0] + esc(text[s:e]) + mark[1])
        pos = e
    out.append(esc(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out).replace("\n", " ")
