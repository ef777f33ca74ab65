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

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zholdau.morph import kazakh, russian

GIVEN_NAMES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "given_names.yaml"

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOW = "а-яёәғқңөұүһіa-z"
# A word with inner hyphens ("Касым-Жомарт", "үй-коммуналдық") is one token; numbers and single
# punctuation marks are tokens too, so a caller can see what stands between two words.
_TOKEN = re.compile(rf"[{_UP}{_LOW}]+(?:['’][{_LOW}]+)?(?:-[{_UP}{_LOW}]+)*|\d+(?:[.,]\d+)*|\S")
_NAME_WORD = re.compile(rf"^[{_UP}][{_LOW}]+(?:['’][{_LOW}]+)?(?:-[{_UP}][{_LOW}]+)?$")
_INITIAL_RUN = re.compile(rf"(?<![{_UP}{_LOW}.])((?:[{_UP}]\.\s?){{1,2}})(?=[{_UP}][{_LOW}])")
_INITIAL_AFTER = re.compile(rf"^\s?((?:[{_UP}]\.\s?){{1,2}})")
_KK_LETTERS = frozenset("әғқңөұүһі")

_FOLD = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
     "ё": "е", "й": "и", "ь": None, "ъ": None, "’": None, "'": None}
)  # fmt: skip

# Surname endings (on a folded nominative): Russian and Russified Kazakh "-ов/-ев/-ин", Slavic
# "-ский/-енко/-ук", Kazakh patronymic surnames "-улы/-кызы".
_SURNAME_END = re.compile(
    r"(?:[оеё]в|[иы]н|[оеё]ва|[иы]на|[сц]кий|[сц]кая|енко|[ую]к|улы|кызы|уулу|ович|евич|овна|евна)$"
)
# Surname endings in inflected form (Russian cases, Kazakh case endings after -ов/-ев/-ин).
_SURNAME_INFLECTED = re.compile(
    r"(?:[оеё]в|[иы]н)(?:а|у|ым|ом|е|ой|ою|ых|ы|ым|"
    r"тын|тин|тын|тиң|ка|ке|ты|ти|пен|та|те|тан|тен|га|ге|тар|тер|тардын|терди|нин|нын|дын|дин)$"
)
_PATRONYMIC = re.compile(r"(?:[оеё]вич|ьич|[оеё]вна|ична|улы|кызы|уулу)(?:а|у|ем|ом|е|ы|ой|ою|дын|дин|на|не|нын|нин|га|ге|ка|ке)?$")
_RU_PATRONYMIC = re.compile(r"(?:[оеё]вич|ьич|[оеё]вн|ичн)")

# Capitalised words of the genre that are never part of a personal name: titles, institutions,
# document words, months. (Place names come from the knowledge base.)
NON_NAME_WORDS = frozenset(
    w.translate(_FOLD)
    for w in """
    послание посланий жолдау жолдауы жолдауын жолдауда елбасы президент президенти президента глава главы
    мемлекет государство государства республика республики казахстан казахстана қазақстан қазақстанның
    аким акима акиму акимом акимы әкім әкімі әкімінің орынбасары заместитель заместителя руководитель
    руководителя директор директора председатель председателя секретарь секретаря депутат депутаты
    министр министра министерство министрлігі правительство правительства үкімет үкіметі парламент
    парламента мажилис мажилиса мәжіліс сенат сената маслихат маслихата мәслихат мәслихаты акимат
    акимата әкімдік әкімдігі ассамблея ассамблеи ассамблеясы область области облыс облысы облысының
    район района аудан ауданы ауданының город города қала қаласы қаласының село ауыл управление
    управления басқарма басқармасы отдел отдела бөлім бөлімі департамент департамента департаменті
    комитет комитета партия партии партиясы нур отан аманат amanat аманата конституция кодекс закон
    программа бағдарлама стратегия кеңес совет совета жиын отырыс сессия заседание совещание встреча
    главная главный новости жаңалықтар регионы өңір регион казинформ kazinform қазақпарат казахстанская
    правда егемен январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан понедельник
    вторник среда четверг пятница суббота воскресенье сегодня также кроме однако вместе между итогам
    итогам по словам айтуынша атап сондай-ақ сонымен бұл осы ол он она они мы вы барлық все всего
    жыл года год день күні ай айы апта неделя кезінде барысында соңында бойынша туралы жөнінде
    """.split()
)

_POSS_ENDINGS_RU = ("ами", "ями", "ой", "ою", "ей", "ею", "ом", "ем", "ым", "им", "ах", "ях", "а", "я",
                    "у", "ю", "е", "ы", "и")  # fmt: skip


