"""Photos as a newsroom publishes them (issue 16): sized WebP and JPEG derivatives,
made once, with nothing that locates a person; a clear error for a photo that
cannot be published."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image, ImageCms

import generator.build.photos
import generator.photos.derive
from generator.build.memos import stored
from generator.build.pipeline import BuildOptions, build
from generator.cache.store import Cache
from generator.cli import main
from generator.config import ImageSettings
from generator.errors import ContentError
from generator.photos.derive import PhotoError, derive
from generator.photos.model import SHARE_WIDTH
from generator.photos.stage import Folder, folder_of
from generator.plan.site_memo import SiteMemo
from tests.conftest import SiteMaker, fresh_checkout, hashes, settings
from tools.demo_photos import MAKE, MODEL, SERIAL, camera_exif, make_photo

RAW = Path(__file__).parent / "fixtures" / "import" / "lembahpos-2019-01-16.txt"
IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def _photo_article(site: SiteMaker, name: str = "banjir", size: tuple[int, int] = (1800, 1200),
                   date: str = "2024-03-01", **photo: object) -> None:
    make_photo(site.root / f"content/media/2024/{name}.jpg", size, **photo)  # type: ignore[arg-type]
    site.article(name, name.title(), date, image=f"{{src: media/2024/{name}.jpg, alt: Foto}}")


def _media(site: SiteMaker) -> list[str]:
    return sorted(p.relative_to(site.output).as_posix()
                  for p in (site.output / "media").rglob("*") if p.is_file())


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def identifying(path: Path) -> list[str]:
    """What in an image file could locate or identify the photographer or the camera."""
    found = []
    data = path.read_bytes()
    for text in (MAKE, MODEL, SERIAL):
        if text.encode() in data:
            found.append(text)
    with Image.open(path) as image:
        exif = image.getexif()
        if exif.get_ifd(0x8825) or 0x8825 in exif:
            found.append("GPS")
        for tag, name in ((0x010F, "Make"), (0x0110, "Model")):
            if tag in exif:
                found.append(name)
        inner = exif.get_ifd(0x8769)
        for tag, name in ((0x927C, "MakerNote"), (0xA431, "BodySerialNumber")):
            if tag in inner:
                found.append(name)
        if "xmp" in image.info or b"http://ns.adobe.com/xap" in data:
            found.append("XMP")
    return found


def test_a_photo_becomes_webp_at_each_width_and_one_jpeg_never_scaled_up(
        site: SiteMaker) -> None:
    # Given a photo 1000 pixels wide (narrower than the widest width, 1600)
    _photo_article(site, size=(1000, 750))
    # When the site is built
    result = site.build()
    # Then it is published at the widths it is wider than, and its own; one JPEG
    assert _media(site) == ["media/2024/banjir-1000.jpg", "media/2024/banjir-1000.webp",
                            "media/2024/banjir-480.webp", "media/2024/banjir-800.webp"]
    with Image.open(site.output / "media/2024/banjir-480.webp") as small:
        assert (small.format, small.size) == ("WEBP", (480, 360))
    with Image.open(site.output / "media/2024/banjir-1000.jpg") as fallback:
        assert (fallback.format, fallback.size) == ("JPEG", (1000, 750))
    assert result.photos_decoded == 1 and result.warnings == ()
    # And the article's lead photo is a <picture>, sized, fetched first
    page = site.read("2024/03/banjir/index.html")
    [picture] = re.findall(r"<picture>.*?</picture>", page)
    assert ('srcset="/media/2024/banjir-480.webp 480w, /media/2024/banjir-800.webp 800w, '
            '/media/2024/banjir-1000.webp 1000w"') in picture
    assert 'src="/media/2024/banjir-1000.jpg" width="1000" height="750"' in picture
    assert 'fetchpriority="high"' in picture and "lazy" not in picture
    # And what the page announces is the largest JPEG there is
    assert '<meta property="og:image" content="https://kabar.example/media/2024/banjir-1000.jpg">' \
        in page
    assert '"image": ["https://kabar.example/media/2024/banjir-1000.jpg"]' in page
    # And the cards that list it are sized, and lazy but on the home page's top story
    assert 'width="1000" height="750" alt="Foto" fetchpriority="high"' in site.read(
        "index.html")
    assert 'width="1000" height="750" alt="Foto" loading="lazy"' in site.read(
        "arsip/index.html")


def test_the_shared_jpeg_is_1200_wide_and_a_turned_photo_stands_upright(
        site: SiteMaker) -> None:
    _photo_article(site, "lanskap", size=(1800, 1200))
    _photo_article(site, "potret", size=(900, 1350), orientation=6, date="2024-03-02")
    site.build()
    assert "media/2024/lanskap-1200.jpg" in _media(site)
    assert "lanskap-1200.jpg" in site.read("2024/03/lanskap/index.html").split(
        'og:image" content="')[1][:80]
    # The phone stored it on its side with an EXIF orientation: derivatives stand upright.
    with Image.open(site.output / "media/2024/potret-480.webp") as turned:
        assert turned.size == (480, 720)
    assert 'width="900" height="1350"' in site.read("2024/03/potret/index.html")


def test_no_derivative_carries_exif_and_the_colour_profile_is_kept(site: SiteMaker) -> None:
    # Given a phone photo with GPS, camera, serial number and an sRGB profile
    path = site.root / "content/media/2024/banjir.jpg"
    path.parent.mkdir(parents=True)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (900, 600), (40, 90, 160)).save(path, "JPEG", exif=camera_exif(),
                                                     icc_profile=srgb)
    assert identifying(path)  # (the test can fail)
    site.article("banjir", "Banjir", "2024-03-01", image="{src: media/2024/banjir.jpg, alt: A}")
    site.build()
    for name in _media(site):
        assert identifying(site.output / name) == [], name
        with Image.open(site.output / name) as image:
            assert image.info.get("icc_profile") == srgb, name
    # The original is not published
    assert not (site.output / "media/2024/banjir.jpg").exists()


def _phone_photo(path: Path, kind: str, stored: tuple[int, int], orientation: int) -> None:
    """A photo as a phone saves it: camera and GPS EXIF, stored turned by `orientation`
    (pillow-heif writes a HEIC; only this helper's process registers its opener)."""
    from pillow_heif import from_pillow

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", stored, (40, 90, 160))
    exif = camera_exif(orientation).tobytes()
    if kind == "HEIF":
        from_pillow(image).save(path, exif=exif, quality=60)
    else:
        image.save(path, kind, exif=exif)


def test_an_iphone_heic_and_an_avif_are_published_as_their_derivatives(
        site: SiteMaker) -> None:
    # (an iPhone's HEIC, with its GPS position, was published as it was: Android's
    # browsers show no HEIC, and the position was anyone's to read)
    _phone_photo(site.root / "content/media/2024/IMG_0012.HEIC", "HEIF", (600, 900), 6)
    _phone_photo(site.root / "content/media/2024/banjir.avif", "AVIF", (600, 900), 6)
    assert b"exif" in (site.root / "content/media/2024/IMG_0012.HEIC").read_bytes().lower()
    assert "GPS" in identifying(site.root / "content/media/2024/banjir.avif")
    site.article("banjir", "Banjir", "2024-03-01",
                 image="{src: media/2024/IMG_0012.HEIC, alt: A}",
                 body="Isi.\n\n![Genangan](media/2024/banjir.avif)\n")
    # When the site is built by the command, the photos made by worker processes
    # (they open a HEIC only if the opener is registered where they run)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--site",
                           str(site.root), "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _media(site) == [
        f"media/2024/{stem}-{size}" for stem in ("IMG_0012", "banjir")
        for size in ("480.webp", "800.webp", "900.jpg", "900.webp")]
    for file in _media(site):
        assert identifying(site.output / file) == [], file
        with Image.open(site.output / file) as image:
            assert image.width > image.height, file  # (upright, as the phone was held)
    page = site.read("2024/03/banjir/index.html")
    assert "IMG_0012.HEIC" not in page and "/media/2024/IMG_0012-900.jpg" in page


