"""An editor's mistakes, made one at a time as `warta check` and `warta build` see them
(issue 19): each names the file and the line, suggests a fix where one makes sense,
exits 1 for an error with `output/` untouched, and 0 for a warning.

The test site's language is Indonesian: each problem is said in Indonesian, framed by
`kesalahan:` or `peringatan:`; tests/test_messages.py has mistakes of this table in both
languages, and the English of each of these is what the pure parsers' tests read.

The errors among them have invalid example sites too (tests/invalid_sites/).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SiteMaker, settings

NOW = "2026-03-01T09:00:00+07:00"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def build(site: SiteMaker) -> tuple[int, str, str]:
    return run("build", "--site", str(site.root), "--now", NOW)


def earlier_output(site: SiteMaker) -> dict[str, bytes]:
    """A good build's output, to compare with after a failed build."""
    site.article("lama", "Lama", "2024-01-01")
    assert build(site)[0] == 0
    return _files(site.output)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("tittle: Banjir\ndate: 2024-03-01",
         "kesalahan: content/articles/a.md:2: `title` tidak ada: `tittle` bukan kunci yang "
         "dibaca Warta \u2014 ganti `tittle` menjadi `title`"),
        ("judul: Banjir\ndate: 2024-03-01",
         "kesalahan: content/articles/a.md:2: `title` tidak ada: `judul` bukan kunci yang "
         "dibaca Warta \u2014 ganti `judul` menjadi `title`"),
        ("title: Banjir\ntanggal: 2024-03-01",
         "kesalahan: content/articles/a.md:3: `date` tidak ada: `tanggal` bukan kunci yang "
         "dibaca Warta \u2014 ganti `tanggal` menjadi `date`"),
        ("title: Banjir\ndate: 2024-03-01\ntags: [Banjir, BPBD\nlocation: Malang",
         "kesalahan: content/articles/a.md:4: YAML di frontmatter tidak valid: daftar `[` yang "
         "dibuka di sini tidak ditutup (terdeteksi di baris 5"),
        # (a corrected date written below the old one: YAML kept the last without a word)
        ("title: Banjir\ndate: 2024-03-01\ntags: [Banjir]\ndate: 2024-03-02",
         "kesalahan: content/articles/a.md:5: `date` ditulis dua kali, di baris 3 dan 5: hanya "
         "satu yang dibaca \u2014 pertahankan baris `date:` yang dimaksud dan hapus yang lain"),
        ("title: Banjir\ndate: 2024-03-01\ntags:\n  - Banjir\ntags: [Pasar]",
         "kesalahan: content/articles/a.md:6: `tags` ditulis dua kali, di baris 4 dan 6"),
        ("title: Banjir\ndate: 2024-03-01T07.3",
         "kesalahan: content/articles/a.md:3: `date` bukan tanggal: '2024-03-01T07.3'"),
    ],
)
def test_errors_name_the_line_and_leave_the_output(site: SiteMaker, lines: str,
                                                   expected: str) -> None:
    # Given a site built once, then a file with the mistake
    before = earlier_output(site)
    site.write("content/articles/a.md", f"---\n{lines}\n---\nIsi.\n")
    # When it is checked and built
    check = run("check", "--site", str(site.root))
    code, _, err = build(site)
    # Then both fail on that line and the output is as it was
    assert check[0] == 1 and check[2].startswith(expected)
    assert code == 1 and err.startswith(expected), err
    assert _files(site.output) == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("lokasi: Malang",
         "peringatan: content/articles/a.md:4: kunci `lokasi` tidak dikenal \u2014 maksud Anda "
         "`location`? Jika dibiarkan, Warta tidak membacanya"),
        ("penulis: Hmz",
         "peringatan: content/articles/a.md:4: kunci `penulis` tidak dikenal \u2014 maksud Anda "
         "`authors`? Jika dibiarkan, Warta tidak membacanya"),
        ('tags: "Banjir BPBD Cuaca"',
         "peringatan: content/articles/a.md:4: satu tag `Banjir BPBD Cuaca` \u2014 jika maksudnya "
         "3 tag, tulis `tags: [Banjir, BPBD, Cuaca]`; jika satu, tulis "
         "`tags: [Banjir BPBD Cuaca]`"),
        ("tags: Banjir; BPBD",
         "peringatan: content/articles/a.md:4: satu tag `Banjir; BPBD` \u2014 jika maksudnya "
         "2 tag, tulis `tags: [Banjir, BPBD]`; jika satu, tulis `tags: [Banjir; BPBD]`"),
        ("tags: Banjir, BPBD, Cuaca",
         "peringatan: content/articles/a.md:4: `tags` berupa satu teks berkoma, dibaca sebagai "
         "3 tag \u2014 tulis sebagai daftar YAML: `tags: [Banjir, BPBD, Cuaca]`"),
        ("authors: Hmz, Ulm",
         "peringatan: content/articles/a.md:4: `authors` berupa satu teks berkoma, dibaca "
         "sebagai 2 penulis \u2014 tulis sebagai daftar YAML: `authors: [Hmz, Ulm]`"),
        ("authors: [Hmzz]",
         "peringatan: content/articles/a.md:4: penulis `Hmzz` tidak ada di [authors] site.toml "
         "\u2014 maksud Anda `Hmz` (Hamid Zulkarnain)? Jika dibiarkan, nama ini mendapat "
         "halaman penulis sendiri"),
        ("author: Ady",
         "peringatan: content/articles/a.md:4: penulis `Ady` tidak ada di [authors] site.toml: "
         "nama penulis tampil sebagai `Ady` \u2014 tambahkan `Ady = \"Nama Lengkap\"` ke "
         "[authors] di site.toml"),
        ("authors: [Hamid Zulkarnian]",
         "peringatan: content/articles/a.md:4: penulis `Hamid Zulkarnian` tidak ada di [authors] "
         "site.toml \u2014 maksud Anda `Hmz` (Hamid Zulkarnain)? Jika dibiarkan, nama ini "
         "mendapat halaman penulis sendiri"),
    ],
)
def test_warnings_name_the_line_and_the_build_goes_on(site: SiteMaker, line: str,
                                                      expected: str) -> None:
    site.write("content/articles/a.md", f"---\ntitle: Banjir\ndate: 2024-03-01\n{line}\n"
               "---\nIsi.\n")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "1 peringatan" in out and err.splitlines() == [expected]
    code, _, err = build(site)
    assert code == 0 and err.splitlines() == [expected]
    assert (site.output / "2024/03/a/index.html").exists()


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("home_sise = 20",
         "peringatan: site.toml:6: kunci `home_sise` tidak dikenal \u2014 maksud Anda "
         "`home_size`?"),
        ("[outptus]\nfeeds = false",
         "peringatan: site.toml:6: tabel `[outptus]` tidak dikenal \u2014 maksud Anda "
         "`[outputs]`?"),
    ],
)
def test_misspelt_settings_are_warnings_naming_site_toml(site: SiteMaker, top: str,
                                                         expected: str) -> None:
    settings(site, top=top)
    site.article("a", "A", "2024-03-01")
    code, _, err = run("check", "--site", str(site.root))
    assert code == 0 and err.splitlines() == [expected]
    code, _, err = build(site)
    assert code == 0 and err.splitlines() == [expected]


