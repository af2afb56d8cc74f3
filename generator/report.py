"""Console output behind one class, so logic stays quiet and tests can swap it."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from generator.build.addresses import AddressChanges
from generator.build.article_changes import ArticleChange, ArticleChanges
from generator.build.pipeline import BuildResult
from generator.errors import Problem

MOST_LISTED = 20
"""Articles of one kind (added, changed, moved, removed) named in a summary; the rest
are counted ("… and 12 more")."""
MANY_FILES = 1000
"""A progress bar only for builds of at least this many output files..."""
LONG_BUILD = 1.0
"""... once the build has run this many seconds: a quick edit in a big archive
renders a few pages in a fraction of a second and needs no bar."""


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (not a file, a pipe or a CI log)."""
    return hasattr(stream, "isatty") and stream.isatty()


class Reporter:
    """Prints problems, progress and summaries; `quiet` keeps only problems."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False,
                 verbose: bool = False, out: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.out = out or sys.stdout
        self.quiet = quiet
        self.verbose = verbose
        # The bar goes to `stream` (stderr), so that is the one that must be a terminal:
        # `warta build | tee log` still shows it, `warta build 2>log` keeps it out.
        self._tty = is_terminal(self.stream)
        self._started = time.perf_counter()
        self._drawing = False

    def problems(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        for problem in problems:
            label = "error" if problem.is_error else "warning"
            print(f"{label}: {problem}", file=self.stream)

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on terminals for long builds; nothing elsewhere.

        The write stage calls it every 500 files and once at the end."""
        if self.quiet or not self._tty or total < MANY_FILES:
            return
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        if not self._drawing and (elapsed < LONG_BUILD or done >= total):
            return  # (a bar that would only ever show "done" is noise)
        self._drawing = done < total
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        print(f"\r[{bar}] {done}/{total} files, {done / elapsed:,.0f}/s", end=end,
              file=self.stream, flush=True)

    def summary(self, result: BuildResult, output: str) -> None:
        self.problems(result.warnings)
        if self.verbose:
            for path in result.written:
                print(f"  wrote {path}", file=self.stream)
            for path in result.removed:
                print(f"  removed {path}", file=self.stream)
            print(f"  {result.reused} planned pages taken from the previous build",
                  file=self.stream)
        if not self.quiet:
            for article in result.unpublished:
                print(f"unpublished: {article}", file=self.out)
            self.articles(result.article_changes, result.addresses)
            print(f"{result.articles} articles -> {output}: {len(result.written)} written, "
                  f"{result.unchanged} unchanged, {len(result.removed)} removed "
                  f"({result.parsed} parsed, {result.rendered} rendered) "
                  f"in {result.seconds:.2f} s", file=self.out)

    def articles(self, changes: ArticleChanges,
                 addresses: AddressChanges | None = None) -> None:
        """The articles a build added, changed, moved and removed, each kind one line
        per article up to `MOST_LISTED`; a first build's only as a count. Then the
        published addresses that now redirect or are gone and no article line named."""
        addresses = addresses or AddressChanges()
        moves, gone = dict(addresses.moved), set(addresses.gone)
        if changes.first_build is not None:
            print(f"added: {changes.first_build} articles (first build: not listed one "
                  "by one)", file=self.out)
        else:
            kinds: tuple[tuple[str, tuple[ArticleChange, ...]], ...] = (
                ("added", changes.added), ("changed", changes.changed),
                ("moved", changes.moved), ("removed", changes.removed))
            for kind, found in kinds:
                for article in found[:MOST_LISTED]:
                    # The register kept a redirect from the old address, or a notice.
                    kept = ""
                    if kind == "moved" and moves.get(article.old_url) == article.url:
                        del moves[article.old_url]
                        kept = " (redirect kept)"
                    elif kind == "removed" and article.url in gone:
                        gone.discard(article.url)
                        kept = " (gone page kept)"
                    print(f"{kind}: {article}{kept}", file=self.out)
                if len(found) > MOST_LISTED:
                    print(f"{kind}: \u2026 and {len(found) - MOST_LISTED} more",
                          file=self.out)
        self.lines("moved", [f"{old} \u2192 {new} (redirect kept)"
                             for old, new in sorted(moves.items())])
        self.lines("gone", [f"{url} (gone page kept)" for url in sorted(gone)])

    def lines(self, kind: str, found: list[str]) -> None:
        """`kind: item` for each of `found` up to `MOST_LISTED`, then a count."""
        for item in found[:MOST_LISTED]:
            print(f"{kind}: {item}", file=self.out)
        if len(found) > MOST_LISTED:
            print(f"{kind}: \u2026 and {len(found) - MOST_LISTED} more", file=self.out)

    def line(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.out)
