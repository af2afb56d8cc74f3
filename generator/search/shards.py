"""Which articles each shard holds, and its key.

The index's articles are the site's listed articles (`Site.listed`), oldest first,
cut like numbered list pages (stable pagination): full shards of `size` articles
from the oldest, then the newest articles, fewer than `size`, in shards of `newest`.
A new article changes only the newest small shard; once the small ones add up to
`size` articles, they become one full shard (indexed once). An edit changes only
the shard of the edited article: a small one for the recent news most corrections
are about. A shard is named by the position of its first article.

An edit of an article of a full shard goes to the corrections shard instead
(`corrections_after`): its new record is indexed there, alone with the other
corrected articles, and the full shard keeps its key and its files; the search page
hides the full shard's older version. Past `MOST_CORRECTIONS` corrected articles,
the full shard holding the most of them is indexed again and its articles leave
the corrections shard: one full shard per build at most. A build that keys every
shard keeps the corrections of a full shard whose other articles did not change
(`carried`).

A shard's key is a hash of its articles' keys (each already a hash of every field
and of the rendered body) and of the settings, so a build tells which shards are
stale from the articles it holds, without a body or a page.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace


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
    corrected: tuple[int, ...] = ()
    """Positions (in `Site.listed`) of the articles of full shards whose current record
    is in the corrections shard, ascending; their full shard holds an older one."""
    corrections: str = ""
    """The key of the corrections shard; empty when no article is corrected."""
    rests: tuple[tuple[int, str], ...] = ()
    """(first position, key of its articles that are not corrected) of each full shard
    holding corrected articles: a build that keys every shard keeps the corrections of
    a full shard whose other articles are still those it was indexed with."""

    @property
    def names(self) -> tuple[str, ...]:
        """Each shard's folder name under `output/pagefind/`."""
        return tuple(str(start) for start in self.starts)

    def span(self, shard: int) -> tuple[int, int]:
        """Positions of the first article of `shard` and of the one after its last."""
        stop = self.starts[shard + 1] if shard + 1 < len(self.starts) else self.articles
        return self.starts[shard], stop


CORRECTIONS = "koreksi"
"""Folder of the corrections shard under `output/pagefind/`."""
MOST_CORRECTIONS = 50
"""Corrected articles the corrections shard may hold; one more, and the full shard
holding the most of them is indexed again (docs/search.md)."""


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


