"""Dates in the site's locale: worked out by day and clock time, as Babel gives them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel import localedata
from babel.dates import format_date, format_time, get_date_format, get_time_format

from generator import date_format


def _babel_long_datetime(moment: datetime, locale: str) -> str:
    """The whole moment through Babel, as `long_datetime` did before it cached parts."""
    pattern = str(get_date_format("full", locale=locale).pattern).replace("dd", "d")
    day = format_date(moment, pattern, locale=locale)
    clock = format_time(moment, "short", tzinfo=moment.tzinfo, locale=locale)
    return f"{day} {clock} {date_format.zone_name(moment, locale)}"


MOMENTS = [
    datetime(2018, 9, 26, 10, 0, tzinfo=ZoneInfo(zone)) + timedelta(hours=37 * n, minutes=7 * n)
    for zone in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Berlin",
                 "America/New_York", "UTC")
    for n in range(0, 400, 13)
]


@pytest.mark.parametrize("locale", ["id", "en", "en_US", "de", "ar", "th", "ko", "ms"])
def test_long_datetime_is_babels_for_the_whole_moment(locale: str) -> None:
    for moment in MOMENTS:
        assert date_format.long_datetime(moment, locale) == _babel_long_datetime(moment, locale)
        assert date_format.long_date(moment, locale) == format_date(moment, "long", locale=locale)


@pytest.mark.parametrize(("written", "babel"), [("id-ID", "id"), ("en-US", "en_US"),
                                               ("id_ID", "id")])
def test_a_language_written_as_bcp_47_is_babel_s_locale(written: str, babel: str) -> None:
    # (site.toml's `language` is the page's `lang`, `id-ID`; Babel spells it `id_ID`)
    moment = MOMENTS[5]
    for shown in (date_format.long_datetime, date_format.long_date, date_format.full_date):
        assert shown(moment, written) == shown(moment, babel)
    assert date_format.zone_name(moment, written) == date_format.zone_name(moment, babel)


def test_an_indonesian_moment_reads_as_newsrooms_write_it() -> None:
    moment = datetime(2024, 3, 4, 9, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert date_format.long_datetime(moment, "id") == "Senin, 4 Maret 2024 09.05 WIB"


def test_no_locale_shows_more_than_the_clock_in_its_short_time() -> None:
    # `long_datetime` works the clock out from hours and minutes alone.
    for locale in localedata.locale_identifiers():
        pattern = get_time_format("short", locale=locale).pattern
        fields = set(re.findall(r"[A-Za-z]", re.sub(r"'[^']*'", "", pattern)))
        assert fields <= set("HhKkmaBb"), (locale, pattern)
