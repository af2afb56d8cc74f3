"""A story's file moved to another folder or renamed, its address kept (it has a
`slug:`, or the file name gives the same one): the story stays where it is, its
register line names the new file, the summary says `file moved`. The quick path takes
it as an edit of the story at its new path (build/moved_files.py), its stored pages
found by the old path, the memo given the new paths (plan/moving.py); each build gives
a fresh checkout's output, tracked files and warnings. What it cannot tell goes the
whole way."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build.memos import Settled, stored
from generator.cache.store import Cache
from generator.content.register import REGISTER
from tests.conftest import SiteMaker, hashes
from tests.test_photos_unshown import _start
from tests.test_register import _preview
from tests.test_relisted import _archive, _built, _path, _set
from tests.test_search import needs_pagefind, searchable
from tests.test_withdrawn import (
    Change,
    _featured,
    changed_in,
    keyed_as_the_whole_way,
    left_both_ways,
)
from tools.demo_photos import make_photo


def _move(site: SiteMaker, n: int, to: str) -> None:
    """Story `n`'s file moved to `to` (under content/articles/)."""
    target = site.root / "content/articles" / to
    target.parent.mkdir(parents=True, exist_ok=True)
    _path(site, n).rename(target)


def _edit(site: SiteMaker, n: int) -> None:
    path = _path(site, n)
    path.write_text(path.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")


def _late(site: SiteMaker) -> None:
    site.article("2024/02/susulan", "Susulan", "2024-02-20T10:00:00+07:00", tags="[Tag 1]",
                 authors="[Hmz]", section="Kota")


# The archive of test_relisted: 24 stories a00..a23 in content/articles/2024/MM/, story
# n on 2024-MM-(n+1) at 08:00, nine a month from January, each with a `slug:`; story 5
# withdrawn, 24 a draft. Each case: a change built first (or None), then the move.
QUICK: dict[str, tuple[Change | None, Change]] = {
    "a file moved to another month's folder": (None, lambda s: _move(s, 13, "2024/01/a13.md")),
    "a file renamed": (None, lambda s: _move(s, 13, "2024/02/banjir-cempaka.md")),
    # (given first among the sources now: every shape before it one later)
    "a file renamed to sort first": (None, lambda s: _move(s, 13, "0000/a13.md")),
    "a file moved to its own folder": (None, lambda s: _move(s, 4, "arsip/2024/a04.md")),
    # (the register's newest article: what comes next is dated after it by its new path)
    "the newest story's file": (None, lambda s: _move(s, 23, "2024/03/z23.md")),
    "two files in one build": (None, lambda s: _move(s, 13, "2024/03/b13.md")
                               or _move(s, 20, "2024/01/b20.md")),
    "beside an edit": (None, lambda s: _move(s, 13, "2024/01/a13.md") or _edit(s, 20)),
    "its text corrected as it moves": (None, lambda s: _edit(s, 13)
                                       or _move(s, 13, "2024/01/a13.md")),
    "a featured story": (_featured, lambda s: _move(s, 10, "2024/01/a10.md")),
    # (the newest of sealed pages, now given later: the pages stay sealed at it)
    "a file ending sealed pages, given later": (None, lambda s: _move(s, 10, "2024/03/b10.md")),
    # (its `late` line keeps its date, naming the new file)
    "a story filed late": (_late, lambda s: (s.root / "content/articles/2024/02/susulan.md")
                           .rename(s.root / "content/articles/2024/01/susulan.md")),
    # (its warnings name the new file: a key misspelt, a tag spelt like another's)
    "a story with warnings": (lambda s: _set(s, 13, "tags", "[Tag O]\nsecton: Kota"),
                              lambda s: _move(s, 13, "2024/03/b13.md")),
}

WHOLE: dict[str, tuple[Change | None, Change]] = {
    # (its slug came from the old file name: a new address, the old one redirects)
    "a file renamed, its address from the file name": (
        lambda s: s.article("2024/02/banjir", "Banjir", "2024-02-20T10:00:00+07:00",
                            tags="[Tag 1]", slug=""),
        lambda s: (s.root / "content/articles/2024/02/banjir.md").rename(
            s.root / "content/articles/2024/02/banjir-besar.md")),
    # (the order is by date, then by path: moved past a story of its date)
    "moved past a story of its date": (
        lambda s: s.article("2024/02/m13", "Sama", "2024-02-14T08:00:00+07:00",
                            tags="[Tag 1]"),
        lambda s: _move(s, 13, "2024/02/z13.md")),
    "beside today's news": (None, lambda s: _move(s, 13, "2024/01/a13.md") or s.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]")),
    "retagged as it moves": (None, lambda s: _set(s, 13, "tags", "[Tag 0]")
                             or _move(s, 13, "2024/01/a13.md")),
    "beside a deletion": (None, lambda s: _move(s, 13, "2024/01/a13.md")
                          or _path(s, 14).unlink()),
    "a withdrawn story's file": (None, lambda s: _move(s, 5, "2024/02/b05.md")),
    "a draft's file": (None, lambda s: _move(s, 24, "2024/02/b24.md")),
}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_file_moved_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive, when a story's file is moved or renamed, its address kept,
    # then the quick path writes what a fresh checkout has (nothing but what changed with
    # it) and the register names the new file
    changed_in(site, make_site, QUICK[name], quick=True)
    refiled = site.result.article_changes.refiled
    assert refiled
    register = (site.root / REGISTER).read_text(encoding="utf-8")
    for change in refiled:
        assert f" {change.path}\n" in register and f" {change.old_path}\n" not in register
    # And today's news after it does too, another story edited, the moved one edited
    # (its stored pages found by its new path), and a whole-way build then writes nothing
    _built(site, make_site, lambda: site.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 2]"), "news")
    _built(site, make_site, lambda: _edit(site, 14), "edit")
    moved = site.root / refiled[0].path
    _built(site, make_site, lambda: moved.write_text(
        moved.read_text(encoding="utf-8") + "\nRalat kedua.\n", encoding="utf-8"), "again")
    assert [c.path for c in site.result.article_changes.changed] == [refiled[0].path]
    assert not site.build(quick=False).written


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_move_the_quick_path_cannot_tell_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    changed_in(site, make_site, WHOLE[name], quick=False)
    assert not site.result.quick


@pytest.mark.parametrize("name", [
    "a file renamed to sort first", "two files in one build", "the newest story's file",
    "a story filed late", "a story with warnings", "a file ending sealed pages, given later"])
def test_the_next_build_starts_from_the_site_the_whole_way_leaves(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive and its twin, when a file is moved in both, built the quick
    # way in one, the whole way in the other
    quick, whole = left_both_ways(site, make_site, QUICK[name])
    # Then both leave the same site memo (the shapes in the new paths' order) and the
    # same `Settled` row (the order, warnings, register, sealed pages and the lists'
    # newest bounds), but for the cache's load count
    assert quick.memo == whole.memo
    assert replace(quick.settled, loads=0) == replace(whole.settled, loads=0)
    # And the cache knows the files by their new paths
    assert quick.sources == whole.sources


def test_the_summary_names_the_file_moved_and_the_register_the_new_file(
        site: SiteMaker) -> None:
    _archive(site)
    site.build()
    old = _path(site, 13).relative_to(site.root).as_posix()
    _move(site, 13, "2024/01/a13.md")
    result = site.build()
    assert result.quick
    (change,) = result.article_changes.refiled
    assert (change.old_path, change.path, change.url) == (
        old, "content/articles/2024/01/a13.md", "/2024/02/artikel-13/")
    assert not result.article_changes.added and not result.article_changes.removed
    assert str(change).endswith(f": {old} \u2192 content/articles/2024/01/a13.md")
    line = "/2024/02/artikel-13/ article content/articles/2024/01/a13.md\n"
    assert line in (site.root / REGISTER).read_text(encoding="utf-8")
    assert not result.written


def test_a_file_moved_in_a_preview_goes_the_whole_way_and_the_build_after_it_is_quick(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (A preview writes no register: the next build that does names the new file.)
    _archive(site)
    site.build()
    _move(site, 13, "2024/01/a13.md")
    assert not _preview(site).quick
    _built(site, make_site, lambda: None, "after the preview", quick=False)
    assert site.result.article_changes.refiled


SEARCHED_QUICK: dict[str, Change] = {
    "an old story: its full shard afresh": lambda s: _move(s, 13, "2024/01/a13.md"),
    "the newest story: its small shard": lambda s: _move(s, 23, "2024/03/z23.md"),
    "two stories of two shards": lambda s: _move(s, 9, "arsip/a09.md")
    or _move(s, 17, "arsip/a17.md"),
}


@needs_pagefind
@pytest.mark.parametrize("name", sorted(SEARCHED_QUICK))
def test_a_file_moved_with_search_on_keys_the_shards_as_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    keyed_as_the_whole_way(site, make_site, SEARCHED_QUICK[name])


@needs_pagefind
def test_a_file_that_seals_a_search_shard_goes_the_whole_way(site: SiteMaker) -> None:
    # (In shards of two, story 12 is the newest of its full shard: the shard's bound
    # names its file.)
    _archive(site)
    searchable(site)
    site.build()
    _move(site, 12, "2024/01/a12.md")
    result = site.build()
    assert not result.quick and result.article_changes.refiled
    again = site.build(quick=False)
    assert not again.written and again.search_indexed == () and not again.search_corrected


@needs_pagefind
def test_a_file_moved_past_a_search_shards_bound_of_its_old_name_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given story 12's file renamed to sort first (the whole way: it sealed its shard,
    # whose bound keeps its old name)
    _archive(site)
    searchable(site)
    site.build()
    folder = _path(site, 12).parent
    (folder / "a12.md").rename(folder / "0a12.md")
    assert not site.build().quick
    # When it is renamed again to sort after that bound, then it crosses it: the whole
    # way cuts the shards there, and the quick path leaves it to the whole way
    (folder / "0a12.md").rename(folder / "za12.md")
    twin = make_site("twin")
    shutil.copytree(site.root, twin.root, dirs_exist_ok=True)
    result = site.build()
    assert not result.quick and result.article_changes.refiled
    twin.build(quick=False)
    keys = [stored(Cache(s.root / ".warta/cache.sqlite"), "settled:output") for s in (site, twin)]
    assert isinstance(keys[0], Settled) and isinstance(keys[1], Settled)
    assert keys[0].search == keys[1].search
    again = site.build(quick=False)
    assert not again.written and again.search_indexed == () and not again.search_corrected


def test_a_story_with_photos_moved_keeps_them_and_a_photo_changed_after_it_shows(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given stories showing photos (one shown by two)
    _start(site)
    site.build()
    # When their files move, then the quick path gives a fresh checkout's output
    articles = site.root / "content/articles"
    (articles / "2024").mkdir()
    _built(site, make_site, lambda: (articles / "satu.md").rename(articles / "2024/satu.md")
           or (articles / "dua.md").rename(articles / "2024/dua.md"), "moved")
    # And a photo they show changed in place after it reaches both pages again
    written = _built(site, make_site, lambda: make_photo(
        site.root / "content/media/2024/satu.jpg", (1500, 1000), seed=9), "cropped",
        quick=False)
    assert {"2024/03/satu/index.html", "2024/03/dua/index.html"} <= written
    assert not site.build(quick=False).written


def test_a_file_moved_past_the_end_of_another_storys_sealed_page_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given story 10 ending sealed pages (its author's, page_size 3), a story of its date
    # and author filed before it by path, and story 10 deleted (its pages stay sealed at
    # it)
    _archive(site)
    site.build()
    ten = _path(site, 10).relative_to(site.root).as_posix()
    assert f" {ten}\n" in (site.root / "content/list-pages.txt").read_text(encoding="utf-8")
    twin = "2024/02/a0-kembar"
    _built(site, make_site, lambda: site.article(
        twin, "Kembar", "2024-02-11T08:00:00+07:00", tags="[Tag 1]", authors="[Ulm]",
        section="Kota"), "filed")
    _built(site, make_site, lambda: _path(site, 10).unlink(), "deleted")
    # When its file is renamed to sort after story 10's, then it crosses that end: the
    # whole way moves it to the next page
    _built(site, make_site, lambda: (site.root / f"content/articles/{twin}.md").rename(
        site.root / "content/articles/2024/02/b-kembar.md"), "moved", quick=False)
    assert not site.result.quick
    assert site.result.written


def _chain(site: SiteMaker) -> None:
    # (story 10's file renamed to sort later, story 11's given story 10's old name)
    folder = _path(site, 10).parent
    (folder / "a10.md").rename(folder / "z10.md")
    (folder / "a11.md").rename(folder / "a10.md")


def _trade(site: SiteMaker) -> None:
    folder = _path(site, 10).parent
    (folder / "a10.md").rename(folder / "t.md")
    (folder / "a11.md").rename(folder / "a10.md")
    (folder / "t.md").rename(folder / "a11.md")


TRADED: dict[str, Change] = {"a chain of renames": _chain, "two files traded": _trade}


@pytest.mark.parametrize("name", sorted(TRADED))
def test_files_that_change_stories_keep_each_storys_sealed_pages(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given story 10 ending sealed pages
    _archive(site)
    site.build()
    pages = site.root / "content/list-pages.txt"
    ten = _path(site, 10).relative_to(site.root).as_posix()
    assert f" {ten}\n" in pages.read_text(encoding="utf-8")
    # When files trade stories (a file that was one story's holds another's), then the
    # whole way gives a fresh checkout's output, no page changing, and the pages stay
    # sealed at story 10 under its file now
    written = _built(site, make_site, lambda: TRADED[name](site), "traded", quick=False)
    assert not {p for p in written if p.endswith(".html")}, written
    now = ten.replace("a10.md", {"a chain of renames": "z10.md",
                                 "two files traded": "a11.md"}[name])
    assert f" {now}\n" in pages.read_text(encoding="utf-8")
    assert not site.build(quick=False).written


def test_a_preview_after_one_that_followed_a_moved_file_shows_what_the_whole_way_shows(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a published archive, a story ending sealed pages moved to sort later and
    # previewed (the whole way: the pages stay sealed at it, the file unwritten names
    # its old path)
    _archive(site)
    site.build()
    pages = (site.root / "content/list-pages.txt").read_text(encoding="utf-8")
    assert f" {_path(site, 16).relative_to(site.root).as_posix()}\n" in pages
    _move(site, 16, "arsip/a16.md")
    assert not _preview(site).quick
    # When another story of its lists is deleted and previewed, then the preview shows
    # what the whole way shows from nothing
    _path(site, 10).unlink()
    _preview(site)
    whole = site.build(output_dir=tmp_path / "whole", keep_register=False, quick=False)
    assert hashes(site.root / "preview") == hashes(tmp_path / "whole")
    assert (site.root / "content/list-pages.txt").read_text(encoding="utf-8") == pages
    # And `warta build` then writes the file naming the new path
    assert not whole.quick
    site.build()
    assert " content/articles/arsip/a16.md\n" in (
        site.root / "content/list-pages.txt").read_text(encoding="utf-8")
