"""Stage ``read_metadata``: title, publication date, outlet, author, each with rule and span.

Rules, by priority (the first that gives a value wins; the others stay as candidates):

* title: ``container_title`` (JSONL/HTML), ``first_line``
* published: ``date_prefix_line``, ``container_published``, ``text_date`` (a date written in the text,
  Kazakh or Russian, not a deadline and not after today)
* outlet: ``container_outlet``, ``url_host``, ``header_known_outlet``, ``footer_site``, ``dateline_agency``,
  ``header_line`` (an all-caps page header we do not know), ``press_service_source`` ("деп хабарлайды облыс
  әкімдігінің баспасөз қызметі", "сообщает пресс-служба акимата …": the press service is the source)
* author: ``container_author``, ``byline_start``, ``byline_end``

A date that cannot be parsed is left empty with a warning; an explicit publication date after
``settings.today`` rejects the article (a wrong clock or a wrong field: fix the input).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from urllib.parse import urlsplit

from zholdau.config import Settings
from zholdau.model import Article, Evidence
from zholdau.morph.dates import find_dates, parse_date_field

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_NAME = rf"[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)?"
_SURNAME_END = (
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|ұлы|улы|қызы|кызы|бек|бай|баев|баева|ко|ук|юк)"
)
_SURNAME = rf"[{_UP}][{_LO}]+{_SURNAME_END}"
# "Айжан Абилова. В Алматинской области…" (a byline glued to the first sentence)
_BYLINE_START = re.compile(rf"^(?P<name>{_NAME} {_SURNAME}|{_SURNAME} {_NAME})\.\s+(?=[{_UP}«\"])")
# a closing line "Динара Есентаева," or "Динара Есентаева" (possibly followed by a site line)
_BYLINE_END = re.compile(rf"^(?P<name>{_NAME} {_SURNAME}|{_SURNAME} {_NAME}|{_NAME} {_NAME}),?$")
_SITE_LINE = re.compile(
    r"^(?:https?://)?(?:www\.)?(?P<host>[\w\-]+(?:\.[\w\-]+)*\.(?:kz|ru|com|org|net|info|қаз))/?$",
    re.IGNORECASE,
)
_PRESS_KK = re.compile(
    r"деп\s+(?:хабарлайды|хабарлады|жазады|мәлімдейді)\s+(?P<src>[^.\n]{3,120}?(?:баспасөз қызметі|пресс-қызметі|"
    r"ақпарат(?:тық)? (?:орталығы|агенттігі)|сайты))",
    re.IGNORECASE,
)
_PRESS_RU = re.compile(
    r"(?:сообщает|сообщили в|сообщила|информирует)\s+(?P<src>пресс-служб[аеуы][^.\n]{0,120}|"
    r"(?:служб[аеуы] )?[^.\n]{0,40}пресс-центр[^.\n]{0,80})",
    re.IGNORECASE,
)
# dates that are deadlines or starting points of plans, not the day something happened
_DEADLINE_BEFORE = re.compile(
    r"(?:\bдо|\bк|\bне позднее|\bпо|\bсрок(?:ом)?\s+до|\bс|\bсо|\bначиная с|\bпосле)\s*$", re.IGNORECASE
)
_DEADLINE_AFTER = re.compile(
    r"^\s*(?:дейін|шейін|деңгейінде|қарай|дейінгі|бастап|кейін|соңына)", re.IGNORECASE
)


@functools.cache
def _outlets() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Lookup tables from the knowledge base: host → name, header → name, dateline token → name."""
    from zholdau.knowledge.loader import load_knowledge

    hosts: dict[str, str] = {}
    headers: dict[str, str] = {}
    datelines: dict[str, str] = {}
    for o in load_knowledge().outlets:
        for h in o.hosts:
            hosts[h.lower().removeprefix("www.")] = o.name
        for h in o.headers:
            headers[_fold(h)] = o.name
        for d in o.datelines:
            datelines[_fold(d)] = o.name
    return hosts, headers, datelines


def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold().replace("ё", "е"))


def outlet_for_host(host: str) -> str | None:
    host = host.lower().removeprefix("www.")
    hosts = _outlets()[0]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = hosts.get(".".join(parts[i:]))
        if name:
            return name
    return None


def _title(article: Article) -> None:
    given = article.raw_meta.get("title")
    if isinstance(given, str) and given.strip():
        article.set_meta("title", given.strip(), Evidence("container_title", -1, -1, given.strip(), "meta"))
        return
    text = article.text
    first = text.split("\n", 1)[0]
    if not first or "\n" not in text or len(first) > 300:
        return
    start = 0
    bm = _BYLINE_START.match(first)
    if bm:
        start = bm.end()
    title = first[start:].strip()
    if title:
        article.set_meta("title", title, Evidence("first_line", start, len(first), title))


def _is_deadline(text: str, start: int, end: int) -> bool:
    return bool(_DEADLINE_BEFORE.search(text[max(0, start - 20) : start])) or bool(
        _DEADLINE_AFTER.match(text[end : end + 12])
    )


