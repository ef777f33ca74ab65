"""Russian morphology: a Snowball stemmer for search, pymorphy3 lemmas and personal names.

pymorphy3. The process has one analyser (:func:`analyzer`); :func:`parse` and :func:`is_known` are
its cached look-ups, for every module that needs tags or case forms.

Folding. :func:`stem` is applied to document tokens and to query tokens alike, so every spelling
variant we fold here is matched both ways:

* lower-case, ``ё`` → ``е`` (most Russian text drops the dots);
* Kazakh letters in Russian text (``Тоқаев``, ``Қарағанды``) → their Russian counterparts
  (``Токаев``, ``Караганды``), so both spellings of a Kazakh name share a stem;
* ``й`` → ``и``, applied to the *stem* (and before stemming only where a consonant follows):
  Snowball's adjective endings (``-ый``, ``-ой``, ``-ий``) need the ``й`` to be removed
  (``новый`` → ``нов``, but ``новыи`` → ``новы``), while names transliterated from Kazakh come
  with either letter (``Келемсейт`` / ``Келемсеит``). Folding this way gives both.

Snowball alone gives the nominative of surnames in ``-ов/-ев``, of nouns in ``-ан`` and ``-им``
(``Баталов``, ``Казахстан``, ``аким``, ``Габит``) a shorter stem than their other cases; :func:`stem` cuts
the other cases to the same length (see ``_complete``), at the price of a few extra merges such as
``остров`` / ``острый``, which Snowball already makes for the nominative.

Names. :func:`name_nominative` takes the tokens of one person's name (given name, surname,
optional patronymic or initials, in either order) and brings them to the nominative. All tokens of
a name share case and gender, so the function scores every (case, gender) pair over all tokens at
once: each token offers readings from pymorphy3's analyses tagged ``Name``/``Surn``/``Patr`` and
from declension rules of Russian and Kazakh names, and the best pair decides. Conventions
followed (Russian grammar):

* surnames in ``-ов/-ев/-ин/-ын`` and ``-ский`` decline for both sexes (``Салыковой`` → ``Салыкова``);
* other surnames ending in a consonant decline for men only (``Ермеку Келемсеиту``) and stay as they
  are for women (``Алии Бекет``), so they are left unchanged when the name is a woman's;
* female given names ending in a consonant (``Айгерим``, ``Салтанат``) do not decline;
* names ending in ``-и``, ``-у``, ``-о`` and Kazakh patronymics (``Кемелулы``) do not decline.

A token whose form fits no reading is returned unchanged. Not handled: plural surnames
(``супругов Ахметовых``), double-barrelled given names where both parts decline, and surnames in
``-ой``/``-ая`` other than ``-ской``/``-ская``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

import Stemmer

from zholdau.morph import letters

if TYPE_CHECKING:
    import pymorphy3

__all__ = ["analyzer", "is_known", "lemma", "name_nominative", "parse", "stem", "stem_many"]

# --- stemming ------------------------------------------------------------------------------------

_RUSSIAN_LETTER = re.compile(r"[а-яёәғқңөұүһі]")

_PRE_FOLD = letters.table(
    letters.KK_TO_RU,
    {"ё": "е"},
    {"\u0301": None, "\u00ad": None},  # combining stress mark, soft hyphen
)


@cache
def _stemmer() -> Stemmer.Stemmer:
    """One Snowball Russian stemmer per process (PyStemmer also caches recent words inside)."""
    return Stemmer.Stemmer("russian")


# What Snowball left after the stem when the word was a plain noun or surname case form.
_NOUN_TAILS = frozenset(
    {"", "а", "я", "у", "ю", "ом", "ем", "е", "ы", "и", "ов", "ев", "ам", "ям", "ами", "ями", "ах", "ях"}
    | {"ым", "ой", "ою", "ых", "ыми"}
)


def _complete(word: str, snowball_stem: str) -> str:
    """Finish what Snowball does to nominatives, so that every case form meets it.

    Snowball reads the nominative of many names and titles as another form and cuts it further
    than their other cases: ``Баталов`` → ``батал`` but ``Баталова`` → ``баталов``;
    ``Казахстан`` → ``казахста`` but ``Казахстану`` → ``казахстан``; ``аким`` → ``ак`` but
    ``акима`` → ``аким``. When the word is such a case form, the longer stem is cut the same way.
    """
    s = snowball_stem
    if not (word.startswith(s) and word[len(s) :] in _NOUN_TAILS):
        return s.replace("й", "и")
    if len(s) >= 6 and s.endswith(("ов", "ев")):
        s = s[:-2]
    cut = 0
    if len(s) >= 4 and s.endswith(("ан", "ян")):
        cut = 1
    elif (len(s) >= 4 and s.endswith(("им", "ым"))) or (len(s) >= 5 and s.endswith("ит")):
        cut = 2  # аким → ак as Snowball does; Габит → габ, but Габита → габит
    if cut:
        s = s[:-cut]
    return s.replace("й", "и")


_SHORT_I_BEFORE_CONSONANT = re.compile(r"й(?=[бвгджзклмнпрстфхцчшщ])")


def _fold(word: str) -> str:
    folded = word.lower().translate(_PRE_FOLD)
    if "й" in folded:
        # Келемсейт / Келемсеит: й before a consonant is never part of a Snowball ending
        folded = _SHORT_I_BEFORE_CONSONANT.sub("и", folded)
    return folded


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """Return the search stem of a Russian word: Snowball, folded and completed as the module says."""
    folded = _fold(word)
    return _complete(folded, _stemmer().stemWord(folded))


def stem_many(words: Iterable[str]) -> list[str]:
    """Stem many words in one call (faster than :func:`stem` in a loop for cold caches)."""
    folded = [_fold(word) for word in words]
    return [_complete(w, s) for w, s in zip(folded, _stemmer().stemWords(folded), strict=True)]


# --- pymorphy3 -----------------------------------------------------------------------------------


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process's one pymorphy3 analyser (it loads its dictionaries when created, on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65_536)
def parse(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's analyses of ``word`` exactly as given, likeliest first.

    Cached (about 1 KB a word): a dictionary look-up costs ~0.1 ms and the extractors ask about the
    same words many times (lemma, tag, case forms). Parses are immutable; ``inflect`` makes new ones.
    """
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=131_072)
def is_known(word: str) -> bool:
    """Is ``word`` (as given) in pymorphy3's dictionary?"""
    return bool(analyzer().word_is_known(word))


