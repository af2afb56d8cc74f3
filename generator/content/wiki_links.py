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

_EMBED = re.compile(r"!\[\[([^\]\n|#^]+)(?:[|#^][^\]\n]*)?\]\]")
"""`![[file]]`, `![[file|300]]` (a width), `![[note#heading]]`."""
_LINK = re.compile(r"(?<!!)\[\[([^\]\n|#^]+)(?:[#^][^\]\n|]*)?(?:\|([^\]\n]*))?\]\]")
"""`[[note]]`, `[[note|shown text]]`, `[[note#heading]]`."""
_OPENING = re.compile(r"\[\[")
"""Looked for first (a regular expression's scan of 4 kB takes 1.2 µs, `"[[" in body`
3.3 µs)."""
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def wiki_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """The problem of each Obsidian embed (an error) and link (a warning) in a file's
    Markdown `body`, whose first line is the file's line `first_line`."""
    if _OPENING.search(body) is None:  # (nearly every story: one scan)
        return []
    problems: list[Problem] = []
    fence = ""
    for number, line in enumerate(body.split("\n"), first_line):
        opened = _FENCE.match(line)
        if opened is not None and (not fence or opened[1] == fence):
            fence = "" if fence else opened[1]
            continue
        if fence or "[[" not in line:
            continue
        line = _CODE_SPAN.sub(lambda span: " " * len(span[0]), line)
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
