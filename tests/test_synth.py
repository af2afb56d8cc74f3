"""The benchmark archive generator: deterministic, well-formed, and buildable by Warta.

Timings are deliberately absent: benchmarks/run.py measures speed, tests do not.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import BuildOptions, build

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import synth  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("flavour", synth.FLAVOURS)
def test_same_seed_gives_the_same_bytes(tmp_path: Path, flavour: str) -> None:
    synth.generate(tmp_path / "a", 40, seed=7, flavour=flavour)
    synth.generate(tmp_path / "b", 40, seed=7, flavour=flavour)
    synth.generate(tmp_path / "c", 40, seed=8, flavour=flavour)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_regenerating_a_smaller_archive_leaves_no_stale_articles(tmp_path: Path) -> None:
    synth.generate(tmp_path, 50)
    synth.generate(tmp_path, 20)
    assert len(list((tmp_path / "content").rglob("*.md"))) == 20


def test_warta_articles_have_the_promised_shape(tmp_path: Path) -> None:
    count = synth.generate(tmp_path, 60, seed=3)
    files = sorted((tmp_path / "content" / "articles").rglob("*.md"))
    assert count == len(files) == 60
    dates = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        assert set(meta) == {"title", "slug", "date", "tags", "author"}
        assert path.stem == meta["slug"]
        assert path.parent.as_posix().endswith(f"{meta['date']:%Y/%m}")
        assert meta["date"].utcoffset().total_seconds() == 7 * 3600
        assert 1 <= len(meta["tags"]) <= 5
        assert all(isinstance(t, str) for t in meta["tags"])
        assert meta["author"] in synth.AUTHORS
        assert body.count("\n## ") == 1 and "\n- " in body and "](https://" in body
        assert 300 <= len(body.split()) <= 930  # markup tokens count as words here
        dates.append(meta["date"])
    # 30 a day over the last two days before the fixed end date.
    assert len({d.date() for d in dates}) == 2
    assert max(dates).date() == synth.END_DATE


def test_every_flavour_has_the_same_text(tmp_path: Path) -> None:
    bodies = {}
    for flavour in synth.FLAVOURS:
        synth.generate(tmp_path / flavour, 5, seed=2, flavour=flavour)
        bodies[flavour] = sorted(
            p.read_text(encoding="utf-8").split("\n\n", 1)[1]
            for p in (tmp_path / flavour / "content").rglob("*.md"))
    assert bodies["warta"] == bodies["hugo"] == bodies["pelican"]


def test_the_top_tag_holds_about_a_third_of_the_articles() -> None:
    counts: dict[str, int] = {}
    for article in synth.articles(3000, seed=1):
        for tag in article.tags:
            counts[tag] = counts.get(tag, 0) + 1
    assert 0.28 < max(counts.values()) / 3000 < 0.40
    assert len(counts) > 500  # a long tail, not a handful of tags


def test_a_small_warta_archive_builds(tmp_path: Path) -> None:
    synth.generate(tmp_path, 30, seed=1)
    result = build(BuildOptions(site_dir=tmp_path))
    assert result.articles == 30
    assert not result.warnings
    assert (tmp_path / "output" / "index.html").is_file()
