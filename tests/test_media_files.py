"""Files under content/media/ published as they are (a PDF attached to a story, an SVG
or a GIF shown): added, changed or removed, they are copied or taken out on the quick
path as on the whole way (build/options.py `media_copies`); a theme file changed goes
the whole way (every page may use it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.build.memos import Settled, stored
from generator.build.options import Copy, media_copies
from generator.cache.store import Cache
from tests.conftest import SiteMaker, fresh_checkout, hashes
from tools.demo_photos import make_photo

PDF = b"%PDF-1.4\n% Salinan putusan\n"


def _start(site: SiteMaker) -> None:
    """Two stories, one with a photo, and a PDF the older one links."""
    make_photo(site.root / "content/media/2024/banjir.jpg", (900, 600), seed=1)
    site.write("content/media/dokumen/putusan.pdf", PDF)
    site.article("satu", "Satu", "2024-03-01",
                 body="Isi.\n\n[Putusan](/media/dokumen/putusan.pdf)\n")
    site.article("dua", "Dua", "2024-03-05", image="{src: media/2024/banjir.jpg, alt: Foto}")


def _attached(site: SiteMaker) -> None:
    site.write("content/media/dokumen/anggaran.pdf", PDF + b"% APBD\n")
    site.article("dua", "Dua", "2024-03-05", image="{src: media/2024/banjir.jpg, alt: Foto}",
                 body="Isi.\n\n[Anggaran](/media/dokumen/anggaran.pdf)\n")


def _svg_news(site: SiteMaker) -> None:
    site.write("content/media/2024/peta.svg",
               "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='30'><rect/></svg>")
    site.article("tiga", "Tiga", "2024-03-08", image="{src: media/2024/peta.svg, alt: Peta}")


CHANGES: dict[str, Callable[[SiteMaker], object]] = {
    "a PDF attached to a story": _attached,
    "a PDF replaced by a corrected one": lambda s: s.write(
        "content/media/dokumen/putusan.pdf", PDF + b"% ralat\n"),
    "a PDF taken down": lambda s: (s.root / "content/media/dokumen/putusan.pdf").unlink(),
    "today's news with an SVG map": _svg_news,
    "a PDF renamed": lambda s: (s.root / "content/media/dokumen/putusan.pdf").rename(
        s.root / "content/media/dokumen/putusan-pn.pdf"),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_media_file_added_changed_or_removed_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with a photo and a PDF
    _start(site)
    site.build()
    before = hashes(site.output)
    # When a media file comes, changes or goes
    CHANGES[name](site)
    result = site.build()
    after = hashes(site.output)
    # Then the quick path copies or removes it, writing only what changed
    assert result.quick
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert set(result.removed) == set(before) - set(after)
    assert len(result.written) + result.unchanged == len(after)  # (the summary's counts)
    assert any(p.startswith("media/") for p in (*result.written, *result.removed))
    # And the output is a fresh checkout's
    fresh = fresh_checkout(site, make_site("fresh"))
    fresh.build()
    assert hashes(fresh.output) == after
    # And the copies the next build compares are those the whole way keeps (that build
    # takes the quick path and writes nothing)
    cache = Cache(site.root / ".warta/cache.sqlite")
    quick = stored(cache, "settled:output")
    again = site.build()
    assert again.quick and not again.written and not again.removed
    site.build(quick=False)
    whole = stored(Cache(site.root / ".warta/cache.sqlite"), "settled:output")
    assert isinstance(quick, Settled) and isinstance(whole, Settled)
    assert quick.copies == whole.copies


def test_a_theme_file_changed_beside_a_media_file_goes_the_whole_way(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _start(site)
    site.build()
    site.write("static/tambahan.css", "body{}")
    _attached(site)
    result = site.build()
    assert not result.quick
    fresh = fresh_checkout(site, make_site("fresh"))
    fresh.build()
    assert hashes(fresh.output) == hashes(site.output)


def _copy(output: str) -> Copy:
    return Copy(output, "/src/" + output, "key-" + output)


def test_media_copies_names_what_came_changed_and_went() -> None:
    before = (("media/a.pdf", "key-media/a.pdf"), ("media/b.pdf", "old"),
              ("media/c.pdf", "key-media/c.pdf"), ("static/s.css", "key-static/s.css"))
    now = [_copy("static/s.css"), _copy("media/a.pdf"), _copy("media/b.pdf"),
           _copy("media/d.gif")]
    found = media_copies(now, before)
    assert found is not None
    assert found.copied == tuple(sorted((c.output, c.fingerprint) for c in now))
    assert {c.output for c in found.new} == {"media/b.pdf", "media/d.gif"}
    assert found.gone == {"media/c.pdf"}
    # A theme file changed, come or gone: the whole way
    for theme in ([*now, _copy("static/t.css")], now[1:],
                  [Copy("static/s.css", "/src/x", "other"), *now[1:]]):
        assert media_copies(theme, before) is None
    assert media_copies(now, found.copied) is not None
    assert not media_copies(now, found.copied).new  # type: ignore[union-attr]


@pytest.mark.parametrize("written", ["media/dokumen/putusan.pdf",
                                     "content/media/dokumen/putusan.pdf",
                                     "/content/media/dokumen/putusan.pdf",
                                     "<a href='media/dokumen/putusan.pdf'>",
                                     '<a href = "media/dokumen/putusan.pdf">'])
def test_a_link_to_a_media_file_written_as_an_image_path_is_its_address(
        site: SiteMaker, written: str) -> None:
    # (an image's `media/…` became a photo; a link's stayed, read from the story's own
    # address: /2024/03/satu/media/dokumen/putusan.pdf answered nothing)
    site.write("content/media/dokumen/putusan.pdf", PDF)
    link = (f"{written}Putusan</a>" if written.startswith("<") else
            f"[Putusan]({written})")  # (an HTML link written in the text, quoted as it is)
    site.article("satu", "Satu", "2024-03-01", body=f"Isi.\n\n{link}\n")
    site.build()
    page = (site.output / "2024/03/satu/index.html").read_text(encoding="utf-8")
    assert ('<a href="/media/dokumen/putusan.pdf">Putusan</a>' in page
            or "<a href='/media/dokumen/putusan.pdf'>Putusan</a>" in page
            or '<a href = "/media/dokumen/putusan.pdf">Putusan</a>' in page)
    assert (site.output / "media/dokumen/putusan.pdf").read_bytes() == PDF
