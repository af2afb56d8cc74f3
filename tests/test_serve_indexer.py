"""`warta serve`'s search indexer (serve/preview.py `SearchIndexer`): it indexes in the
background, and a build made while it works knows what it will write
(`BuildOptions.indexing`)."""

from __future__ import annotations

import threading
from io import StringIO
from pathlib import Path

import pytest

from generator.build import search
from generator.build.pipeline import BuildOptions, build
from generator.report import Reporter
from generator.search.bundles import KEY_FILE
from generator.serve.preview import BuildThread, PreviewState, SearchIndexer
from generator.serve.watch import Change, ChangeKind
from tests.conftest import SiteMaker
from tests.test_search import needs_pagefind

EDIT = Change(("content/articles/a.md",), frozenset({ChangeKind.ARTICLE}))


def _key(output: Path) -> str:
    """The key the shard of the site's one article was indexed with."""
    return (output / "pagefind/0" / KEY_FILE).read_text(encoding="utf-8").split("\n", 1)[0]


@needs_pagefind
def test_an_edit_undone_while_the_indexer_writes_it_leaves_the_index_as_the_page(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a previewed site with search on, built and indexed
    site.write("site.toml", 'title = "Cari"\n')
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    output = site.root / ".warta/preview"
    quiet = Reporter(StringIO(), out=StringIO())
    indexer = SearchIndexer(site.root, output, quiet)
    thread = BuildThread(BuildOptions(site_dir=site.root, output_dir=output, drafts=True,
                                      index_search=False), PreviewState(output), quiet,
                         build, indexer)
    thread.rebuild(None)
    indexer.wait(60)
    indexed = _key(output)
    # When an edit is saved, and undone while the indexer still writes the edit
    started, release = threading.Event(), threading.Event()
    index = search.index

    def held(*args: object, **kwargs: object) -> object:
        started.set()
        assert release.wait(60)
        return index(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "index", held)
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan sudah ditambal.\n")
    thread.rebuild(EDIT)
    assert started.wait(60)
    assert indexer.indexing() and indexer.indexing()[0][0] == "0"
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    thread.rebuild(EDIT)
    release.set()
    indexer.wait(60)
    # Then the index ends as the page is: the shard was indexed again after the edit,
    # with the key it had before it
    assert _key(output) == indexed
    assert indexer.indexing() == ()
