"""The search index in shards: which shard files a change rewrites, and the records."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.content.model import Article, Image, Tag
from generator.photos.model import Derivative, Photo
from generator.plan.pagination import OrderKey
from generator.search import routes
from generator.search.records import Labels, SearchRecord, plain_text, record_of
from generator.search.routes import route_parts, routed, words_of
from generator.search.shards import (
    ShardKeys,
    carried,
    cut,
    layout,
    position_of,
    rekeyed,
    shard_keys,
    shard_of,
)
from tests.conftest import SiteMaker

needs_pagefind = pytest.mark.skipif(importlib.util.find_spec("pagefind_bin") is None,
                                    reason="pagefind[bin] is not installed")


def order_of(listed: Sequence[int]) -> list[OrderKey]:
    """Order keys for the site's articles `listed`: article `i` a day after `i - 1`."""
    return [(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=i), f"a/{i:04d}.md")
            for i in listed]


def at(listed: Sequence[int]) -> Callable[[int], OrderKey]:
    """`order_at` of `shards.rekeyed`: the order key of the article at a position."""
    return lambda position: order_of(listed)[position]


def reads(previous: ShardKeys, listed: tuple[int, ...], keys: dict[int, str],
          touched: list[int], most: int = 50) -> list[tuple[int, ...]]:
    """The articles `rekeyed` has read before it keys (a shard's in one query, then the
    corrected ones)."""
    found: list[tuple[int, ...]] = []
    rekeyed(previous, listed, keys.__getitem__, 4, 2, "s", touched, at(listed), most=most,
            load=lambda indexes: found.append(tuple(indexes)))
    return found


def searchable(site: SiteMaker, shard_size: int = 2) -> None:
    """Search on, in shards of `shard_size` articles."""
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("search = false", "search = true")
               + f"\n[search]\nshard_size = {shard_size}\n")


def news(site: SiteMaker, n: int, body: str = "") -> None:
    site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{n:02d}T09:00:00+07:00",
                 body or f"Isi berita nomor {n} tentang pasar.\n", tags="[Kota]")


def seven_news(site: SiteMaker) -> None:
    """Search on, seven articles in shards of two (full shards 0: [2, 4], 2: [6, 8],
    4: [10, 12], a small one 6: [14]), built."""
    searchable(site)
    for n in range(1, 8):
        news(site, n * 2)
    site.build()


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
    # When the article of the newest (small) shard is edited
    news(site, 5, "Isi baru tentang jembatan gantung.\n")
    edited = site.build()
    # Then the quick path re-indexed that shard only, and no other file in pagefind/ changed
    assert edited.quick and edited.search_indexed == (4,) and not edited.search_corrected
    after = index_files(site)
    assert changed_shards(before, after) == {"4"}
    # When an article is added after every other, filling the newest shard
    news(site, 6)
    added = site.build()
    assert added.quick and added.search_indexed == (4,)
    # (a full shard now: the route map's part that covers it is made again, and its
    # boundary kept beside the shards)
    assert changed_shards(after, index_files(site)) == {"4", "rute-0", "shards.json",
                                                        ".warta-bounds.json"}
    # And another one starts a new shard, listed for the search page and its filters
    before = index_files(site)
    news(site, 7)
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) == {"6", "shards.json", "filters.json"}
    # And an edit of it changes that shard alone
    before = index_files(site)
    news(site, 7, "Isi baru tentang sungai.\n")
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) == {"6"}
    # When nothing changed, nothing is indexed
    assert site.build().search_indexed == ()