def test_a_jfif_from_windows_and_a_paint_bmp_are_published_as_their_derivatives(
        site: SiteMaker) -> None:
    # (Windows saves a photo downloaded from WhatsApp Web as `.jfif`, which hosts serve
    # with no image type; Paint's `.bmp` weighs ten times a JPEG: both were published
    # as they were)
    make_photo(site.root / "content/media/2024/IMG-WA0001.jfif", (1000, 750))
    with Image.open(site.root / "content/media/2024/IMG-WA0001.jfif") as photo:
        photo.save(site.root / "content/media/2024/denah.bmp")
    site.article("banjir", "Banjir", "2024-03-01",
                 image="{src: media/2024/IMG-WA0001.jfif, alt: A}",
                 body="Isi.\n\n![Denah posko](media/2024/denah.bmp)\n")
    result = site.build()
    assert result.warnings == ()  # (a BMP was one "most browsers cannot show")
    assert _media(site) == [
        f"media/2024/{stem}-{size}" for stem in ("IMG-WA0001", "denah")
        for size in ("1000.jpg", "1000.webp", "480.webp", "800.webp")]
    page = site.read("2024/03/banjir/index.html")
    assert ".jfif" not in page and ".bmp" not in page
    assert identifying(site.output / "media/2024/IMG-WA0001-1000.jpg") == []


def test_a_sixteen_bit_scan_keeps_its_greys(site: SiteMaker) -> None:
    # (16 bits a channel: `convert` clipped every value above 255, a white picture)
    path = site.root / "content/media/2024/kliping.png"
    path.parent.mkdir(parents=True)
    grey = Image.new("I;16", (600, 400), 30000)
    grey.paste(Image.new("I;16", (300, 400), 200), (0, 0))  # (nearly black in 16 bits)
    grey.save(path)
    site.article("kliping", "Kliping", "2024-03-01", image="{src: media/2024/kliping.png, alt: A}")
    site.build()
    with Image.open(site.output / "media/2024/kliping-600.jpg") as image:
        assert 100 < image.convert("L").getpixel((500, 10)) < 135  # (30000 / 256 = 117)
        assert image.convert("L").getpixel((10, 10)) < 10


