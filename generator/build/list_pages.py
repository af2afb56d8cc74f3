"""The sealed pages' boundaries at the edges of a build (content/list-pages.txt): read
before the plan, written with the output like the register of published addresses,
and added to by the quick path when today's news fills a page.

The file is parsed by content/list_pages.py; the planner paginates each list from
it (plan/sealing.py) and gives back the boundaries as this build leaves them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from generator import urls
from generator.build.addresses import read_text, with_lines
from generator.content.list_pages import (
    LIST_PAGES,
    Boundaries,
    followed,
    format_list_pages,
    line_of,
    parse_list_pages,
)
from generator.errors import ContentError, Problem, Text
from generator.plan.page import Page
from generator.plan.pagination import OrderKey, Tail

OVERFULL = 3
"""A list page holding more than this many times `page_size` articles is reported: old
articles imported in bulk joined the sealed pages where their dates fall."""


@dataclass(frozen=True, eq=False, repr=False)
class ListPagesFile:
    """The boundaries as found on disk, following the files moved since."""

    boundaries: Boundaries
    """By list URL (empty when there is no file), a page sealed at a file moved since
    sealed at it under its new path (content/list_pages.py `followed`)."""
    text: str | None
    """Its text; None when there is no file yet."""
    followed: bool = False
    """Whether a boundary follows a moved file: `text` names its old path until a build
    writes the file."""
    merged: tuple[Problem, ...] = ()
    """The warning that it holds a merge's conflicts, read with both sides' lines."""


def load_list_pages(site_dir: Path, moved: Mapping[str, OrderKey] | None = None
                    ) -> ListPagesFile:
    """Read and parse the boundaries, those sealed at a file `moved` since (old path ->
    the article's order key now: addresses.files_moved_since) following it; raise
    ContentError naming each bad line."""
    text = read_text(site_dir, LIST_PAGES)
    if text is None:
        return ListPagesFile({}, None)
    boundaries, problems = parse_list_pages(text, LIST_PAGES)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    now = followed(boundaries, moved or {})
    return ListPagesFile(now, text, now != boundaries, tuple(problems))


def next_text(found: ListPagesFile, boundaries: Boundaries) -> str | None:
    """The file's text as a build that paginated with `boundaries` leaves it; None when
    it stays as found (no page sealed yet and no file: none is written). A file edited
    by hand (its lines reordered) is written again in order, as the register is: the
    quick path adds lines to it where sorting puts them (`appended_text`)."""
    if found.text is None and not boundaries:
        return None
    text = format_list_pages(boundaries)
    return None if text == found.text else text


def rebalanced(before: Boundaries, after: Boundaries) -> tuple[str, ...]:
    """The lists whose sealed pages a rebalance changed, by URL, sorted."""
    return tuple(sorted(base for base in before.keys() | after.keys()
                        if before.get(base, ()) != after.get(base, ())))


def appended_text(text: str | None, sealed: Mapping[str, tuple[OrderKey, ...]],
                  tails: Mapping[str, Tail]) -> str | None:
    """The file `text` with the pages an append filled up (`sealed`: their boundaries,
    by list; `tails`: the lists' pages after it), what the whole way would write; None
    when nothing filled up."""
    if not sealed:
        return None
    if text is None:
        text = format_list_pages({})
    lines = []
    for base, keys in sealed.items():
        number = tails[base].sealed - len(keys)
        for key in keys:
            number += 1
            lines.append(line_of(base, number, key))
    return with_lines(text, lines)


def overfull(pages: Iterable[Page], page_size: int, text: str | None) -> list[Problem]:
    """A warning, at the line of the largest in the file `text`, when list pages hold
    more than `OVERFULL` times `page_size` articles (a bulk import of old articles:
    sealed pages grow rather than move every later page), naming the way to paginate
    afresh; none otherwise."""
    limit = OVERFULL * page_size
    found = [(len(page.items), url) for page, url in _numbered(pages) if len(page.items) > limit]
    if not found:
        return []
    largest = max(found)
    return [_warning(len(found), largest, limit, _line_of(text, largest[1]))]


def overfull_grown(warnings: tuple[Problem, ...], pages: Iterable[Page], added: Set[int],
                   page_size: int) -> tuple[Problem, ...]:
    """`warnings` (the last build's) with `overfull`'s as the whole way would give it
    once stories filed late (the articles `added`, by index) grew the list `pages`
    planned again, every other list page as it was: the quick path counts from the last
    warning rather than from every page. Its line is left unknown (`moved_lines` finds
    it). (The last warning counted to this limit: a changed `page_size` changes the
    settings' fingerprint, which sends the build the whole way before this.)"""
    limit = OVERFULL * page_size
    count, largest = 0, (0, "")
    for problem in warnings:
        if problem.path == LIST_PAGES:
            values = dict(problem.message.values)
            count, largest = int(values["count"]), (int(values["items"]), str(values["url"]))
    grew = False
    for page, url in _numbered(pages):
        size = len(page.items)
        if size > limit:
            if size - sum(1 for item in page.items if item in added) <= limit:
                count += 1  # (one that held more before them is counted already)
            largest = max(largest, (size, url))
            grew = True
    if not grew:
        return warnings
    others = (p for p in warnings if p.path != LIST_PAGES)
    return tuple(sorted((*others, _warning(count, largest, limit, None)),
                        key=lambda p: p.path))  # (where the whole way sorts it)


def _numbered(pages: Iterable[Page]) -> Iterator[tuple[Page, str]]:
    """The list pages among `pages`, each with its numbered address (the newest page is
    shown at its list's URL, but reported by its number)."""
    return ((page, urls.numbered(page.list_url, page.number)) for page in pages
            if page.number is not None and page.list_url)


def _warning(count: int, largest: tuple[int, str], limit: int, line: int | None) -> Problem:
    """The warning `overfull` gives: `count` pages over `limit`, the `largest` (its
    articles, its numbered address) at `line` of the file."""
    items, url = largest
    return Problem(LIST_PAGES, line,
                   Text("list pages holding more than {limit} articles ({times} times "
                        "page_size): {count}; the largest, {url}, holds {items}",
                        count=count, limit=limit, times=OVERFULL, url=url, items=items),
                   Text("old articles imported in bulk joined the sealed pages where their "
                        "dates fall: run `warta build --rebalance-pages` once to paginate "
                        "every list afresh"), "warning")


def moved_lines(warnings: Iterable[Problem], text: str | None) -> tuple[Problem, ...]:
    """`warnings` with `overfull`'s at its page's line of `text`: the quick path keeps
    the last build's warnings, and an append inserts the lines of the pages it fills."""
    # (The file's only warning; its other problems are errors, which stop a build.)
    return tuple(replace(p, line=_line_of(text, str(dict(p.message.values)["url"])))
                 if p.path == LIST_PAGES and "url" in dict(p.message.values) else p
                 for p in warnings)


def _line_of(text: str | None, url: str) -> int | None:
    """The line of the sealed page at `url` in the file `text`, if it is there."""
    return next((n for n, raw in enumerate((text or "").splitlines(), start=1)
                 if raw.startswith(url + " ")), None)


def crossed_lists(text: str, low: OrderKey, high: OrderKey) -> set[str] | None:
    """The lists (by URL) with a sealed page's boundary in `text` (content/list-pages.txt)
    from the order key `low` up to `high` (not `high` itself): an article of theirs whose
    order key moved between them crosses it and changes pages (a page holds the articles
    up to its boundary, so one moved earlier past its own stays). None when a line there
    does not read, or the keys lie more than a month apart (not read). Only the lines of
    the days around them are parsed (100,000 articles: 29,000 lines)."""
    # (A line keeps the offset it was written in, another zone's after the site's
    # timezone changed: up to 26 hours from the keys' own, two days either side.)
    days = {(low[0] + timedelta(days=n)).date().isoformat()
            for n in range(-2, (high[0] - low[0]).days + 3)}
    if len(days) > 42:
        return None
    found: set[str] = set()
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) < 3 or line.startswith("#") or parts[1][:10] not in days:
            continue
        try:
            bound = (datetime.fromisoformat(parts[1]), parts[2].strip())
        except ValueError:
            return None  # (the whole way names the line)
        if bound[0].tzinfo is None or "page/" not in parts[0]:
            return None
        if low <= bound < high:
            found.add(parts[0][:parts[0].rindex("page/", 0, -1)])
    return found


def sealed_bounds(site_dir: Path, lists: Collection[str]) -> Mapping[str, tuple[OrderKey, ...]]:
    """The boundaries of the sealed pages of `lists` (by URL) as content/list-pages.txt
    keeps them (the caller checks the file is as the last build left it); LookupError
    when they cannot be read. Only their lines are parsed (100,000 articles: 29,000)."""
    wanted = tuple(base + "page/" for base in lists)
    text = read_text(site_dir, LIST_PAGES) or ""
    found, problems = parse_list_pages("\n".join(
        line for line in text.splitlines() if line.startswith(wanted)))
    if problems:
        raise LookupError("content/list-pages.txt does not parse")
    return found
