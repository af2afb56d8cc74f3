"""The only place that knows URL shapes and how URLs map to output files."""

from __future__ import annotations

from datetime import datetime
from posixpath import normpath
from urllib.parse import quote

HOME = "/"
ARCHIVE = "/arsip/"
TAGS = "/tag/"
AUTHORS = "/author/"
MEDIA = "/media/"
YEARS = "/arsip/tahun/"
SEARCH = "/cari/"
FEED = "/feed.xml"
RSS = "/rss.xml"
JSON_FEED = "/feed.json"
SITEMAP = "/sitemap.xml"
NEWS_SITEMAP = "/news-sitemap.xml"
SITEMAP_FRONTS = "/sitemap-fronts-"
ROBOTS = "/robots.txt"
REDIRECTS = "/_redirects"


def article_url(pattern: str, date: datetime, slug: str) -> str:
    """The article's URL from the configured pattern, in the article's local date."""
    return pattern.format(
        year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}", slug=slug
    )


def tag_url(slug: str) -> str:
    return f"{TAGS}{slug}/"


def author_url(slug: str) -> str:
    return f"{AUTHORS}{slug}/"


def feed_url(base: str) -> str:
    """The Atom feed of the list at `base` (`/tag/kpu/` -> `/tag/kpu/feed.xml`)."""
    return f"{base}feed.xml"


def year_url(year: int) -> str:
    return f"/{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"/{year:04d}/{month:02d}/"


def sitemap_part(number: int) -> str:
    """URL of part `number` (1-based) of a sitemap split under an index."""
    return f"/sitemap-{number}.xml"


def sitemap_fronts_part(number: int) -> str:
    """URL of part `number` (1-based) of the fronts' entries (plan/sitemaps.py `fronts`)
    in a sitemap split under an index."""
    return f"{SITEMAP_FRONTS}{number}.xml"


def page_url(slug: str) -> str:
    return f"/{slug}/"


def numbered(base: str, number: int) -> str:
    """URL of list page `number` (1 = oldest) of the list at `base`."""
    return f"{base}page/{number}/"


def media_url(relative: str) -> str:
    return MEDIA + relative.lstrip("/")


def web_path(path: str) -> str:
    """Root-relative `path` of a published file (`/media/2025/Foto Banjir 01-480.webp`,
    named as a phone or Windows names files) as a page writes its URL: each character
    other than letters, digits, `-._~` and `/` percent-encoded (`Foto%20Banjir%2001-…`).
    A space or a comma would cut a `srcset` apart, and is no URL in `og:image` or
    JSON-LD; a host decodes the name back to the file. An ASCII name without them is
    left as it is."""
    return quote(path, safe="/")


def output_path(url: str) -> str:
    """Output file (relative, POSIX) for a root-relative URL.

    `/a/b/` becomes `a/b/index.html`; a URL naming a file keeps its name.
    Raises ValueError for URLs that would leave the output folder.
    """
    if not url.startswith("/") or "\\" in url or "\x00" in url:
        raise ValueError(f"not a root-relative URL: {url!r}")
    path = url.lstrip("/")
    if url.endswith("/"):
        path += "index.html"
    normal = normpath(path)
    if normal.startswith("..") or normal.startswith("/") or normal != path:
        raise ValueError(f"URL leaves the site or is not normal: {url!r}")
    return normal


SECTIONS = "/rubrik/"


def section_url(slug: str) -> str:
    """The page of an editorial section (`[[sections]]` of site.toml)."""
    return f"{SECTIONS}{slug}/"