def test_a_tiff_linked_for_download_is_published_as_it_is(site: SiteMaker) -> None:
    path = site.root / "content/media/dokumen/putusan.tif"
    path.parent.mkdir(parents=True)
    Image.new("L", (300, 400), 200).save(path, "TIFF")
    site.article("putusan", "Putusan", "2024-03-01",
                 body="Isi.\n\n[Unduh salinan putusan](media/dokumen/putusan.tif)\n")
    site.build()
    assert (site.output / "media/dokumen/putusan.tif").read_bytes() == path.read_bytes()
    # (shown as an image, a warning: most browsers show no TIFF)
    site.article("putusan", "Putusan", "2024-03-01",
                 body="Isi.\n\n![Salinan putusan](media/dokumen/putusan.tif)\n")
    assert [str(w) for w in site.build().warnings] == [
        "content/articles/putusan.md:7: the image 'media/dokumen/putusan.tif' is a TIF file, "
        "which most browsers cannot show \u2014 save it as JPEG or PNG and show that; link "
        "the TIF to offer it for download"]


def test_originals_when_published_carry_no_metadata(site: SiteMaker) -> None:
    settings(site, top="[images]\npublish_originals = true\nwidths = [320, 640]")
    _photo_article(site, size=(900, 600))
    site.build()
    assert _media(site) == ["media/2024/banjir-320.webp", "media/2024/banjir-640.jpg",
                            "media/2024/banjir-640.webp", "media/2024/banjir.jpg"]
    original = site.output / "media/2024/banjir.jpg"
    assert identifying(original) == []
    with Image.open(original) as image:
        assert image.size == (900, 600) and not image.getexif()


def test_an_unchanged_photo_is_never_decoded_again_nor_its_files_rewritten(
        site: SiteMaker) -> None:
    # Given a built site with two photos
    _photo_article(site, "satu")
    _photo_article(site, "dua", date="2024-03-02", seed=2)
    assert site.build().photos_decoded == 2
    output, kept = _mtimes(site.output / "media"), _mtimes(site.root / ".warta/photos")
    # When it is built again the whole way, after an edit that leaves the photos alone
    site.article("dua", "Dua Diperbarui", "2024-03-02",
                 image="{src: media/2024/dua.jpg, alt: Foto}")
    result = site.build(quick=False)
    # Then no photo is decoded and no image file is written, here or in the cache
    assert result.photos_decoded == 0
    assert not [p for p in result.written if p.startswith("media/")]
    assert _mtimes(site.output / "media") == output
    assert _mtimes(site.root / ".warta/photos") == kept
    assert "Dua Diperbarui" in site.read("2024/03/dua-diperbarui/index.html")


