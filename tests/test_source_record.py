"""A parsed source's record: named fields, kept through the cache's pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

from generator.build.sources import parse_source
from generator.config import parse_config
from generator.content.source_record import SourceRecord
from generator.errors import Problem, Text


def test_an_article_a_page_and_a_failure_each_fill_their_field(tmp_path: Path) -> None:
    config = parse_config('title = "Uji"\nbase_url = "https://uji.example"\n')
    article, _, _ = parse_source(("content/articles/a.md",
                                  b"---\ntitle: Banjir\ndate: 2024-01-02\n---\nIsi.\n", "", None),
                                 config)
    page, _, _ = parse_source(("content/pages/tentang.md",
                               b"---\ntitle: Tentang\n---\nKami.\n", "", None), config)
    broken, body, _ = parse_source(("content/articles/b.md", b"---\ntitle: [\n---\n", "",
                                    None), config)
    assert article.article is not None and article.article.title == "Banjir"
    assert article.page is None and not article.failed
    assert page.page is not None and page.article is None and not page.failed
    assert broken.failed and broken.problems and body is None
    missing, _, digest = parse_source(("content/articles/c.md", str(tmp_path / "c.md"), "",
                                       None), config)
    assert missing.failed and "cannot be read" in missing.problems[0].message and digest == ""


def test_a_record_survives_pickling_as_the_cache_stores_it() -> None:
    record = SourceRecord(problems=(Problem("content/articles/a.md", 3, Text("rusak")),))
    assert pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)) == record
