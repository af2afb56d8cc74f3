"""The site memo after edits that move an article between lists, keeping its place
(plan/relisting.py): each is the memo made afresh, or None where the quick path
leaves the change to the whole way."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pytest

from generator.plan.relisting import refeatured, relisted
from generator.plan.site_memo import SiteMemo
from tests.test_plan import AUTHORS, SECTIONS, TAGS, parse, text
from tests.test_site_memo import _afresh, _counted, _path


@pytest.mark.parametrize("switched", [
    ["a2"],  # featured: a pick, or the lead when the newest
    ["a7"],  # no longer featured
    ["a5", "a9"],  # a draft featured (not on the site), the newest featured
])
def test_a_memo_whose_featured_articles_switched_is_the_memo_made_afresh(
        switched: list[str]) -> None:
    # Given a site of ten articles, two featured and one a draft, and its memo
    def source(n: int, featured: bool) -> str:
        extra = ("featured: true\n" if featured else "") + ("draft: true\n" if n == 5 else "")
        return text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.", extra)

    files = {f"a{n}": source(n, n in (3, 7)) for n in range(10)}
    memo = _afresh(files)
    # When the editors switch `featured` on some
    for name in switched:
        n = int(name[1:])
        files[name] = source(n, n not in (3, 7))
    known = sorted(files, key=_path)
    places = {_path(known[i]): n for n, i in enumerate(memo.order)}
    # Then the memo with their shapes and `featured` put in is the memo made afresh
    assert refeatured(memo, [parse(name, files[name]) for name in switched], places,
                      _counted(known)) == _afresh(files)


@pytest.mark.parametrize("moved", [
    {"a2": "Olahraga"},  # from one section to another
    {"a8": ""},  # out of every section
    {"a4": "Kota"},  # a draft (not on the site)
    {"a6": "Kota"},  # a withdrawn story (in no list)
])
def test_a_memo_whose_article_moved_section_is_the_memo_made_afresh(
        moved: dict[str, str]) -> None:
    # Given a site of ten articles in two sections (one with none), a draft and a
    # withdrawn story, and its memo
    def source(n: int, section: str) -> str:
        extra = ("draft: true\n" if n == 4 else "") + (
            "withdrawn: Ditarik.\n" if n == 6 else "")
        return text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.", extra,
                    section=section)

    files = {f"a{n}": source(n, SECTIONS[n % 3]) for n in range(10)}
    memo = _afresh(files)
    # When an editor moves a story to another section
    for name, section in moved.items():
        files[name] = source(int(name[1:]), section)
    # Then the memo with its shape and sections put in is the memo made afresh
    assert _relisted(memo, files, moved) == _afresh(files)


@pytest.mark.parametrize(("name", "author", "fresh"), [
    ("a7", "Hmz", True),  # from one author to another (each keeps two or more)
    ("a4", "Budi Santoso", True),  # to a byline a name hint names: its count moves
    ("a9", "Hmz", True),  # that byline left with one story: the hint goes
    ("a0", "Ulm", False),  # an author's oldest story: their first spelling titles the page
    ("a9", "Baru", True),  # a new author: their list
    ("a5", "Budi Santoso", True),  # a misspelt byline corrected: its author ends
    ("a6", "Hmz", False),  # a withdrawn story: its page's byline links
])
def test_a_memo_whose_article_was_credited_otherwise_is_the_memo_made_afresh(
        name: str, author: str, fresh: bool) -> None:
    # Given a site of ten articles by three reporters and a byline two stories share,
    # another misspelt (a name hint), one withdrawn, and its memo
    def source(n: int, byline: str) -> str:
        return text(f"Berita {n}", n, [TAGS[n % 4]], byline, "Isi.",
                    "withdrawn: Ditarik.\n" if n == 6 else "", section=SECTIONS[n % 3])

    bylines = {n: AUTHORS[n % 3] for n in range(10)} | {
        8: "Budi Santoso", 9: "Budi Santoso", 5: "Budi Santosa"}
    files = {f"a{n}": source(n, byline) for n, byline in bylines.items()}
    memo = _afresh(files)
    assert [hint.written for hint in memo.site.name_hints] == ["Budi Santosa"]
    # When a story is credited to another author
    files[name] = source(int(name[1:]), author)
    # Then the memo with its shape and authors' lists put in is the memo made afresh,
    # or None where the quick path leaves it to the whole way
    found = _relisted(memo, files, [name], recredited={_path(name)})
    assert found == (_afresh(files) if fresh else None)


@pytest.mark.parametrize("order", [("a8", "a9"), ("a9", "a8")])
def test_both_stories_of_an_author_credited_otherwise_end_them_in_either_order(
        order: tuple[str, str]) -> None:
    # Given a site of ten articles by three reporters, two stories by a fourth
    def source(n: int, byline: str) -> str:
        return text(f"Berita {n}", n, [TAGS[n % 4]], byline, "Isi.", section=SECTIONS[n % 3])

    bylines = {n: AUTHORS[n % 3] for n in range(10)} | {8: "Budi Santoso", 9: "Budi Santoso"}
    files = {f"a{n}": source(n, byline) for n, byline in bylines.items()}
    memo = _afresh(files)
    # When both are credited to another in one build, the oldest handed first or last
    for name in order:
        files[name] = source(int(name[1:]), "Hmz")
    # Then the author ends, as the memo made afresh has it
    paths = {_path(name) for name in order}
    assert _relisted(memo, files, order, recredited=paths) == _afresh(files)


@pytest.mark.parametrize(("name", "tags", "fresh"), [
    ("a5", ["Pemilu", "Banjir"], True),  # a tag added (each keeps two or more)
    ("a4", ["Kota"], True),  # a tag taken out, another put in
    ("a0", ["Banjir"], True),  # a tag's oldest story leaving it
    ("a1", ["Sekolah", "Banjir"], True),  # only reordered: no list changes
    ("a6", ["Banjir"], True),  # a withdrawn story (in no list)
    ("a7", ["Banjir", "Jembatan"], True),  # a new tag: its list, the tag index
    ("a7", ["Banjir", "Pemiluu"], True),  # a new tag, misspelt: a name hint
    ("a9", ["Kota"], True),  # a tag left with one story
    ("a0", ["Kota", "Jalan Tol"], True),  # a tag the archive has once: now shared
    ("a7", ["Banjir", "Pemilu"], True),  # a hint is close to "Pemilu": its count moves
    ("a3", ["Kota"], True),  # a tag left with none: it ends (a gone notice answers)
    ("a8", ["Pemilu"], True),  # a misspelt tag corrected: it ends, its hint goes
    ("a7", ["banjir"], False),  # spelt otherwise: the whole way names the clash
])
def test_a_memo_whose_article_was_tagged_otherwise_is_the_memo_made_afresh(
        name: str, tags: list[str], fresh: bool) -> None:
    # Given a site of ten articles with four tags (one of them on two stories only),
    # one withdrawn, a tag only one story has, one misspelt, and its memo
    def source(n: int, tagged: list[str]) -> str:
        return text(f"Berita {n}", n, tagged, AUTHORS[n % 3], "Isi.",
                    "withdrawn: Ditarik.\n" if n == 6 else "", section=SECTIONS[n % 3])

    given = {n: [TAGS[n % 3], *(["Sekolah"] if n in (1, 9) else [])] for n in range(10)}
    given[3] = [*given[3], "Jalan Tol"]
    given[8] = [*given[8], "Pemilus"]
    files = {f"a{n}": source(n, tagged) for n, tagged in given.items()}
    memo = _afresh(files)
    assert [hint.written for hint in memo.site.name_hints] == ["Pemilus"]
    # When a story is given other tags
    files[name] = source(int(name[1:]), tags)
    # Then the memo with its shape and tags' lists put in is the memo made afresh, or
    # None where the quick path leaves it to the whole way
    found = _relisted(memo, files, [name], retagged={_path(name)})
    assert found == (_afresh(files) if fresh else None)


def _relisted(memo: SiteMemo, files: dict[str, str], moved: Iterable[str],
              recredited: Collection[str] = (), retagged: Collection[str] = ()
              ) -> SiteMemo | None:
    """`relisted` of `memo` (made of `files` before) given the `moved` files as they are
    now, with the places, counts and paths a quick build hands it."""
    known = sorted(files, key=_path)
    places = {_path(known[i]): n for n, i in enumerate(memo.order)}
    return relisted(memo, [parse(name, files[name]) for name in moved], places,
                    _counted(known), recredited, retagged,
                    lambda n: _path(known[memo.order[n]]))
