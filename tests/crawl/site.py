"""Generated news sites served on 127.0.0.1 for the crawler's tests and benchmark (no network).

Each :class:`NewsSite` is one origin (its own port) with articles in Kazakh or Russian written from
templates (our own text), robots.txt, feeds and sitemaps, and any fault pages a test asks for. The
server logs every request (path, arrival time, headers) and the peak number in flight, so tests
can measure what the crawler did. Feeds and sitemaps answer conditional GETs (ETag, Last-Modified).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent

# --------------------------------------------------------------------------------------------------
# Article text (our own, in the genre of regional reports on the Address)

_RU_PLACES = [
    ("Павлодаре", "Павлодарской области"),
    ("Костанае", "Костанайской области"),
    ("Актобе", "Актюбинской области"),
    ("Таразе", "Жамбылской области"),
    ("Кокшетау", "Акмолинской области"),
    ("Уральске", "Западно-Казахстанской области"),
    ("Кызылорде", "Кызылординской области"),
    ("Петропавловске", "Северо-Казахстанской области"),
]
_KK_PLACES = [
    ("Павлодарда", "Павлодар облысының"),
    ("Қостанайда", "Қостанай облысының"),
    ("Ақтөбеде", "Ақтөбе облысының"),
    ("Таразда", "Жамбыл облысының"),
    ("Көкшетауда", "Ақмола облысының"),
    ("Оралда", "Батыс Қазақстан облысының"),
    ("Қызылордада", "Қызылорда облысының"),
    ("Петропавлда", "Солтүстік Қазақстан облысының"),
]
_RU_NAMES = [
    "Ерлан Сагинтаев",
    "Марат Жумабеков",
    "Алия Нурпеисова",
    "Тимур Абенов",
    "Дина Касымова",
    "Нурлан Есенов",
    "Гульнара Бекова",
    "Серик Ахметов",
]
_KK_NAMES = [
    "Ерлан Сағынтаев",
    "Марат Жұмабеков",
    "Әлия Нұрпейісова",
    "Тимур Әбенов",
    "Дина Қасымова",
    "Нұрлан Есенов",
    "Гүлнара Бекова",
    "Серік Ахметов",
]
_RU_TOPICS = [
    "строительство школ",
    "ремонт дорог",
    "газификацию сёл",
    "поддержку малого бизнеса",
    "цифровизацию госуслуг",
    "модернизацию больниц",
    "водоснабжение аулов",
    "занятость молодёжи",
]
_KK_TOPICS = [
    "мектеп құрылысы",
    "жол жөндеу",
    "ауылдарды газдандыру",
    "шағын бизнесті қолдау",
    "мемлекеттік қызметтерді цифрландыру",
    "ауруханаларды жаңғырту",
    "ауылдарды сумен қамту",
    "жастарды жұмыспен қамту",
]


def _ru_paragraphs(i: int, day: date) -> tuple[str, list[str]]:
    city, region = _RU_PLACES[i % len(_RU_PLACES)]
    name, topic = _RU_NAMES[i % len(_RU_NAMES)], _RU_TOPICS[(i * 3) % len(_RU_TOPICS)]
    n1, n2, n3 = 12 + i * 7, 140 + i * 13, 3 + i
    title = f"В {city} обсудили задачи из Послания Главы государства ({n3}-е совещание)"
    return title, [
        f"{day.strftime('%d.%m.%Y')} в {city} под председательством акима {region} {name} прошло расширенное "
        f"совещание по реализации Послания Президента народу Казахстана.",
        f"Аким отметил, что в этом году на {topic} направлено {n2} млн тенге, а до конца года в регионе "
        f"планируется завершить ещё {n1} объектов. Он поручил руководителям районов ускорить работу и "
        f"ежемесячно докладывать о ходе исполнения поручений.",
        f"По словам {name.split()[0]}а, жители {region} ждут результатов, а не отчётов. Особое внимание будет "
        f"уделено сельским округам, где проживает более {n3 * 10} тысяч человек.",
        f"На совещании также выступили руководители управлений экономики, строительства и образования. "
        f"Было решено создать рабочую группу из {n3 + 4} человек и провести выездные встречи с населением.",
        f"Итоги работы по выполнению задач, поставленных в Послании, будут подведены на сессии маслихата "
        f"в декабре. Номер протокола совещания — {1000 + i * 17}.",
    ]


def _kk_paragraphs(i: int, day: date) -> tuple[str, list[str]]:
    city, region = _KK_PLACES[i % len(_KK_PLACES)]
    name, topic = _KK_NAMES[i % len(_KK_NAMES)], _KK_TOPICS[(i * 5) % len(_KK_TOPICS)]
    n1, n2, n3 = 9 + i * 5, 210 + i * 11, 2 + i
    title = f"{city} Мемлекет басшысының Жолдауын іске асыру талқыланды ({n3}-жиын)"
    return title, [
        f"{day.strftime('%d.%m.%Y')} {city} {region} әкімі {name} төрағалығымен Президенттің Қазақстан халқына "
        f"Жолдауын іске асыру жөніндегі кеңейтілген кеңес өтті.",
        f"Әкімнің айтуынша, биыл {topic} мақсатына {n2} млн теңге бөлінді, жыл соңына дейін өңірде тағы {n1} "
        f"нысанды пайдалануға беру жоспарланған. Ол аудан әкімдеріне жұмысты жеделдетуді тапсырды.",
        f"Кеңесте экономика, құрылыс және білім басқармаларының басшылары баяндама жасады. Ауылдық округтерде "
        f"{n3 * 10} мыңнан астам тұрғын тұрады, оларға ерекше назар аударылатын болады.",
        f"Жолдауда қойылған міндеттерді орындау барысы желтоқсандағы мәслихат сессиясында қорытындыланады. "
        f"Жұмыс тобының құрамына {n3 + 4} адам енгізілді.",
        f"Кеңес хаттамасының нөмірі — {2000 + i * 19}. Тұрғындармен кездесулер аудандарда жалғасады.",
    ]


def article_page(
    title: str,
    paragraphs: list[str],
    lang: str,
    day: date,
    *,
    site_name: str,
    canonical: str | None = None,
    charset: str = "utf-8",
) -> str:
    """A news page with chrome (menu, footer, links) around the article."""
    body = "\n".join(f"        <p>{html.escape(p)}</p>" for p in paragraphs)
    canon = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    menu = (
        "Жаңалықтар · Өңір · Экономика · Қоғам" if lang == "kk" else "Новости · Регион · Экономика · Общество"
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="{charset}">
  <title>{html.escape(title)} | {html.escape(site_name)}</title>
  <meta property="og:site_name" content="{html.escape(site_name)}">
  <meta property="og:title" content="{html.escape(title)}">
  <meta property="article:published_time" content="{day.isoformat()}T10:30:00+05:00">
  {canon}
</head>
<body>
  <header><a href="/">{html.escape(site_name)}</a> <nav><a href="/news/">{menu}</a></nav></header>
  <main>
    <article>
      <h1>{html.escape(title)}</h1>
      <div class="meta">{day.strftime("%d.%m.%Y")}</div>
      <div class="text">
{body}
      </div>
    </article>
  </main>
  <footer>© {html.escape(site_name)}. <a href="/about">О нас</a> <a href="/contacts">Контакты</a></footer>
</body>
</html>
"""


