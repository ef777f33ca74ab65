"""Kazakh written in Latin or Arabic script: detect it and transliterate it to Cyrillic.

The extractors read Cyrillic, so Kazakh news published in Latin (the official 2017, 2018 and 2021
alphabets, or informal "Memleket basshysynyn Joldauy" spellings) or in the Arabic-based töte jazu of
the Kazakhs of China is turned into Cyrillic here, keeping a map back to the source characters so
that evidence spans found in the Cyrillic text point into the original.

Letter tables (checked against the Kazakh-alphabet articles of Wikipedia and the qazlatyn-db table):

=======  =====  =====  =====  ======  =====  =====  =====  =====  ======
Cyrl     2017   2018   2021   Arabic  Cyrl   2017   2018   2021   Arabic
=======  =====  =====  =====  ======  =====  =====  =====  =====  ======
ә        a'     á      ä      ٴا ٵ    ң      n'     ń      ñ      ڭ
ғ        g'     ǵ      ğ      ع       ө      o'     ó      ö      ٴو ٶ
ж        j      j      j      ج       у      y'     ý      u      ۋ
и, й     i'     ı      i      ي       ұ      u      u      ū      ۇ
і        i      i      ı      ٴى ٸ    ү      u'     ú      ü      ٴۇ ٷ
ы        y      y      y      ى       ш      s'     sh     ş      ش
қ        q      q      q      ق       ч      c'     ch     ç      چ
х, һ     h      h      h      ح ھ     е      e      e      e      ە
=======  =====  =====  =====  ======  =====  =====  =====  =====  ======

Kazakh vowel harmony fills what a script leaves out: in töte one hamza (ٴ) before a word makes all
its vowels front, and in informal Latin the front/back class of a word decides o/ө, u/ұ/ү and k/қ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "ALPHABETS",
    "Transliteration",
    "arabic_kazakh_score",
    "detect_script",
    "latin_kazakh_score",
    "to_cyrillic",
]

ALPHABETS: tuple[str, ...] = ("latin2017", "latin2018", "latin2021", "latin_informal", "arabic")

SCRIPT_SHARE = 0.8  # a script must hold this share of the letters, else the text is "mixed"

CYR_VOWELS = frozenset("аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯ")
_GLIDE_AFTER = CYR_VOWELS - {"у", "У"}  # й (not и) follows these; у is itself a glide ([w])

# ---------------------------------------------------------------------------------------------
# Scripts
# ---------------------------------------------------------------------------------------------

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_TATWEEL = "\u0640"


@lru_cache(maxsize=4096)
def _letter_script(ch: str) -> str | None:
    """'cyrl' | 'latn' | 'arab' | 'other' for a letter, None for anything else."""
    if not ch.isalpha() or ch == _TATWEEL:
        return None
    cp = ord(ch)
    if 0x0400 <= cp <= 0x052F:
        return "cyrl"
    if any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES):
        return "arab"
    if cp < 0x80 or "LATIN" in unicodedata.name(ch, ""):
        return "latn"
    return "other"


def _is_latin(ch: str) -> bool:
    return _letter_script(ch) == "latn"


def _is_arabic(ch: str) -> bool:
    return _letter_script(ch) == "arab" or ch in _ARABIC_MARKS


def _script_counts(text: str) -> dict[str, int]:
    counts = {"cyrl": 0, "latn": 0, "arab": 0, "other": 0}
    for ch in text:
        script = _letter_script(ch)
        if script is not None:
            counts[script] += 1
    return counts


def detect_script(text: str) -> str:
    """The script of ``text`` by letter counts: "cyrl", "latn", "arab", "mixed" or "none".

    A script wins when it holds at least 80 % of the letters; text without Cyrillic, Latin or Arabic
    letters is "none".
    """
    counts = _script_counts(text)
    known = counts["cyrl"] + counts["latn"] + counts["arab"]
    if known == 0:
        return "none"
    total = known + counts["other"]
    best = max(("cyrl", "latn", "arab"), key=lambda s: counts[s])
    return best if counts[best] >= SCRIPT_SHARE * total else "mixed"


# ---------------------------------------------------------------------------------------------
# The result type
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Transliteration:
    """Cyrillic text with, for every character, the index of the source character it came from."""

    text: str
    to_source: list[int]  # len(text) + 1 entries, non-decreasing, the last one == len(source)
    alphabet: str  # one of ALPHABETS, or "none" when nothing was transliterated

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``text[start:end]`` to a ``(start, end)`` span of the source text."""
        last = len(self.to_source) - 1
        start = min(max(start, 0), last)
        end = min(max(end, start), last)
        return self.to_source[start], self.to_source[end]


class _Builder:
    """Collects output characters with their source indices.

    Source characters that produce nothing (hamza, tatweel, direction marks) are attached to the next
    output character, so a word's span covers its hamza.
    """

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.src: list[int] = []
        self._pending: int | None = None

    def drop(self, index: int) -> None:
        if self._pending is None:
            self._pending = index

    def add(self, text: str, index: int) -> None:
        if self._pending is not None:
            index, self._pending = min(index, self._pending), None
        for ch in text:
            self.chars.append(ch)
            self.src.append(index)

    def build(self, source_len: int, alphabet: str) -> Transliteration:
        return Transliteration("".join(self.chars), [*self.src, source_len], alphabet)


def _identity(text: str) -> Transliteration:
    return Transliteration(text, list(range(len(text) + 1)), "none")


def _compose(first: Transliteration, second: Transliteration) -> Transliteration:
    """``second`` was made from ``first.text``: map its characters all the way back."""
    to_source = [first.to_source[i] for i in second.to_source]
    return Transliteration(second.text, to_source, second.alphabet)


# ---------------------------------------------------------------------------------------------
# Latin: letters, segments and the alphabet variant
# ---------------------------------------------------------------------------------------------

APOSTROPHES = frozenset("'’ʼ‘`´ʻ")
_MODIFIABLE = frozenset("aginouyscAGINOUYSC")  # letters that take a 2017 apostrophe
_DIGRAPHS = frozenset({"sh", "ch", "zh", "kh", "gh"})

