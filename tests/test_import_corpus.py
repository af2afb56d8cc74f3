"""Every real corpus article and export under ../shared imports and builds with its text intact.

Skipped when the shared corpus is not present (it is not part of the project).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build.pipeline import BuildOptions, build
from generator.cli import main
from generator.importers.dateline import find_dateline, split_credit
from generator.importers.rawtext import (
    BYLINE_CODE,
    END_MARK,
    JUNK_LINE,
    LAPORAN,
    PLACEHOLDER,
    REPORTER_EDITOR,
    SOURCE_LINE,
    TAGS_LINE,
    TAYANG,
    TEASER,
    split_paragraphs,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus-real"
# In English: the words these tests read (tests/test_messages.py has the Indonesian ones).
SITE_TOML = ('title = "Uji Korpus"\nbase_url = "https://korpus.example/"\n'
             'language = "en"\n')


def _site(tmp_path: Path) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    return tmp_path


def _visible(page: str) -> str:
    article = page[page.index("<article"): page.index("</article>")]
    text = html.unescape(re.sub(r"<[^>]+>", " ", article))
    return " ".join(text.split())


def expected_paragraphs(text: str) -> list[str]:
    """The source's body paragraphs after the documented removals (see docs/import.md)."""
    lines = split_paragraphs(text)[1:]
    kept = []
    for line in lines:
        if (JUNK_LINE.match(line) or REPORTER_EDITOR.match(line) or LAPORAN.match(line)
                or SOURCE_LINE.match(line)
                or TAYANG.match(line) or (TAGS_LINE.match(line) and line is lines[-1])):
            continue
        line = END_MARK.sub("", TEASER.sub("", PLACEHOLDER.sub(" ", line))).strip()
        dateline = find_dateline(line)
        if dateline and len(kept) <= 1:
            line = dateline.rest
        code = BYLINE_CODE.search(line)
        if code:
            line = line[: code.start()]
        if line.strip():
            kept.append(" ".join(line.split()))
    return kept


@pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason="shared corpus not present")
def test_every_corpus_article_imports_builds_and_keeps_its_text(tmp_path: Path) -> None:
    site = _site(tmp_path)
    sources = sorted((CORPUS / "articles").rglob("*.txt"))
    result = CliRunner().invoke(main, ["import", "--site", str(site), str(CORPUS / "articles")])
    assert result.exit_code == 0, result.output
    assert f"imported {len(sources)}, refused 0" in result.output
    build(BuildOptions(site_dir=site))
    written = {m.group(2): m.group(1) for m in re.finditer(
        r"^content/articles/(\d{4}/\d\d/[^/]+)\.md: written  \((.+)\)$", result.output, re.M)}
    assert len(written) == len(sources)
    missing = []
    for source in sources:
        page = (site / "output" / written[str(source)] / "index.html").read_text("utf-8")
        visible = _visible(page)
        for paragraph in expected_paragraphs(source.read_text("utf-8")):
            # A caption is shown as the figure caption, its credit beside it.
            caption, credit = split_credit(paragraph)
            if paragraph not in visible and not (caption in visible and credit in visible):
                missing.append(f"{source.name}: {paragraph[:80]}")
    assert not missing, "\n".join(missing[:20])


@pytest.mark.skipif(not (CORPUS / "wxr").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name", ["pelican-tests-wordpressexport.xml",
                                  "wptt-64-block-test-data.xml", "wptt-theme-preview.xml",
                                  "wptt-themeunittestdata.wordpress.xml"])
def test_real_wxr_export_imports_builds_and_reimports_unchanged(tmp_path: Path,
                                                                  name: str) -> None:
    # Each export is its own WordPress site, so each goes into its own Warta site.
    site, export = _site(tmp_path), str(CORPUS / "wxr" / name)
    result = CliRunner().invoke(main, ["import", "--site", str(site), export])
    assert result.exit_code == 0, result.output
    assert re.search(r"imported \d+, refused 0", result.output)
    build(BuildOptions(site_dir=site, drafts=True))
    again = CliRunner().invoke(main, ["import", "--site", str(site), export])
    assert again.exit_code == 0, again.output
    assert ": written" not in again.output and ": unchanged" in again.output


@pytest.mark.skipif(not (CORPUS / "wxr").is_dir(), reason="shared corpus not present")
def test_real_blogger_export_is_refused_by_name(tmp_path: Path) -> None:
    blogger = CORPUS / "wxr" / "pelican-tests-bloggerexport.xml"
    result = CliRunner().invoke(main, ["import", "--site", str(_site(tmp_path)), str(blogger)])
    assert result.exit_code == 1
    assert f"{blogger}: a Blogger export" in result.output


@pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name", ["pelican-tests-output-custom-all.rss.xml",
                                  "pelican-tests-output-custom_locale-all.atom.xml",
                                  "radarbogor-bansos-feed-2026-02-24.xml",
                                  "radarbogor-bansos-feed-2026-03-31.xml"])
def test_real_feed_imports_builds_and_reimports_unchanged(tmp_path: Path, name: str) -> None:
    site, feed = _site(tmp_path), str(CORPUS / "feeds" / name)
    result = CliRunner().invoke(main, ["import", "--site", str(site), feed])
    assert result.exit_code == 0, result.output
    build(BuildOptions(site_dir=site))
    again = CliRunner().invoke(main, ["import", "--site", str(site), feed])
    assert again.exit_code == 0
    assert ": written" not in again.output


@pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="shared corpus not present")
def test_the_same_item_changed_in_a_second_feed_is_refused_without_update(
        tmp_path: Path) -> None:
    # The RSS and Atom versions of one blog share some ids with different bodies.
    site = _site(tmp_path)
    rss = str(CORPUS / "feeds" / "pelican-tests-output-custom-all.rss.xml")
    atom = str(CORPUS / "feeds" / "pelican-tests-output-custom_locale-all.atom.xml")
    assert CliRunner().invoke(main, ["import", "--site", str(site), rss]).exit_code == 0
    refused = CliRunner().invoke(main, ["import", "--site", str(site), atom])
    assert refused.exit_code == 1 and "use --update" in refused.output
    updated = CliRunner().invoke(main, ["import", "--update", "--site", str(site), atom])
    assert updated.exit_code == 0 and ": updated" in updated.output
    build(BuildOptions(site_dir=site))
