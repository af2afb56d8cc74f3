"""The indexes over all articles: by date, by tag, by author. Pure data, no I/O of its
own (the quick path hands it articles read on demand: cache/articles.py).

Also the place where the whole archive is checked at once: two articles,
pages or tags that would get the same URL are `Clash`es naming both files (the
build turns them into errors with both files' lines: build/loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain
from operator import attrgetter

from generator.config import SiteConfig
from generator.content.model import Article, LazyArticles, StaticPage
from generator.content.register import Registered
from generator.photos.model import Photo
from generator.plan.clashes import Clash, url_clashes
from generator.plan.indexes import (
    AuthorIndex,
    Indexer,
    Indexes,
    MonthIndex,
    SectionIndex,
    TagIndex,
)
from generator.plan.late import late_of, register_marks
from generator.plan.names import NameHint, NameUse, appended_hints, name_hints

__all__ = ["AuthorIndex", "MonthIndex", "SectionIndex", "Site", "SiteMemo", "TagIndex",
           "append_memo", "append_site", "extend_site", "hints_after", "lead_of",
           "make_site", "menu_tags", "published_by", "reuse_site", "site_memo",
           "still_current"]


@dataclass(frozen=True)
class Site:
    """Everything a build publishes, indexed."""

    config: SiteConfig
    """The site's settings."""
    articles: Sequence[Article]
    """Published articles, oldest first (by date, then by path), withdrawn ones included:
    a withdrawn article keeps its URL and shows a notice. A tuple, except in a build
    that reads only the articles it shows (build/quick.py)."""
    pages: tuple[StaticPage, ...]
    """Static pages, by path."""
    tags: tuple[TagIndex, ...]
    """Every tag, by slug."""
    authors: tuple[AuthorIndex, ...]
    """Every author, by slug."""
    nav_tags: tuple[TagIndex, ...]
    """The tags of the menu when no section is configured: those of `nav_tags` in
    site.toml that have articles, in its order (never chosen by counts)."""
    listed: tuple[int, ...] = ()
    """Indexes into `articles` of those that appear in lists, feeds and sitemaps
    (all but withdrawn ones), oldest first."""
    months: tuple[MonthIndex, ...] = ()
    """Every month that has listed articles, oldest first."""
    now: datetime | None = None
    """The build's "now": articles dated later are scheduled, not published."""
    next_due: datetime | None = None
    """Date of the earliest scheduled article, when one is waiting."""
    articles_until: datetime | None = None
    """Date of the latest published article, if any."""
    name_hints: tuple[NameHint, ...] = ()
    """Tags and bylines only one article has that look like misspellings of shared ones
    (plan/names.py): warnings, by path."""
    # Editorial structure (plan/indexes.py, plan/sections.py).
    sections: tuple[SectionIndex, ...] = ()
    """Every section of site.toml with its listed articles, in menu order."""
    featured: tuple[int, ...] = ()
    """Listed articles with `featured: true`, oldest first."""
    lead: int | None = None
    """The listed article `[home] lead` of site.toml names (by path or slug), if any."""
    late: Mapping[int, datetime] = field(default_factory=dict)
    """Stories filed late (`late_of`), by index: the date of the newest article
    published when each was filed. Never among the related articles of an article
    published before it (plan/related.py), so one changes no page published before it."""
    # Photos (issue 16): set by the build's photos step (build/photos.py).
    photos: Mapping[str, Photo] = field(default_factory=dict)
    """The photos the articles show, by URL (`/media/...`): sizes and derivatives."""


def published_by(drafts: bool, now: datetime | None) -> Callable[[Article], bool]:
    """Whether a build with these options publishes an article: not a draft (unless it
    includes drafts) and dated at or before its "now" (any date without one). The one
    rule the site's indexes and the build's summary choose by."""
    def published(article: Article) -> bool:
        return (drafts or not article.draft) and (now is None or article.date <= now)
    return published


def make_site(config: SiteConfig, articles: tuple[Article, ...],
              pages: tuple[StaticPage, ...], drafts: bool,
              now: datetime | None = None,
              registered: Registered | None = None) -> tuple[Site, list[Clash]]:
    """Index the published articles; return the site and every URL clash found.

    With `now`, articles dated after it are scheduled: left out, and the
    earliest of them is reported as `next_due`. `registered`: what the register of
    published addresses knows of them, which tells the stories filed late (`late_of`).
    """
    wanted = [a for a in articles if drafts or not a.draft]
    scheduled = [a.date for a in wanted if now is not None and a.date > now]
    chosen = sorted(filter(published_by(drafts, now), wanted), key=attrgetter("date", "path"))
    problems = url_clashes(chosen, pages)
    listed = tuple(i for i, a in enumerate(chosen) if not a.withdrawn)
    indexer = Indexer(config.sections)
    problems += indexer.add(chosen, listed)
    found = indexer.indexes()
    tags, authors, months = found.tags, found.authors, found.months
    hints = (name_hints("tag", _tag_uses(tags), chosen, config.tag_aliases)
             + name_hints("author", _byline_uses(authors, config), chosen))
    site = Site(config=config, articles=tuple(chosen),
                pages=tuple(sorted(pages, key=lambda p: p.path)),
                tags=tags, authors=authors, nav_tags=menu_tags(config, tags), listed=listed,
                months=months, now=now, next_due=min(scheduled) if scheduled else None,
                articles_until=chosen[-1].date if chosen else None,
                name_hints=tuple(sorted(hints, key=_hint_order)),
                sections=found.sections, featured=found.featured,
                lead=lead_of(config, chosen, listed), late=late_of(chosen, registered))
    return site, problems


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