@needs_pagefind
def test_a_re_indexed_shard_keeps_the_files_it_has_unchanged(site: SiteMaker) -> None:
    # Given a shard of five articles
    searchable(site, shard_size=50)
    for n in range(1, 6):
        news(site, n)
    site.build()
    shard = site.output / "pagefind" / "0"
    before = {p.relative_to(shard).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
              for p in shard.rglob("*") if p.is_file()}
    # When an article joins it, the shard is indexed again
    time.sleep(0.01)
    news(site, 6)
    assert site.build().search_indexed == (0,)
    after = {p.relative_to(shard).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
             for p in shard.rglob("*") if p.is_file()}
    # Then the files it has byte for byte keep their modification time: the five
    # articles' fragments, the script and the wasm; the new fragment and the index change
    same = {name for name in before.keys() & after.keys() if before[name][1] == after[name][1]}
    assert {name for name in same if name.startswith("fragment/")} and "pagefind.js" in same
    assert all(before[name][0] == after[name][0] for name in same - {".warta-shard"})
    new = {name for name in after if name not in before}
    assert len([name for name in new if name.startswith("fragment/")]) == 1


def manifest(site: SiteMaker) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(site.read("pagefind/shards.json"))
    return loaded


def routed_shards(site: SiteMaker) -> dict[str, dict[str, str]]:
    """Each part of the route map `shards.json` lists -> its records' shards by id."""
    parts = manifest(site)["routes"]
    assert isinstance(parts, list)
    return {part["part"]: part["ids"] for part in parts}


def fragment_url(site: SiteMaker, shard: str, fragment: str) -> str:
    """The URL of the page a shard's fragment holds."""
    data = gzip.decompress((site.output / "pagefind" / shard / "fragment"
                            / f"{fragment}.pf_fragment").read_bytes())
    return str(json.loads(data.removeprefix(b"pagefind_dcd"))["url"])


def assert_the_whole_way_indexes_nothing(site: SiteMaker) -> None:
    """A setting changed (the title): the build goes the whole way, keys every shard
    from the articles, and indexes nothing; `pagefind/` keeps its bytes."""
    after = index_files(site)
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace('title = "', 'title = "Kabar ', 1))
    whole = site.build()
    assert not whole.quick and whole.search_indexed == () and not whole.search_corrected
    assert index_files(site) == after


@needs_pagefind
def test_an_edit_of_a_full_shard_goes_to_the_corrections_shard(site: SiteMaker) -> None:
    # Given five articles in shards of two: 0: [1, 2], 2: [3, 4], 4: [5]
    searchable(site)
    for n in range(1, 6):
        news(site, n)
    site.build()
    before = index_files(site)
    # When an article of a full shard is edited
    news(site, 3, "Isi baru tentang jembatan gantung.\n")
    edited = site.build()
    # Then only the corrections shard is indexed: the full shard keeps its files, and
    # shards.json names the corrections shard and the fragment of the older record
    assert edited.quick and edited.search_indexed == () and edited.search_corrected
    after = index_files(site)
    assert changed_shards(before, after) == {"koreksi", "shards.json", ".warta-hidden.json"}
    listed = manifest(site)
    assert listed["shards"] == ["0", "2", "4"] and listed["corrections"] == "koreksi"
    hidden = listed["hidden"]
    assert isinstance(hidden, list) and len(hidden) == 1
    assert fragment_url(site, "2", hidden[0]) == "/2024/03/berita-3/"
    # When it is edited again, and another article of a full shard too
    news(site, 3, "Isi lagi tentang jembatan gantung.\n")
    news(site, 1, "Isi baru tentang sungai.\n")
    again = site.build()
    assert again.quick and again.search_indexed == () and again.search_corrected
    assert changed_shards(after, index_files(site)) == {
        "koreksi", "shards.json", ".warta-hidden.json"}
    hidden = manifest(site)["hidden"]
    assert isinstance(hidden, list)
    assert sorted(fragment_url(site, s, h) for s in ("0", "2") for h in hidden
                  if (site.output / f"pagefind/{s}/fragment/{h}.pf_fragment").exists()) == [
        "/2024/03/berita-1/", "/2024/03/berita-3/"]
    # When nothing changed, nothing is indexed and nothing in pagefind/ changes
    after = index_files(site)
    unchanged = site.build()
    assert unchanged.search_indexed == () and not unchanged.search_corrected
    assert index_files(site) == after
    # When the corrections shard is damaged, it is indexed again, alone
    (site.output / "pagefind/koreksi/pagefind.js").unlink()
    repaired = site.build()
    assert repaired.search_indexed == () and repaired.search_corrected
    assert changed_shards(after, index_files(site)) <= {"koreksi"}
    # When a full shard holding a corrected article is lost, it is indexed again with
    # the article's current record, under the key of what it holds now, and the
    # article leaves the corrections shard: only the other one's older record is hidden
    shutil.rmtree(site.output / "pagefind/2")
    lost = site.build()
    assert lost.search_indexed == (2,) and lost.search_corrected
    assert "/2024/03/berita-3/" in {
        fragment_url(site, "2", f.stem) for f in (site.output / "pagefind/2/fragment").iterdir()}
    hidden = manifest(site)["hidden"]
    assert isinstance(hidden, list) and len(hidden) == 1
    assert fragment_url(site, "0", hidden[0]) == "/2024/03/berita-1/"
    # When the whole way runs (a setting changed), every shard is keyed from the
    # articles, and the corrections are kept: no shard is indexed
    assert_the_whole_way_indexes_nothing(site)
    # When an article of a corrected full shard changes the whole way (its text, with
    # another's, beside a setting changed), those shards are indexed again and their
    # corrections leave the corrections shard, which holds no other: it goes
    for n in (2, 4):
        news(site, n, f"Isi berita nomor {n} tentang pasar ikan.\n")
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace('title = "', 'title = "Warta ', 1))
    tagged = site.build()
    assert not tagged.quick and tagged.search_indexed == (0, 2)
    assert "corrections" not in manifest(site)
    assert not (site.output / "pagefind/koreksi").exists()