@lru_cache(maxsize=131_072)
def lemma(word: str) -> str:
    """Return pymorphy3's normal form of a Russian word (lower-case, ``ё`` kept as ``е``)."""
    lowered = word.lower().replace("ё", "е")
    if not lowered or not _RUSSIAN_LETTER.search(lowered):
        return lowered
    return parse(lowered)[0].normal_form.replace("ё", "е")


# --- names ---------------------------------------------------------------------------------------

_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщғқңһ")
_VOWELS = frozenset("аеёиоуыэюяәөұүі")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_ANY = "*"

_INITIAL = re.compile(r"^(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яё]?\.-?){1,3}$")
_PATRONYMIC_MALE = re.compile(r"(?:[оеё]вич|ьич)(?:а|у|ем|е)?$")
_PATRONYMIC_FEMALE = re.compile(r"(?:[оеё]вн|ичн)(?:а|ы|е|у|ой|ою)$")
_PATRONYMIC_KAZAKH = re.compile(r"(?:улы|ұлы|уулу|оглы)$|(?:кызы|қызы|гызы)$")
_SURNAME_OV = re.compile(r"^(?P<stem>.+(?:ов|ев|ёв|ин|ын))(?P<end>|а|у|ым|е|ой|ою)$")
_SURNAME_SKY = re.compile(r"^(?P<stem>.+[сц]к)(?P<end>ий|ого|ому|им|ом|ая|ой|ую|ою)$")
_INSTRUMENTAL_LIKE = re.compile(r"[бвгджзклмнпрстфхцчшщғқң][оеё]м$")
_STRONG_SURNAME = re.compile(r"(?:ов|ев|ёв)(?:а|у|ым|е|ой|ою)?$|[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую)$")

