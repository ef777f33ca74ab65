"""Find known phrases in any inflected form: both the phrase and the text are compared word by word
on their search keys (Snowball stems for Russian, our suffix rules for Kazakh), so
"четвертой промышленной революции" matches the phrase "четвертая промышленная революция" and
"Нұрлы жолдың" matches "Нұрлы жол".
"""

from __future__ import annotations

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
    """The tokens of a text with their Russian and Kazakh keys, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = textindex.tokens(text)
        self._ru: list[str] | None = None
        self._kk: list[str] | None = None

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
                        hits.append(PhraseHit(payload, phrase, toks[i].start, toks[i + n - 1].end, i, i + n - 1))
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
