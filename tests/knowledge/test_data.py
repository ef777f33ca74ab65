"""Facts the shipped knowledge base must get right: regions, time rules, Addresses, names, lexicons."""

from __future__ import annotations

from datetime import date

import pytest

from zholdau.knowledge import Knowledge, load_knowledge

# A fixed "today" keeps the tests stable as the data grows.
NOW = date(2025, 10, 1)


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


# --------------------------------------------------------------------------- regions

CURRENT_REGIONS = [
    # (ISO code, English name, centre place id or None for a city)
    ("KZ-10", "Abai Region", "semey"),
    ("KZ-11", "Akmola Region", "kokshetau"),
    ("KZ-15", "Aktobe Region", "aktobe"),
    ("KZ-19", "Almaty Region", "konaev"),
    ("KZ-23", "Atyrau Region", "atyrau"),
    ("KZ-27", "West Kazakhstan Region", "oral"),
    ("KZ-31", "Zhambyl Region", "taraz"),
    ("KZ-33", "Zhetysu Region", "taldykorgan"),
    ("KZ-35", "Karaganda Region", "karaganda"),
    ("KZ-39", "Kostanay Region", "kostanay"),
    ("KZ-43", "Kyzylorda Region", "kyzylorda"),
    ("KZ-47", "Mangystau Region", "aktau"),
    ("KZ-55", "Pavlodar Region", "pavlodar"),
    ("KZ-59", "North Kazakhstan Region", "petropavl"),
    ("KZ-61", "Turkistan Region", "turkistan"),
    ("KZ-62", "Ulytau Region", "zhezkazgan"),
    ("KZ-63", "East Kazakhstan Region", "oskemen"),
    ("KZ-71", "Astana", None),
    ("KZ-75", "Almaty", None),
    ("KZ-79", "Shymkent", None),
]


def test_twenty_regions_today_with_the_iso_codes(kb: Knowledge) -> None:
    assert sorted(r.code for r in kb.regions_valid_on(NOW)) == [code for code, _, _ in CURRENT_REGIONS]


@pytest.mark.parametrize(("code", "name_en", "centre"), CURRENT_REGIONS)
def test_current_region_name_and_centre(kb: Knowledge, code: str, name_en: str, centre: str | None) -> None:
    region = kb.region(code, NOW)
    assert region.name_en == name_en
    assert region.centre_on(NOW) == centre
    if centre is not None:
        assert kb.region_of_place(centre, NOW) == region


@pytest.mark.parametrize(
    ("on", "count"),
    [
        (date(2017, 12, 31), 16),  # 14 regions + Astana + Almaty
        (date(2018, 6, 18), 16),  # last day of South Kazakhstan region
        (date(2018, 6, 19), 17),  # Shymkent becomes a city of republican significance
        (date(2022, 6, 7), 17),
        (date(2022, 6, 8), 20),  # Abai, Zhetysu, Ulytau regions
    ],
)
def test_number_of_regions_over_time(kb: Knowledge, on: date, count: int) -> None:
    assert len(kb.regions_valid_on(on)) == count


@pytest.mark.parametrize(
    ("code", "on", "name_ru", "centre"),
    [
        ("KZ-61", date(2017, 5, 1), "Южно-Казахстанская область", "shymkent"),
        ("KZ-61", date(2019, 5, 1), "Туркестанская область", "turkistan"),
        ("KZ-19", date(2020, 5, 1), "Алматинская область", "taldykorgan"),
        ("KZ-19", date(2023, 5, 1), "Алматинская область", "konaev"),
        ("KZ-63", date(2021, 5, 1), "Восточно-Казахстанская область", "oskemen"),
        ("KZ-33", date(2022, 6, 8), "область Жетісу", "taldykorgan"),
    ],
)
def test_region_entry_by_date(kb: Knowledge, code: str, on: date, name_ru: str, centre: str) -> None:
    region = kb.region(code, on)
    assert (region.name_ru, region.centre_on(on)) == (name_ru, centre)


@pytest.mark.parametrize(
    ("code", "on"), [("KZ-10", date(2021, 1, 1)), ("KZ-79", date(2018, 6, 18)), ("KZ-99", NOW)]
)
def test_region_unknown_on_that_date(kb: Knowledge, code: str, on: date) -> None:
    with pytest.raises(KeyError):
        kb.region(code, on)


