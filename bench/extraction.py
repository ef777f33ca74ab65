"""Extraction throughput of our pipeline next to natasha's NER on the same texts, in the same run, and
the false-positive rate of Address linking on real news that is not about an Address.

    python bench/extraction.py [--corpus ../shared/corpora/gov-news-ru.jsonl] [--n 1002] [--no-natasha]

Texts: ``../shared/corpora/gov-news-ru.jsonl`` (1,002 real Russian news items about Kazakhstan's
ministries; GitHub kuromi1kow/gov-news-ministry-predictor, no licence stated: local testing only, never
shipped) when it is there, else the demo corpus repeated to ``--n`` articles.

* ours: every pipeline stage (clean → language → metadata → Addresses → regions → … ) on each text,
  timed per stage; articles/s and chars/s of the whole pipeline and of each stage;
* natasha: ``Segmenter`` + ``NewsNERTagger`` (slovnet, navec news embeddings) on the same texts, after
  the models are loaded (load time reported apart). The two take turns, 50 texts each, so a machine
  busy with something else slows both alike; numpy's BLAS is held to one thread, as ours runs in one. natasha needs pymorphy2, whose
  ``inspect.getargspec`` is gone in Python 3.11: a shim is installed here, before the import, and
  nowhere else in the project;
* Address linking: how many items get an Address, which one, and the evidence (rule and text). On this
  corpus almost every such link is a false positive.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

# natasha's tagger multiplies matrices with numpy; one BLAS thread, like our pipeline's one thread
# (several threads fight over 2 CPUs and make its numbers swing tenfold on a busy machine)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zholdau.config import Settings  # noqa: E402
from zholdau.model import Article, RawDocument  # noqa: E402

RESULTS = ROOT / "bench" / "results"
GOV_NEWS = ROOT.parent / "shared" / "corpora" / "gov-news-ru.jsonl"


# --------------------------------------------------------------------------- texts


def gov_news(path: Path, n: int | None = None) -> list[RawDocument]:
    """The items of the gov-news JSONL file as raw documents (title and text, as a reader would give them)."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = str(row.get("text") or "")
            title = str(row.get("title") or "")
            docs.append(
                RawDocument(
                    source=f"{path.name}#L{lineno}",
                    text=f"{title}\n{text}" if title else text,
                    kind="jsonl",
                    url=row.get("url"),
                    title=title or None,
                    meta={"label_ministry": row.get("label_ministry")},
                )
            )
            if n and len(docs) >= n:
                break
    return docs


def demo_texts(n: int) -> list[RawDocument]:
    from bench.run import demo_documents, replicate

    return replicate(demo_documents(), n)


# --------------------------------------------------------------------------- ours and natasha

BLOCK = 50  # texts per turn: ours and natasha take turns, so a busy machine slows both alike


class Ours:
    """Our pipeline with every stage timed."""

    def __init__(self) -> None:
        from zholdau.pipeline import Pipeline, Stage

        self.pipe = Pipeline(Settings.load())
        self.spent: dict[str, float] = {s.name: 0.0 for s in self.pipe.stages}

        def timed(stage: Stage) -> Stage:
            def run(article: Any, s: Settings) -> Any:
                t = time.perf_counter()
                try:
                    return stage.run(article, s)
                finally:
                    self.spent[stage.name] += time.perf_counter() - t

            return Stage(stage.name, stage.reads, stage.sets, run, stage.doc, stage.on_error)

        self.pipe.stages = [timed(s) for s in self.pipe.stages]
        self.articles: list[Article] = []

    def __call__(self, docs: list[RawDocument]) -> None:
        for d in docs:
            self.articles.extend(a for a in self.pipe.process(d) if isinstance(a, Article))


