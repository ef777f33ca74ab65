"""The pipeline stages, in the order they run. Each module holds one stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zholdau.pipeline import Stage


def all_stages() -> list[Stage]:
    """The ordered stage list (imported on first use, so one stage module can be used alone)."""
    from zholdau.pipeline import Stage
    from zholdau.stages.clean import clean
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
    ]
