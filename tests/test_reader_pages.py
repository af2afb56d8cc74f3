"""What an Indonesian news reader expects of the pages (issue 20): share links,
editors, numbered pagination that stays stable, the newsroom's footer pages, and
related news weighted by how rare the shared tags are."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.config import FooterLink, parse_config
from generator.errors import ConfigError
from generator.plan.pagination import NEARBY, NEWER, nearby, seal
from generator.plan.related import RARITY_SCALE, tag_weight
from tests.conftest import SiteMaker

ROOT = Path(__file__).resolve().parent.parent
JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 1, 8, tzinfo=JAKARTA)


# Editors ----------------------------------------------------------------------------

def test_editors_are_named_under_the_byline_and_in_the_structured_data(
        site: SiteMaker) -> None:
    # Given an article whose editor is written with initials [authors] knows
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 authors="[Hmz]", editors="[Ulm]")
    result = site.build()
    html = site.read("2024/03/banjir-di-pasar/index.html")
    # Then the page prints the full name after "Editor:", below the byline
    assert re.search(r'class="byline".*?</p><p class="editors"[^>]*>Editor: '
                     r'<span class="editor">Ulya Maharani</span>', html)
    # And the JSON-LD names the same person as `editor`
    data = json.loads(re.search(r'<script type="application/ld\+json">\s*(.*?)\s*</script>',
                                html, re.S).group(1))  # type: ignore[union-attr]
    assert data["editor"] == [{"@type": "Person", "name": "Ulya Maharani"}]
    assert not [p for p in result.warnings if "editor" in p.message]


def test_editor_initials_that_are_not_known_get_a_warning(site: SiteMaker) -> None:
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 editors="[Ulmm]")
    result = site.build()
    messages = [f"{p.message} — {p.hint}" for p in result.warnings]
    assert any("the editor `Ulmm` is not in [authors]" in m and "did you mean `Ulm`" in m
               and "author page" not in m for m in messages), messages
    # An editor gets no author page of its own
    assert not (site.output / "author/ulmm").exists()


def test_an_article_without_editors_has_no_editor_line(site: SiteMaker) -> None:
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00")
    site.build()
    html = site.read("2024/03/banjir-di-pasar/index.html")
    assert 'class="editors"' not in html and '"editor"' not in html


# Share links -------------------------------------------------------------------------

def test_share_links_are_plain_links_on_article_pages_only(site: SiteMaker) -> None:
    site.article("2024/03/banjir", "Banjir & Longsor", "2024-03-01T09:00:00+07:00",
                 tags="[Cuaca]", slug="banjir-longsor")
    site.build()
    html = site.read("2024/03/banjir-longsor/index.html")
    share = html[html.index('<section class="share"'):]
    share = share[:share.index("</section>")]
    address = "https%3A//kabar.example/2024/03/banjir-longsor/"
    title = "Banjir%20%26%20Longsor"
    for href in (f"https://wa.me/?text={title}%20{address}",
                 f"https://www.facebook.com/sharer/sharer.php?u={address}",
                 f"https://x.com/intent/tweet?text={title}&amp;url={address}",
                 f"https://t.me/share/url?url={address}&amp;text={title}",
                 f"mailto:?subject={title}&amp;body={address}"):
        assert f'href="{href}"' in share
    # Each link's accessible name says what it does, the visible name inside it
    assert share.count('<span class="visually-hidden">Bagikan ke </span>') == 4
    # The copy button waits for its script; the address is there to select without it
    assert re.search(r'<button type="button" class="share-copy"[^>]* hidden>Salin tautan'
                     r'</button>', share)
    assert 'readonly value="https://kabar.example/2024/03/banjir-longsor/"' in share
    # Nothing from another site is loaded: no frame, no remote script, no pixel
    assert "<iframe" not in html
    assert re.findall(r'<script src="([^"]+)"', html) == ["/static/share.js"]
    assert not re.search(r'<img[^>]+src="https?://', html)
    # And no other page has them
    for other in ("index.html", "arsip/index.html", "tag/cuaca/index.html"):
        assert 'class="share"' not in site.read(other)
        assert "share.js" not in site.read(other)


# Numbered, stable pagination ---------------------------------------------------------

def test_nearby_numbers() -> None:
    assert list(nearby(1, 1)) == [1]
    assert list(nearby(5, 11)) == [3, 4, 5, 6]
    assert list(nearby(11, 11)) == [9, 10, 11]
    assert list(nearby(2, 3)) == [1, 2, 3]
    assert (NEARBY, NEWER) == (2, 1)
    # An append plans a list again from NEWER pages below its old newest page (its
    # tail's first; a list without pages, from page 1)
    keys = [(datetime(2024, 3, 1, tzinfo=JAKARTA) + timedelta(hours=n), f"a{n:02d}.md")
            for n in range(31)]
    assert seal(keys, 3).tail.chunks[0].number == 11 - NEWER
    assert seal([], 3).tail.chunks == ()


def _one_list(site: SiteMaker, count: int, first: int = 0) -> None:
    """Articles `first` to `first + count - 1`, an hour apart, in one tag."""
    for number in range(first, first + count):
        moment = datetime(2024, 3, 1, tzinfo=JAKARTA) + timedelta(hours=number)
        site.article(f"2024/03/a{number:02d}", f"Artikel {number:02d}", moment.isoformat(),
                     tags="[Kota]")


def _written_lists(written: tuple[str, ...] | list[str]) -> set[str]:
    """The files of the archive's list among `written`."""
    return {p for p in written if re.match(r"arsip/(index.html|page/)", p)}


