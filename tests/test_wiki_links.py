"""What Obsidian writes in a story (content/wiki_links.py): an embed an error offering
the Markdown for it, a link between notes a warning, code left as written."""

from __future__ import annotations

import pytest

from generator.content import markup
from generator.content.wiki_links import wiki_problems
from generator.errors import ContentError
from tests.conftest import SiteMaker


@pytest.mark.parametrize(("body", "found"), [
    ("Teks.\n\n![[Pasted image 20250105093012.png]]\n",
     [(3, "error", "write `![what it shows](<media/Pasted image 20250105093012.png>)`, "
                   "with the file in content/media/")]),
    ("![[banjir.jpg|300]]\n",  # (a width)
     [(1, "error", "write `![what it shows](media/banjir.jpg)`, with the file in "
                   "content/media/")]),
    ("Lihat [[Banjir Rob di Pesisir]] dan [[Banjir Rob#Kronologi|kronologinya]].\n",
     [(1, "warning", "write a link to the story's address: `[Banjir Rob di Pesisir]"
                     "(/2025/01/...)`"),
      (1, "warning", "write a link to the story's address: `[kronologinya](/2025/01/...)`")]),
])
def test_an_obsidian_embed_is_an_error_and_a_link_a_warning(
        body: str, found: list[tuple[int, str, str]]) -> None:
    problems = wiki_problems(body, markup.render(body), 1, "a.md")
    assert [(p.line, p.severity, str(p.hint)) for p in problems] == found


@pytest.mark.parametrize("body", [
    "Teks biasa, [tautan](https://x.example/) dan [1] catatan.\n",
    "Kode `![[x.png]]` di antara backtick.\n",
    "```toml\n[[sections]]\nname = \"Ekonomi\"\n```\n",
    "~~~\n![[x.png]]\n~~~\n",
    # (a tutorial: a longer fence around a fence; an indented block; a quoted fence)
    "````md\n```\n![[x.png]]\n```\n````\n",
    "Teks.\n\n    ![[x.png]]\n",
    "> ```\n> ![[x.png]]\n> ```\n",
    # (an HTML comment is never shown)
    "<!-- ![[Pasted image.png]] -->\n",
    "<!--\n![[a.png]]\n-->\n",
    # (Markdown whose text is in brackets: a link, a reference; an escaped bracket)
    "Lihat [[1]](https://x.example/) dan [[Foto]](https://y.example/).\n",
    "[[Banjir]]: https://x.example/\n",
    "\\[[x]]\n",
    # (a name no note of Obsidian's has: a tutorial on Wikipedia's markup)
    "Tulis [[Category:<nama Anda>]] di bawahnya.\n",
])
def test_code_and_markdown_are_left_as_written(body: str) -> None:
    assert wiki_problems(body, markup.render(body), 1, "a.md") == []


def test_a_story_with_a_pasted_obsidian_photo_stops_the_build_at_its_line(
        site: SiteMaker) -> None:
    site.article("2024/03/banjir", "Banjir", "2024-03-01",
                 body="Air naik.\n\n![[Pasted image 20240301.png]]\n")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [(p.path, p.line) for p in caught.value.problems] == [
        ("content/articles/2024/03/banjir.md", 7)]
