"""Stories filed late (plan/insertion.py): articles dated in before the newest are
indexed as `make_site` indexes them and planned as `make_plan` plans them, every page
whose bytes they change among those planned."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content.model import Article
from generator.content.register import Registered
from generator.plan.feeds_and_lists import Before, list_counts
from generator.plan.insertion import insert_site
from generator.plan.insertion import replanned as replanned_around
from generator.plan.late import register_marks
from generator.plan.planner import make_plan, plan_appended
from generator.plan.related import RelatedNews, among
from generator.plan.site import make_site
from generator.plan.site_memo import site_memo
from generator.plan.sitemaps import sitemaps_of
from tests.test_plan import AUTHORS, NOW, SECTIONS, SPLIT, TAGS, parse, template_key, text

TAG_SETS = st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True)
FILED_LATE = st.dictionaries(st.integers(0, 29), st.integers(0, 29), max_size=4)
"""Stories filed late: article n of an archive, after the date of its article m."""


def _late(articles: tuple[Article, ...], filed: dict[int, int]) -> dict[str, datetime]:
    return {articles[n].path: articles[m].date for n, m in filed.items()
            if n < len(articles) and m < len(articles)}


@st.composite
def archives(draw: st.DrawFn) -> dict[str, str]:
    """An archive whose articles have one to three of four tags, on distinct days."""
    days = draw(st.lists(st.integers(0, 300), min_size=3, max_size=30, unique=True))
    return {f"a{n:02d}": text(f"Berita {n}", day, [TAGS[t] for t in draw(TAG_SETS)],
                              AUTHORS[0], f"Isi {n}.", section=SECTIONS[day % 3])
            for n, day in enumerate(days)}


STORY = st.tuples(st.integers(0, 300), TAG_SETS, st.integers(0, 2), st.booleans(),
                  st.integers(0, 1))
"""A story filed late: its day, tags, section, whether it is featured, its author."""


@settings(max_examples=300, deadline=None)
@given(archives(), st.lists(STORY, min_size=1, max_size=3), FILED_LATE)
@example(files={f"a{n:02d}": text(f"Berita {n}", 10 * n, [TAGS[0], TAGS[1]], AUTHORS[0],
                                  f"Isi {n}.", section=SECTIONS[0]) for n in range(12)},
         stories=[(35, [0, 1], 0, False, 0), (36, [0, 1], 0, False, 1),
                  (95, [0], 0, False, 0)], filed_late={})  # (two into one sealed page)
def test_inserted_articles_plan_every_page_that_changes_as_make_plan_does(
        files: dict[str, str], stories: list[tuple[int, list[int], int, bool, int]],
        filed_late: dict[int, int]) -> None:
    # Given an archive, a few of its stories filed late, planned once (its full pages
    # sealed) and planned again
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    known = frozenset(a.path for a in articles)
    late = _late(articles, filed_late)
    site, problems = make_site(SPLIT, articles, (), False, now=NOW,
                               registered=Registered(known, late))
    assert not problems
    before = make_plan(site, template_key, "globals", [])
    # When one article or a few are dated in before the newest (stories filed late, in
    # one build, today's news perhaps beside them) (by the archive's author, or by one
    # new to it)
    added = tuple(parse(f"susulan{n}", text(
        f"Susulan {n}", day, [TAGS[t] for t in tags], AUTHORS[author], f"Isi susulan {n}.",
        section=SECTIONS[section], extra="featured: true\n" if early else ""))
        for n, (day, tags, section, early, author) in enumerate(stories))
    # (the register knows every article but them)
    whole, problems = make_site(SPLIT, articles + added, (), False, now=NOW,
                                registered=Registered(known, late))
    points = tuple(sorted(whole.articles.index(a) for a in added))
    assert not problems
    newest = max(i for i, a in enumerate(whole.articles) if a.path in known)
    assert all((point in whole.late) == (point < newest) for point in points)
    # (the memo of a build that kept the register: it knows every article)
    inserted = insert_site(site_memo(site, articles, (), False,
                                     *register_marks(site.articles, site.late, None, True)),
                           SPLIT, whole.articles, points, False, NOW)
    # Then its site is make_site's (those dated after every article are today's news,
    # filed with them, and not late)
    assert inserted is not None
    assert replace(inserted, articles=tuple(inserted.articles)) == whole
    # And the pages planned for them are make_plan's, and every page that changed is
    # among them (a page keeps its fingerprint when it shows the same articles)
    # (what the quick path reads of the stored pages, their indexes moved past them)
    old_page = {p.url: p for p in before.pages if p.kind == "article"}
    place = {a.path: i for i, a in enumerate(whole.articles)}

    def moved(index: int | None) -> int | None:
        return None if index is None else place[site.articles[index].path]

    replanned = replanned_around(whole, points)
    kept = {i: moved(old_page[whole.articles[i].url].follow_up) for i in replanned
            if i not in points}
    moves = next((p.links for p in before.pages if p.kind == "redirects"), ())
    entries = sitemaps_of(before.pages)
    plan = plan_appended(inserted, template_key, "globals", lambda i: whole.articles[i].key,
                         Before(len(site.articles), list_counts(site), moves, entries, kept,
                                tails=before.tails, inserted=points, sealed=before.sealed,
                                replanned=tuple(sorted(replanned))))
    whole_plan = make_plan(whole, template_key, "globals", [], sealed=before.sealed)
    fresh = {p.output: p for p in whole_plan.pages}
    old = {p.output: p for p in before.pages}
    assert all(fresh[p.output] == p for p in plan.pages)
    assert {o for o, p in fresh.items() if o not in old
            or old[o].fingerprint != p.fingerprint} <= {p.output for p in plan.pages}
    # And the pages they filled up are sealed as the whole way seals them
    assert {**before.sealed, **{base: before.sealed.get(base, ()) + keys
                                for base, keys in plan.sealed.items()}} == whole_plan.sealed


@settings(max_examples=200, deadline=None)
@given(archives(), st.integers(0, 300), TAG_SETS, FILED_LATE)
def test_a_story_filed_late_changes_no_other_articles_related_ones(
        files: dict[str, str], day: int, tags: list[int], filed_late: dict[int, int]) -> None:
    # Given an archive, a few of its stories filed late
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    known = frozenset(a.path for a in articles)
    late = _late(articles, filed_late)
    site, _ = make_site(SPLIT, articles, (), False, now=NOW, registered=Registered(known, late))
    # When a story is dated in among them
    added = parse("susulan", text("Susulan", day, [TAGS[t] for t in tags], AUTHORS[0],
                                  "Isi susulan.", section=SECTIONS[0]))
    whole, _ = make_site(SPLIT, articles + (added,), (), False, now=NOW,
                         registered=Registered(known, late))
    point = whole.articles.index(added)
    # Then every other article has the related articles it had (indexes moved past it)
    before, after = RelatedNews(site), RelatedNews(whole)
    for index in site.listed:
        moved = index + (index >= point)
        assert after.related(moved) == tuple(i + (i >= point) for i in before.related(index))


def test_a_story_is_dated_in_quickly_only_when_it_joins_no_related_articles() -> None:
    # Given a site of four articles of one tag
    files = {f"a{n}": text(f"Berita {n}", 10 * n, [TAGS[0]], AUTHORS[0], "Isi.")
             for n in range(4)}
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    site, _ = make_site(SPLIT, articles, (), False, now=NOW)
    everything = frozenset(a.path for a in site.articles)
    # a preview's memo (the register knows the first two), a build's (it knows all)
    preview = Registered(frozenset(a.path for a in site.articles[:2]), {})
    for registered, kept, quick in ((preview, False, False), (preview, True, True)):
        memo = site_memo(site, articles, (), False,
                         *register_marks(site.articles, site.late, registered, kept))
        # When a story is dated in before the newest article (and before the second)
        for day in (15, 5):
            added = parse(f"susulan{day}", text("Susulan", day, [TAGS[0]], AUTHORS[0], "Isi."))
            whole, _ = make_site(SPLIT, articles + (added,), (), False, now=NOW,
                                 registered=Registered(everything, {}))
            point = whole.articles.index(added)
            inserted = insert_site(memo, SPLIT, whole.articles, (point,), False, NOW)
            # Then the preview's goes the whole way: filed after the second, the story
            # would be among the related articles of the third and fourth, which the
            # register does not know yet; a build's is inserted, late
            assert (inserted is not None) == quick
            assert inserted is None or inserted.late == {point: site.articles[-1].date}


def test_a_story_filed_late_in_a_large_tag_changes_no_other_articles_related_ones() -> None:
    # Given forty articles of one tag (a tag large beside its few late stories)
    files = {f"a{n:02d}": text(f"Berita {n}", 5 * n, [TAGS[0], TAGS[n % 2 + 1]], AUTHORS[0],
                               "Isi.") for n in range(40)}
    articles = tuple(parse(name, files[name]) for name in sorted(files))
    known = frozenset(a.path for a in articles)
    site, _ = make_site(SPLIT, articles, (), False, now=NOW, registered=Registered(known, {}))
    before = RelatedNews(site)
    for day in range(1, 195, 5):
        # When a story is dated in among them (before each fifth of the tag's count)
        added = parse("susulan", text("Susulan", day, [TAGS[0], TAGS[1]], AUTHORS[0], "Isi."))
        whole, _ = make_site(SPLIT, articles + (added,), (), False, now=NOW,
                             registered=Registered(known, {}))
        point = whole.articles.index(added)
        assert point in whole.late
        # Then every other article keeps its related articles (the later ones' counts of
        # the tag, crossing powers of two, leave the story out), and it has its own
        after = RelatedNews(whole)
        for index in site.listed:
            moved = index + (index >= point)
            assert after.related(moved) == tuple(i + (i >= point)
                                                 for i in before.related(index))
        assert all(i < point for i in after.related(point))


@given(st.lists(st.integers(0, 2000), unique=True, max_size=300),
       st.lists(st.integers(0, 2000), unique=True, max_size=6))
@example(items=list(range(0, 300, 3)), few=[3, 4, 150, 299])  # (looked up: few beside it)
def test_the_late_stories_of_a_tag_are_found_the_same_looked_up_or_scanned(
        items: list[int], few: list[int]) -> None:
    # (`among` looks them up when they are few beside the tag, else scans the tag)
    assert among(sorted(items), sorted(few)) == sorted(set(items) & set(few))
