"""Morphology helpers: Kazakh suffix rules and a Russian stemmer / pymorphy3 wrapper."""
