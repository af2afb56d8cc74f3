"""The search index in shards: which shard files a change rewrites, and the records."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.content.model import Article, Image, Tag
from generator.photos.model import Derivative, Photo
from generator.search.records import Labels, plain_text, record_of
from generator.search.shards import (
    layout,
    position_of,
    rekeyed,
    shard_keys,
    shard_of,
    to_key_again,
)
from tests.conftest import SiteMaker

needs_pagefind = pytest.mark.skipif(importlib.util.find_spec("pagefind_bin") is None,
                                    reason="pagefind[bin] is not installed")


def searchable(site: SiteMaker, shard_size: int = 2) -> None:
    """Search on, in shards of `shard_size` articles."""
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("search = false", "search = true")
               + f"\n[search]\nshard_size = {shard_size}\n")


def news(site: SiteMaker, n: int, body: str = "") -> None:
    site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{n:02d}T09:00:00+07:00",
                 body or f"Isi berita nomor {n} tentang pasar.\n", tags="[Kota]")


def index_files(site: SiteMaker) -> dict[str, str]:
    """Every file of output/pagefind/ with a hash of its bytes."""
    root = site.output / "pagefind"
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def changed_shards(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The top folders (shards) of the files that differ, appeared or went."""
    return {name.split("/")[0] for name in before.keys() ^ after.keys()} | {
        name.split("/")[0] for name in before.keys() & after.keys()
        if before[name] != after[name]}


@needs_pagefind
def test_an_edit_rewrites_one_shard_and_an_addition_the_newest(site: SiteMaker) -> None:
    # Given five articles in shards of two, each named by its first article's place:
    # 0: [1, 2], 2: [3, 4], 4: [5]
    searchable(site)
    for n in range(1, 6):
        news(site, n)
    first = site.build()
    assert first.search_indexed == (0, 2, 4)
    assert json.loads(site.read("pagefind/shards.json"))["shards"] == ["0", "2", "4"]
    before = index_files(site)
    # When the article in the middle shard is edited
    news(site, 3, "Isi baru tentang jembatan gantung.\n")
    edited = site.build()
    # Then the quick path re-indexed that shard only, and no other file in pagefind/ changed
    assert edited.quick and edited.search_indexed == (2,)
    after = index_files(site)
    assert changed_shards(before, after) == {"2"}
    # When an article is added after every other
    news(site, 6)
    added = site.build()
    assert added.quick and added.search_indexed == (4,)
    assert changed_shards(after, index_files(site)) == {"4"}
    # And another one starts a new shard, listed for the search page
    before = index_files(site)
    news(site, 7)
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) == {"6", "shards.json"}
    # When nothing changed, nothing is indexed
    assert site.build().search_indexed == ()


@needs_pagefind
def test_a_removed_article_re_indexes_its_shard_and_damage_is_repaired(
        site: SiteMaker) -> None:
    searchable(site)
    for n in range(1, 6):
        news(site, n)
    site.build()
    before = index_files(site)
    # When the newest shard's only article is removed, its shard goes
    (site.root / "content/articles/2024/03/b5.md").unlink()
    assert site.build().search_indexed == ()
    after = index_files(site)
    assert changed_shards(before, after) == {"4", "shards.json"}
    assert not (site.output / "pagefind/4").exists()
    # When an article of the second shard is removed, that shard is indexed again
    (site.root / "content/articles/2024/03/b4.md").unlink()
    assert site.build().search_indexed == (2,)
    assert changed_shards(after, index_files(site)) == {"2"}
    # When a shard's file is deleted or a shard folder goes, the next build repairs it
    fragment = next((site.output / "pagefind/0/fragment").iterdir())
    fragment.unlink()
    assert site.build().search_indexed == (0,)
    assert fragment.is_file()
    before = index_files(site)
    for path in sorted((site.output / "pagefind/2").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (site.output / "pagefind/2").rmdir()
    assert site.build().search_indexed == (2,)
    # (Pagefind names a shard's metadata file differently from run to run: upstream #638.)
    assert changed_shards(before, index_files(site)) <= {"2"}
    assert (site.output / "pagefind/2/pagefind.js").is_file()


@needs_pagefind
def test_search_switched_off_removes_the_index(site: SiteMaker) -> None:
    searchable(site)
    news(site, 1)
    site.build()
    assert (site.output / "pagefind/0/pagefind.js").is_file()
    assert 'action="/cari/"' in site.read("index.html")
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("search = true", "search = false"))
    site.build()
    assert not (site.output / "pagefind").exists() and not (site.output / "cari").exists()
    assert 'action="/cari/"' not in site.read("index.html")


@needs_pagefind
def test_the_preview_leaves_indexing_to_its_indexer(site: SiteMaker) -> None:
    from generator.build import search

    searchable(site)
    news(site, 1)
    deferred = site.build(index_search=False)
    assert deferred.search_pending and deferred.search_work is not None
    assert not (site.output / "pagefind/0").exists()
    assert search.index(deferred.search_work) is None
    assert site.build().search_indexed == ()


