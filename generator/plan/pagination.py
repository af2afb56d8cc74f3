"""Stable pagination: page 1 holds the oldest items.

News archives grow at one end. Numbering pages from the oldest means a new
article changes only the newest page; every older page keeps its URL and its
bytes forever, so caches, deploys and incremental builds stay small.
"""

from __future__ import annotations

from dataclasses import dataclass

NEARBY = 2
"""Pages linked by number on each side of a list page (`nearby`).

A page's window reaches at most `NEARBY` pages newer, so a new newest page changes
the links of the `NEARBY` pages below it and no older one (they linked the old newest
at the list's own URL, and now link its number): an append plans a list again from
that far below its old newest page (`first_replanned`)."""


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


def nearby(number: int, last: int) -> range:
    """The page numbers linked from page `number` of `last`: up to `NEARBY` on each side."""
    return range(max(1, number - NEARBY), min(last, number + NEARBY) + 1)


def first_replanned(before: int, size: int) -> int:
    """The first page of a list of `before` items whose bytes an addition can change:
    its newest page, and the `NEARBY` pages whose window then reaches a new one."""
    newest = -(-before // size)
    return max(1, newest - NEARBY)