# Kazakh female given names that end in a consonant and so do not decline in Russian; pymorphy3's
# dictionary marks some of them masculine.
_FEMALE_NAMES = frozenset(
    {
        "айгерим", "айжан", "айнур", "акбота", "акерке", "акмарал", "алтынай", "арайлым", "аружан",
        "асель", "асем", "балжан", "ботагоз", "гаухар", "гульжан", "гульмира", "гульназ", "гульнар",
        "гульнур", "дильназ", "жанар", "жулдыз", "камшат", "ляззат", "маржан", "меруерт", "молдир",
        "назгуль", "назым", "нургуль", "перизат", "раушан", "салтанат", "самал", "сымбат", "толганай",
        "улжан", "шолпан", "шынар", "айгуль", "бибигуль", "карлыгаш", "жибек", "томирис", "инкар",
        "сауле", "мереке", "назерке", "жанерке", "айнаш",
    }
)  # fmt: skip
_UNDECLINED_E = ("ерке", "еке", "уле", "уре", "айше")
_FEMALE_ENDINGS = ("гуль", "гул", "куль", "сулу", "бике", "ханым", "бану", "жамал", *_UNDECLINED_E)
_MALE_ENDINGS = ("бек", "бай", "бол", "лан", "хан", "тай", "али", "улы")
# Common Kazakh men's names that pymorphy3's dictionary lacks or also lists as a woman's "-а" name.
_MALE_NAMES = frozenset(
    {
        "ерлан", "нурлан", "жомарт", "касым", "думан", "ернар", "бейбит", "женис", "мейрам", "серикбол",
        "болат", "ерболат", "бекет", "ержан", "асхат", "марат", "серик", "берик", "ермек", "амандык",
        "бакытжан", "бауыржан", "данияр", "мухтар", "еркин", "кайрат", "канат", "нуржан", "галым",
        "талгат", "ерлик", "бекзат", "айдос", "жандос", "олжас", "руслан", "тимур", "азамат", "ринат",
        "рустем", "алмас", "арман", "дархан", "даурен", "досым", "жанат", "куаныш", "максат", "мурат",
        "нурбол", "саят", "сакен", "самат", "темирлан", "ербол", "жасулан", "аскар", "аслан", "ислам",
    }
)  # fmt: skip


class _Reading(NamedTuple):
    nominative: str  # lower-case
    cases: str  # space-separated case tags, or "*" for an indeclinable form
    gender: str  # "m", "f" or "*"
    weight: float


def _fits(reading: _Reading, case: str, gender: str) -> bool:
    return reading.cases in (case, _ANY) and reading.gender in (gender, _ANY)


def _female_given(word: str) -> bool:
    return word in _FEMALE_NAMES or word.endswith(_FEMALE_ENDINGS)


