"""A tag's or an author's page renamed: the old address leads to the new page, whether
the alias comes in the same build or after the page was already gone."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from generator.build.addresses import load_register
from generator.cli import main
from generator.content.register import AUTHOR, GONE, MOVED, Address
from tests.conftest import SiteMaker

OLD = "/author/hamid-zulkarnain/"
NEW = "/author/hamid-zulkifli/"


def rename_hamid(site: SiteMaker, keep_old_name: bool) -> None:
    """Correct Hmz's name in `[authors]`, keeping the old one as a key when asked."""
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    kept = '"Hamid Zulkarnain" = "Hamid Zulkifli"\n' if keep_old_name else ""
    toml = re.sub(r'Hmz = "Hamid Zulk\w+"\n', f'Hmz = "Hamid Zulkifli"\n{kept}', toml)
    site.write("site.toml", toml)


def four_stories(site: SiteMaker) -> None:
    """Four stories by Hmz: the author's page has a sealed page 1 and page 2."""
    for day in range(1, 5):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     authors="[Hmz]")


def fresh_copy(site: SiteMaker) -> SiteMaker:
    """A checkout of the site's content and settings alone, built."""
    fresh = SiteMaker(site.root.parent / "fresh")
    for part in ("content", "site.toml"):
        copy = shutil.copytree if (site.root / part).is_dir() else shutil.copy
        copy(site.root / part, fresh.root / part)  # type: ignore[operator]
    fresh.build()
    return fresh


def test_an_author_renamed_with_the_old_name_kept_redirects_in_the_same_build(
        site: SiteMaker) -> None:
    four_stories(site)
    site.build()
    assert load_register(site.root).entries[OLD] == Address(OLD, AUTHOR, "Hamid Zulkarnain")
    rename_hamid(site, keep_old_name=True)
    result = site.build()
    assert (OLD, NEW) in result.addresses.moved
    entries = load_register(site.root).entries
    for url, to in ((OLD, NEW), (f"{OLD}page/1/", NEW), (f"{OLD}page/2/", NEW),
                    (f"{OLD}feed.xml", f"{NEW}feed.xml")):
        assert entries[url] == Address(url, MOVED, to)
        assert f"{url} {to} 301" in site.read("_redirects")
    assert f'url={NEW}"' in site.read("author/hamid-zulkarnain/index.html")
    assert entries[NEW] == Address(NEW, AUTHOR, "Hamid Zulkifli")
    assert fresh_copy(site).read("_redirects") == site.read("_redirects")


def test_an_author_page_gone_redirects_once_the_old_name_is_mapped(site: SiteMaker) -> None:
    four_stories(site)
    site.build()
    rename_hamid(site, keep_old_name=False)
    built = CliRunner().invoke(main, ["build", "--site", str(site.root)])
    assert built.exit_code == 0, built.output
    # The summary says what happened and what to do (the test site speaks Indonesian).
    assert f"tak tersedia: {OLD} (halaman pemberitahuan disimpan)" in built.stdout
    assert "Petakan nama lamanya ke nama baru di [tag_aliases] atau [authors]" in built.stdout
    assert load_register(site.root).entries[OLD] == Address(OLD, GONE)
    # The editor maps the old name a build later: the notice becomes a redirect, the
    # numbered pages and the feed with it, and the summary says so.
    rename_hamid(site, keep_old_name=True)
    result = site.build()
    assert set(result.addresses.moved) >= {(OLD, NEW), (f"{OLD}page/2/", NEW),
                                           (f"{OLD}feed.xml", f"{NEW}feed.xml")}
    entries = load_register(site.root).entries
    assert entries[f"{OLD}page/1/"] == Address(f"{OLD}page/1/", MOVED, NEW)
    assert f'url={NEW}"' in site.read("author/hamid-zulkarnain/page/2/index.html")
    assert f"{OLD} /410.html" not in site.read("_redirects")
    assert fresh_copy(site).read("_redirects") == site.read("_redirects")


