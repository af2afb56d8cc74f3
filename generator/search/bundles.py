"""`output/pagefind/`: one Pagefind bundle per shard, and the list the search page reads.

Each shard's folder holds its bundle and a key file (`.warta-shard`: the shard's key
and every file of the bundle with its size). A shard whose key file differs from
the planned key, or whose files are not those listed, is indexed again into a
staging folder and swapped in with a rename; every other shard keeps its files
byte for byte. The list of shards (`shards.json`) changes only with their number,
with the corrections shard (`koreksi/`, shards.py), whose older records it lists
for the search page to hide (corrections.py), and with the route map's parts
(`rute-<n>/`, routes.py), each made again from its full shards' word files when one
of them changed. `filters.json` (filters.py) says which values of the filters each shard
holds, gathered from the summary each shard's folder keeps.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.search.corrections import (
    REMEMBERED,
    looked_up,
    read_remembered,
    remembered_text,
)
from generator.search.filters import FILTERS, SUMMARY_FILE, gather, summary_of
from generator.search.indexing import in_turn
from generator.search.intact import INDEX_DIR, KEY_FILE, bundle_id, forget, intact, listing
from generator.search.manifest import (
    BOUNDS,
    MANIFEST,
    Routes,
    bounds_text,
    hidden_before,
    listed_shards,
    routes_before,
    write_if_changed,
    write_manifest,
)
from generator.search.records import SearchRecord
from generator.search.routes import (
    WORDS_FILE,
    route_ids,
    route_parts,
    route_records,
    words_of,
)
from generator.search.service import PagefindError, Service
from generator.search.shards import CORRECTIONS, ShardKeys

# Pagefind's ready-made interfaces, written into every bundle: the search page
# (static/search.js) uses its JavaScript API alone. 420 kB a shard.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
           "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-highlight.js")


@dataclass(frozen=True)
class Shard:
    """A shard to index."""

    start: int
    """Its name as a number (`ShardKeys.names`): its folder is `pagefind/<start>/`."""
    key: str
    """Its key (`shards.ShardKeys`)."""
    records: tuple[SearchRecord, ...]
    """Its articles, oldest first."""
    name: str = ""
    """Its folder's name, when not `start` (the corrections shard's)."""

    @property
    def folder(self) -> str:
        """Its folder's name under `output/pagefind/`."""
        return self.name or str(self.start)


@dataclass(frozen=True)
class SearchWork:
    """What indexing a build's stale shards needs; made while the cache is open, done
    after the output is in place (or later, by `warta serve`'s indexer)."""

    output: Path
    """The output folder."""
    language: str
    """Pagefind's language code, e.g. `id`."""
    keys: ShardKeys
    """Every shard's key, as planned."""
    stale: tuple[Shard, ...]
    """The shards to index, with their records."""
    corrections: Shard | None = None
    """The corrections shard, when it is to be indexed."""
    corrected: tuple[tuple[str, str], ...] = ()
    """(URL, full shard's name) of each corrected article (`ShardKeys.corrected`)."""
    restricting: tuple[str, ...] = ()
    """The names of the filters whose values restrict the shards a search merges (the
    year's, the section's): `filters.json` gives their shards, and only the values of
    the others (filters.py)."""
    thorough: bool = False
    """Compare every shard's files with its key file's list: the build found no record
    of what an earlier build wrote (a lost cache), and a kept index is trusted only so."""

    @property
    def to_index(self) -> tuple[Shard, ...]:
        """Every shard to index, the corrections shard last."""
        return (*self.stale, *((self.corrections,) if self.corrections else ()))


