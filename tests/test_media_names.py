"""Files of content/media/ named as phones and Windows name them (`Foto Banjir 01.JPG`,
`Rapat, 2024.jpg`): published under their names, written on the pages as URLs
(urls.web_path), found when a story writes the name with `%20` as Markdown does."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from generator.content.image import image_url, media_links, media_players
from generator.errors import ContentError
from generator.urls import web_path
from tests.conftest import SiteMaker
from tests.test_cli import run
from tools.demo_photos import make_photo


@pytest.mark.parametrize(("path", "url"), [
    ("/media/2024/banjir-480.webp", "/media/2024/banjir-480.webp"),  # (as it was)
    ("/media/2024/Foto Banjir 01-480.webp", "/media/2024/Foto%20Banjir%2001-480.webp"),
    ("/media/2024/Rapat, DPRD-800.webp", "/media/2024/Rapat%2C%20DPRD-800.webp"),
    ("/media/2024/Pawai_(1)~2.jpg", "/media/2024/Pawai_%281%29~2.jpg"),
    ("/media/2024/café.jpg", "/media/2024/caf%C3%A9.jpg"),
])
def test_a_published_file_s_path_is_written_as_a_url(path: str, url: str) -> None:
    assert web_path(path) == url
    assert unquote(url) == path  # (what the host serves: the file itself)


def test_a_path_with_percent_escapes_names_the_file_with_its_characters() -> None:
    assert image_url("media/2024/Foto%20Banjir%2001.JPG") == "/media/2024/Foto Banjir 01.JPG"
    assert image_url("media/2024/Foto Banjir 01.JPG") == "/media/2024/Foto Banjir 01.JPG"
    assert image_url("https://cdn.example/a%20b.jpg") == "https://cdn.example/a%20b.jpg"


@pytest.mark.parametrize(("html", "rooted"), [
    ('<a href="media/dokumen/Laporan Tahunan.pdf">',
     '<a href="/media/dokumen/Laporan%20Tahunan.pdf">'),
    ('<a href="/media/x y.pdf" title="a b">', '<a href="/media/x%20y.pdf" title="a b">'),
    ('<a href="content/media/x.pdf">', '<a href="/media/x.pdf">'),
    ('<a href="https://x.example/media/a b">', '<a href="https://x.example/media/a b">'),
])
def test_a_link_to_a_file_with_a_space_in_its_name_is_a_url(html: str, rooted: str) -> None:
    assert media_links(html) == rooted


def test_a_photo_named_by_a_phone_is_shown_and_announced_by_valid_urls(
        site: SiteMaker) -> None:
    # Given a photo named as Windows names a copy, with a space and a comma, shown as a
    # story's photo, in its text with `%20` (as Markdown writes a space), and a report
    # linked by its name with spaces
    make_photo(site.root / "content/media/2024/Foto Banjir, 01.JPG", (1800, 1200))
    site.write("content/media/dokumen/Laporan Tahunan.pdf", b"%PDF-1.4\n")
    site.article("2024/03/banjir", "Banjir", "2024-03-01",
                 image='{src: "media/2024/Foto Banjir, 01.JPG", alt: Banjir}',
                 body="Air naik.\n\n![Banjir](media/2024/Foto%20Banjir,%2001.JPG)\n\n"
                      "[Laporan](<media/dokumen/Laporan Tahunan.pdf>)\n")
    # When the site is built
    result = site.build()
    # Then the files keep the photo's name
    assert result.warnings == ()
    assert (site.output / "media/2024/Foto Banjir, 01-480.webp").is_file()
    assert (site.output / "media/2024/Foto Banjir, 01-1200.jpg").is_file()
    assert (site.output / "media/dokumen/Laporan Tahunan.pdf").is_file()
    # And every URL the page writes for them is one, each candidate of a srcset whole
    page = site.read("2024/03/banjir/index.html")
    pictures = re.findall(r"<picture>.*?</picture>", page)
    assert len(pictures) == 2
    for picture in pictures:
        [srcset] = re.findall(r'srcset="([^"]*)"', picture)
        candidates = [c.split() for c in srcset.split(", ")]
        assert [len(c) for c in candidates] == [2] * 4, srcset
        assert all((site.output / unquote(c[0]).lstrip("/")).is_file() for c in candidates)
        [src] = re.findall(r'<img[^>]* src="([^"]*)"', picture)
        assert src == "/media/2024/Foto%20Banjir%2C%2001-1200.jpg"
    shared = "https://kabar.example/media/2024/Foto%20Banjir%2C%2001-1200.jpg"
    assert f'<meta property="og:image" content="{shared}">' in page
    assert f'"image": ["{shared}"]' in page
    assert '<a href="/media/dokumen/Laporan%20Tahunan.pdf">' in page
    # And a feed reader gets the photo by the same URL
    feed = json.loads(site.read("feed.json"))
    assert shared in feed["items"][0]["content_html"]
    # And `warta check` finds every link answered
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "0 peringatan" in out, out + err


@pytest.mark.parametrize(("html", "shown"), [
    ('<p><img alt="Banjir di Jalan Cempaka" src="media/2025/VID_0001.mp4" /></p>',
     '<p><video controls preload="metadata" src="/media/2025/VID_0001.mp4" '
     'aria-label="Banjir di Jalan Cempaka"><a href="/media/2025/VID_0001.mp4">Banjir di '
     'Jalan Cempaka</a></video></p>'),
    ('<img alt="" src="/media/2025/Rekaman Warga.MOV" />',  # (an iPhone's, named by hand)
     '<video controls preload="metadata" src="/media/2025/Rekaman%20Warga.MOV">'
     '<a href="/media/2025/Rekaman%20Warga.MOV">Rekaman%20Warga.MOV</a></video>'),
    ('<img alt="Banjir" src="media/2025/banjir.jpg" />',  # (a photo: the renderer's)
     '<img alt="Banjir" src="media/2025/banjir.jpg" />'),
    ('<img alt="x" src="javascript:alert(1).mp4" />',
     '<img alt="x" src="javascript:alert(1).mp4" />'),
    # (a media fragment starts it there; a link around it would hold a player)
    ('<img alt="Banjir" src="media/a.mp4#t=5" title="Jalan Cempaka" />',
     '<video controls preload="metadata" src="/media/a.mp4#t=5" aria-label="Banjir" '
     'title="Jalan Cempaka"><a href="/media/a.mp4#t=5">Banjir</a></video>'),
    ('<a href="https://x.example/"><img alt="Banjir" src="media/a.mp4" /></a>',
     '<video controls preload="metadata" src="/media/a.mp4" aria-label="Banjir">'
     '<a href="/media/a.mp4">Banjir</a></video>'),
    ('<a href="https://x.example/"><img alt="Foto" src="media/a.jpg" /></a>',
     '<a href="https://x.example/"><img alt="Foto" src="media/a.jpg" /></a>'),
    # (a recording: an interview on a phone's recorder, a WhatsApp voice note)
    ('<p><img alt="Wawancara dengan Lurah" src="media/2025/rekaman.m4a" /></p>',
     '<p><audio controls preload="metadata" src="/media/2025/rekaman.m4a" '
     'aria-label="Wawancara dengan Lurah"><a href="/media/2025/rekaman.m4a">Wawancara '
     'dengan Lurah</a></audio></p>'),
    ('<img alt="Pesan suara" src="media/PTT-20250105-WA0001.opus" />',
     '<audio controls preload="metadata" src="/media/PTT-20250105-WA0001.opus" '
     'aria-label="Pesan suara"><a href="/media/PTT-20250105-WA0001.opus">Pesan suara</a>'
     "</audio>"),
])
def test_a_video_or_a_recording_shown_as_an_image_is_a_player(html: str, shown: str) -> None:
    assert media_players(html) == shown


def test_a_phone_video_in_a_story_plays_and_one_missing_is_an_error(site: SiteMaker) -> None:
    # Given a reader's video of a flood, shown in a story's text as a photo would be, and
    # the story's `image` naming it too
    site.write("content/media/2024/VID_0001.mp4", b"\x00\x00\x00\x18ftypmp42")
    site.article("2024/03/banjir", "Banjir", "2024-03-01",
                 image="media/2024/VID_0001.mp4",
                 body="Air naik.\n\n![Banjir di Jalan Cempaka](media/2024/VID_0001.mp4)\n")
    # When the site is built
    result = site.build()
    # Then the text plays it, and the video is not the story's photo (a warning)
    page = site.read("2024/03/banjir/index.html")
    # (a feed reader gets it by its whole address)
    assert ('<video controls preload="metadata" src="https://kabar.example/media/2024/'
            'VID_0001.mp4"') in json.loads(site.read("feed.json"))["items"][0]["content_html"]
    assert '<video controls preload="metadata" src="/media/2024/VID_0001.mp4"' in page
    assert "<img" not in page.split("<main", 1)[1].split("</article>", 1)[0]
    assert (site.output / "media/2024/VID_0001.mp4").is_file()
    assert [w.message.split(":")[0] for w in result.warnings] == [
        "`image` 'media/2024/VID_0001.mp4' is a video"]
    assert 'og:image' not in page
    # And a video the text names that is not in content/media/ is an error at its line
    site.article("2024/03/longsor", "Longsor", "2024-03-02",
                 body="Tanah bergerak.\n\n![Longsor](media/2024/VID_0002.mp4)\n")
    with pytest.raises(ContentError) as failed:
        site.build()
    assert [(p.path, p.line, p.message) for p in failed.value.problems if p.is_error] == [
        ("content/articles/2024/03/longsor.md", 7,
         "the video 'media/2024/VID_0002.mp4' is not in content/media/")]


def test_a_recording_in_a_story_plays_and_one_missing_is_an_error(site: SiteMaker) -> None:
    # Given an interview recorded on a reporter's phone, shown in the text as a photo is
    site.write("content/media/2024/rekaman.m4a", b"\x00\x00\x00\x1cftypM4A ")
    site.article("2024/03/lurah", "Lurah", "2024-03-01",
                 body="Kata lurah.\n\n![Wawancara dengan Lurah](media/2024/rekaman.m4a)\n")
    site.build()
    # Then the text plays it, the file published as it is
    page = site.read("2024/03/lurah/index.html")
    assert '<audio controls preload="metadata" src="/media/2024/rekaman.m4a"' in page
    assert (site.output / "media/2024/rekaman.m4a").is_file()
    # (as a story's `image`, a warning: its cards and previews show a photo)
    site.article("2024/03/klip", "Klip", "2024-03-03", image="media/2024/rekaman.m4a")
    warned = site.build().warnings
    assert [w.message.split(":")[0] for w in warned] == [
        "`image` 'media/2024/rekaman.m4a' is a recording"]
    assert "og:image" not in site.read("2024/03/klip/index.html")
    (site.root / "content/articles/2024/03/klip.md").unlink()
    # And one the text names that is not in content/media/ is an error at its line
    site.article("2024/03/camat", "Camat", "2024-03-02",
                 body="Kata camat.\n\n![Pesan suara](media/2024/PTT-0001.opus)\n")
    with pytest.raises(ContentError) as failed:
        site.build()
    assert [(p.line, p.message) for p in failed.value.problems if p.is_error] == [
        (7, "the recording 'media/2024/PTT-0001.opus' is not in content/media/")]


def test_a_portrait_and_a_logo_named_with_spaces_or_escapes_are_their_photos(
        site: SiteMaker) -> None:
    # Given a portrait and a logo whose names hold spaces, site.toml naming one as
    # written and the other with `%20`
    make_photo(site.root / "content/media/penulis/Ani Wijaya.jpg", (800, 800))
    make_photo(site.root / "content/media/Logo Kabar.png", (600, 200))
    toml = (site.root / "site.toml").read_text()
    site.write("site.toml", toml.replace(
        '[authors]\n', '[authors]\nAni = { name = "Ani Wijaya", photo = '
        '"media/penulis/Ani Wijaya.jpg" }\n').replace(
        'page_size = 3\n', 'page_size = 3\npublisher_logo = "media/Logo%20Kabar.png"\n'))
    site.article("2024/03/banjir", "Banjir", "2024-03-01", authors="[Ani]")
    # When the site is built
    site.build()
    # Then the author's page shows the portrait's derivative, and the structured data
    # names the logo's, each by a URL
    [portrait] = re.findall(r'<img class="author-photo" src="([^"]*)"',
                            site.read("author/ani-wijaya/index.html"))
    assert portrait == "/media/penulis/Ani%20Wijaya-480.webp"
    assert (site.output / unquote(portrait).lstrip("/")).is_file()
    page = site.read("2024/03/banjir/index.html")
    [logo] = re.findall(r'"logo": \{[^}]*"url": "([^"]*)"', page)
    assert logo == "https://kabar.example/media/Logo%20Kabar-600.jpg"
    assert (site.output / "media/Logo Kabar-600.jpg").is_file()


def test_a_file_named_with_an_escape_is_told_to_be_renamed(site: SiteMaker) -> None:
    # (a browser or wget saves a photo under its address's name)
    make_photo(site.root / "content/media/2024/Foto%20Lama.jpg", (900, 600))
    site.article("2024/03/banjir", "Banjir", "2024-03-01",
                 body="![Banjir](media/2024/Foto%20Lama.jpg)\n")
    with pytest.raises(ContentError) as failed:
        site.build()
    [problem] = [p for p in failed.value.problems if p.is_error]
    assert (problem.message, problem.hint) == (
        "the image 'media/2024/Foto%20Lama.jpg' is read as content/media/2024/Foto Lama.jpg: "
        "in a path, `%20` is a space",
        "rename the file content/media/2024/Foto%20Lama.jpg to Foto Lama.jpg")
