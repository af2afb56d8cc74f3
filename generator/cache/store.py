"""The build cache: what was parsed and what was written, in `.warta/cache.sqlite`.

Per source file it remembers the stat fingerprint (size, mtime), the content
hash, the parsed record and the rendered body; per output file the
fingerprint of everything that went into it and the stat of the file as
written; per planned page the page itself and which articles it shows, so
that a build where nothing moved reads only the pages an edit touches (see
build/quick.py). A cache from another Warta version or Python-Markdown release, or
one that SQLite cannot read, is thrown away and rebuilt, never trusted.
"""

from __future__ import annotations

import gc
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from generator.cache.bodies import bodies_of, select_in
from generator.cache.fingerprints import Fingerprints, fingerprint_line, split_line
from generator.cache.version import version_key
from generator.content.source_record import SourceRecord

# Source records are stored in this many pickled shards, so that one edited
# article re-pickles 1/64 of the archive's metadata, not all of it.
SHARDS = 64


_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot (shard INTEGER PRIMARY KEY, sources BLOB, stats BLOB);
CREATE TABLE IF NOT EXISTS records (path TEXT PRIMARY KEY, record BLOB);
CREATE TABLE IF NOT EXISTS bodies (path TEXT PRIMARY KEY, digest TEXT, html TEXT);
CREATE TABLE IF NOT EXISTS memos (name TEXT PRIMARY KEY, memo BLOB);
CREATE TABLE IF NOT EXISTS parts (digest TEXT PRIMARY KEY, part BLOB);
CREATE TABLE IF NOT EXISTS memo_parts (name TEXT, digest TEXT,
    PRIMARY KEY (name, digest)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outputs (
    target TEXT, path TEXT, fingerprint TEXT, size INTEGER, mtime_ns INTEGER,
    PRIMARY KEY (target, path));
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY, target TEXT, output TEXT, page BLOB, UNIQUE (target, output));
CREATE TABLE IF NOT EXISTS shows (target TEXT, article INTEGER, pages BLOB,
    PRIMARY KEY (target, article)) WITHOUT ROWID;
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
    record: SourceRecord
    """The parsed record (article, page or the problems of a failed file)."""


class SourceStat(NamedTuple):
    """A source file's fingerprint without its record: enough to tell whether it changed.

    A tuple, not a dataclass: a build reads one per source file."""

    size: int
    """File size when it was parsed."""
    mtime_ns: int
    """Modification time when it was parsed."""
    digest: str
    """Hash of the file's bytes."""
    meta_key: str
    """The config key the record was resolved with."""


def stats_of(lines: Iterable[tuple[str, str]]) -> dict[str, SourceStat]:
    """Each source's `SourceStat`, by path, from its fingerprint line and digest."""
    stats: dict[str, SourceStat] = {}
    for line, digest in lines:
        path, size, mtime_ns, key = split_line(line)
        stats[path] = SourceStat(size, mtime_ns, digest, key)
    return stats


