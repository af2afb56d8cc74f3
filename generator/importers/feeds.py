"""RSS 2.0 and Atom feeds become `Imported` records, one per item (via feedparser)."""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import feedparser  # type: ignore[import-untyped]

from generator.importers.feed_text import read_feed_text
from generator.importers.html2md import html_to_markdown
from generator.importers.imported import Imported, Rejected
from generator.slugs import slugify


class NotFeedError(ValueError):
    """The file is not a usable feed; the message says why."""


@dataclass(frozen=True)
class FeedResult:
    """Everything one feed gives."""

    items: tuple[Imported, ...]
    """One article per item."""
    rejected: tuple[Rejected, ...]
    """Items that could not be imported."""


def parse_feed(data: bytes, origin: str, zone: ZoneInfo, fallback: datetime) -> FeedResult:
    """Parse an RSS or Atom feed; raise NotFeedError when it is broken or has no items."""
    parsed: Any = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise NotFeedError(f"not a readable feed: {parsed.get('bozo_exception')}")
    if not parsed.entries:
        raise NotFeedError("the feed has no items")
    source = " ".join(str(parsed.feed.get("title", "")).split())
    items: list[Imported] = []
    rejected: list[Rejected] = []
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#item{number}"
        title = " ".join(html.unescape(str(entry.get("title", ""))).split())
        if not title:
            rejected.append(Rejected(where, "the item has no title"))
            continue
        items.append(_item(entry, where, title, source, zone, fallback))
    return FeedResult(tuple(items), tuple(rejected))


def _item(entry: Any, where: str, title: str, source: str, zone: ZoneInfo,
          fallback: datetime) -> Imported:
    warnings: list[str] = []
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        when = datetime.fromtimestamp(calendar.timegm(stamp), UTC).astimezone(zone)
        how = "the item's published date" if entry.get("published_parsed") else \
            "the item's updated date"
    else:
        when, how = fallback, "no date in the item: the file's modification time"
        warnings.append(how)
    contents = entry.get("content") or []
    html_body = contents[0].get("value", "") if contents else entry.get("summary", "")
    # A regional paper's feed carries the page as its newsroom wrote it: the same
    # rules as for pasted text find its caption, byline, dateline and footers.
    found = read_feed_text(html_to_markdown(str(html_body)))
    dateline = found.dateline
    if not found.body.strip():
        warnings.append("the item has no text besides its photo, caption and byline")
    tags = [" ".join(str(t.get("term", "")).split()) for t in entry.get("tags", [])]
    author = " ".join(str(entry.get("author", "")).split())
    link = str(entry.get("link", ""))
    identity = str(entry.get("id") or link or "")
    summary = ""
    if contents and entry.get("summary"):
        summary = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", entry["summary"])).split())
    return Imported(
        origin=where, title=title, date=when, date_how=how,
        slug=slugify(title) or slugify(identity) or "artikel", body=found.body,
        tags=tuple({slugify(t): t for t in reversed(tags) if slugify(t)}.values())[::-1],
        authors=found.authors or ((author,) if author else ()), summary=summary[:300],
        source=(dateline.source if dateline else "") or found.footer_source or source,
        location=dateline.location if dateline else "", image_src=found.image_src,
        image_caption=found.caption, image_credit=found.credit,
        source_id=identity, source_url=link, notes=found.dropped, warnings=tuple(warnings),
        guesses=found.guesses,
    )


def mtime(seconds: float, zone: ZoneInfo) -> datetime:
    """A file modification time in the site's zone, to the second."""
    return datetime.fromtimestamp(int(seconds), zone)


__all__ = ["FeedResult", "NotFeedError", "mtime", "parse_feed"]
