"""The output's record read as far as a build needs it (cache/outputs.py), and the
look at the files reading every row in its own process or thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.commit import end_transaction
from generator.cache.outputs import RecordedOutputs, output_stats
from generator.cache.store import Cache, OutputEntry
from generator.render.write import OutputCheck


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
