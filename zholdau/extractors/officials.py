"""Officials: named people with a post ("аким области Нурлан Бекбосынов", "облыс әкімі Берік Уәли").

A person counts when the article gives them a post somewhere; one :class:`Match` is returned per
mention, and every mention of one person carries the same value (nominative name as the article
spells it, given name first; the post of the first mention that has one), so equal values merge.

Rules (the ``rule`` of each match):

* ``ru_post_before_name`` -- "заместитель акима области Айгуль Сарсенова", "акимом Алматинской
  области Амандыком Баталовым", "директор ТОО «Алматинские краски» Римма Салыкова": a title head
  ("аким", "заместитель", "руководитель", "директор", ...) followed by its genitive complement and
  the name; the post is given in the nominative ("аким алматинской области");
* ``ru_name_comma_post`` -- "Марат Жумабаев, аким Экибастуза," / "Марат Жумабаев – аким ...";
* ``kk_post_before_name`` -- "облыс әкімінің орынбасары Игорь Стексов", "облыс әкімі Берік Уәлидің":
  a genitive chain ending in a possessive head right before the name;
* ``kk_name_dash_post`` -- "Нұрлан Асқаров – аудан әкімі";
* ``list_shared_post`` -- "акимы районов Ерлан Ахметов и Марат Сеитов": a plural post shared by a
  coordinated list;
* ``name_seen_with_post_earlier`` -- a later (or earlier) mention of a person who has a post elsewhere
  ("По словам Амандыка Баталова", "Баталов поручил"), matched by the folded surname;
* ``known_person`` -- a national figure from ``given_names.yaml`` (the President) named without a
  title.

The level is ``national`` for national posts, else taken from the unit the post names (области /
облыс → region, города / қала or a city name → city, района / аудан → district, сельского округа /
ауылдық округ → rural) for akims, maslikhats and government bodies, else the level in
``posts.yaml``, else ``other``. People who never get a post (a quoted poet, the byline) are left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zholdau.extractors.base import Match, per_knowledge
from zholdau.extractors.names import (
    KK_LETTERS,
    NameCandidate,
    Token,
    WordPattern,
    detect_lang,
    find_names,
    fold,
    fold_letters,
    gazetteer,
    is_given_name,
    rx,
    tokenize,
)
from zholdau.extractors.phrases import TokenKeys
from zholdau.knowledge.loader import Knowledge, Post
from zholdau.morph import kazakh, russian

# --- post grammar -------------------------------------------------------------------------------------

# Russian title heads (lemmas). A post is a head with its genitive complement.
RU_HEADS = frozenset(
    {
        "аким", "заместитель", "замакима", "руководитель", "начальник", "директор", "председатель",
        "секретарь", "депутат", "министр", "вице-министр", "глава", "президент", "вице-президент", "ректор",
        "проректор", "прокурор", "сенатор", "мажилисмен", "член", "управляющий", "заведующий", "советник",
        "помощник", "уполномоченный", "командир", "командующий", "спикер", "премьер-министр", "вице-премьер",
        "госсекретарь", "главврач", "судья", "мэр", "губернатор", "посол", "консул", "атаман", "имам",
        "муфтий", "омбудсмен", "председательница", "руководительница", "директриса", "декан",
        "лидер", "елбасы",
    }
)  # fmt: skip
# Heads that need a modifier to be a post ("главный врач", "главный специалист").
RU_MODIFIED_HEADS = {"врач": ("главный",), "специалист": ("главный", "ведущий"), "инженер": ("главный",)}
RU_PRE_MODIFIERS = frozenset(
    {
        "первый", "главный", "генеральный", "исполнительный", "исполняющий", "обязанность", "временно",
        "бывший", "новый",
    }
)  # fmt: skip
# Kazakh title heads (stems); the head word is the stem with a possessive/plural ending or bare.
KK_HEADS = (
    "әкім", "орынбасар", "басшы", "хатшы", "төраға", "төрайым", "депутат", "директор", "меңгеруші",
    "бастық", "бастығ", "министр", "ректор", "проректор", "жетекші", "мүше", "президент", "елбасы",
    "кеңесші", "прокурор", "сенатор", "мәжілісмен", "дәрігер", "маман", "атқарушы", "уәкіл", "командир",
    "судья", "басқарушы", "спикер", "премьер-министр", "вице-министр", "декан", "имам", "мүфти",
)  # fmt: skip
_KK_HEAD_END = WordPattern(r"^(?:|ы|і|сы|сі|лары|лері|дары|дері|тары|тері)$")
# Kazakh word endings that end a post chain going left (locative, dative, ablative, instrumental,
# accusative, verb forms). Genitive, possessive and adjective endings do not.
_KK_STOP_END = WordPattern(
    r"(?:(?<!ғ)(?<!г)(?:да|де|та|те)|нда|нде|ға|ге|қа|ке|(?<=[ыі])на|(?<=[ыі])не|дан|ден|тан|тен|нан|нен|"
    r"мен|бен|пен|менен|ны|ні|ды|ді|ты|ті|ып|іп|ған|ген|қан|кен|атын|етін|йтын|йтін|ді|ма|ме|уы|уі|уда|уде)$"
)
# What a stemmer may cut off a word that still belongs in a post chain: nothing, or plural,
# possessive and genitive endings, or the attributive "-дағы".
_KK_NOMINAL_REST = WordPattern(
    r"^(?:(?:лар|лер|дар|дер|тар|тер)?(?:ы|і|сы|сі)?(?:ның|нің|дың|дің|тың|тің)?|(?:ы|і|сы|сі)?н?(?:дағы|дегі|тағы|тегі))$"
)
_KK_KEEP_END = WordPattern(r"(?:дағы|дегі|тағы|тегі|ндағы|ндегі|лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі)$")
KK_STOP_WORDS = frozenset(
    {
        "және", "мен", "бен", "пен", "ал", "сондай-ақ", "сонымен", "қатар", "осы", "бұл", "ол", "оның", "кеше",
        "бүгін", "ертең", "деп", "деді", "атап", "өтті", "сөз", "сөйледі", "айтты", "жиында", "жиынға",
        "жиынды", "барысында", "кезінде", "кейін", "соң", "үшін", "арқылы", "бойынша", "туралы", "жөнінде",
        "ретінде", "болып", "келген", "тағы", "да", "жиын", "отырыс", "кездесу", "іс-шара", "басқосу",
        "семинар", "форум", "шарада",
    }
)  # fmt: skip
_KK_STOP_FOLDED = frozenset(fold_letters(w) for w in KK_STOP_WORDS)
RU_STOP_WORDS = frozenset(["словам", "мнению", "заявил", "отметил", "сказал", "подчеркнул", "сообщил"])

_DASHES = ("–", "—", "-", "―")
_GOV_KEY = re.compile(r"akim|maslikhat|department|section|police|prosecutor|akim_office")
_NATIONAL_HEADS = frozenset(
    {
        "президент",
        "елбасы",
        "министр",
        "вице-министр",
        "премьер-министр",
        "сенатор",
        "мажилисмен",
        "мәжілісмен",
        "госсекретарь",
    }
)

_UNIT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "rural",
        rx(
            r"сельск\w* округ|аульн\w* округ|\bсел[аоуе]\b|\bпос[её]л\w*|\bаул[аеу]?\b|"
            r"ауылдық округ|\bауыл(?!\s+шаруашылығ)(?:\w*)|\bкент\w*|\bсельск\w* аким"
        ),
    ),
    ("district", rx(r"\bрайон\w*|\bаудан\w*")),
    ("city", rx(r"\bгород\w*|\bстолиц\w*|\bқала\w*|\bмэр\w*|\bастан\w*")),
    ("region", rx(r"\bобласт\w*|\bрегион\w*|\bоблыс\w*|\bөңір\w*|\bаймақ\w*|\bобл\w*")),
)


@dataclass
class _Mention:
    cand: NameCandidate
    post: str | None  # nominative, lower case
    post_start: int | None
    post_end: int | None
    rule: str
    post_key: str | None = None
    level: str | None = None
    raw_post: str = ""  # as written (letter case kept, for proper nouns in the post)

    @property
    def span(self) -> tuple[int, int]:
        start = min(self.cand.start, self.post_start if self.post_start is not None else self.cand.start)
        end = max(self.cand.end, self.post_end if self.post_end is not None else self.cand.end)
        return start, end


# --- knowledge indexes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostIndex:
    """Stems of every post as word-start lists, longest first (hyphenated stems stay one word);
    ``by_first`` files them under their first word in folded letters, so a word only meets the
    stems whose first word it starts with."""

    stems: tuple[tuple[tuple[str, ...], Post], ...]
    order: dict[str, int]
    by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...], Post], ...]]


@per_knowledge
def post_index(kb: Knowledge) -> PostIndex:
    """The stems of the knowledge base's posts (both languages)."""
    stems = [
        (tuple(part.replace("ё", "е") for part in stem.split()), p)
        for p in kb.posts
        for stem in (*p.stems_ru, *p.stems_kk)
    ]
    stems.sort(key=lambda e: (-len(e[0]), -len(" ".join(e[0]))))
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Post]]] = {}
    for parts, post in stems:
        folded = tuple(fold_letters(part) for part in parts)
        by_first.setdefault(folded[0] if folded else "", []).append((parts, folded, post))
    return PostIndex(
        tuple(stems),
        {p.key: n for n, p in enumerate(kb.posts)},
        {first: tuple(entries) for first, entries in by_first.items()},
    )


