"""Stories filed late: articles first published after a newer one (issue 18).

A story filed late is never among the related articles of an article published
before it (plan/related.py), so dating one in among published articles changes none
of their pages but its neighbours'. Which articles are late, and after what, is
decided once, when the register of published addresses first takes the article,
and kept there as a `late` line with the date of the newest article published then
(content/register.py, written by plan/redirects.py), so a fresh checkout decides the
same. Pure functions of the site's articles and what the register knows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone

from generator.content.model import Article
from generator.content.register import Registered


def late_of(chosen: Sequence[Article], registered: Registered | None) -> dict[int, datetime]:
    """The stories filed late among `chosen` (by date), each with the date of the newest
    article published when it was filed: those the register names `late`, and those it
    does not know yet that are dated before the newest it knows (filed after it). A
    register that knows none (a first build) makes none late, and one from before this
    rule names none: their related articles stay as they were."""
    if registered is None or not registered.known:
        return {}
    known, late = registered.known, registered.late
    newest = _newest_known(chosen, known)
    found = {i: late[a.path] for i, a in enumerate(chosen) if a.path in late}
    if newest > 0:
        after = filed_after(chosen[newest].date, found.values())
        found.update((i, after) for i in range(newest) if chosen[i].path not in known)
    return dict(sorted(found.items()))


def register_marks(articles: Sequence[Article], late: Mapping[int, datetime],
                   registered: Registered | None, kept: bool
                   ) -> tuple[tuple[datetime, str] | None, datetime | None]:
    """`SiteMemo.known_until` and `SiteMemo.late_after` after a build of a site with these
    `articles` (by date) and `late` stories, as `late_of` will decide from the register
    the build leaves: the order key (date, path) of the newest article it knows (the
    site's newest when the build keeps the register, which then knows them all; else
    the newest `registered` knows), and the date the next story filed late comes after
    (`filed_after`, of the late stories it knows). (None, None) when it knows none."""
    known = registered.known if registered is not None else frozenset()
    newest = len(articles) - 1 if kept else _newest_known(articles, known)
    if newest < 0:
        return None, None
    date = articles[newest].date
    return (date, articles[newest].path), filed_after(
        date, (after for i, after in late.items() if kept or articles[i].path in known))


def filed_after(newest: datetime, late: Iterable[datetime]) -> datetime:
    """The date the stories filed late now come after: that of the `newest` article the
    register knows, or just after the one the last stories filed `late` came after,
    when they were filed since it (each filing after the last, so that a story filed
    now is among the related articles of none of them). With a fixed offset, as the
    register writes it: a microsecond added in a zone with daylight saving could cross
    its change, and a fresh checkout, reading the offset, would not."""
    newest = _fixed(newest)
    last = max(late, default=None)
    return newest if last is None or last < newest else _fixed(last) + _INSTANT


def _newest_known(articles: Sequence[Article], known: Collection[str]) -> int:
    """The index of the newest of `articles` (by date) the register knows; -1: none."""
    newest = len(articles) - 1
    while newest >= 0 and articles[newest].path not in known:
        newest -= 1
    return newest


def _fixed(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    return moment if offset is None else moment.astimezone(timezone(offset))


_INSTANT = timedelta(microseconds=1)
