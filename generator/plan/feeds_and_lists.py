"""Planning of the outputs around the article pages: archives, feeds, sitemaps, redirects.

`make_plan` (plan/planner.py) calls `plan_extra` with itself, typed here as the
`Planning` it must offer (`add` a page, plan a `section`), so every file planned
here gets its fingerprint the same way: from its template, the
records it shows and the settings, never from the clock. Files that show no
navigation or UI strings (feeds, sitemaps, robots.txt, redirects) are keyed
on the settings alone, so a tag count changing elsewhere leaves them alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any, Protocol

from babel.dates import format_date

from generator import urls
from generator.content.model import Article
from generator.date_format import babel_locale
from generator.plan.list_addresses import list_items
from generator.plan.page import Page
from generator.plan.pagination import OrderKey, Paging, Tail, nearby
from generator.plan.redirects import Addresses, ended_feeds, host_files, plan_addresses
from generator.plan.site import Site
from generator.plan.sitemaps import Sitemaps, plan_sitemaps


class Adding(Protocol):
    """How the functions here add a page: the planner's `add` (plan/planner.py)."""

    def add(self, url: str, kind: str, template: str, title: str, **fields: Any) -> None:
        """Plan the page at `url` with `template`; `fields` are `own`, `shared` and
        `canonical` (see `_Adder.add`) and the `Page` fields it shows."""


class Planning(Adding, Protocol):
    """What the functions here need of the planner that calls them (`_Planner`)."""

    def paging(self, base: str, items: tuple[int, ...], size: int) -> Paging:
        """The pages of the list at `base` showing `items` (sealed pages: the boundaries
        the planner was given for it, plan/pagination.py `seal`)."""

    def section(self, ident: object, signature: object, fill: Callable[..., None],
                *args: object) -> None:
        """Plan a group of pages with `fill(*args)`, unless the previous plan has the
        group `ident` with the same `signature`: then take its pages as they were."""


def lists(plan: Planning, base: str, kind: str, title: str,
          items: tuple[int, ...], size: int, **fields: object) -> None:
    """A paginated list of `items` (oldest first): numbered pages oldest first, and `base`
    showing the newest one. Each page lists its articles newest first. Which items go
    on which page is the planner's `paging` (sealed pages, plan/pagination.py)."""
    paging = plan.paging(base, items, size)
    # (Whether the newest page is sealed decides the next number's pointer: a rebalance
    # can change it and leave the items and the stops as they were.)
    plan.section(("list", base), (kind, title, items, size, _stops(paging),
                                  paging.tail.sealed == paging.last, sorted(fields.items())),
                 list_pages, plan, base, kind, title, items, paging, fields)


def _stops(paging: Paging) -> tuple[int, ...]:
    """Where each page of the list ends: with the items, what its pages are made of."""
    return tuple([c.stop for c in paging.chunks])


def list_pages(plan: Adding, base: str, kind: str, title: str, items: Sequence[int],
               paging: Paging, fields: dict[str, object], first: int = 1) -> None:
    """The pages of one list, from page number `first` (those before it are left out).

    The newest page is shown at `base` alone, the address readers and search engines
    should use for it while it is the newest. Its numbered address answers with a small
    page pointing there, whose bytes stay put until the page fills and takes its place:
    an addition then rewrites one page of each list it joins, not two. The older pages
    link every page by its number, the newest too (through its pointer), and show no
    total: their script reads it from the newest page, and sends readers to `base`
    directly. So a list that gains a page rewrites its old newest page alone: not the
    one below it, nor a file of its page count."""
    chunks = paging.chunks
    last = paging.last

    def address(number: int, shown: int) -> str:
        """The link to page `number` from page `shown`."""
        return base if number == shown == last else urls.numbered(base, number)

    for chunk in chunks:
        if chunk.number < first:
            continue
        shown = chunk.number
        page_fields = {
            **fields,
            "items": tuple(reversed(items[chunk.start:chunk.stop])),
            "number": shown,
            "newer_url": address(shown + 1, shown) if shown < last else None,
            "older_url": address(shown - 1, shown) if shown > 1 else None,
            "list_url": base,
            "nearby": tuple((n, address(n, shown)) for n in reversed(nearby(shown, last))),
            "last": last if chunk.number == last else None,
        }
        numbered = urls.numbered(base, chunk.number)
        if chunk.number < last:
            plan.add(numbered, kind, "list.html", title, **page_fields)
            continue
        plan.add(base, kind, "list.html", title, **page_fields)
        plan.add(numbered, "moved", "moved.html", title, links=((numbered, base),))
        if paging.tail.sealed == last:
            # The newest page is sealed (full): the next number points to the list too,
            # from now on. It answers once an article opens that page, and must go on
            # answering should deletions empty it again: a published address never dies.
            following = urls.numbered(base, last + 1)
            plan.add(following, "moved", "moved.html", title, links=((following, base),))
    if not last:
        plan.add(base, kind, "list.html", title, number=None, **fields)


