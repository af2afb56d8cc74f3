"""Which items go on which page of each list, with sealed pages (plan/pagination.py):
the planner's `paging`, over the whole site or on an append plan.

Over the whole site each list is paginated from the boundaries it was given
(content/list-pages.txt, read by build/list_pages.py): its sealed pages keep their
items, an item dated into one joins it. On an append plan (the quick path's
`plan.plan_appended`) only the lists the append changed are paginated, from their
`Tail` as the last build left it, reading nothing but the newest item of a page that
fills up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import overload

from generator.content.model import Article
from generator.plan.pagination import NEWER, Chunk, OrderKey, Paging, Tail, extend, seal
from generator.plan.relisting import holds


class Pager:
    """The paging of one plan's lists, and what it found: the boundaries of every sealed
    page (`sealed`) and the newest pages of every list (`tails`)."""

    def __init__(self, articles: Sequence[Article], given: Mapping[str, tuple[OrderKey, ...]],
                 tails: Mapping[str, Tail] | None = None,
                 grown: Mapping[str, int] | None = None,
                 inserted: Sequence[int] = (),
                 relisted: Mapping[str, tuple[int, ...]] | None = None,
                 redated: Mapping[int, OrderKey] | None = None) -> None:
        # `tails` and `grown`: an append plan, from the lists' tails before it; with
        # `inserted`, the indexes (ascending) of the articles it dated in, some before
        # the newest (`given`: every list's boundaries); with `relisted`, by the URL of
        # each list that articles keeping their places joined or left (another section,
        # other authors, other tags), those that joined or left it (ascending; the list's
        # items now tell which); with `redated`, the order key before of each of those
        # whose time was corrected: it leaves the page that held it and joins the one
        # its new time falls in (a page's last article moved later).
        self.articles = articles
        self.inserted = inserted
        self.relisted = relisted or {}
        self.redated = redated or {}
        self.firsts: dict[str, int] = {}
        self.given = given
        self.before = tails
        self.grown = grown or {}
        self.keys: list[OrderKey] | None = None
        self.sealed: dict[str, tuple[OrderKey, ...]] = {}
        """The boundaries found (an append plan: only those of pages that filled up)."""
        self.tails: dict[str, Tail] = {}
        """The lists' newest pages (an append plan: those of the lists it changed)."""

    def first(self, base: str) -> int:
        """The first page of the list at `base` an append plans again: the newest of its
        tail (the pages below it link it by its number, so no item appended changes
        them)."""
        if base in self.firsts:
            return self.firsts[base]
        tail = self.before.get(base) if self.before is not None else None
        return tail.chunks[-1].number if tail and tail.chunks else 1

    def paging(self, base: str, items: tuple[int, ...], size: int) -> Paging:
        """The pages of the list at `base` showing `items` (oldest first)."""
        articles = self.articles
        if self.before is not None and base not in self.grown:
            return _UNGROWN  # an append plans no page of a list it did not change
        if self.before is not None:
            def key_at(position: int) -> OrderKey:
                article = articles[items[position]]  # (read only for a page that fills)
                return article.date, article.path
            tail = self.before.get(base, Tail())
            paging: Paging | None = None
            moved = self.relisted.get(base)
            left = [p for p in moved if not holds(items, p) or p in self.redated] \
                if moved is not None else []
            if left:
                paging = self._moved(base, items, tail, size, key_at, left,
                                    [p for p in moved or () if holds(items, p)])
            elif moved is not None or self.inserted:
                paging = self._joined(base, items, tail, size, key_at,
                                      self.inserted if moved is None else moved)
            if paging is None:
                paging = extend(tail, len(items), size, key_at)
        else:
            if self.keys is None:
                self.keys = [(a.date, a.path) for a in articles]
            keys = self.keys
            paging = seal(_Keys(len(items), lambda p: keys[items[p]]), size,
                          self.given.get(base, ()))
        self.tails[base] = paging.tail
        if paging.sealed:
            self.sealed[base] = paging.sealed
        return paging


    def _joined(self, base: str, items: tuple[int, ...], tail: Tail, size: int,
                key_at: Callable[[int], OrderKey], inserted: Sequence[int]) -> Paging | None:
        """The sealed pages of the list at `base` that the articles at `inserted` join
        (their items found by their order keys, a few read), with the list's tail moved
        up past them; those that fall after every sealed page join the unsealed rest as
        an append does (`extend`). None when none joins a sealed page: `extend` alone
        then takes them."""
        bounds = self.given.get(base, ())
        if len(bounds) != tail.sealed:
            raise LookupError(f"{base}: the sealed pages kept do not match the last build")
        joining: list[int] = []  # the 0-based number of the sealed page each joins
        rest = 0
        for index in inserted:
            at = bisect_left(items, index)
            if at == len(items) or items[at] != index:
                continue  # (not in this list)
            article = self.articles[index]
            number = bisect_left(bounds, (article.date, article.path))
            if number < len(bounds):
                joining.append(number)
            else:
                rest += 1
        if not joining:
            return None
        keys = _Keys(len(items), key_at)
        pages = {number + 1: _sealed_page(keys, bounds, number)
                 for number in sorted(set(joining))}
        self.firsts[base] = min(pages)
        shifted = _shifted(tail, len(items), pages, lambda page: sum(
            number + 1 < page for number in joining))
        if not rest:
            last = tail.chunks[-1].number if tail.chunks else 0
            return Paging(tuple(pages.values()), last, (), shifted)
        grown = extend(shifted, len(items), size, key_at)
        if tail.chunks:  # (the pages an append plans again: see `first`)
            self.firsts[base] = min(self.firsts[base], tail.chunks[-1].number)
        chunks = {c.number: c for c in grown.chunks} | pages
        return Paging(tuple(sorted(chunks.values(), key=lambda c: c.number)), grown.last,
                      grown.sealed, grown.tail)


    def _moved(self, base: str, items: tuple[int, ...], tail: Tail, size: int,
              key_at: Callable[[int], OrderKey], left: Sequence[int],
              joined: Sequence[int] = ()) -> Paging:
        """The pages of the list at `base` that the articles of `left` left and those of
        `joined` joined (keeping their places in the site), found by their order keys: a
        sealed page keeps its number and is planned again shorter or longer (later pages
        keep their items); the unsealed rest is cut again (`extend`), and left empty,
        the sealed page below it is the newest, shown at the list's URL, its number
        pointing there, as `seal` has it. LookupError when it cannot tell, or the
        articles that left were the list's only ones."""
        bounds = self.given.get(base, ())
        if len(bounds) != tail.sealed or len(items) != tail.count - len(left) + len(joined):
            raise LookupError(f"{base}: the sealed pages kept do not match the last build")
        if not items:
            raise LookupError(f"{base}: its only articles left")
        # The 0-based number of the sealed page each left or joined (`len(bounds)`: the
        # unsealed rest).
        gone, come = ([bisect_left(bounds, self.redated.get(index) or (
            (a := self.articles[index]).date, a.path)) for index in left],
                      [bisect_left(bounds, (a.date, a.path))
                       for a in (self.articles[index] for index in joined)])
        keys = _Keys(len(items), key_at)
        pages = {number + 1: _sealed_page(keys, bounds, number)
                 for number in sorted({*gone, *come}) if number < len(bounds)}
        # Each later page starts earlier by the stories that left pages before it, later
        # by those that joined them; those of the unsealed rest move no page of the
        # tail's, as `extend` cuts the rest again from the last sealed page's end.
        shifted = _shifted(tail, len(items), pages, lambda later: sum(
            number + 1 < later for number in come) - sum(number + 1 < later for number in gone))
        last = tail.chunks[-1].number if tail.chunks else 0
        if pages:
            self.firsts[base] = min(pages)
        if len(bounds) not in (*gone, *come):  # (the unsealed rest as it was)
            return Paging(tuple(pages.values()), last, (), shifted)
        kept = [c for c in shifted.chunks if c.number <= tail.sealed]
        if len(items) > (kept[-1].stop if kept else 0):  # (the rest shrank or grew)
            grown = extend(shifted, len(items), size, key_at)
            # (From the lowest page planned again: a sealed page planned again, or the
            # old newest page, which an append plans again as `first` has it.)
            self.firsts[base] = min(self.firsts.get(base, last), last)
            chunks = {c.number: c for c in grown.chunks} | pages
            return Paging(tuple(sorted(chunks.values(), key=lambda c: c.number)),
                          grown.last, grown.sealed, grown.tail)
        if not bounds:
            raise LookupError(f"{base}: its only articles left")  # (no page below it)
        # (The rest left empty: the newest sealed page is the list's newest page.)
        window = tuple(_sealed_page(keys, bounds, n)
                       for n in range(max(0, len(bounds) - NEWER - 1), len(bounds)))
        self.firsts[base] = min(self.firsts.get(base, window[-1].number), window[-1].number)
        chunks = {window[-1].number: window[-1]} | pages
        return Paging(tuple(sorted(chunks.values(), key=lambda c: c.number)), len(bounds),
                      (), Tail(len(items), tail.sealed, window, tail.bound))


