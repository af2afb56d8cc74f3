"""Files moved, as pure functions: the sealed pages' boundaries follow a moved file
(content/list_pages.py `followed`, the whole way's, and `with_followed` on the file's
text, the quick path's: both give one text). The memo the quick path leaves
(plan/moving.py `memo_moved`) is compared with the whole way's in
tests/test_moved_files.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from generator.content.list_pages import (
    HEADER,
    followed,
    format_list_pages,
    parse_list_pages,
    with_followed,
)

WIB = timezone(timedelta(hours=7))
DAY = datetime(2024, 2, 11, 8, 0, tzinfo=WIB)


def test_a_moved_file_keeps_the_pages_it_sealed_in_both_ways_of_writing_the_file() -> None:
    old, new = "content/articles/2024/02/a10.md", "content/articles/arsip/a10.md"
    other = "content/articles/2024/02/a11.md"
    boundaries = {"/arsip/": ((DAY, old), (DAY + timedelta(days=1), other)),
                  "/tag/banjir/": ((DAY, old),),
                  # (a page sealed at its path on another date: another story, kept)
                  "/tag/lain/": ((DAY - timedelta(days=3), old),)}
    text = format_list_pages(boundaries)
    moved = {old: (DAY, new)}
    after = followed(parse_list_pages(text)[0], moved)
    assert after["/arsip/"] == ((DAY, new), (DAY + timedelta(days=1), other))
    assert after["/tag/banjir/"] == ((DAY, new),)
    assert after["/tag/lain/"] == ((DAY - timedelta(days=3), old),)
    assert with_followed(text, moved) == format_list_pages(after)
    # (a story whose date changed as its file moved takes its place by the new one)
    assert followed(boundaries, {old: (DAY + timedelta(hours=1), new)}) == boundaries
    assert with_followed(HEADER, moved) == HEADER
