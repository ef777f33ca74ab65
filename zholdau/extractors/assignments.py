"""Instructions given at a meeting: who instructed whom to do what, by when.

The cues live in ``knowledge/assignment_cues.yaml`` (one named rule each: ``ru_poruchil``,
``ru_dal_poruchenie``, ``ru_obyazal``, ``ru_postavil_zadachu``, ``ru_bylo_porucheno``, ``ru_poruchayu``,
``kk_tapsyrdy``, ``kk_tapsyrma_berdi``, ``kk_mindettedi``, ``kk_zhukteldi``, ``kk_tapsyramyn`` ...). For
every cue in a sentence:

* Russian: the addressee is the noun phrase in the cue's case right after an active cue
  ("поручил управлению строительства", "обязал акимов районов", "поставил перед управлением задачу")
  or before/after a passive one ("Акимам районов поручено", "Поручение дано управлению"); the action
  is what follows, without the deadline phrase. ", а акимам районов – Y" after the first action is a
  second instruction; "Аким поручил: управлению – X; акимам – Y" (or one item per line) is a list.
* Kazakh: the clause before the cue holds the addressee (a dative noun phrase headed by a body or an
  official, "құрылыс басқармасына", or a name, "Арман Кенжебаевқа") and the action (a verbal-noun
  clause, "... аяқтауды" → "... аяқтау"). Several addressees with their own actions give several
  matches ("басқармасына X-ды, ал аудан әкімдеріне Y-ды тапсырды").
* The issuer is the official named before an active cue, or a post or pronoun standing for one
  ("Глава региона", "облыс әкімі", "Он") resolved against the article's officials; the speaker of a
  quote for "«Поручаю ...», – сказал аким". A passive cue takes the chair when it sums up the meeting
  ("По итогам заседания ... поручено"), else whoever gave the previous instruction, else the chair,
  else the article's highest-ranking akim.
* The deadline: a day and month after "до"/"к" or before "дейін" (year inferred forward from the
  publication date, or backward in a "напомним / болатын" recap), or a relative phrase from the cue
  book ("до конца года" = 31 Dec of the publication year, "в месячный срок" = published + 1 month,
  "до 2025 года" / "2025 жылға дейін" = 2025-12-31, read as "by 2025").

Not assignments: counts ("13 поручений", "13 тапсырма"), the President's instructions only mentioned
("поручения Главы государства будут выполнены", "в Послании поручено ...") or given without an
addressee, cues in relative or comparative clauses ("работы, которые поручил выполнить аким", "как
поручил Глава государства"), cues without an action ("Аким дал соответствующее поручение.").
"Необходимо" / "қажет" statements count only with a dative addressee opening the sentence, with a
lower score (rules ``ru_neobkhodimo``, ``kk_qazhet``).

Cue patterns and text are compared in folded letters (ә→а, қ→к, ң→н ...), so sites that type Kazakh
with Russian letters are read too. The ``sentence`` of a match is the sentence of the text given
(for transliterated Kazakh, the caller maps the span back to the original script).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zholdau.extractors.base import Match
from zholdau.extractors.names import (
    Sentence,
    Token,
    WordPattern,
    any_of,
    detect_lang,
    find_names,
    fold_letters,
    is_given_name,
    is_name_word,
    is_surname_like,
    rx,
    sentences,
    tokenize,
)
from zholdau.extractors.officials import (
    KK_STOP_WORDS,
    POST_PHRASE_KK,
    POST_PHRASE_RU,
    PRONOUNS,
    kk_chain_ok,
    kk_head,
    official_for_post,
    ru_tag,
)
from zholdau.extractors.phrases import TokenKeys
from zholdau.morph import kazakh, russian
from zholdau.morph.dates import find_dates

CUES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "assignment_cues.yaml"


# --- the cue book -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """One instruction cue (see assignment_cues.yaml)."""

    rule: str
    lang: str
    voice: str
    case: str
    pattern: re.Pattern[str]
    score: float


@dataclass(frozen=True)
class DeadlineRule:
    """A relative deadline phrase and how to turn it into a date."""

    lang: str
    kind: str
    pattern: re.Pattern[str]
    n: int = 0
    offset: int = 0


@dataclass(frozen=True)
class CueBook:
    cues: tuple[Cue, ...]
    deadlines: tuple[DeadlineRule, ...]
    heads_ru: tuple[str, ...]
    heads_kk: tuple[str, ...]
    # per language, one pattern that matches where any cue would: most sentences hold none
    any_cue: dict[str, re.Pattern[str] | None] = field(default_factory=dict)


@functools.cache
def load_cues(path: Path | None = None) -> CueBook:
    """Read ``assignment_cues.yaml`` once."""
    data: dict[str, Any] = yaml.safe_load((path or CUES_FILE).read_text(encoding="utf-8"))
    cues = tuple(
        Cue(c["rule"], c["lang"], c["voice"], c["case"], rx(c["pattern"]), float(c["score"]))
        for c in data["cues"]
    )
    deadlines = tuple(
        DeadlineRule(d["lang"], d["kind"], rx(d["pattern"]), int(d.get("n", 0)), int(d.get("offset", 0)))
        for d in data["deadlines"]
    )
    any_cue = {lang: any_of(c.pattern for c in cues if c.lang == lang) for lang in ("kk", "ru")}
    return CueBook(
        cues, deadlines, tuple(data["addressee_heads_ru"]), tuple(data["addressee_heads_kk"]), any_cue
    )


# --- deadlines ----------------------------------------------------------------------------------------

_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")  # fmt: skip
_KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
              "қараша", "желтоқсан")  # fmt: skip
_QUARTERS = {"первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "четвёртого": 4, "i": 1, "ii": 2,
             "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "бірінші": 1, "екінші": 2, "үшінші": 3,
             "төртінші": 4}  # fmt: skip
_RECAP = rx(
    r"болатын|напомним|напомню|ранее|еске сал|бұған дейін|былтыр|в прошлом году|прошлого года|өткен жыл"
)
_BEFORE_DATE = rx(r"(?:\bдо|\bк|\bпо|\bне\s+позднее)\s+$")
_AFTER_DATE = rx(r"^\s*(?:дейін|шейін|қалдырмай|дейінгі)")


@dataclass(frozen=True)
class Deadline:
    date: dt.date | None
    start: int  # span inside the searched text
    end: int


def _add_months(d: dt.date, n: int) -> dt.date:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _relative_date(rule: DeadlineRule, m: re.Match[str], published: dt.date | None) -> dt.date | None:
    group = next((g for g in m.groups() if g), None)
    if rule.kind == "year_end":
        if group and group.isdigit():
            return dt.date(int(group), 12, 31)
        return dt.date(published.year + rule.offset, 12, 31) if published else None
    if published is None:
        return None
    if rule.kind == "months":
        return _add_months(published, rule.n)
    if rule.kind == "days":
        n = int(group) if group and group.isdigit() else rule.n
        return published + dt.timedelta(days=n) if n else None
    if rule.kind == "month_end":
        if group:
            low = fold_letters(group.lower())
            ru = [fold_letters(n) for n in _RU_MONTHS]
            kk = [fold_letters(n) for n in _KK_MONTHS]
            month = (ru.index(low) if low in ru else kk.index(low)) + 1
            year = published.year + (1 if month < published.month else 0)
            return _month_end(year, month)
        return _month_end(published.year, published.month)
    if rule.kind == "quarter_end":
        q = {fold_letters(k): v for k, v in _QUARTERS.items()}.get(fold_letters((group or "").lower()))
        if q is None:
            return None
        end = _month_end(published.year, q * 3)
        return end if end >= published else _month_end(published.year + 1, q * 3)
    if rule.kind == "half_year_end":
        end = dt.date(published.year, 6, 30)
        return end if end >= published else dt.date(published.year, 12, 31)
    if rule.kind == "school_year":
        start = dt.date(published.year, 9, 1)
        return start if start >= published else dt.date(published.year + 1, 9, 1)
    return None


def _forward_year(month: int, day: int, published: dt.date, recap: bool) -> dt.date | None:
    """A yearless deadline: the first such date on or after publication (a recap may look back)."""
    slack = dt.timedelta(days=240 if recap else 7)
    for year in (published.year, published.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d >= published - slack:
            return d
    return None


def find_deadline(text: str, lang: str, published: dt.date | None, recap: bool = False) -> Deadline | None:
    """The first deadline written in ``text`` (a segment holding one instruction), or None."""
    found: list[Deadline] = []
    for rule in load_cues().deadlines:
        if rule.lang != lang:
            continue
        for m in rule.pattern.finditer(fold_letters(text)):
            found.append(Deadline(_relative_date(rule, m, published), m.start(), m.end()))
    for dm in find_dates(text, published):
        before = text[max(0, dm.start - 16) : dm.start]
        after = text[dm.end : dm.end + 16]
        cue = _BEFORE_DATE.search(fold_letters(before))
        tail = _AFTER_DATE.match(fold_letters(after))
        if not cue and not tail:
            continue
        date = dm.date
        if not dm.year_given and "relyear" not in dm.rule and published is not None:
            date = _forward_year(dm.date.month, dm.date.day, published, recap) or date
        start = dm.start - (len(before) - cue.start()) if cue else dm.start
        end = dm.end + (tail.end() if tail else 0)
        found.append(Deadline(date, start, end))
    if not found:
        return None
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    return found[0]


def _deadline_spans(text: str, lang: str, published: dt.date | None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    rest = text
    offset = 0
    while True:
        d = find_deadline(rest, lang, published)
        if d is None:
            return spans
        spans.append((offset + d.start, offset + d.end))
        offset += d.end
        rest = rest[d.end :]


def _without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    return re.sub(r"\s+", " ", " ".join(out)).strip()


# --- shared helpers -----------------------------------------------------------------------------------


# "По итогам заседания", "Сессия қорытындысы бойынша", "Жиын соңында": the meeting's decisions.
_SUMMING_UP = rx(
    r"^\W*(?:по\s+итогам|в\s+завершение|в\s+конце|подводя\s+итоги|\w+\s+қорытынды\w*|\w+\s+соңында|"
    r"қорытынды\w*)"
)
# The Address or the President as the source of a passive instruction: "в Послании поручено",
# "Главой государства поручено", "Жолдауда ... тапсырылды", "Мемлекет басшысы тарапынан".
_PRESIDENT_AGENT = rx(
    r"\bв\s+(?:своем\s+|сво[её]м\s+)?послани[иях]\b|\bпосланием\b|\b(?:главой\s+государства|президентом|елбасы\s+тарапынан)\b|"
    r"\bжолдау(?:ын)?да\b|\bжолдауында\b|(?:мемлекет\s+басшысы|президент|елбасы)\s+тарапынан"
)


def _is_president(name: str | None, officials: Sequence[Match]) -> bool:
    if not name:
        return False
    if re.search(r"президент|глав\w* государств|мемлекет басшы|елбасы", name, re.IGNORECASE):
        return True
    return any(
        m.value.get("name") == name and str(m.value.get("post_key") or "").endswith("president")
        for m in officials
    )


def _clean_action(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:–—-")
    return s.rstrip(".!?… ").strip(" ,;:–—-")


# --- Russian --------------------------------------------------------------------------------------------

# Words between a cue and its addressee: "поручил также ...", "поручил в свою очередь ...".
_RU_SKIP = frozenset(
    {"также", "еще", "ещё", "лично", "отдельно", "дополнительно", "и", "в", "свою", "очередь"}
)
_RU_NP_PREP = frozenset({"по", "при"})


def _ru_case_forms(word: str, case: str) -> list[Any]:
    parses = russian.parse(word.lower())
    return [p for p in parses if case in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR")]


def _ru_np_ok(tok: Token) -> bool:
    if not tok.is_word:
        return tok.text in (",", "«", "»", '"', "“", "”", "№") or tok.text.isdigit()
    low = tok.text.lower()
    if low in ("и", *_RU_NP_PREP):
        return True
    if tok.text[:1].isupper():
        return True
    pos, _ = ru_tag(low)
    return pos in ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO") and low not in ("это", "этого", "все", "всё")


def _ru_has_head(words: Sequence[Token], heads: Sequence[str], case: str) -> bool:
    for t in words:
        if not t.is_word:
            continue
        low = t.text.lower()
        if any(low.startswith(h) for h in heads) and (case == "any" or _ru_case_forms(low, case)):
            return True
        if t.text[:1].isupper() and (is_given_name(t.text) or is_surname_like(t.text)):
            return True
    return False


# Bodies named after their field: "комиссия по вопросам экологии", "заместитель по социальным вопросам".
_RU_TOPIC_BODIES = ("комисси", "управлени", "отдел", "департамент", "заместител", "совет", "штаб", "центр",
                    "комитет", "агентств", "министерств", "уполномоченн", "групп")  # fmt: skip
_ABBR_BODIES = ("гкп", "тоо", "ао", "кгу", "ргп", "кгп", "гу", "коо", "оо", "ип")


def _ru_np_next_ok(toks: list[Token], j: int, case: str, in_quote: bool) -> bool:
    """May token ``j`` continue an addressee noun phrase in ``case``?"""
    tok = toks[j]
    if in_quote:
        return True
    if not _ru_np_ok(tok):
        return False
    low = tok.text.lower()
    if low in _RU_NP_PREP:
        prev = toks[j - 1].text.lower() if j > 0 else ""
        return (
            prev.startswith(_RU_TOPIC_BODIES)
            and j + 1 < len(toks)
            and ru_tag(toks[j + 1].text.lower())[0] != "INFN"
        )
    if not tok.is_word or tok.text[:1].isupper() or low == "и":
        return True
    # after the head only genitive complements or words in the phrase's own case (coordination)
    grams = ru_tag(low)[1]
    return (
        bool({"gent", case} & grams) or bool(_ru_case_forms(low, case)) or bool(_ru_case_forms(low, "gent"))
    )


def _ru_addressee_after(toks: list[Token], i: int, case: str, heads: Sequence[str]) -> tuple[int, int] | None:
    """Token range [i, j) of the addressee noun phrase starting at ``i`` (in ``case``)."""
    while i < len(toks) and (toks[i].text.lower() in _RU_SKIP or toks[i].text == ","):
        i += 1
    if case == "gent" and i < len(toks) and toks[i].text.lower() == "от":
        i += 1
    if i >= len(toks) or not toks[i].is_word:
        return None
    first = toks[i]
    low = first.text.lower()
    abbr = first.text.isupper() and low.startswith(_ABBR_BODIES)
    if (
        not abbr
        and not _ru_case_forms(first.text, case)
        and not (first.text[:1].isupper() and is_given_name(first.text))
    ):
        return None
    j = i + 1
    in_quote = False
    while j < len(toks):
        t = toks[j].text
        if t in ("«", "“"):
            in_quote = True
        elif t in ("»", "”"):
            in_quote = False
            j += 1
            continue
        if not _ru_np_next_ok(toks, j, case, in_quote):
            break
        if t.lower() in _RU_NP_PREP and j + 1 < len(toks) and ru_tag(toks[j + 1].text.lower())[0] == "INFN":
            break
        if (
            t == ","
            and not in_quote
            and j + 1 < len(toks)
            and not (toks[j + 1].is_word and _ru_case_forms(toks[j + 1].text, case))
        ):
            break
        j += 1
    while j > i and (toks[j - 1].text in (",", "«") or toks[j - 1].text.lower() in ("и", "по", "при")):
        j -= 1
    if j <= i or not (abbr or _ru_has_head(toks[i:j], heads, "any")):
        return None
    return i, j


def _ru_addressee_before(
    toks: list[Token], k: int, case: str, heads: Sequence[str]
) -> tuple[int, int] | None:
    """Token range of the addressee ending right before token ``k`` (passive "Акимам районов поручено")."""
    j = k
    i = k
    while i > 0 and k - i < 16:
        tok = toks[i - 1]
        low = tok.text.lower()
        if tok.text == ",":
            prev = toks[i - 2] if i >= 2 else None
            if prev is None or not (prev.is_word and _ru_case_forms(prev.text, case)):
                break
        elif low == "также" and i >= 3 and toks[i - 2].text.lower() == "а" and toks[i - 3].text == ",":
            i -= 2  # "органам и учреждениям, а также частному сектору"
            continue
        elif not _ru_np_ok(tok) or low == "также":
            break
        i -= 1
    for s in range(i, j):
        t = toks[s]
        if (
            t.is_word
            and _ru_case_forms(t.text, case)
            and (
                any(t.text.lower().startswith(h) for h in heads)
                or (t.text[:1].isupper() and (is_given_name(t.text) or is_surname_like(t.text)))
            )
        ):
            while (
                s > i
                and toks[s - 1].is_word
                and ru_tag(toks[s - 1].text.lower())[0] in ("ADJF", "PRTF", "NPRO")
                and _ru_case_forms(toks[s - 1].text, case)
            ):
                s -= 1  # "постоянным комиссиям": the adjective belongs to the addressee
            return s, j
    return None


def _ru_inflect(word: str, case: str) -> str | None:
    """``word`` (in ``case``) in the nominative, same number; None if it is not in that case."""
    for p in _ru_case_forms(word, case):
        number = "plur" if "plur" in p.tag else "sing"
        form = p.inflect({"nomn", number})
        if form is not None:
            return str(form.word)
    return None


def ru_nominative_np(words: Sequence[Token], text: str, case: str, initial: bool = False) -> str:
    """An addressee noun phrase in the nominative: in each conjunct the words in ``case`` up to and
    including the first noun ("управлению строительства" → "управление строительства", "акиму Семея
    Арману Кенжебаеву" → "аким Семея Арман Кенжебаев"). ``initial``: the phrase opens its sentence, so a
    capital on its first word is not a proper noun's."""
    out: list[str] = []
    converting = True
    k = 0
    while k < len(words):
        t = words[k]
        gap = text[t.end : words[k + 1].start] if k + 1 < len(words) else ""
        low = t.text.lower()
        if t.text == "," or low in ("и", "а", "также"):
            converting = True
            out.append(t.text + gap)
            k += 1
            continue
        if t.is_word and t.text[:1].isupper() and (is_given_name(t.text) or is_surname_like(t.text)):
            run = [t]
            while k + len(run) < len(words) and is_name_word(words[k + len(run)].text) and len(run) < 3:
                run.append(words[k + len(run)])
            nom = russian.name_nominative([r.text for r in run]) if case != "nomn" else [r.text for r in run]
            last = run[-1]
            tail = text[last.end : words[k + len(run)].start] if k + len(run) < len(words) else ""
            out.append(" ".join(nom) + tail)
            k += len(run)
            converting = False
            continue
        piece = t.text
        if converting and t.is_word and not t.text.isupper():
            new = _ru_inflect(t.text, case) if case != "nomn" else t.text
            if new is None:
                converting = False
            else:
                sentence_capital = (
                    initial and k == 0 and (_common(low) or low.startswith(load_cues().heads_ru))
                )
                keep_capital = t.text[:1].isupper() and not sentence_capital
                piece = new[:1].upper() + new[1:] if keep_capital else new.lower()
                if ru_tag(low)[0] == "NOUN":
                    converting = False  # the head noun: what follows is its complement
        out.append(piece + gap)
        k += 1
    return re.sub(r"\s+", " ", "".join(out)).strip(" ,")


def _common(low: str) -> bool:
    pos, grams = ru_tag(low)
    return pos in ("NOUN", "ADJF", "PRTF", "NPRO") and not ({"Name", "Surn", "Geox", "Orgn", "Abbr"} & grams)


_RU_SPLIT = re.compile(
    r",\s+а\s+(?:также\s+)?|;\s+|,\s+также\s+|\.\s+|,\s+(?=[а-яё]+(?:ам|ям|ию|у|ю)\s)", re.IGNORECASE
)


@dataclass
class _Parsed:
    """One instruction found around a cue (offsets are relative to the sentence)."""

    addressee: str | None
    action: str
    seg_start: int  # the text holding this instruction (searched for its deadline)
    seg_end: int
    addressee_start: int = -1  # where the addressee phrase begins (Kazakh: the issuer stands before it)


def _ru_items(
    s: str,
    cue: Cue,
    c_start: int,
    c_end: int,
    stop: int,
    published: dt.date | None,
    heads: Sequence[str],
    voice: str | None = None,
) -> list[_Parsed]:
    """The instructions of a Russian cue at ``s[c_start:c_end]``, reading up to ``stop``."""
    voice = voice or cue.voice
    after_text = s[c_end:stop]
    if after_text.lstrip().startswith(":"):
        return []  # "Аким поручил: ..." is a list, read item by item
    toks = tokenize(after_text)
    addr_text: str | None = None
    action_from = 0
    if voice in ("passive", "receive", "necessity"):
        addr_text = _ru_addressee_before_cue(s, c_start, cue, voice, heads)
        if addr_text is None and voice == "necessity":
            return []
    if addr_text is None and voice != "necessity":
        case = cue.case if voice != "receive" else "nomn"
        cue_text = s[c_start:c_end]
        if cue.rule.startswith("ru_postavil") and " перед " in f" {cue_text.lower()} ":
            # "поставил перед управлением задачу": the addressee is inside the cue
            cue_toks = tokenize(cue_text)
            at = next(n for n, t in enumerate(cue_toks) if t.text.lower() == "перед")
            inner = _ru_addressee_after(cue_toks, at + 1, "ablt", heads)
            if inner is not None:
                addr_text = ru_nominative_np(cue_toks[inner[0] : inner[1]], cue_text, "ablt")
        if addr_text is None:
            span = _ru_addressee_after(toks, 0, case, heads)
            if span is not None:
                addr_text = ru_nominative_np(toks[span[0] : span[1]], after_text, case)
                action_from = toks[span[1] - 1].end
    rest = after_text[action_from:]
    base = c_end + action_from
    out: list[_Parsed] = []
    for n, (p_start, p_end, p_addr) in enumerate(_ru_split_actions(rest, heads)):
        seg = rest[p_start:p_end]
        action = _clean_action(_without(seg, _deadline_spans(seg, "ru", published)))
        if not _ru_has_infinitive(action) and not (addr_text and action.lower().startswith("по ")):
            continue
        address = p_addr if n > 0 and p_addr else addr_text
        out.append(_Parsed(address or None, action, c_start if n == 0 else base + p_start, base + p_end))
    return out


def _ru_addressee_before_cue(s: str, c_start: int, cue: Cue, voice: str, heads: Sequence[str]) -> str | None:
    """The addressee standing before a passive, receiving or necessity cue ("Акимам районов поручено")."""
    before_toks = tokenize(s[:c_start])
    case = "nomn" if voice == "receive" else cue.case
    span = _ru_addressee_before(before_toks, len(before_toks), case, heads)
    if span is not None:
        lead = s[: before_toks[span[0]].start]
        if voice == "necessity" and re.sub(
            r"[«\"“„(]|\b(?:а|также|и|кроме того|в частности)\b", "", lead, flags=re.IGNORECASE
        ).strip(" ,"):
            return None  # a directed necessity opens its sentence with the addressee
        initial = not re.sub(r"[«\"“„(]", "", lead).strip()
        return ru_nominative_np(before_toks[span[0] : span[1]], s, case, initial)
    # "Перед управлением энергетики поставлена задача ..."
    at = [n for n, t in enumerate(before_toks) if t.text.lower() == "перед"]
    inner = _ru_addressee_after(before_toks, at[-1] + 1, "ablt", heads) if at else None
    if inner is not None and inner[1] == len(before_toks):
        return ru_nominative_np(before_toks[inner[0] : inner[1]], s, "ablt", at[-1] == 0)
    return None


def _ru_has_infinitive(action: str) -> bool:
    return any(t.is_word and ru_tag(t.text.lower())[0] == "INFN" for t in tokenize(action)[:12])


def _ru_split_actions(rest: str, heads: Sequence[str]) -> list[tuple[int, int, str | None]]:
    """Split "X, а акимам районов – Y" into (start, end, new addressee) pieces."""
    pieces: list[tuple[int, int, str | None]] = []
    start = 0
    addr: str | None = None
    for m in _RU_SPLIT.finditer(rest):
        tail = rest[m.end() :]
        toks = tokenize(tail)
        span = _ru_addressee_after(toks, 0, "datv", heads)
        if span is None:
            continue
        after = tail[toks[span[1] - 1].end :]
        if not _ru_has_infinitive(after[:200]):
            continue
        pieces.append((start, m.start(), addr))
        addr = ru_nominative_np(toks[span[0] : span[1]], tail, "datv")
        start = m.end() + toks[span[1] - 1].end
    pieces.append((start, len(rest), addr))
    return pieces


# --- Kazakh ---------------------------------------------------------------------------------------------

_KK_DATIVE = WordPattern(r"^(?P<base>.+?)(?:ға|ге|қа|ке)$|^(?P<poss>.+[ыі])(?:на|не)$")
_KK_ACCUSATIVE = WordPattern(r"^(?P<poss>.+[ыі])н$|^(?P<base>.+?)(?:ны|ні|ды|ді|ты|ті)$")
_KK_COORD = frozenset({"мен", "бен", "пен", "және", "және де"})
_KK_TAIL_WORDS = rx(
    r"\s+(?:жөнінде|жөніндегі|бойынша|туралы|жайында|міндеті|міндетін|тапсырмасы|тапсырмасын|тапсырма|"
    r"тапсырмалар|нұсқау|нұсқаулар)$"
)
_KK_ACTION_END = rx(r"(?:у|ю)(?:ды|ді|ны|ні|ға|ге)?\s*[,;]?\s*(?:ал|сондай-ақ|және)?\s*$")
_KK_CONNECTOR_END = rx(r"[,;]?\s*(?:ал|сондай-ақ|және|әрі)$")
_KK_VN_CASE = WordPattern(r"(у|ю)(?:ды|ді|ға|ге|ын|ін|ны|ні)$")
_KK_VERBAL_NOUN = WordPattern(r"(?:у|ю|уы|уі)(?:ды|ді|ға|ге|ын|ін|ны|ні)?$")


def _kk_addressee_word(tok: Token, heads: Sequence[str], accusative: bool) -> str | None:
    """The nominative of ``tok`` when it is a dative (or accusative) addressee head, else None."""
    if not tok.is_word:
        return None
    low = tok.text.lower()
    m = (_KK_ACCUSATIVE if accusative else _KK_DATIVE).match(low)
    if m is None:
        return None
    matched_base = m.group("poss") or m.group("base")
    if matched_base is None or len(matched_base) < 2:
        return None
    base = low[: len(matched_base)]
    folded_base = fold_letters(base)
    if tok.text[:1].isupper() and (is_surname_like(tok.text) or is_given_name(base)):
        nominative = kazakh.name_nominative(tok.text)
        # a name in the dative changes in the nominative ("Кенжебаевқа"); "Мадина" only looks dative
        return nominative if nominative != tok.text else None
    stem = fold_letters(kazakh.stem(base))
    if any(folded_base.startswith(h) or stem.startswith(h) for h in _folded(heads)):
        return tok.text[: len(base)]
    return None


@functools.lru_cache(maxsize=8)
def _folded(heads: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold_letters(h) for h in heads)


_KK_BOUNDARY = frozenset(',.;:()«»"“”„')


def _kk_np_start(toks: list[Token], k: int, floor: int, official_spans: Sequence[tuple[int, int]]) -> int:
    """First token of the addressee phrase ending at token ``k`` (walking left, never below ``floor``)."""
    start = k
    j = k - 1
    while j >= floor and k - j <= 9:
        tok = toks[j]
        if tok.text in _KK_BOUNDARY or any(s <= tok.start < e for s, e in official_spans):
            break
        low = tok.text.lower()
        if low in _KK_COORD:
            j -= 1
            continue
        if low in KK_STOP_WORDS:
            break
        nxt = toks[j + 1]
        # "жұмыспен қамту орталығы": an instrumental inside a name, before a verbal noun
        compound = bool(re.search(r"(?:мен|бен|пен)$", low)) and nxt.text.lower().endswith(("у", "ту", "ю"))
        if not compound and not kk_chain_ok(tok) and not tok.text[:1].isupper():
            break
        person_next = (
            nxt.is_word and nxt.text[:1].isupper() and (is_given_name(nxt.text) or is_surname_like(nxt.text))
        )
        if tok.is_word and kk_head(tok.text) and not person_next and low != "әкімдері":
            break  # "облыс әкімі құрылыс басқармасына": the issuer's post ends here
        start = j
        j -= 1
    while start < k and toks[start].text.lower() in _KK_COORD:
        start += 1
    return start


def _sentence_case(phrase: str) -> str:
    """Lower the capital a sentence gave the first word ("Аудан әкімдері" → "аудан әкімдері"); names and
    known places keep theirs ("Қаражал қаласы", "Арман Кенжебаевқа")."""
    first = phrase.split(" ", 1)[0]
    if not first[:1].isupper() or first.isupper() or is_given_name(first) or is_surname_like(first):
        return phrase
    from zholdau.extractors.regions import region_index

    idx = region_index()
    tk = TokenKeys(first)
    if idx.places.find(tk) or idx.names.find(tk) or idx.district_heads.find(tk):
        return phrase
    return first[:1].lower() + phrase[1:]


def _at_clause_start(clause: str, toks: list[Token], first: int) -> bool:
    """Only an opening quote or an introductory word stands before token ``first``."""
    before = clause[: toks[first].start] if first < len(toks) else clause
    return not re.sub(
        r"[«\"“„(]|\b(?:ал|сондай-ақ|енді|сонымен қатар|әсіресе)\b", "", before, flags=re.IGNORECASE
    ).strip(" ,")


def _kk_action(text: str, published: dt.date | None) -> str:
    spans = _deadline_spans(text, "kk", published)
    action = _clean_action(_without(text, spans))
    connector = _KK_CONNECTOR_END.search(fold_letters(action))
    action = _clean_action(action[: connector.start()] if connector else action)
    tail = _KK_TAIL_WORDS.search(fold_letters(action))
    if tail:
        action = action[: tail.start()]
    words = action.split()
    if words:
        last = words[-1]
        m = _KK_VN_CASE.search(last)
        if m:
            words[-1] = last[: m.start()] + m.group(1)
    return " ".join(words)


def _kk_items(
    sent: Sentence,
    cue: Cue,
    cm: re.Match[str],
    floor: int,
    published: dt.date | None,
    heads: Sequence[str],
    officials: Sequence[Match],
) -> list[_Parsed]:
    """The instructions of a Kazakh cue: its clause runs from ``floor`` (the previous cue) to the cue."""
    spans = [
        (m.start - sent.start, m.end - sent.start)
        for m in officials
        if m.start >= sent.start + floor and m.end <= sent.start + cm.start()
    ]
    return _kk_clause_items(sent.text, floor, cm.start(), cue, published, heads, spans)


def _kk_clause_items(
    s: str,
    start: int,
    end: int,
    cue: Cue,
    published: dt.date | None,
    heads: Sequence[str],
    official_spans: Sequence[tuple[int, int]],
) -> list[_Parsed]:
    """Addressees (dative phrases headed by a body or a name) and their actions in ``s[start:end]``."""
    clause = s[start:end]
    toks = tokenize(clause)
    spans = [(a - start, b - start) for a, b in official_spans]
    addressees = _kk_addressees(clause, toks, cue, heads, spans)
    if cue.voice == "necessity" and (not addressees or not _at_clause_start(clause, toks, addressees[0][0])):
        return []
    out: list[_Parsed] = []
    if not addressees:
        if cue.voice == "passive":
            action = _kk_action(clause, published)
            if _KK_VERBAL_NOUN.search(action.split()[-1] if action else ""):
                out.append(_Parsed(None, action, start, end))  # no addressee: the clause is the action
        return out
    for n, (first, last, phrase) in enumerate(addressees):
        a_from = toks[last].end
        a_to = toks[addressees[n + 1][0]].start if n + 1 < len(addressees) else len(clause)
        action = _kk_action(clause[a_from:a_to], published)
        if not action or not any(_KK_VERBAL_NOUN.search(w) for w in action.split()):
            continue
        out.append(
            _Parsed(phrase, action, start + toks[first].start, start + a_to, start + toks[first].start)
        )
    return out


def _kk_addressees(
    clause: str, toks: list[Token], cue: Cue, heads: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """(first token, last token, nominative phrase) of each addressee; coordinated ones merged."""
    found: list[tuple[int, int, str]] = []
    accusative = cue.rule == "kk_mindettedi"
    for k, tok in enumerate(toks):
        word = _kk_addressee_word(tok, heads, False) or (
            _kk_addressee_word(tok, heads, True) if accusative else None
        )
        if word is None:
            continue
        own = [sp for sp in spans if sp[0] <= tok.start < sp[1]]
        if own and tok.end < own[0][1]:
            continue  # inside a name: only its last word carries the case ending
        floor_tok = found[-1][1] + 1 if found else 0
        first = _kk_np_start(toks, k, floor_tok, [sp for sp in spans if sp not in own])
        if own:
            first = min(first, next(n for n, t in enumerate(toks) if t.start >= own[0][0]))
        phrase = clause[toks[first].start : tok.start] + word
        if _at_clause_start(clause, toks, first):
            phrase = _sentence_case(phrase)
        found.append((first, k, re.sub(r"\s+", " ", phrase).strip()))
    merged: list[tuple[int, int, str]] = []
    for first, last, phrase in found:
        if not merged:
            merged.append((first, last, phrase))
            continue
        between = clause[toks[merged[-1][1]].end : toks[first].start]
        if not re.sub(r"\b(?:және|мен|бен|пен|да|де)\b", "", between).strip(" ,;–—-"):
            # "аудан әкімдеріне, қала әкімдеріне ...", "Үкіметке және министрлікке": one instruction to both
            p_first, _p_last, p_phrase = merged[-1]
            merged[-1] = (p_first, last, p_phrase + re.sub(r"\s+", " ", between.rstrip()) + " " + phrase)
        elif _KK_ACTION_END.search(fold_letters(between)):
            merged.append((first, last, phrase))  # "... аяқтауды, ал аудан әкімдеріне ...": a new instruction
        # else: a dative inside the action ("... облыс әкімдігіне жолдауды тапсырды")
    return merged


# --- issuers --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    officials: Sequence[Match]
    chair: Match | None
    lang: str
    last_issuer: str | None = None
    last_issuer_at: int = -10  # index of the sentence that named the last issuer
    sentence_index: int = 0

    @property
    def recent(self) -> bool:
        """The last issuer was named in this sentence or the one before."""
        return self.sentence_index - self.last_issuer_at <= 1

    def top_akim(self) -> str | None:
        ranked = {"region": 4, "city": 3, "district": 2, "rural": 1}
        akims = [
            m for m in self.officials if re.search(r"(?<!deputy_)akim$", str(m.value.get("post_key") or ""))
        ]
        if not akims:
            return None
        return str(max(akims, key=lambda m: ranked.get(str(m.value.get("level")), 0)).value["name"])

    def default(self, summing_up: bool = False) -> str | None:
        """The issuer of an instruction given in the passive. "По итогам заседания ... поручено" sums up
        the meeting: the chair. Otherwise whoever gave the instruction just before, else the chair, else
        the article's highest-ranking akim."""
        if summing_up and self.chair is not None:
            return str(self.chair.value)
        if self.last_issuer is not None and self.recent:
            return self.last_issuer
        if self.chair is not None:
            return str(self.chair.value)
        return self.last_issuer or self.top_akim()


def _issuer_before(text: str, sent: Sentence, end: int, ctx: _Context) -> str | None:
    """The issuer of an active cue: the official named last before ``end`` (sentence offset)."""
    named = [m for m in ctx.officials if m.start >= sent.start and m.end <= sent.start + end]
    if named:
        return str(named[-1].value["name"])
    pre = sent.text[:end]
    found: list[tuple[int, str]] = []
    pattern = POST_PHRASE_KK if ctx.lang == "kk" else POST_PHRASE_RU
    for m in pattern.finditer(pre):
        phrase = m.group(0)
        name = official_for_post(phrase, ctx.lang, ctx.officials)
        if name is not None:
            found.append((m.end(), name))
        elif re.search(r"президент|глав\w* государств|мемлекет басшы|елбасы", phrase, re.IGNORECASE):
            found.append((m.end(), phrase.strip()))
    # a named person the article gives no post ("По итогам заседания Нурлан Бекбосынов поручил")
    found.extend(
        (c.end, c.name) for c in find_names(pre, ctx.lang) if c.supported and c.given and len(c.words) > 1
    )
    if found:
        return max(found)[1]
    words = re.findall(r"\w+", pre.lower())
    if (words and words[0] in PRONOUNS) or any(w in PRONOUNS for w in words[:3]):
        return ctx.last_issuer or ctx.default()
    return None


_QUOTE_END = re.compile(r"[»\"”]\s*[,–—-]+\s*")


def _quote_speaker(text: str, sent: Sentence, ctx: _Context, after: int = 0) -> str | None:
    """The speaker credited after the quote that holds an instruction ("…», – подчеркнул аким области
    Ерлан Токтаров" / "…», – деді облыс әкімі"): a named official, else a post resolved to one."""
    close = _QUOTE_END.search(text, sent.start + after, sent.end + 3)
    if close is None:
        return None
    window = text[close.end() : close.end() + 160]
    named = [m for m in ctx.officials if close.end() <= m.start < close.end() + 160]
    if named:
        return str(named[0].value["name"])
    pattern = POST_PHRASE_KK if ctx.lang == "kk" else POST_PHRASE_RU
    for m in pattern.finditer(window):
        name = official_for_post(m.group(0), ctx.lang, ctx.officials)
        if name is not None:
            return name
    return None


# --- the extractor ----------------------------------------------------------------------------------------


# A cue inside a relative or comparative clause reports no instruction: "работы, которые поручил
# выполнить аким", "как поручил Глава государства".
_RU_NOT_A_CUE = re.compile(r"(?:\bкак|\bкотор\w+|\bчто\s+было)\s+(?:\w+\s+)?$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•·*]|\d{1,2}[.)])\s*")
_QUOTE_CLOSE = re.compile(r"[»”]|\"(?=\s*[,–—-])")


def extract_assignments(
    text: str, lang: str | None, published: dt.date | None, officials: Sequence[Match], chair: Match | None
) -> list[Match]:
    """Every instruction reported in ``text`` (one match per addressee and action)."""
    if not text.strip():
        return []
    lang = lang if lang in ("kk", "ru") else detect_lang(text)
    book = load_cues()
    heads = book.heads_kk if lang == "kk" else book.heads_ru
    ctx = _Context(officials, chair, lang)
    out: list[Match] = []
    sents = sentences(text)
    for n_sent, sent in enumerate(sents):
        ctx.sentence_index = n_sent
        folded = fold_letters(sent.text)
        cues = _cues_in(sent.text, lang, book, folded)
        if not cues:
            continue
        recap = bool(_RECAP.search(folded))
        floor = 0
        for n, (cm, cue) in enumerate(cues):
            stop = cues[n + 1][0].start() if n + 1 < len(cues) else len(sent.text)
            if cue.voice == "first_person":
                closing = _QUOTE_CLOSE.search(sent.text, cm.end(), stop)
                stop = closing.start() if closing else stop
            found = _matches_for(text, sent, cm, cue, floor, stop, published, recap, heads, ctx)
            if not found and re.match(r"\s*:", sent.text[cm.end() :]):
                found = _list_items(text, sents, n_sent, cm, cue, published, recap, heads, ctx)
            out.extend(found)
            floor = cm.end()
    return out


def _cues_in(s: str, lang: str, book: CueBook, folded: str | None = None) -> list[tuple[re.Match[str], Cue]]:
    """Non-overlapping cues of a sentence, in order; necessity cues only where no real cue is."""
    folded = fold_letters(s) if folded is None else folded
    quick = book.any_cue.get(lang)
    if quick is not None and not quick.search(folded):
        return []
    found = sorted(
        ((m, cue) for cue in book.cues if cue.lang == lang for m in cue.pattern.finditer(folded)),
        key=lambda x: (x[0].start(), -x[1].score),
    )
    cues: list[tuple[re.Match[str], Cue]] = []
    for m, cue in found:
        if cues and m.start() < cues[-1][0].end():
            continue
        if lang == "ru" and cue.voice == "active" and _RU_NOT_A_CUE.search(s[: m.start()]):
            continue
        cues.append((m, cue))
    if any(c.voice != "necessity" for _, c in cues):
        cues = [(m, c) for m, c in cues if c.voice != "necessity"]
    return cues


def _issuer_for(text: str, sent: Sentence, voice: str, before: int, ctx: _Context) -> str | None:
    """Who gave an instruction, from the sentence alone (None: take it from the context)."""
    if voice == "active":
        return _issuer_before(text, sent, before, ctx)
    if voice in ("necessity", "first_person"):
        return _quote_speaker(text, sent, ctx, before)
    return None


def _matches_for(
    text: str,
    sent: Sentence,
    cm: re.Match[str],
    cue: Cue,
    floor: int,
    stop: int,
    published: dt.date | None,
    recap: bool,
    heads: Sequence[str],
    ctx: _Context,
) -> list[Match]:
    if cue.lang == "kk":
        parsed = _kk_items(sent, cue, cm, floor, published, heads, ctx.officials)
        found = [
            (
                p,
                _issuer_for(
                    text, sent, cue.voice, p.addressee_start if p.addressee_start >= 0 else floor, ctx
                ),
            )
            for p in parsed
        ]
    else:
        parsed = _ru_items(sent.text, cue, cm.start(), cm.end(), stop, published, heads)
        found = [(p, _issuer_for(text, sent, cue.voice, cm.start(), ctx)) for p in parsed]
    if cue.voice != "active" and _PRESIDENT_AGENT.search(fold_letters(sent.text[: cm.start()])):
        return []  # an instruction of the Address, only mentioned
    summing_up = bool(_SUMMING_UP.match(fold_letters(sent.text)))
    return [
        m
        for p, issuer in found
        if (
            m := _match(
                sent,
                sent.start,
                sent.end,
                sent.text.strip(),
                p,
                issuer,
                cue,
                published,
                recap,
                ctx,
                summing_up,
            )
        )
        is not None
    ]


def _list_items(
    text: str,
    sents: Sequence[Sentence],
    n_sent: int,
    cm: re.Match[str],
    cue: Cue,
    published: dt.date | None,
    recap: bool,
    heads: Sequence[str],
    ctx: _Context,
) -> list[Match]:
    """ "Аким поручил: управлению образования – ...; акимам районов – ..." or one item per line."""
    sent = sents[n_sent]
    issuer = _issuer_for(text, sent, cue.voice, cm.start(), ctx)
    pieces: list[tuple[Sentence, int, int]] = []  # (sentence, start, end) of each item
    colon = sent.text.index(":", cm.end())
    inline = sent.text[colon + 1 :]
    if inline.strip():
        pos = colon + 1
        for part in re.split(r";", inline):
            pieces.append((sent, pos, pos + len(part)))
            pos += len(part) + 1
    else:
        for nxt in sents[n_sent + 1 :]:
            if not _LIST_ITEM.match(nxt.text):
                break
            pieces.append((nxt, _LIST_ITEM.match(nxt.text).end(), len(nxt.text)))  # type: ignore[union-attr]
    out: list[Match] = []
    for item_sent, start, end in pieces:
        chunk = item_sent.text[start:end]
        lead = len(chunk) - len(chunk.lstrip(" -–—•·*"))
        if cue.lang == "kk":
            parsed = _kk_clause_items(
                item_sent.text,
                start + lead,
                len(item_sent.text[:end].rstrip(" ;.")),
                cue,
                published,
                heads,
                [],
            )
        else:
            parsed = _ru_items(
                item_sent.text, cue, start + lead, start + lead, end, published, heads, "active"
            )
        for p in parsed:
            m = _match(
                item_sent,
                item_sent.start + start,
                item_sent.start + end,
                chunk.strip(" ;.–—-") or chunk,
                p,
                issuer,
                cue,
                published,
                recap,
                ctx,
                False,
            )
            if m is not None:
                out.append(m)
    return out


def _match(
    sent: Sentence,
    start: int,
    end: int,
    sentence_text: str,
    p: _Parsed,
    issuer: str | None,
    cue: Cue,
    published: dt.date | None,
    recap: bool,
    ctx: _Context,
    summing_up: bool,
) -> Match | None:
    """The match for one parsed instruction (None for the President's instructions without an addressee)."""
    who = issuer or ctx.default(summing_up)
    if _is_president(who, ctx.officials) and not p.addressee:
        return None
    if issuer:
        ctx.last_issuer = issuer
        ctx.last_issuer_at = ctx.sentence_index
    deadline = find_deadline(sent.text[p.seg_start : p.seg_end], cue.lang, published, recap)
    value = {
        "issuer": who,
        "addressee": p.addressee,
        "action": p.action,
        "deadline": deadline.date.isoformat() if deadline and deadline.date else None,
        "sentence": sentence_text,
    }
    score = cue.score * (1.0 if p.addressee else 0.8)
    return Match(value, start, end, cue.rule, round(score, 3))
