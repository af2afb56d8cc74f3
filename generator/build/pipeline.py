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
from dataclasses import dataclass

from generator.build import loader, search
from generator.build.commit import BuildRecords, commit_build
from generator.build.memos import BuildMemory, Settled, remember
from generator.build.options import (
    CACHE_FILE,
    BuildOptions,
    BuildOutcome,
    BuildResult,
    Progress,
    build_now,
    copies_of,
    is_current,
    target_of,
)
from generator.build.output import ToWrite, Written, write_output
from generator.build.quick import build_quickly
from generator.cache.background_save import SourceSaving
from generator.cache.store import Cache, OutputEntry
from generator.config import SiteConfig, load_config
from generator.errors import ContentError, Problem
from generator.plan.planner import Plan, make_plan
from generator.plan.site import Site, extend_site, make_site, reuse_site, site_memo
from generator.render.renderer import Renderer
from generator.render.theme import ThemeFiles, find_theme
from generator.render.write import OutputCheck, existing_files

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
    started = time.perf_counter()
    memory = memory if memory is not None else BuildMemory()
    site_dir = options.site_dir
    config = load_config(site_dir)
    theme = find_theme(site_dir, config)
    cache = Cache(site_dir / CACHE_FILE)
    target = target_of(options)
    try:
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
            previous = (memory.outputs if memory.target == target else None) \
                or cache.outputs(target)
            check = None if trusted is not None else OutputCheck(options.output, previous)
            # The quick path: load, changes, index, plan, render, write and commit for
            # a change that moves nothing; None when it does not apply.
            done = None
            scanned = None
            if (check is not None and options.shortcut and not memory.target
                    and options.sources_changed is None and not options.dry_run):
                scanned = loader.scan(site_dir)
                done = build_quickly(options, config, theme, cache, target,
                                     build_now(options), previous, check, scanned)
            if done is None:
                remember(memory, target, cache)
                # Load (the changed sources parsed, the rest from the cache), index and
                # plan the whole archive, each reusing the previous build's memos.
                loaded, site, renderer, plan, memos = _plan(options, config, theme, cache,
                                                            memory, scanned)
        finally:
            gc.freeze()
            gc.enable()
        if done is None:
            warnings = tuple(p for p in loaded.problems if not p.is_error)
            search_key = "" if not config.outputs.search else search.index_key(
                p.fingerprint for p in plan.pages if p.output.endswith(".html"))
            # Render, write and commit (the settled row in the same transaction as the
            # files' records).
            settled = _settled(cache, site, plan, warnings, search_key, len(loaded.sources))
            written, current, rendered = _write(
                options, cache, _Known(target, previous, check.damaged() if check else None),
                plan, _Work(site, renderer, theme, memos, settled), progress, memory,
                loaded.saving)
            done = BuildOutcome(
                written=written.written, unchanged=current + written.same,
                removed=written.removed, parsed=loaded.parsed, rendered=rendered,
                warnings=warnings, site=site, search_key=search_key, reused=plan.reused,
                quick=False)
    except BaseException:
        memory.target = ""  # the next build reads the cache again, and checks the files
        raise
    finally:
        cache.close()
        # In a long-lived process (`warta serve`) the records must be collectable
        # again once the build is over.
        gc.unfreeze()
    return _finish(options, done, started)


def _finish(options: BuildOptions, done: BuildOutcome, started: float) -> BuildResult:
    """Index the finished pages for search when they changed, and report."""
    # After the commit: Pagefind reads the finished HTML files from the output folder.
    config, warnings = done.site.config, done.warnings
    indexed = pending = False
    if not options.dry_run and not config.outputs.search:
        search.remove_index(options.output)
    elif not options.dry_run and search.needs_index(options.output, done.search_key):
        if options.index_search:
            failure = search.build_index(options.output, config.language, done.search_key)
            indexed = failure is None
            warnings += (failure,) if failure else ()
        else:
            pending = True
    return BuildResult(written=done.written, unchanged=done.unchanged, removed=done.removed,
                       parsed=done.parsed, rendered=done.rendered,
                       seconds=time.perf_counter() - started, warnings=warnings,
                       articles=len(done.site.listed), next_due=done.site.next_due,
                       search_indexed=indexed, search_pending=pending,
                       search_key=done.search_key, reused=done.reused, shortcut=done.quick)


def _settled(cache: Cache, site: Site, plan: Plan, warnings: tuple[Problem, ...],
             search_key: str, sources: int) -> Settled:
    """What the next build needs to take the quick path (build/quick.py), should this
    one go through."""
    assert plan.memo is not None
    return Settled(
        loads=cache.loads(), content_key=site.config.content_key,
        inputs=plan.memo.inputs, templates=plan.memo.templates,
        copies=tuple((c.output, c.fingerprint) for c in plan.copies), order=plan.memo.order,
        warnings=warnings, search_key=search_key, pages=len(plan.pages),
        sources=sources)


