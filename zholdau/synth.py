"""A synthetic corpus with its gold: realistic Kazakh and Russian articles about the Address, at any size.

``generate(n, out_dir, seed)`` writes ``n`` articles as plain text, JSON Lines and HTML files under
``out_dir/corpus/`` (what to ingest), plus ``out_dir/gold.jsonl`` (one row per article, the format of
``demo/gold.jsonl``, sources relative to ``corpus/``) and ``out_dir/manifest.json`` (counts, including the
malformed inputs that must become rejections). The same seed gives the same bytes.

Sentences come from ``knowledge/synth_templates.yaml`` (our own templates); regions, places, Addresses
and outlets come from the knowledge base, valid on each article's date. Every value a template puts
into the text is a *slot* object that records its gold when it is rendered (see :class:`Slots`), so the
gold lists exactly what the text says: officials in the nominative, places, figures with their values,
assignments with their exact sentence and deadline.

What the corpus holds, besides plain meeting reports: syndicated copies (another outlet, another
headline, ``duplicate_of`` the original), Kazakh/Russian pairs of one meeting (some in one qTranslate
file), follow-ups reporting an assignment done, articles not about an Address, and malformed inputs
(empty files, binary junk, broken JSONL lines) at ``malformed_rate``.
"""

from __future__ import annotations

import functools
import heapq
import html
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from zholdau.knowledge import Address, Knowledge, Place, Region, load_knowledge

TEMPLATES_PATH = Path(__file__).resolve().parent / "knowledge" / "synth_templates.yaml"
JSONL_LINES_PER_FILE = 1000
SHARD = 5000  # articles per shard (one process writes one shard)
MALFORMED_KINDS = ("empty", "junk", "foreign", "jsonl_broken", "jsonl_no_text")
DEFAULT_SEED = 7
# no article is dated later (a fixed day, not today, so a seed gives the same corpus any day)
LATEST = date(2025, 12, 20)

# --------------------------------------------------------------------------------------------------
# Kazakh morphology: case suffixes by vowel harmony and the last sound


_KK_BACK = frozenset("аоұыяюё")
_KK_FRONT = frozenset("әөүіеэи")
_KK_VOWEL_END = frozenset("аәеоөұүыіэюяё")
_KK_VOICELESS = frozenset("кқпстфхшщцчбвгд")
_KK_NASAL = frozenset("мнң")
_KK_SONORANT = frozenset("лрйуи")


def kk_back(word: str) -> bool:
    """True when a Kazakh word takes back-vowel suffixes (its last a/o/ұ/ы vowel wins over ә/е/і...)."""
    for ch in reversed(word.lower()):
        if ch in _KK_BACK:
            return True
        if ch in _KK_FRONT:
            return False
    return True


def _kk_class(word: str) -> str:
    last = word[-1].lower()
    if last in _KK_VOWEL_END:
        return "vowel"
    if last in _KK_NASAL:
        return "nasal"
    if last in _KK_SONORANT:
        return "sonorant"
    if last in _KK_VOICELESS:
        return "voiceless"
    return "voiced"  # ж, з


def kk_case(word: str, case: str, *, possessive: bool = False, back: bool | None = None) -> str:
    """``word`` with a Kazakh case suffix: gen dat acc loc ins, or adj (-лық: "600 орындық")."""
    if case == "nom" or not word:
        return word
    if back is None:
        # "-ев" takes the harmony of the stem (Тоқаевтың, Қонаевта); "-ов" is back (Петровтың)
        back = kk_back(word[:-2]) if word.endswith("ев") else kk_back(word)
    b = back
    if possessive:  # облысы → облысының, облысына, облысын, облысында
        return (
            word
            + {
                "gen": "ның" if b else "нің",
                "dat": "на" if b else "не",
                "acc": "н",
                "loc": "нда" if b else "нде",
                "ins": "мен",
                "adj": "лық" if b else "лік",
            }[case]
        )
    cls = _kk_class(word)
    if case == "gen":
        head = {"vowel": "н", "nasal": "н", "sonorant": "д", "voiced": "д", "voiceless": "т"}[cls]
        return word + head + ("ың" if b else "ің")
    if case == "dat":
        return word + (("қа" if b else "ке") if cls == "voiceless" else ("ға" if b else "ге"))
    if case == "acc":
        head = {"vowel": "н", "nasal": "д", "sonorant": "д", "voiced": "д", "voiceless": "т"}[cls]
        return word + head + ("ы" if b else "і")
    if case == "loc":
        return word + ("т" if cls == "voiceless" else "д") + ("а" if b else "е")
    if case == "ins":
        head = {"vowel": "м", "sonorant": "м", "nasal": "б", "voiced": "б", "voiceless": "п"}[cls]
        return word + head + "ен"
    if case == "adj":
        head = {"vowel": "л", "sonorant": "л", "nasal": "д", "voiced": "д", "voiceless": "т"}[cls]
        return word + head + ("ық" if b else "ік")
    raise ValueError(f"unknown Kazakh case {case!r}")


# --------------------------------------------------------------------------------------------------
# Russian morphology: just what names, places and counted nouns need


_RU_HUSH = frozenset("гкхжчшщ")
_RU_VOWELS = frozenset("аеёиоуыэюя")
RU_CASES = ("nom", "gen", "dat", "acc", "ins", "loc")


def ru_given_name(name: str, gender: str) -> dict[str, str]:
    """Case forms of a given name (female names ending in a consonant do not decline)."""
    f = dict.fromkeys(RU_CASES, name)
    if gender == "m":
        if name.endswith("ий"):
            s = name[:-2]
            f.update(gen=s + "ия", dat=s + "ию", acc=s + "ия", ins=s + "ием", loc=s + "ии")
        elif name.endswith(("й", "ь")):
            s = name[:-1]
            f.update(gen=s + "я", dat=s + "ю", acc=s + "я", ins=s + "ем", loc=s + "е")
        elif name[-1] not in _RU_VOWELS:
            f.update(
                gen=name + "а",
                dat=name + "у",
                acc=name + "а",
                ins=name + ("ем" if name[-1] in "жшчщц" else "ом"),
                loc=name + "е",
            )
        return f
    if name.endswith("ия"):
        s = name[:-1]
        f.update(gen=s + "и", dat=s + "и", acc=s + "ю", ins=s + "ей", loc=s + "и")
    elif name.endswith("я"):
        s = name[:-1]
        f.update(gen=s + "и", dat=s + "е", acc=s + "ю", ins=s + "ей", loc=s + "е")
    elif name.endswith("а"):
        s = name[:-1]
        f.update(
            gen=s + ("и" if s[-1] in _RU_HUSH else "ы"),
            dat=s + "е",
            acc=s + "у",
            ins=s + ("ей" if s[-1] in "жшчщц" else "ой"),
            loc=s + "е",
        )
    return f


def ru_surname(name: str, gender: str) -> dict[str, str]:
    """Case forms of a (male-form) surname for ``gender``; only -ов/-ев/-ин/-ын surnames decline."""
    declines = name.endswith(("ов", "ев", "ёв", "ин", "ын"))
    if not declines:
        return dict.fromkeys(RU_CASES, name)
    if gender == "m":
        return {
            "nom": name,
            "gen": name + "а",
            "dat": name + "у",
            "acc": name + "а",
            "ins": name + "ым",
            "loc": name + "е",
        }
    return {
        "nom": name + "а",
        "gen": name + "ой",
        "dat": name + "ой",
        "acc": name + "у",
        "ins": name + "ой",
        "loc": name + "ой",
    }


def _ru_noun_forms(word: str) -> dict[str, str]:
    """Case forms of a one-word place name by its ending (Павлодар, Семей, Караганда, Актобе...)."""
    f = dict.fromkeys(RU_CASES, word)
    last = word[-1]
    if word.endswith(("ое", "ее")):
        s = word[:-2]
        f.update(gen=s + "ого", dat=s + "ому", loc=s + "ом", ins=s + "ым")
    elif word.endswith("ая"):
        s = word[:-2]
        f.update(gen=s + "ой", dat=s + "ой", acc=s + "ую", loc=s + "ой", ins=s + "ой")
    elif word.endswith(("ий", "ый", "ой")):
        s = word[:-2]
        f.update(gen=s + "ого", dat=s + "ому", loc=s + "ом", ins=s + ("им" if word.endswith("ий") else "ым"))
    elif last == "й":
        s = word[:-1]
        f.update(gen=s + "я", dat=s + "ю", loc=s + "е", ins=s + "ем")
    elif last == "ь":
        s = word[:-1]
        f.update(gen=s + "и", dat=s + "и", loc=s + "и", ins=s + "ью")
    elif last == "а":
        s = word[:-1]
        f.update(
            gen=s + ("и" if s[-1] in _RU_HUSH else "ы"), dat=s + "е", acc=s + "у", loc=s + "е", ins=s + "ой"
        )
    elif last == "я":
        s = word[:-1]
        f.update(gen=s + "и", dat=s + "е", acc=s + "ю", loc=s + "е", ins=s + "ей")
    elif last not in _RU_VOWELS and last.isalpha():
        f.update(gen=word + "а", dat=word + "у", loc=word + "е", ins=word + "ом")
    return f


def _ru_adjective(word: str) -> dict[str, str]:
    """Masculine adjective (Аягозский) or feminine (Павлодарская) in every case."""
    if word.endswith("ая"):
        s = word[:-2]
        return {
            "nom": word,
            "gen": s + "ой",
            "dat": s + "ой",
            "acc": s + "ую",
            "ins": s + "ой",
            "loc": s + "ой",
        }
    s = word[:-2]
    soft = word.endswith("ий")
    return {
        "nom": word,
        "gen": s + "ого",
        "dat": s + "ому",
        "acc": word,
        "ins": s + ("им" if soft else "ым"),
        "loc": s + "ом",
    }


