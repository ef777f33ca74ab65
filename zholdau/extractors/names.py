"""Person-name candidates in Kazakh and Russian news text.

A candidate is a run of one to three capitalised words that looks like a personal name:

* ``given_surname``: "Амандыком Баталовым", "Берік Уәлидің", "Касым-Жомарта Токаева";
* ``surname_given``: "Баталов Амандык" (lists and protocols; reordered given name first);
* ``three_part``: a patronymic with the name, "Касым-Жомарт Кемелевич Токаев",
  "Нұрсұлтан Әбішұлы Назарбаев" (the patronymic is dropped from the normal form; a two-word
  "Ғалия Сейітқызы" keeps it, since then it serves as the surname);
* ``initials``: "Н. Назарбаев", "Қ.Тоқаев", "Назарбаев Н.Ә.";
* ``single``: one capitalised word ("Баталов поручил") -- only useful to a caller that already
  knows the surname or has a post right before it.

Every candidate records its *support*: a given name from the gazetteer
(``knowledge/given_names.yaml``), a surname ending ("-ов", "-ева", "-ұлы", "-енко"...), initials.
:func:`find_names` returns candidates with or without support; the officials extractor decides
(a name with a post next to it needs no other support). The normal form is the nominative, given
name first, in the article's spelling ("Амандык Баталов", "Берік Уәли", "Айболат Сейтақов" from the
plural list marker "Сейтақовтар").
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from razdel import sentenize

from zholdau.morph import kazakh, letters, russian

GIVEN_NAMES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "given_names.yaml"

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOW = "а-яёәғқңөұүһіa-z"
# A word with inner hyphens ("Касым-Жомарт", "үй-коммуналдық") is one token; numbers and single
# punctuation marks are tokens too, so a caller can see what stands between two words.
_TOKEN = re.compile(rf"[{_UP}{_LOW}]+(?:['’][{_LOW}]+)?(?:-[{_UP}{_LOW}]+)*|\d+(?:[.,]\d+)*|\S")
_NAME_WORD = re.compile(rf"^[{_UP}][{_LOW}]+(?:['’][{_LOW}]+)?(?:-[{_UP}][{_LOW}]+)?$")
_INITIAL_RUN = re.compile(rf"(?<![{_UP}{_LOW}.])((?:[{_UP}]\.\s?){{1,2}})(?=[{_UP}][{_LOW}])")
_INITIAL_AFTER = re.compile(rf"\s?((?:[{_UP}]\.\s?){{1,2}})")
KK_LETTERS = letters.KK_LETTERS  # letters only Kazakh uses

_FOLD = letters.table(letters.KK_TO_RU, letters.RU_VARIANTS, letters.SIGNS, {"’": None, "'": None})

_FOLD_KEEP_Y = letters.table(letters.KK_TO_RU, {"ё": "е"})

# Surname endings (on a folded nominative): Russian and Russified Kazakh "-ов/-ев/-ин", Slavic
# "-ский/-енко/-ук", Kazakh patronymic surnames "-улы/-кызы". Not "-ын": in Kazakh that is a case
# ending or a common word ("Жолдауын", "Тұрғын").
_SURNAME_END = re.compile(
    r"(?:[оеё]в|ин|[оеё]ва|ина|[сц]кий|[сц]кая|енко|[ую]к|улы|кызы|уулу|ович|евич|овна|евна)$"
)
# Surname endings in inflected form (Russian cases, Kazakh case endings after -ов/-ев/-ин).
_SURNAME_INFLECTED = re.compile(
    r"(?:[оеё]в|ин)(?:а|у|ым|ом|е|ой|ою|ых|ы|"
    r"тын|тин|ка|ке|ты|ти|пен|та|те|тан|тен|га|ге|тар|тер|тардын|тердин|нин|нын|дын|дин|"
    r"анын|аны|ага|амен|ада|адан|алар|аларга)$"
)
_PATRONYMIC = re.compile(
    r"(?:[оеё]вич|ьич|[оеё]вн|ичн|улы|кызы|уулу)(?:а|у|ем|ом|е|ы|ой|ою|дын|дин|на|не|нын|нин|нын|га|ге|ка|ке)?$"
)

# Capitalised words of the genre that are never part of a personal name: titles, institutions,
# document words, months. (Place names come from the knowledge base.)
_NON_NAME_RAW = (
    "послание", "посланий", "жолдау", "жолдауы", "жолдауын", "жолдауда", "елбасы", "президент", "президенти",
    "президента", "глава", "главы", "мемлекет", "государство", "государства", "республика", "республики",
    "казахстан", "казахстана", "қазақстан", "қазақстанның", "аким", "акима", "акиму", "акимом", "акимы",
    "әкім", "әкімі", "әкімінің", "орынбасары", "заместитель", "заместителя", "руководитель", "руководителя",
    "директор", "директора", "председатель", "председателя", "секретарь", "секретаря", "депутат", "депутаты",
    "министр", "министра", "министерство", "министрлігі", "правительство", "правительства", "үкімет",
    "үкіметі", "парламент", "парламента", "мажилис", "мажилиса", "мәжіліс", "сенат", "сената", "маслихат",
    "маслихата", "мәслихат", "мәслихаты", "акимат", "акимата", "әкімдік", "әкімдігі", "ассамблея",
    "ассамблеи", "ассамблеясы", "область", "области", "облыс", "облысы", "облысының", "район", "района",
    "аудан", "ауданы", "ауданының", "город", "города", "қала", "қаласы", "қаласының", "село", "ауыл",
    "управление", "управления", "басқарма", "басқармасы", "отдел", "отдела", "бөлім", "бөлімі",
    "департамент", "департамента", "департаменті", "комитет", "комитета", "партия", "партии", "партиясы",
    "нур", "отан", "аманат", "amanat", "аманата", "конституция", "кодекс", "закон", "программа",
    "бағдарлама", "стратегия", "кеңес", "совет", "совета", "жиын", "отырыс", "сессия", "заседание",
    "совещание", "встреча", "главная", "главный", "новости", "жаңалықтар", "регионы", "өңір", "регион",
    "казинформ", "kazinform", "қазақпарат", "казахстанская", "правда", "егемен", "январь", "февраль", "март",
    "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь", "қаңтар", "ақпан",
    "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "сегодня", "также",
    "кроме", "однако", "вместе", "между", "итогам", "по", "словам", "айтуынша", "атап", "сондай-ақ",
    "сонымен", "бұл", "осы", "ол", "он", "она", "они", "мы", "вы", "барлық", "все", "всего", "жыл", "года",
    "год", "день", "күні", "ай", "айы", "апта", "неделя", "кезінде", "барысында", "соңында", "бойынша",
    "туралы", "жөнінде",
)  # fmt: skip
NON_NAME_WORDS = frozenset(w.casefold().translate(_FOLD) for w in _NON_NAME_RAW)


_POSS_ENDINGS_RU = ("ами", "ями", "ой", "ою", "ей", "ею", "ом", "ем", "ым", "им", "ах", "ях", "а", "я",
                    "у", "ю", "е", "ы", "и")  # fmt: skip


_LETTERS = letters.table(letters.KK_TO_RU, letters.RU_VARIANTS, upper=True)


def fold_letters(text: str) -> str:
    """Kazakh-specific letters (and й, ё) mapped to plain Cyrillic, one character for one, so offsets
    stay valid. Cue patterns and text are both folded: many sites write "тапсырма берiлдi",
    "жыл сонына деиін" with Russian letters."""
    return text.translate(_LETTERS)


def rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern compiled in folded letters (match it against :func:`fold_letters` text)."""
    return re.compile(fold_letters(pattern), flags)


