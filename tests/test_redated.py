"""A story's time corrected (its address kept): the quick path takes it when the story
keeps its place in the site and on its list pages (plan/relisting.py `redated`,
build/quick_plan.py), and gives a fresh checkout's output, tracked files and warnings;
otherwise the whole way does."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from tests.conftest import SiteMaker
from tests.test_relisted import (
    NAMES,
    _archive,
    _built,
    _fuller_archive,
    _move,
    _path,
    _section,
)
from tests.test_search import needs_pagefind, seven_news


def _date(site: SiteMaker, n: int, to: str) -> None:
    """Story `n`'s `date:` set to `to` (its frontmatter otherwise kept)."""
    path = _path(site, n)
    text = path.read_text(encoding="utf-8")
    start = text.index("date: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"date: {to}" + text[end:], encoding="utf-8")


def _bound(site: SiteMaker, n: int) -> bool:
    """Whether story `n` ends a sealed page of some list."""
    return f"a{n:02d}.md" in (site.root / "content/list-pages.txt").read_text(encoding="utf-8")


# The archive of test_relisted: 24 stories, story n on 2024-MM-(n+1) at 08:00, nine a
# month from January; page_size 3.
QUICK: dict[str, Callable[[SiteMaker], None]] = {
    # An hour's typo: the story stays between its neighbours (and ends no page).
    "a time corrected": lambda s: _date(s, 3, "2024-01-04T10:15:00+07:00"),
    # Earlier by a few hours (a story ending pages stays on them).
    "a time corrected earlier": lambda s: _date(s, 13, "2024-02-14T06:30:00+07:00"),
    # The newest story's time, earlier: it stays the newest.
    "the newest story's time": lambda s: _date(s, 23, "2024-03-24T07:00:00+07:00"),
    # Later: past the end of the pages it filled, it opens the next ones.
    "the newest story's time later": lambda s: _date(s, 23, "2024-03-24T21:00:00+07:00"),
    # A story ending pages moved later, and one before it moved earlier, in one build.
    "two times across page ends": lambda s: _date(s, 13, "2024-02-14T15:00:00+07:00")
    or _date(s, 10, "2024-02-11T06:00:00+07:00"),
    # Two stories' times in one build.
    "two times": lambda s: _date(s, 3, "2024-01-04T12:00:00+07:00") or _date(
        s, 16, "2024-02-17T07:00:00+07:00"),
    # A story's time given later in its day.
    "a time given": lambda s: _date(s, 8, "2024-01-09T16:45:00+07:00"),
}

WHOLE: dict[str, Callable[[SiteMaker], None]] = {
    # Past another story (the oldest past the next one, neither ending a page): its
    # place in the site changes.
    "past the next story": lambda s: _date(s, 0, "2024-01-02T09:00:00+07:00"),
    "past the story before": lambda s: _date(s, 1, "2024-01-01T07:00:00+07:00"),
    # Into another month: its address changes (a redirect from the old one).
    "into another month": lambda s: _date(s, 8, "2024-02-01T07:00:00+07:00"),
    # Into the future: it is scheduled.
    "into the future": lambda s: _date(s, 23, "2099-03-24T08:00:00+07:00"),
}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_time_corrected_in_place_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive
    _archive(site)
    site.build()
    # When a story's time is corrected, keeping its place
    # Then the quick path writes what a fresh checkout has (its page and the pages
    # showing its date), and the next story filed today does too
    _built(site, make_site, lambda: QUICK[name](site), name)
    _built(site, make_site, lambda: site.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]"), "news after")


def test_the_newest_story_moved_earlier_is_what_a_story_filed_late_comes_after(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose newest story's time is corrected earlier
    _archive(site)
    site.build()
    _built(site, make_site, lambda: QUICK["the newest story's time"](site), "newest")
    # When a story is filed late, then the quick path dates it in after the newest
    # story's new date, as a fresh checkout's register says
    _built(site, make_site, lambda: site.article(
        "2024/02/susulan", "Susulan", "2024-02-20T10:00:00+07:00", tags="[Tag 0]"), "late")
    assert "late 2024-03-24T07:00:00+07:00" in (
        site.root / "content/published-urls.txt").read_text(encoding="utf-8")


def test_a_story_that_ended_a_page_of_a_list_it_left_moves_on_its_own_pages_alone(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a story that ends a sealed page of its section, moved to another section
    # (that page keeps its boundary: the story's date and file)
    _archive(site)
    site.build()
    pages = (site.root / "content/list-pages.txt").read_text(encoding="utf-8")
    ends = next(n for n in range(1, 23) if n not in (5, 9) and any(
        line.startswith("/rubrik/") and f"a{n:02d}.md" in line for line in pages.splitlines()))
    section = _section(site, ends)
    _built(site, make_site, lambda: _move(site, ends, next(
        name for name in NAMES if name != section)), "moved")
    # When its time moves later, past that boundary, then only the lists it is on change,
    # on the quick path, as a fresh checkout has it
    hour = f"2024-{1 + ends // 9:02d}-{1 + ends:02d}T"
    _built(site, make_site, lambda: _date(site, ends, hour + "11:00:00+07:00"), "later")


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_date_that_moves_a_story_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _archive(site)
    site.build()
    _built(site, make_site, lambda: WHOLE[name](site), name, quick=False)
    assert not site.result.quick


def test_a_story_ending_its_page_keeps_it_moved_earlier_and_moves_on_moved_later(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a story that ends a sealed page of its lists
    _archive(site)
    site.build()
    ends = next(n for n in range(1, 23) if _bound(site, n) and n not in (5, 9))
    hour = f"2024-{1 + ends // 9:02d}-{1 + ends:02d}T"
    # When its time moves earlier, it stays on that page: the quick path
    _built(site, make_site, lambda: _date(site, ends, hour + "06:00:00+07:00"), "earlier")
    assert site.result.quick
    # And moved later than its old time, it crosses the page's end into the next page,
    # on the quick path too, as a fresh checkout has it
    _built(site, make_site, lambda: _date(site, ends, hour + "11:00:00+07:00"), "later")
    # And back again, into the page it ended
    _built(site, make_site, lambda: _date(site, ends, hour + "08:00:00+07:00"), "back")


@needs_pagefind
def test_a_time_corrected_with_search_on_keys_the_shards_as_the_whole_way(
        site: SiteMaker) -> None:
    # Given search on, seven stories in shards of two (0: [2, 4], 2: [6, 8], ...)
    seven_news(site)
    # When the time of a story of a full shard (4: [10, 12]) is corrected, one that ends
    # no page
    path = site.root / "content/articles/2024/03/b10.md"
    path.write_text(path.read_text(encoding="utf-8").replace("T09:00", "T15:30"),
                    encoding="utf-8")
    quick = site.build()
    # Then the quick path takes it, its record going to the corrections shard as an
    # edit's does, and the whole way after it finds nothing to write or index
    assert quick.quick and quick.search_corrected
    whole = site.build(quick=False)
    assert not whole.written and whole.search_indexed == () and not whole.search_corrected


def test_a_time_moved_onto_the_date_a_story_filed_late_came_after_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a story filed late (after the newest story's date, 2024-03-24T08:00) and a
    # story filed since, both of Tag 0
    _archive(site)
    site.build()
    _built(site, make_site, lambda: site.article(
        "2024/02/susulan", "Susulan", "2024-02-20T10:00:00+07:00", tags="[Tag 0]"), "late")
    _built(site, make_site, lambda: site.article(
        "2024/03/zz", "Terbaru", "2024-03-25T08:00:00+07:00", tags="[Tag 0]"), "news")
    # When the newer one's time moves onto that date (after the newest story still, by
    # its file's name), the story filed late is no longer among its related ones
    path = site.root / "content/articles/2024/03/zz.md"
    _built(site, make_site, lambda: path.write_text(path.read_text(encoding="utf-8").replace(
        "2024-03-25T08:00", "2024-03-24T08:00"), encoding="utf-8"), "onto", quick=False)
    # (the whole way gives what a fresh checkout has)
    assert not site.result.quick


def test_random_time_corrections_give_a_fresh_checkouts_output(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive of 36 stories in three sections
    _fuller_archive(site)
    site.build()
    chooser = random.Random(46)
    steps = 16
    for step in range(steps):
        # When one to three stories' times move by minutes to hours, earlier or later
        # (most keep their places; some cross the end of a page they are on)
        moved = {n: chooser.choice((-1, 1)) * chooser.choice((5, 45, 150, 400, 1500, 3000))
                 for n in chooser.sample([n for n in range(24) if n != 5], chooser.randint(1, 3))}
        # Then the output is a fresh checkout's, on the quick path when each keeps its
        # place in the site
        _built(site, make_site, lambda moved=moved: [_shift(site, n, minutes)
                                                     for n, minutes in moved.items()],
               f"step {step}: {moved}", quick=False)
    assert site.quick >= steps // 3, site.quick


def _shift(site: SiteMaker, n: int, minutes: int) -> None:
    """Story `n`'s date moved by `minutes`, in its own offset."""
    text = _path(site, n).read_text(encoding="utf-8")
    when = datetime.fromisoformat(text.split("date: ", 1)[1].split("\n", 1)[0])
    _date(site, n, (when + timedelta(minutes=minutes)).isoformat())


def test_a_time_moved_into_the_next_month_under_an_address_without_one_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given addresses without the month, and a month's last story near midnight
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8").replace(
        "[authors]", '[urls]\narticle = "/{year}/{slug}/"\n\n[authors]'))
    site.article("a", "Satu", "2024-01-30T08:00:00+07:00", tags="[Kota]")
    site.article("b", "Dua", "2024-01-31T23:50:00+07:00", tags="[Kota]")
    site.article("c", "Tiga", "2024-02-02T08:00:00+07:00", tags="[Kota]")
    site.build()
    # When its time moves past midnight into February (its address kept, its place too)
    path = site.root / "content/articles/b.md"
    _built(site, make_site, lambda: path.write_text(path.read_text(encoding="utf-8").replace(
        "2024-01-31T23:50", "2024-02-01T00:10"), encoding="utf-8"), "next month", quick=False)
    # Then it leaves January's list for February's, as a fresh checkout has it
    assert not site.result.quick
    assert "Dua" in site.read("2024/02/index.html") and "Dua" not in site.read(
        "2024/01/index.html")


def test_a_page_end_written_in_another_time_zone_is_still_crossed(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given pages sealed while the site was at +14:00 (their ends written so), then the
    # site's time zone moved to -11:00: a day apart on the calendar
    toml = (site.root / "site.toml").read_text(encoding="utf-8").replace(
        "page_size = 3", "page_size = 2")
    site.write("site.toml", toml.replace("Asia/Jakarta", "Pacific/Kiritimati"))
    for i, when in enumerate(["2024-01-09T20:00", "2024-01-10T00:30", "2024-01-10T09:00",
                              "2024-01-10T10:00", "2024-01-10T11:00"]):
        site.article(f"2024/01/a{i:02d}", f"Satu {i}", f"{when}:00+14:00", tags="[Kota]")
    site.build()
    site.write("site.toml", toml.replace("Asia/Jakarta", "Pacific/Pago_Pago"))
    site.build()
    # When the story ending the first page moves half an hour later, then it crosses
    # that end, as a fresh checkout has it
    _built(site, make_site, lambda: _date(site, 1, "2024-01-10T01:00:00+14:00"), "later",
           quick=False)


def test_a_page_end_crossed_into_an_overfull_archive_page_gives_the_whole_ways_warning(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given stories in no section, tag or byline list (page_size 1), two filed late
    # filling an archive page to the limit (three times page_size)
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8").replace(
        "page_size = 3", "page_size = 1"))
    for i, hour in enumerate(["08", "09", "10", "11", "12"]):
        site.article(f"2024/01/a{i:02d}", f"Satu {i}", f"2024-01-10T{hour}:00:00+07:00")
    site.build()
    site.article("2024/01/l1", "Susulan 1", "2024-01-10T09:20:00+07:00")
    site.article("2024/01/l2", "Susulan 2", "2024-01-10T09:40:00+07:00")
    site.build()
    # When a page's story moves later into that page, then the build warns of it as a
    # fresh checkout does (the archive's and the month's pages counted)
    _built(site, make_site, lambda: _date(site, 1, "2024-01-10T09:10:00+07:00"), "later",
           quick=False)
    assert any("/arsip/page/3/, holds 4" in str(p) for p in site.result.warnings)


def test_a_page_end_of_a_deleted_story_crossed_by_one_on_none_of_its_lists_is_quick(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a deleted story whose date still ends sealed pages of its byline's and its
    # section's lists (story 13, by another author in another section than story 14)
    _archive(site)
    site.build()
    assert _section(site, 13) != _section(site, 14)
    _built(site, make_site, lambda: _path(site, 13).unlink(), "deleted", quick=False)
    assert _bound(site, 13)
    # When story 14's time moves earlier past that date (no story between any more),
    # then no list it is on is crossed: the quick path plans its own pages (before, a
    # plan of lists none of which it crossed looked for follow-ups it was not given)
    _built(site, make_site, lambda: _date(site, 14, "2024-02-14T07:00:00+07:00"), "earlier")
