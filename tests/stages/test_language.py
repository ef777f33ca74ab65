"""Language rules: Kazakh letters, lingua, Latin and Arabic Kazakh, mixed articles."""

from __future__ import annotations

import pytest

from zholdau.config import Settings
from zholdau.model import Article
from zholdau.stages.language import detect_language, paragraph_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Облыс әкімі Мемлекет басшысының Жолдауын талқылауға арналған жиын өткізді.", "kk"),
        ("Аудан әкімі ауыл тұрғындарымен кездесіп, Жолдаудың негізгі бағыттарын түсіндірді.", "kk"),
        ("Под председательством акима области состоялось расширенное заседание актива.", "ru"),
        ("Аким района провел встречу с жителями и разъяснил основные положения Послания.", "ru"),
        ("Ремонт дороги в селе завершён раньше срока, сообщили в акимате района.", "ru"),
        # Kazakh text without many Kazakh-only letters is still Kazakh (lingua decides)
        ("Жиында аким орынбасары сөз сөйледі, жастар саясаты туралы баяндады.", "kk"),
        ("Memleket basshysynyń Joldaýyn júzege asyrý boıynsha oblys ákimi jıyn ótkizdi.", "kk"),
        ("Memleket basşysynyñ Joldauyn jüzege asyru boiynşa audan äkımı jiyn ötkızdı.", "kk"),
        ("The regional governor held a meeting on the President's annual address.", "other"),
        ("Президент України звернувся до Верховної Ради з щорічним посланням.", "other"),
        ("2025 — 12,4 %", "other"),
    ],
)
def test_paragraph_language(text: str, lang: str) -> None:
    assert paragraph_language(text)[0] == lang


def _detect(text: str) -> Article:
    art = Article(source="t", raw_text=text, text=text)
    detect_language(art, Settings())
    return art


def test_russian_article_quoting_a_kazakh_sentence_is_russian() -> None:
    text = (
        "В Павлодаре прошло расширенное совещание по реализации Послания Главы государства.\n"
        "Аким области подчеркнул, что все задачи должны быть выполнены в срок, и поручил усилить контроль.\n"
        "«Жолдауда айтылған міндеттерді бірлесіп орындаймыз», — сказал ветеран.\n"
        "В совещании приняли участие депутаты маслихата, руководители управлений и акимы районов."
    )
    art = _detect(text)
    assert art.lang == "ru"
    assert [p["lang"] for p in art.paragraphs] == ["ru", "ru", "kk", "ru"]


def test_half_and_half_is_mixed() -> None:
    text = (
        "Облыс әкімі Мемлекет басшысының Жолдауын талқылауға арналған кеңейтілген жиын өткізді.\n"
        "Аким области провел расширенное совещание, посвящённое обсуждению Послания Главы государства."
    )
    assert _detect(text).lang == "mixed"


def test_latin_kazakh_gets_a_cyrillic_transliteration_mapped_back() -> None:
    text = "Oblys ákimi Memleket basshysynyń Joldaýyn talqylaýǵa arnalǵan jıyn ótkizdi."
    art = _detect(text)
    assert (art.lang, art.script) == ("kk", "latn")
    assert art.text_cyrillic is not None and "Жолда" in art.text_cyrillic
    start = art.text_cyrillic.index("Жолда")
    ev = art.evidence("test", start, start + 5)
    assert ev.text.startswith("Jolda")


def test_cyrillic_article_has_no_transliteration() -> None:
    art = _detect("Облыс әкімі жиын өткізді. Жиында Жолдау талқыланды.")
    assert art.script == "cyrl" and art.text_cyrillic is None
