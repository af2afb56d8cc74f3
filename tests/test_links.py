"""Links to pages of the site that answer nothing, found by `warta check`
(build/links.py): a typo in an address an editor wrote in a story."""

from __future__ import annotations

import pytest

from generator.build.links import broken_links, links_of, relative, site_path
from tests.conftest import SiteMaker
from tests.test_cli import run

BASE = "https://warta.example/"


def test_links_of_finds_markdown_reference_and_html_links_at_their_lines() -> None:
    text = ("---\ntitle: A\n---\nBaca [lama](/2024/01/a/ \"judul\") dan\n"
            "[ref][1], <a href='/tag/banjir/'>tag</a>.\n\n[1]: /2024/02/b/\n")
    assert links_of(text) == [(4, "/2024/01/a/"), (5, "/tag/banjir/"), (7, "/2024/02/b/")]


def test_site_path_keeps_links_of_this_site_only() -> None:
    assert site_path("/2024/01/a/?utm=x#isi", BASE) == "/2024/01/a/"
    assert site_path(BASE + "tag/banjir/", BASE) == "/tag/banjir/"
    assert site_path("/tag/caf%C3%A9/", BASE) == "/tag/café/"
    for other in ("https://lain.example/x/", "//cdn.example/x.js", "x.pdf", "#isi",
                  "mailto:redaksi@warta.example"):
        assert site_path(other, BASE) is None


def test_site_path_reads_a_relative_link_from_its_page_and_roots_media_paths() -> None:
    page = "/2024/03/banjir/"
    assert site_path("2024/01/a/", BASE, page) == "/2024/03/banjir/2024/01/a/"
    assert site_path("../../01/a/", BASE, page) == "/2024/01/a/"
    assert site_path("2024/01/a/", BASE) is None  # (its page not known: not read)
    for media in ("media/x.pdf", "content/media/x.pdf", "/content/media/x.pdf"):
        assert site_path(media, BASE) == "/media/x.pdf"
        assert not relative(media)


@pytest.mark.parametrize(("target", "said"), [
    ("http://localhost:8000/2024/01/a/", "content/articles/b.md:4: the link "
     "http://localhost:8000/2024/01/a/ leads to the preview on your computer: readers "
     "cannot open it \u2014 write the address without the computer's part: /2024/01/a/"),
    ("http://127.0.0.1:8000/", "content/articles/b.md:4: the link http://127.0.0.1:8000/ "
     "leads to the preview on your computer: readers cannot open it \u2014 write the "
     "address without the computer's part: /"),
    ("file:///C:/Users/redaksi/laporan%20akhir.pdf", "content/articles/b.md:4: the link "
     "file:///C:/Users/redaksi/laporan%20akhir.pdf leads to a file on your computer, "
     "outside the site \u2014 copy the file into content/media/ and link "
     "`media/laporan akhir.pdf`"),
    ("2024/01/a/", "content/articles/b.md:4: the link 2024/01/a/ is read from this page's "
     "address, as /2024/03/b/2024/01/a/, where no page is \u2014 start it with `/`: "
     "/2024/01/a/"),
    ("www.pemkot.go.id", "content/articles/b.md:4: the link www.pemkot.go.id is read from "
     "this page's address, as /2024/03/b/www.pemkot.go.id, where no page is \u2014 a link "
     "to another site starts with https://: https://www.pemkot.go.id"),
    ("2024/01/ab/", "content/articles/b.md:4: the link 2024/01/ab/ is read from this "
     "page's address, as /2024/03/b/2024/01/ab/, where no page is \u2014 did you mean "
     "/2024/01/a/?"),
    ("2024/01/zz/", "content/articles/b.md:4: the link 2024/01/zz/ is read from this "
     "page's address, as /2024/03/b/2024/01/zz/, where no page is \u2014 write the "
     "page's address from the site's root, starting with `/`"),
    ("../../01/a/", None), ("https://lain.example/x/", None), ("mailto:r@warta.example", None),
])
def test_links_no_reader_can_follow(target: str, said: str | None) -> None:
    links = {"content/articles/b.md": [(4, target)]}
    found = broken_links(links, BASE, lambda path: path == "/2024/01/a/",
                         lambda path: "/2024/01/a/" if path == "/2024/01/ab/" else None,
                         pages={"content/articles/b.md": "/2024/03/b/"})
    assert [str(p) for p in found] == ([said] if said else [])
    assert all(p.severity == "warning" for p in found)


