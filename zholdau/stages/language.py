"""Stage ``detect_language``: kk / ru / mixed / other for the article and each paragraph.

Two kinds of evidence are combined:

* the Kazakh-only Cyrillic letters (ә ғ қ ң ө ұ ү һ і), which Russian never uses, and
* lingua-language-detector restricted to the languages we meet (kk, ru and a few others so that
  "other" can be told apart).

Kazakh written in Latin or Arabic script is recognised by :mod:`zholdau.morph.translit` and given a
Cyrillic transliteration (``Article.text_cyrillic``) for the later stages; the original stays in
``Article.text`` for display and evidence.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from zholdau.config import Settings
from zholdau.model import Article
from zholdau.morph import translit

_KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYR = re.compile(r"[\u0400-\u04ff]")
_OTHER_CYRILLIC = re.compile(r"[їєґўђјљњћџЇЄҐЎЂЈЉЊЋЏ]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")

# thresholds on the share of Kazakh-only letters among Cyrillic letters (Kazakh prose: 6–12 %)
KK_SURE = 0.025
RU_SURE = 0.004
# a second language makes an article "mixed" when it holds MIXED_SHARE of the letters, or
# MIXED_SHARE_MULTI spread over at least two paragraphs (one quoted sentence does not make it mixed)
MIXED_SHARE = 0.35
MIXED_SHARE_MULTI = 0.2


@functools.cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH, Language.UKRAINIAN, Language.TURKISH]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def _lingua(text: str) -> str:
    lang = _detector().detect_language_of(text)
    if lang is None:
        return "other"
    code = lang.iso_code_639_1.name.lower()
    return code if code in {"kk", "ru"} else "other"


def paragraph_language(text: str) -> tuple[str, str]:
    """(language, rule) of one paragraph of Cyrillic, Latin or Arabic text."""
    script = translit.detect_script(text)
    if script == "none":
        return "other", "no_letters"
    if script == "latn":
        return (
            ("kk", "latin_kazakh") if translit.latin_kazakh_score(text) >= 0.5 else ("other", "latin_other")
        )
    if script == "arab":
        return (
            ("kk", "arabic_kazakh")
            if translit.arabic_kazakh_score(text) >= 0.5
            else ("other", "arabic_other")
        )
    cyr = _CYR.findall(text)
    if not cyr:
        return _lingua(text), "lingua"
    share = sum(1 for ch in cyr if ch in _KK_LETTERS) / len(cyr)
    if share >= KK_SURE:
        return "kk", "kazakh_letters"
    if share == 0 and len(cyr) >= 40 and not _OTHER_CYRILLIC.search(text):
        # long Cyrillic text with no Kazakh-only letter and none of Ukrainian/Belarusian/Serbian: Russian
        # (lingua is not needed, and skipping it halves the cost of this stage)
        return "ru", "no_kazakh_letters"
    if share <= RU_SURE and len(cyr) >= 20:
        lang = _lingua(text)
        # Russian text without Kazakh letters: lingua only decides between ru and other
        return (lang if lang != "kk" else "ru"), "no_kazakh_letters+lingua"
    return _lingua(text), "lingua"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def detect_language(article: Article, settings: Settings) -> None:
    """Set ``lang``, ``script``, ``paragraphs`` and, for non-Cyrillic Kazakh, ``text_cyrillic``."""
    text = article.text
    weights: dict[str, int] = {}
    paragraphs = []
    for start, end in _paragraph_spans(text):
        para = text[start:end]
        lang, rule = paragraph_language(para)
        n = sum(1 for ch in para if ch.isalpha())
        weights[lang] = weights.get(lang, 0) + n
        paragraphs.append({"start": start, "end": end, "lang": lang, "rule": rule})
    article.paragraphs = paragraphs
    total = sum(weights.values()) or 1
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    if not ranked:
        article.lang = "other"
    else:
        top, top_n = ranked[0]
        second_share = ranked[1][1] / total if len(ranked) > 1 else 0.0
        second_paras = sum(1 for p in paragraphs if len(ranked) > 1 and p["lang"] == ranked[1][0])
        mixed = second_share >= MIXED_SHARE or (second_share >= MIXED_SHARE_MULTI and second_paras >= 2)
        if len(ranked) > 1 and {top, ranked[1][0]} == {"kk", "ru"} and mixed:
            article.lang = "mixed"
        else:
            article.lang = top if top_n else "other"
    hint = article.raw_meta.get("qtranslate_lang")
    if hint in {"kk", "ru"} and article.lang in {"other", "mixed"}:
        article.lang = hint
    script = translit.detect_script(text)
    article.script = script if script in {"cyrl", "latn", "arab"} else "cyrl"
    if article.script != "cyrl" and article.lang == "kk":
        tr = translit.to_cyrillic(text, article.script)
        article.text_cyrillic = tr.text
        article.text_cyrillic_map = list(tr.to_source)
        article.raw_meta["alphabet"] = tr.alphabet
