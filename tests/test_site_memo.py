"""The site memo (plan/site_memo.py) after today's news (issue 17): `append_memo` puts
the added articles' shapes in place and shifts the old indexes, and must give what
`site_memo` gives of the site made afresh; so must a memo whose scheduled articles the
clock published (`came_due`, `unscheduled`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from generator.content.model import StaticPage
from generator.plan.late import register_marks
from generator.plan.site import make_site
from generator.plan.site_memo import (
    SiteMemo,
    append_memo,
    append_site,
    came_due,
    extend_site,
    reuse_site,
    site_memo,
    unscheduled,
)
from tests.test_plan import AUTHORS, CONFIG, NOW, TAGS, parse, text


@pytest.mark.parametrize("names", [
    ["z-terbaru"],  # after every path
    ["0-terbaru"],  # before every path
    ["a3x", "a1x", "b", "a3x-lagi"],  # between them, one right after another's path
    ["a2", "a5-kedua"],  # a known path with more after it, and one it is inside
])
def test_an_appended_memo_is_the_memo_of_the_site_made_afresh(names: list[str]) -> None:
    # Given a site of ten articles and its memo
    files = {f"a{n}": text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.")
             for n in range(10)}
    files = {(name + "-lama" if name == "a2" and "a2" in names else name): source
             for name, source in files.items()}
    known = sorted(files, key=_path)  # (as a load gives them: by path)
    articles = tuple(parse(name, files[name]) for name in known)
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    memo = site_memo(site, articles, (), False)
    # When today's news is added, one article of it a draft
    added = []
    for n, name in enumerate(names):
        extra = "draft: true\n" if n == 1 else ""
        files[name] = text(f"Terbaru {name}", 200 + n, [TAGS[n % 4]], "Hmz", "Isi.", extra)
        added.append(parse(name, files[name]))
    appended = append_site(memo, CONFIG, site.articles, added, False, NOW)
    assert appended is not None
    # Then the memo, from the counts of known paths before each added one, is the same
    assert append_memo(memo, appended, _counted(known), added) == _afresh(files)


def _path(name: str) -> str:
    return f"content/articles/{name}.md"


@pytest.mark.parametrize(("published", "new"), [
    (["a3"], []),  # a draft published alone
    (["a3", "a7"], ["a5-baru"]),  # two, and a new file between them by path
    (["a7"], ["0-baru", "z-baru"]),  # new files before and after every path
])
def test_a_memo_with_drafts_published_is_the_memo_of_the_site_made_afresh(
        published: list[str], new: list[str]) -> None:
    # Given a site of ten articles, three of them drafts, and its memo
    drafts = {"a3", "a5", "a7"}
    files = {f"a{n}": text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.",
                           "draft: true\n" if f"a{n}" in drafts else "")
             for n in range(10)}
    known = sorted(files, key=_path)
    articles = tuple(parse(name, files[name]) for name in known)
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    memo = site_memo(site, articles, (), False)
    # When drafts are published as today's news (`draft: true` taken out), new files
    # beside them
    added = []
    for n, name in enumerate([*published, *new]):
        files[name] = text(f"Terbaru {name}", 200 + n, [TAGS[n % 4]], "Hmz", "Isi.")
        added.append(parse(name, files[name]))
    appended = append_site(memo, CONFIG, site.articles, added, False, NOW)
    assert appended is not None
    # Then the memo, the drafts' shapes replaced where they were, is the site's afresh
    assert append_memo(memo, appended, _counted(known), added,
                       known={_path(name) for name in published}) == _afresh(files)


def _counted(known: list[str]) -> Callable[[str], int]:
    """`sorting_before` of the `known` articles' paths."""
    paths = [_path(name) for name in known]
    return lambda path: sum(p < path for p in paths)


def _afresh(files: dict[str, str], now: datetime = NOW) -> SiteMemo:
    """The memo of the site made afresh from `files` at `now`, by a build that keeps the
    register (it knows every article after it)."""
    everything = tuple(parse(name, files[name]) for name in sorted(files, key=_path))
    fresh, _ = make_site(CONFIG, everything, (), False, now=now)
    return site_memo(fresh, everything, (), False,
                     *register_marks(fresh.articles, fresh.late, None, True))


