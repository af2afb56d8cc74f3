"""The quick path's look at the sources (issue 17): fingerprint lines, compared as sets,
must see exactly what the per-file comparison sees."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build.changes import compare, compare_fingerprints
from generator.build.loader import load
from generator.build.sources import from_fingerprint, scan, scan_fingerprints
from generator.cache.fingerprints import fingerprint_line
from generator.cache.store import Cache
from generator.config import load_config
from tests.conftest import SiteMaker


def _touch(path: Path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 10**9))


def test_the_lines_are_the_scan(site: SiteMaker) -> None:
    # Given sources in nested folders, with hidden files and folders and other files
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    nested = site.root / "content/articles/2024/03"
    nested.mkdir(parents=True)
    (nested / "b.md").write_text("---\ntitle: Dua\ndate: 2024-03-02T09:00:00+07:00\n---\nIsi\n",
                                 encoding="utf-8")
    (nested / ".tersembunyi.md").write_text("x", encoding="utf-8")
    (nested / "catatan.txt").write_text("x", encoding="utf-8")
    (site.root / "content/articles/.draf").mkdir()
    (site.root / "content/articles/.draf/c.md").write_text("x", encoding="utf-8")
    (site.root / "content/pages").mkdir(exist_ok=True)
    (site.root / "content/pages/tentang.md").write_text("---\ntitle: Tentang\n---\nIsi\n",
                                                        encoding="utf-8")
    # Then the lines stand for the sources a scan finds, no more, no less
    lines = scan_fingerprints(site.root, "k")
    found = scan(site.root)
    assert sorted(lines) == sorted(fingerprint_line(s.path, s.size, s.mtime_ns, "k")
                                   for s in found)
    assert sorted(from_fingerprint(site.root, line) for line in lines) == sorted(found)
    assert len(found) == 3


def test_sets_of_lines_find_what_the_per_file_comparison_finds(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given four articles loaded once
    for name, day in (("a", 1), ("b", 2), ("c", 3), ("e", 5)):
        site.article(name, f"Judul {name}", f"2024-03-0{day}T09:00:00+07:00")
    config = load_config(site.root)
    cache = Cache(tmp_path / "c.sqlite")
    first = load(site.root, config, cache)
    key = config.content_key
    # Then nothing differs
    compared, before = compare_fingerprints(site.root, scan_fingerprints(site.root, key),
                                            cache.fingerprints())
    assert (compared.added, compared.differing, compared.removed, before) == ([], [], [], {})
    # When one is edited at the same size, one only touched, one removed and one added
    a = site.root / "content/articles/a.md"
    a.write_bytes(a.read_bytes().replace(b"Judul a", b"Judul A"))
    _touch(a, 1)
    _touch(site.root / "content/articles/b.md", 2)
    (site.root / "content/articles/c.md").unlink()
    site.article("d", "Judul d", "2024-03-04T09:00:00+07:00")
    # Then the lines find the same as the per-file comparison, in the same order, and
    # what the cache knew of the files that differ or are gone
    for settings in (key, key + "x"):
        compared, before = compare_fingerprints(
            site.root, scan_fingerprints(site.root, settings), cache.fingerprints())
        assert compared == compare(scan(site.root), first.sources, settings)
        assert before == {path: cache.stats()[path] for path in (
            "content/articles/a.md", "content/articles/b.md", "content/articles/c.md",
            *(["content/articles/e.md"] if settings != key else []))}
    compared, _ = compare_fingerprints(site.root, scan_fingerprints(site.root, key),
                                       cache.fingerprints())
    assert [s.path for s in compared.added] == ["content/articles/d.md"]
    assert sorted(s.path for s in compared.differing) == ["content/articles/a.md",
                                                          "content/articles/b.md"]
    assert compared.removed == ["content/articles/c.md"]


def test_a_line_sorts_against_a_path_as_its_own_path_does() -> None:
    # (`build/quick.py` counts the known articles before an added one over the lines.)
    paths = ["content/articles/a.md", "content/articles/a.md.md", "content/articles/a-b.md",
             "content/articles/2024/a.md", "content/articles/ab.md", "content/articles/b.md"]
    lines = [fingerprint_line(path, 10, 20, "k") for path in paths]
    for path in [*paths, "content/articles/a.m", "content/articles/a.mda", "content/z"]:
        assert sum(map(path.__gt__, lines)) == sum(p < path for p in paths)


def test_every_file_touched_is_found_as_the_per_file_comparison_finds_it(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given more articles than the few each looked for (a checkout touches them all)
    for n in range(12):
        site.article(f"a{n}", f"Judul {n}", f"2024-03-{n + 1:02d}T09:00:00+07:00")
    config = load_config(site.root)
    cache = Cache(tmp_path / "c.sqlite")
    first = load(site.root, config, cache)
    # When every one is touched
    for n in range(12):
        _touch(site.root / f"content/articles/a{n}.md", 3)
    # Then each differs, in the scan's order, with what the cache knew of it
    compared, before = compare_fingerprints(
        site.root, scan_fingerprints(site.root, config.content_key), cache.fingerprints())
    assert compared == compare(scan(site.root), first.sources, config.content_key)
    assert len(compared.differing) == 12 and before == cache.stats()
