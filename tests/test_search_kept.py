"""The search index is the search stage's: a build that lost the cache (a new release
starts one) keeps the shards that did not change, after comparing each one's files,
cut as the index on disk was (`.warta-bounds.json`); and `warta serve`'s indexer is
handed the tidying of a shard no longer planned."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build import search
from generator.search.corrections import fragment_urls
from generator.search.manifest import (
    BOUNDS,
    KeptBounds,
    bounds_before,
    bounds_text,
    path_digest,
    resolved,
)
from tests.conftest import SiteMaker
from tests.test_search import (
    changed_shards,
    index_files,
    manifest,
    needs_pagefind,
    news,
    searchable,
)


def five_built(site: SiteMaker) -> dict[str, str]:
    """Five articles in shards of two (0: [1, 2], 2: [3, 4], 4: [5]), built: the index's
    files."""
    searchable(site)
    for n in range(1, 6):
        news(site, n)
    site.build()
    return index_files(site)


@needs_pagefind
def test_a_lost_cache_keeps_the_shards_that_did_not_change(site: SiteMaker) -> None:
    before = five_built(site)
    # When the cache is lost and one article is edited
    shutil.rmtree(site.root / ".warta")
    news(site, 5, "Isi baru tentang jembatan gantung.\n")
    result = site.build()
    # Then the whole way indexes its shard alone: the others keep their bytes
    assert not result.quick and result.search_indexed == (4,)
    assert changed_shards(before, index_files(site)) == {"4"}


def damage(site: SiteMaker) -> Path:
    """Overwrite a file of shard 2 in place, its folder's time kept: the file."""
    folder = site.output / "pagefind/2/fragment"
    fragment = next(folder.iterdir())
    stamp = folder.stat().st_mtime_ns
    fragment.write_bytes(fragment.read_bytes() + b"rusak")
    os.utime(folder, ns=(stamp, stamp))
    return fragment


@needs_pagefind
def test_a_lost_cache_compares_every_shards_files(site: SiteMaker) -> None:
    five_built(site)
    # When a shard's file is overwritten in place (its folder's time unchanged)
    fragment = damage(site)
    # Then a build with the cache trusts the shard's key file (its folders are not
    # newer), and one that lost it compares the files and indexes the shard again
    assert site.build(quick=False).search_indexed == ()
    shutil.rmtree(site.root / ".warta")
    assert site.build().search_indexed == (2,)
    assert not fragment.read_bytes().endswith(b"rusak")


@needs_pagefind
def test_a_damaged_shard_found_by_a_lost_cache_is_indexed_even_later(
        site: SiteMaker) -> None:
    five_built(site)
    fragment = damage(site)
    # When the build that lost the cache does not index (the preview quit before its
    # indexer ran)
    shutil.rmtree(site.root / ".warta")
    looked = site.build(index_search=False)
    assert looked.search_work is not None
    assert [shard.start for shard in looked.search_work.stale] == [2]
    # Then the next build, with a cache again, still indexes the damaged shard
    assert site.build().search_indexed == (2,)
    assert not fragment.read_bytes().endswith(b"rusak")


@needs_pagefind
def test_the_preview_hands_its_indexer_a_shard_to_take_away(site: SiteMaker) -> None:
    five_built(site)
    # When the newest shard's only article is removed in `warta serve` (indexing left
    # to its indexer): no shard is stale, but shard 4 is no longer planned
    (site.root / "content/articles/2024/03/b5.md").unlink()
    result = site.build(index_search=False)
    assert result.search_pending and result.search_work is not None
    assert result.search_work.to_index == ()
    # Then its indexer takes the shard away and lists the others
    assert search.index(result.search_work) is None
    assert not (site.output / "pagefind/4").exists()
    assert manifest(site)["shards"] == ["0", "2"]
    # And once the folder is tidy, a build with nothing to index hands it nothing
    assert not site.build(index_search=False).search_pending


@needs_pagefind
def test_the_preview_after_a_lost_cache_writes_the_index_lists_again(
        site: SiteMaker) -> None:
    five_built(site)
    (site.output / "pagefind/filters.json").unlink()
    # When the preview's cache is lost (a new release) with no shard to index
    shutil.rmtree(site.root / ".warta")
    result = site.build(index_search=False)
    # Then its indexer is handed the index once, which writes its lists again
    assert result.search_pending and result.search_work is not None
    assert result.search_work.to_index == ()
    assert search.index(result.search_work) is None
    assert (site.output / "pagefind/filters.json").is_file()
    assert not site.build(index_search=False).search_pending


def test_the_preview_of_a_site_without_articles_has_nothing_to_tidy(
        site: SiteMaker) -> None:
    searchable(site)
    site.build(index_search=False)
    assert not site.build(index_search=False).search_pending


@needs_pagefind
@pytest.mark.parametrize("kept", [True, False])
def test_a_lost_cache_cuts_the_shards_as_the_index_on_disk_was_cut(
        site: SiteMaker, kept: bool) -> None:
    # Given seven articles in shards of two (0: [2, 4], 2: [6, 8], 4: [10, 12], 6: [14])
    # and a story filed late dated into the first full shard (the corrections shard)
    searchable(site)
    for n in range(1, 8):
        news(site, n * 2)
    site.build()
    site.article("2024/03/susulan", "Berita Susulan", "2024-03-03T09:00:00+07:00",
                 "Isi berita susulan tentang pelabuhan.\n", tags="[Kota]")
    assert site.build().quick
    # When the cache is lost
    shutil.rmtree(site.root / ".warta")
    if not kept:
        (site.output / "pagefind" / BOUNDS).unlink()
    rebuilt = site.build()
    # Then the first full shard, three articles long now, is indexed again, and no
    # later one moves; cut by position (no boundaries kept), every later one would be
    assert manifest(site)["shards"] == ["0", "2", "4", "6"]
    assert rebuilt.search_indexed == ((0,) if kept else (0, 2, 4, 6))
    assert (site.output / "pagefind" / BOUNDS).is_file()


