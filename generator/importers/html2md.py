"""Imported HTML becomes sanitised Markdown.

Everything from a WXR or a feed is untrusted: it is sanitised with nh3 first
(no scripts, no `on*=` attributes, no `javascript:` URLs). Simple blocks
(paragraphs, headings, lists, quotes, code, emphasis, links, images) become
Markdown through markdownify; any other block (tables, figures, embeds) stays
as its sanitised HTML, which Markdown passes through. The Markdown is written
for Python-Markdown with the site's extensions (fenced_code, sane_lists), which
is what renders it.
"""

from __future__ import annotations

import html
import re
import textwrap
from urllib.parse import quote

import markdownify
import nh3
from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.element import AttributeValueList, NavigableString, PageElement, Tag
from bs4.formatter import HTMLFormatter

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "code", "pre", "kbd",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span", "div",
    "address", "time",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"}, "time": {"datetime"},
}
_SIMPLE_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "hr",
                  "pre"}
_INLINE = {"strong", "b", "em", "i", "a", "img", "br", "code", "span", "small", "u", "s",
           "del", "ins", "sub", "sup", "mark", "abbr", "cite", "q", "kbd", "time"}
_MARKDOWN = _INLINE | _SIMPLE_BLOCKS | {"li"}
_CONTAINERS = _INLINE | {"[document]", "div"}
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?(?:gallery|embed|audio|video|playlist)\b[^\]]*\]", re.IGNORECASE)
_GUTENBERG = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
# markdownify's own escaping (escape_misc) is CommonMark's: Python-Markdown prints `\&`,
# `\<`, `\=`, `\|` and `\~` with their backslash, so the escaping here is ours.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What Python-Markdown reads as a block when it starts a line: a heading (`#` needs no
# space after it), a quote, a list item, a rule, a setext underline or a `~~~` fence.
_LINE_START = re.compile(r"^( *)(?:(\d+)([.)])(?=\s|$)|([#>+-])|(=+\s*$|~~~))")


class _Original(HTMLFormatter):
    """The sanitised markup as it came: attributes in their order (not sorted), `<img>` (not
    `<img/>`), text escaped as HTML needs and no more (no named entities)."""

    def __init__(self) -> None:
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml,
                         void_element_close_prefix="")

    def attributes(self, tag: Tag) -> list[tuple[str, str | AttributeValueList]]:
        return list(tag.attrs.items())


