"""What a problem says of a file, in the site's language (issue 19, item 8).

A problem's message and hint are `errors.Text` values: an English template and its
fields' values, made where the problem is found (no catalogue is read there) and
translated where it is shown. These tests find every template in the code from its
source (each `Text(...)` must be written with a literal template, so none can hide),
require its Indonesian translation with the same fields, and run `warta check` on a
few of the editor's mistakes of issue 19's table in both languages.
"""

from __future__ import annotations

import ast
import html
import json
import pickle
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import NO_HINT, Problem, Text
from generator.messages import Messages, catalogue, read_catalogue
from generator.serve.preview import PreviewState
from generator.serve.reload import overlay
from tests.conftest import SiteMaker, settings

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


def _text_calls() -> list[tuple[str, ast.Call]]:
    """Every `Text(...)` call in the generator's code, with where it is."""
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "Text":
                found.append((f"{path.relative_to(GENERATOR)}:{node.lineno}", node))
    return found


def templates() -> dict[str, str]:
    """Every template a `Text(...)` in the code is made with, and one place it is."""
    found: dict[str, str] = {}
    for where, call in _text_calls():
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
            found.setdefault(first.value, where)
    return found


def fields(text: str) -> list[tuple[str, str, str]]:
    return sorted((name, spec or "", conversion or "")
                  for _, name, spec, conversion in string.Formatter().parse(text) if name)


def test_every_text_is_made_with_a_literal_template() -> None:
    # A template built at run time (an f-string, a variable) would never reach the
    # catalogue: the scan below could not see it.
    # (errors.py makes one from a template and values it is given: a pickled `Text`.)
    calls = [(where, call) for where, call in _text_calls() if not where.startswith("errors")]
    loose = [where for where, call in calls
             if len(call.args) != 1 or not isinstance(call.args[0], ast.Constant)
             or not isinstance(call.args[0].value, str)]
    assert loose == []
    assert len(templates()) > 200  # (the scan does find them)


