"""The build's summary names the articles it added, changed, moved and removed, by title
and URL, before the file counts, the same whichever way the build went; and a long
build shows its progress on a terminal, never in a log (issue 19, item 7)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from click.testing import CliRunner

from generator import cli, report
from generator.build.memos import BuildMemory
from generator.build.options import BuildOptions, BuildResult
from generator.build.pipeline import build
from generator.cli import main
from generator.report import Reporter
from generator.serve.command import PREVIEW_DIR
from tests.conftest import SiteMaker

NOW = "2026-03-01T09:00:00+07:00"


def run(site: SiteMaker, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", "--site", str(site.root), "--now", NOW, *args])
    return result.exit_code, result.stdout, result.stderr


def named(out: str) -> list[str]:
    """The summary's article lines, which all come before the file counts."""
    lines = out.splitlines()
    counts = next(n for n, line in enumerate(lines) if " articles -> " in line)
    assert not any(line.startswith(("added:", "changed:", "moved:", "removed:"))
                   for line in lines[counts:])
    return [line for line in lines[:counts]
            if line.startswith(("added:", "changed:", "moved:", "removed:"))]


@pytest.fixture
def site(site: SiteMaker) -> SiteMaker:
    """The test site in English: the summary's words as docs/content.md gives them
    (tests/test_messages.py has them in Indonesian too)."""
    text = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", text.replace('language = "id"', 'language = "en"'))
    return site