@functools.lru_cache(maxsize=65_536)
def ru_tag(word: str) -> tuple[str, frozenset[str]]:
    """(POS, grammemes) of the likeliest pymorphy3 reading of ``word``."""
    parse = russian.parse(word.lower())[0]
    return str(parse.tag.POS or ""), frozenset(str(g) for g in parse.tag.grammemes)


_RU_HEAD_PREFIXES = ("заведующ", "управляющ", "командующ", "исполнительн директор")


def _ru_head(word: str, previous: str | None = None) -> bool:
    """Is ``word`` a Russian title head? ``previous`` (the word before) licenses "главный врач"."""
    w = word.lower().replace("ё", "е")
    if w.startswith(_RU_HEAD_PREFIXES):
        return True
    lem = russian.lemma(w)
    if lem in RU_HEADS or w in RU_HEADS:
        return True
    mods = RU_MODIFIED_HEADS.get(lem)
    return bool(mods and previous and russian.lemma(previous.lower()) in mods)


_KK_HEADS_FOLDED = tuple(fold_letters(h) for h in KK_HEADS)


def kk_head(word: str) -> bool:
    """Is ``word`` a Kazakh title head in the nominative ("әкімі", "орынбасары", "басшысы")?"""
    w = word.lower()
    if any(ch in KK_LETTERS for ch in w):
        return any(w.startswith(stem) and _KK_HEAD_END.match(w[len(stem) :]) for stem in KK_HEADS)
    w = fold_letters(w)  # written without Kazakh letters: "облыс акими"
    return any(w.startswith(stem) and _KK_HEAD_END.match(w[len(stem) :]) for stem in _KK_HEADS_FOLDED)


