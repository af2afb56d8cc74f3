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
from datetime import date, datetime
from zoneinfo import ZoneInfo

from generator.content.bylines import people_in
from generator.importers.dateline import Dateline, find_dateline, has_credit, split_credit
from generator.importers.dating import Dated, date_article
from generator.importers.escape import escape_markdown
from generator.importers.imported import Guess, Imported
from generator.importers.tags import suggest_tags
from generator.slugs import slugify

# Lines that are CMS or scraper residue, not the story; dropped and reported.
# Besides scraper residue, the outlets' own closers: Tempo's `Pilihan Editor: …`,
# Antara's `COPYRIGHT © ANTARA 2024`, Kompas's `Simak breaking news …` and
# `Dapatkan update berita pilihan …` invitations.
JUNK_LINE = re.compile(
    r"^(?:ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT|Baca (?:juga|selengkapnya)\b.*"
    r"|\**\[(?:img|video)\.\d+\]\**|(?:\\?\*){3,}|-{3,}|_{3,}"
    r"|Pilihan Editor\s*:.*|(?:copyright\s*)?©.*|Simak breaking news\b.*"
    r"|Dapatkan update berita\b.*)$",
    re.IGNORECASE,
)
# Tribun's byline above the dateline: `Laporan Wartawan Tribun Medan / Tommy Simatupang`.
LAPORAN = re.compile(r"^Laporan\s+(?:Wartawan|Reporter|Kontributor)\s+(?P<outlet>[^,/|]+?)"
                     r"\s*[,/|]\s*(?P<name>[^,/|]{2,60})$", re.IGNORECASE)
# Media placeholders left inline by the CMS (`[video.1] Teks …`).
PLACEHOLDER = re.compile(r"\s*\**\[(?:img|video)\.\d+\]\**\s*")
# `***` or `(*)` glued to the last sentence marks the end of the story.
END_MARK = re.compile(r"\s*(?:(?:\\?\*){3,}|\(\\?\*\))\s*$")
# detik's video teasers glued to a paragraph's end: `Simak Video '…': [Gambas:Video 20detik]`.
TEASER = re.compile(r"\s*(?:(?:Simak|Saksikan|Tonton)\b[^\[\]]{0,200}?\[Gambas:[^\]]*\]\s*)+$")
# `Artikel ini telah tayang di TribunJabar.id dengan judul …`: the outlet first published it.
TAYANG = re.compile(r"^Artikel ini (?:telah )?(?:tayang|terbit|dimuat) di\s+(?P<source>\S+?)"
                    r"(?:\s+dengan judul\b.*)?\.?$", re.IGNORECASE)
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
    authors_from: str = ""
    """`Reporter line`, `role line` or `byline code`; empty when no author is named."""
    caption_from: str = ""
    """`before the dateline`, `by its shape` or `in the body`; empty without a caption."""


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
    authors_from = ""
    footer_source = ""
    given_tags: tuple[str, ...] = ()
    kept: list[str] = []
    for line in rest:
        if JUNK_LINE.match(line):
            dropped.append(f"junk line `{line}`")
            continue
        reporter = REPORTER_EDITOR.match(line) or LAPORAN.match(line)
        role = ROLE_LINE.match(line)
        # The byline is the reporter's: an editor did not write the story.
        if reporter:
            authors += people_in(reporter.group("reporter" if "reporter" in
                                                reporter.groupdict() else "name")).people
            authors_from = "Reporter line"
            dropped.append(f"byline `{line}`")
            continue
        if role:
            if not line.startswith(("Editor", "Redaktur")):
                authors += people_in(role.group("name")).people
                authors_from = authors_from or "role line"
            dropped.append(f"byline `{line}`")
            continue
        tayang = TAYANG.match(line)
        if tayang:
            footer_source = tayang.group("source").rstrip(".,")
            dropped.append(f"source footer `{line}`")
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
        teaser = TEASER.search(cleaned)
        if teaser:
            dropped.append(f"video teaser `{teaser.group(0).strip()}`")
            cleaned = cleaned[: teaser.start()].strip()
        if cleaned:
            kept.append(cleaned)
    caption, body, dateline, caption_from = _caption_and_dateline(kept)
    if body:
        last = END_MARK.sub("", body[-1])
        if last != body[-1]:
            dropped.append(f"end mark `{body[-1][len(last):].strip()}`")
        code = BYLINE_CODE.search(last)
        if code:
            authors += [a.strip() for a in code.group("code").split("/")]
            authors_from = authors_from or "byline code"
            last = last[: code.start()].rstrip()
        body[-1] = last
        if not body[-1]:
            body.pop()
    return Structure(title, caption, tuple(body), dateline, tuple(dict.fromkeys(authors)),
                     footer_source, given_tags, tuple(dropped), authors_from, caption_from)


