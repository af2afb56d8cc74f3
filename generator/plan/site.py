"""The indexes over all articles: by date, by tag, by author. Pure data, no I/O of its
own (the quick path hands it articles read on demand: cache/articles.py).

Also the place where the whole archive is checked at once: two articles,
pages or tags that would get the same URL are `Clash`es naming both files (the
build turns them into errors with both files' lines: build/loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import chain
from operator import attrgetter

from generator.config import SiteConfig
from generator.content.model import Article, Author, LazyArticles, StaticPage, Tag
from generator.plan.clashes import Clash, url_clashes
from generator.plan.names import NameHint, NameUse, appended_hints, name_hints

NAV_TAGS = 8


@dataclass(frozen=True)
class TagIndex:
    """One tag and the articles that carry it."""

    tag: Tag
    """The tag (its first spelling in the archive)."""
    items: tuple[int, ...]
    """Indexes into `Site.articles`, oldest first."""

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class AuthorIndex:
    """One author and their articles."""

    author: Author
    """The author (their first spelling in the archive)."""
    items: tuple[int, ...]
    """Indexes into `Site.articles`, oldest first."""


@dataclass(frozen=True)
class MonthIndex:
    """One month of the date archive and its articles."""

    year: int
    """The year, e.g. 2018."""
    month: int
    """The month, 1 to 12."""
    items: tuple[int, ...]
    """Indexes into `Site.articles`, oldest first."""

    @property
    def count(self) -> int:
        return len(self.items)


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
    """The biggest tags, for the navigation: by count, then by name."""
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


def published_by(drafts: bool, now: datetime | None) -> Callable[[Article], bool]:
    """Whether a build with these options publishes an article: not a draft (unless it
    includes drafts) and dated at or before its "now" (any date without one). The one
    rule the site's indexes and the build's summary choose by."""
    def published(article: Article) -> bool:
        return (drafts or not article.draft) and (now is None or article.date <= now)
    return published


def make_site(config: SiteConfig, articles: tuple[Article, ...],
              pages: tuple[StaticPage, ...], drafts: bool,
              now: datetime | None = None) -> tuple[Site, list[Clash]]:
    """Index the published articles; return the site and every URL clash found.

    With `now`, articles dated after it are scheduled: left out, and the
    earliest of them is reported as `next_due`.
    """
    wanted = [a for a in articles if drafts or not a.draft]
    scheduled = [a.date for a in wanted if now is not None and a.date > now]
    chosen = sorted(filter(published_by(drafts, now), wanted), key=attrgetter("date", "path"))
    problems = url_clashes(chosen, pages)
    listed = tuple(i for i, a in enumerate(chosen) if not a.withdrawn)
    indexer = _Indexer()
    problems += indexer.add(chosen, listed)
    tags, authors, months = indexer.indexes()
    hints = (name_hints("tag", _tag_uses(tags), chosen, config.tag_aliases)
             + name_hints("author", _byline_uses(authors, config), chosen))
    site = Site(config=config, articles=tuple(chosen),
                pages=tuple(sorted(pages, key=lambda p: p.path)),
                tags=tags, authors=authors, nav_tags=_nav(tags), listed=listed,
                months=months, now=now, next_due=min(scheduled) if scheduled else None,
                articles_until=chosen[-1].date if chosen else None,
                name_hints=tuple(sorted(hints, key=_hint_order)))
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


def site_memo(site: Site, articles: tuple[Article, ...], pages: tuple[StaticPage, ...],
              drafts: bool) -> SiteMemo:
    """The memo of `site`, made by `make_site` from `articles` and `pages` without
    problems."""
    where = {a.path: n for n, a in enumerate(articles)}
    return SiteMemo(tuple(a.shape for a in articles), pages, site.config.fingerprint, drafts,
                    tuple(where[a.path] for a in site.articles), replace(site, articles=()))


def reuse_site(memo: SiteMemo, config: SiteConfig, articles: tuple[Article, ...],
               pages: tuple[StaticPage, ...], drafts: bool, now: datetime | None) -> Site | None:
    """What `make_site` would return for these inputs, from `memo`; None when an article
    was added, removed or moved, or the settings or "now" moved an article in or out."""
    if memo.pages != pages or memo.shapes != tuple([a.shape for a in articles]):
        return None
    if not still_current(memo, config, drafts, now):
        return None
    return replace(memo.site, config=config, now=now,
                   articles=tuple(articles[i] for i in memo.order))


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
                pages: tuple[StaticPage, ...], drafts: bool, now: datetime | None
                ) -> Site | None:
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
    indexer = _Indexer(old)
    if indexer.add(chosen, listed):
        return None  # two spellings of one tag: make_site names both files
    tags, authors, months = indexer.indexes()
    due = [a.date for a in wanted if now is not None and a.date > now]
    due += [old.next_due] if old.next_due else []
    return replace(old, config=config, articles=chosen, tags=tags, authors=authors,
                   nav_tags=_nav(tags), listed=old.listed + listed, months=months,
                   now=now, next_due=min(due) if due else None,
                   articles_until=new[-1].date if new else old.articles_until,
                   name_hints=_appended_hints(old, tags, authors, chosen, listed))


def _appended_hints(old: Site, tags: tuple[TagIndex, ...], authors: tuple[AuthorIndex, ...],
                    chosen: Sequence[Article], listed: tuple[int, ...]
                    ) -> tuple[NameHint, ...]:
    """The name hints of `old` with the articles `listed` appended."""
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


def append_memo(memo: SiteMemo, site: Site, paths: Sequence[str],
                added: Sequence[Article]) -> SiteMemo:
    """The memo `site_memo` would make of `site` = `append_site(memo, ...)`: `paths` are
    those of the articles `memo` was made from, `added` the articles appended."""
    shape_of = dict(zip(sorted(paths), memo.shapes, strict=True))
    shape_of.update((a.path, a.shape) for a in added)
    loaded = sorted(shape_of)
    where = {path: n for n, path in enumerate(loaded)}
    before = sorted(paths)
    order = tuple([where[before[i]] for i in memo.order]
                  + [where[site.articles[i].path]
                     for i in range(len(memo.order), len(site.articles))])
    return replace(memo, shapes=tuple(shape_of[p] for p in loaded), order=order,
                   site=replace(site, articles=()))


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


class _Indexer:
    """The tag, author and month indexes as listed articles are added in site order:
    from nothing (`make_site`) or from a previous site's (`extend_site`)."""

    def __init__(self, site: Site | None = None) -> None:
        # Per tag: its first spelling, the article that has it first, and its articles.
        self.tags: dict[str, tuple[Tag, int, list[int]]] = {}
        self.authors: dict[str, tuple[Author, list[int]]] = {}
        self.months: dict[tuple[int, int], list[int]] = {}
        if site is not None:
            for t in site.tags:
                self.tags[t.tag.slug] = (t.tag, t.items[0], list(t.items))
            for a in site.authors:
                self.authors[a.author.slug] = (a.author, list(a.items))
            for m in site.months:
                self.months[(m.year, m.month)] = list(m.items)

    def add(self, chosen: Sequence[Article], listed: Iterable[int]) -> list[Clash]:
        """Index `chosen[i]` for each `i` of `listed`; the tags spelled two ways."""
        problems = []
        for index in listed:
            article = chosen[index]
            self.months.setdefault((article.date.year, article.date.month), []).append(index)
            for tag in article.tags:
                first, where, items = self.tags.setdefault(tag.slug, (tag, index, []))
                if first.name != tag.name:
                    problems.append(Clash(article.path, chosen[where].path, tag.url, "tag",
                                          (tag.name, first.name), "tag"))
                items.append(index)
            for author in article.authors:
                self.authors.setdefault(author.slug, (author, []))[1].append(index)
        return problems

    def indexes(self) -> tuple[tuple[TagIndex, ...], tuple[AuthorIndex, ...],
                               tuple[MonthIndex, ...]]:
        """Tags and authors by slug, months oldest first."""
        return (tuple(TagIndex(self.tags[s][0], tuple(self.tags[s][2])) for s in sorted(self.tags)),
                tuple(AuthorIndex(self.authors[s][0], tuple(self.authors[s][1]))
                      for s in sorted(self.authors)),
                tuple(MonthIndex(y, m, tuple(self.months[(y, m)])) for y, m in sorted(self.months)))


def _nav(tags: tuple[TagIndex, ...]) -> tuple[TagIndex, ...]:
    return tuple(sorted(tags, key=lambda t: (-t.count, t.tag.name.lower()))[:NAV_TAGS])
