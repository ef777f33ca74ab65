"""Test data and a live server for the API and browser tests.

The data is the demo corpus ingested into a temporary store, plus a few articles written here
with every field the later stages fill in (officials, assignments with a status, an event in two
languages, a syndicated copy), so the pages can be tested before every extractor lands. The server
is the real app under uvicorn on 127.0.0.1 (a free port), stopped when the test module ends.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from zholdau.config import Settings
from zholdau.model import Article, Evidence, Fact
from zholdau.store import StoredArticle, open_store

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "corpus"

RU_TEXT = (
    "В Костанае под председательством акима области Кайрата Ахметова прошло расширенное заседание "
    "акимата по реализации Послания Главы государства.\n"
    "Аким области поручил управлению энергетики до 1 ноября завершить ремонт теплосетей в Рудном.\n"
    "Заместителю акима области Салтанат Жумабековой поручено до конца года открыть два центра "
    "обслуживания населения.\n"
    "На ремонт котельных направят 2,4 млрд тенге."
)
KK_TEXT = (
    "Қостанай облысының әкімі Қайрат Ахметовтың төрағалығымен Мемлекет басшысының Жолдауын іске асыру "
    "жөнінде кеңейтілген әкімдік отырысы өтті.\n"
    "Облыс әкімі энергетика басқармасына 1 қарашаға дейін Рудныйдағы жылу желілерін жөндеуді аяқтауды "
    "тапсырды.\n"
    "Қазандықтарды жөндеуге 2,4 млрд теңге бөлінеді."
)
COPY_TEXT = "КОСТАНАЙ. " + RU_TEXT + "\nИсточник: пресс-служба акимата."
OFFICIAL = "Кайрат Ахметов"
EVENT = "E-test-kostanay-2024-09-10"


def _ev(text: str, rule: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(rule, start, start + len(phrase), phrase)


def _article(
    source: str,
    text: str,
    lang: str,
    title: str,
    published: str,
    officials: list[tuple[str, str, str]],
    assignments: list[tuple[dict[str, Any], str]],
    duplicate_of: str | None = None,
) -> Article:
    art = Article(source=source, raw_text=text, text=text, lang=lang, script="cyrl")
    art.meta["title"] = Fact(title, [Evidence("container_title", -1, -1, title, "meta")])
    art.meta["published"] = Fact(published, [Evidence("container_published", -1, -1, published, "meta")])
    art.meta["outlet"] = Fact(
        "Тест Қостанай", [Evidence("container_outlet", -1, -1, "Тест Қостанай", "meta")]
    )
    place = "Костана" if lang == "ru" else "Қостанай облысының"
    art.facts["primary_region"] = [Fact("KZ-39", [_ev(text, "region_name", place)])]
    art.facts["regions"] = [Fact("KZ-39", [_ev(text, "region_name", place)])]
    art.facts["addresses"] = [
        Fact("2024-09-02", [_ev(text, "address_bare_by_date", "Послания" if lang == "ru" else "Жолдауын")])
    ]
    art.facts["topics"] = [
        Fact("energy", [_ev(text, "topic_lexicon", "теплосет" if lang == "ru" else "жылу")])
    ]
    rule = "ru_post_before_name" if lang == "ru" else "kk_post_before_name"
    art.facts["officials"] = [
        Fact({"name": n, "post": p, "level": "region"}, [_ev(text, rule, phrase)])
        for n, p, phrase in officials
    ]
    art.facts["chair"] = [
        Fact(
            OFFICIAL if lang == "ru" else "Қайрат Ахметов",
            [
                _ev(
                    text,
                    "chair_predsedatelstvo" if lang == "ru" else "chair_toragalygymen",
                    "под председательством" if lang == "ru" else "төрағалығымен",
                )
            ],
        )
    ]
    art.facts["assignments"] = [Fact(a, [_ev(text, "assignment_cue", phrase)]) for a, phrase in assignments]
    art.facts["figures"] = [
        Fact(
            {
                "text": "2,4 млрд тенге" if lang == "ru" else "2,4 млрд теңге",
                "value": 2.4e9,
                "unit": "KZT",
                "measure": None,
            },
            [_ev(text, "money", "2,4 млрд тенге" if lang == "ru" else "2,4 млрд теңге")],
        )
    ]
    art.facts["event_id"] = [Fact(EVENT)]
    if duplicate_of:
        art.facts["duplicate_of"] = [Fact(duplicate_of)]
    return art


def extra_articles() -> list[StoredArticle]:
    """Three articles written for these tests: one meeting reported in Russian, in Kazakh and in a copy."""
    ru = _article(
        "test/kostanay_ru.txt",
        RU_TEXT,
        "ru",
        "В Костанае обсудили Послание",
        "2024-09-10",
        [
            (OFFICIAL, "аким области", "акима области Кайрата Ахметова"),
            (
                "Салтанат Жумабекова",
                "заместитель акима области",
                "Заместителю акима области Салтанат Жумабековой",
            ),
        ],
        [
            (
                {
                    "issuer": OFFICIAL,
                    "addressee": "управление энергетики",
                    "action": "завершить ремонт теплосетей в Рудном",
                    "deadline": "2024-11-01",
                    "sentence": RU_TEXT.splitlines()[1],
                    "status": "overdue",
                },
                "поручил управлению энергетики",
            ),
            (
                {
                    "issuer": OFFICIAL,
                    "addressee": "Салтанат Жумабекова",
                    "action": "открыть два центра обслуживания населения",
                    "deadline": "2024-12-31",
                    "sentence": RU_TEXT.splitlines()[2],
                    "status": "done",
                },
                "поручено до конца года",
            ),
        ],
    )
    kk = _article(
        "test/kostanay_kk.txt",
        KK_TEXT,
        "kk",
        "Қостанайда Жолдау талқыланды",
        "2024-09-10",
        [("Қайрат Ахметов", "облыс әкімі", "облысының әкімі Қайрат Ахметовтың")],
        [
            (
                {
                    "issuer": "Қайрат Ахметов",
                    "addressee": "энергетика басқармасы",
                    "action": "жылу желілерін жөндеуді аяқтау",
                    "deadline": "2024-11-01",
                    "sentence": KK_TEXT.splitlines()[1],
                    "status": "in_progress",
                },
                "тапсырды",
            )
        ],
    )
    copy = _article(
        "test/kostanay_copy.txt",
        COPY_TEXT,
        "ru",
        "Костанай: обсуждение Послания",
        "2024-09-11",
        [(OFFICIAL, "аким области", "акима области Кайрата Ахметова")],
        [],
        duplicate_of=ru.id,
    )
    return [StoredArticle(a.to_record(), a.raw_text, a.raw_text.encode("utf-8")) for a in (ru, kk, copy)]


@functools.cache
def demo_db() -> str:
    """A store with the demo corpus and the extra articles (built once per test process; read-only use)."""
    from zholdau.ingest import ingest_paths

    folder = tempfile.mkdtemp(prefix="zholdau-api-tests-")
    atexit.register(shutil.rmtree, folder, True)
    path = str(Path(folder) / "demo.db")
    store = open_store(path)
    ingest_paths([str(DEMO)], store, Settings.load(db=path))
    store.add_articles(extra_articles())
    store.close()
    return path


def copy_of_demo(dst: Path) -> str:
    """A private copy of the demo store, for tests that write."""
    src = sqlite3.connect(demo_db())
    out = sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    return str(dst)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``with LiveServer(db, token) as base_url:`` the real app under uvicorn in a thread, 127.0.0.1 only."""

    def __init__(self, db: str, token: str | None = None) -> None:
        import uvicorn

        from zholdau.api import create_app

        self.app = create_app(Settings.load(db=db), token=token)
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start within 30 s")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
