"""WordPress eXtended RSS (WXR 1.1 and 1.2) exports become `Imported` records.

Parsed with xml.etree; the `wp:` namespace URI differs between WXR versions,
so it is read from the document instead of being hard-coded.
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from generator.importers.html2md import html_to_markdown
from generator.importers.imported import Imported, Rejected
from generator.importers.wp_media import (
    MediaFolder,
    bring_media,
    read_attachment,
    thumbnail_id,
)
from generator.slugs import slugify

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
_DRAFT_STATUSES = {"draft", "pending", "private", "future", "auto-draft"}
_NO_DATE = "0000-00-00 00:00:00"


class NotWxrError(ValueError):
    """The file is not a WordPress export; the message says what it is."""


@dataclass(frozen=True)
class WxrResult:
    """Everything one export gives."""

    items: tuple[Imported, ...]
    """Posts and pages to write."""
    rejected: tuple[Rejected, ...]
    """Items that could not be imported."""
    notes: tuple[str, ...]
    """Attachments listed (not downloaded) and item types skipped."""


def describe(data: bytes) -> str:
    """What a non-WXR XML file looks like, for the error message."""
    head = data[:4000].decode("utf-8", "replace")
    if "blogger" in head.lower():
        return "a Blogger export (Atom), not a WordPress WXR export"
    if re.search(r"<feed\b", head):
        return "an Atom feed, not a WordPress WXR export (use --format feed)"
    if re.search(r"<rss\b", head):
        return "an RSS feed without the wp: namespace (use --format feed)"
    return "not a WordPress WXR export"


def _namespace(data: bytes) -> str:
    try:
        for _event, (_prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
            if re.search(r"wordpress\.org/export/\d+\.\d+/?$", str(uri)):
                return str(uri)
    except ET.ParseError as error:
        raise NotWxrError(f"{describe(data)}; the XML is broken: {error}") from None
    raise NotWxrError(describe(data))


def parse_wxr(data: bytes, origin: str, zone: ZoneInfo,
              media: MediaFolder | None = None) -> WxrResult:
    """Parse a WXR export; raise NotWxrError when it is not one. With `media` (the
    `--media` folder), featured and body photos found there are brought along."""
    wp = "{" + _namespace(data) + "}"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise NotWxrError(f"the XML is broken: {error}") from None
    channel = root.find("channel")
    if channel is None:
        raise NotWxrError("a WXR without a <channel>")
    authors = {
        (a.findtext(f"{wp}author_login") or "").strip():
            (a.findtext(f"{wp}author_display_name") or "").strip()
        for a in channel.findall(f"{wp}author")
    }
    items: list[Imported] = []
    rejected: list[Rejected] = []
    notes: list[str] = []
    skipped: dict[str, int] = {}
    attachments = {a.post_id: a for a in (read_attachment(item, wp)
                                          for item in channel.findall("item")
                                          if _text(item, f"{wp}post_type") == "attachment")}
    for number, item in enumerate(channel.findall("item"), start=1):
        kind = (item.findtext(f"{wp}post_type") or "post").strip() or "post"
        where = f"{origin}#item{number}"
        if kind == "attachment":
            if media is None:
                url = (item.findtext(f"{wp}attachment_url") or "").strip()
                notes.append(f"attachment (not downloaded): {url or item.findtext('title')}")
            continue
        if kind not in {"post", "page"}:
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        try:
            record = _item(item, wp, where, kind, authors, zone)
        except ValueError as error:
            rejected.append(Rejected(where, str(error)))
            continue
        if media is not None:
            record = bring_media(record, attachments.get(thumbnail_id(item, wp)), media)
        items.append(record)
    if media is not None:
        used = {Path(copy.target).relative_to("content/media").as_posix()
                for record in items for copy in record.media}
        notes += [f"attachment not used by any post (not copied): {a.url}"
                  for a in attachments.values() if a.relative not in used]
    for kind, count in sorted(skipped.items()):
        notes.append(f"skipped {count} item(s) of type `{kind}` (not posts or pages)")
    return WxrResult(tuple(items), tuple(rejected), tuple(notes))


def _text(item: ET.Element, tag: str) -> str:
    return (item.findtext(tag) or "").strip()


def _item(item: ET.Element, wp: str, where: str, kind: str, authors: dict[str, str],
          zone: ZoneInfo) -> Imported:
    post_id = _text(item, f"{wp}post_id")
    warnings: list[str] = []
    title = " ".join(html.unescape(_text(item, "title")).split())
    name = _text(item, f"{wp}post_name")
    if not title:
        title = name.replace("-", " ").strip().capitalize() or f"Tanpa judul {post_id}".strip()
        warnings.append(f"the post has no title; titled it {title!r}")
    when, how = _date(item, wp, zone)
    if how.startswith("no date"):
        warnings.append(how)
    status = _text(item, f"{wp}status") or "publish"
    tags: list[str] = []
    for category in item.findall("category"):
        label = " ".join(html.unescape(category.text or "").split())
        if label and label.lower() not in {"uncategorized", "tak berkategori"}:
            tags.append(label)
    creator = _text(item, f"{{{DC_NS}}}creator")
    author = authors.get(creator) or creator
    link = _text(item, "link")
    aliases = _alias(link)
    slug = slugify(name) or slugify(title) or f"post-{post_id}"
    body = html_to_markdown(item.findtext(f"{{{CONTENT_NS}}}encoded") or "")
    excerpt_ns = [el for el in item if el.tag.endswith("}encoded") and "excerpt" in el.tag]
    summary = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", excerpt_ns[0].text or "")).split()
                       ) if excerpt_ns else ""
    return Imported(
        origin=where, title=title, date=when, date_how=how, slug=slug, body=body,
        tags=tuple(dict.fromkeys(tags)), authors=(author,) if author else (),
        summary=summary, draft=status in _DRAFT_STATUSES or status not in {"publish", "inherit"},
        page=kind == "page", aliases=aliases,
        source_id=_text(item, "guid") or f"wp-post-{post_id}", source_url=link,
        warnings=tuple(warnings),
    )


def _date(item: ET.Element, wp: str, zone: ZoneInfo) -> tuple[datetime, str]:
    gmt = _text(item, f"{wp}post_date_gmt")
    if gmt and gmt != _NO_DATE:
        value = datetime.fromisoformat(gmt).replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
        return value, "wp:post_date_gmt"
    local = _text(item, f"{wp}post_date")
    if local and local != _NO_DATE:
        return datetime.fromisoformat(local).replace(tzinfo=zone), "wp:post_date (site zone)"
    return datetime(1970, 1, 1, tzinfo=zone), "no date in the export: 1970-01-01, fix it"


def _alias(link: str) -> tuple[str, ...]:
    parsed = urlparse(link)
    # `/?p=19` permalinks carry the id in the query, which a static site cannot serve.
    if parsed.query or parsed.path in {"", "/"}:
        return ()
    path = re.sub(r"/{2,}", "/", parsed.path)
    if not re.match(r"^/[\w./%~-]*$", path) or ".." in path:
        return ()
    return (path,)
