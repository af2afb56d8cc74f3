"""The headings of a story's text under its headline: the page's one `<h1>` is the
headline, so a text pasted from a document that starts with the headline again (`#
Banjir Rob di Pesisir`) leaves that line out, and the text's own headings (`# Subjudul`)
are one level below it. Pure functions over the body's HTML.
"""

from __future__ import annotations

import html
import re

_FIRST_HEADING = re.compile(r"\A\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*", re.IGNORECASE | re.DOTALL)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<[hH]1\b")


def repeats_title(body_html: str, title: str) -> bool:
    """Whether the text starts with a heading saying the headline again (case, spaces
    and markup aside)."""
    first = _FIRST_HEADING.match(body_html)
    return first is not None and _plain(first[2]) == _plain(title)


def under_the_title(body_html: str, title: str) -> str:
    """`body_html` without a first heading that repeats `title` (`repeats_title`), its
    headings one level down when it has an `<h1>` (at most `<h6>`): the page's headline
    is its only `<h1>`."""
    if repeats_title(body_html, title):
        first = _FIRST_HEADING.match(body_html)
        assert first is not None
        body_html = body_html[first.end():]
    if _H1.search(body_html) is None:  # (a regular expression scans faster than `in`)
        return body_html
    return _HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{min(int(tag[2]) + 1, 6)}", body_html)


def _plain(text: str) -> str:
    """`text` without markup, entities read, spaces and case aside."""
    return " ".join(html.unescape(_TAGS.sub("", text)).split()).casefold().rstrip(".")
