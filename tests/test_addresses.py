"""The register's file at the edges of a build (generator/build/addresses.py)."""

from __future__ import annotations

import random
from bisect import insort

import pytest

from generator.build.addresses import split_head, with_lines


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
