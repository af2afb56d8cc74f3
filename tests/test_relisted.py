"""A story moved to another section, credited to other authors or given other tags on
the quick path (build/relisted.py `relisting`, `relisting.relisted`, `sealing.Pager._moved`,
plan/retagged.py): it leaves
some lists and joins others, keeping its place in the site; each build writes only the
files that differ, and the output, the register and the sealed pages' boundaries are a
fresh checkout's."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import ContentError
from tests.conftest import SiteMaker, fresh_checkout, hashes

SECTIONS = "".join(f'\n[[sections]]\nname = "{name}"\n' for name in ("Kota", "Desa", "Olahraga"))
NAMES = ("Kota", "Desa", "Olahraga")


def _archive(site: SiteMaker) -> None:
    """Twenty-four stories over three months in three sections and by two authors
    (page_size 3: sealed pages in each list), three tags, one withdrawn and one
    draft."""
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               .replace("[authors]", SECTIONS + "\n[authors]"))
    for n in range(24):
        month = 1 + n // 9
        extra = {"withdrawn": "Ditarik redaksi."} if n == 5 else {}
        site.article(f"2024/{month:02d}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-{month:02d}-{1 + n:02d}T08:00:00+07:00",
                     tags=f"[Tag {n % 3}]", authors="[Hmz]" if n % 2 else "[Ulm]",
                     section=NAMES[n * 7 % 5 % 3],
                     **extra)
    site.article("2024/03/a24", "Artikel 24", "2024-03-28T08:00:00+07:00", tags="[Tag 0]",
                 section="Kota", draft="true")


def _fuller_archive(site: SiteMaker) -> None:
    """`_archive` with twelve more stories in March, four in each section."""
    _archive(site)
    for n in range(12):
        site.article(f"2024/03/s{n:02d}", f"Sekian {n:02d}", f"2024-03-{1 + n:02d}T15:00:00+07:00",
                     tags=f"[Tag {n % 3}]", section=NAMES[n % 3])


def _path(site: SiteMaker, n: int) -> Path:
    return next((site.root / "content/articles").rglob(f"a{n:02d}.md"))


def _section(site: SiteMaker, n: int) -> str:
    text = _path(site, n).read_text(encoding="utf-8")
    return text.split("section: ", 1)[1].split("\n", 1)[0]


def _set(site: SiteMaker, n: int, key: str, to: str) -> None:
    """Story `n`'s frontmatter line `key` set to `to`."""
    path = _path(site, n)
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{key}: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"{key}: {to}" + text[end:], encoding="utf-8")


def _credit(site: SiteMaker, n: int, to: str) -> None:
    _set(site, n, "authors", to)


def _tag(site: SiteMaker, n: int, to: str) -> None:
    _set(site, n, "tags", to)


def _move(site: SiteMaker, n: int, to: str) -> None:
    path = _path(site, n)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"section: {_section(site, n)}\n", f"section: {to}\n"),
                    encoding="utf-8")


def _swap(site: SiteMaker, one: int, other: int) -> None:
    first, second = _section(site, one), _section(site, other)
    assert first != second
    _move(site, one, second)
    _move(site, other, first)


def _built(site: SiteMaker, make_site: Callable[[str], SiteMaker], change: Callable[[], object],
           step: str, quick: bool = True) -> set[str]:
    """The output files that differ once `change` is made and `site` built: written
    alone, the output and the tracked files a fresh checkout's; the quick path taken
    when `quick`. (`site.quick` counts the builds that took it; `site.result` is the
    build's result.)"""
    before = hashes(site.output)
    change()
    result = site.build()
    after = hashes(site.output)
    assert result.quick or not quick, step
    site.quick = getattr(site, "quick", 0) + result.quick
    site.result = result
    differ = {p for p in after if before.get(p) != after[p]}
    assert set(result.written) == differ, step
    clean = fresh_checkout(site, make_site(f"clean-{len(list(site.root.parent.iterdir()))}"))
    fresh = clean.build()
    assert hashes(clean.output) == after, step
    assert [str(p) for p in result.warnings] == [str(p) for p in fresh.warnings], step
    for tracked in ("content/list-pages.txt", "content/published-urls.txt"):
        assert (clean.root / tracked).read_text(encoding="utf-8") == \
            (site.root / tracked).read_text(encoding="utf-8"), step
    return differ


