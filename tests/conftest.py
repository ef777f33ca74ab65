"""Fixtures shared by every test folder: the session's throwaway PostgreSQL server (tests/pg_server.py)."""

from tests.pg_server import pg_database_url, pg_server, pg_url

__all__ = ["pg_database_url", "pg_server", "pg_url"]
