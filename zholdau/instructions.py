"""The instructions of an Address, its national implementation plan, and the articles that discuss them.

Three pure functions and one store-facing helper:

* :func:`extract_instructions` reads the text of an Address (Russian or Kazakh, supplied by the user)
  and keeps the sentences that instruct, numbered 1..n, each with the named rule that matched, the
  responsible body when the sentence names one, and its span. Rules:

  - ``ru_poruchayu``: "Поручаю Правительству …", "Правительству поручается …" (body: the dative
    phrase after the verb, or before a passive one);
  - ``ru_predlagayu``: "Предлагаю Парламенту рассмотреть …";
  - ``ru_dative_modal``: "Правительству необходимо …", "Акимам областей следует …" (body: the dative
    before the modal word);
  - ``ru_neobkhodimo``, ``ru_sleduet``, ``ru_nuzhno``: the modal word with an infinitive, not a
    discourse filler ("необходимо отметить", "следует подчеркнуть", "из этого следует");
  - ``ru_vazhno``: "важно обеспечить", "крайне важно сохранить";
  - ``ru_body_dolzhen``: an institution that must act ("Правительство должно …", "Акимы должны …");
  - ``kk_tapsyramyn``, ``kk_zhukteimin``, ``kk_usynamyn``: "Үкіметке … тапсырамын", "… жүктеймін",
    "… ұсынамын" (body: the dative of an institution before the verb);
  - ``kk_qazhet``, ``kk_kerek``: "… қажет", "… керек" (not "қажет етеді", "қажеті жоқ");
  - ``kk_tiis``: "… тиіс", "… тиіспіз" (not the adjective "тиісті");
  - ``kk_mindetti``: "… міндетті." as the predicate, or "міндетті түрде" (not "міндетті медициналық
    сақтандыру").

  A cue sentence that ends with a colon and is followed by bullet lines ("Поручаю Правительству:
  – …; – …") gives one item per bullet, each with the lead's rule and body.

* :func:`parse_plan` reads a national implementation plan (CSV: item number, measure, responsible
  body, deadline) with Russian, Kazakh or English headers, ``;``/``,``/tab delimiters, a BOM, UTF-8,
  UTF-16 or cp1251; a malformed row is a :class:`PlanError` that names the line.

* :func:`link_article` finds, for each item, the article sentence that discusses it: the share of the
  item's content words (search keys of :func:`zholdau.textindex.key`, cut to 6 letters so "подключить"
  meets "подключение" and Kazakh "интернетке" meets Russian "интернету") that the sentence contains,
  each word weighted by its rarity among the items; generic words of the genre ("обеспечить",
  "область", "Жолдау") do not count. An article links only items of the Addresses it discusses.

* :func:`link_stored` re-links stored articles (after ``zholdau addresses load-text``/``load-plan``,
  and for newly ingested articles).

Items are dicts: ``address``, ``source`` (``text-ru``, ``text-kk``, ``plan-ru``, ``plan-kk``), ``item``
(the number as a string: "1".."n" for a text, the plan's own numbering such as "12" or "3.1"),
``text`` (the sentence or the plan's measure), ``body``, ``deadline``, ``deadline_date``, ``rule``,
``start``/``end`` (text items) or ``line`` (plan items), ``lang``.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zholdau import textindex
from zholdau.errors import PlanError

if TYPE_CHECKING:
    from zholdau.store.base import Store

SOURCES = ("text-ru", "text-kk", "plan-ru", "plan-kk")

# Minimum share of an item's weighted content words an article sentence must contain (see the
# positive and negative pairs in tests/test_instructions.py), and the minimum number of shared words.
LINK_THRESHOLD = 0.35
MIN_SHARED = 2
KEY_CHARS = 6  # search keys are cut to this length before comparing (derivation and loanwords meet)
LINK_RULE = "instruction_overlap"
THEME_FACTOR = 0.3  # weight of the words of the Address's title and themes


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a bullet line) of a text with its span."""

    text: str
    start: int
    end: int
    bullet: bool = False


