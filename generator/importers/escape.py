"""Plain text as Markdown that renders back to exactly the same text."""

from __future__ import annotations

import re

# Escaped everywhere: emphasis, code spans, links and images, HTML, backslashes.
_INLINE = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What Markdown reads as a block at the start of a line: headings, quotes,
# list items (`-`, `+`, `*`, `1.`, `1)`), rules and setext underlines.
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_LEADING = re.compile(r"^([#>+=-])")


def escape_markdown(text: str) -> str:
    """`text` (one paragraph, no newlines) escaped so Markdown shows it verbatim."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _LEADING.sub(r"\\\1", text)
