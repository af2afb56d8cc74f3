"""The photos step of both ways through the pipeline: the photos the published
articles show (photos/stage.py makes or finds their derivatives), planned as copies,
their keys folded into the articles', and every problem at its file and line.

The whole archive runs `photo_step`; the quick path takes the photos the last build
left (`PhotoMemo`), with the new photos an edited or added article shows
(`quick_photos`: today's news comes with its photo), without those none shows any
more, and those whose files changed in place made again, the stories that show them
found through their pages' records (`showing_photos`); it refuses what only the whole
way can tell.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.loader import IMAGE_KEYS, source_line
from generator.cache.pages import PageStore
from generator.config import SiteConfig
from generator.content.folders import MEDIA
from generator.content.model import Article, StaticPage
from generator.errors import Problem, Text
from generator.photos.derive import PhotoError
from generator.photos.model import (
    Photo,
    PhotoMemo,
    article_photos,
    body_photo_url,
    config_photos,
    keyed,
    keyed_page,
    on_a_computer,
    shared_of,
    shows_photos,
    uses_after,
)
from generator.photos.stage import (
    PHOTO_DIR,
    Folder,
    PhotoSet,
    folder_of,
    near_media,
    prepare,
)
from generator.photos.table import PhotoTable
from generator.plan.page import Copy, Places


@dataclass(frozen=True, eq=False, repr=False)
class PhotoStep:
    """What the photos step gives the plan stage."""

    articles: tuple[Article, ...]
    """The published articles, each with its photos' keys in its `key`."""
    pages: tuple[StaticPage, ...]
    """The static pages, each with its photos' keys in its `body_hash`."""
    photos: Mapping[str, Photo]
    """The photos they show, by URL."""
    copies: tuple[Copy, ...]
    """Every derivative as a file to copy into the output."""
    problems: tuple[Problem, ...]
    """Errors and warnings about the photos, at the lines that name them."""
    decoded: int
    """Photos decoded now (0 when every derivative was kept)."""
    memo: PhotoMemo
    """For the next build (and its quick path)."""
    changed: bool = True
    """Whether `memo` differs from the previous build's (else it need not be stored)."""


def photo_step(site_dir: Path, config: SiteConfig, articles: Sequence[Article],
               pages: Sequence[StaticPage], jobs: int, previous: object = None) -> PhotoStep:
    """The photos of the published `articles` and the static `pages`, their derivatives
    made or found. `previous`: the last build's `PhotoMemo`, if any (the photos whose
    files did not change are taken from it, nothing read)."""
    sources: list[Article | StaticPage] = [*articles, *pages]
    wanted = [url for source in sources for url in article_photos(source)]
    wanted += config_photos(config)
    last = previous if isinstance(previous, PhotoMemo) else PhotoMemo({}, {})
    # (A memo of other settings holds photos of other keys: none is taken.)
    same = last.settings == config.images.key
    found = prepare(site_dir, site_dir / MEDIA, wanted, config.images, jobs,
                    last.photos if same else None, last.stats if same else None)
    folder = functools.cache(folder_of)  # (a folder listed once for all missing photos)
    problems = [problem for source in sources
                for problem in article_problems(site_dir, source, found, config, folder)]
    photos = found.photos
    problems += file_clashes(photos)
    table = PhotoTable.of(photos)  # (made once: compared, then stored)
    memo = PhotoMemo(table, found.stats, config.images.key, shared_of(wanted, photos))
    return PhotoStep(
        articles=tuple(keyed(article, photos) for article in articles),
        pages=tuple(keyed_page(page, photos) for page in pages), photos=photos,
        copies=tuple(copies_of_photos(site_dir, photos.values())), problems=tuple(problems),
        decoded=found.decoded, memo=memo,
        changed=(table, found.stats, memo.settings, memo.shared) != (
            last.photos, last.stats, last.settings, last.shared))


def file_clashes(photos: Mapping[str, Photo]) -> list[Problem]:
    """Two photos that would publish one file (`x.jpg` and `x.png` in one folder both
    make `x-480.webp`): an error at the second, naming the first. Two names of the same
    bytes (`x.JPG` beside `x.jpg` where case does not count) publish the same files:
    no clash."""
    owner: dict[str, str] = {}
    problems = []
    for url in sorted(photos):
        for file in photos[url].files:
            first = owner.setdefault(file.output, url)
            if first != url and photos[first].key != photos[url].key:
                problems.append(Problem(
                    MEDIA + url.removeprefix("/media"), None,
                    Text("this photo would publish {file}, as {other} does",
                         file=file.url, other=MEDIA + first.removeprefix("/media")),
                    Text("rename one of the two files")))
                break
    return problems