@dataclass
class Story:
    """One article of a site."""

    path: str
    lang: str
    title: str
    paragraphs: list[str]
    day: date
    charset: str = "utf-8"  # how the page bytes are encoded
    header_charset: str | None = "utf-8"  # what the Content-Type header claims (may be wrong)
    canonical_path: str | None = None


def make_stories(lang: str, prefix: str, count: int, start: int, first_day: date) -> list[Story]:
    """``count`` distinct articles, newest first, one day apart from ``first_day`` backwards."""
    out = []
    for k in range(count):
        i = start + k
        day = first_day - timedelta(days=k)
        title, paragraphs = (_kk_paragraphs if lang == "kk" else _ru_paragraphs)(i, day)
        out.append(Story(f"{prefix}/story-{i}", lang, title, paragraphs, day))
    return out


# --------------------------------------------------------------------------------------------------
# The server

Handler = Callable[["Request"], "Reply"]


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering
    drip: tuple[int, float, float] | None = None  # (bytes per write, seconds between, total seconds)
    stream_bytes: int = 0  # send this many filler bytes without Content-Length


@dataclass
class Request:
    path: str
    query: str
    headers: dict[str, str]
    at: float  # time.monotonic() of arrival


@dataclass
class Hit:
    path: str
    query: str
    at: float  # time.monotonic() when the request arrived (CLOCK_MONOTONIC: the same in every process)
    user_agent: str
    status: int = 0
    end: float = 0.0  # when the answer was sent whole, or the client hung up


