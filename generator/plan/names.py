"""Names that look misspelt against the archive: a tag or a byline that only one
article has, close to one that several articles share ("Banjr" next to "Banjir").

Found at index time, because only the whole archive knows which names are in
use: the spelling against `[authors]` alone is checked when an article is
parsed (content/bylines.py). The hints are part of the site, so a build that
reuses the previous site reuses them too, and one that appends today's news
updates them from the names the new articles touch (`appended_hints`), giving
what `name_hints` gives over the whole archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

SHARED = 2
"""A name at least this many articles carry is taken as the right spelling."""
SHORTEST = 4
"""Names shorter than this are not compared: `DPR` and `DPRD` are both right."""


@dataclass(frozen=True)
class NameHint:
    """A name one article has that looks like a misspelling of a shared one."""

    kind: str
    """`tag` or `author`."""
    written: str
    """The name as the article has it."""
    path: str
    """The article, relative to the site."""
    meant: str
    """The shared name it is close to."""
    count: int
    """How many articles carry `meant`."""


@dataclass(frozen=True)
class NameUse:
    """A name (tag or byline) and the articles that carry it."""

    name: str
    """The name as first written."""
    items: tuple[int, ...]
    """Indexes of the articles that carry it."""


def name_hints(kind: str, uses: Iterable[NameUse], path_of: Callable[[int], str],
               extra: Mapping[str, str] | None = None) -> tuple[NameHint, ...]:
    """The hints over every name of one kind. `extra` maps further spellings
    (`[tag_aliases]` keys, lowercased) to the name they stand for, as if shared."""
    listed = list(uses)
    shared = _Shared(listed, extra)
    found = [hint for use in listed if len(use.items) == 1
             for hint in shared.hint(kind, use, path_of)]
    return _sorted(found, shared)


def appended_hints(kind: str, before: tuple[NameHint, ...], uses: Iterable[NameUse],
                   touched: Mapping[str, int], path_of: Callable[[int], str],
                   extra: Mapping[str, str] | None = None) -> tuple[NameHint, ...]:
    """`name_hints` after articles were appended, from the hints `before` them: only
    the names in `touched` (casefolded, each with its count before) changed their
    counts, and only by growing."""
    listed = list(uses)
    touched_uses = [use for use in listed if use.name.casefold() in touched]
    if any(len(use.items) >= SHARED > touched[use.name.casefold()] for use in touched_uses):
        # A name that became shared may be what any single-article name stood for.
        return name_hints(kind, listed, path_of, extra)
    # Else every touched name was new (a hint's name had one article: it grew) and
    # only those with one article now are compared.
    single = [use for use in touched_uses if len(use.items) == 1]
    shared = _Shared(listed, extra, index=bool(single))
    # A shared name that grew may now be the most used one a hint's name is close to.
    grown = [name for name in touched if name in shared.names and len(name) >= SHORTEST]
    found = [*(_rechosen(hint, shared, grown) if grown else hint for hint in before),
             *(hint for use in single for hint in shared.hint(kind, use, path_of))]
    return _sorted(found, shared)


def _rechosen(hint: NameHint, shared: _Shared, grown: list[str]) -> NameHint:
    """`hint` naming the shared name `_Shared.hint` would choose now that the names
    `grown` (casefolded) have more articles: the others only lost ground to its choice
    before, since an append only adds articles."""
    variants = {hint.written.casefold(), *_left_out(hint.written.casefold())}
    best = shared.names[hint.meant.casefold()]
    for spelling in grown:
        if not variants.isdisjoint({spelling, *_left_out(spelling)}):
            best = min(best, shared.names[spelling], key=lambda n: (-n[1], n[0]))
    return replace(hint, meant=best[0])


class _Shared:
    """The shared names, and each spelling one edit away from one of them."""

    def __init__(self, uses: list[NameUse], extra: Mapping[str, str] | None,
                 index: bool = True) -> None:
        # Casefolded spelling -> the shared name and its count.
        self.names = {use.name.casefold(): (use.name, len(use.items)) for use in uses
                      if len(use.items) >= SHARED}
        counts = {use.name: len(use.items) for use in uses}
        for spelling, name in (extra or {}).items():
            self.names.setdefault(spelling.casefold(), (name, counts.get(name, 0)))
            self.names.setdefault(name.casefold(), (name, counts.get(name, 0)))
        # Each shared spelling and its spellings with one letter left out: a name with a
        # letter missing, added, changed or two swapped shares one of them (difflib's
        # ratio would also pair "Desa Sukamaju" with "Desa Sukamulya").
        self.near: dict[str, list[str]] = {}
        for spelling in self.names if index else ():
            if len(spelling) >= SHORTEST:
                for variant in {spelling, *_left_out(spelling)}:
                    self.near.setdefault(variant, []).append(spelling)

    def hint(self, kind: str, use: NameUse, path_of: Callable[[int], str]) -> list[NameHint]:
        written = use.name.casefold()
        if len(written) < SHORTEST or written in self.names:
            return []
        close = {spelling for variant in {written, *_left_out(written)}
                 for spelling in self.near.get(variant, ())}
        if not close:
            return []
        # The most used, then the first in the alphabet: the same hint every build.
        meant, _ = min((self.names[s] for s in close), key=lambda n: (-n[1], n[0]))
        return [NameHint(kind, use.name, path_of(use.items[0]), meant, 0)]


def _left_out(spelling: str) -> list[str]:
    return [spelling[:i] + spelling[i + 1:] for i in range(len(spelling))]


def _sorted(hints: list[NameHint], shared: _Shared) -> tuple[NameHint, ...]:
    """In a stable order, each with the count of its shared name as it is now."""
    return tuple(sorted((replace(h, count=shared.names[h.meant.casefold()][1])
                         for h in hints),
                        key=lambda h: (h.path, h.kind, h.written.casefold())))
