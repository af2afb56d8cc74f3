"""`Imported` records become frontmatter Markdown files, never overwriting silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.content.fields import slug_of_file
from generator.content.headings import without_title
from generator.importers.imported import Imported
from generator.slugs import slugify

_FRONTMATTER = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.DOTALL)


@dataclass(frozen=True)
class Outcome:
    """What happened to one record."""

    path: str
    """Target file relative to the site folder."""
    status: str
    """`written`, `updated`, `unchanged`, `refused`, or `dry run` (nothing written)."""


def target_path(record: Imported) -> str:
    """Where the record goes, relative to the site folder."""
    if record.page:
        return f"content/pages/{record.slug}.md"
    return f"content/articles/{record.date:%Y}/{record.date:%m}/{record.slug}.md"


def frontmatter_text(record: Imported) -> str:
    """The whole file: YAML frontmatter then the Markdown body."""
    data: dict[str, Any] = {"title": record.title}
    if not record.page:
        # A day without a time of day is written as a date (`2024-05-03`): the
        # build then shows it without a clock instead of a made-up midnight.
        data["date"] = (record.date.isoformat() if record.time_known
                        else record.date.date())
    data["slug"] = record.slug
    if record.page:
        if record.source_id:
            data["source_id"] = record.source_id
        return _dump(data) + without_title(record.body, record.title)
    optional: dict[str, Any] = {
        "tags": list(record.tags), "authors": list(record.authors),
        "summary": record.summary, "location": record.location, "source": record.source,
    }
    data.update({k: v for k, v in optional.items() if v})
    if record.image_src or record.image_caption or record.image_credit:
        # Pasted text has the caption of a photo we do not have: no `src` then,
        # so the page shows the caption without a broken image.
        image = {"src": record.image_src, "alt": record.image_alt or record.image_caption,
                 "caption": record.image_caption, "credit": record.image_credit}
        data["image"] = {k: v for k, v in image.items() if v}
    if record.draft:
        data["draft"] = True
    if record.aliases:
        data["aliases"] = list(record.aliases)
    if record.source_id:
        data["source_id"] = record.source_id
    if record.source_url:
        data["source_url"] = record.source_url
    return _dump(data) + without_title(record.body, record.title)


def _dump(data: dict[str, Any]) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{text}---\n"


@dataclass(frozen=True)
class SiteIndex:
    """What an import needs to know about the articles already in the site."""

    source_ids: dict[str, str]
    """`source_id` → file relative to the site, so re-imports find their file."""
    tag_spellings: dict[str, str]
    """Tag slug → the spelling already used, so imports do not add a second one."""


def index_site(site_dir: Path) -> SiteIndex:
    """Read the frontmatter of every Markdown file under `content/`."""
    index = SiteIndex({}, {})
    content = site_dir / "content"
    if not content.is_dir():
        return index
    for path in sorted(content.rglob("*.md")):
        try:
            head = _FRONTMATTER.match(path.read_text(encoding="utf-8"))
            data = yaml.safe_load(head.group(1)) if head else None
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # the builder reports broken files; the import need not
        if not isinstance(data, dict):
            continue
        if data.get("source_id"):
            index.source_ids.setdefault(str(data["source_id"]),
                                        path.relative_to(site_dir).as_posix())
        tags = data.get("tags")
        for tag in tags if isinstance(tags, list) else []:
            if isinstance(tag, str) and slugify(tag):
                index.tag_spellings.setdefault(slugify(tag), tag)
    return index


def _free_slug(site_dir: Path, record: Imported, known_ids: dict[str, str]) -> Imported:
    """A new item whose path holds another item (another source_id) gets `<slug>-2`, …"""
    if not record.source_id:
        return record  # raw text has no identity: an existing file is this article
    candidate, number = record, 1
    while (site_dir / target_path(candidate)).exists():
        number += 1
        candidate = replace(record, slug=f"{record.slug}-{number}")
    return candidate


def write_record(site_dir: Path, record: Imported, *, update: bool, dry_run: bool,
                 known_ids: dict[str, str]) -> Outcome:
    """Write `record` unless that would overwrite different content without `update`."""
    relative = known_ids.get(record.source_id) if record.source_id else None
    if relative is None:
        record = _free_slug(site_dir, record, known_ids)
        relative = target_path(record)
    else:
        # The file may carry a `-2` slug given when it was first imported, or have been
        # moved into a folder of its own as `index.md`: the address its name gives.
        record = replace(record, slug=slug_of_file(relative))
    path = site_dir / relative
    text = frontmatter_text(record)
    if path.exists():
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return Outcome(relative, "unchanged")
        if not update:
            return Outcome(relative, "refused")
        status = "updated"
    else:
        status = "written"
    if dry_run:
        return Outcome(relative, "dry run")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if record.source_id:
        known_ids[record.source_id] = relative
    return Outcome(relative, status)
