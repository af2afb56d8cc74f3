"""The photo memo's table (photos/table.py): rows of plain values that come back as the
photos they were made from, equal to any mapping of them, pickled as rows."""

from __future__ import annotations

import pickle

from generator.photos.model import Derivative, Photo, PhotoMemo
from generator.photos.table import PhotoTable


def _photo(name: str, widths: tuple[int, ...] = (480, 800), original: bool = False) -> Photo:
    url = f"/media/2024/{name}.jpg"
    webp = tuple(Derivative(f"/media/2024/{name}-{w}.webp", w, w * 3 // 4, f"{w}.webp")
                 for w in widths)
    jpeg = Derivative(f"/media/2024/{name}-800.jpg", 800, 600, "800.jpg") if widths else None
    kept = Derivative(f"/media/2024/{name}.jpg", 4000, 3000, "original.jpg") if original else None
    return Photo(url, f"key-{name}", 4000, 3000, webp, jpeg, kept)


PHOTOS = {p.url: p for p in (_photo("banjir"), _photo("asli", original=True),
                             _photo("logo", widths=()))}  # (an SVG's: no derivative)


def test_a_table_gives_back_every_photo_and_equals_the_mapping_it_came_from() -> None:
    table = PhotoTable.of(PHOTOS)
    assert table == PHOTOS and PHOTOS == table and table == PhotoTable.of(dict(PHOTOS))
    assert {url: table[url] for url in table} == PHOTOS and len(table) == 3
    assert "/media/2024/banjir.jpg" in table and "/media/2024/lain.jpg" not in table
    assert table.get("/media/2024/lain.jpg") is None
    assert table != {**PHOTOS, "/media/2024/banjir.jpg": _photo("banjir", (480,))}
    assert PhotoTable.of(table) is table


def test_a_table_is_pickled_as_rows_and_makes_photos_only_when_asked() -> None:
    memo = PhotoMemo(PhotoTable.of(PHOTOS), {url: (1, 2) for url in PHOTOS}, "k")
    back = pickle.loads(pickle.dumps(memo))
    assert back == memo and isinstance(back.photos, PhotoTable)
    assert back.photos._made == {}  # (nothing made until asked)
    assert back.photos["/media/2024/asli.jpg"] == PHOTOS["/media/2024/asli.jpg"]
    assert list(back.photos._made) == ["/media/2024/asli.jpg"]


def test_a_grown_table_adds_and_replaces_photos() -> None:
    table = PhotoTable.of(PHOTOS)
    new, changed = _photo("baru"), _photo("banjir", (480, 800, 1200))
    grown = table.with_photos({new.url: new, changed.url: changed})
    assert grown == {**PHOTOS, new.url: new, changed.url: changed}
    assert table == PHOTOS  # (the table it grew from is as it was)


def test_a_table_is_not_equal_to_a_mapping_of_other_values() -> None:
    table = PhotoTable.of(PHOTOS)
    assert table != {url: 1 for url in PHOTOS} and table != {}
