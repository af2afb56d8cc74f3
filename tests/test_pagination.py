from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.plan.pagination import (
    NEWER,
    JoinsSealedPage,
    OrderKey,
    Paging,
    Tail,
    extend,
    paginate,
    seal,
)


def test_page_one_holds_the_oldest_items() -> None:
    chunks = paginate(7, 3)
    assert [(c.number, c.start, c.stop) for c in chunks] == [(1, 0, 3), (2, 3, 6), (3, 6, 7)]


def test_adding_an_item_changes_only_the_newest_page() -> None:
    before, after = paginate(7, 3), paginate(8, 3)
    assert before[:-1] == after[:-1]
    assert (after[-1].start, after[-1].stop) == (6, 8)


def test_a_full_page_then_a_new_one() -> None:
    assert [(c.start, c.stop) for c in paginate(4, 3)] == [(0, 3), (3, 4)]


def test_empty_and_invalid() -> None:
    assert paginate(0, 20) == []
    with pytest.raises(ValueError):
        paginate(5, 0)


# Sealed pages (issue 18 item 8): a full page keeps its items; an item dated into it
# joins it; one deleted leaves it shorter.

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def key(n: float, name: str = "") -> OrderKey:
    return T0 + timedelta(hours=n), name or f"content/articles/a{n:09.3f}.md"


def spans(paging: Paging, keys: list[OrderKey]) -> list[list[float]]:
    """The hours of the items on each page."""
    return [[round((k[0] - T0).total_seconds() / 3600, 3) for k in keys[c.start:c.stop]]
            for c in paging.chunks]


def test_without_boundaries_seal_is_paginate_and_seals_every_full_page() -> None:
    keys = [key(n) for n in range(7)]
    paging = seal(keys, 3)
    assert list(paging.chunks) == paginate(7, 3)
    assert paging.sealed == (keys[2], keys[5])
    # (the tail: the newest page and the NEWER one below it, whose links a new page changes)
    assert paging.last == 3 and paging.tail == Tail(7, 2, paging.chunks[-1 - NEWER:], keys[5])


def test_a_backdated_item_joins_the_sealed_page_where_its_date_falls() -> None:
    keys = [key(n) for n in range(7)]
    sealed = seal(keys, 3).sealed
    # One dated between items 1 and 2: page 1 grows by one, the others keep theirs
    later = sorted([*keys, key(1.5)])
    paging = seal(later, 3, sealed)
    assert spans(paging, later) == [[0, 1, 1.5, 2], [3, 4, 5], [6]]
    assert paging.sealed == sealed
    # One dated after the last boundary joins the unsealed newest page, which seals
    # when it fills
    later = sorted([*keys, key(1.5), key(5.5), key(7)])
    paging = seal(later, 3, sealed)
    assert spans(paging, later) == [[0, 1, 1.5, 2], [3, 4, 5], [5.5, 6, 7]]
    assert paging.sealed == (*sealed, key(7))


def test_deleting_from_a_sealed_page_leaves_it_shorter_and_an_emptied_one_stays() -> None:
    keys = [key(n) for n in range(9)]
    sealed = seal(keys, 3).sealed
    later = [k for k in keys if k not in (keys[4], keys[3], keys[5])]
    paging = seal(later, 3, sealed)
    assert spans(paging, later) == [[0, 1, 2], [], [6, 7, 8]]
    assert paging.last == 3 and paging.sealed == sealed
    # Every item gone: the pages stay, empty
    assert [(c.number, c.start, c.stop) for c in seal([], 3, sealed).chunks] == [
        (1, 0, 0), (2, 0, 0), (3, 0, 0)]


@given(st.lists(st.integers(0, 200), unique=True, max_size=40),
       st.lists(st.integers(0, 200), unique=True, max_size=40),
       st.integers(1, 5), st.integers(0, 6))
def test_every_item_lands_once_and_pages_only_grow_at_the_end(
        first: list[int], later: list[int], size: int, appended: int) -> None:
    # Given a list paginated once, then items added anywhere and others deleted
    before = sorted(key(n) for n in first)
    sealed = seal(before, size).sealed
    after = sorted(key(n) for n in later)
    paging = seal(after, size, sealed)
    # Then every item is on exactly one page, in order, each sealed page holding the
    # items between its boundaries and keeping its number
    assert [c.number for c in paging.chunks] == list(range(1, paging.last + 1))
    assert paging.chunks[0].start == 0 if paging.chunks else after == []
    assert all(a.stop == b.start for a, b in pairwise(paging.chunks))
    assert not paging.chunks or paging.chunks[-1].stop == len(after)
    for number, bound in enumerate(sealed, start=1):
        chunk = paging.chunks[number - 1]
        low = sealed[number - 2] if number > 1 else None
        assert all((low is None or low < k) and k <= bound for k in after[chunk.start:chunk.stop])
    # The pages after the sealed ones are full but the newest; each full one sealed
    rest = paging.chunks[len(sealed):]
    assert all(c.stop - c.start == size for c in rest[:-1])
    assert len(paging.sealed) == len(sealed) + sum(c.stop - c.start == size for c in rest)
    assert paging.sealed[:len(sealed)] == tuple(sealed)
    # And appending newer items to it pages them as sealing the whole list again does
    newer = [key(300 + n) for n in range(appended)]
    whole = seal(after + newer, size, paging.sealed)
    grown = extend(paging.tail, len(after) + len(newer), size,
                   lambda i: (after + newer)[i])
    assert grown.last == whole.last and grown.tail == whole.tail
    assert paging.sealed + grown.sealed == whole.sealed
    first_page = paging.tail.chunks[0].number if paging.tail.chunks else 1
    assert list(grown.chunks) == [c for c in whole.chunks if c.number >= first_page]
    # ...and items dated just after the newest one left (deletions may have left a
    # sealed page's boundary past it) either are refused or paged as that does too
    start = (after[-1][0] - T0).total_seconds() / 3600 if after else -1
    close = [key(start + 0.25 * (n + 1)) for n in range(appended)]
    whole_close = seal(after + close, size, paging.sealed)
    try:
        grown_close = extend(paging.tail, len(after) + len(close), size,
                             lambda i: (after + close)[i])
    except JoinsSealedPage:
        assert close and paging.sealed and close[0] <= paging.sealed[-1]
    else:
        assert grown_close.last == whole_close.last and grown_close.tail == whole_close.tail
        assert paging.sealed + grown_close.sealed == whole_close.sealed


def test_an_append_refuses_an_item_dated_into_a_sealed_page() -> None:
    # Given a list whose first page sealed at item 2, which was then deleted: its tail
    # keeps the boundary, past the list's newest item
    keys = [key(n) for n in range(3)]
    bound = seal(keys, 3).sealed[-1]
    tail = seal(keys[:2], 3, (bound,)).tail
    assert tail.bound == bound and tail.count == 2
    # When an item dated before that boundary is appended, the append refuses it (a
    # whole plan puts it on page 1); one dated after it opens page 2
    with pytest.raises(JoinsSealedPage):
        extend(tail, 3, 3, [*keys[:2], key(1.5)].__getitem__)
    later = [*keys[:2], key(2.5)]
    paging = extend(tail, 3, 3, later.__getitem__)
    assert paging.last == 2 and paging.tail.bound == bound
    assert spans(seal(later, 3, (bound,)), later) == [[0, 1], [2.5]]
