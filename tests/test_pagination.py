import pytest

from generator.plan.pagination import paginate


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