def test_a_tag_retagged_by_hand_redirects_once_tag_aliases_map_it(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Wisata]")
    site.build()
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Pariwisata]")
    site.build()
    assert load_register(site.root).entries["/tag/wisata/"] == Address("/tag/wisata/", GONE)
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    site.build()
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", MOVED, "/tag/pariwisata/")
    assert entries["/tag/wisata/page/1/"] == Address(
        "/tag/wisata/page/1/", MOVED, "/tag/pariwisata/")
    # (No tag feeds on this site: the tag's feed address was never published.)
    assert "/tag/wisata/feed.xml" not in entries


def test_initials_published_before_they_had_a_name_lead_to_the_name(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Rdn]")
    site.build()
    assert load_register(site.root).entries["/author/rdn/"].kind == AUTHOR
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace("[authors]\n", '[authors]\nRdn = "Rudi Hartono"\n'))
    site.build()
    entries = load_register(site.root).entries
    assert entries["/author/rdn/"] == Address("/author/rdn/", MOVED, "/author/rudi-hartono/")
    assert entries["/author/rdn/feed.xml"] == Address(
        "/author/rdn/feed.xml", MOVED, "/author/rudi-hartono/feed.xml")


def test_an_author_whose_bylines_went_to_another_stays_gone(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Hmz]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", authors="[Ulm]")
    site.build()
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Ulm]")
    site.build()
    site.build()  # (a gone line with no alias stays as it is, build after build)
    entries = load_register(site.root).entries
    assert entries[OLD] == Address(OLD, GONE)
    assert entries[f"{OLD}feed.xml"] == Address(f"{OLD}feed.xml", GONE)


def test_an_alias_whose_list_arrives_with_todays_news_redirects_as_a_fresh_build_does(
        site: SiteMaker) -> None:
    # Given a tag's page gone, then an alias to a tag no article has yet
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Wisata]")
    site.build()
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Lain]")
    site.build()
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    site.build()
    assert load_register(site.root).entries["/tag/wisata/"] == Address("/tag/wisata/", GONE)
    # When today's story brings that tag, the old address leads to it at once (the
    # quick path, which only adds lines, leaves this build to the whole way)
    site.article("2024/03/dua", "Dua", "2024-03-05T09:00:00+07:00", tags="[Pariwisata]")
    assert not site.build().quick
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", MOVED, "/tag/pariwisata/")
    assert (fresh_copy(site).root / "content/published-urls.txt").read_text() == \
        (site.root / "content/published-urls.txt").read_text()


def test_initials_written_in_another_case_end_and_come_back_cleanly(site: SiteMaker) -> None:
    # `ADT` is not a key of [authors] (`Adt` is): it had an author page of its own
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace("[authors]\n", '[authors]\nAdt = "Aditya Nugroho"\n'))
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Adt]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", authors="[ADT]")
    site.build()
    assert load_register(site.root).entries["/author/adt/"].kind == AUTHOR
    # Its byline corrected: the page leads to the name, and a build with nothing
    # changed (or a fresh checkout) says the same
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", authors="[Hmz]")
    site.build()
    text = (site.root / "content/published-urls.txt").read_text()
    assert "/author/adt/ moved /author/aditya-nugroho/\n" in text
    site.build(quick=False)
    assert (site.root / "content/published-urls.txt").read_text() == text
    # Written that way again: its page, numbers and feed are its own again
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", authors="[ADT]")
    site.build()
    entries = load_register(site.root).entries
    assert entries["/author/adt/"] == Address("/author/adt/", AUTHOR, "ADT")
    assert "/author/adt/" not in site.read("_redirects")
    assert "<feed" in site.read("author/adt/feed.xml")


def test_the_hint_to_map_an_old_name_comes_only_where_mapping_helps(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Hmz]")
    site.build()
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace("search = false\n", "search = false\n"
                                         "author_pages = false\n"))
    built = CliRunner().invoke(main, ["build", "--site", str(site.root)])
    assert built.exit_code == 0, built.output
    assert f"tak tersedia: {OLD} (halaman pemberitahuan disimpan)" in built.stdout
    assert "Petakan nama lamanya" not in built.stdout  # (no author pages: no alias helps)


