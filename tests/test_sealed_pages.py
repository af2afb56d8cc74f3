"""Sealed list pages (issue 18 item 8): a full list page keeps its articles. A backdated
article joins the page where its date falls, a deletion leaves its page shorter, and
every other list page keeps its bytes; the boundaries travel with the content
(`content/list-pages.txt`), so a fresh checkout builds the same pages; a rebalance
happens only when asked."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generator.build.pipeline import BuildOptions, build
from generator.content.list_pages import LIST_PAGES, format_list_pages, parse_list_pages
from tests.conftest import SiteMaker, article, fresh_checkout, hashes

LIST_PAGE = re.compile(r"(?:.*/)?page/\d+/index\.html")
ROOT = Path(__file__).resolve().parents[1]


def _archive(site: SiteMaker) -> None:
    """Twenty articles, page size 3: six sealed archive pages and a newest one."""
    for n in range(20):
        month = 1 + n // 7
        site.article(f"2024/{month:02d}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-{month:02d}-{1 + n:02d}T08:00:00+07:00",
                     tags="[Kota]" if n % 2 else "[Desa]", authors="[Hmz]")



def _fresh_checkout(site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> dict[str, str]:
    clean = fresh_checkout(site, make_site("clean"))
    clean.build()
    assert (clean.root / LIST_PAGES).read_bytes() == (site.root / LIST_PAGES).read_bytes()
    return hashes(clean.output)


def test_a_backdated_article_joins_its_sealed_page_and_no_other_list_page_changes(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose full pages are sealed
    _archive(site)
    site.build()
    before = hashes(site.output)
    boundaries = (site.root / LIST_PAGES).read_text(encoding="utf-8")
    assert parse_list_pages(boundaries)[0]["/arsip/"][1][1].endswith("a05.md")
    # When a story filed late lands between the fourth and fifth articles, in both ways
    # through the pipeline (the quick path, and the whole way)
    for quick in (True, False):
        site.write("content/articles/2024/01/telat.md", article(
            "Terlambat", "2024-01-04T12:00:00+07:00", tags="[Kota]", authors="[Hmz]"))
        started = hashes(site.output)
        result = build(BuildOptions(site_dir=site.root, quick=quick))
        after = hashes(site.output)
        changed = {p for p in after if before.get(p) != after[p]}
        # (what it wrote is what differs from the output it started with: the second
        # time, the deletion before it left the gone notice's rules to take back)
        assert set(result.written) == {p for p in after if started.get(p) != after[p]}
        # Then of the numbered list pages only those where its date falls change: the
        # archive's page 2 (it grows to four), its tag's, its author's, its month's
        lists = sorted(p for p in changed if LIST_PAGE.fullmatch(p))
        assert lists == ["2024/01/page/2/index.html", "arsip/page/2/index.html",
                         "author/hamid-zulkarnain/page/2/index.html",
                         "tag/kota/page/1/index.html"]
        assert site.read("arsip/page/2/index.html").count('<article class="card') == 4
        assert "/2024/01/telat/" in site.read("arsip/page/2/index.html")
        # Its page, its neighbours', the month's and year's pages, the sitemap: a
        # handful of files, not every later page
        assert len(changed) <= 25, sorted(changed)
        # The boundaries are kept as they were, and a fresh checkout builds the same bytes
        assert (site.root / LIST_PAGES).read_text(encoding="utf-8") == boundaries
        assert _fresh_checkout(site, make_site) == after
        (site.root / "content/articles/2024/01/telat.md").unlink()
        build(BuildOptions(site_dir=site.root))
        assert hashes(site.output).keys() >= before.keys()


def test_a_deletion_leaves_its_sealed_page_shorter_and_an_emptied_page_answers(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive
    _archive(site)
    site.build()
    before = hashes(site.output)
    # When an article of the archive's second page is deleted
    (site.root / "content/articles/2024/01/a04.md").unlink()
    result = site.build()
    after = hashes(site.output)
    # Then that page holds two, and the later pages keep their bytes
    assert site.read("arsip/page/2/index.html").count('<article class="card') == 2
    for number in (3, 4, 5, 6, 7):
        path = f"arsip/page/{number}/index.html"
        assert after[path] == before[path], path
    assert "arsip/page/3/index.html" not in result.written
    # When the other two are deleted too, the page stays, empty, its links around it
    (site.root / "content/articles/2024/01/a03.md").unlink()
    (site.root / "content/articles/2024/01/a05.md").unlink()
    site.build()
    emptied = site.read("arsip/page/2/index.html")
    assert '<article class="card' not in emptied and "/arsip/page/3/" in emptied
    assert "Berita di halaman ini sudah tidak ada di situs." in emptied
    assert "/arsip/page/1/" in emptied
    assert hashes(site.output)["arsip/page/3/index.html"] == before["arsip/page/3/index.html"]
    # And a fresh checkout builds the same pages
    assert _fresh_checkout(site, make_site) == hashes(site.output)
    # When both articles of the newest page (not full, so not sealed) are deleted (the
    # quick path: plan/deletion.py), its number still answers: a pointer to the
    # archive's own URL, which now shows the sealed page before it
    pointer = before["arsip/page/7/index.html"]
    assert '<a href="/arsip/">' in site.read("arsip/page/7/index.html")
    for name in ("a18", "a19"):
        (site.root / f"content/articles/2024/03/{name}.md").unlink()
    result = site.build()
    assert result.quick and "arsip/page/7/index.html" not in result.removed
    assert hashes(site.output)["arsip/page/7/index.html"] == pointer
    assert "/2024/03/artikel-17/" in site.read("arsip/index.html")
    assert _fresh_checkout(site, make_site) == hashes(site.output)
    # And when an article opens that page again (the quick path), the pointer stays
    site.article("2024/03/baru", "Artikel Baru", "2024-03-28T08:00:00+07:00",
                 tags="[Kota]", authors="[Hmz]")
    assert site.build().quick
    assert hashes(site.output)["arsip/page/7/index.html"] == pointer


def test_today_s_news_seals_the_page_it_fills_on_the_quick_path_as_the_whole_way(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given the same archive built twice, one always the whole way
    sites = [make_site("quick"), make_site("whole")]
    for site in sites:
        _archive(site)
        site.build()
    # When two newest articles arrive one by one (the first fills the newest page)
    for n in (20, 21):
        for site in sites:
            site.article(f"2024/03/b{n}", f"Baru {n}", f"2024-03-{n + 5}T08:00:00+07:00",
                         tags="[Kota]", authors="[Hmz]")
            result = build(BuildOptions(site_dir=site.root, quick=site is sites[0]))
            assert result.quick == (site is sites[0])
    # Then both seal it at the same article, with the same pages
    text = [(s.root / LIST_PAGES).read_text(encoding="utf-8") for s in sites]
    assert text[0] == text[1]
    assert "/arsip/page/7/ 2024-03-25T08:00:00+07:00 content/articles/2024/03/b20.md" in text[0]
    assert hashes(sites[0].output) == hashes(sites[1].output)


def test_pages_are_rebalanced_only_when_asked(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive with a backdated article on its second page and one deleted
    _archive(site)
    site.build()
    site.write("content/articles/2024/01/telat.md", article(
        "Terlambat", "2024-01-04T12:00:00+07:00", tags="[Kota]", authors="[Hmz]"))
    (site.root / "content/articles/2024/02/a10.md").unlink()
    site.build()
    assert site.read("arsip/page/2/index.html").count('<article class="card') == 4
    # When it is built with --rebalance-pages
    result = site.build(rebalance_pages=True)
    # Then every list is paginated afresh, as a site without sealed pages would be, and
    # the summary names the lists that changed
    assert site.read("arsip/page/2/index.html").count('<article class="card') == 3
    assert result.rebalanced is not None and "/arsip/" in result.rebalanced
    rebalanced = hashes(site.output)
    other = make_site("unsealed")
    shutil.rmtree(other.root)
    shutil.copytree(site.root, other.root,
                    ignore=shutil.ignore_patterns("output", ".warta", "list-pages.txt"))
    build(BuildOptions(site_dir=other.root))
    assert hashes(other.output) == rebalanced
    assert (other.root / LIST_PAGES).read_bytes() == (site.root / LIST_PAGES).read_bytes()
    # And a build without it changes nothing further
    assert site.build().written == ()


def test_a_rebalance_after_deletions_builds_what_a_fresh_checkout_does(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given January's list (seven articles, pages of three) whose newest page was
    # emptied by deletions: its sealed second page is the newest, the third a pointer
    _archive(site)
    site.build()
    for name in ("a05", "a06"):
        (site.root / f"content/articles/2024/01/{name}.md").unlink()
    site.build()
    assert '<a href="/2024/01/">' in site.read("2024/01/page/3/index.html")
    # When the lists are paginated afresh (five articles: a full page and one of two)
    result = site.build(rebalance_pages=True)
    # Then the pages are a fresh checkout's: the third number, past the newest page,
    # is gone (a rebalance renumbers pages, only when asked, and says which lists)
    assert result.rebalanced is not None and "/2024/01/" in result.rebalanced
    assert "2024/01/page/3/index.html" in result.removed
    assert _fresh_checkout(site, make_site) == hashes(site.output)


def test_a_bulk_import_into_sealed_pages_is_reported_until_rebalanced(
        site: SiteMaker) -> None:
    # Given a built archive (page size 3) whose oldest page is sealed
    _archive(site)
    site.build()
    # When ten old articles, older than every other, are imported at once
    for n in range(10):
        site.article(f"2023/12/lama{n}", f"Lama {n}", f"2023-12-{10 + n}T08:00:00+07:00",
                     tags="[Arsip]")
    imported = site.build()
    # Then they all join the archive's first page, and the build says so: at that page's
    # line of the sealed pages' file, with the way to paginate afresh
    assert site.read("arsip/page/1/index.html").count('<article class="card') == 13
    lines = (site.root / LIST_PAGES).read_text(encoding="utf-8").splitlines()
    line = 1 + next(n for n, text in enumerate(lines) if text.startswith("/arsip/page/1/ "))
    said = [str(p) for p in imported.warnings if p.path == LIST_PAGES]
    assert said == [f"{LIST_PAGES}:{line}: list pages holding more than 9 articles (3 times "
                    "page_size): 1; the largest, /arsip/page/1/, holds 13 — old articles "
                    "imported in bulk joined the sealed pages where their dates fall: run "
                    "`warta build --rebalance-pages` once to paginate every list afresh"]
    # And again on a build that changes nothing (the quick path)
    again = site.build()
    assert again.quick and [str(p) for p in again.warnings if p.path == LIST_PAGES] == said
    # And still at that page's line after today's news seals a page whose line comes
    # before it (March's third page, on the quick path)
    for n in range(3):
        site.article(f"2024/03/hari{n}", f"Hari {n}", f"2024-03-2{n + 5}T08:00:00+07:00",
                     tags="[Kota]")
        today = site.build()
        assert today.quick
    lines = (site.root / LIST_PAGES).read_text(encoding="utf-8").splitlines()
    moved = 1 + next(n for n, text in enumerate(lines) if text.startswith("/arsip/page/1/ "))
    assert moved == line + 1
    assert [p.line for p in today.warnings if p.path == LIST_PAGES] == [moved]
    # When the lists are paginated afresh, nothing is reported
    assert not [p for p in site.build(rebalance_pages=True).warnings if p.path == LIST_PAGES]
    assert site.read("arsip/page/1/index.html").count('<article class="card') == 3


def test_after_articles_move_the_quick_path_still_builds_what_a_clean_build_does(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive; a backdated article moves every later article's index, and
    # the pages that show the same articles keep their fingerprints (not rendered again)
    _archive(site)
    site.build()
    late = "content/articles/2024/01/telat.md"
    steps: list[tuple[str, Callable[[], object]]] = [
        ("backdated", lambda: site.write(late, article(
            "Terlambat", "2024-01-04T12:00:00+07:00", tags="[Kota]", authors="[Hmz]"))),
        ("edit after it", lambda: _append(site.root / "content/articles/2024/02/a12.md")),
        ("newest", lambda: site.article("2024/03/baru", "Baru", "2024-03-28T08:00:00+07:00",
                                        tags="[Desa]", authors="[Hmz]")),
        ("backdated deleted", lambda: (site.root / late).unlink()),
        ("edit after it again", lambda: _append(site.root / "content/articles/2024/03/a15.md")),
        ("edit its neighbour", lambda: _append(site.root / "content/articles/2024/01/a04.md")),
    ]
    for name, change in steps:
        # When each change is built in turn (the edits the quick way)
        change()
        result = site.build()
        # (a story filed late too: plan/insertion.py; one deleted: plan/deletion.py)
        assert result.quick, name
        # Then the output is a clean build's, byte for byte
        assert _fresh_checkout(site, make_site) == hashes(site.output), name


def _append(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")


def test_the_file_reads_back_what_it_writes_and_names_each_bad_line() -> None:
    # Given boundaries, written as the build writes them
    when = datetime(2024, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=7)))
    boundaries = {"/arsip/": ((when, "content/articles/a b.md"),
                              (when + timedelta(days=1), "content/articles/c.md")),
                  "/tag/kota/": ((when, "content/articles/a b.md"),)}
    text = format_list_pages(boundaries)
    # Then they read back the same, sorted, one sealed page a line
    assert parse_list_pages(text) == (boundaries, [])
    assert text.splitlines()[-3:] == [
        "/arsip/page/1/ 2024-03-05T10:00:00+07:00 content/articles/a b.md",
        "/arsip/page/2/ 2024-03-06T10:00:00+07:00 content/articles/c.md",
        "/tag/kota/page/1/ 2024-03-05T10:00:00+07:00 content/articles/a b.md"]
    # And each bad line is a problem naming its line and what to do
    bad = text + ("/arsip/page/x/ 2024-03-05T10:00:00+07:00 a.md\n"
                  "/tag/desa/page/1/ kemarin a.md\n"
                  "/tag/kota/page/3/ 2024-03-09T10:00:00+07:00 a.md\n")
    found, problems = parse_list_pages(bad)
    assert [(p.path, p.line) for p in problems] == [(LIST_PAGES, 9), (LIST_PAGES, 10),
                                                    (LIST_PAGES, 8)]
    assert problems[0].message.endswith("is not a sealed page")
    assert problems[1].message == "'kemarin' is not a date with its time zone"
    assert "/tag/kota/ are not numbered 1, 2, 3" in problems[2].message
    assert "/tag/kota/" not in found and found["/arsip/"] == boundaries["/arsip/"]


def test_a_story_filed_late_rewrites_at_most_25_files_of_the_demo(tmp_path: Path) -> None:
    # Given the repository's demo, built as committed (its sealed pages with it)
    demo = SiteMaker(tmp_path / "demo")
    shutil.copy(ROOT / "site.toml", demo.root / "site.toml")
    shutil.copytree(ROOT / "content", demo.root / "content")
    now = datetime(2026, 12, 1, 8, tzinfo=timezone(timedelta(hours=7)))
    demo.build(now=now, index_search=False)
    # The build leaves the committed boundaries as they are (a lock file)
    assert (demo.root / LIST_PAGES).read_bytes() == (ROOT / LIST_PAGES).read_bytes()
    before = hashes(demo.output)
    # When a story of March 2023 is filed late
    demo.article("2023/03/susulan", "Berita Susulan", "2023-03-10T09:00:00+07:00",
                 tags="[Banjir]")
    result = demo.build(now=now, index_search=False)
    # Then one archive page changes, the one where its date falls, and a handful of
    # other files: what a new article costs
    assert 0 < len(result.written) <= 25, sorted(result.written)
    changed = {p for p, h in hashes(demo.output).items() if before.get(p) != h}
    assert sorted(p for p in changed if p.startswith("arsip/page/")) == [
        "arsip/page/2/index.html"]


def test_stories_filed_late_one_by_one_take_the_short_way_as_a_page_overfills(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose second archive page holds three articles
    _archive(site)
    site.build()
    # When stories filed late join that page one build at a time
    for n in range(7):
        site.write(f"content/articles/2024/01/telat-{n}.md", article(
            f"Terlambat {n}", f"2024-01-05T{10 + n:02d}:00:00+07:00", tags="[Kota]",
            authors="[Hmz]"))
        result = site.build()
        # Then each takes the short way, and once the page holds more than three
        # times page_size the build warns about it (tests/test_overfull_pages.py)
        overfull = [w for w in result.warnings if w.path == LIST_PAGES]
        assert result.quick and bool(overfull) == (n >= 6), n
    assert site.read("arsip/page/2/index.html").count('<article class="card') == 10
    # And the output is a fresh checkout's
    assert _fresh_checkout(site, make_site) == hashes(site.output)


def test_an_article_dated_into_a_sealed_page_after_its_newest_was_deleted_joins_it(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a list whose first page filled (pages of 3), then lost its newest article:
    # the page keeps its boundary, past the list's newest article (and older news in
    # another tag, so that the archive has pages of its own)
    for day in range(1, 5):
        site.article(f"2024/02/d{day}", f"Desa {day}", f"2024-02-0{day}T08:00:00+07:00",
                     tags="[Desa]")
    for hour in range(3):
        site.article(f"2024/03/a{hour}", f"Artikel {hour}", f"2024-03-01T0{hour}:00:00+07:00",
                     tags="[Kota]")
    site.build()
    (site.root / "content/articles/2024/03/a2.md").unlink()
    site.build()
    # When stories dated after the newest article but before that boundary arrive,
    # one build after another, the first after a story filed late joined the page
    # (the insertion path keeps the boundary too)
    for n, time in enumerate(("00:30", "01:30", "01:40")):
        site.article(f"2024/03/b{n}", f"Berita {n}", f"2024-03-01T{time}:00+07:00",
                     tags="[Kota]")
        result = site.build()
        # Then they join the sealed page, as a fresh checkout places them (not a page 2
        # after it, whose boundary would come before page 1's)
        assert not [p for p in result.written if p.startswith("tag/kota/page/")]
        assert 'data-last="' not in site.read("tag/kota/index.html")
        assert "Berita 0" in site.read("tag/kota/index.html")
        assert hashes(site.output) == _fresh_checkout(site, make_site)


def test_a_boundaries_file_reordered_by_hand_is_written_again_in_order(
        site: SiteMaker) -> None:
    # Given the archive's boundaries, their lines put in another order by hand
    _archive(site)
    site.build()
    path = site.root / LIST_PAGES
    text = path.read_text(encoding="utf-8")
    head, lines = text[:text.index("\n/") + 1], text[text.index("\n/") + 1:].splitlines(True)
    path.write_text(head + "".join(reversed(lines)), encoding="utf-8")
    # The build after puts them back in order, so a story's boundaries join where
    # sorting puts them (the quick path adds them to the file as it is)
    site.build()
    assert path.read_text(encoding="utf-8") == text
    for n in range(20, 23):
        site.article(f"2024/03/b{n}", f"Baru {n}", f"2024-03-{n}T08:00:00+07:00",
                     tags="[Kota]", authors="[Hmz]")
        assert site.build().quick
    after = path.read_text(encoding="utf-8")
    assert after == format_list_pages(parse_list_pages(after)[0])
