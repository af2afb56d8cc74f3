"""Indonesian date forms and the inference of a missing year."""

from __future__ import annotations

from datetime import date

from generator.importers.date_mentions import infer_date, mentions


def test_weekday_day_month_gets_the_year_from_weekday_and_text() -> None:
    found = infer_date("Rapat digelar Rabu (16/1). Tahapan sejak Oktober 2018, Pilpres 2019.")
    assert found and found.value == date(2019, 1, 16)
    assert "year 2019" in found.how and "weekday" in found.how


def test_published_hint_beats_text_years() -> None:
    found = infer_date("Rapat Rabu (26/9) membahas Pemilu 2029.", published=date(2018, 9, 27))
    assert found and found.value == date(2018, 9, 26)


def test_full_numeric_two_digit_and_named_forms() -> None:
    assert infer_date("Senin (12/2/2024) malam")== infer_date("Senin (12/2/2024)")
    short = infer_date("pada Senin (22/10/18)")
    assert short and short.value == date(2018, 10, 22)
    named = infer_date("Acara Selasa, 24 Februari 2026 di alun-alun.")
    assert named and named.value == date(2026, 2, 24)
    ahad = infer_date("Ahad (31/10/2021) pagi")
    assert ahad and ahad.value == date(2021, 10, 31) and not ahad.warnings


def test_contradicting_weekday_is_a_warning_and_the_date_wins() -> None:
    found = infer_date("Jumat (1/5/2025)")
    assert found and found.value == date(2025, 5, 1)
    assert "Kamis" in found.warnings[0]


def test_bare_day_month_is_not_a_date_and_no_text_gives_none() -> None:
    assert mentions("perbandingan (3/4) suara") == []
    assert infer_date("Tidak ada tanggal di sini.") is None


def test_a_year_after_sejak_is_a_lower_bound_for_the_missing_year() -> None:
    # Monday 12 February is 2018 or 2024; 2018 is closer to 2020, but the story
    # looks back on what happened since 2020.
    text = "Apel digelar Senin (12/2). Program berjalan sejak tahun 2020."
    found = infer_date(text)
    assert found and found.value == date(2024, 2, 12)
    without = infer_date("Apel digelar Senin (12/2). Program dimulai tahun 2020.")
    assert without and without.value == date(2018, 2, 12)
