"""Datelines, credits, footers and captions as Indonesia's newsrooms write them.

Every example is ours, shaped like the real forms (docs/import.md lists them);
the people and events are made up.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from generator.importers.dateline import find_dateline, split_credit
from generator.importers.rawtext import is_photo_caption, parse_raw, structure

ZONE = ZoneInfo("Asia/Jakarta")
LEAD = "Warga Kelurahan Sukamaju memperbaiki saluran air yang tersumbat, Senin (6/5/2024)."


@pytest.mark.parametrize(("dateline", "location", "source"), [
    # National outlets.
    ("JAKARTA, KOMPAS.com -", "Jakarta", "Kompas.com"),
    ("Jakarta -", "Jakarta", ""),  # detik: the outlet is not written
    ("PALANGKA RAYA, KOMPAS.com —", "Palangka Raya", "Kompas.com"),
    ("TEMPO.CO, Jakarta -", "Jakarta", "Tempo.co"),
    ("Liputan6.com, Jakarta -", "Jakarta", "Liputan6.com"),
    ("Jakarta, CNN Indonesia --", "Jakarta", "CNN Indonesia"),
    ("PALU, 3/5 (ANTARA) -", "Palu", "Antara"),
    ("Jakarta (ANTARA) -", "Jakarta", "Antara"),
    ("TRIBUNNEWS.COM, PALU -", "Palu", "Tribunnews.com"),
    ("TRIBUN-MEDAN.com, SIANTAR -", "Siantar", "Tribun-Medan.com"),
    ("REPUBLIKA.CO.ID, JAKARTA --", "Jakarta", "Republika.co.id"),
    # JawaPos group.
    ("JawaPos.com -", "", "JawaPos.com"),
    ("SURABAYA, JawaPos.com -", "Surabaya", "JawaPos.com"),
    ("RADAR BOGOR -", "", "Radar Bogor"),
    ("BOGOR, RADARBOGOR.ID -", "Bogor", "RadarBogor.id"),
    # Local outlets: city and domain, with or without a dash.
    ("Palu, Jurnalsulawesi.com -", "Palu", "Jurnalsulawesi.com"),
    ("Palu, Jurnalsulawesi.com", "Palu", "Jurnalsulawesi.com"),
    ("Palu, **Jurnalsulawesi.com**", "Palu", "Jurnalsulawesi.com"),
    ("**PEKANBARU (CAKAPLAH)** -", "Pekanbaru", "Cakaplah"),
    # Bold only, no dash.
    ("**PALU**", "Palu", ""),
    ("**Palu -**", "Palu", ""),
    ("PALU –", "Palu", ""),
    ("Palu (antarasulteng.com) -", "Palu", "antarasulteng.com"),
    ("TIMESINDONESIA, MALANG –", "Malang", "TIMES Indonesia"),
])
def test_dateline_forms(dateline: str, location: str, source: str) -> None:
    found = find_dateline(f"{dateline} {LEAD}")
    assert found, dateline
    assert (found.location, found.source, found.rest) == (location, source, LEAD)


@pytest.mark.parametrize("paragraph", [
    "**Penting** untuk dicatat, pendaftaran ditutup Jumat.",  # emphasis, not a place
    "Di Jakarta, Kompas.com menulis hal serupa.",  # a sentence naming an outlet
    "Sutarmo-Wulan, pasangan calon nomor urut 1, menang.",
    "Warga desa - yang tinggal di hulu - mengungsi.",
])
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_antara_dateline_dates_the_story() -> None:
    text = "Banjir Surut di Palu\n\nPALU, 3/5 (ANTARA) - Air mulai surut pada 2024.\n\nLanjutan."
    record = parse_raw(text, "a.txt", zone=ZONE, fallback=datetime(2020, 1, 1, tzinfo=ZONE),
                       fallback_how="mtime")
    assert record.date.date() == date(2024, 5, 3) and record.location == "Palu"
    assert next(g for g in record.guesses if g.field == "date").source == "dateline"


@pytest.mark.parametrize(("caption", "text", "credit"), [
    ("Petugas memeriksa tanggul. (Istimewa)", "Petugas memeriksa tanggul.", "Istimewa"),
    ("Petugas memeriksa tanggul. [Ist]", "Petugas memeriksa tanggul.", "Istimewa"),
    ("Petugas ((ANTARA/Budi))", "Petugas", "ANTARA/Budi"),
    ("Petugas memeriksa tanggul. (Foto: Humas Pemkot Lembah)", "Petugas memeriksa tanggul.",
     "Humas Pemkot Lembah"),
    ("Petugas memeriksa tanggul. Foto: Humas Pemkot Lembah", "Petugas memeriksa tanggul.",
     "Humas Pemkot Lembah"),
    ("Petugas memeriksa tanggul. (Dok. BPBD Lembah)", "Petugas memeriksa tanggul.",
     "Dok. BPBD Lembah"),
    ("Petugas memeriksa tanggul. Dok. BPBD Lembah", "Petugas memeriksa tanggul.",
     "Dok. BPBD Lembah"),
    ("Petugas memeriksa tanggul. (ANTARA FOTO/Rudi Hartono)", "Petugas memeriksa tanggul.",
     "ANTARA FOTO/Rudi Hartono"),
    ("Petugas memeriksa tanggul, Senin (6/5/2024). KOMPAS.com/RUDI HARTONO",
     "Petugas memeriksa tanggul, Senin (6/5/2024).", "KOMPAS.com/RUDI HARTONO"),
    ("Petugas memeriksa tanggul, Senin (6/5/2024).",
     "Petugas memeriksa tanggul, Senin (6/5/2024).", ""),  # a date is not a credit
    ("Harga naik dari 10/20 persen.", "Harga naik dari 10/20 persen.", ""),
    ("Pemandangan Lembah (2019)", "Pemandangan Lembah (2019)", ""),  # a year is no credit
])
def test_credit_forms(caption: str, text: str, credit: str) -> None:
    assert split_credit(caption) == (text, credit)


def test_footers_leave_the_body_and_name_the_source() -> None:
    text = ("Saluran Air Diperbaiki\n\nWarga bergotong royong, Senin (6/5/2024).\n\n"
            "Baca juga: Warga Lembah Tanam Pohon\n\nKegiatan berlanjut pekan depan.\n\n"
            "Artikel ini telah tayang di TribunLembah.com dengan judul Warga Perbaiki Saluran.\n")
    parts = structure(text)
    assert parts.paragraphs == ("Warga bergotong royong, Senin (6/5/2024).",
                                "Kegiatan berlanjut pekan depan.")
    assert parts.footer_source == "TribunLembah.com"
    sumber = structure("Judul\n\nTeks berita.\n\nSumber: Humas Pemkot Lembah\n")
    assert sumber.footer_source == "Humas Pemkot Lembah" and sumber.paragraphs == ("Teks berita.",)


def test_end_marks_and_video_teasers_leave_the_last_paragraph() -> None:
    for ending in (" (*)", "***", "  Simak Video 'Banjir Lembah': [Gambas:Video 20detik]"):
        parts = structure(f"Judul\n\nAwal berita.\n\nAkhir berita.{ending}\n")
        assert parts.paragraphs[-1] == "Akhir berita.", ending


def test_caption_in_the_body_becomes_the_image_caption() -> None:
    text = ("Saluran Air Diperbaiki\n\nLEMBAHPOS - Warga bergotong royong.\n\n"
            "Kerja bakti dimulai pagi.\n\n"
            "Warga mengangkat lumpur dari saluran. (ANTARA FOTO/Rudi Hartono)\n\n"
            "Kegiatan berlanjut pekan depan.\n")
    parts = structure(text)
    assert parts.caption.startswith("Warga mengangkat lumpur") and parts.caption_from == \
        "in the body"
    assert len(parts.paragraphs) == 3
    assert not is_photo_caption("Kata dia, semua berjalan baik. (ant)")  # a byline, not a photo
    assert not is_photo_caption("Ponsel ini tanpa layanan Google (Google Mobile Services/GMS).")
    assert is_photo_caption("Warga antre bantuan. (KOMPAS.com/RUDI HARTONO)")


def test_reporter_line_gives_the_reporter_only() -> None:
    parts = structure("Judul\n\nReporter: Rina Wulandari | Editor: Bagas Pratama\n\nTeks.\n\n"
                      "Editor: Bagas Pratama\n")
    assert parts.authors == ("Rina Wulandari",) and parts.authors_from == "Reporter line"


def test_a_byline_naming_two_gives_two_reporters() -> None:
    parts = structure("Judul\n\nTeks.\n\nPenulis: Rina Wulandari dan Dimas Prasetyo\n\n"
                      "Editor: Bagas Pratama\n")
    assert parts.authors == ("Rina Wulandari", "Dimas Prasetyo")


def test_tribun_byline_and_national_closers_leave_the_body() -> None:
    text = ("Jembatan Siantar Diperbaiki\n\n"
            "Laporan Wartawan Tribun Lembah / Tommy Saragih\n\n"
            "TRIBUN-MEDAN.com, SIANTAR - Perbaikan jembatan dimulai Senin (6/5/2024).\n\n"
            "Pilihan Editor: Jalan Lingkar Lembah Dibuka\n\n"
            "Pekerjaan ditargetkan selesai bulan depan.\n\n"
            "Simak breaking news dan berita pilihan kami langsung di ponselmu.\n\n"
            "COPYRIGHT © ANTARA 2024\n")
    parts = structure(text)
    assert parts.authors == ("Tommy Saragih",) and parts.caption == ""
    assert parts.dateline and parts.dateline.location == "Siantar"
    assert parts.paragraphs == ("Perbaikan jembatan dimulai Senin (6/5/2024).",
                                "Pekerjaan ditargetkan selesai bulan depan.")
