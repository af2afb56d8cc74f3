"""The last build's search shards as they stand once the quick path dated stories in
among them (`inserted`: stories filed late), took them out (`removed`: stories
withdrawn) or put them back (`restored`: withdrawals taken back), without keying them:
build/search.py says which shards to key again. Full shards are held by their
boundaries (`ShardKeys.bounds`), so one change moves the positions of later shards,
not their articles. Pure functions, no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from generator.plan.pagination import OrderKey
from generator.search.shards import ShardKeys


def inserted(previous: ShardKeys, key: OrderKey,
             position: int) -> tuple[ShardKeys, bool] | None:
    """`previous` as it stands once an article with order key `key` is dated in at
    `position` of `Site.listed` (a story filed late, the quick path): a full shard it
    falls into holds one more article and every later shard starts one later, with
    their keys and corrections; and whether it fell into a full shard. One that falls
    after every full shard joins the small ones, which the caller keys again from
    `position` on (cut by position, they all change). None when the full shard would
    hold more than twice the shard size: `cut` then cuts it and every later one
    again, which only the whole way can."""
    shard = bisect_left(previous.bounds, key)
    if shard == previous.full:
        return previous, False
    start, stop = previous.span(shard)
    if stop - start + 1 > 2 * previous.size:
        return None
    return replace(
        previous,
        starts=tuple(s + (n > shard) for n, s in enumerate(previous.starts)),
        articles=previous.articles + 1,
        corrected=tuple(p + (p >= position) for p in previous.corrected),
        rests=tuple((s + (s > previous.starts[shard]), rest) for s, rest in previous.rests),
    ), True


def removed(previous: ShardKeys, key: OrderKey,
            position: int) -> tuple[ShardKeys, int | None] | None:
    """`previous` as it stands once the article with order key `key` at `position` of
    `Site.listed` leaves it (withdrawn, the quick path), and the first position of the
    full shard it leaves, to key afresh as a build that keys every shard does (`carried`:
    articles left it), its corrections with it; that position is None when it fell
    after every full shard (the caller keys the small ones again from `position` on:
    cut by position, they all change). None when the full shard would be left empty
    (only the whole way cuts the shards again)."""
    shard = bisect_left(previous.bounds, key)
    if shard == previous.full:
        return previous, None
    start, stop = previous.span(shard)
    if stop - start <= 1:
        return None
    return replace(
        previous,
        starts=tuple(s - (n > shard) for n, s in enumerate(previous.starts)),
        articles=previous.articles - 1,
        corrected=tuple(p - (p > position) for p in previous.corrected
                        if not start <= p < stop),
        rests=tuple((s - (s > start), rest) for s, rest in previous.rests if s != start),
    ), start


def restored(previous: ShardKeys, key: OrderKey,
             position: int) -> tuple[ShardKeys, int | None] | None:
    """`previous` as it stands once the article with order key `key`, published by the
    last build but in no list (withdrawn), joins `Site.listed` at `position` (its
    withdrawal taken back, the quick path), as one dated in does (`inserted`); and the
    first position of the full shard it falls into, to key afresh, as a build that keys
    every shard does (`carried`: an article the last build published moved in, not a
    correction; `rekeyed` drops the shard's corrections). That position is None when it
    falls after every full shard (the caller keys the small ones again from `position`
    on). None when the full shard would be cut again."""
    found = inserted(previous, key, position)
    if found is None:
        return None
    moved, full = found
    return moved, previous.starts[bisect_left(previous.bounds, key)] if full else None
