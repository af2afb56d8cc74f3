"""Planning of the sitemaps: `sitemap.xml` (an index of parts past `sitemap_size`
addresses), the Google News sitemap and robots.txt (plan/feeds_and_lists.py calls
`plan_sitemaps` last, as they list the pages planned before them).

The parts are cut by each address's CRC-32 (`sitemap_parts`), so an address added
anywhere, a story filed late among them, changes its own part alone; an append
merges its few entries into the parts it had (`grown_parts`) rather than cutting
137,000 addresses afresh. The fronts (`fronts`: the home page and each list's own
address), whose lastmod moves with every addition, have parts of their own: an
addition then changes its own part and one of the fronts', not one part per list
it joins.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

from generator import date_format, urls
from generator.plan.page import Page
from generator.plan.site import Site

if TYPE_CHECKING:  # (feeds_and_lists imports this module)
    from generator.plan.feeds_and_lists import Adding

NEWS_DAYS = 2
"""Google News sitemaps list only articles of the last two days."""
NEWS_LIMIT = 1000
"""...and at most 1,000 of them."""


def numbered(page: Page) -> bool:
    """A list's older page, at its number: left out of the sitemaps, as Hugo and Yoast
    leave pagers out. Readers and crawlers reach it by the list's links; what a sitemap
    is for is the articles and each list's own address. Listed, each page a list gains
    was one more sitemap part rewritten by the addition that opened it."""
    return bool(page.list_url) and page.url != page.list_url


class FewerParts(LookupError):
    """Addresses dropped from an append's sitemaps (a list that ended) would leave fewer
    parts, or few enough entries for one sitemap: the quick path, which plans only the
    parts that change and removes no part file, leaves that to the whole way."""


SITEMAP_KINDS = frozenset({"home", "archive", "tag", "tags", "article", "page", "author",
                           "year", "month", "years", "section"})
"""Page kinds that are canonical HTML pages and belong in sitemap.xml."""
SITEMAP_FILES = frozenset({"sitemap", "sitemapindex", "newssitemap", "robots"})
"""The kinds of the pages `plan_sitemaps` plans."""

Part = tuple[tuple[str, str], ...]
"""A sitemap's (address, lastmod) entries, in address order."""


@dataclass(frozen=True)
class Sitemaps:
    """The sitemap's entries as a build planned them, which an append merges into."""

    parts: tuple[Part, ...]
    """The parts of every address but the fronts (`/sitemap-N.xml`); without an index,
    the one sitemap, the fronts among its entries."""
    fronts: tuple[Part, ...] = ()
    """The parts of the fronts (`/sitemap-fronts-N.xml`); none without an index."""


def sitemaps_of(pages: Iterable[Page]) -> Sitemaps:
    """The entries of the planned sitemaps (`sitemap` pages) among `pages`, by family,
    each family's parts in the order planned."""
    parts = [p for p in pages if p.kind == "sitemap"]
    return Sitemaps(tuple(p.links for p in parts if urls.SITEMAP_FRONTS not in p.url),
                    tuple(p.links for p in parts if urls.SITEMAP_FRONTS in p.url))


