"""The boundaries of the sealed list pages (`content/list-pages.txt`): text <-> records.

A list page that has filled up is sealed (plan/pagination.py): it keeps the
articles up to its newest one for good, and an article dated into it later joins
it. The file keeps, for every sealed page of every list, the place of its newest
article in the site's order: its date and its source file. `warta build` keeps it
like the register of published addresses, and the editors commit it with the
content, so that a fresh checkout paginates every list as the builds before did.
`parse_list_pages` and `format_list_pages` are pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from generator.content import merge_conflicts
from generator.errors import Problem, Text

LIST_PAGES = "content/list-pages.txt"
"""Where the boundaries live, relative to the site folder."""

HEADER = """\
# The sealed pages of every list, kept by `warta build`: commit this file with the
# content, as a lock file. One sealed page a line: its address, then the date and the
# file of its newest article. A page keeps every article up to that one: an article
# dated into it joins it, and no later page moves. `warta build --rebalance-pages`
# paginates every list afresh.
"""

OrderKey = tuple[datetime, str]
"""Where an article stands in the site's order: its date and its source path, what
`Site.articles` is sorted by (plan/site.py); plan/pagination.py pages lists by it."""

_PAGE = re.compile(r"(/(?:[^ ]*/)?)page/([1-9][0-9]*)/")

Boundaries = Mapping[str, tuple[OrderKey, ...]]
"""The boundary of each sealed page (page 1's first), by the list's URL."""


def parse_list_pages(text: str, path: str = LIST_PAGES) -> tuple[dict[str, tuple[OrderKey, ...]],
                                                                list[Problem]]:
    """The boundaries by list, and a problem (file, line, what to do) for each line that
    is not one; a list whose pages are not numbered 1, 2, 3... is a problem too. A
    merge's conflicts are read with both sides (a warning says so): a list both sides
    sealed differently keeps one side's pages (`_joined`)."""
    return merge_conflicts.read_sides(text, path, _parsed, _joined)


def _joined(ours: Boundaries, theirs: Boundaries) -> dict[str, tuple[OrderKey, ...]]:
    """Each list's sealed pages from both sides; of a list both sealed differently
    (each filled its newest page with its own stories), the side with more sealed
    pages, or of as many the one sealed earlier: its pages stay in order, and a story
    of the other side joins the page its date falls in, as a story filed late does.
    (The same whichever side a merge or a rebase calls ours.)"""
    found = dict(ours)
    for base, keys in theirs.items():
        mine = found.get(base)
        if mine is None or (-len(keys), keys) < (-len(mine), mine):
            found[base] = keys
    return found


def _parsed(text: str, path: str) -> tuple[dict[str, tuple[OrderKey, ...]], list[Problem]]:
    found: dict[str, dict[int, tuple[OrderKey, int]]] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(" ", 2)
        match = _PAGE.fullmatch(parts[0])
        if match is None or len(parts) < 3:
            problems.append(Problem(path, number, Text("{line!r} is not a sealed page",
                                                       line=line),
                                    Text("write `<list>/page/<n>/ <date> <file>`, or delete "
                                         "the file and build to write it again")))
            continue
        try:
            when = datetime.fromisoformat(parts[1])
        except ValueError:
            when = None
        if when is None or when.tzinfo is None:
            problems.append(Problem(path, number, Text("{date!r} is not a date with its "
                                                       "time zone", date=parts[1]),
                                    Text("write it as 2024-03-05T10:00:00+07:00")))
            continue
        base, page = match.group(1), int(match.group(2))
        pages = found.setdefault(base, {})
        if page in pages:
            problems.append(Problem(path, number, Text("{url} is also on line {line}",
                                                       url=parts[0], line=pages[page][1]),
                                    Text("keep one of the two lines")))
            continue
        pages[page] = ((when, parts[2].strip()), number)
    boundaries: dict[str, tuple[OrderKey, ...]] = {}
    for base, pages in found.items():
        keys = tuple(pages[n][0] for n in sorted(pages))
        if sorted(pages) != list(range(1, len(pages) + 1)) or list(keys) != sorted(keys):
            first = min(line for _, line in pages.values())
            problems.append(Problem(path, first, Text("the sealed pages of {base} are not "
                                                      "numbered 1, 2, 3... in the order of "
                                                      "their dates", base=base),
                                    Text("delete the lines of {base}: its pages are sealed "
                                         "again as they fill", base=base)))
            continue
        boundaries[base] = keys
    return boundaries, problems


def line_of(base: str, number: int, key: OrderKey) -> str:
    """The line of page `number` of the list at `base`, sealed at `key`."""
    return f"{base}page/{number}/ {key[0].isoformat()} {key[1]}\n"


def format_list_pages(boundaries: Boundaries) -> str:
    """The file's text: the header, then one line per sealed page, sorted."""
    lines = [line_of(base, number, key) for base, keys in boundaries.items()
             for number, key in enumerate(keys, start=1)]
    return HEADER + "".join(sorted(lines))


def followed(boundaries: Boundaries, moved: Mapping[str, OrderKey]) -> Boundaries:
    """`boundaries` with each sealed at an article whose file moved or was renamed since
    (`moved`: old path -> the article's order key now) sealed at it again, when its date
    is the same: the page keeps its articles as the file moves (a story whose date
    changed too takes its place by the new one)."""
    if not moved:
        return boundaries
    return {base: tuple(follow(key, moved) for key in keys)
            for base, keys in boundaries.items()}


def follow(key: OrderKey, moved: Mapping[str, OrderKey]) -> OrderKey:
    """A sealed page's boundary `key` at the new path of the article whose file moved
    from its path (`moved`: old path -> the article's order key now), when the date is
    the same; else as it is."""
    found = moved.get(key[1])
    return (key[0], found[1]) if found is not None and found[0] == key[0] else key


def with_followed(text: str, moved: Mapping[str, OrderKey]) -> str:
    """The file's `text` as `format_list_pages(followed(...))` leaves it when only files
    moved: each line sealed at one of `moved` (its date the same) naming the new file, in
    place (the lines sort by their address). Only the lines naming an old file are read:
    the file has a line per sealed page of every list (34,000 on the 100,000-article
    synthetic copy with its default-build site.toml)."""
    if text and not text.endswith("\n"):
        text += "\n"
    for old, (date, new) in moved.items():
        needle = f" {old}\n"
        at = text.find(needle)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = at + len(needle)
            parts = text[start:end - 1].split(" ", 2)
            if len(parts) == 3 and parts[2] == old and text[start] != "#" and _dated(
                    parts[1], date):
                line = f"{parts[0]} {parts[1]} {new}\n"
                text = text[:start] + line + text[end:]
                end = start + len(line)
            at = text.find(needle, end)
    return text


def _dated(written: str, date: datetime) -> bool:
    """Whether a line's date as `written` is `date` (False when it does not read: the
    whole way names the line)."""
    try:
        return datetime.fromisoformat(written) == date
    except ValueError:
        return False
