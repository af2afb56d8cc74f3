"""The newsroom conventions of raw text, applied to a feed item's body.

Regional papers put their whole page into the feed: the photo, its caption with
the credit (`*Ilustrasi … (YouTube Kemensos RI)*`), a `**Reporter:** X |
**Editor:** Y` line, a dateline opening the lead (`RADAR BOGOR- …`), an end mark
and footers. The same rules as for pasted text (rawtext.py, dateline.py) find
them in the Markdown blocks the item's HTML became. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importers.dateline import Dateline, find_dateline, split_credit
from generator.importers.imported import Guess
from generator.importers.rawtext import (
    END_MARK,
    JUNK_LINE,
    LAPORAN,
    REPORTER_EDITOR,
    ROLE_LINE,
    SOURCE_LINE,
    TAGS_LINE,
    TAYANG,
    TEASER,
    is_photo_caption,
)

_IMAGE = re.compile(r"^!\[[^\]]*\]\(<?(?P<src>https?://[^\s>)]+)>?(?:\s+\"[^\"]*\")?\)$")
_EMPHASIS = re.compile(r"^(?:\*(?!\*)(?P<a>.+)\*|_(?P<b>.+)_)$", re.DOTALL)


@dataclass(frozen=True)
class FeedText:
    """What the newsroom conventions found in one item's body."""

    body: str
    """The Markdown body without the found parts."""
    image_src: str
    """The lead photo's URL when its caption was found right under it."""
    caption: str
    """The photo caption without its credit."""
    credit: str
    """The photo credit."""
    authors: tuple[str, ...]
    """Reporters from a `Reporter:`/`Penulis:` line."""
    dateline: Dateline | None
    """The dateline that opened the lead."""
    footer_source: str
    """The outlet a `Sumber:` or `Artikel ini telah tayang di` footer names."""
    dropped: tuple[str, ...]
    """What was removed, for the report."""
    guesses: tuple[Guess, ...]
    """Where each found field came from and how sure it is."""


def plain(block: str) -> str:
    """A Markdown block as the words it shows: emphasis marks and escapes removed."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", block)
    return " ".join(re.sub(r"\*\*|__", "", text).split())


def read_feed_text(markdown: str) -> FeedText:
    """Caption, byline, dateline, end mark and footers of a feed body, if it has them."""
    blocks = [b for b in markdown.strip().split("\n\n") if b.strip()]
    dropped: list[str] = []
    authors: list[str] = []
    guesses: list[Guess] = []
    image_src = caption = credit = footer_source = ""
    kept: list[str] = []
    for index, block in enumerate(blocks):
        words = plain(block)
        role = REPORTER_EDITOR.match(words) or LAPORAN.match(words) or ROLE_LINE.match(words)
        if role and index < 5:
            name = role.groupdict().get("reporter") or role.groupdict().get("name") or ""
            if not words.startswith(("Editor", "Redaktur")):
                authors.append(name)
            dropped.append(f"byline `{words}`")
            continue
        emphasis = _EMPHASIS.match(block.strip())
        inner = plain(emphasis.group("a") or emphasis.group("b")) if emphasis else ""
        if inner and index < 4 and not caption and _is_caption(inner):
            caption, credit = split_credit(inner)
            if kept and (image := _IMAGE.match(kept[-1].strip())):
                image_src = image.group("src")
                kept.pop()
            dropped.append("caption moved to the photo")
            continue
        footer = TAYANG.match(words) or SOURCE_LINE.match(words)
        if footer and index >= len(blocks) - 3:
            footer_source = footer.group("source").rstrip(".,").strip(" _*")
            dropped.append(f"source footer `{words}`")
            continue
        if JUNK_LINE.match(words) or (TAGS_LINE.match(words) and index == len(blocks) - 1):
            dropped.append(f"`{words}`")
            continue
        kept.append(block)
    dateline = _dateline(kept, dropped)
    if kept:
        last = TEASER.sub("", END_MARK.sub("", kept[-1])).rstrip()
        if last != kept[-1]:
            dropped.append("end mark or video teaser")
        kept[-1] = last
    if authors:
        guesses.append(Guess("authors", "Reporter line", "certain"))
    if caption:
        guesses += [Guess("image.caption", "emphasised line under the photo", "inferred"),
                    Guess("image.credit", "caption's end" if credit else "not found",
                          "inferred")]
    if dateline:
        sure = "certain" if dateline.location and dateline.source else "inferred"
        guesses += [Guess("location", "dateline" if dateline.location else "not found", sure),
                    Guess("source", "dateline" if dateline.source else "the feed's title",
                          sure if dateline.source else "certain")]
    elif footer_source:
        guesses.append(Guess("source", "footer", "certain"))
    body = "\n\n".join(b for b in kept if b.strip())
    return FeedText(body + "\n" if body else "", image_src, caption, credit,
                    tuple(dict.fromkeys(authors)), dateline, footer_source, tuple(dropped),
                    tuple(guesses))


def _is_caption(words: str) -> bool:
    return (is_photo_caption(words) or (bool(split_credit(words)[1]) and len(words) <= 300)
            or words.startswith("Ilustrasi"))


def _dateline(kept: list[str], dropped: list[str]) -> Dateline | None:
    """The dateline opening the first text block (not a photo), removed from it."""
    for index, block in enumerate(kept[:3]):
        if _IMAGE.match(block.strip()):
            continue
        found = find_dateline(block)
        if found is None:
            return None
        kept[index] = found.rest
        dropped.append(f"dateline `{found.written}` removed (the theme prints it)")
        return found
    return None
