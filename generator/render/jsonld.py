"""Machine-readable descriptions of articles: schema.org JSON-LD and JSON Feed 1.1.

Pure functions from records to JSON text. They read the same fields the
templates print (title, date, modified, authors), so the structured data
and the visible byline and date cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from generator import date_format, urls
from generator.config import SiteConfig
from generator.content.model import Article
from generator.photos.model import EMPTY, Photo, config_photo
from generator.render.photos import announced


def absolute_asset(config: SiteConfig, src: str) -> str:
    """An image URL, theme path or media path as an absolute URL."""
    if src.startswith(("http://", "https://")):
        return src
    if src.startswith("/"):
        return config.absolute(src)
    if src.startswith(("media/", "static/")):
        return config.absolute("/" + src)
    return config.absolute("/static/" + src)


def _logo(config: SiteConfig, photos: Mapping[str, Photo]) -> str:
    """The publisher's logo: its JPEG derivative when it is a photo under media/."""
    logo = config.publisher_logo
    photo = config_photo(logo, photos)
    return photo.src if photo is not None else logo


def author_link(config: SiteConfig, url: str) -> str | None:
    """Absolute URL of an author page, when the site has author pages."""
    return config.absolute(url) if config.outputs.author_pages else None


def article_data(config: SiteConfig, article: Article, canonical: str,
                 photos: Mapping[str, Photo] = EMPTY) -> dict[str, Any]:
    """The schema.org `NewsArticle` of an article page; its image is the photo's JPEG
    derivative when `photos` has the photo."""
    authors = []
    for author in article.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        link = author_link(config, author.url)
        if link:
            person["url"] = link
        authors.append(person)
    publisher: dict[str, Any] = {"@type": "Organization", "name": config.publisher or config.title,
                                 "url": config.base_url}
    if config.publisher_logo:
        publisher["logo"] = {"@type": "ImageObject",
                             "url": absolute_asset(config, _logo(config, photos))}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": date_format.iso(article.date),
        "dateModified": date_format.iso(article.modified),
        "author": authors,
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "inLanguage": config.language,
    }
    if article.editors:
        data["editor"] = [{"@type": "Person", "name": e.name} for e in article.editors]
    if article.summary and not article.withdrawn:
        data["description"] = article.summary
    if image := announced(article, photos):  # no `src`: a caption without a photo
        data["image"] = [absolute_asset(config, image)]
    if article.tags:
        data["keywords"] = [t.name for t in article.tags]
    if article.location:
        data["contentLocation"] = {"@type": "Place", "name": article.location}
    if article.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text,
                               "datePublished": date_format.iso(c.date)}
                              for c in article.corrections]
    return data


def script_json(data: object) -> str:
    """JSON safe to place inside `<script>`: no `<`, `>` or `&` that could end it early."""
    # One line: Python's JSON encoder indents in pure Python, ten times slower than
    # its C encoder, on every article page.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_feed(config: SiteConfig, title: str, feed_url: str, home_url: str,
              entries: Sequence[tuple[Article, str]],
              photos: Mapping[str, Photo] = EMPTY) -> str:
    """A JSON Feed 1.1 document of `entries` (article, body HTML), newest first."""
    items = []
    for article, body in entries:
        item: dict[str, Any] = {
            "id": config.absolute(article.url),
            "url": config.absolute(article.url),
            "title": article.title,
            "content_html": body,
            "summary": article.summary,
            "date_published": date_format.iso(article.date),
            "date_modified": date_format.iso(article.modified),
        }
        if article.authors:
            item["authors"] = [{"name": a.name, **({"url": link} if (
                link := author_link(config, a.url)) else {})} for a in article.authors]
        if article.tags:
            item["tags"] = [t.name for t in article.tags]
        if image := announced(article, photos):
            item["image"] = absolute_asset(config, image)
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": config.absolute(home_url),
        "feed_url": config.absolute(feed_url),
        "language": config.language,
        "items": items,
    }
    if config.description:
        feed["description"] = config.description
    return json.dumps(feed, ensure_ascii=False, indent=2)


def tag_uri(config: SiteConfig, article: Article) -> str:
    """A permanent Atom id (RFC 4151 tag URI): host, publication day and URL path.

    It survives a move from http to https or to a new host name's CDN, which
    a permalink id would not."""
    host = config.base_url.split("://", 1)[1].split("/", 1)[0]
    return f"tag:{host},{article.date:%Y-%m-%d}:{article.url}"


def breadcrumbs(config: SiteConfig, trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The schema.org `BreadcrumbList` of `trail`: (name, root-relative URL) pairs from
    the home page down to the page itself, the same the visible breadcrumbs show."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": n, "name": name,
                             "item": config.absolute(url)}
                            for n, (name, url) in enumerate(trail, start=1)],
    }


def list_home(page_tag: str, page_author: str, page_section: str = "") -> str:
    """The HTML page a feed belongs to."""
    if page_section:
        return urls.section_url(page_section)
    if page_tag:
        return urls.tag_url(page_tag)
    if page_author:
        return urls.author_url(page_author)
    return "/"
