"""`warta list`: the site's articles with their status, from the build's own loader.

The sources are loaded as a build loads them (`loader.load`, with the site's
cache: an unchanged archive is not parsed again, and what is parsed is saved
for the next build). The site's lock is held only while loading, because the
load writes the cache; nothing is planned, rendered or written to `output/`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.build import loader
from generator.build.options import CACHE_FILE
from generator.cache.store import Cache
from generator.config import SiteConfig, load_config
from generator.content.bylines import author_slug
from generator.content.model import Article
from generator.errors import Problem
from generator.messages import Messages
from generator.sitelock import site_lock
from generator.slugs import slugify

STATUSES = ("published", "draft", "scheduled", "withdrawn")


@dataclass(frozen=True)
class Entry:
    """One article as `warta list` shows it."""

    article: Article
    """The article's metadata."""
    status: str
    """One of `STATUSES`."""


@dataclass(frozen=True)
class Listing:
    """What `warta list` found."""

    entries: tuple[Entry, ...]
    """The articles that pass the filters, newest first."""
    problems: tuple[Problem, ...]
    """Errors and warnings of the sources; a file with an error is not listed."""
    parsed: int
    """How many files were parsed (the rest came from the build's cache)."""


@dataclass(frozen=True)
class Filters:
    """Which articles to list; an empty filter lets every article through."""

    statuses: frozenset[str] = frozenset()
    """Only these statuses (any of them); empty: every status."""
    tag: str = ""
    """Only articles with this tag (as written, any case, or an alias of it)."""
    author: str = ""
    """Only articles by this author (initials or name, any case)."""


def status_of(article: Article, now: datetime) -> str:
    """The article's status at the build's `now`: a draft is never published, a
    withdrawn article keeps its URL with a notice, a later one is scheduled."""
    if article.draft:
        return "draft"
    if article.withdrawn:
        return "withdrawn"
    if article.date > now:
        return "scheduled"
    return "published"


def matches(article: Article, status: str, filters: Filters, config: SiteConfig) -> bool:
    """Whether `article` (with `status`) passes `filters`."""
    if filters.statuses and status not in filters.statuses:
        return False
    if filters.tag:
        wanted = slugify(config.canonical_tag(filters.tag))
        if all(tag.slug != wanted for tag in article.tags):
            return False
    if filters.author:
        names = {slugify(filters.author), author_slug(config.author(filters.author).name)}
        if not any(names & {author.slug, slugify(author.key)} for author in article.authors):
            return False
    return True


def list_articles(site_dir: Path, now: datetime, filters: Filters = Filters(),
                  jobs: int = 1) -> Listing:
    """The site's articles that pass `filters`, newest first, with their status at `now`."""
    config = load_config(site_dir)
    # The load saves what it parsed in the cache: one writer at a time, as in a build.
    with site_lock(site_dir):
        cache = Cache(site_dir / CACHE_FILE)
        try:
            loaded = loader.load(site_dir, config, cache, jobs)
            if loaded.saving is not None:
                loaded.saving.wait()
        finally:
            cache.close()
    entries = [Entry(a, status_of(a, now)) for a in loaded.articles]
    chosen = sorted((e for e in entries if matches(e.article, e.status, filters, config)),
                    key=lambda e: (e.article.date, e.article.path), reverse=True)
    return Listing(tuple(chosen), loaded.problems, loaded.parsed)


def line(entry: Entry, messages: Messages | None = None) -> str:
    """`2024-03-01 09:00  published  /2024/03/x/  content/articles/x.md`; the date
    alone when no time of day was written. The status in the site's language with
    `messages` (`terbit`); JSON keeps the English words, for scripts."""
    article = entry.article
    when = f"{article.date:%Y-%m-%d %H:%M}" if article.time_known else f"{article.date:%Y-%m-%d}"
    _ = messages or Messages()
    status = {"published": _("published"), "draft": _("draft"), "scheduled": _("scheduled"),
              "withdrawn": _("withdrawn")}[entry.status]
    return f"{when:<16}  {status:<9}  {article.url}  {article.path}"


def as_json(entries: Sequence[Entry]) -> str:
    """The entries as a JSON array of `{date, status, url, file, title}`; `date` is
    ISO 8601 with its offset, `url` root-relative, `file` relative to the site."""
    return json.dumps([{"date": e.article.date.isoformat(timespec="seconds"),
                        "status": e.status, "url": e.article.url, "file": e.article.path,
                        "title": e.article.title} for e in entries],
                      ensure_ascii=False, indent=2)
