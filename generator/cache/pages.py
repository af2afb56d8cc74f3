"""Planned pages in the build cache, one row each, with the articles each shows.

The plan's memo (plan.PlanMemo) is one blob for the build that re-plans; these
rows are for the build that does not (build/quick.py): it reads only the
pages that show an edited article, found through the `shows` table. An article's
own page is recorded as showing its photos too, by URL (`commit.RecordedPage`): the
quick path goes from a photo changed in place to the articles that show it.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Iterable
from typing import Any

from generator.cache.store import Cache, unpickled


class PageStore:
    """The `pages` and `shows` tables of an open cache.

    `shows` holds, per article, the ids of the pages that show it, packed in one
    blob: a row per (article, page) pair was 117,000 rows for 10,000 articles, and
    a tenth of a cold build's time went into writing them.
    """

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def put_pages(self, target: str, pages: Iterable[tuple[str, object, Iterable[str]]],
                  fresh: bool = False) -> None:
        """Store `(output, page, paths of the articles it shows)` of planned pages.

        What a page showed before is not forgotten (`pages_showing` may name a page
        that no longer shows an article: the caller checks); `fresh` forgets every
        page of `target` first, for a whole plan.
        """
        pages = list(pages)
        if not pages and not fresh:
            return
        db = self.cache.db
        if fresh:
            db.execute("DELETE FROM shows WHERE target = ?", (target,))
            db.execute("DELETE FROM pages WHERE target = ?", (target,))
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        db.executemany(
            "INSERT INTO pages (target, output, page) VALUES (?, ?, ?) "
            "ON CONFLICT (target, output) DO UPDATE SET page = excluded.page",
            ((target, output, dumps(page, protocol=protocol)) for output, page, _ in pages))
        ids = self._page_ids(target, [output for output, _, _ in pages])
        numbers: dict[str, int] = {}
        showing: dict[int, list[int]] = {}
        for output, _, paths in pages:
            page_id = ids[output]
            for path in paths:
                number = numbers.get(path)
                if number is None:
                    number = numbers[path] = article_number(path)
                showing.setdefault(number, []).append(page_id)
        if not fresh:
            for number, blob in self.cache.select_in(
                    "SELECT article, pages FROM shows WHERE target = ? AND article IN ({})",
                    (target,), showing):
                showing[number].extend(_ids(blob))
        db.executemany("INSERT OR REPLACE INTO shows VALUES (?, ?, ?)",
                       ((target, number, array("q", sorted(set(found))).tobytes())
                        for number, found in showing.items()))

    def _page_ids(self, target: str, outputs: list[str]) -> dict[str, int]:
        if len(outputs) > 1000:
            return dict(self.cache.db.execute(
                "SELECT output, id FROM pages WHERE target = ?", (target,)))
        return dict(self.cache.select_in(
            "SELECT output, id FROM pages WHERE target = ? AND output IN ({})", (target,),
            outputs))

    def count(self, target: str) -> int:
        """How many pages of `target` are stored: those the last build planned, unless
        rows were lost."""
        (found,) = self.cache.db.execute("SELECT COUNT(*) FROM pages WHERE target = ?",
                                         (target,)).fetchone()
        return int(found)

    def forget_pages(self, target: str, outputs: Iterable[str]) -> None:
        self.cache.db.executemany("DELETE FROM pages WHERE target = ? AND output = ?",
                                  ((target, output) for output in outputs))

    def pages(self, target: str, outputs: Iterable[str]) -> dict[str, Any]:
        """The stored pages of `outputs` (those planned by the last build)."""
        return {output: unpickled(blob) for output, blob in self.cache.select_in(
            "SELECT output, page FROM pages WHERE target = ? AND output IN ({})", (target,),
            outputs)}

    def pages_showing(self, target: str, paths: Iterable[str]) -> dict[str, Any]:
        """The stored pages that show, or once showed, one of the articles at `paths`."""
        ids: set[int] = set()
        for (blob,) in self.cache.select_in(
                "SELECT pages FROM shows WHERE target = ? AND article IN ({})", (target,),
                (article_number(path) for path in paths)):
            ids.update(_ids(blob))
        return {output: unpickled(blob) for output, blob in self.cache.select_in(
            "SELECT output, page FROM pages WHERE target = ? AND id IN ({})", (target,),
            sorted(ids))}


def _ids(blob: bytes) -> array[int]:
    found = array("q")
    found.frombytes(blob)
    return found


def article_number(path: str) -> int:
    """A number for a source path, for the `shows` table: two paths may share one (the
    reader then checks which articles a page shows), so it can stay small."""
    return zlib.crc32(path.encode("utf-8")) | (len(path) << 32)