MOVES: dict[str, Callable[[SiteMaker], None]] = {
    # An old story: it leaves a sealed page of its section and joins one of another's.
    "an old story": lambda s: _move(s, 3, "Olahraga"),
    # The newest of its section: from that section's newest page (two stories) to
    # another's (one story, then two).
    "the newest story": lambda s: _move(s, 20, "Desa"),
    # Out of every section (then back into one): its page shows the site's neighbours.
    "out of every section": lambda s: _path(s, 13).write_text(_path(s, 13).read_text(
        encoding="utf-8").replace(f"section: {_section(s, 13)}\n", ""), encoding="utf-8"),
    # A withdrawn story: in no list, its own page alone.
    "a withdrawn story": lambda s: _move(s, 5, "Olahraga" if _section(s, 5) != "Olahraga"
                                         else "Kota"),
    # A draft: nothing on the site changes.
    "a draft": lambda s: _move(s, 24, "Desa"),
    # Moved and featured in one edit: the home page's picks too.
    "moved and featured": lambda s: _move(s, 10, "Kota" if _section(s, 10) != "Kota"
                                          else "Desa") or _path(s, 10).write_text(
        _path(s, 10).read_text(encoding="utf-8").replace("tags:", "featured: true\ntags:"),
        encoding="utf-8"),
    # Credited to the other reporter: it leaves one author's list and feed for another's.
    "credited to another author": lambda s: _credit(s, 9, "[Ulm]"),
    # A new reporter's byline: their list and page, their address in the register (and
    # back: their list ends, its addresses gone).
    "a new author": lambda s: _credit(s, 7, "[Adi]"),
    # A second byline: it joins that author's list, stays in the first's.
    "a second byline": lambda s: _credit(s, 14, "[Ulm, Hmz]"),
    # Another section and another author in one edit.
    "moved and credited": lambda s: _move(s, 3, "Olahraga") or _credit(s, 3, "[Ulm]"),
    # A tag added: it joins a sealed page of that tag's list, and the related news of
    # the stories after it may change.
    "a tag added": lambda s: _tag(s, 7, "[Tag 1, Tag 2]"),
    # Tagged otherwise: it leaves one tag's list for another's.
    "tagged otherwise": lambda s: _tag(s, 4, "[Tag 0]"),
    # The newest story of a tag given another.
    "the newest of a tag": lambda s: _tag(s, 23, "[Tag 0, Tag 1]"),
    # Another section and another tag in one edit.
    "moved and tagged": lambda s: _move(s, 11, "Desa") or _tag(s, 11, "[Tag 0]"),
    # Two stories given other tags in one build, each list joined or left by one.
    "two stories retagged": lambda s: _tag(s, 7, "[Tag 1, Tag 2]") or _tag(s, 10, "[Tag 0]"),
    # One story moved to another section, another credited otherwise, in one build.
    "one moved, one credited": lambda s: _move(s, 3, "Olahraga") or _credit(s, 9, "[Ulm]"),
    # Three stories given one more tag in one build (an ongoing story's old coverage
    # tagged): that tag's list gains three, in sealed pages and the newest.
    "three stories tagged alike": lambda s: [_tag(s, n, "[Tag 1, Tag 0]") for n in (1, 4, 22)]
    and None,
    # Two stories out of one tag in one build: it loses two (two sealed pages shorter).
    "two stories out of one tag": lambda s: _tag(s, 1, "[Tag 2]") or _tag(s, 4, "[Tag 2]"),
    # Two stories out of one section, an old one and its newest: a sealed page and the
    # unsealed rest shrink together.
    "two stories out of one section": lambda s: _move(s, 3, "Kota") or _move(s, 23, "Kota"),
    # A tag new to the archive: its list, its address in the register, the tag index.
    "a new tag": lambda s: _tag(s, 8, "[Tag 2, Banjir]"),
    # A new tag on two stories in one build, one of them filed in a sealed page.
    "a new tag on two stories": lambda s: _tag(s, 2, "[Tag 2, Banjir Bandang]")
    or _tag(s, 23, "[Tag 2, Banjir Bandang]"),
    # A new tag misspelt: a name hint ("Tag 11" is one letter off "Tag 1").
    "a new tag misspelt": lambda s: _tag(s, 12, "[Tag 0, Tag 11]"),
    # A story out of one tag, another into it, in one build (Tag 1 keeps its count).
    "one out of a tag, one into it": lambda s: _tag(s, 1, "[Tag 2]") or _tag(s, 3, "[Tag 1]"),
    # Two stories' sections swapped (each section loses one and gains one).
    "two sections swapped": lambda s: _swap(s, 3, 4),
    # A tag put on the story it was meant for, taken off the one it was typed on, and
    # a third story leaving the tag (it loses two and gains one).
    "a tag moved to the story meant": lambda s: _tag(s, 4, "[Tag 0]") or _tag(
        s, 10, "[Tag 2]") or _tag(s, 3, "[Tag 0, Tag 1]"),
}