def corrections_after(previous: ShardKeys | None, count: int, size: int, newest: int,
                      settings: str, moved: Iterable[int],
                      most: int = MOST_CORRECTIONS) -> tuple[tuple[int, ...], frozenset[int]]:
    """After a change that moved no article, with the articles at positions `moved`
    edited or added: the positions of the corrected articles, and the first positions
    of the full shards to index again (so that at most `most` stay corrected)."""
    if (previous is None or (previous.settings, previous.size, previous.newest)
            != (settings, size, newest)):
        return (), frozenset()
    # Positions below this are in full shards now and before.
    full = min(count // size, previous.articles // size) * size
    corrected = {p for p in (*previous.corrected, *moved) if p < full}
    flushed = set()
    while len(corrected) > most:
        held = Counter(p // size for p in corrected)
        shard = min(held, key=lambda n: (-held[n], n))
        flushed.add(shard * size)
        corrected = {p for p in corrected if p // size != shard}
    return tuple(sorted(corrected)), frozenset(flushed)


def corrections_key(settings: str, listed: Sequence[int], key_of: Callable[[int], str],
                    corrected: Sequence[int]) -> str:
    """The key of the corrections shard holding the articles at `corrected`."""
    if not corrected:
        return ""
    return _key(settings, [CORRECTIONS, *(f"{p}:{key_of(listed[p])}" for p in corrected)])


def rekeyed(previous: ShardKeys | None, listed: Sequence[int], key_of: Callable[[int], str],
            size: int, newest: int, settings: str, touched: Iterable[int],
            most: int = MOST_CORRECTIONS, url_of: Callable[[int], str] | None = None
            ) -> ShardKeys:
    """The shards after a change that moved no article: a shard of the same span as
    before and without a `touched` article keeps its key from `previous`, and so does a
    full one whose `touched` articles go to the corrections shard; the others are keyed
    again; all of them when `previous` was made with other settings."""
    if (previous is None or (previous.settings, previous.size, previous.newest)
            != (settings, size, newest)):
        return shard_keys(listed, key_of, size, newest, settings)
    before = {previous.span(n): key for n, key in enumerate(previous.keys)}
    moved = sorted(p for p in (position_of(listed, i) for i in touched) if p is not None)
    corrected, flushed = corrections_after(previous, len(listed), size, newest, settings,
                                           moved, most)
    spans = layout(len(listed), size, newest)
    rested = dict(previous.rests)
    keys = []
    rests = []
    for start, stop in spans:
        kept = before.get((start, stop))
        first = bisect_left(moved, start)
        inside = first < len(moved) and moved[first] < stop
        taken = _takes_corrections(corrected, start, stop)
        keys.append(kept if kept is not None and start not in flushed and (
            not inside or taken) else _key(settings, map(key_of, listed[start:stop])))
        if taken:
            rest = rested.get(start) if not inside else None
            rests.append((start, rest or _rest(settings, listed, key_of, start, stop,
                                               corrected, url_of)))
    return ShardKeys(settings, size, newest, tuple(start for start, _ in spans), tuple(keys),
                     len(listed), corrected, corrections_key(settings, listed, key_of,
                                                             corrected), tuple(rests))


def _rest(settings: str, listed: Sequence[int], key_of: Callable[[int], str], start: int,
          stop: int, corrected: Sequence[int],
          url_of: Callable[[int], str] | None = None) -> str:
    """The key of the articles from `start` to `stop` that are not `corrected`, and of
    the corrected ones' URLs (`url_of(i)`: article `i`'s), by which the search page
    hides their older records: a corrected article that moved is indexed again."""
    skip = set(corrected)
    urls = [url_of(listed[p]).encode("utf-8").hex() for p in corrected
            if start <= p < stop] if url_of else []
    return _key(settings, ["rest", *(key_of(listed[p]) for p in range(start, stop)
                                     if p not in skip), *urls])


def carried(previous: ShardKeys | None, fresh: ShardKeys, listed: Sequence[int],
            key_of: Callable[[int], str],
            url_of: Callable[[int], str] | None = None) -> ShardKeys:
    """`fresh` (every shard keyed from the articles) with the corrections of `previous`
    kept for each full shard whose other articles are as it was indexed with (its key
    taken from `previous`); the other full shards keep `fresh`'s keys."""
    if (previous is None or not previous.corrected
            or (previous.settings, previous.size, previous.newest)
            != (fresh.settings, fresh.size, fresh.newest)):
        return fresh
    size = fresh.size
    full = min(fresh.articles // size, previous.articles // size) * size
    keys = list(fresh.keys)
    corrected: list[int] = []
    rests = []
    for start, rest in previous.rests:
        stop = start + size
        inside = [p for p in previous.corrected if start <= p < stop]
        if (stop > full or not inside
                or _rest(fresh.settings, listed, key_of, start, stop, inside, url_of)
                != rest):
            continue
        keys[start // size] = previous.keys[start // size]
        corrected += inside
        rests.append((start, rest))
    return replace(fresh, keys=tuple(keys), corrected=tuple(corrected),
                   corrections=corrections_key(fresh.settings, listed, key_of, corrected),
                   rests=tuple(rests))


def _takes_corrections(corrected: Sequence[int], start: int, stop: int) -> bool:
    first = bisect_left(corrected, start)
    return first < len(corrected) and corrected[first] < stop


def to_key_again(previous: ShardKeys | None, listed: Sequence[int], size: int, newest: int,
                 touched: Iterable[int], settings: str | None = None,
                 most: int = MOST_CORRECTIONS) -> list[tuple[int, int]]:
    """The spans `rekeyed` will key again (to read their articles in one query each);
    `settings` None: those of `previous`."""
    if previous is None or (previous.size, previous.newest) != (size, newest):
        return layout(len(listed), size, newest)
    settings = previous.settings if settings is None else settings
    if settings != previous.settings:
        return layout(len(listed), size, newest)
    before = {previous.span(n) for n in range(len(previous.keys))}
    moved = [p for p in (position_of(listed, i) for i in touched) if p is not None]
    corrected, flushed = corrections_after(previous, len(listed), size, newest, settings,
                                           moved, most)
    # (A full shard that takes a correction: its other articles' key, from them all.)
    return [(start, stop) for start, stop in layout(len(listed), size, newest)
            if (start, stop) not in before or start in flushed
            or any(start <= p < stop for p in moved)]
