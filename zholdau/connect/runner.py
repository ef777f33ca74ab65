"""The connect step over a store: incremental, batch by batch, one transaction per batch.

For every article the step has not seen yet (all of them with ``recompute``), oldest first:

1. copies: MinHash signature → LSH band keys → candidates sharing a band (store index, O(1)
   expected) → the signature check (``dedup.verdict``); a copy points at the earliest copy
   (``duplicate_of``, by publication date and time, then ingest order) and takes its event;
2. events: an original about an Address joins the best event of its block or opens one
   (``events.decide``), asking for embeddings only when the facts leave it open;
3. follow-ups: its assignments are matched against the later reports of the region, and, when it is a
   report itself, against the earlier assignments (``followup.match``): ingest order does not matter.
   Candidates come from the store's anchor index (a number, surname or measure in common), so the
   cost does not grow with the number of assignments a region has;
4. registers: its officials and classified figures are kept for ``zholdau officials`` / ``figures``.

After each batch the records of the articles touched are rewritten: ``duplicate_of``, ``event_id``,
``follows_up`` (ids of the articles whose assignments the report follows up) and each assignment's
``status`` and ``followed_up_by``; last, assignments whose deadline passed become ``overdue``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from zholdau.connect import dedup, events, followup, registers
from zholdau.connect.embedding import Embedder, embedding_text, from_blob, load_embedder, mean_vector, to_blob
from zholdau.connect.features import ArticleFacts, facts_of, parse_day
from zholdau.store.base import ConnectChanges, Store

BATCH = 500
RECORDS_AT_ONCE = 200  # rows read in one go where their number grows with the store (links, anchors)
STATUS_FIELDS = ("lang", "follows_up", "assignments")  # what finalise reads of a record
_YEARS = timedelta(days=366 * followup.MAX_YEARS)


@dataclass
class ConnectReport:
    """What one connect run did."""

    articles: int = 0
    copies: int = 0
    events_opened: int = 0
    events_joined: int = 0
    embeddings: int = 0
    links: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    embedder: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "copies": self.copies,
            "events_opened": self.events_opened,
            "events_joined": self.events_joined,
            "embeddings": self.embeddings,
            "links": self.links,
            "statuses": dict(self.statuses),
            "seconds": round(self.seconds, 3),
            "embedder": self.embedder,
        }


def connect_store(
    store: Store,
    today: date | None = None,
    article_ids: Sequence[str] | None = None,
    *,
    recompute: bool = False,
    embeddings: str | Embedder | None = "auto",
    batch: int = BATCH,
    on_batch: Callable[[ConnectReport], None] | None = None,
) -> ConnectReport:
    """Connect the articles of ``store`` the step has not seen (only ``article_ids`` when given; every
    article again with ``recompute``). ``today`` decides which assignments are overdue.
    ``embeddings``: ``auto``/``on``/``off`` or an :class:`Embedder`."""
    t0 = time.perf_counter()
    today = today or date.today()
    embedder = load_embedder(embeddings) if isinstance(embeddings, str) else embeddings
    report = ConnectReport(embedder=getattr(embedder, "name", None))
    if recompute:
        store.connect_reset()
        article_ids = None
    run = _Run(store, embedder, today, report)
    if article_ids is None:
        while items := store.connect_pending(None, batch):
            run.batch(items)
            if on_batch:
                on_batch(report)
    else:
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), batch):
            items = store.connect_pending(ids[i : i + batch], batch)
            if items:
                run.batch(items)
                if on_batch:
                    on_batch(report)
    run.finalise(set(store.connect_due(today.isoformat())), set())
    report.seconds = time.perf_counter() - t0
    return report


def _order(f: ArticleFacts, rowid: int) -> tuple[str, str]:
    """Publication time, then the article id: not the storage row, which differs when several workers
    write at once (so any ingest of the same articles connects them the same way)."""
    day, tm = f.order_key
    return (f"{day} {tm}", f.id)


class _Run:
    """State of one connect run: the batch being built and its overlays over the store."""

    def __init__(self, store: Store, embedder: Embedder | None, today: date, report: ConnectReport) -> None:
        self.store, self.embedder, self.today, self.report = store, embedder, today, report

    # --- one batch -----------------------------------------------------------------------------------------
    def batch(self, items: Sequence[tuple[int, dict[str, Any]]]) -> None:
        self.ch = ConnectChanges()
        self.rows: dict[int, dict[str, Any]] = {}  # connect_articles rows written by this batch (by rowid)
        self.recs: dict[int, dict[str, Any]] = {}
        self.bands: dict[int, list[int]] = {}
        self.events: dict[str, events.EventState] = {}
        self.members: dict[str, list[int]] = {}
        self.assignments: list[dict[str, Any]] = []
        self.reports: list[dict[str, Any]] = []
        self.touched_assign: set[int] = set()
        self.touched_reports: set[int] = set()
        facts = [(rowid, rec, facts_of(rec)) for rowid, rec in items]
        facts.sort(key=lambda x: _order(x[2], x[0]))
        for rowid, rec, f in facts:
            self.recs[rowid] = rec
            self.one(rowid, rec, f)
            self.report.articles += 1
        for e in self.events.values():
            self.ch.events.append(
                (
                    e.event_id,
                    e.region,
                    e.first.isoformat() if e.first else None,
                    e.last.isoformat() if e.last else None,
                    e.to_data(),
                    to_blob(e.vector) if e.vector is not None else None,
                )
            )
        self.ch.articles = [
            (
                r["rowid"],
                r["signature"],
                r["shingles"],
                r["lang"],
                r["published"],
                r["order_key"],
                r["root_rowid"],
                r["event_id"],
                r["embedding"],
            )
            for r in self.rows.values()
        ]
        self.store.connect_apply(self.ch)
        self.finalise(self.touched_assign, self.touched_reports)

    def one(self, rowid: int, rec: dict[str, Any], f: ArticleFacts) -> None:
        sig = dedup.signature(dedup.copy_text(rec))
        keys = dedup.band_keys(sig)
        day, tm = f.order_key
        row = {
            "rowid": rowid,
            "id": f.id,
            "signature": sig.to_bytes(),
            "shingles": sig.size,
            "lang": f.lang,
            "published": f.published.isoformat() if f.published else None,
            "order_key": f"{day} {tm}",
            "root_rowid": None,
            "event_id": None,
            "embedding": None,
        }
        self.rows[rowid] = row
        self.ch.lsh.extend((k, rowid) for k in keys)
        original = self._original_of(rowid, sig, keys, f)
        for k in keys:
            self.bands.setdefault(k, []).append(rowid)
        fields: dict[str, Any] = {}
        if original is not None:
            root = self._root(original)
            if (row["order_key"], row["id"]) < (root["order_key"], root["id"]):
                self._reroot(root, row)  # this article is earlier than the one taken for the original
            else:
                row["root_rowid"], row["event_id"] = root["rowid"], root["event_id"]
                fields["duplicate_of"] = root["id"]
                self.touched_assign.add(root["rowid"])
                self.touched_reports.add(root["rowid"])
            self.report.copies += 1
            fields["event_id"] = row["event_id"]
            self.ch.fields.setdefault(rowid, {}).update(fields)
            return
        if rec.get("duplicate_of"):
            fields["duplicate_of"] = None
        if events.eligible(f):
            row["event_id"] = self._assign_event(rowid, rec, f, row)
            fields["event_id"] = row["event_id"]
        elif rec.get("event_id"):
            fields["event_id"] = None
        if fields:
            self.ch.fields.setdefault(rowid, {}).update(fields)
        self._followups(rowid, rec, f, row["event_id"])
        for o in registers.official_sightings(rec):
            self.ch.officials.append(
                (
                    rowid,
                    o.person,
                    o.name,
                    o.post_key or "",
                    o.post,
                    o.level,
                    o.region or "",
                    o.lang,
                    o.published,
                )
            )
        for x in registers.figure_facts(rec):
            self.ch.figures.append(
                (
                    rowid,
                    x.index,
                    x.kind,
                    x.unit,
                    x.measure,
                    x.value,
                    x.text,
                    x.region,
                    x.published,
                    x.sentence,
                )
            )

    # --- copies ----------------------------------------------------------------------------------------------
    def _original_of(
        self, rowid: int, sig: dedup.Signature, keys: Sequence[int], f: ArticleFacts
    ) -> dict[str, Any] | None:
        """The candidate this article is a copy of (the most similar one), or ``None``."""
        cands = set(self.store.lsh_candidates(keys)) if keys else set()
        for k in keys:
            cands.update(self.bands.get(k, ()))
        cands.discard(rowid)
        if not cands:
            return None
        rows = {r: self.rows[r] for r in cands if r in self.rows}
        rows.update(self.store.connect_articles([r for r in cands if r not in rows]))
        best: tuple[float, dict[str, Any]] | None = None
        for r in rows.values():
            other = dedup.Signature.from_bytes(r["signature"], r["shingles"])
            v = dedup.verdict(sig, other, f.published, parse_day(r["published"]), f.lang == r["lang"])
            if v.is_copy and (best is None or v.jaccard > best[0]):
                best = (v.jaccard, r)
        return best[1] if best else None

    def _root(self, row: dict[str, Any]) -> dict[str, Any]:
        root_rowid = row["root_rowid"] or row["rowid"]
        if root_rowid in self.rows:
            return self.rows[root_rowid]
        return self.store.connect_articles([root_rowid]).get(root_rowid, row)

    def _reroot(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """``new`` is earlier than the original ``old``: it becomes the original of the whole cluster."""
        new["event_id"] = old["event_id"]
        copies = set(self.store.connect_copies([old["rowid"]]).get(old["rowid"], []))
        copies |= {r for r, row in self.rows.items() if row["root_rowid"] == old["rowid"]}
        for r in [old["rowid"], *sorted(copies)]:
            if r == new["rowid"]:
                continue
            if r in self.rows:
                self.rows[r]["root_rowid"] = new["rowid"]
            else:
                self.ch.roots.append((r, new["rowid"]))
            self.ch.fields.setdefault(r, {})["duplicate_of"] = new["id"]
        self.touched_assign.add(new["rowid"])
        self.touched_reports.add(new["rowid"])

    # --- events ----------------------------------------------------------------------------------------------
    def _states(self, f: ArticleFacts) -> list[events.EventState]:
        region, lo, hi = events.block(f)
        out: dict[str, events.EventState] = {}
        for r in self.store.connect_events_in(region, lo.isoformat(), hi.isoformat()):
            if r["event_id"] in self.events:
                continue
            vec = from_blob(r["vector"]) if r["vector"] else None
            out[r["event_id"]] = events.EventState.from_data(
                r["event_id"], r["region"], r["first_day"], r["last_day"], r["data"], vec
            )
        for e in self.events.values():
            if e.region == region and e.first and lo <= e.first <= hi:
                out[e.event_id] = e
        return list(out.values())

    def _assign_event(self, rowid: int, rec: dict[str, Any], f: ArticleFacts, row: dict[str, Any]) -> str:
        states = self._states(f)
        if self.embedder is not None:
            # a vector only for the best event the facts leave open (the others are decided by their facts,
            # or by a vector they already have): each vector costs an embedding of every member
            open_ = events.open_candidates(f, states)
            if open_:
                best = max(open_, key=lambda e: events.score_facts(f, e).score)
                if best.vector is None:
                    self._event_vector(best)

        def embed() -> np.ndarray | None:
            return self._embed([rowid], [rec])[0] if self.embedder is not None else None

        d = events.decide(f, states, embed if self.embedder is not None else None)
        if d.vector is not None:
            row["embedding"] = to_blob(d.vector)
        if d.event is not None:
            e = d.event
            self.report.events_joined += 1
            score = d.score.score if d.score else None
            reasons = "; ".join(d.score.reasons) if d.score else None
        else:
            e = events.EventState(events.new_event_id(f), f.region, None, None)
            self.report.events_opened += 1
            score, reasons = None, None
        e.add(f, d.vector if (e.vector is not None or e.members == 0) else None)
        self.events[e.event_id] = e
        self.members.setdefault(e.event_id, []).append(rowid)
        self.ch.members.append((rowid, e.event_id, score, reasons))
        return e.event_id

    def _event_vector(self, e: events.EventState) -> None:
        """Give an event its mean embedding (embedding the members that lack one)."""
        members = {m["rowid"]: m for m in self.store.connect_event_members(e.event_id)}
        for r in self.members.get(e.event_id, []):
            members.setdefault(r, {"rowid": r, "embedding": self.rows[r]["embedding"]})
        vectors, need = [], []
        for r, m in members.items():
            blob = self.rows[r]["embedding"] if r in self.rows else m.get("embedding")
            if blob:
                vectors.append(from_blob(blob))
            else:
                need.append(r)
        if need:
            recs = {r: self.recs[r] for r in need if r in self.recs}
            recs.update(self.store.connect_records([r for r in need if r not in recs]))
            order = [r for r in need if r in recs]
            for r, v in zip(order, self._embed(order, [recs[r] for r in order]), strict=True):
                blob = to_blob(v)
                if r in self.rows:
                    self.rows[r]["embedding"] = blob
                else:
                    self.ch.embeddings.append((r, blob))
                vectors.append(from_blob(blob))
        e.vector = mean_vector(vectors)
        e.vectors = len(vectors)
        self.events[e.event_id] = e

    def _embed(self, rowids: Sequence[int], recs: Sequence[dict[str, Any]]) -> list[np.ndarray]:
        assert self.embedder is not None
        self.report.embeddings += len(recs)
        out = self.embedder.embed([embedding_text(r) for r in recs], [r.get("lang") for r in recs])
        return [np.asarray(v, dtype=np.float32) for v in out]

    # --- follow-ups ------------------------------------------------------------------------------------------
    def _followups(self, rowid: int, rec: dict[str, Any], f: ArticleFacts, event_id: str | None) -> None:
        if not (f.region and f.published):
            return
        pub = f.published.isoformat()
        refs = followup.assignment_refs(rec, event_id)
        if refs:
            self.touched_assign.add(rowid)
        for a in refs:
            keys = followup.assignment_anchors(a)
            row = {
                "rowid": rowid,
                "id": f.id,
                "idx": a.index,
                "region": f.region,
                "published": pub,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "data": a.to_data(),
                "anchors": keys,
            }
            self.ch.assignments.append((rowid, a.index, f.region, pub, row["deadline"], row["data"]))
            self.ch.anchors.extend(("a", k, f.region, pub, rowid, a.index) for k in keys)
            self.assignments.append(row)
            lo, hi = (f.published + timedelta(days=1)).isoformat(), (f.published + _YEARS).isoformat()
            for r in self._candidates("r", self.reports, f.region, lo, hi, keys):
                rep = followup.Report.from_data(r["id"], r["region"], r["published"], r["data"])
                self._link(a, rep, r["rowid"], rowid)
        rep = followup.report_of(rec, event_id)
        if rep is None:
            return
        self.touched_reports.add(rowid)
        data = rep.to_data()
        keys = followup.report_anchors(rep)
        lo, hi = (f.published - _YEARS).isoformat(), (f.published - timedelta(days=1)).isoformat()
        seen: set[tuple[int, int]] = set()
        for region in sorted(rep.regions | {f.region}):
            self.ch.reports.append((rowid, region, pub, data))
            self.ch.anchors.extend(("r", k, region, pub, rowid, -1) for k in keys)
            self.reports.append(
                {
                    "rowid": rowid,
                    "id": f.id,
                    "region": region,
                    "published": pub,
                    "data": data,
                    "anchors": keys,
                }
            )
            for r in self._candidates("a", self.assignments, region, lo, hi, keys):
                if (r["rowid"], r["idx"]) in seen:
                    continue
                seen.add((r["rowid"], r["idx"]))
                a = followup.AssignmentRef.from_data(
                    r["id"], r["idx"], r["region"], r["published"], r["deadline"], r["data"]
                )
                self._link(a, rep, rowid, r["rowid"])

    def _candidates(
        self, side: str, overlay: list[dict[str, Any]], region: str, lo: str, hi: str, keys: frozenset[str]
    ) -> Iterable[dict[str, Any]]:
        """Stored and batch rows of ``side`` (a: assignments, r: reports) in the block that share an anchor."""
        if not keys:
            return
        read = self.store.connect_reports_in if side == "r" else self.store.connect_assignments_in
        try:
            rowids = self.store.connect_anchored(side, region, sorted(keys), lo, hi)
        except NotImplementedError:  # a backend without the anchor index: the whole block, then match()
            yield from read(region, lo, hi)
        else:
            wanted = sorted(rowids)
            for i in range(0, len(wanted), RECORDS_AT_ONCE):  # a common anchor can reach thousands
                yield from read(region, lo, hi, wanted[i : i + RECORDS_AT_ONCE])
        yield from (
            r
            for r in overlay
            if r["region"] == region and lo <= (r["published"] or "") <= hi and r["anchors"] & keys
        )

    def _link(
        self, a: followup.AssignmentRef, rep: followup.Report, report_rowid: int, article_rowid: int
    ) -> None:
        lk = followup.match(a, rep)
        if lk is None:
            return
        self.ch.links.append(
            (
                article_rowid,
                a.index,
                report_rowid,
                lk.kind,
                lk.score,
                "; ".join(lk.reasons),
                lk.evidence,
                rep.published.isoformat() if rep.published else None,
            )
        )
        self.touched_assign.add(article_rowid)
        self.touched_reports.add(report_rowid)
        self.report.links += 1

    # --- records ---------------------------------------------------------------------------------------------
    def finalise(self, touched_assign: set[int], touched_reports: set[int]) -> None:
        """Rewrite ``follows_up`` of the reports and ``status``/``followed_up_by`` of the assignments
        touched (and of the copies of their articles)."""
        if not (touched_assign or touched_reports):
            return
        st = self.store
        links = st.connect_links(report_rowids=sorted(touched_reports), brief=True)
        assign = touched_assign | {lk["article_rowid"] for lk in links}
        del links
        links_a = st.connect_links(article_rowids=sorted(assign), brief=True)
        reports = touched_reports | {lk["report_rowid"] for lk in links_a}
        links_r = st.connect_links(report_rowids=sorted(reports), brief=True)
        copies = st.connect_copies(sorted(assign | reports))
        ch = ConnectChanges()
        by_report: dict[int, list[dict[str, Any]]] = {}
        for lk in links_r:
            by_report.setdefault(lk["report_rowid"], []).append(lk)
        # a report tells of one meeting's instructions: only its links to the best-matching meeting count
        best = {r: _best_meeting(lks) for r, lks in by_report.items()}
        by_report = {r: [lk for lk in lks if _meeting(lk) == best[r]] for r, lks in by_report.items()}
        links_a = [lk for lk in links_a if _meeting(lk) == best.get(lk["report_rowid"], _meeting(lk))]
        for chunk, recs in self._records_of(sorted(reports), copies):
            for r in chunk:
                rec = recs.get(r)
                if rec is None:
                    continue
                lks = by_report.get(r, [])
                chosen = _chosen(lks, rec.get("lang"))
                follows = sorted({lk["article_id"] for lk in chosen})
                # a syndicated copy of a report reports the same (it is one article, published twice)
                for target in [r, *copies.get(r, [])]:
                    trec = recs.get(target)
                    if trec is not None and (trec.get("follows_up") or []) != follows:
                        ch.fields.setdefault(target, {})["follows_up"] = follows or None
        # a report that says one version of a meeting's assignment is done says it of the other versions
        done_in = {
            (lk["report_id"], lk["article_event"])
            for lk in links_a
            if lk["kind"] == "done" and lk.get("article_event")
        }
        by_assignment: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for lk in links_a:
            if (lk["report_id"], lk.get("article_event")) in done_in:
                lk = {**lk, "kind": "done"}
            by_assignment.setdefault((lk["article_rowid"], lk["idx"]), []).append(lk)
        for chunk, recs in self._records_of(sorted(assign), copies):
            for a in chunk:
                rec = recs.get(a)
                if rec is None or not rec.get("assignments"):
                    continue
                new = _with_statuses(rec["assignments"], a, by_assignment, self.today)
                for s in new:
                    if isinstance(s, dict) and s.get("status"):
                        self.report.statuses[s["status"]] += 1
                for target in [a, *copies.get(a, [])]:
                    trec = recs.get(target)
                    if trec is None:
                        continue
                    merged = _merge_statuses(trec.get("assignments") or [], new)
                    if merged != trec.get("assignments"):
                        ch.fields.setdefault(target, {})["assignments"] = merged
        st.connect_apply(ch)

    def _records_of(
        self, rowids: Sequence[int], copies: Mapping[int, Sequence[int]]
    ) -> Iterator[tuple[Sequence[int], dict[int, dict[str, Any]]]]:
        """``rowids`` a chunk at a time, each with the status fields of its articles and their copies:
        the records read at once stay bounded however many articles a batch's links reach."""
        for i in range(0, len(rowids), RECORDS_AT_ONCE):
            chunk = rowids[i : i + RECORDS_AT_ONCE]
            wanted = {r for a in chunk for r in (a, *copies.get(a, ()))}
            yield chunk, self.store.connect_records(sorted(wanted), STATUS_FIELDS)