def test_an_upgrade_that_switches_the_indexes_off_keeps_their_addresses(
        site: SiteMaker) -> None:
    # Given a site built by a version whose register did not name the indexes yet
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace("search = false", "search = true"))
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build(index_search=False)
    register = site.root / "content/published-urls.txt"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("/arsip/tahun/ index years\n", "").replace(
        "/cari/ index search\n", "").replace(
        "#   index years | index search (the archive by month, the search page)\n", ""),
        encoding="utf-8")
    # When the first build of this version also switches them off
    site.write("site.toml", toml.replace("search = false", "search = false\n"
                                         "date_archives = false"))
    result = site.build()
    # Then they keep their addresses, as the output folder served them
    entries = load_register(site.root).entries
    assert entries["/arsip/tahun/"] == Address("/arsip/tahun/", MOVED, "/arsip/")
    assert entries["/cari/"] == Address("/cari/", GONE)
    assert ("/arsip/tahun/", "/arsip/") in result.addresses.moved
    assert "/cari/ /410.html 410!" in site.read("_redirects")


def test_an_index_line_deleted_by_hand_stays_deleted(site: SiteMaker) -> None:
    # Given the search page switched off: its address keeps the notice
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace("search = false", "search = true"))
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build(index_search=False)
    site.write("site.toml", toml)
    site.build()
    register = site.root / "content/published-urls.txt"
    assert "/cari/ gone\n" in register.read_text(encoding="utf-8")
    # When an editor takes the address back for good (docs/content.md: delete its
    # line), the notice left in the output folder does not bring the line back, and a
    # fresh checkout says the same
    register.write_text(register.read_text(encoding="utf-8").replace("/cari/ gone\n", ""),
                        encoding="utf-8")
    fresh = fresh_copy(site)
    site.build()
    assert "/cari/" not in register.read_text(encoding="utf-8")
    assert (fresh.root / "content/published-urls.txt").read_text() == register.read_text()


def test_the_hint_comes_for_a_tag_an_alias_already_leads_to(site: SiteMaker) -> None:
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"tour" = "Wisata"\n')
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Wisata]")
    site.build()
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Pariwisata]")
    built = CliRunner().invoke(main, ["build", "--site", str(site.root)])
    assert built.exit_code == 0, built.output
    assert "Petakan nama lamanya" in built.stdout
    # (and mapping it does lead the page on)
    site.write("site.toml", toml + '\n[tag_aliases]\n"tour" = "Wisata"\n'
               '"wisata" = "Pariwisata"\n')
    site.build()
    assert load_register(site.root).entries["/tag/wisata/"] == Address(
        "/tag/wisata/", MOVED, "/tag/pariwisata/")


def test_a_name_with_and_without_its_degree_is_one_author_and_its_old_page_leads_there(
        site: SiteMaker) -> None:
    # Given a register from before degrees stayed out of the slug: the author's page was
    # published at the slug of the name with its degree
    degree, plain = "/author/budi-santoso-s-h/", "/author/budi-santoso/"
    site.write("content/published-urls.txt", f"{degree} author Budi Santoso, S.H.\n")
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", authors="[Budi Santoso]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00",
                 authors='["Budi Santoso, S.H."]')
    # When it is built
    result = site.build()
    # Then both stories are on one author's page, titled by the first spelling, and the
    # old page leads there
    assert (degree, plain) in result.addresses.moved
    page = site.read("author/budi-santoso/index.html")
    assert "<h1>Budi Santoso" in page and "2024/03/satu/" in page and "2024/03/dua/" in page
    assert f'url={plain}"' in site.read("author/budi-santoso-s-h/index.html")
    assert load_register(site.root).entries[degree] == Address(degree, MOVED, plain)


@pytest.mark.parametrize(("old", "title"), [("/author/dr-siti-aminah/", "Dr."),
                                            ("/author/hj-siti-aminah/", "Hj.")])
def test_a_name_with_a_title_before_it_is_one_author_too(site: SiteMaker, old: str,
                                                          title: str) -> None:
    # (a register written before the title stayed out of the slug)
    plain = "/author/siti-aminah/"
    site.write("content/published-urls.txt", f"{old} author {title} Siti Aminah\n")
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00",
                 authors=f'["{title} Siti Aminah, M.Si."]')
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", authors="[Siti Aminah]")
    result = site.build()
    assert (old, plain) in result.addresses.moved
    page = site.read("author/siti-aminah/index.html")
    assert "2024/03/satu/" in page and "2024/03/dua/" in page
    assert f"{title} Siti Aminah, M.Si." in site.read("2024/03/satu/index.html")
