"""The REST API over real HTTP: a uvicorn server on 127.0.0.1 serving the demo store (see live.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zholdau.knowledge import load_knowledge

from .live import EVENT, OFFICIAL, LiveServer, copy_of_demo, demo_db, extra_articles

RU_ID, KK_ID, COPY_ID = (a.record["id"] for a in extra_articles())


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    with LiveServer(demo_db(), token="read-tests") as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def items(body: dict[str, Any]) -> list[dict[str, Any]]:
    return list(body["items"])


# --- reads ---------------------------------------------------------------------------------------------
READS: list[tuple[str, Callable[[Any], bool]]] = [
    ("/api/health", lambda b: b["status"] == "ok" and b["articles"] > 50 and b["writes_enabled"] is True),
    ("/api/articles?limit=5", lambda b: len(b["items"]) == 5 and b["next_cursor"] and b["total"] > 50),
    (
        "/api/articles?region=KZ-39",
        lambda b: items(b) and all(i["primary_region"] == "KZ-39" for i in items(b)),
    ),
    (
        "/api/articles?region=kz-39",
        lambda b: items(b) and all(i["primary_region"] == "KZ-39" for i in items(b)),
    ),
    ("/api/articles?lang=kk&limit=200", lambda b: items(b) and all(i["lang"] == "kk" for i in items(b))),
    (
        "/api/articles?since=2021-01-01&until=2021-12-31",
        lambda b: items(b) and all("2021-01-01" <= i["published"] <= "2021-12-31" for i in items(b)),
    ),
    (
        "/api/articles?address=2024-09-02",
        lambda b: items(b) and all("2024-09-02" in i["addresses"] for i in items(b)),
    ),
    ("/api/articles?topic=energy", lambda b: items(b) and all("energy" in i["topics"] for i in items(b))),
    # one article per text, its syndicated copies listed on it, unless hide_copies=false
    (
        "/api/articles?outlet=Тест Қостанай",
        lambda b: (
            {i["id"]: [c["id"] for c in i["copies"]] for i in items(b)} == {RU_ID: [COPY_ID], KK_ID: []}
        ),
    ),
    (
        "/api/articles?outlet=Тест Қостанай&hide_copies=true",
        lambda b: {i["id"] for i in items(b)} == {RU_ID, KK_ID} and b["total"] == 2,
    ),
    (
        "/api/articles?outlet=Тест Қостанай&hide_copies=false",
        lambda b: {i["id"] for i in items(b)} == {RU_ID, KK_ID, COPY_ID} and b["total"] == 3,
    ),
    (
        "/api/search?q=теплосети",
        lambda b: (
            [(i["id"], i["copies"][0]["outlet"]) for i in items(b) if i["copies"]]
            == [(RU_ID, "Тест Қостанай")]
        ),
    ),
    ("/api/articles?official=кайрат  ахметов", lambda b: {i["id"] for i in items(b)} == {RU_ID}),
    (
        "/api/articles?official=кайрат  ахметов&hide_copies=0",
        lambda b: {i["id"] for i in items(b)} == {RU_ID, COPY_ID},
    ),
    (
        "/api/articles?sort=oldest&limit=3",
        lambda b: [i["published"] or "" for i in items(b)] == sorted(i["published"] or "" for i in items(b)),
    ),
    (
        "/api/regions",
        lambda b: (
            len(b) == 20
            and all(r["tile"] and r["name_kk"] for r in b)
            and next(r for r in b if r["code"] == "KZ-39")["articles"] >= 3
        ),
    ),
    (
        "/api/addresses",
        lambda b: (
            len(b) == len(load_knowledge().addresses)
            and next(a for a in b if a["id"] == "2024-09-02")["articles"] >= 3
        ),
    ),
    ("/api/topics", lambda b: {t["code"] for t in b} == {t.code for t in load_knowledge().topics}),
    (
        "/api/coverage?by=region,address",
        lambda b: (
            b["by"] == ["region", "address"]
            and next(c for c in b["cells"] if c["region"] == "KZ-39" and c["address"] == "2024-09-02")[
                "articles"
            ]
            >= 3
        ),
    ),
    (
        "/api/coverage",
        lambda b: (
            b["by"] == ["region", "address", "month"] and sum(c["articles"] for c in b["cells"]) >= b["total"]
        ),
    ),
    ("/api/coverage?by=week&region=KZ-39", lambda b: any(c["week"] == "2024-09-09" for c in b["cells"])),
    (
        "/api/assignments?status=overdue",
        lambda b: (
            {a["status"] for a in items(b)} == {"overdue"} and RU_ID in {a["article_id"] for a in items(b)}
        ),
    ),
    (
        "/api/assignments?region=KZ-39&sort=deadline",
        lambda b: (
            len(items(b)) >= 3
            and {a["primary_region"] for a in items(b)} == {"KZ-39"}
            and [a["deadline"] for a in items(b) if a["deadline"]]
            == sorted(a["deadline"] for a in items(b) if a["deadline"])
            and "2024-11-01" in {a["deadline"] for a in items(b)}
        ),
    ),
    (
        "/api/officials?region=KZ-39",
        lambda b: any(
            o["name"] == OFFICIAL and o["articles"] == 1 and o["first_seen"] == "2024-09-10" for o in items(b)
        ),
    ),
    (
        "/api/officials?region=KZ-39&hide_copies=false",
        lambda b: any(o["name"] == OFFICIAL and o["articles"] == 2 for o in items(b)),
    ),
    (
        "/api/events",
        lambda b: any(
            e["event_id"] == EVENT and e["langs"] == ["kk", "ru"] and e["articles"] == 2 for e in items(b)
        ),
    ),
    (
        "/api/events?hide_copies=false",
        lambda b: any(e["event_id"] == EVENT and e["articles"] == 3 for e in items(b)),
    ),
    ("/api/stats", lambda b: b["articles"] > 50 and "KZ-39" in b["by_region"] and b["copies"] >= 1),
]


@pytest.mark.parametrize(
    ("query", "copies_counted"),
    [("", False), ("hide_copies=true", False), ("hide_copies=false", True), ("hide_copies=no", True)],
)
def test_counts_are_one_per_text_unless_copies_are_asked_for(
    api: httpx.Client, query: str, copies_counted: bool
) -> None:
    every = api.get("/api/stats?hide_copies=false").json()
    expected = every["articles"] - (0 if copies_counted else every["copies"])
    stats = api.get(f"/api/stats?{query}").json()
    coverage = api.get(f"/api/coverage?by=region&{query}").json()
    regions = api.get(f"/api/regions?{query}").json()
    assert every["copies"] >= 3  # the demo's copies and the test copy
    assert stats["articles"] == api.get(f"/api/articles?{query}").json()["total"] == expected
    assert coverage["total"] == sum(c["articles"] for c in coverage["cells"]) == expected
    assert sum(stats["by_region"].values()) == expected
    assert [r["articles"] for r in regions] == [stats["by_region"].get(r["code"], 0) for r in regions]


@pytest.mark.parametrize(("path", "check"), READS)
def test_read_endpoints(api: httpx.Client, path: str, check: Callable[[Any], bool]) -> None:
    r = api.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["server-timing"].startswith("app;dur=")
    assert check(r.json())


@pytest.mark.parametrize(
    "params", [{}, {"lang": "ru"}, {"q": "послание", "sort": "relevance"}, {"q": "жолдау", "sort": "newest"}]
)
def test_cursor_pages_walk_every_article_once(api: httpx.Client, params: dict[str, str]) -> None:
    seen: list[str] = []
    cursor = None
    total = api.get("/api/articles", params={**params, "limit": 1}).json()["total"]
    while True:
        body = api.get(
            "/api/articles", params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == total > 0


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("Ахметова", RU_ID),  # the name inflected differently from the query
        ("теплосети", RU_ID),
        ("жылу желілері", KK_ID),
        ("Қайрат Ахметов", KK_ID),
    ],
)
def test_search_finds_inflected_forms_with_snippets_and_facets(
    api: httpx.Client, query: str, expected_id: str
) -> None:
    body = api.get("/api/search", params={"q": query, "facets": "true"}).json()
    hit = next(i for i in body["items"] if i["id"] == expected_id)
    assert "<mark>" in hit["snippet"]
    assert body["total"] >= 1
    assert {"region", "address", "lang", "topic", "outlet", "year"} == set(body["facets"])
    assert "KZ-39" in {f["value"] for f in body["facets"]["region"]}
    assert all(f["articles"] >= 1 for f in body["facets"]["region"])


def test_a_search_counts_its_matches_up_to_a_bound(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past TOTAL_AT_MOST matches the count stops and says so: counting every match of a common word in a
    million articles takes seconds."""
    import zholdau.store.base as base

    every = {"q": "аким", "hide_copies": "false"}
    exact = api.get("/api/search", params={**every, "limit": 1}).json()
    assert exact["total_exact"] is True and exact["total"] > 3
    monkeypatch.setattr(base, "TOTAL_AT_MOST", 3)
    for path in ("/api/search", "/api/articles"):
        body = api.get(path, params={**every, "limit": 1}).json()
        assert (body["total"], body["total_exact"]) == (3, False), path
    few = api.get("/api/search", params={"q": "теплосети", "limit": 1}).json()
    assert (few["total"], few["total_exact"]) == (2, True)