def fold(word: str) -> str:
    """Compare-form of a name word: lower case, Kazakh letters and ё/й folded, soft signs dropped."""
    return word.casefold().translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark with its character span."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    """Words (hyphenated words whole), numbers and punctuation marks of ``text`` with their spans."""
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Gazetteer:
    """Given names (folded) and national figures known by their surname."""

    given: frozenset[str]
    female: frozenset[str]
    full_names: dict[str, dict[str, Any]] = field(default_factory=dict)  # folded surname → entry


@functools.cache
def gazetteer(path: Path | None = None) -> Gazetteer:
    """Load ``given_names.yaml`` once."""
    data = yaml.safe_load((path or GIVEN_NAMES_FILE).read_text(encoding="utf-8"))
    given: set[str] = set()
    female: set[str] = set()
    for key in ("male_kk", "female_kk", "male_ru", "female_ru"):
        for name in data.get(key) or []:
            given.add(fold(str(name)))
            if key.startswith("female"):
                female.add(fold(str(name)))
    full: dict[str, dict[str, Any]] = {}
    for entry in data.get("full_names") or []:
        for k in ("surname_ru", "surname_kk"):
            full[fold(str(entry[k]))] = dict(entry)
    return Gazetteer(frozenset(given), frozenset(female), full)


def detect_lang(text: str) -> str:
    """``kk`` when Kazakh-only letters are frequent enough, else ``ru`` (for callers without a language)."""
    sample = text[:4000].lower()
    letters = sum(1 for ch in sample if ch.isalpha())
    kk = sum(1 for ch in sample if ch in _KK_LETTERS)
    return "kk" if letters and kk / letters > 0.01 else "ru"


def is_name_word(word: str) -> bool:
    """A capitalised word (optionally hyphenated, "Касым-Жомарт") that can be part of a name."""
    return bool(_NAME_WORD.match(word)) and fold(word) not in NON_NAME_WORDS


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


def is_given_name(word: str) -> bool:
    """True when ``word`` is a given name of the gazetteer in some case form."""
    gz = gazetteer()
    head = word.split("-")[0] if "-" in word and fold(word) not in gz.given else word
    if fold(word) in gz.given:
        return True
    if any(form in gz.given for form in _strip_ru(head if head != word else word)):
        return True
    return fold(kazakh.name_nominative(word)) in gz.given


def is_surname_like(word: str) -> bool:
    """True when ``word`` (any case form) has a surname ending."""
    w = fold(word)
    if _SURNAME_END.search(w) or _SURNAME_INFLECTED.search(w):
        return True
    return bool(_SURNAME_END.search(fold(kazakh.name_nominative(word))))


def is_patronymic(word: str) -> bool:
    """Russian or Kazakh patronymic in any case form ("Кемелевича", "Әбішұлы")."""
    return bool(_PATRONYMIC.search(fold(word)))


@dataclass(frozen=True)
class NameCandidate:
    """A personal-name candidate: span, the words as written, the normal form and its support."""

    start: int
    end: int
    words: tuple[str, ...]  # as written, in text order
    name: str  # nominative, given name first (initials kept as written)
    surname: str  # nominative surname as written ("Баталов", "Уәли")
    given: str | None  # nominative given name, or None (initials or surname only)
    rule: str
    support: frozenset[str]  # "given", "surname", "initials", "patronymic", "known"
    first_token: int
    last_token: int

    @property
    def key(self) -> str:
        """Folded surname: the key to merge mentions of one person."""
        return fold(self.surname)

    @property
    def supported(self) -> bool:
        return bool(self.support)


def nominative(words: list[str], lang: str) -> list[str]:
    """Nominative of the words of one name (Kazakh: only the last word declines)."""
    if not words:
        return []
    if lang == "kk":
        out = kazakh.person_nominative(list(words))
        return out
    out = russian.name_nominative(list(words))
    # A Kazakh case ending on a name in Russian text (rare) or a plural list marker.
    return [*out[:-1], kazakh.name_nominative(out[-1])] if re.search(r"(тар|тер|дар|дер|лар|лер)$", out[-1]) else out


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


def find_names(text: str, lang: str | None = None, tokens: list[Token] | None = None) -> list[NameCandidate]:
    """Every personal-name candidate in ``text``, in order (see the module docstring for the rules)."""
    lang = lang if lang in ("kk", "ru") else detect_lang(text)
    toks = tokens if tokens is not None else tokenize(text)
    out: list[NameCandidate] = []
    used: set[int] = set()
    out.extend(_initial_names(text, toks, lang, used))
    i = 0
    while i < len(toks):
        if i in used or not _starts_name(text, toks, i):
            i += 1
            continue
        run = [i]
        while len(run) < 4:
            j = run[-1] + 1
            if j >= len(toks) or j in used or not is_name_word(toks[j].text):
                break
            gap = text[toks[j - 1].end : toks[j].start]
            if gap not in (" ", "\u00a0"):
                break
            run.append(j)
        for cand in _split_run(text, toks, run, lang):
            out.append(cand)
        i = run[-1] + 1
    out.sort(key=lambda c: c.start)
    return out


def _starts_name(text: str, toks: list[Token], i: int) -> bool:
    tok = toks[i]
    if not is_name_word(tok.text):
        return False
    before = text[max(0, tok.start - 1) : tok.start]
    return before not in ("«", '"', "“", "„")  # «Береке», «Нұр Отан»: organisation names


def _split_run(text: str, toks: list[Token], run: list[int], lang: str) -> list[NameCandidate]:
    words = [toks[k].text for k in run]
    roles = [_role(w) for w in words]
    out: list[NameCandidate] = []
    k = 0
    while k < len(run):
        rest = len(run) - k
        size = 1
        if rest >= 3 and ("patronymic" in roles[k + 1] or "patronymic" in roles[k + 2]) and (
            roles[k] & {"given", "surname"}
        ):
            size = 3
        elif rest >= 2:
            size = 2
        cand = _candidate(text, toks, run[k : k + size], roles[k : k + size], lang)
        if cand is not None:
            out.append(cand)
        k += size
    return out


def _candidate(
    text: str, toks: list[Token], idx: list[int], roles: list[set[str]], lang: str
) -> NameCandidate | None:
    words = [toks[k].text for k in idx]
    nom = nominative(words, lang)
    given, surname, _patr = _order(nom, roles)
    if len(words) == 2 and "patronymic" in roles[1] and "given" in roles[0]:
        given, surname = nom[0], nom[1]  # "Ғалия Сейітқызы": the patronymic is the surname
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
        surname=surname,
        given=given,
        rule=rule,
        support=frozenset(support),
        first_token=idx[0],
        last_token=idx[-1],
    )


def _initial_names(text: str, toks: list[Token], lang: str, used: set[int]) -> list[NameCandidate]:
    """ "Н. Назарбаев", "Қ.Тоқаевтың", "Назарбаев Н.Ә." (the surname is the name word)."""
    starts = {t.start: n for n, t in enumerate(toks)}
    out: list[NameCandidate] = []
    for m in _INITIAL_RUN.finditer(text):
        n = starts.get(m.end())
        if n is None or not is_name_word(toks[n].text):
            continue
        initials = re.sub(r"\s+", "", m.group(1))
        surname = nominative([toks[n].text], lang)[0]
        out.append(_initials_candidate(m.start(), toks[n].end, (m.group(1).strip(), toks[n].text), initials,
                                       surname, n, lang))
        used.add(n)
        used.update(k for k in range(n) if toks[k].start >= m.start())
    for n, tok in enumerate(toks):
        if n in used or not is_name_word(tok.text) or not is_surname_like(tok.text):
            continue
        after = _INITIAL_AFTER.match(text, tok.end)
        if after is None or (after.end() < len(text) and text[after.end() : after.end() + 1].isalpha()
                             and text[after.end()].islower()):
            continue
        initials = re.sub(r"\s+", "", after.group(1))
        surname = nominative([tok.text], lang)[0]
        out.append(_initials_candidate(tok.start, after.end(), (tok.text, after.group(1).strip()), initials,
                                       surname, n, lang))
        used.add(n)
    return out


def _initials_candidate(start: int, end: int, words: tuple[str, ...], initials: str, surname: str, n: int,
                        lang: str) -> NameCandidate:
    known = gazetteer().full_names.get(fold(surname))
    support = {"initials"}
    given = None
    name = f"{initials[:-1].replace('.', '. ')}. {surname}".replace(" .", ".").replace("  ", " ")
    name = f"{initials} {surname}"
    if known is not None and fold(known["given_ru"])[:1] == fold(initials[:1]):
        support.add("known")
        given = known["given_kk"] if lang == "kk" else known["given_ru"]
        surname = known["surname_kk"] if lang == "kk" else known["surname_ru"]
        name = f"{given} {surname}"
    return NameCandidate(start, end, words, name, surname, given, "initials", frozenset(support), n, n)
