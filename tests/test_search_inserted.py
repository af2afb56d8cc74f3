"""Stories filed late in one build, today's news perhaps beside them (build/search.py
`inserted`): the shards stand as the whole way leaves them, one article after another
dated into the last build's shards."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from tests.conftest import SiteMaker
from tests.test_search import index_files, manifest, needs_pagefind, seven_news


def _copy(site: SiteMaker, make_site: Callable[[str], SiteMaker], name: str) -> SiteMaker:
    """A copy of `site`, its output and cache too."""
    whole = make_site(name)
    shutil.rmtree(whole.root, ignore_errors=True)
    shutil.copytree(site.root, whole.root)
    return whole


def _index(site: SiteMaker) -> dict[str, str]:
    """`index_files` but Pagefind's meta files and their names, which differ from one
    indexing of the same records to the next (its service adds a batch's records in
    the order its tasks finish), and each shard's key for its key file."""
    found = {name: digest for name, digest in index_files(site).items()
             if not name.endswith((".pf_meta", "pagefind-entry.json", ".warta-shard"))}
    for key_file in (site.output / "pagefind").glob("*/.warta-shard"):
        found[key_file.parent.name + "/key"] = key_file.read_bytes().split(b"\n", 1)[0].decode()
    return found


def _filed_late_together(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                         stories: dict[str, str]) -> tuple[bool, SiteMaker]:
    """Seven articles in shards of two (full shards 0, 2 and 4, a small one 6), built;
    then the `stories` (name -> date) filed late in one build, on it and on a copy of it
    (its cache too) built the whole way: whether the build took the short way, and the
    copy."""
    seven_news(site)
    whole = _copy(site, make_site, "whole")
    for each in (site, whole):
        for name, when in stories.items():
            each.article(f"2024/03/{name}", f"Berita {name}", when,
                         f"Isi berita {name} tentang pelabuhan.\n", tags="[Kota]")
    quick = site.build().quick
    whole.build(quick=False)
    return quick, whole


@needs_pagefind
def test_stories_filed_late_together_are_indexed_as_the_whole_way_indexes_them(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given seven articles in shards of two, when two stories filed late join the first
    # full shard and one the small shard, in one build
    quick, whole = _filed_late_together(site, make_site, {
        "susulan-a": "2024-03-03T01:00:00+07:00", "susulan-b": "2024-03-03T02:00:00+07:00",
        "susulan-c": "2024-03-13T02:00:00+07:00"})
    # Then the short way gives the whole way's index, file for file: the two in the full
    # shard go to the corrections shard, the small shard is cut again with the third
    assert quick
    assert manifest(site)["shards"] == manifest(whole)["shards"] == ["0", "2", "4", "6"]
    assert _index(site) == _index(whole)


@needs_pagefind
def test_stories_filed_late_together_that_overfill_a_shard_go_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the same archive, when three stories filed late join its first full shard in
    # one build (five articles: more than twice the shard size)
    quick, whole = _filed_late_together(site, make_site, {
        f"susulan-{hour}": f"2024-03-03T0{hour}:00:00+07:00" for hour in range(1, 4)})
    # Then the build goes the whole way, which cuts the shards again
    assert not quick
    assert manifest(site)["shards"] == manifest(whole)["shards"] == ["0", "2", "4", "6", "8"]


@needs_pagefind
def test_a_story_filed_late_beside_todays_news_is_indexed_as_the_whole_way_indexes_it(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the same archive, when a story filed late joins its first full shard and
    # today's news comes in the same build
    quick, whole = _filed_late_together(site, make_site, {
        "susulan": "2024-03-03T01:00:00+07:00", "hari-ini": "2024-03-20T09:00:00+07:00"})
    # Then the short way gives the whole way's index: the story in the corrections
    # shard, today's news in the small shard
    assert quick
    assert manifest(site)["shards"] == manifest(whole)["shards"] == ["0", "2", "4", "6"]
    assert _index(site) == _index(whole)
