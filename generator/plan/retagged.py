"""Related news after an article's tags were corrected, keeping its place in the site:
which later articles may pick other related articles (`rerelated`), and whose
follow-up that changes (`refollowed`). The quick path plans just those pages
(build/append.py); plan/related.py is the rule they follow.

An article picks its related articles among the `RELATED_WINDOW` newest candidates
before it in each of its tags, each tag weighing by how many articles published in
time had it up to the article (`related.tag_weight`). A tag the corrected article
joined or left therefore changes, for the later articles of that tag, the window of
those near it and the weight of those whose count crosses a power of two. Nothing
else moves: an article sharing only unchanged tags with it sees the same windows,
counts and scores.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from generator.content.model import LazyArticles
from generator.plan.related import FOLLOW_UP_PICKS, RELATED_WINDOW, RelatedNews
from generator.plan.relisting import holds
from generator.plan.site import Site


def rerelated(before: Site, after: Site, moved: Mapping[str, Sequence[int]]) -> set[int]:
    """The articles whose related articles may differ in `after` from `before` (the
    same articles at the same places), where each tag list of `moved` (by URL) was
    joined or left by the articles it names, and no other list changed: the later
    articles of each such tag with one of them in the tag's window, or whose count of
    the tag moves to another power of two."""
    old = {index.tag.url: index.items for index in before.tags}
    late = after.late
    found: set[int] = set()
    for index in after.tags:
        points = moved.get(index.tag.url)
        if not points:
            continue
        was = old.get(index.tag.url, ())
        joined = {p for p in points if not holds(was, p)}
        # (The list with them all: those that left, those that joined.)
        items = sorted({*was, *points}) if joined and len(joined) < len(points) \
            else index.items if joined else was
        last = max(points)
        start = bisect_left(items, min(points))
        # How many articles published in time have the tag before each later one, in
        # `before` and in `after` (a story filed late counts in no tag's weight).
        was_count = now_count = start - sum(i in late for i in items[:start]) if late \
            else start
        between = 0  # articles published in time since the last of them
        chosen = set(points)
        for other in items[start:]:
            if other in chosen:
                between = 0
                if other not in late:
                    now_count += other in joined
                    was_count += other not in joined
                continue
            if between < RELATED_WINDOW or (
                    (was_count + 1).bit_length() != (now_count + 1).bit_length()):
                found.add(other)
            elif was_count == now_count and other > last:
                break  # (no weight moves, and no window holds one of them: nothing later)
            if other not in late:
                between += 1
                was_count += 1
                now_count += 1
    return found


def refollowed(news: RelatedNews, shown: Mapping[int, Sequence[int]]) -> dict[int, int | None]:
    """The follow-up of each article whose pickers changed: one that an article of
    `shown` (each with the related articles its page showed, best first) picked and
    no longer picks, or picks and did not; each found afresh (`follow_up`)."""
    changed: set[int] = set()
    for index, related in shown.items():
        changed.update(set(related[:FOLLOW_UP_PICKS]).symmetric_difference(
            news.targets(index)))
    items_of = {index.tag.slug: index.items for index in news.site.tags}
    return {index: follow_up(news, items_of, index) for index in sorted(changed)}


def follow_up(news: RelatedNews, items_of: Mapping[str, tuple[int, ...]],
              index: int) -> int | None:
    """The follow-up of the listed article `index`, found without the rest of the
    archive: the newest later article that picks it. Only an article that has it in
    the window of a tag they share can: one with fewer than `RELATED_WINDOW` articles
    published in time between them in that tag (`items_of`: each tag's articles)."""
    site = news.site
    late = site.late
    articles = site.articles
    candidates: set[int] = set()
    for tag in articles[index].tags:
        items = items_of.get(tag.slug, ())
        between = 0
        for other in items[bisect_right(items, index):]:
            if between >= RELATED_WINDOW:
                break
            candidates.add(other)
            between += other not in late
    ordered = sorted(candidates, reverse=True)
    if isinstance(articles, LazyArticles):
        articles.load(ordered)  # (read together)
    return next((other for other in ordered if index in news.targets(other)), None)
