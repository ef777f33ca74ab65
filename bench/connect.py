"""Connect throughput: duplicates + event assignment + follow-ups over a store of N synthetic articles.

`run(sizes)` builds, for each size, a SQLite store of synthetic records made from the demo corpus
(sentences of the demo articles recombined per language, numbers and names changed, so two articles
share little text unless they are copies), grouped like real news: a meeting reported by one to three
articles in Kazakh and Russian, 10% syndicated copies with another headline and a small edit, some
later reports. It then times `connect_store` on the whole store (facts only: the embedding is timed
apart, per article, because the matcher asks for it only when the facts leave a decision open) and
reports articles/s and the cost per article at each size: near-constant cost per article means the
step grows linearly.

    .venv/bin/python bench/connect.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zholdau.config import Settings  # noqa: E402

REGIONS = [
    "KZ-10",
    "KZ-11",
    "KZ-15",
    "KZ-19",
    "KZ-23",
    "KZ-27",
    "KZ-31",
    "KZ-33",
    "KZ-35",
    "KZ-39",
    "KZ-43",
    "KZ-47",
    "KZ-55",
    "KZ-59",
    "KZ-61",
    "KZ-62",
    "KZ-63",
    "KZ-71",
    "KZ-75",
    "KZ-79",
]
GIVEN = [
    "Нурлан",
    "Айгуль",
    "Марат",
    "Ерлан",
    "Данияр",
    "Асель",
    "Кайрат",
    "Гульнара",
    "Серик",
    "Бауыржан",
    "Арман",
    "Жанар",
    "Ольга",
    "Виктор",
    "Талгат",
    "Динара",
    "Руслан",
    "Мадина",
    "Ербол",
    "Алия",
]
SURNAME_STEMS = [
    "Бек",
    "Сар",
    "Жум",
    "Ток",
    "Мух",
    "Кен",
    "Ахмет",
    "Смаг",
    "Нур",
    "Касым",
    "Жак",
    "Омар",
    "Сеит",
    "Абиш",
    "Темир",
    "Исаб",
    "Ерж",
    "Мусин",
    "Кайыр",
    "Есен",
]


def demo_records() -> list[dict[str, Any]]:
    """The records of the demo corpus (ingested once into a temporary store, connect off)."""
    from zholdau.ingest import ingest_paths
    from zholdau.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/demo.db"
        store = open_store(db)
        ingest_paths([str(ROOT / "demo" / "corpus")], store, Settings.load(db=db, connect="off"))
        recs = list(store.iter_records())
        store.close()
    return recs


class Generator:
    """Synthetic records: meetings with kk/ru reports, copies and follow-ups, from demo sentences."""

    def __init__(self, recs: list[dict[str, Any]], seed: int = 7) -> None:
        from zholdau.connect.features import sentence_spans

        self.rnd = random.Random(seed)
        self.pool: dict[str, list[str]] = {"kk": [], "ru": []}
        for r in recs:
            if r.get("lang") in self.pool:
                text = r.get("text") or ""
                self.pool[r["lang"]].extend(text[s:e] for s, e in sentence_spans(text) if 40 < e - s < 400)
        self.n = 0

    def _name(self) -> str:
        r = self.rnd
        return f"{r.choice(GIVEN)} {r.choice(SURNAME_STEMS)}{r.choice(['ов', 'ев', 'ин', 'енов', 'баев'])}{r.randrange(100)}"

    def _text(self, lang: str, people: list[str], numbers: list[int]) -> str:
        r = self.rnd
        sents = r.sample(self.pool[lang], k=min(len(self.pool[lang]), r.randint(6, 10)))
        extra = [
            f"{p} выступил на заседании." if lang == "ru" else f"{p} отырыста сөз сөйледі." for p in people
        ]
        extra += [f"Выделено {n} млн тенге." if lang == "ru" else f"{n} млн теңге бөлінді." for n in numbers]
        parts = sents + extra
        r.shuffle(parts)
        return " ".join(parts) + f" №{self.n}."

    def meeting(self) -> list[dict[str, Any]]:
        """One meeting: 1-3 reports (kk/ru), sometimes a copy, sometimes a later report."""
        r = self.rnd
        region = r.choice(REGIONS)
        day = date(2014, 1, 1) + timedelta(days=r.randrange(12 * 365))
        people = [self._name() for _ in range(r.randint(2, 4))]
        numbers = [r.randrange(100, 99999) for _ in range(r.randint(1, 3))]
        address = f"{day.year}-09-01"
        out = []
        for k in range(r.choice([1, 1, 2, 2, 3])):
            lang = r.choice(["kk", "ru"])
            out.append(
                self._record(lang, region, day + timedelta(days=k), people, numbers, address, assign=True)
            )
        if r.random() < 0.1:
            src = out[0]
            copy = dict(src)
            copy["text"] = (
                "Перепечатка: " + src["text"].replace(" и ", " а также ", 1) + " Источник: пресс-служба."
            )
            copy["published"] = (day + timedelta(days=1)).isoformat()
            copy["id"] = f"syn-{self.n:08d}"
            copy["source"] = f"synthetic/{self.n}.txt"
            self.n += 1
            out.append(copy)
        if r.random() < 0.1:
            later = self._record(
                "ru",
                region,
                day + timedelta(days=r.randint(60, 300)),
                people[:1],
                numbers[:1],
                address,
                assign=False,
            )
            later["text"] = (
                f"По поручению акима области построено {numbers[0]} объектов, работы завершены. "
                + later["text"]
            )
            out.append(later)
        return out

    def _record(
        self,
        lang: str,
        region: str,
        day: date,
        people: list[str],
        numbers: list[int],
        address: str,
        assign: bool,
    ) -> dict[str, Any]:
        text = self._text(lang, people, numbers)
        rec = {
            "id": f"syn-{self.n:08d}",
            "source": f"synthetic/{self.n}.txt",
            "lang": lang,
            "script": "cyrl",
            "title": text[:60],
            "published": day.isoformat(),
            "text": text,
            "primary_region": region,
            "regions": [region],
            "addresses": [address],
            "chair": people[0],
            "officials": [
                {
                    "name": p,
                    "post": "аким области" if i == 0 else "заместитель акима области",
                    "level": "region",
                }
                for i, p in enumerate(people)
            ],
            "figures": [{"text": f"{n} млн тенге", "value": n * 1e6, "unit": "KZT"} for n in numbers],
            "assignments": [
                {
                    "issuer": people[0],
                    "addressee": "управление строительства",
                    "action": f"построить {numbers[0]} объектов",
                    "deadline": f"{day.year}-12-31",
                    "sentence": f"Поручено построить {numbers[0]} объектов.",
                }
            ]
            if assign
            else [],
            "places": [],
            "topics": [],
        }
        self.n += 1
        return rec

    def records(self, n: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while len(out) < n:
            out.extend(self.meeting())
        return out[:n]


def fill(db: str, recs: list[dict[str, Any]]) -> float:
    from zholdau.store import StoredArticle, open_store

    store = open_store(db)
    t0 = time.perf_counter()
    for i in range(0, len(recs), 2000):
        store.add_articles([StoredArticle(r, r["text"]) for r in recs[i : i + 2000]])
    dt = time.perf_counter() - t0
    store.close()
    return dt


def bench_size(n: int, base: list[dict[str, Any]]) -> dict[str, Any]:
    from zholdau.connect.runner import connect_store
    from zholdau.store import open_store

    recs = Generator(base).records(n)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/connect.db"
        fill_s = fill(db, recs)
        store = open_store(db)
        t0 = time.perf_counter()
        report = connect_store(store, date(2026, 1, 1), embeddings="off")
        dt = time.perf_counter() - t0
        lsh_rows = store.db.execute("SELECT count(*) FROM connect_lsh").fetchone()[0]  # type: ignore[attr-defined]
        store.close()
    return {
        "articles": n,
        "seconds": round(dt, 2),
        "articles_per_s": round(n / dt, 1),
        "ms_per_article": round(dt / n * 1000, 3),
        "fill_seconds": round(fill_s, 2),
        "copies": report.copies,
        "events_opened": report.events_opened,
        "events_joined": report.events_joined,
        "links": report.links,
        "lsh_rows": lsh_rows,
    }


def embedding_cost(base: list[dict[str, Any]], sample: int = 20) -> dict[str, Any] | None:
    from zholdau.connect.embedding import embedding_text, load_embedder

    emb = load_embedder("auto")
    if emb is None:
        return None
    recs = [r for r in base if r.get("lang") in ("kk", "ru")][:sample]
    t0 = time.perf_counter()
    emb.embed([embedding_text(r) for r in recs], [r["lang"] for r in recs])
    dt = time.perf_counter() - t0
    return {"model": emb.name, "articles": len(recs), "ms_per_article": round(dt / len(recs) * 1000, 1)}


def run(sizes: tuple[int, ...] = (10_000, 100_000), embedding_sample: int = 20) -> dict[str, Any]:
    """Throughput at each size, the growth of the cost per article, and the embedding's own cost."""
    base = demo_records()
    rows = [bench_size(n, base) for n in sizes]
    out: dict[str, Any] = {"benchmark": "connect", "sizes": rows}
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        # 1.0 = linear; 10x more articles at 10x the time
        out["growth"] = {
            "articles_ratio": b["articles"] / a["articles"],
            "time_ratio": round(b["seconds"] / a["seconds"], 2),
            "cost_per_article_ratio": round(b["ms_per_article"] / a["ms_per_article"], 2),
        }
    out["embedding"] = embedding_cost(base, embedding_sample) if embedding_sample else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    ap.add_argument("--embedding-sample", type=int, default=20)
    args = ap.parse_args()
    result = run(tuple(int(x) for x in args.sizes.split(",")), args.embedding_sample)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = ROOT / "bench" / "results" / f"connect-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
