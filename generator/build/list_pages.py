"""The sealed pages' boundaries at the edges of a build (content/list-pages.txt): read
before the plan, written with the output like the register of published addresses,
and added to by the quick path when today's news fills a page.

The file is parsed by content/list_pages.py; the planner paginates each list from
it (plan/sealing.py) and gives back the boundaries as this build leaves them.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.build.addresses import read_text, split_head
from generator.content.list_pages import (
    LIST_PAGES,
    Boundaries,
    format_list_pages,
    line_of,
    parse_list_pages,
)
from generator.errors import ContentError
from generator.plan.pagination import OrderKey, Tail


@dataclass(frozen=True, eq=False, repr=False)
class ListPagesFile:
    """The boundaries as found on disk."""

    boundaries: Boundaries
    """By list URL (empty when there is no file)."""
    text: str | None
    """Its text; None when there is no file yet."""


def load_list_pages(site_dir: Path) -> ListPagesFile:
    """Read and parse the boundaries; raise ContentError naming each bad line."""
    text = read_text(site_dir, LIST_PAGES)
    if text is None:
        return ListPagesFile({}, None)
    boundaries, problems = parse_list_pages(text, LIST_PAGES)
    if problems:
        raise ContentError(problems)
    return ListPagesFile(boundaries, text)


def next_text(found: ListPagesFile, boundaries: Boundaries) -> str | None:
    """The file's text as a build that paginated with `boundaries` leaves it; None when
    it stays as found (no page sealed yet and no file: none is written)."""
    if dict(found.boundaries) == dict(boundaries) and (found.text is not None
                                                         or not boundaries):
        return None
    return format_list_pages(boundaries)


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
    head, rest = split_head(text)
    for base, keys in sealed.items():
        number = tails[base].sealed - len(keys)
        for key in keys:
            number += 1
            insort(rest, line_of(base, number, key))
    return head + "".join(rest)