def test_an_added_photo_writes_only_its_own_files_and_a_removed_one_takes_them_away(
        site: SiteMaker) -> None:
    _photo_article(site, "satu")
    site.build()
    before = _media(site)
    # An article with a new photo: only that photo is decoded, only its files written
    _photo_article(site, "dua", date="2024-03-02", seed=2)
    result = site.build()
    new = sorted(p for p in result.written if p.startswith("media/"))
    assert result.photos_decoded == 1
    assert new == sorted(set(_media(site)) - set(before)) and all("/dua-" in p for p in new)
    # The same bytes under another name: nothing decoded (the key is the photo's hash)
    (site.root / "content/media/2024/dua.jpg").rename(site.root / "content/media/2024/tiga.jpg")
    site.article("dua", "Dua", "2024-03-02", image="{src: media/2024/tiga.jpg, alt: Foto}")
    result = site.build()
    assert result.photos_decoded == 0
    assert sorted(p for p in result.removed if p.startswith("media/")) == new
    # An article taken away takes its photo's files out of the output
    (site.root / "content/articles/dua.md").unlink()
    result = site.build()
    assert _media(site) == before
    assert all("/tiga-" in p for p in result.removed if p.startswith("media/"))


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is `width` × `height` (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize(
    ("field", "file", "expected"),
    [
        ("image: {src: media/hilang.jpg, alt: A}", None,
         "content/articles/a.md:4: the image 'media/hilang.jpg' is not in content/media/"),
        ("image: {src: media/teks.jpg, alt: A}", b"bukan foto",
         "content/articles/a.md:4: the image 'media/teks.jpg': the file is not an image "
         "Warta can read \u2014 save the photo as JPEG, PNG or WebP, or fix `src`"),
        ("image: {src: media/bom.png, alt: A}", _png_header(40_000, 40_000),
         "content/articles/a.md:4: the image 'media/bom.png': the photo is too large to "
         "decode safely"),
        ("image: {src: /home/editor/Foto/banjir.jpg, alt: A}", None,
         "content/articles/a.md:4: the image '/home/editor/Foto/banjir.jpg' is a file on "
         "your computer, outside the site \u2014 copy the photo into content/media/ (e.g. as "
         "content/media/banjir.jpg) and write `media/banjir.jpg`"),
        ("tags: [Banjir]", None,  # in the text, on line 8
         "content/articles/a.md:8: the image '/home/editor/Foto/genangan.jpg' is a file on "
         "your computer"),
    ],
)
def test_a_photo_that_cannot_be_published_is_an_error_at_its_line(
        site: SiteMaker, field: str, file: bytes | None, expected: str) -> None:
    src = re.search(r"src: ([^,]+),", field)
    if file is not None and src:
        site.write("content/" + src.group(1), file)
    site.write("content/articles/a.md", f"---\ntitle: Banjir\ndate: 2024-03-01\n{field}\n"
               "---\nIsi.\n\n![Genangan](/home/editor/Foto/genangan.jpg)\n"
               if not src else f"---\ntitle: Banjir\ndate: 2024-03-01\n{field}\n---\nIsi.\n")
    with pytest.raises(ContentError) as failed:
        site.build()
    errors = [str(p) for p in failed.value.problems if p.is_error]
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert not site.output.exists()


@pytest.mark.parametrize(("written", "meant"), [
    ("media/2024/IMG_0012.JPG", "content/media/2024/img_0012.jpg"),  # (a phone's case)
    ("media/2024/img_0012.jpeg", "content/media/2024/img_0012.jpg"),
    ("media/2024/imgg_0012.jpg", "content/media/2024/img_0012.jpg"),  # (a letter off)
    ("media/2024/img_0021.jpg", None),  # (another number: another photo, not yet copied)
    ("media/img_0012.jpg", "content/media/2024/img_0012.jpg"),  # (its year's folder)
    ("media/2024/tidak-ada.jpg", None)])
def test_a_photo_path_that_names_no_file_offers_the_file_it_likely_meant(
        site: SiteMaker, written: str, meant: str | None) -> None:
    make_photo(site.root / "content/media/2024/img_0012.jpg", (900, 600))
    site.article("a", "Banjir", "2024-03-01", image=f"{{src: {written}, alt: Banjir}}")
    with pytest.raises(ContentError) as failed:
        site.build()
    hint = str(failed.value.problems[0]).split(" \u2014 ", 1)[1]
    assert hint == (f"did you mean {meant}?" if meant else
                    f"add the file as content/{written} or correct the path")


def test_many_missing_photos_in_one_folder_list_it_once(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    # (a thousand broken paths into a folder of 100,000 photos listed it a thousand times)
    make_photo(site.root / "content/media/2024/img_0012.jpg", (900, 600))
    listed: list[Path] = []

    def counted(path: Path) -> Folder:
        listed.append(path)
        return folder_of(path)

    monkeypatch.setattr(generator.build.photos, "folder_of", counted)
    for n in range(1, 6):
        site.article(f"a{n}", f"Banjir {n}", f"2024-03-0{n}",
                     image=f"{{src: media/2024/IMG_001{n}.JPG, alt: Banjir}}")
    with pytest.raises(ContentError) as failed:
        site.build()
    hints = [str(p).split(" \u2014 ", 1)[1] for p in failed.value.problems]
    assert hints.count("did you mean content/media/2024/img_0012.jpg?") == 1
    assert len(hints) == 5 and sorted(listed) == sorted(set(listed)), listed


def test_a_narrow_photo_and_one_without_alt_are_warnings(site: SiteMaker) -> None:
    make_photo(site.root / "content/media/kecil.jpg", (300, 200))
    make_photo(site.root / "content/media/besar.jpg", (900, 600))
    site.article("banjir", "Banjir", "2024-03-01", image="{src: media/kecil.jpg, alt: Kecil}",
                 body="Isi.\n\n![](media/besar.jpg)\n")
    site.article("rapat", "Rapat", "2024-03-02", image="{src: media/besar.jpg}")
    warnings = [str(w) for w in site.build().warnings]
    assert warnings == [
        "content/articles/banjir.md:4: the photo 'media/kecil.jpg' is 300 pixels wide, narrower "
        "than the narrowest width (480): it will look blurred on most screens \u2014 use a "
        "larger photo if there is one",
        "content/articles/banjir.md:8: the image 'media/besar.jpg' has no alt text \u2014 write "
        "what it shows between the brackets: `![alt text](\u2026)`",
        "content/articles/rapat.md:4: the photo has no `alt` text: readers who cannot see it get "
        "nothing \u2014 add `alt:` under `image:` and say in a few words what the photo shows"]
    # The photo in the text is a lazy <picture> too, with its size
    body = site.read("2024/03/banjir/index.html").split('class="article-body"')[1]
    assert '<picture><source type="image/webp"' in body
    assert 'width="900" height="600" alt="" loading="lazy"' in body
    # And feeds name it by its JPEG's address (feed readers resolve no paths)
    assert "https://kabar.example/media/besar-900.jpg" in site.read("feed.xml")
    assert "media/besar.jpg" not in site.read("feed.xml")


def test_the_demo_publishes_photos_without_anything_that_locates_a_person(
        tmp_path: Path) -> None:
    # Given the demo archive, whose JPEG photos carry GPS and camera EXIF
    root = Path(__file__).resolve().parents[1]
    site = tmp_path / "demo"
    site.mkdir()
    for name in ("content", "themes"):
        (site / name).symlink_to(root / name)
    (site / "site.toml").write_text((root / "site.toml").read_text("utf-8"), "utf-8")
    sources = sorted((root / "content/media").rglob("*.jpg"))
    assert sources and all(identifying(p) for p in sources)
    # When it is built
    build(BuildOptions(site_dir=site, output_dir=tmp_path / "output", index_search=False,
                       jobs=2))
    output = tmp_path / "output"
    # Then no image file in the output carries GPS, maker notes, make, model or serial
    images = [p for p in output.rglob("*") if p.suffix.lower() in IMAGES]
    assert len(images) >= 4 * len(sources)
    assert {p.relative_to(output).as_posix(): identifying(p) for p in images
            if identifying(p)} == {}
    # And no page has an empty image, and every image has its width and height
    for page in output.rglob("*.html"):
        for img in re.findall(r"<img\b[^>]*>", page.read_text("utf-8")):
            assert 'src=""' not in img and " width=" in img and " height=" in img, (page, img)


def test_the_importer_keeps_a_caption_without_a_photo_and_writes_no_src(
        tmp_path: Path) -> None:
    # Given a pasted text whose photo caption names a photo the newsroom does not have
    site = tmp_path / "site"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "site.toml").write_text('title = "Kabar"\nbase_url = "https://k.example/"\n',
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--site", str(site), str(RAW)])
    assert result.exit_code == 0, result.output
    [written] = (site / "content" / "articles").rglob("*.md")
    data = yaml.safe_load(written.read_text("utf-8").split("---\n")[1])
    # Then the caption and credit are kept, without `src`
    assert "src" not in data["image"] and data["image"]["credit"] == "Istimewa"
    assert data["image"]["caption"]
    # And the built article shows them as text, with no image at all
    build(BuildOptions(site_dir=site, drafts=True, index_search=False))
    for page in (site / "output").rglob("*.html"):
        assert "<img" not in page.read_text("utf-8").split("<footer")[0] or \
            'src=""' not in page.read_text("utf-8")
    [article] = [p for p in (site / "output").rglob("index.html")
                 if data["title"][:20] in p.read_text("utf-8") and "article-figure"
                 in p.read_text("utf-8")]
    text = article.read_text("utf-8")
    assert "Istimewa" in text and "<img" not in text and '"image"' not in text


def _portrait(site: SiteMaker, more: str = "") -> None:
    """Give Hmz the portrait `media/redaksi/hmz.jpg` in site.toml (`more`: other keys)."""
    text = (site.root / "site.toml").read_text("utf-8")
    site.write("site.toml", text.replace('Hmz = "Hamid Zulkarnain"',
                                         'Hmz = { name = "Hamid Zulkarnain", photo = '
                                         f'"media/redaksi/hmz.jpg"{more} }}'))


def test_a_portrait_named_in_site_toml_is_published_as_its_derivatives(
        site: SiteMaker) -> None:
    _portrait(site, ', bio = "Redaktur."')
    make_photo(site.root / "content/media/redaksi/hmz.jpg", (300, 300))
    site.article("a", "Banjir", "2024-03-01", authors="[Hmz]")
    site.build()
    assert _media(site) == ["media/redaksi/hmz-300.jpg", "media/redaksi/hmz-300.webp"]
    assert 'src="/media/redaksi/hmz-300.webp"' in site.read("author/hamid-zulkarnain/index.html")
    assert identifying(site.output / "media/redaksi/hmz-300.jpg") == []


def test_a_static_page_shows_its_photos_and_follows_their_changes(site: SiteMaker) -> None:
    make_photo(site.root / "content/media/kantor.jpg", (900, 600))
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\nslug: tentang\n---\n"
               "Kantor kami.\n\n![Kantor redaksi](media/kantor.jpg)\n")
    site.article("a", "Banjir", "2024-03-01")
    site.build()
    assert 'width="900" height="600" alt="Kantor redaksi" loading="lazy"' in site.read(
        "tentang/index.html")
    # The same name, another photo: the page shows its new size
    make_photo(site.root / "content/media/kantor.jpg", (600, 900), seed=3)
    result = site.build()
    assert result.photos_decoded == 1 and "tentang/index.html" in result.written
    assert 'width="600" height="900"' in site.read("tentang/index.html")


def test_derivatives_lost_from_the_cache_are_made_again(site: SiteMaker) -> None:
    _photo_article(site, size=(900, 600))
    site.build()
    published = {name: (site.output / name).read_bytes() for name in _media(site)}
    # Someone empties .warta/photos/ and deletes one published file
    shutil.rmtree(site.root / ".warta/photos")
    (site.output / "media/2024/banjir-480.webp").unlink()
    result = site.build()
    assert result.photos_decoded == 1 and result.written == ("media/2024/banjir-480.webp",)
    assert {name: (site.output / name).read_bytes() for name in _media(site)} == published


@pytest.mark.parametrize(("mode", "kept"), [("P", "RGBA"), ("LA", "RGBA"), ("CMYK", "RGB")])
def test_photos_of_other_modes_keep_their_transparency_and_the_jpeg_is_flat(
        tmp_path: Path, mode: str, kept: str) -> None:
    source = tmp_path / ("foto.jpg" if mode == "CMYK" else "foto.png")
    image = Image.new(mode, (600, 400))
    if mode == "P":
        image.save(source, transparency=0)
    else:
        image.save(source)
    made = derive(source, tmp_path / "out", ImageSettings(), SHARE_WIDTH)
    assert made.webp == ((480, 320), (600, 400)) and made.jpeg == (600, 400)
    with Image.open(tmp_path / "out/480.webp") as webp, \
            Image.open(tmp_path / "out/600.jpg") as jpeg:
        assert (webp.mode, jpeg.mode) == (kept, "RGB")



@pytest.mark.parametrize(("name", "size", "refused"), [
    ("besar.jpg", (300, 200), None),  # (a JPEG decodes scaled down: eight times the rest)
    ("besar.png", (300, 200), "10,000"),
    ("terlalu.jpg", (400, 300), "80,000")])
def test_a_photo_too_large_to_decode_safely_is_refused_but_a_large_jpeg_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, size: tuple[int, int],
        refused: str | None) -> None:
    # (a Redmi's or a Galaxy Ultra's 108- or 200-megapixel photo was refused: more than
    # the 89 million pixels Pillow guards at; scaled here as 10,000)
    monkeypatch.setattr(generator.photos.derive, "MAX_PIXELS", 10_000)
    monkeypatch.setattr(generator.photos.derive, "JPEG_MAX_PIXELS", 80_000)
    source = tmp_path / name
    Image.new("RGB", size, (40, 90, 160)).save(source)
    if refused is None:  # (decoded at a quarter: 75 × 50)
        made = derive(source, tmp_path / "out", ImageSettings(widths=(30, 60)), 60)
        assert made.width == 300 and made.jpeg == (60, 40)
        assert Image.MAX_IMAGE_PIXELS == 89_478_485  # (Pillow's own, as it was)
        return
    with pytest.raises(PhotoError) as failed:
        derive(source, tmp_path / "out", ImageSettings(), SHARE_WIDTH)
    assert failed.value.message == (
        f"the photo is too large to decode safely (more than {refused} pixels)")


