"""Stories filed late: articles first published after a newer one (issue 18).

A story filed late is never among another article's related articles
(plan/related.py), so dating one in among published articles changes none of their
pages but its neighbours'. Which articles are late is decided once, when the
register of published addresses first takes the article, and kept there as a `late`
line (content/register.py, written by plan/redirects.py), so a fresh checkout
decides the same. Pure functions of the site's articles and what the register knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from generator.content.model import Article
from generator.content.register import Registered


def late_of(chosen: Sequence[Article], registered: Registered | None) -> tuple[int, ...]:
    """The stories filed late among `chosen` (by date): those the register names
    `late`, and those it does not know yet that are dated before the newest it knows
    (published after it). A register that knows none (a first build) makes none late,
    and one from before this rule names none: their related articles stay as they were."""
    if registered is None or not registered.known:
        return ()
    known, late = registered.known, registered.late
    newest = len(chosen) - 1
    while newest >= 0 and chosen[newest].path not in known:
        newest -= 1
    return tuple(i for i, a in enumerate(chosen)
                 if a.path in late or (i < newest and a.path not in known))


def known_until(articles: Sequence[Article], registered: Registered | None, kept: bool
                ) -> tuple[datetime, str] | None:
    """The order key (date, path) of the newest of a site's `articles` (by date) that
    the register knows once the build is done: its newest when the build keeps the
    register (it then knows them all), else the newest `registered` knows. A story
    dated in before it is late (plan/insertion.py); None when there is none."""
    newest = len(articles) - 1
    if not kept:
        known = registered.known if registered is not None else frozenset()
        while newest >= 0 and articles[newest].path not in known:
            newest -= 1
    return (articles[newest].date, articles[newest].path) if newest >= 0 else None
