"""Connect the record: syndicated copies, events across languages, assignment follow-ups, registers.

* :mod:`zholdau.connect.dedup` — MinHash (datasketch) signatures and LSH band keys: ``duplicate_of``;
* :mod:`zholdau.connect.events` — one ``event_id`` per meeting, Kazakh and Russian reports together;
* :mod:`zholdau.connect.embedding` — the optional multilingual embedding the event matcher consults;
* :mod:`zholdau.connect.followup` — later reports linked to assignments (``follows_up``) and statuses;
* :mod:`zholdau.connect.registers` — officials over time, promised vs reported figures;
* :mod:`zholdau.connect.runner` — :func:`connect_store`, the incremental step over a store (ingest runs
  it for the new articles; ``zholdau connect --recompute`` runs it from scratch).

The matchers are pure (records in, decisions with named reasons out); only the runner touches the
store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zholdau.connect.runner import ConnectReport

__all__ = ["ConnectReport", "connect_store"]


def connect_store(*args: Any, **kwargs: Any) -> ConnectReport:
    """See :func:`zholdau.connect.runner.connect_store` (imported on first use: numpy, datasketch)."""
    from zholdau.connect.runner import connect_store as run

    return run(*args, **kwargs)
