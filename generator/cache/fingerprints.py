"""The sources' fingerprints as the cache keeps them (issue 17): one line per file.

A quick build at 100,000 articles unpickled 100,000 `SourceStat` tuples and
compared them one by one (0.2 s); as lines, they load as strings and compare as
sets, in C (`changes.compare_fingerprints`). `store.Cache` writes and reads them.
"""

from __future__ import annotations

from collections.abc import Iterator


def fingerprint_line(path: str, size: int, mtime_ns: int, meta_key: str) -> str:
    """A source file's fingerprint as one string: equal for two looks at a file exactly
    when `changes.compare` would find it unchanged (a path holds no NUL character).
    `sources.scan_fingerprints` makes the same string inline."""
    return f"{path}\0{size}\0{mtime_ns}\0{meta_key}"


def split_line(line: str) -> tuple[str, int, int, str]:
    """The path, size, mtime (ns) and settings key a `fingerprint_line` holds."""
    path, size, mtime_ns, meta_key = line.split("\0")
    return path, int(size), int(mtime_ns), meta_key


class Fingerprints:
    """The sources' fingerprint lines as the cache keeps them, each with the hash of the
    file's bytes (read only for the few lines asked about)."""

    def __init__(self, parts: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        """`parts`: (lines, their digests in the same order), a pair per shard."""
        self._parts = parts
        self.lines: set[str] = set()
        """Every line."""
        for lines, _ in parts:
            self.lines.update(lines)

    def items(self) -> Iterator[tuple[str, str]]:
        """Each line with its digest."""
        for lines, digests in self._parts:
            yield from zip(lines, digests, strict=True)

    def digests(self, wanted: set[str]) -> dict[str, str]:
        """The digest kept with each of the `wanted` lines (some of `lines`)."""
        if len(wanted) <= _FEW:  # (a tuple's search for each: an edit's one or two)
            return {line: kept[lines.index(line)] for line in wanted
                    for lines, kept in self._parts if line in lines}
        return {line: digest for line, digest in self.items() if line in wanted}


_FEW = 8
"""Up to this many lines asked about, each is searched for; more, every line is read
once (a `git checkout` that touched every file must not search 100,000 times)."""
