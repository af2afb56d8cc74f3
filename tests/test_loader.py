"""The loader: what it reads, what it takes from the cache, and what a hint spares."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build import sources
from generator.build.loader import (
    FAR_AHEAD,
    UPDATE_AHEAD,
    Loaded,
    depends_on_now,
    load,
    record_problems,
    source_line,
)
from generator.cache.store import Cache
from generator.config import SiteConfig, load_config
from generator.content.parse import parse_article
from generator.content.source_record import SourceRecord
from tests.conftest import SiteMaker

CONFIG = SiteConfig()


def _load(site: SiteMaker, cache: Cache, known: Loaded | None = None,
          only: tuple[str, ...] | None = None) -> Loaded:
    return load(site.root, load_config(site.root), cache, 1,
                known.sources if known else None, only)


def _titles(loaded: Loaded) -> list[str]:
    return [a.title for a in loaded.articles]


def test_a_hint_limits_what_is_looked_at(site: SiteMaker, tmp_path: Path) -> None:
    # Given two articles loaded once
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00")
    cache = Cache(tmp_path / "cache.sqlite")
    first = _load(site, cache)
    assert first.parsed == 2
    # When both change but only one is named in the hint
    site.article("a", "Satu diubah", "2024-03-01T09:00:00+07:00")
    site.article("b", "Dua diubah", "2024-03-02T09:00:00+07:00")
    hinted = _load(site, cache, first, ("content/articles/a.md",))
    # Then only that one is read: the hint is what the watcher saw
    assert hinted.parsed == 1 and _titles(hinted) == ["Satu diubah", "Dua"]
    # And without a hint every file is looked at again
    assert _titles(_load(site, cache, hinted)) == ["Satu diubah", "Dua diubah"]


def test_a_hint_sees_deletions_and_new_files(site: SiteMaker, tmp_path: Path) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    cache = Cache(tmp_path / "cache.sqlite")
    first = _load(site, cache)
    (site.root / "content/articles/a.md").unlink()
    site.article("c", "Tiga", "2024-03-03T09:00:00+07:00")
    site.article(".d", "Tersembunyi", "2024-03-03T09:00:00+07:00")
    loaded = _load(site, cache, first, ("content/articles/a.md", "content/articles/c.md",
                                        "content/articles/.d.md", "content/media/x.jpg"))
    assert _titles(loaded) == ["Tiga"]  # hidden files are ignored, as by a scan


def test_a_folder_in_the_hint_means_looking_at_everything(site: SiteMaker,
                                                          tmp_path: Path) -> None:
    site.article("2024/a", "Satu", "2024-03-01T09:00:00+07:00")
    cache = Cache(tmp_path / "cache.sqlite")
    first = _load(site, cache)
    site.article("2025/b", "Dua", "2025-03-01T09:00:00+07:00")
    site.article("2024/a", "Satu diubah", "2024-03-01T09:00:00+07:00")
    loaded = _load(site, cache, first, ("content/articles/2025",))
    assert _titles(loaded) == ["Satu diubah", "Dua"]


def test_a_hinted_file_under_a_linked_folder_is_skipped_as_a_scan_skips_it(
        site: SiteMaker, tmp_path: Path) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    elsewhere = site.write("elsewhere/b.md", (site.root / "content/articles/a.md")
                           .read_text(encoding="utf-8").replace("Satu", "Dua"))
    os.symlink(elsewhere.parent, site.root / "content/articles/linked")
    cache = Cache(tmp_path / "cache.sqlite")
    first = _load(site, cache)
    assert _titles(first) == ["Satu"]
    assert _titles(_load(site, cache, first, ("content/articles/linked/b.md",))) == ["Satu"]


def test_a_file_that_cannot_be_read_is_reported_and_read_again_next_time(
        site: SiteMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an article that cannot be read (as without permission)
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    real_open = open

    def refuse(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("a.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    cache = Cache(tmp_path / "cache.sqlite")
    # When it is loaded
    first = _load(site, cache)
    # Then the problem names the file and what to do
    assert [(p.path, p.message) for p in first.problems] == [
        ("content/articles/a.md", "the file cannot be read (Permission denied)")]
    assert first.articles == ()
    # And once it can be read, unchanged, the next load reads it instead of trusting
    # its stat
    monkeypatch.undo()
    assert _titles(_load(site, cache)) == ["Satu"]


def test_parsing_in_worker_processes_gives_what_one_process_gives(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given more files than one process parses alone, two of them broken
    for n in range(sources.PARALLEL_THRESHOLD + 40):
        site.article(f"a{n:03d}", f"Artikel {n}", f"2024-03-01T{n % 24:02d}:00:00+07:00")
    site.write("content/articles/rusak.md", "---\ntitle: [tidak ditutup\n---\nIsi.\n")
    site.write("content/articles/kosong.md", "")
    config = load_config(site.root)
    # When they are loaded by this process alone, and by it with workers
    alone = load(site.root, config, Cache(tmp_path / "one.sqlite"), 1)
    shared = load(site.root, config, Cache(tmp_path / "two.sqlite"), 2)
    # (The sources were saved by a forked child: no other thread, such as the one
    # that asks the kernel to read ahead, was left running.)
    assert shared.saving is not None and threading.active_count() == 1
    shared.saving.wait()
    # Then the records, the problems and the stored bodies are the same
    assert alone.articles == shared.articles and len(alone.articles) > sources.PARALLEL_THRESHOLD
    assert alone.problems == shared.problems and len(alone.problems) == 2
    one, two = Cache(tmp_path / "one.sqlite"), Cache(tmp_path / "two.sqlite")
    paths = [a.path for a in alone.articles]
    assert one.bodies(paths) == two.bodies(paths) and len(one.bodies(paths)) == len(paths)


@pytest.mark.parametrize(("lines", "line", "key", "date"), [
    ("updated: 2052-01-06\n", 4, "updated", "2052-01-06T00:00+07:00"),
    ("lastmod: 2052-01-06\n", 4, "updated", "2052-01-06T00:00+07:00"),  # (Hugo's word)
    ("corrections:\n  - date: 2025-03-02\n    text: A.\n  - date: 2205-03-02\n"
     "    text: B.\n", 4, "corrections", "2205-03-02T00:00+07:00")])
def test_an_update_dated_after_today_is_a_warning_at_its_line(
        site: SiteMaker, lines: str, line: int, key: str, date: str) -> None:
    # (`updated: 2052`: the page said "Diperbarui 6 Januari 2052", dateModified too)
    path = "content/articles/2025/03/banjir.md"
    text = f"---\ntitle: A\ndate: 2025-03-01\n{lines}---\nIsi.\n"
    site.write(path, text)
    record = SourceRecord(article=parse_article(text, path, CONFIG).article)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    [ahead] = record_problems(site.root, path, record, now)
    assert str(ahead) == (f"{path}:{line}: `{key}` is dated {date}, after today: no reader "
                          "has seen that update yet \u2014 if the year or the month is a "
                          "typo, correct it")
    assert ahead.severity == "warning" and depends_on_now(ahead)
    # (a day ahead is a clock or a zone off, no typo)
    when = datetime.fromisoformat(date)
    assert record_problems(site.root, path, record, when - UPDATE_AHEAD) == []


def test_a_scheduled_story_updated_after_its_own_date_is_no_warning(site: SiteMaker) -> None:
    path = "content/articles/2026/03/jadwal.md"
    text = ("---\ntitle: A\ndate: 2026-03-10T08:00:00+07:00\n"
            "updated: 2026-03-10T09:00:00+07:00\n---\nIsi.\n")
    site.write(path, text)
    record = SourceRecord(article=parse_article(text, path, CONFIG).article)
    assert record_problems(site.root, path, record, datetime(2026, 3, 1, tzinfo=UTC)) == []


def test_a_date_more_than_a_year_ahead_is_a_warning_at_its_line(site: SiteMaker) -> None:
    path = "content/articles/2018/09/rakor.md"
    text = "---\ntitle: A\ndraft: true\ndate: 2062-09-26T10:00:00+07:00\n---\nIsi.\n"
    site.write(path, text)
    record = SourceRecord(article=parse_article(text, path, CONFIG).article)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    [far] = record_problems(site.root, path, record, now)
    assert (far.path, far.line, far.severity) == (path, 4, "warning")
    assert "2062-09-26T10:00+07:00" in far.message and depends_on_now(far)
    assert record_problems(site.root, path, record, record.article.date - FAR_AHEAD) == []
    assert record_problems(site.root, path, record, None) == []
    assert source_line(site.root, path, "title") == 2
    assert source_line(site.root, "content/articles/hilang.md", "date") is None
    assert source_line(site.root, path, "image", "date") == 4  # the first key found
