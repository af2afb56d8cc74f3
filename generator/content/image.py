"""An article's `image` in the frontmatter: where its photo is loaded from, and what
is said of it (`alt`, `caption`, `credit`); the images of its text, and its links to
files of content/media/ (`media_links`)."""

from __future__ import annotations

import html as markup
import re
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import unquote

from generator import urls
from generator.content.frontmatter import clean
from generator.content.keys import IMAGE_FIELDS, SYNONYMS
from generator.content.model import Image
from generator.errors import NO_HINT, Text


class Fail(Protocol):
    """Reports a problem at the line of frontmatter `key`."""

    def __call__(self, key: str, message: Text, hint: Text = NO_HINT,
                 severity: str = "error") -> None: ...


def read_image(data: Mapping[str, Any], fail: Fail) -> Image | None:
    """The image of frontmatter `data` (`image`, or a Hugo/Jekyll key for it), or None."""
    value = data.get("image")
    key = "image"
    if value is None:
        for other in data:
            if SYNONYMS.get(other.lower()) == "image":
                key, value = other, data[other]
                break
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None and key in data and isinstance(data.get("src"), str):
        # `image:` with its lines below it not indented: they were the image's.
        value = {"src": data["src"]}
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = {"src": value}
    if isinstance(value, dict):
        # `image: media/x.jpg` and `caption: …` beside it (as Jekyll themes write it, or
        # an editor does): the image's, unless the image says so itself.
        value = {**{name: data[name] for name in IMAGE_FIELDS if name in data}, **value}
    if not isinstance(value, dict) or not isinstance(value.get("src", ""), str):
        fail(key, Text("`image` must be a mapping with `src`"),
             Text("write `image:` then `  src: media/foto.jpg` and optional `alt`, "
                  "`caption`, `credit`"))
        return None
    texts = {}
    for field_name in IMAGE_FIELDS:
        item = value.get(field_name, "")
        texts[field_name] = clean(str(item)) if item is not None else ""
    src = value.get("src", "").strip()
    if not src:
        # Imported text often has the caption of a photo the newsroom has not supplied
        # (yet): the caption and credit are shown as text, without an image.
        shown = [f"`{n}`" for n in ("caption", "credit") if texts[n]]
        said = (shown[0] if len(shown) == 1 else
                Text("{first} and {second}", first=shown[0], second=shown[1]) if shown else "")
        message = (Text("`{key}` has no `src`: no photo is shown, only its {said}", key=key,
                        said=said) if said else
                   Text("`{key}` has no `src`: no photo is shown", key=key))
        fail(key, message, Text("add `src: media/…` or remove `{key}`", key=key),
             severity="warning")
        if not said:
            return None
        return Image(src="", url="", **texts)
    if is_video(src):
        fail(key, Text("`{key}` {src} is a video: a story's photo is what its cards and the "
                       "previews on WhatsApp and Facebook show", key=key, src=repr(src)),
             Text("show the video in the text, `![what it shows]({src})`, and give `{key}` "
                  "a photo (a still of the video)", key=key, src=src), severity="warning")
        return None
    if is_audio(src):
        fail(key, Text("`{key}` {src} is a recording: a story's photo is what its cards and "
                       "the previews on WhatsApp and Facebook show", key=key, src=repr(src)),
             Text("play it in the text, `![what it says]({src})`, and give `{key}` a photo",
                  key=key, src=src), severity="warning")
        return None
    url = image_url(src)
    if url is None:
        fail(key, Text("`image.src` {src} is neither an http(s) URL nor a path under "
                       "content/media/", src=repr(src)),
             Text("use e.g. `media/2018/09/foto.jpg` or `https://...`"))
        return None
    if not texts["alt"]:
        fail(key, Text("the photo has no `alt` text: readers who cannot see it get nothing"),
             Text("add `alt:` under `image:` and say in a few words what the photo shows"),
             severity="warning")
    return Image(src=src, url=url, **texts)


def image_url(src: str) -> str | None:
    """Where the page should load `src` from, or None when `src` is not acceptable."""
    if re.match(r"^https?://[^\s\"'<>]+$", src):
        return src
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or "\\" in src:
        return None  # javascript:, data:, file: and friends
    # `%20` is how Markdown writes a space in a path (`Foto%20Banjir.jpg`): the file's;
    # a query or a fragment (`a.mp4#t=5`) is no part of the file's name.
    relative = unquote(_file_part(src).lstrip("/").removeprefix("content/")
                       .removeprefix("media/"))
    try:
        urls.output_path("/" + relative)
    except ValueError:
        return None
    return urls.media_url(relative) if relative else None


