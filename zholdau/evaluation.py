"""Compare stored records with a gold file: per-field precision, recall, F1 and the misses.

Gold and records are matched by ``source`` basename (with its ``#fragment``). Names are compared
after case folding, ё→е and Kazakh→Russian letter folding (қ→к, ә→а, ...), so "Амандық Баталов"
matches "Амандык Баталов".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zholdau.morph import letters

_KK_TO_RU = letters.table(letters.KK_TO_RU, letters.RU_VARIANTS, letters.SIGNS)
_PUNCT = re.compile(r"[\W_]+")


def fold_name(s: Any) -> str:
    """Case-, punctuation- and kk/ru-letter-insensitive form of a name or label."""
    if s is None:
        return ""
    t = str(s).casefold().translate(_KK_TO_RU)
    return _PUNCT.sub(" ", t).strip()


def source_key(source: str) -> str:
    """The basename of a source with its fragment: ``demo/corpus/txt/a.txt#kk`` → ``a.txt#kk``."""
    path, sep, frag = source.partition("#")
    if "://" in path and not sep:
        return source
    return Path(path).name + (sep + frag if sep else "")


@dataclass
class FieldScore:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.name,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name_of(v: Any) -> str:
    if isinstance(v, dict):
        return fold_name(v.get("name") or v.get("value") or v.get("id"))
    return fold_name(v)


def _figure_key(v: Any) -> str:
    if isinstance(v, dict):
        value = v.get("value")
        try:
            value = float(value) if value is not None else None
        except (TypeError, ValueError):
            value = None
        return f"{value:g}|{v.get('unit')}" if value is not None else fold_name(v.get("text"))
    return fold_name(v)


def _assignment_key(v: Any) -> str:
    if isinstance(v, dict):
        return fold_name(v.get("sentence") or v.get("action"))
    return fold_name(v)


def _date_or_text(v: Any) -> str:
    return str(v).strip() if v is not None else ""


# field → (kind, key function). scalar: one value compared; set: multiset of keys compared.
FIELDS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "lang": ("scalar", fold_name),
    "script": ("scalar", fold_name),
    "title": ("scalar", fold_name),
    "published": ("scalar", _date_or_text),
    "outlet": ("scalar", fold_name),
    "author": ("scalar", fold_name),
    "addresses": ("set", _date_or_text),
    "primary_region": ("scalar", _date_or_text),
    "regions": ("set", _date_or_text),
    "places": ("set", _name_of),
    "officials": ("set", _name_of),
    "chair": ("scalar", fold_name),
    "assignments": ("assignments", _assignment_key),
    "figures": ("set", _figure_key),
    "topics": ("set", _date_or_text),
}


def _sentences_match(gold: str, pred: str) -> bool:
    return bool(gold and pred) and (gold in pred or pred in gold or _overlap(gold, pred) >= 0.6)


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def score_field(name: str, gold_rows: list[tuple[str, Any]], pred_rows: dict[str, Any]) -> FieldScore:
    kind, key = FIELDS[name]
    sc = FieldScore(name)
    for src, gold_value in gold_rows:
        pred_value = pred_rows.get(src)
        if kind == "scalar":
            g, p = key(_scalar(gold_value)), key(_scalar(pred_value))
            if g and p and g == p:
                sc.tp += 1
            else:
                if p:
                    sc.fp += 1
                if g:
                    sc.fn += 1
                if g or p:
                    sc.misses.append(f"{src}: expected {_scalar(gold_value)!r}, got {_scalar(pred_value)!r}")
            continue
        golds = [key(v) for v in (gold_value or [])]
        preds = [key(v) for v in (pred_value or [])]
        if kind == "assignments":
            unmatched = list(preds)
            for g in golds:
                hit = next((p for p in unmatched if _sentences_match(g, p)), None)
                if hit is None:
                    sc.fn += 1
                    sc.misses.append(f"{src}: missed assignment {g[:90]!r}")
                else:
                    sc.tp += 1
                    unmatched.remove(hit)
            sc.fp += len(unmatched)
            sc.misses.extend(f"{src}: extra assignment {p[:90]!r}" for p in unmatched)
            continue
        remaining = list(preds)
        for g in golds:
            if g in remaining:
                remaining.remove(g)
                sc.tp += 1
            else:
                sc.fn += 1
                sc.misses.append(f"{src}: missed {name} {g!r}")
        sc.fp += len(remaining)
        sc.misses.extend(f"{src}: extra {name} {p!r}" for p in remaining)
    return sc


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc})") from exc
    return rows


