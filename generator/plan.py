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

from generator import urls
from generator.errors import Problem
from generator.pagination import paginate
from generator.site import Site


@dataclass(frozen=True)
class Page:
    """One output file rendered from a template."""

    output: str
    """Path of the file relative to the output folder, POSIX, e.g. `tag/kpu/index.html`."""
    url: str
    """Root-relative URL, e.g. `/tag/kpu/`."""
    kind: str
    """`home`, `archive`, `tag`, `tags`, `article`, `page` or `404`."""
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
    """Slug of the tag (tag pages)."""
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
    keys = [_hash(a) for a in site.articles]
    pages: list[Page] = []

    def add(url: str, kind: str, template: str, title: str, own: object = (), **fields: object
            ) -> None:
        items = fields.get("items", ())
        assert isinstance(items, tuple)
        fingerprint = _hash(url, kind, title, template_key(template), globals_key, own,
                            [keys[i] for i in items], tuple(sorted(fields.items())))
        pages.append(Page(output=urls.output_path(url), url=url, kind=kind, template=template,
                          title=title, canonical=config.absolute(url), fingerprint=fingerprint,
                          **fields))  # type: ignore[arg-type]

    newest = tuple(reversed(range(len(site.articles))))
    add("/", "home", "home.html", config.title, items=newest[: config.home_size])
    _lists(add, urls.ARCHIVE, "archive", "Archive", "", len(site.articles), config.page_size,
           lambda chunk: tuple(reversed(range(chunk.start, chunk.stop))))
    add(urls.TAGS, "tags", "tags.html", "Tags",
        own=tuple((t.tag, t.count) for t in site.tags))
    for tag in site.tags:
        _lists(add, tag.tag.url, "tag", tag.tag.name, tag.tag.slug, tag.count, config.page_size,
               lambda chunk, items=tag.items: tuple(reversed(items[chunk.start:chunk.stop])))
    for index, article in enumerate(site.articles):
        neighbours = (keys[index - 1] if index > 0 else None,
                      keys[index + 1] if index + 1 < len(keys) else None)
        add(article.url, "article", "article.html", article.title,
            own=(keys[index], neighbours), article=index)
    for index, static in enumerate(site.pages):
        add(static.url, "page", "page.html", static.title, own=_hash(static), static_page=index)
    add("/404.html", "404", "404.html", "Page not found")
    planned_copies = tuple(sorted(copies, key=lambda c: c.output))
    return Plan(tuple(pages), planned_copies, _clashes(site, pages, planned_copies))


def _lists(add: Callable[..., None], base: str, kind: str, title: str, tag: str, count: int,
           size: int, items_of: Callable[..., tuple[int, ...]]) -> None:
    """A paginated list: numbered pages oldest first, and `base` showing the newest one."""
    chunks = paginate(count, size)
    last = len(chunks)
    for chunk in chunks:
        fields = {
            "items": items_of(chunk),
            "number": chunk.number,
            "tag": tag,
            "newer_url": urls.numbered(base, chunk.number + 1) if chunk.number < last else None,
            "older_url": urls.numbered(base, chunk.number - 1) if chunk.number > 1 else None,
        }
        add(urls.numbered(base, chunk.number), kind, "list.html", title, **fields)
        if chunk.number == last:
            add(base, kind, "list.html", title, **fields)
    if not chunks:
        add(base, kind, "list.html", title, tag=tag, number=None)


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
