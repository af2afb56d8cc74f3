"""Two editors' branches merged (content/merge_conflicts.py): the lock files' conflicts
read with both sides, an article's conflict an error at its line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.config.parse import parse_config
from generator.content.list_pages import LIST_PAGES, parse_list_pages
from generator.content.merge_conflicts import Sides, sides, unresolved
from generator.content.register import REGISTER, is_formatted, parse_register
from generator.errors import ConfigError, ContentError, Problem
from tests.conftest import SiteMaker, git, hashes

CONFLICT = """\
/a/ gone
<<<<<<< HEAD
/b/ article content/articles/b.md
=======
/c/ article content/articles/c.md
>>>>>>> budi
/d/ gone
"""


def test_a_conflict_splits_into_both_sides_each_line_at_its_number() -> None:
    split = sides(CONFLICT, REGISTER)
    assert split == Sides(
        ours="/a/ gone\n\n/b/ article content/articles/b.md\n\n\n\n/d/ gone\n",
        theirs="/a/ gone\n\n\n\n/c/ article content/articles/c.md\n\n/d/ gone\n",
        conflicts=((2, 6),))


def test_the_common_version_of_diff3_belongs_to_neither_side() -> None:
    text = "<<<<<<< HEAD\nours\n||||||| base\nold\n=======\ntheirs\n>>>>>>> budi\n"
    split = sides(text, REGISTER)
    assert isinstance(split, Sides)
    assert split.ours.split() == ["ours"] and split.theirs.split() == ["theirs"]


@pytest.mark.parametrize(("text", "line"), [
    ("/a/ gone\n<<<<<<< HEAD\n/b/ gone\n", 2),  # (never closed)
    ("/a/ gone\n=======\n/b/ gone\n", 2),  # (a middle without a start)
    ("<<<<<<< HEAD\n/a/ gone\n>>>>>>> budi\n", 3),  # (no middle)
])
def test_marks_out_of_order_are_an_error_at_the_line(text: str, line: int) -> None:
    found = sides(text, REGISTER)
    assert isinstance(found, Problem) and found.is_error and found.line == line
    assert "merge conflict" in str(found)
    _, problems = parse_register(text)
    assert problems == [found]


def test_the_register_keeps_the_addresses_of_both_sides() -> None:
    entries, problems = parse_register(CONFLICT)
    assert sorted(entries) == ["/a/", "/b/", "/c/", "/d/"]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "lines 2-6" in str(problems[0]) and "git add content/published-urls.txt" in str(
        problems[0])
    assert (entries["/c/"].line, entries["/d/"].line) == (5, 7)


@pytest.mark.parametrize(("ours", "theirs", "kept"), [
    # a page answering there first (the build then decides from the merged content)...
    ("/x/ article content/articles/x.md", "/x/ moved /y/", "/x/ article content/articles/x.md"),
    ("/x/ gone content/articles/x.md", "/x/ article content/articles/z.md",
     "/x/ article content/articles/z.md"),
    ("/x/ article content/articles/x.md",
     "/x/ late 2024-03-05T08:00:00+07:00 content/articles/x.md",
     "/x/ late 2024-03-05T08:00:00+07:00 content/articles/x.md"),
    # ... then a redirect, then a notice; of one kind, the line sorting first
    ("/x/ gone", "/x/ moved /y/", "/x/ moved /y/"),
    ("/x/ gone", "/x/ gone content/articles/x.md", "/x/ gone content/articles/x.md"),
    ("/x/ moved /z/", "/x/ moved /y/", "/x/ moved /y/"),
])
def test_an_address_both_sides_changed_keeps_one_line_whichever_side_is_ours(
        ours: str, theirs: str, kept: str) -> None:
    for first, second in ((ours, theirs), (theirs, ours)):
        text = f"<<<<<<< HEAD\n{first}\n=======\n{second}\n>>>>>>> budi\n"
        entries, _ = parse_register(text)
        assert [str(a) for a in entries.values()] == [kept]


def test_the_sealed_pages_of_a_list_both_sides_sealed_come_from_one_side() -> None:
    # Given a list whose second page each side sealed at its own story, and a list only
    # one side sealed
    ours = ("/arsip/page/1/ 2024-03-01T08:00:00+07:00 content/articles/a.md\n"
            "/arsip/page/2/ 2024-03-09T08:00:00+07:00 content/articles/m.md\n")
    theirs = ("/arsip/page/1/ 2024-03-01T08:00:00+07:00 content/articles/a.md\n"
              "/arsip/page/2/ 2024-03-08T08:00:00+07:00 content/articles/b.md\n"
              "/tag/x/page/1/ 2024-03-08T08:00:00+07:00 content/articles/b.md\n")
    for first, second in ((ours, theirs), (theirs, ours)):
        boundaries, problems = parse_list_pages(
            f"<<<<<<< HEAD\n{first}=======\n{second}>>>>>>> budi\n")
        # Then of the list both sealed, the pages sealed earlier (as many, in order); the
        # other list's as sealed; and a warning, no error
        assert [key[1] for key in boundaries["/arsip/"]] == [
            "content/articles/a.md", "content/articles/b.md"]
        assert [key[1] for key in boundaries["/tag/x/"]] == ["content/articles/b.md"]
        assert [p.severity for p in problems] == ["warning"]
    # ... and of a list one side sealed more pages of, that side's
    longer = ours + "/arsip/page/3/ 2024-03-20T08:00:00+07:00 content/articles/n.md\n"
    boundaries, _ = parse_list_pages(f"<<<<<<< HEAD\n{theirs}=======\n{longer}>>>>>>> x\n")
    assert len(boundaries["/arsip/"]) == 3


def test_a_conflict_left_in_an_article_is_an_error_at_its_first_mark(site: SiteMaker) -> None:
    # Given a published site, then an article whose merge left git's marks in the text
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.build()
    before = hashes(site.output)
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00", body=(
        "Paragraf pembuka.\n\n<<<<<<< HEAD\nKorban tiga orang.\n=======\n"
        "Korban empat orang.\n>>>>>>> budi\n"))
    # When it is built, Then the build stops at the mark's line, the site as it was
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [(p.path, p.line) for p in caught.value.problems] == [
        ("content/articles/2024/03/dua.md", 7)]
    assert "merge conflict" in str(caught.value.problems[0])
    assert hashes(site.output) == before


def test_a_conflict_left_in_site_toml_is_an_error_at_its_first_mark() -> None:
    text = ('base_url = "https://kabar.example/"\n<<<<<<< HEAD\ntitle = "Kabar A"\n'
            '=======\ntitle = "Kabar B"\n>>>>>>> budi\n')
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    assert [(p.path, p.line) for p in caught.value.problems] == [("site.toml", 2)]
    assert "merge conflict" in str(caught.value.problems[0])


def test_a_heading_underlined_with_seven_signs_is_no_conflict() -> None:
    assert unresolved("Kronologi\n=======\n\nTeks.\n> > > > > > > kutipan\n", "a.md") is None
    assert unresolved("<<<<<<< HEAD\nteks tanpa akhir\n", "a.md") is None


# Two editors, one repository ------------------------------------------------------------

def _story(site: SiteMaker, name: str, day: int) -> None:
    site.article(f"2024/03/{name}", name.replace("-", " ").title(),
                 f"2024-03-{day:02d}T08:00:00+07:00", slug="", tags="[Banjir]")


def _published(site: SiteMaker, message: str) -> None:
    site.build()
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", message)


def test_two_editors_branches_merge_and_build_with_every_address(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a published archive in git; one editor files two stories on a branch, the
    # other two more and a slug correction on main, each building and committing
    git(site.root, "init", "-q", "-b", "main")
    (site.root / ".gitignore").write_text("output/\n.warta/\n", encoding="utf-8")
    for day, name in enumerate(("apel-pagi", "banjir-rob", "cuaca-ekstrem", "dam-jebol"), 1):
        _story(site, name, day)
    _published(site, "Arsip")
    git(site.root, "checkout", "-q", "-b", "budi")
    _story(site, "evakuasi-warga", 10)
    _story(site, "posko-darurat", 11)
    _published(site, "Budi: dua berita")
    budi = (site.root / REGISTER).read_text(encoding="utf-8")
    git(site.root, "checkout", "-q", "main")
    _story(site, "rapat-dprd", 12)
    _story(site, "sekolah-libur", 13)
    site.write("content/articles/2024/03/apel-pagi.md", (
        site.root / "content/articles/2024/03/apel-pagi.md").read_text(
            encoding="utf-8").replace("title:", "slug: apel-pagi-gabungan\ntitle:"))
    _published(site, "Ani: dua berita, satu slug")
    ani = (site.root / REGISTER).read_text(encoding="utf-8")
    # When main merges the branch: git stops on both lock files...
    merging = subprocess.run(["git", "-C", str(site.root), "-c", "user.name=R", "-c",
                              "user.email=r@x", "merge", "-q", "budi"], capture_output=True,
                             text=True)
    assert merging.returncode != 0
    unmerged = git(site.root, "diff", "--name-only", "--diff-filter=U").split()
    assert sorted(unmerged) == [LIST_PAGES, REGISTER]
    # ... and the editor builds
    result = site.build()
    # Then the build says so of each lock file, and writes each whole, without marks
    assert sorted(p.path for p in result.warnings if "merge conflict" in str(p)) == [
        LIST_PAGES, REGISTER]
    register = (site.root / REGISTER).read_text(encoding="utf-8")
    assert is_formatted(register) and "<<<<<<<" not in register
    assert "<<<<<<<" not in (site.root / LIST_PAGES).read_text(encoding="utf-8")
    # ... every address either side published answers, the four new stories' as pages,
    # the corrected slug's old address with its redirect
    for line in {*budi.splitlines(), *ani.splitlines()}:
        if line.startswith("/"):
            address = line.split()[0]
            assert (site.output / address.lstrip("/") / "index.html").is_file(), address
    for name in ("evakuasi-warga", "posko-darurat", "rapat-dprd", "sekolah-libur"):
        assert f"/2024/03/{name}/ article content/articles/2024/03/{name}.md\n" in register
    assert "/2024/03/apel-pagi/ moved /2024/03/apel-pagi-gabungan/\n" in register
    # ... and once the merge is committed, a fresh clone builds the same site
    git(site.root, "add", REGISTER, LIST_PAGES)
    git(site.root, "commit", "-q", "--no-edit")
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", f"file://{site.root}", str(clone)], check=True)
    fresh = SiteMaker.__new__(SiteMaker)
    fresh.root = clone
    fresh.build()
    assert hashes(clone / "output") == hashes(site.output)
    assert git(clone, "status", "--porcelain") == ""