def _shim_getargspec() -> None:
    """pymorphy2 (natasha's dependency) calls ``inspect.getargspec``, removed in Python 3.11."""
    if hasattr(inspect, "getargspec"):
        return

    class ArgSpec(NamedTuple):
        args: list[str]
        varargs: str | None
        keywords: str | None
        defaults: tuple[Any, ...] | None

    def getargspec(func: Callable[..., Any]) -> ArgSpec:
        spec = inspect.getfullargspec(func)
        return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

    inspect.getargspec = getargspec  # type: ignore[attr-defined]


class Natasha:
    """natasha's segmenter and NER tagger (slovnet with navec news embeddings)."""

    def __init__(self) -> None:
        _shim_getargspec()
        t = time.perf_counter()
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

        self.doc = Doc
        self.segmenter, self.ner = Segmenter(), NewsNERTagger(NewsEmbedding())
        self.load_seconds = time.perf_counter() - t
        self.kinds: Counter[str] = Counter()

    def __call__(self, docs: list[RawDocument]) -> None:
        for d in docs:
            doc = self.doc(d.text)
            doc.segment(self.segmenter)
            doc.tag_ner(self.ner)
            self.kinds.update(s.type for s in doc.spans)


def measure(
    docs: list[RawDocument], natasha: bool = True
) -> tuple[dict[str, Any], dict[str, Any], list[Article]]:
    """(ours, natasha, our articles): both on the same texts, taking turns block by block."""
    ours = Ours()
    other: Natasha | None = None
    nat: dict[str, Any] = {"unavailable": "skipped (--no-natasha)"}
    if natasha:
        try:
            other = Natasha()
        except ImportError as exc:
            nat = {"unavailable": f"{exc}: install the bench extra (pip install -e '.[bench]')"}
    warm = docs[:10]  # knowledge base, dictionaries, models: loaded before the clock starts
    ours(warm)
    if other:
        other(warm)
        other.kinds.clear()
    ours.spent.update({k: 0.0 for k in ours.spent})
    ours.articles.clear()
    t_ours = t_nat = 0.0
    for i in range(0, len(docs), BLOCK):
        block = docs[i : i + BLOCK]
        t = time.perf_counter()
        ours(block)
        t_ours += time.perf_counter() - t
        if other:
            t = time.perf_counter()
            other(block)
            t_nat += time.perf_counter() - t
    n, chars = len(docs), sum(len(d.text) for d in docs)
    z = {
        "articles": n, "chars": chars, "seconds": t_ours, "articles_per_s": n / t_ours, "chars_per_s": chars / t_ours,
        "stages": {k: {"seconds": v, "articles_per_s": n / v if v else None, "chars_per_s": chars / v if v else None}
                   for k, v in ours.spent.items()},
        "warnings": sum(len(a.warnings) for a in ours.articles),
    }  # fmt: skip
    if other:
        nat = {"load_seconds": other.load_seconds, "seconds": t_nat, "articles_per_s": n / t_nat,
               "chars_per_s": chars / t_nat, "entities": dict(other.kinds)}  # fmt: skip
    return z, nat, ours.articles


# --------------------------------------------------------------------------- Address linking


def address_links(articles: list[Article]) -> dict[str, Any]:
    """Articles linked to an Address, with the evidence (rule and text) of each link."""
    linked = []
    by_address: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for a in articles:
        facts = a.facts.get("addresses") or []
        if not facts:
            continue
        entry = {"source": a.source, "title": a.get("title"), "addresses": []}
        for f in facts:
            by_address[str(f.value)] += 1
            rules = sorted({e.rule for e in f.evidence})
            by_rule.update(rules)
            entry["addresses"].append(
                {"id": f.value, "evidence": [{"rule": e.rule, "text": e.text[:160]} for e in f.evidence[:3]]}
            )
        linked.append(entry)
    return {
        "articles": len(articles),
        "linked": len(linked),
        "rate": len(linked) / max(len(articles), 1),
        "by_address": dict(by_address),
        "by_rule": dict(by_rule),
        "items": linked,
    }


# --------------------------------------------------------------------------- run


