"""Imported HTML becomes sanitised Markdown.

Everything from a WXR or a feed is untrusted: it is sanitised with nh3 first
(no scripts, no `on*=` attributes, no `javascript:` URLs). Simple blocks
(paragraphs, headings, lists, quotes, emphasis, links, images) become
Markdown; any other block (tables, figures, embeds) stays as its sanitised
HTML, which Markdown passes through.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

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
_VOID = {"br", "img", "hr"}
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?(?:gallery|embed|audio|video|playlist)\b[^\]]*\]", re.IGNORECASE)
_GUTENBERG = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


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


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _is_simple(node: _Node | str) -> bool:
    if isinstance(node, str):
        return True
    if node.tag not in _INLINE | _SIMPLE_BLOCKS | {"li"}:
        return False
    return all(_is_simple(child) for child in node.children)


def _escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")


def _inline(nodes: list[_Node | str]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_escape(re.sub(r"\s+", " ", node)))
            continue
        inner = _inline(node.children).strip()
        if node.tag in {"strong", "b"} and inner:
            out.append(f"**{inner}**")
        elif node.tag in {"em", "i", "cite"} and inner:
            out.append(f"*{inner}*")
        elif node.tag == "code":
            out.append(f"`{''.join(_text(node))}`")
        elif node.tag == "a" and node.attrs.get("href"):
            out.append(f"[{inner}](<{node.attrs['href']}>)")
        elif node.tag == "img" and node.attrs.get("src"):
            alt = _escape(node.attrs.get("alt", ""))
            out.append(f"![{alt}](<{node.attrs['src']}>)")
        elif node.tag == "br":
            out.append("  \n")
        else:
            out.append(inner)
    return re.sub(r"[ \t]+", " ", "".join(out)).replace(" \n", "  \n")


def _text(node: _Node) -> list[str]:
    return [c if isinstance(c, str) else "".join(_text(c)) for c in node.children]


def _serialise(node: _Node | str) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in node.attrs.items())
    if node.tag in _VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{''.join(map(_serialise, node.children))}</{node.tag}>"


def _block(node: _Node) -> str:
    if re.fullmatch(r"h[1-6]", node.tag):
        return "#" * int(node.tag[1]) + " " + _inline(node.children).strip()
    if node.tag == "hr":
        return "---"
    if node.tag == "pre":
        return "```\n" + "".join(_text(node)).strip("\n") + "\n```"
    if node.tag == "blockquote":
        inner = _blocks(node.children)
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if node.tag in {"ul", "ol"}:
        items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
        lines = []
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if node.tag == "ol" else "-"
            lines.append(f"{marker} {_inline(item.children).strip()}")
        return "\n".join(lines)
    return _inline(node.children).strip()


def _blocks(nodes: list[_Node | str]) -> str:
    out: list[str] = []
    inline: list[_Node | str] = []

    def flush() -> None:
        # Text outside any block: WordPress's own rule makes blank lines paragraphs.
        raw = "".join(_serialise(n) if isinstance(n, _Node) else n for n in inline)
        inline.clear()
        for chunk in re.split(r"\n\s*\n", raw):
            if chunk.strip():
                tree = _TreeBuilder()
                tree.feed(chunk.replace("\n", "<br>"))
                text = _inline(tree.root.children).strip()
                if text:
                    out.append(text)

    for node in nodes:
        if isinstance(node, str) or node.tag in _INLINE:
            inline.append(node)
            continue
        flush()
        if node.tag in {"div", "span"} and all(
                isinstance(c, str) or c.tag not in {"table", "figure"} for c in node.children):
            inner = _blocks(node.children)
            if inner:
                out.append(inner)
        elif _is_simple(node):
            text = _block(node)
            if text.strip():
                out.append(text)
        else:
            out.append(_serialise(node))
    flush()
    return "\n\n".join(out)


def html_to_markdown(fragment: str) -> str:
    """Untrusted HTML (a WXR or feed body) as sanitised Markdown."""
    clean = sanitise(expand_shortcodes(fragment))
    tree = _TreeBuilder()
    tree.feed(clean)
    tree.close()
    text = _blocks(tree.root.children).strip()
    return text + "\n" if text else ""
