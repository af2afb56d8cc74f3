"""The pipeline, in order. The only module that knows the order.

config -> content (loader) -> site -> plan -> render -> write, with the cache
remembering what was parsed and what was written. Nothing in `output/`
changes until every page has rendered. When nothing moved since the last
build, build_settled.py takes the short way through the same stages, reading
only what the change touches.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path

from generator import loader, search
from generator.build_settled import Shortcut, build_settled
from generator.buildbase import (
    CACHE_FILE,
    BuildOptions,
    BuildResult,
    Progress,
    build_now,
    copies_of,
    is_current,
    record_ahead,
    reparse_body,
    staging_name,
    target_of,
)
from generator.cache import Cache, OutputEntry
from generator.config import SiteConfig, load_config
from generator.errors import ContentError, Problem
from generator.memory import BuildMemory, Settled, remember, store
from generator.pagestore import PageStore
from generator.plan import Plan, make_plan
from generator.render import Renderer
from generator.renderjobs import RenderJob, render_pages
from generator.site import Site, extend_site, make_site, reuse_site, site_memo
from generator.sitelock import site_lock
from generator.sourcesave import SourceSaving
from generator.theme import ThemeFiles, find_theme
from generator.write import OutputCheck, Writer, existing_files

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
    # Two builds of one site would share .warta/ (cache, staging) and the output folder.
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
        # Loading and planning create an object per field of every article and
        # page, and no garbage; the collector would walk them again and again (a
        # third of a no-change build at 100,000 articles). They live until the
        # build ends, so they are frozen out of its sight before rendering.
        gc.disable()
        try:
            # Trusted only as recorded by this process after a build that went through.
            trusted = memory.outputs if options.trust_output and memory.target == target \
                else None
            previous = (memory.outputs if memory.target == target else None) \
                or cache.outputs(target)
            check = None if trusted is not None else OutputCheck(options.output, previous)
            scanned = short = None
            if (check is not None and options.shortcut and not memory.target
                    and options.sources_changed is None and not options.dry_run):
                scanned = loader.scan(site_dir)
                short = build_settled(options, config, theme, cache, target,
                                      build_now(options), previous, check, scanned)
            if short is None:
                remember(memory, target, cache)
                loaded, site, renderer, plan, memos = _plan(options, config, theme, cache,
                                                            memory, scanned)
        finally:
            gc.freeze()
            gc.enable()
        removed: list[str] = []
        if short is None:
            warnings = tuple(p for p in loaded.problems if not p.is_error)
            search_key = "" if not config.outputs.search else search.index_key(
                p.fingerprint for p in plan.pages if p.output.endswith(".html"))
            # Stored with the memos, in the same transaction as the files' records.
            memos["settled:" + target] = _settled(
                cache, options, _Pages(site, renderer, theme, plan), warnings, search_key,
                len(loaded.sources))
            written, unchanged, removed, rendered = _write(
                options, cache, _Written(previous, check.damaged() if check else None),
                _Pages(site, renderer, theme, plan), progress, memos, memory,
                loaded.saving)
    except BaseException:
        memory.target = ""  # the next build reads the cache again, and checks the files
        raise
    finally:
        cache.close()
        # In a long-lived process (`warta serve`) the records must be collectable
        # again once the build is over.
        gc.unfreeze()
    if short is not None:
        return _finish(options, short, started)
    return _finish(options, Shortcut(
        written=tuple(written), unchanged=unchanged, parsed=loaded.parsed, rendered=rendered,
        warnings=warnings, site=site, search_key=search_key, reused=plan.reused),
        started, removed=tuple(removed), shortcut=False)


def _finish(options: BuildOptions, done: Shortcut, started: float,
            removed: tuple[str, ...] = (), shortcut: bool = True) -> BuildResult:
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
    return BuildResult(written=done.written, unchanged=done.unchanged, removed=removed,
                       parsed=done.parsed, rendered=done.rendered,
                       seconds=time.perf_counter() - started, warnings=warnings,
                       articles=len(done.site.listed), next_due=done.site.next_due,
                       search_indexed=indexed, search_pending=pending,
                       search_key=done.search_key, reused=done.reused, shortcut=shortcut)


def _settled(cache: Cache, options: BuildOptions, work: _Pages, warnings: tuple[Problem, ...],
              search_key: str, sources: int) -> Settled:
    """What the next build needs to take the short way (build_settled.py), should this
    one go through."""
    plan, site = work.plan, work.site
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
class _Written:
    """What is known of the output folder before this build writes to it."""

    previous: dict[str, OutputEntry]
    """What the cache records of every file written there."""
    damaged: set[str] | None
    """Those files that are no longer as written; None: trust the record."""


@dataclass(frozen=True)
class _Pages:
    """What `_write` renders from."""

    site: Site
    """The site."""
    renderer: Renderer
    """Its renderer."""
    theme: ThemeFiles
    """The theme's files, for worker processes."""
    plan: Plan
    """Every file to write."""


