"""A story withdrawn (a press council's ruling, a court order): it leaves every list
and its page shows the notice at its address. The quick path takes it as a story moved
out of its lists (plan/relisting.py `relisted`, build/relisted.py `relisting`: the
archive's and its month's lists too, its neighbours there, its sitemap entry), and
gives a fresh checkout's output, tracked files and warnings; what it cannot tell goes
the whole way."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from generator.build.memos import Settled, stored
from generator.cache.store import Cache
from generator.plan.site_memo import SiteMemo
from tests.conftest import SiteMaker
from tests.test_relisted import _archive, _built, _path, _tag
from tests.test_search import needs_pagefind, searchable

NOTICE = "withdrawn: Ditarik atas putusan Dewan Pers."


def _withdraw(site: SiteMaker, n: int) -> None:
    _withdraw_file(site, _path(site, n).relative_to(site.root / "content/articles")
                   .with_suffix("").as_posix())


def _featured(site: SiteMaker) -> None:
    path = _path(site, 10)
    path.write_text(path.read_text(encoding="utf-8").replace("tags:", "featured: true\ntags:"),
                    encoding="utf-8")


# The archive of test_relisted: 24 stories, story n on 2024-MM-(n+1) at 08:00, nine a
# month from January, in three sections, by two authors (n odd: Hmz), three tags;
# page_size 3; story 5 withdrawn already, 24 a draft. Each case: a change built first
# (or None), then the withdrawal.
Change = Callable[[SiteMaker], object]
QUICK: dict[str, tuple[Change | None, Change]] = {
    "an old story": (None, lambda s: _withdraw(s, 13)),
    # (the home page's lead is the next newest)
    "the newest story": (None, lambda s: _withdraw(s, 23)),
    # (it ends sealed pages of the archive and its section: they keep it as their end)
    "a story ending sealed pages": (None, lambda s: _withdraw(s, 9)),
    "two stories in one build": (None, lambda s: _withdraw(s, 13) or _withdraw(s, 17)),
    # (the home page's picks)
    "a featured story": (_featured, lambda s: _withdraw(s, 10)),
    # (its tag's list ends: its addresses answer the gone notice)
    "the only story of a tag": (lambda s: _tag(s, 12, "[Tag 0, Longsor]"),
                                lambda s: _withdraw(s, 12)),
    "withdrawn and its text edited": (None, lambda s: _withdraw(s, 20) or _path(
        s, 20).write_text(_path(s, 20).read_text(encoding="utf-8") + "\nRalat.\n",
                          encoding="utf-8")),
    # (the sitemaps planned again for the lastmod the other edit moves, still without
    # its address)
    "beside another story featured": (None, lambda s: _withdraw(s, 13) or _featured(s)),
    "beside another story updated": (None, lambda s: _withdraw(s, 13) or _path(s, 16)
                                     .write_text(_path(s, 16).read_text(encoding="utf-8")
                                                 .replace("tags:", "updated: 2024-03-20T08:00"
                                                          ":00+07:00\ntags:", 1),
                                                 encoding="utf-8")),
}


WHOLE: dict[str, tuple[Change | None, Change]] = {
    # (the first story of a byline: the next one's spelling titles the author's page)
    "an author's first story": (None, lambda s: _withdraw(s, 1)),
    "beside today's news": (None, lambda s: _withdraw(s, 13) or s.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]")),
    # (the month's address would lead to its year)
    "the only story of a month": (lambda s: s.article(
        "2024/04/a30", "Artikel 30", "2024-04-02T08:00:00+07:00", tags="[Tag 1]",
        authors="[Hmz]", section="Kota"), lambda s: _withdraw(s, 30)),
}


def changed_in(site: SiteMaker, make_site: Callable[[str], SiteMaker],
               case: tuple[Change | None, Change], quick: bool,
               setup_quick: bool = True) -> set[str]:
    """The files that differ once `case` (a change built first, then the one tested: a
    withdrawal, a deletion) is made in the built archive, each build checked against a
    fresh checkout, the first on the quick path when `setup_quick`."""
    _archive(site)
    site.build()
    setup, change = case
    if setup is not None:
        _built(site, make_site, lambda: setup(site), "before", quick=setup_quick)
    return _built(site, make_site, lambda: change(site), "changed", quick=quick)


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_story_withdrawn_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive, when a story is withdrawn, then the quick path writes what
    # a fresh checkout has: its page with the notice, the lists and feeds it leaves,
    # its neighbours' pages
    differ = changed_in(site, make_site, QUICK[name], quick=True)
    assert any(p.startswith("arsip/") or p == "index.html" for p in differ), differ
    # And today's news after it does too, and a whole-way build then writes nothing
    _built(site, make_site, lambda: site.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 2]"), "news")
    assert not site.build(quick=False).written


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_withdrawal_the_quick_path_cannot_tell_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    changed_in(site, make_site, WHOLE[name], quick=False)
    assert not site.result.quick


SEARCHED: dict[str, Callable[[SiteMaker], object]] = {
    "an old story": lambda s: _withdraw(s, 13),
    "the first story of the index": lambda s: _withdraw(s, 2),
    "the newest story": lambda s: _withdraw(s, 23),
    "two stories of two shards": lambda s: _withdraw(s, 9) or _withdraw(s, 17),
    # (a story of its full shard corrected first: its record in the corrections shard)
    # (story 14 edited in the same build: indexed in the shard keyed afresh)
    "beside an edit in its shard": lambda s: _withdraw(s, 13) or _path(s, 14).write_text(
        _path(s, 14).read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8"),
    "beside a correction in its shard": lambda s: _path(s, 14).write_text(
        _path(s, 14).read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    and s.build() and _withdraw(s, 13),
}


@needs_pagefind
@pytest.mark.parametrize("name", sorted(SEARCHED))
def test_a_story_withdrawn_with_search_on_keys_the_shards_as_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (The corrections of the shard it left are indexed in it again.)
    keyed_as_the_whole_way(site, make_site, SEARCHED[name])


def keyed_as_the_whole_way(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                           change: Change) -> None:
    """Given search on, in shards of two, when `change` is made (a story withdrawn or
    deleted), then the quick path takes it, its record leaving the index, and its
    shards' keys are those the whole way gives from the same last build; and the whole
    way after it finds nothing to write or index."""
    _archive(site)
    searchable(site)
    site.build()
    change(site)
    quick, whole = both_ways(site, make_site)
    assert quick.search == whole.search
    again = site.build(quick=False)
    assert not again.written and again.search_indexed == () and not again.search_corrected


def left_both_ways(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                   case: tuple[Change | None, Change]) -> tuple[Left, Left]:
    """What the quick way and the whole way leave (the site memo, the `Settled` row, the
    sources the cache knows) when `case` (a change built first, then the one tested) is
    made in the built archive and in a copy of it: the quick way must take it."""
    _archive(site)
    site.build()
    setup, change = case
    if setup is not None:
        setup(site)
        site.build()
    twin = make_site("twin")
    shutil.rmtree(twin.root, ignore_errors=True)
    shutil.copytree(site.root, twin.root)
    change(site)
    change(twin)
    assert site.build().quick
    assert not twin.build(quick=False).quick
    found = []
    for each in (site, twin):
        cache = Cache(each.root / ".warta/cache.sqlite")
        memo, settled = stored(cache, "site:output"), stored(cache, "settled:output")
        assert isinstance(memo, SiteMemo) and isinstance(settled, Settled)
        found.append(Left(replace(memo, site=replace(memo.site, now=None)), settled,
                          frozenset(cache.stats())))
    return found[0], found[1]


@dataclass(frozen=True)
class Left:
    """What a build leaves for the next (`left_both_ways`)."""

    memo: SiteMemo
    """The site memo, its "now" left out."""
    settled: Settled
    """The `Settled` row."""
    sources: frozenset[str]
    """The paths of the sources the cache knows."""


def both_ways(site: SiteMaker, make_site: Callable[[str], SiteMaker]
              ) -> tuple[Settled, Settled]:
    """What the last build leaves (`Settled`) when `site`, changed since its last build,
    is built the quick way (which it must take) and a copy of it the whole way."""
    twin = make_site("twin")
    shutil.rmtree(twin.root, ignore_errors=True)
    shutil.copytree(site.root, twin.root)
    assert site.build().quick
    twin.build(quick=False)
    quick, whole = (stored(Cache(s.root / ".warta/cache.sqlite"), "settled:output")
                    for s in (site, twin))
    assert isinstance(quick, Settled) and isinstance(whole, Settled)
    return quick, whole


def test_a_withdrawn_story_keeps_its_address_with_the_notice_and_leaves_the_sitemap(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _archive(site)
    site.build()
    url = "2024/02/artikel-13/"
    assert url in site.read("sitemap.xml")
    _built(site, make_site, lambda: _withdraw(site, 13), "withdrawn")
    assert "Ditarik atas putusan Dewan Pers." in site.read(url + "index.html")
    assert url not in site.read("sitemap.xml")
    assert "artikel-13" not in site.read("arsip/page/5/index.html")


def test_a_story_in_no_section_withdrawn_links_its_neighbours_to_each_other(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given stories in no section, each of its own tag (their pages link the site's
    # previous and next story, none shares a list with another)
    for n, tag in enumerate(["Banjir", "Pasar", "Sekolah", "Jalan"]):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-0{n + 1}T08:00:00+07:00",
                     tags=f"[{tag}]", authors="[Hmz]")
    site.build()
    # When the second is withdrawn, then the first and the third link each other, on
    # the quick path, as a fresh checkout has it
    differ = _built(site, make_site, lambda: _withdraw_file(site, "2024/03/b1"), "withdrawn")
    assert {"2024/03/berita-0/index.html", "2024/03/berita-2/index.html"} <= differ


def _withdraw_file(site: SiteMaker, name: str) -> None:
    path = site.root / "content/articles" / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", f"\n{NOTICE}\n---\n", 1), encoding="utf-8")
