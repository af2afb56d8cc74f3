"""Stories filed late: articles dated before the newest, added to the site's indexes
and planned without the rest of the archive (issue 18: a backdated addition costs what
a new one costs), today's news filed with them put in the same way.

An article dated into the archive moves the index of every later article by one.
Sealed list pages, sealed search shards and stored pages named by path keep that from
changing any file beyond a bounded set; this module says which, from the site's
indexes alone: `insert_site` makes the site `make_site` would make (each index
shifted, the article put in its place in each list it joins) and `replanned` names
the article pages whose bytes it can change. The quick path (build/quick.py,
build/append.py) refuses what it cannot prove and takes the whole way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from generator.config import SiteConfig
from generator.content.model import Article
from generator.plan import related, sections
from generator.plan.clashes import url_clashes
from generator.plan.indexes import AuthorIndex, MonthIndex, SectionIndex, TagIndex
from generator.plan.site import Site, hints_after, lead_of, menu_tags, published_by
from generator.plan.site_memo import SiteMemo, still_current


def insert_site(memo: SiteMemo, config: SiteConfig, articles: Sequence[Article],
                points: Sequence[int], drafts: bool, now: datetime | None) -> Site | None:
    """What `make_site` would return when the only change since `memo` is a few listed
    articles, `articles[i]` for `i` in `points` (ascending), some dated before the
    newest published one (stories filed late), the others after every one (today's
    news, filed with them): `articles` are the site's articles with them in their places
    (the others read only where needed). None when one is not in its place, is dated
    among articles the register does not know yet, the settings or the clock moved an
    article, one is not listed, spells a tag or an author otherwise than the archive (a
    new one is taken), a URL clashes, or a story could join the related articles of
    another (the whole way then reports or makes it): `late_after`. Stories filed in
    one build come after the same date, so they may relate to each other, as the
    stories of one import do, and today's news may pick them (plan/related.py)."""
    old = memo.site
    if (not points or not old.articles_until or not still_current(memo, config, drafts, now)
            or list(points) != sorted(set(points))
            or not 0 <= points[0] <= points[-1] < len(articles)):
        return None
    after = late_after(memo)
    if after is None or memo.known_until is None:
        return None
    added = [articles[point] for point in points]
    # The newest of the articles the last build had: today's news comes after it.
    newest = len(articles) - 1
    for point in reversed(points):
        newest -= point == newest
    published = published_by(drafts, now)
    for point, article in zip(points, added, strict=True):
        key = (article.date, article.path)
        if (not (key < memo.known_until or newest < 0 or _key(articles[newest]) < key)
                or not published(article) or article.withdrawn
                or not (point == 0 or _key(articles[point - 1]) < key)
                or not (point == len(articles) - 1 or key < _key(articles[point + 1]))):
            return None
    if url_clashes(added, memo.pages):
        return None
    if config.home.lead and lead_of(config, added, range(len(added))) is not None:
        return None  # the lead's article named by slug: the newest of that slug wins
    site = replace(old, config=config, articles=articles, now=now,
                   articles_until=max(old.articles_until, added[-1].date))
    for point, article in zip(points, added, strict=True):
        # Each in its final place, the earlier ones already in theirs: the indexes after
        # it move up by one, as the next one's place counts them. Those dated after
        # every article the last build had are not late.
        late = (article.date, article.path) < memo.known_until
        inserted = _inserted(site, article, point, after if late else None)
        if inserted is None:
            return None
        site = inserted
    return replace(site, nav_tags=menu_tags(config, site.tags),
                   name_hints=hints_after(old, site.tags, site.authors, articles,
                                          tuple(points)))


def _inserted(site: Site, added: Article, point: int,
              after: datetime | None) -> Site | None:
    """`site` with `added` dated in at `point` (`insert_site`, one article at a time),
    late after `after` (None: today's news); None when it spells a tag or an author
    otherwise than the archive."""
    tags = _tags(site.tags, added, point)
    authors = _authors(site.authors, added, point)
    if tags is None or authors is None:
        return None
    found = tuple(SectionIndex(s.section, _with(s.items, point, s.section.slug
                                                == added.section)) for s in site.sections)
    return replace(site, tags=tags, authors=authors, listed=_with(site.listed, point, True),
                   months=_months(site.months, added, point), sections=found,
                   featured=_with(site.featured, point, added.featured),
                   lead=None if site.lead is None else site.lead + (site.lead >= point),
                   late={**{i + (i >= point): d for i, d in site.late.items()},
                         **({point: after} if after is not None else {})})


