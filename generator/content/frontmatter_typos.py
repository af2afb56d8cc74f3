"""What editors write in a frontmatter that YAML reads otherwise, told at its line
(content/frontmatter.py asks): a fence a word processor made a dash of, a no-break space
pasted after a key, a headline quoting someone (`Kapolres: …`), and a hashtag YAML takes
for a comment's start. Pure functions over the frontmatter's lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from generator.content.keys import IMAGE_FIELDS, KNOWN_KEYS, SYNONYMS
from generator.errors import Problem, Text

END = re.compile(r"^(---|\.\.\.)[ \t]*$")
"""The line closing a frontmatter (content/frontmatter.py's too)."""
_DASHES = re.compile(r"^[ \t]*[-\u2012-\u2015\u2212]+[ \t]*$")
"""A fence a word processor or a hurried hand wrote: `—` (Word makes one of `---`),
`--`, `----`."""
_FENCE_LIKE = re.compile(r"^(?:-{2,}|[-\u2012-\u2015\u2212]*[\u2012-\u2015\u2212]"
                         r"[-\u2012-\u2015\u2212]*)[ \t]*$")
"""Among the frontmatter's lines, only an unindented one of two hyphens or more, or of a
dash, is taken for a fence (a lone `-` at the margin is a list's empty entry)."""


def dashes_hint(line: str, number: int) -> Text | None:
    """The hint for `line`, number `number`, when it is a fence written wrong."""
    if not _DASHES.match(line) or END.match(line):
        return None
    return Text("line {number} is `{line}`: the frontmatter's lines are opened and closed "
                "by a line of exactly three hyphens `---` (a word processor may have made "
                "them a dash)", number=number, line=line.strip())


def fence_among(lines: Sequence[str], failed_at: int | None) -> tuple[int, Text] | None:
    """The line number and hint of a closing fence written as a dash among the
    frontmatter's `lines` (a later `---` then closed it), at or before the line YAML
    failed on (`failed_at`, a file line number; None: anywhere)."""
    for number, line in enumerate(lines, 2):
        if failed_at is not None and number > failed_at:
            return None
        if _FENCE_LIKE.match(line) and (hint := dashes_hint(line, number)) is not None:
            return number, hint
    return None


NO_BREAK = "\u00a0\u2007\u202f"
_NBSP_AFTER_KEY = re.compile(rf"^([A-Za-z_][\w-]*):[{NO_BREAK}]+")
"""A top-level key followed by a no-break space (`title:\u00a0Banjir`, pasted from a
document): read as the space it looks like, where YAML would read one long text."""


def spaced(lines: Sequence[str]) -> list[str]:
    """`lines` with a no-break space after a top-level key read as a space."""
    return [_NBSP_AFTER_KEY.sub(r"\1: ", line) for line in lines]


_GLUED = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_]+):(?P<value>[^\s/:].*)$")
_GLUED_KEYS = KNOWN_KEYS | SYNONYMS.keys() | {"src", *IMAGE_FIELDS}
"""Keys (an image's too) an editor may write glued to the value, `title:Banjir`: YAML
reads the line as one text, and fails on the next key or finds no key at all."""


_BLOCK_START = re.compile(r"^(?P<indent>[ \t]*)(?:- +)?[A-Za-z_][\w-]*:[ \t]*[|>][-+0-9]*"
                          r"[ \t]*(?:#.*)?$")
"""A key whose value is a block of text on the lines under it (`summary: |`)."""


def glued(lines: Sequence[str], path: str, failed_at: int | None = None) -> Problem | None:
    """The problem at the first of the frontmatter's `lines` (file line 2 first) whose
    key has no space after its colon (`title:Banjir Rob`; not `https://…`), at or before
    the line YAML failed on (`failed_at`, a file line number; None: anywhere); a line
    of a block of text is text."""
    block: int | None = None  # (the indentation of the key a block of text is under)
    for number, line in enumerate(lines, 2):
        if failed_at is not None and number > failed_at:
            return None
        indent = len(line) - len(line.lstrip(" \t"))
        if block is not None and (not line.strip() or indent > block):
            continue
        opened = _BLOCK_START.match(line)
        block = len(opened["indent"]) if opened is not None else None
        found = _GLUED.match(line)
        if found is not None and found["key"].lower() in _GLUED_KEYS:
            key, value = found["key"], found["value"].rstrip()
            return Problem(path, number, Text(
                "`{key}:{value}` has no space after the colon: YAML reads the line as "
                "text, not as the key `{key}`", key=key, value=value),
                Text("write `{indent}{key}: {value}`", indent=found["indent"], key=key,
                     value=value))
    return None


_COLON_IN_VALUE = re.compile(r"([A-Za-z_][\w-]*):[ \t]+([^\s\"'\[{|>&*!#].*: .*?)[ \t]*")
_NOT_TEXT = frozenset(("date", "updated", "lastmod", "modified", "last_modified_at",
                       "publishdate", "draft", "featured", "published"))