def _write(options: BuildOptions, cache: Cache, known: _Written, work: _Pages,
           progress: Progress | None, memos: dict[str, object], memory: BuildMemory,
           saving: SourceSaving | None) -> tuple[list[str], int, list[str], int]:
    output = options.output
    out = str(output)
    target = memory.target
    previous, damaged = known.previous, known.damaged
    site, renderer, theme, plan = work.site, work.renderer, work.theme, work.plan
    config = site.config
    writer = Writer(output, options.site_dir / ".warta" / "staging" / staging_name(target),
                    dry_run=options.dry_run)
    done: dict[str, OutputEntry] = {}
    written: list[str] = []
    unchanged = 0
    total = len(plan.pages) + len(plan.copies)
    stale = []
    for page in plan.pages:
        if is_current(page.output, page.fingerprint, previous, damaged):
            done[page.output] = previous[page.output]
            unchanged += 1
        else:
            stale.append(page)
    job = RenderJob(theme=theme, site=site, site_dir=str(options.site_dir),
                    cache_file=str(options.site_dir / CACHE_FILE), output=out,
                    staging=str(writer.staging), dry_run=options.dry_run,
                    fresh=writer.fresh)

    def body_of(path: str) -> str:
        return cache.body(path) or reparse_body(options.site_dir, path, config)

    try:
        pages = render_pages(job, stale, options.jobs, body_of, renderer, writer.stager,
                             cache.bodies)
        for count, (relative, changed) in enumerate(pages, start=unchanged + 1):
            if changed:
                writer.adopt(relative)
                written.append(relative)
            else:
                unchanged += 1
            if progress and count % 500 == 0:
                progress(count, total)
        for page in stale:
            done[page.output] = OutputEntry(page.fingerprint, -1, -1)
        for copy in plan.copies:
            if is_current(copy.output, copy.fingerprint, previous, damaged):
                done[copy.output] = previous[copy.output]
                unchanged += 1
                continue
            if writer.put_copy(copy.output, Path(copy.source)):
                written.append(copy.output)
            else:
                unchanged += 1
            done[copy.output] = OutputEntry(copy.fingerprint, -1, -1)
    except BaseException:
        writer.abort()
        raise
    if saving is not None:
        # Before the output changes: a build whose sources were not saved fails whole.
        try:
            saving.wait()
        except BaseException:
            writer.abort()
            raise
    planned = set(done)
    removable = set(previous) - planned
    if not previous and not options.dry_run:
        # No record of what an earlier build wrote: look at the folder itself.
        removable |= existing_files(output) - planned
    if previous and not options.dry_run:
        # (With no record at all, the next build looks at the folder itself, as above:
        # a cold build spares writing 15,000 records twice.)
        record_ahead(cache, target, writer.staged)
    removed = writer.commit(removable)
    if not options.dry_run:
        for relative, entry in done.items():
            if entry.size < 0:  # rendered or checked now: record the file as it is
                stat = os.stat(os.path.join(out, relative))
                done[relative] = OutputEntry(entry.fingerprint, stat.st_size, stat.st_mtime_ns)
        cache.forget_outputs(target, removable)
        # Entries taken over from `previous` are the same objects.
        cache.put_outputs(target, {k: v for k, v in done.items() if previous.get(k) is not v})
        # The short way (build_settled.py) reads pages, not the plan: each stored page
        # is the one whose fingerprint the file's entry holds.
        stored = PageStore(cache)
        stored.forget_pages(target, removable)
        # Only the pages rendered now changed. What an unchanged page showed before
        # stays recorded (the short way checks), so that a template edit, which
        # renders most pages again and moves none, stores just those; a cache that
        # knew no output of this target starts the record afresh.
        fresh = not previous
        articles = site.articles
        stored.put_pages(target, ((p.output, p, [articles[i].path for i in p.deps])
                                 for p in (plan.pages if fresh else stale)), fresh=fresh)
        for name, memo in memos.items():
            store(cache, name, memo)
        cache.commit()
        memory.outputs = done
    if progress:
        progress(total, total)
    return written, unchanged, removed, len(stale)


