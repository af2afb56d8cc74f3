"""Markdown rendering: the guarded inline patterns give Python-Markdown's own output."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from packaging.requirements import Requirement

from generator.content import markup

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-real"
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# Every construct the guarded patterns (backtick, link, reference, short
# reference) take part in, with the characters they look for in odd places.
TRICKY = [
    "plain text with no markup at all",
    "a `code span` and ``double `tick` span`` and a lone ` tick",
    "escaped \\`not code\\` and \\\\`code after escaped backslash`",
    "\\\\\\\\`four backslashes then code`",
    "[a link](https://contoh.example/a) and ![image](/media/a.jpg)",
    "[reference][ref] and [short ref] and [collapsed][]\n\n[ref]: https://a.example\n"
    "[short ref]: /b/\n[collapsed]: /c/",
    "!\\[not an image] and \\[not a link] and [unclosed",
    "`[link in code](x)` and [`code in link`](y)",
    "<https://auto.example/> and <redaksi@contoh.example> & &amp; &#169;",
    "**bold [link](x) inside** and _em `code`_",
    "| kolom | `kode` |\n|---|---|\n| [a](b) | c |",
    "```\nfenced ` [ code\n```\n\n1. satu [x](y)\n2. dua `z`",
    "line with two spaces  \nthen [link](u 'title')",
    "# Judul\n\nteks\n\n## Sub ##\n\n#tagar bukan judul",
    "> kutipan\n> baris dua\n\nbukan > kutipan",
    "---\n\n* * *\n\n___\n\n- - x\n\nteks -- biasa",
    "[id]: https://contoh.example \"Judul\"\n\n[pakai][id]",
    "~~~\nkode\n~~~\n\n```python\nx = 1\n```",
]


def _plain() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension()],
        output_format="html")


def test_the_slow_expressions_are_guarded() -> None:
    text = "every special character: ` \\ [ ! < & * _"
    markup.render(text)
    converter = markup._converters[markup._SPECIAL]
    found = [
        *(converter.inlinePatterns[n].compiled_re
          for n in ("backtick", "reference", "link", "short_reference")),
        *(getattr(converter.parser.blockprocessors[n], a)
          for n, a in (("hashheader", "RE"), ("hr", "SEARCH_RE"), ("quote", "RE"),
                       ("reference", "RE"))),
        converter.preprocessors["fenced_code_block"].FENCED_BLOCK_RE,  # type: ignore[attr-defined]
    ]
    # A Markdown release that changed these expressions drops a guard silently;
    # this says so, so the speed loss is noticed.
    assert all(isinstance(e, markup._Guarded) for e in found)


def test_a_text_without_special_characters_gets_only_the_line_break_pattern() -> None:
    markup._markdown("Teks biasa tanpa tanda apa pun.\n\nParagraf kedua.")
    assert [p.name for p in markup._converters[""].inlinePatterns._priority] == ["linebreak"]
    # And every pattern the Markdown release has is one we know, or it is kept
    assert {p.name for p in _plain().inlinePatterns._priority} == \
        set(markup._INLINE_NEEDS) | {"linebreak"}


@pytest.mark.parametrize("text", TRICKY)
def test_guarded_output_is_python_markdowns(text: str) -> None:
    assert markup.render(text) == _plain().convert(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "\\", "[", "]", "(", ")", "!", "x", " ", "\n",
                                 "*", "_", "<", ">", ":", "a.example", "\n\n", "    ",
                                 "#", "-", "~~~", "```", "=", "\"", "1. "]),
                max_size=40))
def test_guarded_output_matches_on_arbitrary_markup(parts: list[str]) -> None:
    text = "".join(parts)
    assert markup.render(text) == _plain().convert(text)


# Pieces of prose and of everything that could make a paragraph more than prose,
# or join it to its neighbours: markers at line starts, trailing spaces,
# Unicode and ASCII whitespace, control characters, blank and near-blank lines.
_PROSE_PIECES = st.sampled_from([
    "Warga", "kota", " ", " ", "Rp5.000", "3", "1. ", "2) ", "- ", "+ ", "* ", "> ", "# ",
    "## ", "#######", "- butir\n- ", "\n- ", "[tautan](/a?b=1)", "](u)", "![",
    "\n", "\n\n", "\n\n\n", "\n \n", "  \n", " \n", "\t", "\r\n", "\xa0", "\u3000",
    "\u2028", "\x85", "\ufeff",
    "\x02", "\x03", "!", "?", "\"", "'", "(", ")", ":", "=", "===", "---", "|", "&", "<",
    "`", "_", "\\", "[", "]", "]:", "    ", "~", "ü", "é", "—", ".", ",",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PROSE_PIECES, max_size=60))
def test_prose_paragraphs_come_out_as_python_markdown_makes_them(parts: list[str]) -> None:
    text = "".join(parts)
    assert markup.render(text) == _plain().convert(text)


@pytest.mark.parametrize("text", [
    "Paragraf biasa.\n\n- butir\n- butir\n\nParagraf lagi.",
    "Paragraf.\n\n    kode\n\n    kode lagi\n\nParagraf.",
    "- butir\n\n- butir longgar\n\nParagraf\n\n- daftar baru",
    "Judul\n=====\n\nParagraf\nbaris kedua\n\n## Sub\n\nAkhir",
    "Satu\n\n\n\nDua\n  \nTiga\n\n> kutipan\n\nEmpat",
    "1. satu\n\nlanjutan tanpa inden\n\n2. dua",
    "## Sub judul\n\n###Tanpa spasi\n\n## Penutup ##\n\n####### tujuh\n\n#\n\n# Judul  ",
    "- butir\n\n## Judul memutus daftar\n\n    kode\n\n## Lagi",
    "Awal\n\n- satu\n-  dua\n\nAkhir\n\n- tiga\n\n- longgar\n\nLagi\n\n- empat\n\n\n\n    lanjut",
    "- satu\nmalas\n\n- dua\n  inden\n\nP\n\n- *tebal*\n\nP\n\n- 2024\n\n- - x\n\n-\n\n- ",
    "Lihat [laman ini](https://contoh.example/a?b=1#c) dan [itu](/x).\n\n[Awal](/y) kalimat.",
    "[ spasi ](u) [t](u \"judul\") [a](b)(c) [[a]](b) [a](<b>) [a](b c) ![g](/g.jpg)",
    "[a\nb](c) [*a*](b) [a](b&c) [](u) [b]() - [x](y)\n\n- [butir](/z)",
])
def test_prose_between_other_blocks(text: str) -> None:
    assert markup.render(text) == _plain().convert(text)


# Texts of nothing but the blocks `render` wraps itself, one kind or edge of each:
# paragraphs of prose over lines, with simple links, headings of every level and
# spacing, lists alone, blocks after extra blank lines or lines of spaces.
@pytest.mark.parametrize("text", [
    "Paragraf satu.\nbaris dua, masih biasa!",
    "Lihat [laman](https://contoh.example/a?b=1#c) dan\n[itu](/x) juga.\n\n[Awal](/y)",
    "# Satu\n\n## Dua\n\n### Tiga\n\n#### Empat\n\n##### Lima\n\n###### Enam",
    "#Rapat\n\n##   Spasi lebar   \n\n###### Enam tanpa penutup",
    "- satu\n- dua\n-   tiga",
    "Paragraf\n\n- butir\n- butir dua\n\n## Judul\n\n- butir tiga",
    "\nAwal\n\n\n## Judul\n\n\n- butir\n\n\nAkhir\n\n\n",
    "Satu\n  \nDua\n \n## Tiga\n   \n- empat",
])
def test_each_block_render_wraps_is_python_markdowns(text: str) -> None:
    markup._converters.clear()
    assert markup.render(text) == _plain().convert(text)
    assert not markup._converters  # wrapped without Python-Markdown, as meant


def test_prose_skips_python_markdown() -> None:
    markup._converters.clear()
    assert markup.render("Paragraf satu.\n\n## Sub judul\n\n- butir\n- butir dua\n\n"
                         "Paragraf [dua](/dua/), masih biasa!") == \
        "<p>Paragraf satu.</p>\n<h2>Sub judul</h2>\n<ul>\n<li>butir</li>\n" \
        "<li>butir dua</li>\n</ul>\n<p>Paragraf <a href=\"/dua/\">dua</a>, masih biasa!</p>"
    assert not markup._converters


def test_guarded_output_matches_on_real_news_text() -> None:
    files = [*sorted((CORPUS / "articles").rglob("*.txt"))[::5],
             *sorted((CORPUS / "markdown-site").rglob("*.md"))] if CORPUS.is_dir() else []
    if not files:
        pytest.skip("../shared/corpus-real is not beside the project")
    plain = _plain()
    for path in files:
        text = path.read_text(encoding="utf-8")
        plain.reset()
        assert markup.render(text) == plain.convert(text), path


def test_the_installed_python_markdown_is_the_pinned_one() -> None:
    # markup.py relies on Python-Markdown's internals as this release has them
    # (pyproject.toml says why): an upgrade past the pin must be tested first.
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    pins = [r for d in project["project"]["dependencies"]
            if (r := Requirement(d)).name.lower() == "markdown"]
    assert len(pins) == 1
    assert any(s.operator in ("<", "<=", "==", "~=") for s in pins[0].specifier), \
        "the pin has no upper bound"
    assert pins[0].specifier.contains(metadata.version("markdown"))


@pytest.mark.parametrize("fragment", [
    "<p>satu dua</p><p>tiga</p>", "<li>a</li><li>b\u00a0c\u2003d</li>", "<em>kata</em>.",
    "<p>  spasi \n\t ganda  </p>", "&amp; &nbsp; &lt;b&gt;", "", "<br><hr>",
])
def test_word_count_counts_the_words_of_the_plain_text(fragment: str) -> None:
    assert markup.word_count(fragment) == len(markup.plain_text(fragment).split())


_FIRST = re.compile(r"<p>(.*?)</p>", re.DOTALL)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", " ", "kata", "<br>", "&amp;", "<em>", "</em>",
                                 "\n", "<p></p>", "<p> </p>", "<", "p>", "</"]), max_size=14))
def test_the_first_paragraph_is_the_first_non_empty_match_of_p_tags(pieces: list[str]) -> None:
    fragment = "".join(pieces)
    expected = next((text for match in _FIRST.finditer(fragment)
                     if (text := markup.plain_text(match.group(1)))), "")
    assert markup.first_paragraph(fragment) == expected
