"""What `site.toml` says, as frozen values: `SiteConfig` and the tables in it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from generator.config.footer import FooterLink
from generator.config.images import ImageSettings
from generator.config.search import SearchSettings
from generator.config.sections import HomeSettings, Section
from generator.errors import Problem


@dataclass(frozen=True)
class AuthorInfo:
    """What `site.toml`'s `[authors]` says about one byline."""

    key: str
    """The initials or name as written in articles, e.g. `Hmz`."""
    name: str
    """The full name printed in bylines."""
    bio: str = ""
    """One or two sentences for the author page; may be empty."""
    photo: str = ""
    """URL or `media/` path of a portrait; may be empty."""


@dataclass(frozen=True)
class Outputs:
    """Which optional outputs a build produces (all on unless switched off, but
    `tag_feeds`, off unless switched on)."""

    feeds: bool = True
    """Atom, RSS and JSON feeds: the site's, each section's and each author's."""
    tag_feeds: bool = False
    """An Atom feed for each tag too (with `feeds`). Off unless asked, as in Pelican,
    Zola and Jekyll: a story's tags would each add a file to every addition, and the
    sections' feeds are the topics a newsroom's readers follow (issue 18)."""
    sitemaps: bool = True
    """sitemap.xml, the news sitemap and robots.txt."""
    search: bool = True
    """The Pagefind search index and page."""
    date_archives: bool = True
    """/<yyyy>/ and /<yyyy>/<mm>/ pages."""
    author_pages: bool = True
    """/author/<slug>/ pages."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything `site.toml` says, validated, with defaults filled in."""

    title: str = "Warta"
    """The site's name, shown in the masthead and in titles."""
    description: str = ""
    """One sentence about the site, for the home page and feeds."""
    base_url: str = "http://localhost/"
    """Absolute URL the site is published at, always ending in `/`."""
    language: str = "id"
    """BCP 47 language of the site and the Babel locale for dates (`id`, `en`)."""
    timezone: str = "Asia/Jakarta"
    """IANA time zone for dates given without an offset and for display."""
    theme: str = "default"
    """Folder name under `themes/`."""
    home_size: int = 20
    """Number of newest articles on the home page."""
    page_size: int = 20
    """Number of articles on each archive and tag page."""
    feed_size: int = 20
    """Number of newest entries in each feed."""
    article_url: str = "/{year}/{month}/{slug}/"
    """URL pattern of article pages; placeholders {year} {month} {day} {slug}."""
    authors: Mapping[str, AuthorInfo] = field(default_factory=dict)
    """Initials (or names) as written in articles -> who they are."""
    tag_aliases: Mapping[str, str] = field(default_factory=dict)
    """Lowercased tag as written -> the tag to use instead."""
    known_tags: tuple[str, ...] = ()
    """Tags the importer may suggest when their name occurs in a text."""
    publisher: str = ""
    """Name of the publishing organisation for structured data and the Google News
    sitemap; empty means the site's title."""
    publisher_logo: str = ""
    """URL or theme path of the publisher's logo for structured data."""
    sitemap_size: int = 10000
    """URLs per sitemap file; past it, sitemap.xml becomes an index (at most 50,000)."""
    outputs: Outputs = field(default_factory=Outputs)
    """Optional outputs switched on or off."""
    # Editorial structure (config/sections.py).
    sections: tuple[Section, ...] = ()
    """`[[sections]]`: the editorial sections (rubrik), in menu order. When there are
    any, every article's `section:` must name one, and the menu shows them."""
    nav_tags: tuple[str, ...] = ()
    """`nav_tags`: the tags the menu shows when no section is configured (none: no tag
    menu). Never chosen by counts, so the menu changes only when site.toml does."""
    home: HomeSettings = field(default_factory=HomeSettings)
    """`[home]`: the home page's lead and how many editors' picks it shows."""
    footer: tuple[FooterLink, ...] = ()
    """`[footer]`'s links, in order; empty: the footer links the site's pages."""
    # [search] (config/search.py)
    search: SearchSettings = field(default_factory=SearchSettings)
    """How the search index is split into shards."""
    # Photos (issue 16): `[images]`, read by config/images.py.
    images: ImageSettings = field(default_factory=ImageSettings)
    """How photos are published: derivative widths, quality, originals."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Unknown top-level keys, available to templates as `site.extra`."""
    fingerprint: str = ""
    """Hash of the config text; any change to it invalidates every page."""
    warnings: tuple[Problem, ...] = ()
    """What is odd in site.toml without stopping a build (a misspelt key or table)."""

    def author(self, key: str) -> AuthorInfo:
        """The author written as `key`, or an author of that name."""
        return self.authors.get(key) or AuthorInfo(key=key, name=key)

    def canonical_tag(self, tag: str) -> str:
        """The tag after applying `[tag_aliases]`."""
        return self.tag_aliases.get(tag.strip().lower(), tag.strip())

    def absolute(self, url: str) -> str:
        """`url` (root-relative, starting with `/`) made absolute with `base_url`."""
        return self.base_url.rstrip("/") + url

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_key(self) -> str:
        """Hash of the settings that parsing an article depends on.

        A parsed article in the cache is reused only while this is unchanged,
        so editing the site title does not re-parse the archive.
        """
        parts = (self.timezone, self.article_url, sorted(self.tag_aliases.items()),
                 sorted((k, a.name) for k, a in self.authors.items()),
                 # `section:` is checked against the sections and kept as a slug.
                 [(s.name, s.slug) for s in self.sections],
                 # (An alias written as this site's full address is kept as its path.)
                 self.base_url)
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]
