"""A photo no article shows any more (a photo replaced, or taken out of a story for a
reader's privacy) leaves the output on the quick path as on the whole way, and a photo
another story, a static page or the same story still shows stays (build/photos.py
`quick_photos`, photos/model.py `uses_after`)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.memos import stored
from generator.cache.store import Cache
from generator.photos.model import Photo, PhotoMemo, shared_of, uses_after
from tests.conftest import SiteMaker, fresh_checkout, hashes
from tools.demo_photos import make_photo

LEAD = "{src: media/2024/%s, alt: Foto}"


def _media(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in (output / "media").rglob("*")
            if p.is_file()}


def _start(site: SiteMaker) -> None:
    """Three stories: `satu` with its lead photo, `dua` showing it in its text and a
    photo of its own, `tiga` with none; a static page showing `dua`'s photo."""
    make_photo(site.root / "content/media/2024/satu.jpg", (1800, 1200), seed=1)
    make_photo(site.root / "content/media/2024/dua.jpg", (1600, 1000), seed=2)
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpg")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto](media/2024/satu.jpg)\n\n"
                 "![Foto dua](media/2024/dua.jpg)\n")
    site.article("tiga", "Tiga", "2024-03-08")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\nKami.\n\n"
               "![Kantor](media/2024/dua.jpg)\n")


def _replaced(site: SiteMaker) -> None:
    make_photo(site.root / "content/media/2024/ganti.jpg", (900, 600), seed=3)
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "ganti.jpg")


def _taken_out(site: SiteMaker) -> None:
    # (out of the one story that showed it, and out of content/media/: a reader's face)
    make_photo(site.root / "content/media/2024/wajah.jpg", (1000, 800), seed=4)
    site.article("tiga", "Tiga", "2024-03-08", body="Isi.\n\n![Wajah](media/2024/wajah.jpg)\n")
    assert site.build().quick
    site.article("tiga", "Tiga", "2024-03-08")
    (site.root / "content/media/2024/wajah.jpg").unlink()


def _replaced_alone(site: SiteMaker) -> None:
    make_photo(site.root / "content/media/2024/wajah.jpg", (1000, 800), seed=4)
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "wajah.jpg")
    assert site.build().quick
    make_photo(site.root / "content/media/2024/lain.jpg", (900, 600), seed=6)
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "lain.jpg")


def _two_names(site: SiteMaker) -> None:
    # (a copy of the photo under another suffix publishes the same files: those of the
    # name no longer shown stay for the other)
    shutil.copy(site.root / "content/media/2024/satu.jpg",
                site.root / "content/media/2024/satu.jpeg")
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "satu.jpeg")
    assert site.build().quick
    site.article("satu", "Satu", "2024-03-01")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n")


def _renamed(site: SiteMaker) -> None:
    # (the same bytes under another suffix: the same files, none written or removed)
    (site.root / "content/media/2024/satu.jpg").rename(site.root / "content/media/2024/satu.jpeg")
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpeg")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto](media/2024/satu.jpeg)\n\n"
                 "![Foto dua](media/2024/dua.jpg)\n")


def _other_format(site: SiteMaker) -> None:
    # (the same name as a PNG: its files are those the JPEG's were, written again)
    (site.root / "content/media/2024/satu.jpg").unlink()
    make_photo(site.root / "content/media/2024/satu.png", (1800, 1200), seed=5)
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.png")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n")


def _moved(site: SiteMaker) -> None:
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "satu.jpg")
    site.article("satu", "Satu", "2024-03-01")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n")


def _lead_and_text(site: SiteMaker) -> None:
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpg",
                 body="Isi.\n\n![Lagi](media/2024/satu.jpg)\n")
    assert site.build().quick
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpg")


def _both_beside_news(site: SiteMaker) -> None:
    site.article("satu", "Satu", "2024-03-01")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n")
    site.article("empat", "Empat", "2024-03-09")


WITHDRAWN = "Ditarik atas permintaan narasumber."