def is_head(word: str, lang: str) -> bool:
    """True when ``word`` is the head noun of an official title in ``lang``."""
    return kk_head(word) if lang == "kk" else _ru_head(word)


def _ru_chain_ok(tok: Token) -> bool:
    """May this Russian word stand inside a post between its head and the name?"""
    w = tok.text
    if not w[:1].isalpha():
        return w.isdigit() or w in ("№", "«", "»", '"', "“", "”", "-")
    low = w.lower()
    if low in RU_STOP_WORDS:
        return False
    if w[:1].isupper():
        return True  # proper nouns, abbreviations: "Алматинской", "ТОО", "ЖКХ"
    if low in ("и", "по", "при", "с", "для", "из", "от"):
        return True
    pos, _ = ru_tag(low)
    return pos in ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO", "")


def kk_chain_ok(tok: Token) -> bool:
    """May this Kazakh word stand in a post's genitive chain?"""
    w = tok.text
    if not w[:1].isalpha():
        return w.isdigit() or w in ("№", "«", "»", '"', "“", "”")
    low = w.lower()
    folded = fold_letters(low)
    if folded in _KK_STOP_FOLDED:
        return False
    if w[:1].isupper() and not w[1:2].islower():
        return True  # abbreviations: "ҚХА", "БҚО"
    if _KK_KEEP_END.search(low) or not _KK_STOP_END.search(low):
        return True
    # "аудан", "қазан" end like a case suffix but are bare stems: ask the stemmer what was cut off
    stem = kazakh.stem(low)
    rest = low[len(stem) :] if low.startswith(stem) else None
    return rest is not None and bool(_KK_NOMINAL_REST.match(rest))


# --- finding posts next to names ----------------------------------------------------------------------

_BREAK_PUNCT = frozenset(",.;:!?()[]–—―…\n")


def _between(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]


def _post_before(
    text: str, toks: list[Token], first: int, lang: str, stops: set[int]
) -> tuple[int, int, int] | None:
    """(first token, head token, last token) of a post before token ``first`` (the name);
    ``stops`` are tokens of other names, which a post never crosses."""
    if first == 0:
        return None
    if lang == "kk":
        return _kk_post_before(text, toks, first, stops)
    return _ru_post_before(text, toks, first, stops)


def _ru_post_before(text: str, toks: list[Token], first: int, stops: set[int]) -> tuple[int, int, int] | None:
    head: int | None = None
    last = first - 1
    jumped = False
    k = first - 1
    steps = 0
    while k >= 0 and steps < 14:
        tok = toks[k]
        if "\n" in _between(text, tok, toks[k + 1]) or k in stops:
            break
        if (
            tok.text == ","
            and head is None
            and not jumped
            and k < first - 1
            and toks[k + 1].text[:1].islower()
        ):
            # "Депутат маслихата, фермер из Железинского района Серик Ержанов": a descriptor without a
            # title after the comma; the title before it is the person's post
            jumped = True
            last = k - 1
            k -= 1
            continue
        if tok.text == "." and _abbreviation_dot(toks, k):
            k -= 1
            continue  # "аким г. Павлодара", "и.о. акима района"
        if tok.text in _BREAK_PUNCT or (tok.text == "-" and _between(text, tok, toks[k + 1]) == " "):
            break
        if tok.is_word and _ru_head(tok.text, toks[k - 1].text if k > 0 else None):
            head = k
        elif not _ru_chain_ok(tok):
            break
        k -= 1
        steps += 1
    if head is None:
        return None
    start = head
    while start > 0:
        prev = toks[start - 1]
        if prev.is_word and _ru_modifier(prev.text):
            start -= 1
        elif (
            prev.text == "."
            and start >= 4
            and "".join(t.text for t in toks[start - 4 : start]).lower() == "и.о."
        ):
            start -= 4  # "и.о. акима района"
        else:
            break
    return start, head, last


