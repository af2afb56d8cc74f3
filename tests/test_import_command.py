"""`warta import` end to end on temporary sites."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.build.pipeline import BuildOptions, build
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SITE_TOML = 'title = "Kabar Lembah"\nbase_url = "https://lembah.example/"\n'
RAW = FIXTURES / "lembahpos-2019-01-16.txt"
TARGET = "content/articles/2019/01/jelang-pemilu-pemkot-lembah-gelar-rapat-bersama-penyelenggara.md"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    return site


def _run(site: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "--site", str(site), *args])
    return result.exit_code, result.output


def test_import_writes_reports_and_builds(tmp_path: Path) -> None:
    site = _site(tmp_path)
    code, output = _run(site, str(FIXTURES))
    assert code == 0, output
    assert f"{TARGET}: written" in output
    assert "  date: 2019-01-16T00:00:00+07:00 (`Rabu (16/1)` + year 2019" in output
    assert "  credit: Istimewa" in output and "  authors: Abc, Dfg" in output
    assert (site / "content/pages/tentang.md").is_file()
    text = (site / TARGET).read_text("utf-8")
    assert "date: '2019-01-16T00:00:00+07:00'" in text and "source: Lembahpos" in text
    build(BuildOptions(site_dir=site, drafts=True))
    page = site / "output/2019/01/jelang-pemilu-pemkot-lembah-gelar-rapat-bersama-penyelenggara"
    assert "posko di tiap kecamatan" in (page / "index.html").read_text("utf-8")


def test_second_run_is_unchanged_and_changes_need_update(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert _run(site, str(RAW))[0] == 0
    code, output = _run(site, str(RAW))
    assert code == 0 and f"{TARGET}: unchanged" in output
    edited = tmp_path / "edited.txt"
    edited.write_text(RAW.read_text("utf-8") + "\n\nParagraf tambahan.", encoding="utf-8")
    code, output = _run(site, str(edited))
    assert code == 1 and "use --update" in output
    assert "Paragraf tambahan" not in (site / TARGET).read_text("utf-8")
    code, output = _run(site, "--update", str(edited))
    assert code == 0 and f"{TARGET}: updated" in output


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    code, output = _run(site, "--dry-run", str(RAW))
    assert code == 0 and "dry run" in output and not (site / TARGET).exists()


def test_bad_inputs_are_refused_one_by_one(tmp_path: Path) -> None:
    site = _site(tmp_path)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\x00\x01\x02")
    (inputs / "truncated.xml").write_bytes((FIXTURES / "kabar-lembah.wxr.xml").read_bytes()[:900])
    (inputs / "nofeed.rss").write_text('<rss version="2.0"><channel><title>x</title>'
                                       "</channel></rss>", encoding="utf-8")
    shutil.copy(RAW, inputs / "good.txt")
    code, output = _run(site, str(inputs))
    assert code == 1
    assert f"{inputs / 'empty.txt'}: the file is empty" in output
    assert f"{inputs / 'binary.txt'}: a binary file" in output
    assert f"{inputs / 'truncated.xml'}: " in output and "broken" in output
    assert f"{inputs / 'nofeed.rss'}: the feed has no items" in output
    assert (site / TARGET).is_file()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert _run(site, str(tmp_path / "missing.txt"))[0] == 2
    assert _run(site, "--published", "26-09-2018", str(RAW))[0] == 2
    assert _run(site, "--format", "docx", str(RAW))[0] == 2


def test_published_hint_and_forced_format(tmp_path: Path) -> None:
    site = _site(tmp_path)
    raw = tmp_path / "tanpa-tanggal.txt"
    raw.write_text("Judul Tanpa Tanggal\n\nTeks berita singkat.", encoding="utf-8")
    code, output = _run(site, "--published", "2019-03-01", "--format", "text", str(raw))
    assert code == 0 and "--published" in output
    assert (site / "content/articles/2019/03/judul-tanpa-tanggal.md").is_file()
