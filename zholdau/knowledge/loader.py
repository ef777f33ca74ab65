"""Load and validate the knowledge base: Addresses, programmes, regions, places, posts, topics, outlets.

The data lives in YAML/CSV files beside this module. :func:`load_knowledge` reads them once,
checks every cross-reference and date, and returns a frozen :class:`Knowledge` with typed records and
look-up helpers. A broken file raises :class:`~zholdau.errors.KnowledgeError` naming the file, the
entry and the problem, so a data edit fails loudly instead of silently changing what we extract.

Matching conventions the extractors rely on (documented here because the data follows them):

* ``forms_*`` are whole phrases, matched case-insensitively (``ё`` = ``е``).
* ``stems_*`` are lower-case phrase stems: each space-separated token must match the *start* of one
  word, the words consecutive ("алматинск облас" matches "Алматинской области").
* ``abbreviations`` are matched case-sensitively as whole tokens ("ВКО", "ШҚО").
* Dates are ISO; ``valid_to`` is the last day something was valid (inclusive); empty means "still".
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from zholdau.errors import KnowledgeError

KNOWLEDGE_DIR = Path(__file__).resolve().parent

ISO_CODE = re.compile(r"^KZ-\d{2}$")
ADDRESS_ID = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")

PRESIDENTS = frozenset({"nazarbayev", "tokayev"})
PLACE_KINDS = frozenset({"city", "district", "town", "village"})
REGION_KINDS = frozenset({"region", "city"})
POST_LEVELS = frozenset({"national", "region", "city", "district", "rural", "other"})
PROGRAMME_KINDS = frozenset(
    {"strategy", "programme", "national_project", "project", "initiative", "plan", "article", "concept"}
)
LANGUAGES = frozenset({"kk", "ru", "en"})

PLACE_COLUMNS = (
    "id",
    "kind",
    "name_kk",
    "name_ru",
    "aliases",
    "region",
    "valid_from",
    "valid_to",
    "parent",
    "verified",
    "note",
)

# Used when a period has no start or no end, so interval arithmetic needs no special cases.
EARLIEST = date(1900, 1, 1)
LATEST = date(9999, 12, 31)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Address:
    """One Address (Послание / Жолдау) of the President; ``id`` is its delivery date."""

    id: str
    date: date
    date_precision: str  # "day" or "month" (only the month is known)
    president: str
    title_ru: str
    title_kk: str | None
    title_en: str | None
    aliases_ru: tuple[str, ...]
    aliases_kk: tuple[str, ...]
    themes_ru: tuple[str, ...]
    themes_kk: tuple[str, ...]
    programmes: tuple[str, ...]
    verified: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class Programme:
    """A national programme, project or initiative, with the Address(es) that launched or announced it."""

    id: str
    kind: str
    name_ru: str
    name_kk: str | None
    name_en: str | None
    aliases_ru: tuple[str, ...]
    aliases_kk: tuple[str, ...]
    address_ids: tuple[str, ...]
    launched_by_address: bool
    verified: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    """Something valid from ``valid_from`` to ``valid_to`` inclusive (``None`` = open end)."""

    valid_from: date | None
    valid_to: date | None

    def contains(self, on: date) -> bool:
        """True when ``on`` falls inside the period."""
        return (self.valid_from or EARLIEST) <= on <= (self.valid_to or LATEST)


@dataclass(frozen=True, slots=True)
class Centre:
    """The administrative centre of a region during a period (``place`` is a place id)."""

    place: str
    period: Period


@dataclass(frozen=True, slots=True)
class RegionName:
    """A former official name of a region (e.g. Astana as Nur-Sultan, 2019–2022)."""

    name_ru: str
    name_kk: str
    name_en: str
    period: Period


@dataclass(frozen=True, slots=True)
class Region:
    """A region or city of republican significance during one period of its extent.

    Several entries may share an ISO ``code`` (South Kazakhstan → Turkistan region, both KZ-61; East
    Kazakhstan before and after Abai region split off) but never on the same day.
    """

    id: str
    code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    names_latin: tuple[str, ...]
    forms_ru: tuple[str, ...]
    forms_kk: tuple[str, ...]
    stems_ru: tuple[str, ...]
    stems_kk: tuple[str, ...]
    abbreviations: tuple[str, ...]
    demonyms_ru: tuple[str, ...]
    demonyms_kk: tuple[str, ...]
    centres: tuple[Centre, ...]
    former_names: tuple[RegionName, ...]
    period: Period
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    verified: bool
    note: str = ""

    def valid_on(self, on: date) -> bool:
        """True when this entry describes the region on ``on``."""
        return self.period.contains(on)

    def centre_on(self, on: date) -> str | None:
        """The place id of the administrative centre on ``on`` (``None`` for cities or unknown)."""
        for centre in self.centres:
            if centre.period.contains(on):
                return centre.place
        return None


@dataclass(frozen=True, slots=True)
class Place:
    """A city, district, town or village in one region during one period.

    A place that moved between regions has one row per period, all with the same ``id``.
    """

    id: str
    kind: str
    name_kk: str
    name_ru: str
    aliases: tuple[str, ...]
    region: str
    period: Period
    parent: str | None
    verified: bool
    note: str = ""

    def names(self) -> tuple[str, ...]:
        """Every name this place goes by (Kazakh, Russian, aliases)."""
        return (self.name_kk, self.name_ru, *self.aliases)


@dataclass(frozen=True, slots=True)
class Post:
    """An official title, e.g. ``region_akim``: аким области / облыс әкімі."""

    key: str
    level: str
    name_ru: str
    name_kk: str
    forms_ru: tuple[str, ...]
    forms_kk: tuple[str, ...]
    stems_ru: tuple[str, ...]
    stems_kk: tuple[str, ...]
    exclude_ru: tuple[str, ...] = ()
    exclude_kk: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic code with labels and prefix-matched stem lexicons."""

    code: str
    label_kk: str
    label_ru: str
    label_en: str
    stems_kk: tuple[str, ...]
    stems_ru: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet and the hosts, page headers and dateline tokens that identify it."""

    id: str
    name: str
    hosts: tuple[str, ...]
    headers: tuple[str, ...]
    datelines: tuple[str, ...]
    languages: tuple[str, ...]
    home_region: str | None
    verified: bool
    note: str = ""


# --------------------------------------------------------------------------- the knowledge base


def normalise_name(text: str) -> str:
    """Fold a name for comparison: NFC, lower case, ``ё``→``е``, dashes → ``-``, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .«»\"'")