# Abbreviations inside posts, followed by a dot that does not end the phrase.
_ABBREVIATIONS = frozenset(
    {"г", "гг", "обл", "с", "п", "пос", "им", "ул", "р", "рай", "мкр", "ст", "м", "а", "о", "и", "ауд", "қ", "кент"}
)  # fmt: skip


def _abbreviation_dot(toks: list[Token], k: int) -> bool:
    """Is the "." at ``k`` the dot of an abbreviation ("г.", "обл.", "и.о.", "м.а.")?"""
    return k > 0 and toks[k - 1].text.lower() in _ABBREVIATIONS and toks[k - 1].end == toks[k].start


def _ru_modifier(word: str) -> bool:
    low = word.lower()
    if low in ("врио",):
        return True
    return russian.lemma(low) in RU_PRE_MODIFIERS


def _kk_post_before(text: str, toks: list[Token], first: int, stops: set[int]) -> tuple[int, int, int] | None:
    k = first - 1
    if k >= 3 and "".join(t.text for t in toks[k - 3 : k + 1]).lower() == "м.а.":
        head = k - 3  # "облыс әкімінің м.а. Серік ...": the acting duty stands for the head
    elif toks[k].is_word and kk_head(toks[k].text):
        head = k
    else:
        return None
    if "\n" in text[toks[head].start : toks[first].start]:
        return None
    start = head
    national = _kk_national_head(toks, head)
    j = head - 1
    steps = 0
    while j >= 0 and steps < 8:
        tok = toks[j]
        if "\n" in _between(text, tok, toks[j + 1]) or tok.text in _BREAK_PUNCT or j in stops:
            break
        if national and not tok.text[:1].isupper():
            break  # "Қазақстан Республикасының Президенті", never "... активінің Елбасы"
        steps += 1
        if tok.text.lower() == "және":  # "энергетика және ... басқармасының басшысы": only inside the chain
            j -= 1
            continue
        acting = tok.text.lower() == "міндетін" and toks[j + 1].text.lower().startswith("атқарушы")
        if not acting and not kk_chain_ok(tok):
            break
        start = j
        j -= 1
    return start, head, k


def _kk_national_head(toks: list[Token], k: int) -> bool:
    low = toks[k].text.lower()
    if low.startswith(("президент", "елбасы")):
        return True
    return low.startswith("басшы") and k > 0 and toks[k - 1].text.lower() == "мемлекет"


def _post_after(
    text: str, toks: list[Token], last: int, lang: str, name_starts: set[int]
) -> tuple[int, int] | None:
    """(first token, last token) of an apposition post after the name: "Марат Жумабаев, аким Экибастуза"."""
    j = last + 1
    if j >= len(toks):
        return None
    sep = toks[j].text
    if sep not in (",", "(", *_DASHES) or "\n" in text[toks[last].end : toks[j].start]:
        return None
    if sep == "-" and text[toks[j].start - 1 : toks[j].start] != " ":
        return None
    j += 1
    if j >= len(toks):
        return None
    if lang == "kk":
        end = None
        k = j
        while k < len(toks) and k - j < 9 and toks[k].text not in _BREAK_PUNCT:
            if k in name_starts:
                return None  # the post belongs to the next name of a list
            if toks[k].is_word and kk_head(toks[k].text):
                end = k
                break
            if not kk_chain_ok(toks[k]):
                return None
            k += 1
        if end is None or (end + 1 < len(toks) and end + 1 in name_starts):
            return None
        return j, end
    start = j
    while start < len(toks) and toks[start].is_word and _ru_modifier(toks[start].text):
        start += 1
    if start >= len(toks) or not toks[start].is_word or not _ru_head(toks[start].text):
        return None
    k = start + 1
    end = start
    while k < len(toks) and k - start < 12 and toks[k].text not in _BREAK_PUNCT:
        if k in name_starts:
            return None
        if not _ru_chain_ok(toks[k]):
            break
        end = k
        k += 1
    return j, end


# --- post normal form, key and level ------------------------------------------------------------------


