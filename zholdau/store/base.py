"""What a store can do. SQLite (default) and PostgreSQL implement this; contract tests run on both."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from zholdau.model import Rejection


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by search, export and the API."""

    region: str | None = None  # ISO 3166-2:KZ code of the primary region
    address: str | None = None  # Address id (its delivery date)
    lang: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    outlet: str | None = None
    topic: str | None = None


@dataclass(slots=True)
class StoredArticle:
    """An article as kept by the store: the export record plus the raw input."""

    record: dict[str, Any]
    raw_text: str
    raw: bytes | None = None
    rowid: int | None = None


@dataclass(slots=True)
class Hit:
    id: str
    source: str
    title: str | None
    published: str | None
    lang: str | None
    primary_region: str | None
    snippet: str
    score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "lang": self.lang,
            "primary_region": self.primary_region,
            "snippet": self.snippet,
            "score": self.score,
            **self.extra,
        }


@dataclass(slots=True)
class AddResult:
    new: int = 0
    duplicates: int = 0
    duplicate_ids: list[str] = field(default_factory=list)


class Store(ABC):
    """The storage interface. All writes of one call are one transaction."""

    url: str

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any]) -> int:
        """Record the start of an ingest run; returns its id."""

    @abstractmethod
    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None: ...

    @abstractmethod
    def add_articles(self, items: Sequence[StoredArticle], run_id: int | None = None) -> AddResult:
        """Insert articles not yet stored (identified by ``record['id']``); one transaction."""

    @abstractmethod
    def add_rejections(self, items: Sequence[Rejection], run_id: int | None = None) -> int:
        """Keep rejections; the same (source, stage) seen again is updated, not duplicated. Returns new ones."""

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None: ...

    @abstractmethod
    def search(self, query: str | None, filters: Filters = Filters(), limit: int = 20) -> list[Hit]: ...

    @abstractmethod
    def iter_records(self, filters: Filters = Filters(), batch: int = 500) -> Iterator[dict[str, Any]]: ...

    @abstractmethod
    def count(self, filters: Filters = Filters()) -> int: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]: ...

    @abstractmethod
    def runs(self, limit: int = 50) -> list[dict[str, Any]]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(url: str) -> Store:
    """A store for a SQLite path (default) or a ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from zholdau.store.postgres import PostgresStore  # type: ignore[import-not-found]

        return PostgresStore(url)  # type: ignore[no-any-return]
    from zholdau.store.sqlite import SQLiteStore

    return SQLiteStore(url)
