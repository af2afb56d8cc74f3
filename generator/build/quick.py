"""The quick path, for a build where nothing moved or only today's news arrived.

When every edited article keeps its `shape` (nothing
that places it in the site changed) but perhaps its `featured`, and the
settings, templates, theme files and media are as the last successful build
left them, the plan is that build's plan with new fingerprints for the pages
that show an edited article: what `make_plan` does with its memo
(`plan.refreshed`). A `featured` switched plans the home page again (its lead and
picks: `edited.with_home`). This build proves that from small things: the sources'
fingerprints (not their records), the site's indexes (`site_memo.SiteMemo`) and the
`memory.Settled` row; then it reads only the pages that show an edited article
(cache/pages.py) and the records of the articles those pages show. New articles dated
after every published one are appended the same way, planning only the sections they
change (build/append.py): new files, drafts published, and scheduled stories the clock
passed (`site_memo.came_due`); stories filed late, dated before the newest, are dated
in (plan/insertion.py), today's news beside them; a story moved to another section,
credited to other authors or given other tags, withdrawn, or its withdrawal taken back,
leaves some lists and joins others, planned as an append plans (build/relisted.py
`relisting`, with the related news its tags change: plan/retagged.py); a story whose
file was removed is planned as one withdrawn, its address answering the gone notice
instead of its page (`relisted.deleting`), the memo left without it (plan/deletion.py);
a tag or an author a story leaves with no story ends, its addresses answering the gone
notice (build/addresses.py `ended_lines`); a story's time corrected keeps its place when
nothing lies between its two times (plan/relisting.py `redated`); a photo replaced or
taken out of a story leaves with its files when no article shows it any more
(build/photos.py `quick_photos`), one changed in place is made again and the pages of
the stories that show it rendered again (`showing_photos`); a media file added, changed
or removed is copied or taken out (options.py `media_copies`); a static page's text
edited, its title, address and photos kept, plans its own page again
(`edited.with_static_pages`); a story's file moved or renamed, its address kept, is an
edit of the story at its new path, the memo given the new paths (build/moved_files.py,
plan/moving.py).
Anything else returns None and
build/pipeline.py takes the whole pipeline, which leaves a new `Settled` for the next
build.

build/quick_plan.py proves the changes, index and plan stages; this module turns
what it proved into what the write and commit stages take: the register and the
sealed pages' boundaries, the search keys, the memos. tests/test_incremental.py runs
the kinds of change both ways and requires the same output (a story coming due:
tests/test_came_due.py; a `featured` switched: tests/test_edited.py; a new photo:
tests/test_photos.py; a photo no longer shown: tests/test_photos_unshown.py; a section,
byline or tags changed: tests/test_relisted.py; a tag or an author that ends:
tests/test_ended.py; a time corrected: tests/test_redated.py; a photo changed in place:
tests/test_photos_changed.py; a story withdrawn: tests/test_withdrawn.py; a withdrawal
taken back: tests/test_restored.py; a story deleted: tests/test_deleted.py; a static
page edited: tests/test_pages_edited.py; a file moved: tests/test_moved_files.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import cache as cache_call
from functools import partial

from generator.build import commit, list_pages, search
from generator.build.addresses import (
    AddressChanges,
    appended_text,
    read_text,
    text_key,
    with_ended,
    with_moved_files,
)
from generator.build.article_changes import article_changes
from generator.build.changes import article_of
from generator.build.memos import Settled, held_records, held_removals, stored
from generator.build.options import BuildOptions
from generator.build.output import Planned, ToWrite
from generator.build.quick_changes import MOST_CHANGED, sorting_before
from generator.build.quick_plan import prove
from generator.cache.held_records import HELD_RECORDS, HeldRecord, still_held_records
from generator.cache.removed import HELD, removed_articles, still_held
from generator.cache.store import Cache, OutputEntry
from generator.config import SiteConfig
from generator.content.list_pages import LIST_PAGES, with_followed
from generator.content.source_record import SourceRecord
from generator.photos.model import EMPTY
from generator.plan.deletion import memo_without
from generator.plan.moving import followed_tails
from generator.plan.site import by_path, published_by
from generator.plan.site_memo import append_memo
from generator.render.theme import ThemeFiles
from generator.render.write import OutputCheck


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
            or head.content_key != config.content_key or head.sources - len(found) > MOST_CHANGED):
        return None
    if options.keeps_register and (held_removals(cache) or held_records(cache)):
        # (A rename a preview saw first: the whole way tells the register. Sources a load
        # that published nothing saw: the summary names them against what was published.)
        return None
    # (Read once, when asked: a list that ended reads its lines in `prove`.)
    register_text = cache_call(partial(read_text, options.site_dir))
    try:
        proven = prove(options, config, theme, cache, target, now, previous, check, found,
                       head, register_text)
    except LookupError:
        # A record or page the cache should hold is missing or damaged, or the plan is
        # one only the whole way makes (a list's pages it cannot tell: relisted.relisting,
        # sealing.Pager; sitemap parts that shrink: sitemaps.FewerParts).
        return None
    if proven is None:
        return None
    changes, memo, site, stale = proven.changes, proven.memo, proven.site, proven.stale
    ended, removable = proven.ended, proven.removed
    warnings = proven.warnings
    edits, added = changes.edits, changes.added
    # The register of published addresses: as the last build left it (else the whole way
    # reads it again), with the addresses of today's news added.
    register = register_text()
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
        if ended is not None:  # (a tag or an author left with none: its addresses gone)
            new_register = with_ended(new_register, ended)
        head = replace(head, register=text_key(new_register)) if keep else head
    moved_from = changes.moved_from
    if moved_from:  # (files moved or renamed: their lines name the new files)
        new_register = with_moved_files(new_register or register, [
            site.articles[proven.where[path]] for path in moved_from], moved_from)
        if new_register is None:
            return None
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
        head = replace(head, tails={url: tail for url, tail in {
            **head.tails, **proven.appended.tails}.items()
            if ended is None or url not in ended.removed})
        if keep and new_lists is not None:
            head = replace(head, list_pages=text_key(new_lists))
    if proven.refiled is not None:  # (the pages a moved file sealed stay sealed at it,
        # the lists' newest bounds too: content/list_pages.py `followed`)
        followed = proven.refiled.followed
        head = replace(head, tails=followed_tails(head.tails, followed))
        if pages_text is not None:
            followed_text = with_followed(new_lists or pages_text, followed)
            if followed_text != pages_text:
                new_lists = followed_text
                head = replace(head, list_pages=text_key(new_lists)) if keep else head
    lists_after = new_lists if keep and new_lists is not None else None
    if any(p.path == LIST_PAGES and (lists_after or p.line is None) for p in warnings):
        # The warning at its page's line: the file gained lines, or a story filed late
        # changed the warning (`overfull_grown` leaves its line to find).
        warnings = list_pages.moved_lines(warnings, lists_after or pages_text)
    # Search: only the shards of the edited and added articles are keyed again.
    touched = [proven.where[path] for path in dict.fromkeys(
        [*(e.path for e in edits), *proven.reshown]) if path in proven.where]
    keys_before = head.search
    if proven.inserted and keys_before is not None:
        moved = search.inserted(site, keys_before, proven.inserted)
        if moved is None:
            return None  # a full shard would be cut again: the whole way cuts it
        keys_before, moved_touched = moved
        touched = [*moved_touched, *touched]
    else:
        touched += new
    again: set[int] = set()
    if proven.restored and keys_before is not None:
        # (Withdrawals taken back: their records join the index, their full shards keyed
        # afresh. Beside others withdrawn, the shards' positions would shift both ways.)
        grown = None if proven.withdrawn else search.restored(site, keys_before,
                                                              proven.restored)
        if grown is None:
            return None
        keys_before, more, again = grown
        touched = [*more, *touched]
    if proven.withdrawn and keys_before is not None:
        # (Stories withdrawn: their records leave the index, their full shards keyed
        # afresh.)
        shrunk = search.withdrawn(site, keys_before, proven.withdrawn)
        if shrunk is None:
            return None  # a full shard would be left empty: the whole way cuts them
        keys_before, more, again = shrunk
        touched = [*more, *touched]
    if moved_from and keys_before is not None:  # (files moved: their full shards afresh)
        points = {proven.where[new]: old for new, old in moved_from.items()}
        shards = search.refiled_shards(site, keys_before, points)
        if shards is None:
            return None
        touched = [*(point for point in touched if point not in points), *shards[0]]
        again |= shards[1]
    search_keys = search.without_damaged(options.output, site, search.plan_keys(
        site, search.labels_of(proven.renderer.strings), keys_before, touched,
        again=again))
    settled = replace(head, warnings=warnings, search=search_keys,
                      templates={**head.templates, **proven.templates},
                      copies=proven.media.copied)
    memos: dict[str, object] = {}
    # (Pages the cache records: the new ones, less the feeds of lists that ended.)
    new_pages = sum(p.output not in previous for p in stale) - len(removable)
    if added:
        known = changes.published
        # The site as the whole way's memo holds it, made before its photos step: no
        # photos (100,000 of them pickled with every addition), the static pages not
        # keyed by them (the next build keys them again).
        bare = replace(site, photos=EMPTY, pages=by_path(memo.pages))
        memos["site:" + target] = append_memo(
            memo, bare, sorting_before(found, [a.path for a in added if a.path not in known]),
            [article_of(a.entry.record.article) for a in added], proven.inserted, keep, known)
        settled = replace(settled, order=proven.order, sources=len(found),
                          pages=head.pages + new_pages)
    elif changes.featured or changes.relisted or changes.redated:
        # (With this build's "now", as the whole way stores it; without the stories
        # deleted, every later index one lower.)
        deleted = proven.deleted
        without = memo_without(memo, deleted, site.articles, keep) if deleted else memo
        if without is None:
            return None  # (the newest story deleted in a preview: its register is kept)
        memos["site:" + target] = replace(without, site=replace(without.site, now=now))
        settled = replace(settled, pages=head.pages + new_pages)
        if deleted:
            gone = {site.articles[i].path for i in deleted}
            settled = replace(settled, order=tuple(p for p in head.order if p not in gone),
                              sources=len(found))
    elif moved_from:  # (the memo and order with the files' new paths: plan/moving.py)
        memos["site:" + target] = replace(memo, site=replace(memo.site, now=now))
        settled = replace(settled, order=proven.order)
    elif changes.pages:  # (static pages edited: the memo gives the next build them)
        memos["site:" + target] = memo
    photos = proven.photos
    if photos.changed:  # (today's news with its photo, a photo replaced)
        memos["photos:" + target] = photos.memo
    removed = [SourceRecord(article=article) for article in changes.deleted]
    # (A file moved: named as the whole way names it, one removed and one added, which
    # `article_changes` tells apart from a story deleted and another added.)
    moves = [c for c in edits if c.path in moved_from]
    removed += [c.before for c in moves if c.before is not None]
    if not keep and removed:
        # (A preview: the next build that writes the register tells whether another
        # file is the same story renamed, cache/removed.py.)
        memos[HELD] = still_held(held_removals(cache), removed_articles(removed), ())
    if not keep and (before := [HeldRecord(c.path, c.before) for c in (*edits, *added)
                                if c.parsed]):
        # (A preview or `--drafts`: the next build that writes the register names these
        # against what was published, cache/held_records.py.)
        memos[HELD_RECORDS] = still_held_records(held_records(cache), before)
    # (The files of photos no longer shown, and of media files removed, go with the
    # feeds: they are no pages.)
    unshown = {output for output in photos.removed | proven.media.gone if output in previous}
    removable = removable | unshown
    return Planned(
        to_write=ToWrite(site=site, renderer=proven.renderer, theme=theme, stale=stale,
                         copies=[*photos.added, *proven.media.new],
                         removable=removable, recorded=True,
                         register=new_register if keep and new_register != register else None,
                         list_pages=new_lists if keep else None),
        # (Files copied where the last build's were, a changed PDF or a photo renamed or
        # replaced by one of its name in another format, count as written or same.)
        # (Asked of each: `previous` reads the whole record when walked.)
        current=len(previous) + new_pages - len(stale) - len(unshown) - len({
            copy.output for copy in (*photos.added, *proven.media.new)
            if copy.output in previous}),
        records=commit.BuildRecords(
            target=target, outputs={}, removed=removable,
            pages=[commit.recorded(p, site.articles) for p in stale],
            memos=memos, settled=settled,
            sources={**{edit.path: edit.entry for edit in (*edits, *added, *changes.pages)},
                     **{article.path: None for article in changes.deleted},
                     **{old: None for old in moved_from.values()}}),
        parsed=sum(e.parsed for e in (*edits, *added, *changes.pages)), warnings=warnings,
        search=search_keys, reused=settled.pages - len(stale), quick=True,
        article_changes=article_changes(
            [*added, *moves], [e for e in edits if e.path not in moved_from], removed,
            published_by(options.drafts, now)),
        addresses=AddressChanges(gone=ended.removed, renamable=ended.renamable) if ended
        else AddressChanges(), photos_decoded=photos.decoded)