def _post_text(text: str, toks: list[Token], first: int, last: int, head: int | None, lang: str) -> str:
    """The post in the nominative, lower case: lemmatise the words up to the head (Russian)."""
    raw = _clean(text[toks[first].start : toks[last].end]).lower()
    if lang == "kk" or head is None or re.match(r"(?:и\.\s?о\.|врио|исполняющ)", raw):
        return raw  # "и.о. акима района": the head is the acting duty, the title stays genitive
    words = []
    for k in range(first, last + 1):
        tok = toks[k]
        piece = tok.text
        if k <= head and tok.is_word:
            piece = _ru_nominative_word(piece)
        words.append((piece, text[tok.end : toks[k + 1].start] if k < last else ""))
    return _clean("".join(w + g for w, g in words)).lower()


def _ru_nominative_word(word: str) -> str:
    low = word.lower()
    if low in ("обязанности",):
        return low
    pos, grams = ru_tag(low)
    if pos in ("NOUN", "ADJF", "PRTF") and "nomn" not in grams:
        lem = russian.lemma(low)
        return lem
    return low


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,–—-")


def post_key_of(post: str, lang: str, kb: Knowledge | None = None) -> Post | None:
    """The posts.yaml entry a post phrase names: the longest stem found word by word (in the post as
    written, or without its place names: "акимом Алматинской области" → "акимом области")."""
    if kb is None:
        return _default_post_key(post, lang)
    return _post_key(post, post_index(kb))


@functools.lru_cache(maxsize=16_384)
def _default_post_key(post: str, lang: str) -> Post | None:
    # the same post phrases come back in article after article; kb is not hashable, so the
    # default knowledge base gets a cache keyed on the strings
    return _post_key(post, post_index(None))


def _post_key(post: str, idx: PostIndex) -> Post | None:
    # post keys are unique (the loader checks), so ranks never tie and the search order is free
    best: tuple[tuple[int, int, int], Post] | None = None
    for variant in (_lower_words(post), _strip_places(post).split()):
        folded = [fold_letters(w) for w in variant]
        for n, word in enumerate(folded):
            # stems whose first word starts this word: look its prefixes up
            for size in range(len(word) + 1):
                for parts, folded_parts, post_obj in idx.by_first.get(word[:size], ()):
                    if n + len(parts) > len(variant) or not all(
                        folded[n + j].startswith(folded_parts[j]) for j in range(1, len(parts))
                    ):
                        continue
                    words = variant[n : n + len(parts)]
                    excludes = (*post_obj.exclude_ru, *post_obj.exclude_kk)
                    if any(w.startswith(e) for w in words for e in excludes):
                        continue
                    rank = (len(parts), len(" ".join(parts)), -idx.order[post_obj.key])
                    if best is None or rank > best[0]:
                        best = (rank, post_obj)
    return best[1] if best else None


def _lower_words(post: str) -> list[str]:
    return [t.text.lower().replace("ё", "е") for t in tokenize(post) if t.is_word]


def _strip_places(post: str) -> str:
    """The post without proper nouns and quoted names ("акимом Алматинской области" → "акимом области")."""
    post = re.sub(r"«[^»]*»|\"[^\"]*\"", " ", post)
    words = [t.text for t in tokenize(post) if t.is_word]
    kept = [w for n, w in enumerate(words) if n == 0 or not w[:1].isupper() or w.isupper()]
    return " ".join(w.lower().replace("ё", "е") for w in kept)


def unit_level(post: str, lang: str) -> str | None:
    """The level of the administrative unit a post names (nearest to the head), or None."""
    low = fold_letters(post.lower())
    found: list[tuple[int, str]] = []
    for level, pattern in _UNIT_PATTERNS:
        for m in pattern.finditer(low):
            found.append((m.start(), level))
    if not found:
        return None
    found.sort()
    if lang == "kk":
        return found[-1][1]  # "облыс әкімінің орынбасары": the unit nearest the head on its left
    return found[0][1]


def _place_level(post: str, kb: Knowledge | None) -> str | None:
    from zholdau.extractors.regions import region_index

    idx = region_index(kb)
    tk = TokenKeys(post)
    for hit in idx.places.find(tk):
        kinds = {p.kind for p in hit.payload}
        if "city" in kinds:
            return "city"
        if "district" in kinds:
            return "district"
        if kinds & {"town", "village"}:
            return "rural"
    regions = [r for h in (*idx.names.find(tk), *idx.stems.find(tk)) for r in h.payload]
    regions += [r for pattern, rs in idx.abbreviations if pattern.search(post) for r in rs]
    if regions:
        return "city" if all(r.kind == "city" for r in regions) else "region"
    return None


_AKIM_BY_LEVEL = {
    "region": "region_akim",
    "city": "city_akim",
    "district": "district_akim",
    "rural": "rural_akim",
}


