"""The knowledge base: Addresses, programmes, regions, places, posts, topics and outlets as data files.

Code never hard-codes a region name or an Address title; it asks :func:`load_knowledge`.
"""

from zholdau.knowledge.loader import (
    Address,
    Centre,
    Knowledge,
    Outlet,
    Period,
    Place,
    Post,
    Programme,
    Region,
    RegionName,
    Topic,
    load_knowledge,
    normalise_name,
)

__all__ = [
    "Address",
    "Centre",
    "Knowledge",
    "Outlet",
    "Period",
    "Place",
    "Post",
    "Programme",
    "Region",
    "RegionName",
    "Topic",
    "load_knowledge",
    "normalise_name",
]
