"""The pipeline, in order: the only module that knows the order.

    load -> changes -> index -> plan -> render -> write -> commit -> search

A build first asks whether the quick path applies (build/quick.py): when nothing
moved since the last build, or only today's news arrived, the changes, index and
plan stages run over the changed sources alone, reading the rest of the archive
from the cache only where a page shows it. Otherwise the whole archive is
loaded, indexed and planned, each stage reusing what the previous build left
(the site's and the plan's memos). Either way the pages to render go through the
same write stage (build/output.py) and the same commit (build/commit.py, the one
writer of the cache). Nothing in `output/` changes until every page has rendered.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from generator.build import loader, search, sources
from generator.build.addresses import (
    AddressChanges,
    files_moved_since,
    load_register,
    text_key,
    unnamed_indexes,
)
from generator.build.article_changes import against_held, of_changes
from generator.build.commit import BuildRecords, commit_build, recorded
from generator.build.indexing import index_archive
from generator.build.list_pages import load_list_pages, next_text, overfull, rebalanced
from generator.build.memos import (
    STRINGS,
    BuildMemory,
    Settled,
    held_records,
    remember,
    settled_after,
    stored,
    with_strings,
)
from generator.build.options import (
    CACHE_FILE,
    BuildOptions,
    BuildResult,
    Progress,
    build_now,
    copies_of,
    is_current,
    target_of,
)
from generator.build.output import (
    Planned,
    ToWrite,
    Written,
    every_output,
    recorded_outputs,
    write_output,
)
from generator.build.photos import photo_step
from generator.build.quick import plan_quickly
from generator.build.renames import removed_files
from generator.cache.held_records import HELD_RECORDS
from generator.cache.pages import PageStore
from generator.cache.removed import HELD
from generator.cache.store import Cache, OutputEntry
from generator.config import SiteConfig, load_config
from generator.content.register import format_register, is_formatted
from generator.errors import ContentError
from generator.plan.page import Copy, Page
from generator.plan.planner import make_plan
from generator.plan.redirects import ended_addresses, resolve
from generator.plan.site import published_by
from generator.render.renderer import Renderer
from generator.render.theme import ThemeFiles, find_theme
from generator.render.write import existing_files
from generator.sitelock import site_lock

__all__ = ["BuildOptions", "BuildResult", "Progress", "build", "build_now"]

# The plan's memo is stored in the cache again only when less than this share of
# the pages came from it: pickling it costs more than refreshing a few fingerprints
# from an older memo, which stays correct (see plan.PlanMemo), only less useful.
MEMO_REUSE = 0.9


def build(options: BuildOptions, progress: Progress | None = None,
          memory: BuildMemory | None = None) -> BuildResult:
    """Build the site; raise WartaError (output untouched) when the input is wrong.

    `memory`, when given, carries the site and plan memos to the next build of
    the same process (the cache holds them too, for the next process).
    """
    # One build at a time: two would share the cache's rows and the staging folder.
    with site_lock(options.site_dir):
        return _build(options, progress, memory)


def _build(options: BuildOptions, progress: Progress | None,
           memory: BuildMemory | None) -> BuildResult:
    started = time.perf_counter()
    memory = memory if memory is not None else BuildMemory()
    site_dir = options.site_dir
    config = load_config(site_dir)
    theme = find_theme(site_dir, config)
    cache = Cache(site_dir / CACHE_FILE)
    target = target_of(options)
    try:
        theme, strings = with_strings(theme, cache)
        # Loading and planning create an object per field of every article and
        # page, and no garbage; the collector would walk them again and again (a
        # third of a no-change build at 100,000 articles). They live until the
        # build ends, so they are frozen out of its sight before rendering.
        gc.disable()
        try:
            # What the output folder holds: trusted only as recorded by this process
            # after a build that went through.
            trusted = memory.outputs if options.trust_output and memory.target == target \
                else None
            previous, check = recorded_outputs(options, cache, target, memory.outputs
                                               if memory.target == target else None, trusted)
            # Load, changes, index and plan: the quick way when nothing moved or only
            # today's news arrived, else over the whole archive.
            planned = scanned = None
            if (check is not None and options.quick and not memory.target
                    and options.sources_changed is None and not options.dry_run
                    and not options.rebalance_pages):
                scanned = sources.scan_fingerprints(site_dir, config.content_key)
                planned = plan_quickly(options, config, theme, cache, target,
                                       build_now(options), previous, check, scanned)
            if planned is None:
                remember(memory, target, cache)
                planned = _plan_whole(options, config, theme, cache, memory,
                                      None if scanned is None else [
                                          sources.from_fingerprint(site_dir, line)
                                          for line in scanned],
                                      _Known(target, every_output(previous),
                                             check.damaged() if check else None))
        finally:
            gc.freeze()
            gc.enable()
        # Render and write.
        written = write_output(options, cache, target, planned.to_write,
                               1 if planned.quick else options.jobs,
                               bulk_bodies=not planned.quick, saving=planned.saving,
                               progress=progress, done_before=planned.current)
        # Commit, now that the output is in place.
        to_index = None
        if not options.dry_run:
            records = replace(planned.records, outputs=written.entries)
            if strings is not None:  # the catalogues changed: their strings, for the next
                records = replace(records, memos={**records.memos, STRINGS: strings})
            commit_build(cache, records)
            if planned.kept is not None:
                memory.outputs = planned.kept | written.entries
            # Search: the stale shards, while the cache (their bodies) is open. Indexed
            # now, each one's records are made as Pagefind takes it (`_finish`); left to
            # `warta serve`'s indexer, they are made now.
            if planned.search is not None:
                to_index = search.work(options.output, planned.to_write.site, planned.search,
                                       search.labels_of(planned.to_write.renderer.strings),
                                       cache, made=not options.index_search,
                                       thorough=not planned.to_write.recorded,
                                       indexing=options.indexing)
        return _finish(options, planned, written, to_index, started, cache)
    except BaseException:
        memory.target = ""  # the next build reads the cache again, and checks the files
        raise
    finally:
        cache.close()
        # In a long-lived process (`warta serve`) the records must be collectable
        # again once the build is over.
        gc.unfreeze()


def _finish(options: BuildOptions, done: Planned, written: Written,
            to_index: search.SearchWork | None, started: float, cache: Cache) -> BuildResult:
    """Index the stale search shards (their bodies read from `cache`), and report."""
    # After the commit: a failed indexing leaves stale shards the next build finds.
    site = done.to_write.site
    config = site.config
    # site.toml's first, as it is read first; the index's after the files' own.
    warnings = (config.warnings + loader.lead_problems(options.site_dir, config, site.lead)
                + done.warnings + loader.name_problems(options.site_dir, site.name_hints))
    indexed: tuple[int, ...] = ()
    corrected = False
    pending = False
    if not options.dry_run and not config.outputs.search:
        search.remove_index(options.output)
    elif to_index is not None and not options.index_search:
        # (After a lost cache, once: the lists beside the shards are as it found them.)
        # (While `warta serve`'s indexer works, always: what it writes may be a shard,
        # or a corrections shard, this build no longer plans, which only the newest
        # request's tidying removes.)
        pending = (bool(to_index.to_index) or to_index.thorough or bool(options.indexing)
                   or search.untidy(to_index))
    elif to_index is not None:
        failure = search.index(to_index, options.jobs, search.filler(
            site, to_index.keys, search.labels_of(done.to_write.renderer.strings), cache))
        indexed = tuple(s.start for s in to_index.stale) if failure is None else ()
        corrected = failure is None and to_index.corrections is not None
        warnings += (failure,) if failure else ()
    return BuildResult(written=written.written, unchanged=done.current + written.same,
                       removed=written.removed, parsed=done.parsed,
                       rendered=len(done.to_write.stale),
                       seconds=time.perf_counter() - started, warnings=warnings,
                       articles=len(site.listed), next_due=site.next_due,
                       search_indexed=indexed, search_corrected=corrected,
                       search_pending=pending,
                       search_work=to_index if pending else None,
                       reused=done.reused, quick=done.quick,
                       unpublished=done.unpublished, article_changes=done.article_changes,
                       addresses=done.addresses, photos_decoded=done.photos_decoded,
                       rebalanced=done.rebalanced)


# Values of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class _Known:
    """What is known of the output folder before this build writes to it."""

    target: str
    """The folder, relative to the site."""
    previous: dict[str, OutputEntry]
    """What the cache records of every file written there."""
    damaged: set[str] | None
    """Those files that are no longer as written; None: trust the record."""


_File = TypeVar("_File", Page, Copy)


def _not_current(files: Iterable[_File], known: _Known,
                 current: dict[str, OutputEntry]) -> list[_File]:
    """The planned `files` to write again; the record of each of the others, on disk as
    written from the same inputs, goes into `current`."""
    previous, damaged = known.previous, known.damaged
    stale = []
    for file in files:
        if is_current(file.output, file.fingerprint, previous, damaged):
            current[file.output] = previous[file.output]
        else:
            stale.append(file)
    return stale


def _plan_whole(options: BuildOptions, config: SiteConfig, theme: ThemeFiles, cache: Cache,
                memory: BuildMemory, scanned: list[sources.Source] | None,
                known: _Known) -> Planned:
    """The load, changes, index and plan stages over the whole archive, each reusing what
    the previous build left; then which files are current and which to remove."""
    site_dir = options.site_dir
    # Load and changes: the changed sources parsed, the rest from the cache.
    loaded = loader.load(site_dir, config, cache, options.jobs, memory.sources,
                         options.sources_changed, scanned, build_now(options))
    memory.sources = loaded.sources
    assert loaded.changes is not None
    # Index, with the register of published addresses: it tells the stories filed late,
    # and the files removed since it was last written (the cache's, or on a fresh clone
    # git's) which ones were renamed.
    register = load_register(site_dir)
    removed = removed_files(options, config, cache, register.entries, loaded.articles)
    renamed = dict(removed.renamed)
    memos: dict[str, object] = {}
    if removed.held and options.keeps_register:
        memos[HELD] = ()  # (the register this build commits tells them)
    indexed = index_archive(options, config, loaded, memory, memos, cache, register, renamed)
    # The summary's articles, from the changed sources (as the last build that wrote the
    # register left them: cache/held_records.py) and those that came due.
    before = held_records(cache)
    if before and options.keeps_register:
        memos[HELD_RECORDS] = ()
    articles_changed = of_changes(against_held(loaded.changes, before, loaded.sources),
                                  len(loaded.sources),
                                  published_by(options.drafts, build_now(options)),
                                  indexed.came_due, indexed.scheduled)
    # Photos: the derivatives of those the articles show, made once and kept; their
    # keys go into the articles' keys, so the pages showing a changed photo change.
    photos = photo_step(site_dir, config, indexed.site.articles, indexed.site.pages,
                        options.jobs, stored(cache, "photos:" + memory.target))
    photo_errors = [p for p in photos.problems if p.is_error]
    if photo_errors:
        raise ContentError(photo_errors + [p for p in loaded.problems if not p.is_error]
                           + [p for p in photos.problems if not p.is_error]
                           + list(config.warnings))
    if photos.changed:
        memos["photos:" + memory.target] = photos.memo
    site = replace(indexed.site, articles=photos.articles, pages=photos.pages,
                   photos=photos.photos)
    # Sealed pages: each list paginated from the boundaries kept with the content (none
    # when asked to rebalance), which the plan gives back as this build leaves them.
    # (A file moved or renamed since: the pages it sealed stay sealed at it.)
    found_pages = load_list_pages(site_dir, files_moved_since(register.entries,
                                                              site.articles, renamed))
    sealed = {} if options.rebalance_pages else found_pages.boundaries
    # What answers at every address ever published: the register, as this site leaves it
    # (a list that ended, with the numbered pages it had; an index an older register
    # did not name, as the output folder serves it).
    addresses = resolve(site, register.entries, renamed, found_pages.boundaries, sealed,
                        unnamed_indexes(options.output, register))
    keep = options.keeps_register
    register_text = None
    if keep and (addresses.changed or register.text is None or not is_formatted(register.text)):
        register_text = format_register(addresses.register or tuple(register.entries.values()))
    # Plan, reusing the previous plan's memo.
    renderer = Renderer(theme, site, site_dir)
    as_is = copies_of(site_dir, theme)
    plan = make_plan(site, renderer.template_key, renderer.globals_key(),
                     as_is + list(photos.copies), memory.plan, addresses, sealed)
    pages_text = next_text(found_pages, plan.sealed) if keep else None
    pages_after = found_pages.text if pages_text is None else pages_text  # (as left)
    # (A preview that followed a moved file leaves the file naming the old one, which
    # the quick path would read: no key of a text, until a build writes the file.)
    pages_key = text_key(pages_after) if keep or not found_pages.followed else "-"
    if plan.problems or addresses.problems:
        raise ContentError([*addresses.problems, *plan.problems])
    if plan.memo is not None:
        memory.plan = plan.memo
        # (Stored too when articles moved: an older memo would have the next plan
        # plan again every article after the first that moved.)
        if plan.reused < len(plan.pages) * MEMO_REUSE or plan.moved:
            memos["plan:" + memory.target] = plan.memo
    # A file's own problems, then its photos' (as the quick path finds them again), and
    # list pages a bulk import overfilled.
    warnings = tuple(sorted((p for p in (*loaded.problems, *photos.problems,
                                         *overfull(plan.pages, config.page_size,
                                                   pages_after))
                             if not p.is_error), key=lambda p: p.path))
    # (The last build's keys: the corrections shard outlives a build that goes this way.
    # Without them, the index in the output folder tells how its shards were cut.)
    settled = stored(cache, "settled:" + known.target)
    labels = search.labels_of(renderer.strings)
    search_keys = search.without_damaged(options.output, site, (
        search.plan_keys(site, labels, settled.search, published=settled.order)
        if isinstance(settled, Settled)
        else search.plan_keys(site, labels, kept=search.kept_bounds(options.output, site))))
    previous = known.previous
    current: dict[str, OutputEntry] = {}
    stale = _not_current(plan.pages, known, current)
    copies = _not_current(plan.copies, known, current)
    planned = {page.output for page in plan.pages} | {copy.output for copy in plan.copies}
    removable = set(previous) - planned
    if not previous and not options.dry_run:
        # No record of what an earlier build wrote: look at the folder itself. (With no
        # record at all, the next build looks at the folder itself again: a cold build
        # spares writing 15,000 records twice.) The search index is the search stage's:
        # it keeps each shard whose files are those its key file lists, and prunes the
        # rest, so a lost cache (a new release starts one) indexes only what changed.
        removable |= {path for path in existing_files(options.output) - planned
                      if not path.startswith(search.INDEX_DIR + "/")}
    # Only the pages rendered now changed. What an unchanged page showed before stays
    # recorded (the quick path checks), so that a template edit, which renders most
    # pages again and moves none, stores just those; a cache that knew no output of
    # this target, or lost rows of its pages (the quick path finds an edited article's
    # pages through them), starts the record afresh.
    fresh = not previous or (isinstance(settled, Settled)
                             and PageStore(cache).count(known.target) != settled.pages)
    articles = site.articles
    return Planned(
        to_write=ToWrite(site=site, renderer=renderer, theme=theme, stale=stale,
                         copies=copies, removable=removable, recorded=bool(previous),
                         register=None if register_text == register.text else register_text,
                         list_pages=pages_text),
        current=len(current),
        records=BuildRecords(
            target=known.target, outputs={}, removed=removable,
            pages=(recorded(p, articles) for p in (plan.pages if fresh else stale)),
            fresh=fresh, memos=memos,
            settled=settled_after(cache, site, plan, warnings, search_keys,
                                  len(loaded.sources),
                                  text_key(register.text if register_text is None
                                           else register_text),
                                  pages_key, as_is)),
        parsed=loaded.parsed, search=search_keys, reused=plan.reused,
        quick=False, saving=loaded.saving, kept=current, unpublished=indexed.unpublished,
        article_changes=articles_changed,
        # (A merge's conflicts in the lock files: this build's warning, not settled.)
        warnings=register.merged + found_pages.merged + warnings,
        addresses=AddressChanges(addresses.moved, addresses.removed,
                                 ended_addresses(site, removable), addresses.renamable),
        photos_decoded=photos.decoded,
        rebalanced=(rebalanced(found_pages.boundaries, plan.sealed)
                    if options.rebalance_pages else None))
