"""The build cache: source fingerprints apart from records, records one row each, and the
count of saves the quick path relies on."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from generator.build.commit import end_transaction
from generator.cache import version
from generator.cache.store import Cache, SourceEntry, SourceStat
from generator.content import markup
from generator.content.source_record import SourceRecord
from generator.errors import Problem, Text
from tests.conftest import SiteMaker


def _record(name: str) -> SourceRecord:
    # A failed file's record: what the cache keeps of it is its problems.
    return SourceRecord(problems=(Problem("content/articles/x.md", None, Text(name)),))


def _entry(size: int, name: str) -> SourceEntry:
    return SourceEntry(size, 7, f"d{size}", "k", _record(name))


def test_fingerprints_and_records_follow_every_save(tmp_path: Path) -> None:
    # Given sources saved once
    cache = Cache(tmp_path / "cache.sqlite")
    assert cache.loads() == 0
    entries = {f"content/articles/{n}.md": _entry(n, f"r{n}") for n in range(100)}
    cache.save_sources(entries, list(entries))
    end_transaction(cache)
    # Then their fingerprints and records can be read apart from the whole snapshot
    assert cache.loads() == 1
    assert cache.stats()["content/articles/5.md"] == SourceStat(5, 7, "d5", "k")
    assert len(cache.stats()) == 100
    assert cache.records(["content/articles/5.md", "hilang.md"]) == {
        "content/articles/5.md": _record("r5")}
    # When one is updated alone, and one removed by a whole save
    cache.update_sources({"content/articles/5.md": _entry(55, "baru")})
    assert cache.loads() == 2
    assert cache.sources()["content/articles/5.md"].record == _record("baru")
    assert len(cache.sources()) == 100
    everything = cache.sources()
    del everything["content/articles/6.md"]
    cache.save_sources(everything, ["content/articles/6.md"])
    end_transaction(cache)
    cache.close()
    # Then a new process sees the same
    again = Cache(tmp_path / "cache.sqlite")
    assert again.loads() == 3
    assert again.stats()["content/articles/5.md"].size == 55
    assert "content/articles/6.md" not in again.stats()
    assert again.records(["content/articles/5.md", "content/articles/6.md"]) == {
        "content/articles/5.md": _record("baru")}


def test_another_markdown_release_renders_every_body_again(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a site built with the installed Python-Markdown
    site.article("2024/03/banjir", "Banjir", "2024-03-01T09:00:00+07:00", "Air naik.\n")
    site.article("2024/03/pasar", "Pasar", "2024-03-02T09:00:00+07:00", "Harga turun.\n")
    assert site.build().parsed == 2
    assert "<p>Air naik.</p>" in site.read("2024/03/banjir/index.html")
    # When another release is installed, one that renders the same text otherwise
    monkeypatch.setattr(version, "markdown_version", lambda: "99.0")
    monkeypatch.setattr(markup, "render", lambda text: "<p>Markdown 99</p>")
    # Then every source is parsed and every body rendered again, by the new release;
    # neither the records nor the bodies of the old one are kept
    assert site.build().parsed == 2
    for name in ("banjir", "pasar"):
        page = site.read(f"2024/03/{name}/index.html")
        assert "<p>Markdown 99</p>" in page and "Air naik." not in page
    # And only once
    assert site.build().parsed == 0


def test_the_markdown_version_read_from_its_folder_is_the_installed_one() -> None:
    # The cache key reads it from the dist-info folder's name, not through
    # importlib.metadata (too slow to import in every build): both must agree.
    assert version.markdown_version() == metadata.version("markdown")