def _hung_up(h: BaseHTTPRequestHandler) -> bool:
    """Whether the client closed the connection (so the request no longer counts as in flight)."""
    try:
        readable, _, _ = select.select([h.connection], [], [], 0)
        return bool(readable) and h.connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


class NewsSite:
    """One generated site on its own 127.0.0.1 port. ``with NewsSite(...) as site: site.url("/")``."""

    LAST_MODIFIED = format_datetime(datetime(2025, 9, 12, 8, 0, tzinfo=UTC), usegmt=True)

    def __init__(self, name: str, lang: str, stories: list[Story], robots: str | None = None) -> None:
        self.name = name
        self.lang = lang
        self.stories = {s.path: s for s in stories}
        self.robots = robots
        self.routes: dict[str, Handler] = {}
        self.documents: dict[str, Callable[[], tuple[str, bytes]]] = {}  # conditional-GET documents
        self._hits: list[Hit] = []
        self.recipe: tuple[str, dict[str, Any]] | None = (
            None  # (builder, kwargs): how to serve it in a process
        )
        self._log: Path | None = None  # where the serving process writes its hits
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.expected_titles: set[str] = set()  # the articles a crawl must collect
        self.disallowed: tuple[str, ...] = ()  # path prefixes robots.txt forbids us
        self.delay: float | None = None  # the Crawl-delay robots.txt asks of us
        self.fresh: Story | None = None  # a story published later (see ru_site)

    # --- content ------------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add_story(self, story: Story) -> None:
        self.stories[story.path] = story

    def page_bytes(self, story: Story) -> bytes:
        canonical = self.url(story.canonical_path) if story.canonical_path else self.url(story.path)
        page = article_page(
            story.title,
            story.paragraphs,
            story.lang,
            story.day,
            site_name=self.name,
            canonical=canonical,
            charset=story.header_charset or story.charset,
        )
        return page.encode(story.charset)

    def document(self, path: str, content_type: str, make: Callable[[], bytes]) -> None:
        """Serve ``make()`` at ``path`` with ETag/Last-Modified and 304 on a matching conditional GET."""
        self.documents[path] = lambda: (content_type, make())

    # --- serving ------------------------------------------------------------------------------------
    @property
    def hits(self) -> list[Hit]:
        """Every request so far, in order of arrival."""
        if self._log is not None:
            lines = self._log.read_text(encoding="utf-8").splitlines() if self._log.exists() else []
            return sorted((Hit(**json.loads(line)) for line in lines if line.strip()), key=lambda h: h.at)
        with self._lock:
            return list(self._hits)

    @property
    def max_active(self) -> int:
        """The most requests that were in flight at once."""
        events = sorted([(h.at, 1) for h in self.hits] + [(h.end, -1) for h in self.hits])
        peak = active = 0
        for _, step in events:
            active += step
            peak = max(peak, active)
        return peak

    def answer(self, req: Request) -> Reply:
        if req.path in self.routes:
            return self.routes[req.path](req)
        if req.path == "/robots.txt":
            if self.robots is None:
                return Reply(404, {"Content-Type": "text/plain"}, b"not found")
            return Reply(
                200,
                {"Content-Type": "text/plain; charset=utf-8"},
                self.robots.replace("{origin}", self.url("")).encode(),
            )
        if req.path in self.documents:
            content_type, body = self.documents[req.path]()
            tag = _etag(body)
            headers = {"Content-Type": content_type, "ETag": tag, "Last-Modified": self.LAST_MODIFIED}
            # RFC 9110: If-None-Match wins; If-Modified-Since counts only without it
            match = req.headers.get("if-none-match")
            if (
                (match == tag)
                if match is not None
                else req.headers.get("if-modified-since") == self.LAST_MODIFIED
            ):
                return Reply(304, headers)
            return Reply(200, headers, body)
        story = self.stories.get(req.path.rstrip("/")) or self.stories.get(req.path)
        if story is not None:
            ctype = "text/html" + (f"; charset={story.header_charset}" if story.header_charset else "")
            return Reply(200, {"Content-Type": ctype}, self.page_bytes(story))
        return Reply(
            404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>Not found</body></html>"
        )

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        arrived = time.monotonic()
        req = Request(parts.path, parts.query, {k.lower(): v for k, v in h.headers.items()}, arrived)
        hit = Hit(parts.path, parts.query, arrived, h.headers.get("User-Agent", ""))
        try:
            reply = self.answer(req)
            hit.status = reply.status
            if reply.delay:
                time.sleep(reply.delay)
            h.send_response(reply.status)
            for k, v in reply.headers.items():
                h.send_header(k, v)
            if reply.drip is None and not reply.stream_bytes:
                h.send_header("Content-Length", str(len(reply.body)))
            h.end_headers()
            if reply.drip is not None:
                size, every, total = reply.drip
                end = time.monotonic() + total
                while time.monotonic() < end and not _hung_up(h):
                    h.wfile.write(b"<p>" + b"x" * size + b"</p>")
                    h.wfile.flush()
                    time.sleep(every)
            elif reply.stream_bytes:
                chunk = b"<p>" + "Жолдау ".encode() * 2000 + b"</p>\n"
                sent = 0
                while sent < reply.stream_bytes:
                    h.wfile.write(chunk)
                    sent += len(chunk)
            else:
                h.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up (a size limit or a timeout): that is what the test wants
        finally:
            hit.end = time.monotonic()
            with self._lock:
                self._hits.append(hit)
                if self._log_out is not None:
                    self._log_out.write(json.dumps(hit.__dict__) + "\n")
                    self._log_out.flush()

    _log_out: Any = None  # in the serving process: the open log file

    def start(self) -> NewsSite:
        """Serve from a thread of this process (the crawler's own threads then share its GIL)."""
        site = self

        class _H(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def spawn(self, log: Path) -> NewsSite:
        """Serve from a child process built from :attr:`recipe`, so timings measured at the server are
        not disturbed by the crawler's threads; the hits are read back from ``log``."""
        assert self.recipe is not None, "spawn() needs a site made by one of the builders below"
        builder, kwargs = self.recipe
        self._log = log
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crawl.site", builder, json.dumps(kwargs), str(log)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.strip().isdigit():
            self._proc.kill()
            raise RuntimeError(f"the test site {builder} did not start: {line!r}")
        self.port = int(line)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
            if self._proc.stdout is not None:
                self._proc.stdout.close()

    def __enter__(self) -> NewsSite:
        if self.recipe is not None:
            return self.spawn(Path(tempfile.mkdtemp(prefix="zholdau-site-")) / "hits.jsonl")
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------------
# Feeds and sitemaps


def urlset(entries: list[tuple[str, date | None]], news: bool = False, lang: str = "ru") -> bytes:
    """A sitemap (``news=True``: a Google News sitemap with publication dates)."""
    rows = []
    for loc, day in entries:
        if news and day is not None:
            rows.append(
                f"<url><loc>{html.escape(loc)}</loc><news:news><news:publication><news:name>Site"
                f"</news:name><news:language>{lang}</news:language></news:publication>"
                f"<news:publication_date>{day.isoformat()}T09:00:00+05:00</news:publication_date>"
                f"<news:title>t</news:title></news:news></url>"
            )
        else:
            mod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
            rows.append(f"<url><loc>{html.escape(loc)}</loc>{mod}</url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        f"{ns}>\n" + "\n".join(rows) + "\n</urlset>\n"
    ).encode()


def sitemap_index(entries: list[tuple[str, date | None]]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{html.escape(loc)}</loc>"
        + (f"<lastmod>{d.isoformat()}</lastmod>" if d else "")
        + "</sitemap>\n"
        for loc, d in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">\n{rows}</sitemapindex>\n'
    ).encode()


def rss(title: str, items: list[tuple[str, str, date]]) -> bytes:
    rows = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{format_datetime(datetime(d.year, d.month, d.day, 5, 0, tzinfo=UTC), usegmt=True)}</pubDate></item>\n"
        for link, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{html.escape(title)}'
        f"</title><link>http://example/</link>\n{rows}</channel></rss>\n"
    ).encode()


