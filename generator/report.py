"""Console output behind one class, so logic stays quiet and tests can swap it."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from generator.build.pipeline import BuildResult
from generator.errors import Problem


class Reporter:
    """Prints problems, progress and summaries; `quiet` keeps only problems."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False,
                 verbose: bool = False, out: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.out = out or sys.stdout
        self.quiet = quiet
        self.verbose = verbose
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._started = time.perf_counter()

    def problems(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        for problem in problems:
            label = "error" if problem.is_error else "warning"
            print(f"{label}: {problem}", file=self.stream)

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on terminals; nothing elsewhere."""
        if self.quiet or not self._tty or total < 1000:
            return
        elapsed = max(time.perf_counter() - self._started, 1e-6)
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
            print(f"{result.articles} articles -> {output}: {len(result.written)} written, "
                  f"{result.unchanged} unchanged, {len(result.removed)} removed "
                  f"({result.parsed} parsed, {result.rendered} rendered) "
                  f"in {result.seconds:.2f} s", file=self.out)

    def line(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.out)
