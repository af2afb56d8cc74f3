"""A file renamed in a commit, built on a fresh clone (a CI machine publishing the site):
git remembers the old file's text where no cache holds its record (build/renames.py),
so the old address keeps a redirect, as on the editor's own copy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.build.addresses import load_register
from generator.build.renames import old_texts
from generator.content.register import GONE, MOVED
from tests.conftest import SiteMaker, git, hashes

STORY = "content/articles/2024/03/banjir-sumberjaya.md"
RENAMED = "content/articles/2024/03/banjir-tiga-kelurahan.md"


def _published(site: SiteMaker) -> None:
    """A story without `slug:` (its address is its file name's), built and committed
    with the register, as an editor commits a build."""
    git(site.root, "init", "-q")
    site.article("2024/03/lama", "Lama", "2024-03-01T08:00:00+07:00")
    site.article("2024/03/banjir-sumberjaya", "Banjir di Sumberjaya",
                 "2024-03-05T08:00:00+07:00", slug="",
                 body="Banjir setinggi lutut melanda tiga kelurahan.\n")
    site.build()
    (site.root / ".gitignore").write_text("output/\n.warta/\n", encoding="utf-8")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "Banjir")


def _clone(site: SiteMaker, into: Path, *options: str) -> SiteMaker:
    subprocess.run(["git", "clone", "-q", *options, f"file://{site.root}", str(into)],
                   capture_output=True, check=True)
    return _maker(into)


def _maker(root: Path) -> SiteMaker:
    maker = SiteMaker.__new__(SiteMaker)
    maker.root = root  # (its own site.toml, from the clone: not written again)
    return maker


def test_a_rename_committed_and_built_on_a_fresh_clone_keeps_a_redirect(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a published story, renamed in a commit, and a fresh clone of that commit
    _published(site)
    git(site.root, "mv", STORY, RENAMED)
    git(site.root, "commit", "-q", "-m", "Nama berkas diperbaiki")
    clone = _clone(site, tmp_path / "ci")
    # When the clone is built (no cache: a CI machine)
    result = clone.build()
    # Then the old address leads to the new one, as the editor's own build leads it
    entries = load_register(clone.root).entries
    assert entries["/2024/03/banjir-sumberjaya/"].kind == MOVED
    assert entries["/2024/03/banjir-sumberjaya/"].target == "/2024/03/banjir-tiga-kelurahan/"
    assert ("/2024/03/banjir-sumberjaya/", "/2024/03/banjir-tiga-kelurahan/") in \
        result.addresses.moved
    site.build()
    assert hashes(clone.output) == hashes(site.output)
    assert load_register(clone.root).entries == load_register(site.root).entries


def test_a_rename_not_yet_committed_is_found_in_head(site: SiteMaker, tmp_path: Path) -> None:
    # (an editor's new laptop: a fresh clone, the file renamed with the file manager and
    # its title corrected too, then built before committing)
    _published(site)
    clone = _clone(site, tmp_path / "laptop")
    (clone.root / STORY).rename(clone.root / RENAMED)
    text = (clone.root / RENAMED).read_text(encoding="utf-8")
    (clone.root / RENAMED).write_text(text.replace("Banjir di Sumberjaya", "Banjir Rendam "
                                                   "Tiga Kelurahan"), encoding="utf-8")
    clone.build()
    assert load_register(clone.root).entries["/2024/03/banjir-sumberjaya/"].kind == MOVED


def test_without_the_history_the_old_address_answers_the_gone_notice(
        site: SiteMaker, tmp_path: Path) -> None:
    # (a shallow clone, as a CI checkout of depth 1 makes: the commit before the rename
    # is not there; docs/deploy.md asks for the whole history)
    _published(site)
    git(site.root, "mv", STORY, RENAMED)
    git(site.root, "commit", "-q", "-m", "Nama berkas diperbaiki")
    shallow = _clone(site, tmp_path / "shallow", "--depth", "1")
    shallow.build()
    assert load_register(shallow.root).entries["/2024/03/banjir-sumberjaya/"].kind == GONE


def test_a_deleted_file_is_gone_though_git_remembers_it(site: SiteMaker,
                                                        tmp_path: Path) -> None:
    _published(site)
    git(site.root, "rm", "-q", STORY)
    git(site.root, "commit", "-q", "-m", "Dihapus")
    clone = _clone(site, tmp_path / "ci")
    clone.build()
    assert load_register(clone.root).entries["/2024/03/banjir-sumberjaya/"].kind == GONE


def test_old_texts_reads_head_then_before_the_commit_that_took_a_file_away(
        site: SiteMaker, tmp_path: Path) -> None:
    # Given a repository whose site is a folder in it
    repo = tmp_path / "repo"
    shutil.copytree(site.root, repo / "situs")
    story = repo / "situs" / "content/articles/a.md"
    story.parent.mkdir(parents=True)
    story.write_text("satu\n", encoding="utf-8")
    (story.parent / "b.md").write_text("dua\n", encoding="utf-8")
    (story.parent / 'é "c".md').write_text("tiga\n", encoding="utf-8")  # (git quotes it)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "1")
    story.write_text("satu lagi\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "2")
    git(repo, "rm", "-q", "situs/content/articles/a.md", 'situs/content/articles/é "c".md')
    git(repo, "commit", "-q", "-m", "3")
    (story.parent / "b.md").unlink()  # (not committed: HEAD has it)
    # Then each comes from where git has its last text
    assert old_texts(repo / "situs", ["content/articles/a.md", "content/articles/b.md",
                                      'content/articles/é "c".md',
                                      "content/articles/c.md"]) == {
        "content/articles/a.md": b"satu lagi\n", "content/articles/b.md": b"dua\n",
        'content/articles/é "c".md': b"tiga\n"}
    # And outside a repository there is nothing to remember
    assert old_texts(tmp_path / "nowhere", ["content/articles/a.md"]) == {}
