"""The site memo after edits that keep every article's place in the site but change
the lists that show one: `featured` switched (`refeatured`: the home page's lead and
picks), another section, other bylines or other tags, withdrawn or its withdrawal taken
back (`relisted`); or that change its date without moving it (`redated`). The quick path
(build/quick.py) plans the pages from the memo these give; anything they cannot prove
goes the whole way (None). Pure functions, no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from generator.content.model import Article
from generator.plan.indexes import AuthorIndex, SectionIndex, TagIndex
from generator.plan.late import filed_after
from generator.plan.site import Site, hints_again, menu_tags, named_lead
from generator.plan.site_memo import SiteMemo


def refeatured(memo: SiteMemo, switched: Iterable[Article], places: Mapping[str, int],
               sorting_before: Callable[[str], int]) -> SiteMemo:
    """`memo` with the `featured` of the `switched` articles as they are now, their
    shapes otherwise as the memo knows them: their shapes put in place, and each one
    the site lists joins or leaves `Site.featured`. `places`: the index of each of the
    site's articles, by path; `sorting_before`: as for `append_memo`."""
    shapes = list(memo.shapes)
    featured = set(memo.site.featured)
    listed = memo.site.listed
    for article in switched:
        shapes[sorting_before(article.path)] = article.shape
        index = places.get(article.path)
        if index is None:
            continue  # (a draft or a scheduled story: not on the site)
        at = bisect_left(listed, index)
        if article.featured and at < len(listed) and listed[at] == index:
            featured.add(index)
        else:
            featured.discard(index)
    return replace(memo, shapes=tuple(shapes),
                   site=replace(memo.site, featured=tuple(sorted(featured))))