@pytest.mark.parametrize("name", sorted(MOVES))
def test_a_story_moved_to_other_lists_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive in three sections
    _archive(site)
    site.build()
    sources = {p: p.read_bytes() for p in (site.root / "content").rglob("*.md")}
    for n, step in enumerate(("moved", "news", "moved back", "news")):
        # When an editor moves a story, today's news follows, then the move is undone
        differ = _built(site, make_site, {
            "moved": lambda: MOVES[name](site),
            "news": lambda n=n: site.article(
                f"2024/03/baru{n}", f"Berita Baru {n}", f"2024-03-2{n}T09:00:00+07:00",
                tags="[Tag 2]", section="Desa"),
            "moved back": lambda: [p.write_bytes(t) for p, t in sources.items()]}[step], step)
        # Then each build took the quick path (undoing included: stories leaving one
        # list, a tag left with none) and wrote only what differs; a move of a listed
        # story rewrote both sections' pages
        if step.startswith("moved") and name in ("an old story", "the newest story"):
            assert sum(p.startswith("rubrik/") and p.endswith("index.html")
                       for p in differ) >= 2, step


@pytest.mark.parametrize("name", ["an old story", "the newest story", "a tag added",
                                  "a new tag", "credited to another author",
                                  "two stories retagged"])
def test_a_story_moved_beside_todays_news_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive in three sections
    _archive(site)
    site.build()
    # When an editor corrects a story and files today's news in one build (its own
    # lists, other than the story's), then the build takes the quick path and gives a
    # fresh checkout's output
    _built(site, make_site, lambda: MOVES[name](site) or site.article(
        "2024/03/kini", "Berita Kini", "2024-03-29T09:00:00+07:00", tags="[Kabar Kini]",
        section="Olahraga" if name == "the newest story" else "Kota",
        authors="[Adi]"), name)
    # And a correction whose list today's news joins too goes the whole way, as a fresh
    # checkout builds it
    _built(site, make_site, lambda: _tag(site, 13, "[Tag 1, Tag 0]") or site.article(
        "2024/03/lagi", "Berita Lagi", "2024-03-30T09:00:00+07:00", tags="[Tag 0]"),
        "a list both join", quick=False)


