"""A tag left with no story on the quick path (build/addresses.py `ended_lines`,
plan/redirects.py `ended_lists`, build/relisted.py `relisting`): a misspelt tag
corrected ends its list. Its own address and its first numbered page answer the gone
notice, the host rules answer 410 there (and at its feed, whose file goes), the
register says so, the sitemap drops the list; each build writes only the files that
differ, and gives a fresh checkout's output and tracked files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.build.addresses import load_register
from generator.content.register import GONE, MOVED, Address
from tests.conftest import SiteMaker, settings
from tests.test_relisted import _archive, _built, _credit, _set, _tag

TYPO = "/tag/tag-11/"
"""The misspelt tag's list: "Tag 11", one letter off "Tag 1"."""
GONE_FILES = {"tag/tag-11/index.html", "tag/tag-11/page/1/index.html", "_redirects",
              ".htaccess", "nginx-redirects.conf"}

def _built_with(site: SiteMaker, tags: dict[int, str] | None = None,
                bylines: dict[int, str] | None = None) -> None:
    """The test archive built, the stories of `tags` and `bylines` (by number) tagged
    and credited so."""
    _archive(site)
    for n, to in (tags or {}).items():
        _tag(site, n, to)
    for n, to in (bylines or {}).items():
        _credit(site, n, to)
    site.build()


VARIANTS: dict[str, tuple[str, str]] = {
    # (top-level keys, `[outputs]` switches)
    "plain": ("", ""),
    # Tag feeds: the list's feed file goes, its address answers 410.
    "tag feeds": ("", "tag_feeds = true"),
    # A sitemap in parts: the list's address leaves the fronts' part.
    "sitemap parts": ("sitemap_size = 8", ""),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_misspelt_tag_corrected_ends_its_list_on_the_quick_path(
        variant: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive where one story carries a misspelt tag
    top, outputs = VARIANTS[variant]
    settings(site, top=top, outputs=outputs)
    _built_with(site, tags={12: "[Tag 0, Tag 11]"})
    assert (site.output / "tag/tag-11/index.html").is_file()
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("sitemap*.xml"))
    assert f"{TYPO}</loc>" in sitemaps
    # When the editor corrects it, on the quick path
    differ = _built(site, make_site, lambda: _tag(site, 12, "[Tag 0, Tag 1]"), variant)
    # Then its pages answer the gone notice, kept from search engines
    assert GONE_FILES <= differ
    for page in ("tag/tag-11/index.html", "tag/tag-11/page/1/index.html"):
        assert 'name="robots" content="noindex' in site.read(page)
    # And the host rules answer 410 there, the register keeps the addresses gone
    assert f"{TYPO} /410.html 410" in site.read("_redirects")
    entries = load_register(site.root).entries
    assert entries[TYPO] == Address(TYPO, GONE)
    assert entries[f"{TYPO}page/1/"] == Address(f"{TYPO}page/1/", GONE)
    # And the summary names the address, with the hint to map the old name
    result = site.result
    assert result.addresses.gone == (TYPO,) and result.addresses.renamable == (TYPO,)
    # And the sitemap no longer lists it
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("sitemap*.xml"))
    assert "tag-11" not in sitemaps
    # And with tag feeds, the feed's file goes and its address answers 410
    if outputs:
        assert result.removed == ("tag/tag-11/feed.xml",)
        assert not (site.output / "tag/tag-11/feed.xml").exists()
        assert entries[f"{TYPO}feed.xml"] == Address(f"{TYPO}feed.xml", GONE)
        assert f"{TYPO}feed.xml /410.html 410" in site.read("_redirects")