def relisted(memo: SiteMemo, moved: Iterable[Article], places: Mapping[str, int],
             sorting_before: Callable[[str], int], recredited: Collection[str] = (),
             retagged: Collection[str] = (), path_of: Callable[[int], str] | None = None
             ) -> SiteMemo | None:
    """`memo` with the `section`, `authors` and `tags` of the `moved` articles as they
    are now, their shapes otherwise as the memo knows them: their shapes put in place,
    and each one the site lists out of the lists that held it and into those it names
    (`Site.sections`, `Site.authors`, `Site.tags`: listed articles only, as `make_site`
    indexes them). `places` and `sorting_before`: as for `refeatured`; `recredited` and
    `retagged`: the paths whose bylines or tags changed; `path_of`: the path of the
    site's article at an index (the tags' name hints are found again with them). A
    withdrawn one leaves every list (`_withdrawn`); one whose withdrawal was taken back
    (on the site, in no list, withdrawn no more) joins them all (`_restored`).

    None when a byline changes more than two lists: a name spelt otherwise than their
    first article spells it (that spelling titles their page), an author's oldest article
    leaving while others stay (so would the next one's); or a story no list shows, still
    withdrawn, credited otherwise (its page's byline links are planned with it, which
    the whole way does). None too when a tag is spelt otherwise (`_retagged`). A tag or
    an author new to the archive gets a list; one left with no story ends. The name
    hints of the tags and bylines that changed are found again (plan/names.py: their
    counts moved)."""
    shapes = list(memo.shapes)
    sections = {index.section.slug: index.items for index in memo.site.sections}
    authors = {index.author.slug: index for index in memo.site.authors}
    tags = {index.tag.slug: index for index in memo.site.tags}
    listed = memo.site.listed
    withdrawn: list[int] = []
    restored: list[Article] = []
    for article in moved:
        shapes[sorting_before(article.path)] = article.shape
        index = places.get(article.path)
        if index is not None and not holds(listed, index) and not article.withdrawn:
            # (On the site but in no list, withdrawn no more: its withdrawal taken
            # back, it joins every list, its bylines and tags with it.)
            restored.append(article)
        elif index is None or not holds(listed, index):
            if index is not None and article.path in recredited:
                return None
            continue  # (a draft, a scheduled or a withdrawn story: in no list)
        if article.withdrawn:  # (withdrawn now: it leaves every list)
            withdrawn.append(index)
            article = replace(article, section="", authors=(), tags=())
        for slug, items in sections.items():
            sections[slug] = _without(items, index)
        if article.section in sections:
            sections[article.section] = _with(sections[article.section], index)
        credited = {author.slug: author for author in article.authors}
        for slug, author in credited.items() if article.path in recredited else ():
            if slug not in authors:  # (a new author: their page, its address)
                authors[slug] = AuthorIndex(author, (index,))
        for slug, found in list(authors.items()) if article.path in recredited else ():
            was = holds(found.items, index)
            if slug in credited and credited[slug] != found.author:
                return None
            joins, leaves = slug in credited and not was, slug not in credited and was
            if leaves and len(found.items) == 1:
                del authors[slug]  # (their list ends: build/relisted.py `relisting`)
            elif joins or leaves:
                authors[slug] = AuthorIndex(found.author, _with(found.items, index) if joins
                                            else _without(found.items, index))
        if article.path in retagged and not _retagged(tags, article, index):
            return None
    site = memo.site
    if withdrawn:
        shrunk = _withdrawn(site, withdrawn)
        if shrunk is None:
            return None
        site = shrunk
    if restored:
        grown = _restored(site, restored, places)
        if grown is None:
            return None
        site = grown
    # (Checked once all moved, whatever their order: an author's oldest story gone while
    # others stay, the next one's spelling, unread, titles their page.)
    if any((now := authors.get(index.author.slug)) is not None
           and not holds(now.items, index.items[0]) for index in site.authors):
        return None
    new_tags = tuple(tags[slug] for slug in sorted(tags))  # (by slug, as indexed)
    new_authors = tuple(authors[slug] for slug in sorted(authors))  # (as indexed)
    kinds = {kind for kind, old, new in (("tag", site.tags, new_tags),
                                         ("author", site.authors, new_authors))
             if old != new}
    hints = site.name_hints
    if kinds:
        assert path_of is not None, "the name hints name the articles' paths"
        # (Counts moved, a name may be new: found again over the 2,000 tags of 100,000
        # stories in a few tens of milliseconds.)
        hints = hints_again(site, new_tags, new_authors, path_of, kinds)
    return replace(memo, shapes=tuple(shapes), site=replace(
        site, sections=tuple(SectionIndex(index.section, sections[index.section.slug])
                             for index in site.sections),
        authors=new_authors, tags=new_tags, nav_tags=menu_tags(site.config, new_tags),
        name_hints=hints))


def _withdrawn(site: Site, indexes: Collection[int]) -> Site | None:
    """`site` with the articles at `indexes` out of the archive's and their months'
    lists and the editors' picks (their sections, bylines and tags are the caller's);
    None when one is the lead site.toml names, or the last of its month (the month's
    address then leads to its year: the whole way)."""
    if site.lead in indexes:
        return None
    listed = site.listed
    months = []
    for month in site.months:
        items = month.items
        for index in indexes:
            items = _without(items, index)
        if not items:
            return None
        months.append(items)
    for index in indexes:
        listed = _without(listed, index)
    return replace(site, listed=listed, featured=tuple(
        i for i in site.featured if i not in indexes), months=tuple(
        replace(month, items=items) for month, items in zip(site.months, months, strict=True)))


def _restored(site: Site, articles: Collection[Article], places: Mapping[str, int]
              ) -> Site | None:
    """`site` with the `articles` whose withdrawal was taken back in the archive's and
    their months' lists and, when `featured`, the editors' picks (their sections,
    bylines and tags are the caller's); None when one is the lead site.toml names (the
    home page's lead changes), or its month has no listed story (a month's page would
    be new: the whole way)."""
    months = {(month.year, month.month): month for month in site.months}
    listed, featured = site.listed, site.featured
    for article in articles:
        index = places[article.path]
        month = months.get((article.date.year, article.date.month))
        if month is None or named_lead(site.config, article):
            return None
        months[month.year, month.month] = replace(month, items=_with(month.items, index))
        listed = _with(listed, index)
        if article.featured:
            featured = _with(featured, index)
    return replace(site, listed=listed, featured=featured, months=tuple(
        months[month.year, month.month] for month in site.months))


