"""The loader rejects broken knowledge files with a message naming the file, the entry and the problem."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zholdau.errors import KnowledgeError
from zholdau.knowledge import load_knowledge, normalise_name
from zholdau.knowledge.loader import KNOWLEDGE_DIR

DATA_FILES = (
    "addresses.yaml",
    "programmes.yaml",
    "regions.yaml",
    "places.csv",
    "posts.yaml",
    "topics.yaml",
    "outlets.yaml",
)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge files that a test may break."""
    for name in DATA_FILES:
        shutil.copy(KNOWLEDGE_DIR / name, tmp_path / name)
    return tmp_path


def edit(folder: Path, filename: str, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` (a regex) in a data file."""
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(old, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"pattern {old!r} not found in {filename}"
    path.write_text(changed, encoding="utf-8")


def test_the_unbroken_copy_loads(data_copy: Path) -> None:
    knowledge = load_knowledge(data_copy)
    assert len(knowledge.regions_valid_on(date(2024, 1, 1))) == 20


def test_load_is_cached() -> None:
    assert load_knowledge() is load_knowledge()


BROKEN = [
    # (file, regex to replace, replacement, fragments the error message must contain)
    ("regions.yaml", r"code: KZ-10", "code: KZ-1O", ["regions.yaml", "'abai'", "ISO 3166-2:KZ"]),
    ("regions.yaml", r'name_ru: "область Абай"', 'name_ru: ""', ["regions.yaml", "'abai'", "'name_ru'"]),
    (
        "regions.yaml",
        r"^    valid_to: 2018-06-18",
        "    valid_to: 2018-06-30",
        ["regions.yaml", "KZ-61", "overlaps in time"],
    ),
    (
        "regions.yaml",
        r"\{place: semey, valid_from",
        "{place: semei-city, valid_from",
        ["regions.yaml", "'abai'", "semei-city"],
    ),
    (
        "regions.yaml",
        r"successors: \[turkistan, shymkent\]",
        "successors: [turkistan, chimkent]",
        ["regions.yaml", "chimkent"],
    ),
    (
        "regions.yaml",
        r'stems_kk: \["абай облыс"',
        'stems_kk: ["Абай облыс"',
        ["regions.yaml", "'abai'", "lower case"],
    ),
    (
        "addresses.yaml",
        r'id: "2018-01-10"',
        'id: "2018-13-10"',
        ["addresses.yaml", "2018-13-10", "calendar date"],
    ),
    (
        "addresses.yaml",
        r'id: "2018-10-05"',
        'id: "2018-01-10"',
        ["addresses.yaml", "2018-01-10", "duplicate id"],
    ),
    (
        "addresses.yaml",
        r'id: "2025-09-08"\n    president: tokayev',
        'id: "2025-09-08"\n    president: nazarbayev',
        ["addresses.yaml", "2025-09-08", "'tokayev'"],
    ),
    (
        "addresses.yaml",
        r'id: "2025-09-08"\n    president: tokayev',
        'id: "2025-09-08"\n    president: putin',
        ["addresses.yaml", "2025-09-08", "president"],
    ),
    (
        "addresses.yaml",
        r'id: "2019-09-02"\n    president: tokayev\n    title_ru: "[^"]*"',
        'id: "2019-09-02"\n    president: tokayev\n    title_ru: ""',
        ["addresses.yaml", "2019-09-02", "'title_ru'"],
    ),
    (
        "addresses.yaml",
        r"    programmes: \[nurly-zhol\]\n",
        "",
        ["addresses.yaml", "2014-11-11", "nurly-zhol"],
    ),
    (
        "addresses.yaml",
        r"    programmes: \[strategy-2030\]",
        "    programmes: [strategy-2030, nurly-zher]",
        ["programmes.yaml", "nurly-zher", "1997-10-10"],
    ),
    (
        "addresses.yaml",
        r"    programmes: \[strategy-2030\]",
        "    programmes: [strategy-3000]",
        ["addresses.yaml", "1997-10-10", "strategy-3000"],
    ),
    (
        "addresses.yaml",
        r'id: "1998-09"\n((?:.*\n)*?)    verified: false',
        r'id: "1998-09"\n\1    verified: true',
        ["addresses.yaml", "1998-09", "month"],
    ),
    (
        "programmes.yaml",
        r'address_ids: \["2014-11-11"\]',
        'address_ids: ["2014-11-12"]',
        ["programmes.yaml", "'nurly-zhol'", "2014-11-12"],
    ),
    (
        "programmes.yaml",
        r"kind: article",
        "kind: essay",
        ["programmes.yaml", "'rukhani-zhangyru'", "expected one of"],
    ),
    (
        "places.csv",
        r"^kurchatov,city,Курчатов,Курчатов,Kurchatov,KZ-63",
        "kurchatov,city,Курчатов,Курчатов,Kurchatov,KZ-99",
        ["places.csv", "'kurchatov'", "KZ-99 is not in regions.yaml"],
    ),
    (
        "places.csv",
        r"^(taldykorgan,.*,KZ-33,)2022-06-08",
        r"\g<1>2020-01-01",
        ["places.csv", "'taldykorgan'", "not valid for the whole period"],
    ),
    (
        "places.csv",
        r"^(alatau,.*,KZ-19,)2024-01-09",
        r"\g<1>2024-01-32",
        ["places.csv", "'alatau'", "ISO date"],
    ),
    (
        "places.csv",
        r"^(shchuchinsk,.*,)burabay-district,",
        r"\g<1>nowhere-district,",
        ["places.csv", "'shchuchinsk'", "nowhere-district"],
    ),
    (
        "places.csv",
        r"^(kegen-district,.*,KZ-19,)2018-03-31,",
        r"\g<1>2018-03-31,2017-01-01",
        ["places.csv", "'kegen-district'", "after valid_to"],
    ),
    (
        "places.csv",
        r"^(kokshetau,city,.*)$",
        r"\1\n\1",
        ["places.csv", "'kokshetau'", "overlaps another row"],
    ),
    ("places.csv", r"^(aral,town,.*,)true,", r"\1maybe,", ["places.csv", "'aral'", "true or false"]),
    (
        "places.csv",
        r"^id,kind,name_kk,name_ru,aliases,region,valid_from,valid_to,parent,",
        "id,kind,name_kk,name_ru,aliases,region,valid_from,valid_to,parents,",
        ["places.csv", "missing column", "parent"],
    ),
    ("places.csv", r"^# - .*\n", "", None),  # dropping one of several source lines is harmless
    ("places.csv", r"^(semey,)city,", r"\1metropolis,", ["places.csv", "'semey'", "expected one of"]),
    (
        "posts.yaml",
        r"level: region\n    name_ru: \"аким области\"",
        'level: regional\n    name_ru: "аким области"',
        ["posts.yaml", "'region_akim'", "expected one of"],
    ),
    ("posts.yaml", r"key: city_akim", "key: region_akim", ["posts.yaml", "'region_akim'", "duplicate key"]),
    ("topics.yaml", r"code: energy", "code: digital", ["topics.yaml", "'digital'", "duplicate code"]),
    (
        "topics.yaml",
        r'stems_ru: \["цифров"',
        'stems_ru: ["Цифров"',
        ["topics.yaml", "'digital'", "lower case"],
    ),
    (
        "topics.yaml",
        r'stems_ru: \["цифров", "цифровиз"',
        'stems_ru: ["цифров", "цифров"',
        ["topics.yaml", "'digital'", "more than once"],
    ),
    ("outlets.yaml", r"home_region: KZ-71", "home_region: KZ-00", ["outlets.yaml", "'astanatv'", "KZ-00"]),
    (
        "outlets.yaml",
        r"languages: \[kk, ru, en\]",
        "languages: [kz, ru]",
        ["outlets.yaml", "'kazinform'", "'kz'"],
    ),
    ("outlets.yaml", r"^sources:", "sourcez:", ["outlets.yaml", "sources"]),
    ("outlets.yaml", r"^outlets:", "outlets: [", ["outlets.yaml", "not valid YAML"]),
]


@pytest.mark.parametrize(("filename", "old", "new", "fragments"), BROKEN)
def test_broken_data_is_rejected(
    data_copy: Path, filename: str, old: str, new: str, fragments: list[str] | None
) -> None:
    edit(data_copy, filename, old, new)
    if fragments is None:
        load_knowledge(data_copy)  # a harmless edit must still load
        return
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"


def test_places_csv_needs_a_sources_header(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    ]
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"places\.csv: .*sources"):
        load_knowledge(data_copy)


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "topics.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"topics\.yaml: file not found"):
        load_knowledge(data_copy)


@given(st.text(max_size=40))
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.text(max_size=40))
def test_places_named_accepts_any_text(text: str) -> None:
    found = load_knowledge().places_named(text)
    assert all(normalise_name(text) in {normalise_name(n) for n in p.names()} for p in found)


@given(
    st.sampled_from(["Семей", "Усть-Каменогорск", "Талдықорған", "Капчагай", "Жаңаөзен", "Шымкент"]),
    st.booleans(),
)
def test_places_named_ignores_case(name: str, upper: bool) -> None:
    knowledge = load_knowledge()
    variant = name.upper() if upper else name.lower()
    assert knowledge.places_named(variant) == knowledge.places_named(name) != []
