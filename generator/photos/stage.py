"""The photos stage: every photo the site shows, with its derivatives made or found.

A photo's derivatives live in `.warta/photos/<key>/`, `key` being the hash of its bytes
and the `[images]` settings, so an unchanged photo is never decoded again, a renamed
one costs nothing, and a changed one gets a folder of its own. Its bytes are hashed
again only when its size or modification time changed (`sources.txt`). The photos to
derive are spread over a process pool, one photo (one decoded image) per worker.
"""

from __future__ import annotations

import difflib
import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.config.images import ImageSettings
from generator.photos.derive import Made, PhotoError, derive, read_manifest
from generator.photos.model import DERIVED, SHARE_WIDTH, Derivative, Photo

PHOTO_DIR = ".warta/photos"
"""Where derivatives are kept, under the site folder."""
_HASHES = "sources.txt"


@dataclass(frozen=True, eq=False, repr=False)
class PhotoSet:
    """What the photos stage found and made."""

    photos: dict[str, Photo]
    """Every photo that could be published, by URL (`/media/...`)."""
    failed: dict[str, PhotoError]
    """The photos that cannot be, by URL, with what is wrong."""
    stats: dict[str, tuple[int, int]]
    """(size, modification time in ns) of each photo's file, by URL, as read now."""
    decoded: int
    """Photos decoded now (the others' derivatives were kept from an earlier build)."""


def prepare(site_dir: Path, media: Path, urls: Iterable[str], settings: ImageSettings,
            jobs: int, known_photos: Mapping[str, Photo] | None = None,
            known_stats: Mapping[str, tuple[int, int]] | None = None) -> PhotoSet:
    """The photos at `urls` (`/media/...`, files of `media`): derivatives made for those
    the cache does not hold yet. A missing file is left out (the caller reports it).

    `known_photos` and `known_stats`: what the last build found, taken as it was for a
    file whose size and modification time are those of `known_stats` (nothing read)."""
    known_photos = known_photos or {}
    known_stats = known_stats or {}
    store = site_dir / PHOTO_DIR
    hashes = _read_hashes(store / _HASHES)
    known = dict(hashes)
    photos: dict[str, Photo] = {}
    failed: dict[str, PhotoError] = {}
    stats: dict[str, tuple[int, int]] = {}
    todo: dict[str, tuple[Path, Path]] = {}  # key -> (source, folder)
    waiting: dict[str, list[str]] = {}  # key -> urls
    for url in sorted(set(urls)):
        source = media / url.removeprefix("/media/")
        try:
            stat = source.stat()
        except OSError:
            continue
        stats[url] = (stat.st_size, stat.st_mtime_ns)
        last = known_photos.get(url)
        if (last is not None and known_stats.get(url) == stats[url]
                and (not last.webp or (store / last.key).is_dir())):
            photos[url] = last
            continue
        digest = known.get(url)
        if digest is None or digest[:2] != stats[url]:
            digest = (*stats[url], _file_hash(source))
            known[url] = digest
        if not source.name.lower().endswith(DERIVED):
            photos[url] = _as_it_is(url, source, digest[2], failed)
            continue
        remade = _REMADE.get(source.suffix.lower(), "") + (
            " whole" if settings.publish_originals else "")  # (originals were drafted)
        key = hashlib.sha1(f"{digest[2]} {settings.key} {SHARE_WIDTH}{remade}".encode()
                           ).hexdigest()[:24]
        folder = store / key
        made = _manifest(folder)
        if made is not None:
            photos[url] = photo_of(url, key, made)
        else:
            todo.setdefault(key, (source, folder))
            waiting.setdefault(key, []).append(url)
    for key, result in _derive_all(todo, settings, jobs):
        for url in waiting[key]:
            if isinstance(result, PhotoError):
                failed[url] = result
            else:
                photos[url] = photo_of(url, key, result)
    if known != hashes:
        _write_hashes(store / _HASHES, {u: h for u, h in known.items() if u in stats}
                      | {u: h for u, h in hashes.items() if u not in stats})
    return PhotoSet(photos, failed, stats, len(todo))


_REMADE = {".png": " 16-bit 2"}
"""What the keys of the photos of a suffix take on since a fix changed their derivatives,
so that those made before are made again: a PNG of 16 bits a channel came out white
(then, for a while, dark ones grey)."""


def photo_of(url: str, key: str, made: Made) -> Photo:
    """The photo at `url` with derivatives `made`, their URLs beside it."""
    stem = url.rsplit(".", 1)[0]

    def file(size: tuple[int, int], suffix: str) -> Derivative:
        return Derivative(f"{stem}-{size[0]}.{suffix}", size[0], size[1], f"{size[0]}.{suffix}")

    original = None
    if made.original:
        suffix = made.original.rsplit(".", 1)[1]
        original = Derivative(f"{stem}.{suffix}", made.width, made.height, made.original)
    return Photo(url=url, key=key, width=made.width, height=made.height,
                 webp=tuple(file(size, "webp") for size in made.webp),
                 jpeg=file(made.jpeg, "jpg"), original=original)