# Credits that can only be a photo's: an inner paragraph ending in one is a caption.
# `OUTLET/NAME` needs a shouting outlet (`KOMPAS.com/…`, `ANTARA/…`): `(Google Mobile
# Services/GMS)` ends a sentence, not a caption.
_PHOTO_CREDIT = re.compile(
    r"^(?:(?i:Istimewa|Dok(?:umentasi)?\b|ANTARA FOTO\b)"
    r"|[A-Z][A-Z0-9-]*(?:\.[A-Za-z.]+)?(?:\s[A-Z][A-Z0-9-]*)*\s?/\s?\S[^/]{1,40}$)")
_FOTO_LABEL = re.compile(r"[(\[\s](?:Foto|Photo)\s*:", re.IGNORECASE)


def is_photo_caption(paragraph: str) -> bool:
    """A short paragraph ending in a credit no sentence ends with: `… (ANTARA FOTO/X)`."""
    if len(paragraph) > 300:
        return False
    credit = split_credit(paragraph)[1]
    return bool(credit) and bool(_PHOTO_CREDIT.match(credit) or _FOTO_LABEL.search(paragraph))


def _caption_and_dateline(kept: list[str]) -> tuple[str, list[str], Dateline | None, str]:
    caption, body, dateline, how = _lead_caption(kept)
    if caption or len(body) < 3:
        return caption, body, dateline, how
    # A pasted page may carry its photo further down; the first such caption is the
    # article's (later ones stay where they are, as text).
    for index in range(1, len(body) - 1):
        if is_photo_caption(body[index]):
            return body[index], body[:index] + body[index + 1:], dateline, "in the body"
    return caption, body, dateline, how


def _lead_caption(kept: list[str]) -> tuple[str, list[str], Dateline | None, str]:
    # The dateline, when there is one, opens the first body paragraph; what
    # comes before it is the caption.
    for index, paragraph in enumerate(kept[:3]):
        dateline = find_dateline(paragraph)
        # An outlet's dateline is sure enough that what stands before it is a
        # caption however long (Kompas captions run to several sentences).
        if dateline and (index == 0 or _looks_like_caption(kept[0]) or dateline.source) \
                and index <= 1:
            body = [dateline.rest, *kept[index + 1:]]
            if index == 1:
                return kept[0], body, dateline, "before the dateline"
            return "", body, dateline, ""
    if len(kept) > 1 and _looks_like_caption(kept[0]) and (
            has_credit(kept[0]) or kept[0].startswith("Ilustrasi")):
        return kept[0], kept[1:], None, "by its shape"
    return "", list(kept), None, ""


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
    dateline = parts.dateline
    dated = date_article(parts.paragraphs[0], story, dateline, zone=zone, published=published,
                         fallback=fallback, fallback_how=fallback_how)
    source = (dateline.source if dateline else "") or parts.footer_source
    tag_text = "\n".join([parts.title, caption, *parts.paragraphs])
    body = "\n\n".join(escape_markdown(p) for p in parts.paragraphs) + "\n"
    notes = list(parts.dropped)
    if dateline:
        notes.append(f"dateline `{dateline.written}` removed (the theme prints it)")
    tags = suggest_tags(tag_text, known_tags, parts.given_tags)
    return Imported(
        origin=origin,
        title=parts.title,
        date=dated.value,
        date_how=dated.how,
        time_known=dated.time_known,
        slug=slugify(parts.title) or "artikel",
        body=body,
        tags=tags,
        authors=parts.authors,
        location=dateline.location if dateline else "",
        source=source,
        image_caption=caption,
        image_credit=credit,
        notes=tuple(notes),
        warnings=dated.warnings,
        guesses=raw_guesses(parts, dated, tags_given=bool(parts.given_tags) or not tags),
    )


def raw_guesses(parts: Structure, dated: Dated, *, tags_given: bool) -> tuple[Guess, ...]:
    """Where each field of a raw text came from and how sure it is."""
    dateline = parts.dateline
    # A dateline with both place and outlet is unmistakable; a lone place or
    # outlet, or one without a dash, is a rule that can misread a lead.
    sure = bool(dateline and dateline.location and dateline.source)
    place = ("dateline", "certain" if sure else "inferred") if dateline and dateline.location \
        else ("not found", "inferred")
    if dateline and dateline.source:
        source = ("dateline", "certain" if sure else "inferred")
    elif parts.footer_source:
        source = ("footer", "certain")
    else:
        source = ("not found", "inferred")
    authors = {"Reporter line": "certain", "role line": "certain", "byline code": "inferred",
               "": "inferred"}[parts.authors_from]
    caption = {"before the dateline": "certain", "by its shape": "inferred",
               "in the body": "inferred", "": "inferred"}[parts.caption_from]
    return (
        Guess("title", "line 1", "certain"),
        Guess("date", dated.source, dated.confidence),
        Guess("location", *place),
        Guess("source", *source),
        Guess("authors", parts.authors_from or "not found", authors),
        Guess("image.caption", parts.caption_from or "not found", caption),
        Guess("image.credit", ("caption's end" if split_credit(parts.caption)[1]
                               else "not found"), caption),
        # Tags picked from the text follow a fixed rule (known lists, counts) and a
        # wrong one costs little: `inferred`, so that `guessed` rows are the dates.
        Guess("tags", "Tags footer" if parts.given_tags else "text",
              "certain" if tags_given else "inferred"),
    )