def _published(article: Article, settings: Settings) -> None:
    explicit: tuple[date, Evidence] | None = None
    for cand in article.candidates.get("published", []):
        d = parse_date_field(str(cand.value))
        if d is not None:
            explicit = (d, cand.evidence[0])
            break
    if explicit is None:
        given = article.raw_meta.get("published")
        if isinstance(given, str) and given.strip():
            d = parse_date_field(given)
            if d is None:
                article.warn(
                    f"published date {given!r} could not be parsed; left empty (fix the field to YYYY-MM-DD)"
                )
            else:
                explicit = (d, Evidence("container_published", -1, -1, given, "meta"))
    if explicit is not None:
        d, ev = explicit
        if d > settings.today:
            article.reject = (
                f"publication date {d.isoformat()} ({ev.rule}: {ev.text.strip()!r}) is after today "
                f"({settings.today.isoformat()}): fix the date in the input, or set ZHOLDAU_TODAY if the "
                "clock is wrong"
            )
            return
        article.set_meta("published", d.isoformat(), ev)
        return
    text = article.analysis_text
    best: tuple[date, Evidence] | None = None
    for m in find_dates(text):
        if not m.year_given or m.date > settings.today or _is_deadline(text, m.start, m.end):
            continue
        if best is None or m.date > best[0]:
            best = (m.date, article.evidence("text_date", m.start, m.end))
    if best is not None:
        article.set_meta("published", best[0].isoformat(), best[1])


def _outlet(article: Article) -> None:
    given = article.raw_meta.get("outlet") or article.raw_meta.get("sitename")
    if isinstance(given, str) and given.strip():
        article.set_meta("outlet", given.strip(), Evidence("container_outlet", -1, -1, given.strip(), "meta"))
        return
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            name = outlet_for_host(host) or host.removeprefix("www.")
            article.set_meta("outlet", name, Evidence("url_host", -1, -1, article.url, "meta"))
            return
    headers, datelines = _outlets()[1], _outlets()[2]
    for cand in article.candidates.get("outlet_header", []):
        name = headers.get(_fold(str(cand.value)))
        if name:
            article.set_meta("outlet", name, Evidence("header_known_outlet", -1, -1, str(cand.value), "raw"))
            return
    lines = article.text.rstrip().split("\n")
    pos = len(article.text.rstrip())
    for line in reversed(lines[-3:]):
        pos -= len(line)
        sm = _SITE_LINE.match(line.strip())
        if sm:
            host = sm.group("host")
            name = outlet_for_host(host) or host
            article.set_meta("outlet", name, Evidence("footer_site", pos, pos + len(line), line))
            return
        pos -= 1
    for cand in article.candidates.get("outlet_dateline", []):
        name = datelines.get(_fold(str(cand.value))) or str(cand.value)
        article.set_meta("outlet", name, Evidence("dateline_agency", -1, -1, cand.evidence[0].text, "raw"))
        return
    for cand in article.candidates.get("outlet_header", []):
        header = str(cand.value)
        name = header[:1] + header[1:].lower() if header.isupper() else header
        article.set_meta("outlet", name, Evidence("header_line", -1, -1, header, "raw"))
        return
    analysis = article.analysis_text
    for rx in (_PRESS_KK, _PRESS_RU):
        pm = rx.search(analysis)
        if pm:
            src = pm.group("src").strip()
            ev = article.evidence("press_service_source", pm.start("src"), pm.start("src") + len(src))
            article.set_meta("outlet", ev.text, ev)
            return


def _author(article: Article) -> None:
    given = article.raw_meta.get("author")
    if isinstance(given, str) and given.strip():
        article.set_meta("author", given.strip(), Evidence("container_author", -1, -1, given.strip(), "meta"))
        return
    text = article.text
    lines = text.rstrip().split("\n")
    pos = 0
    for line in lines[:3]:
        bm = _BYLINE_START.match(line)
        if bm:
            name = bm.group("name")
            article.set_meta("author", name, Evidence("byline_start", pos, pos + len(name), name))
            return
        pos += len(line) + 1
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i in range(len(lines) - 1, max(len(lines) - 3, 0) - 1, -1):
        line = lines[i].strip()
        if _SITE_LINE.match(line):
            continue
        em = _BYLINE_END.match(line)
        if em and i > 0:
            start = offsets[i] + lines[i].index(em.group("name"))
            article.set_meta(
                "author",
                em.group("name"),
                Evidence("byline_end", start, start + len(em.group("name")), em.group("name")),
            )
            return
        break


def read_metadata(article: Article, settings: Settings) -> None:
    """Fill title, published, outlet and author (each with evidence); reject future dates."""
    _title(article)
    _published(article, settings)
    if article.reject:
        return
    _outlet(article)
    _author(article)
    if article.candidates.get("dateline_city"):
        cand = article.candidates["dateline_city"][0]
        article.meta["dateline_city"] = cand
