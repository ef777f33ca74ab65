"""Stage ``clean``: from the raw input to the article text.

Rules, in order (each is named; what it removes is recorded as evidence on the raw text):
``unicode_nfc``, ``qtranslate_split``, ``date_prefix_line``, ``chrome_header``, ``chrome_crumbs``,
``chrome_footer``, ``dateline``, ``whitespace``. The raw input stays in ``Article.raw_text``.
The cleaner is idempotent: it is applied until the text stops changing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from zholdau.config import Settings
from zholdau.model import Article, Evidence

# qTranslate-X writes [:ru]…[:], older versions <!--:ru-->…<!--:-->, and some themes {:ru}…{:}.
_QT_MARK = re.compile(r"\[:([a-z]{2})?\]|<!--:([a-z]{2})?-->|\{:([a-z]{2})?\}", re.IGNORECASE)
_QT_LANG = {"ru": "ru", "kk": "kk", "kz": "kk", "en": "en"}

_DATE_PREFIX = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?[ \t]*")

_LETTER = re.compile(r"[^\W\d_]")
_UPPER_RUN = re.compile(r"[^\W\d_]+")
# a lower-case letter glued to an upper-case one inside a token: "КазахстанаРегионы", "ЖаңалықтарӨңір"
_GLUED = re.compile(r"[a-zа-яёәғқңөұүһі][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_CRUMB_SEP = re.compile(r"\s(?:/|»|›|>|→|\|)\s")
_SENTENCE_END = re.compile(r"[.!?…:;»\"]\s*$")
_MENU_WORDS = frozenset(
    [
        "поделиться",
        "версия",
        "печати",
        "просмотров",
        "просмотры",
        "теги",
        "тэги",
        "метки",
        "комментарии",
        "комментарий",
        "бөлісу",
        "басып",
        "шығару",
        "қаралым",
        "пікірлер",
        "пікір",
        "тегтер",
        "share",
        "print",
        "tags",
        "comments",
        "views",
        "главная",
        "басты",
        "бет",
        "home",
        "читать",
        "также",
        "оқи",
        "сондай-ақ",
        "пресс-релиз",
        "баспасөз",
        "хабарламасы",
        "хабарландыру",
        "новости",
        "жаңалықтар",
    ]
)
_FOOTER_LINE = re.compile(
    r"^(?:поделиться|бөлісу|share|теги|тэги|метки|тегтер|tags|просмотров|қаралым|views|"
    r"версия для печати|басып шығару|читайте также|сондай-ақ оқыңыз|подпишитесь|жазылыңыз)\b.*$",
    re.IGNORECASE,
)

# "СЕМЕЙ. KAZINFORM –", "УРАЛЬСК. КАЗИНФОРМ —", "АСТАНА, 10 сентября. KAZINFORM -", "ОРАЛ. ҚАЗАҚПАРАТ –"
_CAPS = r"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DATELINE = re.compile(
    rf"^(?P<city>[{_CAPS}][{_CAPS}\-]+(?:[ \-][{_CAPS}][{_CAPS}\-]+){{0,2}})"
    rf"(?:,\s*(?P<when>[^.\n]{{3,30}}?))?\.\s*"
    rf"(?P<agency>/?[{_CAPS}][{_CAPS}a-zа-яёәғқңөұүһі\-]{{2,20}}(?:[ \-][{_CAPS}][{_CAPS}a-zа-яёәғқңөұүһі\-]+)?/?)"
    r"\s*[–—\-]{1,2}\s*",
)

# a line that is only a date and maybe a time: "21.01.2014", "06.09.2023, 15:20", "5 сентября 2024, 10:15"
_DATE_LINE = re.compile(
    r"^(?:\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[^\W\d_]{3,12}\s+\d{4}(?:\s*(?:г\.|года|ж\.|жыл))?)"
    r"(?:[,\s|]+\d{1,2}:\d{2}(?::\d{2})?)?$"
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass
class Cleaned:
    """The result of cleaning one language version."""

    text: str
    lang_hint: str | None = None
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    dateline_city: str | None = None
    dateline_agency: str | None = None
    prefix_date: str | None = None
    header_lines: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)

    def note(self, rule: str, ev: Evidence) -> None:
        self.evidence.setdefault(rule, []).append(ev)


def normalise_unicode(text: str) -> str:
    """NFC, no zero-width characters or soft hyphens, unified line ends and spaces."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_qtranslate(text: str) -> list[tuple[str | None, str]]:
    """Split qTranslate markup into (language, text) versions.

    Text outside any marker (site chrome before the article, usually) is kept in front of every
    version. Without markers the whole text is one version with language ``None``.
    """
    marks = list(_QT_MARK.finditer(text))
    if not marks:
        return [(None, text)]
    outside: list[str] = []
    by_lang: dict[str, list[str]] = {}
    current: str | None = None
    pos = 0
    for m in marks:
        chunk = text[pos : m.start()]
        if current is None:
            outside.append(chunk)
        else:
            by_lang.setdefault(current, []).append(chunk)
        code = (m.group(1) or m.group(2) or m.group(3) or "").lower()
        current = _QT_LANG.get(code, code) if code else None
        pos = m.end()
    tail = text[pos:]
    if current is None:
        outside.append(tail)
    else:
        by_lang.setdefault(current, []).append(tail)
    prefix = "\n".join(s.strip("\n") for s in outside[:1] if s.strip())
    suffix = "\n".join(s.strip("\n") for s in outside[1:] if s.strip())
    versions = []
    for lang, chunks in by_lang.items():
        body = "\n".join(c.strip("\n") for c in chunks if c.strip())
        if body.strip():
            versions.append((lang, "\n".join(p for p in (prefix, body, suffix) if p)))
    if not versions:
        return [(None, "\n".join(p for p in (prefix, suffix) if p))]
    return versions


