"""Files removed while the register was not written: a rename seen first by a preview,
`warta check`, `--drafts` or a build that failed still keeps its redirect."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.build.addresses import load_register, renames
from generator.build.memos import held_removals
from generator.cache.removed import RemovedArticle, still_held
from generator.cache.store import Cache
from generator.cli import main
from generator.content.model import Article
from generator.content.register import ARTICLE, GONE, LATE, MOVED, Address
from generator.errors import ContentError
from tests.conftest import SiteMaker

WIB = ZoneInfo("Asia/Jakarta")
MARCH = datetime(2024, 3, 1, 9, tzinfo=WIB)


def _removed(path: str, title: str = "Satu", date: datetime = MARCH,
             body: str = "b1") -> RemovedArticle:
    return RemovedArticle(path, date, title, body)


def _article(path: str, url: str, title: str = "Satu", date: datetime = MARCH,
             body: str = "b1") -> Article:
    return Article(path=path, title=title, slug=url.strip("/").rsplit("/", 1)[-1],
                   date=date, url=url, body_hash=body)


def test_a_later_removal_replaces_an_earlier_one_and_a_file_back_is_let_go() -> None:
    first, again, other = _removed("a.md", body="old"), _removed("a.md", body="new"), \
        _removed("b.md")
    assert still_held([first], [again, other], present=[]) == (again, other)
    assert still_held([first, other], [], present=["b.md"]) == (first,)


def test_a_rename_is_told_only_for_a_file_the_register_names() -> None:
    register = {"/2024/03/satu/": Address("/2024/03/satu/", ARTICLE, "a.md")}
    moved = [_article("a2.md", "/2024/03/satu-baru/")]
    assert renames([_removed("a.md")], register, moved) == {"a.md": "a2.md"}
    # (A draft never published, renamed: nothing to redirect.)
    assert renames([_removed("x.md")], register, moved) == {}
    # An article the register already knows, by file or by address, is no rename.
    known = {**register, "/2024/03/dua/": Address("/2024/03/dua/", LATE,
                                                  "2024-03-02T00:00:00+07:00 a2.md")}
    assert renames([_removed("a.md")], known, moved) == {}
    # Another date, or another body and title: another article.
    assert renames([_removed("a.md", date=datetime(2024, 3, 2, tzinfo=WIB))], register,
                   moved) == {}
    assert renames([_removed("a.md", title="Lain", body="b2")], register, moved) == {}
    # Two copies of it: the first by path.
    twins = [_article("a0.md", "/2024/03/satu-lagi/"), *moved]
    assert renames([_removed("a.md")], register, twins) == {"a.md": "a0.md"}


def _build_check(site: SiteMaker) -> None:
    checked = CliRunner().invoke(main, ["check", "--site", str(site.root)])
    assert checked.exit_code == 0, checked.output


def _build_preview(site: SiteMaker) -> None:
    site.build(output_dir=site.root / "preview", keep_register=False)


def _build_drafts(site: SiteMaker) -> None:
    site.build(drafts=True)


def _build_failing(site: SiteMaker) -> None:
    broken = site.write("content/articles/rusak.md", "---\ntitle: Rusak\ndate: kemarin\n---\n")
    with pytest.raises(ContentError):
        site.build()
    broken.unlink()


@pytest.mark.parametrize("first", [_build_check, _build_preview, _build_drafts,
                                   _build_failing])
def test_a_rename_seen_first_by_a_build_that_writes_no_register_keeps_its_redirect(
        site: SiteMaker, first: object) -> None:
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    path = site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="")
    site.build()
    path.rename(path.with_name("satu-baru.md"))
    first(site)  # type: ignore[operator]
    result = site.build()
    assert not result.quick
    assert result.addresses.moved == (("/2024/03/satu/", "/2024/03/satu-baru/"),)
    entries = load_register(site.root).entries
    assert entries["/2024/03/satu/"] == Address("/2024/03/satu/", MOVED, "/2024/03/satu-baru/")
    # Renamed, not filed late: the article keeps its place among the related news.
    assert entries["/2024/03/satu-baru/"].kind == ARTICLE
    assert "/2024/03/satu-baru/" in site.read("2024/03/satu/index.html")
    # Told to the register: the cache holds no removal any more, and the next build of
    # today's news takes the quick path again.
    cache = Cache(site.root / ".warta" / "cache.sqlite")
    try:
        assert held_removals(cache) == ()
    finally:
        cache.close()
    site.article("2024/03/tiga", "Tiga", "2024-03-03T09:00:00+07:00")
    assert site.build().quick


def test_a_draft_copy_never_takes_a_rename(site: SiteMaker) -> None:
    # Given a published article and a draft copy of it (kept for an update), whose
    # file sorts first
    path = site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="")
    site.article("2024/03/a-salinan", "Satu", "2024-03-01T09:00:00+07:00", slug="",
                 draft="true")
    site.build()
    # When the published one is renamed
    path.rename(path.with_name("satu-baru.md"))
    result = site.build()
    # Then its old address leads to it, not to the draft
    assert result.addresses.moved == (("/2024/03/satu/", "/2024/03/satu-baru/"),)
    assert load_register(site.root).entries["/2024/03/satu-baru/"].kind == ARTICLE


def test_a_file_whose_address_the_register_names_is_no_rename() -> None:
    # (A copy at the address of another published article: that one's, not a rename.)
    register = {"/2024/03/satu/": Address("/2024/03/satu/", ARTICLE, "a.md"),
                "/2024/03/dua/": Address("/2024/03/dua/", ARTICLE, "b.md")}
    assert renames([_removed("a.md")], register, [_article("b2.md", "/2024/03/dua/")]) == {}
    assert renames([_removed("a.md")], register, [_article("b2.md", "/2024/03/tiga/")]) \
        == {"a.md": "b2.md"}


def test_a_file_deleted_while_previewing_is_gone_once_published(site: SiteMaker) -> None:
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    path = site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    site.build()
    path.unlink()
    _build_preview(site)
    result = site.build()
    assert result.addresses.gone == ("/2024/03/dua/",)
    assert load_register(site.root).entries["/2024/03/dua/"].kind == GONE


def test_a_file_renamed_and_renamed_back_while_previewing_is_as_it_was(
        site: SiteMaker) -> None:
    site.article("2024/03/dua", "Dua", "2024-03-02T09:00:00+07:00")
    path = site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", slug="")
    site.build()
    before = (site.root / "content" / "published-urls.txt").read_text(encoding="utf-8")
    renamed = path.rename(path.with_name("satu-baru.md"))
    _build_preview(site)
    renamed.rename(path)
    _build_preview(site)
    result = site.build()
    assert result.addresses.moved == () and result.addresses.gone == ()
    assert (site.root / "content" / "published-urls.txt").read_text(encoding="utf-8") \
        == before