@needs_pagefind
def test_the_route_map_names_the_full_shards_and_is_repaired_alone(site: SiteMaker) -> None:
    # Given five articles in shards of two: 0 and 2 are full, 4 is small
    searchable(site)
    for n in range(1, 6):
        news(site, n, f"Isi berita nomor {n} tentang pasar dan kata{n}.\n")
    site.build()
    listed = manifest(site)
    parts = routed_shards(site)
    assert listed["route"] == "rute" and list(parts) == ["rute-0"]
    # Then each of its records stands for a full shard, known by the record's id
    ids = parts["rute-0"]
    assert sorted(ids.values()) == ["0", "2"]
    assert {f: fragment_url(site, "rute-0", f) for f in ids} == ids
    # When the route map is lost, it alone is made again (from the words files)
    before = index_files(site)
    shutil.rmtree(site.output / "pagefind/rute-0")
    assert site.build().search_indexed == ()
    assert changed_shards(before, index_files(site)) <= {"rute-0"}
    assert manifest(site) == listed
    # When a full shard's words file is lost, that shard is indexed again, alone
    before = index_files(site)
    (site.output / "pagefind/2/.warta-words.gz").unlink()
    assert site.build().search_indexed == (2,)
    assert changed_shards(before, index_files(site)) <= {"2"}
    assert "kata3." in gzip.decompress(
        (site.output / "pagefind/2/.warta-words.gz").read_bytes()).decode("utf-8").split()