_BULLET = re.compile(r"^\s*(?:[-–—•*·▪‣]|\d{1,3}[.)](?!\d)|[а-яa-z][)])\s+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences by razdel within each line; the sentences of a bullet line ("– …", "1) …") are marked
    ``bullet`` and start after the marker."""
    from razdel import sentenize

    out: list[Sentence] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start = pos
        pos += len(line)
        if not body.strip():
            continue
        bullet = _BULLET.match(body)
        skip = bullet.end() if bullet else 0
        for piece in sentenize(body[skip:]):
            if piece.text.strip():
                s, e = start + skip + piece.start, start + skip + piece.stop
                out.append(Sentence(text[s:e], s, e, bool(bullet)))
    return out


# --------------------------------------------------------------------------- instruction rules

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PREPOSITIONS_RU = frozenset({"по", "к", "ко", "согласно", "благодаря", "вопреки", "навстречу", "подобно"})
_PRONOUNS_RU = _wordset(
    """
    нам вам им мне тебе ему ей всем каждому себе нему ней ним кому никому многим некоторым
    """
)
# Institutions that can be told what to do, as pymorphy3 lemmas (for "… должно/должны").
_BODY_LEMMAS_RU = _wordset(
    """
    правительство министерство министр аким акимат ведомство агентство госорган орган банк нацбанк
    парламент мажилис сенат маслихат фонд холдинг комитет прокуратура администрация управление
    палата депутат руководитель суд партия
    """
)
_DISCOURSE_RU = re.compile(
    r"^(?:отметить|подчеркнуть|сказать|признать|напомнить|заметить|учесть\s+что|понимать|помнить|"
    r"сказать\s+что|добавить)\b",
    re.IGNORECASE,
)
_INFINITIVE_RU = re.compile(r"\w+(?:ть|ти|чь)(?:ся|сь)?$", re.IGNORECASE)

# Kazakh institutions: stem (with the voiced final of "министрлік" → "министрлігі"), plural, possessive,
# then the dative ending or nothing (the nominative, for "Үкімет … тиіс").
_KK_BODY_STEM = (
    r"(?:үкімет|әкім|әкімді[кг]|әкімшілі[кг]|министрлі[кг]|министр|агентті[кг]|банк|парламент|"
    r"мәжіліс|сенат|мәслихат|прокуратура|ведомство|орган|депутат|комитет|қор|холдинг|палата|"
    r"партия|басшы|сот)(?:лар|лер|дар|дер|тар|тер)?(?:ы|і|сы|сі)?"
)
_KK_BODY_DATIVE = re.compile(rf"^{_KK_BODY_STEM}(?:ға|ге|қа|ке|на|не)$", re.IGNORECASE)
_KK_BODY_NOMINATIVE = re.compile(rf"^{_KK_BODY_STEM}$", re.IGNORECASE)
_KK_MODIFIERS = _wordset(
    """
    облыс облыстардың облыстар аудан аудандардың қала қалалардың жергілікті атқарушы орталық
    мемлекеттік ұлттық бас барлық өңірлік республикалық құзыретті уәкілетті тиісті
    """
)
_KK_NOT_NAMES = _wordset(
    """
    биыл сондай-ақ сондықтан осыған бұл сонымен енді алайда осы ал әрі мен бен пен және біз сол
    бүгін ендігі алдағы келесі тағы яғни демек мысалы әсіресе қазір сонда
    """
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One instruction cue: rule name, language, the pattern of the cue word(s), where the body is."""

    rule: str
    lang: str
    pattern: re.Pattern[str]
    body: str  # "after" (dative after the verb), "before" (dative before), "subject" (institution before)


def _cue(rule: str, lang: str, words: str, body: str) -> Cue:
    return Cue(rule, lang, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE), body)


CUES: tuple[Cue, ...] = (
    _cue("ru_poruchayu", "ru", r"поручаю|даю\s+поручение|поручается", "after"),
    _cue("ru_predlagayu", "ru", r"предлагаю", "after"),
    _cue("ru_vazhno", "ru", r"важно", "before"),
    _cue("ru_neobkhodimo", "ru", r"необходимо", "before"),
    _cue("ru_sleduet", "ru", r"следует|надлежит", "before"),
    _cue("ru_nuzhno", "ru", r"нужно", "before"),
    _cue("ru_body_dolzhen", "ru", r"должн(?:о|ы|а)|должен", "subject"),
    _cue("kk_tapsyramyn", "kk", r"тапсырамын|тапсырма(?:лар)?\s+беремін", "before"),
    _cue("kk_zhukteimin", "kk", r"жүктеймін", "before"),
    _cue("kk_usynamyn", "kk", r"ұсынамын", "before"),
    _cue("kk_qazhet", "kk", r"қажет", "before"),
    _cue("kk_kerek", "kk", r"керек", "before"),
    _cue("kk_tiis", "kk", r"тиіс(?:пін|піз|сің|сіз|сіздер)?", "before"),
    _cue("kk_mindetti", "kk", r"міндетті|міндеттіміз|міндеттісіз", "before"),
)
_MODAL_RULES = frozenset({"ru_neobkhodimo", "ru_sleduet", "ru_nuzhno"})
_KK_DATIVE_ONLY = frozenset({"kk_tapsyramyn", "kk_zhukteimin", "kk_usynamyn"})


def _parses(word: str) -> list[Any]:
    from zholdau.morph import russian

    return list(russian.parse(word.lower()))


def _is_infinitive(word: str) -> bool:
    if not _INFINITIVE_RU.match(word):
        return False
    return any("INFN" in p.tag for p in _parses(word))


_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})


def _is_nominal_in(word: str, case: str) -> bool:
    """A noun, adjective or participle that can be in ``case`` (short words such as the preposition
    "в" have rare noun readings: they never head a phrase here)."""
    if len(word) < 3 or word.lower() in _PRONOUNS_RU:
        return False
    parses = _parses(word)
    return parses[0].tag.POS in _NOMINAL and any(case in p.tag and p.tag.POS in _NOMINAL for p in parses)


