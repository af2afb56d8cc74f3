"""The search stage: which shards of the index are stale, and indexing them.

The keys are planned with the rest of the build (`plan_keys`, from the articles'
keys; the quick path keys again only the shards of the articles it touched) and
committed in the `Settled` row; the stale shards are found (`work`) and Pagefind
runs (`index`) once the output is in place, while the cache is open: each shard's
records are made from its bodies as a Pagefind process takes it (`filler`), so that
a cold build never holds the whole archive's (at 100,000 articles, 400 MB beside
Pagefind's processes: docs/performance.md). For `warta serve`'s indexer, which runs
after the build, `work` makes them at once. generator/search/ holds the shards, the
records and the bundles.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from generator.cache.articles import CachedArticles
from generator.cache.store import Cache
from generator.config import SiteConfig
from generator.errors import Problem, Text
from generator.plan.pagination import OrderKey
from generator.plan.site import Site
from generator.search import records as search_records
from generator.search import service, shifted
from generator.search.bundles import SearchWork, Shard, publish, remove_index, untidy
from generator.search.intact import INDEX_DIR, stale_corrections, stale_shard, stale_shards
from generator.search.manifest import KeptBounds, bounds_before, resolved
from generator.search.records import Labels, SearchRecord, record_of
from generator.search.shards import (
    CORRECTIONS,
    ShardKeys,
    carried,
    rekeyed,
    settings_key,
    shard_keys,
    shard_of,
    span_key,
    with_corrections,
)

__all__ = ["INDEX_DIR", "SearchWork", "filler", "index", "labels_of", "plan_keys", "remove_index",
           "untidy", "without_damaged", "work"]


def _settings(config: SiteConfig, labels: Labels) -> str:
    binary = service.executable()
    try:
        stamp: object = (str(binary), binary.stat().st_size) if binary else None
    except OSError:
        stamp = None
    return settings_key(search_records.FORMAT, config.language, config.timezone, labels, stamp,
                        _section_names(config))


def _section_names(config: SiteConfig) -> dict[str, str]:
    """Each section's name by its slug: the section filter's values."""
    return {section.slug: section.name for section in config.sections}


def plan_keys(site: Site, labels: Labels, previous: ShardKeys | None = None,
              touched: Iterable[int] | None = None,
              published: Iterable[str] = (), kept: KeptBounds | None = None,
              again: Collection[int] = ()) -> ShardKeys | None:
    """The key of every shard of the site's index (None: search is off). With `touched`
    (the quick path: no article moved), only the shards of those articles and the
    newest are keyed again, the others taken from `previous`; without, every shard,
    keeping `previous`'s corrections where they still hold, and putting an article
    dated into a full shard that the last build did not publish (`published`: the
    paths it did) in the corrections shard too (`shards.carried`). Without `previous`
    (the cache lost), the full shards are cut at the boundaries the index on disk
    `kept` (`kept_bounds`)."""
    config = site.config
    if not config.outputs.search:
        return None
    size, newest = config.search.shard_size, config.search.newest_shard_size
    listed, articles = site.listed, site.articles
    settings = _settings(config, labels)

    def key_of(index: int) -> str:
        return articles[index].key

    def url_of(index: int) -> str:
        return articles[index].url

    def order_at(position: int) -> OrderKey:
        article = articles[listed[position]]
        return article.date, article.path

    if touched is None:
        # Full shards sealed at the boundaries the last build kept: an article dated
        # into one, or deleted from it, moves no other.
        bounds: tuple[OrderKey, ...] = ()
        if previous is not None and (previous.size, previous.newest) == (size, newest):
            bounds = previous.bounds
        elif previous is None and kept is not None and (kept.size, kept.newest) == (size,
                                                                                  newest):
            bounds = kept.bounds
        order = [(article.date, article.path) for article in map(articles.__getitem__, listed)]
        fresh = shard_keys(listed, key_of, size, newest, settings, order, bounds)
        before = set(published)
        new = {p for p, index in enumerate(listed) if articles[index].path not in before} \
            if before else set()
        return carried(previous, fresh, listed, key_of, url_of, new)
    # (The quick path's articles are read from the cache: a shard's in one query.)
    load = articles.load if isinstance(articles, CachedArticles) else None
    return rekeyed(previous, listed, key_of, size, newest, settings, touched, order_at,
                   url_of=url_of, load=load, again=again)


def without_damaged(output: Path, site: Site, keys: ShardKeys | None) -> ShardKeys | None:
    """`keys` with each full shard that holds corrections (its key kept, that of the
    articles it was indexed with) and whose folder is missing or damaged keyed afresh
    from its articles, which leave the corrections shard: indexed again, it holds
    their current records, which the kept key does not say, and a later change back
    (a late story deleted, a correction undone) would find that key and keep it."""
    if keys is None or not keys.rests:
        return keys
    number = {start: n for n, start in enumerate(keys.starts)}
    damaged = [number[start] for start, _ in keys.rests
               if stale_shard(output, keys.names[number[start]], keys.keys[number[start]])]
    if not damaged:
        return keys
    listed, articles = site.listed, site.articles

    def key_of(index: int) -> str:
        return articles[index].key

    spans = [keys.span(n) for n in damaged]
    if isinstance(articles, CachedArticles):  # (the quick path's: read together)
        articles.load([i for start, stop in spans for i in listed[start:stop]])
    fresh = list(keys.keys)
    for n, (start, stop) in zip(damaged, spans, strict=True):
        fresh[n] = span_key(keys.settings, map(key_of, listed[start:stop]))
    return with_corrections(replace(
        keys, keys=tuple(fresh),
        corrected=tuple(p for p in keys.corrected
                        if not any(start <= p < stop for start, stop in spans)),
        rests=tuple((s, rest) for s, rest in keys.rests if number[s] not in damaged)),
        listed, key_of)


def kept_bounds(output: Path, site: Site) -> KeptBounds | None:
    """For a build without the last build's keys (the cache lost): how the index in
    `output` was cut, its boundaries named by the paths of `site`'s articles; None when
    it keeps no boundaries, or they cannot be placed among them."""
    kept = bounds_before(output / INDEX_DIR)
    articles = site.articles
    return kept and resolved(kept, ((articles[i].date, articles[i].path) for i in site.listed))


def withdrawn(site: Site, previous: ShardKeys, points: Collection[int]
              ) -> tuple[ShardKeys, list[int], set[int]] | None:
    """For the quick path's `plan_keys` when the articles at `points` were withdrawn now
    (no longer in `site.listed`): the last build's shards as they stand without them
    (`shifted.removed`, the newest first), the articles whose shards to key again (the
    small shards', from the first one withdrawn from them on), and the first positions
    of the full shards to key afresh. None when a full shard would be left empty."""
    return _shifted(site, previous, points, joined=False)


def restored(site: Site, previous: ShardKeys, points: Collection[int]
             ) -> tuple[ShardKeys, list[int], set[int]] | None:
    """As `withdrawn`, when the withdrawals of the articles at `points` were taken back
    (in `site.listed` again): the shards as they stand with them (`shifted.restored`,
    the oldest first). None when a full shard would be cut again."""
    return _shifted(site, previous, points, joined=True)


def _shifted(site: Site, previous: ShardKeys, points: Collection[int], joined: bool
             ) -> tuple[ShardKeys, list[int], set[int]] | None:
    listed = site.listed
    moved = previous
    touched: set[int] = set()
    again: set[int] = set()
    # (A shard after the one it joins starts one later; after one it leaves, earlier.)
    step = 1 if joined else -1
    for point in sorted(points, reverse=not joined):
        at = bisect_left(listed, point)
        # (Its position in the shards as moved so far: withdrawn ones before it are
        # still there; restored ones before it are already in.)
        position = at if joined else at + sum(other < point for other in points)
        article = site.articles[point]
        found = (shifted.restored if joined else shifted.removed)(
            moved, (article.date, article.path), position)
        if found is None:
            return None
        moved, start = found
        if start is None:
            touched.update(listed[at:])
        else:
            again = {s + step * (s > start) for s in again} | {start}
    return moved, sorted(touched), again


def refiled_shards(site: Site, previous: ShardKeys, moved_from: Mapping[int, str]
                   ) -> tuple[list[int], set[int]] | None:
    """For the quick path's `plan_keys` when the files of the articles at the indexes of
    `moved_from` (-> their old paths) moved, each keeping its place: the articles whose
    small shards to key again, and the first positions of the full shards to key afresh
    (the whole way finds a full shard's article under another path: its shard is indexed
    again, not corrected). None when a full shard's bound lies between one's two order
    keys (it sealed the shard, or a story of its date that sealed one was moved or
    deleted since) or one is in the corrections shard: the whole way keys those."""
    listed = site.listed
    touched: list[int] = []
    again: set[int] = set()
    for point, old in moved_from.items():
        position = bisect_left(listed, point)
        if position >= len(listed) or listed[position] != point:
            return None  # (not listed: withdrawn)
        shard = bisect_right(previous.starts, position) - 1
        article = site.articles[point]
        low, high = sorted((old, article.path))
        if position in previous.corrected or any(
                date == article.date and low <= path <= high for date, path in previous.bounds):
            return None  # (a bound between its two paths, perhaps of a file gone since:
            # the whole way cuts the shard there)
        if shard < previous.full:
            again.add(previous.starts[shard])
        else:
            touched.append(point)
    return touched, again


def inserted(site: Site, previous: ShardKeys,
             points: Sequence[int]) -> tuple[ShardKeys, list[int]] | None:
    """For the quick path's `plan_keys` when the articles at `points` (ascending) were
    dated in, some before the newest: the last build's shards as they stand with them
    (`shifted.inserted`, one after another), and the articles whose shards to key
    again: one alone in a full shard (it goes to the corrections shard, as the whole
    way puts it), else it and every later one (the small shards are cut by position).
    None when a full shard one joins would be cut again (the whole way cuts it)."""
    listed = site.listed
    moved = previous
    touched: set[int] = set()
    for point in points:
        position = bisect_left(listed, point)
        article = site.articles[point]
        found = shifted.inserted(moved, (article.date, article.path), position)
        if found is None:
            return None
        moved, full = found
        touched.update([point] if full else listed[position:])
    return moved, sorted(touched)


def labels_of(gettext: dict[str, str]) -> Labels:
    """The filter names in the site's language, from the theme's strings."""
    return Labels(tag=gettext.get("Tag") or "Tag", year=gettext.get("Year") or "Year",
                  section=gettext.get("Section") or "Section")


def work(output: Path, site: Site, keys: ShardKeys, labels: Labels, cache: Cache,
         made: bool = True, thorough: bool = False,
         indexing: Iterable[tuple[str, str]] = ()) -> SearchWork:
    """The stale shards of `keys` in `output`, each with its records (bodies read from
    `cache`); with `made` False, the full and small shards without them, for `index`
    to have `filler` make each as it is indexed (the corrections shard comes made).
    `thorough`: the build found no record of the output (`SearchWork.thorough`).
    `indexing`: the (folder, key) of each shard `warta serve`'s indexer is writing or
    is yet to write (`BuildOptions.indexing`), stale when planned with another."""
    config = site.config
    listed, articles = site.listed, site.articles
    records = filler(site, keys, labels, cache)
    stale = []
    # (Every key a folder is to be written with: the running request's and the waiting
    # one's may differ, and the running one writes its own whatever the waiting says.)
    coming: dict[str, set[str]] = {}
    for name, key in indexing:
        coming.setdefault(name, set()).add(key)
    for number in sorted({*stale_shards(output, keys, thorough), *(
            n for n, (name, key) in enumerate(zip(keys.names, keys.keys, strict=True))
            if coming.get(name, {key}) != {key})}):
        shard = Shard(int(keys.names[number]), keys.keys[number], ())
        stale.append(records(shard) if made else shard)
    # The corrections shard: the current records of the corrected articles, each with
    # the full shard that holds its older version.
    chosen = [listed[p] for p in keys.corrected]
    if isinstance(articles, CachedArticles):
        articles.load(chosen)
    corrected = tuple((articles[i].url, keys.names[shard_of(keys, p)])
                      for i, p in zip(chosen, keys.corrected, strict=True))
    corrections = None
    if corrected and (stale_corrections(output, keys.corrections, thorough)
                      or coming.get(CORRECTIONS, {keys.corrections}) != {keys.corrections}):
        corrections = Shard(-1, keys.corrections, tuple(
            replace(record, origin=origin)
            for record, (_, origin) in zip(_records(site, labels, cache, chosen), corrected,
                                           strict=True)),
            CORRECTIONS)
    return SearchWork(output, config.language.split("-")[0], keys, tuple(stale),
                      corrections, corrected, restricting=(labels.year, labels.section),
                      thorough=thorough)


def filler(site: Site, keys: ShardKeys, labels: Labels,
           cache: Cache) -> Callable[[Shard], Shard]:
    """What gives a full or small shard of `keys` its records, made from the site's
    articles and the bodies in `cache` (to be called while it is open, in its thread):
    `bundles.publish`'s `fill`."""
    numbers = {name: number for number, name in enumerate(keys.names)}
    listed = site.listed

    def fill(shard: Shard) -> Shard:
        start, stop = keys.span(numbers[shard.folder])
        return replace(shard, records=tuple(_records(site, labels, cache,
                                                     listed[start:stop])))

    return fill


def _records(site: Site, labels: Labels, cache: Cache,
             chosen: Sequence[int]) -> list[SearchRecord]:
    """The records of the site's articles `chosen`, their bodies read from `cache`."""
    config, articles = site.config, site.articles
    if isinstance(articles, CachedArticles):
        articles.load(chosen)
    shown = [articles[i] for i in chosen]
    bodies = cache.bodies([a.path for a in shown])
    sections = _section_names(config)
    return [record_of(a, bodies.get(a.path, ""), labels, config.language, config.zone,
                      site.photos, sections) for a in shown]


def index(done: SearchWork, jobs: int = 1,
          fill: Callable[[Shard], Shard] | None = None) -> Problem | None:
    """Index the stale shards of `done` (with `fill` from `filler` when `work` made them
    without their records); a warning instead of an exception, because the pages
    themselves are already published when this runs."""
    binary = service.executable()
    if binary is None:
        return Problem("site.toml", None,
                       Text("the search index was not built: Pagefind is missing"),
                       Text("pip install 'pagefind[bin]', or set search = false under "
                            "[outputs]"), "warning")
    failure = publish(done, binary, jobs, fill)
    if failure is None:
        return None
    return Problem("output", None, Text("Pagefind failed to index the search shards: "
                                        "{failure}", failure=failure),
                   Text("build again; if it fails again, run `python -m pagefind --version` "
                        "to check the Pagefind install"), "warning")
