"""Stories deleted: their files removed from content/articles/ (a duplicate an import
brought, a story published by mistake). The quick path plans a deleted story as one
withdrawn (plan/relisting.py `relisted`: out of every list, its place kept), its
address answering the gone notice instead of its page (build/relisted.py
`deleting`); the site and memo the next build starts from are those without it:
`memo_without` takes it out, every later index one lower, as `make_site` would index
the archive without its file. Pure functions, no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace

from generator.content.model import Article
from generator.plan.indexes import AuthorIndex, MonthIndex, SectionIndex, TagIndex
from generator.plan.late import filed_after
from generator.plan.relisting import holds
from generator.plan.site import Site, menu_tags
from generator.plan.site_memo import SiteMemo


def memo_without(memo: SiteMemo, points: Sequence[int], articles: Sequence[Article],
                 kept: bool) -> SiteMemo | None:
    """`memo` without the articles at `points` (ascending indexes of its site, each in
    no list: withdrawn by `relisted`): their shapes out, the site's indexes and the
    order of the others shifted down past each. The build keeping the register
    (`kept`), the newest left (read from `articles`, the site's, when the newest was
    deleted: a story published by mistake) is the site's newest date and the register's
    newest article, and the next story filed late comes after it or after those filed
    late that are left (`known_until`, `late_after`, as `late.register_marks` has them).
    None when none is left; and, the register unwritten (a preview), when one is the
    site's or the register's newest or was filed late (the register tells those)."""
    given = sorted(memo.order[point] for point in points)
    gone = set(points)
    shapes = memo.shapes
    for index in reversed(given):
        shapes = shapes[:index] + shapes[index + 1:]
    order = tuple(q - bisect_left(given, q) for n, q in enumerate(memo.order)
                  if n not in gone)
    site = site_without(memo.site, points)
    bare = replace(memo, shapes=shapes, order=order, site=site)
    newest = len(memo.order) - 1
    until = memo.known_until
    if not kept:
        told = newest in gone or not gone.isdisjoint(memo.site.late) or (
            until is not None and any(articles[point].path == until[1] for point in points))
        return None if told else bare
    while newest in gone:
        newest -= 1
    if newest < 0 or until is None:
        return None
    if newest < len(memo.order) - 1:  # (the newest deleted: the one left dates the rest)
        until = (articles[newest].date, articles[newest].path)
    return replace(bare, site=replace(site, articles_until=until[0]), known_until=until,
                   late_after=filed_after(until[0], site.late.values()))


def site_without(site: Site, points: Sequence[int]) -> Site:
    """`site` without the articles at `points` (ascending, each in no list, none the
    lead): every later index one lower per article taken out before it, in every list,
    the picks, the lead and the stories filed late."""
    shift = _shifter(points)
    tags = tuple(TagIndex(t.tag, shift(t.items)) for t in site.tags)
    return replace(
        site, listed=shift(site.listed), tags=tags, nav_tags=menu_tags(site.config, tags),
        authors=tuple(AuthorIndex(a.author, shift(a.items)) for a in site.authors),
        months=tuple(MonthIndex(m.year, m.month, shift(m.items)) for m in site.months),
        sections=tuple(SectionIndex(s.section, shift(s.items)) for s in site.sections),
        featured=shift(site.featured),
        lead=None if site.lead is None else site.lead - bisect_left(points, site.lead),
        late={i - bisect_left(points, i): after for i, after in site.late.items()
              if i not in points})


def _shifter(points: Sequence[int]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    first = points[0]

    def shift(items: tuple[int, ...]) -> tuple[int, ...]:
        # (Only the indexes past the first point move: 100,000 of them in the archive's
        # list, a few in most tags'.)
        split = bisect_left(items, first)
        if split == len(items):
            return items
        assert not any(holds(items, point) for point in points), "a deleted one listed"
        if len(points) == 1:
            return items[:split] + tuple([i - 1 for i in items[split:]])
        return items[:split] + tuple([i - bisect_left(points, i) for i in items[split:]])
    return shift