@needs_pagefind
def test_the_route_map_in_parts_changes_only_the_part_of_a_changed_full_shard(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given nine articles in shards of two (full: 0, 2, 4, 6; small: 8) and a route map
    # in parts of two full shards: rute-0 covers 0 and 2, rute-4 covers 4 and 6
    monkeypatch.setattr(routes, "PART", 2)
    searchable(site)
    for n in range(1, 10):
        news(site, n, f"Isi berita nomor {n} tentang pasar dan kata{n}.\n")
    site.build()
    assert {part: sorted(ids.values()) for part, ids in routed_shards(site).items()} == {
        "rute-0": ["0", "2"], "rute-4": ["4", "6"]}
    # When an article fills the small shard, it becomes a full shard that starts a part;
    # the sealed parts keep their files byte for byte
    before = index_files(site)
    news(site, 10)
    assert site.build().search_indexed == (8,)
    assert changed_shards(before, index_files(site)) == {"8", "rute-8", "shards.json",
                                                         ".warta-bounds.json"}
    assert sorted(routed_shards(site)["rute-8"].values()) == ["8"]
    # When the next full shard fills, only the last part (not yet sealed) is made again
    news(site, 11)
    site.build()
    before = index_files(site)
    news(site, 12, "Isi berita nomor 12 tentang kata12.\n")
    assert site.build().search_indexed == (10,)
    assert changed_shards(before, index_files(site)) == {"10", "rute-8", "shards.json",
                                                         ".warta-bounds.json"}
    assert sorted(routed_shards(site)["rute-8"].values()) == ["10", "8"]
    assert "kata12." in gzip.decompress(
        (site.output / "pagefind/10/.warta-words.gz").read_bytes()).decode("utf-8").split()
    # When an article of a sealed full shard is edited, it goes to the corrections
    # shard: no full shard and no part of the route map changes
    before = index_files(site)
    news(site, 3, "Isi baru tentang jembatan.\n")
    assert site.build().search_indexed == ()
    assert changed_shards(before, index_files(site)) == {
        "koreksi", "shards.json", ".warta-hidden.json"}
    # When an article of full shard 4 is removed, that shard is indexed again, and the
    # part that covers it is made again; the other parts keep their files
    before = index_files(site)
    (site.root / "content/articles/2024/03/b6.md").unlink()
    assert site.build().search_indexed == (4,)
    assert changed_shards(before, index_files(site)) == {"4", "rute-4", "shards.json"}
    assert list(routed_shards(site)) == ["rute-0", "rute-4", "rute-8"]


def test_the_corrections_shard_is_bounded() -> None:
    # Given ten articles in full shards of four (0: 0-3, 4: 4-7) and a small one (8: 8-9)
    listed = tuple(range(10))
    keys = {i: f"{i:040x}" for i in range(10)}
    whole = shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    # An edit in a full shard: the shard keeps its key, the article is corrected (the
    # shard's articles are read for the key of the others)
    keys[1] = "a" * 40
    one = rekeyed(whole, listed, keys.__getitem__, 4, 2, "s", [1], at(listed), most=2)
    assert one.keys == whole.keys and one.corrected == (1,) and one.corrections
    assert reads(whole, listed, keys, [1], most=2) == [(0, 1, 2, 3), (1,)]
    # Keyed the whole way, the corrections are kept while the shard's other articles
    # are as indexed, and dropped when one of them changed
    fresh = shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    assert carried(one, fresh, listed, keys.__getitem__) == one
    # (and while the corrected articles keep their URLs: the older record is found by it)
    urls = {i: f"/{i}/" for i in range(10)}
    by_url = rekeyed(whole, listed, keys.__getitem__, 4, 2, "s", [1], at(listed), most=2,
                     url_of=urls.__getitem__)
    assert carried(by_url, fresh, listed, keys.__getitem__, urls.__getitem__) == by_url
    moved = {**urls, 1: "/baru/"}
    assert not carried(by_url, fresh, listed, keys.__getitem__, moved.__getitem__).corrected
    changed = {**keys, 2: "9" * 40}
    fresh = shard_keys(listed, changed.__getitem__, 4, 2, "s", order_of(listed))
    assert carried(one, fresh, listed, changed.__getitem__) == fresh
    assert not fresh.corrected and fresh.keys[0] != one.keys[0]
    # An edit in the small shard keys that shard again, as before
    keys[9] = "b" * 40
    two = rekeyed(one, listed, keys.__getitem__, 4, 2, "s", [9], at(listed), most=2)
    assert two.keys[:2] == whole.keys[:2] and two.keys[2] != whole.keys[2]
    assert two.corrected == (1,) and two.corrections == one.corrections
    # A corrected article edited again changes the corrections shard's key only
    keys[1] = "c" * 40
    three = rekeyed(two, listed, keys.__getitem__, 4, 2, "s", [1], at(listed), most=2)
    assert three.keys == two.keys and three.corrections != two.corrections
    # Past the bound, the full shard holding the most corrections is keyed again and
    # its articles leave the corrections shard
    keys[2], keys[5] = "d" * 40, "e" * 40
    four = rekeyed(three, listed, keys.__getitem__, 4, 2, "s", [2, 5], at(listed), most=2)
    assert reads(three, listed, keys, [2, 5], most=2) == [(0, 1, 2, 3), (4, 5, 6, 7), (5,)]
    assert four.corrected == (5,) and four.keys[1] == whole.keys[1]
    assert four.keys[0] == shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed)).keys[0]
    # Other settings: every shard keyed again, nothing corrected
    assert rekeyed(four, listed, keys.__getitem__, 4, 2, "t", [5], at(listed)) == shard_keys(
        listed, keys.__getitem__, 4, 2, "t", order_of(listed))