def _is_dative_nominal(word: str) -> bool:
    return _is_nominal_in(word, "datv")


def _is_genitive_nominal(word: str) -> bool:
    return _is_nominal_in(word, "gent")


def _is_body_subject(word: str) -> bool:
    return any(
        p.tag.POS == "NOUN" and "nomn" in p.tag and p.normal_form in _BODY_LEMMAS_RU for p in _parses(word)
    )


@dataclass(frozen=True, slots=True)
class _W:
    text: str
    start: int
    end: int


def _words(text: str, start: int = 0, end: int | None = None) -> list[_W]:
    return [
        _W(m.group(0), m.start(), m.end())
        for m in _WORD.finditer(text, start, len(text) if end is None else end)
    ]


def _clause_start(text: str, pos: int) -> int:
    """Where the clause that contains ``pos`` starts (after the last , ; : or dash before it)."""
    cut = max(text.rfind(ch, 0, pos) for ch in ",;:–—()")
    return cut + 1 if cut >= 0 else 0


def _ru_dative_phrase(words: list[_W]) -> tuple[int, int] | None:
    """The span of the first dative noun phrase in ``words`` (not governed by a preposition), with the
    genitive words that follow it ("Министерству цифрового развития", "акимам областей")."""
    for i, w in enumerate(words):
        if i > 0 and words[i - 1].text.lower() in _PREPOSITIONS_RU:
            continue
        if _is_infinitive(w.text) or not _is_dative_nominal(w.text):
            continue
        j = i
        while (
            j + 1 < len(words)
            and _is_dative_nominal(words[j + 1].text)
            and not _is_infinitive(words[j + 1].text)
        ):
            j += 1
        k = j
        while (
            k + 1 < len(words)
            and k - j < 4
            and _is_genitive_nominal(words[k + 1].text)
            and not _is_infinitive(words[k + 1].text)
        ):
            k += 1
        return words[i].start, words[k].end
    return None


def _ru_body(sentence: str, cue: Cue, m: re.Match[str]) -> str | None:
    if cue.body == "after":
        after = _words(sentence, m.end())
        lead: list[_W] = []
        for w in after[:6]:
            if _is_infinitive(w.text):
                break
            lead.append(w)
        # the dative must come right after the verb ("поручаю Правительству"), adverbs aside
        span = _ru_dative_phrase(lead[:5])
        if span is None and m.group(0).lower() == "поручается":
            span = _ru_dative_phrase(_words(sentence, _clause_start(sentence, m.start()), m.start()))
        return sentence[span[0] : span[1]] if span else None
    before = _words(sentence, _clause_start(sentence, m.start()), m.start())
    if cue.body == "subject":
        for i, w in enumerate(before):
            if _is_body_subject(w.text):
                k = i
                while k + 1 < len(before) and _is_genitive_nominal(before[k + 1].text) and k - i < 3:
                    k += 1
                s = i
                while s > 0 and any(
                    p.tag.POS == "ADJF" and "nomn" in p.tag for p in _parses(before[s - 1].text)
                ):
                    s -= 1
                return sentence[before[s].start : before[k].end]
        return None
    span = _ru_dative_phrase(before)
    return sentence[span[0] : span[1]] if span else None


def _kk_body(sentence: str, m: re.Match[str], nominative: bool = True) -> str | None:
    """The first institution before the cue, in the dative ("Үкіметке", "облыс әкімдеріне") or, when
    ``nominative``, also as the subject ("Үкімет … тиіс"), with the modifiers written before it
    ("Денсаулық сақтау министрлігіне", "Облыс әкімдері")."""
    words = _words(sentence, 0, m.start())
    for i, w in enumerate(words):
        low = w.text.lower()
        if not (_KK_BODY_DATIVE.match(low) or (nominative and _KK_BODY_NOMINATIVE.match(low))):
            continue
        first = i
        for k in (3, 2, 1):
            if i - k < 0:
                continue
            chain = words[i - k : i]
            if re.search(r"[,;:.!?«»\"()]", sentence[chain[0].start : w.start]):
                continue
            lows = [c.text.lower() for c in chain]
            if any(x in _KK_NOT_NAMES for x in lows):
                continue
            if all(x in _KK_MODIFIERS for x in lows) or chain[0].text[:1].isupper():
                first = i - k
                break
        return sentence[words[first].start : w.end]
    return None


def _ru_accept(cue: Cue, sentence: str, m: re.Match[str]) -> bool:
    rest = sentence[m.end() :]
    after = _words(rest)
    if cue.rule in _MODAL_RULES or cue.rule == "ru_vazhno":
        if _DISCOURSE_RU.match(rest.lstrip(" ,")):
            return False
        if cue.rule == "ru_sleduet":
            prev = _words(sentence, max(0, m.start() - 20), m.start())
            if prev and prev[-1].text.lower() in {"как", "этого", "того", "отсюда", "чего"}:
                return False
        window = 2 if cue.rule == "ru_vazhno" else 6
        if any(_is_infinitive(w.text) for w in after[:window]):
            return True
        # "обеспечить это необходимо": the infinitive before the modal word
        before = _words(sentence, _clause_start(sentence, m.start()), m.start())
        return cue.rule != "ru_vazhno" and any(_is_infinitive(w.text) for w in before[-4:])
    if cue.rule == "ru_body_dolzhen":
        return any(_is_infinitive(w.text) for w in after[:4])
    return True


