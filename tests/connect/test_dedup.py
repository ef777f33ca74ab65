"""Syndicated copies: MinHash signatures, LSH band keys and the copy verdict."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.connect import dedup

BODY = (
    "Расширенное заседание акимата, посвященное реализации Послания Главы государства, прошло в Уральске под "
    "председательством акима области Серика Жаксыбаева. В заседании приняли участие депутаты областного маслихата, "
    "руководители управлений и представители бизнеса. Заместитель акима области Динара Мусина доложила, что на ремонт "
    "дорог в этом году направлено 9,8 млрд тенге, отремонтировано 140 км. Руководитель управления образования Асель "
    "Кайырова сообщила, что к новому учебному году в области открыты три школы на 1 500 мест. По итогам заседания аким "
    "области поручил управлению энергетики до 15 октября завершить подготовку котельных к отопительному сезону. "
    "Акимам районов поручено до конца года провести ремонт сельских клубов в двенадцати селах."
)
OTHER = (
    "В Уральске прошла сессия областного маслихата, посвященная Посланию Главы государства. Секретарь маслихата "
    "Игорь Волков отметил, что депутаты поддержали предложения по уточнению бюджета. Депутат Гульмира Есенова "
    "рассказала о жалобах жителей на качество питьевой воды в пригородных поселках. На модернизацию водопроводов "
    "решено дополнительно выделить 1,2 млрд тенге. Депутаты также обсудили работу общественного транспорта и "
    "обновление автобусного парка. По итогам сессии постоянной комиссии поручено подготовить план мероприятий."
)
KAZAKH = (
    "Орал қаласында облыс әкімі Серік Жақсыбаевтың төрағалығымен әкімдіктің кеңейтілген отырысы өтті. Облыс әкімінің "
    "орынбасары Динара Мұсина биыл жол жөндеуге 9,8 млрд теңге бағытталғанын, 140 шақырым жол жөнделгенін айтты. "
    "Білім басқармасының басшысы Әсел Қайырова жаңа оқу жылына облыста 1 500 орындық үш мектеп ашылғанын хабарлады."
)


@pytest.mark.parametrize(
    ("variant", "expected", "rule"),
    [
        # another outlet: its headline and date line on top, the same body
        (
            "Аким Западно-Казахстанской области провел заседание\n12 сентября 2023\n" + BODY,
            True,
            "minhash_jaccard",
        ),
        # a byline and the outlet's site at the end
        (BODY + "\nМарина Ким,\nural-news.kz", True, "minhash_jaccard"),
        # small edits: a word changed, a number written differently
        (
            BODY.replace("приняли участие", "участвовали").replace("140 км", "сто сорок километров"),
            True,
            "minhash_jaccard",
        ),
        # the last two sentences cut off (a short copy): most of it is still the same text
        (BODY.rsplit(". По итогам", 1)[0] + ".", True, "minhash_jaccard"),
        # a report of another meeting in the same city, on the same Address
        (OTHER, False, "below_threshold"),
        # the Kazakh report of the same meeting: an event, not a copy
        (KAZAKH, False, "below_threshold"),
        # only the first paragraph kept (a teaser): contained, not similar
        (BODY[:300], True, "minhash_containment"),
    ],
)
def test_copy_verdict(variant: str, expected: bool, rule: str) -> None:
    v = dedup.verdict(dedup.signature(BODY), dedup.signature(variant))
    assert (v.is_copy, v.rule) == (expected, rule), (v.jaccard, v.containment)


@pytest.mark.parametrize(
    ("a_day", "b_day", "same_lang", "expected"),
    [
        (date(2023, 9, 12), date(2023, 9, 13), True, "minhash_jaccard"),
        (date(2023, 9, 12), date(2023, 10, 30), True, "too_far_apart"),  # a yearly template, not a copy
        (date(2023, 9, 12), None, True, "minhash_jaccard"),  # an undated copy
        (date(2023, 9, 12), date(2023, 9, 12), False, "different_language"),
    ],
)
def test_verdict_guards(a_day: date, b_day: date | None, same_lang: bool, expected: str) -> None:
    sig = dedup.signature(BODY)
    assert dedup.verdict(sig, sig, a_day, b_day, same_lang).rule == expected


def test_copies_share_a_band_and_others_do_not() -> None:
    a = set(dedup.band_keys(dedup.signature(BODY)))
    b = set(dedup.band_keys(dedup.signature("Заголовок другого сайта\n" + BODY + "\nural-news.kz")))
    c = set(dedup.band_keys(dedup.signature(OTHER)))
    assert len(a) == dedup.lsh_params()[0]
    assert a & b and not a & c


def test_signature_round_trips_through_bytes() -> None:
    sig = dedup.signature(BODY)
    back = dedup.Signature.from_bytes(sig.to_bytes(), sig.size)
    assert dedup.jaccard(sig, back) == 1.0 and back.size == sig.size


def test_empty_text_is_never_a_copy() -> None:
    empty = dedup.signature("  ,.;  ")
    assert empty.size == 0 and dedup.band_keys(empty) == []
    assert not dedup.verdict(empty, dedup.signature(BODY)).is_copy


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_has_a_stable_signature(text: str) -> None:
    sig = dedup.signature(text)
    assert dedup.band_keys(sig) == dedup.band_keys(dedup.signature(text))
    assert dedup.verdict(sig, sig).is_copy == (sig.size > 0)


CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=CYRILLIC + CYRILLIC.upper() + " ,.«»–\n0123456789", max_size=400))
def test_case_spacing_and_punctuation_do_not_matter(text: str) -> None:
    sig = dedup.signature(text)
    if sig.size:
        variant = " " + text.upper().replace(" ", "  ").replace(",", " ,") + " ."
        assert dedup.verdict(sig, dedup.signature(variant)).is_copy