def _withdrawn_alone(site: SiteMaker) -> None:
    # (a story withdrawn for its photo: a face it should not have shown)
    make_photo(site.root / "content/media/2024/wajah.jpg", (1000, 800), seed=4)
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "wajah.jpg",
                 body="Isi.\n\n![Wajah](media/2024/wajah.jpg)\n")
    assert site.build().quick
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "wajah.jpg",
                 body="Isi.\n\n![Wajah](media/2024/wajah.jpg)\n", withdrawn=WITHDRAWN)


def _both_withdrawn(site: SiteMaker) -> None:
    # (`satu`'s photo leaves with both; `dua`'s stays: the static page shows it)
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpg", withdrawn=WITHDRAWN)
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto](media/2024/satu.jpg)\n\n"
                 "![Foto dua](media/2024/dua.jpg)\n", withdrawn=WITHDRAWN)


CHANGES: dict[str, tuple[Callable[[SiteMaker], object], int, tuple[str, ...]]] = {
    # name: (the change, photos decoded, the photos whose files leave)
    "a lead photo replaced by a new one (another story shows the old one)": (
        _replaced, 1, ()),
    "a photo replaced by a new one, none showing it any more": (_replaced_alone, 1, ("wajah",)),
    "a photo taken out of its only story and its file deleted": (_taken_out, 0, ("wajah",)),
    "a photo taken out of one of the two stories that show it": (
        lambda s: s.article("dua", "Dua", "2024-03-05",
                            body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n"), 0, ()),
    "a photo moved from one story to another": (_moved, 0, ()),
    "a photo a static page still shows, taken out of the story": (
        lambda s: s.article("dua", "Dua", "2024-03-05", body="Isi.\n"), 0, ()),
    "a photo shown as the lead and in the text, taken out of the text": (
        _lead_and_text, 0, ()),
    "a photo taken out of both stories beside today's news": (
        _both_beside_news, 0, ("satu",)),
    "a photo taken out of the stories, another name of it still shown": (_two_names, 0, ()),
    "a photo's file renamed, the same bytes": (_renamed, 0, ()),
    "a photo replaced by one of its name in another format": (_other_format, 1, ()),
    "a story withdrawn, its photo shown nowhere else": (_withdrawn_alone, 0, ("wajah",)),
    "a story withdrawn, its photos shown elsewhere": (
        lambda s: s.article("satu", "Satu", "2024-03-01", image=LEAD % "satu.jpg",
                            withdrawn=WITHDRAWN), 0, ()),
    "two stories withdrawn, a static page showing one photo": (
        _both_withdrawn, 0, ("satu",)),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_photo_no_longer_shown_leaves_the_output_on_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive whose stories and static page show photos
    _start(site)
    site.build()
    change, decoded, leaving = CHANGES[name]
    # When an editor changes the photos the stories show
    change(site)
    before = hashes(site.output)
    result = site.build()
    after = hashes(site.output)
    # Then the quick path takes it, writing what changed and removing the files of the
    # photos none shows any more, and only those
    assert result.quick and result.photos_decoded == decoded
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert set(result.removed) == set(before) - set(after)
    assert len(result.written) + result.unchanged == len(after)  # (the summary's counts)
    left = {p for p in result.removed if p.startswith("media/")}
    assert {p.split("/")[-1].rsplit("-", 1)[0] for p in left} == set(leaving)
    assert not any(f"/{stem}-" in p or p.endswith(f"/{stem}.jpg")
                   for p in after for stem in leaving)
    # And the output and the photo memo are a fresh checkout's (the next build's
    # knowledge of which photos are shown more than once among them)
    fresh = fresh_checkout(site, make_site("fresh"))
    fresh.build()
    assert hashes(fresh.output) == after
    quick_memo, whole_memo = (stored(Cache(s.root / ".warta/cache.sqlite"), "photos:output")
                              for s in (site, fresh))
    assert isinstance(quick_memo, PhotoMemo) and isinstance(whole_memo, PhotoMemo)
    assert (quick_memo.photos, quick_memo.stats, quick_memo.shared) == (
        whole_memo.photos, whole_memo.stats, whole_memo.shared)


def test_a_photo_two_stories_showed_leaves_when_the_second_lets_it_go(
        site: SiteMaker) -> None:
    # Given a photo two stories show
    _start(site)
    site.build()
    files = {p for p in _media(site.output) if "/satu-" in p or p.endswith("/satu.jpg")}
    assert files
    # When one lets it go, then the other
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n")
    first = site.build()
    # Then its files stay after the first
    assert first.quick and files <= _media(site.output) and not first.removed
    site.article("satu", "Satu", "2024-03-01")
    second = site.build()
    # And leave with the second, quick too
    assert second.quick and files.isdisjoint(_media(site.output))
    assert files <= set(second.removed)


def test_a_new_story_showing_a_known_photo_keeps_it_when_the_first_lets_it_go(
        site: SiteMaker) -> None:
    # Given a photo one story shows, and today's news showing it too (a quick build)
    make_photo(site.root / "content/media/2024/pasar.jpg", (1600, 1000), seed=7)
    site.article("satu", "Satu", "2024-03-01", image=LEAD % "pasar.jpg")
    site.build()
    site.article("dua", "Dua", "2024-03-05", image=LEAD % "pasar.jpg")
    assert site.build().quick
    # When the first story lets it go
    site.article("satu", "Satu", "2024-03-01")
    result = site.build()
    # Then its files stay: today's news shows it
    assert result.quick and not any("pasar" in p for p in result.removed)
    assert any("/pasar-" in p for p in _media(site.output))


def test_a_withdrawn_story_shows_and_announces_no_photo_until_taken_back(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a story whose lead photo and text's photo no other story shows
    _start(site)
    site.build()
    _withdrawn_alone(site)
    # When it is withdrawn
    result = site.build()
    # Then its page keeps its headline and the notice, but shows, announces
    # and names no photo: no figure, no og:image or twitter:image, no JSON-LD image,
    # nothing under /media/ (LinkChecker would find what the page still named)
    page = site.read("2024/03/tiga/index.html")
    assert result.quick and WITHDRAWN in page
    assert "<figure" not in page and "og:image" not in page and "twitter:image" not in page
    assert '"image"' not in page and "/media/" not in page
    assert 'content="summary"' in page
    assert not any("wajah" in p for p in _media(site.output))
    # And a fresh checkout gives the same
    fresh = fresh_checkout(site, make_site("fresh"))
    fresh.build()
    assert hashes(fresh.output) == hashes(site.output)
    # And when the withdrawal is taken back, the photo comes back with the text, from
    # the derivatives kept in .warta/photos/ (none decoded), as a fresh checkout has it
    site.article("tiga", "Tiga", "2024-03-08", image=LEAD % "wajah.jpg",
                 body="Isi.\n\n![Wajah](media/2024/wajah.jpg)\n")
    result = site.build()
    assert result.quick and result.photos_decoded == 0
    fresh = fresh_checkout(site, make_site("fresh-again"))
    fresh.build()
    assert hashes(fresh.output) == hashes(site.output)
    page = site.read("2024/03/tiga/index.html")
    assert "<figure" in page and "og:image" in page and "/media/2024/wajah-" in page
    assert any("wajah" in p for p in _media(site.output))


def test_a_sites_own_article_template_gets_no_photo_of_a_withdrawn_story(
        site: SiteMaker) -> None:
    # Given a site whose own article.html prints the lead photo's address and caption
    site.write("templates/article.html", "<!doctype html><title>{{ article.title }}</title>"
               "<p>{{ article.image.url if article.image else 'tanpa foto' }}</p>"
               "<p>{{ article.image.caption if article.image else '' }}</p>")
    _start(site)
    site.article("satu", "Satu", "2024-03-01", image="{src: media/2024/satu.jpg, alt: Foto, "
                 "caption: Wajah warga}")
    site.build()
    assert "/media/2024/satu.jpg" in site.read("2024/03/satu/index.html")
    # When the story is withdrawn, then its page names no photo, no caption
    site.article("satu", "Satu", "2024-03-01", image="{src: media/2024/satu.jpg, alt: Foto, "
                 "caption: Wajah warga}", withdrawn=WITHDRAWN)
    site.build()
    page = site.read("2024/03/satu/index.html")
    assert "tanpa foto" in page and "Wajah warga" not in page and "/media/" not in page


def test_a_photo_deleted_while_another_story_shows_it_goes_the_whole_way(
        site: SiteMaker) -> None:
    # (the whole way names the story whose photo is missing)
    _start(site)
    site.build()
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto dua](media/2024/dua.jpg)\n")
    (site.root / "content/media/2024/satu.jpg").unlink()
    with pytest.raises(Exception, match="satu.md"):
        site.build()


def _shown(draw: random.Random, photos: int) -> list[str]:
    return [f"/media/{n}.jpg" for n in draw.sample(range(photos), draw.randint(0, 3))]


def test_uses_after_counts_as_counting_every_source_again() -> None:
    # Every edit of random sources showing random photos: the shared counts, the photos
    # gone and new, as counting every source's photos afresh gives them.
    draw = random.Random(18)
    for _ in range(2_000):
        sources = [_shown(draw, 8) for _ in range(draw.randint(1, 6))]
        known = {url: Photo(url, url, 1, 1) for shown in sources for url in shown}
        memo = PhotoMemo(known, {}, "", shared_of([u for s in sources for u in s], known))
        edited = draw.sample(range(len(sources)), draw.randint(1, len(sources)))
        before = [sources[i] for i in edited]
        for i in edited:
            sources[i] = _shown(draw, 8)
        shared, gone, new = uses_after(memo, [u for i in edited for u in sources[i]],
                                       [u for s in before for u in s])
        now = {url for shown in sources for url in shown}
        assert gone == set(known) - now
        assert new == now - set(known)
        everyone = {url: Photo(url, url, 1, 1) for url in now}
        assert shared == shared_of([u for s in sources for u in s], everyone)


def test_a_copy_of_the_site_kept_whole_has_the_memo_of_its_quick_builds(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (a photo shown first by a quick build, then let go by the whole way's copy)
    _start(site)
    site.build()
    site.article("empat", "Empat", "2024-03-09", image=LEAD % "dua.jpg")
    assert site.build().quick
    whole = make_site("whole")
    shutil.rmtree(whole.root, ignore_errors=True)
    shutil.copytree(site.root, whole.root)
    whole.build(quick=False)
    memos = [stored(Cache(s.root / ".warta/cache.sqlite"), "photos:output")
             for s in (site, whole)]
    assert all(isinstance(m, PhotoMemo) for m in memos)
    assert [m.shared for m in memos if isinstance(m, PhotoMemo)] == [
        {"/media/2024/satu.jpg": 2, "/media/2024/dua.jpg": 3}] * 2


def test_both_names_of_one_photo_replaced_in_place_publish_its_files_once(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a photo under two names (the same bytes), each shown by a story
    media = site.root / "content/media/2024"
    make_photo(media / "x.jpg", (600, 400), seed=1)
    shutil.copy(media / "x.jpg", media / "x.jpeg")
    site.article("a", "Satu", "2024-03-01", image=LEAD % "x.jpg")
    site.article("b", "Dua", "2024-03-02", image=LEAD % "x.jpeg")
    site.build()
    # When both files get new bytes, then the build writes their files once, and the
    # next build too, as a fresh checkout has them
    make_photo(media / "x.jpg", (600, 400), seed=2)
    shutil.copy(media / "x.jpg", media / "x.jpeg")
    first = site.build()
    assert len(first.written) + first.unchanged == len(hashes(site.output))
    assert not site.build().written
    fresh = fresh_checkout(site, make_site("fresh"))
    fresh.build()
    assert hashes(fresh.output) == hashes(site.output)
