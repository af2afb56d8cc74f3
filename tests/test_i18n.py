"""UI strings in the site's language, from the theme's catalogs or the site's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SiteMaker

THEME_LOCALES = Path(__file__).resolve().parents[1] / "themes/default/locales"


def one_article(site: SiteMaker) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]", authors="[Hmz]",
                 updated="2024-03-02T09:00:00+07:00")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]")


def test_an_indonesian_site_speaks_indonesian(site: SiteMaker) -> None:
    one_article(site)
    site.build()
    page = site.read("2024/03/satu/index.html") + site.read("2024/03/dua/index.html")
    for text in ("Oleh", "Diperbarui", "Baca juga", "Lebih baru", "Berita terkait",
                 "Arsip per bulan", "Umpan berita", "Sabtu, 2 Maret 2024 09.00 WIB"):
        assert text in page, text
    assert "Maret 2024" in site.read("2024/index.html")


def test_an_english_site_speaks_english(site: SiteMaker) -> None:
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace('language = "id"', 'language = "en"'))
    one_article(site)
    site.build()
    page = site.read("2024/03/satu/index.html") + site.read("2024/03/dua/index.html")
    for text in ("By", "Updated", "Read also", "Newer", "Related news", "Archive by month",
                 "Saturday, March 2, 2024"):
        assert text in page, text
    assert "Diperbarui" not in page and "Oleh" not in page
    assert '<meta property="og:locale" content="en">' in page
    assert "March 2024" in site.read("2024/index.html")
    assert "<h1>Archive by month</h1>" in site.read("arsip/tahun/index.html")


def test_a_site_overrides_one_string(site: SiteMaker) -> None:
    site.write("locales/id.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"'
               '\n\nmsgid "Related news"\nmsgstr "Simak juga"\n')
    one_article(site)
    site.build()
    page = site.read("2024/03/dua/index.html")
    assert "Simak juga" in page and "Berita terkait" not in page
    assert "Baca juga" in page  # the other strings still come from the theme


def test_both_catalogs_translate_the_same_strings() -> None:
    def ids(name: str) -> set[str]:
        text = (THEME_LOCALES / name).read_text(encoding="utf-8")
        return {line[7:-1] for line in text.splitlines() if line.startswith('msgid "')} - {""}

    assert ids("id.po") == ids("en.po")
    templates = THEME_LOCALES.parent / "templates"
    used = "".join(p.read_text(encoding="utf-8") for p in templates.iterdir())
    missing = {s for s in ids("id.po") if f'"{s}"' not in used and f"'{s}'" not in used}
    assert not missing, f"strings no template uses: {missing}"


def test_every_entry_of_the_catalogs_is_whole(capsys: pytest.CaptureFixture[str]) -> None:
    # A msgid without its msgstr (as a merge can leave one) is read with a warning on
    # stdout, which would then open every English build's output.
    from babel.messages.pofile import read_po

    for name in ("id.po", "en.po"):
        with (THEME_LOCALES / name).open("rb") as file:
            read_po(file)
        assert capsys.readouterr().out == "", name
