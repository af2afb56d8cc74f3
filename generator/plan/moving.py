"""Stories whose files moved to another folder or were renamed, their addresses and
everything that places them kept (build/moved_files.py tells them): the site keeps
each in its place when no other story shares its date between its two paths (the
order is by date, then by path: `in_place`), and the memo the next build starts from
is the one `make_site` would give the archive with the new paths (`memo_moved`): the
shapes are given in path order, so each moves among them, and the site's order into
them follows. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from generator.content.list_pages import OrderKey, follow
from generator.content.model import Article, with_key
from generator.plan.pagination import Tail
from generator.plan.site import hint_order
from generator.plan.site_memo import SiteMemo


def in_place(points: Mapping[str, int], moved_from: Mapping[str, str],
             key_at: Callable[[int], OrderKey], count: int) -> bool:
    """Whether each story of `moved_from` (new path -> old path), at its index of
    `points` (by new path), keeps its place: its new order key (date, path) still
    between those of its neighbours, read by `key_at` (an index of the site's `count`
    articles, as they are now: a moved neighbour at its new path)."""
    for new in moved_from:
        point = points[new]
        date, _ = key_at(point)
        if (point > 0 and key_at(point - 1) >= (date, new)) or (
                point + 1 < count and key_at(point + 1) <= (date, new)):
            return False
    return True


def memo_moved(memo: SiteMemo, points: Mapping[str, int], moved: Sequence[Article],
               moved_from: Mapping[str, str], given_before: Callable[[str], int]
               ) -> SiteMemo | None:
    """`memo` with the stories `moved` (as they are now, at their new paths, each at
    its index of `points` in the site, kept: `in_place`) given at their new paths:
    their shapes where `given_before` (how many of the articles given now sort before a
    path) puts them, the site's order into the shapes following; the register's newest
    and the name hints by their new paths. None when the memo does not hold them where
    the site has them with their old paths (it is not of these articles)."""
    shapes = list(memo.shapes)
    taken: dict[int, Article] = {}
    for article in moved:
        label = memo.order[points[article.path]]
        then = with_key(replace(article, path=moved_from[article.path]))
        if label in taken or shapes[label] != then.shape:
            return None
        taken[label] = article
    labels = [label for label in range(len(shapes)) if label not in taken]
    for label, article in sorted(taken.items(), key=lambda item: given_before(item[1].path)):
        # (In the order of their new places: each inserted where it is given now.)
        at = given_before(article.path)
        if not 0 <= at <= len(labels):
            return None
        labels.insert(at, label)
        shapes[label] = article.shape
    place = {label: n for n, label in enumerate(labels)}
    new_of = {old: new for new, old in moved_from.items()}
    until = memo.known_until
    if until is not None and until[1] in new_of:
        until = (until[0], new_of[until[1]])
    site = memo.site
    hints = sorted((replace(hint, path=new_of.get(hint.path, hint.path))
                    for hint in site.name_hints), key=hint_order)
    return replace(memo, shapes=tuple(shapes[label] for label in labels),
                   order=tuple(place[label] for label in memo.order), known_until=until,
                   site=replace(site, name_hints=tuple(hints)))


def moved_keys(moved: Sequence[Article], moved_from: Mapping[str, str]
               ) -> dict[str, OrderKey]:
    """Old path -> order key now of the stories `moved` (at their new paths), for the
    sealed pages' boundaries to follow (content/list_pages.py `followed`)."""
    return {moved_from[a.path]: (a.date, a.path) for a in moved}


def followed_tails(tails: Mapping[str, Tail], moved: Mapping[str, OrderKey]
                   ) -> dict[str, Tail]:
    """The lists' newest pages (`Settled.tails`) with the bound of each newest sealed
    page that a moved file ended (`moved`: old path -> the story's order key now, its
    date the same) at the new path, as `followed` has the sealed pages' file."""
    return {url: tail if tail.bound is None else replace(tail, bound=follow(tail.bound, moved))
            for url, tail in tails.items()}
