"""Our person and place extractors on KazNERD, a public Kazakh NER test set.

    python bench/kaznerd.py ../shared/corpora/kaznerd/IOB2_test.txt [--limit N] [--on 2021-01-01]

KazNERD: Yeshpanov, R., Khassanov, Y. and Varol, H. A. (2022). "KazNERD: Kazakh Named Entity Recognition
Dataset". Proceedings of the 13th Language Resources and Evaluation Conference (LREC 2022), Marseille,
pp. 417–426. https://aclanthology.org/2022.lrec-1.44 — data from https://github.com/IS2AI/KazNERD under
CC BY 4.0. The project does not ship the data: give the path of an IOB2 file (one ``token TAG`` a line,
a blank line between sentences).

Each sentence is detokenised (no space before ``. , : ; ! ? ) »``, none after ``( «``) and given to:

* PERSON, ``names``: :func:`zholdau.extractors.names.find_names` (candidates with support: a known
  given name, a surname ending, initials);
* PERSON, ``officials``: :func:`zholdau.extractors.officials.extract_officials` (named officials; the
  name inside each mention);
* GPE/LOCATION, ``regions``: :func:`zholdau.extractors.regions.extract_regions` (regions and places of
  Kazakhstan in the knowledge base, on the date given by ``--on``).

A predicted span becomes the tokens it overlaps. Entity-level scores: exact (same first and last token)
and partial (any shared token; each gold and each predicted entity counts once). Extractors that are not
there (being written) are reported as unavailable, not as zero.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
CITATION = (
    "Yeshpanov, R., Khassanov, Y., Varol, H. A. (2022). KazNERD: Kazakh Named Entity Recognition Dataset. "
    "Proceedings of LREC 2022, Marseille, pp. 417-426. https://aclanthology.org/2022.lrec-1.44"
)
LICENCE = "CC BY 4.0 (https://github.com/IS2AI/KazNERD); the data is read from the given path, never shipped"
GOLD_CLASSES = {"PERSON": ("PERSON",), "GPE/LOCATION": ("GPE", "LOCATION")}
_NO_SPACE_BEFORE = frozenset(".,:;!?)»%…")
_NO_SPACE_AFTER = frozenset("(«")


@dataclass
class Sentence:
    text: str
    offsets: list[tuple[int, int]]  # character span of every token in ``text``
    gold: dict[str, set[tuple[int, int]]]  # class → entities as (first token, last token)


def read_iob2(path: Path, limit: int | None = None) -> Iterator[Sentence]:
    """Sentences of an IOB2 file; a malformed line is reported with its number and skipped."""
    tokens: list[str] = []
    tags: list[str] = []
    n = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                if tokens:
                    yield _sentence(tokens, tags)
                    n += 1
                    if limit and n >= limit:
                        return
                tokens, tags = [], []
                continue
            token, _, tag = line.rpartition(" ")
            if not token or not (tag == "O" or tag[:2] in {"B-", "I-"}):
                print(f"{path}:{lineno}: not 'token TAG', skipped: {line[:60]!r}", file=sys.stderr)
                continue
            tokens.append(token)
            tags.append(tag)
    if tokens:
        yield _sentence(tokens, tags)


def _sentence(tokens: list[str], tags: list[str]) -> Sentence:
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and tok[0] not in _NO_SPACE_BEFORE and tokens[i - 1][-1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    gold: dict[str, set[tuple[int, int]]] = {c: set() for c in GOLD_CLASSES}
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            for cls, kinds in GOLD_CLASSES.items():
                if kind in kinds:
                    gold[cls].add((start, i - 1))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return Sentence("".join(parts), offsets, gold)


def to_tokens(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The (first, last) tokens a character span overlaps."""
    hit = [i for i, (s, e) in enumerate(offsets) if s < end and start < e]
    return (hit[0], hit[-1]) if hit else None


# --------------------------------------------------------------------------- our systems

Spans = list[tuple[int, int]]


def _persons_names() -> Callable[[str], Spans] | str:
    try:
        from zholdau.extractors.names import find_names
    except ImportError as exc:  # being written by another engineer
        return f"unavailable: {exc}"

    def run(text: str) -> Spans:
        return [(c.start, c.end) for c in find_names(text, "kk") if c.supported]

    return run


def _persons_officials() -> Callable[[str], Spans] | str:
    try:
        from zholdau.extractors.names import find_names
        from zholdau.extractors.officials import extract_officials
    except ImportError as exc:
        return f"unavailable: {exc}"

    def run(text: str) -> Spans:
        names = find_names(text, "kk")
        out = []
        for m in extract_officials(text, "kk"):
            # a mention spans the post too ("облыс әкімі Берік Уәлидің"): score the name inside it
            inside = [(c.start, c.end) for c in names if m.start <= c.start and c.end <= m.end]
            out.append(inside[-1] if inside else (m.start, m.end))
        return out

    return run


