"""Whole builds of small sites: what is written, what is left alone, what fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.commit import end_transaction
from generator.build.memos import BuildMemory
from generator.build.pipeline import CACHE_FILE, BuildOptions, build
from generator.cache.store import Cache
from generator.errors import ContentError, TemplateError, WartaError
from generator.render import pool
from tests.conftest import SiteMaker


def five_articles(site: SiteMaker) -> None:
    for day in range(1, 6):
        site.article(f"2024/03/berita-{day}", f"Berita ke-{day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Banjir]" if day % 2 else "[Banjir, Pasar Besar]", authors="[Hmz]")


def test_a_small_site_has_every_page(site: SiteMaker) -> None:
    # Given five articles, three per list page
    five_articles(site)
    # When the site is built
    result = site.build()
    # Then every page the issue promises is there
    files = set(site.snapshot())
    assert {"index.html", "404.html", "arsip/index.html", "arsip/page/1/index.html",
            "arsip/page/2/index.html", "tag/index.html", "tag/banjir/index.html",
            "tag/banjir/page/1/index.html", "tag/banjir/page/2/index.html",
            "tag/pasar-besar/index.html", "tag/pasar-besar/page/1/index.html",
            "2024/03/berita-ke-1/index.html", "static/style.css"} <= files
    assert result.articles == 5
    home = site.read("index.html")
    assert home.index("Berita ke-5") < home.index("Berita ke-2")  # newest first
    assert "Berita ke-1" not in home  # home_size = 4
    assert "/arsip/" in home
    # Page 1 holds the oldest articles; the archive index shows the newest page.
    assert "Berita ke-1" in site.read("arsip/page/1/index.html")
    assert "Berita ke-4" in site.read("arsip/index.html")
    # ...which its number points to while it is the newest
    assert 'url=/arsip/"' in site.read("arsip/page/2/index.html")
    page = site.read("2024/03/berita-ke-3/index.html")
    assert "Hamid Zulkarnain" in page and "/tag/banjir/" in page
    assert "Jumat, 1 Maret 2024" in site.read("2024/03/berita-ke-1/index.html")
    assert "09.00 WIB" in page
    assert "/2024/03/berita-ke-2/" in page and "/2024/03/berita-ke-4/" in page  # neighbours


def test_the_tag_index_counts_articles(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    tags = site.read("tag/index.html")
    assert "Banjir" in tags and "Pasar Besar" in tags


def test_an_english_site_prints_english_dates(site: SiteMaker) -> None:
    site.write("site.toml", 'language = "en"\n')
    site.article("a", "A", "2018-09-26T10:00:00+07:00")
    site.build()
    page = site.read("2018/09/a/index.html")
    assert "Wednesday, September 26, 2018" in page and "WIB" in page


def test_a_rebuild_without_changes_writes_nothing(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    before = site.snapshot()
    result = site.build()
    assert result.written == () and result.parsed == 0 and result.rendered == 0
    assert site.snapshot() == before


def test_adding_the_newest_article_rewrites_only_the_newest_pages(site: SiteMaker) -> None:
    # Given a built site of five articles (archive pages: 1 = oldest three, 2 = two)
    five_articles(site)
    site.build()
    before = site.snapshot()
    # When a newer article is added
    site.article("2024/03/berita-6", "Berita ke-6", "2024-03-06T09:00:00+07:00", tags="[Banjir]")
    result = site.build()
    # Then only the newest list pages, the home page, the new page, its older
    # neighbour and its related picks change; page 1 of every list keeps its bytes and its mtime.
    after = site.snapshot()
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed == {
        "index.html", "2024/03/berita-ke-6/index.html", "2024/03/berita-ke-5/index.html",
        "arsip/index.html", "tag/banjir/index.html",
        # the month's newest page (the tag and date indexes show no counts)
        "2024/03/index.html",
        # the feeds it enters (no tag feeds unless asked) and the sitemap it joins
        "feed.xml", "rss.xml", "feed.json", "sitemap.xml",
        # the two it picked as related (5 and 4) show it as their follow-up
        "2024/03/berita-ke-4/index.html",
        # it fills the newest page of its lists, sealing it: the next number points to
        # the list from now on
        "arsip/page/3/index.html", "tag/banjir/page/3/index.html",
        "2024/03/page/3/index.html",
    }
    assert set(result.written) == changed
    assert result.parsed == 1


def test_an_edit_rebuilds_like_a_clean_build(make_site: Callable[[str], SiteMaker]) -> None:
    incremental, clean = make_site("incremental"), make_site("clean")
    for site in (incremental, clean):
        five_articles(site)
    incremental.build()
    for site in (incremental, clean):
        site.article("2024/03/berita-3", "Berita ke-3 (ralat)", "2024-03-09T09:00:00+07:00",
                     tags="[Pasar Besar]")
        (site.root / "content/articles/2024/03/berita-1.md").unlink()
    incremental.build()
    # The same content: its register of published addresses included, and the
    # boundaries of its sealed list pages (the deletion left its page shorter).
    for lock in ("content/published-urls.txt", "content/list-pages.txt"):
        clean.write(lock, (incremental.root / lock).read_text(encoding="utf-8"))
    clean.build()
    digest = {p: h for p, (h, _) in incremental.snapshot().items()}
    assert digest == {p: h for p, (h, _) in clean.snapshot().items()}
    # The deleted article's address keeps a notice, the retitled one's a redirect.
    assert "noindex" in incremental.read("2024/03/berita-ke-1/index.html")
    assert 'url=/2024/03/berita-ke-3-ralat/"' in incremental.read("2024/03/berita-ke-3/index.html")


def test_two_builds_of_the_same_input_are_byte_identical(
        make_site: Callable[[str], SiteMaker]) -> None:
    first, second = make_site("one"), make_site("two")
    for site in (first, second):
        five_articles(site)
        site.build()
    assert {p: h for p, (h, _) in first.snapshot().items()} == \
        {p: h for p, (h, _) in second.snapshot().items()}


def test_a_failed_build_leaves_the_output_untouched(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    before = site.snapshot()
    site.article("2024/03/berita-1", "Berita ke-1 diperbarui", "2024-03-01T09:00:00+07:00")
    site.write("content/articles/rusak.md", "---\ntitle: [tidak ditutup\n---\n")
    site.write("content/articles/kosong.md", "")
    with pytest.raises(ContentError) as caught:
        site.build()
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("content/articles/rusak.md:2: invalid YAML in the frontmatter: "
                            "the list `[` opened here is not closed (noticed at line 3")
               for m in messages)
    assert any(m.startswith("content/articles/kosong.md: the file is empty") for m in messages)
    assert site.snapshot() == before


def test_a_template_error_leaves_the_output_untouched(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    before = site.snapshot()
    site.write("templates/article.html", "{% extends 'base.html' %}{% block content %}"
               "{{ article.title.nope() }}{% endblock %}")
    with pytest.raises(TemplateError) as caught:
        site.build()
    assert caught.value.problems[0].path == "templates/article.html"
    assert caught.value.problems[0].line == 1
    site.write("templates/article.html", "{% if %}")
    with pytest.raises(TemplateError) as caught:
        site.build()
    assert "syntax error" in caught.value.problems[0].message
    assert site.snapshot() == before


def test_a_template_override_rerenders_only_the_pages_using_it(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    site.write("templates/404.html", "{% extends 'base.html' %}"
               "{% block content %}<p>Halaman hilang.</p>{% endblock %}")
    result = site.build()
    assert result.written == ("404.html",)


def test_duplicate_urls_name_both_files(site: SiteMaker) -> None:
    site.article("a", "Sama Persis", "2024-03-01")
    site.article("b", "Sama persis!", "2024-03-02")
    with pytest.raises(ContentError) as caught:
        site.build()
    message = str(caught.value)
    assert "content/articles/a.md" in message and "content/articles/b.md" in message


def test_tags_with_the_same_url_are_an_error(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01", tags="[Café]")
    site.article("b", "B", "2024-03-02", tags="[Cafe]")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert "tag_aliases" in str(caught.value) and "content/articles/a.md" in str(caught.value)


def test_html_in_titles_and_tags_is_escaped(site: SiteMaker) -> None:
    site.article("x", "<script>alert(1)</script> Judul", "2024-03-01",
                 tags="['\"><img src=x onerror=alert(1)>']")
    site.build()
    for path in site.snapshot():
        if path.endswith(".html"):
            text = site.read(path)
            assert "<script>alert(1)" not in text and "<img src=x" not in text, path


def test_drafts_are_built_only_when_asked(site: SiteMaker) -> None:
    site.article("a", "Terbit", "2024-03-01")
    site.article("b", "Belum Terbit", "2024-03-02", draft="true")
    site.build()
    assert not (site.output / "2024/03/belum-terbit").exists()
    site.build(drafts=True)
    assert (site.output / "2024/03/belum-terbit/index.html").exists()


def test_media_is_copied_and_a_missing_image_is_an_error(site: SiteMaker) -> None:
    site.write("content/media/foto.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.article("a", "A", "2024-03-01", image="{src: media/foto.svg, caption: Rapat, "
                 "credit: Istimewa, alt: Rapat}")
    site.article("b", "B", "2024-03-02", image="{src: media/hilang.jpg, alt: Foto}")
    with pytest.raises(ContentError) as failed:
        site.build()
    assert [str(p) for p in failed.value.problems] == [
        "content/articles/b.md:4: the image 'media/hilang.jpg' is not in content/media/ \u2014 "
        "add the file as content/media/hilang.jpg or correct the path"]
    assert not site.output.exists()
    site.article("b", "B", "2024-03-02")
    assert site.build().warnings == ()
    assert (site.output / "media/foto.svg").exists()
    page = site.read("2024/03/a/index.html")
    assert "Rapat" in page and "Istimewa" in page and "/media/foto.svg" in page


def test_files_that_no_longer_belong_are_removed(site: SiteMaker) -> None:
    five_articles(site)
    site.write("output/sisa-lama.html", "lama")
    site.build()
    assert not (site.output / "sisa-lama.html").exists()
    # A deleted article's page makes way for the gone notice.
    (site.root / "content/articles/2024/03/berita-5.md").unlink()
    result = site.build()
    assert "2024/03/berita-ke-5/index.html" in result.written
    assert "tidak lagi tersedia" in site.read("2024/03/berita-ke-5/index.html")


def test_a_damaged_cache_is_rebuilt_not_trusted(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    before = site.snapshot()
    (site.root / ".warta/cache.sqlite").write_bytes(b"not a database at all" * 100)
    result = site.build()
    assert result.parsed == 5 and result.written == ()
    assert site.snapshot() == before


def test_an_output_file_changed_by_hand_is_repaired(site: SiteMaker) -> None:
    five_articles(site)
    site.build()
    good = site.read("index.html")
    (site.output / "index.html").write_text("rusak", encoding="utf-8")
    site.build()
    assert site.read("index.html") == good


def test_config_errors_are_reported(site: SiteMaker) -> None:
    site.write("site.toml", "page_size = 0\n")
    with pytest.raises(WartaError) as caught:
        site.build()
    assert str(caught.value.problems[0]).startswith("site.toml:1: `page_size`")


def test_a_site_without_articles_builds(site: SiteMaker) -> None:
    site.build()
    assert (site.output / "index.html").exists() and (site.output / "arsip/index.html").exists()


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_parsing_and_rendering_give_the_same_site(
        jobs: int, make_site: Callable[[str], SiteMaker], monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages in chunks of 3 over the main process and its workers, from 20 pages on
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 20)
    monkeypatch.setattr(pool, "CHUNK", 3)
    serial, parallel = make_site("serial"), make_site("parallel")
    for site in (serial, parallel):
        for n in range(70):
            site.article(f"a{n}", f"Artikel {n}", f"2024-01-01T{n % 24:02d}:{n % 60:02d}:00+07:00",
                         tags=f"[Tag {n % 7}]")
    serial.build(jobs=1)
    result = parallel.build(jobs=jobs)
    assert {p: h for p, (h, _) in serial.snapshot().items()} == \
        {p: h for p, (h, _) in parallel.snapshot().items()}
    assert sorted(result.written) == sorted(serial.snapshot())


def test_the_demo_archive_builds(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    for name in ("site.toml", "content", "themes"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    site = SiteMaker.__new__(SiteMaker)
    site.root = tmp_path
    result = site.build()
    assert result.articles >= 40 and not result.warnings


def test_a_cache_from_another_version_is_not_trusted(site: SiteMaker) -> None:
    import sqlite3

    five_articles(site)
    site.build()
    db = sqlite3.connect(site.root / ".warta/cache.sqlite")
    db.execute("UPDATE meta SET value = 'warta 0.0.1' WHERE key = 'version'")
    db.commit()
    db.close()
    assert site.build().parsed == 5
    assert site.build().parsed == 0


def test_a_damaged_or_foreign_memo_is_never_trusted(site: SiteMaker) -> None:
    # Given a built site whose cached memos are then damaged, or written by a build
    # whose classes had other fields
    five_articles(site)
    site.build()
    cache = Cache(site.root / CACHE_FILE)
    cache.db.execute("UPDATE memos SET memo = ? WHERE name LIKE 'plan:%'", (b"\x80damaged",))
    cache.put_memo("site:output", ("another shape", "whatever"))
    end_transaction(cache)
    cache.close()
    # When an article is edited and the site built again
    site.article("2024/03/berita-3", "Berita ke-3", "2024-03-03T09:00:00+07:00",
                 body="Isi yang diperbaiki.\n", tags="[Banjir]", authors="[Hmz]")
    result = site.build()
    # Then everything was planned afresh, and the page shows the edit
    assert result.reused == 0
    assert "Isi yang diperbaiki." in site.read("2024/03/berita-ke-3/index.html")
    # And the next build has good memos again
    site.article("2024/03/berita-3", "Berita ke-3", "2024-03-03T09:00:00+07:00",
                 body="Isi kedua.\n", tags="[Banjir]", authors="[Hmz]")
    assert site.build().reused > 0


def test_a_serving_process_checks_its_folder_again_after_a_failed_build(
        site: SiteMaker) -> None:
    # Given a preview-like build process that trusts the files it wrote
    five_articles(site)
    memory = BuildMemory()
    options = BuildOptions(site_dir=site.root, trust_output=True)
    build(options, memory=memory)
    # When a file is deleted behind its back, a build fails, and the next one succeeds
    (site.output / "tag/banjir/index.html").unlink()
    site.write("content/articles/rusak.md", "---\ntitle: [\n---\n")
    with pytest.raises(ContentError):
        build(options, memory=memory)
    (site.root / "content/articles/rusak.md").unlink()
    result = build(options, memory=memory)
    # Then that build looked at the disk and wrote the missing file again
    assert "tag/banjir/index.html" in result.written
    # While a build with a fresh memory always checks the disk
    (site.output / "tag/banjir/index.html").unlink()
    assert "tag/banjir/index.html" in build(BuildOptions(site_dir=site.root)).written