_RAION = {"nom": "район", "gen": "района", "dat": "району", "acc": "район", "ins": "районом", "loc": "районе"}
_OBLAST = {
    "nom": "область",
    "gen": "области",
    "dat": "области",
    "acc": "область",
    "ins": "областью",
    "loc": "области",
}


@functools.cache
def ru_place_forms(name: str, kind: str) -> dict[str, str] | None:
    """Case forms of a Russian place or region name; None when we cannot decline it safely."""
    words = name.split()
    if kind == "district":
        if len(words) == 2 and words[1] == "район" and words[0].endswith(("ий", "ый", "ой")):
            adj = _ru_adjective(words[0])
            return {c: f"{adj[c]} {_RAION[c]}" for c in RU_CASES}
        if words[0] == "район" and len(words) >= 2:
            rest = " ".join(words[1:])
            return {c: f"{_RAION[c]} {rest}" for c in RU_CASES}
        return None
    if kind == "region":
        if len(words) == 2 and words[1] == "область" and words[0].endswith("ая"):
            adj = _ru_adjective(words[0])
            return {c: f"{adj[c]} {_OBLAST[c]}" for c in RU_CASES}
        if words[0] == "область" and len(words) >= 2:
            rest = " ".join(words[1:])
            return {c: f"{_OBLAST[c]} {rest}" for c in RU_CASES}
    if len(words) != 1:
        return None
    return _ru_noun_forms(name)


@functools.cache
def kk_place_forms(name: str) -> dict[str, str]:
    """Case forms of a Kazakh place name; "… ауданы" / "… облысы" take possessive suffixes."""
    possessive = name.endswith(("ауданы", "облысы", "қаласы"))
    return {c: kk_case(name, c, possessive=possessive) for c in ("nom", "gen", "dat", "acc", "loc", "ins")}


# --------------------------------------------------------------------------------------------------
# Numbers


def fmt_int(n: int, rnd: random.Random) -> str:
    """An integer as regional news write it: thousands with a space (sometimes none below 10 000)."""
    if n < 1000 or (n < 10000 and rnd.random() < 0.4):
        return str(n)
    return f"{n:,}".replace(",", " ")


def fmt_dec(x: float) -> str:
    """One decimal with a comma; whole numbers without one."""
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}".replace(".", ",")


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _count_value(rnd: random.Random, lo: int, hi: int) -> int:
    """A count that never ends in 1 (so verbs in the templates can stay plural)."""
    while True:
        n = rnd.randint(lo, hi)
        if n % 10 != 1 or n % 100 == 11:
            return n


# --------------------------------------------------------------------------------------------------
# Gold collected while rendering


@dataclass
class Gold:
    """The gold facts of one article, filled by slots as the text is rendered."""

    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    officials: dict[str, dict[str, Any]] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    topics: Counter[str] = field(default_factory=Counter)

    def place(self, name: str, region: str) -> None:
        self.places.setdefault(name, {"name": name, "region": region})

    def region(self, code: str) -> None:
        if code not in self.regions:
            self.regions.append(code)

    def official(self, name: str, post: str, level: str) -> None:
        self.officials.setdefault(name, {"name": name, "post": post, "level": level})


class Slot:
    """A value a template can put into the text; rendering it records its gold in ``self.gold``."""

    gold: Gold

    def render(self, spec: str) -> str:
        raise NotImplementedError

    def __format__(self, spec: str) -> str:
        cap = spec.endswith(".cap")
        out = self.render(spec.removesuffix(".cap"))
        return out[:1].upper() + out[1:] if cap and out else out


