"""The rendered Markdown bodies of the cache's `bodies` table as render workers read
them, each from a read-only connection of its own (a connection must not cross a fork),
and the chunked `IN (...)` query both they and the cache ask rows with."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


class BodyReader:
    """Read-only access to cached bodies, for worker processes."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)

    def body(self, path: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    def bodies(self, paths: list[str]) -> dict[str, str]:
        """The cached bodies of those of `paths` the cache has."""
        return bodies_of(self.db, paths)


def select_in(db: sqlite3.Connection, query: str, fixed: tuple[object, ...],
              values: Iterable[object]) -> Iterator[tuple[Any, ...]]:
    """The rows of `query`, whose `{}` is the list of `values` (after the `fixed`
    parameters), asked in parts small enough for SQLite."""
    wanted = list(dict.fromkeys(values))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        yield from db.execute(query.format(",".join("?" * len(chunk))), [*fixed, *chunk])


def bodies_of(db: sqlite3.Connection, paths: list[str]) -> dict[str, str]:
    """The cached bodies of those of `paths` the cache `db` has."""
    return dict(select_in(db, "SELECT path, html FROM bodies WHERE path IN ({})", (), paths))
