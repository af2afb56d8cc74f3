"""An edit on the quick path (build/edited.py): a correction that moves an article's
`modified` moves its sitemap entries, merged into the last build's parts."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import SiteMaker, settings


def _hashes(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


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
    assert "sitemap-fronts-1.xml" in _hashes(site.output)
    sources = {p: p.read_bytes() for p in (site.root / "content").rglob("*.md")}
    for step in ("made", "taken back"):
        before = _hashes(site.output)
        # When the correction is made, then taken back (`modified` goes back too)
        if step == "made":
            EDITS[name](site)
        else:
            for path, text in sources.items():
                path.write_bytes(text)
        result = site.build()
        # Then the quick path takes it, the sitemap's parts it moves among the files
        after = _hashes(site.output)
        assert result.quick, step
        differ = {p for p in after if before.get(p) != after[p]}
        assert set(result.written) == differ, step
        assert any(p.startswith("sitemap") for p in differ), step
        # And the output is a clean build's
        clean = make_site("clean")
        shutil.rmtree(clean.root, ignore_errors=True)
        shutil.copytree(site.root, clean.root,
                        ignore=shutil.ignore_patterns("output", ".warta"))
        build(BuildOptions(site_dir=clean.root))
        assert _hashes(clean.output) == after, step
