"""The record every importer produces and the writer consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Imported:
    """One article or page as an importer understood it, ready to be written."""

    origin: str
    """Where it came from, for messages: a file, or `file#item` for WXR and feeds."""
    title: str
    """The headline, plain text, exactly as written in the source."""
    date: datetime
    """Publication time, time-zone aware (the site's zone)."""
    date_how: str
    """How the date was found, e.g. "`Rabu (26/9)` + year 2018 from weekday and text"."""
    slug: str
    """URL word; also the file name."""
    body: str
    """The body as Markdown (raw text escaped, or HTML converted and sanitised)."""
    tags: tuple[str, ...] = ()
    """Tags in order, at most a handful."""
    authors: tuple[str, ...] = ()
    """Bylines as written: initials (`Hmz`) or names."""
    summary: str = ""
    """Summary when the source has one (WXR excerpt); else the builder derives it."""
    location: str = ""
    """Dateline city, e.g. `Malang`."""
    source: str = ""
    """Outlet the story comes from, e.g. `MalangVoice`."""
    image_src: str = ""
    """Lead photo URL or `media/` path; empty when the source names none."""
    image_caption: str = ""
    """Photo caption without its credit."""
    image_credit: str = ""
    """Photo credit, e.g. `Istimewa`."""
    draft: bool = False
    """True for unpublished WXR posts (draft, pending, private, future)."""
    page: bool = False
    """True for a static page (`content/pages/`), False for an article."""
    aliases: tuple[str, ...] = ()
    """Old root-relative paths that should redirect here (WXR permalinks)."""
    source_id: str = ""
    """Stable id in the source (WXR guid, feed guid/id): re-imports find the same file."""
    source_url: str = ""
    """The item's link in its source, when it has one."""
    notes: tuple[str, ...] = ()
    """What was dropped or listed (junk lines, attachments), one line each."""
    warnings: tuple[str, ...] = ()
    """Doubts the editor should check (weekday mismatch, guessed date, missing title)."""


@dataclass(frozen=True)
class Rejected:
    """An input or item that could not be imported."""

    origin: str
    """The file (or `file#item`)."""
    reason: str
    """What is wrong, in words an editor can act on."""
