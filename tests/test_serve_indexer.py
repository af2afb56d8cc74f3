"""`warta serve`'s search indexer (serve/preview.py `SearchIndexer`): it indexes in the
background, and a build made while it works knows what it will write
(`BuildOptions.indexing`)."""

from __future__ import annotations

import json
import threading
import time
from io import StringIO
from pathlib import Path
from types import TracebackType

import pytest

from generator.build import search
from generator.build.pipeline import BuildOptions, build
from generator.report import Reporter
from generator.search.intact import KEY_FILE
from generator.serve.preview import BuildThread, PreviewState, SearchIndexer
from generator.serve.watch import Change, ChangeKind
from tests.conftest import SiteMaker
from tests.test_search import needs_pagefind


def _change(name: str) -> Change:
    return Change((f"content/articles/{name}.md",), frozenset({ChangeKind.ARTICLE}))


def _key(output: Path, folder: str = "0") -> str:
    """The key the shard in `folder` was indexed with."""
    return (output / "pagefind" / folder / KEY_FILE).read_text(
        encoding="utf-8").split("\n", 1)[0]


def _manifest(output: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (output / "pagefind/shards.json").read_text(encoding="utf-8"))
    return loaded


def _previewed(site: SiteMaker, shards: str) -> tuple[Path, SearchIndexer, BuildThread]:
    """The site previewed with search on (`shards`: its `[search]` lines), built and
    indexed: the preview's folder, its indexer and its build thread."""
    site.write("site.toml", f'title = "Cari"\n[search]\n{shards}\n')
    output = site.root / ".warta/preview"
    quiet = Reporter(StringIO(), out=StringIO())
    indexer = SearchIndexer(site.root, output, quiet)
    thread = BuildThread(BuildOptions(site_dir=site.root, output_dir=output, drafts=True,
                                      index_search=False), PreviewState(output), quiet,
                         build, indexer)
    thread.rebuild(None)
    indexer.wait(60)
    return output, indexer, thread


def _hold_first(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold the indexer's next run until released: (started, release)."""
    started, release = threading.Event(), threading.Event()
    index = search.index

    def held(*args: object, **kwargs: object) -> object:
        if not started.is_set():
            started.set()
            assert release.wait(60)
        return index(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "index", held)
    return started, release


@needs_pagefind
def test_an_edit_undone_while_the_indexer_writes_it_leaves_the_index_as_the_page(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a previewed site with search on, built and indexed
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    output, indexer, thread = _previewed(site, "")
    indexed = _key(output)
    # When an edit is saved, and undone while the indexer still writes the edit
    started, release = _hold_first(monkeypatch)
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan sudah ditambal.\n")
    thread.rebuild(_change("a"))
    assert started.wait(60)
    assert indexer.indexing() and indexer.indexing()[0][0] == "0"
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    thread.rebuild(_change("a"))
    release.set()
    indexer.wait(60)
    # Then the index ends as the page is: the shard was indexed again after the edit,
    # with the key it had before it
    assert _key(output) == indexed
    assert indexer.indexing() == ()


@needs_pagefind
def test_a_waiting_request_does_not_hide_the_key_the_indexer_is_writing(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given two articles in two small shards, previewed and indexed
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    site.article("b", "Pasar Baru", "2024-01-02", body="Pasar dibuka.\n")
    output, indexer, thread = _previewed(site, "shard_size = 5\nnewest_shard_size = 1")
    indexed = _key(output)
    # When the first is edited (its shard being written, held), the edit undone (a
    # request waiting), and the second edited before the indexer is done
    started, release = _hold_first(monkeypatch)
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan sudah ditambal.\n")
    thread.rebuild(_change("a"))
    assert started.wait(60)
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    thread.rebuild(_change("a"))
    site.article("b", "Pasar Baru", "2024-01-02", body="Pasar ditutup.\n")
    thread.rebuild(_change("b"))
    release.set()
    indexer.wait(60)
    # Then the first shard is as its page: the last request wrote it again
    assert _key(output) == indexed


@needs_pagefind
@pytest.mark.parametrize(("shards", "days"), [
    # (today's news: a new small shard)
    ("shard_size = 5\nnewest_shard_size = 1", [1]),
    # (a story filed late into a full shard: the first corrections shard)
    ("shard_size = 2\nnewest_shard_size = 1", [1, 3, 5]),
])
def test_a_shard_written_while_its_article_is_deleted_leaves_the_index(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch, shards: str, days: list[int]) -> None:
    # Given a few articles, previewed and indexed
    for day in days:
        site.article(f"a{day}", f"Berita {day}", f"2024-01-0{day}", body=f"Isi {day}.\n")
    output, indexer, thread = _previewed(site, shards)
    before = _manifest(output)
    # When an article dated on the second day is added (the shard that takes it being
    # written, held) and deleted meanwhile
    started, release = _hold_first(monkeypatch)
    site.article("x", "Kabar Telat", "2024-01-02", body="Kabar yang telat.\n")
    thread.rebuild(_change("x"))
    assert started.wait(60)
    (site.root / "content/articles/x.md").unlink()
    thread.rebuild(_change("x"))
    release.set()
    indexer.wait(60)
    # Then the index is as it was: the shard written for it is gone
    assert _manifest(output) == before


def test_a_request_made_as_the_indexer_ends_is_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an indexer whose thread, having found nothing more to do, is slow to end
    indexer = SearchIndexer(tmp_path, tmp_path / "out", Reporter(StringIO(), out=StringIO()))
    done: list[object] = []
    monkeypatch.setattr(search, "index", done.append)
    lock = indexer._lock
    left: list[int] = []

    class SlowToEnd:
        """The indexer's lock, held up in its thread the third time it is let go (the
        thread then found nothing wanted and is about to end)."""

        def __enter__(self) -> bool:
            return lock.__enter__()

        def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                     trace: TracebackType | None) -> None:
            lock.__exit__(kind, error, trace)
            if threading.current_thread().name == "warta-search":
                left.append(1)
                if len(left) == 3:
                    time.sleep(0.3)

    monkeypatch.setattr(indexer, "_lock", SlowToEnd())
    # When a request comes as the thread ends (requests stand for work: `index` is faked)
    indexer.request("first")  # type: ignore[arg-type]
    time.sleep(0.1)
    indexer.request("second")  # type: ignore[arg-type]
    indexer.wait(5)
    time.sleep(0.5)
    # Then it is done too (a new thread takes it)
    assert done == ["first", "second"]
