"""Raw pasted text in the seed's shape becomes an `Imported` record.

The shape: the headline on line 1; optionally a photo caption ending with its
credit; optionally a `Reporter: X | Editor: Y` line; the body, whose first
paragraph may open with a dateline and whose last may end with a byline code
like `(Hmz/Ulm)`; optionally a `Sumber : …` or `Tags: …` footer. Every
non-empty line is a paragraph, because scrapers lose blank lines between them.

`parse_raw` is pure; reading the file is the command's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from generator.importers.date_mentions import infer_date
from generator.importers.dateline import Dateline, find_dateline, has_credit, split_credit
from generator.importers.escape import escape_markdown
from generator.importers.imported import Imported
from generator.importers.tags import suggest_tags
from generator.slugs import slugify

# Lines that are CMS or scraper residue, not the story; dropped and reported.
JUNK_LINE = re.compile(
    r"^(?:ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT|Baca (?:juga|selengkapnya)\b.*"
    r"|\**\[(?:img|video)\.\d+\]\**|(?:\\?\*){3,}|-{3,}|_{3,})$",
    re.IGNORECASE,
)
# Media placeholders left inline by the CMS (`[video.1] Teks …`).
PLACEHOLDER = re.compile(r"\s*\**\[(?:img|video)\.\d+\]\**\s*")
# `***` glued to the last sentence marks the end of the story.
END_MARK = re.compile(r"\s*(?:\\?\*){3,}\s*$")
BYLINE_CODE = re.compile(
    r"(?:^|(?<=[.!?”\"'’…)])\s*)\((?P<code>[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6})*"
    r"|tim redaksi)\)\s*$")
REPORTER_EDITOR = re.compile(
    r"^Reporter\s*:\s*(?P<reporter>[^|]+?)\s*\|\s*Editor\s*:\s*(?P<editor>.+?)\s*$")
ROLE_LINE = re.compile(r"^(?:Penulis|Pewarta|Reporter|Editor|Redaktur)\s*:\s*(?P<name>.{2,60})$")
SOURCE_LINE = re.compile(r"^_?[Ss]umber\s*:\s*(?P<source>.+?)_?$")
TAGS_LINE = re.compile(r"^Tags?\s*:\s*(?P<tags>.+)$")
_TRAILING_DATE = re.compile(r"\s+\d{1,2}\s+\w+\s+\d{4}$")


class RawTextError(ValueError):
    """The text cannot be an article (empty, a single line, not text)."""


@dataclass(frozen=True)
class Structure:
    """The parts of a raw article before any inference."""

    title: str
    """Line 1, exactly."""
    caption: str
    """The caption paragraph with its credit, or empty."""
    paragraphs: tuple[str, ...]
    """Body paragraphs in order: junk, metadata and the byline code removed."""
    dateline: Dateline | None
    """The dateline found at the start of the first body paragraph."""
    authors: tuple[str, ...]
    """From `Reporter:`/`Editor:` lines or the trailing code."""
    footer_source: str
    """From a `Sumber : …` footer."""
    given_tags: tuple[str, ...]
    """From a `Tags: …` footer."""
    dropped: tuple[str, ...]
    """What was removed and why, for the report."""


def split_paragraphs(text: str) -> list[str]:
    """Every non-empty line, stripped: the unit the whole importer works on."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def structure(text: str) -> Structure:
    """Split raw text into title, caption, body and metadata lines."""
    lines = split_paragraphs(text)
    if not lines:
        raise RawTextError("the file is empty")
    if len(lines) < 2:
        raise RawTextError("only one line: expected a headline, then the story")
    title, rest = lines[0], lines[1:]
    dropped: list[str] = []
    authors: list[str] = []
    footer_source = ""
    given_tags: tuple[str, ...] = ()
    kept: list[str] = []
    for line in rest:
        if JUNK_LINE.match(line):
            dropped.append(f"junk line `{line}`")
            continue
        reporter = REPORTER_EDITOR.match(line)
        role = ROLE_LINE.match(line)
        if reporter:
            authors += [reporter.group("reporter"), reporter.group("editor")]
            dropped.append(f"byline `{line}`")
            continue
        if role:
            authors.append(role.group("name"))
            dropped.append(f"byline `{line}`")
            continue
        source = SOURCE_LINE.match(line)
        if source:
            footer_source = _TRAILING_DATE.sub("", source.group("source")).strip(" _*")
            dropped.append(f"source footer `{line}`")
            continue
        tags = TAGS_LINE.match(line)
        if tags and line is rest[-1]:
            given_tags = tuple(t.strip() for t in tags.group("tags").split(",") if t.strip())
            dropped.append(f"tags footer `{line}`")
            continue
        cleaned = PLACEHOLDER.sub(" ", line).strip()
        if cleaned != line:
            dropped.append("media placeholder in a paragraph")
        if cleaned:
            kept.append(cleaned)
    caption, body, dateline = _caption_and_dateline(kept)
    if body:
        last = END_MARK.sub("", body[-1])
        if last != body[-1]:
            dropped.append("end mark `***`")
        code = BYLINE_CODE.search(last)
        if code:
            authors += [a.strip() for a in code.group("code").split("/")]
            last = last[: code.start()].rstrip()
        body[-1] = last
        if not body[-1]:
            body.pop()
    return Structure(title, caption, tuple(body), dateline, tuple(dict.fromkeys(authors)),
                     footer_source, given_tags, tuple(dropped))


