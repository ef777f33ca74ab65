"""One store connection per server thread (SQLite connections must not be shared between threads)."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from zholdau.store import Store, open_store


class StoreProvider:
    """Opens the store lazily, once per thread; :meth:`fresh` gives a private one (for streams)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def fresh(self) -> Store:
        """A store only the caller uses; the caller closes it."""
        return open_store(self.url)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                # closing at shutdown: one failure must not keep the others open
                with contextlib.suppress(Exception):
                    store.close()
            self._opened.clear()
        self._local = threading.local()


def store_of(request: Any) -> Store:
    """This thread's store for a request (call it in the endpoint body: FastAPI may run a route's
    dependencies on another thread than the route itself)."""
    store: Store = request.app.state.stores.get()
    return store
