"""The quick path's plan for stories moved between lists, each keeping its place in the
site: another section, other bylines or tags (`relisting`: plan/relisting.py
`relisted` moved them in the site memo), or a time corrected past the end of a page
(`redated_lists`). `Relisted` tells build/append.py `appended_pages` which lists to
paginate again and which articles' pages to plan; anything it cannot tell raises
LookupError (the whole way).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import urls
from generator.build import list_pages
from generator.build.addresses import deleted_lines, ended_lines
from generator.content.register import AUTHOR, TAG
from generator.plan import retagged, sections
from generator.plan.list_addresses import list_items
from generator.plan.pagination import OrderKey
from generator.plan.redirects import Addresses
from generator.plan.relisting import holds
from generator.plan.site import Site


@dataclass(frozen=True, eq=False, repr=False)
class Relisted:
    """Articles moved to another section, credited to other authors or given other tags,
    each keeping its place in the site."""

    points: tuple[int, ...]
    """Their indexes in the site, ascending."""
    lists: Mapping[str, tuple[int, ...]]
    """By the URL of each list they changed, those of them that joined or left it
    (ascending)."""
    sealed: Mapping[str, tuple[OrderKey, ...]]
    """The boundaries of the sealed pages of those lists, as the last build left them."""
    replanned: tuple[int, ...]
    """The articles whose pages they change in their sections (`sections.moved_around`),
    they among them, ascending."""
    retagged: bool = False
    """Whether one joined or left tags' lists."""
    rerelated: frozenset[int] = frozenset()
    """With other tags: the later articles whose related articles may change
    (`retagged.rerelated`)."""
    ended: Addresses | None = None
    """What the lists they left with no article leave at their addresses: gone notices
    (build/addresses.py `ended_lines`)."""
    left: Mapping[str, int] = field(default_factory=dict)
    """By the URL of each list some of them left, how many."""
    redated: Mapping[int, OrderKey] = field(default_factory=dict)
    """Of articles whose time was corrected past the end of a page they were on, the
    order key before, by index (`redated_lists`)."""
    withdrawn: tuple[int, ...] = ()
    """Those of them withdrawn now: out of every list (their pages show the notice)."""
    deleted: tuple[int, ...] = ()
    """Those of `withdrawn` whose files were removed: no page of theirs is planned, their
    addresses answer the gone notice (`ended` holds them), `deleting`."""
    restored: tuple[int, ...] = ()
    """Those of them whose withdrawal was taken back: in every list again (their
    records join the search index)."""


