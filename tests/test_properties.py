"""Property-based tests: arbitrary text never crashes parsing, importing or building
with anything but a reported problem, never escapes the output folder and is
always escaped in pages."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import parse_config
from generator.content.parse import ContentProblems, parse_article
from generator.errors import WartaError
from generator.importers.rawtext import RawTextError, parse_raw
from tests.conftest import SiteMaker

CONFIG = parse_config("")
# Every kind of character editors and attackers produce: RTL, emoji, zero-width,
# NUL, markup.
TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["<", ">", "&", '"', "'", "/", "..", "\u200b", "\u202e", "\x00",
                         "\u0627", "🔥", "<script>", "javascript:", "---", "\n"]),
    ),
    max_size=60,
).map("".join)
HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "../../etc/passwd",
    "javascript:alert(1)", "\u202eevil", "a\x00b", "🔥" * 50, "x" * 5000,
])
NAMES = st.one_of(TEXT, HOSTILE)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_report(data: bytes) -> None:
    try:
        parse_article(data, "content/articles/x.md", CONFIG)
    except ContentProblems as problems:
        assert problems.problems and all(p.path == "content/articles/x.md"
                                         for p in problems.problems)


@settings(max_examples=300, deadline=None)
@given(title=NAMES, tags=st.lists(NAMES, max_size=4), body=TEXT)
def test_any_frontmatter_values_parse_or_report(title: str, tags: list[str], body: str) -> None:
    text = "---\n" + yaml.safe_dump({"title": title, "date": "2024-01-01", "tags": tags},
                                    allow_unicode=True) + "---\n" + body
    try:
        article = parse_article(text, "content/articles/x.md", CONFIG).article
    except ContentProblems:
        return
    assert article.url.startswith("/2024/01/") and ".." not in article.url
    assert all("/" not in t.slug and "." not in t.slug for t in article.tags)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_raw_text_import_never_crashes(text: str) -> None:
    fallback = datetime(2024, 1, 1, tzinfo=UTC)
    try:
        record = parse_raw(text, "x.txt", zone=CONFIG.zone, fallback=fallback,
                           fallback_how="test")
    except RawTextError:
        return
    assert "/" not in record.slug and ".." not in record.slug


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=NAMES, tag=NAMES, author=NAMES, summary=NAMES)
def test_built_pages_escape_everything_and_stay_inside_output(
        tmp_path_factory: object, title: str, tag: str, author: str, summary: str) -> None:
    root = Path(tmp_path_factory.mktemp("site"))  # type: ignore[attr-defined]
    site = SiteMaker(root)
    site.write("content/articles/x.md", "---\n" + yaml.safe_dump(
        {"title": title, "date": "2024-01-01", "tags": [tag], "authors": [author],
         "summary": summary}, allow_unicode=True) + "---\nIsi.\n")
    try:
        site.build()
    except WartaError:
        assert not site.output.exists()
        return
    output = os.path.realpath(site.output)
    for path in site.output.rglob("*"):
        assert os.path.realpath(path).startswith(output + os.sep)
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            assert "<script>alert(1)" not in html
            assert "<img src=x onerror" not in html
            assert "\x00" not in html


def test_a_ten_megabyte_body_with_long_lines_builds(tmp_path: Path) -> None:
    site = SiteMaker(tmp_path / "big")
    paragraph = ("Kata panjang tanpa henti " * 4000).strip()  # a 100,000-character line
    body = "\n\n".join([paragraph] * 100)  # about 10 MB
    site.write("content/articles/besar.md", f"---\ntitle: Besar\ndate: 2024-01-01\n---\n{body}\n")
    site.build()
    html = site.read("2024/01/besar/index.html")
    assert html.count(paragraph) == 100
