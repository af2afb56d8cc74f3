"""Planned pages stored one row each, found by the articles they show."""

from __future__ import annotations

from pathlib import Path

from generator.build.commit import end_transaction
from generator.cache.pages import PageStore, article_number
from generator.cache.store import Cache


def test_pages_are_found_by_the_articles_they_show(tmp_path: Path) -> None:
    # Given pages stored for two output folders
    cache = Cache(tmp_path / "cache.sqlite")
    store = PageStore(cache)
    store.put_pages("output", [("a.html", "halaman a", ["x.md", "y.md"]),
                               ("b.html", "halaman b", ["y.md"]), ("c.html", "halaman c", [])])
    store.put_pages("preview", [("a.html", "pratinjau a", ["x.md"])])
    # When pages are asked for by article, or by output file
    # Then each folder's own pages come back
    assert store.pages_showing("output", ["x.md"]) == {"a.html": "halaman a"}
    assert store.pages_showing("output", ["y.md", "x.md"]) == {
        "a.html": "halaman a", "b.html": "halaman b"}
    assert store.pages_showing("preview", ["x.md", "y.md"]) == {"a.html": "pratinjau a"}
    assert store.pages("output", ["c.html", "hilang.html"]) == {"c.html": "halaman c"}
    # And a page stored later joins those an article already had
    store.put_pages("output", [("d.html", "halaman d", ["x.md"])])
    assert store.pages_showing("output", ["x.md"]) == {"a.html": "halaman a",
                                                       "d.html": "halaman d"}
    # And a page stored again keeps what it showed before until a fresh store
    store.put_pages("output", [("b.html", "halaman b baru", ["z.md"])])
    assert store.pages_showing("output", ["y.md"])["b.html"] == "halaman b baru"
    assert store.count("output") == 4
    store.put_pages("output", [("a.html", "a", ["x.md"])], fresh=True)
    assert store.pages_showing("output", ["y.md", "z.md"]) == {}
    assert store.pages_showing("preview", ["x.md"]) == {"a.html": "pratinjau a"}
    # (a fresh store is a whole plan: the pages it leaves out are forgotten)
    assert store.count("output") == 1 and store.pages("output", ["c.html"]) == {}
    assert store.count("preview") == 1
    # And forgotten pages are not found
    store.forget_pages("output", ["a.html"])
    assert store.pages_showing("output", ["x.md"]) == {}
    end_transaction(cache)
    cache.close()


def test_many_pages_go_in_and_come_out(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    store = PageStore(cache)
    outputs = [f"p{n}.html" for n in range(1500)]
    store.put_pages("output", [(o, o.upper(), [f"{n % 7}.md"]) for n, o in enumerate(outputs)])
    assert len(store.pages("output", outputs)) == 1500
    assert len(store.pages_showing("output", ["3.md"])) == len(range(3, 1500, 7))


def test_article_numbers_are_small_and_stable() -> None:
    assert article_number("content/articles/a.md") == article_number("content/articles/a.md")
    assert article_number("content/articles/a.md") != article_number("content/articles/b.md")
    assert 0 <= article_number("x" * 1000) < 2 ** 63