class OutputEntry(NamedTuple):
    """What the cache knows about one written output file.

    A tuple, not a dataclass: a build reads one per output file."""

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
        self._loads: int | None = None
        self.read_parts: dict[str, tuple[tuple[str, tuple[object, ...]], ...]] = {}
        """The parts of memos this connection read or wrote, by memo and field: (hash,
        part) each (cache/memo_parts.py)."""

    def _open(self) -> sqlite3.Connection:
        key = version_key()
        if self.path is None:
            return self._init(sqlite3.connect(":memory:"), key)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and _version(self.path) == key:
            return sqlite3.connect(self.path, timeout=30)
        # Another version's cache or a damaged file: start over.
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        return self._init(sqlite3.connect(self.path, timeout=30), key)

    @staticmethod
    def _init(db: sqlite3.Connection, key: str) -> sqlite3.Connection:
        # One script, run outside any transaction (as executescript does): the tables
        # and the version row are on disk before another connection (a worker, the
        # forked child saving sources) opens the file and checks the version.
        quoted = key.replace("'", "''")
        db.executescript(_TABLES + f"INSERT OR REPLACE INTO meta VALUES ('version', '{quoted}');")
        return db

    def close(self) -> None:
        self.db.close()

    # Sources -----------------------------------------------------------

    def sources(self) -> dict[str, SourceEntry]:
        """What is known about every source file, from the pickled shards.

        A few large blobs, not a row per file: unpickling many records in one
        call shares repeated objects (time zones, tags) and is several times
        faster than one call per record.
        """
        entries: dict[str, SourceEntry] = {}
        # Unpickling creates hundreds of thousands of objects and no garbage;
        # with the collector on, it would run dozens of useless passes (5x slower).
        # The caller's setting is restored: `build` keeps it off for the whole load.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for (blob,) in self.db.execute("SELECT sources FROM snapshot"):
                part = pickle.loads(blob)
                if not isinstance(part, dict):
                    return {}
                entries.update(part)
        except Exception:  # noqa: BLE001 - any damage means: parse everything again
            return {}
        finally:
            if was_enabled:
                gc.enable()
        return entries

    def save_sources(self, entries: dict[str, SourceEntry], changed: Iterable[str]) -> None:
        """Store `entries`, re-pickling only the shards that hold a `changed` path."""
        changed = list(changed)
        dirty = {_shard(path) for path in changed}
        if not dirty:
            return
        parts: dict[int, dict[str, SourceEntry]] = {shard: {} for shard in dirty}
        crc32 = zlib.crc32
        for path, entry in entries.items():  # inline `_shard`: this loop sees every source
            part = parts.get(crc32(path.encode("utf-8")) % SHARDS)
            if part is not None:
                part[path] = entry
        self._save(parts, {path: entries.get(path) for path in changed})

    def update_sources(self, changed: dict[str, SourceEntry | None]) -> None:
        """Store the entries of `changed` paths (None: the file was removed), the others
        staying as they are: reads only the shards that hold them (a build that looked
        at no other record)."""
        parts: dict[int, dict[str, SourceEntry]] = {}
        for shard in {_shard(path) for path in changed}:
            row = self.db.execute("SELECT sources FROM snapshot WHERE shard = ?",
                                  (shard,)).fetchone()
            parts[shard] = pickle.loads(row[0]) if row else {}
        for path, entry in changed.items():
            if entry is None:
                parts[_shard(path)].pop(path, None)
            else:
                parts[_shard(path)][path] = entry
        self._save(parts, dict(changed))

    def _save(self, parts: dict[int, dict[str, SourceEntry]],
              changed: dict[str, SourceEntry | None]) -> None:
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        self.db.executemany(
            "INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?)",
            ((shard, dumps(_shared(part), protocol=protocol),
              dumps((tuple([fingerprint_line(path, e.size, e.mtime_ns, e.meta_key)
                            for path, e in part.items()]),
                     tuple([e.digest for e in part.values()])), protocol=protocol))
             for shard, part in parts.items()))
        self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)",
                            ((path, dumps(e.record, protocol=protocol))
                             for path, e in changed.items() if e is not None))
        self.db.executemany("DELETE FROM records WHERE path = ?",
                            ((path,) for path, e in changed.items() if e is None))
        # Whoever relies on the sources being as a build left them (build/quick.py)
        # compares this count with the one that build saw.
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('loads', ?)", (self.loads() + 1,))

    def loads(self) -> int:
        """How many times sources were saved since the cache was created."""
        if self._loads is not None:
            return self._loads
        row = self.db.execute("SELECT value FROM meta WHERE key = 'loads'").fetchone()
        return int(row[0]) if row else 0

    def expect_loads(self, count: int) -> None:
        """Have `loads` give `count`: another connection is saving the sources."""
        self._loads = count

    def stats(self) -> dict[str, SourceStat]:
        """The fingerprint of every source file, without the records (see `sources`)."""
        return stats_of(self.fingerprints().items())

    # The sources' fingerprints as lines (cache/fingerprints.py, issue 17).
    def fingerprints(self) -> Fingerprints:
        """The `fingerprint_line` of every source file as the cache knows it (none when
        the cache holds none or is damaged)."""
        parts: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        try:
            for (blob,) in self.db.execute("SELECT stats FROM snapshot"):
                lines, digests = pickle.loads(blob)
                if len(lines) != len(digests):
                    raise ValueError("a damaged row")
                parts.append((lines, digests))
        except Exception:  # noqa: BLE001 - damage: the caller takes the long way
            return Fingerprints([])
        return Fingerprints(parts)

    def records(self, paths: Iterable[str]) -> dict[str, SourceRecord]:
        """The parsed records of `paths` (those the cache has), one row each."""
        return {path: unpickled(blob) for path, blob in self.select_in(
            "SELECT path, record FROM records WHERE path IN ({})", (), paths)}

    def select_in(self, query: str, fixed: tuple[object, ...],
                  values: Iterable[object]) -> Iterator[tuple[Any, ...]]:
        """The rows of `query`, whose `{}` is the list of `values` (after the `fixed`
        parameters), asked in parts small enough for SQLite."""
        return select_in(self.db, query, fixed, values)

    def bodies(self, paths: list[str]) -> dict[str, str]:
        """The cached bodies of those of `paths` the cache has."""
        return bodies_of(self.db, paths)

    def put_body(self, path: str, digest: str, html: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", (path, digest, html))

    def forget_bodies(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM bodies WHERE path = ?", ((p,) for p in paths))

    def body(self, path: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    # Outputs -----------------------------------------------------------

    def outputs(self, target: str) -> dict[str, OutputEntry]:
        """Every file recorded as written to `target`."""
        make = OutputEntry._make
        return {
            path: make(row)
            for path, *row in self.db.execute(
                "SELECT path, fingerprint, size, mtime_ns FROM outputs WHERE target = ?",
                (target,),
            )
        }

    def output(self, target: str, path: str) -> OutputEntry | None:
        """The record of one file written to `target`, if there is one."""
        row = self.db.execute(
            "SELECT fingerprint, size, mtime_ns FROM outputs WHERE target = ? AND path = ?",
            (target, path)).fetchone()
        return None if row is None else OutputEntry._make(row)

    def output_count(self, target: str) -> int:
        """How many files are recorded as written to `target`."""
        row = self.db.execute("SELECT count(*) FROM outputs WHERE target = ?",
                              (target,)).fetchone()
        return int(row[0])

    def put_outputs(self, target: str, entries: dict[str, OutputEntry]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
            ((target, path, e.fingerprint, e.size, e.mtime_ns) for path, e in entries.items()),
        )

    def forget_outputs(self, target: str, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM outputs WHERE target = ? AND path = ?",
                            ((target, p) for p in paths))

    # Memos ---------------------------------------------------------------

    def memo(self, name: str) -> object | None:
        """What a stage stored under `name` for the next build (see `plan.PlanMemo`)."""
        row = self.db.execute("SELECT memo FROM memos WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        was_enabled = gc.isenabled()
        gc.disable()  # as in `sources`: many objects, no garbage
        try:
            memo: object = pickle.loads(row[0])
            return memo
        except Exception:  # noqa: BLE001 - a damaged memo only means planning from scratch
            return None
        finally:
            if was_enabled:
                gc.enable()

    def put_memo(self, name: str, memo: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO memos VALUES (?, ?)",
                        (name, pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)))


def _shared(part: dict[str, SourceEntry]) -> dict[str, SourceEntry]:
    """`part` with equal tags and bylines made one object each.

    Parsed in separate processes, every article has its own copies; pickled as
    one object, a tag is stored and loaded once per shard (loading 100,000
    records: 0.79 s -> 0.44 s).
    """
    seen: dict[object, Any] = {}
    shared = {}
    for path, entry in part.items():
        record = entry.record.article
        if record is not None and (record.tags or record.authors):
            tags = tuple(seen.setdefault(t, t) for t in record.tags)
            authors = tuple(seen.setdefault(a, a) for a in record.authors)
            # Records loaded from a shard already share theirs: only new ones change.
            if any(x is not y for x, y in zip(tags + authors, record.tags + record.authors,
                                               strict=True)):
                record = replace(record, tags=tags, authors=authors)
                entry = replace(entry, record=replace(entry.record, article=record))
        shared[path] = entry
    return shared


def unpickled(blob: bytes) -> Any:
    """A row's object; LookupError when it cannot be read (a damaged cache: the caller
    takes the long way, which does not need the row)."""
    try:
        return pickle.loads(blob)
    except Exception as error:  # noqa: BLE001 - any damage is the same to the caller
        raise LookupError(f"a damaged row in the build cache: {error}") from None


def _shard(path: str) -> int:
    return zlib.crc32(path.encode("utf-8")) % SHARDS


def _version(path: Path) -> str | None:
    """The version that wrote the cache at `path`, or None when it cannot be read."""
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None
