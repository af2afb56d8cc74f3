"""The frontmatter keys Warta reads, and what an unknown one probably meant.

Pure data and small functions: `fields.py` reads and checks the values, `parse.py`
makes the records; this module knows the spellings. Suggestions are worked out only
for keys that are not known, so an article with the usual keys costs a set lookup
per key.

A new key goes: into `KNOWN_KEYS` here; a field of `model.Article` (its docstring
says what it holds; it joins the article's `key` by itself, no cache schema bump);
read and checked in `fields.Fields`, each wrong value a problem at its line, and set
in `parse.parse_article`; offered in `new_article` when editors should see it; shown
by the theme (`article.html`, `_card.html`) and, if it says something of the story,
the JSON-LD (`render/jsonld.py`); and a row in docs/content.md's table of keys.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from generator.errors import Text

KNOWN_KEYS = frozenset({
    "title", "date", "slug", "tags", "authors", "author", "editors", "summary", "location",
    "source", "image", "draft", "updated", "corrections", "aliases", "withdrawn",
    "section", "featured",
})
"""The keys of an article's frontmatter, as docs/content.md lists them."""

SYNONYMS = {
    "categories": "tags", "category": "tags", "kategori": "tags",
    "description": "summary", "excerpt": "summary",
    "lastmod": "updated", "last_modified_at": "updated", "modified": "updated",
    "featured_image": "image", "coverimage": "image", "cover": "image", "images": "image",
    "published": "draft",
}
"""Keys Hugo and Jekyll archives use for the same things (lowercased), read as ours."""

QUIET_KEYS = frozenset({
    "layout", "permalink", "type", "weight", "source_id", "source_url", "lang", "url",
    "keywords", "series", "toc", "comments", "additionallinks",
})
"""Keys that tools we know write for themselves; kept, never warned about."""

EDITOR_WORDS = {
    "judul": "title", "tanggal": "date", "tgl": "date", "waktu": "date",
    "penulis": "authors", "wartawan": "authors", "reporter": "authors",
    "editor": "editors", "penyunting": "editors", "redaktur": "editors",
    "lokasi": "location", "ringkasan": "summary", "deskripsi": "summary",
    "gambar": "image", "foto": "image", "label": "tags", "sumber": "source",
    "koreksi": "corrections", "ralat": "corrections",
    "rubrik": "section", "kanal": "section", "pilihan": "featured", "unggulan": "featured",
}
"""Indonesian words editors write for our keys (lowercased). Not read as the key: a
warning suggests it, so that a file says one thing one way. (`kategori` is read as
tags, like Hugo's `categories`.)"""

IMAGE_FIELDS = ("alt", "caption", "credit")
"""What is said of an image, under `image:` (or, beside it, at the top level)."""

ACCEPTED = tuple(sorted(KNOWN_KEYS | SYNONYMS.keys()))
"""Every spelling a key may take, for `difflib` to compare a misspelling with."""


def is_read(key: str) -> bool:
    """Whether `key` is one of ours or a synonym (read as one of ours)."""
    return key in KNOWN_KEYS or key.lower() in SYNONYMS


def suggestion(key: str) -> str | None:
    """The key `key` probably stands for: an editor's word, else the closest accepted
    spelling; None when nothing is close."""
    lowered = key.lower()
    if lowered in EDITOR_WORDS:
        return EDITOR_WORDS[lowered]
    matches = difflib.get_close_matches(lowered, ACCEPTED, n=1, cutoff=0.8)
    return matches[0] if matches else None


def unknown_keys(data: Mapping[str, Any]) -> dict[str, str | None]:
    """Each key of `data` that Warta does not read (quiet keys left out), with the key
    it probably stands for (None when nothing is close)."""
    if data.keys() <= KNOWN_KEYS:  # the usual article: one comparison of sets, in C
        return {}
    return {key: suggestion(key) for key in data
            if not is_read(key) and key.lower() not in QUIET_KEYS}


def words_of(text: str) -> list[str]:
    """`text` cut at commas, each part trimmed, empty parts dropped."""
    return [part for part in (piece.strip() for piece in text.split(",")) if part]


def looks_like_several(text: str, known: Collection[str] | None = None) -> list[str] | None:
    """The words of a text without commas that probably name several things: its parts
    between semicolons or bars (`Banjir; Longsor`), or two or more words, each
    capitalised (`Banjir BPBD Cuaca`), or, when `known` is given, two or more of them in
    `known` (initials such as `Hmz Ulm`); else None."""
    if ";" in text or "|" in text:  # (`Banjir; Longsor`: never one name)
        parts = [part.strip() for part in re.split(r"[;|]", text) if part.strip()]
        return parts if len(parts) > 1 else None
    words = text.split()
    if len(words) < 2:
        return None
    if known is not None:
        return words if sum(word in known for word in words) >= 2 else None
    return words if all(word[0].isupper() for word in words) else None


def as_list(key: str, items: Iterable[str]) -> str:
    """`key: [a, b]`, the way to write a list in the frontmatter (a name holding a
    comma, a degree after it, in quotes: `["Budi Santoso, S.H.", Hmz]`)."""
    written = (f'"{item}"' if "," in item else item for item in items)
    return f"{key}: [{', '.join(written)}]"


TAG, AUTHOR, EDITOR = Text("tag"), Text("author"), Text("editor")
"""What a list of names holds, in the words of its problems."""


def list_warning(key: str, names: list[str], what: Text,
                 known: Collection[str] | None = None) -> tuple[Text, Text] | None:
    """The message and hint of a warning for the names read from one text of `key`, or
    None: the text held commas (cut there), or one name that looks like several."""
    if len(names) > 1:
        return (Text("`{key}` is one text with commas, read as {count} {what}s", key=key,
                     count=len(names), what=what),
                Text("write a YAML list: `{list}`", list=as_list(key, names)))
    if names and (words := looks_like_several(names[0], known)) is not None:
        return (Text("one {what} `{name}`", what=what, name=names[0]),
                Text("if you meant {count} {what}s, write `{several}`; for one, write "
                     "`{one}`", count=len(words), what=what, several=as_list(key, words),
                     one=as_list(key, names)))
    return None
