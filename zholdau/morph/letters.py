"""Kazakh letters and their Russian look-alikes: one map, from which each module builds the folding
table it needs (names, connect features, evaluation, Russian stemming), so the spellings "Нұрлан" and
"Нурлан" meet the same way everywhere."""

from __future__ import annotations

from typing import Final

# the nine letters only Kazakh uses, each with the Russian letter a Russian text writes for it
KK_TO_RU: Final[dict[str, str]] = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
}
KK_LETTERS: Final = frozenset(KK_TO_RU)

# spelling variants inside Russian: ё is often written е, й often и in transliterated names
RU_VARIANTS: Final[dict[str, str]] = {"ё": "е", "й": "и"}
# letters dropped when two spellings of a name are compared
SIGNS: Final[dict[str, None]] = {"ъ": None, "ь": None}


def table(*maps: dict[str, str] | dict[str, None], upper: bool = False) -> dict[int, str | None]:
    """A ``str.translate`` table of the merged maps (later ones win); ``upper`` adds the capitals."""
    merged: dict[str, str | None] = {}
    for m in maps:
        merged.update(m)
    if upper:
        merged.update({k.upper(): (v.upper() if v else v) for k, v in list(merged.items()) if k.upper() != k})
    return str.maketrans(merged)
