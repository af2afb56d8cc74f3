"""Date archives, author pages and related articles."""

from __future__ import annotations

import re

from tests.conftest import SiteMaker, settings


def titles(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def march_and_april(site: SiteMaker) -> None:
    for day in range(1, 6):
        site.article(f"m{day}", f"Maret {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Banjir]", authors="[Hmz]")
    site.article("a1", "April 1", "2024-04-01T09:00:00+07:00", authors="[Ulm]")
    site.article("x", "Tahun Lalu", "2023-12-31T23:00:00+07:00")


def test_year_and_month_archives(site: SiteMaker) -> None:
    march_and_april(site)
    site.build()
    year = site.read("2024/index.html")
    # (no counts: the year's page changes only when the year gains a month)
    assert '<a href="/2024/03/">Maret 2024</a></li>' in year
    assert '<a href="/2024/04/">April 2024</a></li>' in year
    assert "/2024/01/" not in year
    overview = site.read("arsip/tahun/index.html")
    assert overview.index('href="/2024/"') < overview.index('href="/2023/"')
    assert 'href="/2023/12/"' in overview
    # Months paginate like every list: page 1 holds the oldest, the month URL the newest.
    assert titles(site.read("2024/03/page/1/index.html")) == ["Maret 3", "Maret 2", "Maret 1"]
    assert titles(site.read("2024/03/index.html")) == ["Maret 5", "Maret 4"]
    assert 'url=/2024/03/"' in site.read("2024/03/page/2/index.html")
    # Article pages link to their month.
    assert '<a href="/2024/03/">' in site.read("2024/03/maret-1/index.html")
    assert 'href="/arsip/tahun/"' in site.read("arsip/index.html")


def test_a_new_article_leaves_older_month_pages_alone(site: SiteMaker) -> None:
    march_and_april(site)
    site.build()
    site.article("m6", "Maret 6", "2024-03-06T09:00:00+07:00", tags="[Banjir]")
    written = set(site.build().written)
    assert "2024/03/index.html" in written
    # (the year's page and the index of months show no counts)
    assert not {"2024/index.html", "arsip/tahun/index.html"} & written
    # (page 2 is the newest: its number points to the month's URL, and that stays)
    assert "2024/03/page/1/index.html" not in written
    assert "2024/03/page/2/index.html" not in written
    assert "2024/04/index.html" not in written and "2023/index.html" not in written


def test_author_pages_with_bio_photo_and_stable_pages(site: SiteMaker) -> None:
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace(
        'Hmz = "Hamid Zulkarnain"',
        'Hmz = { name = "Hamid Zulkarnain", bio = "Wartawan kota.", photo = "media/hmz.jpg" }'))
    march_and_april(site)
    site.build()
    page = site.read("author/hamid-zulkarnain/index.html")
    assert "<h1>Hamid Zulkarnain</h1>" in page and "Wartawan kota." in page
    assert 'src="/media/hmz.jpg"' in page
    assert titles(site.read("author/hamid-zulkarnain/page/1/index.html")) == \
        ["Maret 3", "Maret 2", "Maret 1"]
    assert titles(site.read("author/ulya-maharani/index.html")) == ["April 1"]
    byline = site.read("2024/03/maret-1/index.html")
    assert '<a class="author" rel="author" href="/author/hamid-zulkarnain/">' in byline


def test_related_articles_share_the_most_tags_and_are_older(site: SiteMaker) -> None:
    site.article("a", "Banjir Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir, BPBD]")
    site.article("b", "Banjir Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    site.article("c", "Pasar Saja", "2024-03-03T09:00:00+07:00", tags="[Pasar]")
    for n in range(4):
        site.article(f"d{n}", f"Banjir Lain {n}", f"2024-03-0{4 + n}T09:00:00+07:00",
                     tags="[Banjir]")
    site.article("z", "Banjir Terbaru", "2024-03-09T09:00:00+07:00", tags="[Banjir, BPBD]")
    site.build()
    page = site.read("2024/03/banjir-terbaru/index.html")
    related = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <time', page.split('class="related"')[1])
    # Two shared tags first, then the newest with one shared tag; never itself or "Pasar".
    assert related == ["Banjir Satu", "Banjir Lain 3", "Banjir Lain 2", "Banjir Lain 1"]
    assert 'class="related"' not in site.read("2024/03/pasar-saja/index.html")


def test_date_archives_and_author_pages_can_be_switched_off(site: SiteMaker) -> None:
    settings(site, outputs="date_archives = false\nauthor_pages = false")
    march_and_april(site)
    site.build()
    files = set(site.snapshot())
    assert not any(p.startswith(("2024/index", "2024/03/index", "2024/03/page", "author/",
                                 "arsip/tahun/")) for p in files)
    page = site.read("2024/03/maret-1/index.html")
    assert '<span class="author">Hamid Zulkarnain</span>' in page
    assert 'href="/2024/03/"' not in page


def test_a_byline_stops_linking_when_the_author_page_goes(site: SiteMaker) -> None:
    # Given an author with one listed and one withdrawn article
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", authors="[Ulm]")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00", authors="[Ulm]", withdrawn="Keliru.")
    site.build()
    assert 'href="/author/ulya-maharani/"' in site.read("2024/03/dua/index.html")
    # When the listed one is deleted, the author page goes, and so does the link to it
    (site.root / "content/articles/a.md").unlink()
    site.build()
    # (its address keeps the gone notice, as it was published; the host rules answer its
    # feed with 410, and no file is left there)
    assert "Halaman ini tidak lagi tersedia" in site.read("author/ulya-maharani/index.html")
    assert not (site.output / "author/ulya-maharani/feed.xml").exists()
    assert "/author/ulya-maharani/feed.xml /410.html 410!" in site.read("_redirects")
    assert '<span class="author">Ulya Maharani</span>' in site.read("2024/03/dua/index.html")
