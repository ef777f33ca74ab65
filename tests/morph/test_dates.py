"""Dates in Kazakh and Russian text (zholdau.morph.dates). All example sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.morph.dates import (
    KK_MONTHS,
    MAX_YEAR,
    MIN_YEAR,
    RULES,
    _raw_matches,
    find_dates,
    find_years,
    parse_date_field,
)

# Reference (publication) date for the tables unless a case says otherwise: 10 September 2025.
REF = dt.date(2025, 9, 10)

Expected = list[tuple[str, str, str]]  # (ISO date, rule, matched text)


def found(text: str, reference: dt.date | None = REF) -> Expected:
    return [(m.date.isoformat(), m.rule, m.text) for m in find_dates(text, reference)]


# fmt: off
KK_CASES: list[tuple[str, Expected]] = [
    # year first
    ("Мемлекет басшысы 2025 жылғы 8 қыркүйекте Жолдау жариялады.", [("2025-09-08", "kk_year_day_month", "2025 жылғы 8 қыркүйекте")]),
    ("Жолдау 2025 жылы 8 қыркүйекте жарияланды.", [("2025-09-08", "kk_year_day_month", "2025 жылы 8 қыркүйекте")]),
    ("Президент 2025 жылдың 8 қыркүйегінде халыққа үндеу жасады.", [("2025-09-08", "kk_year_day_month", "2025 жылдың 8 қыркүйегінде")]),
    ("Бағдарлама 2024 жылғы 2 қыркүйектегі Жолдауға сәйкес әзірленді.", [("2024-09-02", "kk_year_day_month", "2024 жылғы 2 қыркүйектегі")]),
    ("Стратегия 2012 жылғы 14 желтоқсанда жария етілді.", [("2012-12-14", "kk_year_day_month", "2012 жылғы 14 желтоқсанда")]),
    ("Жиын 2023 ж. 1-қыркүйек күні өтті.", [("2023-09-01", "kk_year_day_month", "2023 ж. 1-қыркүйек")]),
    ("Облыс әкімі 2022 жылғы 16 наурыздағы Жолдауды еске салды.", [("2022-03-16", "kk_year_day_month", "2022 жылғы 16 наурыздағы")]),
    ("Құрылыс 2024 жылдың 15 мамырынан бастап жүргізілуде.", [("2024-05-15", "kk_year_day_month", "2024 жылдың 15 мамырынан")]),
    ("Нысан 2023 жылдың 20 шілдесінде пайдалануға берілді.", [("2023-07-20", "kk_year_day_month", "2023 жылдың 20 шілдесінде")]),
    ("Есеп 2025 жылғы 1 қаңтардағы жағдай бойынша жасалды.", [("2025-01-01", "kk_year_day_month", "2025 жылғы 1 қаңтардағы")]),
    ("Мектеп 2020-сыншы жылдың 1 қыркүйегінде ашылды.", [("2020-09-01", "kk_year_day_month", "2020-сыншы жылдың 1 қыркүйегінде")]),
    ("Жолдау 2025 жылғы 8–9 қыркүйекте талқыланды.", [("2025-09-08", "kk_year_day_month_range", "2025 жылғы 8–9 қыркүйекте"), ("2025-09-09", "kk_year_day_month_range_end", "9 қыркүйекте")]),
    ("Семинар 2025 жылғы қыркүйектің 12-сі күні өтеді.", [("2025-09-12", "kk_year_month_day", "2025 жылғы қыркүйектің 12-сі")]),
    # month precision
    ("Жоба 2025 жылдың қыркүйек айында басталады.", [("2025-09-01", "kk_year_month", "2025 жылдың қыркүйек айында")]),
    ("Көпір 2024 жылғы қазанда ашылды.", [("2024-10-01", "kk_year_month", "2024 жылғы қазанда")]),
    ("Тариф 2019-дың желтоқсанында өсті.", [("2019-12-01", "kk_year_month", "2019-дың желтоқсанында")]),
    ("Құрылыс 2020-сыншы жылдың наурыз айына жоспарланған.", [("2020-03-01", "kk_year_month", "2020-сыншы жылдың наурыз айына")]),
    ("Форум 2025 жылы Қазанда өтті.", []),  # the city of Kazan, not October
    # day and month, year after
    ("Құжатқа 8 қыркүйек 2025 жыл күні қол қойылды.", [("2025-09-08", "kk_day_month_year", "8 қыркүйек 2025 жыл")]),
    ("Қонаев, 8 қыркүйек 2025 ж. Облыстық ақпарат.", [("2025-09-08", "kk_day_month_year", "8 қыркүйек 2025 ж.")]),
    ("Жарияланған күні: 12 тамыз 2024 жылы", [("2024-08-12", "kk_day_month_year", "12 тамыз 2024 жылы")]),
    ("5 желтоқсан, 2023 жыл", [("2023-12-05", "kk_day_month_year", "5 желтоқсан, 2023 жыл")]),
    # day and month, year from the reference (10 September 2025)
    ("Жолдау 8 қыркүйекте жарияланды.", [("2025-09-08", "kk_day_month", "8 қыркүйекте")]),
    ("1-қыркүйек – Білім күні.", [("2025-09-01", "kk_day_month", "1-қыркүйек")]),
    ("Мектептер 1-ші қыркүйекте ашылды.", [("2025-09-01", "kk_day_month", "1-ші қыркүйекте")]),
    ("10 қаңтардағы жиында мәселе қаралды.", [("2025-01-10", "kk_day_month", "10 қаңтардағы")]),
    ("Келісім 10 қаңтарда жасалды.", [("2025-01-10", "kk_day_month", "10 қаңтарда")]),
    ("Конкурс 5 ақпанда басталды.", [("2025-02-05", "kk_day_month", "5 ақпанда")]),
    ("Мереке 22 наурызда тойланады.", [("2025-03-22", "kk_day_month", "22 наурызда")]),
    ("Сайлау 12 сәуірде өтті.", [("2025-04-12", "kk_day_month", "12 сәуірде")]),
    ("Шеру 9 мамырда ұйымдастырылды.", [("2025-05-09", "kk_day_month", "9 мамырда")]),
    ("Лагерь 1 маусымнан бастап жұмыс істейді.", [("2025-06-01", "kk_day_month", "1 маусымнан")]),
    ("Күн 6 шілдеде аталып өтті.", [("2025-07-06", "kk_day_month", "6 шілдеде")]),
    ("Конституция күні 30 тамызда тойланды.", [("2025-08-30", "kk_day_month", "30 тамызда")]),
    ("Республика күні 25 қазанда аталады.", [("2025-10-25", "kk_day_month", "25 қазанда")]),
    ("Кездесу 15 қарашада өтеді.", [("2024-11-15", "kk_day_month", "15 қарашада")]),  # > 2 months ahead
    ("Тәуелсіздік күні 16 желтоқсанда тойланады.", [("2024-12-16", "kk_day_month", "16 желтоқсанда")]),
    ("Өтінімдер 20 қыркүйекке дейін қабылданады.", [("2025-09-20", "kk_day_month", "20 қыркүйекке")]),
    ("Жұмыс 15 қыркүйектен бастап жүргізіледі.", [("2025-09-15", "kk_day_month", "15 қыркүйектен")]),
    ("Есеп 3 наурыздан кейін тапсырылады.", [("2025-03-03", "kk_day_month", "3 наурыздан")]),
    ("Жоспар 30 қарашадағы отырыста бекітілді.", [("2024-11-30", "kk_day_month", "30 қарашадағы")]),
    ("Жолдау 8 ҚЫРКҮЙЕКТЕ жарияланды.", [("2025-09-08", "kk_day_month", "8 ҚЫРКҮЙЕКТЕ")]),
    ("Кеңес 8 Қыркүйекте өтті.", [("2025-09-08", "kk_day_month", "8 Қыркүйекте")]),
    ("Акция 20-сыншы наурызда басталды.", [("2025-03-20", "kk_day_month", "20-сыншы наурызда")]),
    ("Жиын 8-9 қыркүйекте өтеді.", [("2025-09-08", "kk_day_month_range", "8-9 қыркүйекте"), ("2025-09-09", "kk_day_month_range_end", "9 қыркүйекте")]),
    # degraded spelling (sites without Kazakh letters) and a Latin i
    ("Жолдау 2025 жылгы 8 кыркуйекте жарияланды.", [("2025-09-08", "kk_year_day_month", "2025 жылгы 8 кыркуйекте")]),
    ("Сессия 16 желтоксанда аякталды.", [("2024-12-16", "kk_day_month", "16 желтоксанда")]),
    ("Форум 12 сәуiрде өтті.", [("2025-04-12", "kk_day_month", "12 сәуiрде")]),
    # month, then day with a possessive ending
    ("Қаңтардың 10-ы күні жиын өтті.", [("2025-01-10", "kk_month_day", "Қаңтардың 10-ы")]),
    ("Шара қыркүйек айының 8-і күні басталды.", [("2025-09-08", "kk_month_day", "қыркүйек айының 8-і")]),
    ("Мерзім ақпанның 14-і деп белгіленді.", [("2025-02-14", "kk_month_day", "ақпанның 14-і")]),
    ("Жеңіс мамырдың 9-ында аталып өтеді.", [("2025-05-09", "kk_month_day", "мамырдың 9-ында")]),
    ("Шектеу наурыздың 22-нен бастап алынады.", [("2025-03-22", "kk_month_day", "наурыздың 22-нен")]),
    ("Демалыс шілденің 6-сы күні.", [("2025-07-06", "kk_month_day", "шілденің 6-сы")]),
    # relative years
    ("Мемлекет басшысы биылғы 8 қыркүйекте Жолдау жариялады.", [("2025-09-08", "kk_relyear_day_month", "биылғы 8 қыркүйекте")]),
    ("Өткен жылғы 15 наурызда жол ашылды.", [("2024-03-15", "kk_relyear_day_month", "Өткен жылғы 15 наурызда")]),
    ("Былтыр 10 мамырда саябақ ашылды.", [("2024-05-10", "kk_relyear_day_month", "Былтыр 10 мамырда")]),
    ("Келесі жылғы 1 қаңтардан бастап жәрдемақы өседі.", [("2026-01-01", "kk_relyear_day_month", "Келесі жылғы 1 қаңтардан")]),
    # a year shared by a list of dates
    ("Жиындар 2025 жылғы 8 қыркүйекте және 10 қазанда өтті.", [("2025-09-08", "kk_year_day_month", "2025 жылғы 8 қыркүйекте"), ("2025-10-10", "kk_day_month", "10 қазанда")]),
    ("Демалыс 2024 жылғы 30 желтоқсан мен 3 қаңтар аралығында.", [("2024-12-30", "kk_year_day_month", "2024 жылғы 30 желтоқсан"), ("2025-01-03", "kk_day_month", "3 қаңтар")]),
    # a year that belongs to the next word stays with it
    ("Әкім 10 қаңтарда 2025 жылғы есепті бекітті.", [("2025-01-10", "kk_day_month", "10 қаңтарда")]),
    # numbers
    ("Хаттама 08.09.2025 ж. тіркелді.", [("2025-09-08", "numeric_dmy", "08.09.2025")]),
    # not dates
    ("Ауданда 8 қызметкер жұмыс істейді.", []),
    ("2025 жылы 15 мың адам жұмысқа орналасты.", []),
    ("Ауылда 10 қазандық салынды.", []),
    ("Телехикаяның 2-маусымы көрерменге ұсынылды.", []),
    ("Жиын 31 ақпанда өтеді.", []),
    ("30 ақпан 2024 жыл", []),
    ("Ол 1985 жылғы 8 қыркүйекте туған.", []),  # outside 1991–2100, and not repaired from the reference
    ("Жоба 2025 жылы аяқталады.", []),
    ("Қыркүйек айында жиын өтеді.", []),
]
# fmt: on

# fmt: off
RU_CASES: list[tuple[str, Expected]] = [
    # day, month, year
    ("Послание глава государства озвучил 8 сентября 2025 года.", [("2025-09-08", "ru_day_month_year", "8 сентября 2025 года")]),
    ("Документ подписан 8 сентября 2025 г. в Астане.", [("2025-09-08", "ru_day_month_year", "8 сентября 2025 г.")]),
    ("Совещание прошло 8 сентября 2025г в акимате.", [("2025-09-08", "ru_day_month_year", "8 сентября 2025г")]),
    ("Дата публикации: 8 сентября, 2025 г.", [("2025-09-08", "ru_day_month_year", "8 сентября, 2025 г.")]),
    ("ПАВЛОДАР, 2 сентября 2024 года. Сессия маслихата открылась.", [("2024-09-02", "ru_day_month_year", "2 сентября 2024 года")]),
    ("Выступление 1 сентября 2020 года было посвящено реформам.", [("2020-09-01", "ru_day_month_year", "1 сентября 2020 года")]),
    ("С 1 января 2025 года вырастут пособия.", [("2025-01-01", "ru_day_month_year", "1 января 2025 года")]),
    ("Прием заявок продлится до 14 февраля 2025 года.", [("2025-02-14", "ru_day_month_year", "14 февраля 2025 года")]),
    ("Послание оглашено 16 марта 2022 года.", [("2022-03-16", "ru_day_month_year", "16 марта 2022 года")]),
    ("Отчет утвержден 30 апреля 2024 г.", [("2024-04-30", "ru_day_month_year", "30 апреля 2024 г.")]),
    ("Мост откроют 9 мая 2025 года.", [("2025-05-09", "ru_day_month_year", "9 мая 2025 года")]),
    ("Решение принято 12 июня 2023 года на сессии.", [("2023-06-12", "ru_day_month_year", "12 июня 2023 года")]),
    ("Собрание прошло 6 июля 2024 года.", [("2024-07-06", "ru_day_month_year", "6 июля 2024 года")]),
    ("Закон вступил в силу 30 августа 2023 года.", [("2023-08-30", "ru_day_month_year", "30 августа 2023 года")]),
    ("Срок истекает 25 октября 2025 года.", [("2025-10-25", "ru_day_month_year", "25 октября 2025 года")]),
    ("План принят 15 ноября 2024 года.", [("2024-11-15", "ru_day_month_year", "15 ноября 2024 года")]),
    ("Стратегия объявлена 14 декабря 2012 года.", [("2012-12-14", "ru_day_month_year", "14 декабря 2012 года")]),
    ("ЗАСЕДАНИЕ СОСТОИТСЯ 8 СЕНТЯБРЯ 2025 ГОДА", [("2025-09-08", "ru_day_month_year", "8 СЕНТЯБРЯ 2025 ГОДА")]),
    ("Договор от «8» сентября 2025 г. зарегистрирован.", [("2025-09-08", "ru_day_month_year", "8» сентября 2025 г.")]),
    ("Приказ от 8 сент. 2025 г. опубликован.", [("2025-09-08", "ru_day_month_year", "8 сент. 2025 г.")]),
    ("Справка выдана 3 дек. 2024 года.", [("2024-12-03", "ru_day_month_year", "3 дек. 2024 года")]),
    ("Постановление от 29 июня 2023 года № 127 утверждено.", [("2023-06-29", "ru_day_month_year", "29 июня 2023 года")]),
    # day and month, year from the reference (10 September 2025)
    ("Встреча прошла 08 сентября в акимате.", [("2025-09-08", "ru_day_month", "08 сентября")]),
    ("Уроки начались 1-го сентября.", [("2025-09-01", "ru_day_month", "1-го сентября")]),
    ("Аким посетил школу 8 Сентября.", [("2025-09-08", "ru_day_month", "8 Сентября")]),
    ("Праздник отметили 15 января.", [("2025-01-15", "ru_day_month", "15 января")]),
    ("Семинар прошел 14 февраля.", [("2025-02-14", "ru_day_month", "14 февраля")]),
    ("Концерт к 8 марта подготовили школьники.", [("2025-03-08", "ru_day_month", "8 марта")]),
    ("12 апреля стартовал конкурс.", [("2025-04-12", "ru_day_month", "12 апреля")]),
    ("Шествие состоялось 9 мая.", [("2025-05-09", "ru_day_month", "9 мая")]),
    ("Лагеря откроются 1 июня.", [("2025-06-01", "ru_day_month", "1 июня")]),
    ("Праздник столицы — 6 июля.", [("2025-07-06", "ru_day_month", "6 июля")]),
    ("Ярмарка пройдет 30 августа.", [("2025-08-30", "ru_day_month", "30 августа")]),
    ("Форум откроется 25 октября.", [("2025-10-25", "ru_day_month", "25 октября")]),
    ("Прием заявок закончится 1 ноября.", [("2025-11-01", "ru_day_month", "1 ноября")]),
    ("Отчет сдали 20 ноября.", [("2024-11-20", "ru_day_month", "20 ноября")]),  # > 2 months ahead
    ("Сессия прошла 16 декабря.", [("2024-12-16", "ru_day_month", "16 декабря")]),
    ("В 10:00 8 сентября началось совещание.", [("2025-09-08", "ru_day_month", "8 сентября")]),
    ("Депутаты, 19 октября, обсудят бюджет.", [("2025-10-19", "ru_day_month", "19 октября")]),
    # ranges
    ("Форум пройдет 8-9 сентября 2025 года.", [("2025-09-08", "ru_day_month_year_range", "8-9 сентября 2025 года"), ("2025-09-09", "ru_day_month_year_range_end", "9 сентября 2025 года")]),
    ("Прием документов с 8 по 12 сентября 2025 года.", [("2025-09-08", "ru_day_month_year_range", "8 по 12 сентября 2025 года"), ("2025-09-12", "ru_day_month_year_range_end", "12 сентября 2025 года")]),
    ("Выставка открыта 8–12 сентября.", [("2025-09-08", "ru_day_month_range", "8–12 сентября"), ("2025-09-12", "ru_day_month_range_end", "12 сентября")]),
    ("Каникулы продлятся 30 августа – 2 сентября 2025 года.", [("2025-08-30", "ru_day_month", "30 августа"), ("2025-09-02", "ru_day_month_year", "2 сентября 2025 года")]),
    ("Отпуск с 15 декабря по 10 января 2025 года.", [("2024-12-15", "ru_day_month", "15 декабря"), ("2025-01-10", "ru_day_month_year", "10 января 2025 года")]),
    ("Встречи прошли 8 сентября, 10 октября и 12 ноября 2024 года.", [("2024-09-08", "ru_day_month", "8 сентября"), ("2024-10-10", "ru_day_month", "10 октября"), ("2024-11-12", "ru_day_month_year", "12 ноября 2024 года")]),
    # year first
    ("В 2019 году 2 сентября Президент обратился к народу.", [("2019-09-02", "ru_year_day_month", "2019 году 2 сентября")]),
    # month precision
    ("Реформа начнется в сентябре 2025 года.", [("2025-09-01", "ru_month_year", "сентябре 2025 года")]),
    ("План на сентябрь 2025 года утвержден.", [("2025-09-01", "ru_month_year", "сентябрь 2025 года")]),
    ("Ремонт пройдет в октябре 2024 г.", [("2024-10-01", "ru_month_year", "октябре 2024 г.")]),
    ("Тарифы действуют с апреля 2024 года.", [("2024-04-01", "ru_month_year", "апреля 2024 года")]),
    ("Итоги за май 2023 года подведены.", [("2023-05-01", "ru_month_year", "май 2023 года")]),
    # relative years
    ("Совещание 8 сентября текущего года прошло в онлайн-формате.", [("2025-09-08", "ru_day_month_relyear", "8 сентября текущего года")]),
    ("Объект сдан 15 марта прошлого года.", [("2024-03-15", "ru_day_month_relyear", "15 марта прошлого года")]),
    ("Закон заработает 1 января следующего года.", [("2026-01-01", "ru_day_month_relyear", "1 января следующего года")]),
    ("Письмо от 8 сентября т.г. рассмотрено.", [("2025-09-08", "ru_day_month_relyear", "8 сентября т.г.")]),
    ("Доставка с 1 февраля по 30 июня текущего года.", [("2025-02-01", "ru_day_month", "1 февраля"), ("2025-06-30", "ru_day_month_relyear", "30 июня текущего года")]),
    # numbers
    ("Дата: 08.09.2025, место: Астана.", [("2025-09-08", "numeric_dmy", "08.09.2025")]),
    ("Приказ от 1.09.2025 № 45.", [("2025-09-01", "numeric_dmy", "1.09.2025")]),
    ("Опубликовано 2025-09-08T10:00:00 на сайте.", [("2025-09-08", "iso", "2025-09-08")]),
    ("Файл отчета 2025.09.08 загружен.", [("2025-09-08", "numeric_ymd", "2025.09.08")]),
    # not dates
    ("В отделе работают 8 сотрудников.", []),
    ("Инспекторы остановили 13 майнинговых ферм.", []),
    ("Урожайность выросла на 8,5 марта не ждали.", []),
    ("В 2025 году построят 5 школ.", []),
    ("Программа рассчитана на 2025–2027 годы.", []),
    ("Послание-2025 обсудили в районах.", []),
    ("Срок до 31 февраля 2025 года.", []),  # invalid, and never repaired to "февраль 2025"
    ("Он родился 8 сентября 1985 года.", []),
    ("Номер 45 сентября не бывает.", []),
    ("Дата 8.09.25 записана неполно.", []),
    ("Адрес 10.10.2025.1 в сети.", []),
    ("Ошибочный диапазон 9-8 сентября.", []),
    ("Приказ от 8 сент. без года.", []),
    ("Версия 2025-13-01 отклонена.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), KK_CASES)
def test_find_dates_kazakh(text: str, expected: Expected) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), RU_CASES)
def test_find_dates_russian(text: str, expected: Expected) -> None:
    assert found(text) == expected


def test_tables_are_large_enough() -> None:
    assert len(KK_CASES) >= 60
    assert len(RU_CASES) >= 60


# (text, reference, expected date or None)
REFERENCE_CASES: list[tuple[str, dt.date | None, str | None]] = [
    ("10 қаңтардағы жиын", dt.date(2024, 1, 5), "2024-01-10"),
    ("10 қаңтардағы жиын", dt.date(2023, 12, 20), "2024-01-10"),  # a coming event
    ("15 декабря прошла сессия", dt.date(2024, 1, 10), "2023-12-15"),
    ("29 февраля", dt.date(2025, 3, 1), "2024-02-29"),  # the latest leap year before
    ("29 февраля", dt.date(2023, 12, 31), "2024-02-29"),
    ("29 февраля", dt.date(2022, 6, 1), None),  # no leap year within reach
    ("1 ноября", dt.date(2025, 9, 10), "2025-11-01"),  # 52 days ahead
    ("20 ноября", dt.date(2025, 9, 10), "2024-11-20"),  # 71 days ahead is too far
    ("8 қыркүйекте", dt.date(2025, 9, 8), "2025-09-08"),
    ("8 сентября", None, None),  # no reference, no year
    ("биылғы 8 қыркүйекте", None, None),
    ("8 сентября текущего года", dt.date(2019, 9, 3), "2019-09-08"),
    ("31 декабря", dt.date(1991, 6, 1), None),  # 1990 is out of range
    ("8 сентября 2025 года", None, "2025-09-08"),  # a written year needs no reference
]


@pytest.mark.parametrize(("text", "reference", "expected"), REFERENCE_CASES)
def test_year_inferred_from_reference(text: str, reference: dt.date | None, expected: str | None) -> None:
    mentions = find_dates(text, reference)
    assert [m.date.isoformat() for m in mentions] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "year_given"),
    [
        ("8 сентября 2025 года", True),
        ("8 сентября", False),
        ("8 сентября текущего года", False),
        ("30 августа – 2 сентября 2025 года", True),  # the first takes the second's written year
        ("2025 жылғы 8 қыркүйекте", True),
        ("8 қыркүйекте", False),
    ],
)
def test_year_given(text: str, year_given: bool) -> None:
    assert find_dates(text, REF)[0].year_given is year_given


@pytest.mark.parametrize(
    ("text", "precision"),
    [("в сентябре 2025 года", "month"), ("2025 жылғы қыркүйекте", "month"), ("8 сентября 2025 года", "day")],
)
def test_precision(text: str, precision: str) -> None:
    assert find_dates(text)[0].precision == precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Жоба 2025 жылы аяқталады.", [(2025, "2025 жылы")]),
        ("В 2024 году построено 5 школ.", [(2024, "2024 году")]),
        ("Программа на 2025–2027 годы", [(2025, "2025"), (2027, "2027 годы")]),
        ("2025-2027 жылдары жүзеге асырылады", [(2025, "2025"), (2027, "2027 жылдары")]),
        ("Итоги 2023 г. подведены", [(2023, "2023 г.")]),
        ("2025 жылғы 8 қыркүйекте", []),  # part of a full date
        ("8 сентября 2025 года и в 2026 году", [(2026, "2026 году")]),
        ("В 1985 году", []),
        ("Послание-2025", []),
        ("500 жыл бұрын", []),
    ],
)
def test_find_years(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(year, text[start:end]) for year, start, end in find_years(text)] == expected


PARSE_CASES: list[tuple[str, str | None]] = [
    ("2025-09-10", "2025-09-10"),
    ("2025-09-10T08:15:00+05:00", "2025-09-10"),
    ("2025-09-10T23:30:00-08:00", "2025-09-10"),  # the day as written, not shifted to UTC
    ("2025-09-10T08:15:00Z", "2025-09-10"),
    ("2025-09-10T08:15:00.123456", "2025-09-10"),
    ("2025-09-10 08:15", "2025-09-10"),
    ("2025-09-10 08:15:00 +05:00", "2025-09-10"),
    ("  2025-09-10  ", "2025-09-10"),
    ("2025-9-1", "2025-09-01"),
    ("Wed, 10 Sep 2025 08:15:00 +0500", "2025-09-10"),
    ("Wed, 10 Sep 2025 23:15:00 GMT", "2025-09-10"),
    ("10 September 2025", "2025-09-10"),
    ("September 10, 2025", "2025-09-10"),
    ("10.09.2025", "2025-09-10"),
    ("10.09.2025 14:30", "2025-09-10"),
    ("25/09/2025", "2025-09-25"),
    ("10 сентября 2025", "2025-09-10"),
    ("10 сентября 2025 г., 14:30", "2025-09-10"),
    ("2025 жылғы 10 қыркүйек", "2025-09-10"),
    ("10 қыркүйек 2025", "2025-09-10"),
    ("10 қыркүйек 2025 ж. 09:00", "2025-09-10"),
    # not full dates, or not dates at all
    ("", None),
    ("   ", None),
    ("вчера", None),
    ("Сегодня, 14:30", None),
    ("10 сентября", None),  # no year
    ("сентябрь 2025", None),  # no day
    ("Sep 2025", None),
    ("10/09/2025", None),  # 10 September or 9 October: not guessed
    ("2025-13-01", None),
    ("2025-02-30", None),
    ("0001-01-01", None),  # a CMS placeholder
    ("1757492100", None),
    ("2025-09-10garbage", None),
    ("8 сентября текущего года", None),  # needs a reference
    ("31.02.2025", None),
]


@pytest.mark.parametrize(("value", "expected"), PARSE_CASES)
def test_parse_date_field(value: str, expected: str | None) -> None:
    result = parse_date_field(value)
    assert (result.isoformat() if result else None) == expected


def test_rules_have_unique_names() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


# --- properties ----------------------------------------------------------------------------------------

# Pieces of dates and near-dates, joined at random: they reach the rules far more often than random text.
# fmt: off
_FRAGMENTS = [
    "8", "08", "31", "1-", "-ші", "-ы", "10-ы", " ", "  ", "\n", ",", ".", "-", "–", "«", "»",
    "2025", "1985", "2101", "жылғы", "жылы", "жылдың", "ж.", "года", "г.", "году", "текущего года",
    "қыркүйекте", "қыркүйегінде", "қаңтардың", "айының", "Қазанда", "маусымы", "желтоксанда",
    "сентября", "сентябре", "мая", "февраля", "сент.", "биылғы", "өткен жылғы", "по", "и", "және",
    "09", ".09.", "2025-09-08", "T10:00", "сотрудников", "İ", "ı", "ß", "ǅ", "٣", "𝟖",
]
# fmt: on
_NUMBERS = st.integers(min_value=0, max_value=2200).map(str)
_JOINS = st.sampled_from(["", " ", " ", ", ", "-", "   ", "\n"])
_MIXED = st.lists(
    st.tuples(st.one_of(st.sampled_from(_FRAGMENTS), _NUMBERS), _JOINS).map("".join), max_size=25
).map("".join)
# fmt: off
_MONTH_WORDS = [
    "қаңтардың", "қыркүйекте", "қыркүйек айының", "шілдесінде", "сентябре", "сентября", "мая", "Қазанда",
    "маусымы", "желтоксанда", "сент.", "февраля",
]
# fmt: on
# Date-shaped phrases: lead, number, month word, number, year word, with random joins.
_PHRASE = st.tuples(
    st.sampled_from(["", "биылғы ", "өткен жылғы ", "в ", "с ", "2025 жылғы ", "2024 году ", "1985 жылы "]),
    st.one_of(_NUMBERS, st.just("")),
    _JOINS,
    st.sampled_from(_MONTH_WORDS),
    _JOINS,
    st.one_of(_NUMBERS, st.sampled_from(["10-ы", "8-інде", "2025", "1985", "29-ы"])),
    _JOINS,
    st.sampled_from(["", "года", "жылы", "г.", "текущего года", "ж.", "жылғы"]),
).map("".join)
_DATEISH = st.lists(st.one_of(_PHRASE, st.sampled_from(_FRAGMENTS)), max_size=8).map(" ".join)
_ANY_TEXT = st.one_of(_MIXED, _DATEISH, _DATEISH, st.text(max_size=200))
_REFERENCES = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2101, 12, 31)))
_KNOWN_RULES = (
    {rule.name for rule in RULES} | {rule.year_name for rule in RULES} | {rule.rel_name for rule in RULES}
)


def _known_rule(name: str) -> bool:
    return name.removesuffix("_range_end").removesuffix("_range") in _KNOWN_RULES


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT, _REFERENCES)
def test_find_dates_spans_and_values(text: str, reference: dt.date | None) -> None:
    mentions = find_dates(text, reference)
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert MIN_YEAR <= mention.date.year <= MAX_YEAR
        assert _known_rule(mention.rule)


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT, st.dates(min_value=dt.date(1992, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_reference_only_adds_yearless_dates(text: str, reference: dt.date) -> None:
    without = find_dates(text)
    assert all(m.year_given for m in without)
    assert set(without) <= set(find_dates(text, reference))


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT)
def test_scanning_near_digits_finds_what_a_full_scan_finds(text: str) -> None:
    def spans(windowed: bool) -> list[tuple[int, int, str]]:
        return [(start, end, rule.name) for start, end, rule, _ in _raw_matches(text, windowed)]

    assert spans(True) == spans(False)


_RU_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                "октября", "ноября", "декабря")  # fmt: skip
_DATES = st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31))


@given(_DATES)
def test_written_dates_read_back(date: dt.date) -> None:
    ru = f"Событие {date.day} {_RU_GENITIVE[date.month - 1]} {date.year} года."
    kk = f"Оқиға {date.year} жылғы {date.day} {KK_MONTHS[date.month - 1]} күні өтті."
    numeric = f"Дата {date.day:02d}.{date.month:02d}.{date.year}"
    for text in (ru, kk, numeric):
        assert [m.date for m in find_dates(text)] == [date], text


@given(_DATES)
def test_parse_date_field_reads_iso(date: dt.date) -> None:
    assert parse_date_field(date.isoformat()) == date


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(_MIXED, st.text(max_size=80), _DATES.map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S +0500")))
)
def test_parse_date_field_is_idempotent(value: str) -> None:
    date = parse_date_field(value)
    if date is not None:
        assert MIN_YEAR <= date.year <= MAX_YEAR
        assert parse_date_field(date.isoformat()) == date
