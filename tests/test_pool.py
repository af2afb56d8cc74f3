"""Rendering pages in chunks: bodies are read a chunk at a time, never all at once."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.config import load_config
from generator.content.parse import parse_article
from generator.plan.planner import make_plan
from generator.plan.site import make_site
from generator.render.pool import CHUNK, _rendered
from generator.render.renderer import Renderer
from generator.render.theme import find_theme
from generator.render.write import Stager
from tests.conftest import SiteMaker, article


def test_bodies_are_read_once_per_chunk_and_the_missing_ones_one_by_one(
        site: SiteMaker) -> None:
    config = load_config(site.root)
    count = CHUNK + 20
    articles = [parse_article(article(f"Berita nomor {n}", f"2024-03-01T{n % 24:02d}:"
                                      f"{n // 24:02d}:00+07:00"),
                              f"content/articles/a{n}.md", config).article
                for n in range(count)]
    indexed, _ = make_site(config, tuple(articles), (), drafts=False,
                           now=datetime(2024, 4, 1, tzinfo=UTC))
    renderer = Renderer(find_theme(site.root, config), indexed, site.root)
    plan = make_plan(indexed, renderer.template_key, renderer.globals_key(), ())
    pages = [p for p in plan.pages if p.kind == "article"]
    assert len(pages) == count
    missing = indexed.articles[pages[-1].article].path  # type: ignore[index]
    asked: list[list[str]] = []
    one_by_one: list[str] = []

    def bodies_of(paths: list[str]) -> dict[str, str]:
        asked.append(paths)
        return {path: f"<p>isi {path}</p>" for path in paths if path != missing}

    def body_of(path: str) -> str:
        one_by_one.append(path)
        return "<p>dibaca sendiri</p>"

    kept: dict[str, str] = {}

    class Keep(Stager):
        def put(self, relative: str, data: bytes) -> bool:
            kept[relative] = data.decode("utf-8")
            return True

    stager = Keep(str(site.root / "output"), str(site.root / "staging"))
    done = list(_rendered(pages, renderer, body_of, stager, bodies_of))
    assert [output for output, _ in done] == [p.output for p in pages]
    first = indexed.articles[pages[0].article].path  # type: ignore[index]
    assert f"<p>isi {first}</p>" in kept[pages[0].output]
    assert "<p>dibaca sendiri</p>" in kept[pages[-1].output]
    assert [len(paths) for paths in asked] == [CHUNK, count - CHUNK]
    assert one_by_one == [missing]