def test_numbered_pages_show_first_last_nearby_and_the_total_where_it_is_safe(
        site: SiteMaker) -> None:
    # Given 31 articles in pages of 3: 11 archive pages
    _one_list(site, 31)
    site.build()
    newest = site.read("arsip/index.html")
    old = site.read("arsip/page/5/index.html")
    # The newest page prints the total, links its nearby pages and page 1
    assert "Halaman 11 dari 11" in newest
    assert re.findall(r'class="pagination-number"><a href="([^"]+)"', newest) == [
        "/arsip/", "/arsip/page/10/", "/arsip/page/9/", "/arsip/page/1/"]
    assert 'aria-current="page">11<' in newest and "pagination.js" not in newest
    assert '<nav class="pagination" aria-label="Halaman" data-last="11">' in newest
    # ...which is shown at the list's address alone: its number points there until it fills
    pointer = site.read("arsip/page/11/index.html")
    assert '<meta http-equiv="refresh" content="0; url=/arsip/">' in pointer
    assert '<meta name="robots" content="noindex">' in pointer
    assert "Halaman" not in pointer
    # An old page links the newest, one number newer and two older, page 1, newer and
    # older
    assert re.findall(r'class="pagination-number"><a href="([^"]+)"', old) == [
        f"/arsip/page/{n}/" for n in (6, 5, 4, 3, 1)]
    assert '<a href="/arsip/">Terbaru</a>' in old
    assert 'href="/arsip/page/6/" rel="prev"' in old and 'href="/arsip/page/4/" rel="next"' in old
    # ...the page below the newest too, by its number (the pointer), not by the list's URL
    below = site.read("arsip/page/10/index.html")
    assert 'href="/arsip/page/11/" rel="prev"' in below
    assert '<a href="/arsip/">Terbaru</a>' in below
    assert re.findall(r'class="pagination-number"><a href="([^"]+)"', below) == [
        f"/arsip/page/{n}/" for n in (11, 10, 9, 8, 1)]
    # ...but no total in its bytes: a script reads it from the newest page
    assert "dari 11" not in old and "Halaman 5" in old
    assert 'data-list="/arsip/" data-text="Halaman 5 dari {total}"' in old
    assert '<script src="/static/pagination.js" defer></script>' in old
    assert not (site.root / "output" / "arsip" / "pages.json").exists()


