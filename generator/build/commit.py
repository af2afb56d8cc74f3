"""The one module that writes to the build cache and ends its transactions.

A build's records reach the cache at three moments, each here:
- the sources a load parsed (`save_sources`), as soon as they are parsed, so
  that a build that fails on one file's error re-parses only that file next
  time (a big load saves them in a forked child, cache/background_save.py);
- the staged files, recorded ahead of their move into the output folder
  (`record_ahead`), so that a build killed during the move leaves no file that
  no later build would remove;
- everything else (`commit_build`): the output files as written, the planned
  pages, the memos the next build starts from, after the output is in place.

After a cold build of 10,000 articles, pickling the records into the cache
takes 0.4 s, and so does planning, each on one core while the other idles: a
child forked from the loading process saves the records it shares with its
parent while the parent goes on to index and plan the site; the build waits for
it before the output changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.memos import Settled, held_records, held_removals, store
from generator.cache.held_records import HELD_RECORDS, HeldRecord, still_held_records
from generator.cache.pages import PageStore
from generator.cache.removed import HELD, RemovedArticle, still_held
from generator.cache.store import Cache, OutputEntry, SourceEntry
from generator.content.model import Article
from generator.photos.model import article_photos
from generator.plan.page import Page, stored

if TYPE_CHECKING:  # imported where a child is started: 8 ms a build otherwise
    from multiprocessing.process import BaseProcess


def save_sources(cache: Cache, entries: dict[str, SourceEntry], changed: list[str],
                 gone: set[str], apart: bool,
                 removed: Sequence[RemovedArticle] = (),
                 before: Sequence[HeldRecord] = ()) -> SourceSaving | None:
    """Save the sources a load found (`changed` and `gone` are what differs from the
    cache). `apart`: in a forked child, when this process may fork; the build then
    waits for it before the output changes. The `removed` articles, and the records
    the parsed sources had `before`, are held until a build writes the register
    (cache/removed.py, cache/held_records.py), with the sources' commit."""
    cache.forget_bodies(gone)
    if removed:
        store(cache, HELD, still_held(held_removals(cache), removed, entries))
    if before:
        store(cache, HELD_RECORDS, still_held_records(held_records(cache), before))
    saving = save_apart(cache, entries, changed + sorted(gone)) if apart else None
    if saving is None:
        cache.save_sources(entries, changed + sorted(gone))
        end_transaction(cache)
    return saving


def put_body(cache: Cache, path: str, digest: str, body: str) -> None:
    """Keep a body parsed now, for rendering and later builds: written as the sources
    are parsed (the archive's bodies are never all in memory), committed with them."""
    cache.put_body(path, digest, body)


def record_ahead(cache: Cache, target: str, paths: list[str]) -> None:
    """Record `paths` as never current, and commit, before the staged files move into
    the output folder. The records of what a build wrote are committed after the move;
    a build killed in between would leave files no record names, which no later build
    would remove. Recorded ahead, the next build rewrites or removes each of them."""
    if paths:
        cache.put_outputs(target, {path: OutputEntry("", -1, -1) for path in paths})
        end_transaction(cache)


# Values of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class RecordedPage:
    """A page rendered now, as the cache records it (cache/pages.py)."""

    output: str
    """Its file, relative to the output folder."""
    page: Page
    """The page."""
    paths: Sequence[str]
    """The source paths of the articles it shows, in the order of `Page.deps`."""
    photos: Sequence[str] = ()
    """The URLs of the photos an article's own page shows of it: recorded as the page
    showing them, they lead the quick path from a photo changed in place to the
    articles that show it (`photos.showing_photos`), and from those to their pages."""


def recorded(page: Page, articles: Sequence[Article]) -> RecordedPage:
    """`page` as the cache records it, its articles (and an article page's photos) read
    from `articles`."""
    photos = article_photos(articles[page.article]) \
        if page.kind == "article" and page.article is not None else ()
    return RecordedPage(page.output, page, [articles[i].path for i in page.deps], photos)


@dataclass(frozen=True, eq=False, repr=False)
class BuildRecords:
    """What a build that went through leaves in the cache."""

    target: str
    """The output folder, relative to the site."""
    outputs: dict[str, OutputEntry]
    """The files rendered or copied now, as they are on disk."""
    removed: set[str] = field(default_factory=set)
    """Files no longer part of the site."""
    pages: Iterable[RecordedPage] = ()
    """The pages rendered now, kept with their articles named by path (`page.stored`).
    What an unchanged page showed before stays recorded."""
    fresh: bool = False
    """The cache knew no output of this folder, or lost rows of its pages: `pages` is
    the whole plan, and the record of which pages show an article starts afresh."""
    memos: Mapping[str, object] = field(default_factory=dict)
    """Memos for the next build, by name (build/memos.py)."""
    settled: Settled | None = None
    """What the next build needs to take the quick path; stored with the count of
    source saves as it is once `sources` are saved."""
    sources: Mapping[str, SourceEntry | None] = field(default_factory=dict)
    """Sources the quick path parsed or found touched, to update one by one; None for
    a file removed (its record and body forgotten)."""


def commit_build(cache: Cache, records: BuildRecords) -> None:
    """Write what a build leaves for the next one, in one transaction, after its output
    is in place."""
    target = records.target
    if records.removed:
        cache.forget_outputs(target, records.removed)
    cache.put_outputs(target, records.outputs)
    pages = PageStore(cache)
    if records.removed:
        pages.forget_pages(target, records.removed)
    pages.put_pages(target, ((r.output, stored(r.page, r.paths), (*r.paths, *r.photos))
                             for r in records.pages), fresh=records.fresh)
    if records.sources:
        cache.update_sources(dict(records.sources))
        cache.forget_bodies(path for path, entry in records.sources.items() if entry is None)
    for name, memo in records.memos.items():
        store(cache, name, memo)
    if records.settled is not None:
        store(cache, "settled:" + target, replace(records.settled, loads=cache.loads()))
    end_transaction(cache)


def end_transaction(cache: Cache) -> None:
    """Make what was written to `cache` durable: the one place a transaction ends."""
    cache.db.commit()


class SourceSaving:
    """Sources being saved by a child process."""

    def __init__(self, process: BaseProcess, path: Path) -> None:
        self.process = process
        self.path = path

    def wait(self) -> None:
        """Return once the sources are saved; raise OSError when the child failed."""
        self.process.join()
        if self.process.exitcode != 0:
            raise OSError(f"saving the parsed sources to {self.path} failed (the error is "
                          "above); delete .warta/ and build again")


def save_apart(cache: Cache, entries: dict[str, SourceEntry],
               changed: list[str]) -> SourceSaving | None:
    """`cache.save_sources(entries, changed)` and a commit, in a forked child; None
    when this process may not fork (other threads: `warta serve`), and the caller
    saves them itself. Commits what `cache` holds first, for the child to write."""
    if cache.path is None or threading.active_count() > 1:
        # A child forked while another thread holds a lock (SQLite's, stdout's)
        # could wait for it forever.
        return None
    end_transaction(cache)
    # The count the child stores; a build that goes on reads it before the child is done.
    cache.expect_loads(cache.loads() + 1)
    import multiprocessing

    process = multiprocessing.get_context("fork").Process(
        target=_save, args=(cache.path, entries, changed), name="warta-save-sources")
    process.start()
    return SourceSaving(process, cache.path)


def _save(path: Path, entries: dict[str, SourceEntry], changed: list[str]) -> None:
    # A connection of its own: the parent's must not be used across the fork.
    cache = Cache(path)
    try:
        cache.save_sources(entries, changed)
        end_transaction(cache)
    finally:
        cache.close()