def classify_post(
    post: str, lang: str, kb: Knowledge | None = None, context: str | None = None
) -> tuple[str | None, str]:
    """(posts.yaml key or None, level) of a post phrase as written.

    ``context`` is the level of the article's own bodies ("областного маслихата" → region); it
    decides for akimat and maslikhat posts that name no unit ("депутат маслихата").
    """
    p = post_key_of(post, lang, kb)
    key = p.key if p else None
    low = post.lower()
    heads = [t.text for t in tokenize(low) if t.is_word]
    head_word = next((w for w in heads if is_head(w, lang)), heads[0] if heads else "")
    if (p is not None and p.level == "national") or (
        p is None and russian.lemma(head_word) in _NATIONAL_HEADS
    ):
        if _foreign(post):
            return None, "other"
        return key, "national"
    gov = key is None or bool(_GOV_KEY.search(key)) or (p is not None and p.level != "other")
    if key is None and not re.search(
        r"аким|әкім|маслихат|мәслихат|управлен|басқарма|отдел|бөлім|департамент", low
    ):
        gov = False
    level = None
    if gov:
        level = unit_level(post, lang) or _place_level(post, kb) or context
        if level is None and key is None and re.search(r"управлен|басқарма", low):
            level = "region"
        if level is None and key is None and re.search(r"отдел|бөлім", low):
            level = "district"
    if level is None:
        level = p.level if p is not None else "other"
    if key == "akim" and level in _AKIM_BY_LEVEL:
        key = _AKIM_BY_LEVEL[level]
    return key, level


_DOMESTIC = (
    "казахстан",
    "қазақстан",
    "республик",
    "рк",
    "қр",
    "мажилис",
    "мәжіліс",
    "сенат",
    "парламент",
    "правительств",
    "үкімет",
    "государств",
    "мемлекет",
    "елбасы",
    "нур",
    "amanat",
    "аманат",
)


def _foreign(post: str) -> bool:
    """A president or minister of another country ("Ресей президенті", "министр иностранных дел России")."""
    words = [t.text for t in tokenize(post) if t.is_word]
    for n, w in enumerate(words):
        if not w[:1].isupper() or _is_head_any(w) or w.isupper():
            continue
        if n == 0 and not (len(words) > 1 and _is_head_any(words[1])):
            continue  # capitalised only because the sentence starts here
        if not fold(w).startswith(tuple(fold(d) for d in _DOMESTIC)):
            return True
    return False


_CONTEXT_UNIT = re.compile(
    r"\b(областн|городск|районн|облыстық|қалалық|аудандық)\w*\s+(?:маслихат|мәслихат|акимат|әкімдіг|әкімдік)",
    re.IGNORECASE,
)
_CONTEXT_LEVEL = {
    "областн": "region",
    "облыстық": "region",
    "городск": "city",
    "қалалық": "city",
    "районн": "district",
    "аудандық": "district",
}