def _sealed_page(keys: Sequence[OrderKey], bounds: Sequence[OrderKey], number: int) -> Chunk:
    """Sealed page `number + 1` of a list whose items have the order `keys`: those after
    the boundary before it (`bounds[number - 1]`) up to its own."""
    start = bisect_right(keys, bounds[number - 1]) if number else 0
    return Chunk(number + 1, start, bisect_right(keys, bounds[number], lo=start))


def _shifted(tail: Tail, count: int, pages: Mapping[int, Chunk],
             by: Callable[[int], int]) -> Tail:
    """`tail` of a list now of `count` items: its pages among `pages` (by number) as
    they are there, each other one moved by `by(its number)` items."""
    chunks = tuple(pages.get(c.number) or Chunk(c.number, c.start + by(c.number),
                                                c.stop + by(c.number)) for c in tail.chunks)
    return Tail(count, tail.sealed, chunks, tail.bound)


class _Keys(Sequence[OrderKey]):
    """The order keys of a list's items, looked up one by one as `pagination.seal` or
    a search asks for them (`key_at(position)`)."""

    def __init__(self, size: int, key_at: Callable[[int], OrderKey]) -> None:
        self.size = size
        self.key_at = key_at

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, position: int) -> OrderKey: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[OrderKey]: ...

    def __getitem__(self, position: int | slice) -> OrderKey | Sequence[OrderKey]:
        if isinstance(position, slice):
            return [self.key_at(p) for p in range(self.size)[position]]
        return self.key_at(position)


_UNGROWN = Paging((), 0, (), Tail())
"""What `paging` gives on an append for a list it did not change: `_Planner.section`
plans none of its pages."""
