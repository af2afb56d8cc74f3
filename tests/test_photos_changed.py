"""A photo whose file changed in place (a crop exported again under its name) takes the
quick path: made again, the pages of the stories that show it rendered again, found
through the article pages that recorded it (build/photos.py `quick_photos` and
`showing_photos`, build/commit.py `RecordedPage`); a static page or site.toml showing
it, or a cache that does not know who shows it, goes the whole way."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from generator.build.memos import stored
from generator.cache.pages import article_number
from generator.cache.store import Cache
from generator.errors import ContentError
from generator.photos.model import PhotoMemo
from tests.conftest import SiteMaker, fresh_checkout, hashes
from tests.test_photos import _portrait
from tests.test_photos_unshown import LEAD, _start
from tests.test_search import needs_pagefind, news, searchable
from tools.demo_photos import make_photo

SATU = "content/media/2024/satu.jpg"
"""Shown by `satu` (its lead) and `dua` (in its text), no static page."""


def _cropped(site: SiteMaker, size: tuple[int, int] = (1500, 1000)) -> None:
    make_photo(site.root / SATU, size, seed=9)


def _cropped_as_its_story_is_touched(site: SiteMaker) -> None:
    # (`dua` lets the photo go first: `satu` alone shows it, and no other story's page
    # is written for it; then `satu` is saved again with its bytes kept, no edit)
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n")
    assert site.build().quick
    _cropped(site, (1000, 700))
    os.utime(site.root / "content/articles/satu.md", ns=(2 * 10**18, 2 * 10**18))


def _svg_redrawn(site: SiteMaker) -> None:
    site.write("content/media/2024/peta.svg",
               "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect/></svg>")
    site.article("tiga", "Tiga", "2024-03-08", body="Isi.\n\n![Peta](media/2024/peta.svg)\n")
    assert site.build().quick
    site.write("content/media/2024/peta.svg",
               "<svg xmlns='http://www.w3.org/2000/svg' width='60' height='30'><circle/></svg>")


QUICK: dict[str, Callable[[SiteMaker], object]] = {
    "a photo two stories show, cropped": _cropped,
    # (fewer derivatives: the widest leave; narrower than the narrowest width: a warning)
    "a photo made smaller than the narrowest width": lambda s: _cropped(s, (300, 200)),
    "a photo touched, its bytes kept": lambda s: os.utime(s.root / SATU, ns=(1, 1)),
    "a photo cropped beside today's news": lambda s: _cropped(s) or s.article(
        "empat", "Empat", "2024-03-09"),
    "a photo cropped as today's news shows it": lambda s: _cropped(s) or s.article(
        "empat", "Empat", "2024-03-09", image=LEAD % "satu.jpg"),
    "a photo cropped as a story showing it is edited": lambda s: _cropped(s) or s.article(
        "dua", "Dua", "2024-03-05", body="Isi baru.\n\n![Foto](media/2024/satu.jpg)\n"),
    "a photo cropped as a story lets it go": lambda s: _cropped(s) or s.article(
        "dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n"),
    "a photo cropped as a story shows it first": lambda s: _cropped(s) or s.article(
        "tiga", "Tiga", "2024-03-08", image=LEAD % "satu.jpg"),
    "a photo cropped as the one story showing it is touched": _cropped_as_its_story_is_touched,
    "a drawing in a text redrawn": _svg_redrawn,
}

def _portrait_and_story(site: SiteMaker) -> None:
    # (a portrait site.toml names, shown by a story too: every page may show it)
    _portrait(site)
    make_photo(site.root / "content/media/redaksi/hmz.jpg", (300, 300), seed=1)
    site.article("tiga", "Tiga", "2024-03-08", authors="[Hmz]",
                 body="Isi.\n\n![Hamid](media/redaksi/hmz.jpg)\n")
    site.build()
    make_photo(site.root / "content/media/redaksi/hmz.jpg", (320, 320), seed=2)


WHOLE: dict[str, Callable[[SiteMaker], object]] = {
    # (a static page shows it: the whole way renders static pages)
    "a photo a static page shows, cropped": lambda s: make_photo(
        s.root / "content/media/2024/dua.jpg", (1500, 1000), seed=9),
    "a portrait a story shows too, cropped": _portrait_and_story,
}


def _changed(site: SiteMaker, make_site: Callable[[str], SiteMaker],
             change: Callable[[SiteMaker], object], quick: bool) -> set[str]:
    """The output files that differ once `change` is made and `site` built (on the quick
    path when `quick`, else the whole way), checked against a fresh checkout: the
    output, the warnings and the photo memo."""
    change(site)
    before = hashes(site.output)
    result = site.build()
    after = hashes(site.output)
    assert result.quick == quick
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert set(result.removed) == set(before) - set(after)
    assert len(result.written) + result.unchanged == len(after)  # (the summary's counts)
    fresh = fresh_checkout(site, make_site("fresh"))
    whole = fresh.build()
    assert hashes(fresh.output) == after
    assert [str(p) for p in result.warnings] == [str(p) for p in whole.warnings]
    quick_memo, whole_memo = (stored(Cache(s.root / ".warta/cache.sqlite"), "photos:output")
                              for s in (site, fresh))
    assert isinstance(quick_memo, PhotoMemo) and isinstance(whole_memo, PhotoMemo)
    assert (quick_memo.photos, quick_memo.stats, quick_memo.shared) == (
        whole_memo.photos, whole_memo.stats, whole_memo.shared)
    return {p for p in after if before.get(p) != after[p]}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_photo_changed_in_place_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose stories and static page show photos
    _start(site)
    site.build()
    # When a photo's file changes in place, then the quick path writes what a fresh
    # checkout has: the photo's files, the pages of the stories that show it
    _changed(site, make_site, QUICK[name], quick=True)
    # And the next build writes nothing
    again = site.build()
    assert again.quick and not again.written and not again.removed


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_photo_changed_in_place_that_another_page_shows_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _start(site)
    site.build()
    _changed(site, make_site, WHOLE[name], quick=False)


def test_a_cropped_photo_rewrites_the_pages_of_the_stories_that_show_it(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a photo `satu` shows as its lead and `dua` in its text
    _start(site)
    site.build()
    # When it is cropped, then both stories' pages are written again, with its files
    written = _changed(site, make_site, _cropped, quick=True)
    assert {"satu/index.html", "dua/index.html"} <= {
        p.split("/", 2)[-1] if p.count("/") > 1 else p for p in written}
    assert any(p.startswith("media/2024/satu-") for p in written)
    assert not any(p.startswith("media/2024/dua") for p in written)


def test_a_cache_that_does_not_know_who_shows_a_photo_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a build whose cache lost which pages show a photo (one written before the
    # pages recorded their photos)
    _start(site)
    site.build()
    cache = Cache(site.root / ".warta/cache.sqlite")
    cache.db.execute("DELETE FROM shows WHERE article = ?",
                     (article_number("/media/2024/satu.jpg"),))
    cache.db.commit()
    cache.close()
    # When the photo is cropped, then the whole way renders the pages that show it
    _changed(site, make_site, _cropped, quick=False)


@needs_pagefind
def test_a_photo_cropped_with_search_on_keys_the_shards_as_the_whole_way(
        site: SiteMaker) -> None:
    # Given search on, seven stories in shards of two, one of a full shard (4: [10, 12])
    # showing a photo in its text
    searchable(site)
    make_photo(site.root / "content/media/2024/pasar.jpg", (1200, 800), seed=3)
    for n in range(1, 8):
        news(site, n * 2, "Isi berita tentang pasar.\n\n![Pasar](media/2024/pasar.jpg)\n"
             if n == 5 else "")
    site.build()
    # When the photo is cropped
    make_photo(site.root / "content/media/2024/pasar.jpg", (1000, 700), seed=4)
    quick = site.build()
    # Then the quick path takes it, and the whole way after it finds nothing to write
    # or index: the story's shard was keyed as the whole way keys it
    assert quick.quick and "2024/03/berita-10/index.html" in quick.written
    whole = site.build(quick=False)
    assert not whole.written and whole.search_indexed == () and not whole.search_corrected


def test_a_photo_overwritten_by_a_file_that_is_no_image_is_an_error_at_each_line(
        site: SiteMaker) -> None:
    # Given a built archive, a photo two stories show
    _start(site)
    site.build()
    before = hashes(site.output)
    # When its file is overwritten by something that is not a photo (a failed export)
    (site.root / SATU).write_bytes(b"bukan foto")
    # Then the build fails naming each story that shows it at its line, and output/
    # stays as it was
    with pytest.raises(ContentError) as failed:
        site.build()
    errors = sorted(str(p).split(": the file")[0] for p in failed.value.problems
                    if p.is_error)
    assert errors == ["content/articles/dua.md:7: the image 'media/2024/satu.jpg'",
                      "content/articles/satu.md:4: the image 'media/2024/satu.jpg'"], errors
    assert hashes(site.output) == before
