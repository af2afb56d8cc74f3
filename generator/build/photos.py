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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.photo_problems import article_problems
from generator.cache.pages import PageStore
from generator.config import SiteConfig
from generator.content.folders import MEDIA
from generator.content.model import Article, StaticPage
from generator.errors import Problem, Text
from generator.photos.model import (
    Photo,
    PhotoMemo,
    article_photos,
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
    folder_of,
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