def _kk_accept(cue: Cue, sentence: str, m: re.Match[str]) -> bool:
    rest = sentence[m.end() :].lstrip()
    if cue.rule == "kk_qazhet":
        # "қажет етеді" (requires), "қажеті жоқ" is another word anyway
        return not re.match(r"ет(?:еді|пейді|етін|еді\b|у)", rest, re.IGNORECASE)
    if cue.rule == "kk_kerek":
        return sentence[m.end() : m.end() + 1] != "-"
    if cue.rule == "kk_mindetti":
        return bool(re.match(r"(?:түрде\b|[.!;]|$)", rest, re.IGNORECASE))
    return True


def guess_lang(text: str) -> str:
    """``kk`` when at least 1 % of the letters are Kazakh-only (ә ғ қ ң ө ұ ү һ і), else ``ru``."""
    letters = [ch for ch in text.lower() if ch.isalpha()]
    kk = sum(1 for ch in letters if ch in "әғқңөұүһі")
    return "kk" if letters and kk / len(letters) >= 0.01 else "ru"


def _match_cue(sentence: str, lang: str) -> tuple[Cue, re.Match[str], str | None] | None:
    """The first cue of the language that accepts this sentence, with the body it names."""
    best: tuple[Cue, re.Match[str], str | None] | None = None
    for cue in CUES:
        if cue.lang != lang:
            continue
        for m in cue.pattern.finditer(sentence):
            ok = _ru_accept(cue, sentence, m) if lang == "ru" else _kk_accept(cue, sentence, m)
            if not ok:
                continue
            if lang == "ru":
                if cue.rule == "ru_body_dolzhen":
                    body = _ru_body(sentence, cue, m)
                    if body is None:
                        continue
                elif cue.rule in _MODAL_RULES or cue.rule == "ru_vazhno":
                    body = _ru_body(sentence, cue, m)
                    if body is not None:
                        cue = Cue("ru_dative_modal", "ru", cue.pattern, cue.body)
                else:
                    body = _ru_body(sentence, cue, m)
            else:
                # "Үкіметке … тапсырамын" takes the dative only; "Үкімет … тиіс" the subject too
                body = _kk_body(sentence, m, nominative=cue.rule not in _KK_DATIVE_ONLY)
            if best is None or m.start() < best[1].start():
                best = (cue, m, body)
            break
    return best


def _deadline(sentence: str) -> tuple[str | None, str | None]:
    from zholdau.morph.dates import find_dates

    found = find_dates(sentence)
    if not found:
        return None, None
    d = found[-1]
    return d.text, d.date.isoformat()


def extract_instructions(text: str, lang: str | None = None) -> list[dict[str, Any]]:
    """The President's instructions in the text of an Address, numbered 1..n in order.

    ``lang`` is ``ru`` or ``kk`` (guessed from the letters when ``None``). Each item: ``item`` ("1"…),
    ``text`` (the sentence), ``body`` (the responsible body as written, or ``None``), ``rule``, ``cue``
    (the cue words), ``start``/``end`` (span in ``text``), ``deadline``/``deadline_date`` when the
    sentence has a date, ``lang``.
    """
    lang = lang if lang in {"ru", "kk"} else guess_lang(text)
    sentences = split_sentences(text)
    found: list[dict[str, Any]] = []
    lead: tuple[Cue, str | None, str] | None = None  # an open "Поручаю Правительству:" list
    lead_item: dict[str, Any] | None = None
    for s in sentences:
        hit = _match_cue(s.text, lang)
        if s.bullet and lead is not None and hit is None:
            cue, body, cue_text = lead
            if lead_item is not None and found and found[-1] is lead_item:
                found.pop()  # the lead only introduces its bullets
                lead_item = None
            found.append(_item(s, cue.rule, cue_text, body, lang))
            continue
        if not s.bullet:
            lead, lead_item = None, None
        if hit is None:
            continue
        cue, m, body = hit
        item = _item(s, cue.rule, m.group(0), body, lang)
        found.append(item)
        if s.text.rstrip().endswith(":"):
            lead, lead_item = (cue, body, m.group(0)), item
    for n, item in enumerate(found, 1):
        item["item"] = str(n)
    return found


def _item(s: Sentence, rule: str, cue: str, body: str | None, lang: str) -> dict[str, Any]:
    deadline, deadline_date = _deadline(s.text)
    return {
        "item": "",
        "text": s.text,
        "body": body,
        "rule": rule,
        "cue": cue,
        "start": s.start,
        "end": s.end,
        "deadline": deadline,
        "deadline_date": deadline_date,
        "lang": lang,
    }


