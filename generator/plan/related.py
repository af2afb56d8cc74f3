"""Related news, both ways: an article's related articles (earlier ones) and its
follow-up (a later one), each bounded so that an addition rewrites a fixed set of pages.

- **Backwards.** `related_finder` picks an article's `RELATED` related articles among
  earlier ones only, weighing each shared tag by its rarity (`tag_weight`), so later
  news never changes them. A story filed late (`Site.late`: published after a newer
  one) is among them only for articles published after it (stories imported together
  relate to each other, and later news to them), so it changes no page published
  before it either.
- **Forwards.** An article's best `FOLLOW_UP_PICKS` related articles are the pages it
  may change: each article page shows its follow-up, the newest later article that
  counts it among those picks ("Berita lanjutan"). Adding an article therefore
  rewrites at most `FOLLOW_UP_PICKS` earlier article pages, those it picked; an old
  story links to its newest follow-up and nothing else moves.

`FollowUps` finds the follow-up of the articles a plan (re)plans and tells which
earlier article pages must be planned again (docs/architecture.md, "Related news").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter

from generator.content.model import LazyArticles
from generator.plan import sections
from generator.plan.page import Page
from generator.plan.site import Site

RELATED = 4
"""Related articles shown under an article."""
RELATED_WINDOW = 24
"""How many of each tag's most recent earlier articles are considered as related.

Bounded so that planning stays linear in the archive for tags with thousands
of articles; within the window the choice is exact and deterministic."""
FOLLOW_UP_PICKS = 2
"""How many of an article's related articles (its best) show it as their follow-up:
the earlier article pages an addition may rewrite. Two keep today's story on the demo
within 25 files written (tests/test_sections.py)."""
RARITY_SCALE = 720720
"""Divisible by 1 to 16: every `tag_weight` is a whole number, so sums are exact."""


def related_finder(site: Site) -> Callable[[int], tuple[int, ...]]:
    """A function giving, for an article index, its related articles, best first.

    Related articles share the rarest tags with the article: each shared tag
    weighs `tag_weight` of how many articles had the tag up to this one, so
    "Pemkot" (hundreds) counts for less than "Jembatan Merah" (a handful); ties
    go to the newest. Only articles published before it are candidates and the
    counts stop at the article itself, so an article's related articles never
    change when later news arrives (pages stay stable). A story filed late is a
    candidate only for the articles published after it (`Site.late`), and counted for
    none: one dated in among published articles changes nothing here.
    """
    tag_items = {t.tag.slug: t.items for t in site.tags}
    late = site.late
    # The dates stories were filed late after, oldest first: a late story is among the
    # candidates of an article when it was filed before that article was published,
    # that is, when the date it came after is before the article's own date (an
    # article published in time) or not after the one the article came after (another
    # story filed late; the same date: filed together, in one import).
    bounds = sorted(set(late.values()))
    rank = {i: bisect_left(bounds, after) for i, after in late.items()}
    ordered = sorted(late)
    late_in: dict[str, list[int]] = {}  # by tag: its stories filed late, found when needed


    def earlier(slug: str, index: int, size: int) -> tuple[Sequence[int], int]:
        """The newest `size` candidates of the tag before article `index` (oldest
        first), and how many articles published in time the tag had before it."""
        items = tag_items.get(slug, ())
        end = bisect_left(items, index)
        if not late:
            return items[max(0, end - size):end], end
        found = late_in.get(slug)
        if found is None:
            found = late_in[slug] = among(items, ordered)
        after = late.get(index)
        room = (bisect_left(bounds, site.articles[index].date) if after is None
                else bisect_right(bounds, after))
        # (Walking back skips only stories filed after this article was published:
        # a few, or an import's stories among the articles of the years it fills.)
        chosen: list[int] = []
        at = end - 1
        while at >= 0 and len(chosen) < size:
            other = items[at]
            if rank.get(other, -1) < room:
                chosen.append(other)
            at -= 1
        return chosen[::-1], end - bisect_left(found, index)

    def related(index: int) -> tuple[int, ...]:
        tags = site.articles[index].tags
        if len(tags) == 1:  # the common case: simply the newest earlier ones of the tag
            return tuple(reversed(earlier(tags[0].slug, index, RELATED)[0]))
        scores: Counter[int] = Counter()
        for tag in tags:
            window, count = earlier(tag.slug, index, RELATED_WINDOW)
            weight = tag_weight(count + 1)
            for other in window:
                scores[other] += weight
        # Highest weight first, then the newest (the highest index).
        best = sorted(scores.items(), key=itemgetter(1, 0), reverse=True)[:RELATED]
        return tuple(other for other, _ in best)

    return related


def among(items: Sequence[int], few: Sequence[int]) -> list[int]:
    """Those of `few` (ascending article indexes) that are in `items` (ascending): each
    looked up when they are few beside `items` (the quick path plans a few articles
    whose tags may hold a third of the archive), else `items` scanned once (a whole
    build, over every tag)."""
    if len(few) * 16 >= len(items):
        wanted = set(few)
        return [i for i in items if i in wanted]
    found = []
    for index in few:
        at = bisect_left(items, index)
        if at < len(items) and items[at] == index:
            found.append(index)
    return found


def tag_weight(count: int) -> int:
    """How much sharing a tag that `count` articles had counts for: inversely to the
    tag's order of magnitude, `RARITY_SCALE / (1 + floor(log2 count))`, like
    `1 / log(1 + count)` but whole and constant between powers of two."""
    return RARITY_SCALE // max(1, count.bit_length())


class RelatedNews:
    """The related articles of a site's listed articles, each found once per plan."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.find = related_finder(site)
        self.found: dict[int, tuple[int, ...]] = {}

    def related(self, index: int) -> tuple[int, ...]:
        """Article `index`'s related articles, best first (it must be listed)."""
        found = self.found.get(index)
        if found is None:
            found = self.found[index] = self.find(index)
        return found

    def targets(self, index: int) -> tuple[int, ...]:
        """The articles that show article `index` as their follow-up if nothing later
        picked them: its best related ones; none for an article not listed."""
        listed = self.site.listed
        place = bisect_left(listed, index)
        if place == len(listed) or listed[place] != index:
            return ()
        return self.related(index)[:FOLLOW_UP_PICKS]


