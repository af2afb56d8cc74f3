"""What is wrong with the photos an article or a static page shows, each a `Problem` at
its file and line, for both ways through the pipeline (build/photos.py): a file that is
missing (with the file it most likely meant), not an image, outside content/media/, on
the editor's computer or too large to decode (errors); a photo narrower than the
narrowest width, an image without `alt`, an image in a format most browsers cannot
show (warnings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.build.loader import IMAGE_KEYS, source_line
from generator.config import SiteConfig
from generator.content.folders import MEDIA
from generator.content.image import is_audio, is_video
from generator.content.model import Article, StaticPage
from generator.errors import Problem, Text
from generator.photos.derive import PhotoError
from generator.photos.model import (
    Photo,
    PhotoMemo,
    body_photo_url,
    on_a_computer,
    shows_photos,
)
from generator.photos.stage import Folder, PhotoSet, folder_of, near_media

_NOT_SHOWN = (".tif", ".tiff")
"""Image files most browsers cannot show (a scanned document), published as they are (a
BMP is a photo: photos.model.DERIVED)."""


def article_problems(site_dir: Path, article: Article | StaticPage,
                     found: PhotoSet | PhotoMemo, config: SiteConfig,
                     folder: Callable[[Path], Folder] = folder_of) -> list[Problem]:
    """What is wrong with the photos `article` (or a static page) shows: a file that is
    missing, not an image, outside content/media/, or too large to decode (errors); a
    photo narrower than the narrowest width, an image in the body without `alt`
    (warnings). Nothing for a withdrawn story: it shows none (`shows_photos`). `folder`
    reads a folder of content/media/ for the file a missing photo meant (`near_media`)."""
    if not shows_photos(article):
        return []
    problems = []
    failed = found.failed if isinstance(found, PhotoSet) else {}
    image = article.image if isinstance(article, Article) else None
    if image and image.url.startswith("/media/"):
        line = source_line(site_dir, article.path, *IMAGE_KEYS)
        problems += _photo_problems(article.path, line, image.src, image.url, found.photos,
                                    failed, config, site_dir / MEDIA, folder)
    if article.media:
        lines = _text_lines(site_dir, article.path)
        for src in article.media:
            line = next((n for n, text in enumerate(lines, 1) if src and src in text), None)
            if not src:
                problems.append(Problem(
                    article.path, line, Text("an image in the text has no source"),
                    Text("write it as `![what the photo shows](media/2024/foto.jpg)`")))
                continue
            if on_a_computer(src):
                problems.append(_on_your_computer(article.path, line, src))
                continue
            url = body_photo_url(src)
            if url is None:
                continue  # a path the site's host serves, as written
            problems += _photo_problems(article.path, line, src, url, found.photos,
                                        failed, config, site_dir / MEDIA, folder)
            if line is not None and _no_alt(lines[line - 1], src):
                problems.append(Problem(
                    article.path, line, Text("the image {src} has no alt text", src=repr(src)),
                    Text("write what it shows between the brackets: `![alt text](…)`"),
                    severity="warning"))
    return problems


def _no_alt(text: str, src: str) -> bool:
    """Whether the Markdown image of `src` on this line has no alt text."""
    return f"![]({src}" in text.replace("![ ](", "![](") or f'alt="" src="{src}"' in text


def _photo_problems(path: str, line: int | None, src: str, url: str,
                    photos: Mapping[str, Photo], failed: Mapping[str, PhotoError],
                    config: SiteConfig, media: Path,
                    folder: Callable[[Path], Folder]) -> list[Problem]:
    relative = url.removeprefix("/media/")
    if url in photos:
        photo = photos[url]
        if url.lower().endswith(_NOT_SHOWN):  # (published as it is, for download)
            return [Problem(path, line, Text("the image {src} is a {kind} file, which most "
                                             "browsers cannot show", src=repr(src),
                                             kind=url.rsplit(".", 1)[-1].upper()),
                            Text("save it as JPEG or PNG and show that; link the {kind} "
                                 "to offer it for download",
                                 kind=url.rsplit(".", 1)[-1].upper()), severity="warning")]
        narrowest = config.images.widths[0]
        if photo.webp and photo.width < narrowest:
            return [Problem(path, line, Text("the photo {src} is {width} pixels wide, narrower "
                                             "than the narrowest width ({narrowest}): it will "
                                             "look blurred on most screens", src=repr(src),
                                             width=photo.width, narrowest=narrowest),
                            Text("use a larger photo if there is one"), severity="warning")]
        return []
    error = failed.get(url)
    if error is not None:
        return [Problem(path, line, Text("the image {src}: {error}", src=repr(src),
                                         error=error.message), error.hint)]
    if _outside_the_site(src):
        return [_on_your_computer(path, line, src)]
    literal = src.lstrip("/").removeprefix("content/").removeprefix("media/")
    if literal != relative and (media / literal).is_file():
        # (saved from a browser or wget under its address's name: `Foto%20Lama.jpg`)
        return [Problem(path, line, Text("the image {src} is read as {media}/{file}: in a "
                                         "path, `%20` is a space", src=repr(src),
                                         media=MEDIA, file=relative),
                        Text("rename the file {media}/{literal} to {file}", media=MEDIA,
                             literal=literal, file=relative.rsplit("/", 1)[-1]))]
    near = near_media(media, relative, folder)
    return [Problem(path, line, Text("the video {src} is not in {media}/", src=repr(src),
                                     media=MEDIA) if is_video(src) else
                    Text("the recording {src} is not in {media}/", src=repr(src),
                         media=MEDIA) if is_audio(src) else
                    Text("the image {src} is not in {media}/", src=repr(src), media=MEDIA),
                    Text("did you mean {media}/{file}?", media=MEDIA, file=near) if near else
                    Text("add the file as {media}/{file} or correct the path", media=MEDIA,
                         file=relative))]


def _on_your_computer(path: str, line: int | None, src: str) -> Problem:
    # A path on the editor's computer: its folders are not to be made in media/.
    name = re.split(r"[/\\]", src.rstrip("/\\"))[-1]
    return Problem(path, line, Text("the image {src} is a file on your computer, outside "
                                    "the site", src=repr(src)),
                   Text("copy the photo into {media}/ (e.g. as {media}/{name}) and write "
                        "`media/{name}`", media=MEDIA, name=name))


def _outside_the_site(src: str) -> bool:
    """Whether `src` is an absolute path (`/home/editor/Foto/x.jpg`, `~/Foto/x.jpg`) that
    does not start in the site's media folder."""
    if src.startswith("~"):
        return True
    first = src.lstrip("/").split("/", 1)[0]
    return src.startswith("/") and first not in ("media", "content")


def _text_lines(site_dir: Path, path: str) -> list[str]:
    try:
        return (site_dir / path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