def list_counts(site: Site) -> dict[str, int]:
    """How many articles each list of the site holds, by the list's URL."""
    return {url: len(items) for url, items in list_items(site).items()}


@dataclass(frozen=True)
class Before:
    """What planning the pages an append changes needs of the site before it
    (see `plan.plan_appended`)."""

    articles: int
    """How many articles the site had: those after them are the appended ones."""
    lists: Mapping[str, int]
    """`list_counts` of the site before."""
    moves: tuple[tuple[str, str], ...]
    """The (alias, URL) pairs of `redirects.txt`, as planned before."""
    sitemap: Sitemaps
    """The sitemap's entries as planned before, in their parts."""
    follow_ups: Mapping[int, int | None]
    """The follow-up of each article `related.replanned_by_append` names, as planned
    before (the page shows it unless an appended article takes its place)."""
    tails: Mapping[str, Tail] = field(default_factory=dict)
    """The newest pages of each list, by the list's URL, as planned before (sealed
    pages: an append joins the unsealed rest, plan/pagination.py `extend`)."""
    # Stories filed late (plan/insertion.py): articles dated before the newest, today's
    # news perhaps beside them.
    inserted: tuple[int, ...] = ()
    """The indexes in the site (ascending) of the articles added, when some are dated
    before the newest; none for an append."""
    sealed: Mapping[str, tuple[OrderKey, ...]] = field(default_factory=dict)
    """With `inserted`: every list's sealed pages' boundaries, by the list's URL, as
    the last build left them (the pages they join are found by them)."""
    replanned: tuple[int, ...] = ()
    """With `inserted`: the articles whose pages they can change (`insertion.replanned`);
    `follow_ups` then holds the follow-up of each but them, as planned before. With
    `relisted`: the articles it moved, those whose section navigation or related news
    that changes, and those whose follow-up that changes; `follow_ups` holds the
    follow-up of each."""
    # Articles moved to another section, credited to other authors or given other tags,
    # keeping their places in the site (build/relisted.py `relisting`).
    relisted: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """By the URL of each list they changed, those that joined or left it (ascending;
    the list's items now tell which); `sealed` then holds those lists' boundaries."""
    ended: Addresses | None = None
    """With `relisted`: the addresses the lists they left with no article leave
    (`redirects.ended_lists`): gone notices, host rules, no sitemap entry."""
    redated: Mapping[int, OrderKey] = field(default_factory=dict)
    """With `relisted`: the order key before of each article whose time was corrected
    past the end of a page it was on (it leaves that page for the next)."""
    withdrawn: tuple[str, ...] = ()
    """With `relisted`: the addresses of the articles withdrawn now, which no sitemap
    lists any more (their pages show the notice)."""

    def added(self, total: int) -> range | tuple[int, ...]:
        """The indexes of the added articles in a site of `total` articles."""
        return self.inserted or range(self.articles, total)


def month_title(year: int, month: int, language: str) -> str:
    """`September 2018` in the site's language."""
    return format_date(date(year, month, 1), "LLLL y", locale=babel_locale(language))