# --------------------------------------------------------------------------- implementation plans


# Header cells as written in plans (folded: lower case, ё→е, spaces collapsed), per field.
def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(";") if n.strip())


PLAN_HEADERS: dict[str, tuple[str, ...]] = {
    "item": _names(
        "№; № п/п; №п/п; п/п; n; no; no.; nr; #; номер; номер пункта; пункт; р/с; р/с №; "
        "№ р/с; р/н; рет саны; реттік нөмірі; тармақ; item; item no; number; id"
    ),
    "text": _names(
        "мероприятие; мероприятия; наименование мероприятия; наименование мероприятий; "
        "наименование; мера; меры; содержание; поручение; задача; іс-шара; іс-шаралар; "
        "іс шара; іс-шараның атауы; іс-шаралардың атауы; атауы; шара; шаралар; тапсырма; "
        "measure; measures; action; actions; activity; task; description"
    ),
    "body": _names(
        "ответственные исполнители; ответственный исполнитель; ответственные за исполнение; "
        "ответственные; ответственный; исполнители; исполнитель; жауапты орындаушылар; "
        "жауапты орындаушы; жауаптылар; жауапты; орындаушылар; орындаушы; responsible; "
        "responsible body; responsible bodies; owner; executor; executors"
    ),
    "deadline": _names(
        "срок исполнения; срок выполнения; срок реализации; сроки исполнения; срок; сроки; "
        "орындау мерзімі; іске асыру мерзімі; мерзімі; мерзім; deadline; due; due date; "
        "term; timeline; timing"
    ),
    "form": _names(
        "форма завершения; форма; аяқталу нысаны; аяқтау нысаны; нысаны; completion form; output; form"
    ),
}
_ITEM_NUMBER = re.compile(r"^\d{1,4}(?:[.)]\d{1,4}){0,3}[.)]?$")
_MAX_HEADER_SCAN = 15


def _fold_header(cell: str) -> str:
    h = cell.replace("\ufeff", "").casefold().replace("ё", "е")
    h = re.sub(r"[\s\u00a0]+", " ", h).strip(" .:*\"'")
    return h


def _header_field(cell: str) -> str | None:
    h = _fold_header(cell)
    if not h:
        return None
    for field, names in PLAN_HEADERS.items():
        if h in names:
            return field
    for field, names in PLAN_HEADERS.items():
        if any(
            len(n) >= 4 and (h.startswith(n + " ") or h.startswith(n + ",") or h.startswith(n + " ("))
            for n in names
        ):
            return field
    return None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "cp1251"


@dataclass
class _Layout:
    delimiter: str
    header_line: int
    columns: dict[str, int]
    width: int


def _find_layout(text: str) -> _Layout | None:
    best: _Layout | None = None
    for delim in (";", ",", "\t", "|"):
        reader = csv.reader(io.StringIO(text), delimiter=delim)
        line = 1
        try:
            for n, row in enumerate(reader):
                start = line
                line = reader.line_num + 1
                if n >= _MAX_HEADER_SCAN:
                    break
                columns: dict[str, int] = {}
                for i, cell in enumerate(row):
                    f = _header_field(cell)
                    if f and f not in columns:
                        columns[f] = i
                if "text" in columns and len(columns) >= 2:
                    cand = _Layout(delim, start, columns, len(row))
                    if best is None or len(cand.columns) > len(best.columns):
                        best = cand
                    break
        except csv.Error:
            continue
    return best


def _plan_lang(items: Iterable[Mapping[str, Any]]) -> str:
    return guess_lang(" ".join(str(i["text"]) for i in items))


