"""The one settings object: CLI flags override ``ZHOLDAU_*`` environment variables override defaults.

| setting        | env var                 | default         | meaning                                        |
|----------------|-------------------------|-----------------|------------------------------------------------|
| db             | ZHOLDAU_DB              | ./zholdau.db    | SQLite path or postgresql:// URL               |
| max_file_bytes | ZHOLDAU_MAX_FILE_BYTES  | 50000000        | bigger inputs are rejected (pointer kept)      |
| max_raw_keep   | ZHOLDAU_MAX_RAW_KEEP    | 5000000         | rejected bytes above this are kept as pointer  |
| batch_size     | ZHOLDAU_BATCH_SIZE      | 200             | articles written per transaction               |
| workers        | ZHOLDAU_WORKERS         | 1               | processes for ingest                           |
| today          | ZHOLDAU_TODAY           | today's date    | dates after this are "in the future"           |
| languages      | ZHOLDAU_LANGUAGES       | kk,ru           | languages we analyse                           |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

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
    today: date = field(default_factory=_today)
    languages: tuple[str, ...] = ("kk", "ru")

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
        given = {k: (_convert(k, v) if isinstance(v, str) and k != "db" else v)
                 for k, v in overrides.items() if v is not None}
        return replace(s, **given)

    def describe(self) -> list[tuple[str, str]]:
        return [(f.name, str(getattr(self, f.name))) for f in fields(self)]


def _convert(name: str, raw: str) -> Any:
    try:
        if name in {"max_file_bytes", "max_raw_keep", "batch_size", "workers"}:
            value = int(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        if name == "today":
            return date.fromisoformat(raw)
        if name == "languages":
            return tuple(x.strip() for x in raw.split(",") if x.strip())
        return raw
    except ValueError as exc:
        raise ConfigError(f"setting {name!r} (ZHOLDAU_{name.upper()}) cannot be {raw!r}: {exc}") from exc