def copies_of_photos(site_dir: Path, photos: Iterable[Photo]) -> list[Copy]:
    """Every file made for `photos`, copied from its folder under .warta/photos/ (an SVG
    or GIF is published as it is, with the other files of content/media/)."""
    store = site_dir / PHOTO_DIR
    # (Two names of one photo publish the same files: each is copied once, else the
    # write stage would stage one file twice.)
    copies: dict[str, Copy] = {}
    for photo in photos:
        for file in photo.files:
            copies.setdefault(file.output, Copy(file.output, str(store / photo.key / file.name),
                                                f"{photo.key}/{file.name}"))
    return list(copies.values())


@dataclass(frozen=True, eq=False, repr=False)
class QuickPhotos:
    """The photos step as the quick path takes it (`quick_photos`)."""

    memo: PhotoMemo
    """The last build's photos, with those the changed articles show first and those
    whose files changed in place made again, without those no article shows any more."""
    changed: bool = False
    """Whether `memo` differs from the last build's (it is to be stored)."""
    added: tuple[Copy, ...] = ()
    """The derivatives of the photos shown first now and of those made again, as files
    to copy (none for an SVG or a GIF: published as it is, with the other files of
    content/media/)."""
    decoded: int = 0
    """Photos decoded now (a photo whose derivatives an earlier build made is not)."""
    removed: frozenset[str] = frozenset()
    """The output files of the photos no longer shown (a photo replaced, or taken out
    of a story), which no photo still shown publishes."""
    redone: frozenset[str] = frozenset()
    """The URLs of the photos whose files changed in place, their derivatives made
    again: the pages of the articles that show them are rendered again
    (`showing_photos`)."""


def quick_photos(site_dir: Path, memo: object, shown: Iterable[Article],
                 unshown: Iterable[Article], config: SiteConfig, jobs: int,
                 pages: Iterable[StaticPage] = ()) -> QuickPhotos | None:
    """The last build's photos with the `shown` articles (edited or added, as published
    now) showing theirs and the `unshown` ones (those edited, as the last build
    published them) no longer: the
    photos shown first are decoded now (today's news and its photo), or found where an
    earlier build (or a refused quick path) left them; those no article shows any more
    leave, their files with them (a photo replaced, or taken out for a reader's
    privacy). A photo whose file changed in place (a crop exported again under its name)
    is made again, its old files that it no longer publishes leaving (`redone`: the
    caller renders the pages showing it again, `showing_photos`). None when a new or
    changed photo is missing, cannot be decoded (the whole way reports it), is one
    site.toml names (a portrait or the logo: every page shows it), or a changed one is
    shown by one of the static `pages` (the whole way renders them), before decoding."""
    if not isinstance(memo, PhotoMemo) or memo.settings != config.images.key:
        return None
    shown = list(shown)
    shared, gone, new = uses_after(memo, [url for a in shown for url in article_photos(a)],
                                   [url for a in unshown for url in article_photos(a)])
    media = site_dir / MEDIA
    # One stat per photo, on strings: Path objects took 1.05 s at 100,000, this 0.34 s.
    # (A photo no longer shown may be gone from content/media/ too.)
    folder, stat = f"{media}{os.sep}", os.stat
    touched = []  # (a photo changed in place: a crop exported again under its name)
    for url, (size, mtime) in memo.stats.items():
        if url in gone:
            continue
        try:
            now = stat(folder + url.removeprefix("/media/"))
        except OSError:
            return None
        if (now.st_size, now.st_mtime_ns) != (size, mtime):
            touched.append(url)
    if any(url not in memo.stats and os.path.exists(folder + url.removeprefix("/media/"))
           for url in config_photos(config)):
        return None  # a portrait or the logo whose file came since: every page shows it
        # (one that could not be made is in the stats: stat'ed above, not refused)
    if touched and (any(url not in memo.photos for url in touched)
                    or not set(touched).isdisjoint(config_photos(config))
                    or any(not set(touched).isdisjoint(article_photos(page))
                           for page in pages)):
        return None  # one that could not be made, a portrait or the logo (every page
        # shows those), or one a static page shows: the whole way
    if any(not src or on_a_computer(src) for a in shown if shows_photos(a)
           for src in a.media):
        return None  # an image the whole way reports as an error
    if not new and not gone and not touched and shared == memo.shared:
        return QuickPhotos(memo)
    if not new.isdisjoint(config_photos(config)):
        return None  # (before decoding it: the whole way would do so again)
    kept = PhotoTable.of(memo.photos).without({*gone, *touched})
    stats = {url: found for url, found in memo.stats.items() if url not in gone}
    copies: list[Copy] = []
    decoded = 0
    made: dict[str, Photo] = {}
    if new or touched:
        found = prepare(site_dir, media, {*new, *touched}, config.images,
                        min(jobs, len(new) + len(touched)))
        if found.failed or found.photos.keys() != {*new, *touched} \
                or _clash(kept, found.photos):
            return None
        made, decoded = found.photos, found.decoded
        kept = kept.with_photos(made)
        stats.update(found.stats)
    # (A file touched with its bytes kept keeps its photo: only its stats change.)
    redone = frozenset(url for url in touched if made[url].key != memo.photos[url].key)
    copies = copies_of_photos(site_dir, (made[url] for url in sorted({*new, *redone})))
    # (Two names of one photo publish the same files, and a photo replaced by one of
    # the same name in another format writes them again: those stay, `kept` has both.
    # A photo changed in place publishes its files again, perhaps fewer: a smaller one.)
    left = {file.output for url in {*gone, *redone} for file in memo.photos[url].files}
    left -= {file.output for photo in _near(kept, {*gone, *redone}).values()
             for file in photo.files}
    return QuickPhotos(PhotoMemo(kept, stats, memo.settings, shared), True, tuple(copies),
                       decoded, frozenset(left), redone)