def test_a_jpeg_decoded_whole_keeps_the_limit(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # (its original published, or too narrow to be drafted down: decoded whole, so
    # the limit of every format holds; the reviewer's 3,199 × 65,500 JPEG took 1.6 GB)
    monkeypatch.setattr(generator.photos.derive, "MAX_PIXELS", 10_000)
    monkeypatch.setattr(generator.photos.derive, "JPEG_MAX_PIXELS", 80_000)
    source = tmp_path / "besar.jpg"
    Image.new("RGB", (300, 200), (40, 90, 160)).save(source)
    for settings_ in (ImageSettings(widths=(120, 240), publish_originals=True),
                      ImageSettings(widths=(120, 300))):
        with pytest.raises(PhotoError) as failed:
            derive(source, tmp_path / "out", settings_, 240)
        assert "too large to decode safely (more than 10,000 pixels)" in failed.value.message


def test_a_photo_taller_than_webp_holds_is_an_error_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "infografik.png"
    Image.new("RGB", (480, 17000), (40, 90, 160)).save(source)
    with pytest.raises(PhotoError) as failed:
        derive(source, tmp_path / "out", ImageSettings(), SHARE_WIDTH)
    assert failed.value.message == ("the photo is 480 × 17000 pixels: a WebP file holds no "
                                    "side longer than 16,383 pixels")


def _as_a_fresh_checkout(site: SiteMaker, fresh: SiteMaker) -> dict[str, str]:
    """The output `site` gives when built afresh, without its output and cache."""
    fresh_checkout(site, fresh).build()
    return hashes(fresh.output)


def _quick_as_fresh(site: SiteMaker, make_site: Callable[[str], SiteMaker],
                    decoded: int) -> None:
    """Build `site`: the quick path, decoding `decoded` photos, the output a fresh
    checkout's."""
    result = site.build()
    assert result.quick and result.photos_decoded == decoded
    assert _as_a_fresh_checkout(site, make_site("fresh")) == hashes(site.output)


NEWS_WITH_PHOTOS: dict[str, Callable[[SiteMaker], None]] = {
    # Today's news with its photo.
    "today's news": lambda s: _photo_article(s, "baru", date="2024-03-09", seed=3),
    # A story filed late (dated before the newest) with its photo.
    "a story filed late": lambda s: _photo_article(s, "susulan", date="2024-03-02T10:00",
                                                   seed=4),
    # Two stories of one build showing one new photo (decoded once), one of them in its
    # text.
    "two stories, one photo": lambda s: _photo_article(s, "baru", date="2024-03-09", seed=5)
    or s.article("lagi", "Lagi", "2024-03-10", body="Isi.\n\n![Foto](media/2024/baru.jpg)\n"),
    # A published story given a photo in its text.
    "a photo added to a story": lambda s: _photo_added(s),
}


def _photo_added(site: SiteMaker) -> None:
    make_photo(site.root / "content/media/2024/kedua.jpg", (1600, 1000), seed=6)
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto](media/2024/satu.jpg)\n\n"
                 "![Foto baru](media/2024/kedua.jpg)\n")


