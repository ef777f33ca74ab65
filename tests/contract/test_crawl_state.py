"""The crawl state every store keeps (migration 0004): the same behaviour on every backend."""

from __future__ import annotations

from zholdau.store import Store
from zholdau.store.base import CrawlURL

H = "https://ortalyk.kz"


def url(path: str, **kw: object) -> CrawlURL:
    return CrawlURL(url=H + path, host=H, kind=str(kw.pop("kind", "page")), **kw)  # type: ignore[arg-type]


def test_add_keeps_known_urls_and_counts_the_new(store: Store) -> None:
    assert store.crawl_add([url("/a", source="s1"), url("/b", source="s1", lastmod="2025-09-10")]) == 2
    store.crawl_update([url("/a", source="s1", state="fetched", article_id="abc")])
    assert store.crawl_add([url("/a", source="s1", lastmod="2025-09-11"), url("/c", source="s1")]) == 1
    got = store.crawl_get([H + "/a", H + "/b", H + "/c", H + "/zzz"])
    assert sorted(got) == [H + "/a", H + "/b", H + "/c"]
    assert (
        got[H + "/a"].state == "fetched" and got[H + "/a"].lastmod == "2025-09-11"
    )  # a missing lastmod filled


def test_due_is_pending_and_retries_whose_time_has_come_newest_first(store: Store) -> None:
    store.crawl_update([
        url("/old", source="s1", lastmod="2025-01-01"),
        url("/new", source="s1", lastmod="2025-09-12"),
        url("/undated", source="s1"),
        url("/later", source="s1", state="retry", next_fetch_at="2099-01-01T00:00:00+00:00"),
        url("/now", source="s1", state="retry", next_fetch_at="2025-01-01T00:00:00+00:00", lastmod="2025-05-05"),
        url("/done", source="s1", state="fetched"),
        url("/other", source="s2"),
        url("/feed", source="s1", kind="feed"),
    ])  # fmt: skip
    due = store.crawl_due("2025-09-20T00:00:00+00:00", "page", ["s1"])
    assert [d.url[len(H) :] for d in due] == ["/new", "/now", "/old", "/undated"]
    assert len(store.crawl_due("2025-09-20T00:00:00+00:00", "page", None, limit=2)) == 2


def test_update_replaces_the_state_and_keeps_the_discovery_time(store: Store) -> None:
    store.crawl_add([url("/a", discovered_at="2025-09-01T00:00:00+00:00")])
    store.crawl_update(
        [
            url(
                "/a",
                state="retry",
                attempts=2,
                http_status=503,
                etag='"x"',
                last_modified="Wed, 10 Sep 2025 08:00:00 GMT",
                message="HTTP 503",
            )
        ]
    )
    row = store.crawl_get([H + "/a"])[H + "/a"]
    assert (row.state, row.attempts, row.http_status, row.etag, row.discovered_at) == (
        "retry",
        2,
        503,
        '"x"',
        "2025-09-01T00:00:00+00:00",
    )


def test_host_state_and_stats(store: Store) -> None:
    assert store.crawl_host(H) is None
    store.crawl_set_host(
        H, robots_status=200, robots="User-agent: *\nDisallow:", robots_fetched_at="2025-09-10"
    )
    store.crawl_set_host(H, paused_until="2025-09-10T01:00:00+00:00")
    host = store.crawl_host(H)
    assert (
        host is not None and host["robots_status"] == 200 and host["paused_until"].startswith("2025-09-10T01")
    )
    store.crawl_update(
        [url("/a", source="s1", state="fetched"), url("/b", source="s1"), url("/f", kind="feed")]
    )
    assert store.crawl_stats() == {"feed": {"pending": 1}, "page": {"fetched": 1, "pending": 1}}
    assert store.crawl_stats(["s1"]) == {"page": {"fetched": 1, "pending": 1}}