def test_article_detail_has_evidence_highlights_and_related(api: httpx.Client) -> None:
    body = api.get(f"/api/articles/{RU_ID}", params={"raw": "true"}).json()
    assert body["id"] == RU_ID and body["raw_text"].startswith("В Костанае")
    rules = {(h["field"], h["rule"]) for h in body["highlights"]}
    assert ("officials", "ru_post_before_name") in rules and ("assignments", "assignment_cue") in rules
    for h in body["highlights"]:
        assert body["text"][h["start"] : h["end"]] == h["text"]
    assert [h["id"] for h in body["related"]["duplicates"]] == [COPY_ID]
    assert [h["id"] for h in body["related"]["same_event"]] == [KK_ID]
    assert api.get(f"/api/articles/{RU_ID[:8]}").json()["id"] == RU_ID  # a unique prefix


# --- bad input -----------------------------------------------------------------------------------------
BAD = [
    ("/api/articles?since=2021-13-01", "since"),
    ("/api/articles?until=yesterday", "until"),
    ("/api/articles?since=2022-01-01&until=2021-01-01", "until"),
    ("/api/articles?lang=de", "lang"),
    ("/api/articles?region=KZ-99", "region"),
    ("/api/articles?address=1999-01-01", "address"),
    ("/api/articles?topic=cars", "topic"),
    ("/api/articles?hide_copies=maybe", "hide_copies"),
    ("/api/stats?hide_copies=maybe", "hide_copies"),
    ("/api/articles?limit=0", "limit"),
    ("/api/articles?limit=lots", "limit"),
    ("/api/articles?sort=random", "sort"),
    ("/api/articles?cursor=not-a-cursor", "cursor"),
    ("/api/search?q=школа&cursor=eyJrIjpbIngiLDFdfQ", "cursor"),  # a cursor of another sort order
    ("/api/coverage?by=colour", "by"),
    ("/api/coverage?by=region,region", "by"),
    ("/api/export?format=pdf", "format"),
    ("/api/articles/NOT-AN-ID", "article_id"),
    ("/api/assignments?status=DROP%20TABLE", "status"),
    ("/api/officials?q=аким", "q"),
    ("/api/articles?q=" + "слово " * 100, "q"),
]


