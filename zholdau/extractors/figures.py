"""Figures: numbers with what they measure ("658 млн теңге", "на 7,5 процента", "13 поручений",
"600 орындық мектеп", "двух школ").

A figure is a number (digits or words, see :mod:`zholdau.extractors.numbers`) followed by, in order:
multipliers ("1,2 млрд", "1 млрд 200 млн"), then a unit word ("теңге", "%", "га", "МВт") or else the
counted noun ("поручений" → measure "поручение"). A number with none of these is not a figure, which
keeps out years, times, phone numbers and ids; dates, ages, durations and ranks are kept out by the
nouns they count ("8 сентября", "45 лет", "3 место"), and references by the word before them
("№ 12", "пункт 5").

Rules (``Match.rule``):

* ``money_ru`` / ``money_kk``: a currency ("1,2 млрд тенге", "$5 млн", "100 мың теңге").
* ``percent``: per cent and percentage points ("7%", "4,5 пайыз", "на 2 п.п.").
* ``quantity_ru`` / ``quantity_kk``: a physical unit ("300 км", "2 мың гектар", "2 МВт").
* ``count_noun_ru`` / ``count_noun_kk``: a counted noun ("13 поручений", "1 200 рабочих мест",
  "120 ауыл", "50-ден астам мектеп").
* ``count_adjectival_ru`` / ``count_adjectival_kk``: a capacity ("600-местная школа", "600 орындық
  мектеп", "4 балалы отбасы").
* ``written_number_ru`` / ``written_number_kk``: any of the above with the number in words ("двух
  школ", "бес мектеп", "миллиард теңге").

Units, multipliers and the noun lexicon live in ``zholdau/knowledge/units.yaml``; the suffix rules
for Kazakh nouns and the Russian morphology (pymorphy3) are here.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any, Final

import yaml

from zholdau.errors import KnowledgeError
from zholdau.extractors.base import Match
from zholdau.extractors.numbers import (
    DIGITS,
    numeral_candidates,
    parse_decimal,
    word_value,
    words_to_number,
)
from zholdau.morph import russian

__all__ = ["UNITS_FILE", "UnitTables", "build_units", "extract_figures", "kk_nominative", "load_units"]

UNITS_FILE: Final = "units.yaml"
UNIT_KINDS: Final = frozenset(
    {"money", "ratio", "count", "length", "area", "volume", "mass", "power", "energy"}
)
# Codes the code itself emits, so the data file must define them.
REQUIRED_UNITS: Final = frozenset({"count", "percent"})
LANGS: Final = ("ru", "kk")

_LETTERS = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTERS}+(?:[-‐]{_LETTERS}+)*")
_SPACE = re.compile(r"[^\S\n]{0,3}")  # between a number and its unit: spaces, never a line break
_KK_ONLY = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]")
_HYPHEN_ENDING = rf"(?:[-‐]{_LETTERS}{{1,6}}(?!{_LETTERS}))?"  # км-ге, %-ға, 7%-ный


# --------------------------------------------------------------------------- the unit tables


@dataclass(frozen=True)
class UnitTables:
    """``units.yaml`` compiled: regexes for multipliers and units, and the noun lexicon."""

    codes: Mapping[str, str]  # unit code -> kind
    multiplier_re: re.Pattern[str]
    multiplier_of: Mapping[str, int]  # regex group -> value
    unit_re: re.Pattern[str]
    unit_of: Mapping[str, str]  # regex group -> unit code
    prefix_re: re.Pattern[str] | None  # a currency symbol right before the number, at the end of a slice
    prefix_of: Mapping[str, str]
    before_re: re.Pattern[str]  # "№", "пункт" ... right before the number, at the end of a slice
    not_measures: Mapping[str, frozenset[str]]
    rank_nouns_ru: frozenset[str]
    written_min_count: int
    quantifier_re: Mapping[str, re.Pattern[str]]
    capacity_kk: frozenset[str]
    capacity_ru: Mapping[str, str]
    compound_re: Mapping[str, re.Pattern[str]]
    compound_of: Mapping[str, str]  # regex group -> measure
    adjectives_kk: frozenset[str]
    kk_protected: frozenset[str]


class _Entry:
    """One raw entry of the file, so every error names the file, the entry and the problem."""

    def __init__(self, filename: str, ident: str, data: Any) -> None:
        self.filename, self.ident, self.data = filename, ident, data

    def fail(self, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{self.filename}: entry {self.ident!r}: {problem}")

    def strings(self, name: str, lower: bool = False) -> list[str]:
        """The list of strings under ``name`` (empty if absent), checked."""
        value = self.data.get(name) if isinstance(self.data, dict) else None
        return _checked_strings(self, name, value, lower)


def _checked_strings(entry: _Entry, name: str, value: Any, lower: bool) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry.fail(f"'{name}' must be a list of non-empty strings")
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        raise entry.fail(f"'{name}' lists {', '.join(repeated)} more than once")
    if lower:
        for v in value:
            if v != v.lower():
                raise entry.fail(f"{v!r} in '{name}' must be lower case (it is matched on folded text)")
    return list(value)


def _lexicon(filename: str, ident: str, value: Any) -> frozenset[str]:
    """A lower-case word list of the file (``not_measures: kk:``, ``adjectives_kk:`` ...)."""
    return frozenset(_checked_strings(_Entry(filename, ident, value), ident, value, lower=True))


def _form_pattern(form: str) -> str:
    """A whole-word form: spaces inside also match no space, a final letter must end the word."""
    pattern = r"\s?".join(re.escape(part) for part in form.split(" "))
    if form[-1].isalpha():
        pattern += rf"(?!{_LETTERS})"
        if len(form) == 1:
            pattern += rf"(?!\.\s?{_LETTERS}\.)"  # т.е., т.д., м.б. are not units
    elif form[-1].isdigit():
        pattern += r"(?![0-9])"
    return pattern


def _stem_pattern(stem: str) -> str:
    """A phrase stem: each token starts one word, the words consecutive."""
    parts: list[str] = []
    for token in stem.split():
        if parts:
            parts.append(r"\s*" if parts[-1].endswith(r"\.") else r"\s+")  # "кв. метр" = "кв.метр"
        parts.append(re.escape(token) + ("" if token.endswith(".") else rf"{_LETTERS}*(?:[-‐]{_LETTERS}+)?"))
    return "".join(parts)


def _alternation(
    items: Iterable[tuple[str, str, str]], suffix: str = ""
) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over (literal, pattern, payload) items, longest literal first; group name -> payload."""
    groups: dict[str, str] = {}
    parts = []
    for index, (_, pattern, payload) in enumerate(sorted(items, key=lambda item: -len(item[0]))):
        name = f"g{index}"
        groups[name] = payload
        parts.append(f"(?P<{name}>{pattern})")
    return re.compile("(?:" + "|".join(parts or ["(?!)"]) + ")" + suffix, re.IGNORECASE), groups


