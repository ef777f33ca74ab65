"""Find known phrases in any inflected form: both the phrase and the text are compared word by word
on their search keys (Snowball stems for Russian, our suffix rules for Kazakh), so
"четвертой промышленной революции" matches the phrase "четвертая промышленная революция" and
"Нұрлы жолдың" matches "Нұрлы жол".
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zholdau import textindex
from zholdau.textindex import Token


@dataclass(frozen=True, slots=True)
class PhraseHit:
    payload: Any
    phrase: str
    start: int  # character span in the text
    end: int
    first_token: int
    last_token: int  # inclusive


class TokenKeys:
    """The tokens of a text with their lower-case forms and Russian and Kazakh keys, computed once.

    ``TokenKeys.of(text)`` shares one instance between the extractors that read the same text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = textindex.tokens(text)
        self.low: list[str] = [t.text.lower().replace("ё", "е") for t in self.tokens]
        self._ru: list[str] | None = None
        self._kk: list[str] | None = None

    @staticmethod
    @functools.lru_cache(maxsize=4)
    def of(text: str) -> TokenKeys:
        return TokenKeys(text)

    def keys(self, lang: str) -> list[str]:
        if lang == "kk":
            if self._kk is None:
                self._kk = [textindex.key(t.text, "kk") for t in self.tokens]
            return self._kk
        if self._ru is None:
            self._ru = [textindex.key(t.text, "ru") for t in self.tokens]
        return self._ru


class PhraseMatcher:
    """A set of phrases (with a payload each) matched on search keys, longest match first."""

    def __init__(self, phrases: Iterable[tuple[str, str, Any]]) -> None:
        """``phrases``: (phrase, language kk|ru, payload)."""
        self._index: dict[tuple[str, str], list[tuple[tuple[str, ...], str, Any]]] = {}
        for phrase, lang, payload in phrases:
            lang = "kk" if lang == "kk" else "ru"
            keys = tuple(textindex.key(t.text, lang) for t in textindex.tokens(phrase))
            if not keys:
                continue
            self._index.setdefault((lang, keys[0]), []).append((keys, phrase, payload))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, tk: TokenKeys, langs: Sequence[str] = ("ru", "kk")) -> list[PhraseHit]:
        """Every phrase occurrence (overlaps allowed across payloads; longest per start and payload)."""
        hits: list[PhraseHit] = []
        toks = tk.tokens
        for lang in langs:
            keys = tk.keys(lang)
            for i, k in enumerate(keys):
                entries = self._index.get((lang, k))
                if not entries:
                    continue
                seen_payloads: set[int] = set()
                for phrase_keys, phrase, payload in entries:
                    n = len(phrase_keys)
                    if tuple(keys[i : i + n]) == phrase_keys and id(payload) not in seen_payloads:
                        seen_payloads.add(id(payload))
                        hits.append(
                            PhraseHit(payload, phrase, toks[i].start, toks[i + n - 1].end, i, i + n - 1)
                        )
        hits.sort(key=lambda h: (h.start, -h.end))
        return _dedupe(hits)


def _dedupe(hits: list[PhraseHit]) -> list[PhraseHit]:
    out: list[PhraseHit] = []
    seen: set[tuple[int, int, int]] = set()
    for h in hits:
        key = (h.start, h.end, id(h.payload))
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


# Endings a proper name takes in running text. Russian: noun and adjective case endings; Kazakh:
# case, possessive and derived endings (with their combinations). A name token matches a text token
# that is the name itself, or the name (or the name without its final vowel / adjective ending)
# followed by one of these endings: "Семей" ~ "Семее", "Семейде"; "Караганда" ~ "Караганде";
# "Бородулихинский район" ~ "Бородулихинском районе"; "Бородулиха ауданы" ~ "Бородулиха ауданында".
_RU_ENDINGS = frozenset(
    [
        "а",
        "я",
        "у",
        "ю",
        "е",
        "и",
        "ы",
        "ом",
        "ем",
        "ой",
        "ей",
        "ою",
        "ею",
        "ам",
        "ям",
        "ами",
        "ями",
        "ах",
        "ях",
        "ов",
        "ев",
    ]
)
_RU_ADJ_ENDINGS = frozenset(
    [
        "ий",
        "ый",
        "ой",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ого",
        "его",
        "ому",
        "ему",
        "ым",
        "им",
        "ом",
        "ем",
        "ую",
        "юю",
        "ых",
        "их",
        "ыми",
        "ими",
    ]
)
_KK_CASE = [
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "а",
    "е",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ды",
    "ді",
    "ты",
    "ті",
    "ны",
    "ні",
    "н",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "мен",
    "бен",
    "пен",
    "ша",
    "ше",
]
_KK_POSS = ["", "ы", "і", "сы", "сі"]
_KK_DERIV = [
    "",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ндағы",
    "ндегі",
    "лық",
    "лік",
    "дық",
    "дік",
    "тық",
    "тік",
    "лықтар",
    "ліктер",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
]
_KK_ENDINGS = frozenset(
    {p + c for p in _KK_POSS for c in ["", *_KK_CASE]}
    | set(_KK_DERIV)
    | {
        d + c
        for d in ("лар", "лер", "дар", "дер", "тар", "тер")
        for c in ("", "ға", "ге", "да", "де", "дың", "дің")
    }
    | {
        "ында",
        "інде",
        "сында",
        "сінде",
        "ының",
        "інің",
        "сының",
        "сінің",
        "ына",
        "іне",
        "сына",
        "сіне",
        "ын",
        "ін",
        "сын",
        "сін",
        "ынан",
        "інен",
        "сынан",
        "сінен",
        "ымен",
        "імен",
        "сымен",
        "сімен",
        "ындағы",
        "індегі",
    }
)
_ENDINGS = _RU_ENDINGS | _KK_ENDINGS
_VOWELS_END = "аяыиеэоуюйьіә"