def parse_plan(data: bytes, source: str = "plan") -> list[dict[str, Any]]:
    """The items of an implementation plan CSV: ``item`` (number as written), ``text`` (the measure),
    ``body`` (responsible), ``deadline`` (as written) and ``deadline_date`` (ISO, when it is a date),
    ``form`` (form of completion), ``section`` (the heading row above it), ``line``, ``lang``.

    Raises :class:`PlanError` naming ``source`` and every malformed line (up to 20).
    """
    if not data.strip():
        raise PlanError(f"{source}: the file is empty; export the plan from the spreadsheet as CSV")
    text, encoding = _decode(data)
    layout = _find_layout(text)
    if layout is None:
        raise PlanError(
            f"{source}: no header row found in the first {_MAX_HEADER_SCAN} lines; the plan needs a column "
            "for the measure ('Мероприятие' / 'Іс-шара' / 'Measure') and at least one of '№', "
            "'Ответственные' / 'Жауаптылар', 'Срок' / 'Мерзімі'"
        )
    cols = layout.columns
    reader = csv.reader(io.StringIO(text), delimiter=layout.delimiter)
    problems: list[str] = []
    items: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    section: str | None = None
    line = 1
    try:
        for row in reader:
            start = line
            line = reader.line_num + 1
            if start <= layout.header_line:
                continue
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if len(cells) > layout.width and any(cells[layout.width :]):
                problems.append(
                    f"line {start}: {len(cells)} fields but the header (line {layout.header_line}) has "
                    f"{layout.width}; a field probably contains the delimiter {layout.delimiter!r}: put that "
                    "field in double quotes"
                )
                continue

            def cell(name: str, cells: list[str] = cells) -> str:
                i = cols.get(name)
                return cells[i] if i is not None and i < len(cells) else ""

            number, measure, body, deadline = cell("item"), cell("text"), cell("body"), cell("deadline")
            filled = [c for c in cells if c]
            if not number and not body and not deadline and len(filled) == 1:
                section = filled[0]  # a heading row ("Раздел 1. Цифровая инфраструктура")
                continue
            if "item" in cols:
                if not number:
                    problems.append(f"line {start}: the item has no number (column {cols['item'] + 1})")
                    continue
                if not _ITEM_NUMBER.match(number):
                    problems.append(f"line {start}: item number {number!r} is not a number like 12 or 3.1")
                    continue
                number = number.rstrip(".)")
            else:
                number = str(len(items) + 1)
            if not measure:
                problems.append(f"line {start}: item {number} has no measure (column {cols['text'] + 1})")
                continue
            if number in seen:
                problems.append(f"line {start}: item number {number} is already used on line {seen[number]}")
                continue
            seen[number] = start
            from zholdau.morph.dates import find_dates

            dates = find_dates(deadline) if deadline else []
            items.append(
                {
                    "item": number,
                    "text": measure,
                    "body": body or None,
                    "deadline": deadline or None,
                    "deadline_date": dates[-1].date.isoformat() if dates else None,
                    "form": cell("form") or None,
                    "section": section,
                    "line": start,
                }
            )
    except csv.Error as exc:
        problems.append(f"line {line}: {exc} (an unclosed double quote?)")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise PlanError(
            f"{source}: {len(problems)} malformed line(s) ({encoding}, delimiter "
            f"{layout.delimiter!r}):\n  {shown}{more}"
        )
    if not items:
        raise PlanError(f"{source}: the header is on line {layout.header_line} but no item follows it")
    lang = _plan_lang(items)
    for it in items:
        it["lang"] = lang
    return items


# --------------------------------------------------------------------------- linking articles

# Words every article of the genre and every instruction uses: they say nothing about which item is
# discussed. Folded (lower case, ё→е); compared through their keys.
_GENERIC_RU = """
и в во на с со к ко по о об обо от до из у за для при без над под про через после перед между среди
а но или либо ни не бы же ли ведь вот даже лишь только уже еще ещё также тоже кроме помимо того этого
тому том этом что чтобы как так такой такие такая такое это этот эта эти тот та те то его ее её их он
она оно они мы вы я нас вас нам вам себя свой своих своей свои весь вся все всех всем всего каждый
каждого каждой каждом который которая которое которые которых которым где когда там тут здесь более
менее очень почти около был была было были будет будут быть есть стал стали может могут можно нельзя
год года году годы лет время сейчас сегодня теперь ныне ранее далее затем новый новые новых
поручаю поручил поручила поручили поручено поручение поручения поручается предлагаю предложил
предложила необходимо нужно следует надлежит важно должно должны должен должна обеспечить
обеспечение принять принятие меры мер работа работу работы вопрос вопросы задача задачи поставлена
развитие развития система системы контроль контроле исполнение исполнения выполнение выполнения
реализация реализации правительство правительству акимат акиматам акиматы аким акимам акимы акима
министерство министерству область области районе район района районов город города регион региона
регионов республика республики казахстан казахстана страна страны государство государства
государственный государственных глава главы президент президента послание послания послании
посланию народ народу народа граждане граждан жители жителей население населения заседание
заседания итогам совместно срок сроки конца начала течение рамках целях цели числе ход хода
населенный населенных пункт пункты пунктов
отметил сказал сообщил рассказал подчеркнул заявил
управление управления управлению управлений отдел отдела департамент департамента руководитель
руководителя заместитель заместителя
создать создание открыть открытие провести проведение организовать организация повысить повышение
улучшить улучшение усилить усиление совершенствование разработать разработка подготовить подготовка
внести внесение продолжить продолжение деятельность деятельности
"""
_GENERIC_KK = """
және мен бен пен да де та те үшін туралы бойынша арқылы сияқты секілді кейін дейін бері бірге
бұл осы сол ол олар біз сіз өз өзі барлық әр әрбір бір қандай қай кім не неге жыл жылы жылдың
сондай-ақ сондықтан сонымен қатар алайда бірақ ал әрі тағы енді қазір биыл бүгін келесі алдағы
жаңа жаңадан арналған жөнінде жөніндегі бойынша кезінде барысында нәтижесінде ретінде
тапсырамын тапсырды тапсырма тапсырылды қажет керек тиіс міндетті ұсынамын ұсынды жүктеймін
қамтамасыз ету шара шаралар шараларын жұмыс жұмысы мәселе мәселесі міндет міндеттер даму дамыту
бақылау орындау орындалуы іске асыру үкімет үкіметке әкімдік әкімдігі әкімдіктерге әкім әкімі
әкімдері министрлік министрлігі облыс облысы облыстың аудан ауданы қала қаласы өңір өңірдің
республика қазақстан ел елдің мемлекет мемлекеттік басшысы президент жолдау жолдауы жолдауын
жолдауда халыққа халқына халық отырыс отырысы қорытындысында аясында шеңберінде мерзім соңына
айтты атап өтті деді хабарлады елді мекен мекендер мекендерді
құру құруға ашу ашуға өткізу ұйымдастыру арттыру жақсарту күшейту жетілдіру әзірлеу дайындау енгізу
жалғастыру жасау беру алу жүйе жүйесі жүйелері қызмет қызметі
басқарма басқармасы басқармасына басқармасының бөлім бөлімі басшысы басшысының орынбасары
"""


