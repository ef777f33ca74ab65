"""The fields of the export record and of its assignments. docs/schema.md documents each one; a test
checks they agree (tests/test_schema_docs.py)."""

from __future__ import annotations

# name → (type, filled by, one-line meaning)
EXPORT_FIELDS: dict[str, tuple[str, str, str]] = {
    "id": (
        "string",
        "core",
        "16 hex digits of the SHA-256 of the normalised text; the same text is one article",
    ),
    "source": (
        "string",
        "core",
        "file path or URL as given; `#L3` = line 3 of a JSONL file, `#kk`/`#ru` = "
        "qTranslate version, `#<uri>` = WARC record",
    ),
    "url": ("string|null", "core", "the article's URL (JSONL field, HTML canonical link, WARC target URI)"),
    "outlet": (
        "string|null",
        "core",
        "the publishing outlet (container field, URL host, known header, site line, dateline agency)",
    ),
    "author": (
        "string|null",
        "core",
        "byline (start or end of the text) or the press service named as source",
    ),
    "title": ("string|null", "core", "container title or the first line of the text"),
    "published": (
        "YYYY-MM-DD|null",
        "core",
        "publication date (date prefix line, container field, or a date "
        "written in the text); never guessed, never in the future",
    ),
    "lang": ("kk|ru|mixed|other", "core", "language of the article"),
    "script": (
        "cyrl|latn|arab",
        "core",
        "script the article is written in; Kazakh in Latin/Arabic script is "
        "transliterated to `text_cyrillic`",
    ),
    "text": (
        "string",
        "core",
        "the cleaned text (site chrome, markers, date prefix and dateline removed); "
        "evidence spans point into it",
    ),
    "text_cyrillic": ("string|absent", "core", "Cyrillic transliteration for Latin/Arabic-script Kazakh"),
    "paragraphs": ("list", "core", "[{start, end, lang, rule}] language of each paragraph"),
    "dateline_city": ("string|absent", "core", 'city of the dateline ("СЕМЕЙ. KAZINFORM –" → Семей)'),
    "warnings": (
        "list of strings",
        "core",
        "what could not be read (e.g. an unparseable date), with what to do",
    ),
    "evidence": ("object", "core", "field → the rule name and text span of every value (see below)"),
    "addresses": ("list", "extraction", "Address ids (delivery dates) the article discusses"),
    "instructions": (
        "list",
        "extraction",
        "items of an Address's instructions or plan the article discusses",
    ),
    "primary_region": (
        "ISO 3166-2:KZ|null",
        "extraction",
        "the region the article is about, valid on its date",
    ),
    "regions": ("list", "extraction", "every region the article is about or mentions"),
    "places": ("list", "extraction", "cities, districts and villages named, with their region"),
    "officials": ("list", "extraction", "people with their post and level, names in the nominative"),
    "chair": ("string|null", "extraction", "who chaired the meeting"),
    "assignments": (
        "list",
        "extraction",
        "instructions given: issuer, addressee, action, deadline, sentence; "
        "the connect step adds status and followed_up_by (see below)",
    ),
    "figures": (
        "list",
        "extraction",
        "numbers with unit and what they measure (money in units, percent, counts)",
    ),
    "topics": ("list", "extraction", "topic codes ranked by lexicon evidence"),
    "duplicate_of": (
        "string|absent",
        "connect",
        "when this article is a syndicated copy: the id of the earliest "
        "copy (by publication date and time, then ingest order); absent on originals",
    ),
    "event_id": (
        "string|absent",
        "connect",
        "the event (one meeting, its kk and ru reports together) this article "
        "reports, e.g. `E-KZ-39-2024-09-06-847b25`; a copy has its original's; absent without an "
        "Address, a primary region or a date",
    ),
    "follows_up": (
        "list|absent",
        "connect",
        "ids of the earlier articles whose assignments this article reports "
        "on (one per reported meeting, its own language first), sorted; absent when none",
    ),
}

# the fields of each item of `assignments`: name → (type, filled by, one-line meaning)
ASSIGNMENT_FIELDS: dict[str, tuple[str, str, str]] = {
    "issuer": (
        "string|null",
        "extraction",
        "who gave the instruction, as the text names them (an unnamed "
        '"поручено …": the chair, or who gave the instruction before)',
    ),
    "addressee": ("string|null", "extraction", "who is to carry it out"),
    "action": ("string|null", "extraction", "what is to be done"),
    "deadline": (
        "YYYY-MM-DD|null",
        "extraction",
        'by when (the end of the period named: "до конца года" → 31 December of the article\'s year)',
    ),
    "sentence": (
        "string",
        "extraction",
        "the sentence the instruction was read from, in the article's script",
    ),
    "status": (
        "assigned|in_progress|done|overdue|absent",
        "connect",
        "`done`: a later article reports it done; "
        "`overdue`: the deadline passed without a done report; `in_progress`: a later report, the "
        "deadline not passed; `assigned`: no report yet. Absent when the article has no primary region "
        "or date (nothing can follow it up) or the connect step has not run",
    ),
    "followed_up_by": (
        "list|absent",
        "connect",
        "ids of the later articles linked as reports on this assignment, oldest first; absent when none",
    ),
}

CSV_FIELDS = [
    "id",
    "source",
    "url",
    "outlet",
    "author",
    "title",
    "published",
    "lang",
    "script",
    "primary_region",
    "regions",
    "addresses",
    "chair",
    "officials",
    "assignments",
    "figures",
    "topics",
    "duplicate_of",
    "event_id",
    "follows_up",
    "text",
]