def plan_sitemaps(site: Site, plan: Adding, pages: Sequence[Page], data_key: str,
                  before: Sitemaps | None, lists: Iterable[str],
                  dropped: Collection[str] = ()) -> None:
    """Plan the sitemaps listing `pages`; with `before` (an append: `pages` are only
    those it changed), the other entries are those planned before but `dropped` (the
    absolute addresses of lists that ended), and only the parts whose entries change
    are planned. `lists`: every list's URL (`fronts`)."""
    config = site.config
    articles = site.articles
    modified: dict[int, datetime] = {}  # a property: compute each once

    def modified_of(index: int) -> datetime:
        found = modified.get(index)
        if found is None:
            found = modified[index] = articles[index].modified
        return found

    # By address: an append adds and updates entries (and drops those of a list that
    # ended beside it).
    updates: dict[str, str] = {}
    for page in pages:
        if page.kind not in SITEMAP_KINDS or not page.canonical.endswith(page.url):
            continue  # not a canonical address: the page it duplicates is listed
        if numbered(page):
            continue
        if page.article is not None:
            article = articles[page.article]
            if article.withdrawn or article.draft:
                continue
            updates[page.canonical] = date_format.iso(modified_of(page.article))
            continue
        lastmod = max((modified_of(i) for i in page.items), default=None)
        updates[page.canonical] = date_format.iso(lastmod) if lastmod else ""
    size = config.sitemap_size
    front = fronts(site, lists)
    kept: set[str] = set()
    if before and before.fronts:  # an index before: each family grows on its own
        parts = _grown(before.parts, {u: m for u, m in updates.items() if u not in front}, size,
                       dropped)
        front_parts = _grown(before.fronts, {u: m for u, m in updates.items() if u in front},
                             size, dropped)
        if dropped and (len(parts) < len(before.parts) or len(front_parts) < len(before.fronts)
                        or sum(map(len, parts)) + sum(map(len, front_parts)) <= size):
            raise FewerParts("the sitemap's parts shrink: the whole way cuts them")
        # A part with the entries it had is the page it was (the append's settings and
        # templates are the last build's): not planned, so not hashed again (100,000
        # articles: 16 parts of 6,000 entries, 60 ms).
        kept = {name(n) for name, old, new in ((urls.sitemap_part, before.parts, parts),
                                               (urls.sitemap_fronts_part, before.fronts,
                                                front_parts))
                for n, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a == b}
    else:
        entries = dict(chain.from_iterable(before.parts)) if before else {}
        entries.update(updates)
        for url in dropped:
            entries.pop(url, None)
        if len(entries) <= size:
            plan.add(urls.SITEMAP, "sitemap", "sitemap.xml", "", shared=data_key,
                     links=tuple(sorted(entries.items())))
            parts, front_parts = [], []
        else:
            parts = sitemap_parts({u: m for u, m in entries.items() if u not in front}, size)
            front_parts = sitemap_parts({u: m for u, m in entries.items() if u in front}, size)
    if parts or front_parts:
        index = []
        named = [(urls.sitemap_part(n), part) for n, part in enumerate(parts, start=1)]
        named += [(urls.sitemap_fronts_part(n), part)
                  for n, part in enumerate(front_parts, start=1)]
        for url, part in named:
            if url not in kept:
                plan.add(url, "sitemap", "sitemap.xml", "", shared=data_key, links=part)
            index.append((config.absolute(url), max(map(itemgetter(1), part))))
        plan.add(urls.SITEMAP, "sitemapindex", "sitemap-index.xml", "", shared=data_key,
                 links=tuple(index))
    news_sitemap(site, plan, data_key)
    plan.add(urls.ROBOTS, "robots", "robots.txt", "", shared=data_key)


def fronts(site: Site, lists: Iterable[str]) -> frozenset[str]:
    """The absolute addresses whose lastmod follows the newest article they list, and so
    moves with every addition: the home page and the own address of each of `lists`
    (every list's URL, `feeds_and_lists.list_counts`: its newest page). Found from the
    site's indexes, not from the pages planned, so an append that sees only the pages
    it changed sorts every entry as a whole build does."""
    return frozenset(map(site.config.absolute, (urls.HOME, *lists)))


def _grown(before: Sequence[Part], updates: Mapping[str, str], size: int,
           dropped: Collection[str]) -> list[Part]:
    """One family's parts `before` with `updates` merged and `dropped` left out:
    `grown_parts`, else cut afresh."""
    grown = grown_parts(before, updates, size, dropped) if updates or dropped \
        else list(before)
    if grown is None:
        entries = dict(chain.from_iterable(before))
        entries.update(updates)
        for url in dropped:
            entries.pop(url, None)
        grown = sitemap_parts(entries, size)
    return grown


