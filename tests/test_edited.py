"""An edit on the quick path (build/edited.py): a correction that moves an article's
`modified` moves its sitemap entries, merged into the last build's parts; a `featured`
switched plans the home page again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SiteMaker, fresh_checkout, hashes, settings


def _clean(site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> Path:
    """The output of a fresh checkout of `site` built."""
    clean = fresh_checkout(site, make_site("clean"))
    clean.build()
    return clean.output


def _archive(site: SiteMaker) -> None:
    """Twenty articles in three tags, and sitemaps of at most 8 addresses: an index,
    parts, and the fronts' parts."""
    settings(site, top="sitemap_size = 8")
    for n in range(20):
        month = 1 + n // 7
        site.article(f"2024/{month:02d}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-{month:02d}-{1 + n:02d}T08:00:00+07:00",
                     tags=f"[Tag {n % 3}]", authors="[Hmz]")


def _edit(site: SiteMaker, n: int, old: str, new: str) -> None:
    path = next((site.root / "content/articles").rglob(f"a{n:02d}.md"))
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: dict[str, Callable[[SiteMaker], None]] = {
    # The newest story updated: the home page's and its lists' lastmod move too.
    "the newest updated": lambda s: _edit(s, 19, "tags:", "updated: 2024-03-30T10:00:00+07:00"
                                          "\ntags:"),
    # Beside today's news, in one build: the append's sitemap entries and the edit's.
    "updated beside today's news": lambda s: _edit(s, 19, "tags:", "updated: 2024-03-30T10:00"
                                                   ":00+07:00\ntags:") or s.article(
        "2024/03/baru", "Berita Baru", "2024-03-29T08:00:00+07:00", tags="[Tag 1]",
        authors="[Hmz]"),
    # An old one corrected: its own entry alone (no list's newest page shows it).
    "an old one corrected": lambda s: _edit(s, 2, "tags:", "corrections:\n  - {date: "
                                            "2024-03-31T09:00:00+07:00, text: Ralat.}\ntags:"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_correction_moves_its_sitemap_entries_on_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose sitemap is an index of parts
    _archive(site)
    site.build()
    assert "sitemap-fronts-1.xml" in hashes(site.output)
    sources = {p: p.read_bytes() for p in (site.root / "content").rglob("*.md")}
    for step in ("made", "taken back"):
        # When the correction is made, then taken back (`modified` goes back too)
        change = (lambda: EDITS[name](site)) if step == "made" else lambda: _restore(sources)
        # Then the quick path takes it, the sitemap's parts it moves among the files, and
        # the output is a clean build's
        differ = _built_quickly(site, make_site, change, step)
        assert any(p.startswith("sitemap") for p in differ), step


def _restore(sources: dict[Path, bytes]) -> None:
    for path, text in sources.items():
        path.write_bytes(text)


def _built_quickly(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                   change: Callable[[], object], step: str) -> set[str]:
    """The output files that differ once `change` is made and `site` built: the quick
    path, writing just those, the output a fresh checkout's."""
    before = hashes(site.output)
    change()
    result = site.build()
    after = hashes(site.output)
    assert result.quick, step
    differ = {p for p in after if before.get(p) != after[p]}
    assert set(result.written) == differ, step
    assert hashes(_clean(site, make_site)) == after, step
    return differ

def _featured(site: SiteMaker, n: int, on: bool) -> None:
    if on:
        _edit(site, n, "tags:", "featured: true\ntags:")
    else:
        _edit(site, n, "featured: true\n", "")


SWITCHES: dict[str, Callable[[SiteMaker], None]] = {
    # An old story featured: it joins the editors' picks (the newest featured leads).
    "an old story featured": lambda s: _featured(s, 3, True),
    # The lead no longer featured: the pick before it, updated since, leads, and the
    # home page's lastmod moves to its `updated`.
    "the lead unfeatured": lambda s: _featured(s, 12, False),
    # A story corrected (`updated:`) and featured in one edit: the newest featured, so
    # it leads.
    "featured and updated": lambda s: _edit(s, 14, "tags:", "featured: true\nupdated: "
                                            "2024-03-30T10:00:00+07:00\ntags:"),
    # Beside today's news, in one build.
    "featured beside today's news": lambda s: _featured(s, 3, True) or s.article(
        "2024/03/baru", "Berita Baru", "2024-03-29T08:00:00+07:00", tags="[Tag 1]",
        authors="[Hmz]"),
    # A draft featured: nothing on the site changes.
    "a draft featured": lambda s: _featured(s, 20, True),
    # A withdrawn story featured: no list shows it, so it leads nothing.
    "a withdrawn story featured": lambda s: _featured(s, 21, True),
}


@pytest.mark.parametrize("name", sorted(SWITCHES))
@pytest.mark.parametrize("lead", ["", "a08"])
def test_a_featured_switch_plans_the_home_page_again_on_the_quick_path(
        name: str, lead: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with two featured stories (the newer leads, unless
    # `[home] lead` names another; the older was updated since), a draft and a
    # withdrawn story, and sitemap parts
    _archive(site)
    if lead:
        site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
                   + f'\n[home]\nlead = "artikel-{lead[1:]}"\n')
    _featured(site, 7, True)
    _featured(site, 12, True)
    _edit(site, 7, "tags:", "updated: 2024-03-31T10:00:00+07:00\ntags:")
    site.article("2024/03/a20", "Artikel 20", "2024-03-20T08:00:00+07:00", tags="[Tag 0]",
                 draft="true")
    site.article("2024/03/a21", "Artikel 21", "2024-03-21T08:00:00+07:00", tags="[Tag 0]",
                 withdrawn="Ditarik redaksi.")
    site.build()
    sources = {p: p.read_bytes() for p in (site.root / "content").rglob("*.md")}
    for n, step in enumerate(("made", "news", "taken back", "news")):
        # When the editors switch `featured`, today's news follows, then they switch it
        # back: each the quick way, writing only what changed, as a clean build gives it
        _built_quickly(site, make_site, {
            "made": lambda: SWITCHES[name](site),
            "news": lambda n=n: site.article(f"2024/03/lagi{n}", f"Berita Lagi {n}",
                                             f"2024-03-2{n}T09:00:00+07:00", tags="[Tag 2]"),
            "taken back": lambda: _restore(sources)}[step], step)
