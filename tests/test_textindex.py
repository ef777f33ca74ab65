"""Snippets: where the query words are in a text, any inflected form, Kazakh or Russian."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau import textindex

TEXT = (
    "Аким области поручил акимам районов ускорить ремонт дорог. Послание Главы государства обсудили "
    "в Семее. Облыс әкімі Жолдауын іске асыру жөнінде тапсырма берді; әкімдерге мерзім белгіленді. "
    "Дороги отремонтируют к осени, а дорогу на Аягоз построят в 2026 году."
)


def _reference(text: str, lang: str | None, query: str) -> list[tuple[int, int]]:
    """Token by token, every word keyed: what matching_spans must find."""
    wanted = set().union(*(textindex.query_keys(w) for w in textindex.query_words(query)))
    doc = lang if lang in {"kk", "ru"} else None
    out = []
    for t in textindex.tokens(text):
        keys = {textindex.key(t.text, doc)} | (
            {textindex.key(t.text, "kk"), textindex.key(t.text, "ru")} if doc is None else set()
        )
        if keys & wanted:
            out.append((t.start, t.end))
    return out


def _words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_every_inflected_form_is_found_in_order() -> None:
    assert _words(TEXT, textindex.matching_spans(TEXT, "ru", "дорога")) == ["дорог", "Дороги", "дорогу"]
    assert _words(TEXT, textindex.matching_spans(TEXT, "kk", "әкім")) == ["әкімі", "әкімдерге"]
    assert _words(TEXT, textindex.matching_spans(TEXT, "ru", "аким поручил")) == ["Аким", "поручил", "акимам"]


def test_a_text_of_unknown_language_is_keyed_both_ways() -> None:
    spans = textindex.matching_spans(TEXT, None, "Жолдау послание")
    assert _words(TEXT, spans) == ["Послание", "Жолдауын"]
    assert spans == _reference(TEXT, None, "Жолдау послание")


def test_no_match_and_no_words() -> None:
    assert textindex.matching_spans(TEXT, "ru", "картофель") == []
    assert textindex.matching_spans("", "ru", "дорога") == []
    assert textindex.matching_spans(TEXT, "ru", "!!!") == []


def test_the_snippet_marks_the_matches() -> None:
    snip = textindex.snippet(TEXT, "ru", "дороги", width=80)
    assert "<mark>Дороги</mark>" in snip and "<mark>дорогу</mark>" in snip


_VOCAB = [*TEXT.replace(".", " ").replace(";", " ").replace(",", " ").split(), "ёлка", "Ёлки", "йогурт"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=40),
    st.sampled_from(["ru", "kk", None, "mixed"]),
    st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=3),
)
def test_spans_are_those_of_keying_every_word(words: list[str], lang: str | None, query: list[str]) -> None:
    text = " ".join(words)
    q = " ".join(query)
    assert textindex.matching_spans(text, lang, q) == _reference(text, lang, q)
