"""Every command finds its site like git finds its repository, or refuses (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site_folder import NoSiteError, find_site, site_folder
from tests.conftest import SiteMaker


@pytest.fixture(autouse=True)
def _no_site_above(tmp_path: Path) -> None:
    # A site.toml above the test's folder would make it a site, and `serve` would run.
    assert find_site(tmp_path) is None, f"{find_site(tmp_path)}/site.toml: remove it"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_nearest_folder_with_site_toml_is_the_site(tmp_path: Path) -> None:
    (tmp_path / "outer/inner/content/articles").mkdir(parents=True)
    (tmp_path / "outer/site.toml").write_text("", encoding="utf-8")
    assert find_site(tmp_path / "outer/inner/content/articles") == tmp_path / "outer"
    (tmp_path / "outer/inner/site.toml").write_text("", encoding="utf-8")
    assert find_site(tmp_path / "outer/inner/content/articles") == tmp_path / "outer/inner"
    assert find_site(tmp_path) is None


def test_site_folder_takes_site_as_given_or_finds_it(tmp_path: Path) -> None:
    # Given a site and a bare folder (like tests/invalid_sites/) beside it
    (tmp_path / "kabar/content/articles").mkdir(parents=True)
    (tmp_path / "kabar/site.toml").write_text("", encoding="utf-8")
    (tmp_path / "bare").mkdir()
    # Then --site is used as given, and without it the site is found from below
    assert site_folder(tmp_path / "bare") == tmp_path / "bare"
    assert site_folder(None, tmp_path / "kabar/content/articles") == tmp_path / "kabar"
    with pytest.raises(NoSiteError, match="no site.toml here or in any parent folder of"):
        site_folder(None, tmp_path / "bare")
    with pytest.raises(NoSiteError, match="no such folder"):
        site_folder(tmp_path / "nowhere")


def test_build_inside_content_articles_builds_the_site_above(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a site with one article, and an editor standing in content/articles
    site.article("a", "A", "2024-03-01T09:00:00+07:00")
    monkeypatch.chdir(site.root / "content/articles")
    # When they build
    code, out, _ = run("build")
    # Then the site above is built into its own output/, and nothing inside content/
    assert code == 0 and "1 artikel" in out
    assert (site.output / "2024/03/a/index.html").is_file()
    assert not (site.root / "content/articles/output").exists()
    assert not (site.root / "content/articles/.warta").exists()


def test_new_inside_content_articles_writes_into_the_site(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    (site.root / "content/articles").mkdir(parents=True)
    monkeypatch.chdir(site.root / "content/articles")
    code, out, _ = run("new", "Banjir di Kampung Baru")
    assert code == 0
    # The path is printed as seen from where the editor stands: YYYY/MM/<slug>.md
    assert out.count("/") == 2
    path = (site.root / "content/articles" / out.strip()).resolve()
    # content/articles/YYYY/MM/ of the site, not of the folder the editor stands in
    assert path.parent.parent.parent == site.root.resolve() / "content/articles"
    assert path.is_file() and path.name == "banjir-di-kampung-baru.md"
    assert not (site.root / "content/articles/content").exists()


def test_check_in_an_empty_folder_refuses(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check")
    assert code == 2
    assert "OK" not in out
    assert f"no site.toml here or in any parent folder of {tmp_path.resolve()}" in err
    assert "run warta in your site's folder" in err


@pytest.mark.parametrize("args", [("build",), ("check",), ("new", "Judul"), ("serve",),
                                  ("import", "berita.txt"), ("list",)])
def test_every_command_refuses_outside_a_site(args: tuple[str, ...], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "berita.txt").write_text("Judul\n\nIsi berita.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2 and "no site.toml here or in any parent folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berita.txt"]


def test_help_works_outside_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("build", "check", "new", "list", "serve", "import"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "--site" in out


def test_site_option_pointing_into_a_site_refuses_and_names_it(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01")
    code, _, err = run("build", "--site", str(site.root / "content/articles"))
    assert code == 2
    assert f"inside the site {site.root.resolve()}" in err
    assert not (site.root / "content/articles/output").exists()


def test_new_prints_the_path_from_the_site_folder(site: SiteMaker,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site.root)
    code, out, _ = run("new", "Pasar Pagi")
    assert code == 0 and out.startswith("content/articles/")
    assert (site.root / out.strip()).is_file()


def test_site_option_still_names_the_site_from_anywhere(
        site: SiteMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.article("a", "A", "2024-03-01")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = run("check", "--site", str(site.root))
    assert code == 0 and "OK: 1 artikel" in out
