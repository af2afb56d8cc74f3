"""Source files: finding them on disk and parsing them into records.

The thin I/O layer around the pure parsers of content/: `scan` finds every
source with its stat, `parse_all` reads and parses many (in the main process and
`jobs - 1` forked workers when there are many, the kernel asked to read the
files ahead).
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections import deque
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import NamedTuple

from generator.cache.fingerprints import split_line
from generator.config import SiteConfig
from generator.content import markup
from generator.content.folders import ARTICLES, PAGES
from generator.content.parse import ContentProblems, Parsed, parse_article, parse_page
from generator.content.source_record import SourceRecord
from generator.errors import Problem, Text

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
CHUNK = 128



class Source(NamedTuple):
    """A source file as found on disk. A tuple, not a dataclass: there is one per
    source on every build."""

    path: str
    """Site-relative POSIX path."""
    absolute: str
    """Absolute path."""
    size: int
    """Size in bytes."""
    mtime_ns: int
    """Modification time."""


def scan(site_dir: Path) -> list[Source]:
    """Every `.md` file under content/articles and content/pages, in the file system's
    order (`_collect` sorts the records)."""
    found: list[Source] = []
    for folder in (ARTICLES, PAGES):
        root = os.path.join(site_dir, folder)
        if os.path.isdir(root):
            _scan(root, folder, found)
    return found


# The quick path's scan (issue 17): the sources as fingerprint lines, which compare
# with the cache's as sets (`changes.compare_fingerprints`), no `Source` made for a
# file that did not change.
def scan_fingerprints(site_dir: Path, key: str) -> list[str]:
    """Every source `scan` finds, as its `fingerprints.fingerprint_line` with `key` (the
    settings' `content_key`), in the file system's order."""
    found: list[str] = []
    # Through folder descriptors where the system allows: each `stat` then resolves one
    # name, not the whole path (a sixth less time at 100,000 files).
    by_descriptor = os.scandir in os.supports_fd
    for folder in (ARTICLES, PAGES):
        root = os.path.join(site_dir, folder)
        if not os.path.isdir(root):
            continue
        if by_descriptor:
            descriptor = os.open(root, _FOLDER)
            try:
                _scan_lines(descriptor, folder, f"\0{key}", found)
            finally:
                os.close(descriptor)
        else:
            found += [f"{s.path}\0{s.size}\0{s.mtime_ns}\0{key}" for s in scan(site_dir)
                      if s.path.startswith(folder + "/")]
    return found


_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _scan_lines(folder: int, relative: str, tail: str, found: list[str]) -> None:
    """`_scan` from the descriptor of `folder`, each file as its fingerprint line
    ending in `tail`."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    inner = os.open(name, _FOLDER, dir_fd=folder)
                    try:
                        _scan_lines(inner, f"{relative}/{name}", tail, found)
                    finally:
                        os.close(inner)
            elif name.endswith(".md") and not name.startswith(".") and entry.is_file():
                stat = entry.stat()
                # (`fingerprints.fingerprint_line`, inline: this runs for every source.)
                found.append(f"{relative}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}{tail}")


def from_fingerprint(site_dir: Path, line: str) -> Source:
    """The source a `scan_fingerprints` line stands for, as `scan` finds it."""
    path, size, mtime_ns, _ = split_line(line)
    return Source(path, os.path.join(site_dir, path), size, mtime_ns)


def stat_each(site_dir: Path, paths: Collection[str]) -> list[Source] | None:
    """The sources among `paths` that exist, as `scan` would find them; None when one
    of the paths is a folder (then only a scan knows what it holds)."""
    found = []
    for path in paths:
        absolute = os.path.join(site_dir, path)
        if os.path.isdir(absolute):
            return None
        parts = path.split("/")
        if (not path.startswith((ARTICLES + "/", PAGES + "/")) or not path.endswith(".md")
                or any(part.startswith(".") for part in parts)):
            continue
        try:
            stat = os.stat(absolute)
        except OSError:
            continue  # deleted
        if os.path.isfile(absolute) and not _under_symlink(site_dir, parts):
            found.append(Source(path, absolute, stat.st_size, stat.st_mtime_ns))
    return found


def _under_symlink(site_dir: Path, parts: list[str]) -> bool:
    """Whether a folder on the way to a file is a symbolic link (`scan` does not follow
    them)."""
    return any(os.path.islink(os.path.join(site_dir, *parts[:n]))
               for n in range(3, len(parts)))


def _scan(folder: str, relative: str, found: list[Source]) -> None:
    """Add the sources under `folder` (its POSIX path relative to the site: `relative`)
    to `found`, depth first. String paths, not pathlib, and no nested generators to
    pass each file up through: this runs for every source on every build."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    _scan(entry.path, f"{relative}/{name}", found)
            elif name.endswith(".md") and not name.startswith(".") and entry.is_file():
                stat = entry.stat()
                found.append(Source(f"{relative}/{name}", entry.path, stat.st_size,
                                    stat.st_mtime_ns))


def parse_all(
    work: list[tuple[Source, bytes | None, str, str | None]], config: SiteConfig, jobs: int
) -> Iterator[tuple[Source, tuple[SourceRecord, str | None, str]]]:
    """Parse `work`: each source with its record, body and digest, in no set order
    when worker processes share the work."""
    tasks = [(s.path, data if data is not None else s.absolute, digest, body)
             for s, data, digest, body in work]
    sources = [s for s, *_ in work]
    reading = [s.absolute for s, data, *_ in work if data is None]
    if jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        ahead = _read_ahead(reading) if len(reading) >= PARALLEL_THRESHOLD else None
        for source, task in zip(sources, tasks, strict=True):
            yield source, parse_source(task, config)
        if ahead is not None:
            ahead.join()
        return
    yield from _parse_shared(tasks, sources, reading, config, jobs)


def _read_ahead(paths: list[str]) -> threading.Thread | None:
    """Ask the kernel to read `paths` into memory, in a thread, and return at once.

    Sources not read for a while are no longer in memory, and parsing reads them one
    at a time: 10,000 waits for the disk (a first cold build took 20 s where the next
    took 8). Told ahead, the kernel reads many at once while the parsers work. The
    order alternates between both ends, where the parsers start (see `_parse_shared`).
    """
    if not hasattr(os, "posix_fadvise"):
        return None
    order = [paths[i // 2] if i % 2 == 0 else paths[-1 - i // 2] for i in range(len(paths))]

    def advise() -> None:
        for path in order:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                continue  # parse_source reports it
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            except OSError:
                pass
            finally:
                os.close(fd)

    thread = threading.Thread(target=advise, name="warta-read-ahead", daemon=True)
    thread.start()
    return thread


def _parse_shared(tasks: list[tuple[str, bytes | str, str, str | None]],
                  sources: list[Source], reading: list[str], config: SiteConfig, jobs: int
                  ) -> Iterator[tuple[Source, tuple[SourceRecord, str | None, str]]]:
    # Imported here: multiprocessing costs a no-change build 15 ms to import.
    from concurrent.futures import Future, ProcessPoolExecutor

    # This process parses too, beside `jobs - 1` workers: what it parses itself is
    # neither pickled nor sent (a record and a body, 50 microseconds an article both
    # ways), and it does not take the cores from the workers to receive their work.
    # Several chunks a worker, so that none is left with the last big one.
    size = max(1, min(CHUNK, len(tasks) // (jobs * 4)))
    chunks = deque(range(0, len(tasks), size))
    running: deque[tuple[Future[list[tuple[SourceRecord, str | None, str]]], int]] = deque()
    # The build keeps the collector off while it loads (build/pipeline.py); a worker forked
    # then would keep Markdown's cyclic garbage (about ten objects an article) until
    # it exits, so workers turn it on, and this process collects its youngest
    # objects after each chunk it parses.
    ahead = None
    with ProcessPoolExecutor(max_workers=jobs - 1, initializer=gc.enable) as pool:
        while chunks or running:
            while chunks and len(running) < 4 * (jobs - 1):
                start = chunks.pop()
                running.append((pool.submit(_parse_chunk, tasks[start:start + size], config),
                                start))
            if ahead is None and len(reading) >= PARALLEL_THRESHOLD:
                # Started once the workers are forked (a process must not fork while
                # another thread runs), done long before the sources are saved.
                ahead = _read_ahead(reading)
            while running and running[0][0].done():
                future, start = running.popleft()
                yield from zip(sources[start:start + size], future.result(), strict=True)
            if chunks:
                start = chunks.popleft()
            elif running and running[-1][0].cancel():  # not started: sooner done here
                start = running.pop()[1]
            elif running:
                future, start = running.popleft()
                yield from zip(sources[start:start + size], future.result(), strict=True)
                continue
            else:
                break
            for source, task in zip(sources[start:start + size], tasks[start:start + size],
                                    strict=True):
                yield source, parse_source(task, config)
            gc.collect(0)
    if ahead is not None:
        ahead.join()


def _parse_chunk(tasks: list[tuple[str, bytes | str, str, str | None]],
                 config: SiteConfig) -> list[tuple[SourceRecord, str | None, str]]:
    return [parse_source(task, config) for task in tasks]


def digest_of(data: bytes) -> str:
    """The content hash the cache keeps of a source file's bytes."""
    return hashlib.sha256(data).hexdigest()[:24]


def parse_source(task: tuple[str, bytes | str, str, str | None],
                 config: SiteConfig) -> tuple[SourceRecord, str | None, str]:
    """Parse one source `(path, bytes or absolute path to read, digest or "", cached
    body or None)`: its record, its body (None when it failed) and the digest ("" when
    the file could not be read)."""
    path, data, digest, cached_body = task
    if isinstance(data, str):
        try:
            with open(data, "rb") as handle:
                data = handle.read()
        except OSError as error:
            return SourceRecord(problems=(Problem(
                path, None, Text("the file cannot be read ({reason})",
                                 reason=error.strerror or str(error)),
                Text("check that it is still there and that Warta may read it")),)), None, ""
        digest = digest_of(data)
    render = (lambda _text: cached_body) if cached_body is not None else markup.render
    try:
        if path.startswith(PAGES + "/"):
            page, body = parse_page(data, path, config, render)
            return SourceRecord(page=page), body, digest
        parsed: Parsed = parse_article(data, path, config, render)
        return (SourceRecord(article=parsed.article, problems=parsed.warnings),
                parsed.body_html, digest)
    except ContentProblems as failure:
        return SourceRecord(problems=tuple(failure.problems)), None, digest