def untidy(work: SearchWork) -> bool:
    """Whether the index folder holds a shard `work` does not plan, or its `shards.json`
    lists other shards: what `publish` tidies even when no shard is stale, for
    `warta serve`, whose indexer is handed work only when there is some."""
    index = work.output / INDEX_DIR
    keys = work.keys
    wanted = {*keys.names, MANIFEST, FILTERS, BOUNDS, *(part.folder for part in route_parts(keys))}
    if keys.corrected:
        wanted.update((CORRECTIONS, REMEMBERED))
    if any(e.name not in wanted and not e.name.startswith(".new-") for e in _entries(index)):
        return True
    # (A site without articles has no shards.json until it has a shard.)
    return (listed_shards(index) or []) != list(keys.names)


def publish(work: SearchWork, binary: Path, jobs: int = 1,
            fill: Callable[[Shard], Shard] | None = None) -> str | None:
    """Index the stale shards of `work` and bring the folder to its shards; a message
    instead of an exception when Pagefind fails (the finished shards stay). Up to
    `jobs` Pagefind processes share the shards (a cold build's). `fill`, when given,
    makes a stale shard's records (`work.stale` holds them without), in the calling
    thread, as the shard's turn comes (`_indexed`)."""
    index = work.output / INDEX_DIR
    index.mkdir(parents=True, exist_ok=True)
    # Per process and thread: a killed build's leftovers are swept here, later.
    tag = f"{os.getpid()}-{threading.get_ident()}"
    for leftover in index.glob(".new-*"):
        if not leftover.name.endswith(tag):
            shutil.rmtree(leftover, ignore_errors=True)
    failures = _indexed(work, binary, jobs, fill, index, tag)
    keys = work.keys
    routes = _routes(index, keys, binary, work.language, tag, failures, work.thorough)
    failure = failures[0] if failures else None
    corrected = bool(keys.corrected) and intact(index / CORRECTIONS, keys.corrections,
                                                 SUMMARY_FILE, work.thorough)
    _prune(index, (*keys.names, *((CORRECTIONS, REMEMBERED) if corrected else ()),
                   *(part.folder for part, _ in routes)))
    hidden: list[str] = []
    if corrected:
        origins = {shard for _, shard in work.corrected}
        reread = work.corrections is not None or any(
            shard.folder in origins for shard in work.stale)
        if reread:
            hidden, remembered = looked_up(index, work.corrected,
                                           lambda shard: bundle_id(index / shard),
                                           read_remembered(index))
            write_if_changed(index / REMEMBERED, remembered_text(remembered))
        else:
            hidden = hidden_before(index, work.corrected)
    write_manifest(index, keys.names, corrected, hidden, routes)
    write_if_changed(index / BOUNDS, bounds_text(keys.size, keys.newest, keys.bounds))
    write_if_changed(index / FILTERS, gather(index, keys.names, corrected,
                                              work.restricting, CORRECTIONS))
    return failure


def _indexed(work: SearchWork, binary: Path, jobs: int,
             fill: Callable[[Shard], Shard] | None, index: Path, tag: str) -> list[str]:
    """Index the shards of `work`, up to `jobs` at once, each filled (`fill`) as a
    Pagefind process is about to take it (`indexing.in_turn`), until one fails; the
    failures."""

    def made(shard: Shard) -> Shard:
        # (The corrections shard comes with its records.)
        return shard if fill is None or shard is work.corrections else fill(shard)

    def one(shard: Shard, tag: str) -> str | None:
        # A process per shard: one that indexed several keeps their memory (500
        # records: 131 MB; three in a row: 170 MB). Starting one is 10-30 ms.
        try:
            with Service(binary) as service:
                _index_shard(service, shard, work.language, index, tag)
        except (PagefindError, OSError) as error:
            return str(error)
        return None

    return in_turn(work.to_index, jobs, made, one, tag)