def atom(title: str, items: list[tuple[str, str, date]]) -> bytes:
    rows = "".join(
        f'<entry><title>{html.escape(t)}</title><link rel="alternate" href="{html.escape(link)}"/>'
        f"<id>{html.escape(link)}</id><updated>{d.isoformat()}T06:00:00Z</updated></entry>\n"
        for link, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>'
        f"{html.escape(title)}</title><updated>2025-09-12T06:00:00Z</updated><id>urn:x</id>\n{rows}</feed>\n"
    ).encode()


def home_page(site: NewsSite, feed_path: str | None) -> bytes:
    link = f'<link rel="alternate" type="application/rss+xml" href="{feed_path}">' if feed_path else ""
    items = "".join(f'<li><a href="{p}">{html.escape(s.title)}</a></li>' for p, s in site.stories.items())
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(site.name)}</title>{link}</head>"
        f"<body><ul>{items}</ul></body></html>"
    ).encode()


# --------------------------------------------------------------------------------------------------
# The three test sites

NEWEST = date(2025, 9, 12)


def ru_site(count: int = 8, later_flag: str | None = None) -> NewsSite:
    """A Russian regional paper: robots.txt with a Disallow and a Sitemap line pointing to an index of a
    news sitemap and a gzip archive sitemap; an RSS feed announced on the home page; one page in
    cp1251 whose header says UTF-8; a print copy with a canonical link; a moved article; an article
    under /private/ (disallowed); tag pages that are not articles. With ``later_flag``, a newer article
    joins the news sitemap once that file exists (a story published while the crawler watches)."""
    stories = make_stories("ru", "/news", count, 0, NEWEST)
    moved = stories[2]
    cp = Story(
        "/news/story-cp1251",
        "ru",
        *(_ru_paragraphs(40, NEWEST - timedelta(days=3))),
        NEWEST - timedelta(days=3),
        charset="cp1251",
        header_charset="utf-8",
    )
    printed = Story(
        f"/print{stories[1].path[len('/news') :]}",
        "ru",
        stories[1].title,
        [*stories[1].paragraphs, "Версия для печати."],
        stories[1].day,
        canonical_path=stories[1].path,
    )
    private = Story("/private/story-99", "ru", *(_ru_paragraphs(99, NEWEST)), NEWEST)
    site = NewsSite(
        "Вестник Прииртышья",
        "ru",
        [*stories, cp, printed, private],
        robots="User-agent: *\nDisallow: /private/\n\nSitemap: {origin}/sitemap_index.xml\n",
    )
    site.routes["/news/moved-story"] = lambda r: Reply(301, {"Location": moved.path})
    site.routes["/"] = lambda r: Reply(
        200, {"Content-Type": "text/html; charset=utf-8"}, home_page(site, "/rss.xml")
    )
    recent, older = stories[:4], stories[4:]
    site.document(
        "/sitemap_index.xml",
        "application/xml",
        lambda: sitemap_index(
            [
                (site.url("/sitemap-news.xml"), NEWEST),
                (site.url("/sitemap-archive.xml.gz"), NEWEST - timedelta(days=4)),
            ]
        ),
    )
    fresh = Story(
        "/news/story-77", "ru", *_ru_paragraphs(77, NEWEST + timedelta(days=1)), NEWEST + timedelta(days=1)
    )
    if later_flag:
        site.add_story(fresh)

    def news() -> bytes:
        listed = [(site.url(s.path), s.day) for s in recent] + [(site.url(private.path), NEWEST)]
        if later_flag and Path(later_flag).exists():
            listed.insert(0, (site.url(fresh.path), fresh.day))
        return urlset(listed, news=True)

    site.document("/sitemap-news.xml", "application/xml", news)
    site.document(
        "/sitemap-archive.xml.gz",
        "application/x-gzip",
        lambda: gzip.compress(
            urlset(
                [(site.url(s.path), s.day) for s in older]
                + [
                    (site.url(cp.path), cp.day),
                    (site.url("/news/moved-story"), moved.day),
                    (site.url("/tag/poslanie"), None),
                    (site.url("/tag/akimat"), None),
                ]
            ),
            mtime=0,
        ),
    )
    first = stories[0]
    site.document(
        "/rss.xml",
        "application/rss+xml",
        lambda: rss(
            site.name,
            [
                (site.url(first.path) + "?utm_source=rss&utm_medium=feed#comments", first.title, first.day),
                (site.url(first.path) + "/", first.title, first.day),
                (
                    site.url("/news/../news" + first.path[len("/news") :]).replace("http://", "HTTP://"),
                    first.title,
                    first.day,
                ),
                (site.url(printed.path), printed.title, printed.day),
                (site.url(stories[-1].path), stories[-1].title, stories[-1].day),
            ],
        ),
    )
    site.expected_titles = {s.title for s in stories} | {cp.title}
    site.disallowed = ("/private/",)
    site.recipe = ("ru_site", {"count": count, "later_flag": later_flag})
    site.fresh = fresh
    return site


