"""The cache's record of the output folder, read only as far as a build needs it.

A build that takes the quick path asks about a few dozen of the files the last
build wrote (and how many there were); reading the record of every one of them
(137,000 rows at 100,000 articles) cost it a third of a second before it could
start. `RecordedOutputs` reads the rows it is asked for; the whole way, which
compares every planned file with its record, takes them all (`whole`). The look
at the files themselves (render/write.py's `OutputCheck`) reads every row in its
own process or thread, through its own connection (`output_stats`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.cache.store import Cache, OutputEntry


def output_stats(path: Path, target: str) -> Iterator[tuple[str, int, int]]:
    """(path, size, mtime in ns) of every file recorded as written to `target`, read
    through a connection of its own (a forked child or another thread may not use the
    build's), as the rows come: the look at the files needs no record kept."""
    db = sqlite3.connect(path, timeout=30)
    try:
        yield from db.execute("SELECT path, size, mtime_ns FROM outputs WHERE target = ?",
                              (target,))
    finally:
        db.close()


class RecordedOutputs(Mapping[str, OutputEntry]):
    """What the cache records of every file written to `target`, each row read when
    asked for."""

    def __init__(self, cache: Cache, target: str) -> None:
        self._cache = cache
        self._target = target
        self._known: dict[str, OutputEntry | None] = {}
        self._all: dict[str, OutputEntry] | None = None
        self._count: int | None = None

    def whole(self) -> dict[str, OutputEntry]:
        """Every row, read once."""
        if self._all is None:
            self._all = self._cache.outputs(self._target)
        return self._all

    def __getitem__(self, output: str) -> OutputEntry:
        if self._all is not None:
            return self._all[output]
        if output not in self._known:
            self._known[output] = self._cache.output(self._target, output)
        found = self._known[output]
        if found is None:
            raise KeyError(output)
        return found

    def __len__(self) -> int:
        if self._all is not None:
            return len(self._all)
        if self._count is None:
            self._count = self._cache.output_count(self._target)
        return self._count

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())
