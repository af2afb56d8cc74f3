"""The `[search]` table of site.toml: how the search index is split into shards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.config.checker import Checker, table

KEYS = ("shard_size",)
"""The keys `[search]` may hold."""

# Chosen by measurement (docs/performance.md): a shard of 100 articles indexes in
# about a quarter of a second, and a query over a 10,000-article archive merges 100
# shards for well under a megabyte.
DEFAULT_SHARD_SIZE = 100
# A shard past this would take Pagefind seconds for one edit.
MOST_SHARD_SIZE = 5000


@dataclass(frozen=True)
class SearchSettings:
    """How the Pagefind index is built (generator/search/)."""

    shard_size: int = DEFAULT_SHARD_SIZE
    """Articles per shard, in publication order: an edit re-indexes the shard of the
    edited article, a new article the newest shard only."""


def read_search(check: Checker, data: Mapping[str, Any]) -> SearchSettings:
    """The `[search]` table of `data` (site.toml), each wrong value a problem."""
    found = table(check, data, "search")
    size = check.positive(found, "shard_size", DEFAULT_SHARD_SIZE)
    if size > MOST_SHARD_SIZE:
        check.fail("shard_size", f"`search.shard_size` may be at most {MOST_SHARD_SIZE}, "
                   f"not {size}", "a bigger shard makes every edit re-index it for seconds; "
                   f"e.g. shard_size = {DEFAULT_SHARD_SIZE}")
        size = DEFAULT_SHARD_SIZE
    return SearchSettings(shard_size=size)