def _retagged(tags: dict[str, TagIndex], article: Article, index: int) -> bool:
    """Put the listed `article` at `index` in the lists of `tags` (by slug) it now
    names, a new tag's among them, out of the others (a tag it leaves with no article
    ends); False when a tag is spelt otherwise than the archive spells it (the whole way
    names the clash)."""
    named = {tag.slug: tag for tag in article.tags}
    for slug, tag in named.items():
        found = tags.get(slug)
        if found is None:
            tags[slug] = TagIndex(tag, (index,))  # (a new tag: its pages, the tag index)
        elif found.tag != tag:
            return False
    for slug, found in list(tags.items()):
        joins, leaves = slug in named and not holds(found.items, index), \
            slug not in named and holds(found.items, index)
        if leaves and len(found.items) == 1:
            del tags[slug]  # (its pages answer the gone notice: build/relisted.py `relisting`)
        elif joins or leaves:
            tags[slug] = TagIndex(found.tag, _with(found.items, index) if joins
                                  else _without(found.items, index))
    return True


def holds(items: tuple[int, ...], index: int) -> bool:
    """Whether `items` (ascending) holds `index`."""
    at = bisect_left(items, index)
    return at < len(items) and items[at] == index


def _with(items: tuple[int, ...], index: int) -> tuple[int, ...]:
    """`items` (ascending) with `index`."""
    at = bisect_left(items, index)
    return items[:at] + (index,) + items[at:]


def _without(items: tuple[int, ...], index: int) -> tuple[int, ...]:
    """`items` (ascending) without `index`."""
    at = bisect_left(items, index)
    return items[:at] + items[at + 1:] if holds(items, index) else items


def redated(memo: SiteMemo, moved: Iterable[tuple[Article, Article]],
            places: Mapping[str, int], sorting_before: Callable[[str], int],
            key_at: Callable[[int], tuple[datetime, str]],
            crossed: Callable[[tuple[datetime, str], tuple[datetime, str]], bool],
            keeps_register: bool) -> SiteMemo | None:
    """`memo` with the dates of the `moved` articles (each before and after its edit,
    its address kept) as they are now, when each keeps its place in the site: no
    article's date (`key_at`: an article's order key by index, the edited ones' new),
    no search shard's boundary (`crossed(low, high)`: one from the lower order key up
    to the higher, which the article crosses) and no date a story filed late came
    after lies between its old date and its new one. (A sealed list page's end between
    them moves it to the next page: build/quick_plan.py plans that, `redated_lists`.) Its shape is
    put in place; the site's newest date and the register's newest article
    (`known_until`, `late_after`) follow it. None otherwise, or when it is not on the
    site, was filed late (its related articles are counted otherwise), or is the
    register's newest and the build keeps no register (`warta serve`: the whole way
    tells which the register knows)."""
    shapes = list(memo.shapes)
    site = memo.site
    count = len(memo.order)
    known_until, late_after = memo.known_until, memo.late_after
    until = site.articles_until
    marks = sorted(set(site.late.values()))
    for old, new in moved:
        shapes[sorting_before(new.path)] = new.shape
        index = places.get(new.path)
        if index is None or index in site.late:
            return None
        was, now = (old.date, old.path), (new.date, new.path)
        if ((index > 0 and not key_at(index - 1) < now)
                or (index < count - 1 and not now < key_at(index + 1))
                or crossed(min(was, now), max(was, now))
                or bisect_left(marks, old.date) != bisect_left(marks, new.date)):
            return None
        if index == count - 1:
            until = new.date  # (the newest story's time corrected)
        if known_until == was:
            if not keeps_register:
                return None
            known_until, late_after = now, filed_after(new.date, site.late.values())
    return replace(memo, shapes=tuple(shapes), known_until=known_until,
                   late_after=late_after, site=replace(site, articles_until=until))
