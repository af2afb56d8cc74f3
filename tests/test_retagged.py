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


@settings(max_examples=300, deadline=None)
@given(archives(), st.integers(0, 69), TAG_SETS, FILED_LATE)
@example(stories=[(n, [0] if n % 3 else [0, 1]) for n in range(60)], chosen=20,
         tags=[1], filed_late={})
# A later story in whose window of a tag the story joins it: 23 stories between them.
@example(stories=[*((n, [1]) for n in range(15)), (15, [1]), *((20 + n, [0]) for n in range(23)),
                  (50, [0, 1])], chosen=15, tags=[0, 1], filed_late={})
# A later story whose count of the tag the story joins becomes a power of two, far past
# its window: that tag now weighs less than another.
@example(stories=[*((n, [1]) for n in range(16)), (16, [2]), *((20 + n, [0]) for n in range(30)),
                  (60, [0, 1])], chosen=16, tags=[0, 2], filed_late={})
def test_a_story_given_other_tags_changes_only_the_related_news_named(
        stories: list[tuple[int, list[int]]], chosen: int, tags: list[int],
        filed_late: dict[int, int]) -> None:
    # Given an archive, some of its stories filed late
    before = _site(stories, filed_late)
    # When one story is given other tags
    n = chosen % len(stories)
    after = _site([*stories[:n], (stories[n][0], tags), *stories[n + 1:]], filed_late)
    point = next(i for i, a in enumerate(after.articles) if a.path.endswith(f"a{n:02d}.md"))
    old, new = RelatedNews(before), RelatedNews(after)
    # Then the later articles whose related ones differ are among those named
    was_in = {index.tag.url: index.items for index in before.tags}
    named = rerelated(before, after, {index.tag.url: point for index in after.tags
                                      if index.items != was_in.get(index.tag.url, ())})
    assert all(i > point for i in named)
    assert {i for i in after.listed if i != point
            and old.related(i) != new.related(i)} <= named
    # And each follow-up found alone is the whole plan's
    wanted = _follow_ups(new)
    items_of = {index.tag.slug: index.items for index in after.tags}
    assert {i: follow_up(new, items_of, i) for i in after.listed} == wanted
    # And the follow-ups that changed are found again from the pages planned before
    was = _follow_ups(old)
    found = refollowed(new, {i: old.related(i) for i in (point, *named)})
    assert {i for i in wanted if wanted[i] != was[i]} <= found.keys()
    assert all(wanted[i] == found[i] for i in found)
