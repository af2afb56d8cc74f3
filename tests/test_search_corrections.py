"""The older records the corrections shard hides (search/corrections.py): each build
that indexes the corrections shard looks in the full shards only for the articles
corrected since, and lists what a look at every one would."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.search import corrections
from generator.search.corrections import REMEMBERED, hidden_fragments
from generator.search.intact import bundle_id
from tests.conftest import SiteMaker
from tests.test_search import manifest, needs_pagefind, news, seven_news


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
    seven_news(site)
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


def _bundle(index: Path, shard: str, urls: dict[str, str], listing: str = "") -> None:
    """A full shard's folder: a fragment file per URL (id -> URL), and a key file."""
    folder = index / shard / "fragment"
    folder.mkdir(parents=True, exist_ok=True)
    for fragment, url in urls.items():
        (folder / f"{fragment}.pf_fragment").write_bytes(gzip.compress(
            b"pagefind_dcd" + json.dumps({"url": url, "content": "isi"},
                                         separators=(",", ":")).encode()))
    (index / shard / ".warta-shard").write_text(f"kunci\n{listing}", encoding="utf-8")


def _look(index: Path, corrected: list[tuple[str, str]],
          remembered: corrections.Remembered) -> tuple[list[str], corrections.Remembered]:
    return corrections.looked_up(index, corrected, lambda s: bundle_id(index / s), remembered)


def test_a_remembered_look_holds_only_for_the_bundle_it_was_made_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a full shard holding an article's older record, looked up once
    _bundle(tmp_path, "2", {"id_a": "/a/", "id_b": "/b/"}, "1 fragment/id_a.pf_fragment\n")
    corrected = [("/a/", "2"), ("/telat/", "2")]
    hidden, remembered = _look(tmp_path, corrected, {})
    assert hidden == ["id_a"] and remembered["2"][1] == {"/a/": "id_a", "/telat/": ""}
    read = _looked_in(monkeypatch)
    assert _look(tmp_path, corrected, remembered)[0] == ["id_a"] and read == []
    # When the shard is indexed again under the same key with other records (a damaged
    # one repaired): its key file names other fragments
    shutil.rmtree(tmp_path / "2")
    _bundle(tmp_path, "2", {"id_a2": "/a/", "id_b": "/b/"}, "1 fragment/id_a2.pf_fragment\n")
    # Then the look reads it again and finds the record there now
    assert _look(tmp_path, corrected, remembered)[0] == ["id_a2"] and read


def test_a_fragment_that_could_not_be_read_leaves_no_miss_remembered(tmp_path: Path) -> None:
    # Given a full shard one of whose fragments cannot be read
    _bundle(tmp_path, "2", {"id_b": "/b/"})
    (tmp_path / "2/fragment/id_a.pf_fragment").write_bytes(b"rusak")
    # Then an article not found there is not remembered as having no older record
    hidden, remembered = _look(tmp_path, [("/a/", "2"), ("/b/", "2")], {})
    assert hidden == ["id_b"] and remembered["2"][1] == {"/b/": "id_b"}


def test_a_remembered_file_not_as_written_is_not_read(tmp_path: Path) -> None:
    text = corrections.remembered_text({"2": ("abc", {"/a/": "id_a", "/b/": ""})})
    (tmp_path / REMEMBERED).write_text(text, encoding="utf-8")
    assert corrections.read_remembered(tmp_path) == {"2": ("abc", {"/a/": "id_a", "/b/": ""})}
    for wrong in ('{"2": {"bundle": "abc", "ids": {"/a/": null}}}', '{"2": []}', "[1]", "{"):
        (tmp_path / REMEMBERED).write_text(wrong, encoding="utf-8")
        assert corrections.read_remembered(tmp_path) == {}, wrong
