"""The pipeline stages, in the order they run. Each module holds one stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zholdau.pipeline import Stage


def all_stages() -> list[Stage]:
    """The ordered stage list (imported on first use, so one stage module can be used alone)."""
    from zholdau.pipeline import Stage
    from zholdau.stages.clean import clean
    from zholdau.stages.extract import (
        find_assignments,
        find_figures,
        find_officials,
        find_regions,
        find_topics,
        link_addresses,
    )
    from zholdau.stages.language import detect_language
    from zholdau.stages.metadata import read_metadata

    return [
        Stage(
            "clean",
            reads=("raw_text",),
            sets=("text", "candidates.published", "candidates.outlet_*", "candidates.dateline_city"),
            run=clean,
            doc="qTranslate split, site chrome, date prefix line, dateline, NFC, whitespace",
        ),
        Stage(
            "detect_language",
            reads=("text",),
            sets=("lang", "script", "paragraphs", "text_cyrillic"),
            run=detect_language,
            doc="kk/ru/mixed/other per article and paragraph; Latin/Arabic Kazakh transliterated",
        ),
        Stage(
            "read_metadata",
            reads=("text", "raw_meta", "candidates", "url"),
            sets=("meta.title", "meta.published", "meta.outlet", "meta.author", "meta.dateline_city"),
            run=read_metadata,
            doc="title, publication date, outlet, author with rule and span; future dates rejected",
        ),
        Stage(
            "link_addresses",
            reads=("analysis_text", "meta.published"),
            sets=("facts.addresses",),
            run=link_addresses,
            on_error="warn",
            doc="which Address(es): title, alias, year, date, theme, programme, or a bare mention by date",
        ),
        Stage(
            "find_regions",
            reads=("analysis_text", "meta.published", "meta.dateline_city", "meta.outlet"),
            sets=("facts.primary_region", "facts.regions", "facts.places"),
            run=find_regions,
            on_error="warn",
            doc="regions and places (ISO 3166-2:KZ valid on the article's date), primary region",
        ),
        Stage(
            "find_officials",
            reads=("analysis_text", "lang"),
            sets=("facts.officials", "facts.chair"),
            run=find_officials,
            on_error="warn",
            doc="officials with post and level (names in the nominative), and who chaired the meeting",
        ),
        Stage(
            "find_assignments",
            reads=("analysis_text", "lang", "meta.published"),
            sets=("facts.assignments",),
            run=find_assignments,
            on_error="warn",
            doc="instructions given: issuer, addressee, action, deadline, sentence",
        ),
        Stage(
            "find_figures",
            reads=("analysis_text", "lang"),
            sets=("facts.figures",),
            run=find_figures,
            on_error="warn",
            doc="money, percentages, counts and physical quantities with unit and what they measure",
        ),
        Stage(
            "find_topics",
            reads=("analysis_text",),
            sets=("facts.topics",),
            run=find_topics,
            on_error="warn",
            doc="topic codes ranked by kk/ru lexicon evidence",
        ),
    ]