@pytest.mark.parametrize(("path", "param"), BAD)
def test_bad_parameters_are_422_naming_the_parameter(api: httpx.Client, path: str, param: str) -> None:
    r = api.get(path)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["status"] == 422 and param in {p["param"] for p in err["problems"]}
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    ("method", "path", "status", "words"),
    [
        ("GET", "/api/articles/0123456789abcdef", 404, "no article"),
        ("GET", "/api/nothing-here", 404, "/docs"),
        ("POST", "/api/articles", 405, "not allowed"),
        ("PUT", "/api/ingest", 405, "not allowed"),
    ],
)
def test_missing_things_are_json_errors(
    api: httpx.Client, method: str, path: str, status: int, words: str
) -> None:
    r = api.request(method, path)
    assert r.status_code == status
    assert words in r.json()["error"]["message"]


def test_openapi_documents_the_endpoints(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/coverage",
        "/api/regions",
        "/api/addresses",
        "/api/assignments",
        "/api/officials",
        "/api/events",
        "/api/export",
        "/api/ingest",
    ):
        assert p in paths
    assert api.get("/docs").status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=60), name=st.sampled_from(["q", "outlet", "official", "region", "since", "cursor"])
)
def test_any_parameter_text_is_answered_never_crashes(api: httpx.Client, text: str, name: str) -> None:
    r = api.get("/api/search", params={name: text})
    assert r.status_code in (200, 422), r.text
    assert "error" in r.json() if r.status_code == 422 else "items" in r.json()