_BODY_SRC = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"", re.IGNORECASE)


def body_media(html: str) -> tuple[str, ...]:
    """The `src` of each image in body `html` that the site itself must hold (not an
    http(s) or `data:` URL), as written, each once: an empty one too, a mistake."""
    found = (src for src in _BODY_SRC.findall(html)
             if not re.match(r"^(https?:|data:|//)", src, re.IGNORECASE))
    return tuple(dict.fromkeys(found))


_MEDIA_HREF = re.compile(r"""(<a\b[^>]*?\shref\s*=\s*(["']))(?:/?content/|/)?(media/)"""
                         r"""(?:([^"'\s]*\s[^"']*)(?=\2))?""", re.IGNORECASE)


def media_links(html: str) -> str:
    """Body `html` with each link to a file of content/media/ written as an image's path
    is (`[laporan](media/2025/laporan.pdf)`, `content/media/…`) made root-relative
    (`/media/2025/laporan.pdf`): as written it was read from the article's own address,
    where no file is (an image's path is made a photo's; a link's was left broken), a
    space in the file's name written `%20`."""
    if "media/" not in html:
        return html
    return _MEDIA_HREF.sub(_rooted, html)


VIDEOS = (".mp4", ".m4v", ".mov", ".webm", ".ogv")
"""The videos a phone or a camera makes (`VID_0001.mp4`, an iPhone's `IMG_0042.MOV`)."""
AUDIO = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav")
"""Recordings: an interview on a phone's recorder (`.m4a`), a WhatsApp voice note
(`.opus`, `.ogg`), a radio clip (`.mp3`)."""
_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE)
"""An image, and the link around it if any (`[![…](a.mp4)](https://…)`)."""
_ATTRIBUTE = re.compile(r'\s(src|alt|title)="([^"]*)"')
_PLAYED_NAMED = re.compile(
    rf"\.(?:{'|'.join(suffix[1:] for suffix in VIDEOS + AUDIO)})\b", re.IGNORECASE)
"""A video's or a recording's name somewhere in a body: without one, no image is
looked at."""


def is_video(src: str) -> bool:
    """Whether `src` names a video file (by its name, as a browser would play it)."""
    return _file_part(src).lower().endswith(VIDEOS)


def is_audio(src: str) -> bool:
    """Whether `src` names a recording (by its name, as a browser would play it)."""
    return _file_part(src).lower().endswith(AUDIO)


def _file_part(src: str) -> str:
    """`src` without its query or fragment (`a.mp4#t=5`): the file's path."""
    return src.split("#", 1)[0].split("?", 1)[0]


def media_players(html: str) -> str:
    """Body `html` with each image whose file is a video (`![Banjir di Jalan
    Cempaka](media/2025/VID_0001.mp4)`, a reader's phone video) or a recording
    (`![Wawancara dengan Lurah](media/2025/rekaman.m4a)`) made a player: an `<img>` of
    either shows nothing. The alt text names it, and is the link a browser that plays
    neither offers."""
    if _PLAYED_NAMED.search(html) is None:  # (rare: one scan, and no image looked at)
        return html

    def replaced(tag: re.Match[str]) -> str:
        image = tag[0][tag[0].lower().index("<img"):]
        found = dict(_ATTRIBUTE.findall(image[:image.index(">") + 1]))
        src = markup.unescape(found.get("src", ""))
        element = "video" if is_video(src) else "audio" if is_audio(src) else ""
        url = image_url(src) if element else None
        if url is None:
            return tag[0]
        # (a media fragment, `#t=5`, starts the video there)
        if url.startswith("/"):
            _, mark, fragment = src.partition("#")
            url = urls.web_path(url) + mark + fragment
        alt = markup.unescape(found.get("alt", "")).strip()
        said = "".join(f' {name}="{markup.escape(value)}"' for name, value in (
            ("aria-label", alt), ("title", markup.unescape(found.get("title", "")))) if value)
        shown = markup.escape(alt or url.rsplit("/", 1)[-1])
        # (a link around it is left out: a player in a link, a link in a link, are no HTML)
        return (f'<{element} controls preload="metadata" src="{markup.escape(url)}"{said}>'
                f'<a href="{markup.escape(url)}">{shown}</a></{element}>')

    return _IMG.sub(replaced, html)


def _rooted(link: re.Match[str]) -> str:
    # A space in the file's name (`<media/dokumen/Laporan Tahunan.pdf>`) is no URL:
    # encoded as a browser would, so that validators and feed readers take it too.
    return f"{link[1]}/{link[3]}{(link[4] or '').replace(' ', '%20')}"