def _is_caps_header(line: str) -> bool:
    letters = _LETTER.findall(line)
    if not letters or len(line) > 40 or len(line.split()) > 4:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper / len(letters) >= 0.8 and not _SENTENCE_END.search(line)


def _is_crumbs(line: str) -> bool:
    if len(line) > 120 or _SENTENCE_END.search(line):
        return False
    if _CRUMB_SEP.search(line):
        return True
    words = line.split()
    if len(words) <= 6 and _GLUED.search(line):
        return True
    return bool(words) and all(w.strip(".,:|").lower() in _MENU_WORDS for w in words)


def _is_footer(line: str) -> bool:
    return len(line) <= 80 and bool(_FOOTER_LINE.match(line.strip()))


def clean_version(text: str) -> Cleaned:
    """Clean one language version (no qTranslate markers left) until it stops changing."""
    result = Cleaned(text="")
    current = text
    for _ in range(6):
        nxt = _clean_once(current, result)
        if nxt == current:
            break
        current = nxt
    result.text = current
    return result


def _clean_once(text: str, out: Cleaned) -> str:
    text = normalise_unicode(text)
    # qTranslate leftovers (a marker split in two by junk) and stray markers
    text = _QT_MARK.sub("", text)

    m = _DATE_PREFIX.match(text)
    if m:
        out.prefix_date = out.prefix_date or m.group(1)
        out.note("date_prefix_line", Evidence("date_prefix_line", m.start(), m.end(), m.group(0), "raw"))
        text = text[m.end() :]

    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]

    # leading chrome: all-caps headers (outlet names) and menu crumbs, before the first real line
    while lines and len(lines) > 1:
        first = lines[0]
        if _is_caps_header(first):
            out.header_lines.append(first)
            out.note("chrome_header", Evidence("chrome_header", -1, -1, first, "raw"))
        elif _DATE_LINE.match(first):
            out.date_lines.append(first)
            out.note("chrome_date_line", Evidence("chrome_date_line", -1, -1, first, "raw"))
        elif _is_crumbs(first):
            out.note("chrome_crumbs", Evidence("chrome_crumbs", -1, -1, first, "raw"))
        else:
            break
        lines.pop(0)

    # trailing chrome: share buttons, tags, view counters
    while lines and len(lines) > 1 and _is_footer(lines[-1]):
        out.note("chrome_footer", Evidence("chrome_footer", -1, -1, lines[-1], "raw"))
        lines.pop()

    # dateline at the start of one of the first lines
    for i in range(min(3, len(lines))):
        dm = _DATELINE.match(lines[i])
        if dm and len(lines[i]) > dm.end():
            out.dateline_city = out.dateline_city or dm.group("city").title()
            out.dateline_agency = out.dateline_agency or dm.group("agency").strip("/")
            out.note("dateline", Evidence("dateline", -1, -1, dm.group(0).strip(), "raw"))
            lines[i] = lines[i][dm.end() :]
            break
    return "\n".join(lines)


def clean(article: Article, settings: Settings) -> list[Article] | None:
    """Split qTranslate versions and clean each; record what was removed as metadata candidates."""
    raw = normalise_unicode(article.raw_text)
    versions = split_qtranslate(raw)
    out: list[Article] = []
    for lang, text in versions:
        c = clean_version(text)
        art = (
            article
            if len(versions) == 1
            else replace(
                article,
                source=f"{article.source}#{lang}",
                meta={},
                candidates={},
                facts={},
                warnings=list(article.warnings),
            )
        )
        art.text = c.text
        if lang:
            art.raw_meta = {**art.raw_meta, "qtranslate_lang": lang}
        for rule, evs in c.evidence.items():
            for ev in evs:
                art.add_candidate("cleaning", rule, ev)
        if c.prefix_date:
            ev = c.evidence["date_prefix_line"][0]
            art.add_candidate("published", c.prefix_date, ev)
        for line in c.date_lines:
            art.add_candidate("published", line, Evidence("chrome_date_line", -1, -1, line, "raw"))
        for h in c.header_lines:
            art.add_candidate("outlet_header", h, Evidence("chrome_header", -1, -1, h, "raw"))
        if c.dateline_city:
            ev = c.evidence["dateline"][0]
            art.add_candidate("dateline_city", c.dateline_city, ev)
            art.add_candidate("outlet_dateline", c.dateline_agency, ev)
        if not art.text.strip():
            art.reject = "no article text left after cleaning (only markup or site chrome): check the input"
        out.append(art)
    return out