class FollowUps:
    """The follow-up of each article a plan plans, and the earlier pages it changes.

    Articles before `boundary` are those the previous plan had, at the same places
    with the same shapes, so their related articles are as they were. From `boundary`
    on, articles are planned afresh: their targets are found here (`news.targets`).
    The follow-ups among articles before `boundary` come from the previous plan:
    `kept`, for an append (`Before.follow_ups`, all before `boundary`), or else
    `page_of(i)`, article i's page in the previous plan (its follow-up then and the
    related articles it picked).
    """

    def __init__(self, news: RelatedNews, boundary: int,
                 kept: Mapping[int, int | None] | None = None,
                 page_of: Callable[[int], Page] | None = None) -> None:
        self.boundary = boundary
        self.kept = kept
        self.page_of = page_of
        self.newest: dict[int, int] = {}  # by article: the newest from `boundary` on
        for index in range(boundary, len(news.site.articles)):
            for target in news.targets(index):
                self.newest[target] = index  # ascending: the newest wins
        self.known: dict[int, int | None] = {}

    def unsettled(self, previous: Iterable[Page] = ()) -> set[int]:
        """The articles before `boundary` that articles from it on pick, or picked in
        the `previous` pages of those articles: their page may show a new follow-up."""
        found = {target for target in self.newest if target < self.boundary}
        for page in previous:
            found.update(i for i in page.related[:FOLLOW_UP_PICKS] if i < self.boundary)
        return found

    def resolve(self, indexes: Iterable[int]) -> None:
        """Find the follow-ups of `indexes` (the articles to plan) at once."""
        wanted = [i for i in indexes if i < self.boundary and i not in self.newest]
        if self.kept is not None:
            self.known.update((i, self.kept[i]) for i in wanted)
        elif wanted:
            assert self.page_of is not None, "articles before the boundary need the old plan"
            self.known.update(_earlier(wanted, self.boundary, self.page_of))

    def of(self, index: int) -> int | None:
        """The follow-up of article `index` (`resolve` must have seen it when it comes
        before `boundary`)."""
        newest = self.newest.get(index)
        if newest is not None or index >= self.boundary:
            return newest
        return self.known[index]