def sanitise(fragment: str) -> str:
    """`fragment` with everything dangerous removed (the allow-list above)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def expand_shortcodes(fragment: str) -> str:
    """`[caption]` becomes a figure with caption and credit; Gutenberg comments go."""
    fragment = _GUTENBERG.sub("", fragment)

    def figure(match: re.Match[str]) -> str:
        inner = match.group(2)
        media = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", inner,
                         re.DOTALL)
        image, text = (media.group(1), media.group(2)) if media else ("", inner)
        caption = " ".join(re.sub(r"<[^>]+>", " ", text).split())
        credit = ""
        found = re.search(r"\s*\(([^()]+)\)\s*$", caption)
        if found:
            caption, credit = caption[: found.start()], found.group(1)
        credit_html = f" <small>{html.escape(credit)}</small>" if credit else ""
        return (f"\n\n<figure>{image}<figcaption>{html.escape(caption)}{credit_html}"
                "</figcaption></figure>\n\n")

    fragment = _CAPTION.sub(figure, fragment)
    return _SHORTCODE.sub("", fragment)



def _escape_line_start(text: str) -> str:
    found = _LINE_START.match(text)
    if not found:
        return text
    lead, number, dot, marker, literal = found.groups()
    rest = text[found.end():]
    if number:
        return f"{lead}{number}\\{dot}{rest}"
    if marker:
        return f"{lead}\\{marker}{rest}"
    # `=` and `~` have no backslash escape in Python-Markdown; an entity shows the same.
    return f"{lead}&#{ord(literal[0])};{literal[1:]}{rest}"


def _starts_line(node: PageElement) -> bool:
    """Whether `node` is the first thing on a Markdown line (after a block or a `<br>`)."""
    while True:
        before = node.previous_sibling
        while isinstance(before, NavigableString) and not before.strip():
            before = before.previous_sibling
        if isinstance(before, Tag):
            return before.name == "br" or before.name not in _INLINE
        if before is not None:
            return False
        if node.parent is None or node.parent.name not in _INLINE:
            return True
        node = node.parent


def _is_simple(tag: Tag) -> bool:
    return tag.name in _MARKDOWN and all(t.name in _MARKDOWN for t in tag.find_all(True))


def _url(url: str) -> str:
    # Inside `<…>` a `>` would end the link and let the rest be read as raw HTML.
    return re.sub(r"[<>\s]", lambda m: quote(m.group()), url)


def _inline(text: str, before: str, after: str) -> str:
    """`text` between `before` and `after`, its outer spaces kept outside the markup."""
    inner = text.strip()
    if not inner:
        return text
    lead, trail = (" " if edge.isspace() else "" for edge in (text[:1], text[-1:]))
    return f"{lead}{before}{inner}{after}{trail}"


def _paragraphs(container: Tag) -> None:
    """WordPress's own rule (wpautop) for text outside any block, as exports store it:
    a blank line starts a paragraph and a newline breaks the line."""
    run: list[PageElement] = []
    for child in [*container.children, None]:
        if child is not None and (not isinstance(child, Tag) or child.name in _INLINE):
            run.append(child)
            continue
        raw = "".join(str(n) if isinstance(n, Tag) else html.escape(str(n), quote=False)
                      for n in run)
        if raw.strip():
            chunks = re.split(r"\n\s*\n", raw.strip())
            markup = "".join("<p>" + c.strip().replace("\n", "<br>") + "</p>" for c in chunks)
            new = BeautifulSoup(markup, "html.parser").find_all("p", recursive=False)
            run[0].insert_before(*new)
        for node in run:  # whitespace alone between blocks means nothing
            node.extract()
        run = []
        if isinstance(child, Tag) and child.name in {"div", "blockquote"}:
            _paragraphs(child)


class MarkdownConverter(markdownify.MarkdownConverter):
    """markdownify, made to write what Python-Markdown reads back as the same HTML.

    markdownify gets nested lists, code spans holding backticks, `<ol start>` and spaces
    inside emphasis right, which the hand-written converter did not. What it gets wrong for
    Python-Markdown is overridden here: nested list content must be indented by four spaces
    (not by the marker's width); a `<pre>` holding a ``` line needs a longer fence; text that
    starts a line with `2024.`, `#`, `-`, `>` … must be escaped so it stays text.
    """

    def __init__(self) -> None:
        # wrap without a width: only collapses source newlines to spaces, as HTML shows them.
        super().__init__(heading_style=markdownify.ATX, bullets="-", wrap=True, wrap_width=None,
                         sub_symbol="<sub>", sup_symbol="<sup>")

    def convert_soup(self, soup: BeautifulSoup) -> str:
        _paragraphs(soup)
        return super().convert_soup(soup)

    def process_tag(self, node: Tag, parent_tags: set[str] | None = None) -> str:
        # A block Markdown cannot say (a table, a figure, or one holding either) stays as
        # its sanitised HTML; a <div> carries no attributes once sanitised, so only its
        # content counts.
        if node.name not in _CONTAINERS and not _is_simple(node):
            return f"\n\n{node.decode(formatter=_Original())}\n\n"
        text: str = super().process_tag(node, parent_tags)  # type: ignore[misc]
        return text

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        text: str = super().process_text(el, parent_tags)  # type: ignore[misc]
        # A heading's text follows its `#`s on the same line: nothing there starts a block.
        if not (parent_tags or set()) & {"_noformat", "_inline"} and _starts_line(el):
            text = _escape_line_start(text)
        return text

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return _ENTITY.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", text)).replace("<", "&lt;")

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = el.get("href")
        if "_noformat" in parent_tags or not isinstance(href, str):
            return text
        return _inline(text, "[", f"](<{_url(href)}>)")

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src, alt = el.get("src"), el.get("alt")
        if not isinstance(src, str) or not src:
            return ""
        alt = self.escape(" ".join(alt.split()), parent_tags) if isinstance(alt, str) else ""
        return f"![{alt}](<{_url(src)}>)"

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "pre" in parent_tags:
            return "\n"
        # A code span or a heading cannot go on to a second line.
        return " " if parent_tags & {"_noformat", "_inline"} else "  \n"

    def convert_del(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Kept as inline HTML: markdownify writes ~~…~~ for these, which Python-Markdown
        # does not read without an extension, and drops <cite> (which was *…* before).
        if "_noformat" in parent_tags:
            return text
        return _inline(text, f"<{el.name}>", f"</{el.name}>")

    convert_s = convert_cite = convert_del

    def convert_ul(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A list left empty (say, its icons sanitised away) would leave blank lines alone.
        if not text.strip():
            return ""
        markdown: str = super().convert_ul(el, text, parent_tags)  # type: ignore[misc]
        return markdown

    convert_ol = convert_ul

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Stripped of newlines only: markdownify also strips the spaces that make a
        # <pre> opening the quote a code block.
        text = text.strip("\n").rstrip()
        if not text:
            return ""
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        return "\n" + "\n".join(f"> {line}" if line else ">" for line in text.split("\n")) \
            + "\n\n"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip("\n").rstrip()
        if not text:
            return "\n"
        bullet = "- "
        if el.parent is not None and el.parent.name == "ol":
            start = el.parent.get("start")
            first = int(start) if isinstance(start, str) and start.isdigit() else 1
            bullet = f"{first + len(el.find_previous_siblings('li'))}. "
        # Python-Markdown nests by its tab length (four spaces), not by the marker's width,
        # and takes the next item into this one's nested list unless a blank line ends a
        # loose item.
        end = "\n\n" if "\n\n" in text else "\n"
        if text.startswith("    "):
            # Code opens the item: on the marker's line it would lose its indentation.
            return f"{bullet}\n\n{textwrap.indent(text, '    ')}{end}"
        return bullet + textwrap.indent(text.lstrip(), "    ")[4:] + end

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip("\n")
        if not text.strip():
            return ""
        if parent_tags & {"li", "blockquote"}:
            # Python-Markdown's fences only open at the left margin: indented code instead.
            return "\n\n" + textwrap.indent(text, "    ") + "\n\n"
        # markdownify always fences with ```, which a ``` line in the code would close.
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text}\n{fence}\n\n"


def html_to_markdown(fragment: str) -> str:
    """Untrusted HTML (a WXR or feed body) as sanitised Markdown."""
    clean = sanitise(expand_shortcodes(fragment))
    # bs4 shrinks whitespace between two tags to one newline except inside these tags, and
    # wpautop reads blank lines: the whole fragment goes in a <div>, which converts to nothing.
    soup = BeautifulSoup(f"<div>{clean}</div>", "html.parser",
                         preserve_whitespace_tags={"div", "pre", "textarea"})
    text = MarkdownConverter().convert_soup(soup).strip()
    return text + "\n" if text else ""