@dataclass(eq=False)
class Person(Slot):
    """An official: name forms in both languages, gender, post."""

    given: dict[str, str]  # lang → given name
    surname: dict[str, str]  # lang → male-form surname
    gender: str
    post: PostSlot | None
    lang: str = "ru"
    gold: Gold = field(default_factory=Gold)
    gold_post: str | None = None  # overrides the post in the gold (the President)
    gold_level: str | None = None

    def nominative(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        sur = self.surname[lang]
        if self.gender == "f":
            if lang == "ru":
                sur = ru_surname(sur, "f")["nom"]
            elif sur.endswith(("ов", "ев", "ин", "ын")):
                sur += "а"
        return f"{self.given[lang]} {sur}"

    def render(self, spec: str) -> str:
        if spec.startswith("g="):
            male, _, female = spec[2:].partition("|")
            return male if self.gender == "m" else female
        case = spec or "nom"
        self._record()
        if self.lang == "ru":
            return f"{ru_given_name(self.given['ru'], self.gender)[case]} {ru_surname(self.surname['ru'], self.gender)[case]}"
        sur = self.nominative("kk").split(" ", 1)[1]
        if case == "nom":
            return f"{self.given['kk']} {sur}"
        possessive = sur.endswith(("ұлы", "үлы"))
        return f"{self.given['kk']} {kk_case(sur, case, possessive=possessive)}"

    def _record(self) -> None:
        post = self.gold_post
        level = self.gold_level
        if post is None and self.post is not None:
            post, level = self.post.gold_text(), self.post.level
        self.gold.official(self.nominative(), post or "", level or "other")


@dataclass(eq=False)
class PostSlot(Slot):
    """A post: Russian case forms from the templates, Kazakh cases derived from the possessive ending."""

    key: str
    level: str
    ru: list[str]
    kk: str
    lang: str
    inner: dict[str, Any]  # {city} {district} {dept} inside the post
    gold: Gold = field(default_factory=Gold)

    def _forms(self) -> dict[str, str]:
        if self.lang == "ru":
            nom, gen, dat, ins = (t.format_map(self.inner) for t in self.ru)
            return {"nom": nom, "gen": gen, "dat": dat, "acc": gen, "ins": ins}
        nom = self.kk.format_map(self.inner)
        return {c: kk_case(nom, c, possessive=True) for c in ("gen", "dat", "acc", "ins", "loc")} | {
            "nom": nom
        }

    def gold_text(self) -> str:
        quiet = {k: (v.quiet() if isinstance(v, PlaceSlot) else v) for k, v in self.inner.items()}
        if self.lang == "ru":
            return self.ru[0].format_map(quiet).lower()
        return self.kk.format_map(quiet).lower()

    def render(self, spec: str) -> str:
        return self._forms()[spec or "nom"]


@dataclass(eq=False)
class PlaceSlot(Slot):
    """A city, district, region or city of republican significance, in a case."""

    names: dict[str, str]  # lang → nominative
    kind: str  # city | district | region | capital
    code: str
    lang: str
    gold: Gold = field(default_factory=Gold)
    silent: bool = False

    def quiet(self) -> PlaceSlot:
        """The same place, rendered without recording gold (for the gold text of a post)."""
        return PlaceSlot(self.names, self.kind, self.code, self.lang, Gold(), silent=True)

    def forms(self) -> dict[str, str]:
        name = self.names[self.lang]
        if self.lang == "ru":
            forms = ru_place_forms(name, "region" if self.kind == "region" else self.kind)
            return forms or dict.fromkeys(RU_CASES, name)
        return kk_place_forms(name)

    def render(self, spec: str) -> str:
        if not self.silent:
            if self.kind in ("region", "capital"):
                self.gold.region(self.code)
            if self.kind != "region":
                self.gold.place(self.names[self.lang], self.code)
        return self.forms()[spec or "nom"]


@dataclass(eq=False)
class AddressSlot(Slot):
    """The Address, referred to by title, date, year or just "the Address of the Head of State"."""

    address: Address
    lang: str
    style: int  # index into the language's reference styles
    pres: Person
    templates: dict[str, Any]
    gold: Gold = field(default_factory=Gold)
    short: bool = False

    def render(self, spec: str) -> str:
        case = spec or "nom"
        if self.address.id not in self.gold.addresses:
            self.gold.addresses.append(self.address.id)
        a = self.address
        fill = {
            "title": a.title_ru if self.lang == "ru" else (a.title_kk or ""),
            "year": a.date.year,
            "adate": self._adate(),
            "pres": self.pres,
        }
        if self.lang == "ru":
            heads = self.templates["ru"]["address_head"]
            head = heads[("nom", "gen", "dat", "acc", "ins", "loc").index(case)]
            tail = self.templates["ru"]["address_tails"][self.style]
            if "{pres" in tail:
                self.pres.gold_post = (
                    "глава государства" if "Главы государства {pres" in tail else "президент"
                )
            return head + tail.format_map(fill)
        ref = self.templates["kk"]["address_refs"][self.style]
        if "{pres" in ref["prefix"]:
            self.pres.gold_post = "мемлекет басшысы"
        noun = "Жолдауы" if ref["possessive"] else "Жолдау"
        return ref["prefix"].format_map(fill) + kk_case(noun, case, possessive=ref["possessive"], back=True)

    def _adate(self) -> str:
        d = self.address.date
        months = self.templates["months"]
        if self.lang == "ru":
            return f"{d.day} {months['ru_gen'][d.month - 1]} {d.year} года"
        return f"{d.year} жылы {d.day} {kk_case(months['kk'][d.month - 1], 'loc')}"


def ru_styles_for(address: Address, kb_years: Counter[int], short: bool, dated: bool) -> list[int]:
    """Which Russian reference styles name this Address unambiguously for the article."""
    tails = TEMPLATES()["ru"]["address_tails"]
    out = []
    for i, tail in enumerate(tails):
        if short and "{title}" in tail:
            continue
        if "{adate}" in tail and address.date_precision != "day":
            continue
        if "{year}" in tail and kb_years[address.date.year] > 1:
            continue
        if tail.strip() in ("Главы государства",) and not dated:
            continue
        out.append(i)
    return out


def kk_styles_for(address: Address, kb_years: Counter[int], short: bool, dated: bool) -> list[int]:
    refs = TEMPLATES()["kk"]["address_refs"]
    out = []
    for i, ref in enumerate(refs):
        p = ref["prefix"]
        if "{title}" in p and (short or not address.title_kk):
            continue
        if "{adate}" in p and address.date_precision != "day":
            continue
        if "{year}" in p and kb_years[address.date.year] > 1:
            continue
        if p == "Мемлекет басшысының " and not dated:
            continue
        out.append(i)
    return out


@dataclass(eq=False)
class FigureSlot(Slot):
    """Money, a percentage, a count of something, hectares or kilometres."""

    kind: str  # money | pct | count | area | length
    value: float
    lang: str
    rnd: random.Random
    noun: dict[str, Any] | None = None
    gold: Gold = field(default_factory=Gold)
    style: float = 0.0

    def render(self, spec: str) -> str:
        text, value, unit = getattr(self, f"_{self.kind}")(spec or "nom")
        fig: dict[str, Any] = {
            "text": text,
            "value": int(value) if float(value).is_integer() else value,
            "unit": unit,
        }
        if self.kind == "count" and self.noun is not None:
            fig["measure"] = self.noun["ru"][0] if self.lang == "ru" else self.noun["kk"]
        self.gold.figures.append(fig)
        return text

    def _money(self, case: str) -> tuple[str, float, str]:
        v = self.value
        cur = "тенге" if self.lang == "ru" else ("теңгені" if case == "acc" else "теңге")
        if v >= 1e9:
            x, abbr, words = v / 1e9, ("млрд", "млрд"), ("миллиард", "миллиарда", "миллиардов")
        else:
            x, abbr, words = v / 1e6, ("млн", "млн"), ("миллион", "миллиона", "миллионов")
        num = fmt_dec(round(x, 1))
        if self.style < 0.6:
            return f"{num} {abbr[0]} {cur}", v, "KZT"
        if self.lang == "kk":
            return f"{num} {words[0]} {cur}", v, "KZT"
        word = words[1] if "," in num else _ru_plural(int(num), *words)
        return f"{num} {word} {cur}", v, "KZT"

    def _pct(self, case: str) -> tuple[str, float, str]:
        num = fmt_dec(self.value)
        if self.lang == "ru":
            if self.style < 0.5:
                return f"{num}%", self.value, "percent"
            if "," in num:
                word = "процента"
            elif case == "gen":
                word = _ru_plural(int(num), "процента", "процентов", "процентов")
            else:
                word = _ru_plural(int(num), "процент", "процента", "процентов")
            return f"{num} {word}", self.value, "percent"
        word = {"nom": "пайыз", "poss": "пайызы", "dat": "пайызға", "acc": "пайызды"}[case]
        if case == "nom" and self.style < 0.5:
            return f"{num}%", self.value, "percent"
        return f"{num} {word}", self.value, "percent"

    def _count(self, case: str) -> tuple[str, float, str]:
        assert self.noun is not None
        n = int(self.value)
        if self.lang == "kk":
            word = self.noun["kk"]
            possessive = word.endswith(("орны", "алаңы"))
            return f"{fmt_int(n, self.rnd)} {kk_case(word, case, possessive=possessive)}", n, "count"
        nom, acc1, few, many = self.noun["ru"]
        if case == "gen":
            num = {2: "двух", 3: "трех", 4: "четырех"}.get(n) if self.style < 0.7 else None
            word = acc1 if n % 10 == 1 and n % 100 != 11 else many
            if n % 10 == 1 and n % 100 != 11:
                word = few  # (never reached: counts do not end in 1)
            return f"{num or fmt_int(n, self.rnd)} {word}", n, "count"
        word = _ru_plural(n, nom if case == "nom" else acc1, few, many)
        num = None
        if self.style < 0.5 and n in (2, 3, 4):
            num = {2: "две" if self.noun.get("gender") == "f" else "два", 3: "три", 4: "четыре"}[n]
        return f"{num or fmt_int(n, self.rnd)} {word}", n, "count"

    def _area(self, case: str) -> tuple[str, float, str]:
        n = int(self.value)
        if self.lang == "kk":
            word = {"nom": "гектар", "dat": "гектарға", "acc": "гектарды"}.get(case, "гектар")
            if n % 1000 == 0 and self.style < 0.5:
                return f"{n // 1000} мың {word}", n, "ha"
            if case == "nom" and self.style > 0.8:
                return f"{fmt_int(n, self.rnd)} га", n, "ha"
            return f"{fmt_int(n, self.rnd)} {word}", n, "ha"
        if self.style < 0.4:
            return f"{fmt_int(n, self.rnd)} га", n, "ha"
        if n % 1000 == 0 and self.style < 0.7:
            return f"{n // 1000} тыс. гектаров", n, "ha"
        word = "гектаров" if case == "gen" else _ru_plural(n, "гектар", "гектара", "гектаров")
        return f"{fmt_int(n, self.rnd)} {word}", n, "ha"

    def _length(self, case: str) -> tuple[str, float, str]:
        n = int(self.value)
        if self.style < 0.6:
            return f"{fmt_int(n, self.rnd)} км", n, "km"
        if self.lang == "kk":
            return f"{fmt_int(n, self.rnd)} шақырым", n, "km"
        return f"{fmt_int(n, self.rnd)} {_ru_plural(n, 'километр', 'километра', 'километров')}", n, "km"


# report groups that are not topic codes themselves
REPORT_TOPICS = {"employment": "social"}

# figure slot names → (kind, noun key, low, high)
FIGURE_SLOTS: dict[str, tuple[str, str | None, int, int]] = {
    "money": ("money", None, 0, 0),
    "pct": ("pct", None, 0, 0),
    "area": ("area", None, 40, 20000),
    "length": ("length", None, 3, 400),
    "n_school": ("count", "school", 2, 9),
    "n_seat": ("count", "seat", 120, 1200),
    "n_kinder": ("count", "kindergarten", 2, 8),
    "n_village": ("count", "village", 12, 260),
    "n_family": ("count", "family", 40, 4800),
    "n_jobs": ("count", "job", 60, 9000),
    "n_project": ("count", "project", 4, 90),
    "n_clinic": ("count", "clinic", 2, 14),
    "n_house": ("count", "house", 3, 60),
    "n_apartment": ("count", "apartment", 40, 1500),
    "n_entrepreneur": ("count", "entrepreneur", 30, 2500),
    "n_sportsground": ("count", "sportsground", 2, 40),
    "n_camera": ("count", "camera", 20, 900),
}


def figure_value(kind: str, lo: int, hi: int, rnd: random.Random) -> float:
    """A plausible value: money in whole millions or tenths of a billion, percentages with one decimal."""
    if kind == "money":
        if rnd.random() < 0.5:
            return float(rnd.randint(12, 990) * 1_000_000)
        return float(rnd.randint(11, 480) * 100_000_000)
    if kind == "pct":
        return float(rnd.randint(2, 95)) if rnd.random() < 0.6 else round(rnd.uniform(0.5, 30.0), 1)
    if kind == "area" and rnd.random() < 0.35:
        return float(rnd.randint(1, 20) * 1000)
    if kind == "count":
        return float(_count_value(rnd, lo, hi))
    return float(rnd.randint(lo, hi))


@dataclass(eq=False)
class AddresseeSlot(Slot):
    """Who an assignment is for: a department, a group of officials, or a person."""

    kind: str  # dept | group | person
    lang: str
    dept: dict[str, Any] | None = None
    group: dict[str, Any] | None = None
    person: Person | None = None
    gold: Gold = field(default_factory=Gold)

    def gold_text(self) -> str:
        if self.kind == "dept":
            assert self.dept is not None
            return f"управление {self.dept['ru']}" if self.lang == "ru" else f"{self.dept['kk']} басқармасы"
        if self.kind == "group":
            assert self.group is not None
            return self.group["ru"][0] if self.lang == "ru" else self.group["kk"]
        assert self.person is not None
        return self.person.nominative()

    def render(self, spec: str) -> str:
        case = spec or "nom"
        if self.kind == "dept":
            assert self.dept is not None
            if self.lang == "ru":
                head = {
                    "nom": "управление",
                    "dat": "управлению",
                    "acc": "управление",
                    "ins": "управлением",
                    "gen": "управления",
                }[case]
                return f"{head} {self.dept['ru']}"
            return f"{self.dept['kk']} {kk_case('басқармасы', case, possessive=True)}"
        if self.kind == "group":
            assert self.group is not None
            if self.lang == "ru":
                return self.group["ru"][{"nom": 0, "dat": 1, "acc": 2, "ins": 3, "gen": 2}[case]]
            return kk_case(self.group["kk"], case, possessive=True)
        assert self.person is not None and self.person.post is not None
        if self.lang == "ru":
            return f"{self.person.post.render(case)} {self.person.render(case)}"
        return f"{self.person.post.render('nom')} {self.person.render(case)}"


@dataclass(eq=False)
class ActionSlot(Slot):
    """What an assignment asks for; figures inside are rendered once, the Kazakh form in nom or acc."""

    entry: dict[str, Any]
    lang: str
    slots: Slots
    _text: str | None = None

    def render(self, spec: str) -> str:
        if self._text is None:
            self._text = self.slots.fill(self.entry[self.lang], cap=False)
        if self.lang == "kk" and spec == "acc":
            head, _, last = self._text.rpartition(" ")
            return f"{head} {kk_case(last, 'acc')}".strip()
        return self._text


# --------------------------------------------------------------------------------------------------
# The templates


@functools.cache
def TEMPLATES() -> dict[str, Any]:
    """The synthetic-corpus templates (``knowledge/synth_templates.yaml``), read once."""
    with TEMPLATES_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


class Slots(dict[str, Any]):
    """The slot values of one sentence: a mapping for ``str.format_map`` that makes figures on demand.

    A figure asked for by name (``{money}``) gets a value drawn from ``values`` (seeded by the meeting
    and the sentence, so the Kazakh and Russian versions of one meeting say the same numbers).
    """

    def __init__(
        self, base: dict[str, Any], gold: Gold, lang: str, values: str, styles: random.Random
    ) -> None:
        super().__init__(base)
        self.gold = gold
        self.lang = lang
        self.seed_prefix = values  # a figure's value depends on it and the slot name only
        self.styles = styles

    def __missing__(self, key: str) -> Any:
        if key not in FIGURE_SLOTS:
            raise KeyError(f"template slot {{{key}}} is not known to zholdau.synth")
        kind, noun, lo, hi = FIGURE_SLOTS[key]
        nouns = TEMPLATES()["nouns"]
        value = figure_value(kind, lo, hi, random.Random(f"{self.seed_prefix}:{key}"))
        slot = FigureSlot(
            kind,
            value,
            self.lang,
            self.styles,
            nouns[noun] if noun else None,
            self.gold,
            self.styles.random(),
        )
        self[key] = slot
        return slot

    def fill(self, template: str, cap: bool = True) -> str:
        """Render one template: slots in place, spaces tidied, first letter capital (unless ``cap`` is off)."""
        out = template.format_map(self)
        out = " ".join(out.split()).replace(" ,", ",").replace(" .", ".").replace(" :", ":")
        return out[:1].upper() + out[1:] if cap and out and out[0] != "«" else out


# --------------------------------------------------------------------------------------------------
# The world: regions, places and people valid on a date


@dataclass(frozen=True)
class _Where:
    region: Region
    code: str
    capital: bool  # a city of republican significance
    names: dict[str, str]  # lang → region name on the date
    centre: dict[str, str] | None  # lang → centre city name
    cities: tuple[Place, ...]
    districts: tuple[Place, ...]


class World:
    """Look-ups on the knowledge base for the generator, cached per region and date."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.templates = TEMPLATES()
        self.address_years: Counter[int] = Counter(a.date.year for a in kb.addresses)
        self._places_by_region: dict[str, list[Place]] = {}
        for p in kb.places:
            self._places_by_region.setdefault(p.region, []).append(p)
        self._place_by_id = {p.id: p for p in kb.places}

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one World per run
    def where(self, region_id: str, on: date) -> _Where:
        region = next(r for r in self.kb.regions if r.id == region_id)
        names = {"ru": region.name_ru, "kk": region.name_kk}
        for former in region.former_names:
            if former.period.contains(on):
                names = {"ru": former.name_ru, "kk": former.name_kk}
        rows = [p for p in self._places_by_region.get(region.code, []) if p.period.contains(on)]
        cities = tuple(
            p
            for p in rows
            if p.kind in ("city", "town") and ru_place_forms(p.name_ru, "city") and p.name_ru != names["ru"]
        )
        districts = tuple(
            p
            for p in rows
            if p.kind == "district" and ru_place_forms(p.name_ru, "district") and p.name_kk.endswith("ауданы")
        )
        centre = None
        cid = region.centre_on(on)
        if cid:
            row = next((p for p in rows if p.id == cid), None) or self._place_by_id.get(cid)
            if row is not None:
                centre = {"ru": row.name_ru, "kk": row.name_kk}
        return _Where(region, region.code, region.kind == "city", names, centre, cities, districts)

    def regions_on(self, on: date) -> list[Region]:
        return sorted(self.kb.regions_valid_on(on), key=lambda r: r.code)


# --------------------------------------------------------------------------------------------------
# Meetings (language-neutral) and their rendering into articles


@dataclass
class Meeting:
    """One occasion, described without language: rendered into one or two articles (kk, ru)."""

    key: str
    seed: str
    kind: str  # akimat | activ | maslikhat | district | public | negative | followup
    where: _Where
    on: date
    address: Address | None
    chair: Person | None
    chair_post_key: str | None
    city: dict[str, str] | None
    district: Place | None
    speakers: list[tuple[Person, str]]  # (person, topic)
    assignments: list[dict[str, Any]]
    region2: _Where | None
    followup_of: tuple[Meeting, dict[str, Any]] | None = None
    sources: dict[str, str] = field(default_factory=dict)  # lang → source of the original article


@dataclass
class Rendered:
    """One article in one language: title, paragraphs and the gold collected while writing them."""

    lang: str
    title: str
    paragraphs: list[str]
    gold: Gold
    dateline_city: str | None = None
    press_service: str | None = None
    chair: str | None = None  # named in the text as the one who chaired


class Generator:
    """Builds meetings and renders them; all randomness comes from seeded ``random.Random`` objects."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.kb = load_knowledge()
        self.world = World(self.kb)
        self.t = TEMPLATES()
        names = self.t["names"]
        self.male = names["male"]
        self.female = names["female"]
        self.surnames = names["surnames"]
        self.addresses = [a for a in self.kb.addresses]
        # recent Addresses are what regional news writes about most
        self.address_weights = [1 + 6 * max(0, a.date.year - 2012) for a in self.addresses]

    # --- people -------------------------------------------------------------------------------
    def person(self, rnd: random.Random, post: PostSlot | None, used: set[str]) -> Person:
        while True:
            gender = "f" if rnd.random() < 0.35 else "m"
            given = rnd.choice(self.female if gender == "f" else self.male)
            sur = rnd.choice(self.surnames)
            if gender == "f" and sur["ru"].endswith("улы"):
                continue
            p = Person(
                {"ru": given["ru"], "kk": given["kk"]}, {"ru": sur["ru"], "kk": sur["kk"]}, gender, post
            )
            if given["ru"] not in used and sur["ru"] not in used:
                used.update((given["ru"], sur["ru"]))
                return p

    def post(self, key: str, inner: dict[str, Any]) -> PostSlot:
        d = self.t["posts"][key]
        return PostSlot(key, d["level"], d["ru"], d["kk"], "ru", inner)

    def place_slot(self, row: Place | None, kind: str, where: _Where) -> PlaceSlot:
        if row is None:
            return PlaceSlot(dict(where.names), "capital" if where.capital else "region", where.code, "ru")
        return PlaceSlot({"ru": row.name_ru, "kk": row.name_kk}, kind, where.code, "ru")

    # --- planning -----------------------------------------------------------------------------
    def meeting(self, index: int) -> Meeting:
        """The ``index``-th occasion of the corpus (independent of the corpus size)."""
        seed = f"{self.seed}:{index}"
        rnd = random.Random(seed)
        roll = rnd.random()
        address = rnd.choices(self.addresses, self.address_weights)[0]
        if roll < 0.08:
            on = self._random_day(rnd)
            return self._negative(index, seed, rnd, on)
        on = address.date + timedelta(days=rnd.choice([1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 20, 30, 45]))
        on = min(on, LATEST)
        return self._meeting(index, seed, rnd, address, on)

    def _random_day(self, rnd: random.Random) -> date:
        start = date(2014, 1, 1).toordinal()
        end = LATEST.toordinal()
        return date.fromordinal(rnd.randint(start, end))

    def _pick_where(self, rnd: random.Random, on: date) -> _Where:
        region = rnd.choice(self.world.regions_on(on))
        return self.world.where(region.id, on)

    def _negative(self, index: int, seed: str, rnd: random.Random, on: date) -> Meeting:
        where = self._pick_where(rnd, on)
        used: set[str] = set()
        sp_post_key = rnd.choice(
            ["region_deputy_akim", "department_head"]
            if not where.capital
            else ["capital_deputy_akim", "department_head"]
        )
        dept_key = rnd.choice(["roads", "agriculture", "sport", "culture"])
        sp = self.person(rnd, self.post(sp_post_key, {"dept": self.t["departments"][dept_key]["ru"]}), used)
        sp.post.inner["dept_key"] = dept_key  # type: ignore[union-attr]
        district = rnd.choice(where.districts) if where.districts else None
        city = where.centre or where.names
        return Meeting(
            f"N-{where.region.id}-{on}-{index}",
            seed,
            "negative",
            where,
            on,
            None,
            None,
            None,
            dict(city),
            district,
            [(sp, dept_key)],
            [],
            None,
        )

    def _meeting(self, index: int, seed: str, rnd: random.Random, address: Address, on: date) -> Meeting:
        where = self._pick_where(rnd, on)
        kinds = ["akimat", "akimat", "activ", "maslikhat", "public"] + (
            ["district"] * 2 if where.districts else []
        )
        kind = rnd.choice(kinds)
        spec = self.t["ru"]["meeting_kinds"][kind]
        posts = spec["capital_chair_posts"] if where.capital else spec["chair_posts"]
        if not posts:
            kind, posts = "akimat", (["capital_akim"] if where.capital else ["region_akim"])
        used: set[str] = set()
        district = rnd.choice(where.districts) if where.districts else None
        chair_key = rnd.choice(posts)
        inner: dict[str, Any] = {}
        if chair_key == "district_akim":
            inner["district"] = self.place_slot(district, "district", where)
        chair = self.person(rnd, self.post(chair_key, inner), used)
        city = where.centre or where.names
        speakers = self._speakers(rnd, where, used, district if kind == "district" else None)
        assignments = (
            self._assignments(rnd, on, speakers, kind) if kind != "public" or rnd.random() < 0.7 else []
        )
        region2 = None
        if rnd.random() < 0.1:
            other = rnd.choice([r for r in self.world.regions_on(on) if r.code != where.code])
            region2 = self.world.where(other.id, on)
        m = Meeting(
            f"E-{where.region.id}-{on}-{index}",
            seed,
            kind,
            where,
            on,
            address,
            chair,
            chair_key,
            dict(city),
            district,
            speakers,
            assignments,
            region2,
        )
        return m

    def _speakers(
        self, rnd: random.Random, where: _Where, used: set[str], district: Place | None
    ) -> list[tuple[Person, str]]:
        out = []
        topics = list(self.t["ru"]["reports"])
        depts = self.t["departments"]
        for _ in range(rnd.choice([1, 2, 2, 3])):
            topic = rnd.choice(topics)
            choices = [
                "department_head",
                "department_head",
                "region_deputy_akim" if not where.capital else "capital_deputy_akim",
            ]
            if where.cities and not where.capital:
                choices.append("city_akim")
            if where.districts:
                choices.append("district_akim")
            if topic == "health":
                choices.append("chief_physician")
            if topic == "business":
                choices.append("entrepreneur")
            key = rnd.choice(choices)
            inner: dict[str, Any] = {}
            if key == "department_head":
                fitting = [k for k, d in depts.items() if topic in d["topics"]] or list(depts)
                dk = rnd.choice(fitting)
                inner = {"dept": depts[dk]["ru"], "dept_key": dk}
            elif key == "city_akim":
                inner = {"city": self.place_slot(rnd.choice(where.cities), "city", where)}
            elif key == "district_akim":
                row = district if district is not None and rnd.random() < 0.5 else rnd.choice(where.districts)
                inner = {"district": self.place_slot(row, "district", where)}
            out.append((self.person(rnd, self.post(key, inner), used), topic))
        return out

    def _assignments(
        self, rnd: random.Random, on: date, speakers: list[tuple[Person, str]], kind: str
    ) -> list[dict[str, Any]]:
        out = []
        actions = self.t["actions"]
        taken: set[str] = set()
        for _ in range(rnd.choice([0, 1, 1, 2, 2, 3])):
            action = rnd.choice(actions)
            if action["key"] in taken:
                continue
            taken.add(action["key"])
            addressee: dict[str, Any]
            people = [
                p for p, _ in speakers if p.post is not None and p.post.key in ("city_akim", "district_akim")
            ]
            heads = [
                p
                for p, _ in speakers
                if p.post is not None and p.post.inner.get("dept_key") in action.get("depts", ())
            ]
            if "groups" in action:
                addressee = {"kind": "group", "group": rnd.choice(action["groups"])}
            elif heads and rnd.random() < 0.4:
                addressee = {"kind": "person", "person": heads[0]}
            elif people and rnd.random() < 0.3:
                addressee = {"kind": "person", "person": rnd.choice(people)}
            else:
                addressee = {"kind": "dept", "dept": rnd.choice(action["depts"])}
            out.append(
                {
                    "action": action,
                    "addressee": addressee,
                    "deadline": self._deadline(rnd, on),
                    "values": f"{rnd.random()}",
                }
            )
        return out

    def _deadline(self, rnd: random.Random, on: date) -> tuple[str, date | None]:
        kind = rnd.choices(
            ["none", "end_of_year", "by_date", "month", "by_year", "end_of_named_year", "not_later"],
            [35, 15, 15, 10, 8, 7, 5],
        )[0]
        if kind == "none":
            return kind, None
        if kind == "end_of_year":
            return kind, date(on.year, 12, 31)
        if kind in ("by_date", "not_later"):
            first = on + timedelta(days=10)
            if first.year != on.year:
                d = date(on.year + 1, rnd.randint(1, 6), rnd.choice([1, 10, 15, 20]))
                return "by_date_year", d
            last = date(on.year, 12, 31)
            d = date.fromordinal(rnd.randint(first.toordinal(), last.toordinal()))
            d = d.replace(day=rnd.choice([1, 10, 15, 20, 25]))
            if d <= on:
                return "end_of_year", date(on.year, 12, 31)
            return kind, d
        if kind == "month":
            if on.day > 28:
                return "end_of_year", date(on.year, 12, 31)
            y, m = (on.year + 1, 1) if on.month == 12 else (on.year, on.month + 1)
            return kind, date(y, m, on.day)
        if kind == "by_year":
            y = on.year + rnd.randint(1, 3)
            return kind, date(y, 12, 31)
        y = on.year + rnd.choice([0, 1])
        return "end_of_named_year", date(y, 12, 31)

    # --- rendering ----------------------------------------------------------------------------
    def render(self, m: Meeting, lang: str, rnd: random.Random) -> Rendered:
        """The article about ``m`` in ``lang``; ``rnd`` chooses templates (not facts)."""
        gold = Gold()
        t = self.t[lang]
        base = self._base_slots(m, lang, gold, rnd)
        paragraphs: list[str] = []
        press = None

        def sentence(tpl: str, key: str, extra: dict[str, Any] | None = None, cap: bool = True) -> str:
            slots = Slots({**base, **(extra or {})}, gold, lang, f"{m.seed}:{key}", rnd)
            return slots.fill(tpl, cap)

        if m.kind == "negative":
            sp, _topic = m.speakers[0]
            neg = t["negative"]
            i = rnd.randrange(len(neg["bodies"]))
            body = sentence(neg["bodies"][i], "neg", self._speaker_slots(sp, lang, gold))
            title = sentence(neg["titles"][min(i, len(neg["titles"]) - 1)], "title")
            gold.topics.update({self._negative_topic(i): 1})
            return Rendered(lang, title, [body], gold)

        if m.kind == "followup":
            return self._render_followup(m, lang, rnd, gold, base, sentence)

        kind = t["meeting_kinds"][m.kind]
        opening = sentence(rnd.choice(kind["openings"]), "open")
        if not gold.regions or rnd.random() < 0.25:
            press = sentence(t["press_service"].lstrip(", "), "press", cap=False)
            opening = opening[:-1] + ", " + press + "."
        paragraphs.append(opening)
        # the chair is known only when the opening says who chaired (not when the name comes later)
        chair = m.chair.nominative(lang) if m.chair is not None else None
        chair = chair if chair in gold.officials else None
        tail = rnd.choice(t["openings_tail"])
        if tail:
            paragraphs.append(sentence(tail, "tail"))
        for j, remark in enumerate(rnd.sample(t["chair_remarks"], rnd.choice([1, 1, 2]))):
            paragraphs.append(sentence(remark, f"remark{j}"))
        for j, (sp, topic) in enumerate(m.speakers):
            pick = random.Random(f"{m.seed}:rep{j}").randrange(6)  # the same pick in kk and ru
            tpl = t["reports"][topic][pick % len(t["reports"][topic])]
            paragraphs.append(sentence(tpl, f"rep{j}", self._speaker_slots(sp, lang, gold)))
            gold.topics.update({REPORT_TOPICS.get(topic, topic): 2})
        if m.region2 is not None:
            r2 = PlaceSlot(
                dict(m.region2.names),
                "capital" if m.region2.capital else "region",
                m.region2.code,
                lang,
                gold,
            )
            paragraphs.append(sentence(rnd.choice(t["other_region"]), "r2", {"region2": r2}))
        akim_chair = m.chair_post_key in (
            "region_akim",
            "capital_akim",
            "district_akim",
            "region_first_deputy",
        )
        pool = t["assignments"] if akim_chair else t["assignments_chair_is_not_akim"]
        if m.chair_post_key == "region_first_deputy":
            pool = [p for p in pool if not p.startswith("Аким ")]
        for j, a in enumerate(m.assignments):
            text = self._assignment_sentence(m, a, j, lang, rnd.choice(pool), gold, base, rnd)
            paragraphs.append(text)
        closing = rnd.choice(t["closings"])
        if closing:
            paragraphs.append(sentence(closing, "close"))
        title_base = dict(base)
        title_base["addr_short"] = self._address_slot(m, lang, gold, rnd, short=True)
        title = Slots(title_base, gold, lang, f"{m.seed}:title", rnd).fill(rnd.choice(t["titles"]))
        if not gold.topics:
            gold.topics.update({"governance": 1})
        return Rendered(lang, title, paragraphs, gold, press_service=press, chair=chair)

    def _render_followup(
        self,
        m: Meeting,
        lang: str,
        rnd: random.Random,
        gold: Gold,
        base: dict[str, Any],
        sentence: Callable[..., str],
    ) -> Rendered:
        assert m.followup_of is not None
        orig, a = m.followup_of
        t = self.t[lang]
        sp, _ = m.speakers[0]
        extra = self._speaker_slots(sp, lang, gold)
        chair = self._person_slot(orig.chair, lang, gold)
        extra.update(chair=chair, chair_post=chair.post)
        addressee = self._addressee_slot(a, lang, gold)
        slots_for_action = Slots({**base, **extra}, gold, lang, f"{orig.seed}:act{a['index']}", rnd)
        action = ActionSlot(a["action"], lang, slots_for_action)
        extra.update(addressee=addressee, action=action)
        body = sentence(rnd.choice(t["followup"]["bodies"]), "fu", extra)
        # the recalled assignment is itself an assignment sentence of this article (without its deadline)
        recalled = body.rsplit(". ", 1)[-1]
        gold.assignments.append(
            {
                "issuer": orig.chair.nominative(lang) if orig.chair else None,
                "addressee": addressee.gold_text(),
                "action": action.render("nom"),
                "deadline": None,
                "sentence": recalled,
            }
        )
        title_base = dict(base)
        title_base["addr_short"] = self._address_slot(m, lang, gold, rnd, short=True)
        title = Slots(title_base, gold, lang, f"{m.seed}:title", rnd).fill(
            rnd.choice(t["followup"]["titles"])
        )
        for topic in a["action"]["topics"]:
            gold.topics.update({topic: 2})
        return Rendered(lang, title, [body], gold)

    def _negative_topic(self, i: int) -> str:
        return ["infrastructure", "agriculture", "culture_sport", "culture_sport"][i % 4]

    def _person_slot(self, p: Person | None, lang: str, gold: Gold) -> Person:
        assert p is not None
        post = None
        if p.post is not None:
            inner = {
                k: (PlaceSlot(v.names, v.kind, v.code, lang, gold) if isinstance(v, PlaceSlot) else v)
                for k, v in p.post.inner.items()
            }
            if lang == "kk" and "dept_key" in inner:
                inner["dept"] = self.t["departments"][inner["dept_key"]]["kk"]
            post = PostSlot(p.post.key, p.post.level, p.post.ru, p.post.kk, lang, inner, gold)
        return Person(p.given, p.surname, p.gender, post, lang, gold, p.gold_post, p.gold_level)

    def _speaker_slots(self, sp: Person, lang: str, gold: Gold) -> dict[str, Any]:
        s = self._person_slot(sp, lang, gold)
        return {"sp": s, "sp_post": s.post}

    def _base_slots(self, m: Meeting, lang: str, gold: Gold, rnd: random.Random) -> dict[str, Any]:
        w = m.where
        months = self.t["months"]
        region = PlaceSlot(dict(w.names), "capital" if w.capital else "region", w.code, lang, gold)
        city = PlaceSlot(dict(m.city or w.names), "capital" if w.capital else "city", w.code, lang, gold)
        base: dict[str, Any] = {"region": region, "city": city}
        if m.district is not None:
            base["district"] = PlaceSlot(
                {"ru": m.district.name_ru, "kk": m.district.name_kk}, "district", w.code, lang, gold
            )
        else:
            base["district"] = city
        d = m.on
        if rnd.random() < 0.5:
            base["date_in"] = ""
        elif lang == "ru":
            base["date_in"] = f"{d.day} {months['ru_gen'][d.month - 1]}"
        else:
            base["date_in"] = f"{d.day} {kk_case(months['kk'][d.month - 1], 'loc')}"
        if m.chair is not None:
            chair = self._person_slot(m.chair, lang, gold)
            base["chair"] = chair
            base["chair_post"] = chair.post
        if m.address is not None:
            base["addr"] = self._address_slot(m, lang, gold, rnd, short=False)
        return base

    def _address_slot(
        self, m: Meeting, lang: str, gold: Gold, rnd: random.Random, short: bool
    ) -> AddressSlot:
        a = m.address if m.kind != "followup" else (m.followup_of[0].address if m.followup_of else None)
        assert a is not None
        dated = m.kind != "followup" and (m.on - a.date).days <= 60
        styles = (ru_styles_for if lang == "ru" else kk_styles_for)(a, self.world.address_years, short, dated)
        style = -1 if short else rnd.choice(styles)
        pres_names = self.t["presidents"][a.president]
        pres = Person(
            {"ru": pres_names["ru"][0], "kk": pres_names["kk"][0]},
            {"ru": pres_names["ru"][1], "kk": pres_names["kk"][1]},
            "m",
            None,
            lang,
            gold,
            gold_level="national",
        )
        if short:
            return _ShortAddress(a, lang, style, pres, self.t, gold, short=True)
        return AddressSlot(a, lang, style, pres, self.t, gold)

    def _addressee_slot(self, a: dict[str, Any], lang: str, gold: Gold) -> AddresseeSlot:
        spec = a["addressee"]
        if spec["kind"] == "dept":
            return AddresseeSlot("dept", lang, dept=self.t["departments"][spec["dept"]], gold=gold)
        if spec["kind"] == "group":
            return AddresseeSlot("group", lang, group=self.t["groups"][spec["group"]], gold=gold)
        return AddresseeSlot("person", lang, person=self._person_slot(spec["person"], lang, gold), gold=gold)

    def _assignment_sentence(
        self,
        m: Meeting,
        a: dict[str, Any],
        j: int,
        lang: str,
        tpl: str,
        gold: Gold,
        base: dict[str, Any],
        rnd: random.Random,
    ) -> str:
        a["index"] = j
        kind, due = a["deadline"]
        dl = self._deadline_text(kind, due, lang, m.on)
        addressee = self._addressee_slot(a, lang, gold)
        slots = Slots(dict(base), gold, lang, f"{m.seed}:act{j}", rnd)
        action = ActionSlot(a["action"], lang, slots)
        slots.update(addressee=addressee, action=action, deadline=dl)
        text = slots.fill(tpl)
        chair = base.get("chair")
        gold.assignments.append(
            {
                "issuer": chair.nominative(lang) if chair is not None else None,
                "addressee": addressee.gold_text(),
                "action": action.render("nom"),
                "deadline": due.isoformat() if due is not None else None,
                "sentence": text,
            }
        )
        for topic in a["action"]["topics"]:
            gold.topics.update({topic: 3})
        return text

    def _deadline_text(self, kind: str, due: date | None, lang: str, on: date) -> str:
        if due is None:
            return ""
        months = self.t["months"]
        tpl = self.t[lang]["deadlines"][kind]
        return tpl.format(
            year=due.year,
            day=due.day,
            month=months["ru_gen"][due.month - 1],
            month_dat=kk_case(months["kk"][due.month - 1], "dat"),
        )


@dataclass(eq=False)
class _ShortAddress(AddressSlot):
    """A short mention for headlines: "Послание", "Жолдауды" (records the Address like the long one)."""

    def render(self, spec: str) -> str:
        case = spec or "nom"
        if self.address.id not in self.gold.addresses:
            self.gold.addresses.append(self.address.id)
        if self.lang == "ru":
            heads = self.templates["ru"]["address_head"]
            return heads[("nom", "gen", "dat", "acc", "ins", "loc").index(case)]
        return kk_case("Жолдау", case, back=True)


# --------------------------------------------------------------------------------------------------
# Writing files


@dataclass
class SynthReport:
    """What :func:`generate` wrote."""

    out_dir: str
    articles: int = 0
    files: int = 0
    by_format: Counter[str] = field(default_factory=Counter)
    by_lang: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    malformed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def merge(self, other: SynthReport) -> None:
        """Add the counts of another shard."""
        self.articles += other.articles
        self.files += other.files
        for mine, theirs in (
            (self.by_format, other.by_format),
            (self.by_lang, other.by_lang),
            (self.by_kind, other.by_kind),
            (self.malformed, other.malformed),
        ):
            mine.update(theirs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "articles": self.articles,
            "files": self.files,
            "by_format": dict(self.by_format),
            "by_lang": dict(self.by_lang),
            "by_kind": dict(self.by_kind),
            "malformed": dict(self.malformed),
            "expected_rejections": sum(self.malformed.values()),
            "seconds": round(self.seconds, 3),
        }


_HTML_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}">
{author_meta}<link rel="canonical" href="{url}">
</head><body>
<header><div class="logo">{outlet}</div>
<nav><a href="/">{home}</a> | <a href="/news">{news}</a> | <a href="/society">{society}</a></nav></header>
<main><article>
<h1>{title}</h1>
<div class="meta">{date_text}</div>
{paragraphs}
</article>
<aside><h3>{popular}</h3><ul><li><a href="/news/1">{side1}</a></li><li><a href="/news/2">{side2}</a></li></ul></aside>
</main>
<footer><p>© {year} {outlet}. {rights}</p></footer>
</body></html>
"""
_HTML_WORDS = {
    "ru": {
        "home": "Главная",
        "news": "Новости",
        "society": "Общество",
        "popular": "Популярное",
        "side1": "Прогноз погоды на выходные",
        "side2": "Курс валют на сегодня",
        "rights": "Все права защищены.",
    },
    "kk": {
        "home": "Басты бет",
        "news": "Жаңалықтар",
        "society": "Қоғам",
        "popular": "Көп оқылған",
        "side1": "Демалыс күндерге арналған ауа райы болжамы",
        "side2": "Бүгінгі валюта бағамы",
        "rights": "Барлық құқықтар қорғалған.",
    },
}


class _Writer:
    """Writes articles and malformed inputs; keeps JSONL feeds open and rotates them."""

    def __init__(self, out: Path, rnd: random.Random, report: SynthReport, shard: int, offset: int) -> None:
        self.out = out / "corpus"
        self.rnd = rnd
        self.report = report
        self.shard = shard
        self.offset = offset
        self.gold = (out / f"gold.part{shard:05d}").open("w", encoding="utf-8")
        self.feed: Any = None
        self.feed_no = 0
        self.feed_lines = 0
        self.dirs: set[Path] = set()

    def close(self) -> None:
        self.gold.close()
        if self.feed is not None:
            self.feed.close()

    def path(self, rel: str) -> Path:
        p = self.out / rel
        if p.parent not in self.dirs:
            p.parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(p.parent)
        return p

    @property
    def number(self) -> int:
        """The corpus-wide number of the next article (names its file)."""
        return self.offset + self.report.articles

    def jsonl_line(self, line: str) -> str:
        """Append a line to the current feed; returns the source of that line."""
        if self.feed is None or self.feed_lines >= JSONL_LINES_PER_FILE:
            if self.feed is not None:
                self.feed.close()
            self.feed_no += 1
            self.feed_lines = 0
            self.feed_name = f"jsonl/feed_{self.shard:03d}_{self.feed_no:02d}.jsonl"
            self.feed = self.path(self.feed_name).open("w", encoding="utf-8")
            self.report.files += 1
        self.feed.write(line + "\n")
        self.feed_lines += 1
        return f"{self.feed_name}#L{self.feed_lines}"

    def write_file(self, rel: str, data: bytes) -> None:
        self.path(rel).write_bytes(data)
        self.report.files += 1

    def gold_row(self, row: dict[str, Any]) -> None:
        self.gold.write(json.dumps(row, ensure_ascii=False) + "\n")


def _slug(where: _Where) -> str:
    return where.region.id


def _time(rnd: random.Random) -> tuple[int, int]:
    return rnd.randint(8, 20), rnd.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, 55])


def _date_line(d: date, lang: str, rnd: random.Random, months: dict[str, list[str]]) -> str:
    hh, mm = _time(rnd)
    style = rnd.random()
    if style < 0.45:
        if lang == "ru":
            return f"{d.day} {months['ru_gen'][d.month - 1]} {d.year}, {hh:02d}:{mm:02d}"
        return f"{d.day} {months['kk'][d.month - 1].capitalize()} {d.year}, {hh:02d}:{mm:02d}"
    if style < 0.8:
        return f"{d.day:02d}.{d.month:02d}.{d.year}, {hh:02d}:{mm:02d}"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


@dataclass
class _Out:
    """How one article is published: format, outlet, date, author."""

    fmt: str  # txt | jsonl | html
    shape: str  # plain | header | dateprefix | dateline | byline (txt)
    published: date
    outlet: str | None
    outlet_field: str | None  # what the container says (JSONL/HTML)
    host: str
    author: str | None


def _hosts_slug(name: str) -> str:
    table = str.maketrans(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ", "abvgdeezzijklmnoprstufhccss_y_euaagqnouuhi-"
    )
    return (
        "".join(ch for ch in name.lower().translate(table) if ch.isalnum() or ch == "-").strip("-") or "news"
    )


def generate(
    n: int,
    out_dir: str | Path,
    seed: int = DEFAULT_SEED,
    malformed_rate: float = 0.01,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    shard_size: int = SHARD,
) -> SynthReport:
    """Write ``n`` articles (and their gold) under ``out_dir``; the same seed writes the same files.

    ``malformed_rate`` is the share of malformed inputs (empty files, binary junk, broken JSONL lines)
    among all records; they come on top of the ``n`` articles, have no gold and are counted in
    ``manifest.json``. The corpus is made in shards of ``shard_size`` articles, each from its own seed,
    on ``workers`` processes (default: one per CPU); the output does not depend on ``workers``.
    """
    if n < 0:
        raise ValueError("n must be 0 or more")
    if not 0 <= malformed_rate < 0.5:
        raise ValueError("malformed_rate must be at least 0 and below 0.5")
    started = time.perf_counter()
    out = Path(out_dir)
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    if shard_size < 1:
        raise ValueError("shard_size must be 1 or more")
    jobs = [
        (seed, k, k * shard_size, min(shard_size, n - k * shard_size), str(out), malformed_rate)
        for k in range(-(-n // shard_size))
    ]
    report = SynthReport(str(out))
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        results: Iterator[SynthReport] = map(_shard, jobs)
        pool = None
    else:
        import concurrent.futures

        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_shard, jobs)
    try:
        with (out / "gold.jsonl").open("wb") as gold:
            for k, part in enumerate(results):
                report.merge(part)
                piece = out / f"gold.part{k:05d}"
                gold.write(piece.read_bytes())
                piece.unlink()
                if on_progress is not None:
                    on_progress(report.articles)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    report.seconds = time.perf_counter() - started
    (out / "manifest.json").write_text(
        json.dumps(
            {"seed": seed, "malformed_rate": malformed_rate, **report.to_dict()}, ensure_ascii=False, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    return report


@functools.cache
def _generator(seed: int) -> Generator:
    return Generator(seed)


def _shard(job: tuple[int, int, int, int, str, float]) -> SynthReport:
    """Write shard ``k``: ``count`` articles numbered from ``offset``, gold to ``gold.part<k>``."""
    seed, k, offset, count, out_dir, rate = job
    gen = _generator(seed)
    out = Path(out_dir)
    report = SynthReport(out_dir)
    plan_rnd = random.Random(f"{seed}:plan:{k}")
    writer = _Writer(out, plan_rnd, report, k, offset)
    per_article = rate / (1 - rate)
    followups: list[tuple[int, int, Meeting, dict[str, Any]]] = []
    try:
        for item in _articles(gen, plan_rnd, followups, start=k * 10_000_000):
            if report.articles >= count:
                break
            written = _publish(gen, writer, item, count - report.articles)
            for _ in range(written):
                if plan_rnd.random() < per_article:
                    _malformed(writer, plan_rnd)
    finally:
        writer.close()
    return report


@dataclass
class _Item:
    meeting: Meeting
    langs: list[str]
    bilingual: bool
    copies: int


def _articles(
    gen: Generator,
    rnd: random.Random,
    followups: list[tuple[int, int, Meeting, dict[str, Any]]],
    start: int = 0,
) -> Iterator[_Item]:
    """The stream of occasions to publish, with their languages, copies and follow-ups."""
    i = start
    while True:
        while followups and followups[0][0] <= i:
            _, _, orig, a = heapq.heappop(followups)
            lang = next(iter(orig.sources), "ru")
            yield _Item(_followup(gen, orig, a, i), [lang], False, 0)
        m = gen.meeting(i)
        i += 1
        r = random.Random(f"{m.seed}:publish")
        first = "kk" if r.random() < 0.45 else "ru"
        langs = [first]
        if m.kind != "negative" and r.random() < 0.15:
            langs.append("ru" if first == "kk" else "kk")
        bilingual = len(langs) == 2 and r.random() < 0.3
        copies = 0 if m.kind == "negative" else r.choices([0, 1, 2], [85, 11, 4])[0]
        if m.kind == "akimat" and m.assignments and r.random() < 0.2 and len(followups) < 1000:
            heapq.heappush(followups, (i + r.randint(3, 40), i, m, m.assignments[0]))
        yield _Item(m, langs, bilingual, copies)


def _followup(gen: Generator, orig: Meeting, a: dict[str, Any], index: int) -> Meeting:
    rnd = random.Random(f"{orig.seed}:followup")
    due = a["deadline"][1]
    on = (due or orig.on + timedelta(days=90)) + timedelta(days=rnd.randint(1, 40))
    on = min(on, LATEST)
    if on <= orig.on:
        on = orig.on + timedelta(days=1)
    used = {
        n
        for p in [*(s for s, _ in orig.speakers), orig.chair]
        if p is not None
        for n in (p.given["ru"], p.surname["ru"])
    }
    dept_key = a["addressee"].get("dept") or rnd.choice(a["action"].get("depts", ["construction"]))
    sp = gen.person(
        rnd,
        gen.post("department_head", {"dept": gen.t["departments"][dept_key]["ru"], "dept_key": dept_key}),
        used,
    )
    m = Meeting(
        f"F-{orig.where.region.id}-{on}-{index}",
        f"{orig.seed}:fu",
        "followup",
        orig.where,
        on,
        orig.address,
        orig.chair,
        orig.chair_post_key,
        orig.city,
        orig.district,
        [(sp, "governance")],
        [],
        None,
        followup_of=(orig, a),
    )
    return m


def _gold_row(
    source: str,
    r: Rendered,
    out: _Out,
    m: Meeting,
    title: str,
    duplicate_of: str | None,
    follows_up: list[str],
) -> dict[str, Any]:
    g = r.gold
    primary = m.where.code
    regions = [primary] + [c for c in g.regions if c != primary]
    topics = [t for t, _ in sorted(g.topics.items(), key=lambda kv: (-kv[1], kv[0]))][:4]
    return {
        "source": source,
        "lang": r.lang,
        "script": "cyrl",
        "title": title,
        "published": out.published.isoformat(),
        "outlet": out.outlet,
        "author": out.author,
        "addresses": list(g.addresses),
        "primary_region": primary,
        "regions": regions,
        "places": list(g.places.values()),
        "officials": list(g.officials.values()),
        "chair": r.chair,
        "assignments": list(g.assignments),
        "figures": list(g.figures),
        "topics": topics,
        "duplicate_of": duplicate_of,
        "event": None if m.kind == "negative" else m.key,
        "follows_up": follows_up,
    }


def _choose_out(gen: Generator, rnd: random.Random, lang: str, published: date, region: str) -> _Out:
    t = gen.t
    fmt = rnd.choices(["txt", "jsonl", "html"], [50, 30, 20])[0]
    own = t[lang]["outlets"]
    author = None
    if rnd.random() < 0.35:
        names = t["names"]
        gender = "f" if rnd.random() < 0.5 else "m"
        given = rnd.choice(names["female" if gender == "f" else "male"])[lang]
        sur = rnd.choice([s for s in names["surnames"] if not s["ru"].endswith("улы")])[lang]
        if gender == "f" and sur.endswith(("ов", "ев", "ин")):
            sur += "а"
        author = f"{given} {sur}"
    name = rnd.choice(own)
    host = f"{_hosts_slug(name)}.kz"
    if fmt == "txt":
        shape = rnd.choices(["plain", "header", "dateprefix", "dateline", "byline"], [30, 20, 15, 15, 20])[0]
        outlet = None
        if shape == "header":
            # an outlet of another region would make that region a (false) signal of the article's region
            known = [
                o
                for o in gen.kb.outlets
                if o.headers
                and lang in o.languages
                and o.home_region in (None, region)
                and len(o.headers[0].split()) <= 4
            ]
            o = rnd.choice(known)
            return _Out(fmt, shape, published, o.name, o.headers[0], host, None)
        if shape == "dateline":
            return _Out(fmt, shape, published, "Kazinform", None, host, None)
        if shape == "byline":
            author = (
                author or f"{rnd.choice(t['names']['male'])[lang]} {rnd.choice(t['names']['surnames'])[lang]}"
            )
            return _Out(fmt, shape, published, host, None, host, author)
        return _Out(fmt, shape, published, outlet, None, host, None)
    if fmt == "jsonl" and rnd.random() < 0.3:
        return _Out(fmt, "", published, host, None, host, author)
    return _Out(fmt, "", published, name, name, host, author)


def _publish(gen: Generator, w: _Writer, item: _Item, room: int) -> int:
    """Write the articles of one occasion (at most ``room``); returns how many were written."""
    m = item.meeting
    r = random.Random(f"{m.seed}:render")
    rendered = {lang: gen.render(m, lang, random.Random(f"{m.seed}:render:{lang}")) for lang in item.langs}
    written = 0
    follows = (
        [m.followup_of[0].sources[k] for k in m.followup_of[0].sources if k == item.langs[0]]
        if m.followup_of is not None
        else []
    )
    follows = follows[:1]
    if item.bilingual and room >= 2:
        written += _write_bilingual(gen, w, m, rendered, r)
        w.report.by_kind[m.kind] += 2
    else:
        for lang in item.langs:
            if written >= room:
                return written
            src = _write_one(
                gen,
                w,
                m,
                rendered[lang],
                _choose_out(gen, r, lang, m.on, m.where.code),
                None,
                follows,
                r,
                rendered[lang].title,
            )
            m.sources.setdefault(lang, src)
            written += 1
            w.report.by_kind[m.kind] += 1
    first_lang = item.langs[0]
    for c in range(item.copies):
        if written >= room:
            break
        rr = rendered[first_lang]
        t = gen.t[first_lang]
        title = r.choice(t["syndicated_title_prefix"]) + rr.title + r.choice(t["syndicated_title_suffix"])
        out = _choose_out(gen, r, first_lang, m.on + timedelta(days=c + 1), m.where.code)
        copy = Rendered(
            rr.lang,
            title,
            [*rr.paragraphs, _attribution(first_lang, c)],
            rr.gold,
            press_service=rr.press_service,
            chair=rr.chair,
        )
        _write_one(gen, w, m, copy, out, m.sources.get(first_lang), follows, r, title)
        written += 1
        w.report.by_kind["syndicated"] += 1
    return written


def _attribution(lang: str, copy: int) -> str:
    """A closing line that differs per copy, so no two copies have the same text (and the same id)."""
    if lang == "ru":
        return [
            "Материал подготовлен по информации местных исполнительных органов.",
            "Фото из открытых источников.",
        ][copy % 2]
    return [
        "Материал жергілікті атқарушы органдардың ақпараты негізінде дайындалды.",
        "Фото ашық дереккөздерден алынды.",
    ][copy % 2]


def _write_one(
    gen: Generator,
    w: _Writer,
    m: Meeting,
    r: Rendered,
    out: _Out,
    duplicate_of: str | None,
    follows: list[str],
    rnd: random.Random,
    title: str,
) -> str:
    lang = r.lang
    months = gen.t["months"]
    paragraphs = list(r.paragraphs)
    outlet = out.outlet
    if out.fmt == "txt":
        if out.shape == "dateline" and m.city:
            city = m.city[lang].upper()
            agency = "KAZINFORM" if lang == "ru" or rnd.random() < 0.5 else "ҚАЗАҚПАРАТ"
            paragraphs[0] = f"{city}. {agency} – {paragraphs[0]}"
            r.gold.place(m.city[lang], m.where.code)
        elif outlet is None and r.press_service:
            outlet = _press_outlet(r.press_service, lang)
        body = "\n\n".join(paragraphs)
        if out.shape == "dateprefix":
            text = f" date {out.published.isoformat()} {title}\n\n{body}\n"
        else:
            head = ""
            if out.shape == "header":
                head = f"{(out.outlet_field or '').upper()}\n{rnd.choice(gen.t[lang]['chrome']['crumbs'])}\n"
            text = f"{head}{title}\n{_date_line(out.published, lang, rnd, months)}\n\n{body}\n"
            if out.shape == "byline":
                text += f"\n{out.author},\n{out.host}\n"
        rel = f"txt/{lang}/{_slug(m.where)}/{w.number:06d}.txt"
        w.write_file(rel, text.encode("utf-8"))
        source = rel
    elif out.fmt == "jsonl":
        hh, mm = _time(rnd)
        rec: dict[str, Any] = {
            "url": f"https://{out.host}/{lang}/news/{w.number}",
            "title": title,
            "published": f"{out.published.isoformat()}T{hh:02d}:{mm:02d}:00+06:00",
        }
        if out.outlet_field:
            rec["outlet"] = out.outlet_field
        if out.author:
            rec["author"] = out.author
        rec["text"] = "\n\n".join(paragraphs)
        source = w.jsonl_line(json.dumps(rec, ensure_ascii=False))
    else:
        hh, mm = _time(rnd)
        words = _HTML_WORDS[lang]
        page = _HTML_PAGE.format(
            lang=lang,
            title=html.escape(title),
            outlet=html.escape(out.outlet_field or ""),
            published=f"{out.published.isoformat()}T{hh:02d}:{mm:02d}:00+06:00",
            author_meta=f'<meta name="author" content="{html.escape(out.author)}">\n' if out.author else "",
            url=f"https://{out.host}/{lang}/news/{w.number}",
            date_text=_date_line(out.published, lang, rnd, months),
            paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            year=out.published.year,
            **words,
        )
        rel = f"html/{lang}/{_slug(m.where)}/{w.number:06d}.html"
        w.write_file(rel, page.encode("utf-8"))
        source = rel
    w.gold_row(
        _gold_row(
            source,
            r,
            _Out(out.fmt, out.shape, out.published, outlet, None, out.host, out.author),
            m,
            title,
            duplicate_of,
            follows,
        )
    )
    w.report.articles += 1
    w.report.by_format[out.fmt] += 1
    w.report.by_lang[lang] += 1
    return source


def _press_outlet(press: str, lang: str) -> str:
    """The outlet a press-service attribution names ("пресс-служба акимата …")."""
    if lang == "ru":
        return press.removeprefix("сообщает ").removeprefix("Сообщает ")
    return press.split("деп хабарлайды ", 1)[-1]


def _write_bilingual(
    gen: Generator, w: _Writer, m: Meeting, rendered: dict[str, Rendered], rnd: random.Random
) -> int:
    """One qTranslate file holding the Kazakh and the Russian article: sources ``…#kk`` and ``…#ru``."""
    kk, ru = rendered["kk"], rendered["ru"]
    months = gen.t["months"]
    lines = []
    if rnd.random() < 0.5:
        lines.append(rnd.choice(gen.t["kk"]["outlets"]).upper())
    lines.append(
        _date_line(m.on, "kk", rnd, months)
        if rnd.random() < 0.5
        else f"{m.on.day:02d}.{m.on.month:02d}.{m.on.year}"
    )
    lines.append("")
    lines.append(f"[:kk]{kk.title}[:ru]{ru.title}[:]")
    lines.append("")
    lines.append("[:kk]" + "\n\n".join(kk.paragraphs) + "[:ru]" + "\n\n".join(ru.paragraphs) + "[:]")
    rel = f"txt/bi/{_slug(m.where)}/{w.number:06d}.txt"
    w.write_file(rel, ("\n".join(lines) + "\n").encode("utf-8"))
    header = lines[0] if len(lines[0]) and not lines[0][0].isdigit() else None
    for lang, r in (("kk", kk), ("ru", ru)):
        source = f"{rel}#{lang}"
        outlet = (
            (header[:1] + header[1:].lower())
            if header
            else (_press_outlet(r.press_service, lang) if r.press_service else None)
        )
        out = _Out("txt", "bilingual", m.on, outlet, None, "", None)
        w.gold_row(_gold_row(source, r, out, m, r.title, None, []))
        m.sources.setdefault(lang, source)
        w.report.articles += 1
        w.report.by_format["txt"] += 1
        w.report.by_lang[lang] += 1
    return 2