def _earlier(indexes: Iterable[int], boundary: int,
             page_of: Callable[[int], Page]) -> dict[int, int | None]:
    """The newest follow-up before `boundary` of each of `indexes`, from the previous
    plan's pages (`page_of`), whose articles before `boundary` are the same."""
    found: dict[int, int | None] = {}
    pending: set[int] = set()
    for index in indexes:
        old = page_of(index).follow_up
        # A follow-up before the boundary is still the newest there; one from the
        # boundary on may be gone: look for the newest before it.
        if old is None or old < boundary:
            found[index] = old
        else:
            pending.add(index)
    later = boundary - 1
    lowest = min(pending, default=later)
    while pending and later > lowest:
        for target in page_of(later).related[:FOLLOW_UP_PICKS]:
            if target in pending:
                found[target] = later
                pending.discard(target)
        later -= 1
    found.update(dict.fromkeys(pending))
    return found


def replanned_by_append(site: Site, boundary: int) -> tuple[int, ...]:
    """The listed articles before `boundary` whose pages an append of the articles
    from `boundary` on plans again besides those the appended ones picked: the last
    one (its newer neighbour) and those `sections.unsettled` names. The quick path
    gives the planner their follow-ups as the last build planned them
    (`feeds_and_lists.Before.follow_ups`)."""
    listed = site.listed
    last = bisect_left(listed, boundary) - 1
    found = set(sections.unsettled(site, boundary, shrunk=False))
    if last >= 0:
        found.add(listed[last])
    return tuple(sorted(found))


# A story filed late (plan/insertion.py): an article dated in among earlier ones. It
# is late (`Site.late`), so it changes no other article's related articles: only the
# follow-ups of those it picks.

class LateFollowUps:
    """The follow-ups of the articles that stories filed late at `points` (today's news
    perhaps among them) make a plan plan again (plan/insertion.py), from those the last
    build planned (`kept`, by index in the site with them). The stories pick their
    related articles as any article does; every other article picks as it did (they are
    late: no article published before them picks them), so an article's follow-up is
    the newest of its old one and the stories that pick it. Stories filed in one build
    may pick each other."""

    def __init__(self, news: RelatedNews, points: Sequence[int],
                 kept: Mapping[int, int | None]) -> None:
        self.news = news
        self.points = frozenset(points)
        self.kept = kept
        self.newest: dict[int, int] = {}  # by article: the newest story that picks it
        for point in sorted(points):
            for target in news.targets(point):
                self.newest[target] = point  # ascending: the newest wins

    def unsettled(self, previous: Iterable[Page] = ()) -> set[int]:
        """None to add: the caller plans every article whose follow-up may change."""
        return set()

    def resolve(self, indexes: Iterable[int]) -> None:
        """Read at once the articles the pages of `indexes` show besides them: their
        related ones (a site whose articles are read on demand: the quick path's)."""
        articles = self.news.site.articles
        if isinstance(articles, LazyArticles):
            wanted = list(indexes)
            articles.load(wanted)
            articles.load({i for index in wanted for i in self.news.related(index)})

    def of(self, index: int) -> int | None:
        """The follow-up of article `index` (one the last build planned, or a story)."""
        story = self.newest.get(index)
        # (Only articles published after a story can pick it: the others filed with it.)
        old = None if index in self.points else self.kept[index]
        if story is not None and (old is None or old < story):
            return story
        return old