def relisting(site_dir: Path, before: Site, site: Site, points: Sequence[int],
              known: int, register: Callable[[], str | None]) -> Relisted | None:
    """What planning the pages changes when the articles at `points` of `before` moved
    to another section, were credited to other authors or given other tags, were
    withdrawn or had their withdrawal taken back (listed in `before` or in `site`), as
    `site` (`relisting.relisted`) has it, today's news perhaps after them (the articles
    from `known` on; `register` reads the register's text); None when no list changed
    (stories no list shows, or bylines or tags only reordered: their own pages are
    refreshed as for an edit). A list may lose some of them and gain others (one
    story's typo tag moved to the story that should have had it). A tag or an author
    they left with no story ends: its addresses answer the gone notice
    (`Relisted.ended`). LookupError when today's news joins a list they changed (the
    whole way paginates it), a list changed otherwise than by the stories moved, or a
    list that ended had sealed pages or leads elsewhere."""
    tagged = {index.tag.url: index.items for index in before.tags}
    months = {(index.year, index.month): index.items for index in before.months}
    credited = {index.author.url: index.items for index in before.authors}
    pairs = [*((False, old.section.url, old.items, new.items)
               for old, new in zip(before.sections, site.sections, strict=True)),
             # (a new author's: today's news by a new reporter)
             *((False, new.author.url, credited.get(new.author.url, ()), new.items)
               for new in site.authors),
             # (tags that did not change keep their index: 2,000 tags of 100,000 stories;
             # a new tag had none)
             *((True, new.tag.url, was, new.items) for new in site.tags
               if (was := tagged.get(new.tag.url, ())) is not new.items),
             # (a story withdrawn leaves the archive's list and its month's too)
             *((False, urls.month_url(*key), was, new.items) for new in site.months
               if (was := months.get(key := (new.year, new.month), ())) is not new.items)]
    if site.listed is not before.listed:
        pairs.append((False, urls.ARCHIVE, before.listed, site.listed))
    # (a tag or an author left with no story: its list is in no index now, yet it lost
    # them, and its addresses must answer the gone notice; an author's have lines in
    # the register only while author pages are published)
    now = {index.tag.url for index in site.tags}
    ended = {url: (TAG, index.tag.name) for index in before.tags
             if (url := index.tag.url) not in now}
    pairs += [(True, url, tagged[url], ()) for url in ended]
    now = {index.author.url for index in site.authors}
    uncredited = {url: (AUTHOR, index.author.name) for index in before.authors
                  if (url := index.author.url) not in now}
    pairs += [(False, url, credited[url], ()) for url in uncredited]
    if site.config.outputs.author_pages:
        ended.update(uncredited)
    lists: dict[str, tuple[int, ...]] = {}
    lefts: dict[str, int] = {}
    retag = False
    for tag, url, old, grown in pairs:
        new = grown[:bisect_left(grown, known)]  # (today's news apart)
        if old == new:
            continue
        if len(new) != len(grown):
            raise LookupError(f"{url}: today's news joins a list a story left or joined")
        joined = [p for p in points if holds(new, p) and not holds(old, p)]
        left = [p for p in points if holds(old, p) and not holds(new, p)]
        if len(new) - len(old) != len(joined) - len(left):
            raise LookupError(f"{url}: it changed otherwise than by the stories moved")
        lists[url] = tuple(sorted(joined + left))
        if left:
            lefts[url] = len(left)
        retag |= tag
    if not lists:
        return None
    around = {i for point in points for i in sections.moved_around(before, site, point)}
    withdrawn = tuple(point for point in points
                      if holds(before.listed, point) and not holds(site.listed, point))
    restored = tuple(point for point in points
                     if holds(site.listed, point) and not holds(before.listed, point))
    for point in withdrawn:
        # (The stories before and after it in the archive link each other now.)
        at = bisect_left(before.listed, point)
        around.update(before.listed[max(0, at - 1):at + 2])
    for point in restored:  # (they link it again)
        at = bisect_left(site.listed, point)
        around.update(site.listed[max(0, at - 1):at + 2])
    sealed = list_pages.sealed_bounds(site_dir, lists)
    gone = None
    if ended:  # (the register as the last build left it, else the caller goes the whole way)
        gone = ended_lines(register() or "", site, ended)
        if gone is None or any(sealed.get(url) for url in ended):
            raise LookupError("a list that ended leads elsewhere, or had sealed pages")
    return Relisted(tuple(points), lists, sealed, tuple(sorted(around)),
                    retag, frozenset(i for i in retagged.rerelated(before, site, lists)
                                     if i < known) if retag else frozenset(), gone,
                    lefts, withdrawn=withdrawn, restored=restored)


def redated_lists(site_dir: Path, site: Site, crossed: Mapping[str, Mapping[int, OrderKey]]
                  ) -> Relisted | None:
    """What planning the pages changes when articles of `site` whose time was corrected,
    keeping their places in the site, crossed the end of a sealed page of the lists of
    `crossed` (by URL: the order key before of each that crossed one of its pages, by
    index): each leaves the page that held it and joins the next, or the unsealed rest,
    as a story moved to another list does (`sealing.Pager._moved`). None when no list
    that shows them had an end between their times: the end of a story deleted or moved
    to other lists, theirs no longer, moves none of them (their own pages are planned
    as any edit's)."""
    items = list_items(site)
    # (Only the lists that show them: a boundary of another list between their times
    # is a story no longer there, or one of another list.)
    lists = {url: found for url, moved in crossed.items()
             if (found := tuple(sorted(i for i in moved if holds(items.get(url, ()), i))))}
    if not lists:
        return None
    keys = {index: crossed[url][index] for url, found in lists.items() for index in found}
    return Relisted(tuple(sorted(keys)), lists, list_pages.sealed_bounds(site_dir, lists),
                    tuple(sorted(keys)), left={url: len(moved) for url, moved in lists.items()},
                    redated=keys)


def deleting(moved: Relisted | None, site: Site, points: Sequence[int],
             register: Callable[[], str | None]) -> Relisted | None:
    """`moved` (`relisting`'s plan, the articles at `points` of `site` withdrawn in it)
    once their files were removed: their pages are not planned (their neighbours,
    lists and follow-ups are, as for a withdrawal), their addresses answer the gone
    notice (`addresses.deleted_lines`, with the lists that ended). None when one was
    not listed (a withdrawn, scheduled or unpublished story), or its address is not its
    line's alone in the register (`register` reads its text)."""
    if moved is None or not set(points) <= set(moved.withdrawn):
        return None
    deleted = [site.articles[point] for point in points]
    gone = deleted_lines(register() or "", deleted, moved.ended)
    if gone is None:
        return None
    points = sorted(points)
    return replace(moved, replanned=tuple(i for i in moved.replanned if i not in points),
                   ended=gone, deleted=tuple(points))
