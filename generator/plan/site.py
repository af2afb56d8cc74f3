"""The indexes over all articles: by date, by tag, by author. Pure data, no I/O of its
own (the quick path hands it articles read on demand: cache/articles.py). What the next
build keeps of them is the site's memo (plan/site_memo.py).

Also the place where the whole archive is checked at once: two articles,
pages or tags that would get the same URL are `Clash`es naming both files (the
build turns them into errors with both files' lines: build/loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from generator.config import SiteConfig
from generator.content.model import Article, StaticPage
from generator.content.register import Registered
from generator.photos.model import Photo
from generator.plan.clashes import Clash, url_clashes
from generator.plan.indexes import (
    AuthorIndex,
    Indexer,
    MonthIndex,
    SectionIndex,
    TagIndex,
)
from generator.plan.late import late_of
from generator.plan.names import NameHint, NameUse, appended_hints, name_hints

__all__ = ["AuthorIndex", "MonthIndex", "SectionIndex", "Site", "TagIndex", "hints_after",
           "by_path", "lead_of", "make_site", "named_lead", "menu_tags", "published_by",
           "hints_again", "hint_order"]


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


def by_path(pages: Iterable[StaticPage]) -> tuple[StaticPage, ...]:
    """Static pages as `Site.pages` holds them: by path."""
    return tuple(sorted(pages, key=attrgetter("path")))


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
    path_of = _path_of(chosen)
    hints = (name_hints("tag", _tag_uses(tags), path_of, config.tag_aliases)
             + name_hints("author", _byline_uses(authors, config), path_of))
    site = Site(config=config, articles=tuple(chosen), pages=by_path(pages),
                tags=tags, authors=authors, nav_tags=menu_tags(config, tags), listed=listed,
                months=months, now=now, next_due=min(scheduled) if scheduled else None,
                articles_until=chosen[-1].date if chosen else None,
                name_hints=tuple(sorted(hints, key=hint_order)),
                sections=found.sections, featured=found.featured,
                lead=lead_of(config, chosen, listed), late=late_of(chosen, registered))
    return site, problems


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
    hints = (appended_hints("tag", tag_hints, _tag_uses(tags), touched_tags,
                            _path_of(chosen), config.tag_aliases)
             + appended_hints("author", author_hints, _byline_uses(authors, config),
                              touched_authors, _path_of(chosen)))
    return tuple(sorted(hints, key=hint_order))


def hints_again(site: Site, tags: tuple[TagIndex, ...], authors: tuple[AuthorIndex, ...],
                path_of: Callable[[int], str], kinds: Collection[str]) -> tuple[NameHint, ...]:
    """`site`'s name hints with those of `kinds` ("tag", "author") found again over
    `tags` and `authors` (stories given other tags or bylines: counts moved, a name may
    be new); `path_of`: the path of the article at an index."""
    config = site.config
    found = [hint for hint in site.name_hints if hint.kind not in kinds]
    if "tag" in kinds:
        found += name_hints("tag", _tag_uses(tags), path_of, config.tag_aliases)
    if "author" in kinds:
        found += name_hints("author", _byline_uses(authors, config), path_of)
    return tuple(sorted(found, key=hint_order))


def _path_of(articles: Sequence[Article]) -> Callable[[int], str]:
    """The path of the article at an index (only a name hint's is asked for)."""
    return lambda index: articles[index].path


def _tag_uses(tags: tuple[TagIndex, ...]) -> Iterator[NameUse]:
    return (NameUse(t.tag.name, t.items) for t in tags)


def _byline_uses(authors: tuple[AuthorIndex, ...], config: SiteConfig) -> Iterator[NameUse]:
    """The bylines `[authors]` does not know: those it knows are checked against it
    when an article is parsed (content/bylines.py)."""
    return (NameUse(a.author.name, a.items) for a in authors
            if a.author.key not in config.authors and a.author.name == a.author.key)


def hint_order(hint: NameHint) -> tuple[str, str, str]:
    """The order of `Site.name_hints`: by path, then kind and name."""
    return (hint.path, hint.kind, hint.written.casefold())


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
    if not config.home.lead:
        return None
    for index in reversed(listed):
        if named_lead(config, chosen[index]):
            return index
    return None


def named_lead(config: SiteConfig, article: Article) -> bool:
    """Whether `[home] lead` names `article`, by path or slug."""
    wanted = config.home.lead
    if not wanted:
        return False
    path = wanted if wanted.startswith("content/") else "content/articles/" + wanted
    return article.path in (wanted, path) or article.slug == wanted
