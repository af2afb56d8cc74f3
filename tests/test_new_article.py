"""`warta new`: the whole shape of an article, as a draft that builds as it is."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from generator.cli import main
from generator.config import SiteConfig
from generator.content.new_article import article_text
from generator.content.parse import parse_article
from tests.conftest import SiteMaker

WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def test_the_optional_keys_are_commented_with_how_to_publish() -> None:
    text = article_text("Banjir di Kampung Baru", WHEN)
    front = text.split("\n---\n")[0]
    for key in ("editors", "summary", "location", "source", "image"):
        assert re.search(rf"^# {key}:", front, re.M), key
    for key in ("src", "alt", "caption", "credit"):
        assert re.search(rf"^#   {key}: \S", front, re.M), key
    assert "#   src: media/2024/03/banjir-di-kampung-baru.jpg" in front
    # `section` is offered only when site.toml lists sections
    assert "section" not in front
    # one comment says how to publish, just above the line to remove
    assert front.endswith(
        "\n# Untuk menerbitkan artikel ini, hapus baris `draft: true` di bawah.\ndraft: true")


def test_the_sections_of_site_toml_are_offered() -> None:
    text = article_text("Banjir di Kampung Baru", WHEN, ("Peristiwa", "Ekonomi"))
    front = text.split("\n---\n")[0]
    assert "\n# (rubrik: Peristiwa, Ekonomi)\n# section: Peristiwa\n# editors:" in front


def test_the_commented_lines_parse_once_uncommented() -> None:
    # Given a new article whose every commented key the editor uncommented as it is
    text = article_text("Banjir di Kampung Baru", WHEN)
    lines = text.split("\n")
    shown = [re.sub(r"^# ((?:editors|summary|location|source|image):|  \w+:)", r"\1", line)
             for line in lines]
    # When it is parsed, then each key is read, and nothing is an error
    article = parse_article("\n".join(shown), "content/articles/x.md", SiteConfig()).article
    assert article.summary.startswith("Ringkasan") and article.location and article.source
    assert [e.name for e in article.editors] == ["Inisial editor"]
    assert article.image is not None
    assert article.image.src == "media/2024/03/banjir-di-kampung-baru.jpg"
    assert article.image.alt and article.image.caption and article.image.credit
    assert article.draft


def test_a_new_article_builds_as_a_draft_and_publishes_without_draft(site: SiteMaker) -> None:
    # Given an article fresh from `warta new`
    result = CliRunner().invoke(main, ["new", "--site", str(site.root), "Banjir di Kampung"])
    assert result.exit_code == 0, result.output
    path = site.root / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    # Then it builds as it is: a draft, shown only with drafts
    assert site.build().articles == 0
    assert site.build(drafts=True).articles == 1
    # And once `draft: true` is removed, the same file is published
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    published = site.build()
    assert published.articles == 1 and not published.warnings
    assert "Banjir di Kampung" in site.read("index.html")