# --- exports -------------------------------------------------------------------------------------------
def _rows(fmt: str, data: bytes) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        return list(pq.read_table(pa.BufferReader(data)).to_pylist())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    return [{"row": m} for m in re.findall(r"<row ", sheet)][1:]  # the header is the first row


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("jsonl", "application/x-ndjson"),
        ("csv", "text/csv"),
        ("parquet", "application/vnd.apache.parquet"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
@pytest.mark.parametrize("params", [{"region": "KZ-39"}, {"lang": "kk"}, {"q": "теплосети"}])
def test_exports_stream_every_matching_article(
    api: httpx.Client, fmt: str, media: str, params: dict[str, str]
) -> None:
    # an export keeps every syndicated copy (the listings show one article per text)
    total = api.get("/api/articles", params={**params, "limit": 1, "hide_copies": "false"}).json()["total"]
    with api.stream("GET", "/api/export", params={**params, "format": fmt}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith(media)
        assert f".{fmt}" in r.headers["content-disposition"]
        data = b"".join(r.iter_bytes())
    rows = _rows(fmt, data)
    assert len(rows) == total > 0
    if fmt == "parquet":
        assert all(isinstance(row["regions"], list) for row in rows)


@pytest.mark.parametrize(
    ("params", "copies_kept"),
    [({}, True), ({"hide_copies": "false"}, True), ({"hide_copies": "true"}, False)],
)
def test_exports_keep_every_copy_unless_told(
    api: httpx.Client, params: dict[str, str], copies_kept: bool
) -> None:
    every = api.get("/api/stats?hide_copies=false").json()
    rows = _rows("jsonl", api.get("/api/export", params={**params, "format": "jsonl"}).content)
    copies = [r for r in rows if r.get("duplicate_of")]
    assert len(rows) == every["articles"] - (0 if copies_kept else every["copies"])
    assert len(copies) == (every["copies"] if copies_kept else 0)
    assert (COPY_ID in {r["id"] for r in copies}) is copies_kept


# --- writes --------------------------------------------------------------------------------------------
GOOD_LINES = [
    {
        "text": "Аким Жамбылской области провёл встречу с жителями Тараза, посвящённую Посланию Главы государства "
        "от 2 сентября 2024 года. Обсуждали строительство школ и ремонт дорог.",
        "url": "https://example.kz/news/taraz-1",
        "published": "2024-09-12",
        "title": "Встреча в Таразе",
    },
    {
        "text": "Жамбыл облысының әкімі Тараз қаласының тұрғындарымен кездесіп, Мемлекет басшысының Жолдауын "
        "түсіндірді. Мектептер салу мен жол жөндеу талқыланды.",
        "published": "2024-09-13",
        "outlet": "Тест Тараз",
    },
]


def jsonl(lines: list[Any]) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines).encode(
        "utf-8"
    )


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = copy_of_demo(tmp_path_factory.mktemp("writes") / "w.db")
    with LiveServer(db, token="s3cret") as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = copy_of_demo(tmp_path_factory.mktemp("ro") / "r.db")
    with LiveServer(db, token=None) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


AUTH = {"Authorization": "Bearer s3cret"}


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "words"),
    [
        ("POST", "/api/ingest", {}, 401, "Authorization: Bearer"),
        ("POST", "/api/ingest", {"Authorization": "Bearer wrong"}, 403, "wrong"),
        ("POST", "/api/ingest", {"Authorization": "Basic s3cret"}, 401, "token"),
        ("DELETE", f"/api/articles/{RU_ID}", {}, 401, "token"),
        ("DELETE", f"/api/articles/{RU_ID}", {"X-API-Token": "nope"}, 403, "wrong"),
    ],
)
def test_writes_need_the_right_token(
    writable: httpx.Client, method: str, path: str, headers: dict[str, str], status: int, words: str
) -> None:
    r = writable.request(method, path, headers=headers, content=jsonl(GOOD_LINES))
    assert r.status_code == status
    assert words in r.json()["error"]["message"]
    assert writable.get(f"/api/articles/{RU_ID}").status_code == 200  # nothing was deleted