@pytest.mark.parametrize(
    ("on", "former"),
    [
        (date(2019, 3, 22), None),
        (date(2019, 3, 23), "Нур-Султан"),
        (date(2022, 9, 16), "Нур-Султан"),
        (date(2022, 9, 17), None),
        (date(1998, 1, 1), "Акмола"),
    ],
)
def test_astana_former_names(kb: Knowledge, on: date, former: str | None) -> None:
    names = [n.name_ru for n in kb.region("KZ-71").former_names if n.period.contains(on)]
    assert names == ([former] if former else [])


@pytest.mark.parametrize(
    ("code", "abbreviation"),
    [
        ("KZ-63", "ВКО"),
        ("KZ-63", "ШҚО"),
        ("KZ-59", "СКО"),
        ("KZ-59", "СҚО"),
        ("KZ-27", "ЗКО"),
        ("KZ-27", "БҚО"),
    ],
)
def test_region_abbreviations(kb: Knowledge, code: str, abbreviation: str) -> None:
    assert abbreviation in kb.region(code, NOW).abbreviations


@pytest.mark.parametrize(("abbreviation", "on"), [("ЮКО", date(2017, 1, 1)), ("ОҚО", date(2018, 1, 1))])
def test_south_kazakhstan_abbreviations(kb: Knowledge, abbreviation: str, on: date) -> None:
    assert abbreviation in kb.region("KZ-61", on).abbreviations


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("KZ-19", "акимом алматинской области"),
        ("KZ-15", "актюбинской области"),
        ("KZ-33", "области жетысу"),
        ("KZ-10", "абай облысының"),
        ("KZ-63", "шығыс қазақстан облысында"),
        ("KZ-62", "ұлытау облысы"),
        ("KZ-59", "северо-казахстанской области"),
    ],
)
def test_region_stems_match_inflected_text(kb: Knowledge, code: str, text: str) -> None:
    words = text.split()
    region = kb.region(code, NOW)

    def matches(stem: str) -> bool:
        tokens = stem.split()
        starts = range(len(words) - len(tokens) + 1)
        return any(all(words[i + j].startswith(t) for j, t in enumerate(tokens)) for i in starts)

    assert any(matches(s) for s in (*region.stems_ru, *region.stems_kk))


# --------------------------------------------------------------------------- places


def test_every_current_region_has_a_city_and_districts(kb: Knowledge) -> None:
    for region in kb.regions_valid_on(NOW):
        places = [p for p in kb.places if p.region == region.code and p.period.contains(NOW)]
        kinds = {p.kind for p in places}
        assert "city" in kinds, region.code
        assert sum(p.kind == "district" for p in places) >= 2, region.code


DISTRICT_COUNTS = [
    ("KZ-10", 10),
    ("KZ-11", 17),
    ("KZ-15", 12),
    ("KZ-19", 9),
    ("KZ-23", 7),
    ("KZ-27", 12),
    ("KZ-31", 10),
    ("KZ-33", 8),
    ("KZ-35", 7),
    ("KZ-39", 16),
    ("KZ-43", 7),
    ("KZ-47", 5),
    ("KZ-55", 10),
    ("KZ-59", 13),
    ("KZ-61", 14),
    ("KZ-62", 2),
    ("KZ-63", 11),
    ("KZ-71", 5),
    ("KZ-75", 8),
    ("KZ-79", 5),
]


@pytest.mark.parametrize(("code", "count"), DISTRICT_COUNTS)
def test_number_of_districts_today(kb: Knowledge, code: str, count: int) -> None:
    found = [p for p in kb.places if p.region == code and p.kind == "district" and p.period.contains(NOW)]
    assert len(found) == count


