"""A memo's long tuples in parts of their own, each stored once by its hash.

A memo was one blob, pickled and written whole whenever it changed. At 100,000
articles the quick path's memos held two tuples of 100,000 strings (the articles'
paths in site order, `Settled.order`, 8.8 MB; their shapes, `SiteMemo.shapes`,
4.3 MB) that an addition changes near their end only, yet writing them cost a
tenth of the addition. Now each tuple of a memo's fields that holds `LONG` items
or more is cut in parts of `PART` items, stored in the `parts` table by the hash of
their pickle, and the memo keeps their hashes (`Parted`). A part this connection
read and finds again at its place is neither pickled nor written again; one with
items added or removed inside (a story filed late among the paths) is stored anew,
ending where it ended, so the parts after it are found again; a part no memo names
any more is deleted (`memo_parts` says which memo names which). The photo memo's
mappings (its photos and their files' stats) go in parts as their (key, value) rows,
`Parted.rows` saying what to make of them (build/memos.py).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from generator.cache.store import Cache, unpickled

PART = 4096
"""Items per part (a part with items dated into it grows, up to twice as many): an
addition rewrites one part of 4,096 paths (360 KB), not 100,000."""
LONG = 2 * PART
"""A tuple this long or longer is stored in parts."""


@dataclass(frozen=True)
class Parted:
    """A memo's long tuple as stored: the hashes of its parts, in order."""

    digests: tuple[str, ...]
    """Each part's SHA-1 (of its pickle), the key of its row in `parts`."""
    rows: str = ""
    """What the items make when read: "" the tuple itself; "dict" a dict of them as
    (key, value) rows; "table" a `photos.table.PhotoTable` of them (build/memos.py)."""


def put_items(cache: Cache, label: str, items: tuple[object, ...]) -> Parted:
    """Store `items` in parts; what the memo keeps of them. `label` names the memo and
    field, so that the parts read under it are compared with those found again."""
    now: list[tuple[str, tuple[object, ...]]] = []
    rows: list[tuple[str, bytes]] = []

    def put(part: tuple[object, ...]) -> None:
        blob = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha1(blob).hexdigest()
        now.append((digest, part))
        rows.append((digest, blob))

    start = 0
    for digest, part in cache.read_parts.get(label, ()):
        size = len(part)
        # (Compared by equality, which tries identity first: a part kept holds the very
        # objects it was read with, and costs a pointer comparison per item.)
        if items[start:start + size] == part:
            now.append((digest, part))
            start += size
            continue
        # Items added or removed inside it (a story filed late among the paths): it ends
        # where it ended, and the parts after it are found again.
        try:
            end = items.index(part[-1], start) + 1
        except ValueError:
            break
        if not start < end <= start + 2 * PART:
            break
        put(items[start:end])
        start = end
    if now and start < len(items) and len(now[-1][1]) < PART:
        start -= len(now.pop()[1])  # the newest part fills up before another begins
    for begin in range(start, len(items), PART):
        put(items[begin:begin + PART])
    # A part read may be gone since (this memo stored short in between, a transaction
    # rolled back): stored again.
    new = {digest for digest, _ in rows}
    kept = {digest: part for digest, part in now if digest not in new}
    if kept:
        there = {digest for (digest,) in cache.select_in(
            "SELECT digest FROM parts WHERE digest IN ({})", (), kept)}
        rows += [(digest, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
                 for digest, part in kept.items() if digest not in there]
    cache.db.executemany("INSERT OR IGNORE INTO parts VALUES (?, ?)", rows)
    cache.read_parts[label] = tuple(now)  # (what is stored now, should it be stored again)
    return Parted(tuple(digest for digest, _ in now))


def read_items(cache: Cache, label: str, parted: Parted) -> tuple[object, ...] | None:
    """The tuple `parted` stands for; None when a part is missing or damaged."""
    found = dict(cache.select_in("SELECT digest, part FROM parts WHERE digest IN ({})", (),
                                 parted.digests))
    try:
        parts = tuple((digest, unpickled(found[digest])) for digest in parted.digests)
    except (KeyError, LookupError):
        return None
    if not all(isinstance(part, tuple) for _, part in parts):
        return None
    cache.read_parts[label] = parts
    return tuple(chain.from_iterable(part for _, part in parts))


def keep_parts(cache: Cache, name: str, parted: Iterable[Parted]) -> None:
    """Record the parts the memo `name` now names, and delete those no memo names."""
    db = cache.db
    db.execute("DELETE FROM memo_parts WHERE name = ?", (name,))
    db.executemany("INSERT OR IGNORE INTO memo_parts VALUES (?, ?)",
                   ((name, digest) for each in parted for digest in each.digests))
    db.execute("DELETE FROM parts WHERE digest NOT IN (SELECT digest FROM memo_parts)")
