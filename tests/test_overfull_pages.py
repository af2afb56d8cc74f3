"""Sealed pages a bulk import overfilled (build/list_pages.py `overfull`,
`overfull_grown`): stories filed late into them stay on the quick path, and its
warning is the whole way's."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.content.list_pages import LIST_PAGES
from tests.conftest import SiteMaker


def _archive(site: SiteMaker) -> None:
    """Thirty articles in two tags, page size 3: every list's older pages sealed."""
    for n in range(30):
        month = 1 + n // 10
        site.article(f"2024/{month:02d}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-{month:02d}-{1 + n % 10:02d}T08:00:00+07:00",
                     tags="[Kota]" if n % 2 else "[Desa]", authors="[Hmz]")


def _late(site: SiteMaker, name: str, date: str, tag: str) -> None:
    site.article(f"2024/{date[5:7]}/{name}", f"Telat {name}", f"{date}T09:00:00+07:00",
                 tags=f"[{tag}]", authors="[Hmz]")


def _said(problems: object) -> list[str]:
    return [str(p) for p in problems if p.path == LIST_PAGES]  # type: ignore[attr-defined]


def _whole_way(site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> list[str]:
    """The list pages' warnings of a fresh checkout of `site` (the whole way)."""
    clean = make_site("clean")
    shutil.rmtree(clean.root, ignore_errors=True)
    shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
    result = build(BuildOptions(site_dir=clean.root))
    assert not result.quick
    return _said(result.warnings)


def test_stories_filed_late_into_overfull_pages_stay_quick_and_warn_as_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive (page size 3, so pages holding more than 9 are overfull)
    _archive(site)
    site.build()
    steps = [
        # eight stories of early January: Desa's first page, then others, overfill
        *[(f"jan{k}", f"2024-01-0{1 + k % 3}", "Desa") for k in range(8)],
        # into March: more pages overfill, in other lists
        *[(f"mar{k}", "2024-03-04", "Kota") for k in range(8)],
        # March grows past January: the largest changes
        *[(f"mar{k}", "2024-03-05", "Kota") for k in range(8, 12)],
        # and January again, into a page counted already
        ("jan9", "2024-01-02", "Desa"),
    ]
    seen = set()
    for name, date, tag in steps:
        # When each is filed late, one build at a time
        _late(site, name, date, tag)
        result = site.build()
        # Then it takes the short way, and says what a fresh checkout says: how many
        # pages, the largest, at its line of the file
        assert result.quick, name
        said = _said(result.warnings)
        assert said == _whole_way(site, make_site), name
        seen.update(said)
        # And a build that changes nothing keeps saying it
        again = site.build()
        assert again.quick and _said(again.warnings) == said, name
    # (The steps count one page, then several in several lists, and change the largest.)
    found = {(int(m[1]), m[2]) for s in seen
             if (m := re.search(r": (\d+); the largest, (\S+),", s))}
    assert (1, "/tag/desa/page/1/") in found
    assert len({count for count, _ in found}) >= 3
    assert any(url.startswith("/tag/kota/") for _, url in found)


def test_the_warning_waits_for_the_page_to_pass_the_bound(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose first archive page holds nine articles (the bound)
    _archive(site)
    site.build()
    for k in range(6):
        _late(site, f"jan{k}", "2024-01-01", "Desa")
    first = site.build()
    assert _said(first.warnings) == [] == _whole_way(site, make_site)
    # When one more story filed late joins it
    _late(site, "jan6", "2024-01-01", "Desa")
    result = site.build()
    # Then the short way warns, as the whole way does
    assert result.quick and len(_said(result.warnings)) == 1
    assert _said(result.warnings) == _whole_way(site, make_site)


@pytest.mark.parametrize("leaving", [1, 2, 3])
def test_stories_leaving_an_overfull_page_give_the_whole_ways_warning(
        leaving: int, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose first Desa page a bulk import overfilled: it holds
    # eleven stories, two past the bound (the warning names it as the largest)
    _archive(site)
    site.build()
    for k in range(8):
        _late(site, f"jan{k}", "2024-01-01", "Desa")
    assert "/tag/desa/page/1/, holds 11" in " ".join(_said(site.build().warnings))
    # When one, two or three of them are given another tag in one build (eleven left
    # with ten, nine, eight: still past the bound, then not)
    for k in range(leaving):
        path = site.root / f"content/articles/2024/01/jan{k}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("tags: [Desa]",
                                                                 "tags: [Kota]"),
                        encoding="utf-8")
    result = site.build()
    # Then the warning is a fresh checkout's
    assert _said(result.warnings) == _whole_way(site, make_site)