def sitemap_parts(entries: Mapping[str, str], size: int) -> list[Part]:
    """The sitemap's (address, lastmod) `entries` in parts of at most `size`, each in
    address order: an address goes to the part its CRC-32 names among the fewest parts
    (a power of two) that hold them all, empty ones left out. So an address added or
    removed anywhere, a story filed late among them, changes its own part and no other
    (parts cut from the address order would each take the entry before them); the
    parts are cut again only when their number doubles."""
    ordered = sorted(entries.items())  # (each part takes its entries in this order)
    sums = [_crc(url) for url, _ in ordered]
    count = _fewest(len(sums), size)
    while max(Counter(crc % count for crc in sums).values()) > size:
        count *= 2
    parts: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    for crc, entry in zip(sums, ordered, strict=True):
        parts[crc % count].append(entry)
    return [tuple(part) for part in parts if part]


def grown_parts(before: Sequence[Part], updates: Mapping[str, str], size: int,
                dropped: Collection[str] = ()) -> list[Part] | None:
    """`sitemap_parts` of the entries of the parts `before` with `updates` (added or
    changed entries) merged and `dropped` (addresses) left out, found by merging each
    update into its part; None when that cannot be shown to be the same (the parts
    must be cut afresh, as when a part is left empty).

    `before` must be what `sitemap_parts` gave with the same `size` (the settings'
    key and the cache's schema see to that). When it has `c` parts, `c` a power of
    two, whose entries' sums fall in parts 0 to c-1 in turn, it cut them by `c`: no
    part was empty, so it cut by at least `c`, and every part of them at `c` held
    one part, so it stopped there. The merged parts are cut by `c` again when each
    holds at most `size` and either `c` is the fewest parts for their total or at
    `c/2` two of them would make a part past `size` (so every count below `c`
    overflows too, and cutting doubles up to `c`).
    """
    count = len(before)
    if count < 2 or count & (count - 1):
        return None  # one sitemap, or a part was left out empty
    if any(_crc(part[0][0]) % count != number for number, part in enumerate(before)):
        return None
    by_part: dict[int, dict[str, str | None]] = {}
    for url, lastmod in [*updates.items(), *((url, None) for url in dropped)]:
        by_part.setdefault(_crc(url) % count, {})[url] = lastmod
    parts = list(before)
    for number, changed in by_part.items():
        merged = dict(parts[number])
        merged.update((url, m) for url, m in changed.items() if m is not None)
        for url in (url for url, m in changed.items() if m is None):
            merged.pop(url, None)
        parts[number] = tuple(sorted(merged.items()))
    sizes = [len(part) for part in parts]
    if not min(sizes):
        return None  # (`sitemap_parts` leaves an empty part out: the others renumber)
    fewest, half = _fewest(sum(sizes), size), count // 2
    if max(sizes) > size or fewest > count or (
            fewest < count and all(sizes[n] + sizes[n + half] <= size for n in range(half))):
        return None
    return parts


def _crc(url: str) -> int:
    return zlib.crc32(url.encode("utf-8"))


def _fewest(total: int, size: int) -> int:
    """The fewest parts, a power of two, that could hold `total` entries of `size`."""
    return 1 << max(0, (total - 1) // size).bit_length()


def news_sitemap(site: Site, plan: Adding, data_key: str) -> None:
    """The Google News sitemap: what was published in the last `NEWS_DAYS` before the
    build's "now". The only page that changes with the clock alone."""
    news: list[int] = []
    if site.now is not None:
        since = site.now - timedelta(days=NEWS_DAYS)
        for index in reversed(site.listed):
            article = site.articles[index]
            if article.date < since or len(news) == NEWS_LIMIT:
                break
            if not article.draft:
                news.append(index)
    plan.add(urls.NEWS_SITEMAP, "newssitemap", "news-sitemap.xml", "", shared=data_key,
        items=tuple(news))
