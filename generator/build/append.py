"""The quick path's plan for today's news: articles appended after every published one.

With stable pagination an appended article changes a fixed set of pages: the
newest pages of the lists it joins, the pages of the whole site that show the
newest articles or the counts, its own pages, and the page of the article
before it. `plan.plan_appended` plans exactly those with the planner's own code;
this module gives it what it needs of the previous build (the redirects and
sitemap entries, from the stored pages) and refuses the cases it cannot prove
(build/quick.py then takes the whole way).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator import urls
from generator.build import list_pages
from generator.build.memos import Settled
from generator.build.relisted import Relisted
from generator.cache.articles import CachedArticles
from generator.cache.pages import PageStore
from generator.cache.store import OutputEntry
from generator.config import SiteConfig
from generator.content.model import Article, LazyArticles
from generator.plan import feeds_and_lists, insertion, related, retagged
from generator.plan.page import Places, from_stored
from generator.plan.pagination import OrderKey
from generator.plan.planner import Page, Plan, plan_appended, refreshed
from generator.plan.site import Site
from generator.plan.site_memo import SiteMemo
from generator.plan.sitemaps import Sitemaps, sitemaps_of

Keys = tuple[Callable[[str], str], str, Callable[[int], str]]
"""`template_key`, `globals_key` and `key_of` of `plan.plan_appended`."""


def appended_pages(site: Site, before: Site, keys: Keys, head: Settled,
                   previous: Mapping[str, OutputEntry], store: PageStore, target: str,
                   damaged: set[str], places: Places, inserted: Inserted | None = None,
                   moved: Relisted | None = None) -> Plan | None:
    """The pages that change when `site` appends articles to `before` (the site the
    last build made, `head` what it left), and those of damaged files, with the pages
    the append sealed (`Plan.sealed`, `Plan.tails`); None when only the whole way can
    tell. `places`: each article's index in `site.articles`, for the stored pages read
    (LookupError when one does not fit). With `inserted`, `site` is `before` with
    stories filed late dated in instead, today's news perhaps beside them
    (`insert_site`); with `moved`, `before` with articles moved to other lists: another
    section, other bylines or tags (`relisting`), today's news perhaps beside them
    (`inserted`, all after every article)."""
    config = site.config
    count = len(head.order)
    slugs, slugs_before = ({a.author.slug for a in s.authors} for s in (site, before))
    new_authors = slugs - slugs_before
    if config.outputs.author_pages and _bylines_change(site, new_authors
                                                       | (slugs_before - slugs)):
        return None  # a new author page links the byline of a withdrawn article, or an
        # ended one no longer does
    extras = _stored_extras(site, store, target, previous, places)
    if extras is None:
        return None
    template_key, globals_key, key_of = keys
    if moved is not None:
        # (Today's news beside them, `inserted`: its pages as for stories filed late.)
        news = inserted.points if inserted is not None else ()
        around = insertion.replanned(site, news) if news else set()
        # (A deleted story's row too: the stories it picked may show another follow-up.)
        rows = _stored_articles(site, {*moved.replanned, *moved.rerelated, *around,
                                       *moved.deleted} - set(news), store, target, places)
        if rows is None:
            return None
        kept = {i: row.follow_up for i, row in rows.items()}
        if moved.retagged:
            # Other tags: the related articles it and later ones pick may differ, and
            # with them the follow-ups of those they picked and pick (plan/retagged.py).
            kept.update(retagged.refollowed(related.RelatedNews(site), {
                i: rows[i].related for i in (*moved.points, *moved.rerelated)}))
        for index in moved.deleted:  # (its address answers the gone notice)
            kept.pop(index, None)
        told = feeds_and_lists.Before(count, feeds_and_lists.list_counts(before), *extras,
                                      follow_ups=kept, tails=head.tails, inserted=news,
                                      sealed={**(inserted.sealed if inserted else {}),
                                              **moved.sealed},
                                      replanned=tuple(sorted({*kept, *news})),
                                      relisted=moved.lists, ended=moved.ended,
                                      redated=moved.redated, withdrawn=tuple(
                                          site.articles[i].url for i in moved.withdrawn))
    elif inserted is None:
        follow_ups = _stored_follow_ups(site, count, store, target, places)
        if follow_ups is None:
            return None
        told = feeds_and_lists.Before(count, feeds_and_lists.list_counts(before), *extras,
                                      follow_ups=follow_ups, tails=head.tails)
    else:
        replanned = _stored_around(site, inserted.points, store, target, places)
        if replanned is None:
            return None
        told = feeds_and_lists.Before(count, feeds_and_lists.list_counts(before), *extras,
                                      follow_ups=replanned[1], tails=head.tails,
                                      inserted=inserted.points, sealed=inserted.sealed,
                                      replanned=replanned[0])
    plan = plan_appended(site, template_key, globals_key, key_of, told)
    added = set(told.added(len(site.articles)))
    pages = list(plan.pages)
    outputs = {page.output for page in pages}
    copies = {output for output, _ in head.copies}
    if len(outputs) != len(pages) or not outputs.isdisjoint(copies) or any(
            page.article in added and page.output in previous
            for page in pages if page.kind in ("article", "redirect")):
        return None  # an appended article's URL is taken: the whole way names both files
    if new_authors and any(page.author in new_authors and page.output in previous
                           for page in pages):
        return None  # a new author page's URL answers already (an alias, a redirect kept)
    if any(page.kind != "redirect" and _redirected(told.moves, page.url) for page in pages):
        return None  # an alias's address planned as another page (a list's next number,
        # a new month, a page count): the whole way names both files
    rest = damaged - outputs
    if rest:
        found = store.pages(target, rest)
        if set(found) != rest:
            return None
        pages += [refreshed(from_stored(found[output], places), site, key_of)
                  for output in sorted(rest)]
    return replace(plan, pages=tuple(pages))


def _bylines_change(site: Site, new: set[str]) -> bool:
    """Whether an author of `new` (by slug: new to `site`, or no longer in it) has a
    byline on an article no list shows (a withdrawn one): their new page links it, or
    their ended page no longer does, and only the whole way plans that article's page.
    A listed article's byline names an author who had a page, and the added articles'
    pages are planned anyway."""
    if not new or len(site.listed) == len(site.articles):
        return False
    unlisted = sorted(set(range(len(site.articles))).difference(site.listed))
    if isinstance(site.articles, LazyArticles):
        site.articles.load(unlisted)  # (a few: read together)
    return any(author.slug in new for i in unlisted for author in site.articles[i].authors)


@dataclass(frozen=True, eq=False, repr=False)
class Inserted:
    """Stories filed late: the articles added, some dated before the newest, the others
    today's news filed with them."""

    points: tuple[int, ...]
    """Their indexes in the site, ascending."""
    sealed: Mapping[str, tuple[OrderKey, ...]]
    """The boundaries of the sealed pages of every list they join, as the last build
    left them."""
    order: tuple[str, ...]
    """The paths of the site's articles, in site order (theirs among them)."""


