"""The records that flow between stages: articles, tags, authors, pages.

All frozen; every field documented where it is declared, so the frontmatter
schema and the template context document themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any, overload


@dataclass(frozen=True)
class Tag:
    """A tag as printed and linked."""

    name: str
    """The tag as editors write it (after `[tag_aliases]`), e.g. `Pemkot Malang`."""
    slug: str
    """Its URL word, e.g. `pemkot-malang`."""
    url: str
    """Root-relative URL of its first list page, e.g. `/tag/pemkot-malang/`."""


@dataclass(frozen=True)
class Author:
    """A byline as printed and linked."""

    key: str
    """As written in the article: initials (`Hmz`) or a name."""
    name: str
    """Full name from `site.toml`'s `[authors]`, else the key itself."""
    slug: str
    """URL word of the author's page."""
    url: str
    """Root-relative URL of the author's page."""


@dataclass(frozen=True)
class Image:
    """The article's lead photo."""

    src: str
    """As written in frontmatter: an http(s) URL, a path under `content/media/`, or empty
    when there is only a caption."""
    url: str
    """What the page loads: the URL, `/media/...` for a local file, or empty when there
    is no photo (no `src`): then no image is shown or announced, only the caption and
    credit, as text."""
    alt: str = ""
    """Text alternative for readers who cannot see the image."""
    caption: str = ""
    """The photo caption without its credit."""
    credit: str = ""
    """Who took or supplied the photo, e.g. `Istimewa`."""


@dataclass(frozen=True)
class Correction:
    """A dated correction note shown at the end of an article."""

    date: datetime
    """When the correction was made (time-zone aware)."""
    text: str
    """What was corrected."""


@dataclass(frozen=True)
class Article:
    """One article's metadata: everything but its body, which lives in the cache.

    Keeping bodies out lets a build hold the whole archive's metadata in
    memory while article bodies are streamed page by page.
    """

    path: str
    """Source file relative to the site folder, e.g. `content/articles/2018/09/x.md`."""
    title: str
    """The headline, plain text."""
    date: datetime
    """Publication time, always time-zone aware."""
    slug: str
    """URL word of the article."""
    url: str
    """Root-relative permanent URL, e.g. `/2018/09/x/`."""
    tags: tuple[Tag, ...] = ()
    """Tags in the order written, duplicates removed."""
    authors: tuple[Author, ...] = ()
    """Bylines in the order written."""
    editors: tuple[Author, ...] = ()
    """Editors (`editors:`, initials mapped by `[authors]` like bylines), shown as
    "Editor: ..." under the byline and as `editor` in the JSON-LD."""
    summary: str = ""
    """Plain-text summary: from frontmatter or the first paragraph."""
    location: str = ""
    """Dateline city, e.g. `Malang`."""
    source: str = ""
    """Outlet the story comes from, e.g. `MalangVoice`."""
    image: Image | None = None
    """Lead photo with caption and credit, if any."""
    draft: bool = False
    """Drafts are built only by `warta serve` and `warta build --drafts`."""
    time_known: bool = True
    """Whether `date` was written with a time of day. A date alone (`date: 2024-03-01`,
    as imported texts often have) is midnight in `date`, for ordering and for the
    machine formats (JSON-LD, feeds, sitemaps), but pages show the date without a clock
    (the `datetime` filter's `time` argument)."""
    updated: datetime | None = None
    """Last substantive update, if any."""
    corrections: tuple[Correction, ...] = ()
    """Corrections, oldest first."""
    aliases: tuple[str, ...] = ()
    """Old root-relative URLs that should lead to this article."""
    withdrawn: str = ""
    """Non-empty when the article was withdrawn: the reason shown instead of the body."""
    section: str = ""
    """Slug of its editorial section (`section:`, one of `[[sections]]` in site.toml),
    or empty."""
    featured: bool = False
    """`featured: true`: a candidate for the home page's lead and the editors' picks."""
    words: int = 0
    """Number of words in the body."""
    body_hash: str = ""
    """Hash of the rendered body HTML; pages that show the body depend on it."""
    # Photos (issue 16): the body's images, so that a build knows them without the body.
    media: tuple[str, ...] = ()
    """The `src` of each image in the body that is not an http(s) URL, as written (e.g.
    `media/2024/banjir.jpg`): the photos the article's page shows besides its lead."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Frontmatter keys Warta does not know, available to templates."""
    shape: str = ""
    """Hash of the fields that place the article in the site: path, date, URL, tags,
    authors, draft, withdrawn or not, aliases, section, featured. While no article's
    shape changes, the site's lists and links stay as they were (see `plan.PlanMemo`)."""
    key: str = ""
    """Hash of all the fields above: the pages that show the article depend on it.

    Computed once when the file is parsed (see `with_key`), so a rebuild does
    not hash the whole archive's metadata again.
    """

    @property
    def reading_minutes(self) -> int:
        """Estimated reading time at 200 words a minute, at least 1."""
        return max(1, round(self.words / 200))

    @property
    def modified(self) -> datetime:
        """The latest of date, updated and corrections."""
        times = [self.date] + ([self.updated] if self.updated else [])
        times += [c.date for c in self.corrections]
        return max(times)


@dataclass(frozen=True)
class StaticPage:
    """A page that is not an article, from `content/pages/`, e.g. "Tentang"."""

    path: str
    """Source file relative to the site folder."""
    title: str
    """Page title."""
    slug: str
    """URL word; the page lives at `/<slug>/`."""
    url: str
    """Root-relative URL."""
    body_hash: str = ""
    """Hash of the rendered body HTML."""
    summary: str = ""
    """First paragraph as plain text."""
    # Photos (issue 16).
    media: tuple[str, ...] = ()
    """The `src` of each image in the body that is not an http(s) URL, as written."""


_SHAPE = ("path", "date", "url", "tags", "authors", "draft", "aliases",
          # The section's lists and neighbours, and the home page's lead and picks.
          "section", "featured")
# Every other field but the two hashes: a field added to Article is in the key.
_REST = tuple(f.name for f in fields(Article) if f.name not in {*_SHAPE, "shape", "key"})


def with_key(article: Article) -> Article:
    """`article` with its `shape` and `key` set from its other fields."""
    # Each field's text once, one copy of the article: this runs for every parsed file.
    shape = repr((*(getattr(article, name) for name in _SHAPE), bool(article.withdrawn)))
    rest = repr(tuple([getattr(article, name) for name in _REST]))
    return replace(article, shape=_sha1(shape), key=_sha1(shape + rest))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def shape_of(*kinds: type) -> str:
    """The fields of dataclasses `kinds`, as text: stored data pickled from classes of
    another shape must not be trusted (see cache/store.py and build/memos.py)."""
    return ",".join(f"{kind.__name__}:{f.name}" for kind in kinds for f in fields(kind))


class LazyArticles(Sequence[Article]):
    """A sequence of articles made up as they are asked for (`one`), never copied."""

    def one(self, index: int) -> Article:
        """Article `index` (0 <= index < len(self))."""
        raise NotImplementedError

    def load(self, indexes: Iterable[int]) -> None:
        """Make these articles at once, ahead of asking for them (a sequence that reads
        them from somewhere reads them in one go); by default, nothing."""

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Article]: ...

    def __getitem__(self, index: int | slice) -> Article | Sequence[Article]:
        if isinstance(index, slice):
            return [self.one(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.one(index)

    def __iter__(self) -> Iterator[Article]:
        return (self.one(i) for i in range(len(self)))
