"""Stable pagination: page 1 holds the oldest items.

News archives grow at one end. Numbering pages from the oldest means a new
article changes only the newest page; every older page keeps its URL and its
bytes forever, so caches, deploys and incremental builds stay small.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    """One list page's share of a list."""

    number: int
    """1 for the oldest page."""
    start: int
    """Index of the first (oldest) item on the page, in oldest-first order."""
    stop: int
    """One past the last (newest) item on the page."""


def paginate(count: int, size: int) -> list[Chunk]:
    """Split `count` oldest-first items into pages of `size`; the last page may be short."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    return [
        Chunk(number=index // size + 1, start=index, stop=min(index + size, count))
        for index in range(0, count, size)
    ]
