"""The changes stage: what differs from the cache, read and parsed only where needed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build.changes import compare, parse_changes
from generator.build.loader import load
from generator.build.sources import scan
from generator.cache.store import Cache
from generator.config import load_config
from tests.conftest import SiteMaker


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