def _plan(options: BuildOptions, config: SiteConfig, theme: ThemeFiles, cache: Cache,
          memory: BuildMemory, scanned: list[loader.Source] | None
          ) -> tuple[loader.Loaded, Site, Renderer, Plan, dict[str, object]]:
    """Load, index and plan, reusing the memos; also the memos to store after writing."""
    site_dir = options.site_dir
    loaded = loader.load(site_dir, config, cache, options.jobs, memory.sources,
                         options.sources_changed, scanned)
    memory.sources = loaded.sources
    warnings = [p for p in loaded.problems if not p.is_error]
    target = memory.target
    now = build_now(options)
    site = None
    memos: dict[str, object] = {}
    if memory.site is not None:
        site = reuse_site(memory.site, config, loaded.articles, loaded.pages, options.drafts,
                          now)
        if site is None:
            site = extend_site(memory.site, config, loaded.articles, loaded.pages,
                               options.drafts, now)
            if site is not None:
                memory.site = site_memo(site, loaded.articles, loaded.pages, options.drafts)
                memos["site:" + target] = memory.site
    errors = [p for p in loaded.problems if p.is_error]
    if site is None:
        # Every problem of every file is reported together, before anything is written.
        site, clashes = make_site(config, loaded.articles, loaded.pages, options.drafts,
                                  now=now)
        errors += clashes
        memory.site = site_memo(site, loaded.articles, loaded.pages, options.drafts)
        memos["site:" + target] = memory.site
    if errors:
        raise ContentError(errors + warnings)
    renderer = Renderer(theme, site, site_dir)
    plan = make_plan(site, renderer.template_key, renderer.globals_key(),
                     copies_of(site_dir, theme), memory.plan)
    if plan.problems:
        raise ContentError(list(plan.problems))
    if plan.memo is not None:
        memory.plan = plan.memo
        if plan.reused < len(plan.pages) * MEMO_REUSE:
            memos["plan:" + target] = plan.memo
    return loaded, site, renderer, plan, memos


@dataclass(frozen=True)
class _Known:
    """What is known of the output folder before this build writes to it."""

    target: str
    """The folder, relative to the site."""
    previous: dict[str, OutputEntry]
    """What the cache records of every file written there."""
    damaged: set[str] | None
    """Those files that are no longer as written; None: trust the record."""


@dataclass(frozen=True)
class _Work:
    """What the pages are rendered from."""

    site: Site
    """The site."""
    renderer: Renderer
    """Its renderer."""
    theme: ThemeFiles
    """The theme's files, for worker processes."""
    memos: dict[str, object]
    """The memos to store for the next build."""
    settled: Settled
    """What the next build needs to take the quick path."""


def _write(options: BuildOptions, cache: Cache, known: _Known, plan: Plan, work: _Work,
           progress: Progress | None, memory: BuildMemory,
           saving: SourceSaving | None) -> tuple[Written, int, int]:
    """Render and write what changed, then commit the build's records: what was
    written, how many files were current, and how many pages were rendered."""
    previous, damaged = known.previous, known.damaged
    current: dict[str, OutputEntry] = {}
    stale = []
    for page in plan.pages:
        if is_current(page.output, page.fingerprint, previous, damaged):
            current[page.output] = previous[page.output]
        else:
            stale.append(page)
    copies = []
    for copy in plan.copies:
        if is_current(copy.output, copy.fingerprint, previous, damaged):
            current[copy.output] = previous[copy.output]
        else:
            copies.append(copy)
    planned = {page.output for page in plan.pages} | {copy.output for copy in plan.copies}
    removable = set(previous) - planned
    if not previous and not options.dry_run:
        # No record of what an earlier build wrote: look at the folder itself.
        removable |= existing_files(options.output) - planned
    # With no record at all, the next build looks at the folder itself, as above: a
    # cold build spares writing 15,000 records twice.
    written = write_output(
        options, cache, known.target,
        ToWrite(site=work.site, renderer=work.renderer, theme=work.theme, stale=stale,
                copies=copies, removable=removable, recorded=bool(previous)),
        options.jobs, bulk_bodies=True, saving=saving, progress=progress,
        done_before=len(current))
    if not options.dry_run:
        # Only the pages rendered now changed. What an unchanged page showed before
        # stays recorded (the quick path checks), so that a template edit, which
        # renders most pages again and moves none, stores just those; a cache that
        # knew no output of this target starts the record afresh.
        fresh = not previous
        articles = work.site.articles
        commit_build(cache, BuildRecords(
            target=known.target, outputs=written.entries, removed=removable,
            pages=((p.output, p, [articles[i].path for i in p.deps])
                   for p in (plan.pages if fresh else stale)),
            fresh=fresh, memos=work.memos, settled=work.settled))
        memory.outputs = current | written.entries
    return written, len(current), len(stale)
