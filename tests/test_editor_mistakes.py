"""An editor's mistakes, made one at a time as `warta check` and `warta build` see them
(issue 19): each names the file and the line, suggests a fix where one makes sense,
exits 1 for an error with `output/` untouched, and 0 for a warning.

The test site's language is Indonesian (`kesalahan:`, `peringatan:` frame each problem);
tests/test_messages.py has the same in English.

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
         "kesalahan: content/articles/a.md:2: missing `title`: `tittle` is not a key Warta reads "
         "\u2014 rename `tittle` to `title`"),
        ("judul: Banjir\ndate: 2024-03-01",
         "kesalahan: content/articles/a.md:2: missing `title`: `judul` is not a key Warta reads "
         "\u2014 rename `judul` to `title`"),
        ("title: Banjir\ntanggal: 2024-03-01",
         "kesalahan: content/articles/a.md:3: missing `date`: `tanggal` is not a key Warta reads "
         "\u2014 rename `tanggal` to `date`"),
        ("title: Banjir\ndate: 2024-03-01\ntags: [Banjir, BPBD\nlocation: Malang",
         "kesalahan: content/articles/a.md:4: invalid YAML in the frontmatter: the list `[` "
         "opened here is not closed (noticed at line 5"),
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
         "peringatan: content/articles/a.md:4: unknown key `lokasi` \u2014 did you mean "
         "`location`? As written, Warta does not read it"),
        ("penulis: Hmz",
         "peringatan: content/articles/a.md:4: unknown key `penulis` \u2014 did you mean "
         "`authors`? As written, Warta does not read it"),
        ('tags: "Banjir BPBD Cuaca"',
         "peringatan: content/articles/a.md:4: one tag `Banjir BPBD Cuaca` \u2014 if you meant 3 "
         "tags, write `tags: [Banjir, BPBD, Cuaca]`; for one, write "
         "`tags: [Banjir BPBD Cuaca]`"),
        ("tags: Banjir, BPBD, Cuaca",
         "peringatan: content/articles/a.md:4: `tags` is one text with commas, read as 3 tags "
         "\u2014 write a YAML list: `tags: [Banjir, BPBD, Cuaca]`"),
        ("authors: Hmz, Ulm",
         "peringatan: content/articles/a.md:4: `authors` is one text with commas, read as 2 "
         "authors \u2014 write a YAML list: `authors: [Hmz, Ulm]`"),
        ("authors: [Hmzz]",
         "peringatan: content/articles/a.md:4: the author `Hmzz` is not in [authors] of "
         "site.toml \u2014 did you mean `Hmz` (Hamid Zulkarnain)? As written, it gets an "
         "author page of its own"),
        ("author: Ady",
         "peringatan: content/articles/a.md:4: the author `Ady` is not in [authors] of "
         "site.toml: the byline shows `Ady` \u2014 add `Ady = \"Full Name\"` to [authors] in "
         "site.toml"),
        ("authors: [Hamid Zulkarnian]",
         "peringatan: content/articles/a.md:4: the author `Hamid Zulkarnian` is not in [authors] "
         "of site.toml \u2014 did you mean `Hmz` (Hamid Zulkarnain)? As written, it gets an "
         "author page of its own"),
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
         "peringatan: site.toml:6: unknown key `home_sise` \u2014 did you mean `home_size`?"),
        ("[outptus]\nfeeds = false",
         "peringatan: site.toml:6: unknown table `[outptus]` \u2014 did you mean `[outputs]`?"),
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
    assert "site.toml:6: unknown key `home_sise`" in err and "a.md:1: no frontmatter" in err


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
        "peringatan: content/articles/a.md:3: `date` is more than a year ahead: the article "
        "will appear only from 2062-02-01T10:00+07:00, in the first build after that "
        "\u2014 if the year is a typo, correct it"]
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
    expected = ("peringatan: content/articles/a.md:4: `image` has no `src`: no photo is shown, "
                "only its `caption` and `credit` \u2014 add `src: media/\u2026` or remove "
                "`image`")
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
         "kesalahan: content/articles/a.md:4: the image 'media/2024/banjir.jpg' is not in "
         "content/media/ \u2014 add the file as content/media/2024/banjir.jpg or correct the "
         "path"),
        ("featured_image: {src: /home/editor/Foto/banjir.jpg, alt: Banjir}",
         "kesalahan: content/articles/a.md:4: the image '/home/editor/Foto/banjir.jpg' is a file "
         "on your computer, outside the site \u2014 copy the photo into content/media/ (e.g. "
         "as content/media/banjir.jpg) and write `media/banjir.jpg`"),
        ("image: {src: ~/Foto/banjir.jpg, alt: Banjir}",
         "kesalahan: content/articles/a.md:4: the image '~/Foto/banjir.jpg' is a file on your "
         "computer, outside the site \u2014 copy the photo into content/media/ (e.g. as "
         "content/media/banjir.jpg) and write `media/banjir.jpg`"),
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
         "peringatan: content/articles/c.md:4: the tag `Banjr` is on this article alone: did "
         "you mean `Banjir` (2 articles)? \u2014 correct the spelling, or map it in "
         "[tag_aliases] of site.toml; as written, it gets a tag page of its own"),
        ("authors: [Rudi Hartonoo]",
         "peringatan: content/articles/c.md:4: the author `Rudi Hartonoo` is on this article "
         "alone: did you mean `Rudi Hartono` (2 articles)? \u2014 correct the spelling; as "
         "written, it gets an author page of its own"),
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
         "kesalahan: content/articles/b.md:4: the URL /2024/03/banjir/ is also used by "
         "content/articles/a.md:4 \u2014 give one of them a different `slug` (or date)"),
        ({"banjir.md": "date: 2024-03-01\ntitle: Banjir",
          "lama/banjir.md": "title: Banjir!\ndate: 2024-03-01T12:00:00+07:00"},
         "kesalahan: content/articles/lama/banjir.md:3: the URL /2024/03/banjir/ is also "
         "used by content/articles/banjir.md:2 \u2014 give one of them a different `slug` "
         "(or date)"),
        # An alias that is another article's URL, and one alias in two articles.
        ({"banjir.md": "title: Banjir\ndate: 2024-03-01",
          "b.md": "title: Rapat\ndate: 2024-03-02\naliases: [/2024/03/banjir/]"},
         "kesalahan: content/articles/b.md:4: an alias /2024/03/banjir/ is also used by "
         "content/articles/banjir.md:3 \u2014 remove it from `aliases` here"),
        ({"a.md": "title: Banjir\ndate: 2024-03-01\naliases:\n  - /berita/1.html",
          "b.md": "title: Rapat\ndate: 2024-03-02\naliases: [/berita/1.html]"},
         "kesalahan: content/articles/b.md:4: an alias /berita/1.html is also used by "
         "content/articles/a.md:4 \u2014 remove it from the `aliases` of one of them"),
        # Two pages (published at /<slug>/): one slug written, one from the file name.
        ({"../pages/a.md": "title: Tentang Kami\nslug: tentang",
          "../pages/tentang.md": "title: Tentang"},
         "kesalahan: content/pages/tentang.md:2: the URL /tentang/ is also used by "
         "content/pages/a.md:3 \u2014 give one of them a different `slug` (or date)"),
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
