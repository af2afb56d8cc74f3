"""Stable pagination: page 1 holds the oldest items.

News archives grow at one end. Numbering pages from the oldest means a new
article changes only the newest page; every older page keeps its URL and its
bytes forever, so caches, deploys and incremental builds stay small.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.content.list_pages import OrderKey as OrderKey  # (re-exported)

NEARBY = 2
"""Older pages linked by number from a list page (`nearby`)."""
NEWER = 1
"""Newer pages linked by number from a list page (`nearby`).

A page's window reaches at most `NEWER` pages newer. Older pages link each page by
its number, the newest's too (its pointer), so a new newest page changes no older
page's links: an append plans a list again from its newest page (`Pager.first`).
(Until 2026-12-05 they linked the newest at the list's own URL, and the `NEWER` pages
below it, which its `Tail` still holds, changed when it took its number.) One, not two
as older: a page first written at its number reaches a number newer only by its
pointer, and the "Newer" and "Newest" links are there beside it."""


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
    """The page numbers linked from page `number` of `last`: up to `NEARBY` older and
    `NEWER` newer."""
    return range(max(1, number - NEARBY), min(last, number + NEWER) + 1)


# Sealed pages (issue 18 item 8). A list page that has filled up is sealed: its
# boundary, the order key of its newest item, is kept (content/list-pages.txt), and
# the page keeps every item up to it from then on. An item dated into it later (a
# story filed late, an old one imported) joins it, so the page grows by one and no
# later page shifts; an item deleted or moved out of it leaves it shorter, even
# empty, and its number stays. Items after the last boundary are paginated by size
# as before, and each page of them that fills up is sealed in turn.

# `OrderKey` (content/list_pages.py): where an article stands in the site's order, its
# date and its source path, what `Site.articles` is sorted by (plan/site.py).


@dataclass(frozen=True)
class Paging:
    """The pages of one list, with the boundaries of its sealed pages."""

    chunks: tuple[Chunk, ...]
    """The pages, oldest first (on an append plan: only those from its first replanned
    page on, see `extend`)."""
    last: int
    """How many pages the list has."""
    sealed: tuple[OrderKey, ...]
    """The boundary of each sealed page, page 1's first: the boundaries given, then
    those of the pages that filled up."""
    tail: Tail
    """What an append needs of this list's pages (`extend`)."""


@dataclass(frozen=True)
class Tail:
    """The newest pages of a list, as an append finds them: what the quick path keeps
    of each list's pages between builds (build/memos.py `Settled.tails`)."""

    count: int = 0
    """How many items the list holds."""
    sealed: int = 0
    """How many of its pages are sealed (the newest unsealed one, if any, is the last)."""
    chunks: tuple[Chunk, ...] = ()
    """Its newest `NEWER` + 1 pages (all, when it has fewer), oldest first; an append
    plans the newest again, and any it opens."""
    bound: OrderKey | None = None
    """The boundary of its newest sealed page, if any. An article deleted from the end
    of a sealed page leaves it past the list's newest item: an item appended must come
    after it, else it joins that page (`extend` refuses it)."""


class JoinsSealedPage(LookupError):
    """An append found an item dated into a sealed page of its list (after the list's
    newest item, which a deletion left before the page's end): only a plan of the whole
    list places it there (`seal`). A LookupError, as the quick path takes what the cache
    cannot vouch for: it goes the whole way."""


def seal(keys: Sequence[OrderKey], size: int, sealed: Sequence[OrderKey] = ()) -> Paging:
    """The pages of a list whose items (oldest first) have the order `keys`: page `j`
    holds the items after boundary `j - 1` up to boundary `j` of `sealed`; the items
    after the last boundary fill pages of `size`, each full one sealed at its newest
    item. Without `sealed`, the pages are `paginate`'s."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    count = len(keys)
    chunks: list[Chunk] = []
    bounds = list(sealed)
    start = 0
    for number, bound in enumerate(sealed, start=1):
        # Nearly always the page still holds `size` items: two comparisons, not a search.
        guess = start + size
        if guess <= count and keys[guess - 1] <= bound and (guess == count
                                                             or bound < keys[guess]):
            stop = guess
        else:
            stop = bisect_right(keys, bound, lo=start)
        chunks.append(Chunk(number, start, stop))
        start = stop
    for begin in range(start, count, size):
        stop = min(begin + size, count)
        chunks.append(Chunk(len(chunks) + 1, begin, stop))
        if stop - begin == size:
            bounds.append(keys[stop - 1])
    last = len(chunks)
    return Paging(tuple(chunks), last, tuple(bounds),
                  Tail(count, len(bounds), tuple(chunks[max(0, last - NEWER - 1):]),
                       bounds[-1] if bounds else None))


def extend(tail: Tail, count: int, size: int, key_at: Callable[[int], OrderKey]) -> Paging:
    """The pages of a list of `count` items whose first `tail.count` items had the pages
    `tail` ends with, the others appended after every one of them: its sealed pages keep
    their items, the appended ones join the unsealed rest. `chunks` are the pages from
    the first of `tail`'s on (those an append plans again), `sealed` only the boundaries
    of the pages that filled up; `key_at(i)` is asked only for their newest items and
    the first appended one (`JoinsSealedPage` when it falls in a sealed page)."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    if count > tail.count and tail.bound is not None and key_at(tail.count) <= tail.bound:
        raise JoinsSealedPage(f"an item dated into sealed page {tail.sealed}")
    kept = [c for c in tail.chunks if c.number <= tail.sealed]
    rest = kept[-1].stop if kept else 0
    if tail.sealed and not kept:
        raise ValueError("a tail holds its newest sealed page")
    chunks = list(kept)
    bounds: list[OrderKey] = []
    number = tail.sealed
    for begin in range(rest, count, size):
        stop = min(begin + size, count)
        number += 1
        chunks.append(Chunk(number, begin, stop))
        if stop - begin == size:
            bounds.append(key_at(stop - 1))
    last = number
    window = [c for c in chunks if c.number > last - NEWER - 1]
    return Paging(tuple(chunks), last, tuple(bounds),
                  Tail(count, tail.sealed + len(bounds), tuple(window),
                       bounds[-1] if bounds else tail.bound))
