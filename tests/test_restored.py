"""A story's withdrawal taken back (the `withdrawn:` line removed: the ruling overturned,
the story withdrawn by mistake): it joins every list it left, its page shows its text
again. The quick path takes it as a story moved into its lists (plan/relisting.py
`relisted`, `_restored`; build/relisted.py `relisting`), its record joining the search
index as a story filed late's does, and gives a fresh checkout's output, tracked files
and memo; what it cannot tell goes the whole way."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import SiteMaker
from tests.test_relisted import _archive, _built, _path, _tag
from tests.test_search import needs_pagefind
from tests.test_withdrawn import (
    NOTICE,
    Change,
    _featured,
    _withdraw,
    _withdraw_file,
    changed_in,
    keyed_as_the_whole_way,
    left_both_ways,
)


def _restore(site: SiteMaker, n: int) -> None:
    """Story `n`'s `withdrawn:` line taken out."""
    path = _path(site, n)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert any(line.startswith("withdrawn: ") for line in lines)
    path.write_text("".join(line for line in lines if not line.startswith("withdrawn: ")),
                    encoding="utf-8")


def _edit(site: SiteMaker, n: int) -> None:
    path = _path(site, n)
    path.write_text(path.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")


# The archive of test_relisted (24 stories in three months, three sections, two
# authors, three tags, page_size 3; story 5 withdrawn from the first build). Each case:
# a change built first (or None), then the withdrawal taken back.
QUICK: dict[str, tuple[Change | None, Change]] = {
    "a story withdrawn before the first build": (None, lambda s: _restore(s, 5)),
    "an old story": (lambda s: _withdraw(s, 13), lambda s: _restore(s, 13)),
    # (the home page's lead again)
    "the newest story": (lambda s: _withdraw(s, 23), lambda s: _restore(s, 23)),
    # (it ended sealed pages of the archive and its section: they kept it as their end)
    "a story ending sealed pages": (lambda s: _withdraw(s, 9), lambda s: _restore(s, 9)),
    "two stories in one build": (lambda s: _withdraw(s, 13) or _withdraw(s, 17),
                                 lambda s: _restore(s, 13) or _restore(s, 17)),
    # (the home page's picks)
    "a featured story": (lambda s: _featured(s) or _withdraw(s, 10),
                         lambda s: _restore(s, 10)),
    "taken back and its text edited": (lambda s: _withdraw(s, 20),
                                       lambda s: _restore(s, 20) or _edit(s, 20)),
    "beside another story edited": (lambda s: _withdraw(s, 13),
                                    lambda s: _restore(s, 13) or _edit(s, 16)),
    "beside another story withdrawn": (lambda s: _withdraw(s, 13),
                                       lambda s: _restore(s, 13) or _withdraw(s, 16)),
    # (its byline's oldest story: withdrawing it went the whole way, built here first)
    "an author's oldest story": (lambda s: _withdraw(s, 0), lambda s: _restore(s, 0)),
    # (a tag of its own: its list begins again)
    "the only story of a tag": (lambda s: _tag(s, 12, "[Tag 0, Longsor]") or _withdraw(s, 12),
                                lambda s: _restore(s, 12)),
}

def _lead(site: SiteMaker, n: int) -> None:
    """site.toml's `[home] lead` naming story `n`."""
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'\n[home]\nlead = "artikel-{n:02d}"\n',
                    encoding="utf-8")


WHOLE: dict[str, tuple[Change | None, Change]] = {
    "beside today's news": (lambda s: _withdraw(s, 13), lambda s: _restore(s, 13) or s.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]")),
    # (its month's page comes back: the month's address led to its year)
    "the only story of a month": (lambda s: s.article(
        "2024/04/a30", "Artikel 30", "2024-04-02T08:00:00+07:00", tags="[Tag 1]",
        authors="[Hmz]", section="Kota", withdrawn="Ditarik redaksi."),
        lambda s: _restore(s, 30)),
    # (the home page's lead again, as site.toml names it)
    "the lead site.toml names": (lambda s: _lead(s, 13) or _withdraw(s, 13),
                                 lambda s: _restore(s, 13)),
}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_withdrawal_taken_back_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with a story withdrawn, when its withdrawal is taken back,
    # then the quick path writes what a fresh checkout has: its page with its text, the
    # lists and feeds it joins, its neighbours' pages, its sitemap entry
    # (The withdrawal before it may take either way: its own tests say which.)
    differ = changed_in(site, make_site, QUICK[name], quick=True, setup_quick=False)
    assert any(p.startswith("arsip/") or p == "index.html" for p in differ), differ
    assert "sitemap.xml" in differ or any(p.startswith("sitemap") for p in differ), differ
    # And today's news after it does too, and a whole-way build then writes nothing
    _built(site, make_site, lambda: site.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 2]"), "news")
    assert not site.build(quick=False).written


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_withdrawal_taken_back_the_quick_path_cannot_tell_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    changed_in(site, make_site, WHOLE[name], quick=False, setup_quick=False)
    assert not site.result.quick


