"""The quick path of a build where nothing moved (build/quick.py): when it is taken, what
it reads, and that it gives what the whole pipeline gives."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.build.pipeline import BuildResult
from generator.cache.pages import PageStore
from generator.errors import ContentError, WartaError
from tests.conftest import SiteMaker, settings

NOW = datetime(2024, 3, 19, 12, 0, tzinfo=UTC)


def _newsroom(site: SiteMaker) -> None:
    settings(site, outputs="feeds = true\nsitemaps = true\n")
    for n in range(1, 9):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-{10 + n:02d}T08:00:00+07:00",
                     body=f"Isi berita {n}.\n", tags=f"[Kota, Topik {n % 2}]")


def _build(site: SiteMaker, now: datetime = NOW, **options: object) -> BuildResult:
    return site.build(now=now, **options)


@pytest.fixture
def built(make_site: Callable[[str], SiteMaker]) -> SiteMaker:
    """The newsroom archive, built."""
    site = make_site("settled")
    _newsroom(site)
    _build(site)
    return site


def _same_as_the_whole_way(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                           now: datetime = NOW) -> None:
    clean = make_site("clean")
    shutil.rmtree(clean.root)
    shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
    _build(clean, now, quick=False)
    assert {p: h for p, (h, _) in site.snapshot().items()} == \
        {p: h for p, (h, _) in clean.snapshot().items()}


def test_an_edit_reads_only_the_pages_that_show_the_article(
        built: SiteMaker,
        make_site: Callable[[str], SiteMaker],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a built archive
    site = built
    asked: list[dict[str, object]] = []
    showing = PageStore.pages_showing

    def spy(store: PageStore, target: str, paths: list[str]) -> dict[str, object]:
        found = showing(store, target, paths)
        asked.append(found)
        return found

    monkeypatch.setattr(PageStore, "pages_showing", spy)
    # When one article's body is corrected
    path = site.root / "content/articles/2024/03/b3.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Isi berita 3.", "Isi diperbaiki."),
                    encoding="utf-8")
    result = _build(site)
    # Then the quick path parsed that file alone and looked only at pages showing it
    assert result.quick and result.parsed == 1
    assert len(asked) == 1 and "2024/03/berita-3/index.html" in asked[0]
    assert "2024/03/berita-1/index.html" not in asked[0]  # older: links neither to it
    assert "2024/03/berita-3/index.html" in result.written
    assert result.rendered <= len(asked[0]) + 1  # and the news sitemap, planned anew
    _same_as_the_whole_way(site, make_site)


@pytest.mark.parametrize("change", [
    "new author of a withdrawn article", "appended URL taken", "new author page at an alias",
    "new author page at an alias, filed late", "file renamed, its address with it", "settings",
    "template", "static page",
    "failed build before",
])
def test_anything_that_moves_takes_the_whole_way(
        change: str, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with a scheduled article
    site = make_site("settled")
    _newsroom(site)
    site.article("2024/03/nanti", "Nanti", "2024-03-25T08:00:00+07:00", tags="[Kota]")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\nKami.\n")
    if change == "new author of a withdrawn article":  # (no list shows it: no page)
        site.article("2024/03/tarik", "Ditarik", "2024-03-05T09:00:00+07:00", authors="[Ulm]",
                     withdrawn="Ditarik redaksi.")
    if change.startswith("new author page at an alias"):  # (an old address kept)
        site.article("2024/03/b1", "Berita 1", "2024-03-11T08:00:00+07:00", tags="[Kota]",
                     aliases="[/author/rina/]")
    b2 = site.root / "content/articles/2024/03/b2.md"
    _build(site)
    now = NOW
    # When something changes that moves an article, a page, or what every page shows
    if change == "new author of a withdrawn article":  # their page links its byline
        site.article("2024/03/b9", "Berita 9", "2024-03-19T09:00:00+07:00", authors="[Ulm]")
    elif change.startswith("new author page at an alias"):  # the author page takes it
        site.article("2024/03/b9", "Berita 9", "2024-03-15T09:00:00+07:00" if "late" in change
                     else "2024-03-19T09:00:00+07:00", authors="[Rina]")
    elif change == "appended URL taken":
        site.article("2024/03/b9", "Berita 9", "2024-03-19T09:00:00+07:00",
                     aliases="[/2024/03/berita-2/]")
    elif change == "file renamed, its address with it":  # (a deletion alone is quick:
        # tests/test_deleted.py; a file renamed keeping its address: test_moved_files.py)
        moved = b2.rename(b2.with_name("b2-pindah.md"))
        text = moved.read_text(encoding="utf-8")
        assert "slug: berita-2\n" in text
        moved.write_text(text.replace("slug: berita-2\n", ""), encoding="utf-8")
    elif change == "settings":
        (site.root / "site.toml").write_text(
            (site.root / "site.toml").read_text(encoding="utf-8").replace(
                "Kabar Contoh", "Kabar Lain"), encoding="utf-8")
    elif change == "template":
        site.write("templates/404.html", "{% extends 'base.html' %}{% block content %}"
                   "<p>Tidak ada.</p>{% endblock %}")
    elif change == "static page":
        site.write("content/pages/tentang.md", "---\ntitle: Tentang Kami\n---\nKami.\n")
    elif change == "failed build before":
        broken = site.write("content/articles/2024/03/rusak.md", "---\ntitle: [\n---\n")
        b2.write_text(b2.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
        with pytest.raises(ContentError):
            _build(site)
        broken.unlink()  # the sources are as the failed build saw them, minus the broken file
    if change.startswith("new author page at an alias"):
        with pytest.raises(ContentError, match="/author/rina/"):
            _build(site, now)
        return
    if change == "appended URL taken":
        with pytest.raises(ContentError, match="berita-2"):
            _build(site, now)
        return
    result = _build(site, now)
    # Then the whole pipeline builds it, as a clean build would
    assert not result.quick
    _same_as_the_whole_way(site, make_site, now)


def test_a_broken_edit_is_reported_by_the_whole_way(
        built: SiteMaker) -> None:
    site = built
    site.write("content/articles/2024/03/b4.md", "---\ntitle: Berita 4\ndate: kemarin\n---\n")
    with pytest.raises(ContentError) as raised:
        _build(site)
    assert "content/articles/2024/03/b4.md" in str(raised.value)


def test_the_short_way_repairs_damaged_files_and_follows_the_clock(
        built: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive
    site = built
    assert "berita-8" in site.read("news-sitemap.xml")
    # When a page is deleted by hand, and the clock moves on a day
    (site.output / "2024/03/berita-2/index.html").unlink()
    (site.output / "tag/kota/index.html").write_text("rusak", encoding="utf-8")
    later = NOW + timedelta(days=1)
    result = _build(site, later)
    # Then the quick path wrote them again, and the news sitemap lost what is now too old
    assert result.quick
    assert {"2024/03/berita-2/index.html", "tag/kota/index.html",
            "news-sitemap.xml"} <= set(result.written)
    assert "berita-8" not in site.read("news-sitemap.xml")
    _same_as_the_whole_way(site, make_site, later)


def test_warnings_and_the_search_key_are_those_of_the_whole_way(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive with a warning in one file, built with the search page on
    site = make_site("settled")
    _newsroom(site)
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("search = false", "search = true"),
                    encoding="utf-8")
    site.article("2024/03/b1", "Berita 1", "2024-03-11T08:00:00+07:00", tags="[Kota]",
                 sumary="Ringkas.")
    first = _build(site, index_search=False)
    assert [w.path for w in first.warnings] == ["content/articles/2024/03/b1.md"]
    # When another file is edited, then the warned one is fixed
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Baru.\n",
                 tags="[Kota, Topik 1]")
    kept = _build(site, index_search=False)
    whole = _build(site, index_search=False, quick=False)
    site.article("2024/03/b1", "Berita 1", "2024-03-11T08:00:00+07:00", tags="[Kota]")
    fixed = _build(site, index_search=False)
    # Then the quick path reports what the whole way reports, and keys the search index alike
    assert kept.quick and not whole.quick and fixed.quick
    assert kept.warnings == first.warnings == whole.warnings and fixed.warnings == ()
    assert kept.search_work is not None and whole.search_work is not None
    assert first.search_work is not None
    assert kept.search_work.keys == whole.search_work.keys != first.search_work.keys


def _damage(site: SiteMaker, *statements: str) -> None:
    """Change the build cache behind Warta's back."""
    db = sqlite3.connect(Path(site.root / ".warta/cache.sqlite"))
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_an_article_dated_into_the_archive_stores_only_the_pages_it_renders(
        built: SiteMaker, make_site: Callable[[str], SiteMaker],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a built archive
    site = built
    kept: list[str] = []
    put = PageStore.put_pages

    def spy(store: PageStore, target: str, pages: Iterable[tuple[str, object, list[str]]],
            fresh: bool = False) -> None:
        pages = list(pages)
        kept.extend(output for output, _, _ in pages)
        put(store, target, pages, fresh)

    monkeypatch.setattr(PageStore, "put_pages", spy)
    # When a story filed late is dated before most of the archive (every later article
    # takes another place in the site)
    site.article("2024/03/b0", "Berita Susulan", "2024-03-12T09:00:00+07:00",
                 body="Isi susulan.\n", tags="[Kota, Topik 1]")
    result = _build(site)
    # Then it takes the short way (plan/insertion.py), and the pages stored again are
    # those rendered, not every page whose articles moved
    assert result.quick and len(kept) == result.rendered
    assert "2024/03/berita-8/index.html" not in kept  # (its article's place moved)
    # And when a later article is corrected, the pages stored before the move serve the
    # short way, which gives what the whole way gives
    kept.clear()
    b8 = site.root / "content/articles/2024/03/b8.md"
    b8.write_text(b8.read_text(encoding="utf-8").replace("Isi berita 8.", "Isi diperbaiki."),
                  encoding="utf-8")
    result = _build(site)
    assert result.quick and "2024/03/berita-8/index.html" in kept
    assert "Isi diperbaiki." in site.read("2024/03/berita-8/index.html")
    _same_as_the_whole_way(site, make_site)


def test_a_cache_without_the_page_rows_takes_the_whole_way(
        built: SiteMaker) -> None:
    site = built
    _damage(site, "DELETE FROM pages")
    (site.output / "2024/03/berita-2/index.html").unlink()
    result = _build(site)
    assert not result.quick and "2024/03/berita-2/index.html" in result.written


def test_page_rows_the_cache_lost_are_stored_again_and_never_skip_an_edit(
        built: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose cache lost the rows of its planned pages
    site = built
    _damage(site, "DELETE FROM pages")
    b5 = site.root / "content/articles/2024/03/b5.md"
    for correction in ("Isi diperbaiki.", "Isi diperbaiki lagi."):
        # When an article is corrected, and then corrected again
        b5.write_text(b5.read_text(encoding="utf-8").replace(
            "Isi berita 5." if correction == "Isi diperbaiki." else "Isi diperbaiki.",
            correction), encoding="utf-8")
        result = _build(site)
        # Then each correction is published: the first the whole way (which stores the
        # rows again), the second the short way
        assert result.quick == (correction != "Isi diperbaiki.")
        assert correction in site.read("2024/03/berita-5/index.html")
    _same_as_the_whole_way(site, make_site)


def test_an_edit_whose_page_row_is_lost_takes_the_whole_way(built: SiteMaker) -> None:
    # Given a built archive whose cache lost the row of one article's page
    site = built
    _damage(site, "DELETE FROM pages WHERE output = '2024/03/berita-5/index.html'")
    # When that article is corrected
    b5 = site.root / "content/articles/2024/03/b5.md"
    b5.write_text(b5.read_text(encoding="utf-8").replace("Isi berita 5.", "Isi diperbaiki."),
                  encoding="utf-8")
    result = _build(site)
    # Then its page is written all the same, by the whole way
    assert not result.quick
    assert "Isi diperbaiki." in site.read("2024/03/berita-5/index.html")


def test_a_build_that_failed_after_loading_sends_the_next_one_the_whole_way(
        built: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive
    site = built
    # When an article is edited while a template fails, and the template is put back
    b2 = site.root / "content/articles/2024/03/b2.md"
    b2.write_text(b2.read_text(encoding="utf-8").replace("Isi berita 2.", "Isi baru."),
                  encoding="utf-8")
    broken = site.write("templates/article.html", "{{ tidak_ada.sama_sekali() }}")
    with pytest.raises(WartaError):
        _build(site)
    broken.unlink()
    result = _build(site)
    # Then the edit the failed build had already read is published all the same
    assert not result.quick
    assert "Isi baru." in site.read("2024/03/berita-2/index.html")
    _same_as_the_whole_way(site, make_site)


def test_appended_articles_take_the_short_way_with_every_output_on(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given a full-featured archive whose sitemap is split in parts
    site = make_site("settled")
    _newsroom(site)
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'home_size = 4', 'home_size = 4\nsitemap_size = 7'), encoding="utf-8")
    site.article("2024/03/b1", "Berita 1", "2024-03-11T08:00:00+07:00", tags="[Kota]",
                 aliases="[/lama/satu/]", authors="[Hmz]")
    _build(site)
    # When today's news arrives: a new month, an alias, a scheduled article (a new tag
    # would change the navigation of every page here: there are fewer than eight)
    site.article("2024/04/c1", "Kabar April", "2024-04-01T08:00:00+07:00",
                 tags="[Kota, Topik 0]", aliases="[/lama/april/]", authors="[Hmz]")
    site.article("2024/04/c2", "Kabar Kedua", "2024-04-01T09:00:00+07:00", tags="[Topik 1]")
    site.article("2024/05/nanti", "Nanti", "2024-05-01T08:00:00+07:00", tags="[Kota]")
    later = datetime(2024, 4, 2, tzinfo=UTC)
    result = _build(site, later)
    # Then the quick path builds it as the whole way would, writing only what changed
    assert result.quick and result.parsed == 3
    assert "2024/03/berita-1/index.html" not in result.written
    assert {"2024/04/kabar-april/index.html", "2024/04/kabar-kedua/index.html",
            "lama/april/index.html", "_redirects", "2024/04/index.html",
            "2024/03/berita-8/index.html", "sitemap.xml"} <= set(result.written)
    assert result.next_due == datetime(2024, 5, 1, 1, tzinfo=UTC)
    _same_as_the_whole_way(site, make_site, later)
    # And the next edit and the next append take it again
    c1 = site.root / "content/articles/2024/04/c1.md"
    c1.write_text(c1.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    assert _build(site, later).quick
    site.article("2024/04/c3", "Kabar Ketiga", "2024-04-01T10:00:00+07:00", tags="[Kota]")
    assert _build(site, later).quick
    _same_as_the_whole_way(site, make_site, later)


def test_a_damaged_page_or_record_row_takes_the_whole_way(
        built: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose cache has a damaged page row and a damaged record row
    site = built
    _damage(site, "UPDATE pages SET page = x'00ff' WHERE output = '2024/03/berita-3/index.html'",
            "UPDATE records SET record = x'00ff' WHERE path LIKE '%/b4.md'")
    # When the article on that page is edited, then one the damaged record's neighbour
    b3 = site.root / "content/articles/2024/03/b3.md"
    b3.write_text(b3.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    first = _build(site)
    b5 = site.root / "content/articles/2024/03/b5.md"
    b5.write_text(b5.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    second = _build(site)
    # Then both went the whole way and the output is a clean build's
    assert not first.quick and not second.quick
    assert "2024/03/berita-3/index.html" in first.written
    _same_as_the_whole_way(site, make_site)


def test_a_date_far_ahead_is_warned_about_both_ways_until_it_is_within_a_year(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive with an article dated more than a year after the build's now
    site = make_site("settled")
    _newsroom(site)
    site.article("2025/06/jauh", "Jauh", "2025-06-01T08:00:00+07:00")
    first = _build(site)
    # When another article is edited (the quick way, then the whole way)
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Baru.\n",
                 tags="[Kota, Topik 1]")
    kept = _build(site)
    whole = _build(site, quick=False)
    # and again once the date is less than a year away
    later_now = NOW + timedelta(days=80)
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Lagi.\n",
                 tags="[Kota, Topik 1]")
    later = _build(site, now=later_now)
    later_whole = _build(site, now=later_now, quick=False)
    # Then both ways warn at the date's line while it is far, and neither does after
    assert kept.quick and not whole.quick and later.quick
    assert [(w.path, w.line) for w in first.warnings] == [
        ("content/articles/2025/06/jauh.md", 3)]
    assert "2025-06-01T08:00+07:00" in first.warnings[0].message
    assert kept.warnings == first.warnings == whole.warnings
    assert later.warnings == later_whole.warnings == ()


def test_an_update_dated_ahead_is_warned_about_both_ways_until_its_day_comes(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive with a story whose `updated` is dated days after the build's now
    site = make_site("settled")
    _newsroom(site)
    site.article("2024/03/b1", "Berita 1", "2024-03-11T08:00:00+07:00", tags="[Kota]",
                 updated="2024-03-25T08:00:00+07:00")
    first = _build(site)
    # When another story is edited, the quick way and the whole way, now and once the
    # day has come
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Baru.\n",
                 tags="[Kota, Topik 1]")
    kept, whole = _build(site), _build(site, quick=False)
    later_now = NOW + timedelta(days=7)
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Lagi.\n",
                 tags="[Kota, Topik 1]")
    later, later_whole = _build(site, now=later_now), _build(site, now=later_now, quick=False)
    # Then both ways warn while it is ahead, and neither once its day has come
    assert kept.quick and later.quick
    assert [w.path for w in first.warnings] == ["content/articles/2024/03/b1.md"]
    assert kept.warnings == first.warnings == whole.warnings
    assert later.warnings == later_whole.warnings == ()


def test_a_build_whose_clock_went_back_goes_the_whole_way(built: SiteMaker) -> None:
    # (an article that was within a year may be far ahead now: a warning to find)
    site = built
    site.article("2025/03/jauh", "Jauh", "2025-03-20T15:00:00+07:00")  # 366 days less 4 h
    assert _build(site).warnings == ()
    site.article("2024/03/b5", "Berita 5", "2024-03-15T08:00:00+07:00", body="Baru.\n",
                 tags="[Kota, Topik 1]")
    earlier = _build(site, now=NOW - timedelta(hours=12))  # after every published article
    assert not earlier.quick
    assert [w.path for w in earlier.warnings] == ["content/articles/2025/03/jauh.md"]


def test_a_template_first_used_the_short_way_is_kept_for_the_next_build(
        built: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive without redirects
    site = built
    # When today's news brings the first alias (its redirect page's template is one
    # the last build did not use), then that template is edited
    site.article("2024/03/b9", "Berita 9", "2024-03-19T09:00:00+07:00", tags="[Kota]",
                 aliases="[/lama/sembilan/]")
    _build(site)
    theme = Path(__file__).resolve().parents[1] / "themes/default/templates/redirect.html"
    site.write("templates/redirect.html",
               theme.read_text(encoding="utf-8").replace("</head>", "<!-- ubah -->\n</head>"))
    edited = _build(site)
    # Then the redirect page shows the edit, as the whole way gives it
    assert "lama/sembilan/index.html" in edited.written
    _same_as_the_whole_way(site, make_site)


@pytest.mark.parametrize(("alias", "added"), [
    ("/tag/kota/page/2/", ("2024/03/k3", "Kota 3", "2024-03-03T09:00:00+07:00")),
    ("/2024/04/", ("2024/04/k3", "Kota April", "2024-04-01T09:00:00+07:00"))])
def test_an_aliass_address_taken_by_a_new_list_page_is_reported_as_a_clean_build_does(
        site: SiteMaker, alias: str, added: tuple[str, str, str]) -> None:
    # Given an article whose alias is the address a list's page 2 or a new month will
    # have (pages of 3), in an archive with pages of its own (so that the quick path
    # plans every kind of file the addition below needs)
    for day in range(1, 5):
        site.article(f"2024/01/a{day}", f"Lama {day}", f"2024-01-0{day}T09:00:00+07:00")
    site.article("2024/02/lain", "Lain", "2024-02-01T09:00:00+07:00", aliases=f"[{alias}]")
    for day in (1, 2):
        site.article(f"2024/03/k{day}", f"Kota {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Kota]")
    site.build()
    redirect = alias.lstrip("/") + "index.html"
    assert "url=/2024/02/lain/" in site.read(redirect)
    # When the list's page fills (its next number answers) or a new month opens: the
    # quick path does not write the new page over the alias's redirect, and the build
    # stops naming the alias's file, as a clean build does
    path, title, date = added
    site.article(path, title, date, tags="[Kota]")
    with pytest.raises(ContentError, match="lain.md"):
        site.build()
    assert "url=/2024/02/lain/" in site.read(redirect)