def test_settings_warnings_are_reported_with_the_errors_of_a_failed_build(
        site: SiteMaker) -> None:
    settings(site, top="home_sise = 20")
    site.write("content/articles/a.md", "tanpa frontmatter\n")
    code, _, err = build(site)
    assert code == 1
    assert "site.toml:6: kunci `home_sise` tidak dikenal" in err
    assert "a.md:1: tidak ada frontmatter" in err


def test_a_date_a_year_ahead_is_a_warning_and_its_unpublishing_is_named(
        site: SiteMaker) -> None:
    # Given a published article
    site.article("a", "Banjir di Kota", "2026-02-01T10:00:00+07:00")
    assert build(site)[0] == 0
    # When its year gets a typo (2062 for 2026)
    site.article("a", "Banjir di Kota", "2062-02-01T10:00:00+07:00")
    assert run("check", "--site", str(site.root))[0] == 0  # a check first: the cache has
    code, out, err = build(site)                              # the new record by then
    # Then the build warns at the date's line, saying when it would appear, and its
    # summary names the article taken off the site
    assert code == 0
    assert err.splitlines() == [
        "peringatan: content/articles/a.md:3: `date` lebih dari setahun ke depan: artikel baru "
        "tampil mulai 2062-02-01T10:00+07:00, pada build pertama setelah itu \u2014 jika "
        "tahunnya salah ketik, perbaiki"]
    assert ("tidak lagi terbit: Banjir di Kota (/2026/02/banjir-di-kota/): kini bertanggal "
            "2062-02-01T10:00+07:00, jadi terjadwal") in out
    # (its published address answers with the gone notice meanwhile)
    assert "tidak lagi tersedia" in site.read("2026/02/banjir-di-kota/index.html")
    # And the next build, which unpublishes nothing, says nothing of it
    code, out, _ = build(site)
    assert code == 0 and "tidak lagi terbit" not in out