@dataclass
class EvalReport:
    matched: int
    gold_total: int
    unmatched_gold: list[str]
    fields: list[FieldScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "gold_total": self.gold_total,
            "unmatched_gold": self.unmatched_gold,
            "fields": [f.to_dict() for f in self.fields],
        }

    def field(self, name: str) -> FieldScore:
        return next(f for f in self.fields if f.name == name)


def evaluate(
    gold: Iterable[dict[str, Any]], records: Iterable[dict[str, Any]], fields: Iterable[str] | None = None
) -> EvalReport:
    """Score ``records`` (export records) against ``gold`` rows, field by field."""
    by_key: dict[str, dict[str, Any]] = {}
    for rec in records:
        by_key.setdefault(source_key(str(rec.get("source", ""))), rec)
    gold = list(gold)
    names = [f for f in (fields or FIELDS) if f in FIELDS]
    unmatched = [g["source"] for g in gold if source_key(g["source"]) not in by_key]
    scores = []
    for name in names:
        rows = [(source_key(g["source"]), g.get(name)) for g in gold if name in g]
        preds = {k: r.get(name) for k, r in by_key.items()}
        scores.append(score_field(name, rows, preds))
    for name in PAIR_FIELDS:
        if fields is None or name in fields:
            scores.append(score_pairs(name, gold, by_key))
    return EvalReport(len(gold) - len(unmatched), len(gold), unmatched, scores)


# --- links between articles: scored as pairs ------------------------------------------------------------
# gold field → record field. duplicate_of and event are clusters (every two articles of one cluster are a
# pair); follows_up is directed (report → the article whose assignment it reports on). Gold names articles
# by source, records by id: ids are mapped to sources through the records. Only gold articles count.
PAIR_FIELDS: dict[str, str] = {
    "duplicate_of": "duplicate_of",
    "event": "event_id",
    "follows_up": "follows_up",
}


def _cluster_pairs(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        ms = sorted(members)
        out.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1 :])
    return out


def link_pairs(
    name: str, rows: Iterable[dict[str, Any]], keep: set[str], id_to_key: dict[str, str] | None = None
) -> set[tuple[str, str]]:
    """The pairs a set of rows states for ``name`` (gold rows when ``id_to_key`` is None, else records
    whose links are article ids), restricted to the source keys in ``keep``."""
    field_ = name if id_to_key is None else PAIR_FIELDS[name]

    def key_of(v: Any) -> str | None:
        if not isinstance(v, str) or not v:
            return None
        k = source_key(v) if id_to_key is None else id_to_key.get(v)
        return k if k in keep else None

    if name == "follows_up":
        out = set()
        for r in rows:
            me = source_key(str(r.get("source", "")))
            if me not in keep:
                continue
            for target in r.get(field_) or []:
                t = key_of(target)
                if t:
                    out.add((me, t))
        return out
    groups: dict[str, set[str]] = {}
    for r in rows:
        me = source_key(str(r.get("source", "")))
        if me not in keep:
            continue
        value = r.get(field_)
        if name == "duplicate_of":
            root = key_of(value)
            if root:
                groups.setdefault(root, {root}).add(me)
        elif isinstance(value, str) and value:
            groups.setdefault(value, set()).add(me)
    return _cluster_pairs(groups)


def score_pairs(name: str, gold: list[dict[str, Any]], by_key: dict[str, dict[str, Any]]) -> FieldScore:
    """Pairwise precision/recall of duplicates, events or follow-up links."""
    keep = {source_key(g["source"]) for g in gold} & set(by_key)
    id_to_key = {str(r.get("id")): k for k, r in by_key.items()}
    want = link_pairs(name, [g for g in gold if name in g], keep)
    got = link_pairs(name, list(by_key.values()), keep, id_to_key)
    sc = FieldScore(name, tp=len(want & got), fp=len(got - want), fn=len(want - got))
    sc.misses.extend(f"missed {name} pair {a} ~ {b}" for a, b in sorted(want - got))
    sc.misses.extend(f"extra {name} pair {a} ~ {b}" for a, b in sorted(got - want))
    return sc