def _given_readings(w: str) -> list[_Reading]:
    """Readings of a given name from Russian declension of male and female names."""
    out = [_Reading(w, "nomn", _ANY, 0.25)]
    last = w[-1]
    x = w[:-1]
    x_last = x[-1] if x else ""
    if last in _CONSONANTS:
        female = _female_given(w)
        # -ом/-ем is far more often the instrumental (Амандыком) than the end of a name (Рустем)
        male = 0.45 if _INSTRUMENTAL_LIKE.search(w) else 1.0
        out.append(_Reading(w, "nomn", "m", 0.5 if female else male))
        out.append(_Reading(w, _ANY, "f", 1.0 if female else 0.6 * male))
    elif last == "й":
        out.append(_Reading(w, "nomn", "m", 1.0))
    elif last == "ь":
        out += [_Reading(w, "nomn", "m", 0.8), _Reading(w, "nomn accs", "f", 0.8)]
    elif last == "а":
        out.append(_Reading(w, "nomn", "f", 0.9))
        out.append(_Reading(w, "nomn", "m", 0.3))
        if x_last in _CONSONANTS:
            out.append(_Reading(x, "gent accs", "m", 0.9 if not _female_given(x) else 0.4))
    elif last == "я":
        out.append(_Reading(w, "nomn", "f", 0.9))
        if x_last in _VOWELS:
            out.append(_Reading(x + "й", "gent accs", "m", 0.85))
        elif x_last in _CONSONANTS:
            out.append(_Reading(x + "ь", "gent accs", "m", 0.8))
    elif last == "у":
        out.append(_Reading(w, _ANY, _ANY, 0.4))
        if x_last in _CONSONANTS:
            out.append(_Reading(x, "datv", "m", 0.9))
            out.append(_Reading(x + "а", "accs", "f", 0.75))
    elif last == "ю":
        out.append(_Reading(x + "я", "accs", "f", 0.9))
        if x_last in _VOWELS:
            out.append(_Reading(x + "й", "datv", "m", 0.9))
        elif x_last in _CONSONANTS:
            out.append(_Reading(x + "ь", "datv", "m", 0.8))
        elif x_last == "ь":
            out.append(_Reading(x, "ablt", "f", 0.8))
    elif last == "е":
        # Kazakh women's names in -е (Сауле, Зауре, Акерке) do not decline; other "-е" forms are
        # more often the dative of an "-а" name (Гульшаре)
        out.append(_Reading(w, _ANY, "f", 0.8 if w.endswith(_UNDECLINED_E) else 0.45))
        if x_last in _CONSONANTS:
            out.append(_Reading(x, "loct", "m", 0.8))
            out.append(_Reading(x + "а", "datv loct", "f", 0.6))
        elif x_last in _VOWELS:
            out.append(_Reading(x + "й", "loct", "m", 0.8))
            out.append(_Reading(x + "я", "datv loct", "f", 0.8))
        elif x_last == "ь":
            out.append(_Reading(x + "я", "datv loct", "f", 0.8))
    elif last == "ы":
        if x_last in _CONSONANTS:
            out.append(_Reading(x + "а", "gent", "f", 0.9))
            out.append(_Reading(x + "а", "gent", "m", 0.4))
    elif last == "и":
        out.append(_Reading(w, _ANY, _ANY, 0.6))
        if x.endswith("и"):
            out.append(_Reading(x + "я", "gent datv loct", "f", 0.9))
            out.append(_Reading(x + "й", "loct", "m", 0.6))
        elif x_last in "гкхжшчщ":
            out.append(_Reading(x + "а", "gent", "f", 0.9))
        elif x_last in _CONSONANTS:
            out.append(_Reading(x + "ь", "gent datv loct", "f", 0.8))  # Асели, Айгули
        elif x_last == "ь":
            out.append(_Reading(x + "я", "gent", "f", 0.8))
    elif last in _VOWELS:
        out.append(_Reading(w, _ANY, _ANY, 0.8))
    # two-letter endings
    if w.endswith("ом") and len(w) > 3 and w[-3] in _CONSONANTS:
        out.append(_Reading(w[:-2], "ablt", "m", 0.95))
    elif w.endswith("ем") and len(w) > 3:
        before = w[-3]
        if before in _VOWELS:
            out.append(_Reading(w[:-2] + "й", "ablt", "m", 0.9))
        elif before in _CONSONANTS:
            out.append(_Reading(w[:-2] + "ь", "ablt", "m", 0.7))
            out.append(_Reading(w[:-2], "ablt", "m", 0.7))
    elif w.endswith("ой") and len(w) > 3:
        out.append(_Reading(w[:-2] + "а", "ablt", "f", 0.9))
    elif w.endswith("ей") and len(w) > 3:
        out.append(_Reading(w[:-2] + "я", "ablt", "f", 0.8))
        if w[-3] in "жшчщц":
            out.append(_Reading(w[:-2] + "а", "ablt", "f", 0.8))
    return out


def _surname_readings(w: str) -> list[_Reading]:
    """Readings of a surname: -ов/-ин and -ский paradigms, else a generic consonant stem."""
    match = _SURNAME_OV.match(w)
    if match is not None:
        base, end = match["stem"], match["end"]
        table = {
            "": [(base, "nomn", "m")],
            "а": [(base, "gent accs", "m"), (base + "а", "nomn", "f")],
            "у": [(base, "datv", "m"), (base + "а", "accs", "f")],
            "ым": [(base, "ablt", "m")],
            "е": [(base, "loct", "m")],
            "ой": [(base + "а", "gent datv ablt loct", "f")],
            "ою": [(base + "а", "ablt", "f")],
        }
        readings = [_Reading(nom, cases, gender, 1.0) for nom, cases, gender in table[end]]
        return [*readings, _Reading(w, "nomn", _ANY, 0.2)]
    match = _SURNAME_SKY.match(w)
    if match is not None:
        base, end = match["stem"], match["end"]
        masc, fem = base + "ий", base + "ая"
        table = {
            "ий": [(masc, "nomn", "m")],
            "ого": [(masc, "gent accs", "m")],
            "ому": [(masc, "datv", "m")],
            "им": [(masc, "ablt", "m")],
            "ом": [(masc, "loct", "m")],
            "ая": [(fem, "nomn", "f")],
            "ой": [(fem, "gent datv ablt loct", "f")],
            "ую": [(fem, "accs", "f")],
            "ою": [(fem, "ablt", "f")],
        }
        return [_Reading(nom, cases, gender, 1.0) for nom, cases, gender in table[end]]
    return _generic_readings(w)