# letters that mean the same in every Latin alphabet we read
_LATIN_COMMON: dict[str, str] = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "v": "в", "w": "у", "x": "х", "z": "з",
    "á": "ә", "ä": "ә", "ə": "ә", "ǵ": "ғ", "ğ": "ғ", "ń": "ң", "ñ": "ң", "ŋ": "ң",
    "ó": "ө", "ö": "ө", "ú": "ү", "ü": "ү", "ū": "ұ", "ý": "у", "ş": "ш", "ç": "ч",
    "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "gh": "ғ", "ng": "ң", "ts": "ц",
    "a'": "ә", "g'": "ғ", "n'": "ң", "o'": "ө", "u'": "ү", "y'": "у", "s'": "ш", "c'": "ч",
}  # fmt: skip

_LAT_VOWELS = frozenset([*"aeiouyıIİáäəóöúüūý", "a'", "o'", "u'", "i'", "y'"])
_A_LIKE = frozenset({"a", "á", "ä", "ə", "a'"})
_FRONT_ALWAYS = frozenset({"e", "á", "ä", "ə", "ó", "ö", "ú", "ü", "a'", "o'", "u'"})
_BACK_ALWAYS = frozenset({"a", "q", "ū", "ǵ", "ğ", "gh", "g'"})

# Russian loans keep Russian spelling (и, о, у, к, г, э), not Kazakh vowel harmony. After a whole
# stem the Kazakh endings follow the stem's last vowel (Prezidentiniń → Президентінің).
_LOAN_STEMS_CYR = (
    "президент", "парламент", "министр", "республика", "департамент", "экономика", "электр",
    "энергетика", "экспорт", "эксперт", "эфир", "интеллект", "интернет", "спорт", "проект",
    "программа", "газ", "банк", "бюджет", "инженер", "конгресс", "комитет", "коронавирус",
    "клиника", "кино", "театр", "фестиваль", "форум", "институт", "университет", "колледж", "метро",
    "телефон", "реформа", "регион", "сенат", "депутат", "сектор", "минут", "километр", "процент", "орган",
)  # fmt: skip
# prefixes of loans whose endings we cannot split off (-ия words, экономист ...)
_LOAN_PREFIXES_CYR = (
    "эконом", "эколог", "энерг", "компан", "корпорац", "академ", "агро", "авто", "аэро", "стратег",
    "модернизац", "инвестиц", "инновац", "технолог", "цифр", "цифрл", "федерац", "сесси", "музей",
    "кампан", "информац", "коммуникац", "конституц", "техник", "политик", "диджитал", "организац",
)  # fmt: skip
_CYR_TO_FOLDED = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    }
)  # fmt: skip
_LOAN_STEMS = tuple(sorted({w.translate(_CYR_TO_FOLDED) for w in _LOAN_STEMS_CYR}, key=len, reverse=True))
_LOAN_PREFIXES = tuple(w.translate(_CYR_TO_FOLDED) for w in _LOAN_PREFIXES_CYR)
# Arabic script writes э as ە (е): compare Cyrillic loans with э folded to е
_LOAN_CYR_E = tuple(w.replace("э", "е") for w in _LOAN_STEMS_CYR + _LOAN_PREFIXES_CYR)
_RE_SURNAME = re.compile(r"(?:ov|ev|ova|eva|ovich|evich|ovna|evna)$")  # Тоқаев is not a loan

# frequent informal spellings whose Kazakh letters cannot be recovered by rule (ә, ң, у for u)
_INFORMAL_STEMS: dict[str, str] = {
    "akimat": "акимат", "akimshil": "әкімшіл", "akim": "әкім", "jane": "және", "zhane": "және",
    "aleumet": "әлеумет", "alem": "әлем", "adilet": "әділет", "adil": "әділ", "azir": "әзір",
    "asker": "әскер", "aser": "әсер", "kasip": "кәсіп", "tartip": "тәртіп", "dastur": "дәстүр",
    "masele": "мәселе", "manyz": "маңыз", "jana": "жаңа", "zhana": "жаңа", "onir": "өңір",
    "kenes": "кеңес", "tenge": "теңге", "kazakh": "қазақ", "turaly": "туралы", "boyinsha": "бойынша",
    "natije": "нәтиже", "bagyt": "бағыт",
    # compounds whose halves disagree in vowel harmony
    "soltustik": "солтүстік", "kokshetau": "көкшетау", "aktobe": "ақтөбе", "aqtobe": "ақтөбе",
    "turkistan": "түркістан", "elbasy": "елбасы", "maslihat": "мәслихат",
    "maslikhat": "мәслихат",
}  # fmt: skip
_INFORMAL_STEMS_LONGEST_FIRST = sorted(_INFORMAL_STEMS, key=len, reverse=True)


class _Unit(NamedTuple):
    ch: str  # one composed character
    start: int
    end: int


class _Seg(NamedTuple):
    lat: str  # lower-case letter, digraph or 2017 pair; "I" and "İ" keep their case
    start: int
    end: int
    upper: bool


def _units(text: str) -> list[_Unit]:
    """Characters of ``text`` with combining accents folded into their Latin base letter."""
    units: list[_Unit] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if _is_latin(ch):
            while j < n and unicodedata.combining(text[j]):
                j += 1
            if j > i + 1:
                composed = unicodedata.normalize("NFC", text[i:j])
                ch = composed if len(composed) == 1 else ch
        units.append(_Unit(ch, i, j))
        i = j
    return units


def _lower(ch: str) -> str:
    if ch in {"I", "İ"}:
        return ch
    low = ch.lower()
    return low if len(low) == 1 else ch


def _segments(word: list[_Unit], mode: str) -> list[_Seg]:
    """Split a Latin word into letters, digraphs and 2017 apostrophe pairs."""
    segs: list[_Seg] = []
    i, n = 0, len(word)
    while i < n:
        unit = word[i]
        low = _lower(unit.ch)
        upper = unit.ch.isupper()
        nxt = word[i + 1].ch if i + 1 < n else ""
        if nxt in APOSTROPHES and unit.ch in _MODIFIABLE:
            segs.append(_Seg(low.lower() + "'", unit.start, word[i + 1].end, upper))
            i += 2
            continue
        pair = (low + nxt).lower()
        if pair in _DIGRAPHS or (pair == "ts" and i == 0):
            segs.append(_Seg(pair, unit.start, word[i + 1].end, upper))
            i += 2
            continue
        if pair == "ng" and mode == "latin_informal" and i + 2 == n:
            segs.append(_Seg(pair, unit.start, word[i + 1].end, upper))
            i += 2
            continue
        segs.append(_Seg(low, unit.start, unit.end, upper))
        i += 1
    return segs


