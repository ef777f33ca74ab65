"""The filters of a request (API or page), read from the URL and checked against the knowledge base.

Every problem is collected and reported at once as :class:`BadParams` (answered with status 422),
each naming the parameter, what was wrong and what to send instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Annotated

from fastapi import Query

from zholdau.knowledge import load_knowledge
from zholdau.store.base import Filters

LANG_VALUES = ("kk", "ru", "mixed", "other")
MAX_TEXT = 200
MAX_QUERY = 500
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
_STATUS = re.compile(r"^[a-z][a-z_ -]{0,39}$")


class BadParams(Exception):
    """Parameters that cannot be used: ``problems`` is a list of (parameter, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p}: {m}" for p, m in problems))


@dataclass(frozen=True)
class Listing:
    """What a listing shows: the store filters and the query words."""

    filters: Filters = Filters()
    q: str | None = None

    def params(self) -> dict[str, str]:
        """The URL parameters that give this listing back (those at their default left out)."""
        out: dict[str, str] = {}
        for f in fields(self.filters):
            value = getattr(self.filters, f.name)
            if isinstance(value, bool):
                if value != f.default:
                    out[f.name] = "true" if value else "false"
            elif value:
                out[f.name] = str(value)
        if self.q:
            out["q"] = self.q
        return out


@functools.cache
def _known() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    kb = load_knowledge()
    return (
        frozenset(r.code for r in kb.regions),
        frozenset(a.id for a in kb.addresses),
        frozenset(t.code for t in kb.topics),
    )


def _day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def parse_listing(raw: Mapping[str, str | None]) -> Listing:
    """Check and normalise the filter parameters; :class:`BadParams` lists every problem."""
    regions, addresses, topics = _known()
    v = {
        k: (raw.get(k) or "").strip() or None
        for k in ("region", "address", "lang", "since", "until", "topic", "outlet", "official", "q")
    }
    problems: list[tuple[str, str]] = []
    if v["region"]:
        v["region"] = v["region"].upper()
        if v["region"] not in regions:
            problems.append(
                (
                    "region",
                    f"unknown region {v['region']!r}: use an ISO 3166-2:KZ code such as KZ-55 "
                    "(the list: /api/regions)",
                )
            )
    if v["address"] and v["address"] not in addresses:
        problems.append(
            (
                "address",
                f"unknown Address {v['address']!r}: use its id, the delivery date, such as "
                "2021-09-01 (the list: /api/addresses)",
            )
        )
    if v["lang"] and v["lang"] not in LANG_VALUES:
        problems.append(("lang", f"language must be one of {', '.join(LANG_VALUES)}, not {v['lang']!r}"))
    for name in ("since", "until"):
        if v[name] and not _day(v[name]):  # type: ignore[arg-type]
            problems.append((name, f"must be a date YYYY-MM-DD, not {v[name]!r}"))
    if v["since"] and v["until"] and _day(v["since"]) and _day(v["until"]) and v["since"] > v["until"]:
        problems.append(("until", f"the period ends ({v['until']}) before it starts ({v['since']})"))
    if v["topic"] and v["topic"] not in topics:
        problems.append(("topic", f"unknown topic {v['topic']!r}: use one of {', '.join(sorted(topics))}"))
    for name, limit in (("outlet", MAX_TEXT), ("official", MAX_TEXT), ("q", MAX_QUERY)):
        if v[name] and len(v[name]) > limit:  # type: ignore[arg-type]
            problems.append((name, f"is longer than {limit} characters"))
    hide = (raw.get("hide_copies") or "").strip().lower()
    if hide not in ("", *TRUE_WORDS, *FALSE_WORDS):
        problems.append(("hide_copies", f"must be true or false, not {hide!r}"))
    if problems:
        raise BadParams(problems)
    filters = Filters(
        region=v["region"],
        address=v["address"],
        lang=v["lang"],
        since=v["since"],
        until=v["until"],
        topic=v["topic"],
        outlet=v["outlet"],
        official=v["official"],
        hide_copies=hide not in FALSE_WORDS,  # by default one article per text (Filters)
    )
    return Listing(filters, v["q"])


def copies_asked(raw: Mapping[str, str | None]) -> bool:
    """Whether the request says ``hide_copies`` at all (an export keeps every copy unless asked)."""
    return bool((raw.get("hide_copies") or "").strip())


def hide_copies_param(value: str | None) -> bool:
    """A ``hide_copies`` parameter alone (true when absent), or :class:`BadParams`."""
    return parse_listing({"hide_copies": value}).filters.hide_copies


def check_status(status: str | None) -> str | None:
    """An assignment status as sent (lower case words), or :class:`BadParams`."""
    status = (status or "").strip() or None
    if status and not _STATUS.match(status):
        raise BadParams(
            [("status", f"a status is a lower-case word such as 'assigned' or 'overdue', not {status!r}")]
        )
    return status


def listing_params(
    region: Annotated[str | None, Query(description="primary region, ISO 3166-2:KZ code, e.g. KZ-55")] = None,
    address: Annotated[str | None, Query(description="Address id (delivery date), e.g. 2021-09-01")] = None,
    lang: Annotated[str | None, Query(description="article language: kk, ru, mixed or other")] = None,
    since: Annotated[str | None, Query(description="published on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="published on or before YYYY-MM-DD")] = None,
    topic: Annotated[str | None, Query(description="topic code, e.g. education (see /api/topics)")] = None,
    outlet: Annotated[str | None, Query(description="outlet, exactly as in the records")] = None,
    official: Annotated[str | None, Query(description="an official's name (case and ё/е ignored)")] = None,
    q: Annotated[str | None, Query(description="words to find, any inflected form, kk or ru")] = None,
    hide_copies: Annotated[
        str | None,
        Query(
            description="true (the default): one article per text, syndicated copies left out of "
            "results and counts and listed on their original (`copies`); false: every copy too "
            "(/api/export keeps every copy unless true is sent)"
        ),
    ] = None,
) -> Listing:
    """The filter parameters shared by every listing (a FastAPI dependency)."""
    return parse_listing(
        {
            "region": region,
            "address": address,
            "lang": lang,
            "since": since,
            "until": until,
            "topic": topic,
            "outlet": outlet,
            "official": official,
            "q": q,
            "hide_copies": hide_copies,
        }
    )
