"""Two things that would publish one address (plan/clashes.py): an error naming the
file at fault, what holds the address, and what to change."""

from __future__ import annotations

import pytest

from generator.errors import WartaError
from tests.conftest import SiteMaker
from tests.test_cli import run


def test_an_alias_on_a_page_warta_makes_names_the_alias_and_the_page(site: SiteMaker) -> None:
    # Given a story whose alias is the address of a tag's page (an old URL, mistyped)
    site.article("a", "Banjir", "2024-03-01", tags="[Banjir]", aliases="[/tag/banjir/]")
    # When the site is built
    with pytest.raises(WartaError) as failed:
        site.build()
    # Then the error is at the story, says its alias, what holds the address, and what
    # to change
    assert [str(p) for p in failed.value.problems] == [
        "content/articles/a.md: its alias /tag/banjir/ is also used by a page Warta makes "
        "there \u2014 change the alias, or take it out"]
    # And in an Indonesian site's words, none of them English
    code, _, err = run("check", "--site", str(site.root))
    assert code == 1 and (
        "content/articles/a.md: aliasnya, /tag/banjir/, juga dipakai oleh halaman yang "
        "dibuat Warta di sana \u2014 ubah aliasnya, atau hapus") in err


def test_an_article_on_a_page_warta_makes_is_asked_for_another_slug(site: SiteMaker) -> None:
    # (The URL pattern puts the story at /tag/: the tags' index.)
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "[authors]", '[urls]\narticle = "/{slug}/"\n\n[authors]'), encoding="utf-8")
    site.article("tag", "Tag", "2024-03-01", tags="[Banjir]", slug="tag")
    with pytest.raises(WartaError) as failed:
        site.build()
    assert "content/articles/tag.md: its URL /tag/ is also used by a page Warta makes " \
           "there \u2014 choose another slug" in [str(p) for p in failed.value.problems]


@pytest.mark.parametrize("alias", ["/sitemap.xml", "/rss.xml", "/"])
def test_an_alias_on_a_page_planned_after_the_story_is_still_the_storys_error(
        site: SiteMaker, alias: str) -> None:
    # (The sitemap and the feeds are planned after the articles: the error was filed
    # under Warta's own page, without the alias.)
    site.article("a", "Banjir", "2024-03-01", tags="[Banjir]", aliases=f"[{alias}]")
    with pytest.raises(WartaError) as failed:
        site.build()
    assert [str(p) for p in failed.value.problems] == [
        f"content/articles/a.md: its alias {alias} is also used by a page Warta makes "
        "there \u2014 change the alias, or take it out"]
