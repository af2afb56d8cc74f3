"""The route map: which full shards may hold a query's words, so that the search page
loads only those (and the small and corrections shards) instead of every shard.

Every shard of the index costs a query its metadata (about 10 bytes an article,
whatever the shard's size) and one index chunk (25-35 kB), so merging all of a
100,000-article archive's shards costs a query megabytes (docs/performance.md).
The route map is one more Pagefind bundle (`output/pagefind/rute/`) holding a record
per full shard, whose content is every distinct word of that shard's records
(`.warta-words.gz`, written beside each shard's bundle when it is indexed).
Pagefind stems and matches the words of that record as it does the articles', so
a query that finds an article in a full shard finds that shard's record in the
route map: the search page asks the route map first and merges the shards it
names.

The route map changes only with the full shards (a new one every `shard_size`
articles, or one indexed again): an edit or a day's news leaves it byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path

from generator.search.corrections import fragment_urls
from generator.search.records import SearchRecord
from generator.search.shards import ShardKeys

ROUTE = "rute"
"""Folder of the route map under `output/pagefind/`."""
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


def route_key(keys: ShardKeys) -> str:
    """The route map's key: its full shards and their keys ("" when there are none)."""
    shards = routed(keys)
    if not shards:
        return ""
    digest = hashlib.sha1(f"{ROUTE}:{keys.settings}".encode("ascii"))
    for name, key in shards:
        digest.update(f"{name}={key};".encode("ascii"))
    return digest.hexdigest()


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


def route_ids(index: Path) -> dict[str, str]:
    """Fragment id -> shard name of each record of the route map: a search result of the
    route map is known by its id alone, without fetching its (large) fragment."""
    return fragment_urls(index / ROUTE)
