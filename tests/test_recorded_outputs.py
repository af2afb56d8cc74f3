"""The output's record read as far as a build needs it (cache/outputs.py), and the
look at the files reading every row in its own process or thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.commit import end_transaction
from generator.cache.outputs import RecordedOutputs, output_stats
from generator.cache.store import Cache, OutputEntry
from generator.render.write import OutputCheck
from tests.conftest import SiteMaker, settings

NOW = datetime(2024, 3, 19, 12, 0, tzinfo=UTC)


def _cache_with(tmp_path: Path, entries: dict[str, OutputEntry]) -> Cache:
    cache = Cache(tmp_path / "cache.sqlite")
    cache.put_outputs("output", entries)
    cache.put_outputs("lain", {"lain.html": OutputEntry("z", 1, 1)})
    end_transaction(cache)
    return cache


def test_rows_are_read_when_asked_for_and_all_of_them_when_iterated(tmp_path: Path) -> None:
    entries = {"a/index.html": OutputEntry("fa", 5, 10), "b/index.html": OutputEntry("fb", 6, 11)}
    cache = _cache_with(tmp_path, entries)
    try:
        recorded = RecordedOutputs(cache, "output")
        # One row, the count, a file never written (nor one of another output folder)
        assert recorded["a/index.html"] == OutputEntry("fa", 5, 10)
        assert recorded.get("tidak-ada.html") is None and "lain.html" not in recorded
        with pytest.raises(KeyError):
            recorded["tidak-ada.html"]
        assert len(recorded) == 2 and "b/index.html" in recorded
        # Every row, as the cache's own reading gives them
        assert recorded.whole() == dict(recorded) == cache.outputs("output") == entries
        assert sorted(output_stats(tmp_path / "cache.sqlite", "output")) == [
            ("a/index.html", 5, 10), ("b/index.html", 6, 11)]
    finally:
        cache.close()


def test_the_output_check_reads_the_record_itself_in_a_child_or_a_thread(
        tmp_path: Path) -> None:
    # Given files as an earlier build recorded them in the cache, one since changed and
    # one deleted
    output = tmp_path / "output"
    for name in ("a/index.html", "b/index.html", "hilang.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(b"12345")
    cache = _cache_with(tmp_path, {
        name: OutputEntry("f", 5, (output / name).stat().st_mtime_ns)
        for name in ("a/index.html", "b/index.html", "hilang.html")})
    cache.close()
    (output / "b/index.html").write_bytes(b"123456")
    (output / "hilang.html").unlink()

    def load() -> Iterator[tuple[str, int, int]]:
        return output_stats(tmp_path / "cache.sqlite", "output")

    # When the check is handed only what reads the record, in a child process or in a
    # thread beside other threads
    forked = OutputCheck(output, {}, load).damaged()
    blocker = threading.Event()
    other = threading.Thread(target=blocker.wait)
    other.start()
    try:
        threaded = OutputCheck(output, {}, load).damaged()
    finally:
        blocker.set()
        other.join()
    # Then both name exactly the changed and the deleted file
    assert forked == threaded == {"b/index.html", "hilang.html"}


def test_today_s_news_reads_no_whole_record_and_a_damaged_file_is_still_written(
        make_site: Callable[[str], SiteMaker], monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a built archive, one of whose pages was since deleted by hand
    site = make_site("kabar")
    settings(site, outputs="feeds = true\nsitemaps = true\n")
    for n in range(1, 6):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{10 + n:02d}T08:00:00+07:00",
                     tags="[Kota]")
    site.build(now=NOW)
    (site.root / "output/2024/03/berita-1/index.html").unlink()
    whole: list[str] = []
    read_whole = Cache.outputs

    def spy(cache: Cache, target: str) -> dict[str, OutputEntry]:
        whole.append(target)
        return read_whole(cache, target)

    monkeypatch.setattr(Cache, "outputs", spy)
    # When today's news is added
    site.article("2024/03/b9", "Berita 9", "2024-03-19T09:00:00+07:00", tags="[Kota]")
    result = site.build(now=NOW)
    # Then the quick path wrote it and the deleted page without reading every record
    assert result.quick and not whole
    assert {"2024/03/berita-9/index.html", "2024/03/berita-1/index.html"} <= set(result.written)
    # and the output is the whole way's
    clean = make_site("bersih")
    shutil.rmtree(clean.root)
    shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
    clean.build(now=NOW, quick=False)
    assert whole  # (the whole way reads every record)
    assert {p: h for p, (h, _) in site.snapshot().items()} == \
        {p: h for p, (h, _) in clean.snapshot().items()}