# Scheduled for 2025: days 10, 20 and 30 (a draft, never due), as `text` dates them.
LATER = {"j-nanti": 10, "b-nanti": 20, "z-draf": 30}


@pytest.mark.parametrize(("day", "due", "new"), [
    (10, ["j-nanti"], []),  # one came due, one still waits
    (25, ["b-nanti", "j-nanti"], []),  # both, before and between the known paths
    (20, ["b-nanti", "j-nanti"], ["m-baru"]),  # exactly at its date, a new file beside
    (5, [], ["m-baru", "q-nanti"]),  # none yet: today's news, and one more scheduled
])
def test_a_memo_whose_scheduled_articles_came_due_is_the_memo_made_afresh(
        day: int, due: list[str], new: list[str]) -> None:
    # Given a site of ten articles and three scheduled for 2025 (one a draft), its memo
    files = {f"a{n}": text(f"Berita {n}", n, [TAGS[n % 4]], AUTHORS[n % 3], "Isi.")
             for n in range(10)}
    files |= {name: text(f"Nanti {name}", later, [TAGS[later % 4], "Baru"], "Hmz", "Isi.",
                         "draft: true\n" if name == "z-draf" else "", year=2025)
              for name, later in LATER.items()}
    known = sorted(files, key=_path)
    articles = tuple(parse(name, files[name]) for name in known)
    site, _ = make_site(CONFIG, articles, (), False, now=NOW)
    memo = site_memo(site, articles, (), False)
    assert memo.scheduled.keys() == {_path("j-nanti"), _path("b-nanti")}
    # When the clock passes some of them (`text` dates a day at 08:00 +07:00), new files
    # perhaps added, one of them dated later still
    now = datetime(2025, 1 + day // 28 % 12, 1 + day % 28, 1, tzinfo=UTC)
    for name in new:
        files[name] = text(f"Baru {name}", day + 3 * name.startswith("q"), ["Kota"], "Hmz",
                           "Isi.", year=2025)
    assert came_due(memo, now) == tuple(sorted(_path(name) for name in due))
    waiting = unscheduled(memo, came_due(memo, now))
    added = [parse(name, files[name]) for name in [*due, *new]]
    appended = append_site(waiting, CONFIG, site.articles, added, False, now)
    # Then the site is the one made afresh, and so is the memo, due dates and all
    assert appended is not None
    fresh, _ = make_site(CONFIG, tuple(parse(n, files[n]) for n in sorted(files, key=_path)),
                         (), False, now=now)
    assert replace(appended, articles=tuple(appended.articles)) == fresh
    assert append_memo(waiting, appended, _counted(known), added,
                       known={_path(name) for name in due}) == _afresh(files, now)


def test_a_clock_gone_back_publishes_nothing() -> None:
    files = {"a": text("Satu", 1, ["Kota"], "Hmz", "Isi."),
             "b": text("Nanti", 10, ["Kota"], "Hmz", "Isi.", year=2025)}
    articles = tuple(parse(name, files[name]) for name in sorted(files, key=_path))
    memo = site_memo(make_site(CONFIG, articles, (), False, now=NOW)[0], articles, (), False)
    assert came_due(memo, datetime(2026, 1, 1, tzinfo=UTC)) == (_path("b"),)
    assert came_due(memo, datetime(2024, 6, 1, tzinfo=UTC)) == ()
    assert unscheduled(memo, ()) is memo


def test_a_site_from_the_memo_holds_the_static_pages_given() -> None:
    # (a memo an older quick path stored held them keyed by their photos' keys)
    articles = (parse("a", text("Satu", 1, ["Kota"], "Hmz", "Isi.")),)
    page = StaticPage(path="content/pages/tentang.md", title="Tentang", slug="tentang",
                      url="/tentang/",
                      body_hash="tulisan")
    site, _ = make_site(CONFIG, articles, (page,), False, now=NOW)
    memo = site_memo(site, articles, (page,), False)
    keyed = replace(memo, site=replace(memo.site, pages=(replace(page, body_hash="kunci"),)))
    reused = reuse_site(keyed, CONFIG, articles, (page,), False, NOW)
    assert reused is not None and reused.pages == (page,)
    more = (*articles, parse("b", text("Dua", 2, ["Kota"], "Hmz", "Isi.")))
    extended = extend_site(keyed, CONFIG, more, (page,), False, NOW)
    assert extended is not None and extended.pages == (page,)
