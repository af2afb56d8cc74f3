"""The frontmatter splitter, and its reader of simple lines against YAML itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.frontmatter import ProblemError, simple_load, split

ROOT = Path(__file__).resolve().parent.parent
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(lines: list[str]) -> object:
    try:
        return yaml.load("\n".join(lines), Loader=LOADER)
    except (yaml.YAMLError, ValueError) as error:
        return error


def _same_as_yaml(lines: list[str]) -> bool:
    """Whether `simple_load` read `lines` (False: it left them to YAML); fails when
    what it read differs from YAML's mapping in any value or type."""
    ours = simple_load(lines)
    if ours is None:
        return False
    theirs = _yaml(lines)
    # repr tells True from 1, a date from a string, and shows every time zone.
    assert repr(ours) == repr(theirs), lines
    return True


def test_typical_frontmatter_is_read_without_yaml_and_as_yaml_reads_it() -> None:
    lines = ['title: "Banjir di Jalan Kenanga: dua rumah rusak"', "slug: banjir-kenanga",
             "date: 2024-11-04T13:30:00+07:00", "updated: 2024-11-05 08:00:00",
             "tags: [Banjir, Pemkot Sumberjaya, '2024']", "author: Tim Redaksi",
             "draft: false", "", "# editor's note", "words: 540", "day: 2024-11-04",
             "source: Ma'ruf (warga)", "authors:", "  - Sari Wulan", "  - 'Budi, S.H.'",
             "categories:", "- Kota", "- Daerah"]
    assert _same_as_yaml(lines)
    data = simple_load(lines)
    assert data is not None
    assert data["date"] == datetime(2024, 11, 4, 13, 30, tzinfo=timezone(timedelta(hours=7)))
    assert data["tags"] == ["Banjir", "Pemkot Sumberjaya", "2024"]
    assert data["draft"] is False and data["day"] == date(2024, 11, 4)


@pytest.mark.parametrize("lines", [
    ["title: a: b"],                    # YAML refuses it
    ["title: a # comment"],             # a comment after a value
    ["tags:", "  - a", "   - b"],       # a list with two indents
    ["tags:", "  - a", "  -"],          # a null item
    ["tags:", "- a: b"],                # a list of mappings
    ["title: Judul", "  lanjutan"],     # a folded line
    ["on: x"],                          # the key is True to YAML
    ["title: ~"],                       # null
    ["title:"],                         # null
    ["title: 'it''s'"],                 # an escaped quote
    ['title: "a\\tb"'],                 # an escape
    ["title: &a x", "slug: *a"],        # an anchor
    ["title: a\u2028b"],                # a line break to YAML
    ["date: 2024-13-45"],               # a date YAML cannot make
    ["tags: [a, [b]]"],                 # a nested list
    ["tags: [a,]"],
    ["title:\tx"],
    ["# only a comment"],
])
def test_other_frontmatter_is_left_to_yaml(lines: list[str]) -> None:
    assert simple_load(lines) is None


_KEYS = st.sampled_from(["title", "slug", "tags", "on", "No", "null", "_x", "a-b", "y",
                         "date", "1", "TRUE", "x_1"])
_PIECES = st.sampled_from([
    "kata", "Kata", " ", "  ", ":", ": ", "#", " #", '"', "'", "[", "]", ",", ", ", "{", "}",
    "-", "- ", "2024-01-02", "T13:30:00", " 13:30:00", "+07:00", "Z", ".5", "true", "False",
    "null", "~", "12", "0x1f", "0o7", "1_000", "1:30", ".inf", "\\", "&a", "*a", "!", "!!str ",
    "|", ">", "%", "@", "`", "?", "=", "<<", "é", "Ñ", "\u00a0", "\u2028", "\x85", "\t",
    "\ufeff", "\u0663", "²", "\x07", "...", "---", "yes", "n", "e5", "1e5", "+", "_",
])
_WORDS = st.sampled_from(["kata", "Budi", " ", "2024", "7", "Ma'ruf", "x"])
# Mostly words, so that many values are simple and the comparison means something.
_MOSTLY = st.lists(st.one_of(_WORDS, _WORDS, _PIECES), max_size=8).map("".join)
_VALUES = st.one_of(
    st.lists(_PIECES, max_size=8).map("".join), _MOSTLY,
    st.tuples(st.sampled_from(['"', "'"]), _MOSTLY).map(lambda q: q[0] + q[1] + q[0]))
