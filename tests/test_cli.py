"""The `warta` command: exit codes, messages, and `warta new`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SiteMaker


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_prints_a_summary(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01")
    code, out, _ = run("build", "--site", str(site.root))
    assert code == 0
    assert "1 artikel" in out and "ditulis" in out and "tidak berubah" in out and "dihapus" in out


def test_verbose_build_says_how_much_of_the_plan_it_reused_and_which_way(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01", body="Satu.\n")
    site.article("b", "B", "2024-03-02")
    first = run("build", "--site", str(site.root), "-v")[2]
    assert "0 halaman terencana diambil" in first and "seluruh arsip diindeks" in first
    site.article("a", "A", "2024-03-01", body="Satu, diperbaiki.\n")
    code, _, err = run("build", "--site", str(site.root), "-v")
    assert code == 0 and "ditulis 2024/03/a/index.html" in err
    assert int(err.split(" halaman terencana diambil")[0].split()[-1]) > 5
    # ... and which way it went: an edit the quick path takes
    assert "jalur cepat" in err and "seluruh arsip" not in err


def test_a_build_on_a_ci_machine_that_changes_the_lock_files_says_to_commit_them(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a host's build (CI set), when a story is published
    monkeypatch.setenv("CI", "true")
    site.article("a", "A", "2024-03-01")
    code, _, err = run("build", "--site", str(site.root))
    # Then it says the register changed, and what to do
    assert code == 0
    assert "content/published-urls.txt: build di mesin CI ini mengubah berkas ini" in err
    assert "commit kembali" in err and "content/list-pages.txt" not in err  # (no page full)
    # ... and nothing when a build changes neither, or on an editor's machine
    assert "mesin CI" not in run("build", "--site", str(site.root))[2]
    monkeypatch.setenv("CI", "false")
    site.article("b", "B", "2024-03-02")
    assert "mesin CI" not in run("build", "--site", str(site.root))[2]


def test_build_with_errors_exits_1_and_names_the_file(site: SiteMaker) -> None:
    site.write("content/articles/rusak.md", "tanpa frontmatter\n")
    code, _, err = run("build", "--site", str(site.root))
    assert code == 1
    assert "content/articles/rusak.md:1: tidak ada frontmatter" in err
    assert "output tidak diubah" in err
    assert not (site.root / "output").exists()


def test_usage_errors_exit_2() -> None:
    assert run("build", "--no-such-option")[0] == 2
    assert run("frobnicate")[0] == 2


def test_every_command_has_help() -> None:
    for command in ("build", "check", "new", "list"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out


def test_check_writes_nothing(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01", titel="typo")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "OK: 1 artikel" in out and "maksud Anda `title`" in err
    assert not (site.root / "output").exists()


def test_check_finds_template_errors(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01")
    site.write("templates/home.html", "{{ nope( }}")
    code, _, err = run("check", "--site", str(site.root))
    assert code == 1 and "templates/home.html:1: kesalahan sintaks template" in err


def test_new_creates_a_draft_and_never_overwrites(site: SiteMaker) -> None:
    code, out, _ = run("new", "--site", str(site.root), "Jalan Rusak di Kampung Baru")
    assert code == 0
    path = Path(out.strip())
    assert path.name == "jalan-rusak-di-kampung-baru.md"
    assert path.parent.parent.parent == site.root / "content/articles"
    text = path.read_text(encoding="utf-8")
    assert "title: Jalan Rusak di Kampung Baru" in text and "draft: true" in text
    assert "+07:00" in text
    site.build(drafts=True)  # the new file is valid as it is
    code, _, err = run("new", "--site", str(site.root), "Jalan Rusak di Kampung Baru")
    assert code == 1 and "sudah ada" in err
    assert path.read_text(encoding="utf-8") == text


def test_python_m_generator_is_the_same_program() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"],
                            capture_output=True, text=True, check=True)
    assert "build" in result.stdout and "Warta" in result.stdout


def test_the_program_exits_with_the_build_s_code_and_all_its_output(site: SiteMaker) -> None:
    # The entry point ends the process without tearing the interpreter down; what it
    # printed must still all arrive, and the exit code must be the command's.
    site.article("satu", "Satu", "2024-03-01T09:00:00+07:00")
    command = [sys.executable, "-m", "generator", "build", "--site", str(site.root), "-v"]
    good = subprocess.run(command, capture_output=True, text=True, check=False)
    assert good.returncode == 0
    assert "ditulis index.html" in good.stderr and "1 artikel" in good.stdout
    site.write("content/articles/dua.md", "---\ntitle: [\n---\n")
    bad = subprocess.run(command, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "content/articles/dua.md" in bad.stderr and "output tidak diubah" in bad.stderr
    usage = subprocess.run([*command, "--jobs", "x"], capture_output=True, text=True,
                           check=False)
    assert usage.returncode == 2 and "--jobs" in usage.stderr
