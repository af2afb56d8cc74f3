"""Dates and times in the site's locale, with Babel (never the OS locale)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from babel.dates import format_date, format_datetime, format_time, get_date_format

# Indonesia names its zones by their Indonesian abbreviations in every
# language; Babel would print "GMT+07:00" for English.
_INDONESIAN_ZONES = {
    "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA", "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


def babel_locale(locale: str) -> str:
    """Babel's name of the BCP 47 `language` of site.toml: `id-ID` is `id_ID` (every
    Babel call of Warta goes through it)."""
    return locale.replace("-", "_")


def zone_name(moment: datetime, locale: str) -> str:
    key = getattr(moment.tzinfo, "key", "")
    if key in _INDONESIAN_ZONES:
        return _INDONESIAN_ZONES[key]
    return format_datetime(moment, "z", locale=babel_locale(locale))


@lru_cache(maxsize=65536)
def long_datetime(moment: datetime, locale: str) -> str:
    """`Rabu, 26 September 2018 10.00 WIB` (id) or the locale's own full pattern."""
    # Babel takes 13 microseconds a moment, and every article has its own; an
    # archive has far fewer days and clock times, so each is worked out once.
    day = _full_day(moment.date(), locale)
    clock = _clock(moment.hour, moment.minute, locale)
    return f"{day} {clock} {zone_name(moment, locale)}"


def full_date(moment: datetime, locale: str) -> str:
    """`Rabu, 26 September 2018`: `long_datetime` without the clock, for a time of day
    nobody wrote."""
    return _full_day(moment.date(), locale)


def shown(moment: datetime, locale: str, time: bool = True) -> str:
    """The `datetime` filter: `long_datetime`, or `full_date` when `time` is False
    (`{{ a.date|datetime(time=a.time_known) }}`)."""
    return long_datetime(moment, locale) if time else full_date(moment, locale)


_DATE_ONLY = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*")


def has_time_of_day(value: Any) -> bool:
    """Whether a date as written in frontmatter (the YAML value) gives a time of day:
    not for a YAML date (`2024-03-01`) or a text holding only a date."""
    if isinstance(value, datetime):
        return True
    if isinstance(value, date):
        return False
    return not (isinstance(value, str) and _DATE_ONLY.fullmatch(value))


@lru_cache(maxsize=16384)
def _full_day(day: date, locale: str) -> str:
    return format_date(day, _full_date_pattern(locale), locale=babel_locale(locale))


@lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, locale: str) -> str:
    # No CLDR locale's "short" time pattern shows more than hours, minutes and
    # the half of the day (tests/test_date_format.py checks every locale Babel has).
    return format_time(time(hour, minute), "short", locale=babel_locale(locale))


@lru_cache(maxsize=64)
def _full_date_pattern(locale: str) -> str:
    # CLDR pads the day in some locales (`Senin, 04 Maret 2024`); newsrooms
    # write `Senin, 4 Maret 2024`.
    return str(get_date_format("full", locale=babel_locale(locale)).pattern).replace("dd", "d")


def long_date(moment: datetime, locale: str) -> str:
    """`26 September 2018`."""
    return _long_day(moment.date(), locale)


@lru_cache(maxsize=16384)
def _long_day(day: date, locale: str) -> str:
    return format_date(day, "long", locale=babel_locale(locale))


def iso(moment: datetime) -> str:
    """ISO 8601 with offset, seconds precision: `2018-09-26T10:00:00+07:00`."""
    return moment.isoformat(timespec="seconds")