def late_after(memo: SiteMemo) -> datetime | None:
    """The date a story dated in now comes after (`Site.late`, `SiteMemo.late_after`),
    when it can join the related articles of no other article: no article of the site
    is newer (in `warta serve`'s preview of news `warta build` has not published, the
    story could join theirs), and no story filed late the register does not know yet
    came after it or later (a build that keeps no register, `warta build --drafts`,
    leaves `late_after` as it was: a story filed now would come after the same date
    as one it dated in, and join its related articles). None otherwise."""
    after, newest = memo.late_after, memo.site.articles_until
    if after is None or newest is None or newest > after:
        return None
    return None if any(date >= after for date in memo.site.late.values()) else after


def _key(article: Article) -> tuple[datetime, str]:
    return article.date, article.path


def _with(items: tuple[int, ...], point: int, joins: bool) -> tuple[int, ...]:
    """`items` (ascending article indexes) after an article is inserted at `point`: each
    from it on moved up by one, and `point` among them if the article `joins`."""
    split = bisect_left(items, point)
    return items[:split] + ((point,) if joins else ()) + tuple(
        [i + 1 for i in items[split:]])


def _tags(tags: tuple[TagIndex, ...], added: Article,
          point: int) -> tuple[TagIndex, ...] | None:
    """The tag indexes with the article in them; a new tag in its place by slug. None
    when it spells a tag otherwise than the archive does (`make_site` names both files).
    (Spelt the same, it may be the tag's first article: a settled archive spells each
    tag one way, so the name stays.)"""
    mine = {tag.slug: tag for tag in added.tags}
    found = []
    for index in tags:
        tag = mine.pop(index.tag.slug, None)
        if tag is not None and tag != index.tag:
            return None
        found.append(TagIndex(index.tag, _with(index.items, point, tag is not None)))
    found += [TagIndex(tag, (point,)) for tag in mine.values()]
    return tuple(sorted(found, key=lambda t: t.tag.slug))


def _authors(authors: tuple[AuthorIndex, ...], added: Article,
             point: int) -> tuple[AuthorIndex, ...] | None:
    """The author indexes with the article in them; a new author in their place by
    slug. None when it spells an author otherwise than their first article does (a
    byline may be spelt two ways, and the first spelling titles their page; spelt the
    same, it may be their first article). Whether a new author's page changes a byline
    elsewhere is the caller's to tell (build/append.py)."""
    mine = {author.slug: author for author in added.authors}
    found = []
    for index in authors:
        author = mine.pop(index.author.slug, None)
        if author is not None and author != index.author:
            return None
        found.append(AuthorIndex(index.author, _with(index.items, point, author is not None)))
    found += [AuthorIndex(author, (point,)) for author in mine.values()]
    return tuple(sorted(found, key=lambda a: a.author.slug))


def _months(months: tuple[MonthIndex, ...], added: Article,
            point: int) -> tuple[MonthIndex, ...]:
    """The month indexes with the article in its month (a new one in its place)."""
    wanted = (added.date.year, added.date.month)
    found = [MonthIndex(m.year, m.month, _with(m.items, point, (m.year, m.month) == wanted))
             for m in months]
    if all((m.year, m.month) != wanted for m in months):
        found.append(MonthIndex(*wanted, (point,)))
    return tuple(sorted(found, key=lambda m: (m.year, m.month)))


def replanned(site: Site, points: Sequence[int]) -> set[int]:
    """The articles whose pages the articles inserted at `points` can change: their own,
    the older and newer neighbour of each in the site and in its section with the
    `SECTION_MORE` after it, and those whose follow-up one may become: its best related
    articles (`related.RelatedNews.targets`). They are late (`Site.late`) or the newest,
    so no other article's related articles change."""
    listed = site.listed
    found = set(points)
    news = related.RelatedNews(site)
    for point in points:
        place = bisect_left(listed, point)
        found.update(listed[max(0, place - 1):place + 2])
        article = site.articles[point]
        for section in site.sections:
            if section.section.slug == article.section:
                found.update(sections.around(section.items, point))
        found.update(news.targets(point))
    return found
