"""What the index holds of one article: a `SearchRecord`, made from what the build
already knows (the parsed article and its rendered body), never from the page."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from generator.content.model import Article
from generator.date_format import iso, long_date
from generator.photos.model import Photo

FORMAT = "4"  # (4: the thumbnail's URL percent-encoded, `Photo.thumbnail`)
"""Changes when a record is made differently: every shard is indexed again. Bump it
with any change to what a record holds (`record_of`, the date as readers read it,
`plain_text`, the words, the Pagefind options of service.py): the shards outlive a
new release, whose build keeps each one whose key is unchanged."""

SHARD_FILTER = "shard"
"""A filter the search page gives each shard's pages (Pagefind's `mergeFilter`), so that
"newest first" can read the shards one at a time, newest first."""


@dataclass(frozen=True)
class Labels:
    """The names of the filters, in the site's language (the theme's catalogues)."""

    tag: str
    """The tag filter, e.g. `Tag`."""
    year: str
    """The year filter, e.g. `Tahun`."""
    section: str = "Section"
    """The section filter, e.g. `Rubrik`."""


@dataclass(frozen=True)
class SearchRecord:
    """One article as Pagefind's custom record."""

    url: str
    """Root-relative URL of the article page."""
    title: str
    """The headline."""
    date: str
    """The publication date as a reader reads it: `26 September 2018`."""
    sort: str
    """The publication time, ISO 8601 in the site's zone: sorts as text."""
    image: str
    """URL of the lead photo, or empty."""
    filters: dict[str, list[str]]
    """Filter name -> values: tags, year and section."""
    content: str
    """The body as plain text: no kicker, caption, credit or hidden year."""
    origin: str = ""
    """In the corrections shard: the name of the full shard holding the article's older
    record, which the search page hides (and places this one among, newest first)."""


# Figures inside a body carry a photo's caption and credit: not the article's words.
_FIGURE = re.compile(r"<figure\b.*?</figure\s*>", re.S | re.I)
_INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|div|table|ul|ol)\s*>|<br\s*/?>",
                        re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\s*\n\s*")


def plain_text(body: str) -> str:
    """The words of a rendered body, one line per block, entities decoded."""
    text = _INVISIBLE.sub(" ", _FIGURE.sub(" ", body))
    text = _TAG.sub(" ", _BLOCK_END.sub("\n", text))
    text = _SPACE.sub(" ", html.unescape(text))
    return _LINES.sub("\n", text).strip()


def thumbnail(article: Article, photos: Mapping[str, Photo]) -> str:
    """The URL of the image a result shows: the narrowest WebP derivative of the
    article's photo (its original is not published), else what it names as written."""
    if article.image is None or not article.image.url:
        return ""
    photo = photos.get(article.image.url)
    if photo is None:
        return article.image.url
    return photo.thumbnail


def record_of(article: Article, body: str, labels: Labels, locale: str,
              zone: ZoneInfo, photos: Mapping[str, Photo] | None = None,
              sections: Mapping[str, str] | None = None) -> SearchRecord:
    """The record of `article`, whose rendered body is `body`; `photos` are the site's
    (`Site.photos`), for the thumbnail; `sections` each section's name by its slug."""
    moment = article.date.astimezone(zone)
    filters = {labels.year: [str(moment.year)]}
    if article.tags:
        filters[labels.tag] = [tag.name for tag in article.tags]
    section = (sections or {}).get(article.section) if article.section else None
    if section:
        filters[labels.section] = [section]
    return SearchRecord(
        url=article.url, title=article.title, date=long_date(moment, locale),
        sort=iso(moment), image=thumbnail(article, photos or {}),
        filters=filters, content=plain_text(body))