@pytest.mark.parametrize("name", sorted(NEWS_WITH_PHOTOS))
def test_news_with_a_new_photo_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with a photo, and stories around it
    _photo_article(site, "satu")
    site.article("dua", "Dua", "2024-03-05", body="Isi.\n\n![Foto](media/2024/satu.jpg)\n")
    site.article("tiga", "Tiga", "2024-03-08")
    site.build()
    before = hashes(site.output)
    # When news arrives with a photo no story showed yet
    NEWS_WITH_PHOTOS[name](site)
    result = site.build()
    # Then the quick path decodes that photo alone and writes its files with the pages
    after = hashes(site.output)
    assert result.quick and result.photos_decoded == 1
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    assert any(p.startswith("media/") for p in result.written)
    # And the output is a fresh checkout's, and so is the next quick build's, which
    # decodes nothing
    assert _as_a_fresh_checkout(site, make_site("fresh")) == after
    site.article("empat", "Empat", "2024-03-11", body="Isi.\n\n![Foto](media/2024/satu.jpg)\n")
    _quick_as_fresh(site, make_site, decoded=0)


def test_a_new_photo_that_cannot_be_published_fails_the_build_and_keeps_the_output(
        site: SiteMaker) -> None:
    _photo_article(site, "satu")
    site.build()
    before = hashes(site.output)
    site.write("content/media/2024/rusak.jpg", b"bukan foto")
    site.article("baru", "Baru", "2024-03-09", image="{src: media/2024/rusak.jpg, alt: A}")
    with pytest.raises(ContentError) as failed:
        site.build()
    assert [str(p).split(":")[:2] for p in failed.value.problems if p.is_error] == [
        ["content/articles/baru.md", "4"]]
    assert hashes(site.output) == before


