"""The fields of the export record. docs/schema.md documents each one; a test checks they agree."""

from __future__ import annotations

# name → (type, filled by, one-line meaning)
EXPORT_FIELDS: dict[str, tuple[str, str, str]] = {
    "id": ("string", "core", "16 hex digits of the SHA-256 of the normalised text; the same text is one article"),
    "source": ("string", "core", "file path or URL as given; `#L3` = line 3 of a JSONL file, `#kk`/`#ru` = "
               "qTranslate version, `#<uri>` = WARC record"),
    "url": ("string|null", "core", "the article's URL (JSONL field, HTML canonical link, WARC target URI)"),
    "outlet": ("string|null", "core", "the publishing outlet (container field, URL host, known header, site line, "
               "dateline agency)"),
    "author": ("string|null", "core", "byline (start or end of the text) or the press service named as source"),
    "title": ("string|null", "core", "container title or the first line of the text"),
    "published": ("YYYY-MM-DD|null", "core", "publication date (date prefix line, container field, or a date "
                  "written in the text); never guessed, never in the future"),
    "lang": ("kk|ru|mixed|other", "core", "language of the article"),
    "script": ("cyrl|latn|arab", "core", "script the article is written in; Kazakh in Latin/Arabic script is "
               "transliterated to `text_cyrillic`"),
    "text": ("string", "core", "the cleaned text (site chrome, markers, date prefix and dateline removed); "
             "evidence spans point into it"),
    "text_cyrillic": ("string|absent", "core", "Cyrillic transliteration for Latin/Arabic-script Kazakh"),
    "paragraphs": ("list", "core", "[{start, end, lang, rule}] language of each paragraph"),
    "dateline_city": ("string|absent", "core", "city of the dateline (\"СЕМЕЙ. KAZINFORM –\" → Семей)"),
    "warnings": ("list of strings", "core", "what could not be read (e.g. an unparseable date), with what to do"),
    "evidence": ("object", "core", "field → the rule name and text span of every value (see below)"),
    "addresses": ("list", "extraction", "Address ids (delivery dates) the article discusses"),
    "instructions": ("list", "extraction", "items of an Address's instructions or plan the article discusses"),
    "primary_region": ("ISO 3166-2:KZ|null", "extraction", "the region the article is about, valid on its date"),
    "regions": ("list", "extraction", "every region the article is about or mentions"),
    "places": ("list", "extraction", "cities, districts and villages named, with their region"),
    "officials": ("list", "extraction", "people with their post and level, names in the nominative"),
    "chair": ("string|null", "extraction", "who chaired the meeting"),
    "assignments": ("list", "extraction", "instructions given: issuer, addressee, action, deadline, sentence"),
    "figures": ("list", "extraction", "numbers with unit and what they measure (money in units, percent, counts)"),
    "topics": ("list", "extraction", "topic codes ranked by lexicon evidence"),
    "duplicate_of": ("string|null", "connect", "id of the earliest copy when this article is a syndicated copy"),
    "event_id": ("string|null", "connect", "the event (one meeting) this article reports"),
}

CSV_FIELDS = [
    "id", "source", "url", "outlet", "author", "title", "published", "lang", "script", "primary_region",
    "regions", "addresses", "chair", "officials", "assignments", "figures", "topics", "duplicate_of", "event_id",
    "text",
]
