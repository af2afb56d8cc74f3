"""Saving parsed sources in a child process: all saved, or the build fails whole."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from generator.build import commit, sources
from generator.build.commit import SourceSaving, save_apart
from generator.cache.store import Cache, SourceEntry
from generator.content.source_record import SourceRecord
from generator.errors import Problem, Text
from tests.conftest import SiteMaker


def _entries(count: int) -> dict[str, SourceEntry]:
    return {
        f"content/articles/a{n}.md": SourceEntry(
            10 + n, 1000 + n, f"digest{n}", "key",
            SourceRecord(problems=(Problem(f"content/articles/a{n}.md", 1, Text("rusak")),)))
        for n in range(count)}


def test_a_child_saves_the_sources_and_the_count_is_known_at_once(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    before = cache.loads()
    entries = _entries(5)
    saving = save_apart(cache, entries, sorted(entries))
    assert saving is not None
    # The build goes on before the child is done: it sees the count the child stores.
    assert cache.loads() == before + 1
    saving.wait()
    cache.close()
    again = Cache(tmp_path / "cache.sqlite")
    assert again.sources() == entries
    assert again.loads() == before + 1
    assert again.records(["content/articles/a3.md"])["content/articles/a3.md"] == \
        entries["content/articles/a3.md"].record


def test_a_child_that_fails_fails_the_wait(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    entries = _entries(2)
    # A record that cannot be pickled: the child's save raises.
    entries["content/articles/x.md"] = SourceEntry(1, 1, "d", "key",
                                                           SourceRecord(problems=(lambda: 0,)))  # type: ignore[arg-type]
    saving = save_apart(cache, entries, sorted(entries))
    assert saving is not None
    with pytest.raises(OSError, match="cache.sqlite failed .* delete .warta/"):
        saving.wait()


def test_no_child_beside_other_threads(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert save_apart(cache, _entries(1), ["content/articles/a0.md"]) is None
    finally:
        stop.set()
        other.join()
    assert save_apart(Cache(None), _entries(1), ["content/articles/a0.md"]) is None


def test_a_parallel_cold_build_saves_every_source_for_the_next(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[SourceSaving | None] = []

    def spy(*args: Any) -> SourceSaving | None:
        children.append(save_apart(*args))
        return children[-1]

    monkeypatch.setattr(commit, "save_apart", spy)
    for n in range(sources.PARALLEL_THRESHOLD + 6):
        site.article(f"a{n:03d}", f"Berita {n}", f"2024-03-{n % 28 + 1:02d}T08:00:00+07:00")
    first = site.build(jobs=2)
    assert first.parsed == sources.PARALLEL_THRESHOLD + 6
    assert len(children) == 1 and children[0] is not None  # a child saved them
    again = site.build(jobs=2)
    assert (again.parsed, again.rendered, again.written) == (0, 0, ())
    assert again.quick  # the count of saved loads matched the one the first build saw
    site.article("a005", "Berita lima diubah", "2024-03-06T08:00:00+07:00")
    edited = site.build(jobs=2)
    assert edited.parsed == 1
    assert "2024/03/berita-lima-diubah/index.html" in edited.written
