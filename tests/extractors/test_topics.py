"""Topics by lexicon evidence: ranked, thresholded, boilerplate words weigh little."""

from __future__ import annotations

import pytest

from zholdau.extractors.topics import extract_topics


def topics(text: str) -> list[str]:
    seen: list[str] = []
    for m in sorted(extract_topics(text), key=lambda m: -m.score):
        if m.value not in seen:
            seen.append(m.value)
    return seen


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "В районе построят две школы и детский сад. Учителя получат новые классы, ученики — спортзал.",
            "education",
        ),
        (
            "Ауылда жаңа мектеп салынады. Мұғалімдер мен оқушыларға арналған заманауи сыныптар ашылады.",
            "education",
        ),
        ("Отремонтируют 120 км дорог и два моста, обновят автовокзал и дорожную развязку.", "infrastructure"),
        ("Облыста 120 шақырым жол жөнделіп, көпір мен автовокзал салынады.", "infrastructure"),
        ("Фермерам выдадут субсидии на посевную, поголовье скота и урожай зерна растут.", "agriculture"),
        ("Шаруаларға егін науқанына субсидия беріледі, мал басы мен астық өнімі артты.", "agriculture"),
        ("В поликлиниках появятся новые врачи, больница получит оборудование для диагностики.", "health"),
        (
            "Сельские школы подключат к интернету, госуслуги переведут в цифровой формат, внедрят искусственный "
            "интеллект.",
            "digital",
        ),
    ],
)
def test_main_topic(text: str, first: str) -> None:
    assert topics(text)[:1] == [first]


@pytest.mark.parametrize(
    "text",
    [
        "Депутаты маслихата обсудили социально-экономическое развитие региона.",  # boilerplate only
        "Облыстық мәслихат сессиясы өтті.",
        "Погода была хорошая.",
    ],
)
def test_boilerplate_alone_makes_no_topic(text: str) -> None:
    assert topics(text) == []


def test_evidence_spans_are_the_lexicon_words() -> None:
    text = "Построят школу, ремонтируют школы и детские сады."
    for m in extract_topics(text):
        assert text[m.start : m.end].lower().startswith(("школ", "детск", "сад", "ремонт", "постро"))