def _generic_readings(w: str) -> list[_Reading]:
    """A surname outside the Russian types.

    Ending in a consonant or -й it declines like a masculine noun for men and not at all for
    women (Келемсеит, Бекет, Алтай); ending in -а it declines like a feminine noun for both
    (Шкарупа); ending in another vowel it does not decline (Уали, Кыдырали).
    """
    out = [_Reading(w, "nomn", _ANY, 0.25)]
    last = w[-1]
    x = w[:-1]
    x_last = x[-1:]
    if last in _CONSONANTS or last == "й":
        plain = 0.35 if _INSTRUMENTAL_LIKE.search(w) else 0.8
        out += [_Reading(w, "nomn", "m", plain), _Reading(w, _ANY, "f", plain)]
    elif last == "а" and x_last in _CONSONANTS:
        out.append(_Reading(x, "gent accs", "m", 0.75))
        out.append(_Reading(w, "nomn", _ANY, 0.5))
    elif last == "у" and x_last in _CONSONANTS:
        out.append(_Reading(x, "datv", "m", 0.75))
        out.append(_Reading(x + "а", "accs", _ANY, 0.4))
    elif last == "е" and x_last in _CONSONANTS:
        out.append(_Reading(x, "loct", "m", 0.6))
        out.append(_Reading(x + "а", "datv loct", _ANY, 0.5))
    elif (last == "ы" and x_last in _CONSONANTS) or (last == "и" and x_last in "гкхжшчщ"):
        out.append(_Reading(x + "а", "gent", _ANY, 0.5))
    elif last in "яюе" and x_last in _VOWELS:  # Алтая, Алтаю, Алтае
        cases = {"я": "gent accs", "ю": "datv", "е": "loct"}[last]
        out.append(_Reading(x + "й", cases, "m", 0.75))
    if last in "иоэөұүіә" and not (last == "и" and x_last in "гкхжшчщ"):
        out.append(_Reading(w, _ANY, _ANY, 0.7))
    if w.endswith(("ом", "ем")) and w[-3:-2] in _CONSONANTS:
        out.append(_Reading(w[:-2], "ablt", "m", 0.75))
    elif w.endswith("ем") and w[-3:-2] in _VOWELS:
        out.append(_Reading(w[:-2] + "й", "ablt", "m", 0.75))
    elif w.endswith("ой") and w[-3:-2] in _CONSONANTS:
        out.append(_Reading(w[:-2] + "а", "ablt", _ANY, 0.5))
    if _PATRONYMIC_KAZAKH.search(w):
        out.append(_Reading(w, _ANY, _ANY, 1.0))
    return out


def _patronymic_readings(w: str) -> list[_Reading]:
    """Readings of a patronymic: -ович/-евич, -овна/-евна/-ична, Kazakh -улы/-кызы."""
    if _PATRONYMIC_KAZAKH.search(w):
        gender = "f" if w.endswith(("кызы", "қызы", "гызы")) else "m"
        return [_Reading(w, _ANY, gender, 1.0)]
    match = _PATRONYMIC_MALE.search(w)
    if match is not None:
        end = w[match.start() :]
        for tail, cases in (("ем", "ablt"), ("а", "gent accs"), ("у", "datv"), ("е", "loct")):
            if end.endswith(tail):
                return [_Reading(w[: -len(tail)], cases, "m", 1.0)]
        return [_Reading(w, "nomn", "m", 1.0)]
    match = _PATRONYMIC_FEMALE.search(w)
    if match is not None:
        base = w[: match.start() + 3]  # ...овн / ...ичн
        end = w[match.start() + 3 :]
        cases = {"а": "nomn", "ы": "gent", "е": "datv loct", "у": "accs", "ой": "ablt", "ою": "ablt"}[end]
        return [_Reading(base + "а", cases, "f", 1.0)]
    return _generic_readings(w)


_ROLE_TAG = {"given": "Name", "surname": "Surn", "patronymic": "Patr"}
_GENDER = {"masc": "m", "femn": "f"}


