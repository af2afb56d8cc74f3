"""A planned page as the cache keeps it (plan/page.py's `stored` and `from_stored`): its
articles named by path (and the place each had), so that it stays true when an article
dated before them moves their places in the site."""

from __future__ import annotations

import pickle

import pytest

from generator.plan.page import Page, Places, from_stored, stored

ORDER = ("a.md", "b.md", "c.md", "d.md", "e.md")


def _article_page() -> Page:
    return Page(output="2024/03/c/index.html", url="/2024/03/c/", kind="article",
                template="article.html", title="C", canonical="https://kabar.example/2024/03/c/",
                article=2, neighbours=(1, None), related=(0, 1), section_nav=(None, 3),
                section_more=(4,), follow_up=3, base="b", fingerprint="f")


def _paths(page: Page, order: tuple[str, ...]) -> list[str]:
    return [order[i] for i in page.deps]


def test_a_stored_page_comes_back_as_it_was() -> None:
    page = _article_page()
    kept = pickle.loads(pickle.dumps(stored(page, _paths(page, ORDER))))
    assert from_stored(kept, Places(ORDER)) == page


def test_an_article_dated_before_moves_the_places_not_the_stored_page() -> None:
    # Given a page stored by a build of ORDER
    page = _article_page()
    kept = stored(page, _paths(page, ORDER))
    # When an article is dated before all those it shows
    order = ("new.md", *ORDER)
    back = from_stored(kept, Places(order))
    # Then it shows the same articles, each at its new place
    assert back.article == 3 and back.neighbours == (2, None) and back.related == (1, 2)
    assert back.section_nav == (None, 4) and back.section_more == (5,) and back.follow_up == 4
    assert [order[i] for i in back.deps] == _paths(page, ORDER)
    assert back.fingerprint == page.fingerprint


def test_a_list_page_keeps_its_items_in_order() -> None:
    page = Page(output="arsip/index.html", url="/arsip/", kind="archive", template="list.html",
                title="Arsip", canonical="https://kabar.example/arsip/", items=(4, 2, 0),
                number=1)
    kept = stored(page, _paths(page, ORDER))
    assert from_stored(kept, Places(tuple(reversed(ORDER)))).items == (0, 2, 4)


def _damaged(name: str, value: object) -> dict[str, object]:
    kept = stored(_article_page(), _paths(_article_page(), ORDER))
    kept[name] = value
    return kept


@pytest.mark.parametrize("kept", [
    _article_page(),  # as an older cache stored it
    "a row of another kind", None, {"output": "x"},
    _damaged("related", [("a.md", 0)]), _damaged("article", 2),
    _damaged("article", ("c.md", True)), _damaged("items", "a.md"),
])
def test_a_row_of_another_shape_is_a_lookup_error(kept: object) -> None:
    with pytest.raises(LookupError):
        from_stored(kept, Places(ORDER))


def test_a_page_showing_an_article_the_order_lacks_is_a_lookup_error() -> None:
    page = _article_page()
    kept = stored(page, _paths(page, ORDER))
    with pytest.raises(LookupError):
        from_stored(kept, Places(ORDER[:3]))


def test_places_hash_the_order_only_when_an_article_moved() -> None:
    page = _article_page()
    kept = stored(page, _paths(page, ORDER))
    same = Places(ORDER)
    from_stored(kept, same)
    assert same._index is None  # every article where it was stored
    # One dated in before them (a story filed late): each found one place on
    later = Places(("new.md", *ORDER))
    assert from_stored(kept, later).deps == tuple(i + 1 for i in page.deps)
    assert later._index is None
    # One deleted before them (build/relisted.py `deleting`): each one place back
    page = Page(output="arsip/index.html", url="/arsip/", kind="archive", template="list.html",
                title="Arsip", canonical="https://kabar.example/arsip/", items=(4, 3, 2),
                number=1)
    kept = stored(page, _paths(page, ORDER))
    earlier = Places(tuple(path for path in ORDER if path != "b.md"))
    assert from_stored(kept, earlier).items == (3, 2, 1)
    assert earlier._index is None
    moved = Places(("new.md", "other.md", *ORDER))
    from_stored(kept, moved)
    assert moved._index is not None