def _derive_all(todo: Mapping[str, tuple[Path, Path]], settings: ImageSettings,
                jobs: int) -> Iterable[tuple[str, Made | PhotoError]]:
    tasks = [(key, source, folder, settings) for key, (source, folder) in todo.items()]
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(_derive_one, tasks)
        return
    # Forked: the workers need nothing of the build but these arguments.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        yield from pool.map(_derive_one, tasks)


def _derive_one(task: tuple[str, Path, Path, ImageSettings]) -> tuple[str, Made | PhotoError]:
    key, source, folder, settings = task
    try:
        return key, derive(source, folder, settings, SHARE_WIDTH)
    except PhotoError as error:
        return key, error


def _manifest(folder: Path) -> Made | None:
    try:
        return read_manifest((folder / "manifest.txt").read_text(encoding="utf-8"))
    except OSError:
        return None


def _as_it_is(url: str, source: Path, digest: str, failed: dict[str, PhotoError]) -> Photo:
    """A file published as it is (SVG, GIF), with the size it declares."""
    width = height = 0
    if source.name.lower().endswith(".svg"):
        width, height = svg_size(source.read_text(encoding="utf-8", errors="replace"))
    else:
        from generator.photos.derive import read_size
        try:
            width, height = read_size(source)
        except PhotoError as error:
            failed[url] = error
    return Photo(url=url, key=digest, width=width, height=height)


def svg_size(text: str) -> tuple[int, int]:
    """The size an SVG declares: its `width` and `height`, else its `viewBox`'s; (0, 0)
    when it declares none."""
    head = text[:text.find(">", text.find("<svg")) + 1] if "<svg" in text else ""
    sizes = [re.search(rf'\s{name}="\s*([\d.]+)\s*(?:px)?\s*"', head)
             for name in ("width", "height")]
    if sizes[0] and sizes[1]:
        return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))
    box = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"', head)
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    return 0, 0


def _file_hash(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _read_hashes(path: Path) -> dict[str, tuple[int, int, str]]:
    hashes = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    for line in text.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[0].isdigit() and parts[1].isdigit():
            hashes[parts[3]] = (int(parts[0]), int(parts[1]), parts[2])
    return hashes


def _write_hashes(path: Path, hashes: Mapping[str, tuple[int, int, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".{os.getpid()}")
    temporary.write_text("".join(f"{s} {m} {h} {u}\n" for u, (s, m, h) in sorted(hashes.items())),
                         encoding="utf-8")
    os.replace(temporary, path)


@dataclass(frozen=True)
class Folder:
    """What one folder of content/media/ holds, read once (`folder_of`)."""

    folders: tuple[str, ...]
    """The names of the folders directly in it, sorted."""
    by_lower: Mapping[str, tuple[str, ...]]
    """Its files, sorted, by their stem in lower case (`img_0012` for `IMG_0012.JPG`): a photo
    named in another case or with another ending is found without a pass over all."""
    by_digits: Mapping[str, tuple[str, ...]]
    """Its files by the digits of their names (`0012`): only those can be the file a
    name a letter off meant (another number is another photo)."""


def folder_of(path: Path) -> Folder:
    """What the folder at `path` holds (nothing when it is not one). `scandir`, not a stat
    per name: a folder of 100,000 photos is listed in one pass."""
    files: list[str] = []
    folders: list[str] = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                try:
                    (folders if entry.is_dir() else files if entry.is_file()
                     else []).append(entry.name)
                except OSError:
                    continue
    except (OSError, ValueError):
        pass
    files.sort()
    by_lower: dict[str, list[str]] = {}
    by_digits: dict[str, list[str]] = {}
    for name in files:
        by_lower.setdefault(name.rsplit(".", 1)[0].lower(), []).append(name)
        by_digits.setdefault(re.sub(r"\D", "", name), []).append(name)
    return Folder(tuple(sorted(folders)),
                  {k: tuple(v) for k, v in by_lower.items()},
                  {k: tuple(v) for k, v in by_digits.items()})


def near_media(media: Path, relative: str,
               folder: Callable[[Path], Folder] = folder_of) -> str | None:
    """The file of `media` (content/media/) an image path that names none most likely
    meant (`relative`, as `2024/Banjir.JPG`), or None: the same name in another case
    (a phone's `IMG_0012.JPG`), with another photo ending (`.jpeg` for `.jpg`), a name a
    letter or two off in its folder (its digits the same: another number is another
    photo), or the same name in a folder directly under `media` (the newest first).
    `folder` reads a folder; a build passes one that remembers, so a thousand broken
    paths into one folder list it once."""
    where, _, name = relative.rpartition("/")
    here = folder(media / where)
    stem = name.rsplit(".", 1)[0].lower()
    same_stem = here.by_lower.get(stem, ())
    alike = here.by_digits.get(re.sub(r"\D", "", name), ())
    found = (next((n for n in same_stem if n.lower() == name.lower()), None)
             or next((n for n in same_stem if n.lower().endswith(DERIVED)), None)
             or next(iter(difflib.get_close_matches(name, alike, n=1, cutoff=0.85)), None))
    if found is not None:
        return f"{where}/{found}" if where else found
    # (`media/banjir.jpg` for `media/2024/banjir.jpg`: the newest folder first)
    return next((f"{sub}/{name}" for sub in sorted(folder(media).folders, reverse=True)
                 if name in folder(media / sub).by_lower.get(stem, ())), None)

