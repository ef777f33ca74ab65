"""Dates written in Kazakh and Russian news text, and date strings from metadata fields.

`find_dates` runs a list of named rules (`RULES`) over the text; every mention keeps the rule name and
the character span it was read from. `parse_date_field` reads one metadata value (JSONL `published`,
HTML meta, feed date). `find_years` reports years written with a year word but without a day or month.

Month names are grammar, so they live here as module constants. Kazakh month names are matched with
their case and possessive endings and also in the "degraded" spelling many sites use (қ→к, ү→у, і→i…).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import warnings
from dataclasses import dataclass
from typing import Final

from dateutil import parser as dateutil_parser

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_PRECISION_RULES",
    "RULES",
    "DateMention",
    "DateRule",
    "find_dates",
    "find_years",
    "parse_date_field",
]

MIN_YEAR: Final = 1991
MAX_YEAR: Final = 2100
# A yearless date may lie this far after the reference date: articles announce coming events.
FUTURE_WINDOW: Final = dt.timedelta(days=62)

# --- month tables -------------------------------------------------------------------------------------

KK_MONTHS: Final = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
# Stems a Kazakh month takes before an ending: a final voiceless к voices before a vowel
# (қыркүйек → қыркүйегі, қыркүйегінде).
KK_MONTH_STEMS: Final[dict[int, tuple[str, ...]]] = {
    number: (name,) for number, name in enumerate(KK_MONTHS, start=1)
} | {9: ("қыркүйек", "қыркүйег")}

# Kazakh case and possessive endings a month name takes in dates (all harmony variants are accepted).
KK_MONTH_ENDINGS: Final = (
    # 3rd person possessive, alone or followed by a case: қыркүйегі, қыркүйегінде, шілдесінің
    "(?:с?[ыі](?:нда|нде|ндағы|ндегі|на|не|нан|нен|ның|нің|мен|н)?"
    # locative (+ relative -ғы): қаңтарда, қыркүйекте, қаңтардағы, қыркүйектегі
    "|[дт][ае](?:ғы|гі)?"
    # dative, genitive, ablative, accusative, instrumental
    "|[ғгқк][ае]|[дтн][ыі]ң|[дтн][ае]н|[дтн][ыі]|[мбп]ен)?"
)
# "ай" (month) after the name: қыркүйек айында, қыркүйек айының
KK_AI_WORD: Final = "ай(?:[ыі](?:нда|ндағы|ның|на|нан|н)?|да|дағы|дың|ға|дан)?"

RU_MONTHS: Final = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_RU_SOFT = "(?:ь|я|е|ю|ём|ем)"
_RU_HARD = "(?:а|е|у|ом)?"
# Stem and the regex of its case endings (январь, января, январе, январю, январём; март, марта, марте…).
RU_MONTH_FORMS: Final[dict[int, tuple[str, str]]] = {
    1: ("январ", _RU_SOFT),
    2: ("феврал", _RU_SOFT),
    3: ("март", _RU_HARD),
    4: ("апрел", _RU_SOFT),
    5: ("ма", "(?:й|я|е|ю|ем|ём)"),
    6: ("июн", _RU_SOFT),
    7: ("июл", _RU_SOFT),
    8: ("август", _RU_HARD),
    9: ("сентябр", _RU_SOFT),
    10: ("октябр", _RU_SOFT),
    11: ("ноябр", _RU_SOFT),
    12: ("декабр", _RU_SOFT),
}
# Abbreviations, accepted only with a dot and a year after them ("8 сент. 2025 г.").
RU_MONTH_ABBREVIATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: ("янв",),
    2: ("фев", "февр"),
    3: ("мар",),
    4: ("апр",),
    6: ("июн",),
    7: ("июл",),
    8: ("авг",),
    9: ("сен", "сент"),
    10: ("окт",),
    11: ("ноя", "нояб"),
    12: ("дек",),
}

# Words that set the year relative to the reference date, with the offset they mean.
KK_RELATIVE_YEARS: Final[dict[str, int]] = {
    "биылғы": 0,
    "биыл": 0,
    "биылғы жылдың": 0,
    "биылғы жылы": 0,
    "ағымдағы жылғы": 0,
    "ағымдағы жылдың": 0,
    "осы жылғы": 0,
    "осы жылдың": 0,
    "былтырғы": -1,
    "былтыр": -1,
    "өткен жылғы": -1,
    "өткен жылдың": -1,
    "өткен жылы": -1,
    "келесі жылғы": 1,
    "келесі жылдың": 1,
    "келесі жылы": 1,
}
RU_RELATIVE_YEARS: Final[dict[str, int]] = {
    "текущего года": 0,
    "этого года": 0,
    "нынешнего года": 0,
    "сего года": 0,
    "т. г.": 0,
    "с. г.": 0,
    "прошлого года": -1,
    "прошедшего года": -1,
    "минувшего года": -1,
    "п. г.": -1,
    "следующего года": 1,
    "будущего года": 1,
    "наступающего года": 1,
}

# --- spelling tolerance -------------------------------------------------------------------------------

# Kazakh letters and the Russian/Latin letters that replace them on sites without Kazakh fonts.
_LOOSE: Final = {
    "қ": "[қк]",
    "ң": "[ңн]",
    "ғ": "[ғг]",
    "ү": "[үу]",
    "ұ": "[ұу]",
    "ә": "[әа]",
    "ө": "[өо]",
    "і": "[іiи]",
    "һ": "[һх]",
}
_FOLD: Final = str.maketrans("қңғүұәөіһiё", "кнгууаоихие")


def _loose(fragment: str) -> str:
    """Let a regex fragment written in Kazakh letters also match the degraded spelling."""
    out = []
    in_class = False
    for char in fragment:
        if char in _LOOSE:
            # Inside [...] the alternatives join the class; outside they become one.
            out.append(_LOOSE[char][1:-1] if in_class else _LOOSE[char])
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append(char)
    return "".join(out)


def _fold(word: str) -> str:
    return word.lower().translate(_FOLD)


def _relative_pattern(words: dict[str, int]) -> str:
    alternatives = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s{1,4}") for word in alternatives)


def _stem_alternation(stems: list[str]) -> str:
    return "|".join(_loose(stem) for stem in sorted(stems, key=len, reverse=True))


# Folded stem → month number, longest first so "мамыр" wins over Russian "ма(й)".
_MONTH_LOOKUP: Final = tuple(
    sorted(
        [(_fold(stem), n) for n, stems in KK_MONTH_STEMS.items() for stem in stems]
        + [(stem, n) for n, (stem, _) in RU_MONTH_FORMS.items()]
        + [(abbr, n) for n, abbrs in RU_MONTH_ABBREVIATIONS.items() for abbr in abbrs],
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)
_KK_RELATIVE_LOOKUP: Final = {re.sub(r"\s+", " ", _fold(k)): v for k, v in KK_RELATIVE_YEARS.items()}
_RU_RELATIVE_LOOKUP: Final = {re.sub(r"\s+", "", _fold(k)): v for k, v in RU_RELATIVE_YEARS.items()}

# --- regex building blocks ----------------------------------------------------------------------------

# Bounded gaps: real dates never spread further, and the bound keeps `_digit_windows` exact.
_S0 = r"\s{0,4}"
_S1 = r"\s{1,4}"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_DASH = r"[-‐‑‒–—]"
_CLOSE_Q = '[»"”“]?'

# Lookbehinds sit after the first digit so that the regex engine can skip ahead to digits quickly.
_YEAR = r"(?P<year>\d(?<![\d.,]\d)\d{3})(?!\d)"
_KK_YEAR_WORD = _loose(r"(?:жыл(?:ғы|ы|дың|да)?|ж\.?)") + _NOT_LETTER_AHEAD
_RU_YEAR_WORD = r"(?:год(?:а|у)?|г\.?)" + _NOT_LETTER_AHEAD

_KK_MONTH_STEM = "(?:" + _stem_alternation([s for stems in KK_MONTH_STEMS.values() for s in stems]) + ")"
# Any inflected form, optionally followed by "ай": қыркүйекте, қыркүйек айында.
_KK_MONTH = (
    f"(?P<month>{_KK_MONTH_STEM}{_loose(KK_MONTH_ENDINGS)}{_NOT_LETTER_AHEAD}"
    rf"(?:{_S1}{_loose(KK_AI_WORD)}{_NOT_LETTER_AHEAD})?)"
)
# Genitive forms, which put the day after the month: қаңтардың 10-ы, қыркүйек айының 8-і.
_KK_MONTH_GENITIVE = (
    f"(?P<month>{_KK_MONTH_STEM}"
    + _loose(r"(?:[дтн][ыі]ң|\s{1,4}ай(?:[ыі]ның|дың))")
    + f"){_NOT_LETTER_AHEAD}"
)
# Ordinal endings written after digits: 1-ші, 3-інші, 2-нші, 20-сыншы.
KK_ORDINAL_ENDINGS: Final = "(?:с?[ыі]нш[ыі]|нш[ыі]|ш[ыі])"
# Day after a genitive month carries a possessive (and case) ending: 10-ы, 8-інде, 1-і, 22-нен.
_KK_DAY_POSSESSIVE = (
    r"(?P<day>\d(?<![\w.,:/]\d)\d?)\s{0,4}-\s{0,4}"
    + _loose(
        rf"(?:(?:{KK_ORDINAL_ENDINGS}|с[ыі]|[ыі])(?:нда|нде|ндағы|ндегі|на|не|нан|нен|н)?"
        r"|[дтн][ае]н|[ғгқк][ае]|[дт][ае])"
    )
    + _NOT_LETTER_AHEAD
)

_RU_MONTH = (
    "(?P<month>(?:"
    + "|".join(f"{stem}{endings}" for stem, endings in RU_MONTH_FORMS.values())
    + f"){_NOT_LETTER_AHEAD}"
    + "|(?P<abbr>(?:"
    + "|".join(sorted((a for abbrs in RU_MONTH_ABBREVIATIONS.values() for a in abbrs), key=len, reverse=True))
    + r")\.))"
)
_RU_MONTH_FULL = (
    "(?P<month>(?:"
    + "|".join(f"{stem}{endings}" for stem, endings in RU_MONTH_FORMS.values())
    + f")){_NOT_LETTER_AHEAD}"
)


def _day(name: str, suffix: str) -> str:
    # Not part of a larger number, a decimal, a time or a fraction; «8» сентября is read from the digit.
    return rf"(?P<{name}>\d(?<![\w.,:/]\d)\d?)(?!\d){_CLOSE_Q}(?:{suffix})?"


_KK_DAY_SUFFIX = _loose("-" + KK_ORDINAL_ENDINGS) + _NOT_LETTER_AHEAD
_RU_DAY_SUFFIX = r"-(?:го|ого|ое|е)" + _NOT_LETTER_AHEAD
# A day or a range of days: 8, 8-9, с 8 по 12.
_KK_DAYS = _day("day", _KK_DAY_SUFFIX) + rf"(?:{_S0}{_DASH}{_S0}" + _day("day2", _KK_DAY_SUFFIX) + ")?"
_RU_DAYS = (
    _day("day", _RU_DAY_SUFFIX)
    + rf"(?:(?:{_S0}{_DASH}{_S0}|{_S1}(?:по|до){_S1})"
    + _day("day2", _RU_DAY_SUFFIX)
    + ")?"
)
_DAY_MONTH_SEP = rf"{_S0}{_DASH}?{_S0}"

_KK_RELATIVE = (
    f"{_NOT_LETTER_BEHIND}(?P<rel>" + _loose(_relative_pattern(KK_RELATIVE_YEARS)) + f"){_NOT_LETTER_AHEAD}"
)
_RU_RELATIVE = (
    r"(?P<rel>"
    + _relative_pattern(RU_RELATIVE_YEARS).replace(r"\s{1,4}", r"\s{0,4}")
    + ")"
    + _NOT_LETTER_AHEAD
)
# 2025 жылғы, 2025 ж., 2020-сыншы жылдың, 2019-дың (genitive written on the digits)
_KK_YEAR_LEAD = (
    rf"{_YEAR}(?:(?:-{_loose(KK_ORDINAL_ENDINGS)})?{_S0}{_KK_YEAR_WORD}"
    + _loose(r"|-[дтн][ыі]ң")
    + rf"){_NOT_LETTER_AHEAD},?{_S0}"
)


@dataclass(frozen=True, slots=True)
class DateRule:
    """A named date pattern.

    Groups the pattern may set: `year`, `rel` (relative year words), `day`, `day2` (end of a range),
    `month` (any month word), `mon` (a month number), `abbr` (an abbreviated Russian month). `year_name` is the rule name used
    when the optional year group matched; `rel_name` the one used when relative year words matched.
    `word_first` rules begin with a word, so they are only run near digits (see `_digit_windows`).
    """

    name: str
    pattern: re.Pattern[str]
    year_name: str | None = None
    rel_name: str | None = None
    word_first: bool = False


def _rule(
    name: str,
    regex: str,
    year_name: str | None = None,
    rel_name: str | None = None,
    word_first: bool = False,
) -> DateRule:
    return DateRule(name, re.compile(regex, re.IGNORECASE), year_name, rel_name, word_first)


RULES: Final[tuple[DateRule, ...]] = (
    _rule(
        "iso",
        r"(?P<year>\d(?<![\d.\-]\d)\d{3})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\d|-\d)",
    ),
    _rule(
        "numeric_dmy",
        r"(?P<day>\d(?<![\d.\-/]\d)\d?)\.(?P<mon>\d\d?)\.(?P<year>\d{4})(?!\d|\.\d)",
    ),
    _rule(
        "numeric_ymd",
        r"(?P<year>\d(?<![\d.\-/]\d)\d{3})\.(?P<mon>\d{2})\.(?P<day>\d{2})(?!\d|\.\d)",
    ),
    # 2025 жылғы 8 қыркүйекте, 2025 жылдың 8 қыркүйегінде, 2025 ж. 1-қыркүйек
    _rule("kk_year_day_month", _KK_YEAR_LEAD + _KK_DAYS + _DAY_MONTH_SEP + _KK_MONTH),
    # 2025 жылғы қыркүйектің 8-і
    _rule("kk_year_month_day", _KK_YEAR_LEAD + _KK_MONTH_GENITIVE + _S0 + _KK_DAY_POSSESSIVE),
    # 2025 жылғы қыркүйекте, 2025 жылдың қыркүйек айында (month precision)
    _rule("kk_year_month", _KK_YEAR_LEAD + _NOT_LETTER_BEHIND + _KK_MONTH),
    # биылғы 8 қыркүйекте, өткен жылғы 15 наурызда
    _rule(
        "kk_relyear_day_month",
        _KK_RELATIVE + ",?" + _S0 + _KK_DAYS + _DAY_MONTH_SEP + _KK_MONTH,
        word_first=True,
    ),
    # 8 қыркүйек 2025 жыл, 8 қыркүйек 2025 ж. — only the bare month takes a year after it: in
    # "10 қаңтарда 2025 жылғы есеп" the year belongs to the next word.
    _rule(
        "kk_day_month_year",
        _KK_DAYS
        + _DAY_MONTH_SEP
        + f"(?P<month>{_KK_MONTH_STEM}){_NOT_LETTER_AHEAD}"
        + rf",?{_S0}{_YEAR}(?:{_S0}{_KK_YEAR_WORD})?",
    ),
    # 8 қыркүйекте, 10 қаңтардағы, 1-қыркүйек, 1-ші қыркүйекте
    _rule("kk_day_month", _KK_DAYS + _DAY_MONTH_SEP + _KK_MONTH),
    # қаңтардың 10-ы, қыркүйек айының 8-інде
    _rule(
        "kk_month_day",
        _NOT_LETTER_BEHIND + _KK_MONTH_GENITIVE + _S0 + _KK_DAY_POSSESSIVE,
        word_first=True,
    ),
    # в 2019 году 2 сентября
    _rule(
        "ru_year_day_month",
        rf"{_YEAR}{_S0}{_RU_YEAR_WORD},?{_S0}" + _RU_DAYS + _DAY_MONTH_SEP + _RU_MONTH_FULL,
    ),
    # 8 сентября, 8 сентября 2025 года, 1-го сентября, 8-9 сентября, 8 сентября текущего года
    _rule(
        "ru_day_month",
        _RU_DAYS
        + _DAY_MONTH_SEP
        + _RU_MONTH
        + rf"(?:,?{_S0}{_YEAR}(?:{_S0}{_RU_YEAR_WORD})?|{_S1}{_RU_RELATIVE})?",
        year_name="ru_day_month_year",
        rel_name="ru_day_month_relyear",
    ),
    # сентябрь 2025 года, в сентябре 2025 г. (month precision)
    _rule(
        "ru_month_year",
        _NOT_LETTER_BEHIND + _RU_MONTH_FULL + rf",?{_S0}{_YEAR}(?:{_S0}{_RU_YEAR_WORD})?",
        word_first=True,
    ),
)

MONTH_PRECISION_RULES: Final = frozenset({"kk_year_month", "ru_month_year"})
_RULE_ORDER: Final = {rule.name: index for index, rule in enumerate(RULES)}

# Years written with a year word: "2025 жылы", "в 2025 году", "2025-2027 жылдары", "2024–2025 гг."
_YEARS = re.compile(
    r"(?P<first>\d(?<![\d.,\-/]\d)\d{3})(?:\s{0,4}" + _DASH + r"\s{0,4}(?P<second>\d{4}))?(?!\d)\s{0,4}"
    r"(?:"
    + _loose(r"жыл(?:ғы|ы|дың|да|дары|дарда|дарға|дардағы|дан|ға)?|ж\.")
    + r"|год(?:а|у|ы|ов|ах|ам)?|гг?\.)"
    + _NOT_LETTER_AHEAD,
    re.IGNORECASE,
)
# A yearless date takes the year of a dated neighbour joined to it by one of these.
_JOINER = re.compile(
    rf"{_S0}(?:{_DASH}|,|и|по|до|а также|және|мен|бен|пен|немесе|или)?{_S0}(?:по|до)?{_S0}",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
# A word-first match starts at most this many characters before its first digit ("желтоқсан айының 10-ы")
# and ends at most this many after its last one ("10-ындағы", "2025 года").
_WINDOW_BEFORE: Final = 48
_WINDOW_AFTER: Final = 32


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: the calendar date, the span it was read from and the rule that read it."""

    date: dt.date
    start: int
    end: int
    text: str
    rule: str
    year_given: bool  # False when the year was inferred from the reference date or relative words

    @property
    def precision(self) -> str:
        """Either "day", or "month" for month-only mentions (whose day is set to 1)."""
        return "month" if self.rule in MONTH_PRECISION_RULES else "day"


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rule: str
    month: int
    day: int
    year: int | None  # written in the text
    relative: int | None  # year offset from relative words
    year_given: bool