def _places(on: date) -> Callable[[str], Spans] | str:
    try:
        from zholdau.extractors.regions import extract_regions
    except ImportError as exc:
        return f"unavailable: {exc}"

    def run(text: str) -> Spans:
        res = extract_regions(text, on, "kk")
        spans = {(m.start, m.end) for m in [*res.regions, *res.places] if m.start >= 0}
        return sorted(spans)

    return run


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    exact_tp: int = 0
    partial_gold: int = 0  # gold entities that share a token with a prediction
    partial_pred: int = 0  # predictions that share a token with a gold entity
    seconds: float = 0.0

    def add(self, gold: set[tuple[int, int]], pred: set[tuple[int, int]]) -> None:
        self.gold += len(gold)
        self.predicted += len(pred)
        self.exact_tp += len(gold & pred)
        self.partial_gold += sum(1 for g in gold if any(_overlap(g, p) for p in pred))
        self.partial_pred += sum(1 for p in pred if any(_overlap(g, p) for g in gold))

    def to_dict(self) -> dict[str, Any]:
        def prf(tp_p: int, tp_r: int) -> dict[str, float]:
            p = tp_p / self.predicted if self.predicted else 0.0
            r = tp_r / self.gold if self.gold else 0.0
            return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": prf(self.exact_tp, self.exact_tp),
            "partial": prf(self.partial_pred, self.partial_gold),
            "seconds": self.seconds,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def run(
    path: str | Path, limit: int | None = None, on: str = "2021-01-01", write: bool = True
) -> dict[str, Any]:
    """Score our extractors on a KazNERD IOB2 file; returns (and, with ``write``, saves) the results."""
    path = Path(path)
    if not path.is_file():
        raise SystemExit(
            f"{path}: no such file; give the path of a KazNERD IOB2 file, e.g. "
            "../shared/corpora/kaznerd/IOB2_test.txt"
        )
    systems: list[tuple[str, str, Callable[[str], Spans] | str]] = [
        ("PERSON", "names", _persons_names()),
        ("PERSON", "officials", _persons_officials()),
        ("GPE/LOCATION", "regions", _places(date.fromisoformat(on))),
    ]
    scores = {f"{cls} {name}": Score() for cls, name, fn in systems if not isinstance(fn, str)}
    sentences = 0
    for sent in read_iob2(path, limit):
        sentences += 1
        for cls, name, fn in systems:
            if isinstance(fn, str):
                continue
            t = time.perf_counter()
            spans = fn(sent.text)
            scores[f"{cls} {name}"].seconds += time.perf_counter() - t
            pred = {tk for s, e in spans if (tk := to_tokens(sent.offsets, s, e)) is not None}
            scores[f"{cls} {name}"].add(sent.gold[cls], pred)
    result: dict[str, Any] = {
        "dataset": str(path.name),
        "sentences": sentences,
        "on": on,
        "citation": CITATION,
        "licence": LICENCE,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "systems": {k: v.to_dict() for k, v in scores.items()},
        "unavailable": {f"{cls} {name}": fn for cls, name, fn in systems if isinstance(fn, str)},
    }
    if write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"kaznerd-{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        result["written"] = str(out.relative_to(ROOT))
    return result


def print_table(r: dict[str, Any]) -> None:
    print(f"\nKazNERD {r['dataset']}: {r['sentences']} sentences (places valid on {r['on']})")
    print(
        f"{'class / extractor':26} {'gold':>5} {'pred':>5}   {'exact P':>7} {'R':>6} {'F1':>6}   "
        f"{'partial P':>9} {'R':>6} {'F1':>6}   {'sent/s':>7}"
    )
    for name, s in r["systems"].items():
        ex, pa = s["exact"], s["partial"]
        speed = r["sentences"] / s["seconds"] if s["seconds"] else 0.0
        print(
            f"{name:26} {s['gold']:5d} {s['predicted']:5d}   {ex['precision']:7.3f} {ex['recall']:6.3f} "
            f"{ex['f1']:6.3f}   {pa['precision']:9.3f} {pa['recall']:6.3f} {pa['f1']:6.3f}   {speed:7.0f}"
        )
    for name, why in r["unavailable"].items():
        print(f"{name:26} {why}")
    print(f"\nData: {r['citation']}\nLicence: {r['licence']}")
    if "written" in r:
        print(f"written: {r['written']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", help="a KazNERD IOB2 file, e.g. ../shared/corpora/kaznerd/IOB2_test.txt")
    ap.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    ap.add_argument("--on", default="2021-01-01", help="date that decides which regions exist (YYYY-MM-DD)")
    args = ap.parse_args()
    print_table(run(args.path, args.limit, args.on))


if __name__ == "__main__":
    main()
