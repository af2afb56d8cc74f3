"""Photos on the pages: the images of an article's body as `<picture>` elements made
by the theme's `_picture.html` macro, and the photo a page announces to social
networks and search engines (`og:image`, JSON-LD `image`)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from generator.content.model import Article, StaticPage
from generator.photos.model import Photo, body_photo_url

PICTURE_TEMPLATE = "_picture.html"

BODY_SIZES = "(min-width: 48rem) 42rem, 100vw"
"""How wide a photo in an article's text is shown: the article's measure, or the
screen (the `sizes` of its `<picture>`)."""

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')


def announced(article: Article, photos: Mapping[str, Photo]) -> str:
    """The URL of the photo a page about `article` announces (root-relative, or an
    http(s) URL as written), or "" when it has none: the JPEG derivative, at least
    1200 pixels wide when the photo is."""
    image = article.image
    if image is None or not image.url:
        return ""
    photo = photos.get(image.url)
    return photo.src if photo is not None else image.url


_ROOTED = re.compile(r"""(<[a-zA-Z][^<>]*?\s(?:href|src)\s*=\s*["'])/(?!/)""", re.IGNORECASE)
"""A link's or a source's root-relative URL in a body (`href="/2024/03/banjir/"`, a
video's `src="/media/…"`)."""


def feed_images(body: str, article: Article, photos: Mapping[str, Photo],
                absolute: Callable[[str], str]) -> str:
    """`body` for a feed: each photo under content/media/ shown by its JPEG's absolute
    URL (a feed reader knows no page to resolve a path from, and the original is not
    published), and every other root-relative URL made absolute (a link to another
    story, a video)."""
    def replaced(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = html.unescape(dict(_ATTRIBUTE.findall(tag)).get("src", ""))
        url = body_photo_url(src) if src in article.media else None
        photo = photos.get(url) if url else None
        if photo is None:
            return tag
        return re.sub(r'\ssrc="[^"]*"', lambda _: f' src="{html.escape(absolute(photo.src))}"',
                      tag, count=1)

    # (the photos first: their `src` as written is what `article.media` names)
    if article.media and photos:
        body = _IMG.sub(replaced, body)
    return _ROOTED.sub(lambda found: found[1] + absolute("/"), body)


def body_pictures(body: str, article: Article | StaticPage, photos: Mapping[str, Photo],
                  picture: Callable[..., str]) -> str:
    """`body` with each `<img>` of a photo under content/media/ made a `<picture>` by
    the `picture` macro (lazy, with its width and height)."""
    if not article.media or not photos:
        return body

    def replaced(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        src = html.unescape(attributes.get("src", ""))
        url = body_photo_url(src) if src in article.media else None
        photo = photos.get(url) if url else None
        if photo is None:
            return match.group(0)
        return picture(photo, html.unescape(attributes.get("alt", "")), BODY_SIZES)

    return _IMG.sub(replaced, body)