def name_folded(word: str) -> str:
    return word.lower().replace("ё", "е")


def token_matches_name(text_tok: str, name_tok: str) -> bool:
    """True when ``text_tok`` is ``name_tok`` in some inflected form (both lower-case, ё→е)."""
    if text_tok == name_tok:
        return True
    if not text_tok.startswith(name_tok[: max(2, len(name_tok) - 2)]):
        return False
    if text_tok.startswith(name_tok) and text_tok[len(name_tok) :] in _ENDINGS:
        return True
    if len(name_tok) > 3 and name_tok[-1] in _VOWELS_END:
        base = name_tok[:-1]
        if text_tok.startswith(base) and text_tok[len(base) :] in _ENDINGS:
            return True
    if len(name_tok) > 4 and name_tok[-2:] in _RU_ADJ_ENDINGS:
        base = name_tok[:-2]
        if text_tok.startswith(base) and text_tok[len(base) :] in _RU_ADJ_ENDINGS:
            return True
    return False


class NameMatcher:
    """Proper names (places, regions) matched token by token in any case form (see the endings above)."""

    def __init__(self, names: Iterable[tuple[str, Any]]) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        for name, payload in names:
            toks = tuple(name_folded(t.text) for t in textindex.tokens(name))
            if toks:
                self._index.setdefault(toks[0][:3], []).append((toks, name, payload))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, tk: TokenKeys) -> list[PhraseHit]:
        toks = tk.tokens
        low = tk.low
        hits: list[PhraseHit] = []
        for i, w in enumerate(low):
            entries = self._index.get(w[:3])
            if not entries:
                continue
            for name_toks, name, payload in entries:
                n = len(name_toks)
                if i + n > len(low):
                    continue
                if all(token_matches_name(low[i + j], name_toks[j]) for j in range(n)):
                    # the words of a multi-word name must be adjacent (only spaces or a hyphen between)
                    gaps = [tk.text[toks[i + j].end : toks[i + j + 1].start] for j in range(n - 1)]
                    if all(g.strip(" -–") == "" and len(g) <= 3 for g in gaps):
                        hits.append(
                            PhraseHit(payload, name, toks[i].start, toks[i + n - 1].end, i, i + n - 1)
                        )
        hits.sort(key=lambda h: (h.start, -h.end))
        return _dedupe(hits)


class StemMatcher:
    """Lower-case stem phrases ("алматинск облас"): each stem must start one word, words consecutive."""

    def __init__(self, stems: Iterable[tuple[str, Any]]) -> None:
        # indexed by the first 1, 2 or 3 letters of the first stem word (its length decides)
        self._index: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        for stem, payload in stems:
            parts = tuple(name_folded(p) for p in stem.split())
            if parts:
                self._index.setdefault(parts[0][:3], []).append((parts, stem, payload))

    def find(self, tk: TokenKeys) -> list[PhraseHit]:
        toks = tk.tokens
        low = tk.low
        hits: list[PhraseHit] = []
        index = self._index
        for i, w in enumerate(low):
            for key in {w[:3], w[:2], w[:1]}:
                for parts, stem, payload in index.get(key, ()):
                    n = len(parts)
                    if i + n <= len(low) and all(low[i + j].startswith(parts[j]) for j in range(n)):
                        gaps = [tk.text[toks[i + j].end : toks[i + j + 1].start] for j in range(n - 1)]
                        if all(g.strip() == "" for g in gaps):
                            hits.append(
                                PhraseHit(payload, stem, toks[i].start, toks[i + n - 1].end, i, i + n - 1)
                            )
        hits.sort(key=lambda h: (h.start, -h.end))
        return _dedupe(hits)