@pytest.mark.parametrize(
    ("place", "on", "code"),
    [
        ("semey", date(2021, 5, 1), "KZ-63"),
        ("semey", date(2023, 5, 1), "KZ-10"),
        ("semey", date(2022, 6, 7), "KZ-63"),
        ("semey", date(2022, 6, 8), "KZ-10"),
        ("taldykorgan", date(2018, 5, 1), "KZ-19"),
        ("taldykorgan", date(2024, 5, 1), "KZ-33"),
        ("shymkent", date(2017, 5, 1), "KZ-61"),
        ("shymkent", date(2019, 5, 1), "KZ-79"),
        ("al-farabi-district", date(2017, 5, 1), "KZ-61"),
        ("zhezkazgan", date(2021, 1, 1), "KZ-35"),
        ("zhezkazgan", date(2023, 1, 1), "KZ-62"),
        ("urzhar-district", date(2019, 9, 2), "KZ-63"),
        ("urzhar-district", date(2025, 9, 8), "KZ-10"),
        ("zharkent", date(2020, 9, 1), "KZ-19"),
        ("zharkent", date(2022, 9, 1), "KZ-33"),
        ("konaev", date(2015, 1, 1), "KZ-19"),
        ("konaev", date(2023, 1, 1), "KZ-19"),
        ("kegen-district", date(2019, 1, 1), "KZ-19"),
        ("turkistan", date(2016, 1, 1), "KZ-61"),
        ("oskemen", date(2010, 1, 1), "KZ-63"),
    ],
)
def test_region_of_place_follows_the_date(kb: Knowledge, place: str, on: date, code: str) -> None:
    region = kb.region_of_place(place, on)
    assert region is not None and region.code == code


@pytest.mark.parametrize(
    ("place", "on"),
    [
        ("alatau", date(2020, 1, 1)),
        ("kegen-district", date(2017, 1, 1)),
        ("zhetisay-district", date(2017, 1, 1)),
    ],
)
def test_place_that_did_not_exist_yet(kb: Knowledge, place: str, on: date) -> None:
    assert kb.region_of_place(place, on) is None


def test_region_of_unknown_place_is_an_error(kb: Knowledge) -> None:
    with pytest.raises(KeyError):
        kb.region_of_place("atlantis", NOW)


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Усть-Каменогорск", "oskemen"),
        ("Өскемен", "oskemen"),
        ("капчагай", "konaev"),
        ("Қонаев", "konaev"),
        ("Талдыкорган", "taldykorgan"),
        ("Жаңаөзен", "zhanaozen"),
        ("Жанаозен", "zhanaozen"),
        ("Нур-Султан", "astana"),
        ("Уральск", "oral"),
        ("Орал", "oral"),
        ("Семипалатинск", "semey"),
        ("Качирский район", "terenkol-district"),
        ("Аққулы ауданы", "akkuly-district"),
        ("Урджарский район", "urzhar-district"),
        ("Сатбаев", "satpayev"),
        ("Петропавловск", "petropavl"),
        ("ЖАРКЕНТ", "zharkent"),
        ("Kokshetau", "kokshetau"),
    ],
)
def test_places_named_any_language_or_alias(kb: Knowledge, name: str, place_id: str) -> None:
    assert place_id in {p.id for p in kb.places_named(name)}


def test_an_ambiguous_district_name_returns_every_candidate(kb: Knowledge) -> None:
    ids = {p.id for p in kb.places_named("Абайский район")}
    assert {"abai-district-east", "abai-district-karaganda", "abai-district-shymkent"} <= ids


def test_place_counts_are_in_the_expected_range(kb: Knowledge) -> None:
    districts = {p.id for p in kb.places if p.kind == "district" and p.parent is None}
    cities = {p.id for p in kb.places if p.kind == "city"}
    assert 170 <= len(districts) <= 200
    assert 40 <= len(cities) <= 60


# --------------------------------------------------------------------------- Addresses

