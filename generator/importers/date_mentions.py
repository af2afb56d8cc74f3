"""Dates as Indonesian news text writes them, and the inference of a missing year.

Pure functions over text. The forms are the ones counted in the shared corpus
notes: `Rabu (26/9)`, `Senin (12/2/2024)`, `(22/10/18)`, `Selasa, 24 Februari 2026`,
`Ahad` as a synonym of `Minggu`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}
MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10,
    "november": 11, "nopember": 11, "desember": 12,
}
_DAY_NAME = r"(?P<weekday>senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
# `Senin malam (16/6/2025)`: a part of the day may stand between weekday and date.
_DAY_PART = r"(?:\s+(?:pagi|siang|sore|petang|malam|dini\s+hari))?"
_MONTH_NAME = "|".join(MONTHS)
# `Rabu (26/9)`, `Senin (12/2/2024) malam`, bare `(25/02/2019)`, `(22/10/18)`.
_NUMERIC = re.compile(
    rf"(?:\b{_DAY_NAME}{_DAY_PART}\s*,?\s*)?\(\s*(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})"
    r"(?:/(?P<year>\d{4}|\d{2}))?\s*\)",
    re.IGNORECASE,
)
# `Selasa, 24 Februari 2026`, `Senin 5 Maret 2018`, `pada 15 Maret 2026`, and
# without a year `13 Februari` or a range `14 - 15 Februari` (its first day): a
# month written as a word makes the number a day, not a ratio.
_NAMED = re.compile(
    rf"(?:\b{_DAY_NAME}{_DAY_PART}\s*,?\s*)?\b(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?"
    rf"\s+(?P<month>{_MONTH_NAME})\b(?:\s+(?P<year>\d{{4}})\b)?",
    re.IGNORECASE,
)
# `sejak (tahun) 2020`: the story is told after that year, so it cannot be dated before it.
_SINCE_YEAR = re.compile(r"\bsejak\s+(?:tahun\s+)?(?P<year>19[5-9]\d|20\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d/.,])(?:19[5-9]\d|20\d\d)(?![\d/])")
_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass(frozen=True)
class DateMention:
    """One date written in a text."""

    text: str
    """The words as written, e.g. `Rabu (26/9)`."""
    position: int
    """Offset of the mention in the text; earlier mentions win."""
    day: int
    """Day of the month."""
    month: int
    """Month, 1-12."""
    year: int | None
    """Four-digit year, or None when the text leaves it out."""
    weekday: int | None
    """Monday=0 ... Sunday=6 when a weekday name is written, else None."""


@dataclass(frozen=True)
class DateFinding:
    """The article date chosen from a text, and how."""

    value: date
    """The date."""
    how: str
    """Human explanation for the import report."""
    warnings: tuple[str, ...] = ()
    """E.g. a weekday that contradicts an explicit date."""
    year_inferred: bool = False
    """True when the text left the year out and it was inferred."""


def mentions(text: str) -> list[DateMention]:
    """Every date mention in `text`, in order of position."""
    found: list[DateMention] = []
    for pattern in (_NUMERIC, _NAMED):
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
            year_text = match.group("year")
            year = None
            if year_text:
                year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            weekday_text = match.group("weekday")
            weekday = WEEKDAYS[weekday_text.lower()] if weekday_text else None
            if year is None and weekday is None and month_text.isdigit():
                continue  # a bare `(3/4)` is as likely a ratio as a date
            day = int(match.group("day"))
            if not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            found.append(DateMention(match.group(0).strip(), match.start(), day, month, year,
                                     weekday))
    return sorted(found, key=lambda m: m.position)


def years_in(text: str) -> list[int]:
    """Four-digit years written in `text` (not parts of numeric dates), in order."""
    return [int(m.group(0)) for m in _YEAR.finditer(text)]


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_date(text: str, published: date | None = None) -> DateFinding | None:
    """The article's date from the first usable date mention in `text`, or None.

    Mentions with a weekday are preferred (they are how a news lead dates the
    event); then explicit numeric dates; then `d Month yyyy` anywhere.
    """
    found = mentions(text)
    if not found:
        return None
    for mention in sorted(found, key=lambda m: (m.weekday is None, m.position)):
        finding = _resolve(mention, text, published)
        if finding:
            return finding
    return None


def first_date(lead: str, context: str, published: date | None = None) -> DateFinding | None:
    """The first date written in `lead` (by position, any form) that resolves.

    A missing year is inferred from the weekday, `published` and the years
    written anywhere in `context` (the whole story).
    """
    for mention in mentions(lead):
        finding = _resolve(mention, context, published)
        if finding:
            return finding
    return None


# Indonesia's three zones, as news text writes them after a clock time.
ZONE_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}
_CLOCK = re.compile(
    r"(?:\b(?:pukul|jam|pkl\.?)\s+(?P<hour>\d{1,2})[.:](?P<minute>\d{2})"
    r"(?:\s*(?P<zone>WIB|WITA|WIT)\b)?"
    r"|\b(?P<hour2>\d{1,2})[.:](?P<minute2>\d{2})\s*(?P<zone2>WIB|WITA|WIT)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClockTime:
    """A time of day written in a text: `pukul 10.00 WIB`, `10:00 WITA`."""

    text: str
    """The words as written."""
    hour: int
    """0-23."""
    minute: int
    """0-59."""
    utc_offset: int | None
    """Hours east of UTC from the zone written (WIB 7, WITA 8, WIT 9); None when no zone."""


def first_clock(text: str) -> ClockTime | None:
    """The first valid time of day in `text`, or None."""
    for match in _CLOCK.finditer(text):
        hour = int(match.group("hour") or match.group("hour2"))
        minute = int(match.group("minute") or match.group("minute2"))
        zone = match.group("zone") or match.group("zone2")
        if hour > 23 or minute > 59:
            continue
        offset = ZONE_OFFSETS[zone.upper()] if zone else None
        return ClockTime(match.group(0), hour, minute, offset)
    return None


def day_month(text: str, day: int, month: int, context: str,
              published: date | None = None) -> DateFinding | None:
    """A day and month written without a year (a dateline's `3/5`), the year inferred."""
    return _resolve(DateMention(text, 0, day, month, None, None), context, published)


def _resolve(mention: DateMention, text: str, published: date | None) -> DateFinding | None:
    if mention.year is not None:
        value = _valid(mention.year, mention.month, mention.day)
        if value is None:
            return None
        warnings: tuple[str, ...] = ()
        if mention.weekday is not None and value.weekday() != mention.weekday:
            warnings = (f"`{mention.text}`: {value.isoformat()} is a "
                        f"{_WEEKDAY_NAMES[value.weekday()]}, not a "
                        f"{_WEEKDAY_NAMES[mention.weekday]}; the date wins",)
        return DateFinding(value, f"`{mention.text}`", warnings)
    return _infer_year(mention, text, published)


def _infer_year(mention: DateMention, text: str, published: date | None) -> DateFinding | None:
    hints = years_in(text)
    anchor_years = sorted(set(hints))
    if published:
        anchor_years.append(published.year)
    if not anchor_years:
        return None
    low, high = min(anchor_years) - 12, max(anchor_years) + 12
    floor = max((int(m.group("year")) for m in _SINCE_YEAR.finditer(text)), default=low)
    candidates = [
        value for year in range(max(low, floor), high + 1)
        if (value := _valid(year, mention.month, mention.day))
        and (mention.weekday is None or value.weekday() == mention.weekday)
    ]
    if not candidates:
        return None

    def cost(value: date) -> tuple[int, int, int]:
        # The publication hint is strongest: a story is dated on or shortly
        # before it is published. Then the years the text talks about.
        to_published = abs((published - value).days) if published else 0
        if published and value > published:
            to_published += 366
        to_text = min((abs(value.year - y) for y in hints), default=0)
        return (to_published, to_text, value.year)

    best = min(candidates, key=cost)
    sources = []
    if mention.weekday is not None:
        sources.append("weekday")
    if published:
        sources.append("--published")
    if hints:
        sources.append("text")
    how = f"`{mention.text}` + year {best.year} from {' and '.join(sources)}"
    return DateFinding(best, how, year_inferred=True)