@pytest.mark.parametrize(("method", "path"), [("POST", "/api/ingest"), ("DELETE", f"/api/articles/{RU_ID}")])
def test_without_a_configured_token_writes_are_disabled(
    read_only: httpx.Client, method: str, path: str
) -> None:
    r = read_only.request(
        method, path, headers={"Authorization": "Bearer anything"}, content=jsonl(GOOD_LINES)
    )
    assert r.status_code == 403
    assert "ZHOLDAU_API_TOKEN" in r.json()["error"]["message"]
    assert read_only.get("/api/health").json()["writes_enabled"] is False


def test_ingest_jsonl_then_search_then_again_nothing_new(writable: httpx.Client) -> None:
    body = jsonl([*GOOD_LINES, "{this is not json"])
    r = writable.post(
        "/api/ingest",
        content=body,
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
        params={"source": "taraz.jsonl"},
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["ingested"], got["duplicates"], got["rejected"]) == (2, 0, 1)
    assert got["rejections"][0]["source"].endswith("taraz.jsonl#L3")
    new_ids = {a["id"] for a in got["articles"]}
    found = writable.get("/api/search", params={"q": "Таразе"}).json()
    assert new_ids & {i["id"] for i in found["items"]}
    again = writable.post("/api/ingest", content=jsonl(GOOD_LINES), headers=AUTH).json()
    assert (again["ingested"], again["duplicates"]) == (0, 2)


def test_ingest_multipart_files(writable: httpx.Client) -> None:
    text = (
        "Павлодар облысында Мемлекет басшысының Жолдауын түсіндіру тобы аудандарда кездесулер өткізді. "
        "Экибастұзда жаңа аурухана салынады."
    ).encode()
    r = writable.post(
        "/api/ingest", headers=AUTH, files=[("files", ("ekibastuz_2024.txt", text, "text/plain"))]
    )
    assert r.status_code == 200, r.text
    assert r.json()["ingested"] == 1
    assert r.json()["articles"][0]["source"].endswith("ekibastuz_2024.txt")


@pytest.mark.parametrize(
    ("content", "headers", "status", "words"),
    [
        (b"", {}, 422, "empty"),
        (b"   \n  ", {"Content-Type": "application/x-ndjson"}, 422, "empty"),
        (b"{broken\n[1, 2]\n", {"Content-Type": "application/x-ndjson"}, 422, "nothing could be ingested"),
        (b"<html></html>", {"Content-Type": "text/html"}, 415, "cannot ingest content type"),
        (b"--x--", {"Content-Type": "multipart/form-data; boundary=x"}, 422, "no files"),
    ],
)
def test_bad_ingest_bodies_get_a_clear_answer(
    writable: httpx.Client, content: bytes, headers: dict[str, str], status: int, words: str
) -> None:
    r = writable.post("/api/ingest", content=content, headers={**AUTH, **headers})
    assert r.status_code == status, r.text
    assert words in r.json()["error"]["message"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300))
def test_arbitrary_bytes_to_ingest_never_crash(writable: httpx.Client, body: bytes) -> None:
    r = writable.post("/api/ingest", content=body, headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code in (200, 422), r.text
    assert "Traceback" not in r.text


def test_delete_removes_the_article_everywhere(writable: httpx.Client) -> None:
    every = {"official": OFFICIAL, "hide_copies": "false"}
    before = writable.get("/api/articles", params=every).json()["total"]
    r = writable.delete(f"/api/articles/{COPY_ID}", headers=AUTH)
    assert r.status_code == 200 and r.json() == {"deleted": COPY_ID}
    assert writable.get(f"/api/articles/{COPY_ID}").status_code == 404
    assert writable.get("/api/articles", params=every).json()["total"] == before - 1
    assert writable.get(f"/api/articles/{RU_ID}").json()["related"]["duplicates"] == []
    assert writable.delete(f"/api/articles/{COPY_ID}", headers=AUTH).status_code == 404
    assert writable.delete(f"/api/articles/{COPY_ID[:8]}", headers=AUTH).status_code == 422  # full ids only


def test_demo_store_is_untouched_by_the_write_tests() -> None:
    assert Path(demo_db()).exists()