@pytest.fixture(params=["quick", "whole"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run `warta build` as it is (the quick path where it applies), or always the
    whole pipeline."""
    if request.param == "whole":
        real = cli.build

        def whole(options: BuildOptions, **kwargs: Any) -> BuildResult:
            return real(replace(options, quick=False), **kwargs)
        monkeypatch.setattr(cli, "build", whole)
    return str(request.param)


def four(site: SiteMaker) -> None:
    for n, name in enumerate(("satu", "dua", "tiga", "empat"), start=1):
        site.article(name, name.capitalize(), f"2024-03-0{n}T09:00:00+07:00")


def test_each_kind_is_named_with_title_and_url(site: SiteMaker, way: str) -> None:
    four(site)
    code, out, _ = run(site)
    assert code == 0
    assert named(out) == ["added: 4 articles (first build: not listed one by one)"]
    # Text edited, same URL.
    site.article("satu", "Satu Diperbaiki", "2024-03-01T09:00:00+07:00", body="Ralat.\n",
                 slug="satu")
    # (a corrected headline: the summary shows what readers saw before)
    assert named(run(site)[1]) == [
        "changed: Satu Diperbaiki (/2024/03/satu/) (headline was: Satu)"]
    # Today's news.
    site.article("lima", "Lima", "2024-03-05T09:00:00+07:00")
    assert named(run(site)[1]) == ["added: Lima (/2024/03/lima/)"]
    # The URL changed.
    site.article("dua", "Dua", "2024-03-02T09:00:00+07:00", slug="dua-baru")
    assert named(run(site)[1]) == [
        "moved: Dua (/2024/03/dua/ \u2192 /2024/03/dua-baru/) (redirect kept)"]
    # The file deleted.
    (site.root / "content/articles/tiga.md").unlink()
    assert named(run(site)[1]) == ["removed: Tiga (/2024/03/tiga/) (gone page kept)"]
    # Nothing changed: nothing named, the counts as ever.
    code, out, _ = run(site)
    assert code == 0 and named(out) == [] and "4 articles -> " in out


def test_several_kinds_in_one_build_come_in_order(site: SiteMaker, way: str) -> None:
    four(site)
    run(site)
    site.article("satu", "Satu", "2024-03-01T09:00:00+07:00", body="Ralat.\n")
    site.article("dua", "Dua", "2024-03-02T09:00:00+07:00", slug="dua-baru")
    (site.root / "content/articles/tiga.md").unlink()
    site.article("lama", "Lama", "2023-01-01T09:00:00+07:00")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\nKami.\n")
    assert named(run(site)[1]) == [
        "added: Lama (/2023/01/lama/)",
        "changed: Satu (/2024/03/satu/)",
        "moved: Dua (/2024/03/dua/ \u2192 /2024/03/dua-baru/) (redirect kept)",
        "removed: Tiga (/2024/03/tiga/) (gone page kept)",
    ]  # (a static page is not an article)


def test_drafts_and_scheduled_articles_are_not_named_until_published(
        site: SiteMaker, way: str) -> None:
    four(site)
    run(site)
    site.article("rancangan", "Rancangan", "2024-03-05T09:00:00+07:00", draft="true")
    site.article("nanti", "Nanti", "2027-01-01T09:00:00+07:00")
    assert named(run(site)[1]) == []
    site.article("rancangan", "Rancangan", "2024-03-05T09:00:00+07:00")
    assert named(run(site)[1]) == ["added: Rancangan (/2024/03/rancangan/)"]
    (site.root / "content/articles/nanti.md").unlink()
    assert named(run(site)[1]) == []
    # A live article made a draft is named as unpublished, not twice.
    site.article("empat", "Empat", "2024-03-04T09:00:00+07:00", draft="true")
    assert named(run(site)[1]) == []
    # A file only touched changed nothing anyone sees.
    path = site.root / "content/articles/satu.md"
    path.write_bytes(path.read_bytes())
    assert named(run(site)[1]) == []


def test_a_scheduled_article_is_named_when_the_clock_publishes_it(
        site: SiteMaker, way: str) -> None:
    four(site)
    site.article("nanti", "Nanti", "2026-03-02T06:00:00+07:00")
    site.article("lusa", "Lusa", "2026-03-03T06:00:00+07:00")
    run(site)
    # The clock passes its moment: added, though its file did not change; once.
    later = ["--now", "2026-03-02T07:00:00+07:00"]
    assert named(run(site, *later)[1]) == ["added: Nanti (/2026/03/nanti/)"]
    assert named(run(site, *later)[1]) == []
    # Deleted after its moment, before a build published it: never on the site.
    (site.root / "content/articles/lusa.md").unlink()
    assert named(run(site, "--now", "2026-03-04T07:00:00+07:00")[1]) == []


def test_a_scheduled_article_a_check_saw_go_and_come_back_is_named_once(
        site: SiteMaker, way: str) -> None:
    # (`warta check` saves the sources it read, and no memo: the build after it finds
    # the file new to the cache, and due by the last build's memo)
    four(site)
    nanti = site.article("nanti", "Nanti", "2026-03-02T06:00:00+07:00")
    run(site)
    text = nanti.read_bytes()
    nanti.unlink()
    assert CliRunner().invoke(main, ["check", "--site", str(site.root)]).exit_code == 0
    nanti.write_bytes(text)
    assert named(run(site, "--now", "2026-03-02T07:00:00+07:00")[1]) == [
        "added: Nanti (/2026/03/nanti/)"]


def test_a_build_that_failed_leaves_the_next_one_naming_what_was_published(
        site: SiteMaker, way: str) -> None:
    # A failed build saves the sources it read, as every load does; the summary of the
    # build that publishes compares with what the last published build had
    # (cache/held_records.py), not with what the failed one saw.
    four(site)
    run(site)
    # A new story whose first build failed (its URL clashed): added, not changed.
    site.article("lima", "Lima", "2024-03-05T09:00:00+07:00", slug="satu")
    assert run(site)[0] != 0
    site.article("lima", "Lima", "2024-03-05T09:00:00+07:00")
    assert named(run(site)[1]) == ["added: Lima (/2024/03/lima/)"]
    assert named(run(site)[1]) == []
    # A live story broken for one build, then as it was: named nothing, not added.
    dua = site.root / "content/articles/dua.md"
    text = dua.read_bytes()
    dua.write_text("---\ntitle: Dua\ndate: kemarin\n---\nx\n", encoding="utf-8")
    assert run(site)[0] != 0
    dua.write_bytes(text)
    assert named(run(site)[1]) == []
    # A correction saved before a build that failed on another file: still named.
    site.article("tiga", "Tiga Diperbaiki", "2024-03-03T09:00:00+07:00", slug="tiga")
    enam = site.article("enam", "Enam", "2024-03-06T09:00:00+07:00", slug="empat")
    assert run(site)[0] != 0
    enam.unlink()  # (new to the failed build only: never named removed)
    assert named(run(site)[1]) == ["changed: Tiga Diperbaiki (/2024/03/tiga/) (headline was: Tiga)"]
    assert named(run(site)[1]) == []
    # A live story broken for one build, then deleted: removed, with what it was.
    dua.write_text("---\ntitle: Dua\ndate: kemarin\n---\nx\n", encoding="utf-8")
    assert run(site)[0] != 0
    dua.unlink()
    assert named(run(site)[1]) == ["removed: Dua (/2024/03/dua/) (gone page kept)"]


def test_a_check_between_an_edit_and_the_build_leaves_it_named(
        site: SiteMaker, way: str) -> None:
    four(site)
    run(site)
    site.article("satu", "Satu Diperbaiki", "2024-03-01T09:00:00+07:00", slug="satu")
    site.article("lima", "Lima", "2024-03-05T09:00:00+07:00")
    site.article("nanti", "Nanti", "2024-03-06T09:00:00+07:00")
    assert CliRunner().invoke(main, ["check", "--site", str(site.root)]).exit_code == 0
    site.article("satu", "Satu Diperbaiki Lagi", "2024-03-01T09:00:00+07:00", slug="satu")
    (site.root / "content/articles/nanti.md").unlink()  # (seen by the check alone)
    assert CliRunner().invoke(main, ["check", "--site", str(site.root)]).exit_code == 0
    assert named(run(site)[1]) == [
        "added: Lima (/2024/03/lima/)",
        "changed: Satu Diperbaiki Lagi (/2024/03/satu/) (headline was: Satu)"]
    assert named(run(site)[1]) == []


def _check(site: SiteMaker) -> None:
    assert CliRunner().invoke(main, ["check", "--site", str(site.root)]).exit_code == 0


def test_a_file_runs_in_between_saw_go_and_come_back_is_named_as_it_changed(
        site: SiteMaker, way: str) -> None:
    four(site)
    run(site)
    dua = site.root / "content/articles/dua.md"
    text = dua.read_bytes()
    # Gone for a check, back for another (a `git stash` and its pop): nothing changed
    dua.unlink()
    _check(site)
    dua.write_bytes(text)
    _check(site)
    assert named(run(site)[1]) == []
    # Broken for a failed build, gone for a check, back as it was: nothing changed
    dua.write_text("---\ntitle: Dua\ndate: kemarin\n---\nx\n", encoding="utf-8")
    assert run(site)[0] != 0
    dua.unlink()
    _check(site)
    dua.write_bytes(text)
    assert named(run(site)[1]) == []
    # Corrected for a check, gone for another, back corrected: changed
    site.article("dua", "Dua Diperbaiki", "2024-03-02T09:00:00+07:00", slug="dua")
    _check(site)
    corrected = dua.read_bytes()
    dua.unlink()
    _check(site)
    dua.write_bytes(corrected)
    assert named(run(site)[1]) == ["changed: Dua Diperbaiki (/2024/03/dua/) (headline was: Dua)"]
    # Gone for a check and not back: removed, with what it was
    dua.unlink()
    _check(site)
    assert named(run(site)[1]) == ["removed: Dua Diperbaiki (/2024/03/dua/) (gone page kept)"]


@pytest.mark.parametrize("into", ["preview", "output"])
def test_a_drafts_build_between_an_edit_and_the_build_leaves_it_named(
        site: SiteMaker, way: str, into: str) -> None:
    # (A `--drafts` build writes no register: the second one may take the quick path.)
    four(site)
    run(site)
    folder = ["--output", str(site.root.parent / "preview")] if into == "preview" else []
    assert run(site, "--drafts", *folder)[0] == 0
    site.article("satu", "Satu Diperbaiki", "2024-03-01T09:00:00+07:00", slug="satu")
    site.article("lima", "Lima", "2024-03-05T09:00:00+07:00")
    assert run(site, "--drafts", *folder)[0] == 0
    assert named(run(site)[1]) == ["added: Lima (/2024/03/lima/)",
                                   "changed: Satu Diperbaiki (/2024/03/satu/) (headline was: Satu)"]
    assert named(run(site)[1]) == []


def test_preview_sessions_leave_what_they_saw_named(site: SiteMaker) -> None:
    # One `warta serve` session sees a file go and come back; a second session, started
    # after an edit, takes the quick path over the preview the first one left.
    def preview(memory: BuildMemory) -> None:
        build(BuildOptions(site_dir=site.root, output_dir=site.root / PREVIEW_DIR, jobs=1,
                           index_search=False, trust_output=True, keep_register=False),
              memory=memory)

    four(site)
    run(site)
    memory = BuildMemory()
    preview(memory)
    dua = site.root / "content/articles/dua.md"
    text = dua.read_bytes()
    dua.unlink()
    preview(memory)
    dua.write_bytes(text)
    preview(memory)
    assert named(run(site)[1]) == []
    site.article("satu", "Satu Diperbaiki", "2024-03-01T09:00:00+07:00", slug="satu")
    preview(BuildMemory())
    # (a corrected headline: the summary shows what readers saw before)
    assert named(run(site)[1]) == [
        "changed: Satu Diperbaiki (/2024/03/satu/) (headline was: Satu)"]


def test_at_most_twenty_of_a_kind_then_a_count(site: SiteMaker, way: str) -> None:
    four(site)
    run(site)
    for n in range(25):
        site.article(f"baru-{n:02}", f"Baru {n:02}", f"2024-02-{n + 1:02}T09:00:00+07:00")
    lines = named(run(site)[1])
    assert lines[:2] == ["added: Baru 00 (/2024/02/baru-00/)",
                         "added: Baru 01 (/2024/02/baru-01/)"]
    assert len(lines) == 21 and lines[19] == "added: Baru 19 (/2024/02/baru-19/)"
    assert lines[20] == "added: \u2026 and 5 more"


def test_quiet_names_nothing(site: SiteMaker) -> None:
    four(site)
    run(site)
    site.article("satu", "Satu", "2024-03-01T09:00:00+07:00", body="Ralat.\n")
    assert run(site, "--quiet")[1] == ""


@pytest.mark.parametrize("change", ["edit", "append", "move", "remove", "draft"])
def test_both_ways_give_the_same_record(make_site: Callable[[str], SiteMaker],
                                        change: str) -> None:
    results = {}
    for quick in (True, False):
        site = make_site(f"quick-{quick}")
        four(site)
        site.build(quick=quick)
        if change == "edit":
            site.article("satu", "Satu", "2024-03-01T09:00:00+07:00", body="Ralat.\n")
        elif change == "append":
            site.article("lima", "Lima", "2024-03-05T09:00:00+07:00")
        elif change == "move":
            site.article("dua", "Dua", "2024-03-02T09:00:00+07:00", slug="dua-baru")
        elif change == "remove":
            (site.root / "content/articles/tiga.md").unlink()
        else:
            site.article("satu", "Satu", "2024-03-01T09:00:00+07:00", draft="true")
        results[quick] = site.build(quick=quick)
    assert results[True].quick == (change in ("edit", "append", "remove"))
    assert not results[False].quick
    changes = results[True].article_changes
    assert changes == results[False].article_changes
    assert len(changes.added + changes.changed + changes.moved + changes.removed) == (
        0 if change == "draft" else 1)
    assert changes.first_build is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_for_a_long_build(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "LONG_BUILD", 0.0)
    terminal = _Terminal()
    reporter = Reporter(stream=terminal)
    reporter.progress(500, 2000)
    reporter.progress(2000, 2000)
    assert terminal.getvalue().startswith("\r[#######-----")
    assert " 500/2000 files" in terminal.getvalue()
    assert "\r[" + "#" * 30 + "] 2000/2000 files, " in terminal.getvalue()
    assert terminal.getvalue().endswith("/s\n")


def test_no_progress_in_a_log_nor_for_a_short_build() -> None:
    log = io.StringIO()
    Reporter(stream=log).progress(500, 2000)
    assert log.getvalue() == ""
    terminal = _Terminal()
    reporter = Reporter(stream=terminal)  # a quick edit: done within LONG_BUILD
    reporter.progress(2000, 2000)
    reporter.progress(500, 600)  # few files
    assert terminal.getvalue() == ""
    quiet = _Terminal()
    Reporter(stream=quiet, quiet=True).progress(500, 2000)
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("terminal", [True, False])
def test_warta_build_shows_progress_only_on_a_terminal(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    # A small site stands for a long build: the thresholds are lowered, and the write
    # stage reports every 500 files, so only the final count shows.
    monkeypatch.setattr(report, "LONG_BUILD", 0.0)
    monkeypatch.setattr(report, "MANY_FILES", 1)
    monkeypatch.setattr(report, "is_terminal", lambda stream: terminal)
    monkeypatch.setattr("generator.build.output.PROGRESS_EVERY", 5)
    four(site)
    code, out, err = run(site)
    assert code == 0 and "4 articles -> " in out
    if terminal:
        assert "\r[" in err and "files, " in err and err.rstrip().endswith("/s")
    else:
        assert "[" not in err and "files, " not in err