_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that finds a match wherever one of ``patterns`` would: a quick test before running
    them one by one. None when they cannot be joined safely (mixed flags, back-references)."""
    patterns = list(patterns)
    flags = {p.flags for p in patterns}
    if not patterns or len(flags) > 1 or any(_BACKREFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
    except re.error:  # the same group name twice, a global flag inside
        return None


class WordPattern:
    """A Kazakh morphology pattern for single words: matched exactly on a word written with Kazakh
    letters, and in folded letters on a word without them ("басқармасына" / "баскармасына"). Folding a
    properly spelt word would blur endings ("-тің" and "-тін" fold alike)."""

    def __init__(self, pattern: str, flags: int = re.IGNORECASE) -> None:
        self.exact = re.compile(pattern, flags)
        self.folded = re.compile(fold_letters(pattern), flags)

    def _pick(self, word: str) -> tuple[re.Pattern[str], str]:
        if any(ch in KK_LETTERS for ch in word.lower()):
            return self.exact, word
        return self.folded, fold_letters(word)

    def search(self, word: str) -> re.Match[str] | None:
        pattern, w = self._pick(word)
        return pattern.search(w)

    def match(self, word: str) -> re.Match[str] | None:
        pattern, w = self._pick(word)
        return pattern.match(w)


def fold(word: str) -> str:
    """Compare-form of a name word: lower case, Kazakh letters and ё/й folded, soft signs dropped."""
    return word.casefold().translate(_FOLD)


class Token(NamedTuple):
    """A word, number or punctuation mark with its character span (a tuple: cheap to make by the
    thousand)."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    """Words (hyphenated words whole), numbers and punctuation marks of ``text`` with their spans."""
    make = tuple.__new__  # skips the keyword handling of Token(...)
    return [make(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Gazetteer:
    """Given names (folded) and national figures known by their surname."""

    given: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]
    full_names: dict[str, dict[str, Any]] = field(default_factory=dict)  # folded surname → entry


@functools.cache
def gazetteer(path: Path | None = None) -> Gazetteer:
    """Load ``given_names.yaml`` once."""
    data = yaml.safe_load((path or GIVEN_NAMES_FILE).read_text(encoding="utf-8"))
    given: set[str] = set()
    female: set[str] = set()
    male: set[str] = set()
    for key in ("male_kk", "female_kk", "male_ru", "female_ru"):
        for name in data.get(key) or []:
            given.add(fold(str(name)))
            (female if key.startswith("female") else male).add(fold(str(name)))
    full: dict[str, dict[str, Any]] = {}
    for entry in data.get("full_names") or []:
        for k in ("surname_ru", "surname_kk"):
            full[fold(str(entry[k]))] = dict(entry)
    return Gazetteer(frozenset(given), frozenset(female), frozenset(male), full)


def detect_lang(text: str) -> str:
    """``kk`` when Kazakh-only letters are frequent enough, else ``ru`` (for callers without a language)."""
    sample = text[:4000].lower()
    letters = sum(1 for ch in sample if ch.isalpha())
    kk = sum(1 for ch in sample if ch in KK_LETTERS)
    return "kk" if letters and kk / letters > 0.01 else "ru"


@functools.cache
def _non_name_stems() -> frozenset[str]:
    return frozenset(fold(kazakh.stem(w)) for w in _NON_NAME_RAW if len(w) > 3)


@functools.lru_cache(maxsize=65_536)
def is_name_word(word: str) -> bool:
    """A capitalised word (optionally hyphenated, "Касым-Жомарт") that can be part of a name."""
    if not _NAME_WORD.match(word):
        return False
    low = word.lower()
    if fold(word) in NON_NAME_WORDS or fold(kazakh.stem(low)) in _non_name_stems():
        return False  # "Жолдауында", "Президентінің"
    if any(ch in KK_LETTERS for ch in low):
        return True
    if fold(russian.lemma(low)) in NON_NAME_WORDS:
        return False
    # a dictionary word is a name only if it looks like one ("Токаев" is also a genitive plural)
    return not _russian_common_word(low) or is_given_name(word) or is_surname_like(word)


_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})


@functools.lru_cache(maxsize=65_536)
def _russian_common_word(low: str) -> bool:
    """A dictionary word of Russian that is never a person's name ("Выступил", "Главная", "Павлодар")."""
    if "-" in low or not russian.is_known(low):
        return False
    return not any(_PERSON_TAGS & set(map(str, p.tag.grammemes)) for p in russian.parse(low))