def _month_number(word: str) -> int | None:
    folded = _fold(word)
    for stem, number in _MONTH_LOOKUP:
        if folded.startswith(stem):
            return number
    return None


def _relative_offset(words: str) -> int | None:
    folded = _fold(words)
    kk = _KK_RELATIVE_LOOKUP.get(re.sub(r"\s+", " ", folded))
    return kk if kk is not None else _RU_RELATIVE_LOOKUP.get(re.sub(r"\s+", "", folded))


def _year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not _year_in_range(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around digits, merged; every word-first rule match lies inside one.

    Regexes that start with a word cannot skip ahead to a likely start, so scanning only these
    windows keeps find_dates fast on long text with few numbers.
    """
    windows: list[tuple[int, int]] = []
    for match in _DIGITS.finditer(text):
        low = max(0, match.start() - _WINDOW_BEFORE)
        high = min(len(text), match.end() + _WINDOW_AFTER)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


_RawMatch = tuple[int, int, DateRule, re.Match[str]]


def _raw_matches(text: str, windowed: bool = True) -> list[_RawMatch]:
    """Matches of all rules that survive overlap resolution, in text order.

    `windowed=False` scans word-first rules over the whole text; the tests check both ways agree.
    """
    found: list[_RawMatch] = []
    windows: list[tuple[int, int]] | None = None
    for rule in RULES:
        if rule.word_first and windowed:
            windows = _digit_windows(text) if windows is None else windows
            matches = [m for low, high in windows for m in rule.pattern.finditer(text, low, high)]
        else:
            matches = list(rule.pattern.finditer(text))
        found.extend((match.start(), match.end(), rule, match) for match in matches)
    # Longest match wins at a position; a rule listed earlier wins a tie.
    found.sort(key=lambda item: (item[0], -item[1], _RULE_ORDER[item[2].name]))
    kept = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return kept


def _is_homonym(rule: DateRule, match: re.Match[str], month: int) -> bool:
    """Month names that are also other words, in the shapes where the other word is meant."""
    word = match.groupdict().get("month") or ""
    if rule.name == "kk_year_month" and month == 10:
        # "2025 жылы Қазанда" is the city of Kazan; the month is written in lower case.
        return word[:1].isupper() and word[1:2].islower()
    if rule.name == "kk_day_month" and month == 6:
        # маусым is also "season"; its possessive without a preceding "жылдың" is the season:
        # "2-нші маусымы", "4-інші маусымындағы" (but "9 маусымда" is 9 June).
        return _fold(word)[len("маусым") :].startswith("ы")
    return False


def _rule_name(rule: DateRule, match: re.Match[str]) -> str:
    groups = match.groupdict()
    if rule.rel_name and groups.get("rel"):
        return rule.rel_name
    if rule.year_name and groups.get("year"):
        return rule.year_name
    return rule.name


def _candidates(match: re.Match[str], rule: DateRule) -> list[_Candidate]:
    """Turn one match into one candidate (two for a range); none when it cannot be a date."""
    groups = match.groupdict()
    if groups.get("mon"):
        month: int | None = int(groups["mon"])
    else:
        month = _month_number(groups["month"] or groups.get("abbr") or "")
    if month is None or not 1 <= month <= 12:
        return []
    year = int(groups["year"]) if groups.get("year") else None
    relative = _relative_offset(groups["rel"]) if groups.get("rel") else None
    if groups.get("rel") and relative is None:
        return []  # relative words in a spelling the table does not know: do not guess
    if groups.get("abbr") and year is None:
        return []  # "8 сент." alone is too often something else
    if _is_homonym(rule, match, month):
        return []
    name = _rule_name(rule, match)
    if name in MONTH_PRECISION_RULES:
        return [_Candidate(match.start(), match.end(), name, month, 1, year, None, True)]
    day = int(groups["day"])
    start, end = match.start(), match.end()
    given = year is not None
    if not groups.get("day2"):
        return [_Candidate(start, end, name, month, day, year, relative, given)]
    day2 = int(groups["day2"])
    if day2 <= day:
        return []  # "9-8 сентября" is not a range of days
    return [
        _Candidate(start, end, name + "_range", month, day, year, relative, given),
        _Candidate(match.start("day2"), end, name + "_range_end", month, day2, year, relative, given),
    ]


def _joined(text: str, left: _Candidate, right: _Candidate) -> bool:
    return right.start >= left.end and _JOINER.fullmatch(text, left.end, right.start) is not None


def _borrow_neighbour_years(text: str, candidates: list[_Candidate]) -> None:
    """Give a yearless date the year of a dated neighbour it is joined to.

    "30 августа – 2 сентября 2025 года", "с 1 февраля по 30 июня текущего года",
    "2025 жылғы 8 қыркүйекте және 10 қазанда". Right to left first, so lists pass the year along.
    """

    def borrow(cand: _Candidate, other: _Candidate, shift: int) -> None:
        if other.year is not None:
            cand.year = other.year + shift
            cand.year_given = True
        elif other.relative is not None:
            cand.relative = other.relative + shift

    def dated(cand: _Candidate) -> bool:
        return cand.year is not None or cand.relative is not None

    for index in range(len(candidates) - 2, -1, -1):
        cand, after = candidates[index], candidates[index + 1]
        if not dated(cand) and dated(after) and _joined(text, cand, after):
            borrow(cand, after, -1 if (cand.month, cand.day) > (after.month, after.day) else 0)
    for index in range(1, len(candidates)):
        cand, before = candidates[index], candidates[index - 1]
        if not dated(cand) and dated(before) and _joined(text, before, cand):
            borrow(cand, before, 1 if (cand.month, cand.day) < (before.month, before.day) else 0)


def _infer_year(month: int, day: int, reference: dt.date) -> int | None:
    """The latest year that puts the date no more than FUTURE_WINDOW after the reference."""
    limit = reference + FUTURE_WINDOW
    for year in (reference.year + 1, reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return year
    return None


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Find every date written in Kazakh or Russian `text`, in order of position.

    A date without a year takes it from a dated neighbour ("30 августа – 2 сентября 2025 года"),
    otherwise from `reference` (the article's publication date); without a reference it is left out.
    Invalid dates and years outside MIN_YEAR..MAX_YEAR are skipped, never repaired.
    """
    if not text or not _HAS_DIGIT.search(text):
        return []
    candidates: list[_Candidate] = []
    for _start, _end, rule, match in _raw_matches(text):
        candidates.extend(_candidates(match, rule))
    _borrow_neighbour_years(text, candidates)
    mentions = []
    for cand in candidates:
        year = cand.year
        if year is None and reference is not None:
            if cand.relative is not None:
                year = reference.year + cand.relative
            else:
                year = _infer_year(cand.month, cand.day, reference)
        if year is None:
            continue
        date = _make_date(year, cand.month, cand.day)
        if date is None:
            continue
        mentions.append(
            DateMention(date, cand.start, cand.end, text[cand.start : cand.end], cand.rule, cand.year_given)
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Years written with a year word and not part of a full date: (year, start, end) in text order.

    "2025 жылы", "в 2024 году", "2025–2027 жылдары" (each year of a range is reported; the first one's
    span is its digits only). Years outside MIN_YEAR..MAX_YEAR are skipped.
    """
    if not text or not _HAS_DIGIT.search(text):
        return []
    taken = _raw_matches(text)  # sorted and not overlapping
    starts = [start for start, _end, _rule, _match in taken]
    years: list[tuple[int, int, int]] = []
    for match in _YEARS.finditer(text):
        last = bisect.bisect_left(starts, match.end()) - 1  # the last date starting before this year ends
        if last >= 0 and taken[last][1] > match.start():
            continue  # part of a full date
        parts = [
            (match["first"], match.start("first"), match.end("first") if match["second"] else match.end())
        ]
        if match["second"]:
            parts.append((match["second"], match.start("second"), match.end()))
        years.extend((int(y), s, e) for y, s, e in parts if _year_in_range(int(y)))
    return years


# --- metadata fields ----------------------------------------------------------------------------------

_ISO_FIELD = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?P<rest>.*)", re.DOTALL)
_TIME_REST = re.compile(
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?\s*"
)
_SLASHED_FIELD = re.compile(
    r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})" + _TIME_REST.pattern, re.DOTALL
)
_LATIN_MONTH = re.compile(
    r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE
)
# Two defaults far apart: a field that leaves any part of the date unset parses differently with each.
_DEFAULTS: Final = (dt.datetime(2001, 1, 1), dt.datetime(2004, 2, 2))


def _in_range(date: dt.date | None) -> dt.date | None:
    return date if date is not None and _year_in_range(date.year) else None


def _parse_iso(value: str, match: re.Match[str]) -> dt.date | None:
    try:
        return _in_range(dateutil_parser.isoparse(value).date())
    except (ValueError, OverflowError):
        pass
    # isoparse refuses "2025-9-10" and "2025-09-10 08:15 +05:00"; the calendar part is still clear.
    if not _TIME_REST.fullmatch(match["rest"]):
        return None
    return _make_date(int(match["year"]), int(match["mon"]), int(match["day"]))


def _parse_slashed(match: re.Match[str]) -> dt.date | None:
    first, second = int(match["first"]), int(match["second"])
    if first != second and first <= 12 and second <= 12:
        return None  # 09/10/2025 is 9 October in Almaty and 10 September in a US feed
    day, month = (second, first) if second > 12 else (first, second)
    return _make_date(int(match["year"]), month, day)


def _parse_latin(value: str) -> dt.date | None:
    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = dateutil_parser.parse(value, default=default, dayfirst=True, ignoretz=True)
        except (ValueError, OverflowError, TypeError):
            return None
        results.append(parsed.date())
    if results[0] != results[1]:
        return None  # the field lacks a day, a month or a year
    return _in_range(results[0])


def parse_date_field(value: str) -> dt.date | None:
    """Parse a metadata date string to the calendar date as written, or None when it is not a full date.

    Accepts ISO dates and datetimes (with or without timezone), RFC 2822 and other English month-name
    forms, "10.09.2025 [14:30]", "25/09/2025" (only when day and month cannot be swapped), and Kazakh
    or Russian forms ("10 сентября 2025", "2025 жылғы 10 қыркүйек"); a value holding several dates
    gives the first. The day is never shifted by the timezone; partial, ambiguous or relative values
    ("сентябрь 2025", "10/09/2025", "вчера") give None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    iso = _ISO_FIELD.fullmatch(text)
    if iso:
        return _parse_iso(text, iso)
    for mention in find_dates(text):
        if mention.year_given and mention.precision == "day":
            return mention.date
    slashed = _SLASHED_FIELD.fullmatch(text)
    if slashed:
        return _parse_slashed(slashed)
    if _LATIN_MONTH.search(text):
        return _parse_latin(text)
    return None