def test_broken_links_warns_at_the_line_with_the_closest_address() -> None:
    texts = {"content/articles/b.md": "---\ntitle: B\n---\n[x](/2024/01/banjir-bandag/)\n"
                                      "[y](/2024/01/banjir-bandang/) ![z](/media/2024/a.jpg)\n"
                                      "[unduh](media/2024/a.jpg)\n"}
    found = broken_links({path: links_of(text) for path, text in texts.items()}, BASE,
                         lambda path: path == "/2024/01/banjir-bandang/",
                         lambda path: "/2024/01/banjir-bandang/")
    # (A photo shown is checked with the photos: its derivatives are published. A link
    # to it leads to a file that is not.)
    assert [str(p) for p in found] == [
        "content/articles/b.md:4: the link /2024/01/banjir-bandag/ leads to no page of "
        "this site — did you mean /2024/01/banjir-bandang/?",
        "content/articles/b.md:6: the link media/2024/a.jpg leads to a photo's own file, "
        "which is not published: only its sized copies are — show it as an image "
        "(`![…](media/2024/a.jpg)`), or link a file of another kind, such as a PDF"]
    assert found[0].severity == "warning"


def test_warta_check_names_a_mistyped_link_before_it_is_published(site: SiteMaker) -> None:
    # Given a built archive, and a new story linking one page that exists, one that is
    # written in the same build, one a letter off and one that never was
    site.article("2024/03/banjir-bandang", "Banjir Bandang", "2024-03-01", tags="[Banjir]")
    site.build()
    site.article("2024/03/susulan", "Susulan", "2024-03-02", tags="[Banjir]", body=(
        "Lanjutan [berita](/2024/03/banjir-bandang/), [tag](/tag/banjir/),\n"
        "[ini](/2024/03/susulan/), [salah](/2024/03/banjir-badang/) dan\n"
        "[hilang](https://kabar.example/2023/01/tidak-pernah/).\n"))
    # When the editor runs `warta check`
    code, out, err = run("check", "--site", str(site.root))
    # Then the two wrong ones are warnings at their lines, the closest page offered
    path = "content/articles/2024/03/susulan.md"
    assert code == 0 and "OK: 2 artikel, 2 peringatan" in out
    assert (f"{path}:7: tautan /2024/03/banjir-badang/ tidak menuju halaman mana pun di "
            "situs ini — maksudnya /2024/03/banjir-bandang/?") in err
    assert f"{path}:8: tautan https://kabar.example/2023/01/tidak-pernah/" in err
    # And nothing was written
    assert not (site.output / "2024/03/susulan").exists()


