"""Live collection: a polite crawler for regional news sites, their feeds and sitemaps.

``sources`` (the registry as data), ``urls`` (canonical URLs), ``robots`` (robots.txt), ``fetch``
(polite HTTP), ``sitemaps`` and ``feeds`` (discovery), ``archive`` (WARC output), ``crawler`` (one
crawl: discover, fetch, run the pipeline, store) and ``watch`` (crawl every interval). The crawl state
lives in the store (migration 0004), so a crawl can be killed and started again.
Needs the ``crawl`` extra: ``pip install 'zholdau[crawl]'``.
"""
