"""A story deleted: its file removed (a duplicate an import brought, a story published
by mistake). Its address answers the gone notice and the register says `gone` with its
file. The quick path plans it as a story withdrawn (out of every list: build/relisted.py
`deleting`), its address answering the notice instead of its page, and the next build
starts from the site without it (plan/deletion.py); each build gives a fresh checkout's
output, tracked files and warnings. What it cannot tell goes the whole way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SiteMaker, hashes
from tests.test_register import _preview
from tests.test_relisted import _archive, _built, _path, _set, _tag
from tests.test_search import needs_pagefind
from tests.test_withdrawn import (
    Change,
    _featured,
    changed_in,
    keyed_as_the_whole_way,
    left_both_ways,
)


def _delete(site: SiteMaker, *stories: int) -> None:
    for n in stories:
        _path(site, n).unlink()


def _edit(site: SiteMaker, n: int) -> None:
    path = _path(site, n)
    path.write_text(path.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")


# The archive of test_relisted: 24 stories, story n on 2024-MM-(n+1) at 08:00, nine a
# month from January, in three sections, by two authors (n odd: Hmz), three tags;
# page_size 3; story 5 withdrawn already, 24 a draft. Each case: a change built first
# (or None), then the deletion.
QUICK: dict[str, tuple[Change | None, Change]] = {
    "an old story": (None, lambda s: _delete(s, 13)),
    # (it ends sealed pages of the archive and its section: they keep it as their end)
    "a story ending sealed pages": (None, lambda s: _delete(s, 9)),
    "two stories in one build": (None, lambda s: _delete(s, 13, 17)),
    "the story before the newest": (None, lambda s: _delete(s, 22)),
    # (published by mistake, deleted at once: the site's newest date moves back)
    "the newest story": (None, lambda s: _delete(s, 23)),
    "the two newest stories": (None, lambda s: _delete(s, 22, 23)),
    # (the home page's picks)
    "a featured story": (_featured, lambda s: _delete(s, 10)),
    # (its tag's list ends: its addresses answer the gone notice too)
    "the only story of a tag": (lambda s: _tag(s, 12, "[Tag 0, Longsor]"),
                                lambda s: _delete(s, 12)),
    "beside an edit": (None, lambda s: _delete(s, 13) or _edit(s, 20)),
    # (a story filed late: the next one filed late comes after the newest's date again)
    "a story filed late": (lambda s: s.article(
        "2024/02/susulan", "Susulan", "2024-02-20T10:00:00+07:00", tags="[Tag 1]",
        authors="[Hmz]", section="Kota"), lambda s: (s.root / "content/articles/2024/02/"
                                                     "susulan.md").unlink()),
    # (its warnings go with it: a key misspelt, a tag spelt like another's)
    "a story with warnings": (lambda s: _set(s, 13, "tags", "[Tag O]\nsecton: Kota"),
                              lambda s: _delete(s, 13)),
}

WHOLE: dict[str, tuple[Change | None, Change]] = {
    # (the first story of a byline: the next one's spelling titles the author's page)
    "an author's first story": (None, lambda s: _delete(s, 1)),
    "a withdrawn story": (None, lambda s: _delete(s, 5)),
    "a draft": (None, lambda s: _delete(s, 24)),
    # (a file moved or renamed: tests/test_moved_files.py)
    "beside today's news": (None, lambda s: _delete(s, 13) or s.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]")),
}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_story_deleted_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive, when a story's file is removed, then the quick path writes
    # what a fresh checkout has: the gone notice at its address, the lists and feeds it
    # leaves, its neighbours' pages, the register's `gone` line
    differ = changed_in(site, make_site, QUICK[name], quick=True)
    assert any(p.startswith("arsip/") for p in differ), differ
    # And today's news after it does too, a story edited, and a whole-way build then
    # writes nothing
    _built(site, make_site, lambda: site.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 2]"), "news")
    _built(site, make_site, lambda: _edit(site, 14), "edit")
    assert not site.build(quick=False).written


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_deletion_the_quick_path_cannot_tell_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    changed_in(site, make_site, WHOLE[name], quick=False)
    assert not site.result.quick


@pytest.mark.parametrize("name", ["an old story", "two stories in one build",
                                  "the only story of a tag", "the newest story",
                                  "the two newest stories", "a story filed late"])
def test_the_next_build_starts_from_the_site_the_whole_way_leaves(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive and its twin, when a story is deleted in both, built the
    # quick way in one, the whole way in the other
    quick, whole = left_both_ways(site, make_site, QUICK[name])
    # Then both leave the same site memo (every later index one lower) and order
    assert quick.memo.site == whole.memo.site
    assert (quick.memo.shapes, quick.memo.order) == (whole.memo.shapes, whole.memo.order)
    # (The newest left dates what comes next: today's news after it, stories filed late
    # before it.)
    assert (quick.memo.known_until, quick.memo.late_after) == (whole.memo.known_until,
                                                                whole.memo.late_after)
    assert quick.settled.order == whole.settled.order
    assert quick.settled.sources == whole.settled.sources
    # And the cache forgets their files
    assert quick.sources == whole.sources


SEARCHED: dict[str, Change] = {
    "an old story": lambda s: _delete(s, 13),
    "the first story of the index": lambda s: _delete(s, 2),
    "two stories of two shards": lambda s: _delete(s, 9, 17),
    "beside an edit in its shard": lambda s: _delete(s, 13) or _edit(s, 14),
}


@needs_pagefind
@pytest.mark.parametrize("name", sorted(SEARCHED))
def test_a_story_deleted_with_search_on_keys_the_shards_as_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    keyed_as_the_whole_way(site, make_site, SEARCHED[name])


def test_a_deleted_story_leaves_the_gone_notice_and_a_gone_line(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _archive(site)
    site.build()
    url = "/2024/02/artikel-13/"
    file = _path(site, 13).relative_to(site.root).as_posix()
    _built(site, make_site, lambda: _delete(site, 13), "deleted")
    assert site.result.addresses.gone == (url,)
    assert [c.path for c in site.result.article_changes.removed] == [file]
    assert f"{url} gone {file}\n" in site.read("../content/published-urls.txt")
    assert url not in site.read("sitemap.xml")
    assert "artikel-13" not in site.read("arsip/page/5/index.html")
    assert "noindex" in site.read(url.strip("/") + "/index.html")
    assert f"{url} /410.html 410!" in site.read("_redirects")


def test_after_the_newest_story_deleted_news_and_stories_filed_late_date_from_the_one_left(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the newest story (2024-03-24) deleted at once
    _archive(site)
    site.build()
    _built(site, make_site, lambda: _delete(site, 23), "deleted")
    # When a story comes dated before its date but after the one left (2024-03-23), then
    # it is today's news, as a fresh checkout has it (the whole way: it joins the sealed
    # page the deleted story ended, `pagination.JoinsSealedPage`)
    _built(site, make_site, lambda: site.article(
        "2024/03/malam", "Malam", "2024-03-23T20:00:00+07:00", tags="[Tag 1]"), "news",
        quick=False)
    # And one dated before that is a story filed late after it, on the quick path
    _built(site, make_site, lambda: site.article(
        "2024/03/susulan", "Susulan", "2024-03-20T10:00:00+07:00", tags="[Tag 1]"), "late")
    register = site.read("../content/published-urls.txt")
    assert "/2024/03/malam/ article " in register
    assert "/2024/03/susulan/ late 2024-03-23T20:00:00+07:00 " in register


def test_a_story_deleted_in_the_preview_is_quick_and_a_rename_after_it_still_redirects(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a published archive and its preview (`warta serve`: the register read, never
    # written)
    _archive(site)
    site.build()
    register = (site.root / "content/published-urls.txt").read_text(encoding="utf-8")
    _preview(site)
    # When a story's file is removed, then the preview takes the quick path and shows
    # what the whole way shows from nothing, the register as it was
    old = _path(site, 13)
    text = old.read_text(encoding="utf-8")
    old.unlink()
    assert _preview(site).quick
    whole = site.build(output_dir=tmp_path / "whole", keep_register=False, quick=False)
    assert not whole.quick
    assert hashes(site.root / "preview") == hashes(tmp_path / "whole")
    assert (site.root / "content/published-urls.txt").read_text(encoding="utf-8") == register
    # And when the story comes back under another name, `warta build` tells the rename
    # (the cache held the removal the preview saw): its old address redirects
    old.with_name("a13-baru.md").write_text(text.replace("slug: artikel-13\n", ""),
                                            encoding="utf-8")
    result = site.build()
    assert not result.quick
    assert [moved for moved in result.addresses.moved if "artikel-13" in moved[0]]


def test_the_registers_newest_deleted_in_the_preview_beside_news_goes_the_whole_way(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a published archive (its newest story filling a page of each of its lists)
    # and news previewed after it (filling none)
    _archive(site)
    extra = site.article("2024/03/ekstra", "Ekstra", "2024-03-25T08:00:00+07:00",
                         tags="[Tag 0]")
    site.build()
    site.article("2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 2]")
    _preview(site)
    # When the newest published story is deleted, then the preview goes the whole way
    # (the register, unwritten, names which story the next filed late comes after)
    extra.unlink()
    assert not _preview(site).quick
