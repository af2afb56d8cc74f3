"""WordPress photos brought along: featured image, body photos, caption, credit, alt.

The export and its uploads/ folder are ours: two JPEGs made here with Pillow,
carrying EXIF (camera, GPS) like a newsroom's camera files.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from PIL import Image

from generator.build.pipeline import BuildOptions, build
from generator.cli import main
from generator.importers.wp_media import uploads_path

EXPORT = Path(__file__).parent / "fixtures" / "import-media" / "kabar-lembah-foto.wxr.xml"
# In English: the words these tests read (tests/test_messages.py has the Indonesian ones).
SITE_TOML = ('title = "Kabar Lembah"\nbase_url = "https://lembah.example/"\n'
             'language = "en"\n')
ARTICLE = "content/articles/2024/05/warga-lembah-bersihkan-saluran.md"


def _jpeg(path: Path, colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "Kamera Lembah"  # Make
    exif[0x8825] = {1: "S", 2: (0.0, 53.0, 0.0), 3: "E", 4: (119.0, 52.0, 0.0)}  # GPS
    Image.new("RGB", (64, 48), colour).save(path, "JPEG", exif=exif)


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    site, uploads = tmp_path / "site", tmp_path / "wp-content" / "uploads"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    _jpeg(uploads / "2024/05/saluran.jpg", (30, 90, 160))
    _jpeg(uploads / "2024/05/lumpur.jpg", (120, 90, 40))
    return site, uploads


def _run(site: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "--site", str(site), *args])
    return result.exit_code, result.output


def _frontmatter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_featured_and_body_photos_are_copied_with_caption_credit_and_alt(
        tmp_path: Path) -> None:
    site, uploads = _setup(tmp_path)
    code, output = _run(site, "--media", str(uploads), str(EXPORT))
    assert code == 0, output
    data = _frontmatter(site / ARTICLE)
    assert data["image"] == {"src": "media/2024/05/saluran.jpg", "alt": "Warga di saluran air",
                             "caption": "Warga membersihkan saluran air di Sukamaju.",
                             "credit": "Rina Wulandari"}
    for name in ("saluran.jpg", "lumpur.jpg"):
        copied = site / "content/media/2024/05" / name
        assert copied.read_bytes() == (uploads / "2024/05" / name).read_bytes()
        assert f"  photo: content/media/2024/05/{name}: written" in output
    body = (site / ARTICLE).read_text("utf-8")
    assert 'src="/media/2024/05/lumpur.jpg"' in body
    assert "<small>Dok. Kelurahan Sukamaju</small>" in body  # the [caption]'s credit
    # A photo missing from the folder stays a link to the old site and is reported.
    assert "https://kabarlembah.example/wp-content/uploads/2019/01/hilang.jpg" in body
    assert "photo not in the media folder (left as a link)" in output
    assert "attachment not used by any post (not copied): " \
        "https://kabarlembah.example/wp-content/uploads/2018/02/logo-lama.png" in output
    build(BuildOptions(site_dir=site))
    page = (site / "output/2024/05/warga-lembah-bersihkan-saluran/index.html").read_text("utf-8")
    # Published as derivatives without EXIF (issue 16), never the originals.
    assert "/media/2024/05/saluran-64.jpg" in page and "/media/2024/05/lumpur-64.webp" in page
    assert not (site / "output/media/2024/05/saluran.jpg").exists()
    assert "Rina Wulandari" in page


def test_reimport_is_unchanged_and_a_different_photo_is_refused_without_update(
        tmp_path: Path) -> None:
    site, uploads = _setup(tmp_path)
    assert _run(site, "--media", str(uploads), str(EXPORT))[0] == 0
    code, output = _run(site, "--media", str(uploads), str(EXPORT))
    assert code == 0 and "  photo: content/media/2024/05/saluran.jpg: unchanged" in output
    edited = site / "content/media/2024/05/saluran.jpg"
    _jpeg(edited, (0, 0, 0))
    kept = edited.read_bytes()
    code, output = _run(site, "--media", str(uploads), str(EXPORT))
    assert code == 1 and "exists with a different photo (use --update" in output
    assert edited.read_bytes() == kept
    code, output = _run(site, "--update", "--media", str(uploads), str(EXPORT))
    assert code == 0 and edited.read_bytes() == (uploads / "2024/05/saluran.jpg").read_bytes()


def test_without_media_the_attachments_are_listed_and_nothing_is_copied(tmp_path: Path) -> None:
    site, _ = _setup(tmp_path)
    code, output = _run(site, str(EXPORT))
    assert code == 0, output
    assert output.count("attachment (not downloaded): ") == 3
    assert "image" not in _frontmatter(site / ARTICLE)
    assert not (site / "content/media").exists()


def test_uploads_path() -> None:
    assert uploads_path("https://x.example/wp-content/uploads/2024/05/a-300x200.jpg?v=2") == \
        "2024/05/a-300x200.jpg"
    assert uploads_path("//x.example/blog/wp-content/uploads/b.png") == "b.png"
    assert uploads_path("https://x.example/images/c.jpg") == ""
