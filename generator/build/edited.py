"""The quick path's pages for edited articles (build/quick.py): the stored pages that
show them, refreshed with their new keys (`plan.refreshed`), the home page when a
`featured` was switched (`with_home`), and the sitemaps. An edit that keeps an
article's shape changes only the pages that show it and, when it moves the article's
`modified` (`updated:`, a dated correction), their sitemap entries.
Beside an append (a correction in the same build as today's news), the append's own
plan wins where both plan a page, and the sitemaps are planned over both
(`with_sitemaps`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from generator import urls
from generator.build.append import Keys, stored_sitemaps
from generator.build.changes import SourceChange
from generator.cache.pages import PageStore
from generator.content.model import LazyArticles
from generator.plan import feeds_and_lists, sitemaps
from generator.plan.page import Page, Places, from_stored
from generator.plan.planner import plan_static, refreshed, replan
from generator.plan.sections import plan_home
from generator.plan.site import Site


def edited_pages(site: Site, edits: Iterable[SourceChange], damaged: set[str],
                 store: PageStore, target: str, where: Places, key_of: Callable[[int], str],
                 planned: Iterable[Page] = (), reshown: Iterable[str] = ()
                 ) -> list[Page] | None:
    """The pages that show an edited article, or one of `reshown` (the paths of articles
    showing a photo changed in place), and those of `damaged` files, refreshed; those
    `planned` already (an append's) left out. None when one of them is not stored (the
    whole way plans it). LookupError when a stored page does not fit `where` (each
    source's place in this build's order)."""
    pages = showing_edits(site, edits, damaged, store, target, where, reshown)
    if pages is None:
        return None
    taken = {page.output for page in planned}
    pages = [page for page in pages if page.output not in taken]
    if isinstance(site.articles, LazyArticles):  # (read together; past a story filed
        # late the indexes moved: the site's sequence, not the cache's, reads them)
        site.articles.load(i for page in pages for i in page.deps)
    return [refreshed(page, site, key_of) for page in pages]


def showing_edits(site: Site, edits: Iterable[SourceChange], damaged: set[str],
                  store: PageStore, target: str, where: Places, reshown: Iterable[str] = ()
                  ) -> list[Page] | None:
    """The planned pages that show an edited article or one of `reshown`, and those of
    damaged files, as stored; None when one of them is not stored. LookupError when a
    stored page does not fit `where`."""
    paths = list(dict.fromkeys([*(e.path for e in edits if e.path in where and e.parsed),
                                *(path for path in reshown if path in where)]))
    shown = {where[path] for path in paths}
    candidates = store.pages_showing(target, paths) if paths else {}
    wanted = {output: page for output, state in candidates.items()
              if not shown.isdisjoint((page := from_stored(state, where)).deps)}
    if not {urls.output_path(site.articles[i].url) for i in shown} <= wanted.keys():
        return None  # a row the cache lost: the whole way plans the page, and stores it
    missing = damaged - set(wanted)
    if missing:
        found = store.pages(target, missing)
        if set(found) != missing:
            return None
        wanted.update((output, from_stored(state, where)) for output, state in found.items())
    return [wanted[output] for output in sorted(wanted)]


def with_home(site: Site, pages: list[Page], keys: Keys) -> list[Page]:
    """`pages` with the home page planned again: a `featured` switched changes its lead
    or its editors' picks, which the stored page does not know."""
    template_key, globals_key, key_of = keys
    planned = replan(site, template_key, globals_key, key_of,
                     lambda planner: plan_home(site, planner))
    again = {page.output for page in planned}
    return [page for page in pages if page.output not in again] + planned


def with_static_pages(site: Site, pages: list[Page], keys: Keys,
                      paths: Collection[str]) -> list[Page]:
    """`pages` with the static pages at `paths` planned again: edited, their title,
    address and photos kept (`quick_changes.QuickChanges.pages`), only their own pages
    change (the sitemap lists them without a date)."""
    template_key, globals_key, key_of = keys

    def fill(planner: feeds_and_lists.Adding) -> None:
        for index, page in enumerate(site.pages):
            if page.path in paths:
                plan_static(site, planner, index)
    planned = replan(site, template_key, globals_key, key_of, fill)
    again = {page.output for page in planned}
    return [page for page in pages if page.output not in again] + planned


def with_sitemaps(site: Site, pages: list[Page], modified: bool, store: PageStore,
                  target: str, where: Places, keys: Keys,
                  dropped: Collection[str] = ()) -> list[Page] | None:
    """`pages` (an edit's, an append's beside it perhaps) with the sitemaps planned again
    where the edits change them: the Google News sitemap (an edited article of the last
    two days is on it) and, when an edit moved an article's `modified`, the parts that
    hold an entry of one of `pages` (the edited article's own, and the lastmod of each
    listing page that shows it: the home page, each list's newest page), with the index,
    merged into the last build's parts as an append merges its own, without the
    `dropped` addresses (those of lists that ended, as the append drops them). Sitemaps
    an append planned give way to these, planned over its pages too. None when the last
    build's parts are not stored (the whole way plans them)."""
    template_key, globals_key, key_of = keys
    data_key = feeds_and_lists.shared_key(site.config.fingerprint)
    if modified:
        before = stored_sitemaps(store, target, where)
        if before is None:
            return None
        lists = feeds_and_lists.list_counts(site)
        planned = replan(site, template_key, globals_key, key_of,
                         lambda planner: sitemaps.plan_sitemaps(site, planner, pages, data_key,
                                                                before, lists, dropped))
    else:
        planned = replan(site, template_key, globals_key, key_of,
                         lambda planner: sitemaps.news_sitemap(site, planner, data_key))
    # Planned again, not refreshed: an edited article of the last two days is on the
    # news sitemap, and its stored page too (planned once, written once).
    again = {page.output for page in planned}
    return [page for page in pages
            if page.output not in again and not (modified and page.kind in sitemaps.SITEMAP_FILES)
            ] + planned
