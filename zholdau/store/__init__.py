"""Storage: the interface (base.py) and its backends (sqlite.py, postgres.py)."""

from zholdau.store.base import ALL_ARTICLES, AddResult, Filters, Hit, Store, StoredArticle, open_store

__all__ = ["ALL_ARTICLES", "AddResult", "Filters", "Hit", "Store", "StoredArticle", "open_store"]
