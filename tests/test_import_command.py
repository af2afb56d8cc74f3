"""`warta import` end to end on temporary sites."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.build.pipeline import BuildOptions, build
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# In English: the words these tests read (tests/test_messages.py has the Indonesian ones).
SITE_TOML = ('title = "Kabar Lembah"\nbase_url = "https://lembah.example/"\n'
             'language = "en"\n')
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
    # A day without a time of day is written as a date only; the year was inferred.
    assert "  date: 2019-01-16 (`Rabu (16/1)` + year 2019" in output
    assert "in the lead)  [lead, inferred]" in output
    assert "  credit: Istimewa  [caption's end, certain]" in output
    assert "  authors: Abc, Dfg  [byline code, inferred]" in output
    assert (site / "content/pages/tentang.md").is_file()
    text = (site / TARGET).read_text("utf-8")
    assert "\ndate: 2019-01-16\n" in text and "source: Lembahpos" in text
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


def _feed(body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Kabar</title><link>https://kabar.example/</link><description>x"
            "</description><item><title>Banjir Rob di Pesisir</title>"
            "<link>https://kabar.example/2024/05/banjir-rob/</link>"
            '<guid isPermaLink="false">kabar-123</guid>'
            "<pubDate>Mon, 06 May 2024 09:00:00 +0700</pubDate>"
            f"<description>{body}</description></item></channel></rss>")


def test_an_update_of_a_story_moved_into_a_folder_of_its_own_keeps_its_address(
        tmp_path: Path) -> None:
    # Given an imported story the editors moved into a folder of its own (`…/index.md`,
    # as a Hugo page bundle)
    site, feed = _site(tmp_path), tmp_path / "feed.xml"
    feed.write_text(_feed("Air laut naik."), encoding="utf-8")
    code, output = _run(site, str(feed))
    assert code == 0, output
    written = next((site / "content/articles").rglob("*.md"))
    bundle = written.parent / written.stem / "index.md"
    bundle.parent.mkdir()
    written.rename(bundle)
    # When its source changed and it is imported again with --update
    feed.write_text(_feed("Air laut naik setinggi lutut."), encoding="utf-8")
    code, output = _run(site, "--update", str(feed))
    # Then that file is updated, keeping the address its folder gives it (not `index`)
    assert code == 0 and ": updated" in output, output
    text = bundle.read_text("utf-8")
    assert "setinggi lutut" in text and "slug: index" not in text
    assert [p for p in (site / "content/articles").rglob("*.md")] == [bundle]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    code, output = _run(site, "--dry-run", str(RAW))
    assert code == 0 and "dry run" in output and not (site / TARGET).exists()
    assert "  location: -  [not found, inferred]" in output


def test_report_has_one_row_per_article_with_sources_and_confidence(tmp_path: Path) -> None:
    site, report = _site(tmp_path), tmp_path / "review.csv"
    code, output = _run(site, "--dry-run", "--report", str(report), str(FIXTURES))
    assert code == 0, output
    rows = list(csv.DictReader(report.read_text("utf-8").splitlines()))
    articles = [line for line in output.splitlines() if ": dry run  (" in line]
    assert len(rows) == len(articles) and f"report: {report} ({len(rows)} articles)" in output
    raw = next(row for row in rows if row["file"] == TARGET)
    assert (raw["date"], raw["date from"], raw["date confidence"]) == (
        "2019-01-16", "lead", "inferred")
    assert (raw["image.credit"], raw["image.credit confidence"]) == ("Istimewa", "certain")
    # The year was inferred from the weekday; nothing is a mere guess.
    assert raw["status"] == "dry run" and raw["least_sure"] == "inferred"
    # A WordPress post states its fields in its own elements.
    wxr = next(row for row in rows if "#" in row["origin"] and row["title"])
    assert wxr["title from"] == "stated by the source" and wxr["title confidence"] == "certain"


def test_reimport_of_a_file_written_with_midnight_is_refused_not_rewritten(
        tmp_path: Path) -> None:
    # Files imported before date-only values carry a made-up midnight: a re-import
    # differs, so it is refused like any other change until --update is given.
    site = _site(tmp_path)
    assert _run(site, str(RAW))[0] == 0
    path = site / TARGET
    old = path.read_text("utf-8").replace("\ndate: 2019-01-16\n",
                                          "\ndate: '2019-01-16T00:00:00+07:00'\n")
    path.write_text(old, encoding="utf-8")
    code, output = _run(site, str(RAW))
    assert code == 1 and "use --update" in output and path.read_text("utf-8") == old
    code, output = _run(site, "--update", str(RAW))
    assert code == 0 and "\ndate: 2019-01-16\n" in path.read_text("utf-8")


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