class _MorphView(NamedTuple):
    readings: tuple[_Reading, ...]  # one per (nominative, case, gender), weight = pymorphy score
    support: dict[tuple[str, str], float]  # (nominative, gender) -> summed pymorphy score
    known: frozenset[tuple[str, str, str]]  # readings backed by the dictionary, not by a guess


@lru_cache(maxsize=65_536)
def _morph_view(word: str, role: str) -> _MorphView:
    """pymorphy3 parses of ``word`` tagged Name / Surn / Patr, as readings with their scores."""
    tag_name = _ROLE_TAG[role]
    readings: list[_Reading] = []
    support: dict[tuple[str, str], float] = {}
    known: set[tuple[str, str, str]] = set()
    for parsed in parse(word):
        tag = parsed.tag
        if tag_name not in tag or tag.number == "plur":
            continue
        genders = ("m", "f") if "ms-f" in tag else (_GENDER.get(str(tag.gender), ""),)
        if "Fixd" in tag:
            nominative, case = word, _ANY
        else:
            inflected = parsed.inflect({"nomn", "sing"})
            if inflected is None or tag.case not in _CASES:
                continue
            nominative, case = inflected.word.replace("ё", "е"), str(tag.case)
        from_dictionary = type(parsed.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        for gender in genders:
            if gender:
                readings.append(_Reading(nominative, case, gender, parsed.score))
                support[nominative, gender] = support.get((nominative, gender), 0.0) + parsed.score
                if from_dictionary:
                    known.add((nominative, case, gender))
    return _MorphView(tuple(readings), support, frozenset(known))


@lru_cache(maxsize=65_536)
def _dictionary_genders(name: str) -> frozenset[str]:
    """Genders pymorphy3's dictionary gives ``name`` as a nominative given name."""
    genders = set()
    for parsed in parse(name):
        tag = parsed.tag
        if (
            "Name" in tag
            and tag.case == "nomn"
            and parsed.normal_form == name
            and type(parsed.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        ):
            gender = _GENDER.get(str(tag.gender))
            if gender:
                genders.add(gender)
    return frozenset(genders)


def _given_factor(nominative: str, gender: str) -> float:
    """Weight a given-name reading by what we know of the sex of its nominative."""
    if gender == _ANY:
        return 1.0
    if _female_given(nominative):
        known: frozenset[str] = frozenset({"f"})
    elif nominative in _MALE_NAMES:
        known = frozenset({"m"})
    elif nominative.endswith("а") and nominative[:-1] in _MALE_NAMES:
        return 0.6  # "Ерлана" is Ерлан's genitive; the dictionary's woman's name is rare
    else:
        known = _dictionary_genders(nominative)
        if not known and len(nominative) > 4 and nominative.endswith(_MALE_ENDINGS):
            known = frozenset({"m"})
    if not known:
        return 1.0
    return 1.25 if gender in known else 0.6


def _expand(readings: Iterable[_Reading]) -> dict[tuple[str, str, str], float]:
    """One entry per (nominative, case, gender), keeping the best weight."""
    out: dict[tuple[str, str, str], float] = {}
    for reading in readings:
        for case in reading.cases.split():
            key = (reading.nominative, case, reading.gender)
            out[key] = max(out.get(key, 0.0), reading.weight)
    return out


def _readings(token: str, role: str) -> list[_Reading]:
    """All readings of one token in its role, weighted by our rules and by pymorphy3."""
    w = token.lower().replace("ё", "е")
    if role == "initial" or not _RUSSIAN_LETTER.search(w) or len(w) < 2:
        return [_Reading(w, _ANY, _ANY, 1.0)]
    if role == "given":
        rules = _given_readings(w)
    elif role == "surname":
        rules = _surname_readings(w)
    else:
        rules = _patronymic_readings(w)
    view = _morph_view(w, role)
    weights = _expand(rules)
    for nominative, case, gender in list(weights):
        # pymorphy3's score says how usual this analysis is (Александра: mostly a man's genitive)
        weights[nominative, case, gender] *= 1.0 + 0.5 * view.support.get((nominative, gender), 0.0)
    for reading in view.readings:
        key = (reading.nominative, reading.cases, reading.gender)
        if key not in weights and (reading.nominative, _ANY, reading.gender) not in weights:
            # a dictionary analysis our rules missed (Павлом → Павел) beats the rules' guess
            base = 0.6 if key in view.known else 0.45
            weights[key] = base + 0.3 * view.support[reading.nominative, reading.gender]
    if role == "given":
        for key in weights:
            weights[key] *= _given_factor(key[0], key[2])
    return [_Reading(nom, case, gender, weight) for (nom, case, gender), weight in weights.items()]


def _roles(tokens: list[str]) -> list[str]:
    """Guess which token is the given name, the surname, the patronymic or an initial."""
    lowered = [t.lower().replace("ё", "е") for t in tokens]
    roles = ["" for _ in tokens]
    for i, w in enumerate(lowered):
        if _INITIAL.match(tokens[i]):
            roles[i] = "initial"
        elif _PATRONYMIC_MALE.search(w) or _PATRONYMIC_FEMALE.search(w) or _PATRONYMIC_KAZAKH.search(w):
            roles[i] = "patronymic"
    rest = [i for i, role in enumerate(roles) if not role]
    if len(rest) == 1:
        only = rest[0]
        strong = bool(_STRONG_SURNAME.search(lowered[only]))
        roles[only] = "surname" if strong or "initial" in roles else "given"
    elif len(rest) >= 2:
        first, second = rest[0], rest[1]
        patronymic_after_first = roles[first + 1 : first + 2] == ["patronymic"]
        surname_first = bool(_STRONG_SURNAME.search(lowered[first])) and not _STRONG_SURNAME.search(
            lowered[second]
        )
        if patronymic_after_first:  # Касым-Жомарт Кемелевич Токаев
            surname_first = False
        elif second + 1 < len(roles) and roles[second + 1] == "patronymic" and first + 1 == second:
            surname_first = True  # Токаев Касым-Жомарт Кемелевич
        roles[first], roles[second] = ("surname", "given") if surname_first else ("given", "surname")
        for i in rest[2:]:
            roles[i] = "surname"
    return roles


def _restyle(original: str, nominative: str) -> str:
    """Write ``nominative`` in the letter case of ``original`` (БАТАЛОВЫМ → БАТАЛОВ)."""
    if original.isupper() and len(original) > 1:
        return nominative.upper()
    if original[:1].isupper():
        return nominative[:1].upper() + nominative[1:]
    return nominative


def _split_hyphen(token: str) -> tuple[str, str]:
    """Only the last part of a hyphenated name declines (Касым-Жомарта → Касым-Жомарт)."""
    head, hyphen, last = token.rpartition("-")
    if not hyphen or not last:
        return "", token
    return head + hyphen, last


def name_nominative(tokens: list[str]) -> list[str]:
    """Bring the tokens of one person's name in Russian text back to the nominative.

    ``["Амандыком", "Баталовым"]`` → ``["Амандык", "Баталов"]``; ``["Риммы", "Салыковой"]`` →
    ``["Римма", "Салыкова"]``; ``["Токаева", "Касым-Жомарта", "Кемелевича"]`` → ``["Токаев",
    "Касым-Жомарт", "Кемелевич"]``. Initials (``Н.``, ``Н.А.``) are kept. The letter case of each
    token is kept. Tokens are words without surrounding punctuation (``"Шахарова,"`` is left as
    it is). See the module docstring for the conventions and the limits.
    """
    if not tokens:
        return []
    roles = _roles(tokens)
    parts = [_split_hyphen(token) for token in tokens]
    options = [_readings(last, role) for (_, last), role in zip(parts, roles, strict=True)]
    best_score = -1.0
    best: list[str] = [last.lower() for _, last in parts]
    for case in _CASES:
        for gender in ("m", "f"):
            score = 1.0
            chosen: list[str] = []
            for (_, last), readings in zip(parts, options, strict=True):
                fitting = [r for r in readings if _fits(r, case, gender)]
                if fitting:
                    top = max(fitting, key=lambda r: r.weight)
                    score *= top.weight
                    chosen.append(top.nominative)
                else:
                    score *= 0.05  # this token cannot be in that case and gender
                    chosen.append(last.lower().replace("ё", "е"))
            if score > best_score + 1e-9:
                best_score, best = score, chosen
    return [
        head + (last if nominative == last.lower().replace("ё", "е") else _restyle(last, nominative))
        for (head, last), nominative in zip(parts, best, strict=True)
    ]
