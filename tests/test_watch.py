"""The watcher: classification as pure functions, then a real observer in a thread.

The threaded tests wait on a queue with a timeout: they end as soon as the
change arrives and fail (never hang) when it does not.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve.watch import (
    Change,
    ChangeKind,
    Watcher,
    classify,
    is_editor_temp,
    merge,
    watch_roots,
)
from tests.conftest import SiteMaker

TIMEOUT = 10.0


@pytest.mark.parametrize(("path", "kind"), [
    ("site.toml", ChangeKind.CONFIG),
    ("content/articles/2024/03/banjir.md", ChangeKind.ARTICLE),
    ("content/articles/2024", ChangeKind.ARTICLE),  # only with is_directory, see below
    ("content/pages/tentang.md", ChangeKind.PAGE),
    ("content/media/2024/foto.jpg", ChangeKind.MEDIA),
    ("templates/article.html", ChangeKind.TEMPLATE),
    ("locales/id.po", ChangeKind.TEMPLATE),
    ("static/style.css", ChangeKind.STATIC),
    ("themes/koran/templates/base.html", ChangeKind.TEMPLATE),
    ("themes/koran/static/app.js", ChangeKind.STATIC),
    ("themes/koran/locales/en.po", ChangeKind.TEMPLATE),
])
def test_sources_are_classified(path: str, kind: ChangeKind) -> None:
    assert classify(path, is_directory=not path.endswith((".md", ".jpg", ".html", ".po",
                                                          ".css", ".js", ".toml"))) == kind


@pytest.mark.parametrize("path", [
    "content/articles/.banjir.md.swp", "content/articles/banjir.md~", "content/articles/4913",
    "content/articles/.#banjir.md", "content/articles/#banjir.md#", "templates/.base.html.swx",
    "content/articles/catatan.txt", "content/README.md", "output/index.html",
    ".warta/preview/index.html", ".warta/cache.sqlite", "README.md", "themes/koran/README.md",
    "content/articles/.git/HEAD",
])
def test_what_the_build_ignores_is_ignored(path: str) -> None:
    assert classify(path) is None


def test_editor_scratch_files() -> None:
    assert all(map(is_editor_temp, ["a.md.swp", "a.md~", "4913", ".#a.md", ".hidden"]))
    assert not any(map(is_editor_temp, ["a.md", "style.css", "4914"]))


def test_a_change_knows_when_only_stylesheets_changed() -> None:
    css = Change(("static/a.css", "static/b.css"), frozenset({ChangeKind.STATIC}))
    js = Change(("static/a.css", "static/app.js"), frozenset({ChangeKind.STATIC}))
    mixed = merge([css, Change(("content/articles/a.md",), frozenset({ChangeKind.ARTICLE}))])
    assert css.css_only and not js.css_only and not mixed.css_only
    assert mixed.paths == ("content/articles/a.md", "static/a.css", "static/b.css")
    assert mixed.describe() == "article, static: content/articles/a.md, static/a.css, static/b.css"
    assert "and 1 more" in merge([mixed, js]).describe()


def test_a_bundled_theme_is_watched_as_themes_name(site: SiteMaker, tmp_path: Path) -> None:
    site.write("content/articles/a.md", "")
    theme = tmp_path / "bundled" / "default"
    roots = watch_roots(site.root, theme)
    assert [(r.prefix, r.recursive) for r in roots] == [
        ("", False), ("content", True), ("themes/default", True)]
    # A theme inside the site is already under its themes/ folder.
    site.write("themes/koran/templates/base.html", "")
    assert [r.prefix for r in watch_roots(site.root, site.root / "themes/koran")] == [
        "", "content", "themes"]


# A real observer ------------------------------------------------------------------


@pytest.fixture
def watched(site: SiteMaker) -> Iterator[tuple[SiteMaker, queue.Queue[Change]]]:
    for folder in ("content/articles", "content/pages", "templates", "static", "output",
                   ".warta/preview"):
        (site.root / folder).mkdir(parents=True, exist_ok=True)
    site.article("lama", "Lama", "2024-03-01T09:00:00+07:00")
    changes: queue.Queue[Change] = queue.Queue()
    watcher = Watcher(watch_roots(site.root), changes.put, quiet=0.15)
    watcher.start()
    try:
        yield site, changes
    finally:
        watcher.stop()


def next_change(changes: queue.Queue[Change]) -> Change:
    return changes.get(timeout=TIMEOUT)


def test_an_edited_article_is_one_change(watched: tuple[SiteMaker, queue.Queue[Change]]) -> None:
    site, changes = watched
    site.article("lama", "Lama, diperbarui", "2024-03-01T09:00:00+07:00")
    change = next_change(changes)
    assert change.paths == ("content/articles/lama.md",)
    assert change.kinds == {ChangeKind.ARTICLE}


def test_a_burst_of_saves_is_debounced(watched: tuple[SiteMaker, queue.Queue[Change]]) -> None:
    site, changes = watched
    # Given an editor's save as vim does it: probe file, backup, new file, then a template
    site.write("content/articles/4913", "")
    os.unlink(site.root / "content/articles/4913")
    os.rename(site.root / "content/articles/lama.md", site.root / "content/articles/lama.md~")
    site.article("lama", "Lama, lagi", "2024-03-01T09:00:00+07:00")
    os.unlink(site.root / "content/articles/lama.md~")
    site.write("templates/article.html", "{% extends 'base.html' %}")
    # Then one change holds both files, and no second change follows
    change = next_change(changes)
    assert change.paths == ("content/articles/lama.md", "templates/article.html")
    assert change.kinds == {ChangeKind.ARTICLE, ChangeKind.TEMPLATE}
    with pytest.raises(queue.Empty):
        changes.get(timeout=0.5)


def test_scratch_files_output_and_reads_are_ignored(
        watched: tuple[SiteMaker, queue.Queue[Change]]) -> None:
    site, changes = watched
    # Given things that are not edits: scratch files, build output, a read of a source
    site.write("content/articles/.lama.md.swp", "x")
    site.write("content/articles/lama.md~", "x")
    site.write("output/index.html", "x")
    site.write(".warta/preview/index.html", "x")
    site.write("content/README.md", "x")
    (site.root / "content/articles/lama.md").read_bytes()
    # When a real edit follows
    site.write("static/style.css", "body { color: red }")
    # Then the first change is that edit alone
    change = next_change(changes)
    assert change.paths == ("static/style.css",)
    assert change.css_only


def test_create_rename_and_delete(watched: tuple[SiteMaker, queue.Queue[Change]]) -> None:
    site, changes = watched
    site.article("baru", "Baru", "2024-03-02T09:00:00+07:00")
    assert next_change(changes).paths == ("content/articles/baru.md",)
    os.rename(site.root / "content/articles/baru.md", site.root / "content/articles/kini.md")
    assert next_change(changes).paths == ("content/articles/baru.md", "content/articles/kini.md")
    os.unlink(site.root / "content/articles/kini.md")
    assert next_change(changes).paths == ("content/articles/kini.md",)


def test_a_source_folder_created_later_is_watched(site: SiteMaker) -> None:
    changes: queue.Queue[Change] = queue.Queue()
    watcher = Watcher(watch_roots(site.root), changes.put, quiet=0.15)
    watcher.start()
    try:
        (site.root / "static").mkdir()
        assert next_change(changes).paths == ("static",)
        site.write("static/style.css", "main { color: red }")
        assert next_change(changes).paths == ("static/style.css",)
    finally:
        watcher.stop()


def test_the_config_file_is_watched(watched: tuple[SiteMaker, queue.Queue[Change]]) -> None:
    site, changes = watched
    site.write("site.toml", 'title = "Baru"\n')
    change = next_change(changes)
    assert change.paths == ("site.toml",) and change.kinds == {ChangeKind.CONFIG}


def test_stop_ends_the_threads(site: SiteMaker) -> None:
    watcher = Watcher(watch_roots(site.root), lambda change: None)
    watcher.start()
    watcher.stop(timeout=TIMEOUT)
    assert not watcher._thread.is_alive()
    assert not watcher._observer.is_alive()
