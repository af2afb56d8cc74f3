"""The headings of a story's text under its headline: the page's one `<h1>` is the
headline, so a text pasted from a document that starts with the headline again (`#
Banjir Rob di Pesisir`) leaves that line out, and the text's own headings (`# Subjudul`)
are one level below it. Pure functions over the body's HTML.
"""

from __future__ import annotations

import html
import re

_FIRST_HEADING = re.compile(r"\A\s*<h([1-6])(?=[\s/>])[^>]*>(.*?)</h\1>\s*",
                            re.IGNORECASE | re.DOTALL)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s/>])", re.IGNORECASE)
_SHOWS = re.compile(r"<(?:img|video|picture|iframe|a)\b", re.IGNORECASE)
"""What a heading may hold besides its words: such a heading is never left out."""
_TAGS = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<[hH]1(?=[\s/>])")


def repeats_title(body_html: str, title: str) -> bool:
    """Whether the text starts with a heading saying the headline again (case, spaces
    and markup aside)."""
    first = _FIRST_HEADING.match(body_html)
    return first is not None and _SHOWS.search(first[2]) is None and \
        _plain(first[2]) == _plain(title)


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


_MARKDOWN_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(?P<words>[^\n]*?)[ \t#]*(?:\n+|\Z)")


def without_title(markdown: str, title: str) -> str:
    """Markdown text without a first `#` heading that says `title` again (an imported
    story whose HTML started with its headline): `under_the_title` would leave it out
    of the page with a warning at every build."""
    first = _MARKDOWN_HEADING.match(markdown)
    if first is None or _plain(first["words"]) != _plain(title) or _SHOWS.search(
            first["words"]) or "![" in first["words"] or "](" in first["words"]:
        return markdown
    return markdown[first.end():]


def _plain(text: str) -> str:
    """`text` without markup, entities read, spaces and case aside."""
    return " ".join(html.unescape(_TAGS.sub("", text)).split()).casefold().rstrip(".")