@needs_pagefind
def test_a_backdated_article_goes_to_the_corrections_shard_and_moves_no_shard(
        site: SiteMaker) -> None:
    # Given seven articles: full shards 0: [2, 4], 2: [6, 8], 4: [10, 12], small 6: [14]
    seven_news(site)
    before = index_files(site)
    # When a story filed late is dated between the first two (an old one imported)
    site.article("2024/03/susulan", "Berita Susulan", "2024-03-03T09:00:00+07:00",
                 "Isi berita susulan tentang pelabuhan.\n", tags="[Kota]")
    added = site.build()
    # Then (the quick way) its record is indexed in the corrections shard alone: the full shard its
    # date falls in (one article longer now) keeps its key and files, as do the later
    # ones, which moved by one place but not their articles, and the route map
    assert added.quick and added.search_indexed == () and added.search_corrected
    assert changed_shards(before, index_files(site)) == {
        "koreksi", "shards.json", ".warta-hidden.json"}
    assert manifest(site)["shards"] == ["0", "2", "4", "6"]
    fragments = (site.output / "pagefind/koreksi/fragment").iterdir()
    assert [fragment_url(site, "koreksi", f.stem) for f in fragments] == [
        "/2024/03/berita-susulan/"]
    # When an article of a later full shard is then edited, it joins the corrections
    # shard there too, and no full shard is indexed
    after = index_files(site)
    news(site, 10, "Isi baru tentang jembatan.\n")
    edited = site.build()
    assert edited.quick and edited.search_indexed == () and edited.search_corrected
    assert changed_shards(after, index_files(site)) == {
        "koreksi", "shards.json", ".warta-hidden.json"}
    # When the whole way runs again (a setting changed), both corrections are kept
    assert_the_whole_way_indexes_nothing(site)
    # When the story filed late is deleted, its full shard, which never held it, holds
    # what it was indexed with: nothing is indexed but the corrections shard, now
    # holding the edit alone
    (site.root / "content/articles/2024/03/susulan.md").unlink()
    removed = site.build()
    assert removed.search_indexed == () and removed.search_corrected
    fragments = (site.output / "pagefind/koreksi/fragment").iterdir()
    assert [fragment_url(site, "koreksi", f.stem) for f in fragments] == [
        "/2024/03/berita-10/"]