"""Keys whose value is no text: `date: 2024-01-01: pagi` in quotes is still no date."""


def quoted(line: str) -> str | None:
    """`line`, a key and a plain text holding `: ` (a headline quoting someone), with the
    text in quotes as YAML reads it whole; None for any other line."""
    pair = _COLON_IN_VALUE.fullmatch(line)
    if pair is None or pair[1].lower() in _NOT_TEXT:
        return None
    return f"{pair[1]}: {_in_quotes(pair[2])}"


def _in_quotes(value: str) -> str:
    """`value` quoted as YAML reads it back: in double quotes unless it holds `"` or `\\`
    (an escape there), else in single quotes, a `'` doubled."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


_PLAIN_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\s\"'\[{|>&*!%@`].*)$")
_HASHTAG_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*):[ \t]+"
                           r"(?P<value>#[^\s#].*)$")
_ENTRY = re.compile(r"^[ \t]*-[ \t]+(?P<value>#[^\s#].*)$")
_LIST_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*$")
_FLOW = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]+\[(?P<value>(?:.*,)?[ \t]*#[^\s#].*)$")
_COMMENT_START = re.compile(r"[ \t]#(?=[^\s#])")
"""Where YAML cuts a plain text: a `#` after a space (a hashtag: `#BijakMemilih`; a
comment is `# ` and a space)."""
_TAG_KEYS = frozenset(("tags", "categories", "category", "kategori", "label"))


def hashtag_problem(lines: Sequence[str], data: Mapping[str, Any] | None,
                    path: str) -> Problem | None:
    """The problem of the first line whose hashtag YAML dropped as a comment, without a
    word: `tags: #banjir #BPBD` (no tags), `- #banjir` (an empty entry), `title: Pemilu
    Damai #BijakMemilih` (a headline cut short); a flow list `tags: [Banjir, #BPBD]`
    when YAML failed on it (`data` None). What YAML read is the judge: a block's text, a
    quoted text, a comment after a date or a number are left as YAML reads them."""
    entries_of = ""  # the top-level key whose block list the lines are in, if any
    parent = ""  # the top-level key whose mapping indented lines are in (`image:`), if any
    for number, line in enumerate(lines, 2):
        if (start := _LIST_KEY.match(line)) is not None:
            entries_of = parent = start["key"]
            continue
        if line[:1].strip():  # (another top-level line: no list, no mapping goes on)
            parent = ""
        entry = _ENTRY.match(line)
        if entry is None and not re.match(r"^[ \t]*(?:-|#|$)", line):
            entries_of = ""  # (a blank line or a comment among the entries keeps the list)
        if data is None:
            if (flow := _FLOW.match(line)) is not None:
                return _hashtag(path, number, flow["key"], "[" + flow["value"], entry=False)
            continue
        if entry is not None and entries_of:
            if None in _as_list(data.get(entries_of)):
                return _hashtag(path, number, entries_of, entry["value"], entry=True)
            continue
        tag, plain = _HASHTAG_LINE.match(line), _PLAIN_LINE.match(line)
        found = tag or plain
        if found is None:
            continue
        # (an indented key is read in the mapping it is under: `image:`'s `caption:`)
        scope = data if not found["indent"] else data.get(parent) if parent else None
        if not isinstance(scope, Mapping):
            continue
        if tag is not None and scope.get(tag["key"]) is None:
            return _hashtag(path, number, tag["key"], tag["value"], entry=False)
        if plain is None or (cut := _COMMENT_START.search(plain["value"])) is None:
            continue
        read = scope.get(plain["key"])  # (a date, a number, true: a comment after it)
        if isinstance(read, str) and plain["value"][:cut.start()].rstrip() == read:
            return _hashtag(path, number, plain["key"], plain["value"].strip(), entry=False)
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _hashtag(path: str, number: int, key: str, value: str, entry: bool) -> Problem:
    """The problem of line `number`, whose `value` (of `key`, or an entry of its list)
    YAML cut at a hashtag."""
    if key.lower() in _TAG_KEYS:
        words = [word.lstrip("#") for word in re.findall(r"[^\s,\[\]]+", value)]
        words = [word for word in words if word]
        written = f"- {' '.join(words)}" if entry else f"{key}: [{', '.join(words)}]"
        hint = Text("write the tags without `#`: `{line}`", line=written)
    else:
        text = value.strip()
        hint = Text("put the text in quotes: `{line}`",
                    line=f"- {_in_quotes(text)}" if entry else f"{key}: {_in_quotes(text)}")
    return Problem(path, number, Text("`#` after a space starts a comment in YAML: the rest "
                                      "of line {number} is left out", number=number), hint)
