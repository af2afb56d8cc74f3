"""What a build knows of each photo it publishes: its size and its derivatives.

Pure data for the plan and render stages (`Site.photos`); made by `photos/stage.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from generator.config import SiteConfig
from generator.content.image import image_url
from generator.content.model import Article, StaticPage
from generator.urls import web_path

DERIVED = (".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".heic", ".heif", ".avif",
           ".bmp")
"""Suffixes of the photos that get derivatives (and are not published as they are): an
iPhone's HEIC and an AVIF too, which carry the phone's EXIF, its GPS position too (and
Android's browsers show no HEIC); a JPEG Windows saved as `.jfif` (a photo downloaded
from WhatsApp Web), which hosts serve with no image type (Apache's and nginx's types
know `.jpg`, `.jpeg` and `.jpe` only); a Windows Paint `.bmp`, ten times a JPEG's
weight. A TIFF is published as it is, as any other file: a scanned document linked
for download (shown as an image, it is a warning)."""

SHARE_WIDTH = 1200
"""The narrowest JPEG that social networks show large (`og:image`)."""


@dataclass(frozen=True)
class Derivative:
    """One file made from a photo."""

    url: str
    """Root-relative URL, e.g. `/media/2024/banjir-800.webp`."""
    width: int
    """Width in pixels."""
    height: int
    """Height in pixels."""
    name: str
    """Its file's name in the photo's folder under `.warta/photos/`, e.g. `800.webp`."""

    @property
    def output(self) -> str:
        """Path in the output folder."""
        return self.url.removeprefix("/")


@dataclass(frozen=True)
class Photo:
    """A photo under `content/media/` as the pages show it."""

    url: str
    """The URL the source would have (`/media/2024/banjir.jpg`): how articles name it."""
    key: str
    """Hash of the photo's bytes and the `[images]` settings: what its derivatives and
    the pages showing it depend on."""
    width: int
    """Width as shown (EXIF orientation applied)."""
    height: int
    """Height as shown."""
    webp: tuple[Derivative, ...] = ()
    """WebP derivatives, narrowest first; empty for a file published as it is (SVG,
    GIF)."""
    jpeg: Derivative | None = None
    """The JPEG fallback, at least `SHARE_WIDTH` wide when the photo is."""
    original: Derivative | None = None
    """The original without its metadata, when `[images] publish_originals` is on."""

    @property
    def src(self) -> str:
        """What an `<img>` loads: the JPEG fallback, or the file itself, as a URL
        (`urls.web_path`: percent-encoded)."""
        return web_path(self.jpeg.url if self.jpeg else self.url)

    @property
    def srcset(self) -> str:
        """The WebP `srcset`, e.g. `/media/a-480.webp 480w, /media/a-800.webp 800w`."""
        return ", ".join(f"{web_path(d.url)} {d.width}w" for d in self.webp)

    @property
    def thumbnail(self) -> str:
        """The narrowest WebP derivative's URL (percent-encoded), else `src`: what a
        search result or an author's portrait shows."""
        return web_path(self.webp[0].url) if self.webp else self.src

    @property
    def files(self) -> tuple[Derivative, ...]:
        """Every file published for the photo."""
        return (*self.webp, *(d for d in (self.jpeg, self.original) if d is not None))


EMPTY: Mapping[str, Photo] = {}


@dataclass(frozen=True)
class PhotoMemo:
    """What a build knew of its photos, for the next one: the whole way takes the
    photos whose files did not change from it; the quick path takes it whole."""

    photos: Mapping[str, Photo]
    """Every photo published, by URL (a `table.PhotoTable`: read back quickly)."""
    stats: Mapping[str, tuple[int, int]]
    """(size, modification time in ns) of each one's file, as read then."""
    settings: str = ""
    """The `[images]` settings they were made with (`ImageSettings.key`)."""
    shared: Mapping[str, int] = field(default_factory=dict)
    """How many of the articles, static pages and site.toml entries show each photo
    shown by more than one, by URL (a photo not here is shown by one): the quick path
    takes a photo's files out when an edit leaves none showing it (`uses_after`)."""


def uses_after(memo: PhotoMemo, shown: Iterable[str], unshown: Iterable[str]
               ) -> tuple[dict[str, int], set[str], set[str]]:
    """`memo.shared` once the URLs of `shown` are shown once more each and those of
    `unshown` once less (an edit: the photos its article shows now and showed before),
    the photos no longer shown by any (among `memo.photos`), and those shown first (not
    among them). A URL may be in both: a photo kept by the edit counts as before."""
    moved = Counter(shown)
    moved.subtract(unshown)
    shared = dict(memo.shared)
    gone, new = set(), set()
    for url, change in moved.items():
        if not change:
            continue
        count = (shared.get(url, 1) if url in memo.photos else 0) + change
        if count <= 0:
            if url in memo.photos:
                gone.add(url)
            shared.pop(url, None)
            continue
        if url not in memo.photos:
            new.add(url)
        if count > 1:
            shared[url] = count
        else:
            shared.pop(url, None)
    return shared, gone, new


