"""Interface strings in Kazakh, Russian and English (data files in ``i18n/``) and language choice."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

LANGS = ("kk", "ru", "en")
DEFAULT = "en"
I18N_DIR = Path(__file__).resolve().parent / "i18n"


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """The strings of one interface language (``KeyError`` for a language we do not ship)."""
    if lang not in LANGS:
        raise KeyError(f"no interface strings for {lang!r}: use one of {', '.join(LANGS)}")
    data: dict[str, str] = json.loads((I18N_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    return data


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the string in ``lang`` (English, then the key itself, when missing)."""
    own, fallback = messages(lang), messages(DEFAULT)

    def t(key: str, **values: object) -> str:
        text = own.get(key) or fallback.get(key) or key
        return text.format(**values) if values else text

    return t


def negotiate(asked: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The interface language: the URL's ``ui``, then the cookie, then the browser's preference."""
    for candidate in (asked, cookie):
        if candidate in LANGS:
            return candidate  # type: ignore[return-value]
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((-weight, i, tag.split("-")[0].lower()))
    for _, _, tag in sorted(ranked):
        if tag in LANGS:
            return tag
    return DEFAULT
