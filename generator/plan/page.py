"""Planned output files: `Page` (rendered from a template) and `Copy` (copied).

Each carries a fingerprint of everything that goes into it, so a build can
tell without rendering whether the file on disk is current (see plan/planner.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (the site's pages are planned from it)
    from generator.plan.site import Site


@dataclass(frozen=True)
class Page:
    """One output file rendered from a template."""

    output: str
    """Path of the file relative to the output folder, POSIX, e.g. `tag/kpu/index.html`."""
    url: str
    """Root-relative URL, e.g. `/tag/kpu/`."""
    kind: str
    """`home`, `archive`, `tag`, `section`, `tags`, `article`, `page`, `404`, `author`, `year`,
    `month`, `years`, `search`, `redirect`, `redirects`, `atom`, `rss`, `jsonfeed`,
    `sitemap`, `sitemapindex`, `newssitemap` or `robots`; at published addresses that
    lost their page (plan/redirects.py), `moved` (a tag's or page's old address) or
    `gone`."""
    template: str
    """Template file name, e.g. `list.html`."""
    title: str
    """Heading of the page: the headline, the tag name, ..."""
    canonical: str
    """Absolute URL of the page's canonical address."""
    items: tuple[int, ...] = ()
    """Articles listed on the page, as indexes into `Site.articles`, newest first (the
    home page: its lead first)."""
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
    """Article pages: related articles, best first. The home page: the editors' picks,
    newest first."""
    links: tuple[tuple[str, str], ...] = ()
    """Sitemaps: (absolute URL, lastmod or ""); redirects: (from, to) URLs."""
    ended: tuple[str, ...] = ()
    """Host rules: the folders (`/tag/`) whose lists' feeds were switched off, so that
    every `<folder><slug>/feed.xml` answers 410 (gone) instead of 404."""
    number: int | None = None
    """Page number of a list page, 1 = oldest."""
    newer_url: str | None = None
    """Next newer list page, if any."""
    older_url: str | None = None
    """Next older list page, if any."""
    # Editorial sections (plan/sections.py).
    section: str = ""
    """Slug of the section (section pages and section feeds)."""
    section_nav: tuple[int | None, int | None] = (None, None)
    """Article pages: the previous (older) and next (newer) article of its section."""
    section_more: tuple[int, ...] = ()
    """Article pages: more of its section, newest first (plan/sections.py says which)."""
    list_url: str = ""
    """List pages: the list's own URL, which shows its newest page."""
    nearby: tuple[tuple[int, str], ...] = ()
    """List pages: (number, URL) of the pages linked by number, newest first
    (`pagination.nearby`); page 1 and the newest are linked apart."""
    last: int | None = None
    """List pages: how many pages the list has, on its newest page only: that page
    changes with each addition anyway, older pages never show a total in their bytes
    (a script reads it from the newest page, `data-last`)."""
    # Related news forwards (plan/related.py).
    follow_up: int | None = None
    """Article pages: the newest later article that counts this one among its best
    related articles ("Berita lanjutan"), if any."""
    base: str = ""
    """Hash of everything else that goes into the page."""
    fingerprint: str = ""
    """Hash of everything that goes into the file: `base` and the keys of `deps`."""

    @property
    def deps(self) -> tuple[int, ...]:
        """Articles the page shows (listed, related, neighbours, the article itself,
        its follow-up): their keys go into the fingerprint."""
        return deps_of(self.items, self.related, self.article, self.neighbours,
                       (*self.section_nav, *self.section_more, self.follow_up))


def deps_of(items: tuple[int, ...], related: tuple[int, ...], article: int | None,
          neighbours: tuple[int | None, ...], more: tuple[int | None, ...] = ()
          ) -> tuple[int, ...]:
    return items + related + tuple(i for i in (article, *neighbours, *more) if i is not None)


@dataclass(frozen=True)
class Copy:
    """One output file copied from a source file."""

    output: str
    """Path of the file relative to the output folder."""
    source: str
    """Absolute path of the file to copy."""
    fingerprint: str
    """Hash of the source's size and modification time."""


def fingerprint(base: str, deps: Iterable[int], key_of: Callable[[int], str]) -> str:
    """A page's fingerprint: its base and the keys of the articles it shows."""
    return hashlib.sha1("".join([base, *map(key_of, deps)]).encode()).hexdigest()


ARTICLE_FIELDS = frozenset({"items", "related", "article", "neighbours", "section_nav",
                            "section_more", "follow_up"})