_LINES = st.lists(
    st.one_of(
        st.tuples(_KEYS, st.sampled_from([": ", ":", ":  ", " : "]), _VALUES).map("".join),
        st.tuples(_KEYS, st.just(": ["), st.lists(_VALUES, max_size=4).map(", ".join),
                  st.sampled_from(["]", " ]", "] ", ""])).map("".join),
        st.tuples(_KEYS, st.just(":"), st.lists(
            st.tuples(st.sampled_from(["- ", "  - ", "-  ", " -", "-", "    - "]), _VALUES)
            .map("".join), max_size=4).map(lambda items: "".join("\n" + i for i in items))
        ).map("".join),
        st.sampled_from(["", "# catatan", "  indented: x", "- a"]),
    ),
    min_size=1, max_size=6)


@settings(max_examples=3000, deadline=None)
@given(_LINES)
def test_arbitrary_lines_read_as_yaml_reads_them(lines: list[str]) -> None:
    # Each key's lines alone too: the more lines, the likelier one is not simple.
    for part in [*lines, "\n".join(lines)]:
        _same_as_yaml(part.split("\n"))


def test_frontmatter_of_the_demo_and_the_fixtures_reads_as_yaml_reads_it() -> None:
    read = 0
    files = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests").rglob("*.md"))
    for path in files:
        try:
            part = split(path.read_text(encoding="utf-8"), str(path))
        except (ProblemError, UnicodeDecodeError):
            continue
        read += _same_as_yaml(list(part.lines))
    # Most of the demo's files are simple enough; the rest still went through YAML.
    assert read > len(files) // 2


@pytest.mark.parametrize(("text", "line"), [
    ("---\ntitle: A\ndate: 2024-13-01\n---\n", 3),
    ("---\ntitle: A\ndate: 2024-01-01\nupdated: 2024-02-30 09:00:00 +07:00\n---\n", 4),
    ("---\ntitle: A\ntags: [Banjir, 2024-04-31]\n---\n", 3),
])
def test_a_date_that_does_not_exist_is_reported_at_its_line(text: str, line: int) -> None:
    with pytest.raises(ProblemError) as caught:
        split(text, "content/articles/a.md")
    assert caught.value.problem.line == line
    assert "does not exist" in caught.value.problem.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: A\ntags: [Banjir, BPBD\nlocation: Malang\n---\n", 3,
         "the list `[` opened here is not closed (noticed at line 4: did not find expected "
         "',' or ']')"),
        ("---\ntitle: A\nimage: {src: a.jpg\nlocation: Malang\n---\n", 3,
         "the mapping `{` opened here is not closed (noticed at line 4"),
        ('---\ntitle: "Banjir\nlocation: Malang\n---\n', 2,
         "the quoted text opened here is not closed (noticed at line 3"),
        # (a quote left open on the last line: noticed on that line, still the quote's)
        ("---\ntitle: A\nsummary: 'Kata warga, air naik\n---\n", 3,
         "the quoted text opened here is not closed (noticed at line 3"),
        ("---\ntitle: A\ndate: 2024-01-01: pagi\n---\n", 3,
         "mapping values are not allowed in this context"),
    ],
)
def test_a_yaml_error_is_reported_where_the_construct_began(text: str, line: int,
                                                             message: str) -> None:
    with pytest.raises(ProblemError) as caught:
        split(text, "a.md")
    problem = caught.value.problem
    assert problem.line == line
    assert problem.message.startswith(f"invalid YAML in the frontmatter: {message}")


@pytest.mark.parametrize(("lines", "line", "hint"), [
    ("title:Banjir Rob\ndate: 2024-01-01", 2, "write `title: Banjir Rob`"),
    ("title: Banjir\ndate:2024-01-01", 3, "write `date: 2024-01-01`"),
    ("title:Banjir", 2, "write `title: Banjir`"),  # (one line: no mapping at all)
    ("title: Banjir\ntags:\n  - Banjir\nslug:banjir-rob", 5, "write `slug: banjir-rob`"),
    # (YAML reads `title:Banjir` as the key, the rest as its value)
    ("title:Banjir: warga mengungsi\ndate: 2024-01-01", 2,
     "write `title: Banjir: warga mengungsi`"),
])
def test_a_key_glued_to_its_value_is_named_at_its_line(lines: str, line: int,
                                                        hint: str) -> None:
    with pytest.raises(ProblemError) as caught:
        split(f"---\n{lines}\n---\n", "a.md")
    problem = caught.value.problem
    assert (problem.line, str(problem.hint)) == (line, hint)
    assert "has no space after the colon" in str(problem.message)


