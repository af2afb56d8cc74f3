"""Imported HTML becomes Markdown that the site renders back to the same meaning."""

from __future__ import annotations

import markdown
import pytest

from generator.content.markup import EXTENSIONS
from generator.importers.html2md import html_to_markdown


def _rendered(text: str) -> str:
    """`text` as the site renders it: Python-Markdown with the site's extensions."""
    return markdown.markdown(text, extensions=EXTENSIONS)


# (HTML, Markdown written for it, that Markdown rendered). The rendering is the point: a
# string that looks right can still come back as another structure.
SHAPES = {
    "nested list keeps its nesting": (
        "<ul><li>satu<ul><li>dua</li></ul></li></ul>",
        "- satu\n    - dua\n",
        "<ul>\n<li>satu<ul>\n<li>dua</li>\n</ul>\n</li>\n</ul>"),
    "code holding a backtick": (
        "<p><code>a`b</code></p>",
        "`` a`b ``\n",
        "<p><code>a`b</code></p>"),
    "ordered list keeps its start": (
        '<ol start="5"><li>x</li><li>y</li></ol>',
        "5. x\n6. y\n",
        '<ol start="5">\n<li>x</li>\n<li>y</li>\n</ol>'),
    "space inside emphasis goes outside the markers": (
        "<p><strong>tebal </strong>kata</p>",
        "**tebal** kata\n",
        "<p><strong>tebal</strong> kata</p>"),
    "pre holding a fence gets a longer fence": (
        "<pre>kode\n```\nluar\n</pre><p>sesudah</p>",
        "````\nkode\n```\nluar\n````\n\nsesudah\n",
        "<pre><code>kode\n```\nluar\n</code></pre>\n<p>sesudah</p>"),
    "a year and a full stop is no list": (
        "<p>2024. Tahun itu …</p>",
        "2024\\. Tahun itu …\n",
        "<p>2024. Tahun itu …</p>"),
    "a hash is no heading": (
        "<p># bukan judul</p>",
        "\\# bukan judul\n",
        "<p># bukan judul</p>"),
}


@pytest.mark.parametrize(("html", "expected", "rendered"), SHAPES.values(), ids=SHAPES.keys())
def test_shape_comes_out_right_and_renders_back(html: str, expected: str,
                                                 rendered: str) -> None:
    text = html_to_markdown(html)
    assert text == expected
    assert _rendered(text) == rendered


def test_a_loose_item_does_not_swallow_the_next_one() -> None:
    # Python-Markdown would take `tiga` into the nested list of the item before it.
    text = html_to_markdown("<ul><li><p>satu</p><p>dua</p><ul><li>a</li></ul></li>"
                            "<li>tiga</li></ul>")
    assert _rendered(text).replace("\n", "") == (
        "<ul><li><p>satu</p><p>dua</p><ul><li>a</li></ul></li><li><p>tiga</p></li></ul>")


def test_code_inside_a_list_item_or_a_quote_is_indented() -> None:
    # Fences only open at the left margin in Python-Markdown.
    text = html_to_markdown("<ul><li>contoh<pre>x = 1\n```\ny</pre></li><li><pre>*z*</pre></li>"
                            "</ul><blockquote><pre>w</pre></blockquote>")
    assert _rendered(text).replace("\n", "") == (
        "<ul><li><p>contoh</p><pre><code>x = 1```y</code></pre></li>"
        "<li><pre><code>*z*</code></pre></li></ul>"
        "<blockquote><pre><code>w</code></pre></blockquote>")


def test_nothing_after_a_line_break_starts_a_block() -> None:
    text = html_to_markdown("<p>a<br>- b<br>1. c<br>&gt; d<br>## e<br>===<br>~~~</p>"
                            "<ul><li>2024. f</li></ul>")
    assert _rendered(text) == (
        "<p>a<br />\n- b<br />\n1. c<br />\n&gt; d<br />\n## e<br />\n&#61;==<br />\n"
        "&#126;~~</p>\n<ul>\n<li>2024. f</li>\n</ul>")


def test_text_that_looks_like_markdown_or_html_stays_text() -> None:
    text = html_to_markdown("<p>*a* _b_ [c](d) `e` \\ &lt;b&gt;x&lt;/b&gt; &amp;amp;</p>")
    assert _rendered(text) == "<p>*a* _b_ [c](d) `e` \\ &lt;b&gt;x&lt;/b&gt; &amp;amp;</p>"


def test_a_link_address_cannot_close_the_link_and_open_html() -> None:
    text = html_to_markdown('<a href="https://a.example/x&gt;&lt;img src=y onerror=alert(1)&gt;">'
                            "tautan</a>")
    assert _rendered(text) == ('<p><a href="https://a.example/x%3E%3Cimg%20src=y%20onerror='
                               'alert(1)%3E">tautan</a></p>')


def test_wordpress_paragraphs_outside_any_block() -> None:
    # Classic-editor exports store paragraphs as blank lines and breaks as newlines, also
    # between two tags (where the parser would shrink the blank line to one newline).
    text = html_to_markdown("satu\ndua\n\n<em>tiga</em>\n\n<strong>empat</strong>")
    assert _rendered(text) == ("<p>satu<br />\ndua</p>\n<p><em>tiga</em></p>\n"
                               "<p><strong>empat</strong></p>")


def test_struck_and_raised_text_keep_their_meaning() -> None:
    # Python-Markdown reads no ~~…~~ here: the tags stay as inline HTML.
    text = html_to_markdown("<p><del>lama </del>baru, H<sub>2</sub>O, <cite>Kompas</cite></p>")
    assert _rendered(text) == ("<p><del>lama</del> baru, H<sub>2</sub>O, "
                               "<cite>Kompas</cite></p>")
