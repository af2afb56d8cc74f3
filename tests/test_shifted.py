"""The last build's search shards once stories are dated in among them or withdrawn from
them (search/shifted.py): later shards start one later or earlier, the full shard that
lost an article is named to key afresh, and what only the whole way can cut is None."""

from __future__ import annotations

from datetime import datetime, timedelta

from generator.search.shards import ShardKeys
from generator.search.shifted import inserted, removed

DAY = datetime(2024, 3, 1)


def _key(position: int) -> tuple[datetime, str]:
    """The order key of the article at `position` when the shards were cut."""
    return DAY + timedelta(hours=position), f"content/articles/a{position:02d}.md"


def _keys() -> ShardKeys:
    """Ten articles: four full shards of two (0-1, 2-3, 4-5, 6-7), one small (8-9); the
    article at 5 corrected (its full shard has a rest key)."""
    return ShardKeys("s", 2, 2, (0, 2, 4, 6, 8), ("k0", "k1", "k2", "k3", "k4"), 10,
                     corrected=(5,), corrections="c", rests=((4, "r2"),),
                     bounds=tuple(_key(p) for p in (1, 3, 5, 7)))


def test_an_article_withdrawn_from_a_full_shard_moves_later_shards_one_earlier() -> None:
    found = removed(_keys(), _key(2), 2)
    assert found is not None
    shards, again = found
    assert again == 2  # (its full shard, keyed afresh)
    assert shards.starts == (0, 2, 3, 5, 7) and shards.articles == 9
    assert shards.corrected == (4,) and shards.rests == ((3, "r2"),)
    assert shards.keys == _keys().keys and shards.bounds == _keys().bounds


def test_an_article_withdrawn_from_a_shard_with_corrections_takes_them_along() -> None:
    found = removed(_keys(), _key(4), 4)
    assert found is not None
    shards, again = found
    assert again == 4 and shards.corrected == () and shards.rests == ()
    assert shards.starts == (0, 2, 4, 5, 7)


def test_an_article_withdrawn_from_the_small_shards_leaves_them_to_the_caller() -> None:
    assert removed(_keys(), _key(8), 8) == (_keys(), None)


def test_a_full_shard_left_empty_is_for_the_whole_way() -> None:
    found = removed(_keys(), _key(2), 2)
    assert found is not None
    assert removed(found[0], _key(3), 2) is None


def test_an_article_dated_in_then_withdrawn_leaves_the_shards_as_they_were() -> None:
    late = (DAY + timedelta(hours=2, minutes=30), "content/articles/late.md")
    grown = inserted(_keys(), late, 3)
    assert grown is not None and grown[1]
    found = removed(grown[0], late, 3)
    assert found is not None
    assert (found[0].starts, found[0].articles) == (_keys().starts, _keys().articles)