def test_the_record_holds_the_body_alone() -> None:
    # Given an article with a kicker tag, a photo with caption and credit, and a figure
    article = Article(
        path="content/articles/x.md", slug="jembatan-retak",
        title="Jembatan Retak", date=datetime(2018, 9, 26, 3, tzinfo=UTC),
        url="/2018/09/jembatan-retak/",
        tags=(Tag("Infrastruktur", "infrastruktur", "/tag/infrastruktur/"),),
        image=Image("x.jpg", "/media/x.jpg", caption="Jembatan dari udara", credit="Dok"))
    body = ("<p>Retakan &amp; lubang di <em>jembatan</em>.</p>\n"
            "<figure><img src='/media/y.jpg'><figcaption>Foto: Istimewa</figcaption></figure>"
            "<ul><li>satu</li><li>dua</li></ul>")
    record = record_of(article, body, Labels(tag="Tag", year="Tahun"), "id",
                       ZoneInfo("Asia/Jakarta"))
    # Then Pagefind gets the body's words only, and the metadata beside them
    assert record.content == "Retakan & lubang di jembatan .\nsatu\ndua"
    assert record.title == "Jembatan Retak" and record.date == "26 September 2018"
    assert record.image == "/media/x.jpg" and record.sort == "2018-09-26T10:00:00+07:00"
    assert record.filters == {"Tahun": ["2018"], "Tag": ["Infrastruktur"]}
    assert plain_text("<p>a</p><script>x()</script><p>b</p>") == "a\nb"
    # And its section, by name, is a filter (under the theme's word for it)
    labels = Labels(tag="Tag", year="Tahun", section="Rubrik")
    filed = replace(article, section="pemerintahan")
    assert record_of(filed, body, labels, "id", ZoneInfo("Asia/Jakarta"),
                     sections={"pemerintahan": "Pemerintahan"}).filters == {
        "Tahun": ["2018"], "Tag": ["Infrastruktur"], "Rubrik": ["Pemerintahan"]}
    # And with the site's photos, the thumbnail is the narrowest derivative: the
    # original is not published
    photo = Photo("/media/x.jpg", "k", 4000, 3000, webp=(
        Derivative("/media/x-480.webp", 480, 360, "480.webp"),
        Derivative("/media/x-800.webp", 800, 600, "800.webp")),
        jpeg=Derivative("/media/x-1200.jpg", 1200, 900, "1200.jpg"))
    assert record_of(article, body, Labels(tag="Tag", year="Tahun"), "id",
                     ZoneInfo("Asia/Jakarta"), {photo.url: photo}).image == "/media/x-480.webp"


def test_full_shards_then_small_ones_for_the_newest() -> None:
    assert layout(11, 4, 2) == [(0, 4), (4, 8), (8, 10), (10, 11)]
    assert layout(12, 4, 2) == [(0, 4), (4, 8), (8, 12)]
    assert layout(0, 4, 2) == []


def test_keys_follow_the_articles_and_the_quick_path_keys_only_what_it_touched() -> None:
    listed = (0, 1, 3, 4, 5, 6)  # the article at 2 is withdrawn
    keys = {i: f"{i:040x}" for i in range(10)}
    whole = shard_keys(listed, keys.__getitem__, 4, 2, "s")
    assert whole.names == ("0", "4") and whole.articles == 6 and whole.span(1) == (4, 6)
    assert position_of(listed, 5) == 4 and position_of(listed, 2) is None
    assert shard_of(whole, 3) == 0 and shard_of(whole, 5) == 1
    # An edit keys again its own shard only
    keys[1] = "f" * 40
    assert to_key_again(whole, listed, 4, 2, [1]) == [(0, 4)]
    again = rekeyed(whole, listed, keys.__getitem__, 4, 2, "s", [1])
    assert again.keys[0] != whole.keys[0] and again.keys[1] == whole.keys[1]
    assert again == shard_keys(listed, keys.__getitem__, 4, 2, "s")
    # An addition keys the newest small shard, or starts one
    longer = (*listed, 7)
    assert to_key_again(again, longer, 4, 2, [7]) == [(6, 7)]
    grown = rekeyed(again, longer, keys.__getitem__, 4, 2, "s", [7])
    assert grown == shard_keys(longer, keys.__getitem__, 4, 2, "s")
    assert grown.keys[:2] == again.keys[:2]
    # Filling a full shard makes the small ones one
    full = (*longer, 8)
    assert shard_keys(full, keys.__getitem__, 4, 2, "s").names == ("0", "4")
    assert rekeyed(grown, full, keys.__getitem__, 4, 2, "s", [8]) == shard_keys(
        full, keys.__getitem__, 4, 2, "s")
    # Other settings key every shard again
    assert rekeyed(again, listed, keys.__getitem__, 4, 2, "t", []) == shard_keys(
        listed, keys.__getitem__, 4, 2, "t")


def test_the_search_table_is_checked() -> None:
    from generator.config import parse_config
    from generator.errors import ConfigError

    assert parse_config("[search]\nshard_size = 50\n").search.shard_size == 50
    assert parse_config("[search]\nshard_size = 20\n").search.newest_shard_size == 20
    with pytest.raises(ConfigError, match="newest_shard_size"):
        parse_config("[search]\nshard_size = 20\nnewest_shard_size = 30\n")
    with pytest.raises(ConfigError, match="shard_size"):
        parse_config("[search]\nshard_size = 0\n")
    warned = parse_config("[search]\nshard_sise = 50\n").warnings
    assert "did you mean `shard_size`" in warned[0].hint


def test_pagefind_is_not_run_for_a_site_without_search(site: SiteMaker) -> None:
    news(site, 1)
    result = site.build()
    assert result.search_indexed == () and not Path(site.output / "pagefind").exists()


@needs_pagefind
def test_a_failing_pagefind_is_a_warning_and_the_next_build_indexes(
        site: SiteMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    searchable(site)
    news(site, 1)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    failed = site.build()
    assert failed.search_indexed == () and not (site.output / "pagefind/0").exists()
    assert any("Pagefind failed" in w.message for w in failed.warnings)
    assert (site.output / "2024/03/berita-1/index.html").is_file()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    assert site.build().search_indexed == (0,)