def _strip_ru(word: str) -> Iterable[str]:
    """Folded forms a Russian-inflected name word may come from ("Амандыком" → "амандык")."""
    w = fold(word)
    yield w
    for end in _POSS_ENDINGS_RU:
        if w.endswith(end) and len(w) - len(end) >= 3:
            base = w[: -len(end)]
            yield base
            yield base + "а"
            yield base + "я"


@functools.lru_cache(maxsize=65_536)
def is_given_name(word: str) -> bool:
    """True when ``word`` is a given name of the gazetteer in some case form."""
    gz = gazetteer()
    if any(form in gz.given for form in _strip_ru(word)):
        return True
    return fold(kazakh.name_nominative(word)) in gz.given


def _suffix_form(word: str) -> str:
    """Lower case with Kazakh letters folded but й kept (case endings "-ой", "-ей" need it)."""
    return word.casefold().translate(_FOLD_KEEP_Y)


@functools.lru_cache(maxsize=65_536)
def is_surname_like(word: str) -> bool:
    """True when ``word`` (any case form) has a surname ending."""
    w = _suffix_form(word)
    if _SURNAME_END.search(w) or _SURNAME_INFLECTED.search(w):
        return True
    return bool(_SURNAME_END.search(_suffix_form(kazakh.name_nominative(word))))


