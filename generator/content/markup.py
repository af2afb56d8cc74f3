"""Markdown to HTML, and the plain-text facts derived from HTML.

Python-Markdown instances configured once per process, created on first use
so that a build whose bodies all come from the cache never imports Markdown.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown

# Chosen on purpose (Markdown dominates cold-build time): `tables` and
# `fenced_code` are what newsroom copy uses beyond core Markdown;
# `sane_lists` keeps numbered lists from swallowing bullet lists. No
# `smarty`: editors already type typographic quotes and we must not
# rewrite their text.
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

# Converters by the special characters a text holds (see `render`).
_converters: dict[str, markdown.Markdown] = {}
# Inline patterns, by their name in Python-Markdown's registry, and the
# characters one of which every match holds. The line break pattern is left
# alone: spaces and newlines are in every text.
_INLINE_NEEDS = {
    "backtick": "`", "escape": "\\", "reference": "[", "link": "[",
    "image_link": "!", "image_reference": "!", "short_reference": "[",
    "short_image_ref": "!", "autolink": "<", "automail": "<", "html": "<",
    "entity": "&", "em_strong": "*_",
}
_SPECIAL = "".join(sorted(set("".join(_INLINE_NEEDS.values()))))

_TAG = re.compile(r"<[^>]+>")
# Tags that separate words; every other tag is removed without a space so
# that `<em>kata</em>.` stays `kata.`.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|hr|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def render(text: str) -> str:
    """Markdown text to an HTML fragment."""
    # Python-Markdown spends about 20 microseconds on a paragraph of plain prose
    # whatever its length, and news copy is mostly such paragraphs. A paragraph
    # that holds nothing any of its processors could act on (see `_is_prose`) comes
    # out as `<p>` + its text + `</p>`, and where it stands, between blank lines at
    # the top level, it ends whatever came before it; so do a line of `#` and such
    # prose (a heading) and, between two of these, lines of `- ` and prose (a
    # list). Those are wrapped here and each run of the other blocks goes through
    # Python-Markdown on its own: two thirds less Markdown time on news copy.
    # Constructs that reach across blank lines (raw HTML, fenced code, reference
    # definitions) make the whole text go through Python-Markdown.
    # tests/test_markup.py compares the result with Python-Markdown's on real news
    # text and on arbitrary markup.
    if any(marker in text for marker in _WHOLE_TEXT):
        return _markdown(text)
    # The blocks Python-Markdown sees: it appends a blank line, and empties lines
    # of spaces (the whole text, lest a run's first line escape it).
    blocks = (text + "\n\n").split("\n\n") if " \n" not in text else \
        _SPACES_LINE.sub("\n", text + "\n\n").split("\n\n")
    parts: list[str] = []
    start = 0
    for at, block in enumerate(blocks):
        # Newlines left at the start of a block (three or more in a row) are dropped,
        # unless a code block before it takes them.
        core = block.lstrip("\n") if start == at else block
        if not core:
            continue
        html = _paragraph(core) or _heading(core)
        if not html and start == at and _alone(blocks, at):
            html = _bullets(core)
        if html:
            if start < at and not _run(blocks[start:at], parts):
                return _markdown(text)
            parts.append(html)
            start = at + 1
    if not _run(blocks[start:], parts):
        return _markdown(text)
    return "\n".join(parts)


def _paragraph(block: str) -> str:
    """The HTML of `block` when it is prose, maybe with simple links (`_LINK`), which
    Python-Markdown makes a paragraph of; otherwise ""."""
    if _is_prose(block):
        return f"<p>{block}</p>"
    if "[" in block and "![" not in block and _is_prose(_LINK.sub("x", block)):
        return "<p>" + _LINK.sub(r'<a href="\2">\1</a>', block) + "</p>"
    return ""


def _heading(block: str) -> str:
    """The HTML of `block` when it is one line of `#` and prose, which Python-Markdown
    makes a heading holding exactly that prose; otherwise ""."""
    if block[0] != "#" or "\n" in block:
        return ""
    text = block.lstrip("#")
    level = len(block) - len(text)
    text = text.strip(" ")
    if level > 6 or not text or not _is_prose(text):
        return ""
    return f"<h{level}>{text}</h{level}>"


def _bullets(block: str) -> str:
    """The HTML of `block` when each of its lines is `- ` and prose: a list Python-
    Markdown makes of exactly those items, unless the blocks around it join it to
    another list (see `_alone`); otherwise ""."""
    if not block.startswith("- "):
        return ""
    items = []
    for line in block.split("\n"):
        text = line[2:].lstrip(" ")
        if not line.startswith("- ") or not text or not _is_prose(text):
            return ""
        items.append(f"<li>{text}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _alone(blocks: list[str], at: int) -> bool:
    """Whether the block after `blocks[at]`, blank ones skipped, is a paragraph or a
    heading `render` wraps itself, or there is none: a list there is not continued
    (by another list or an indented block), and the caller knows the block before it
    was neither."""
    for block in blocks[at + 1:]:
        core = block.lstrip("\n")
        if core:
            return bool(_paragraph(core) or _heading(core))
    return True


def _run(blocks: list[str], parts: list[str]) -> bool:
    """Add a run of blocks other than prose to `parts`; False when the run must be
    seen in its place (white space other than newlines: Python-Markdown skips a
    text of nothing else, while four spaces in a text are a code block)."""
    text = "\n\n".join(blocks)
    if not text.strip():
        return not text.strip("\n")
    html = _markdown(text)
    if html:
        parts.append(html)
    return True


# A text holding one of these goes through Python-Markdown whole: raw HTML and
# fenced code may span blank lines, and a reference definition serves links in
# any block. Tabs, carriage returns and its placeholder characters (STX, ETX):
# Python-Markdown rewrites or removes them before it looks for blocks.
_WHOLE_TEXT = ("<", "```", "~~~", "]:", "\t", "\r", "\x02", "\x03")
_SPACES_LINE = re.compile(r"(?<=\n) +\n")
# Characters Python-Markdown acts on anywhere in a paragraph: inline markup,
# escapes, entities, table cells, header and rule markers, tabs (expanded),
# carriage returns and its own placeholder characters (STX, ETX).
_ACTIVE = re.compile(r"[\\`*_\[\]<>&#|~=\x00-\x09\x0b-\x1f\x7f]")
# What a line must not start with (indentation, list and rule markers, digits
# of a numbered list) or end with (spaces before a line break).
_LINE_EDGE = re.compile(r"\n[\s\-+\d]|\s\n")


# An inline link Python-Markdown makes `<a href="url">text</a>` of, exactly: text
# of prose on one line, not starting or ending with white space, and a URL of
# characters that need no escaping, without a title.
_LINK_TEXT = r"[^\n\[\]\\`*_<>&#|~=\x00-\x1f\x7f]"
_LINK_EDGE = r"[^\s\[\]\\`*_<>&#|~=\x00-\x1f\x7f]"
_LINK = re.compile(
    rf"\[({_LINK_EDGE}(?:{_LINK_TEXT}*{_LINK_EDGE})?)\]\(([A-Za-z0-9/:._~%?=+#-]+)\)")


def _is_prose(block: str) -> bool:
    """Whether Python-Markdown would make `block` (no blank line in it) a paragraph
    holding exactly its text."""
    first, last = block[0], block[-1]
    if first.isspace() or first in "-+" or first.isdigit() or last.isspace():
        return False
    if _ACTIVE.search(block):
        return False
    return "\n" not in block or not _LINE_EDGE.search(block)


def _markdown(text: str) -> str:
    """`text` through Python-Markdown."""
    # Python-Markdown tries each of its fourteen inline patterns on every piece of
    # text; a pattern whose characters appear nowhere in the text cannot match
    # any piece of it. News copy holds few of them, so each combination gets a
    # converter without the patterns it cannot use (a third less inline work).
    present = "".join(c for c in _SPECIAL if c in text)
    converter = _converters.get(present)
    if converter is None:
        converter = _converters[present] = _make_converter(present)
    converter.reset()
    return converter.convert(text)


def _make_converter(present: str) -> markdown.Markdown:
    # Imported on first use: a build whose bodies all come from the cache never
    # imports Markdown.
    import markdown
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    # Instances, not the names in EXTENSIONS: a name makes Python-Markdown look it
    # up among every installed package's entry points, 25 ms on each first use
    # (in every process that parses, so in every build after an edit).
    converter = markdown.Markdown(
        extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension()],
        output_format="html")
    for name, needed in _INLINE_NEEDS.items():
        if not any(c in present for c in needed):
            converter.inlinePatterns.deregister(name, strict=False)
    if "<" not in present:
        # Raw HTML starts with "<": without one, the HTML block pass (an HTML parser
        # fed the whole text) gives the text back as it was.
        converter.preprocessors.deregister("html_block", strict=False)
    _guard_patterns(converter)
    return converter


# Expressions Python-Markdown tries at every position of a text (they begin
# with a lookbehind, a line start or an alternation, so the regex engine cannot
# skip ahead to where a match could start): a third of all Markdown time on news
# copy. Every match holds one of the characters named here, so a text without
# them cannot match. Keyed by a hash of the exact expression: a Markdown release
# that changes one loses the shortcut, never correctness (tests/test_markup.py).
_NEEDS = {
    "4feafa3775aa5720": "`",  # inline: backtick
    "6c435d43d2a6dcca": "[",  # inline: link, reference, short reference
    "b79eb2871aeb3dc2": "#",  # block: hash header
    "a25191acaabee92c": "-_*",  # block: horizontal rule
    "7f8f3d77dd1dd6ca": ">",  # block: block quote
    "7194d4e58ec42ac4": "[",  # block: link reference definition
    "05808186023a038f": "~`",  # preprocessor: fenced code
}
# Where Python-Markdown's processors keep their expressions.
_ATTRIBUTES = ("compiled_re", "RE", "SEARCH_RE", "FENCED_BLOCK_RE")


class _Guarded:
    """A compiled expression that finds nothing at once in text lacking all of
    `needed`; otherwise the expression itself."""

    def __init__(self, expression: re.Pattern[str], needed: str) -> None:
        self.expression = expression
        self.needed = needed
        self._any = re.compile(f"[{re.escape(needed)}]")

    def _hopeless(self, text: str, start: int) -> bool:
        if len(self.needed) == 1:
            return text.find(self.needed, start) < 0
        return self._any.search(text, start) is None

    def finditer(self, text: str, start: int = 0) -> Iterator[re.Match[str]]:
        if self._hopeless(text, start):
            return iter(())
        return self.expression.finditer(text, start)

    def search(self, text: str, start: int = 0) -> re.Match[str] | None:
        if self._hopeless(text, start):
            return None
        return self.expression.search(text, start)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.expression, name)


def _guard_patterns(converter: markdown.Markdown) -> None:
    for registry in (converter.inlinePatterns, converter.parser.blockprocessors,
                     converter.preprocessors):
        for processor in registry:
            for attribute in _ATTRIBUTES:
                expression = getattr(processor, attribute, None)
                if not isinstance(expression, re.Pattern):
                    continue
                key = hashlib.sha1(expression.pattern.encode("utf-8")).hexdigest()[:16]
                needed = _NEEDS.get(key)
                if needed is not None:
                    # On the instance, shadowing the class's expression; the processors
                    # call only `finditer`, `search` and `match` on it.
                    setattr(processor, attribute, _Guarded(expression, needed))


def plain_text(fragment: str) -> str:
    """An HTML fragment as one line of plain text."""
    spaced = _BLOCK_TAG.sub(" ", fragment)
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", spaced))).strip()


def first_paragraph(body_html: str) -> str:
    """Plain text of the first non-empty paragraph of `body_html`."""
    # `<p>(.*?)</p>` found with `str.find`: the lazy expression tried to end the
    # match at every character of the paragraph (a tenth of parsing an article).
    start = 0
    while (opening := body_html.find("<p>", start)) >= 0:
        closing = body_html.find("</p>", opening + 3)
        if closing < 0:
            break
        text = plain_text(body_html[opening + 3:closing])
        if text:
            return text
        start = closing + 4
    return ""


def cut(text: str, limit: int = 240) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def word_count(body_html: str) -> int:
    # `plain_text` without folding the spaces: `split` skips them anyway, and the
    # fold was three quarters of the count's time.
    return len(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", body_html))).split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
