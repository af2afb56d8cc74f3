"""The build cache: what was parsed and what was written, in `.warta/cache.sqlite`.

Per source file it remembers the stat fingerprint (size, mtime), the content
hash, the parsed record and the rendered body; per output file the
fingerprint of everything that went into it and the stat of the file as
written. A cache from another Warta version, or one that SQLite cannot read,
is thrown away and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__

# Bump when the shape of what is stored changes.
SCHEMA = 2
VERSION_KEY = f"warta {__version__} schema {SCHEMA} python {sys.version_info[:2]}"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY, sources BLOB);
CREATE TABLE IF NOT EXISTS bodies (path TEXT PRIMARY KEY, digest TEXT, html TEXT);
CREATE TABLE IF NOT EXISTS outputs (
    target TEXT, path TEXT, fingerprint TEXT, size INTEGER, mtime_ns INTEGER,
    PRIMARY KEY (target, path));
"""


@dataclass(frozen=True)
class SourceEntry:
    """What the cache knows about one source file."""

    size: int
    """File size when it was parsed."""
    mtime_ns: int
    """Modification time when it was parsed."""
    digest: str
    """Hash of the file's bytes."""
    meta_key: str
    """The config key the record was resolved with (see SiteConfig.content_key)."""
    record: Any
    """The parsed record (article or page) with its warnings."""


@dataclass(frozen=True)
class OutputEntry:
    """What the cache knows about one written output file."""

    fingerprint: str
    """Fingerprint of everything that went into the file."""
    size: int
    """Size of the file as written."""
    mtime_ns: int
    """Modification time of the file as written."""


class Cache:
    """An open build cache. `path=None` keeps it in memory (a cache-less build)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._init(sqlite3.connect(":memory:"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = self._init(sqlite3.connect(self.path, timeout=30))
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is not None and row[0] == VERSION_KEY:
                return db
            db.close()
        except sqlite3.DatabaseError:
            pass
        # Another version's cache or a damaged file: start over.
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        return self._init(sqlite3.connect(self.path, timeout=30))

    @staticmethod
    def _init(db: sqlite3.Connection) -> sqlite3.Connection:
        db.executescript(_TABLES)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION_KEY,))
        db.commit()
        return db

    def close(self) -> None:
        self.db.close()

    # Sources -----------------------------------------------------------

    def sources(self) -> dict[str, SourceEntry]:
        """What is known about every source file, from one pickled snapshot.

        One blob, not a row per file: unpickling 10,000 records in one call
        shares the repeated objects (time zones, tags) and is several times
        faster than 10,000 calls.
        """
        row = self.db.execute("SELECT sources FROM snapshot WHERE id = 1").fetchone()
        if row is None:
            return {}
        # Unpickling creates hundreds of thousands of objects and no garbage;
        # with the collector on, it would run dozens of useless passes (5x slower).
        gc.disable()
        try:
            entries = pickle.loads(row[0])
        except Exception:  # noqa: BLE001 - any damage means: parse everything again
            return {}
        finally:
            gc.enable()
        return entries if isinstance(entries, dict) else {}

    def save_sources(self, entries: dict[str, SourceEntry]) -> None:
        blob = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO snapshot VALUES (1, ?)", (blob,))

    def put_body(self, path: str, digest: str, html: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", (path, digest, html))

    def forget_bodies(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM bodies WHERE path = ?", ((p,) for p in paths))

    def body(self, path: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    # Outputs -----------------------------------------------------------

    def outputs(self, target: str) -> dict[str, OutputEntry]:
        return {
            path: OutputEntry(fp, size, mtime_ns)
            for path, fp, size, mtime_ns in self.db.execute(
                "SELECT path, fingerprint, size, mtime_ns FROM outputs WHERE target = ?",
                (target,),
            )
        }

    def put_outputs(self, target: str, entries: dict[str, OutputEntry]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
            ((target, path, e.fingerprint, e.size, e.mtime_ns) for path, e in entries.items()),
        )

    def forget_outputs(self, target: str, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM outputs WHERE target = ? AND path = ?",
                            ((target, p) for p in paths))

    def commit(self) -> None:
        self.db.commit()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()


class BodyReader:
    """Read-only access to cached bodies, for worker processes."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)

    def body(self, path: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])