def _malformed(w: _Writer, rnd: random.Random) -> None:
    """One malformed input: an empty file, binary junk, a foreign format, or a broken JSONL line."""
    index = sum(w.report.malformed.values())
    kind = MALFORMED_KINDS[index % len(MALFORMED_KINDS)]  # in turn, so every kind shows up
    n = w.number
    if kind == "empty":
        w.write_file(f"txt/broken/{n:06d}_{index}.txt", b"")
    elif kind == "junk":
        data = bytes(
            rnd.choice((rnd.randrange(0, 9), rnd.randrange(14, 32), rnd.randrange(128, 256)))
            for _ in range(rnd.randint(200, 2000))
        )
        w.write_file(f"txt/broken/{n:06d}_{index}.txt", data)
    elif kind == "foreign":
        data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rnd.randrange(256) for _ in range(300))
        w.write_file(f"txt/broken/{n:06d}_{index}.txt", data)
    elif kind == "jsonl_broken":
        line = json.dumps({"title": "Жаңалық", "text": "Мәтін үзіліп қалды " * 5}, ensure_ascii=False)
        w.jsonl_line(line[: len(line) // 2])
    else:
        w.jsonl_line(
            json.dumps(
                {"title": "Без текста", "url": "https://example-news.kz/ru/news/0"}, ensure_ascii=False
            )
        )
    w.report.malformed[kind] += 1
