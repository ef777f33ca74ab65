"""Kazakh suffix rules: a light stemmer for full-text search and a personal-name normaliser.

Kazakh is agglutinative: a noun is ``root + plural + possessive + case`` and the attributive
``-ғы/-дағы`` turns the whole thing into a new stem that can take the same endings again
(``облыс-та-ғы-лар-ға``). Every suffix has allomorphs chosen by the last sound of the stem
(vowel / voiced / voiceless consonant) and by vowel harmony (back ``а о ұ ы`` vs front ``ә ө ү і е``).

:func:`stem` strips suffixes from the end, one at a time, for as long as one applies. A suffix is
only stripped when the allomorph fits the letter before it and the vowel harmony of what remains,
and when what remains is still a plausible stem (two letters or more, with a vowel and a consonant).
Because the same loop runs again on whatever is left, ``stem(base + suffix) == stem(base)``
whenever the suffix is recognised: that consistency, not linguistic accuracy, is what search needs.
Words whose *own* ending looks like a suffix (``Қарағанды``, ``теңге``, ``басқа``) are listed in
:data:`PROTECTED` so they are not cut, and their inflected forms stop at them.

:func:`name_nominative` is stricter: it removes at most one case ending, one possessive and (for
surnames) a plural, never a verbal form, and restores the voiceless final consonant
(``Амандығы`` → ``Амандық``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "PROTECTED",
    "explain",
    "name_nominative",
    "normalize",
    "person_nominative",
    "stem",
]

# --- letters -------------------------------------------------------------------------------------

_VOWELS = frozenset("аәеёоөұүыіэя")
# и, у, ю are written vowels but end in a glide (ій, ұу): suffixes treat them like voiced consonants
# (Уәли → Уәлидің, су → судың).
_GLIDES = frozenset("иую")
_MNN = frozenset("мнң")
_VOICED = frozenset("лрйзж") | _GLIDES
# б в г д ғ at the end of a (loan)word take the voiceless allomorphs: Баталовтың, Дінмұхамедтің.
_VOICELESS = frozenset("пкқстшфхцчщбвгдғһ")
_CONSONANTS = _VOICED | _MNN | _VOICELESS
_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әөүіеэ")
_SHORT_CV_ROOTS = frozenset({"су", "ту", "бу", "ми", "жу"})
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")

# Native stems end in voiceless қ к п and voice them before a vowel (кітап → кітабы, Амандық →
# Амандығы), so a vowel-initial suffix never follows қ к п and its removal restores them.
_VOICING = {"ғ": "қ", "г": "к", "б": "п"}
_POSS_AFTER = _CONSONANTS - frozenset("кқп")

# A few common roots drop their last vowel before a vowel-initial suffix (халық → халқы).
_ELISION = {
    "халқ": "халық",
    "нарқ": "нарық",
    "құлқ": "құлық",
    "орн": "орын",
    "мойн": "мойын",
    "қойн": "қойын",
    "ерн": "ерін",
    "мұрн": "мұрын",
    "қарн": "қарын",
    "ауз": "ауыз",
    "даус": "дауыс",
    "қалп": "қалып",
    "ғұрп": "ғұрып",
    "ерк": "ерік",
    "көрк": "көрік",
    "бөрк": "бөрік",
}

_ELIDED = tuple(_ELISION)

# Non-Cyrillic look-alikes that Kazakh sites put in words (Latin i for і, schwa for ә, ...).
_HOMOGLYPHS = str.maketrans(
    {
        "ё": "е",
        "i": "і",
        "ı": "і",
        "a": "а",
        "e": "е",
        "o": "о",
        "p": "р",
        "c": "с",
        "x": "х",
        "y": "у",
        "k": "к",
        "h": "һ",
        "ə": "ә",
        "ɵ": "ө",
        "\u0301": None,  # combining stress mark
        "\u00ad": None,  # soft hyphen
    }
)

# --- suffix tables -------------------------------------------------------------------------------


class _Suffix(NamedTuple):
    text: str
    after: frozenset[str]  # allowed last letter of the stem
    harmony: str | None  # "b" back, "f" front, None neutral
    kind: str
    min_stem: int


def _pair(back: str, front: str, after: frozenset[str], kind: str, min_stem: int = 2) -> list[_Suffix]:
    return [_Suffix(back, after, "b", kind, min_stem), _Suffix(front, after, "f", kind, min_stem)]


_V = _VOWELS
_VV = _VOWELS | _VOICED | _MNN  # after vowels and voiced consonants

_CASE: list[_Suffix] = [
    # genitive
    *_pair("ның", "нің", _V | _MNN, "gen"),
    *_pair("дың", "дің", _VOICED, "gen"),
    *_pair("тың", "тің", _VOICELESS, "gen"),
    # dative
    *_pair("ға", "ге", _VV, "dat"),
    *_pair("қа", "ке", _VOICELESS, "dat"),
    # locative
    *_pair("да", "де", _VV, "loc"),
    *_pair("та", "те", _VOICELESS, "loc"),
    # ablative
    *_pair("дан", "ден", _V | _VOICED, "abl"),
    *_pair("нан", "нен", _MNN, "abl"),
    *_pair("тан", "тен", _VOICELESS, "abl"),
    # accusative; -ды after a vowel is the past tense of a verb (талқылады)
    *_pair("ны", "ні", _V, "acc"),
    *_pair("ды", "ді", _VV, "acc"),
    *_pair("ты", "ті", _VOICELESS, "acc"),
    # instrumental (no front/back pair)
    _Suffix("мен", _VV, None, "ins", 2),
    _Suffix("бен", _VOICED | _MNN, None, "ins", 2),
    _Suffix("пен", _VOICELESS, None, "ins", 2),
]
_SIMILATIVE = [*_pair("дай", "дей", _VV, "sim", 3), *_pair("тай", "тей", _VOICELESS, "sim", 3)]
_ATTRIBUTIVE = [
    *_pair("дағы", "дегі", _VV, "attr"),
    *_pair("тағы", "тегі", _VOICELESS, "attr"),
    # after a vowel -ғы is the possessive of a voiced stem (барлығы), not the attributive
    *_pair("ғы", "гі", _VOICED | _MNN, "attr"),
    *_pair("қы", "кі", _VOICELESS, "attr"),
]
_POSSESSIVE = [
    *_pair("ы", "і", _POSS_AFTER, "poss"),
    *_pair("сы", "сі", _V, "poss"),
    *_pair("ымыз", "іміз", _POSS_AFTER, "poss"),
    *_pair("мыз", "міз", _V, "poss"),
    *_pair("ыңыз", "іңіз", _POSS_AFTER, "poss"),
    *_pair("ңыз", "ңіз", _V, "poss"),
]
# After the 3rd-person possessive the case endings start with н (жолдау-ы-на, облыс-ы-нда);
# they are stripped together with the possessive so that a bare -н is never taken off a root.
_POSS_N: list[_Suffix] = []
for _tail_b, _tail_f in (("на", "не"), ("нда", "нде"), ("нан", "нен"), ("н", "н"), ("ндағы", "ндегі")):
    _POSS_N += _pair("ы" + _tail_b, "і" + _tail_f, _POSS_AFTER, "poss+case")
    _POSS_N += _pair("сы" + _tail_b, "сі" + _tail_f, _V, "poss+case")
_PLURAL = [
    *_pair("лар", "лер", _V | frozenset("рйуию"), "pl"),
    *_pair("дар", "дер", frozenset("лмнңзж"), "pl"),
    *_pair("тар", "тер", _VOICELESS, "pl"),
]
_VERBAL = [
    # participle (айтылған, өткен) and habitual participle (болатын, беретін)
    *_pair("ған", "ген", _VV, "verb"),
    *_pair("қан", "кен", _VOICELESS, "verb"),
    *_pair("атын", "етін", _CONSONANTS, "verb"),
    *_pair("йтын", "йтін", _V, "verb"),
    # present 3rd person after a vowel (ойлайды); -ады/-еді is left to the past -ды, as
    # талқыла-ды and бол-ады cannot be told apart
    *_pair("йды", "йді", _V, "verb"),
]


def _index(suffixes: Iterable[_Suffix]) -> tuple[dict[str, tuple[_Suffix, ...]], tuple[int, ...]]:
    table: dict[str, list[_Suffix]] = {}
    for suffix in suffixes:
        table.setdefault(suffix.text, []).append(suffix)
    lengths = tuple(sorted({len(text) for text in table}, reverse=True))  # longest match first
    return {text: tuple(group) for text, group in table.items()}, lengths


_STEM_TABLE, _STEM_LENGTHS = _index(
    [*_CASE, *_SIMILATIVE, *_ATTRIBUTIVE, *_POSSESSIVE, *_POSS_N, *_PLURAL, *_VERBAL]
)
_SUFFIX_TEXTS = frozenset(_STEM_TABLE)

# Names take case endings; after a vowel only -ны (never the past -ды), and no verbal endings.
_NAME_CASE, _NAME_CASE_LENGTHS = _index(
    [s for s in _CASE if not (s.text in ("ды", "ді") and s.after is _VV)]
    + [*_pair("ды", "ді", _VOICED | _MNN, "acc")]
)
_NAME_POSS, _NAME_POSS_LENGTHS = _index(
    [*_pair("ы", "і", _POSS_AFTER, "poss"), *_pair("сы", "сі", _V, "poss")]
)
_NAME_PLURAL, _NAME_PLURAL_LENGTHS = _index(_PLURAL)

# --- lexicon -------------------------------------------------------------------------------------

#: Words whose own ending looks like a suffix; the stemmer never cuts into them.
PROTECTED: frozenset[str] = frozenset(
    {
        # function words and pronoun forms
        "бері", "әрі", "тағы", "үшін", "кейін", "дейін", "бүгін", "бірге", "басқа", "өзге", "сияқты",
        "сайын", "алдағы", "ғана", "кейде", "бірде", "мұндай", "осындай", "сондай", "қандай",
        "мынадай", "ондай", "бұндай", "онда", "мұнда", "сонда", "осында", "одан", "содан", "осыдан",
        "мұнан", "оған", "соған", "осыған", "бұған", "оның", "соның", "осының", "мұның", "бұның",
        "оны", "соны", "осыны", "мұны", "бұны", "онымен", "сонымен", "осымен", "мұнымен", "олар",
        "оларды", "оларға", "оларда", "олардан", "олардың", "олармен", "біз", "бізге", "бізде",
        "біздің", "бізді", "бізден", "сіз", "сізге", "сізде", "сіздің", "сізді", "сізден", "менің",
        "сенің", "мені", "сені", "маған", "саған", "мен", "сен", "бен", "пен", "және", "немесе",
        "шейін", "бірақ", "әлде", "ешкім", "әркім",
        # nouns and adjectives with a suffix-like ending
        "теңге", "теңіз", "кісі", "жеті", "ұлы", "еркін", "қорған", "орда", "ақорда", "жиын", "ойын",
        "тоған", "жарғы", "арғы", "бергі", "күлкі", "келін", "қиын", "жалын", "тасқын", "толқын",
        "тиын", "семіз", "бостан", "дастан", "қарсы", "жоғары", "сауда", "баға", "қаулы", "қаржы",
        # place names
        "алматы", "қарағанды", "қызылорда", "өскемен", "талдықорған", "жезқазған", "жаңақорған",
        "түпқараған", "шортанды", "зеренді", "ескелді", "жезді", "теректі", "көкпекті", "щербакты",
        "амангелді", "қордай", "ордабасы", "кеген", "алға", "успен", "исатай", "алтай", "қытай",
        "шардара", "сарыарқа", "қобда", "меркі", "арыс",
        # personal names
        "дариға", "фарида", "саида", "зубайда", "надежда", "төлеген", "сүлеймен", "ғабиден",
        "гүлден", "мардан", "ильдар", "дидар", "кенесары", "құрманғазы", "жанкелді",
    }
)  # fmt: skip

# Common roots in -Vс, -Vн, -Vд whose possessive (басы, ауданы, заводы) would otherwise be read as a
# vowel-final root plus -сы / -ны / -ды (see _prefer_consonant_root).
_CONSONANT_ROOTS: frozenset[str] = frozenset(
    {
        "бас", "жас", "тас", "ас", "қас", "кеңес", "бизнес", "күрес", "процес", "прогрес", "конгрес",
        "серіктес", "әріптес", "бәсекелес", "жерлес", "замандас", "отандас", "қандас", "жолдас",
        "ауылдас", "алмас", "талас", "тарас", "сенбес",
        "аудан", "сан", "заман", "маман", "жан", "отан", "кеден", "мекен", "өзен", "дүкен", "ден",
        "тұрғын", "ағын", "алтын", "қорғасын", "егін", "қазан", "құран", "иман", "майдан", "ұран",
        "жаһан", "тұран", "қазақстан", "олжас", "ілияс", "ильяс", "жандос", "айдос",
        "ахмед", "мұхамед", "дінмұхамед", "мұхаммед", "велосипед",
        "интеллект", "объект", "субъект", "проект", "факт", "акт", "пункт", "продукт", "конфликт",
        "аспект", "эффект", "контракт", "дефект", "тракт",
    }
)  # fmt: skip

# Compounds whose last part ends like a suffix (кәсіпорын, жұмысорын).
_PROTECTED_ENDINGS = ("орын",)

# Compound names built on a verb form (Құдайберген, Амангелді, Тілеуберді) keep their ending.
_NAME_ENDINGS = ("берген", "беген", "гелді", "келді", "гельды", "кельды", "берді", "берды", "ғазы", "қазы")

# Endings of common male names in -н: X+ны after them is the possessive (Ерланы), not an accusative.
_N_FINAL_NAMES = ("жан", "хан", "рлан", "слан", "ұлан", "улан")

# Names that look inflected but are nominative (the lexicon above, in the spellings of names).
_NAME_KEEP = PROTECTED | frozenset({"мәди", "әлі", "әбді", "нұрлы", "тұрсын", "айым", "мереке"})


# --- helpers -------------------------------------------------------------------------------------


def normalize(word: str) -> str:
    """Lower-case a Kazakh word, fold ё→е and replace Latin look-alike letters by Cyrillic ones."""
    lowered = word.lower()
    if lowered.isascii():  # pure Latin or digits: leave untouched
        return lowered
    return lowered.translate(_HOMOGLYPHS)


def _last_letter(stem: str) -> str:
    """The letter that chooses the allomorph: skip the soft and hard signs (Игорьдің)."""
    end = len(stem) - 1
    while end >= 0 and stem[end] in "ьъ":
        end -= 1
    return stem[end] if end >= 0 else ""


def _harmony(stem: str) -> str | None:
    """Back ("b"), front ("f") or unknown (None) harmony of a stem, from its last clear vowel."""
    if stem.endswith(("ь", "ъ")):
        return None  # Russian loans with a soft sign are written both ways
    for i in range(len(stem) - 1, -1, -1):
        letter = stem[i]
        if letter in _BACK:
            return "b"
        if letter in _FRONT:
            # е after a back vowel is a loan or a compound (Тоқаев, Ақтөбе): either harmony occurs
            if letter == "е" and any(ch in _BACK for ch in stem[:i]):
                return None
            return "f"
        if letter in _GLIDES:
            if i > 0 and stem[i - 1] in _VOWELS:
                continue  # ау, ей: the vowel before decides
            return None  # су, Уәли: the glide vowel itself is ambiguous
    return None


def _plausible(stem: str, min_len: int) -> bool:
    """A stem must keep some length, a vowel and a consonant (blocks аи, ау, single letters).

    Two-letter roots are vowel + consonant (ел, іс, үй, өз); a consonant + vowel pair is almost
    always a cut word (баға → ба, сауда → сау-да is handled by the lexicon), except a few.
    """
    if len(stem) < min_len:
        return False
    if len(stem) == 2 and stem[0] in _CONSONANTS and stem not in _SHORT_CV_ROOTS:
        return False
    has_vowel = has_consonant = False
    for letter in stem:
        if letter in _VOWELS or letter in _GLIDES:
            has_vowel = True
        elif letter in _CONSONANTS:
            has_consonant = True
    return has_vowel and has_consonant


def _unvoiced_ok(stem: str) -> bool:
    """к қ п stay voiceless before a vowel after a dropped vowel (халқы) or in a loan cluster
    (Степногорскі, интеллекті), where native voicing does not apply."""
    return stem.endswith(_ELIDED) or (len(stem) > 2 and stem[-1] in "кқп" and stem[-2] in _CONSONANTS)


def _after_vowel_suffix(stem: str) -> str:
    """Undo elision and voicing that a vowel-initial suffix caused (халқ → халық, кітаб → кітап)."""
    for elided, full in _ELISION.items():
        if stem.endswith(elided):  # also in compounds: кәсіпорн-ы
            return stem[: len(stem) - len(elided)] + full
    last = stem[-1]
    if last in _VOICING and stem not in ("олег", "глеб"):
        return stem[:-1] + _VOICING[last]
    return stem


def _candidates(
    word: str,
    table: dict[str, tuple[_Suffix, ...]],
    lengths: tuple[int, ...],
    min_len: int,
    any_harmony: tuple[str, ...] = (),
) -> list[tuple[str, _Suffix]]:
    """Every suffix of ``table`` that fits the end of ``word``, longest first, with its stem.

    A stem ending in one of ``any_harmony`` takes suffixes of either vowel harmony."""
    found: list[tuple[str, _Suffix]] = []
    size = len(word)
    for length in lengths:
        if length >= size:
            continue
        group = table.get(word[-length:])
        if group is None:
            continue
        stem = word[:-length]
        for suffix in group:
            if not _plausible(stem, max(min_len, suffix.min_stem)):
                continue
            vowel_initial = suffix.text[0] in "ыі"
            if _last_letter(stem) not in suffix.after and not (vowel_initial and _unvoiced_ok(stem)):
                continue
            loan_cluster = vowel_initial and stem[-1:] in _CONSONANTS and stem[-2:-1] in _CONSONANTS
            if suffix.harmony is not None and not loan_cluster and not stem.endswith(any_harmony):
                # the vowel added after a loan's final cluster is і in any word (Степногорскіде)
                harmony = _harmony(stem)
                if harmony is not None and harmony != suffix.harmony:
                    continue
            found.append((_after_vowel_suffix(stem) if vowel_initial else stem, suffix))
            break
    return found


def _prefer_consonant_root(consonant: str, stem: str) -> bool:
    """Decide ``stem + consonant + ы`` between a vowel-final root and a consonant-final one.

    ``облысы`` is облыс+ы, ``қаласы`` is қала+сы; ``ауданы`` is аудан+ы, ``қаланы`` is қала+ны;
    ``заводы`` is завод+ы, ``талқылады`` is талқыла+ды. Nothing in the spelling tells them apart,
    so this uses what is usual for the vowel before; :data:`_CONSONANT_ROOTS` lists the common
    exceptions.
    """
    if stem + consonant in _CONSONANT_ROOTS:
        return True
    vowel = stem[-1]
    if consonant == "с":
        # -ыс/-іс nouns (облыс, жұмыс, өндіріс) are far more common than roots in -ы/-і, except
        # the agent nouns in -шы/-ші (басшы-сы)
        # and the adjectives in -ды/-ты used as nouns (ең бастысы, маңыздысы)
        return vowel in "оұүөә" or (vowel in "ыі" and stem[-2:-1] not in ("ш", "д", "т"))
    if consonant == "н":
        return vowel in "оұүөә"
    if consonant == "д":
        return vowel == "о"  # no verb ends in -о, so -оды is a loanword in -од
    return False


def _strip_once(
    word: str,
    table: dict[str, tuple[_Suffix, ...]],
    lengths: tuple[int, ...],
    min_len: int,
    any_harmony: tuple[str, ...] = (),
) -> tuple[str, _Suffix] | None:
    """Remove one suffix of ``table`` from ``word``; None when none fits.

    The longest suffix wins, except that a stem found in the lexicon wins over any other, and the
    ``с/н/д + ы`` ambiguity is settled by :func:`_prefer_consonant_root`.
    """
    found = _candidates(word, table, lengths, min_len, any_harmony)
    if not found:
        return None
    if len(found) > 1:
        for candidate in found:
            if candidate[0] in PROTECTED or candidate[0] in _CONSONANT_ROOTS:
                return candidate
        long_stem, long_suffix = found[0]
        for candidate in found[1:]:
            short = candidate[1].text
            if (
                short[0] in "ыі"
                and long_suffix.text[1:] == short
                and _prefer_consonant_root(long_suffix.text[0], long_stem)
            ):
                return candidate
    return found[0]


def _is_protected(word: str) -> bool:
    return word in PROTECTED or word in _CONSONANT_ROOTS or word.endswith(_PROTECTED_ENDINGS)


def _is_protected_name(word: str) -> bool:
    return word in _NAME_KEEP or _is_protected(word) or (word.endswith(_NAME_ENDINGS) and len(word) >= 7)


# --- stemmer -------------------------------------------------------------------------------------


def _stem_steps(word: str) -> tuple[str, list[tuple[str, str]]]:
    """The stem of ``word`` and the (suffix, kind) pairs removed on the way, outermost first."""
    w = normalize(word)
    if "-" in w:
        head, _, tail = w.rpartition("-")
        if tail in _SUFFIX_TEXTS and head:
            return head, [(tail, "hyphenated suffix")]
    if len(w) < 3 or not _CYRILLIC.match(w[-1]):
        return w, []
    steps: list[tuple[str, str]] = []
    for _ in range(8):  # a word has at most ~6 suffixes; the bound guards against bad input
        if _is_protected(w):
            steps.append((w, "lexicon"))
            break
        stripped = _strip_once(w, _STEM_TABLE, _STEM_LENGTHS, 2)
        if stripped is None:
            break
        w, suffix = stripped
        steps.append((suffix.text, suffix.kind))
    last = w[-1]
    if last in _VOICING and w not in ("олег", "глеб"):
        # final б г ғ are voiced forms of п к қ (кітаб-ы, клуб): fold so both spellings meet
        w = w[:-1] + _VOICING[last]
    return w, steps


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """Return the search stem of a Kazakh word form.

    Lower-cases and folds the word (see :func:`normalize`), then strips case, possessive, plural,
    attributive and common participle / past-tense endings until none applies. The verbal noun
    ``-у`` is kept (``жолдау`` must not become ``жол``). Words shorter than three letters are
    returned folded but uncut. Tokens with digits or Latin letters at the end are only folded;
    ``ҚХА-ның`` and ``2025-жылғы``-style hyphenated tokens lose a hyphenated suffix.
    """
    return _stem_steps(word)[0]


def explain(word: str) -> list[tuple[str, str]]:
    """Why :func:`stem` cut ``word`` as it did: the removed suffixes and their kinds, in order.

    ``explain("облыстағыларға")`` → ``[("ға", "dat"), ("лар", "pl"), ("тағы", "attr")]``; a word
    stopped by the lexicon ends with ``(word, "lexicon")``.
    """
    return _stem_steps(word)[1]


# --- names ---------------------------------------------------------------------------------------

_PATRONYMIC = re.compile(r"(?:ұлы|улы|қызы|кызы)(?:ның|на|нда|нан|н|мен|ндағы)?$")
_PATRONYMIC_BASE = re.compile(r"(?:ұлы|улы|қызы|кызы)")
_SURNAME_LIKE = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская)$")
# A Russified surname suffix is neutral to vowel harmony: the root's vowels choose the ending
# ("Төлегеновтің", "Жүнісовке", "Төлегеновтер") as often as the suffix's ("Баталовтың").
_RUSSIFIED = ("ов", "ев", "ин")
# Word-final consonant pairs that Kazakh and Russian names do have; anything else after removing
# -ы/-і means the vowel was part of the name (Әбді, Нұрлы).
_FINAL_CLUSTERS = frozenset(
    {"рт", "лт", "йт", "нт", "ст", "рк", "рқ", "нк", "рд", "нд", "шт", "ск", "рс", "нс", "рп"}
)


def _restore_case(original: str, lower: str) -> str:
    """Give ``lower`` (a shortened form of ``original``) the letter case of ``original``."""
    chars = []
    for i, letter in enumerate(lower):
        source = original[i] if i < len(original) else original[-1]
        chars.append(letter.upper() if source.isupper() else letter)
    return "".join(chars)


def _name_poss_ok(stem: str) -> bool:
    if len(stem) < 3:
        return False
    if stem[-1] in _CONSONANTS and stem[-2] in _CONSONANTS:
        return stem[-2:] in _FINAL_CLUSTERS
    return True


def _name_part_nominative(part: str) -> str:
    """Nominative of one hyphen-free name part, lower-case."""
    w = normalize(part)
    if len(w) < 4 or _is_protected_name(w):
        return w
    patronymic = _PATRONYMIC.search(w)
    if patronymic is not None:
        base = _PATRONYMIC_BASE.match(w, patronymic.start())
        assert base is not None
        return w[: base.end()]
    stripped = _strip_once(w, _NAME_CASE, _NAME_CASE_LENGTHS, 3, _RUSSIFIED)
    if stripped is not None:
        w = stripped[0]
        if stripped[1].text in ("ны", "ні") and (w + "н").endswith(_N_FINAL_NAMES):
            return w + "н"  # Ерланы is Ерлан's possessive, not the accusative of "Ерла"
    if not _is_protected_name(w):
        poss = _strip_once(w, _NAME_POSS, _NAME_POSS_LENGTHS, 3)
        if poss is not None and _name_poss_ok(poss[0]):
            w = poss[0]
    plural = _strip_once(w, _NAME_PLURAL, _NAME_PLURAL_LENGTHS, 3, _RUSSIFIED)
    if plural is not None and _SURNAME_LIKE.search(plural[0]):
        w = plural[0]
    return w


@lru_cache(maxsize=65_536)
def name_nominative(word: str) -> str:
    """Bring an inflected Kazakh personal-name token back to the nominative.

    Handles case endings (``Баталовтың`` → ``Баталов``, ``Уәлидің`` → ``Уәли``; after a Russified
    ``-ов/-ев/-ин`` in either vowel harmony: ``Төлегеновтің`` → ``Төлегенов``), the 3rd-person
    possessive (``Гүлнарасы`` → ``Гүлнара``, ``Амандығы`` → ``Амандық``), plural surnames
    (``Сейтақовтар`` → ``Сейтақов``) and patronymics (``Бекқызының`` → ``Бекқызы``). In a hyphenated
    name only the last part is inflected in Kazakh, so only that part is changed. The letter case
    of the input is kept (``БАТАЛОВТЫҢ`` → ``БАТАЛОВ``). Unknown or already nominative tokens come
    back unchanged.
    """
    head, hyphen, last = word.rpartition("-")
    if not last or not _CYRILLIC.search(normalize(last)):
        return word
    nominative = _name_part_nominative(last)
    if nominative == normalize(last):
        return word
    return head + hyphen + _restore_case(last, nominative)


def person_nominative(tokens: list[str]) -> list[str]:
    """Nominative of a full name (given name, surname, patronymic, initials in any order).

    In Kazakh only the last word of a name phrase carries the case ending (``Берік Уәлидің``), so
    the earlier tokens are returned as they are and the last one goes through
    :func:`name_nominative`.
    """
    if not tokens:
        return []
    return [*tokens[:-1], name_nominative(tokens[-1])]