def _latin_words(units: list[_Unit], mode: str) -> Iterable[tuple[int, int]]:
    """(first, end) unit ranges of Latin words; in 2017 mode they take their modifier apostrophes."""
    i, n = 0, len(units)
    open_quote = False
    while i < n:
        ch = units[i].ch
        if ch in APOSTROPHES:
            prev_letter = i > 0 and _is_latin(units[i - 1].ch)
            next_letter = i + 1 < n and _is_latin(units[i + 1].ch)
            if not prev_letter and next_letter:
                open_quote = True
            i += 1
            continue
        if not _is_latin(ch):
            i += 1
            continue
        start = i
        while i < n:
            if _is_latin(units[i].ch):
                i += 1
                continue
            if mode == "latin2017" and units[i].ch in APOSTROPHES and units[i - 1].ch in _MODIFIABLE:
                next_letter = i + 1 < n and _is_latin(units[i + 1].ch)
                if next_letter:
                    i += 1
                    continue
                if open_quote:  # a closing quote, not ң/ә/...
                    open_quote = False
                    break
                i += 1
            break
        yield start, i


_RE_2018 = re.compile("[áǵńóúýÁǴŃÓÚÝ]")
_RE_2021 = re.compile("[äğñöūüşçŋəÄĞÑÖŪÜŞÇŊƏİ]")
_RE_2017 = re.compile(r"[aginouyscAGINOUYSC]['’ʼ‘`´](?=[^\W\d_])")
_RE_WORD = re.compile(r"[^\W\d_]+")
_FRONT_LETTERS = frozenset("eiıäöüáóúəEIÄÖÜÁÓÚƏ")
_BACK_LETTERS = frozenset("aoyqAOYQ")  # not u: it is у in 2021


def _latin_alphabet(text: str) -> str:
    """Which Latin alphabet a text uses, from its special letters; informal when it has none."""
    text = unicodedata.normalize("NFC", text)
    c2018 = float(len(_RE_2018.findall(text)))
    c2021 = float(len(_RE_2021.findall(text)))
    c2017 = float(len(_RE_2017.findall(text)))
    words = _RE_WORD.findall(text) if "ı" in text else []
    for word in words:
        low = word.lower()
        if "ı" in low:
            # 2021 ı is і, found in front words only; 2018 ı is и/й, found in back words too
            if any(c in _BACK_LETTERS for c in low):
                c2018 += 0.5
            elif any(c in _FRONT_LETTERS for c in low):
                c2021 += 0.5
        elif re.search("(?<![aeiouy])i(?![aeiouy])", low) and not set(low) & set("aouyq"):
            c2018 += 0.25  # 2018 writes і as i (ister, bilim); 2021 would write ı
    best = max(c2018, c2021, c2017)
    if best == 0:
        return "latin_informal"
    if c2018 == best:
        return "latin2018"
    return "latin2021" if c2021 == best else "latin2017"


@dataclass(frozen=True, slots=True)
class _LatinContext:
    mode: str
    strict2021: bool  # the 2021 text writes і as ı, so plain i is и/й
    y_after_vowel: str  # informal: "y" after a vowel is й (Russian style) or у (2018 without accents)
    k_by_harmony: bool  # informal text without q: k next to a back vowel is қ
    g_by_harmony: bool  # informal text without gh/ǵ/ğ: g next to a back vowel is ғ


def _latin_context(text: str, mode: str) -> _LatinContext:
    low = unicodedata.normalize("NFC", text).lower()
    # 2018 spelling without accents writes й as i and у as y (saılaý → sailay); Russian-style
    # spelling writes й as y and у as u (saylau), ж as zh and қ as k
    stripped_2018 = len(re.findall("q|[aeou]i(?![aeiouy])", low)) + 0.5 * len(re.findall("(?<![zd])j", low))
    russian_style = len(re.findall("[aeo]u|zh|kh", low))
    return _LatinContext(
        mode=mode,
        strict2021=("ı" in low or "İ" in text),
        y_after_vowel="й" if russian_style > stripped_2018 or not (russian_style or stripped_2018) else "у",
        k_by_harmony="q" not in low,
        g_by_harmony=not re.search("gh|ǵ|ğ|g['’ʼ]", low),
    )


