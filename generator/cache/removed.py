"""The article files removed since a build last wrote the register of published
addresses, held in the cache for the next build that writes it.

A renamed file is told from a removed one and an added one with the same date and
the same body or title (build/addresses.py `renames`), and only the cache knows the
removed file's record. Every load saves the sources as it found them, and forgets
the removed ones: a build that does not write the register (a preview, `--drafts`,
`warta check`, one that fails on an error) would otherwise leave the next build a
published file that vanished and a new one dated before the newest, a gone notice
and a story filed late instead of a redirect. So each load holds what it removed
(build/commit.py `save_sources`) and the next build that writes the register lets it
go (`BuildRecords.memos`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from generator.content.source_record import SourceRecord

HELD = "removed-articles"
"""The memo (build/memos.py) holding the `RemovedArticle`s, oldest removal first."""


@dataclass(frozen=True)
class RemovedArticle:
    """What tells an article whose file was removed from the same article renamed."""

    path: str
    """Its source file, relative to the site folder."""
    date: datetime
    """Its date: a rename keeps it."""
    title: str
    """Its title."""
    body_hash: str
    """The hash of its rendered body (empty for an empty body)."""


def removed_articles(records: Iterable[SourceRecord]) -> tuple[RemovedArticle, ...]:
    """The articles of the removed sources' `records` (files that were not articles, or
    failed to parse, tell no rename)."""
    return tuple(RemovedArticle(a.path, a.date, a.title, a.body_hash)
                 for record in records if (a := record.article) is not None)


def still_held(held: Iterable[RemovedArticle], removed: Iterable[RemovedArticle],
               present: Iterable[str]) -> tuple[RemovedArticle, ...]:
    """`held` and then `removed`, one per path (the later removal wins), without those
    whose file is `present` again."""
    found = set(present)
    by_path = {item.path: item for item in (*held, *removed)}
    return tuple(item for path, item in by_path.items() if path not in found)