FACTS_ADDRESSES = [
    ("1997-10-10", "nazarbayev", "Казахстан-2030"),
    ("2004-03-19", "nazarbayev", "К конкурентоспособному Казахстану"),
    ("2005-02-18", "nazarbayev", "Казахстан на пути ускоренной"),
    ("2006-03-01", "nazarbayev", "Стратегия вхождения Казахстана"),
    ("2007-02-28", "nazarbayev", "Новый Казахстан в новом мире"),
    ("2008-02-06", "nazarbayev", "Рост благосостояния граждан Казахстана"),
    ("2009-03-06", "nazarbayev", "Через кризис к обновлению"),
    ("2010-01-29", "nazarbayev", "Новое десятилетие"),
    ("2011-01-28", "nazarbayev", "Построим будущее вместе"),
    ("2012-01-27", "nazarbayev", "Социально-экономическая модернизация"),
    ("2012-12-14", "nazarbayev", "Стратегия «Казахстан-2050»"),
    ("2014-01-17", "nazarbayev", "Казахстанский путь – 2050"),
    ("2014-11-11", "nazarbayev", "Нұрлы жол"),
    ("2015-11-30", "nazarbayev", "Казахстан в новой глобальной реальности"),
    ("2017-01-31", "nazarbayev", "Третья модернизация Казахстана"),
    ("2018-01-10", "nazarbayev", "Новые возможности развития"),
    ("2018-10-05", "nazarbayev", "Рост благосостояния казахстанцев"),
    ("2019-09-02", "tokayev", "Конструктивный общественный диалог"),
    ("2020-09-01", "tokayev", "Казахстан в новой реальности"),
    ("2021-09-01", "tokayev", "Единство народа и системные реформы"),
    ("2022-03-16", "tokayev", "Новый Казахстан"),
    ("2022-09-01", "tokayev", "Справедливое государство"),
    ("2023-09-01", "tokayev", "Экономический курс Справедливого Казахстана"),
    ("2024-09-02", "tokayev", "Справедливый Казахстан: закон и порядок"),
    ("2025-09-08", "tokayev", "Казахстан в эпоху искусственного интеллекта"),
]


@pytest.mark.parametrize(("address_id", "president", "title_start"), FACTS_ADDRESSES)
def test_every_address_of_the_reference_list(
    kb: Knowledge, address_id: str, president: str, title_start: str
) -> None:
    address = kb.address(address_id)
    assert address.president == president
    assert address.title_ru.startswith(title_start)
    assert address.date.isoformat() == address_id and address.verified


def test_unknown_address_is_an_error(kb: Knowledge) -> None:
    with pytest.raises(KeyError):
        kb.address("2016-01-01")


@pytest.mark.parametrize(
    ("on", "latest"),
    [
        (date(2018, 6, 1), "2018-01-10"),
        (date(2018, 10, 5), "2018-10-05"),
        (date(2025, 9, 7), "2024-09-02"),
        (date(2025, 9, 10), "2025-09-08"),
        (date(2012, 12, 20), "2012-12-14"),
    ],
)
def test_addresses_before_newest_first(kb: Knowledge, on: date, latest: str) -> None:
    assert kb.addresses_before(on)[0].id == latest


def test_nothing_before_the_first_address(kb: Knowledge) -> None:
    assert kb.addresses_before(date(1997, 10, 9)) == []


@pytest.mark.parametrize(
    ("phrase", "lang", "address_ids"),
    [
        ("Справедливый Казахстан", "ru", {"2022-09-01", "2023-09-01", "2024-09-02"}),
        ("Әділетті Қазақстан", "kk", {"2022-09-01", "2023-09-01", "2024-09-02"}),
        ("четвертой промышленной революции", "ru", {"2018-01-10"}),
        ("төртінші өнеркәсіптік революция", "kk", {"2018-01-10"}),
        ("искусственный интеллект", "ru", {"2025-09-08"}),
        ("жасанды интеллект", "kk", {"2025-09-08"}),
        ("цифровая трансформация", "ru", {"2025-09-08"}),
        ("слышащее государство", "ru", {"2019-09-02"}),
    ],
)
def test_themes_point_to_every_address_that_shares_them(
    kb: Knowledge, phrase: str, lang: str, address_ids: set[str]
) -> None:
    found = {a.id for a in kb.addresses if phrase in (a.themes_ru if lang == "ru" else a.themes_kk)}
    assert found == address_ids


@pytest.mark.parametrize(
    ("alias", "address_id"),
    [
        ("Казахстан-2050", "2012-12-14"),
        ("Нұрлы жол", "2014-11-11"),
        ("Третья модернизация", "2017-01-31"),
        ("Үшінші жаңғыру", "2017-01-31"),
        ("Послание-2025", "2025-09-08"),
        ("Жолдау-2019", "2019-09-02"),
    ],
)
def test_short_names(kb: Knowledge, alias: str, address_id: str) -> None:
    address = kb.address(address_id)
    assert alias in (*address.aliases_ru, *address.aliases_kk)


# --------------------------------------------------------------------------- programmes