def context_level(text: str) -> str | None:
    """The level of the article's own maslikhat or akimat, if it names one."""
    counts: dict[str, int] = {}
    for m in _CONTEXT_UNIT.finditer(text):
        level = _CONTEXT_LEVEL[m.group(1).lower()]
        counts[level] = counts.get(level, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _is_head_any(word: str) -> bool:
    return _ru_head(word) or kk_head(word)


# --- the extractor ------------------------------------------------------------------------------------


def extract_officials(text: str, lang: str | None, kb: Knowledge | None = None) -> list[Match]:
    """Every mention of a named official in ``text`` (one match per mention; see the module docstring)."""
    if not text.strip():
        return []
    lang = lang if lang in ("kk", "ru") else detect_lang(text)
    toks = tokenize(text)
    cands = [
        c for c in find_names(text, lang, toks, _place_tokens(text, toks, kb)) if not _is_place_name(c, kb)
    ]
    name_starts = {c.first_token for c in cands}
    stops = {
        k
        for c in cands
        if len(c.words) > 1 or "initials" in c.support
        for k in range(c.first_token, c.last_token + 1)
    }
    with_post: list[_Mention] = []
    without: list[NameCandidate] = []
    for cand in cands:
        m = _mention_with_post(text, toks, cand, lang, name_starts, stops)
        if m is not None:
            with_post.append(m)
        else:
            without.append(cand)
    with_post.extend(_shared_list_posts(text, toks, with_post, without, lang))
    ctx = context_level(text)
    for m in with_post:
        m.post_key, m.level = classify_post(m.raw_post or m.post or "", lang, kb, ctx)
    return _resolve(with_post, [c for c in without if not any(c is m.cand for m in with_post)], lang)


def _mention_with_post(
    text: str, toks: list[Token], cand: NameCandidate, lang: str, name_starts: set[int], stops: set[int]
) -> _Mention | None:
    single = len(cand.words) == 1
    before = _post_before(text, toks, cand.first_token, lang, stops)
    if before is not None:
        first, head, last = before
        if single and not _single_ok(text, toks, cand, lang):
            return None
        post = _post_text(text, toks, first, last, head, lang)
        rule = f"{lang}_post_before_name"
        raw = text[toks[first].start : toks[last].end]
        return _Mention(cand, post, toks[first].start, toks[last].end, rule, raw_post=raw)
    if single or not cand.supported:
        return None
    after = _post_after(text, toks, cand.last_token, lang, name_starts)
    if after is not None:
        first, last = after
        head = first
        while head <= last and not is_head(toks[head].text, lang):
            head += 1
        post = _post_text(text, toks, first, last, head if head <= last else None, lang)
        rule = "kk_name_dash_post" if lang == "kk" else "ru_name_comma_post"
        raw = text[toks[first].start : toks[last].end]
        return _Mention(cand, post, toks[first].start, toks[last].end, rule, raw_post=raw)
    return None


def _single_ok(text: str, toks: list[Token], cand: NameCandidate, lang: str) -> bool:
    """A lone capitalised word after a post is a surname only if it looks like one and ends the phrase."""
    if "known" in cand.support:
        return True
    if not ({"surname"} & cand.support):
        return False
    nxt = cand.last_token + 1
    if nxt < len(toks) and toks[nxt].is_word and toks[nxt].text[:1].islower():
        low = toks[nxt].text.lower()
        # "аким Павлодарской области": an adjective before a unit word, not a surname
        if re.match(r"(облас|район|город|округ|облыс|аудан|қала|ауыл)", low):
            return False
    word = cand.words[0].lower()
    if lang == "kk" and re.search(r"[ыі]н$", word) and not re.search(r"(?:ов|ев|ин)$", word):
        return False  # a Kazakh accusative ("Жолдауын"), not a surname in "-ин"
    return not re.search(r"(ской|ского|скому|ском|ская|скую|цкой|цкого)$", word)


def _place_tokens(text: str, toks: list[Token], kb: Knowledge | None) -> set[int]:
    """Indexes of capitalised tokens that are part of a known place or region name (not given names)."""
    from zholdau.extractors.regions import region_index

    idx = region_index(kb)
    tk = TokenKeys.of(text)  # the regions stage has split this text already
    spans = [(h.start, h.end) for m in (idx.places, idx.names, idx.stems) for h in m.find(tk)]
    if not spans:
        return set()
    out: set[int] = set()
    for n, tok in enumerate(toks):
        if (
            tok.text[:1].isupper()
            and any(s <= tok.start < e for s, e in spans)
            and not is_given_name(tok.text)
        ):
            out.add(n)
    return out


def _is_place_name(cand: NameCandidate, kb: Knowledge | None) -> bool:
    """A candidate whose words are a known place ("Курчатов", "Балқаш") unless it has a given name."""
    if cand.given is not None and "given" in cand.support:
        return False
    from zholdau.extractors.regions import region_index

    idx = region_index(kb)
    tk = TokenKeys(" ".join(cand.words))
    return bool(idx.places.find(tk) or idx.names.find(tk))


def _shared_list_posts(
    text: str, toks: list[Token], with_post: list[_Mention], without: list[NameCandidate], lang: str
) -> list[_Mention]:
    """ "акимы районов Ерлан Ахметов и Марат Сеитов": the second name shares a plural post."""
    out: list[_Mention] = []
    by_last = {m.cand.last_token: m for m in with_post}
    for cand in sorted(without, key=lambda c: c.start):
        if not cand.supported or len(cand.words) < 2:
            continue
        j = cand.first_token - 1
        if j < 1 or toks[j].text.lower() not in (",", "и", "және", "мен", "бен", "пен"):
            continue
        prev = by_last.get(j - 1)
        if prev is None or prev.post is None or not _plural_post(prev.post, lang):
            continue
        m = _Mention(cand, prev.post, None, None, "list_shared_post", raw_post=prev.raw_post)
        by_last[cand.last_token] = m
        out.append(m)
    return out


def _plural_post(post: str, lang: str) -> bool:
    first = post.split()[0] if lang != "kk" else post.split()[-1]
    if lang == "kk":
        return bool(re.search(r"(лар|лер|дар|дер|тар|тер)(ы|і)?$", first))
    return "plur" in ru_tag(first)[1]


def _resolve(with_post: list[_Mention], without: list[NameCandidate], lang: str) -> list[Match]:
    """Give every mention of one person the same value and add post-less mentions of known people."""
    clusters: dict[str, list[_Mention]] = {}
    for m in sorted(with_post, key=lambda m: m.cand.start):
        key = m.cand.key
        clusters.setdefault(key, []).append(m)
    extra: list[_Mention] = []
    gz = gazetteer()
    for cand in without:
        key = cand.key
        if key in clusters:
            extra.append(_Mention(cand, None, None, None, "name_seen_with_post_earlier"))
            clusters[key].append(extra[-1])
        elif "known" in cand.support and (cand.given or "initials" in cand.support):
            entry = gz.full_names[fold(cand.surname)]
            post = entry["post_kk"] if lang == "kk" else entry["post_ru"]
            m = _Mention(cand, post.lower(), None, None, "known_person", None, str(entry["level"]))
            clusters.setdefault(key, []).append(m)
    out: list[Match] = []
    for members in clusters.values():
        value = _cluster_value(members)
        if value is None:
            continue
        for m in members:
            start, end = m.span
            score = 1.0 if m.post is not None else 0.9
            out.append(Match(dict(value), start, end, m.rule, score))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _cluster_value(members: Sequence[_Mention]) -> dict[str, str | None] | None:
    posted = [m for m in members if m.post is not None]
    if not posted:
        return None
    # Vote for the nominative: each mention's computed form counts once, a mention written exactly
    # in a computed form counts twice (a name already in the nominative is the safest evidence).
    full = [m.cand for m in members if m.cand.given]
    computed = {c.name for c in full}
    votes: dict[str, float] = {}
    for n, c in enumerate(full):
        votes[c.name] = votes.get(c.name, 0.0) + 1.0 - n * 1e-3
        if c.written in computed:
            votes[c.written] = votes.get(c.written, 0.0) + 2.0
    name = max(votes, key=lambda k: votes[k]) if votes else posted[0].cand.name
    first = posted[0]
    level = first.level or "other"
    return {"name": name, "post": first.post, "post_key": first.post_key, "level": level}


# --- resolving references to officials ----------------------------------------------------------------

_LEVEL_RANK = {"national": 0, "region": 4, "city": 3, "district": 2, "rural": 1, "other": 0}
_GENERIC_CHIEF = re.compile(
    r"^(?:аким\w*|глав\w* (?:регион\w*|област\w*|город\w*|район\w*)|руководител\w* регион\w*|"
    r"әкім\w*|өңір басшы\w*|аймақ басшы\w*|облыс басшы\w*|қала басшы\w*|аудан басшы\w*)$"
)


def official_for_post(
    phrase: str, lang: str, officials: Sequence[Match], kb: Knowledge | None = None, before: int | None = None
) -> str | None:
    """The name of the official a post phrase refers to ("аким области", "Глава региона", "облыс әкімі").

    An official whose post has the same key wins (the first one named before ``before`` if given);
    a bare "аким" / "Глава региона" is the highest-ranking akim of the article.
    """
    key, level = classify_post(phrase, lang, kb)
    people = [m for m in officials if before is None or m.start < before] or list(officials)
    if key is not None:
        same = [m for m in people if m.value.get("post_key") == key]
        if same:
            return str(same[0].value["name"])
    low = _clean(phrase).lower()
    if key in (None, "akim", "region_akim", "city_akim", "district_akim", "rural_akim") and (
        _GENERIC_CHIEF.match(low) or key is not None
    ):
        akims = [
            m
            for m in people
            if re.search(r"akim$", str(m.value.get("post_key") or ""))
            and not str(m.value.get("post_key")).endswith("deputy_akim")
        ]
        if level in _AKIM_BY_LEVEL:
            akims = [m for m in akims if m.value.get("level") == level] or (akims if key is None else [])
        if akims:
            best = max(akims, key=lambda m: _LEVEL_RANK.get(str(m.value.get("level")), 0))
            return str(best.value["name"])
    return None


PRONOUNS = frozenset({"он", "она", "ол"})


def official_at(officials: Sequence[Match], start: int, end: int) -> Match | None:
    """The first official mention overlapping ``[start, end)``."""
    for m in officials:
        if m.start < end and m.end > start:
            return m
    return None


# A post phrase standing for a person ("аким области", "Глава региона", "облыс әкімі", "өңір басшысы").
POST_PHRASE_RU = re.compile(
    r"(?:аким\w*|глав\w*|руководител\w*|заместител\w*|председател\w*|секретар\w*)"
    r"(?:\s+(?:[А-ЯЁA-Z][\w-]*|област\w*|регион\w*|город\w*|район\w*|округ\w*|сельск\w*|маслихат\w*|"
    r"областн\w*|городск\w*|районн\w*|акима|государств\w*))*",
    re.IGNORECASE,
)
POST_PHRASE_KK = re.compile(
    r"(?:(?:[А-ЯӘҒҚҢӨҰҮҺІ][\w-]*|облыс\w*|қала\w*|аудан\w*|ауылдық|округ\w*|өңір|аймақ|мәслихат\w*|облыстық|"
    r"қалалық|аудандық|мемлекет)\s+)*(?:әкім\w*|басшы\w*|хатшы\w*|төраға\w*|орынбасар\w*|президент\w*|елбасы)",
    re.IGNORECASE,
)