def test_random_moves_give_a_fresh_checkouts_output(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive in three sections
    _archive(site)
    site.build()
    chooser = random.Random(18)
    moves = 0
    for step in range(16):
        n = chooser.randrange(24)
        to = chooser.choice([s for s in NAMES if s != _section(site, n)])
        if step % 5 == 4:  # today's news now and then, filling newest pages
            _built(site, make_site, lambda step=step, to=to: site.article(
                f"2024/03/lagi{step}", f"Lagi {step}", f"2024-03-{10 + step}T20:00:00+07:00",
                tags="[Tag 1]", section=to), f"news {step}")
            continue
        # When a random story moves to a random other section, or is credited to the
        # other author, then the output is a fresh checkout's
        credit = "[Ulm]" if "authors: [Hmz]" in _path(site, n).read_text(encoding="utf-8") \
            else "[Hmz]"
        change = (lambda n=n, to=to: _move(site, n, to)) if step % 3 else (
            lambda n=n, credit=credit: _credit(site, n, credit))
        _built(site, make_site, change, f"move {step}", quick=False)
        moves += 1
    # And the quick path took nearly all of them (not an author's oldest story, nor two
    # of two: test_site_memo)
    assert site.quick >= moves + 3 - 2, site.quick


def test_stories_leaving_one_section_together_give_a_fresh_checkouts_output(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive in three sections, with more stories in each
    _fuller_archive(site)
    site.build()
    chooser = random.Random(42)
    for step in range(8):
        # When two to four stories of one section move to another in one build (old
        # ones in sealed pages, the newest in the unsealed rest), today's news now and
        # then beside them in a list of its own
        stories = [n for n in range(24) if n != 5 and _section(site, n) == NAMES[step % 3]]
        moving = chooser.sample(stories, min(len(stories) - 1, chooser.randint(2, 4)))
        to = NAMES[(step + 1 + step // 3) % 3]
        # Then the output is a fresh checkout's, on the quick path
        _built(site, make_site, lambda moving=moving, to=to, step=step: [
            _move(site, n, to) for n in moving] and (step % 3 != 2 or site.article(
                f"2024/04/kini{step}", f"Kini {step}", f"2024-04-0{1 + step}T08:00:00+07:00",
                tags="[Kabar Kini]", authors="[Ulm]")), f"step {step}: {moving} to {to}")


def test_stories_shuffled_between_sections_and_tags_give_a_fresh_checkouts_output(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive in three sections, with more stories in each
    _fuller_archive(site)
    site.build()
    chooser = random.Random(43)
    steps = 10
    for step in range(steps):
        # When two to four stories each move to another section, or get another tag, in
        # one build (lists losing some and gaining others, sealed pages and the rest)
        moving = chooser.sample([n for n in range(24) if n not in (0, 5)], chooser.randint(2, 4))
        sections = {n: chooser.choice([s for s in NAMES if s != _section(site, n)])
                    for n in moving}
        tags = {n: f"[Tag {chooser.randrange(3)}]" for n in moving if chooser.random() < 0.4}
        # Then the output is a fresh checkout's, nearly always on the quick path
        _built(site, make_site, lambda sections=sections, tags=tags: [
            _move(site, n, to) for n, to in sections.items()] + [
            _tag(site, n, to) for n, to in tags.items()], f"step {step}: {sections} {tags}",
            quick=False)
    assert site.quick >= steps - 2, site.quick


def test_random_tag_corrections_give_a_fresh_checkouts_output(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive of sixty stories with one to three of five tags (tags of
    # more stories than related news looks back over, counts crossing powers of two)
    _archive(site)
    chooser = random.Random(41)
    names = ("Kota", "Banjir", "Pemilu", "Sekolah", "Jalan")
    for n in range(36):
        tags = chooser.sample(names, chooser.randint(1, 3))
        site.article(f"2024/04/r{n:02d}", f"Ragam {n:02d}", f"2024-04-{1 + n % 28:02d}T"
                     f"{10 + n // 28:02d}:00:00+07:00", tags=f"[{', '.join(tags)}]",
                     section=NAMES[n % 3])
    site.build()
    edits = 0
    for step in range(10):
        retagged = {chooser.randrange(36): chooser.sample(names, chooser.randint(1, 3))
                    for _ in range(1 + (step % 3 == 2))}
        # When a random story is given other tags, or two are (today's news now and
        # then, in the same build or its own), then the output is a fresh checkout's
        _built(site, make_site, lambda retagged=retagged, step=step: [path.write_text(re.sub(
            r"tags: \[.*\]", f"tags: [{', '.join(tags)}]", path.read_text(encoding="utf-8")),
            encoding="utf-8") for n, tags in retagged.items()
            if (path := site.root / f"content/articles/2024/04/r{n:02d}.md")] and (
                step % 4 != 1 or site.article(  # (today's news in the same build)
                    f"2024/05/pula{step}", f"Pula {step}", f"2024-05-2{step}T08:00:00+07:00",
                    tags=f"[{chooser.choice(names)}]", section="Desa")),
            f"tags {step}", quick=False)
        edits += 1
        if step % 4 == 3:
            _built(site, make_site, lambda step=step: site.article(
                f"2024/05/kini{step}", f"Kini {step}", f"2024-05-{1 + step:02d}T08:00:00+07:00",
                tags="[Kota, Banjir]", section="Kota"), f"news {step}")
    # And the quick path took most of them
    assert site.quick >= edits - 3 + 2, site.quick


def test_the_only_story_of_a_newest_page_moved_out_empties_it_as_a_fresh_checkout_does(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a section whose newest page holds one story (after sealed pages of three)
    _archive(site)
    for n in range(5):
        site.article(f"2024/03/o{n}", f"Olah {n}", f"2024-03-{20 + n}T10:00:00+07:00",
                     tags="[Tag 0]", section="Olahraga")
    site.build()
    pages = (site.root / "content/list-pages.txt").read_text(encoding="utf-8")
    assert "/rubrik/olahraga/page/3/ 2024-03-23T10:00:00+07:00 content/articles/2024/03/" \
        "o3.md" in pages
    # When that story moves, the sealed page below takes the list's URL and its number
    # points there, on the quick path, as on a fresh checkout
    path = site.root / "content/articles/2024/03/o4.md"
    differ = _built(site, make_site, lambda: path.write_text(path.read_text(
        encoding="utf-8").replace("Olahraga", "Kota"), encoding="utf-8"),
        "the newest page emptied")
    last = max(int(line.split("/page/")[1].split("/")[0]) for line in pages.splitlines()
               if line.startswith("/rubrik/olahraga/page/"))
    assert {"rubrik/olahraga/index.html", f"rubrik/olahraga/page/{last}/index.html"} <= differ
    # (the emptied number's pointer to the list's URL stays put)
    assert f"rubrik/olahraga/page/{last + 1}/index.html" not in differ
    # And back: the page opens again
    _built(site, make_site, lambda: path.write_text(path.read_text(
        encoding="utf-8").replace("section: Kota", "section: Olahraga"), encoding="utf-8"),
        "the newest page again")


REFUSED: dict[str, Callable[[SiteMaker], None]] = {
    # An author's oldest story: their first spelling may title their page.
    "an author's oldest story": lambda s: _credit(s, 0, "[Hmz]"),
    # A withdrawn story: its own page's byline links.
    "a withdrawn story credited": lambda s: _credit(s, 5, "[Ulm]"),
    # Two stories moved into one section in one build: it gains two.
    "two moves into one section": lambda s: _move(s, 3, "Olahraga") or _move(s, 4, "Olahraga"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_quick_path_leaves_to_the_whole_way_gives_a_fresh_checkouts_output(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _archive(site)
    site.build()
    _built(site, make_site, lambda: REFUSED[name](site), name, quick=False)


def test_a_tag_spelt_otherwise_fails_the_build_naming_both_files(site: SiteMaker) -> None:
    # Given a built archive
    _archive(site)
    site.build()
    before = hashes(site.output)
    # When a story's tag is spelt otherwise than the archive spells it
    _tag(site, 8, "[tag 2]")
    # Then the build (the whole way) names both files, and the output stays as it was
    with pytest.raises(ContentError, match="a08.md:5: the tag 'tag 2' .*a02.md:5"):
        site.build()
    assert hashes(site.output) == before


def _bylines(site: SiteMaker, names: list[str]) -> None:
    for n, name in enumerate(names):
        site.article(f"2024/01/b{n}", f"Berita {n}", f"2024-01-{n + 1:02d}T08:00:00+07:00",
                     tags="[Kota]", authors=f"[{name}]")


BYLINES: dict[str, tuple[list[str], int, str, bool]] = {
    # A name hint's count: "Budi Santosa" (one story) is close to Budi Santoso (four,
    # then three): the hints are found again, on the quick path.
    "a hint's count": (["Budi Santoso", "Ani Wijaya", "Budi Santoso", "Ani Wijaya",
                        "Budi Santoso", "Ani Wijaya", "Budi Santoso", "Budi Santosa"],
                       4, "Ani Wijaya", True),
    # The name a hint suggests: "Budi Santos" is close to two names of three stories
    # each, then one of them has four.
    "a hint's name": (["Budi Santosa", "Budi Santoso", "Budi Santosa", "Budi Santoso",
                       "Budi Santosa", "Budi Santoso", "Budi Santos"], 2, "Budi Santoso",
                      True),
    # A byline of one story joined: it is shared now, and a hint may name it.
    "one of one joined": (["Budi Santoso", "Ani Wijaya", "Budi Santoso", "Ani Wijaya",
                           "Ani Wijaya", "Budi Santosa", "Rina Lestari"], 4, "Rina Lestari",
                          True),
    # An author's oldest story spelt otherwise: that spelling titles their page (the
    # whole way).
    "the oldest spelt otherwise": (["Budi Santoso", "Ani Wijaya"] * 3, 0, "BUDI SANTOSO",
                                   False),
    # Initials written out on the oldest story: the page's `[authors]` entry.
    "initials written out": (["Hmz", "Ulm"] * 3, 0, "Hamid Zulkarnain", False),
}


@pytest.mark.parametrize("name", sorted(BYLINES))
def test_a_byline_near_name_hints_or_first_spellings_gives_a_fresh_checkouts_output(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given stories whose bylines carry name hints or first spellings
    names, n, to, quick = BYLINES[name]
    _bylines(site, names)
    site.build()
    # When one is credited otherwise, the output and the warnings are a fresh
    # checkout's, on the quick path where it finds the hints again
    path = site.root / f"content/articles/2024/01/b{n}.md"
    _built(site, make_site, lambda: path.write_text(path.read_text(encoding="utf-8").replace(
        f"authors: [{names[n]}]", f"authors: [{to}]"), encoding="utf-8"), name, quick=quick)