@pytest.mark.parametrize(
    ("programme_id", "address_ids", "launched"),
    [
        ("nurly-zhol", ("2014-11-11",), True),
        ("auyl-el-besigi", ("2018-10-05",), True),
        ("economy-of-simple-things", ("2018-10-05",), True),
        ("natsfond-detyam", ("2022-09-01",), True),
        ("strategy-2050", ("2012-12-14",), True),
        ("rukhani-zhangyru", (), False),
        ("plan-of-the-nation", (), False),
        ("taza-kazakhstan", (), False),
    ],
)
def test_programme_links(
    kb: Knowledge, programme_id: str, address_ids: tuple[str, ...], launched: bool
) -> None:
    programme = kb.programme(programme_id)
    assert (programme.address_ids, programme.launched_by_address) == (address_ids, launched)


def test_enough_programmes(kb: Knowledge) -> None:
    assert len(kb.programmes) >= 25
    assert kb.programme("rukhani-zhangyru").kind == "article"


# --------------------------------------------------------------------------- posts, topics, outlets


@pytest.mark.parametrize(
    ("key", "level", "name_ru", "name_kk"),
    [
        ("region_akim", "region", "аким области", "облыс әкімі"),
        ("region_deputy_akim", "region", "заместитель акима области", "облыс әкімінің орынбасары"),
        ("city_akim", "city", "аким города", "қала әкімі"),
        ("district_akim", "district", "аким района", "аудан әкімі"),
        ("rural_akim", "rural", "аким сельского округа", "ауылдық округ әкімі"),
        ("maslikhat_secretary", "other", "секретарь маслихата", "мәслихат хатшысы"),
        ("mazhilis_deputy", "national", "депутат Мажилиса Парламента", "Парламент Мәжілісінің депутаты"),
        ("region_department_head", "region", "руководитель управления", "басқарма басшысы"),
    ],
)
def test_posts(kb: Knowledge, key: str, level: str, name_ru: str, name_kk: str) -> None:
    post = kb.post(key)
    assert (post.level, post.name_ru, post.name_kk) == (level, name_ru, name_kk)


def test_enough_posts_and_inflected_forms(kb: Knowledge) -> None:
    assert len(kb.posts) >= 40
    akim = kb.post("region_akim")
    assert {"акимом области", "облыс әкімінің"} <= {*akim.forms_ru, *akim.forms_kk}
    assert "акимат" in akim.exclude_ru


TOPIC_CODES = [
    "digital", "economy", "business", "agriculture", "infrastructure", "housing", "education", "health",
    "social", "ecology", "tourism", "culture_sport", "governance", "safety", "energy",
]  # fmt: skip


@pytest.mark.parametrize("code", TOPIC_CODES)
def test_topic_lexicons(kb: Knowledge, code: str) -> None:
    topic = kb.topic(code)
    assert len(topic.stems_ru) >= 30 and len(topic.stems_kk) >= 30


def test_topic_codes(kb: Knowledge) -> None:
    assert [t.code for t in kb.topics] == TOPIC_CODES


@pytest.mark.parametrize(
    ("host", "outlet_id"),
    [
        ("www.inform.kz", "kazinform"),
        ("lenta.inform.kz", "kazinform"),
        ("kaz.tengrinews.kz", "tengrinews"),
        ("altyn-orda.kz", "altyn-orda"),
        ("zhaikpress.kz", "zhaikpress"),
        ("www.gov.kz", "gov-kz"),
        ("example.com", None),
    ],
)
def test_outlet_for_host(kb: Knowledge, host: str, outlet_id: str | None) -> None:
    outlet = kb.outlet_for_host(host)
    assert (outlet.id if outlet else None) == outlet_id


def test_outlets(kb: Knowledge) -> None:
    assert len(kb.outlets) >= 30
    hosts = [h for o in kb.outlets for h in o.hosts]
    assert len(hosts) == len(set(hosts))
    assert {"KAZINFORM", "КАЗИНФОРМ", "ҚАЗАҚПАРАТ"} <= set(kb.outlet_for_host("inform.kz").datelines)  # type: ignore[union-attr]


def test_every_file_names_its_sources(kb: Knowledge) -> None:
    assert set(kb.sources) == {
        "addresses.yaml", "programmes.yaml", "regions.yaml", "places.csv", "posts.yaml", "topics.yaml", "outlets.yaml",
    }  # fmt: skip
    assert all(kb.sources.values())
