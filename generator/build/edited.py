"""The quick path's pages for edited articles (build/quick.py): the stored pages that
show them, refreshed with their new keys (`plan.refreshed`). An edit that keeps an
article's shape changes only the pages that show it; beside an append (a correction
in the same build as today's news), the append's own plan wins where both plan a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator import urls
from generator.build.changes import SourceChange
from generator.cache.pages import PageStore
from generator.content.model import LazyArticles
from generator.plan.page import Page, Places, from_stored
from generator.plan.planner import refreshed
from generator.plan.site import Site


def edited_pages(site: Site, edits: Iterable[SourceChange], damaged: set[str],
                 store: PageStore, target: str, where: Places, key_of: Callable[[int], str],
                 planned: Iterable[Page] = ()) -> list[Page] | None:
    """The pages that show an edited article, and those of `damaged` files, refreshed;
    those `planned` already (an append's) left out. None when one of them is not stored
    (the whole way plans it). LookupError when a stored page does not fit `where` (each
    source's place in this build's order)."""
    pages = showing_edits(site, edits, damaged, store, target, where)
    if pages is None:
        return None
    taken = {page.output for page in planned}
    pages = [page for page in pages if page.output not in taken]
    if isinstance(site.articles, LazyArticles):  # (read together; past a story filed
        # late the indexes moved: the site's sequence, not the cache's, reads them)
        site.articles.load(i for page in pages for i in page.deps)
    return [refreshed(page, site, key_of) for page in pages]


def showing_edits(site: Site, edits: Iterable[SourceChange], damaged: set[str],
                  store: PageStore, target: str, where: Places) -> list[Page] | None:
    """The planned pages that show an edited article, and those of damaged files, as
    stored; None when one of them is not stored. LookupError when a stored page does not
    fit `where`."""
    paths = [e.path for e in edits if e.path in where and e.parsed]
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