def shared_of(shown: Iterable[str], photos: Mapping[str, Photo]) -> dict[str, int]:
    """`PhotoMemo.shared` of the photos `photos` published, `shown` naming each once per
    article, static page or site.toml entry that shows it."""
    counts = Counter(url for url in shown if url in photos)
    return {url: count for url, count in counts.items() if count > 1}


def article_photos(article: Article | StaticPage) -> tuple[str, ...]:
    """The URLs of the local photos an article (or a static page) shows: its lead
    photo's and those of the images in its body, in that order, each once; none for a
    withdrawn story (`shows_photos`)."""
    if not shows_photos(article):
        return ()
    found = []
    image = article.image if isinstance(article, Article) else None
    if image and image.url.startswith("/media/"):
        found.append(image.url)
    for src in article.media:
        if url := body_photo_url(src):
            found.append(url)
    return tuple(dict.fromkeys(found))


def shows_photos(article: Article | StaticPage) -> bool:
    """Whether a page about `article` shows its photos: not when it was withdrawn (a
    story is often withdrawn for a photo: a face, a victim, a minor). Its photos are
    taken down with its text: they are not published for it (`article_photos`), its
    page shows and announces none (`as_shown`), and they are not checked."""
    return not (isinstance(article, Article) and article.withdrawn)


def as_shown(article: Article) -> Article:
    """`article` as its page shows it: without its photos when withdrawn
    (`shows_photos`), so that no template, og:image or JSON-LD names a file that is
    not published."""
    return article if shows_photos(article) else replace(article, image=None, media=())


def body_photo_url(src: str) -> str | None:
    """The URL of the photo an image in a text names, when it names a file under
    content/media/ (`media/…`, `/media/…`, `content/media/…`); else None: another path
    is one the site's host serves (an imported `/wp-content/uploads/…`), left as it is."""
    if not src.lstrip("/").startswith(("media/", "content/media/")):
        return None
    url = image_url(src)
    return url if url and url.startswith("/media/") else None


def on_a_computer(src: str) -> bool:
    """Whether `src` is a path on the editor's computer (`/home/editor/Foto/x.jpg`,
    `~/Foto/x.jpg`, `C:\\Foto\\x.jpg`, `file:///…`), which no reader can load."""
    return (src.startswith(("~", "/home/", "/Users/", "/root/", "/tmp/", "file:", "\\"))
            or re.match(r"^[A-Za-z]:[\\/]", src) is not None)


def keyed_page(page: StaticPage, photos: Mapping[str, Photo]) -> StaticPage:
    """`page` with the keys of the photos in its body folded into its `body_hash`, which
    its fingerprint holds: it is rendered again when one of them changes."""
    shown = article_photos(page)
    if not shown:
        return page
    keys = [photos[url].key if url in photos else "-" for url in shown]
    return replace(page, body_hash=hashlib.sha1(
        ":".join([page.body_hash, *keys]).encode()).hexdigest())


def config_photo(src: str, photos: Mapping[str, Photo]) -> Photo | None:
    """The photo a path of site.toml names (a portrait, the logo: `media/penulis/Ani
    Wijaya.jpg`, or with `%20`), as `config_photos` found it; None for another path."""
    url = _named_url(src)
    return photos.get(url) if url else None


def config_photos(config: SiteConfig) -> list[str]:
    """The URLs of the photos site.toml names under content/media/: the authors'
    portraits and the publisher's logo (every page may show them)."""
    named = [a.photo for a in config.authors.values()] + [config.publisher_logo]
    return [url for src in named if (url := _named_url(src))]


def _named_url(src: str) -> str | None:
    """The URL of the photo a path of site.toml names under content/media/, or None."""
    if not src.lstrip("/").startswith(("media/", "content/media/")):
        return None
    url = image_url(src)
    return url if url and url.startswith("/media/") else None


def keyed(article: Article, photos: Mapping[str, Photo]) -> Article:
    """`article` with the keys of the photos it shows folded into its `key`, so that the
    pages showing it are rendered again when one of them changes."""
    shown = article_photos(article)
    if not shown:
        return article
    keys = [photos[url].key if url in photos else "-" for url in shown]
    key = hashlib.sha1(":".join([article.key, *keys]).encode()).hexdigest()
    return replace(article, key=key)
