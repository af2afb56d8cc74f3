"""The lists' addresses in the register of published addresses (plan/redirects.py):
which lists answer, what a list that ended leaves at its address, its numbered pages
and its feed, and which of those a list that came back answers again.

A list's own address has a register line while it lives (a tag, a month, a year, an
author, a section); its numbered pages have none, since content/list-pages.txt knows
how many it has. When it ends, they get lines of their own, with its fate. When it
comes back, it takes back the numbers it plans again, paginated as the planner will
paginate it; the others keep their lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator import urls
from generator.config.model import Outputs
from generator.content.bylines import author_slug
from generator.content.register import (
    AUTHOR,
    GONE,
    INDEX,
    LISTS,
    MONTH,
    MOVED,
    SECTION,
    TAG,
    YEAR,
)
from generator.plan.pagination import OrderKey, seal
from generator.plan.site import Site
from generator.slugs import slugify

Line = tuple[str, str]
"""A register line while resolving: (kind, target), by address (tuples: the whole
archive's lines are compared on every build)."""

Boundaries = Mapping[str, tuple[OrderKey, ...]]
"""The sealed pages' boundaries of each list, by its URL (content/list-pages.txt)."""

ARCHIVE_TITLE = "Archive"
"""The archive's title as planned (a UI string, translated when rendered): its page's
and its redirects' (`/arsip/tahun/` switched off)."""
FEED_FILE = "/feed.xml"
"""How a list's feed's address ends (`urls.feed_url`)."""
_NUMBER = re.compile(r"[1-9][0-9]*/")
"""A numbered page's number as `urls.numbered` writes it."""


def list_addresses(site: Site) -> dict[str, Line]:
    """The own address of every list of `site` but the archive (which always answers),
    with its kind and name: tags, and months, years, authors and sections where the
    settings publish them."""
    found = {t.tag.url: (TAG, t.tag.name) for t in site.tags}
    outputs = site.config.outputs
    if outputs.date_archives:
        found.update((urls.year_url(m.year), (YEAR, str(m.year))) for m in site.months)
        found.update((urls.month_url(m.year, m.month), (MONTH, f"{m.year}-{m.month:02d}"))
                     for m in site.months)
    if outputs.author_pages:
        found.update((a.author.url, (AUTHOR, a.author.name)) for a in site.authors)
    found.update((s.section.url, (SECTION, s.section.name)) for s in site.sections)
    return found


def index_addresses(site: Site) -> dict[str, Line]:
    """The addresses of the site's own pages a setting switches, as the register names
    them (`register.INDEXES`): the archive by month and the search page."""
    outputs = site.config.outputs
    found = {urls.YEARS: (INDEX, "years")} if outputs.date_archives else {}
    if outputs.search:
        found[urls.SEARCH] = (INDEX, "search")
    return found


def index_ended(name: str) -> Line:
    """What answers at the address of the index `name` a setting switched off: the
    archive by month leads to the archive; the search page leaves the notice."""
    return (MOVED, urls.ARCHIVE) if name == "years" else (GONE, "")


def list_items(site: Site) -> dict[str, tuple[int, ...]]:
    """The articles each list of `site` shows (indexes, oldest first), by its own URL:
    the archive, tags, authors, months and sections (whatever the settings publish)."""
    found = {urls.ARCHIVE: site.listed}
    found.update((t.tag.url, t.items) for t in site.tags)
    found.update((a.author.url, a.items) for a in site.authors)
    found.update((urls.month_url(m.year, m.month), m.items) for m in site.months)
    found.update((s.section.url, s.items) for s in site.sections)
    return found


def list_ended(site: Site, live: Mapping[str, Line], named: Mapping[Line, str],
               kind: str, name: str) -> Line:
    """What answers at the address of a list of `kind` and `name` the site no longer
    has: a redirect to the list it now is (a tag renamed by `[tag_aliases]`, a section
    of the same name whose slug changed) or, for a month, to its year; else the
    notice. `named`: the site's lists' addresses by (kind, name)."""
    if kind == TAG:
        to = urls.tag_url(slugify(site.config.canonical_tag(name)))
        return (MOVED, to) if live.get(to, ("", ""))[0] == TAG else (GONE, "")
    if kind == AUTHOR:  # renamed, the old name kept as a key of `[authors]`
        to = urls.author_url(author_slug(site.config.author(name).name))
        if live.get(to, ("", ""))[0] == AUTHOR:
            return (MOVED, to)
    to = named.get((YEAR, name.partition("-")[0]) if kind == MONTH else (kind, name), "")
    return (MOVED, to) if to else (GONE, "")


def alias_targets(site: Site, live: Mapping[str, Line]) -> dict[str, Line]:
    """The tag and author addresses that `[tag_aliases]` and `[authors]` now lead to a
    list of another name, by the alias's own address: the kind of list and the live
    list's address. For lists that ended in an earlier build, gone then: the alias,
    added after, has them redirect (`revived`). Initials `[authors]` maps count too: a
    byline published as `Adt` before its name was known."""
    config = site.config
    found: dict[str, Line] = {}
    pairs = [(TAG, slugify(key), urls.tag_url(slugify(name)))
             for key, name in config.tag_aliases.items()]
    if config.outputs.author_pages:
        pairs += [(AUTHOR, slugify(key), urls.author_url(author_slug(info.name)))
                  for key, info in config.authors.items()]
    for kind, slug, to in pairs:
        alias = urls.tag_url(slug) if kind == TAG else urls.author_url(slug)
        if slug and alias != to and live.get(to, ("", ""))[0] == kind:
            found.setdefault(alias, (kind, to))
    return found


def renamable(site: Site, kind: str, name: str) -> bool:
    """Whether an alias added for a list of `kind` and `name` that ended would lead its
    address on (the summary's hint, report.py): a tag's, or an author's while author
    pages are published, unless `[tag_aliases]` or `[authors]` already maps that name
    (to a list that has no article yet: what is missing is not the alias)."""
    config = site.config
    if kind == TAG:
        return name.strip().lower() not in config.tag_aliases
    return kind == AUTHOR and config.outputs.author_pages and name not in config.authors


def revived(url: str, targets: Mapping[str, Line], outputs: Outputs,
            live: Mapping[str, Line]) -> Line | None:
    """What answers at the gone address `url` when it is the own address, a numbered page
    or the feed of a list an alias now names (`alias_targets`): a redirect to that list
    (its feed to the list's feed, when it has one); None when it stays gone."""
    if url.endswith(FEED_FILE):
        base = url[:-len(FEED_FILE) + 1]
    else:
        start, found, number = url.rpartition("page/")
        base = start if found and _NUMBER.fullmatch(number) else url
    target = targets.get(base)
    if target is None or base in live:  # (a list answers there: its pages are its own)
        return None
    kind, to = target
    if base == url or not url.endswith(FEED_FILE):
        return (MOVED, to)
    return (MOVED, urls.feed_url(to)) if has_feed(outputs, kind) else None


def numbered_ended(site: Site, live: Mapping[str, Line], now: dict[str, Line], base: str,
                   kind: str, sealed: int) -> None:
    """The numbered pages and the feed of the `kind` of list that ended at `base` take
    the fate `now` gives its address: a redirect (the feed to the feed of the list it
    leads to, when that list has one), or the notice. It had `sealed` sealed pages, so
    the numbers up to one after them answered (a year's page has no numbers)."""
    fate, to = now[base]
    if fate not in (MOVED, GONE):  # (another page took its address: they lead there)
        fate, to = MOVED, base
    if kind != YEAR:
        for number in range(1, sealed + 2):
            now.setdefault(urls.numbered(base, number), (fate, to))
    outputs = site.config.outputs
    # (An author's line is written only while author pages are on: it had a feed then,
    # even when this build turns them off.)
    if has_feed(outputs, kind) or (kind == AUTHOR and outputs.feeds):
        fed = fate == MOVED and has_feed(outputs, live.get(to, ("", ""))[0])
        now.setdefault(urls.feed_url(base), (MOVED, urls.feed_url(to)) if fed else (GONE, ""))


def has_feed(outputs: Outputs, kind: str) -> bool:
    """Whether a list of `kind` has a feed with these settings (an author's lives beside
    the author's page; a tag's only with `tag_feeds`)."""
    return outputs.feeds and (kind == SECTION or (kind == AUTHOR and outputs.author_pages)
                              or (kind == TAG and outputs.tag_feeds))


def list_of(url: str, live: Mapping[str, Line]) -> str | None:
    """The list of `live` whose numbered page or feed `url` would be, by its own
    address; None when it is no such address."""
    if url.endswith(FEED_FILE):
        base = url[:-len(FEED_FILE) + 1]
    else:
        base, found, number = url.rpartition("page/")
        if not found or _NUMBER.fullmatch(number) is None:
            return None  # (`page/01/` is no page a list plans: an ordinary line)
    return base if live.get(base, ("", ""))[0] in LISTS else None


class Comebacks:
    """Which numbered pages and feeds of the lists that came back answer again, each
    list paginated once (a resolve asks for every line at one of their addresses)."""

    def __init__(self, site: Site, given: Boundaries) -> None:
        """`given`: the boundaries the plan paginates the lists from."""
        self.site = site
        self.given = given
        self._items: dict[str, tuple[int, ...]] | None = None
        self._newest: dict[str, int] = {}

    def answers_again(self, url: str, base: str, kind: str) -> bool:
        """Whether the list of `kind` at `base` answers at `url` (its numbered page or
        its feed) with a page this build plans: a number up to its newest page's, the
        one after it too when that page is sealed (paginated from `given`, as the
        planner paginates it), or its feed, when it has one."""
        site = self.site
        if url.endswith(FEED_FILE):
            return has_feed(site.config.outputs, kind)
        newest = self._newest.get(base)
        if newest is None:
            if self._items is None:
                self._items = list_items(site)
            keys = [(site.articles[i].date, site.articles[i].path)
                    for i in self._items.get(base, ())]
            paging = seal(keys, site.config.page_size, self.given.get(base, ()))
            newest = self._newest[base] = paging.last + (
                paging.last > 0 and paging.tail.sealed == paging.last)
        return int(url[len(base) + len("page/"):-1]) <= newest
