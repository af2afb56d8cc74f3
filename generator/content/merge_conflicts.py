"""The marks git leaves in a file when a merge could not join two editors' changes.

Two editors who each build and commit the site touch the same lock files
(content/published-urls.txt, content/list-pages.txt): each build adds the lines of
its own new stories, often next to each other, so merging their branches stops on
a conflict. The lock files are read with both sides kept, as package managers read
their lock files after a merge (`npm install`, `yarn`), and the build writes them
whole again. In an article or a page (and in site.toml: config/parse.py), a conflict
is the editor's to resolve: it is an error at its first mark, never published. Pure
functions of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from generator.errors import Problem, Text

_MARK = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)
"""A line git writes around the two sides of a conflict: `<<<<<<< HEAD`, `|||||||`
(the common version, with `merge.conflictStyle = diff3`), `=======`, `>>>>>>> branch`."""

_OURS, _BASE, _THEIRS = "ours", "base", "theirs"


@dataclass(frozen=True)
class Sides:
    """A file with merge conflicts, as each side of the merge wrote it."""

    ours: str
    """The text with each conflict's first side (the branch merged into), every other
    line of a conflict left blank: a line keeps its number."""
    theirs: str
    """The text with each conflict's second side (the branch merged in), as `ours`."""
    conflicts: tuple[tuple[int, int], ...]
    """The first and last line (git's marks) of each conflict."""


def has_marks(text: str) -> bool:
    """Whether `text` holds a line git writes around a conflict (cheap: one scan)."""
    return ("<<<<<<<" in text or ">>>>>>>" in text or "=======" in text) and \
        _MARK.search(text) is not None


def sides(text: str, path: str) -> Sides | Problem:
    """`text` split into the two sides of its conflicts, or the problem at the first
    mark out of git's order (one deleted or added by hand)."""
    ours: list[str] = []
    theirs: list[str] = []
    conflicts: list[tuple[int, int]] = []
    state, first = "", 0
    for number, line in enumerate(text.split("\n"), start=1):
        mark = line[:7] if _MARK.fullmatch(line.rstrip("\r")) else ""
        expected = {"": "<" * 7, _OURS: ("|" * 7, "=" * 7), _BASE: ("=" * 7,),
                    _THEIRS: (">" * 7,)}[state]
        if mark and mark not in expected:
            return _broken(path, number, line)
        if mark == "<" * 7:
            state, first = _OURS, number
        elif mark == "|" * 7:
            state = _BASE
        elif mark == "=" * 7:
            state = _THEIRS
        elif mark:
            state = ""
            conflicts.append((first, number))
        keep = not mark
        ours.append(line if keep and state in ("", _OURS) else "")
        theirs.append(line if keep and state in ("", _THEIRS) else "")
    if state:
        return _broken(path, first, text.split("\n")[first - 1])
    return Sides("\n".join(ours), "\n".join(theirs), tuple(conflicts))


Read = TypeVar("Read")


def read_sides(text: str, path: str, parse: Callable[[str, str], tuple[Read, list[Problem]]],
               join: Callable[[Read, Read], Read]) -> tuple[Read, list[Problem]]:
    """A lock file's `text` parsed (`parse`: what it holds, and its problems): when it
    holds a merge's conflicts, each side parsed and the two `join`ed, with a warning."""
    if not has_marks(text):
        return parse(text, path)
    split = sides(text, path)
    if isinstance(split, Problem):
        return parse("", path)[0], [split]
    ours, problems = parse(split.ours, path)
    theirs, more = parse(split.theirs, path)
    return join(ours, theirs), [*dict.fromkeys([*problems, *more]),
                                resolved(path, split.conflicts)]


def _broken(path: str, number: int, line: str) -> Problem:
    return Problem(path, number,
                   Text("{line!r} marks a merge conflict of git, but its other marks "
                        "are missing or out of order", line=line.rstrip("\r")),
                   Text("keep the lines of both sides and delete the marks "
                        "(<<<<<<<, ======= and >>>>>>>), or write them back as git did"))


def resolved(path: str, conflicts: tuple[tuple[int, int], ...]) -> Problem:
    """The warning that a lock file's conflicts were read with both sides kept."""
    lines = ", ".join(f"{a}-{b}" for a, b in conflicts)
    return Problem(path, conflicts[0][0],
                   Text("a merge conflict of git (lines {lines}): the lines of both sides "
                        "are kept", lines=lines),
                   Text("`warta build` writes the file joined: then `git add {path}` and "
                        "finish the merge", path=path),
                   severity="warning")


_START = re.compile(r"^<{7} .*$(?=(?:\n.*)*?\n>{7}(?: |$))", re.MULTILINE)
"""A conflict's first mark, with its last further down: in Markdown a line of seven
`=` may underline a heading, one of seven `>` quote a quote."""


def unresolved(text: str, path: str) -> Problem | None:
    """The error at the first mark of a conflict left in an article or a page."""
    if "<<<<<<<" not in text or (found := _START.search(text)) is None:
        return None
    number = text.count("\n", 0, found.start()) + 1
    return Problem(path, number,
                   Text("{line!r}: a merge conflict of git is left in the file",
                        line=found[0].rstrip("\r")),
                   Text("keep the text meant (one side, the other, or both joined) and "
                        "delete the marks <<<<<<<, ======= and >>>>>>>"))