@dataclass(frozen=True)
class Knowledge:
    """Everything the extractors know about the world, validated, with look-up helpers."""

    addresses: tuple[Address, ...]
    programmes: tuple[Programme, ...]
    regions: tuple[Region, ...]
    places: tuple[Place, ...]
    posts: tuple[Post, ...]
    topics: tuple[Topic, ...]
    outlets: tuple[Outlet, ...]
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _by_name: Mapping[str, tuple[Place, ...]] = field(default_factory=dict, repr=False)

    def address(self, address_id: str) -> Address:
        """The Address with this id (its ISO delivery date); ``KeyError`` if unknown."""
        for item in self.addresses:
            if item.id == address_id:
                return item
        raise KeyError(f"no Address with id {address_id!r}; ids are delivery dates like '2018-01-10'")

    def addresses_before(self, on: date) -> list[Address]:
        """Addresses delivered on or before ``on``, newest first (the likeliest referent comes first)."""
        found = [a for a in self.addresses if a.date <= on]
        return sorted(found, key=lambda a: a.date, reverse=True)

    def programme(self, programme_id: str) -> Programme:
        """The programme with this id; ``KeyError`` if unknown."""
        for item in self.programmes:
            if item.id == programme_id:
                return item
        raise KeyError(f"no programme with id {programme_id!r}")

    def region(self, code: str, on: date | None = None) -> Region:
        """The region entry with ISO ``code`` valid on ``on`` (default: the current one)."""
        for item in self._entries_for(code):
            if item.valid_on(on) if on else item.period.valid_to is None:
                return item
        when = on.isoformat() if on else "today"
        raise KeyError(f"no region with code {code!r} valid on {when}")

    def regions_valid_on(self, on: date) -> list[Region]:
        """Every region entry in force on ``on`` (20 from 8 June 2022, 17 between 2018 and 2022)."""
        return [r for r in self.regions if r.valid_on(on)]

    def region_of_place(self, place_id: str, on: date | None = None) -> Region | None:
        """The region a place belonged to on ``on`` (default: now); ``None`` if it did not exist then."""
        rows = [p for p in self.places if p.id == place_id]
        if not rows:
            raise KeyError(f"no place with id {place_id!r}")
        for row in rows:
            if row.period.contains(on) if on else row.period.valid_to is None:
                when = on or date.today()
                try:
                    return self.region(row.region, when)
                except KeyError:
                    return None
        return None

    def places_named(self, name: str) -> list[Place]:
        """Place rows whose Kazakh or Russian name or an alias equals ``name`` (case-insensitive)."""
        return list(self._by_name.get(normalise_name(name), ()))

    def post(self, key: str) -> Post:
        """The post with this canonical key (e.g. ``region_akim``); ``KeyError`` if unknown."""
        for item in self.posts:
            if item.key == key:
                return item
        raise KeyError(f"no post with key {key!r}")

    def topic(self, code: str) -> Topic:
        """The topic with this code; ``KeyError`` if unknown."""
        for item in self.topics:
            if item.code == code:
                return item
        raise KeyError(f"no topic with code {code!r}")

    def outlet_for_host(self, host: str) -> Outlet | None:
        """The outlet serving ``host`` (``www.`` and sub-domains are folded), or ``None``."""
        host = host.lower().strip().removeprefix("www.")
        best: tuple[int, Outlet] | None = None
        for outlet in self.outlets:
            for known in outlet.hosts:
                if (host == known or host.endswith("." + known)) and (best is None or len(known) > best[0]):
                    best = (len(known), outlet)
        return best[1] if best else None

    def _entries_for(self, code: str) -> list[Region]:
        return [r for r in self.regions if r.code == code]


