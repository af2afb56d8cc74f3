"""The record every importer produces and the writer consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CONFIDENCES = ("certain", "inferred", "guessed")
"""How sure a guessed field is, surest first: `certain` is written in a fixed place
(line 1, a `Reporter:` line), `inferred` follows a rule that can misread
(a missing year, a caption told by its shape), `guessed` is a fallback an editor
should check (a date from later in the body, the file's modification time)."""


@dataclass(frozen=True)
class Guess:
    """Where one field of an imported article came from, for the review report."""

    field: str
    """The frontmatter field, e.g. `date`, `location`, `image.credit`."""
    source: str
    """Where in the input it was found, e.g. `lead`, `dateline`, `not found`."""
    confidence: str
    """One of CONFIDENCES."""


@dataclass(frozen=True)
class MediaCopy:
    """A photo file the import copies into the site."""

    source: str
    """The file in the `--media` folder (absolute path)."""
    target: str
    """Where it goes, relative to the site folder: `content/media/2024/05/a.jpg`."""


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
    image_alt: str = ""
    """Alt text when the source has its own (a WordPress attachment); else the caption."""
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
    time_known: bool = True
    """False when the source gives only a day: the file then says `date: 2024-05-03`."""
    media: tuple[MediaCopy, ...] = ()
    """Photo files to copy into `content/media/` with the article (`--media`)."""
    guesses: tuple[Guess, ...] = ()
    """Where each inferred field came from and how sure it is (raw text and feed
    bodies read as raw text); empty for fields a structured source states."""


@dataclass(frozen=True)
class Rejected:
    """An input or item that could not be imported."""

    origin: str
    """The file (or `file#item`)."""
    reason: str
    """What is wrong, in words an editor can act on."""
