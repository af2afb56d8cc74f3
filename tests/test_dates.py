"""An article's date as editors write it (content/dates.py), and the error of one that
Warta cannot read, with the date it most likely meant."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from generator.config import parse_config
from generator.content.dates import meant_date, to_datetime
from generator.content.parse import ContentProblems, parse_article

ZONE = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(("written", "read"), [
    ("2018-09-26T10:00:00Z", "2018-09-26T17:00:00+07:00"),
    ("2018-09-26 10:00", "2018-09-26T10:00:00+07:00"),
    ("2018-09-26", "2018-09-26T00:00:00+07:00"),
    ("2018-09-26T10:00:15.5", "2018-09-26T10:00:15.500000+07:00"),
    # (Indonesian times: a dot between hours and minutes, read as 07:00 and 0.3 s before)
    ("2018-09-26T07.30", "2018-09-26T07:30:00+07:00"),
    ("2018-09-26 07.30", "2018-09-26T07:30:00+07:00"),
    ("2018-09-26 07.30.15", "2018-09-26T07:30:15+07:00"),
    ("2018-09-26 7:30", "2018-09-26T07:30:00+07:00"),
    ("2018-09-26 07.30 WIB", "2018-09-26T07:30:00+07:00"),
    ("2018-09-26 07:30 WITA", "2018-09-26T06:30:00+07:00"),  # (Palu's 07:30)
    ("2018-09-26 09.30 wit", "2018-09-26T07:30:00+07:00"),
])
def test_dates_warta_reads(written: str, read: str) -> None:
    assert to_datetime(written, ZONE).isoformat() == read  # type: ignore[union-attr]


@pytest.mark.parametrize("written", [
    "26/09/2018", "26-09-2018", "26 September 2018", "2018-09-26 24.30",
    "2018-09-26 07:30+07:00 WIB", "kemarin", "2018-09-26 07.3", "2018-09-26T07,5"])
def test_dates_warta_does_not_read(written: str) -> None:
    assert to_datetime(written, ZONE) is None


def test_values_of_other_types() -> None:
    assert to_datetime(20180926, ZONE) is None
    assert to_datetime(date(2018, 9, 26), ZONE).isoformat() == (  # type: ignore[union-attr]
        "2018-09-26T00:00:00+07:00")
    assert to_datetime(datetime(2018, 9, 26, 10), ZONE).hour == 10  # type: ignore[union-attr]


@pytest.mark.parametrize(("written", "meant"), [
    ("26-09-2018", "2018-09-26"),
    ("05-01-2025", "2025-01-05"),  # (day first, as Indonesian newsrooms write it)
    ("5/1/2025", "2025-01-05"),
    ("05.01.2025", "2025-01-05"),
    ("01/25/2025", "2025-01-25"),  # (no 25th month: the month came first)
    ("2025/01/05", "2025-01-05"),
    ("2025-1-5", "2025-01-05"),
    ("5 Januari 2025", "2025-01-05"),
    ("5 Agt. 2025", "2025-08-05"),
    ("17 Agustus 2025", "2025-08-17"),
    ("Senin, 5 Jan 2025 07.30 WIB", "2025-01-05T07:30+07:00"),
    ("5 Januari 2025 pukul 14.00", "2025-01-05T14:00"),
    ("5 Januari 2025, 14:00 WITA", "2025-01-05T14:00+08:00"),
    ("31-02-2025", None),  # (no 31 February, no 31st month)
    ("13/13/2025", None),
    ("05-01-25", None),  # (a year in two digits: which century is not ours to guess)
    ("5 Janu 2025", None),
    ("5 Januari 2025 WIB", None),
    ("kemarin", None),
])
def test_the_date_an_unreadable_one_most_likely_meant(written: str, meant: str | None) -> None:
    assert meant_date(written) == meant
    if meant is not None:  # (what it offers, Warta reads)
        assert to_datetime(meant, ZONE) is not None


def _errors(date_line: str, language: str = "en") -> list[str]:
    config = parse_config(f'language = "{language}"\n')
    with pytest.raises(ContentProblems) as caught:
        parse_article(f"---\ntitle: Banjir\n{date_line}\n---\nIsi.\n",
                      "content/articles/banjir.md", config)
    return [str(p) for p in caught.value.problems]


def test_an_unreadable_date_is_an_error_offering_the_day_it_most_likely_meant() -> None:
    assert _errors("date: 05-01-2025") == [
        "content/articles/banjir.md:3: `date` is not a date: '05-01-2025' \u2014 write it "
        "year first: `date: 2025-01-05` (Sunday, January 5, 2025), if that is the day meant"]
    # (written year first already, only the way of writing it is offered)
    assert _errors("date: 2025/1/5") == [
        "content/articles/banjir.md:3: `date` is not a date: '2025/1/5' \u2014 write it "
        "as `date: 2025-01-05` (Sunday, January 5, 2025)"]
    assert _errors("date: kemarin") == [
        "content/articles/banjir.md:3: `date` is not a date: 'kemarin' \u2014 use ISO 8601, "
        "e.g. 2018-09-26T10:00:00+07:00 or 2018-09-26"]


def test_the_day_offered_is_spelled_in_the_sites_language() -> None:
    # (so that a day and a month taken the wrong way round show: 5 January, not 1 May)
    assert _errors("date: 5/1/2025", "id")[0].endswith(
        "`date: 2025-01-05` (Minggu, 5 Januari 2025), if that is the day meant")
