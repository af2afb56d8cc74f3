"""The photos a `PhotoMemo` keeps, as rows of plain values (`PhotoTable`).

Every build reads the photo memo, and most ask it for a few photos: those of the pages
they render. Pickled as `Photo` and `Derivative` objects, a memo of 100,000 photos
took 2.9 s to read back and 1.3 s to write (five derivatives each, one process); as
tuples of strings and numbers, 0.4 s and 0.6 s. A row becomes a `Photo` when asked for.
The memo stores the rows in parts (build/memos.py): a photo added writes one part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from generator.photos.model import Derivative, Photo

_File = tuple[str, int, int, str]
"""A `Derivative` as (url, width, height, name)."""
_Row = tuple[str, int, int, tuple[_File, ...], _File | None, _File | None]
"""A `Photo` without its URL: (key, width, height, webp, jpeg, original)."""

ROW_SHAPE = "Photo:key,width,height,webp,jpeg,original;Derivative:url,width,height,name"
"""The rows' layout, part of `memos.MEMO_SHAPE`: rows of another layout are not read."""


class PhotoTable(Mapping[str, Photo]):
    """Photos by URL, each kept as a row until it is asked for. Equal to any mapping of
    the same photos."""

    __slots__ = ("_made", "_rows")

    def __init__(self, rows: Mapping[str, _Row]) -> None:
        self._rows = dict(rows)
        self._made: dict[str, Photo] = {}

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[str, _Row]]) -> PhotoTable:
        """The table of `rows`, (url, row) pairs as `rows` gives them."""
        table = cls({})
        table._rows = dict(rows)
        return table

    def rows(self) -> tuple[tuple[str, _Row], ...]:
        """Its (url, row) pairs, in its order: the photo memo stores them in parts."""
        return tuple(self._rows.items())

    @classmethod
    def of(cls, photos: Mapping[str, Photo]) -> PhotoTable:
        """The table of `photos` (taken as it is when already one)."""
        if isinstance(photos, PhotoTable):
            return photos
        return cls({url: _row(photo) for url, photo in photos.items()})

    def with_photos(self, photos: Mapping[str, Photo]) -> PhotoTable:
        """This table with `photos` added (or put in place of those of their URLs)."""
        grown = PhotoTable({**self._rows, **{url: _row(p) for url, p in photos.items()}})
        grown._made.update(self._made)
        grown._made.update(photos)
        return grown

    def without(self, urls: Iterable[str]) -> PhotoTable:
        """This table without the photos of `urls`."""
        gone = set(urls)
        if not gone:
            return self
        kept = PhotoTable({url: row for url, row in self._rows.items() if url not in gone})
        kept._made.update((url, p) for url, p in self._made.items() if url not in gone)
        return kept

    def __getitem__(self, url: str) -> Photo:
        photo = self._made.get(url)
        if photo is None:
            photo = self._made[url] = _photo(url, self._rows[url])
        return photo

    def __contains__(self, url: object) -> bool:
        return url in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhotoTable):
            return self._rows == other._rows
        if isinstance(other, Mapping):
            if not all(isinstance(photo, Photo) for photo in other.values()):
                return False
            return self._rows == PhotoTable.of(other)._rows
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable cache; equal to dicts)

    def __reduce__(self) -> tuple[Any, ...]:
        return PhotoTable, (self._rows,)

    def __repr__(self) -> str:
        return f"PhotoTable({len(self._rows)} photos)"


def _row(photo: Photo) -> _Row:
    return (photo.key, photo.width, photo.height, tuple(map(_file, photo.webp)),
            _file(photo.jpeg) if photo.jpeg else None,
            _file(photo.original) if photo.original else None)


def _file(derivative: Derivative) -> _File:
    return (derivative.url, derivative.width, derivative.height, derivative.name)


def _photo(url: str, row: _Row) -> Photo:
    key, width, height, webp, jpeg, original = row
    return Photo(url, key, width, height, tuple(Derivative(*f) for f in webp),
                 Derivative(*jpeg) if jpeg else None,
                 Derivative(*original) if original else None)
