"""Sites that must fail to build (in the spirit of Zola's test_sites_invalid/).

Each folder under tests/invalid_sites/ is a site with one thing wrong and an
`expected.txt` holding the exact error line. The build must exit 1, print
that line, and leave the previous output byte for byte as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

INVALID = Path(__file__).resolve().parent / "invalid_sites"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def _tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", CASES)
def test_invalid_site_fails_with_its_message(name: str, tmp_path: Path) -> None:
    # Given a copy of the broken site with the output of an earlier good build
    site = tmp_path / name
    shutil.copytree(INVALID / name, site, ignore=shutil.ignore_patterns("expected.txt"))
    (site / "output/lama").mkdir(parents=True)
    (site / "output/index.html").write_text("<!doctype html><title>lama</title>\n")
    (site / "output/lama/index.html").write_text("<!doctype html><title>lama</title>\n")
    before = _tree(site / "output")
    expected = (INVALID / name / "expected.txt").read_text(encoding="utf-8").strip()
    # When it is built
    result = CliRunner().invoke(main, ["build", "--site", str(site)])
    # Then the build fails with the exact message and the output is untouched
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == expected
    assert _tree(site / "output") == before


def test_every_error_kind_has_a_case() -> None:
    assert len(CASES) >= 19
