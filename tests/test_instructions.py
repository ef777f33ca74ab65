"""Instructions of an Address: extraction (ru, kk), implementation plans, linking articles, the store
methods, and the `zholdau addresses load-text / load-plan / instructions / link` commands end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zholdau.cli import app
from zholdau.errors import StoreError
from zholdau.instructions import (
    LINK_THRESHOLD,
    ItemIndex,
    PlanError,
    extract_instructions,
    guess_lang,
    link_article,
    parse_plan,
    split_sentences,
)
from zholdau.store import open_store
from zholdau.store.base import StoredArticle

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "addresses"
runner = CliRunner()

# --------------------------------------------------------------------------- extraction

RU_CASES = [
    (
        "Поручаю Правительству до конца года принять закон о платформенной занятости.",
        "ru_poruchayu",
        "Правительству",
    ),
    (
        "Поручаю Министерству энергетики совместно с акиматами подготовить регионы к отопительному сезону.",
        "ru_poruchayu",
        "Министерству энергетики",
    ),
    ("Поручаю акимам областей взять на контроль строительство школ.", "ru_poruchayu", "акимам областей"),
    (
        "Правительству поручается в трехмесячный срок внести изменения в Налоговый кодекс.",
        "ru_poruchayu",
        "Правительству",
    ),
    (
        "Предлагаю Парламенту рассмотреть законопроект в первоочередном порядке.",
        "ru_predlagayu",
        "Парламенту",
    ),
    ("Предлагаю объявить следующий год Годом рабочих профессий.", "ru_predlagayu", None),
    (
        "Правительству необходимо до 1 июля утвердить новую программу жилищного строительства.",
        "ru_dative_modal",
        "Правительству",
    ),
    ("Акиматам следует навести порядок в сфере благоустройства дворов.", "ru_dative_modal", "Акиматам"),
    (
        "По итогам года Правительству необходимо представить отчет о расходах.",
        "ru_dative_modal",
        "Правительству",
    ),
    (
        "Национальному банку нужно снизить инфляцию до целевого уровня.",
        "ru_dative_modal",
        "Национальному банку",
    ),
    ("Необходимо завершить газификацию северных и восточных регионов.", "ru_neobkhodimo", None),
    ("Нам нужно сократить бюрократию в разы.", "ru_nuzhno", None),
    ("Этот вопрос следует решить в кратчайшие сроки.", "ru_sleduet", None),
    ("Важно обеспечить прозрачность распределения субсидий.", "ru_vazhno", None),
    ("Правительство должно обеспечить рост реальных доходов граждан.", "ru_body_dolzhen", "Правительство"),
    ("Акимы должны лично встречаться с жителями каждый квартал.", "ru_body_dolzhen", "Акимы"),
    # not instructions
    ("Следует отметить, что экономика выросла на 6 процентов.", None, None),
    ("Из этого следует, что реформы работают.", None, None),
    ("Необходимо подчеркнуть, что бюджет исполнен полностью.", None, None),
    ("В прошлом году было построено 200 школ.", None, None),
    ("Необходимые средства уже выделены из республиканского бюджета.", None, None),
    ("Граждане должны чувствовать заботу государства.", None, None),
    ("Важно, что люди поддерживают реформы.", None, None),
    ("Президент поручил Правительству подготовить закон.", None, None),
]

KK_CASES = [
    ("Үкіметке жыл соңына дейін жаңа Салық кодексін қабылдауды тапсырамын.", "kk_tapsyramyn", "Үкіметке"),
    (
        "Облыс әкімдеріне мектеп құрылысын жеке бақылауға алуды тапсырамын.",
        "kk_tapsyramyn",
        "Облыс әкімдеріне",
    ),
    (
        "Энергетика министрлігіне жылу беру маусымына дайындықты күшейтуді тапсырамын.",
        "kk_tapsyramyn",
        "Энергетика министрлігіне",
    ),
    (
        "Ұлттық банкке инфляцияны нысаналы деңгейге дейін төмендетуді жүктеймін.",
        "kk_zhukteimin",
        "Ұлттық банкке",
    ),
    ("Парламентке бұл заң жобасын бірінші кезекте қарауды ұсынамын.", "kk_usynamyn", "Парламентке"),
    ("Келесі жылды Жұмысшы мамандықтар жылы деп жариялауды ұсынамын.", "kk_usynamyn", None),
    (
        "Үкіметке 1 шілдеге дейін тұрғын үй құрылысының жаңа бағдарламасын бекіту қажет.",
        "kk_qazhet",
        "Үкіметке",
    ),
    ("Солтүстік және шығыс өңірлерді газдандыруды аяқтау қажет.", "kk_qazhet", None),
    ("Бюрократияны бірнеше есе азайту керек.", "kk_kerek", None),
    ("Әкімдер тұрғындармен әр тоқсан сайын кездесуге тиіс.", "kk_tiis", "Әкімдер"),
    ("Үкімет азаматтардың нақты табысының өсуін қамтамасыз етуге міндетті.", "kk_mindetti", "Үкімет"),
    ("Субсидияларды бөлу міндетті түрде ашық жүргізілуі керек.", "kk_mindetti", None),
    # not instructions
    ("Өткен жылы 200 мектеп салынды.", None, None),
    ("Бұл жобаны іске асыру үлкен қаражатты қажет етеді.", None, None),
    ("Тиісті қаражат республикалық бюджеттен бөлінді.", None, None),
    ("Міндетті әлеуметтік медициналық сақтандыру жүйесі жетілдірілді.", None, None),
    ("Президент Үкіметке заң жобасын дайындауды тапсырды.", None, None),
]


@pytest.mark.parametrize(("sentence", "rule", "body"), RU_CASES + KK_CASES)
def test_instruction_rule_and_body(sentence: str, rule: str | None, body: str | None) -> None:
    lang = "kk" if (sentence, rule, body) in KK_CASES else "ru"
    items = extract_instructions(sentence, lang)
    if rule is None:
        assert items == []
    else:
        assert [(i["rule"], i["body"]) for i in items] == [(rule, body)]
        assert items[0]["item"] == "1" and items[0]["lang"] == lang


def test_items_are_numbered_in_order_with_spans_and_deadlines() -> None:
    text = (
        "Уважаемые соотечественники!\nЭкономика растет третий год подряд. Поручаю Правительству до "
        "1 декабря 2026 года запустить единый портал субсидий.\n\nНеобходимо завершить газификацию "
        "Акмолинской области. Так быть не должно."
    )
    items = extract_instructions(text, "ru")
    assert [i["item"] for i in items] == ["1", "2"]
    for i in items:
        assert text[i["start"] : i["end"]] == i["text"]
    assert items[0]["deadline"] == "1 декабря 2026 года" and items[0]["deadline_date"] == "2026-12-01"
    assert items[1]["deadline"] is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Поручаю Правительству:\n– подключить все села к интернету;\n– построить 100 школ.\nСпасибо.",
            "ru",
            [
                ("ru_poruchayu", "Правительству", "подключить все села к интернету;"),
                ("ru_poruchayu", "Правительству", "построить 100 школ."),
            ],
        ),
        (
            "Үкіметке мынадай тапсырмалар беремін:\n1) ауылдарға интернет жеткізу;\n2) 100 мектеп салу.",
            "kk",
            [
                ("kk_tapsyramyn", "Үкіметке", "ауылдарға интернет жеткізу;"),
                ("kk_tapsyramyn", "Үкіметке", "100 мектеп салу."),
            ],
        ),
        (
            "Үкіметке мыналарды тапсырамын:\n- ауылдарға интернет жеткізуді;\n- 100 мектеп салуды.",
            "kk",
            [
                ("kk_tapsyramyn", "Үкіметке", "ауылдарға интернет жеткізуді;"),
                ("kk_tapsyramyn", "Үкіметке", "100 мектеп салуды."),
            ],
        ),
        (
            "Поручаю Правительству подготовить закон:\nСледующий абзац без списка.",
            "ru",
            [("ru_poruchayu", "Правительству", "Поручаю Правительству подготовить закон:")],
        ),
    ],
)
def test_a_lead_with_a_colon_gives_one_item_per_bullet(
    text: str, lang: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(i["rule"], i["body"], i["text"]) for i in extract_instructions(text, lang)] == expected


@pytest.mark.parametrize(("lang", "count"), [("ru", 13), ("kk", 14)])
def test_demo_address_texts(lang: str, count: int) -> None:
    text = (DEMO / f"address_2025-09-08_{lang}.txt").read_text(encoding="utf-8")
    assert guess_lang(text) == lang
    assert 38 <= len(split_sentences(text)) <= 55
    items = extract_instructions(text)
    assert len(items) == count
    assert items[0]["body"] == {"ru": "Правительству", "kk": "Үкіметке"}[lang]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("Поручаю Правительству необходимо тапсырамын Үкіметке қажет:\n–.,1)")),
        max_size=300,
    )
)
def test_extraction_never_fails_and_spans_hold(text: str) -> None:
    for lang in ("ru", "kk"):
        items = extract_instructions(text, lang)
        assert [i["item"] for i in items] == [str(n) for n in range(1, len(items) + 1)]
        for i in items:
            assert text[i["start"] : i["end"]] == i["text"]


# --------------------------------------------------------------------------- plans

HEADER_RU = "№ п/п;Мероприятие;Форма завершения;Срок исполнения;Ответственные исполнители\n"
ROWS_RU = (
    "1;Подключение сел к интернету;информация;до 1 декабря 2026 года;МЦРИАП\n"
    "2;Строительство школ;акт ввода;2027 год;МП, акиматы\n"
)


@pytest.mark.parametrize(
    ("data", "numbers", "lang", "first_body", "first_deadline_date"),
    [
        ((HEADER_RU + ROWS_RU).encode("utf-8"), ["1", "2"], "ru", "МЦРИАП", "2026-12-01"),
        (b"\xef\xbb\xbf" + (HEADER_RU + ROWS_RU).encode("utf-8"), ["1", "2"], "ru", "МЦРИАП", "2026-12-01"),
        ((HEADER_RU + ROWS_RU).encode("cp1251"), ["1", "2"], "ru", "МЦРИАП", "2026-12-01"),
        ((HEADER_RU + ROWS_RU).encode("utf-16"), ["1", "2"], "ru", "МЦРИАП", "2026-12-01"),
        (
            (HEADER_RU + ROWS_RU).replace(";", ",").replace("МП, акиматы", '"МП, акиматы"').encode("utf-8"),
            ["1", "2"],
            "ru",
            "МЦРИАП",
            "2026-12-01",
        ),
        ((HEADER_RU + ROWS_RU).replace(";", "\t").encode("utf-8"), ["1", "2"], "ru", "МЦРИАП", "2026-12-01"),
        (
            "План мероприятий по реализации Послания;;;;\n;;;;\n".encode() + (HEADER_RU + ROWS_RU).encode(),
            ["1", "2"],
            "ru",
            "МЦРИАП",
            "2026-12-01",
        ),
        (
            "Р/с №;Іс-шараның атауы;Аяқталу нысаны;Орындау мерзімі;Жауапты орындаушылар\n"
            "1.;Ауылдарды интернетке қосу;ақпарат;2026 жылғы 1 желтоқсан;ЦДИАӨМ\n"
            "2.;Мектептер салу;акт;2027 жыл;ОАМ\n".encode(),
            ["1", "2"],
            "kk",
            "ЦДИАӨМ",
            "2026-12-01",
        ),
        (
            b"No,Measure,Responsible,Deadline\n3.1,Connect villages to broadband,MDDIAI,2026-12-01\n"
            b"3.2,Build schools,MoE,2027\n",
            ["3.1", "3.2"],
            "ru",
            "MDDIAI",
            "2026-12-01",
        ),
        (
            "Мероприятие;Срок\nПодключение сел;2026 год\nСтроительство школ;2027 год\n".encode(),
            ["1", "2"],
            "ru",
            None,
            None,
        ),
        (
            '№;Мероприятие;Ответственные;Срок\n1;"Поправки о связи; проект закона";МЦРИАП;2025\n'
            ";Раздел 2. Школы;;\n2;Строительство школ;МП;2026\n".encode(),
            ["1", "2"],
            "ru",
            "МЦРИАП",
            None,
        ),
    ],
)
def test_plan_formats(
    data: bytes, numbers: list[str], lang: str, first_body: str | None, first_deadline_date: str | None
) -> None:
    items = parse_plan(data, "plan.csv")
    assert [i["item"] for i in items] == numbers
    assert items[0]["body"] == first_body and items[0]["deadline_date"] == first_deadline_date
    assert {i["lang"] for i in items} == {lang}
    assert all(i["text"] for i in items)


def test_plan_keeps_quoted_delimiters_and_sections() -> None:
    data = (
        '№;Мероприятие;Ответственные;Срок\n1;"Поправки о связи; проект закона";МЦРИАП;2025\n'
        ";Раздел 2. Школы;;\n2;Строительство школ;МП;2026\n"
    ).encode()
    items = parse_plan(data)
    assert items[0]["text"] == "Поправки о связи; проект закона" and items[0]["section"] is None
    assert items[1]["section"] == "Раздел 2. Школы" and items[1]["line"] == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        ("просто текст без таблицы\nвторая строка\n".encode(), "no header row"),
        (HEADER_RU.encode(), "no item follows"),
        ((HEADER_RU + "1;Подключение сел;информация;2026;МЦРИАП;лишнее;поле\n").encode(), "line 2: 7 fields"),
        ((HEADER_RU + "x1;Подключение сел;информация;2026;МЦРИАП\n").encode(), "line 2: item number 'x1'"),
        ((HEADER_RU + "1;;информация;2026;МЦРИАП\n").encode(), "line 2: item 1 has no measure"),
        (
            (HEADER_RU + ROWS_RU + "2;Еще одно;информация;2026;МП\n").encode(),
            "line 4: item number 2 is already",
        ),
        ((HEADER_RU + ";Без номера;информация;2026;МП\n").encode(), "line 2: the item has no number"),
        ((HEADER_RU + ROWS_RU + "\n\nabc;;x;;\n").encode(), "line 6:"),
    ],
)
def test_broken_plans_name_the_line(data: bytes, message: str) -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(data, "plan.csv")
    assert str(info.value).startswith("plan.csv:")
    assert message in str(info.value)


def test_demo_plan() -> None:
    items = parse_plan((DEMO / "plan_2025-09-08_ru.csv").read_bytes())
    assert [i["item"] for i in items] == [str(n) for n in range(1, 16)]
    assert items[0]["section"] == "1. Связь для каждого села" and items[0]["deadline_date"] == "2027-12-31"


@settings(max_examples=80, deadline=None)
@given(
    st.binary(max_size=400)
    | st.text(alphabet=st.sampled_from(list(';,"\n№Мероприятие Срок12.x')), max_size=200).map(str.encode)
)
def test_any_bytes_give_items_or_a_plan_error(data: bytes) -> None:
    try:
        items = parse_plan(data)
    except PlanError as exc:
        assert str(exc)
    else:
        assert items and all(i["text"] and i["item"] for i in items)


# --------------------------------------------------------------------------- linking

PLAN_RU = [
    "Подключение сельских населенных пунктов к широкополосному интернету",
    "Внедрение систем искусственного интеллекта в диспетчерских службах скорой помощи",
    "Бесплатные курсы цифровой грамотности для пенсионеров в каждом районе",
    "Оснащение сельских школ современными компьютерными классами",
    "Перевод подачи заявок на субсидии для аграриев в электронный формат",
    "Строительство новых школ в рамках проекта «Комфортная школа»",
    "Модернизация систем теплоснабжения в моногородах",
    "Снижение ставки по ипотечным кредитам для молодых семей",
    "Создание центров кибербезопасности в каждой области",
    "Расширение сети дорог республиканского значения",
]
ITEMS_KK = [
    "Үкіметке 2027 жылдың соңына дейін барлық ауылдық елді мекендерді кең жолақты интернетке қосуды тапсырамын.",
    "Денсаулық сақтау министрлігіне жедел жәрдемнің диспетчерлік қызметтеріне жасанды интеллект жүйелерін енгізуді "
    "тапсырамын.",
    "Зейнеткерлерге арналған тегін цифрлық сауаттылық курстарын ұйымдастыру керек.",
    "Ауыл мектептерін заманауи компьютерлік сыныптармен жарақтандыру қажет.",
    "Моноқалалардағы жылумен жабдықтау жүйелерін жаңғырту керек.",
    "Жас отбасыларға арналған ипотекалық несиелердің мөлшерлемесін төмендету қажет.",
]


def _pool() -> list[dict[str, Any]]:
    ru = [
        {"address": "2025-09-08", "source": "plan-ru", "item": str(n), "text": t, "lang": "ru"}
        for n, t in enumerate(PLAN_RU, 1)
    ]
    # Kazakh items as load-text makes them: with the rule and the body that the linker leaves out
    kk = [
        {**it, "address": "2025-09-08", "source": "text-kk"}
        for it in extract_instructions("\n".join(ITEMS_KK))
    ]
    assert len(kk) == len(ITEMS_KK)
    return ru + kk


LINK_CASES = [
    # (article sentence, lang, item it discusses or None)
    (
        "В этом году к широкополосному интернету подключат еще 48 сельских населенных пунктов района.",
        "ru",
        "plan-ru:1",
    ),
    (
        "В диспетчерской службе скорой помощи города начала работать система на базе искусственного интеллекта.",
        "ru",
        "plan-ru:2",
    ),
    (
        "При районных библиотеках открылись бесплатные курсы цифровой грамотности для пенсионеров.",
        "ru",
        "plan-ru:3",
    ),
    ("До конца года 15 сельских школ оснастят современными компьютерными классами.", "ru", "plan-ru:4"),
    ("Аграрии области теперь подают заявки на субсидии в электронном формате.", "ru", "plan-ru:5"),
    ("В рамках проекта «Комфортная школа» в области построят шесть новых школ.", "ru", "plan-ru:6"),
    ("В Темиртау и Жезказгане продолжается модернизация систем теплоснабжения.", "ru", "plan-ru:7"),
    ("Молодые семьи смогут получить ипотечные кредиты по сниженной ставке.", "ru", "plan-ru:8"),
    ("Биыл ауданның 12 ауылдық елді мекені кең жолақты интернетке қосылды.", "kk", "text-kk:1"),
    (
        "Облыстық жедел жәрдем станциясының диспетчерлік қызметіне жасанды интеллект жүйесі енгізілді.",
        "kk",
        "text-kk:2",
    ),
    ("Кітапханада зейнеткерлерге арналған тегін цифрлық сауаттылық курстары ашылды.", "kk", "text-kk:3"),
    ("Аудандағы 8 ауыл мектебі заманауи компьютерлік сыныптармен жарақтандырылды.", "kk", "text-kk:4"),
    # a sentence on another subject that shares a word or two with an item
    ("В селе Жанаталап открыли новый фельдшерско-акушерский пункт.", "ru", None),
    ("Аким поручил оказать своевременную помощь многодетным семьям.", "ru", None),
    ("Размер пенсий с 1 января вырастет на 8 процентов.", "ru", None),
    ("Сельские жители смогут получать современные медицинские услуги.", "ru", None),
    ("Искусственный интеллект и цифровизация стали главной темой Послания.", "ru", None),
    ("Аким рассказал о внедрении искусственного интеллекта в работу акимата.", "ru", None),
    ("В областном центре открылась новая школа бокса.", "ru", None),
    ("В районе создан центр поддержки предпринимателей.", "ru", None),
    ("Ауылдық елді мекендерде жаңа мәдениет үйлері салынады.", "kk", None),
    ("Облыс әкімі жасанды интеллект пен цифрландыру Жолдаудың басты тақырыбы екенін айтты.", "kk", None),
    ("Әкімдіктің жұмысына жасанды интеллект жүйелері енгізілді.", "kk", None),
    ("Зейнетақы мөлшері 1 қаңтардан бастап 8 пайызға өседі.", "kk", None),
    ("Мектеп оқушылары спорттық жарыстарда жүлделі орындар алды.", "kk", None),
    ("Облыстық денсаулық сақтау басқармасының басшысы жаңа емхананың ашылғанын айтты.", "kk", None),
]


@pytest.mark.parametrize(("sentence", "lang", "item"), LINK_CASES)
def test_link_sentence_to_item(sentence: str, lang: str, item: str | None) -> None:
    article = f"Новости региона.\n{sentence}\nПодробности позже."
    links = link_article(article, lang, _pool())
    got = [f"{link['source']}:{link['item']}" for link in links]
    if item is None:
        assert got == []
    else:
        assert got[:1] == [item]
        ev = links[0]["evidence"]
        assert article[ev["start"] : ev["end"]] == ev["text"] == sentence
        assert LINK_THRESHOLD <= links[0]["score"] <= 1.0


def test_threshold_separates_the_pairs() -> None:
    """The threshold lies between the best score of each negative and the score of each positive."""
    index = ItemIndex.build(_pool())
    positives, negatives = [], []
    for sentence, lang, item in LINK_CASES:
        scores = {
            f"{x['source']}:{x['item']}": x["score"] for x in link_article(sentence, lang, index, threshold=0)
        }
        if item is None:
            negatives.append(max(scores.values(), default=0.0))
        else:
            positives.append(scores[item])
    assert max(negatives) < LINK_THRESHOLD <= min(positives)


def test_only_items_of_the_addresses_discussed_are_linked() -> None:
    other = {
        "address": "2024-09-02",
        "source": "plan-ru",
        "item": "1",
        "lang": "ru",
        "text": "Подключение сельских населенных пунктов к широкополосному интернету",
    }
    pool = [*_pool(), other]
    sentence = "В этом году к широкополосному интернету подключат 48 сельских населенных пунктов."
    assert {x["address"] for x in link_article(sentence, "ru", pool)} == {"2025-09-08", "2024-09-02"}
    assert {x["address"] for x in link_article(sentence, "ru", pool, addresses=["2024-09-02"])} == {
        "2024-09-02"
    }
    assert link_article(sentence, "ru", pool, addresses=[]) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["ru", "kk", None, "mixed"]))
def test_links_of_any_text_are_well_formed(text: str, lang: str | None) -> None:
    for link in link_article(text, lang, _pool()):
        assert LINK_THRESHOLD <= link["score"] <= 1.0
        ev = link["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]


# --------------------------------------------------------------------------- store


def _article(aid: str, text: str, addresses: list[str]) -> StoredArticle:
    return StoredArticle(
        {
            "id": aid,
            "source": f"{aid}.txt",
            "lang": "ru",
            "text": text,
            "addresses": addresses,
            "evidence": {},
        },
        text,
    )


def test_store_replaces_items_per_address_and_source(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    a = [{"item": "1", "text": "Первое"}, {"item": "2", "text": "Второе", "body": "Правительству"}]
    assert store.add_instructions("2025-09-08", a, "text-ru") == 2
    assert store.add_instructions("2025-09-08", [{"item": "1", "text": "Бірінші"}], "text-kk") == 1
    assert store.add_instructions("2024-09-02", [{"item": "7", "text": "Другое"}], "plan-ru") == 1
    assert store.add_instructions("2025-09-08", [{"item": "1", "text": "Новое первое"}], "text-ru") == 1
    got = [(i["address"], i["source"], i["item"], i["text"]) for i in store.instructions("2025-09-08")]
    assert got == [("2025-09-08", "text-kk", "1", "Бірінші"), ("2025-09-08", "text-ru", "1", "Новое первое")]
    assert len(store.instructions()) == 3
    with pytest.raises(StoreError):
        store.add_instructions(
            "2025-09-08", [{"item": "1", "text": "a"}, {"item": "1", "text": "b"}], "plan-ru"
        )
    assert [i["text"] for i in store.instructions("2025-09-08") if i["source"] == "text-ru"] == [
        "Новое первое"
    ]
    store.close()


def test_set_field_updates_the_record(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    store.add_articles([_article("a1", "Текст статьи.", ["2025-09-08"])])
    store.set_field("a1", "instructions", [{"item": "1", "score": 0.5}])
    got = store.get("a1")
    assert got is not None and got.record["instructions"] == [{"item": "1", "score": 0.5}]
    assert got.record["text"] == "Текст статьи."
    with pytest.raises(StoreError):
        store.set_field("missing", "instructions", [])
    store.close()


def test_link_stored_maps_transliterated_evidence_back_to_the_text(tmp_path: Path) -> None:
    from zholdau.instructions import link_stored

    store = open_store(str(tmp_path / "s.db"))
    latin = "Jańalyqtar.\nBiyl audannyń 12 auyldyq eldi mekeni keń jolaqty internetke qosyldy.\n"
    cyrillic = "Жаңалықтар.\nБиыл ауданның 12 ауылдық елді мекені кең жолақты интернетке қосылды.\n"
    rec = {
        "id": "lat1",
        "source": "lat1.txt",
        "lang": "kk",
        "text": latin,
        "text_cyrillic": cyrillic,
        "addresses": ["2025-09-08"],
        "evidence": {},
    }
    store.add_articles([StoredArticle(rec, latin)])
    store.add_instructions("2025-09-08", [{"item": "1", "text": ITEMS_KK[0], "lang": "kk"}], "text-kk")
    assert link_stored(store, address_id="2025-09-08") == {"articles": 1, "changed": 1, "links": 1}
    got = store.get("lat1")
    assert got is not None
    ev = got.record["instructions"][0]["evidence"]
    assert ev["field"] == "text" and ev["text"] == latin.splitlines()[1]
    assert got.record["evidence"]["instructions"][0][0]["rule"] == "instruction_overlap"
    assert link_stored(store, address_id="2025-09-08")["changed"] == 0
    store.add_instructions("2025-09-08", [], "text-kk")
    assert link_stored(store)["changed"] == 1
    got = store.get("lat1")
    assert got is not None and got.record["instructions"] == []
    store.close()


# --------------------------------------------------------------------------- commands, end to end


def zh(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.output


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("instr") / "demo.db")
    code, _ = zh("ingest", str(ROOT / "demo" / "corpus"), "--db", path, "--quiet")
    assert code == 0
    return path


def _linked(db: str) -> dict[str, list[str]]:
    store = open_store(db)
    out = {
        Path(r["source"].split("#")[0]).name
        + ("#" + r["source"].split("#")[1] if "#" in r["source"] else ""): [
            f"{x['source']}:{x['item']}" for x in r.get("instructions") or []
        ]
        for r in store.iter_records()
    }
    store.close()
    return out


def test_cli_load_text_and_plan_link_the_articles_of_that_address(demo_db: str) -> None:
    code, out = zh(
        "addresses",
        "load-text",
        "2025-09-08",
        str(DEMO / "address_2025-09-08_ru.txt"),
        "--json",
        "--db",
        demo_db,
    )
    assert code == 0, out
    assert json.loads(out)["items"] == 13
    assert (
        zh("addresses", "load-text", "2025-09-08", str(DEMO / "address_2025-09-08_kk.txt"), "--db", demo_db)[
            0
        ]
        == 0
    )
    code, out = zh(
        "addresses", "load-plan", "2025-09-08", str(DEMO / "plan_2025-09-08_ru.csv"), "--db", demo_db
    )
    assert code == 0 and "stored 15 items" in out
    linked = _linked(demo_db)
    assert {"plan-ru:12", "plan-ru:1", "text-ru:1"} <= set(linked["semey_2025_09_11.txt"])
    assert "text-kk:1" in linked["semey_2025_09_11_kazinform.txt"]
    assert linked["feed_ru.jsonl#L4"][:2] == ["plan-ru:8", "text-ru:7"]
    store = open_store(demo_db)
    for rec in store.iter_records():
        if rec.get("instructions"):
            assert "2025-09-08" in rec["addresses"]
            for link, ev in zip(rec["instructions"], rec["evidence"]["instructions"], strict=True):
                assert ev[0]["rule"] == "instruction_overlap"
                where = rec[link["evidence"]["field"]]
                assert where[link["evidence"]["start"] : link["evidence"]["end"]] == link["evidence"]["text"]
    store.close()
    code, out = zh("addresses", "instructions", "2025-09-08", "--json", "--db", demo_db)
    assert code == 0 and len(json.loads(out)) == 13 + 14 + 15
    code, out = zh("addresses", "link", "--json", "--db", demo_db)
    assert code == 0 and json.loads(out)["changed"] == 0


def test_cli_links_new_articles_at_ingest(demo_db: str, tmp_path: Path) -> None:
    assert (
        zh("addresses", "load-plan", "2025-09-08", str(DEMO / "plan_2025-09-08_ru.csv"), "--db", demo_db)[0]
        == 0
    )
    new = tmp_path / "new" / "kostanay_2025_10_01.txt"
    new.parent.mkdir()
    new.write_text(
        "В районе обсудили Послание-2025\n1 октября 2025\nВ Костанайской области прошло совещание по "
        "реализации Послания Главы государства. Аким района сообщил, что в этом году бесплатные курсы "
        "цифровой грамотности для пенсионеров прошли 400 человек.\n",
        encoding="utf-8",
    )
    assert zh("ingest", str(new.parent), "--db", demo_db, "--quiet")[0] == 0
    assert "plan-ru:8" in _linked(demo_db)["kostanay_2025_10_01.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("load-text", "2031-01-01", "address_2025-09-08_ru.txt"), "no Address with id '2031-01-01'"),
        (("load-text", "2025-09-08", "missing.txt"), "cannot read"),
        (("load-text", "2025-09-08", "address_2025-09-08_ru.txt", "--lang", "en"), "--lang must be kk or ru"),
        (("load-plan", "2025-09-08", "address_2025-09-08_ru.txt"), "no header row"),
        (("link", "--address", "1999-13-01"), "no Address with id"),
    ],
)
def test_cli_errors_say_what_to_do(demo_db: str, args: tuple[str, ...], message: str) -> None:
    args = tuple(str(DEMO / a) if a.endswith(".txt") else a for a in args)
    code, out = zh("addresses", *args, "--db", demo_db)
    assert code == 2 and message in out


def test_cli_broken_plan_names_the_line(demo_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (HEADER_RU + "1;Подключение сел;информация;2026;МЦРИАП\nдва;Школы;акт;2027;МП\n").encode()
    )
    code, out = zh("addresses", "load-plan", "2025-09-08", str(bad), "--db", demo_db)
    assert code == 2 and "line 3: item number 'два'" in out


def test_link_stored_writes_as_it_goes_and_links_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changed articles are written a few at a time (memory stays flat on a big store), between
    pages of records: every article is linked, none twice, whatever the page size."""
    import zholdau.instructions as instructions

    monkeypatch.setattr(instructions, "_LINK_BATCH", 2)
    store = open_store(str(tmp_path / "s.db"))
    text = "Биыл ауданның 12 ауылдық елді мекені кең жолақты интернетке қосылды.\n"
    store.add_articles(
        [
            StoredArticle(
                {
                    "id": f"a{i}",
                    "source": f"a{i}.txt",
                    "lang": "kk",
                    "text": f"{i}. {text}",
                    "addresses": ["2025-09-08"],
                },
                text,
            )
            for i in range(7)
        ]
    )
    store.add_instructions("2025-09-08", [{"item": "1", "text": ITEMS_KK[0], "lang": "kk"}], "text-kk")
    written: list[str] = []
    set_field = store.set_field

    def spy(aid: str, field: str, value: Any) -> None:
        if field == "instructions":
            written.append(aid)
        set_field(aid, field, value)

    monkeypatch.setattr(store, "set_field", spy)
    assert instructions.link_stored(store, address_id="2025-09-08") == {
        "articles": 7,
        "changed": 7,
        "links": 7,
    }
    assert sorted(written) == [f"a{i}" for i in range(7)]
    for i in range(7):
        got = store.get(f"a{i}")
        assert got is not None and len(got.record["instructions"]) == 1
    assert instructions.link_stored(store)["changed"] == 0
    store.close()
