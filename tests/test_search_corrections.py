"""The older records the corrections shard hides (search/corrections.py): each build
that indexes the corrections shard looks in the full shards only for the articles
corrected since, and lists what a look at every one would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.search import corrections
from generator.search.corrections import REMEMBERED, hidden_fragments
from tests.conftest import SiteMaker
from tests.test_search import manifest, needs_pagefind, news, searchable


def _looked_in(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shards whose fragment files the next looks read, one entry a file."""
    read: list[str] = []
    head: Callable[[Path], bytes] = corrections._head

    def counted(path: Path) -> bytes:
        read.append(path.parent.parent.name)
        return head(path)

    monkeypatch.setattr(corrections, "_head", counted)
    return read


def _every_look(site: SiteMaker) -> list[str]:
    """The hidden fragments of every corrected article the remembered file names, looked
    up afresh in the full shards."""
    index = site.output / "pagefind"
    remembered = json.loads((index / REMEMBERED).read_text(encoding="utf-8"))
    return hidden_fragments(index, [(url, shard) for shard, entry in remembered.items()
                                    for url in entry["ids"]])


@needs_pagefind
def test_each_build_looks_only_for_the_articles_corrected_since(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given seven articles in shards of two (full shards 0, 2 and 4, a small one 6)
    searchable(site)
    for n in range(1, 8):
        news(site, n * 2)
    site.build()
    read = _looked_in(monkeypatch)
    # When a story is filed late into the first full shard
    site.article("2024/03/susulan-a", "Berita Susulan A", "2024-03-03T01:00:00+07:00",
                 "Isi berita susulan tentang pelabuhan.\n", tags="[Kota]")
    result = site.build()
    # Then it goes to the corrections shard, with no older record to hide: the look
    # reads that full shard alone
    assert result.quick and result.search_corrected
    assert set(read) == {"0"} and manifest(site)["hidden"] == [] == _every_look(site)
    # When another is filed late into the second full shard
    read.clear()
    site.article("2024/03/susulan-b", "Berita Susulan B", "2024-03-07T01:00:00+07:00",
                 "Isi berita susulan kedua tentang pelabuhan.\n", tags="[Kota]")
    assert site.build().quick
    # Then only that shard is read: the first story's look is remembered
    assert set(read) == {"2"} and manifest(site)["hidden"] == [] == _every_look(site)
    # When an article of the third full shard is corrected
    read.clear()
    news(site, 10, "Isi baru tentang jembatan.\n")
    assert site.build().quick
    # Then its older record is found in that shard alone, and hidden as a look at every
    # corrected article would hide it
    hidden = manifest(site)["hidden"]
    assert set(read) == {"4"} and isinstance(hidden, list) and len(hidden) == 1
    assert hidden == _every_look(site)
    # When that same article is corrected again: nothing is read, the same record hidden
    read.clear()
    news(site, 10, "Isi lebih baru tentang jembatan.\n")
    assert site.build().quick
    assert read == [] and manifest(site)["hidden"] == hidden == _every_look(site)
