"""The date of a raw text: dateline, lead, hint, body, fallback; time of day when written."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.importers.date_mentions import first_clock, first_date
from generator.importers.dating import Dated, date_article

ZONE = ZoneInfo("Asia/Jakarta")
FALLBACK = datetime(2020, 1, 1, tzinfo=ZONE)


def _date(lead: str, story: str = "", published: date | None = None) -> Dated:
    return date_article(lead, story or lead, None, zone=ZONE, published=published,
                        fallback=FALLBACK, fallback_how="mtime")


@pytest.mark.parametrize(("text", "hour", "minute", "offset"), [
    ("Rapat dimulai pukul 10.00 WIB di aula.", 10, 0, 7),
    ("Pesawat mendarat 10:30 WITA.", 10, 30, 8),
    ("Gempa terjadi pukul 03.15 WIT dini hari.", 3, 15, 9),
    ("Acara dimulai pukul 19.30 malam.", 19, 30, None),
])
def test_clock_times_and_zones(text: str, hour: int, minute: int, offset: int | None) -> None:
    clock = first_clock(text)
    assert clock and (clock.hour, clock.minute, clock.utc_offset) == (hour, minute, offset)


def test_no_clock_in_scores_or_decimals() -> None:
    assert first_clock("Skor akhir 2.1 dan inflasi 3.25 persen.") is None
    assert first_clock("pukul 25.00 WIB") is None


def test_a_lead_with_date_and_clock_keeps_the_time_in_the_zone_written() -> None:
    dated = _date("Gempa mengguncang Ambon, Senin (6/5/2024) pukul 10.00 WIT.")
    assert dated.time_known and dated.confidence == "certain" and dated.source == "lead"
    assert dated.value.isoformat() == "2024-05-06T10:00:00+09:00"
    assert dated.value.utcoffset() == timedelta(hours=9)


def test_a_lead_without_clock_gives_a_day_only() -> None:
    dated = _date("Warga memperbaiki saluran, Senin (6/5/2024).")
    assert not dated.time_known and dated.value.date() == date(2024, 5, 6)


def test_the_first_date_of_the_lead_wins_in_any_form() -> None:
    # The named form comes first, even though the weekday form is more typical.
    dated = _date("Masa tenang berlangsung hingga 13 Februari 2024. Rapat digelar Senin (12/2).")
    assert dated.value.date() == date(2024, 2, 13)
    ranged = first_date("Pemungutan suara 14 - 15 Februari pada pemilu 2024.", "pemilu 2024")
    assert ranged and ranged.value == date(2024, 2, 14) and ranged.year_inferred
    part_of_day = first_date("Polisi datang Senin malam (16/6/2025).", "")
    assert part_of_day and part_of_day.value == date(2025, 6, 16)


def test_a_date_only_later_in_the_body_comes_after_the_published_hint_and_is_a_guess() -> None:
    lead, story = "Bantuan mulai cair bulan ini.", "Bantuan mulai cair.\nPada Jumat (8/3/2024)."
    hinted = _date(lead, story, published=date(2024, 3, 10))
    assert (hinted.value.date(), hinted.source, hinted.confidence) == (
        date(2024, 3, 10), "--published", "inferred")
    body = _date(lead, story)
    assert (body.value.date(), body.source, body.confidence) == (date(2024, 3, 8), "body",
                                                                 "guessed")
    assert any("may date another event" in w for w in body.warnings)
    none = _date("Tanpa tanggal.")
    assert none.value == FALLBACK and none.source == "fallback" and none.warnings