@needs_pagefind
def test_stories_filed_late_that_overfill_a_full_shard_are_cut_as_the_whole_way_cuts(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given seven articles in shards of two: full shards 0, 2 and 4, a small one 6
    seven_news(site)
    for late in range(3):
        # When stories filed late join the first full shard one build at a time, on
        # the archive and on a copy of it (its cache too) built the whole way
        whole = make_site(f"whole-{late}")
        shutil.rmtree(whole.root, ignore_errors=True)
        shutil.copytree(site.root, whole.root)
        for each in (site, whole):
            each.article(f"2024/03/susulan-{late}", f"Susulan {late}",
                         f"2024-03-03T0{late + 1}:00:00+07:00",
                         f"Isi susulan {late} tentang pelabuhan.\n", tags="[Kota]")
        result = site.build()
        whole.build(quick=False)
        # Then both give the same shards: the corrections shard takes the first two
        # (the short way), and the third, which would leave the shard holding more
        # than twice the shard size, goes the whole way, which cuts it again
        assert result.quick == (late < 2)
        assert manifest(site)["shards"] == manifest(whole)["shards"]
    assert manifest(site)["shards"] == ["0", "2", "4", "6", "8"]


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
    assert changed_shards(before, after) == {"4", "shards.json", "filters.json"}
    assert not (site.output / "pagefind/4").exists()
    # When an article of the second shard is removed, that shard is indexed again; it
    # stays a full shard, sealed at its boundary, so the route map's part that covers
    # it is made again with its words
    (site.root / "content/articles/2024/03/b4.md").unlink()
    assert site.build().search_indexed == (2,)
    assert changed_shards(after, index_files(site)) == {"2", "rute-0", "shards.json"}
    assert set(routed_shards(site)["rute-0"].values()) == {"0", "2"}
    # When a shard's file is deleted or a shard folder goes, the next build repairs it
    fragment = next((site.output / "pagefind/0/fragment").iterdir())
    fragment.unlink()
    assert site.build().search_indexed == (0,)
    assert fragment.is_file()
    # (A shard's folders newer than its key file, all files there, as after a copy: its
    # files are compared with the key file's list, and it is kept)
    later = (site.output / "pagefind/0/.warta-shard").stat().st_mtime_ns + 10**9
    for folder in (site.output / "pagefind/0", site.output / "pagefind/0/fragment"):
        os.utime(folder, ns=(later, later))
    assert site.build().search_indexed == ()
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
    assert not (site.output / "pagefind").exists()
    assert 'action="/cari/"' not in site.read("index.html")
    # ...and the search page's published address leaves the gone notice (the register)
    assert '<meta name="robots" content="noindex">' in site.read("cari/index.html")
    assert "/cari/ /410.html 410!" in site.read("_redirects")


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


def test_the_full_shards_keep_their_spans_as_the_archive_grows() -> None:
    # Every full shard of an archive is a full shard, with the same articles, of every
    # larger archive: growing never moves a full shard's boundaries
    for size, newest in ((4, 2), (500, 50), (6, 6)):
        for count in range(0, 3 * size + 2):
            full = {s for s in layout(count, size, newest) if s[1] - s[0] == size}
            assert full <= set(layout(count + 1, size, newest))
            assert all(start % size == 0 for start, _ in full)


def test_full_shards_keep_their_articles_when_one_is_dated_into_them() -> None:
    # Given ten articles cut into full shards of four (0-3, 4-7) and a small one (8-9)
    order = order_of(range(0, 20, 2))
    first = cut(order, 4, 2)
    assert first.spans == ((0, 4), (4, 8), (8, 10)) and first.bounds == (order[3], order[7])
    # When an article is dated into the first full shard, it grows by one; the second
    # keeps its articles (its positions move by one) and its name
    late = sorted([*order, order_of([1])[0]])
    again = cut(late, 4, 2, first.bounds)
    assert again.spans == ((0, 5), (5, 9), (9, 11)) and again.bounds == first.bounds
    listed = tuple(range(11))
    keys = shard_keys(listed, str, 4, 2, "s", late, first.bounds)
    assert keys.names == ("0", "4", "8") and keys.full == 2
    # When articles are deleted from a full shard it shrinks, its boundary stays
    assert cut(order[1:], 4, 2, first.bounds).spans == ((0, 3), (3, 7), (7, 9))
    # A full shard left empty, or holding more than twice the size (a bulk import of
    # old articles), is cut again by position with every later one
    assert cut(order[4:], 4, 2, first.bounds).spans == ((0, 4), (4, 6))
    bulk = sorted([*order, *order_of(range(-9, 0))])
    assert cut(bulk, 4, 2, first.bounds).spans == ((0, 4), (4, 8), (8, 12), (12, 16),
                                                   (16, 18), (18, 19))
    # After a full shard grew past the size, the quick path's additions cut the newest
    # articles as a whole build from the same boundaries does
    grown = shard_keys(listed, str, 4, 2, "s", late, first.bounds)
    for count in range(12, 20):  # (new articles after the newest, one at a time)
        longer = tuple(range(count))
        order = sorted([*late, *(order_of([100 + n])[0] for n in range(count - 11))])
        quick = rekeyed(grown, longer, str, 4, 2, "s", [count - 1], order.__getitem__)
        whole = shard_keys(longer, str, 4, 2, "s", order, first.bounds)
        assert quick == whole and quick.names == whole.names, count
        grown = quick
    assert grown.names == ("0", "4", "8", "12", "16") and grown.full == 4


def test_an_article_dated_into_full_shards_is_corrected_up_to_the_bound() -> None:
    # Given ten articles cut into full shards of four (0-3, 4-7) and a small one (8-9)
    listed = tuple(range(10))
    keys = {i: f"{i:040x}" for i in range(20)}
    whole = shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    # When article 10 is dated between 1 and 2 and article 11 between 5 and 6 (the
    # last build did not publish them)
    late = (0, 1, 10, 2, 3, 4, 5, 11, 6, 7, 8, 9)
    order = sorted([*order_of(listed), order_of([1])[0][:1] + ("a/0001b.md",),
                    order_of([5])[0][:1] + ("a/0005b.md",)])
    fresh = shard_keys(late, keys.__getitem__, 4, 2, "s", order, whole.bounds)
    assert [fresh.span(n) for n in range(3)] == [(0, 5), (5, 10), (10, 12)]
    kept = carried(whole, fresh, late, keys.__getitem__, new={2, 7})
    # Then both full shards keep their keys, the two are corrected
    assert kept.keys[:2] == whole.keys[:2] and kept.corrected == (2, 7)
    assert kept.corrections and len(kept.rests) == 2
    # And the next whole build keeps them so (they are published now)
    assert carried(kept, fresh, late, keys.__getitem__) == kept
    # Past the bound, the full shard holding the most is keyed afresh
    bound = carried(whole, fresh, late, keys.__getitem__, new={2, 7}, most=1)
    assert bound.corrected == (7,) and bound.keys[0] == fresh.keys[0] != whole.keys[0]
    # An article that left a full shard as another came: keyed afresh
    swapped = (0, 1, 10, 3, 4, 5, 6, 7, 8, 9)
    order = sorted([*order_of([0, 1, 3, 4, 5, 6, 7, 8, 9]),
                    order_of([1])[0][:1] + ("a/0001b.md",)])
    fresh = shard_keys(swapped, keys.__getitem__, 4, 2, "s", order, whole.bounds)
    assert carried(whole, fresh, swapped, keys.__getitem__, new={2}) == fresh


def test_corrections_outlive_an_article_dated_into_an_earlier_shard() -> None:
    # Given a correction in the second full shard (4-7: article 5)
    listed = tuple(range(10))
    keys = {i: f"{i:040x}" for i in range(12)}
    urls = {i: f"/{i}/" for i in range(12)}
    whole = shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    keys[5] = "a" * 40
    one = rekeyed(whole, listed, keys.__getitem__, 4, 2, "s", [5], at(listed),
                  url_of=urls.__getitem__)
    assert one.corrected == (5,) and one.keys == whole.keys
    # When article 11 is dated into the first full shard (between 0 and 1), the site
    # lists it second: article 5 is at position 6 now
    late = (0, 11, *range(1, 10))
    order = sorted(order_of(listed) + [order_of([0])[0][:1] + ("a/0000b.md",)])
    fresh = shard_keys(late, keys.__getitem__, 4, 2, "s", order, whole.bounds)
    kept = carried(one, fresh, late, keys.__getitem__, urls.__getitem__)
    # Then the second shard keeps its key and its correction, the first is keyed again
    assert kept.corrected == (6,) and kept.keys[1] == whole.keys[1]
    assert kept.keys[0] != whole.keys[0] and kept.corrections


def test_the_route_map_covers_the_full_shards_and_their_words() -> None:
    def keyed(count: int) -> ShardKeys:
        listed = tuple(range(count))
        return shard_keys(listed, lambda i: f"{i:040x}", 4, 2, "s", order_of(listed))

    keys = keyed(11)
    # Shards 0 and 4 are full; 8 and 10 are the newest articles' small ones
    assert keys.names == ("0", "4", "8", "10")
    assert routed(keys) == [("0", keys.keys[0]), ("4", keys.keys[1])]
    # One part covers them; its key follows the full shards alone: the newest articles'
    # shards leave it, and the article that fills a full shard changes it
    [part] = route_parts(keys)
    assert part.folder == "rute-0" and part.shards == ("0", "4")
    assert route_parts(keyed(9)) == [part] != route_parts(keyed(12))
    assert routed(keyed(12))[-1] == ("8", keyed(12).keys[2])
    assert route_parts(shard_keys((1, 2, 3), str, 4, 2, "s", order_of((1, 2, 3)))) == []
    # In parts of two full shards, each named by its first: a shard that fills makes
    # the last part again, or starts one, and leaves the sealed parts' keys as they were
    two = route_parts(keyed(16), per=2)
    assert [(p.folder, p.shards) for p in two] == [("rute-0", ("0", "4")),
                                                    ("rute-8", ("8", "12"))]
    assert route_parts(keyed(12), per=2) == [two[0], route_parts(keyed(12), per=2)[1]]
    assert route_parts(keyed(12), per=2)[1].shards == ("8",)
    assert route_parts(keyed(12), per=2)[1].key != two[1].key
    assert route_parts(keyed(20), per=2)[:2] == two
    assert route_parts(keyed(20), per=2)[2].folder == "rute-16"
    # The part size is in the key: a part of another size is made again
    assert route_parts(keyed(8), per=2)[0].key != route_parts(keyed(8), per=3)[0].key
    # A shard's words: distinct, lower-cased, from the title and the body; same bytes again
    record = SearchRecord(url="/x/", title="Pasar Baru", date="", sort="", image="",
                          filters={}, content="Pasar baru, pasar lama.\nDi kota.")
    words = gzip.decompress(words_of([record, record])).decode("utf-8").split("\n")
    assert words == ["baru", "baru,", "di", "kota.", "lama.", "pasar"]
    assert words_of([record]) == words_of([record, record])


def test_keys_follow_the_articles_and_the_quick_path_keys_only_what_it_touched() -> None:
    listed = (0, 1, 3, 4, 5, 6)  # the article at 2 is withdrawn
    keys = {i: f"{i:040x}" for i in range(10)}
    whole = shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    assert whole.names == ("0", "4") and whole.articles == 6 and whole.span(1) == (4, 6)
    assert position_of(listed, 5) == 4 and position_of(listed, 2) is None
    assert shard_of(whole, 3) == 0 and shard_of(whole, 5) == 1
    # An edit keys again its own shard only (a full shard's would go to the
    # corrections shard: none may here)
    keys[1] = "f" * 40
    assert reads(whole, listed, keys, [1], most=0) == [(0, 1, 3, 4), ()]
    again = rekeyed(whole, listed, keys.__getitem__, 4, 2, "s", [1], at(listed), most=0)
    assert again.keys[0] != whole.keys[0] and again.keys[1] == whole.keys[1]
    assert again == shard_keys(listed, keys.__getitem__, 4, 2, "s", order_of(listed))
    # An addition keys the newest small shard, or starts one
    longer = (*listed, 7)
    assert reads(again, longer, keys, [7]) == [(7,), ()]
    grown = rekeyed(again, longer, keys.__getitem__, 4, 2, "s", [7], at(longer))
    assert grown == shard_keys(longer, keys.__getitem__, 4, 2, "s", order_of(longer))
    assert grown.keys[:2] == again.keys[:2]
    # Filling a full shard makes the small ones one
    full = (*longer, 8)
    assert shard_keys(full, keys.__getitem__, 4, 2, "s", order_of(full)).names == ("0", "4")
    assert rekeyed(grown, full, keys.__getitem__, 4, 2, "s", [8], at(full)) == shard_keys(
        full, keys.__getitem__, 4, 2, "s", order_of(full))
    # Other settings key every shard again
    assert rekeyed(again, listed, keys.__getitem__, 4, 2, "t", [], at(listed)) == shard_keys(
        listed, keys.__getitem__, 4, 2, "t", order_of(listed))


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
