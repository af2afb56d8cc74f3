"""Which articles each shard holds, and its key.

The index's articles are the site's listed articles (`Site.listed`), oldest first,
cut like numbered list pages (stable pagination): full shards of `size` articles
from the oldest, then the newest articles, fewer than `size`, in shards of `newest`.
A new article changes only the newest small shard; once the small ones add up to
`size` articles, they become one full shard (indexed once). An edit changes only
the shard of the edited article: a small one for the recent news most corrections
are about. A shard is named by the position of its first article.

A shard's key is a hash of its articles' keys (each already a hash of every field
and of the rendered body) and of the settings, so a build tells which shards are
stale from the articles it holds, without a body or a page.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ShardKeys:
    """The shards of an index and their keys, as a build plans them."""

    settings: str
    """`settings_key` of the build: a different one makes every shard stale."""
    size: int
    """Articles per full shard."""
    newest: int
    """Articles per shard of the newest articles (those after the last full shard)."""
    starts: tuple[int, ...]
    """Position (in `Site.listed`) of each shard's first article, oldest first."""
    keys: tuple[str, ...]
    """The key of each shard; empty for a site without articles."""
    articles: int
    """How many articles the shards hold."""

    @property
    def names(self) -> tuple[str, ...]:
        """Each shard's folder name under `output/pagefind/`."""
        return tuple(str(start) for start in self.starts)

    def span(self, shard: int) -> tuple[int, int]:
        """Positions of the first article of `shard` and of the one after its last."""
        stop = self.starts[shard + 1] if shard + 1 < len(self.starts) else self.articles
        return self.starts[shard], stop


def settings_key(*parts: object) -> str:
    """Key of whatever else a record shows or the index is made with: the shard sizes,
    the language, the filter names, the record format, the Pagefind binary."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:20]


def layout(count: int, size: int, newest: int) -> list[tuple[int, int]]:
    """The spans (first position, position after the last) of the shards of `count`
    articles."""
    full = count // size
    spans = [(n * size, (n + 1) * size) for n in range(full)]
    spans += [(start, min(start + newest, count))
              for start in range(full * size, count, max(newest, 1))]
    return spans


def shard_of(keys: ShardKeys, position: int) -> int:
    """The shard holding the article at `position` of `Site.listed`."""
    return bisect_right(keys.starts, position) - 1


def position_of(listed: Sequence[int], article: int) -> int | None:
    """The position in `listed` of the site's article `article`; None if not listed."""
    position = bisect_left(listed, article)
    return position if position < len(listed) and listed[position] == article else None


def _key(settings: str, keys: Iterable[str]) -> str:
    digest = hashlib.sha1(settings.encode("ascii"))
    for key in keys:
        digest.update(key.encode("ascii"))
    return digest.hexdigest()


def shard_keys(listed: Sequence[int], key_of: Callable[[int], str], size: int, newest: int,
               settings: str) -> ShardKeys:
    """The shards of `listed` and their keys; `key_of(i)` is the key of article `i`."""
    spans = layout(len(listed), size, newest)
    return ShardKeys(settings, size, newest, tuple(start for start, _ in spans), tuple(
        _key(settings, map(key_of, listed[start:stop])) for start, stop in spans),
        len(listed))


def rekeyed(previous: ShardKeys | None, listed: Sequence[int], key_of: Callable[[int], str],
            size: int, newest: int, settings: str, touched: Iterable[int]) -> ShardKeys:
    """The shards after a change that moved no article: a shard of the same span as
    before and without a `touched` article keeps its key from `previous`, the others
    are keyed again; all of them when `previous` was made with other settings."""
    if (previous is None or (previous.settings, previous.size, previous.newest)
            != (settings, size, newest)):
        return shard_keys(listed, key_of, size, newest, settings)
    before = {previous.span(n): key for n, key in enumerate(previous.keys)}
    moved = sorted(p for p in (position_of(listed, i) for i in touched) if p is not None)
    spans = layout(len(listed), size, newest)
    keys = []
    for start, stop in spans:
        kept = before.get((start, stop))
        inside = bisect_left(moved, start) < len(moved) and moved[bisect_left(moved, start)] < stop
        keys.append(_key(settings, map(key_of, listed[start:stop]))
                    if kept is None or inside else kept)
    return ShardKeys(settings, size, newest, tuple(start for start, _ in spans), tuple(keys),
                     len(listed))


def to_key_again(previous: ShardKeys | None, listed: Sequence[int], size: int, newest: int,
                 touched: Iterable[int]) -> list[tuple[int, int]]:
    """The spans `rekeyed` will key again (to read their articles in one query each)."""
    if previous is None or (previous.size, previous.newest) != (size, newest):
        return layout(len(listed), size, newest)
    before = {previous.span(n) for n in range(len(previous.keys))}
    moved = [p for p in (position_of(listed, i) for i in touched) if p is not None]
    return [(start, stop) for start, stop in layout(len(listed), size, newest)
            if (start, stop) not in before or any(start <= p < stop for p in moved)]