@functools.cache
def _generic_keys() -> frozenset[str]:
    keys: set[str] = set()
    for lang, words in (("ru", _GENERIC_RU), ("kk", _GENERIC_KK)):
        for w in words.split():
            keys.add(_cut(textindex.key(w, lang)))
    return frozenset(keys)


def _cut(key: str) -> str:
    return key[:KEY_CHARS]


def content_keys(text: str, lang: str | None) -> frozenset[str]:
    """The content words of a text as cut search keys (generic words, numbers and short words left out)."""
    generic = _generic_keys()
    out = set()
    for m in textindex.WORD.finditer(text):
        w = m.group(0)
        if len(w) < 3 or w.isdigit():
            continue
        k = _cut(textindex.key(w, lang if lang in {"kk", "ru"} else None))
        if len(k) >= 3 and k not in generic:
            out.add(k)
    return frozenset(out)


@dataclass(frozen=True)
class ItemIndex:
    """Items with their content keys and the rarity weight of every key (computed once per item set)."""

    items: tuple[Mapping[str, Any], ...]
    keys: tuple[frozenset[str], ...]
    weight: Mapping[str, float]

    @classmethod
    def build(cls, items: Iterable[Mapping[str, Any]]) -> ItemIndex:
        its = tuple(items)
        keys = tuple(content_keys(_what(it), it.get("lang")) for it in its)
        df: dict[str, int] = {}
        for ks in keys:
            for k in ks:
                df[k] = df.get(k, 0) + 1
        n = len(its)
        themes = _theme_keys(frozenset(str(it.get("address")) for it in its))
        # a word found in every item weighs least, one of a kind most; the Address's own title and
        # theme words ("искусственный интеллект") are in most articles about it: they weigh little
        weight = {
            k: math.log(1.0 + (n + 1) / (c + 0.5)) * (THEME_FACTOR if k in themes else 1.0)
            for k, c in df.items()
        }
        return cls(its, keys, weight)


def _what(item: Mapping[str, Any]) -> str:
    """The item's text without its responsible body ("Министерству здравоохранения следует внедрить
    …" is about what to do, not who does it)."""
    text = str(item.get("text") or "")
    body = item.get("body")
    return text.replace(str(body), " ", 1) if body and item.get("rule") else text


@functools.lru_cache(maxsize=64)
def _theme_keys(address_ids: frozenset[str]) -> frozenset[str]:
    from zholdau.knowledge.loader import load_knowledge

    kb = load_knowledge()
    out: set[str] = set()
    for a in kb.addresses:
        if a.id not in address_ids:
            continue
        for lang, texts in (
            ("ru", (a.title_ru, *a.themes_ru, *a.aliases_ru)),
            ("kk", (a.title_kk or "", *a.themes_kk, *a.aliases_kk)),
        ):
            for t in texts:
                out |= content_keys(t, lang)
    return frozenset(out)


def link_article(
    article_text: str,
    lang: str | None,
    items: Sequence[Mapping[str, Any]] | ItemIndex,
    addresses: Iterable[str] | None = None,
    threshold: float = LINK_THRESHOLD,
) -> list[dict[str, Any]]:
    """The items an article discusses, best first: ``{"address", "source", "item", "score", "evidence":
    {"start", "end", "text"}}`` where the evidence is the article sentence that discusses the item.

    ``addresses`` (the record's ``addresses`` field) limits the items to those Addresses; ``None`` keeps
    all. The score is the rarity-weighted share of the item's content words found in that sentence.
    """
    index = items if isinstance(items, ItemIndex) else ItemIndex.build(items)
    wanted = set(addresses) if addresses is not None else None
    chosen = [i for i, it in enumerate(index.items) if wanted is None or it.get("address") in wanted]
    if not chosen or not article_text:
        return []
    sentences = [(s, content_keys(s.text, lang)) for s in split_sentences(article_text)]
    out: list[dict[str, Any]] = []
    for i in chosen:
        it, ik = index.items[i], index.keys[i]
        total = sum(index.weight[k] for k in ik)
        if total <= 0 or len(ik) < MIN_SHARED:
            continue
        best: tuple[float, Sentence] | None = None
        for s, sk in sentences:
            shared = ik & sk
            if len(shared) < MIN_SHARED:
                continue
            score = sum(index.weight[k] for k in shared) / total
            if best is None or score > best[0]:
                best = (score, s)
        if best is not None and best[0] >= threshold:
            s = best[1]
            out.append(
                {
                    "address": it.get("address"),
                    "source": it.get("source"),
                    "item": str(it.get("item")),
                    "score": round(best[0], 3),
                    "evidence": {"start": s.start, "end": s.end, "text": s.text},
                }
            )
    out.sort(key=lambda x: (-x["score"], x["evidence"]["start"]))
    return out