def test_a_derivative_damaged_in_the_output_is_copied_again(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built site with a photo, one of its derivatives then damaged by hand
    _photo_article(site, "satu")
    site.build()
    damaged = sorted((site.output / "media").rglob("*.webp"))[0]
    damaged.write_bytes(b"rusak")
    # When today's news is built
    site.article("dua", "Dua", "2024-03-02")
    result = site.build()
    # Then the derivative is whole again: the output is a fresh checkout's
    assert damaged.relative_to(site.output).as_posix() in result.written
    assert _as_a_fresh_checkout(site, make_site("fresh")) == hashes(site.output)


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">'
       '<rect width="640" height="360"/></svg>')


def test_an_svg_shown_first_keeps_its_size_on_the_next_quick_builds(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built site whose media holds an SVG no story shows yet
    site.write("content/media/2024/grafik.svg", SVG)
    _photo_article(site, "satu")
    site.build()
    # When a story shows it (published as it is: no derivative to copy), then another
    # story is added
    site.article("baru", "Baru", "2024-03-09", image="{src: media/2024/grafik.svg, alt: G}")
    first = site.build()
    site.article("enam", "Enam", "2024-03-12")
    second = site.build()
    # Then both take the quick path, and the output is a fresh checkout's: the SVG's
    # size on its cards
    assert first.quick and second.quick
    assert 'width="640" height="360"' in site.read("index.html")
    assert _as_a_fresh_checkout(site, make_site("fresh")) == hashes(site.output)


def test_a_photo_replaced_is_decoded_once_and_counted(site: SiteMaker) -> None:
    # (the quick path decodes the new one and takes the old one's files out:
    # tests/test_photos_unshown.py)
    _photo_article(site, "satu")
    site.build()
    make_photo(site.root / "content/media/2024/ganti.jpg", (900, 600), seed=2)
    site.article("satu", "Satu", "2024-03-01", image="{src: media/2024/ganti.jpg, alt: Foto}")
    result = site.build()
    assert result.quick and result.photos_decoded == 1
    assert any("/satu-" in p for p in result.removed)


def test_the_memo_a_quick_addition_leaves_is_the_whole_way_s(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built site whose static page and story show photos
    _photo_article(site, "satu")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\nKami.\n\n"
               "![Kantor](media/2024/satu.jpg)\n")
    site.build()
    # When today's news is added the quick way, and the same state is built the whole way
    site.article("dua", "Dua", "2024-03-02")
    assert site.build().quick
    whole = make_site("whole")
    shutil.rmtree(whole.root, ignore_errors=True)
    shutil.copytree(site.root, whole.root)
    whole.build(quick=False)
    # Then the site memos are alike: no photos in them, the static page as written
    quick_memo, whole_memo = (stored(Cache(s.root / ".warta/cache.sqlite"), "site:output")
                              for s in (site, whole))
    assert isinstance(quick_memo, SiteMemo) and isinstance(whole_memo, SiteMemo)
    assert quick_memo.site.photos == whole_memo.site.photos == {}
    assert quick_memo.site.pages == whole_memo.site.pages
    # And the next quick build does not render the static page again
    site.article("tiga", "Tiga", "2024-03-03")
    again = site.build()
    assert again.quick and "tentang/index.html" not in again.written


@pytest.mark.parametrize("when", ["in one build", "the second one later"])
def test_two_photos_that_would_publish_one_file_are_an_error_naming_both(
        when: str, site: SiteMaker) -> None:
    # Given `sungai.jpg` shown by a story (and built, or not yet)
    _photo_article(site, "sungai")
    if when != "in one build":
        site.build()
    before = hashes(site.output) if site.output.exists() else {}
    # When another story shows `sungai.png`, from the same folder
    Image.new("RGB", (900, 600), "navy").save(site.root / "content/media/2024/sungai.png")
    site.article("kedua", "Kedua", "2024-03-05", image="{src: media/2024/sungai.png, alt: A}")
    # Then the build fails, naming both files, and leaves the output as it was
    with pytest.raises(ContentError) as failed:
        site.build()
    errors = [str(p) for p in failed.value.problems if p.is_error]
    assert len(errors) == 1 and errors[0].startswith(
        "content/media/2024/sungai.png: this photo would publish /media/2024/sungai-480.webp, "
        "as content/media/2024/sungai.jpg does"), errors
    assert (hashes(site.output) if site.output.exists() else {}) == before


def test_a_gif_is_published_as_it_is_with_its_size_and_on_the_quick_path(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built site, then a story showing a GIF already in its media
    media = site.root / "content/media/2024"
    media.mkdir(parents=True, exist_ok=True)
    Image.new("P", (320, 200)).save(media / "animasi.gif")
    _photo_article(site, "satu")
    site.build()
    site.article("baru", "Baru", "2024-03-09", image="{src: media/2024/animasi.gif, alt: G}")
    result = site.build()
    # Then it is published as it is, its size on its cards, the quick way, as a fresh
    # checkout gives it
    assert result.quick and result.photos_decoded == 0
    assert 'src="/media/2024/animasi.gif"' in site.read("index.html")
    assert 'width="320" height="200"' in site.read("index.html")
    assert _as_a_fresh_checkout(site, make_site("fresh")) == hashes(site.output)


def test_a_portrait_whose_file_comes_later_is_published_by_the_next_build(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a site whose site.toml names a portrait not in its media yet, built
    _portrait(site)
    site.article("a", "Banjir", "2024-03-01", authors="[Hmz]")
    site.build()
    # When the photo is added, and today's news with it
    make_photo(site.root / "content/media/redaksi/hmz.jpg", (300, 300))
    site.article("b", "Banjir Lagi", "2024-03-02", authors="[Hmz]")
    site.build()
    # Then the portrait is published, as a fresh checkout publishes it
    assert 'src="/media/redaksi/hmz-300.webp"' in site.read("author/hamid-zulkarnain/index.html")
    assert _as_a_fresh_checkout(site, make_site("fresh")) == hashes(site.output)


def test_a_new_photo_beside_a_new_media_file_is_decoded_once_on_the_quick_path(
        site: SiteMaker) -> None:
    # (a file copied as it is is copied beside the photo's derivatives:
    # tests/test_media_files.py)
    _photo_article(site, "satu")
    site.build()
    site.write("content/media/2024/jadwal.pdf", b"%PDF-1.4\n")
    _photo_article(site, "dua", date="2024-03-02", seed=2)
    result = site.build()
    assert result.quick and result.photos_decoded == 1
    assert "media/2024/jadwal.pdf" in result.written


def test_one_photo_under_two_names_is_no_clash(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # (the same bytes publish the same files: `x.JPG` beside `x.jpg` where case does not
    # count, or a copy)
    _photo_article(site, "sungai")
    site.build()
    shutil.copy(site.root / "content/media/2024/sungai.jpg",
                site.root / "content/media/2024/sungai.jpeg")
    site.article("kedua", "Kedua", "2024-03-05", image="{src: media/2024/sungai.jpeg, alt: A}")
    _quick_as_fresh(site, make_site, decoded=0)


def test_a_portrait_that_cannot_be_made_does_not_keep_builds_off_the_quick_path(
        site: SiteMaker) -> None:
    _portrait(site)
    site.write("content/media/redaksi/hmz.jpg", b"bukan foto")
    site.article("a", "Banjir", "2024-03-01", authors="[Hmz]")
    site.build()
    site.article("b", "Banjir Lagi", "2024-03-02", authors="[Hmz]")
    assert site.build().quick


def test_an_image_named_gif_that_is_another_kind_keeps_its_size(site: SiteMaker) -> None:
    media = site.root / "content/media/2024"
    media.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 200)).save(media / "grafik.gif", "PNG")
    site.article("a", "Grafik", "2024-03-01", image="{src: media/2024/grafik.gif, alt: G}")
    site.build()
    assert 'width="320" height="200"' in site.read("2024/03/grafik/index.html")
