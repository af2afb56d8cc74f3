"""A memo's long tuples in parts of their own (cache/memo_parts.py), through the memos'
store and read (build/memos.py)."""

from __future__ import annotations

import pickle
import random
from dataclasses import fields
from pathlib import Path

import pytest

from generator.build import memos
from generator.build.memos import Settled
from generator.cache import memo_parts
from generator.cache.memo_parts import PART
from generator.cache.store import Cache
from generator.photos.model import Derivative, Photo, PhotoMemo
from generator.photos.table import PhotoTable

PATHS = tuple(f"content/articles/2024/{n % 12 + 1:02d}/kabar-{n}.md" for n in range(10_000))


def settled(order: tuple[str, ...]) -> Settled:
    return Settled(loads=1, content_key="k", inputs="i", templates={}, copies=(), order=order,
                   warnings=(), search=None, pages=len(order), sources=len(order))


def _counting_pickles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each part pickled from now on, in order."""
    pickled: list[int] = []

    class Counting:
        HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL

        @staticmethod
        def dumps(value: tuple[object, ...], **options: int) -> bytes:
            pickled.append(len(value))
            return pickle.dumps(value, **options)

    monkeypatch.setattr(memo_parts, "pickle", Counting)
    return pickled


def parts(cache: Cache) -> set[str]:
    return {digest for (digest,) in cache.db.execute("SELECT digest FROM parts")}


def test_a_long_tuple_is_read_back_as_it_was_stored(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    cache.db.commit()
    cache.close()
    again = Cache(tmp_path / "cache.sqlite")
    found = memos.stored(again, "settled:output")
    assert found == settled(PATHS)
    assert len(parts(again)) == -(-len(PATHS) // PART)  # (stored in parts, not the memo)
    assert len(again.db.execute("SELECT memo FROM memos").fetchone()[0]) < 10_000


def test_an_addition_writes_the_last_part_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    cache.db.commit()
    cache.close()
    # The next build reads the memo, then stores it with one more article at the end
    cache = Cache(tmp_path / "cache.sqlite")
    before = parts(cache)
    found = memos.stored(cache, "settled:output")
    assert isinstance(found, Settled)
    pickled = _counting_pickles(monkeypatch)
    memos.store(cache, "settled:output", settled(found.order + ("content/articles/baru.md",)))
    # Only the last part was pickled and written; the part it replaces is gone
    assert pickled == [len(PATHS) % PART + 1]
    after = parts(cache)
    assert len(after - before) == 1 and len(before - after) == 1
    monkeypatch.undo()
    assert memos.stored(cache, "settled:output") == settled(
        PATHS + ("content/articles/baru.md",))


def test_a_missing_part_is_no_memo(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    cache.db.commit()
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "settled:output") == settled(PATHS)
    cache.db.execute("DELETE FROM parts WHERE rowid = (SELECT min(rowid) FROM parts)")
    cache.db.commit()
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "settled:output") is None


def test_parts_no_memo_names_are_deleted(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    memos.store(cache, "settled:preview", settled(PATHS))
    assert parts(cache)
    # Two memos name the same parts: one of them made short keeps them
    memos.store(cache, "settled:output", settled(PATHS[:10]))
    assert len(parts(cache)) == -(-len(PATHS) // PART)
    memos.store(cache, "settled:preview", settled(PATHS[:10]))
    assert parts(cache) == set()
    assert memos.stored(cache, "settled:output") == settled(PATHS[:10])


def test_a_story_filed_late_writes_the_part_it_joins_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS + PATHS))  # (five parts)
    cache.db.commit()
    cache = Cache(tmp_path / "cache.sqlite")
    found = memos.stored(cache, "settled:output")
    assert isinstance(found, Settled)
    before = parts(cache)
    # One path dated into the second part: the three after it are found again
    order = list(found.order)
    order.insert(5000, "content/articles/telat.md")
    memos.store(cache, "settled:output", settled(tuple(order)))
    cache.db.commit()
    after = parts(cache)
    assert len(after - before) == 1 and len(before - after) == 1
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "settled:output") == settled(
        tuple(order))


def test_any_changes_read_back_as_stored(tmp_path: Path) -> None:
    rng = random.Random(7)
    items = list(PATHS[:9000])
    cache = Cache(tmp_path / "cache.sqlite")
    for step in range(30):
        for _ in range(rng.choice((1, 3, 500))):
            what = rng.random()
            if what < 0.5:
                items.insert(rng.randrange(len(items) + 1), f"baru-{step}-{rng.random()}")
            elif what < 0.7 and items:
                del items[rng.randrange(len(items))]
            elif items:  # (duplicates, as two articles of one shape)
                items.insert(rng.randrange(len(items) + 1), rng.choice(items))
        memos.store(cache, "settled:output", settled(tuple(items)))
        cache.db.commit()
        fresh = Cache(tmp_path / "cache.sqlite") if step % 5 == 0 else cache
        assert memos.stored(fresh, "settled:output") == settled(tuple(items)), step
        cache = fresh
    sizes = [len(part) for _, part in cache.read_parts["settled:output.order"]]
    assert max(sizes) <= 2 * PART


def test_a_memo_stored_short_then_long_again_reads_back(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    memos.store(cache, "settled:output", settled(PATHS[:10]))  # (its parts deleted)
    memos.store(cache, "settled:output", settled(PATHS))
    cache.db.commit()
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "settled:output") == settled(PATHS)


def test_parts_rolled_back_are_stored_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "settled:output", settled(PATHS))
    cache.db.rollback()
    memos.store(cache, "settled:output", settled(PATHS + ("content/articles/baru.md",)))
    cache.db.commit()
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "settled:output") == settled(
        PATHS + ("content/articles/baru.md",))


def test_every_memo_class_can_be_copied_with_its_parts() -> None:
    # `store` and `stored` swap a long tuple for its parts with `replace`: a class whose
    # fields are not all set by `__init__`, or that checks them, could not take them.
    for cls in (memos.Settled, memos.SiteMemo, memos.PlanMemo, memos.PhotoMemo,
                memos.ShardKeys):
        assert not hasattr(cls, "__post_init__"), cls
        assert all(each.init for each in fields(cls)), cls


def _photo(n: int) -> Photo:
    base = f"/media/2024/{n % 12 + 1:02d}/foto-{n}"
    return Photo(base + ".jpg", f"{n:024x}", 4000, 3000, tuple(
        Derivative(f"{base}-{w}.webp", w, w * 3 // 4, f"{w}.webp") for w in (480, 800)),
        Derivative(f"{base}-1200.jpg", 1200, 900, "1200.jpg"))


def _photo_memo(photos: list[Photo], shared: dict[str, int] | None = None) -> PhotoMemo:
    return PhotoMemo(PhotoTable.of({p.url: p for p in photos}),
                     {p.url: (1000 + len(p.url), 7) for p in photos}, "k", shared or {})


def test_the_photo_memo_is_stored_as_rows_in_parts_and_a_new_photo_writes_the_last(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a photo memo of more photos than `LONG`, stored and read back by the next
    # build: its photos a table, its stats a dict, each as it was
    photos = [_photo(n) for n in range(memo_parts.LONG + 100)]
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "photos:output", _photo_memo(photos, {photos[3].url: 2}))
    cache.db.commit()
    cache = Cache(tmp_path / "cache.sqlite")
    found = memos.stored(cache, "photos:output")
    assert isinstance(found, PhotoMemo) and isinstance(found.photos, PhotoTable)
    assert type(found.stats) is dict
    assert (found.photos, found.stats, found.shared) == (
        {p.url: p for p in photos}, {p.url: (1000 + len(p.url), 7) for p in photos},
        {photos[3].url: 2})
    assert len(cache.db.execute("SELECT memo FROM memos").fetchone()[0]) < 10_000
    # When today's news adds a photo (as the quick path grows the memo)
    new = _photo(10**6)
    pickled = _counting_pickles(monkeypatch)
    grown = PhotoMemo(PhotoTable.of(found.photos).with_photos({new.url: new}),
                      {**found.stats, new.url: (1, 2)}, "k", found.shared)
    memos.store(cache, "photos:output", grown)
    # Then only the last part of the photos and of the stats is pickled again
    assert pickled == [len(photos) % PART + 1] * 2
    monkeypatch.undo()
    cache.db.commit()
    again = memos.stored(Cache(tmp_path / "cache.sqlite"), "photos:output")
    assert isinstance(again, PhotoMemo)
    assert (again.photos, again.stats) == (grown.photos, grown.stats)


def test_photo_memo_parts_that_are_not_rows_are_no_memo(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    memos.store(cache, "photos:output",
                _photo_memo([_photo(n) for n in range(memo_parts.LONG)]))
    cache.db.execute("UPDATE parts SET part = ?", (pickle.dumps(("not", "rows")),))
    cache.db.commit()
    assert memos.stored(Cache(tmp_path / "cache.sqlite"), "photos:output") is None
