"""The headings of a story's text under its headline (content/headings.py): the page's
one <h1> is the headline."""

from __future__ import annotations

import pytest

from generator.content.headings import repeats_title, under_the_title, without_title
from tests.test_parse import PATH, parse


@pytest.mark.parametrize(("body", "title", "shown"), [
    # (pasted from a document: the headline again, then the text)
    ("<h1>Banjir Rob di Pesisir</h1>\n<p>Isi.</p>", "Banjir Rob di Pesisir", "<p>Isi.</p>"),
    ("<h2>banjir rob  di <em>pesisir</em>.</h2><p>Isi.</p>", "Banjir Rob di Pesisir",
     "<p>Isi.</p>"),
    # (the text's own headings one level down when it has an <h1>)
    ("<p>Isi.</p><h1>Kronologi</h1><h2>Pukul 02.00</h2><h6>x</h6>", "Banjir",
     "<p>Isi.</p><h2>Kronologi</h2><h3>Pukul 02.00</h3><h6>x</h6>"),
    ("<p>Isi.</p><h2>Kronologi</h2>", "Banjir", "<p>Isi.</p><h2>Kronologi</h2>"),
    # (a heading that is not the headline stays; a headline later in the text too)
    ("<h2>Kronologi</h2><p>Banjir</p>", "Banjir", "<h2>Kronologi</h2><p>Banjir</p>"),
    ("<p>Isi.</p><h2>Banjir</h2>", "Banjir", "<p>Isi.</p><h2>Banjir</h2>"),
    # (a heading holding a photo or a link is kept: they would be lost with it)
    ('<h1>Banjir <img alt="" src="media/a.jpg" /></h1><p>Isi.</p>', "Banjir",
     '<h2>Banjir <img alt="" src="media/a.jpg" /></h2><p>Isi.</p>'),
    ('<h1><a href="https://x.example/">Banjir</a></h1>', "Banjir",
     '<h2><a href="https://x.example/">Banjir</a></h2>'),
    # (an element named like a heading is none)
    ("<h1-card>Banjir</h1-card><p>Isi.</p>", "Banjir", "<h1-card>Banjir</h1-card><p>Isi.</p>"),
])
def test_the_text_is_under_its_headline(body: str, title: str, shown: str) -> None:
    assert under_the_title(body, title) == shown
    assert under_the_title(shown, title) == shown  # (parsed again: the same)


def test_a_story_starting_with_its_headline_again_gets_a_warning_at_its_line() -> None:
    parsed = parse("---\ntitle: Banjir Rob\ndate: 2018-09-26\n---\n\n# Banjir Rob\n\nIsi.\n")
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:6: the text starts with the headline again: left out, the page shows it "
        "once \u2014 take out the heading that repeats the title"]
    assert repeats_title("<h1>Banjir Rob</h1>", "Banjir Rob")
    # (a link's reference before it: the heading's own line)
    parsed = parse("---\ntitle: Banjir Rob\ndate: 2018-09-26\n---\n[1]: https://x.test\n\n"
                   "# Banjir Rob\n\nIsi.\n")
    assert [w.line for w in parsed.warnings] == [7]


@pytest.mark.parametrize(("markdown", "kept"), [
    ("# Pemilu Damai\n\nIsi.\n", "Isi.\n"),
    ("## Pemilu  damai ##\nIsi.\n", "Isi.\n"),
    ("# Lain\n\nIsi.\n", "# Lain\n\nIsi.\n"),
    ("# Pemilu Damai ![foto](media/a.jpg)\n", "# Pemilu Damai ![foto](media/a.jpg)\n"),
])
def test_an_import_leaves_out_the_headline_its_text_starts_with(markdown: str,
                                                                 kept: str) -> None:
    # (else every build warns of it: the importer writes the file once)
    assert without_title(markdown, "Pemilu Damai") == kept
