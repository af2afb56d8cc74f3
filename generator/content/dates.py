"""An article's date and time as editors write them, read (`to_datetime`), and what a
date Warta cannot read most likely meant (`meant_date`). Pure functions.

ISO 8601 is the form Warta writes and asks for. Two Indonesian habits are read too,
because their meaning is plain and reading them as ISO went wrong without a word:
the time written with a dot (`07.30`, as PUEBI and every dateline write it, which
Python read as 07:00 and 0.3 seconds) and a time zone named as datelines name it
(`07:30 WIB`). A date in another order (`05-01-2025`, `5 Januari 2025`) stays an
error, with the ISO date it most likely meant as the hint: the editor checks the
day and the month, and the file keeps one form that sorts and searches.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
"""Indonesia's time zones as datelines name them, by their offset from UTC in hours."""

_DAY = r"(\d{4})-(\d\d)-(\d\d)"
_CLOCK = re.compile(_DAY + r"[ T](\d{1,2})([:.])(\d\d)(?:\5(\d\d))?(?:\s*(WIB|WITA|WIT))?",
                    re.IGNORECASE)
"""A day in ISO order and a time of day written the Indonesian way: the hour in one
digit, a dot between hours and minutes, or a time zone's name after it."""


def to_datetime(value: Any, zone: ZoneInfo) -> datetime | None:
    """A frontmatter date value as an aware datetime in `zone`, or None when it is no
    date Warta reads (ISO 8601; YAML's dates; the forms `_CLOCK` describes)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        read = _read_text(value.strip())
        if read is None:
            return None
        parsed = read
    else:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def _read_text(text: str) -> datetime | None:
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        year, month, day, hour, _, minute, second, zone = clock.groups()
        try:
            return datetime(int(year), int(month), int(day), int(hour), int(minute),
                            int(second or 0), tzinfo=_offset(zone))
        except ValueError:
            return None
    if re.match(r"^\d{4}-\d\d-\d\d[ T]\d{1,2}[.,]", text):
        return None  # (`07.3`: Python reads a fraction of the hour, no editor means one)
    if re.match(r"^\d{4}-\d\d-\d\d \d", text):
        text = text.replace(" ", "T", 1)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _offset(name: str | None) -> timezone | None:
    return timezone(timedelta(hours=ZONES[name.upper()])) if name else None


_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|"
                      r"wednesday|thursday|friday|saturday|sunday)\s*,?\s*", re.IGNORECASE)
_MONTHS = {name: number for number, names in enumerate((
    ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"),
    ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
    ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "ags", "aug"),
    ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
    ("november", "nopember", "nov", "nop"), ("desember", "december", "des", "dec")), 1)
    for name in names}
_NUMBERS = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)
_TIME = re.compile(r"(?:[ T,]\s*(?:pukul|jam)?\s*(\d{1,2})[.:](\d\d)(?:[.:](\d\d))?)?"
                   r"(?:\s*(WIB|WITA|WIT))?", re.IGNORECASE)


def meant_date(text: str) -> str | None:
    """The ISO form of a date Warta does not read, read the way Indonesian newsrooms
    write dates (day first: `05-01-2025`, `5/1/2025`, `5 Januari 2025`, `Senin, 5 Jan
    2025 07.30 WIB`; year first with slashes, `2025/01/05`), or None. The day comes
    first unless it cannot (`01/25/2025`: the 25th of January)."""
    text = _WEEKDAY.sub("", text.strip())
    day = _day(text)
    if day is None:
        return None
    found, rest = day
    clock = _TIME.fullmatch(rest)
    if clock is None:
        return None
    hour, minute, second, zone = clock.groups()
    if hour is None:
        return found.isoformat() if zone is None else None
    try:
        moment = datetime.combine(found, time(int(hour), int(minute), int(second or 0)),
                                  _offset(zone))
    except ValueError:
        return None
    return moment.isoformat(timespec="minutes" if second is None else "seconds")


def _day(text: str) -> tuple[date, str] | None:
    """The day a date written in another order gives, and the text after it."""
    numbers = _NUMBERS.match(text)
    if numbers is not None:
        first, second, third = (int(n) for n in numbers.groups())
        if len(numbers.group(1)) == 4:
            orders = [(first, second, third)]  # (2025/01/05)
        elif len(numbers.group(3)) == 4:
            orders = [(third, second, first), (third, first, second)]
        else:
            return None
        rest = text[numbers.end():]
    else:
        words = _WORDS.match(text)
        month = _MONTHS.get(words.group(2).lower()) if words is not None else None
        if words is None or month is None:
            return None
        orders = [(int(words.group(3)), month, int(words.group(1)))]
        rest = text[words.end():]
    for year, month, day_ in orders:
        try:
            return date(year, month, day_), rest
        except ValueError:
            continue
    return None
