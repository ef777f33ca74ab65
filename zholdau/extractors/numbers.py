"""Numbers as Kazakh and Russian news write them: digits ("12 400", "1 200,5", "12,4") and words
("двадцать пять", "двух", "екі жүз", "бес мыңнан").

Digits: a space (also no-break or thin space) groups thousands, a comma or a dot marks decimals
("1,2" is one point two, as in Russian and Kazakh; "1,200,000" with several groups of three is
grouped). Words: the cardinal numerals of both languages in every case form; a Kazakh numeral may
carry a case ending or the collective suffix (``үшке``, ``бестен``, ``бесеуі``) on its last word,
which ends the number. Ordinals (``второй``, ``бесінші``) are not numbers here.

Numeral words are grammar, so they live here as tables, not in the knowledge files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Final

__all__ = [
    "DIGITS",
    "numeral_candidates",
    "parse_decimal",
    "parse_number",
    "word_value",
    "words_to_number",
]

# Spaces that group thousands in typeset text: space, no-break space, narrow no-break, thin space.
GROUP_SPACES: Final = " \u00a0\u202f\u2009"
_G = f"[{GROUP_SPACES}]"

#: A number written with digits: thousands grouped by spaces, or plain digits; then decimals.
#: It must not be glued to letters, other digits or number punctuation on either side, so parts of
#: dates (08.09.2025), times (14:30), ranges and codes (74-55-22) and phone numbers are never read.
DIGITS: Final = (
    r"(?<![\w.,:/\-‐–—+№])"
    rf"(?<!\d{_G})"
    rf"(?:[0-9]{{1,3}}(?:{_G}[0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?"
    rf"(?![0-9]|[.,:/\-‐–—][0-9]|{_G}[0-9])"
)
_DIGITS_FULL = re.compile(rf"[-−]?(?:[0-9]{{1,3}}(?:{_G}[0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?")
_MANY_GROUPS = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})+")


def parse_decimal(s: str) -> Decimal | None:
    """The exact value of a number written with digits (see :func:`parse_number`), or ``None``."""
    t = s.strip()
    if not t:
        return None
    sign = ""
    if t[0] in "-−":
        sign, t = "-", t[1:]
    if _MANY_GROUPS.fullmatch(t):
        # 1,200,000 or 1.200.000: several groups of three are thousands, not decimals
        t = t.replace(",", "").replace(".", "")
    elif not _DIGITS_FULL.fullmatch(t):
        return None
    for space in GROUP_SPACES:
        t = t.replace(space, "")
    try:
        return Decimal(sign + t.replace(",", "."))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(s: str) -> float | None:
    """Read one number: ``"12,4"`` ``"12.4"`` ``"12 400"`` ``"1 200,5"`` or written out
    (``"двадцать пять"``, ``"екі жүз"``).

    Whole numbers come back as ``int``, others as ``float``; anything that is not exactly one number
    gives ``None``.
    """
    value = parse_decimal(s)
    if value is not None:
        return _plain(value)
    words = s.split()
    if not words:
        return None
    for lang in ("ru", "kk"):
        found = words_to_number(words, lang)
        if found is not None and found[1] == len(words):
            return found[0]
    return None


# --- numeral words -------------------------------------------------------------------------------

# kinds: unit (1-9), teen (10-19), ten (20-90), hundred (a whole hundreds word, ru),
# hundreds (Kazakh жүз: multiplies the unit before it), mult (thousand and up), half (полтора).
_UNIT, _TEEN, _TEN, _HUNDRED, _HUNDREDS, _MULT, _HALF = (
    "unit",
    "teen",
    "ten",
    "hundred",
    "hundreds",
    "mult",
    "half",
)


def _ru_table() -> dict[str, tuple[Decimal, str]]:
    table: dict[str, tuple[Decimal, str]] = {}

    def add(value: float | int, kind: str, *forms: str) -> None:
        for form in forms:
            table[form] = (Decimal(str(value)), kind)

    add(1, _UNIT, "один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну", "одною")
    add(2, _UNIT, "два", "две", "двух", "двум", "двумя")
    add(3, _UNIT, "три", "трех", "трем", "тремя")
    add(4, _UNIT, "четыре", "четырех", "четырем", "четырьмя")
    # "семью" is left out: far more often "family" (accusative) than "seven" (instrumental)
    for value, nom, obl in (
        (5, "пять", "пят"),
        (6, "шесть", "шест"),
        (7, "семь", "сем"),
        (9, "девять", "девят"),
    ):
        add(value, _UNIT, nom, obl + "и", *([] if value == 7 else [obl + "ью"]))
    add(8, _UNIT, "восемь", "восьми", "восемью", "восьмью")
    add(10, _TEEN, "десять", "десяти", "десятью")
    teens = ("одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
             "семнадцат", "восемнадцат", "девятнадцат")  # fmt: skip
    for value, teen in enumerate(teens, start=11):
        add(value, _TEEN, teen + "ь", teen + "и", teen + "ью")
    add(20, _TEN, "двадцать", "двадцати", "двадцатью")
    add(30, _TEN, "тридцать", "тридцати", "тридцатью")
    add(40, _TEN, "сорок", "сорока")
    add(50, _TEN, "пятьдесят", "пятидесяти", "пятьюдесятью")
    add(60, _TEN, "шестьдесят", "шестидесяти", "шестьюдесятью")
    add(70, _TEN, "семьдесят", "семидесяти", "семьюдесятью")
    add(80, _TEN, "восемьдесят", "восьмидесяти", "восемьюдесятью", "восьмьюдесятью")
    add(90, _TEN, "девяносто", "девяноста")
    add(100, _HUNDRED, "сто", "ста")
    add(150, _HUNDRED, "полтораста", "полутораста")
    add(200, _HUNDRED, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
    add(300, _HUNDRED, "триста", "трехсот", "тремстам", "тремястами", "трехстах")
    add(400, _HUNDRED, "четыреста", "четырехсот", "четыремстам", "четырьмястами", "четырехстах")
    for value, nom, gen, dat, ins in (
        (500, "пятьсот", "пятисот", "пятистам", "пятьюстами"),
        (600, "шестьсот", "шестисот", "шестистам", "шестьюстами"),
        (700, "семьсот", "семисот", "семистам", "семьюстами"),
        (800, "восемьсот", "восьмисот", "восьмистам", "восьмьюстами"),
        (900, "девятьсот", "девятисот", "девятистам", "девятьюстами"),
    ):
        add(value, _HUNDRED, nom, gen, dat, ins, gen[:-2] + "стах")
    table["восемьюстами"] = (Decimal(800), _HUNDRED)
    add(1.5, _HALF, "полтора", "полторы", "полутора")
    add(1000, _MULT, "тысяча", "тысячи", "тысяч", "тысяче", "тысячу", "тысячей", "тысячею", "тысячам",
        "тысячами", "тысячах")  # fmt: skip
    for value, stem in ((10**6, "миллион"), (10**9, "миллиард"), (10**12, "триллион")):
        add(value, _MULT, stem, *(stem + end for end in ("а", "ов", "у", "ом", "е", "ы", "ам", "ами", "ах")))
    return table


_RU: Final = _ru_table()
# A thousand/million word with no number before it counts as one only in the singular: "тысячи
# школ" alone may be "thousands of schools", so the plural forms need a number.
_RU_SINGULAR_MULT: Final = frozenset(
    {"тысяча", "тысячи", "тысячу", "тысячей", "тысяче"}
    | {stem + end for stem in ("миллион", "миллиард", "триллион") for end in ("", "а", "у", "ом", "е")}
)

_KK_STEMS: Final[dict[str, tuple[Decimal, str]]] = {
    stem: (Decimal(value), kind)
    for stem, value, kind in (
        ("бір", 1, _UNIT), ("екі", 2, _UNIT), ("үш", 3, _UNIT), ("төрт", 4, _UNIT), ("бес", 5, _UNIT),
        ("алты", 6, _UNIT), ("жеті", 7, _UNIT), ("сегіз", 8, _UNIT), ("тоғыз", 9, _UNIT),
        ("он", 10, _TEN), ("жиырма", 20, _TEN), ("отыз", 30, _TEN), ("қырық", 40, _TEN),
        ("елу", 50, _TEN), ("алпыс", 60, _TEN), ("жетпіс", 70, _TEN), ("сексен", 80, _TEN),
        ("тоқсан", 90, _TEN), ("жүз", 100, _HUNDREDS), ("мың", 1000, _MULT),
        ("миллион", 10**6, _MULT), ("миллиард", 10**9, _MULT), ("триллион", 10**12, _MULT),
    )
}  # fmt: skip
# Collective numerals ("екеуі" = the two of them) take possessive and case endings.
_KK_COLLECTIVE: Final = {
    "екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7, "сегізеу": 8, "тоғызау": 9,
    "онау": 10,
}  # fmt: skip
# Case endings a Kazakh numeral takes (both harmonies, every allomorph): dative, locative,
# ablative, genitive, accusative, instrumental, similative ("жүздей" = about a hundred).
_KK_CASE = "[ғгқк][ае]|[дтн][ае]н|[дтн][ае]|[дтн][ыі]ң|[дтн][ыі]|[мбп]ен|[дт][ае]й"
_KK_COLLECTIVE_END = (
    "(?:[ыі]|[ыі]?м[ыі]з|[ыі]ң[ыі]з)?(?:н[ае]н|нд[ае]|н[ае]|н[ыі]ң|н|мен|[дтн][ыі]|[ғгқк][ае])?"
)
_KK_WORD = re.compile(
    "(?:(?P<collective>"
    + "|".join(sorted(_KK_COLLECTIVE, key=len, reverse=True))
    + ")"
    + _KK_COLLECTIVE_END
    + ")"
    "|(?:(?P<stem>" + "|".join(sorted(_KK_STEMS, key=len, reverse=True)) + ")"
    "(?P<ending>" + _KK_CASE + ")?)"
)
# Forms that look like an inflected numeral but are other words: онда "there" (бір with an ending,
# бірге "together", бірден "at once", is handled by a rule below).
_KK_NOT_NUMBERS: Final = frozenset({"онда"})
_KK_HALF: Final = "жарым"

_HOMOGLYPHS: Final = str.maketrans({"ё": "е", "i": "і", "ı": "і"})


def _fold(token: str) -> str:
    return token.lower().translate(_HOMOGLYPHS)


def word_value(token: str, lang: str) -> tuple[Decimal, str, bool] | None:
    """Value, kind and "ends the number" flag of one numeral word, or ``None``.

    ``lang`` is ``"ru"`` or ``"kk"``. Kazakh words with a case or collective ending end the number.
    """
    word = _fold(token)
    if lang == "ru":
        found = _RU.get(word.replace("ё", "е"))
        return (found[0], found[1], False) if found else None
    if word in _KK_NOT_NUMBERS:
        return None
    if word == _KK_HALF:
        return Decimal("0.5"), _HALF, False
    m = _KK_WORD.fullmatch(word)
    if m is None:
        return None
    if m.group("collective"):
        return Decimal(_KK_COLLECTIVE[m.group("collective")]), _UNIT, True
    stem, ending = m.group("stem"), m.group("ending")
    if stem == "бір" and ending:
        return None  # бірге, бірден, ...: adverbs far more often than "one" in a case
    value, kind = _KK_STEMS[stem]
    return value, kind, bool(ending)


def words_to_number(tokens: list[str], lang: str) -> tuple[int, int] | None:
    """Read a number written in words at the start of ``tokens``: ``(value, tokens consumed)``.

    ``lang`` is ``"ru"`` or ``"kk"``. Reads as many words as form one number ("две тысячи пятьсот",
    "екі мың бес жүз") and stops before the first word that does not continue it. ``полтора`` and
    ``бір жарым`` (one and a half) count only before a thousand/million word ("полтора миллиона").
    A thousand/million word alone is one of it ("миллиард теңге"; in Russian only in the singular).
    Returns ``None`` when the first token is not a numeral or the value is not whole.
    """
    total = Decimal(0)  # completed thousand-groups
    group = Decimal(0)  # the part below the current thousand
    stage = 0  # inside a group: 0 start, 1 after hundreds, 2 after tens, 3 after a unit/teen
    last_mult: Decimal | None = None
    pending_half = False  # полтора / жарым must be followed by a thousand word
    good = 0  # tokens consumed up to the last point where the number was complete
    good_value = Decimal(0)
    for used, token in enumerate(tokens, start=1):
        found = word_value(token, lang)
        if found is None:
            break
        value, kind, final = found
        if kind == _MULT:
            if last_mult is not None and value >= last_mult:
                break
            if group == 0 and stage == 0:
                if used > 1 or (lang == "ru" and _fold(token) not in _RU_SINGULAR_MULT):
                    break
                group = Decimal(1)
            total += group * value
            group, stage, last_mult, pending_half = Decimal(0), 0, value, False
        elif pending_half:
            break
        elif kind == _HALF:
            if lang == "ru":
                if stage != 0 or group:
                    break
                group, stage = value, 3
            else:
                if stage != 3:
                    break
                group += value
            pending_half = True
        elif kind == _HUNDRED:
            if stage != 0:
                break
            group, stage = group + value, 1
        elif kind == _HUNDREDS:
            if stage == 1 or stage == 2:
                break
            # екі жүз: the unit before жүз multiplies it; жүз alone is a hundred
            group = (group or Decimal(1)) * value
            stage = 1
        elif kind == _TEN or (kind == _TEEN and lang == "ru"):
            if stage > 1:
                break
            group, stage = group + value, (2 if kind == _TEN else 3)
        else:  # unit
            if stage > 2:
                break
            group, stage = group + value, 3
        if not pending_half:
            good, good_value = used, total + group
        if final:
            break
    if good == 0 or good_value != good_value.to_integral_value():
        return None
    return int(good_value), good


_STARTS: Final = tuple(sorted({*_RU, *_KK_STEMS, *_KK_COLLECTIVE, _KK_HALF}))
_FIRST_LETTERS: Final = "".join(sorted({w[0] for w in _STARTS} | {w[0].upper() for w in _STARTS}))
_CANDIDATE = re.compile(rf"(?<![\w\-])[{_FIRST_LETTERS}][^\W\d_]*")
_RU_FORMS: Final = frozenset(_RU)
_KK_PREFIXES: Final = tuple(sorted({*_KK_STEMS, *_KK_COLLECTIVE, _KK_HALF}))


def numeral_candidates(text: str) -> Iterator[re.Match[str]]:
    """Words of ``text`` that may start a written-out number, in either language; confirm each with
    :func:`word_value` in the language of its text. (A word scan with set look-ups: much faster than
    one regex of every numeral form.)"""
    for m in _CANDIDATE.finditer(text):
        word = _fold(m.group(0))
        if word.replace("ё", "е") in _RU_FORMS or word.startswith(_KK_PREFIXES):
            yield m