class _Word:
    """One Latin word being resolved into Cyrillic letters."""

    def __init__(self, segs: list[_Seg], ctx: _LatinContext) -> None:
        self.segs = segs
        self.ctx = ctx
        self.folded = "".join(_fold_seg(s.lat) for s in segs)
        self.known_stem = False  # the loan is one of _LOAN_STEMS: its i is и in every alphabet
        self.loan_end = self._loan_end()  # segments [0, loan_end) keep Russian spelling
        self.harmony = self._harmony(0, len(segs))
        self.suffix_harmony = self.harmony
        if 0 < self.loan_end < len(segs):
            last_vowel = max((j for j in range(self.loan_end) if self._is_vowel(j)), default=0)
            self.suffix_harmony = self._harmony(
                last_vowel, len(segs), skip=range(last_vowel + 1, self.loan_end)
            )

    def _is_vowel(self, k: int) -> bool:
        return 0 <= k < len(self.segs) and self.segs[k].lat in _LAT_VOWELS

    def _loan_end(self) -> int:
        for stem in _LOAN_STEMS:
            if self.folded.startswith(stem):
                count = self._segs_covering(len(stem))
                self.known_stem = True
                return count if count else len(self.segs)
        folded = _RE_SURNAME.sub("", self.folded) if len(self.folded) > 5 else self.folded
        if any(c in folded for c in "vfc") or folded.startswith(_LOAN_PREFIXES):
            return len(self.segs)
        if len(self.segs) >= 2 and not self._is_vowel(0) and not self._is_vowel(1):
            return len(self.segs)  # a native word never starts with two consonants
        return 0

    def _segs_covering(self, length: int) -> int:
        """How many segments spell the first ``length`` folded letters (0 if a digraph is split)."""
        count = total = 0
        while total < length and count < len(self.segs):
            total += len(_fold_seg(self.segs[count].lat))
            count += 1
        return count if total == length else 0

    def _loan(self, k: int) -> bool:
        return k < self.loan_end

    def _harm(self, k: int) -> str:
        return self.suffix_harmony if self.loan_end and k >= self.loan_end else self.harmony

    def _seg_class(self, k: int) -> str | None:
        lat, mode = self.segs[k].lat, self.ctx.mode
        if lat in _FRONT_ALWAYS:
            return "F"
        if lat in _BACK_ALWAYS:
            return "B"
        near_vowel = self._is_vowel(k - 1) or self._is_vowel(k + 1)
        if lat == "y":
            return "B" if mode != "latin_informal" or not near_vowel else None
        if lat == "u":
            return "B" if mode in {"latin2017", "latin2018"} else None
        if lat == "ı":
            return "F" if mode == "latin2021" else None
        if lat in {"i", "I"}:
            if mode == "latin2017" or (mode == "latin2018" and lat == "i"):
                return "F"
            if mode == "latin2021" and self.ctx.strict2021:
                return "F" if lat == "I" else None
            if mode in {"latin_informal", "latin2021"}:
                return None if self._is_vowel(k - 1) else "F"
        return None

    def _harmony(self, start: int, end: int, skip: Iterable[int] = ()) -> str:
        skipped = set(skip)
        classes = {self._seg_class(k) for k in range(start, end) if k not in skipped}
        front, back = "F" in classes, "B" in classes
        if front and back:
            return "mixed"
        return "front" if front else "back" if back else "neutral"

    def resolve(self, out: _Builder) -> None:
        segs = self.segs
        k = 0
        prev = ""  # the previous Cyrillic letter (lower case)
        if self.ctx.mode == "latin_informal":
            k, prev = self._informal_stem(out)
        while k < len(segs):
            seg = segs[k]
            cyr, used = self._letter(k, prev)
            if seg.upper:
                cyr = cyr.upper()
            out.add(cyr, seg.start)  # a merged pair (ıa → я) is covered by its first segment
            prev = cyr[-1].lower() if cyr else prev
            k += used

    def _informal_stem(self, out: _Builder) -> tuple[int, str]:
        """Emit a known informal stem (akim → әкім); returns (segments used, last letter)."""
        for stem in _INFORMAL_STEMS_LONGEST_FIRST:
            count = self._segs_covering(len(stem)) if self.folded.startswith(stem) else 0
            if not count:
                continue
            cyr = _INFORMAL_STEMS[stem]
            for j, letter in enumerate(cyr):
                seg = self.segs[min(j * count // len(cyr), count - 1)]
                out.add(letter.upper() if seg.upper else letter, seg.start)
            last_vowel = next((c for c in reversed(cyr) if c in CYR_VOWELS), "")
            self.harmony = "front" if last_vowel in "әеөүіи" else "back"
            self.loan_end = 0
            return count, cyr[-1]
        return 0, ""

    def _letter(self, k: int, prev: str) -> tuple[str, int]:
        """The Cyrillic for segment k and how many segments it used."""
        seg = self.segs[k]
        lat, mode = seg.lat, self.ctx.mode
        nxt = self.segs[k + 1].lat if k + 1 < len(self.segs) else ""
        informal = mode == "latin_informal"
        if lat == "e" and k == 0 and self._loan(k):
            return "э", 1
        if lat == "y":
            return self._informal_y(k, prev, nxt) if informal else ("ы", 1)
        if lat == "u":
            if mode in {"latin2017", "latin2018"}:
                return "ұ", 1
            return self._informal_u(k, prev, nxt) if informal else ("у", 1)
        if lat in {"i", "I", "ı", "İ", "i'"}:
            return self._i_letter(k, lat, prev, nxt)
        if informal and lat == "o":
            front_first = self._harm(k) == "front" and not self._vowel_before(k) and not self._loan(k)
            return ("ө" if front_first else "о"), 1
        if informal and lat in {"k", "g"} and not self._loan(k):
            allowed = self.ctx.k_by_harmony if lat == "k" else self.ctx.g_by_harmony
            if allowed and self._next_to_back_vowel(k):
                return ("қ" if lat == "k" else "ғ"), 1
        if lat == "ts" and k == 0:
            return "ц", 1
        if informal and lat == "n" and self._genitive_n(k):
            return "ң", 1
        cyr = _LATIN_COMMON.get(lat)
        if cyr is not None:
            return cyr, 1
        base = unicodedata.normalize("NFD", lat)[:1]
        # other accented Latin letters (é, è ...) read as their base letter; the rest (ß, ø) stays
        return (_LATIN_COMMON.get(base, lat) if base.isascii() else lat), 1

    def _genitive_n(self, k: int) -> bool:
        """Final n of the genitive -nyn/-dyn/-tyn (-ның, -дың, -тің), written without ń."""
        lats = [s.lat for s in self.segs]
        if k != len(lats) - 1 or len(lats) < 5 or lats[k - 1] not in {"y", "i"}:
            return False
        before = lats[k - 2]
        if before == "t":  # -atyn/-etin after a vowel is the participle (bolatyn)
            return not self._is_vowel(k - 3)
        return before in {"n", "d"}

    def _vowel_before(self, k: int) -> bool:
        return any(self._is_vowel(j) for j in range(k))

    def _next_to_back_vowel(self, k: int) -> bool:
        for j in (k + 1, k - 1):
            if not self._is_vowel(j):
                continue
            lat = self.segs[j].lat
            if lat in {"a", "y", "ū"}:
                return True
            if lat in {"o", "u"}:
                return self._harm(k) == "back"
            return False
        return False

    def _i_letter(self, k: int, lat: str, prev: str, nxt: str) -> tuple[str, int]:
        mode, after_vowel = self.ctx.mode, prev in _GLIDE_AFTER
        if lat == "i'" or lat == "İ" or (lat == "ı" and mode != "latin2021"):
            return self._i_short(k, prev, nxt)
        if lat == "i" and self.known_stem and self._loan(k) and mode in {"latin2017", "latin2018"}:
            return "и", 1  # Prezident written without ı
        if mode == "latin2017":
            return "і", 1
        if mode == "latin2018":
            if lat == "i":
                return "і", 1
            # capital I is both ı and i in 2018: decide by the word's vowels
            if after_vowel or self._loan(k) or self._harm(k) in {"back", "mixed"}:
                return self._i_short(k, prev, nxt)
            return "і", 1
        if mode == "latin2021":
            if lat in {"ı", "I"} and (self.ctx.strict2021 or lat == "ı"):
                return "і", 1
            if self.ctx.strict2021:
                return self._i_short(k, prev, nxt)
        # informal (and 2021 written without ı): і in front words, и/й elsewhere
        if nxt == "i":
            return "и", 1  # tiis = тиіс, jii = жиі
        if (after_vowel and prev not in {"и", "і"}) or (k == 0 and nxt in _A_LIKE):
            return self._i_short(k, prev, nxt)
        if nxt == "y" or self._loan(k) or self._harm(k) == "back":
            return "и", 1  # biyl = биыл
        if self._harm(k) == "mixed" and not self._front_before(k):
            return "и", 1  # in a word of both classes an ending follows the vowel before it
        return "і", 1

    def _front_before(self, k: int) -> bool:
        """Whether the nearest vowel before segment k is a front vowel (қызмет-і, Екібастұз)."""
        for j in range(k - 1, -1, -1):
            if self._is_vowel(j):
                return self.segs[j].lat in _FRONT_ALWAYS or self.segs[j].lat in {"i", "ı"}
        return False

    def _i_short(self, k: int, prev: str, nxt: str) -> tuple[str, int]:
        """и or й; before a at the start or after a vowel it is я (ıa), before у always ю (ıý)."""
        glide = k == 0 or prev in _GLIDE_AFTER
        if glide and nxt in _A_LIKE:
            return "я", 2
        if nxt in {"ý", "y'"} or (nxt == "u" and self.ctx.mode == "latin2021" and self.ctx.strict2021):
            return "ю", 2  # Bıýdjet = Бюджет, jııý = жию
        return ("й" if prev in _GLIDE_AFTER else "и"), 1

    def _informal_y(self, k: int, prev: str, nxt: str) -> tuple[str, int]:
        if prev in {"и", "і"}:  # biyl = биыл, but Dmitriy = Дмитрий, kampaniya = кампания
            if nxt in {"a", "u"}:
                return {"a": "я", "u": "ю"}[nxt], 2
            return ("й" if k + 1 == len(self.segs) else "ы"), 1
        glide = k == 0 or prev in _GLIDE_AFTER
        if glide and nxt == "e":  # Tokayev, Yerlan
            return "е", 2
        if k == 0 and self.ctx.y_after_vowel == "у" and nxt in _LAT_VOWELS:
            return "у", 1  # 2018 without accents: yaqyt = ýaqyt = уақыт
        if glide and nxt in {"a", "u"}:
            return {"a": "я", "u": "ю"}[nxt], 2
        if prev in _GLIDE_AFTER:
            return self.ctx.y_after_vowel, 1
        if k == 0 and nxt in _LAT_VOWELS:
            return "й", 1
        return "ы", 1

    def _informal_u(self, k: int, prev: str, nxt: str) -> tuple[str, int]:
        glide_i = nxt == "i" and not self._is_vowel(k + 2)  # ui is ұй/үй (uiym = ұйым)
        if prev in CYR_VOWELS or (nxt in _LAT_VOWELS and not glide_i) or k + 1 == len(self.segs):
            return "у", 1
        if self._loan(k):
            return "у", 1
        if self._harm(k) == "front":
            return "ү", 1
        return ("ұ" if not self._vowel_before(k) else "у"), 1


def _fold_seg(lat: str) -> str:
    """A segment as plain lower-case ASCII-ish letters, for stem look-ups."""
    lat = lat.lower().replace("'", "")
    return {"ı": "i", "i̇": "i"}.get(lat, lat)


def _latin_to_cyrillic(text: str, mode: str) -> Transliteration:
    ctx = _latin_context(text, mode)
    units = _units(text)
    out = _Builder()
    pos = 0
    for first, end in _latin_words(units, mode):
        for unit in units[pos:first]:
            out.add(text[unit.start : unit.end], unit.start)
        _Word(_segments(units[first:end], mode), ctx).resolve(out)
        pos = end
    for unit in units[pos:]:
        out.add(text[unit.start : unit.end], unit.start)
    return out.build(len(text), mode)


# ---------------------------------------------------------------------------------------------
# Arabic (töte jazu)
# ---------------------------------------------------------------------------------------------

_HAMZAS = frozenset("\u0674\u0621\u0654")  # high hamza, hamza, combining hamza above
_FRONT_SIGNS = _HAMZAS | {"ئ"}  # ئ (the Uyghur vowel carrier) typed for the hamza
_PRECOMPOSED_FRONT = frozenset("ٵٶٷٸ")
_ARABIC_MARKS = frozenset(
    [_TATWEEL, "\u0670", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_ARABIC_VOWELS: dict[str, tuple[str, str]] = {  # letter → (back, front)
    "ا": ("а", "ә"), "ٵ": ("ә", "ә"), "آ": ("а", "ә"), "أ": ("а", "ә"), "ٱ": ("а", "ә"),
    "و": ("о", "ө"), "ٶ": ("ө", "ө"), "ۇ": ("ұ", "ү"), "ٷ": ("ү", "ү"), "ۈ": ("ү", "ү"),
    "ى": ("ы", "і"), "ٸ": ("і", "і"), "ە": ("е", "е"), "ه": ("е", "е"), "ې": ("е", "е"),
    "ة": ("а", "ә"), "إ": ("и", "и"), "ۉ": ("у", "у"),
}  # fmt: skip
_ARABIC_CONSONANTS: dict[str, str] = {
    "ب": "б", "ۆ": "в", "ڤ": "в", "ۋ": "у", "گ": "г", "ك": "к", "ک": "к", "ع": "ғ", "غ": "ғ",
    "د": "д", "ج": "ж", "ژ": "ж", "ز": "з", "ق": "қ", "ل": "л", "م": "м", "ن": "н", "ڭ": "ң",
    "پ": "п", "ر": "р", "س": "с", "ت": "т", "ف": "ф", "ح": "х", "خ": "х", "ھ": "һ", "چ": "ч",
    "ش": "ш", "ث": "с", "ذ": "з", "ص": "с", "ض": "з", "ط": "т", "ظ": "з", "ؤ": "у",
}  # fmt: skip
_ARABIC_Y = frozenset("يی")  # и / й; Persian ی stands for ي on Persian keyboards
_ARABIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {chr(0x06F0 + d): str(d) for d in range(10)}
_ARABIC_PUNCT = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ",", "٬": " ", "۔": ".", "٭": "*"}
_FRONT_CONSONANTS = frozenset("گكکەه")  # г, к and е occur in front words only
_BACK_CONSONANTS = frozenset("قعغ")  # қ and ғ occur in back words only


def _arabic_chars(text: str) -> list[tuple[str, int]]:
    """Characters of ``text`` with presentation forms (ﻻ, ﺑ ...) expanded to plain letters."""
    chars: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        cp = ord(ch)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            chars.extend((c, i) for c in unicodedata.normalize("NFKC", ch) if not c.isspace())
        else:
            chars.append((ch, i))
    return chars


def _arabic_front(word: list[str]) -> bool:
    """Without a hamza: қ/ғ make a word back, е/к/г make it front."""
    letters = set(word)
    if letters & _BACK_CONSONANTS:
        return False
    return bool(letters & _FRONT_CONSONANTS)


_INSTRUMENTAL = frozenset({"مەن", "پەن", "بەن"})
_ARABIC_LOAN_LETTERS = frozenset("فۆچ")  # ф, в, ч: Russian loans only
_ARABIC_VOWEL_LETTERS = frozenset(_ARABIC_VOWELS) | _ARABIC_Y


def _arabic_harmony(word: list[tuple[str, int]]) -> str:
    """ "front", "back" or "loan" (Russian spelling: а о у е, ы/і after the previous vowel)."""
    letters = [c for c, _ in word if c not in _ARABIC_MARKS]
    if set(letters) & _FRONT_SIGNS or set(letters) & _PRECOMPOSED_FRONT:
        return "front"
    if set(letters) & _ARABIC_LOAN_LETTERS:
        return "loan"
    if len(letters) >= 2 and not set(letters[:2]) & _ARABIC_VOWEL_LETTERS:
        return "loan"  # a Kazakh word never starts with two consonants
    probe = _Builder()
    _arabic_letters(word, probe, "loan")
    if "".join(probe.chars).replace("э", "е").startswith(_LOAN_CYR_E):
        return "loan"
    # the instrumental ending -мен/-пен/-бен does not follow harmony (жұмыспен): judge the stem
    stem = letters[:-3] if len(letters) > 4 and "".join(letters[-3:]) in _INSTRUMENTAL else letters
    return "front" if _arabic_front(stem) else "back"


def _arabic_word(word: list[tuple[str, int]], out: _Builder) -> None:
    _arabic_letters(word, out, _arabic_harmony(word))


def _arabic_letters(word: list[tuple[str, int]], out: _Builder, harmony: str) -> None:
    prev = ""
    last_vowel = ""
    back_ending = any(c in _BACK_CONSONANTS for c, _ in word)  # цифрлық, not цифрлік
    skip = -1  # index of a letter already written as part of я / ю
    for k, (ch, src) in enumerate(word):
        if ch in _FRONT_SIGNS or ch in _ARABIC_MARKS:
            out.drop(src)
            continue
        if k == skip:
            continue
        nxt_k = next((j for j in range(k + 1, len(word)) if word[j][0] not in _ARABIC_MARKS), len(word))
        nxt = word[nxt_k][0] if nxt_k < len(word) else ""
        if ch in _ARABIC_VOWELS:
            back, front = _ARABIC_VOWELS[ch]
            if harmony == "loan":
                # Russian spelling; a Kazakh ending (ы/і) follows the stem's last vowel
                front_ending = last_vowel in "еиіәөүэ" and not back_ending
                cyr = {"ы": "і" if front_ending else "ы", "ұ": "у"}.get(back, back)
                cyr = "э" if cyr == "е" and not prev else cyr
            else:
                cyr = front if harmony == "front" else back
            if ch == "ا" and prev == "и" and not nxt:  # ия at the end: Азия, тенденция
                cyr = "я"
        elif ch in _ARABIC_Y:
            glide = prev in _GLIDE_AFTER or prev == ""
            if glide and nxt == "ا":
                cyr, skip = "я", nxt_k
            elif nxt == "ۋ":
                cyr, skip = "ю", nxt_k  # يۋ is always ю (бюджет)
            else:
                cyr = "й" if prev in _GLIDE_AFTER else "и"
        elif ch == "ت" and not prev and nxt == "س" and harmony == "loan":
            cyr, skip = "ц", nxt_k  # تس at the start of a loan is ц (цифр)
        else:
            cyr = _ARABIC_CONSONANTS.get(ch, ch)
        out.add(cyr, src)
        prev = cyr[-1] if cyr else prev
        if prev in CYR_VOWELS:
            last_vowel = prev


def _arabic_to_cyrillic(text: str) -> Transliteration:
    chars = _arabic_chars(text)
    out = _Builder()
    i, n = 0, len(chars)
    while i < n:
        ch, src = chars[i]
        if _is_arabic(ch) and ch not in _ARABIC_DIGITS and ch not in _ARABIC_PUNCT:
            j = i
            while j < n and _is_arabic(chars[j][0]) and chars[j][0] not in _ARABIC_PUNCT:
                if chars[j][0] in _ARABIC_DIGITS:
                    break
                j += 1
            _arabic_word(chars[i:j], out)
            i = j
            continue
        if ch in _ARABIC_DIGITS:
            out.add(_ARABIC_DIGITS[ch], src)
        elif ch in _ARABIC_PUNCT:
            out.add(_ARABIC_PUNCT[ch], src)
        elif ch in _ARABIC_MARKS:
            out.drop(src)
        else:
            out.add(ch, src)
        i += 1
    return out.build(len(text), "arabic")


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def to_cyrillic(text: str, script: str | None = None) -> Transliteration:
    """Transliterate Kazakh in Latin or Arabic script to Cyrillic.

    ``script`` is "latn", "arab", "cyrl" or "mixed" (as returned by :func:`detect_script`), or one of
    :data:`ALPHABETS` to force a Latin alphabet; by default the script and the Latin alphabet are
    detected. Characters of other scripts, digits and punctuation are kept one to one; Cyrillic text
    comes back unchanged with ``alphabet == "none"``.
    """
    if script is None:
        script = detect_script(text)
    if script in {"cyrl", "none"}:
        return _identity(text)
    if script == "arab" or script == "arabic":
        return _arabic_to_cyrillic(text)
    if script in {"latin2017", "latin2018", "latin2021", "latin_informal"}:
        return _latin_to_cyrillic(text, script)
    if script == "latn":
        return _latin_to_cyrillic(text, _latin_alphabet(text))
    if script == "mixed":
        counts = _script_counts(text)
        if counts["latn"] == 0 and counts["arab"] == 0:
            return _identity(text)
        latin = _latin_to_cyrillic(text, _latin_alphabet(text))
        both = _compose(latin, _arabic_to_cyrillic(latin.text))
        alphabet = "arabic" if counts["arab"] > counts["latn"] else latin.alphabet
        return Transliteration(both.text, both.to_source, alphabet)
    raise ValueError(
        f"unknown script {script!r}: use 'latn', 'arab', 'cyrl', 'mixed' or one of {', '.join(ALPHABETS)}"
    )


# ---------------------------------------------------------------------------------------------
# Is it Kazakh? Latin
# ---------------------------------------------------------------------------------------------


def _skeleton(word: str) -> str:
    """A Latin word folded so that all Kazakh Latin spellings of it meet: ''Basşysynyñ'' → ''basshysynyn''."""
    s = unicodedata.normalize("NFC", word).lower()
    for apostrophe in APOSTROPHES - {"'"}:
        s = s.replace(apostrophe, "'")
    s = s.replace("s'", "sh").replace("c'", "ch").replace("y'", "u").replace("'", "")
    s = s.translate(_SKELETON_TABLE)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.replace("zh", "j").replace("gh", "g").replace("kh", "h").replace("q", "k")


_SKELETON_TABLE = str.maketrans(
    {
        "ş": "sh", "ç": "ch", "ý": "u", "ú": "u", "ü": "u", "ū": "u", "ó": "o", "ö": "o", "á": "a",
        "ä": "a", "ə": "a", "ǵ": "g", "ğ": "g", "ń": "n", "ñ": "n", "ŋ": "n", "ı": "i", "w": "u",
        "x": "h",
    }
)  # fmt: skip

_RE_V_Y = re.compile(r"(?<=[aeiouy])y(?![aeiouy])")


def _skeleton_variants(word: str) -> set[str]:
    """The skeleton plus its readings of ``y`` after a vowel (й or у) and of a final ``ng`` (ң)."""
    s = _skeleton(word)
    variants = {s, _RE_V_Y.sub("u", s), _RE_V_Y.sub("i", s)}
    if s.endswith("ng"):
        variants.add(s[:-1])
    return variants


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _skeletons(words: str) -> frozenset[str]:
    return frozenset(_skeleton(w) for w in words.split())


# Frequent Kazakh words of regional news, in any Latin spelling (folded by _skeleton)
_KK_LATIN_WORDS = _skeletons(
    """
    jane men pen bul osy sol ol bir eki ush tort bes jyl jyly jylgy jyldyn jylga biyl biylgy
    ushin turaly boiynsha arkyly kezinde sonymen birge birak degen dedi dep atap otti otken boldy
    bolady bolyp bolgan bolatyn tiis kerek emes jok kazak kazakstan kazakstannyn respublikasy
    respublikasynyn memleket memlekettik memlekettin basshy basshysy basshysynyn elbasy joldau
    joldauy joldauyn joldauynda joldauynyn joldauda oblys oblysy oblystyk oblystyn oblysynyn
    audan audany audandyk audanynyn aimak aimagy aimaktyn kala kalasy kalalyk kalasynyn akim akimi
    akimdigi akimdik akimshiligi orynbasary orynbasar tapsyrma tapsyrmasy tapsyrmalar tapsyrdy
    berdi mindet mindetter mindetin atkaru iske asyru juzege jumys jumystar jumysy jospar jospary
    baskarma baskarmasy ortalyk halyk halykka halyktyn elimiz elimizdin ulttyk kogam kogamdyk damu
    damytu saiasi aleumettik ekonomikalyk bilim densaulyk jana kop koptegen barlyk arbir sondai
    osyndai bugin keshe turgyndar turgyndary turgyndardyn kenes kenesi maslihat maslihaty kezdesu
    jiyn jiynda otyrys otyrysy otyrysynda talkylau talkylady tusindiru nasihattau jobasy jobalar
    ondiris kasiporyn kasipker kasipkerler koldau kyzmet kyzmetkerleri jetekshisi jetekshi
    bagdarlama bagdarlamasy bagyt bagyttary ozekti maseleler masele manyzdy sheshu arttyru
    kamtamasyz kurylys salu aldagy aitty aitkan atty tuzildi bastamasy sheshim shara sharalar
    jeke kauipsizdik tartip zan adilet adiletti degenmen alaida sonda kazir kazirgi jalpy nakty
    ainalasynda barysynda natijesinde natije tagy bar prezidenti ukimet ukimeti mektep auyl auyly
    sailau saylau
    """
)

_FOREIGN_LATIN_WORDS = _skeletons(
    """
    the and of to in is was for on that with as by at from this be are it an has have had will
    which or not said their its were been also new his her they he she we you would could about
    after more than into other there all one year government president region people
    ve bu için ile olarak olan daha çok gibi kadar sonra ama ancak ise değil yıl yeni büyük
    türkiye ülke başkan cumhurbaşkanı tarafından üzere olduğunu ettiği etti yapıldı mi mu ki
    içinde bakan bakanlığı belediye il ilçe
    va bilan uchun bo'yicha ham hamda esa viloyat viloyati tuman tumani hokim hokimi hokimligi
    o'zbekiston respublikasi bo'lgan bo'ladi qilish qilindi kerak yangi mazkur shuningdek lekin
    ammo barcha haqida karor davlat uning ushbu joriy yilda kabi orqali xalq
    der die das und ist nicht mit von zu den dem ein eine einen auf für sich auch wird wurde bei
    aus nach des im sie es werden dass oder wie noch über zum zur hat
    """
)

_KK_LATIN_SUFFIXES = (
    "nyn", "dyn", "tyn", "lary", "dary", "tary", "dagy", "tagy", "degi", "tegi", "lyk", "dyk",
    "tyk", "shy", "shysy", "ymyz", "imiz", "ynda", "ynyn", "syna", "ushy", "tyn",
)  # fmt: skip
_KK_STRONG_CHARS = frozenset("áǵńóúýñū")
_RE_KK_APOSTROPHE = re.compile(r"[ainuysc]['’ʼ`´]", re.IGNORECASE)
_RE_UZ_APOSTROPHE = re.compile(r"[og]['’ʼ‘ʻ`´]", re.IGNORECASE)
_RE_CYC = re.compile(r"[bcdfghjklmnpqrstvxz]y[bcdfghjklmnpqrstvxz]")
_RE_TURKISH_VERB = re.compile(r"(?:yor|yorlar|mış|miş|muş|müş|yordu)$")
_RE_LATIN_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ‘ʻ`´][^\W\d_]+)*['’ʼ]?")


def _kazakh_latin_evidence(token: str) -> float:
    low = unicodedata.normalize("NFC", token).lower()
    if _skeleton_variants(low) & _KK_LATIN_WORDS:
        return 1.0
    score = 0.0
    if any(c in _KK_STRONG_CHARS for c in low) or _RE_KK_APOSTROPHE.search(low):
        score += 1.0
    if "ä" in low:
        score += 0.5
    skeleton = _skeleton(low)
    if _RE_CYC.search(low):
        score += 0.5
    if len(skeleton) >= 5 and skeleton.endswith(_KK_LATIN_SUFFIXES):
        score += 0.5
    if "q" in low:
        score += 0.25
    return min(score, 1.0)


def _foreign_latin_evidence(token: str) -> float:
    low = unicodedata.normalize("NFC", token).lower()
    if _skeleton(low) in _FOREIGN_LATIN_WORDS:
        return 1.0
    score = 0.0
    if "ß" in low or _RE_TURKISH_VERB.search(low):
        score += 1.0
    if "ʻ" in low or (_RE_UZ_APOSTROPHE.search(low) and not _RE_KK_APOSTROPHE.search(low)):
        score += 0.5
    if "sch" in low or "th" in low or "ç" in low:
        score += 0.5
    return min(score, 1.0)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def latin_kazakh_score(text: str) -> float:
    """Evidence (0..1) that the Latin-script words of ``text`` are Kazakh.

    Kazakh Latin letters (á ǵ ń ó ú ý ñ ū, 2017 apostrophes), frequent Kazakh words and suffixes in any
    Latin spelling count for Kazakh; English, Turkish, Uzbek and German function words, Uzbek oʻ/gʻ and
    Turkish verb endings count against it.
    """
    tokens = [t for t in _RE_LATIN_TOKEN.findall(text) if _is_latin(t[0]) and len(t) >= 2]
    if not tokens:
        return 0.0
    pos = sum(_kazakh_latin_evidence(t) for t in tokens)
    neg = sum(_foreign_latin_evidence(t) for t in tokens)
    return round(_clamp((pos - 1.5 * neg) / len(tokens) / 0.4), 3)


# ---------------------------------------------------------------------------------------------
# Is it Kazakh? Arabic
# ---------------------------------------------------------------------------------------------

# Frequent Kazakh words, compared after transliteration
_KK_CYRILLIC_WORDS = _words(
    """
    және мен бұл осы сол ол бір екі үшін туралы бойынша арқылы жыл жылы жылғы биыл кезінде бірге
    бірақ деген деді деп болып болды болады бар жоқ емес тиіс керек қазақ қазақстан мемлекет
    мемлекеттік басшысы жолдау жолдауы облыс облысы облыстық аудан ауданы аймақ аймағы аймақтық
    қала қаласы ел еліміз халық халқы ұлттық қоғам даму жаңа көп барлық әр әрбір бүгін тұрғындар
    кеңес жиын жұмыс міндет тапсырма әкім әкімі өкімет үкімет мектеп оқушы ауыл ауылы шаруашылық
    мал тағы сондай ақ күні айы қытай шыңжаң іле өңір өңірі мәдениет тіл тілі туған жер су біз
    біздің оның олар қазір жылдың мың миллион мақсат нәтиже жоба жобасы даму дамыту
    """
)
_FOREIGN_ARABIC_WORDS = _words(
    """
    في من على إلى الى عن أن ان هذا هذه التي الذي كان قد مع هو هي بين كل ذلك
    در از به که این را با است می آن برای شد های ها بود یک تا کرد خود نیز
    ۋە بىلەن ئۈچۈن بۇ ئۇ بولۇپ قىلىش ھەم يەنە
    """
)
_UYGHUR_LETTERS = frozenset("ئېۈۉ")
_ARABIC_ONLY_LETTERS = frozenset("ةأإآؤثذصضطظ")
_PERSIAN_LETTERS = frozenset("کی")
_KK_ARABIC_SHARED = frozenset("ۋڭۇە")  # Kazakh letters that Uyghur uses too
_RE_ARABIC_TOKEN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")


def _kazakh_arabic_evidence(token: str, cyr: str) -> float:
    if cyr in _KK_CYRILLIC_WORDS:
        return 1.0
    score = 0.0
    if token[0] in _HAMZAS or set(token) & _PRECOMPOSED_FRONT or "\u0674" in token:
        score += 1.0
    if set(token) & _KK_ARABIC_SHARED:
        score += 0.5
    if "ى" in token[:-1]:  # Arabic writes alef maksura only at the end of a word
        score += 0.5
    return min(score, 1.0)


def _foreign_arabic_evidence(token: str, kazakh: float) -> float:
    letters = set(token)
    if token in _FOREIGN_ARABIC_WORDS or letters & _UYGHUR_LETTERS or letters & _ARABIC_ONLY_LETTERS:
        return 1.0
    score = 0.0
    if token.startswith("ال") and len(token) >= 4 and not kazakh:  # the Arabic article, or Алматы
        score += 0.5
    if letters & _PERSIAN_LETTERS:
        score += 0.5
    if any(0x064B <= ord(c) <= 0x0652 for c in token):
        score += 0.5
    return min(score, 1.0)


def arabic_kazakh_score(text: str) -> float:
    """Evidence (0..1) that the Arabic-script words of ``text`` are Kazakh töte, not Arabic, Persian or Uyghur.

    Kazakh: the hamza ٴ before front words, ۋ ڭ ۇ ە, ى inside words and frequent Kazakh words after
    transliteration. Against: Uyghur ئ ې ۈ, Arabic-only letters (ة ث ذ ص ض ط ظ, أ إ), the article
    ال-, Persian ک ی, short-vowel marks and Arabic/Persian/Uyghur function words.
    """
    tokens = [t for t in _RE_ARABIC_TOKEN.findall(text) if any(_letter_script(c) == "arab" for c in t)]
    if not tokens:
        return 0.0
    pos = neg = 0.0
    for token in tokens:
        bare = "".join(c for c in token if c not in _ARABIC_MARKS or c == "\u0654")
        if not bare:
            continue
        cyr = _arabic_to_cyrillic(bare).text
        kazakh = _kazakh_arabic_evidence(bare, cyr)
        pos += kazakh
        neg += _foreign_arabic_evidence(token, kazakh)
    return round(_clamp((pos - 1.5 * neg) / len(tokens) / 0.4), 3)
