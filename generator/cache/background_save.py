"""Saving parsed sources to the build cache in a child process.

After a cold build of 10,000 articles, pickling the records into the cache
takes 0.4 s, and so does planning, each on one core while the other idles.
A child forked from the loading process saves the records it shares with
its parent while the parent goes on to index and plan the site; the build
waits for it before its own last writes to the cache.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache.store import Cache, SourceEntry

if TYPE_CHECKING:  # imported where a child is started: 8 ms a build otherwise
    from multiprocessing.process import BaseProcess


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
    cache.commit()
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
        cache.commit()
    finally:
        cache.close()
