"""The pipeline, in order. The only module that knows the order.

config -> content (loader) -> site -> plan -> render -> write, with the cache
remembering what was parsed and what was written. Nothing in `output/`
changes until every page has rendered.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generator import loader, search
from generator.cache import Cache, OutputEntry
from generator.config import SiteConfig, load_config
from generator.content import ContentProblems, parse_article, parse_page
from generator.errors import ContentError, Problem
from generator.memory import BuildMemory, remember, store
from generator.plan import Copy, Plan, make_plan
from generator.render import Renderer
from generator.renderjobs import RenderJob, render_pages
from generator.site import Site, extend_site, make_site, reuse_site, site_memo
from generator.theme import ThemeFiles, file_key, find_theme
from generator.write import OutputCheck, Writer, existing_files

CACHE_FILE = ".warta/cache.sqlite"
# The plan's memo is stored in the cache again only when less than this share of
# the pages came from it: pickling it costs more than refreshing a few fingerprints
# from an older memo, which stays correct (see plan.PlanMemo), only less useful.
MEMO_REUSE = 0.9


@dataclass(frozen=True)
class BuildOptions:
    """How to build."""

    site_dir: Path
    """The site folder: site.toml, content/, templates/, themes/."""
    output_dir: Path | None = None
    """Where the website goes; default `<site>/output`."""
    drafts: bool = False
    """Include articles with `draft: true`."""
    jobs: int = 1
    """Worker processes for parsing."""
    dry_run: bool = False
    """Parse and render, but write nothing to the output folder."""
    now: datetime | None = None
    """The build's "now" (aware): later articles are scheduled and left out, and the news
    sitemap counts back from it. None: `SOURCE_DATE_EPOCH` if set, else the clock."""
    index_search: bool = True
    """Run Pagefind when HTML changed. `warta serve` passes False and indexes in the
    background after the page reload (see `BuildResult.search_pending`)."""
    sources_changed: tuple[str, ...] | None = None
    """The only source files (site-relative) that may have changed since the previous
    build of the same `BuildMemory`, as `warta serve`'s watcher saw them; the others
    are not even looked at. None: look at every source."""
    trust_output: bool = False
    """Take the files the cache records as written to be unchanged on disk instead of
    checking each one: for a folder nothing else writes to (the preview of `warta
    serve`). Otherwise a file deleted or changed by hand is written again."""

    @property
    def output(self) -> Path:
        return self.output_dir or self.site_dir / "output"


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    written: tuple[str, ...]
    """Output files created or changed (relative POSIX paths)."""
    unchanged: int
    """Output files left as they were."""
    removed: tuple[str, ...]
    """Output files deleted because they are no longer part of the site."""
    parsed: int
    """Source files parsed (the rest came from the cache)."""
    rendered: int
    """Pages rendered (the rest were known to be current)."""
    seconds: float
    """Wall time of the build."""
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    """Problems that did not stop the build."""
    articles: int = 0
    """Articles published."""
    next_due: datetime | None = None
    """When the next scheduled article becomes due: build again then."""
    search_indexed: bool = False
    """Whether Pagefind re-indexed the site in this build."""
    search_pending: bool = False
    """The search index is out of date and `index_search` was off: the caller should
    run `search.build_index(output, language, search_key)`."""
    search_key: str = ""
    """Key of the HTML pages of this build, for the search index."""
    reused: int = 0
    """Planned pages taken from the previous build's plan (see `plan.PlanMemo`)."""


Progress = Callable[[int, int], None]


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
    try:
        # Loading and planning create an object per field of every article and
        # page, and no garbage; the collector would walk them again and again (a
        # third of a no-change build at 100,000 articles). They live until the
        # build ends, so they are frozen out of its sight before rendering.
        gc.disable()
        try:
            remember(memory, _target(options), cache)
            # Trusted only as recorded by this process after a build that went through.
            trusted = memory.outputs if options.trust_output else None
            previous = memory.outputs or cache.outputs(memory.target)
            check = None if trusted is not None else OutputCheck(options.output, previous)
            loaded, site, renderer, plan, memos = _plan(options, config, theme, cache, memory)
        finally:
            gc.freeze()
            gc.enable()
        warnings = tuple(p for p in loaded.problems if not p.is_error)
        written, unchanged, removed, rendered = _write(
            options, cache, _Written(previous, check.stats() if check else None),
            _Pages(site, renderer, theme, plan), progress, memos, memory)
        search_key = "" if not config.outputs.search else search.index_key(
            p.fingerprint for p in plan.pages if p.output.endswith(".html"))
    except BaseException:
        memory.target = ""  # the next build reads the cache again, and checks the files
        raise
    finally:
        cache.close()
        # In a long-lived process (`warta serve`) the records must be collectable
        # again once the build is over.
        gc.unfreeze()
    # After the commit: Pagefind reads the finished HTML files from the output folder.
    indexed = pending = False
    if not options.dry_run and not config.outputs.search:
        search.remove_index(options.output)
    elif not options.dry_run and search.needs_index(options.output, search_key):
        if options.index_search:
            failure = search.build_index(options.output, config.language, search_key)
            indexed = failure is None
            warnings += (failure,) if failure else ()
        else:
            pending = True
    return BuildResult(written=tuple(written), unchanged=unchanged, removed=tuple(removed),
                       parsed=loaded.parsed, rendered=rendered,
                       seconds=time.perf_counter() - started, warnings=warnings,
                       articles=len(site.listed), next_due=site.next_due,
                       search_indexed=indexed, search_pending=pending,
                       search_key=search_key, reused=plan.reused)


