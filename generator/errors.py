"""Problems found in the input, as data.

Every stage reports what is wrong with a `Problem`: the file, the line when
there is one, what is wrong and what to do. Problems are values so that a
build can collect all of them before it reports, and the preview server can
show them in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input."""

    path: str
    """The file at fault, as given to the user (relative to the site when possible)."""
    line: int | None
    """1-based line in that file, or None when the problem is not tied to a line."""
    message: str
    """What is wrong."""
    hint: str = ""
    """What to do about it; empty when the message says it all."""
    severity: str = "error"
    """"error" stops the build; "warning" is reported and the build goes on."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" \u2014 {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class WartaError(Exception):
    """A failure that is the input's fault, carrying every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[WartaError], tuple[list[Problem]]]:
        # Errors cross process boundaries (parallel rendering) with their problems.
        return (type(self), (self.problems,))


class ContentError(WartaError):
    """Articles or pages that cannot be read."""


class ConfigError(WartaError):
    """`site.toml` is invalid."""


class TemplateError(WartaError):
    """A template failed to load or render."""


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when it is inside it, else as given."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
