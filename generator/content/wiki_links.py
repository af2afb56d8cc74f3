"""What Obsidian writes in a story that Markdown reads as plain text, told at its line.

Editors who write in Obsidian (a common Markdown editor) get its own syntax by
default: a pasted photo becomes `![[Pasted image 20250105093012.png]]`, a link to
another note `[[Banjir Rob di Pesisir]]`. Markdown knows neither, so the page would
show the brackets, and the photo would be lost without a word. An embed is an error
offering the Markdown for it; a link between notes a warning. Text in code (a fence,
or between backticks) is left as written. Pure functions of the text.
"""

from __future__ import annotations

import re

from generator.errors import Problem, Text

_EMBED = re.compile(r"(?<!\\)!\[\[([^\]\n|#^<>:*\"?]+)(?:[|#^][^\]\n]*)?\]\](?![(:\[])")
"""`![[file]]`, `![[file|300]]` (a width), `![[note#heading]]`; not `![[1]](…)`, a
Markdown image whose text is `[1]`."""
_LINK = re.compile(r"(?<![!\\])\[\[([^\]\n|#^<>:*\"?]+)(?:[#^][^\]\n|]*)?"
                   r"(?:\|([^\]\n]*))?\]\](?![(:\[])")
"""`[[note]]`, `[[note|shown text]]`, `[[note#heading]]`; not `[[1]](…)` nor `[[1]]: …`,
a Markdown link or reference whose text is `[1]`, nor `\\[[`, escaped; nor a name
Obsidian forbids in a note's (`<>:*"?`): Wikipedia's `[[Category:…]]`, shown as such."""
_OPENING = re.compile(r"\[\[")
"""Looked for first (a regular expression's scan of 4 kB takes 1.2 µs, `"[[" in body`
3.3 µs)."""
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_FENCE = re.compile(r"^(?:[ \t]*>)*[ ]{0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
"""A line of an indented code block (or a list item's indented text: no syntax of
Obsidian's is looked for there, rather than a build stopped on code)."""


def wiki_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """The problem of each Obsidian embed (an error) and link (a warning) in a file's
    Markdown `body`, whose first line is the file's line `first_line`; not in code (a
    fence, an indented block, between backticks) nor in an HTML comment."""
    if _OPENING.search(body) is None:  # (nearly every story: one scan)
        return []
    problems: list[Problem] = []
    fence = ""
    comment = False
    for number, line in enumerate(body.split("\n"), first_line):
        opened = _FENCE.match(line)
        if fence:  # (closed by the same character, at least as many: as Markdown does)
            if opened is not None and opened[1][0] == fence[0] and \
                    len(opened[1]) >= len(fence) and not line[opened.end():].strip():
                fence = ""
            continue
        if opened is not None:
            fence = opened[1]
            continue
        if comment:  # (an HTML comment over several lines: never shown)
            end = line.find("-->")
            if end < 0:
                continue
            comment, line = False, line[end + 3:]
        start = line.rfind("<!--")
        if start >= 0 and "-->" not in line[start:]:
            comment, line = True, line[:start]
        if "[[" not in line or _INDENTED.match(line):
            continue
        line = _COMMENT.sub(" ", _CODE_SPAN.sub(lambda span: " " * len(span[0]), line))
        for found in _EMBED.finditer(line):
            name = found[1].strip()
            target = f"<media/{name}>" if " " in name else f"media/{name}"
            problems.append(Problem(
                path, number, Text("`{embed}` is Obsidian's way to show a file, which "
                                   "Markdown does not read: the page would show it as text",
                                   embed=found[0]),
                Text("write `![what it shows]({target})`, with the file in content/media/",
                     target=target)))
        for found in _LINK.finditer(line):
            shown = (found[2] or found[1]).strip()
            problems.append(Problem(
                path, number, Text("`{link}` is Obsidian's link between notes, which "
                                   "Markdown does not read: the page would show the "
                                   "brackets", link=found[0]),
                Text("write a link to the story's address: `[{shown}](/2025/01/...)`",
                     shown=shown), severity="warning"))
    return problems
