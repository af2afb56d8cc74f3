"""Reading values out of `site.toml`'s tables while collecting every problem.

Each table's reader (in `parse.py`, or a module of its own in this package) takes a
`Checker`, so a wrong value becomes a `Problem` with its line and a hint instead of
an exception, and one run reports them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from generator.errors import Problem, Text


class Checker:
    """Collects problems while reading values out of the TOML table."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def line_in(self, table: str, key: str) -> int | None:
        """Line where `key` is set in `[table]` ("" for the top level), or where the
        table `[key]` opens, when it can be found."""
        header = re.compile(r"^\s*\[\s*\"?([^\]\"]*)\"?\s*\]")
        setting = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        current = ""
        for number, line in enumerate(self.lines, start=1):
            opened = header.match(line)
            if opened:
                current = opened.group(1).strip()
                if not table and current == key:
                    return number
            elif current == table and setting.match(line):
                return number
        return None

    def warn(self, table: str, key: str, message: Text, hint: Text) -> None:
        self.problems.append(Problem(self.path, self.line_in(table, key), message, hint,
                                     "warning"))

    def problem_at(self, line: int | None, message: Text, hint: Text,
                   severity: str = "error") -> Problem:
        """A problem at a line found by the caller (an entry of an array of tables)."""
        return Problem(self.path, line, message, hint, severity)

    def line_of(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None

    def fail(self, key: str, message: Text, hint: Text) -> None:
        self.problems.append(Problem(self.path, self.line_of(key.split(".")[-1]), message, hint))

    def string(self, table: Mapping[str, Any], key: str, default: str, name: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            self.fail(key, Text("`{key}` must be a string, not {kind}", key=name or key,
                                kind=type(value).__name__),
                      Text('write it in quotes, e.g. {key} = "..."', key=key))
            return default
        return value

    def positive(self, table: Mapping[str, Any], key: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(key, Text("`{key}` must be a whole number of at least 1, not {value}",
                                key=key, value=repr(value)),
                      Text("e.g. {key} = {default}", key=key, default=default))
            return default
        return value

    def boolean(self, table: Mapping[str, Any], key: str, name: str,
                default: bool = True) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, Text("`{name}` must be true or false, not {value}", name=name,
                                value=repr(value)),
                      Text("write {key} = true or {key} = false", key=key))
            return default
        return value


def near(key: str, known: Iterable[str]) -> str | None:
    """The known key `key` is probably a misspelling of, if any."""
    matches = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None


def table(check: Checker, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """The table `[key]` (empty when absent); anything else there is a problem."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        check.fail(key, Text("`{key}` must be a table", key=key),
                   Text("write it as a [{key}] section", key=key))
        return {}
    return value