def test_adding_articles_rewrites_only_the_newest_pages_of_a_list(site: SiteMaker) -> None:
    # Given 31 articles in pages of 3: the newest archive page holds one
    _one_list(site, 31)
    site.build()
    # When one is added, the newest page fills: only the list's URL, which shows it, changes
    _one_list(site, 1, first=31)
    result = site.build()
    assert _written_lists(result.written) == {"arsip/index.html"}
    # When a new page opens, the old newest takes its number and the new number points
    # to the list's URL; the page below the old newest linked it by number already, so
    # pages 1 to 10 keep their bytes and mtime
    before = site.snapshot()
    _one_list(site, 2, first=32)
    result = site.build()
    assert _written_lists(result.written) == {
        "arsip/index.html", "arsip/page/12/index.html", "arsip/page/11/index.html"}
    assert "Halaman 11" in site.read("arsip/page/11/index.html")
    assert 'href="/arsip/page/12/" rel="prev"' in site.read("arsip/page/11/index.html")
    assert 'url=/arsip/"' in site.read("arsip/page/12/index.html")
    after = site.snapshot()
    for number in range(1, 11):
        path = f"arsip/page/{number}/index.html"
        assert after[path] == before[path]
    assert "Halaman 12 dari 12" in site.read("arsip/index.html")
    assert 'data-last="12"' in site.read("arsip/index.html")


@pytest.fixture
def demo(tmp_path: Path) -> SiteMaker:
    """A copy of the repository's demo archive."""
    maker = SiteMaker(tmp_path / "demo")
    shutil.copy(ROOT / "site.toml", maker.root / "site.toml")
    shutil.copytree(ROOT / "content", maker.root / "content")
    return maker


def test_todays_news_rewrites_at_most_25_files_of_the_demo(demo: SiteMaker) -> None:
    demo.build(now=NOW, index_search=False)
    # (Tags that leave the navigation's order as it is: a tag that overtakes
    # another in the masthead changes every page, by the navigation's own rule.)
    demo.article("2026/11/jembatan-baru", "Jembatan Baru Dibuka", "2026-11-30T10:00:00+07:00",
                 tags="[Pemkot Sumberjaya, Jembatan]", authors="[Bgs]", editors="[Adt]")
    result = demo.build(now=NOW, index_search=False)
    assert 0 < len(result.written) <= 25, sorted(result.written)


def test_a_story_with_three_tags_rewrites_one_page_per_list(demo: SiteMaker) -> None:
    # Given the demo, built on a September day; when that day's story joins a section,
    # three tags and a byline (lists and a month that exist already)
    today = datetime(2026, 9, 20, 12, tzinfo=JAKARTA)
    demo.build(now=today, index_search=False)
    demo.article("2026/09/tanggul", "Tanggul Kali Lanangan Diperkuat", "2026-09-20T10:00:00+07:00",
                 tags="[Banjir, Pemkot Sumberjaya, Lalu Lintas]", authors="[Bgs]",
                 section="Pemerintahan")
    result = demo.build(now=today, index_search=False)
    # Then each list it joins rewrites its URL (and the section's and the author's their
    # feed); a numbered page only next to the newest: the old newest taking its number
    # when a new page opened, the pointer at the next number when the newest filled
    lists = ("tag/banjir/", "tag/pemkot-sumberjaya/", "tag/lalu-lintas/",
             "author/bagus-setiawan/", "rubrik/pemerintahan/", "arsip/", "2026/09/")
    for base in lists:
        assert f"{base}index.html" in result.written
        last = re.search(r'data-last="(\d+)"', demo.read(f"{base}index.html"))
        newest = int(last[1]) if last else 1
        numbered = {p for p in result.written if p.startswith(f"{base}page/")}
        assert numbered <= {f"{base}page/{n}/index.html" for n in (newest - 1, newest, newest + 1)}
    # ... 25 files at most, the news sitemap among them
    assert "news-sitemap.xml" in result.written
    assert len(result.written) <= 25, sorted(result.written)


@pytest.mark.parametrize("date", ["2026-09-20T10:00:00+07:00", "2024-06-10T08:00:00+07:00"],
                         ids=["today", "filed late"])
def test_a_story_with_five_tags_rewrites_at_most_25_files_of_the_demo(
        demo: SiteMaker, date: str) -> None:
    # Given the demo, built on a September day; when a story with five tags arrives,
    # today's or one dated two years back
    today = datetime(2026, 9, 20, 12, tzinfo=JAKARTA)
    demo.build(now=today, index_search=False)
    demo.article("2026/09/pasar", "Pasar Besar Direnovasi, Pedagang Pindah", date,
                 tags="[Pasar Besar, UMKM, Pemkot Sumberjaya, DPRD Sumberjaya, Transportasi]",
                 authors="[Bgs]", section="Ekonomi")
    result = demo.build(now=today, index_search=False)
    # Then it rewrites a page of each tag (the one its date falls in), no tag feed (off
    # unless asked), neither the tag index nor the date indexes (no counts), and 25
    # files at most (issue 18)
    tags = ("pasar-besar", "umkm", "pemkot-sumberjaya", "dprd-sumberjaya", "transportasi")
    assert all(any(p.startswith(f"tag/{slug}/") and p.endswith(".html") for p in result.written)
               for slug in tags), sorted(result.written)
    assert not [p for p in result.written if p.startswith("tag/") and p.endswith(".xml")]
    assert not {"tag/index.html", "arsip/tahun/index.html", "2026/index.html",
                "2024/index.html"} & set(result.written)
    assert result.quick and len(result.written) <= 25, sorted(result.written)


