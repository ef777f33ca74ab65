"""URL canonicalisation: every spelling of one article gives one key; different pages stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zholdau.crawl.urls import BadURL, canonical, clean, origin, same_site

BASE = "https://ortalyk.kz/news/2025/09/akim-zholdau"


@pytest.mark.parametrize("url", [
    BASE,
    BASE + "/",
    BASE + "?utm_source=telegram&utm_medium=social&utm_campaign=zholdau",
    BASE + "#comments",
    BASE + "/?fbclid=IwAR0abc#top",
    "HTTPS://Ortalyk.KZ/news/2025/09/akim-zholdau",
    "https://ortalyk.kz:443/news/2025/09/akim-zholdau",
    "https://ortalyk.kz/news/2025/09/../09/akim-zholdau",
    "https://ortalyk.kz/news/2025/09/./akim-zholdau?yclid=123&gclid=456",
    "  https://ortalyk.kz/news/2025/09/akim-zholdau  ",
])  # fmt: skip
def test_spellings_of_one_article_have_one_key(url: str) -> None:
    assert canonical(url) == BASE


@pytest.mark.parametrize("a, b", [
    ("https://ortalyk.kz/news/1", "https://ortalyk.kz/news/2"),
    ("https://ortalyk.kz/news/1", "http://ortalyk.kz/news/1"),  # the scheme may serve different content
    ("https://ortalyk.kz/news/1", "https://www.ortalyk.kz/news/1"),  # www is another host
    ("https://ortalyk.kz/news?id=1", "https://ortalyk.kz/news?id=2"),
    ("https://gov.kz/memleket/entities/aktobe/press/news/details/5?lang=ru",
     "https://gov.kz/memleket/entities/aktobe/press/news/details/5?lang=kk"),
    ("https://ortalyk.kz/news/a%2Fb", "https://ortalyk.kz/news/a/b"),  # an escaped slash is not a slash
])  # fmt: skip
def test_different_pages_keep_different_keys(a: str, b: str) -> None:
    assert canonical(a) != canonical(b)


@pytest.mark.parametrize("url, expected", [
    ("https://ortalyk.kz/жаңалықтар/жолдау", "https://ortalyk.kz/%D0%B6%D0%B0%D2%A3%D0%B0%D0%BB%D1%8B%D2%9B%D1%82%D0%B0%D1%80/%D0%B6%D0%BE%D0%BB%D0%B4%D0%B0%D1%83"),
    ("https://ortalyk.kz/%d0%b6%d0%be%d0%bb%d0%b4%d0%b0%d1%83", "https://ortalyk.kz/%D0%B6%D0%BE%D0%BB%D0%B4%D0%B0%D1%83"),
    ("https://ortalyk.kz/news/%7Etilde", "https://ortalyk.kz/news/~tilde"),
    ("https://ortalyk.kz/a?b=2&a=1&utm_term=x", "https://ortalyk.kz/a?a=1&b=2"),
    ("http://ortalyk.kz:80", "http://ortalyk.kz/"),
    ("https://әкімдік.қаз/news/1", "https://xn--d1albg3kc62g.xn--80ao21a/news/1"),
])  # fmt: skip
def test_canonical_forms(url: str, expected: str) -> None:
    assert canonical(url) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://ortalyk.kz/news/1/?utm_source=rss#x", "https://ortalyk.kz/news/1/"),  # the slash is kept
    ("https://ortalyk.kz/a?b=2&a=1", "https://ortalyk.kz/a?b=2&a=1"),  # the order is kept
    ("2?from_rss=1", "https://ortalyk.kz/news/2"),  # relative to the base
])  # fmt: skip
def test_clean_only_drops_what_the_server_never_needs(url: str, expected: str) -> None:
    assert clean(url, base="https://ortalyk.kz/news/1") == expected


@pytest.mark.parametrize(
    "url",
    [
        "mailto:press@akimat.kz",
        "ftp://ortalyk.kz/a",
        "javascript:void(0)",
        "https://",
        "https://ortalyk.kz:99999/",
        "",
    ],
)
def test_what_is_not_an_http_url_is_refused(url: str) -> None:
    with pytest.raises(BadURL):
        canonical(url)


@pytest.mark.parametrize("a, b, same", [
    ("https://www.ortalyk.kz/news/1", "https://ortalyk.kz/news/2", True),
    ("https://ortalyk.kz/news/1", "https://inform.kz/news/1", False),
    ("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a", False),
])  # fmt: skip
def test_same_site(a: str, b: str, same: bool) -> None:
    assert same_site(a, b) is same


def test_origin_is_scheme_host_and_port() -> None:
    assert origin("HTTP://127.0.0.1:8001/news/1?x=1") == "http://127.0.0.1:8001"
    assert origin("https://ortalyk.kz:443/x") == "https://ortalyk.kz"


segment = st.text(alphabet=st.sampled_from("abcжолдау-_.~%2F0123456789 ?&=#"), max_size=12)


@given(
    st.lists(segment, max_size=5), st.booleans(), st.sampled_from(["", "?utm_source=x", "?b=1&a=2", "#frag"])
)
def test_canonical_is_idempotent_and_never_raises_on_odd_paths(
    parts: list[str], slash: bool, tail: str
) -> None:
    url = "https://ortalyk.kz/" + "/".join(parts) + ("/" if slash else "") + tail
    try:
        key = canonical(url)
    except BadURL:
        return
    assert canonical(key) == key
    assert clean(key) == key or canonical(clean(key)) == key