def _caption_and_dateline(kept: list[str]) -> tuple[str, list[str], Dateline | None]:
    # The dateline, when there is one, opens the first body paragraph; what
    # comes before it is the caption.
    for index, paragraph in enumerate(kept[:3]):
        dateline = find_dateline(paragraph)
        if dateline and (index == 0 or _looks_like_caption(kept[0])) and index <= 1:
            body = [dateline.rest, *kept[index + 1:]]
            return (kept[0] if index == 1 else ""), body, dateline
    if len(kept) > 1 and _looks_like_caption(kept[0]) and (
            has_credit(kept[0]) or kept[0].startswith("Ilustrasi")):
        return kept[0], kept[1:], None
    return "", list(kept), None


def _looks_like_caption(paragraph: str) -> bool:
    return len(paragraph) <= 400


def parse_raw(text: str, origin: str, *, zone: ZoneInfo, fallback: datetime,
              fallback_how: str, known_tags: tuple[str, ...] = (),
              published: date | None = None) -> Imported:
    """Raw text to an article record; raise RawTextError when it is not an article."""
    parts = structure(text)
    if not parts.paragraphs:
        raise RawTextError("no body after the headline")
    caption, credit = split_credit(parts.caption)
    story = "\n".join([parts.caption, *parts.paragraphs])
    found = infer_date(story, published)
    warnings: list[str] = []
    if found:
        when = datetime.combine(found.value, time(), zone)
        how = found.how
        warnings += found.warnings
    elif published:
        when = datetime.combine(published, time(), zone)
        how = "no date in the text: --published"
    else:
        when, how = fallback, f"no date in the text: {fallback_how}"
        warnings.append("no date in the text; check the date")
    dateline = parts.dateline
    source = (dateline.source if dateline else "") or parts.footer_source
    tag_text = "\n".join([parts.title, caption, *parts.paragraphs])
    body = "\n\n".join(escape_markdown(p) for p in parts.paragraphs) + "\n"
    notes = list(parts.dropped)
    if dateline:
        notes.append(f"dateline `{dateline.written}` removed (the theme prints it)")
    return Imported(
        origin=origin,
        title=parts.title,
        date=when,
        date_how=how,
        slug=slugify(parts.title) or "artikel",
        body=body,
        tags=suggest_tags(tag_text, known_tags, parts.given_tags),
        authors=parts.authors,
        location=dateline.location if dateline else "",
        source=source,
        image_caption=caption,
        image_credit=credit,
        notes=tuple(notes),
        warnings=tuple(warnings),
    )