def showing_photos(store: PageStore, target: str, urls: Collection[str], memo: PhotoMemo,
                   places: Places, articles: Sequence[Article], edited: Collection[str],
                   changed: Iterable[Article]) -> frozenset[str] | None:
    """The source paths of the published articles that show a photo of `urls` once this
    build's edits are made, but those `edited` (the edits parsed and the articles added,
    planned as such: an article only touched, its bytes kept, is not, and is among
    these): those whose own page recorded it (`commit.RecordedPage`) and still show it,
    counted with the `changed` ones (edited or added, as published now). None when
    another number is found than `memo.shared` counts (fewer: a static page or a
    site.toml entry shows one, which `quick_photos` refuses first, or the cache's pages
    were recorded without their photos); the whole way renders them."""
    urls = set(urls)
    if not urls:
        return frozenset()
    found: dict[str, set[str]] = {url: set() for url in urls}
    for state in store.pages_showing(target, urls).values():
        # (A page that once showed one, or of a path that shares its number: checked.)
        if not isinstance(state, dict) or state.get("kind") != "article":
            continue
        named = state.get("article")
        if not isinstance(named, tuple) or named[0] in edited:
            continue
        try:
            shows = article_photos(articles[places.place(*named)])
        except (KeyError, TypeError):
            continue  # (an article no longer in the site)
        for url in urls.intersection(shows):
            found[url].add(named[0])
    for article in changed:
        for url in urls.intersection(article_photos(article)):
            found[url].add(article.path)
    if any(len(paths) != memo.shared.get(url, 1) for url, paths in found.items()):
        return None
    return frozenset(path for paths in found.values() for path in paths
                     if path not in edited)


def _clash(known: Mapping[str, Photo], new: Mapping[str, Photo]) -> bool:
    """Whether a new photo would publish a file another one publishes (`file_clashes`)."""
    return bool(file_clashes({**_near(known, new), **new}))


def _near(known: Mapping[str, Photo], urls: Iterable[str]) -> dict[str, Photo]:
    """The photos of `known` that could publish a file one of `urls` publishes. A
    derivative is named after its photo's stem, in its folder: only the known photos of
    their folders whose stem begins as one of theirs can, so only those are made into
    photos (a folder of 100,000 made them all: 2.9 s)."""
    stems = {url.rsplit(".", 1)[0] for url in urls}
    folders = {stem.rsplit("/", 1)[0] + "/" for stem in stems}
    return {url: known[url] for url in known
            if url.rsplit("/", 1)[0] + "/" in folders
            and any(url.startswith(stem) or stem.startswith(url.rsplit(".", 1)[0])
                    for stem in stems)}


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
    near = near_media(media, relative, folder)
    return [Problem(path, line, Text("the image {src} is not in {media}/", src=repr(src),
                                     media=MEDIA),
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
