"""The changes stage: what differs from the cache, read and parsed only where needed."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.changes import compare, parse_changes
from generator.build.loader import load
from generator.build.sources import scan
from generator.cache.store import Cache
from generator.config import load_config
from tests.conftest import SiteMaker, article, fresh_checkout, hashes


def test_a_cold_load_is_every_source_added(site: SiteMaker, tmp_path: Path) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00")
    loaded = load(site.root, load_config(site.root), Cache(tmp_path / "c.sqlite"))
    assert loaded.changes is not None
    assert sorted(c.path for c in loaded.changes.added) == [
        "content/articles/a.md", "content/articles/b.md"]
    assert loaded.changes.edited == () and loaded.changes.removed == ()
    assert all(c.parsed and c.before is None for c in loaded.changes.added)


def test_each_kind_of_change_is_named_and_only_changed_bytes_are_parsed(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given three articles loaded once
    for name, day in (("a", 1), ("b", 2), ("c", 3)):
        site.article(name, f"Judul {name}", f"2024-03-0{day}T09:00:00+07:00")
    config = load_config(site.root)
    cache = Cache(tmp_path / "c.sqlite")
    first = load(site.root, config, cache)
    # When one is edited, one only touched, one removed and one added
    site.article("a", "Judul a diubah", "2024-03-01T09:00:00+07:00")
    b = site.root / "content/articles/b.md"
    os.utime(b, ns=(b.stat().st_atime_ns, b.stat().st_mtime_ns + 10**9))
    (site.root / "content/articles/c.md").unlink()
    site.article("d", "Judul d", "2024-03-04T09:00:00+07:00")
    compared = compare(scan(site.root), first.sources, config.content_key)
    assert [s.path for s in compared.added] == ["content/articles/d.md"]
    assert sorted(s.path for s in compared.differing) == ["content/articles/a.md",
                                                          "content/articles/b.md"]
    assert compared.removed == ["content/articles/c.md"]
    before = {s.path: first.sources[s.path].record for s in compared.differing}
    changes = parse_changes(compared, first.sources, before, config, cache, jobs=1)
    # Then the touched one keeps its record unparsed, the edited one is parsed anew
    edited = {c.path: c for c in changes.edited}
    assert not edited["content/articles/b.md"].parsed
    assert edited["content/articles/b.md"].entry.record == before["content/articles/b.md"]
    assert edited["content/articles/a.md"].parsed
    new = edited["content/articles/a.md"].entry.record.article
    assert new is not None and new.title == "Judul a diubah"
    assert edited["content/articles/a.md"].before == before["content/articles/a.md"]
    assert [c.path for c in changes.added] == ["content/articles/d.md"]
    assert changes.removed == ("content/articles/c.md",) and changes.parsed == 2


def test_new_settings_read_every_source_again(site: SiteMaker, tmp_path: Path) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    config = load_config(site.root)
    first = load(site.root, config, Cache(tmp_path / "c.sqlite"))
    compared = compare(scan(site.root), first.sources, config.content_key + "x")
    assert [s.path for s in compared.differing] == ["content/articles/a.md"]



def _clean(site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> SiteMaker:
    clean = fresh_checkout(site, make_site("clean"))
    clean.build()
    return clean


@pytest.mark.parametrize("when", ["today's", "filed late"])
def test_a_draft_published_joins_the_site_on_the_quick_path_as_a_new_file_does(
        when: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive (pages of 3) with a story written as a draft, and another
    # draft that stays one
    for n in range(1, 9):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{n:02d}T09:00:00+07:00",
                     tags="[Kota]", authors="[Hmz]")
    date = "2024-03-20T09:00:00+07:00" if when == "today's" else "2024-03-04T10:00:00+07:00"
    draft = site.article("2024/03/draf", "Berita Draf", date, tags="[Kota, Baru]",
                         authors="[Ulm]", draft="true")
    site.article("2024/03/tetap", "Tetap Draf", "2024-03-21T09:00:00+07:00", draft="true")
    site.build()
    before = hashes(site.output)
    # When the editor takes `draft: true` out
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", ""),
                     encoding="utf-8")
    result = site.build()
    # Then the quick path publishes it, as a new file: its page, its lists, the register
    assert result.quick
    assert [c.url for c in result.article_changes.added] == ["/2024/03/berita-draf/"]
    after = hashes(site.output)
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert "2024/03/berita-draf/index.html" in result.written
    # And the output and the register are a clean build's, and so is the next build's
    clean = _clean(site, make_site)
    assert hashes(clean.output) == after
    for name in ("published-urls.txt", "list-pages.txt"):
        assert (clean.root / "content" / name).read_bytes() == (
            site.root / "content" / name).read_bytes()
    site.article("2024/03/b9", "Berita 9", "2024-03-22T09:00:00+07:00", tags="[Kota]")
    again = site.build()
    assert again.quick and hashes(site.output) == hashes(_clean(site, make_site).output)


@pytest.mark.parametrize("how", ["a new file", "a draft published"])
def test_a_newer_story_of_the_leads_slug_takes_the_lead_as_in_a_clean_build(
        how: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a site whose `[home] lead` names a slug, and the story of that slug
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[home]\nlead = "utama"\n')
    for n in range(1, 5):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{n:02d}T09:00:00+07:00")
    site.article("2024/02/utama", "Utama Lama", "2024-02-20T09:00:00+07:00", slug="utama")
    newer = site.article("2024/03/utama", "Utama Baru", "2024-03-10T09:00:00+07:00",
                         slug="utama", draft="true")
    if how == "a new file":
        newer.unlink()
    site.build()
    assert 'card-lead">' in site.read("index.html")
    # When a newer story of that slug is added (today's news)
    newer.write_text(article("Utama Baru", "2024-03-10T09:00:00+07:00", slug="utama"),
                     encoding="utf-8")
    result = site.build()
    # Then it leads, on the quick path, as in a clean build
    assert result.quick
    lead = re.search(r'class="card card-lead">.*?href="([^"]+)"', site.read("index.html"),
                     re.DOTALL)
    assert lead is not None and lead.group(1) == "/2024/03/utama/"
    assert hashes(site.output) == hashes(_clean(site, make_site).output)
