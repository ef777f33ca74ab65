"""Records as the pipeline builds them, written by us, for the store-backed connect tests."""

from __future__ import annotations

from typing import Any

from zholdau.model import Article, Evidence, Fact
from zholdau.store import StoredArticle

BODY_RU = (
    "Заседание акимата Северо-Казахстанской области, посвященное Посланию Главы государства, провел аким области "
    "Кайрат Ермеков. Заместитель акима области Светлана Орлова сообщила, что на ремонт дорог направлено 6,2 млрд "
    "тенге, отремонтировано 95 км. Руководитель управления строительства Арман Бекетов доложил о строительстве школ. "
    "«Каждая школа должна открыться в срок», – подчеркнул аким области. По итогам заседания Кайрат Ермеков поручил "
    "управлению строительства до 1 декабря сдать в эксплуатацию школу на 450 мест в Петропавловске."
)
BODY_KK = (
    "Облыс әкімі Қайрат Ермековтің төрағалығымен әкімдік отырысы өтті. Облыс әкімінің орынбасары Светлана Орлова "
    "жол жөндеуге 6,2 млрд теңге бағытталғанын, 95 шақырым жол жөнделгенін айтты. Құрылыс басқармасының басшысы "
    "Арман Бекетов мектеп құрылысы туралы баяндады. Отырыс қорытындысында облыс әкімі құрылыс басқармасына 1 "
    "желтоқсанға дейін Петропавл қаласында 450 орындық мектепті пайдалануға беруді тапсырды."
)
BODY_MASLIKHAT = (
    "Сессия областного маслихата, посвященная Посланию Главы государства, прошла в Петропавловске под председательством "
    "секретаря маслихата Олега Сидоренко. Депутат Айгерим Нурланова предложила выделить 300 млн тенге на освещение "
    "улиц. Начальник департамента полиции Бахыт Омаров сообщил об установке 800 камер."
)
REPORT_RU = (
    "В Петропавловске ввели в эксплуатацию новую школу на 450 мест. Строительство завершено по поручению акима "
    "области Кайрата Ермекова, данному на заседании акимата в сентябре. Стоимость составила 4,1 млрд тенге."
)

ERMEKOV_RU = {"name": "Кайрат Ермеков", "post": "аким области", "level": "region"}
ERMEKOV_KK = {"name": "Қайрат Ермеков", "post": "облыс әкімі", "level": "region"}
ORLOVA = {"name": "Светлана Орлова", "post": "заместитель акима области", "level": "region"}
SCHOOL_RU = {
    "issuer": "Кайрат Ермеков",
    "addressee": "управление строительства",
    "action": "сдать в эксплуатацию школу на 450 мест в Петропавловске",
    "deadline": "2024-12-01",
    "sentence": "По итогам заседания Кайрат Ермеков поручил управлению строительства до 1 декабря сдать в "
    "эксплуатацию школу на 450 мест в Петропавловске.",
}
SCHOOL_KK = {
    "issuer": "Қайрат Ермеков",
    "addressee": "құрылыс басқармасы",
    "action": "Петропавл қаласында 450 орындық мектепті пайдалануға беру",
    "deadline": "2024-12-01",
    "sentence": "Отырыс қорытындысында облыс әкімі құрылыс басқармасына 1 желтоқсанға дейін Петропавл "
    "қаласында 450 орындық мектепті пайдалануға беруді тапсырды.",
}


def stored(
    source: str,
    text: str,
    *,
    lang: str = "ru",
    published: str | None = "2024-09-10",
    title: str | None = None,
    region: str | None = "KZ-59",
    addresses: tuple[str, ...] = ("2024-09-02",),
    officials: tuple[dict[str, Any], ...] = (),
    chair: str | None = None,
    assignments: tuple[dict[str, Any], ...] = (),
    figures: tuple[dict[str, Any], ...] = (),
    places: tuple[str, ...] = (),
    time: str | None = None,
) -> StoredArticle:
    """A stored article with its facts given (what the pipeline would have extracted)."""
    art = Article(source=source, raw_text=text, text=text, lang=lang, script="cyrl")
    if published:
        stamp = f"{published}T{time}:00+05:00" if time else published
        art.meta["published"] = Fact(published, [Evidence("container_published", -1, -1, stamp, "meta")])
    if title:
        art.meta["title"] = Fact(title)
    art.facts["addresses"] = [Fact(a) for a in addresses]
    if region:
        art.facts["primary_region"] = [Fact(region)]
        art.facts["regions"] = [Fact(region)]
    art.facts["places"] = [Fact({"name": p, "region": region, "id": p}) for p in places]
    art.facts["officials"] = [Fact(o) for o in officials]
    art.facts["chair"] = [Fact(chair)] if chair else []
    art.facts["assignments"] = [Fact(a) for a in assignments]
    art.facts["figures"] = [
        Fact(f, [Evidence("fig", text.find(f["text"]), text.find(f["text"]) + len(f["text"]), f["text"])])
        for f in figures
    ]
    return StoredArticle(art.to_record(), text)


def akimat_ru(
    source: str = "ru.txt",
    published: str = "2024-09-10",
    title: str = "Аким области провел заседание",
    body: str = BODY_RU,
    time: str | None = None,
) -> StoredArticle:
    return stored(
        source,
        title + "\n" + body,
        published=published,
        title=title,
        officials=(ERMEKOV_RU, ORLOVA),
        chair="Кайрат Ермеков",
        assignments=(SCHOOL_RU,),
        places=("petropavl",),
        time=time,
        figures=(
            {"text": "6,2 млрд тенге", "value": 6.2e9, "unit": "KZT"},
            {"text": "95 км", "value": 95, "unit": "km"},
            {"text": "450 мест", "value": 450, "unit": "count", "measure": "место"},
        ),
    )


def akimat_kk(source: str = "kk.txt", published: str = "2024-09-11") -> StoredArticle:
    return stored(
        source,
        BODY_KK,
        lang="kk",
        published=published,
        title="Әкімдік отырысы өтті",
        officials=(ERMEKOV_KK, {**ORLOVA, "post": "облыс әкімінің орынбасары"}),
        chair="Қайрат Ермеков",
        assignments=(SCHOOL_KK,),
        places=("petropavl",),
        figures=(
            {"text": "6,2 млрд теңге", "value": 6.2e9, "unit": "KZT"},
            {"text": "95 шақырым", "value": 95, "unit": "km"},
            {"text": "450 орындық", "value": 450, "unit": "count", "measure": "орын"},
        ),
    )


def maslikhat(source: str = "maslikhat.txt") -> StoredArticle:
    return stored(
        source,
        BODY_MASLIKHAT,
        published="2024-09-10",
        title="Сессия маслихата",
        officials=(
            {"name": "Олег Сидоренко", "post": "секретарь маслихата", "level": "region"},
            {"name": "Бахыт Омаров", "post": "начальник департамента полиции", "level": "region"},
        ),
        chair="Олег Сидоренко",
        places=("petropavl",),
        figures=(
            {"text": "300 млн тенге", "value": 3e8, "unit": "KZT"},
            {"text": "800 камер", "value": 800, "unit": "count", "measure": "камера"},
        ),
    )


def school_report(source: str = "report.txt", published: str = "2024-11-25") -> StoredArticle:
    return stored(
        source,
        REPORT_RU,
        published=published,
        title="Школа на 450 мест открыта",
        officials=(ERMEKOV_RU,),
        places=("petropavl",),
        figures=(
            {"text": "450 мест", "value": 450, "unit": "count", "measure": "место"},
            {"text": "4,1 млрд тенге", "value": 4.1e9, "unit": "KZT"},
        ),
    )
