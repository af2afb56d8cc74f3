"""The quick path, for a build where nothing moved or only today's news arrived.

When no source was removed, every edited article keeps its `shape` (nothing
that places it in the site changed) but perhaps its `featured`, and the
settings, templates, theme files and media are as the last successful build
left them, the plan is that build's plan with new fingerprints for the pages
that show an edited article: what `make_plan` does with its memo
(`plan.refreshed`). A `featured` switched plans the home page again (its lead and
picks: `edited.with_home`). This build proves that from small things: the sources'
fingerprints (not their records), the site's indexes (`site_memo.SiteMemo`) and the
`memory.Settled` row; then it reads only the pages that show an edited article
(cache/pages.py) and the records of the articles those pages show. New articles
dated after every published one are appended the same way, planning only the
sections they change (build/append.py): new files, drafts published, and scheduled
stories the clock passed (`site_memo.came_due`); stories filed late, dated before the
newest, are dated in (plan/insertion.py), today's news beside them; a story moved
to another section, credited to other authors or given other tags leaves some lists
and joins others, planned as an append plans (build/append.py `relisting`, with the
related news its tags change: plan/retagged.py). Anything else
returns None and build/pipeline.py takes the whole pipeline, which leaves a new
`Settled` for the next build. tests/test_incremental.py runs the kinds of change both
ways and requires the same output (a story coming due: tests/test_came_due.py; a
`featured` switched: tests/test_edited.py; a new photo: tests/test_photos.py; a
section, byline or tags changed: tests/test_relisted.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from generator.build import commit, list_pages, loader, search
from generator.build.addresses import appended_text, read_text, text_key
from generator.build.append import appended_pages, insert_quickly, relisting
from generator.build.article_changes import article_changes
from generator.build.changes import (
    QuickChanges,
    quick_changes,
    sorting_before,
    with_due,
)
from generator.build.edited import edited_pages, with_home, with_sitemaps
from generator.build.memos import Settled, held_records, held_removals, stored
from generator.build.options import MEDIA_OUTPUT, BuildOptions, copied, copies_of
from generator.build.output import Planned, ToWrite
from generator.build.photos import (
    QuickPhotos,
    article_problems,
    quick_photos,
)
from generator.cache.articles import CachedArticles
from generator.cache.held_records import HELD_RECORDS, HeldRecord, still_held_records
from generator.cache.pages import PageStore
from generator.cache.store import Cache, OutputEntry
from generator.config import SiteConfig
from generator.content.list_pages import LIST_PAGES
from generator.content.model import Article
from generator.errors import Problem
from generator.photos.model import EMPTY, article_photos, keyed, keyed_page
from generator.plan.page import Places
from generator.plan.planner import Page, Plan, plan_inputs
from generator.plan.relisting import refeatured, relisted
from generator.plan.site import Site, by_path, published_by
from generator.plan.site_memo import (
    SiteMemo,
    append_memo,
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


def plan_quickly(options: BuildOptions, config: SiteConfig, theme: ThemeFiles,
                 cache: Cache, target: str, now: datetime,
                 previous: Mapping[str, OutputEntry], check: OutputCheck,
                 found: list[str]) -> Planned | None:
    """The changes, index and plan stages the quick way; None (nothing written) when
    it does not apply.

    `previous` is what the cache records of the output folder, `check` the look at
    those files as they are now, `found` the sources as `sources.scan_fingerprints`
    found them.
    """
    head = stored(cache, "settled:" + target)
    if (not isinstance(head, Settled) or head.loads != cache.loads()
            or head.content_key != config.content_key or head.sources > len(found)):
        return None
    if options.keeps_register and (held_removals(cache) or held_records(cache)):
        # (A rename a preview saw first: the whole way tells the register. Sources a load
        # that published nothing saw: the summary names them against what was published.)
        return None
    try:
        proven = _prove(options, config, theme, cache, target, now, previous, check, found,
                        head)
    except LookupError:
        return None  # a record or page the cache should hold is missing or damaged
    if proven is None:
        return None
    changes, memo, site, stale = proven.changes, proven.memo, proven.site, proven.stale
    warnings = proven.warnings
    edits, added = changes.edits, changes.added
    # The register of published addresses: as the last build left it (else the whole way
    # reads it again), with the addresses of today's news added.
    register = read_text(options.site_dir)
    if register is None or text_key(register) != head.register:
        return None
    keep = options.keeps_register
    new_register = None
    new = proven.inserted or range(len(head.order), len(site.articles))
    if added or proven.relisted_from is not None:
        # (Stories given a new tag: its address.)
        new_register = appended_text(register, site, proven.relisted_from or memo.site,
                                     new if added else (), previous)
        if new_register is None:
            return None  # an address that redirects or is gone is taken again
        head = replace(head, register=text_key(new_register)) if keep else head
    # Sealed pages: their boundaries as the last build left them, with those of the
    # pages today's news filled up (the tails say where it went).
    pages_text = read_text(options.site_dir, LIST_PAGES)
    if text_key(pages_text) != head.list_pages:
        return None
    new_lists = None
    if proven.appended is not None:
        new_lists = list_pages.appended_text(pages_text, proven.appended.sealed,
                                             proven.appended.tails)
        head = replace(head, tails={**head.tails, **proven.appended.tails})
        if keep and new_lists is not None:
            head = replace(head, list_pages=text_key(new_lists))
    pages_after = new_lists if keep and new_lists is not None else None
    if any(p.path == LIST_PAGES and (pages_after or p.line is None) for p in warnings):
        # The warning at its page's line: the file gained lines, or a story filed late
        # changed the warning (`overfull_grown` leaves its line to find).
        warnings = list_pages.moved_lines(warnings, pages_after or pages_text)
    # Search: only the shards of the edited and added articles are keyed again.
    touched = [proven.where[e.path] for e in edits if e.path in proven.where]
    keys_before = head.search
    if proven.inserted and keys_before is not None:
        moved = search.inserted(site, keys_before, proven.inserted)
        if moved is None:
            return None  # a full shard would be cut again: the whole way cuts it
        keys_before, moved_touched = moved
        touched = [*moved_touched, *touched]
    else:
        touched += new
    search_keys = search.without_damaged(options.output, site, search.plan_keys(
        site, search.labels_of(proven.renderer.strings), keys_before, touched))
    settled = replace(head, warnings=warnings, search=search_keys)
    memos: dict[str, object] = {}
    new_pages = sum(p.output not in previous for p in stale)
    if added:
        known = changes.published
        # The site as the whole way's memo holds it, made before its photos step: no
        # photos (100,000 of them pickled with every addition), the static pages not
        # keyed by them (the next build keys them again).
        bare = replace(site, photos=EMPTY, pages=by_path(memo.pages))
        memos["site:" + target] = append_memo(
            memo, bare, sorting_before(found, [a.path for a in added if a.path not in known]),
            [_article(a.entry.record.article) for a in added], proven.inserted, keep, known)
        settled = replace(settled, order=proven.order, sources=len(found),
                          pages=head.pages + new_pages)
    elif changes.featured or changes.relisted:
        # (With this build's "now", as the whole way stores it.)
        memos["site:" + target] = replace(memo, site=replace(memo.site, now=now))
        settled = replace(settled, pages=head.pages + new_pages)
    photos = proven.photos
    if photos.grown:  # (today's news with its photo)
        memos["photos:" + target] = photos.memo
    if not keep and (before := [HeldRecord(c.path, c.before) for c in (*edits, *added)
                                if c.parsed]):
        # (A preview or `--drafts`: the next build that writes the register names these
        # against what was published, cache/held_records.py.)
        memos[HELD_RECORDS] = still_held_records(held_records(cache), before)
    return Planned(
        to_write=ToWrite(site=site, renderer=proven.renderer, theme=theme, stale=stale,
                         copies=list(photos.added),
                         removable=set(), recorded=True,
                         register=new_register if keep and new_register != register else None,
                         list_pages=new_lists if keep else None),
        current=len(previous) + new_pages - len(stale),
        records=commit.BuildRecords(
            target=target, outputs={},
            pages=[(p.output, p, [site.articles[i].path for i in p.deps]) for p in stale],
            memos=memos, settled=settled,
            sources={edit.path: edit.entry for edit in (*edits, *added)}),
        parsed=sum(e.parsed for e in (*edits, *added)), warnings=warnings,
        search=search_keys, reused=settled.pages - len(stale), quick=True,
        article_changes=article_changes(added, edits, (), published_by(options.drafts, now)),
        photos_decoded=photos.decoded)


def _prove(options: BuildOptions, config: SiteConfig, theme: ThemeFiles, cache: Cache,
           target: str, now: datetime, previous: Mapping[str, OutputEntry], check: OutputCheck,
           found: list[str], head: Settled) -> _Proven | None:
    """What changed, the site, its renderer, the pages to render and the warnings, when
    the quick path applies; None when it does not."""
    # The sources first: when one was removed, nothing else need be read.
    changes = quick_changes(options.site_dir, found, config, cache, options.drafts)
    memo = stored(cache, "site:" + target) if changes is not None else None
    places = Places(head.order)  # (each article's place, looked up once if ever)
    if changes is not None and isinstance(memo, SiteMemo):
        # Scheduled stories the clock published join the site as drafts published do.
        due = came_due(memo, now)
        memo = unscheduled(memo, due)
        changes = with_due(changes, due, found, cache)
        if changes.featured:  # (the home page's lead and picks)
            if changes.known_articles != len(memo.shapes):
                return None  # the memo is not of these articles
            memo = refeatured(memo, changes.featured, places, sorting_before(
                found, [a.path for a in changes.added if a.path not in changes.published]))
    earlier = memo.site if isinstance(memo, SiteMemo) else None  # (before a story moved)
    if changes is not None and isinstance(memo, SiteMemo) and changes.relisted:
        if changes.known_articles != len(memo.shapes):
            return None  # the memo is not of these articles
        memo = relisted(memo, changes.relisted, places, sorting_before(
            found, [a.path for a in changes.added if a.path not in changes.published]),
                        changes.recredited, changes.retagged, head.order.__getitem__)
    if (changes is None or not isinstance(memo, SiteMemo) or earlier is None
            or not still_current(memo, config, options.drafts, now)
            or (memo.site.now is not None and now < memo.site.now)):
        return None  # (the clock went back: an article may now be far ahead, a warning)
    if options.keeps_register and head.order and (
            memo.known_until is None or memo.known_until[1] != head.order[-1]):
        return None  # the last build kept no register: the whole way tells it the articles
    edits, added = changes.edits, changes.added
    # The copies: theme files and media as the last build copied them, before a photo
    # is decoded. (The photos' derivatives follow from the photo memo stored with them:
    # made again for every photo, 500,000 copies at 100,000 photos, they took 4.8 s.)
    if copied(copies_of(options.site_dir, theme)) != head.copies:
        return None
    if any(not set(article_photos(_article(e.before.article if e.before else None)))
           <= set(article_photos(_article(e.entry.record.article))) for e in edits):
        return None  # (a photo no longer shown: the whole way takes its files out)
    # Photos: those of the last build, when none changed, with the new ones the changed
    # articles show (build/photos.py); their keys go into the articles' keys as there.
    # (A new photo is decoded here: should a later check refuse, the whole way finds its
    # derivatives made, and does not count it.)
    published = published_by(options.drafts, now)
    changed = [a for c in (*edits, *added) if (a := c.entry.record.article) and published(a)]
    photos = quick_photos(options.site_dir, stored(cache, "photos:" + target), changed,
                          config, options.jobs)
    if photos is None:
        return None
    shown = photos.memo.photos
    # The site's articles are read from the cache where a page shows them: the one
    # explicit reader of records the index and plan stages are handed.
    articles = CachedArticles(head.order, cache, adjust=lambda a: keyed(a, shown))
    for edit in edits:
        articles.known[edit.path] = keyed(_article(edit.entry.record.article), shown)
    given = by_path(memo.pages)
    site: Site | None = replace(memo.site, config=config, now=now, articles=articles)
    if added and changes.known_articles != len(memo.shapes):
        return None  # the memo is not of these articles (see `site_memo.append_memo`)
    inserted = None
    order = head.order
    if added:
        new = [keyed(_article(a.entry.record.article), shown) for a in added]
        # (Beside stories moved to other lists, today's news is dated in as stories
        # filed late are, the moved ones' lists apart: build/append.py `relisting`.)
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
        options.site_dir, head.warnings, (*edits, *added), cache, now,
        lambda article: article_problems(options.site_dir, article, photos.memo, config)
        if published(article) else [])
    if warnings is None:
        return None
    store_ = PageStore(cache)
    key_of = _key_of(site.articles)
    appended = None
    where = places if order is head.order else Places(order)
    # The sitemaps' lastmod: a `modified` moved, or the home page shows other articles.
    lastmod = changes.modified or bool(changes.featured)
    # Stories moved to another section, byline or tags leave lists and join others
    # (build/append.py).
    points = sorted(where[a.path] for a in changes.relisted if a.path in where)
    moved = relisting(options.site_dir, earlier, site, points, len(head.order)) \
        if points else None
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
                p.kind in ("section", "author", "tag")
                and len(p.items) >= list_pages.OVERFULL * config.page_size for p in pages):
            return None  # (a page of a bulk import's size: the whole way counts it again)
        if pages is not None and any(e.parsed for e in edits):
            # Articles edited in the same build (a correction beside today's news): the
            # stored pages that show them, unless the append plans them afresh.
            showing = edited_pages(site, edits, set(), store_, target, where, key_of, pages)
            pages = None if showing is None else pages + showing
            if pages is not None and lastmod and config.outputs.sitemaps:
                pages = with_sitemaps(site, pages, True, store_, target, where,
                                      (renderer.template_key, globals_key, key_of))
    else:
        pages = edited_pages(site, edits, damaged, store_, target, where, key_of)
        if pages is not None and changes.featured:
            pages = with_home(site, pages, (renderer.template_key, globals_key, key_of))
        if pages is not None and config.outputs.sitemaps:
            pages = with_sitemaps(site, pages, lastmod, store_, target, where,
                                  (renderer.template_key, globals_key, key_of))
    if pages is None or not {page.template for page in pages} <= head.templates.keys():
        # (A template the last build did not use, say the first redirect's: the keys
        # kept for the next build hold only those, so the whole way keeps them all.)
        return None
    stale = [p for p in pages if p.output in damaged
             or previous.get(p.output, OutputEntry("", 0, 0)).fingerprint != p.fingerprint]
    for page in stale:  # read now what rendering will ask for (LookupError if damaged)
        for index in page.deps:
            site.articles[index]
    return _Proven(changes, memo, site, renderer, stale, warnings, photos, appended,
                   where, order, () if inserted is None else inserted.points,
                   earlier if moved is not None else None)


# Values of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class _Proven:
    """What the quick path's changes, index and plan stages found, once they hold."""

    changes: QuickChanges
    """The sources that changed."""
    memo: SiteMemo
    """The previous build's site memo, the scheduled articles that came due taken as
    drafts (`unscheduled`), the `featured` switched put in (`refeatured`), and a story
    moved to other lists moved in them (`relisted`)."""
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


def _article(article: Article | None) -> Article:
    """The article of a change `changes.quick_changes` let through (every one holds
    one)."""
    assert article is not None
    return article


def _key_of(articles: Sequence[Article]) -> Callable[[int], str]:
    def key_of(index: int) -> str:
        return articles[index].key
    return key_of