def _routes(index: Path, keys: ShardKeys, binary: Path, language: str, tag: str,
            failures: list[str], thorough: bool = False) -> Routes:
    """The parts of the route map over the full shards of `keys`, each made again if
    stale (one Pagefind process a part: its memory is the part's). A part that could
    not be made is left out: the search page merges its shards for every query."""
    found = []
    before = routes_before(index)
    for part in route_parts(keys):
        if intact(index / part.folder, part.key, thorough=thorough):
            listed = before.get(part.folder)
            found.append((part, listed[1] if listed and listed[0] == part.key
                          and not thorough else route_ids(index, part.folder)))
            continue
        if thorough:
            forget(index / part.folder)
        records = route_records(index, part.shards)
        if records is None:  # a full shard failed to index: the next build makes it
            continue
        try:
            with Service(binary) as service:
                _index_shard(service, Shard(-1, part.key, tuple(records), part.folder),
                             language, index, tag, words=False)
        except (PagefindError, OSError) as error:
            failures.append(str(error))
            continue
        found.append((part, route_ids(index, part.folder)))
    return found


def _index_shard(service: Service, shard: Shard, language: str, index: Path,
                 tag: str, words: bool = True) -> None:
    staging = index / f".new-{shard.folder}-{tag}"
    shutil.rmtree(staging, ignore_errors=True)
    service.write_bundle(shard.records, language, staging)
    _wait_for_files(staging)
    if not (staging / "pagefind.js").is_file():
        raise PagefindError(f"Pagefind wrote no bundle for shard {shard.folder}")
    for name in _UNUSED:
        (staging / name).unlink(missing_ok=True)
    if words:
        (staging / WORDS_FILE).write_bytes(words_of(shard.records))
        (staging / SUMMARY_FILE).write_bytes(summary_of(shard.records))
    target = index / shard.folder
    _keep_unchanged(target, staging)  # (before the key file: it moves files in)
    files = listing(staging)
    # The key goes in before the swap, so it always describes the files beside it.
    (staging / KEY_FILE).write_text("\n".join([shard.key, *files]) + "\n",
                                    encoding="utf-8")
    old = index / f".old-{shard.folder}-{tag}"
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _wait_for_files(folder: Path, limit: float = 10.0) -> None:
    """Wait until Pagefind has finished writing the bundle in `folder`.

    Pagefind (1.5) answers `WriteFiles` while a file or two (seen: the wasm) may still
    be empty: the key file then listed a size of 0, and the next build found the shard
    damaged and indexed it again. Done when no file is empty and a second look, 10 ms
    later, sees the same files and sizes."""
    deadline = time.monotonic() + limit
    while True:
        seen = listing(folder) if folder.is_dir() else []
        if seen and not any(line.startswith("0 ") for line in seen):
            time.sleep(0.01)
            if listing(folder) == seen:
                return
        if time.monotonic() > deadline:
            return  # the key file then says what is there: the next build checks it
        time.sleep(0.01)


def _keep_unchanged(target: Path, staging: Path) -> None:
    """Put the files of `target` that the new bundle in `staging` has byte for byte in
    its place: most of a re-indexed shard is the same (Pagefind names fragments by
    their content, and its script and wasm never change), and a file keeps its
    modification time, so a host synchronised by size and time uploads only what
    changed."""
    if not target.is_dir():
        return
    for new in staging.rglob("*"):
        relative = new.relative_to(staging)
        old = target / relative
        if (relative.name != KEY_FILE and new.is_file() and old.is_file()
                and old.stat().st_size == new.stat().st_size
                and old.read_bytes() == new.read_bytes()):
            os.replace(old, new)


def _prune(index: Path, names: tuple[str, ...]) -> None:
    """Remove what is not a shard of the index: shards no longer planned, the files of
    an index made before shards, old staging folders of this process."""
    keep = {*names, MANIFEST, FILTERS, BOUNDS}
    for entry in _entries(index):
        if entry.name not in keep and not entry.name.startswith(".new-"):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _entries(index: Path) -> Iterable[Path]:
    try:
        return list(index.iterdir())
    except OSError:
        return []


def remove_index(output: Path) -> None:
    """Delete the index of a site whose search was switched off."""
    shutil.rmtree(output / INDEX_DIR, ignore_errors=True)
