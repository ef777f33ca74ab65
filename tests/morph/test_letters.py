"""The one kk→ru letter map and the folding tables built from it."""

from __future__ import annotations

from zholdau.morph import letters


def test_kazakh_and_russian_spellings_of_a_name_fold_alike() -> None:
    fold = letters.table(letters.KK_TO_RU, letters.RU_VARIANTS, letters.SIGNS)
    assert "нұрлан бекбосынов".translate(fold) == "нурлан бекбосынов".translate(fold)
    assert "әлихан бөкейхан".translate(fold) == "алихан бокеихан"
    assert "подъезд ёлка".translate(fold) == "подезд елка"


def test_later_maps_win_and_capitals_follow_on_request() -> None:
    keep_y = letters.table(letters.KK_TO_RU, {"ё": "е"})
    assert "Қайрат Йсқақ".translate(keep_y) == "Қайрат Йскак"  # й kept, capitals not mapped
    upper = letters.table(letters.KK_TO_RU, upper=True)
    assert "ҚАЗАҚСТАН Қазақстан".translate(upper) == "КАЗАКСТАН Казакстан"
    assert letters.table({"а": "б"}, {"а": "в"})[ord("а")] == "в"


def test_only_the_nine_kazakh_letters_are_kazakh() -> None:
    assert frozenset("әғқңөұүһі") == letters.KK_LETTERS
    assert not letters.KK_LETTERS & set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