def test_a_glued_line_yaml_reads_as_text_is_left_as_it_reads() -> None:
    # (in a block of text, or an address: no key there)
    text = "---\ntitle: A\nsummary: |\n  source:Kompas\nsource: https://x.example/a\n---\n"
    assert split(text, "a.md").data["summary"] == "source:Kompas\n"
    # ... and another line's YAML error is told at that line
    with pytest.raises(ProblemError) as caught:
        split("---\ntitle: A\nsummary: |\n  title:Lama\ntags: [a, b\nx: 1\n---\n", "a.md")
    assert caught.value.problem.line == 5


@pytest.mark.parametrize(("text", "line", "hint"), [
    ("---\ntitle: Kapolres: Pelaku Ditangkap\ndate: 2024-01-01\n---\n", 2,
     'put the text in quotes: `title: "Kapolres: Pelaku Ditangkap"`'),
    ('---\ndate: 2024-01-01\nsummary: Warga: "Air naik cepat"\n---\n', 3,
     "put the text in quotes: `summary: 'Warga: \"Air naik cepat\"'`"),
    ("---\ntitle: A\nsummary: Kata dia: 'cepat'  \n---\n", 3,
     "put the text in quotes: `summary: \"Kata dia: 'cepat'\"`"),
    ("---\ntitle: Harga: naik 10\\% di C:\\new\n---\n", 2,  # (`\` escapes in double quotes)
     "put the text in quotes: `title: 'Harga: naik 10\\% di C:\\new'`"),
])
def test_a_headline_with_a_colon_is_offered_in_quotes(text: str, line: int, hint: str) -> None:
    with pytest.raises(ProblemError) as caught:
        split(text, "a.md")
    problem = caught.value.problem
    assert (problem.line, str(problem.hint)) == (line, hint)
    assert "holds `: `" in str(problem.message)
    offered = hint.split("`")[1]
    assert yaml.safe_load(offered) == {offered.split(":")[0]: offered.split(": ", 1)[1][1:-1]
                                       .replace("''", "'")}


@pytest.mark.parametrize("space", ["\u00a0", "\u2007", "\u202f"])
def test_each_no_break_space_after_a_key_is_read_alone(space: str) -> None:
    # (whatever the rest of the file holds)
    assert split(f"---\ntitle:{space}Banjir\n---\n", "a.md").data == {"title": "Banjir"}


def test_a_no_break_space_after_a_key_is_read_as_a_space() -> None:
    # (pasted from Word or a web page; YAML alone reads `title:\xa0Banjir date: ...`)
    split_ = split("---\ntitle:\u00a0Banjir\u00a0rob\ndate:\u00a0\u00a02024-01-01\n"
                   "summary: |\n  a:\u00a0b\n---\nA\u00a0b\n", "a.md")
    assert split_.data["title"] == "Banjir\u00a0rob"  # (within the text: as written)
    assert split_.data["date"] == date(2024, 1, 1)
    assert split_.data["summary"] == "a:\u00a0b"  # (not a key: left alone)
    assert split_.body == "A\u00a0b\n"


@pytest.mark.parametrize(("text", "line", "dash"), [
    ("\u2014\ntitle: A\n\u2014\nBody\n", 1, "\u2014"),
    ("---\ntitle: A\n\u2014\nBody\n", 3, "\u2014"),
    ("---\ntitle: A\n-----\nBody\n", 3, "-----"),
    ("--\ntitle: A\n--\nBody\n", 1, "--"),
])
def test_a_fence_written_as_a_dash_is_named(text: str, line: int, dash: str) -> None:
    with pytest.raises(ProblemError) as caught:
        split(text, "a.md")
    problem = caught.value.problem
    assert problem.line == line
    assert str(problem.hint).startswith(f"line {line} is `{dash}`: ")


def test_a_dash_closing_the_frontmatter_is_named_when_a_later_fence_closed_it() -> None:
    with pytest.raises(ProblemError) as caught:
        split("---\ntitle: A\n\u2014\nIsi berita.\n\n---\n\nLagi.\n", "a.md")
    problem = caught.value.problem
    assert (problem.line, str(problem.message)) == (
        3, "the frontmatter is not closed where it ends")
    assert str(problem.hint).startswith("line 3 is `\u2014`: ")


