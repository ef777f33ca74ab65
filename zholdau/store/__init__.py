"""Storage: the interface (base.py) and its backends (sqlite.py, postgres.py)."""

from zholdau.store.base import AddResult, Filters, Hit, Store, StoredArticle, open_store

__all__ = ["AddResult", "Filters", "Hit", "Store", "StoredArticle", "open_store"]