def insert_quickly(site_dir: Path, memo: SiteMemo, config: SiteConfig,
                   articles: CachedArticles, added: Sequence[Article], drafts: bool,
                   now: datetime) -> tuple[Site, Inserted] | None:
    """The site with the `added` articles dated in among the `articles` the last build
    had (stories filed late, `insertion.insert_site`), and where; None when only the
    whole way can tell. Their places are found by their order keys, reading a few
    records."""
    new = sorted(added, key=lambda a: (a.date, a.path))
    # Each one's place among the old articles, moved up by the added ones before it.
    points = tuple(bisect_left(articles, (a.date, a.path), key=lambda o: (o.date, o.path)) + j
                   for j, a in enumerate(new))
    order = list(articles.order)
    for point, article in zip(points, new, strict=True):
        order.insert(point, article.path)
    placed = CachedArticles(tuple(order), articles.cache, articles.adjust)
    placed.known = articles.known
    placed.known.update((a.path, a) for a in new)
    site = insertion.insert_site(memo, config, placed, points, drafts, now)
    if site is None:
        return None
    grown = feeds_and_lists.list_counts(site).items() \
        - feeds_and_lists.list_counts(memo.site).items()
    return site, Inserted(points, list_pages.sealed_bounds(site_dir, {url for url, _ in grown}),
                          placed.order)


