"""The records of the sources changed since a build last wrote the register of
published addresses, as that build left them: what the next such build's summary
names its changes against (build/article_changes.py).

Every load saves the sources as it found them (build/commit.py `save_sources`). A
load that publishes nothing (a build that fails on an error, `warta check`, a
`warta serve` preview, `warta build --drafts`) would then leave the next build
comparing with what it saw, not with what was published: a new story whose first
build failed was named `changed`, a live one whose edit failed to parse for one
build named `added`, a correction saved before a failed build named not at all.
So each load holds, for each source it parsed again or found removed, the record
the cache had before (none for a file new to it), unless the path is held already
(the oldest record is the published one: a file gone and back is compared with it);
so does the quick path of a build that writes no register, for the files it parsed
(build/quick.py). The next build that writes the register names its changes against
them and lets them go, as cache/removed.py does for removed files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.source_record import SourceRecord

HELD_RECORDS = "records-before"
"""The memo (build/memos.py) holding the `HeldRecord`s, by path."""


@dataclass(frozen=True)
class HeldRecord:
    """One source as the last build that wrote the register left it."""

    path: str
    """Its source file, relative to the site folder."""
    record: SourceRecord | None
    """Its record then; None for a file that build did not know."""


def still_held_records(held: Iterable[HeldRecord], changed: Iterable[HeldRecord]
                       ) -> tuple[HeldRecord, ...]:
    """`held`, then those of `changed` whose path it does not hold: one per path, the
    first kept, in path order."""
    by_path: dict[str, HeldRecord] = {}
    for item in (*held, *changed):
        by_path.setdefault(item.path, item)
    return tuple(by_path[path] for path in sorted(by_path))
