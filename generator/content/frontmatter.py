"""Splitting a source file into frontmatter and body, with line numbers.

Pure functions over text. Errors are `Problem`s that name the file and the
line, because an editor fixes a file in an editor, by line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from generator.content.frontmatter_typos import (
    END,
    NO_BREAK,
    dashes_hint,
    fence_among,
    glued,
    hashtag_problem,
    spaced,
)
from generator.content.frontmatter_typos import quoted as quoted_line
from generator.errors import Problem, Text

# The C loader is about 7x faster than the pure-Python one; both are safe.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"^---[ \t]*$")


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
        raise ProblemError(Problem(path, None, EMPTY, EMPTY_HINT))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (Notepad's "Unicode": UTF-16)
        raise ProblemError(Problem(path, None, Text("the file is saved as UTF-16 (Windows "
                                                    "calls it \"Unicode\"), not UTF-8"),
                                   Text("save it again with UTF-8 encoding")))
    if b"\x00" in data[:8192]:
        raise ProblemError(Problem(path, None, Text("this is a binary file, not Markdown text"),
                                   Text("remove it from content/ or rename it so it does not "
                                        "end in .md")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemError(Problem(path, line, Text("the file is not UTF-8 text"),
                                   Text("save it with UTF-8 encoding"))) from None
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
        raise ProblemError(Problem(
            path, 1, Text("no frontmatter: the file must start with a line `---`"),
            dashes_hint(lines[0], 1) or
            Text("add `---`, `title: ...`, `date: ...`, `---` at the top")))
    for index in range(1, len(lines)):
        if END.match(lines[index]):
            break
    else:
        dashes = next(((number, hint) for number, line in enumerate(lines[1:], 2)
                       if (hint := dashes_hint(line, number)) is not None),
                      (1, Text("add a line `---` after the last frontmatter key")))
        raise ProblemError(Problem(path, dashes[0],
                                   Text("the frontmatter opened on line 1 is never closed"),
                                   dashes[1]))
    fm_lines = lines[1:index]
    written = "\n".join(fm_lines)  # (each look below reads the frontmatter alone)
    if any(space in written for space in NO_BREAK):  # (copied from Word or a web page)
        fm_lines = spaced(fm_lines)
    try:
        data = simple_load(fm_lines)
        if data is None:
            data = yaml.load("\n".join(fm_lines), Loader=_Loader)
            _no_key_twice(fm_lines, path)  # (`simple_load` gives None for such lines)
    except yaml.YAMLError as error:
        if "#" in written and (problem := hashtag_problem(fm_lines, None, path)) is not None:
            raise ProblemError(problem) from None
        mark = getattr(error, "problem_mark", None)
        failed_at = mark.line + 2 if mark is not None else None
        if (problem := glued(fm_lines, path, failed_at)) is not None:  # (`title:Banjir`)
            raise ProblemError(problem) from None
        fence = fence_among(fm_lines, failed_at)
        if fence is not None:  # (a closing fence written as a dash; a later `---` closed)
            raise ProblemError(Problem(path, fence[0], Text(
                "the frontmatter is not closed where it ends"), fence[1])) from None
        raise ProblemError(yaml_problem(error, path, fm_lines)) from None
    except (ValueError, OverflowError) as error:
        # YAML reads `2024-13-45` as a date and fails to make it (no mark, no YAMLError).
        raise ProblemError(Problem(path, _impossible_date_line(fm_lines),
                                   Text("a date in the frontmatter does not exist ({error})",
                                        error=str(error)),
                                   Text("write it as 2024-03-01 or 2024-03-01T09:00:00+07:00 "
                                        "with a month from 1 to 12 and a day of that "
                                        "month"))) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProblemError(glued(fm_lines, path) or Problem(
            path, 2, Text("the frontmatter must be `key: value` lines"),
            Text("write one key per line, e.g. `title: Judul`")))
    if "#" in written and (problem := hashtag_problem(fm_lines, data, path)) is not None:
        raise ProblemError(problem)
    if any(isinstance(key, str) and ":" in key for key in data) and (
            problem := glued(fm_lines, path)) is not None:  # (`title:Banjir: warga`,
        raise ProblemError(problem)  # read as the key `title:Banjir`)
    return Split(data={str(k): v for k, v in data.items()}, lines=tuple(fm_lines),
                 first_line=2, body="\n".join(lines[index + 1:]))


_TOP_KEY = re.compile(r"""(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?:[ \t]|$)""")


def _no_key_twice(lines: Sequence[str], path: str) -> None:
    """Raise the problem of a top-level key written twice (`date:` again below the one
    it corrects, a second `tags:` line): YAML keeps the last without a word, as
    Jekyll does; Hugo refuses the file, and so does Warta, at the second line."""
    keys = [key[2] for line in lines if (key := _TOP_KEY.match(line)) is not None]
    if len(keys) == len(set(keys)):
        return  # (the lines say no key is twice; only when they might, YAML is asked)
    node = yaml.compose("\n".join(lines), Loader=_Loader)
    seen: dict[str, int] = {}
    for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        number = key_node.start_mark.line + 2
        first = seen.setdefault(str(key_node.value), number)
        if first != number:
            raise ProblemError(Problem(path, number, Text(
                "`{key}` is written twice, on lines {first} and {second}: only one is read",
                key=key_node.value, first=first, second=number), Text(
                "keep the `{key}:` line you mean and take out the other", key=key_node.value)))


# What YAML says it was reading when it failed, for an editor: the line where the
# construct began is where the mistake usually is.
_QUOTED_CONTEXT = "while scanning a quoted scalar"
_OPENED = {
    "while parsing a flow sequence": Text("the list `[` opened here is not closed"),
    "while parsing a flow mapping": Text("the mapping `{{` opened here is not closed"),
    _QUOTED_CONTEXT: Text("the quoted text opened here is not closed"),
}
EMPTY = Text("the file is empty")
EMPTY_HINT = Text("write frontmatter and a body, or delete the file")


def yaml_problem(error: yaml.YAMLError, path: str, lines: Sequence[str] = ()) -> Problem:
    """The Problem of a YAML error in frontmatter that starts on file line 2 (its
    `lines`): at the line where the construct that failed began, saying where the
    parser noticed."""
    noticed_mark = getattr(error, "problem_mark", None)
    began_mark = getattr(error, "context_mark", None)
    noticed = noticed_mark.line + 2 if noticed_mark is not None else None
    began = began_mark.line + 2 if began_mark is not None else None
    reason = getattr(error, "problem", None) or str(error)
    if noticed is not None and reason.startswith("mapping values are not allowed") and \
            (quoted := quoted_line(lines[noticed - 2] if lines[noticed - 2:noticed - 1] else "")):
        return Problem(path, noticed, Text("the text of `{key}` holds `: `, which YAML reads "
                                           "as the start of another key",
                                           key=quoted.partition(":")[0]),
                       Text("put the text in quotes: `{line}`", line=quoted))
    hint = Text("check quotes, colons and indentation; quote values that contain `: `")
    if noticed is not None and lines[noticed - 2:noticed - 1] and \
            lines[noticed - 2].lstrip(" ").startswith("\t"):
        hint = Text("indent with spaces, not a tab")  # (pressed to indent a list)
    context = getattr(error, "context", None)
    if began is None or noticed is None or not context or (
            began == noticed and context not in _OPENED):  # (a quote left open on the
        # last line is noticed on its own line: still the quote's)
        return Problem(path, noticed, Text("invalid YAML in the frontmatter: {reason}",
                                           reason=reason), hint)
    if context == _QUOTED_CONTEXT:
        hint = Text("end the text with the quote mark it starts with, or take that mark "
                    "out")
    what = _OPENED.get(context) or Text(
        "the part that begins here ({context}) is not finished",
        context=context.removeprefix("while "))
    return Problem(path, began, Text("invalid YAML in the frontmatter: {what} "
                                     "(noticed at line {line}: {reason})", what=what,
                                     line=noticed, reason=reason), hint)


# Most frontmatter is `key: value` lines of plain words, quoted text, dates and
# `[a, b]` lists. Even with the C loader, YAML spends 0.1 ms building such a
# mapping (its constructor is Python); these lines are read here in a tenth of
# that. Anything else (a block list, an indented line, an anchor, a comment
# after a value, a character YAML treats specially) goes to YAML, and what is
# read here is what YAML gives: a plain value is resolved and constructed by
# YAML's own resolver and constructor (tests/test_frontmatter.py compares
# the two on arbitrary text).
_SAFE_TEXT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]*")
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.+))?")
_QUOTED = re.compile(r'"[^"\\]*"|\'[^\']*\'')
# A plain value starts with a letter or digit and holds no comment; in a list, no
# colon or bracket either (what is left out goes to YAML).
_PLAIN = re.compile(r"[^\W_](?:[^:#]|:(?! |\Z))*(?<! )")
_ENTRY = re.compile(r"( *)- +(.+)")
_FLOW_PLAIN = re.compile(r"[^\W_][^:#,\[\]{}]*(?<! )")
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = _Loader.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def simple_load(lines: list[str]) -> dict[str, Any] | None:
    """The mapping YAML reads from frontmatter `lines`, when they are all simple
    `key: value` lines (a value may be a list, `[a, b]` or `- a` lines below the
    key), blank lines or comments; None when YAML must read them."""
    if not _SAFE_TEXT.fullmatch("\n".join(lines)):
        return None
    data: dict[str, Any] = {}
    index, end = 0, len(lines)
    while index < end:
        line = lines[index]
        index += 1
        if not line or line[0] == "#":
            continue
        pair = _KEY_VALUE.fullmatch(line)
        if pair is None:
            return None
        key = _scalar(pair[1])
        if not isinstance(key, str) or key in data:
            return None  # (a key written twice: YAML's reading, and the error, `split`'s)
        text = pair[2]
        if text is None:  # a list of `- item` lines, or null (left to YAML)
            items = []
            indent = None
            while index < end and (entry := _ENTRY.fullmatch(lines[index])) is not None:
                if indent is None:
                    indent = entry[1]
                elif entry[1] != indent:
                    return None
                items.append(_item(entry[2], _PLAIN))
                index += 1
            if not items or _NOT_SIMPLE in items:
                return None
            data[key] = items
        elif text[0] == "[" and text[-1] == "]":
            inner = text[1:-1].strip(" ")
            items = [_item(part.strip(" ")) for part in inner.split(",")] if inner else []
            if _NOT_SIMPLE in items:
                return None
            data[key] = items
        else:
            value = _item(text, _PLAIN)
            if value is _NOT_SIMPLE:
                return None
            data[key] = value
    return data if data else None


_NOT_SIMPLE = object()


def _item(text: str, plain: re.Pattern[str] = _FLOW_PLAIN) -> Any:
    if _QUOTED.fullmatch(text):
        return text[1:-1]
    if plain.fullmatch(text):
        return _scalar(text)
    return _NOT_SIMPLE


def _scalar(text: str) -> Any:
    """A plain scalar as YAML resolves and constructs it."""
    for tag, pattern in _RESOLVERS.get(text[0], ()):
        if pattern.match(text):
            try:
                return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))
            except Exception:  # noqa: BLE001 - YAML says what is wrong (a date out of range)
                return _NOT_SIMPLE
    return text


_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9:.+\-Z \t]*)?")


def _impossible_date_line(lines: list[str]) -> int | None:
    """File line number of the first value YAML reads as a date but cannot make."""
    for offset, line in enumerate(lines):
        for match in _DATE_LIKE.finditer(line):
            if _scalar(match.group().rstrip(" \t")) is _NOT_SIMPLE:
                return offset + 2
    return None


def key_line(part: Split, key: str) -> int | None:
    """File line number where top-level `key` is set, if it can be found."""
    pattern = re.compile(rf"^[\"']?{re.escape(key)}[\"']?\s*:")
    for offset, line in enumerate(part.lines):
        if pattern.match(line):
            return part.first_line + offset
    return None


def clean(text: str) -> str:
    """A frontmatter text on one line: runs of white space as one space, no NUL."""
    return " ".join(text.replace("\x00", "").split())