def _mapping(data: dict[str, Any], name: str, filename: str) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise KnowledgeError(f"{filename}: '{name}:' must be a mapping")
    return value


def _list(data: dict[str, Any], name: str, filename: str) -> list[Any]:
    value = data.get(name)
    if not isinstance(value, list) or not value:
        raise KnowledgeError(f"{filename}: '{name}:' must be a non-empty list")
    return value


def build_units(data: Any, filename: str = UNITS_FILE) -> UnitTables:
    """Validate the parsed content of ``units.yaml`` and compile it; :class:`KnowledgeError` if invalid."""
    if not isinstance(data, dict):
        raise KnowledgeError(f"{filename}: the file must be a mapping with 'sources:', 'units:', ...")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise KnowledgeError(f"{filename}: 'sources:' must be a non-empty list of strings")

    codes: dict[str, str] = {}
    for code, spec in _mapping(data, "units", filename).items():
        entry = _Entry(filename, str(code), spec)
        if not isinstance(spec, dict) or spec.get("kind") not in UNIT_KINDS:
            raise entry.fail(f"needs 'kind:', one of {', '.join(sorted(UNIT_KINDS))}")
        codes[str(code)] = spec["kind"]
    missing = REQUIRED_UNITS - set(codes)
    if missing:
        raise KnowledgeError(f"{filename}: 'units:' must define {', '.join(sorted(missing))}")

    seen: dict[str, str] = {}

    def claim(entry: _Entry, word: str) -> None:
        key = word.lower()
        if key in seen:
            raise entry.fail(f"{word!r} is already listed under {seen[key]!r}")
        seen[key] = entry.ident

    mult_items: list[tuple[str, str, str]] = []
    for index, raw in enumerate(_list(data, "multipliers", filename)):
        entry = _Entry(filename, f"multipliers #{index + 1}", raw)
        if not isinstance(raw, dict):
            raise entry.fail("must be a mapping with 'value', 'forms', 'stems'")
        value = raw.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 10:
            raise entry.fail("'value' must be a whole number of 10 or more")
        forms, stems = entry.strings("forms"), entry.strings("stems", lower=True)
        if not forms and not stems:
            raise entry.fail("needs at least one of 'forms' or 'stems'")
        for word in (*forms, *stems):
            claim(entry, word)
        mult_items += [(f, _form_pattern(f), str(value)) for f in forms]
        mult_items += [(s, _stem_pattern(s), str(value)) for s in stems]

    unit_items: list[tuple[str, str, str]] = []
    prefix_items: list[tuple[str, str, str]] = []
    for index, raw in enumerate(_list(data, "unit_words", filename)):
        ident = raw.get("unit", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
        entry = _Entry(filename, f"unit_words {ident}", raw)
        if not isinstance(raw, dict):
            raise entry.fail("must be a mapping with 'unit', 'forms', 'stems'")
        if raw.get("unit") not in codes:
            raise entry.fail(f"unit {raw.get('unit')!r} is not defined under 'units:'")
        forms, stems = entry.strings("forms"), entry.strings("stems", lower=True)
        if not forms and not stems:
            raise entry.fail("needs at least one of 'forms' or 'stems'")
        for word in (*forms, *stems):
            claim(entry, word)
        unit_items += [(f, _form_pattern(f), raw["unit"]) for f in forms]
        unit_items += [(s, _stem_pattern(s), raw["unit"]) for s in stems]
        prefix_items += [(p, re.escape(p), raw["unit"]) for p in entry.strings("prefix")]

    before = _mapping(data, "before_number", filename)
    b_entry = _Entry(filename, "before_number", before)
    b_forms, b_stems = b_entry.strings("forms"), b_entry.strings("stems", lower=True)
    words = [re.escape(f) for f in b_forms if f[0].isalpha()] + [
        re.escape(s) + rf"{_LETTERS}*\.?" for s in b_stems
    ]
    alternatives = [rf"(?<!{_LETTERS})(?:{'|'.join(words)})"] if words else []
    alternatives += [re.escape(f) for f in b_forms if not f[0].isalpha()]  # "№" may touch the word before
    before_re = re.compile("(?:" + "|".join(alternatives or ["(?!)"]) + r")[^\S\n]*\Z", re.IGNORECASE)

    not_measures_raw = _mapping(data, "not_measures", filename)
    not_measures = {
        lang: _lexicon(filename, f"not_measures {lang}", not_measures_raw.get(lang)) for lang in LANGS
    }
    min_count = data.get("written_min_count", 2)
    if not isinstance(min_count, int) or min_count < 1:
        raise KnowledgeError(f"{filename}: 'written_min_count:' must be a whole number of 1 or more")

    quantifiers = _mapping(data, "quantifiers", filename)
    quantifier_re = {}
    for lang in LANGS:
        found = sorted(
            _lexicon(filename, f"quantifiers {lang}", quantifiers.get(lang)), key=len, reverse=True
        )
        quantifier_re[lang] = re.compile(
            "(?:" + "|".join([_form_pattern(w) for w in found] or ["(?!)"]) + ")", re.IGNORECASE
        )

    capacity = _mapping(data, "capacity", filename)
    capacity_kk = _lexicon(filename, "capacity kk", capacity.get("kk"))
    capacity_ru_raw = capacity.get("ru") or {}
    if not isinstance(capacity_ru_raw, dict) or not all(
        isinstance(k, str) and k == k.lower() and isinstance(v, str) and v for k, v in capacity_ru_raw.items()
    ):
        raise KnowledgeError(f"{filename}: entry 'capacity ru': must map lower-case stems to measures")

    compound_items: dict[str, list[tuple[str, str, str]]] = {lang: [] for lang in LANGS}
    for index, raw in enumerate(_list(data, "compounds", filename)):
        entry = _Entry(filename, f"compounds #{index + 1}", raw)
        if not isinstance(raw, dict) or raw.get("lang") not in LANGS:
            raise entry.fail("needs 'lang: ru' or 'lang: kk', 'stems' and 'measure'")
        phrase, measure = raw.get("stems"), raw.get("measure")
        if not isinstance(phrase, str) or phrase != phrase.lower() or not phrase.strip():
            raise entry.fail("'stems' must be a non-empty lower-case phrase")
        if not isinstance(measure, str) or not measure.strip():
            raise entry.fail("'measure' must be a non-empty string")
        compound_items[raw["lang"]].append((phrase, _stem_pattern(phrase), measure))
    compound_re: dict[str, re.Pattern[str]] = {}
    compound_of: dict[str, str] = {}
    for lang in LANGS:
        pattern, groups = _alternation(compound_items[lang])
        compound_re[lang] = pattern
        compound_of.update({f"{lang}:{g}": m for g, m in groups.items()})

    multiplier_re, mult_groups = _alternation(mult_items)
    unit_re, unit_groups = _alternation(unit_items, _HYPHEN_ENDING)
    prefix_re: re.Pattern[str] | None = None
    prefix_groups: dict[str, str] = {}
    if prefix_items:
        alternation, prefix_groups = _alternation(prefix_items)
        prefix_re = re.compile(alternation.pattern + r"[^\S\n]?\Z")
    return UnitTables(
        codes=codes,
        multiplier_re=multiplier_re,
        multiplier_of={g: int(v) for g, v in mult_groups.items()},
        unit_re=unit_re,
        unit_of=unit_groups,
        prefix_re=prefix_re,
        prefix_of=prefix_groups,
        before_re=before_re,
        not_measures=not_measures,
        rank_nouns_ru=_lexicon(filename, "rank_nouns_ru", data.get("rank_nouns_ru")),
        written_min_count=min_count,
        quantifier_re=quantifier_re,
        capacity_kk=capacity_kk,
        capacity_ru=dict(capacity_ru_raw),
        compound_re=compound_re,
        compound_of=compound_of,
        adjectives_kk=_lexicon(filename, "adjectives_kk", data.get("adjectives_kk")),
        kk_protected=_lexicon(filename, "kk_protected", data.get("kk_protected")),
    )


@functools.cache
def load_units() -> UnitTables:
    """Read, validate and compile ``zholdau/knowledge/units.yaml`` once."""
    path = resources.files("zholdau.knowledge").joinpath(UNITS_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{UNITS_FILE}: cannot be read as YAML: {exc}") from exc
    return build_units(data)


# --------------------------------------------------------------------------- Kazakh nouns

_KK_VOWELS = frozenset("аәеоөұүыіэяё")
_KK_GLIDES = frozenset("иую")
_KK_BACK = frozenset("аоұыяё")
_KK_FRONT = frozenset("әеөүіэ")
_KK_VOICED = frozenset("лрйзж") | _KK_GLIDES
_KK_MNN = frozenset("мнң")
_KK_VOICELESS = frozenset("пкқстшфхцчщбвгдғһ")
_V = _KK_VOWELS
_VV = _KK_VOWELS | _KK_VOICED | _KK_MNN
_POSS = frozenset("ыі")  # the 3rd-person possessive before н-initial case endings (орн-ы-на)


def _pair(back: str, front: str, after: frozenset[str]) -> list[tuple[str, frozenset[str], str | None]]:
    return [(back, after, "b"), (front, after, "f")]


# One case (or attributive) ending, then one plural, are stripped: a noun after a numeral is
# singular, so more than that is not needed and cutting less keeps roots intact. The 3rd-person
# possessive stays (жұмыс орны, спорт кешені are dictionary forms).
_KK_CASES: Final = sorted(
    [
        *_pair("ның", "нің", _V | _KK_MNN), *_pair("дың", "дің", _KK_VOICED), *_pair("тың", "тің", _KK_VOICELESS),
        *_pair("ға", "ге", _VV), *_pair("қа", "ке", _KK_VOICELESS), *_pair("на", "не", _POSS),
        *_pair("да", "де", _VV), *_pair("та", "те", _KK_VOICELESS), *_pair("нда", "нде", _POSS),
        *_pair("дан", "ден", _V | _KK_VOICED), *_pair("нан", "нен", _KK_MNN | _POSS),
        *_pair("тан", "тен", _KK_VOICELESS),
        *_pair("ны", "ні", _V), *_pair("ды", "ді", _KK_VOICED | _KK_MNN), *_pair("ты", "ті", _KK_VOICELESS),
        ("мен", _VV, None), ("бен", _KK_VOICED | _KK_MNN, None), ("пен", _KK_VOICELESS, None),
        *_pair("дағы", "дегі", _VV), *_pair("тағы", "тегі", _KK_VOICELESS), *_pair("ндағы", "ндегі", _POSS),
        *_pair("ғы", "гі", _KK_VOICED | _KK_MNN), *_pair("қы", "кі", _KK_VOICELESS),
    ],
    key=lambda s: -len(s[0]),
)  # fmt: skip
_KK_PLURALS: Final = [
    *_pair("лар", "лер", _V | frozenset("рйуию")),
    *_pair("дар", "дер", frozenset("лмнңзж")),
    *_pair("тар", "тер", _KK_VOICELESS),
]
_KK_POSSESSIVES: Final = [*_pair("сы", "сі", _V), *_pair("ы", "і", _KK_VOICED | _KK_MNN | _KK_VOICELESS)]
_KK_VOICING: Final = {"б": "п", "г": "к", "ғ": "қ"}
# Roots that lose their last vowel before a vowel-initial suffix (орын → орны).
_KK_ELISION: Final = {"орн": "орын", "халқ": "халық", "нарқ": "нарық", "ерн": "ерін", "мұрн": "мұрын"}
# Attributive endings of adjectives made from nouns: -лық "of", -лы "with", -сыз "without".
_KK_ADJECTIVE: Final = re.compile(
    r"(?P<root>.+?)(?:(?P<lyq>[лдт][ыі][қк])|(?P<ly>[лдт][ыі])|(?P<syz>с[ыі]з)|(?P<attr>[дт][ае][ғг][ыі]))"
)
# Verb forms that can follow a number ("саны 120 болды"): past tense after a vowel, participles,
# converbs, habitual and progressive forms.
_KK_VERBISH: Final = re.compile(
    r"(?:[аәеоөұүыі](?:ды|ді|ты|ті)|.{3,}(?:ған|ген|қан|кен)|.{2,}(?:ып|іп)|(?:атын|етін|йтын|йтін)"
    r"|(?:уда|уде|йды|йді)|.{2,}(?:мақ|мек|бақ|бек|пақ|пек))$"
)
_KK_HOMOGLYPHS: Final = str.maketrans({"ё": "е", "i": "і", "ı": "і"})


def _kk_fold(word: str) -> str:
    return word.lower().translate(_KK_HOMOGLYPHS)


def _harmony(stem: str) -> str | None:
    for letter in reversed(stem):
        if letter in _KK_BACK:
            return "b"
        if letter in _KK_FRONT:
            return "f"
    return None


def _plausible(stem: str) -> bool:
    return len(stem) >= 2 and any(ch in _KK_VOWELS or ch in _KK_GLIDES for ch in stem)


def _strip(word: str, table: list[tuple[str, frozenset[str], str | None]], protected: frozenset[str]) -> str:
    if word in protected:
        return word
    for suffix, after, harmony in table:
        if not word.endswith(suffix) or len(word) <= len(suffix):
            continue
        stem = word[: -len(suffix)]
        if not _plausible(stem) or stem[-1] not in after:
            continue
        stem_harmony = _harmony(stem)
        if harmony and stem_harmony and stem_harmony != harmony:
            continue
        return stem
    return word


@functools.lru_cache(maxsize=65_536)
def kk_nominative(word: str, protected: frozenset[str] = frozenset()) -> str:
    """The nominative (dictionary) form of a Kazakh noun: one case and one plural ending removed
    (``мектептерге`` → ``мектеп``, ``орнына`` → ``орны``); the possessive is kept."""
    w = _kk_fold(word)
    w = _strip(w, _KK_CASES, protected)
    return _strip(w, _KK_PLURALS, protected)


@functools.lru_cache(maxsize=65_536)
def _kk_root(word: str, protected: frozenset[str]) -> str:
    """The bare root: also without the 3rd-person possessive (қыркүйегі → қыркүйек, орны → орын)."""
    w = kk_nominative(word, protected)
    bare = _strip(w, _KK_POSSESSIVES, protected)
    if bare != w:
        if bare in _KK_ELISION:
            return _KK_ELISION[bare]
        if bare[-1] in _KK_VOICING and len(bare) - len(w) == -1:
            return bare[:-1] + _KK_VOICING[bare[-1]]
    return bare


# --------------------------------------------------------------------------- Russian nouns

_NOT_COMMON = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Init"})
_ABBREVIATION = re.compile(r"(?P<abbr>[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,8})(?:[-‐]?[а-яёәғқңөұүһі]{1,5})?")


@dataclass(frozen=True, slots=True)
class _Number:
    """What the noun after a number must agree with."""

    value: Decimal
    multiplied: bool  # "5 тыс. человек": the noun follows the thousand word
    written: bool  # a written-out number is already in the case the sentence needs


def _agrees(tag: Any, number: _Number) -> bool:
    """Does a Russian noun form fit the number before it? ("3 место" is a rank, "3 места" a count)."""
    plural = tag.number == "plur"
    genitive = tag.case in ("gent", "gen2")
    if number.written:
        return plural or genitive or tag.number is None
    if number.multiplied:
        return plural
    value = number.value
    if value != value.to_integral_value():
        return genitive or plural  # "2,5 гектара", "на 1,5 процентах"
    n = int(value)
    if n % 10 == 1 and n % 100 != 11:
        return not plural
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return plural or (genitive and not plural)
    return plural or tag.number is None


def _is_noun(p: Any) -> bool:
    return p.tag.POS == "NOUN" and not (_NOT_COMMON & p.tag.grammemes)


def _inflect_adjective(p: Any, noun: Any) -> str:
    """The adjective in the nominative, agreeing with the noun's dictionary form (рабочих → рабочее)."""
    number = "plur" if "Pltm" in noun.tag.grammemes else "sing"
    return _inflect(p, number, noun.tag.gender or "masc")


@functools.lru_cache(maxsize=16_384)
def _inflect(p: Any, number: str, gender: str) -> str:
    form = p.inflect({"plur", "nomn"} if number == "plur" else {"sing", "nomn", gender})
    return (form.word if form is not None else p.normal_form).replace("ё", "е")


# --------------------------------------------------------------------------- the scanner

_DIGITS_RE = re.compile(DIGITS)
_SPELLED_OUT = re.compile(rf"[^\S\n]{{0,2}}\({_LETTERS}+(?:[^\S\n]+{_LETTERS}+){{0,8}}\)")
_NUMBER_SUFFIX = re.compile(rf"[-‐–]({_LETTERS}{{1,12}})(?!{_LETTERS})")
# Kazakh endings a number takes before "астам"/"жуық" ("50-ден астам", "100-ге жуық").
_KK_QUANTIFIED_ENDINGS: Final = frozenset({"ден", "дан", "тен", "тан", "нен", "нан", "ге", "ға", "ке", "қа"})
_RU_DROPPED_ADJECTIVES: Final = frozenset({"Qual", "Apro", "Supr", "Anum", "Cmp2"})
_WINDOW = 250  # characters either side used to guess the language of a number's context


@dataclass(frozen=True, slots=True)
class _Noun:
    end: int
    measure: str
    rule: str


class _Scanner:
    """Reads figures from one text; holds the text, the language hint and the tables."""

    def __init__(self, text: str, lang: str | None, tables: UnitTables) -> None:
        self.text = text
        self.lang = lang if lang in LANGS else None
        self.t = tables
        self._lang_cache: dict[tuple[int, int], str] = {}

    # -- helpers

    def lang_at(self, pos: int) -> str:
        """The language of the text around ``pos``: the hint, else Kazakh letters decide."""
        if self.lang is not None:
            return self.lang
        # the paragraph around the number, at most _WINDOW characters either side: articles
        # switch language between paragraphs (qTranslate pages, quoted Russian in Kazakh text)
        lo = max(self.text.rfind("\n", max(0, pos - _WINDOW), pos) + 1, pos - _WINDOW, 0)
        hi = self.text.find("\n", pos, pos + _WINDOW)
        if hi < 0:
            hi = min(len(self.text), pos + _WINDOW)
        whole = (lo == 0 or self.text[lo - 1] == "\n") and (hi == len(self.text) or self.text[hi] == "\n")
        if whole and (lo, hi) in self._lang_cache:  # a whole short paragraph: decided once
            return self._lang_cache[(lo, hi)]
        window = self.text[lo:hi]
        kk = len(_KK_ONLY.findall(window))
        lang = "kk" if kk >= 2 and kk >= 0.02 * len(_CYRILLIC.findall(window)) else "ru"
        if whole:
            self._lang_cache[(lo, hi)] = lang
        return lang

    def skip(self, pos: int) -> int:
        m = _SPACE.match(self.text, pos)
        return m.end() if m else pos

    def words(self, pos: int, limit: int) -> list[re.Match[str]]:
        """Up to ``limit`` words from ``pos`` separated by spaces only (punctuation ends the phrase)."""
        found: list[re.Match[str]] = []
        while len(found) < limit:
            m = _WORD.match(self.text, pos)
            if m is None:
                break
            found.append(m)
            after = self.skip(m.end())
            if after == m.end():
                break
            pos = after
        return found

    # -- one figure

    def figure(self, start: int, end: int, value: Decimal, written: bool, floor: int = 0) -> Match | None:
        """The figure whose number is ``text[start:end]``, or ``None`` when nothing measured follows.

        ``floor`` is the end of the previous figure: a currency symbol before it is not ours.
        """
        text, t = self.text, self.t
        lang = self.lang_at(start)
        if t.before_re.search(text[max(0, start - 30) : start]):
            return None
        begin, prefix_unit = start, None
        if t.prefix_re is not None:
            pm = t.prefix_re.search(text[max(0, start - 5, floor) : start])
            if pm is not None:
                begin, prefix_unit = start - len(pm.group(0)), t.prefix_of[pm.lastgroup or ""]
        pos = end
        pm = _SPELLED_OUT.match(text, pos)
        if pm is not None:
            pos = pm.end()  # "1 000 000 (один миллион) тенге": the number again in words
        sm = _NUMBER_SUFFIX.match(text, pos) if not written else None
        if sm is not None:
            suffix = _kk_fold(sm.group(1))
            capacity = self.capacity_suffix(suffix)
            if capacity is not None:
                return self.make(
                    begin, sm.end(), value, "count", capacity[0], f"count_adjectival_{capacity[1]}", written
                )
            if suffix not in _KK_QUANTIFIED_ENDINGS:
                return None  # ordinals (1-го, 3-ші), adjectives (5-летний), years (2025-ке)
            qm = t.quantifier_re["kk"].match(text, self.skip(sm.end()))
            if qm is None:
                return None
            pos = qm.end()

        multiplied = False
        mm = t.multiplier_re.match(text, self.skip(pos))
        if mm is not None:
            last = t.multiplier_of[mm.lastgroup or ""]
            value, pos, multiplied = value * last, mm.end(), True
            while True:  # "1 млрд 200 млн": smaller parts that follow
                dm = _DIGITS_RE.match(text, self.skip(pos))
                part = parse_decimal(dm.group(0)) if dm else None
                if dm is None or part is None:
                    break
                nm = t.multiplier_re.match(text, self.skip(dm.end()))
                if nm is None:
                    # "2 мың 500 теңге": a plain remainder, if a unit follows it
                    if part < last and t.unit_re.match(text, self.skip(dm.end())):
                        value, pos = value + part, dm.end()
                    break
                if t.multiplier_of[nm.lastgroup or ""] >= last:
                    break
                last = t.multiplier_of[nm.lastgroup or ""]
                value, pos = value + part * last, nm.end()
        qm = t.quantifier_re[lang].match(text, self.skip(pos))
        if qm is not None:
            pos = qm.end()

        um = t.unit_re.match(text, self.skip(pos))
        if um is not None:
            unit = t.unit_of[um.lastgroup or ""]
            return self.make(begin, um.end(), value, unit, None, self.unit_rule(unit, lang), written)
        if prefix_unit is not None:
            return self.make(begin, pos, value, prefix_unit, None, self.unit_rule(prefix_unit, lang), written)
        if written and not multiplied and value < t.written_min_count:
            return None
        number = _Number(value, multiplied, written)
        noun = self.noun(self.skip(pos), number, lang)
        if noun is None:
            return None
        return self.make(begin, noun.end, value, "count", noun.measure, noun.rule, written)

    def make(
        self, start: int, end: int, value: Decimal, unit: str, measure: str | None, rule: str, written: bool
    ) -> Match:
        if written:
            rule = "written_number_" + ("kk" if rule.endswith("_kk") else "ru")
        number: int | float = int(value) if value == value.to_integral_value() else float(value)
        found = {"text": self.text[start:end], "value": number, "unit": unit, "measure": measure}
        return Match(value=found, start=start, end=end, rule=rule)

    def unit_rule(self, unit: str, lang: str) -> str:
        kind = self.t.codes[unit]
        if kind == "money":
            return f"money_{lang}"
        if kind == "ratio":
            return "percent"
        return f"quantity_{lang}"

    def capacity_suffix(self, suffix: str) -> tuple[str, str] | None:
        """ "600-местная", "600-орындық": the capacity noun and its language."""
        for stem, measure in self.t.capacity_ru.items():
            if suffix.startswith(stem):
                return measure, "ru"
        am = _KK_ADJECTIVE.fullmatch(suffix)
        if am is not None and am.group("root") in self.t.capacity_kk:
            return am.group("root"), "kk"
        return None

    # -- counted nouns

    def noun(self, pos: int, number: _Number, lang: str) -> _Noun | None:
        words = self.words(pos, 3)
        if not words:
            return None
        first = words[0].group(0)
        am = _ABBREVIATION.fullmatch(first)
        if am is not None and (am.group("abbr") != first.replace("-", "") or not self.is_word(first, lang)):
            # ФОКов, СВА, ЖОО-да: an abbreviation stands for the counted noun
            return _Noun(words[0].end(), am.group("abbr"), f"count_noun_{lang}")
        if not first[0].islower() and not first.isupper():
            return None  # a name: "5 Астана", "13 Жолдау"
        if lang == "ru":
            return self.ru_noun(words, number)
        return self.kk_noun(words)

    def is_word(self, word: str, lang: str) -> bool:
        """Is an all-capitals token an ordinary word (a headline), not an abbreviation?"""
        lower = word.lower()
        if len(lower) > 5:
            return True
        blocked = self.t.not_measures["kk"] | self.t.not_measures["ru"]
        if lower in blocked:
            return True
        # pymorphy knows many abbreviations (ТОО, ГЭС, вуз): those stay abbreviations
        return (
            lang == "ru"
            and russian.is_known(lower)
            and not any("Abbr" in p.tag.grammemes for p in russian.parse(lower))
        )

    def compound(self, wm: re.Match[str], lang: str) -> _Noun | None:
        cm = self.t.compound_re[lang].match(self.text, wm.start())
        if cm is None:
            return None
        return _Noun(cm.end(), self.t.compound_of[f"{lang}:{cm.lastgroup}"], f"count_noun_{lang}")

    def ru_noun(self, words: list[re.Match[str]], number: _Number) -> _Noun | None:
        adjectives: list[Any] = []
        for i, wm in enumerate(words):
            compound = self.compound(wm, "ru")
            if compound is not None:
                return compound
            word = wm.group(0).lower().replace("ё", "е")
            if i == 0 and self.lang is None and not russian.is_known(word):
                return self.kk_noun(words)  # a Kazakh noun in text with no Kazakh letters nearby
            parses = russian.parse(word)
            adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
            if adjective is not None and i + 1 < len(words):
                following = russian.parse(words[i + 1].group(0).lower())
                if any(_is_noun(p) for p in following):
                    adjectives.append(adjective)
                    continue
            nouns = [p for p in parses if _is_noun(p) and _agrees(p.tag, number)]
            if not nouns:
                return None
            noun = nouns[0]
            lemma = noun.normal_form.replace("ё", "е")
            if lemma in self.t.not_measures["ru"]:
                return None
            if lemma in self.t.rank_nouns_ru and noun.tag.number == "sing":
                return None
            kept = [
                _inflect_adjective(a, noun)
                for a in adjectives
                if a.tag.POS == "ADJF" and not (_RU_DROPPED_ADJECTIVES & a.tag.grammemes)
            ]
            return _Noun(wm.end(), " ".join([*kept, lemma]), "count_noun_ru")
        return None

    def kk_noun(self, words: list[re.Match[str]]) -> _Noun | None:
        t = self.t
        blocked, protected = t.not_measures["kk"], t.kk_protected
        for i, wm in enumerate(words):
            compound = self.compound(wm, "kk")
            if compound is not None:
                return compound
            raw = wm.group(0)
            if not raw[0].islower() and not raw.isupper():
                return None  # a name; an all-capitals headline word is read as a word
            word = _kk_fold(raw)
            following = words[i + 1].group(0) if i + 1 < len(words) else ""
            more = bool(following) and (following[0].islower() or following.isupper())
            if more and word in t.adjectives_kk:
                continue  # "5 жаңа мектеп"; also "жас маман" (young), whereas "45 жас" is an age
            nominative, root = kk_nominative(word, protected), _kk_root(word, protected)
            if word in blocked or nominative in blocked or root in blocked:
                return None
            if word not in protected and _KK_VERBISH.search(word):
                return None
            am = _KK_ADJECTIVE.fullmatch(word)
            if am is not None:
                stem = am.group("root")
                if stem in blocked:
                    return None  # "5 жылдық", "3 айлық": a duration
                relational = am.group("lyq") is not None
                having = am.group("ly") is not None and am.group("ly")[0] == "л"
                if i == 0 and stem in t.capacity_kk and (relational or more):
                    return _Noun(wm.end(), stem, "count_adjectival_kk")  # "600 орындық", "300 орынды мектеп"
                if i == 0 and having and more:
                    return _Noun(wm.end(), stem, "count_adjectival_kk")  # "4 балалы отбасы"
                if relational and more:
                    continue  # "5 инвестициялық жоба": the noun comes next
            if len(nominative) < 2:
                return None
            return _Noun(wm.end(), nominative, "count_noun_kk")
        return None

    # -- the whole text

    def run(self) -> list[Match]:
        found: list[Match] = []
        taken_until = -1
        for m in _DIGITS_RE.finditer(self.text):
            if m.start() < taken_until:
                continue
            value = parse_decimal(m.group(0))
            if value is None:
                continue
            fig = self.figure(m.start(), m.end(), value, written=False, floor=max(taken_until, 0))
            if fig is not None:
                found.append(fig)
                taken_until = fig.end
        starts = [f.start for f in found]
        ends = [f.end for f in found]
        written: list[Match] = []
        taken_until = -1
        for m in numeral_candidates(self.text):
            s = m.start()
            i = bisect.bisect_right(starts, s) - 1
            if s < taken_until or (i >= 0 and s < ends[i]):
                continue
            lang = self.lang_at(s)
            if word_value(m.group(0), lang) is None:
                continue
            tokens = self.words(s, 8)
            read = words_to_number([tok.group(0) for tok in tokens], lang)
            if read is None:
                continue
            end = tokens[read[1] - 1].end()
            floor = max(taken_until, ends[i] if i >= 0 else 0, 0)
            fig = self.figure(s, end, Decimal(read[0]), written=True, floor=floor)
            if fig is None:
                taken_until = end
                continue
            j = bisect.bisect_left(starts, s)
            if j < len(starts) and starts[j] < fig.end:
                continue  # would swallow a figure written with digits
            written.append(fig)
            taken_until = fig.end
        return sorted([*found, *written], key=lambda f: f.start)


def extract_figures(text: str, lang: str | None = None) -> list[Match]:
    """Every figure in ``text``: numbers with a unit or a counted noun, in text order.

    ``lang`` (``"ru"`` or ``"kk"``) is the language of the text when known; otherwise each number's
    surroundings decide (Kazakh letters nearby mean Kazakh). ``Match.value`` is a dict with ``text``
    (exactly ``text[start:end]``), ``value`` (int or float; money in units of the currency),
    ``unit`` (a code from ``units.yaml``) and ``measure`` (the counted noun in the nominative
    singular for counts, else ``None``).
    """
    if not text:
        return []
    return _Scanner(text, lang, load_units()).run()