def kk_site(count: int = 6) -> NewsSite:
    """A Kazakh regional paper: robots.txt with a group for our agent (Disallow /kk/archive/, Crawl-delay
    0.3) and one for everybody else; an Atom feed and a plain sitemap given in the source entry."""
    stories = make_stories("kk", "/kk/news", count, 0, NEWEST)
    archived = make_stories("kk", "/kk/archive", 2, 20, NEWEST - timedelta(days=30))
    site = NewsSite(
        "Ертіс өңірі",
        "kk",
        [*stories, *archived],
        robots=(
            "User-agent: *\nDisallow: /admin/\n\nUser-agent: ZholdauMonitor\nDisallow: /kk/archive/\nCrawl-delay: 0.3\n"
        ),
    )
    site.document(
        "/atom.xml",
        "application/atom+xml",
        lambda: atom(site.name, [(site.url(s.path), s.title, s.day) for s in stories[:3]]),
    )
    site.document(
        "/sitemap.xml",
        "application/xml",
        lambda: urlset([(site.url(s.path), s.day) for s in [*stories, *archived]]),
    )
    site.expected_titles = {s.title for s in stories}
    site.disallowed = ("/kk/archive/",)
    site.delay = 0.3
    site.recipe = ("kk_site", {"count": count})
    return site


