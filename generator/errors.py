"""Problems found in the input, as data.

Every stage reports what is wrong with a `Problem`: the file, the line when
there is one, what is wrong and what to do. Problems are values so that a
build can collect all of them before it reports, and the preview server can
show them in the browser.

What a problem says is a `Text`: English words with `{fields}` and the values
of those fields. The code that finds a problem never translates (a parser reads
no catalogue); whoever shows it does, with `Problem.text(translate)`, where
`translate` is the site's catalogue (`messages.Messages.translate`). `str()` is
the English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def _english(template: str) -> str:
    return template


Value = str | int
"""What a field of a `Text` holds; a `Text` (a str) is translated too."""


class Text(str):
    """Words for the editor: `Text("missing `{key}`", key="title")`.

    The string itself is the English, so a problem reads as before wherever it is
    compared or printed untranslated; `template` and `values` are what a catalogue
    needs to say it in another language (`render`). Every `Text(...)` in the code is
    written with a literal template, so that the catalogue's test finds them all
    (tests/test_messages.py)."""

    __slots__ = ("template", "values")
    template: str
    """The English words, each `{name}` a field; the msgid of its translation in
    `generator/locale/<language>/LC_MESSAGES/warta.po`."""
    values: tuple[tuple[str, Value], ...]
    """Each field's name and value, in the order given; a value that is a `Text` is
    translated with it."""

    def __new__(cls, template: str, /, **values: Value) -> Text:
        # Always formatted, so a template writes a brace as `{{` with or without fields.
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.values = tuple(values.items())
        return self

    def __reduce__(self) -> tuple[Callable[..., Text], tuple[str, dict[str, Value]]]:
        # Problems cross process boundaries (parallel parsing) and are cached pickled.
        return (_text, (self.template, dict(self.values)))

    def render(self, translate: Callable[[str], str] = _english) -> str:
        """The words with their fields filled, the template through `translate`."""
        filled = {name: value.render(translate) if isinstance(value, Text) else value
                  for name, value in self.values}
        return translate(self.template).format(**filled)


def _text(template: str, values: dict[str, Value]) -> Text:
    return Text(template, **values)


def _said(words: str, translate: Callable[[str], str]) -> str:
    # A plain string (mypy refuses one in the code; a test may make one) is said as is.
    return words.render(translate) if isinstance(words, Text) else words


NO_HINT = Text("")
"""The hint of a problem whose message says it all."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input."""

    path: str
    """The file at fault, as given to the user (relative to the site when possible)."""
    line: int | None
    """1-based line in that file, or None when the problem is not tied to a line."""
    message: Text
    """What is wrong."""
    hint: Text = NO_HINT
    """What to do about it; empty when the message says it all."""
    severity: str = "error"
    """"error" stops the build; "warning" is reported and the build goes on."""

    def __str__(self) -> str:
        return self.text()

    def text(self, translate: Callable[[str], str] = _english) -> str:
        """`path:line: message — hint`, the words through `translate` (default: English)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {_said(self.message, translate)}"
        if self.hint:
            text += f" \u2014 {_said(self.hint, translate)}"
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