def _meeting(link: Mapping[str, Any]) -> str:
    """The meeting a link goes to: the event of the assignment's article (or the article)."""
    return str(link.get("article_event") or link["article_id"])


def _best_meeting(links: Sequence[Mapping[str, Any]]) -> str:
    """The meeting whose assignments a report matches best (the highest link score; ties: the later
    event id, which starts with the region and the date of its first report)."""
    return max(((lk["score"], _meeting(lk)) for lk in links), default=(0.0, ""))[1]


def _chosen(links: Sequence[dict[str, Any]], report_lang: str | None) -> list[dict[str, Any]]:
    """One linked article per reported meeting (see ``followup.best_per_event``)."""
    objs = [
        followup.Link(lk["article_id"], lk["idx"], lk["report_id"], lk["kind"], lk["score"]) for lk in links
    ]
    event_of = {lk["article_id"]: lk.get("article_event") for lk in links}
    lang_of = {lk["article_id"]: lk.get("article_lang") for lk in links}
    keep = {(lk.article_id, lk.index) for lk in followup.best_per_event(objs, event_of, lang_of, report_lang)}
    return [lk for lk in links if (lk["article_id"], lk["idx"]) in keep]


def _with_statuses(
    assignments: Sequence[Any], rowid: int, links: dict[tuple[int, int], list[dict[str, Any]]], today: date
) -> list[Any]:
    out = []
    for i, a in enumerate(assignments):
        if not isinstance(a, dict):
            out.append(a)
            continue
        lks = sorted(
            links.get((rowid, i), []), key=lambda lk: (lk["report_published"] or "", lk["report_id"])
        )
        objs = [followup.Link("", i, lk["report_id"], lk["kind"], lk["score"]) for lk in lks]
        item = {**a, "status": followup.status(parse_day(a.get("deadline")), objs, today)}
        if lks:
            item["followed_up_by"] = [lk["report_id"] for lk in lks]
        else:
            item.pop("followed_up_by", None)
        out.append(item)
    return out


def _merge_statuses(target: Sequence[Any], source: Sequence[Any]) -> list[Any]:
    """The target's assignments with the statuses of the source's (a copy has the same list)."""
    out = []
    for i, a in enumerate(target):
        src = source[i] if i < len(source) and isinstance(source[i], dict) else None
        if isinstance(a, dict) and src is not None:
            item = {**a, "status": src.get("status")}
            if src.get("followed_up_by"):
                item["followed_up_by"] = src["followed_up_by"]
            else:
                item.pop("followed_up_by", None)
            out.append(item)
        else:
            out.append(a)
    return out
