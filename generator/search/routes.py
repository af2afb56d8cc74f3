"""The route map: which full shards may hold a query's words, so that the search page
loads only those (and the small and corrections shards) instead of every shard.

Every shard of the index costs a query its metadata (about 10 bytes an article,
whatever the shard's size) and one index chunk (25-35 kB), so merging all of a
100,000-article archive's shards costs a query megabytes (docs/performance.md).
The route map is more Pagefind bundles holding a record
per full shard, whose content is every distinct word of that shard's records
(`.warta-words.gz`, written beside each shard's bundle when it is indexed).
Pagefind stems and matches the words of that record as it does the articles', so
a query that finds an article in a full shard finds that shard's record in the
route map: the search page asks the route map first and merges the shards it
names.

The route map is cut in sealed parts of `PART` consecutive full shards, each its own
bundle (`output/pagefind/rute-<first shard>/`) keyed by its own shards' keys: making
it again for 200 shards of a real newsroom's vocabulary took Pagefind 2.8 GB, one
part of 25 shards about a tenth of that (docs/performance.md, "The route map in
parts"). A part changes only with its full shards: a new full shard (every
`shard_size` articles) makes the last part again, a full shard indexed again its own
part; an edit or a day's news leaves every part byte for byte. Every part shares the
filter value `ROUTE`, so the search page asks them all with one filtered search.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.search.corrections import fragment_urls
from generator.search.records import SearchRecord
from generator.search.shards import ShardKeys

ROUTE = "rute"
"""The route map's parts' folders under `output/pagefind/` begin with it (`rute-0`), and
it is the shard filter's value of their records."""
PART = 25
"""Full shards a part of the route map covers (12,500 articles of 500): chosen by
measurement with benchmarks/route_vocabulary.py (docs/performance.md, "The route map
in parts"): making the last part stays within a few hundred MB with a real vocabulary,
and a query loads one index chunk a part."""
STEP = 15
"""Full shards the search page merges for a query at a time, newest first, when the
route map names more (`shards.json`'s "step"): each costs a query about 29 kB (its
metadata and an index chunk), and 15 keep a first query within about 1 MB at 100,000
articles with the route map's eight parts (docs/performance.md, "The route map in
parts")."""
WORDS_FILE = ".warta-words.gz"
"""Inside a shard's folder: the distinct words of its records, one a line, gzipped."""
# (The file is listed in the shard's key file like its bundle's files, so a shard
# without it, or with a damaged one, is indexed again.)


def words_of(records: Iterable[SearchRecord]) -> bytes:
    """The distinct words (whitespace-separated, lower-cased) of the titles and contents
    of `records`, sorted, one a line, gzipped with a fixed time stamp (same words, same
    bytes)."""
    words: set[str] = set()
    for record in records:
        words.update(record.title.lower().split())
        words.update(record.content.lower().split())
    return gzip.compress("\n".join(sorted(words)).encode("utf-8"), mtime=0)


def routed(keys: ShardKeys) -> list[tuple[str, str]]:
    """(name, key) of each full shard of `keys`: those the route map covers. The small
    shards of the newest articles change every day and are always merged."""
    names = keys.names
    return [(names[n], keys.keys[n]) for n in range(keys.full)]


@dataclass(frozen=True)
class RoutePart:
    """A part of the route map: its folder, its key and the full shards it covers."""

    folder: str
    """Its folder under `output/pagefind/`: `rute-` and its first shard's name, which
    stays when shards are added."""
    key: str
    """A hash of the settings, the part size and its shards' names and keys: it changes
    only when one of its shards does, or one joins it."""
    shards: tuple[str, ...]
    """The names of its full shards, oldest first."""


def route_parts(keys: ShardKeys, per: int = 0) -> list[RoutePart]:
    """The parts of the route map over the full shards of `keys`, `per` (default `PART`)
    consecutive full shards each, oldest first; the last may hold fewer."""
    per = per or PART
    shards = routed(keys)
    parts = []
    for first in range(0, len(shards), per):
        chunk = shards[first:first + per]
        digest = hashlib.sha1(f"{ROUTE}:{per}:{keys.settings}".encode("ascii"))
        for name, key in chunk:
            digest.update(f"{name}={key};".encode("ascii"))
        parts.append(RoutePart(f"{ROUTE}-{chunk[0][0]}", digest.hexdigest(),
                               tuple(name for name, _ in chunk)))
    return parts


def route_records(index: Path, names: Iterable[str]) -> list[SearchRecord] | None:
    """A record for each shard of `names` (its URL the shard's name, its content the
    shard's words); None when a shard's words file is missing or damaged."""
    records = []
    for name in names:
        try:
            words = gzip.decompress((index / name / WORDS_FILE).read_bytes()).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile):
            return None
        records.append(SearchRecord(url=name, title="", date="", sort="", image="",
                                    filters={}, content=words.replace("\n", " ")))
    return records


def route_ids(index: Path, folder: str) -> dict[str, str]:
    """Fragment id -> shard name of each record of the route map's part in `folder`: a
    search result of the route map is known by its id alone, without fetching its
    (large) fragment."""
    return fragment_urls(index / folder)