# The newsroom's pages in the footer ---------------------------------------------------

FOOTER = """
[footer]
links = [
  { title = "Redaksi", url = "/redaksi/" },
  { title = "Kontak", url = "/kontak/" },
]
"""


def test_footer_links_come_from_site_toml_in_their_order(site: SiteMaker) -> None:
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8") + FOOTER)
    site.write("content/pages/kontak.md", "---\ntitle: Kontak\nslug: kontak\n---\nSurel.\n")
    site.write("content/pages/redaksi.md", "---\ntitle: Redaksi\nslug: redaksi\n---\nKami.\n")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\nslug: tentang\n---\nIni.\n")
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00")
    site.build()
    footer = site.read("index.html").split('<footer class="site-footer">')[1]
    assert re.findall(r'<a href="(/[a-z]+/)">(\w+)</a>', footer.split("site-footer-pages")[1]) \
        == [("/redaksi/", "Redaksi"), ("/kontak/", "Kontak")]


def test_without_footer_the_site_pages_are_linked(site: SiteMaker) -> None:
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\nslug: tentang\n---\nIni.\n")
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00")
    site.build()
    assert '<p class="site-footer-pages"><a href="/tentang/">Tentang</a></p>' in \
        site.read("index.html")


def test_footer_table_is_read_and_checked() -> None:
    config = parse_config(FOOTER)
    assert config.footer == (FooterLink("Redaksi", "/redaksi/"), FooterLink("Kontak", "/kontak/"))
    with pytest.raises(ConfigError) as caught:
        parse_config('[footer]\nlinks = [{ title = "Kontak", url = "kontak" }]\n')
    problem = caught.value.problems[0]
    assert problem.line == 2 and "starting with /" in problem.message
    with pytest.raises(ConfigError):
        parse_config('[footer]\nlinks = "Redaksi"\n')
    warned = parse_config('[footer]\nlink = []\n').warnings
    assert [w.message for w in warned] == ["unknown key `link` in [footer]"]
    assert "did you mean `links`" in warned[0].hint
    warned = parse_config('[footr]\nlinks = []\n').warnings
    assert "did you mean `[footer]`" in warned[0].hint


def test_the_demo_has_the_newsroom_pages_in_its_footer() -> None:
    config = parse_config((ROOT / "site.toml").read_text(encoding="utf-8"))
    pages = {p.stem for p in (ROOT / "content/pages").glob("*.md")}
    assert [link.url for link in config.footer] == [
        "/redaksi/", "/pedoman-media-siber/", "/kebijakan-koreksi/", "/kontak/", "/tentang/"]
    assert {link.url.strip("/") for link in config.footer} <= pages
    guideline = (ROOT / "content/pages/pedoman-media-siber.md").read_text(encoding="utf-8")
    assert "Dewan Pers" in guideline


# Related news by tag rarity -----------------------------------------------------------

def test_tag_weight_falls_with_the_tags_order_of_magnitude() -> None:
    assert tag_weight(1) == RARITY_SCALE
    assert tag_weight(2) == tag_weight(3) == RARITY_SCALE // 2
    assert tag_weight(4) == tag_weight(7) > tag_weight(8)
    assert all(tag_weight(n) >= tag_weight(n + 1) for n in range(1, 5000))
    assert all(RARITY_SCALE % b == 0 for b in range(1, 17))


