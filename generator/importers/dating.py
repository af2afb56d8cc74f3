"""Which date (and time of day) a raw newsroom text gets, and how sure that is.

The order, surest first: the day in the dateline (`PALU, 3/5 (ANTARA) -`); the
first date written in the lead (the first body paragraph, in any form); the
`--published` hint; the first date later in the body (a guess: it often dates
another event); the fallback (the file's modification time). A time of day is
kept only when the lead that gives the date also gives a clock time
(`pukul 10.00 WIB`); otherwise the article is dated by day only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from generator.importers.date_mentions import (
    DateFinding,
    day_month,
    first_clock,
    first_date,
    infer_date,
)
from generator.importers.dateline import Dateline


@dataclass(frozen=True)
class Dated:
    """The date chosen for one article."""

    value: datetime
    """The date (at midnight in the site's zone when no time of day is known)."""
    time_known: bool
    """True when the text gave a time of day for that date."""
    how: str
    """Human explanation for the import report."""
    source: str
    """Where it was found: `dateline`, `lead`, `--published`, `body` or `fallback`."""
    confidence: str
    """`certain` (year written), `inferred` (year or date from a rule) or `guessed`."""
    warnings: tuple[str, ...]
    """Doubts the editor should check."""


def date_article(lead: str, story: str, dateline: Dateline | None, *, zone: ZoneInfo,
                 published: date | None, fallback: datetime, fallback_how: str) -> Dated:
    """The article's date from its dateline, lead, hint, body or fallback, in that order."""
    if dateline and dateline.day and dateline.month:
        found = day_month(f"{dateline.day}/{dateline.month}", dateline.day, dateline.month,
                          story, published)
        if found:
            return _stated(found, lead, zone, "dateline", f"dateline `{dateline.written}`")
    found = first_date(lead, story, published)
    if found:
        return _stated(found, lead, zone, "lead", "lead")
    midnight = time()
    if published:
        return Dated(datetime.combine(published, midnight, zone), False,
                     "no date in the lead: --published", "--published", "inferred", ())
    found = infer_date(story)
    if found:
        return Dated(datetime.combine(found.value, midnight, zone), False,
                     f"{found.how} later in the body (the lead has no date)", "body", "guessed",
                     (*found.warnings, "the lead has no date; the date is the first one later "
                      "in the text, which may date another event: check it"))
    return Dated(fallback, False, f"no date in the text: {fallback_how}", "fallback", "guessed",
                 ("no date in the text; check the date",))


def _stated(found: DateFinding, lead: str, zone: ZoneInfo, source: str, where: str) -> Dated:
    confidence = "inferred" if found.year_inferred else "certain"
    clock = first_clock(lead)
    if clock is None:
        return Dated(datetime.combine(found.value, time(), zone), False,
                     f"{found.how} in the {where}", source, confidence, found.warnings)
    # The zone written (WIB/WITA/WIT) is kept as the offset: converting `00.30 WIT`
    # to a Jakarta site's zone would move the story to the day before.
    written_zone = (timezone(timedelta(hours=clock.utc_offset)) if clock.utc_offset is not None
                    else zone)
    when = datetime.combine(found.value, time(clock.hour, clock.minute), written_zone)
    return Dated(when, True, f"{found.how} `{clock.text}` in the {where}",
                 source, confidence, found.warnings)