def plan_extra(site: Site, plan: Planning, pages: Sequence[Page],
               before: Before | None = None, addresses: Addresses | None = None) -> None:
    """Plan archives, author pages, search, redirects, feeds and sitemaps, in that order:
    sitemaps come last because they list the pages planned before them.

    With `before`, `pages` are only those an append changed, and the redirects and
    sitemap entries of the articles before come from it. `addresses`: the register's
    redirects and gone addresses (plan/redirects.py).
    """
    config = site.config
    outputs = config.outputs
    data_key = shared_key(config.fingerprint)
    if outputs.date_archives:
        _date_archives(site, plan)
    if outputs.author_pages:
        for author in site.authors:
            lists(plan, author.author.url, "author", author.author.name, author.items,
                  config.page_size, author=author.author.slug)
    if outputs.search:
        plan.add(urls.SEARCH, "search", "search.html", "Search")
    _redirects(site, plan, data_key, before, addresses)
    if outputs.feeds:
        _feeds(site, plan, data_key)
    if outputs.sitemaps:
        ended = before.ended.removed if before and before.ended else ()
        plan_sitemaps(site, plan, pages, data_key, before.sitemap if before else None,
                      list_counts(site), {config.absolute(url) for url in (
                          *ended, *(before.withdrawn if before else ()))})


def shared_key(config_fingerprint: str) -> str:
    """What files that show no navigation or UI strings are keyed on instead (`shared`)."""
    return "data:" + config_fingerprint


def _date_archives(site: Site, plan: Planning) -> None:
    config = site.config
    plan.add(urls.YEARS, "years", "years.html", "Archive by month",
        own=tuple((m.year, m.month) for m in site.months))
    for year, group in groupby(site.months, key=lambda m: m.year):
        months = tuple(group)
        plan.add(urls.year_url(year), "year", "year.html", str(year),
            own=tuple(m.month for m in months), year=year)
        for m in months:
            lists(plan, urls.month_url(year, m.month), "month",
                  month_title(year, m.month, config.language), m.items, config.page_size,
                  year=year, month=m.month)


def _redirects(site: Site, plan: Planning, data_key: str,
               before: Before | None, addresses: Addresses | None) -> None:
    moves = list(before.moves) if before else []
    for index in before.added(len(site.articles)) if before else range(len(site.articles)):
        article = site.articles[index]
        if not article.aliases:
            continue

        def fill(index: int = index, article: Article = article) -> None:
            for alias in article.aliases:
                url = alias if "." in alias.rsplit("/", 1)[-1] else alias.rstrip("/") + "/"
                plan.add(url, "redirect", "redirect.html", article.title, own=article.url,
                    shared=data_key, article=index)
        plan.section(("redirect", article.path), index, fill)
        moves.extend((alias, article.url) for alias in article.aliases)
    # The register's redirects and gone notices (an append changes none of them but
    # those of a list that ended: the quick path refuses one that would, build/quick.py).
    if addresses is not None and before is None:
        # (Named apart from the section of the same name that also held the notice
        # `host_files` now plans: a plan memo kept from it is not taken.)
        plan.section(("addresses", "pages"), (addresses.redirects, addresses.gone),
                     plan_addresses, plan, addresses, data_key)
        moves.extend(addresses.links())
    elif before is not None and before.ended is not None:
        plan_addresses(plan, before.ended, data_key)
        moves.extend(before.ended.links())
    host_files(plan, moves, data_key, ended_feeds(site))


def _feeds(site: Site, plan: Planning, data_key: str) -> None:
    config = site.config
    size = config.feed_size
    newest = tuple(reversed(site.listed))[:size]
    plan.add(urls.FEED, "atom", "atom.xml", config.title, shared=data_key, items=newest)
    plan.add(urls.RSS, "rss", "rss.xml", config.title, shared=data_key, items=newest)
    plan.add(urls.JSON_FEED, "jsonfeed", "feed.json", config.title, shared=data_key, items=newest)
    feeds = [(t.tag.url, t.tag.name, t.items, {"tag": t.tag.slug}) for t in site.tags
             if config.outputs.tag_feeds]
    if config.outputs.author_pages:  # an author feed lives beside the author page
        feeds += [(a.author.url, a.author.name, a.items, {"author": a.author.slug})
                  for a in site.authors]
    for url, name, items, fields in feeds:
        shown = tuple(reversed(items))[:size]

        def fill(url: str = url, name: str = name, shown: tuple[int, ...] = shown,
                 fields: dict[str, str] = fields) -> None:
            plan.add(urls.feed_url(url), "atom", "atom.xml", name, shared=data_key, items=shown,
                **fields)
        plan.section(("feed", url), (name, shown, fields), fill)