def test_every_problem_is_made_of_texts() -> None:
    # mypy requires `Text` for a message and a hint; this keeps plain strings and
    # f-strings out of `Problem(...)` even where a value is not typed.
    plain = []
    for path in sorted(GENERATOR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "Problem":
                words = node.args[2:4] + [k.value for k in node.keywords
                                          if k.arg in ("message", "hint")]
                plain += [f"{path.name}:{node.lineno}" for word in words
                          if isinstance(word, (ast.Constant, ast.JoinedStr, ast.BinOp))]
    assert plain == []


def test_every_template_has_an_indonesian_translation_with_its_fields() -> None:
    path = catalogue("id")
    assert path is not None
    translated = read_catalogue(path)
    missing = {template: where for template, where in templates().items()
               if template not in translated}
    assert missing == {}
    for template, where in templates().items():
        assert fields(translated[template]) == fields(template), where


def test_a_text_is_its_english_and_keeps_its_template_through_pickling() -> None:
    text = Text("the {what} `{name}` has {count:,} words", what=Text("tag"), name="Banjr",
                count=12000)
    assert text == "the tag `Banjr` has 12,000 words"
    again = pickle.loads(pickle.dumps(Problem("a.md", 3, text, NO_HINT)))
    assert again.message.template == text.template and again.message.values == text.values
    upper = again.message.render(lambda t: t.upper() if t == "tag" else t)
    assert upper == "the TAG `Banjr` has 12,000 words"
    assert Text("`{{date, text}}`") == "`{date, text}`"  # braces as in `str.format`


# `warta check` on issue 19's mistakes, in both languages ---------------------------

MISTAKES = {
    "content/articles/a.md": "---\ntittle: Banjir\ndate: 2024-03-01\n---\nIsi.\n",
    "content/articles/b.md": "---\njudul: Rapat\ndate: 2024-03-02\n---\nIsi.\n",
    "content/articles/c.md": "---\ntitle: Pasar\ndate: 2062-03-03T10:00:00+07:00\n---\nIsi.\n",
}
MISSING_IMAGE = {
    "content/articles/d.md": ("---\ntitle: Jalan\ndate: 2024-03-04\nimage:\n"
                              "  src: media/2024/jalan.jpg\n  alt: Jalan\n---\nIsi.\n"),
}
"""Checked once the files above are right: a photo is looked for once every file
parses."""

SAID = {
    "id": {
        "home_sise": "peringatan: site.toml:6: kunci `home_sise` tidak dikenal \u2014 maksud "
                     "Anda `home_size`?",
        "tittle": "kesalahan: content/articles/a.md:2: `title` tidak ada: `tittle` bukan "
                  "kunci yang dibaca Warta \u2014 ganti `tittle` menjadi `title`",
        "judul": "kesalahan: content/articles/b.md:2: `title` tidak ada: `judul` bukan kunci "
                 "yang dibaca Warta \u2014 ganti `judul` menjadi `title`",
        "2062": "peringatan: content/articles/c.md:3: `date` lebih dari setahun ke depan: "
                "artikel baru tampil mulai 2062-03-03T10:00+07:00, pada build pertama setelah "
                "itu \u2014 jika tahunnya salah ketik, perbaiki",
        "image": "kesalahan: content/articles/d.md:4: gambar 'media/2024/jalan.jpg' tidak ada "
                 "di content/media/ \u2014 tambahkan berkasnya sebagai "
                 "content/media/2024/jalan.jpg atau perbaiki path-nya",
        "two": "Ditemukan 2 masalah.",
        "one": "Ditemukan 1 masalah.",
    },
    "en": {
        "home_sise": "warning: site.toml:6: unknown key `home_sise` \u2014 did you mean "
                     "`home_size`?",
        "tittle": "error: content/articles/a.md:2: missing `title`: `tittle` is not a key "
                  "Warta reads \u2014 rename `tittle` to `title`",
        "judul": "error: content/articles/b.md:2: missing `title`: `judul` is not a key Warta "
                 "reads \u2014 rename `judul` to `title`",
        "2062": "warning: content/articles/c.md:3: `date` is more than a year ahead: the "
                "article will appear only from 2062-03-03T10:00+07:00, in the first build "
                "after that \u2014 if the year is a typo, correct it",
        "image": "error: content/articles/d.md:4: the image 'media/2024/jalan.jpg' is not in "
                 "content/media/ \u2014 add the file as content/media/2024/jalan.jpg or "
                 "correct the path",
        "two": "2 problem(s) found.",
        "one": "1 problem(s) found.",
    },
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_check_says_the_editors_mistakes_in_the_sites_language(site: SiteMaker,
                                                               language: str) -> None:
    said = SAID[language]
    # Given a site in `language` with four mistakes of issue 19's table
    settings(site, top="home_sise = 20")
    toml = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", toml.replace('language = "id"', f'language = "{language}"'))
    for path, text in MISTAKES.items():
        site.write(path, text)
    # When it is checked
    result = CliRunner().invoke(main, ["check", "--site", str(site.root)])
    # Then each mistake is said in the site's language, at its file and line
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(
        said[k] for k in ("home_sise", "tittle", "judul", "2062", "two"))
    # And once the keys are right, a missing photo too
    site.article("a", "Banjir", "2024-03-01")
    site.article("b", "Rapat", "2024-03-02")
    for path, text in MISSING_IMAGE.items():
        site.write(path, text)
    result = CliRunner().invoke(main, ["check", "--site", str(site.root)])
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(
        said[k] for k in ("home_sise", "2062", "image", "one"))


# The preview: its overlay and its event stream -------------------------------------

PROBLEM = Problem("content/articles/a.md", 2,
                  Text("missing `{key}`: `{written}` is not a key Warta reads", key="title",
                       written="judul"),
                  Text("rename `{written}` to `{key}`", written="judul", key="title"))


@pytest.mark.parametrize(("language", "expected"), [
    ("id", "content/articles/a.md:2: `title` tidak ada: `judul` bukan kunci yang dibaca "
           "Warta \u2014 ganti `judul` menjadi `title`"),
    ("en", str(PROBLEM)),
])
def test_the_preview_shows_problems_in_the_sites_language(language: str,
                                                          expected: str) -> None:
    words = Messages(language=language)
    assert f"<li>{html.escape(expected)}</li>" in overlay([PROBLEM], words)
    state = PreviewState(Path("/nowhere"), words)
    state.end_build(frozenset(), (PROBLEM,))
    text = next(state.messages(state.token(), heartbeat=1.0))
    sent = json.loads(text.split("data: ")[1])["problems"][0]
    assert sent["text"] == expected
    assert f"{sent['path']}:{sent['line']}: {sent['message']} \u2014 {sent['hint']}" == expected
    state.stop()