# fault page path → a fragment of the rejection message it must produce
FAULTS = {
    "/news/broken": "HTTP 500 after",
    "/news/loop-a": "redirect loop",
    "/news/huge": "limit",
    "/news/huge-stream": "limit",
    "/news/drip": "timeout",
    "/news/gone": "HTTP 404",
    "/files/report.pdf": "not an HTML page",
    "/news/empty": "no main text",
}


def fault_site() -> NewsSite:
    """A Russian site whose sitemap (given in the source entry) lists good pages that answer slowly, with
    429 + Retry-After or 503 first, and the fault pages of :data:`FAULTS`. No robots.txt (404)."""
    good = make_stories("ru", "/news", 4, 50, NEWEST)
    slow, busy, flaky, plain = good
    site = NewsSite("Faulty Daily", "ru", [plain], robots=None)
    seen: dict[str, int] = {}

    def once(path: str, first: Reply) -> Handler:
        story = next(s for s in good if s.path == path)

        def handler(req: Request) -> Reply:
            seen[path] = seen.get(path, 0) + 1
            if seen[path] == 1:
                return first
            return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, site.page_bytes(story))

        return handler

    site.routes[slow.path] = lambda r: Reply(
        200, {"Content-Type": "text/html; charset=utf-8"}, site.page_bytes(slow), delay=0.3
    )
    site.routes[busy.path] = once(
        busy.path, Reply(429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down")
    )
    site.routes[flaky.path] = once(flaky.path, Reply(503, {"Content-Type": "text/plain"}, b"maintenance"))
    site.routes["/news/broken"] = lambda r: Reply(
        500, {"Content-Type": "text/html"}, b"<h1>Internal error</h1>"
    )
    site.routes["/news/loop-a"] = lambda r: Reply(301, {"Location": "/news/loop-b"})
    site.routes["/news/loop-b"] = lambda r: Reply(302, {"Location": site.url("/news/loop-a")})
    site.routes["/news/huge"] = lambda r: Reply(
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        b"<html><body>" + b"<p>big</p>" * 200_000 + b"</body></html>",
    )
    site.routes["/news/huge-stream"] = lambda r: Reply(
        200, {"Content-Type": "text/html; charset=utf-8"}, stream_bytes=2_000_000
    )
    site.routes["/news/drip"] = lambda r: Reply(
        200, {"Content-Type": "text/html; charset=utf-8"}, drip=(20, 0.05, 3.0)
    )
    site.routes["/files/report.pdf"] = lambda r: Reply(
        200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."
    )
    site.routes["/news/empty"] = lambda r: Reply(
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        (
            b'<!DOCTYPE html><html><head><title>App</title></head><body><div id="root"></div>'
            b'<script src="/app.js"></script></body></html>'
        ),
    )
    site.document(
        "/sitemap.xml",
        "application/xml",
        lambda: urlset([(site.url(s.path), s.day) for s in good] + [(site.url(p), NEWEST) for p in FAULTS]),
    )
    site.expected_titles = {s.title for s in good}
    site.recipe = ("fault_site", {})
    return site


def sources_yaml(ru: NewsSite | None, kk: NewsSite | None, faults: NewsSite | None) -> str:
    """A user sources file (ZHOLDAU_SOURCES_FILE) for the sites that are given."""
    out = ["sites:"]
    if ru is not None:
        out += [
            "  - id: test-ru",
            f"    name: {ru.name}",
            f"    site: {ru.url('/')}",
            "    home_region: KZ-55",
            "    languages: [ru]",
            "    article_patterns: ['/news/', '/print/', '/private/']",
            "    verified: true",
        ]
    if kk is not None:
        out += [
            "  - id: test-kk",
            f"    name: {kk.name}",
            f"    site: {kk.url('/')}",
            "    home_region: KZ-55",
            "    languages: [kk]",
            f"    feeds: [{kk.url('/atom.xml')}]",
            f"    sitemaps: [{kk.url('/sitemap.xml')}]",
            "    verified: true",
        ]
    if faults is not None:
        out += [
            "  - id: test-faults",
            f"    name: {faults.name}",
            f"    site: {faults.url('/')}",
            "    languages: [ru]",
            f"    sitemaps: [{faults.url('/sitemap.xml')}]",
            "    verified: true",
        ]
    return "\n".join(out) + "\n"


BUILDERS: dict[str, Callable[..., NewsSite]] = {
    "ru_site": ru_site,
    "kk_site": kk_site,
    "fault_site": fault_site,
}


def serve_forever(builder: str, kwargs: dict[str, Any], log: str) -> None:
    """The child process of :meth:`NewsSite.spawn`: build the site, print its port, serve."""
    site = BUILDERS[builder](**kwargs)
    site._log_out = open(log, "a", encoding="utf-8")  # noqa: SIM115 - open for the life of the process
    site.start()
    print(site.port, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    serve_forever(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3])
