"""A scheduled story coming due (build/quick_changes.with_due, plan/site_memo.came_due): the
clock publishes it on the quick path, as a draft published joins the site; the output
and the register are those of the whole way, and both name it as added."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime

from generator.build.pipeline import BuildResult
from tests.conftest import SiteMaker, fresh_checkout, hashes, settings

NOW = datetime(2024, 3, 19, 12, 0, tzinfo=UTC)
SOON = "2024-03-20T06:00:00+07:00"  # 2024-03-19 23:00 UTC
LATER = "2024-03-22T06:00:00+07:00"



def _newsroom(site: SiteMaker) -> None:
    """Eight stories (lists of 3), one with an old address, feeds and sitemaps, and two
    scheduled: the first with a tag of its own, a byline and an old address."""
    settings(site, outputs="feeds = true\nsitemaps = true\n")
    for n in range(1, 9):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{10 + n:02d}T08:00:00+07:00",
                     body=f"Isi berita {n}.\n", tags=f"[Kota, Topik {n % 2}]", authors="[Hmz]",
                     aliases="[/lama/satu/]" if n == 1 else "[]")
    site.article("2024/03/pagi", "Terbit Pagi", SOON, tags="[Kota, Pasar]", authors="[Ulm]",
                 aliases="[/lama/pagi/]")
    site.article("2024/03/lusa", "Terbit Lusa", LATER, tags="[Topik 1]")


def _at(when: str) -> datetime:
    return datetime.fromisoformat(when)


def _whole_way(site: SiteMaker, make_site: Callable[[str], SiteMaker], name: str,
               now: datetime, with_cache: bool) -> tuple[SiteMaker, BuildResult]:
    """A copy of `site` built the whole way at `now`: with its output and cache (what
    the summary says), or from a fresh checkout (what the output must be)."""
    copy = make_site(name)
    if with_cache:
        shutil.rmtree(copy.root, ignore_errors=True)
        shutil.copytree(site.root, copy.root)
    else:
        fresh_checkout(site, copy)
    return copy, copy.build(now=now, quick=False)


def _same_as_a_fresh_checkout(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                              now: datetime) -> None:
    clean, _ = _whole_way(site, make_site, "clean", now, with_cache=False)
    assert hashes(clean.output) == hashes(site.output)
    for name in ("published-urls.txt", "list-pages.txt"):
        assert (clean.root / "content" / name).read_bytes() == (
            site.root / "content" / name).read_bytes()


def test_a_story_coming_due_is_published_on_the_quick_path(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with two stories scheduled
    _newsroom(site)
    first = site.build(now=NOW)
    assert first.next_due == _at(SOON)
    assert not (site.output / "2024/03/terbit-pagi").exists()
    before = hashes(site.output)
    # When the clock passes the first one's moment, nothing else changed
    now = _at("2024-03-20T07:00:00+07:00")
    whole = _whole_way(site, make_site, "whole", now, with_cache=True)[1]
    result = site.build(now=now)
    # Then the quick path publishes it, writing only what changed, and waits for the next
    assert result.quick and result.parsed == 0
    assert result.next_due == whole.next_due == _at(LATER)
    after = hashes(site.output)
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert {"2024/03/terbit-pagi/index.html", "lama/pagi/index.html", "tag/pasar/index.html",
            "index.html", "feed.xml"} <= set(result.written)
    # And the summary names it as added, as the whole way does, and the output and the
    # register are the whole way's
    assert [str(c) for c in result.article_changes.added] == [
        "Terbit Pagi (/2024/03/terbit-pagi/)"]
    assert result.article_changes == whole.article_changes
    assert result.articles == whole.articles == 9
    _same_as_a_fresh_checkout(site, make_site, now)
    # And the next one comes due the quick way too, with nothing left waiting
    now = _at("2024-03-22T06:00:00+07:00")
    result = site.build(now=now)
    assert result.quick and result.next_due is None
    assert "2024/03/terbit-lusa/index.html" in result.written
    _same_as_a_fresh_checkout(site, make_site, now)


def test_stories_coming_due_beside_an_edit_of_one_a_new_file_and_a_story_filed_late(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with two stories scheduled
    _newsroom(site)
    site.build(now=NOW)
    # When both come due in one build, one of them corrected meanwhile (its shape kept),
    # beside today's news and a story filed late
    pagi = site.root / "content/articles/2024/03/pagi.md"
    pagi.write_text(pagi.read_text(encoding="utf-8").replace(
        "Paragraf pembuka.", "Paragraf yang diperbaiki."), encoding="utf-8")
    site.article("2024/03/baru", "Kabar Baru", "2024-03-22T09:00:00+07:00", tags="[Kota]")
    site.article("2024/03/susulan", "Kabar Susulan", "2024-03-12T09:00:00+07:00",
                 tags="[Kota]")
    now = _at("2024-03-22T10:00:00+07:00")
    whole = _whole_way(site, make_site, "whole", now, with_cache=True)[1]
    result = site.build(now=now)
    # Then the quick path publishes them all, names what the whole way names, and the
    # output and register are a fresh checkout's
    assert result.quick and result.parsed == 3
    assert result.next_due is None
    assert result.article_changes == whole.article_changes
    assert [c.url for c in result.article_changes.added] == [
        "/2024/03/kabar-baru/", "/2024/03/terbit-lusa/", "/2024/03/terbit-pagi/",
        "/2024/03/kabar-susulan/"]  # (by file: baru, lusa, pagi, susulan)
    assert result.article_changes.changed == ()
    assert "Paragraf yang diperbaiki." in site.read("2024/03/terbit-pagi/index.html")
    _same_as_a_fresh_checkout(site, make_site, now)


def test_a_story_scheduled_by_the_quick_path_comes_due_on_it(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive, then a story and a draft scheduled in builds of their own
    _newsroom(site)
    site.build(now=NOW)
    site.article("2024/03/malam", "Terbit Malam", "2024-03-20T20:00:00+07:00",
                 tags="[Kota]")
    assert site.build(now=NOW).quick
    draft = site.article("2024/03/draf", "Draf Terjadwal", "2024-03-21T06:00:00+07:00",
                         draft="true")
    assert site.build(now=NOW).quick
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", ""),
                     encoding="utf-8")
    scheduled = site.build(now=NOW)  # (a draft published with a date still ahead)
    assert scheduled.quick and scheduled.next_due == _at(SOON)
    assert scheduled.article_changes.added == ()
    # When the clock passes them all but the last
    now = _at("2024-03-21T07:00:00+07:00")
    result = site.build(now=now)
    # Then the quick path publishes the three, as a fresh checkout builds them
    assert result.quick and result.next_due == _at(LATER)
    assert {"2024/03/terbit-pagi/index.html", "2024/03/terbit-malam/index.html",
            "2024/03/draf-terjadwal/index.html"} <= set(result.written)
    _same_as_a_fresh_checkout(site, make_site, now)


def test_a_story_that_came_due_and_was_deleted_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (a removed file always does: the register keeps its address if it had one)
    _newsroom(site)
    site.build(now=NOW)
    (site.root / "content/articles/2024/03/pagi.md").unlink()
    now = _at("2024-03-21T07:00:00+07:00")
    result = site.build(now=now)
    assert not result.quick and result.next_due == _at(LATER)
    assert not (site.output / "2024/03/terbit-pagi").exists()
    _same_as_a_fresh_checkout(site, make_site, now)
