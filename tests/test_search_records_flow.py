"""A build that indexes its stale shards makes each one's records as Pagefind takes it,
so that a cold build never holds the whole archive's records at once (issue 17: at
100,000 articles they were 400 MB of the peak, beside Pagefind's processes)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.build import search as build_search
from generator.cache.store import Cache
from generator.plan.site import Site
from generator.search import bundles
from generator.search.records import Labels, SearchRecord
from tests.conftest import SiteMaker
from tests.test_search import needs_pagefind, news, searchable

ARTICLES = 24
"""In shards of two: twelve shards, many more than two Pagefind processes and the two
shards waiting for them."""


def in_flight(events: list[str]) -> int:
    """The most shards whose records were made and not yet indexed, at any moment."""
    most = alive = 0
    for event in events:
        alive += 1 if event == "made" else -1
        most = max(most, alive)
    return most


def watched(monkeypatch: pytest.MonkeyPatch,
            given: dict[str, tuple[SearchRecord, ...]] | None = None) -> list[str]:
    """Record each shard's records made ("made") and each shard indexed ("indexed"),
    and what each shard's folder was given to index (`given`)."""
    events: list[str] = []
    given = {} if given is None else given
    make, index_shard = build_search._records, bundles._index_shard

    def records(site: Site, labels: Labels, cache: Cache,
                chosen: Sequence[int]) -> list[SearchRecord]:
        events.append("made")
        return make(site, labels, cache, chosen)

    def indexed(service: bundles.Service, shard: bundles.Shard, language: str, index: Path,
                tag: str, words: bool = True) -> None:
        index_shard(service, shard, language, index, tag, words)
        if words:  # (a shard of articles, not a part of the route map)
            given[shard.folder] = shard.records
            events.append("indexed")

    monkeypatch.setattr(build_search, "_records", records)
    monkeypatch.setattr(bundles, "_index_shard", indexed)
    return events


@needs_pagefind
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cold_build_makes_each_shards_records_as_it_is_indexed(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    # Given an archive of twelve shards, and a copy of it whose records are made first
    searchable(site)
    for n in range(1, ARTICLES + 1):
        news(site, n)
    given: dict[str, tuple[SearchRecord, ...]] = {}
    events = watched(monkeypatch, given)
    # When it is built from nothing
    result = site.build(jobs=jobs)
    # Then every shard was indexed, and at most the shards being indexed and those
    # waiting for a Pagefind process (one each) had their records, and the one being made
    assert len(result.search_indexed) == 12 and events.count("indexed") == 12
    assert events.count("made") == 12
    assert in_flight(events) <= 2 * jobs + 1
    # And Pagefind was given the records it is given when they are made all at once
    # (`warta serve`'s way: its indexer runs after the build). (Its bundles are not
    # compared: Pagefind 1.5 orders a shard's filters in its `pf_meta` differently from
    # run to run, whichever way the records come.)
    first = dict(given)
    shutil.rmtree(site.output / "pagefind")
    deferred = site.build(index_search=False)
    work = deferred.search_work
    assert work is not None and len(work.stale) == 12
    assert all(len(shard.records) == 2 for shard in work.stale)
    given.clear()
    assert build_search.index(work, jobs) is None
    assert given == first and all(len(records) == 2 for records in first.values())


@needs_pagefind
def test_after_a_pagefind_failure_no_more_records_are_made(
        site: SiteMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given twelve shards and a Pagefind that fails
    searchable(site)
    for n in range(1, ARTICLES + 1):
        news(site, n)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    events = watched(monkeypatch)
    # When it is built with two Pagefind processes at once
    failed = site.build(jobs=2)
    # Then the pages are published, the failure is a warning, no shard is indexed, and
    # no shard's records were made after the first failure: before it, at most the two
    # shards Pagefind took, the two waiting, and the one waiting for a place
    assert failed.search_indexed == () and not (site.output / "pagefind/0").exists()
    assert any("Pagefind failed" in w.message for w in failed.warnings)
    assert "indexed" not in events and events.count("made") <= 2 * 2 + 1
    # And the next build, with Pagefind back, indexes every shard
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    assert len(site.build(jobs=2).search_indexed) == 12
    assert json.loads(site.read("pagefind/shards.json"))["shards"][0] == "0"