def _plan(options: BuildOptions, config: SiteConfig, theme: ThemeFiles, cache: Cache,
          memory: BuildMemory
          ) -> tuple[loader.Loaded, Site, Renderer, Plan, dict[str, object]]:
    """Load, index and plan, reusing the memos; also the memos to store after writing."""
    site_dir = options.site_dir
    loaded = loader.load(site_dir, config, cache, options.jobs, memory.sources,
                         options.sources_changed)
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
                     _copies(site_dir, theme), memory.plan)
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
    stats: dict[str, tuple[int, int]] | None
    """(size, mtime) of those files as they are now; None: trust the record."""


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


def build_now(options: BuildOptions) -> datetime:
    """The build's "now": the option, else `SOURCE_DATE_EPOCH` (reproducible builds),
    else the clock."""
    if options.now is not None:
        return options.now
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def _copies(site_dir: Path, theme: ThemeFiles) -> list[Copy]:
    copies = [Copy("static/" + name, str(path), file_key(path)) for name, path in theme.static]
    media = site_dir / loader.MEDIA
    if media.is_dir():
        for name in sorted(existing_files(media)):
            path = media / name
            copies.append(Copy("media/" + name, str(path), file_key(path)))
    return copies


def _write(options: BuildOptions, cache: Cache, known: _Written, work: _Pages,
           progress: Progress | None, memos: dict[str, object], memory: BuildMemory
           ) -> tuple[list[str], int, list[str], int]:
    output = options.output
    out = str(output)
    target = memory.target
    previous, stats = known.previous, known.stats
    site, renderer, theme, plan = work.site, work.renderer, work.theme, work.plan
    config = site.config
    writer = Writer(output, options.site_dir / ".warta" / "staging" / _safe(target),
                    dry_run=options.dry_run)
    done: dict[str, OutputEntry] = {}
    written: list[str] = []
    unchanged = 0
    total = len(plan.pages) + len(plan.copies)
    stale = []
    for page in plan.pages:
        if _current(page.output, page.fingerprint, previous, stats):
            done[page.output] = previous[page.output]
            unchanged += 1
        else:
            stale.append(page)
    job = RenderJob(theme=theme, site=site, site_dir=str(options.site_dir),
                    cache_file=str(options.site_dir / CACHE_FILE), output=out,
                    staging=str(writer.staging), dry_run=options.dry_run)

    def body_of(path: str) -> str:
        return cache.body(path) or _reparse_body(options.site_dir, path, config)

    try:
        pages = render_pages(job, stale, options.jobs, body_of, renderer, writer.stager)
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
            if _current(copy.output, copy.fingerprint, previous, stats):
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
    planned = set(done)
    removable = set(previous) - planned
    if not previous and not options.dry_run:
        # No record of what an earlier build wrote: look at the folder itself.
        removable |= existing_files(output) - planned
    removed = writer.commit(removable)
    if not options.dry_run:
        for relative, entry in done.items():
            if entry.size < 0:  # rendered or checked now: record the file as it is
                stat = os.stat(os.path.join(out, relative))
                done[relative] = OutputEntry(entry.fingerprint, stat.st_size, stat.st_mtime_ns)
        cache.forget_outputs(target, removable)
        # Entries taken over from `previous` are the same objects.
        cache.put_outputs(target, {k: v for k, v in done.items() if previous.get(k) is not v})
        for name, memo in memos.items():
            store(cache, name, memo)
        cache.commit()
        memory.outputs = done
    if progress:
        progress(total, total)
    return written, unchanged, removed, len(stale)


def _target(options: BuildOptions) -> str:
    """The output folder as the cache names it: relative to the site."""
    return os.path.relpath(options.output.resolve(), options.site_dir.resolve())


def _current(relative: str, fingerprint: str, previous: dict[str, OutputEntry],
             stats: dict[str, tuple[int, int]] | None) -> bool:
    """True when the file on disk is the one a build wrote from the same inputs
    (`stats` None: trust the record)."""
    entry = previous.get(relative)
    if entry is None or entry.fingerprint != fingerprint:
        return False
    return stats is None or stats.get(relative) == (entry.size, entry.mtime_ns)


def _reparse_body(site_dir: Path, path: str, config: SiteConfig) -> str:
    """The body of a source whose cached body is missing (a damaged cache)."""
    data = (site_dir / path).read_bytes()
    try:
        if path.startswith(loader.PAGES + "/"):
            return parse_page(data, path, config)[1]
        return parse_article(data, path, config).body_html
    except ContentProblems as failure:
        raise ContentError(failure.problems) from None


def _safe(target: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in target) or "output"