@pytest.mark.parametrize(("lines", "line", "hint"), [
    ("tags: #banjir #BPBD", 3, "write the tags without `#`: `tags: [banjir, BPBD]`"),
    ("tags: [Banjir, #BPBD]", 3, "write the tags without `#`: `tags: [Banjir, BPBD]`"),
    ("tags:\n  - Banjir\n  - #BPBD", 5, "write the tags without `#`: `- BPBD`"),
    # (a comment or a blank line among the entries is still the list)
    ("tags:\n  # lama\n  - #banjir", 5, "write the tags without `#`: `- banjir`"),
    ("tags:\n\n  - #banjir", 5, "write the tags without `#`: `- banjir`"),
    ("tags: [ #banjir]", 3, "write the tags without `#`: `tags: [banjir]`"),
    # (an indented key, read in the mapping it is under)
    ("image:\n  src: media/a.jpg\n  caption: Banjir di Jalan Cempaka #BPBD", 5,
     'put the text in quotes: `caption: "Banjir di Jalan Cempaka #BPBD"`'),
    ("summary: Pemilu damai #BijakMemilih", 3,
     'put the text in quotes: `summary: "Pemilu damai #BijakMemilih"`'),
    ("warna: #ff0000", 3, 'put the text in quotes: `warna: "#ff0000"`'),
    ("summary: C# dan F# #1", 3, 'put the text in quotes: `summary: "C# dan F# #1"`'),
    ("summary: Jum'at \"Berkah\" #BijakMemilih", 3,
     "put the text in quotes: `summary: 'Jum''at \"Berkah\" #BijakMemilih'`"),
])
def test_a_hashtag_yaml_would_read_as_a_comment_is_an_error(lines: str, line: int,
                                                            hint: str) -> None:
    # (YAML alone drops it without a word: `tags: #banjir` is no tag at all)
    with pytest.raises(ProblemError) as caught:
        split(f"---\ntitle: A\n{lines}\n---\n", "a.md")
    problem = caught.value.problem
    assert (problem.line, str(problem.hint)) == (line, hint)
    assert str(problem.message).startswith("`#` after a space starts a comment in YAML")


@pytest.mark.parametrize("lines", [
    "tags: # belum ada", "tags: [banjir]  # catatan", 'summary: "Banjir #2"',
    "summary: |\n  Banjir #2", "# image: media/x.jpg", "summary: Banjir#2",
    # (YAML reads these whole, or the `#` ends a comment after a value that is no text)
    "summary: |\n  - #1 Banjir", "summary: >\n  - #1 Banjir", 'summary: "abc\n  - #1 def"',
    "summary: 'Warga:\n\n  - #1 banjir'", "draft: true #sementara", "weight: 10 #urutan",
    "date: 2024-03-01 #WIB", "source_url: https://kabar.example/a#komentar",
    "warna: '#ff0000'", "tags: ['#banjir', '#BPBD']",
    "summary: |\n  caption: Foto #BPBD", "image:\n  src: media/a.jpg\n  caption: 'Foto #BPBD'"])
def test_a_comment_or_a_quoted_hash_is_read_as_yaml_reads_it(lines: str) -> None:
    text = f"title: A\n{lines}"
    assert split(f"---\n{text}\n---\n", "a.md").data == yaml.safe_load(text)


@pytest.mark.parametrize(("lines", "line", "message"), [
    # (an empty entry and a `--` in a block are no fence: YAML's own error, at its line)
    ('authors:\n  -\n  - Budi\nsummary: "tidak ditutup', 6, "invalid YAML"),
    ("summary: |\n  --\n  x\ntags: [a, b", 6, "invalid YAML"),
])
def test_a_dash_that_is_no_fence_leaves_yaml_s_error(lines: str, line: int,
                                                      message: str) -> None:
    with pytest.raises(ProblemError) as caught:
        split(f"---\ntitle: A\n{lines}\n---\n", "a.md")
    assert caught.value.problem.line == line
    assert str(caught.value.problem.message).startswith(message)


def test_a_closing_fence_missing_is_still_reported_at_the_opening() -> None:
    with pytest.raises(ProblemError) as caught:
        split("---\ntitle: A\n\n- satu\nBody\n", "a.md")
    assert caught.value.problem.line == 1
    assert str(caught.value.problem.hint) == "add a line `---` after the last frontmatter key"


@pytest.mark.parametrize(("text", "line"), [
    ("---\ntitle: A\ndate: 2024-03-01\ndate: 2024-03-02\n---\n", 4),  # (read without YAML)
    ("---\ntitle: A\ntags:\n  - a\nsummary: |\n  x\ntags: [b]\n---\n", 7),  # (by YAML)
    ("---\n'title': A\ntitle: B\n---\n", 3),
])
def test_a_key_written_twice_is_an_error_at_the_second(text: str, line: int) -> None:
    with pytest.raises(ProblemError) as caught:
        split(text, "content/articles/a.md")
    assert caught.value.problem.line == line
    assert "is written twice" in str(caught.value.problem)


def test_a_line_that_only_looks_like_a_key_again_is_no_error() -> None:
    # (a quoted text going on at the line's start: YAML reads one `summary`)
    text = '---\ntitle: A\nsummary: "Satu\ntitle: bukan kunci"\n---\n'
    assert split(text, "content/articles/a.md").data["title"] == "A"
