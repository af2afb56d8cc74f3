"""The site's indexes over its listed articles: tags, authors, months, editorial
sections and featured articles, each as indexes into `Site.articles`, oldest first.

`Indexer` builds them as articles are added in site order, from nothing
(`make_site`) or from a previous site's (`extend_site`, today's news). Pure data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.config.sections import Section
from generator.content.model import Article, Author, Tag
from generator.plan.clashes import Clash


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
class SectionIndex:
    """One editorial section of site.toml and its listed articles (maybe none: a
    configured section always has its page, so the menu never links nowhere)."""

    section: Section
    """The section as configured."""
    items: tuple[int, ...]
    """Indexes into `Site.articles`, oldest first."""


@dataclass(frozen=True)
class Indexes:
    """What `Indexer.indexes` gives."""

    tags: tuple[TagIndex, ...]
    """By slug."""
    authors: tuple[AuthorIndex, ...]
    """By slug."""
    months: tuple[MonthIndex, ...]
    """Oldest first."""
    sections: tuple[SectionIndex, ...]
    """In menu order (that of `SiteConfig.sections`)."""
    featured: tuple[int, ...]
    """Listed articles with `featured: true`, oldest first."""


class Indexer:
    """The indexes as listed articles are added in site order."""

    def __init__(self, sections: Sequence[Section], previous: Indexes | None = None) -> None:
        # Per tag: its first spelling, the article that has it first, and its articles.
        self.tags: dict[str, tuple[Tag, int, list[int]]] = {}
        self.authors: dict[str, tuple[Author, list[int]]] = {}
        self.months: dict[tuple[int, int], list[int]] = {}
        self.sections: dict[str, tuple[Section, list[int]]] = {
            s.slug: (s, []) for s in sections}
        self.featured: list[int] = []
        if previous is not None:
            for t in previous.tags:
                self.tags[t.tag.slug] = (t.tag, t.items[0], list(t.items))
            for a in previous.authors:
                self.authors[a.author.slug] = (a.author, list(a.items))
            for m in previous.months:
                self.months[(m.year, m.month)] = list(m.items)
            for s in previous.sections:
                if s.section.slug in self.sections:
                    self.sections[s.section.slug][1].extend(s.items)
            self.featured = list(previous.featured)

    def add(self, chosen: Sequence[Article], listed: Iterable[int]) -> list[Clash]:
        """Index `chosen[i]` for each `i` of `listed`; the tags spelled two ways."""
        problems = []
        sections = self.sections
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
            if article.section in sections:
                sections[article.section][1].append(index)
            if article.featured:
                self.featured.append(index)
        return problems

    def indexes(self) -> Indexes:
        """Tags and authors by slug, months oldest first, sections in menu order."""
        return Indexes(
            tags=tuple(TagIndex(self.tags[s][0], tuple(self.tags[s][2]))
                       for s in sorted(self.tags)),
            authors=tuple(AuthorIndex(self.authors[s][0], tuple(self.authors[s][1]))
                          for s in sorted(self.authors)),
            months=tuple(MonthIndex(y, m, tuple(self.months[(y, m)]))
                         for y, m in sorted(self.months)),
            sections=tuple(SectionIndex(section, tuple(items))
                           for section, items in self.sections.values()),
            featured=tuple(self.featured))
