"""Which articles each shard holds, and its key.

The index's articles are the site's listed articles (`Site.listed`), oldest first,
cut like numbered list pages with sealed pages (plan/pagination.py): full shards of
`size` articles from the oldest, then the newest articles, fewer than `size`, in
shards of `newest`. A new article changes only the newest small shard; once the
small ones add up to `size` articles, they become one full shard (indexed once),
sealed at its newest article's order key (`ShardKeys.bounds`). From then on a full
shard holds the articles up to its boundary: an article dated into it later (a
story filed late, an old one imported) joins it, and one deleted leaves it, without
moving any later shard, so such a change indexes one full shard again, not every
later one (`cut`). An edit changes only the shard of the edited article: a small one
for the recent news most corrections are about. A shard is named by the position its
first article had when the shards were cut (`ShardKeys.names`), which stays.

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
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from generator.plan.pagination import OrderKey, seal


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

    bounds: tuple[OrderKey, ...] = ()
    """The order key (date, source path) of the newest article of each full shard when it
    filled up, oldest first: full shard `n` holds the articles after `bounds[n - 1]` up
    to `bounds[n]`, however many articles dated into it or deleted from it later leave
    it (`cut`)."""

    @property
    def full(self) -> int:
        """How many shards, the first ones, are full shards."""
        return len(self.bounds)

    @property
    def names(self) -> tuple[str, ...]:
        """Each shard's folder name under `output/pagefind/`: the position of its first
        article had no article been dated into or deleted from a full shard, so that
        such a change renames no shard."""
        full, size, newest = self.full, self.size, self.newest
        return tuple(str(n * size if n < full else full * size + (n - full) * newest)
                     for n in range(len(self.starts)))

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
    articles cut by position alone: what `cut` gives with no boundaries."""
    full = count // size
    return [(n * size, (n + 1) * size) for n in range(full)] + _small(full * size, count,
                                                                       newest)


def _small(start: int, count: int, newest: int) -> list[tuple[int, int]]:
    """The spans of the small shards of the articles from `start` to `count`."""
    return [(first, min(first + newest, count))
            for first in range(start, count, max(newest, 1))]


@dataclass(frozen=True)
class Cut:
    """The shards of an index's articles."""

    spans: tuple[tuple[int, int], ...]
    """(first position, position after the last) of each shard, oldest first."""
    bounds: tuple[OrderKey, ...]
    """The boundary of each full shard (`ShardKeys.bounds`): the first `len(bounds)`
    spans are the full shards."""


def cut(order: Sequence[OrderKey], size: int, newest: int,
        bounds: Sequence[OrderKey] = ()) -> Cut:
    """The shards of the articles whose order keys are `order` (oldest first): the full
    shards of `bounds`, each holding the articles after the previous boundary up to its
    own, then the articles after the last boundary in full shards of `size` (each sealed
    at its newest article) and small ones of `newest`. A full shard left empty or
    holding more than twice `size` articles (a bulk import of old articles) is cut again
    by position with every later one: rare, and the index stays balanced."""
    paging = seal(order, size, bounds)
    sealed = paging.sealed
    for n, chunk in enumerate(paging.chunks[:len(sealed)]):
        if not 0 < chunk.stop - chunk.start <= 2 * size:
            paging = seal(order, size, sealed[:n])
            sealed = paging.sealed
            break
    full = [(chunk.start, chunk.stop) for chunk in paging.chunks[:len(sealed)]]
    rest = full[-1][1] if full else 0
    return Cut(tuple(full + _small(rest, len(order), newest)), tuple(sealed))


