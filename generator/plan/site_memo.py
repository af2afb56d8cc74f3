"""The site's memo (`SiteMemo`): its indexes without the articles, for the next build.

A build at 100,000 articles cannot index them all again for one edit. The memo of the
last site says what `make_site` would give again when nothing moved (`reuse_site`),
when today's news was appended (`extend_site`, `append_site`), and how the memo itself
follows an append (`append_memo`) and a scheduled story the clock published (`came_due`,
`unscheduled`: it joins as a draft published does); plan/relisting.py follows edits
that move an article between lists. Pure data and functions, no I/O: the build stores
the memo (build/memos.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain
from operator import attrgetter

from generator.config import SiteConfig
from generator.content.model import Article, LazyArticles, StaticPage
from generator.content.register import Registered
from generator.plan.clashes import url_clashes
from generator.plan.indexes import Indexer, Indexes
from generator.plan.late import late_of, register_marks
from generator.plan.site import Site, by_path, hints_after, lead_of, menu_tags, published_by


@dataclass(frozen=True)
class SiteMemo:
    """A site without its articles, for the next build when no article moved.

    Edits that keep every article's `shape` (body, title, summary, photo...)
    leave the indexes as they were; the next build then only puts the new
    records in (see `reuse_site`).
    """

    shapes: tuple[str, ...]
    """`Article.shape` of every article given to `make_site`, in the order given."""
    pages: tuple[StaticPage, ...]
    """The static pages given."""
    config: str
    """`SiteConfig.fingerprint`."""
    drafts: bool
    """Whether drafts were included."""
    order: tuple[int, ...]
    """For each of `site.articles`, its index among the articles given."""
    site: Site
    """The site, with `articles` empty."""
    known_until: tuple[datetime, str] | None = None
    """The order key (date, path) of the newest article the register knows once the
    build that made the memo is done: an article dated in before it is a story filed
    late (`late_of`); None when it knows none (or the memo is older than the rule)."""
    late_after: datetime | None = None
    """The date the next story filed late will come after (`late.register_marks`), as
    `late_of` will decide it from the register the build leaves."""
    scheduled: Mapping[str, datetime] = field(default_factory=dict)
    """The date of each scheduled article among those given (dated after the site's
    `now`, not a draft unless drafts were included), by path: when the clock passes one,
    the next build knows which file came due (`came_due`)."""


def site_memo(site: Site, articles: tuple[Article, ...], pages: tuple[StaticPage, ...],
              drafts: bool, known_until: tuple[datetime, str] | None = None,
              late_after: datetime | None = None) -> SiteMemo:
    """The memo of `site`, made by `make_site` from `articles` and `pages` without
    problems; `known_until` and `late_after`: see `SiteMemo`."""
    where = {a.path: n for n, a in enumerate(articles)}
    return SiteMemo(tuple(a.shape for a in articles), pages, site.config.fingerprint, drafts,
                    tuple(where[a.path] for a in site.articles), replace(site, articles=()),
                    known_until, late_after, _scheduled(articles, drafts, site.now))


def _scheduled(articles: Iterable[Article], drafts: bool, now: datetime | None
               ) -> dict[str, datetime]:
    """`SiteMemo.scheduled` of these articles given to a site of this `now`."""
    if now is None:
        return {}
    return {a.path: a.date for a in articles if a.date > now and (drafts or not a.draft)}


def came_due(memo: SiteMemo, now: datetime | None) -> tuple[str, ...]:
    """The paths of the memo's scheduled articles that `now` publishes, when the clock
    went on since the memo was made (none when it went back: the quick path then goes
    the whole way, which tells them)."""
    before = memo.site.now
    if before is None or now is None or now < before:
        return ()
    return tuple(sorted(path for path, date in memo.scheduled.items() if date <= now))


def unscheduled(memo: SiteMemo, paths: Collection[str]) -> SiteMemo:
    """`memo` as if the scheduled articles of `paths` had been drafts all along: files
    the memo knows that its site does not show, the next due moment the earliest of the
    others. The build then adds them as it adds drafts published (`append_site`, and
    `append_memo` with `known`)."""
    if not paths:
        return memo
    waiting = {path: date for path, date in memo.scheduled.items() if path not in paths}
    return replace(memo, scheduled=waiting, site=replace(
        memo.site, next_due=min(waiting.values()) if waiting else None))


def reuse_site(memo: SiteMemo, config: SiteConfig, articles: tuple[Article, ...],
               pages: tuple[StaticPage, ...], drafts: bool, now: datetime | None,
               registered: Registered | None = None) -> Site | None:
    """What `make_site` would return for these inputs, from `memo`; None when an article
    was added, removed or moved, the settings or "now" moved an article in or out, or
    the register tells other stories filed late."""
    if memo.pages != pages or memo.shapes != tuple([a.shape for a in articles]):
        return None
    if not still_current(memo, config, drafts, now):
        return None
    chosen = tuple(articles[i] for i in memo.order)
    if late_of(chosen, registered) != memo.site.late:
        return None
    return replace(memo.site, config=config, now=now, articles=chosen, pages=by_path(pages))


def still_current(memo: SiteMemo, config: SiteConfig, drafts: bool,
                  now: datetime | None) -> bool:
    """Whether the memo's site holds for these settings at `now`, its articles keeping
    their shapes: no scheduled article came due, the clock did not go back past one."""
    if memo.drafts != drafts or memo.config != config.fingerprint:
        return False
    before, due, chosen = memo.site.now, memo.site.next_due, memo.site.articles_until
    if (before is None) != (now is None):
        return False
    if before is not None and now is not None:
        if now >= before and due is not None and due <= now:
            return False  # a scheduled article came due
        if now < before and chosen is not None and chosen > now:
            return False  # the clock went back past a published article
    return True


def extend_site(memo: SiteMemo, config: SiteConfig, articles: tuple[Article, ...],
                pages: tuple[StaticPage, ...], drafts: bool, now: datetime | None,
                registered: Registered | None = None) -> Site | None:
    """What `make_site` would return when the only change since `memo` is articles
    added after every published one (the everyday case: today's news), from `memo`
    and the added articles alone; None otherwise, or when an added article brings a
    problem (`make_site` then reports it)."""
    if memo.pages != pages:
        return None
    where = {a.shape: n for n, a in enumerate(articles)}
    if not all(shape in where for shape in memo.shapes):
        return None  # an article was edited in place, moved or removed
    known = set(memo.shapes)
    previous = [articles[where[memo.shapes[i]]] for i in memo.order]
    site = _appended(memo, config, previous, [a for a in articles if a.shape not in known],
                     drafts, now)
    if site is None:
        return None
    chosen = tuple(site.articles)
    if late_of(chosen, registered) != site.late:
        return None  # (the register tells other stories filed late)
    return None if url_clashes(list(chosen), pages) else replace(
        site, articles=chosen, pages=by_path(pages))


def append_site(memo: SiteMemo, config: SiteConfig, previous: Sequence[Article],
                added: Sequence[Article], drafts: bool, now: datetime | None) -> Site | None:
    """`extend_site` when the caller knows which articles were added and that no other
    changed: `previous` are the memo's site articles, read only where needed. The URLs
    of the added articles are checked against each other and the static pages; the
    caller checks them against the files of the previous build."""
    site = _appended(memo, config, previous, added, drafts, now)
    if site is None:
        return None
    new = [site.articles[i] for i in range(len(previous), len(site.articles))]
    return None if url_clashes(new, memo.pages) else site


def _appended(memo: SiteMemo, config: SiteConfig, previous: Sequence[Article],
              added: Sequence[Article], drafts: bool, now: datetime | None) -> Site | None:
    """The memo's site with `added` appended; None when one is dated before a published
    article, the settings or the clock moved an article, or a tag is spelt two ways."""
    old = memo.site
    if not old.articles_until or not still_current(memo, config, drafts, now):
        return None
    wanted = [a for a in added if drafts or not a.draft]
    new = sorted(filter(published_by(drafts, now), wanted),
                 key=attrgetter("date", "path"))
    if new and (new[0].date, new[0].path) <= (previous[-1].date, previous[-1].path):
        return None
    chosen = _Joined(previous, new)
    listed = tuple(len(previous) + n for n, a in enumerate(new) if not a.withdrawn)
    indexer = Indexer(config.sections, Indexes(old.tags, old.authors, old.months,
                                               old.sections, old.featured))
    if indexer.add(chosen, listed):
        return None  # two spellings of one tag: make_site names both files
    found = indexer.indexes()
    tags, authors = found.tags, found.authors
    due = [a.date for a in wanted if now is not None and a.date > now]
    due += [old.next_due] if old.next_due else []
    lead = lead_of(config, chosen, listed)  # by slug, the newest of that slug wins:
    if lead is None:  # one of the new articles, else the one it named before
        lead = old.lead
    return replace(old, config=config, articles=chosen, tags=tags, authors=authors,
                   nav_tags=menu_tags(config, tags), listed=old.listed + listed,
                   months=found.months, now=now, next_due=min(due) if due else None,
                   articles_until=new[-1].date if new else old.articles_until,
                   name_hints=hints_after(old, tags, authors, chosen, listed),
                   sections=found.sections, featured=found.featured, lead=lead)


def append_memo(memo: SiteMemo, site: Site, sorting_before: Callable[[str], int],
                added: Sequence[Article], at: Sequence[int] = (),
                kept: bool = True, known: Collection[str] = ()) -> SiteMemo:
    """The memo `site_memo` would make of `site` = `append_site(memo, ...)`, `added` the
    articles appended; `sorting_before(path)` tells how many of the articles `memo` was
    made from have a path that sorts before `path`. With `at`, `site` is
    `insertion.insert_site`'s instead, the articles of `added` at the indexes `at`.
    `kept`: whether the build keeps the register (it then knows every article).
    `known`: the paths of those of `added` the memo was made from (drafts published).

    The few added shapes are put in place and the old indexes shifted, rather than
    the 100,000 paths sorted and mapped again (issue 17: 0.2 s of an addition)."""
    new = sorted((a.path, a.shape) for a in added if a.path not in known)
    points = [sorting_before(path) for path, _ in new]  # (non-decreasing, as `new`)
    shapes = list(memo.shapes)
    for j, (point, (_, shape)) in enumerate(zip(points, new, strict=True)):
        shapes.insert(point + j, shape)
    # An old index moves up by the number of added paths that sort before its path.
    moved: list[int] = []
    start = 0
    for j, point in enumerate(points):
        moved += range(start + j, point + j)
        start = point
    moved += range(start + len(points), len(memo.shapes) + len(points))
    where = {path: point + j for j, (point, (path, _)) in enumerate(zip(points, new,
                                                                         strict=True))}
    for article in added:
        if article.path in known:  # its shape in place, where the memo had it
            shapes[where.setdefault(article.path, moved[sorting_before(article.path)])] = \
                article.shape
    if at:  # stories filed late (plan/insertion.py), each in its place
        mapped = list(map(moved.__getitem__, memo.order))
        for point in sorted(at):
            mapped.insert(point, where[site.articles[point].path])
        order = tuple(mapped)
    else:
        order = tuple(map(moved.__getitem__, memo.order)) + tuple(
            where[site.articles[i].path] for i in range(len(memo.order), len(site.articles)))
    # Those of `added` the site does not show yet: the clock will publish them.
    scheduled = {**memo.scheduled, **_scheduled(added, memo.drafts, site.now)}
    if not kept:  # (the register stays as it was)
        return replace(memo, shapes=tuple(shapes), order=order,
                       site=replace(site, articles=()), scheduled=scheduled)
    until, after = register_marks(site.articles, site.late, None, True)
    return replace(memo, shapes=tuple(shapes), order=order, site=replace(site, articles=()),
                   known_until=until, late_after=after, scheduled=scheduled)


class _Joined(LazyArticles):
    """Two sequences of articles as one (the first may be read from the cache on
    demand)."""

    def __init__(self, first: Sequence[Article], second: Sequence[Article]) -> None:
        self.first, self.second = first, second

    def __len__(self) -> int:
        return len(self.first) + len(self.second)

    def one(self, index: int) -> Article:
        split = len(self.first)
        return self.first[index] if index < split else self.second[index - split]

    def __iter__(self) -> Iterator[Article]:
        return chain(self.first, self.second)
