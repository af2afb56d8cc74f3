"""The changes stage: which sources were added, edited and removed since the cache
was written, each changed one parsed.

Both ways of building start here. `compare` looks at the sources found on disk
against what the cache knew of them (size, modification time, the settings their
record was resolved with) without reading a file. `parse_changes` then reads the
ones that differ: a file whose bytes hash as before was only touched and keeps
its record; the others are parsed (in the main process and `jobs - 1` forked
workers when many), their bodies put in the cache as they come so that the
archive's bodies are never all in memory. A cold build is the case where every
source was added. build/quick_changes.py is the stage as the quick path takes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build import commit, sources
from generator.build.sources import Source, digest_of
from generator.cache.fingerprints import Fingerprints
from generator.cache.store import Cache, SourceEntry, SourceStat, stats_of
from generator.config import SiteConfig
from generator.content.model import Article
from generator.content.source_record import SourceRecord


@dataclass(frozen=True)
class Compared:
    """The sources that may have changed, before any file is read."""

    added: list[Source]
    """Sources the cache does not know."""
    differing: list[Source]
    """Known sources whose size, modification time or settings differ."""
    removed: list[str]
    """Known sources no longer found."""


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source file that is not as the cache knew it."""

    path: str
    """Site-relative POSIX path."""
    entry: SourceEntry
    """What the cache is to know of it now, its record included."""
    parsed: bool
    """Whether it was parsed (its body put in the cache); False: only touched, its bytes
    and record as before."""
    before: SourceRecord | None
    """Its record as the cache knew it, for an edited source (None when added, or when
    the cache lost it)."""


@dataclass(frozen=True)
class Changes:
    """The sources added, edited and removed since the cache was written."""

    added: tuple[SourceChange, ...]
    """New sources, parsed."""
    edited: tuple[SourceChange, ...]
    """Known sources whose bytes, stat or settings changed."""
    removed: tuple[str, ...]
    """Paths of the sources that are gone."""
    removed_records: tuple[SourceRecord, ...] = ()
    """The records the removed sources had, where the caller's `known` held them (the
    whole archive's load does; the quick path takes no removal): the build's summary
    names the articles removed, and the load holds their articles in the cache until
    a build writes the register, which tells the renamed ones (cache/removed.py)."""

    @property
    def parsed(self) -> int:
        """How many sources were parsed."""
        return sum(change.parsed for change in (*self.added, *self.edited))


def compare(found: Sequence[Source], known: Mapping[str, SourceStat | SourceEntry],
            key: str) -> Compared:
    """`found` against what the cache knows; `key` is `SiteConfig.content_key`."""
    added, differing = [], []
    count = 0
    for source in found:
        count += 1
        before = known.get(source.path)
        if before is None:
            added.append(source)
        elif (before.size != source.size or before.mtime_ns != source.mtime_ns
                or before.meta_key != key):
            differing.append(source)
    if count - len(added) == len(known):  # every known source found again (paths are
        return Compared(added, differing, [])  # unique): nothing removed, no set built
    seen = {source.path for source in found}
    return Compared(added, differing, sorted(path for path in known if path not in seen))


def compare_fingerprints(site_dir: Path, found: list[str], known: Fingerprints
                         ) -> tuple[Compared, dict[str, SourceStat]]:
    """`compare` for the sources as fingerprint lines (`sources.scan_fingerprints`)
    against the cache's (`Cache.fingerprints`): the same answer, from two set
    differences; and what the cache knows of each source that differs or is gone, for
    `parse_changes`."""
    fresh = set(found)
    gone = known.lines - fresh
    new = fresh - known.lines
    before = stats_of(known.digests(gone).items())
    added: list[Source] = []
    differing: list[Source] = []
    # In the scan's order, as `compare` gives them: a few lines looked for, else the scan
    # walked once.
    ordered = (sorted(new, key=found.index) if len(new) <= 8
               else [line for line in found if line in new])
    for line in ordered:
        source = sources.from_fingerprint(site_dir, line)
        (differing if source.path in before else added).append(source)
    return Compared(added, differing, sorted(set(before) - {s.path for s in differing})), before


def parse_changes(compared: Compared, known: Mapping[str, SourceStat | SourceEntry],
                  before: Mapping[str, SourceRecord], config: SiteConfig, cache: Cache,
                  jobs: int) -> Changes:
    """Read and parse what `compare` found; `before` holds the cached records of the
    differing sources (those the cache has)."""
    key = config.content_key
    edited: list[SourceChange] = []
    work: list[tuple[Source, bytes | None, str, str | None]] = []
    for source in compared.differing:
        stat = known[source.path]
        old = before.get(source.path)
        try:
            data = Path(source.absolute).read_bytes()
        except OSError:
            work.append((source, None, "", None))  # parse_source reports it
            continue
        digest = digest_of(data)
        if old is not None and stat.digest == digest and stat.meta_key == key:
            # Touched but not changed: remember the new stat, keep the record.
            edited.append(SourceChange(source.path, SourceEntry(
                source.size, source.mtime_ns, digest, key, old), False, old))
            continue
        # Resolved with other settings, same bytes: the body is as it was.
        cached_body = cache.body(source.path) if stat.digest == digest else None
        work.append((source, data, digest, cached_body))
    # A new file is read by the process that parses it: a cold build's main process
    # would read and hash every file first.
    work += [(source, None, "", None) for source in compared.added]
    added: list[SourceChange] = []
    for source, (record, body, digest) in sources.parse_all(work, config, jobs):
        # A file that could not be read has no digest: never trusted by its stat (a
        # change of permissions leaves the modification time as it was).
        entry = SourceEntry(source.size, source.mtime_ns if digest else -1, digest, key,
                            record)
        if body is not None:
            commit.put_body(cache, source.path, digest, body)
        old = before.get(source.path)
        if source.path in known:
            edited.append(SourceChange(source.path, entry, True, old))
        else:
            added.append(SourceChange(source.path, entry, True, None))
    gone = (known[path] for path in compared.removed)
    return Changes(tuple(added), tuple(edited), tuple(compared.removed),
                   tuple(e.record for e in gone if isinstance(e, SourceEntry)))


def article_of(article: Article | None) -> Article:
    """The article of a record the caller checked holds one."""
    assert article is not None
    return article
