"""Raw pasted text in the seed's shape: fixtures of our own, and the seed when present."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.content import markup
from generator.importers.dateline import find_dateline, outlet_name
from generator.importers.escape import escape_markdown
from generator.importers.imported import Imported
from generator.importers.rawtext import RawTextError, parse_raw

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "malangvoice-2018-09-26.txt"
ZONE = ZoneInfo("Asia/Jakarta")


def _parse(text: str, **kwargs: object) -> Imported:
    return parse_raw(text, "x.txt", zone=ZONE, fallback=datetime(2020, 1, 1, tzinfo=ZONE),
                     fallback_how="the file's modification time", **kwargs)  # type: ignore[arg-type]


def test_fixture_fields() -> None:
    record = _parse((FIXTURES / "lembahpos-2019-01-16.txt").read_text("utf-8"))
    assert record.title == "Jelang Pemilu, Pemkot Lembah Gelar Rapat Bersama Penyelenggara"
    assert record.image_caption.endswith("Rabu (16/1).") and record.image_credit == "Istimewa"
    assert record.source == "Lembahpos" and record.location == ""
    assert record.date.date() == date(2019, 1, 16) and record.date.utcoffset().seconds == 7 * 3600
    assert record.authors == ("Abc", "Dfg")
    assert {"Pemkot Lembah", "KPU", "Bawaslu"} <= set(record.tags)
    assert len(record.tags) <= 6
    assert any("ADVERTISEMENT" in n for n in record.notes)


def test_fixture_body_renders_to_the_original_text() -> None:
    record = _parse((FIXTURES / "lembahpos-2019-01-16.txt").read_text("utf-8"))
    html = markup.render(record.body)
    assert html.count("<p>") == 6  # the single-newline break made two paragraphs
    text = markup.plain_text(html)
    for words in ["Menjelang Pileg dan Pilpres 2019", "petugas *keamanan* dari",
                  "kata Sutarmo. # bukan judul", "1. Nomor di awal baris",
                  "<b>tag</b> dan 100% angka.", "posko di tiap kecamatan."]:
        assert words in text
    assert "LEMBAHPOS" not in text and "(Abc/Dfg)" not in text


def test_reporter_line_credit_prefix_end_mark_and_tags_footer() -> None:
    record = _parse((FIXTURES / "radarlembah-banjir.txt").read_text("utf-8"))
    # The editor did not write the story: only the reporter is a byline.
    assert record.authors == ("Rina Wulandari",)
    assert record.source == "Radar Lembah"
    assert record.image_credit == "Dok. BPBD"
    assert record.date.date() == date(2019, 2, 4)
    assert record.tags[:2] == ("banjir", "BPBD")
    assert record.body.rstrip().endswith("lebih dulu.")


def test_shouting_outlets_are_title_cased() -> None:
    assert outlet_name("CAKAPLAH") == "Cakaplah"


def test_escaping() -> None:
    assert escape_markdown("# a_b *c* [d] <e> 1. f") == r"\# a\_b \*c\* \[d\] &lt;e> 1. f"
    assert escape_markdown("2. langkah") == r"2\. langkah"


def test_empty_and_one_line_texts_are_refused() -> None:
    for text in ("", "   \n", "Hanya judul"):
        with pytest.raises(RawTextError):
            _parse(text)


def test_no_date_uses_published_then_fallback() -> None:
    text = "Judul\n\nTeks tanpa tanggal."
    assert "--published" in _parse(text, published=date(2019, 3, 1)).date_how
    record = _parse(text)
    assert record.date.year == 2020 and "modification time" in record.date_how


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_the_seed() -> None:
    text = SEED.read_text("utf-8")
    record = _parse(text)
    assert record.title == text.split("\n", 1)[0]
    assert record.image_credit == "Istimewa" and not record.image_caption.endswith(")")
    assert record.source == "MalangVoice"
    assert record.date.date() == date(2018, 9, 26)
    assert record.authors == ("Hmz", "Ulm")
    assert {"Pemkot Malang", "KPU", "Bawaslu", "Pilpres 2019"} <= set(record.tags)
    lines = [line for line in text.split("\n") if line.strip()][2:]
    lines[0] = lines[0].split("– ", 1)[1]
    lines[-1] = lines[-1].removesuffix(" (Hmz/Ulm)")
    paragraphs = markup.render(record.body).count("<p>")
    assert paragraphs == len(lines)
    shown = markup.plain_text(markup.render(record.body))
    assert all(line in shown for line in lines)


def test_hyphenated_names_are_not_datelines() -> None:
    assert find_dateline("Sutarmo-Wulan, pasangan calon nomor urut 1, menang.") is None
