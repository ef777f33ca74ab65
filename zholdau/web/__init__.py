"""The dashboard: server-rendered pages over the store, in Kazakh, Russian and English.

``pages.py`` holds the routes, ``params.py`` reads and checks the filters of a URL (shared with the
API), ``labels.py`` names regions, Addresses and topics from the knowledge base in the interface
language, ``render.py`` turns records and counts into what the templates draw (highlights, heat
levels, timeline bars), ``i18n/`` holds the interface strings and ``tiles.json`` the map layout.
Nothing here extracts anything: the pages only show what the store holds.
"""
