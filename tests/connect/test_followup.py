"""Assignment follow-up: which later articles report on an assignment, and its status."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zholdau.connect import followup

ASSIGNMENT_RU = {
    "id": "a-ru",
    "lang": "ru",
    "published": "2023-09-12",
    "primary_region": "KZ-27",
    "regions": ["KZ-27"],
    "assignments": [
        {
            "issuer": "Серик Жаксыбаев",
            "addressee": "управление образования",
            "action": "сдать в эксплуатацию школу на 600 мест в Аксае",
            "deadline": "2023-12-31",
            "sentence": "Аким области поручил управлению образования до конца года сдать в эксплуатацию школу на 600 "
            "мест в Аксае.",
        },
        {
            "issuer": "Серик Жаксыбаев",
            "addressee": "акимы районов",
            "action": "провести ремонт сельских клубов",
            "deadline": "2023-11-01",
            "sentence": "Акимам районов поручено до 1 ноября провести ремонт сельских клубов.",
        },
    ],
}
ASSIGNMENT_KK = {
    "id": "a-kk",
    "lang": "kk",
    "published": "2025-09-11",
    "primary_region": "KZ-10",
    "regions": ["KZ-10"],
    "assignments": [
        {
            "issuer": "Данияр Сейтқали",
            "addressee": "цифрландыру басқармасы",
            "action": "75 ауылды кең жолақты интернетке қосу",
            "deadline": "2025-12-01",
            "sentence": "Облыс әкімі цифрландыру басқармасына 1 желтоқсанға дейін 75 ауылды кең жолақты "
            "интернетке қосуды тапсырды.",
        }
    ],
}


def report(
    text: str,
    published: str = "2024-01-10",
    region: str = "KZ-27",
    lang: str = "ru",
    assignments: list[dict[str, Any]] | None = None,
) -> followup.Report | None:
    return followup.report_of(
        {
            "id": "r",
            "lang": lang,
            "published": published,
            "primary_region": region,
            "regions": [region],
            "text": text,
            "assignments": assignments or [],
        }
    )


@pytest.mark.parametrize(
    ("source", "index", "text", "kind"),
    [
        # done, said with the instruction
        (
            ASSIGNMENT_RU,
            0,
            "В Аксае открыли новую школу на 600 мест. Строительство завершено по поручению акима области.",
            "done",
        ),
        # done, the numbers repeated, no cue naming the instruction
        (
            ASSIGNMENT_RU,
            0,
            "В Аксае введена в эксплуатацию школа на 600 мест. На открытии побывали первоклассники.",
            "done",
        ),
        # in progress
        (
            ASSIGNMENT_RU,
            1,
            "Во исполнение поручения акима области в районах ведется ремонт сельских клубов: работы идут "
            "в девяти селах.",
            "in_progress",
        ),
        # Kazakh: "the task was fully done"
        (
            ASSIGNMENT_KK,
            0,
            "Абай облысында 75 ауыл кең жолақты интернетке қосылды. Цифрландыру басқармасына берілген "
            "тапсырма толық орындалды.",
            "done",
        ),
    ],
)
def test_a_report_follows_up(source: dict[str, Any], index: int, text: str, kind: str) -> None:
    lang, region = source["lang"], source["primary_region"]
    rep = report(text, "2026-01-20" if lang == "kk" else "2024-01-10", region, lang)
    assert rep is not None
    link = followup.match(followup.assignment_refs(source)[index], rep)
    assert link is not None and link.kind == kind, link


@pytest.mark.parametrize(
    ("text", "published", "region"),
    [
        # done cues, but nothing of the assignment (another school, another town)
        (
            "В Костанае открыли новую школу на 300 мест. Строительство завершено за счет инвестора.",
            "2024-01-10",
            "KZ-27",
        ),
        # the same words, another region
        ("В Аксае открыли новую школу на 600 мест по поручению акима области.", "2024-01-10", "KZ-39"),
        # before the assignment was given
        ("В Аксае открыли новую школу на 600 мест по поручению акима области.", "2023-09-01", "KZ-27"),
        # a school in the same town, no cue and no number in common
        ("В Аксае завершен ремонт спортзала школы. Работы выполнены подрядчиком.", "2024-01-10", "KZ-27"),
    ],
)
def test_not_a_follow_up(text: str, published: str, region: str) -> None:
    rep = report(text, published, region)
    assert rep is None or followup.match(followup.assignment_refs(ASSIGNMENT_RU)[0], rep) is None


def test_an_article_without_cues_is_no_report() -> None:
    assert report("Депутаты обсудили Послание Главы государства и план работы на осень.") is None


def test_a_recap_links_and_counts() -> None:
    recap = {
        "issuer": "Данияр Сейтқали",
        "addressee": "цифрландыру басқармасы",
        "action": "75 ауылды кең жолақты интернетке қосу",
        "deadline": "2025-12-01",
        "sentence": "Еске салсақ, облыс әкімі 75 ауылды кең жолақты интернетке қосуды тапсырған болатын.",
    }
    rep = report(
        "Еске салсақ, облыс әкімі 75 ауылды кең жолақты интернетке қосуды тапсырған болатын. Жұмыс "
        "жүргізілуде.",
        "2025-11-20",
        "KZ-10",
        "kk",
        [recap],
    )
    assert rep is not None
    link = followup.match(followup.assignment_refs(ASSIGNMENT_KK)[0], rep)
    assert link is not None and "recap" in link.reasons and link.kind == "in_progress"


def test_report_round_trips_through_data() -> None:
    rep = report("В Аксае открыли новую школу на 600 мест по поручению акима области.")
    assert rep is not None
    back = followup.Report.from_data(rep.article_id, rep.region, "2024-01-10", rep.to_data())
    assert back == rep


def _link(kind: str) -> followup.Link:
    return followup.Link("a", 0, "r", kind, 5.0)


@pytest.mark.parametrize(
    ("deadline", "kinds", "today", "expected"),
    [
        (date(2023, 12, 31), ["done"], date(2024, 6, 1), "done"),
        (date(2023, 12, 31), ["in_progress", "done"], date(2023, 10, 1), "done"),
        (date(2023, 12, 31), ["in_progress"], date(2023, 10, 1), "in_progress"),
        (date(2023, 12, 31), ["in_progress"], date(2024, 6, 1), "overdue"),
        (date(2023, 12, 31), [], date(2024, 1, 1), "overdue"),
        (date(2023, 12, 31), [], date(2023, 12, 31), "assigned"),  # due today is not late yet
        (None, [], date(2030, 1, 1), "assigned"),
    ],
)
def test_status(deadline: date | None, kinds: list[str], today: date, expected: str) -> None:
    assert followup.status(deadline, [_link(k) for k in kinds], today) == expected


def test_one_linked_article_per_meeting_same_language_first() -> None:
    links = [
        followup.Link("kk-article", 0, "r", "done", 9.0),
        followup.Link("ru-article", 0, "r", "done", 6.0),
        followup.Link("other-meeting", 1, "r", "done", 5.0),
    ]
    chosen = followup.best_per_event(
        links,
        {"kk-article": "E1", "ru-article": "E1", "other-meeting": "E2"},
        {"kk-article": "kk", "ru-article": "ru", "other-meeting": "ru"},
        "ru",
    )
    assert {lk.article_id for lk in chosen} == {"ru-article", "other-meeting"}


# --- what keeps a later report of the same kind of work from being linked --------------------------------------


def _rec(
    text: str,
    published: str,
    *,
    places: dict[str, str] | None = None,
    addresses: dict[str, str] | None = None,
    assignments: list[dict[str, Any]] | None = None,
    rid: str = "r",
) -> dict[str, Any]:
    """A record with place and Address evidence spans found in ``text`` (id → the word as written)."""

    def spans(found: dict[str, str], rule: str) -> list[list[dict[str, Any]]]:
        out = []
        for word in found.values():
            start = text.index(word)
            out.append([{"rule": rule, "start": start, "end": start + len(word), "field": "text"}])
        return out

    places, addresses = places or {}, addresses or {}
    assignments = assignments or []
    assignment_spans = []
    for a in assignments:
        start = text.index(a["sentence"])
        assignment_spans.append([{"rule": "ru_poruchil", "start": start, "end": start + len(a["sentence"])}])
    return {
        "id": rid,
        "lang": "ru",
        "published": published,
        "primary_region": "KZ-10",
        "regions": ["KZ-10"],
        "text": text,
        "places": [{"name": w, "id": pid} for pid, w in places.items()],
        "addresses": list(addresses),
        "assignments": assignments,
        "evidence": {
            "places": spans(places, "place_name"),
            "addresses": [
                [{"rule": rule, "start": 0, "end": 1, "field": "text"}] for rule in addresses.values()
            ],
            "assignments": assignment_spans,
        },
    }


_SCHOOL = {
    "issuer": "Нурлан Омаров",
    "addressee": "управление строительства",
    "action": "сдать в эксплуатацию школу на 600 мест в Аягозе",
    "deadline": "2025-09-01",
    "sentence": "Аким области поручил управлению строительства до 1 сентября сдать в эксплуатацию школу на 600 мест "
    "в Аягозе.",
}
_CLUBS = {
    "issuer": "Нурлан Омаров",
    "addressee": "акимы районов",
    "action": "отремонтировать клубы в селах",
    "deadline": "2025-09-01",
    "sentence": "Акимам районов поручено отремонтировать клубы в селах.",
}
MEETING = _rec(
    "На заседании по Посланию обсудили задачи. " + _SCHOOL["sentence"] + " " + _CLUBS["sentence"],
    "2024-09-05",
    places={"ayagoz": "Аягозе"},
    addresses={"2024-09-02": "address_title"},
    assignments=[_SCHOOL, _CLUBS],
    rid="meeting",
)


@pytest.mark.parametrize(
    ("why", "text", "published", "places", "addresses", "assignments", "linked"),
    [
        (
            "the same school, done",
            "В Аягозе по поручению акима области сдана в эксплуатацию школа на 600 мест.",
            "2025-08-29",
            {"ayagoz": "Аягозе"},
            {},
            [],
            True,
        ),
        (
            "a school of the same size in another town",
            "В Семее по поручению акима области сдана в эксплуатацию школа на 600 мест.",
            "2025-08-29",
            {"semey": "Семее"},
            {},
            [],
            False,
        ),
        (
            "another count of the same thing: another school",
            "В Аягозе по поручению акима области сдана в эксплуатацию школа на 1 200 мест.",
            "2025-08-29",
            {"ayagoz": "Аягозе"},
            {},
            [],
            False,
        ),
        (
            "a report that names another Address's meeting",
            "В Аягозе выполнено поручение по Посланию-2022: сдана в эксплуатацию школа на 600 мест.",
            "2025-08-29",
            {"ayagoz": "Аягозе"},
            {"2022-09-01": "address_alias"},
            [],
            False,
        ),
        (
            "an Address only guessed from the date says nothing",
            "В Аягозе по Посланию выполнено поручение: сдана в эксплуатацию школа на 600 мест.",
            "2025-10-02",
            {"ayagoz": "Аягозе"},
            {"2025-09-08": "address_bare"},
            [],
            True,
        ),
        (
            "next year's meeting gives a new instruction on schools",
            "Отчитались о ходе исполнения поручений. Аким поручил управлению строительства сдать в эксплуатацию "
            "школу на 600 мест в Аягозе до конца года.",
            "2025-09-05",
            {"ayagoz": "Аягозе"},
            {},
            [
                {
                    "sentence": "Аким поручил управлению строительства сдать в эксплуатацию школу на 600 мест в Аягозе "
                    "до конца года.",
                    "action": "сдать в эксплуатацию школу на 600 мест",
                }
            ],
            False,
        ),
        (
            "the clubs, repaired",
            "По поручению акима в селах области отремонтированы клубы.",
            "2025-08-29",
            {},
            {},
            [],
            True,
        ),
        (
            "only a measure every report names (villages)",
            "По поручению акима в селах области построены спортивные площадки.",
            "2025-08-29",
            {},
            {},
            [],
            False,
        ),
        (
            "a new instruction is no report, even with a done word in it",
            "Аким поручил сдать в эксплуатацию школу на 600 мест в Аягозе, проект которой разработан.",
            "2025-09-05",
            {"ayagoz": "Аягозе"},
            {},
            [
                {
                    "sentence": "Аким поручил сдать в эксплуатацию школу на 600 мест в Аягозе, проект которой разработан.",
                    "action": "сдать в эксплуатацию школу на 600 мест",
                }
            ],
            False,
        ),
    ],
)
def test_follow_up_precision_rules(
    why: str,
    text: str,
    published: str,
    places: dict[str, str],
    addresses: dict[str, str],
    assignments: list[dict[str, Any]],
    linked: bool,
) -> None:
    rep = followup.report_of(
        _rec(text, published, places=places, addresses=addresses, assignments=assignments)
    )
    links = [followup.match(a, rep) for a in followup.assignment_refs(MEETING)] if rep else []
    link = next((lk for lk in links if lk is not None), None)
    assert (link is not None) is linked, (why, link)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("до 20 ноября построить 35 км", {"35"}),
        ("25 қазанға дейін 120 ауылды қосу", {"120"}),
        ("в 2023 году 1 200 мест", {"1200"}),
        ("3 школы на 7,5 млрд", {"7.5"}),
    ],
)
def test_numbers_leave_out_days_years_and_small_counts(text: str, numbers: set[str]) -> None:
    assert followup._numbers(text) == numbers


def test_a_retold_assignment_is_not_a_link_target() -> None:
    retold = {
        **_SCHOOL,
        "sentence": "Напомним, аким поручал сдать в эксплуатацию школу на 600 мест в Аягозе.",
    }
    rec = _rec(retold["sentence"], "2025-01-10", assignments=[retold], rid="recap")
    assert followup.assignment_refs(rec) == []
    assert len(followup.assignment_refs(MEETING)) == 2


def test_generic_measures_must_be_measures(tmp_path: Any) -> None:
    from zholdau.connect.features import LEXICON_FILE, lexicon

    assert {"village", "family"} <= lexicon().generic_measures
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(
        LEXICON_FILE.read_text(encoding="utf-8") + "\ngeneric_measures: [village, villages]\n", "utf-8"
    )
    with pytest.raises(ValueError, match="villages"):
        lexicon(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("в 14 селах проложат водопровод", {"water", "village"}),
        ("Ақтаудағы тұщыландыру қондырғысының қуатын арттыру", {"water"}),
        ("модернизация опреснительной установки", {"water"}),
        ("600 орындық мектеп салынды", {"school", "seat"}),
        ("кең жолақты интернетке қосу", {"internet"}),
        ("построено 38 спортивных площадок", {"sport"}),
    ],
)
def test_measures_name_the_same_thing_in_both_languages(text: str, expected: set[str]) -> None:
    assert followup.measures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Мемлекет басшысының Жолдауын іске асыру",  # the Address, not a road
        "жұмыс жолға қойылды",  # "was set up"
        "әкіммен жолығу өтті",  # "a meeting"
        "кең жолақты интернет",  # broadband
    ],
)
def test_kazakh_words_that_start_like_road_are_not_roads(text: str) -> None:
    assert "road" not in followup.measures(text)


@pytest.mark.parametrize("text", ["85 шақырым ауылдық жолды жөндеу", "жолдарды жөндеу", "жол салынды"])
def test_kazakh_roads_are_roads(text: str) -> None:
    assert "road" in followup.measures(text)


@pytest.mark.parametrize(
    ("text", "not_this"),
    [
        ("местных исполнительных органов", "seat"),
        ("тапсырма орындалды", "seat"),
        ("газета «Маңғыстау» хабарлады", "gas"),
        ("басқарма басшысы хабарлады", "hub"),
        ("малообеспеченные семьи", "livestock"),
    ],
)
def test_words_that_start_like_a_measure_are_not_it(text: str, not_this: str) -> None:
    assert not_this not in followup.measures(text)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("школа на 600 мест", "seat"),
        ("600 орындық мектеп", "seat"),
        ("12 ауылға газ жеткізілді", "gas"),
        ("газификация сел", "gas"),
        ("IT-хаб ашылды", "hub"),
        ("мал басы өсті", "livestock"),
    ],
)
def test_measures_found(text: str, measure: str) -> None:
    assert measure in followup.measures(text)