def _stored_around(site: Site, points: Sequence[int], store: PageStore, target: str,
                   places: Places) -> tuple[tuple[int, ...], dict[int, int | None]] | None:
    """The articles whose pages insertions at `points` can change
    (`insertion.replanned`), and the follow-up of each but them as the last build
    planned it, from their stored pages; None when one is not stored."""
    replanned = insertion.replanned(site, points)
    rows = _stored_articles(site, replanned.difference(points), store, target, places)
    if rows is None:
        return None
    return tuple(sorted(replanned)), {index: page.follow_up for index, page in rows.items()}


def _stored_articles(site: Site, indexes: Iterable[int], store: PageStore, target: str,
                     places: Places) -> dict[int, Page] | None:
    """The stored pages of these articles, by index; None when one is not stored."""
    wanted = {urls.output_path(site.articles[i].url): i for i in indexes}
    rows = _stored(store, target, wanted, places)
    if set(rows) != set(wanted):
        return None
    return {wanted[output]: page for output, page in rows.items()}


def _redirected(moves: Sequence[tuple[str, str]], url: str) -> bool:
    """Whether one of the last build's redirects (`moves`, (from, to) pairs in order, as
    `host_files` plans them) answers at `url`'s file: found by search, since a site
    imported with an old address per article has as many redirects as articles, and
    an append plans a few pages."""
    names = (url, url.rstrip("/"), url + "index.html") if url.endswith("/") else (url,)
    for name in names:
        at = bisect_left(moves, (name,))
        if at < len(moves) and moves[at][0] == name:
            return True
    return False


def _stored(store: PageStore, target: str, outputs: Iterable[str],
            places: Places) -> dict[str, Page]:
    """The stored pages of those of `outputs` the last build planned."""
    return {output: from_stored(state, places)
            for output, state in store.pages(target, outputs).items()}


def _stored_extras(site: Site, store: PageStore, target: str,
                   previous: Mapping[str, OutputEntry], places: Places
                   ) -> tuple[tuple[tuple[str, str], ...], Sitemaps] | None:
    """The previous build's redirects and sitemap parts, from its stored pages."""
    redirects = urls.output_path(urls.REDIRECTS)
    moves: tuple[tuple[str, str], ...] = ()
    if redirects in previous:
        row = _stored(store, target, [redirects], places).get(redirects)
        if row is None:
            return None
        moves = row.links
    parts = Sitemaps(())
    if site.config.outputs.sitemaps:
        found = stored_sitemaps(store, target, places)
        if found is None:
            return None
        parts = found
    return moves, parts


def stored_sitemaps(store: PageStore, target: str, places: Places) -> Sitemaps | None:
    """The previous build's sitemap parts, from its stored pages (the sitemap, or the
    index and its parts); None when one is not stored."""
    sitemap = urls.output_path(urls.SITEMAP)
    top = _stored(store, target, [sitemap], places).get(sitemap)
    if top is None:
        return None
    if top.kind != "sitemapindex":
        return Sitemaps((top.links,))
    # Its parts, then the fronts' (plan_sitemaps).
    count = sum(urls.SITEMAP_FRONTS in url for url, _ in top.links)
    names = [urls.output_path(urls.sitemap_part(n))
             for n in range(1, len(top.links) - count + 1)]
    names += [urls.output_path(urls.sitemap_fronts_part(n)) for n in range(1, count + 1)]
    stored = _stored(store, target, names, places)
    if set(stored) != set(names):
        return None
    return sitemaps_of(stored[name] for name in names)


def _stored_follow_ups(site: Site, count: int, store: PageStore, target: str,
                       places: Places) -> dict[int, int | None] | None:
    """The follow-ups of the earlier articles an append plans again, as the last build
    planned them (plan/related.py), from their stored pages."""
    wanted = {urls.output_path(site.articles[i].url): i
              for i in related.replanned_by_append(site, count)}
    rows = _stored(store, target, wanted, places)
    if set(rows) != set(wanted):
        return None
    return {wanted[output]: page.follow_up for output, page in rows.items()}
