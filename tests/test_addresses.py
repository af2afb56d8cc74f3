"""The register's file at the edges of a build (generator/build/addresses.py)."""

from __future__ import annotations

import random
from bisect import insort

import pytest

from generator.build.addresses import with_lines


def split_head(text: str) -> tuple[str, list[str]]:
    """The comment lines at the top of a lock file, and its other lines, each ending with
    a newline: how the quick path cut the file before `with_lines`."""
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and (not lines[first].strip() or lines[first].startswith("#")):
        first += 1
    rest = [line if line.endswith("\n") else line + "\n" for line in lines[first:]]
    return "".join(lines[:first]), rest


def inserted_one_by_one(text: str, added: list[str]) -> str:
    """What `with_lines` stands for: the text cut into lines, each added one sorted in."""
    head, lines = split_head(text)
    for line in added:
        insort(lines, line)
    return head + "".join(lines)


@pytest.mark.parametrize("seed", range(60))
def test_lines_go_where_sorting_puts_them(seed: int) -> None:
    chance = random.Random(seed)
    words = ["/a/", "/a/b/", "/b/", "/b/page/2/", "/c d/", "/2024/03/x/", "/tag/é/", "/z/"]

    def line() -> str:
        return f"{chance.choice(words)}{chance.choice(['', 'x', 'y/'])} {chance.randrange(3)}\n"

    head = chance.choice(["", "# a comment\n", "# one\n#two\n\n", "\n  \n# last\n"])
    body = sorted(line() for _ in range(chance.randrange(0, 40)))
    text = head + "".join(body)
    if text and chance.random() < 0.2:
        text = text[:-1]  # (no newline at the end)
    added = [line() for _ in range(chance.randrange(0, 5))]
    assert with_lines(text, added) == inserted_one_by_one(text, added)


def test_a_file_of_comments_alone_takes_the_lines_after_them() -> None:
    assert with_lines("# head\n", ["/b/\n", "/a/\n"]) == "# head\n/a/\n/b/\n"
    assert with_lines("", ["/a/\n"]) == "/a/\n"