@functools.cache
def load_knowledge(root: Path | None = None) -> Knowledge:
    """Read and validate the knowledge files in ``root`` (default: the package's own) once."""
    folder = Path(root) if root is not None else KNOWLEDGE_DIR
    sources: dict[str, tuple[str, ...]] = {}

    def yaml_list(filename: str, key: str) -> list[dict[str, Any]]:
        data = _read_yaml(folder / filename)
        sources[filename] = _sources(filename, data.get("sources"))
        items = data.get(key)
        if not isinstance(items, list) or not items:
            raise KnowledgeError(f"{filename}: expected a non-empty list under '{key}:'")
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise KnowledgeError(f"{filename}: entry #{index + 1} under '{key}:' is not a mapping")
        return items

    programmes = [
        _programme(e) for e in _entries("programmes.yaml", yaml_list("programmes.yaml", "programmes"))
    ]
    addresses = [_address(e) for e in _entries("addresses.yaml", yaml_list("addresses.yaml", "addresses"))]
    regions = [_region(e) for e in _entries("regions.yaml", yaml_list("regions.yaml", "regions"))]
    place_rows, sources["places.csv"] = _read_places(folder / "places.csv")
    places = [_place(e) for e in _entries("places.csv", place_rows, key="id", unique=False)]
    posts = [_post(e) for e in _entries("posts.yaml", yaml_list("posts.yaml", "posts"), key="key")]
    topics = [_topic(e) for e in _entries("topics.yaml", yaml_list("topics.yaml", "topics"), key="code")]
    outlets = [_outlet(e) for e in _entries("outlets.yaml", yaml_list("outlets.yaml", "outlets"))]

    _check_addresses(addresses, {p.id for p in programmes})
    _check_programmes(programmes, {a.id for a in addresses})
    _check_links_agree(addresses, programmes)
    _check_regions(regions)
    _check_places(places, regions)
    _check_centres(regions, places)
    _check_outlets(outlets, {r.code for r in regions})

    by_name: dict[str, list[Place]] = {}
    for place in places:
        for name in place.names():
            bucket = by_name.setdefault(normalise_name(name), [])
            if place not in bucket:
                bucket.append(place)

    return Knowledge(
        addresses=tuple(sorted(addresses, key=lambda a: a.date)),
        programmes=tuple(programmes),
        regions=tuple(regions),
        places=tuple(places),
        posts=tuple(posts),
        topics=tuple(topics),
        outlets=tuple(outlets),
        sources=sources,
        _by_name={k: tuple(v) for k, v in by_name.items()},
    )