def site_memo(site: Site, articles: tuple[Article, ...], pages: tuple[StaticPage, ...],
              drafts: bool, known_until: tuple[datetime, str] | None = None,
              late_after: datetime | None = None) -> SiteMemo:
    """The memo of `site`, made by `make_site` from `articles` and `pages` without
    problems; `known_until` and `late_after`: see `SiteMemo`."""
    where = {a.path: n for n, a in enumerate(articles)}
    return SiteMemo(tuple(a.shape for a in articles), pages, site.config.fingerprint, drafts,
                    tuple(where[a.path] for a in site.articles), replace(site, articles=()),
                    known_until, late_after)


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
    return replace(memo.site, config=config, now=now, articles=chosen)


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
    return None if url_clashes(list(chosen), pages) else replace(site, articles=chosen)


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


def hints_after(old: Site, tags: tuple[TagIndex, ...], authors: tuple[AuthorIndex, ...],
                chosen: Sequence[Article], listed: tuple[int, ...]
                ) -> tuple[NameHint, ...]:
    """The name hints of `old` with the articles `listed` added (appended, or one
    dated in: plan/insertion.py)."""
    config = old.config
    before_tags = {t.tag.name.casefold(): t.count for t in old.tags}
    before_authors = {a.author.name.casefold(): len(a.items) for a in old.authors}
    added = [chosen[i] for i in listed]
    touched_tags = {t.name.casefold(): before_tags.get(t.name.casefold(), 0)
                    for a in added for t in a.tags}
    touched_authors = {b.name.casefold(): before_authors.get(b.name.casefold(), 0)
                       for a in added for b in a.authors}
    tag_hints = tuple(h for h in old.name_hints if h.kind == "tag")
    author_hints = tuple(h for h in old.name_hints if h.kind == "author")
    hints = (appended_hints("tag", tag_hints, _tag_uses(tags), touched_tags, chosen,
                            config.tag_aliases)
             + appended_hints("author", author_hints, _byline_uses(authors, config),
                              touched_authors, chosen))
    return tuple(sorted(hints, key=_hint_order))


def _tag_uses(tags: tuple[TagIndex, ...]) -> Iterator[NameUse]:
    return (NameUse(t.tag.name, t.items) for t in tags)


def _byline_uses(authors: tuple[AuthorIndex, ...], config: SiteConfig) -> Iterator[NameUse]:
    """The bylines `[authors]` does not know: those it knows are checked against it
    when an article is parsed (content/bylines.py)."""
    return (NameUse(a.author.name, a.items) for a in authors
            if a.author.key not in config.authors and a.author.name == a.author.key)


def _hint_order(hint: NameHint) -> tuple[str, str, str]:
    return (hint.path, hint.kind, hint.written.casefold())


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
    if not kept:  # (the register stays as it was)
        return replace(memo, shapes=tuple(shapes), order=order,
                       site=replace(site, articles=()))
    until, after = register_marks(site.articles, site.late, None, True)
    return replace(memo, shapes=tuple(shapes), order=order, site=replace(site, articles=()),
                   known_until=until, late_after=after)


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


def menu_tags(config: SiteConfig, tags: tuple[TagIndex, ...]) -> tuple[TagIndex, ...]:
    """The menu's tags: with sections, none (the sections are the menu); else those
    `nav_tags` names, in its order. Never by counts: a menu chosen by counts changes
    with the news, and every page shows it."""
    if config.sections or not config.nav_tags:
        return ()
    by_name = {t.tag.name.casefold(): t for t in tags}
    by_name.update((t.tag.slug, t) for t in tags)
    chosen = (by_name.get(config.canonical_tag(name).casefold()) for name in config.nav_tags)
    return tuple(t for t in chosen if t is not None)


def lead_of(config: SiteConfig, chosen: Sequence[Article], listed: Sequence[int]) -> int | None:
    """The listed article `[home] lead` names, by path or slug (the newest of that
    slug), among `chosen[i]` for `i` in `listed`."""
    wanted = config.home.lead
    if not wanted:
        return None
    path = wanted if wanted.startswith("content/") else "content/articles/" + wanted
    for index in reversed(listed):
        article = chosen[index]
        if article.path in (wanted, path) or article.slug == wanted:
            return index
    return None
