"""Render and write: the one stage that turns planned pages into files.

Both the whole pipeline and the quick path come here with the pages to render
and the files to copy. Everything is staged first; only when every page has
rendered (and the sources are saved) are the staged files recorded ahead in
the cache and moved into the output folder, so a failed build leaves `output/`
as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import commit
from generator.build.addresses import AddressChanges, write_text
from generator.build.article_changes import ArticleChanges
from generator.build.commit import BuildRecords, SourceSaving
from generator.build.options import CACHE_FILE, BuildOptions, reparse_body
from generator.cache.outputs import RecordedOutputs, output_stats
from generator.cache.store import Cache, OutputEntry
from generator.content.list_pages import LIST_PAGES
from generator.content.register import REGISTER
from generator.errors import Problem
from generator.plan.page import Copy, Page
from generator.plan.site import Site
from generator.render.pool import RenderJob, render_pages
from generator.render.renderer import Renderer
from generator.render.theme import ThemeFiles
from generator.render.write import OutputCheck, Writer
from generator.search.shards import ShardKeys

if TYPE_CHECKING:  # (a module that only the whole way needs)
    from generator.build.unpublished import Unpublished

Progress = Callable[[int, int], None]

PROGRESS_EVERY = 500
"""Rendered files between two calls of the progress callback (and one at the end)."""


# Values of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class ToWrite:
    """What the plan stage leaves the write stage."""

    site: Site
    """The site the pages show."""
    renderer: Renderer
    """Its renderer."""
    theme: ThemeFiles
    """The theme's files, for worker processes."""
    stale: list[Page]
    """The pages to render: their file is missing, damaged or of other inputs."""
    copies: list[Copy]
    """The files to copy, likewise."""
    removable: set[str]
    """Files of the output folder that are no longer part of the site."""
    recorded: bool
    """Whether the cache records files of this output folder (then the staged ones are
    recorded ahead of the move, see `commit.record_ahead`)."""
    register: str | None = None
    """The register of published addresses to write, when it changed."""
    # Sealed pages (build/list_pages.py).
    list_pages: str | None = None
    """The sealed list pages' boundaries to write, when they changed."""


@dataclass(frozen=True, eq=False, repr=False)
class Planned:
    """What the load, index and plan stages leave the render, write and commit stages,
    whichever way they went (the whole archive, or the quick path)."""

    to_write: ToWrite
    """The pages to render and the files to copy or remove."""
    current: int
    """Files of the plan already as they should be."""
    records: BuildRecords
    """What to leave in the cache once the output is in place (its `outputs` are those
    the write stage records)."""
    parsed: int
    """Sources parsed."""
    warnings: tuple[Problem, ...]
    """Warnings of the whole load."""
    search: ShardKeys | None
    """The keys of the search index's shards, as after this build (None: search off)."""
    reused: int
    """Pages planned as before."""
    quick: bool
    """Whether the quick path planned it (build/quick.py): it renders in this process."""
    saving: SourceSaving | None = None
    """The sources still being saved by a child process."""
    kept: dict[str, OutputEntry] | None = None
    """The records of the current files, for a process that builds again."""
    unpublished: tuple[Unpublished, ...] = ()
    """Articles the last successful build published that this one leaves out."""
    article_changes: ArticleChanges = ArticleChanges()
    """The published articles added, changed, moved and removed."""
    addresses: AddressChanges = AddressChanges()
    """The published addresses that now redirect or answer "gone"."""
    photos_decoded: int = 0
    """Photos decoded to make their derivatives."""
    rebalanced: tuple[str, ...] | None = None
    """With `--rebalance-pages`: the lists whose pages it changed."""


@dataclass(frozen=True, eq=False, repr=False)
class Written:
    """What the write stage did."""

    written: tuple[str, ...]
    """Files whose bytes changed."""
    same: int
    """Files rendered or copied whose bytes were already there."""
    removed: tuple[str, ...]
    """Files removed from the output folder."""
    entries: dict[str, OutputEntry]
    """The cache's record of every file rendered or copied now, as it is on disk."""