def test_a_date_within_a_year_is_scheduled_without_a_word(site: SiteMaker) -> None:
    site.article("a", "Besok", "2027-02-01T10:00:00+07:00")
    code, _, err = build(site)
    assert code == 0 and err == ""


def test_an_article_made_a_draft_is_named_in_the_summary(site: SiteMaker) -> None:
    site.article("a", "Banjir di Kota", "2026-02-01T10:00:00+07:00")
    site.article("b", "Lain", "2026-02-02T10:00:00+07:00")
    assert build(site)[0] == 0
    site.article("a", "Banjir di Kota", "2026-02-01T10:00:00+07:00", draft="true")
    code, out, _ = build(site)
    assert code == 0
    assert "tidak lagi terbit: Banjir di Kota (/2026/02/banjir-di-kota/): kini draf" in out


def test_an_image_without_src_shows_no_photo_anywhere(site: SiteMaker) -> None:
    # Given what the importer writes for a text whose photo it does not have
    site.write("content/articles/a.md", "---\ntitle: Banjir\ndate: 2024-03-01\nimage:\n"
               "  caption: Genangan di Klojen.\n  credit: Istimewa\n---\nIsi.\n")
    site.write("content/media/foto.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.article("b", "Rapat", "2024-03-02", image="{src: media/foto.svg, alt: Rapat}")
    expected = ("peringatan: content/articles/a.md:4: `image` tidak punya `src`: foto tidak "
                "tampil, hanya `caption` dan `credit` \u2014 tambahkan `src: media/\u2026` atau "
                "hapus `image`")
    # When it is checked and built
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "1 peringatan" in out and err.splitlines() == [expected]
    code, _, err = build(site)
    assert code == 0 and err.splitlines() == [expected]
    # Then no page, list or feed has an empty image, and the caption is text
    pages = {path: data.decode() for path, data in _files(site.output).items()
             if path.endswith((".html", ".xml", ".json"))}
    assert not [path for path, text in pages.items() if 'src=""' in text]
    assert not [path for path, text in pages.items() if '/static/"' in text]
    article = pages["2024/03/a/index.html"]
    assert "<img" not in article.split("<article", 1)[1].split("</article>")[0]
    assert '"image"' not in article and "og:image" not in article
    assert "Genangan di Klojen." in article and "Istimewa" in article
    assert pages["index.html"].count("<img") == 1  # the other article's photo
    assert '"image": ["https://' in pages["2024/03/rapat/index.html"].replace('":["', '": ["')


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("image:\n  alt: Banjir\n  src: media/2024/banjir.jpg",
         "kesalahan: content/articles/a.md:4: gambar 'media/2024/banjir.jpg' tidak ada di "
         "content/media/ \u2014 tambahkan berkasnya sebagai content/media/2024/banjir.jpg atau "
         "perbaiki path-nya"),
        ("featured_image: {src: /home/editor/Foto/banjir.jpg, alt: Banjir}",
         "kesalahan: content/articles/a.md:4: gambar '/home/editor/Foto/banjir.jpg' adalah "
         "berkas di komputer Anda, di luar situs \u2014 salin foto ke content/media/ (misalnya "
         "sebagai content/media/banjir.jpg) lalu tulis `media/banjir.jpg`"),
        ("image: {src: ~/Foto/banjir.jpg, alt: Banjir}",
         "kesalahan: content/articles/a.md:4: gambar '~/Foto/banjir.jpg' adalah berkas di "
         "komputer Anda, di luar situs \u2014 salin foto ke content/media/ (misalnya sebagai "
         "content/media/banjir.jpg) lalu tulis `media/banjir.jpg`"),
    ],
)
def test_a_missing_image_file_is_an_error_at_its_line(site: SiteMaker, image: str,
                                                      expected: str) -> None:
    site.write("content/articles/a.md",
               f"---\ntitle: Banjir\ndate: 2024-03-01\n{image}\n---\nIsi.\n")
    code, _, err = run("check", "--site", str(site.root))
    assert code == 1 and err.splitlines()[0] == expected
    code, _, err = build(site)
    assert code == 1 and err.splitlines()[0] == expected
    assert not site.output.exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tags: [Banjr]",
         "peringatan: content/articles/c.md:4: hanya artikel ini yang memakai tag `Banjr`: "
         "maksud Anda `Banjir` (2 artikel)? \u2014 perbaiki ejaannya, atau petakan di "
         "[tag_aliases] site.toml; jika dibiarkan, tag ini mendapat halaman tag sendiri"),
        ("authors: [Rudi Hartonoo]",
         "peringatan: content/articles/c.md:4: hanya artikel ini yang memakai penulis "
         "`Rudi Hartonoo`: maksud Anda `Rudi Hartono` (2 artikel)? \u2014 perbaiki ejaannya; "
         "jika dibiarkan, nama ini mendapat halaman penulis sendiri"),
    ],
)
def test_a_name_only_one_article_has_is_compared_with_the_names_in_use(
        site: SiteMaker, line: str, expected: str) -> None:
    for name in ("a", "b"):
        site.write(f"content/articles/{name}.md", f"---\ntitle: {name}\ndate: 2024-03-01\n"
                   "tags: [Banjir]\nauthors: [Rudi Hartono]\n---\nIsi.\n")
    site.write("content/articles/c.md", f"---\ntitle: c\ndate: 2024-03-02\n{line}\n"
               "---\nIsi.\n")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and err.splitlines() == [expected]
    # The quick way (an edit elsewhere) and the whole way report the same.
    assert build(site)[2].splitlines() == [expected]
    site.write("content/articles/a.md", "---\ntitle: a\ndate: 2024-03-01\n"
               "tags: [Banjir]\nauthors: [Rudi Hartono]\n---\nIsi lain.\n")
    assert build(site)[2].splitlines() == [expected]
    # Once a second article shares the name, it is a name in use.
    site.write("content/articles/d.md", f"---\ntitle: d\ndate: 2024-03-03\n{line}\n"
               "---\nIsi.\n")
    assert build(site)[2] == ""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # Two articles: the URL comes from the `slug` when there is one, else the file
        # name (and the date, where the line points then).
        ({"a.md": "title: Banjir\ndate: 2024-03-01\nslug: banjir",
          "b.md": "title: Banjir Lagi\ndate: 2024-03-01\nslug: banjir"},
         "kesalahan: content/articles/b.md:4: URL /2024/03/banjir/ juga dipakai oleh "
         "content/articles/a.md:4 \u2014 beri salah satunya `slug` (atau tanggal) yang berbeda"),
        ({"banjir.md": "date: 2024-03-01\ntitle: Banjir",
          "lama/banjir.md": "title: Banjir!\ndate: 2024-03-01T12:00:00+07:00"},
         "kesalahan: content/articles/lama/banjir.md:3: URL /2024/03/banjir/ juga dipakai "
         "oleh content/articles/banjir.md:2 \u2014 beri salah satunya `slug` (atau tanggal) "
         "yang berbeda"),
        # An alias that is another article's URL, and one alias in two articles.
        ({"banjir.md": "title: Banjir\ndate: 2024-03-01",
          "b.md": "title: Rapat\ndate: 2024-03-02\naliases: [/2024/03/banjir/]"},
         "kesalahan: content/articles/b.md:4: alias /2024/03/banjir/ juga dipakai oleh "
         "content/articles/banjir.md:3 \u2014 hapus dari `aliases` di sini"),
        ({"a.md": "title: Banjir\ndate: 2024-03-01\naliases:\n  - /berita/1.html",
          "b.md": "title: Rapat\ndate: 2024-03-02\naliases: [/berita/1.html]"},
         "kesalahan: content/articles/b.md:4: alias /berita/1.html juga dipakai oleh "
         "content/articles/a.md:4 \u2014 hapus dari `aliases` salah satunya"),
        # Two pages (published at /<slug>/): one slug written, one from the file name.
        ({"../pages/a.md": "title: Tentang Kami\nslug: tentang",
          "../pages/tentang.md": "title: Tentang"},
         "kesalahan: content/pages/tentang.md:2: URL /tentang/ juga dipakai oleh "
         "content/pages/a.md:3 \u2014 beri salah satunya `slug` (atau tanggal) yang berbeda"),
    ],
)
def test_a_url_two_files_would_have_names_both_at_their_lines(
        site: SiteMaker, files: dict[str, str], expected: str) -> None:
    before = earlier_output(site)
    for name, lines in files.items():
        site.write(f"content/articles/{name}", f"---\n{lines}\n---\nIsi.\n")
    check = run("check", "--site", str(site.root))
    code, _, err = build(site)
    assert check[0] == 1 and check[2].splitlines()[0] == expected
    assert code == 1 and err.splitlines()[0] == expected
    assert _files(site.output) == before
