"""Related news after a story's tags were corrected (plan/retagged.py): the later
articles named are all those whose related articles differ from the site made
afresh, and the follow-ups found without the rest of the archive are the whole
plan's."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content.register import Registered
from generator.plan.related import FollowUps, RelatedNews
from generator.plan.retagged import follow_up, refollowed, rerelated
from generator.plan.site import Site, make_site
from tests.test_insertion import FILED_LATE, TAG_SETS, _late
from tests.test_plan import AUTHORS, NOW, SECTIONS, SPLIT, TAGS, parse, text


@st.composite
def archives(draw: st.DrawFn) -> list[tuple[int, list[int]]]:
    """Up to seventy stories on distinct days, each with one to three of four tags:
    tags of more than `RELATED_WINDOW` stories, counts crossing powers of two."""
    days = draw(st.lists(st.integers(0, 300), min_size=2, max_size=70, unique=True))
    return [(day, draw(TAG_SETS)) for day in days]


def _site(stories: list[tuple[int, list[int]]], filed_late: dict[int, int]) -> Site:
    articles = tuple(parse(f"a{n:02d}", text(f"Berita {n}", day, [TAGS[t] for t in tags],
                                             AUTHORS[0], "Isi.", section=SECTIONS[0]))
                     for n, (day, tags) in enumerate(stories))
    late = _late(articles, filed_late)
    site, problems = make_site(SPLIT, articles, (), False, now=NOW,
                               registered=Registered(frozenset(a.path for a in articles), late))
    assert not problems
    return site


def _follow_ups(news: RelatedNews) -> dict[int, int | None]:
    """Every listed article's follow-up, as a plan from scratch finds them."""
    whole = FollowUps(news, 0)
    return {i: whole.of(i) for i in news.site.listed}


EDITS = st.lists(st.tuples(st.integers(0, 69), TAG_SETS), min_size=1, max_size=3)
"""Stories given other tags in one build: each one's place in the archive, its tags."""


@settings(max_examples=300, deadline=None)
@given(archives(), EDITS, FILED_LATE)
@example(stories=[(n, [0] if n % 3 else [0, 1]) for n in range(60)], edits=[(20, [1])],
         filed_late={})
# A later story in whose window of a tag the story joins it: 23 stories between them.
@example(stories=[*((n, [1]) for n in range(15)), (15, [1]), *((20 + n, [0]) for n in range(23)),
                  (50, [0, 1])], edits=[(15, [0, 1])], filed_late={})
# A later story whose count of the tag the story joins becomes a power of two, far past
# its window: that tag now weighs less than another.
@example(stories=[*((n, [1]) for n in range(16)), (16, [2]), *((20 + n, [0]) for n in range(30)),
                  (60, [0, 1])], edits=[(16, [0, 2])], filed_late={})
# Two stories joining one tag: the count of a later one moves by two.
@example(stories=[*((n, [1]) for n in range(16)), (16, [2]), (17, [2]),
                  *((20 + n, [0]) for n in range(29)), (60, [0, 1])],
         edits=[(16, [0, 2]), (17, [0, 2])], filed_late={})
# Two stories joining one tag far apart, the first filed late (counted in no weight):
# the story right after the second, its window of the tag holding it.
@example(stories=[*((n, [1]) for n in range(36)), *((36 + n, [0]) for n in range(25)),
                  (61, [1]), (62, [0, 1])],
         edits=[(35, [0, 1]), (61, [0, 1])], filed_late={35: 62})
# One story out of a tag, a later one far past the window into it: the stories after
# the first are in the window of the list without it, those after the second in the
# window of the list with it.
@example(stories=[*((n, [1]) for n in range(30)), *((30 + n, [0]) for n in range(30)),
                  (60, [1])], edits=[(10, [0]), (45, [0, 1])], filed_late={})
# One story out of a tag early, another into it later: a story between them, far past
# the first's window, counts one fewer of the tag (31 to 30), which then weighs as much
# as its other tag and no longer less.
@example(stories=[*((n, [0]) for n in range(30)), *((30 + n, [1]) for n in range(31)),
                  (61, [0, 1]), *((62 + n, [0]) for n in range(10))],
         edits=[(32, [2]), (70, [0, 1])], filed_late={})
def test_stories_given_other_tags_change_only_the_related_news_named(
        stories: list[tuple[int, list[int]]], edits: list[tuple[int, list[int]]],
        filed_late: dict[int, int]) -> None:
    # Given an archive, some of its stories filed late
    before = _site(stories, filed_late)
    # When one story is given other tags, or a few are, each tag joined by some of them
    # and left by others
    tagged = {n % len(stories): tags for n, tags in edits}
    after = _site([(day, tagged.get(n, tags)) for n, (day, tags) in enumerate(stories)],
                  filed_late)
    places = {a.path: i for i, a in enumerate(after.articles)}
    points = sorted(places[f"content/articles/a{n:02d}.md"] for n in tagged)
    was_in = {index.tag.url: index.items for index in before.tags}
    moved: dict[str, tuple[int, ...]] = {}
    for index in after.tags:
        was = set(was_in.get(index.tag.url, ()))
        changed = tuple(sorted(was.symmetric_difference(index.items)))
        if changed:
            moved[index.tag.url] = changed
    old, new = RelatedNews(before), RelatedNews(after)
    # Then the later articles whose related ones differ are among those named
    named = rerelated(before, after, moved)
    assert all(i > points[0] for i in named)
    assert {i for i in after.listed if i not in points
            and old.related(i) != new.related(i)} <= named
    # And each follow-up found alone is the whole plan's
    wanted = _follow_ups(new)
    items_of = {index.tag.slug: index.items for index in after.tags}
    assert {i: follow_up(new, items_of, i) for i in after.listed} == wanted
    # And the follow-ups that changed are found again from the pages planned before
    was = _follow_ups(old)
    found = refollowed(new, {i: old.related(i) for i in (*points, *named)})
    assert {i for i in wanted if wanted[i] != was[i]} <= found.keys()
    assert all(wanted[i] == found[i] for i in found)