@functools.lru_cache(maxsize=65_536)
def is_patronymic(word: str) -> bool:
    """Russian or Kazakh patronymic in any case form ("Кемелевича", "Әбішұлы")."""
    return bool(_PATRONYMIC.search(_suffix_form(word)))


@dataclass(frozen=True)
class NameCandidate:
    """A personal-name candidate: span, the words as written, the normal form and its support."""

    start: int
    end: int
    words: tuple[str, ...]  # as written, in text order
    name: str  # nominative, given name first (initials kept as written)
    written: str  # the words as written, given name first (a nominative mention has name == written)
    surname: str  # nominative surname as written ("Баталов", "Уәли")
    given: str | None  # nominative given name, or None (initials or surname only)
    rule: str
    support: frozenset[str]  # "given", "surname", "initials", "patronymic", "known"
    first_token: int
    last_token: int

    @property
    def key(self) -> str:
        """Folded surname without a final -а/-я: the key to merge mentions of one person
        ("Сарсенова" and a mis-declined "Сарсенов" meet)."""
        return re.sub(r"[ая]$", "", fold(self.surname))

    @property
    def supported(self) -> bool:
        return bool(self.support)


def nominative(words: list[str], lang: str) -> list[str]:
    """Nominative of the words of one name (Kazakh: only the last word declines)."""
    return list(_nominative(tuple(words), lang))


