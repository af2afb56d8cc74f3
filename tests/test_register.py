"""The register of published addresses: its text, and what a build makes of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.build.addresses import load_register
from generator.build.pipeline import BuildResult
from generator.cli import main
from generator.content.register import (
    ARTICLE,
    GONE,
    INDEX,
    LATE,
    LISTS,
    MONTH,
    MOVED,
    REGISTER,
    TAG,
    YEAR,
    Address,
    Registered,
    article_file,
    format_register,
    is_formatted,
    parse_register,
    registered_articles,
)
from generator.errors import ContentError
from generator.plan import list_addresses
from generator.plan.late import filed_after
from tests.conftest import SiteMaker, fresh_checkout, hashes, settings

TEXT = """\
# a comment
/2024/03/satu/ article content/articles/satu.md
/2024/03/lama/   moved   /2024/03/satu/

/2024/03/hapus/ gone
/tag/kpu/ tag KPU
/tentang/ page content/pages/tentang.md
/berita/123.html moved /2024/03/satu/
"""


def test_the_register_is_read_line_by_line() -> None:
    entries, problems = parse_register(TEXT)
    assert problems == []
    assert entries["/2024/03/lama/"] == Address("/2024/03/lama/", MOVED, "/2024/03/satu/")
    assert entries["/2024/03/lama/"].line == 3
    assert entries["/2024/03/hapus/"] == Address("/2024/03/hapus/", GONE)
    assert entries["/tag/kpu/"].target == "KPU"
    assert len(entries) == 6


def test_formatting_sorts_and_reads_back_the_same() -> None:
    entries, _ = parse_register(TEXT)
    text = format_register(entries.values())
    again, problems = parse_register(text)
    assert problems == [] and again == entries
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == sorted(lines)
    assert format_register(again.values()) == text


@pytest.mark.parametrize(("line", "message"), [
    ("/2024/03/satu/ artikel x.md", "'artikel' after /2024/03/satu/ is not one of"),
    ("/2024/03/satu/", "'nothing' after /2024/03/satu/"),
    ("2024/03/satu/ gone", "'2024/03/satu/' is not an address of this site"),
    ("/2024/03/satu gone", "'/2024/03/satu' is not an address"),
    ("/a/../b/ gone", "is not an address"),
    ("/2024/03/satu/ gone now", "`gone` takes nothing after it but the file"),
    ("/2024/03/satu/ moved", "`moved` needs what it points to"),
    ("/2024/03/satu/ moved elsewhere", "which is not an address of this site"),
    ("/2024/03/satu/ article", "`article` needs what it points to"),
])
def test_a_bad_line_is_an_error_with_file_and_line(line: str, message: str) -> None:
    _, problems = parse_register(f"# head\n/ok/ gone\n{line}\n", REGISTER)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{REGISTER}:3: ")
    assert message in str(problems[0])
    assert problems[0].hint


def test_a_gone_line_may_keep_the_file_that_answered_there() -> None:
    text = "/2024/03/satu/ gone content/articles/2024/03/satu.md\n"
    entries, problems = parse_register(text)
    assert problems == []
    assert entries["/2024/03/satu/"] == Address("/2024/03/satu/", GONE,
                                                "content/articles/2024/03/satu.md")
    assert format_register(entries.values()).endswith(text)


@pytest.mark.parametrize("quick", [True, False])
def test_an_article_published_again_elsewhere_takes_its_gone_addresses_along(
        site: SiteMaker, make_site: Callable[[str], SiteMaker], quick: bool) -> None:
    # Given a story whose slug was corrected (its first address redirects), then deleted:
    # both addresses get the gone notice, each keeping the file
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    path = site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", slug="dua")
    site.build()
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", slug="dua-baru")
    site.build(quick=quick)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    site.build(quick=quick)
    file = "content/articles/2024/03/dua.md"
    assert [str(load_register(site.root).entries[u]) for u in ("/2024/03/dua/",
                                                               "/2024/03/dua-baru/")] == [
        f"/2024/03/dua/ gone {file}", f"/2024/03/dua-baru/ gone {file}"]
    # When the file comes back, published at a third address
    path.write_text(text.replace("slug: dua-baru", "slug: dua-lagi"), encoding="utf-8")
    site.build(quick=quick)
    # Then both earlier addresses lead to it, as on a fresh checkout
    entries = load_register(site.root).entries
    assert [str(entries[u]) for u in ("/2024/03/dua/", "/2024/03/dua-baru/")] == [
        "/2024/03/dua/ moved /2024/03/dua-lagi/", "/2024/03/dua-baru/ moved /2024/03/dua-lagi/"]
    assert 'url=/2024/03/dua-lagi/"' in site.read("2024/03/dua/index.html")
    assert "/2024/03/dua-baru/ /2024/03/dua-lagi/ 301" in site.read("_redirects")
    clean = fresh_checkout(site, make_site("clean"))
    clean.build()
    assert hashes(clean.output) == hashes(site.output)
    # And deleted again, each address gets the notice again, with the file
    path.unlink()
    site.build(quick=quick)
    entries = load_register(site.root).entries
    assert {str(entries[u]) for u in ("/2024/03/dua/", "/2024/03/dua-lagi/")} == {
        f"/2024/03/dua/ gone {file}", f"/2024/03/dua-lagi/ gone {file}"}


def test_an_address_twice_names_both_lines() -> None:
    _, problems = parse_register("/a/ gone\n/b/ gone\n/a/ moved /b/\n")
    assert [(p.line, p.message) for p in problems] == [
        (3, "the address /a/ is also on line 1")]


def test_a_build_stops_on_a_bad_register_and_names_the_line(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.write(REGISTER, "/2024/03/satu/ article content/articles/2024/03/satu.md\n"
                         "/x/ moved\n")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [str(p).split(" — ")[0] for p in caught.value.problems] == [
        f"{REGISTER}:2: `moved` needs what it points to"]
    assert not site.output.exists()


def test_a_redirect_loop_in_a_hand_edited_register_is_an_error(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.write(REGISTER, "/a/ moved /b/\n/b/ moved /a/\n")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert any("loop" in str(p) and "lines 1, 2" in str(p) for p in caught.value.problems)


def test_an_alias_clash_names_both_files(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", aliases="[/lama/]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", aliases="[/lama/]")
    with pytest.raises(ContentError) as caught:
        site.build()
    text = "\n".join(map(str, caught.value.problems))
    assert "content/articles/2024/03/dua.md" in text
    assert "content/articles/2024/03/satu.md" in text


def test_a_build_with_drafts_reads_the_register_but_does_not_change_it(
        site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build()
    before = (site.root / REGISTER).read_text()
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", draft="true")
    site.build(drafts=True, output_dir=site.root / "preview")
    assert (site.root / REGISTER).read_text() == before
    assert (site.root / "preview/2024/03/dua/index.html").exists()


def test_the_quick_path_adds_todays_news_to_the_register(site: SiteMaker) -> None:
    settings(site)
    # Eight tags on two articles each: a ninth with one article leaves the menu as it is.
    eight = "[A, B, C, D, E, F, G, H]"
    # (An alias already: the quick path plans a redirect page with a template the last
    # build used, whose key it keeps.)
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags=eight,
                 aliases="[/berita/1.html]")
    site.article("2024/03/nol", "Nol", "2024-02-29T09:00:00+07:00", tags=eight)
    site.build()
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[A, Banjir]",
                 aliases="[/berita/2.html]")
    quick = site.build()
    assert quick.quick
    text = (site.root / REGISTER).read_text()
    (site.root / REGISTER).unlink()  # the whole way, from nothing, writes the same
    site.build(quick=False)
    assert (site.root / REGISTER).read_text() == text
    assert "/2024/03/dua/ article content/articles/2024/03/dua.md\n" in text
    assert "/tag/banjir/ tag Banjir\n" in text
    assert "/berita/2.html moved /2024/03/dua/\n" in text


def test_a_hand_edited_register_sends_the_build_the_whole_way(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build()
    with (site.root / REGISTER).open("a") as register:
        register.write("/lama/satu/ moved /2024/03/satu/\n")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    result = site.build()
    assert not result.quick
    assert "2024/03/satu" in site.read("lama/satu/index.html")
    assert "/lama/satu/ /2024/03/satu/ 301" in site.read("_redirects")


def test_a_renamed_file_keeps_a_redirect(site: SiteMaker) -> None:
    path = site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="")
    site.build()
    path.rename(path.with_name("satu-baru.md"))
    site.build()
    entries = load_register(site.root).entries
    assert entries["/2024/03/satu/"] == Address("/2024/03/satu/", MOVED, "/2024/03/satu-baru/")
    assert "/2024/03/satu-baru/" in site.read("2024/03/satu/index.html")


def test_a_register_is_written_only_when_it_changes(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build()
    register: Path = site.root / REGISTER
    stamp = register.stat().st_mtime_ns
    site.article("2024/03/satu", "Satu Diperbaiki", "2024-03-01T09:00:00+07:00", slug="satu")
    site.build(quick=False)
    assert register.stat().st_mtime_ns == stamp


def test_a_renamed_tag_and_a_moved_article_in_one_build(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Wisata]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Budaya]")
    site.build()
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Budaya]",
                 slug="dua-baru")
    result = site.build()
    assert result.addresses.moved == (("/2024/03/dua/", "/2024/03/dua-baru/"),
                                      ("/tag/wisata/", "/tag/pariwisata/"))
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", MOVED, "/tag/pariwisata/")
    assert 'url=/tag/pariwisata/"' in site.read("tag/wisata/index.html")
    assert "/tag/wisata/ /tag/pariwisata/ 301" in site.read("_redirects")
    assert 'Redirect 301 "/tag/wisata/" "/tag/pariwisata/"' in site.read(".htaccess")
    assert '"/tag/wisata/" "/tag/pariwisata/";' in site.read("nginx-redirects.conf")


def test_a_list_that_ends_keeps_its_numbered_pages(site: SiteMaker) -> None:
    # Eight stories of three a page: pages 1 and 2 sealed, page 3 the newest.
    for day in range(1, 9):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Wisata]" if day > 1 else "[Wisata, Budaya]")
    site.build()
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", TAG, "Wisata")
    assert entries["/2024/03/"] == Address("/2024/03/", MONTH, "2024-03")
    assert entries["/2024/"] == Address("/2024/", YEAR, "2024")
    assert not [url for url in entries if "/page/" in url]  # (list-pages.txt knows them)
    assert (site.output / "tag/wisata/page/2/index.html").is_file()
    # The tag renamed, the only story of another tag deleted.
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    (site.root / "content/articles/2024/03/hari-1.md").unlink()
    site.build()
    entries = load_register(site.root).entries
    for number in (1, 2, 3):
        url = f"/tag/wisata/page/{number}/"
        assert entries[url] == Address(url, MOVED, "/tag/pariwisata/")
        assert 'url=/tag/pariwisata/"' in site.read(url.strip("/") + "/index.html")
        assert f"{url} /tag/pariwisata/ 301" in site.read("_redirects")
    assert "/tag/wisata/page/4/" not in entries
    assert entries["/tag/budaya/page/1/"] == Address("/tag/budaya/page/1/", GONE)
    assert "/tag/budaya/page/1/ /410.html 410!" in site.read("_redirects")
    # A fresh checkout (the register and the content only) answers the same.
    fresh = SiteMaker(site.root.parent / "fresh")
    for part in ("content", "site.toml"):
        copy = shutil.copytree if (site.root / part).is_dir() else shutil.copy
        copy(site.root / part, fresh.root / part)  # type: ignore[operator]
    fresh.build()
    assert fresh.read("tag/wisata/page/2/index.html") == site.read("tag/wisata/page/2/index.html")


def test_a_list_that_comes_back_keeps_the_numbers_it_does_not_reach(
        site: SiteMaker) -> None:
    # Given a tag of three pages, renamed: its numbers lead to the new tag
    for day in range(1, 9):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Wisata]")
    site.build()
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml + '\n[tag_aliases]\n"wisata" = "Pariwisata"\n')
    site.build()
    # When the rename is undone, with two articles left on the old tag
    site.write("site.toml", toml)
    for day in range(3, 9):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Pariwisata]")
    site.build()
    # Then its page 1 is its own again; pages 2 and 3 still lead to the other tag
    entries = load_register(site.root).entries
    assert "/tag/wisata/page/1/" not in entries
    for number in (2, 3):
        url = f"/tag/wisata/page/{number}/"
        assert entries[url] == Address(url, MOVED, "/tag/pariwisata/")
        assert 'url=/tag/pariwisata/"' in site.read(url.strip("/") + "/index.html")
    # And when it grows to page 2 again (the quick path steps aside), that is its own
    for day in (10, 11):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-{day}T09:00:00+07:00",
                     tags="[Wisata]")
    assert not site.build().quick
    entries = load_register(site.root).entries
    assert "/tag/wisata/page/2/" not in entries and "/tag/wisata/page/3/" in entries
    assert 'url=/tag/wisata/"' in site.read("tag/wisata/page/2/index.html")  # (the newest)


def test_a_list_that_comes_back_is_paginated_once(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a tag that ended, with many lines at its numbers (an archive's worth)
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Wisata]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Kota]")
    site.build()
    text = (site.root / REGISTER).read_text()
    site.write(REGISTER, text + "".join(f"/tag/kota/page/{n}/ gone\n" for n in range(2, 200))
               + "/tag/kota/page/01/ gone\n")
    # When the build resolves them against the live tag
    calls: list[int] = []
    seal = list_addresses.seal

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return seal(*args, **kwargs)

    monkeypatch.setattr(list_addresses, "seal", counting)
    site.build(quick=False)
    # Then the tag was paginated once, and every line it does not reach is kept (a
    # number written another way too: no list plans it)
    assert len(calls) == 1
    entries = load_register(site.root).entries
    assert "/tag/kota/page/199/" in entries and "/tag/kota/page/01/" in entries
    assert "/tag/kota/page/2/" in entries  # (one article: page 1 only)


def test_author_pages_switched_off_end_the_authors_feeds_too(site: SiteMaker) -> None:
    site.article("2024/03/a", "A", "2024-03-01T09:00:00+07:00", authors="[Adt]")
    site.build()
    assert (site.output / "author/adt/feed.xml").is_file()
    settings(site, outputs="author_pages = false")
    site.build()
    entries = load_register(site.root).entries
    assert entries["/author/adt/"].kind == GONE
    assert entries["/author/adt/feed.xml"].kind == GONE
    assert "/author/adt/feed.xml /410.html 410!" in site.read("_redirects")


def test_an_alias_at_an_ended_lists_address_takes_its_numbers_too(site: SiteMaker) -> None:
    for day in range(1, 5):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Wisata]")
    site.build()
    for day in range(1, 5):
        site.article(f"2024/03/hari-{day}", f"Hari {day}", f"2024-03-0{day}T09:00:00+07:00",
                     **({"aliases": "[/tag/wisata/]"} if day == 4 else {}))
    site.build()
    entries = load_register(site.root).entries
    assert entries["/tag/wisata/"] == Address("/tag/wisata/", MOVED, "/2024/03/hari-4/")
    for number in (1, 2):
        url = f"/tag/wisata/page/{number}/"
        assert entries[url] == Address(url, MOVED, "/2024/03/hari-4/")


def test_a_year_that_ends_leaves_no_numbered_pages(site: SiteMaker) -> None:
    site.article("2023/05/a", "A", "2023-05-01T09:00:00+07:00")
    site.article("2024/03/b", "B", "2024-03-01T09:00:00+07:00")
    site.build()
    (site.root / "content/articles/2023/05/a.md").unlink()
    site.build()
    entries = load_register(site.root).entries
    assert entries["/2023/"] == Address("/2023/", GONE)
    assert entries["/2023/05/page/1/"] == Address("/2023/05/page/1/", GONE)
    assert "/2023/page/1/" not in entries


def test_the_indexes_a_setting_switches_off_keep_their_addresses(site: SiteMaker) -> None:
    # Given a site with the archive by month and the search page (not indexed here)
    site.write("site.toml", (site.root / "site.toml").read_text().replace(
        "search = false", "search = true"))
    site.article("2024/03/b", "B", "2024-03-01T09:00:00+07:00")
    site.build(index_search=False)
    entries = load_register(site.root).entries
    assert entries["/arsip/tahun/"] == Address("/arsip/tahun/", INDEX, "years")
    assert entries["/cari/"] == Address("/cari/", INDEX, "search")
    # When both are switched off
    site.write("site.toml", (site.root / "site.toml").read_text().replace(
        "search = true", "search = false\ndate_archives = false"))
    result = site.build()
    # Then the archive by month leads to the archive, and the search page leaves the
    # notice, on the host rules too
    entries = load_register(site.root).entries
    assert entries["/arsip/tahun/"] == Address("/arsip/tahun/", MOVED, "/arsip/")
    assert entries["/cari/"] == Address("/cari/", GONE)
    assert 'url=/arsip/"' in site.read("arsip/tahun/index.html")
    assert "<title>Arsip</title>" in site.read("arsip/tahun/index.html")  # (translated)
    assert "/cari/ /410.html 410!" in site.read("_redirects")
    assert ("/arsip/tahun/", "/arsip/") in result.addresses.moved
    # And switched on again, they answer again
    site.write("site.toml", (site.root / "site.toml").read_text().replace(
        "date_archives = false", "date_archives = true"))
    site.build()
    assert load_register(site.root).entries["/arsip/tahun/"].kind == INDEX
    assert "Arsip per bulan" in site.read("arsip/tahun/index.html")


@pytest.mark.parametrize("line", ["/2019/02/ month foo", "/2019/03/ month 2019-02",
                                  "/2019/ author Hmz", "/tag/a/b/ tag A", "/2019/ year 19",
                                  "/cari/ index years", "/arsip/tahun/ index arsip"])
def test_a_list_line_at_another_address_is_an_error(site: SiteMaker, line: str) -> None:
    site.article("2024/03/b", "B", "2024-03-01T09:00:00+07:00")
    site.build()
    text = (site.root / REGISTER).read_text()
    site.write(REGISTER, text + line + "\n")
    with pytest.raises(ContentError) as raised:
        site.build()
    problem = raised.value.problems[0]
    assert problem.path == REGISTER and problem.line == len(text.splitlines()) + 1
    assert "is not the address of the" in str(problem.message)


def test_todays_news_registers_the_lists_it_opens_as_the_whole_way(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.build()
    site.article("2025/01/dua", "Dua", "2025-01-02T09:00:00+07:00", tags="[Pasar]",
                 authors="[Adt]")
    assert site.build().quick
    quick = (site.root / REGISTER).read_text()
    for line in ("/2025/ year 2025", "/2025/01/ month 2025-01", "/tag/pasar/ tag Pasar",
                 "/author/adt/ author Adt"):
        assert line + "\n" in quick
    (site.root / REGISTER).unlink()
    site.build(quick=False)
    assert (site.root / REGISTER).read_text() == quick


def test_todays_news_at_a_gone_address_takes_the_whole_way(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    path = site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    site.build()
    path.unlink()
    site.build()
    assert load_register(site.root).entries["/2024/03/dua/"].kind == GONE
    # A new article takes the address again: the notice and its 410 rule must go.
    site.article("2024/03/dua", "Dua Lagi", "2024-03-03T09:00:00+07:00", slug="dua")
    result = site.build()
    assert not result.quick
    assert load_register(site.root).entries["/2024/03/dua/"].kind == "article"
    assert "Dua Lagi" in site.read("2024/03/dua/index.html")
    # No redirect or gone address is left: no rules, no notice.
    assert not (site.output / "_redirects").exists()
    assert not (site.output / "410.html").exists()


def test_check_shows_what_the_build_will_keep_before_publishing(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="satu")
    path = site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    site.build()
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="satu-baru")
    path.unlink()
    checked = CliRunner().invoke(main, ["check", "--site", str(site.root)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines()[:2] == [  # (the test site's language: Indonesian)
        "dipindah: /2024/03/satu/ \u2192 /2024/03/satu-baru/ (pengalihan disimpan)",
        "tak tersedia: /2024/03/dua/ (halaman pemberitahuan disimpan)"]
    # `warta check` writes nothing: the build that publishes says it again (in English
    # on an English site), naming the article it moved as if no check had run
    # (cache/held_records.py).
    assert load_register(site.root).entries["/2024/03/satu/"].kind == "article"
    config = site.root / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'language = "id"', 'language = "en"'), encoding="utf-8")
    built = CliRunner().invoke(main, ["build", "--site", str(site.root)])
    assert built.stdout.splitlines()[:2] == [
        "moved: Satu (/2024/03/satu/ \u2192 /2024/03/satu-baru/) (redirect kept)",
        "removed: Dua (/2024/03/dua/) (gone page kept)"]


def test_a_register_edited_by_hand_is_written_again_in_order(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    site.build()
    register = site.root / REGISTER
    written = register.read_text()
    lines = written.splitlines()
    register.write_bytes("\r\n".join(reversed(lines)).encode() + b"\r\n")
    site.build()
    assert register.read_text() == written
    # A register as a build writes it is left alone.
    assert is_formatted(written) and not is_formatted(written.replace("\n", "\r\n"))


def test_a_page_given_a_new_slug_redirects(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang Kami\n---\nKami.\n")
    site.build()
    assert load_register(site.root).entries["/tentang/"].kind == "page"
    site.write("content/pages/tentang.md", "---\ntitle: Tentang Kami\nslug: redaksi\n---\nKami.\n")
    result = site.build()
    assert result.addresses.moved == (("/tentang/", "/redaksi/"),)
    page = site.read("tentang/index.html")
    assert 'url=/redaksi/"' in page and "<title>Tentang Kami</title>" in page
    assert "/tentang/ /redaksi/ 301" in site.read("_redirects")


def test_a_story_filed_late_has_its_own_kind_of_line() -> None:
    entries, problems = parse_register(
        "/2024/03/dua/ late 2024-03-03T09:00:00+07:00 content/articles/dua 2.md\n"
        "/2024/03/satu/ article a.md\n")
    assert problems == []
    assert entries["/2024/03/dua/"] == Address(
        "/2024/03/dua/", LATE, "2024-03-03T09:00:00+07:00 content/articles/dua 2.md")
    assert article_file(entries["/2024/03/dua/"]) == "content/articles/dua 2.md"
    assert parse_register(format_register(entries.values()))[0] == entries
    # (the date it came after is part of the line)
    _, problems = parse_register("/2024/03/dua/ late content/articles/dua.md\n")
    assert [p.line for p in problems] == [1] and "is late, but" in str(problems[0].message)


def test_the_register_knows_an_article_by_its_file_its_old_file_or_its_address() -> None:
    entries, _ = parse_register("/a/ article a.md\n/b/ late 2024-03-03T09:00:00+07:00 b.md\n"
                                "/c/ late 2024-03-04T09:00:00+07:00 c.md\n"
                                "/d/ article d.md\n/e/ moved /a/\n")
    found = registered_articles(entries, [("a.md", "/a/"), ("b2.md", "/b2/"), ("c2.md", "/c/"),
                                          ("new.md", "/new/"), ("e.md", "/e/")],
                                renamed={"b.md": "b2.md"})
    # (renamed: b; at its address: c; a redirect's address is not an article's)
    assert found == Registered(frozenset({"a.md", "b2.md", "c2.md"}), {
        "b2.md": datetime.fromisoformat("2024-03-03T09:00:00+07:00"),
        "c2.md": datetime.fromisoformat("2024-03-04T09:00:00+07:00")})


def _fresh_checkout(site: SiteMaker, root: Path, **options: object) -> SiteMaker:
    """The site's sources (its register among them) in `root`, built from nothing (with
    these build `options`)."""
    fresh = SiteMaker(root)
    for path in site.root.rglob("*"):
        relative = path.relative_to(site.root)
        if path.is_file() and relative.parts[0] not in ("output", ".warta"):
            fresh.write(relative.as_posix(), path.read_bytes())
    fresh.build(**options)
    return fresh


def _related(site: SiteMaker, page: str) -> str:
    html = site.read(page)
    return html[html.find('class="related"'):html.find("</section>", html.find('class="related"'))]


@pytest.mark.parametrize("quick", [True, False])
def test_a_story_filed_late_is_registered_late_and_joins_no_earlier_page(
        site: SiteMaker, tmp_path: Path, quick: bool) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    site.build()
    tiga = _related(site, "2024/03/tiga/index.html")
    assert "/2024/03/satu/" in tiga
    # When a story dated between the two is published after them
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    assert site.build(quick=quick).quick == quick
    # Then the register says it came late, and the later article's related news are as
    # they were (only its neighbour link moves): chosen when it was published
    entries = load_register(site.root).entries
    assert entries["/2024/03/dua/"].kind == LATE
    assert entries["/2024/03/tiga/"].kind == ARTICLE
    assert _related(site, "2024/03/tiga/index.html") == tiga
    assert "/2024/03/satu/" in _related(site, "2024/03/dua/index.html")
    # And a fresh checkout (no output, no cache) reads the register and builds the same
    fresh = _fresh_checkout(site, tmp_path / "fresh")
    assert fresh.snapshot().keys() == site.snapshot().keys()
    assert all(fresh.read(name) == site.read(name) for name in site.snapshot())
    assert (fresh.root / REGISTER).read_text() == (site.root / REGISTER).read_text()


def test_todays_story_and_every_article_of_a_first_build_are_not_late(
        site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    site.build()
    site.article("2024/03/empat", "Empat", "2024-03-04T09:00:00+07:00", tags="[Banjir]")
    site.build()
    assert {a.kind for a in load_register(site.root).entries.values()
            if a.url.startswith("/2024/") and a.kind not in LISTS} == {ARTICLE}
    assert "/2024/03/tiga/" in _related(site, "2024/03/empat/index.html")


def _preview(site: SiteMaker, **options: object) -> BuildResult:
    """A build as `warta serve`'s preview makes it: into its own folder, the register
    read and never written."""
    return site.build(output_dir=site.root / "preview", keep_register=False, **options)


def test_the_preview_dates_a_story_in_quickly_as_the_whole_way_would(
        site: SiteMaker, tmp_path: Path) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    site.build()
    _preview(site)
    register = (site.root / REGISTER).read_text()
    # A story dated before the newest article `warta build` published is late: quick
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    assert _preview(site).quick
    preview = {p.relative_to(site.root / "preview"): p.read_bytes()
               for p in (site.root / "preview").rglob("*") if p.is_file()}
    # (the whole way, from nothing, gives the same preview)
    whole = site.build(output_dir=tmp_path / "whole", keep_register=False, quick=False)
    assert not whole.quick
    assert preview == {p.relative_to(tmp_path / "whole"): p.read_bytes()
                       for p in (tmp_path / "whole").rglob("*") if p.is_file()}
    assert (site.root / REGISTER).read_text() == register
    assert "/2024/03/dua/" not in _related(site, "../preview/2024/03/tiga/index.html")


def test_a_preview_story_dated_after_the_published_ones_is_not_late(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.build()
    site.article("2024/03/empat", "Empat", "2024-03-04T09:00:00+07:00", tags="[Banjir]")
    assert _preview(site).quick is False  # (the preview's first build)
    # Dated before the newest previewed, after the newest published: not late, as
    # `warta build` will take it, so it goes the whole way
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    assert not _preview(site).quick
    assert "/2024/03/dua/" in _related(site, "../preview/2024/03/empat/index.html")
    site.build()
    assert {a.kind for a in load_register(site.root).entries.values()
            if a.url.startswith("/2024/") and a.kind not in LISTS} == {ARTICLE}


def test_a_register_that_no_longer_says_late_plans_the_related_news_again(
        site: SiteMaker, tmp_path: Path) -> None:
    for day, name in ((1, "satu"), (3, "tiga"), (4, "empat")):
        site.article(f"2024/03/{name}", name.title(), f"2024-03-0{day}T09:00:00+07:00",
                     tags="[Banjir]")
    site.build()
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    site.build(quick=False)  # (the plan's memo is stored with the story late)
    assert "/2024/03/dua/" not in _related(site, "2024/03/tiga/index.html")
    # When the register is edited by hand to say it came in time, the pages follow it
    register = site.root / REGISTER
    register.write_text(register.read_text().replace(" late ", " article "))
    site.build()
    assert "/2024/03/dua/" in _related(site, "2024/03/tiga/index.html")


def test_stories_imported_together_relate_to_each_other_and_later_news_to_them(
        site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    site.build()
    # When an old archive is imported into the site, all in one build
    for n in range(1, 4):
        site.article(f"2019/05/lama{n}", f"Lama {n}", f"2019-05-0{n}T09:00:00+07:00",
                     tags="[Banjir]")
    site.build()
    # Then each is late, after the newest article then, and relates to those before it
    lines = load_register(site.root).entries
    assert lines["/2019/05/lama-3/"].target.startswith("2024-03-02T09:00:00+07:00 ")
    assert "/2019/05/lama-2/" in _related(site, "2019/05/lama-3/index.html")
    # but not to the articles published before it, whose pages keep their related news
    assert "/2019/05/" not in _related(site, "2024/03/dua/index.html")
    # And today's news, published after them, may pick them
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir, Lama]")
    site.article("2019/05/lama1", "Lama 1", "2019-05-01T09:00:00+07:00", tags="[Banjir, Lama]")
    site.build()
    assert "/2019/05/lama-1/" in _related(site, "2024/03/tiga/index.html")


def _two_built(site: SiteMaker) -> None:
    """Two articles of one tag, four days apart, built (the register knows them)."""
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/lima", "Lima", "2024-03-05T09:00:00+07:00", tags="[Banjir]")
    site.build()


def test_stories_filed_late_one_build_after_another_each_take_the_quick_path(
        site: SiteMaker, tmp_path: Path) -> None:
    _two_built(site)
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    assert site.build().quick
    tiga = _related(site, "2024/03/tiga/index.html")
    # When another is filed before it, with no news between
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")
    assert site.build().quick
    # Then it comes after the first (filed later), which keeps its related news
    lines = load_register(site.root).entries
    assert lines["/2024/03/tiga/"].target.startswith("2024-03-05T09:00:00+07:00 ")
    assert lines["/2024/03/dua/"].target.startswith("2024-03-05T09:00:00.000001+07:00 ")
    assert _related(site, "2024/03/tiga/index.html") == tiga
    # And a fresh checkout builds the same pages
    fresh = _fresh_checkout(site, tmp_path / "fresh")
    assert all(fresh.read(name) == site.read(name) for name in site.snapshot())


def test_stories_filed_late_in_builds_that_keep_no_register_relate_as_a_fresh_build_says(
        site: SiteMaker, tmp_path: Path) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]")
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Pasar]")
    site.article("2024/03/lima", "Lima", "2024-03-05T09:00:00+07:00", tags="[Banjir]")
    site.build()
    site.build(drafts=True)
    # When a story filed late is previewed with the drafts (`warta build --drafts`
    # writes no register), and another of its tag before it with no news between
    # (not its neighbour: an article is between them)
    site.article("2024/03/empat", "Empat", "2024-03-04T09:00:00+07:00", tags="[Langka]")
    assert site.build(drafts=True).quick
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", tags="[Langka]")
    site.build(drafts=True)
    # Then the register knows neither: both come after the same date, as stories filed
    # together, so the first now relates to the second, and its page says so (as a
    # fresh checkout builds it)
    assert "/2024/03/dua/" in _related(site, "2024/03/empat/index.html")
    fresh = _fresh_checkout(site, tmp_path / "fresh", drafts=True)
    assert all(fresh.read(name) == site.read(name) for name in site.snapshot())


def test_a_build_after_one_that_kept_no_register_tells_the_register_what_it_missed(
        site: SiteMaker, tmp_path: Path) -> None:
    _two_built(site)
    # When a build that keeps no register (an embedding tool's) takes a story filed
    # late and today's news, and the next build, which keeps it, today's news again
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00", tags="[Langka]")
    site.article("2024/03/enam", "Enam", "2024-03-06T09:00:00+07:00", tags="[Langka]")
    site.build(keep_register=False)
    site.article("2024/03/tujuh", "Tujuh", "2024-03-07T09:00:00+07:00", tags="[Langka]")
    site.build()
    # Then the register has the two it did not know, the first late, and every page is
    # as a fresh checkout builds it
    lines = load_register(site.root).entries
    assert lines["/2024/03/tiga/"].target.startswith("2024-03-05T09:00:00+07:00 ")
    assert "/2024/03/enam/" in lines
    fresh = _fresh_checkout(site, tmp_path / "fresh")
    assert all(fresh.read(name) == site.read(name) for name in site.snapshot())


def test_the_date_a_late_story_comes_after_is_written_with_a_fixed_offset() -> None:
    # A microsecond past the newest article, next to a change of daylight saving: a
    # zone's date and the offset a fresh checkout reads back give one line
    zone = ZoneInfo("Europe/Amsterdam")
    newest = datetime(2024, 10, 27, 2, 59, 59, 999999, tzinfo=zone)
    read_back = datetime.fromisoformat(newest.isoformat())
    assert filed_after(newest, [newest]).isoformat() == filed_after(
        read_back, [read_back]).isoformat() == "2024-10-27T03:00:00+02:00"
    assert filed_after(newest, []).isoformat() == read_back.isoformat()
