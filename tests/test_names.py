"""Tags and bylines one article has that look like misspellings of shared ones
(plan/names.py): found over the whole archive, and the same when today's news is
appended to the previous site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.plan.names import NameHint, NameUse, name_hints
from generator.plan.site import make_site
from generator.plan.site_memo import append_site, site_memo
from tests.test_plan import CONFIG, NOW, parse, text

# Near misses of each other, and names nothing is near.
TAGS = ["Banjir", "Banjr", "Banjiir", "Pemilu", "Pemil", "Sekolah", "KPU", "KPK"]
AUTHORS = ["Rudi Hartono", "Rudi Hartonoo", "Sri Wahyuni", "Hmz"]


def articles(count: int) -> Callable[[int], str]:
    listed = [parse(f"a{n}", text(f"A{n}", n, ["Kota"], "Hmz", "Isi.")) for n in range(count)]
    return lambda index: listed[index].path


def test_a_single_use_close_to_a_shared_name_is_a_hint() -> None:
    listed = articles(4)
    uses = [NameUse("Banjir", (0, 1)), NameUse("Banjr", (2,)), NameUse("Sekolah", (3,))]
    assert name_hints("tag", uses, listed) == (
        NameHint("tag", "Banjr", "content/articles/a2.md", "Banjir", 2),)


def test_short_names_and_names_in_use_are_not_hints() -> None:
    listed = articles(4)
    # KPK is a different body from KPU; both spelled by two articles is a name in use.
    uses = [NameUse("KPU", (0, 1)), NameUse("KPK", (2,)),
            NameUse("Pemilu", (0,)), NameUse("Pemilu 2024", (1, 3))]
    assert name_hints("tag", uses, listed) == ()


def test_tag_aliases_count_as_names_in_use() -> None:
    listed = articles(1)
    hints = name_hints("tag", [NameUse("Pemkott", (0,))], listed, {"pemkot": "Pemkot Kota"})
    assert [(h.written, h.meant) for h in hints] == [("Pemkott", "Pemkot Kota")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TAGS) - 1), st.integers(0, len(AUTHORS) - 1)),
                min_size=1, max_size=8),
       st.lists(st.tuples(st.integers(0, len(TAGS) - 1), st.integers(0, len(AUTHORS) - 1)),
                min_size=1, max_size=4))
# (Found by the property: "Banjr" and "Banjiir" tied at two, the hint for "Banjir" named
# the first in the alphabet, and an addition to "Banjr" made it the most used.)
@example(before=[(0, 0), (1, 0), (1, 0), (2, 0), (2, 0)], added=[(1, 0)])
def test_appending_gives_the_hints_of_the_whole_archive(
        before: list[tuple[int, int]], added: list[tuple[int, int]]) -> None:
    old = tuple(parse(f"lama-{n}", text(f"Lama {n}", n, [TAGS[t]], AUTHORS[a], "Isi."))
                for n, (t, a) in enumerate(before))
    new = tuple(parse(f"baru-{n}", text(f"Baru {n}", 0, [TAGS[t]], AUTHORS[a], "Isi.")
                      .replace("date: 2024-01-01T08:00", f"date: 2024-12-30T{10 + n:02d}:00"))
                for n, (t, a) in enumerate(added))
    site, problems = make_site(CONFIG, old, (), False, now=NOW)
    assert not problems
    appended = append_site(site_memo(site, old, (), False), CONFIG, site.articles, new,
                           False, NOW)
    whole, _ = make_site(CONFIG, old + new, (), False, now=NOW)
    assert appended is not None
    assert replace(appended, articles=tuple(appended.articles)) == whole
    assert whole.name_hints == tuple(sorted(
        whole.name_hints, key=lambda h: (h.path, h.kind, h.written.casefold())))