@pytest.mark.parametrize("size", [39, 10, 8])
def test_a_tag_ending_where_the_sitemaps_parts_shrink_gives_a_fresh_checkouts_output(
        size: int, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a sitemap in parts (forty addresses): past the drop of the ended tag's, one
    # sitemap holds the rest (39), or fewer parts do (10), or as many (8)
    settings(site, top=f"sitemap_size = {size}")
    _built_with(site, tags={12: "[Tag 0, Tag 11]"})
    # When the misspelt tag is corrected, the parts are a fresh checkout's, no part's
    # file left behind (the whole way cuts parts that shrink)
    _built(site, make_site, lambda: _tag(site, 12, "[Tag 0, Tag 1]"), f"size {size}",
           quick=size == 8)
    assert site.result.quick == (size == 8)


@pytest.mark.parametrize("size", [1000, 8])
def test_a_tag_ending_beside_an_update_leaves_the_sitemap_without_it(
        size: int, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a misspelt tag, and a sitemap in one file or in parts
    settings(site, top=f"sitemap_size = {size}")
    _built_with(site, tags={12: "[Tag 0, Tag 11]"})
    # When it is corrected while another story gets an `updated:` date (its lastmod
    # moves: the sitemaps are planned again around it), the ended tag's address stays
    # out of them, on the quick path
    _built(site, make_site, lambda: _tag(site, 12, "[Tag 0, Tag 1]") or _set(
        site, 3, "tags", "[Tag 0]\nupdated: 2024-03-30T10:00:00+07:00"), f"size {size}")
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("sitemap*.xml"))
    assert "tag-11" not in sitemaps and "2024-03-30" in sitemaps


def test_a_tag_ended_beside_todays_news_and_another_later(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with two misspelt tags
    _built_with(site, tags={12: "[Tag 0, Tag 11]", 16: "[Tag 1, Tag 22]"})
    # When one is corrected beside today's news, then the other a build later (a gone
    # notice already published), each build takes the quick path
    _built(site, make_site, lambda: _tag(site, 12, "[Tag 0]") or site.article(
        "2024/03/kini", "Berita Kini", "2024-03-29T09:00:00+07:00", tags="[Kabar Kini]",
        section="Kota"), "beside today's news")
    differ = _built(site, make_site, lambda: _tag(site, 16, "[Tag 1, Tag 2]"), "another")
    assert {"tag/tag-22/index.html", "tag/tag-22/page/1/index.html"} <= differ
    assert "tag/tag-11/index.html" not in differ
    # And a story tagged with the first one again brings its list back (the whole way:
    # the notice's address answers already)
    _built(site, make_site, lambda: _tag(site, 3, "[Tag 0, Tag 11]"), "back", quick=False)
    assert not site.result.quick
    assert load_register(site.root).entries[TYPO].kind != GONE


def test_a_misspelt_tag_on_two_stories_corrected_in_one_build_ends_on_the_quick_path(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the same misspelt tag on two stories a month apart
    _built_with(site, tags={2: "[Tag 2, Tag 11]", 12: "[Tag 0, Tag 11]"})
    # When both are corrected in one build, its list ends on the quick path
    differ = _built(site, make_site, lambda: _tag(site, 2, "[Tag 2]") or _tag(
        site, 12, "[Tag 0, Tag 1]"), "two stories")
    assert GONE_FILES <= differ
    assert load_register(site.root).entries[TYPO] == Address(TYPO, GONE)


def test_a_tag_a_redirect_leads_to_ends_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a tag renamed by `[tag_aliases]`: its old address redirects to the new one
    _built_with(site, tags={12: "[Tag 0, Wisata]"})
    _tag(site, 12, "[Tag 0, Pariwisata]")
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    site.build()
    assert load_register(site.root).entries["/tag/wisata/"] == Address(
        "/tag/wisata/", MOVED, "/tag/pariwisata/")
    # When the new tag's one story leaves it, then the old address's redirect would end
    # at a gone notice: the whole way makes it one, as a fresh checkout does
    _built(site, make_site, lambda: _tag(site, 12, "[Tag 0]"), "redirected", quick=False)
    assert not site.result.quick
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", GONE)
    assert entries["/tag/pariwisata/"] == Address("/tag/pariwisata/", GONE)


AUTHOR_TYPO = "/author/hamid-zulkarnian/"
"""A misspelt byline's page: "Hamid Zulkarnian", for Hamid Zulkarnain (`Hmz`)."""


@pytest.mark.parametrize("variant", ["author pages", "no author pages"])
def test_a_misspelt_byline_corrected_ends_its_authors_list_on_the_quick_path(
        variant: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive where one story's byline is misspelt
    if variant == "no author pages":
        settings(site, outputs="author_pages = false")
    _built_with(site, bylines={13: "[Hamid Zulkarnian]"})
    # When the editor corrects it, on the quick path
    differ = _built(site, make_site, lambda: _credit(site, 13, "[Hmz]"), variant)
    entries = load_register(site.root).entries
    result = site.result
    if variant == "no author pages":  # (no page: nothing answers there, nor ever did)
        assert AUTHOR_TYPO not in entries and not result.addresses.gone
        return
    # Then the author's pages answer the gone notice, the feed's file goes, the host
    # rules answer 410 at all three, the register says so, the summary names it
    assert {"author/hamid-zulkarnian/index.html", "author/hamid-zulkarnian/page/1/index.html",
            "_redirects"} <= differ
    assert result.removed == ("author/hamid-zulkarnian/feed.xml",)
    for url in (AUTHOR_TYPO, f"{AUTHOR_TYPO}page/1/", f"{AUTHOR_TYPO}feed.xml"):
        assert entries[url] == Address(url, GONE)
        assert f"{url} /410.html 410" in site.read("_redirects")
    assert result.addresses.gone == (AUTHOR_TYPO,)
    assert result.addresses.renamable == (AUTHOR_TYPO,)
    # And a story credited to that name again brings the page back (the whole way: the
    # notice's address answers already), where a new name takes the quick path
    _built(site, make_site, lambda: _credit(site, 3, "[Hamid Zulkarnian]"), "back",
           quick=False)
    assert not site.result.quick
    assert load_register(site.root).entries[AUTHOR_TYPO].kind == "author"
    _built(site, make_site, lambda: _credit(site, 9, "[Rina Lestari]"), "a new name")


def test_an_author_whose_withdrawn_story_keeps_the_byline_ends_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a misspelt byline on a listed story and on a withdrawn one (story 5)
    _built_with(site, bylines={13: "[Hamid Zulkarnian]", 5: "[Hamid Zulkarnian]"})
    # When the listed story's byline is corrected, the withdrawn story's page loses its
    # byline's link: the whole way plans it, as a fresh checkout does
    _built(site, make_site, lambda: _credit(site, 13, "[Hmz]"), "withdrawn", quick=False)
    assert not site.result.quick