"""The `Page` fields that hold indexes into `Site.articles`."""


def placed(fields: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """A page's fields as its base holds them. Which articles it shows goes into its
    fingerprint by their keys (`deps`, in order), so the base holds of each article
    field only its shape (its length, its empty places), not the indexes: an article
    dated in the middle of the archive moves the index of every later one, and a page
    showing the same articles as before keeps its fingerprint (it is not rendered
    again, and its stored form, `stored`, names articles by path: not stored again)."""
    return tuple(sorted((name, _shape(value) if name in ARTICLE_FIELDS else value)
                        for name, value in fields.items()))


def stored(page: Page, paths: Sequence[str]) -> dict[str, object]:
    """`page` as the cache keeps it (cache/pages.py): its fields, each article named by
    its source path and its place in `Site.articles` when stored (`paths`: those of
    `page.deps`, in order). An article dated before the ones a page shows moves their
    places, not their paths: the stored page stays true, and is not stored again."""
    path = dict(zip(page.deps, paths, strict=True))
    return _each_article(dict(page.__dict__), lambda index: (path[index], index))


def from_stored(state: object, places: Places) -> Page:
    """The page `stored` kept, its articles placed in the order `places` holds.
    LookupError when it is not a stored page or shows an article that order lacks
    (the caller takes the whole way)."""
    if not isinstance(state, dict):
        raise LookupError("a stored page of another shape")
    try:
        return Page(**_each_article(dict(state), lambda named: places.place(*named)))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError) as error:
        raise LookupError(f"a stored page that does not fit this site: {error}") from None


_ONE_ARTICLE = frozenset({"article", "follow_up"})
"""The fields of `ARTICLE_FIELDS` that hold one article (or None), not a tuple."""


def _each_article(fields: dict[str, object], named: Callable[[Any], object]
                  ) -> dict[str, object]:
    """`fields` with each article of the article fields replaced by `named(article)`."""
    for name in ARTICLE_FIELDS:
        value = fields[name]
        if value is None:
            continue
        if name in _ONE_ARTICLE:
            fields[name] = named(value)
        elif isinstance(value, tuple):
            fields[name] = tuple([None if item is None else named(item) for item in value])
        else:  # (a damaged row: `from_stored` makes it a LookupError)
            raise TypeError(f"{name} is not a tuple")
    return fields


class Places(Mapping[str, int]):
    """Each article's index in `order` (the last build's `Settled.order`), by source
    path. A stored page's article is first looked for at the place it had when stored
    (`place`): only after an article moved is the whole order hashed, once."""

    def __init__(self, order: Sequence[str], moved_from: Mapping[str, str] | None = None
                 ) -> None:
        self._order = order
        self._index: dict[str, int] | None = None
        # (A story's file moved, new path -> old path: the pages stored before name the
        # old one, plan/moving.py.)
        self._new_of = {old: new for new, old in (moved_from or {}).items()}

    def place(self, path: str, was: int) -> int:
        """The index of the article at `path` (or at the path it moved to), stored at
        index `was`; KeyError when `order` lacks it."""
        order = self._order
        path = self._new_of.get(path, path) if self._new_of else path
        if type(was) is not int:
            raise TypeError("a stored place that is not an index")
        if 0 <= was < len(order) and order[was] == path:
            return was
        if 0 <= was + 1 < len(order) and order[was + 1] == path:
            return was + 1  # (a story filed late, dated before it: plan/insertion.py)
        if 0 <= was - 1 < len(order) and order[was - 1] == path:
            return was - 1  # (a story deleted before it: plan/deletion.py)
        return self._built()[path]

    def _built(self) -> dict[str, int]:
        if self._index is None:
            self._index = {path: n for n, path in enumerate(self._order)}
        return self._index

    def __getitem__(self, path: str) -> int:
        return self._built()[self._new_of.get(path, path) if self._new_of else path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._order)


def _shape(value: object) -> object:
    if value is None or isinstance(value, int):
        return value is None
    assert isinstance(value, tuple)
    return tuple([item is None for item in value])


def refreshed(page: Page, site: Site, key_of: Callable[[int], str]) -> Page:
    """`page` as planned again after articles it shows were edited without moving:
    the title of an article page and the fingerprint can change, nothing else."""
    title = site.articles[page.article].title if page.article is not None else page.title
    return replace(page, title=title, fingerprint=fingerprint(page.base, page.deps, key_of))