def test_warta_check_names_a_footer_link_of_site_toml_that_answers_nothing(
        site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01")
    site.write("content/pages/redaksi.md", "---\ntitle: Redaksi\n---\nKami.\n")
    toml = site.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[footer]\nlinks = [\n'
                    '  { title = "Redaksi", url = "/redaksi/" },\n'
                    '  { title = "Pedoman", url = "/pedoman/" },\n]\n', encoding="utf-8")
    code, out, err = run("check", "--site", str(site.root))
    line = toml.read_text(encoding="utf-8").splitlines().index(
        '  { title = "Pedoman", url = "/pedoman/" },') + 1
    assert code == 0 and "1 peringatan" in out
    assert f"site.toml:{line}: tautan /pedoman/ tidak menuju halaman" in err


def test_warta_check_names_a_link_to_a_story_taken_off_the_site(site: SiteMaker) -> None:
    # Given a built archive where a story was deleted (its address answers the gone
    # notice) and another still links it
    site.article("2024/03/hoaks", "Hoaks", "2024-03-01", tags="[Banjir]")
    site.article("2024/03/lain", "Lain", "2024-03-02", tags="[Banjir]",
                 body="Lihat [ini](/2024/03/hoaks/).\n")
    site.build()
    (site.root / "content/articles/2024/03/hoaks.md").unlink()
    site.build()
    assert "gone content/articles/2024/03/hoaks.md" in (
        site.root / "content/published-urls.txt").read_text(encoding="utf-8")
    # When the editor runs `warta check`, then the link is named at its line
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "1 peringatan" in out
    assert ("content/articles/2024/03/lain.md:6: tautan /2024/03/hoaks/ menuju halaman yang "
            "sudah diturunkan") in err


def test_a_target_between_angle_brackets_is_read_whole() -> None:
    # (`<media/Surat Edaran.pdf>` works in a browser: `media/Surat` was warned about)
    assert links_of("---\ntitle: A\n---\n[surat](<media/Surat Edaran.pdf>) dan "
                    "[x](</2024/01/a/>)\n") == [(4, "/2024/01/a/"),
                                               (4, "media/Surat Edaran.pdf")]


def test_links_in_code_are_examples_not_links() -> None:
    text = ("---\ntitle: A\n---\nTulis `[teks](/contoh/alamat/)` untuk tautan.\n\n```\n"
            "[teks](/contoh/lain/)\n```\n\n[nyata](/2024/01/a/)\n")
    assert links_of(text) == [(10, "/2024/01/a/")]


def test_warta_check_sees_what_this_build_deletes_and_leaves_drafts_and_hidden_files(
        site: SiteMaker) -> None:
    # Given a built archive: a story linked by another, a draft linking a draft, an
    # editor's lock file and a hidden folder's old copy
    site.article("2024/03/hoaks", "Hoaks", "2024-03-01", tags="[Banjir]")
    site.article("2024/03/lain", "Lain", "2024-03-02", tags="[Banjir]",
                 body="Lihat [ini](/2024/03/hoaks/) dan [x](/a%00b/c/).\n")
    site.article("2024/03/konsep", "Konsep", "2024-03-03", draft="true",
                 body="Lihat [konsep lain](/2024/03/konsep-lain/).\n")
    site.write("content/pages/.trash/lama.md", "---\ntitle: Lama\n---\n[x](/tidak-ada/)\n")
    (site.root / "content/articles/2024/03/.#lain.md").symlink_to("editor@host.1:1")
    site.build()
    # When the linked story is deleted, and `warta check` runs before the build
    (site.root / "content/articles/2024/03/hoaks.md").unlink()
    code, out, err = run("check", "--site", str(site.root))
    # Then the link to it is named, as after the build, and the odd one too; not the
    # draft's link, nor the hidden files'
    assert code == 0 and "OK: 1 artikel, 2 peringatan" in out, err
    assert "lain.md:6: tautan /2024/03/hoaks/ menuju halaman yang sudah diturunkan" in err
    assert "lain.md:6: tautan /a%00b/c/ tidak menuju halaman" in err


def test_warta_check_reads_a_relative_link_from_the_page_it_is_on(site: SiteMaker) -> None:
    # Given a built story, and a new one linking it without the `/` at the start, and a
    # static page linking a PDF that is not in content/media/
    site.article("2024/03/banjir-bandang", "Banjir Bandang", "2024-03-01")
    site.build()
    site.article("2024/03/susulan", "Susulan", "2024-03-02",
                 body="Lanjutan [berita](2024/03/banjir-bandang/).\n")
    site.write("content/pages/unduhan.md", "---\ntitle: Unduhan\n---\n"
               "[Laporan](media/dokumen/laporan.pdf)\n")
    # When the editor runs `warta check`
    code, out, err = run("check", "--site", str(site.root))
    # Then each is a warning at its line, read as a reader's browser reads it
    assert code == 0 and "2 peringatan" in out, out + err
    assert ("content/articles/2024/03/susulan.md:5: tautan 2024/03/banjir-bandang/ dibaca "
            "dari alamat halaman ini, menjadi /2024/03/susulan/2024/03/banjir-bandang/, yang "
            "tidak berisi halaman apa pun \u2014 awali dengan `/`: /2024/03/banjir-bandang/") in err
    assert ("content/pages/unduhan.md:4: tautan media/dokumen/laporan.pdf tidak menuju "
            "halaman mana pun di situs ini") in err


def test_a_story_with_windows_line_ends_has_its_relative_links_read(site: SiteMaker) -> None:
    site.article("2024/03/banjir-bandang", "Banjir Bandang", "2024-03-01")
    site.build()
    site.write("content/articles/2024/03/susulan.md",
               b"---\r\ntitle: Susulan\r\ndate: 2024-03-02\r\n---\r\n"
               b"Lanjutan [berita](2024/03/banjir-bandang/).\r\n")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "1 peringatan" in out, out + err
    assert "susulan.md:5: tautan 2024/03/banjir-bandang/ dibaca dari alamat" in err


@pytest.mark.parametrize(("text", "warned"), [
    ("![Banjir di [Kampung] Melayu](media/2024/banjir.jpg)\n", False),  # (brackets inside)
    ("![Banjir][foto]\n\n[foto]: media/2024/banjir.jpg\n", False),  # (a reference image)
    ("[![Banjir](media/2024/banjir.jpg)](media/2024/banjir.jpg)\n", True),  # (enlarge: 404)
    ("[unduh][f]\n\n[f]: media/2024/banjir.jpg\n", True),
])
def test_an_image_of_a_photo_is_the_photos_steps_and_a_link_to_it_is_named(
        text: str, warned: bool) -> None:
    links = {"content/articles/b.md": links_of("---\ntitle: B\n---\n" + text)}
    found = broken_links(links, BASE, lambda path: False, lambda path: None)
    assert [("photo's own file" in p.message) for p in found] == ([True] if warned else [])


def test_with_originals_published_a_link_to_a_jpeg_spelling_names_the_jpg() -> None:
    links = {"content/articles/b.md": [(4, "media/2024/banjir.jpeg"),
                                       (5, "media/2024/peta.png")]}
    published = {"/media/2024/banjir.jpg", "/media/2024/peta.png"}
    found = broken_links(links, BASE, published.__contains__, lambda path: None,
                         originals=True)
    assert [str(p) for p in found] == [
        "content/articles/b.md:4: the link media/2024/banjir.jpeg leads to a photo's own "
        "file, published as /media/2024/banjir.jpg \u2014 link /media/2024/banjir.jpg"]
