"""Splitting a source file into frontmatter and body, with line numbers.

Pure functions over text. Errors are `Problem`s that name the file and the
line, because an editor fixes a file in an editor, by line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.errors import Problem

# The C loader is about 7x faster than the pure-Python one; both are safe.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Split:
    """A source file cut into its two parts."""

    data: dict[str, Any]
    """The frontmatter mapping as YAML gave it."""
    lines: tuple[str, ...]
    """The frontmatter lines, to find the line of a key."""
    first_line: int
    """File line number of the first frontmatter line (after the opening `---`)."""
    body: str
    """Everything after the closing `---`."""


def decode(data: bytes, path: str) -> str:
    """Bytes of a source file as text; raises ValueError carrying a Problem."""
    if not data.strip():
        raise ProblemError(Problem(path, None, "the file is empty",
                                   "write frontmatter and a body, or delete the file"))
    if b"\x00" in data[:8192]:
        raise ProblemError(Problem(path, None, "this is a binary file, not Markdown text",
                                   "remove it from content/ or rename it so it does not end "
                                   "in .md"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemError(Problem(path, line, "the file is not UTF-8 text",
                                   "save it with UTF-8 encoding")) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class ProblemError(Exception):
    """Carries one Problem out of a pure parser."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def split(text: str, path: str) -> Split:
    """Cut `text` into YAML frontmatter and body."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise ProblemError(Problem(path, 1, "no frontmatter: the file must start with a line `---`",
                                   "add `---`, `title: ...`, `date: ...`, `---` at the top"))
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            break
    else:
        raise ProblemError(Problem(path, 1, "the frontmatter opened on line 1 is never closed",
                                   "add a line `---` after the last frontmatter key"))
    fm_lines = lines[1:index]
    try:
        data = yaml.load("\n".join(fm_lines), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise ProblemError(Problem(path, line, f"invalid YAML in the frontmatter: {reason}",
                                   "check quotes, colons and indentation; quote values "
                                   "that contain `: `")) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProblemError(Problem(path, 2, "the frontmatter must be `key: value` lines",
                                   "write one key per line, e.g. `title: Judul`"))
    return Split(data={str(k): v for k, v in data.items()}, lines=tuple(fm_lines),
                 first_line=2, body="\n".join(lines[index + 1:]))


def key_line(part: Split, key: str) -> int | None:
    """File line number where top-level `key` is set, if it can be found."""
    pattern = re.compile(rf"^[\"']?{re.escape(key)}[\"']?\s*:")
    for offset, line in enumerate(part.lines):
        if pattern.match(line):
            return part.first_line + offset
    return None


def suggest(key: str, known: set[str]) -> str | None:
    """The known key `key` is probably a misspelling of, if any."""
    matches = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None
