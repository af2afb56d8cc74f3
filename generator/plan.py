"""Every output file as a `Page` (rendered) or a `Copy` (copied), deterministically.

Each planned file carries a fingerprint of everything that goes into it, so
the build can tell without rendering whether the file on disk is current.
Dependencies are explicit data here, never guessed: a page's fingerprint
names its template (with everything that template includes), the site
settings, the shared navigation, and the records it shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator import plan_extra, urls
from generator.errors import Problem
from generator.plan_extra import lists
from generator.site import Site


@dataclass(frozen=True)
class Page:
    """One output file rendered from a template."""

    output: str
    """Path of the file relative to the output folder, POSIX, e.g. `tag/kpu/index.html`."""
    url: str
    """Root-relative URL, e.g. `/tag/kpu/`."""
    kind: str
    """`home`, `archive`, `tag`, `tags`, `article`, `page`, `404`, `author`, `year`,
    `month`, `years`, `search`, `redirect`, `redirects`, `atom`, `rss`, `jsonfeed`,
    `sitemap`, `sitemapindex`, `newssitemap` or `robots`."""
    template: str
    """Template file name, e.g. `list.html`."""
    title: str
    """Heading of the page: the headline, the tag name, ..."""
    canonical: str
    """Absolute URL of the page's canonical address."""
    items: tuple[int, ...] = ()
    """Articles listed on the page, as indexes into `Site.articles`, newest first."""
    article: int | None = None
    """The article shown (article pages)."""
    static_page: int | None = None
    """The static page shown (index into `Site.pages`)."""
    tag: str = ""
    """Slug of the tag (tag pages and tag feeds)."""
    author: str = ""
    """Slug of the author (author pages and author feeds)."""
    year: int | None = None
    """The year of a date archive page."""
    month: int | None = None
    """The month (1-12) of a month archive page."""
    neighbours: tuple[int | None, int | None] = (None, None)
    """Article pages: the next older and next newer listed article."""
    related: tuple[int, ...] = ()
    """Article pages: related articles, best first."""
    links: tuple[tuple[str, str], ...] = ()
    """Sitemaps: (absolute URL, lastmod or ""); redirects: (from, to) URLs."""
    number: int | None = None
    """Page number of a list page, 1 = oldest."""
    newer_url: str | None = None
    """Next newer list page, if any."""
    older_url: str | None = None
    """Next older list page, if any."""
    fingerprint: str = ""
    """Hash of everything that goes into the file."""


@dataclass(frozen=True)
class Copy:
    """One output file copied from a source file."""

    output: str
    """Path of the file relative to the output folder."""
    source: str
    """Absolute path of the file to copy."""
    fingerprint: str
    """Hash of the source's size and modification time."""


@dataclass(frozen=True)
class Plan:
    """Everything the output folder will hold."""

    pages: tuple[Page, ...]
    """Rendered files, in a deterministic order."""
    copies: tuple[Copy, ...]
    """Copied files."""
    problems: tuple[Problem, ...]
    """Two planned files with the same path."""


def _hash(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def make_plan(site: Site, template_key: Callable[[str], str], globals_key: str,
              copies: Iterable[Copy]) -> Plan:
    """Plan every page of `site`.

    `template_key(name)` is the fingerprint of a template with its
    dependencies; `globals_key` that of everything every page shows (the
    settings, the navigation, the UI strings).
    """
    config = site.config
    keys = [a.key or _hash(a) for a in site.articles]
    pages: list[Page] = []

    def add(url: str, kind: str, template: str, title: str, own: object = (),
            shared: str | None = None, canonical: str | None = None, **fields: object) -> None:
        # `shared` replaces the globals key for files that show no navigation
        # or UI strings (feeds, sitemaps): a new tag count must not touch them.
        items = fields.get("items", ())
        related = fields.get("related", ())
        assert isinstance(items, tuple) and isinstance(related, tuple)
        # `canonical`: the address of a page this one duplicates (the newest page
        # of a list is also shown at the list's own URL).
        fingerprint = _hash(url, kind, title, template_key(template),
                            globals_key if shared is None else shared, own, canonical,
                            [keys[i] for i in items + related], tuple(sorted(fields.items())))
        pages.append(Page(output=urls.output_path(url), url=url, kind=kind, template=template,
                          title=title, canonical=config.absolute(canonical or url),
                          fingerprint=fingerprint,
                          **fields))  # type: ignore[arg-type]

    listed = site.listed
    newest = tuple(reversed(listed))
    add("/", "home", "home.html", config.title, items=newest[: config.home_size])
    lists(add, urls.ARCHIVE, "archive", "Archive", listed, config.page_size)
    add(urls.TAGS, "tags", "tags.html", "Tags",
        own=tuple((t.tag, t.count) for t in site.tags))
    for tag in site.tags:
        lists(add, tag.tag.url, "tag", tag.tag.name, tag.items, config.page_size,
              tag=tag.tag.slug)
    position = {index: n for n, index in enumerate(listed)}
    related = plan_extra.related_finder(site)
    # Bylines link only to authors who have a page: a page whose author lost
    # theirs (their other articles withdrawn or deleted) must re-render.
    with_page = {a.author.slug for a in site.authors} if config.outputs.author_pages else set()
    for index, article in enumerate(site.articles):
        place = position.get(index)
        if place is None:  # withdrawn: the URL stays, with a notice and no links around it
            add(article.url, "article", "article.html", article.title,
                own=(keys[index], [a.slug in with_page for a in article.authors]),
                article=index)
            continue
        older = listed[place - 1] if place > 0 else None
        newer = listed[place + 1] if place + 1 < len(listed) else None
        add(article.url, "article", "article.html", article.title,
            own=(keys[index], [keys[i] if i is not None else None for i in (older, newer)],
                 [a.slug in with_page for a in article.authors]),
            article=index, neighbours=(older, newer),
            related=related(index))
    for index, static in enumerate(site.pages):
        add(static.url, "page", "page.html", static.title, own=_hash(static), static_page=index)
    add("/404.html", "404", "404.html", "Page not found")
    plan_extra.plan_extra(site, add, pages)
    planned_copies = tuple(sorted(copies, key=lambda c: c.output))
    return Plan(tuple(pages), planned_copies, _clashes(site, pages, planned_copies))


def _clashes(site: Site, pages: list[Page], copies: tuple[Copy, ...]) -> tuple[Problem, ...]:
    owner: dict[str, str] = {}
    problems = []
    for page in pages:
        source = (site.articles[page.article].path if page.article is not None
                  else site.pages[page.static_page].path if page.static_page is not None
                  else f"the {page.kind} page")
        first = owner.setdefault(page.output, source)
        if first != source:
            problems.append(Problem(source, None,
                                    f"its URL {page.url} is also used by {first}",
                                    "choose another slug"))
    for copy in copies:
        if copy.output in owner:
            problems.append(Problem(copy.source, None,
                                    f"the file /{copy.output} is also a page of "
                                    f"{owner[copy.output]}",
                                    "rename the file"))
    return tuple(problems)