@pytest.mark.parametrize("name", ["an old story", "the newest story", "a featured story",
                                  "an author's oldest story"])
def test_the_next_build_starts_from_the_site_the_whole_way_leaves(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive and its twin with a story withdrawn, when its withdrawal is
    # taken back in both, built the quick way in one and the whole way in the other
    quick, whole = left_both_ways(site, make_site, QUICK[name])
    # Then both leave the same site memo (its lists, picks and name hints) and order
    assert quick.memo.site == whole.memo.site
    assert (quick.memo.shapes, quick.memo.order) == (whole.memo.shapes, whole.memo.order)
    assert quick.settled.order == whole.settled.order


def test_a_tag_that_ended_with_the_withdrawal_answers_its_list_again(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive where a tag's only story was withdrawn (the tag's
    # addresses answer the gone notice)
    _archive(site)
    site.build()
    _built(site, make_site, lambda: _tag(site, 12, "[Tag 0, Longsor]"), "tagged", quick=False)
    _built(site, make_site, lambda: _withdraw(site, 12), "withdrawn", quick=False)
    assert "noindex" in site.read("tag/longsor/index.html")
    # When its withdrawal is taken back, then the tag's list answers again, as a fresh
    # checkout has it: the whole way, which gives a list back over gone addresses (the
    # register's `gone` lines become its own again), as for a tag given back to a story
    differ = _built(site, make_site, lambda: _restore(site, 12), "taken back", quick=False)
    assert not site.result.quick and "tag/longsor/index.html" in differ
    assert "Artikel 12" in site.read("tag/longsor/index.html")
    assert "noindex" not in site.read("tag/longsor/index.html")


def test_a_story_in_no_section_taken_back_is_linked_by_its_neighbours_again(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given stories in no section (their pages link the site's previous and next
    # story), its neighbours of no tag of its, the second withdrawn (the last keeps its
    # tag's list)
    for n, tag in enumerate(["Banjir", "Pasar", "Sekolah", "Jalan", "Pasar"]):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-0{n + 1}T08:00:00+07:00",
                     tags=f"[{tag}]", authors="[Hmz]")
    site.build()
    _built(site, make_site, lambda: _withdraw_file(site, "2024/03/b1"), "withdrawn")
    # When its withdrawal is taken back, then the first and the third link it again, on
    # the quick path, as a fresh checkout has it
    path = site.root / "content/articles/2024/03/b1.md"
    differ = _built(site, make_site, lambda: path.write_text(path.read_text(
        encoding="utf-8").replace(NOTICE + "\n", ""), encoding="utf-8"), "taken back")
    assert {"2024/03/berita-0/index.html", "2024/03/berita-2/index.html"} <= differ
    assert "berita-1" in site.read("2024/03/berita-0/index.html")


def test_its_page_shows_its_text_again_and_the_sitemap_lists_it(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    changed_in(site, make_site, QUICK["an old story"], quick=True)
    page = site.read("2024/02/artikel-13/index.html")
    assert NOTICE.split(": ", 1)[1] not in page and "Paragraf pembuka." in page
    assert "2024/02/artikel-13/" in site.read("sitemap.xml")


SEARCHED: dict[str, tuple[Change | None, Change]] = {
    **{name: QUICK[name] for name in ("a story withdrawn before the first build",
                                      "the newest story", "two stories in one build")},
    # (a story of its full shard corrected first: its record in the corrections shard,
    # which leaves it as the shard is keyed afresh)
    "beside a correction in its shard": (lambda s: _edit(s, 6), lambda s: _restore(s, 5)),
    "two stories of one shard": (lambda s: _withdraw(s, 13) or _withdraw(s, 14),
                                 lambda s: _restore(s, 13) or _restore(s, 14)),
}


@needs_pagefind
@pytest.mark.parametrize("name", sorted(SEARCHED))
def test_a_withdrawal_taken_back_with_search_on_keys_the_shards_as_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (Its record joins a full shard, keyed afresh as the whole way keys a full shard an
    # article it published moved into; or the small shards are keyed again from it on.)
    setup, change = SEARCHED[name]

    def both(s: SiteMaker) -> None:
        if setup is not None:
            setup(s)
            s.build()
        change(s)
    keyed_as_the_whole_way(site, make_site, both)
