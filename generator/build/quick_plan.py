"""The quick path's changes, index and plan stages (build/quick.py says when it
applies): what changed since the last build, the site with it, its renderer and the
pages to render, proven from small things (the sources' fingerprints, the site memo,
the `Settled` row, the stored pages that show a changed article); None as soon as
only the whole way can tell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from generator import urls
from generator.build import list_pages, loader
from generator.build.addresses import read_text
from generator.build.append import appended_pages, insert_quickly
from generator.build.changes import article_of
from generator.build.edited import edited_pages, with_home, with_sitemaps, with_static_pages
from generator.build.memos import Settled, stored
from generator.build.moved_files import Refiled, refiled_site
from generator.build.options import (
    MEDIA_OUTPUT,
    BuildOptions,
    MediaCopies,
    copies_of,
    media_copies,
)
from generator.build.photo_problems import article_problems
from generator.build.photos import QuickPhotos, quick_photos, showing_photos
from generator.build.quick_changes import (
    QuickChanges,
    pages_after,
    quick_changes,
    sorting_before,
    with_due,
)
from generator.build.relisted import deleting, redated_lists, relisting
from generator.cache.articles import CachedArticles
from generator.cache.pages import PageStore
from generator.cache.store import Cache, OutputEntry
from generator.config import SiteConfig
from generator.content.list_pages import LIST_PAGES
from generator.content.model import Article, StaticPage
from generator.errors import Problem
from generator.photos.model import keyed, keyed_page
from generator.plan.page import Places
from generator.plan.pagination import OrderKey
from generator.plan.planner import Page, Plan, plan_inputs
from generator.plan.redirects import Addresses
from generator.plan.relisting import redated, refeatured, relisted
from generator.plan.site import Site, by_path, published_by
from generator.plan.site_memo import (
    SiteMemo,
    append_site,
    came_due,
    still_current,
    unscheduled,
)
from generator.render.renderer import Renderer
from generator.render.theme import ThemeFiles
from generator.render.write import OutputCheck

# More damaged output files than this too (someone emptied the folder).
MOST_DAMAGED = 256


def prove(options: BuildOptions, config: SiteConfig, theme: ThemeFiles, cache: Cache,
          target: str, now: datetime, previous: Mapping[str, OutputEntry], check: OutputCheck,
          found: list[str], head: Settled, register: Callable[[], str | None]
          ) -> Proven | None:
    """What changed, the site, its renderer, the pages to render and the warnings, when
    the quick path applies; None when it does not. `register`: the register's text
    (read once: the caller checks it is the last build's)."""
    # The sources first: when one was removed, nothing else need be read.
    changes = quick_changes(options.site_dir, found, config, cache, options.drafts)
    memo = stored(cache, "site:" + target) if changes is not None else None
    # (Files removed: known to the memo, no longer found.)
    deleted = [a.path for a in changes.deleted] if changes is not None else []
    places = Places(head.order)  # (each article's place, looked up once if ever)
    if changes is not None and isinstance(memo, SiteMemo):
        # Scheduled stories the clock published join the site as drafts published do.
        due = came_due(memo, now)
        memo = unscheduled(memo, due)
        changes = with_due(changes, due, found, cache)
        if changes.pages:  # (static pages edited, their title, address and photos kept)
            memo = replace(memo, pages=pages_after(memo.pages, changes.pages))
        if changes.featured:  # (the home page's lead and picks)
            if changes.known_articles != len(memo.shapes):
                return None  # the memo is not of these articles
            memo = refeatured(memo, changes.featured, places, sorting_before(
                found, [a.path for a in changes.added if a.path not in changes.published],
                deleted))
    earlier = memo.site if isinstance(memo, SiteMemo) else None  # (before a story moved)
    if changes is not None and isinstance(memo, SiteMemo) and changes.relisted:
        if changes.known_articles != len(memo.shapes):
            return None  # the memo is not of these articles
        memo = relisted(memo, changes.relisted, places, sorting_before(
            found, [a.path for a in changes.added if a.path not in changes.published],
            deleted),
                        changes.recredited, changes.retagged, head.order.__getitem__)
    if (changes is None or not isinstance(memo, SiteMemo) or earlier is None
            or not still_current(memo, config, options.drafts, now)
            or (memo.site.now is not None and now < memo.site.now)):
        return None  # (the clock went back: an article may now be far ahead, a warning)
    if options.keeps_register and head.order and (
            memo.known_until is None or memo.known_until[1] != head.order[-1]):
        return None  # the last build kept no register: the whole way tells it the articles
    edits, added = changes.edits, changes.added
    # The copies: theme files as the last build copied them, media files perhaps added,
    # changed or removed (a PDF attached to a story), before a photo is decoded. (The
    # photos' derivatives follow from the photo memo stored with them: made again for
    # every photo, 500,000 copies at 100,000 photos, they took 4.8 s.)
    media = media_copies(copies_of(options.site_dir, theme), head.copies)
    if media is None:
        return None
    # Photos: those of the last build, when none changed, with the new ones the changed
    # articles show, without those none shows any more (build/photos.py); their keys go
    # into the articles' keys as there. (A new photo is decoded here: should a later
    # check refuse, the whole way finds its derivatives made, and does not count it.)
    published = published_by(options.drafts, now)
    changed = [a for c in (*edits, *added) if (a := c.entry.record.article) and published(a)]
    was = [a for e in edits if e.before and (a := e.before.article) and published(a)]
    was += changes.deleted  # (their photos no longer shown by them)
    photos = quick_photos(options.site_dir, stored(cache, "photos:" + target), changed, was,
                          config, options.jobs, memo.pages)
    if photos is None:
        return None
    shown = photos.memo.photos
    # The site's articles are read from the cache where a page shows them: the one
    # explicit reader of records the index and plan stages are handed.
    articles = CachedArticles(head.order, cache, adjust=lambda a: keyed(a, shown))
    for edit in edits:
        articles.known[edit.path] = keyed(article_of(edit.entry.record.article), shown)
    for article in changes.relisted:
        if article.path in deleted:  # (withdrawn while planned: plan/deletion.py)
            articles.known[article.path] = keyed(article, shown)
    moved_from = changes.moved_from
    order = head.order
    refile = None
    if moved_from:
        # Files moved or renamed, their stories' addresses kept: each story keeps its
        # place unless another of its date lies between its two paths; the memo gives
        # the next build the new paths (plan/moving.py).
        if (not options.keeps_register or added or changes.featured or changes.relisted
                or changes.redated or changes.known_articles != len(memo.shapes)):
            return None  # (a preview: the next build that writes the register tells the
            # renamed ones; beside other moves)
        refile = refiled_site(options.site_dir, config, cache, memo, head.order, edits,
                              moved_from, sorting_before(found, []),
                              lambda a: keyed(a, shown))
        if refile is None:
            return None
        memo, order, places = refile.memo, refile.order, refile.places
        articles = refile.articles
    # A photo changed in place: the articles that show it, whose pages show it again.
    # (An article only touched, its bytes kept, is no edit whose pages are refreshed
    # (`showing_edits` takes those parsed): it is found as one that shows the photo.)
    reshown = showing_photos(PageStore(cache), target, photos.redone, photos.memo, places,
                             articles, {*(e.path for e in edits if e.parsed),
                                        *(a.path for a in added)}, changed)
    if reshown is None:
        return None
    crossings: dict[str, dict[int, OrderKey]] = {}
    if changes.redated:
        # A story's time corrected: it keeps its place when no other story lies between
        # its old date and its new one (today's news or other moves beside it: the whole
        # way); past the end of a page it is on, it moves to the next (`crossings`).
        if added or changes.relisted or changes.featured or not all(
                published(a) for a in changes.redated):
            return None
        if changes.known_articles != len(memo.shapes):
            return None  # the memo is not of these articles
        befores = {e.path: article_of(e.before.article if e.before else None) for e in edits}
        pages_text = read_text(options.site_dir, LIST_PAGES) or ""
        bounds = head.search.bounds if head.search is not None else ()
        pairs = [(befores[a.path], a) for a in changes.redated]
        memo = redated(memo, pairs, places, sorting_before(found, []),
                       lambda i: (articles[i].date, articles[i].path),
                       lambda low, high: any(low <= bound < high for bound in bounds),
                       options.keeps_register)
        if memo is None:
            return None
        for then, corrected in pairs:
            old_key: OrderKey = (then.date, then.path)
            new_key: OrderKey = (corrected.date, corrected.path)
            lists = list_pages.crossed_lists(pages_text, min(old_key, new_key),
                                             max(old_key, new_key))
            if lists is None:
                return None
            for url in lists:
                crossings.setdefault(url, {})[places[corrected.path]] = old_key
    given = by_path(memo.pages)
    site: Site | None = replace(memo.site, config=config, now=now, articles=articles)
    if added and changes.known_articles != len(memo.shapes):
        return None  # the memo is not of these articles (see `site_memo.append_memo`)
    inserted = None
    if added:
        new = [keyed(article_of(a.entry.record.article), shown) for a in added]
        # (Beside stories moved to other lists, today's news is dated in as stories
        # filed late are, the moved ones' lists apart: build/relisted.py `relisting`.)
        site = None if changes.relisted else append_site(memo, config, articles, new,
                                                         options.drafts, now)
        if site is None:  # stories filed late? (build/append.py)
            placed = insert_quickly(options.site_dir, memo, config, articles, new,
                                    options.drafts, now)
            if placed is not None:
                site, inserted = placed
                order = inserted.order
    if site is None or (changes.relisted and inserted is not None
                        and inserted.points[0] < len(head.order)):
        return None  # (stories filed late beside moved ones: their indexes shift)
    if added and inserted is None:
        order += tuple(site.articles[i].path for i in range(len(order), len(site.articles)))
    # (The static pages as given, keyed here: never the memo site's, keyed or not.)
    site = replace(site, photos=shown, pages=tuple(keyed_page(p, shown) for p in given))
    renderer = Renderer(theme, site, options.site_dir)
    globals_key = renderer.globals_key()
    if (plan_inputs(globals_key, site) != head.inputs
            or any(renderer.template_key(n) != k for n, k in head.templates.items())):
        return None
    damaged = check.damaged()
    if len(damaged) > MOST_DAMAGED or not damaged.isdisjoint(
            output for output, _ in head.copies) or any(
            output.startswith(MEDIA_OUTPUT) for output in damaged):
        return None  # (a copied file damaged: the whole way copies it again)
    warnings = loader.warnings_again(
        options.site_dir, head.warnings, (*edits, *added, *changes.pages), cache, now,
        lambda source: article_problems(options.site_dir, source, photos.memo, config)
        if isinstance(source, StaticPage) or published(source) else [], reshown)
    if warnings is None:
        return None
    if deleted or moved_from:  # (their files' warnings go with them, or are found again)
        gone_files = {*deleted, *moved_from.values()}
        warnings = tuple(w for w in warnings if w.path not in gone_files)
    store_ = PageStore(cache)
    key_of = _key_of(site.articles)
    appended = None
    where = places if order is head.order or moved_from else Places(order)
    # The sitemaps' lastmod: a `modified` moved, or the home page shows other articles.
    lastmod = changes.modified or bool(changes.featured)
    # Stories moved to another section, byline or tags leave lists and join others
    # (build/append.py).
    points = sorted(where[a.path] for a in changes.relisted if a.path in where)
    moved = relisting(options.site_dir, earlier, site, points, len(head.order), register) \
        if points else redated_lists(options.site_dir, site, crossings) if crossings else None
    if deleted:
        # Files removed: planned as stories withdrawn, each address answering the gone
        # notice instead of a page (build/relisted.py `deleting`). (Beside additions, the
        # memo would be appended to, not shifted: `relisting` refuses those already.)
        gone_at = [where.get(path) for path in deleted]
        if added or None in gone_at:
            return None  # (one not on the site: a scheduled story)
        moved = deleting(moved, site, [i for i in gone_at if i is not None], register)
        if moved is None:
            return None
    # (A list they left with none: the addresses it leaves answer the gone notice, so
    # no stored page of theirs is planned again, and its feed's file goes.)
    ended = moved.ended if moved else None
    gone = {urls.output_path(url) for url in ended.gone} if ended else set()
    if added or moved is not None:
        appended = appended_pages(site, earlier, (renderer.template_key, globals_key, key_of),
                                  head, previous, store_, target, damaged, where, inserted,
                                  moved)
        pages = None if appended is None else list(appended.pages)
        if appended is not None and inserted is not None:
            # A story filed late may grow a sealed page past the bound (after a bulk
            # import): the warning counts it as the whole way would.
            warnings = list_pages.overfull_grown(warnings, appended.pages,
                                                 set(inserted.points), config.page_size)
        if moved is not None and pages is not None and any(
                p.number is not None and p.list_url  # (any list page: `overfull` counts
                # them all; a story's time past a page's end changes the archive's too)
                and len(p.items) + max(1, moved.left.get(p.list_url, 0))
                > list_pages.OVERFULL * config.page_size
                for p in pages):
            # A page of a bulk import's size, now or before stories left it: before, a
            # page held at most what it holds now and every story that left its list (a
            # page that grew is checked by its size now, one more than it holds). Its
            # warning counts such pages and names the largest: the whole way counts them.
            return None
        if pages is not None and (reshown or any(e.parsed for e in edits)):
            # Articles edited in the same build (a correction beside today's news), or
            # showing a photo changed in place: the stored pages that show them, unless
            # the append plans them afresh or they are gone (the feed of a list that ended).
            showing = edited_pages(site, edits, set(), store_, target, where, key_of, pages,
                                   reshown)
            pages = None if showing is None else pages + [
                page for page in showing if page.output not in gone]
            if pages is not None and lastmod and config.outputs.sitemaps:
                # (Without the addresses the append's sitemaps dropped: a list that
                # ended, a story withdrawn.)
                pages = with_sitemaps(site, pages, True, store_, target, where,
                                      (renderer.template_key, globals_key, key_of),
                                      {config.absolute(url) for url in (
                                          *(ended.removed if ended else ()),
                                          *(site.articles[i].url for i in (
                                              moved.withdrawn if moved else ())))})
    else:
        # (The pages of a story whose file moved are stored under its old path.)
        pages = edited_pages(site, edits, damaged, store_, target, where, key_of,
                             reshown=(*reshown, *moved_from.values()))
        if pages is not None and changes.featured:
            pages = with_home(site, pages, (renderer.template_key, globals_key, key_of))
        if pages is not None and config.outputs.sitemaps:
            pages = with_sitemaps(site, pages, lastmod, store_, target, where,
                                  (renderer.template_key, globals_key, key_of))
    if pages is not None and changes.pages:  # (static pages edited: their own pages)
        pages = with_static_pages(site, pages, (renderer.template_key, globals_key, key_of),
                                  {change.path for change in changes.pages})
    if pages is None:
        return None
    # (A template the last build did not use, say the first gone notice's or a site's
    # first tag list's: its key is kept for the next build, which checks it, as the
    # whole way keeps those it uses.)
    templates = {name: renderer.template_key(name) for name in
                 {page.template for page in pages}.difference(head.templates)}
    stale = [p for p in pages if p.output in damaged
             or previous.get(p.output, OutputEntry("", 0, 0)).fingerprint != p.fingerprint]
    for page in stale:  # read now what rendering will ask for (LookupError if damaged)
        for index in page.deps:
            site.articles[index]
    return Proven(changes, memo, site, renderer, stale, warnings, photos, media, appended,
                   where, order, () if inserted is None else inserted.points,
                   earlier if moved is not None else None, ended, templates,
                   {output for output in gone.difference(p.output for p in pages)
                    if output in previous}, reshown, moved.withdrawn if moved else (),
                   moved.deleted if moved else (), refile, moved.restored if moved else ())


# Values of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class Proven:
    """What the quick path's changes, index and plan stages found, once they hold."""

    changes: QuickChanges
    """The sources that changed."""
    memo: SiteMemo
    """The previous build's site memo, the scheduled articles that came due taken as
    drafts (`unscheduled`), the static pages edited put in (`pages_after`), the
    `featured` switched put in (`refeatured`), and a story moved to other lists moved
    in them (`relisted`)."""
    site: Site
    """The site, its articles read on demand."""
    renderer: Renderer
    """Its renderer."""
    stale: list[Page]
    """The pages to render."""
    warnings: tuple[Problem, ...]
    """The load's warnings, as the whole archive would report them."""
    photos: QuickPhotos
    """The photos, the new ones' derivatives to copy."""
    media: MediaCopies
    """The files copied as they are, the media files added, changed or removed."""
    appended: Plan | None = None
    """The plan of an append, with the pages it sealed."""
    where: Mapping[str, int] = field(default_factory=dict)
    """Each article's place in the site."""
    order: tuple[str, ...] = ()
    """The paths of the site's articles, in site order."""
    inserted: tuple[int, ...] = ()
    """The indexes of the articles added, when some are dated before the newest."""
    relisted_from: Site | None = None
    """When stories moved to other lists: the site before (`memo` has them moved)."""
    ended: Addresses | None = None
    """When they left a list with none: the addresses it leaves, gone."""
    templates: Mapping[str, str] = field(default_factory=dict)
    """The keys of the templates the pages use that the last build's did not."""
    removed: set[str] = field(default_factory=set)
    """The output files that go: the feeds of lists that ended."""
    reshown: frozenset[str] = frozenset()
    """The paths of the articles that show a photo changed in place (their pages are
    among `stale`; their search shards are keyed again)."""
    withdrawn: tuple[int, ...] = ()
    """The indexes of the stories withdrawn now (their records leave the search index)."""
    deleted: tuple[int, ...] = ()
    """The indexes of the stories whose files were removed, among `withdrawn` (the site
    is planned with them withdrawn; the next build's memo is without them)."""
    refiled: Refiled | None = None
    """When files moved, their stories' addresses kept: the site with the new paths
    (`memo` is its memo)."""
    restored: tuple[int, ...] = ()
    """The indexes of the stories whose withdrawal was taken back (their records join
    the search index)."""


def _key_of(articles: Sequence[Article]) -> Callable[[int], str]:
    def key_of(index: int) -> str:
        return articles[index].key
    return key_of
