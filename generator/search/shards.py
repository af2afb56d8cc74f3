"""Which articles each shard holds, and its key.

The index's articles are the site's listed articles (`Site.listed`), oldest first;
shard `n` holds the `size` of them from position `n * size`, as a numbered list page
does (stable pagination): a new article changes only the newest shard, an edit only
the shard of the edited article. A shard's key is a hash of its articles' keys (each
already a hash of every field and of the rendered body) and of the settings, so a
build tells which shards are stale from the articles it holds, without a body or a
page.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ShardKeys:
    """The key of every shard of an index, as a build plans it."""

    settings: str
    """`settings_key` of the build: a different one makes every shard stale."""
    size: int
    """Articles per shard."""
    keys: tuple[str, ...]
    """The key of each shard, oldest first; empty for a site without articles."""
    articles: int
    """How many articles the shards hold."""


def settings_key(*parts: object) -> str:
    """Key of whatever else a record shows or the index is made with: the shard size, the
    language, the filter names, the record format, the Pagefind binary."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:20]


def shard_count(listed: Sequence[int], size: int) -> int:
    """How many shards `listed` articles fill."""
    return -(-len(listed) // size)


def members(listed: Sequence[int], size: int, shard: int) -> Sequence[int]:
    """The site indexes of the articles of `shard`."""
    return listed[shard * size:(shard + 1) * size]


def shard_of(listed: Sequence[int], size: int, article: int) -> int | None:
    """The shard of the article at site index `article`; None when it is not listed."""
    position = bisect_left(listed, article)
    if position < len(listed) and listed[position] == article:
        return position // size
    return None


def _key(settings: str, keys: Iterable[str]) -> str:
    digest = hashlib.sha1(settings.encode("ascii"))
    for key in keys:
        digest.update(key.encode("ascii"))
    return digest.hexdigest()


def shard_keys(listed: Sequence[int], key_of: Callable[[int], str], size: int,
               settings: str) -> ShardKeys:
    """The keys of every shard; `key_of(i)` is the key of the site's article `i`."""
    return ShardKeys(settings, size, tuple(
        _key(settings, map(key_of, members(listed, size, n)))
        for n in range(shard_count(listed, size))), len(listed))


def rekeyed(previous: ShardKeys | None, listed: Sequence[int], key_of: Callable[[int], str],
            size: int, settings: str, touched: Iterable[int]) -> ShardKeys:
    """The keys after a change that moved no article: the shards of the `touched`
    articles and those past the previous last shard's start are keyed again, the others
    kept from `previous`; every shard when `previous` was made otherwise."""
    if previous is None or previous.settings != settings or previous.size != size:
        return shard_keys(listed, key_of, size, settings)
    count = shard_count(listed, size)
    again = {n for n in (shard_of(listed, size, i) for i in touched) if n is not None}
    if len(listed) != previous.articles:
        # Articles added after the last one fill the previous last shard, then new ones.
        again.update(range(max(len(previous.keys) - 1, 0), count))
    keys = tuple(
        _key(settings, map(key_of, members(listed, size, n)))
        if n in again or n >= len(previous.keys) else previous.keys[n]
        for n in range(count))
    return ShardKeys(settings, size, keys, len(listed))
