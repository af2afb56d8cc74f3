"""WordPress photos brought into `content/media/` (`warta import … --media wp-content/uploads/`).

A post's featured image (`_thumbnail_id`) becomes its `image` with the attachment's
caption, alt text and credit; every body image or link under `wp-content/uploads/`
whose file is in the given folder is copied and pointed at `/media/…`. The plan is
pure (the folder is given as the set of files it holds); `media_folder` lists it and
`copy_media` copies, never overwriting a different file without `--update`.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

from generator import urls
from generator.importers.dateline import split_credit
from generator.importers.imported import Imported, MediaCopy

_UPLOADS = re.compile(
    r"(?:https?:)?//[^\s\"'()<>]+?/wp-content/uploads/(?P<rel>[^\s\"'()<>?#]+)")
# The credit WordPress reads from a photo's IPTC/EXIF, in its PHP-serialised metadata.
_META_CREDIT = re.compile(r's:6:"credit";s:\d+:"(?P<credit>[^"]*)"')


@dataclass(frozen=True)
class Attachment:
    """A WordPress attachment item (a photo in the media library)."""

    post_id: str
    """`wp:post_id`, what `_thumbnail_id` refers to."""
    url: str
    """`wp:attachment_url`."""
    relative: str
    """The path after `wp-content/uploads/` (`2024/05/banjir.jpg`), or empty."""
    caption: str
    """The attachment's caption (its excerpt), credit split off."""
    alt: str
    """`_wp_attachment_image_alt`."""
    credit: str
    """The credit from the caption's end, else from the photo's own metadata."""


@dataclass(frozen=True)
class MediaFolder:
    """The `--media` folder: where it is and which files it holds."""

    root: Path
    """The folder given (a copy of `wp-content/uploads/`)."""
    files: frozenset[str]
    """Every file in it, relative, POSIX (`2024/05/banjir.jpg`)."""


def media_folder(root: Path) -> MediaFolder:
    """List the folder once (thin wrapper over the file system)."""
    files = frozenset(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return MediaFolder(root, files)


def uploads_path(url: str) -> str:
    """`https://x/wp-content/uploads/2024/05/a.jpg` → `2024/05/a.jpg`; else empty."""
    found = _UPLOADS.search(url)
    return found.group("rel") if found else ""


def read_attachment(item: ET.Element, wp: str) -> Attachment:
    """An attachment item's fields."""
    meta = {(m.findtext(f"{wp}meta_key") or "").strip(): m.findtext(f"{wp}meta_value") or ""
            for m in item.findall(f"{wp}postmeta")}
    url = (item.findtext(f"{wp}attachment_url") or "").strip()
    excerpt = next((" ".join((el.text or "").split()) for el in item
                    if el.tag.endswith("}encoded") and "excerpt" in el.tag), "")
    caption, credit = split_credit(excerpt)
    found = _META_CREDIT.search(meta.get("_wp_attachment_metadata", ""))
    return Attachment((item.findtext(f"{wp}post_id") or "").strip(), url, uploads_path(url),
                      caption, " ".join(meta.get("_wp_attachment_image_alt", "").split()),
                      credit or (found.group("credit").strip() if found else ""))


def thumbnail_id(item: ET.Element, wp: str) -> str:
    """A post's `_thumbnail_id`, or empty."""
    for meta in item.findall(f"{wp}postmeta"):
        if (meta.findtext(f"{wp}meta_key") or "").strip() == "_thumbnail_id":
            return (meta.findtext(f"{wp}meta_value") or "").strip()
    return ""


def bring_media(record: Imported, featured: Attachment | None,
                folder: MediaFolder) -> Imported:
    """The record with its featured image set and body images pointed at `/media/`,
    the files to copy in `media`, and what could not be brought in `notes`."""
    copies: dict[str, MediaCopy] = {}
    notes = list(record.notes)

    def local(relative: str) -> bool:
        if relative in folder.files:
            copies[relative] = MediaCopy(str(folder.root / relative), f"content/media/{relative}")
            return True
        return False

    def rewrite(match: re.Match[str]) -> str:
        relative = match.group("rel")
        if local(relative):
            return urls.media_url(relative)
        notes.append(f"photo not in the media folder (left as a link): {match.group(0)}")
        return match.group(0)

    record = replace(record, body=_UPLOADS.sub(rewrite, record.body))
    if featured is not None:
        if featured.relative and local(featured.relative):
            record = replace(record, image_src=f"media/{featured.relative}",
                             image_caption=featured.caption or record.image_caption,
                             image_credit=featured.credit or record.image_credit,
                             image_alt=featured.alt)
        else:
            notes.append(f"featured image not in the media folder: {featured.url}")
    return replace(record, media=tuple(copies.values()), notes=tuple(notes))


def copy_media(site_dir: Path, copies: tuple[MediaCopy, ...], *, update: bool,
               dry_run: bool) -> list[tuple[str, str]]:
    """Copy each file unless a different one is there (then `refused` without
    `update`); (target, status) per file: written, updated, unchanged, refused, dry run."""
    done = []
    for copy in copies:
        target = site_dir / copy.target
        source = Path(copy.source)
        if target.exists():
            if target.read_bytes() == source.read_bytes():
                done.append((copy.target, "unchanged"))
                continue
            if not update:
                done.append((copy.target, "refused"))
                continue
            status = "updated"
        else:
            status = "written"
        if dry_run:
            done.append((copy.target, "dry run"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        done.append((copy.target, status))
    return done
