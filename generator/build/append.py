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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from itertools import chain

from generator import urls
from generator.build.memos import Settled
from generator.cache.pages import PageStore
from generator.cache.store import OutputEntry
from generator.plan import feeds_and_lists, related
from generator.plan.page import Places, from_stored
from generator.plan.planner import Page, Plan, plan_appended
from generator.plan.site import Site

Keys = tuple[Callable[[str], str], str, Callable[[int], str]]
"""`template_key`, `globals_key` and `key_of` of `plan.plan_appended`."""


def appended_pages(site: Site, before: Site, keys: Keys, head: Settled,
                   previous: Mapping[str, OutputEntry], store: PageStore, target: str,
                   damaged: set[str], places: Places) -> Plan | None:
    """The pages that change when `site` appends articles to `before` (the site the
    last build made, `head` what it left), and those of damaged files, with the pages
    the append sealed (`Plan.sealed`, `Plan.tails`); None when only the whole way can
    tell. `places`: each article's index in `head.order`, for the stored pages read
    (LookupError when one does not fit)."""
    config = site.config
    count = len(head.order)
    if config.outputs.author_pages and (
            {a.author.slug for a in site.authors} != {a.author.slug for a in before.authors}):
        return None  # a new author page changes the bylines of their earlier articles
    extras = _stored_extras(site, store, target, previous, places)
    if extras is None:
        return None
    template_key, globals_key, key_of = keys
    follow_ups = _stored_follow_ups(site, count, store, target, places)
    if follow_ups is None:
        return None
    plan = plan_appended(site, template_key, globals_key, key_of, feeds_and_lists.Before(
        count, feeds_and_lists.list_counts(before), *extras, follow_ups=follow_ups,
        tails=head.tails))
    pages = list(plan.pages)
    outputs = {page.output for page in pages}
    copies = {output for output, _ in head.copies}
    if len(outputs) != len(pages) or not outputs.isdisjoint(copies) or any(
            page.article is not None and page.article >= count and page.output in previous
            for page in pages if page.kind in ("article", "redirect")):
        return None  # an appended article's URL is taken: the whole way names both files
    rest = damaged - outputs
    if rest:
        found = store.pages(target, rest)
        if set(found) != rest:
            return None
        pages += [from_stored(found[output], places) for output in sorted(rest)]
    return replace(plan, pages=tuple(pages))


def _stored(store: PageStore, target: str, outputs: Iterable[str],
            places: Places) -> dict[str, Page]:
    """The stored pages of those of `outputs` the last build planned."""
    return {output: from_stored(state, places)
            for output, state in store.pages(target, outputs).items()}


def _stored_extras(site: Site, store: PageStore, target: str,
                   previous: Mapping[str, OutputEntry], places: Places
                   ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] | None:
    """The previous build's redirects and sitemap entries, from its stored pages."""
    redirects, sitemap = urls.output_path(urls.REDIRECTS), urls.output_path(urls.SITEMAP)
    rows = _stored(store, target, [redirects, sitemap], places)
    moves: tuple[tuple[str, str], ...] = ()
    if redirects in previous:
        row = rows.get(redirects)
        if row is None:
            return None
        moves = row.links
    entries: tuple[tuple[str, str], ...] = ()
    if site.config.outputs.sitemaps:
        top = rows.get(sitemap)
        if top is None:
            return None
        entries = top.links
        if top.kind == "sitemapindex":
            names = [urls.output_path(urls.sitemap_part(n)) for n in range(1, len(top.links) + 1)]
            parts = _stored(store, target, names, places)
            if set(parts) != set(names):
                return None
            entries = tuple(chain.from_iterable(parts[name].links for name in names))
    return moves, entries


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