def write_output(options: BuildOptions, cache: Cache, target: str, work: ToWrite,
                 jobs: int, bulk_bodies: bool, saving: SourceSaving | None = None,
                 progress: Progress | None = None, done_before: int = 0) -> Written:
    """Render `work.stale`, copy `work.copies`, and move them into the output folder,
    removing `work.removable`. `saving`: sources still being saved, waited for before
    the output changes (a build whose sources were not saved fails whole).
    `bulk_bodies`: read the bodies of a chunk of pages in one query (a big build)."""
    output = options.output
    writer = Writer(output, options.site_dir / ".warta" / "staging" / staging_name(target),
                    dry_run=options.dry_run)
    site = work.site
    job = RenderJob(theme=work.theme, site=site, site_dir=str(options.site_dir),
                    cache_file=str(options.site_dir / CACHE_FILE), output=str(output),
                    staging=str(writer.staging), dry_run=options.dry_run,
                    fresh=writer.fresh)

    def body_of(path: str) -> str:
        return cache.body(path) or reparse_body(options.site_dir, path, site.config)

    written: list[str] = []
    same = 0
    total = done_before + len(work.stale) + len(work.copies)
    try:
        pages = render_pages(job, work.stale, jobs, body_of, work.renderer, writer.stager,
                             cache.bodies if bulk_bodies else None)
        for count, (relative, changed) in enumerate(pages, start=done_before + 1):
            if changed:
                writer.adopt(relative)
                written.append(relative)
            else:
                same += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(count, total)
        for copy in work.copies:
            if writer.put_copy(copy.output, Path(copy.source)):
                written.append(copy.output)
            else:
                same += 1
        if saving is not None:
            saving.wait()
    except BaseException:
        writer.abort()
        raise
    if work.recorded and not options.dry_run:
        commit.record_ahead(cache, target, writer.staged)
    removed = writer.commit(work.removable)
    if work.register is not None and not options.dry_run:
        # Once the output is in place: a build that failed before leaves the register
        # as it was.
        write_text(options.site_dir, REGISTER, work.register)
    if work.list_pages is not None and not options.dry_run:  # (likewise)
        write_text(options.site_dir, LIST_PAGES, work.list_pages)
    entries = {}
    if not options.dry_run:
        out = str(output)
        for output_path, fingerprint in [(p.output, p.fingerprint) for p in work.stale] + [
                (c.output, c.fingerprint) for c in work.copies]:
            stat = os.stat(os.path.join(out, output_path))
            entries[output_path] = OutputEntry(fingerprint, stat.st_size, stat.st_mtime_ns)
    if progress:
        progress(total, total)
    return Written(written=tuple(written), same=same, removed=tuple(removed), entries=entries)


# The output's record read as far as needed (issue 17: a quick build at 100,000
# articles spent a third of a second reading every row before it could start).
def recorded_outputs(options: BuildOptions, cache: Cache, target: str,
                     known: dict[str, OutputEntry] | None,
                     trusted: dict[str, OutputEntry] | None
                     ) -> tuple[Mapping[str, OutputEntry], OutputCheck | None]:
    """What the cache records of the output folder `target` (`known`: this process's
    own record, when it has one), and the look at the files as they are now (None:
    `trusted`, this process's record taken as it is)."""
    if known or cache.path is None:
        previous = known or cache.outputs(target)
        return previous, None if trusted is not None else OutputCheck(options.output,
                                                                       previous)
    return RecordedOutputs(cache, target), None if trusted is not None else OutputCheck(
        options.output, {}, partial(output_stats, cache.path, target))


def every_output(previous: Mapping[str, OutputEntry]) -> dict[str, OutputEntry]:
    """Every row of the output's record (the whole way compares each planned file)."""
    if isinstance(previous, RecordedOutputs):
        return previous.whole()
    return previous if isinstance(previous, dict) else dict(previous)


def staging_name(target: str) -> str:
    """The staging folder's name for an output folder (relative to the site)."""
    return "".join(c if c.isalnum() else "_" for c in target) or "output"
