"""An article's life: scheduled, published, updated, corrected, moved, withdrawn."""

from __future__ import annotations

import json
from datetime import datetime

import feedparser
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SiteMaker

NOW = datetime.fromisoformat("2024-03-10T08:00:00+07:00")


def test_a_future_article_waits_and_the_build_says_when(site: SiteMaker) -> None:
    # Given one published and two scheduled articles
    site.article("a", "Sudah Terbit", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("b", "Terbit Besok", "2024-03-11T06:00:00+07:00", tags="[Banjir]")
    site.article("c", "Terbit Lusa", "2024-03-12T06:00:00+07:00")
    # When the site is built "now"
    result = site.build(now=NOW)
    # Then the scheduled ones are nowhere, and the build names the next due moment
    assert result.articles == 1
    assert result.next_due == datetime.fromisoformat("2024-03-11T06:00:00+07:00")
    assert not (site.output / "2024/03/terbit-besok").exists()
    assert "Terbit Besok" not in site.read("index.html") + site.read("feed.xml")
    # When the clock passes that moment, the article appears
    result = site.build(now=datetime.fromisoformat("2024-03-11T06:00:00+07:00"))
    assert (site.output / "2024/03/terbit-besok/index.html").exists()
    assert "Terbit Besok" in site.read("tag/banjir/index.html")
    assert result.next_due == datetime.fromisoformat("2024-03-12T06:00:00+07:00")


def test_source_date_epoch_sets_now(site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    site.article("b", "Terbit Besok", "2024-03-11T06:00:00+07:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    assert site.build().articles == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp()) + 86400))
    assert site.build().articles == 1


def test_the_cli_takes_now_and_reports_the_next_due_article(site: SiteMaker) -> None:
    site.article("b", "Terbit Besok", "2024-03-11T06:00:00+07:00")
    runner = CliRunner()
    done = runner.invoke(main, ["build", "--site", str(site.root), "--now",
                                "2024-03-10T08:00+07:00"])
    assert done.exit_code == 0, done.output
    assert "Artikel terjadwal berikutnya terbit pada 2024-03-11T06:00:00+07:00" in done.output
    done = runner.invoke(main, ["build", "--site", str(site.root), "--now", "kemarin"])
    assert done.exit_code == 2 and "--now" in done.output


def test_updates_and_corrections_are_shown_and_dated(site: SiteMaker) -> None:
    site.write("content/articles/a.md", """---
title: Jembatan Retak
date: 2024-03-01T09:00:00+07:00
updated: 2024-03-02T10:00:00+07:00
corrections:
  - date: 2024-03-04T08:00:00+07:00
    text: Nama jembatan sebelumnya salah ditulis.
---
Isi.
""")
    site.build(now=NOW)
    page = site.read("2024/03/a/index.html")
    assert 'Diperbarui <time datetime="2024-03-04T08:00:00+07:00">Senin, 4 Maret 2024 08.00 WIB' \
        in page
    box = page.split('<section class="corrections"')[1].split("</section>")[0]
    assert "<h2 id=\"corrections-title\">Koreksi</h2>" in box
    assert "Nama jembatan sebelumnya salah ditulis." in box and "2024-03-04T08:00:00+07:00" in box
    entry = feedparser.parse(site.read("feed.xml")).entries[0]
    assert entry.updated == "2024-03-04T08:00:00+07:00"


def test_aliases_redirect_old_urls(site: SiteMaker) -> None:
    site.article("a", "Pindah Alamat", "2024-03-01T09:00:00+07:00",
                 aliases="[/berita/123.html, /lama/pindah/]")
    site.build(now=NOW)
    for path in ("berita/123.html", "lama/pindah/index.html"):
        page = site.read(path)
        assert '<meta http-equiv="refresh" content="0; url=/2024/03/pindah-alamat/">' in page
        assert '<link rel="canonical" href="https://kabar.example/2024/03/pindah-alamat/">' in page
    lines = [line for line in site.read("_redirects").splitlines() if not line.startswith("#")]
    assert lines == ["/berita/123.html /2024/03/pindah-alamat/ 301",
                     "/lama/pindah/ /2024/03/pindah-alamat/ 301"]


def test_an_alias_on_an_existing_page_is_an_error(site: SiteMaker) -> None:
    from generator.errors import ContentError

    site.article("a", "Satu", "2024-03-01T09:00:00+07:00")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00", aliases="[/2024/03/satu/]")
    with pytest.raises(ContentError):
        site.build(now=NOW)


def test_a_withdrawn_article_keeps_its_url_and_leaves_every_list(site: SiteMaker) -> None:
    # Given three articles, the middle one published and then withdrawn
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]", authors="[Hmz]")
    site.article("b", "Keliru", "2024-03-02T09:00:00+07:00", "Isi yang salah.\n",
                 tags="[Banjir]", authors="[Hmz]", aliases="[/lama/keliru/]")
    site.article("c", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    site.build(now=NOW)
    site.article("b", "Keliru", "2024-03-02T09:00:00+07:00", "Isi yang salah.\n",
                 tags="[Banjir]", authors="[Hmz]", aliases="[/lama/keliru/]",
                 withdrawn="Sumber tidak dapat diverifikasi.")
    site.build(now=NOW)
    # Then its page shows the notice instead of the body
    page = site.read("2024/03/keliru/index.html")
    assert "Berita ini telah ditarik." in page and "Sumber tidak dapat diverifikasi." in page
    assert "Isi yang salah." not in page and 'name="robots" content="noindex"' in page
    # ... and it is in no list, feed or sitemap, and its neighbours skip it
    for path in ("index.html", "arsip/index.html", "tag/banjir/index.html", "2024/03/index.html",
                 "author/hamid-zulkarnain/index.html", "feed.xml", "rss.xml",
                 "sitemap.xml"):
        assert "/2024/03/keliru/" not in site.read(path), path
    assert all(i["title"] != "Keliru" for i in json.loads(site.read("feed.json"))["items"])
    assert 'href="/2024/03/satu/"' in site.read("2024/03/tiga/index.html")
    # ... while its old URL still leads to it
    assert "url=/2024/03/keliru/" in site.read("lama/keliru/index.html")


def test_drafts_carry_a_banner(site: SiteMaker) -> None:
    site.article("a", "Rancangan", "2024-03-01T09:00:00+07:00", draft="true")
    site.build(now=NOW, drafts=True)
    assert "Draf: belum diterbitkan" in site.read("2024/03/rancangan/index.html")
