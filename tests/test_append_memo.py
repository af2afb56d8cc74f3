"""The site memo after today's news (issue 17): `append_memo` puts the added articles'
shapes in place and shifts the old indexes, and must give what `site_memo` gives of
the site made afresh."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.plan.late import register_marks
from generator.plan.site import make_site
from generator.plan.site_memo import SiteMemo, append_memo, append_site, site_memo
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


def _afresh(files: dict[str, str]) -> SiteMemo:
    """The memo of the site made afresh from `files`, by a build that keeps the register
    (it knows every article after it)."""
    everything = tuple(parse(name, files[name]) for name in sorted(files, key=_path))
    fresh, _ = make_site(CONFIG, everything, (), False, now=NOW)
    return site_memo(fresh, everything, (), False,
                     *register_marks(fresh.articles, fresh.late, None, True))