def test_a_rare_shared_tag_counts_for_more_than_a_common_one(site: SiteMaker) -> None:
    # Given a common tag on many stories and a rare one on two
    for day in range(1, 11):
        site.article(f"2024/03/kota{day:02d}", f"Berita Kota {day:02d}",
                     f"2024-03-{day:02d}T08:00:00+07:00", tags="[Pemkot, Olahraga]")
    site.article("2024/03/jembatan-lama", "Jembatan Merah Retak",
                 "2024-03-02T09:00:00+07:00", tags="[Jembatan Merah, Kuota Sekolah]")
    site.article("2024/03/sekolah", "Kuota Sekolah", "2024-03-11T09:00:00+07:00",
                 tags="[Pemkot, Kuota Sekolah]")
    # When a story shares "Pemkot" with many and "Jembatan Merah" with one
    site.article("2024/03/jembatan", "Jembatan Merah Ditutup", "2024-03-12T09:00:00+07:00",
                 tags="[Pemkot, Jembatan Merah]")
    site.build()
    html = site.read("2024/03/jembatan-merah-ditutup/index.html")
    related = re.findall(r'<li><a href="([^"]+)">', html.split('class="related"')[1])
    # Then the story sharing the rare tag comes first, though it is the oldest
    assert related[0] == "/2024/03/jembatan-merah-retak/"
    # And later news does not change it: the weights stop at the article itself
    site.article("2024/03/jembatan2", "Jembatan Merah Dibuka", "2024-03-13T09:00:00+07:00",
                 tags="[Pemkot, Jembatan Merah]")
    site.build()
    again = site.read("2024/03/jembatan-merah-ditutup/index.html")
    assert re.findall(r'<li><a href="([^"]+)">', again.split('class="related"')[1]) == related


# Related news forwards (plan/related.py) ----------------------------------------------

def _follow_up(site: SiteMaker, slug: str) -> str | None:
    html = site.read(f"2024/03/{slug}/index.html")
    if 'class="follow-up"' not in html:
        return None
    box = html.split('class="follow-up"')[1].split("</section>")[0]
    found = re.search(r'<a href="/2024/03/([^/]+)/">', box)
    return found.group(1) if found else None


def test_an_old_story_links_its_newest_follow_up_and_only_its_picks_change(
        site: SiteMaker) -> None:
    # Given a story and its first follow-up (a rare tag they share)
    for n in (1, 2):
        site.article(f"jm{n}", f"Jembatan Merah {n}", f"2024-03-0{n}T09:00:00+07:00",
                     tags="[Jembatan Merah]")
    site.build()
    assert _follow_up(site, "jembatan-merah-1") == "jembatan-merah-2"
    assert _follow_up(site, "jembatan-merah-2") is None
    # When two more follow-ups arrive, each picks the two newest before it
    site.article("jm3", "Jembatan Merah 3", "2024-03-03T09:00:00+07:00",
                 tags="[Jembatan Merah]")
    site.build()
    site.article("jm4", "Jembatan Merah 4", "2024-03-04T09:00:00+07:00",
                 tags="[Jembatan Merah]")
    before = site.snapshot()
    result = site.build()
    # Then each old story links the newest follow-up that picked it, and the fourth
    # rewrote only the pages it picked (the second and the third), not the first
    assert [_follow_up(site, f"jembatan-merah-{n}") for n in (1, 2, 3, 4)] == [
        "jembatan-merah-3", "jembatan-merah-4", "jembatan-merah-4", None]
    articles = {p for p in result.written if re.fullmatch(r"2024/03/[^/]+/index.html", p)}
    assert articles == {"2024/03/jembatan-merah-4/index.html",
                        "2024/03/jembatan-merah-3/index.html",
                        "2024/03/jembatan-merah-2/index.html"}
    assert site.snapshot()["2024/03/jembatan-merah-1/index.html"] == \
        before["2024/03/jembatan-merah-1/index.html"]
    # When the newest is deleted, the stories it was on link the one before again
    (site.root / "content/articles/jm4.md").unlink()
    site.build()
    assert [_follow_up(site, f"jembatan-merah-{n}") for n in (1, 2, 3)] == [
        "jembatan-merah-3", "jembatan-merah-3", None]
    # ... and a withdrawn story links none
    site.article("jm3", "Jembatan Merah 3", "2024-03-03T09:00:00+07:00",
                 tags="[Jembatan Merah]", withdrawn="Ditarik redaksi.")
    site.build()
    assert _follow_up(site, "jembatan-merah-3") is None
    assert _follow_up(site, "jembatan-merah-2") is None