def run(
    corpus: str | Path | None = None, n: int | None = None, natasha: bool = True, write: bool = True
) -> dict[str, Any]:
    """Measure ours and natasha on the same texts; returns (and, with ``write``, saves) the results."""
    path = Path(corpus) if corpus else GOV_NEWS
    if path.is_file():
        docs, name = gov_news(path, n), path.name
    else:
        docs, name = demo_texts(n or 1000), "demo corpus (repeated)"
    result: dict[str, Any] = {
        "corpus": name,
        "articles": len(docs),
        "chars": sum(len(d.text) for d in docs),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    result["zholdau"], result["natasha"], articles = measure(docs, natasha)
    nat = result["natasha"]
    if "articles_per_s" in nat:
        result["ratio_to_natasha"] = result["zholdau"]["articles_per_s"] / nat["articles_per_s"]
    result["address_linking"] = address_links(articles)
    if write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"extraction-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps(_without_text(result), indent=2, ensure_ascii=False), encoding="utf-8")
        result["written"] = str(out.relative_to(ROOT))
    return result


def _without_text(result: dict[str, Any]) -> dict[str, Any]:
    """The results to keep in the repository: sources, Address ids and rules, no text of the corpus
    (the corpus is not ours to copy)."""
    al = dict(result["address_linking"])
    al["items"] = [
        {
            "source": i["source"],
            "addresses": [
                {"id": a["id"], "rules": sorted({e["rule"] for e in a["evidence"]})} for a in i["addresses"]
            ],
        }
        for i in al["items"][:100]
    ]
    return {**result, "address_linking": al}


def print_report(r: dict[str, Any]) -> None:
    z, nat = r["zholdau"], r["natasha"]
    print(
        f"\nExtraction throughput on {r['corpus']}: {r['articles']} articles, {r['chars'] / 1e6:.2f} M chars "
        f"({r['cpus']} CPUs, Python {r['python']})\n"
    )
    print(f"{'':32} {'articles/s':>10} {'chars/s':>12}")
    print(f"{'zholdau pipeline (all stages)':32} {z['articles_per_s']:10.1f} {z['chars_per_s']:12,.0f}")
    if "articles_per_s" in nat:
        print(
            f"{'natasha segment + NER':32} {nat['articles_per_s']:10.1f} {nat['chars_per_s']:12,.0f}"
            f"   (models loaded in {nat['load_seconds']:.1f} s)"
        )
        print(f"{'ratio zholdau / natasha':32} {r['ratio_to_natasha']:10.2f}")
    else:
        print(f"{'natasha':32} {nat['unavailable']}")
    print("\nper stage:")
    for k, v in sorted(z["stages"].items(), key=lambda kv: -kv[1]["seconds"]):
        speed = f"{v['articles_per_s']:10.1f} {v['chars_per_s']:12,.0f}" if v["articles_per_s"] else ""
        print(f"  {k:30} {speed}   ({v['seconds']:.2f} s)")
    al = r["address_linking"]
    print(
        f"\nAddress linking: {al['linked']} of {al['articles']} articles linked to an Address "
        f"({al['rate'] * 100:.1f} %); by Address {al['by_address']}; by rule {al['by_rule']}"
    )
    for item in al["items"]:
        print(f"  {item['source']}: {(item['title'] or '')[:80]}")
        for a in item["addresses"]:
            for e in a["evidence"]:
                print(f"      {a['id']}  {e['rule']}: {e['text']!r}")
    if "written" in r:
        print(f"\nwritten: {r['written']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=None, help=f"JSONL with title/text (default: {GOV_NEWS})")
    ap.add_argument("--n", type=int, default=None, help="only the first N items (demo: articles to make)")
    ap.add_argument("--no-natasha", action="store_true", help="skip natasha")
    args = ap.parse_args()
    print_report(run(args.corpus, args.n, natasha=not args.no_natasha))


if __name__ == "__main__":
    main()