# --------------------------------------------------------------------------- the store side


def _article_links(record: Mapping[str, Any], by_address: Mapping[str, ItemIndex]) -> list[dict[str, Any]]:
    addresses = [a if isinstance(a, str) else str(a.get("id")) for a in record.get("addresses") or []]
    links: list[dict[str, Any]] = []
    cyrillic = record.get("text_cyrillic")
    text = cyrillic or record.get("text") or ""
    for a in addresses:
        index = by_address.get(a)
        if index is None:
            continue
        for link in link_article(text, record.get("lang"), index):
            ev = link["evidence"]
            ev["field"] = "text"
            if cyrillic:
                # Latin or Arabic script: the sentence was found in the transliteration
                span = _span_in_original(cyrillic, str(record.get("text") or ""), ev["start"], ev["end"])
                if span is None:
                    ev["field"] = "text_cyrillic"
                else:
                    ev["start"], ev["end"] = span
                    ev["text"] = str(record["text"])[span[0] : span[1]]
            links.append(link)
    links.sort(key=lambda x: -x["score"])
    return links


def _span_in_original(cyrillic: str, original: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``original`` holding the same words as ``cyrillic[start:end]`` (transliteration keeps
    the words in order); ``None`` when the two texts do not have the same number of words."""
    cw = [m.span() for m in textindex.WORD.finditer(cyrillic)]
    ow = [m.span() for m in textindex.WORD.finditer(original)]
    if len(cw) != len(ow):
        return None
    inside = [i for i, (s, e) in enumerate(cw) if s < end and start < e]
    if not inside:
        return None
    s, e = ow[inside[0]][0], ow[inside[-1]][1]
    # punctuation around the words ("«…»", the final full stop) is the same in both scripts
    head, tail = cyrillic[start : cw[inside[0]][0]], cyrillic[cw[inside[-1]][1] : end]
    if head and original[s - len(head) : s] == head:
        s -= len(head)
    if tail and original[e : e + len(tail)] == tail:
        e += len(tail)
    return s, e


def _evidence_with_links(record: Mapping[str, Any], links: list[dict[str, Any]]) -> dict[str, Any]:
    evidence = dict(record.get("evidence") or {})
    evidence["instructions"] = [[{"rule": LINK_RULE, **link["evidence"]}] for link in links]
    return evidence


_LINK_BATCH = 500  # changed articles kept before they are written


def link_stored(
    store: Store, address_id: str | None = None, article_ids: Sequence[str] | None = None
) -> dict[str, int]:
    """Re-link stored articles to the items stored for their Addresses and save the ``instructions``
    field (and its evidence, for ``zholdau show``) of every article whose links changed.

    ``article_ids`` limits the work to those articles (new ones at ingest); ``address_id`` to the
    articles of one Address (after its items were loaded); neither: every article. Returns counts
    ``{"articles": seen, "changed": updated, "links": total links}``.
    """
    from zholdau.store.base import Filters

    counts = {"articles": 0, "changed": 0, "links": 0}
    try:
        items = store.instructions()
    except NotImplementedError:
        if article_ids is not None:
            return counts  # a backend without instructions: ingest goes on without links
        raise
    if not items and article_ids is not None:
        return counts  # nothing loaded yet: ingest pays nothing for this feature
    groups: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        groups.setdefault(str(it["address"]), []).append(it)
    by_address = {a: ItemIndex.build(its) for a, its in groups.items()}

    def records() -> Iterator[dict[str, Any]]:
        if article_ids is not None:
            for aid in article_ids:
                got = store.get(aid)
                if got is not None:
                    yield got.record
        else:
            yield from store.iter_records(Filters(address=address_id, hide_copies=False))  # copies too

    updates: list[tuple[str, list[dict[str, Any]], dict[str, Any]]] = []

    def write() -> None:
        for aid, links, evidence in updates:
            store.set_field(aid, "instructions", links)
            store.set_field(aid, "evidence", evidence)
            counts["changed"] += 1
        updates.clear()

    for rec in records():
        counts["articles"] += 1
        links = _article_links(rec, by_address)
        counts["links"] += len(links)
        if links != (rec.get("instructions") or []):
            updates.append((str(rec["id"]), links, _evidence_with_links(rec, links)))
        if len(updates) >= _LINK_BATCH:
            write()  # between two pages of records (iter_records holds no cursor open): memory stays flat
    write()
    return counts
