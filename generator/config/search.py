"""The `[search]` table of site.toml: how the search index is split into shards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.config.checker import Checker, table
from generator.errors import Text

KEYS = ("shard_size", "newest_shard_size")
"""The keys `[search]` may hold."""

# Chosen by measurement (docs/performance.md): a full shard is indexed once, when the
# newest articles fill it, and again only when one of its articles is edited; the
# small shards of the newest articles make today's news and its corrections cheap.
DEFAULT_SHARD_SIZE = 500
DEFAULT_NEWEST_SHARD_SIZE = 50
# A shard past this would take Pagefind many seconds for one edit.
MOST_SHARD_SIZE = 5000


@dataclass(frozen=True)
class SearchSettings:
    """How the Pagefind index is split (generator/search/shards.py)."""

    shard_size: int = DEFAULT_SHARD_SIZE
    """Articles per full shard, in publication order from the oldest."""
    newest_shard_size: int = DEFAULT_NEWEST_SHARD_SIZE
    """Articles per shard of the newest articles, those after the last full shard."""


def read_search(check: Checker, data: Mapping[str, Any]) -> SearchSettings:
    """The `[search]` table of `data` (site.toml), each wrong value a problem."""
    found = table(check, data, "search")
    size = _size(check, found, "shard_size", DEFAULT_SHARD_SIZE)
    newest = _size(check, found, "newest_shard_size", min(DEFAULT_NEWEST_SHARD_SIZE, size))
    if newest > size:
        check.fail("newest_shard_size", Text("`search.newest_shard_size` ({newest}) may not "
                                             "be bigger than `search.shard_size` ({size})",
                                             newest=newest, size=size),
                   Text("the newest articles are cut into smaller shards than the rest"))
        newest = size
    return SearchSettings(shard_size=size, newest_shard_size=newest)


def _size(check: Checker, found: Mapping[str, Any], key: str, default: int) -> int:
    size = check.positive(found, key, default)
    if size > MOST_SHARD_SIZE:
        check.fail(key, Text("`search.{key}` may be at most {most}, not {size}", key=key,
                             most=MOST_SHARD_SIZE, size=size),
                   Text("a bigger shard makes an edit re-index it for seconds; "
                        "e.g. {key} = {default}", key=key, default=default))
        return default
    return size
