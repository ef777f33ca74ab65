"""The pipeline: an ordered list of named stages that turn a raw document into articles.

Each stage states what it reads and what it sets on the :class:`~zholdau.model.Article`. A stage
never calls another stage; the pipeline runs them in order. ``zholdau pipeline`` prints the list.
A stage may split one article into several (the cleaner does, for qTranslate files that carry a
Kazakh and a Russian version) or mark it for rejection (``article.reject``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from zholdau.config import Settings
from zholdau.model import Article, RawDocument, Rejection


@dataclass(frozen=True)
class Stage:
    """A named step: ``run(article, settings)`` changes the article in place or returns replacements."""

    name: str
    reads: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Article, Settings], list[Article] | None]
    doc: str = ""
    # what a failure of this stage does: "reject" the document (reading and cleaning), or "warn"
    # (extraction: the article is kept with the field empty and a warning saying which stage failed)
    on_error: str = "reject"

    def apply(self, article: Article, settings: Settings) -> list[Article]:
        out = self.run(article, settings)
        return [article] if out is None else out


def default_stages() -> list[Stage]:
    """The stages in the order they run (imported lazily so ``zholdau --help`` stays fast)."""
    from zholdau.stages import all_stages

    return all_stages()


def article_from_raw(doc: RawDocument) -> Article:
    meta = {
        k: v
        for k, v in {
            "title": doc.title,
            "published": doc.published,
            "outlet": doc.outlet,
            "author": doc.author,
            "encoding": doc.encoding,
        }.items()
        if v
    }
    meta.update(doc.meta)
    raw = doc.raw if doc.raw and doc.raw != doc.text.encode("utf-8") else b""
    return Article(
        source=doc.source, raw_text=doc.text, kind=doc.kind, url=doc.url, raw_meta=meta, raw_bytes=raw
    )


class Pipeline:
    """Runs the stages over raw documents; yields finished articles and rejections."""

    def __init__(self, settings: Settings, stages: list[Stage] | None = None) -> None:
        self.settings = settings
        self.stages = stages if stages is not None else default_stages()

    def describe(self) -> list[tuple[str, str, str, str]]:
        return [(s.name, ", ".join(s.reads), ", ".join(s.sets), s.doc) for s in self.stages]

    def process(self, doc: RawDocument) -> list[Article | Rejection]:
        """All stages over one raw document. A stage that raises turns the document into a rejection."""
        articles = [article_from_raw(doc)]
        results: list[Article | Rejection] = []
        for stage in self.stages:
            next_round: list[Article] = []
            for art in articles:
                try:
                    produced = stage.apply(art, self.settings)
                except Exception as exc:  # a bug or an input we did not foresee: keep it, go on
                    if stage.on_error == "warn":
                        art.warn(
                            f"stage {stage.name!r} failed ({type(exc).__name__}: {exc}); its fields are "
                            "empty for this article; please report this input"
                        )
                        next_round.append(art)
                        continue
                    results.append(
                        Rejection(
                            source=art.source,
                            stage=stage.name,
                            message=f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}; "
                            "please report this input",
                            raw=doc.raw or art.raw_text.encode("utf-8"),
                        )
                    )
                    continue
                for p in produced:
                    if p.reject:
                        results.append(
                            Rejection(
                                source=p.source,
                                stage=stage.name,
                                message=p.reject,
                                raw=doc.raw or p.raw_text.encode("utf-8"),
                            )
                        )
                    else:
                        next_round.append(p)
            articles = next_round
        results.extend(articles)
        return results

    def run(self, items: Iterable[RawDocument | Rejection]) -> Iterator[Article | Rejection]:
        for item in items:
            if isinstance(item, Rejection):
                yield item
            else:
                yield from self.process(item)