def _grown(previous: ShardKeys, count: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The spans of the shards after articles were appended to those of `previous`
    (nothing else moved: the quick path), and the positions of the newest articles of
    the full shards that filled up."""
    size = previous.size
    full = [previous.span(n) for n in range(previous.full)]
    ends = []
    start = full[-1][1] if full else 0
    while count - start >= size:
        full.append((start, start + size))
        ends.append(start + size - 1)
        start += size
    return full + _small(start, count, previous.newest), ends


def shard_of(keys: ShardKeys, position: int) -> int:
    """The shard holding the article at `position` of `Site.listed`."""
    return bisect_right(keys.starts, position) - 1


def position_of(listed: Sequence[int], article: int) -> int | None:
    """The position in `listed` of the site's article `article`; None if not listed."""
    position = bisect_left(listed, article)
    return position if position < len(listed) and listed[position] == article else None


def span_key(settings: str, keys: Iterable[str]) -> str:
    """The key of a shard holding the articles of `keys` (each article's key)."""
    digest = hashlib.sha1(settings.encode("ascii"))
    for key in keys:
        digest.update(key.encode("ascii"))
    return digest.hexdigest()


def shard_keys(listed: Sequence[int], key_of: Callable[[int], str], size: int, newest: int,
               settings: str, order: Sequence[OrderKey],
               bounds: Sequence[OrderKey] = ()) -> ShardKeys:
    """The shards of `listed` and their keys; `key_of(i)` is the key of article `i`,
    `order` the order keys of the listed articles, cut from `bounds` (`cut`)."""
    return _keyed(listed, key_of, size, newest, settings, cut(order, size, newest, bounds))


def _keyed(listed: Sequence[int], key_of: Callable[[int], str], size: int, newest: int,
           settings: str, shards: Cut) -> ShardKeys:
    """The shards `shards` of `listed`, each keyed from its articles."""
    return ShardKeys(settings, size, newest, tuple(start for start, _ in shards.spans),
                     tuple(span_key(settings, map(key_of, listed[start:stop]))
                           for start, stop in shards.spans), len(listed),
                     bounds=shards.bounds)


def corrections_after(previous: ShardKeys | None, count: int, size: int, newest: int,
                      settings: str, moved: Iterable[int],
                      most: int = MOST_CORRECTIONS) -> tuple[tuple[int, ...], frozenset[int]]:
    """After a change that moved no article, with the articles at positions `moved`
    edited or added: the positions of the corrected articles, and the first positions
    of the full shards to index again (so that at most `most` stay corrected)."""
    if (previous is None or (previous.settings, previous.size, previous.newest)
            != (settings, size, newest)):
        return (), frozenset()
    # Positions below this are in full shards now and before (full shards only grow in
    # number when nothing moved).
    full = previous.span(previous.full - 1)[1] if previous.full else 0
    corrected = {p for p in (*previous.corrected, *moved) if p < min(full, count)}
    flushed = set()
    while len(corrected) > most:
        held = Counter(shard_of(previous, p) for p in corrected)
        shard = min(held, key=lambda n: (-held[n], n))
        flushed.add(previous.starts[shard])
        corrected = {p for p in corrected if shard_of(previous, p) != shard}
    return tuple(sorted(corrected)), frozenset(flushed)


def with_corrections(keys: ShardKeys, listed: Sequence[int],
                     key_of: Callable[[int], str]) -> ShardKeys:
    """`keys` with the key of the corrections shard holding its corrected articles: of
    each, its key and the name of the full shard holding its older record (what the
    records say), not its position, which an article dated in before it moves."""
    if not keys.corrected:
        return replace(keys, corrections="")
    names = keys.names
    return replace(keys, corrections=span_key(keys.settings, [CORRECTIONS, *(
        f"{names[shard_of(keys, p)]}:{key_of(listed[p])}" for p in keys.corrected)]))


def rekeyed(previous: ShardKeys | None, listed: Sequence[int], key_of: Callable[[int], str],
            size: int, newest: int, settings: str, touched: Iterable[int],
            order_at: Callable[[int], OrderKey], most: int = MOST_CORRECTIONS,
            url_of: Callable[[int], str] | None = None,
            load: Callable[[Sequence[int]], object] | None = None,
            again: Collection[int] = ()) -> ShardKeys:
    """The shards after a change that moved no article: a shard of the same span as
    before and without a `touched` article keeps its key from `previous`, and so does a
    full one whose `touched` articles go to the corrections shard; the others are keyed
    again; all of them when `previous` was made with other settings. `order_at(p)` is
    the order key of the article at position `p` (asked only for a shard that fills
    up). `load(indexes)`, when given, is first handed the articles whose keys are read,
    a shard at a time: the quick path reads their records in one query each. `again`:
    the first positions of full shards to key afresh (an article withdrawn from one,
    `removed`), as those the corrections shard gives up are."""
    read = load or (lambda indexes: None)
    if previous is None or (previous.size, previous.newest) != (size, newest):
        spans = layout(len(listed), size, newest)
        ends = [stop - 1 for start, stop in spans if stop - start == size]
        for start, stop in spans:
            read(listed[start:stop])
        return _keyed(listed, key_of, size, newest, settings,
                      Cut(tuple(spans), tuple(map(order_at, ends))))
    spans, ends = _grown(previous, len(listed))
    if previous.settings != settings:
        for start, stop in spans:
            read(listed[start:stop])
        return _keyed(listed, key_of, size, newest, settings,
                      Cut(tuple(spans), previous.bounds + tuple(map(order_at, ends))))
    before = {previous.span(n): key for n, key in enumerate(previous.keys)}
    moved = sorted(p for p in (position_of(listed, i) for i in touched) if p is not None)
    corrected, flushed = corrections_after(previous, len(listed), size, newest, settings,
                                           moved, most)
    if again:  # (keyed afresh: an article edited in one is indexed there again)
        flushed |= frozenset(again)
        corrected = tuple(p for p in corrected
                          if previous.starts[shard_of(previous, p)] not in again)
    # (A full shard that takes a correction: its other articles' key, read from them all.)
    for start, stop in spans:
        if ((start, stop) not in before or start in flushed
                or _takes_corrections(moved, start, stop)):
            read(listed[start:stop])
    read([listed[p] for p in corrected])  # (their keys make the corrections shard's)
    bounds = previous.bounds + tuple(map(order_at, ends))
    rested = dict(previous.rests)
    keys = []
    rests = []
    for start, stop in spans:
        kept = before.get((start, stop))
        inside = _takes_corrections(moved, start, stop)
        taken = _takes_corrections(corrected, start, stop)
        keys.append(kept if kept is not None and start not in flushed and (
            not inside or taken) else span_key(settings, map(key_of, listed[start:stop])))
        if taken:
            rest = rested.get(start) if not inside else None
            rests.append((start, rest or _rest(settings, listed, key_of, start, stop,
                                               corrected, url_of)))
    return with_corrections(ShardKeys(settings, size, newest,
                                      tuple(start for start, _ in spans), tuple(keys),
                                      len(listed), corrected, "", tuple(rests), bounds),
                            listed, key_of)


def _rest(settings: str, listed: Sequence[int], key_of: Callable[[int], str], start: int,
          stop: int, corrected: Sequence[int],
          url_of: Callable[[int], str] | None = None, absent: Collection[int] = ()) -> str:
    """The key of the articles from `start` to `stop` that are not `corrected`, and of
    the corrected ones' URLs (`url_of(i)`: article `i`'s), by which the search page
    hides their older records: a corrected article that moved is indexed again. The
    articles at `absent` count as neither (not in the shard when it was indexed)."""
    skip = {*corrected, *absent}
    urls = [url_of(listed[p]).encode("utf-8").hex() for p in corrected
            if start <= p < stop] if url_of else []
    return span_key(settings, ["rest", *(key_of(listed[p]) for p in range(start, stop)
                                     if p not in skip), *urls])


def carried(previous: ShardKeys | None, fresh: ShardKeys, listed: Sequence[int],
            key_of: Callable[[int], str],
            url_of: Callable[[int], str] | None = None, new: Collection[int] = (),
            most: int = MOST_CORRECTIONS) -> ShardKeys:
    """`fresh` (every shard keyed from the articles) with the corrections of `previous`
    kept for each full shard whose other articles are as it was indexed with (its key
    taken from `previous`); the other full shards keep `fresh`'s keys. `new` are the
    positions of articles the previous build did not publish: one dated into a full
    shard (a story filed late, an old one imported) goes to the corrections shard too,
    its full shard keeping its key and files, so long as at most `most` articles are
    corrected (else the full shards holding the most are keyed afresh). A full shard
    is known by its name, its articles by their order in it: an article dated into or
    deleted from an earlier shard moves their positions, not them."""
    if (previous is None or (not previous.corrected and not new)
            or (previous.settings, previous.size, previous.newest)
            != (fresh.settings, fresh.size, fresh.newest)):
        return fresh
    now = {name: n for n, name in enumerate(fresh.names[:fresh.full])}
    rested = dict(previous.rests)
    keys = list(fresh.keys)
    taken: dict[int, tuple[list[int], str]] = {}  # full shard -> (corrected, rest)
    for shard in range(previous.full):
        n = now.get(previous.names[shard])
        if n is None:
            continue
        (start, stop), (old_start, old_stop) = fresh.span(n), previous.span(shard)
        added = [p for p in range(start, stop) if p in new] if new else []
        kept = [p for p in range(start, stop) if p not in new] if added else None
        if (old_start not in rested and not added) or (
                len(kept) if kept is not None else stop - start) != old_stop - old_start:
            continue  # nothing corrected, or articles left it or moved in: keyed afresh
        inside = [(kept[p - old_start] if kept is not None else p - old_start + start)
                  for p in previous.corrected if old_start <= p < old_stop]
        if old_start in rested:
            same = _rest(fresh.settings, listed, key_of, start, stop, inside, url_of,
                         added) == rested[old_start]
        else:
            same = span_key(fresh.settings, (key_of(listed[p]) for p in kept or ())) \
                == previous.keys[shard]
        if not same:
            continue
        mine = sorted([*inside, *added])
        taken[n] = (mine, _rest(fresh.settings, listed, key_of, start, stop, mine, url_of)
                    if added else rested[old_start])
        keys[n] = previous.keys[shard]
    # (A bulk import of old articles: the full shards holding the most are indexed anew.)
    while sum(len(mine) for mine, _ in taken.values()) > most:
        n = min(taken, key=lambda k: (-len(taken[k][0]), k))
        del taken[n]
        keys[n] = fresh.keys[n]
    corrected = [p for n in sorted(taken) for p in taken[n][0]]
    return with_corrections(replace(fresh, keys=tuple(keys), corrected=tuple(corrected),
                                    rests=tuple((fresh.starts[n], taken[n][1])
                                                for n in sorted(taken))), listed, key_of)


def _takes_corrections(positions: Sequence[int], start: int, stop: int) -> bool:
    """Whether one of `positions` (ascending) lies from `start` to `stop`."""
    first = bisect_left(positions, start)
    return first < len(positions) and positions[first] < stop
