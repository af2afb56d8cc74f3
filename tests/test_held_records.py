"""The records held for the summary of the next build that writes the register
(cache/held_records.py): the first record of each path is the published one."""

from __future__ import annotations

from generator.cache.held_records import HeldRecord, still_held_records
from generator.content.source_record import SourceRecord


def test_the_first_record_of_a_path_is_kept_in_path_order() -> None:
    published = SourceRecord()
    held = (HeldRecord("content/articles/b.md", published),)
    later = [HeldRecord("content/articles/b.md", None), HeldRecord("content/articles/a.md", None)]
    assert still_held_records(held, later) == (
        HeldRecord("content/articles/a.md", None),
        HeldRecord("content/articles/b.md", published))
    assert still_held_records((), ()) == ()