# --------------------------------------------------------------------------- reading


class _Entry:
    """One raw entry with the file and id it came from, so every error can name both."""

    def __init__(self, filename: str, ident: str, data: Mapping[str, Any]) -> None:
        self.filename = filename
        self.ident = ident
        self.data = data

    def fail(self, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{self.filename}: entry {self.ident!r}: {problem}")

    def req(self, name: str) -> Any:
        value = self.data.get(name)
        if value is None or value == "" or value == []:
            raise self.fail(f"required field '{name}' is missing or empty")
        return value

    def text(self, name: str, required: bool = True) -> str:
        value = self.req(name) if required else self.data.get(name)
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            raise self.fail(f"field '{name}' must be text, got {type(value).__name__}")
        return value.strip()

    def opt_text(self, name: str) -> str | None:
        return self.text(name, required=False) or None

    def texts(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self.req(name) if required else self.data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"field '{name}' must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def flag(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if isinstance(value, bool):
            return value
        word = value.strip().lower() if isinstance(value, str) else None
        if word == "":
            return default
        if word in {"true", "yes", "1"}:
            return True
        if word in {"false", "no", "0"}:
            return False
        raise self.fail(f"field '{name}' must be true or false, got {value!r}")

    def day(self, name: str, required: bool = False) -> date | None:
        value = self.req(name) if required else self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise self.fail(f"field '{name}' is not an ISO date (YYYY-MM-DD): {value!r}") from None

    def period(self) -> Period:
        period = Period(self.day("valid_from"), self.day("valid_to"))
        if period.valid_from and period.valid_to and period.valid_from > period.valid_to:
            raise self.fail(f"valid_from {period.valid_from} is after valid_to {period.valid_to}")
        return period

    def choice(self, name: str, allowed: Iterable[str]) -> str:
        value = self.text(name)
        options = sorted(allowed)
        if value not in options:
            raise self.fail(f"field '{name}' is {value!r}; expected one of {', '.join(options)}")
        return value

    def code(self, name: str, required: bool = True) -> str | None:
        value = self.text(name, required)
        if not value:
            return None
        if not ISO_CODE.match(value):
            raise self.fail(f"field '{name}' is {value!r}, not an ISO 3166-2:KZ code like 'KZ-10'")
        return value


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file not found in {path.parent}") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: expected a mapping at the top level")
    return data


def _sources(filename: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise KnowledgeError(f"{filename}: a non-empty 'sources:' list of strings is required")
    return tuple(value)


def _read_places(path: Path) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file not found in {path.parent}") from None
    # Leading '#' lines carry the sources; csv has no comments of its own.
    lines = text.splitlines(keepends=True)
    comments = [line[1:].strip() for line in lines if line.startswith("#")]
    sources = tuple(c.removeprefix("-").strip() for c in comments if c.startswith("-"))
    if not sources:
        raise KnowledgeError(f"{path.name}: a '# sources:' header with '# - ...' lines is required")
    body = "".join(line for line in lines if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO(body))
    missing = [c for c in PLACE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise KnowledgeError(f"{path.name}: missing column(s) {', '.join(missing)}")
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2 + len(comments)):
        if None in row or any(v is None for v in row.values()):
            raise KnowledgeError(f"{path.name}: line {number}: wrong number of fields")
        rows.append({k: v.strip() for k, v in row.items()})
    return rows, sources


def _entries(
    filename: str, items: list[dict[str, Any]], key: str = "id", unique: bool = True
) -> list[_Entry]:
    entries: list[_Entry] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        raw = item.get(key)
        ident = raw.isoformat() if isinstance(raw, date) else str(raw or "").strip()
        if not ident:
            raise KnowledgeError(f"{filename}: entry #{index + 1}: required field '{key}' is missing")
        if unique and ident in seen:
            raise KnowledgeError(f"{filename}: entry {ident!r}: duplicate {key}")
        seen.add(ident)
        entries.append(_Entry(filename, ident, item))
    return entries


# --------------------------------------------------------------------------- building records


def _address(e: _Entry) -> Address:
    if not ADDRESS_ID.match(e.ident):
        raise e.fail("id must be the delivery date, YYYY-MM-DD (or YYYY-MM when only the month is known)")
    precision = "day" if len(e.ident) == 10 else "month"
    try:
        when = date.fromisoformat(e.ident if precision == "day" else e.ident + "-01")
    except ValueError:
        raise e.fail("id is not a real calendar date") from None
    verified = e.flag("verified", True)
    if precision == "month" and verified:
        raise e.fail("an Address known only to the month must be marked 'verified: false'")
    return Address(
        id=e.ident,
        date=when,
        date_precision=precision,
        president=e.choice("president", PRESIDENTS),
        title_ru=e.text("title_ru"),
        title_kk=e.opt_text("title_kk"),
        title_en=e.opt_text("title_en"),
        aliases_ru=e.texts("aliases_ru"),
        aliases_kk=e.texts("aliases_kk"),
        themes_ru=e.texts("themes_ru"),
        themes_kk=e.texts("themes_kk"),
        programmes=e.texts("programmes"),
        verified=verified,
        note=e.text("note", required=False),
    )


def _programme(e: _Entry) -> Programme:
    if not SLUG.match(e.ident):
        raise e.fail("id must be a lower-case slug (letters, digits, '-', '_')")
    return Programme(
        id=e.ident,
        kind=e.choice("kind", PROGRAMME_KINDS),
        name_ru=e.text("name_ru"),
        name_kk=e.opt_text("name_kk"),
        name_en=e.opt_text("name_en"),
        aliases_ru=e.texts("aliases_ru"),
        aliases_kk=e.texts("aliases_kk"),
        address_ids=tuple(str(a) for a in _as_ids(e, "address_ids")),
        launched_by_address=e.flag("launched_by_address", False),
        verified=e.flag("verified", True),
        note=e.text("note", required=False),
    )


def _as_ids(e: _Entry, name: str) -> list[str]:
    value = e.data.get(name) or []
    if not isinstance(value, list):
        raise e.fail(f"field '{name}' must be a list")
    # YAML turns unquoted 2014-11-11 into a date; accept both spellings.
    return [v.isoformat() if isinstance(v, date) else str(v) for v in value]


def _region(e: _Entry) -> Region:
    if not SLUG.match(e.ident):
        raise e.fail("id must be a lower-case slug (letters, digits, '-', '_')")
    centres = []
    for item in e.data.get("centres") or []:
        if not isinstance(item, dict) or not item.get("place"):
            raise e.fail("each entry of 'centres' needs a 'place' id")
        sub = _Entry(e.filename, f"{e.ident}/centre {item.get('place')}", item)
        centres.append(Centre(place=sub.text("place"), period=sub.period()))
    former = []
    for item in e.data.get("former_names") or []:
        if not isinstance(item, dict):
            raise e.fail("each entry of 'former_names' must be a mapping")
        sub = _Entry(e.filename, f"{e.ident}/former name", item)
        former.append(RegionName(sub.text("name_ru"), sub.text("name_kk"), sub.text("name_en"), sub.period()))
    stems_ru, stems_kk = e.texts("stems_ru", required=True), e.texts("stems_kk", required=True)
    for stem in (*stems_ru, *stems_kk):
        if stem != stem.lower():
            raise e.fail(f"stem {stem!r} must be lower case (stems are matched on folded text)")
    return Region(
        id=e.ident,
        code=e.code("code") or "",
        kind=e.choice("kind", REGION_KINDS),
        name_kk=e.text("name_kk"),
        name_ru=e.text("name_ru"),
        name_en=e.text("name_en"),
        names_latin=e.texts("names_latin"),
        forms_ru=e.texts("forms_ru"),
        forms_kk=e.texts("forms_kk"),
        stems_ru=stems_ru,
        stems_kk=stems_kk,
        abbreviations=e.texts("abbreviations"),
        demonyms_ru=e.texts("demonyms_ru"),
        demonyms_kk=e.texts("demonyms_kk"),
        centres=tuple(centres),
        former_names=tuple(former),
        period=e.period(),
        predecessors=e.texts("predecessors"),
        successors=e.texts("successors"),
        verified=e.flag("verified", True),
        note=e.text("note", required=False),
    )


def _place(e: _Entry) -> Place:
    if not SLUG.match(e.ident):
        raise e.fail("id must be a lower-case slug (letters, digits, '-', '_')")
    aliases = tuple(a.strip() for a in e.text("aliases", required=False).split(";") if a.strip())
    return Place(
        id=e.ident,
        kind=e.choice("kind", PLACE_KINDS),
        name_kk=e.text("name_kk"),
        name_ru=e.text("name_ru"),
        aliases=aliases,
        region=e.code("region") or "",
        period=e.period(),
        parent=e.opt_text("parent"),
        verified=e.flag("verified", True),
        note=e.text("note", required=False),
    )


def _post(e: _Entry) -> Post:
    if not SLUG.match(e.ident):
        raise e.fail("key must be a lower-case slug (letters, digits, '-', '_')")
    stems_ru, stems_kk = e.texts("stems_ru", required=True), e.texts("stems_kk", required=True)
    for stem in (*stems_ru, *stems_kk):
        if stem != stem.lower():
            raise e.fail(f"stem {stem!r} must be lower case")
    return Post(
        key=e.ident,
        level=e.choice("level", POST_LEVELS),
        name_ru=e.text("name_ru"),
        name_kk=e.text("name_kk"),
        forms_ru=e.texts("forms_ru"),
        forms_kk=e.texts("forms_kk"),
        stems_ru=stems_ru,
        stems_kk=stems_kk,
        exclude_ru=e.texts("exclude_ru"),
        exclude_kk=e.texts("exclude_kk"),
        note=e.text("note", required=False),
    )


def _topic(e: _Entry) -> Topic:
    if not SLUG.match(e.ident):
        raise e.fail("code must be a lower-case slug (letters, digits, '-', '_')")
    stems_kk, stems_ru = e.texts("stems_kk", required=True), e.texts("stems_ru", required=True)
    for lang, stems in (("kk", stems_kk), ("ru", stems_ru)):
        if len(set(stems)) != len(stems):
            dupes = sorted({s for s in stems if stems.count(s) > 1})
            raise e.fail(f"stems_{lang} lists {', '.join(dupes)} more than once")
        for stem in stems:
            if stem != stem.lower():
                raise e.fail(f"stem {stem!r} must be lower case")
    return Topic(
        code=e.ident,
        label_kk=e.text("label_kk"),
        label_ru=e.text("label_ru"),
        label_en=e.text("label_en"),
        stems_kk=stems_kk,
        stems_ru=stems_ru,
    )


def _outlet(e: _Entry) -> Outlet:
    if not SLUG.match(e.ident):
        raise e.fail("id must be a lower-case slug (letters, digits, '-', '_')")
    languages = e.texts("languages", required=True)
    for lang in languages:
        if lang not in LANGUAGES:
            raise e.fail(f"language {lang!r} is not one of {', '.join(sorted(LANGUAGES))}")
    hosts = tuple(h.lower() for h in e.texts("hosts"))
    if not hosts and not e.texts("headers") and not e.texts("datelines"):
        raise e.fail("an outlet needs at least one of hosts, headers or datelines to be recognised")
    return Outlet(
        id=e.ident,
        name=e.text("name"),
        hosts=hosts,
        headers=e.texts("headers"),
        datelines=e.texts("datelines"),
        languages=languages,
        home_region=e.code("home_region", required=False),
        verified=e.flag("verified", True),
        note=e.text("note", required=False),
    )


# --------------------------------------------------------------------------- cross-checks


def _check_addresses(addresses: list[Address], programme_ids: set[str]) -> None:
    for address in addresses:
        for pid in address.programmes:
            if pid not in programme_ids:
                raise KnowledgeError(
                    f"addresses.yaml: entry {address.id!r}: programme {pid!r} is not in programmes.yaml"
                )
        expected = "tokayev" if address.date >= date(2019, 3, 20) else "nazarbayev"
        if address.president != expected:
            raise KnowledgeError(
                f"addresses.yaml: entry {address.id!r}: president is {address.president!r}, "
                f"but on that date it was {expected!r}"
            )


def _check_programmes(programmes: list[Programme], address_ids: set[str]) -> None:
    for programme in programmes:
        for aid in programme.address_ids:
            if aid not in address_ids:
                raise KnowledgeError(
                    f"programmes.yaml: entry {programme.id!r}: Address {aid!r} is not in addresses.yaml"
                )
        if programme.launched_by_address and not programme.address_ids:
            raise KnowledgeError(
                f"programmes.yaml: entry {programme.id!r}: launched_by_address is true but address_ids is empty"
            )


def _check_links_agree(addresses: list[Address], programmes: list[Programme]) -> None:
    """An Address lists a programme exactly when the programme lists that Address."""
    from_addresses = {(a.id, p) for a in addresses for p in a.programmes}
    from_programmes = {(a, p.id) for p in programmes for a in p.address_ids}
    for address_id, programme_id in sorted(from_addresses ^ from_programmes):
        if (address_id, programme_id) in from_addresses:
            raise KnowledgeError(
                f"programmes.yaml: entry {programme_id!r}: Address {address_id} lists it, "
                "but its address_ids do not list that Address"
            )
        raise KnowledgeError(
            f"addresses.yaml: entry {address_id!r}: programme {programme_id!r} lists this Address, "
            "but the Address's programmes do not list it"
        )


def _overlaps(a: Period, b: Period) -> bool:
    return (a.valid_from or EARLIEST) <= (b.valid_to or LATEST) and (b.valid_from or EARLIEST) <= (
        a.valid_to or LATEST
    )


def _check_regions(regions: list[Region]) -> None:
    ids = {r.id for r in regions}
    for i, region in enumerate(regions):
        for other in regions[i + 1 :]:
            if region.code == other.code and _overlaps(region.period, other.period):
                raise KnowledgeError(
                    f"regions.yaml: entry {other.id!r}: code {other.code} overlaps in time with entry {region.id!r}"
                )
        for link in (*region.predecessors, *region.successors):
            if link not in ids:
                raise KnowledgeError(
                    f"regions.yaml: entry {region.id!r}: unknown predecessor/successor {link!r}"
                )


def _covered(period: Period, spans: list[Period]) -> bool:
    """True when ``spans`` together cover every day of ``period``."""
    cursor = period.valid_from or EARLIEST
    end = period.valid_to or LATEST
    for span in sorted(spans, key=lambda s: s.valid_from or EARLIEST):
        start = span.valid_from or EARLIEST
        if start > cursor:
            return False
        stop = span.valid_to or LATEST
        if stop >= end:
            return True
        cursor = max(cursor, date.fromordinal(stop.toordinal() + 1))
    return False


def _check_places(places: list[Place], regions: list[Region]) -> None:
    spans: dict[str, list[Period]] = {}
    for region in regions:
        spans.setdefault(region.code, []).append(region.period)
    ids = {p.id for p in places}
    by_id: dict[str, list[Place]] = {}
    for place in places:
        where = f"places.csv: entry {place.id!r} ({place.region}, {place.period.valid_from or '…'}–{place.period.valid_to or '…'})"
        if place.region not in spans:
            raise KnowledgeError(f"{where}: region {place.region} is not in regions.yaml")
        if not _covered(place.period, spans[place.region]):
            raise KnowledgeError(
                f"{where}: region {place.region} is not valid for the whole period of the place"
            )
        if place.parent is not None and place.parent not in ids:
            raise KnowledgeError(f"{where}: parent {place.parent!r} is not a place id")
        for earlier in by_id.get(place.id, []):
            if _overlaps(earlier.period, place.period):
                raise KnowledgeError(f"{where}: overlaps another row with the same id (duplicate id?)")
        by_id.setdefault(place.id, []).append(place)


def _check_centres(regions: list[Region], places: list[Place]) -> None:
    ids = {p.id for p in places}
    for region in regions:
        for centre in region.centres:
            if centre.place not in ids:
                raise KnowledgeError(
                    f"regions.yaml: entry {region.id!r}: centre {centre.place!r} is not a place id"
                )


def _check_outlets(outlets: list[Outlet], codes: set[str]) -> None:
    for outlet in outlets:
        if outlet.home_region is not None and outlet.home_region not in codes:
            raise KnowledgeError(
                f"outlets.yaml: entry {outlet.id!r}: home_region {outlet.home_region} is not in regions.yaml"
            )