@needs_pagefind
def test_a_lost_cache_places_a_boundary_whose_article_was_deleted(site: SiteMaker) -> None:
    # Given seven articles in shards of two (0: [2, 4], 2: [6, 8], 4: [10, 12], 6: [14]),
    # and the newest of the first full shard deleted (its boundary outlives it)
    searchable(site)
    for n in range(1, 8):
        news(site, n * 2)
    site.build()
    (site.root / "content/articles/2024/03/b4.md").unlink()
    site.build()
    # When the cache is lost
    shutil.rmtree(site.root / ".warta")
    rebuilt = site.build()
    # Then the boundary is placed by its date: no shard is indexed again (cut by
    # position, every shard after the first would move)
    assert manifest(site)["shards"] == ["0", "2", "4", "6"]
    assert rebuilt.search_indexed == ()


MARCH = datetime(2024, 3, 2, 9, tzinfo=UTC)


def test_the_bounds_read_back_as_written(tmp_path: Path) -> None:
    bounds = ((MARCH, "content/articles/a.md"), (MARCH, "content/articles/b.md"))
    (tmp_path / BOUNDS).write_text(bounds_text(500, 50, bounds), encoding="utf-8")
    # The published file names no source path, only its digest...
    assert "articles" not in (tmp_path / BOUNDS).read_text(encoding="utf-8")
    kept = bounds_before(tmp_path)
    assert kept == KeptBounds(500, 50, tuple((when, path_digest(path)) for when, path in bounds))
    # ...which the articles of the moment resolve, those of other dates aside
    keys = [(MARCH, "content/articles/c.md"), *bounds, (APRIL, "content/articles/a.md")]
    assert resolved(kept, keys) == KeptBounds(500, 50, bounds)


APRIL = datetime(2024, 4, 2, 9, tzinfo=UTC)


def test_a_boundary_whose_article_is_gone_orders_by_its_date_when_it_can() -> None:
    kept = KeptBounds(500, 50, ((MARCH, path_digest("content/articles/a.md")),
                                (APRIL, path_digest("content/articles/b.md"))))
    # Its article deleted, no other of its date: its date places it
    assert resolved(kept, [(APRIL, "content/articles/b.md")]) == KeptBounds(
        500, 50, ((MARCH, ""), (APRIL, "content/articles/b.md")))
    # Another of its date: its place among them is lost, and the shards are cut by
    # position, as without the file
    assert resolved(kept, [(MARCH, "content/articles/z.md"),
                           (APRIL, "content/articles/b.md")]) is None
    # A file written with paths (before 2026-12-05) reads as it did
    old = KeptBounds(500, 50, ((MARCH, "content/articles/a.md"),))
    assert resolved(old, []) == old


@pytest.mark.parametrize("text", [
    "", "[]", '{"size": 2, "newest": 1}', '{"size": 2, "newest": 3, "bounds": []}',
    '{"size": 2, "newest": 1, "bounds": [["2024-03-02T09:00:00", "a.md"]]}',
    '{"size": 2, "newest": 1, "bounds": [["2024-03-03T09:00:00+07:00", "a.md"], '
    '["2024-03-02T09:00:00+07:00", "b.md"]]}',
    '{"size": 2, "newest": 1, "bounds": [["kemarin", "a.md"]]}',
])
def test_bounds_not_as_written_are_not_trusted(tmp_path: Path, text: str) -> None:
    (tmp_path / BOUNDS).write_text(text, encoding="utf-8")
    assert bounds_before(tmp_path) is None
    assert bounds_before(tmp_path / "nowhere") is None


@needs_pagefind
def test_a_damaged_shard_holding_a_late_story_is_indexed_under_its_own_key(
        site: SiteMaker) -> None:
    five_built(site)
    # Given a story filed late in the first full shard (its record in the corrections
    # shard, the full shard's key kept)
    site.article("2024/03/susulan", "Berita Susulan", "2024-03-01T12:00:00+07:00",
                 "Isi berita susulan tentang pelabuhan.\n", tags="[Kota]")
    assert site.build().search_corrected

    def urls() -> list[str]:
        return sorted(fragment_urls(site.output / "pagefind/0").values())

    # When that shard's folder is damaged, it is indexed again with the story, under
    # the key of what it holds, and the corrections shard goes
    next((site.output / "pagefind/0/fragment").iterdir()).unlink()
    assert site.build().search_indexed == (0,)
    assert "/2024/03/berita-susulan/" in urls()
    assert "corrections" not in manifest(site)
    # Then when the story is deleted, the shard is indexed again without it (under
    # the kept key, it would have kept the story's record)
    (site.root / "content/articles/2024/03/susulan.md").unlink()
    assert site.build().search_indexed == (0,)
    assert "/2024/03/berita-susulan/" not in urls()
