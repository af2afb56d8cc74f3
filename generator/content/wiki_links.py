"""What Obsidian writes in a story that Markdown reads as plain text, told at its line.

Editors who write in Obsidian (a common Markdown editor) get its own syntax by
default: a pasted photo becomes `![[Pasted image 20250105093012.png]]`, a link to
another note `[[Banjir Rob di Pesisir]]`. Markdown knows neither, so the page would
show the brackets, and the photo would be lost without a word. An embed is an error
offering the Markdown for it; a link between notes a warning. They are looked for in
what Markdown made of the text, so that code (a fence of any length, an indented
block, between backticks) and comments are Markdown's to tell; the source gives the
line. Pure functions of the text.
"""

from __future__ import annotations

import re
from html import unescape

from generator.errors import Problem, Text

_EMBED = re.compile(r"!\[\[([^\]\n|#^<>:*\"?]+)(?:[|#^][^\]\n]*)?\]\](?![(:\[])")
"""`![[file]]`, `![[file|300]]` (a width), `![[note#heading]]`."""
_LINK = re.compile(r"(?<!!)\[\[([^\]\n|#^<>:*\"?]+)(?:[#^][^\]\n|]*)?"
                   r"(?:\|([^\]\n]*))?\]\](?![(:\[])")
"""`[[note]]`, `[[note|shown text]]`, `[[note#heading]]`; not `[[x]]: …`, which Markdown
shows as written when it reads no reference; nor a name Obsidian forbids in a note's
(`<>:*"?`): Wikipedia's `[[Category:…]]`, shown as such."""
_OPENING = re.compile(r"\[\[")
"""Looked for first (a regular expression's scan of 4 kB takes 1.2 µs, `"[[" in body`
3.3 µs)."""
_HIDDEN = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>|<!--.*?-->", re.DOTALL)
"""What Markdown made code, and comments: shown as written, or not at all."""


def wiki_problems(body: str, html: str, first_line: int, path: str) -> list[Problem]:
    """The problem of each Obsidian embed (an error) and link (a warning) that the
    `html` Markdown made of a file's `body` shows as text, at the line of `body` (the
    file's line `first_line` first) that writes it, not escaped (`\\[[`)."""
    if _OPENING.search(body) is None:  # (nearly every story: one scan)
        return []
    shown = _HIDDEN.sub(" ", html)
    found = sorted([*_EMBED.finditer(shown), *_LINK.finditer(shown)], key=lambda m: m.start())
    lines = body.split("\n")
    at = 0
    problems: list[Problem] = []
    for match in found:
        written = unescape(match[0])
        line = next((n for n in range(at, len(lines)) if _writes(lines[n], written)), None)
        if line is None:
            continue  # (its brackets escaped: what Markdown shows is meant)
        at, number = line, first_line + line
        if match.re is _EMBED:
            name = unescape(match[1]).strip()
            target = f"<media/{name}>" if " " in name else f"media/{name}"
            problems.append(Problem(
                path, number, Text("`{embed}` is Obsidian's way to show a file, which "
                                   "Markdown does not read: the page would show it as text",
                                   embed=written),
                Text("write `![what it shows]({target})`, with the file in content/media/",
                     target=target)))
        else:
            shown_text = unescape(match[2] or match[1]).strip()
            problems.append(Problem(
                path, number, Text("`{link}` is Obsidian's link between notes, which "
                                   "Markdown does not read: the page would show the "
                                   "brackets", link=written),
                Text("write a link to the story's address: `[{shown}](/2025/01/...)`",
                     shown=shown_text), severity="warning"))
    return problems


def _writes(line: str, written: str) -> bool:
    """Whether `line` holds `written` with its first bracket not escaped."""
    start = line.find(written)
    while start >= 0:
        if not line[:start].endswith("\\"):
            return True
        start = line.find(written, start + 1)
    return False