@functools.lru_cache(maxsize=16_384)
def _nominative(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    return tuple(_nominative_uncached(list(words), lang))


def _nominative_uncached(words: list[str], lang: str) -> list[str]:
    if not words:
        return []
    if lang == "kk":
        return kazakh.person_nominative(list(words))
    out = russian.name_nominative(list(words))
    # A Kazakh case ending on a name in Russian text (rare) or a plural list marker.
    return (
        [*out[:-1], kazakh.name_nominative(out[-1])]
        if re.search(r"(тар|тер|дар|дер|лар|лер)$", out[-1])
        else out
    )


def _written_nominative(words: list[str], roles: list[set[str]], lang: str) -> bool:
    """A Russian-text name whose given name is written exactly as in the gazetteer and declines
    ("Алия", "Марат"; not "Айгуль", which never changes) is already in the nominative."""
    if lang != "ru" or len(words) < 2:
        return False
    gz = gazetteer()
    for word, role in zip(words, roles, strict=True):
        if "given" not in role:
            continue
        w = fold(word)
        if w not in gz.given:
            return False
        if w in gz.female and w not in gz.male:
            return w.endswith(("а", "я"))
        return w in gz.male and w[-1] not in "аяеиоуы"
    return False


def _role(word: str) -> set[str]:
    roles = set()
    if is_given_name(word):
        roles.add("given")
    if is_patronymic(word):
        roles.add("patronymic")
    if is_surname_like(word):
        roles.add("surname")
    return roles


def _order(words: list[str], roles: list[set[str]]) -> tuple[str | None, str, str | None]:
    """(given, surname, patronymic) from name words in article order."""
    if len(words) == 3:
        if "patronymic" in roles[2] and "patronymic" not in roles[1]:
            return words[1], words[0], words[2]  # Токаев Касым-Жомарт Кемелевич
        return words[0], words[2], words[1]  # Касым-Жомарт Кемелевич Токаев
    if len(words) == 2:
        a, b = roles
        swap = ("given" in b and "given" not in a) or (
            "surname" in a and "surname" not in b and "patronymic" not in b and "given" not in a
        )
        if swap:
            return words[1], words[0], None
        return words[0], words[1], None
    return None, words[0], None


def _support(roles: list[set[str]]) -> set[str]:
    out: set[str] = set()
    for r in roles:
        out |= r & {"given", "surname", "patronymic"}
    return out


def find_names(
    text: str, lang: str | None = None, tokens: list[Token] | None = None, blocked: Iterable[int] = ()
) -> list[NameCandidate]:
    """Every personal-name candidate in ``text``, in order (see the module docstring for the rules).

    ``blocked``: indexes of tokens (in ``tokens``) that cannot be part of a name, such as place names
    found by the caller ("аким Экибастуза Марат Жумабаев").
    """
    blocked = set(blocked)
    lang = lang if lang in ("kk", "ru") else detect_lang(text)
    if is_caseless(text):
        text = recase(text)
        tokens = None
    toks = tokens if tokens is not None else tokenize(text)
    out: list[NameCandidate] = []
    used: set[int] = set()
    out.extend(_initial_names(text, toks, lang, used))
    i = 0
    while i < len(toks):
        if not toks[i].text[:1].isupper() or i in used or i in blocked or not _starts_name(text, toks, i):
            i += 1
            continue
        run = [i]
        while len(run) < 4:
            j = run[-1] + 1
            if j >= len(toks) or j in used:
                break
            if not is_name_word(toks[j].text) and not _surname_after_given(toks[j - 1].text, toks[j].text):
                break
            if j in blocked and not (is_given_name(toks[j - 1].text) and is_surname_like(toks[j].text)):
                break  # a place name, unless it is a surname after a given name ("Ольга Шевченко")
            gap = text[toks[j - 1].end : toks[j].start]
            if gap not in (" ", "\u00a0"):
                break
            run.append(j)
        out.extend(_split_run(text, toks, run, lang))
        i = run[-1] + 1
    out.sort(key=lambda c: c.start)
    return out


def is_caseless(text: str) -> bool:
    """True for text without capital letters (Kazakh transliterated from the Arabic script)."""
    sample = text[:5000]
    if any(ch.isupper() and ch.isalpha() for ch in sample):
        return False  # usually decided at the first letter
    return sum(map(str.isalpha, sample)) > 80


def recase(text: str) -> str:
    """Capitalise the words of personal names in caseless text (same length, same offsets): a given
    name of the gazetteer and a surname-shaped word right after it."""
    chars = list(text)
    toks = tokenize(text)
    for n, tok in enumerate(toks):
        if not tok.is_word or not is_given_name(tok.text.title()):
            continue
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if nxt is None or not nxt.is_word or not is_surname_like(nxt.text):
            continue
        for t in (tok, nxt):
            titled = "-".join(p[:1].upper() + p[1:] for p in t.text.split("-"))
            if len(titled) == t.end - t.start:
                chars[t.start : t.end] = titled
    return "".join(chars)


def _surname_after_given(previous: str, word: str) -> bool:
    """A capitalised dictionary word right after a given name is a surname ("Дмитрий Пак")."""
    return (
        bool(_NAME_WORD.match(word))
        and fold(word) not in NON_NAME_WORDS
        and is_given_name(previous)
        and not is_given_name(word)
        and len(word) > 2
    )


def _starts_name(text: str, toks: list[Token], i: int) -> bool:
    tok = toks[i]
    if not is_name_word(tok.text):
        return False
    before = text[max(0, tok.start - 1) : tok.start]
    return before not in ("«", '"', "“", "„")  # «Береке», «Нұр Отан»: organisation names


def _piece_score(roles: list[set[str]]) -> float:
    """How name-like a piece of a capitalised run is (its words' roles in order)."""
    if len(roles) == 1:
        return 0.5 if roles[0] & {"surname", "given"} else 0.0
    if len(roles) == 2:
        a, b = roles
        if ("given" in a and b & {"surname", "patronymic"}) or ("surname" in a and "given" in b):
            return 3.0
        if "given" in a and "given" in b:
            return 2.0
        if "surname" in b and not a:
            return 2.0  # an unknown given name before a surname: "Нурбек Сейтказин"
        return 1.2 if (a | b) & {"given", "surname"} else 0.1  # unknown pair: a name only next to a post
    a, b, c = roles
    if (a & {"given", "surname"}) and ("patronymic" in b or "patronymic" in c):
        return 4.0
    return -5.0


def _segment(roles: list[set[str]]) -> list[int]:
    """Best split of a capitalised run into names of one to three words (sizes, in order)."""
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for end in range(1, len(roles) + 1):
        options = []
        for size in (1, 2, 3):
            if end - size in best:
                score, sizes = best[end - size]
                options.append((score + _piece_score(roles[end - size : end]), [*sizes, size]))
        best[end] = max(options, key=lambda o: o[0])
    return best[len(roles)][1]


def _split_run(text: str, toks: list[Token], run: list[int], lang: str) -> list[NameCandidate]:
    roles = [_role(toks[k].text) for k in run]
    out: list[NameCandidate] = []
    k = 0
    for size in _segment(roles):
        out.append(_candidate(text, toks, run[k : k + size], roles[k : k + size], lang))
        k += size
    return out


def _candidate(
    text: str, toks: list[Token], idx: list[int], roles: list[set[str]], lang: str
) -> NameCandidate:
    words = [toks[k].text for k in idx]
    nom = words if _written_nominative(words, roles, lang) else nominative(words, lang)
    given, surname, _patr = _order(nom, roles)
    w_given, w_surname, _ = _order(words, roles)
    if len(words) == 2 and "patronymic" in roles[1] and "given" in roles[0]:
        given, surname = nom[0], nom[1]  # "Ғалия Сейітқызы": the patronymic is the surname
        w_given, w_surname = words[0], words[1]
    support = _support(roles)
    known = gazetteer().full_names.get(fold(surname))
    if known is not None:
        support.add("known")
    parts = [p for p in (given, surname) if p]
    rule = {1: "single", 2: "given_surname", 3: "three_part"}[len(words)]
    if len(words) == 2 and given == nom[1]:
        rule = "surname_given"
    return NameCandidate(
        start=toks[idx[0]].start,
        end=toks[idx[-1]].end,
        words=tuple(words),
        name=" ".join(parts),
        written=" ".join(p for p in (w_given if given else None, w_surname) if p),
        surname=surname,
        given=given,
        rule=rule,
        support=frozenset(support),
        first_token=idx[0],
        last_token=idx[-1],
    )


_token_start = operator.attrgetter("start")


def _initial_names(text: str, toks: list[Token], lang: str, used: set[int]) -> list[NameCandidate]:
    """ "Н. Назарбаев", "Қ.Тоқаевтың", "Назарбаев Н.Ә." (the surname is the name word)."""
    out: list[NameCandidate] = []
    for m in _INITIAL_RUN.finditer(text):
        n = bisect.bisect_left(toks, m.end(), key=_token_start)  # tokens are in text order
        if n == len(toks) or toks[n].start != m.end() or not is_name_word(toks[n].text):
            continue
        initials = re.sub(r"\s+", "", m.group(1))
        surname = nominative([toks[n].text], lang)[0]
        first = bisect.bisect_left(toks, m.start(), key=_token_start)
        out.append(
            _initials_candidate(
                m.start(), toks[n].end, (m.group(1).strip(), toks[n].text), initials, surname, first, n, lang
            )
        )
        used.update(range(first, n + 1))
    for n, tok in enumerate(toks):
        # is_name_word wants a capital first; the surname test is cheaper than its dictionary look-up
        if (
            n in used
            or not tok.text[:1].isupper()
            or not is_surname_like(tok.text)
            or not is_name_word(tok.text)
        ):
            continue
        after = _INITIAL_AFTER.match(text, tok.end)
        if after is None or (after.group(1).endswith(".") and text[after.end() : after.end() + 1].isalpha()):
            continue  # "Ахметов С.Алматы": glued to the next word, not initials
        initials = re.sub(r"\s+", "", after.group(1))
        surname = nominative([tok.text], lang)[0]
        last = max(k for k in range(n, min(len(toks), n + 6)) if toks[k].end <= after.end())
        out.append(
            _initials_candidate(
                tok.start, after.end(), (tok.text, after.group(1).strip()), initials, surname, n, last, lang
            )
        )
        used.update(range(n, last + 1))
    return out


def _initials_candidate(
    start: int,
    end: int,
    words: tuple[str, ...],
    initials: str,
    surname: str,
    first: int,
    last: int,
    lang: str,
) -> NameCandidate:
    known = gazetteer().full_names.get(fold(surname))
    support = {"initials"}
    given = None
    name = f"{initials} {surname}"
    if known is not None and fold(known["given_ru"])[:1] == fold(initials[:1]):
        support.add("known")
        given = known["given_kk"] if lang == "kk" else known["given_ru"]
        surname = known["surname_kk"] if lang == "kk" else known["surname_ru"]
        name = f"{given} {surname}"
    written = " ".join(words)
    return NameCandidate(
        start, end, words, name, written, surname, given, "initials", frozenset(support), first, last
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the text with its character span."""

    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (razdel within each line; a line break always ends a sentence)."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[Sentence, ...]:
    # the chair and the assignments extractors split the same article one after the other
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            for s in sentenize(line):
                if s.text.strip():
                    out.append(Sentence(s.text, pos + s.start, pos + s.stop))
        pos += len(line) + 1
    return tuple(out)
